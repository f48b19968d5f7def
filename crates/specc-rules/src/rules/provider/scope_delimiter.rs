//! `provider/scope-delimiter`

use specc_ir::{AuthConfig, Dialect, Span};
use specc_providers::Provider;

use super::{platform, provider_of, query_value, source_note};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// The character that will separate scopes in the authorization request is one the provider
    /// does not accept. specc works out the separator the way each platform builds the request:
    /// * elastic.io joins the `scopes` array of `credentials.oauth2` with spaces (a string is sent
    ///   as written);
    /// * Keboola and every other platform send a `scope=` written into the authorization URL
    ///   template as written;
    /// * Membrane and Itential send a `scopes` / `scope` string as written.
    ///
    /// The provider's accepted separators come from the provider catalog (`specc providers NAME`),
    /// and describe its current authorization endpoint. A configuration still on a deprecated
    /// endpoint is left to `provider/deprecated-endpoint` (Slack's legacy `oauth/authorize` took
    /// spaces, <https://api.slack.com/legacy/oauth>).
    ///
    /// ## Why it matters
    /// RFC 6749 §3.3 makes scopes space-delimited, but some providers use commas instead: Slack's
    /// `oauth/v2/authorize` takes a comma-separated list
    /// (<https://docs.slack.dev/authentication/installing-with-oauth>; Slack's own `@slack/oauth`
    /// package joins scopes with commas).
    /// Sent the other separator, the provider reads one scope with an odd name and answers
    /// `invalid_scope`, or grants less than asked: the connection does not work.
    ///
    /// ## Example
    /// Slack reads the `scope` parameter as a comma-separated list, and elastic.io joins the list with spaces:
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
    /// @       "auth_uri": "https://slack.com/oauth/v2/authorize",
    /// @       "token_uri": "https://slack.com/api/oauth.v2.access",
    ///       "scopes": ["channels:read", "chat:write"]
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
    /// @       "auth_uri": "https://slack.com/oauth/v2/authorize",
    /// @       "token_uri": "https://slack.com/api/oauth.v2.access",
    ///       "scopes": ["channels:read,chat:write"]
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// When the scopes are one string (a `scope=` query value or a string field), the fix rewrites it
    /// with the provider's separator; the scopes asked for stay the same, so it is safe. A list joined
    /// by the platform gets help only.
    pub struct ScopeDelimiter {
        code: "provider/scope-delimiter",
        summary: "Scopes will be sent separated by a character the provider does not accept",
        severity: Error,
        fix: Safe,
        since: "0.2.0",
    }
}

/// The separator used in a string of at least two scopes.
fn separator(s: &str) -> Option<char> {
    let tokens = s.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()).count();
    if tokens < 2 {
        None
    } else if s.contains(',') {
        Some(',')
    } else {
        Some(' ')
    }
}

fn name(c: char) -> &'static str {
    if c == ',' {
        "commas"
    } else {
        "spaces"
    }
}

impl Rule for ScopeDelimiter {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some((p, _)) = provider_of(cx, config) else { continue };
            let Some(fact) = &p.scope_delimiter else { continue };
            let Some(want) = fact.accepted.iter().find_map(|d| d.chars().next()) else { continue };
            let legacy = config.flows.iter().filter_map(|f| f.authorization_url.as_ref());
            if legacy.into_iter().any(|u| p.deprecated_for(u.effective()).is_some()) {
                continue;
            }
            // `scope=` written into the authorization URL, in every dialect.
            for flow in &config.flows {
                let Some(url) = &flow.authorization_url else { continue };
                let Some((value, start, end)) = query_value(&url.raw, "scope") else { continue };
                let Some(used) = separator(&value) else { continue };
                if fact.accepts(used) {
                    continue;
                }
                let joined = join(&value, want, true);
                let mut d = report(p, config, used, want, &fact.source, url.span, "in the authorization URL's `scope`")
                    .with_help(format!("write `scope={joined}`"));
                if let Some(edit) = cx.string_edit(url.span, &url.raw, start..end, &joined) {
                    d = d.with_fix(Fix::safe(format!("separate the scopes with {}", name(want)), vec![edit]));
                }
                out.push(d);
            }
            let Some(req) = &config.requested_scopes else { continue };
            match &req.raw {
                Some(raw) => {
                    // Itential's own rule already asks for spaces in `scope`.
                    if config.dialect == Dialect::Itential && fact.accepts(' ') {
                        continue;
                    }
                    let Some(used) = separator(raw) else { continue };
                    if fact.accepts(used) {
                        continue;
                    }
                    let joined = join(raw, want, false);
                    let mut d = report(p, config, used, want, &fact.source, req.span, "in the scope string")
                        .with_help(format!("write the scopes as `{joined}`"));
                    if let Some(edit) = cx.string_edit(req.span, raw, 0..raw.len(), &joined) {
                        d = d.with_fix(Fix::safe(format!("separate the scopes with {}", name(want)), vec![edit]));
                    }
                    out.push(d);
                }
                None => {
                    // A list: the platform joins it.
                    let Some(used) = list_join(config.dialect) else { continue };
                    if req.items.len() < 2 || fact.accepts(used) {
                        continue;
                    }
                    let items: Vec<&str> = req.items.iter().map(|i| i.value.as_str()).collect();
                    let joined = items.join(&want.to_string());
                    out.push(
                        report(p, config, used, want, &fact.source, req.span, "when it joins this list")
                            .with_help(format!("write the scopes as one item, `{joined}`")),
                    );
                }
            }
        }
    }
}

/// How a platform joins a list of scopes, where its documentation or runtime says so.
fn list_join(d: Dialect) -> Option<char> {
    match d {
        Dialect::ElasticIo => Some(' '),
        _ => None,
    }
}

fn join(value: &str, want: char, in_query: bool) -> String {
    let sep = match (want, in_query) {
        (' ', true) => "%20".to_string(),
        (c, _) => c.to_string(),
    };
    value.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(&sep)
}

fn report(
    p: &Provider,
    config: &AuthConfig,
    used: char,
    want: char,
    source: &str,
    span: Span,
    place: &str,
) -> Diagnostic {
    Diagnostic::error(
        ScopeDelimiter::META.code,
        format!(
            "{} expects scopes separated by {}, and {} will send them separated by {} {place}",
            p.name,
            name(want),
            platform(config.dialect),
            name(used)
        ),
        span,
    )
    .with_label(format!("scopes separated by {}", name(used)))
    .with_note(source_note(p, source))
}
