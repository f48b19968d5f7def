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

/// Words that, alone or dashed (`your-client-secret`, `<api_token>`), name a value instead of being one.
const PLACEHOLDER_WORDS: [&str; 21] = [
    "dummy",
    "placeholder",
    "changeme",
    "change_me",
    "redacted",
    "secret",
    "password",
    "token",
    "example",
    "sample",
    "test",
    "fake",
    "todo",
    "tbd",
    "none",
    "null",
    "foo",
    "bar",
    "xxx",
    "value",
    "your",
];

/// Whether a value written where a secret goes is an obvious placeholder or a reference, not a
/// secret: empty; one character repeated (`xxxx`, `****`, `...`); `<anything>`; a reference
/// (`{{VAR}}`, `${VAR}`, `%%x%%`, `%env(X)%`); words such as `dummy`, `changeme`, `your-client-secret`
/// made only of [`PLACEHOLDER_WORDS`] and the names of what belongs there; or a JSON object or array
/// whose every string value is such a placeholder (`{"access_token": "xxx"}`). Platform ciphertext
/// (`KBC::ProjectSecure::…`) is not a placeholder; callers that accept it test for it themselves.
pub fn is_placeholder_value(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return true;
    }
    let reference = (t.starts_with("{{") && t.ends_with("}}"))
        || (t.starts_with('[')
            && t.ends_with(']')
            && t[1..t.len() - 1].bytes().all(|b| b.is_ascii_alphabetic() || b == b' '))
        || (t.starts_with("${") && t.ends_with('}'))
        || (t.starts_with("%%") && t.ends_with("%%") && t.len() > 4)
        || (t.starts_with("%env(") && t.ends_with(")%"))
        || (t.starts_with('<') && t.ends_with('>'));
    if reference {
        return true;
    }
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.all(|c| c == first) && !first.is_ascii_digit() && (t.chars().count() >= 3 || !first.is_alphanumeric()) {
        return true;
    }
    if (t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']')) {
        return json_of_placeholders(t);
    }
    let words = words_of(t);
    if words.is_empty() {
        return true;
    }
    // A word that says the value is not real (`FAKE_ACCESS_TOKEN_FOR_VCR_REPLAY`, `invalidToken`,
    // `[hidden]`), or one wrapped in x's (`XXTOKENXX`), settles it.
    if words.iter().any(|w| MARKERS.contains(&w.as_str()) || (w.len() > 4 && w.starts_with("xx") && w.ends_with("xx")))
    {
        return true;
    }
    #[rustfmt::skip]
    const NAMES: [&str; 22] = [
        "client", "id", "api", "key", "access", "refresh", "app", "application", "here", "auth", "oauth", "my", "user",
        "top", "some", "i", "am", "are", "so", "is", "a", "the",
    ];
    // A few stray letters (`CiN` in `123qwe-CiN`) are filler; many short pieces are a random string.
    let short_chars: usize = words.iter().filter(|w| w.len() <= 2).map(|w| w.len()).sum();
    let filler = |w: &str| {
        PLACEHOLDER_WORDS.contains(&w)
            || NAMES.contains(&w)
            || ABBREVIATIONS.contains(&w)
            || (w.len() >= 3 && w.bytes().all(|b| b == b'x'))
            || is_run(w)
            || (w.len() <= 2 && short_chars <= 3)
    };
    let evidence = |w: &str| {
        PLACEHOLDER_WORDS.contains(&w)
            || ABBREVIATIONS.contains(&w)
            || (w.len() >= 3 && w.bytes().all(|b| b == b'x'))
            || (w.len() >= 4 && is_run(w))
            || (w.len() >= 3 && is_keyboard(w))
    };
    words.iter().all(|w| filler(w)) && words.iter().any(|w| evidence(w))
}

/// Words that mark a whole value as not real, whatever else it says.
const MARKERS: [&str; 9] =
    ["fake", "dummy", "invalid", "sample", "example", "placeholder", "redacted", "changeme", "hidden"];

/// The rows of a keyboard, the digit row first (`1234567890`: 0 follows 9 there, not 1).
const KEYBOARD_ROWS: [&str; 4] = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// A stretch of a keyboard row (`qwe`, `asdf`, `67890`).
fn is_keyboard(w: &str) -> bool {
    KEYBOARD_ROWS.iter().any(|row| row.contains(w))
}

/// Abbreviations of placeholder words (`clScrt`, `pwd`).
const ABBREVIATIONS: [&str; 7] = ["scrt", "sec", "pwd", "pass", "tok", "tkn", "cl"];

