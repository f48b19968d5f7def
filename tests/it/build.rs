//! `specc build`: round trips for every (source dialect, target) pair, golden files, determinism,
//! emitted output that `specc check` accepts (for the sources below and every valid fixture and corpus
//! file), secrets that never reach output without `--inline-secrets`, and the CLI contract.
//!
//! Sources live in `tests/build/sources/<dialect>/`, one per dialect (two for Keboola: a registration
//! and a configuration). Each holds the sentinel secret below, except the OpenAPI document, which has
//! no place for one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)] // test helpers

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use specc::driver::UnitReport;
use specc_emit::context::whole_placeholder;
use specc_emit::urls::{decode, provider_url, split_query};
use specc_emit::{BuildError, BuildOptions, Built, Caps, Field, Target, TARGETS};
use specc_ir::{AuthConfig, Credential, CredentialValue, Flow, FlowKind, ParamTarget, Pkce, Protocol};

const SENTINEL: &str = "SENTINEL-s3cr3t-7f3a9c";

/// `(name, path)` of each source, relative to the workspace root.
const SOURCES: &[(&str, &str)] = &[
    ("elasticio", "tests/build/sources/elasticio/component.json"),
    ("membrane", "tests/build/sources/membrane"),
    ("openapi", "tests/build/sources/openapi/openapi.yaml"),
    ("itential", "tests/build/sources/itential/instance.yaml"),
    ("keboola-manage", "tests/build/sources/keboola/manage.json"),
    ("keboola-config", "tests/build/sources/keboola/config.json"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

fn options(inline_secrets: bool) -> BuildOptions {
    BuildOptions {
        inline_secrets,
        component_id: Some("acme-crm".into()),
        tenant_id: Some("5f1a0c0ffee0tenant".into()),
        oauth_api_id: Some("123456".into()),
        ..BuildOptions::default()
    }
}

/// The first OAuth configuration of the first unit under `path` that has one.
fn lower(path: &Path) -> (Vec<UnitReport>, Option<AuthConfig>) {
    let reports = specc::driver::check_paths(&[path.to_path_buf()]);
    let config = reports
        .iter()
        .filter_map(|r| r.result.as_ref())
        .flat_map(|l| l.ir.configs.iter())
        .find(|c| c.protocol.is_oauth())
        .cloned();
    (reports, config)
}

fn source(path: &str) -> AuthConfig {
    lower(&root().join(path)).1.unwrap_or_else(|| panic!("{path}: no OAuth configuration"))
}

/// A fresh directory for one build's output.
fn scratch() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "specc-build-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write_out(built: &Built) -> PathBuf {
    let dir = scratch();
    specc::build::write_files(&dir, &built.files, true, 0o644).unwrap();
    dir
}

// ---------------------------------------------------------------------------------------------------
// Round trip.

/// An extra parameter as compared: name, value, target.
type Param = (String, String, String);

/// A client credential as the round trip compares it: a value, or a reference (by name when known).
#[derive(Debug, Clone)]
enum Cred {
    Value(String),
    Ref(Option<String>),
}

impl PartialEq for Cred {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Cred::Value(a), Cred::Value(b)) => a == b,
            (Cred::Ref(Some(a)), Cred::Ref(Some(b))) => a == b,
            (Cred::Ref(_), Cred::Ref(_)) => true,
            _ => false,
        }
    }
}

fn cred(c: Option<&Credential>) -> Option<Cred> {
    match &c?.value {
        CredentialValue::Literal(s) => {
            let s = s.expose();
            if let Some(n) = whole_placeholder(s) {
                Some(Cred::Ref(Some(n)))
            } else if s.trim().is_empty() {
                None
            } else {
                Some(Cred::Value(s.to_string()))
            }
        }
        CredentialValue::EnvVar(n) | CredentialValue::Parameter(n) | CredentialValue::UnresolvedPlaceholder(n) => {
            Some(Cred::Ref(Some(n.rsplit('.').next().unwrap_or(n).to_string())))
        }
        CredentialValue::PlatformManaged(_) => Some(Cred::Ref(None)),
    }
}

