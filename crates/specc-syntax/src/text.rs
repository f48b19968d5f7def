//! Where the characters of a string value sit in the source: the one place that maps an offset into a
//! decoded string (a JSON string, a YAML double-quoted, single-quoted or plain scalar) back to the bytes
//! of the file that spell it, escapes included.

use std::ops::Range;

use specc_diagnostics::Span;

/// The span of bytes `part` of the string `value`, which the file spells at `span` as `source` (the
/// text under `span`, quotes included).
///
/// Escapes are followed (`\n`, `\"`, `\u00e9` and surrogate pairs in JSON; YAML's double-quoted escapes
/// and single-quoted `''`), so a part after an escape is still located exactly; a part that covers an
/// escape covers all of its bytes. `None` when `source` does not spell `value` in a way this reads
/// (a block scalar, a scalar folded over several lines, a value made up by the lowering), or when
/// `part` does not fall on character boundaries of `value`: callers then point at the whole value.
pub fn string_part_span(span: Span, source: &str, value: &str, part: Range<usize>) -> Option<Span> {
    if part.start > part.end || part.end > value.len() {
        return None;
    }
    let map = decode_map(source, value)?;
    let at = |offset: usize| map.binary_search_by_key(&offset, |&(v, _)| v).ok().map(|i| map[i].1);
    let (start, end) = (at(part.start)?, at(part.end)?);
    let start = span.start.checked_add(u32::try_from(start).ok()?)?;
    let end = span.start.checked_add(u32::try_from(end).ok()?)?;
    (end <= span.end).then_some(Span { file: span.file, start, end })
}

/// The span of the whole value's characters (inside its quotes), when [`string_part_span`] can map it.
pub fn string_content_span(span: Span, source: &str, value: &str) -> Option<Span> {
    string_part_span(span, source, value, 0..value.len())
}

/// Whether the file spells `value` at `source` character for character (no escapes, no quotes
/// doubled), so that an edit of the value's bytes is an edit of the file's.
pub fn spelled_verbatim(source: &str, value: &str) -> bool {
    unquote(source).is_some_and(|(_, inner, _)| inner == value)
}

/// The quote style and inner text of a scalar's source, and the inner text's offset in `source`.
fn unquote(source: &str) -> Option<(Quote, &str, usize)> {
    let quoted = |q: char| source.len() >= 2 && source.starts_with(q) && source.ends_with(q);
    if quoted('"') {
        Some((Quote::Double, &source[1..source.len() - 1], 1))
    } else if quoted('\'') {
        Some((Quote::Single, &source[1..source.len() - 1], 1))
    } else if source.starts_with(['"', '\'', '|', '>']) {
        None
    } else {
        Some((Quote::Plain, source, 0))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    Double,
    Single,
    Plain,
}

/// Pairs (offset in the decoded value, offset in `source`) at every character boundary of the value,
/// the end included; `None` unless decoding `source` gives exactly `value`.
fn decode_map(source: &str, value: &str) -> Option<Vec<(usize, usize)>> {
    let (quote, inner, base) = unquote(source)?;
    let mut map = Vec::with_capacity(value.len() + 1);
    let mut decoded = 0usize;
    let mut pos = 0usize;
    let bytes = inner.as_bytes();
    while pos < inner.len() {
        let (ch, len) = match (quote, bytes[pos]) {
            (Quote::Double, b'\\') => escape(&inner[pos..])?,
            (Quote::Single, b'\'') => {
                if bytes.get(pos + 1) != Some(&b'\'') {
                    return None;
                }
                ('\'', 2)
            }
            (_, b'\n' | b'\r') => return None, // folded over lines: not mapped
            _ => {
                let c = inner[pos..].chars().next()?;
                (c, c.len_utf8())
            }
        };
        let expected = value.get(decoded..)?.chars().next()?;
        if expected != ch {
            return None;
        }
        map.push((decoded, base + pos));
        decoded += ch.len_utf8();
        pos += len;
    }
    if decoded != value.len() {
        return None;
    }
    map.push((decoded, base + pos));
    Some(map)
}

/// The character an escape at the start of `text` stands for, and the escape's length in bytes.
fn escape(text: &str) -> Option<(char, usize)> {
    let b = text.as_bytes();
    let simple = match b.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' | b'\t' => '\t',
        b'0' => '\0',
        b'a' => '\u{7}',
        b'v' => '\u{b}',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex(text, 2).and_then(|v| Some((char::from_u32(v)?, 4))),
        b'U' => return hex(text, 8).and_then(|v| Some((char::from_u32(v)?, 10))),
        b'u' => {
            let high = hex(text, 4)?;
            if (0xD800..0xDC00).contains(&high) {
                // A surrogate pair: `\uD83D\uDE00`.
                let rest = text.get(6..)?;
                if !rest.starts_with("\\u") {
                    return None;
                }
                let low = hex(rest, 4)?;
                if !(0xDC00..0xE000).contains(&low) {
                    return None;
                }
                let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
                return Some((c, 12));
            }
            return Some((char::from_u32(high)?, 6));
        }
        _ => return None,
    };
    Some((simple, 2))
}

