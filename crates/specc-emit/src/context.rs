//! The data a template sees: a serialisable digest of one [`AuthConfig`], holding only what the target
//! can express, with secrets already replaced by reference names unless they may be inlined.
//!
//! Building it is where the build decides what is left out and what is missing: each value the target
//! has no place for becomes a `build/field-not-expressible` warning at the value's source span.

use serde::Serialize;
use specc_diagnostics::Diagnostic;
use specc_ir::{AuthConfig, ClientAuthLocation, Credential, CredentialValue, Flow, FlowKind, ParamTarget, Pkce};

use crate::targets::{Caps, Field, Need, ProtocolKind, Target};
use crate::{codes, not_expressible, protocol_kind, urls, BuildOptions, OpenApiVersion};

/// Everything a template may use. Templates receive it as their root context.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    /// The configuration's name as the source has it (scheme name, component title, connector key).
    pub name: String,
    /// `name` in lowercase kebab case, for keys and file names.
    pub slug: String,
    /// `oauth2` or `oauth1`.
    pub protocol: &'static str,
    /// Keboola's `oauth_version`: `2.0`, `1.0` or `facebook`.
    pub oauth_version: &'static str,
    /// The flows the target writes (one for single-flow targets).
    pub flows: Vec<FlowContext>,
    pub client_id: CredentialContext,
    pub client_secret: CredentialContext,
    /// `header` or `body`, when the source says and the target can say it.
    pub client_auth: Option<&'static str>,
    pub pkce_disabled: bool,
    pub no_refresh_token: bool,
    /// The scopes the client requests, in order.
    pub scopes: Vec<String>,
    /// The same, space-separated.
    pub scope_string: String,
    pub extra_params: Vec<ParamContext>,
    pub component_id: Option<String>,
    pub tenant_id: Option<String>,
    pub oauth_api_id: Option<String>,
    /// A display name (Keboola `friendly_name`).
    pub friendly_name: String,
    /// The OpenAPI version field to write, and whether it is Swagger 2.0.
    pub openapi_version: &'static str,
    pub swagger2: bool,
    /// Keboola's `auth_url`: the provider's URL with the OAuth Manager's placeholders.
    pub auth_url_template: Option<String>,
    /// Names of `{{NAME}}` placeholders in endpoint URLs that link to a user-filled field, and to an
    /// environment variable (targets that have placeholders declare them).
    pub url_fields: Vec<String>,
    pub url_env_vars: Vec<String>,
    /// Keboola facebook registrations.
    pub permissions: Option<String>,
    pub graph_api_version: Option<String>,
    /// The dialect the configuration was read from.
    pub source_dialect: &'static str,
}

