//! Tenant OAuth clients: the JSON:API body of `POST|PATCH /v2/tenants/{TENANT_ID}/oauth-clients`, and
//! specc's desired-state file for a tenant (format in the [module documentation](super)).
//!
//! Source: `shared/seeds/000_2049a78b1effcf08.txt`, "Creating/Updating/Deleting OAuth Clients".

use specc_ir::{AuthConfig, Credential, CredentialValue, Dialect, Protocol, Secret, Spanned};
use specc_syntax::{Diagnostic, Document, Node, Span, Value};

use super::{codes, object_view, span, MemberView, ObjectView};
use crate::read::Reader;

/// Which `data.type` reading a payload used. The seed's POST table says the type "should be flow";
/// its example and its PATCH table use `oauth-client`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeReading {
    OAuthClient,
    Flow,
    /// Something else (or missing).
    Other,
}

/// A `POST`/`PATCH …/oauth-clients` body as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientPayload {
    /// The root object.
    pub root: ObjectView,
    /// The `data` object (`None` when missing or not an object).
    pub data: Option<ObjectView>,
    pub data_type: Option<Spanned<String>>,
    pub reading: TypeReading,
    /// The `attributes` object.
    pub attributes: Option<ObjectView>,
    pub client_id: Option<Spanned<String>>,
    /// Where `attributes.client_secret` is (its value is never kept here).
    pub client_secret: Option<MemberView>,
    /// `relationships.component.data` object.
    pub component_data: Option<ObjectView>,
    /// The deepest part of `relationships.component.data` that exists, for "missing" findings.
    pub relationship_anchor: Option<Span>,
    pub component_id: Option<Spanned<String>>,
    pub component_type: Option<Spanned<String>>,
}

/// One component of the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentEntry {
    pub id: Spanned<String>,
    /// `visible: false` when written; visible otherwise.
    pub visible: Option<Spanned<bool>>,
    pub span: Span,
}

/// One integration flow of the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowEntry {
    pub id: Spanned<String>,
    pub components: Vec<Spanned<String>>,
    pub span: Span,
}

/// One desired OAuth client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientEntry {
    pub id: Option<Spanned<String>>,
    pub component: Option<Spanned<String>>,
    pub client_id: Option<Spanned<String>>,
    pub client_secret: Option<MemberView>,
    pub span: Span,
}

/// One client to delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteEntry {
    pub id: Option<Spanned<String>>,
    pub component: Option<Spanned<String>>,
    pub span: Span,
}

/// A tenant's desired OAuth-client state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TenantState {
    pub tenant: Option<Spanned<String>>,
    /// `None` when the file does not list the tenant's components (existence is then not checked).
    pub components: Option<Vec<ComponentEntry>>,
    pub flows: Vec<FlowEntry>,
    pub clients: Vec<ClientEntry>,
    pub deletes: Vec<DeleteEntry>,
}

impl TenantState {
    pub fn component(&self, id: &str) -> Option<&ComponentEntry> {
        self.components.as_ref()?.iter().find(|c| c.id.value == id)
    }

    pub fn client(&self, id: &str) -> Option<&ClientEntry> {
        self.clients.iter().find(|c| c.id.as_ref().is_some_and(|i| i.value == id))
    }
}

/// A root with an `oauth_clients` array.
pub fn is_tenant_state(root: &Node) -> bool {
    root.get("oauth_clients").is_some_and(|n| n.as_array().is_some())
}

/// A JSON:API body whose `data` is an OAuth client (either reading of its `type`).
pub fn is_client_payload(root: &Node) -> bool {
    let Some(data) = root.get("data").filter(|d| d.as_object().is_some()) else { return false };
    let ty = data.get("type").and_then(Node::as_str);
    let attrs = data.get("attributes");
    let has_creds = attrs.is_some_and(|a| a.get("client_id").is_some() || a.get("client_secret").is_some());
    let has_component = data.get_path(&["relationships", "component"]).is_some();
    matches!(ty, Some("oauth-client")) || (has_creds && (has_component || ty == Some("flow")))
}

