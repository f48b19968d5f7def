//! `specc migrate`: apply the fixes rules offer, file by file, until nothing more changes.
//!
//! Each pass re-checks the file's current text, applies every applicable fix whose edits do not overlap
//! an edit already taken, and re-parses the result; a pass that would make the file unparseable is
//! refused and the file keeps its last good text. Fixes are byte splices, so every byte outside an edit
//! stays as it was (indentation, key order, line ends, comments, trailing newline).
//!
//! `--write` replaces a file atomically: the new text goes to a temporary file in the same directory
//! (with the original's permissions), and is renamed over the original only if the original still has
//! the bytes it had when specc read it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;
use specc_diagnostics::{Applicability, Diagnostic, Edit};
use specc_emit::context::CredentialContext;
use specc_ir::CredentialValue;
use specc_syntax::{Document, FileId, Node};

use crate::config::Config;
use crate::driver::{self, CheckOptions, UnitReport};
use crate::select::Selection;

/// How far `migrate` may go.
#[derive(Debug, Clone)]
pub struct MigrateOptions {
    /// Also apply fixes marked unsafe.
    pub unsafe_fixes: bool,
    /// Write secret values from the environment into generated request bodies instead of `${VAR}`
    /// references.
    pub inline_secrets: bool,
    /// Stop after this many passes per file (a guard against fixes that never converge).
    pub max_passes: usize,
    /// `--component-id`: the elastic.io component id written into generated tenant OAuth-client
    /// bodies. Without it, the manifest's id is used, or else a `${COMPONENT_ID}` reference; never the
    /// name of a directory.
    pub component_id: Option<String>,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        MigrateOptions { unsafe_fixes: false, inline_secrets: false, max_passes: 10, component_id: None }
    }
}

/// The planned change of one file.
#[derive(Debug, Clone)]
pub struct FileChange {
    pub path: PathBuf,
    pub original: Vec<u8>,
    pub new_text: String,
    /// `(code, fix title)` of every fix applied, in order.
    pub applied: Vec<(String, String)>,
    /// Strings that must not be printed (literal secrets found in the file).
    pub secrets: Vec<String>,
    /// The file does not exist yet (a companion file such as a tenant OAuth-client request body).
    pub new_file: bool,
    /// The edits of each pass, in order, against that pass's input text: applying them to `original`
    /// one pass after the other gives `new_text`, and every byte outside them is unchanged.
    pub passes: Vec<Vec<Edit>>,
}

/// A file that could not be migrated, with the reason.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub changes: Vec<FileChange>,
    pub skipped: Vec<Skipped>,
    /// Warnings for stderr (what `--inline-secrets` inlined, and what it refused to read).
    pub warnings: Vec<String>,
}

fn check_text(path: &Path, bytes: &[u8], config: &Config, selection: &Selection) -> UnitReport {
    let options = CheckOptions::for_config(config);
    let mut reports = vec![driver::check_buffer(path, bytes, &options)];
    let _ = crate::suppress::apply(&mut reports, config, selection);
    reports.pop().unwrap_or_else(|| driver::check_buffer(path, bytes, &options))
}

/// Secret values of a report, to keep them out of diffs and patches.
fn secrets_of(report: &UnitReport) -> Vec<String> {
    let mut out: Vec<String> = report.secrets.iter().map(|(_, s)| s.clone()).collect();
    if let Some(l) = &report.result {
        for c in &l.ir.configs {
            if let Some(specc_ir::Credential { value: CredentialValue::Literal(s), .. }) = &c.client_secret {
                if s.expose().len() >= 4 {
                    out.push(s.expose().to_string());
                }
            }
        }
    }
    out
}

/// Fixes of the findings in `file` that may be applied, non-overlapping, in order.
fn pick_edits<'a>(diags: &'a [Diagnostic], file: FileId, options: &MigrateOptions) -> Vec<(&'a Diagnostic, Vec<Edit>)> {
    let mut taken: Vec<(u32, u32)> = Vec::new();
    let mut out = Vec::new();
    for d in diags {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !options.unsafe_fixes {
            continue;
        }
        if fix.edits.is_empty() || fix.edits.iter().any(|e| e.span.file != file) || !fix.is_well_formed() {
            continue;
        }
        let clash = fix.edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| {
                // Overlap, or two insertions at the same point (order would be ambiguous).
                (e.span.start < t && s < e.span.end) || (e.span.start == s && (e.span.is_empty() || s == t))
            })
        });
        if clash {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
        out.push((d, fix.edits.clone()));
    }
    out
}

