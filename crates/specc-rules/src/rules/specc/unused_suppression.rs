//! `specc/unused-suppression` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A `# specc: ignore[code] reason` comment in a YAML file, or a `[[suppress]]` entry of
    /// `specc.toml`, matches no finding.
    ///
    /// ## Why it matters
    /// Suppressions outlive the problems they hid: once the configuration is fixed (or the rule
    /// renamed), a stale suppression would silently hide the next, different problem on that line.
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
    ///           tokenUrl: https://auth.example.com/token # specc: ignore[oauth/insecure-http-url] legacy
    ///           scopes: {}
    /// ```
    /// Use instead (the URL is https now, the comment has no purpose):
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
    pub struct UnusedSuppression {
        code: super::UNUSED_SUPPRESSION,
        summary: "A suppression matches no finding",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
