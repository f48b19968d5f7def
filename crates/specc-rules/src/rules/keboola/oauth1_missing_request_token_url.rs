//! `keboola/oauth1-missing-request-token-url`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A manage body with `oauth_version: "1.0"` has no `request_token_url`.
    ///
    /// ## Why it matters
    /// OAuth 1.0 starts by obtaining a temporary token from the request token endpoint; the platform documentation
    /// marks `request_token_url` "Required for OAuth 1.0 only" (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>))
    /// and the OAuth Manager refuses such registrations ("'request_token_url' is required for OAuth 1.0
    /// APIs").
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    ///   "oauth_version": "1.0",
    ///   "auth_url": "https://api.twitter.com/oauth/authorize?oauth_token=%%oauth_token%%",
    ///   "token_url": "https://api.twitter.com/oauth/access_token"
    /// }
    /// ```
    /// Use instead:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    ///   "oauth_version": "1.0",
    ///   "auth_url": "https://api.twitter.com/oauth/authorize?oauth_token=%%oauth_token%%",
    ///   "token_url": "https://api.twitter.com/oauth/access_token",
    ///   "request_token_url": "https://api.twitter.com/oauth/request_token"
    /// }
    /// ```
    pub struct OAuth1MissingRequestTokenUrl {
        code: "keboola/oauth1-missing-request-token-url",
        summary: "An OAuth 1.0 registration has no `request_token_url`",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for OAuth1MissingRequestTokenUrl {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(m) = super::manage(cx) else { return };
        let Some(v) = m.oauth_version.as_ref().filter(|v| v.value == "1.0") else { return };
        if m.request_token_url.as_ref().is_some_and(|u| !u.value.is_empty()) {
            return;
        }
        out.push(
            Diagnostic::error(
                OAuth1MissingRequestTokenUrl::META.code,
                "OAuth 1.0 registration has no `request_token_url`",
                v.span,
            )
            .with_label("OAuth 1.0 needs a request token endpoint")
            .with_help("add `request_token_url` with the provider's temporary-credential endpoint"),
        );
    }
}
