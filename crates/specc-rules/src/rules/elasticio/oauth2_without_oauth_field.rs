//! `elasticio/oauth2-without-oauth-field`

use specc_syntax::edit::{insert_member, Place};

use super::{component, document};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `credentials.oauth2` or `credentials.oauth1` is present but no credential field has
    /// `"viewClass": "OAuthFieldView"` or `HTTPAuthView` (the REST API and OpenAPI components' auth
    /// form, whose OAuth 2 choice runs the block).
    ///
    /// ## Why it matters
    /// The OAuth block is "only used if a `OAuthFieldView` field is defined": without such a field
    /// the user is never sent through the authorization, and the block does nothing.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-credentials> (credentials table);
    /// <https://docs.elastic.io/developers/component-json-oauth> ("must use `fields` and `oauth1`
    /// objects together").
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
    /// @     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token"
    /// @     },
    ///     "fields": { "apiKey": { "label": "API key", "viewClass": "PasswordFieldView" } }
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
    /// @     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token"
    /// @     },
    ///     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `"oauth": {"label": "Authentication", "viewClass": "OAuthFieldView", "required": true}`
    /// to `credentials.fields` when that object exists and has no `oauth` key. It only makes the
    /// existing OAuth block reachable: safe.
    pub struct OAuth2WithoutOAuthField {
        code: "elasticio/oauth2-without-oauth-field",
        summary: "An OAuth block without an `OAuthFieldView` credential field",
        severity: Warning,
        fix: Safe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

const OAUTH_FIELD: &str = r#"{"label": "Authentication", "viewClass": "OAuthFieldView", "required": true}"#;

impl Rule for OAuth2WithoutOAuthField {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(cred) = &c.credentials else { return };
        // `HTTPAuthView` (REST API, OpenAPI components) offers OAuth 2 among its choices and runs the
        // `oauth2` block when the user picks it.
        let has_field = cred.fields.as_ref().is_some_and(|f| {
            f.entries.iter().any(|e| {
                e.view_class.as_ref().is_some_and(|v| v.value == "OAuthFieldView" || v.value == "HTTPAuthView")
            })
        });
        if has_field {
            return;
        }
        // One finding per component, on the first block: both blocks would share the fix.
        if let Some(block) = cred.blocks().next() {
            let mut d = Diagnostic::warning(
                OAuth2WithoutOAuthField::META.code,
                format!("`credentials.{}` is never used: no credential field has `\"viewClass\": \"OAuthFieldView\"`", block.member.key),
                block.member.key_span,
            )
            .with_label("only used through an OAuthFieldView field")
            .with_help("add a credential field such as `\"oauth\": {\"label\": \"Authentication\", \"viewClass\": \"OAuthFieldView\", \"required\": true}`");
            if let Some(obj) = cred.fields.as_ref().and_then(|f| f.object.as_ref()) {
                if obj.member("oauth").is_none() {
                    let edit = document(cx).and_then(|doc| insert_member(doc, obj.span, Place::Last, "oauth", OAUTH_FIELD));
                    if let Some(edit) = edit {
                        d = d.with_fix(Fix::safe("add an `oauth` field with `OAuthFieldView`", vec![edit]));
                    }
                }
            }
            out.push(d);
        }
    }
}