/// One flow.
#[derive(Debug, Clone, Serialize)]
pub struct FlowContext {
    /// OpenAPI 3 flow name (`authorizationCode`).
    pub kind: &'static str,
    /// Swagger 2.0 flow name (`accessCode`).
    pub kind2: &'static str,
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    pub refresh_url: Option<String>,
    pub request_token_url: Option<String>,
    /// Declared scopes, then requested scopes the source did not declare (with an empty description).
    pub scopes: Vec<ScopeContext>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeContext {
    pub name: String,
    pub description: String,
}

/// A client id or secret: a value that may be written, or the name of a reference to write instead.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CredentialContext {
    /// The value, for client ids and (with `--inline-secrets`) secrets.
    pub literal: Option<String>,
    /// The variable or parameter the source refers to; `None` lets the template use its default name.
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParamContext {
    pub name: String,
    pub value: String,
    /// Itential's `x-itential-use-in`: `token`, `refresh` or both.
    pub use_in: Vec<&'static str>,
}

impl Context {
    /// Builds the context, pushing warnings and errors to `out`. `None` when the configuration cannot
    /// be built for this target at all.
    pub fn new(
        config: &AuthConfig,
        target: &Target,
        caps: &Caps,
        options: &BuildOptions,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Context> {
        let has = |f: Field| caps.fields.contains(&f);
        let why = target.elsewhere;

        // Protocol.
        let Some(mut protocol) = protocol_kind(&config.protocol) else {
            out.push(
                Diagnostic::error(
                    codes::INCOMPATIBLE_TARGET,
                    format!("`{}` is not an OAuth configuration", config.name),
                    config.span,
                )
                .with_label("not OAuth")
                .with_help("pick an OAuth 2.0 or OAuth 1.0a configuration with `--scheme NAME`"),
            );
            return None;
        };
        if !caps.protocols.contains(&protocol) {
            if protocol == ProtocolKind::Facebook && caps.protocols.contains(&ProtocolKind::OAuth2) {
                out.push(not_expressible(
                    target,
                    "Facebook's OAuth variant (`oauth_version: facebook`)",
                    config.span,
                    "written as plain OAuth 2.0",
                ));
                protocol = ProtocolKind::OAuth2;
            } else {
                out.push(
                    Diagnostic::error(
                        codes::INCOMPATIBLE_TARGET,
                        format!(
                            "the `{}` target cannot write an {} configuration",
                            target.name,
                            protocol_label(protocol)
                        ),
                        config.span,
                    )
                    .with_label("this configuration")
                    .with_note(format!(
                        "`{}` writes {}",
                        target.name,
                        protocols_label(caps.protocols)
                    )),
                );
                return None;
            }
        }

        // Inputs the target needs.
        let need = |n: Need| -> Option<String> {
            let from_flag = match n {
                Need::ComponentId => options.component_id.clone(),
                Need::TenantId => options.tenant_id.clone(),
                Need::OauthApiId => options.oauth_api_id.clone(),
            };
            from_flag.or_else(|| config.attributes.get(n.attribute()).map(|a| a.value.clone()))
        };
        for n in target.needs {
            if need(*n).is_none() {
                out.push(
                    Diagnostic::error(
                        codes::MISSING_INPUT,
                        format!("the `{}` target needs {}, and `{}` has none", target.name, n.label(), config.name),
                        config.span,
                    )
                    .with_label("built from this configuration")
                    .with_help(format!("pass `{} VALUE`", n.flag())),
                );
            }
        }

        // Flows.
        let (provider_auth, template_scope) = config
            .flows
            .iter()
            .find_map(|f| f.authorization_url.as_ref())
            .map(|u| urls::provider_url(u.effective()))
            .unwrap_or_default();
        let mut requested: Vec<String> = config
            .requested_scopes
            .as_ref()
            .map(|r| r.items.iter().map(|s| s.value.clone()).collect())
            .unwrap_or_default();
        if config.requested_scopes.is_none() {
            if let Some(s) = template_scope {
                requested = s
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect();
            }
        }
        let selected = select_flows(config, caps);
        if !caps.flows.is_empty() && selected.is_empty() {
            if config.flows.is_empty() {
                out.push(
                    Diagnostic::error(
                        codes::MISSING_INPUT,
                        format!("`{}` has no OAuth endpoints, which the `{}` target needs", config.name, target.name),
                        config.span,
                    )
                    .with_label("no flow with endpoints")
                    .with_help("build from a source that names the authorization and token URLs"),
                );
            } else {
                let kinds: Vec<&str> = config.flows.iter().map(|f| f.kind.label()).collect();
                out.push(
                    Diagnostic::error(
                        codes::INCOMPATIBLE_TARGET,
                        format!("the `{}` target has no form for the {} flow", target.name, kinds.join(" and ")),
                        config.flows[0].kind_span,
                    )
                    .with_label("this flow")
                    .with_note(format!(
                        "`{}` writes the {} flow",
                        target.name,
                        flows_label(caps.flows)
                    )),
                );
                return None;
            }
        }
        for f in &config.flows {
            if selected.iter().any(|s| std::ptr::eq(*s, f)) {
                continue;
            }
            if caps.flows.is_empty() {
                report_flow_fields(target, f, &requested, out);
            } else {
                out.push(not_expressible(target, format!("the {} flow", f.kind.label()), f.kind_span, why));
            }
        }
        let mut flows = Vec::new();
        for f in &selected {
            flows.push(flow_context(config, target, caps, f, &provider_auth, &requested, out));
        }

        // Requested scopes.
        if !requested.is_empty() && !has(Field::RequestedScopes) {
            let span = config.requested_scopes.as_ref().map_or(config.span, |r| r.span);
            out.push(not_expressible(target, format!("the requested scopes ({})", requested.join(" ")), span, why));
        }

        // Client credentials.
        let client_id = credential(config.client_id.as_ref(), true, options);
        let client_secret = credential(config.client_secret.as_ref(), options.inline_secrets, options);
        for (field, c) in [(Field::ClientId, &config.client_id), (Field::ClientSecret, &config.client_secret)] {
            if let Some(c) = c {
                let meaningful = !matches!(c.value, CredentialValue::PlatformManaged(_));
                if meaningful && !has(field) {
                    out.push(not_expressible(target, field.label(), c.span, why));
                }
            }
        }

        // Client authentication.
        let mut client_auth = None;
        if let Some(loc) = &config.client_auth {
            if has(Field::ClientAuth) && caps.client_auth.contains(&loc.value) {
                client_auth = Some(match loc.value {
                    ClientAuthLocation::Header => "header",
                    ClientAuthLocation::Body => "body",
                    ClientAuthLocation::Both => "both",
                });
            } else {
                out.push(not_expressible(
                    target,
                    format!("client authentication {}", client_auth_label(loc.value)),
                    loc.span,
                    why,
                ));
            }
        }

        // PKCE.
        let mut pkce_disabled = false;
        if let Some(p) = &config.pkce {
            if has(Field::Pkce) {
                match p.value {
                    Pkce::Disabled => pkce_disabled = true,
                    Pkce::Plain => out.push(not_expressible(
                        target,
                        "the `plain` PKCE method",
                        p.span,
                        "PKCE stays on with the platform's method",
                    )),
                    Pkce::S256 | Pkce::Enabled => {}
                }
            } else {
                out.push(not_expressible(target, format!("the PKCE setting ({})", pkce_label(p.value)), p.span, why));
            }
        }

        // Refresh tokens.
        let mut no_refresh_token = false;
        if let Some(e) = &config.refresh.expects_refresh_token {
            if has(Field::RefreshToken) {
                no_refresh_token = !e.value;
            } else if !e.value {
                out.push(not_expressible(target, "\"no refresh token is issued\"", e.span, why));
            }
        }

        // Redirect URI and metadata.
        if let Some(r) = &config.redirect_uri {
            if caps.fixed_redirect != Some(r.value.as_str()) {
                out.push(not_expressible(target, format!("the redirect URI `{}`", r.value), r.span, why));
            }
        }
        if let Some(m) = &config.metadata_url {
            out.push(not_expressible(target, format!("the metadata URL `{}`", m.raw), m.span, why));
        }

        // Extra parameters.
        let mut extra_params = Vec::new();
        for p in &config.extra_params {
            let core: &[&str] = if p.target == ParamTarget::Authorize { &CORE_AUTHORIZE } else { &CORE_TOKEN };
            if core.contains(&p.name.value.as_str()) {
                out.push(not_expressible(
                    target,
                    format!("the {} parameter `{}`", param_target_label(p.target), p.name.value),
                    p.name.span,
                    "the platform sets this OAuth parameter itself; sending it twice is an error (RFC 6749 §3.1)",
                ));
                continue;
            }
            if secret_param(&p.name.value) && !options.inline_secrets {
                out.push(not_expressible(
                    target,
                    format!("the {} parameter `{}`", param_target_label(p.target), p.name.value),
                    p.name.span,
                    "its value is a credential, written only with `--inline-secrets`",
                ));
                continue;
            }
            if has(Field::ExtraParams) && caps.extra_targets.contains(&p.target) {
                extra_params.push(ParamContext {
                    name: p.name.value.clone(),
                    value: p.value.as_ref().map(|v| v.value.clone()).unwrap_or_default(),
                    use_in: match p.target {
                        ParamTarget::Token => vec!["token"],
                        ParamTarget::Refresh => vec!["refresh"],
                        ParamTarget::Both | ParamTarget::Authorize => vec!["token", "refresh"],
                    },
                });
            } else {
                out.push(not_expressible(
                    target,
                    format!("the {} parameter `{}`", param_target_label(p.target), p.name.value),
                    p.name.span,
                    why,
                ));
            }
        }

        // Placeholders in endpoint URLs (`https://{{tenant}}.example.com/...`).
        let mut url_placeholders: Vec<PlaceholderContext> = Vec::new();
        for f in &flows {
            for u in [&f.authorization_url, &f.token_url, &f.refresh_url, &f.request_token_url].into_iter().flatten() {
                let names = mustache_names(u);
                if (!names.is_empty() && !caps.url_placeholders) || u.contains("%%") || u.contains("${") {
                    // Point at the URL in the source, and say when the placeholder names nothing at all.
                    let source = config
                        .flows
                        .iter()
                        .flat_map(|f| {
                            [
                                &f.authorization_url,
                                &f.token_url,
                                &f.refresh_url,
                                &f.request_token_url,
                                &f.device_authorization_url,
                            ]
                        })
                        .flatten()
                        .find(|e| e.effective() == u.as_str() || e.raw == *u);
                    let span = source.map_or(config.span, |e| e.span);
                    let undefined: Vec<&str> = names
                        .iter()
                        .filter(|n| {
                            !config
                                .placeholders
                                .iter()
                                .any(|p| p.name == **n && !matches!(p.resolution, specc_ir::Resolution::Unresolved))
                        })
                        .map(String::as_str)
                        .collect();
                    let d = if undefined.is_empty() {
                        Diagnostic::error(
                            codes::INCOMPATIBLE_TARGET,
                            format!("the endpoint `{u}` has a placeholder that the `{}` target cannot fill in", target.name),
                            span,
                        )
                        .with_label("placeholder in this URL")
                        .with_note("the value is chosen per connection; the target has no place for a per-connection value in an endpoint URL")
                    } else {
                        let list: Vec<String> = undefined.iter().map(|n| format!("`{{{{{n}}}}}`")).collect();
                        Diagnostic::error(
                            codes::INCOMPATIBLE_TARGET,
                            format!(
                                "the endpoint `{u}` uses {} {}, which {} undefined: no field or environment variable of the source defines {}",
                                if undefined.len() == 1 { "the placeholder" } else { "the placeholders" },
                                list.join(", "),
                                if undefined.len() == 1 { "is" } else { "are" },
                                if undefined.len() == 1 { "it" } else { "them" },
                            ),
                            span,
                        )
                        .with_label("undefined placeholder in this URL")
                        .with_help(format!("define it in the source, or write the URL without it; the `{}` target cannot fill it in", target.name))
                    };
                    out.push(d);
                    return None;
                }
                for n in names {
                    if url_placeholders.iter().any(|p| p.name == n) {
                        continue;
                    }
                    let env = config
                        .placeholders
                        .iter()
                        .any(|p| p.name == n && matches!(p.resolution, specc_ir::Resolution::EnvVar(_)));
                    url_placeholders.push(PlaceholderContext { name: n, env });
                }
            }
        }

        let auth_url_template = flows.first().and_then(|f| {
            f.authorization_url.as_ref().map(|u| keboola_auth_url(u, protocol, &extra_params, &requested))
        });
        let attr = |k: &str| config.attributes.get(k).map(|a| a.value.clone());
        let protocol_name = match protocol {
            ProtocolKind::OAuth1 => "oauth1",
            ProtocolKind::OAuth2 | ProtocolKind::Facebook => "oauth2",
        };
        Some(Context {
            name: config.name.clone(),
            slug: slug(&config.name),
            protocol: protocol_name,
            oauth_version: match protocol {
                ProtocolKind::OAuth2 => "2.0",
                ProtocolKind::OAuth1 => "1.0",
                ProtocolKind::Facebook => "facebook",
            },
            flows,
            client_id,
            client_secret,
            client_auth,
            pkce_disabled,
            no_refresh_token,
            scope_string: requested.join(" "),
            scopes: requested,
            extra_params,
            component_id: need(Need::ComponentId),
            tenant_id: need(Need::TenantId),
            oauth_api_id: need(Need::OauthApiId),
            friendly_name: attr("friendly_name").unwrap_or_else(|| config.name.clone()),
            openapi_version: options.openapi_version.full(),
            swagger2: options.openapi_version == OpenApiVersion::V2_0,
            auth_url_template,
            url_fields: url_placeholders.iter().filter(|p| !p.env).map(|p| p.name.clone()).collect(),
            url_env_vars: url_placeholders.iter().filter(|p| p.env).map(|p| p.name.clone()).collect(),
            permissions: attr("permissions"),
            graph_api_version: attr("graph_api_version"),
            source_dialect: config.dialect.as_str(),
        })
    }
}

/// Authorization-request parameters the platform sets itself (RFC 6749 §4.1.1, RFC 7636 §4.3).
const CORE_AUTHORIZE: [&str; 7] =
    ["response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method"];
/// Token- and refresh-request parameters the platform sets itself (RFC 6749 §4.1.3, §6; RFC 7636 §4.5).
const CORE_TOKEN: [&str; 8] =
    ["grant_type", "code", "redirect_uri", "client_id", "client_secret", "refresh_token", "code_verifier", "scope"];

struct PlaceholderContext {
    name: String,
    env: bool,
}

fn mustache_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        out.push(after[..close].trim().to_string());
        rest = &after[close + 2..];
    }
    out
}

