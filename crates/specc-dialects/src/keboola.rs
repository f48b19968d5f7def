//! Keboola: OAuth Manager v2 registration bodies and component configurations that use the OAuth
//! Broker.
//!
//! Two kinds of JSON are read (seeds `003` and `004`):
//!
//! - a **manage body**, the request that registers an API with the OAuth Manager (`POST /manage`):
//!   `component_id`, `friendly_name`, `app_key`, `app_secret`, `auth_url` (a template with `%%app_key%%`,
//!   `%%redirect_uri%%`, `%%hash%%`...), `token_url`, `request_token_url`, `oauth_version`
//!   (`1.0`/`2.0`/`facebook`), `permissions`, `graph_api_version`;
//! - a **component configuration** with `authorization.oauth_api`: `id` and `version` of the broker
//!   registration, and/or injected `credentials` (`#data` with the raw token response as a string,
//!   `appKey`, `#appSecret`, `oauthVersion`).
//!
//! Both are recognised by content. Secret values (`app_secret`, every `#`-key) are classified while
//! lowering (ciphertext, placeholder, plain...) and never stored in the view in clear.

use std::path::Path;

use specc_ir::{
    AuthConfig, Credential, CredentialValue, Dialect, EndpointUrl, Flow, FlowKind, Manifest, Pkce, Placeholder,
    PlaceholderSyntax, Protocol, Resolution, Secret, Spanned,
};
use specc_syntax::{Document, FileId, Format, Node, SourceDb, Span, Value};

pub use crate::read::MemberView;
use crate::read::Reader;
use crate::{Detection, Lowered, View};

/// Codes of the structural findings this module makes while lowering.
pub mod codes {
    pub const INVALID_FIELD_TYPE: &str = "keboola/invalid-field-type";
}

/// Placeholders the OAuth Manager substitutes in `auth_url` (seed `003`; `%%client_id%%` is the
/// deprecated spelling of `%%app_key%%`, `%%oauth_token%%` is for OAuth 1.0).
pub const KNOWN_PLACEHOLDERS: &[&str] = &["app_key", "client_id", "redirect_uri", "hash", "subdomain", "oauth_token"];

/// Which kind of Keboola file this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// An OAuth Manager v2 registration body.
    Manage,
    /// A component configuration with `authorization.oauth_api`.
    #[default]
    Config,
}

/// What a secret-holding value is, without the value itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretKind {
    Empty,
    /// `KBC::<family>::…` ciphertext (`ProjectSecure`, `ComponentSecure`, `ConfigSecure`, `Encrypted==`...).
    Ciphertext(String),
    /// Filled in elsewhere: `${VAR}`, `%env(…)%`, `{{VAR}}`, `<…>`.
    Placeholder(String),
    /// Obviously not a real value: `xxxxx`, `...`, `***`.
    Redacted,
    /// A plain string, i.e. a secret in clear.
    Plain,
    /// Not a string (object, array, number...): the JSON type name.
    NotString(&'static str),
}

/// Classifies a secret value.
pub fn classify_secret(node: &Node) -> SecretKind {
    let Some(s) = node.as_str() else { return SecretKind::NotString(node.kind_name()) };
    classify_secret_str(s)
}

pub fn classify_secret_str(s: &str) -> SecretKind {
    let t = s.trim();
    if t.is_empty() {
        return SecretKind::Empty;
    }
    if let Some(rest) = t.strip_prefix("KBC::") {
        let family = rest.split("::").next().unwrap_or("").split("==").next().unwrap_or("").to_string();
        return SecretKind::Ciphertext(family);
    }
    let placeholder = (t.starts_with("${") && t.ends_with('}'))
        || (t.starts_with("%env(") && t.ends_with(")%"))
        || (t.starts_with("{{") && t.ends_with("}}"))
        || (t.starts_with('<') && t.ends_with('>'))
        || (t.starts_with("%%") && t.ends_with("%%"));
    if placeholder {
        return SecretKind::Placeholder(t.to_string());
    }
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    if t.chars().count() >= 3 && chars.all(|c| c == first) && matches!(first, 'x' | 'X' | '.' | '*' | '-' | '_') {
        return SecretKind::Redacted;
    }
    if crate::placeholders::is_placeholder_value(t) {
        return SecretKind::Redacted;
    }
    SecretKind::Plain
}

