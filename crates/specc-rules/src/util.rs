//! Helpers shared by several rules: URL inspection and span arithmetic.

use specc_ir::{EndpointUrl, Span};

/// The span of the string's content without its surrounding quotes, when the source had quotes.
pub fn unquoted(span: Span, source: &str) -> Span {
    let b = source.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        Span { file: span.file, start: span.start + 1, end: span.end.saturating_sub(1) }
    } else {
        span
    }
}

/// Byte range of `needle` inside a string value written at `span` (quotes accounted for), when the
/// value was written without escapes.
pub fn sub_span(span: Span, source: &str, value: &str, start: usize, end: usize) -> Span {
    let inner = unquoted(span, source);
    if inner.len() == value.len() {
        Span { file: span.file, start: inner.start + start as u32, end: inner.start + end as u32 }
    } else {
        span
    }
}

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

/// Where the URL text itself sits, for narrow labels.
pub fn url_span(u: &EndpointUrl) -> Span {
    u.span
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
