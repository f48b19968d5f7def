//! What a rule sees: the lowered unit and the documents it came from.

use specc_dialects::{Lowered, View};
use specc_ir::{Dialect, Manifest};
use specc_providers::Catalog;
use specc_syntax::{Document, FileId, SourceDb, Span, TextRange};

pub struct Context<'a> {
    pub db: &'a SourceDb,
    pub lowered: &'a Lowered,
    /// The provider catalog: the built-in one unless the project adds `[[providers]]`.
    pub providers: &'a Catalog,
}

impl<'a> Context<'a> {
    pub fn new(db: &'a SourceDb, lowered: &'a Lowered) -> Self {
        Context { db, lowered, providers: Catalog::builtin() }
    }

    /// The same unit checked against another provider catalog (the project's `[[providers]]`).
    pub fn with_providers(self, providers: &'a Catalog) -> Self {
        Context { providers, ..self }
    }

    pub fn ir(&self) -> &'a Manifest {
        &self.lowered.ir
    }

    pub fn dialect(&self) -> Dialect {
        self.lowered.ir.dialect
    }

    pub fn view(&self) -> &'a View {
        &self.lowered.view
    }

    pub fn doc(&self, file: FileId) -> Option<&'a Document> {
        self.db.get(file)
    }

    /// The source text under a span.
    pub fn text(&self, span: Span) -> &'a str {
        self.db.get(span.file).map(|d| d.slice(TextRange { start: span.start, end: span.end })).unwrap_or("")
    }

    /// The OpenAPI model, for OpenAPI documents and Itential instances alike.
    pub fn openapi(&self) -> Option<&'a specc_dialects::openapi::Model> {
        match &self.lowered.view {
            View::OpenApi(m) => Some(m),
            View::Itential(i) => i.model.as_ref(),
            _ => None,
        }
    }
}
