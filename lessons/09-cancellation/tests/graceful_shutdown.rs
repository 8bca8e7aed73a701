//! Exercise `graceful_shutdown`: stop accepting, finish in-flight work within the grace
//! period, abort the rest.
//!
//! Requests are sent by a feeder task at fixed instants of tokio's paused clock; every
//! handler is wrapped in a probe that records when it started, finished or was dropped
//! (and draws it on a timeline). `serve` runs inside a virtual-time watchdog, so a
//! `TaskTracker::wait` that can never complete fails at once with advice.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lesson_09_cancellation::graceful_shutdown::{Report, Request, serve};
use pretty_assertions::assert_eq;
use shared::timeline::Timeline;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

/// Runs `body` on a paused current-thread runtime on a thread of its own, under a
/// real-time watchdog (a correct solution needs milliseconds), so code that blocks the
/// runtime's thread fails with advice instead of hanging.
fn paused<F: Future<Output = ()> + 'static>(body: fn() -> F) {
    shared::watchdog::on_paused_runtime(
        Duration::from_secs(3),
        "the test (serve is blocking the runtime's only thread: a busy loop or a blocking call such as std::thread::sleep? Every wait in serve must be an .await)",
        body,
    );
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// What happened to each request's handler: (finished at, dropped at).
type Seen = Arc<Mutex<BTreeMap<u32, (Option<Duration>, Option<Duration>)>>>;

struct Probe {
    id: u32,
    start: Instant,
    seen: Seen,
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.seen.lock().unwrap().entry(self.id).or_default().1 = Some(self.start.elapsed());
    }
}

/// A server under test: its handler's records, the timeline, the start instant.
#[derive(Clone)]
struct Lab {
    start: Instant,
    seen: Seen,
    timeline: Timeline,
}

impl Lab {
    fn new() -> Lab {
        Lab {
            start: Instant::now(),
            seen: Arc::default(),
            timeline: Timeline::new(),
        }
    }

    /// The handler: sleeps the request's work, probed.
    fn handler(&self) -> impl Fn(Request) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> {
        let lab = self.clone();
        move |request: Request| {
            let probe = Probe {
                id: request.id,
                start: lab.start,
                seen: Arc::clone(&lab.seen),
            };
            let name = format!("request {}", request.id);
            Box::pin(lab.timeline.track(name, async move {
                sleep(request.work).await;
                probe.seen.lock().unwrap().entry(probe.id).or_default().0 =
                    Some(probe.start.elapsed());
            }))
        }
    }

    fn finished(&self, id: u32) -> Option<Duration> {
        self.seen.lock().unwrap().get(&id).and_then(|seen| seen.0)
    }

    fn dropped(&self, id: u32) -> Option<Duration> {
        self.seen.lock().unwrap().get(&id).and_then(|seen| seen.1)
    }

    /// Runs `serve` under a virtual-time watchdog; returns the report and when it returned.
    async fn serve(
        &self,
        requests: mpsc::Receiver<Request>,
        shutdown: CancellationToken,
        grace: Duration,
    ) -> (Report, Duration) {
        let report = shared::watchdog::within_async(
            Duration::from_secs(60),
            "serve (TaskTracker::wait() completes only once the tracker is closed and empty: \
             call tracker.close() when you stop accepting, before you wait)",
            serve(requests, shutdown, grace, self.handler()),
        )
        .await;
        (report, self.start.elapsed())
    }
}

/// Sends `(at, request)` in order at those instants; returns the ids whose send failed.
fn feed(
    start: Instant,
    tx: mpsc::Sender<Request>,
    plan: Vec<(Duration, Request)>,
) -> tokio::task::JoinHandle<Vec<u32>> {
    tokio::spawn(async move {
        let mut refused = Vec::new();
        for (at, request) in plan {
            tokio::time::sleep_until(start + at).await;
            if tx.send(request).await.is_err() {
                refused.push(request.id);
            }
        }
        refused
    })
}

fn request(id: u32, work: Duration) -> Request {
    Request { id, work }
}

#[graded::test]
fn the_lecture_scenario_completes_two_aborts_one_refuses_one() {
    paused(the_lecture_scenario_completes_two_aborts_one_refuses_one_body);
}

