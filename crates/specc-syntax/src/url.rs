//! URLs as written in a file: the one place specc splits a URL into its parts.
//!
//! [`SourceUrl`] splits the text of a URL-valued field into scheme, authority, host, path, query and
//! fragment as byte ranges of that text, so that a finding can point at exactly the part it is about
//! ([`SourceUrl::span_of`]). It reads what real configuration files hold and the `url` crate refuses:
//! relative references (`/oauth/token`), and templates (`https://{{TENANT}}.example.com`,
//! `%%redirect_uri%%`, OpenAPI's `{region}`), whose placeholders are never split. Where the text is an
//! absolute URL the `url` crate accepts, [`SourceUrl::parsed`] gives that parse too. Nothing here
//! panics, whatever the text.

use std::ops::Range;

use specc_diagnostics::Span;

use crate::text::string_part_span;

/// A URL as written, split into parts by byte range.
#[derive(Debug, Clone)]
pub struct SourceUrl<'a> {
    text: &'a str,
    scheme: Option<Range<usize>>,
    authority: Option<Range<usize>>,
    host: Option<Range<usize>>,
    path: Range<usize>,
    query: Option<Range<usize>>,
    fragment: Option<Range<usize>>,
}

/// One `name=value` of a query string, by byte range in the URL's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam<'a> {
    /// The name as written (not decoded).
    pub name: &'a str,
    /// The value as written (not decoded; empty when there is no `=`).
    pub value: &'a str,
    /// `name=value` (or `name` alone).
    pub range: Range<usize>,
    /// Where the value is (empty, at the end of `range`, when there is none).
    pub value_range: Range<usize>,
}

impl<'a> SourceUrl<'a> {
    pub fn new(text: &'a str) -> Self {
        let len = text.len();
        // `scheme://` (RFC 3986 scheme characters), else a relative reference.
        let scheme_end = text.find("://").filter(|&p| {
            let s = &text[..p];
            !s.is_empty()
                && s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        });
        let after_scheme = scheme_end.map_or(0, |p| p + 3);
        let (authority, rest) = match scheme_end {
            Some(_) => {
                let end = find_outside_placeholders(text, after_scheme, &['/', '?', '#']).unwrap_or(len);
                (Some(after_scheme..end), end)
            }
            None if text.starts_with("//") => {
                let end = find_outside_placeholders(text, 2, &['/', '?', '#']).unwrap_or(len);
                (Some(2..end), end)
            }
            None => (None, 0),
        };
        let host = authority.clone().map(|a| host_of(text, a));
        let fragment_at = find_outside_placeholders(text, rest, &['#']);
        let before_fragment = fragment_at.unwrap_or(len);
        let query_at = find_outside_placeholders(text, rest, &['?']).filter(|&q| q < before_fragment);
        let path = rest..query_at.unwrap_or(before_fragment);
        SourceUrl {
            text,
            scheme: scheme_end.map(|p| 0..p),
            authority,
            host,
            path,
            query: query_at.map(|q| q + 1..before_fragment),
            fragment: fragment_at.map(|f| f + 1..len),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    fn part(&self, range: &Option<Range<usize>>) -> Option<&'a str> {
        range.clone().and_then(|r| self.text.get(r))
    }

    /// The scheme as written (`https`, `HTTP`), when the URL has `scheme://`.
    pub fn scheme(&self) -> Option<&'a str> {
        self.part(&self.scheme)
    }

    /// Whether the scheme is `scheme` (ASCII case ignored, as RFC 3986 §3.1 compares schemes).
    pub fn has_scheme(&self, scheme: &str) -> bool {
        self.scheme().is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    }

    /// The host, lowercased, for comparing (hosts are case-insensitive).
    pub fn host_lowercase(&self) -> Option<String> {
        self.host().map(str::to_ascii_lowercase)
    }

    /// Whether the URL has a scheme (`scheme://…`); relative references do not.
    pub fn is_absolute(&self) -> bool {
        self.scheme.is_some()
    }

