//! Baselines: today's findings recorded in a file so that a project can adopt specc (or a new rule)
//! without fixing everything first, and see only new findings from then on.
//!
//! `specc check --write-baseline FILE` records every finding of the run; `--baseline FILE` (or
//! `baseline = "…"` in `specc.toml`) hides the findings it records. An entry is keyed by the code,
//! the file (relative to the baseline's directory, `/`-separated), the JSON Pointer of the node, and a
//! fingerprint of the code, the message and the text the finding points at, which does not change when
//! lines move. A finding matches an entry with the same code and file and either the same pointer or
//! the same fingerprint (so a moved key or an edited line elsewhere keeps it hidden); each entry hides
//! at most one finding. Entries of checked files that hide nothing are reported as
//! `specc/unmatched-baseline-entry` so that they can be pruned; writing the baseline again prunes them.
//! Writing merges per file: entries of files this run did not check are kept.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specc_diagnostics::{Diagnostic, Severity, Span};
use specc_syntax::{Document, FileId, SourceDb, TextRange};

use crate::driver::UnitReport;

pub use specc_rules::rules::specc::UNMATCHED_BASELINE_ENTRY;

/// Version of the baseline file format.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub code: String,
    pub pointer: String,
    pub fingerprint: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileFormat {
    version: u32,
    entries: Vec<Entry>,
}

/// A loaded baseline and what the run matched of it.
#[derive(Debug)]
pub struct Baseline {
    path: PathBuf,
    /// Directory the entries' file names are relative to.
    base: PathBuf,
    entries: Vec<Entry>,
    used: Vec<bool>,
    /// Files (keys) this run checked.
    checked: BTreeSet<String>,
    document: Option<Document>,
}

/// An unusable baseline file.
#[derive(Debug)]
pub struct BaselineError(pub String);

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn base_of(path: &Path) -> PathBuf {
    std::path::absolute(path).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default()
}

/// 64-bit FNV-1a, hex: stable across platforms and versions (unlike `DefaultHasher`).
pub(crate) fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The key of a file in a baseline whose directory is `base`.
fn file_key(base: &Path, path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let rel = abs.strip_prefix(base).unwrap_or(&abs);
    rel.to_string_lossy().replace('\\', "/")
}

