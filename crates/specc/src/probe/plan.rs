//! What the platform will send, read from the IR: endpoints, client credentials and how they travel,
//! PKCE, the scope string as the platform joins it, the redirect URI the platform uses, and extra
//! parameters. Every value keeps the span that set it, so a server's answer can be pinned to it.

use std::collections::BTreeMap;

use specc_diagnostics::Span;
use specc_ir::{AuthConfig, ClientAuthLocation, CredentialValue, Dialect, Flow, FlowKind, ParamTarget, Pkce};

/// The grant `probe` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    AuthorizationCode,
    ClientCredentials,
}

impl Grant {
    pub fn as_str(self) -> &'static str {
        match self {
            Grant::AuthorizationCode => "authorization_code",
            Grant::ClientCredentials => "client_credentials",
        }
    }
}

/// Where the redirect URI came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectOrigin {
    /// Written in the configuration.
    Config,
    /// The platform's fixed callback.
    Platform(&'static str),
    /// `--redirect-uri`.
    Flag,
}

#[derive(Debug, Clone)]
pub struct Redirect {
    pub uri: String,
    /// The configuration value the URI stands for (the field, or the authorization URL when the
    /// platform fixes the URI).
    pub span: Span,
    pub origin: RedirectOrigin,
}

/// Everything one probe run sends, with where each value was configured.
#[derive(Debug, Clone)]
pub struct Plan {
    pub dialect: Dialect,
    pub config_span: Span,
    pub grant: Grant,
    pub flow_span: Span,
    pub authorization_url: Option<(String, Span)>,
    pub token_url: Option<(String, Span)>,
    pub refresh_url: Option<(String, Span)>,
    pub client_id: String,
    pub client_id_span: Span,
    /// `None` for a public client.
    pub client_secret: Option<String>,
    pub client_secret_span: Span,
    pub client_auth: ClientAuthLocation,
    pub client_auth_span: Span,
    /// `S256` or `plain`; `None` when PKCE is off.
    pub pkce: Option<&'static str>,
    /// Whether the configuration says PKCE is off (as opposed to having no PKCE setting).
    pub pkce_disabled_explicitly: bool,
    pub pkce_span: Span,
    /// The `scope` parameter exactly as the platform sends it.
    pub scope: Option<String>,
    pub scope_span: Span,
    /// Each requested scope with its span (split on spaces, as a server splits).
    pub scope_items: Vec<(String, Span)>,
    pub redirect: Option<Redirect>,
    pub extra_authorize: Vec<(String, String)>,
    pub extra_token: Vec<(String, String)>,
    pub extra_refresh: Vec<(String, String)>,
    /// The platform cannot work without a refresh token (elastic.io).
    pub needs_refresh_token: bool,
    /// The configuration says a refresh token comes, with where it says so.
    pub expects_refresh_token: Option<(bool, Span)>,
    /// Keboola: the authorization URL is a template with `%%…%%` placeholders the platform fills in.
    pub url_template: bool,
    pub attributes: BTreeMap<String, String>,
}

/// What the run needs from the user besides the file.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub grant: Option<Grant>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub redirect_uri: Option<String>,
}

/// The platform's own redirect URI, when it is fixed and public.
///
/// elastic.io: `https://<tenant domain>/callback/oauth2` (elastic.io's component READMEs, for example
/// <https://github.com/elasticio/salesforce-component>), which is
/// `https://app.elastic.io/callback/oauth2` on the default public tenant. Membrane: the standard callback
/// `https://api.integration.app/oauth-callback`, which a connector can replace with a custom one
/// (Integration.app's connector documentation). `--redirect-uri` overrides either.
pub fn platform_redirect(config: &AuthConfig) -> Option<(String, &'static str)> {
    match config.dialect {
        Dialect::ElasticIo => Some((
            "https://app.elastic.io/callback/oauth2".into(),
            "elastic.io's OAuth callback on its default public tenant; a white-label tenant uses its own domain",
        )),
        Dialect::Membrane => Some((
            "https://api.integration.app/oauth-callback".into(),
            "Membrane's (Integration.app) standard OAuth callback; a connector with a custom callback URL uses that",
        )),
        Dialect::Keboola => {
            let component = config.attributes.get("component_id").map_or("{component_id}", |c| c.value.as_str());
            Some((
                format!("https://syrup.keboola.com/oauth-v2/authorize/{component}/callback"),
                "Keboola's OAuth Broker callback (`%%redirect_uri%%`)",
            ))
        }
        Dialect::OpenApi | Dialect::Itential => None,
    }
}