/// A `#`-key (or `app_secret`) with the classification of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretField {
    pub member: MemberView,
    /// JSON Pointer-like path for messages (`authorization.oauth_api.credentials.#appSecret`).
    pub path: String,
    pub kind: SecretKind,
}

/// `#data` as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataKind {
    /// A string holding a JSON object (the token response).
    JsonObject,
    /// A string holding JSON that is not an object.
    JsonOther(&'static str),
    /// A string that is not JSON.
    NotJson,
    /// Ciphertext, placeholder, redacted or empty: not judged.
    Opaque,
    /// Not a string at all.
    NotString(&'static str),
}

/// The registration body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManageView {
    pub span: Span,
    pub fields: Vec<MemberView>,
    pub component_id: Option<Spanned<String>>,
    pub friendly_name: Option<Spanned<String>>,
    pub app_key: Option<Spanned<String>>,
    pub app_secret: Option<SecretField>,
    pub auth_url: Option<Spanned<String>>,
    pub token_url: Option<Spanned<String>>,
    pub request_token_url: Option<Spanned<String>>,
    pub oauth_version: Option<Spanned<String>>,
    pub permissions: Option<Spanned<String>>,
    pub graph_api_version: Option<Spanned<String>>,
}

impl ManageView {
    pub fn field(&self, key: &str) -> Option<&MemberView> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// `authorization.oauth_api.credentials`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsView {
    pub key_span: Span,
    pub span: Span,
    pub keys: Vec<MemberView>,
    pub data: Option<(DataKind, Span)>,
    /// `appKey`'s value span and JSON type.
    pub app_key: Option<(Span, &'static str)>,
    /// Keys written with a `null` value (`appKey: null`), which the broker never injects.
    pub null_keys: Vec<String>,
}

impl CredentialsView {
    pub fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k.key == key)
    }

    /// Present with a value other than `null`.
    pub fn has_value(&self, key: &str) -> bool {
        self.has(key) && !self.null_keys.iter().any(|k| k == key)
    }
}

/// `authorization.oauth_api`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OauthApiView {
    pub key_span: Span,
    pub span: Span,
    pub keys: Vec<MemberView>,
    pub id: Option<Spanned<String>>,
    /// `version` as written (`3`, `"2"`...).
    pub version: Option<Spanned<String>>,
    pub credentials: Option<CredentialsView>,
}

/// A key that looks like it holds a secret but is not `#`-prefixed, or a `#`-key whose twin without
/// `#` is present too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuspectKey {
    pub member: MemberView,
    pub path: String,
    /// The plain twin of a `#`-key (`appSecret` next to `#appSecret`), when that is the finding.
    pub twin_of: Option<Span>,
}

/// The parts of the file that keboola-specific rules read besides the IR.
#[derive(Debug, Clone, Default)]
pub struct KeboolaView {
    pub file: FileId,
    pub kind: Kind,
    pub manage: Option<Box<ManageView>>,
    pub oauth_api: Option<Box<OauthApiView>>,
    /// Every `#`-key of a configuration.
    pub secrets: Vec<SecretField>,
    /// Secret-looking keys without `#`, and plain twins of `#`-keys.
    pub suspects: Vec<SuspectKey>,
    /// Generic Extractor's `parameters.api.authentication` has `type: oauth20` and a `format` other
    /// than `json` (or none): it reads `#data` as text.
    pub reads_data_as_text: bool,
}

fn is_manage_body(root: &Node) -> bool {
    let Some(members) = root.as_object() else { return false };
    let has = |k: &str| members.iter().any(|m| &*m.key == k);
    has("oauth_version")
        || (has("component_id") && (has("app_key") || has("auth_url") || has("token_url") || has("app_secret")))
}

