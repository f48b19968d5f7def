//! `syntax/invalid-utf8` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file's bytes are not valid UTF-8.
    ///
    /// ## Why it matters
    /// JSON and YAML 1.2 files exchanged between systems must be UTF-8. specc reports the first
    /// invalid byte sequence and does not read the rest of the file.
    ///
    /// ## Example
    /// A `component.json` saved as Latin-1 with a `é` in a description.
    pub struct InvalidUtf8 {
        code: specc_syntax::codes::INVALID_UTF8,
        summary: "The file is not valid UTF-8",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
