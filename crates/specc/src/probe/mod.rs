//! `specc probe`: run a configuration against its live authorization server the way the platform
//! will, and report each step, with every problem the server reveals as a diagnostic at the span
//! of the configuration value that causes it (codes `probe/…`).
//!
//! Steps: discovery (RFC 8414 and OpenID Connect metadata, compared with the configuration), the
//! authorization request as the platform builds it, the authorization response on a loopback
//! redirect URI, the token exchange, and the refresh. `--grant client_credentials` runs that grant
//! instead of the last four.
//!
//! Nothing here prints: the caller gets a [`ProbeReport`] and sinks for request logs and for the
//! URL the user must open. Every string that leaves goes through [`redact::Redactor`].

pub mod cli;
pub mod http;
pub mod listen;
pub mod mock;
pub mod output;
pub mod plan;
pub mod redact;

use std::path::PathBuf;
use std::time::Duration;

use specc_diagnostics::{Diagnostic, Severity, Span};
use specc_rules::rules::probe as codes;

use self::http::{Http, HttpError, HttpResponse, LogSink};
use self::plan::{Grant, Inputs, Plan, RedirectOrigin};
use self::redact::Redactor;
use crate::driver::UnitReport;

pub use self::plan::Grant as ProbeGrant;

/// How one step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    Skip,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Skip => "skip",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Step {
    pub name: &'static str,
    pub status: Status,
    /// What the server answered (redacted).
    pub detail: String,
}

/// Looks up an environment variable by name.
pub type Lookup = Box<dyn Fn(&str) -> Option<String>>;

/// Opens a URL for the user (a browser); tests pass one that signs in over HTTP.
pub type Opener = Box<dyn FnMut(&str) -> std::io::Result<()>>;

/// What to probe and how.
pub struct ProbeOptions {
    pub path: PathBuf,
    pub scheme: Option<String>,
    pub issuer: Option<String>,
    pub inputs: Inputs,
    /// Looks up environment variables a configuration names (`--env-file`, then the environment).
    pub lookup: Lookup,
    /// Build the authorization URL, hand it to `notice`, and stop.
    pub print_authorize_url: bool,
    pub open: Option<Opener>,
    /// Timeout of each HTTP request.
    pub timeout: Duration,
    /// How long to wait for the browser to come back to a loopback redirect URI.
    pub login_timeout: Duration,
    /// Request log (`-v`), already redacted.
    pub log: Option<LogSink>,
    /// Messages for the user while the probe runs ("open this URL"), already redacted.
    pub notice: Box<dyn FnMut(&str)>,
}

/// The outcome of a probe.
#[derive(Debug)]
pub struct ProbeReport {
    /// The checked unit (for rendering diagnostics against its files).
    pub unit: UnitReport,
    pub config_name: String,
    pub steps: Vec<Step>,
    pub diagnostics: Vec<Diagnostic>,
    /// A server could not be reached at all (exit code 2).
    pub unreachable: bool,
    /// The authorization URL, with `--print-authorize-url`.
    pub authorize_url: Option<String>,
    pub redactor: Redactor,
}

impl ProbeReport {
    pub fn failed(&self) -> bool {
        self.steps.iter().any(|s| s.status == Status::Fail)
    }

    /// Whether a finding at or above `level` exists.
    pub fn has_finding(&self, level: Option<Severity>) -> bool {
        level.is_some_and(|l| self.diagnostics.iter().any(|d| d.severity >= l))
    }
}

/// Why a probe could not start: a usage error (exit code 2).
#[derive(Debug, Clone)]
pub struct ProbeError {
    pub message: String,
    /// The client secret is missing: the caller may prompt for it and try again.
    pub needs_secret: bool,
}

impl ProbeError {
    fn new(message: impl Into<String>) -> Self {
        ProbeError { message: message.into(), needs_secret: false }
    }
}

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Server metadata, RFC 8414 merged with OpenID Connect Discovery.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub doc: serde_json::Map<String, serde_json::Value>,
    pub issuer: Option<String>,
}

impl Metadata {
    fn str(&self, key: &str) -> Option<&str> {
        self.doc.get(key).and_then(|v| v.as_str())
    }

    fn list(&self, key: &str) -> Option<Vec<&str>> {
        self.doc.get(key).and_then(|v| v.as_array()).map(|a| a.iter().filter_map(|v| v.as_str()).collect())
    }
}

struct Run {
    http: Http,
    plan: Plan,
    steps: Vec<Step>,
    diagnostics: Vec<Diagnostic>,
    unreachable: bool,
    redactor: Redactor,
}

impl Run {
    fn step(&mut self, name: &'static str, status: Status, detail: impl AsRef<str>) {
        let detail = self.redactor.redact(detail.as_ref());
        self.steps.push(Step { name, status, detail });
    }

    fn diag(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }
}

