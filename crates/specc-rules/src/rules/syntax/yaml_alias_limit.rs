//! `syntax/yaml-alias-limit` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// YAML aliases (`*name`) expand to more nodes than specc's budget (a million, or twice the
    /// file's size in bytes, whichever is larger).
    ///
    /// ## Why it matters
    /// A "billion laughs" document is a few hundred bytes that expand to billions of nodes. specc
    /// refuses to expand it rather than exhaust memory.
    ///
    /// ## Example
    /// Seven levels of nine aliases each (the page shows three):
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
    /// extra:
    ///   a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
    ///   b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    ///   c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// @   d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    /// @   e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    /// @   f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    /// @   g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    ///   # … seven levels of nine: 9⁷ = 4,782,969 values
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
    /// Use instead plain values:
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
    /// extra:
    ///   prompt: consent
    /// ```
    pub struct YamlAliasLimit {
        code: specc_syntax::codes::ALIAS_LIMIT,
        summary: "YAML aliases expand past the node budget",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
