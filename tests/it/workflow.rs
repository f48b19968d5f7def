//! The user workflows of issue 14, run through the real binary: standard input and pipes, missing and
//! empty paths, baselines, `check --fix` / `--diff`, report files and the CI formats, and the hints
//! `migrate` prints.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("root")
}

fn specc(dir: &Path) -> Command {
    let mut c = Command::new(insta_cmd::get_cargo_bin("specc"));
    c.current_dir(dir);
    c.env("NO_COLOR", "1");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("specc-workflow-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp");
    d
}

/// A copy of the example integration (an Itential instance with its OpenAPI model): 1 error, 1 warning
/// (both safely fixable) and 1 info.
fn example(name: &str) -> PathBuf {
    let d = tmpdir(name);
    let src = root().join("examples/box-integration");
    std::fs::create_dir_all(d.join("box")).unwrap();
    for f in ["instance.yaml", "openapi.json"] {
        std::fs::copy(src.join(f), d.join("box").join(f)).unwrap();
    }
    d
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn with_stdin(mut c: Command, input: &[u8]) -> Output {
    c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

const INVALID: &str = "fixtures/openapi/oauth2-missing-token-url/invalid.yaml";

#[test]
fn standard_input_is_checked_under_the_name_given() {
    let text = std::fs::read(root().join(INVALID)).unwrap();
    let mut c = specc(&root());
    c.args(["check", "-", "--format", "json"]);
    let o = with_stdin(c, &text);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "openapi/oauth2-missing-token-url");
    assert_eq!(v["diagnostics"][0]["file"], "<stdin>");

    // --stdin-filename names it (and implies `-`); a specc.toml next to that name applies, with its
    // per-path ignores.
    let d = tmpdir("stdin-config");
    std::fs::create_dir_all(d.join("api")).unwrap();
    std::fs::write(
        d.join("specc.toml"),
        "[per-path-ignores]\n\"legacy/**\" = [\"openapi/oauth2-missing-token-url\"]\n",
    )
    .unwrap();
    let mut c = specc(&d);
    c.args(["check", "--stdin-filename", "api/petstore.yaml", "--format", "json"]);
    let o = with_stdin(c, &text);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["diagnostics"][0]["file"], "api/petstore.yaml", "{v:#}");
    let mut c = specc(&d);
    c.args(["check", "-", "--stdin-filename", "legacy/petstore.yaml"]);
    let o = with_stdin(c, &text);
    assert_eq!(o.status.code(), Some(0), "ignored by path: {}", stdout(&o));

    // Dialect detection by the given name: a Membrane map file by name only.
    let mut c = specc(&root());
    c.args(["check", "-", "--format", "json", "--stdin-filename", "x/unknown.txt"]);
    let o = with_stdin(c, b"{\"a\": 1}");
    // Not a manifest at all: nothing was checked.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn named_pipes_and_dev_stdin_are_read() {
    let text = std::fs::read(root().join(INVALID)).unwrap();
    let mut c = specc(&root());
    c.args(["check", "/dev/stdin", "--format", "json"]);
    let o = with_stdin(c, &text);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("openapi/oauth2-missing-token-url"));

    let d = tmpdir("fifo");
    let fifo = d.join("api.yaml");
    let st = Command::new("mkfifo").arg(&fifo).status();
    if !st.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED part of named_pipes_and_dev_stdin_are_read: mkfifo is not available");
        return;
    }
    let writer = {
        let fifo = fifo.clone();
        let text = text.clone();
        std::thread::spawn(move || write_when_read(&fifo, &text))
    };
    let o = specc(&root()).args(["check", "--format", "json"]).arg(&fifo).output().unwrap();
    writer.join().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("openapi/oauth2-missing-token-url"));
    // A writer that connects only after specc has opened the pipe is waited for.
    let writer = {
        let fifo = fifo.clone();
        let text = text.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            write_when_read(&fifo, &text);
        })
    };
    let o = specc(&root()).args(["check", "--format", "json"]).arg(&fifo).output().unwrap();
    writer.join().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("openapi/oauth2-missing-token-url"));
    // Walking a directory never opens a FIFO (it could block forever).
    let o = specc(&d).args(["check", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// Writes `text` into the FIFO at `path` once a reader has it open. The open does not block (it fails
/// with ENXIO while nobody reads), so the test cannot hang when specc has already given up on the pipe.
#[cfg(unix)]
fn write_when_read(path: &Path, text: &[u8]) {
    use std::os::unix::fs::OpenOptionsExt;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut f = loop {
        match std::fs::OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(path) {
            Ok(f) => break f,
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            Err(e) => panic!("no reader opened {}: {e}", path.display()),
        }
    };
    // The fixture is far below a pipe's buffer, so a non-blocking write takes it whole.
    f.write_all(text).unwrap();
}

#[test]
fn missing_paths_and_empty_runs_are_usage_errors() {
    let o = specc(&root()).args(["check", "--fail-on", "never", "no/such/dir"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/dir: no such file or directory"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    let d = tmpdir("empty");
    std::fs::write(d.join("package.json"), "{\"name\": \"x\"}").unwrap();
    let o = specc(&d).args(["check", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no manifest found in ."), "{}", stderr(&o));
    let o = specc(&d).args(["check", ".", "--allow-empty"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn unknown_codes_on_the_command_line_are_all_reported_with_suggestions() {
    let o = specc(&root())
        .args(["check", "--select", "opnapi,itential/scope-delimitr", "--ignore", "zzzz-nothing", INVALID])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("--select `opnapi`") && e.contains("did you mean `openapi`?"), "{e}");
    assert!(e.contains("did you mean `itential/scope-delimiter`?"), "{e}");
    assert!(e.contains("--ignore `zzzz-nothing`"), "{e}");
}

fn codes(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("json");
    v["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn baseline_hides_recorded_findings_survives_moves_and_reports_stale_entries() {
    let d = example("baseline");
    let o = specc(&d).args(["check", ".", "--format", "json"]).output().unwrap();
    let all = codes(&o);
    assert_eq!(all.len(), 3, "{all:?}");

    let o = specc(&d).args(["check", ".", "--write-baseline", "specc-baseline.json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 entries"), "{}", stderr(&o));
    let o = specc(&d).args(["check", ".", "--baseline", "specc-baseline.json", "--format", "json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(codes(&o).is_empty());

    // Lines move (a comment block inserted above): still hidden.
    let inst = d.join("box/instance.yaml");
    let text = std::fs::read_to_string(&inst).unwrap();
    std::fs::write(&inst, format!("# one\n# two\n# three\n{text}")).unwrap();
    // And every format honours it (SARIF here).
    let o = specc(&d).args(["check", ".", "--baseline", "specc-baseline.json", "--format", "sarif"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0, "{v:#}");

    // Through specc.toml; fixing one problem leaves its entry stale, reported in the baseline file.
    std::fs::write(d.join("specc.toml"), "baseline = \"specc-baseline.json\"\n").unwrap();
    let fixed = std::fs::read_to_string(&inst).unwrap().replace("/admin/oauth\"", "/admin/oauth/\"");
    std::fs::write(&inst, fixed).unwrap();
    let o = specc(&d).args(["check", ".", "--format", "json"]).output().unwrap();
    assert_eq!(codes(&o), ["specc/unmatched-baseline-entry"], "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["diagnostics"][0]["file"], "specc-baseline.json");

    // A new problem is reported despite the baseline.
    let api = d.join("box/openapi.json");
    let t = std::fs::read_to_string(&api)
        .unwrap()
        .replace("https://api.box.com/oauth2/token", "http://api.box.com/oauth2/token");
    std::fs::write(&api, t).unwrap();
    let o = specc(&d).args(["check", ".", "--format", "json"]).output().unwrap();
    assert!(codes(&o).contains(&"oauth/insecure-http-url".to_string()), "{}", stdout(&o));

    // Writing again for one file keeps the entries of the other.
    let o = specc(&d).args(["check", "box/openapi.json", "--write-baseline", "specc-baseline.json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("specc-baseline.json")).unwrap()).unwrap();
    let files: Vec<&str> = b["entries"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"box/instance.yaml") && files.contains(&"box/openapi.json"), "{files:?}");

    // A baseline path outside the project, or a missing baseline file, is an error (exit 2).
    std::fs::write(d.join("specc.toml"), "baseline = \"../elsewhere.json\"\n").unwrap();
    assert_eq!(specc(&d).args(["check", "."]).output().unwrap().status.code(), Some(2));
    std::fs::remove_file(d.join("specc.toml")).unwrap();
    assert_eq!(specc(&d).args(["check", ".", "--baseline", "nope.json"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn check_fix_and_diff_use_the_migrate_engine() {
    let d = example("fix");
    let inst = d.join("box/instance.yaml");
    let before = std::fs::read_to_string(&inst).unwrap();
    let o = specc(&d).args(["check", ".", "--color", "never"]).output().unwrap();
    assert!(stdout(&o).contains("2 findings fixable with `specc check --fix`"), "{}", stdout(&o));

    let o = specc(&d).args(["check", ".", "--diff"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("+redirect_uri: \"{{iap}}/admin/oauth/\""), "{}", stdout(&o));
    assert!(stderr(&o).contains("apply with `specc check --fix`"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&inst).unwrap(), before, "--diff changes nothing");

    let o = specc(&d).args(["check", ".", "--fix", "--format", "json"]).output().unwrap();
    assert!(stderr(&o).contains("Fixed 2 findings in 1 file."), "{}", stderr(&o));
    assert_eq!(codes(&o), ["openapi/unused-scope"]);
    assert_eq!(o.status.code(), Some(0));
    assert_ne!(std::fs::read_to_string(&inst).unwrap(), before);

    let o = specc(&d).args(["check", ".", "--diff"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("No fixes to apply."), "{}", stderr(&o));
    assert!(!stderr(&o).contains("0 fixes"), "{}", stderr(&o));

    let mut c = specc(&d);
    c.args(["check", "-", "--fix"]);
    assert_eq!(with_stdin(c, before.as_bytes()).status.code(), Some(2));
}

#[test]
fn migrate_hints_name_the_flags_that_were_used() {
    let d = tmpdir("migrate-hints");
    std::fs::write(
        d.join("api.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    a:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: http://example.com/token\n          scopes: {}\n",
    )
    .unwrap();
    let o = specc(&d).args(["migrate", "--unsafe-fixes", "."]).output().unwrap();
    assert!(stderr(&o).contains("apply with `specc migrate --write --unsafe-fixes`"), "{}", stderr(&o));
    let o = specc(&d).args(["migrate", "."]).output().unwrap();
    assert!(stderr(&o).contains("Nothing to migrate."), "{}", stderr(&o));
    assert!(!stderr(&o).contains("0 fixes"), "{}", stderr(&o));
}

#[test]
fn migrate_takes_the_component_id_from_the_flag_or_the_manifest_never_the_directory() {
    let src = root().join("fixtures/elasticio/legacy-env-oauth/invalid.json");
    let d = tmpdir("component-id");
    std::fs::create_dir_all(d.join("acme-crm")).unwrap();
    std::fs::copy(&src, d.join("acme-crm/component.json")).unwrap();
    for (dir, path) in [(d.clone(), "acme-crm/component.json"), (d.join("acme-crm"), "component.json")] {
        let o = specc(&dir).args(["migrate", "--patch", path]).output().unwrap();
        let out = stdout(&o);
        assert!(out.contains("${COMPONENT_ID}") && !out.contains("\"acme-crm\""), "{out}");
    }
    let o = specc(&d).args(["migrate", "--patch", "--component-id", "5f1a-crm", "acme-crm"]).output().unwrap();
    assert!(stdout(&o).contains("5f1a-crm"), "{}", stdout(&o));
}

#[test]
fn output_file_and_the_ci_formats() {
    let d = example("formats");
    // --output-file alone: the report goes to the file, nothing to the terminal.
    let o = specc(&d).args(["check", ".", "--format", "sarif", "--output-file", "r.sarif"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("r.sarif")).unwrap()).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 3);

    // A second format for the terminal.
    let o = specc(&d)
        .args(["check", ".", "--format", "github", "--output-file", "r.xml", "--output-format", "junit"])
        .output()
        .unwrap();
    assert!(stdout(&o).starts_with("::"), "{}", stdout(&o));
    let xml = std::fs::read_to_string(d.join("r.xml")).unwrap();
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains("<testsuites name=\"specc\" tests=\"3\" failures=\"3\""), "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 3);
    assert_eq!(xml.matches("<testcase").count(), xml.matches("</testcase>").count());
    // Quotes in messages are escaped inside attributes.
    assert!(!xml.contains("message=\"instance `scope` separates scopes with commas\"\">"));

    let o = specc(&d).args(["check", ".", "--format", "gitlab"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 3);
    let mut fps: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    fps.dedup();
    assert_eq!(fps.len(), 3);
    assert!(issues.iter().any(|i| i["severity"] == "critical" && i["location"]["lines"]["begin"].as_u64() == Some(8)));
    assert!(issues.iter().all(|i| i["location"]["path"].as_str().unwrap().ends_with(".yaml")
        || i["location"]["path"].as_str().unwrap().ends_with(".json")));

    let o = specc(&d).args(["check", ".", "--format", "markdown"]).output().unwrap();
    let md = stdout(&o);
    assert!(md.starts_with("## specc\n"), "{md}");
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| error") || l.starts_with("| warning") || l.starts_with("| info"))
            .count(),
        3,
        "{md}"
    );
    // A clean run says so.
    let o = specc(&root())
        .args(["check", "--format", "markdown", "fixtures/openapi/oauth2-missing-token-url/valid.yaml"])
        .output()
        .unwrap();
    assert!(stdout(&o).contains("No problems found"), "{}", stdout(&o));
    let o = specc(&root())
        .args(["check", "--format", "junit", "fixtures/openapi/oauth2-missing-token-url/valid.yaml"])
        .output()
        .unwrap();
    assert!(stdout(&o).contains("failures=\"0\""), "{}", stdout(&o));
}

/// What users read about rules (the generated pages, `specc explain`, the rule links) points only at
/// public documents and at this repository: never at the engineers' background material.
#[test]
fn rule_docs_and_links_cite_only_public_sources() {
    let forbidden = ["shared/", "seeds/", "the seed", "seed document", "RULES.md", "/work/", "corpus/"];
    // A public URL may contain these words in its path (learn.microsoft.com/.../linkedin/shared/...);
    // only text outside URLs counts.
    let check = |what: &str, text: &str| {
        let prose: String = text
            .split_whitespace()
            .filter(|w| !w.contains("https://") && !w.contains("http://"))
            .collect::<Vec<_>>()
            .join(" ");
        for f in forbidden {
            assert!(!prose.contains(f), "{what} mentions `{f}`");
        }
    };
    let mut pages = 0;
    for ns in std::fs::read_dir(root().join("docs/rules")).unwrap() {
        let ns = ns.unwrap().path();
        if !ns.is_dir() {
            continue;
        }
        for page in std::fs::read_dir(&ns).unwrap() {
            let page = page.unwrap().path();
            check(&page.display().to_string(), &std::fs::read_to_string(&page).unwrap());
            pages += 1;
        }
    }
    let rules = specc_rules::all_rules();
    assert_eq!(pages, rules.len(), "one page per rule");
    let repo = env!("CARGO_PKG_REPOSITORY");
    for r in &rules {
        let m = r.meta();
        check(m.code, &m.doc());
        check(m.code, m.summary);
        // The link is the rule's page in this repository, and the page exists.
        let url = m.url();
        let rel = url.strip_prefix(&format!("{repo}/blob/main/")).unwrap_or_else(|| panic!("{url}"));
        assert!(root().join(rel).is_file(), "{url} has no page");
    }
    let o = specc(&root()).args(["explain", "elasticio/legacy-env-oauth"]).output().unwrap();
    assert!(o.status.success());
    check("specc explain", &stdout(&o));
    assert!(stdout(&o).contains("https://docs.elastic.io/"), "{}", stdout(&o));
}

/// The GitHub Action's script, run as the action runs it: annotations on the terminal, SARIF in a
/// file, a Markdown job summary, and the exit code handed on through `$GITHUB_OUTPUT`.
#[cfg(unix)]
#[test]
fn github_action_script_writes_sarif_summary_and_outputs() {
    let d = example("action");
    let output = d.join("github-output");
    let summary = d.join("summary.md");
    let o = Command::new("bash")
        .arg(root().join("action/run.sh"))
        .current_dir(&d)
        .env("SPECC", insta_cmd::get_cargo_bin("specc"))
        .env("INPUT_PATHS", "box")
        .env("INPUT_ARGS", "--fail-on warning")
        .env("INPUT_SARIF_FILE", "out/specc.sarif")
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    // The output directory does not exist: specc reports that it cannot write the file (exit 2).
    assert_eq!(o.status.code(), Some(0), "the script itself succeeds: {}", stderr(&o));
    assert!(std::fs::read_to_string(&output).unwrap().contains("exit-code=2"));

    std::fs::create_dir_all(d.join("out")).unwrap();
    std::fs::write(&output, "").unwrap();
    let o = Command::new("bash")
        .arg(root().join("action/run.sh"))
        .current_dir(&d)
        .env("SPECC", insta_cmd::get_cargo_bin("specc"))
        .env("INPUT_PATHS", "box")
        .env("INPUT_ARGS", "--fail-on warning")
        .env("INPUT_SARIF_FILE", "out/specc.sarif")
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("::error file=box/instance.yaml"), "{}", stdout(&o));
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert!(outputs.contains("exit-code=1") && outputs.contains("sarif-file=out/specc.sarif"), "{outputs}");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("out/specc.sarif")).unwrap()).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 3);
    assert!(std::fs::read_to_string(&summary).unwrap().contains("| error |"));
    // The action file runs this script and applies its exit code after the upload.
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(
        action.contains("action/run.sh") && action.contains("upload-sarif") && action.contains("outputs.exit-code")
    );
}

/// A finding with no line (a file-level one) is suppressed by a `[[suppress]]` entry with the empty
/// pointer, as the README says.
#[test]
fn file_level_findings_are_suppressible_with_the_empty_pointer() {
    let d = tmpdir("file-level");
    std::fs::write(d.join("notes.json"), "{\"hello\": 1}\n").unwrap();
    let o = specc(&d).args(["check", "notes.json", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "specc/unsupported-file");
    assert_eq!(v["diagnostics"][0]["file_level"], true);
    std::fs::write(
        d.join("specc.toml"),
        "[[suppress]]\nfile = \"notes.json\"\npointer = \"\"\ncodes = [\"specc/unsupported-file\"]\nreason = \"not a manifest\"\n",
    )
    .unwrap();
    let o = specc(&d).args(["check", "notes.json", "--format", "json"]).output().unwrap();
    assert_eq!(codes(&o), Vec::<String>::new(), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0));
}

/// `specc build`: an undefined `{{VAR}}` in an endpoint is reported at the URL and called undefined;
/// `--ignore` and `--config` apply to the build's findings like they do to `check`.
#[test]
fn build_reports_undefined_placeholders_and_takes_config_and_ignore() {
    let d = tmpdir("build");
    std::fs::write(
        d.join("component.json"),
        r#"{
  "title": "Acme",
  "credentials": {
    "fields": {"oauth": {"label": "Acme", "viewClass": "OAuthFieldView", "required": true}},
    "oauth2": {
      "client_id": "{{ACME_ID}}",
      "client_secret": "{{ACME_SECRET}}",
      "auth_uri": "https://{{TENANT}}.acme.test/authorize",
      "token_uri": "https://acme.test/token"
    }
  },
  "envVars": {"ACME_ID": {"required": true}, "ACME_SECRET": {"required": true}}
}
"#,
    )
    .unwrap();
    let o = specc(&d).args(["build", "component.json", "--target", "membrane", "--color", "never"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("`{{TENANT}}`, which") && e.contains("is undefined"), "{e}");
    assert!(e.contains("component.json:8:19"), "points at the URL: {e}");

    let fixed = std::fs::read_to_string(d.join("component.json")).unwrap().replace("{{TENANT}}.", "");
    std::fs::write(d.join("component.json"), fixed).unwrap();
    let o = specc(&d).args(["build", "component.json", "--target", "openapi", "--color", "never"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("build/field-not-expressible"));
    let o = specc(&d)
        .args(["build", "component.json", "--target", "openapi", "--ignore", "build/field-not-expressible"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("field-not-expressible"), "{}", stderr(&o));
    std::fs::write(d.join("ci.toml"), "ignore = [\"build\"]\n").unwrap();
    let o = specc(&d).args(["build", "component.json", "--target", "openapi", "--config", "ci.toml"]).output().unwrap();
    assert!(!stderr(&o).contains("field-not-expressible"), "{}", stderr(&o));
    let o = specc(&d).args(["build", "component.json", "--target", "openapi", "--ignore", "bild/x"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// Every target that writes a secret reference for a source without one uses the same names.
#[test]
fn build_targets_use_the_same_secret_reference_names() {
    let src = "tests/build/sources/openapi/openapi.yaml";
    for target in ["elasticio-tenant-client", "itential-instance", "keboola-manage"] {
        let o = specc(&root())
            .args(["build", src, "--target", target, "--component-id", "c", "--tenant-id", "t", "--oauth-api-id", "1"])
            .output()
            .unwrap();
        let out = stdout(&o);
        assert!(out.contains("OAUTH_CLIENT_ID") && out.contains("OAUTH_CLIENT_SECRET"), "{target}: {out}");
    }
}