    /// `user@host:port`, as written.
    pub fn authority(&self) -> Option<&'a str> {
        self.part(&self.authority)
    }

    /// The host as written, without user information, port or IPv6 brackets.
    pub fn host(&self) -> Option<&'a str> {
        self.part(&self.host)
    }

    /// The path as written (empty when there is none).
    pub fn path(&self) -> &'a str {
        self.text.get(self.path.clone()).unwrap_or("")
    }

    /// The query after `?`, before any `#`.
    pub fn query(&self) -> Option<&'a str> {
        self.part(&self.query)
    }

    /// The fragment after `#`.
    pub fn fragment(&self) -> Option<&'a str> {
        self.part(&self.fragment)
    }

    pub fn scheme_range(&self) -> Option<Range<usize>> {
        self.scheme.clone()
    }

    pub fn authority_range(&self) -> Option<Range<usize>> {
        self.authority.clone()
    }

    pub fn host_range(&self) -> Option<Range<usize>> {
        self.host.clone()
    }

    pub fn path_range(&self) -> Range<usize> {
        self.path.clone()
    }

    pub fn query_range(&self) -> Option<Range<usize>> {
        self.query.clone()
    }

    /// The `#` and everything after it.
    pub fn fragment_range(&self) -> Option<Range<usize>> {
        self.fragment.clone().map(|f| f.start - 1..f.end)
    }

    /// The query's parameters in order (empty names left out).
    pub fn query_params(&self) -> Vec<QueryParam<'a>> {
        let Some(q) = self.query.clone() else { return Vec::new() };
        let mut out = Vec::new();
        let mut pos = q.start;
        while pos <= q.end {
            let end = find_outside_placeholders(self.text, pos, &['&']).filter(|&e| e < q.end).unwrap_or(q.end);
            let part = self.text.get(pos..end).unwrap_or("");
            let name_end = part.find('=').map_or(end, |p| pos + p);
            let name = self.text.get(pos..name_end).unwrap_or("");
            if !name.is_empty() {
                let value_range = (name_end + 1).min(end)..end;
                let value = self.text.get(value_range.clone()).unwrap_or("");
                out.push(QueryParam { name, value, range: pos..end, value_range });
            }
            pos = end + 1;
        }
        out
    }

    /// The first query parameter named `name` (ASCII case ignored).
    pub fn query_param(&self, name: &str) -> Option<QueryParam<'a>> {
        self.query_params().into_iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// What to write before a parameter appended to the end of the URL: `?` when it has no query,
    /// nothing when it ends with `?` or `&`, else `&`.
    pub fn query_separator(&self) -> &'static str {
        if self.query.is_none() {
            "?"
        } else if self.text.ends_with(['?', '&']) {
            ""
        } else {
            "&"
        }
    }

    /// The `url` crate's parse, for an absolute URL it accepts.
    pub fn parsed(&self) -> Option<url::Url> {
        self.scheme.as_ref()?;
        self.parse().ok()
    }

    /// The `url` crate's parse of the whole text, whatever its form (`mailto:x` parses; a relative
    /// reference is an error), with the error that says why not.
    pub fn parse(&self) -> Result<url::Url, url::ParseError> {
        url::Url::parse(self.text)
    }

    /// Where bytes `range` of the URL sit in the file, the URL being the string value that the file
    /// spells at `at` as `source` (escapes followed; see [`string_part_span`]).
    pub fn span_of(&self, at: Span, source: &str, range: Range<usize>) -> Option<Span> {
        string_part_span(at, source, self.text, range)
    }
}

/// The host inside an authority range: after any `user@`, without `:port` or `[` `]`.
fn host_of(text: &str, authority: Range<usize>) -> Range<usize> {
    let a = text.get(authority.clone()).unwrap_or("");
    let start = authority.start + a.rfind('@').map_or(0, |p| p + 1);
    let rest = text.get(start..authority.end).unwrap_or("");
    if let Some(inner) = rest.strip_prefix('[') {
        let end = inner.find(']').unwrap_or(inner.len());
        return start + 1..start + 1 + end;
    }
    let end = find_outside_placeholders(text, start, &[':']).filter(|&e| e < authority.end).unwrap_or(authority.end);
    start..end
}

