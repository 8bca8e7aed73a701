//! Exercise `worker_pool`: under tokio's paused clock, 20 jobs of one second on 4 workers
//! take exactly 5 s (a timeline on failure), never more than 4 jobs run at once (a
//! high-water mark), and the pool completes once the producer is done and the queue is
//! empty (a watchdog on a std thread turns a hang into advice).

use std::future::Future;
use std::time::Duration;

use lesson_08_queues::worker_pool::{Job, worker_pool};
use pretty_assertions::assert_eq;
use shared::high_water::HighWater;
use shared::timeline::Timeline;
use shared::watchdog::{on_paused_runtime, within_async};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

/// Real time a test may take; a correct solution needs milliseconds.
const REAL_LIMIT: Duration = Duration::from_secs(3);
/// Virtual time after which a paused test is stuck; a correct solution needs 20 s at most.
const VIRTUAL_LIMIT: Duration = Duration::from_secs(600);

/// What a hang of `worker_pool` most likely is.
const NEVER_COMPLETES: &str = "worker_pool never completed, although every sender of the \
     queue was dropped and every job was done: does every worker end when `recv` returns \
     None? (A `loop` that ignores None never ends, and neither does a loop over a results \
     channel while the pool itself still holds one of its senders.)";

/// Runs the future `make` returns on a fresh runtime with tokio's clock paused, on a
/// thread of its own; `waiting` is the advice when it waits forever.
fn paused<F, T>(waiting: &str, make: impl FnOnce() -> F + Send + 'static) -> T
where
    F: Future<Output = T>,
    T: Send + 'static,
{
    let waiting = waiting.to_owned();
    on_paused_runtime(
        REAL_LIMIT,
        "worker_pool (is something blocking the runtime's thread, `std::thread::sleep` or \
         a loop that never awaits?)",
        move || async move { within_async(VIRTUAL_LIMIT, &waiting, make()).await },
    )
}

/// Job `id`: runs for `secs` seconds, counted by `gauge`, drawn on `timeline`; its output
/// is `id`.
fn job(id: u64, secs: u64, timeline: &Timeline, gauge: &HighWater) -> Job {
    let gauge = gauge.clone();
    Box::pin(timeline.track(format!("job {id}"), async move {
        let _running = gauge.enter();
        sleep(Duration::from_secs(secs)).await;
        id
    }))
}

/// A closed queue holding `count` jobs of `secs` seconds each.
fn queue(count: u64, secs: u64, timeline: &Timeline, gauge: &HighWater) -> mpsc::Receiver<Job> {
    let (tx, rx) = mpsc::channel(count as usize);
    for id in 0..count {
        tx.try_send(job(id, secs, timeline, gauge))
            .unwrap_or_else(|_| unreachable!("the queue has room for every job"));
    }
    rx
}

/// Runs `count` jobs of one second on `workers` workers: the outputs, the time it took,
/// the drawing and the gauge.
fn run(workers: usize, count: u64) -> (Vec<u64>, Duration, Timeline, HighWater) {
    paused(NEVER_COMPLETES, move || async move {
        let timeline = Timeline::new();
        let gauge = HighWater::new();
        let jobs = queue(count, 1, &timeline, &gauge);
        let start = Instant::now();
        let outputs = worker_pool(workers, jobs).await;
        (outputs, start.elapsed(), timeline, gauge)
    })
}

#[graded::test]
fn every_job_runs_once_and_the_pool_completes() {
    let (mut outputs, _, timeline, _) = run(4, 20);
    if outputs.len() == 4 {
        panic!(
            "only 4 of the 20 jobs ran, one per worker: each worker took one job and \
             stopped; a worker loops, `while let Some(job) = ...recv().await`, until the \
             queue is closed\n{timeline}"
        );
    }
    assert!(
        outputs.len() >= 20,
        "worker_pool returned {} of the 20 outputs: it returned before its workers were \
         done; await every worker's JoinHandle (dropping a JoinHandle does not wait for the \
         task, it lets it run on detached)\n{timeline}",
        outputs.len()
    );
    outputs.sort_unstable();
    assert_eq!(
        outputs,
        (0..20).collect::<Vec<_>>(),
        "the outputs of the 20 jobs, each exactly once"
    );
}

#[graded::test]
fn at_most_one_job_per_worker_runs_at_once() {
    let (_, _, timeline, gauge) = run(4, 20);
    assert!(
        gauge.max() <= 4,
        "up to {} jobs ran at once on 4 workers: the pool must not start a task per job; \
         start `workers` tasks, each running one job at a time\n{timeline}",
        gauge.max()
    );
}

#[graded::test]
fn twenty_one_second_jobs_on_four_workers_take_five_seconds() {
    let (_, took, timeline, gauge) = run(4, 20);
    let why = if gauge.max() == 1 {
        "the jobs ran one at a time: is the queue's lock held while a job runs? Take the \
         job in one statement (`let job = rx.lock().await.recv().await;`), so the guard is \
         dropped before `job.await`"
    } else {
        "4 workers run 4 jobs at a time: 20 jobs of one second take 5 s"
    };
    timeline.assert_elapsed(took, Duration::from_secs(5), why);
}

#[graded::test]
fn the_outputs_come_in_the_order_the_jobs_finished() {
    let outputs = paused(NEVER_COMPLETES, || async {
        let timeline = Timeline::new();
        let gauge = HighWater::new();
        let (tx, rx) = mpsc::channel(3);
        // On 2 workers: job 0 runs 0..3 s, job 1 0..1 s, job 2 1..2 s.
        for (id, secs) in [(0, 3), (1, 1), (2, 1)] {
            tx.send(job(id, secs, &timeline, &gauge))
                .await
                .expect("open");
        }
        drop(tx);
        worker_pool(2, rx).await
    });
    assert_eq!(
        outputs,
        vec![1, 2, 0],
        "2 workers, jobs of 3 s, 1 s and 1 s finish at 1 s (job 1), 2 s (job 2) and 3 s \
         (job 0): the outputs in the order the jobs finished, not grouped by worker (push \
         each output into one shared list, or send it on a channel, when its job ends)"
    );
}

#[graded::test]
fn the_workers_wait_for_the_producer() {
    let (outputs, took, timeline) = paused(NEVER_COMPLETES, || async {
        let timeline = Timeline::new();
        let gauge = HighWater::new();
        let (tx, rx) = mpsc::channel(4);
        let producer = {
            let timeline = timeline.clone();
            tokio::spawn(async move {
                // A pool that ended early has dropped the queue: the sends fail then.
                for id in 0..2 {
                    let _ = tx.send(job(id, 1, &timeline, &gauge)).await;
                }
                sleep(Duration::from_secs(3)).await;
                let _ = tx.send(job(2, 1, &timeline, &gauge)).await;
                sleep(Duration::from_secs(2)).await;
                timeline.start("producer done");
                timeline.end("producer done");
                // The sender is dropped here, at 5 s.
            })
        };
        let start = Instant::now();
        let outputs = worker_pool(2, rx).await;
        let took = start.elapsed();
        producer.await.expect("the producer does not panic");
        (outputs, took, timeline)
    });
    assert_eq!(
        outputs.len(),
        3,
        "the producer sends 2 jobs at 0 s and a third at 3 s: the pool ended with {outputs:?} \
         while the producer was still sending. A worker waits for the next job \
         (`recv().await`, not `try_recv`) and ends only when `recv` returns None, once every \
         sender is dropped\n{timeline}"
    );
    timeline.assert_elapsed(
        took,
        Duration::from_secs(5),
        "the producer drops its sender at 5 s: the workers end then, and the pool completes",
    );
}
