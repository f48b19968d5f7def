//! YAML 1.2 into the spanned tree, on top of `saphyr-parser`'s event stream.
//!
//! The event parser reports positions in characters; this module converts them to byte offsets with a
//! cursor that walks the text once. Scalars are typed with the YAML 1.2 core schema, so `no` stays a
//! string. Aliases are expanded under a node budget, which is what stops an alias bomb; nesting beyond
//! [`crate::MAX_DEPTH`] is refused. Only the first document of a stream is read.

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::tree::{Member, Node, TextRange, Value};
use crate::{SyntaxError, SyntaxErrorKind, MAX_DEPTH};

pub(crate) struct YamlOutput {
    pub root: Option<Node>,
    pub errors: Vec<SyntaxError>,
    pub fatal: bool,
}

/// Converts character indices to byte offsets, walking forward (or back) from the last position.
struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor { text, ascii: text.is_ascii(), chars: 0, bytes: 0 }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        while self.chars < char_index {
            match self.text[self.bytes..].chars().next() {
                Some(c) => {
                    self.bytes += c.len_utf8();
                    self.chars += 1;
                }
                None => return self.bytes,
            }
        }
        while self.chars > char_index {
            match self.text[..self.bytes].chars().next_back() {
                Some(c) => {
                    self.bytes -= c.len_utf8();
                    self.chars -= 1;
                }
                None => return 0,
            }
        }
        self.bytes
    }
}

enum Frame {
    Seq { start: usize, anchor: usize, items: Vec<Node> },
    Map { start: usize, anchor: usize, members: Vec<Member>, pending_key: Option<(Box<str>, TextRange)> },
}

pub(crate) fn parse(text: &str) -> YamlOutput {
    let mut parser = Parser::new_from_str(text);
    let mut cursor = CharCursor::new(text);
    let mut errors = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, Node> = std::collections::HashMap::new();
    let mut root: Option<Node> = None;
    let mut fatal = false;
    let mut docs_seen = 0usize;
    // Every node created, aliases counted at their expanded size.
    let mut budget: usize = 1_000_000usize.max(text.len().saturating_mul(2));

    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(ev) => ev,
            Err(e) => {
                let at = cursor.byte(e.marker().index());
                let end = next_char_end(text, at);
                let (kind, message) = if e.info().contains("recursion limit") {
                    (SyntaxErrorKind::TooDeep, format!("nesting is deeper than {MAX_DEPTH} levels"))
                } else {
                    (SyntaxErrorKind::Invalid, yaml_message(e.info()))
                };
                let mut err = SyntaxError::new(kind, TextRange::new(at, end), message);
                if e.info().contains("tab") {
                    err.help = Some("YAML indentation must use spaces".into());
                }
                errors.push(err);
                fatal = true;
                break;
            }
        };
        let start = cursor.byte(span.start.index());
        let end = cursor.byte(span.end.index());
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => continue,
            Event::DocumentStart(_) => {
                docs_seen += 1;
                if docs_seen > 1 {
                    // specc reads one document per file; the rest of the stream is ignored.
                    break;
                }
                continue;
            }
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    errors.push(SyntaxError::new(
                        SyntaxErrorKind::TooDeep,
                        TextRange::new(start, next_char_end(text, start)),
                        format!("nesting is deeper than {MAX_DEPTH} levels"),
                    ));
                    fatal = true;
                    break;
                }
                stack.push(Frame::Seq { start, anchor, items: Vec::new() });
                continue;
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    errors.push(SyntaxError::new(
                        SyntaxErrorKind::TooDeep,
                        TextRange::new(start, next_char_end(text, start)),
                        format!("nesting is deeper than {MAX_DEPTH} levels"),
                    ));
                    fatal = true;
                    break;
                }
                stack.push(Frame::Map { start, anchor, members: Vec::new(), pending_key: None });
                continue;
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq { start: s, anchor, mut items }) = stack.pop() else { break };
                items.shrink_to_fit();
                let close = container_end(text, s, end, items.last().map(|n| n.range.end as usize));
                let node = Node::new(TextRange::new(s, close), Value::Array(items));
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::MappingEnd => {
                let Some(Frame::Map { start: s, anchor, mut members, .. }) = stack.pop() else { break };
                members.shrink_to_fit();
                let close = container_end(text, s, end, members.last().map(|m| m.value.range.end as usize));
                let node = Node::new(TextRange::new(s, close), Value::Object(members));
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Scalar(value, style, anchor, tag) => {
                budget = budget.saturating_sub(1);
                let forced_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let v = if style == ScalarStyle::Plain && !forced_str {
                    resolve_plain(&value)
                } else {
                    Value::String(value.as_ref().into())
                };
                // The event's span starts at the node's properties (`&anchor`, `!tag`); the value starts after.
                let start = skip_properties(text, start, end);
                let node = Node::new(TextRange::new(start, end.max(start)), v);
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    errors.push(SyntaxError::new(
                        SyntaxErrorKind::Invalid,
                        TextRange::new(start, end),
                        "alias to an unknown anchor".into(),
                    ));
                    fatal = true;
                    break;
                };
                let size = count_nodes(target, budget.saturating_add(1));
                if size > budget {
                    let mut e = SyntaxError::new(
                        SyntaxErrorKind::AliasLimit,
                        TextRange::new(start, end.max(start + 1)),
                        "YAML aliases expand to too many nodes (possible alias bomb)".into(),
                    );
                    e.help = Some("specc stops expanding aliases past a fixed budget; inline the repeated data".into());
                    errors.push(e);
                    fatal = true;
                    break;
                }
                budget -= size;
                // The copy keeps the anchor's ranges; point the alias node itself at the `*name`.
                let mut n = target.clone();
                n.range = TextRange::new(start, end.max(start));
                n
            }
        };
        // Attach the finished node to its parent.
        match stack.last_mut() {
            None => {
                if root.is_none() {
                    root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { members, pending_key, .. }) => match pending_key.take() {
                None => {
                    let key: Box<str> = match &node.value {
                        Value::String(s) | Value::Number(s) => s.clone(),
                        Value::Bool(b) => b.to_string().into(),
                        Value::Null => "".into(),
                        _ => node.to_json_text().into(),
                    };
                    *pending_key = Some((key, node.range));
                }
                Some((key, key_range)) => {
                    if let Some(first) = members.iter().find(|m| m.key == key) {
                        let mut e = SyntaxError::new(
                            SyntaxErrorKind::DuplicateKey,
                            key_range,
                            format!("duplicate key `{}`", key.escape_debug()),
                        );
                        e.secondary.push((first.key_range, "first defined here".into()));
                        e.help = Some("keep one of the two; YAML 1.2 requires keys to be unique".into());
                        errors.push(e);
                    }
                    members.push(Member { key, key_range, value: node });
                }
            },
        }
    }

    if root.is_none() && fatal {
        // Keep what was read so far: close the open containers from the inside out.
        let mut partial: Option<Node> = None;
        while let Some(frame) = stack.pop() {
            let node = match frame {
                Frame::Seq { start, mut items, .. } => {
                    if let Some(p) = partial.take() {
                        items.push(p);
                    }
                    let end = items.last().map_or(start, |n| n.range.end as usize);
                    Node::new(TextRange::new(start, end), Value::Array(items))
                }
                Frame::Map { start, mut members, pending_key, .. } => {
                    if let (Some(p), Some((key, key_range))) = (partial.take(), pending_key) {
                        members.push(Member { key, key_range, value: p });
                    }
                    let end = members.last().map_or(start, |m| m.value.range.end as usize);
                    Node::new(TextRange::new(start, end), Value::Object(members))
                }
            };
            partial = Some(node);
        }
        root = partial;
    }
    YamlOutput { root, errors, fatal }
}

