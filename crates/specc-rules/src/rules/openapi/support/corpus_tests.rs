//! Corpus test: every real OpenAPI file of `shared/corpus/openapi` through the whole pipeline (parse,
//! detect, lower, rules). Nothing may panic; each file either lowers or has a located syntax finding;
//! and the quirks MANIFEST.tsv records for these files are reported by the codes that own them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use specc_diagnostics::Diagnostic;
use specc_syntax::SourceDb;

use crate::Context;

/// `shared/corpus/openapi` (absent: the test fails unless `SPECC_SKIP_CORPUS=1`).
fn corpus_dir() -> Option<PathBuf> {
    crate::test_support::shared_corpus("openapi")
}

/// One corpus file after reading, lowering and running every rule.
struct CheckedFile {
    lowered: bool,
    diagnostics: Vec<Diagnostic>,
    db: SourceDb,
}

fn run(path: &std::path::Path) -> CheckedFile {
    let bytes = std::fs::read(path).unwrap();
    let mut db = SourceDb::new();
    let id = db.add_bytes(path, &bytes);
    let doc = db.get(id).unwrap();
    let mut diagnostics = doc.diagnostics.clone();
    let mut lowered = false;
    if !doc.fatal {
        if let Some(detection) = specc_dialects::detect(path, doc) {
            let l = specc_dialects::lower(&mut db, id, detection.dialect);
            diagnostics.extend(crate::run_rules(&Context::new(&db, &l)));
            diagnostics.extend(l.diagnostics.iter().cloned());
            lowered = true;
        }
    }
    specc_diagnostics::sort_diagnostics(&mut diagnostics);
    CheckedFile { lowered, diagnostics, db }
}

fn files() -> Vec<PathBuf> {
    let Some(dir) = corpus_dir() else { return Vec::new() };
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "yaml" || x == "yml"))
        .collect();
    v.sort();
    v
}

fn checked_file(name_part: &str) -> (String, CheckedFile) {
    let path = files().into_iter().find(|p| p.to_string_lossy().contains(name_part)).unwrap();
    (path.file_name().unwrap().to_string_lossy().into_owned(), run(&path))
}

fn text(o: &CheckedFile, d: &Diagnostic) -> String {
    super::testing::slice(&o.db, d.span)
}

#[test]
fn every_corpus_file_lowers_or_has_a_located_syntax_finding() {
    let files = files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut lowered, mut broken) = (0, 0);
    for path in &files {
        let o = run(path);
        if o.lowered {
            lowered += 1;
        } else {
            broken += 1;
            assert!(
                o.diagnostics.iter().any(|d| d.code.starts_with("syntax/")
                    && (d.file_level || d.span.end > d.span.start || d.span.start > 0)),
                "{} neither lowered nor has a located syntax finding: {:?}",
                path.display(),
                o.diagnostics
            );
        }
        let len = o.db.get(specc_syntax::FileId(0)).map_or(0, |d| d.text.len()) as u32;
        for d in &o.diagnostics {
            assert!(d.span.end <= len && d.span.start <= d.span.end, "{}: span out of range: {d:?}", path.display());
            assert!(!d.message.ends_with('.'), "message ends with a period: {}", d.message);
            if let Some(fix) = &d.fix {
                assert!(fix.is_well_formed(), "{}: overlapping edits: {d:?}", path.display());
            }
            *per_code.entry(d.code).or_default() += 1;
        }
    }
    eprintln!("corpus: {} files, {lowered} lowered, {broken} not lowered", files.len());
    for (code, n) in &per_code {
        eprintln!("  {n:5}  {code}");
    }
    assert_eq!(lowered + broken, files.len());
}

/// Prints the codes found per file; `SPECC_DUMP=<part of a file name>` prints that file's findings.
#[test]
#[ignore = "exploration aid: cargo test -p specc-rules corpus_dump -- --ignored --nocapture"]
fn corpus_dump() {
    for path in files() {
        let o = run(&path);
        let codes: BTreeMap<&str, usize> = o.diagnostics.iter().fold(BTreeMap::new(), |mut m, d| {
            *m.entry(d.code).or_default() += 1;
            m
        });
        eprintln!("{} lowered={} {:?}", path.file_name().unwrap().to_string_lossy(), o.lowered, codes);
        if std::env::var("SPECC_DUMP").is_ok_and(|v| path.to_string_lossy().contains(&v)) {
            for d in &o.diagnostics {
                eprintln!("   {} {} {} | {:?}", d.severity, d.code, d.message, text(&o, d));
            }
        }
    }
}

/// The MANIFEST.tsv rows of the openapi corpus: file name and note.
fn manifest() -> Vec<(String, String)> {
    let Some(dir) = corpus_dir() else { return Vec::new() };
    let tsv = std::fs::read_to_string(dir.join("../MANIFEST.tsv")).expect("shared/corpus/MANIFEST.tsv");
    tsv.lines()
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.first() == Some(&"openapi") && cols.len() >= 6).then(|| (cols[1].to_string(), cols[5].to_string()))
        })
        .collect()
}

/// Findings of one code, with the text under each primary span.
fn found(o: &CheckedFile, code: &str) -> Vec<String> {
    o.diagnostics.iter().filter(|d| d.code == code).map(|d| text(o, d)).collect()
}

