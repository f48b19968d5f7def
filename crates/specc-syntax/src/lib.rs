//! Source text to spanned trees: the only place in specc that knows JSON and YAML syntax.
//!
//! [`Document::parse`] never fails. It returns whatever tree it could build plus located diagnostics for
//! everything that was wrong (invalid UTF-8, a byte-order mark, an empty file, syntax errors, duplicate
//! keys, nesting or alias expansion past the limits). Every [`Node`] knows its byte range; a
//! [`LineIndex`] turns byte offsets into 1-based line/column (UTF-8) or LSP positions (UTF-16); and
//! [`Document::pointer_at`] / [`Document::lookup`] map between byte offsets and JSON Pointers.
//!
//! This crate knows no dialect and never prints.

pub mod edit;
mod json;
mod line_index;
mod pointer;
pub mod text;
mod tree;
pub mod url;
mod yaml;

use std::path::{Path, PathBuf};

pub use line_index::{LineCol, LineIndex, LspPosition};
pub use pointer::{escape_pointer_token, parse_pointer};
pub use specc_diagnostics::{Diagnostic, FileId, Severity, Span};
pub use text::{spelled_verbatim, string_content_span, string_part_span};
pub use tree::{is_json_number, write_json_string, Member, Node, TextRange, Value};
pub use url::{QueryParam, SourceUrl};

/// Decides, from the keys leading to a value (`[]` for array items), whether to read that value for
/// its syntax only without building it. The syntax layer knows no dialect: a dialect supplies the
/// predicate (an OpenAPI document's schemas and responses, say, which no OAuth rule reads).
pub type SkipPredicate = dyn Fn(&[String]) -> bool + Sync;

/// Nesting deeper than this is refused: no real manifest comes close, and the limit keeps every
/// recursive walk over the tree far from the stack's end.
pub const MAX_DEPTH: usize = 256;

/// Files larger than this are refused with one diagnostic instead of being read into memory.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Stable codes of the findings this crate produces.
pub mod codes {
    pub const INVALID_JSON: &str = "syntax/invalid-json";
    pub const INVALID_YAML: &str = "syntax/invalid-yaml";
    pub const DUPLICATE_KEY: &str = "syntax/duplicate-key";
    pub const INVALID_UTF8: &str = "syntax/invalid-utf8";
    pub const BYTE_ORDER_MARK: &str = "syntax/byte-order-mark";
    pub const EMPTY_FILE: &str = "syntax/empty-file";
    pub const NESTING_TOO_DEEP: &str = "syntax/nesting-too-deep";
    pub const ALIAS_LIMIT: &str = "syntax/yaml-alias-limit";
    pub const FILE_TOO_LARGE: &str = "syntax/file-too-large";
    pub const UNREADABLE: &str = "syntax/unreadable-file";
    /// A file named by another file resolves (after symbolic links) outside the unit's directory.
    pub const OUTSIDE_ROOT: &str = "specc/path-outside-root";
}

/// The two surface syntaxes specc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// Guesses from the file extension, then from the first non-blank byte.
    pub fn detect(path: &Path, text: &str) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Format::Json,
            Some("yml" | "yaml") => Format::Yaml,
            _ => match text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).as_bytes().first() {
                Some(b'{' | b'[') => Format::Json,
                _ => Format::Yaml,
            },
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SyntaxErrorKind {
    Invalid,
    UnexpectedEof,
    TrailingComma,
    DuplicateKey,
    TooDeep,
    AliasLimit,
}

/// A syntax problem found by one of the readers, before it becomes a [`Diagnostic`].
#[derive(Debug, Clone)]
pub(crate) struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub range: TextRange,
    pub message: String,
    pub help: Option<String>,
    pub secondary: Vec<(TextRange, String)>,
}

impl SyntaxError {
    pub fn new(kind: SyntaxErrorKind, range: TextRange, message: String) -> Self {
        SyntaxError { kind, range, message, help: None, secondary: Vec::new() }
    }
}

