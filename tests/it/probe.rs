//! `specc probe` end to end against a real, certified authorization server: panva's `oidc-provider`
//! 9.13.3 on 127.0.0.1, installed from `tests/oauth-server/package-lock.json` into
//! `target/oauth-server`. The user's browser is `tests/oauth-server/login.mjs`, which signs in through
//! the provider's development interactions over HTTP, so the authorization code flow runs unattended.
//!
//! Without Node and npm these tests print a loud SKIPPED line and pass, unless `SPECC_REQUIRE_NODE=1`
//! (set by `.ci/run`), which turns a missing Node into a failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

const SECRET: &str = "S3NT1NEL-probe-oidc-secret";
const OIDC_PROVIDER_VERSION: &str = "9.13.3";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().parent().unwrap().to_path_buf()
}

fn server_dir() -> PathBuf {
    root().join("target").join("oauth-server")
}

static INSTALL: Mutex<Option<bool>> = Mutex::new(None);

fn skip(reason: &str) -> bool {
    if std::env::var("SPECC_REQUIRE_NODE").is_ok_and(|v| v == "1") {
        panic!("SPECC_REQUIRE_NODE=1 but the oidc-provider tests cannot run: {reason}");
    }
    eprintln!("\n!!!!!!!! SKIPPED: specc probe end-to-end test against oidc-provider: {reason} !!!!!!!!\n");
    false
}

/// Installs oidc-provider into target/oauth-server once; false (after a loud message) without Node.
fn installed() -> bool {
    let mut guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(ok) = *guard {
        return ok;
    }
    let ok = install();
    *guard = Some(ok);
    ok
}

