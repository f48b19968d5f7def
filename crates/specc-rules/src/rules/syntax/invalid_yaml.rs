//! `syntax/invalid-yaml` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is not valid YAML 1.2: bad indentation, a tab used for indentation, an unclosed
    /// quote or flow collection, or a mapping value where none is allowed.
    ///
    /// ## Why it matters
    /// The platform's loader rejects the file; nothing in it takes effect.
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// auth:
    ///   type: oauth2
    ///  getOAuthConfig:
    ///     implementationType: mapping
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
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    /// Use instead:
    /// ```yaml title="spec.yml"
    /// auth:
    ///   type: oauth2
    ///   getOAuthConfig:
    ///     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    /// ```
    pub struct InvalidYaml {
        code: specc_syntax::codes::INVALID_YAML,
        summary: "The file is not valid YAML",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