fn primary(c: &AuthConfig) -> Option<&Flow> {
    c.flows
        .iter()
        .find(|f| matches!(f.kind, FlowKind::AuthorizationCode | FlowKind::OAuth1))
        .or_else(|| c.flows.first())
}

fn requested(c: &AuthConfig) -> Vec<String> {
    if let Some(r) = &c.requested_scopes {
        return r.items.iter().map(|s| s.value.clone()).collect();
    }
    // A platform URL template may carry them (Keboola `auth_url`), as the build reads them.
    primary(c)
        .and_then(|f| f.authorization_url.as_ref())
        .and_then(|u| provider_url(u.effective()).1)
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

fn extras(c: &AuthConfig, caps: &Caps) -> Vec<Param> {
    let mut v: Vec<Param> = c
        .extra_params
        .iter()
        .filter(|p| caps.extra_targets.contains(&p.target))
        .map(|p| {
            (
                p.name.value.clone(),
                p.value.as_ref().map(|v| v.value.clone()).unwrap_or_default(),
                format!("{:?}", p.target),
            )
        })
        .collect();
    v.sort();
    v
}

/// What the emitted output says about a field where the target stores it somewhere other than the
/// field the IR reads it into: requested scopes in an OpenAPI `security` requirement, Keboola's
/// scopes and extra parameters inside `auth_url`.
struct Output<'a> {
    config: &'a AuthConfig,
    reports: &'a [UnitReport],
    target: &'a Target,
}

impl Output<'_> {
    fn auth_url_parts(&self, source_extras: &[Param]) -> (Option<String>, Vec<String>, Vec<Param>) {
        let Some(url) = primary(self.config).and_then(|f| f.authorization_url.as_ref()) else {
            return (None, Vec::new(), Vec::new());
        };
        let (provider, scope) = provider_url(url.effective());
        if self.target.name != "keboola-manage" {
            return (Some(provider), Vec::new(), Vec::new());
        }
        // The extra parameters the build appended to the provider's URL.
        let (base, params) = split_query(&provider);
        let mut kept = Vec::new();
        let mut found = Vec::new();
        for (k, v) in params {
            let name = decode(&k);
            if source_extras.iter().any(|(n, _, _)| *n == name) {
                found.push((name, decode(&v), format!("{:?}", ParamTarget::Authorize)));
            } else {
                kept.push((k, v));
            }
        }
        found.sort();
        let scopes = scope.map(|s| s.split_whitespace().map(str::to_string).collect()).unwrap_or_default();
        (Some(specc_emit::urls::join_query(base, &kept)), scopes, found)
    }

    fn requested(&self) -> Vec<String> {
        match self.target.name {
            "openapi" => self
                .reports
                .iter()
                .filter_map(|r| r.result.as_ref())
                .flat_map(|l| l.ir.requirements.iter())
                .filter(|r| r.scheme.value == self.config.name && r.location == "root")
                .flat_map(|r| r.scopes.iter().map(|s| s.value.clone()))
                .collect(),
            "keboola-manage" => self.auth_url_parts(&[]).1,
            _ => requested(self.config),
        }
    }
}

enum Verdict {
    Equal,
    Skipped(String),
    Differs(String),
}

