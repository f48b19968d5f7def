//! `openapi/oauth2-unknown-flow` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A key under `flows` (3.x) or the `flow` value (2.0) is not a flow the document's OpenAPI
    /// version defines. 3.x knows `implicit`, `password`, `clientCredentials`, `authorizationCode`
    /// (and `deviceAuthorization` from 3.2); 2.0 knows `implicit`, `password`, `application`,
    /// `accessCode`. Extensions (`x-…`) are allowed.
    ///
    /// ## Why it matters
    /// A misspelt flow is ignored by every consumer: the scheme offers no flow at all.
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
    ///         authorisationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
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
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    pub struct UnknownFlow {
        code: specc_dialects::openapi::codes::UNKNOWN_FLOW,
        summary: "An OAuth flow name that OpenAPI does not define",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
