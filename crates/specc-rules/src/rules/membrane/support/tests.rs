//! Tests of the `membrane/` rules: exact codes, messages and spans on small connectors, and a run over
//! the real connectors of the shared corpus.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use specc_dialects::Dialect;
use specc_ir::{ClientAuthLocation, CredentialValue};
use specc_syntax::{Diagnostic, SourceDb};

use crate::{Applicability, Context};

/// Runs the whole pipeline over one unit: syntax findings of every document, lowering findings, rules.
pub(crate) fn check_unit(primary: &Path) -> (SourceDb, Option<specc_dialects::Lowered>, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let id = db.load(primary);
    let detection = db.get(id).filter(|d| !d.fatal).and_then(|d| specc_dialects::detect(primary, d));
    let lowered = detection.map(|d| specc_dialects::lower(&mut db, id, d.dialect));
    let mut diags = Vec::new();
    if let Some(l) = &lowered {
        diags.extend(crate::run_rules(&Context::new(&db, l)));
        diags.extend(l.diagnostics.iter().cloned());
    }
    diags.extend(db.iter().flat_map(|d| d.diagnostics.iter().cloned()));
    specc_diagnostics::sort_diagnostics(&mut diags);
    (db, lowered, diags)
}

fn text<'a>(db: &'a SourceDb, d: &Diagnostic) -> &'a str {
    db.get(d.span.file).map(|doc| &doc.text[d.span.range()]).unwrap_or("")
}

struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str, files: &[(&str, &str)]) -> Tmp {
        let dir = std::env::temp_dir().join(format!("specc-membrane-rules-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, content) in files {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, content).unwrap();
        }
        Tmp(dir)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const SPEC: &str = "key: demo\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n  makeApiClient:\n    implementationType: javascript\n  getCredentialsFromTokenResponse:\n    implementationType: javascript\n  refreshCredentials:\n    implementationType: mapping\n";

const CONFIG: &str = "clientId: my-client\nclientSecret: sup3r-s3cret-value\nauthorizeUri: https://a.example.com/authorize\nscopes: read write\nskipClientAuthInHeader: true\nskipPkce: true\nnoRefreshToken: true\nextra:\n  access_type: offline\n  redirect_uri: https://evil.example.com/cb\n";

#[test]
fn findings_point_into_the_file_that_holds_the_problem() {
    let tmp = Tmp::new(
        "spans",
        &[
            ("spec.yml", SPEC),
            ("auth/get-oauth-config.map.yml", CONFIG),
            ("auth/make-api-client.js", "exports.makeApiClient = () => ({})\n"),
            ("auth/get-credentials-from-token-response.js", "exports.getCredentialsFromTokenResponse = 1\n"),
        ],
    );
    let (db, lowered, diags) = check_unit(&tmp.0.join("spec.yml"));
    let got: BTreeSet<(&str, String, &str)> = diags
        .iter()
        .map(|d| {
            let file = db.get(d.span.file).unwrap().path.file_name().unwrap().to_str().unwrap().to_string();
            (d.code, file, text(&db, d))
        })
        .collect();
    let expected: BTreeSet<(&str, String, &str)> = [
        ("membrane/legacy-token-response-method", "spec.yml", "getCredentialsFromTokenResponse"),
        ("membrane/unsupported-implementation-type", "spec.yml", "mapping"),
        ("membrane/implementation-file-missing", "spec.yml", "refreshCredentials"),
        ("membrane/oauth-config-missing-field", "get-oauth-config.map.yml", ""),
        ("membrane/client-id-literal", "get-oauth-config.map.yml", "my-client"),
        ("membrane/client-credential-literal", "get-oauth-config.map.yml", "sup3r-s3cret-value"),
        ("membrane/scopes-not-array", "get-oauth-config.map.yml", "read write"),
        ("membrane/deprecated-skip-client-auth", "get-oauth-config.map.yml", "skipClientAuthInHeader"),
        ("membrane/skip-pkce", "get-oauth-config.map.yml", "true"),
        ("membrane/no-refresh-inconsistent", "get-oauth-config.map.yml", "true"),
        ("membrane/extra-overrides-core-param", "get-oauth-config.map.yml", "redirect_uri"),
        // The cross-dialect rule sees the body client authentication the deprecated switch implies.
        ("oauth/client-secret-in-body", "get-oauth-config.map.yml", "true"),
    ]
    .into_iter()
    .map(|(c, f, t)| (c, f.to_string(), t))
    .collect();
    assert_eq!(got, expected);

    // The deprecated switch is what the IR uses for client authentication.
    let l = lowered.unwrap();
    let c = &l.ir.configs[0];
    assert_eq!(c.client_auth.as_ref().unwrap().value, ClientAuthLocation::Body);
    assert!(matches!(c.client_secret.as_ref().unwrap().value, CredentialValue::Literal(_)));

    // No message, label, note or help shows the secret.
    for d in &diags {
        let all = format!("{} {:?} {:?} {:?} {:?}", d.message, d.label, d.note, d.help, d.secondary);
        assert!(!all.contains("sup3r"), "secret leaked in {}: {all}", d.code);
    }
    let missing = diags.iter().find(|d| d.code == "membrane/oauth-config-missing-field").unwrap();
    assert_eq!(missing.message, "the OAuth config has no `tokenUri`");
    assert!(missing.file_level);
    let legacy = diags.iter().find(|d| d.code == "membrane/legacy-token-response-method").unwrap();
    assert_eq!(legacy.severity, crate::Severity::Warning);
    assert_eq!(legacy.fix.as_ref().unwrap().applicability, Applicability::Unsafe);
    let scopes = diags.iter().find(|d| d.code == "membrane/scopes-not-array").unwrap();
    assert_eq!(scopes.fix.as_ref().unwrap().edits[0].replacement, r#"["read", "write"]"#);
    let skip = diags.iter().find(|d| d.code == "membrane/deprecated-skip-client-auth").unwrap();
    let edit = &skip.fix.as_ref().unwrap().edits[0];
    assert_eq!(&db.get(edit.span.file).unwrap().text[edit.span.range()], "skipClientAuthInHeader: true\n");
    assert_eq!(edit.replacement, "clientAuthLocation: body\n");
}

#[test]
fn absent_client_auth_location_is_explained_not_guessed() {
    let config = "clientId:\n  $var: connectorParameters.clientId\nclientSecret:\n  $var: connectorParameters.clientSecret\nauthorizeUri: https://a.example.com/authorize\ntokenUri: https://a.example.com/token\n";
    let spec = "auth:\n  type: oauth2\n  getOAuthConfig:\n    type: mapping\n    mapping:\n      clientId:\n        $var: connectorParameters.clientId\n      clientSecret:\n        $var: connectorParameters.clientSecret\n      authorizeUri: https://a.example.com/authorize\n      tokenUri: https://a.example.com/token\n  makeApiClient:\n    implementationType: mapping\n  test:\n    implementationType: javascript\n";
    let tmp = Tmp::new(
        "cal",
        &[
            ("spec.yml", spec),
            ("unused.map.yml", config),
            ("auth/make-api-client.map.yml", "baseUri: https://api.example.com\n"),
            ("auth/test.js", "export async function test() {}\n"),
        ],
    );
    let (db, _, diags) = check_unit(&tmp.0.join("spec.yml"));
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.code, "membrane/client-auth-location-unset");
    assert_eq!(d.severity, crate::Severity::Info);
    assert_eq!(text(&db, d), "clientId", "inline mapping: points at its first key");
    assert!(d.note.as_ref().unwrap().contains("SDK"));
    let fix = d.fix.as_ref().unwrap();
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert_eq!(fix.edits[0].replacement, "\n      clientAuthLocation: headers");
}

/// `shared/corpus/<name>` (absent: the test fails unless `SPECC_SKIP_CORPUS=1`).
fn corpus_dir(name: &str) -> Option<PathBuf> {
    crate::test_support::shared_corpus(name)
}

/// Units of a corpus directory as the CLI forms them: JSON/YAML files, auxiliary files folded into
/// their primary.
pub(crate) fn corpus_units(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "yaml" | "yml")))
        .collect();
    files.sort();
    let mut units = BTreeSet::new();
    for f in files {
        let mut db = SourceDb::new();
        let id = db.load(&f);
        let primary = db
            .get(id)
            .and_then(|d| specc_dialects::detect(&f, d))
            .and_then(|d| d.unit_primary)
            .unwrap_or_else(|| f.clone());
        units.insert(primary);
    }
    units.into_iter().collect()
}

