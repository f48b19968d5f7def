//! Running one command and measuring it: wall time with `Instant`, peak resident memory from the kernel.
//!
//! On Unix the child is reaped with `wait4(2)`, whose `rusage.ru_maxrss` is the peak RSS of the child (and
//! of any descendants it waited for), in KiB on Linux. Elsewhere only the wall time is measured.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of one command.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall: Duration,
    /// Peak resident set size in KiB, when the platform reports it.
    pub max_rss_kib: Option<u64>,
    /// The exit code, or `None` when the process was killed by a signal.
    pub code: Option<i32>,
}

/// What to run: a program, its arguments, extra environment and a working directory.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
}

impl Invocation {
    /// The command line as a user would type it (for the report; not shell-quoted exactly).
    pub fn display(&self) -> String {
        let mut s = String::new();
        for (k, v) in &self.env {
            s.push_str(&format!("{k}={v} "));
        }
        s.push_str(&self.program.display().to_string());
        const SHOWN: usize = 6;
        for a in self.args.iter().take(SHOWN) {
            s.push(' ');
            s.push_str(a);
        }
        if self.args.len() > SHOWN {
            s.push_str(&format!(" … ({} more arguments)", self.args.len() - SHOWN));
        }
        s
    }
}

/// Runs `inv` to completion with stdin, stdout and stderr on the null device. Any exit status counts
/// as a completed run (linters exit non-zero when they find problems); only failing to start is an error.
pub fn run(inv: &Invocation) -> anyhow::Result<Sample> {
    let mut cmd = Command::new(&inv.program);
    cmd.args(&inv.args).current_dir(&inv.cwd).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    for (k, v) in &inv.env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let child = cmd.spawn().map_err(|e| anyhow::anyhow!("cannot start {}: {e}", inv.program.display()))?;
    reap(child, start)
}

#[cfg(unix)]
#[allow(unsafe_code)] // wait4(2) through libc: the one unsafe block in xtask
fn reap(child: std::process::Child, start: Instant) -> anyhow::Result<Sample> {
    let pid = libc::pid_t::try_from(child.id())?;
    let mut status: libc::c_int = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    loop {
        // SAFETY: `pid` is our own unreaped child; `status` and `usage` are valid, writable and live for
        // the duration of the call, and a zeroed `rusage` (plain integers) is a valid value.
        let r = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
        if r == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(anyhow::anyhow!("wait4({pid}): {err}"));
        }
    }
    let wall = start.elapsed();
    // SAFETY: wait4 returned the child's pid, so it filled `usage` (and it was zero-initialised anyway).
    let usage = unsafe { usage.assume_init() };
    // The child is reaped; dropping the handle only closes our ends of its (null) stdio.
    drop(child);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let max_rss_kib = u64::try_from(usage.ru_maxrss).ok();
    Ok(Sample { wall, max_rss_kib, code })
}

#[cfg(not(unix))]
fn reap(mut child: std::process::Child, start: Instant) -> anyhow::Result<Sample> {
    let status = child.wait()?;
    Ok(Sample { wall: start.elapsed(), max_rss_kib: None, code: status.code() })
}
