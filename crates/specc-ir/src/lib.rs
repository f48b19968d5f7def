//! The intermediate representation: one dialect-neutral description of "how this integration gets an
//! OAuth token", whatever file it was written in.
//!
//! Every value keeps the [`Span`] it came from, so a rule that judges the IR can point into the source
//! file (or into one of several files, for a Membrane connector directory). The IR is plain data: it
//! knows no file format, does no I/O, and is not `Serialize` (outputs define their own wire types).
//! Secrets are wrapped in [`Secret`], whose `Debug` never shows the value.

use std::collections::BTreeMap;
use std::fmt;

pub use specc_diagnostics::{FileId, Span};

/// A value with the span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The family of input a configuration was lowered from. Used for wording and for rules that only make
/// sense for one platform; the fields below mean the same thing whatever the dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    ElasticIo,
    Membrane,
    OpenApi,
    Itential,
    Keboola,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::ElasticIo => "elasticio",
            Dialect::Membrane => "membrane",
            Dialect::OpenApi => "openapi",
            Dialect::Itential => "itential",
            Dialect::Keboola => "keboola",
        }
    }

    pub const ALL: [Dialect; 5] =
        [Dialect::ElasticIo, Dialect::Membrane, Dialect::OpenApi, Dialect::Itential, Dialect::Keboola];

    pub fn parse(s: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// The authentication protocol of a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    OAuth2,
    OAuth1,
    OpenIdConnect,
    /// Facebook's OAuth 2.0 variant as Keboola registers it (`oauth_version: facebook`).
    Facebook,
    /// A non-OAuth scheme (API key, HTTP basic/bearer...), kept so requirements can be checked.
    Other(String),
}

impl Protocol {
    pub fn is_oauth(&self) -> bool {
        matches!(self, Protocol::OAuth2 | Protocol::OAuth1 | Protocol::Facebook)
    }
}

/// OAuth grant types (OAuth 2.0) plus OAuth 1.0a's three-legged flow.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlowKind {
    AuthorizationCode,
    ClientCredentials,
    Password,
    Implicit,
    DeviceAuthorization,
    OAuth1,
}

impl FlowKind {
    /// Human name, as in RFC 6749 / RFC 8628.
    pub fn label(&self) -> &'static str {
        match self {
            FlowKind::AuthorizationCode => "authorization code",
            FlowKind::ClientCredentials => "client credentials",
            FlowKind::Password => "resource owner password",
            FlowKind::Implicit => "implicit",
            FlowKind::DeviceAuthorization => "device authorization",
            FlowKind::OAuth1 => "OAuth 1.0a",
        }
    }

    /// Whether the flow sends the user to an authorization endpoint.
    pub fn needs_authorization_url(&self) -> bool {
        matches!(self, FlowKind::AuthorizationCode | FlowKind::Implicit | FlowKind::OAuth1)
    }

    /// Whether the flow calls a token endpoint.
    pub fn needs_token_url(&self) -> bool {
        !matches!(self, FlowKind::Implicit)
    }
}

/// An endpoint URL as written, plus its absolute form when it had to be resolved (an OpenAPI relative
/// reference against `servers`). Templates (`%%app_key%%`, `{{VAR}}`) are kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointUrl {
    pub raw: String,
    /// Absolute URL after resolution against a base; `None` when `raw` is already absolute or no base was known.
    pub resolved: Option<String>,
    pub span: Span,
}

impl EndpointUrl {
    pub fn new(raw: impl Into<String>, span: Span) -> Self {
        EndpointUrl { raw: raw.into(), resolved: None, span }
    }

    /// The URL rules should judge: the resolved form when there is one.
    pub fn effective(&self) -> &str {
        self.resolved.as_deref().unwrap_or(&self.raw)
    }
}

/// One declared scope (`name → description`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeDecl {
    pub name: Spanned<String>,
    pub description: Option<String>,
}

/// The scopes a flow offers. `span` covers the whole map (or list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeSet {
    pub span: Span,
    pub entries: Vec<ScopeDecl>,
}

impl ScopeSet {
    pub fn contains(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name.value == name)
    }
}

/// Which entry of its dialect's view an IR entry was lowered from: the position of that entry in the
/// view's list, set by the dialect's lowering (an OpenAPI configuration links to its scheme in
/// `OpenApiView::schemes`, an OpenAPI flow to its flow in that scheme's `flows`). Rules follow it
/// through the accessors of their `Context`, never by pairing lists position by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ViewLink(pub u32);

