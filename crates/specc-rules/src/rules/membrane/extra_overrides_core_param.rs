//! `membrane/extra-overrides-core-param`

use specc_syntax::edit::delete_member;

use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `extra` in the `getOAuthConfig` mapping sets a parameter the platform already sends on the
    /// authorize request: `response_type`, `client_id`, `redirect_uri`, `state`, `code_challenge`,
    /// `code_challenge_method` or `scope`.
    ///
    /// ## Why it matters
    /// `extra` is for "Additional parameters to add to the authorize URI"
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>)), i.e. the ones OAuth does not cover (`prompt`,
    /// `access_type`). RFC 6749 §3.1 says request parameters "MUST NOT be included more than once":
    /// a duplicated `state` or `redirect_uri` is rejected by strict providers, or silently overrides
    /// the platform's CSRF and redirect handling. Scopes belong in `scopes`.
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// @ auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    /// ```
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ clientAuthLocation: headers
    /// extra:
    ///   prompt: consent
    ///   scope: read write
    /// ```
    /// ```yaml title="auth/make-api-client.map.yml"
    /// @ baseUri: https://api.example.com
    /// @ headers:
    /// @   Authorization:
    /// @     $concat:
    /// @       values:
    /// @         - 'Bearer '
    /// @         - $var: credentials.access_token
    /// ```
    /// ```js title="auth/test.js"
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    /// Use instead:
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ clientAuthLocation: headers
    /// scopes:
    ///   - read
    ///   - write
    /// extra:
    ///   prompt: consent
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the parameter is unsafe: the request changes (the platform's own value is used), and
    /// a `scope` value still has to be moved into `scopes` by hand.
    pub struct ExtraOverridesCoreParam {
        code: "membrane/extra-overrides-core-param",
        summary: "`extra` sets a core OAuth parameter the platform already sends",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [Membrane],
    }
}

const CORE: [&str; 7] =
    ["response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope"];

impl Rule for ExtraOverridesCoreParam {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(view) = super::oauth_config(cx) else { return };
        let core: Vec<_> = view.extra_params.iter().filter(|(k, _)| CORE.contains(&k.key.as_str())).collect();
        // When every parameter goes, delete the whole `extra:` member instead of leaving it empty.
        let all = core.len() == view.extra_params.len();
        for (k, _) in &core {
            let mut d = Diagnostic::error(
                ExtraOverridesCoreParam::META.code,
                format!("`extra.{}` duplicates a parameter the platform sets on the authorize request", k.key),
                k.key_span,
            )
            .with_label("sent twice");
            d = if k.key == "scope" {
                d.with_help("list the scopes under `scopes` and remove `extra.scope`")
            } else {
                d.with_help(format!("remove `{}` from `extra`; the platform sends it", k.key))
            };
            let target = if all { view.extra.as_ref().map(|e| e.member_span) } else { Some(k.member_span) };
            if let Some(edit) = target.and_then(|t| delete_member(cx.doc(t.file)?, t)) {
                let title = if all { "delete `extra`".to_string() } else { format!("delete `extra.{}`", k.key) };
                d = d.with_fix(Fix::unsafe_(title, vec![edit]));
            }
            out.push(d);
        }
    }
}