fn compare(field: Field, s: &AuthConfig, out: &Output<'_>, caps: &Caps) -> Verdict {
    use Verdict::*;
    let o = out.config;
    if !caps.fields.contains(&field) {
        return Skipped("not expressible by the target".into());
    }
    let check = |equal: bool, detail: String| if equal { Equal } else { Differs(detail) };
    let (sf, of) = (primary(s), primary(o));
    let url = |f: Option<&Flow>, pick: fn(&Flow) -> Option<&specc_ir::EndpointUrl>| {
        f.and_then(pick).map(|u| u.effective().to_string())
    };
    match field {
        Field::Name => check(s.name == o.name, format!("{:?} vs {:?}", s.name, o.name)),
        Field::Protocol => {
            if s.protocol == Protocol::Facebook && !caps.protocols.contains(&specc_emit::ProtocolKind::Facebook) {
                return Skipped("Facebook's variant is written as OAuth 2.0".into());
            }
            check(s.protocol == o.protocol, format!("{:?} vs {:?}", s.protocol, o.protocol))
        }
        Field::OtherFlows => {
            let kinds = |c: &AuthConfig| {
                let mut k: Vec<String> =
                    c.flows.iter().filter(|f| caps.flows.contains(&f.kind)).map(|f| format!("{:?}", f.kind)).collect();
                k.sort();
                k
            };
            if s.flows.len() < 2 {
                return Skipped("the source has one flow".into());
            }
            check(kinds(s) == kinds(o), format!("{:?} vs {:?}", kinds(s), kinds(o)))
        }
        Field::AuthorizationUrl => {
            let Some(su) = url(sf, |f| f.authorization_url.as_ref()) else {
                return Skipped("not set in the source".into());
            };
            let su = provider_url(&su).0;
            let ou = out.auth_url_parts(&extras(s, caps)).0;
            check(Some(&su) == ou.as_ref(), format!("{su:?} vs {ou:?}"))
        }
        Field::TokenUrl | Field::RefreshUrl | Field::RequestTokenUrl | Field::DeviceAuthorizationUrl => {
            let pick: fn(&Flow) -> Option<&specc_ir::EndpointUrl> = match field {
                Field::TokenUrl => |f| f.token_url.as_ref(),
                Field::RefreshUrl => |f| f.refresh_url.as_ref(),
                Field::RequestTokenUrl => |f| f.request_token_url.as_ref(),
                _ => |f| f.device_authorization_url.as_ref(),
            };
            let Some(su) = url(sf, pick) else { return Skipped("not set in the source".into()) };
            let ou = url(of, pick);
            check(Some(&su) == ou.as_ref(), format!("{su:?} vs {ou:?}"))
        }
        Field::DeclaredScopes => {
            let Some(set) = sf.and_then(|f| f.scopes.as_ref()).filter(|s| !s.entries.is_empty()) else {
                return Skipped("not set in the source".into());
            };
            let theirs = of.and_then(|f| f.scopes.as_ref());
            let missing: Vec<&str> = set
                .entries
                .iter()
                .filter(|e| {
                    !theirs.is_some_and(|t| {
                        t.entries.iter().any(|x| x.name.value == e.name.value && x.description == e.description)
                    })
                })
                .map(|e| e.name.value.as_str())
                .collect();
            check(missing.is_empty(), format!("missing or changed: {missing:?}"))
        }
        Field::RequestedScopes => {
            let sr = requested(s);
            if sr.is_empty() {
                return Skipped("not set in the source".into());
            }
            let or = out.requested();
            check(sr == or, format!("{sr:?} vs {or:?}"))
        }
        Field::ClientId | Field::ClientSecret => {
            let pick = |c: &AuthConfig| {
                cred(if field == Field::ClientId { c.client_id.as_ref() } else { c.client_secret.as_ref() })
            };
            let Some(sc) = pick(s) else { return Skipped("not set in the source".into()) };
            let oc = pick(o);
            check(Some(&sc) == oc.as_ref(), format!("{sc:?} vs {oc:?}"))
        }
        Field::ClientAuth => {
            let Some(sa) = &s.client_auth else { return Skipped("not set in the source".into()) };
            if !caps.client_auth.contains(&sa.value) {
                return Skipped(format!("{:?} is not a value the target has", sa.value));
            }
            let oa = o.client_auth.as_ref().map(|a| a.value);
            check(Some(sa.value) == oa, format!("{:?} vs {oa:?}", sa.value))
        }
        Field::Pkce => {
            let Some(sp) = &s.pkce else { return Skipped("not set in the source".into()) };
            let on = |p: Option<Pkce>| p.is_some_and(|p| p != Pkce::Disabled);
            let op = o.pkce.as_ref().map(|p| p.value);
            check(on(Some(sp.value)) == on(op), format!("{:?} vs {op:?} (compared as on/off)", sp.value))
        }
        Field::RefreshToken => {
            let Some(se) = &s.refresh.expects_refresh_token else { return Skipped("not set in the source".into()) };
            let oe = o.refresh.expects_refresh_token.as_ref().is_none_or(|e| e.value);
            check(se.value == oe, format!("{} vs {oe}", se.value))
        }
        Field::ExtraParams => {
            let se = extras(s, caps);
            if se.is_empty() {
                return Skipped("not set in the source".into());
            }
            let oe = if out.target.name == "keboola-manage" { out.auth_url_parts(&se).2 } else { extras(o, caps) };
            check(se == oe, format!("{se:?} vs {oe:?}"))
        }
        Field::RedirectUri | Field::MetadataUrl => Skipped("not expressible by the target".into()),
    }
}