/// One loaded file: its text, its tree (possibly partial), and the syntax findings.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: FileId,
    pub path: PathBuf,
    /// The file's text exactly as read (lossily decoded only when the bytes were not UTF-8).
    pub text: String,
    pub format: Format,
    pub root: Option<Node>,
    pub line_index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// True when the tree is incomplete because reading stopped at an error.
    pub fatal: bool,
}

impl Document {
    /// Parses `bytes` as the file at `path`, choosing the syntax from its name and content.
    pub fn parse(file: FileId, path: impl Into<PathBuf>, bytes: &[u8]) -> Document {
        Document::parse_with(file, path, bytes, None)
    }

    /// Like [`Document::parse`], reading the subtrees `skip` selects (JSON only) for syntax alone: they
    /// appear in the tree as empty containers or nulls with their true byte ranges. Syntax errors
    /// inside them are still reported; duplicate keys inside them are not.
    pub fn parse_with(file: FileId, path: impl Into<PathBuf>, bytes: &[u8], skip: Option<&SkipPredicate>) -> Document {
        Document::parse_owned_with(file, path, bytes.to_vec(), skip)
    }

    /// [`Document::parse_with`] taking the bytes: text that is valid UTF-8 is kept without a copy
    /// (a large file is then in memory once, not twice).
    pub fn parse_owned_with(
        file: FileId,
        path: impl Into<PathBuf>,
        bytes: Vec<u8>,
        skip: Option<&SkipPredicate>,
    ) -> Document {
        let path = path.into();
        let (text, utf8_error) = match String::from_utf8(bytes) {
            Ok(s) => (s, None),
            Err(e) => {
                let valid_up_to = e.utf8_error().valid_up_to();
                (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(valid_up_to))
            }
        };
        let format = Format::detect(&path, &text);
        Document::parse_text(file, path, text, format, utf8_error, skip)
    }

    /// Parses text already known to be in `format`.
    pub fn parse_str(file: FileId, path: impl Into<PathBuf>, text: &str, format: Format) -> Document {
        Document::parse_text(file, path.into(), text.to_string(), format, None, None)
    }

    fn parse_text(
        file: FileId,
        path: PathBuf,
        text: String,
        format: Format,
        utf8_error: Option<usize>,
        skip: Option<&SkipPredicate>,
    ) -> Document {
        let line_index = LineIndex::new(&text);
        let mut doc =
            Document { file, path, text, format, root: None, line_index, diagnostics: Vec::new(), fatal: false };
        if let Some(at) = utf8_error {
            // The lossy text is identical to the bytes up to the first invalid sequence.
            doc.diagnostics.push(
                Diagnostic::error(codes::INVALID_UTF8, "file is not valid UTF-8", Span::new(file, at, at + 1))
                    .with_label("invalid byte sequence here")
                    .with_help("save the file as UTF-8"),
            );
            doc.fatal = true;
            return doc;
        }
        if doc.text.trim_matches(['\u{feff}', ' ', '\t', '\r', '\n']).is_empty() {
            doc.diagnostics.push(
                Diagnostic::error(codes::EMPTY_FILE, "file is empty", Span::new(file, 0, 0)).with_help(format!(
                    "an empty {} document has no configuration to check",
                    format.as_str().to_uppercase()
                )),
            );
            doc.fatal = true;
            return doc;
        }
        // YAML allows a byte-order mark at the start of the stream (YAML 1.2 §5.2); JSON does not.
        let bom = doc.text.starts_with('\u{feff}') && format == Format::Json;
        let parse_copy;
        let src: &str = if bom {
            doc.diagnostics.push(
                Diagnostic::warning(
                    codes::BYTE_ORDER_MARK,
                    "file starts with a UTF-8 byte-order mark",
                    Span::new(file, 0, 3),
                )
                .with_help("save the file as UTF-8 without BOM")
                .with_note("RFC 8259 forbids a BOM in JSON text; many tools reject or mis-detect such files"),
            );
            // Three spaces keep every byte offset where it was.
            parse_copy = format!("   {}", &doc.text[3..]);
            &parse_copy
        } else {
            &doc.text
        };
        let (root, errors, fatal) = match format {
            Format::Json => {
                let out = json::parse(src, skip);
                (out.root, out.errors, out.fatal)
            }
            Format::Yaml => {
                let out = yaml::parse(src);
                (out.root, out.errors, out.fatal)
            }
        };
        doc.root = root;
        doc.fatal = fatal;
        for e in errors {
            let code = match e.kind {
                SyntaxErrorKind::DuplicateKey => codes::DUPLICATE_KEY,
                SyntaxErrorKind::TooDeep => codes::NESTING_TOO_DEEP,
                SyntaxErrorKind::AliasLimit => codes::ALIAS_LIMIT,
                _ => match format {
                    Format::Json => codes::INVALID_JSON,
                    Format::Yaml => codes::INVALID_YAML,
                },
            };
            let mut d = Diagnostic::error(code, e.message, doc.span(e.range));
            d.help = e.help;
            for (r, m) in e.secondary {
                d = d.with_secondary(doc.span(r), m);
            }
            doc.diagnostics.push(d);
        }
        doc
    }

