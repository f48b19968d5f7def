//! Text edits that keep a JSON or YAML file well-formed: the one place rules get their fixes' byte
//! ranges from.
//!
//! Each function finds the object, array, member or element it is given by its span in the document's
//! tree and writes in the file's own layout: a JSON object or a YAML flow collection (`{ … }`,
//! `[ … ]`) gets commas, the neighbour's `": "` separator and indentation and the file's line ends; a
//! YAML block mapping or sequence gets whole lines at its keys' indentation. Values are passed as
//! source text, valid where they go (`{}`, `""`, `[]`, `true` are valid in both syntaxes). `None`
//! when the target is not in the tree or the layout is one these edits do not write into.

use std::ops::Range;

use specc_diagnostics::{Edit, Span};

use crate::text::{spelled_verbatim, string_part_span};
use crate::tree::{write_json_string, Member, Node, TextRange, Value};
use crate::{Document, Format};

/// Where a new member or element goes among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    First,
    Last,
    /// After the member with this key (objects only; the last member when there is none).
    After(&'a str),
}

/// An edit replacing the bytes of `span` with `replacement`.
pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
    Edit { span, replacement: replacement.into() }
}

/// A JSON string literal for `s`; also a valid YAML double-quoted scalar.
pub fn quote(s: &str) -> String {
    let mut out = String::new();
    write_json_string(s, &mut out);
    out
}

/// A mapping key as it should be written in `format`: quoted in JSON, plain in YAML when that is
/// safe (letters, digits, `_`, `-`, `.`, `/`, not starting with `-` or `.`).
pub fn key_text(format: Format, key: &str) -> String {
    let plain = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'))
        && !key.starts_with(['-', '.']);
    if format == Format::Yaml && plain {
        key.to_string()
    } else {
        quote(key)
    }
}

/// An edit replacing bytes `part` of the string `value`, which the file spells at `span` as `source`,
/// by `replacement`, written as is. The part is found through escapes ([`string_part_span`]); `None`
/// when the replacement would need escaping where it goes (a quote, a backslash or a control
/// character inside quotes), or when the value is a plain YAML scalar the file does not spell verbatim.
pub fn replace_string_part(
    span: Span,
    source: &str,
    value: &str,
    part: Range<usize>,
    replacement: &str,
) -> Option<Edit> {
    let writable = match source.as_bytes().first() {
        Some(b'"') => !replacement.contains(|c: char| c == '"' || c == '\\' || c.is_control()),
        Some(b'\'') => !replacement.contains(|c: char| c == '\'' || c.is_control()),
        _ => spelled_verbatim(source, value) && !replacement.contains(|c: char| c.is_control()),
    };
    if !writable {
        return None;
    }
    let span = string_part_span(span, source, value, part)?;
    Some(Edit { span, replacement: replacement.to_string() })
}

/// The text with `edits` applied (sorted by position; edits must not overlap), as a fix is applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for e in sorted {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        out.push_str(text.get(pos..start).unwrap_or(""));
        out.push_str(&e.replacement);
        pos = end.max(pos);
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// An edit adding `key: value` to the object at `object` (its span), at `place`.
pub fn insert_member(doc: &Document, object: Span, place: Place<'_>, key: &str, value: &str) -> Option<Edit> {
    let node = node_at(doc, object)?;
    let members = node.as_object()?;
    let text = doc.text.as_str();
    let flow = is_flow(doc, node);
    let key = key_text(doc.format, key);
    let Some(first) = members.first() else {
        // Only a flow collection can be empty: write right after its `{`.
        let at = node.range.start as usize + 1;
        return flow.then(|| at_offset(doc, at, format!("{key}: {value}")));
    };
    let anchor = match place {
        Place::First => None,
        Place::Last => members.last(),
        Place::After(k) => members.iter().find(|m| &*m.key == k).or(members.last()),
    };
    if !flow {
        let indent = indent_before(text, first.key_range.start as usize)?;
        if indent.contains('\t') {
            return None;
        }
        return Some(match anchor {
            None => at_offset(doc, first.key_range.start as usize, format!("{key}: {value}{}{indent}", newline(text))),
            Some(m) => {
                let at = line_end(text, member_end(m));
                at_offset(doc, at, format!("{}{indent}{key}: {value}", newline(text)))
            }
        });
    }
    let sep_of = |m: &Member| {
        let sep = text.get(m.key_range.end as usize..m.value.range.start as usize).unwrap_or("");
        if sep.trim() == ":" && !sep.contains('\n') {
            sep.to_string()
        } else {
            ": ".to_string()
        }
    };
    match anchor {
        None => {
            let at = first.key_range.start as usize;
            let sep = sep_of(first);
            let replacement = match indent_before(text, at) {
                Some(indent) => format!("{key}{sep}{value},{}{indent}", newline(text)),
                None => format!("{key}{sep}{value}, "),
            };
            Some(at_offset(doc, at, replacement))
        }
        Some(m) => {
            let sep = sep_of(m);
            let replacement = match indent_before(text, m.key_range.start as usize) {
                Some(indent) => format!(",{}{indent}{key}{sep}{value}", newline(text)),
                None => format!(", {key}{sep}{value}"),
            };
            Some(at_offset(doc, m.value.range.end as usize, replacement))
        }
    }
}

