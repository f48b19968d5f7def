//! CLI contract tests: exit codes, stdout/stderr, the JSON format against its schema, and the
//! agreement of a diagnostic's byte range, line/column, LSP range and JSON Pointer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("root")
}

fn specc() -> Command {
    let mut c = Command::new(get_cargo_bin("specc"));
    c.current_dir(root());
    c.env_remove("NO_COLOR");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("specc-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp");
    d
}

/// The codes `specc check FILE` reports on one file.
fn codes_of_check(file: &Path) -> Vec<String> {
    let out = specc().args(["check", "--format", "json"]).arg(file).output().expect("run");
    json_of(&out)["diagnostics"]
        .as_array()
        .map(|a| a.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn clean_file_exits_zero() {
    assert_cmd_snapshot!(specc().args(["check", "fixtures/openapi/oauth2-missing-token-url/valid.yaml"]));
}

#[test]
fn findings_exit_one_and_render_snippets() {
    assert_cmd_snapshot!(specc().args([
        "check",
        "--color",
        "never",
        "fixtures/openapi/oauth2-missing-token-url/invalid.yaml"
    ]));
}

#[test]
fn fail_on_never_exits_zero_with_findings() {
    let out = specc()
        .args(["check", "--fail-on", "never", "-q", "fixtures/openapi/oauth2-missing-token-url/invalid.yaml"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("openapi/oauth2-missing-token-url"));
}

#[test]
fn usage_errors_exit_two() {
    let out = specc().args(["check", "--fail-on", "fatal", "."]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid --fail-on `fatal`"));
    let out = specc().args(["check", "--select", "nosuch/rule", "."]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = specc().args(["explain", "openapi/oauth2-missing-token-ur"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `openapi/oauth2-missing-token-url`"));
    let out = specc().args(["frobnicate"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_prints_the_rule_doc() {
    let out = specc().args(["explain", "openapi/oauth2-missing-token-url"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# openapi/oauth2-missing-token-url"));
    assert!(text.contains("## What it checks"));
    assert!(text.contains("## Example"));
}

#[test]
fn rules_lists_every_rule() {
    let out = specc().args(["rules", "--json"]).output().expect("run");
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(list.len(), specc_rules::all_rules().len());
    assert!(list.iter().any(|r| r["code"] == "syntax/invalid-json"));
}

#[test]
fn json_output_validates_against_the_shipped_schema() {
    let dir = tmpdir("schema");
    std::fs::write(dir.join("broken.json"), "{\"openapi\": \"3.0.0\", \"info\": {},\n}").expect("write");
    std::fs::write(dir.join("unsupported.txt"), "hello").expect("write");
    let out = specc()
        .args(["check", "--format", "json", "fixtures"])
        .arg(dir.join("broken.json"))
        .arg(dir.join("unsupported.txt"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let value = json_of(&out);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/check-output.schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> =
        validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let codes: Vec<&str> =
        value["diagnostics"].as_array().expect("array").iter().filter_map(|d| d["code"].as_str()).collect();
    for expected in ["syntax/invalid-json", "specc/unsupported-file", "syntax/unreadable-file"] {
        assert!(codes.contains(&expected), "{expected} missing from {codes:?}");
    }
    // Deserializes back into the wire types.
    let back: specc::wire::Output = serde_json::from_value(value).expect("round trip");
    assert_eq!(back.version, 1);
}

#[test]
fn range_line_column_lsp_and_pointer_agree() {
    // Multi-byte characters before the finding on the same line and on earlier lines.
    let dir = tmpdir("agree");
    let text = "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"Zürich – 東京 😀\", \"version\": \"1\"},\n \"components\": {\"securitySchemes\": {\"o\": {\"type\": \"oauth2\", \"flows\": {\"é\": {}, \"clientCredentials\": {\"scopes\": {}}, \"password\": 7}}}}}\n";
    let file = dir.join("api.json");
    std::fs::write(&file, text).expect("write");
    let out = specc().args(["check", "--format", "json"]).arg(&file).output().expect("run");
    let value = json_of(&out);
    let diags = value["diagnostics"].as_array().expect("array");
    assert!(diags.len() >= 2, "{value:#}");
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diags {
        let start = d["range"]["start"].as_u64().expect("start") as usize;
        let end = d["range"]["end"].as_u64().expect("end") as usize;
        let slice = &text[start..end];
        // line/column (1-based, UTF-8 bytes) point at the same byte.
        let line = d["start"]["line"].as_u64().expect("line") as usize;
        let column = d["start"]["column"].as_u64().expect("column") as usize;
        let offset: usize = lines[..line - 1].iter().map(|l| l.len() + 1).sum::<usize>() + column - 1;
        assert_eq!(offset, start, "line/column disagree with range for {d:#}");
        // LSP position (UTF-16) points at the same character.
        let lsp_line = d["lsp_range"]["start"]["line"].as_u64().expect("lsp line") as usize;
        let lsp_char = d["lsp_range"]["start"]["character"].as_u64().expect("lsp char") as usize;
        assert_eq!(lsp_line, line - 1);
        let prefix: String = lines[lsp_line]
            .chars()
            .scan(0usize, |n, c| {
                let here = *n;
                *n += c.len_utf16();
                (here < lsp_char).then_some(c)
            })
            .collect();
        assert_eq!(prefix.len(), column - 1, "UTF-16 character disagrees for {d:#}");
        // The pointer names the node, or the object key, whose bytes are the range.
        let pointer = d["pointer"].as_str().expect("pointer");
        let doc = specc_syntax::Document::parse(specc_syntax::FileId(0), &file, text.as_bytes());
        let node = doc.lookup(pointer).expect("pointer resolves");
        let (parent_ptr, key) = pointer.rsplit_once('/').expect("non-root pointer");
        let key = key.replace("~1", "/").replace("~0", "~");
        let key_range = doc.lookup(parent_ptr).and_then(|p| p.member(&key)).map(|m| m.key_range);
        let range = specc_syntax::TextRange { start: start as u32, end: end as u32 };
        assert!(node.range == range || key_range == Some(range), "pointer {pointer} does not name {slice:?}");
    }
    // The unknown flow `é` is reported at its key, after multi-byte text on the line above.
    let unknown = diags.iter().find(|d| d["code"] == "openapi/oauth2-unknown-flow").expect("unknown flow");
    assert_eq!(unknown["pointer"], "/components/securitySchemes/o/flows/é");
    let missing = diags.iter().find(|d| d["code"] == "openapi/oauth2-missing-token-url").expect("missing token url");
    assert_eq!(missing["pointer"], "/components/securitySchemes/o/flows/clientCredentials");
}

#[test]
fn walking_skips_unsupported_and_reports_broken_manifests() {
    let dir = tmpdir("walk");
    std::fs::write(dir.join("package.json"), "{\"name\": \"x\"}").expect("write");
    std::fs::write(dir.join("notes.yaml"), "a: [1, 2").expect("write");
    std::fs::write(dir.join("openapi.yaml"), "openapi: 3.0.0\ninfo:\n  title: x\n title: y\n").expect("write");
    std::fs::create_dir_all(dir.join("ignored")).expect("mkdir");
    std::fs::write(dir.join(".ignore"), "ignored/\n").expect("write");
    std::fs::write(dir.join("ignored/openapi.json"), "{\"openapi\": 1,}").expect("write");
    let out = specc().args(["check", "--format", "json"]).arg(&dir).output().expect("run");
    let value = json_of(&out);
    let files: Vec<&str> =
        value["diagnostics"].as_array().expect("array").iter().filter_map(|d| d["file"].as_str()).collect();
    assert_eq!(files.len(), 1, "{value:#}");
    assert!(files[0].ends_with("openapi.yaml"));
    assert_eq!(value["diagnostics"][0]["code"], "syntax/invalid-yaml");
    assert_eq!(value["diagnostics"][0]["start"]["line"], 4);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn large_file_limit_and_unreadable_paths_are_one_line_errors() {
    let dir = tmpdir("io");
    let big = dir.join("huge.json");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(specc_syntax::MAX_FILE_BYTES + 1).expect("sparse file");
    let out = specc().args(["check", "--format", "json"]).arg(&big).output().expect("run");
    let value = json_of(&out);
    let codes: Vec<&str> =
        value["diagnostics"].as_array().expect("array").iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["syntax/file-too-large"]);
    assert_eq!(out.status.code(), Some(1));
    // A path that does not exist is a usage error, not a finding (tests/it/workflow.rs).
    let out = specc().args(["check", "--format", "json"]).arg(&big).arg(dir.join("nope.yaml")).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn broken_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = specc().args(["rules"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    // Read a few bytes, then close the pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut buf = [0u8; 8];
    let _ = stdout.read(&mut buf);
    drop(stdout);
    let status = child.wait().expect("wait");
    let mut err = String::new();
    let _ = child.stderr.take().expect("stderr").read_to_string(&mut err);
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code() == Some(0), "{status:?} {err}");
}

/// A directory with one OpenAPI file that has one `openapi/oauth2-missing-token-url` error, plus a config.
fn project(name: &str, config: &str) -> PathBuf {
    let dir = tmpdir(name);
    std::fs::copy(root().join("fixtures/openapi/oauth2-missing-token-url/invalid.yaml"), dir.join("api.yaml"))
        .expect("copy");
    if !config.is_empty() {
        std::fs::write(dir.join("specc.toml"), config).expect("config");
    }
    dir
}

fn codes_and_severities(dir: &Path, extra: &[&str]) -> (Vec<(String, String)>, Option<i32>) {
    let out = specc().args(["check", "--format", "json"]).args(extra).arg(dir).output().expect("run");
    let v = json_of(&out);
    let list = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| (d["code"].as_str().unwrap_or("").to_string(), d["severity"].as_str().unwrap_or("").to_string()))
        .collect();
    (list, out.status.code())
}

const TOKEN: &str = "openapi/oauth2-missing-token-url";

#[test]
fn config_select() {
    let (d, code) = codes_and_severities(&project("cfg-select", "select = [\"syntax\"]\n"), &[]);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(code, Some(0));
    // --select on the command line replaces the config's.
    let (d, _) = codes_and_severities(&project("cfg-select2", "select = [\"syntax\"]\n"), &["--select", "openapi"]);
    assert_eq!(d, [(TOKEN.to_string(), "error".to_string())]);
}

#[test]
fn config_ignore() {
    let (d, code) = codes_and_severities(&project("cfg-ignore", &format!("ignore = [\"{TOKEN}\"]\n")), &[]);
    assert!(d.is_empty());
    assert_eq!(code, Some(0));
}

#[test]
fn config_fail_on() {
    let dir = project("cfg-failon", "fail-on = \"never\"\n");
    let (d, code) = codes_and_severities(&dir, &[]);
    assert_eq!(d.len(), 1);
    assert_eq!(code, Some(0));
    let (_, code) = codes_and_severities(&dir, &["--fail-on", "error"]);
    assert_eq!(code, Some(1), "the command line wins over the config");
}

#[test]
fn config_severity() {
    let (d, code) = codes_and_severities(&project("cfg-sev", "[severity]\n\"openapi/*\" = \"warning\"\n"), &[]);
    assert_eq!(d, [(TOKEN.to_string(), "warning".to_string())]);
    assert_eq!(code, Some(0), "a warning does not fail at the default level");
    let cfg = format!("[severity]\n\"openapi\" = \"warning\"\n\"{TOKEN}\" = \"info\"\n");
    let (d, _) = codes_and_severities(&project("cfg-sev2", &cfg), &[]);
    assert_eq!(d, [(TOKEN.to_string(), "info".to_string())], "the most specific entry wins");
}

#[test]
fn config_per_path_ignores() {
    let (d, _) =
        codes_and_severities(&project("cfg-pp", &format!("[per-path-ignores]\n\"*.yaml\" = [\"{TOKEN}\"]\n")), &[]);
    assert!(d.is_empty());
    let (d, _) =
        codes_and_severities(&project("cfg-pp2", &format!("[per-path-ignores]\n\"other/*\" = [\"{TOKEN}\"]\n")), &[]);
    assert_eq!(d.len(), 1);
}

#[test]
fn config_dialects_hint() {
    // An Itential-style settings file that detection does not recognise (no model, no redirect URI).
    let dir = tmpdir("cfg-dialect");
    std::fs::write(dir.join("settings.yaml"), "client_id: abc\ntoken_url: 5\n").expect("write");
    let (d, _) = codes_and_severities(&dir, &[]);
    assert!(d.is_empty(), "walked, unrecognised: skipped ({d:?})");
    std::fs::write(dir.join("specc.toml"), "[dialects]\n\"settings.yaml\" = \"itential\"\n").expect("write");
    let (d, _) = codes_and_severities(&dir, &[]);
    assert!(d.iter().any(|(c, _)| c == "itential/invalid-field-type"), "{d:?}");
}

#[test]
fn config_pointer_suppression_and_unused_report() {
    let cfg = format!(
        "[[suppress]]\nfile = \"api.yaml\"\npointer = \"/components/securitySchemes/petAuth\"\ncodes = [\"{TOKEN}\"]\nreason = \"known\"\n"
    );
    let (d, code) = codes_and_severities(&project("cfg-supp", &cfg), &[]);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(code, Some(0));
    let cfg = format!("[[suppress]]\nfile = \"api.yaml\"\npointer = \"/info\"\ncodes = [\"{TOKEN}\"]\n");
    let (d, _) = codes_and_severities(&project("cfg-supp2", &cfg), &[]);
    let codes: Vec<&str> = d.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, [TOKEN, "specc/unused-suppression"]);
}

#[test]
fn inline_suppression_on_the_line_and_above() {
    let dir = project("inline", "");
    let text = std::fs::read_to_string(dir.join("api.yaml")).expect("read");
    let same_line = text.replace(
        "authorizationCode:",
        "authorizationCode: # specc: ignore[openapi/oauth2-missing-token-url] no token endpoint yet",
    );
    std::fs::write(dir.join("api.yaml"), &same_line).expect("write");
    let (d, _) = codes_and_severities(&dir, &[]);
    assert!(d.is_empty(), "{d:?}");
    let above = text.replace(
        "        authorizationCode:",
        "        # specc: ignore[openapi] whole namespace\n        authorizationCode:",
    );
    std::fs::write(dir.join("api.yaml"), &above).expect("write");
    let (d, _) = codes_and_severities(&dir, &[]);
    assert!(d.is_empty(), "{d:?}");
    let wrong = text.replace(
        "      type: oauth2",
        "      type: oauth2 # specc: ignore[openapi/oauth2-missing-token-url] wrong line",
    );
    std::fs::write(dir.join("api.yaml"), &wrong).expect("write");
    let (d, _) = codes_and_severities(&dir, &[]);
    let codes: Vec<&str> = d.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["specc/unused-suppression", TOKEN]);
}

#[test]
fn invalid_config_is_located_and_exits_two() {
    let dir = project("cfg-bad", "fail-on = \"sometimes\"\n");
    let out = specc().args(["check", "--color", "never"]).arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("specc/invalid-config"), "{err}");
    assert!(err.contains("specc.toml:1:11"), "{err}");
    // --isolated ignores it.
    let out = specc().args(["check", "--isolated"]).arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
}

/// One file with many problems: each is its own located diagnostic (not only the first serde meets).
#[test]
fn every_config_error_is_reported_at_its_value() {
    let cfg = "select = 3\n\
fail-on = \"sometimes\"\n\
colour = \"always\"\n\
ignore = [\"openapi\", 7]\n\
[severity]\n\
\"openapi\" = \"loud\"\n\
[[suppress]]\n\
file = \"api.yaml\"\n\
pointr = \"/info\"\n\
codes = [\"openapi\"]\n\
[[providers]]\n\
id = 5\n";
    let dir = project("cfg-many", cfg);
    // (text at the span, line:column) of every expected problem, in file order.
    let expected = [
        ("3", "1:10"),
        ("\"sometimes\"", "2:11"),
        ("colour", "3:1"),
        ("7", "4:22"),
        ("\"loud\"", "6:13"),
        ("pointr", "9:1"),
        ("5", "12:6"),
    ];
    let out = specc().args(["check", "--format", "json"]).arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "specc/invalid-config", "{d}");
            let (a, b) = (d["range"]["start"].as_u64().expect("start"), d["range"]["end"].as_u64().expect("end"));
            (cfg[a as usize..b as usize].to_string(), format!("{}:{}", d["start"]["line"], d["start"]["column"]))
        })
        .collect();
    let want: Vec<(String, String)> = expected.iter().map(|(t, l)| (t.to_string(), l.to_string())).collect();
    assert_eq!(found, want);
    let out = specc().args(["check", "--color", "never"]).arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("specc/invalid-config").count(), expected.len(), "{err}");
    for (_, at) in expected {
        assert!(err.contains(&format!("specc.toml:{at}]")), "{at} missing in {err}");
    }
    // A syntax error stops the parser, but it recovers: each syntax error is still listed.
    std::fs::write(dir.join("specc.toml"), "select = [\n\"a\" = = 1\n").expect("write");
    let out = specc().args(["check", "--format", "json"]).arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    assert!(v["diagnostics"].as_array().is_some_and(|a| a.len() >= 2), "{v}");
}

#[test]
fn sarif_validates_against_the_sarif_schema() {
    let out = specc()
        .args(["check", "--format", "sarif", "fixtures/openapi", "fixtures/specc/unused-suppression/invalid.yaml"])
        .output()
        .expect("run");
    let value = json_of(&out);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/vendor/sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> =
        validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &value["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"].as_array().expect("rules").len(), specc_rules::all_rules().len());
    let results = run["results"].as_array().expect("results");
    let token = results.iter().find(|r| r["ruleId"] == TOKEN).expect("token result");
    let idx = token["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], TOKEN);
    assert_eq!(token["locations"][0]["physicalLocation"]["region"]["startLine"], 9);
    assert_eq!(token["level"], "error");
}

#[test]
fn github_annotations() {
    assert_cmd_snapshot!(specc().args([
        "check",
        "--format",
        "github",
        "fixtures/openapi/oauth2-missing-token-url/invalid.yaml"
    ]));
}

#[test]
fn schema_command_prints_the_shipped_schemas() {
    let out = specc().args(["schema", "--list"]).output().expect("run");
    let list = String::from_utf8_lossy(&out.stdout).to_string();
    for (name, _) in specc::schemas::SCHEMAS {
        assert!(list.contains(name));
        let out = specc().args(["schema", name]).output().expect("run");
        assert_eq!(out.status.code(), Some(0));
        let shipped =
            std::fs::read_to_string(root().join("schemas").join(format!("{name}.schema.json"))).expect("shipped");
        assert_eq!(String::from_utf8_lossy(&out.stdout), shipped, "{name}");
    }
    let out = specc().args(["schema", "nope"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn findings_on_very_long_lines_render_without_a_snippet() {
    // Minified JSON: everything on one line of ~200 KB, the finding near its end.
    let dir = tmpdir("minified");
    let filler: String = (0..4000).map(|i| format!("\"/p{i}\":{{\"get\":{{\"description\":\"x\"}}}},")).collect();
    let text = format!(
        "{{\"openapi\":\"3.1.0\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{{}\"/z\":{{}}}},\"components\":{{\"securitySchemes\":{{\"o\":{{\"type\":\"oauth2\",\"flows\":{{\"password\":{{\"scopes\":{{}}}}}}}}}}}}}}",
        filler
    );
    let f = dir.join("api.json");
    std::fs::write(&f, &text).expect("write");
    let out = specc().args(["check", "--color", "never"]).arg(&f).output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
    let col = text.find("\"password\"").expect("key") + 1;
    assert!(stdout.contains(&format!("api.json:1:{col}: openapi/oauth2-missing-token-url")), "{stdout}");
}

/// The same inputs in every output format (the example integration shipped in the repository).
const CONTRACT_SET: [&str; 2] = ["examples/", "fixtures/openapi/oauth2-missing-token-url/invalid.yaml"];

#[test]
fn contract_human() {
    assert_cmd_snapshot!(specc().args(["check", "--isolated", "--color", "never"]).args(CONTRACT_SET));
}

#[test]
fn contract_json() {
    assert_cmd_snapshot!(specc().args(["check", "--isolated", "--format", "json"]).args(CONTRACT_SET));
}

#[test]
fn contract_github() {
    assert_cmd_snapshot!(specc().args(["check", "--isolated", "--format", "github"]).args(CONTRACT_SET));
}

#[test]
fn contract_sarif_results() {
    let out = specc().args(["check", "--isolated", "--format", "sarif"]).args(CONTRACT_SET).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    // The rule table is long and covered by the schema test; the results are the contract here.
    insta::assert_json_snapshot!(v["runs"][0]["results"]);
}

#[test]
fn contract_statistics() {
    assert_cmd_snapshot!(specc().args(["check", "--isolated", "--statistics"]).args(CONTRACT_SET));
}

#[test]
fn membrane_elements_without_oauth_named_explicitly_are_recognised() {
    // A pre-commit hook names every changed file: a data source or field mapping of a workspace
    // export, or an operation or `udm.yml` of an unpacked connector, is Membrane content with nothing
    // to check, not a file specc does not know.
    let dir = tmpdir("membrane-members");
    let connector = dir.join("connectors").join("Parcel Hub_6601e0c1a2b3c4d5e6f70812").join("1.0.0");
    std::fs::create_dir_all(connector.join("operations").join("list-parcels")).unwrap();
    std::fs::write(connector.join("spec.yml"), "key: parcel-hub\nauth:\n  type: oauth2\n").unwrap();
    std::fs::write(connector.join("udm.yml"), "contacts:\n  fields: {}\n").unwrap();
    std::fs::write(connector.join("operations").join("list-parcels").join("spec.yml"), "name: List parcels\n").unwrap();
    let files = [
        root().join("fixtures/membrane/integration-not-ready/valid-pulled-layout/field-mappings/invoices/spec.yaml"),
        root().join("fixtures/membrane/integration-not-ready/invalid-pulled-layout/data-sources/invoices/spec.yaml"),
        connector.join("udm.yml"),
        connector.join("operations").join("list-parcels").join("spec.yml"),
    ];
    for f in &files {
        let out = specc().args(["check", "--format", "json"]).arg(f).output().expect("run");
        let v = json_of(&out);
        assert_eq!(out.status.code(), Some(0), "{}: {v}", f.display());
        assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(0), "{}: {v}", f.display());
        assert_eq!(v["summary"]["units"], 1, "{}: {v}", f.display());
    }
    // A YAML file of the same name outside such a layout is still not recognised.
    let stray = dir.join("notes").join("spec.yaml");
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, "key: notes\n").unwrap();
    assert_eq!(codes_of_check(&stray), ["specc/unsupported-file"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn keboola_configuration_without_oauth_named_explicitly_is_recognised() {
    // A component's `config.json` with no `authorization` is Keboola content with nothing to check;
    // a `config.json` of another tool (a root node Keboola does not write) is still not recognised.
    let dir = tmpdir("keboola-config");
    let data = dir.join("tests").join("functional").join("empty-run").join("source").join("data");
    std::fs::create_dir_all(&data).unwrap();
    let config = data.join("config.json");
    std::fs::write(&config, r#"{"parameters": {"outputBucket": "in.c-ex"}, "action": "run"}"#).unwrap();
    let out = specc().args(["check", "--format", "json"]).arg(&config).output().expect("run");
    let v = json_of(&out);
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(0), "{v}");
    assert_eq!(v["summary"]["units"], 1, "{v}");
    let other = dir.join("app").join("config.json");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    std::fs::write(&other, r#"{"parameters": {}, "port": 8080}"#).unwrap();
    assert_eq!(codes_of_check(&other), ["specc/unsupported-file"]);
    let _ = std::fs::remove_dir_all(&dir);
}