/// Runs a probe.
pub fn probe(mut options: ProbeOptions) -> Result<ProbeReport, ProbeError> {
    let (unit, config) =
        crate::build::pick(&options.path, options.scheme.as_deref()).map_err(|e| ProbeError::new(e.to_string()))?;
    let redactor = Redactor::new();
    for (_, value) in &unit.secrets {
        redactor.add(value);
    }
    if let Some(s) = &options.inputs.client_secret {
        redactor.add(s);
    }
    let requirement_scopes: Vec<(String, Span)> = unit
        .result
        .as_ref()
        .map(|l| {
            l.ir.requirements
                .iter()
                .filter(|r| r.scheme.value == config.name && r.location == "root")
                .flat_map(|r| r.scopes.iter().map(|s| (s.value.clone(), s.span)))
                .collect()
        })
        .unwrap_or_default();
    let plan = plan::make_plan(&config, &options.inputs, &requirement_scopes, &*options.lookup)
        .map_err(|e| ProbeError { message: e.message, needs_secret: e.needs_secret })?;
    if let Some(s) = &plan.client_secret {
        redactor.add(s);
    }
    if let Some(r) = &plan.redirect {
        if r.origin == RedirectOrigin::Flag {
            http::allowed(&r.uri).map_err(|e| ProbeError::new(format!("--redirect-uri: {e}")))?;
        }
    }
    let log = options.log.take();
    let mut run = Run {
        http: Http::new(options.timeout, redactor.clone(), log),
        plan,
        steps: Vec::new(),
        diagnostics: Vec::new(),
        unreachable: false,
        redactor: redactor.clone(),
    };
    let metadata = discovery(&mut run, options.issuer.as_deref(), &config);
    let mut authorize_url = None;
    match run.plan.grant {
        Grant::ClientCredentials => client_credentials(&mut run, metadata.as_ref()),
        Grant::AuthorizationCode => {
            authorize_url = authorization_code(&mut run, metadata.as_ref(), &mut options);
        }
    }
    let mut diagnostics = run.diagnostics;
    for d in &mut diagnostics {
        redact_diagnostic(&redactor, d);
    }
    specc_diagnostics::sort_diagnostics(&mut diagnostics);
    diagnostics.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    Ok(ProbeReport {
        unit,
        config_name: config.name.clone(),
        steps: run.steps,
        diagnostics,
        unreachable: run.unreachable,
        authorize_url,
        redactor,
    })
}

fn redact_diagnostic(r: &Redactor, d: &mut Diagnostic) {
    d.message = r.redact(&d.message);
    for t in [&mut d.label, &mut d.help, &mut d.note].into_iter().flatten() {
        *t = r.redact(t);
    }
    for l in &mut d.secondary {
        l.message = r.redact(&l.message);
    }
}

// ---------------------------------------------------------------------------------------------
// Discovery