/// Form fields of a request, in order.
pub type Form = Vec<(String, String)>;

/// Why no plan could be made; the CLI reports it as a usage error (exit 2).
#[derive(Debug, Clone)]
pub struct PlanError {
    pub message: String,
    pub needs_secret: bool,
}

#[allow(non_snake_case)]
fn PlanError(message: String) -> PlanError {
    PlanError { message, needs_secret: false }
}

/// A credential value, or why `probe` cannot know it.
fn credential_value(v: &CredentialValue, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    match v {
        CredentialValue::Literal(s) => Ok(s.expose().to_string()),
        CredentialValue::EnvVar(name) => lookup(name).ok_or_else(|| format!("the environment variable `{name}`")),
        CredentialValue::UnresolvedPlaceholder(p) => Err(format!("the placeholder `{p}`")),
        CredentialValue::Parameter(p) => Err(format!("the user-supplied parameter `{p}`")),
        CredentialValue::PlatformManaged(p) => Err(format!("the platform-managed value ({p})")),
    }
}

pub fn make_plan(
    config: &AuthConfig,
    inputs: &Inputs,
    requirement_scopes: &[(String, Span)],
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Plan, PlanError> {
    if !matches!(config.protocol, specc_ir::Protocol::OAuth2 | specc_ir::Protocol::Facebook) {
        return Err(PlanError(format!(
            "`{}` is not an OAuth 2.0 configuration: probe runs OAuth 2.0 flows only",
            config.name
        )));
    }
    let code_flow = config.flow(&FlowKind::AuthorizationCode);
    let cc_flow = config.flow(&FlowKind::ClientCredentials);
    let grant = match inputs.grant {
        Some(g) => g,
        None if code_flow.is_some() => Grant::AuthorizationCode,
        None if cc_flow.is_some() => Grant::ClientCredentials,
        None => {
            return Err(PlanError(format!(
                "`{}` has neither an authorization code nor a client credentials flow",
                config.name
            )))
        }
    };
    // The flow to run; client credentials may use the code flow's token endpoint.
    let flow: &Flow = match grant {
        Grant::AuthorizationCode => code_flow.ok_or_else(|| {
            PlanError(format!("`{}` has no authorization code flow (try `--grant client_credentials`)", config.name))
        })?,
        Grant::ClientCredentials => cc_flow.or(code_flow).ok_or_else(|| {
            PlanError(format!("`{}` has no flow with a token endpoint for client credentials", config.name))
        })?,
    };
    let url_of = |u: Option<&specc_ir::EndpointUrl>| u.map(|u| (u.effective().to_string(), u.span));
    let authorization_url = url_of(flow.authorization_url.as_ref());
    let token_url = url_of(flow.token_url.as_ref());
    let refresh_url = url_of(flow.refresh_url.as_ref()).or_else(|| token_url.clone());
    let url_template = authorization_url.as_ref().is_some_and(|(u, _)| u.contains("%%"));
    for (what, u) in [("token URL", &token_url), ("refresh URL", &refresh_url)] {
        if let Some((u, _)) = u {
            if u.contains("{{") || u.contains("%%") || u.contains("$var") {
                return Err(PlanError(format!(
                    "the {what} `{u}` holds a placeholder the platform fills in at run time; probe needs a concrete URL"
                )));
            }
        }
    }
    if token_url.is_none() {
        return Err(PlanError(format!("`{}` names no token URL", config.name)));
    }
    if grant == Grant::AuthorizationCode {
        match &authorization_url {
            None => return Err(PlanError(format!("`{}` names no authorization URL", config.name))),
            Some((u, _)) if u.contains("{{") || u.contains("$var") => {
                return Err(PlanError(format!(
                    "the authorization URL `{u}` holds a placeholder the platform fills in at run time; probe needs a concrete URL"
                )))
            }
            _ => {}
        }
    }

    // Client id: the flag, else the configuration.
    let (client_id, client_id_span) = match (&inputs.client_id, &config.client_id) {
        (Some(id), c) => (id.clone(), c.as_ref().map_or(config.span, |c| c.span)),
        (None, Some(c)) => match credential_value(&c.value, lookup) {
            Ok(v) => (v, c.span),
            Err(why) => {
                return Err(PlanError(format!("the client id comes from {why}; pass it with `--client-id ID`")))
            }
        },
        (None, None) => return Err(PlanError("the configuration has no client id; pass `--client-id ID`".into())),
    };
    let (client_secret, client_secret_span) = match (&inputs.client_secret, &config.client_secret) {
        (Some(s), c) => (Some(s.clone()), c.as_ref().map_or(config.span, |c| c.span)),
        (None, Some(c)) => match credential_value(&c.value, lookup) {
            Ok(v) => (Some(v), c.span),
            Err(why) => {
                return Err(PlanError {
                    message: format!(
                    "the client secret comes from {why}; give it with `--client-secret-env VAR` or `--env-file FILE`"
                ),
                    needs_secret: true,
                })
            }
        },
        (None, None) => (None, config.span),
    };
    if grant == Grant::ClientCredentials && client_secret.is_none() {
        return Err(PlanError(
            "the client credentials grant needs a client secret: give it with `--client-secret-env VAR`".into(),
        ));
    }
    let (client_auth, client_auth_span) = match &config.client_auth {
        Some(a) => (a.value, a.span),
        None => (ClientAuthLocation::Header, config.span),
    };
    let (pkce, pkce_disabled_explicitly, pkce_span) = match (&config.pkce, grant) {
        (_, Grant::ClientCredentials) => (None, false, config.span),
        (Some(p), _) => match p.value {
            // Keboola's OAuth Manager cannot send PKCE at all: nothing in the file switches it off.
            Pkce::Disabled => (None, config.dialect != Dialect::Keboola, p.span),
            Pkce::Plain => (Some("plain"), false, p.span),
            Pkce::S256 | Pkce::Enabled => (Some("S256"), false, p.span),
        },
        (None, _) => (None, false, flow.kind_span),
    };

    // Scopes as the platform joins them: a string as written, a list joined by spaces (elastic.io,
    // Membrane, Itential all join lists with a space); else the OpenAPI requirement's scopes.
    let (scope, scope_span, scope_items) = match &config.requested_scopes {
        Some(r) => {
            let s =
                r.raw.clone().unwrap_or_else(|| r.items.iter().map(|i| i.value.as_str()).collect::<Vec<_>>().join(" "));
            let items: Vec<(String, Span)> = if r.raw.is_some() {
                split_with_spans(&s, &r.items, r.span)
            } else {
                r.items.iter().map(|i| (i.value.clone(), i.span)).collect()
            };
            (Some(s), r.span, items)
        }
        None if !requirement_scopes.is_empty() => {
            let s = requirement_scopes.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(" ");
            let span = requirement_scopes.iter().map(|(_, s)| *s).reduce(Span::cover).unwrap_or(config.span);
            (Some(s), span, requirement_scopes.to_vec())
        }
        None => (None, flow.span, Vec::new()),
    };
    let scope = scope.filter(|s| !s.is_empty());

    let redirect = match (&inputs.redirect_uri, &config.redirect_uri) {
        (Some(u), c) => Some(Redirect {
            uri: u.clone(),
            span: c.as_ref().map(|c| c.span).or(authorization_url.as_ref().map(|a| a.1)).unwrap_or(config.span),
            origin: RedirectOrigin::Flag,
        }),
        (None, Some(c)) if !c.value.contains("{{") => {
            Some(Redirect { uri: c.value.clone(), span: c.span, origin: RedirectOrigin::Config })
        }
        (None, _) => platform_redirect(config).map(|(uri, what)| Redirect {
            uri,
            span: config
                .redirect_uri
                .as_ref()
                .map(|c| c.span)
                .or(authorization_url.as_ref().map(|a| a.1))
                .unwrap_or(config.span),
            origin: RedirectOrigin::Platform(what),
        }),
    };

    let mut extra_authorize = Vec::new();
    let mut extra_token = Vec::new();
    let mut extra_refresh = Vec::new();
    for p in &config.extra_params {
        let pair = (p.name.value.clone(), p.value.as_ref().map(|v| v.value.clone()).unwrap_or_default());
        match p.target {
            ParamTarget::Authorize => extra_authorize.push(pair),
            ParamTarget::Token => extra_token.push(pair),
            ParamTarget::Refresh => extra_refresh.push(pair),
            ParamTarget::Both => {
                extra_token.push(pair.clone());
                extra_refresh.push(pair);
            }
        }
    }
    Ok(Plan {
        dialect: config.dialect,
        config_span: config.span,
        grant,
        flow_span: flow.kind_span,
        authorization_url,
        token_url,
        refresh_url,
        client_id,
        client_id_span,
        client_secret,
        client_secret_span,
        client_auth,
        client_auth_span,
        pkce,
        pkce_disabled_explicitly,
        pkce_span,
        scope,
        scope_span,
        scope_items,
        redirect,
        extra_authorize,
        extra_token,
        extra_refresh,
        needs_refresh_token: config.refresh.platform_requires_refresh_token,
        expects_refresh_token: config.refresh.expects_refresh_token.as_ref().map(|e| (e.value, e.span)),
        url_template,
        attributes: config.attributes.iter().map(|(k, v)| (k.clone(), v.value.clone())).collect(),
    })
}

/// Splits a scope string on spaces, as a server does, and finds each part's span among the
/// lowered items (falling back to the whole field).
fn split_with_spans(s: &str, items: &[specc_ir::Spanned<String>], whole: Span) -> Vec<(String, Span)> {
    s.split(' ')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let span = items.iter().find(|i| i.value == p).map_or(whole, |i| i.span);
            (p.to_string(), span)
        })
        .collect()
}