/// Applies sorted, non-overlapping edits to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0usize;
    for e in sorted {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        if s < pos || t > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(t) {
            return None;
        }
        out.push_str(&text[pos..s]);
        out.push_str(&e.replacement);
        pos = t;
    }
    out.push_str(&text[pos..]);
    Some(out)
}

/// Plans the migration of every file under `paths`.
pub fn plan(reports: &[UnitReport], config: &Config, selection: &Selection, options: &MigrateOptions) -> Plan {
    let mut plan = Plan::default();
    // Files that have at least one applicable fix, or that could not be parsed.
    let mut files: BTreeMap<PathBuf, ()> = BTreeMap::new();
    for r in reports {
        for d in &r.diagnostics {
            let Some(doc) = r.db.get(d.span.file) else { continue };
            if d.code.starts_with("syntax/") && d.severity == specc_diagnostics::Severity::Error && doc.fatal {
                if !plan.skipped.iter().any(|s| s.path == doc.path) {
                    plan.skipped.push(Skipped {
                        path: doc.path.clone(),
                        reason: format!("cannot be parsed ({}), left untouched", d.message),
                    });
                }
                continue;
            }
            if d.fix.as_ref().is_some_and(|f| options.unsafe_fixes || f.applicability == Applicability::Safe) {
                files.insert(doc.path.clone(), ());
            }
        }
    }
    for path in files.into_keys() {
        if plan.skipped.iter().any(|s| s.path == path) {
            continue;
        }
        let original = match specc_syntax::read_file(&path) {
            Ok(b) => b,
            Err((_, message)) => {
                plan.skipped.push(Skipped { path, reason: message });
                continue;
            }
        };
        let Ok(mut text) = String::from_utf8(original.clone()) else {
            plan.skipped.push(Skipped { path, reason: "not valid UTF-8, left untouched".into() });
            continue;
        };
        let mut applied = Vec::new();
        let mut passes: Vec<Vec<Edit>> = Vec::new();
        let mut secrets = Vec::new();
        let mut converged = false;
        for _ in 0..options.max_passes {
            let report = check_text(&path, text.as_bytes(), config, selection);
            secrets.extend(secrets_of(&report));
            let Some(file) = report.db.iter().find(|d| d.path == path).map(|d| d.file) else { break };
            let picks = pick_edits(&report.diagnostics, file, options);
            if picks.is_empty() {
                converged = true;
                break;
            }
            let edits: Vec<Edit> = picks.iter().flat_map(|(_, e)| e.iter().cloned()).collect();
            let Some(next) = apply_edits(&text, &edits) else {
                plan.skipped
                    .push(Skipped { path: path.clone(), reason: "fix edits out of range; left untouched".into() });
                break;
            };
            let reparsed = Document::parse(FileId(0), &path, next.as_bytes());
            if reparsed.fatal {
                let codes: Vec<&str> = picks.iter().map(|(d, _)| d.code).collect();
                plan.skipped.push(Skipped {
                    path: path.clone(),
                    reason: format!(
                        "fixes of {} would make the file unparseable; stopped before them",
                        codes.join(", ")
                    ),
                });
                break;
            }
            passes.push(edits.clone());
            applied.extend(
                picks
                    .iter()
                    .map(|(d, _)| (d.code.to_string(), d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default())),
            );
            text = next;
        }
        if !converged && !plan.skipped.iter().any(|s| s.path == path) && !applied.is_empty() {
            plan.skipped.push(Skipped {
                path: path.clone(),
                reason: format!("fixes did not converge in {} passes; the last text is kept", options.max_passes),
            });
        }
        secrets.sort();
        secrets.dedup();
        if text.as_bytes() != original.as_slice() {
            plan.changes.push(FileChange { path, original, new_text: text, applied, secrets, new_file: false, passes });
        }
    }
    companions(reports, options, &mut plan);
    plan
}

