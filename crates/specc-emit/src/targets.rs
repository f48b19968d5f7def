//! The registry of targets. Adding a target is one template under `templates/` plus one row here.

use specc_ir::{ClientAuthLocation, FlowKind, ParamTarget};

use crate::{BuildOptions, OpenApiVersion};

/// A part of an [`AuthConfig`](specc_ir::AuthConfig) a target may or may not have a place for. The
/// round-trip tests compare exactly the fields a target lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The configuration's name (scheme name, component title).
    Name,
    /// OAuth 2.0, OAuth 1.0a, or Facebook's variant.
    Protocol,
    /// Flows besides the one a single-flow target writes.
    OtherFlows,
    AuthorizationUrl,
    TokenUrl,
    RefreshUrl,
    DeviceAuthorizationUrl,
    RequestTokenUrl,
    /// The scopes a flow offers, with descriptions.
    DeclaredScopes,
    /// The scopes the client asks for.
    RequestedScopes,
    ClientId,
    ClientSecret,
    /// Where the client authenticates at the token endpoint.
    ClientAuth,
    Pkce,
    /// Whether a refresh token is expected.
    RefreshToken,
    RedirectUri,
    ExtraParams,
    MetadataUrl,
}

impl Field {
    pub const ALL: [Field; 18] = [
        Field::Name,
        Field::Protocol,
        Field::OtherFlows,
        Field::AuthorizationUrl,
        Field::TokenUrl,
        Field::RefreshUrl,
        Field::DeviceAuthorizationUrl,
        Field::RequestTokenUrl,
        Field::DeclaredScopes,
        Field::RequestedScopes,
        Field::ClientId,
        Field::ClientSecret,
        Field::ClientAuth,
        Field::Pkce,
        Field::RefreshToken,
        Field::RedirectUri,
        Field::ExtraParams,
        Field::MetadataUrl,
    ];

    /// Human name, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "the configuration name",
            Field::Protocol => "the protocol",
            Field::OtherFlows => "a further flow",
            Field::AuthorizationUrl => "the authorization URL",
            Field::TokenUrl => "the token URL",
            Field::RefreshUrl => "the refresh URL",
            Field::DeviceAuthorizationUrl => "the device authorization URL",
            Field::RequestTokenUrl => "the request token URL",
            Field::DeclaredScopes => "the declared scopes",
            Field::RequestedScopes => "the requested scopes",
            Field::ClientId => "the client id",
            Field::ClientSecret => "the client secret",
            Field::ClientAuth => "the client authentication location",
            Field::Pkce => "the PKCE setting",
            Field::RefreshToken => "the refresh-token expectation",
            Field::RedirectUri => "the redirect URI",
            Field::ExtraParams => "an extra parameter",
            Field::MetadataUrl => "the authorization server metadata URL",
        }
    }
}

/// Protocols, for capability tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtocolKind {
    OAuth2,
    OAuth1,
    Facebook,
}

/// Inputs a target needs that a source may not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// `--component-id`, or a source attribute `component_id`.
    ComponentId,
    /// `--tenant-id`, or a source attribute `tenant_id`.
    TenantId,
    /// `--oauth-api-id`, or a source attribute `oauth_api_id`.
    OauthApiId,
}

impl Need {
    pub fn flag(self) -> &'static str {
        match self {
            Need::ComponentId => "--component-id",
            Need::TenantId => "--tenant-id",
            Need::OauthApiId => "--oauth-api-id",
        }
    }

    pub fn attribute(self) -> &'static str {
        match self {
            Need::ComponentId => "component_id",
            Need::TenantId => "tenant_id",
            Need::OauthApiId => "oauth_api_id",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Need::ComponentId => "a component id",
            Need::TenantId => "a tenant id",
            Need::OauthApiId => "an OAuth Broker registration id",
        }
    }
}

/// What a target can write.
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    pub fields: &'static [Field],
    pub protocols: &'static [ProtocolKind],
    /// Flow kinds it writes; empty for targets that carry no endpoints.
    pub flows: &'static [FlowKind],
    /// Whether it writes several flows (else the first authorization-code or OAuth 1.0a flow).
    pub multi_flow: bool,
    pub client_auth: &'static [ClientAuthLocation],
    pub extra_targets: &'static [ParamTarget],
    /// A redirect URI the platform always uses; a source with the same one loses nothing.
    pub fixed_redirect: Option<&'static str>,
    /// Whether endpoint URLs may hold `{{NAME}}` placeholders filled in per connection.
    pub url_placeholders: bool,
}

/// One target: a row of the registry.
#[derive(Debug)]
pub struct Target {
    pub name: &'static str,
    pub summary: &'static str,
    /// `(output path, template name, template source)`.
    pub files: &'static [(&'static str, &'static str, &'static str)],
    pub caps: Caps,
    pub needs: &'static [Need],
    /// Where the fields this target leaves out belong instead (the note of its warnings).
    pub elsewhere: &'static str,
}

