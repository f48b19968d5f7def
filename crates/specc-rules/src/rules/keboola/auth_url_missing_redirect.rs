//! `keboola/auth-url-missing-redirect`

use specc_syntax::SourceUrl;

use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// The `auth_url` of an OAuth 2.0 registration has no `%%redirect_uri%%` placeholder.
    ///
    /// ## Why it matters
    /// For 2.0, "`%%redirect_uri%%` and `%%app_key%%` are replaced by generated redirect URI (to the
    /// OAuth application) and `app_key`" (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>)). The token request
    /// always sends `redirect_uri` set to the callback
    /// `https://syrup.keboola.com/oauth-v2/authorize/{componentId}/callback`; RFC 6749 §4.1.3 requires
    /// it to match the one in the authorization request, so without it the exchange fails at most
    /// providers.
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&state=%%hash%%"
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&state=%%hash%%&redirect_uri=%%redirect_uri%%"
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: it changes the URL the user is sent to, and the provider must have the callback
    /// registered.
    pub struct AuthUrlMissingRedirect {
        code: "keboola/auth-url-missing-redirect",
        summary: "An OAuth 2.0 `auth_url` has no `%%redirect_uri%%`",
        severity: Warning,
        fix: Unsafe,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for AuthUrlMissingRedirect {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(m) = super::manage(cx) else { return };
        if super::oauth_version(m) != Some("2.0") {
            return;
        }
        let Some(url) = super::auth_url(cx) else { return };
        if url.placeholders.iter().any(|(o, _)| o.name == "redirect_uri") {
            return;
        }
        let mut d =
            Diagnostic::warning(AuthUrlMissingRedirect::META.code, "`auth_url` has no `%%redirect_uri%%`", url.span)
                .with_label("the token request will send a redirect_uri this request did not")
                .with_help("add `redirect_uri=%%redirect_uri%%` to the query");
        let text = format!("{}redirect_uri=%%redirect_uri%%", SourceUrl::new(url.value).query_separator());
        if let Some(edit) = cx.string_edit(url.span, url.value, url.value.len()..url.value.len(), &text) {
            d = d.with_fix(Fix::unsafe_("append `redirect_uri=%%redirect_uri%%`", vec![edit]));
        }
        out.push(d);
    }
}