fn install() -> bool {
    let has = |cmd: &str| Command::new(cmd).arg("--version").output().is_ok_and(|o| o.status.success());
    if !has("node") {
        return skip("`node` is not installed");
    }
    let dir = server_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["package.json", "package-lock.json", "server.mjs", "login.mjs"] {
        std::fs::copy(root().join("tests/oauth-server").join(f), dir.join(f)).unwrap();
    }
    let installed_version = std::fs::read_to_string(dir.join("node_modules/oidc-provider/package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string));
    if installed_version.as_deref() != Some(OIDC_PROVIDER_VERSION) {
        if !has("npm") {
            return skip("`npm` is not installed (needed once to install oidc-provider)");
        }
        let out = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .output()
            .unwrap();
        if !out.status.success() {
            return skip(&format!("`npm ci` failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
    }
    true
}

struct Server {
    child: Child,
    issuer: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Option<Server> {
    if !installed() {
        return None;
    }
    let dir = server_dir();
    let secret_file = dir.join(format!("secret-{}", std::process::id()));
    std::fs::write(&secret_file, SECRET).unwrap();
    let mut child = Command::new("node")
        .arg("server.mjs")
        .arg("--secret-file")
        .arg(&secret_file)
        .args(args)
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let issuer = loop {
        let line = lines.next().expect("oidc-provider exited before listening").unwrap();
        if line.starts_with('{') {
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            break v["issuer"].as_str().unwrap().to_string();
        }
    };
    // Keep draining the server's notices so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Some(Server { child, issuer })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn case_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("probe-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

struct Probe {
    code: i32,
    json: serde_json::Value,
    stderr: String,
}

impl Probe {
    fn status(&self, step: &str) -> String {
        self.json["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == step)
            .map(|s| s["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no step {step}: {:#}", self.json))
    }

    fn all_pass(&self) {
        for s in self.json["steps"].as_array().unwrap() {
            assert_eq!(s["status"], "pass", "{:#}\n{}", self.json, self.stderr);
        }
        assert_eq!(self.code, 0, "{:#}\n{}", self.json, self.stderr);
    }

    fn codes(&self) -> Vec<String> {
        self.json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    }

    /// The JSON Pointer of the first diagnostic with `code`.
    fn pointer(&self, code: &str) -> String {
        self.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["pointer"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no {code} in {:?}\n{:#}\n{}", self.codes(), self.json, self.stderr))
    }
}

/// Runs `specc probe --format json` with the secret in the environment and the HTTP login as browser.
fn probe(path: &Path, secret: &str, extra: &[&str]) -> Probe {
    let login = server_dir().join("login.mjs");
    let out = Command::new(env!("CARGO_BIN_EXE_specc"))
        .arg("probe")
        .arg(path)
        .args(["--client-secret-env", "PROBE_TEST_SECRET", "--format", "json", "--open", "--login-timeout", "30", "-v"])
        .args(extra)
        .env("PROBE_TEST_SECRET", secret)
        .env("BROWSER", format!("node {}", login.display()))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    for text in [&stdout, &stderr] {
        assert!(!text.contains(SECRET), "the client secret reached the output:\n{text}");
    }
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    Probe { code: out.status.code().unwrap_or(-1), json, stderr }
}

fn loopback() -> String {
    format!("http://127.0.0.1:{}/callback", free_port())
}

fn elasticio(issuer: &str, client: &str, scopes: &str, extra: &str) -> String {
    format!(
        r#"{{
  "title": "Probe CRM",
  "credentials": {{
    "fields": {{ "oauth": {{ "label": "Authentication", "viewClass": "OAuthFieldView", "required": true }} }},
    "oauth2": {{
      "client_id": "{client}",
      "client_secret": "{{{{PROBE_TEST_SECRET}}}}",
      "auth_uri": "{issuer}/auth",
      "token_uri": "{issuer}/token",
      "client_auth": "basic",
      "scopes": {scopes}{extra}
    }}
  }}
}}
"#
    )
}

fn membrane(dir: &Path, issuer: &str, client: &str, body: &str) -> PathBuf {
    write(
        dir,
        "spec.yml",
        "name: Probe CRM\nkey: probe-crm\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n",
    );
    write(
        dir,
        "auth/get-oauth-config.map.yml",
        &format!(
            "clientId: {client}\nclientSecret: placeholder-replaced-by-env\nauthorizeUri: {issuer}/auth\ntokenUri: {issuer}/token\nscopes:\n  - openid\n  - offline_access\n  - api.read\nextra:\n  prompt: consent\n{body}"
        ),
    );
    dir.to_path_buf()
}

fn itential(dir: &Path, issuer: &str, scope: &str, redirect: &str) -> PathBuf {
    write(
        dir,
        "model.json",
        &format!(
            r#"{{
  "openapi": "3.0.0",
  "info": {{ "title": "Probe CRM", "version": "1.0.0" }},
  "paths": {{}},
  "components": {{ "securitySchemes": {{ "ProbeOAuth": {{ "type": "oauth2", "flows": {{ "authorizationCode": {{
    "authorizationUrl": "{issuer}/auth",
    "tokenUrl": "{issuer}/token",
    "scopes": {{ "openid": "OpenID", "offline_access": "Refresh", "api.read": "Read" }}
  }} }} }} }} }}
}}
"#
        ),
    );
    write(
        dir,
        "instance.yaml",
        &format!("model: model.json\nclient_id: probe-client\nclient_secret: placeholder\nscope: \"{scope}\"\nredirect_uri: \"{redirect}\"\n"),
    )
}

#[test]
fn elasticio_end_to_end_and_client_credentials() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("eio-ok");
    let text = elasticio(
        &server.issuer,
        "probe-client",
        r#"["openid", "offline_access", "api.read"]"#,
        r#", "prompt": "consent""#,
    );
    let path = write(&dir, "component.json", &text);
    let p = probe(&path, SECRET, &["--redirect-uri", &loopback()]);
    p.all_pass();
    assert!(p.codes().is_empty(), "{:?}", p.codes());
    assert_eq!(p.json["version"], 1);
    // -v logged every request, redacted.
    assert!(p.stderr.contains("> POST"), "{}", p.stderr);
    assert!(p.stderr.contains("code=<redacted>"), "{}", p.stderr);
    assert!(p.stderr.contains("\"access_token\":\"<redacted>\""), "{}", p.stderr);

    let cc = write(&dir, "cc/component.json", &elasticio(&server.issuer, "probe-client", r#"["api.read"]"#, ""));
    let p = probe(&cc, SECRET, &["--grant", "client_credentials"]);
    assert_eq!(p.status("client credentials"), "pass", "{:#}\n{}", p.json, p.stderr);
    p.all_pass();
}

#[test]
fn membrane_end_to_end() {
    let Some(server) = start(&[]) else { return };
    let dir = membrane(&case_dir("membrane-ok"), &server.issuer, "probe-client", "clientAuthLocation: headers\n");
    let p = probe(&dir, SECRET, &["--redirect-uri", &loopback()]);
    p.all_pass();
    assert!(p.codes().is_empty(), "{:?}", p.codes());
}

#[test]
fn itential_end_to_end() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("itential-ok");
    let path = itential(&dir, &server.issuer, "openid api.read", "{{iap}}/admin/oauth/");
    // `prompt=consent` is what makes this provider issue a refresh token; Itential passes extra
    // authorization parameters through the model, which this one has not, so refresh is not needed.
    let p = probe(&path, SECRET, &["--redirect-uri", &loopback()]);
    assert_eq!(p.status("discovery"), "pass");
    assert_eq!(p.status("authorization request"), "pass");
    assert_eq!(p.status("authorization response"), "pass");
    assert_eq!(p.status("token exchange"), "pass", "{:#}\n{}", p.json, p.stderr);
    assert!(p.codes().is_empty(), "{:?}", p.codes());
    assert_eq!(p.code, 0);
}

#[test]
fn keboola_end_to_end() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("keboola-ok");
    let text = format!(
        r#"{{
    "component_id": "keboola.ex-probe",
    "friendly_name": "Probe CRM",
    "app_key": "probe-client",
    "app_secret": "placeholder",
    "auth_url": "{0}/auth?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&scope=openid%20offline_access%20api.read&prompt=consent&state=%%hash%%",
    "token_url": "{0}/token",
    "oauth_version": "2.0"
}}
"#,
        server.issuer
    );
    let path = write(&dir, "manage.json", &text);
    let p = probe(&path, SECRET, &["--redirect-uri", &loopback()]);
    p.all_pass();
    assert!(p.codes().is_empty(), "{:?}", p.codes());
}

#[test]
fn trailing_slash_redirect_uri() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("slash");
    let redirect = format!("http://127.0.0.1:{}/callback/", free_port());
    let path = itential(&dir, &server.issuer, "openid api.read", &redirect);
    let p = probe(&path, SECRET, &[]);
    assert_eq!(p.status("authorization request"), "fail");
    assert_eq!(p.pointer("probe/redirect-uri-rejected"), "/redirect_uri");
    assert_eq!(p.code, 1);
}

#[test]
fn comma_joined_scopes() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("comma");
    let path = itential(&dir, &server.issuer, "openid,api.read", "{{iap}}/admin/oauth/");
    let p = probe(&path, SECRET, &["--redirect-uri", &loopback()]);
    assert_eq!(p.pointer("probe/scope-delimiter"), "/scope");
    assert_eq!(p.status("discovery"), "fail");
    assert_eq!(p.code, 1);
}

#[test]
fn unsupported_scope() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("badscope");
    let text = elasticio(
        &server.issuer,
        "probe-client",
        r#"["openid", "offline_access", "api.admin"]"#,
        r#", "prompt": "consent""#,
    );
    let path = write(&dir, "component.json", &text);
    let p = probe(&path, SECRET, &["--redirect-uri", &loopback()]);
    assert_eq!(p.pointer("probe/scope-unsupported"), "/credentials/oauth2/scopes/2");
    // The provider drops the unknown scope: the grant says so.
    assert_eq!(p.pointer("probe/scope-not-granted"), "/credentials/oauth2/scopes/2");
}

