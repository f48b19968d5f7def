//! `keboola/auth-url-static-state`

use specc_syntax::SourceUrl;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `auth_url` hard-codes a `state=` parameter (anything but `state=%%hash%%`).
    ///
    /// ## Why it matters
    /// `state` must be a one-time value bound to the user's session to stop cross-site request
    /// forgery (RFC 9700 §2.1, RFC 6749 §10.12); a constant is known to every attacker. The platform documentation's
    /// example passes `state=%%hash%%`, which the OAuth Manager fills per request
    /// (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>)); Keboola's QuickBooks test fixture hard-codes
    /// `state=security_token12345`.
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=abc123"
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%"
    /// }
    /// ```
    pub struct AuthUrlStaticState {
        code: "keboola/auth-url-static-state",
        summary: "`auth_url` hard-codes the `state` parameter",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for AuthUrlStaticState {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(url) = super::auth_url(cx) else { return };
        for p in SourceUrl::new(url.value).query_params() {
            if !url.value.get(p.range.clone()).is_some_and(|t| t.starts_with("state=")) {
                continue;
            }
            if p.value.starts_with("%%") && p.value.ends_with("%%") {
                continue;
            }
            let span = cx.string_part(url.span, url.value, p.range);
            out.push(
                Diagnostic::warning(AuthUrlStaticState::META.code, "`auth_url` sends a fixed `state`", span)
                    .with_label("the same state for every user")
                    .with_note("a constant `state` gives no protection against cross-site request forgery")
                    .with_help("use `state=%%hash%%`, which the OAuth Manager fills per request"),
            );
        }
    }
}
