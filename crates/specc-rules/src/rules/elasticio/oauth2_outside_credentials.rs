//! `elasticio/oauth2-outside-credentials`

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An `oauth2` or `oauth1` object sits at the component root instead of inside `credentials`.
    ///
    /// ## Why it matters
    /// The platform reads the OAuth configuration from `credentials.oauth2` / `credentials.oauth1`
    /// only; a block anywhere else is ignored, and the component's OAuth field has no client and no
    /// endpoints.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-credentials> ("Credentials Object
    /// Structure"); elastic.io's Salesforce component.json
    /// (<https://github.com/elasticio/salesforce-component/blob/master/component.json>).
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
    /// @   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } }
    /// @   },
    ///   "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    ///       "auth_uri": "https://auth.example.com/authorize",
    ///       "token_uri": "https://auth.example.com/token"
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
    ///       "auth_uri": "https://auth.example.com/authorize",
    ///       "token_uri": "https://auth.example.com/token"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct OAuth2OutsideCredentials {
        code: "elasticio/oauth2-outside-credentials",
        summary: "An `oauth2`/`oauth1` object outside `credentials`",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for OAuth2OutsideCredentials {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        for m in &c.misplaced_oauth {
            let key = &m.member.key;
            out.push(
                Diagnostic::error(
                    OAuth2OutsideCredentials::META.code,
                    format!("`{key}` is at {}, where the platform does not read it", m.location),
                    m.member.key_span,
                )
                .with_label("ignored here")
                .with_help(format!("move the `{key}` object into `credentials`")),
            );
        }
    }
}
