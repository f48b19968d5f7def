//! `component.json`: environment variables (`envVars`, legacy `env`), `credentials.fields`,
//! `credentials.oauth2` / `oauth1`, `useOAuthClient` and `authClientTypes`, lowered into the IR and
//! kept as a [`Component`] view for the `elasticio/…` rules.

use std::path::Path;

use specc_ir::{
    AuthConfig, ClientAuthLocation, Credential, CredentialValue, Dialect, EndpointUrl, ExtraParam, Flow, FlowKind,
    ParamTarget, Placeholder, PlaceholderSyntax, Protocol, RequestedScopes, Resolution, Secret, Spanned, ViewLink,
};
use specc_syntax::{Diagnostic, Document, Node, Span, Value};

use super::{codes, object_view, span, MemberView, ObjectView};
use crate::read::Reader;

/// Keys of `credentials.oauth2` that elastic.io itself interprets; every other key is sent to the
/// provider as an extra authorization parameter (`access_type`, `prompt`, `resource`…).
pub const OAUTH2_KEYS: [&str; 6] = ["client_id", "client_secret", "auth_uri", "token_uri", "scopes", "client_auth"];

/// Keys of `credentials.oauth1`.
pub const OAUTH1_KEYS: [&str; 5] =
    ["consumer_key", "consumer_secret", "request_token_uri", "auth_uri", "access_token_uri"];

/// Which OAuth block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthVersion {
    V1,
    V2,
}

impl OAuthVersion {
    pub fn key(self) -> &'static str {
        match self {
            OAuthVersion::V1 => "oauth1",
            OAuthVersion::V2 => "oauth2",
        }
    }

    /// The keys that name the client id and secret.
    pub fn credential_keys(self) -> (&'static str, &'static str) {
        match self {
            OAuthVersion::V1 => ("consumer_key", "consumer_secret"),
            OAuthVersion::V2 => ("client_id", "client_secret"),
        }
    }

    /// The keys the elastic.io documentation marks required.
    pub fn required_keys(self) -> &'static [&'static str] {
        match self {
            OAuthVersion::V1 => &OAUTH1_KEYS,
            OAuthVersion::V2 => &OAUTH2_KEYS[..4],
        }
    }
}

/// Where an environment variable was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvSource {
    /// `"envVars": { "NAME": {...} }`.
    EnvVars,
    /// Legacy top-level `"env": { "NAME": {...} }`.
    LegacyObject,
    /// Legacy top-level `"env": ["NAME", ...]`.
    LegacyArray,
}

/// One declared environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvVarDecl {
    pub name: String,
    /// The key (object forms) or the array item (legacy array form).
    pub span: Span,
    pub source: EnvSource,
    pub required: Option<bool>,
}

/// The form of the legacy top-level `env` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvForm {
    Array,
    Object,
    /// Neither (reported as a wrong type).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyEnv {
    pub member: MemberView,
    pub form: EnvForm,
}

/// A `{{NAME}}` inside a value, and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderRef {
    pub name: String,
    /// The placeholder's bytes, braces included (the whole string when it was written with escapes).
    pub span: Span,
    pub resolution: Resolution,
    /// Byte range of the placeholder inside the string value.
    pub start: usize,
    pub end: usize,
}

/// One key of an `oauth2`/`oauth1` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthEntry {
    pub member: MemberView,
    /// The value when it is a string.
    pub text: Option<String>,
    /// JSON type of the value (`string`, `array`…).
    pub kind: &'static str,
    pub placeholders: Vec<PlaceholderRef>,
}

/// `oauth2.scopes` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopesView {
    pub span: Span,
    /// True when written as one string rather than an array.
    pub is_string: bool,
    /// String items (array form) or the whole string (string form), with their spans.
    pub items: Vec<Spanned<String>>,
}

/// A `credentials.oauth2` or `credentials.oauth1` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthBlock {
    pub version: OAuthVersion,
    pub member: MemberView,
    pub object: ObjectView,
    pub entries: Vec<OAuthEntry>,
    pub scopes: Option<ScopesView>,
}

impl OAuthBlock {
    pub fn entry(&self, key: &str) -> Option<&OAuthEntry> {
        self.entries.iter().find(|e| e.member.key == key)
    }

