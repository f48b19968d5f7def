//! Each dialect's lowering on arbitrary trees: never panics, and every span it produces is in bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specc_ir::Dialect;
use specc_syntax::SourceDb;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let dialect = Dialect::ALL[selector as usize % Dialect::ALL.len()];
    let name = match dialect {
        Dialect::ElasticIo => "component.json",
        Dialect::Membrane => "spec.yml",
        Dialect::OpenApi => "openapi.yaml",
        Dialect::Itential => "instance.yaml",
        Dialect::Keboola => "config.json",
    };
    let mut db = SourceDb::new();
    // A path under a directory that does not exist keeps multi-file units from reading real files.
    let id = db.add_bytes(format!("/nonexistent-specc-fuzz/{name}"), rest);
    if db.get(id).is_some_and(|d| d.fatal) {
        return;
    }
    let lowered = specc_dialects::lower(&mut db, id, dialect);
    let cx = specc_rules::Context::new(&db, &lowered);
    for d in specc_rules::run_rules(&cx).iter().chain(lowered.diagnostics.iter()) {
        let doc = db.get(d.span.file).expect("diagnostic file is in the db");
        assert!(d.span.end as usize <= doc.text.len(), "{} out of bounds", d.code);
    }
});
