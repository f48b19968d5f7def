//! elastic.io component.json dialect (not implemented yet: detects nothing, lowers to an empty manifest).

use std::path::Path;

use specc_ir::{Dialect, Manifest};
use specc_syntax::{Document, FileId, SourceDb};

use crate::{Detection, Lowered, View};

/// The parts of the file that elasticio-specific rules read besides the IR.
#[derive(Debug, Clone, Default)]
pub struct Model {}

pub fn detect(_path: &Path, _doc: &Document) -> Option<Detection> {
    None
}

pub fn lower(_db: &mut SourceDb, primary: FileId) -> Lowered {
    Lowered {
        ir: Manifest::new(Dialect::ElasticIo, primary),
        view: View::ElasticIo(Model::default()),
        diagnostics: Vec::new(),
    }
}
