//! OpenAPI security schemes (Swagger 2.0, OAS 3.0, 3.1 and 3.2) and Itential instance settings.
//!
//! An OpenAPI document lowers to one [`AuthConfig`] per security scheme plus one [`Requirement`] per
//! entry of every `security` array (root and operations). OAuth endpoint URLs that are relative
//! references are resolved against the first usable `servers[].url` (3.x) or `schemes`/`host`/`basePath`
//! (2.0), as the specifications ask; the raw text is kept too.
//!
//! An Itential instance is a small settings file that the Itential Platform keeps per integration:
//!
//! ```yaml
//! model: box.openapi.json        # path of the integration's OpenAPI model, relative to this file
//! client_id: "{{BOX_CLIENT_ID}}"
//! client_secret: "{{BOX_CLIENT_SECRET}}"
//! scope: root_readonly manage_app_users
//! redirect_uri: "{{iap}}/admin/oauth/"
//! token_url: https://api.box.com/oauth2/token   # optional override
//! scheme: OAuth2Security                        # optional, when the model has several oauth2 schemes
//! ```
//!
//! It lowers to the model's configurations with the instance's values merged into the chosen scheme.

use std::path::{Path, PathBuf};

use specc_ir::{
    AuthConfig, Credential, CredentialValue, Dialect, EndpointUrl, ExtraParam, Flow, FlowKind, Manifest, ParamTarget,
    Placeholder, PlaceholderSyntax, Protocol, RequestedScopes, Requirement, Resolution, ScopeDecl, ScopeSet, Secret,
    Spanned, ViewLink,
};
use specc_syntax::{Diagnostic, Document, FileId, Node, SourceDb, Span, Value};

use crate::read::Reader;
use crate::{Detection, Lowered, View};

/// Codes of the structural findings this module makes while lowering.
pub mod codes {
    pub const INVALID_FIELD_TYPE: &str = "openapi/invalid-field-type";
    pub const UNKNOWN_FLOW: &str = "openapi/oauth2-unknown-flow";
    pub const ITENTIAL_MODEL_MISSING: &str = "itential/model-not-found";
    pub const ITENTIAL_INVALID_FIELD_TYPE: &str = "itential/invalid-field-type";
}

/// Which OpenAPI specification a document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum SpecVersion {
    Swagger2,
    Oas30,
    #[default]
    Oas31,
    Oas32,
}

impl SpecVersion {
    pub fn label(self) -> &'static str {
        match self {
            SpecVersion::Swagger2 => "Swagger 2.0",
            SpecVersion::Oas30 => "OpenAPI 3.0",
            SpecVersion::Oas31 => "OpenAPI 3.1",
            SpecVersion::Oas32 => "OpenAPI 3.2",
        }
    }

    pub fn is_swagger2(self) -> bool {
        self == SpecVersion::Swagger2
    }
}

/// One field present in a flow object, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    pub key: String,
    pub key_span: Span,
    /// `key: value` including both.
    pub member_span: Span,
}

/// A flow as written in the file (3.x `flows.<name>`, or the 2.0 scheme object itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowView {
    /// The name used in the file: `authorizationCode`, or 2.0's `accessCode`.
    pub name: Spanned<String>,
    pub kind: Option<FlowKind>,
    pub span: Span,
    pub fields: Vec<FieldView>,
}

impl FlowView {
    pub fn field(&self, key: &str) -> Option<&FieldView> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// One `x-itential-parameters` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItentialParam {
    pub span: Span,
    pub name: Option<Spanned<String>>,
    pub location: Option<Spanned<String>>,
    pub use_in: Vec<Spanned<String>>,
}

/// A security scheme as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeView {
    pub name: String,
    pub key_span: Span,
    pub span: Span,
    pub scheme_type: Option<Spanned<String>>,
    /// 3.x: the `flows` member's value span, when present.
    pub flows_span: Option<Span>,
    /// Whether the scheme has a `flows` (3.x) or `flow` (2.0) member at all, of any type.
    pub flows_declared: bool,
    /// Whether that member has the right type (an object in 3.x, a string in 2.0).
    pub flows_valid: bool,
    pub flows: Vec<FlowView>,
    pub itential_params: Vec<ItentialParam>,
}

/// What OpenAPI-specific rules read besides the IR.
#[derive(Debug, Clone, Default)]
pub struct OpenApiView {
    pub file: FileId,
    pub version: SpecVersion,
    /// The `openapi` / `swagger` field.
    pub version_field: Option<Spanned<String>>,
    pub schemes: Vec<SchemeView>,
    /// Base URL used to resolve relative OAuth URLs, when one was found.
    pub base_url: Option<String>,
    /// `securitySchemes` / `securityDefinitions` object span.
    pub schemes_span: Option<Span>,
    /// Operations read under `paths` (whether or not they have `security`).
    pub operations: usize,
    /// Some operations could not be read here: a path item is a `$ref`, or the document has
    /// `webhooks` or `callbacks`, whose security requirements the lowering does not collect.
    pub operations_elsewhere: bool,
}

