//! `specc.toml`: the project configuration, found by walking up from the checked paths (or named with
//! `--config`).
//!
//! ```toml
//! select = ["openapi", "oauth"]          # codes or namespaces to report (default: all)
//! ignore = ["openapi/unused-scope"]      # codes or namespaces never to report
//! fail-on = "warning"                    # error | warning | info | never
//!
//! [severity]                             # per code or namespace; the most specific entry wins
//! "openapi/*" = "warning"
//! "oauth/insecure-http-url" = "error"
//!
//! [per-path-ignores]                     # globs relative to this file
//! "legacy/**" = ["elasticio/legacy-env-oauth"]
//!
//! [dialects]                             # for files whose dialect cannot be detected
//! "settings/*.json" = "itential"
//!
//! [[suppress]]                           # JSON has no comments: suppress by JSON Pointer
//! file = "components/crm/component.json"
//! pointer = "/credentials/oauth2/client_secret"
//! codes = ["elasticio/secret-literal-in-component-json"]
//! reason = "test fixture, not a real secret"
//! ```
//!
//! Invalid configuration is reported as located `specc/invalid-config` diagnostics and the run stops
//! with exit code 2. Every problem of the file is reported, each at its value: unknown keys, values of
//! the wrong type (element by element, entry by entry), unknown codes, bad globs and severities. A TOML
//! syntax error leaves no document to check values in, so then only the syntax errors are reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use specc_diagnostics::{Diagnostic, Severity, Span};
use specc_ir::Dialect;
use specc_syntax::{Document, FileId, SourceDb};

use crate::select::{Pattern, Selection};

pub use specc_rules::rules::specc::INVALID_CONFIG;
pub const CONFIG_FILE_NAME: &str = "specc.toml";

/// The file as read by [`read_raw`], key by key.
#[derive(Debug, Default)]
struct RawConfig {
    select: Option<Vec<toml::Spanned<String>>>,
    ignore: Option<Vec<toml::Spanned<String>>>,
    fail_on: Option<toml::Spanned<String>>,
    severity: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
    per_path_ignores: BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>,
    dialects: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
    suppress: Vec<RawSuppression>,
    baseline: Option<toml::Spanned<String>>,
    extend: Option<toml::Spanned<String>>,
    providers: Vec<toml::Spanned<specc_providers::Provider>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppression {
    file: toml::Spanned<String>,
    pointer: toml::Spanned<String>,
    codes: Vec<toml::Spanned<String>>,
    reason: Option<String>,
}

/// A JSON Pointer suppression from the config.
#[derive(Debug, Clone)]
pub struct PointerSuppression {
    pub file: GlobMatcher,
    pub pointer: String,
    pub codes: Vec<Pattern>,
    pub reason: Option<String>,
    /// Where the entry is in the config file.
    pub span: Span,
}

/// The configuration in force for a run.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from (`None`: defaults).
    pub path: Option<PathBuf>,
    /// Globs are relative to this directory.
    pub base: PathBuf,
    pub selection: Selection,
    pub fail_on: Option<Option<Severity>>,
    pub severity: Vec<(Pattern, Severity)>,
    pub per_path_ignores: Vec<(GlobMatcher, Vec<Pattern>)>,
    pub dialects: Vec<(GlobMatcher, Dialect)>,
    pub suppressions: Vec<PointerSuppression>,
    /// The config file as a document, for locating findings about it.
    pub document: Option<Document>,
    /// `baseline = "…"`: the baseline file, resolved against the config's directory.
    pub baseline: Option<PathBuf>,
    /// `extend = "…"` as written, with its span: the configuration this one builds on (see `extend.rs`).
    pub extend: Option<(String, Span)>,
    /// The configuration it extends, already merged into this one; its per-path ignores keep matching
    /// relative to its own directory.
    pub extends: Option<Box<Config>>,
    /// Which of `select`, `ignore` and `fail-on` this file sets (the others are inherited).
    pub sets: [bool; 3],
    /// The built-in provider catalog with the project's `[[providers]]` on top, when it has any.
    pub providers: Option<specc_providers::Catalog>,
}

/// Largest `specc.toml` read.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Longest string value of `specc.toml` (codes, globs, pointers).
pub const MAX_CONFIG_STRING: usize = 1024;

