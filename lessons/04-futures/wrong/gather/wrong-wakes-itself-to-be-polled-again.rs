// Wakes its own task whenever it returns `Pending`, "to make sure it is polled again":
// the executor polls it without end while nothing is ready (busy-polling), and under a
// paused clock time never moves on.
//
// expect: failed
// message: that is busy-polling

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
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await
}

/// All the values of `futures` in input order, or the first error to happen, returned at
/// once (the unfinished futures are dropped).
pub async fn try_gather<T, E, F>(futures: impl IntoIterator<Item = F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>>,
{
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut values: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (future, value) in futures.iter_mut().zip(values.iter_mut()) {
            if value.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(Ok(ok)) => *value = Some(ok),
                    Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
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