impl OpenApiView {
    pub fn scheme(&self, name: &str) -> Option<&SchemeView> {
        self.schemes.iter().find(|s| s.name == name)
    }
}

/// The Itential instance settings as written, plus the model they point to.
#[derive(Debug, Clone, Default)]
pub struct ItentialInstance {
    pub file: FileId,
    pub model_path: Option<Spanned<String>>,
    pub model: Option<OpenApiView>,
    /// The scheme the instance uses (named, or the first oauth2 scheme of the model).
    pub scheme: Option<String>,
    pub scheme_field: Option<Spanned<String>>,
    /// `client_id` when it is a string.
    pub client_id: Option<Spanned<String>>,
    /// The `client_id` value's span, whatever its type (present means the key is written).
    pub client_id_span: Option<Span>,
    /// The `client_secret` value's span, whatever its type (present means the key is written).
    pub client_secret_span: Option<Span>,
    /// `scope` as written: a string, or a list (which the seed does not allow).
    pub scope: Option<Spanned<String>>,
    pub scope_is_list: bool,
    /// A `scope` list had items that are not strings (reported as a wrong type, left out of `scope`).
    pub scope_list_has_non_strings: bool,
    pub redirect_uri: Option<Spanned<String>>,
    pub token_url: Option<Spanned<String>>,
    /// The flow the instance is configured for; Itential runs the authorization code flow.
    pub flow: Option<Spanned<String>>,
}

const FLOW_NAMES_3: [(&str, FlowKind); 5] = [
    ("authorizationCode", FlowKind::AuthorizationCode),
    ("clientCredentials", FlowKind::ClientCredentials),
    ("password", FlowKind::Password),
    ("implicit", FlowKind::Implicit),
    ("deviceAuthorization", FlowKind::DeviceAuthorization),
];

const FLOW_NAMES_2: [(&str, FlowKind); 4] = [
    ("accessCode", FlowKind::AuthorizationCode),
    ("application", FlowKind::ClientCredentials),
    ("password", FlowKind::Password),
    ("implicit", FlowKind::Implicit),
];

/// The OpenAPI version of a document, if it is one.
pub fn spec_version(root: &Node) -> Option<(SpecVersion, &Node)> {
    if let Some(v) = root.get("openapi") {
        let text = v.scalar_text()?;
        let version = if text.starts_with("3.0") {
            SpecVersion::Oas30
        } else if text.starts_with("3.1") {
            SpecVersion::Oas31
        } else if text.starts_with("3.2") || text.starts_with('3') {
            SpecVersion::Oas32
        } else {
            return None;
        };
        return Some((version, v));
    }
    let v = root.get("swagger")?;
    v.scalar_text().filter(|t| t.starts_with('2')).map(|_| (SpecVersion::Swagger2, v))
}

pub fn detect(_path: &Path, doc: &Document) -> Option<Detection> {
    let root = doc.root.as_ref()?;
    if spec_version(root).is_some() {
        return Some(Detection::primary(Dialect::OpenApi));
    }
    if is_itential_instance(root) {
        return Some(Detection::primary(Dialect::Itential));
    }
    None
}

fn is_itential_instance(root: &Node) -> bool {
    let Some(members) = root.as_object() else { return false };
    let has = |k: &str| members.iter().any(|m| &*m.key == k);
    (has("client_id") || has("client_secret"))
        && (has("model") || has("openapi_model") || has("redirect_uri"))
        && !has("credentials")
}

/// Lowers an OpenAPI document.
pub fn lower(db: &mut SourceDb, primary: FileId) -> Lowered {
    let Some(doc) = db.get(primary) else {
        return crate::empty(Dialect::OpenApi, primary);
    };
    let (ir, model, diagnostics) = lower_document(doc, Dialect::OpenApi);
    Lowered { ir, view: View::OpenApi(model), diagnostics }
}

