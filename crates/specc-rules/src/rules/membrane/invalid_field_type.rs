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
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// skipPkce: "yes"
    /// ```
    /// Use instead:
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// skipPkce: true
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
