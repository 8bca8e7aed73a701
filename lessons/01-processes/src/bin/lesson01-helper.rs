//! The helper program of lesson 01: every child process of the exercises and their tests
//! is this program, so the lesson behaves the same on Linux, macOS and Windows (no `sh`,
//! `cat` or `sleep` needed).
//!
//! ```text
//! lesson01-helper echo [ARG...]             print each argument on a line of its own
//! lesson01-helper bytes HEX                 print the bytes HEX stands for (`caf\xe9` is
//!                                           `636166e9`), UTF-8 or not
//! lesson01-helper exit CODE [TEXT]          print TEXT (if given), say "exiting with CODE"
//!                                           on stderr, then exit with CODE
//! lesson01-helper abort                     die abnormally (killed by SIGABRT on Unix)
//! lesson01-helper repeat COUNT TEXT         print TEXT on COUNT lines
//! lesson01-helper upper                     copy stdin to stdout in upper case, chunk by chunk
//! lesson01-helper hang [SECONDS]            say "hang: pid PID" on stderr, then do nothing
//!                                           for SECONDS (default 30): "forever" for a test
//! lesson01-helper heavy-hang MEGABYTES      `hang`, holding MEGABYTES of memory, which makes
//!                                           its death take milliseconds, not microseconds
//! lesson01-helper peer DIR COUNT INDEX      meet COUNT peers in DIR, print "peer INDEX"
//! lesson01-helper longest-word [DIR COUNT]  print "WORD LENGTH" of the longest word of stdin
//! lesson01-helper slow-longest-word MS      `longest-word`, MS milliseconds late; but if the
//!                                           first line of stdin is `fail`, say so on stderr
//!                                           and exit with code 3 at once, reading no more
//! lesson01-helper sleep MS                  do nothing for MS milliseconds, then exit
//! lesson01-helper register DIR COMMAND...   create the empty file DIR/PID, run COMMAND, then
//!                                           create DIR/PID.done and exit as COMMAND did
//! ```
//!
//! Tests find it with `env!("CARGO_BIN_EXE_lesson01-helper")`; students can run it by hand
//! with `cargo run -p lesson-01-processes --bin lesson01-helper -- echo hello`.
//!
//! ## Meeting peers (a file rendezvous)
//!
//! `peer` and `longest-word DIR COUNT` prove that COUNT children run at the same time:
//! each creates a marker file `DIR/NAME.ready` and waits until COUNT markers exist. If
//! its peers have not all come 1 second after it started (they are started one after
//! another, so they cannot), it creates `DIR/gave-up`, explains on stderr and exits with
//! code 2; later peers see `gave-up` and fail at once instead of waiting too.
//!
//! `longest-word DIR COUNT` first reads its whole text: if the end of its stdin has not
//! come within that second either, it says that its stdin was never closed, and exits
//! with code 2.
//!
//! Once met, `peer` also waits until peer INDEX+1 has printed its line and is exiting, so
//! the peers finish in reverse order: the last one first. Collecting results in the order the
//! children finish therefore gives them backwards.
//!
//! ## Registering (a list of the children a function started)
//!
//! `register DIR COMMAND...` names its process id in DIR before it does anything else, and
//! marks it done when COMMAND has finished, just before it exits. A test that hands such
//! jobs to the student's function knows afterwards every child the function started: one
//! not done was still running when the function returned, and on Unix one done but still
//! there is a zombie that nobody waited for (`shared::children::Registry`).

use std::fs::File;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

/// How long a peer waits for the others before giving up: far longer than starting a few
/// children takes on a busy machine, short enough that a solution that starts them one
/// after another fails quickly.
const PATIENCE: Duration = Duration::from_secs(1);
/// How often a waiting peer looks at the marker directory.
const POLL: Duration = Duration::from_millis(5);
/// `hang` without an argument: longer than any test may run.
const HANG: Duration = Duration::from_secs(30);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        ["register", dir, command @ ..] if !command.is_empty() => {
            registered(Path::new(dir), command)
        }
        command => run(command),
    };
    finish(&args, outcome)
}

