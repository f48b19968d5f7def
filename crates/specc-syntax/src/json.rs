//! A strict JSON (RFC 8259) reader that builds the spanned tree in one pass.
//!
//! It stops at the first syntax error and returns the tree built so far, so that the error can point at
//! the exact byte and name what was expected. Nesting deeper than [`crate::MAX_DEPTH`] is refused instead
//! of recursing further. Duplicate keys are reported but do not stop the reader.

use crate::tree::{Member, Node, TextRange, Value};
use crate::{SyntaxError, SyntaxErrorKind, MAX_DEPTH};

pub(crate) struct JsonOutput {
    pub root: Option<Node>,
    pub errors: Vec<SyntaxError>,
    pub fatal: bool,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    errors: Vec<SyntaxError>,
    failed: bool,
    /// Which subtrees to read without building them (see [`crate::SkipPredicate`]).
    skip: Option<&'a crate::SkipPredicate>,
    /// Keys from the root to the value being read (`[]` for array items); kept only while building.
    /// Only the first `path_len` entries are current: the others keep their buffers for reuse, so
    /// that following a key costs no allocation.
    path: Vec<String>,
    path_len: usize,
    /// Open containers of the subtree [`Parser::skip_fast`] is scanning (reused between calls).
    skip_stack: Vec<u8>,
    /// False inside a skipped subtree: syntax is still checked, nothing is allocated.
    build: bool,
}

pub(crate) fn parse(text: &str, skip: Option<&crate::SkipPredicate>) -> JsonOutput {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        errors: Vec::new(),
        failed: false,
        skip,
        path: Vec::new(),
        path_len: 0,
        skip_stack: Vec::new(),
        build: true,
    };
    p.skip_ws();
    let root = if p.pos >= p.bytes.len() {
        None
    } else {
        let node = p.value();
        if !p.failed {
            p.skip_ws();
            if p.pos < p.bytes.len() {
                let found = p.describe_here();
                p.fail(
                    SyntaxErrorKind::Invalid,
                    p.pos,
                    p.token_end(),
                    format!("unexpected {found} after the end of the JSON document"),
                );
                if let Some(last) = p.errors.last_mut() {
                    last.help = Some("a JSON file holds exactly one value; check for an extra closing bracket or a missing opening one earlier".into());
                    last.secondary.push((node.range, "the document's value ends here".into()));
                }
            }
        }
        Some(node)
    };
    JsonOutput { root, fatal: p.failed, errors: p.errors }
}

impl<'a> Parser<'a> {
    fn fail(&mut self, kind: SyntaxErrorKind, start: usize, end: usize, message: String) {
        if !self.failed {
            self.failed = true;
            self.errors.push(SyntaxError::new(kind, TextRange::new(start, end), message));
        }
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    /// End of the token starting at `pos`, for error ranges: one character, or a whole word.
    fn token_end(&self) -> usize {
        let mut end = self.pos;
        while end < self.bytes.len() && (self.bytes[end].is_ascii_alphanumeric() || self.bytes[end] == b'_') {
            end += 1;
        }
        if end == self.pos {
            end = next_char_end(self.text, self.pos);
        }
        end
    }

    fn describe_here(&self) -> String {
        match self.text.get(self.pos..) {
            None | Some("") => "end of file".to_string(),
            Some(rest) => {
                let end = self.token_end() - self.pos;
                let tok = &rest[..end];
                format!("`{}`", tok.escape_debug())
            }
        }
    }

    fn value(&mut self) -> Node {
        self.skip_ws();
        let start = self.pos;
        match self.bytes.get(self.pos) {
            None => {
                self.fail(
                    SyntaxErrorKind::UnexpectedEof,
                    start,
                    start,
                    "unexpected end of file, expected a value".into(),
                );
                Node::new(TextRange::new(start, start), Value::Null)
            }
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let s = self.string();
                Node::new(TextRange::new(start, self.pos), Value::String(s.into()))
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'/') => {
                let end = self.line_end(start);
                self.fail(SyntaxErrorKind::Invalid, start, end, "comments are not allowed in JSON".into());
                Node::new(TextRange::new(start, start), Value::Null)
            }
            Some(b'\'') => {
                let end = self.token_end();
                self.fail(
                    SyntaxErrorKind::Invalid,
                    start,
                    end,
                    "JSON strings use double quotes, not single quotes".into(),
                );
                Node::new(TextRange::new(start, start), Value::Null)
            }
            Some(_) => {
                let found = self.describe_here();
                let end = self.token_end();
                self.fail(SyntaxErrorKind::Invalid, start, end, format!("expected a JSON value, found {found}"));
                Node::new(TextRange::new(start, start), Value::Null)
            }
        }
    }

