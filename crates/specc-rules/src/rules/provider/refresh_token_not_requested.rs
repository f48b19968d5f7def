//! `provider/refresh-token-not-requested` (formerly `elasticio/refresh-token-not-requested`)

use specc_ir::{AuthConfig, Dialect};
use specc_providers::{Provider, Refresh, RefreshHow};
use specc_syntax::edit::{insert_element, insert_member, Place};
use specc_syntax::SourceUrl;

use super::{has_authorization_code, platform, provider_of, query_value, source_note};
use crate::rules::elasticio::{component, document};
use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// An authorization code configuration for a provider that issues a refresh token only when the
    /// authorization request asks for one, on a platform that needs a refresh token, without that
    /// request. The provider catalog says how each provider is asked (`specc providers NAME`):
    /// * a parameter: Google `access_type=offline`, Dropbox `token_access_type=offline`, Reddit
    ///   `duration=permanent` (as a platform key, an extra parameter, or in the authorization URL's
    ///   query);
    /// * a scope: Microsoft identity platform `offline_access`, Salesforce `refresh_token` or
    ///   `offline_access`, X `offline.access`.
    ///
    /// Platforms that need a refresh token: elastic.io (every OAuth 2.0 key), Membrane (unless the
    /// connector says `noRefreshToken: true`) and Keboola (extractions run long after the user
    /// authorized).
    ///
    /// ## Why it matters
    /// Without a refresh token the connection stops working when the first access token expires
    /// (an hour for Google and Microsoft) and the user has to authorize again. elastic.io states that
    /// "a refresh_token is required for every OAuth 2.0 key"
    /// (<https://docs.elastic.io/developers/component-json-oauth>).
    ///
    /// Sources: the provider's page, linked in each finding; for example Google,
    /// <https://developers.google.com/identity/protocols/oauth2/web-server#offline>; Microsoft,
    /// <https://learn.microsoft.com/en-us/entra/identity-platform/scopes-oidc#offline_access>; Dropbox,
    /// <https://dropbox.tech/developers/using-oauth-2-0-with-offline-access>.
    ///
    /// This rule replaces `elasticio/refresh-token-not-requested`, which knew Google and Microsoft
    /// on elastic.io only; the old code still selects, ignores and suppresses this rule.
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
    ///       "auth_uri": "https://accounts.google.com/o/oauth2/v2/auth",
    ///       "token_uri": "https://oauth2.googleapis.com/token",
    ///       "scopes": ["https://www.googleapis.com/auth/drive"]
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
    ///       "auth_uri": "https://accounts.google.com/o/oauth2/v2/auth",
    ///       "token_uri": "https://oauth2.googleapis.com/token",
    ///       "scopes": ["https://www.googleapis.com/auth/drive"],
    ///       "access_type": "offline",
    ///       "prompt": "consent"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// On elastic.io the fix adds the parameter (with the companions the provider needs, such as
    /// Google's `prompt=consent`, when they are absent) to `credentials.oauth2`, or appends the scope
    /// to `scopes`; elsewhere it appends the parameter to the authorization URL. Users then see a
    /// consent screen asking for offline access, which changes what they are asked: unsafe.
    pub struct RefreshTokenNotRequested {
        code: "provider/refresh-token-not-requested",
        summary: "The provider issues a refresh token only when asked, the platform needs one, and it is not asked",
        severity: Warning,
        fix: Unsafe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

/// Why the platform needs a refresh token, when it does.
fn needs_refresh(config: &AuthConfig) -> Option<&'static str> {
    match config.dialect {
        Dialect::ElasticIo if config.refresh.platform_requires_refresh_token => {
            Some("elastic.io requires a refresh token for every OAuth 2.0 key; without one the credential expires with its first access token")
        }
        Dialect::Membrane if config.refresh.expects_refresh_token.as_ref().is_none_or(|e| e.value) => {
            Some("Membrane refreshes the access token with the refresh token unless the connector sets `noRefreshToken: true`; without one the connection must be authorized again when the token expires")
        }
        Dialect::Keboola => Some("Keboola runs jobs long after the user authorized; without a refresh token they fail once the first access token expires"),
        _ => None,
    }
}

impl Rule for RefreshTokenNotRequested {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            if !has_authorization_code(config) {
                continue;
            }
            let Some(why) = needs_refresh(config) else { continue };
            let Some((p, _)) = provider_of(cx, config) else { continue };
            let Some(r) = &p.refresh else { continue };
            match r.how {
                RefreshHow::Parameter => parameter(cx, config, p, r, why, out),
                RefreshHow::Scope => scope(cx, config, p, r, why, out),
                _ => {}
            }
        }
    }
}

fn auth_url(config: &AuthConfig) -> Option<&specc_ir::EndpointUrl> {
    config.flows.iter().find_map(|f| f.authorization_url.as_ref())
}

/// Whether `name=value` is an extra parameter or in the authorization URL's query.
fn has_param(config: &AuthConfig, name: &str) -> Option<String> {
    if let Some(e) = config.extra_params.iter().find(|e| e.name.value.eq_ignore_ascii_case(name)) {
        return Some(e.value.as_ref().map(|v| v.value.clone()).unwrap_or_default());
    }
    auth_url(config).and_then(|u| query_value(u.effective(), name)).map(|(v, _, _)| v)
}

