//! Tests of the `keboola/` rules: exact codes, messages and spans on small bodies and configurations,
//! and a run over the Keboola files of the shared corpus.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use specc_syntax::{Diagnostic, SourceDb};

use crate::rules::membrane::tests::{check_unit, corpus_units};
use crate::{Applicability, Context, Severity};

fn check_text(text: &str) -> (SourceDb, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let id = db.add_bytes("body.json", text.as_bytes());
    let det = specc_dialects::detect(Path::new("body.json"), db.get(id).unwrap()).expect("detected");
    let l = specc_dialects::lower(&mut db, id, det.dialect);
    let mut diags = crate::run_rules(&Context::new(&db, &l));
    diags.extend(l.diagnostics.iter().cloned());
    specc_diagnostics::sort_diagnostics(&mut diags);
    (db, diags)
}

fn slice<'a>(db: &'a SourceDb, d: &Diagnostic) -> &'a str {
    &db.get(d.span.file).unwrap().text[d.span.range()]
}

fn apply(db: &SourceDb, d: &Diagnostic) -> String {
    specc_syntax::edit::apply(&db.get(d.span.file).unwrap().text, &d.fix.as_ref().unwrap().edits)
}

#[test]
fn auth_url_findings_are_narrow() {
    let body = r#"{
  "component_id": "keboola.ex-x",
  "friendly_name": "X",
  "app_key": "k",
  "app_secret": "",
  "auth_url": "https://x.example.com/auth?client_id=%%client_id%%&login=%%client_id%%&s=%%scopes%%&state=abc&scope=a b",
  "oauth_version": "2.0"
}"#;
    let (db, diags) = check_text(body);
    let got: Vec<(&str, &str)> = diags.iter().map(|d| (d.code, slice(&db, d))).collect();
    assert_eq!(
        got,
        [
            ("keboola/manage-missing-required", "{"),
            ("keboola/manage-missing-required", "\"\""),
            ("keboola/auth-url-missing-redirect", &body[body.find("\"https").unwrap()..body.find(" b\"").unwrap() + 3]),
            ("keboola/auth-url-client-id-deprecated", "%%client_id%%"),
            ("keboola/auth-url-client-id-deprecated", "%%client_id%%"),
            ("keboola/auth-url-repeated-placeholder", "%%client_id%%"),
            ("keboola/auth-url-unknown-placeholder", "%%scopes%%"),
            ("keboola/auth-url-static-state", "state=abc"),
            ("keboola/auth-url-not-encoded", " "),
        ]
    );
    assert_eq!(diags[0].message, "the manage body has no `token_url`");
    assert_eq!(diags[1].message, "`app_secret` is empty");
    let not_encoded = diags.iter().find(|d| d.code == "keboola/auth-url-not-encoded").unwrap();
    assert!(apply(&db, not_encoded).contains("scope=a%20b\""));
    let deprecated = diags.iter().find(|d| d.code == "keboola/auth-url-client-id-deprecated").unwrap();
    assert_eq!(deprecated.fix.as_ref().unwrap().applicability, Applicability::Safe);
    assert!(apply(&db, deprecated).contains("client_id=%%app_key%%&login=%%client_id%%"));
}

#[test]
fn config_findings_and_version_fix() {
    let cfg = r##"{
    "parameters": {"api": {"token": "f3Kq9ZxT2wLp", "#pw": {"a": 1}}},
    "authorization": {
        "oauth_api": {
            "id": "42",
            "version": 2,
            "credentials": {
                "#data": {"access_token": "tok-value-1"},
                "appKey": "k",
                "#appSecret": "plain-secret-value"
            }
        }
    }
}"##;
    let (db, diags) = check_text(cfg);
    let got: Vec<(&str, &str)> = diags.iter().map(|d| (d.code, slice(&db, d))).collect();
    assert_eq!(
        got,
        [
            ("keboola/secret-key-not-hash-prefixed", "\"token\""),
            ("keboola/secret-key-not-hash-prefixed", "{\"a\": 1}"),
            ("keboola/oauth-api-version-deprecated", "2"),
            ("keboola/data-not-json-string", "{\"access_token\": \"tok-value-1\"}"),
            ("keboola/secret-key-not-hash-prefixed", "{\"access_token\": \"tok-value-1\"}"),
            ("keboola/secret-not-encrypted", "\"plain-secret-value\""),
        ]
    );
    let version = diags.iter().find(|d| d.code == "keboola/oauth-api-version-deprecated").unwrap();
    assert_eq!(version.severity, Severity::Warning);
    assert!(apply(&db, version).contains("\"version\": 3,"));
    for d in &diags {
        let all = format!("{} {:?} {:?} {:?}", d.message, d.label, d.note, d.help);
        for secret in ["f3Kq9ZxT2wLp", "tok-value-1", "plain-secret-value"] {
            assert!(!all.contains(secret), "secret in {}: {all}", d.code);
        }
    }
}