    fn line_end(&self, from: usize) -> usize {
        self.bytes[from..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(self.bytes.len(), |p| from + p)
    }

    fn literal(&mut self, word: &str, value: Value) -> Node {
        let start = self.pos;
        if self.bytes[start..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Node::new(TextRange::new(start, self.pos), value)
        } else {
            let found = self.describe_here();
            let end = self.token_end();
            self.fail(SyntaxErrorKind::Invalid, start, end, format!("expected a JSON value, found {found}"));
            Node::new(TextRange::new(start, start), Value::Null)
        }
    }

    fn number(&mut self) -> Node {
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let ok = match b.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(b.get(i), Some(b'0'..=b'9')) {
                    self.fail(
                        SyntaxErrorKind::Invalid,
                        start,
                        i + 1,
                        "numbers in JSON cannot have leading zeros".into(),
                    );
                    return Node::new(TextRange::new(start, start), Value::Null);
                }
                true
            }
            Some(b'1'..=b'9') => {
                while matches!(b.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
                true
            }
            _ => false,
        };
        let mut ok = ok;
        if ok && b.get(i) == Some(&b'.') {
            i += 1;
            let s = i;
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            ok = i > s;
        }
        if ok && matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let s = i;
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            ok = i > s;
        }
        if !ok {
            let end = next_char_end(self.text, i.min(b.len().saturating_sub(1)).max(start));
            self.fail(SyntaxErrorKind::Invalid, start, end.max(i), "malformed number".into());
            return Node::new(TextRange::new(start, start), Value::Null);
        }
        self.pos = i;
        if !self.build {
            return Node::new(TextRange::new(start, i), Value::Null);
        }
        Node::new(TextRange::new(start, i), Value::Number(self.text[start..i].into()))
    }

    /// Reads a string starting at the opening quote; returns its decoded value.
    fn string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        let b = self.bytes;
        // Fast path: find the closing quote (or a backslash) with memchr, then make sure no control
        // character sits before it.
        let mut i = match memchr::memchr2(b'"', b'\\', &b[self.pos..]) {
            Some(off) => self.pos + off,
            None => b.len(),
        };
        if let Some(ctl) = b[self.pos..i].iter().position(|&c| c < 0x20) {
            i = self.pos + ctl;
        } else if b.get(i) == Some(&b'"') {
            let s = if self.build { self.text[self.pos..i].to_string() } else { String::new() };
            self.pos = i + 1;
            return s;
        }
        let mut out = String::from(&self.text[self.pos..i]);
        self.pos = i;
        loop {
            match b.get(self.pos) {
                None => {
                    self.fail(SyntaxErrorKind::UnexpectedEof, start, self.pos, "unterminated string".into());
                    if let Some(e) = self.errors.last_mut() {
                        e.help = Some("add the closing `\"`".into());
                    }
                    return out;
                }
                Some(b'"') => {
                    self.pos += 1;
                    return out;
                }
                Some(b'\\') => {
                    let esc = self.pos;
                    match b.get(self.pos + 1) {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let Some(cp) = self.hex4(self.pos + 2) else {
                                self.fail(
                                    SyntaxErrorKind::Invalid,
                                    esc,
                                    (esc + 6).min(b.len()),
                                    "invalid `\\u` escape: expected four hex digits".into(),
                                );
                                return out;
                            };
                            self.pos += 6;
                            if (0xD800..0xDC00).contains(&cp) {
                                if b.get(self.pos) == Some(&b'\\') && b.get(self.pos + 1) == Some(&b'u') {
                                    if let Some(lo) = self.hex4(self.pos + 2) {
                                        if (0xDC00..0xE000).contains(&lo) {
                                            let c = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                                            self.pos += 6;
                                            continue;
                                        }
                                    }
                                }
                                out.push('\u{FFFD}');
                            } else {
                                out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                            }
                            continue;
                        }
                        _ => {
                            let end = next_char_end(self.text, (esc + 1).min(b.len()));
                            self.fail(SyntaxErrorKind::Invalid, esc, end, "invalid escape sequence in string".into());
                            return out;
                        }
                    }
                    self.pos += 2;
                }
                Some(&c) if c < 0x20 => {
                    let msg = if c == b'\n' || c == b'\r' {
                        "unterminated string: line break inside a string".to_string()
                    } else {
                        format!("control character U+{c:04X} must be escaped inside a string")
                    };
                    self.fail(SyntaxErrorKind::Invalid, self.pos, self.pos + 1, msg);
                    return out;
                }
                Some(_) => {
                    let run_start = self.pos;
                    while let Some(&c) = b.get(self.pos) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(&self.text[run_start..self.pos]);
                }
            }
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let s = self.text.get(at..at + 4)?;
        if !s.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(s, 16).ok()
    }

    fn enter(&mut self, start: usize) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.fail(SyntaxErrorKind::TooDeep, start, start + 1, format!("nesting is deeper than {MAX_DEPTH} levels"));
            return false;
        }
        true
    }

    fn object(&mut self) -> Node {
        let start = self.pos;
        if !self.enter(start) {
            return Node::new(TextRange::new(start, start + 1), Value::Object(Vec::new()));
        }
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        let mut seen: Option<std::collections::HashMap<Box<str>, usize>> = None;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            self.depth -= 1;
            members.shrink_to_fit();
            return Node::new(TextRange::new(start, self.pos), Value::Object(members));
        }
        loop {
            self.skip_ws();
            let key_start = self.pos;
            match self.bytes.get(self.pos) {
                Some(b'"') => {}
                None => {
                    self.unclosed(start, '}', "object");
                    break;
                }
                Some(_) => {
                    let found = self.describe_here();
                    let end = self.token_end();
                    let msg =
                        if self.bytes[self.pos].is_ascii_alphabetic() || matches!(self.bytes[self.pos], b'_' | b'\'') {
                            format!("object keys must be double-quoted strings, found {found}")
                        } else {
                            format!("expected a string key, found {found}")
                        };
                    self.fail(SyntaxErrorKind::Invalid, key_start, end, msg);
                    break;
                }
            }
            let key = self.string();
            if self.failed {
                break;
            }
            let key_range = TextRange::new(key_start, self.pos);
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                let found = self.describe_here();
                let end = self.token_end();
                self.fail(
                    SyntaxErrorKind::Invalid,
                    self.pos,
                    end,
                    format!("expected `:` after object key, found {found}"),
                );
                break;
            }
            self.pos += 1;
            if !self.build {
                // Inside a skipped subtree: the value is read for its syntax only, nothing is kept.
                self.value();
            } else {
                let skipped = match self.skip {
                    Some(skip) => {
                        self.push_path(&key);
                        skip(&self.path[..self.path_len])
                    }
                    None => false,
                };
                let value = if skipped { self.skipped_value() } else { self.value() };
                if self.skip.is_some() {
                    self.path_len -= 1;
                }
                let key: Box<str> = key.into();
                // Duplicate detection: linear for small objects, hashed beyond.
                let dup = if members.len() < 16 {
                    members.iter().position(|m| m.key == key)
                } else {
                    let map = seen.get_or_insert_with(|| {
                        let mut m = std::collections::HashMap::new();
                        for (i, mem) in members.iter().enumerate() {
                            m.entry(mem.key.clone()).or_insert(i);
                        }
                        m
                    });
                    let found = map.get(&key).copied();
                    if found.is_none() {
                        map.insert(key.clone(), members.len());
                    }
                    found
                };
                if let Some(first) = dup {
                    let mut e = SyntaxError::new(
                        SyntaxErrorKind::DuplicateKey,
                        key_range,
                        format!("duplicate key `{}`", key.escape_debug()),
                    );
                    e.secondary.push((members[first].key_range, "first defined here".into()));
                    e.help = Some("keep one of the two; readers disagree on which one wins".into());
                    self.errors.push(e);
                }
                members.push(Member { key, key_range, value });
            }
            if self.failed {
                break;
            }
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&b'"') {
                let at = self.pos;
                self.fail(
                    SyntaxErrorKind::Invalid,
                    at,
                    at + 1,
                    "expected `,` or `}` after object member, found a string".into(),
                );
                if let Some(e) = self.errors.last_mut() {
                    e.help = Some("add a `,` between the two members".into());
                }
                break;
            }
            match self.separator(start, b'}', "object", "object member") {
                Separator::Next => {}
                Separator::Closed => {
                    members.shrink_to_fit();
                    return Node::new(TextRange::new(start, self.pos), Value::Object(members));
                }
                Separator::Stop => break,
            }
        }
        self.depth -= 1;
        Node::new(TextRange::new(start, self.pos), Value::Object(members))
    }

    /// Follows `key` one level down.
    fn push_path(&mut self, key: &str) {
        match self.path.get_mut(self.path_len) {
            Some(slot) => {
                slot.clear();
                slot.push_str(key);
            }
            None => self.path.push(key.to_string()),
        }
        self.path_len += 1;
    }

    /// Reads a value no rule reads: the node has the value's true range but no content (an empty
    /// container or string, a null for a number). A valid subtree is passed over by [`Self::skip_fast`];
    /// anything else is read again by the full reader without building, so that every syntax error
    /// is reported exactly as it would be there.
    fn skipped_value(&mut self) -> Node {
        self.skip_ws();
        let start = self.pos;
        if let Some(end) = self.skip_fast(start) {
            let value = match self.bytes[start] {
                b'{' => Value::Object(Vec::new()),
                b'[' => Value::Array(Vec::new()),
                b'"' => Value::String("".into()),
                b't' => Value::Bool(true),
                b'f' => Value::Bool(false),
                _ => Value::Null,
            };
            self.pos = end;
            return Node::new(TextRange::new(start, end), value);
        }
        self.build = false;
        let node = self.value();
        self.build = true;
        node
    }

    /// The end of the valid JSON value at `start`, found by one pass over its bytes that checks the
    /// grammar without building anything: strings are crossed with `memchr`, and only structure,
    /// numbers and literals are looked at byte by byte. `None` when the value is not valid JSON or
    /// nests too deep (the caller then reads it with the full reader, which reports why).
    fn skip_fast(&mut self, start: usize) -> Option<usize> {
        let b = self.bytes;
        let mut stack = std::mem::take(&mut self.skip_stack);
        stack.clear();
        let end = skip_value(b, start, self.depth, &mut stack);
        self.skip_stack = stack;
        end
    }

    /// What follows a member or element: a comma and another one (`Next`), the closing bracket, now
    /// consumed (`Closed`), or an error, now reported (`Stop`): a trailing comma, the end of the file,
    /// or anything else.
    fn separator(&mut self, start: usize, close: u8, container: &str, item: &str) -> Separator {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&close) {
                    return Separator::Next;
                }
                self.fail(
                    SyntaxErrorKind::TrailingComma,
                    comma,
                    comma + 1,
                    "trailing comma is not allowed in JSON".into(),
                );
                if let Some(e) = self.errors.last_mut() {
                    e.help = Some("remove this comma".into());
                }
                Separator::Stop
            }
            Some(&b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Separator::Closed
            }
            None => {
                self.unclosed(start, char::from(close), container);
                Separator::Stop
            }
            Some(_) => {
                let found = self.describe_here();
                let end = self.token_end();
                let close = char::from(close);
                self.fail(
                    SyntaxErrorKind::Invalid,
                    self.pos,
                    end,
                    format!("expected `,` or `{close}` after {item}, found {found}"),
                );
                Separator::Stop
            }
        }
    }

    fn unclosed(&mut self, open: usize, close: char, what: &str) {
        let at = self.pos;
        self.fail(SyntaxErrorKind::UnexpectedEof, at, at, format!("unexpected end of file: {what} is never closed"));
        if let Some(e) = self.errors.last_mut() {
            e.secondary.push((TextRange::new(open, open + 1), format!("{what} opened here")));
            e.help = Some(format!("add the missing `{close}`"));
        }
    }

    fn array(&mut self) -> Node {
        let start = self.pos;
        if !self.enter(start) {
            return Node::new(TextRange::new(start, start + 1), Value::Array(Vec::new()));
        }
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            self.depth -= 1;
            items.shrink_to_fit();
            return Node::new(TextRange::new(start, self.pos), Value::Array(items));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos).is_none() {
                self.unclosed(start, ']', "array");
                break;
            }
            if self.build && self.skip.is_some() {
                self.push_path("[]");
                let v = self.value();
                self.path_len -= 1;
                items.push(v);
            } else {
                let v = self.value();
                if self.build {
                    items.push(v);
                }
            }
            if self.failed {
                break;
            }
            match self.separator(start, b']', "array", "array element") {
                Separator::Next => {}
                Separator::Closed => {
                    items.shrink_to_fit();
                    return Node::new(TextRange::new(start, self.pos), Value::Array(items));
                }
                Separator::Stop => break,
            }
        }
        self.depth -= 1;
        Node::new(TextRange::new(start, self.pos), Value::Array(items))
    }
}

