//! `elasticio/refresh-token-not-requested`

use specc_dialects::elasticio::component::{OAuthBlock, OAuthVersion};

use super::json_edit::{append_item, insert_member};
use super::{component, source};
use crate::util::host;
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth 2.0 `oauth2` block for a provider that returns a refresh token only when asked:
    /// * Google (`auth_uri` on `accounts.google.com`) without `access_type=offline` (as an
    ///   `oauth2` key or in the `auth_uri` query);
    /// * Microsoft identity platform v2.0 (`login.microsoftonline.com/…/oauth2/v2.0/…`) whose
    ///   `scopes` lack `offline_access`.
    ///
    /// ## Why it matters
    /// elastic.io requires a refresh token for every OAuth 2.0 key: it refreshes the access token
    /// on its own while flows run. Without one the credential stops working when the first access
    /// token expires (an hour for both providers), and the user has to sign in again.
    ///
    /// Sources: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("NOTE: A refresh_token is required for
    /// every OAuth 2.0 key"); Google, <https://developers.google.com/identity/protocols/oauth2/web-server#offline>;
    /// Microsoft, <https://learn.microsoft.com/entra/identity-platform/scopes-oidc#offline_access>;
    /// <https://docs.elastic.io/developers/component-json-oauth> (Google example with
    /// `access_type`/`prompt`).
    ///
    /// ## Example
    /// ```json
    /// { "oauth2": { "auth_uri": "https://accounts.google.com/o/oauth2/v2/auth",
    ///   "token_uri": "https://oauth2.googleapis.com/token", "scopes": ["https://www.googleapis.com/auth/drive"] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "oauth2": { "auth_uri": "https://accounts.google.com/o/oauth2/v2/auth",
    ///   "token_uri": "https://oauth2.googleapis.com/token", "scopes": ["https://www.googleapis.com/auth/drive"],
    ///   "access_type": "offline", "prompt": "consent" } }
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `"access_type": "offline"` (and `"prompt": "consent"` when no `prompt` is set)
    /// for Google, or appends `"offline_access"` to `scopes` for Microsoft. Users then see a consent
    /// screen asking for offline access, which changes what they are asked: unsafe.
    pub struct RefreshTokenNotRequested {
        code: "elasticio/refresh-token-not-requested",
        summary: "An OAuth 2.0 provider that returns a refresh token only when asked, and it is not asked",
        severity: Warning,
        fix: Unsafe,
        since: "0.1.0",
    }
}

impl Rule for RefreshTokenNotRequested {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(block) = c.oauth2() else { return };
        if block.version != OAuthVersion::V2 {
            return;
        }
        let Some(auth) = block.entry("auth_uri") else { return };
        let Some(url) = auth.text.as_deref() else { return };
        let Some(h) = host(url) else { return };
        if h == "accounts.google.com" {
            google(cx, block, url, auth.member.value_span, out);
        } else if (h == "login.microsoftonline.com" || h == "login.microsoft.com") && url.contains("/oauth2/v2.0/") {
            microsoft(cx, block, auth.member.value_span, out);
        }
    }
}

fn google(cx: &Context<'_>, block: &OAuthBlock, url: &str, span: specc_ir::Span, out: &mut Vec<Diagnostic>) {
    let in_key = block.entry("access_type").and_then(|e| e.text.as_deref()) == Some("offline");
    let in_query = url.split_once('?').is_some_and(|(_, q)| q.split('&').any(|p| p == "access_type=offline"));
    if in_key || in_query {
        return;
    }
    let mut d = Diagnostic::warning(
        RefreshTokenNotRequested::META.code,
        "Google returns a refresh token only with `access_type=offline`, and this `oauth2` block does not ask for it",
        block.entry("access_type").map_or(span, |e| e.member.value_span),
    )
    .with_label("no `access_type=offline`")
    .with_note("elastic.io requires a refresh token for every OAuth 2.0 key; without it the credential expires with its first access token")
    .with_help("add `\"access_type\": \"offline\"` and `\"prompt\": \"consent\"` to `credentials.oauth2`");
    // Only when the key is absent: a present, different value is the author's to change.
    if block.entry("access_type").is_none() {
        let text = source(cx);
        let mut edit = insert_member(text, &block.object, None, "access_type", "\"offline\"");
        if block.entry("prompt").is_none() {
            // Both go after the last member: one edit keeps them in order.
            edit.replacement.push_str(&insert_member(text, &block.object, None, "prompt", "\"consent\"").replacement);
        }
        d = d.with_fix(Fix::unsafe_("ask Google for offline access", vec![edit]));
    }
    out.push(d);
}

fn microsoft(cx: &Context<'_>, block: &OAuthBlock, auth_span: specc_ir::Span, out: &mut Vec<Diagnostic>) {
    let has = block.scopes.as_ref().is_some_and(|s| {
        s.items.iter().any(|i| i.value.split([' ', ',']).any(|t| t.eq_ignore_ascii_case("offline_access")))
    });
    if has {
        return;
    }
    let span = block.scopes.as_ref().map_or(auth_span, |s| s.span);
    let mut d = Diagnostic::warning(
        RefreshTokenNotRequested::META.code,
        "the Microsoft identity platform returns a refresh token only for the `offline_access` scope, and `scopes` does not list it",
        span,
    )
    .with_label("no `offline_access`")
    .with_note("elastic.io requires a refresh token for every OAuth 2.0 key; without it the credential expires with its first access token")
    .with_help("add `\"offline_access\"` to `credentials.oauth2.scopes`");
    let text = source(cx);
    match &block.scopes {
        Some(s) if !s.is_string => {
            let items: Vec<specc_ir::Span> = s.items.iter().map(|i| i.span).collect();
            d = d.with_fix(Fix::unsafe_(
                "request the `offline_access` scope",
                vec![append_item(text, s.span, &items, "\"offline_access\"")],
            ));
        }
        None => {
            d = d.with_fix(Fix::unsafe_(
                "request the `offline_access` scope",
                vec![insert_member(text, &block.object, None, "scopes", "[\"offline_access\"]")],
            ));
        }
        Some(_) => {}
    }
    out.push(d);
}
