//! `syntax/invalid-yaml` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is not valid YAML 1.2: bad indentation, a tab used for indentation, an unclosed
    /// quote or flow collection, or a mapping value where none is allowed.
    ///
    /// ## Why it matters
    /// The platform's loader rejects the file; nothing in it takes effect.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// auth:
    ///   type: oauth2
    ///  getOAuthConfig: {}
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// auth:
    ///   type: oauth2
    ///   getOAuthConfig: {}
    /// ```
    pub struct InvalidYaml {
        code: specc_syntax::codes::INVALID_YAML,
        summary: "The file is not valid YAML",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
