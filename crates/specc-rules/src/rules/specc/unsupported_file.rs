//! `specc/unsupported-file` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A file named explicitly on the command line is not a file specc recognises: no elastic.io
    /// component, Membrane connector, OpenAPI document, Itential instance or Keboola configuration
    /// was found in it.
    ///
    /// ## Why it matters
    /// When walking a directory, such files are skipped silently; when you name one, you probably
    /// expected it to be checked. Pass `--dialect NAME` to check it as a given dialect.
    ///
    /// ## Example
    /// `specc check package.json`
    pub struct UnsupportedFile {
        code: super::UNSUPPORTED_FILE,
        summary: "A file named on the command line is not one specc reads",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
