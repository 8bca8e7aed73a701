//! Exercise `job_queue`: under tokio's paused clock, the attempts of a failing job happen
//! at exact instants (0, 1, 3, 7 × the backoff; a timeline on failure), the states follow
//! queued → started → finished / failed, results are forgotten exactly at the TTL, and
//! the workers run jobs at the same time (a high-water mark). A watchdog on a std thread
//! turns a blocked runtime into advice.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_08_queues::job_queue::{Attempt, Config, JobQueue, JobState};
use pretty_assertions::assert_eq;
use shared::high_water::HighWater;
use shared::timeline::Timeline;
use shared::watchdog::{on_paused_runtime, within_async};
use tokio::time::{Instant, sleep, sleep_until};

/// Real time a test may take; a correct solution needs milliseconds.
const REAL_LIMIT: Duration = Duration::from_secs(3);
/// Virtual time after which a paused test is stuck; a correct solution needs 30 s.
const VIRTUAL_LIMIT: Duration = Duration::from_secs(600);

/// Runs the future `make` returns on a fresh runtime with tokio's clock paused, on a
/// thread of its own.
fn paused<F, T>(make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: Future<Output = T>,
    T: Send + 'static,
{
    on_paused_runtime(
        REAL_LIMIT,
        "the job queue (is something blocking the runtime's thread: `std::thread::sleep`, or \
         a loop that waits for `std::time::Instant` to pass a deadline?)",
        move || async move {
            within_async(
                VIRTUAL_LIMIT,
                "the test of the job queue (a job never reached the state it waits \
                         for)",
                make(),
            )
            .await
        },
    )
}

fn config(workers: usize, retries: u32, backoff_ms: u64, ttl_secs: u64) -> Config {
    Config {
        workers,
        retries,
        backoff: Duration::from_millis(backoff_ms),
        result_ttl: Duration::from_secs(ttl_secs),
    }
}

/// A job whose attempt `n` (from 1) runs for `run_ms`, then fails while `n <= failures`
/// ("attempt n failed") or returns "done after n"; every attempt is drawn on `timeline`
/// as "attempt n".
fn job(
    failures: u32,
    run_ms: u64,
    timeline: &Timeline,
) -> impl FnMut() -> Attempt + Send + 'static {
    let timeline = timeline.clone();
    let attempts = Arc::new(AtomicU32::new(0));
    move || {
        let n = attempts.fetch_add(1, Ordering::SeqCst) + 1;
        let run = async move {
            sleep(Duration::from_millis(run_ms)).await;
            if n <= failures {
                Err(format!("attempt {n} failed"))
            } else {
                Ok(format!("done after {n}"))
            }
        };
        Box::pin(timeline.track(format!("attempt {n}"), run))
    }
}

/// When each attempt of a job started, in milliseconds since `start` (rounded).
fn attempt_starts(log: &Arc<Mutex<Vec<Instant>>>, start: Instant) -> Vec<u64> {
    log.lock()
        .unwrap()
        .iter()
        .map(|at| ((at.duration_since(start).as_micros() + 500) / 1000) as u64)
        .collect()
}

#[graded::test]
fn retries_back_off_exponentially_on_tokios_clock() {
    let (starts, last, timeline) = paused(|| async {
        let timeline = Timeline::new();
        let log = Arc::new(Mutex::new(Vec::new()));
        let queue = JobQueue::new(config(1, 3, 100, 60));
        let start = Instant::now();
        let id = queue.enqueue({
            let log = Arc::clone(&log);
            let mut attempt = job(u32::MAX, 0, &timeline);
            move || {
                log.lock().unwrap().push(Instant::now());
                attempt()
            }
        });
        sleep(Duration::from_secs(2)).await;
        (attempt_starts(&log, start), queue.state(id), timeline)
    });
    if starts.len() > 1 && starts.iter().all(|&at| at == 0) {
        panic!(
            "all {} attempts started at the same instant of tokio's clock, with a backoff of \
             100 ms: the retries do not wait on tokio's clock. `std::thread::sleep` (or a \
             loop on `std::time::Instant`) blocks the runtime and is invisible to tokio's \
             clock; wait with `tokio::time::sleep(backoff).await`\n{timeline}",
            starts.len()
        );
    }
    assert_eq!(
        starts.len(),
        4,
        "`retries: 3`: a job that always fails gets 1 attempt and 3 retries, 4 attempts in \
         all; it got {}\n{timeline}",
        starts.len()
    );
    if starts == [0, 100, 200, 300] {
        panic!(
            "the retries started at {starts:?} ms: a fixed delay of 100 ms between attempts; \
             the backoff is exponential, it doubles before each retry: 100, 200, 400 ms, so \
             the attempts start at [0, 100, 300, 700] ms\n{timeline}"
        );
    }
    assert_eq!(
        starts,
        vec![0, 100, 300, 700],
        "when the attempts started (ms), with a backoff of 100 ms doubling before each \
         retry: 100, 200, then 400 ms after the failed attempt\n{timeline}"
    );
    assert_eq!(
        last,
        Some(JobState::Failed("attempt 4 failed".to_owned())),
        "after its last attempt failed, the job is Failed with that attempt's error"
    );
}

