//! `elasticio/secret-literal-in-component-json`

use specc_ir::Secret;

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `oauth2.client_secret` (or `oauth1.consumer_secret`) is written as a value instead of a
    /// `{{VAR}}` link to an environment variable. Empty strings (the documented `useOAuthClient`
    /// example leaves the secret empty on purpose) and obvious placeholders (`xxx`, `***`, `<secret>`,
    /// `dummy`, `your-client-secret`) are not reported.
    ///
    /// ## Why it matters
    /// component.json is committed to the component's repository and shipped with it: a secret in
    /// it is published, and a global component would hand it to every tenant. The secret belongs in
    /// an environment variable (`"required": true`) or, better, in the tenant's OAuth client.
    /// specc never repeats the value in its output.
    ///
    /// Sources: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("OAuth Brief": users in other tenants
    /// "would see the component with its keys and secrets"); a third-party component that committed
    /// its 64-character Podio secret (`thatapp/podio-component@7998386`).
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
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_secret": "s3cr3t-value-from-the-provider"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    ///   "envVars": {
    ///     "OAUTH_CLIENT_ID": { "required": true },
    ///     "OAUTH_CLIENT_SECRET": { "required": true }
    ///   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_secret": "{{OAUTH_CLIENT_SECRET}}"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct SecretLiteralInComponentJson {
        code: "elasticio/secret-literal-in-component-json",
        summary: "A client secret written into component.json",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for SecretLiteralInComponentJson {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(cred) = &c.credentials else { return };
        for block in cred.blocks() {
            let (_, secret_key) = block.version.credential_keys();
            let Some(e) = block.entry(secret_key) else { continue };
            let Some(text) = e.text.as_deref() else { continue };
            // A placeholder (`xxx`, `<secret>`, `dummy`...), a link, or a bare variable name (reported by `bare-env-name-as-client-id`).
            if specc_dialects::placeholders::is_placeholder_value(text)
                || !e.placeholders.is_empty()
                || c.env_var(text).is_some()
            {
                continue;
            }
            let preview = Secret::new(text).redacted();
            out.push(
                Diagnostic::error(
                    SecretLiteralInComponentJson::META.code,
                    format!("`{}.{secret_key}` holds a literal secret ({preview})", block.member.key),
                    e.member.value_span,
                )
                .with_label("secret value committed here")
                .with_note("component.json ships with the component; anyone who can read the repository or use a global component sees the secret")
                .with_help(format!(
                    "rotate the secret at the provider, declare an environment variable such as `OAUTH_CLIENT_SECRET` (`\"required\": true`) and write `\"{secret_key}\": \"{{{{OAUTH_CLIENT_SECRET}}}}\"`, or set `\"useOAuthClient\": true` and register the secret as the tenant's OAuth client"
                )),
            );
        }
    }
}