/// Lowers one OpenAPI document into a manifest of the given dialect.
pub fn lower_document(doc: &Document, dialect: Dialect) -> (Manifest, OpenApiView, Vec<Diagnostic>) {
    let mut manifest = Manifest::new(dialect, doc.file);
    let mut model = OpenApiView { file: doc.file, ..OpenApiView::default() };
    let mut r = Reader::new(doc, codes::INVALID_FIELD_TYPE);
    let Some(root) = doc.root.as_ref() else {
        return (manifest, model, r.diagnostics);
    };
    let Some((version, vnode)) = spec_version(root) else {
        return (manifest, model, r.diagnostics);
    };
    model.version = version;
    model.version_field = vnode.scalar_text().map(|t| Spanned::new(t.to_string(), doc.span(vnode.range)));
    model.base_url = base_url(root, version);

    let schemes = if version.is_swagger2() {
        root.get("securityDefinitions").map(|n| (n, "securityDefinitions"))
    } else {
        root.get("components").and_then(|c| c.get("securitySchemes")).map(|n| (n, "securitySchemes"))
    };
    if let Some((schemes_node, what)) = schemes {
        model.schemes_span = Some(doc.span(schemes_node.range));
        match schemes_node.as_object() {
            None => r.wrong_type(schemes_node, what, "an object"),
            Some(members) => {
                for m in members {
                    let Some((mut config, view)) =
                        lower_scheme(&mut r, version, &m.key, m, model.base_url.as_deref(), dialect)
                    else {
                        continue;
                    };
                    config.view = Some(ViewLink::at(model.schemes.len()));
                    manifest.configs.push(config);
                    model.schemes.push(view);
                }
            }
        }
    }

    // Security requirements: root, then every operation.
    if let Some(sec) = root.get("security") {
        lower_requirements(&mut r, sec, "root", &mut manifest.requirements);
    }
    model.operations_elsewhere = root.get("webhooks").and_then(Node::as_object).is_some_and(|w| !w.is_empty());
    if let Some(paths) = root.get("paths").and_then(Node::as_object) {
        for p in paths {
            let Some(ops) = p.value.as_object() else { continue };
            if p.value.get("$ref").is_some() {
                model.operations_elsewhere = true;
            }
            for op in ops {
                const METHODS: [&str; 9] =
                    ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];
                if !METHODS.contains(&&*op.key) {
                    continue;
                }
                model.operations += 1;
                if op.value.get("callbacks").is_some() {
                    model.operations_elsewhere = true;
                }
                if let Some(sec) = op.value.get("security") {
                    let location = format!("{} {}", op.key.to_ascii_uppercase(), p.key);
                    lower_requirements(&mut r, sec, &location, &mut manifest.requirements);
                }
            }
        }
    }
    (manifest, model, r.diagnostics)
}

fn lower_requirements(r: &mut Reader<'_>, sec: &Node, location: &str, out: &mut Vec<Requirement>) {
    let Some(items) = sec.as_array() else {
        r.wrong_type(sec, "security", "an array of security requirement objects");
        return;
    };
    for item in items {
        let Some(members) = item.as_object() else {
            r.wrong_type(item, "security[]", "an object");
            continue;
        };
        for m in members {
            let mut scopes = Vec::new();
            match m.value.as_array() {
                Some(list) => {
                    for s in list {
                        match s.as_str() {
                            Some(t) => scopes.push(Spanned::new(t.to_string(), r.span(s))),
                            None => r.wrong_type(s, "scope", "a string"),
                        }
                    }
                }
                None => r.wrong_type(&m.value, &m.key, "an array of scope names"),
            }
            out.push(Requirement {
                scheme: Spanned::new(m.key.to_string(), r.key_span(m)),
                scopes,
                location: location.to_string(),
                scopes_span: r.span(&m.value),
            });
        }
    }
}

