//! Exercise `fetch_many`: 150 fetches with at most 10 in flight, `buffer_unordered` and
//! `buffered`.
//!
//! A fake client sleeps on tokio's paused clock and counts the fetches in flight with a
//! high-water mark; a timeline records when each of the first fetches ran, and is drawn
//! when a timing is off (one after another, in batches, all at once).

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use futures::StreamExt;
use lesson_07_async_iterators::fetch_many::{fetch_ordered, fetch_unordered};
use pretty_assertions::assert_eq;
use shared::high_water::HighWater;
use shared::timeline::Timeline;
use tokio::time::{Instant, sleep};

/// Runs `test` on a current-thread runtime with the clock paused, on a thread of its own,
/// and fails if it does not finish within a few seconds of real time.
fn paused<F: Future<Output = ()> + 'static>(test: impl FnOnce() -> F + Send + 'static) {
    shared::watchdog::on_paused_runtime(Duration::from_secs(5), "fetching", test);
}

/// How many fetches the timeline draws: enough to see the pattern, few enough to read.
const DRAWN: u32 = 30;

/// A fake client: fetching `id` takes `took(id)`, counts in `in_flight` while it runs,
/// is drawn on `timeline` (the first few ids) and returns `"pokemon {id}"`.
fn client(
    timeline: &Timeline,
    in_flight: &HighWater,
    took: fn(u32) -> Duration,
) -> impl FnMut(u32) -> std::pin::Pin<Box<dyn Future<Output = String>>> + use<> {
    let timeline = timeline.clone();
    let in_flight = in_flight.clone();
    move |id| {
        let timeline = timeline.clone();
        let in_flight = in_flight.clone();
        Box::pin(async move {
            let _guard = in_flight.enter();
            if id < DRAWN {
                timeline.track(format!("fetch {id}"), sleep(took(id))).await;
            } else {
                sleep(took(id)).await;
            }
            format!("pokemon {id}")
        })
    }
}

fn one_second(_id: u32) -> Duration {
    Duration::from_secs(1)
}

/// Fetch 0 takes 10 s, every other fetch 1 s.
fn the_first_is_slow(id: u32) -> Duration {
    Duration::from_secs(if id == 0 { 10 } else { 1 })
}

#[graded::test]
fn never_more_than_ten_in_flight() {
    paused(|| async {
        let (timeline, in_flight) = (Timeline::new(), HighWater::new());
        let fetch = client(&timeline, &in_flight, one_second);
        let results: Vec<(u32, String)> = fetch_unordered((0..150).collect(), 10, fetch)
            .collect()
            .await;
        in_flight.assert_at_most(
            10,
            "the fetches are not limited (a `join_all` of 150, or a stream of spawned \
             tasks, starts them all at once): `buffer_unordered(limit)` keeps at most \
             `limit` in flight",
        );
        assert_eq!(results.len(), 150, "one result per id");
    });
}

#[graded::test]
fn takes_exactly_15_s() {
    paused(|| async {
        let (timeline, in_flight) = (Timeline::new(), HighWater::new());
        let fetch = client(&timeline, &in_flight, one_second);
        let start = Instant::now();
        let mut results: Vec<(u32, String)> = fetch_unordered((0..150).collect(), 10, fetch)
            .collect()
            .await;
        timeline.assert_elapsed(
            start.elapsed(),
            Duration::from_secs(15),
            "150 fetches of 1 s, 10 at a time, take 15 s. Much more means the fetches ran \
             one after another (`then` awaits each before the next; `buffer_unordered` \
             runs `limit` at once)",
        );
        results.sort();
        let expected: Vec<(u32, String)> =
            (0..150).map(|id| (id, format!("pokemon {id}"))).collect();
        assert!(
            results == expected,
            "every id once, with the result of its own fetch"
        );
    });
}

