//! `keboola/auth-url-client-id-deprecated`

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `auth_url` uses the `%%client_id%%` placeholder.
    ///
    /// The platform documentation contradicts itself here: the `auth_url` attribute description says `%%app_key%%` is
    /// replaced by `app_key`, while the schema description and both request examples use
    /// `%%client_id%%` (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>)). The OAuth Manager's code substitutes
    /// both, and marks `%%client_id%%` "DEPRECATED by %%app_key%%". specc therefore accepts both spellings as a client id placeholder (see
    /// `keboola/auth-url-missing-client`) and reports `%%client_id%%` as a **warning**.
    ///
    /// ## Why it matters
    /// A deprecated placeholder may stop being substituted; the provider would then receive the
    /// literal text `%%client_id%%` as the client id.
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%client_id%%&redirect_uri=%%redirect_uri%%&state=%%hash%%"
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
    ///
    /// ## Fix safety
    /// Safe: both placeholders are replaced by the same `app_key` today.
    pub struct AuthUrlClientIdDeprecated {
        code: "keboola/auth-url-client-id-deprecated",
        summary: "`auth_url` uses the deprecated `%%client_id%%` placeholder",
        severity: Warning,
        fix: Safe,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for AuthUrlClientIdDeprecated {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(url) = super::auth_url(cx) else { return };
        for (o, span) in url.placeholders.iter().filter(|(o, _)| o.name == "client_id") {
            let mut d = Diagnostic::warning(
                AuthUrlClientIdDeprecated::META.code,
                "`%%client_id%%` is deprecated in favour of `%%app_key%%`",
                *span,
            )
            .with_label("deprecated placeholder")
            .with_note("the OAuth Manager still substitutes both with `app_key`; the docs use both spellings")
            .with_help("write `%%app_key%%`");
            if *span != url.span && o.end - o.start == span.len() {
                d = d.with_fix(Fix::safe(
                    "replace with `%%app_key%%`",
                    vec![Edit { span: *span, replacement: "%%app_key%%".into() }],
                ));
            }
            out.push(d);
        }
    }
}
