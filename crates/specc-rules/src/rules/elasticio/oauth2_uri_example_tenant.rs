//! `elasticio/oauth2-uri-example-tenant`

use super::{endpoints, EndpointEntry};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An endpoint of an `oauth2`/`oauth1` block (`auth_uri`, `token_uri`, `request_token_uri`,
    /// `access_token_uri`) still names Microsoft's documentation tenant `contoso`
    /// (`https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize`).
    ///
    /// ## Why it matters
    /// `contoso` is the fictional company of Microsoft's examples. Copied into a component, the URL
    /// is valid and the platform uses it as written, so every user is sent to sign in to a directory
    /// that is not theirs: the flow fails for everyone outside it. Microsoft identity platform
    /// endpoints take the user's tenant, or `common` / `organizations` for multi-tenant apps
    /// (<https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols>).
    ///
    /// ## Example
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
    /// @       "token_uri": "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
    /// @       "scopes": ["offline_access", "User.Read"],
    ///       "auth_uri": "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
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
    /// @       "token_uri": "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
    /// @       "scopes": ["offline_access", "User.Read"],
    ///       "auth_uri": "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct OAuth2UriExampleTenant {
        code: "elasticio/oauth2-uri-example-tenant",
        summary: "An OAuth endpoint names Microsoft's documentation tenant `contoso`",
        severity: Warning,
        fix: None,
        since: "0.2.0",
        reads: [ElasticIo],
    }
}

impl Rule for OAuth2UriExampleTenant {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for EndpointEntry { block, entry: e, url } in endpoints(cx) {
            let (key, url) = (&e.member.key, &url.raw);
            let lower = url.to_ascii_lowercase();
            // Only in the URL's authority or path: `https://host/contoso.onmicrosoft.com/...`.
            let Some(pos) = lower.find("contoso.") else { continue };
            let end = lower.get(pos..).and_then(|t| t.find(['/', '?', '#'])).map_or(url.len(), |e| pos + e);
            out.push(
                Self::diagnostic(
                    format!("`{}.{key}` names Microsoft's documentation tenant `contoso`", block.member.key),
                    cx.string_part(e.member.value_span, url, pos..end),
                )
                .with_label("example tenant")
                .with_note("the URL was copied from an example; users would be sent to a directory that is not theirs")
                .with_help(
                    "use `common` or `organizations`, or a `{{tenantId}}` credential field for the user's directory",
                ),
            );
        }
    }
}
