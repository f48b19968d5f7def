//! The fix harness: for every fixture, the fixes rules offer must (1) be declared with the fix kind the
//! rule's metadata states, (2) keep the file parseable, (3) converge under `specc migrate`, and (4)
//! actually remove the finding they fix. Inputs that fuzzing found (`fuzz/regressions/`) are replayed
//! through the same checks and through every dialect's lowering.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::path::{Path, PathBuf};

use specc::migrate::{self, MigrateOptions};
use specc_diagnostics::Applicability;
use specc_rules::FixKind;
use specc_syntax::{Document, FileId, SourceDb};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for f in files_under(from) {
        let rel = f.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&f, &dest).unwrap();
    }
}

#[test]
fn fixes_are_declared_parseable_convergent_and_effective() {
    let root = root();
    let fixtures = root.join("fixtures");
    let work = std::env::temp_dir().join(format!("specc-fixes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&fixtures, &work);
    let options = specc::RunOptions { paths: vec![work.clone()], isolated: true, ..Default::default() };
    let run = specc::run(&options).unwrap();
    let mut problems = Vec::new();
    let mut fixed_codes = Vec::new();
    for r in &run.reports {
        for d in &r.diagnostics {
            let Some(fix) = &d.fix else { continue };
            let meta = specc_rules::find_rule(d.code).expect("registered").meta();
            let declared = match fix.applicability {
                Applicability::Safe => meta.fix == FixKind::Safe || meta.fix == FixKind::Unsafe,
                Applicability::Unsafe => meta.fix == FixKind::Unsafe,
            };
            if !declared || meta.fix == FixKind::None {
                problems.push(format!(
                    "{}: emits a {:?} fix but declares `fix: {:?}`",
                    d.code, fix.applicability, meta.fix
                ));
            }
            if !fix.is_well_formed() {
                problems.push(format!("{}: fix edits overlap", d.code));
            }
            if fix.applicability == Applicability::Safe {
                fixed_codes.push((r.primary.clone(), d.code));
            }
        }
    }
    let selection = specc::run::selection(&run.config, &options);
    let plan = migrate::plan(&run.reports, &run.config, &selection, &MigrateOptions::default());
    for s in &plan.skipped {
        // Fixtures that are deliberately unparseable are skipped by design.
        if !s.reason.contains("cannot be parsed") && !s.reason.contains("not valid UTF-8") {
            problems.push(format!("{}: {}", s.path.display(), s.reason));
        }
    }
    for c in &plan.changes {
        let doc = Document::parse(FileId(0), &c.path, c.new_text.as_bytes());
        if doc.fatal {
            problems.push(format!("{}: migrated text does not parse", c.path.display()));
        }
        migrate::write_change(c).unwrap();
    }
    // Re-check: the safe-fixed findings are gone.
    let after = specc::run(&options).unwrap();
    for r in &after.reports {
        for d in &r.diagnostics {
            if d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe) {
                problems.push(format!("{}: `{}` still offers a safe fix after migrate", r.primary.display(), d.code));
            }
        }
    }
    // A second plan changes nothing (idempotent).
    let selection = specc::run::selection(&after.config, &options);
    let again = migrate::plan(&after.reports, &after.config, &selection, &MigrateOptions::default());
    for c in &again.changes {
        problems.push(format!("{}: a second migrate still changes the file", c.path.display()));
    }
    let _ = std::fs::remove_dir_all(&work);
    assert!(problems.is_empty(), "{} fix problems:\n{}", problems.len(), problems.join("\n"));
    eprintln!("{} safe fixes exercised", fixed_codes.len());
}

#[test]
fn fuzz_regressions_replay() {
    let dir = root().join("fuzz/regressions");
    for f in files_under(&dir) {
        let data = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&data);
        for format in [specc_syntax::Format::Json, specc_syntax::Format::Yaml] {
            let doc = Document::parse_str(FileId(0), "f", &text, format);
            for d in &doc.diagnostics {
                assert!(d.span.end as usize <= doc.text.len(), "{}: span out of bounds", f.display());
            }
        }
        let body = if data.is_empty() { &data[..] } else { &data[1..] };
        for dialect in specc_ir::Dialect::ALL {
            let mut db = SourceDb::new();
            let id = db.add_bytes("/nonexistent-specc-fuzz/component.json", body);
            if db.get(id).is_some_and(|d| d.fatal) {
                continue;
            }
            let lowered = specc_dialects::lower(&mut db, id, dialect);
            let cx = specc_rules::Context::new(&db, &lowered);
            let _ = specc_rules::run_rules(&cx);
        }
        for name in ["component.json", "spec.yml", "openapi.yaml", "instance.yaml", "config.json"] {
            let path = PathBuf::from(format!("/nonexistent-specc-fuzz/{name}"));
            let report = specc::driver::check_buffer(&path, body, &specc::CheckOptions::default());
            for d in &report.diagnostics {
                let _ = specc::wire::to_wire(&report.db, d);
            }
            // The `migrate` property: a safe fix of a parseable file leaves it parseable.
            let (Ok(text), Some(doc)) = (std::str::from_utf8(body), report.db.get(FileId(0))) else { continue };
            if doc.fatal {
                continue;
            }
            for d in &report.diagnostics {
                let Some(fix) = d.fix.as_ref().filter(|f| f.applicability == Applicability::Safe) else { continue };
                if fix.edits.iter().any(|e| e.span.file != FileId(0)) {
                    continue;
                }
                let fixed = migrate::apply_edits(text, &fix.edits).expect("edits in range");
                let re = Document::parse(FileId(0), &path, fixed.as_bytes());
                assert!(!re.fatal, "{}: fix of {} breaks {name}:\n{fixed}", f.display(), d.code);
            }
        }
    }
}