#[test]
fn manifest_quirks_map_to_codes() {
    let rows = manifest();
    if rows.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    let mut checked = 0;
    for (name, note) in &rows {
        let path = corpus_dir().unwrap().join(name);
        if !path.is_file() {
            continue;
        }
        let o = run(&path);
        // Negative controls: no OAuth scheme, so nothing to say.
        if note.contains("NEGATIVE CONTROL") {
            assert!(o.diagnostics.is_empty(), "{name}: negative control has findings: {:?}", o.diagnostics);
            checked += 1;
            continue;
        }
        let urls = note.split("urls: ").nth(1).map(|u| u.split(';').next().unwrap_or("")).unwrap_or("");
        // Plain-http OAuth URLs.
        if urls.split('|').any(|u| u.starts_with("http://")) {
            assert!(!found(&o, "oauth/insecure-http-url").is_empty(), "{name}: http URL not reported");
            checked += 1;
        }
        // Relative URLs resolve against host/basePath (all these files have a host): never "invalid".
        if urls.split('|').any(|u| u.starts_with('/')) {
            assert!(found(&o, "openapi/oauth2-url-invalid").is_empty(), "{name}: relative URL reported as invalid");
            assert!(found(&o, "oauth/insecure-http-url").is_empty(), "{name}: resolved against an http server");
            checked += 1;
        }
        // An oauth2 scheme whose URLs are all empty strings.
        if note.contains("oauth2 scheme") && urls.trim().is_empty() {
            let invalid = found(&o, "openapi/oauth2-url-invalid");
            assert!(!invalid.is_empty() && invalid.iter().all(|t| t == "''"), "{name}: empty URLs: {invalid:?}");
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} manifest checks ran");
}

#[test]
fn specific_quirks() {
    if corpus_dir().is_none() {
        return;
    }
    // authorizationUrl equal to tokenUrl (an accessCode flow whose login page is the token endpoint).
    for part in ["motaword.com", "lufthansa.com__public"] {
        let (name, o) = checked_file(part);
        assert_eq!(found(&o, "oauth/authorization-url-equals-token-url").len(), 1, "{name}");
    }
    // A scope name with spaces.
    for part in ["lufthansa.com__public", "lufthansa.com__partner"] {
        let (name, o) = checked_file(part);
        assert_eq!(found(&o, "oauth/scope-token-invalid"), ["'read:LH Open API'"], "{name}");
    }
    // Empty URLs (the "missing" URLs of the manifest: the keys are there, the values are '').
    for (part, n) in [("zenoti.com", 2), ("reloadly.com", 2), ("airport-web", 1)] {
        let (name, o) = checked_file(part);
        assert_eq!(found(&o, "openapi/oauth2-url-invalid"), vec!["''"; n], "{name}");
    }
    // Flows without any scopes map (2.0: warning).
    for part in ["airport-web", "clever.com", "netlify.com"] {
        let (name, o) = checked_file(part);
        let d: Vec<_> = o.diagnostics.iter().filter(|d| d.code == "openapi/oauth2-missing-scopes").collect();
        assert_eq!(d.len(), 1, "{name}");
        assert_eq!(d[0].severity, specc_diagnostics::Severity::Warning, "{name}");
    }
    // Empty scopes maps are fine.
    for part in ["APIs-guru__unofficial_openapi_specs__yelp.com", "salesloft.com", "bufferapp.com"] {
        let (name, o) = checked_file(part);
        assert!(found(&o, "openapi/oauth2-missing-scopes").is_empty(), "{name}");
    }
    // Plain-http URLs, narrow span on the URL.
    let (_, o) = checked_file("readmeio__oas-examples__2.0__yaml__petstore-simple");
    assert_eq!(found(&o, "oauth/insecure-http-url"), ["http://petstore.swagger.io/oauth/dialog"]);
    // Relative URLs are resolved against host + basePath: an absolute path replaces basePath.
    // They are reported as advice, with what they resolve to.
    let (_, o) = checked_file("dracoon.team");
    let relative: Vec<&str> =
        o.diagnostics.iter().filter(|d| d.code == "openapi/oauth2-relative-url").map(|d| d.message.as_str()).collect();
    assert_eq!(relative.len(), 2, "{:?}", o.diagnostics);
    assert!(relative[0].ends_with("resolves to `https://dracoon.team/oauth/authorize`"), "{}", relative[0]);
    assert_eq!(o.diagnostics.len(), 2, "{:?}", o.diagnostics);
    // Password and implicit flows.
    let (_, o) = checked_file("cpy.re__peertube");
    assert_eq!(found(&o, "openapi/oauth2-password-flow"), ["password"]);
    let (_, o) = checked_file("googleapis.com__drive__v3");
    let implicit: Vec<_> = o.diagnostics.iter().filter(|d| d.code == "openapi/oauth2-implicit-flow").collect();
    assert_eq!(implicit[0].severity, specc_diagnostics::Severity::Warning, "RFC 9700: SHOULD NOT, not MUST NOT");
    // Scopes used by operations but declared by no flow.
    let (_, o) = checked_file("linode.com");
    assert!(found(&o, "openapi/security-undefined-scope").iter().all(|t| t.contains("object_storage:")));
}