/// The flows a target writes: every supported one, or the first authorization-code / OAuth 1.0a one.
fn select_flows<'a>(config: &'a AuthConfig, caps: &Caps) -> Vec<&'a Flow> {
    let allowed: Vec<&Flow> = config.flows.iter().filter(|f| caps.flows.contains(&f.kind)).collect();
    if caps.multi_flow {
        return allowed;
    }
    let primary = allowed
        .iter()
        .find(|f| matches!(f.kind, FlowKind::AuthorizationCode | FlowKind::OAuth1))
        .or_else(|| allowed.first());
    primary.map(|f| vec![*f]).unwrap_or_default()
}

fn flow_context(
    config: &AuthConfig,
    target: &Target,
    caps: &Caps,
    f: &Flow,
    provider_auth: &str,
    requested: &[String],
    out: &mut Vec<Diagnostic>,
) -> FlowContext {
    let has = |field: Field| caps.fields.contains(&field);
    let why = target.elsewhere;
    let url = |field: Field, u: Option<&specc_ir::EndpointUrl>, out: &mut Vec<Diagnostic>| -> Option<String> {
        let u = u?;
        if has(field) {
            Some(if field == Field::AuthorizationUrl { provider_auth.to_string() } else { u.effective().to_string() })
        } else {
            out.push(not_expressible(target, format!("{} `{}`", field.label(), u.raw), u.span, why));
            None
        }
    };
    let mut ctx = FlowContext {
        kind: openapi3_flow_key(&f.kind),
        kind2: swagger2_flow_name(&f.kind),
        authorization_url: url(Field::AuthorizationUrl, f.authorization_url.as_ref(), out),
        token_url: url(Field::TokenUrl, f.token_url.as_ref(), out),
        refresh_url: url(Field::RefreshUrl, f.refresh_url.as_ref(), out),
        request_token_url: url(Field::RequestTokenUrl, f.request_token_url.as_ref(), out),
        scopes: Vec::new(),
    };
    url(Field::DeviceAuthorizationUrl, f.device_authorization_url.as_ref(), out);
    // What the target needs of the flow.
    let mut missing = Vec::new();
    if f.kind.needs_authorization_url() && ctx.authorization_url.is_none() && f.authorization_url.is_none() {
        missing.push("authorization URL");
    }
    if f.kind.needs_token_url() && ctx.token_url.is_none() && f.token_url.is_none() {
        missing.push("token URL");
    }
    if f.kind == FlowKind::OAuth1 && f.request_token_url.is_none() && has(Field::RequestTokenUrl) {
        missing.push("request token URL");
    }
    if !missing.is_empty() {
        out.push(
            Diagnostic::error(
                codes::MISSING_INPUT,
                format!(
                    "the {} flow of `{}` has no {}, which the `{}` target needs",
                    f.kind.label(),
                    config.name,
                    missing.join(" or "),
                    target.name
                ),
                f.kind_span,
            )
            .with_label("this flow")
            .with_help("add the endpoint to the source"),
        );
    }
    // Scopes: declared, then requested ones not declared.
    if has(Field::DeclaredScopes) {
        if let Some(set) = &f.scopes {
            for s in &set.entries {
                ctx.scopes.push(ScopeContext {
                    name: s.name.value.clone(),
                    description: s.description.clone().unwrap_or_default(),
                });
            }
        }
        for r in requested {
            if !ctx.scopes.iter().any(|s| &s.name == r) {
                ctx.scopes.push(ScopeContext { name: r.clone(), description: String::new() });
            }
        }
    } else if let Some(set) = &f.scopes {
        let lost: Vec<&str> =
            set.entries.iter().map(|s| s.name.value.as_str()).filter(|n| !requested.iter().any(|r| r == n)).collect();
        if !lost.is_empty() {
            out.push(not_expressible(target, format!("the declared scopes {}", lost.join(", ")), set.span, why));
        }
    }
    ctx
}