#[test]
fn pkce_required_but_disabled() {
    let Some(server) = start(&[]) else { return };
    let dir = membrane(&case_dir("pkce"), &server.issuer, "probe-pkce", "skipPkce: true\n");
    let p = probe(&dir, SECRET, &["--redirect-uri", &loopback()]);
    assert_eq!(p.status("authorization request"), "fail");
    assert_eq!(p.pointer("probe/pkce-required"), "/skipPkce");
    assert_eq!(p.pointer("probe/pkce-disabled"), "/skipPkce");
    assert_eq!(p.code, 1);
}

#[test]
fn no_refresh_token_requested() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("norefresh");
    // No offline_access and no prompt=consent: the provider issues no refresh token.
    let text = elasticio(&server.issuer, "probe-client", r#"["openid", "api.read"]"#, "");
    let path = write(&dir, "component.json", &text);
    let p = probe(&path, SECRET, &["--redirect-uri", &loopback()]);
    assert_eq!(p.status("token exchange"), "pass", "{:#}", p.json);
    assert_eq!(p.status("refresh"), "fail");
    assert_eq!(p.pointer("probe/no-refresh-token"), "/credentials/oauth2/scopes");
    assert_eq!(p.code, 1);
}

#[test]
fn client_auth_method_mismatch_in_metadata() {
    // This provider accepts Basic and form credentials alike at the token endpoint, so the mismatch
    // is visible only in its metadata: start it publishing Basic only.
    let Some(server) = start(&["--auth-methods", "client_secret_basic,none"]) else { return };
    let dir = membrane(&case_dir("authm"), &server.issuer, "probe-client", "clientAuthLocation: body\n");
    let p = probe(&dir, SECRET, &["--redirect-uri", &loopback()]);
    assert_eq!(p.pointer("probe/client-auth-unsupported"), "/clientAuthLocation");
    assert_eq!(p.status("discovery"), "fail");
}

#[test]
fn wrong_secret() {
    let Some(server) = start(&[]) else { return };
    let dir = case_dir("wrongsecret");
    let text = elasticio(
        &server.issuer,
        "probe-client",
        r#"["openid", "offline_access", "api.read"]"#,
        r#", "prompt": "consent""#,
    );
    let path = write(&dir, "component.json", &text);
    let p = probe(&path, "S3NT1NEL-probe-wrong-secret", &["--redirect-uri", &loopback()]);
    assert_eq!(p.status("token exchange"), "fail");
    assert_eq!(p.pointer("probe/invalid-client"), "/credentials/oauth2/client_auth");
    assert!(!p.stderr.contains("S3NT1NEL-probe-wrong-secret"));
    assert!(!serde_json::to_string(&p.json).unwrap().contains("S3NT1NEL-probe-wrong-secret"));
    assert_eq!(p.code, 1);
}
