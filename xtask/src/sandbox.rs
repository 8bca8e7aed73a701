//! The sandbox that class grading runs student-influenced code in: building a student's
//! lessons, listing their tests and running each test.
//!
//! On Linux it is bubblewrap (`bwrap`): the process sees the system's programs and
//! libraries (`/usr`, `/etc`), the Rust toolchain and the downloaded crates, all
//! read-only; the student's grading copy read-only except its own build directory; a
//! private `/tmp` of bounded size; no network; its own process namespace, so nothing it
//! starts outlives it and it cannot signal the grader; and it dies with the grader. Inside,
//! `prlimit` bounds memory, the size of any file written and, where student code runs,
//! the number of tasks (as another user, when the grader is root: see
//! [`Sandbox::run_as`]).
//!
//! macOS and Windows have no equivalent that needs no privileges, so there
//! [`Bubblewrap::detect`] says that class grading of untrusted code needs Linux.

use crate::error::Error;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where the sandbox's own `CARGO_HOME` is: a private one, so that no configuration of
/// the grader's (`config.toml`, credentials) is seen, with the crate registry inside.
const CARGO_HOME: &str = "/tmp/cargo-home";
/// The private `/tmp`: bounded, like everything a student's code can fill.
const TMP_BYTES: u64 = 256 << 20;

/// What a sandboxed step may use and change.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Address space (bytes).
    pub memory: u64,
    /// Largest file it may write (bytes).
    pub file_size: u64,
    /// Whether it may write the build directory. Only building may: a test that could
    /// would replace its own test binaries, or the next build's artifacts.
    pub writes_target: bool,
    /// Whether it sees what the sandbox hides (hidden tests). Only building the tests
    /// must; student code is compiled and run without them in sight.
    pub sees_hidden: bool,
    /// Threads and processes it may start, when student code runs (`RLIMIT_NPROC`).
    pub tasks: Option<u64>,
}

impl Step {
    /// Building: rustc and the linker need room; an artifact stays far below 1 GiB.
    pub const BUILD: Step = Step {
        memory: 8 << 30,
        file_size: 1 << 30,
        writes_target: true,
        sees_hidden: true,
        // Building runs no student process: rustc evaluates `const`s itself.
        tasks: None,
    };
    /// Building student code alone, before the tests: what is hidden stays out of sight
    /// of its macros and `include_str!`.
    pub const BUILD_LIBRARY: Step = Step {
        sees_hidden: false,
        ..Step::BUILD
    };
    /// Listing and running tests: the course's tests need a few MiB; 4 GiB leaves room
    /// for thread stacks and allocators that reserve large ranges.
    pub const TEST: Step = Step {
        memory: 4 << 30,
        file_size: 64 << 20,
        writes_target: false,
        sees_hidden: false,
        // The course's tests start a few dozen threads and processes at most.
        tasks: Some(512),
    };
}

/// The bubblewrap found on this machine, and the toolchain and crates it exposes.
#[derive(Clone, Debug)]
pub struct Bubblewrap {
    bwrap: PathBuf,
    /// The active toolchain (`rustc --print sysroot`): cargo, rustc and the standard library.
    sysroot: PathBuf,
    /// `$CARGO_HOME/registry`: the crates the lessons depend on, already downloaded.
    registry: PathBuf,
    /// `setpriv`, which starts a program as another user (util-linux).
    setpriv: Option<PathBuf>,
}

/// A sandbox for one student's grading copy.
#[derive(Clone, Debug)]
pub struct Sandbox {
    bubblewrap: Bubblewrap,
    /// The grading copy: visible, read-only.
    sources: PathBuf,
    /// Its build directory: the only place it may write, apart from its private `/tmp`.
    target: PathBuf,
    /// Directories below `sources` that only steps which see hidden files see; the other
    /// steps find them empty.
    hidden: Vec<PathBuf>,
    /// The user that steps running student code run as, when the grader is root: the
    /// kernel counts tasks per user and never limits root's.
    user: Option<u32>,
}