#[graded::test]
fn a_job_goes_from_queued_to_started_to_finished() {
    let states = paused(|| async {
        let timeline = Timeline::new();
        let queue = JobQueue::new(config(1, 2, 1000, 60));
        let start = Instant::now();
        // One worker: job 1 runs 0..2 s; job 2 waits for it, fails its first attempt
        // (2..3 s), waits 1 s, succeeds in its second (4..5 s).
        let first = queue.enqueue(job(0, 2000, &timeline));
        let second = queue.enqueue(job(1, 1000, &timeline));
        let mut states = vec![(0, queue.state(first), queue.state(second))];
        for tenths in [5, 25, 35, 45, 55] {
            sleep_until(start + Duration::from_millis(tenths * 100)).await;
            states.push((tenths, queue.state(first), queue.state(second)));
        }
        states
    });
    let queued = Some(JobState::Queued);
    let started = |attempt| Some(JobState::Started { attempt });
    let finished = |n: u32| Some(JobState::Finished(format!("done after {n}")));
    assert_eq!(
        states,
        vec![
            (0, queued.clone(), queued.clone()),
            (5, started(1), queued.clone()),
            (25, finished(1), started(1)),
            (35, finished(1), queued.clone()),
            (45, finished(1), started(2)),
            (55, finished(1), finished(2)),
        ],
        "(tenths of a second, the state of job 1, of job 2), one worker, backoff 1 s: job 1 \
         runs from 0 to 2 s; job 2 is Queued until the worker is free, its attempt 1 runs \
         2..3 s and fails, it is Queued again while it waits 1 s, attempt 2 runs 4..5 s and \
         finishes. Set Queued when a job is enqueued, Started {{ attempt }} when an attempt \
         begins, Queued while waiting to retry, Finished or Failed at the end"
    );
}

#[graded::test]
fn ids_count_up_from_one() {
    let (ids, unknown) = paused(|| async {
        let timeline = Timeline::new();
        let queue = JobQueue::new(config(2, 0, 100, 60));
        let ids: Vec<_> = (0..3)
            .map(|_| queue.enqueue(job(0, 0, &timeline)))
            .collect();
        (ids, queue.state(99))
    });
    assert_eq!(
        ids,
        vec![1, 2, 3],
        "the ids of three jobs, in the order enqueued"
    );
    assert_eq!(unknown, None, "an id never given out has no state");
}

#[graded::test]
fn the_workers_run_jobs_at_the_same_time() {
    let (took, most, timeline) = paused(|| async {
        let timeline = Timeline::new();
        let gauge = HighWater::new();
        let queue = JobQueue::new(config(2, 0, 100, 60));
        let start = Instant::now();
        let ids: Vec<_> = (0..4)
            .map(|n| {
                let gauge = gauge.clone();
                let timeline = timeline.clone();
                queue.enqueue(move || {
                    let gauge = gauge.clone();
                    Box::pin(timeline.track(format!("job {n}"), async move {
                        let _running = gauge.enter();
                        sleep(Duration::from_secs(1)).await;
                        Ok(format!("job {n}"))
                    }))
                })
            })
            .collect();
        loop {
            let done = ids
                .iter()
                .all(|&id| matches!(queue.state(id), Some(JobState::Finished(_))));
            if done {
                break;
            }
            sleep(Duration::from_millis(1)).await;
        }
        (start.elapsed(), gauge.max(), timeline)
    });
    assert!(
        most <= 2,
        "up to {most} jobs ran at once with `workers: 2`: start exactly `workers` worker \
         tasks, each running one job at a time\n{timeline}"
    );
    timeline.assert_elapsed(
        took,
        Duration::from_secs(2),
        "4 jobs of one second on 2 workers take 2 s: do the workers run at the same time \
         (one task each), and is the queue's lock released before a job runs?",
    );
}

#[graded::test]
fn results_are_kept_for_the_ttl_then_forgotten() {
    let (before, (remembered_before, remembered_after), after) = paused(|| async {
        let timeline = Timeline::new();
        let queue = JobQueue::new(config(2, 0, 100, 10));
        let start = Instant::now();
        // Both end at 1 s: one finished, one failed.
        let finished = queue.enqueue(job(0, 1000, &timeline));
        let failed = queue.enqueue(job(1, 1000, &timeline));
        sleep_until(start + Duration::from_millis(10_990)).await;
        let remembered_before = queue.remembered();
        let before = (queue.state(finished), queue.state(failed));
        sleep_until(start + Duration::from_millis(11_010)).await;
        let remembered_after = queue.remembered();
        (
            before,
            (remembered_before, remembered_after),
            (queue.state(finished), queue.state(failed)),
        )
    });
    assert_eq!(
        before,
        (
            Some(JobState::Finished("done after 1".to_owned())),
            Some(JobState::Failed("attempt 1 failed".to_owned()))
        ),
        "both jobs ended at 1 s; with a TTL of 10 s their results are still kept at 10.99 s"
    );
    assert_eq!(
        remembered_before, 2,
        "at 10.99 s the queue holds both jobs: `remembered` counts every job it still holds"
    );
    assert_eq!(
        after,
        (None, None),
        "both jobs ended at 1 s; with a TTL of 10 s they are forgotten at 11 s, but at \
         11.01 s they are still there. Is the TTL measured with `std::time::Instant`? Only \
         tokio's clock (`tokio::time::Instant`, `tokio::time::sleep`) is the one the tests \
         (and the runtime) move"
    );
    assert_eq!(
        remembered_after, 0,
        "at 11.01 s, past the TTL, the queue still holds {remembered_after} job(s) that \
         nobody had asked about since: forget a job when its TTL is over (a timer, \
         `tokio::time::sleep(ttl)` in a spawned task), not only when `state` is called"
    );
}