/// Reports every value of a flow the target (which carries no flows) leaves out.
fn report_flow_fields(target: &Target, f: &Flow, requested: &[String], out: &mut Vec<Diagnostic>) {
    for (name, u) in f.urls() {
        out.push(not_expressible(target, format!("the {name} `{}`", u.raw), u.span, target.elsewhere));
    }
    if let Some(set) = &f.scopes {
        let lost: Vec<&str> =
            set.entries.iter().map(|s| s.name.value.as_str()).filter(|n| !requested.iter().any(|r| r == n)).collect();
        if !lost.is_empty() {
            out.push(not_expressible(
                target,
                format!("the declared scopes {}", lost.join(", ")),
                set.span,
                target.elsewhere,
            ));
        }
    }
}

fn credential(c: Option<&Credential>, may_inline: bool, _options: &BuildOptions) -> CredentialContext {
    let Some(c) = c else { return CredentialContext::default() };
    match &c.value {
        CredentialValue::Literal(s) => {
            if let Some(name) = whole_placeholder(s.expose()) {
                return CredentialContext { literal: None, reference: Some(name) };
            }
            if s.expose().trim().is_empty() {
                return CredentialContext::default();
            }
            CredentialContext { literal: may_inline.then(|| s.expose().to_string()), reference: None }
        }
        CredentialValue::EnvVar(n) | CredentialValue::Parameter(n) | CredentialValue::UnresolvedPlaceholder(n) => {
            let name = n.rsplit('.').next().unwrap_or(n).trim().to_string();
            CredentialContext { literal: None, reference: (!name.is_empty()).then_some(name) }
        }
        CredentialValue::PlatformManaged(_) => CredentialContext::default(),
    }
}