fn refused(path: &Path, message: String) -> ConfigError {
    let mut db = SourceDb::new();
    let id = db.add_document(Document::unreadable(FileId(0), path, specc_syntax::codes::UNREADABLE, message));
    let diagnostics = db.get(id).map(|d| d.diagnostics.clone()).unwrap_or_default();
    ConfigError { db, diagnostics }
}

/// Reads a regular file of at most [`MAX_CONFIG_BYTES`]. Opened without blocking (a FIFO would otherwise
/// hang the open), checked on the open descriptor (no race with a swap), read through a cap.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    let f = o.open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let meta = f.metadata().map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a regular file; it was not read", path.display()));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(format!("{} is larger than {} KiB; it was not read", path.display(), MAX_CONFIG_BYTES / 1024));
    }
    let mut buf = Vec::new();
    f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut buf).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if buf.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("{} is larger than {} KiB; it was not read", path.display(), MAX_CONFIG_BYTES / 1024));
    }
    Ok(buf)
}

/// A config that could not be used: the findings, located in the config file.
#[derive(Debug)]
pub struct ConfigError {
    pub db: SourceDb,
    pub diagnostics: Vec<Diagnostic>,
}

/// The top-level keys `specc.toml` may hold.
const KEYS: [&str; 10] = [
    "select",
    "ignore",
    "fail-on",
    "severity",
    "per-path-ignores",
    "dialects",
    "suppress",
    "baseline",
    "extend",
    "providers",
];

/// At most this many syntax errors are listed for one file (the rest are counted).
const MAX_SYNTAX_ERRORS: usize = 20;

type DeValue<'i> = toml::Spanned<toml::de::DeValue<'i>>;

