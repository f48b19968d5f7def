//! Membrane / Integration.app connectors: a `spec.yml` with an `auth:` section, plus the files its
//! methods point to.
//!
//! A connector is a directory (seed `001`, "Configuration" and "OAuth2 Config"):
//!
//! ```text
//! spec.yml                               auth: { type: oauth2, getOAuthConfig: …, makeApiClient: …, test: … }
//! auth/get-oauth-config.map.yml          clientId, clientSecret, authorizeUri, tokenUri, scopes, …
//! auth/make-api-client.map.yml
//! auth/test.js, auth/get-token-data.js, auth/refresh-credentials.js, …
//! ```
//!
//! The whole directory lowers into one [`AuthConfig`]: the auxiliary files are loaded through the
//! [`SourceDb`] (JavaScript as plain text), so findings point into whichever file holds the problem.
//! Two spellings of a method are accepted, `implementationType: mapping` (SDK, docs.integration.app)
//! and `type: mapping` with an inline `mapping:` (docs.getmembrane.com), and both `$var:
//! connectorParameters.x` and `$var: $.connectorParameters.x` references.
//!
//! The single-file export form (workspace-tools `<version>.yaml`: the whole spec with `auth:` inline
//! and `filePath`s into an archive that is not next to it) lowers too; its method files are not
//! looked for. For the flattened corpus naming (`<prefix>__spec.yml` next to
//! `<prefix>__auth__oauth-config.yml`) a method file is also looked for under that name.

use std::path::{Path, PathBuf};

use specc_ir::{
    AuthConfig, ClientAuthLocation, Credential, CredentialValue, Dialect, ExtraParam, Flow, FlowKind, Hook, Manifest,
    ParamTarget, Pkce, Placeholder, PlaceholderSyntax, Protocol, RequestedScopes, Resolution, Secret, Spanned,
};
use specc_syntax::{Document, FileId, Node, SourceDb, Span, Value};

pub use crate::read::MemberView;
use crate::read::Reader;
use crate::{Detection, Lowered, View};

/// Codes of the structural findings this module makes while lowering.
pub mod codes {
    pub const INVALID_FIELD_TYPE: &str = "membrane/invalid-field-type";
}

/// Every method the SDK's `auth` schema knows, with the implementation types it accepts and whether
/// only `type: oauth2` may use it (MEM-SDK `ConnectorAuthMethodTypes`, RULES.md B2).
pub const METHODS: &[MethodSpec] = &[
    MethodSpec { name: "getOAuthConfig", types: &["mapping", "javascript"], oauth2_only: true },
    MethodSpec { name: "makeApiClient", types: &["mapping", "javascript"], oauth2_only: false },
    MethodSpec { name: "test", types: &["operation-mapping", "rest-api-mapping", "javascript"], oauth2_only: false },
    MethodSpec { name: "getTokenData", types: &["mapping", "javascript"], oauth2_only: true },
    MethodSpec { name: "getCredentialsFromAccessTokenResponse", types: &["mapping", "javascript"], oauth2_only: true },
    MethodSpec { name: "getCredentialsFromRefreshTokenResponse", types: &["mapping", "javascript"], oauth2_only: true },
    MethodSpec {
        name: "getCredentialsFromConnectionParameters",
        types: &["mapping", "javascript"],
        oauth2_only: false,
    },
    MethodSpec { name: "refreshCredentials", types: &["javascript"], oauth2_only: false },
    MethodSpec { name: "disconnect", types: &["javascript"], oauth2_only: false },
];

/// The method name the seed documents (and console docs) use, which SDK 0.28+ no longer knows.
pub const LEGACY_TOKEN_RESPONSE_METHOD: &str = "getCredentialsFromTokenResponse";

/// Keys under `auth:` that are not methods.
pub const AUTH_KEYS: &[&str] = &["type", "title", "description", "ui", "credentialsSchema", "options", "name", "key"];

/// One method of the SDK's schema.
#[derive(Debug, Clone, Copy)]
pub struct MethodSpec {
    pub name: &'static str,
    pub types: &'static [&'static str],
    pub oauth2_only: bool,
}

pub fn method_spec(name: &str) -> Option<&'static MethodSpec> {
    METHODS.iter().find(|m| m.name == name)
}

/// The file names (without suffix) the SDK looks for, per method (MEM-SDK `fileKeys`).
pub fn file_keys(method: &str) -> &'static [&'static str] {
    match method {
        "getOAuthConfig" => &["get-oauth-config", "oauth-config"],
        "makeApiClient" => &["make-api-client"],
        "test" => &["test"],
        "getTokenData" => &["get-token-data"],
        "getCredentialsFromAccessTokenResponse" => &["get-credentials-from-access-token-response"],
        "getCredentialsFromRefreshTokenResponse" => &["get-credentials-from-refresh-token-response"],
        "getCredentialsFromConnectionParameters" => &["get-credentials-from-connection-parameters"],
        "refreshCredentials" => &["refresh-credentials"],
        "disconnect" => &["disconnect"],
        LEGACY_TOKEN_RESPONSE_METHOD => &["get-credentials-from-token-response"],
        _ => &[],
    }
}

/// File suffixes per implementation type (MEM-SDK `CONNECTOR_METHOD_IMPLEMENTATION_SUFFIXES`).
pub fn suffixes(implementation: &str) -> &'static [&'static str] {
    match implementation {
        "mapping" => &[".map.yml", ".yml"],
        "javascript" => &[".js", ".ts"],
        "rest-api-mapping" => &[".rest.yml", ".api.yml"],
        "operation-mapping" => &[".op.yml"],
        _ => &[],
    }
}

/// Whether the connector is a directory with `spec.yml` or a single exported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpecForm {
    #[default]
    Directory,
    /// A workspace export: method files live in an archive, not next to the file.
    Export,
}

/// How a method was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodSyntax {
    /// `implementationType: mapping` (SDK, docs.integration.app).
    ImplementationType,
    /// `type: mapping` (+ `mapping:`), docs.getmembrane.com.
    Type,
    /// Neither key.
    Bare,
}