    /// The entry whose value is at `span` (the entry an IR endpoint URL or credential was read from).
    pub fn entry_at(&self, span: Span) -> Option<&OAuthEntry> {
        self.entries.iter().find(|e| e.member.value_span == span)
    }

    /// Whether any value of the block links to a declared environment variable.
    pub fn placeholders(&self) -> impl Iterator<Item = (&OAuthEntry, &PlaceholderRef)> {
        self.entries.iter().flat_map(|e| e.placeholders.iter().map(move |p| (e, p)))
    }
}

/// One `credentials.fields.<name>` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    pub name: String,
    pub key_span: Span,
    pub value_span: Span,
    /// The field's object, when it is one.
    pub object: Option<ObjectView>,
    pub view_class: Option<Spanned<String>>,
    pub label: Option<Spanned<String>>,
    /// JSON type of `model`, when present, with its span.
    pub model: Option<(&'static str, Span)>,
    /// The keys of an object `model` (the values a `SelectView` offers).
    pub model_keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldsView {
    pub member: MemberView,
    /// `None` when `fields` is not an object.
    pub object: Option<ObjectView>,
    pub entries: Vec<FieldView>,
}

/// The `credentials` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsView {
    pub member: MemberView,
    pub object: ObjectView,
    pub fields: Option<FieldsView>,
    pub oauth2: Option<OAuthBlock>,
    pub oauth1: Option<OAuthBlock>,
}

impl CredentialsView {
    /// The `oauth2` block, then the `oauth1` block (an IR configuration's view link is its position
    /// here).
    pub fn blocks(&self) -> impl Iterator<Item = &OAuthBlock> {
        self.oauth2.iter().chain(self.oauth1.iter())
    }

    pub fn field(&self, name: &str) -> Option<&FieldView> {
        self.fields.as_ref()?.entries.iter().find(|f| f.name == name)
    }
}

/// Where a `useOAuthClient` key sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UseLocation {
    Root,
    /// Inside `credentials` (how the seed's example reads when its braces are balanced).
    Credentials,
    /// Inside `credentials.oauth2` / `oauth1`.
    OAuthBlock(&'static str),
}

impl UseLocation {
    pub fn describe(&self) -> String {
        match self {
            UseLocation::Root => "the component root".into(),
            UseLocation::Credentials => "`credentials`".into(),
            UseLocation::OAuthBlock(k) => format!("`credentials.{k}`"),
        }
    }
}

/// The value of a `useOAuthClient` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseValue {
    Bool(bool),
    /// `"true"` / `"false"` written as strings.
    StringBool(bool),
    /// Any other type (its JSON type name).
    Other(&'static str),
}

impl UseValue {
    /// What the platform would most likely take the value to mean.
    pub fn truthy(self) -> bool {
        matches!(self, UseValue::Bool(true) | UseValue::StringBool(true))
    }
}

/// One `useOAuthClient` key, wherever it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseOAuthClientView {
    pub location: UseLocation,
    pub member: MemberView,
    pub value: UseValue,
    /// The object holding it (to remove it from there).
    pub parent: ObjectView,
}

/// `authClientTypes` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthClientTypesView {
    pub member: MemberView,
    pub entries: Vec<Spanned<String>>,
}

impl AuthClientTypesView {
    /// True when an `oauth2*` auth-client type is listed: the auth client then supplies the client
    /// credentials and endpoints.
    pub fn has_oauth2(&self) -> bool {
        self.entries.iter().any(|e| e.value.starts_with("oauth2"))
    }
}

/// An `oauth2`/`oauth1` object outside `credentials`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MisplacedOAuth {
    pub member: MemberView,
    /// Where it was found, for messages (`the component root`).
    pub location: String,
}

/// What the `elasticio/…` component rules read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Component {
    pub root: ObjectView,
    pub title: Option<Spanned<String>>,
    /// Every declared environment variable, `envVars` first, then legacy `env`.
    pub env_vars: Vec<EnvVarDecl>,
    pub env_vars_member: Option<MemberView>,
    pub legacy_env: Option<LegacyEnv>,
    pub credentials: Option<CredentialsView>,
    pub use_oauth_client: Vec<UseOAuthClientView>,
    pub auth_client_types: Option<AuthClientTypesView>,
    pub misplaced_oauth: Vec<MisplacedOAuth>,
}

