//! `syntax/duplicate-key` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// An object (JSON) or mapping (YAML) has the same key twice.
    ///
    /// ## Why it matters
    /// RFC 8259 leaves the result undefined and YAML 1.2 forbids it. Readers disagree: most keep the
    /// last value, some the first, some reject the file. A duplicated `tokenUrl` or `client_secret`
    /// silently means different things on different platforms.
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
    ///           tokenUrl: https://a.example.com/token
    ///           tokenUrl: https://b.example.com/token
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
    ///           tokenUrl: https://a.example.com/token
    ///           scopes: {}
    /// ```
    pub struct DuplicateKey {
        code: specc_syntax::codes::DUPLICATE_KEY,
        summary: "The same key appears twice in one object",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
