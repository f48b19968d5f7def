//! `syntax/empty-file` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is empty or holds only whitespace.
    ///
    /// ## Why it matters
    /// An empty manifest configures nothing; usually a generator failed or a merge went wrong.
    ///
    /// ## Example
    /// A zero-byte `component.json`.
    pub struct EmptyFile {
        code: specc_syntax::codes::EMPTY_FILE,
        summary: "The file is empty",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