fn is_config(root: &Node) -> bool {
    root.get("authorization").and_then(|a| a.get("oauth_api")).is_some()
}

/// The root nodes of a component's configuration file (`storage`, `parameters`, `image_parameters`,
/// `authorization`, `action`: <https://developers.keboola.com/extend/common-interface/config-file/>), and
/// those the platform adds when it runs a configuration with shared code, variables or processors.
const CONFIG_ROOT_KEYS: [&str; 11] = [
    "storage",
    "parameters",
    "image_parameters",
    "authorization",
    "action",
    "processors",
    "runtime",
    "shared_code_id",
    "shared_code_row_ids",
    "variables_id",
    "variables_values_id",
];

/// A component's `config.json` without OAuth: named so, with a `parameters` object and no root node
/// outside [`CONFIG_ROOT_KEYS`]. It is recognised, with nothing to check, so that naming it (a
/// pre-commit hook passes every changed file) is not reported as a file specc does not know.
fn is_config_without_oauth(path: &Path, root: &Node) -> bool {
    let Some(members) = root.as_object() else { return false };
    path.file_name().and_then(|n| n.to_str()) == Some("config.json")
        && root.get("parameters").is_some_and(|p| p.as_object().is_some())
        && members.iter().all(|m| CONFIG_ROOT_KEYS.contains(&&*m.key))
}

pub fn detect(path: &Path, doc: &Document) -> Option<Detection> {
    let root = doc.root.as_ref()?;
    if root.get("openapi").is_some() || root.get("swagger").is_some() {
        return None;
    }
    (is_manage_body(root) || is_config(root) || is_config_without_oauth(path, root))
        .then(|| Detection::primary(Dialect::Keboola))
}

/// Lowers a manage body or a component configuration.
pub fn lower(db: &mut SourceDb, primary: FileId) -> Lowered {
    let Some(doc) = db.get(primary) else {
        return crate::empty(Dialect::Keboola, primary);
    };
    let Some(root) = doc.root.as_ref() else {
        return crate::empty(Dialect::Keboola, primary);
    };
    let mut r = Reader::new(doc, codes::INVALID_FIELD_TYPE);
    let mut manifest = Manifest::new(Dialect::Keboola, primary);
    let mut model = KeboolaView { file: primary, ..KeboolaView::default() };
    if is_manage_body(root) {
        model.kind = Kind::Manage;
        let (config, view) = lower_manage(&mut r, doc, root);
        manifest.configs.push(config);
        model.manage = Some(Box::new(view));
    } else if is_config(root) {
        model.kind = Kind::Config;
        if let Some(config) = lower_config(&mut r, root, &mut model) {
            manifest.configs.push(config);
        }
        walk_keys(&r, root, "", &mut model);
    }
    Lowered { ir: manifest, view: View::Keboola(model), diagnostics: r.diagnostics }
}

