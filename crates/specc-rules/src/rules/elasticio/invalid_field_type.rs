//! `elasticio/invalid-field-type` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A field of an elastic.io input has the wrong JSON type: `envVars` that is not an object, an
    /// `auth_uri` that is a number, `authClientTypes` that is not an array, a credential field that
    /// is not an object, a `scopes` entry that is not a string; in a tenant OAuth-client payload or
    /// desired-state file, `data`/`attributes` that are not objects or entries without an `id`.
    ///
    /// ## Why it matters
    /// The platform either rejects the descriptor when the component is built or silently ignores
    /// the field, so the OAuth configuration that runs is not the one written. specc reports the field
    /// and lowers the rest of the file.
    ///
    /// Source: <https://docs.elastic.io/developers/component-json-technical-reference> (field types).
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
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "auth_uri": 42
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
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "auth_uri": "https://auth.example.com/authorize"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct InvalidFieldType {
        code: specc_dialects::elasticio::codes::INVALID_FIELD_TYPE,
        summary: "An elastic.io field has the wrong JSON type",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