/// Builds every source for every target (with `--inline-secrets`, so values compare exactly), lowers
/// the output with specc's own dialects, and compares every field the target can express. The table
/// of compared and skipped fields, with the reasons, is a snapshot.
#[test]
fn round_trip_every_source_and_target() {
    let root = root();
    std::env::set_current_dir(&root).unwrap();
    let mut table = String::new();
    for t in TARGETS {
        let caps = t.caps_for(&options(true));
        writeln!(table, "target {}: expresses {:?}", t.name, caps.fields).unwrap();
        writeln!(table, "  everything else is left out because {}", t.elsewhere).unwrap();
    }
    writeln!(table).unwrap();
    let mut failures = Vec::new();
    let mut built_per_target = std::collections::BTreeMap::<&str, usize>::new();
    for (sname, spath) in SOURCES {
        let s = source(spath);
        for target in TARGETS {
            let caps = target.caps_for(&options(true));
            writeln!(table, "{sname} -> {}", target.name).unwrap();
            let built = match specc_emit::build(&s, target, &options(true)) {
                Ok(b) => b,
                Err(BuildError::Rejected(d)) => {
                    for x in &d {
                        assert!(
                            x.code.starts_with("build/"),
                            "{sname} -> {}: rejected with a non-build code {}",
                            target.name,
                            x.code
                        );
                    }
                    let errors: Vec<String> = d
                        .iter()
                        .filter(|x| x.severity == specc_diagnostics::Severity::Error)
                        .map(|x| format!("{}: {}", x.code, x.message))
                        .collect();
                    writeln!(table, "  not built: {}", errors.join("; ")).unwrap();
                    continue;
                }
                Err(BuildError::Template(e)) => panic!("{sname} -> {}: template failed: {e}", target.name),
            };
            *built_per_target.entry(target.name).or_default() += 1;
            let dir = write_out(&built);
            let (reports, o) = lower(&dir);
            let Some(o) = o else {
                failures.push(format!("{sname} -> {}: the output lowers to no OAuth configuration", target.name));
                continue;
            };
            let out = Output { config: &o, reports: &reports, target };
            for field in Field::ALL {
                match compare(field, &s, &out, &caps) {
                    Verdict::Equal => writeln!(table, "  compared {field:?}").unwrap(),
                    Verdict::Skipped(why) => writeln!(table, "  skipped  {field:?}: {why}").unwrap(),
                    Verdict::Differs(detail) => {
                        writeln!(table, "  DIFFERS  {field:?}: {detail}").unwrap();
                        failures.push(format!("{sname} -> {}: {field:?} differs: {detail}", target.name));
                    }
                }
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    eprintln!("{table}");
    assert!(failures.is_empty(), "{} round-trip failures:\n{}", failures.len(), failures.join("\n"));
    for t in TARGETS {
        assert!(built_per_target.get(t.name).copied().unwrap_or(0) >= 3, "{}: built from fewer than 3 sources", t.name);
    }
    snapshot("build__round_trip_matrix", &table);
}

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

// ---------------------------------------------------------------------------------------------------
// Golden files, determinism, check.

fn golden_text(built: &Built) -> String {
    let mut s = specc::build::concatenate(&built.files);
    if !built.diagnostics.is_empty() {
        s.push_str("\n--- diagnostics ---\n");
        for d in &built.diagnostics {
            writeln!(s, "{} {}: {}", d.severity.as_str(), d.code, d.message).unwrap();
        }
    }
    s
}

/// Every (source, target) build without `--inline-secrets`, as a golden file; output that `specc
/// check` accepts without errors; and the same bytes on a second build.
#[test]
fn golden_files_determinism_and_check() {
    let root = root();
    std::env::set_current_dir(&root).unwrap();
    let mut failures = Vec::new();
    for (sname, spath) in SOURCES {
        let s = source(spath);
        for target in TARGETS {
            let Ok(built) = specc_emit::build(&s, target, &options(false)) else { continue };
            let again = specc_emit::build(&s, target, &options(false)).ok().unwrap();
            assert_eq!(built.files, again.files, "{sname} -> {}: not deterministic", target.name);
            snapshot(&format!("build__{}__{}", target.name, sname), &golden_text(&built));
            let dir = write_out(&built);
            let errors = check_errors(&dir);
            if !errors.is_empty() {
                failures.push(format!("{sname} -> {}: {}", target.name, errors.join("; ")));
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    assert!(failures.is_empty(), "emitted output that specc check rejects:\n{}", failures.join("\n"));
}

fn check_errors(dir: &Path) -> Vec<String> {
    let reports = specc::driver::check_paths(&[dir.to_path_buf()]);
    assert!(reports.iter().any(|r| r.lowered), "{}: nothing specc recognises", dir.display());
    reports
        .iter()
        .flat_map(|r| r.diagnostics.iter())
        .filter(|d| d.severity == specc_diagnostics::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

/// Every valid fixture of every dialect, and every file of `../shared/corpus` that checks without
/// errors: each OAuth configuration is built for every target; what builds must check without errors,
/// what does not build must say why with a `build/` error.
#[test]
fn every_valid_fixture_and_corpus_file_builds_to_checkable_output() {
    let root = root();
    std::env::set_current_dir(&root).unwrap();
    let mut inputs: Vec<PathBuf> = Vec::new();
    for ns in ["elasticio", "membrane", "openapi", "itential", "keboola", "oauth"] {
        let Ok(cases) = std::fs::read_dir(root.join("fixtures").join(ns)) else { continue };
        for case in cases.flatten() {
            for item in std::fs::read_dir(case.path()).into_iter().flatten().flatten() {
                if item.file_name().to_string_lossy().starts_with("valid") {
                    inputs.push(item.path());
                }
            }
        }
    }
    for dialect in ["elasticio", "membrane", "openapi", "keboola"] {
        // Absent: the fixtures are still built, and the skip of the corpus part is printed (or fails).
        let Some(corpus) = crate::shared_corpus(dialect) else { continue };
        for item in std::fs::read_dir(corpus).into_iter().flatten().flatten() {
            inputs.push(item.path());
        }
    }
    inputs.sort();
    let (mut built, mut refused, mut failures) = (0, 0, Vec::new());
    for input in &inputs {
        let reports = specc::driver::check_paths(std::slice::from_ref(input));
        let clean =
            reports.iter().all(|r| r.diagnostics.iter().all(|d| d.severity != specc_diagnostics::Severity::Error));
        if !clean {
            continue;
        }
        for config in reports.iter().filter_map(|r| r.result.as_ref()).flat_map(|l| l.ir.configs.iter()) {
            if !config.protocol.is_oauth() {
                continue;
            }
            for target in TARGETS {
                match specc_emit::build(config, target, &options(false)) {
                    Ok(b) => {
                        built += 1;
                        let dir = write_out(&b);
                        let errors = check_errors(&dir);
                        if !errors.is_empty() {
                            failures.push(format!(
                                "{} ({}) -> {}: {}",
                                input.display(),
                                config.name,
                                target.name,
                                errors.join("; ")
                            ));
                        }
                        let _ = std::fs::remove_dir_all(&dir);
                    }
                    Err(BuildError::Rejected(d)) => {
                        refused += 1;
                        assert!(
                            d.iter()
                                .any(|x| x.severity == specc_diagnostics::Severity::Error
                                    && x.code.starts_with("build/")),
                            "{}: refused without a build error",
                            input.display()
                        );
                    }
                    Err(BuildError::Template(e)) => failures.push(format!("{}: template failed: {e}", input.display())),
                }
            }
        }
    }
    eprintln!("{} inputs, {built} builds checked, {refused} refused with a build error", inputs.len());
    assert!(built > 100, "only {built} builds");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// Property: `build` output never fails `check` when its source passes `check`, over sources mutated
/// by a deterministic mutator (xorshift), not only over the fixtures. Each case replaces one string
/// value of a JSON build source with a hostile variant (comma-joined scopes, spaces, relative and http
/// URLs, placeholders, fragments, non-ASCII...). A mutant that `check` rejects is skipped; one that
/// passes must build to output that checks clean, or be refused with a `build/` error.
#[test]
fn build_of_mutated_sources_that_pass_check_passes_check() {
    const VARIANTS: [&str; 14] = [
        "contacts.read,contacts.write",
        "read write",
        "",
        "/oauth/token",
        "http://auth.example.test/oauth/authorize",
        "https://auth.example.test/oauth/authorize#frag",
        "https://auth.example.test/oauth/token?client_secret=abc123",
        "{{UNDECLARED}}",
        "%%app_key%%",
        "xxx",
        "sc\u{f6}pe",
        "https://auth.example.test/",
        "offline_access",
        " padded ",
    ];
    let root = root();
    let sources = [
        "tests/build/sources/elasticio/component.json",
        "tests/build/sources/keboola/config.json",
        "tests/build/sources/keboola/manage.json",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut cases, mut passing, mut built, mut failures) = (0, 0, 0, Vec::new());
    for src in sources {
        let text = std::fs::read_to_string(root.join(src)).unwrap();
        // Byte ranges of the string values (after `: ` or inside arrays), never of keys.
        let mut strings = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'"' {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let after = text[j.min(text.len())..].trim_start_matches('"').trim_start();
                if !after.starts_with(':') {
                    strings.push((start, j.min(text.len())));
                }
                i = j + 1;
            } else {
                i += 1;
            }
        }
        assert!(!strings.is_empty(), "{src}: no string values to mutate");
        let name = Path::new(src).file_name().unwrap().to_string_lossy().to_string();
        for _ in 0..60 {
            cases += 1;
            let (a, b) = strings[(next() % strings.len() as u64) as usize];
            let variant = VARIANTS[(next() % VARIANTS.len() as u64) as usize];
            let mutated = format!("{}{}{}", &text[..a], variant, &text[b..]);
            let dir = scratch();
            let file = dir.join(&name);
            std::fs::write(&file, &mutated).unwrap();
            let reports = specc::driver::check_paths(std::slice::from_ref(&file));
            let clean =
                reports.iter().all(|r| r.diagnostics.iter().all(|d| d.severity != specc_diagnostics::Severity::Error));
            if clean {
                passing += 1;
                for config in reports.iter().filter_map(|r| r.result.as_ref()).flat_map(|l| l.ir.configs.iter()) {
                    for target in TARGETS {
                        if let Ok(out) = specc_emit::build(config, target, &options(false)) {
                            built += 1;
                            let out_dir = write_out(&out);
                            let errors = check_errors(&out_dir);
                            if !errors.is_empty() {
                                failures.push(format!(
                                    "{src} with {:?} at {a}..{b} -> {}: {}",
                                    variant,
                                    target.name,
                                    errors.join("; ")
                                ));
                            }
                            let _ = std::fs::remove_dir_all(&out_dir);
                        }
                    }
                }
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    eprintln!("{cases} mutants, {passing} pass check, {built} builds checked");
    assert!(passing > 20 && built > 50, "too few mutants exercised the property: {passing} pass, {built} built");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------------
// Secrets and the CLI.

fn specc(args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_specc")).args(args).current_dir(root()).env("NO_COLOR", "1").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const FLAGS: [&str; 6] =
    ["--component-id", "acme-crm", "--tenant-id", "5f1a0c0ffee0tenant", "--oauth-api-id", "123456"];

/// The sentinel secret of every source never appears in the output or the diagnostics without
/// `--inline-secrets`, and does appear with it for every target that carries a client secret.
#[test]
fn secrets_only_with_inline_secrets() {
    for (sname, spath) in SOURCES {
        let text: String = if Path::new(&root().join(spath)).is_dir() {
            std::fs::read_to_string(root().join(spath).join("auth/get-oauth-config.map.yml")).unwrap()
        } else {
            std::fs::read_to_string(root().join(spath)).unwrap()
        };
        if !text.contains(SENTINEL) {
            assert_eq!(*sname, "openapi", "every source but the OpenAPI document holds the sentinel");
            continue;
        }
        for target in TARGETS {
            let mut args = vec!["build", spath, "--target", target.name];
            args.extend(FLAGS);
            let (code, out, err) = specc(&args);
            assert!(!out.contains(SENTINEL) && !err.contains(SENTINEL), "{sname} -> {}: secret in output", target.name);
            args.push("--inline-secrets");
            let (code_inline, out_inline, err_inline) = specc(&args);
            assert_eq!(code, code_inline, "{sname} -> {}", target.name);
            assert!(!err_inline.contains(SENTINEL), "{sname} -> {}: secret in diagnostics", target.name);
            if code == 0 && target.caps.fields.contains(&Field::ClientSecret) {
                assert!(out_inline.contains(SENTINEL), "{sname} -> {}: --inline-secrets did not inline", target.name);
            }
        }
    }
}

#[test]
fn cli_writes_files_and_reports_what_is_left_out() {
    let dir = scratch();
    let out_dir = dir.join("out");
    let (code, stdout, stderr) = specc(&[
        "build",
        "tests/build/sources/membrane",
        "--target",
        "keboola-manage",
        "--component-id",
        "acme-crm",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("build/field-not-expressible"), "{stderr}");
    assert!(stderr.contains("PKCE"), "Keboola has no PKCE switch: {stderr}");
    let manage = std::fs::read_to_string(out_dir.join("manage.json")).unwrap();
    assert!(manage.contains("%%app_key%%") && manage.contains("${OAUTH_CLIENT_SECRET}"), "{manage}");
    // Several files on stdout: one header each.
    let (code, stdout, _) = specc(&["build", "tests/build/sources/openapi/openapi.yaml", "--target", "membrane"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.matches("==> ").count(), 4, "{stdout}");
    assert!(stdout.starts_with("==> spec.yml <==\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_missing_inputs_and_bad_choices_exit_2() {
    let (code, stdout, stderr) =
        specc(&["build", "tests/build/sources/elasticio/component.json", "--target", "elasticio-tenant-client"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("build/missing-input") && stderr.contains("--component-id") && stderr.contains("--tenant-id"),
        "{stderr}"
    );
    let (code, _, stderr) = specc(&["build", "tests/build/sources/keboola/config.json", "--target", "membrane"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("build/missing-input") && stderr.contains("no OAuth endpoints"), "{stderr}");
    let (code, _, stderr) =
        specc(&["build", "tests/build/sources/openapi/openapi.yaml", "--target", "openapi", "--scheme", "Nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no OAuth configuration named `Nope`") && stderr.contains("AcmeOAuth"), "{stderr}");
    let (code, _, _) = specc(&["build", "tests/build/sources/openapi/openapi.yaml", "--target", "nope"]);
    assert_eq!(code, 2);
    let (code, _, stderr) = specc(&["build", "tests/build/sources", "--target", "openapi"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--scheme"), "several configurations: {stderr}");
}

#[test]
fn cli_output_is_byte_identical_across_runs() {
    for target in TARGETS {
        let mut args = vec!["build", "tests/build/sources/itential/instance.yaml", "--target", target.name];
        args.extend(FLAGS);
        let a = specc(&args);
        let b = specc(&args);
        assert_eq!(a, b, "{}", target.name);
    }
}

#[test]
fn incompatible_flows_are_refused() {
    // A client-credentials-only scheme has no form in Membrane.
    let dir = scratch();
    let path = dir.join("cc.yaml");
    std::fs::write(
        &path,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    cc:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://a.example.com/token\n          scopes: {}\n",
    )
    .unwrap();
    let (code, _, stderr) = specc(&["build", path.to_str().unwrap(), "--target", "membrane"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("build/incompatible-target"), "{stderr}");
    let (code, stdout, _) =
        specc(&["build", path.to_str().unwrap(), "--target", "openapi", "--openapi-version", "2.0"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("flow: application"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The codes the emitter produces are documented rules.
#[test]
fn build_codes_are_registered() {
    for code in [
        specc_emit::codes::FIELD_NOT_EXPRESSIBLE,
        specc_emit::codes::MISSING_INPUT,
        specc_emit::codes::INCOMPATIBLE_TARGET,
    ] {
        let rule = specc_rules::find_rule(code).unwrap_or_else(|| panic!("{code} is not registered"));
        assert!(rule.meta().builtin);
    }
}

/// `build` completes a configuration from the provider catalog: Google's refresh-token parameters
/// (`access_type=offline`, `prompt=consent`) are added where the target can express them, and a
/// target that cannot (Itential passes extra parameters to token and refresh requests only) reports
/// each one at the URL that identified the provider.
#[test]
fn provider_parameters_are_added_or_reported_as_not_expressible() {
    let source = "fixtures/provider/refresh-token-not-requested/invalid-google.json";
    let text = std::fs::read_to_string(root().join(source)).unwrap();
    assert!(!text.contains("access_type"), "the source itself asks for no refresh token");
    let flat = |s: &str| s.replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");

    let (code, out, err) = specc(&["build", source, "--target", "itential-instance"]);
    assert_eq!(code, 0, "{err}");
    let err = flat(&err);
    for name in ["access_type", "prompt"] {
        let message = format!(
            "the `itential-instance` target cannot express the authorization-request parameter `{name}`; it is left out of the output"
        );
        assert!(err.contains(&message), "{name}: {err}");
    }
    assert!(err.contains("build/field-not-expressible"), "{err}");
    assert!(err.contains(&format!("{source}:26:19")), "located at auth_uri: {err}");
    assert!(!out.contains("access_type"), "{out}");

    // Membrane sends extra authorization parameters: both are written, nothing is reported.
    let (code, out, err) = specc(&["build", source, "--target", "membrane"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"access_type\": \"offline\"") && out.contains("\"prompt\": \"consent\""), "{out}");
    assert!(!err.contains("access_type"), "{err}");
}
