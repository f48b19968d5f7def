//! Unit tests of elastic.io detection and lowering, and a walk over the shared corpus.

use std::path::{Path, PathBuf};

use specc_ir::{ClientAuthLocation, CredentialValue, FlowKind, Protocol, Resolution};
use specc_syntax::{SourceDb, TextRange};

use super::component::{EnvForm, EnvSource, UseLocation, UseValue};
use super::*;
use crate::{Detection, Lowered, View};

fn load(name: &str, text: &str) -> (SourceDb, Option<Detection>, Lowered) {
    let mut db = SourceDb::new();
    let id = db.add_bytes(name, text.as_bytes());
    let doc = db.get(id).unwrap();
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let det = crate::detect(Path::new(name), doc);
    let l = lower(&mut db, id);
    (db, det, l)
}

fn model(l: &Lowered) -> &ElasticIoView {
    match &l.view {
        View::ElasticIo(m) => m,
        _ => panic!("not an elastic.io view"),
    }
}

fn slice(db: &SourceDb, span: Span) -> &str {
    db.get(span.file).unwrap().slice(TextRange { start: span.start, end: span.end })
}

const SALESFORCE: &str = r#"{
  "title": "Salesforce",
  "envVars": {
    "OAUTH_CLIENT_ID": { "required": true, "description": "key" },
    "OAUTH_CLIENT_SECRET": { "required": true, "description": "secret" }
  },
  "useOAuthClient": true,
  "credentials": {
    "fields": {
      "prodEnv": { "label": "Environment", "viewClass": "SelectView", "model": { "test": "Sandbox", "login": "Production" } },
      "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true }
    },
    "oauth2": {
      "client_id": "{{OAUTH_CLIENT_ID}}",
      "client_secret": "{{OAUTH_CLIENT_SECRET}}",
      "auth_uri": "https://{{prodEnv}}.salesforce.com/services/oauth2/authorize",
      "token_uri": "https://{{prodEnv}}.salesforce.com/services/oauth2/token",
      "scopes": ["api", "refresh_token"],
      "prompt": "consent",
      "client_auth": "basic"
    }
  }
}"#;

#[test]
fn lowers_oauth2_block_with_links_and_extras() {
    let (db, det, l) = load("component.json", SALESFORCE);
    assert_eq!(det, Some(Detection::primary(Dialect::ElasticIo)));
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    let c = &l.ir.configs[0];
    assert_eq!(c.name, "Salesforce");
    assert_eq!(c.protocol, Protocol::OAuth2);
    assert_eq!(c.flows[0].kind, FlowKind::AuthorizationCode);
    assert_eq!(slice(&db, c.flows[0].kind_span), "\"oauth2\"");
    let token = c.flows[0].token_url.as_ref().unwrap();
    assert_eq!(token.raw, "https://{{prodEnv}}.salesforce.com/services/oauth2/token");
    // useOAuthClient: the tenant client supplies the credentials.
    assert!(matches!(c.client_id.as_ref().unwrap().value, CredentialValue::PlatformManaged(_)));
    assert_eq!(c.client_auth.as_ref().unwrap().value, ClientAuthLocation::Header);
    assert!(c.refresh.platform_requires_refresh_token);
    let scopes: Vec<&str> = c.requested_scopes.as_ref().unwrap().items.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(scopes, ["api", "refresh_token"]);
    assert_eq!(c.extra_params.len(), 1);
    assert_eq!(c.extra_params[0].name.value, "prompt");
    assert_eq!(c.extra_params[0].value.as_ref().unwrap().value, "consent");
    assert_eq!(c.attributes.get("component_title").unwrap().value, "Salesforce");
    assert_eq!(c.attributes.get("use_oauth_client").unwrap().value, "true");
    // Placeholders: exact bytes and what they resolve to.
    let names: Vec<(&str, &Resolution)> = c.placeholders.iter().map(|p| (p.name.as_str(), &p.resolution)).collect();
    assert_eq!(names.len(), 4);
    assert_eq!(names[0], ("OAUTH_CLIENT_ID", &Resolution::EnvVar("OAUTH_CLIENT_ID".into())));
    assert_eq!(names[2], ("prodEnv", &Resolution::Field("prodEnv".into())));
    for p in &c.placeholders {
        assert_eq!(slice(&db, p.span), format!("{{{{{}}}}}", p.name));
    }
    let m = model(&l);
    let comp = m.component.as_ref().unwrap();
    assert!(comp.uses_oauth_client());
    assert_eq!(comp.env_vars.len(), 2);
    assert_eq!(slice(&db, comp.env_vars[0].span), "\"OAUTH_CLIENT_ID\"");
    assert_eq!(comp.field("prodEnv").unwrap().model_keys, ["test", "login"]);
}

#[test]
fn without_use_oauth_client_credentials_link_env_vars() {
    let text = SALESFORCE.replace("\"useOAuthClient\": true,", "");
    let (_db, _, l) = load("component.json", &text);
    let c = &l.ir.configs[0];
    assert_eq!(c.client_id.as_ref().unwrap().value, CredentialValue::EnvVar("OAUTH_CLIENT_ID".into()));
    assert!(!c.attributes.contains_key("use_oauth_client"));
}