/// What lowering found about the file a method points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodFile {
    /// Not looked for (export form, or no implementation type to derive a name from).
    NotChecked,
    /// The implementation is inline in the spec (`mapping:` / `code:`).
    Inline,
    /// No file found. `expected` lists the connector-relative paths tried, the first being the one to create.
    Missing { expected: Vec<String> },
    /// Found and loaded.
    Found { path: String, file: FileId, js: Option<JsExports> },
}

/// What a JavaScript/TypeScript file exports, found by a light syntactic scan (no JS engine).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsExports {
    /// `exports.NAME =`, `module.exports.NAME =`, `export (async) function NAME`, `export const NAME`,
    /// `export { NAME }`, each with the span of the name.
    pub named: Vec<Spanned<String>>,
    /// `module.exports =` or `export default`.
    pub default: bool,
}

impl JsExports {
    pub fn exports(&self, name: &str) -> bool {
        self.default || self.named.iter().any(|n| n.value == name)
    }
}

/// One method under `auth:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodView {
    pub name: String,
    pub key_span: Span,
    /// The method's value (its object).
    pub span: Span,
    pub implementation: Option<Spanned<String>>,
    pub syntax: MethodSyntax,
    pub file_path: Option<Spanned<String>>,
    pub file: MethodFile,
}

/// A credential field of the OAuth config mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingValue {
    /// A literal string (a secret when it is `clientSecret`).
    Literal(Secret),
    /// `$var: <path>` (path with any `$.` prefix removed).
    Var(String),
    /// Any other mapping expression (`$concat`, `$case`...), not judged.
    Expression,
}

/// `scopes` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopesView {
    List(Vec<Spanned<String>>),
    /// One string (space- or comma-separated), which the SDK schema does not accept.
    String(Spanned<String>),
    /// `$var` or another expression.
    Expression,
}

/// The `getOAuthConfig` mapping as written (file or inline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthConfigView {
    pub file: FileId,
    /// The mapping object.
    pub span: Span,
    pub fields: Vec<MemberView>,
    pub client_id: Option<(MappingValue, Span)>,
    pub client_secret: Option<(MappingValue, Span)>,
    pub scopes: Option<(ScopesView, Span)>,
    pub client_auth_location: Option<Spanned<String>>,
    pub skip_client_auth_in_body: Option<Spanned<bool>>,
    pub skip_client_auth_in_header: Option<Spanned<bool>>,
    pub skip_pkce: Option<Spanned<bool>>,
    pub no_refresh_token: Option<Spanned<bool>>,
    /// The `extra` member, when it is an object.
    pub extra: Option<MemberView>,
    pub extra_params: Vec<(MemberView, Option<String>)>,
}

impl OAuthConfigView {
    pub fn field(&self, key: &str) -> Option<&MemberView> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The `auth:` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthView {
    pub span: Span,
    pub key_span: Span,
    pub auth_type: Option<Spanned<String>>,
    pub keys: Vec<MemberView>,
    pub methods: Vec<MethodView>,
    pub oauth_config: Option<OAuthConfigView>,
}

impl AuthView {
    pub fn method(&self, name: &str) -> Option<&MethodView> {
        self.methods.iter().find(|m| m.name == name)
    }

    pub fn is_oauth2(&self) -> bool {
        self.auth_type.as_ref().is_some_and(|t| t.value == "oauth2")
    }
}

/// The parts of a connector that membrane-specific rules read besides the IR.
#[derive(Debug, Clone, Default)]
pub struct ConnectorView {
    pub spec: FileId,
    pub form: SpecForm,
    pub auth: Option<AuthView>,
    /// Set when the unit is an integration element of a workspace export, not a connector.
    pub integration: Option<IntegrationView>,
}

/// An integration element as `membrane pull` writes it (`integrations/<key>/<key>.yaml` or
/// `integrations/<key>/spec.yaml`): which connector and version it uses, and the state the workspace
/// reported when it was exported.
#[derive(Debug, Clone, Default)]
pub struct IntegrationView {
    pub key: Option<Spanned<String>>,
    pub connector_id: Option<Spanned<String>>,
    pub connector_version: Option<Spanned<String>>,
    pub auth_type: Option<Spanned<String>>,
    /// `state` (`READY`, `CONFIGURATION_ERROR`...) with the span of its value and of its key.
    pub state: Option<Spanned<String>>,
    pub state_key_span: Option<Span>,
    /// The messages of `errors`, as written (objects' `message`, or strings).
    pub errors: Vec<String>,
    pub errors_span: Option<Span>,
    pub has_missing_parameters: Option<Spanned<bool>>,
    /// The connector version exported beside it (`connectors/<Name>_<connectorId>/<version>/…`),
    /// loaded into the unit's database.
    pub connector: Option<FileId>,
}

/// Whether a parsed root is an integration element: `connectorId` and `key` (strings), no connector
/// `auth:` section, and one of the fields the export writes for integrations.
fn looks_like_integration(root: &Node) -> bool {
    let string = |k: &str| root.get(k).and_then(Node::as_str).is_some();
    string("connectorId")
        && string("key")
        && root.get("auth").is_none()
        && ["connectorVersion", "state", "authType", "baseUri", "hasMissingParameters"]
            .iter()
            .any(|k| root.get(k).is_some())
}

/// The connector version an integration uses, when the export holds it: the nearest `connectors/`
/// directory above the integration, its `<Name>_<connectorId>` directory, then `<version>/` (or
/// `development/` without a version) and the spec inside (`<version>.yaml`, `spec.yml`...).
fn find_connector(integration: &Path, connector_id: &str, version: Option<&str>) -> Option<PathBuf> {
    let suffix = format!("_{connector_id}");
    for dir in integration.ancestors().skip(1).take(5) {
        let connectors = dir.join("connectors");
        let Ok(entries) = std::fs::read_dir(&connectors) else { continue };
        let mut candidates: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&suffix)))
            .collect();
        candidates.sort();
        for c in candidates {
            let version = version.unwrap_or("development");
            let vdir = c.join(version);
            for name in [format!("{version}.yaml"), format!("{version}.yml"), "spec.yml".into(), "spec.yaml".into()] {
                let f = vdir.join(&name);
                if f.is_file() {
                    return Some(f);
                }
            }
        }
    }
    None
}

