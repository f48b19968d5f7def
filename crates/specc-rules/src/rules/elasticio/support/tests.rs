//! Tests of the elasticio rules: codes, messages, exact spans, fixes that re-parse, and the quirks of
//! the shared corpus (`shared/corpus/elasticio` + `MANIFEST.tsv`).

use std::path::{Path, PathBuf};

use specc_syntax::SourceDb;
use specc_syntax::edit::apply;

use crate::{run_rules, Context, Diagnostic};

/// The whole pipeline for one file: syntax findings, lowering findings and rule findings of the
/// `syntax/` and `elasticio/` namespaces (cross-dialect `oauth/` rules are tested by their owners;
/// `oauth/client-secret-in-body`, for one, reports elastic.io's default body client auth as info).
fn check(name: &str, text: &str) -> (String, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let id = db.add_bytes(name, text.as_bytes());
    let doc = db.get(id).unwrap();
    let mut out = doc.diagnostics.clone();
    if !doc.fatal {
        if let Some(det) = specc_dialects::detect(Path::new(name), doc) {
            let lowered = specc_dialects::lower(&mut db, id, det.dialect);
            out.extend(run_rules(&Context::new(&db, &lowered)));
            out.extend(lowered.diagnostics.iter().cloned());
        }
    }
    // The rule that replaced `elasticio/refresh-token-not-requested` stays judged here.
    out.retain(|d| {
        d.code.starts_with("elasticio/")
            || d.code.starts_with("syntax/")
            || d.code == "provider/refresh-token-not-requested"
    });
    specc_diagnostics::sort_diagnostics(&mut out);
    (text.to_string(), out)
}

fn at<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    text.get(d.span.start as usize..d.span.end as usize).unwrap()
}

fn only<'a>(diags: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

/// Applies a diagnostic's fix and checks the result still parses as JSON.
fn fixed(text: &str, d: &Diagnostic) -> String {
    let fix = d.fix.as_ref().unwrap_or_else(|| panic!("no fix on {}", d.code));
    assert!(fix.is_well_formed());
    let out = apply(text, &fix.edits);
    let doc = specc_syntax::Document::parse(specc_syntax::FileId(0), "f.json", out.as_bytes());
    assert!(doc.diagnostics.is_empty(), "fix of {} broke the file:\n{out}\n{:?}", d.code, doc.diagnostics);
    out
}

const LEGACY: &str = r#"{
  "title": "Acme",
  "envVars": {
    "OAUTH_CLIENT_ID": { "required": true },
    "OAUTH_CLIENT_SECRET": { "required": true }
  },
  "credentials": {
    "fields": {
      "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true }
    },
    "oauth2": {
      "client_id": "{{OAUTH_CLIENT_ID}}",
      "client_secret": "{{OAUTH_CLIENT_SECRET}}",
      "auth_uri": "https://login.acme.test/authorize",
      "token_uri": "https://login.acme.test/token"
    }
  }
}
"#;