impl ViewLink {
    /// The link to the entry at `index` of a view's list.
    pub fn at(index: usize) -> Self {
        ViewLink(u32::try_from(index).unwrap_or(u32::MAX))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One grant with its endpoints and offered scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub kind: FlowKind,
    /// The flow as written in the dialect's view, when the dialect keeps one.
    pub view: Option<ViewLink>,
    /// The whole flow object.
    pub span: Span,
    /// The key or value that named the flow (`authorizationCode:`, `"flow": "accessCode"`).
    pub kind_span: Span,
    pub authorization_url: Option<EndpointUrl>,
    pub token_url: Option<EndpointUrl>,
    pub refresh_url: Option<EndpointUrl>,
    pub device_authorization_url: Option<EndpointUrl>,
    /// OAuth 1.0a temporary-credential endpoint.
    pub request_token_url: Option<EndpointUrl>,
    /// `None` when the source has no scopes field at all (different from an empty map).
    pub scopes: Option<ScopeSet>,
}

impl Flow {
    pub fn new(kind: FlowKind, span: Span) -> Self {
        Flow {
            kind,
            view: None,
            span,
            kind_span: span,
            authorization_url: None,
            token_url: None,
            refresh_url: None,
            device_authorization_url: None,
            request_token_url: None,
            scopes: None,
        }
    }

    /// All endpoint URLs of the flow with a short name for messages.
    pub fn urls(&self) -> impl Iterator<Item = (&'static str, &EndpointUrl)> {
        [
            ("authorization URL", self.authorization_url.as_ref()),
            ("token URL", self.token_url.as_ref()),
            ("refresh URL", self.refresh_url.as_ref()),
            ("device authorization URL", self.device_authorization_url.as_ref()),
            ("request token URL", self.request_token_url.as_ref()),
        ]
        .into_iter()
        .filter_map(|(n, u)| u.map(|u| (n, u)))
    }
}

/// A string that must not reach output. `Debug` shows only its length.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself: only for emitters run with an explicit `--inline-secrets`.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A preview safe to print: no character of the value and not its length.
    pub fn redacted(&self) -> String {
        "<redacted>".to_string()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.redacted())
    }
}

/// How a placeholder is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceholderSyntax {
    /// `{{NAME}}`: elastic.io env var / credential field links, Itential's `{{iap}}`.
    Mustache,
    /// `%%name%%`: Keboola OAuth Manager URL templates.
    Percent,
    /// `$var: connectorParameters.name` / `$.connectorParameters.name`: Membrane mappings.
    MembraneVar,
}

/// What a placeholder turns into at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// An environment variable declared by the manifest (`envVars` / `env`).
    EnvVar(String),
    /// A field the user fills in (elastic.io `credentials.fields`, Membrane connector parameters).
    Field(String),
    /// Filled in by the platform (`%%redirect_uri%%`, `{{iap}}`).
    Platform,
    /// Names nothing the manifest declares.
    Unresolved,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub name: String,
    pub syntax: PlaceholderSyntax,
    pub span: Span,
    pub resolution: Resolution,
}

/// Where a client id or secret comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialValue {
    /// Written in the file. Client ids are public; secrets are wrapped.
    Literal(Secret),
    /// A `{{VAR}}` (or bare name) linked to a declared environment variable.
    EnvVar(String),
    /// A placeholder that links to nothing the manifest declares.
    UnresolvedPlaceholder(String),
    /// A user-supplied parameter (`$var: connectorParameters.clientId`, an elastic.io credentials field).
    Parameter(String),
    /// Supplied by the platform at run time (a tenant OAuth client, Keboola's broker, an Itential instance).
    PlatformManaged(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub value: CredentialValue,
    pub span: Span,
}

/// Where the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuthLocation {
    /// HTTP Basic in the `Authorization` header (RFC 6749 §2.3.1, recommended).
    Header,
    /// `client_id`/`client_secret` form parameters in the request body.
    Body,
    /// Both, as some platforms send when nothing is specified.
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pkce {
    Disabled,
    Plain,
    S256,
    /// On, with the platform's default method.
    Enabled,
}

/// Which request an extra parameter is added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamTarget {
    Authorize,
    Token,
    Refresh,
    Both,
}

/// A non-standard parameter the configuration adds to OAuth requests (`access_type=offline`, `prompt`,
/// Membrane `extra`, Itential `x-itential-parameters`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraParam {
    pub name: Spanned<String>,
    pub value: Option<Spanned<String>>,
    pub target: ParamTarget,
}

/// A hook or method implementation (Membrane `getOAuthConfig`, a JS file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hook {
    pub name: Spanned<String>,
    /// `mapping`, `javascript`, `rest-api-mapping`...
    pub implementation: Option<Spanned<String>>,
    /// The file that implements it, when it is a separate file.
    pub file: Option<Spanned<String>>,
}

/// What the configuration expects about refresh tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshPolicy {
    /// `Some(false)` when the source says no refresh token will come (Membrane `noRefreshToken: true`).
    pub expects_refresh_token: Option<Spanned<bool>>,
    /// The platform requires a refresh token for every key (elastic.io).
    pub platform_requires_refresh_token: bool,
}

