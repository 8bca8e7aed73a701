// The library's versions: `futures::future::join_all` and `try_join_all`, which keep the
// outputs in input order, poll only the unfinished futures, and (`try_join_all`) return
// the first error at once, dropping the rest.

use std::future::Future;

/// All the outputs of `futures`, in input order; they run at the same time.
pub async fn gather<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    futures::future::join_all(futures).await
}

/// All the values of `futures` in input order, or the first error to happen, returned at
/// once (the unfinished futures are dropped).
pub async fn try_gather<T, E, F>(futures: impl IntoIterator<Item = F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>>,
{
    futures::future::try_join_all(futures).await
}