#[test]
fn legacy_env_oauth_fix_adds_the_root_flag_after_env_vars() {
    let (text, diags) = check("component.json", LEGACY);
    assert_eq!(codes(&diags), ["elasticio/legacy-env-oauth"]);
    let d = &diags[0];
    assert_eq!(at(&text, d), "\"{{OAUTH_CLIENT_ID}}\"");
    assert!(d.message.contains("`OAUTH_CLIENT_ID`, `OAUTH_CLIENT_SECRET`"), "{}", d.message);
    assert_eq!(at(&text, &Diagnostic { span: d.secondary[0].span, ..d.clone() }), "\"OAUTH_CLIENT_ID\"");
    let out = fixed(&text, d);
    assert!(out.contains("  },\n  \"useOAuthClient\": true,\n  \"credentials\""), "{out}");
    let (_, after) = check("component.json", &out);
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn misplaced_use_oauth_client_moves_to_the_root() {
    let text = LEGACY.replace("\"credentials\": {\n", "\"credentials\": {\n    \"useOAuthClient\": true,\n");
    let (text, diags) = check("component.json", &text);
    assert_eq!(codes(&diags), ["elasticio/use-oauth-client-misplaced", "elasticio/legacy-env-oauth"]);
    assert_eq!(at(&text, &diags[0]), "\"useOAuthClient\"");
    // The legacy finding defers to the move instead of adding a second flag.
    assert!(diags[1].fix.is_none());
    let out = fixed(&text, &diags[0]);
    assert!(out.contains("\"credentials\": {\n    \"fields\""), "{out}");
    let (_, after) = check("component.json", &out);
    assert!(after.is_empty(), "{after:?}");

    let (text, diags) = check(
        "component.json",
        &LEGACY.replace("\"title\": \"Acme\",", "\"title\": \"Acme\", \"useOAuthClient\": \"true\","),
    );
    let d = only(&diags, "elasticio/use-oauth-client-misplaced")[0];
    assert_eq!(at(&text, d), "\"true\"");
    assert!(fixed(&text, d).contains("\"useOAuthClient\": true,"));
}

#[test]
fn undefined_placeholder_points_at_the_braces_and_suggests() {
    let (text, diags) = check("component.json", &LEGACY.replace("{{OAUTH_CLIENT_ID}}", "{{OAUTH_CLIENT_ID_}}"));
    let d = only(&diags, "elasticio/placeholder-undefined");
    assert_eq!(d.len(), 1);
    assert_eq!(at(&text, d[0]), "{{OAUTH_CLIENT_ID_}}");
    assert_eq!(d[0].help.as_deref(), Some("did you mean `{{OAUTH_CLIENT_ID}}`?"));
}

#[test]
fn bare_env_name_is_wrapped() {
    let (text, diags) =
        check("component.json", &LEGACY.replace("\"{{OAUTH_CLIENT_SECRET}}\"", "\"OAUTH_CLIENT_SECRET\""));
    let d = only(&diags, "elasticio/bare-env-name-as-client-id");
    assert_eq!(d.len(), 1);
    assert!(only(&diags, "elasticio/secret-literal-in-component-json").is_empty());
    assert!(fixed(&text, d[0]).contains("\"client_secret\": \"{{OAUTH_CLIENT_SECRET}}\""));
}

#[test]
fn literal_secret_is_reported_without_its_value() {
    let secret = "Zm9vYmFyLW5vdC1hLXJlYWwtc2VjcmV0";
    let (text, diags) = check("component.json", &LEGACY.replace("{{OAUTH_CLIENT_SECRET}}", secret));
    let d = only(&diags, "elasticio/secret-literal-in-component-json");
    assert_eq!(d.len(), 1);
    assert_eq!(at(&text, d[0]), format!("\"{secret}\""));
    for d in &diags {
        let all = format!("{} {:?} {:?} {:?} {:?}", d.message, d.label, d.help, d.note, d.secondary);
        assert!(!all.contains(secret) && !all.contains(&secret[4..20]), "{all}");
    }
    assert!(d[0].message.contains("<redacted>") && !d[0].message.contains("32"), "{}", d[0].message);
}

#[test]
fn missing_fields_and_uri_shapes() {
    let text = LEGACY.replace(",\n      \"token_uri\": \"https://login.acme.test/token\"", "");
    let (text, diags) = check("component.json", &text);
    let d = only(&diags, "elasticio/oauth2-missing-required-field");
    assert_eq!(d.len(), 1);
    assert_eq!(at(&text, d[0]), "\"oauth2\"");
    assert!(d[0].message.contains("`token_uri`"));

    let text = LEGACY
        .replace("https://login.acme.test/authorize", "https://login.acme.test//authorize")
        .replace("https://login.acme.test/token", "oauth/token");
    let (text, diags) = check("component.json", &text);
    let d = only(&diags, "elasticio/oauth2-uri-invalid");
    assert_eq!(d.len(), 2);
    assert_eq!(at(&text, d[0]), "//");
    assert!(fixed(&text, d[0]).contains("\"https://login.acme.test/authorize\""));
    assert_eq!(at(&text, d[1]), "\"oauth/token\"");
    assert!(d[1].message.contains("not an absolute URL"));
}

#[test]
fn host_placeholder_severity_depends_on_the_field() {
    let text = LEGACY
        .replace(
            "\"fields\": {\n",
            "\"fields\": {\n      \"domain\": { \"label\": \"Domain\", \"viewClass\": \"TextFieldView\" },\n",
        )
        .replace("login.acme.test/token", "{{domain}}/token");
    let (text, diags) = check("component.json", &text);
    let d = only(&diags, "elasticio/placeholder-in-uri-host");
    assert_eq!(d.len(), 1);
    assert_eq!(at(&text, d[0]), "{{domain}}");
    assert_eq!(d[0].severity, crate::Severity::Warning);
    let text = text.replace("\"TextFieldView\"", "\"SelectView\", \"model\": {\"a.acme.test\": \"A\"}");
    let (_, diags) = check("component.json", &text);
    assert_eq!(only(&diags, "elasticio/placeholder-in-uri-host")[0].severity, crate::Severity::Info);
}

#[test]
fn refresh_token_fixes_for_google_and_microsoft() {
    let google = LEGACY
        .replace("\"title\": \"Acme\",", "\"title\": \"Acme\", \"useOAuthClient\": true,")
        .replace("https://login.acme.test/authorize", "https://accounts.google.com/o/oauth2/v2/auth");
    let (text, diags) = check("component.json", &google);
    let d = only(&diags, "provider/refresh-token-not-requested");
    assert_eq!(codes(&diags), ["provider/refresh-token-not-requested"]);
    let out = fixed(&text, d[0]);
    assert!(out.contains("\"token_uri\": \"https://login.acme.test/token\",\n      \"access_type\": \"offline\",\n      \"prompt\": \"consent\"\n"), "{out}");
    assert!(check("component.json", &out).1.is_empty());

    let ms = google
        .replace(
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        )
        .replace(
            "\"token_uri\": \"https://login.acme.test/token\"",
            "\"token_uri\": \"https://login.acme.test/token\",\n      \"scopes\": [\"openid\", \"Mail.Read\"]",
        );
    let (text, diags) = check("component.json", &ms);
    let d = only(&diags, "provider/refresh-token-not-requested");
    assert_eq!(at(&text, d[0]), "[\"openid\", \"Mail.Read\"]");
    let out = fixed(&text, d[0]);
    assert!(out.contains("[\"openid\", \"Mail.Read\", \"offline_access\"]"), "{out}");
}

#[test]
fn scopes_duplicates_case_and_string_form() {
    let text = LEGACY.replace(
        "\"token_uri\": \"https://login.acme.test/token\"",
        "\"token_uri\": \"https://login.acme.test/token\",\n      \"scopes\": [\"openid\", \"Profile\", \"openid\"]",
    );
    let (text, diags) = check("component.json", &text);
    let d = only(&diags, "elasticio/oauth2-scopes-invalid");
    assert_eq!(d.len(), 2);
    assert_eq!(at(&text, d[0]), "\"Profile\"");
    assert!(fixed(&text, d[1]).contains("[\"openid\", \"Profile\"]"));
    let text = text.replace("[\"openid\", \"Profile\", \"openid\"]", "\"a b,c\"");
    let (text, diags) = check("component.json", &text);
    let d = only(&diags, "elasticio/oauth2-scopes-invalid");
    assert!(fixed(&text, d[0]).contains("\"scopes\": [\"a\", \"b\", \"c\"]"));
}

#[test]
fn legacy_env_array_fix_rewrites_as_env_vars() {
    let text = r#"{"title": "G", "env": ["A_ID", "A_SECRET"], "useOAuthClient": true,
  "credentials": {"fields": {"oauth": {"label": "A", "viewClass": "OAuthFieldView"}},
    "oauth2": {"client_id": "{{A_ID}}", "client_secret": "{{A_SECRET}}", "auth_uri": "https://a.test/a", "token_uri": "https://a.test/t"}}}"#;
    let (text, diags) = check("component.json", text);
    assert_eq!(codes(&diags), ["elasticio/legacy-env-key"]);
    let out = fixed(&text, &diags[0]);
    assert!(out.contains(r#""envVars": {"A_ID": {"required": true}, "A_SECRET": {"required": true}}"#), "{out}");
    assert!(check("component.json", &out).1.is_empty());
}

#[test]
fn credential_fields_and_oauth_field() {
    let text = r#"{"title": "T", "envVars": {}, "credentials": {"fields": {"env": {"viewClass": "SelectView"}, "x": {"label": "X", "viewClass": "TextView"}},
      "oauth2": {"client_id": "{{env}}", "client_secret": "{{env}}", "auth_uri": "https://a.test/a", "token_uri": "https://a.test/t"}}}"#;
    let (text, diags) = check("component.json", text);
    let fields = only(&diags, "elasticio/credentials-field-invalid");
    let shown: Vec<(&str, &str)> = fields.iter().map(|d| (at(&text, d), d.severity.as_str())).collect();
    assert_eq!(shown, [("\"SelectView\"", "error")]);
    let oauth = only(&diags, "elasticio/oauth2-without-oauth-field");
    assert_eq!(oauth.len(), 1);
    let out = fixed(&text, oauth[0]);
    assert!(out.contains(r#""oauth": {"label": "Authentication", "viewClass": "OAuthFieldView", "required": true}"#));
}

#[test]
fn env_var_names_and_auth_client_types() {
    let text = r#"{"title": "T", "envVars": {"9LIVES": {}, "done": {}, "ok_name": {}},
      "authClientTypes": ["oauth2_instagram", "oauht2"], "credentials": {"fields": {"a": {"label": "A", "viewClass": "HTTPAuthView"}}}}"#;
    let (text, diags) = check("component.json", text);
    let names: Vec<&str> = only(&diags, "elasticio/envvar-name-invalid").iter().map(|d| at(&text, d)).collect();
    assert_eq!(names, ["\"9LIVES\"", "\"done\""]);
    let types = only(&diags, "elasticio/auth-client-type-invalid");
    assert_eq!(types.len(), 2);
    assert_eq!(at(&text, types[0]), "\"oauth2_instagram\"");
    assert_eq!(types[1].help.as_deref(), Some("did you mean `oauth2`?"));
}

#[test]
fn use_oauth_client_without_block_and_outside_credentials() {
    let text = r#"{"title": "T", "useOAuthClient": true, "oauth2": {"client_id": ""},
      "credentials": {"fields": {"o": {"label": "O", "viewClass": "OAuthFieldView"}}}}"#;
    let (text, diags) = check("component.json", text);
    assert_eq!(codes(&diags), ["elasticio/use-oauth-client-without-oauth2", "elasticio/oauth2-outside-credentials"]);
    assert_eq!(at(&text, &diags[0]), "\"useOAuthClient\"");
    assert_eq!(at(&text, &diags[1]), "\"oauth2\"");
}