fn client_config(name: &str, span: Span, id: Option<&Spanned<String>>, secret: Option<(&Node, Span)>) -> AuthConfig {
    let mut config = AuthConfig::new(name, Dialect::ElasticIo, Protocol::OAuth2, span);
    config.client_id =
        id.map(|i| Credential { value: CredentialValue::Literal(Secret::new(i.value.clone())), span: i.span });
    config.client_secret = secret
        .and_then(|(n, s)| n.as_str().map(|v| Credential { value: CredentialValue::Literal(Secret::new(v)), span: s }));
    config.refresh.platform_requires_refresh_token = true;
    config
}

/// Lowers an OAuth-client payload.
pub fn lower_payload(doc: &Document, root: &Node) -> (ClientPayload, Vec<AuthConfig>, Vec<Diagnostic>) {
    let mut r = Reader::new(doc, codes::INVALID_FIELD_TYPE);
    let mut p = ClientPayload {
        root: object_view(doc, root),
        data: None,
        data_type: None,
        reading: TypeReading::Other,
        attributes: None,
        client_id: None,
        client_secret: None,
        component_data: None,
        relationship_anchor: None,
        component_id: None,
        component_type: None,
    };
    let Some(data) = r.object(root, "data") else {
        return (p, Vec::new(), r.diagnostics);
    };
    p.data = Some(object_view(doc, data));
    p.data_type = r.string(data, "type");
    p.reading = match p.data_type.as_ref().map(|t| t.value.as_str()) {
        Some("oauth-client") => TypeReading::OAuthClient,
        Some("flow") => TypeReading::Flow,
        _ => TypeReading::Other,
    };
    let mut secret_node = None;
    if let Some(attrs) = r.object(data, "attributes") {
        p.attributes = Some(object_view(doc, attrs));
        p.client_id = r.string(attrs, "client_id");
        if let Some(m) = attrs.member("client_secret") {
            if m.value.as_str().is_none() && !m.value.is_null() {
                r.wrong_type(&m.value, "client_secret", "a string");
            }
            p.client_secret = Some(MemberView::of(doc, m));
            secret_node = Some((&m.value, span(doc, &m.value)));
        }
    }
    p.relationship_anchor = Some(span(doc, data));
    if let Some(rel) = r.object(data, "relationships") {
        p.relationship_anchor = Some(span(doc, rel));
        if let Some(comp) = r.object(rel, "component") {
            p.relationship_anchor = Some(span(doc, comp));
            if let Some(cd) = r.object(comp, "data") {
                p.relationship_anchor = Some(span(doc, cd));
                p.component_data = Some(object_view(doc, cd));
                p.component_id = scalar_id(&mut r, cd, "id");
                p.component_type = r.string(cd, "type");
            }
        }
    }
    let name = p.component_id.as_ref().map_or_else(|| "oauth-client".to_string(), |c| c.value.clone());
    let mut config = client_config(&name, span(doc, data), p.client_id.as_ref(), secret_node);
    if let Some(c) = &p.component_id {
        config.attributes.insert("component_id".into(), c.clone());
    }
    if let Some(t) = &p.data_type {
        config.attributes.insert("payload_type".into(), t.clone());
    }
    (p, vec![config], r.diagnostics)
}

/// An id written as a string or a number.
fn scalar_id(r: &mut Reader<'_>, parent: &Node, key: &str) -> Option<Spanned<String>> {
    let node = parent.get(key)?;
    match &node.value {
        Value::String(s) => Some(Spanned::new(s.to_string(), r.span(node))),
        Value::Number(n) => Some(Spanned::new(n.to_string(), r.span(node))),
        Value::Null => None,
        _ => {
            r.wrong_type(node, key, "a string");
            None
        }
    }
}

