//! `specc/invalid-config` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// `specc.toml` cannot be used: it is not valid TOML, has a key specc does not read, names a
    /// code or namespace that does not exist, a severity, `fail-on` level or dialect that is not one
    /// of the allowed values, an invalid glob, or a suppression pointer that is not a JSON Pointer.
    ///
    /// ## Why it matters
    /// A configuration that is silently half-applied is worse than none: a misspelt `ignore` entry
    /// would leave findings on, a misspelt `select` would turn checks off. specc stops with exit
    /// code 2 and points at the value.
    ///
    /// ## Example
    /// ```toml title="specc.toml"
    /// ignore = ["openapi/unused-scopes"]
    /// ```
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// @ components:
    /// @   securitySchemes:
    /// @     oauth:
    /// @       type: oauth2
    /// @       flows:
    /// @         clientCredentials:
    /// @           tokenUrl: https://auth.example.com/token
    /// @           scopes: {}
    /// ```
    /// Use instead:
    /// ```toml title="specc.toml"
    /// ignore = ["openapi/unused-scope"]
    /// ```
    pub struct InvalidConfig {
        code: super::INVALID_CONFIG,
        summary: "specc.toml cannot be used",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