fn lower_scheme(
    r: &mut Reader<'_>,
    version: SpecVersion,
    name: &str,
    m: &specc_syntax::Member,
    base: Option<&str>,
    dialect: Dialect,
) -> Option<(AuthConfig, SchemeView)> {
    let node = &m.value;
    if node.as_object().is_none() {
        r.wrong_type(node, name, "a security scheme object");
        return None;
    }
    let scheme_type = r.string(node, "type");
    let protocol = match scheme_type.as_ref().map(|t| t.value.as_str()) {
        Some("oauth2") => Protocol::OAuth2,
        Some("openIdConnect") => Protocol::OpenIdConnect,
        Some(other) => Protocol::Other(other.to_string()),
        None => Protocol::Other(String::new()),
    };
    let mut config = AuthConfig::new(name, dialect, protocol.clone(), r.span(node));
    let mut view = SchemeView {
        name: name.to_string(),
        key_span: r.key_span(m),
        span: r.span(node),
        scheme_type,
        flows_span: None,
        flows_declared: node.get(if version.is_swagger2() { "flow" } else { "flows" }).is_some(),
        flows_valid: false,
        flows: Vec::new(),
        itential_params: Vec::new(),
    };
    if protocol == Protocol::OpenIdConnect {
        config.metadata_url = r.url(node, "openIdConnectUrl");
    }
    if protocol != Protocol::OAuth2 {
        return Some((config, view));
    }
    config.metadata_url = r.url(node, "oauth2MetadataUrl");
    if version.is_swagger2() {
        // 2.0: one flow per scheme, fields on the scheme itself.
        if let Some(flow_name) = r.string(node, "flow") {
            view.flows_valid = true;
            let kind = FLOW_NAMES_2.iter().find(|(n, _)| *n == flow_name.value).map(|(_, k)| k.clone());
            if kind.is_none() {
                r.diagnostics.push(unknown_flow(&flow_name, &FLOW_NAMES_2.map(|(n, _)| n)));
            }
            let fv = flow_view(r, node, flow_name.clone(), kind.clone());
            if let Some(kind) = kind {
                let mut flow = lower_flow(r, node, kind, base);
                flow.kind_span = flow_name.span;
                flow.view = Some(ViewLink::at(view.flows.len()));
                config.flows.push(flow);
            }
            view.flows.push(fv);
        }
    } else if let Some(flows) = node.get("flows") {
        view.flows_span = Some(r.span(flows));
        match flows.as_object() {
            None => r.wrong_type(flows, "flows", "an object"),
            Some(members) => {
                view.flows_valid = true;
                for f in members {
                    let flow_name = Spanned::new(f.key.to_string(), r.key_span(f));
                    let kind = FLOW_NAMES_3.iter().find(|(n, _)| *n == &*f.key).map(|(_, k)| k.clone());
                    if f.value.as_object().is_none() {
                        r.wrong_type(&f.value, &f.key, "an OAuth flow object");
                        continue;
                    }
                    if kind.is_none() && !f.key.starts_with("x-") {
                        r.diagnostics.push(unknown_flow(&flow_name, &FLOW_NAMES_3.map(|(n, _)| n)));
                    }
                    let mut fv = flow_view(r, &f.value, flow_name.clone(), kind.clone());
                    fv.span = r.span(&f.value);
                    if let Some(kind) = kind {
                        let mut flow = lower_flow(r, &f.value, kind, base);
                        flow.kind_span = flow_name.span;
                        flow.view = Some(ViewLink::at(view.flows.len()));
                        config.flows.push(flow);
                    }
                    // Itential's extension sits inside the flow object.
                    if let Some(params) = f.value.get("x-itential-parameters") {
                        lower_itential_params(r, params, &mut view.itential_params, &mut config.extra_params);
                    }
                    view.flows.push(fv);
                }
            }
        }
    }
    if let Some(params) = node.get("x-itential-parameters") {
        lower_itential_params(r, params, &mut view.itential_params, &mut config.extra_params);
    }
    Some((config, view))
}

fn lower_itential_params(
    r: &mut Reader<'_>,
    params: &Node,
    views: &mut Vec<ItentialParam>,
    extra: &mut Vec<ExtraParam>,
) {
    let Some(items) = params.as_array() else {
        r.wrong_type(params, "x-itential-parameters", "an array");
        return;
    };
    for item in items {
        if item.as_object().is_none() {
            r.wrong_type(item, "x-itential-parameters[]", "an object");
            continue;
        }
        let name = r.string(item, "name");
        let location = r.string(item, "in");
        let mut use_in = Vec::new();
        if let Some(u) = item.get("x-itential-use-in") {
            match &u.value {
                Value::Array(list) => {
                    for v in list {
                        if let Some(s) = v.as_str() {
                            use_in.push(Spanned::new(s.to_string(), r.span(v)));
                        }
                    }
                }
                Value::String(s) => use_in.push(Spanned::new(s.to_string(), r.span(u))),
                _ => r.wrong_type(u, "x-itential-use-in", "an array of strings"),
            }
        }
        if let Some(n) = &name {
            let target = match (use_in.iter().any(|u| u.value == "token"), use_in.iter().any(|u| u.value == "refresh"))
            {
                (true, false) => ParamTarget::Token,
                (false, true) => ParamTarget::Refresh,
                _ => ParamTarget::Both,
            };
            let value = item
                .get("value")
                .or_else(|| item.get("default"))
                .and_then(|v| v.scalar_text().map(|t| Spanned::new(t.to_string(), r.span(v))));
            extra.push(ExtraParam { name: n.clone(), value, target });
        }
        views.push(ItentialParam { span: r.span(item), name, location, use_in });
    }
}

