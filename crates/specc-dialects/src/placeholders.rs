//! Finding placeholders in strings: `{{NAME}}`, `%%name%%`. Offsets are byte offsets into the string.

/// One placeholder occurrence inside a string: its name and byte range (delimiters included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// `{{ NAME }}` occurrences (whitespace inside the braces is trimmed from the name).
pub fn mustache(s: &str) -> Vec<Occurrence> {
    delimited(s, "{{", "}}")
}

/// `%%name%%` occurrences.
pub fn percent(s: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = s[i..].find("%%").map(|p| p + i) {
        let body = open + 2;
        let Some(close) = s[body..].find("%%").map(|p| p + body) else { break };
        let name = &s[body..close];
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.') {
            out.push(Occurrence { name: name.to_string(), start: open, end: close + 2 });
            i = close + 2;
        } else {
            i = open + 2;
        }
    }
    out
}

fn delimited(s: &str, open_d: &str, close_d: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = s[i..].find(open_d).map(|p| p + i) {
        let body = open + open_d.len();
        let Some(close) = s[body..].find(close_d).map(|p| p + body) else { break };
        out.push(Occurrence { name: s[body..close].trim().to_string(), start: open, end: close + close_d.len() });
        i = close + close_d.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_both_kinds() {
        let m = mustache("a{{ OAUTH_CLIENT_ID }}b{{x}}");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].name, "OAUTH_CLIENT_ID");
        assert_eq!((m[0].start, m[0].end), (1, 22));
        let p = percent("https://x/auth?client_id=%%app_key%%&r=%%redirect_uri%%&p=100%");
        assert_eq!(p.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), ["app_key", "redirect_uri"]);
    }
}
