//! `membrane/implementation-file-missing`

use specc_dialects::membrane::{MethodFile, SpecForm};

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A method of a connector directory points to a file that does not exist: its `filePath`, or,
    /// without one, every name the SDK looks for (`auth/get-oauth-config.map.yml`,
    /// `auth/oauth-config.yml`, `auth/test.js`, `auth/test.ts`...).
    ///
    /// Single-file workspace exports (`<version>.yaml`) are not checked: their method files live in
    /// the export's archive.
    ///
    /// ## Why it matters
    /// The platform documentation's connector layout keeps each implementation in a file under `auth/`
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>): "File: auth/get-oauth-config.map.yml",
    /// "File: auth/get-token-data.js"). A missing file makes the connector fail to build, or the
    /// method fail at run time when a user connects.
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// @ name: Example
    /// @ key: example
    /// auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    ///   test:
    ///     implementationType: javascript
    ///     filePath: auth/tset.js
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
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    /// Use instead:
    /// ```yaml title="spec.yml"
    /// @ name: Example
    /// @ key: example
    /// auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    ///   test:
    ///     implementationType: javascript
    ///     filePath: auth/test.js
    /// ```
    pub struct ImplementationFileMissing {
        code: "membrane/implementation-file-missing",
        summary: "A connector auth method points to a file that does not exist",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for ImplementationFileMissing {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = super::model(cx) else { return };
        if model.form != SpecForm::Directory {
            return;
        }
        let Some(auth) = &model.auth else { return };
        for m in &auth.methods {
            let MethodFile::Missing { expected } = &m.file else { continue };
            let Some(first) = expected.first() else { continue };
            let (span, label) = match &m.file_path {
                Some(fp) => (fp.span, "no such file"),
                None => (m.key_span, "no implementation file found"),
            };
            let mut d = Diagnostic::error(
                ImplementationFileMissing::META.code,
                format!("`{}` is implemented in `{first}`, which does not exist", m.name),
                span,
            )
            .with_label(label);
            d = if expected.len() > 1 {
                d.with_note(format!(
                    "looked for {}",
                    expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
                ))
                .with_help(format!("create `{first}` next to `spec.yml`, or set `filePath`"))
            } else {
                d.with_help("create the file, or correct `filePath` (it is relative to the directory of `spec.yml`)")
            };
            out.push(d);
        }
    }
}
