//! `specc/unsupported-file` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A file named explicitly on the command line is not a file specc recognises: no elastic.io
    /// component, Membrane connector, OpenAPI document, Itential instance or Keboola configuration
    /// was found in it.
    ///
    /// ## Why it matters
    /// When walking a directory, such files are skipped silently; when you name one, you probably
    /// expected it to be checked. Pass `--dialect NAME` to check it as a given dialect.
    ///
    /// ## Example
    /// `specc check package.json`, on a file specc does not read:
    /// ```json title="package.json"
    /// { "name": "acme-crm", "version": "1.0.0", "main": "index.js" }
    /// ```
    /// Use instead: check the directory (walking skips such files), or name the files specc reads, such as the component next to it:
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
    pub struct UnsupportedFile {
        code: super::UNSUPPORTED_FILE,
        summary: "A file named on the command line is not one specc reads",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
