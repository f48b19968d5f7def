//! Secret hygiene: sentinel secrets planted in every place a secret can sit, in every dialect, never
//! appear in any output of `check` (every format) or `migrate` (diff and patch). Diagnostics about a
//! secret name its location, and a redacted preview at most.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::path::{Path, PathBuf};
use std::process::Command;

const SENTINELS: [&str; 12] = [
    "S3NT1NEL-eio-client-secret",
    "S3NT1NEL-eio-consumer-secret",
    "S3NT1NEL-eio-tenant-body",
    "S3NT1NEL-eio-desired-state",
    "S3NT1NEL-membrane-client-secret",
    "S3NT1NEL-openapi-query",
    "S3NT1NEL-itential-secret",
    "S3NT1NEL-keboola-app-secret",
    "S3NT1NEL-keboola-hash-secret",
    "S3NT1NEL-keboola-data-token",
    "S3NT1NEL-keboola-plain-key",
    "S3NT1NEL-itential-query",
];

fn project() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("specc-secrets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let w = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "eio/component.json",
        r#"{
  "title": "CRM",
  "envVars": { "CRM_CLIENT_ID": { "required": true } },
  "credentials": {
    "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    "oauth2": {
      "client_id": "{{CRM_CLIENT_ID}}",
      "client_secret": "S3NT1NEL-eio-client-secret",
      "auth_uri": "https://login.example.com/oauth/authorize",
      "token_uri": "https://login.example.com/oauth/token"
    }
  }
}
"#,
    );
    w(
        "eio1/component.json",
        r#"{
  "title": "Old CRM",
  "credentials": {
    "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    "oauth1": {
      "consumer_key": "key",
      "consumer_secret": "S3NT1NEL-eio-consumer-secret",
      "request_token_uri": "https://x.example.com/request",
      "auth_uri": "https://x.example.com/authorize",
      "access_token_uri": "https://x.example.com/access"
    }
  }
}
"#,
    );
    w(
        "eio/oauth-client.json",
        r#"{ "data": { "type": "flow", "attributes": { "client_id": "abc", "client_secret": "S3NT1NEL-eio-tenant-body" },
  "relationships": { "component": { "data": { "id": "crm", "type": "component" } } } } }
"#,
    );
    w(
        "eio/tenant.json",
        r#"{ "tenant": "t1", "components": [{ "id": "crm", "visible": true }],
  "oauth_clients": [{ "component": "crm", "client_id": "a", "client_secret": "S3NT1NEL-eio-desired-state" },
                    { "component": "crm", "client_id": "b", "client_secret": "S3NT1NEL-eio-desired-state" }] }
"#,
    );
    w(
        "membrane/spec.yml",
        "name: X\nkey: x\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n  makeApiClient:\n    implementationType: mapping\n  test:\n    implementationType: javascript\n",
    );
    w(
        "membrane/auth/get-oauth-config.map.yml",
        "clientId: my-client\nclientSecret: S3NT1NEL-membrane-client-secret\nauthorizeUri: https://a.example.com/authorize\ntokenUri: https://a.example.com/token\nscopes: read write\n",
    );
    w("membrane/auth/make-api-client.map.yml", "baseUri: https://api.example.com\n");
    w("membrane/auth/test.js", "exports.test = async () => true\n");
    w(
        "openapi.yaml",
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        password:\n          tokenUrl: http://a.example.com/token?client_id=x&client_secret=S3NT1NEL-openapi-query#frag\n          scopes: {}\n",
    );
    w(
        "itential/model.json",
        r#"{"openapi": "3.0.0", "info": {"title": "m", "version": "1"}, "paths": {}, "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/authorize", "tokenUrl": "https://a.example.com/token", "scopes": {"read": "r"}}}}}}}"#,
    );
    w(
        "itential/instance.yaml",
        "model: model.json\nclient_id: abc\nclient_secret: S3NT1NEL-itential-secret\nscope: read,write\nredirect_uri: \"{{iap}}/admin/oauth\"\ntoken_url: http://a.example.com/token?secret=S3NT1NEL-itential-query\n",
    );
    w(
        "keboola/manage.json",
        r#"{ "component_id": "ex-x", "friendly_name": "X", "app_key": "k", "app_secret": "S3NT1NEL-keboola-app-secret",
  "auth_url": "https://a.example.com/authorize?client_id=%%client_id%%&scope=a b", "token_url": "https://a.example.com/token", "oauth_version": "2.0" }
"#,
    );
    w(
        "keboola/config.json",
        r##"{ "parameters": { "appSecret": "S3NT1NEL-keboola-plain-key" }, "authorization": { "oauth_api": { "id": "1",
  "credentials": { "#data": "{\"access_token\": \"S3NT1NEL-keboola-data-token\"}", "appKey": "k", "#appSecret": "S3NT1NEL-keboola-hash-secret" } } } }
"##,
    );
    dir
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out =
        Command::new(insta_cmd::get_cargo_bin("specc")).args(args).arg(dir).env("NO_COLOR", "1").output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("panicked"), "{text}");
    text
}

