//! `syntax/yaml-alias-limit` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// YAML aliases (`*name`) expand to more nodes than specc's budget (a million, or twice the
    /// file's size in bytes, whichever is larger).
    ///
    /// ## Why it matters
    /// A "billion laughs" document is a few hundred bytes that expand to billions of nodes. specc
    /// refuses to expand it rather than exhaust memory.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// ```
    pub struct YamlAliasLimit {
        code: specc_syntax::codes::ALIAS_LIMIT,
        summary: "YAML aliases expand past the node budget",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
