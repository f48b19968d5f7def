//! Helpers shared by several rules: URL inspection and scope characters.

/// True for loopback hosts (`localhost`, `127.x.x.x`, `::1`).
pub fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") || host == "::1"
}

/// True when the URL contains a template (`{{X}}`, `%%x%%`, `{var}`) that is filled in later.
pub fn is_template(url: &str) -> bool {
    url.contains("{{") || url.contains("%%") || (url.contains('{') && url.contains('}'))
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
    fn loopback_hosts() {
        assert!(is_loopback("127.0.0.1") && is_loopback("localhost") && is_loopback("::1"));
        assert!(!is_loopback("example.com"));
    }
}