fn lower_manage(r: &mut Reader<'_>, doc: &Document, root: &Node) -> (AuthConfig, ManageView) {
    let mut v = ManageView {
        span: r.span(root),
        fields: root.as_object().unwrap_or(&[]).iter().map(|m| r.member_view(m)).collect(),
        ..ManageView::default()
    };
    v.component_id = r.string(root, "component_id");
    v.friendly_name = r.string(root, "friendly_name");
    v.app_key = r.string(root, "app_key");
    v.auth_url = r.string(root, "auth_url");
    v.token_url = r.string(root, "token_url");
    v.request_token_url = r.string(root, "request_token_url");
    v.permissions = r.string(root, "permissions");
    v.graph_api_version = r.string(root, "graph_api_version");
    // `oauth_version: 2.0` written as a number is still understood (and reported as a wrong type).
    v.oauth_version = match root.get("oauth_version") {
        Some(n) if n.as_number().is_some() => {
            r.wrong_type(n, "oauth_version", "a string (`\"1.0\"`, `\"2.0\"` or `\"facebook\"`)");
            n.as_number().map(|t| Spanned::new(t.to_string(), r.span(n)))
        }
        _ => r.string(root, "oauth_version"),
    };
    let secret_member = root.member("app_secret");
    if let Some(m) = secret_member {
        if !matches!(m.value.value, Value::String(_) | Value::Null) {
            r.wrong_type(&m.value, "app_secret", "a string");
        }
        v.app_secret =
            Some(SecretField { member: r.member_view(m), path: "app_secret".into(), kind: classify_secret(&m.value) });
    }

    let version = v.oauth_version.as_ref().map(|s| s.value.as_str());
    let protocol = match version {
        Some("1.0") => Protocol::OAuth1,
        Some("facebook") => Protocol::Facebook,
        Some("2.0") | None => Protocol::OAuth2,
        Some(other) => Protocol::Other(other.to_string()),
    };
    let name = v
        .component_id
        .as_ref()
        .or(v.friendly_name.as_ref())
        .map_or_else(|| "consumer".to_string(), |s| s.value.clone());
    let mut config = AuthConfig::new(name, Dialect::Keboola, protocol.clone(), v.span);
    let kind = if protocol == Protocol::OAuth1 { FlowKind::OAuth1 } else { FlowKind::AuthorizationCode };
    let mut flow = Flow::new(kind, v.span);
    flow.kind_span = v.oauth_version.as_ref().map_or(v.span, |s| s.span);
    flow.authorization_url = v.auth_url.as_ref().map(|s| EndpointUrl::new(s.value.clone(), s.span));
    flow.token_url = v.token_url.as_ref().map(|s| EndpointUrl::new(s.value.clone(), s.span));
    flow.request_token_url = v.request_token_url.as_ref().map(|s| EndpointUrl::new(s.value.clone(), s.span));
    if protocol != Protocol::Facebook || flow.authorization_url.is_some() || flow.token_url.is_some() {
        config.flows.push(flow);
    }
    // The OAuth Manager fills only the `%%...%%` placeholders of `auth_url` and redeems the code with
    // client id, secret, redirect URI and code, never a `code_verifier` (its API description lists no
    // PKCE): a registration whose template carries no `code_challenge` runs without PKCE.
    if protocol == Protocol::OAuth2 {
        if let Some(url) = &v.auth_url {
            if !url.value.to_ascii_lowercase().contains("code_challenge=") {
                config.pkce = Some(Spanned::new(Pkce::Disabled, url.span));
            }
        }
    }
    if let Some(url) = &v.auth_url {
        for o in crate::placeholders::percent(&url.value) {
            let known = KNOWN_PLACEHOLDERS.contains(&o.name.as_str());
            config.placeholders.push(Placeholder {
                name: o.name.clone(),
                syntax: PlaceholderSyntax::Percent,
                span: doc.string_part(url.span, &url.value, o.start..o.end),
                resolution: if known { Resolution::Platform } else { Resolution::Unresolved },
            });
        }
    }
    if let Some(k) = &v.app_key {
        config.client_id =
            Some(Credential { value: CredentialValue::Literal(Secret::new(k.value.clone())), span: k.span });
    }
    if let (Some(f), Some(m)) = (&v.app_secret, secret_member) {
        config.client_secret = secret_credential(f, &m.value);
    }
    for (key, field) in [
        ("component_id", &v.component_id),
        ("friendly_name", &v.friendly_name),
        ("oauth_version", &v.oauth_version),
        ("permissions", &v.permissions),
        ("graph_api_version", &v.graph_api_version),
    ] {
        if let Some(f) = field {
            config.attributes.insert(key.to_string(), f.clone());
        }
    }
    (config, v)
}

