//! `syntax/unreadable-file` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A file could not be read: it does not exist, permission is denied, or it is a directory
    /// where a file was expected.
    ///
    /// ## Why it matters
    /// A path named on the command line or by a manifest (an Itential instance's `model`, a
    /// Membrane method's file) that cannot be read leaves the configuration unchecked.
    ///
    /// ## Example
    /// `specc check missing.json`
    pub struct UnreadableFile {
        code: specc_syntax::codes::UNREADABLE,
        summary: "A file could not be read",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
