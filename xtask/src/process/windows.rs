use std::os::windows::process::CommandExt;
use std::process::{Command, ExitStatus, Stdio};

const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;

/// Starts the command in a new process group, out of reach of the console's Ctrl-C.
pub fn isolate(command: &mut Command) {
    command.creation_flags(CREATE_NEW_PROCESS_GROUP);
}

/// Kills the process tree under `leader`. Windows cannot tell whether descendants were
/// left once the leader has exited, so this reports `false`.
pub fn kill_group(leader: u32) -> bool {
    let _ = Command::new("taskkill")
        .args(["/F", "/T", "/PID", &leader.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    false
}

/// NTSTATUS codes of crashes: stack overflow, access violation, fail-fast (abort).
pub fn crash_reason(status: ExitStatus) -> Option<String> {
    let code = status.code()? as u32;
    match code {
        0xC000_00FD => Some("stack overflow (STATUS_STACK_OVERFLOW)".into()),
        0xC000_0005 => Some("access violation (STATUS_ACCESS_VIOLATION)".into()),
        0xC000_0409 => Some("the process aborted (STATUS_STACK_BUFFER_OVERRUN / fail fast)".into()),
        code if code >= 0xC000_0000 => Some(format!("crashed with status {code:#X}")),
        _ => None,
    }
}

/// Test processes are in their own groups, so Ctrl-C reaches only the runner, which
/// then ends with the console's default handling; their trees are killed on timeout.
pub fn watch_interrupts() {}

pub fn interrupted() -> bool {
    false
}