/// See [`Parser::separator`].
enum Separator {
    Next,
    Closed,
    Stop,
}

/// See [`Parser::skip_fast`]. `depth` is the nesting depth at `start`; `stack` is empty scratch space.
fn skip_value(b: &[u8], start: usize, depth: usize, stack: &mut Vec<u8>) -> Option<usize> {
    let mut i = start;
    'value: loop {
        // A value starts at `i` (after any whitespace).
        i = skip_blank(b, i);
        match *b.get(i)? {
            open @ (b'{' | b'[') => {
                if depth + stack.len() + 1 > MAX_DEPTH {
                    return None;
                }
                i = skip_blank(b, i + 1);
                let close = if open == b'{' { b'}' } else { b']' };
                if b.get(i) == Some(&close) {
                    i += 1;
                } else {
                    stack.push(open);
                    if open == b'{' {
                        i = skip_key(b, i)?;
                    }
                    continue 'value;
                }
            }
            b'"' => i = skip_string(b, i)?,
            b't' => i = skip_word(b, i, b"true")?,
            b'f' => i = skip_word(b, i, b"false")?,
            b'n' => i = skip_word(b, i, b"null")?,
            b'-' | b'0'..=b'9' => i = skip_number(b, i)?,
            _ => return None,
        }
        // After a value: a separator, or the end of one or more containers.
        loop {
            let Some(&open) = stack.last() else { return Some(i) };
            i = skip_blank(b, i);
            let close = if open == b'{' { b'}' } else { b']' };
            match *b.get(i)? {
                b',' => {
                    i = skip_blank(b, i + 1);
                    if b.get(i) == Some(&close) {
                        return None;
                    }
                    if open == b'{' {
                        i = skip_key(b, i)?;
                    }
                    continue 'value;
                }
                c if c == close => {
                    stack.pop();
                    i += 1;
                }
                _ => return None,
            }
        }
    }
}

