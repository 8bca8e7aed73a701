// Awaits the futures one after another in a loop: the outputs are right and in order,
// but ten one-second futures take ten seconds.
//
// expect: failed
// message: gather awaited the futures one after another

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// All the outputs of `futures`, in input order; they run at the same time.
pub async fn gather<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut outputs = Vec::new();
    for future in futures {
        outputs.push(future.await);
    }
    outputs
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
