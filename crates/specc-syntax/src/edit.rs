//! Text edits that keep a JSON or YAML file well-formed: the one place rules and the front end get
//! their fixes' byte ranges from.

use std::ops::Range;

use specc_diagnostics::{Edit, Span};

use crate::text::{spelled_verbatim, string_part_span};

/// An edit replacing bytes `part` of the string `value`, which the file spells at `span` as `source`,
/// by `replacement` (plain text, written as is). `None` unless the file spells the value verbatim (no
/// escapes), so that the replacement needs no escaping of its own.
pub fn replace_string_part(
    span: Span,
    source: &str,
    value: &str,
    part: Range<usize>,
    replacement: &str,
) -> Option<Edit> {
    if !spelled_verbatim(source, value) {
        return None;
    }
    let span = string_part_span(span, source, value, part)?;
    Some(Edit { span, replacement: replacement.to_string() })
}
