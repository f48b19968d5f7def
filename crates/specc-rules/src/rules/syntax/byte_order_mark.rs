//! `syntax/byte-order-mark` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file starts with a UTF-8 byte-order mark (`EF BB BF`).
    ///
    /// ## Why it matters
    /// RFC 8259 §8.1 says JSON text must not start with one; some parsers reject the file, others
    /// read the mark as part of the first key. specc reads past it and reports it.
    ///
    /// ## Example
    /// A file written by an editor set to "UTF-8 with BOM".
    ///
    /// ## Fix safety
    /// Removing the mark changes no content.
    pub struct ByteOrderMark {
        code: specc_syntax::codes::BYTE_ORDER_MARK,
        summary: "The file starts with a byte-order mark",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