fn lower_integration(db: &mut SourceDb, primary: FileId, root: &Node, path: &Path) -> Lowered {
    let Some(doc) = db.get(primary) else {
        return crate::empty(Dialect::Membrane, primary);
    };
    let mut r = Reader::new(doc, codes::INVALID_FIELD_TYPE);
    let mut view = IntegrationView {
        key: r.string(root, "key"),
        connector_id: r.string(root, "connectorId"),
        connector_version: r.string(root, "connectorVersion"),
        auth_type: r.string(root, "authType"),
        state: r.string(root, "state"),
        state_key_span: root.member("state").map(|m| r.key_span(m)),
        has_missing_parameters: r.boolean(root, "hasMissingParameters"),
        ..IntegrationView::default()
    };
    if let Some(errors) = root.member("errors") {
        view.errors_span = Some(r.span(&errors.value));
        let items: Vec<&Node> = match &errors.value.value {
            Value::Array(items) => items.iter().collect(),
            Value::Object(_) => vec![&errors.value],
            _ => Vec::new(),
        };
        for e in items {
            let message = e
                .as_str()
                .or_else(|| e.get("message").and_then(Node::as_str))
                .or_else(|| e.get("key").and_then(Node::as_str))
                .or_else(|| e.get("type").and_then(Node::as_str));
            if let Some(m) = message {
                view.errors.push(m.to_string());
            }
        }
    }
    let diagnostics = std::mem::take(&mut r.diagnostics);
    let connector = view
        .connector_id
        .as_ref()
        .and_then(|id| find_connector(path, &id.value, view.connector_version.as_ref().map(|v| v.value.as_str())));
    if let Some(c) = connector {
        view.connector = Some(db.load(&c));
    }
    let model = ConnectorView { spec: primary, form: SpecForm::Export, auth: None, integration: Some(view) };
    Lowered { ir: Manifest::new(Dialect::Membrane, primary), view: View::Membrane(model), diagnostics }
}

/// Is this file name a connector spec (`spec.yml`, or `<prefix>__spec.yml` in the flattened corpus)?
fn is_spec_name(name: &str) -> bool {
    matches!(name, "spec.yml" | "spec.yaml") || name.ends_with("__spec.yml") || name.ends_with("__spec.yaml")
}

fn looks_like_connector(root: &Node) -> bool {
    root.get("auth").is_some_and(|a| a.as_object().is_some())
        || root.get("parametersSchema").is_some()
        || root.get("connectionMode").is_some()
}

/// An `auth:` mapping that names a connector auth type or method.
fn has_connector_auth(root: &Node) -> bool {
    let Some(members) = root.get("auth").and_then(Node::as_object) else { return false };
    members.iter().any(|m| method_spec(&m.key).is_some() || &*m.key == LEGACY_TOKEN_RESPONSE_METHOD)
        || (root.get("auth").and_then(|a| a.get("type")).and_then(Node::as_str).is_some()
            && (root.get("parametersSchema").is_some()
                || root.get("connectionMode").is_some()
                || root.get("key").is_some()))
}

/// The `spec.yml` a file under `auth/` belongs to, if any.
pub fn unit_primary_of(path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    if parent.file_name().and_then(|n| n.to_str()) == Some("auth") {
        let root = parent.parent()?;
        for name in ["spec.yml", "spec.yaml"] {
            let spec = root.join(name);
            if spec.is_file() {
                return Some(spec);
            }
        }
    }
    // Flattened corpus naming: `<prefix>__auth__<file>` next to `<prefix>__spec.yml`.
    let name = path.file_name()?.to_str()?;
    let (prefix, _) = name.rsplit_once("__auth__")?;
    let spec = parent.join(format!("{prefix}__spec.yml"));
    spec.is_file().then_some(spec)
}

pub fn detect(path: &Path, doc: &Document) -> Option<Detection> {
    let root = doc.root.as_ref()?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if is_spec_name(name) {
        // `membrane pull` writes every workspace element as `<kind>/<key>/spec.yaml`: a connector's spec
        // and an integration element (`integrations/<key>/spec.yaml`) share the name, and are told
        // apart by content. Other elements (actions, data sources, flows) are neither.
        return (root.as_object().is_some()
            && (looks_like_connector(root)
                || looks_like_integration(root)
                || is_workspace_element(path, root)
                || is_connector_member(path)))
        .then(|| Detection::primary(Dialect::Membrane));
    }
    if let Some(primary) = unit_primary_of(path) {
        return Some(Detection { dialect: Dialect::Membrane, unit_primary: Some(primary) });
    }
    (has_connector_auth(root)
        || looks_like_integration(root)
        || is_workspace_element(path, root)
        || (root.as_object().is_some() && is_connector_member(path)))
    .then(|| Detection::primary(Dialect::Membrane))
}

/// A member of an unpacked connector that holds no OAuth configuration: `udm.yml` beside the
/// connector's `spec.yml`, or an operation or data collection (`operations/<key>/spec.yml`,
/// `data/<key>/spec.yml`) below it. Recognised, with nothing to check, like workspace elements.
fn is_connector_member(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let has_spec = |dir: &Path| ["spec.yml", "spec.yaml"].iter().any(|s| dir.join(s).is_file());
    if matches!(name, "udm.yml" | "udm.yaml") {
        return path.parent().is_some_and(has_spec);
    }
    let Some(kind_dir) = path.parent().and_then(Path::parent) else { return false };
    let kind = kind_dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
    is_spec_name(name) && matches!(kind, "operations" | "data") && kind_dir.parent().is_some_and(has_spec)
}