impl Bubblewrap {
    /// Finds bubblewrap and checks that it can make a sandbox here (user namespaces may be
    /// disabled, or a container may forbid them).
    pub fn detect() -> Result<Bubblewrap, Error> {
        if !cfg!(target_os = "linux") {
            return Err(Error::config(
                "class grading of untrusted code needs Linux: its sandbox is bubblewrap, and \
                 macOS and Windows have no unprivileged equivalent",
            )
            .help(
                "grade on Linux (a CI runner: see examples/github/grade-class.yml), or pass \
                 `--no-sandbox` to grade code you trust",
            ));
        }
        let bwrap = find_program("bwrap").ok_or_else(|| {
            Error::config("bubblewrap (`bwrap`) is not installed: class grading runs student code in it")
                .help("install it (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf install bubblewrap`), or pass `--no-sandbox` to grade code you trust")
        })?;
        if find_program("prlimit").is_none() {
            return Err(Error::config(
                "`prlimit` is not installed: the sandbox limits memory and file sizes with it",
            )
            .help("install util-linux (Debian/Ubuntu: `sudo apt-get install util-linux`)"));
        }
        let sysroot = toolchain_sysroot()?;
        let registry = cargo_home().join("registry");
        let bubblewrap = Bubblewrap {
            bwrap,
            sysroot,
            registry,
            setpriv: find_program("setpriv"),
        };
        let probe = bubblewrap
            .confine(&bubblewrap.sysroot, &std::env::temp_dir())
            .command("true", Path::new("/"), Step::TEST)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output();
        match probe {
            Ok(output) if output.status.success() => Ok(bubblewrap),
            Ok(output) => Err(Error::config(format!(
                "bubblewrap cannot make a sandbox on this machine: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ))
            .help("unprivileged user namespaces may be disabled (`sysctl kernel.unprivileged_userns_clone=1`, or AppArmor's `kernel.apparmor_restrict_unprivileged_userns=0`); or pass `--no-sandbox` to grade code you trust")),
            Err(e) => Err(Error::config(format!("cannot run {}: {e}", bubblewrap.bwrap.display()))),
        }
    }

    /// A sandbox that sees `sources` read-only and may write only `target` (below it or not).
    pub fn confine(&self, sources: &Path, target: &Path) -> Sandbox {
        Sandbox {
            bubblewrap: self.clone(),
            sources: sources.to_path_buf(),
            target: target.to_path_buf(),
            hidden: Vec::new(),
            user: None,
        }
    }
}

impl Sandbox {
    /// The same sandbox, in which only steps that see hidden files see `dirs` (those that
    /// exist) with anything in them.
    pub fn hiding(mut self, dirs: impl IntoIterator<Item = PathBuf>) -> Sandbox {
        self.hidden
            .extend(dirs.into_iter().filter(|dir| dir.is_dir()));
        self
    }

    pub fn hides_anything(&self) -> bool {
        !self.hidden.is_empty()
    }

    /// The same sandbox, in which steps that run student code run as user `uid` (which
    /// must be able to read `sources` and `target`): only root can switch, and must, for
    /// the limit on tasks to hold. `None` when this machine cannot: no `setpriv`, or
    /// bubblewrap cannot make a sandbox for an unprivileged user here.
    pub fn run_as(self, uid: u32) -> Option<Sandbox> {
        self.bubblewrap.setpriv.as_ref()?;
        let sandbox = Sandbox {
            user: Some(uid),
            ..self
        };
        let probe = sandbox
            .command("true", &sandbox.sources, Step::TEST)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        probe.is_ok_and(|s| s.success()).then_some(sandbox)
    }

    /// `program args…` in `cwd`, inside the sandbox, as `step` allows. Arguments and
    /// environment variables are added to the returned command as usual: the program
    /// starts with a clean environment plus those.
    pub fn command(&self, program: impl Into<OsString>, cwd: &Path, step: Step) -> Command {
        let Bubblewrap {
            bwrap,
            sysroot,
            registry,
            setpriv,
        } = &self.bubblewrap;
        let user = self.user.filter(|_| step.tasks.is_some());
        let mut command = match (user, setpriv) {
            (Some(uid), Some(setpriv)) => {
                let mut command = Command::new(setpriv);
                command
                    .arg(format!("--reuid={uid}"))
                    .arg(format!("--regid={uid}"))
                    .args(["--clear-groups", "--"])
                    .arg(bwrap);
                command
            }
            _ => Command::new(bwrap),
        };
        // bwrap passes its own environment on: callers add variables with `env` as usual.
        command
            .env_clear()
            .args(["--unshare-all", "--die-with-parent", "--new-session"])
            .args(["--cap-drop", "ALL"]);
        // The system's programs and libraries, wherever this distribution keeps them.
        for system in ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc"] {
            command.args(["--ro-bind-try", system, system]);
        }
        command.args(["--proc", "/proc", "--dev", "/dev"]).args([
            "--size",
            &TMP_BYTES.to_string(),
            "--tmpfs",
            "/tmp",
        ]);
        if user.is_none() {
            // Tests need no toolchain, and another user may not reach root's.
            command
                .arg("--ro-bind")
                .args([sysroot, sysroot])
                .arg("--ro-bind-try")
                .arg(registry)
                .arg(Path::new(CARGO_HOME).join("registry"));
        }
        command
            .arg("--ro-bind")
            .args([&self.sources, &self.sources])
            .arg(if step.writes_target {
                "--bind"
            } else {
                "--ro-bind"
            })
            .args([&self.target, &self.target]);
        if !step.sees_hidden {
            for dir in &self.hidden {
                // An empty directory in its place, with no room to fill.
                command.args(["--size", "4096", "--tmpfs"]).arg(dir);
            }
        }
        command.arg("--chdir").arg(cwd);
        let path = std::env::join_paths([sysroot.join("bin"), "/usr/bin".into(), "/bin".into()])
            .expect("paths without separators");
        command
            .env("PATH", path)
            .env("HOME", "/tmp")
            .env("TMPDIR", "/tmp")
            .env("CARGO_HOME", CARGO_HOME)
            .env("RUSTC", sysroot.join("bin").join("rustc"));
        // `prlimit` sets the limits and then becomes the program.
        command
            .args(["--", "prlimit"])
            .arg(format!("--as={}", step.memory))
            .arg(format!("--fsize={}", step.file_size));
        if let Some(tasks) = step.tasks {
            // The kernel counts every task of the user, wherever it runs: the limit is
            // what the user has now plus what the step may start.
            if let Some(uid) = user.or_else(current_uid) {
                command.arg(format!("--nproc={}", tasks_of(uid) + tasks));
            }
        }
        command.arg("--").arg(program.into());
        command
    }

    /// The toolchain's cargo, as seen inside the sandbox.
    pub fn cargo(&self) -> PathBuf {
        self.bubblewrap.sysroot.join("bin").join("cargo")
    }
}

/// The user this process runs as (the owner of its `/proc` entry), on Linux.
pub fn current_uid() -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").ok().map(|m| m.uid())
    }
    #[cfg(not(unix))]
    None
}

/// The threads of every process whose real user is `uid`, as `RLIMIT_NPROC` counts them.
fn tasks_of(uid: u32) -> u64 {
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let field = |status: &str, name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line[name.len()..].split_whitespace().next()?.parse().ok()
    };
    processes
        .flatten()
        .filter_map(|process| std::fs::read_to_string(process.path().join("status")).ok())
        .filter(|status| field(status, "Uid:") == Some(u64::from(uid)))
        .filter_map(|status| field(&status, "Threads:"))
        .sum()
}

/// `name` on `PATH`, if it is there.
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The sysroot of the toolchain the runner was started with.
fn toolchain_sysroot() -> Result<PathBuf, Error> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::config(format!("cannot run rustc: {e}")))?;
    let sysroot = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() || sysroot.is_empty() {
        return Err(Error::config(
            "`rustc --print sysroot` printed no toolchain",
        ));
    }
    Ok(PathBuf::from(sysroot))
}

/// Where cargo keeps downloaded crates: `$CARGO_HOME`, else `~/.cargo`.
fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}
