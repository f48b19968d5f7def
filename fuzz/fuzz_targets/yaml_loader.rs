//! The YAML reader: never panics, never runs away on aliases; ranges are in bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specc_syntax::{Document, FileId, Format};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::parse_str(FileId(0), "f.yaml", &text, Format::Yaml);
    for d in &doc.diagnostics {
        assert!(d.span.end as usize <= doc.text.len());
    }
    if let Some(root) = &doc.root {
        let _ = doc.pointer_at(root.range.start);
    }
});