    /// A document holding text that is not JSON or YAML (a TOML config, a JavaScript hook): no tree, but
    /// spans into it render with line numbers like any other.
    pub fn plain_text(file: FileId, path: impl Into<PathBuf>, text: String) -> Document {
        let path = path.into();
        Document {
            file,
            format: Format::detect(&path, ""),
            line_index: LineIndex::new(&text),
            path,
            text,
            root: None,
            diagnostics: Vec::new(),
            fatal: false,
        }
    }

    /// A document standing for a file that could not be read at all.
    pub fn unreadable(file: FileId, path: impl Into<PathBuf>, code: &'static str, message: String) -> Document {
        let path = path.into();
        Document {
            file,
            format: Format::detect(&path, ""),
            path,
            text: String::new(),
            root: None,
            line_index: LineIndex::new(""),
            diagnostics: vec![Diagnostic::file(code, Severity::Error, message, file)],
            fatal: true,
        }
    }

    pub fn span(&self, range: TextRange) -> Span {
        Span { file: self.file, start: range.start, end: range.end }
    }

    /// Text covered by a range of this document (empty when out of bounds).
    pub fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.start as usize..range.end as usize).unwrap_or("")
    }

    /// The span of bytes `part` of the string `value` that this document spells at `span`, escapes
    /// followed; `span` itself when the spelling cannot be mapped ([`string_part_span`]).
    pub fn string_part(&self, span: Span, value: &str, part: std::ops::Range<usize>) -> Span {
        let source = self.text.get(span.start as usize..span.end as usize).unwrap_or("");
        string_part_span(span, source, value, part).unwrap_or(span)
    }

    /// 1-based line/column of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.line_index.line_col(offset)
    }

    /// The node at a JSON Pointer (`""` is the root).
    pub fn lookup(&self, pointer: &str) -> Option<&Node> {
        pointer::lookup(self.root.as_ref()?, pointer)
    }

    /// The JSON Pointer of the innermost node (or object key) containing `offset`.
    pub fn pointer_at(&self, offset: u32) -> String {
        match &self.root {
            Some(root) => pointer::pointer_at(root, offset),
            None => String::new(),
        }
    }

    /// The JSON Pointer of the node whose range is exactly `range`, or else of the innermost node containing it.
    pub fn pointer_of_range(&self, range: TextRange) -> String {
        match &self.root {
            Some(root) => pointer::pointer_of_range(root, range),
            None => String::new(),
        }
    }
}

/// The files one unit of work has loaded, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceDb {
    docs: Vec<Document>,
}

impl SourceDb {
    pub fn new() -> Self {
        SourceDb::default()
    }

