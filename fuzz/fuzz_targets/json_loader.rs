//! The JSON reader: never panics; ranges are in bounds and on character boundaries; pointers round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specc_syntax::{Document, FileId, Format};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::parse_str(FileId(0), "f.json", &text, Format::Json);
    for d in &doc.diagnostics {
        assert!(d.span.end as usize <= doc.text.len());
        assert!(doc.text.is_char_boundary(d.span.start as usize));
    }
    if let Some(root) = &doc.root {
        check_node(&doc, root);
    }
});

fn check_node(doc: &Document, n: &specc_syntax::Node) {
    assert!(n.range.start <= n.range.end && n.range.end as usize <= doc.text.len());
    let p = doc.pointer_of_range(n.range);
    // With duplicate keys a pointer names the first member only, so only unique-key documents must
    // round-trip (found by this target: fuzz/regressions/json_loader/crash-d92d8bc7…).
    let duplicates = doc.diagnostics.iter().any(|d| d.code == specc_syntax::codes::DUPLICATE_KEY);
    if !doc.fatal && !duplicates {
        assert!(doc.lookup(&p).is_some(), "pointer {p} does not resolve");
    }
    if let Some(items) = n.as_array() {
        items.iter().for_each(|c| check_node(doc, c));
    }
    if let Some(members) = n.as_object() {
        members.iter().for_each(|m| check_node(doc, &m.value));
    }
}
