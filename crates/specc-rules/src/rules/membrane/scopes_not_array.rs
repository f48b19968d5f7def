//! `membrane/scopes-not-array`

use specc_dialects::membrane::ScopesView;
use specc_syntax::write_json_string;

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `scopes` in the `getOAuthConfig` mapping is one string (`"read write"`, `"read,write"`) instead
    /// of a list.
    ///
    /// ## Why it matters
    /// Membrane's OAuth2 connector documentation (<https://docs.integration.app>) describes `scopes`
    /// as a "List of OAuth scopes to request" and writes it as a YAML list; the SDK's connector schema
    /// is an array of strings. A string fails validation, or is sent as one scope containing spaces.
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
    /// scopes: read write
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
    /// scopes: ["read", "write"]
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the string is split on whitespace, the OAuth scope delimiter (RFC 6749 §3.3). A
    /// string with commas gets no fix: a comma can be part of a scope name.
    pub struct ScopesNotArray {
        code: "membrane/scopes-not-array",
        summary: "`scopes` is a string instead of a list",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for ScopesNotArray {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(view) = super::oauth_config(cx) else { return };
        let Some((ScopesView::String(s), span)) = &view.scopes else { return };
        let mut d = Diagnostic::error(ScopesNotArray::META.code, "`scopes` is a string, not a list", *span)
            .with_label("one string")
            .with_help("write one list item per scope");
        let tokens: Vec<&str> = s.value.split_whitespace().collect();
        if !s.value.contains(',') && !tokens.is_empty() {
            let mut list = String::from("[");
            for (i, t) in tokens.iter().enumerate() {
                if i > 0 {
                    list.push_str(", ");
                }
                write_json_string(t, &mut list);
            }
            list.push(']');
            d = d.with_fix(Fix::safe("split into a list", vec![Edit { span: *span, replacement: list }]));
        } else if s.value.contains(',') {
            d = d.with_note("the string contains commas; check whether they separate scopes before splitting");
        }
        out.push(d);
    }
}