impl Component {
    pub fn env_var(&self, name: &str) -> Option<&EnvVarDecl> {
        self.env_vars.iter().find(|e| e.name == name)
    }

    /// The root-level `useOAuthClient`, if any.
    pub fn root_use_oauth_client(&self) -> Option<&UseOAuthClientView> {
        self.use_oauth_client.iter().find(|u| u.location == UseLocation::Root)
    }

    /// True when the root says `"useOAuthClient": true` (a boolean).
    pub fn uses_oauth_client(&self) -> bool {
        self.root_use_oauth_client().is_some_and(|u| u.value == UseValue::Bool(true))
    }

    pub fn oauth2(&self) -> Option<&OAuthBlock> {
        self.credentials.as_ref()?.oauth2.as_ref()
    }

    pub fn field(&self, name: &str) -> Option<&FieldView> {
        self.credentials.as_ref()?.field(name)
    }

    /// True when `authClientTypes` lists an `oauth2*` type.
    pub fn auth_client_oauth2(&self) -> bool {
        self.auth_client_types.as_ref().is_some_and(AuthClientTypesView::has_oauth2)
    }

    /// Every name a `{{NAME}}` may link to: environment variables, then credential fields.
    pub fn link_targets(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.env_vars.iter().map(|e| e.name.as_str()).collect();
        if let Some(f) = self.credentials.as_ref().and_then(|c| c.fields.as_ref()) {
            v.extend(f.entries.iter().map(|e| e.name.as_str()));
        }
        v
    }

    /// What `{{name}}` resolves to.
    pub fn resolve(&self, name: &str) -> Resolution {
        if self.env_var(name).is_some() {
            Resolution::EnvVar(name.to_string())
        } else if self.field(name).is_some() {
            Resolution::Field(name.to_string())
        } else if let Some(f) = self.http_auth_field().filter(|_| HTTP_AUTH_OAUTH2_KEYS.contains(&name)) {
            // The REST API and OpenAPI components' `HTTPAuthView` asks for the OAuth 2 client in its own
            // sub-form, whose values `{{clientId}}`… name.
            Resolution::Field(format!("{}.{name}", f.name))
        } else {
            Resolution::Unresolved
        }
    }

    /// The first credential field rendered by `HTTPAuthView` (no auth, basic, API key or OAuth 2).
    pub fn http_auth_field(&self) -> Option<&FieldView> {
        let fields = self.credentials.as_ref()?.fields.as_ref()?;
        fields.entries.iter().find(|f| f.view_class.as_ref().is_some_and(|v| v.value == "HTTPAuthView"))
    }
}

/// The values `HTTPAuthView`'s OAuth 2 sub-form provides to `credentials.oauth2` placeholders
/// (<https://github.com/elasticio/rest-api-component-v2>: client id, client secret, auth URI, token URI,
/// scopes).
pub const HTTP_AUTH_OAUTH2_KEYS: [&str; 5] = ["clientId", "clientSecret", "authUri", "tokenUri", "scopes"];

/// Whether a parsed root looks like a component descriptor (see the module documentation).
pub fn is_component(path: &Path, root: &Node) -> bool {
    let Some(members) = root.as_object() else { return false };
    let has = |k: &str| members.iter().any(|m| &*m.key == k);
    let named = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.eq_ignore_ascii_case("component.json"));
    let creds_shape = root
        .get("credentials")
        .and_then(Node::as_object)
        .is_some_and(|c| c.iter().any(|m| matches!(&*m.key, "fields" | "oauth2" | "oauth1")));
    let descriptor = has("title") || has("triggers") || has("actions") || has("description");
    let env = has("envVars") || has("env");
    if named {
        return has("credentials") || env || descriptor || has("useOAuthClient") || has("authClientTypes");
    }
    let creds_object = root.get("credentials").and_then(Node::as_object).is_some();
    let strong_descriptor = has("triggers") || has("actions") || (has("title") && has("description"));
    creds_shape
        || has("useOAuthClient")
        || has("authClientTypes")
        || (has("envVars") && descriptor)
        || (creds_object && strong_descriptor)
}