/// Lower-case words of a value, split at non-alphanumerics, lower-to-upper case changes and
/// letter/digit boundaries: `clientSecret5678ghjk` → `client`, `secret`, `5678`, `ghjk`.
fn words_of(t: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in t.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev = None;
            continue;
        }
        let split = prev.is_some_and(|p| {
            (p.is_ascii_lowercase() && c.is_ascii_uppercase()) || (p.is_ascii_digit() != c.is_ascii_digit())
        });
        if split && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
        prev = Some(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// An ascending run (`1234`, `abcd`, `567`, `ef`) or a stretch of a keyboard row (`ghjk`, `qwerty`).
fn is_run(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 2 {
        return false;
    }
    let ascending = b.windows(2).all(|p| p[1] == p[0].wrapping_add(1));
    let keyboard = b.len() >= 3 && KEYBOARD_ROWS.iter().any(|row| row.contains(w));
    ascending || keyboard
}

/// A JSON object or array whose credential values (members named like `access_token`, `secret`,
/// `password`, `key`, `code`) are all placeholders; other members (`status`, `token_type`) are not
/// secrets and are not judged. Without any credential member, every string must be a placeholder.
fn json_of_placeholders(t: &str) -> bool {
    let doc = specc_syntax::Document::parse_str(specc_syntax::FileId(0), "value.json", t, specc_syntax::Format::Json);
    let credential_key = |k: &str| {
        let k = k.to_ascii_lowercase();
        ["token", "secret", "password", "key", "code", "signature"].iter().any(|w| k.contains(w)) && k != "token_type"
    };
    if !doc.diagnostics.is_empty() {
        // Not quite JSON (`[SECRET_VALUE]` unquoted): judge the `"key": "value"` pairs it does hold.
        let quoted: Vec<&str> = t.split('"').collect();
        let mut credentials = 0;
        for i in (1..quoted.len().saturating_sub(2)).step_by(2) {
            let (key, between, value) = (quoted[i], quoted[i + 1], quoted.get(i + 2).copied().unwrap_or(""));
            if between.trim() == ":" && credential_key(key) {
                if !is_placeholder_value(value) {
                    return false;
                }
                credentials += 1;
            }
        }
        return credentials > 0;
    }
    let Some(root) = &doc.root else { return false };
    let (mut credentials, mut others) = (Vec::new(), Vec::new());
    let mut stack: Vec<(bool, &specc_syntax::Node)> = vec![(false, root)];
    while let Some((under_credential, n)) = stack.pop() {
        match &n.value {
            specc_syntax::Value::String(v) if under_credential => credentials.push(v),
            specc_syntax::Value::String(v) => others.push(v),
            specc_syntax::Value::Array(items) => stack.extend(items.iter().map(|i| (under_credential, i))),
            specc_syntax::Value::Object(members) => {
                stack.extend(members.iter().map(|m| (under_credential || credential_key(&m.key), &m.value)))
            }
            _ => {}
        }
    }
    if credentials.is_empty() {
        return !others.is_empty() && others.iter().all(|v| is_placeholder_value(v));
    }
    credentials.iter().all(|v| is_placeholder_value(v))
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

    #[test]
    fn placeholder_values() {
        for p in [
            "",
            "  ",
            "xxx",
            "XXXXXXXX",
            "***",
            "...",
            "-",
            "<token>",
            "<your client secret>",
            "dummy",
            "Dummy-Secret",
            "changeme",
            "your-client-secret",
            "YOUR_API_KEY",
            "{{CLIENT_SECRET}}",
            "${SECRET}",
            "%%client_secret%%",
            "%env(SECRET)%",
            "{\"access_token\":\"xxx\"}",
            "{\"a\": {\"refresh_token\": \"***\"}, \"b\": [\"<t>\"]}",
            "test-token",
            "my_secret",
            "someApplicationSecretKey",
            "1234567890",
            "{\"access_token\":\"1234567890\",\"token_type\":\"Bearer\",\"refresh_token\":\"12345\"}",
        ] {
            assert!(is_placeholder_value(p), "{p:?} is a placeholder");
        }
        for s in [
            "s3cr3t-Value-91",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "{\"access_token\":\"ya29.a0AfH6SMB\"}",
            "{}",
            "KBC::ProjectSecure::eJwBAAA",
            "0000",
            "applicationSecret7Hq2",
            "secretsauce42",
            "Tr0ub4dor&3",
            "8f14e45fceea167a5a36dedd4bea2543",
            "clientSecret-9f2Kq",
            "{\"status\": \"ok\", \"refresh_token\": \"1//0gQ7f-real\"}",
            "{\"access_token\": \"ya29.a0AfH6SMB\", broken",
        ] {
            assert!(!is_placeholder_value(s), "{s:?} is not a placeholder");
        }
    }
}