/// Skips `&anchor` and `!tag` properties (and the blanks after them) at `start`, never past `end`.
fn skip_properties(text: &str, mut start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while start < end && matches!(b.get(start), Some(b'&' | b'!')) {
        while start < end && !matches!(b.get(start), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            start += 1;
        }
        while start < end && matches!(b.get(start), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            start += 1;
        }
    }
    start
}

fn container_end(text: &str, start: usize, end_event: usize, last_child: Option<usize>) -> usize {
    // Flow collections end at their closing bracket; block collections at their last child.
    let b = text.as_bytes();
    if end_event > 0 && matches!(b.get(end_event - 1), Some(b'}' | b']')) && end_event > start {
        return end_event;
    }
    // The end event of a flow collection can be an empty span at its bracket: include the bracket.
    if matches!(b.get(start), Some(b'[' | b'{')) {
        let mut i = last_child.unwrap_or(start + 1).max(start + 1);
        while b.get(i).is_some_and(|c| c.is_ascii_whitespace() || *c == b',') {
            i += 1;
        }
        if matches!(b.get(i), Some(b']' | b'}')) {
            return i + 1;
        }
    }
    last_child.unwrap_or(start).max(start)
}

fn count_nodes(node: &Node, limit: usize) -> usize {
    let mut count = 0usize;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        count += 1;
        if count > limit {
            return count;
        }
        match &n.value {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(members) => stack.extend(members.iter().map(|m| &m.value)),
            _ => {}
        }
    }
    count
}

/// The YAML 1.2 core schema for plain scalars.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN"
        | ".NAN" => return Value::Number(s.into()),
        _ => {}
    }
    if is_yaml_int(s) || is_yaml_float(s) {
        Value::Number(s.into())
    } else {
        Value::String(s.into())
    }
}