/// Lowers a component descriptor: one [`AuthConfig`] per `oauth2`/`oauth1` block (or one for an
/// `oauth2` auth client), and the [`Component`] view.
pub fn lower_component(doc: &Document, root: &Node) -> (Component, Vec<AuthConfig>, Vec<Diagnostic>) {
    let mut r = Reader::new(doc, codes::INVALID_FIELD_TYPE);
    let mut c = Component { root: object_view(doc, root), ..Component::default() };
    c.title = r.string(root, "title");

    // Environment variables: `envVars`, then the legacy `env`.
    if let Some(m) = root.member("envVars") {
        c.env_vars_member = Some(MemberView::of(doc, m));
        match m.value.as_object() {
            Some(vars) => {
                for v in vars {
                    c.env_vars.push(env_decl(&mut r, v, EnvSource::EnvVars));
                }
            }
            None => {
                if !m.value.is_null() {
                    r.wrong_type(&m.value, "envVars", "an object of variable declarations");
                }
            }
        }
    }
    if let Some(m) = root.member("env") {
        let form = match &m.value.value {
            Value::Array(items) => {
                for item in items {
                    match item.as_str() {
                        Some(name) => c.env_vars.push(EnvVarDecl {
                            name: name.to_string(),
                            span: span(doc, item),
                            source: EnvSource::LegacyArray,
                            required: None,
                        }),
                        None => r.wrong_type(item, "env[]", "a variable name (string)"),
                    }
                }
                EnvForm::Array
            }
            Value::Object(vars) => {
                for v in vars {
                    c.env_vars.push(env_decl(&mut r, v, EnvSource::LegacyObject));
                }
                EnvForm::Object
            }
            _ => {
                r.wrong_type(&m.value, "env", "an object of variable declarations (or a legacy array of names)");
                EnvForm::Other
            }
        };
        c.legacy_env = Some(LegacyEnv { member: MemberView::of(doc, m), form });
    }

    // authClientTypes.
    if let Some(m) = root.member("authClientTypes") {
        let mut entries = Vec::new();
        match m.value.as_array() {
            Some(items) => {
                for item in items {
                    match item.as_str() {
                        Some(s) => entries.push(Spanned::new(s.to_string(), span(doc, item))),
                        None => r.wrong_type(item, "authClientTypes[]", "a string"),
                    }
                }
            }
            None => r.wrong_type(&m.value, "authClientTypes", "an array of auth-client types"),
        }
        c.auth_client_types = Some(AuthClientTypesView { member: MemberView::of(doc, m), entries });
    }

    // useOAuthClient at the root.
    if let Some(m) = root.member("useOAuthClient") {
        c.use_oauth_client.push(use_view(doc, m, UseLocation::Root, root));
    }
    // oauth2/oauth1 at the root: the platform only reads them inside `credentials`.
    for key in ["oauth2", "oauth1"] {
        if let Some(m) = root.member(key) {
            c.misplaced_oauth
                .push(MisplacedOAuth { member: MemberView::of(doc, m), location: "the component root".into() });
        }
    }

    // credentials.
    if let Some(cm) = root.member("credentials") {
        if cm.value.as_object().is_none() {
            if !cm.value.is_null() {
                r.wrong_type(&cm.value, "credentials", "an object");
            }
        } else {
            let cred = &cm.value;
            let mut view = CredentialsView {
                member: MemberView::of(doc, cm),
                object: object_view(doc, cred),
                fields: None,
                oauth2: None,
                oauth1: None,
            };
            if let Some(m) = cred.member("useOAuthClient") {
                c.use_oauth_client.push(use_view(doc, m, UseLocation::Credentials, cred));
            }
            if let Some(fm) = cred.member("fields") {
                view.fields = Some(lower_fields(&mut r, fm));
            }
            for version in [OAuthVersion::V2, OAuthVersion::V1] {
                let Some(bm) = cred.member(version.key()) else { continue };
                if bm.value.as_object().is_none() {
                    if !bm.value.is_null() {
                        r.wrong_type(&bm.value, version.key(), "an object");
                    }
                    continue;
                }
                if let Some(m) = bm.value.member("useOAuthClient") {
                    c.use_oauth_client.push(use_view(doc, m, UseLocation::OAuthBlock(version.key()), &bm.value));
                }
                let block = lower_block(&mut r, version, bm);
                match version {
                    OAuthVersion::V2 => view.oauth2 = Some(block),
                    OAuthVersion::V1 => view.oauth1 = Some(block),
                }
            }
            c.credentials = Some(view);
        }
    }

    // Placeholders can only be resolved once every declaration is known.
    let targets = c.clone();
    if let Some(cred) = c.credentials.as_mut() {
        for block in cred.oauth2.iter_mut().chain(cred.oauth1.iter_mut()) {
            for e in &mut block.entries {
                for p in &mut e.placeholders {
                    p.resolution = targets.resolve(&p.name);
                }
            }
        }
    }

    let configs = lower_configs(&c);
    (c, configs, r.diagnostics)
}