/// The first of `chars` at or after `from` that is not inside a placeholder (`{{…}}`, `%%…%%`,
/// `{…}`).
fn find_outside_placeholders(text: &str, from: usize, chars: &[char]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let rest = &text[i..];
        let skip = if rest.starts_with("{{") {
            rest.find("}}").map(|e| e + 2)
        } else if let Some(inner) = rest.strip_prefix("%%") {
            inner.find("%%").map(|e| e + 4)
        } else if rest.starts_with('{') {
            rest.find('}').map(|e| e + 1)
        } else {
            None
        };
        if let Some(n) = skip {
            i += n;
            continue;
        }
        let c = rest.chars().next()?;
        if chars.contains(&c) {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileId;

    #[test]
    fn absolute_urls_split_like_the_url_crate() {
        for text in [
            "https://user@Example.com:8443/a/b?x=1&y=2#frag",
            "http://[::1]:8080/cb",
            "https://login.example.com",
            "https://a.example.com/?",
            "custom.app:/callback",
        ] {
            let u = SourceUrl::new(text);
            let Some(parsed) = url::Url::parse(text).ok().filter(|_| u.is_absolute()) else { continue };
            assert_eq!(u.scheme().map(str::to_ascii_lowercase).as_deref(), Some(parsed.scheme()), "{text}");
            let host = u.host().map(str::to_ascii_lowercase);
            let want = parsed.host_str().map(|h| h.trim_matches(['[', ']']).to_string());
            assert_eq!(host, want, "{text}");
            assert_eq!(u.query(), parsed.query(), "{text}");
            assert_eq!(u.fragment(), parsed.fragment(), "{text}");
            assert!(u.parsed().is_some());
        }
    }

    #[test]
    fn relative_references_and_templates() {
        let u = SourceUrl::new("/oauth/token?x=1");
        assert!(!u.is_absolute() && u.host().is_none());
        assert_eq!((u.path(), u.query()), ("/oauth/token", Some("x=1")));
        let u = SourceUrl::new("https://{{tenant}}.example.com/{{path/with/slash}}?a={{q?}}#f");
        assert_eq!(u.host(), Some("{{tenant}}.example.com"));
        assert_eq!(u.path(), "/{{path/with/slash}}");
        assert_eq!(u.query_params()[0].name, "a");
        assert_eq!(u.fragment(), Some("f"));
        let u = SourceUrl::new("%%auth_url%%?client_id=%%app_key%%&redirect_uri=%%redirect_uri%%");
        assert_eq!(u.query_params().iter().map(|p| p.name).collect::<Vec<_>>(), ["client_id", "redirect_uri"]);
        let u = SourceUrl::new("https://{region}.api.example.com:{port}/v1");
        assert_eq!(u.host(), Some("{region}.api.example.com"));
        assert!(SourceUrl::new("{{UNCLOSED").parsed().is_none());
    }

    #[test]
    fn query_parameters_and_spans() {
        let text = "https://x/a?client_id=1&&scope=a%20b&flag#f";
        let u = SourceUrl::new(text);
        let q = u.query_params();
        assert_eq!(q.iter().map(|p| p.name).collect::<Vec<_>>(), ["client_id", "scope", "flag"]);
        assert_eq!(&text[q[1].range.clone()], "scope=a%20b");
        assert_eq!((q[1].value, &text[q[1].value_range.clone()]), ("a%20b", "a%20b"));
        assert_eq!((q[2].value, q[2].value_range.clone()), ("", text.len() - 2..text.len() - 2));
        assert_eq!(u.query_param("SCOPE").map(|p| p.name), Some("scope"));
        let source = format!("\"{text}\"");
        let at = Span::new(FileId(0), 10, 10 + source.len());
        let host = u.span_of(at, &source, u.host_range().unwrap_or(0..0)).expect("mapped");
        assert_eq!((host.start, host.end), (19, 20));
        assert_eq!(&text[u.fragment_range().unwrap_or(0..0)], "#f");
        let seps: Vec<&str> = ["https://a/x", "https://a/x?", "https://a/x?a=1&", "https://a/x?a=1", "%%auth_url%%"]
            .iter()
            .map(|t| SourceUrl::new(t).query_separator())
            .collect();
        assert_eq!(seps, ["?", "", "", "&", "?"]);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in
            ["", "://", "a://", "https://", "https://@", "https://[", "?", "#", "%%", "{{", "é://x", "h://é?é#é"]
        {
            let u = SourceUrl::new(text);
            let _ = (u.scheme(), u.host(), u.path(), u.query(), u.fragment(), u.query_params(), u.parsed());
        }
    }
}
