//! `keboola/auth-url-missing-client`

use specc_syntax::SourceUrl;

use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// The `auth_url` of an OAuth 2.0 registration contains neither `%%app_key%%` nor
    /// `%%client_id%%` nor a literal `client_id=` parameter.
    ///
    /// Both placeholder spellings count, because the platform documentation uses both for the same substitution
    /// (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>): the attribute text says `%%app_key%%`, the schema and
    /// examples say `%%client_id%%`); `keboola/auth-url-client-id-deprecated` reports the older one.
    ///
    /// ## Why it matters
    /// The OAuth Manager sends the user to `auth_url` after substituting the placeholders and adds
    /// nothing itself. Without a client id the provider cannot tell which application
    /// asks, and the authorization fails.
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&redirect_uri=%%redirect_uri%%&state=%%hash%%"
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&redirect_uri=%%redirect_uri%%&state=%%hash%%&client_id=%%app_key%%"
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: appending `client_id=%%app_key%%` changes the URL the user is sent to; a provider
    /// that takes the client id elsewhere (in the path) does not want it.
    pub struct AuthUrlMissingClient {
        code: "keboola/auth-url-missing-client",
        summary: "An OAuth 2.0 `auth_url` does not pass the client id",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for AuthUrlMissingClient {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(m) = super::manage(cx) else { return };
        if super::oauth_version(m) != Some("2.0") {
            return;
        }
        let Some(url) = super::auth_url(cx) else { return };
        let has = url.placeholders.iter().any(|(o, _)| o.name == "app_key" || o.name == "client_id")
            || url.value.contains("client_id=");
        if has {
            return;
        }
        let mut d = Diagnostic::error(
            AuthUrlMissingClient::META.code,
            "`auth_url` does not pass the client id to the provider",
            url.span,
        )
        .with_label("no `%%app_key%%` here")
        .with_help("add `client_id=%%app_key%%` to the query");
        let text = format!("{}client_id=%%app_key%%", SourceUrl::new(url.value).query_separator());
        if let Some(edit) = cx.string_edit(url.span, url.value, url.value.len()..url.value.len(), &text) {
            d = d.with_fix(Fix::unsafe_("append `client_id=%%app_key%%`", vec![edit]));
        }
        out.push(d);
    }
}