/// The scopes a configuration asks for at run time, as opposed to the ones a flow offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedScopes {
    /// The whole field (a list, or one delimited string).
    pub span: Span,
    /// The raw string form when the source used one (`"read write"`); `None` for a list.
    pub raw: Option<String>,
    pub items: Vec<Spanned<String>>,
}

/// One OAuth client configuration: an OpenAPI security scheme, an elastic.io component's credentials,
/// a Membrane connector's auth section, a Keboola registration or component configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// Scheme name, component title, connector or component id.
    pub name: String,
    pub dialect: Dialect,
    /// The entry of the dialect's view this configuration was lowered from, when the dialect keeps one.
    pub view: Option<ViewLink>,
    /// The object this configuration was lowered from.
    pub span: Span,
    pub protocol: Protocol,
    pub flows: Vec<Flow>,
    pub client_id: Option<Credential>,
    pub client_secret: Option<Credential>,
    pub client_auth: Option<Spanned<ClientAuthLocation>>,
    pub pkce: Option<Spanned<Pkce>>,
    pub refresh: RefreshPolicy,
    pub redirect_uri: Option<Spanned<String>>,
    pub requested_scopes: Option<RequestedScopes>,
    pub extra_params: Vec<ExtraParam>,
    pub placeholders: Vec<Placeholder>,
    pub hooks: Vec<Hook>,
    /// OAuth 2.0 authorization server metadata (OAS 3.2 `oauth2MetadataUrl`) or OpenID Connect discovery URL.
    pub metadata_url: Option<EndpointUrl>,
    /// Platform identifiers a target may need (`component_id`, `friendly_name`, `oauth_version`,
    /// `graph_api_version`, `tenant_id`...), by name.
    pub attributes: BTreeMap<String, Spanned<String>>,
}

impl AuthConfig {
    pub fn new(name: impl Into<String>, dialect: Dialect, protocol: Protocol, span: Span) -> Self {
        AuthConfig {
            name: name.into(),
            dialect,
            view: None,
            span,
            protocol,
            flows: Vec::new(),
            client_id: None,
            client_secret: None,
            client_auth: None,
            pkce: None,
            refresh: RefreshPolicy::default(),
            redirect_uri: None,
            requested_scopes: None,
            extra_params: Vec::new(),
            placeholders: Vec::new(),
            hooks: Vec::new(),
            metadata_url: None,
            attributes: BTreeMap::new(),
        }
    }

    pub fn flow(&self, kind: &FlowKind) -> Option<&Flow> {
        self.flows.iter().find(|f| &f.kind == kind)
    }

    /// All declared scopes across flows, for messages.
    pub fn all_declared_scopes(&self) -> impl Iterator<Item = &ScopeDecl> {
        self.flows.iter().filter_map(|f| f.scopes.as_ref()).flat_map(|s| s.entries.iter())
    }
}

/// A place that asks for a scheme with some scopes: an OpenAPI security requirement (root or
/// operation), or an instance that picks a scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The scheme named.
    pub scheme: Spanned<String>,
    pub scopes: Vec<Spanned<String>>,
    /// Where the requirement sits, for messages: `root`, `GET /pets`.
    pub location: String,
    /// The requirement array's span (for "empty the array" fixes).
    pub scopes_span: Span,
}

/// Everything lowered from one input (one file, or one connector directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub dialect: Dialect,
    pub primary: FileId,
    pub configs: Vec<AuthConfig>,
    pub requirements: Vec<Requirement>,
}

impl Manifest {
    pub fn new(dialect: Dialect, primary: FileId) -> Self {
        Manifest { dialect, primary, configs: Vec::new(), requirements: Vec::new() }
    }

    pub fn config(&self, name: &str) -> Option<&AuthConfig> {
        self.configs.iter().find(|c| c.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_debug_never_shows_value() {
        let s = Secret::new("sk_live_0123456789abcdef");
        let shown = format!("{s:?}");
        assert!(!shown.contains("0123456789"), "{shown}");
        assert!(shown.contains("<redacted>") && !shown.contains("24"));
        assert_eq!(Secret::new("abc").redacted(), "<redacted>");
    }

    #[test]
    fn endpoint_prefers_resolved_form() {
        let mut u = EndpointUrl::new("/oauth/token", Span::default());
        assert_eq!(u.effective(), "/oauth/token");
        u.resolved = Some("https://api.example.com/oauth/token".into());
        assert_eq!(u.effective(), "https://api.example.com/oauth/token");
    }

    #[test]
    fn dialect_names_round_trip() {
        for d in Dialect::ALL {
            assert_eq!(Dialect::parse(d.as_str()), Some(d));
        }
    }
}