fn parameter(cx: &Context<'_>, config: &AuthConfig, p: &Provider, r: &Refresh, why: &str, out: &mut Vec<Diagnostic>) {
    let (Some(name), Some(value)) = (&r.parameter, &r.value) else { return };
    let found = has_param(config, name);
    if found.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(value)) {
        return;
    }
    let Some(url) = auth_url(config) else { return };
    let existing = config.extra_params.iter().find(|e| e.name.value.eq_ignore_ascii_case(name));
    let span = existing.map_or(url.span, |e| e.value.as_ref().map_or(e.name.span, |v| v.span));
    let message = match &found {
        Some(other) => format!(
            "{} issues a refresh token only with `{name}={value}`, and this configuration sends `{name}={other}`",
            p.name
        ),
        None => format!(
            "{} issues a refresh token only with `{name}={value}`, and this configuration does not send it",
            p.name
        ),
    };
    let mut params = vec![(name.clone(), value.clone())];
    for a in &r.also {
        if let Some((n, v)) = a.split_once('=') {
            if has_param(config, n).is_none() {
                params.push((n.to_string(), v.to_string()));
            }
        }
    }
    let listed: Vec<String> = params.iter().map(|(n, v)| format!("`{n}={v}`")).collect();
    let mut d = Diagnostic::warning(RefreshTokenNotRequested::META.code, message, span)
        .with_label(format!("no `{name}={value}`"))
        .with_note(format!("{why}; {}", source_note(p, &r.source)))
        .with_help(format!("send {}", listed.join(" and ")));
    if found.is_none() {
        if let Some(edits) = parameter_fix(cx, config, url, &params) {
            d = d.with_fix(Fix::unsafe_(format!("ask {} for offline access", p.name), edits));
        }
    }
    out.push(d);
}

fn parameter_fix(
    cx: &Context<'_>,
    config: &AuthConfig,
    url: &specc_ir::EndpointUrl,
    params: &[(String, String)],
) -> Option<Vec<Edit>> {
    if config.dialect == Dialect::ElasticIo {
        let block = component(cx)?.oauth2()?;
        let doc = document(cx)?;
        let mut edit: Option<Edit> = None;
        for (n, v) in params {
            if block.entry(n).is_some() {
                continue;
            }
            let Some(e) = insert_member(doc, block.object.span, Place::Last, n, &format!("\"{v}\"")) else { continue };
            // All go after the last member: one edit keeps them in order.
            match &mut edit {
                Some(first) => first.replacement.push_str(&e.replacement),
                None => edit = Some(e),
            }
        }
        return edit.map(|e| vec![e]);
    }
    if url.resolved.is_some() {
        return None;
    }
    let mut tail = String::new();
    let mut sep = SourceUrl::new(&url.raw).query_separator();
    for (n, v) in params {
        tail.push_str(&format!("{sep}{n}={v}"));
        sep = "&";
    }
    let end = url.raw.len();
    cx.string_edit(url.span, &url.raw, end..end, &tail).map(|e| vec![e])
}

fn scope(cx: &Context<'_>, config: &AuthConfig, p: &Provider, r: &Refresh, why: &str, out: &mut Vec<Diagnostic>) {
    let wanted = |t: &str| r.scopes.iter().any(|s| s.eq_ignore_ascii_case(t));
    let split = |s: &str| s.split(|c: char| c == ',' || c.is_whitespace()).any(wanted);
    let in_list = config.requested_scopes.as_ref().is_some_and(|s| s.items.iter().any(|i| split(&i.value)));
    let in_url = auth_url(config).and_then(|u| query_value(u.effective(), "scope")).is_some_and(|(v, _, _)| split(&v));
    if in_list || in_url {
        return;
    }
    let Some(url) = auth_url(config) else { return };
    let span = config.requested_scopes.as_ref().map_or(url.span, |s| s.span);
    let names: Vec<String> = r.scopes.iter().map(|s| format!("`{s}`")).collect();
    let which = names.join(" or ");
    let mut d = Diagnostic::warning(
        RefreshTokenNotRequested::META.code,
        format!(
            "{} issues a refresh token only for the {which} scope, and this configuration does not request it",
            p.name
        ),
        span,
    )
    .with_label(format!("no {which}"))
    .with_note(format!("{why}; {}", source_note(p, &r.source)))
    .with_help(format!("request the {} scope ({})", names[0], platform(config.dialect)));
    if config.dialect == Dialect::ElasticIo {
        if let Some(block) = component(cx).and_then(|c| c.oauth2()) {
            let doc = document(cx);
            let item = format!("\"{}\"", r.scopes[0]);
            let edit = match &block.scopes {
                Some(s) if !s.is_string => doc.and_then(|doc| insert_element(doc, s.span, Place::Last, &item)),
                None => doc.and_then(|doc| {
                    insert_member(doc, block.object.span, Place::Last, "scopes", &format!("[{item}]"))
                }),
                Some(_) => None,
            };
            if let Some(edit) = edit {
                d = d.with_fix(Fix::unsafe_(format!("request the `{}` scope", r.scopes[0]), vec![edit]));
            }
        }
    }
    out.push(d);
}