fn secret_credential(field: &SecretField, node: &Node) -> Option<Credential> {
    let span = field.member.value_span;
    let value = match &field.kind {
        SecretKind::Empty | SecretKind::NotString(_) => return None,
        SecretKind::Ciphertext(family) => CredentialValue::PlatformManaged(format!("KBC::{family} ciphertext")),
        SecretKind::Placeholder(p) => {
            let name = p.trim_start_matches("${").trim_start_matches("%env(").trim_start_matches("{{");
            let name = name.trim_end_matches('}').trim_end_matches(")%");
            CredentialValue::EnvVar(name.to_string())
        }
        SecretKind::Redacted | SecretKind::Plain => CredentialValue::Literal(Secret::new(node.as_str().unwrap_or(""))),
    };
    Some(Credential { value, span })
}

fn lower_config(r: &mut Reader<'_>, root: &Node, model: &mut KeboolaView) -> Option<AuthConfig> {
    if let Some(auth) = root.get("parameters").and_then(|p| p.get("api")).and_then(|a| a.get("authentication")) {
        model.reads_data_as_text = auth.get("type").and_then(Node::as_str) == Some("oauth20")
            && auth.get("format").and_then(Node::as_str) != Some("json");
    }
    let auth = r.object(root, "authorization")?;
    let api_member = auth.member("oauth_api")?;
    let api = &api_member.value;
    if api.as_object().is_none() {
        r.wrong_type(api, "oauth_api", "an object");
        return None;
    }
    let mut view = OauthApiView {
        key_span: r.key_span(api_member),
        span: r.span(api),
        keys: api.as_object().unwrap_or(&[]).iter().map(|m| r.member_view(m)).collect(),
        id: None,
        version: None,
        credentials: None,
    };
    view.id = match api.get("id") {
        Some(n) if n.as_number().is_some() => n.as_number().map(|t| Spanned::new(t.to_string(), r.span(n))),
        _ => r.string(api, "id"),
    };
    if let Some(n) = api.get("version") {
        match n.scalar_text() {
            Some(t) if !matches!(n.value, Value::Bool(_)) => {
                view.version = Some(Spanned::new(t.to_string(), r.span(n)))
            }
            _ => r.wrong_type(n, "version", "the number 3"),
        }
    }
    let mut config = AuthConfig::new(
        view.id.as_ref().map_or_else(|| "authorization.oauth_api".to_string(), |i| i.value.clone()),
        Dialect::Keboola,
        Protocol::OAuth2,
        view.span,
    );
    if let Some(id) = &view.id {
        config.attributes.insert("oauth_api_id".into(), id.clone());
    }
    if let Some(ver) = &view.version {
        config.attributes.insert("oauth_api_version".into(), ver.clone());
    }
    if let Some(cm) = api.member("credentials") {
        let creds = &cm.value;
        match creds.as_object() {
            None => {
                if !creds.is_null() {
                    r.wrong_type(creds, "credentials", "an object");
                }
            }
            Some(members) => {
                let mut cv = CredentialsView {
                    key_span: r.key_span(cm),
                    span: r.span(creds),
                    keys: members.iter().map(|m| r.member_view(m)).collect(),
                    data: None,
                    app_key: None,
                    null_keys: members.iter().filter(|m| m.value.is_null()).map(|m| m.key.to_string()).collect(),
                };
                if let Some(d) = creds.get("#data") {
                    cv.data = Some((data_kind(d), r.span(d)));
                }
                if let Some(k) = creds.get("appKey") {
                    cv.app_key = Some((r.span(k), k.kind_name()));
                    match &k.value {
                        Value::String(s) => {
                            let value = match classify_secret_str(s) {
                                SecretKind::Placeholder(p) => CredentialValue::EnvVar(p),
                                _ => CredentialValue::Literal(Secret::new(s.to_string())),
                            };
                            config.client_id = Some(Credential { value, span: r.span(k) });
                        }
                        Value::Number(n) => {
                            r.diagnostics.push(
                                specc_syntax::Diagnostic::warning(
                                    codes::INVALID_FIELD_TYPE,
                                    "`appKey` is a number; the OAuth Broker stores and injects it as a string",
                                    r.span(k),
                                )
                                .with_label("this is a number")
                                .with_help("quote the value")
                                .with_note("the generic-extractor OAuth 1.0 docs show a number; every other Keboola example uses a string"),
                            );
                            config.client_id = Some(Credential {
                                value: CredentialValue::Literal(Secret::new(n.to_string())),
                                span: r.span(k),
                            });
                        }
                        Value::Null => {}
                        _ => r.wrong_type(k, "appKey", "a string"),
                    }
                }
                if let Some(m) = members.iter().find(|m| &*m.key == "#appSecret") {
                    let field = SecretField {
                        member: r.member_view(m),
                        path: "#appSecret".into(),
                        kind: classify_secret(&m.value),
                    };
                    config.client_secret = secret_credential(&field, &m.value);
                }
                if let Some(v) = creds.get("oauthVersion").and_then(Node::scalar_text) {
                    config.protocol = match v {
                        "1.0" => Protocol::OAuth1,
                        "facebook" => Protocol::Facebook,
                        "2.0" => Protocol::OAuth2,
                        other => Protocol::Other(other.to_string()),
                    };
                }
                view.credentials = Some(cv);
            }
        }
    }
    if view.credentials.is_none() && view.id.is_some() {
        config.client_id =
            Some(Credential { value: CredentialValue::PlatformManaged("OAuth Broker".into()), span: view.span });
        config.client_secret =
            Some(Credential { value: CredentialValue::PlatformManaged("OAuth Broker".into()), span: view.span });
    }
    model.oauth_api = Some(Box::new(view));
    Some(config)
}