/// `NAME` of a value that is exactly `{{NAME}}` or `${NAME}`.
pub fn whole_placeholder(s: &str) -> Option<String> {
    let t = s.trim();
    let inner = t
        .strip_prefix("{{")
        .and_then(|r| r.strip_suffix("}}"))
        .or_else(|| t.strip_prefix("${").and_then(|r| r.strip_suffix('}')))?
        .trim();
    (!inner.is_empty() && inner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.'))
        .then(|| inner.to_string())
}

/// Keboola's `auth_url`: the provider URL plus the OAuth Manager's placeholders.
fn keboola_auth_url(provider: &str, protocol: ProtocolKind, extra: &[ParamContext], scopes: &[String]) -> String {
    let (base, mut params) = urls::split_query(provider);
    let p = |k: &str, v: &str| (k.to_string(), v.to_string());
    if protocol == ProtocolKind::OAuth1 {
        params.push(p("oauth_token", "%%oauth_token%%"));
        return urls::join_query(base, &params);
    }
    params.push(p("response_type", "code"));
    params.push(p("client_id", "%%app_key%%"));
    params.push(p("redirect_uri", "%%redirect_uri%%"));
    for e in extra {
        params.push((urls::encode(&e.name), urls::encode(&e.value)));
    }
    if !scopes.is_empty() {
        params.push(p("scope", &urls::encode(&scopes.join(" "))));
    }
    params.push(p("state", "%%hash%%"));
    urls::join_query(base, &params)
}

/// Lowercase kebab case.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "oauth".to_string()
    } else {
        out
    }
}

