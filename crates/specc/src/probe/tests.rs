//! Probe against the in-process mock server: the step logic and the mapping of each OAuth error to
//! the configuration value that causes it, without Node.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::mock::{MockConfig, MockServer};
use super::*;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("specc-probe-unit-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("component.json");
    std::fs::write(&p, text).unwrap();
    p
}

/// An elastic.io component pointing at the mock server.
fn component(issuer: &str, extra: &str) -> String {
    format!(
        r#"{{
  "title": "Mock CRM",
  "credentials": {{
    "fields": {{ "oauth": {{ "label": "Authentication", "viewClass": "OAuthFieldView", "required": true }} }},
    "oauth2": {{
      "client_id": "mock-client",
      "client_secret": "mock-secret-value",
      "auth_uri": "{issuer}/authorize",
      "token_uri": "{issuer}/token",
      "client_auth": "basic",
      "scopes": ["openid", "offline_access", "read"]{extra}
    }}
  }}
}}
"#
    )
}

struct ProbeRun {
    report: ProbeReport,
    log: Vec<String>,
}

fn run(path: PathBuf, inputs: Inputs) -> ProbeRun {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    let report = probe(ProbeOptions {
        path,
        scheme: None,
        issuer: None,
        inputs,
        lookup: Box::new(|_| None),
        print_authorize_url: false,
        open: None,
        timeout: Duration::from_secs(10),
        login_timeout: Duration::from_secs(10),
        log: Some(Box::new(move |l: &str| sink.lock().unwrap().push(l.to_string()))),
        notice: Box::new(|_| {}),
    })
    .unwrap();
    let log = lines.lock().unwrap().clone();
    ProbeRun { report, log }
}

fn loopback() -> Inputs {
    Inputs { redirect_uri: Some(format!("http://127.0.0.1:{}/callback", free_port())), ..Inputs::default() }
}

fn statuses(r: &ProbeReport) -> Vec<(&'static str, Status)> {
    r.steps.iter().map(|s| (s.name, s.status)).collect()
}

/// The codes of the findings, each checked to have its code's default severity.
fn codes(r: &ProbeReport) -> Vec<&'static str> {
    for d in &r.diagnostics {
        assert!(specc_rules::severity_allowed(d.code, d.severity), "{} reported as {:?}", d.code, d.severity);
    }
    r.diagnostics.iter().map(|d| d.code).collect()
}

/// The source text a diagnostic points at.
fn at(r: &ProbeReport, code: &str) -> String {
    let d = r.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no {code} in {:?}", codes(r)));
    let doc = r.unit.db.get(d.span.file).unwrap();
    doc.text[d.span.range()].to_string()
}

#[test]
fn a_correct_configuration_passes_every_step() {
    let server = MockServer::start(MockConfig::default()).unwrap();
    let o = run(write("ok", &component(server.issuer(), "")), loopback());
    assert_eq!(
        statuses(&o.report),
        [
            ("discovery", Status::Pass),
            ("authorization request", Status::Pass),
            ("authorization response", Status::Pass),
            ("token exchange", Status::Pass),
            ("refresh", Status::Pass),
        ],
        "{:#?}",
        o.report
    );
    assert!(o.report.diagnostics.is_empty(), "{:?}", o.report.diagnostics);
    assert!(!o.report.failed());
    // The log shows every request, and no credential.
    let log = o.log.join("\n");
    assert!(log.contains("POST"), "{log}");
    for secret in ["mock-secret-value", "mock-code-", "mock-access-token-", "mock-refresh-token-"] {
        assert!(!log.contains(secret), "`{secret}` in log:\n{log}");
    }
    let shown = output::human(&o.report, false) + &serde_json::to_string(&output::json(&o.report)).unwrap();
    for secret in ["mock-secret-value", "mock-access-token-", "mock-refresh-token-"] {
        assert!(!shown.contains(secret), "`{secret}` in output:\n{shown}");
    }
}

