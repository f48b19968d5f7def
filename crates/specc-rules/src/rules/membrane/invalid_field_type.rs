//! `membrane/invalid-field-type` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A field of a connector's `auth:` section or of its `getOAuthConfig` mapping has the wrong
    /// type: `auth` that is not an object, a method that is not an object, `scopes` items that are
    /// not strings, `skipPkce: "yes"`, `extra` that is not an object of parameters.
    ///
    /// ## Why it matters
    /// The Membrane SDK validates the spec with a schema; a wrong type makes the connector fail to
    /// load, or the field is dropped. specc reports the field and keeps lowering the rest.
    /// Source: Membrane's OAuth2 connector documentation (<https://docs.integration.app>) ("Config Parameters").
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
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// skipPkce: "yes"
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
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// skipPkce: false
    /// ```
    pub struct InvalidFieldType {
        code: specc_dialects::membrane::codes::INVALID_FIELD_TYPE,
        summary: "A connector auth field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