/// The key of a flow under OpenAPI 3's `flows` object (`authorizationCode`).
pub fn openapi3_flow_key(k: &FlowKind) -> &'static str {
    match k {
        FlowKind::AuthorizationCode => "authorizationCode",
        FlowKind::ClientCredentials => "clientCredentials",
        FlowKind::Password => "password",
        FlowKind::Implicit => "implicit",
        FlowKind::DeviceAuthorization => "deviceAuthorization",
        FlowKind::OAuth1 => "oauth1",
    }
}

/// The name of a flow in Swagger 2.0's `flow` field (`accessCode`).
pub fn swagger2_flow_name(k: &FlowKind) -> &'static str {
    match k {
        FlowKind::AuthorizationCode => "accessCode",
        FlowKind::ClientCredentials => "application",
        FlowKind::Password => "password",
        FlowKind::Implicit => "implicit",
        FlowKind::DeviceAuthorization => "deviceAuthorization",
        FlowKind::OAuth1 => "oauth1",
    }
}

fn protocol_label(p: ProtocolKind) -> &'static str {
    match p {
        ProtocolKind::OAuth2 => "OAuth 2.0",
        ProtocolKind::OAuth1 => "OAuth 1.0a",
        ProtocolKind::Facebook => "OAuth 2.0 (Facebook)",
    }
}

