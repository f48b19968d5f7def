//! URL helpers: splitting a query string, percent-encoding a value, and telling the parameters of a
//! platform URL template (Keboola's `auth_url` with `%%app_key%%`...) from the provider's own.

/// Parameters an OAuth Manager `auth_url` template carries for the platform to fill in.
pub const TEMPLATE_PARAMS: [&str; 5] = ["response_type", "client_id", "redirect_uri", "state", "oauth_token"];

/// `(base, [(key, value)])`, both as written (not decoded). A `#fragment` stays on the base.
pub fn split_query(url: &str) -> (&str, Vec<(String, String)>) {
    let Some((base, query)) = url.split_once('?') else { return (url, Vec::new()) };
    let (query, _fragment) = query.split_once('#').unwrap_or((query, ""));
    let params = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    (base, params)
}

/// `base?k=v&…`.
pub fn join_query(base: &str, params: &[(String, String)]) -> String {
    if params.is_empty() {
        return base.to_string();
    }
    let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{base}?{}", query.join("&"))
}

/// A URL template filled in by a platform (it holds a `%%name%%` placeholder).
pub fn is_platform_template(url: &str) -> bool {
    url.contains("%%")
}

/// The provider's authorization URL inside a platform template: the template's own parameters
/// (`response_type`, anything holding a `%%…%%` placeholder) and `scope` removed. Returns the URL and
/// the `scope` value (decoded) when there was one. Other URLs are returned unchanged.
pub fn provider_url(url: &str) -> (String, Option<String>) {
    if !is_platform_template(url) {
        return (url.to_string(), None);
    }
    let (base, params) = split_query(url);
    let mut scope = None;
    let kept: Vec<(String, String)> = params
        .into_iter()
        .filter(|(k, v)| {
            if k == "scope" {
                scope = Some(decode(v));
                return false;
            }
            !(TEMPLATE_PARAMS.contains(&k.as_str()) || v.contains("%%"))
        })
        .collect();
    (join_query(base, &kept), scope)
}

/// Percent-encodes a query value: every byte but RFC 3986 unreserved characters.
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space); invalid escapes are kept as written.
pub fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_url_strips_the_template() {
        let (u, scope) = provider_url(
            "https://a.example.com/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&access_type=offline&scope=read%20write&state=%%hash%%",
        );
        assert_eq!(u, "https://a.example.com/authorize?access_type=offline");
        assert_eq!(scope.as_deref(), Some("read write"));
        assert_eq!(provider_url("https://a/x?scope=a").0, "https://a/x?scope=a");
    }

    #[test]
    fn encode_and_decode_round_trip() {
        let s = "openid https://www.googleapis.com/auth/drive";
        assert_eq!(decode(&encode(s)), s);
        assert_eq!(encode("a b"), "a%20b");
        assert_eq!(decode("a+b%2"), "a b%2");
    }
}