fn env_decl(r: &mut Reader<'_>, v: &specc_syntax::Member, source: EnvSource) -> EnvVarDecl {
    let required = match v.value.get("required") {
        Some(n) => match n.as_bool() {
            Some(b) => Some(b),
            None => {
                r.wrong_type(n, "required", "a boolean");
                None
            }
        },
        None => None,
    };
    if v.value.as_object().is_none() && !v.value.is_null() {
        r.wrong_type(&v.value, &v.key, "an object such as `{ \"required\": true, \"description\": \"…\" }`");
    } else if v.value.as_object().is_some() {
        r.string(&v.value, "description");
    }
    EnvVarDecl { name: v.key.to_string(), span: r.key_span(v), source, required }
}

fn use_view(doc: &Document, m: &specc_syntax::Member, location: UseLocation, parent: &Node) -> UseOAuthClientView {
    let value = match &m.value.value {
        Value::Bool(b) => UseValue::Bool(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => UseValue::StringBool(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => UseValue::StringBool(false),
        _ => UseValue::Other(m.value.kind_name()),
    };
    UseOAuthClientView { location, member: MemberView::of(doc, m), value, parent: object_view(doc, parent) }
}

fn lower_fields(r: &mut Reader<'_>, fm: &specc_syntax::Member) -> FieldsView {
    let doc = r.doc;
    let mut view = FieldsView { member: MemberView::of(doc, fm), object: None, entries: Vec::new() };
    let Some(fields) = fm.value.as_object() else {
        if !fm.value.is_null() {
            r.wrong_type(&fm.value, "fields", "an object of credential fields");
        }
        return view;
    };
    view.object = Some(object_view(doc, &fm.value));
    for f in fields {
        let mut fv = FieldView {
            name: f.key.to_string(),
            key_span: r.key_span(f),
            value_span: span(doc, &f.value),
            object: None,
            view_class: None,
            label: None,
            model: None,
            model_keys: Vec::new(),
        };
        if f.value.as_object().is_some() {
            fv.object = Some(object_view(doc, &f.value));
            fv.view_class = r.string(&f.value, "viewClass");
            fv.label = r.string(&f.value, "label");
            if let Some(model) = f.value.get("model") {
                fv.model = Some((model.kind_name(), span(doc, model)));
                if let Some(ms) = model.as_object() {
                    fv.model_keys = ms.iter().map(|m| m.key.to_string()).collect();
                }
            }
        } else {
            r.wrong_type(&f.value, &f.key, "a field object with `viewClass` and `label`");
        }
        view.entries.push(fv);
    }
    view
}

fn lower_block(r: &mut Reader<'_>, version: OAuthVersion, bm: &specc_syntax::Member) -> OAuthBlock {
    let doc = r.doc;
    let node = &bm.value;
    let mut block = OAuthBlock {
        version,
        member: MemberView::of(doc, bm),
        object: object_view(doc, node),
        entries: Vec::new(),
        scopes: None,
    };
    for m in node.as_object().unwrap_or(&[]) {
        let mut entry = OAuthEntry {
            member: MemberView::of(doc, m),
            text: m.value.as_str().map(str::to_string),
            kind: m.value.kind_name(),
            placeholders: Vec::new(),
        };
        if let Some(text) = m.value.as_str() {
            entry.placeholders = placeholders_in(doc, &m.value, text);
        }
        let standard = match version {
            OAuthVersion::V2 => OAUTH2_KEYS.contains(&&*m.key),
            OAuthVersion::V1 => OAUTH1_KEYS.contains(&&*m.key),
        };
        if &*m.key == "scopes" {
            block.scopes = lower_scopes(r, &m.value);
        } else if standard && &*m.key != "useOAuthClient" && m.value.as_str().is_none() && !m.value.is_null() {
            r.wrong_type(&m.value, &m.key, "a string");
        }
        block.entries.push(entry);
    }
    block
}

fn lower_scopes(r: &mut Reader<'_>, node: &Node) -> Option<ScopesView> {
    let doc = r.doc;
    match &node.value {
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(s) => out.push(Spanned::new(s.to_string(), span(doc, item))),
                    None => r.wrong_type(item, "scopes[]", "a string"),
                }
            }
            Some(ScopesView { span: span(doc, node), is_string: false, items: out })
        }
        Value::String(s) => Some(ScopesView {
            span: span(doc, node),
            is_string: true,
            items: vec![Spanned::new(s.to_string(), span(doc, node))],
        }),
        Value::Null => None,
        _ => {
            r.wrong_type(node, "scopes", "an array of scope names");
            None
        }
    }
}