#[test]
fn wrong_secret_maps_to_client_authentication() {
    let server = MockServer::start(MockConfig::default()).unwrap();
    let inputs = Inputs { client_secret: Some("not-the-secret".into()), ..loopback() };
    let o = run(write("wrong-secret", &component(server.issuer(), "")), inputs);
    assert_eq!(codes(&o.report), ["probe/invalid-client"]);
    assert_eq!(at(&o.report, "probe/invalid-client"), "\"basic\"");
    assert!(o.report.failed());
    let token = o.report.steps.iter().find(|s| s.name == "token exchange").unwrap();
    assert_eq!(token.status, Status::Fail);
    assert!(token.detail.contains("invalid_client"), "{}", token.detail);
}

#[test]
fn unknown_scope_maps_to_the_scope() {
    let server = MockServer::start(MockConfig::default()).unwrap();
    let text = component(server.issuer(), "").replace(r#""read"]"#, r#""admin"]"#);
    let o = run(write("scope", &text), loopback());
    // Discovery warns at the scope; the server then refuses it.
    assert_eq!(at(&o.report, "probe/scope-unsupported"), "\"admin\"");
    assert!(codes(&o.report).contains(&"probe/invalid-scope"), "{:?}", codes(&o.report));
    assert!(at(&o.report, "probe/invalid-scope").starts_with('['));
}

#[test]
fn comma_joined_scopes_are_a_delimiter_problem() {
    let server = MockServer::start(MockConfig::default()).unwrap();
    let text = component(server.issuer(), "").replace(r#"["openid", "offline_access", "read"]"#, r#""openid,read""#);
    let o = run(write("comma", &text), loopback());
    assert_eq!(at(&o.report, "probe/scope-delimiter"), "\"openid,read\"");
    assert!(!codes(&o.report).contains(&"probe/scope-unsupported"));
}

#[test]
fn pkce_required_but_not_sent() {
    let server = MockServer::start(MockConfig { pkce_required: true, ..MockConfig::default() }).unwrap();
    let o = run(write("pkce", &component(server.issuer(), "")), loopback());
    assert!(codes(&o.report).contains(&"probe/pkce-required"), "{:?}", codes(&o.report));
    let auth = o.report.steps.iter().find(|s| s.name == "authorization request").unwrap();
    assert_eq!(auth.status, Status::Fail, "{}", auth.detail);
}

#[test]
fn trailing_slash_redirect_is_rejected_at_the_request() {
    let server = MockServer::start(MockConfig::default()).unwrap();
    let inputs =
        Inputs { redirect_uri: Some(format!("http://127.0.0.1:{}/callback/", free_port())), ..Inputs::default() };
    let o = run(write("slash", &component(server.issuer(), "")), inputs);
    assert_eq!(codes(&o.report), ["probe/redirect-uri-rejected"]);
    // elastic.io has no redirect URI field: the finding sits on the authorization URL.
    assert!(at(&o.report, "probe/redirect-uri-rejected").contains("/authorize"));
    let d = &o.report.diagnostics[0];
    assert!(d.note.as_deref().unwrap_or("").contains("ends with `/`"), "{d:?}");
}

#[test]
fn missing_refresh_token_is_an_error_for_elasticio() {
    let server = MockServer::start(MockConfig { issue_refresh_token: false, ..MockConfig::default() }).unwrap();
    let o = run(write("norefresh", &component(server.issuer(), "")), loopback());
    assert_eq!(codes(&o.report), ["probe/no-refresh-token"]);
    assert!(at(&o.report, "probe/no-refresh-token").starts_with("[\"openid\""));
    assert!(o.report.failed());
}

#[test]
fn missing_refresh_token_the_configuration_announces_is_a_warning() {
    let server = MockServer::start(MockConfig { issue_refresh_token: false, ..MockConfig::default() }).unwrap();
    let issuer = server.issuer();
    // A Membrane connector that says a refresh token comes (`noRefreshToken: false`); Membrane can run
    // without one, so its absence is the configuration's promise broken, not a dead connection.
    let spec = format!(
        "auth:\n  type: oauth2\n  getOAuthConfig:\n    type: mapping\n    mapping:\n      clientId: mock-client\n      \
         clientSecret: mock-secret-value\n      authorizeUri: {issuer}/authorize\n      tokenUri: {issuer}/token\n      \
         scopes: [openid, read]\n      clientAuthLocation: headers\n      noRefreshToken: false\n  makeApiClient:\n    \
         implementationType: mapping\n  test:\n    implementationType: javascript\n"
    );
    let path = write("announced-refresh", "{}").with_file_name("spec.yml");
    std::fs::remove_file(path.with_file_name("component.json")).unwrap();
    std::fs::write(&path, spec).unwrap();
    let o = run(path, loopback());
    assert_eq!(codes(&o.report), ["probe/refresh-token-not-returned"], "{:#?}", o.report.steps);
    let d = &o.report.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(at(&o.report, "probe/refresh-token-not-returned"), "false");
}

#[test]
fn client_auth_method_not_published() {
    let server =
        MockServer::start(MockConfig { auth_methods: vec!["client_secret_post".into()], ..MockConfig::default() })
            .unwrap();
    let o = run(write("authm", &component(server.issuer(), "")), loopback());
    assert!(codes(&o.report).contains(&"probe/client-auth-unsupported"), "{:?}", codes(&o.report));
    assert_eq!(at(&o.report, "probe/client-auth-unsupported"), "\"basic\"");
}

#[test]
fn error_mapping_for_token_errors() {
    for (error, code, span_starts) in [
        ("invalid_grant", "probe/invalid-grant", "\"http"),
        ("unauthorized_client", "probe/unauthorized-client", "\"oauth2\""),
        ("invalid_scope", "probe/invalid-scope", "["),
        ("server_error", "probe/server-error", "\"http"),
    ] {
        let server = MockServer::start(MockConfig {
            token_error: Some((error.into(), "scripted".into())),
            ..MockConfig::default()
        })
        .unwrap();
        let o = run(write(&format!("map-{error}"), &component(server.issuer(), "")), loopback());
        assert_eq!(codes(&o.report), [code], "{error}");
        let text = at(&o.report, code);
        assert!(text.starts_with(span_starts), "{error}: {text}");
    }
}

#[test]
fn client_credentials_grant() {
    let server = MockServer::start(MockConfig::default()).unwrap();
    let text = component(server.issuer(), "").replace(r#"["openid", "offline_access", "read"]"#, r#"["read"]"#);
    let inputs = Inputs { grant: Some(Grant::ClientCredentials), ..Inputs::default() };
    let o = run(write("cc", &text), inputs);
    assert_eq!(
        statuses(&o.report),
        [("discovery", Status::Pass), ("client credentials", Status::Pass)],
        "{:#?}",
        o.report
    );
}

#[test]
fn unreachable_server() {
    let port = free_port();
    let text = component(&format!("http://127.0.0.1:{port}"), "");
    let o = run(write("down", &text), loopback());
    assert!(o.report.unreachable);
    assert_eq!(o.report.steps[0].status, Status::Fail);
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let text = component("http://login.example.com", "");
    let o = run(write("remote-http", &text), loopback());
    assert!(!o.report.unreachable);
    // Nothing was sent: discovery was refused and the authorization request too.
    assert!(o.log.iter().all(|l| !l.starts_with("> ")), "{:?}", o.log);
    assert_eq!(o.report.steps[1].status, Status::Fail);
}

#[test]
fn authorization_url_as_each_platform_builds_it() {
    let plan = |text: &str| {
        let p = write("url", text);
        let (_, config) = crate::build::pick(&p, None).unwrap();
        plan::make_plan(&config, &Inputs::default(), &[], &|_| None).unwrap()
    };
    let p = plan(&component("https://login.example.com", ", \"prompt\": \"consent\""));
    let redirect = p.redirect.clone().unwrap();
    assert_eq!(redirect.uri, "https://app.elastic.io/callback/oauth2");
    let url = authorization_request(&p, &redirect.uri, "st", None);
    assert_eq!(
        url,
        "https://login.example.com/authorize?response_type=code&client_id=mock-client&redirect_uri=https%3A%2F%2Fapp.elastic.io%2Fcallback%2Foauth2&scope=openid+offline_access+read&state=st&prompt=consent"
    );
    assert_eq!(s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}