#[test]
fn legacy_env_array_and_object_forms() {
    let arr = r#"{"title": "G", "env": ["GOOGLE_APP_ID", "GOOGLE_APP_SECRET"],
      "credentials": {"fields": {}, "oauth2": {"client_id": "{{GOOGLE_APP_ID}}", "client_secret": "{{NOPE}}"}}}"#;
    let (db, _, l) = load("x.json", arr);
    let comp = model(&l).component.as_ref().unwrap();
    assert_eq!(comp.legacy_env.as_ref().unwrap().form, EnvForm::Array);
    assert_eq!(comp.env_vars[1].source, EnvSource::LegacyArray);
    assert_eq!(slice(&db, comp.env_vars[1].span), "\"GOOGLE_APP_SECRET\"");
    let c = &l.ir.configs[0];
    assert_eq!(c.client_id.as_ref().unwrap().value, CredentialValue::EnvVar("GOOGLE_APP_ID".into()));
    assert_eq!(c.client_secret.as_ref().unwrap().value, CredentialValue::UnresolvedPlaceholder("NOPE".into()));
    assert_eq!(c.attributes.get("env_form").unwrap().value, "env-array");

    let obj = r#"{"title": "G", "env": {"ID": {"required": true}}, "credentials": {"fields": {}, "oauth2": {"client_id": "{{ID}}"}}}"#;
    let (_db, _, l) = load("x.json", obj);
    let comp = model(&l).component.as_ref().unwrap();
    assert_eq!(comp.legacy_env.as_ref().unwrap().form, EnvForm::Object);
    assert_eq!(comp.env_vars[0].required, Some(true));
}

#[test]
fn literal_secret_is_wrapped_and_use_oauth_client_found_anywhere() {
    let text = r#"{"credentials": {"useOAuthClient": "true", "fields": {},
      "oauth2": {"client_id": "AVA", "client_secret": "very-secret-value-123"}}}"#;
    let (_db, _, l) = load("component.json", text);
    let c = &l.ir.configs[0];
    match &c.client_secret.as_ref().unwrap().value {
        CredentialValue::Literal(s) => {
            assert_eq!(s.expose(), "very-secret-value-123");
            assert!(!format!("{s:?}").contains("secret-value"));
        }
        other => panic!("{other:?}"),
    }
    let comp = model(&l).component.as_ref().unwrap();
    assert_eq!(comp.use_oauth_client[0].location, UseLocation::Credentials);
    assert_eq!(comp.use_oauth_client[0].value, UseValue::StringBool(true));
    assert!(!comp.uses_oauth_client());
}

#[test]
fn auth_client_component_lowers_to_platform_managed_client() {
    let text = r#"{"title": "Outlook", "authClientTypes": ["oauth2"],
      "credentials": {"fields": {"oauth": {"label": "A", "viewClass": "HTTPAuthView"}}}}"#;
    let (_db, det, l) = load("component.json", text);
    assert!(det.is_some());
    assert_eq!(l.ir.configs.len(), 1);
    assert!(matches!(l.ir.configs[0].client_id.as_ref().unwrap().value, CredentialValue::PlatformManaged(_)));
    assert_eq!(l.ir.configs[0].attributes.get("auth_client_types").unwrap().value, "oauth2");
}

#[test]
fn wrong_types_are_located_and_lowering_continues() {
    let text = r#"{"title": "T", "envVars": [], "authClientTypes": "oauth2",
      "credentials": {"fields": {"a": 5}, "oauth2": {"auth_uri": 42, "token_uri": "https://t.example/token", "scopes": [1, "ok"]}}}"#;
    let (db, _, l) = load("component.json", text);
    let found: Vec<&str> = l.diagnostics.iter().map(|d| slice(&db, d.span)).collect();
    assert_eq!(found, ["[]", "\"oauth2\"", "5", "42", "1"]);
    assert!(l.diagnostics.iter().all(|d| d.code == codes::INVALID_FIELD_TYPE));
    let c = &l.ir.configs[0];
    assert!(c.flows[0].authorization_url.is_none());
    assert_eq!(c.flows[0].token_url.as_ref().unwrap().raw, "https://t.example/token");
    assert_eq!(c.requested_scopes.as_ref().unwrap().items.len(), 1);
}

