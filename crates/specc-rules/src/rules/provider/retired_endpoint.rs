//! `provider/retired-endpoint`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An endpoint URL (authorization, token, refresh...) that the provider catalog lists as retired
    /// for the provider the URL belongs to: the provider has turned it off. Endpoints that still
    /// answer but are on their way out are `provider/deprecated-endpoint`. The built-in catalog marks
    /// an entry of a provider's `deprecated` list with `retired = true` once the provider documents
    /// that it no longer answers; a `[[providers]]` entry of `specc.toml` can do the same.
    ///
    /// ## Why it matters
    /// Every authorization or token request sent to a retired endpoint fails: the configuration does
    /// not work today, for any user.
    ///
    /// Sources: the provider's own documentation, linked in each finding (the catalog entry's
    /// `source`).
    ///
    /// ## Example
    /// With a provider of the organisation declared in `specc.toml`:
    /// ```toml title="specc.toml"
    /// [[providers]]
    /// id = "acme-sso"
    /// name = "Acme SSO"
    /// recognize = { hosts = ["sso.acme.test"], source = "https://wiki.acme.test/oauth" }
    /// deprecated = [
    ///   { url = "https://sso.acme.test/oauth/v1/token", replacement = "https://sso.acme.test/oauth/v2/token", retired = true, drop_in = true, source = "https://wiki.acme.test/oauth/changelog" },
    /// ]
    /// ```
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://sso.acme.test/oauth/v2/authorize",
    ///       "token_uri": "https://sso.acme.test/oauth/v1/token"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://sso.acme.test/oauth/v2/authorize",
    ///       "token_uri": "https://sso.acme.test/oauth/v2/token"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// When the catalog marks the replacement as a drop-in (same parameters, same response), the fix
    /// replaces the URL's prefix with the current endpoint and keeps any query; it is safe. Other
    /// replacements are named in the help only.
    pub struct RetiredEndpoint {
        code: "provider/retired-endpoint",
        summary: "An endpoint URL the provider has retired",
        severity: Error,
        fix: Safe,
        since: "0.2.0",
    }
}

impl Rule for RetiredEndpoint {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        super::deprecated_endpoint::report(cx, out, true);
    }
}
