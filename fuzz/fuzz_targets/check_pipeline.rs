//! The whole `check` pipeline on one buffer, as the language server runs it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let names = ["component.json", "spec.yml", "openapi.json", "api.yaml", "instance.yaml", "config.json", "x.yml"];
    let name = names[selector as usize % names.len()];
    let path = std::path::PathBuf::from(format!("/nonexistent-specc-fuzz/{name}"));
    let report = specc::driver::check_buffer(&path, rest, &specc::CheckOptions::default());
    for d in &report.diagnostics {
        let _ = specc::wire::to_wire(&report.db, d);
    }
});