/// The entry a finding would be recorded as. The fingerprint uses the finding's text with whitespace
/// runs collapsed, never a secret value (a span that touches one is fingerprinted by its length only).
fn entry_of(base: &Path, db: &SourceDb, d: &Diagnostic, secrets: &[(Span, String)]) -> Entry {
    let doc = db.get(d.span.file);
    let file = doc.map(|doc| file_key(base, &doc.path)).unwrap_or_default();
    let pointer = match doc {
        Some(doc) if !d.file_level => doc.pointer_of_range(TextRange { start: d.span.start, end: d.span.end }),
        _ => String::new(),
    };
    let touches_secret = secrets
        .iter()
        .any(|(s, _)| s.file == d.span.file && s.start < d.span.end.max(d.span.start + 1) && d.span.start < s.end);
    let snippet = match doc {
        Some(_) if touches_secret => format!("<secret:{}>", d.span.end.saturating_sub(d.span.start)),
        Some(doc) => {
            let t = doc.text.get(d.span.start as usize..d.span.end as usize).unwrap_or("");
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        None => String::new(),
    };
    Entry { file, code: d.code.to_string(), pointer, fingerprint: fnv(&[d.code, &d.message, &snippet]) }
}

impl Baseline {
    /// Reads a baseline. A missing file is an error: a typo in the path must not turn the baseline off.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let bytes = specc_syntax::read_file(path).map_err(|(_, m)| BaselineError(format!("baseline {m}")))?;
        let parsed: FileFormat = serde_json::from_slice(&bytes)
            .map_err(|e| BaselineError(format!("baseline {} is not a specc baseline: {e}", path.display())))?;
        if parsed.version != VERSION {
            return Err(BaselineError(format!(
                "baseline {} has version {}; this specc reads version {VERSION}",
                path.display(),
                parsed.version
            )));
        }
        let used = vec![false; parsed.entries.len()];
        Ok(Baseline {
            path: path.to_path_buf(),
            base: base_of(path),
            entries: parsed.entries,
            used,
            checked: BTreeSet::new(),
            document: Some(Document::parse(FileId(0), path, &bytes)),
        })
    }

    /// Hides the report's findings that the baseline records.
    pub fn apply(&mut self, report: &mut UnitReport) {
        for doc in report.db.iter() {
            self.checked.insert(file_key(&self.base, &doc.path));
        }
        let base = self.base.clone();
        let entries = &self.entries;
        let used = &mut self.used;
        report.retain_diagnostics(|db, secrets, d| {
            let e = entry_of(&base, db, d, secrets);
            let same = |x: &Entry| x.code == e.code && x.file == e.file;
            // Exact match first, then the pointer (the text changed), then the fingerprint (the node moved).
            let found = (0..entries.len())
                .find(|&i| {
                    !used[i]
                        && same(&entries[i])
                        && entries[i].pointer == e.pointer
                        && entries[i].fingerprint == e.fingerprint
                })
                .or_else(|| {
                    (0..entries.len()).find(|&i| !used[i] && same(&entries[i]) && entries[i].pointer == e.pointer)
                })
                .or_else(|| {
                    (0..entries.len())
                        .find(|&i| !used[i] && same(&entries[i]) && entries[i].fingerprint == e.fingerprint)
                });
            match found {
                Some(i) => {
                    used[i] = true;
                    false
                }
                None => true,
            }
        });
    }

    /// Entries of checked files that hid nothing, as findings located in the baseline file.
    pub fn finish(self) -> Option<UnitReport> {
        let doc = self.document?;
        let diagnostics: Vec<Diagnostic> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, e)| !self.used[*i] && self.checked.contains(&e.file))
            .map(|(i, e)| {
                let span = doc.lookup(&format!("/entries/{i}")).map_or(Span::file_start(FileId(0)), |n| {
                    Span::new(FileId(0), n.range.start as usize, n.range.end as usize)
                });
                Diagnostic::new(
                    UNMATCHED_BASELINE_ENTRY,
                    Severity::Info,
                    format!("baseline entry for `{}` in {} at `{}` matches no finding", e.code, e.file, e.pointer),
                    span,
                )
                .with_help("the finding is gone: prune the entry by writing the baseline again (`--write-baseline`)")
            })
            .collect();
        if diagnostics.is_empty() {
            return None;
        }
        let mut db = SourceDb::new();
        db.add_document(doc);
        Some(UnitReport::bare(self.path, db, diagnostics))
    }
}

/// Collects the entries of a run for writing.
#[derive(Debug)]
pub struct Recorder {
    path: PathBuf,
    base: PathBuf,
    files: BTreeSet<String>,
    entries: Vec<Entry>,
}

impl Recorder {
    pub fn new(path: &Path) -> Recorder {
        Recorder { path: path.to_path_buf(), base: base_of(path), files: BTreeSet::new(), entries: Vec::new() }
    }

    /// Records the report's findings (and that its files were checked) and hides them.
    pub fn record(&mut self, report: &mut UnitReport) {
        for doc in report.db.iter() {
            self.files.insert(file_key(&self.base, &doc.path));
        }
        for d in &report.diagnostics {
            if d.code == UNMATCHED_BASELINE_ENTRY {
                continue;
            }
            self.entries.push(entry_of(&self.base, &report.db, d, &report.secrets));
        }
        report.retain_diagnostics(|_, _, _| false);
    }