#[test]
fn client_payload_readings_and_fixes() {
    let text = r#"{"data": {"type": "oauth-clients", "attributes": {"client_id": "id"},
      "relationships": {"component": {"data": {"id": "c1", "type": "components"}}}}}"#;
    let (text, diags) = check("body.json", text);
    let d = only(&diags, "elasticio/oauth-client-payload-invalid");
    assert_eq!(d.len(), 3, "{d:?}");
    assert_eq!(at(&text, d[0]), "\"oauth-clients\"");
    assert!(fixed(&text, d[0]).contains("\"type\": \"oauth-client\""));
    assert!(d[1].message.contains("`attributes.client_secret`"));
    assert!(fixed(&text, d[2]).contains("\"type\": \"component\""));

    let flow = r#"{"data": {"type": "flow", "attributes": {"client_id": "id", "client_secret": "{{S}}"},
      "relationships": {"component": {"data": {"id": "c1", "type": "component"}}}}}"#;
    let (_, diags) = check("body.json", flow);
    assert_eq!(codes(&diags), ["elasticio/oauth-client-type-flow"]);
    assert_eq!(diags[0].severity, crate::Severity::Warning);
    assert!(diags[0].note.as_deref().unwrap().contains("should be flow"));
    assert!(check("body.json", &flow.replace("\"flow\"", "\"oauth-client\"")).1.is_empty());
}