impl Plan {
    /// The span to blame for a client-authentication failure: the setting, else the secret.
    pub fn client_auth_blame(&self) -> Span {
        if self.client_auth_span != self.config_span {
            self.client_auth_span
        } else if self.client_secret.is_some() {
            self.client_secret_span
        } else {
            self.client_id_span
        }
    }

    /// The RFC 8414 name of the configured client authentication.
    pub fn auth_method(&self) -> &'static str {
        match (self.client_secret.is_some(), self.client_auth) {
            (false, _) => "none",
            (true, ClientAuthLocation::Header) => "client_secret_basic",
            (true, ClientAuthLocation::Body) => "client_secret_post",
            (true, ClientAuthLocation::Both) => "client_secret_basic",
        }
    }

    /// The client authentication part of a token request: form fields and Basic credentials.
    pub fn client_auth_parts(&self) -> (Form, Option<(String, String)>) {
        let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        match &self.client_secret {
            None => (vec![("client_id".into(), self.client_id.clone())], None),
            Some(secret) => {
                let body = vec![("client_id".into(), self.client_id.clone()), ("client_secret".into(), secret.clone())];
                let basic = (enc(&self.client_id), enc(secret));
                match self.client_auth {
                    ClientAuthLocation::Header => (Vec::new(), Some(basic)),
                    ClientAuthLocation::Body => (body, None),
                    ClientAuthLocation::Both => (body, Some(basic)),
                }
            }
        }
    }
}
