//! `keboola/auth-url-not-encoded`

use specc_syntax::Span;

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// After its placeholders are substituted, `auth_url` is not a valid URI: it contains raw spaces
    /// (typically between scopes in `scope=`) or other characters RFC 3986 does not allow unencoded
    /// (`"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`).
    ///
    /// ## Why it matters
    /// RFC 6749 §3.1 requires the authorization endpoint URI to be a valid URI with a
    /// `application/x-www-form-urlencoded` query. Browsers and HTTP libraries treat raw spaces
    /// differently (some cut the URL there), so providers receive a truncated scope list. Two corpus READMEs (Google Drive extractor, Google Sheets writer) register such URLs.
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    /// @   "oauth_version": "2.0",
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%&scope=openid email"
    /// }
    /// ```
    /// Use instead:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    /// @   "oauth_version": "2.0",
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%&scope=openid%20email"
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: each space becomes `%20`, which every server decodes back to a space. Other characters
    /// get no fix.
    pub struct AuthUrlNotEncoded {
        code: "keboola/auth-url-not-encoded",
        summary: "`auth_url` contains characters that must be percent-encoded",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [Keboola],
    }
}

const BAD: &[char] = &[' ', '"', '<', '>', '\\', '^', '`', '{', '|', '}', '\t'];

impl Rule for AuthUrlNotEncoded {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(url) = super::auth_url(cx) else { return };
        let in_placeholder = |i: usize| url.placeholders.iter().any(|(o, _)| o.start <= i && i < o.end);
        let bad: Vec<(usize, char)> =
            url.value.char_indices().filter(|(i, c)| BAD.contains(c) && !in_placeholder(*i)).collect();
        let Some(&(first, c)) = bad.first() else { return };
        let spans: Vec<Span> = bad
            .iter()
            .map(|(i, ch)| cx.string_part(url.span, url.value, *i..i + ch.len_utf8()))
            .collect();
        let exact = spans.iter().all(|s| *s != url.span);
        let what = if c == ' ' { "a raw space".to_string() } else { format!("a raw `{c}`") };
        let span = spans.first().copied().unwrap_or(url.span);
        let mut d = Diagnostic::error(
            AuthUrlNotEncoded::META.code,
            format!("`auth_url` is not a valid URI: {what} at byte {first} of the URL"),
            span,
        )
        .with_label(if bad.len() > 1 {
            format!("{} characters need encoding", bad.len())
        } else {
            "needs encoding".into()
        })
        .with_help("percent-encode it (a space is `%20`)");
        if exact && bad.iter().all(|(_, ch)| *ch == ' ') {
            let edits = spans.iter().map(|s| Edit { span: *s, replacement: "%20".into() }).collect();
            d = d.with_fix(Fix::safe("encode spaces as `%20`", edits));
        }
        out.push(d);
    }
}
