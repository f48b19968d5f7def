//! `migrate`'s edits: applying the safe fixes of a parseable file must leave it parseable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specc_diagnostics::Applicability;
use specc_syntax::{Document, FileId};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let names = ["component.json", "spec.yml", "openapi.yaml", "instance.yaml", "config.json"];
    let name = names[selector as usize % names.len()];
    let path = std::path::PathBuf::from(format!("/nonexistent-specc-fuzz/{name}"));
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let report = specc::driver::check_buffer(&path, rest, &specc::CheckOptions::default());
    if report.db.get(FileId(0)).is_none_or(|d| d.fatal) {
        return;
    }
    for d in &report.diagnostics {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability != Applicability::Safe || fix.edits.iter().any(|e| e.span.file != FileId(0)) {
            continue;
        }
        let Some(fixed) = specc::migrate::apply_edits(text, &fix.edits) else {
            panic!("fix of {} has edits out of range", d.code);
        };
        let doc = Document::parse(FileId(0), &path, fixed.as_bytes());
        assert!(!doc.fatal, "fix of {} made the file unparseable:\n{fixed}", d.code);
    }
});