/// The directories a workspace export keeps its other elements in, in both spellings exports use
/// (`membrane pull` writes `data-sources/`, older exports `dataSources/`).
const ELEMENT_KINDS: [&str; 12] = [
    "actions",
    "data-sources",
    "dataSources",
    "field-mappings",
    "fieldMappings",
    "flows",
    "app-data-schemas",
    "appDataSchemas",
    "app-event-types",
    "appEventTypes",
    "data-link-tables",
    "dataLinkTables",
];

/// A workspace element that holds no OAuth configuration (an action, data source, field mapping,
/// flow...), exported as `<kind>/<key>/spec.yaml` or `<kind>/<key>/<key>.yaml` (also one level deeper,
/// per integration, and under `integrations/<key>/`). It is recognised, with nothing to check, so that
/// naming it (a pre-commit hook passes every changed file) is not reported as a file specc does not know.
fn is_workspace_element(path: &Path, root: &Node) -> bool {
    if root.get("key").and_then(Node::as_str).is_none() {
        return false;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let parent = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("");
    if !yaml || !(is_spec_name(name) || stem == parent) {
        return false;
    }
    path.ancestors()
        .skip(2)
        .take(3)
        .any(|a| a.file_name().and_then(|n| n.to_str()).is_some_and(|n| ELEMENT_KINDS.contains(&n)))
}

/// Lowers a connector: its spec and every file its methods point to.
pub fn lower(db: &mut SourceDb, primary: FileId) -> Lowered {
    let Some(doc) = db.get(primary) else {
        return crate::empty(Dialect::Membrane, primary);
    };
    let Some(root) = doc.root.clone() else {
        return crate::empty(Dialect::Membrane, primary);
    };
    let spec_path = doc.path.clone();
    if looks_like_integration(&root) {
        return lower_integration(db, primary, &root, &spec_path);
    }
    let name = spec_path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
    let form = if is_spec_name(&name) { SpecForm::Directory } else { SpecForm::Export };
    let mut model = ConnectorView { spec: primary, form, auth: None, integration: None };
    let mut manifest = Manifest::new(Dialect::Membrane, primary);
    let mut r = Reader::new(doc, codes::INVALID_FIELD_TYPE);

    let connector = r
        .string(&root, "key")
        .or_else(|| r.string(&root, "name"))
        .map(|s| s.value)
        .unwrap_or_else(|| connector_dir_name(&spec_path));
    let parameters = declared_parameters(&root);

    let Some(auth_member) = root.member("auth") else {
        return Lowered { ir: manifest, view: View::Membrane(model), diagnostics: r.diagnostics };
    };
    let auth_node = &auth_member.value;
    if auth_node.as_object().is_none() {
        if !auth_node.is_null() {
            r.wrong_type(auth_node, "auth", "an object");
        }
        return Lowered { ir: manifest, view: View::Membrane(model), diagnostics: r.diagnostics };
    }
    let auth_type = r.string(auth_node, "type");
    let mut auth = AuthView {
        span: r.span(auth_node),
        key_span: r.key_span(auth_member),
        auth_type: auth_type.clone(),
        keys: Vec::new(),
        methods: Vec::new(),
        oauth_config: None,
    };
    let mut inline_config: Option<Node> = None;
    for m in auth_node.as_object().unwrap_or(&[]) {
        auth.keys.push(r.member_view(m));
        if AUTH_KEYS.contains(&&*m.key) {
            continue;
        }
        let known = method_spec(&m.key).is_some() || &*m.key == LEGACY_TOKEN_RESPONSE_METHOD;
        if !known || m.value.as_object().is_none() {
            if known && !m.value.is_null() {
                r.wrong_type(&m.value, &m.key, "an object with `implementationType`");
            }
            continue;
        }
        let (implementation, syntax) = match (m.value.get("implementationType"), m.value.get("type")) {
            (Some(_), _) => (r.string(&m.value, "implementationType"), MethodSyntax::ImplementationType),
            (None, Some(_)) => (r.string(&m.value, "type"), MethodSyntax::Type),
            (None, None) => (None, MethodSyntax::Bare),
        };
        let file_path = r.string(&m.value, "filePath");
        let inline = m.value.get("mapping").filter(|n| n.as_object().is_some()).or_else(|| m.value.get("code"));
        if &*m.key == "getOAuthConfig" {
            if let Some(mapping) = m.value.get("mapping") {
                match mapping.as_object() {
                    Some(_) => inline_config = Some(mapping.clone()),
                    None if mapping.is_null() => {}
                    None => r.wrong_type(mapping, "mapping", "an object"),
                }
            }
        }
        auth.methods.push(MethodView {
            name: m.key.to_string(),
            key_span: r.key_span(m),
            span: r.span(&m.value),
            implementation,
            syntax,
            file_path,
            file: if inline.is_some() { MethodFile::Inline } else { MethodFile::NotChecked },
        });
    }
    let mut diagnostics = std::mem::take(&mut r.diagnostics);
    let spec_doc_file = primary;

    // Find, load and scan the method files.
    let connector_root = spec_path.parent().map(Path::to_path_buf).unwrap_or_default();
    let root_dir = if connector_root.as_os_str().is_empty() { PathBuf::from(".") } else { connector_root.clone() };
    let flat_prefix = name.strip_suffix("__spec.yml").or_else(|| name.strip_suffix("__spec.yaml")).map(str::to_string);
    if form == SpecForm::Directory {
        for method in &mut auth.methods {
            if method.file != MethodFile::NotChecked {
                continue;
            }
            let candidates = candidate_paths(method);
            // Only files inside the connector directory are read: no absolute paths, no `..`.
            let inside = |rel: &String| {
                Path::new(rel)
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir))
            };
            if candidates.is_empty() || !candidates.iter().all(inside) {
                continue;
            }
            let found = candidates.iter().find_map(|rel| {
                let direct = connector_root.join(rel);
                if direct.is_file() {
                    return Some((rel.clone(), direct));
                }
                let flat = flat_prefix.as_ref()?;
                let flattened = connector_root.join(format!("{flat}__{}", rel.replace('/', "__")));
                flattened.is_file().then_some((rel.clone(), flattened))
            });
            method.file = match found {
                None => MethodFile::Missing { expected: candidates },
                Some((_, path)) if !specc_syntax::resolves_inside(&root_dir, &path) => {
                    // A link (or a linked directory) out of the connector: not read, and neither the
                    // target nor its content is named.
                    diagnostics.push(
                        specc_syntax::Diagnostic::error(
                            specc_syntax::codes::OUTSIDE_ROOT,
                            "the file for this method resolves outside the connector directory; it was not read",
                            method.span,
                        )
                        .with_label("points outside the connector")
                        .with_help("make the method file a regular file inside the connector directory"),
                    );
                    MethodFile::NotChecked
                }
                Some((rel, path)) => {
                    let is_js = rel.ends_with(".js") || rel.ends_with(".ts");
                    let id = match db.find_path(&path) {
                        Some(id) => id,
                        None if is_js => db.load_text(&path),
                        None => db.load(&path),
                    };
                    let js = if is_js { db.get(id).map(scan_js_exports) } else { None };
                    MethodFile::Found { path: rel, file: id, js }
                }
            };
        }
    }

    // The OAuth config mapping: inline, or the loaded file.
    let config_source: Option<(FileId, Node)> = match &inline_config {
        Some(node) => Some((spec_doc_file, node.clone())),
        None => auth.method("getOAuthConfig").and_then(|m| match &m.file {
            MethodFile::Found { file, js: None, .. } => {
                db.get(*file).and_then(|d| d.root.clone()).map(|root| (*file, root))
            }
            _ => None,
        }),
    };

    let protocol = match auth_type.as_ref().map(|t| t.value.as_str()) {
        Some("oauth2") => Protocol::OAuth2,
        Some("oauth1") => Protocol::OAuth1,
        Some(other) => Protocol::Other(other.to_string()),
        None => Protocol::Other(String::new()),
    };
    let mut config = AuthConfig::new(connector, Dialect::Membrane, protocol, auth.span);
    config.attributes.insert("connector_key".into(), Spanned::new(config.name.clone(), auth.key_span));
    if let Some(t) = &auth_type {
        config.attributes.insert("auth_type".into(), t.clone());
    }
    for m in &auth.methods {
        let file = match &m.file {
            MethodFile::Found { path, .. } => {
                Some(Spanned::new(path.clone(), m.file_path.as_ref().map_or(m.key_span, |f| f.span)))
            }
            _ => m.file_path.clone(),
        };
        config.hooks.push(Hook {
            name: Spanned::new(m.name.clone(), m.key_span),
            implementation: m.implementation.clone(),
            file,
        });
    }

    if let Some((file, node)) = config_source {
        if let Some(cdoc) = db.get(file) {
            let mut r = Reader::new(cdoc, codes::INVALID_FIELD_TYPE);
            if node.as_object().is_none() {
                r.wrong_type(&node, "getOAuthConfig", "a mapping object");
            } else {
                let view = read_oauth_config(&mut r, cdoc, &node, &parameters, &mut config);
                auth.oauth_config = Some(view);
            }
            diagnostics.extend(r.diagnostics);
        }
    }
    manifest.configs.push(config);
    model.auth = Some(auth);
    Lowered { ir: manifest, view: View::Membrane(model), diagnostics }
}

