// `try_gather` spawns every future as a tokio task and polls the `JoinHandle`s: it returns
// the first error at once, but dropping the handles does not cancel the tasks, so the
// futures that were still running go on after `try_gather` returned.
//
// expect: failed
// message: a spawned task is not cancelled

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// All the outputs of `futures`, in input order; they run at the same time.
pub async fn gather<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            Poll::Ready(
                outputs
                    .iter_mut()
                    .map(|output| output.take().unwrap())
                    .collect(),
            )
        } else {
            Poll::Pending
        }
    })
    .await
}

/// All the values of `futures` in input order, or the first error to happen, returned at
/// once (the unfinished futures are dropped).
pub async fn try_gather<T, E, F>(futures: impl IntoIterator<Item = F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut values: Vec<Option<T>> = handles.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (handle, value) in handles.iter_mut().zip(values.iter_mut()) {
            if value.is_none() {
                match Pin::new(handle).poll(cx) {
                    Poll::Ready(Ok(Ok(ok))) => *value = Some(ok),
                    Poll::Ready(Ok(Err(error))) => return Poll::Ready(Err(error)),
                    Poll::Ready(Err(panicked)) => panic!("a future panicked: {panicked}"),
                    Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            Poll::Ready(Ok(values
                .iter_mut()
                .map(|value| value.take().unwrap())
                .collect()))
        } else {
            Poll::Pending
        }
    })
    .await
}
