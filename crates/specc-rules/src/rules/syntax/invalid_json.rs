//! `syntax/invalid-json` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is not valid JSON (RFC 8259): an unbalanced brace, a missing or trailing comma, a
    /// comment, a single-quoted string, an unquoted key, or content after the document's value.
    ///
    /// ## Why it matters
    /// Every platform reads these files with a strict JSON parser: the manifest is rejected as a
    /// whole. specc points at the first byte where the text stops being JSON and, for an unclosed
    /// brace or bracket, at where it was opened.
    ///
    /// ## Example
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    ///       "auth_uri": "https://auth.example.com/authorize",
    ///       "token_uri": "https://auth.example.com/token",
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    ///       "auth_uri": "https://auth.example.com/authorize",
    ///       "token_uri": "https://auth.example.com/token"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct InvalidJson {
        code: specc_syntax::codes::INVALID_JSON,
        summary: "The file is not valid JSON",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
