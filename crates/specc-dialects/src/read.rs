//! Small helpers for reading typed fields out of the spanned tree, reporting wrong types as located
//! diagnostics under the caller's code.

use specc_ir::{EndpointUrl, Spanned};
use specc_syntax::{Diagnostic, Document, Member, Node, Span};

/// One `key: value` member as written: where its key, its value and the whole member are. The one
/// member view of every dialect (an elastic.io credential entry, a Membrane `auth:` key, a Keboola
/// `oauth_api` key), enough to point at a key or value and to edit the member with
/// `specc_syntax::edit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    pub key: String,
    pub key_span: Span,
    /// `key: value` including both.
    pub member_span: Span,
    pub value_span: Span,
}

impl MemberView {
    pub fn of(doc: &Document, m: &Member) -> Self {
        MemberView {
            key: m.key.to_string(),
            key_span: doc.span(m.key_range),
            member_span: Span::new(
                doc.file,
                m.key_range.start as usize,
                m.value.range.end.max(m.key_range.end) as usize,
            ),
            value_span: doc.span(m.value.range),
        }
    }
}

/// Reads fields of one document and collects the type errors found on the way.
pub struct Reader<'a> {
    pub doc: &'a Document,
    /// Code used for "wrong type" findings (`openapi/invalid-field-type`...).
    pub type_code: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(doc: &'a Document, type_code: &'static str) -> Self {
        Reader { doc, type_code, diagnostics: Vec::new() }
    }

    pub fn span(&self, node: &Node) -> Span {
        self.doc.span(node.range)
    }

    pub fn key_span(&self, m: &Member) -> Span {
        self.doc.span(m.key_range)
    }

    /// The span of a whole `key: value` member.
    pub fn member_span(&self, m: &Member) -> Span {
        self.member_view(m).member_span
    }

    pub fn member_view(&self, m: &Member) -> MemberView {
        MemberView::of(self.doc, m)
    }

    pub fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        self.diagnostics.push(
            Diagnostic::error(
                self.type_code,
                format!("`{what}` must be {expected}, found {}", article(node.kind_name())),
                self.doc.span(node.range),
            )
            .with_label(format!("this is {}", article(node.kind_name()))),
        );
    }

    /// A string field; other types are reported. Numbers and booleans are reported too.
    pub fn string(&mut self, parent: &Node, key: &str) -> Option<Spanned<String>> {
        let node = parent.get(key)?;
        match node.as_str() {
            Some(s) => Some(Spanned::new(s.to_string(), self.span(node))),
            None => {
                if !node.is_null() {
                    self.wrong_type(node, key, "a string");
                }
                None
            }
        }
    }

    /// A string field read as an endpoint URL.
    pub fn url(&mut self, parent: &Node, key: &str) -> Option<EndpointUrl> {
        self.string(parent, key).map(|s| EndpointUrl::new(s.value, s.span))
    }

    /// An object field; other types are reported.
    pub fn object<'n>(&mut self, parent: &'n Node, key: &str) -> Option<&'n Node> {
        let node = parent.get(key)?;
        if node.as_object().is_some() {
            Some(node)
        } else {
            if !node.is_null() {
                self.wrong_type(node, key, "an object");
            }
            None
        }
    }

    /// A boolean field; the strings `"true"`/`"false"` are reported as wrong type but still read.
    pub fn boolean(&mut self, parent: &Node, key: &str) -> Option<Spanned<bool>> {
        let node = parent.get(key)?;
        match &node.value {
            specc_syntax::Value::Bool(b) => Some(Spanned::new(*b, self.span(node))),
            specc_syntax::Value::String(s) if s.as_ref() == "true" || s.as_ref() == "false" => {
                self.wrong_type(node, key, "a boolean");
                Some(Spanned::new(s.as_ref() == "true", self.span(node)))
            }
            _ => {
                self.wrong_type(node, key, "a boolean");
                None
            }
        }
    }
}

/// "an object", "a string".
pub fn article(kind: &str) -> String {
    match kind.as_bytes().first() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u') => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
}