fn protocols_label(ps: &[ProtocolKind]) -> String {
    ps.iter().map(|p| protocol_label(*p)).collect::<Vec<_>>().join(" and ")
}

fn flows_label(fs: &[FlowKind]) -> String {
    fs.iter().map(FlowKind::label).collect::<Vec<_>>().join(", ")
}

fn client_auth_label(l: ClientAuthLocation) -> &'static str {
    match l {
        ClientAuthLocation::Header => "in the `Authorization` header",
        ClientAuthLocation::Body => "in the request body",
        ClientAuthLocation::Both => "in both header and body",
    }
}

fn pkce_label(p: Pkce) -> &'static str {
    match p {
        Pkce::Disabled => "off",
        Pkce::Plain => "plain",
        Pkce::S256 => "S256",
        Pkce::Enabled => "on",
    }
}

fn param_target_label(t: ParamTarget) -> &'static str {
    match t {
        ParamTarget::Authorize => "authorization-request",
        ParamTarget::Token => "token-request",
        ParamTarget::Refresh => "refresh-request",
        ParamTarget::Both => "token- and refresh-request",
    }
}

/// Whether an extra parameter's name says its value is a credential (`client_secret`, `password`,
/// `refresh_token`, `api_key`...): such values are copied only with `--inline-secrets`.
fn secret_param(name: &str) -> bool {
    let n: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    n.contains("secret")
        || n.contains("password")
        || n.contains("passwd")
        || n.contains("apikey")
        || n.contains("privatekey")
        || n.ends_with("token")
        || n == "assertion"
        || n == "clientassertion"
        || n == "code"
}