/// The value of the `digits` hex digits after an escape's two first bytes (`\x41`, `\u00e9`).
fn hex(text: &str, digits: usize) -> Option<u32> {
    let h = text.get(2..2 + digits)?;
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(h, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileId;

    fn part<'a>(source: &'a str, value: &str, range: Range<usize>) -> Option<&'a str> {
        let span = Span::new(FileId(0), 0, source.len());
        let s = string_part_span(span, source, value, range)?;
        Some(&source[s.start as usize..s.end as usize])
    }

    #[test]
    fn plain_and_quoted_scalars() {
        assert_eq!(part("read write", "read write", 5..10), Some("write"));
        assert_eq!(part("\"read write\"", "read write", 0..4), Some("read"));
        assert_eq!(part("'read write'", "read write", 5..10), Some("write"));
        assert_eq!(part("'it''s {{x}}'", "it's {{x}}", 5..10), Some("{{x}}"));
        assert_eq!(part("\"a\"", "a", 0..1), Some("a"));
        assert_eq!(part("\"\"", "", 0..0), Some(""));
    }

    #[test]
    fn escapes_are_followed() {
        assert_eq!(part(r#""a\"b {{X}}""#, "a\"b {{X}}", 4..9), Some("{{X}}"));
        assert_eq!(part(r#""caf\u00e9 %%x%%""#, "café %%x%%", 6..11), Some("%%x%%"));
        assert_eq!(part(r#""caf\u00e9""#, "café", 3..5), Some(r"\u00e9"));
        assert_eq!(part(r#""\ud83d\ude00 x""#, "😀 x", 5..6), Some("x"));
        assert_eq!(part(r#""https:\/\/a""#, "https://a", 8..9), Some("a"));
        assert_eq!(part(r#""\x41\N""#, "A\u{85}", 0..1), Some(r"\x41"));
    }

    #[test]
    fn what_it_cannot_map_is_none() {
        assert_eq!(part("\"ab\"", "abc", 0..1), None, "source does not spell the value");
        assert_eq!(part("|\n  ab\n", "ab\n", 0..1), None, "block scalar");
        assert_eq!(part("\"a\n  b\"", "a b", 2..3), None, "folded over lines");
        assert_eq!(part("\"é\"", "é", 0..1), None, "inside a character");
        assert_eq!(part("\"ab\"", "ab", 1..3), None, "past the end");
        assert_eq!(part(r#""\uD800""#, "\u{fffd}", 0..3), None, "lone surrogate");
    }

    #[test]
    fn offsets_are_relative_to_the_span() {
        let span = Span::new(FileId(3), 100, 112);
        let s = string_part_span(span, "\"read write\"", "read write", 5..10).expect("mapped");
        assert_eq!((s.file, s.start, s.end), (FileId(3), 106, 111));
        assert!(spelled_verbatim("\"read write\"", "read write"));
        assert!(!spelled_verbatim(r#""a\/b""#, "a/b"));
    }

    /// The part of a value written as a JSON string, a YAML double-quoted or single-quoted scalar
    /// maps to source bytes that read back as exactly that part.
    mod properties {
        use proptest::prelude::*;

        use super::*;
        use crate::{Document, Format};

        fn value_of(doc: &Document) -> (Span, String) {
            let node = doc.lookup("/a").expect("member a");
            (doc.span(node.range), node.as_str().expect("a string").to_string())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            #[test]
            fn parts_read_back(value in "[a-z '\"\\\\/é😀\t{}%]{0,12}", style in 0u8..3, cuts in (0usize..64, 0usize..64)) {
                let yaml_single = style == 2;
                prop_assume!(!(yaml_single && value.contains('\t')));
                let source = if yaml_single { format!("'{}'", value.replace('\'', "''")) } else { crate::edit::quote(&value) };
                let (name, text) = if style == 0 { ("a.json", format!("{{\"a\": {source}}}")) } else { ("a.yaml", format!("a: {source}\n")) };
                let doc = Document::parse(FileId(0), name, text.as_bytes());
                prop_assert!(doc.diagnostics.is_empty(), "{text}: {:?}", doc.diagnostics);
                let (span, read) = value_of(&doc);
                prop_assert_eq!(&read, &value);
                let bounds: Vec<usize> = (0..=value.len()).filter(|&i| value.is_char_boundary(i)).collect();
                let (a, b) = (bounds[cuts.0 % bounds.len()], bounds[cuts.1 % bounds.len()]);
                let (start, end) = (a.min(b), a.max(b));
                let part = string_part_span(span, &source, &value, start..end).expect("mapped");
                let fragment = &doc.text[part.start as usize..part.end as usize];
                let (q, format) = if yaml_single { ('\'', Format::Yaml) } else { ('"', Format::Json) };
                let wrapped = format!("{{\"a\": {q}{fragment}{q}}}");
                let back = Document::parse_str(FileId(1), "b", &wrapped, format);
                prop_assert_eq!(value_of(&back).1, &value[start..end], "{} in {}", fragment, text);
            }
        }
    }
}