fn is_yaml_int(s: &str) -> bool {
    if let Some(h) = s.strip_prefix("0x") {
        return !h.is_empty() && h.bytes().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(o) = s.strip_prefix("0o") {
        return !o.is_empty() && o.bytes().all(|c| (b'0'..=b'7').contains(&c));
    }
    let d = s.strip_prefix(['-', '+']).unwrap_or(s);
    !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit())
}

fn is_yaml_float(s: &str) -> bool {
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let b = s.strip_prefix(['-', '+']).unwrap_or(s).as_bytes();
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let e = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if e == 0 {
            return false;
        }
        i += e;
    }
    i == b.len()
}

fn yaml_message(info: &str) -> String {
    let mut m = info.trim().to_string();
    if let Some(rest) = m.strip_prefix("while parsing") {
        m = format!("YAML syntax error while parsing{rest}");
    } else if !m.to_ascii_lowercase().contains("yaml") {
        m = format!("YAML syntax error: {m}");
    }
    m
}

fn next_char_end(text: &str, at: usize) -> usize {
    match text.get(at..).and_then(|s| s.chars().next()) {
        Some(c) => at + c.len_utf8(),
        None => at.min(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, r: TextRange) -> &str {
        &text[r.start as usize..r.end as usize]
    }

    #[test]
    fn block_mapping_with_byte_ranges_after_multibyte_text() {
        let text = "title: \"Zürich ✓\"\nflows:\n  implicit:\n    authorizationUrl: http://x\n";
        let out = parse(text);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let root = out.root.unwrap();
        assert_eq!(root.get("title").unwrap().as_str(), Some("Zürich ✓"));
        let url = root.get_path(&["flows", "implicit", "authorizationUrl"]).unwrap();
        assert_eq!(slice(text, url.range), "http://x");
        let m = root.get("flows").unwrap().member("implicit").unwrap();
        assert_eq!(slice(text, m.key_range), "implicit");
    }

    #[test]
    fn core_schema_keeps_norway_a_string() {
        let out = parse("a: no\nb: yes\nc: true\nd: 012\ne: ~\nf: '1'\n");
        let r = out.root.unwrap();
        assert_eq!(r.get("a").unwrap().as_str(), Some("no"));
        assert_eq!(r.get("b").unwrap().as_str(), Some("yes"));
        assert_eq!(r.get("c").unwrap().as_bool(), Some(true));
        assert_eq!(r.get("d").unwrap().as_number(), Some("012"));
        assert!(r.get("e").unwrap().is_null());
        assert_eq!(r.get("f").unwrap().as_str(), Some("1"));
    }

    #[test]
    fn duplicate_key_points_at_second_key() {
        let text = "a: 1\nb: 2\na: 3\n";
        let out = parse(text);
        assert!(!out.fatal);
        assert_eq!(out.errors[0].kind, SyntaxErrorKind::DuplicateKey);
        assert_eq!(out.errors[0].range, TextRange::new(10, 11));
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut text =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut prev = "a";
        for n in names {
            text.push_str(&format!(
                "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = n;
        }
        let out = parse(&text);
        assert!(out.fatal);
        assert!(out.errors.iter().any(|e| e.kind == SyntaxErrorKind::AliasLimit));
    }

    #[test]
    fn bad_indentation_is_located() {
        let text = "a:\n  b: 1\n c: 2\n";
        let out = parse(text);
        assert!(out.fatal);
        let e = &out.errors[0];
        assert!(e.range.start >= 10, "{e:?}");
    }

    #[test]
    fn flow_collections_include_their_closing_bracket() {
        // Found by the `migrate` fuzz target: the range of `["x"]` lacked its `]`.
        let text = "a: [{ \"s\": [\"x\"] }]\nb: {c: 1}\n";
        let r = parse(text).root.unwrap();
        let s = r.get("a").and_then(|a| a.as_array()).and_then(|a| a.first()).and_then(|o| o.get("s")).unwrap();
        assert_eq!(slice(text, s.range), "[\"x\"]");
        assert_eq!(slice(text, r.get("a").unwrap().range), "[{ \"s\": [\"x\"] }]");
        assert_eq!(slice(text, r.get("b").unwrap().range), "{c: 1}");
    }

    #[test]
    fn anchored_and_tagged_scalars_start_at_their_value() {
        let text = "a: &é→😀 \"x\"\nb: !!str 12\nc: *é→😀\n";
        let out = parse(text);
        let r = out.root.unwrap();
        assert_eq!(slice(text, r.get("a").unwrap().range), "\"x\"");
        assert_eq!(slice(text, r.get("b").unwrap().range), "12");
        assert_eq!(r.get("b").unwrap().as_str(), Some("12"));
        assert_eq!(r.get("c").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn deep_flow_nesting_is_refused() {
        let text = "[".repeat(100_000);
        let out = parse(&text);
        assert!(out.fatal);
    }
}