fn placeholders_in(doc: &Document, node: &Node, text: &str) -> Vec<PlaceholderRef> {
    crate::placeholders::mustache(text)
        .into_iter()
        .map(|o| PlaceholderRef {
            span: doc.string_part(span(doc, node), text, o.start..o.end),
            name: o.name,
            resolution: Resolution::Unresolved,
            start: o.start,
            end: o.end,
        })
        .collect()
}

/// The IR for the component: one configuration per OAuth block, or one for an `oauth2` auth client.
fn lower_configs(c: &Component) -> Vec<AuthConfig> {
    let name = c.title.as_ref().map_or_else(|| "component".to_string(), |t| t.value.clone());
    let mut out = Vec::new();
    let Some(cred) = &c.credentials else {
        return out;
    };
    for (index, block) in cred.blocks().enumerate() {
        let protocol = match block.version {
            OAuthVersion::V2 => Protocol::OAuth2,
            OAuthVersion::V1 => Protocol::OAuth1,
        };
        let mut config = AuthConfig::new(&name, Dialect::ElasticIo, protocol, block.object.span);
        config.view = Some(ViewLink::at(index));
        add_attributes(c, &mut config);
        let kind = match block.version {
            OAuthVersion::V2 => FlowKind::AuthorizationCode,
            OAuthVersion::V1 => FlowKind::OAuth1,
        };
        let mut flow = Flow::new(kind, block.object.span);
        flow.kind_span = block.member.key_span;
        let url = |key: &str| {
            block.entry(key).and_then(|e| e.text.as_ref().map(|t| EndpointUrl::new(t.clone(), e.member.value_span)))
        };
        flow.authorization_url = url("auth_uri");
        match block.version {
            OAuthVersion::V2 => flow.token_url = url("token_uri"),
            OAuthVersion::V1 => {
                flow.token_url = url("access_token_uri");
                flow.request_token_url = url("request_token_uri");
            }
        }
        config.flows.push(flow);

        let (id_key, secret_key) = block.version.credential_keys();
        config.client_id = block.entry(id_key).and_then(|e| credential(c, e));
        config.client_secret = block.entry(secret_key).and_then(|e| credential(c, e));

        // Client authentication: the request body unless `client_auth: basic` asks for the header.
        let location = match block.entry("client_auth").and_then(|e| e.text.as_deref()) {
            Some("basic") => ClientAuthLocation::Header,
            _ => ClientAuthLocation::Body,
        };
        let auth_span = block.entry("client_auth").map_or(block.member.key_span, |e| e.member.value_span);
        config.client_auth = Some(Spanned::new(location, auth_span));

        if block.version == OAuthVersion::V2 {
            config.refresh.platform_requires_refresh_token = true;
            if let Some(s) = &block.scopes {
                config.requested_scopes = Some(requested_scopes(s));
            }
        }
        let standard: &[&str] = match block.version {
            OAuthVersion::V2 => &OAUTH2_KEYS,
            OAuthVersion::V1 => &OAUTH1_KEYS,
        };
        for e in &block.entries {
            if standard.contains(&e.member.key.as_str()) || e.member.key == "useOAuthClient" {
                continue;
            }
            let value = e.text.as_ref().map(|t| Spanned::new(t.clone(), e.member.value_span));
            config.extra_params.push(ExtraParam {
                name: Spanned::new(e.member.key.clone(), e.member.key_span),
                value,
                target: ParamTarget::Authorize,
            });
        }
        for (_, p) in block.placeholders() {
            config.placeholders.push(Placeholder {
                name: p.name.clone(),
                syntax: PlaceholderSyntax::Mustache,
                span: p.span,
                resolution: p.resolution.clone(),
            });
        }
        out.push(config);
    }
    if cred.oauth2.is_none() && c.auth_client_oauth2() {
        // The tenant's auth client supplies the client and its endpoints.
        let span = c.auth_client_types.as_ref().map_or(c.root.span, |a| a.member.member_span);
        let mut config = AuthConfig::new(&name, Dialect::ElasticIo, Protocol::OAuth2, span);
        add_attributes(c, &mut config);
        let mut flow = Flow::new(FlowKind::AuthorizationCode, span);
        flow.kind_span = span;
        config.flows.push(flow);
        let managed = CredentialValue::PlatformManaged("elastic.io auth client (authClientTypes)".into());
        config.client_id = Some(Credential { value: managed.clone(), span });
        config.client_secret = Some(Credential { value: managed, span });
        // How the auth client authenticates is configured with the auth client, not here.
        config.refresh.platform_requires_refresh_token = true;
        out.push(config);
    }
    out
}

