//! Exercise `kv_actor`: the actor answers over `oneshot` replies, in order; once stopped
//! (or left by every handle) its task ends with its map, and a request to it is an error:
//! a hang is caught under tokio's paused clock (the clock jumps to the limit at once), a
//! blocked runtime by a watchdog on a std thread, a panic is caught and explained.

// The starters' types hold nothing to drop yet; the solutions' do.
#![allow(clippy::drop_non_drop)]

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use lesson_08_queues::kv_actor::{ActorError, spawn_kv};
use pretty_assertions::assert_eq;
use shared::panics::{catch_quietly, message};
use shared::watchdog::{within, within_async};

/// Real time a test may take; a correct solution needs milliseconds.
const REAL_LIMIT: Duration = Duration::from_secs(3);
/// Virtual time after which a paused test is stuck; a correct solution needs none.
const VIRTUAL_LIMIT: Duration = Duration::from_secs(600);

/// Runs the future `make` returns on a fresh runtime with tokio's clock paused, on a
/// thread of its own; `waiting` is the advice when it waits forever. A panic is handed
/// back as `Err(message)`, except a hang's and a starter's `todo!`, which are resumed.
fn paused<F, T>(waiting: &str, make: impl FnOnce() -> F + Send + 'static) -> Result<T, String>
where
    F: Future<Output = T>,
    T: Send + 'static,
{
    let waiting = waiting.to_owned();
    within(
        REAL_LIMIT,
        "the key-value actor (is something blocking the runtime's thread?)",
        move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build()
                .expect("a tokio runtime");
            catch_quietly(|| {
                runtime.block_on(async move { within_async(VIRTUAL_LIMIT, &waiting, make()).await })
            })
            .map_err(|payload| {
                let text = message(payload.as_ref());
                // A starter's `todo!` was printed already (the hook always prints it);
                // a hang was not: it is panicked again, to be printed.
                if text.starts_with("not yet") {
                    std::panic::resume_unwind(payload);
                }
                if text.contains("did not finish within") {
                    panic!("{text}");
                }
                text
            })
        },
    )
}

fn ok<T>(outcome: Result<T, String>) -> T {
    outcome.unwrap_or_else(|text| panic!("{text}"))
}

#[graded::test]
fn set_and_get_answer_over_the_replies() {
    let answers = ok(paused(
        "a request to a running actor waits forever: does the actor send its reply on the \
         request's oneshot sender, and does the handle await that reply?",
        || async {
            let (kv, _task) = spawn_kv();
            (
                kv.get("lang").await,
                kv.set("lang", "rust").await,
                kv.set("lang", "Rust").await,
                kv.get("lang").await,
                kv.clone().get("lang").await,
            )
        },
    ));
    assert_eq!(
        answers,
        (
            Ok(None),
            Ok(None),
            Ok(Some("rust".to_owned())),
            Ok(Some("Rust".to_owned())),
            Ok(Some("Rust".to_owned())),
        ),
        "get of a missing key, set of a new key, set replacing it, get, and get through a \
         clone of the handle"
    );
}

#[graded::test]
fn a_request_to_a_stopped_actor_is_an_error() {
    let answers = paused(
        "a request to the stopped actor waits forever: the actor's queue must be closed \
         (the actor leaves its loop and drops its receiver) and the handle must turn a \
         reply that never comes (the oneshot's `RecvError`) into `Err(ActorError::Stopped)`",
        || async {
            let (kv, _task) = spawn_kv();
            kv.set("lang", "rust")
                .await
                .expect("set on a running actor is Ok");
            kv.stop().await.expect("stop on a running actor is Ok");
            (
                kv.get("lang").await,
                kv.set("lang", "go").await,
                kv.stop().await,
            )
        },
    );
    let (get, set, stop) = answers.unwrap_or_else(|text| {
        panic!(
            "a request to the stopped actor panicked ({text}): the send failed or the reply's \
             sender was dropped, and an `unwrap` (or `expect`) turned that into a panic; map \
             both errors to `Err(ActorError::Stopped)`"
        )
    });
    match get {
        Ok(None) => panic!(
            "get on a stopped actor returned Ok(None), as if the key were missing: a reply \
             that never comes means the actor has stopped; return Err(ActorError::Stopped)"
        ),
        Ok(Some(value)) => panic!(
            "the actor still answered ({value:?}) after stop() returned: it must leave its \
             loop on Stop, so that its queue closes"
        ),
        Err(error) => assert_eq!(error, ActorError::Stopped),
    }
    assert_eq!(
        (set, stop),
        (Err(ActorError::Stopped), Err(ActorError::Stopped)),
        "set and stop on a stopped actor are errors too"
    );
}

#[graded::test]
fn requests_sent_before_stop_are_answered_first() {
    let (earlier, stopped) = ok(paused(
        "a request sent before stop(), or stop() itself, waits forever",
        || async {
            let (kv, _task) = spawn_kv();
            kv.set("lang", "rust").await.expect("a running actor");
            // `join!` polls in order: the get is queued first, then the stop.
            tokio::join!(kv.get("lang"), kv.stop())
        },
    ));
    assert_eq!(
        earlier,
        Ok(Some("rust".to_owned())),
        "a get sent just before stop() must be answered first: the actor handles requests \
         in the order sent. Send Stop through the same queue as the requests (a separate \
         shutdown signal, checked first in a `select!`, jumps the queue)"
    );
    assert_eq!(stopped, Ok(()), "stop on a running actor is Ok");
}

#[graded::test]
fn a_request_left_in_the_queue_is_an_error() {
    let (stopped, later) = ok(paused(
        "a request queued behind stop() waits forever: when the actor stops, the requests \
         left in its queue are dropped with their reply senders; the handle must see that \
         as Err(ActorError::Stopped)",
        || async {
            let (kv, _task) = spawn_kv();
            tokio::join!(kv.stop(), kv.get("lang"))
        },
    ));
    assert_eq!(stopped, Ok(()), "stop on a running actor is Ok");
    assert_eq!(
        later,
        Err(ActorError::Stopped),
        "a get sent right after stop(), still in the queue when the actor stopped, gets no \
         answer: the actor must not handle requests after Stop"
    );
}

#[graded::test]
fn stop_ends_the_actor_task_with_its_map() {
    let map = ok(paused(
        "the actor task kept running after stop() returned: on Stop the actor must leave \
         its loop (a flag that makes it ignore later requests keeps the task alive)",
        || async {
            let (kv, task) = spawn_kv();
            kv.set("a", "1").await.expect("a running actor");
            kv.set("b", "2").await.expect("a running actor");
            kv.stop().await.expect("a running actor");
            let map = task.await.expect("the actor task does not panic");
            drop(kv); // alive until the task ended
            map
        },
    ));
    assert_eq!(
        map,
        HashMap::from([
            ("a".to_owned(), "1".to_owned()),
            ("b".to_owned(), "2".to_owned())
        ]),
        "the actor task returns its map when it stops"
    );
}

#[graded::test]
fn the_actor_ends_when_every_handle_is_dropped() {
    let map = ok(paused(
        "the actor task did not end after every KvHandle was dropped: its loop ends when \
         `recv` returns None, which happens only once every Sender of its queue is gone. \
         Does the actor keep a Sender (a KvHandle) of its own?",
        || async {
            let (kv, task) = spawn_kv();
            let clone = kv.clone();
            kv.set("a", "1").await.expect("a running actor");
            clone.set("b", "2").await.expect("a running actor");
            drop(kv);
            drop(clone);
            task.await.expect("the actor task does not panic")
        },
    ));
    assert_eq!(map.len(), 2, "the actor task returns its map: {map:?}");
}
