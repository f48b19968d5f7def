//! The four platforms' file formats, and how each lowers into the IR.
//!
//! One module per dialect. Each knows how to recognise its files ([`detect`]), and how to turn a spanned
//! tree into a [`Manifest`] plus a typed *view* of the parts of the file that dialect-specific rules need
//! (for example the OpenAPI version, or which keys an elastic.io `oauth2` block spelled). Lowering never
//! fails: malformed parts become structural diagnostics and the rest is still lowered.
//!
//! This crate never judges whether a configuration is *good* (that is `specc-rules`), never prints, and
//! reads files only through [`SourceDb`] when a unit spans several files (a Membrane connector directory,
//! an Itential instance pointing at its OpenAPI model).

pub mod elasticio;
pub mod keboola;
pub mod membrane;
pub mod openapi;
pub mod placeholders;
pub mod read;

use std::path::{Path, PathBuf};

pub use specc_ir::{Dialect, Manifest};
use specc_syntax::{Diagnostic, Document, FileId, SourceDb};

/// What the dialect-specific rules may read besides the IR.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one view per unit: boxing would buy nothing
pub enum View {
    OpenApi(openapi::Model),
    Itential(openapi::ItentialInstance),
    ElasticIo(elasticio::Model),
    Membrane(membrane::Model),
    Keboola(keboola::Model),
}

/// The result of lowering one unit.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub ir: Manifest,
    pub view: View,
    /// Structural findings made while lowering (wrong types, unknown flow names...).
    pub diagnostics: Vec<Diagnostic>,
}

/// A file recognised as belonging to a dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub dialect: Dialect,
    /// When the file is part of a larger unit (a Membrane `auth/*.map.yml`), the unit's primary file;
    /// the caller lowers that instead, once.
    pub unit_primary: Option<PathBuf>,
}

impl Detection {
    pub fn primary(dialect: Dialect) -> Self {
        Detection { dialect, unit_primary: None }
    }
}

/// Recognises a parsed file by name and content. `None`: not a file specc reads.
pub fn detect(path: &Path, doc: &Document) -> Option<Detection> {
    openapi::detect(path, doc)
        .or_else(|| elasticio::detect(path, doc))
        .or_else(|| membrane::detect(path, doc))
        .or_else(|| keboola::detect(path, doc))
}

/// Guesses the dialect of a file that could not be parsed, from its name and raw text, so that a
/// broken manifest is still reported while walking a directory. `None`: probably not ours.
pub fn sniff(path: &Path, text: &str) -> Option<Dialect> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let head: &str = text.get(..text.len().min(64 * 1024)).unwrap_or(text);
    if name == "component.json" || head.contains("\"credentials\"") && head.contains("\"oauth2\"") {
        return Some(Dialect::ElasticIo);
    }
    let openapi_name = name.contains("openapi") || name.contains("swagger");
    if openapi_name
        || head.contains("\"openapi\"")
        || head.contains("\"swagger\"")
        || head.contains("openapi:")
        || head.contains("swagger:")
    {
        return Some(Dialect::OpenApi);
    }
    if name == "spec.yml" || name == "spec.yaml" || name.ends_with(".map.yml") {
        return Some(Dialect::Membrane);
    }
    if head.contains("oauth_api") || head.contains("oauth_version") {
        return Some(Dialect::Keboola);
    }
    None
}

/// Lowers the unit whose primary file is `primary` (already in `db`).
pub fn lower(db: &mut SourceDb, primary: FileId, dialect: Dialect) -> Lowered {
    match dialect {
        Dialect::OpenApi => openapi::lower(db, primary),
        Dialect::Itential => openapi::lower_itential(db, primary),
        Dialect::ElasticIo => elasticio::lower(db, primary),
        Dialect::Membrane => membrane::lower(db, primary),
        Dialect::Keboola => keboola::lower(db, primary),
    }
}

/// An empty result for a unit that could not be read.
pub fn empty(dialect: Dialect, primary: FileId) -> Lowered {
    let view = match dialect {
        Dialect::OpenApi => View::OpenApi(openapi::Model::default()),
        Dialect::Itential => View::Itential(openapi::ItentialInstance::default()),
        Dialect::ElasticIo => View::ElasticIo(elasticio::Model::default()),
        Dialect::Membrane => View::Membrane(membrane::Model::default()),
        Dialect::Keboola => View::Keboola(keboola::Model::default()),
    };
    Lowered { ir: Manifest::new(dialect, primary), view, diagnostics: Vec::new() }
}