fn run(args: &[&str]) -> Outcome {
    match args {
        ["echo", words @ ..] => echo(words),
        ["bytes", hex] => bytes(hex),
        ["exit", code, text @ ..] => exit(code, text.first().copied()),
        ["abort"] => std::process::abort(),
        ["repeat", count, text] => number(count).and_then(|count| repeat(count, text)),
        ["upper"] => upper(),
        ["hang"] => hang(HANG),
        ["hang", seconds] => number(seconds).and_then(|s| hang(Duration::from_secs(s))),
        ["heavy-hang", megabytes] => number(megabytes).and_then(heavy_hang),
        ["peer", dir, count, index] => peer(Path::new(dir), count, index),
        ["longest-word"] => longest_word(None),
        ["longest-word", dir, count] => longest_word(Some((Path::new(dir), *count))),
        ["slow-longest-word", millis] => number(millis).and_then(slow_longest_word),
        ["sleep", millis] => number(millis).map(|millis| {
            thread::sleep(Duration::from_millis(millis));
            ExitCode::SUCCESS
        }),
        _ => Err(Failure::Usage),
    }
}

/// The exit code of the helper, and how it failed.
fn finish(args: &[&str], outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(Failure::Usage) => {
            note(format_args!(
                "usage: lesson01-helper COMMAND [ARGS...] (see its source for commands)\ngot: {args:?}"
            ));
            ExitCode::from(64)
        }
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            // The parent closed our stdout: nobody wants the rest.
            ExitCode::from(1)
        }
        Err(Failure::Io(error)) => {
            note(format_args!("lesson01-helper: {error}"));
            ExitCode::from(1)
        }
        Err(Failure::Lonely(message)) => {
            note(format_args!("{message}"));
            ExitCode::from(2)
        }
    }
}

/// Writes a line to stderr. Unlike `eprintln!`, does not panic when nobody listens.
fn note(message: std::fmt::Arguments) {
    let _ = writeln!(io::stderr(), "{message}");
}

enum Failure {
    Usage,
    Io(io::Error),
    /// The peers did not all come: the message says why.
    Lonely(String),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Io(error)
    }
}

type Outcome = Result<ExitCode, Failure>;

fn number(text: &str) -> Result<u64, Failure> {
    text.parse().map_err(|_| Failure::Usage)
}

fn echo(words: &[&str]) -> Outcome {
    let mut out = io::stdout().lock();
    for word in words {
        writeln!(out, "{word}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `command` between `DIR/PID` (started) and `DIR/PID.done` (finished).
fn registered(dir: &Path, command: &[&str]) -> Outcome {
    let pid = std::process::id();
    File::create(dir.join(pid.to_string()))?;
    let outcome = run(command);
    File::create(dir.join(format!("{pid}.done")))?;
    outcome
}

fn bytes(hex: &str) -> Outcome {
    let digits = hex.as_bytes();
    if digits.len() % 2 != 0 {
        return Err(Failure::Usage);
    }
    let bytes = digits
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or(Failure::Usage)
        })
        .collect::<Result<Vec<u8>, Failure>>()?;
    let mut out = io::stdout().lock();
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn exit(code: &str, text: Option<&str>) -> Outcome {
    let code: u8 = code.parse().map_err(|_| Failure::Usage)?;
    if let Some(text) = text {
        let mut out = io::stdout().lock();
        writeln!(out, "{text}")?;
        out.flush()?;
    }
    note(format_args!("exiting with {code}"));
    Ok(ExitCode::from(code))
}

/// Streams: each chunk is written out before the next one is read, like any real filter
/// (`tr`, `grep`, a compressor). That is what makes a parent that writes all its input
/// before reading any output deadlock once both pipes are full.
fn upper() -> Outcome {
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    let mut buffer = [0u8; 8192];
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error.into()),
        };
        buffer[..read].make_ascii_uppercase();
        output.write_all(&buffer[..read])?;
        output.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

fn repeat(count: u64, text: &str) -> Outcome {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for _ in 0..count {
        writeln!(out, "{text}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn hang(duration: Duration) -> Outcome {
    // Tells a test which process to look for (stderr is unbuffered).
    note(format_args!("hang: pid {}", std::process::id()));
    thread::sleep(duration);
    Ok(ExitCode::SUCCESS)
}

/// `hang`, holding `megabytes` of memory it has written to: the kernel needs a few
/// milliseconds to free them when the process dies, so a parent that checks at once
/// whether a child it has just killed is dead finds it still alive.
fn heavy_hang(megabytes: u64) -> Outcome {
    let ballast = vec![1u8; megabytes as usize * 1024 * 1024];
    let outcome = hang(HANG);
    drop(std::hint::black_box(ballast));
    outcome
}

fn peer(dir: &Path, count: &str, index: &str) -> Outcome {
    let count: usize = number(count)? as usize;
    let index: usize = number(index)? as usize;
    let deadline = Instant::now() + PATIENCE;
    let name = format!("peer {index}");
    meet(dir, count, &index.to_string(), deadline, &name)?;
    if index + 1 < count {
        // Finish after the next peer: peers finish from the last to the first.
        let next = dir.join(format!("{}.done", index + 1));
        wait_until(dir, deadline, || next.exists()).map_err(|gave_up| {
            Failure::Lonely(format!(
                "{name}: {}peer {} never finished",
                if gave_up {
                    "another peer gave up; "
                } else {
                    ""
                },
                index + 1
            ))
        })?;
    }
    let mut out = io::stdout().lock();
    writeln!(out, "peer {index}")?;
    out.flush()?;
    File::create(dir.join(format!("{index}.done")))?;
    Ok(ExitCode::SUCCESS)
}

fn longest_word(peers: Option<(&Path, &str)>) -> Outcome {
    let bytes = if let Some((dir, count)) = peers {
        let deadline = Instant::now() + PATIENCE;
        let count = number(count)? as usize;
        let name = format!("mapper {}", std::process::id());
        let bytes = read_stdin_until(deadline, &name)?;
        // Only after the whole input is in: the mappers must be *working* at the same time.
        meet(dir, count, &std::process::id().to_string(), deadline, &name)?;
        bytes
    } else {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        bytes
    };
    print_longest_word(&bytes)
}

/// Prints "WORD LENGTH" of the longest word of `bytes`, the first one on a tie.
fn print_longest_word(bytes: &[u8]) -> Outcome {
    let text = String::from_utf8_lossy(bytes);
    let mut longest: Option<(&str, usize)> = None;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        // Strictly longer: on a tie the first word wins.
        if longest.is_none_or(|(_, best)| length > best) {
            longest = Some((word, length));
        }
    }
    if let Some((word, length)) = longest {
        let mut out = io::stdout().lock();
        writeln!(out, "{word} {length}")?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads stdin to its end, or fails at `deadline` if the end has not come by then.
fn read_stdin_until(deadline: Instant, name: &str) -> Result<Vec<u8>, Failure> {
    let (sender, receiver) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let read = io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes);
        let _ = sender.send(read);
    });
    match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(read) => Ok(read?),
        // Exiting ends the reading thread too.
        Err(_) => Err(Failure::Lonely(format!(
            "{name}: the end of my text never came within {PATIENCE:?}: my stdin is still \
             open. Close it (drop the stdin handle) once the text is written"
        ))),
    }
}