    /// Writes the baseline: entries of files this run checked are replaced, the others kept. Returns
    /// the number of entries written for this run's files.
    pub fn write(mut self) -> Result<usize, BaselineError> {
        let recorded = self.entries.len();
        if let Ok(existing) = Baseline::load(&self.path) {
            self.entries.extend(existing.entries.into_iter().filter(|e| !self.files.contains(&e.file)));
        } else if self.path.exists() {
            return Err(BaselineError(format!(
                "{} exists and is not a specc baseline; not overwritten",
                self.path.display()
            )));
        }
        self.entries.sort();
        let mut by_file: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.entries {
            *by_file.entry(e.file.as_str()).or_default() += 1;
        }
        let text = serde_json::to_string_pretty(&FileFormat { version: VERSION, entries: self.entries.clone() })
            .map_err(|e| BaselineError(e.to_string()))?
            + "\n";
        let dir = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let tmp = dir.join(format!(".specc-baseline-{}.tmp", std::process::id()));
        let write = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, &self.path));
        if let Err(e) = write {
            let _ = std::fs::remove_file(&tmp);
            return Err(BaselineError(format!("cannot write {}: {e}", self.path.display())));
        }
        Ok(recorded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(path: &Path, text: &str) -> UnitReport {
        crate::driver::check_buffer(path, text.as_bytes(), &crate::driver::CheckOptions::default())
    }

    const API: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    a:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: http://example.com/auth\n          scopes: {}\n";

    #[test]
    fn entries_survive_line_moves_and_stale_ones_are_reported() {
        let dir = std::env::temp_dir().join(format!("specc-baseline-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let api = dir.join("api.yaml");
        let file = dir.join("baseline.json");
        let mut r = report(&api, API);
        let found = r.diagnostics.len();
        assert!(found >= 2, "{:#?}", r.diagnostics);
        let mut rec = Recorder::new(&file);
        rec.record(&mut r);
        assert_eq!(rec.write().unwrap(), found);

        // Lines inserted above: every finding is still hidden, nothing is stale.
        let moved = API.replace("paths: {}\n", "paths: {}\nx-a: 1\nx-b: 2\n");
        let mut b = Baseline::load(&file).unwrap();
        let mut r = report(&api, &moved);
        b.apply(&mut r);
        assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
        assert!(b.finish().is_none());

        // One problem fixed: its entry is reported, located in the baseline file.
        let fixed = API.replace("http://example.com/auth", "https://example.com/auth");
        let mut b = Baseline::load(&file).unwrap();
        let mut r = report(&api, &fixed);
        b.apply(&mut r);
        assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
        let stale = b.finish().expect("a stale entry");
        assert_eq!(stale.diagnostics.len(), 1);
        assert_eq!(stale.diagnostics[0].code, UNMATCHED_BASELINE_ENTRY);
        let text = &stale.db.get(FileId(0)).unwrap().text;
        let d = &stale.diagnostics[0];
        assert!(text[d.span.start as usize..d.span.end as usize].contains("insecure-http-url"));

        // A new problem is not hidden.
        let worse = API.replace("scopes: {}", "scopes: {}\n          tokenUrl: http://example.com/token");
        let mut b = Baseline::load(&file).unwrap();
        let mut r = report(&api, &worse);
        b.apply(&mut r);
        assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn writing_merges_per_file_and_refuses_foreign_files() {
        let dir = std::env::temp_dir().join(format!("specc-baseline-merge-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("baseline.json");
        for name in ["a.yaml", "b.yaml"] {
            let mut r = report(&dir.join(name), API);
            let mut rec = Recorder::new(&file);
            rec.record(&mut r);
            rec.write().unwrap();
        }
        let b = Baseline::load(&file).unwrap();
        let files: BTreeSet<&str> = b.entries.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files.into_iter().collect::<Vec<_>>(), ["a.yaml", "b.yaml"]);
        std::fs::write(&file, "not json").unwrap();
        let mut r = report(&dir.join("a.yaml"), API);
        let mut rec = Recorder::new(&file);
        rec.record(&mut r);
        assert!(rec.write().is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "not json");
        assert!(Baseline::load(&dir.join("missing.json")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
