//! `keboola/credentials-without-app-key`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The `authorization.oauth_api` object of a component configuration injects `credentials`
    /// (and names no broker registration `id`) without `appKey` or `#appSecret`.
    ///
    /// ## Why it matters
    /// "Credentials Injection" in Keboola's OAuth interface specification for components
    /// (<https://developers.keboola.com/extend/common-interface/oauth/>) shows `#data`, `appKey` and
    /// `#appSecret` together. A component that only sends the access token in `#data` works
    /// without them, but one that refreshes tokens or signs requests needs the OAuth app's key and
    /// secret, and fails once the access token expires. A missing `#data` is
    /// `keboola/config-oauth-api-shape`, an error.
    ///
    /// ## Example
    /// ```json title="config.json"
    /// { "authorization": { "oauth_api": { "credentials": { "#data": "{\"access_token\":\"…\"}" } } } }
    /// ```
    /// Use instead:
    /// ```json title="config.json"
    /// { "authorization": { "oauth_api": { "credentials": { "#data": "{\"access_token\":\"…\"}",
    ///   "appKey": "abc", "#appSecret": "KBC::ProjectSecure::…" } } } }
    /// ```
    pub struct CredentialsWithoutAppKey {
        code: "keboola/credentials-without-app-key",
        summary: "Injected OAuth credentials have no `appKey` or `#appSecret`",
        severity: Warning,
        fix: None,
        since: "0.2.0",
        reads: [Keboola],
    }
}

impl Rule for CredentialsWithoutAppKey {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(api) = super::model(cx).and_then(|m| m.oauth_api.as_deref()) else { return };
        let Some(creds) = &api.credentials else { return };
        if api.id.is_some() {
            return;
        }
        // `appKey: null` is as absent as no `appKey`: the broker always injects strings.
        let missing: Vec<&str> = ["appKey", "#appSecret"].into_iter().filter(|k| !creds.has_value(k)).collect();
        if missing.is_empty() {
            return;
        }
        let names = missing
            .iter()
            .map(|k| if creds.has(k) { format!("`{k}` (it is null)") } else { format!("`{k}`") })
            .collect::<Vec<_>>()
            .join(" and ");
        let plain = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
        let help = if missing.iter().any(|k| creds.has(k)) {
            format!("give {plain} the OAuth app's value")
        } else {
            format!("add {plain}")
        };
        out.push(
            Self::diagnostic(format!("injected `credentials` have no {names}"), creds.key_span)
                .with_note("components that refresh tokens or sign requests need the OAuth app's key and secret")
                .with_help(help),
        );
    }
}