fn data_kind(node: &Node) -> DataKind {
    let Some(s) = node.as_str() else { return DataKind::NotString(node.kind_name()) };
    match classify_secret_str(s) {
        SecretKind::Plain | SecretKind::Redacted => {}
        _ => return DataKind::Opaque,
    }
    let t = s.trim_start();
    if !(t.starts_with('{') || t.starts_with('[')) && crate::placeholders::is_placeholder_value(s) {
        // `xxxxx`, `<token>`: a placeholder stands for the token response, whatever its form.
        return DataKind::Opaque;
    }
    let parsed = Document::parse_str(FileId(0), "#data.json", s, Format::Json);
    match (&parsed.root, parsed.diagnostics.is_empty()) {
        (Some(root), true) if root.as_object().is_some() => DataKind::JsonObject,
        (Some(root), true) => DataKind::JsonOther(root.kind_name()),
        _ => DataKind::NotJson,
    }
}

/// Words that mark a key as holding a secret when it is not `#`-prefixed.
const SECRET_WORDS: &[&str] = &[
    "appsecret",
    "app_secret",
    "clientsecret",
    "client_secret",
    "password",
    "token",
    "access_token",
    "refresh_token",
    "secret",
    "apikey",
    "api_key",
];

/// Collects every `#`-key and every secret-looking plain key of a configuration.
fn walk_keys(r: &Reader<'_>, node: &Node, path: &str, model: &mut KeboolaView) {
    match &node.value {
        Value::Object(members) => {
            for m in members {
                let child = if path.is_empty() { m.key.to_string() } else { format!("{path}.{}", m.key) };
                if let Some(plain) = m.key.strip_prefix('#') {
                    model.secrets.push(SecretField {
                        member: r.member_view(m),
                        path: child.clone(),
                        kind: classify_secret(&m.value),
                    });
                    if let Some(twin) = members.iter().find(|o| &*o.key == plain) {
                        model.suspects.push(SuspectKey {
                            member: r.member_view(twin),
                            path: if path.is_empty() { plain.to_string() } else { format!("{path}.{plain}") },
                            twin_of: Some(r.key_span(m)),
                        });
                    }
                } else if SECRET_WORDS.contains(&m.key.to_ascii_lowercase().as_str())
                    && !members.iter().any(|o| o.key.strip_prefix('#') == Some(&*m.key))
                    && m.value.as_str().is_some_and(|s| classify_secret_str(s) == SecretKind::Plain)
                {
                    model.suspects.push(SuspectKey { member: r.member_view(m), path: child.clone(), twin_of: None });
                }
                // The value of a `#`-key is one secret (reported as a whole when it is not a string).
                if !m.key.starts_with('#') {
                    walk_keys(r, &m.value, &child, model);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_keys(r, item, &format!("{path}[{i}]"), model);
            }
        }
        _ => {}
    }
}

/// After the last member of a JSON object laid out one member per line: the end of the last member,
/// and the indentation of its key line. `None` for empty or single-line objects.
#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (SourceDb, Lowered) {
        let mut db = SourceDb::new();
        let id = db.add_bytes("k.json", text.as_bytes());
        assert_eq!(detect(Path::new("k.json"), db.get(id).unwrap()), Some(Detection::primary(Dialect::Keboola)));
        let l = lower(&mut db, id);
        (db, l)
    }

    #[test]
    fn manage_body_lowers_with_placeholders() {
        let text = r#"{
  "component_id": "wr-dropbox",
  "friendly_name": "Dropbox Writer",
  "app_key": "yourAppKey",
  "app_secret": "yourAppSecret",
  "auth_url": "https://www.dropbox.com/oauth2/authorize?response_type=code&client_id=%%client_id%%&redirect_uri=%%redirect_uri%%",
  "token_url": "https://api.dropbox.com/oauth2/token",
  "oauth_version": "2.0"
}"#;
        let (db, l) = load(text);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let c = &l.ir.configs[0];
        assert_eq!(c.name, "wr-dropbox");
        assert_eq!(c.protocol, Protocol::OAuth2);
        let doc = db.get(FileId(0)).unwrap();
        let names: Vec<(&str, &str)> =
            c.placeholders.iter().map(|p| (p.name.as_str(), &doc.text[p.span.range()])).collect();
        assert_eq!(names, [("client_id", "%%client_id%%"), ("redirect_uri", "%%redirect_uri%%")]);
        assert!(matches!(c.client_secret.as_ref().unwrap().value, CredentialValue::Literal(_)));
        let View::Keboola(m) = &l.view else { panic!() };
        assert_eq!(m.kind, Kind::Manage);
        assert_eq!(
            m.manage.as_ref().unwrap().app_secret.as_ref().unwrap().kind,
            SecretKind::Redacted,
            "`yourAppSecret` is a placeholder"
        );
        assert!(!format!("{:?}", l.view).contains("yourAppSecret"));
    }

    /// The OAuth Manager sends no PKCE: a 2.0 registration lowers to PKCE off at `auth_url`, unless
    /// the template writes a `code_challenge` itself; OAuth 1.0 has no PKCE at all.
    #[test]
    fn manage_pkce_is_off_unless_the_template_has_a_challenge() {
        let body = |auth: &str, version: &str| {
            format!(
                r#"{{"component_id": "c", "app_key": "k", "app_secret": "${{S}}", "auth_url": "{auth}", "token_url": "https://a.example.com/token", "oauth_version": "{version}"}}"#
            )
        };
        let auth = "https://a.example.com/authorize?client_id=%%app_key%%&redirect_uri=%%redirect_uri%%";
        let (db, l) = load(&body(auth, "2.0"));
        let pkce = l.ir.configs[0].pkce.as_ref().expect("PKCE lowered");
        assert_eq!(pkce.value, specc_ir::Pkce::Disabled);
        assert_eq!(&db.get(FileId(0)).unwrap().text[pkce.span.range()], format!("\"{auth}\""));
        let (_, l) = load(&body(&format!("{auth}&code_challenge=abc&code_challenge_method=S256"), "2.0"));
        assert!(l.ir.configs[0].pkce.is_none());
        let (_, l) = load(&body(auth, "1.0"));
        assert!(l.ir.configs[0].pkce.is_none());
    }

    #[test]
    fn config_classifies_secrets_and_data() {
        let text = r##"{
    "parameters": {"api": {"password": "hunter22", "#token": "KBC::ProjectSecure::abc"}},
    "authorization": {
        "oauth_api": {
            "id": "123",
            "credentials": {
                "#data": "{\"access_token\":\"a\"}",
                "appKey": 1234,
                "#appSecret": "q8Vh2xLm7Tz4"
            }
        }
    }
}"##;
        let (db, l) = load(text);
        let doc = db.get(FileId(0)).unwrap();
        let got: Vec<(&str, &str)> = l.diagnostics.iter().map(|d| (d.code, &doc.text[d.span.range()])).collect();
        assert_eq!(got, [(codes::INVALID_FIELD_TYPE, "1234")]);
        let View::Keboola(m) = &l.view else { panic!() };
        let api = m.oauth_api.as_ref().unwrap();
        assert_eq!(api.credentials.as_ref().unwrap().data.as_ref().unwrap().0, DataKind::JsonObject);
        let kinds: Vec<(&str, &SecretKind)> = m.secrets.iter().map(|s| (s.path.as_str(), &s.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("parameters.api.#token", &SecretKind::Ciphertext("ProjectSecure".into())),
                ("authorization.oauth_api.credentials.#data", &SecretKind::Plain),
                ("authorization.oauth_api.credentials.#appSecret", &SecretKind::Plain),
            ]
        );
        assert_eq!(m.suspects.len(), 1);
        assert_eq!(m.suspects[0].path, "parameters.api.password");
        assert_eq!(l.ir.configs[0].name, "123");
    }

    #[test]
    fn classification() {
        assert_eq!(classify_secret_str("${OAUTH_APP_SECRET}"), SecretKind::Placeholder("${OAUTH_APP_SECRET}".into()));
        assert!(matches!(classify_secret_str("%env(string:CLIENT_SECRET)%"), SecretKind::Placeholder(_)));
        assert_eq!(classify_secret_str("xxxxx"), SecretKind::Redacted);
        assert_eq!(classify_secret_str("..."), SecretKind::Redacted);
        assert_eq!(classify_secret_str("KBC::Encrypted==ENCODEDSTRING=="), SecretKind::Ciphertext("Encrypted".into()));
        assert_eq!(classify_secret_str("clientSecret"), SecretKind::Redacted, "names what belongs there");
        assert_eq!(classify_secret_str("{\"access_token\": \"xxx\"}"), SecretKind::Redacted);
        assert_eq!(classify_secret_str("q8Vh2xLm7Tz4"), SecretKind::Plain);
    }

    #[test]
    fn configuration_without_oauth_is_recognised_by_name_and_root_nodes() {
        let mut db = SourceDb::new();
        let cases: [(&str, &[u8], bool); 5] = [
            ("data/config.json", br#"{"parameters": {}}"#, true),
            ("config.json", br#"{"storage": {"input": {}}, "parameters": {"debug": true}, "action": "run"}"#, true),
            ("settings.json", br#"{"parameters": {}}"#, false),
            ("config.json", br#"{"parameters": {}, "compilerOptions": {}}"#, false),
            ("config.json", br#"{"parameters": ["a"]}"#, false),
        ];
        for (name, text, recognised) in cases {
            let id = db.add_bytes(name, text);
            let found = detect(Path::new(name), db.get(id).unwrap());
            assert_eq!(found.is_some(), recognised, "{name}: {}", String::from_utf8_lossy(text));
            if recognised {
                let l = lower(&mut db, id);
                assert!(l.ir.configs.is_empty() && l.diagnostics.is_empty(), "nothing to check in {name}");
            }
        }
    }

    #[test]
    fn openapi_and_json_schema_are_not_claimed() {
        let mut db = SourceDb::new();
        let a = db.add_bytes("a.json", br#"{"openapi": "3.0.0", "oauth_version": "2.0"}"#);
        let b = db.add_bytes("b.json", br#"{"properties": {"authorization": {"properties": {"oauth_api": {}}}}}"#);
        assert_eq!(detect(Path::new("a.json"), db.get(a).unwrap()), None);
        assert_eq!(detect(Path::new("b.json"), db.get(b).unwrap()), None);
    }
}