/// Where the tenant OAuth-client request body for a component is written: next to it, named after it
/// (`component.json` → `component.oauth-client.json`), so that several components in one directory
/// each get their own.
pub fn companion_path(component: &Path) -> PathBuf {
    let stem = component.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "component".into());
    component.with_file_name(format!("{stem}.oauth-client.json"))
}

/// For every elastic.io component whose OAuth client still comes from environment variables, the body
/// of `POST /v2/tenants/{TENANT_ID}/oauth-clients` that creates the tenant OAuth client the migrated
/// component will use. Secret values are `${VAR}` references to the same environment variables unless
/// `inline_secrets` is set (then they are read from specc's own environment).
fn companions(reports: &[UnitReport], options: &MigrateOptions, plan: &mut Plan) {
    for r in reports {
        if !r.diagnostics.iter().any(|d| d.code == "elasticio/legacy-env-oauth") {
            continue;
        }
        let Some(l) = &r.result else { continue };
        let Some(c) = l.ir.configs.iter().find(|c| c.client_id.is_some() || c.client_secret.is_some()) else {
            continue;
        };
        let mut warnings = Vec::new();
        // A credential of the body: the value from specc's environment (`--inline-secrets`), or a
        // `${VAR}` reference to the variable the component reads.
        let mut value = |cred: &Option<specc_ir::Credential>, fallback: &str| -> (CredentialContext, Option<String>) {
            let var = match cred.as_ref().map(|c| &c.value) {
                Some(
                    CredentialValue::EnvVar(v)
                    | CredentialValue::UnresolvedPlaceholder(v)
                    | CredentialValue::Parameter(v),
                ) => v.clone(),
                _ => fallback.to_string(),
            };
            if options.inline_secrets {
                if !inlinable(&var) {
                    warnings.push(format!(
                        "--inline-secrets: `{var}` does not name an OAuth client id or secret variable; kept as a \
                         reference"
                    ));
                } else if let Ok(v) = std::env::var(&var) {
                    warnings.push(format!(
                        "--inline-secrets: the value of `{var}` is written into {} (mode 0600)",
                        driver::display_path(&companion_path(&r.primary))
                    ));
                    return (CredentialContext { literal: Some(v.clone()), reference: None }, Some(v));
                }
            }
            (CredentialContext { literal: None, reference: Some(var) }, None)
        };
        let (client_id, id_value) = value(&c.client_id, "OAUTH_CLIENT_ID");
        let (client_secret, secret) = value(&c.client_secret, "OAUTH_CLIENT_SECRET");
        let secret: Vec<String> = secret.into_iter().chain(id_value).filter(|v| !v.is_empty()).collect();
        plan.warnings.extend(warnings);
        let title = c.attributes.get("component_title").map(|t| t.value.clone()).unwrap_or_else(|| c.name.clone());
        let component_id = options
            .component_id
            .clone()
            .or_else(|| c.attributes.get("component_id").map(|a| a.value.clone()))
            .unwrap_or_else(|| "${COMPONENT_ID}".into());
        let text = match specc_emit::tenant_client_body(&title, &client_id, &client_secret, &component_id) {
            Ok(text) => text,
            Err(e) => {
                plan.warnings.push(format!("the tenant OAuth-client request body was not written: {e:?}"));
                continue;
            }
        };
        let path = companion_path(&r.primary);
        match std::fs::read(&path) {
            Ok(existing) if existing == text.as_bytes() => {}
            Ok(_) => plan.skipped.push(Skipped {
                path: path.clone(),
                reason: "exists with other content; the tenant OAuth-client request body was not written".into(),
            }),
            Err(_) => plan.changes.push(FileChange {
                path,
                original: Vec::new(),
                new_text: text,
                applied: vec![(
                    "elasticio/legacy-env-oauth".into(),
                    "tenant OAuth-client request body for POST /v2/tenants/{TENANT_ID}/oauth-clients".into(),
                )],
                secrets: secret,
                new_file: true,
                passes: Vec::new(),
            }),
        }
    }
}

