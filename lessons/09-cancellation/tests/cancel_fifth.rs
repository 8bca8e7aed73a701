//! Exercise `cancel_fifth`: ten tasks at once, one cancelled; every outcome reported.
//!
//! Each job is wrapped in a probe that records, on tokio's paused clock, when it was
//! first polled, whether it finished and when its future was dropped: a cancelled job
//! must be dropped at t = 0 without finishing (a detached one keeps running), and the
//! others must run at the same time (a timeline shows it when they do not).

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::FutureExt;
use lesson_09_cancellation::cancel_fifth::{Outcome, cancel_one, payload_work};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use tokio::time::Instant;

/// What a probe saw of its job, as times since the test's start (tokio's clock).
#[derive(Debug, Default, Clone)]
struct Seen {
    polled: Option<Duration>,
    finished: Option<Duration>,
    dropped: Option<Duration>,
}

/// Records what happens to the future it wraps.
struct Probe {
    start: Instant,
    seen: Arc<Mutex<Seen>>,
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.seen.lock().unwrap().dropped = Some(self.start.elapsed());
    }
}

/// `job` wrapped in a probe, and what the probe sees.
fn probed<F: Future>(
    start: Instant,
    job: F,
) -> (impl Future<Output = F::Output>, Arc<Mutex<Seen>>) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let probe = Probe {
        start,
        seen: Arc::clone(&seen),
    };
    let future = async move {
        probe
            .seen
            .lock()
            .unwrap()
            .polled
            .get_or_insert(start.elapsed());
        let output = job.await;
        probe.seen.lock().unwrap().finished = Some(start.elapsed());
        output
    };
    (future, seen)
}

/// Runs `cancel_one`; a panic inside it becomes advice (a starter's `todo!` passes through).
async fn run<F>(jobs: Vec<F>, cancel: usize) -> Vec<Outcome<F::Output>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    match AssertUnwindSafe(cancel_one(jobs, cancel))
        .catch_unwind()
        .await
    {
        Ok(outcomes) => outcomes,
        Err(payload) => {
            let text = shared::panics::message(payload.as_ref());
            if text.starts_with("not yet implemented") {
                std::panic::resume_unwind(payload);
            }
            panic!(
                "cancel_one panicked: \"{text}\". The handle of an aborted task returns \
                 Err(JoinError) with is_cancelled() true, and a panicked task's Err has \
                 is_panic() true: match on the error and report Outcome::Cancelled or \
                 Outcome::Panicked instead of unwrapping it"
            )
        }
    }
}

/// Ten probed `payload_work` jobs.
fn seed_jobs(
    start: Instant,
) -> (
    Vec<impl Future<Output = usize> + Send>,
    Vec<Arc<Mutex<Seen>>>,
) {
    (0..10).map(|num| probed(start, payload_work(num))).unzip()
}

#[graded::test(tokio, start_paused = true)]
async fn the_cancelled_job_is_dropped_at_once_and_never_finishes() {
    let start = Instant::now();
    let (jobs, seen) = seed_jobs(start);
    let outcomes = run(jobs, 5).await;
    // Give a detached job every chance to run on.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let fifth = seen[5].lock().unwrap().clone();
    if let Some(finished) = fifth.finished {
        if outcomes.get(5) == Some(&Outcome::Finished(5)) {
            panic!(
                "job 5 ran to the end ({fifth:?}) and was reported Finished: it was cancelled \
                 too late, after it had finished. Call abort() on its handle right after \
                 spawning, before awaiting the others"
            );
        }
        panic!(
            "job 5 was reported {:?} but it kept running and finished at {:?}: dropping a \
             JoinHandle does not cancel a task, it detaches it. Call handle.abort(), then \
             await the handle to see JoinError::is_cancelled()",
            outcomes.get(5),
            finished
        );
    }
    assert_eq!(
        fifth.dropped,
        Some(Duration::ZERO),
        "job 5 must be cancelled at once, at t = 0, but its future was dropped at {:?} \
         ({fifth:?}): it was cancelled only when the loop reached it, after the jobs before \
         it had run one after another. Spawn every job first, and abort job 5 right after",
        fifth.dropped.unwrap_or_default()
    );
}

#[graded::test(tokio, start_paused = true)]
async fn reports_every_outcome_in_the_order_of_the_jobs() {
    let start = Instant::now();
    let (jobs, _) = seed_jobs(start);
    let outcomes = run(jobs, 5).await;
    let expected: Vec<Outcome<usize>> = (0..10)
        .map(|num| match num {
            5 => Outcome::Cancelled,
            _ => Outcome::Finished(num),
        })
        .collect();
    assert_eq!(
        outcomes, expected,
        "one outcome per job, in the order of the jobs (await the handles in order): \
         job 5 Cancelled, every other one Finished with its number"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn the_jobs_run_at_the_same_time() {
    let start = Instant::now();
    let timeline = Timeline::new();
    let jobs: Vec<_> = (0..10)
        .map(|num| timeline.track(format!("job {num}"), payload_work(num)))
        .collect();
    run(jobs, 5).await;
    timeline.assert_elapsed(
        start.elapsed(),
        Duration::from_secs(1),
        "ten jobs of 1 s take 1 s when they run at the same time, but they ran one after \
         another: spawn every job (tokio::spawn) before awaiting any handle",
    );
}

#[graded::test(tokio, start_paused = true)]
async fn a_panic_is_reported_as_a_panic_not_as_a_cancellation() {
    let jobs: Vec<std::pin::Pin<Box<dyn Future<Output = u32> + Send>>> = vec![
        Box::pin(async { 10 }),
        Box::pin(async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            shared::panics::panic_on_purpose("job 1 failed")
        }),
        Box::pin(async { 12 }),
        Box::pin(std::future::pending()),
    ];
    let outcomes = run(jobs, 3).await;
    assert_ne!(
        outcomes.get(1),
        Some(&Outcome::Cancelled),
        "job 1 panicked, it was not cancelled: a JoinError is either a cancellation \
         (is_cancelled) or a panic (is_panic); report Outcome::Panicked(message) for a panic"
    );
    assert_eq!(
        outcomes,
        vec![
            Outcome::Finished(10),
            Outcome::Panicked("job 1 failed".to_string()),
            Outcome::Finished(12),
            Outcome::Cancelled,
        ],
        "a panicked job is Outcome::Panicked with the panic's text \
         (panic_text(error.into_panic().as_ref()))"
    );
}

#[graded::test(tokio, start_paused = true)]
async fn an_index_out_of_range_cancels_nothing() {
    let jobs: Vec<_> = (0..3).map(payload_work).collect();
    let outcomes = run(jobs, 3).await;
    assert_eq!(
        outcomes,
        vec![
            Outcome::Finished(0),
            Outcome::Finished(1),
            Outcome::Finished(2)
        ],
        "with cancel >= jobs.len() nothing is cancelled (and nothing panics: use \
         handles.get(cancel))"
    );
    assert_eq!(run(Vec::<std::future::Ready<u8>>::new(), 0).await, vec![]);
}
