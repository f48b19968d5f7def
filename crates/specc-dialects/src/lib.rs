//! The four platforms' file formats, and how each lowers into the IR.
//!
//! One module per dialect. Each knows how to recognise its files ([`detect`]), and how to turn a spanned
//! tree into a [`Manifest`] plus a typed *view* of the parts of the file that dialect-specific rules need
//! (for example the OpenAPI version, or which keys an elastic.io `oauth2` block spelled). Lowering never
//! fails: malformed parts become structural diagnostics and the rest is still lowered.
//!
//! This crate never judges whether a configuration is *good* (that is `specc-rules`), never prints, and
//! reads files only through [`SourceDb`] when a unit spans several files (a Membrane connector directory,
//! an Itential instance pointing at its OpenAPI model).

pub mod elasticio;
pub mod keboola;
pub mod membrane;
pub mod openapi;
pub mod placeholders;
pub mod read;
pub mod suggest;

#[cfg(test)]
mod test_support;

use std::path::{Path, PathBuf};

pub use specc_ir::{Dialect, Manifest};
use specc_syntax::{Diagnostic, Document, FileId, SourceDb, SourceUrl};

/// What the dialect-specific rules may read besides the IR.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one view per unit: boxing would buy nothing
pub enum View {
    OpenApi(openapi::OpenApiView),
    Itential(openapi::ItentialInstance),
    ElasticIo(elasticio::ElasticIoView),
    Membrane(membrane::ConnectorView),
    Keboola(keboola::KeboolaView),
}

/// The result of lowering one unit.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub ir: Manifest,
    pub view: View,
    /// Structural findings made while lowering (wrong types, unknown flow names...).
    pub diagnostics: Vec<Diagnostic>,
}

/// A file recognised as belonging to a dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub dialect: Dialect,
    /// When the file is part of a larger unit (a Membrane `auth/*.map.yml`), the unit's primary file;
    /// the caller lowers that instead, once.
    pub unit_primary: Option<PathBuf>,
}

impl Detection {
    pub fn primary(dialect: Dialect) -> Self {
        Detection { dialect, unit_primary: None }
    }
}

/// Recognises a parsed file by name and content. `None`: not a file specc reads.
pub fn detect(path: &Path, doc: &Document) -> Option<Detection> {
    openapi::detect(path, doc)
        .or_else(|| elasticio::detect(path, doc))
        .or_else(|| membrane::detect(path, doc))
        .or_else(|| keboola::detect(path, doc))
}

/// Whether the file's name allows its content to be taken as evidence of a manifest when it cannot be
/// parsed: no extension, or `.json`, `.yml`, `.yaml`. Prose (`README.md`, `.apib`, `.txt`) is not.
pub fn is_data_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), None | Some("json" | "yml" | "yaml"))
}

/// Guesses the dialect of a file that could not be parsed, from its name and raw text, so that a
/// broken manifest is still reported while walking a directory. `None`: probably not ours.
pub fn sniff(path: &Path, text: &str) -> Option<Dialect> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let head: &str = text.get(..text.len().min(64 * 1024)).unwrap_or(text);
    // Content is evidence only in a data file: a README, `.apib` or `.txt` that quotes a manifest (and
    // may start with `[`, a Markdown link or an API Blueprint section) is prose, not a broken manifest.
    if !is_data_file(path) {
        return None;
    }
    // elastic.io: `component.json` (also `x__component.json`, `my-component.json`), or credentials
    // with an OAuth block or a form field's `viewClass`, which no other dialect uses.
    let eio_body = head.contains("\"credentials\"") && (head.contains("\"oauth2\"") || head.contains("\"viewClass\""));
    if name.ends_with("component.json") || eio_body {
        return Some(Dialect::ElasticIo);
    }
    let openapi_name = name.contains("openapi") || name.contains("swagger");
    if openapi_name
        || head.contains("\"openapi\"")
        || head.contains("\"swagger\"")
        || head.contains("openapi:")
        || head.contains("swagger:")
    {
        return Some(Dialect::OpenApi);
    }
    if name == "spec.yml" || name == "spec.yaml" || name.ends_with(".map.yml") {
        return Some(Dialect::Membrane);
    }
    if head.contains("oauth_api") || head.contains("oauth_version") {
        return Some(Dialect::Keboola);
    }
    None
}

/// Lowers the unit whose primary file is `primary` (already in `db`).
pub fn lower(db: &mut SourceDb, primary: FileId, dialect: Dialect) -> Lowered {
    match dialect {
        Dialect::OpenApi => openapi::lower(db, primary),
        Dialect::Itential => openapi::lower_itential(db, primary),
        Dialect::ElasticIo => elasticio::lower(db, primary),
        Dialect::Membrane => membrane::lower(db, primary),
        Dialect::Keboola => keboola::lower(db, primary),
    }
}