fn unknown_flow(name: &Spanned<String>, known: &[&str]) -> Diagnostic {
    let mut d = Diagnostic::error(codes::UNKNOWN_FLOW, format!("unknown OAuth flow `{}`", name.value), name.span)
        .with_label("not a flow name this OpenAPI version defines")
        .with_note(format!("known flows: {}", known.join(", ")));
    if let Some(s) = did_you_mean(&name.value, known) {
        d = d.with_help(format!("did you mean `{s}`?"));
    }
    d
}

pub use crate::suggest::did_you_mean;

fn flow_view(r: &Reader<'_>, node: &Node, name: Spanned<String>, kind: Option<FlowKind>) -> FlowView {
    let fields = node
        .as_object()
        .unwrap_or(&[])
        .iter()
        .map(|m| FieldView { key: m.key.to_string(), key_span: r.key_span(m), member_span: r.member_span(m) })
        .collect();
    FlowView { name, kind, span: r.span(node), fields }
}

fn lower_flow(r: &mut Reader<'_>, node: &Node, kind: FlowKind, base: Option<&str>) -> Flow {
    let mut flow = Flow::new(kind, r.span(node));
    let resolve = |u: Option<EndpointUrl>| u.map(|u| resolve_url(u, base));
    flow.authorization_url = resolve(r.url(node, "authorizationUrl"));
    flow.token_url = resolve(r.url(node, "tokenUrl"));
    flow.refresh_url = resolve(r.url(node, "refreshUrl"));
    flow.device_authorization_url = resolve(r.url(node, "deviceAuthorizationUrl"));
    if let Some(scopes) = node.get("scopes") {
        match scopes.as_object() {
            Some(members) => {
                let entries = members
                    .iter()
                    .map(|m| ScopeDecl {
                        name: Spanned::new(m.key.to_string(), r.key_span(m)),
                        description: m.value.scalar_text().map(str::to_string),
                    })
                    .collect();
                flow.scopes = Some(ScopeSet { span: r.span(scopes), entries });
            }
            None if scopes.is_null() => {}
            None => r.wrong_type(scopes, "scopes", "a map of scope names to descriptions"),
        }
    }
    flow
}

/// Resolves a relative reference against the document's base URL (RFC 3986 §5.2).
fn resolve_url(mut u: EndpointUrl, base: Option<&str>) -> EndpointUrl {
    if u.raw.is_empty() || u.raw.contains("://") {
        return u;
    }
    if let Some(base) = base.and_then(|b| url::Url::parse(b).ok()) {
        if let Ok(joined) = base.join(&u.raw) {
            u.resolved = Some(joined.to_string());
        }
    }
    u
}

/// The base URL of the document: first absolute `servers[].url` with variables substituted (3.x), or
/// `schemes[0]://host/basePath` (2.0).
fn base_url(root: &Node, version: SpecVersion) -> Option<String> {
    if version.is_swagger2() {
        let host = root.get("host")?.as_str()?;
        let scheme = root
            .get("schemes")
            .and_then(Node::as_array)
            .and_then(|s| {
                // Prefer https when both are listed.
                let names: Vec<&str> = s.iter().filter_map(Node::as_str).collect();
                names.iter().find(|n| **n == "https").or_else(|| names.first()).copied()
            })
            .unwrap_or("https");
        let base_path = root.get("basePath").and_then(Node::as_str).unwrap_or("/");
        let mut s = format!("{scheme}://{host}{base_path}");
        if !s.ends_with('/') {
            s.push('/');
        }
        return Some(s);
    }
    for server in root.get("servers")?.as_array()? {
        let Some(raw) = server.get("url").and_then(Node::as_str) else { continue };
        let mut url = raw.to_string();
        if let Some(vars) = server.get("variables").and_then(Node::as_object) {
            for v in vars {
                if let Some(d) = v.value.get("default").and_then(Node::scalar_text) {
                    url = url.replace(&format!("{{{}}}", v.key), d);
                }
            }
        }
        if url.contains("://") && !url.contains('{') {
            if !url.ends_with('/') {
                url.push('/');
            }
            return Some(url);
        }
    }
    None
}

/// The path of the OpenAPI model an Itential instance names (resolved against the instance's
/// directory), when `doc` is an instance with a string `model`.
pub fn itential_model_path(doc: &Document) -> Option<PathBuf> {
    let root = doc.root.as_ref()?;
    if !is_itential_instance(root) {
        return None;
    }
    let model = root.get("model").or_else(|| root.get("openapi_model"))?.as_str()?;
    let dir = doc.path.parent().map(Path::to_path_buf).unwrap_or_default();
    Some(dir.join(model))
}

