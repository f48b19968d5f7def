//! Test support for IR-level rules: run the rules over a hand-built configuration whose spans point
//! into a small text file, for fields no dialect lowers yet.

use specc_diagnostics::Diagnostic;
use specc_dialects::{Lowered, View};
use specc_ir::{AuthConfig, Dialect, FileId, Flow, FlowKind, Manifest, Protocol, Span};
use specc_syntax::SourceDb;

pub use super::super::openapi::testing::{apply_fix, slice, with_code};

/// Runs every rule over one configuration named `test` with an authorization code flow, after
/// `edit` has set the fields under test.
pub fn run_ir(text: &str, edit: impl FnOnce(&mut AuthConfig, FileId)) -> (SourceDb, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let file = db.add_bytes("config.yaml", text.as_bytes());
    let span = Span::new(file, 0, text.len());
    let mut config = AuthConfig::new("test", Dialect::Membrane, Protocol::OAuth2, span);
    config.flows.push(Flow::new(FlowKind::AuthorizationCode, span));
    edit(&mut config, file);
    let mut ir = Manifest::new(Dialect::Membrane, file);
    ir.configs.push(config);
    let lowered =
        Lowered { ir, view: View::Membrane(specc_dialects::membrane::ConnectorView::default()), diagnostics: Vec::new() };
    let out = crate::run_rules(&crate::Context::new(&db, &lowered));
    (db, out)
}