fn short(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().replace("integration-app__", "")
}

#[test]
fn corpus_membrane() {
    let Some(dir) = corpus_dir("membrane") else { return };
    let mut by_file: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    let mut lowered_units = 0;
    for unit in corpus_units(&dir) {
        let (db, lowered, diags) = check_unit(&unit);
        if let Some(l) = &lowered {
            assert_eq!(l.ir.dialect, Dialect::Membrane, "{}", unit.display());
            lowered_units += 1;
        }
        for d in &diags {
            let doc = db.get(d.span.file).unwrap();
            assert!(d.span.end as usize <= doc.text.len(), "span out of file: {d:?}");
        }
        by_file.insert(short(&unit), diags.iter().map(|d| d.code).collect());
    }
    eprintln!("membrane corpus: {lowered_units} units lowered\n{by_file:#?}");

    let drive = "workspace-tools__development__connectors__Google_Drive_642e822e986ed1caad090f1d__2.1.12__2.1.12.yaml";
    assert!(by_file[drive].is_empty(), "a live connector version without `test` works: {:?}", by_file[drive]);
    let zip_spec =
        "workspace-tools__development__connectors__Quickbooks_66991c968141c0ac6fd10072__1.0.0__1.0.0.zip__spec.yml";
    assert_eq!(
        by_file[zip_spec],
        ["membrane/implementation-file-missing", "membrane/implementation-file-missing", "oauth/client-secret-in-body"],
        "the archive's JS hooks were not extracted into the corpus; its mapping sends client credentials in the body"
    );
    for clean in [
        "pipedrive-connector__src__spec.yml",
        "pipedrive-connector@f7bddeb__src__spec.yml",
        "workspace-tools__development__connectors__Freshbooks_643e84dcbadd839bce47c653__development__development.yaml",
        "workspace-tools__development__connectors__Gusto_65266e3d70089fac48484f27__1.0.1__1.0.1.yaml",
        "workspace-tools__development__connectors__Xero_642c613b986ed1caad98172b__1.0.0__1.0.0.yaml",
    ] {
        assert_eq!(by_file[clean], Vec::<&str>::new(), "{clean}");
    }
    // The aux files of the zip were folded into their spec, and its mapping lowered from the flattened file.
    assert!(!by_file.keys().any(|k| k.contains("zip__auth__")));
    let (_, lowered, _) = check_unit(&dir.join(format!("integration-app__{zip_spec}")));
    let c = &lowered.unwrap().ir.configs[0];
    assert_eq!(c.client_auth.as_ref().unwrap().value, ClientAuthLocation::Body);
    assert_eq!(c.client_id.as_ref().unwrap().value, CredentialValue::Parameter("clientId".into()));
    assert_eq!(c.flows[0].token_url.as_ref().unwrap().raw, "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");
}