fn connector_dir_name(spec: &Path) -> String {
    spec.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("connector").to_string()
}

/// Keys of `parametersSchema.properties`; `None` when the spec declares no schema.
fn declared_parameters(root: &Node) -> Option<Vec<String>> {
    let props = root.get("parametersSchema")?.get("properties")?.as_object()?;
    Some(props.iter().map(|m| m.key.to_string()).collect())
}

/// Connector-relative paths a method's file may have, the preferred one first.
fn candidate_paths(method: &MethodView) -> Vec<String> {
    if let Some(fp) = &method.file_path {
        return vec![fp.value.trim_start_matches("./").to_string()];
    }
    let Some(implementation) = &method.implementation else { return Vec::new() };
    let mut out = Vec::new();
    for key in file_keys(&method.name) {
        for suffix in suffixes(&implementation.value) {
            out.push(format!("auth/{key}{suffix}"));
        }
    }
    out
}

/// Finds what a JavaScript/TypeScript file exports, after removing comments.
pub fn scan_js_exports(doc: &Document) -> JsExports {
    let text = strip_js_comments(&doc.text);
    let mut out = JsExports::default();
    let span_of = |start: usize, len: usize| Span::new(doc.file, start, start + len);
    let ident_at = |from: usize| -> Option<(usize, &str)> {
        let rest = text.get(from..)?;
        let skip = rest.len() - rest.trim_start().len();
        let start = from + skip;
        let word: &str = text.get(start..)?;
        let len = word.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).unwrap_or(word.len());
        (len > 0).then(|| (start, &word[..len]))
    };
    let followed_by_assign = |from: usize| -> bool {
        let rest = text.get(from..).unwrap_or("").trim_start();
        rest.starts_with('=') && !rest.starts_with("==")
    };
    let mut i = 0;
    while let Some(pos) = text.get(i..).and_then(|s| s.find("exports")).map(|p| p + i) {
        i = pos + "exports".len();
        let before = text.get(..pos).unwrap_or("");
        let prev_ident = before.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        let module_dot = before.ends_with("module.");
        if prev_ident && !module_dot {
            continue;
        }
        let after = text.get(i..).unwrap_or("");
        if let Some(rest) = after.strip_prefix('.') {
            let _ = rest;
            if let Some((start, name)) = ident_at(i + 1) {
                if followed_by_assign(start + name.len()) {
                    out.named.push(Spanned::new(name.to_string(), span_of(start, name.len())));
                }
            }
        } else if module_dot && followed_by_assign(i) {
            out.default = true;
        }
    }
    // ES modules.
    let mut i = 0;
    while let Some(pos) = text.get(i..).and_then(|s| s.find("export")).map(|p| p + i) {
        i = pos + "export".len();
        let before_ok = text
            .get(..pos)
            .and_then(|b| b.chars().next_back())
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '.'));
        let after = text.get(i..).unwrap_or("");
        if !before_ok || !after.starts_with(char::is_whitespace) && !after.starts_with('{') {
            continue;
        }
        let Some((start, word)) = ident_at(i).or_else(|| after.trim_start().starts_with('{').then_some((i, "{")))
        else {
            continue;
        };
        match word {
            "default" => out.default = true,
            "async" | "function" | "const" | "let" | "var" | "class" => {
                let mut at = start + word.len();
                if word == "async" {
                    if let Some((s, w)) = ident_at(at) {
                        at = s + w.len();
                    }
                }
                let rest = text.get(at..).unwrap_or("").trim_start();
                let at = if rest.starts_with('*') { text.len() - rest.len() + 1 } else { at };
                if let Some((s, name)) = ident_at(at) {
                    out.named.push(Spanned::new(name.to_string(), span_of(s, name.len())));
                }
            }
            _ => {
                let open = text.get(i..).and_then(|s| s.find('{')).map(|p| p + i);
                let close = open.and_then(|o| text.get(o..).and_then(|s| s.find('}')).map(|p| p + o));
                if let (Some(o), Some(c)) = (open, close) {
                    let mut pos = o + 1;
                    for part in text.get(o + 1..c).unwrap_or("").split(',') {
                        let exported = part.split(" as ").last().unwrap_or("").trim();
                        if !exported.is_empty() {
                            let off = part.rfind(exported).unwrap_or(0);
                            if exported == "default" {
                                out.default = true;
                            } else {
                                out.named.push(Spanned::new(exported.to_string(), span_of(pos + off, exported.len())));
                            }
                        }
                        pos += part.len() + 1;
                    }
                }
            }
        }
    }
    out.named.sort_by_key(|n| n.span.start);
    out
}