/// Whether `--inline-secrets` may read the environment variable `var`: only variables named for an
/// OAuth client id or secret, never whatever else the environment holds (`GITHUB_TOKEN`, cloud keys).
pub fn inlinable(var: &str) -> bool {
    let n: String = var.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    (n.contains("CLIENTID") || n.contains("CLIENTSECRET"))
        && !["GITHUB", "GITLAB", "AWS", "AZURE", "GOOGLE", "NPM", "CARGO", "ACTIONS", "RUNNER", "CI"]
            .iter()
            .any(|p| n.starts_with(p))
}

fn redact(text: &str, secrets: &[String]) -> String {
    let list: crate::redact::Secrets =
        secrets.iter().map(|s| (specc_diagnostics::Span::new(FileId(0), 0, 0), s.clone())).collect();
    crate::redact::redact_text(text, &list)
}

/// A unified diff of one change (secrets redacted).
pub fn unified_diff(change: &FileChange) -> String {
    let old = String::from_utf8_lossy(&change.original);
    let name = driver::display_path(&change.path);
    let diff = similar::TextDiff::from_lines(old.as_ref(), change.new_text.as_str());
    let name = name.trim_start_matches('/');
    let from = if change.new_file { "/dev/null".to_string() } else { format!("a/{name}") };
    let text = diff.unified_diff().context_radius(3).header(&from, &format!("b/{name}")).to_string();
    redact(&text, &change.secrets)
}

/// The tree of a document as a `serde_json` value.
pub fn to_value(node: &Node) -> Value {
    use specc_syntax::Value as V;
    match &node.value {
        V::Null => Value::Null,
        V::Bool(b) => Value::Bool(*b),
        V::Number(n) => {
            serde_json::from_str::<Value>(n).ok().filter(Value::is_number).unwrap_or(Value::String(n.to_string()))
        }
        V::String(s) => Value::String(s.to_string()),
        V::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        V::Object(members) => {
            let mut m = serde_json::Map::new();
            for mem in members {
                m.insert(mem.key.to_string(), to_value(&mem.value));
            }
            Value::Object(m)
        }
    }
}

/// The RFC 6902 JSON Patch that turns the original document into the migrated one.
pub fn json_patch(change: &FileChange) -> Option<json_patch::Patch> {
    if change.new_file {
        let after = Document::parse(FileId(0), &change.path, change.new_text.as_bytes());
        return Some(json_patch::diff(&Value::Null, &to_value(after.root.as_ref()?)));
    }
    let before = Document::parse(FileId(0), &change.path, &change.original);
    let after = Document::parse(FileId(0), &change.path, change.new_text.as_bytes());
    let (Some(b), Some(a)) = (before.root.as_ref(), after.root.as_ref()) else { return None };
    Some(json_patch::diff(&to_value(b), &to_value(a)))
}

/// The patch output: one entry per file, secrets redacted.
pub fn patch_output(plan: &Plan) -> Value {
    let files: Vec<Value> = plan
        .changes
        .iter()
        .map(|c| {
            let patch = json_patch(c).map(|p| serde_json::to_value(p).unwrap_or(Value::Null)).unwrap_or(Value::Null);
            let text = redact(&patch.to_string(), &c.secrets);
            serde_json::json!({
                "file": driver::display_path(&c.path),
                "fixes": c.applied.iter().map(|(code, title)| serde_json::json!({"code": code, "title": title})).collect::<Vec<_>>(),
                "patch": serde_json::from_str::<Value>(&text).unwrap_or(Value::Null),
            })
        })
        .collect();
    serde_json::json!({ "version": 1, "files": files })
}

