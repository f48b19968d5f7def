//! Keeping credentials out of `specc probe`'s output.
//!
//! Everything `probe` prints (steps, request logs, diagnostics, the JSON report) goes through
//! [`Redactor::redact`]. It removes two kinds of value:
//!
//! - values it was told about: the client secret, secrets found in the checked files, authorization
//!   codes, PKCE verifiers and every token the server returned, as soon as `probe` sees them;
//! - values of parameters that are credentials by name (`code`, `access_token`, `client_secret`...),
//!   in query strings, form bodies and JSON bodies, even before `probe` has registered them (an
//!   error body that echoes a token it did not parse, say).
//!
//! This is the one place that decides what `probe` masks, so the project's shared redaction layer can
//! take it over by replacing this function.

use std::sync::{Arc, Mutex};

/// What a redacted value is replaced with.
pub const REDACTED: &str = "<redacted>";

/// Parameter and JSON member names whose values are credentials.
pub const SENSITIVE_NAMES: &[&str] = &[
    "code",
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "code_verifier",
    "password",
    "assertion",
    "client_assertion",
    "device_code",
    "token",
];

/// The set of known secret values; cheap to clone and share between the HTTP layer and the report.
#[derive(Clone, Default)]
pub struct Redactor {
    values: Arc<Mutex<Vec<String>>>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} values)", self.values.lock().map(|v| v.len()).unwrap_or(0))
    }
}

impl Redactor {
    pub fn new() -> Self {
        Redactor::default()
    }

    /// Registers a value that must never be printed. Values shorter than four characters are not
    /// searched for (they would mask ordinary words); parameters by name still catch them.
    pub fn add(&self, value: &str) {
        let value = value.trim();
        if value.len() < 4 {
            return;
        }
        if let Ok(mut v) = self.values.lock() {
            if !v.iter().any(|x| x == value) {
                v.push(value.to_string());
                // Longest first, so a value containing another is replaced whole.
                v.sort_by_key(|s| std::cmp::Reverse(s.len()));
            }
        }
    }

    /// `text` with every known secret, every credential parameter value and every `Authorization`
    /// header value replaced by [`REDACTED`].
    pub fn redact(&self, text: &str) -> String {
        let mut t = text.to_string();
        if let Ok(values) = self.values.lock() {
            for v in values.iter() {
                if t.contains(v.as_str()) {
                    t = t.replace(v.as_str(), REDACTED);
                }
                // Also in the percent-encoded form a URL or form body carries.
                let enc: String = url::form_urlencoded::byte_serialize(v.as_bytes()).collect();
                if enc != *v && t.contains(enc.as_str()) {
                    t = t.replace(enc.as_str(), REDACTED);
                }
            }
        }
        redact_by_name(&t)
    }
}

/// Masks `name=value` pairs (query strings, form bodies), `"name": "value"` members (JSON) and
/// `Authorization: scheme value` headers whose name is in [`SENSITIVE_NAMES`].
fn redact_by_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        // `name=value` after a separator (or at the start).
        let at_boundary = i == 0 || matches!(bytes[i - 1], b'?' | b'&' | b' ' | b'(' | b',' | b'\n' | b'#');
        if at_boundary {
            if let Some(n) = SENSITIVE_NAMES.iter().find(|n| rest.starts_with(&format!("{n}="))) {
                out.push_str(n);
                out.push('=');
                let start = i + n.len() + 1;
                let end = text[start..].find(['&', ' ', ',', ')', '\n', '"', '#']).map_or(text.len(), |e| start + e);
                if end > start && &text[start..end] != REDACTED {
                    out.push_str(REDACTED);
                } else {
                    out.push_str(&text[start..end]);
                }
                i = end;
                continue;
            }
        }
        // `"name": "value"` in JSON.
        if rest.starts_with('"') {
            if let Some(n) = SENSITIVE_NAMES.iter().find(|n| rest[1..].starts_with(&format!("{n}\""))) {
                let after_key = i + n.len() + 2;
                let tail = &text[after_key..];
                let ws = tail.len() - tail.trim_start().len();
                let tail2 = tail.trim_start();
                if let Some(t3) = tail2.strip_prefix(':') {
                    let ws2 = t3.len() - t3.trim_start().len();
                    let vstart = after_key + ws + 1 + ws2;
                    if text[vstart..].starts_with('"') {
                        if let Some(close) = find_string_end(&text[vstart + 1..]) {
                            out.push_str(&text[i..vstart]);
                            out.push('"');
                            out.push_str(REDACTED);
                            out.push('"');
                            i = vstart + 1 + close + 1;
                            continue;
                        }
                    }
                }
            }
        }
        // `Authorization: Basic xxx` / `Bearer xxx`.
        if rest.get(..14).is_some_and(|p| p.eq_ignore_ascii_case("authorization:")) {
            let line_end = rest.find('\n').map_or(text.len(), |e| i + e);
            out.push_str("authorization: ");
            let value = text[i + 14..line_end].trim();
            let scheme = value.split_whitespace().next().unwrap_or("");
            if !scheme.is_empty() && value.len() > scheme.len() {
                out.push_str(scheme);
                out.push(' ');
            }
            out.push_str(REDACTED);
            i = line_end;
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Byte offset of the closing quote of a JSON string body (after the opening quote).
fn find_string_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_their_encodings_are_masked() {
        let r = Redactor::new();
        r.add("s3cr3t/value+x");
        let t = r.redact("secret s3cr3t/value+x or s3cr3t%2Fvalue%2Bx");
        assert!(!t.contains("s3cr3t"), "{t}");
    }

    #[test]
    fn credential_parameters_are_masked_by_name() {
        let r = Redactor::new();
        let t = r.redact("GET http://h/cb?code=abc123&state=xyz&iss=http%3A%2F%2Fh");
        assert_eq!(t, "GET http://h/cb?code=<redacted>&state=xyz&iss=http%3A%2F%2Fh");
        let t = r.redact(r#"{"access_token":"tok\"en","token_type":"Bearer","refresh_token" : "rt"}"#);
        assert_eq!(t, r#"{"access_token":"<redacted>","token_type":"Bearer","refresh_token" : "<redacted>"}"#);
        let t = r.redact("grant_type=refresh_token&refresh_token=zz&client_secret=q");
        assert_eq!(t, "grant_type=refresh_token&refresh_token=<redacted>&client_secret=<redacted>");
        let t = r.redact("authorization: Basic dXNlcjpwYXNz\nx");
        assert_eq!(t, "authorization: Basic <redacted>\nx");
    }

    #[test]
    fn ordinary_text_is_kept() {
        let r = Redactor::new();
        assert_eq!(r.redact("sign in (→ http://h/x) é"), "sign in (→ http://h/x) é");
        r.add("ab");
        let t = r.redact("the code_challenge=xyz and abcode=1 stay; error=invalid_grant");
        assert_eq!(t, "the code_challenge=xyz and abcode=1 stay; error=invalid_grant");
    }
}