#[test]
fn tenant_state_duplicates_visibility_and_deletes() {
    let text = r#"{"tenant": "t1",
  "components": [{"id": "crm", "visible": true}, {"id": "hidden", "visible": false}],
  "flows": [{"id": "f1", "components": ["crm"]}, {"id": "f2", "components": ["crm"]}],
  "oauth_clients": [
    {"id": "oc1", "component": "crm", "client_id": "a", "client_secret": "{{A}}"},
    {"id": "oc2", "component": "crm", "client_id": "b", "client_secret": "{{B}}"},
    {"id": "oc3", "component": "hidden", "client_id": "c", "client_secret": "{{C}}"},
    {"id": "oc4", "component": "ghost", "client_id": "d", "client_secret": "{{D}}"}
  ],
  "delete": ["oc1", "oc3"]}"#;
    let (text, diags) = check("tenant.json", text);
    let dup = only(&diags, "elasticio/oauth-client-duplicate-per-tenant");
    let msgs: Vec<&str> = dup.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "a second OAuth client for component `crm` in tenant `t1`",
            "component `hidden` is not visible in tenant `t1`",
            "component `ghost` does not exist in tenant `t1`"
        ]
    );
    let del = only(&diags, "elasticio/oauth-client-delete-in-use");
    assert_eq!(del.len(), 1);
    assert_eq!(at(&text, del[0]), "\"oc1\"");
    assert!(del[0].message.contains("flows `f1`, `f2` use the component"), "{}", del[0].message);
    assert_eq!(del[0].secondary.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// The shared corpus.

/// `shared/corpus`, holding `elasticio/` (absent: the test fails unless `SPECC_SKIP_CORPUS=1`).
fn corpus() -> Option<PathBuf> {
    crate::test_support::shared_corpus("elasticio").and_then(|d| d.parent().map(Path::to_path_buf))
}

/// What each corpus file must (and must not) report, from the quirks named in MANIFEST.tsv.
const EXPECT: &[(&str, &[&str], &[&str])] = &[
    (
        "elasticio__gspreadsheets@7b99e97",
        &["legacy-env-key", "legacy-env-oauth", "provider/refresh-token-not-requested"],
        &[],
    ),
    (
        "elasticio__gspreadsheets@c17be8d",
        &["legacy-env-key", "legacy-env-oauth"],
        &["provider/refresh-token-not-requested"],
    ),
    ("elasticio__gspreadsheets__", &["legacy-env-key"], &["legacy-env-oauth", "provider/refresh-token-not-requested"]),
    ("elasticio__microsoft-onedrive-component@eb054c0", &["use-oauth-client-misplaced", "legacy-env-oauth"], &[]),
    ("elasticio__outlook@5b7952f", &["oauth2-uri-example-tenant", "legacy-env-oauth"], &["oauth2-uri-invalid"]),
    // `Profile` on Microsoft's identity platform, which ignores the case of scope names.
    (
        "elasticio__outlook@acb206c",
        &["legacy-env-oauth"],
        &["provider/refresh-token-not-requested", "oauth2-scopes-invalid"],
    ),
    ("elasticio__outlook@e85d4cf", &["use-oauth-client-misplaced", "legacy-env-oauth"], &["oauth2-scopes-invalid"]),
    // Undeclared `{{PODIO_APP_ID}}`-style variables are filled from the repository's variables.
    ("elasticio__podio-component@eb462a2", &[], &["placeholder-undefined"]),
    (
        "elasticio__salesforce-component@123aec3",
        &["oauth2-uri-invalid", "placeholder-in-uri-host"],
        &["placeholder-undefined"],
    ),
    (
        "elasticio__salesforce-component@425e0ca",
        &["legacy-env-oauth", "placeholder-in-uri-host"],
        &["placeholder-undefined"],
    ),
    ("elasticio__salesforce-component@bc982b2", &["legacy-env-key", "legacy-env-oauth"], &["placeholder-undefined"]),
    ("elasticio__salesforce-component__", &["placeholder-in-uri-host"], &["legacy-env-oauth"]),
    ("thatapp__podio-component@7998386", &["secret-literal-in-component-json"], &[]),
    ("thatapp__podio-component__", &[], &["placeholder-undefined"]),
    ("thatapp__podio-new-component@05535fb", &[], &["placeholder-undefined"]),
    ("thatapp__podio-new-component__component", &["placeholder-undefined", "legacy-env-oauth"], &[]),
    ("thatapp__podio-new-component__test", &[], &["placeholder-undefined"]),
    ("thatapp__salesforce-component__", &["placeholder-in-uri-host"], &["legacy-env-oauth"]),
];

/// Files that must check clean: negative controls and current, migrated components.
const CLEAN: &[&str] = &[
    "elasticio__mailchimp-component__",
    "elasticio__microsoft-onedrive-component@2529521",
    "elasticio__microsoft-onedrive-component@df8af5b",
    "elasticio__microsoft-onedrive-component__",
    "elasticio__outlook__",
    "elasticio__pipedrive-component__",
    "elasticio__podio-component__",
    "elasticio__salesforce-component-v2__",
    "elasticio__sugarcrm-component__",
    "elasticio__x-twitter-component__",
];

#[test]
fn corpus_quirks_are_reported_by_the_expected_codes() {
    let Some(dir) = corpus() else { return };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("shared/corpus/MANIFEST.tsv");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir.join("elasticio")).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let mut matched = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let (text, diags) = check(&name, &text);
        let got: Vec<&str> = diags.iter().map(|d| d.code).collect();
        // Every fix applies cleanly.
        for d in diags.iter().filter(|d| d.fix.is_some()) {
            fixed(&text, d);
        }
        let note = manifest.lines().find(|l| l.split('\t').nth(1) == Some(name.as_str())).unwrap_or("");
        if note.contains("MALFORMED JSON") {
            // The note names the line; the finding is on it or next to it (the comma before it, or
            // the token after a missing comma).
            let line: Option<u32> = note
                .split("line ")
                .nth(1)
                .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse().ok());
            let doc = specc_syntax::Document::parse(specc_syntax::FileId(0), &name, text.as_bytes());
            let d = diags.iter().find(|d| d.code == "syntax/invalid-json").unwrap_or_else(|| panic!("{name}: {got:?}"));
            let at = doc.line_col(d.span.start).line;
            if let Some(line) = line {
                assert!(at.abs_diff(line) <= 1, "{name}: reported at line {at}, note says {line}");
            }
            // A broken file is still recognised as elastic.io when a directory is walked.
            assert_eq!(specc_dialects::sniff(path, &text), Some(specc_ir::Dialect::ElasticIo), "{name}");
            matched += 1;
            continue;
        }
        if let Some((_, want, not)) = EXPECT.iter().find(|(prefix, ..)| name.starts_with(prefix)) {
            let full = |code: &str| if code.contains('/') { code.to_string() } else { format!("elasticio/{code}") };
            for code in *want {
                assert!(got.contains(&full(code).as_str()), "{name}: expected {code}, got {got:?}");
            }
            for code in *not {
                assert!(!got.contains(&full(code).as_str()), "{name}: unexpected {code}");
            }
            matched += 1;
        } else if CLEAN.iter().any(|p| name.starts_with(p)) {
            assert!(diags.is_empty(), "{name}: {got:?}");
            matched += 1;
        }
        // The literal secret is never repeated.
        if name.starts_with("thatapp__podio-component@7998386") {
            let secret = "4OjMH5sRf46OkwbKQHuLSdMkDKCKk7VOJWGRSyiQnsCHOHCcKRJYSnk27qnMg9oq";
            for d in &diags {
                let all =
                    format!("{} {:?} {:?} {:?} {:?} {:?}", d.message, d.label, d.help, d.note, d.secondary, d.fix);
                assert!(!all.contains(secret) && !all.contains(&secret[2..12]), "{all}");
            }
            let d = diags.iter().find(|d| d.code == "elasticio/secret-literal-in-component-json").unwrap();
            assert_eq!(&text[d.span.start as usize + 1..d.span.end as usize - 1], secret);
        }
    }
    assert!(matched >= 36, "only {matched} corpus files were judged");
}