/// Why a write did not happen.
#[derive(Debug)]
pub enum WriteError {
    /// The file no longer has the bytes specc read: someone changed it meanwhile.
    ChangedOnDisk,
    /// The path is a symbolic link: specc does not write through links.
    Symlink,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ChangedOnDisk => f.write_str("the file changed on disk after specc read it; not overwritten"),
            WriteError::Symlink => f.write_str("is a symbolic link; specc does not write through links"),
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// A temporary name in the same directory, short whatever the file's name (a 255-byte name must work).
fn temp_path(dir: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    dir.join(format!(".specc-{}-{}.tmp", std::process::id(), N.fetch_add(1, Ordering::Relaxed)))
}

/// Writes one change atomically, refusing if the file changed since it was read. Never writes through a
/// symbolic link; keeps the file's mode, owner and group (as far as the process may).
pub fn write_change(change: &FileChange) -> Result<(), WriteError> {
    let path = &change.path;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if m.file_type().is_symlink() {
            return Err(WriteError::Symlink);
        }
        if !m.is_file() && !change.new_file {
            return Err(WriteError::Io(std::io::Error::other("not a regular file")));
        }
    }
    let tmp = temp_path(dir);
    if change.new_file {
        // A new file is created exclusively: if one appeared meanwhile, it is not overwritten. A file
        // holding inlined secrets is readable by its owner only.
        let result = (|| {
            let mut o = std::fs::OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(if change.secrets.is_empty() { 0o644 } else { 0o600 });
            }
            let mut f = o.open(&tmp).map_err(WriteError::Io)?;
            f.write_all(change.new_text.as_bytes()).map_err(WriteError::Io)?;
            f.sync_all().map_err(WriteError::Io)?;
            drop(f);
            // `hard_link` fails when the target exists (a symbolic link included), unlike `rename`.
            std::fs::hard_link(&tmp, path).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    WriteError::ChangedOnDisk
                } else {
                    WriteError::Io(e)
                }
            })
        })();
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    let meta = std::fs::symlink_metadata(path).map_err(WriteError::Io)?;
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(WriteError::Io)?;
        f.write_all(change.new_text.as_bytes()).map_err(WriteError::Io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Root may give the file back to its owner; anyone else keeps what the system allows.
            let _ = std::os::unix::fs::fchown(&f, Some(meta.uid()), Some(meta.gid()));
        }
        f.set_permissions(meta.permissions()).map_err(WriteError::Io)?;
        f.sync_all().map_err(WriteError::Io)?;
        drop(f);
        // Last check just before the rename: the original must still be what was read, and still no link.
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(WriteError::Symlink);
        }
        let now = std::fs::read(path).map_err(WriteError::Io)?;
        if now != change.original {
            return Err(WriteError::ChangedOnDisk);
        }
        std::fs::rename(&tmp, path).map_err(WriteError::Io)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_secrets_reads_only_client_variables() {
        for ok in ["OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET", "ACME_CLIENT_SECRET", "clientSecret"] {
            assert!(inlinable(ok), "{ok}");
        }
        for no in ["GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "NPM_TOKEN", "HOME", "GITHUB_CLIENT_SECRET", "PASSWORD"] {
            assert!(!inlinable(no), "{no}");
        }
    }
    use specc_diagnostics::Span;

    #[test]
    fn edits_splice_and_keep_other_bytes() {
        let text = "{\r\n\t\"a\": 1\r\n}\r\n";
        let f = FileId(0);
        let edits = vec![
            Edit { span: Span::new(f, 3, 3), replacement: "\t\"z\": true,\r\n".into() },
            Edit { span: Span::new(f, 9, 10), replacement: "2".into() },
        ];
        assert_eq!(apply_edits(text, &edits).as_deref(), Some("{\r\n\t\"z\": true,\r\n\t\"a\": 2\r\n}\r\n"));
        assert_eq!(apply_edits(text, &[Edit { span: Span::new(f, 3, 99), replacement: String::new() }]), None);
    }

    #[test]
    fn patch_of_a_change() {
        let c = FileChange {
            path: PathBuf::from("x.json"),
            original: b"{\"a\": 1, \"b\": [1]}".to_vec(),
            new_text: "{\"a\": 1, \"b\": [1, 2], \"c\": true}".into(),
            applied: vec![],
            secrets: vec![],
            new_file: false,
            passes: vec![],
        };
        let p = json_patch(&c).expect("patch");
        let mut before = serde_json::json!({"a": 1, "b": [1]});
        json_patch::patch(&mut before, &p).expect("applies");
        assert_eq!(before, serde_json::json!({"a": 1, "b": [1, 2], "c": true}));
    }
}
