//! `elasticio/use-oauth-client-misplaced`

use specc_dialects::elasticio::component::{UseLocation, UseValue};
use specc_syntax::edit::{delete_member, insert_member, replace, Place};

use super::{component, document};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `useOAuthClient` is not at the component root (it sits in `credentials` or in
    /// `credentials.oauth2`), or its value is not a boolean (`"true"` written as a string).
    ///
    /// ## Why it matters
    /// The platform reads the flag from the root of component.json, as elastic.io's own Salesforce
    /// component does. The platform documentation's example closes its braces so that the key looks nested in
    /// `credentials`: components copied from it keep using the legacy environment-variable client
    /// without noticing. A string `"true"` is not the boolean the platform tests for.
    ///
    /// Sources: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("Using OAuth Client in Components", whose
    /// example nests the key); <https://github.com/elasticio/salesforce-component/blob/master/component.json>
    /// (root-level `"useOAuthClient": true`).
    ///
    /// ## Example
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    /// @     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token"
    /// @     },
    ///     "useOAuthClient": true
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
    /// @   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    /// @     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token"
    /// @     }
    /// @   },
    ///   "useOAuthClient": true
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Moving the key to the root and turning `"true"` into `true` is what the author meant: the
    /// fix is safe. When the root already has the key, the nested copy is only removed.
    pub struct UseOAuthClientMisplaced {
        code: "elasticio/use-oauth-client-misplaced",
        summary: "`useOAuthClient` is not a boolean at the component root",
        severity: Warning,
        fix: Safe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for UseOAuthClientMisplaced {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let doc = document(cx);
        let root_present = c.root_use_oauth_client().is_some();
        let mut moved = false;
        for u in &c.use_oauth_client {
            let value_text = match u.value {
                UseValue::Bool(b) | UseValue::StringBool(b) => Some(if b { "true" } else { "false" }),
                UseValue::Other(_) => None,
            };
            if u.location == UseLocation::Root {
                if let UseValue::Bool(_) = u.value {
                    continue;
                }
                let mut d = Diagnostic::warning(
                    UseOAuthClientMisplaced::META.code,
                    match u.value {
                        UseValue::StringBool(_) => "`useOAuthClient` is a string, not a boolean".to_string(),
                        UseValue::Other(k) => format!("`useOAuthClient` must be a boolean, found {k}"),
                        UseValue::Bool(_) => String::new(),
                    },
                    u.member.value_span,
                )
                .with_label("not a boolean")
                .with_help("write `\"useOAuthClient\": true` (no quotes)");
                if let Some(v) = value_text {
                    d = d
                        .with_fix(Fix::safe(format!("write the boolean `{v}`"), vec![replace(u.member.value_span, v)]));
                }
                out.push(d);
                continue;
            }
            let mut d = Diagnostic::warning(
                UseOAuthClientMisplaced::META.code,
                format!("`useOAuthClient` is inside {}; the platform reads it only at the component root", u.location.describe()),
                u.member.key_span,
            )
            .with_label("not read here")
            .with_note("the platform documentation's example closes its braces so that the key looks nested in `credentials`; elastic.io's own components put it at the root")
            .with_help("move `\"useOAuthClient\": true` to the component root");
            let mut edits: Vec<_> = doc.and_then(|doc| delete_member(doc, u.member.key_span)).into_iter().collect();
            if !root_present && !moved {
                if let Some(v) = value_text {
                    let after = c
                        .env_vars_member
                        .as_ref()
                        .map(|m| m.key.as_str())
                        .or_else(|| c.legacy_env.as_ref().map(|e| e.member.key.as_str()));
                    let place = after.map_or(Place::Last, Place::After);
                    edits.extend(doc.and_then(|doc| insert_member(doc, c.root.span, place, "useOAuthClient", v)));
                    moved = true;
                }
            }
            // Without a value to move (an object, a number), removal alone would lose intent.
            if value_text.is_some() {
                d = d.with_fix(Fix::safe("move `useOAuthClient` to the component root", edits));
            }
            out.push(d);
        }
    }
}
