//! The "why not faster" line: the functions that execute the most instructions when specc checks the
//! corpus on one thread with `--format json`, counted by `valgrind --tool=callgrind`.
//!
//! Instruction counts do not depend on what else the machine is running, so unlike wall times they
//! compare across runs. Without valgrind the line is left out (and says so on stderr).

use std::path::Path;
use std::process::Command;

#[derive(Debug, Clone)]
pub struct Profile {
    /// What was profiled, in words.
    pub about: String,
    /// Instructions executed by the whole run.
    pub total: u64,
    /// The top functions by self instructions: (name, instructions).
    pub top: Vec<(String, u64)>,
}

impl Profile {
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .top
            .iter()
            .map(|(f, n)| format!("{} {:.1}%", short_name(f), 100.0 * *n as f64 / self.total.max(1) as f64))
            .collect();
        format!("{:.0} M instructions; top: {}", self.total as f64 / 1e6, parts.join(", "))
    }
}

/// Runs specc under callgrind on `corpus` and returns its `n` most expensive functions (self cost).
pub fn top_entries(specc: &Path, corpus: &Path, out_dir: &Path, n: usize) -> Option<Profile> {
    let have = Command::new("valgrind").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
    if !have {
        eprintln!("bench: valgrind not found: no instruction profile (the \"why not faster\" line is left out)");
        return None;
    }
    std::fs::create_dir_all(out_dir).ok()?;
    let out = out_dir.join("callgrind.out");
    eprintln!("bench: profiling specc on the corpus with callgrind (one thread, --format json)");
    let status = Command::new("valgrind")
        .args(["--tool=callgrind", "--quiet"])
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(specc)
        .args(["check", "--threads", "1", "--format", "json", "--color", "never", "--fail-on", "never"])
        .arg(corpus)
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        eprintln!("bench: callgrind run failed ({status})");
        return None;
    }
    let annotated = Command::new("callgrind_annotate").arg("--inclusive=no").arg(&out).output().ok()?;
    let text = String::from_utf8_lossy(&annotated.stdout);
    let (total, top) = parse_annotate(&text, n)?;
    Some(Profile { about: "callgrind, corpus, --threads 1 --format json".into(), total, top })
}

/// Reads `callgrind_annotate` output: the `PROGRAM TOTALS` line, then one `count [(pct)] file:function
/// [object]` line per function, most expensive first.
fn parse_annotate(text: &str, n: usize) -> Option<(u64, Vec<(String, u64)>)> {
    let count = |line: &str| -> Option<(u64, String)> {
        let line = line.trim();
        let (num, rest) = line.split_once(char::is_whitespace)?;
        let v: u64 = num.replace(',', "").parse().ok()?;
        let rest = rest.trim_start();
        let rest =
            if rest.starts_with('(') { rest.split_once(')').map_or(rest, |(_, r)| r).trim_start() } else { rest };
        Some((v, rest.to_string()))
    };
    let mut lines = text.lines();
    let total = lines.by_ref().find_map(|l| l.contains("PROGRAM TOTALS").then(|| count(l)).flatten())?.0;
    let mut top = Vec::new();
    for l in lines {
        if top.len() == n {
            break;
        }
        if let Some((v, name)) = count(l) {
            // "file:function [object]" → "function".
            let name = name.rsplit_once(" [").map_or(name.as_str(), |(f, _)| f);
            let name = name.split_once(':').map_or(name, |(_, f)| f);
            top.push((name.to_string(), v));
        }
    }
    Some((total, top))
}

/// The last two path segments of a Rust symbol, without generic arguments: enough to recognise it.
fn short_name(f: &str) -> String {
    let mut base = String::new();
    let mut depth = 0;
    for c in f.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            _ if depth == 0 => base.push(c),
            _ => {}
        }
    }
    // Legacy mangling ends in a hash segment `h` + 16 hex digits: not part of the name.
    let is_hash = |s: &str| s.len() == 17 && s.starts_with('h') && s[1..].bytes().all(|b| b.is_ascii_hexdigit());
    let segs: Vec<&str> = base.split("::").filter(|s| !s.is_empty() && !is_hash(s)).collect();
    segs[segs.len().saturating_sub(2)..].join("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_callgrind_annotate_output() {
        let text = "\
--------------------------------------------------------------------------------
Ir
--------------------------------------------------------------------------------
1,000,000 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                file:function
--------------------------------------------------------------------------------
300,000 (30.00%)  crates/specc-syntax/src/json.rs:specc_syntax::json::Parser::value [/t/specc]
200,000 (20.00%)  ???:malloc [/usr/lib/libc.so.6]
100,000 (10.00%)  ???:core::str::<impl str>::chars [/t/specc]
 50,000 ( 5.00%)  ???:free [/usr/lib/libc.so.6]
";
        let (total, top) = parse_annotate(text, 3).unwrap();
        assert_eq!(total, 1_000_000);
        assert_eq!(top.len(), 3);
        assert_eq!(top[0], ("specc_syntax::json::Parser::value".to_string(), 300_000));
        assert_eq!(top[1].0, "malloc");
        let p = Profile { about: String::new(), total, top };
        assert_eq!(p.summary(), "1 M instructions; top: Parser::value 30.0%, malloc 20.0%, str::chars 10.0%");
    }
}
