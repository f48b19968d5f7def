//! `syntax/empty-file` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is empty or holds only whitespace.
    ///
    /// ## Why it matters
    /// An empty manifest configures nothing; usually a generator failed or a merge went wrong.
    ///
    /// ## Example
    /// A zero-byte `component.json`:
    /// ```json title="component.json"
    /// ```
    /// Use instead a component, or no file at all:
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
    ///       "client_id": "{{OAUTH_CLIENT_ID}}",
    ///       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    ///       "auth_uri": "https://auth.example.com/authorize",
    ///       "token_uri": "https://auth.example.com/token"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct EmptyFile {
        code: specc_syntax::codes::EMPTY_FILE,
        summary: "The file is empty",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
