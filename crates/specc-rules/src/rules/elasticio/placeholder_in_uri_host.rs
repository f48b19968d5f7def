//! `elasticio/placeholder-in-uri-host`

use specc_dialects::elasticio::component::{Component, PlaceholderRef};
use specc_ir::Resolution;
use specc_syntax::SourceUrl;

use super::{component, endpoints, EndpointEntry};
use crate::{declare_rule, Context, Diagnostic, Rule, Severity};

declare_rule! {
    /// ## What it checks
    /// The host of an `oauth2`/`oauth1` endpoint is built from a `{{NAME}}` placeholder, such as
    /// Salesforce's `https://{{prodEnv}}.salesforce.com/services/oauth2/token`.
    ///
    /// The finding is `info` when the placeholder is a `SelectView` credential field with a fixed
    /// `model` (the user picks one of the listed hosts) or an environment variable (set by the
    /// component's owner), and a `warning` when it is free text the user types, or names nothing.
    ///
    /// ## Why it matters
    /// The platform posts the client id, the client secret and the authorization code to
    /// `token_uri`. When a user can type the host, they can send the component's OAuth client secret
    /// to a server of their choice; specc, an emitter or a reviewer cannot tell statically where
    /// tokens go.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-oauth> (Salesforce `{{prodEnv}}`
    /// example); RFC 9700 §4.1 and §2.6 (credentials must go only to the intended authorization
    /// server).
    ///
    /// ## Severity
    /// A warning when the user types the host (or the placeholder names nothing); info when the host
    /// is picked from a fixed `SelectView` list or set by the component's owner through an
    /// environment variable, where only the component's author chooses where tokens go.
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
    ///     "fields": {
    /// @       "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true },
    ///       "domain": { "label": "Domain", "viewClass": "TextFieldView" }
    ///     },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://login.salesforce.com/services/oauth2/authorize",
    /// @       "scopes": ["api", "refresh_token"],
    ///       "token_uri": "https://{{domain}}/services/oauth2/token"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead a fixed host (a host picked from a fixed `SelectView` list is reported as info):
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
    /// @       "auth_uri": "https://login.salesforce.com/services/oauth2/authorize",
    /// @       "scopes": ["api", "refresh_token"],
    ///       "token_uri": "https://login.salesforce.com/services/oauth2/token"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct PlaceholderInUriHost {
        code: "elasticio/placeholder-in-uri-host",
        summary: "The host of an OAuth endpoint comes from a placeholder",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for PlaceholderInUriHost {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        for EndpointEntry { block, entry: e, url } in endpoints(cx) {
            let (key, url) = (&e.member.key, &url.raw);
            // The authority ends at the first `/`, `?` or `#` outside a placeholder.
            let Some(authority) = SourceUrl::new(url).authority_range() else { continue };
            for p in e.placeholders.iter().filter(|p| p.start >= authority.start && p.end <= authority.end) {
                out.push(diagnostic(c, &block.member.key, key, p));
            }
        }
    }
}

fn diagnostic(c: &Component, block: &str, key: &str, p: &PlaceholderRef) -> Diagnostic {
    let (severity, source) = match &p.resolution {
        Resolution::Field(f) => match c.field(f) {
            Some(field)
                if field.view_class.as_ref().is_some_and(|v| v.value == "SelectView")
                    && !field.model_keys.is_empty() =>
            {
                (
                    Severity::Info,
                    format!("the credential field `{f}`, picked from a fixed list ({})", field.model_keys.join(", ")),
                )
            }
            _ => (Severity::Warning, format!("the credential field `{f}`, which the user types")),
        },
        Resolution::EnvVar(v) => {
            (Severity::Info, format!("the environment variable `{v}`, set by the component's owner"))
        }
        _ => (Severity::Warning, "a name that is not declared".to_string()),
    };
    let mut d = Diagnostic::new(
        PlaceholderInUriHost::META.code,
        severity,
        format!("the host of `{block}.{key}` comes from `{{{{{}}}}}`: {source}", p.name),
        p.span,
    )
    .with_label("host chosen at run time")
    .with_note("the client secret and authorization codes are sent to this host");
    d = if severity == Severity::Info {
        d.with_help("keep the list of hosts fixed; prefer one URL per provider environment")
    } else {
        d.with_help("use a `SelectView` field whose `model` lists the provider's hosts, or write the host literally")
    };
    d
}
