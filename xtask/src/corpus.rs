//! `cargo xtask corpus DIR`: what specc says about a directory of real files, per dialect.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use specc::driver::{self, CheckOptions, Input};

#[derive(Default)]
struct Stats {
    files: usize,
    units: usize,
    lowered: usize,
    syntax_errors: usize,
    panics: usize,
    findings: BTreeMap<String, usize>,
}

pub fn run(dir: &Path, json: bool) -> anyhow::Result<bool> {
    let mut dialects: Vec<PathBuf> =
        std::fs::read_dir(dir)?.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dialects.sort();
    let mut all = BTreeMap::new();
    for d in &dialects {
        let name = d.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        // The files `specc check DIR` would look at, checked one at a time so a panic is attributed.
        let (inputs, _walk_errors) = driver::discover(std::slice::from_ref(d));
        let files: Vec<PathBuf> = inputs.into_iter().map(|i| i.path).collect();
        let mut stats = Stats { files: files.len(), ..Stats::default() };
        // The whole directory in one run, as `specc check DIR` would (so files of one unit are lowered
        // once); after a panic, file by file, to name the file that caused it.
        let inputs: Vec<Input> = files.iter().map(|f| Input { path: f.clone(), explicit: false }).collect();
        let whole = std::panic::catch_unwind(|| driver::check(&inputs, &[], &CheckOptions::default()));
        let reports = match whole {
            Ok(r) => r,
            Err(_) => {
                let mut reports = Vec::new();
                for input in &inputs {
                    match std::panic::catch_unwind(|| {
                        driver::check(std::slice::from_ref(input), &[], &CheckOptions::default())
                    }) {
                        Ok(r) => reports.extend(r),
                        Err(_) => {
                            stats.panics += 1;
                            eprintln!("PANIC on {}", input.path.display());
                        }
                    }
                }
                reports
            }
        };
        for r in reports {
            stats.units += 1;
            if r.lowered {
                stats.lowered += 1;
            }
            for diag in &r.diagnostics {
                if diag.code.starts_with("syntax/") && diag.severity == specc_diagnostics::Severity::Error {
                    stats.syntax_errors += 1;
                }
                *stats.findings.entry(diag.code.to_string()).or_default() += 1;
            }
        }
        all.insert(name, stats);
    }
    let panics: usize = all.values().map(|s| s.panics).sum();
    if json {
        let v: BTreeMap<&String, serde_like::Row> = all.iter().map(|(k, s)| (k, serde_like::Row::from(s))).collect();
        println!("{}", serde_like::to_json(&v));
    } else {
        println!("{:<10} {:>6} {:>6} {:>8} {:>7} {:>7}", "dialect", "files", "units", "lowered", "syntax", "panics");
        for (name, s) in &all {
            println!(
                "{:<10} {:>6} {:>6} {:>8} {:>7} {:>7}",
                name, s.files, s.units, s.lowered, s.syntax_errors, s.panics
            );
        }
        for (name, s) in &all {
            if s.findings.is_empty() {
                continue;
            }
            println!("\n{name}: findings per code");
            let mut rows: Vec<_> = s.findings.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (code, n) in rows {
                println!("  {n:>5}  {code}");
            }
        }
    }
    Ok(panics == 0)
}

/// A tiny JSON writer, to keep xtask's dependencies to what the workspace already builds.
mod serde_like {
    use std::collections::BTreeMap;

    pub struct Row {
        files: usize,
        units: usize,
        lowered: usize,
        syntax_errors: usize,
        panics: usize,
        findings: BTreeMap<String, usize>,
    }

    impl From<&super::Stats> for Row {
        fn from(s: &super::Stats) -> Self {
            Row {
                files: s.files,
                units: s.units,
                lowered: s.lowered,
                syntax_errors: s.syntax_errors,
                panics: s.panics,
                findings: s.findings.clone(),
            }
        }
    }

    pub fn to_json(rows: &BTreeMap<&String, Row>) -> String {
        let mut out = String::from("{");
        for (i, (k, r)) in rows.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let findings: Vec<String> = r.findings.iter().map(|(c, n)| format!("\"{c}\":{n}")).collect();
            out.push_str(&format!(
                "\"{k}\":{{\"files\":{},\"units\":{},\"lowered\":{},\"syntax_errors\":{},\"panics\":{},\"findings\":{{{}}}}}",
                r.files,
                r.units,
                r.lowered,
                r.syntax_errors,
                r.panics,
                findings.join(",")
            ));
        }
        out.push('}');
        out
    }
}