fn skip_blank(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// A key and its colon, at `i`; returns where its value may start.
fn skip_key(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let i = skip_blank(b, skip_string(b, i)?);
    (b.get(i) == Some(&b':')).then_some(i + 1)
}

/// The end of the valid string whose opening quote is at `i`.
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut at = i + 1;
    loop {
        let stop = at + memchr::memchr2(b'"', b'\\', b.get(at..)?)?;
        // No control character may stand raw in a string (checked over the run without branching).
        if b[at..stop].iter().fold(false, |bad, &c| bad | (c < 0x20)) {
            return None;
        }
        if b[stop] == b'"' {
            return Some(stop + 1);
        }
        at = match *b.get(stop + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => stop + 2,
            b'u' if b.get(stop + 2..stop + 6)?.iter().all(u8::is_ascii_hexdigit) => stop + 6,
            _ => return None,
        };
    }
}

fn skip_word(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    b.get(i..)?.starts_with(word).then_some(i + word.len())
}

/// The end of the number at `i`, by the grammar [`Parser::number`] accepts.
fn skip_number(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |b: &[u8], mut i: usize| {
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        i
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match *b.get(i)? {
        b'0' if matches!(b.get(i + 1), Some(b'0'..=b'9')) => return None,
        b'0' => i += 1,
        b'1'..=b'9' => i = digits(b, i),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        let s = i + 1;
        i = digits(b, s);
        if i == s {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let s = i;
        i = digits(b, s);
        if i == s {
            return None;
        }
    }
    Some(i)
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

    fn err(text: &str) -> SyntaxError {
        let out = parse(text, None);
        assert!(out.fatal, "expected an error for {text:?}");
        out.errors.into_iter().next().unwrap()
    }

    #[test]
    fn parses_values_with_ranges() {
        let text = r#"{"a": [1, -2.5e3, true, null], "b": "x\u00e9\ud83d\ude00"}"#;
        let out = parse(text, None);
        assert!(out.errors.is_empty());
        let root = out.root.unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.range.start as usize..a.range.end as usize], "[1, -2.5e3, true, null]");
        assert_eq!(root.get("b").unwrap().as_str(), Some("xé😀"));
        let key = &root.as_object().unwrap()[1].key_range;
        assert_eq!(&text[key.start as usize..key.end as usize], "\"b\"");
    }

    #[test]
    fn trailing_comma_points_at_comma() {
        let e = err("{\"a\": 1,\n}");
        assert_eq!(e.kind, SyntaxErrorKind::TrailingComma);
        assert_eq!(e.range, TextRange::new(7, 8));
    }

    #[test]
    fn unbalanced_brace_names_the_opener() {
        let e = err("{\"a\": {\"b\": 1}");
        assert_eq!(e.kind, SyntaxErrorKind::UnexpectedEof);
        assert_eq!(e.secondary[0].0, TextRange::new(0, 1));
    }

    #[test]
    fn extra_closing_brace_is_trailing_content() {
        // The shape of the malformed example in the elastic.io document.
        let e = err("{\"oauth2\": {}}, \"useOAuthClient\": true },");
        assert_eq!(e.range.start, 14);
        assert!(e.message.contains("after the end"), "{}", e.message);
    }

    #[test]
    fn missing_comma_between_members() {
        let e = err("{\"a\": 1\n \"b\": 2}");
        assert_eq!(e.range.start, 9);
    }

    #[test]
    fn duplicate_keys_are_reported_not_fatal() {
        let out = parse(r#"{"a": 1, "b": 2, "a": 3}"#, None);
        assert!(!out.fatal);
        assert_eq!(out.errors.len(), 1);
        assert_eq!(out.errors[0].kind, SyntaxErrorKind::DuplicateKey);
        assert_eq!(out.errors[0].range, TextRange::new(17, 20));
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let text = "[".repeat(100_000);
        let e = err(&text);
        assert_eq!(e.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(e.range.start as usize, MAX_DEPTH);
    }

    /// The fast pass over skipped subtrees accepts exactly what the full reader accepts, and ends
    /// where it ends (checked on a sample and on every one-byte edit of it).
    #[test]
    fn skip_scan_agrees_with_the_reader() {
        let sample =
            r#"{"a": [1, -2.5e3, 0, 1E+2, true, false, null, {}], "b": "x\u00e9\n\"q", "c": {"d": [[]], "e": ""}}"#;
        let agree = |text: &str| {
            let full = parse(text, None);
            let start = text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len();
            let fast = skip_value(text.as_bytes(), start, 0, &mut Vec::new());
            let trailing = fast.is_some_and(|end| !text[end..].trim_matches([' ', '\t', '\n', '\r']).is_empty());
            match (&full.root, full.fatal) {
                (Some(root), false) => assert_eq!(fast, Some(root.range.end as usize), "{text:?}"),
                _ => assert!(fast.is_none() || trailing, "{text:?} accepted up to {fast:?}"),
            }
        };
        agree(sample);
        let edits = ["", " ", "\"", "\\", ",", ":", "[", "]", "{", "}", "0", "-", ".", "e", "x", "\n", "\u{1}"];
        for i in 0..sample.len() {
            for e in edits {
                let replaced = format!("{}{e}{}", &sample[..i], &sample[i + 1..]);
                agree(&replaced);
                let inserted = format!("{}{e}{}", &sample[..i], &sample[i..]);
                agree(&inserted);
            }
        }
        for text in
            ["[01]", "[1.]", "[1e]", "[-]", "[tru]", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "\"\\x\"", "\"\\u12g4\""]
        {
            agree(text);
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(skip_value(deep.as_bytes(), 0, 0, &mut Vec::new()).is_none());
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert_eq!(skip_value(ok.as_bytes(), 0, 0, &mut Vec::new()), Some(ok.len()));
    }

    #[test]
    fn rejects_non_json() {
        assert!(err("{'a': 1}").message.contains("double-quoted"));
        assert!(err("[01]").message.contains("leading zeros"));
        assert!(err("// x\n{}").message.contains("comments"));
        assert!(err("[1 2]").message.contains("expected `,` or `]`"));
        assert!(err("\"a\nb\"").message.contains("line break"));
    }
}
