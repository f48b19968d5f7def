//! `membrane/implementation-export-missing`

use specc_dialects::membrane::MethodFile;

use crate::{declare_rule, Context, Diagnostic, Rule, Severity};

declare_rule! {
    /// ## What it checks
    /// A JavaScript/TypeScript method file does not export the method: no `exports.NAME =`,
    /// `module.exports.NAME =`, `module.exports =`, `export (async) function NAME`, `export const
    /// NAME`, `export { NAME }` or `export default`. The check is a light syntactic scan (comments and
    /// string contents are ignored); specc runs no JavaScript.
    ///
    /// ## Why it matters
    /// The platform documentation's hooks are written as `exports.getTokenData = async function (…)`
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>), "Custom Token Request"). A file that exports another
    /// name, often left over from copying a neighbouring hook, loads fine and then fails when the
    /// platform calls the method.
    ///
    /// ## Example
    /// A connector whose `test` method is `auth/test.js`:
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
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
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
    /// exports.check = async function ({ apiClient }) {
    ///   await apiClient.get('/me')
    /// }
    /// ```
    /// Use instead:
    /// ```js title="auth/test.js"
    /// exports.test = async function ({ apiClient }) {
    ///   await apiClient.get('/me')
    /// }
    /// ```
    pub struct ImplementationExportMissing {
        code: "membrane/implementation-export-missing",
        summary: "A JavaScript method file does not export the method",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for ImplementationExportMissing {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        for m in &auth.methods {
            let MethodFile::Found { path, file, js: Some(js) } = &m.file else { continue };
            if js.exports(&m.name) {
                continue;
            }
            let message = format!("`{path}` does not export `{}`", m.name);
            let d = match js.named.first() {
                Some(other) => Diagnostic::error(ImplementationExportMissing::META.code, message, other.span)
                    .with_label(format!("exports `{}` instead", other.value)),
                None => Diagnostic::file(ImplementationExportMissing::META.code, Severity::Error, message, *file),
            };
            out.push(
                d.with_secondary(m.key_span, "method declared here")
                    .with_help(format!("export the function as `exports.{} = async function (…) {{ … }}`", m.name)),
            );
        }
    }
}