/// Lowers an Itential instance settings file together with the OpenAPI model it names.
pub fn lower_itential(db: &mut SourceDb, primary: FileId) -> Lowered {
    let Some(doc) = db.get(primary) else {
        return crate::empty(Dialect::Itential, primary);
    };
    let mut r = Reader::new(doc, codes::ITENTIAL_INVALID_FIELD_TYPE);
    let mut inst = ItentialInstance { file: primary, ..Default::default() };
    let Some(root) = doc.root.clone() else {
        return crate::empty(Dialect::Itential, primary);
    };
    inst.model_path = r.string(&root, "model").or_else(|| r.string(&root, "openapi_model"));
    inst.scheme_field = r.string(&root, "scheme");
    inst.client_id = r.string(&root, "client_id");
    inst.client_id_span = root.get("client_id").map(|n| r.span(n));
    inst.client_secret_span = root.get("client_secret").map(|n| r.span(n));
    let client_secret = root.get("client_secret").and_then(Node::as_str).map(str::to_string);
    inst.redirect_uri = r.string(&root, "redirect_uri");
    inst.token_url = r.string(&root, "token_url");
    inst.flow = r.string(&root, "flow");
    if let Some(scope) = root.get("scope") {
        match &scope.value {
            Value::String(s) => inst.scope = Some(Spanned::new(s.to_string(), r.span(scope))),
            Value::Array(items) => {
                inst.scope_is_list = true;
                for item in items.iter().filter(|i| i.as_str().is_none()) {
                    inst.scope_list_has_non_strings = true;
                    r.wrong_type(item, "scope[]", "a string");
                }
                let joined: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
                inst.scope = Some(Spanned::new(joined.join(" "), r.span(scope)));
            }
            _ => r.wrong_type(scope, "scope", "a space-separated string"),
        }
    }
    let mut diagnostics = std::mem::take(&mut r.diagnostics);
    let instance_dir = doc.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let client_id_value = inst.client_id.clone();
    let instance_span = doc.span(root.range);

    // Load the model.
    let mut manifest = Manifest::new(Dialect::Itential, primary);
    if inst.model_path.is_none() && root.get("model").is_none() && root.get("openapi_model").is_none() {
        diagnostics.push(
            Diagnostic::file(
                codes::ITENTIAL_MODEL_MISSING,
                specc_syntax::Severity::Error,
                "instance names no OpenAPI model",
                primary,
            )
            .with_help("add `model:` with the path of the integration's OpenAPI document, relative to this file"),
        );
    }
    let root_dir = if instance_dir.as_os_str().is_empty() { PathBuf::from(".") } else { instance_dir.clone() };
    let outside = inst.model_path.as_ref().is_some_and(|mp| {
        let path = instance_dir.join(&mp.value);
        path.exists() && !specc_syntax::resolves_inside(&root_dir, &path)
    });
    if let (true, Some(mp)) = (outside, &inst.model_path) {
        // `../..`, an absolute path or a link out of the instance's directory: not read, and neither
        // the target nor its content is named.
        diagnostics.push(
            Diagnostic::error(
                specc_syntax::codes::OUTSIDE_ROOT,
                "the OpenAPI model resolves outside the instance's directory; it was not read",
                mp.span,
            )
            .with_label("points outside the instance's directory")
            .with_help("keep the model as a regular file in the instance's directory or below it"),
        );
    }
    if let Some(mp) = inst.model_path.as_ref().filter(|_| !outside) {
        let path: PathBuf = instance_dir.join(&mp.value);
        let model_id = db.find_path(&path).unwrap_or_else(|| db.load(&path));
        if let Some(model_doc) = db.get(model_id) {
            if model_doc.fatal && model_doc.root.is_none() {
                let reason = model_doc.diagnostics.first().map(|d| d.message.clone()).unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        codes::ITENTIAL_MODEL_MISSING,
                        format!("cannot use the OpenAPI model `{}`", mp.value),
                        mp.span,
                    )
                    .with_note(reason)
                    .with_help("point `model` at the integration's OpenAPI document, relative to this file"),
                );
            } else if model_doc.root.as_ref().and_then(spec_version).is_none() {
                diagnostics.push(
                    Diagnostic::error(
                        codes::ITENTIAL_MODEL_MISSING,
                        format!("`{}` is not an OpenAPI document", mp.value),
                        mp.span,
                    )
                    .with_help("the model must have an `openapi` or `swagger` version field"),
                );
            } else {
                // Syntax problems of the model are reported with the model's own file.
                diagnostics.extend(model_doc.diagnostics.iter().cloned());
                let (m, model, d) = lower_document(model_doc, Dialect::Itential);
                diagnostics.extend(d);
                manifest.configs = m.configs;
                manifest.requirements = m.requirements;
                inst.model = Some(model);
            }
        }
    }

    // Pick the scheme and merge the instance's values into it.
    let scheme_name = inst
        .scheme_field
        .as_ref()
        .map(|s| s.value.clone())
        .or_else(|| manifest.configs.iter().find(|c| c.protocol == Protocol::OAuth2).map(|c| c.name.clone()));
    inst.scheme = scheme_name.clone();
    let target = scheme_name.as_ref().and_then(|n| manifest.configs.iter().position(|c| &c.name == n));
    let idx = match target {
        Some(i) => i,
        None => {
            // No model (or no oauth2 scheme): the instance still describes a client.
            let mut c = AuthConfig::new("instance", Dialect::Itential, Protocol::OAuth2, instance_span);
            c.flows.push(Flow::new(FlowKind::AuthorizationCode, instance_span));
            manifest.configs.push(c);
            manifest.configs.len() - 1
        }
    };
    // The instance is still in the database (loading the model only added files).
    let Some(doc) = db.get(primary) else {
        return Lowered { ir: manifest, view: View::Itential(inst), diagnostics };
    };
    let config = &mut manifest.configs[idx];
    config.client_id = client_id_value.map(|c| credential(doc, &c.value, c.span, &mut config.placeholders));
    if let (Some(secret), Some(span)) = (client_secret, inst.client_secret_span) {
        config.client_secret = Some(credential(doc, &secret, span, &mut config.placeholders));
    }
    if let Some(redirect) = &inst.redirect_uri {
        for o in crate::placeholders::mustache(&redirect.value) {
            config.placeholders.push(Placeholder {
                name: o.name.clone(),
                syntax: PlaceholderSyntax::Mustache,
                span: doc.string_part(redirect.span, &redirect.value, o.start..o.end),
                resolution: if o.name == "iap" { Resolution::Platform } else { Resolution::Unresolved },
            });
        }
        config.redirect_uri = Some(redirect.clone());
    }
    if let Some(tu) = &inst.token_url {
        // The instance's token_url overrides the model's for the authorization code flow.
        if let Some(f) = config.flows.iter_mut().find(|f| f.kind == FlowKind::AuthorizationCode) {
            f.token_url = Some(EndpointUrl::new(tu.value.clone(), tu.span));
        }
    }
    if let Some(scope) = &inst.scope {
        config.requested_scopes = Some(requested_scopes(doc, scope, inst.scope_is_list));
    }
    Lowered { ir: manifest, view: View::Itential(inst), diagnostics }
}

