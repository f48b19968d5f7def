//! Text edits that splice JSON members and array items in or out at byte offsets, keeping the file's
//! own layout: the indentation of the neighbouring member, its `": "` separator, inline objects kept
//! inline, and CRLF line ends.

use specc_dialects::elasticio::{MemberView, ObjectView};
use specc_syntax::Span;

use crate::Edit;

/// The line ending the file uses.
fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The whitespace before `offset` on its line, when only whitespace precedes it there.
fn line_indent(text: &str, offset: u32) -> Option<&str> {
    let before = text.get(..offset as usize)?;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let indent = before.get(line_start..)?;
    indent.chars().all(|c| c == ' ' || c == '\t').then_some(indent)
}

fn slice(text: &str, start: u32, end: u32) -> &str {
    text.get(start as usize..end as usize).unwrap_or("")
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::new();
    specc_syntax::write_json_string(s, &mut out);
    out
}

/// Inserts `"key": value` into `obj`, after the member `after` when it exists, else after the last
/// member. `value` is JSON text.
pub fn insert_member(text: &str, obj: &ObjectView, after: Option<&str>, key: &str, value: &str) -> Edit {
    let file = obj.span.file;
    let anchor = after.and_then(|k| obj.member(k)).or_else(|| obj.members.last());
    let Some(anchor) = anchor else {
        // Empty object: write the member right after `{`.
        let at = obj.span.start + 1;
        return Edit {
            span: Span::new(file, at as usize, at as usize),
            replacement: format!("{}: {value}", json_string(key)),
        };
    };
    let sep = slice(text, anchor.key_span.end, anchor.value_span.start);
    let sep = if sep.trim() == ":" { sep } else { ": " };
    let at = anchor.value_span.end as usize;
    let replacement = match line_indent(text, anchor.key_span.start) {
        Some(indent) => format!(",{}{indent}{}{sep}{value}", newline(text), json_string(key)),
        None => format!(", {}{sep}{value}", json_string(key)),
    };
    Edit { span: Span::new(file, at, at), replacement }
}

/// Removes member `m` of `obj` together with the comma and whitespace that separate it.
pub fn remove_member(obj: &ObjectView, m: &MemberView) -> Edit {
    let file = obj.span.file;
    let idx = obj.members.iter().position(|x| x.key_span == m.key_span);
    let span = match idx {
        Some(i) if i + 1 < obj.members.len() => {
            let next = obj.members.get(i + 1).map_or(m.value_span.end, |n| n.key_span.start);
            Span::new(file, m.key_span.start as usize, next as usize)
        }
        Some(i) if i > 0 => {
            let prev = obj.members.get(i - 1).map_or(m.key_span.start, |p| p.value_span.end);
            Span::new(file, prev as usize, m.value_span.end as usize)
        }
        _ => Span::new(file, m.key_span.start as usize, m.value_span.end as usize),
    };
    Edit { span, replacement: String::new() }
}

/// Removes item `i` of an array whose items are at `items`, with its separating comma.
pub fn remove_item(items: &[Span], i: usize) -> Option<Edit> {
    let item = items.get(i)?;
    let span = if let Some(next) = items.get(i + 1) {
        Span { file: item.file, start: item.start, end: next.start }
    } else if let Some(prev) = i.checked_sub(1).and_then(|p| items.get(p)) {
        Span { file: item.file, start: prev.end, end: item.end }
    } else {
        *item
    };
    Some(Edit { span, replacement: String::new() })
}

/// Appends `value` (JSON text) to an array at `array` whose items are at `items`.
pub fn append_item(text: &str, array: Span, items: &[Span], value: &str) -> Edit {
    match items.last() {
        Some(last) => {
            let replacement = match line_indent(text, last.start) {
                Some(indent) => format!(",{}{indent}{value}", newline(text)),
                None => format!(", {value}"),
            };
            Edit { span: Span { file: last.file, start: last.end, end: last.end }, replacement }
        }
        None => {
            let at = array.start + 1;
            Edit { span: Span { file: array.file, start: at, end: at }, replacement: value.to_string() }
        }
    }
}

/// Replaces the bytes of `span`.
pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
    Edit { span, replacement: replacement.into() }
}

/// Applies edits to a text (for tests and for checking that a fix still parses).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::new();
    let mut pos = 0usize;
    for e in sorted {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        out.push_str(text.get(pos..s).unwrap_or(""));
        out.push_str(&e.replacement);
        pos = t.max(pos);
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}
