//! `elasticio/placeholder-undefined`

use specc_dialects::openapi::did_you_mean;
use specc_ir::Resolution;

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A `{{NAME}}` inside a `credentials.oauth2` / `oauth1` value names neither an environment
    /// variable (`envVars`, or the legacy `env`) nor a credential field (`credentials.fields`). When a
    /// credential field uses `HTTPAuthView`, the names its OAuth 2 sub-form fills (`clientId`,
    /// `clientSecret`, `authUri`, `tokenUri`, `scopes`) are defined. Names written like environment
    /// variables (`SALESFORCE_KEY`) are reported only when they look like a typo of a declared name:
    /// the platform fills them from the variables set on the repository, declared in `envVars` or not.
    ///
    /// ## Why it matters
    /// The platform fills `{{NAME}}` from the component's environment variables and the user's
    /// credential fields. A name that is neither stays unresolved: the provider receives an empty or
    /// literal `{{NAME}}` client id, or an endpoint URL with a hole in it. Real components ship this
    /// way when a refactoring renames the variables (`{{PODIO_APP_ID}}` with only `apikey`/`email`
    /// declared).
    ///
    /// Sources: <https://docs.elastic.io/developers/defining-env-vars> (`{{OAUTH_CLIENT_ID}}`),
    /// <https://docs.elastic.io/developers/component-json-oauth> (`{{prodEnv}}` from a field).
    ///
    /// ## Example
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
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_id": "{{OAUTH_CLEINT_ID}}"
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
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "client_id": "{{OAUTH_CLIENT_ID}}"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct PlaceholderUndefined {
        code: "elasticio/placeholder-undefined",
        summary: "A `{{NAME}}` that names no environment variable and no credential field",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for PlaceholderUndefined {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(cred) = &c.credentials else { return };
        let targets = c.link_targets();
        for block in cred.blocks() {
            for (entry, p) in block.placeholders() {
                if p.resolution != Resolution::Unresolved {
                    continue;
                }
                let suggestion = did_you_mean(&p.name, &targets);
                // An undeclared variable is fine unless it looks like a typo of a declared name.
                if is_env_style(&p.name) && suggestion.is_none() {
                    continue;
                }
                let mut d = Diagnostic::error(
                    PlaceholderUndefined::META.code,
                    format!(
                        "`{{{{{}}}}}` in `{}.{}` names no environment variable and no credential field",
                        p.name, block.member.key, entry.member.key
                    ),
                    p.span,
                )
                .with_label("not declared");
                d = match suggestion {
                    Some(s) => d.with_help(format!("did you mean `{{{{{s}}}}}`?")),
                    None if p.name.is_empty() => d.with_help("write the variable's name between the braces"),
                    None => d.with_help(format!(
                        "declare `{}` in `envVars` (`\"{}\": {{\"required\": true}}`) or as a credential field",
                        p.name, p.name
                    )),
                };
                if let Some(m) = c.env_vars_member.as_ref().or(c.legacy_env.as_ref().map(|e| &e.member)) {
                    d = d.with_secondary(m.key_span, "variables are declared here");
                }
                out.push(d);
            }
        }
    }
}

/// `SALESFORCE_KEY`: an environment variable's name. The platform fills `{{NAME}}` from the variables
/// set on the component's repository whether or not `envVars` declares them (elastic.io's own older
/// components rely on it), so an undeclared one is not proof of an unresolved link.
fn is_env_style(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}
