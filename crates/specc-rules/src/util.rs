//! Helpers shared by several rules: URL inspection and span arithmetic.

use specc_diagnostics::Edit;
use specc_ir::Span;
use specc_syntax::{Document, Format};

/// The scheme of a URL-like string, lowercased (`http`, `https`), if it has one.
pub fn scheme(url: &str) -> Option<String> {
    let (s, _) = url.split_once("://")?;
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) {
        Some(s.to_ascii_lowercase())
    } else {
        None
    }
}

/// The host of an absolute URL string, lowercased, without brackets or port.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(stripped) = authority.strip_prefix('[') {
        stripped.split(']').next()?
    } else {
        authority.split(':').next()?
    };
    Some(host.to_ascii_lowercase())
}

/// True for loopback hosts (`localhost`, `127.x.x.x`, `::1`).
pub fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") || host == "::1"
}

/// True when the URL contains a template (`{{X}}`, `%%x%%`, `{var}`) that is filled in later.
pub fn is_template(url: &str) -> bool {
    url.contains("{{") || url.contains("%%") || (url.contains('{') && url.contains('}'))
}

/// The query parameters of a URL string as (name, byte range of `name=value` within the string).
pub fn query_params(url: &str) -> Vec<(String, usize, usize)> {
    let Some(q) = url.find('?') else { return Vec::new() };
    let end = url[q..].find('#').map_or(url.len(), |p| q + p);
    let mut out = Vec::new();
    let mut pos = q + 1;
    for part in url[q + 1..end].split('&') {
        let name = part.split('=').next().unwrap_or("");
        if !name.is_empty() {
            out.push((name.to_string(), pos, pos + part.len()));
        }
        pos += part.len() + 1;
    }
    out
}

/// A JSON string literal for `s`; also a valid YAML double-quoted scalar.
pub fn json_quote(s: &str) -> String {
    let mut out = String::new();
    specc_syntax::write_json_string(s, &mut out);
    out
}

/// A mapping key as it should be written in `format`: always quoted in JSON, plain in YAML when safe.
pub fn key_text(format: Format, key: &str) -> String {
    let plain = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'))
        && !key.starts_with(['-', '.']);
    if format == Format::Yaml && plain {
        key.to_string()
    } else {
        json_quote(key)
    }
}

fn line_start(text: &str, pos: usize) -> usize {
    text.get(..pos).and_then(|t| t.rfind('\n')).map_or(0, |p| p + 1)
}

/// The indentation before `pos` when only whitespace precedes it on its line.
fn indent_before(text: &str, pos: usize) -> Option<&str> {
    let ls = line_start(text, pos);
    let prefix = text.get(ls..pos)?;
    prefix.bytes().all(|b| b == b' ' || b == b'\t').then_some(prefix)
}

/// An edit that deletes one `key: value` member of an object, keeping the object well-formed.
/// `prev` and `next` are the member spans of its neighbours in the same object, if any.
pub fn delete_member(doc: &Document, member: Span, prev: Option<Span>, next: Option<Span>) -> Option<Edit> {
    let text = doc.text.as_str();
    let (start, end) = (member.start as usize, member.end as usize);
    if end > text.len() || start > end {
        return None;
    }
    let block_yaml = doc.format == Format::Yaml && indent_before(text, start).is_some();
    let (from, to) = if block_yaml {
        let from = line_start(text, start);
        let to =
            if text[..end].ends_with('\n') { end } else { text[end..].find('\n').map_or(text.len(), |p| end + p + 1) };
        (from, to)
    } else if let Some(n) = next {
        (start, n.start as usize)
    } else if let Some(p) = prev {
        (p.end as usize, end)
    } else {
        (start, end)
    };
    Some(Edit { span: Span::new(member.file, from, to), replacement: String::new() })
}

/// An edit that adds `key: value_text` to an object, before its first member (or into an empty `{}`).
/// `value_text` must be valid in both JSON and YAML flow style (`{}`, `""`, `[]`).
pub fn insert_member(doc: &Document, object: Span, first: Option<Span>, key: &str, value_text: &str) -> Option<Edit> {
    let text = doc.text.as_str();
    let key = key_text(doc.format, key);
    match first {
        Some(first) => {
            let at = first.start as usize;
            // A YAML file may write an object in flow style (`{ ... }`, JSON-like): members there are
            // separated by commas as in JSON, whatever the file's format.
            let flow = text.get(object.start as usize..).is_some_and(|t| t.starts_with('{'));
            let replacement = match (flow, doc.format, indent_before(text, at)) {
                (false, Format::Yaml, Some(indent)) => format!("{key}: {value_text}\n{indent}"),
                (_, _, Some(indent)) => format!("{key}: {value_text},\n{indent}"),
                _ => format!("{key}: {value_text}, "),
            };
            Some(Edit { span: Span::new(object.file, at, at), replacement })
        }
        None => {
            let inner = text.get(object.start as usize..object.end as usize)?;
            let body = inner.strip_prefix('{')?.strip_suffix('}')?;
            body.trim().is_empty().then(|| Edit { span: object, replacement: format!("{{{key}: {value_text}}}") })
        }
    }
}

/// The first character of `token` that RFC 6749 §3.3 does not allow in a scope-token
/// (`scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`), with its byte offset.
pub fn invalid_scope_char(token: &str) -> Option<(usize, char)> {
    token.char_indices().find(|(_, c)| !matches!(*c as u32, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

/// How to name a character in a message.
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' | '\r' => "a line break".into(),
        '"' => "a double quote".into(),
        '\\' => "a backslash".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c if !c.is_ascii() => format!("the non-ASCII character `{c}`"),
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_insert_into_a_flow_mapping_of_a_yaml_file() {
        // Found by the `migrate` fuzz target: JSON text in a `.yaml` file.
        let text = "{\n  \"flow\": {\n    \"tokenUrl\": \"https://a.example.com/t\"\n  }\n}\n";
        let doc = Document::parse(specc_syntax::FileId(0), "api.yaml", text.as_bytes());
        let obj = doc.lookup("/flow").expect("object");
        let first = obj.as_object().and_then(|m| m.first()).map(|m| doc.span(m.key_range));
        let edit = insert_member(&doc, doc.span(obj.range), first, "scopes", "{}").expect("edit");
        let mut fixed = text.to_string();
        fixed.insert_str(edit.span.start as usize, &edit.replacement);
        let re = Document::parse(specc_syntax::FileId(0), "api.yaml", fixed.as_bytes());
        assert!(!re.fatal, "{fixed}");
        assert!(re.lookup("/flow/scopes").is_some(), "{fixed}");
    }

    #[test]
    fn url_parts() {
        assert_eq!(scheme("HTTP://x.com/a").as_deref(), Some("http"));
        assert_eq!(scheme("/relative"), None);
        assert_eq!(host("https://user@[::1]:8080/x").as_deref(), Some("::1"));
        assert_eq!(host("https://Example.com:443?x").as_deref(), Some("example.com"));
        assert!(is_loopback("127.0.0.1"));
        let q = query_params("https://x/a?client_id=1&scope=a%20b#f");
        assert_eq!(q.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["client_id", "scope"]);
        assert_eq!(&"https://x/a?client_id=1&scope=a%20b#f"[q[1].1..q[1].2], "scope=a%20b");
    }
}