/// Lowers a tenant desired-state file.
pub fn lower_state(doc: &Document, root: &Node) -> (TenantState, Vec<AuthConfig>, Vec<Diagnostic>) {
    let mut r = Reader::new(doc, codes::INVALID_FIELD_TYPE);
    let mut s = TenantState { tenant: scalar_id(&mut r, root, "tenant"), ..TenantState::default() };
    if let Some(list) = root.get("components") {
        let mut out = Vec::new();
        for item in array(&mut r, list, "components") {
            if item.as_object().is_none() {
                r.wrong_type(item, "components[]", "an object with `id` and `visible`");
                continue;
            }
            let Some(id) = required_id(&mut r, item, "id") else { continue };
            let visible = r.boolean(item, "visible");
            out.push(ComponentEntry { id, visible, span: span(doc, item) });
        }
        s.components = Some(out);
    }
    if let Some(list) = root.get("flows") {
        for item in array(&mut r, list, "flows") {
            if item.as_object().is_none() {
                r.wrong_type(item, "flows[]", "an object with `id` and `components`");
                continue;
            }
            let Some(id) = required_id(&mut r, item, "id") else { continue };
            let mut components = Vec::new();
            if let Some(cs) = item.get("components") {
                for c in array(&mut r, cs, "components") {
                    match &c.value {
                        Value::String(v) | Value::Number(v) => {
                            components.push(Spanned::new(v.to_string(), span(doc, c)))
                        }
                        _ => r.wrong_type(c, "components[]", "a component id"),
                    }
                }
            }
            s.flows.push(FlowEntry { id, components, span: span(doc, item) });
        }
    }
    let mut configs = Vec::new();
    if let Some(list) = root.get("oauth_clients") {
        for item in array(&mut r, list, "oauth_clients") {
            if item.as_object().is_none() {
                r.wrong_type(item, "oauth_clients[]", "an OAuth client object");
                continue;
            }
            let id = scalar_id(&mut r, item, "id");
            let component = scalar_id(&mut r, item, "component");
            let client_id = r.string(item, "client_id");
            let secret = item.member("client_secret");
            if let Some(m) = secret {
                if m.value.as_str().is_none() && !m.value.is_null() {
                    r.wrong_type(&m.value, "client_secret", "a string");
                }
            }
            let client_secret = secret.map(|m| MemberView::of(doc, m));
            let name = component.as_ref().map_or_else(|| "oauth-client".to_string(), |c| c.value.clone());
            let mut config = client_config(
                &name,
                span(doc, item),
                client_id.as_ref(),
                secret.map(|m| (&m.value, span(doc, &m.value))),
            );
            if let Some(t) = &s.tenant {
                config.attributes.insert("tenant_id".into(), t.clone());
            }
            if let Some(c) = &component {
                config.attributes.insert("component_id".into(), c.clone());
            }
            configs.push(config);
            s.clients.push(ClientEntry { id, component, client_id, client_secret, span: span(doc, item) });
        }
    }
    if let Some(list) = root.get("delete") {
        for item in array(&mut r, list, "delete") {
            match &item.value {
                Value::String(v) | Value::Number(v) => s.deletes.push(DeleteEntry {
                    id: Some(Spanned::new(v.to_string(), span(doc, item))),
                    component: None,
                    span: span(doc, item),
                }),
                Value::Object(_) => {
                    let id = scalar_id(&mut r, item, "id");
                    let component = scalar_id(&mut r, item, "component");
                    s.deletes.push(DeleteEntry { id, component, span: span(doc, item) });
                }
                _ => r.wrong_type(item, "delete[]", "a client id or `{ \"id\": …, \"component\": … }`"),
            }
        }
    }
    (s, configs, r.diagnostics)
}

fn array<'n>(r: &mut Reader<'_>, node: &'n Node, what: &str) -> &'n [Node] {
    match node.as_array() {
        Some(items) => items,
        None => {
            if !node.is_null() {
                r.wrong_type(node, what, "an array");
            }
            &[]
        }
    }
}

fn required_id(r: &mut Reader<'_>, item: &Node, key: &str) -> Option<Spanned<String>> {
    let id = scalar_id(r, item, key);
    if id.is_none() && item.get(key).is_none() {
        r.diagnostics.push(
            Diagnostic::error(codes::INVALID_FIELD_TYPE, format!("this entry has no `{key}`"), r.span(item))
                .with_help(format!("add `\"{key}\": \"…\"`")),
        );
    }
    id
}
