//! `keboola/subdomain-needs-userdata`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `auth_url` contains `%%subdomain%%`.
    ///
    /// ## Why it matters
    /// Such a registration "requires an `userData` json to be sent with the auth request to OAuth
    /// API, which has to contain a `subdomain` key", and the authorize request "must be sent using a
    /// form POST request" (the Keboola OAuth Manager API v2 reference, deprecated:
    /// <https://github.com/keboola/oauth-v2-bundle>, "Add new component" and "Generate OAuth token"). The manage body cannot carry `userData`, so specc
    /// cannot see the authorize request: the finding is a warning that every caller (UI form, script)
    /// must send `userData`, or the URL keeps the literal `%%subdomain%%`.
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
    ///   "auth_url": "https://%%subdomain%%.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%"
    /// }
    /// ```
    /// Use instead (a fixed host, when the API has one):
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    /// @   "oauth_version": "2.0",
    ///   "auth_url": "https://login.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%"
    /// }
    /// ```
    pub struct SubdomainNeedsUserdata {
        code: "keboola/subdomain-needs-userdata",
        summary: "`%%subdomain%%` in `auth_url` requires `userData.subdomain` on every authorize request",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for SubdomainNeedsUserdata {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(url) = super::auth_url(cx) else { return };
        let Some((_, span)) = url.placeholders.iter().find(|(o, _)| o.name == "subdomain") else { return };
        out.push(
            Diagnostic::warning(
                SubdomainNeedsUserdata::META.code,
                "`%%subdomain%%` needs `userData` with a `subdomain` key on every authorize request",
                *span,
            )
            .with_label("filled from the authorize request's `userData`")
            .with_note("the authorize request must be a form POST with `userData={\"subdomain\": \"…\"}`")
            .with_help("make sure every client of this registration sends `userData.subdomain`"),
        );
    }
}
