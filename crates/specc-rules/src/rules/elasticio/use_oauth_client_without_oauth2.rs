//! `elasticio/use-oauth-client-without-oauth2`

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The component root says `"useOAuthClient": true` but `credentials` has no `oauth2` object
    /// (and `authClientTypes` does not list an `oauth2` auth client).
    ///
    /// ## Why it matters
    /// `useOAuthClient` tells the platform to take `client_id` and `client_secret` from the
    /// tenant's OAuth client *for the `oauth2` block*. Without the block there are no
    /// `auth_uri`/`token_uri` to run the flow against: the tenant client is never used.
    ///
    /// Source: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("specify `"useOAuthClient": true` … Add the
    /// following object to component.json: `"oauth2": {…}`").
    ///
    /// ## Example
    /// ```json title="component.json"
    /// { "useOAuthClient": true, "credentials": { "fields": { "oauth": { "label": "Sign in", "viewClass": "OAuthFieldView" } } } }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// { "useOAuthClient": true, "credentials": { "fields": { "oauth": { "label": "Sign in", "viewClass": "OAuthFieldView" } },
    ///   "oauth2": { "client_id": "", "client_secret": "", "auth_uri": "https://auth.example.com/authorize",
    ///     "token_uri": "https://auth.example.com/token" } } }
    /// ```
    pub struct UseOAuthClientWithoutOAuth2 {
        code: "elasticio/use-oauth-client-without-oauth2",
        summary: "`useOAuthClient` is set but there is no `credentials.oauth2` block",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for UseOAuthClientWithoutOAuth2 {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(u) = c.root_use_oauth_client() else { return };
        if !u.value.truthy() || c.oauth2().is_some() || c.auth_client_oauth2() {
            return;
        }
        let mut d = Diagnostic::error(
            UseOAuthClientWithoutOAuth2::META.code,
            "`useOAuthClient` is true but `credentials` has no `oauth2` block for the tenant client",
            u.member.key_span,
        )
        .with_label("the tenant's OAuth client has nothing to configure")
        .with_help("add `credentials.oauth2` with `auth_uri` and `token_uri`; `client_id`/`client_secret` come from the tenant client");
        if let Some(cred) = &c.credentials {
            d = d.with_secondary(cred.member.key_span, "no `oauth2` here");
        }
        out.push(d);
    }
}
