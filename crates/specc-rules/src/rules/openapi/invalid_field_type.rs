//! `openapi/invalid-field-type` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A field of a security scheme, flow or requirement has the wrong JSON type: `flows` that is
    /// not an object, a `tokenUrl` that is a number, a `security` entry that is not an array.
    ///
    /// ## Why it matters
    /// OpenAPI tools either reject the document or ignore the field; the OAuth configuration that
    /// follows from it is not the one written. specc reports the field and lowers the rest.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: 42
    ///           scopes: {}
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    pub struct InvalidFieldType {
        code: specc_dialects::openapi::codes::INVALID_FIELD_TYPE,
        summary: "A security scheme field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