#[test]
fn missing_version_is_inserted_after_the_last_member() {
    let cfg =
        "{\n    \"authorization\": {\n        \"oauth_api\": {\n            \"id\": \"42\"\n        }\n    }\n}\n";
    let (db, diags) = check_text(cfg);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        apply(&db, &diags[0]),
        "{\n    \"authorization\": {\n        \"oauth_api\": {\n            \"id\": \"42\",\n            \"version\": 3\n        }\n    }\n}\n"
    );
}

/// `shared/corpus/keboola` (absent: the test fails unless `SPECC_SKIP_CORPUS=1`).
fn corpus_dir() -> Option<PathBuf> {
    crate::test_support::shared_corpus("keboola")
}

#[test]
fn corpus_keboola() {
    let Some(dir) = corpus_dir() else { return };
    let mut by_file: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    let (mut lowered_n, mut broken, mut undetected) = (0, 0, 0);
    for unit in corpus_units(&dir) {
        let (db, lowered, diags) = check_unit(&unit);
        let name = unit.file_name().unwrap().to_string_lossy().replace("keboola__", "");
        match &lowered {
            Some(_) => lowered_n += 1,
            None if db.iter().any(|d| d.fatal) => {
                broken += 1;
                assert!(
                    diags.iter().any(|d| d.code.starts_with("syntax/")),
                    "{name}: broken without a located finding"
                );
            }
            None => undetected += 1,
        }
        for d in &diags {
            let doc = db.get(d.span.file).unwrap();
            assert!(d.span.end as usize <= doc.text.len());
            for secret in ["TopSecret", "clientSecret5678ghjk", "MY_CLIENT_SECRET", "clScrt"] {
                let all = format!("{} {:?} {:?} {:?}", d.message, d.label, d.note, d.help);
                assert!(!all.contains(secret), "{name}: secret in {}", d.code);
            }
        }
        by_file.insert(name, diags.iter().map(|d| d.code).collect());
    }
    eprintln!("keboola corpus: {lowered_n} lowered, {broken} not parseable, {undetected} not Keboola\n{by_file:#?}");
    assert_eq!(undetected, 1, "only the docker-bundle JSON Schema is not a Keboola input");

    let has = |file: &str, code: &str| by_file.get(file).is_some_and(|c| c.contains(&code));
    for readme in
        ["google-drive-extractor-config-rows__README.md__block02.json", "google-sheets-writer__README.md__block02.json"]
    {
        assert!(has(readme, "keboola/auth-url-client-id-deprecated"), "{readme}");
        assert!(has(readme, "keboola/auth-url-not-encoded"), "{readme}");
        assert!(has(readme, "keboola/manage-missing-required"), "{readme}: empty app_secret");
    }
    assert!(has("generic-extractor__doc__examples__102-oauth1__config.json", "keboola/invalid-field-type"));
    // Documentation dummies (`TopSecret`, `userToken`, `clientSecret`) are placeholders, not secrets.
    assert!(!has("generic-extractor__doc__examples__102-oauth1__config.json", "keboola/secret-not-encrypted"));
    // Generic Extractor's OAuth 2.0 reads `#data` as text unless `"format": "json"`.
    assert!(!has("generic-extractor__doc__examples__103-oauth2-bearer__config.json", "keboola/data-not-token-response"));
    // `xxxxx` stands for the token response.
    assert!(!has(
        "generic-extractor__tests__phpunit__data__invalidHeadersConfigOauth__config.json",
        "keboola/data-not-token-response"
    ));
    assert!(has(
        "generic-extractor__tests__phpunit__data__oauth20queryfn__config.json",
        "keboola/credentials-without-app-key"
    ));
    assert!(has("developers-docs__extend__common-interface__oauth.md__block01.json", "syntax/invalid-json"));
    for placeholders in [
        "ex-onedrive__tests__datadir__extract-big-file__source__data__config.json",
        "wr-onedrive__tests__datadir__create-workbook__source__data__config.json",
        "google-analytics-extractor__tests__functional__data-api-filter-dimension__source__data__config.json",
    ] {
        assert_eq!(by_file[placeholders], Vec::<&str>::new(), "{placeholders}: placeholders are not secrets");
    }
}