/// The issuer to discover: `--issuer`, else the metadata URL's issuer, else the origin of the
/// authorization (or token) URL.
fn issuer_candidates(explicit: Option<&str>, config: &specc_ir::AuthConfig, plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    let well_known = |issuer: &str| -> Vec<String> {
        let Ok(u) = url::Url::parse(issuer) else { return Vec::new() };
        let origin = u.origin().ascii_serialization();
        let path = u.path().trim_end_matches('/');
        vec![
            // RFC 8414 §3.1: the well-known segment goes between host and path.
            format!("{origin}/.well-known/oauth-authorization-server{path}"),
            // OpenID Connect Discovery §4: appended to the issuer.
            format!("{origin}{path}/.well-known/openid-configuration"),
        ]
    };
    if let Some(i) = explicit {
        return well_known(i);
    }
    if let Some(m) = &config.metadata_url {
        let m = m.effective();
        if m.contains("/.well-known/") {
            out.push(m.to_string());
        } else {
            out.extend(well_known(m));
        }
    }
    for u in [&plan.authorization_url, &plan.token_url].into_iter().flatten() {
        if let Ok(parsed) = url::Url::parse(&u.0) {
            for c in well_known(&parsed.origin().ascii_serialization()) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

fn discovery(run: &mut Run, explicit_issuer: Option<&str>, config: &specc_ir::AuthConfig) -> Option<Metadata> {
    let candidates = issuer_candidates(explicit_issuer, config, &run.plan);
    let mut meta = Metadata::default();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for url in &candidates {
        match run.http.get(url, "application/json") {
            Ok(r) if r.status == 200 => match r.json() {
                Some(serde_json::Value::Object(doc)) => {
                    for (k, v) in doc {
                        meta.doc.entry(k).or_insert(v);
                    }
                    found.push(url.clone());
                }
                _ => missing.push(format!("{url}: {} but not a JSON object", r.status)),
            },
            Ok(r) => missing.push(format!("{url}: {}", r.status)),
            Err(HttpError::Refused(m)) => missing.push(m),
            Err(HttpError::Transport(m)) => {
                run.unreachable = true;
                run.step("discovery", Status::Fail, format!("{url}: {m}"));
                return None;
            }
        }
    }
    if found.is_empty() {
        let why = if missing.is_empty() { "no issuer to discover".to_string() } else { missing.join("; ") };
        run.step("discovery", Status::Skip, format!("no metadata ({why}); pass --issuer URL if the server has it"));
        return None;
    }
    meta.issuer = meta.str("issuer").map(str::to_string);
    if let (Some(expected), Some(got)) = (explicit_issuer, meta.issuer.as_deref()) {
        if expected.trim_end_matches('/') != got.trim_end_matches('/') {
            let span = run
                .plan
                .authorization_url
                .as_ref()
                .or(run.plan.token_url.as_ref())
                .map_or(run.plan.config_span, |u| u.1);
            run.diag(
                Diagnostic::error(
                    codes::RESPONSE_MISMATCH,
                    format!("the metadata's issuer `{got}` is not the issuer `{expected}` it was fetched for"),
                    span,
                )
                .with_note("RFC 8414 §3.3: the issuer in the metadata must be identical to the issuer the client used"),
            );
        }
    }
    let before = run.diagnostics.len();
    compare_metadata(run, &meta);
    let n = run.diagnostics.len() - before;
    let detail = format!(
        "{} (issuer {}){}",
        found.join(", "),
        meta.issuer.as_deref().unwrap_or("not named"),
        if n == 0 { String::new() } else { format!("; {n} finding(s)") }
    );
    let status = if run.diagnostics[before..].iter().any(|d| d.severity == Severity::Error) {
        Status::Fail
    } else {
        Status::Pass
    };
    run.step("discovery", status, detail);
    Some(meta)
}

/// Scheme, host, port and path of a URL (no query, no trailing slash), for comparing endpoints.
fn endpoint_key(u: &str) -> Option<String> {
    let u = url::Url::parse(u).ok()?;
    Some(format!("{}{}", u.origin().ascii_serialization(), u.path().trim_end_matches('/')))
}

fn compare_metadata(run: &mut Run, meta: &Metadata) {
    let plan = run.plan.clone();
    let mut out = Vec::new();
    // Endpoints.
    let endpoints = [
        ("authorization URL", "authorization_endpoint", &plan.authorization_url),
        ("token URL", "token_endpoint", &plan.token_url),
    ];
    for (what, key, configured) in endpoints {
        let (Some((url, span)), Some(published)) = (configured, meta.str(key)) else { continue };
        if plan.grant == Grant::ClientCredentials && key == "authorization_endpoint" {
            continue;
        }
        let mine = if plan.url_template { url.split('?').next().unwrap_or(url).to_string() } else { url.clone() };
        if let (Some(a), Some(b)) = (endpoint_key(&mine), endpoint_key(published)) {
            if a != b {
                out.push(
                    Diagnostic::warning(
                        codes::ENDPOINT_MISMATCH,
                        format!("the {what} is not the server's published `{key}` `{published}`"),
                        *span,
                    )
                    .with_label(format!("server publishes {published}"))
                    .with_help(format!("use `{published}`")),
                );
            }
        }
    }
    // Client authentication.
    if let Some(methods) = meta.list("token_endpoint_auth_methods_supported") {
        let method = plan.auth_method();
        let ok = match (plan.client_secret.is_some(), plan.client_auth) {
            (true, specc_ir::ClientAuthLocation::Both) => {
                methods.contains(&"client_secret_basic") || methods.contains(&"client_secret_post")
            }
            _ => methods.contains(&method),
        };
        if !ok {
            let instead = match methods.iter().find(|m| m.starts_with("client_secret_")) {
                Some(&"client_secret_basic") => " Send the credentials in the Authorization header (HTTP Basic).",
                Some(&"client_secret_post") => " Send the credentials as form parameters in the request body.",
                _ => "",
            };
            out.push(
                Diagnostic::error(
                    codes::CLIENT_AUTH_UNSUPPORTED,
                    format!(
                        "the configuration authenticates the client with `{method}`, which the server does not list in token_endpoint_auth_methods_supported ({})",
                        methods.join(", ")
                    ),
                    plan.client_auth_blame(),
                )
                .with_label(format!("`{method}`"))
                .with_help(format!("use one of the server's methods.{instead}")),
            );
        }
    }
    // PKCE.
    let pkce_methods = meta.list("code_challenge_methods_supported");
    if plan.grant == Grant::AuthorizationCode {
        match (plan.pkce, &pkce_methods) {
            (Some(m), Some(list)) if !list.contains(&m) => out.push(
                Diagnostic::error(
                    codes::PKCE_UNSUPPORTED,
                    format!("the configuration sends PKCE with `{m}`, which is not in the server's code_challenge_methods_supported ({})", list.join(", ")),
                    plan.pkce_span,
                )
                .with_help("use S256"),
            ),
            (None, Some(list)) if plan.pkce_disabled_explicitly && !list.is_empty() => out.push(
                Diagnostic::warning(
                    codes::PKCE_DISABLED,
                    format!("the server supports PKCE ({}) but the configuration switches it off", list.join(", ")),
                    plan.pkce_span,
                )
                .with_help("turn PKCE on (S256): it protects the authorization code (RFC 9700 §2.1.1)"),
            ),
            _ => {}
        }
    }
    // Scopes.
    if let (Some(supported), Some(scope)) = (meta.list("scopes_supported"), &plan.scope) {
        let mut reported_delimiter = false;
        for (item, span) in &plan.scope_items {
            if supported.contains(&item.as_str()) {
                continue;
            }
            let parts: Vec<&str> = item.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()).collect();
            if parts.len() > 1 && parts.iter().all(|p| supported.contains(p)) {
                if !reported_delimiter {
                    reported_delimiter = true;
                    out.push(
                        Diagnostic::error(
                            codes::SCOPE_DELIMITER,
                            format!("the scope parameter `{scope}` joins scopes with `{}`; the server reads `{item}` as one unknown scope", if item.contains(',') { "," } else { ";" }),
                            plan.scope_span,
                        )
                        .with_label("one scope to the server")
                        .with_help(format!("separate scopes with spaces: `{}`", scope.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")))
                        .with_note("RFC 6749 §3.3: the scope parameter is a list of space-delimited strings"),
                    );
                }
                continue;
            }
            out.push(
                Diagnostic::warning(
                    codes::SCOPE_UNSUPPORTED,
                    format!("the scope `{item}` is not in the server's scopes_supported"),
                    *span,
                )
                .with_label("not published by the server")
                .with_help(format!("the server publishes: {}", supported.join(" "))),
            );
        }
    }
    // Grant types (RFC 8414 §2: omitted means authorization_code and implicit).
    let grants = meta.list("grant_types_supported").unwrap_or_else(|| vec!["authorization_code", "implicit"]);
    if !grants.contains(&plan.grant.as_str()) {
        out.push(
            Diagnostic::error(
                codes::GRANT_UNSUPPORTED,
                format!(
                    "the server does not list the `{}` grant in grant_types_supported ({})",
                    plan.grant.as_str(),
                    grants.join(", ")
                ),
                plan.flow_span,
            )
            .with_label("this flow"),
        );
    }
    let wants_refresh = plan.grant == Grant::AuthorizationCode
        && (plan.needs_refresh_token || plan.expects_refresh_token.is_some_and(|e| e.0));
    if wants_refresh && meta.doc.contains_key("grant_types_supported") && !grants.contains(&"refresh_token") {
        let span = plan.expects_refresh_token.map_or(plan.flow_span, |e| e.1);
        out.push(
            Diagnostic::error(
                codes::GRANT_UNSUPPORTED,
                "the platform refreshes tokens, but the server does not list `refresh_token` in grant_types_supported",
                span,
            )
            .with_note("connections will stop working when the first access token expires"),
        );
    }
    // Response types.
    if plan.grant == Grant::AuthorizationCode {
        if let Some(types) = meta.list("response_types_supported") {
            if !types.contains(&"code") {
                out.push(Diagnostic::error(
                    codes::RESPONSE_TYPE_UNSUPPORTED,
                    format!(
                        "the server does not support `response_type=code` (response_types_supported: {})",
                        types.join(", ")
                    ),
                    plan.flow_span,
                ));
            }
        }
    }
    for d in out {
        run.diag(d);
    }
}

// ---------------------------------------------------------------------------------------------
// OAuth errors

/// Which request an error answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Authorize,
    Token,
    Refresh,
    ClientCredentials,
}

/// The diagnostic for an OAuth error response, at the configuration value that causes it.
pub fn oauth_error(plan: &Plan, stage: Stage, error: &str, description: Option<&str>) -> Diagnostic {
    let said = match description {
        Some(d) if !d.is_empty() => format!("`{error}`: {d}"),
        _ => format!("`{error}`"),
    };
    let desc = description.unwrap_or("").to_ascii_lowercase();
    let endpoint_span = match stage {
        Stage::Authorize => plan.authorization_url.as_ref(),
        Stage::Refresh => plan.refresh_url.as_ref(),
        Stage::Token | Stage::ClientCredentials => plan.token_url.as_ref(),
    }
    .map_or(plan.config_span, |u| u.1);
    let where_ = match stage {
        Stage::Authorize => "the authorization request",
        Stage::Token => "the code exchange",
        Stage::Refresh => "the refresh",
        Stage::ClientCredentials => "the client credentials request",
    };
    let redirect_span = plan.redirect.as_ref().map_or(endpoint_span, |r| r.span);
    let redirect_uri = plan.redirect.as_ref().map(|r| r.uri.as_str()).unwrap_or("");
    let redirect_origin = match plan.redirect.as_ref().map(|r| &r.origin) {
        Some(RedirectOrigin::Flag) => " (from --redirect-uri)",
        Some(RedirectOrigin::Platform(_)) => " (the platform's callback)",
        _ => "",
    };
    match error {
        "invalid_client" => Diagnostic::error(
            codes::INVALID_CLIENT,
            format!("the server rejected the client's authentication in {where_}: {said}"),
            plan.client_auth_blame(),
        )
        .with_label(format!("sent as `{}`", plan.auth_method()))
        .with_help("check the client id and secret, and that the client authenticates the way it is registered (HTTP Basic header or form body)"),
        "invalid_scope" => Diagnostic::error(
            codes::INVALID_SCOPE,
            format!("the server rejected the scopes in {where_}: {said}"),
            if plan.scope.is_some() { plan.scope_span } else { endpoint_span },
        )
        .with_label(format!("sent as `scope={}`", plan.scope.as_deref().unwrap_or("")))
        .with_help("request only scopes the client is registered for, separated by spaces (RFC 6749 §3.3)"),
        "unauthorized_client" => Diagnostic::error(
            codes::UNAUTHORIZED_CLIENT,
            format!("the client is not allowed to use this flow ({where_}): {said}"),
            plan.flow_span,
        )
        .with_label(format!("`{}` grant", plan.grant.as_str()))
        .with_help("allow the grant in the client's registration at the provider, or use the flow the client is registered for"),
        "unsupported_grant_type" => Diagnostic::error(
            codes::GRANT_UNSUPPORTED,
            format!("the token endpoint does not support the grant of {where_}: {said}"),
            plan.flow_span,
        ),
        "unsupported_response_type" => Diagnostic::error(
            codes::RESPONSE_TYPE_UNSUPPORTED,
            format!("the server does not support `response_type=code`: {said}"),
            plan.flow_span,
        ),
        "invalid_redirect_uri" | "redirect_uri_mismatch" => redirect_rejected(&said, redirect_span, redirect_uri, redirect_origin),
        "invalid_request" if desc.contains("redirect_uri") => redirect_rejected(&said, redirect_span, redirect_uri, redirect_origin),
        "invalid_request" | "invalid_grant" if stage == Stage::Authorize && (desc.contains("pkce") || desc.contains("code_challenge")) => {
            if plan.pkce.is_none() {
                Diagnostic::error(
                    codes::PKCE_REQUIRED,
                    format!("the server requires PKCE and the configuration does not send it: {said}"),
                    plan.pkce_span,
                )
                .with_help("turn PKCE on (S256)")
            } else {
                Diagnostic::error(
                    codes::PKCE_UNSUPPORTED,
                    format!("the server rejected the PKCE challenge: {said}"),
                    plan.pkce_span,
                )
                .with_help("use S256")
            }
        }
        "invalid_grant" if stage == Stage::Token => {
            let pkce_related = desc.contains("verifier") || desc.contains("pkce") || desc.contains("code_challenge");
            if pkce_related {
                Diagnostic::error(
                    codes::INVALID_GRANT,
                    format!("the token endpoint rejected the code: the PKCE verifier does not match ({said})"),
                    plan.pkce_span,
                )
                .with_help("the verifier of the token request must be the one whose challenge went with the authorization request")
            } else {
                Diagnostic::error(
                    codes::INVALID_GRANT,
                    format!("the token endpoint rejected the code: {said}"),
                    redirect_span,
                )
                .with_label(format!("redirect_uri={redirect_uri}{redirect_origin}"))
                .with_help("the token request must carry the same redirect URI as the authorization request, and a code is usable once, shortly after it was issued")
            }
        }
        "invalid_grant" => Diagnostic::error(
            codes::INVALID_GRANT,
            format!("the server rejected {where_}: {said}"),
            endpoint_span,
        ),
        _ => Diagnostic::error(codes::SERVER_ERROR, format!("the server answered {where_} with {said}"), endpoint_span),
    }
}

fn redirect_rejected(said: &str, span: Span, uri: &str, origin: &str) -> Diagnostic {
    let mut d = Diagnostic::error(
        codes::REDIRECT_URI_REJECTED,
        format!("the server rejected the redirect URI `{uri}`{origin}: {said}"),
        span,
    )
    .with_label(format!("sent as `{uri}`"))
    .with_help("register the redirect URI at the provider byte for byte as the platform sends it (scheme, host, port, path, trailing slash)");
    if uri.ends_with('/') {
        d = d.with_note("the URI ends with `/`; servers compare redirect URIs as exact strings");
    }
    d
}

/// Finds an OAuth error code in an HTML or text error page.
fn error_in_page(body: &str) -> Option<(String, Option<String>)> {
    const KNOWN: &[&str] = &[
        "invalid_redirect_uri",
        "redirect_uri_mismatch",
        "invalid_client",
        "unauthorized_client",
        "invalid_scope",
        "unsupported_response_type",
        "invalid_request",
        "access_denied",
        "server_error",
        "temporarily_unavailable",
    ];
    let text = strip_tags(body);
    let error = KNOWN.iter().find(|k| text.contains(*k))?;
    let description = text.find("error_description").map(|i| {
        let rest = text[i + "error_description".len()..].trim_start_matches([':', ' ', '=']);
        rest.lines().next().unwrap_or("").trim().chars().take(300).collect::<String>()
    });
    Some((error.to_string(), description.filter(|d| !d.is_empty())))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push('\n');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    // Join "error\n: invalid_x" into one line.
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" error_description", "\nerror_description")
}

/// The error of a JSON error response (RFC 6749 §5.2).
fn json_error(r: &HttpResponse) -> Option<(String, Option<String>)> {
    let v = r.json()?;
    let e = v.get("error")?.as_str()?.to_string();
    let d = v.get("error_description").and_then(|d| d.as_str()).map(str::to_string);
    Some((e, d))
}

// ---------------------------------------------------------------------------------------------
// The flows

fn random_b64(n: usize) -> String {
    use base64::Engine as _;
    use ring::rand::SecureRandom as _;
    let mut buf = vec![0u8; n];
    // The system RNG failing is not recoverable in a meaningful way; fall back to time-seeded bytes
    // would be insecure, so an all-zero buffer is avoided by mixing in the clock and the address.
    if ring::rand::SystemRandom::new().fill(&mut buf).is_err() {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (t >> ((i % 16) * 8)) as u8 ^ (i as u8);
        }
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// The S256 challenge of a verifier (RFC 7636 §4.2).
pub fn s256(verifier: &str) -> String {
    use base64::Engine as _;
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.as_ref())
}

/// The authorization URL exactly as the platform builds it.
pub fn authorization_request(plan: &Plan, redirect: &str, state: &str, challenge: Option<&str>) -> String {
    let Some((base, _)) = &plan.authorization_url else { return String::new() };
    if plan.url_template {
        // Keboola's OAuth Broker fills the template itself.
        let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        return base
            .replace("%%app_key%%", &enc(&plan.client_id))
            .replace("%%client_id%%", &enc(&plan.client_id))
            .replace("%%redirect_uri%%", &enc(redirect))
            .replace("%%hash%%", &enc(state));
    }
    let mut u = match url::Url::parse(base) {
        Ok(u) => u,
        Err(_) => return base.clone(),
    };
    let existing: Vec<String> = u.query_pairs().map(|(k, _)| k.into_owned()).collect();
    {
        let mut q = u.query_pairs_mut();
        let mut add = |k: &str, v: &str| {
            if !existing.iter().any(|e| e == k) {
                q.append_pair(k, v);
            }
        };
        add("response_type", "code");
        add("client_id", &plan.client_id);
        add("redirect_uri", redirect);
        if let Some(s) = &plan.scope {
            add("scope", s);
        }
        add("state", state);
        if let (Some(c), Some(m)) = (challenge, plan.pkce) {
            add("code_challenge", c);
            add("code_challenge_method", m);
        }
        for (k, v) in &plan.extra_authorize {
            add(k, v);
        }
    }
    u.to_string()
}

fn redirect_matches(location: &str, redirect: &str) -> bool {
    match (url::Url::parse(location), url::Url::parse(redirect)) {
        (Ok(a), Ok(b)) => a.host_str() == b.host_str() && a.path() == b.path() && a.scheme() == b.scheme(),
        _ => false,
    }
}

fn authorization_code(run: &mut Run, meta: Option<&Metadata>, options: &mut ProbeOptions) -> Option<String> {
    let plan = run.plan.clone();
    let Some(redirect) = plan.redirect.clone() else {
        run.step(
            "authorization request",
            Status::Skip,
            "no redirect URI: the configuration names none and the platform has no fixed one; pass --redirect-uri",
        );
        run.step("authorization response", Status::Skip, "no authorization request");
        run.step("token exchange", Status::Skip, "no authorization code");
        run.step("refresh", Status::Skip, "no token");
        return None;
    };
    let state = random_b64(16);
    let verifier = plan.pkce.map(|_| random_b64(32));
    if let Some(v) = &verifier {
        run.redactor.add(v);
    }
    let challenge = match (&verifier, plan.pkce) {
        (Some(v), Some("S256")) => Some(s256(v)),
        (Some(v), _) => Some(v.clone()),
        _ => None,
    };
    let url = authorization_request(&plan, &redirect.uri, &state, challenge.as_deref());
    if options.print_authorize_url {
        let shown = run.redactor.redact(&url);
        run.step("authorization request", Status::Pass, format!("built {shown}"));
        for s in ["authorization response", "token exchange", "refresh"] {
            run.step(s, Status::Skip, "--print-authorize-url: not run");
        }
        return Some(shown);
    }
    // A loopback redirect URI is received here: listen before anything is sent.
    let parsed = url::Url::parse(&redirect.uri).ok();
    let loopback =
        parsed.as_ref().is_some_and(|u| u.scheme() == "http" && u.host_str().is_some_and(http::is_loopback_host));
    let listener = match parsed.as_ref().filter(|_| loopback).map(listen::Callback::bind) {
        None => None,
        Some(Ok(l)) => Some(l),
        Some(Err(e)) => {
            run.step("authorization request", Status::Fail, format!("cannot listen on {}: {e}", redirect.uri));
            run.unreachable = true;
            return None;
        }
    };
    // The request as the browser will send it, without following the sign-in.
    let mut redirect_error = None;
    match run.http.get(&url, "text/html") {
        Err(HttpError::Transport(m)) => {
            run.unreachable = true;
            run.step(
                "authorization request",
                Status::Fail,
                format!("{}: {m}", plan.authorization_url.as_ref().map_or("", |u| u.0.as_str())),
            );
            return None;
        }
        Err(HttpError::Refused(m)) => {
            run.step("authorization request", Status::Fail, m);
            return None;
        }
        Ok(r) if (300..400).contains(&r.status) => {
            let loc = r.location.clone().unwrap_or_default();
            let abs = url::Url::parse(&url)
                .ok()
                .and_then(|b| b.join(&loc).ok())
                .map(|u| u.to_string())
                .unwrap_or(loc.clone());
            if redirect_matches(&abs, &redirect.uri)
                || url::Url::parse(&abs)
                    .is_ok_and(|u| u.query_pairs().any(|(k, _)| k == "error") && !same_origin(&abs, &url))
            {
                let params: Vec<(String, String)> =
                    url::Url::parse(&abs).map(|u| u.query_pairs().into_owned().collect()).unwrap_or_default();
                let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                if let Some(e) = get("error") {
                    redirect_error = Some((e, get("error_description")));
                } else {
                    run.step(
                        "authorization request",
                        Status::Pass,
                        format!("{}: the server approved at once, without asking the user", r.status),
                    );
                }
            } else {
                run.step(
                    "authorization request",
                    Status::Pass,
                    format!(
                        "{}: the server accepted the request and asks the user to sign in (→ {})",
                        r.status,
                        short(&abs)
                    ),
                );
            }
        }
        Ok(r) if r.status < 300 => {
            run.step("authorization request", Status::Pass, format!("{}: the server shows its sign-in page", r.status));
        }
        Ok(r) => {
            let err = json_error(&r).or_else(|| error_in_page(&r.body));
            redirect_error = Some(err.unwrap_or_else(|| (format!("HTTP {}", r.status), None)));
        }
    }
    if let Some((e, d)) = redirect_error {
        let diag = oauth_error(&plan, Stage::Authorize, &e, d.as_deref());
        run.step(
            "authorization request",
            Status::Fail,
            format!("the server refused it: {e}{}", d.map(|d| format!(": {d}")).unwrap_or_default()),
        );
        run.diag(diag);
        for s in ["authorization response", "token exchange", "refresh"] {
            run.step(s, Status::Skip, "the authorization request failed");
        }
        return None;
    }
    // Loopback: receive the response ourselves.
    let Some(listener) = listener else {
        (options.notice)(&format!(
            "Authorization URL (the platform's redirect URI cannot be received here):\n  {}",
            run.redactor.redact(&url)
        ));
        run.step(
            "authorization response",
            Status::Skip,
            format!(
                "the redirect URI `{}` is not loopback, so only the platform can receive the code; to run the token exchange, register http://127.0.0.1:PORT/callback at the provider and pass it with --redirect-uri",
                redirect.uri
            ),
        );
        run.step("token exchange", Status::Skip, "no authorization code");
        run.step("refresh", Status::Skip, "no token");
        return None;
    };
    (options.notice)(&format!(
        "Open this URL to sign in (waiting {} s for the redirect to {}):\n  {}",
        options.login_timeout.as_secs(),
        redirect.uri,
        run.redactor.redact(&url)
    ));
    if let Some(open) = options.open.as_mut() {
        if let Err(e) = open(&url) {
            (options.notice)(&format!("could not open a browser: {e}"));
        }
    }
    let params = match listener.wait(options.login_timeout) {
        Ok(Some(p)) => p,
        Ok(None) => {
            run.step(
                "authorization response",
                Status::Fail,
                format!("nothing came back to {} within {} s", redirect.uri, options.login_timeout.as_secs()),
            );
            run.step("token exchange", Status::Skip, "no authorization code");
            run.step("refresh", Status::Skip, "no token");
            return None;
        }
        Err(e) => {
            run.step("authorization response", Status::Fail, format!("listening on {}: {e}", redirect.uri));
            return None;
        }
    };
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    if let Some(code) = get("code") {
        run.redactor.add(&code);
    }
    run.http.log(&format!(
        "< redirect {}?{}",
        redirect.uri,
        params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    ));
    if let Some(e) = get("error") {
        let d = get("error_description");
        run.diag(oauth_error(&plan, Stage::Authorize, &e, d.as_deref()));
        run.step(
            "authorization response",
            Status::Fail,
            format!("error={e}{}", d.map(|d| format!(": {d}")).unwrap_or_default()),
        );
        run.step("token exchange", Status::Skip, "no authorization code");
        run.step("refresh", Status::Skip, "no token");
        return None;
    }
    let mut problems = Vec::new();
    if get("state").as_deref() != Some(state.as_str()) {
        problems.push("state does not match".to_string());
        run.diag(
            Diagnostic::error(
                codes::RESPONSE_MISMATCH,
                "the authorization response's `state` is not the one the request sent",
                redirect.span,
            )
            .with_note("RFC 6749 §10.12: the client must reject a response whose state it did not send"),
        );
    }
    let issuer = meta.and_then(|m| m.issuer.clone());
    let iss_required =
        meta.and_then(|m| m.doc.get("authorization_response_iss_parameter_supported")).and_then(|v| v.as_bool())
            == Some(true);
    match (get("iss"), &issuer) {
        (Some(got), Some(want)) if got != *want => {
            problems.push(format!("iss `{got}` is not the issuer `{want}`"));
            run.diag(
                Diagnostic::error(
                    codes::RESPONSE_MISMATCH,
                    format!("the authorization response's `iss` `{got}` is not the server's issuer `{want}`"),
                    plan.authorization_url.as_ref().map_or(plan.config_span, |u| u.1),
                )
                .with_note("RFC 9207 §2.4: a mix-up attack, or a configuration pointing at another server's endpoint"),
            );
        }
        (None, Some(_)) if iss_required => {
            problems.push("no iss though the server publishes authorization_response_iss_parameter_supported".into());
            run.diag(Diagnostic::error(
                codes::RESPONSE_MISMATCH,
                "the authorization response has no `iss` though the server says it sends one",
                plan.authorization_url.as_ref().map_or(plan.config_span, |u| u.1),
            ));
        }
        _ => {}
    }
    let Some(code) = get("code") else {
        run.step("authorization response", Status::Fail, "no code and no error in the response");
        return None;
    };
    if !problems.is_empty() {
        run.step("authorization response", Status::Fail, problems.join("; "));
        run.step("token exchange", Status::Skip, "the authorization response was rejected");
        run.step("refresh", Status::Skip, "no token");
        return None;
    }
    let iss_note = match get("iss") {
        Some(i) => format!(", iss {i} matches"),
        None => String::new(),
    };
    run.step("authorization response", Status::Pass, format!("code received, state matches{iss_note}"));

    // Token exchange.
    let mut form = vec![
        ("grant_type".to_string(), "authorization_code".to_string()),
        ("code".to_string(), code),
        ("redirect_uri".to_string(), redirect.uri.clone()),
    ];
    if let Some(v) = &verifier {
        form.push(("code_verifier".into(), v.clone()));
    }
    let tokens = token_request(run, Stage::Token, "token exchange", form);
    let Some(tokens) = tokens else {
        run.step("refresh", Status::Skip, "no token");
        return None;
    };
    refresh(run, &tokens);
    None
}

fn same_origin(a: &str, b: &str) -> bool {
    match (url::Url::parse(a), url::Url::parse(b)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin(),
        _ => false,
    }
}

fn short(u: &str) -> String {
    match url::Url::parse(u) {
        Ok(p) => format!("{}{}", p.origin().ascii_serialization(), p.path()),
        Err(_) => u.to_string(),
    }
}

/// Sends a token request; on success registers and returns the token response.
fn token_request(
    run: &mut Run,
    stage: Stage,
    name: &'static str,
    mut form: Vec<(String, String)>,
) -> Option<serde_json::Value> {
    let plan = run.plan.clone();
    let url = match stage {
        Stage::Refresh => plan.refresh_url.clone(),
        _ => plan.token_url.clone(),
    }
    .map(|u| u.0)
    .unwrap_or_default();
    let (auth_fields, basic) = plan.client_auth_parts();
    form.extend(auth_fields);
    let extra = match stage {
        Stage::Refresh => &plan.extra_refresh,
        _ => &plan.extra_token,
    };
    for (k, v) in extra {
        if !form.iter().any(|(n, _)| n == k) {
            form.push((k.clone(), v.clone()));
        }
    }
    let resp = run.http.post_form(&url, &form, basic.as_ref().map(|(u, p)| (u.as_str(), p.as_str())));
    let r = match resp {
        Ok(r) => r,
        Err(HttpError::Transport(m)) => {
            run.unreachable = true;
            run.step(name, Status::Fail, format!("{url}: {m}"));
            return None;
        }
        Err(HttpError::Refused(m)) => {
            run.step(name, Status::Fail, m);
            return None;
        }
    };
    let json = r.json();
    if let Some(v) = &json {
        for k in ["access_token", "refresh_token", "id_token"] {
            if let Some(t) = v.get(k).and_then(|t| t.as_str()) {
                run.redactor.add(t);
            }
        }
    }
    if r.status == 200 {
        if let Some(v) = json.filter(|v| v.get("access_token").and_then(|t| t.as_str()).is_some()) {
            let token_type = v.get("token_type").and_then(|t| t.as_str()).unwrap_or("(no token_type)");
            let expires = v.get("expires_in").map(|e| format!(", expires_in {e}")).unwrap_or_default();
            let scope = v.get("scope").and_then(|s| s.as_str());
            let refresh = if v.get("refresh_token").is_some() { "a refresh token" } else { "no refresh token" };
            run.step(
                name,
                Status::Pass,
                format!(
                    "200: {token_type} access token{expires}, scope `{}`, {refresh}",
                    scope.unwrap_or("(not stated)")
                ),
            );
            if let Some(granted) = scope {
                check_granted(run, granted);
            }
            return Some(v);
        }
        run.diag(Diagnostic::error(
            codes::SERVER_ERROR,
            format!("the token endpoint answered {name} with 200 but no access_token"),
            plan.token_url.as_ref().map_or(plan.config_span, |u| u.1),
        ));
        run.step(name, Status::Fail, "200 without an access_token");
        return None;
    }
    match json_error(&r) {
        Some((e, d)) => {
            run.diag(oauth_error(&plan, stage, &e, d.as_deref()));
            run.step(
                name,
                Status::Fail,
                format!("{}: {e}{}", r.status, d.map(|d| format!(": {d}")).unwrap_or_default()),
            );
        }
        None => {
            let span = plan.token_url.as_ref().map_or(plan.config_span, |u| u.1);
            run.diag(Diagnostic::error(
                codes::SERVER_ERROR,
                format!("the token endpoint answered {name} with HTTP {} and no OAuth error", r.status),
                span,
            ));
            let body: String = r.body.chars().take(200).collect();
            run.step(name, Status::Fail, format!("{}: {}", r.status, body.trim()));
        }
    }
    None
}

fn check_granted(run: &mut Run, granted: &str) {
    let plan = run.plan.clone();
    let granted: Vec<&str> = granted.split(' ').filter(|s| !s.is_empty()).collect();
    let missing: Vec<&(String, Span)> =
        plan.scope_items.iter().filter(|(s, _)| !granted.contains(&s.as_str())).collect();
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|(s, _)| s.as_str()).collect();
    let span = if missing.len() == 1 { missing[0].1 } else { plan.scope_span };
    run.diag(
        Diagnostic::warning(
            codes::SCOPE_NOT_GRANTED,
            format!(
                "the server did not grant {} (granted: `{}`)",
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                granted.join(" ")
            ),
            span,
        )
        .with_label("not granted"),
    );
}

fn refresh(run: &mut Run, tokens: &serde_json::Value) {
    let plan = run.plan.clone();
    let Some(rt) = tokens.get("refresh_token").and_then(|t| t.as_str()) else {
        let expected = plan.expects_refresh_token.filter(|e| e.0);
        if plan.needs_refresh_token || expected.is_some() {
            let why = if plan.needs_refresh_token {
                format!(
                    "{} refreshes every OAuth 2.0 connection",
                    match plan.dialect {
                        specc_ir::Dialect::ElasticIo => "elastic.io",
                        _ => "the platform",
                    }
                )
            } else {
                "the configuration says a refresh token comes".to_string()
            };
            let span = match expected {
                Some((_, s)) => s,
                None if plan.scope.is_some() => plan.scope_span,
                None => plan.flow_span,
            };
            // Needed by the platform: an error; only announced by the configuration: a warning, its own code.
            let (code, sev) = if plan.needs_refresh_token {
                (codes::NO_REFRESH_TOKEN, Severity::Error)
            } else {
                (codes::REFRESH_TOKEN_NOT_RETURNED, Severity::Warning)
            };
            run.diag(
                Diagnostic::new(code, sev, format!("the token response has no refresh token, and {why}"), span)
                    .with_help("ask for offline access: the `offline_access` scope with `prompt=consent` (OpenID Connect), or `access_type=offline` (Google)"),
            );
            run.step(
                "refresh",
                if sev == Severity::Error { Status::Fail } else { Status::Skip },
                format!("no refresh token came back; {why}"),
            );
        } else {
            run.step("refresh", Status::Skip, "no refresh token came back (the configuration does not need one)");
        }
        return;
    };
    let form =
        vec![("grant_type".to_string(), "refresh_token".to_string()), ("refresh_token".to_string(), rt.to_string())];
    let _ = token_request(run, Stage::Refresh, "refresh", form);
}

fn client_credentials(run: &mut Run, _meta: Option<&Metadata>) {
    let plan = run.plan.clone();
    let mut form = vec![("grant_type".to_string(), "client_credentials".to_string())];
    if let Some(s) = &plan.scope {
        form.push(("scope".into(), s.clone()));
    }
    let _ = token_request(run, Stage::ClientCredentials, "client credentials", form);
}

#[cfg(test)]
mod tests;
