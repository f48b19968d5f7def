//! `elasticio/bare-env-name-as-client-id`

use specc_syntax::edit::{quote, replace};

use super::component;
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `oauth2.client_id` / `client_secret` (or `oauth1.consumer_key` / `consumer_secret`) is exactly
    /// the *name* of a declared environment variable, without braces: `"client_id": "SALESFORCE_KEY"`.
    ///
    /// ## Why it matters
    /// Only `{{NAME}}` is replaced by the variable's value. A bare name is sent to the provider
    /// literally, as the client id `SALESFORCE_KEY`, and the authorization fails. One page of the
    /// elastic.io documentation shows the bare form; the environment-variable page uses braces.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-oauth> (Salesforce example, no
    /// braces) against <https://docs.elastic.io/developers/defining-env-vars> (`"{{OAUTH_CLIENT_ID}}"`).
    ///
    /// ## Example
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    ///   "envVars": {
    /// @     "OAUTH_CLIENT_SECRET": { "required": true },
    ///     "SALESFORCE_KEY": { "required": true }
    ///   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_id": "SALESFORCE_KEY"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    ///   "envVars": {
    /// @     "OAUTH_CLIENT_SECRET": { "required": true },
    ///     "SALESFORCE_KEY": { "required": true }
    ///   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_id": "{{SALESFORCE_KEY}}"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Wrapping the name in `{{…}}` links the declared variable, which is what the name says: safe.
    pub struct BareEnvNameAsClientId {
        code: "elasticio/bare-env-name-as-client-id",
        summary: "A client id or secret is the bare name of an environment variable, sent literally",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for BareEnvNameAsClientId {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(cred) = &c.credentials else { return };
        for block in cred.blocks() {
            let (id_key, secret_key) = block.version.credential_keys();
            for key in [id_key, secret_key] {
                let Some(e) = block.entry(key) else { continue };
                let Some(text) = e.text.as_deref() else { continue };
                let Some(decl) = c.env_var(text) else { continue };
                let wrapped = format!("{{{{{text}}}}}");
                out.push(
                    Diagnostic::error(
                        BareEnvNameAsClientId::META.code,
                        format!("`{}.{key}` is the name of the environment variable `{text}` without braces, so the name itself is sent", block.member.key),
                        e.member.value_span,
                    )
                    .with_label("sent literally")
                    .with_secondary(decl.span, "declared here")
                    .with_help(format!("write `\"{wrapped}\"` to use the variable's value"))
                    .with_fix(Fix::safe(
                        format!("wrap in braces: `{wrapped}`"),
                        vec![replace(e.member.value_span, quote(&wrapped))],
                    )),
                );
            }
        }
    }
}