fn add_attributes(c: &Component, config: &mut AuthConfig) {
    if let Some(t) = &c.title {
        config.attributes.insert("component_title".into(), t.clone());
    }
    if let Some(u) = c.root_use_oauth_client() {
        let v = if u.value.truthy() { "true" } else { "false" };
        config.attributes.insert("use_oauth_client".into(), Spanned::new(v.into(), u.member.value_span));
    }
    if let Some(a) = &c.auth_client_types {
        let joined: Vec<&str> = a.entries.iter().map(|e| e.value.as_str()).collect();
        config.attributes.insert("auth_client_types".into(), Spanned::new(joined.join(","), a.member.value_span));
    }
    if let Some(env) = &c.legacy_env {
        let form = match env.form {
            EnvForm::Array => "env-array",
            EnvForm::Object => "env-object",
            EnvForm::Other => "env-invalid",
        };
        config.attributes.insert("env_form".into(), Spanned::new(form.into(), env.member.key_span));
    }
}

/// Where a client id or secret comes from.
fn credential(c: &Component, e: &OAuthEntry) -> Option<Credential> {
    let text = e.text.as_ref()?;
    let span = e.member.value_span;
    let whole = match e.placeholders.as_slice() {
        [p] if p.start == 0 && p.end == text.len() => Some(p),
        _ => None,
    };
    let value = match whole {
        Some(p) if c.uses_oauth_client() && p.resolution != Resolution::Unresolved => {
            CredentialValue::PlatformManaged("tenant OAuth client (useOAuthClient)".into())
        }
        Some(p) => match &p.resolution {
            Resolution::EnvVar(n) => CredentialValue::EnvVar(n.clone()),
            Resolution::Field(n) => CredentialValue::Parameter(n.clone()),
            _ => CredentialValue::UnresolvedPlaceholder(p.name.clone()),
        },
        None if text.is_empty() && c.uses_oauth_client() => {
            CredentialValue::PlatformManaged("tenant OAuth client (useOAuthClient)".into())
        }
        None => CredentialValue::Literal(Secret::new(text.clone())),
    };
    Some(Credential { value, span })
}

fn requested_scopes(s: &ScopesView) -> RequestedScopes {
    if s.is_string {
        let raw = s.items.first().map(|i| i.value.clone()).unwrap_or_default();
        let items = raw
            .split(|ch: char| ch.is_whitespace() || ch == ',')
            .filter(|t| !t.is_empty())
            .map(|t| Spanned::new(t.to_string(), s.span));
        return RequestedScopes { span: s.span, raw: Some(raw.clone()), items: items.collect() };
    }
    RequestedScopes { span: s.span, raw: None, items: s.items.clone() }
}