impl Target {
    /// The capabilities in force for these options (Swagger 2.0 has one flow per scheme and no
    /// refresh URL).
    pub fn caps_for(&self, options: &BuildOptions) -> Caps {
        let mut caps = self.caps;
        if self.name == "openapi" && options.openapi_version == OpenApiVersion::V2_0 {
            caps.fields = OPENAPI2_FIELDS;
            caps.multi_flow = false;
            caps.flows = OPENAPI2_FLOWS;
        }
        caps
    }
}

macro_rules! template {
    ($file:literal) => {
        ($file, include_str!(concat!("../templates/", $file)))
    };
}

const fn file(
    path: &'static str,
    (name, source): (&'static str, &'static str),
) -> (&'static str, &'static str, &'static str) {
    (path, name, source)
}

const AUTH_CODE: &[FlowKind] = &[FlowKind::AuthorizationCode];
const AUTH_CODE_OR_OAUTH1: &[FlowKind] = &[FlowKind::AuthorizationCode, FlowKind::OAuth1];
const OAUTH2: &[ProtocolKind] = &[ProtocolKind::OAuth2];
const ALL_PROTOCOLS: &[ProtocolKind] = &[ProtocolKind::OAuth2, ProtocolKind::OAuth1, ProtocolKind::Facebook];
const OPENAPI_FIELDS: &[Field] = &[
    Field::Name,
    Field::Protocol,
    Field::OtherFlows,
    Field::AuthorizationUrl,
    Field::TokenUrl,
    Field::RefreshUrl,
    Field::DeclaredScopes,
    Field::RequestedScopes,
];
const OPENAPI2_FIELDS: &[Field] = &[
    Field::Name,
    Field::Protocol,
    Field::AuthorizationUrl,
    Field::TokenUrl,
    Field::DeclaredScopes,
    Field::RequestedScopes,
];
const OPENAPI_FLOWS: &[FlowKind] =
    &[FlowKind::AuthorizationCode, FlowKind::ClientCredentials, FlowKind::Password, FlowKind::Implicit];
const OPENAPI2_FLOWS: &[FlowKind] = OPENAPI_FLOWS;