/// Splits an instance `scope` string on whitespace, keeping each token's span (tokens of a list keep
/// the list's span).
fn requested_scopes(doc: &Document, scope: &Spanned<String>, is_list: bool) -> RequestedScopes {
    let mut items = Vec::new();
    let mut pos = 0;
    for token in scope.value.split(|c: char| c.is_whitespace()) {
        let start = pos;
        pos += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let span =
            if is_list { scope.span } else { doc.string_part(scope.span, &scope.value, start..start + token.len()) };
        items.push(Spanned::new(token.to_string(), span));
    }
    RequestedScopes { span: scope.span, raw: if is_list { None } else { Some(scope.value.clone()) }, items }
}

fn credential(doc: &Document, value: &str, span: Span, placeholders: &mut Vec<Placeholder>) -> Credential {
    let occ = crate::placeholders::mustache(value);
    if let Some(o) = occ.first() {
        placeholders.push(Placeholder {
            name: o.name.clone(),
            syntax: PlaceholderSyntax::Mustache,
            span: doc.string_part(span, value, o.start..o.end),
            resolution: Resolution::Field(o.name.clone()),
        });
        return Credential { value: CredentialValue::Parameter(o.name.clone()), span };
    }
    Credential { value: CredentialValue::Literal(Secret::new(value)), span }
}