/// Reads the file key by key, so that one wrong value does not hide the others: every unknown key,
/// every value of the wrong type and every malformed table entry is its own located diagnostic.
///
/// A TOML syntax error leaves no reliable document to check values in: then only the syntax errors are
/// reported (the parser recovers and lists each of them, up to [`MAX_SYNTAX_ERRORS`]).
fn read_raw(text: &str, file: FileId) -> (Option<RawConfig>, Vec<Diagnostic>) {
    let span = |r: std::ops::Range<usize>| Span::new(file, r.start, r.end);
    let (root, syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        let total = syntax.len();
        let mut out: Vec<Diagnostic> = syntax
            .iter()
            .take(MAX_SYNTAX_ERRORS)
            .map(|e| {
                Diagnostic::error(
                    INVALID_CONFIG,
                    format!("invalid specc.toml: {}", e.message().trim()),
                    e.span().map_or(Span::file_start(file), span),
                )
                .with_help("see `specc.toml` in the README for the keys specc reads")
            })
            .collect();
        if total > MAX_SYNTAX_ERRORS {
            if let Some(last) = out.last_mut() {
                last.message.push_str(&format!(" ({} more syntax errors not shown)", total - MAX_SYNTAX_ERRORS));
            }
        }
        return (None, out);
    }
    let mut errors = Vec::new();
    let mut raw = RawConfig::default();
    // One value, deserialised on its own; a failure is located at the innermost span serde reports.
    fn one<T: serde::de::DeserializeOwned>(
        key: &str,
        v: &DeValue<'_>,
        file: FileId,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        match T::deserialize(toml::de::ValueDeserializer::from(v.clone())) {
            Ok(t) => Some(t),
            Err(e) => {
                let r = e.span().unwrap_or_else(|| v.span());
                errors.push(
                    Diagnostic::error(
                        INVALID_CONFIG,
                        format!("invalid `{key}` in specc.toml: {}", e.message().trim()),
                        Span::new(file, r.start, r.end),
                    )
                    .with_help("see `specc.toml` in the README for the keys specc reads"),
                );
                None
            }
        }
    }
    // An array, element by element (a wrong element does not hide the next one).
    fn list<T: serde::de::DeserializeOwned>(
        key: &str,
        v: &DeValue<'_>,
        file: FileId,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Vec<T>> {
        match v.get_ref() {
            toml::de::DeValue::Array(items) => {
                Some(items.iter().filter_map(|item| one::<T>(key, item, file, errors)).collect())
            }
            _ => one::<Vec<T>>(key, v, file, errors),
        }
    }
    // A table, entry by entry; keys keep their spans.
    fn map<V: serde::de::DeserializeOwned>(
        key: &str,
        v: &DeValue<'_>,
        file: FileId,
        errors: &mut Vec<Diagnostic>,
    ) -> BTreeMap<toml::Spanned<String>, V> {
        match v.get_ref() {
            toml::de::DeValue::Table(entries) => entries
                .iter()
                .filter_map(|(k, val)| {
                    let name = format!("{key}.{}", k.get_ref());
                    one::<V>(&name, val, file, errors)
                        .map(|val| (toml::Spanned::new(k.span(), k.get_ref().to_string()), val))
                })
                .collect(),
            _ => one::<BTreeMap<toml::Spanned<String>, V>>(key, v, file, errors).unwrap_or_default(),
        }
    }
    for (k, v) in root.get_ref().iter() {
        let errors = &mut errors;
        match k.get_ref().as_ref() {
            "select" => raw.select = list(KEYS[0], v, file, errors),
            "ignore" => raw.ignore = list(KEYS[1], v, file, errors),
            "fail-on" => raw.fail_on = one(KEYS[2], v, file, errors),
            "severity" => raw.severity = map(KEYS[3], v, file, errors),
            "per-path-ignores" => raw.per_path_ignores = map(KEYS[4], v, file, errors),
            "dialects" => raw.dialects = map(KEYS[5], v, file, errors),
            "suppress" => raw.suppress = list(KEYS[6], v, file, errors).unwrap_or_default(),
            "baseline" => raw.baseline = one(KEYS[7], v, file, errors),
            "extend" => raw.extend = one(KEYS[8], v, file, errors),
            "providers" => raw.providers = list(KEYS[9], v, file, errors).unwrap_or_default(),
            key => {
                let mut d =
                    Diagnostic::error(INVALID_CONFIG, format!("unknown key `{key}` in specc.toml"), span(k.span()));
                d = match specc_dialects::openapi::did_you_mean(key, &KEYS) {
                    Some(k) => d.with_help(format!("did you mean `{k}`?")),
                    None => d.with_help(format!("specc.toml reads {}", KEYS.join(", "))),
                };
                errors.push(d);
            }
        }
    }
    (Some(raw), errors)
}

impl ConfigError {
    /// An error about a file specc was told to use (a baseline), located at its start.
    pub fn message(path: &Path, message: String) -> ConfigError {
        let mut db = SourceDb::new();
        let id = db.add_document(Document::plain_text(FileId(0), path, String::new()));
        ConfigError { db, diagnostics: vec![Diagnostic::error(INVALID_CONFIG, message, Span::file_start(id))] }
    }
}

impl Config {
    /// Finds `specc.toml` in the directory of `start` (or `start` itself when it is a directory) and its
    /// ancestors up to the repository's root (the directory holding `.git`). A `specc.toml` that is not a
    /// regular file (a symbolic link, a FIFO) is still returned,
    /// so that [`Config::load_discovered`] refuses it instead of silently using another.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE_NAME);
            if std::fs::symlink_metadata(&candidate).is_ok_and(|m| !m.is_dir()) {
                return Some(candidate);
            }
            // The search ends at the repository's root: a `specc.toml` above it is not the project's.
            if std::fs::symlink_metadata(d.join(".git")).is_ok() {
                return None;
            }
            dir = d.parent();
        }
        None
    }

    /// Reads a discovered `specc.toml`: it must be a regular file, not a link (a repository could
    /// otherwise point it at `/proc/self/environ` and have its content shown in a finding).
    pub fn load_discovered(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                Err(refused(path, format!("{} is a symbolic link; specc does not follow it", path.display())))
            }
            _ => Config::load(path),
        }
    }

    /// Reads and validates a config file and the files it extends (`extend.rs`).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        crate::extend::load(path)
    }

    /// Reads and validates one config file, without following `extend`. Only a regular file of at most
    /// [`MAX_CONFIG_BYTES`] is read: a FIFO, a device or `/proc` file is refused without blocking.
    pub fn load_one(path: &Path) -> Result<Config, ConfigError> {
        let text = read_capped(path).map_err(|m| refused(path, m))?;
        Config::parse(path, String::from_utf8_lossy(&text).into_owned())
    }

    /// Validates config text as if read from `path`.
    pub fn parse(path: &Path, text: String) -> Result<Config, ConfigError> {
        let doc = Document::plain_text(FileId(0), path, text);
        let file = doc.file;
        let span = |r: std::ops::Range<usize>| Span::new(file, r.start, r.end);
        // Structural problems (syntax, unknown keys, wrong types) are all collected first; the values
        // that did read are then checked too, so one run lists every problem of the file.
        let (raw, mut errors) = match read_raw(&doc.text, file) {
            (Some(raw), errors) => (raw, errors),
            (None, errors) => {
                let mut db = SourceDb::new();
                db.add_document(doc);
                return Err(ConfigError { db, diagnostics: errors });
            }
        };
        let base = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        let mut config = Config { path: Some(path.to_path_buf()), base, ..Config::default() };

        // Codes, globs and pointers are short; a long value is refused before anything compares it with
        // every code (which would be quadratic in its length) or quotes it.
        let too_long = |s: &toml::Spanned<String>, errors: &mut Vec<Diagnostic>| -> bool {
            let long = s.get_ref().len() > MAX_CONFIG_STRING;
            if long {
                errors.push(Diagnostic::error(
                    INVALID_CONFIG,
                    format!(
                        "value is {} bytes long; specc.toml values are at most {MAX_CONFIG_STRING}",
                        s.get_ref().len()
                    ),
                    span(s.span()),
                ));
            }
            long
        };
        let pattern = |s: &toml::Spanned<String>, errors: &mut Vec<Diagnostic>| -> Option<Pattern> {
            if too_long(s, errors) {
                return None;
            }
            let p = Pattern::new(s.get_ref());
            let known = specc_rules::all_rules().iter().any(|r| p.matches(r.meta().code));
            if known {
                Some(p)
            } else {
                let codes: Vec<&str> = specc_rules::all_rules().iter().map(|r| r.meta().code).collect();
                let mut d = Diagnostic::error(
                    INVALID_CONFIG,
                    format!("`{}` matches no rule code or namespace", s.get_ref()),
                    span(s.span()),
                );
                if let Some(c) = specc_dialects::openapi::did_you_mean(s.get_ref(), &codes) {
                    d = d.with_help(format!("did you mean `{c}`?"));
                } else {
                    d = d.with_help("`specc rules` lists every code");
                }
                errors.push(d);
                None
            }
        };
        if let Some(sel) = &raw.select {
            config.selection.select = sel.iter().filter_map(|s| pattern(s, &mut errors)).collect();
        }
        if let Some(ign) = &raw.ignore {
            config.selection.ignore = ign.iter().filter_map(|s| pattern(s, &mut errors)).collect();
        }
        if let Some(f) = &raw.fail_on {
            match crate::select::parse_fail_on(f.get_ref()).filter(|_| !too_long(f, &mut errors)) {
                Some(v) => config.fail_on = Some(v),
                None => errors.push(Diagnostic::error(
                    INVALID_CONFIG,
                    format!("invalid `fail-on` value `{}`: expected error, warning, info or never", f.get_ref()),
                    span(f.span()),
                )),
            }
        }
        for (code, sev) in &raw.severity {
            let p = pattern(code, &mut errors);
            match (p, Severity::parse(sev.get_ref())) {
                (Some(p), Some(s)) => config.severity.push((p, s)),
                (_, None) => errors.push(Diagnostic::error(
                    INVALID_CONFIG,
                    format!("invalid severity `{}`: expected error, warning or info", sev.get_ref()),
                    span(sev.span()),
                )),
                _ => {}
            }
        }
        let glob = |g: &toml::Spanned<String>, errors: &mut Vec<Diagnostic>| -> Option<GlobMatcher> {
            if too_long(g, errors) {
                return None;
            }
            match Glob::new(g.get_ref()) {
                Ok(gl) => Some(gl.compile_matcher()),
                Err(e) => {
                    errors.push(Diagnostic::error(
                        INVALID_CONFIG,
                        format!("invalid glob `{}`: {}", g.get_ref(), e.kind()),
                        span(g.span()),
                    ));
                    None
                }
            }
        };
        for (g, codes) in &raw.per_path_ignores {
            let m = glob(g, &mut errors);
            let ps: Vec<Pattern> = codes.iter().filter_map(|c| pattern(c, &mut errors)).collect();
            if let Some(m) = m {
                config.per_path_ignores.push((m, ps));
            }
        }
        for (g, d) in &raw.dialects {
            let m = glob(g, &mut errors);
            match Dialect::parse(d.get_ref()) {
                Some(dialect) => {
                    if let Some(m) = m {
                        config.dialects.push((m, dialect));
                    }
                }
                None => errors.push(Diagnostic::error(
                    INVALID_CONFIG,
                    format!(
                        "unknown dialect `{}`: expected elasticio, membrane, openapi, itential or keboola",
                        d.get_ref()
                    ),
                    span(d.span()),
                )),
            }
        }
        for s in &raw.suppress {
            let m = glob(&s.file, &mut errors);
            if too_long(&s.pointer, &mut errors) {
            } else if !(s.pointer.get_ref().is_empty() || s.pointer.get_ref().starts_with('/')) {
                errors.push(
                    Diagnostic::error(
                        INVALID_CONFIG,
                        format!("`{}` is not a JSON Pointer", s.pointer.get_ref()),
                        span(s.pointer.span()),
                    )
                    .with_help("a JSON Pointer is empty or starts with `/`, e.g. `/credentials/oauth2/client_secret`"),
                );
            }
            let codes: Vec<Pattern> = s.codes.iter().filter_map(|c| pattern(c, &mut errors)).collect();
            if let Some(m) = m {
                let whole =
                    s.file.span().start.min(s.pointer.span().start)..s.pointer.span().end.max(s.file.span().end);
                config.suppressions.push(PointerSuppression {
                    file: m,
                    pointer: s.pointer.get_ref().clone(),
                    codes,
                    reason: s.reason.clone(),
                    span: span(whole),
                });
            }
        }
        if let Some(b) = &raw.baseline {
            let rel = Path::new(b.get_ref());
            // Confined to the project: a relative path that does not climb out of the config's directory.
            let inside = !b.get_ref().is_empty()
                && rel
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
            if inside {
                config.baseline = Some(config.base.join(rel));
            } else {
                errors.push(
                    Diagnostic::error(
                        INVALID_CONFIG,
                        format!("`baseline = \"{}\"` must be a path inside the directory of specc.toml", b.get_ref()),
                        span(b.span()),
                    )
                    .with_help("use a relative path such as `specc-baseline.json`"),
                );
            }
        }
        config.extend = raw.extend.as_ref().map(|e| (e.get_ref().clone(), span(e.span())));
        config.sets = [raw.select.is_some(), raw.ignore.is_some(), raw.fail_on.is_some()];
        for p in &raw.providers {
            for (field, problem) in specc_providers::validate(p.get_ref()) {
                errors.push(
                    Diagnostic::error(
                        INVALID_CONFIG,
                        format!("provider `{}`: `{field}` {problem}", p.get_ref().id),
                        span(p.span()),
                    )
                    .with_help("a provider entry has the fields of `specc providers NAME --json`; schema: schemas/provider.schema.json"),
                );
            }
        }
        if !raw.providers.is_empty() {
            let extra: Vec<specc_providers::Provider> = raw.providers.iter().map(|p| p.get_ref().clone()).collect();
            config.providers = Some(specc_providers::Catalog::builtin().with(&extra));
        }
        if !errors.is_empty() {
            // In the order of the file, whichever pass found them.
            errors.sort_by_key(|d| (d.span.start, d.span.end));
            let mut db = SourceDb::new();
            db.add_document(doc);
            return Err(ConfigError { db, diagnostics: errors });
        }
        config.document = Some(doc);
        Ok(config)
    }

    /// The path relative to the config's directory, for glob matching.
    pub fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, Path> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match abs.strip_prefix(&self.base) {
            Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
            Err(_) => std::borrow::Cow::Borrowed(path),
        }
    }

    /// The dialect hint for a path, if any.
    pub fn dialect_hint(&self, path: &Path) -> Option<Dialect> {
        let rel = self.relative(path);
        self.dialects.iter().find(|(g, _)| g.is_match(&*rel)).map(|(_, d)| *d)
    }

    /// The severity a finding gets after overrides (the most specific matching entry wins).
    pub fn severity_for(&self, code: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(p, _)| p.matches(code))
            .max_by_key(|(p, _)| p.specificity())
            .map_or(default, |(_, s)| *s)
    }

    /// Whether a per-path ignore drops this code for this file.
    pub fn path_ignores(&self, path: &Path, code: &str) -> bool {
        let rel = self.relative(path);
        self.per_path_ignores.iter().any(|(g, ps)| g.is_match(&*rel) && ps.iter().any(|p| p.matches(code)))
            || self.extends.as_ref().is_some_and(|parent| parent.path_ignores(path, code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/p/specc.toml"), text.to_string())
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            r#"
select = ["openapi", "syntax/*"]
ignore = ["openapi/oauth2-unknown-flow"]
fail-on = "warning"
[severity]
"openapi" = "warning"
"openapi/oauth2-missing-token-url" = "info"
[per-path-ignores]
"legacy/**" = ["syntax/duplicate-key"]
[dialects]
"settings/*.json" = "itential"
[[suppress]]
file = "api.json"
pointer = "/components"
codes = ["openapi"]
reason = "generated"
"#,
        )
        .expect("valid");
        assert_eq!(c.selection.select.len(), 2);
        assert_eq!(c.fail_on, Some(Some(Severity::Warning)));
        assert_eq!(c.severity_for("openapi/oauth2-missing-token-url", Severity::Error), Severity::Info);
        assert_eq!(c.severity_for("openapi/oauth2-unknown-flow", Severity::Error), Severity::Warning);
        assert_eq!(c.severity_for("oauth/insecure-http-url", Severity::Error), Severity::Error);
        assert!(c.path_ignores(Path::new("/p/legacy/a/b.json"), "syntax/duplicate-key"));
        assert!(!c.path_ignores(Path::new("/p/new/b.json"), "syntax/duplicate-key"));
        assert_eq!(c.dialect_hint(Path::new("/p/settings/x.json")), Some(Dialect::Itential));
        assert_eq!(c.suppressions[0].pointer, "/components");
    }

    #[test]
    fn invalid_values_are_located() {
        let text = "select = [\"openap/x\"]\nfail-on = \"sometimes\"\n[severity]\n\"openapi\" = \"loud\"\n";
        let err = parse(text).expect_err("invalid");
        let doc = err.db.get(FileId(0)).expect("doc");
        let shown: Vec<(&str, &str)> = err
            .diagnostics
            .iter()
            .map(|d| (d.message.as_str(), doc.slice(specc_syntax::TextRange { start: d.span.start, end: d.span.end })))
            .collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert_eq!(shown[0].1, "\"openap/x\"");
        assert_eq!(shown[1].1, "\"sometimes\"");
        assert_eq!(shown[2].1, "\"loud\"");
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let e = Config::parse(
            Path::new("specc.toml"),
            "selct = [\"openapi\"]\nfail-on = \"warning\"\n[severty]\n\"oauth\" = \"info\"\n".into(),
        )
        .unwrap_err();
        let messages: Vec<&str> = e.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["unknown key `selct` in specc.toml", "unknown key `severty` in specc.toml"]);
        assert_eq!(e.diagnostics[0].help.as_deref(), Some("did you mean `select`?"));
        assert_eq!(e.diagnostics[1].help.as_deref(), Some("did you mean `severity`?"));
        let doc = e.db.iter().next().unwrap();
        let s = e.diagnostics[1].span;
        assert_eq!(&doc.text[s.start as usize..s.end as usize], "severty");
    }

    #[test]
    fn unknown_keys_and_syntax_errors_are_located() {
        let err = parse("selct = []\n").expect_err("unknown key");
        assert!(err.diagnostics[0].message.contains("unknown key `selct`"), "{}", err.diagnostics[0].message);
        assert_eq!(err.diagnostics[0].span.start, 0);
        let err = parse("select = [\n").expect_err("syntax");
        assert_eq!(err.diagnostics[0].code, INVALID_CONFIG);
    }
}
