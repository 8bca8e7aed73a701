#![allow(unsafe_code)] // Win32 job objects have no std API.

use std::io;
use std::os::windows::io::AsRawHandle;
use std::os::windows::process::CommandExt;
use std::process::{Child, Command, ExitStatus};
use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    JobObjectBasicAccountingInformation, JobObjectExtendedLimitInformation,
    QueryInformationJobObject, SetInformationJobObject, TerminateJobObject,
};

const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;

/// A job object holding the test process; the processes it starts join the job. The job
/// is closed with the runner, and closing it kills what is still in it, so even a runner
/// ended by Ctrl-C leaves nothing behind.
pub struct ProcessGroup {
    job: HANDLE,
}

impl ProcessGroup {
    /// Spawns `command` in a new job object (and a new console process group, out of
    /// reach of the console's Ctrl-C, which is the runner's to handle).
    pub fn spawn(command: &mut Command) -> io::Result<(Child, ProcessGroup)> {
        // SAFETY: a null name and attributes create an anonymous job with default security.
        let job = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        if job.is_null() {
            return Err(io::Error::last_os_error());
        }
        let group = ProcessGroup { job };
        let mut limits = JOBOBJECT_EXTENDED_LIMIT_INFORMATION::default();
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        // SAFETY: `limits` is the structure this information class expects, of this size.
        let set = unsafe {
            SetInformationJobObject(
                group.job,
                JobObjectExtendedLimitInformation,
                (&raw const limits).cast(),
                size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            )
        };
        if set == 0 {
            return Err(io::Error::last_os_error());
        }
        let child = command.creation_flags(CREATE_NEW_PROCESS_GROUP).spawn()?;
        // The test runs for a moment before it joins the job: a process it started in that
        // moment would escape. A test binary takes longer than that just to start up.
        // SAFETY: both handles are open: the job's is ours, the process's is `child`'s.
        if unsafe { AssignProcessToJobObject(group.job, child.as_raw_handle()) } == 0 {
            let error = io::Error::last_os_error();
            let mut child = child;
            let _ = child.kill();
            let _ = child.wait();
            return Err(error);
        }
        Ok((child, group))
    }

    /// Kills every process left in the job. Returns whether there was any: once the test
    /// process has been waited for, those are the processes it left behind.
    pub fn kill(&self) -> bool {
        let mut accounting = JOBOBJECT_BASIC_ACCOUNTING_INFORMATION::default();
        // SAFETY: `accounting` is the structure this information class expects, of this size.
        let queried = unsafe {
            QueryInformationJobObject(
                self.job,
                JobObjectBasicAccountingInformation,
                (&raw mut accounting).cast(),
                size_of::<JOBOBJECT_BASIC_ACCOUNTING_INFORMATION>() as u32,
                std::ptr::null_mut(),
            )
        };
        // SAFETY: the job handle is open until drop.
        unsafe { TerminateJobObject(self.job, 1) };
        queried != 0 && accounting.ActiveProcesses > 0
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        // SAFETY: the handle is open and closed once, here; closing kills what is left.
        unsafe { CloseHandle(self.job) };
    }
}

/// NTSTATUS codes of crashes: stack overflow, access violation, fail-fast (abort).
pub fn crash_reason(status: ExitStatus) -> Option<String> {
    let code = status.code()? as u32;
    match code {
        0xC000_00FD => Some("stack overflow (STATUS_STACK_OVERFLOW)".into()),
        0xC000_0005 => Some("access violation (STATUS_ACCESS_VIOLATION)".into()),
        0xC000_0409 => Some("aborted (STATUS_STACK_BUFFER_OVERRUN: a fail-fast abort)".into()),
        code if code >= 0xC000_0000 => Some(format!("crashed with status {code:#X}")),
        _ => None,
    }
}

/// Ctrl-C ends the runner with the console's default handling; the job objects close
/// with it, and closing them kills the tests still running.
pub fn watch_interrupts() {}

pub fn interrupted() -> bool {
    false
}