/// The parts of an OpenAPI document the lowering never reads: everything but the version, servers,
/// security schemes and security requirements. Used as the syntax layer's skip predicate, so that a
/// 13 MB description is checked without building its schemas, examples and responses.
pub fn skip_unread(path: &[String]) -> bool {
    const METHODS: [&str; 9] = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];
    match path {
        [root] => !matches!(
            root.as_str(),
            "openapi"
                | "swagger"
                | "info"
                | "servers"
                | "host"
                | "basePath"
                | "schemes"
                | "security"
                | "securityDefinitions"
                | "components"
                | "paths"
        ),
        [c, k] if c == "components" => k != "securitySchemes",
        [p, _, k] if p == "paths" => !METHODS.contains(&k.as_str()),
        [p, _, _, k] if p == "paths" => k != "security",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str, name: &str) -> (SourceDb, Lowered) {
        let mut db = SourceDb::new();
        let id = db.add_bytes(name, text.as_bytes());
        let l = lower(&mut db, id);
        (db, l)
    }

    #[test]
    fn oas3_flows_and_relative_urls() {
        let text = r#"
openapi: 3.1.0
servers:
  - url: https://{host}/v1
    variables:
      host: { default: api.example.com }
paths:
  /pets:
    get:
      security:
        - oauth: [read]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: /authorize
          tokenUrl: https://auth.example.com/token
          scopes:
            read: Read pets
"#;
        let (_db, l) = load(text, "api.yaml");
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let c = &l.ir.configs[0];
        assert_eq!(c.protocol, Protocol::OAuth2);
        let f = &c.flows[0];
        assert_eq!(f.kind, FlowKind::AuthorizationCode);
        assert_eq!(
            f.authorization_url.as_ref().unwrap().resolved.as_deref(),
            Some("https://api.example.com/authorize"),
            "RFC 3986: an absolute path replaces the base path"
        );
        assert!(f.scopes.as_ref().unwrap().contains("read"));
        assert_eq!(l.ir.requirements[0].location, "GET /pets");
        assert_eq!(l.ir.requirements[0].scopes[0].value, "read");
    }

    #[test]
    fn swagger2_access_code_maps_to_authorization_code() {
        let text = r#"{"swagger": "2.0", "host": "api.x.com", "basePath": "/v2", "schemes": ["http", "https"],
          "securityDefinitions": {"o": {"type": "oauth2", "flow": "accessCode",
          "authorizationUrl": "/oauth/authorize", "tokenUrl": "/oauth/token"}}}"#;
        let (_db, l) = load(text, "s.json");
        let View::OpenApi(m) = &l.view else { panic!() };
        assert_eq!(m.version, SpecVersion::Swagger2);
        let f = &l.ir.configs[0].flows[0];
        assert_eq!(f.kind, FlowKind::AuthorizationCode);
        assert!(f.scopes.is_none());
        assert_eq!(f.token_url.as_ref().unwrap().effective(), "https://api.x.com/oauth/token");
    }

    #[test]
    fn wrong_types_and_unknown_flows_are_located() {
        let text = "openapi: 3.0.3\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authCode:\n          tokenUrl: 5\n";
        let (db, l) = load(text, "a.yaml");
        let codes: Vec<_> = l.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::UNKNOWN_FLOW]);
        let doc = db.get(FileId(0)).unwrap();
        assert_eq!(
            doc.slice(specc_syntax::TextRange { start: l.diagnostics[0].span.start, end: l.diagnostics[0].span.end }),
            "authCode"
        );
        assert_eq!(did_you_mean("authCode", &FLOW_NAMES_3.map(|(n, _)| n)), None);
        assert_eq!(did_you_mean("authorisationCode", &FLOW_NAMES_3.map(|(n, _)| n)), Some("authorizationCode"));
    }

    #[test]
    fn itential_instance_merges_into_model() {
        let dir = std::env::temp_dir().join(format!("specc-itential-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("model.json"),
            r#"{"openapi":"3.0.0","components":{"securitySchemes":{"OAuth2Security":{"type":"oauth2","flows":{"authorizationCode":{"authorizationUrl":"https://a/authorize","tokenUrl":"https://a/token","scopes":{"read":"r","write":"w"}}}}}}}"#,
        )
        .unwrap();
        let inst = "model: model.json\nclient_id: abc\nclient_secret: \"{{SECRET}}\"\nscope: \"read  write\"\nredirect_uri: \"{{iap}}/admin/oauth\"\n";
        let path = dir.join("instance.yaml");
        std::fs::write(&path, inst).unwrap();
        let mut db = SourceDb::new();
        let id = db.load(&path);
        assert_eq!(detect(&path, db.get(id).unwrap()), Some(Detection::primary(Dialect::Itential)));
        let l = lower_itential(&mut db, id);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let c = &l.ir.configs[0];
        assert_eq!(c.name, "OAuth2Security");
        let scopes = c.requested_scopes.as_ref().unwrap();
        assert_eq!(scopes.items.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(), ["read", "write"]);
        let doc = db.get(id).unwrap();
        for (item, want) in scopes.items.iter().zip(["read", "write"]) {
            assert_eq!(doc.slice(specc_syntax::TextRange { start: item.span.start, end: item.span.end }), want);
        }
        assert!(matches!(c.client_secret.as_ref().unwrap().value, CredentialValue::Parameter(_)));
        assert_eq!(c.redirect_uri.as_ref().unwrap().value, "{{iap}}/admin/oauth");
        std::fs::remove_dir_all(&dir).ok();
    }
}