/// An edit removing the member whose key starts at `member.start` (a member's or key's span),
/// with the comma or the line(s) that go with it.
pub fn delete_member(doc: &Document, member: Span) -> Option<Edit> {
    let (object, index) = member_at(doc, member.start)?;
    let members = object.as_object()?;
    let m = members.get(index)?;
    let ranges: Vec<TextRange> =
        members.iter().map(|m| TextRange { start: m.key_range.start, end: member_end(m) as u32 }).collect();
    delete_entry(doc, object, &ranges, index, m.key_range.start as usize)
}

/// An edit replacing the member whose key starts at `member.start` (a member's or key's span) with
/// `key: value`: in a YAML block mapping its whole line(s), at the member's indentation.
pub fn replace_member(doc: &Document, member: Span, key: &str, value: &str) -> Option<Edit> {
    let (object, index) = member_at(doc, member.start)?;
    let m = object.as_object()?.get(index)?;
    let text = doc.text.as_str();
    let key = key_text(doc.format, key);
    let (start, end) = (m.key_range.start as usize, member_end(m));
    if is_flow(doc, object) {
        let sep = text.get(m.key_range.end as usize..m.value.range.start as usize).unwrap_or("");
        let sep = if sep.trim() == ":" && !sep.contains('\n') { sep } else { ": " };
        return Some(Edit { span: Span::new(doc.file, start, end), replacement: format!("{key}{sep}{value}") });
    }
    let (lines, _) = block_lines(text, start, end)?;
    let indent = indent_before(text, start)?;
    let nl = if text.get(lines.clone())?.ends_with('\n') { newline(text) } else { "" };
    Some(Edit { span: Span::new(doc.file, lines.start, lines.end), replacement: format!("{indent}{key}: {value}{nl}") })
}

/// An edit replacing the array element at `element` (its span) with `value`.
pub fn replace_element(doc: &Document, element: Span, value: &str) -> Option<Edit> {
    let (array, index) = element_at(doc, element)?;
    let item = array.as_array()?.get(index)?;
    Some(Edit { span: doc.span(item.range), replacement: value.to_string() })
}

/// An edit adding `value` to the array at `array` (its span), first or last (`Place::After` is last).
pub fn insert_element(doc: &Document, array: Span, place: Place<'_>, value: &str) -> Option<Edit> {
    let node = node_at(doc, array)?;
    let items = node.as_array()?;
    let text = doc.text.as_str();
    let Some(first) = items.first() else {
        let at = node.range.start as usize + 1;
        return is_flow(doc, node).then(|| at_offset(doc, at, value.to_string()));
    };
    let last = items.last().unwrap_or(first);
    if !is_flow(doc, node) {
        let dash = dash_before(text, first.range.start as usize)?;
        let indent = indent_before(text, dash)?;
        if indent.contains('\t') {
            return None;
        }
        return Some(match place {
            Place::First => at_offset(doc, dash, format!("- {value}{}{indent}", newline(text))),
            _ => {
                let at = line_end(text, last.range.end as usize);
                at_offset(doc, at, format!("{}{indent}- {value}", newline(text)))
            }
        });
    }
    Some(match place {
        Place::First => {
            let at = first.range.start as usize;
            match indent_before(text, at) {
                Some(indent) => at_offset(doc, at, format!("{value},{}{indent}", newline(text))),
                None => at_offset(doc, at, format!("{value}, ")),
            }
        }
        _ => {
            let replacement = match indent_before(text, last.range.start as usize) {
                Some(indent) => format!(",{}{indent}{value}", newline(text)),
                None => format!(", {value}"),
            };
            at_offset(doc, last.range.end as usize, replacement)
        }
    })
}

/// An edit removing the array element at `element` (its span), with the comma or the line that goes
/// with it.
pub fn delete_element(doc: &Document, element: Span) -> Option<Edit> {
    let (array, index) = element_at(doc, element)?;
    let items = array.as_array()?;
    let ranges: Vec<TextRange> = items.iter().map(|i| i.range).collect();
    let start = ranges.get(index)?.start as usize;
    let line_from = if is_flow(doc, array) { start } else { dash_before(doc.text.as_str(), start)? };
    delete_entry(doc, array, &ranges, index, line_from)
}

