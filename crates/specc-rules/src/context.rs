//! What a rule sees: the lowered unit and the documents it came from.
//!
//! A rule reads the IR ([`Context::ir`]) and, when it is specific to a dialect, that dialect's view
//! through its one typed accessor ([`Context::openapi`], [`Context::itential`], [`Context::elasticio`],
//! [`Context::membrane`], [`Context::keboola`]). IR entries link to their view entries
//! ([`specc_ir::ViewLink`], followed by [`Context::openapi_scheme`] and [`Context::openapi_flow`]).
//! The documents are there for their text (fixes, narrow spans), not for walking the tree.

use std::ops::Range;
use std::sync::atomic::{AtomicU8, Ordering};

use specc_diagnostics::Edit;
use specc_dialects::elasticio::component::OAuthBlock;
use specc_dialects::elasticio::ElasticIoView;
use specc_dialects::keboola::KeboolaView;
use specc_dialects::membrane::ConnectorView;
use specc_dialects::openapi::{FlowView, ItentialInstance, OpenApiView, SchemeView};
use specc_dialects::{Lowered, View};
use specc_ir::{AuthConfig, Dialect, Flow, Manifest};
use specc_providers::Catalog;
use specc_syntax::edit::replace_string_part;
use specc_syntax::{Document, FileId, SourceDb, Span, TextRange};

/// A dialect view a rule may read besides the IR, through its one accessor on [`Context`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ViewKind {
    /// [`Context::openapi`] (and [`Context::openapi_scheme`], [`Context::openapi_flow`]).
    OpenApi,
    /// [`Context::itential`].
    Itential,
    /// [`Context::elasticio`] (and [`Context::elasticio_block`]).
    ElasticIo,
    /// [`Context::membrane`].
    Membrane,
    /// [`Context::keboola`].
    Keboola,
}

impl ViewKind {
    pub const ALL: [ViewKind; 5] =
        [ViewKind::OpenApi, ViewKind::Itential, ViewKind::ElasticIo, ViewKind::Membrane, ViewKind::Keboola];

    /// How a rule page names the view.
    pub fn label(self) -> &'static str {
        match self {
            ViewKind::OpenApi => "OpenAPI view (security schemes and flows as written)",
            ViewKind::Itential => "Itential instance view",
            ViewKind::ElasticIo => "elastic.io view (component, OAuth-client payload or tenant state as written)",
            ViewKind::Membrane => "Membrane connector view",
            ViewKind::Keboola => "Keboola view (manage body or configuration as written)",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

pub struct Context<'a> {
    db: &'a SourceDb,
    lowered: &'a Lowered,
    /// The provider catalog: the built-in one unless the project adds `[[providers]]`.
    pub providers: &'a Catalog,
    /// The views read through the accessors since [`Context::take_reads`] last ran.
    reads: AtomicU8,
}

impl<'a> Context<'a> {
    pub fn new(db: &'a SourceDb, lowered: &'a Lowered) -> Self {
        Context { db, lowered, providers: Catalog::builtin(), reads: AtomicU8::new(0) }
    }

    /// The same unit checked against another provider catalog (the project's `[[providers]]`).
    pub fn with_providers(self, providers: &'a Catalog) -> Self {
        Context { providers, ..self }
    }

    /// The views read through the accessors since the last call, which clears them (whether or not
    /// the unit is of that dialect: asking is reading).
    pub fn take_reads(&self) -> Vec<ViewKind> {
        let bits = self.reads.swap(0, Ordering::Relaxed);
        ViewKind::ALL.into_iter().filter(|v| bits & v.bit() != 0).collect()
    }

    fn note(&self, view: ViewKind) {
        self.reads.fetch_or(view.bit(), Ordering::Relaxed);
    }

    pub fn ir(&self) -> &'a Manifest {
        &self.lowered.ir
    }

    pub fn dialect(&self) -> Dialect {
        self.lowered.ir.dialect
    }

    pub fn doc(&self, file: FileId) -> Option<&'a Document> {
        self.db.get(file)
    }

    /// The source text under a span.
    pub fn text(&self, span: Span) -> &'a str {
        self.db.get(span.file).map(|d| d.slice(TextRange { start: span.start, end: span.end })).unwrap_or("")
    }

    /// The span of bytes `part` of the string `value` written at `span`, escapes followed; the whole
    /// value's span when the file's spelling cannot be mapped (`specc_syntax::string_part_span`).
    pub fn string_part(&self, span: Span, value: &str, part: Range<usize>) -> Span {
        self.doc(span.file).map_or(span, |d| d.string_part(span, value, part))
    }

    /// An edit replacing bytes `part` of the string `value` written at `span`, when the file spells the
    /// value verbatim (`specc_syntax::edit::replace_string_part`).
    pub fn string_edit(&self, span: Span, value: &str, part: Range<usize>, replacement: &str) -> Option<Edit> {
        replace_string_part(span, self.text(span), value, part, replacement)
    }

    /// The OpenAPI view, for OpenAPI documents and Itential instances (their model) alike.
    pub fn openapi(&self) -> Option<&'a OpenApiView> {
        self.note(ViewKind::OpenApi);
        match &self.lowered.view {
            View::OpenApi(m) => Some(m),
            View::Itential(i) => i.model.as_ref(),
            _ => None,
        }
    }

    /// The security scheme, as written, that an OpenAPI or Itential configuration was lowered from.
    pub fn openapi_scheme(&self, config: &AuthConfig) -> Option<&'a SchemeView> {
        let view = self.openapi();
        if !matches!(config.dialect, Dialect::OpenApi | Dialect::Itential) {
            return None;
        }
        view?.schemes.get(config.view?.index())
    }

    /// The flow, as written, that a flow of an OpenAPI or Itential configuration was lowered from.
    pub fn openapi_flow(&self, config: &AuthConfig, flow: &Flow) -> Option<&'a FlowView> {
        self.openapi_scheme(config)?.flows.get(flow.view?.index())
    }

    /// The Itential instance settings, for Itential units.
    pub fn itential(&self) -> Option<&'a ItentialInstance> {
        self.note(ViewKind::Itential);
        match &self.lowered.view {
            View::Itential(i) => Some(i),
            _ => None,
        }
    }

    /// The elastic.io view (component, OAuth-client payload or tenant state), for elastic.io units.
    pub fn elasticio(&self) -> Option<&'a ElasticIoView> {
        self.note(ViewKind::ElasticIo);
        match &self.lowered.view {
            View::ElasticIo(m) => Some(m),
            _ => None,
        }
    }

    /// The `oauth2`/`oauth1` block, as written, that an elastic.io component's configuration was
    /// lowered from.
    pub fn elasticio_block(&self, config: &AuthConfig) -> Option<&'a OAuthBlock> {
        let view = self.elasticio();
        if config.dialect != Dialect::ElasticIo {
            return None;
        }
        let credentials = view?.component.as_ref()?.credentials.as_ref()?;
        credentials.blocks().nth(config.view?.index())
    }

    /// The Membrane connector view, for Membrane units.
    pub fn membrane(&self) -> Option<&'a ConnectorView> {
        self.note(ViewKind::Membrane);
        match &self.lowered.view {
            View::Membrane(m) => Some(m),
            _ => None,
        }
    }

    /// The Keboola view (a manage body or a component configuration), for Keboola units.
    pub fn keboola(&self) -> Option<&'a KeboolaView> {
        self.note(ViewKind::Keboola);
        match &self.lowered.view {
            View::Keboola(m) => Some(m),
            _ => None,
        }
    }
}
