#![allow(unsafe_code)] // termios has no std API.

use std::mem::MaybeUninit;

/// The terminal on standard input without line editing and echo, until dropped: line
/// editing (`ICANON`) would hold a `q` back until Enter, and echo would print it.
/// Ctrl-C still interrupts (`ISIG` stays on).
pub struct KeyByKey {
    saved: libc::termios,
}

impl KeyByKey {
    /// Switches the terminal, or `None` if it cannot be (then `q` waits for Enter).
    pub fn start() -> Option<KeyByKey> {
        let mut saved = MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr writes a whole termios where it points, and returns 0 only
        // when it has; `saved` is read only then.
        let saved = unsafe {
            if libc::tcgetattr(libc::STDIN_FILENO, saved.as_mut_ptr()) != 0 {
                return None;
            }
            saved.assume_init()
        };
        let mut key_by_key = saved;
        key_by_key.c_lflag &= !(libc::ICANON | libc::ECHO);
        // A read returns as soon as one key is there, however long that takes.
        key_by_key.c_cc[libc::VMIN] = 1;
        key_by_key.c_cc[libc::VTIME] = 0;
        set(&key_by_key).then_some(KeyByKey { saved })
    }
}

impl Drop for KeyByKey {
    fn drop(&mut self) {
        set(&self.saved);
    }
}

fn set(mode: &libc::termios) -> bool {
    // SAFETY: `mode` points to an initialized termios, which tcsetattr only reads.
    unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, mode) == 0 }
}