async fn the_lecture_scenario_completes_two_aborts_one_refuses_one_body() {
    let lab = Lab::new();
    let (tx, rx) = mpsc::channel(8);
    let feeder = feed(
        lab.start,
        tx,
        vec![
            (ms(0), request(1, ms(1000))),
            (ms(500), request(2, ms(3000))),
            (ms(1000), request(3, ms(10_000))),
            (ms(2500), request(4, ms(1000))),
        ],
    );
    let shutdown = CancellationToken::new();
    tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            sleep(ms(2000)).await;
            shutdown.cancel();
        }
    });
    let (report, returned) = lab.serve(rx, shutdown, ms(2000)).await;
    let refused = feeder.await.unwrap();
    sleep(Duration::from_secs(20)).await;
    let timeline = &lab.timeline;

    assert!(
        lab.finished(4).is_none() && lab.dropped(4).is_none(),
        "request 4 was sent at 2.5 s, after the shutdown at 2 s, and it was handled: stop \
         accepting at the shutdown (leave the accept loop when shutdown.cancelled() is ready)\n{timeline}"
    );
    assert_eq!(
        refused,
        vec![4],
        "request 4, sent after the shutdown, must be refused at once (its send fails): close \
         the receiving side when you stop accepting (requests.close()); otherwise it waits \
         in the channel and the client believes it was accepted"
    );
    if report.aborted.contains(&2) {
        panic!(
            "request 2 was in flight at the shutdown (2 s) and would have finished at 3.5 s, \
             within the grace period (until 4 s), but it was aborted: let in-flight handlers \
             run, and abort only what is still running when the grace period ends\n{timeline}"
        );
    }
    if let Some(finished) = lab.finished(3) {
        panic!(
            "request 3 was still running at the end of the grace period (4 s) but it ran on \
             and finished at {finished:?}{}: abort what is left when the grace period ends \
             (a dropped JoinHandle does not stop a task; cancel a token the handlers watch, \
             or abort them)\n{timeline}",
            if returned > ms(4000) {
                format!(" and serve returned only at {returned:?}")
            } else {
                String::new()
            }
        );
    }
    assert_eq!(
        lab.dropped(3),
        Some(ms(4000)),
        "request 3's handler must be dropped at the end of the grace period, 4 s\n{timeline}"
    );
    timeline.assert_elapsed(
        returned,
        ms(4000),
        "serve returns when the grace period (2 s after the shutdown at 2 s) ends and the \
         rest is aborted",
    );
    assert_eq!(
        report,
        Report {
            completed: vec![1, 2],
            aborted: vec![3]
        },
        "requests 1 and 2 completed, 3 aborted (each list sorted)"
    );
}

#[graded::test]
fn returns_as_soon_as_in_flight_work_is_done() {
    paused(returns_as_soon_as_in_flight_work_is_done_body);
}

async fn returns_as_soon_as_in_flight_work_is_done_body() {
    let lab = Lab::new();
    let (tx, rx) = mpsc::channel(8);
    let _feeder = feed(lab.start, tx, vec![(ms(0), request(1, ms(1000)))]);
    let shutdown = CancellationToken::new();
    tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            sleep(ms(500)).await;
            shutdown.cancel();
        }
    });
    let (report, returned) = lab.serve(rx, shutdown, ms(5000)).await;
    assert!(
        !report.aborted.contains(&1),
        "request 1 would finish at 1 s, long before the grace period ends (5.5 s), but it \
         was aborted: wait for in-flight work before aborting\n{}",
        lab.timeline
    );
    lab.timeline.assert_elapsed(
        returned,
        ms(1000),
        "the only in-flight request finished at 1 s, so serve should return then, but it \
         waited the whole grace period: wait for the tracker with a timeout \
         (tokio::time::timeout(grace, tracker.wait())) instead of sleeping the grace",
    );
    assert_eq!(
        report,
        Report {
            completed: vec![1],
            aborted: vec![]
        }
    );
}

#[graded::test]
fn requests_are_handled_at_the_same_time() {
    paused(requests_are_handled_at_the_same_time_body);
}

async fn requests_are_handled_at_the_same_time_body() {
    let lab = Lab::new();
    let (tx, rx) = mpsc::channel(8);
    for id in 1..=3 {
        tx.send(request(id, ms(1000))).await.unwrap();
    }
    drop(tx);
    let (report, returned) = lab.serve(rx, CancellationToken::new(), ms(5000)).await;
    lab.timeline.assert_elapsed(
        returned,
        ms(1000),
        "three requests of 1 s take 1 s when they are handled at the same time: spawn each \
         handler on the tracker (tracker.spawn) instead of awaiting it in the accept loop",
    );
    assert_eq!(
        report,
        Report {
            completed: vec![1, 2, 3],
            aborted: vec![]
        },
        "when the channel closes, serve finishes the requests it accepted and returns"
    );
}

#[graded::test]
fn a_closed_channel_ends_serving_with_the_same_grace() {
    paused(a_closed_channel_ends_serving_with_the_same_grace_body);
}

async fn a_closed_channel_ends_serving_with_the_same_grace_body() {
    let lab = Lab::new();
    let (tx, rx) = mpsc::channel(8);
    let feeder = feed(
        lab.start,
        tx,
        vec![
            (ms(0), request(1, ms(500))),
            (ms(100), request(2, ms(10_000))),
        ],
    );
    let (report, returned) = lab.serve(rx, CancellationToken::new(), ms(1000)).await;
    feeder.await.unwrap();
    lab.timeline.assert_elapsed(
        returned,
        ms(1100),
        "the channel closed at 0.1 s (the feeder dropped its sender): the grace period runs \
         from then, so request 2 is aborted at 1.1 s",
    );
    assert_eq!(
        report,
        Report {
            completed: vec![1],
            aborted: vec![2]
        }
    );
}

#[graded::test]
fn a_shutdown_before_any_request_returns_at_once() {
    paused(a_shutdown_before_any_request_returns_at_once_body);
}

async fn a_shutdown_before_any_request_returns_at_once_body() {
    let lab = Lab::new();
    let (tx, rx) = mpsc::channel(8);
    let shutdown = CancellationToken::new();
    shutdown.cancel();
    tx.send(request(1, ms(1000))).await.unwrap();
    let (report, returned) = lab.serve(rx, shutdown, ms(1000)).await;
    assert_eq!(
        report,
        Report::default(),
        "the shutdown was already requested: nothing is handled, not even a request \
         waiting in the channel (the shutdown wins: `biased;` in the select!)"
    );
    assert_eq!(
        returned,
        Duration::ZERO,
        "nothing in flight: serve returns at once"
    );
    assert!(
        tx.send(request(2, ms(1))).await.is_err(),
        "after serve the channel is closed"
    );
}
