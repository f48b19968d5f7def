//! `keboola/config-oauth-api-shape`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The `authorization.oauth_api` object of a component configuration:
    /// - has neither an `id` (a broker registration) nor injected `credentials`;
    /// - has injected `credentials` without `#data`.
    ///
    /// A registration without `"version": 3` is `keboola/oauth-api-version-deprecated`; injected
    /// credentials without `appKey`/`#appSecret` are `keboola/credentials-without-app-key`.
    ///
    /// ## Why it matters
    /// The component gets its tokens from the OAuth Broker registration named by `id`, or from the
    /// `credentials` injected into the configuration, whose `#data` holds the provider's token
    /// response ("Credentials Injection" in Keboola's OAuth interface specification for components,
    /// <https://developers.keboola.com/extend/common-interface/oauth/>). With neither, or without
    /// `#data`, the component has no token to call the API with.
    ///
    /// ## Example
    /// ```json title="config.json"
    /// { "authorization": { "oauth_api": { "credentials": { "appKey": "abc", "#appSecret": "KBC::ProjectSecure::…" } } } }
    /// ```
    /// Use instead:
    /// ```json title="config.json"
    /// { "authorization": { "oauth_api": { "id": "123456", "version": 3 } } }
    /// ```
    pub struct ConfigOauthApiShape {
        code: "keboola/config-oauth-api-shape",
        summary: "`authorization.oauth_api` gives the component no token",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for ConfigOauthApiShape {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(api) = super::model(cx).and_then(|m| m.oauth_api.as_deref()) else { return };
        if api.id.is_none() && api.credentials.is_none() {
            out.push(
                Self::diagnostic("`oauth_api` has neither an `id` nor injected `credentials`", api.key_span)
                    .with_label("no authorization to use")
                    .with_help("set `id` to the OAuth Broker registration, or inject `credentials` with `#data`"),
            );
        }
        if let Some(creds) = &api.credentials {
            if !creds.has("#data") {
                out.push(
                    Self::diagnostic("injected `credentials` have no `#data`", creds.key_span)
                        .with_label("no token response")
                        .with_help("add `#data` with the provider's token response as a JSON string"),
                );
            }
        }
    }
}
