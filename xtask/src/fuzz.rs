//! `cargo xtask fuzz [--seconds N] [--target NAME]`: runs every cargo-fuzz target for N seconds
//! (default 60), seeded from our fixtures, and prints targets, seconds, executions and crashes.
//! Crash inputs are copied to `fuzz/regressions/<target>/`, which `fuzz_regressions_replay` in `tests/it/fixes.rs` replays.
//!
//! cargo-fuzz needs nightly features; this uses the stable toolchain with `RUSTC_BOOTSTRAP=1`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

pub const TARGETS: [&str; 6] = ["json_loader", "yaml_loader", "lower_dialects", "check_pipeline", "migrate", "edits"];

/// Targets whose first input byte selects a dialect or file name.
fn has_selector(target: &str) -> bool {
    matches!(target, "lower_dialects" | "check_pipeline" | "migrate" | "edits")
}

fn fixture_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("fixtures"), root.join("examples")];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.metadata().is_ok_and(|m| m.len() < 64 * 1024) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn seed(root: &Path, target: &str) -> anyhow::Result<PathBuf> {
    let dir = root.join("fuzz/corpus").join(target);
    std::fs::create_dir_all(&dir)?;
    for (i, f) in fixture_files(root).iter().enumerate() {
        let bytes = std::fs::read(f)?;
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        let keep = match target {
            "json_loader" => ext == "json",
            "yaml_loader" => ext == "yaml" || ext == "yml",
            _ => ext == "json" || ext == "yaml" || ext == "yml",
        };
        if !keep {
            continue;
        }
        if has_selector(target) {
            for sel in 0u8..7 {
                let mut v = vec![sel];
                v.extend_from_slice(&bytes);
                std::fs::write(dir.join(format!("seed-{i}-{sel}")), v)?;
            }
        } else {
            std::fs::write(dir.join(format!("seed-{i}")), &bytes)?;
        }
    }
    Ok(dir)
}

pub struct TargetRun {
    pub target: String,
    pub seconds: u64,
    pub executions: u64,
    pub crashes: usize,
    /// The target did not build or libFuzzer did not run (no executions, no crash input).
    pub failed_to_run: bool,
}

pub fn run(seconds: u64, only: Option<&str>) -> anyhow::Result<bool> {
    let root = crate::codegen::workspace_root();
    if Command::new("cargo").args(["fuzz", "--version"]).output().map(|o| !o.status.success()).unwrap_or(true) {
        anyhow::bail!("cargo-fuzz is not installed: `cargo install cargo-fuzz`");
    }
    let mut outcomes = Vec::new();
    for target in TARGETS.iter().filter(|t| only.is_none_or(|o| o == **t)) {
        let corpus = seed(&root, target)?;
        let artifacts = root.join("fuzz/artifacts").join(target);
        std::fs::create_dir_all(&artifacts)?;
        let before: usize = std::fs::read_dir(&artifacts).map(|r| r.count()).unwrap_or(0);
        eprintln!("fuzzing {target} for {seconds} s");
        let out = Command::new("cargo")
            .current_dir(root.join("fuzz"))
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", target])
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .arg("-rss_limit_mb=2048")
            .arg("-timeout=10")
            .arg("-print_final_stats=1")
            .output()
            .with_context(|| format!("running cargo fuzz for {target}"))?;
        let log = String::from_utf8_lossy(&out.stderr);
        let executions = log
            .lines()
            .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        let after: Vec<PathBuf> =
            std::fs::read_dir(&artifacts).map(|r| r.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        let crashes = after.len().saturating_sub(before);
        if crashes > 0 || !out.status.success() {
            let keep = root.join("fuzz/regressions").join(target);
            std::fs::create_dir_all(&keep)?;
            for a in &after {
                if let Some(name) = a.file_name() {
                    std::fs::copy(a, keep.join(name))?;
                }
            }
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            eprintln!("{target}: failure; last lines:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
        }
        let failed_to_run = executions == 0 && crashes == 0 && !out.status.success();
        outcomes.push(TargetRun { target: target.to_string(), seconds, executions, crashes, failed_to_run });
    }
    println!("{:<16} {:>8} {:>14} {:>8}", "target", "seconds", "executions", "crashes");
    for o in &outcomes {
        let note = if o.failed_to_run { "  did not run (see the log above)" } else { "" };
        println!("{:<16} {:>8} {:>14} {:>8}{note}", o.target, o.seconds, o.executions, o.crashes);
    }
    Ok(outcomes.iter().all(|o| o.crashes == 0 && !o.failed_to_run))
}
