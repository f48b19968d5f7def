//! `elasticio/legacy-env-oauth`

use specc_dialects::elasticio::component::UseLocation;
use specc_ir::Resolution;
use specc_syntax::edit::{insert_member, Place};

use super::{component, document};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `credentials.oauth2.client_id` / `client_secret` (or `oauth1.consumer_key` /
    /// `consumer_secret`) link to environment variables (`"{{OAUTH_CLIENT_ID}}"`, a vendor name such
    /// as `"{{PIZZAVAN_KEY}}"`, declared in `envVars` or the legacy `env`), and the component root
    /// does not say `"useOAuthClient": true`.
    ///
    /// ## Why it matters
    /// That is the legacy way of configuring OAuth on elastic.io: the client belongs to the
    /// component, so there can be one client per component per tenant, and a component made global
    /// would show its keys to every tenant. The platform's "Oauth Management" page asks components to
    /// declare `"useOAuthClient": true` and to keep the environment-variable link for compatibility;
    /// each tenant then registers its own client with
    /// `POST /v2/tenants/{TENANT_ID}/oauth-clients`.
    ///
    /// Sources: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("OAuth Brief", "Using OAuth Client in
    /// Components"); <https://docs.elastic.io/guides/oauth-clients-management>.
    ///
    /// ## Example
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    ///   "envVars": {
    ///     "OAUTH_CLIENT_ID": { "required": true },
    ///     "OAUTH_CLIENT_SECRET": { "required": true }
    ///   },
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_id": "{{OAUTH_CLIENT_ID}}",
    ///       "client_secret": "{{OAUTH_CLIENT_SECRET}}"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead (the `envVars` stay, the root gains the flag):
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    ///   "envVars": {
    ///     "OAUTH_CLIENT_ID": { "required": true },
    ///     "OAUTH_CLIENT_SECRET": { "required": true }
    ///   },
    ///   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_id": "{{OAUTH_CLIENT_ID}}",
    ///       "client_secret": "{{OAUTH_CLIENT_SECRET}}"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `"useOAuthClient": true` at the root, after `envVars` (or `env`), and keeps
    /// everything else. It is safe: the environment-variable link stays, as the platform asks for
    /// compatibility. Each tenant still has to create its client (`specc migrate` writes the
    /// `POST …/oauth-clients` body); no fix is offered while a misplaced `useOAuthClient` exists,
    /// because `elasticio/use-oauth-client-misplaced` moves that one.
    pub struct LegacyEnvOAuth {
        code: "elasticio/legacy-env-oauth",
        summary: "OAuth client keys come from environment variables and the component does not use tenant OAuth clients",
        severity: Warning,
        fix: Safe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for LegacyEnvOAuth {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        if c.uses_oauth_client() {
            return;
        }
        let Some(cred) = &c.credentials else { return };
        for block in cred.blocks() {
            let (id_key, secret_key) = block.version.credential_keys();
            let linked: Vec<(&str, &str)> = [id_key, secret_key]
                .into_iter()
                .filter_map(|k| {
                    let e = block.entry(k)?;
                    e.placeholders.iter().find_map(|p| match &p.resolution {
                        Resolution::EnvVar(n) => Some((k, n.as_str())),
                        _ => None,
                    })
                })
                .collect();
            let Some(first) = linked.first() else { continue };
            let Some(entry) = block.entry(first.0) else { continue };
            let vars: Vec<String> = linked.iter().map(|(_, n)| format!("`{n}`")).collect();
            let mut d = Diagnostic::warning(
                LegacyEnvOAuth::META.code,
                format!(
                    "`{}` takes its OAuth client from environment variables ({}) and the component does not set `\"useOAuthClient\": true`",
                    block.member.key,
                    vars.join(", ")
                ),
                entry.member.value_span,
            )
            .with_label("linked to a component environment variable")
            .with_note("with environment-variable keys a component has one OAuth client for all tenants; a global component would expose it to other tenants")
            .with_help(format!(
                "add `\"useOAuthClient\": true` at the component root, keep the envVars, and create each tenant's client with `POST /v2/tenants/{{TENANT_ID}}/oauth-clients` and the body {}",
                tenant_body(&linked)
            ));
            if let Some(decl) = c.env_var(first.1) {
                d = d.with_secondary(decl.span, "declared here");
            }
            let misplaced = c.use_oauth_client.iter().find(|u| u.location != UseLocation::Root);
            match (misplaced, c.root_use_oauth_client()) {
                (Some(m), _) => {
                    d = d.with_secondary(m.member.key_span, "`useOAuthClient` is here, not at the root");
                }
                (None, Some(root)) => {
                    // Present at the root but not `true`: `use-oauth-client-misplaced` reports the type.
                    d = d.with_secondary(root.member.value_span, "this is not the boolean `true`");
                }
                (None, None) => {
                    let after = c
                        .env_vars_member
                        .as_ref()
                        .map(|m| m.key.as_str())
                        .or_else(|| c.legacy_env.as_ref().map(|e| e.member.key.as_str()));
                    let place = after.map_or(Place::Last, Place::After);
                    let edit = document(cx)
                        .and_then(|doc| insert_member(doc, c.root.span, place, "useOAuthClient", "true"));
                    if let Some(edit) = edit {
                        d = d.with_fix(Fix::safe("add `\"useOAuthClient\": true` at the component root", vec![edit]));
                    }
                }
            }
            out.push(d);
        }
    }
}

/// The `POST /v2/tenants/{TENANT_ID}/oauth-clients` body for the linked variables, with the values
/// left as named holes (specc never knows, and never prints, them).
fn tenant_body(linked: &[(&str, &str)]) -> String {
    let hole = |key: &str, fallback: &str| {
        linked
            .iter()
            .find(|(k, _)| k.ends_with(key))
            .map_or(format!("<{fallback}>"), |(_, v)| format!("<value of {v}>"))
    };
    format!(
        "`{{\"data\": {{\"type\": \"oauth-client\", \"attributes\": {{\"client_id\": \"{}\", \"client_secret\": \"{}\"}}, \"relationships\": {{\"component\": {{\"data\": {{\"id\": \"<component id>\", \"type\": \"component\"}}}}}}}}}}`",
        hole("_id", "client id"),
        hole("_secret", "client secret"),
    )
}