/// An empty result for a unit that could not be read.
pub fn empty(dialect: Dialect, primary: FileId) -> Lowered {
    let view = match dialect {
        Dialect::OpenApi => View::OpenApi(openapi::OpenApiView::default()),
        Dialect::Itential => View::Itential(openapi::ItentialInstance::default()),
        Dialect::ElasticIo => View::ElasticIo(elasticio::ElasticIoView::default()),
        Dialect::Membrane => View::Membrane(membrane::ConnectorView::default()),
        Dialect::Keboola => View::Keboola(keboola::KeboolaView::default()),
    };
    Lowered { ir: Manifest::new(dialect, primary), view, diagnostics: Vec::new() }
}

/// Query parameters whose values are credentials.
const SECRET_PARAMS: [&str; 8] =
    ["client_secret", "secret", "password", "access_token", "refresh_token", "api_key", "apikey", "token"];

/// The secret values a lowered unit holds in clear, with where they are: literal client secrets, plain
/// Keboola `#`-keys and secret-looking keys, and credentials in URL query strings. Output layers use
/// this to keep every secret out of what specc prints (snippets, messages, fixes, diffs).
pub fn secrets(db: &SourceDb, l: &Lowered) -> Vec<(specc_syntax::Span, String)> {
    let mut out = Vec::new();
    for c in &l.ir.configs {
        if let Some(specc_ir::Credential { value: specc_ir::CredentialValue::Literal(s), span }) = &c.client_secret {
            if !s.expose().trim().is_empty() {
                out.push((*span, s.expose().to_string()));
            }
        }
        let urls = c.flows.iter().flat_map(|f| f.urls().map(|(_, u)| u)).chain(c.metadata_url.iter());
        for u in urls {
            let url = SourceUrl::new(&u.raw);
            // The query's parameters, and a fragment's written like them (`#access_token=…`).
            let fragment = url.fragment().map(|f| format!("?{f}")).unwrap_or_default();
            let fragment = SourceUrl::new(&fragment);
            for p in url.query_params().into_iter().chain(fragment.query_params()) {
                let (name, value) = (p.name, p.value);
                if SECRET_PARAMS.contains(&name.to_ascii_lowercase().as_str())
                    && value.len() >= 4
                    && !value.contains("{{")
                    && !value.contains("%%")
                {
                    out.push((u.span, value.to_string()));
                }
            }
        }
    }
    if let View::Keboola(m) = &l.view {
        let doc = db.get(m.file);
        let text_of = |span: specc_syntax::Span| -> Option<String> {
            let d = doc?;
            let raw = d.slice(specc_syntax::TextRange { start: span.start, end: span.end });
            Some(raw.trim_matches('"').to_string())
        };
        for s in &m.secrets {
            // `null` and `true`/`false` hold no secret: masking them would only garble messages that
            // name the value's type (`#data` is a null, not a string).
            let secret = match &s.kind {
                keboola::SecretKind::Plain => true,
                keboola::SecretKind::NotString(kind) => !matches!(*kind, "null" | "boolean"),
                _ => false,
            };
            if secret {
                if let Some(t) = text_of(s.member.value_span) {
                    out.push((s.member.value_span, t));
                }
            }
        }
        for s in &m.suspects {
            if let Some(t) = text_of(s.member.value_span) {
                if matches!(keboola::classify_secret_str(&t), keboola::SecretKind::Plain) {
                    out.push((s.member.value_span, t));
                }
            }
        }
    }
    // References (`{{VAR}}`, `${VAR}`, `%%x%%`) name where a secret comes from; they are not secrets.
    out.retain(|(_, s)| {
        let t = s.trim();
        let reference = (t.starts_with("{{") && t.ends_with("}}"))
            || (t.starts_with("${") && t.ends_with('}'))
            || (t.starts_with("%%") && t.ends_with("%%"));
        t.chars().count() >= 4 && !reference
    });
    out.sort_by(|a, b| (a.0.file, a.0.start, &a.1).cmp(&(b.0.file, b.0.start, &b.1)));
    out.dedup();
    out
}

/// The skip predicate for parsing a file, chosen from its first bytes: OpenAPI JSON documents are read
/// without their schemas, responses and examples (see [`openapi::skip_unread`]). `None`: build all.
pub fn skip_predicate(bytes: &[u8]) -> Option<&'static specc_syntax::SkipPredicate> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let trimmed = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !trimmed.starts_with('{') {
        return None;
    }
    let key = |k: &str| head.match_indices(k).any(|(i, m)| head[i + m.len()..].trim_start().starts_with(':'));
    if key("\"openapi\"") || key("\"swagger\"") {
        Some(&openapi::skip_unread)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn prose_quoting_a_manifest_is_not_sniffed() {
        let quoted =
            "[![ci](https://ci.test/b.svg)](https://ci.test)\n```json\n{\"credentials\": {\"oauth2\": {}}}\n```\n";
        assert_eq!(super::sniff(Path::new("docs/README.md"), quoted), None);
        assert_eq!(super::sniff(Path::new("api.apib"), "[\n\"openapi\": 1\n"), None);
        assert_eq!(super::sniff(Path::new("broken.json"), quoted), Some(specc_ir::Dialect::ElasticIo));
        assert_eq!(super::sniff(Path::new("component"), quoted), Some(specc_ir::Dialect::ElasticIo));
    }
}