/// Removes entry `index` of a collection whose entries span `ranges`; `from` is where the entry's
/// text starts (its key, or a block sequence item's `-`).
fn delete_entry(doc: &Document, parent: &Node, ranges: &[TextRange], index: usize, from: usize) -> Option<Edit> {
    let text = doc.text.as_str();
    let this = ranges.get(index)?;
    let (start, end) = (this.start as usize, this.end as usize);
    if !is_flow(doc, parent) {
        let (lines, stop) = block_lines(text, from, end)?;
        if ranges.len() == 1 {
            // A block collection cannot be empty: its only entry becomes an empty flow collection.
            let empty = if parent.as_array().is_some() { "[]" } else { "{}" };
            let to = if text.get(..end)?.ends_with('\n') { stop } else { end };
            return Some(Edit { span: Span::new(doc.file, from, to), replacement: empty.to_string() });
        }
        return Some(Edit { span: Span::new(doc.file, lines.start, lines.end), replacement: String::new() });
    }
    let (from, to) = if let Some(next) = ranges.get(index + 1) {
        (start, next.start as usize)
    } else if let Some(prev) = index.checked_sub(1).and_then(|p| ranges.get(p)) {
        (prev.end as usize, end)
    } else {
        (start, end)
    };
    Some(Edit { span: Span::new(doc.file, from, to), replacement: String::new() })
}

/// The whole lines of a block entry whose text starts at `from` (its key or `-`) and ends at `end`: from the start of `from`'s line through the line break after `end`, and where
/// that last line's text ends. `None` when anything but blanks precedes `from` on its line or anything
/// but a comment follows `end` on its line.
fn block_lines(text: &str, from: usize, end: usize) -> Option<(Range<usize>, usize)> {
    indent_before(text, from)?;
    let line_start = text.get(..from)?.rfind('\n').map_or(0, |p| p + 1);
    let stop = line_end(text, end);
    let rest = if stop > end { text.get(end..stop)? } else { "" };
    if !rest.trim().is_empty() && !rest.trim_start().starts_with('#') {
        return None;
    }
    let after = text.get(stop..)?;
    let through = stop + if after.starts_with("\r\n") { 2 } else { usize::from(after.starts_with('\n')) };
    Some((line_start..through, stop))
}

fn at_offset(doc: &Document, at: usize, replacement: String) -> Edit {
    Edit { span: Span::new(doc.file, at, at), replacement }
}

/// Whether a collection is written in flow style (always, in JSON).
fn is_flow(doc: &Document, node: &Node) -> bool {
    doc.format == Format::Json || doc.text.get(node.range.start as usize..).is_some_and(|t| t.starts_with(['{', '[']))
}

/// Where a member's text ends: its value's end, trailing line breaks of a block value left out.
fn member_end(m: &Member) -> usize {
    m.value.range.end.max(m.key_range.end) as usize
}

/// The line ending the file uses.
fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The indentation before `pos` when only spaces or tabs precede it on its line.
fn indent_before(text: &str, pos: usize) -> Option<&str> {
    let line_start = text.get(..pos)?.rfind('\n').map_or(0, |p| p + 1);
    let prefix = text.get(line_start..pos)?;
    prefix.bytes().all(|b| b == b' ' || b == b'\t').then_some(prefix)
}

/// The end of the line `pos` is on (before its `\r\n` or `\n`); `pos` itself when `pos` ends a line.
fn line_end(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    if text[..pos].ends_with('\n') {
        let back = if text[..pos].ends_with("\r\n") { 2 } else { 1 };
        return pos - back;
    }
    let end = text[pos..].find('\n').map_or(text.len(), |p| pos + p);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

/// The offset of the `-` that introduces the block sequence item starting at `pos`.
fn dash_before(text: &str, pos: usize) -> Option<usize> {
    let before = text.get(..pos)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    trimmed.ends_with('-').then(|| trimmed.len() - 1)
}

/// The object or array whose range is exactly `span`'s.
fn node_at(doc: &Document, span: Span) -> Option<&Node> {
    let target = TextRange { start: span.start, end: span.end };
    let mut node = doc.root.as_ref()?;
    loop {
        if node.range == target && matches!(node.value, Value::Object(_) | Value::Array(_)) {
            return Some(node);
        }
        node = children(node).find(|c| c.range.contains_range(target))?;
    }
}

/// The object holding a member whose key starts at `start`, and the member's index.
fn member_at(doc: &Document, start: u32) -> Option<(&Node, usize)> {
    let mut node = doc.root.as_ref()?;
    loop {
        if let Some(i) = node.as_object().and_then(|ms| ms.iter().position(|m| m.key_range.start == start)) {
            return Some((node, i));
        }
        node = children(node).find(|c| c.range.start <= start && start < c.range.end)?;
    }
}

/// The array holding an element whose range is exactly `span`'s, and the element's index.
fn element_at(doc: &Document, span: Span) -> Option<(&Node, usize)> {
    let target = TextRange { start: span.start, end: span.end };
    let mut node = doc.root.as_ref()?;
    loop {
        if let Some(i) = node.as_array().and_then(|items| items.iter().position(|n| n.range == target)) {
            return Some((node, i));
        }
        node = children(node).find(|c| c.range.contains_range(target) && c.range != target)?;
    }
}

fn children(node: &Node) -> Box<dyn Iterator<Item = &Node> + '_> {
    match &node.value {
        Value::Object(members) => Box::new(members.iter().map(|m| &m.value)),
        Value::Array(items) => Box::new(items.iter()),
        _ => Box::new(std::iter::empty()),
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