#[graded::test]
fn a_slow_fetch_does_not_hold_up_the_others() {
    paused(|| async {
        let (timeline, in_flight) = (Timeline::new(), HighWater::new());
        let fetch = client(&timeline, &in_flight, the_first_is_slow);
        let start = Instant::now();
        let results: Vec<(u32, String)> = fetch_unordered((0..30).collect(), 10, fetch)
            .collect()
            .await;
        timeline.assert_elapsed(
            start.elapsed(),
            Duration::from_secs(10),
            "fetch 0 takes 10 s, the 29 others 1 s each: with 9 slots free while fetch 0 \
             runs, they are done before it is, so the whole takes 10 s. More means the \
             fetches ran in batches (`chunks(10)` and a `join_all` per batch wait for the \
             slowest of each batch before the next starts), or that the results were kept \
             in order (with `buffered`, the finished fetches behind the slow one keep their \
             slots until it is done): a new fetch must start as soon as any one finishes, \
             which `buffer_unordered` does",
        );
        assert_eq!(results.len(), 30);
    });
}

#[graded::test]
fn results_come_as_they_complete() {
    paused(|| async {
        let (timeline, in_flight) = (Timeline::new(), HighWater::new());
        let fetch = client(&timeline, &in_flight, the_first_is_slow);
        let start = Instant::now();
        let mut results = pin!(fetch_unordered((0..20).collect(), 10, fetch));
        let first = results.next().await;
        let when = start.elapsed();
        assert!(
            when == Duration::from_secs(1),
            "the first result came at {when:?}, expected 1s, when the first fast fetch \
             finished: `fetch_unordered` yields each result as soon as it completes. \
             `buffered` holds every result back until the slow fetch 0 is done, and \
             collecting the results before yielding them holds back all of them\n{timeline}"
        );
        assert_ne!(first.map(|(id, _)| id), Some(0), "fetch 0 is the slow one");
        let rest: Vec<(u32, String)> = results.collect().await;
        assert_eq!(
            rest.last().map(|(id, result)| (*id, result.clone())),
            Some((0, "pokemon 0".to_string())),
            "the slow fetch 0 completes last, so its result comes last, paired with its id"
        );
    });
}

#[graded::test]
fn ordered_keeps_the_order() {
    paused(|| async {
        let (timeline, in_flight) = (Timeline::new(), HighWater::new());
        // Later ids are faster: in completion order the results would come backwards.
        let fetch = client(&timeline, &in_flight, |id| {
            Duration::from_millis(1000 + 100 * u64::from(20 - id))
        });
        let results: Vec<String> = fetch_ordered((0..20).collect(), 10, fetch).collect().await;
        let expected: Vec<String> = (0..20).map(|id| format!("pokemon {id}")).collect();
        assert!(
            results == expected,
            "`fetch_ordered` yielded the results out of order, {results:?}: \
             `buffer_unordered` yields them as they complete; `buffered` keeps the order \
             of the ids"
        );
        in_flight.assert_at_most(10, "`buffered(limit)` keeps at most `limit` in flight");
    });
}

#[graded::test]
fn ordered_takes_exactly_15_s() {
    paused(|| async {
        let (timeline, in_flight) = (Timeline::new(), HighWater::new());
        let fetch = client(&timeline, &in_flight, one_second);
        let start = Instant::now();
        let results: Vec<String> = fetch_ordered((0..150).collect(), 10, fetch).collect().await;
        in_flight.assert_at_most(
            10,
            "the ordered fetches are not limited (a `join_all` of 150 starts them all at \
             once): `buffered(limit)` keeps at most `limit` in flight",
        );
        timeline.assert_elapsed(
            start.elapsed(),
            Duration::from_secs(15),
            "150 fetches of 1 s, 10 at a time, take 15 s, in order too: much more means the \
             fetches ran one after another (`then`); `buffered(limit)` runs `limit` at once",
        );
        assert_eq!(results.len(), 150);
    });
}

#[graded::test]
fn nothing_starts_before_the_stream_is_polled() {
    paused(|| async {
        let (timeline, in_flight) = (Timeline::new(), HighWater::new());
        let unordered = fetch_unordered(
            (0..20).collect(),
            10,
            client(&timeline, &in_flight, one_second),
        );
        let ordered = fetch_ordered(
            (0..20).collect(),
            10,
            client(&timeline, &in_flight, one_second),
        );
        sleep(Duration::from_secs(5)).await;
        assert_eq!(
            in_flight.max(),
            0,
            "fetches ran before the stream was polled: a stream starts its work when it is \
             read (spawned tasks run on their own)"
        );
        drop((unordered, ordered));
    });
}
