//! `specc/unmatched-baseline-entry` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// An entry of the baseline file (`--baseline FILE`, or `baseline = "…"` in `specc.toml`) records a
    /// finding in a file that was checked, and no such finding remains: the problem was fixed, or the
    /// code moved so far that neither its JSON Pointer nor its fingerprint still matches.
    ///
    /// ## Why it matters
    /// A baseline should shrink as problems are fixed. A stale entry could later hide a new finding of
    /// the same code at the same place.
    ///
    /// ## Example
    /// The token URL that `specc check --write-baseline specc-baseline.json` recorded is https now:
    /// ```toml title="specc.toml"
    /// baseline = "specc-baseline.json"
    /// ```
    /// ```json title="specc-baseline.json"
    /// {
    ///   "version": 1,
    ///   "entries": [
    ///     {
    ///       "file": "openapi.yaml",
    ///       "code": "oauth/insecure-http-url",
    ///       "pointer": "/components/securitySchemes/oauth/flows/clientCredentials/tokenUrl",
    ///       "fingerprint": "9d6a232dc53195e7"
    ///     }
    ///   ]
    /// }
    /// ```
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
    /// @           scopes: { read: Read }
    /// ```
    /// Use instead: write the baseline again (`specc check --write-baseline specc-baseline.json`), which replaces the entries of every checked file and keeps those of other files:
    /// ```json title="specc-baseline.json"
    /// {
    ///   "version": 1,
    ///   "entries": []
    /// }
    /// ```
    pub struct UnmatchedBaselineEntry {
        code: super::UNMATCHED_BASELINE_ENTRY,
        summary: "A baseline entry matches no finding",
        severity: Info,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