/// Replaces comments and the contents of string literals with spaces, keeping every offset, so that
/// `// exports.x = 1` or `'exports.x = 1'` is not taken for an export.
fn strip_js_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else if c == b'\\' {
                for o in out.iter_mut().skip(i).take(2) {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i += 2;
                continue;
            } else if c != b'\n' {
                out[i] = b' ';
            }
            i += 1;
            continue;
        }
        match (c, b.get(i + 1)) {
            (b'"' | b'\'' | b'`', _) => {
                quote = Some(c);
                i += 1;
            }
            (b'/', Some(b'/')) => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            (b'/', Some(b'*')) => {
                let end = text.get(i + 2..).and_then(|s| s.find("*/")).map_or(b.len(), |p| i + 2 + p + 2);
                for o in out.iter_mut().take(end).skip(i) {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    // Whole comments and string contents became spaces (multi-byte characters byte by byte), so the
    // result is ASCII there and UTF-8 elsewhere; fall back to the original text should that ever fail.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Reads a `$var` reference: `{ $var: connectorParameters.clientId }` → `connectorParameters.clientId`.
fn var_path(node: &Node) -> Option<&str> {
    let members = node.as_object()?;
    if members.len() != 1 {
        return None;
    }
    let v = members.first().filter(|m| &*m.key == "$var")?.value.as_str()?;
    Some(v.strip_prefix("$.").unwrap_or(v))
}

fn mapping_value(node: &Node) -> MappingValue {
    match (&node.value, var_path(node)) {
        (_, Some(p)) => MappingValue::Var(p.to_string()),
        (Value::String(s), _) => MappingValue::Literal(Secret::new(s.to_string())),
        (Value::Number(s), _) => MappingValue::Literal(Secret::new(s.to_string())),
        _ => MappingValue::Expression,
    }
}

fn credential(
    value: &MappingValue,
    node: &Node,
    span: Span,
    parameters: &Option<Vec<String>>,
    placeholders: &mut Vec<Placeholder>,
) -> Option<Credential> {
    let cv = match value {
        MappingValue::Literal(s) => CredentialValue::Literal(s.clone()),
        MappingValue::Var(path) => {
            let name = path.strip_prefix("connectorParameters.").unwrap_or(path).to_string();
            let declared =
                path.starts_with("connectorParameters.") && parameters.as_ref().is_none_or(|ps| ps.contains(&name));
            let var_span =
                node.get("$var").map_or(span, |v| Span::new(span.file, v.range.start as usize, v.range.end as usize));
            placeholders.push(Placeholder {
                name: name.clone(),
                syntax: PlaceholderSyntax::MembraneVar,
                span: var_span,
                resolution: if declared { Resolution::Field(name.clone()) } else { Resolution::Unresolved },
            });
            if declared {
                CredentialValue::Parameter(name)
            } else {
                CredentialValue::UnresolvedPlaceholder(path.clone())
            }
        }
        MappingValue::Expression => return None,
    };
    Some(Credential { value: cv, span })
}

fn read_oauth_config(
    r: &mut Reader<'_>,
    doc: &Document,
    node: &Node,
    parameters: &Option<Vec<String>>,
    config: &mut AuthConfig,
) -> OAuthConfigView {
    let members = node.as_object().unwrap_or(&[]);
    let mut view = OAuthConfigView {
        file: doc.file,
        span: r.span(node),
        fields: members.iter().map(|m| r.member_view(m)).collect(),
        client_id: None,
        client_secret: None,
        scopes: None,
        client_auth_location: None,
        skip_client_auth_in_body: None,
        skip_client_auth_in_header: None,
        skip_pkce: None,
        no_refresh_token: None,
        extra: None,
        extra_params: Vec::new(),
    };
    for (key, slot) in [("clientId", 0), ("clientSecret", 1)] {
        let Some(n) = node.get(key) else { continue };
        let v = mapping_value(n);
        let span = r.span(n);
        if matches!(n.value, Value::Bool(_) | Value::Array(_)) {
            r.wrong_type(n, key, "a string or a `$var` reference");
            continue;
        }
        let cred = credential(&v, n, span, parameters, &mut config.placeholders);
        if slot == 0 {
            config.client_id = cred;
            view.client_id = Some((v, span));
        } else {
            config.client_secret = cred;
            view.client_secret = Some((v, span));
        }
    }
    let authorize = r.url(node, "authorizeUri");
    let token = r.url(node, "tokenUri");
    let mut flow = Flow::new(FlowKind::AuthorizationCode, r.span(node));
    flow.authorization_url = authorize;
    flow.token_url = token;
    config.flows.push(flow);

    if let Some(scopes) = node.get("scopes") {
        let span = r.span(scopes);
        let sv = match &scopes.value {
            Value::Array(items) => {
                let mut list = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(s) => list.push(Spanned::new(s.to_string(), r.span(item))),
                        None => r.wrong_type(item, "scopes[]", "a string"),
                    }
                }
                config.requested_scopes = Some(RequestedScopes { span, raw: None, items: list.clone() });
                Some(ScopesView::List(list))
            }
            Value::String(s) => {
                let items = s
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|t| !t.is_empty())
                    .map(|t| Spanned::new(t.to_string(), span))
                    .collect();
                config.requested_scopes = Some(RequestedScopes { span, raw: Some(s.to_string()), items });
                Some(ScopesView::String(Spanned::new(s.to_string(), span)))
            }
            Value::Object(_) => Some(ScopesView::Expression),
            Value::Null => None,
            _ => {
                r.wrong_type(scopes, "scopes", "a list of strings");
                None
            }
        };
        view.scopes = sv.map(|s| (s, span));
    }

    view.client_auth_location = r.string(node, "clientAuthLocation");
    view.skip_client_auth_in_body = r.boolean(node, "skipClientAuthInBody");
    view.skip_client_auth_in_header = r.boolean(node, "skipClientAuthInHeader");
    view.skip_pkce = r.boolean(node, "skipPkce");
    view.no_refresh_token = r.boolean(node, "noRefreshToken");

    // Client authentication: explicit value, else the deprecated switches, else the SDK default
    // (`headers`); the docs' "both" reading is reported by `membrane/client-auth-location-invalid`.
    config.client_auth = match view.client_auth_location.as_ref() {
        Some(loc) => match loc.value.as_str() {
            "headers" => Some(Spanned::new(ClientAuthLocation::Header, loc.span)),
            "body" => Some(Spanned::new(ClientAuthLocation::Body, loc.span)),
            "both" => Some(Spanned::new(ClientAuthLocation::Both, loc.span)),
            _ => None,
        },
        None => {
            let body_off = view.skip_client_auth_in_body.as_ref().filter(|b| b.value);
            let header_off = view.skip_client_auth_in_header.as_ref().filter(|b| b.value);
            match (body_off, header_off) {
                (Some(b), None) => Some(Spanned::new(ClientAuthLocation::Header, b.span)),
                (None, Some(h)) => Some(Spanned::new(ClientAuthLocation::Body, h.span)),
                _ => Some(Spanned::new(ClientAuthLocation::Header, view.span)),
            }
        }
    };
    config.pkce = Some(match &view.skip_pkce {
        Some(s) if s.value => Spanned::new(Pkce::Disabled, s.span),
        Some(s) => Spanned::new(Pkce::Enabled, s.span),
        None => Spanned::new(Pkce::Enabled, view.span),
    });
    if let Some(n) = &view.no_refresh_token {
        config.refresh.expects_refresh_token = Some(Spanned::new(!n.value, n.span));
    }
    if let Some(extra_member) = node.member("extra") {
        match extra_member.value.as_object() {
            Some(params) => {
                view.extra = Some(r.member_view(extra_member));
                for p in params {
                    let value = p.value.scalar_text().map(str::to_string);
                    config.extra_params.push(ExtraParam {
                        name: Spanned::new(p.key.to_string(), r.key_span(p)),
                        value: value.clone().map(|v| Spanned::new(v, r.span(&p.value))),
                        target: ParamTarget::Authorize,
                    });
                    view.extra_params.push((r.member_view(p), value));
                }
            }
            None if extra_member.value.is_null() => {}
            None => r.wrong_type(&extra_member.value, "extra", "an object of query parameters"),
        }
    }
    view
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("specc-membrane-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    const SPEC: &str = "name: Example\nkey: example\nparametersSchema:\n  type: object\n  properties:\n    clientId: { type: string }\n    clientSecret: { type: string }\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n  makeApiClient:\n    implementationType: mapping\n  test:\n    implementationType: javascript\n  getTokenData:\n    implementationType: javascript\n";
    const CONFIG: &str = "clientId:\n  $var: connectorParameters.clientId\nclientSecret:\n  $var: $.connectorParameters.clientSecret\nauthorizeUri: https://auth.example.com/oauth2/authorize\ntokenUri: https://auth.example.com/oauth2/token\nscopes:\n  - read\n  - write\nclientAuthLocation: body\nnoRefreshToken: false\nskipPkce: true\nextra:\n  prompt: consent\n";

    #[test]
    fn directory_lowers_with_aux_files() {
        let dir = tmpdir("dir");
        write(&dir, "spec.yml", SPEC);
        write(&dir, "auth/get-oauth-config.map.yml", CONFIG);
        write(&dir, "auth/make-api-client.map.yml", "baseUri: https://api.example.com\n");
        write(&dir, "auth/test.js", "// exports.nope = 1\nexports.test = async function () {}\n");
        write(&dir, "auth/get-token-data.js", "module.exports = { getTokenData }\n");
        let mut db = SourceDb::new();
        let id = db.load(&dir.join("spec.yml"));
        assert_eq!(detect(&dir.join("spec.yml"), db.get(id).unwrap()), Some(Detection::primary(Dialect::Membrane)));
        let aux = dir.join("auth/get-oauth-config.map.yml");
        let aux_doc = Document::parse(FileId(0), &aux, CONFIG.as_bytes());
        assert_eq!(detect(&aux, &aux_doc).unwrap().unit_primary, Some(dir.join("spec.yml")));

        let l = lower(&mut db, id);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let c = &l.ir.configs[0];
        assert_eq!(c.name, "example");
        assert_eq!(c.client_id.as_ref().unwrap().value, CredentialValue::Parameter("clientId".into()));
        assert_eq!(c.client_secret.as_ref().unwrap().value, CredentialValue::Parameter("clientSecret".into()));
        let f = &c.flows[0];
        assert_eq!(f.token_url.as_ref().unwrap().raw, "https://auth.example.com/oauth2/token");
        let token_span = f.token_url.as_ref().unwrap().span;
        let cfg_doc = db.get(token_span.file).unwrap();
        assert!(cfg_doc.path.ends_with("auth/get-oauth-config.map.yml"));
        assert_eq!(&cfg_doc.text[token_span.range()], "https://auth.example.com/oauth2/token");
        assert_eq!(c.client_auth.as_ref().unwrap().value, ClientAuthLocation::Body);
        assert_eq!(c.pkce.as_ref().unwrap().value, Pkce::Disabled);
        assert_eq!(c.extra_params[0].name.value, "prompt");
        assert_eq!(c.requested_scopes.as_ref().unwrap().items.len(), 2);
        assert_eq!(c.hooks.len(), 4);
        let View::Membrane(m) = &l.view else { panic!() };
        let auth = m.auth.as_ref().unwrap();
        let MethodFile::Found { js: Some(js), .. } = &auth.method("test").unwrap().file else { panic!() };
        assert!(js.exports("test") && !js.exports("nope"));
        let MethodFile::Found { js: Some(js), .. } = &auth.method("getTokenData").unwrap().file else { panic!() };
        assert!(js.default);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn missing_files_and_inline_mapping() {
        let dir = tmpdir("inline");
        let spec = "auth:\n  type: oauth2\n  getOAuthConfig:\n    type: mapping\n    mapping:\n      clientId: abc\n      clientSecret: s3cr3t-value\n      authorizeUri: https://a.example.com/auth\n      tokenUri: https://a.example.com/token\n      scopes: read write\n  makeApiClient:\n    type: mapping\n    mapping: {}\n  test:\n    implementationType: javascript\n    filePath: auth/test.js\n";
        write(&dir, "spec.yml", spec);
        let mut db = SourceDb::new();
        let id = db.load(&dir.join("spec.yml"));
        let l = lower(&mut db, id);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let View::Membrane(m) = &l.view else { panic!() };
        let auth = m.auth.as_ref().unwrap();
        assert_eq!(auth.method("getOAuthConfig").unwrap().syntax, MethodSyntax::Type);
        assert_eq!(auth.method("test").unwrap().file, MethodFile::Missing { expected: vec!["auth/test.js".into()] });
        let c = &l.ir.configs[0];
        assert!(matches!(c.client_secret.as_ref().unwrap().value, CredentialValue::Literal(_)));
        assert!(!format!("{:?}", l.view).contains("s3cr3t"));
        let scopes = c.requested_scopes.as_ref().unwrap();
        assert_eq!(scopes.raw.as_deref(), Some("read write"));
        assert_eq!(c.client_auth.as_ref().unwrap().value, ClientAuthLocation::Header, "SDK default");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn file_paths_outside_the_connector_are_not_read() {
        let dir = tmpdir("escape");
        write(
            &dir,
            "c/spec.yml",
            "auth:\n  type: oauth2\n  test:\n    implementationType: javascript\n    filePath: ../secret.js\n",
        );
        write(&dir, "secret.js", "exports.test = 1\n");
        let mut db = SourceDb::new();
        let id = db.load(&dir.join("c/spec.yml"));
        let l = lower(&mut db, id);
        let View::Membrane(m) = &l.view else { panic!() };
        assert_eq!(m.auth.as_ref().unwrap().method("test").unwrap().file, MethodFile::NotChecked);
        assert_eq!(db.len(), 1);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn wrong_types_are_located_and_lowering_continues() {
        let text = "key: x\nconnectionMode: popup\nauth:\n  type: oauth2\n  getOAuthConfig:\n    type: mapping\n    mapping:\n      clientId: [a]\n      tokenUri: 5\n      skipPkce: yes please\n      extra: nope\n";
        let mut db = SourceDb::new();
        let id = db.add_bytes("x/export.yaml", text.as_bytes());
        assert!(detect(Path::new("x/export.yaml"), db.get(id).unwrap()).is_some());
        let l = lower(&mut db, id);
        let doc = db.get(id).unwrap();
        let got: Vec<(&str, &str)> = l.diagnostics.iter().map(|d| (d.code, &doc.text[d.span.range()])).collect();
        assert_eq!(
            got,
            [
                (codes::INVALID_FIELD_TYPE, "[a]"),
                (codes::INVALID_FIELD_TYPE, "5"),
                (codes::INVALID_FIELD_TYPE, "yes please"),
                (codes::INVALID_FIELD_TYPE, "nope"),
            ]
        );
        assert_eq!(l.ir.configs.len(), 1);
    }

    #[test]
    fn js_export_forms() {
        let cases = [
            ("exports.getTokenData = async function () {}", "getTokenData", true),
            ("module.exports.getTokenData = () => 1", "getTokenData", true),
            ("export async function getTokenData() {}", "getTokenData", true),
            ("export const getTokenData = 1", "getTokenData", true),
            ("function a() {}\nexport { a as getTokenData }", "getTokenData", true),
            ("export default async () => {}", "getTokenData", true),
            ("exports.refreshCredentials = 1", "getTokenData", false),
            ("/* exports.getTokenData = 1 */", "getTokenData", false),
            ("const s = 'exports.getTokenData = 1'; myexports.getTokenData = 2", "getTokenData", false),
        ];
        for (src, name, expected) in cases {
            let doc = Document::plain_text(FileId(0), "a.js", src.to_string());
            let e = scan_js_exports(&doc);
            assert_eq!(e.exports(name), expected, "{src}: {e:?}");
        }
        let doc = Document::plain_text(FileId(0), "a.js", "exports.other = 1".to_string());
        let e = scan_js_exports(&doc);
        assert_eq!(&doc.text[e.named[0].span.range()], "other");
    }
}
