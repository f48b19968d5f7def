//! Helpers shared by several rules: URL inspection and scope characters.

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
