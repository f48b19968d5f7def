//! `elasticio/oauth2-missing-required-field`

use specc_dialects::elasticio::component::{OAuthBlock, OAuthVersion};

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `credentials.oauth2` lacks `client_id`, `client_secret`, `auth_uri` or `token_uri`, or one of
    /// them is an empty string; `credentials.oauth1` lacks `consumer_key`, `consumer_secret`,
    /// `request_token_uri`, `auth_uri` or `access_token_uri`.
    ///
    /// Two readings of the documentation are allowed:
    /// * with `authClientTypes` listing an `oauth2*` type, the auth client supplies the client and
    ///   its endpoints, and the `oauth2` object may hold only `scopes` / `client_auth`;
    /// * with `"useOAuthClient": true` at the root, the tenant's OAuth client supplies `client_id` and
    ///   `client_secret`, which may then be empty or absent (the documented example writes `""`), while
    ///   `auth_uri` and `token_uri` stay required;
    /// * a credential field named `oauth2_field_<key>` (`oauth2_field_client_id`) asks the user for
    ///   that value in the credentials form, so the key may be absent from the block.
    ///
    /// ## Why it matters
    /// Without the endpoints the platform cannot start the authorization or exchange the code; an
    /// empty client id is sent as is and the provider rejects it.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-oauth> (OAuth1 and OAuth2 tables);
    /// elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) (the `useOAuthClient` example);
    /// <https://docs.elastic.io/components/rest-api/authorization-methods> (auth clients).
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
    ///       "auth_uri": "https://auth.example.com/authorize"
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
    ///       "auth_uri": "https://auth.example.com/authorize",
    ///       "token_uri": "https://auth.example.com/token"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct OAuth2MissingRequiredField {
        code: "elasticio/oauth2-missing-required-field",
        summary: "An `oauth2`/`oauth1` block lacks a field the platform requires",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for OAuth2MissingRequiredField {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(cred) = &c.credentials else { return };
        for block in cred.blocks() {
            if block.version == OAuthVersion::V2 && c.auth_client_oauth2() {
                continue;
            }
            let (id_key, secret_key) = block.version.credential_keys();
            let tenant_client = block.version == OAuthVersion::V2 && c.uses_oauth_client();
            let mut missing = Vec::new();
            for key in block.version.required_keys() {
                if tenant_client && (*key == id_key || *key == secret_key) {
                    continue;
                }
                // A credential field `oauth2_field_<key>` lets the user supply the value in the form.
                if cred.field(&format!("{}_field_{key}", block.member.key)).is_some() {
                    continue;
                }
                match block.entry(key) {
                    None => missing.push(*key),
                    Some(e) if e.text.as_deref().is_some_and(|t| t.trim().is_empty()) => {
                        out.push(empty(block, key, e.member.value_span));
                    }
                    Some(_) => {}
                }
            }
            if !missing.is_empty() {
                out.push(absent(block, &missing));
            }
        }
    }
}

fn absent(block: &OAuthBlock, missing: &[&str]) -> Diagnostic {
    let list: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
    let (what, them) = if missing.len() == 1 { ("field", "it") } else { ("fields", "them") };
    Diagnostic::error(
        OAuth2MissingRequiredField::META.code,
        format!("`credentials.{}` lacks the required {what} {}", block.member.key, list.join(", ")),
        block.member.key_span,
    )
    .with_label(format!("missing {}", list.join(", ")))
    .with_help(format!(
        "add {them}; link client credentials to environment variables (`\"{{{{VAR}}}}\"`) rather than writing values"
    ))
}

fn empty(block: &OAuthBlock, key: &str, span: specc_ir::Span) -> Diagnostic {
    Diagnostic::error(
        OAuth2MissingRequiredField::META.code,
        format!("`credentials.{}.{key}` is empty", block.member.key),
        span,
    )
    .with_label("empty string")
    .with_help(if key.ends_with("_uri") {
        "write the provider's absolute https endpoint URL"
    } else {
        "link it to an environment variable (`\"{{VAR}}\"`), or set `\"useOAuthClient\": true` at the root so the tenant's OAuth client supplies it"
    })
}