/// Every target, in the order `specc build --help` lists them.
pub static TARGETS: &[Target] = &[
    Target {
        name: "elasticio-component",
        summary: "component.json with `credentials.oauth2` (or `oauth1`) and `useOAuthClient`",
        files: &[file("component.json", template!("elasticio-component.component.json.j2"))],
        caps: Caps {
            fields: &[
                Field::Name,
                Field::Protocol,
                Field::AuthorizationUrl,
                Field::TokenUrl,
                Field::RequestTokenUrl,
                Field::RequestedScopes,
                Field::ClientAuth,
                Field::ExtraParams,
            ],
            protocols: &[ProtocolKind::OAuth2, ProtocolKind::OAuth1],
            flows: AUTH_CODE_OR_OAUTH1,
            multi_flow: false,
            client_auth: &[ClientAuthLocation::Header, ClientAuthLocation::Body],
            extra_targets: &[ParamTarget::Authorize],
            fixed_redirect: None,
            url_placeholders: true,
        },
        needs: &[],
        elsewhere: "with `useOAuthClient` the tenant's OAuth client holds the client id and secret \
                    (build `elasticio-tenant-client`); elastic.io sets PKCE, the redirect URI and \
                    token requests itself",
    },
    Target {
        name: "elasticio-tenant-client",
        summary: "the JSON:API body of `POST /v2/tenants/{TENANT_ID}/oauth-clients`, and the request",
        files: &[
            file("oauth-client.json", template!("elasticio-tenant-client.oauth-client.json.j2")),
            file("oauth-client.http", template!("elasticio-tenant-client.oauth-client.http.j2")),
        ],
        caps: Caps {
            fields: &[Field::ClientId, Field::ClientSecret],
            protocols: ALL_PROTOCOLS,
            flows: &[],
            multi_flow: false,
            client_auth: &[],
            extra_targets: &[],
            fixed_redirect: None,
            url_placeholders: false,
        },
        needs: &[Need::ComponentId, Need::TenantId],
        elsewhere: "a tenant OAuth client holds only the client id and secret; endpoints and scopes \
                    belong to the component (build `elasticio-component`)",
    },
    Target {
        name: "membrane",
        summary: "a connector's `spec.yml` auth section and `auth/get-oauth-config.map.yml`",
        files: &[
            file("spec.yml", template!("membrane.spec.yml.j2")),
            file("auth/get-oauth-config.map.yml", template!("membrane.get-oauth-config.map.yml.j2")),
            file("auth/make-api-client.map.yml", template!("membrane.make-api-client.map.yml.j2")),
            file("auth/test.js", template!("membrane.test.js.j2")),
        ],
        caps: Caps {
            fields: &[
                Field::Protocol,
                Field::AuthorizationUrl,
                Field::TokenUrl,
                Field::RequestedScopes,
                Field::ClientId,
                Field::ClientSecret,
                Field::ClientAuth,
                Field::Pkce,
                Field::RefreshToken,
                Field::ExtraParams,
            ],
            protocols: OAUTH2,
            flows: AUTH_CODE,
            multi_flow: false,
            client_auth: &[ClientAuthLocation::Header, ClientAuthLocation::Body],
            extra_targets: &[ParamTarget::Authorize],
            fixed_redirect: None,
            url_placeholders: false,
        },
        needs: &[],
        elsewhere: "Membrane runs the authorization code flow with its own redirect URI; token-request \
                    parameters need a JavaScript `getTokenData` method",
    },
    Target {
        name: "openapi",
        summary: "a minimal OpenAPI document: `components.securitySchemes` (3.0, 3.1) or Swagger 2.0 \
                  `securityDefinitions`",
        files: &[file("openapi.yaml", template!("openapi.openapi.yaml.j2"))],
        caps: Caps {
            fields: OPENAPI_FIELDS,
            protocols: OAUTH2,
            flows: OPENAPI_FLOWS,
            multi_flow: true,
            client_auth: &[],
            extra_targets: &[],
            fixed_redirect: None,
            url_placeholders: false,
        },
        needs: &[],
        elsewhere: "an OpenAPI security scheme describes the provider's endpoints and scopes, not a \
                    client: credentials, PKCE, the redirect URI and extra parameters belong to the \
                    client's own configuration",
    },
    Target {
        name: "itential-instance",
        summary: "Itential instance settings and the OpenAPI model they name",
        files: &[
            file("instance.yaml", template!("itential-instance.instance.yaml.j2")),
            file("model.openapi.yaml", template!("itential-instance.model.openapi.yaml.j2")),
        ],
        caps: Caps {
            fields: &[
                Field::Name,
                Field::Protocol,
                Field::AuthorizationUrl,
                Field::TokenUrl,
                Field::DeclaredScopes,
                Field::RequestedScopes,
                Field::ClientId,
                Field::ClientSecret,
                Field::ExtraParams,
            ],
            protocols: OAUTH2,
            flows: AUTH_CODE,
            multi_flow: false,
            client_auth: &[],
            extra_targets: &[ParamTarget::Token, ParamTarget::Refresh, ParamTarget::Both],
            fixed_redirect: Some("{{iap}}/admin/oauth/"),
            url_placeholders: false,
        },
        needs: &[],
        elsewhere: "Itential runs the authorization code flow with the redirect URI \
                    `{{iap}}/admin/oauth/` and decides client authentication and PKCE itself; \
                    `x-itential-parameters` apply to token and refresh requests only",
    },
    Target {
        name: "keboola-manage",
        summary: "the OAuth Manager registration body (`POST /manage`) with `%%…%%` placeholders",
        files: &[file("manage.json", template!("keboola-manage.manage.json.j2"))],
        caps: Caps {
            fields: &[
                Field::Protocol,
                Field::AuthorizationUrl,
                Field::TokenUrl,
                Field::RequestTokenUrl,
                Field::RequestedScopes,
                Field::ClientId,
                Field::ClientSecret,
                Field::ExtraParams,
            ],
            protocols: ALL_PROTOCOLS,
            flows: AUTH_CODE_OR_OAUTH1,
            multi_flow: false,
            client_auth: &[],
            extra_targets: &[ParamTarget::Authorize],
            fixed_redirect: None,
            url_placeholders: false,
        },
        needs: &[Need::ComponentId],
        elsewhere: "the OAuth Manager fills in the redirect URI (`%%redirect_uri%%`) and has no switch \
                    for PKCE, client authentication or refresh behaviour",
    },
    Target {
        name: "keboola-config",
        summary: "a component configuration's `authorization.oauth_api` block for OAuth Broker v3",
        files: &[file("config.json", template!("keboola-config.config.json.j2"))],
        caps: Caps {
            fields: &[],
            protocols: ALL_PROTOCOLS,
            flows: &[],
            multi_flow: false,
            client_auth: &[],
            extra_targets: &[],
            fixed_redirect: None,
            url_placeholders: false,
        },
        needs: &[Need::OauthApiId],
        elsewhere: "a configuration only names its OAuth Broker registration; the endpoints, client and \
                    scopes are registered with the OAuth Manager (build `keboola-manage`)",
    },
];

/// The target of that name.
pub fn find_target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}
