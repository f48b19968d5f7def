//! JSON Pointers (RFC 6901) over the spanned tree, in both directions.

use crate::tree::{Node, TextRange, Value};

/// Escapes one reference token: `~` → `~0`, `/` → `~1`.
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Splits a pointer into unescaped tokens; `None` when it does not start with `/` (and is not empty).
pub fn parse_pointer(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect())
}

pub(crate) fn lookup<'a>(root: &'a Node, pointer: &str) -> Option<&'a Node> {
    let tokens = parse_pointer(pointer)?;
    let mut node = root;
    for t in &tokens {
        node = match &node.value {
            Value::Object(members) => &members.iter().find(|m| &*m.key == t.as_str())?.value,
            Value::Array(items) => {
                if t.len() > 1 && t.starts_with('0') {
                    return None;
                }
                items.get(t.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(node)
}

pub(crate) fn pointer_at(root: &Node, offset: u32) -> String {
    let mut out = String::new();
    let mut node = root;
    'descend: loop {
        match &node.value {
            Value::Object(members) => {
                for m in members {
                    if m.key_range.contains(offset) || m.value.range.contains(offset) {
                        out.push('/');
                        out.push_str(&escape_pointer_token(&m.key));
                        if m.key_range.contains(offset) {
                            return out;
                        }
                        node = &m.value;
                        continue 'descend;
                    }
                }
                return out;
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.range.contains(offset) {
                        out.push('/');
                        out.push_str(&i.to_string());
                        node = item;
                        continue 'descend;
                    }
                }
                return out;
            }
            _ => return out,
        }
    }
}

pub(crate) fn pointer_of_range(root: &Node, range: TextRange) -> String {
    let mut out = String::new();
    let mut node = root;
    'descend: loop {
        if node.range == range {
            return out;
        }
        match &node.value {
            Value::Object(members) => {
                // Keys are in source order and a value lies between its key and the next key (an
                // alias's copy sits at its `*name`), so only the last member whose key starts at or
                // before `range` and the ones starting inside it can hold it: found by binary search,
                // a finding in a 10,000-member object does not scan it.
                let first = members.partition_point(|m| m.key_range.start <= range.start).saturating_sub(1);
                for m in members[first..].iter().take_while(|m| m.key_range.start <= range.end) {
                    if m.key_range == range {
                        out.push('/');
                        out.push_str(&escape_pointer_token(&m.key));
                        return out;
                    }
                    if m.value.range.contains_range(range) && m.value.range.start != m.value.range.end {
                        out.push('/');
                        out.push_str(&escape_pointer_token(&m.key));
                        node = &m.value;
                        continue 'descend;
                    }
                }
                return out;
            }
            Value::Array(items) => {
                let first = items.partition_point(|item| item.range.start <= range.start).saturating_sub(1);
                let candidates = items.iter().enumerate().skip(first);
                for (i, item) in candidates.take_while(|(_, item)| item.range.start <= range.end) {
                    if item.range.contains_range(range) && item.range.start != item.range.end {
                        out.push('/');
                        out.push_str(&i.to_string());
                        node = item;
                        continue 'descend;
                    }
                }
                return out;
            }
            _ => return out,
        }
    }
}