#[test]
fn no_output_contains_a_planted_secret() {
    let dir = project();
    let outputs = [
        ("check human", run(&dir, &["check", "--isolated"])),
        ("check json", run(&dir, &["check", "--isolated", "--format", "json"])),
        ("check sarif", run(&dir, &["check", "--isolated", "--format", "sarif"])),
        ("check github", run(&dir, &["check", "--isolated", "--format", "github"])),
        ("check junit", run(&dir, &["check", "--isolated", "--format", "junit"])),
        ("check gitlab", run(&dir, &["check", "--isolated", "--format", "gitlab"])),
        ("check markdown", run(&dir, &["check", "--isolated", "--format", "markdown"])),
        ("check statistics", run(&dir, &["check", "--isolated", "--statistics"])),
        ("migrate diff", run(&dir, &["migrate", "--isolated", "--unsafe-fixes"])),
        ("migrate patch", run(&dir, &["migrate", "--isolated", "--unsafe-fixes", "--patch"])),
        ("migrate check", run(&dir, &["migrate", "--isolated", "--unsafe-fixes", "--check"])),
    ];
    // The run must have looked at every file: each dialect reports something.
    let human = &outputs[0].1;
    for needle in ["elasticio/", "membrane/", "openapi/", "itential/", "keboola/", "oauth/insecure-http-url"] {
        assert!(human.contains(needle), "no `{needle}` finding: the secret test would prove nothing\n{human}");
    }
    let mut leaks = Vec::new();
    for (what, text) in &outputs {
        for s in SENTINELS {
            if text.contains(s) {
                let line = text.lines().find(|l| l.contains(s)).unwrap_or("");
                leaks.push(format!("{what}: {s} in `{line}`"));
            }
        }
    }
    assert!(leaks.is_empty(), "{} leaks:\n{}", leaks.len(), leaks.join("\n"));
    // The literal-secret findings still say where the secret is.
    assert!(human.contains("elasticio/secret-literal-in-component-json"), "{human}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `specc probe` against the in-process mock server, whose codes and tokens and the client secret are
/// sentinels: none appears in any format, at `-v`, on success, on a rejected secret, or in the
/// printed authorization URL.
#[test]
fn probe_never_prints_a_secret_code_or_token() {
    use specc::probe::mock::{MockConfig, MockServer};
    let server = MockServer::start(MockConfig {
        client_secret: "S3NT1NEL-probe-client-secret".into(),
        token_prefix: "S3NT1NEL-probe-token".into(),
        auth_methods: vec!["client_secret_post".into()],
        ..MockConfig::default()
    })
    .unwrap();
    let dir = std::env::temp_dir().join(format!("specc-secrets-probe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let component = dir.join("component.json");
    std::fs::write(
        &component,
        format!(
            r#"{{
  "title": "CRM",
  "credentials": {{
    "fields": {{ "oauth": {{ "label": "Authentication", "viewClass": "OAuthFieldView", "required": true }} }},
    "oauth2": {{
      "client_id": "mock-client",
      "client_secret": "S3NT1NEL-probe-client-secret",
      "auth_uri": "{0}/authorize",
      "token_uri": "{0}/token",
      "scopes": ["openid", "offline_access", "read"]
    }}
  }}
}}
"#,
            server.issuer()
        ),
    )
    .unwrap();
    let env_file = dir.join("probe.env");
    std::fs::write(&env_file, "WRONG_SECRET=S3NT1NEL-probe-wrong-secret\n").unwrap();
    let port = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut runs = 0;
    for format in ["human", "json", "sarif", "github"] {
        for wrong in [false, true] {
            let redirect = format!("http://127.0.0.1:{}/callback", port());
            let mut args =
                vec!["probe", "-v", "--format", format, "--redirect-uri", &redirect, "--login-timeout", "10"];
            let env_path = env_file.display().to_string();
            if wrong {
                args.extend(["--env-file", &env_path, "--client-secret-env", "WRONG_SECRET"]);
            }
            let out = Command::new(insta_cmd::get_cargo_bin("specc"))
                .args(&args)
                .arg(&component)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(!text.contains("panicked"), "{text}");
            assert!(!text.contains("S3NT1NEL"), "a sentinel in `specc {}`:\n{text}", args.join(" "));
            // The run really exchanged (or was refused) at the token endpoint.
            assert!(text.contains("> POST"), "{text}");
            assert_eq!(out.status.code(), Some(if wrong { 1 } else { 0 }), "{text}");
            runs += 1;
        }
    }
    let out = Command::new(insta_cmd::get_cargo_bin("specc"))
        .args(["probe", "--print-authorize-url", "--redirect-uri", "http://127.0.0.1:9/callback"])
        .arg(&component)
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("/authorize?response_type=code"), "{text}");
    assert!(!text.contains("S3NT1NEL"), "{text}");
    assert_eq!(runs, 8);
}