/// A mapper that takes `millis` to answer, or fails at once when told to.
fn slow_longest_word(millis: u64) -> Outcome {
    let mut input = io::stdin().lock();
    let mut first = Vec::new();
    input.read_until(b'\n', &mut first)?;
    if first.trim_ascii_end() == b"fail" {
        note(format_args!(
            "slow-longest-word: failing as asked, without reading on"
        ));
        return Ok(ExitCode::from(3));
    }
    let mut rest = Vec::new();
    input.read_to_end(&mut rest)?;
    thread::sleep(Duration::from_millis(millis));
    first.extend_from_slice(&rest);
    print_longest_word(&first)
}

/// Creates `DIR/MARKER.ready` and waits until `count` such markers exist.
fn meet(
    dir: &Path,
    count: usize,
    marker: &str,
    deadline: Instant,
    name: &str,
) -> Result<(), Failure> {
    File::create(dir.join(format!("{marker}.ready")))?;
    let mut ready = 0;
    wait_until(dir, deadline, || {
        ready = count_ready(dir);
        ready >= count
    })
    .map_err(|gave_up| {
        let reason = if gave_up {
            "another child gave up waiting".to_owned()
        } else {
            format!("gave up after {PATIENCE:?}")
        };
        Failure::Lonely(format!(
            "{name}: only {ready} of {count} children were running at the same time ({reason}): \
             start all the children before waiting for any of them"
        ))
    })
}

/// Polls `done` until it holds. `Err(true)` if another child gave up first, `Err(false)`
/// if the deadline passed (then this child gives up, and says so in `DIR/gave-up`).
fn wait_until(dir: &Path, deadline: Instant, mut done: impl FnMut() -> bool) -> Result<(), bool> {
    let gave_up = dir.join("gave-up");
    loop {
        if done() {
            return Ok(());
        }
        if gave_up.exists() {
            return Err(true);
        }
        if Instant::now() >= deadline {
            let _ = File::create(&gave_up);
            return Err(false);
        }
        thread::sleep(POLL);
    }
}

fn count_ready(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".ready"))
        .count()
}