#[test]
fn detection_claims_only_elasticio_shapes() {
    let yes = [
        ("component.json", r#"{"title": "x", "credentials": {"fields": {}}}"#),
        ("anything.json", r#"{"credentials": {"oauth2": {}}}"#),
        ("anything.json", r#"{"useOAuthClient": true}"#),
        ("anything.json", r#"{"title": "x", "envVars": {}}"#),
    ];
    for (name, text) in yes {
        let (_db, det, _) = load(name, text);
        assert!(det.is_some(), "{text}");
    }
    let no = [
        ("anything.json", r#"{"openapi": "3.1.0", "credentials": {"oauth2": {}}}"#),
        ("anything.json", r#"{"title": "x", "credentials": "nope"}"#),
        ("anything.json", r#"{"component_id": "keboola.ex", "app_key": "k", "auth_url": "https://a"}"#),
        ("anything.json", r#"{"data": {"type": "users", "attributes": {"name": "n"}}}"#),
        ("anything.json", r#"[1, 2]"#),
    ];
    for (name, text) in no {
        let mut db = SourceDb::new();
        let id = db.add_bytes(name, text.as_bytes());
        assert!(detect(Path::new(name), db.get(id).unwrap()).is_none(), "{text}");
    }
}

#[test]
fn client_payload_both_type_readings() {
    let text = r#"{"data": {"type": "flow", "attributes": {"client_id": "id", "client_secret": "s"},
      "relationships": {"component": {"data": {"id": "c1", "type": "component"}}}}}"#;
    let (db, det, l) = load("body.json", text);
    assert!(det.is_some());
    let m = model(&l);
    assert_eq!(m.kind, InputKind::ClientPayload);
    let p = m.payload.as_ref().unwrap();
    assert_eq!(p.reading, tenant::TypeReading::Flow);
    assert_eq!(slice(&db, p.component_id.as_ref().unwrap().span), "\"c1\"");
    assert_eq!(l.ir.configs[0].name, "c1");
    assert_eq!(l.ir.configs[0].attributes.get("payload_type").unwrap().value, "flow");
    let text = text.replace("\"flow\"", "\"oauth-client\"");
    let (_db, _, l) = load("body.json", &text);
    assert_eq!(model(&l).payload.as_ref().unwrap().reading, tenant::TypeReading::OAuthClient);
}

#[test]
fn tenant_state_lowers_components_flows_clients_and_deletes() {
    let text = r#"{"tenant": "t1", "components": [{"id": "crm", "visible": false}, {"id": "erp"}],
      "flows": [{"id": "f1", "components": ["crm"]}],
      "oauth_clients": [{"id": "oc1", "component": "crm", "client_id": "a", "client_secret": "{{S}}"}],
      "delete": ["oc1", {"component": "erp"}, 7, true]}"#;
    let (db, det, l) = load("tenant.json", text);
    assert!(det.is_some());
    let s = model(&l).tenant.as_ref().unwrap();
    assert_eq!(s.tenant.as_ref().unwrap().value, "t1");
    assert!(!s.component("crm").unwrap().visible.as_ref().unwrap().value);
    assert!(s.component("erp").unwrap().visible.is_none());
    assert_eq!(s.flows[0].components[0].value, "crm");
    assert_eq!(s.client("oc1").unwrap().component.as_ref().unwrap().value, "crm");
    assert_eq!(s.deletes.len(), 3);
    assert_eq!(l.diagnostics.len(), 1);
    assert_eq!(slice(&db, l.diagnostics[0].span), "true");
    assert_eq!(l.ir.configs[0].attributes.get("tenant_id").unwrap().value, "t1");
}

#[test]
fn placeholder_spans_follow_escapes() {
    let text = r#"{"credentials": {"fields": {}, "oauth2": {"auth_uri": "https:\/\/{{h}}.x\/a"}}}"#;
    let (db, _, l) = load("component.json", text);
    let p = &l.ir.configs[0].placeholders[0];
    assert_eq!(p.name, "h");
    assert_eq!(slice(&db, p.span), "{{h}}");
}

/// `shared/corpus/elasticio` (absent: the test fails unless `SPECC_SKIP_CORPUS=1`).
pub(crate) fn corpus_dir() -> Option<PathBuf> {
    crate::test_support::shared_corpus("elasticio")
}

#[test]
fn corpus_files_lower_or_report_a_located_syntax_error() {
    let Some(dir) = corpus_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    assert!(files.len() >= 30, "{}", files.len());
    let (mut lowered, mut broken) = (0, 0);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let mut db = SourceDb::new();
        let id = db.add_bytes(&path, &bytes);
        let doc = db.get(id).unwrap();
        if doc.fatal {
            assert!(doc.diagnostics.iter().any(|d| d.code.starts_with("syntax/") && !d.file_level), "{path:?}");
            assert_eq!(crate::sniff(&path, &doc.text), Some(Dialect::ElasticIo), "{path:?}");
            broken += 1;
            continue;
        }
        let det = crate::detect(&path, doc).unwrap_or_else(|| panic!("not detected: {path:?}"));
        assert_eq!(det.dialect, Dialect::ElasticIo);
        let l = crate::lower(&mut db, id, det.dialect);
        let comp = model(&l).component.as_ref().unwrap();
        let has_oauth = comp.credentials.as_ref().is_some_and(|c| c.oauth2.is_some() || c.oauth1.is_some())
            || comp.auth_client_oauth2();
        assert_eq!(has_oauth, !l.ir.configs.is_empty(), "{path:?}");
        assert!(l.diagnostics.is_empty(), "{path:?}: {:?}", l.diagnostics);
        lowered += 1;
    }
    assert_eq!((lowered, broken), (32, 8));
}