    pub fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.docs.len()).unwrap_or(u32::MAX))
    }

    /// Parses and stores a file; returns its id.
    pub fn add_bytes(&mut self, path: impl Into<PathBuf>, bytes: &[u8]) -> FileId {
        let id = self.next_id();
        self.docs.push(Document::parse(id, path, bytes));
        id
    }

    /// Reads, parses and stores a file. Read errors become a file-level diagnostic.
    pub fn load(&mut self, path: &Path) -> FileId {
        let id = self.next_id();
        let doc = match read_file(path) {
            Ok(bytes) => Document::parse(id, path, &bytes),
            Err((code, msg)) => Document::unreadable(id, path, code, msg),
        };
        self.docs.push(doc);
        id
    }

    /// Reads and stores a file as plain text ([`Document::plain_text`]). Read errors become a file-level
    /// diagnostic, as in [`SourceDb::load`].
    pub fn load_text(&mut self, path: &Path) -> FileId {
        let id = self.next_id();
        let doc = match read_file(path) {
            Ok(bytes) => Document::plain_text(id, path, String::from_utf8_lossy(&bytes).into_owned()),
            Err((code, msg)) => Document::unreadable(id, path, code, msg),
        };
        self.docs.push(doc);
        id
    }

    /// Adds a document built elsewhere; its `file` is rewritten to the id it gets here.
    pub fn add_document(&mut self, mut doc: Document) -> FileId {
        let id = self.next_id();
        doc.file = id;
        self.docs.push(doc);
        id
    }

    pub fn get(&self, id: FileId) -> Option<&Document> {
        self.docs.get(id.0 as usize)
    }

    pub fn find_path(&self, path: &Path) -> Option<FileId> {
        self.docs.iter().find(|d| d.path == path).map(|d| d.file)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.docs.iter()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Reads a file with the size limit applied; errors come back as (code, one-line message).
pub fn read_file(path: &Path) -> Result<Vec<u8>, (&'static str, String)> {
    let meta = std::fs::metadata(path).map_err(|e| (codes::UNREADABLE, io_message(path, &e)))?;
    if meta.is_dir() {
        return Err((codes::UNREADABLE, format!("{} is a directory", path.display())));
    }
    if !meta.is_file() {
        // A FIFO, socket or device: reading it could block forever or never end.
        return Err((codes::UNREADABLE, format!("{} is not a regular file", path.display())));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err((
            codes::FILE_TOO_LARGE,
            format!(
                "file is {} MiB, larger than the {} MiB limit; it was not read",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    std::fs::read(path).map_err(|e| (codes::UNREADABLE, io_message(path, &e)))
}

/// Whether `path` resolves, after every symbolic link, to a place inside `root` (also resolved). Files a
/// unit opens because another file names them must pass this before they are read: a hostile repository
/// may point them at `/etc/passwd` or `/proc/self/environ`. A path that does not exist is not inside.
pub fn resolves_inside(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(r), Ok(p)) => p.starts_with(r),
        _ => false,
    }
}

fn io_message(path: &Path, e: &std::io::Error) -> String {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("cannot read {}: {what}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_reported_and_offsets_kept() {
        let doc = Document::parse(FileId(0), "a.json", "\u{feff}{\"a\": 1}".as_bytes());
        assert_eq!(doc.diagnostics.len(), 1);
        assert_eq!(doc.diagnostics[0].code, codes::BYTE_ORDER_MARK);
        let a = doc.lookup("/a").unwrap();
        assert_eq!(doc.slice(a.range), "1");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let doc = Document::parse(FileId(0), "a.json", b"{\"a\":\n \"\xff\"}");
        assert!(doc.fatal);
        let d = &doc.diagnostics[0];
        assert_eq!(d.code, codes::INVALID_UTF8);
        assert_eq!(d.span.start, 8);
        assert_eq!(doc.line_col(d.span.start), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn plain_text_has_no_tree_and_no_findings() {
        let mut db = SourceDb::new();
        let id = db.add_document(Document::plain_text(FileId(9), "auth/test.js", "exports.test = 1\n".to_string()));
        let doc = db.get(id).unwrap();
        assert_eq!(doc.file, id);
        assert!(doc.root.is_none() && !doc.fatal && doc.diagnostics.is_empty());
        assert_eq!(doc.text, "exports.test = 1\n");
    }

    #[test]
    fn empty_file_is_an_error() {
        let doc = Document::parse(FileId(0), "a.yaml", b"  \n");
        assert_eq!(doc.diagnostics[0].code, codes::EMPTY_FILE);
    }

    #[test]
    fn pointer_and_range_agree_both_ways() {
        let text = "{\"a/b\": {\"c~d\": [10, {\"x\": true}]}}";
        let doc = Document::parse(FileId(0), "t.json", text.as_bytes());
        let n = doc.lookup("/a~1b/c~0d/1/x").unwrap();
        assert_eq!(doc.slice(n.range), "true");
        assert_eq!(doc.pointer_at(n.range.start), "/a~1b/c~0d/1/x");
        assert_eq!(doc.pointer_of_range(n.range), "/a~1b/c~0d/1/x");
        let ten = doc.lookup("/a~1b/c~0d/0").unwrap();
        assert_eq!(doc.slice(ten.range), "10");
    }

    #[test]
    fn pointer_of_range_in_wide_objects_and_arrays_and_through_aliases() {
        // Every member, key and item of wide containers (found by binary search), in JSON and in YAML
        // with an alias whose copy keeps its anchor's ranges.
        let mut json = String::from("{\"o\": {");
        let mut yaml = String::from("base: &b {k: v}\no:\n");
        for i in 0..300 {
            json.push_str(&format!("{}\"k{i}\": [{i}, {{\"x\": null}}, \"é\"]", if i > 0 { ", " } else { "" }));
            yaml.push_str(&format!("  k{i}: [{i}, {{x: ~}}, *b]\n"));
        }
        json.push_str("}}");
        for (name, text) in [("t.json", json), ("t.yaml", yaml)] {
            let doc = Document::parse(FileId(0), name, text.as_bytes());
            assert!(doc.diagnostics.is_empty(), "{name}: {:?}", doc.diagnostics);
            for i in 0..300 {
                for p in [format!("/o/k{i}"), format!("/o/k{i}/0"), format!("/o/k{i}/1/x"), format!("/o/k{i}/2")] {
                    // In YAML `/o/k{i}/2` is the alias node, whose range is its `*b`.
                    let n = doc.lookup(&p).unwrap();
                    assert_eq!(doc.pointer_of_range(n.range), p, "{name}");
                }
            }
            let key = doc.lookup("/o").unwrap();
            let Value::Object(members) = &key.value else { panic!("{name}: /o is not an object") };
            assert_eq!(doc.pointer_of_range(members[150].key_range), "/o/k150", "{name}");
        }
    }

    #[test]
    fn yaml_and_json_detected_by_name_and_content() {
        assert_eq!(Format::detect(Path::new("x.yml"), "{}"), Format::Yaml);
        assert_eq!(Format::detect(Path::new("x"), "  {\"a\":1}"), Format::Json);
        assert_eq!(Format::detect(Path::new("x"), "a: 1"), Format::Yaml);
    }
}

#[cfg(test)]
mod skip_tests {
    use super::*;

    #[test]
    fn skipped_subtrees_keep_ranges_and_syntax_errors() {
        let skip = |p: &[String]| p.first().is_some_and(|k| k == "big");
        let text =
            r#"{"keep": {"a": [1, "x"]}, "big": {"deep": [{"k": "v", "k": 2}, 3.5e2, "\u00e9"]}, "after": true}"#;
        let doc = Document::parse_with(FileId(0), "x.json", text.as_bytes(), Some(&skip));
        assert!(doc.diagnostics.is_empty(), "duplicates inside skipped subtrees are not reported");
        assert_eq!(doc.lookup("/keep/a/1").and_then(Node::as_str), Some("x"));
        let big = doc.lookup("/big").expect("skipped node is present");
        assert!(doc.slice(big.range).starts_with("{\"deep\""));
        assert_eq!(big.as_object().map(<[Member]>::len), Some(0));
        assert_eq!(doc.lookup("/after").and_then(Node::as_bool), Some(true));
        // A syntax error inside a skipped subtree is still found, at the right byte.
        let bad = r#"{"big": {"deep": [1, 2,]}}"#;
        let doc = Document::parse_with(FileId(0), "x.json", bad.as_bytes(), Some(&skip));
        assert_eq!(doc.diagnostics[0].code, codes::INVALID_JSON);
        assert_eq!(doc.diagnostics[0].span.start as usize, bad.find(",]").unwrap_or(0));
    }
}
