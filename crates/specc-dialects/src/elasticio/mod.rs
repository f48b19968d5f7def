//! elastic.io (white-labelled as thatapp.io) inputs: a component's `component.json`, and the tenant
//! OAuth clients that replace its legacy environment-variable keys.
//!
//! Source: `shared/seeds/000_2049a78b1effcf08.txt` ("Oauth Management"), and the public elastic.io
//! documentation it summarises (<https://docs.elastic.io/developers/component-json-oauth>,
//! <https://docs.elastic.io/guides/oauth-clients-management>).
//!
//! # Three kinds of file
//!
//! All three are recognised by **content**, so the file name does not matter (a fixture called
//! `invalid.json` is read like a `component.json`):
//!
//! * a **component descriptor** ([`component`]): a JSON object with a `credentials` object holding
//!   `fields`, `oauth2` or `oauth1`; or with `useOAuthClient` / `authClientTypes`; or with `envVars`
//!   next to a usual descriptor key (`title`, `triggers`, `actions`, `description`); or with any
//!   `credentials` object next to `triggers`/`actions` (or `title` and `description`). A file named
//!   `component.json` needs only one of `credentials`, `envVars`, `env`, `useOAuthClient`,
//!   `authClientTypes` or a descriptor key. Documents with an `openapi`/`swagger` field are
//!   never claimed.
//! * a **tenant OAuth-client payload** ([`tenant::ClientPayload`]): the JSON:API body of
//!   `POST /v2/tenants/{TENANT_ID}/oauth-clients` or `PATCH …/oauth-clients/{OAUTH-CLIENT_ID}`: a
//!   root `data` object whose `type` is `"oauth-client"` (the seed's example and PATCH table) or
//!   `"flow"` (the seed's POST table), or that has `attributes.client_id`/`client_secret` together
//!   with `relationships.component`.
//! * a **tenant desired state** ([`tenant::TenantState`]): specc's own small format that lists what a
//!   tenant should hold, so the seed's tenant-wide constraints can be checked before any API call:
//!
//! ```json
//! {
//!   "tenant": "5f1a…",
//!   "components": [ { "id": "salesforce", "visible": true } ],
//!   "flows": [ { "id": "sync-accounts", "components": ["salesforce"] } ],
//!   "oauth_clients": [
//!     { "id": "oc-1", "component": "salesforce",
//!       "client_id": "{{SF_CLIENT_ID}}", "client_secret": "{{SF_CLIENT_SECRET}}" }
//!   ],
//!   "delete": [ "oc-1" ]
//! }
//! ```
//!
//! `oauth_clients` is required (it is how the file is recognised); every other key is optional.
//! `components` lists the components that exist in the tenant (`visible` defaults to `true`); when it
//! is absent, existence is not checked. `flows[].components` lists component ids a flow includes.
//! `delete` lists clients to remove, by client `id` (a string) or as `{ "id": …, "component": … }`.
//!
//! # Fixture layout
//!
//! `fixtures/elasticio/<rule-name>/valid*.json` and `invalid*.json`, one file per case, detected by
//! content as above. Every case is a single file: the desired-state format keeps a tenant's
//! components, flows and clients together for that reason.

pub mod component;
pub mod tenant;

use std::path::Path;

use specc_ir::{Dialect, Manifest};
use specc_syntax::{Document, FileId, Node, SourceDb, Span};

pub use crate::read::MemberView;
use crate::{Detection, Lowered, View};

pub use component::Component;
pub use tenant::{ClientPayload, TenantState};

/// Codes of the structural findings this module makes while lowering.
pub mod codes {
    /// A field of a component descriptor, OAuth-client payload or tenant state has the wrong JSON type.
    pub const INVALID_FIELD_TYPE: &str = "elasticio/invalid-field-type";
}

/// Which of the three elastic.io inputs a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Component,
    ClientPayload,
    TenantState,
}

/// The parts of the file that elasticio-specific rules read besides the IR.
#[derive(Debug, Clone, Default)]
pub struct ElasticIoView {
    pub file: FileId,
    pub kind: InputKind,
    pub component: Option<Box<Component>>,
    pub payload: Option<Box<ClientPayload>>,
    pub tenant: Option<Box<TenantState>>,
}

/// An object as written: its braces and its members in source order. Enough to splice a member in or
/// out while keeping the file's layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ObjectView {
    pub span: Span,
    pub members: Vec<MemberView>,
}

impl ObjectView {
    pub fn member(&self, key: &str) -> Option<&MemberView> {
        self.members.iter().find(|m| m.key == key)
    }
}

/// Recognises the three elastic.io inputs (see the module documentation).
pub fn detect(path: &Path, doc: &Document) -> Option<Detection> {
    classify(path, doc.root.as_ref()?).map(|_| Detection::primary(Dialect::ElasticIo))
}

/// Which elastic.io input a parsed root is, if any.
pub fn classify(path: &Path, root: &Node) -> Option<InputKind> {
    let members = root.as_object()?;
    let has = |k: &str| members.iter().any(|m| &*m.key == k);
    if has("openapi") || has("swagger") {
        return None;
    }
    if tenant::is_tenant_state(root) {
        return Some(InputKind::TenantState);
    }
    if tenant::is_client_payload(root) {
        return Some(InputKind::ClientPayload);
    }
    if component::is_component(path, root) {
        return Some(InputKind::Component);
    }
    None
}

/// Lowers one elastic.io file, whichever of the three kinds it is.
pub fn lower(db: &mut SourceDb, primary: FileId) -> Lowered {
    let Some(doc) = db.get(primary) else {
        return crate::empty(Dialect::ElasticIo, primary);
    };
    let Some(root) = doc.root.as_ref() else {
        return crate::empty(Dialect::ElasticIo, primary);
    };
    let mut model = ElasticIoView { file: primary, ..ElasticIoView::default() };
    let mut ir = Manifest::new(Dialect::ElasticIo, primary);
    let diagnostics = match classify(&doc.path, root) {
        Some(InputKind::TenantState) => {
            model.kind = InputKind::TenantState;
            let (state, configs, d) = tenant::lower_state(doc, root);
            model.tenant = Some(Box::new(state));
            ir.configs = configs;
            d
        }
        Some(InputKind::ClientPayload) => {
            model.kind = InputKind::ClientPayload;
            let (payload, configs, d) = tenant::lower_payload(doc, root);
            model.payload = Some(Box::new(payload));
            ir.configs = configs;
            d
        }
        // A file given with `--dialect elasticio` that matches nothing is read as a component.
        Some(InputKind::Component) | None => {
            let (comp, configs, d) = component::lower_component(doc, root);
            model.component = Some(Box::new(comp));
            ir.configs = configs;
            d
        }
    };
    Lowered { ir, view: View::ElasticIo(model), diagnostics }
}

/// The span of a node.
pub(crate) fn span(doc: &Document, node: &Node) -> Span {
    doc.span(node.range)
}

/// The members of an object node as [`MemberView`]s.
pub(crate) fn object_view(doc: &Document, node: &Node) -> ObjectView {
    let members = node.as_object().unwrap_or(&[]).iter().map(|m| MemberView::of(doc, m)).collect();
    ObjectView { span: span(doc, node), members }
}

#[cfg(test)]
mod tests;
