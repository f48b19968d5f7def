//! `syntax/file-too-large` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is larger than specc reads (128 MiB).
    ///
    /// ## Why it matters
    /// No manifest is that large; reading it would only cost memory. The file is skipped with this
    /// one finding and the other files are still checked.
    ///
    /// ## Example
    /// A log file named `openapi.json`.
    pub struct FileTooLarge {
        code: specc_syntax::codes::FILE_TOO_LARGE,
        summary: "The file is larger than specc reads",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
