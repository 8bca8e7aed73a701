//! Keys typed at the terminal while `watch` waits: `q` stops it.
//!
//! Keys are read on a thread of their own, and only when standard input is a terminal:
//! tests and CI pipe it, and what comes down a pipe is nobody typing. On Unix the
//! terminal hands over each key as it is typed (see `unix::KeyByKey`). A Windows
//! console keeps its line mode, so `q` takes Enter there: changing the mode would leave
//! it changed after Ctrl-C, which ends the runner at once on Windows (see
//! `process::watch_interrupts`).

#[cfg(unix)]
mod unix;

use std::io::{IsTerminal, Read};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// What to type to stop, as the line that tells the keys says it.
#[cfg(unix)]
pub const QUIT_KEYS: &str = "q";
#[cfg(windows)]
pub const QUIT_KEYS: &str = "q then Enter";

/// Listens for `q` on standard input until dropped.
pub struct QuitKey {
    pressed: Receiver<()>,
    /// The terminal's mode before, restored on drop: on every way out of `watch`, Ctrl-C
    /// included, since an interrupt ends it by returning (see `process::interrupted`).
    #[cfg(unix)]
    _key_by_key: Option<unix::KeyByKey>,
}

impl QuitKey {
    /// Starts listening, if standard input is a terminal.
    pub fn listen() -> Option<QuitKey> {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return None;
        }
        #[cfg(unix)]
        let key_by_key = unix::KeyByKey::start();
        let (sender, pressed) = mpsc::channel();
        // The thread blocks in `read` until the runner exits: nothing else reads stdin
        // (cargo and the tests get stdins of their own).
        std::thread::spawn(move || {
            let keys = stdin.lock().bytes().map_while(Result::ok);
            for _ in keys.filter(|key| matches!(key, b'q' | b'Q')) {
                if sender.send(()).is_err() {
                    break;
                }
            }
        });
        Some(QuitKey {
            pressed,
            #[cfg(unix)]
            _key_by_key: key_by_key,
        })
    }

    /// Waits up to `limit`, less if `q` is typed (or was, since the last call).
    /// Returns whether it was.
    pub fn pressed_within(&self, limit: Duration) -> bool {
        match self.pressed.recv_timeout(limit) {
            Ok(()) => true,
            Err(RecvTimeoutError::Timeout) => false,
            // Standard input closed: no key will come, but the wait is still a wait.
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(limit);
                false
            }
        }
    }
}
