//! specc on a hostile repository: nothing outside the checked tree is read or written, no secret reaches
//! any output, and every command ends with exit code 0, 1 or 2.
//!
//! Each test builds its repository at test time in a temporary directory: links to a file outside the
//! tree that holds a sentinel and to `/proc/self/environ` (with a sentinel put into specc's environment),
//! secrets in files that do not parse, duplicate keys, escaped and folded secrets, credentials in URLs,
//! an `--inline-secrets` run that names `GITHUB_TOKEN`... Then it runs every command in every format,
//! and the language server, against it. Two independent sets of cases (`set_a`, `set_b`) use different
//! dialects, file kinds and secret-bearing keys.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every sentinel starts with this; no output may contain it.
const MARK: &str = "ZQLEAK";

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("specc-security-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A hostile repository and what surrounds it.
struct Repo {
    /// The temporary directory holding everything.
    base: PathBuf,
    /// The checked tree.
    tree: PathBuf,
    /// Outside the tree: files the repository links to.
    outside: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let base = scratch(name);
        let tree = base.join("repo");
        let outside = base.join("outside");
        std::fs::create_dir_all(&tree).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        Repo { base, tree, outside }
    }

    fn file(&self, rel: &str, text: &str) {
        write(&self.tree.join(rel), text);
    }

    fn link(&self, rel: &str, target: &Path) {
        let p = self.tree.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        symlink(target, p).unwrap();
    }

    fn outside_file(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.outside.join(rel);
        write(&p, text);
        p
    }

    /// Every file outside the tree, with its content and mode (links are not followed).
    fn outside_state(&self) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
        use std::os::unix::fs::PermissionsExt;
        let mut out = BTreeMap::new();
        let mut stack = vec![self.outside.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let m = std::fs::symlink_metadata(&p).unwrap();
                if m.is_dir() {
                    stack.push(p);
                } else {
                    let bytes = if m.is_file() { std::fs::read(&p).unwrap() } else { Vec::new() };
                    out.insert(p, (bytes, m.permissions().mode()));
                }
            }
        }
        out
    }
}

/// What one command printed.
struct Ran {
    what: String,
    code: i32,
    stdout: String,
    stderr: String,
}

fn specc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_specc"));
    c.env("SPECC_TEST_SENTINEL", format!("{MARK}-environment"))
        .env("GITHUB_TOKEN", format!("{MARK}-github-token"))
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    c
}

/// Runs with a time limit (a hang is a failure, not a stuck test run).
fn run(what: &str, mut cmd: Command, stdin: &[u8], cwd: &Path) -> Ran {
    cmd.current_dir(cwd).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out_pipe = child.stdout.take().unwrap();
    let err_pipe = child.stderr.take().unwrap();
    let reader = |mut p: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = p.read_to_end(&mut v);
            v
        })
    };
    let (o, e) = (reader(Box::new(out_pipe)), reader(Box::new(err_pipe)));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("{what}: still running after 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = feeder.join();
    let stdout = String::from_utf8_lossy(&o.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&e.join().unwrap()).into_owned();
    let code = status.code().unwrap_or_else(|| panic!("{what}: killed by a signal\n{stderr}"));
    Ran { what: what.to_string(), code, stdout, stderr }
}

fn percent(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The assertions every run must pass: exit 0/1/2, and no sentinel (raw, percent-encoded, JSON-escaped
/// or split by a `\u` escape of its first letter) in what it printed.
fn assert_clean(r: &Ran, extra: &[&str]) {
    assert!(matches!(r.code, 0..=2), "{}: exit code {}\n{}", r.what, r.code, r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}: panicked\n{}", r.what, r.stderr);
    let mut needles: Vec<String> = vec![MARK.to_string(), percent(MARK), "ZQ\\u004cEAK".into(), "ZQ\\u004CEAK".into()];
    needles.extend(extra.iter().map(|s| s.to_string()));
    for n in &needles {
        for (name, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            if let Some(at) = text.find(n.as_str()) {
                let from = text[..at].char_indices().rev().nth(200).map_or(0, |(i, _)| i);
                let to = (at + 200).min(text.len());
                let to = (to..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
                panic!("{}: `{n}` in {name}:\n…{}…", r.what, &text[from..to]);
            }
        }
    }
}

fn lsp_frame(v: &serde_json::Value) -> Vec<u8> {
    let body = v.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body.as_bytes());
    out
}

/// Every file of the tree that is not a link, relative.
fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                stack.push(p);
            } else if m.is_file() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs every command, format and the language server against the repository's tree.
fn attack(repo: &Repo) {
    let tree = &repo.tree;
    let before = repo.outside_state();
    let mut runs = Vec::new();
    let t = tree.to_str().unwrap();
    for format in ["human", "json", "sarif", "github"] {
        let mut c = specc();
        c.args(["check", t, "--format", format]);
        runs.push(run(&format!("check --format {format}"), c, b"", &repo.base));
        let mut c = specc();
        c.args(["check", t, "--statistics", "--format", format]);
        runs.push(run(&format!("check --statistics --format {format}"), c, b"", &repo.base));
    }
    // From inside the tree (relative paths), one file at a time too.
    let mut c = specc();
    c.args(["check", "."]);
    runs.push(run("check . (inside)", c, b"", tree));
    let files = files_of(tree);
    for f in &files {
        for format in ["human", "json"] {
            let mut c = specc();
            c.args(["check", "--format", format]).arg(f);
            runs.push(run(&format!("check {} --format {format}", f.display()), c, b"", &repo.base));
        }
    }
    for mode in ["--diff", "--patch", "--check"] {
        let mut c = specc();
        c.args(["migrate", t, mode]);
        runs.push(run(&format!("migrate {mode}"), c, b"", &repo.base));
        let mut c = specc();
        c.args(["migrate", t, mode, "--unsafe-fixes", "--inline-secrets"]);
        runs.push(run(&format!("migrate {mode} --unsafe-fixes --inline-secrets"), c, b"", &repo.base));
    }
    // Build every target from every source (files and directories).
    let mut sources: Vec<PathBuf> = files.clone();
    sources.extend(std::fs::read_dir(tree).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()));
    let targets = run(
        "build --list-targets",
        {
            let mut c = specc();
            c.args(["build", "--list-targets"]);
            c
        },
        b"",
        tree,
    );
    let targets: Vec<String> =
        targets.stdout.lines().filter_map(|l| l.split_whitespace().next()).map(str::to_string).collect();
    assert!(targets.len() >= 5, "targets: {targets:?}");
    for s in &sources {
        for target in &targets {
            let mut c = specc();
            c.args(["build", "--target", target, "--component-id", "c1", "--tenant-id", "t1", "--oauth-api-id", "o1"]);
            c.arg(s);
            runs.push(run(&format!("build {} --target {target}", s.display()), c, b"", &repo.base));
        }
    }
    // `build --out` into a directory that holds links to the outside.
    let out = repo.base.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim = repo.outside_file("victim.txt", "do not overwrite\n");
    for name in ["component.json", "request.http", "spec.yml", "openapi.yaml", "instance.json", "registration.json"] {
        let _ = symlink(&victim, out.join(name));
    }
    let _ = symlink(&repo.outside, out.join("auth"));
    let before_out = repo.outside_state();
    for s in &sources {
        for target in &targets {
            let mut c = specc();
            c.args(["build", "--target", target, "--component-id", "c1", "--tenant-id", "t1", "--oauth-api-id", "o1"]);
            c.arg(s).arg("--out").arg(&out).arg("--force");
            let r = run(&format!("build {} --target {target} --out (links)", s.display()), c, b"", &repo.base);
            runs.push(r);
        }
    }
    assert_eq!(before_out, repo.outside_state(), "build --out wrote through a link");
    // The language server: every file opened, code actions asked for, hostile frames in between.
    let mut input = Vec::new();
    let root_uri = format!("file://{}", tree.display());
    input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": root_uri}})));
    input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})));
    input.extend(b"Content-Length: 3\r\n\r\n{[}");
    input.extend(b"Content-Length: 2\r\n\r\n[]");
    for (i, f) in files.iter().enumerate() {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        let uri = format!("file://{}", f.display());
        input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}})));
        input.extend(lsp_frame(
            &serde_json::json!({"jsonrpc": "2.0", "id": 100 + i, "method": "textDocument/codeAction",
            "params": {"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
            "end": {"line": 100000, "character": 0}}, "context": {"diagnostics": []}}}),
        ));
    }
    input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})));
    input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "method": "exit"})));
    let lsp = run(
        "lsp",
        {
            let mut c = specc();
            c.arg("lsp");
            c
        },
        &input,
        &repo.base,
    );
    assert_eq!(lsp.code, 0, "lsp: exit after shutdown must be 0\n{}", lsp.stderr);
    assert!(lsp.stdout.contains("-32700"), "lsp: no parse-error answer\n{}", lsp.stdout);
    assert!(lsp.stdout.contains("\"id\":2"), "lsp: stopped serving after a bad message\n{}", lsp.stdout);
    assert!(lsp.stdout.contains("publishDiagnostics"), "lsp: published nothing");
    runs.push(lsp);
    // `migrate --write` last: it may change the tree, never anything outside.
    let mut c = specc();
    c.args(["migrate", t, "--write", "--unsafe-fixes"]);
    runs.push(run("migrate --write", c, b"", &repo.base));
    let mut c = specc();
    c.args(["check", t]);
    runs.push(run("check after migrate --write", c, b"", &repo.base));
    for r in &runs {
        assert_clean(r, &[]);
    }
    // Links in the tree still point where they pointed, and nothing outside changed.
    for (p, _) in before.iter() {
        assert!(p.exists(), "{} disappeared", p.display());
    }
    let after = repo.outside_state();
    for (p, state) in &before {
        assert_eq!(Some(state), after.get(p), "{} changed", p.display());
    }
    // Companion files holding inlined values are private.
    for f in files_of(tree) {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(!text.contains(&format!("{MARK}-github-token")), "{} holds GITHUB_TOKEN", f.display());
    }
}

fn outside_targets(repo: &Repo) -> (PathBuf, PathBuf) {
    let yml = repo.outside_file(
        "secret.yml",
        &format!(
            "clientId: {MARK}-outside-id\nauthorizeUri: https://{MARK}.outside.test/a\ntokenUri: https://x.test/t\n"
        ),
    );
    let json = repo.outside_file(
        "model.json",
        &format!(
            "{{\"openapi\": \"3.0.0\", \"info\": {{\"title\": \"{MARK}-outside\", \"version\": \"1\"}}, \"paths\": {{}}, \
             \"components\": {{\"securitySchemes\": {{\"o\": {{\"type\": \"oauth2\", \"flows\": {{\"clientCredentials\": \
             {{\"tokenUrl\": \"https://{MARK}.test/t\", \"scopes\": {{\"{MARK}\": \"x\"}}}}}}}}}}}}}}"
        ),
    );
    (yml, json)
}

// ---------------------------------------------------------------------------------------------------
// Set A: Membrane links, Itential models, elastic.io and Keboola secrets in broken files.

fn set_a() -> Repo {
    let repo = Repo::new("a");
    let (yml, json) = outside_targets(&repo);
    // Membrane connector whose OAuth config and API client mapping are links out of the tree.
    repo.file(
        "membrane/spec.yml",
        "name: Evil\nkey: evil\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n  \
         makeApiClient:\n    implementationType: mapping\n  test:\n    implementationType: javascript\n",
    );
    repo.link("membrane/auth/get-oauth-config.map.yml", &yml);
    repo.link("membrane/auth/make-api-client.map.yml", Path::new("/proc/self/environ"));
    repo.link("membrane/auth/test.js", Path::new("/etc/passwd"));
    // Membrane connector with a literal secret, a duplicate, URL credentials and an `extra` secret.
    repo.file(
        "membrane2/spec.yml",
        "name: Evil2\nkey: evil2\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n",
    );
    repo.file(
        "membrane2/auth/get-oauth-config.map.yml",
        &format!(
            "clientId: abc\nclientSecret: {MARK}-m1\nclientSecret: {MARK}-m2\n\
             authorizeUri: https://admin:{MARK}pw@login.example.test/authorize\n\
             tokenUri: https://login.example.test/token?client_secret={MARK}-q1&x=1\n\
             scopes: [read]\nextra:\n  client_secret: {MARK}-extra\n  prompt: consent\n"
        ),
    );
    // Itential instances whose model is outside: absolute /proc, `..`, a link.
    repo.file(
        "it1/instance.yaml",
        &format!("model: /proc/self/environ\nclient_id: a\nclient_secret: \"{MARK}-it1\"\nscope: read\n"),
    );
    repo.file(
        "it2/instance.yaml",
        "model: ../../outside/model.json\nclient_id: a\nclient_secret: \"{{S}}\"\nscope: read\n",
    );
    repo.file("it3/instance.yaml", "model: model.json\nclient_id: a\nclient_secret: \"{{S}}\"\nscope: read\n");
    repo.link("it3/model.json", &json);
    repo.file("it4/instance.yaml", "model: /etc/passwd\nclient_id: a\nclient_secret: \"{{S}}\"\nscope: read\n");
    // elastic.io: a bad escape, a trailing `,,`, duplicates, an escaped secret, userinfo, query secrets.
    let eio = |secret: &str, tail: &str| {
        format!(
            "{{\n  \"title\": \"X\",\n  \"credentials\": {{\n    \"fields\": {{\"oauth\": {{\"viewClass\": \"OAuthFieldView\"}}}},\n    \
             \"oauth2\": {{\n      \"client_id\": \"id\",\n      \"client_secret\": {secret}\n      \
             \"auth_uri\": \"https://u:{MARK}-userinfo@login.example.test/authorize?access_token={MARK}-at\",\n      \
             \"token_uri\": \"https://login.example.test/token\"{tail}\n    }}\n  }}\n}}\n"
        )
    };
    repo.file("eio-escape/component.json", &eio(&format!("\"{MARK}-esc\\x\","), ""));
    repo.file("eio-commas/component.json", &eio(&format!("\"{MARK}-commas\",,"), ""));
    repo.file(
        "eio-dup/component.json",
        &eio(&format!("\"{MARK}-dup1\",\n      \"client_secret\": \"{MARK}-dup2\","), ""),
    );
    repo.file("eio-unicode/component.json", &eio("\"ZQ\\u004cEAK-unicode\",", ""));
    repo.file(
        "eio-ok/component.json",
        &eio(&format!("\"{MARK}-literal-long-enough\","), ",\n      \"scopes\": [\"a\"]"),
    );
    // GITHUB_TOKEN named as the client id: `--inline-secrets` must not read it.
    repo.file(
        "eio-gh/component.json",
        "{\n  \"title\": \"GH\",\n  \"envVars\": {\"GITHUB_TOKEN\": {}},\n  \"credentials\": {\n    \"fields\": {\"oauth\": \
         {\"viewClass\": \"OAuthFieldView\"}},\n    \"oauth2\": {\n      \"client_id\": \"{{GITHUB_TOKEN}}\",\n      \
         \"client_secret\": \"{{GITHUB_TOKEN}}\",\n      \"auth_uri\": \"https://l.test/a\",\n      \"token_uri\": \"https://l.test/t\"\n    }\n  }\n}\n",
    );
    // Keboola: an unterminated `#appSecret`, and a plain one.
    repo.file(
        "keboola/broken.json",
        &format!(
            "{{\n  \"component_id\": \"k.ex\",\n  \"oauth_version\": \"2.0\",\n  \"#appSecret\": \"{MARK}-kbc\n}}\n"
        ),
    );
    repo.file(
        "keboola/plain.json",
        &format!(
            "{{\n  \"component_id\": \"k.ex\",\n  \"friendly_name\": \"K\",\n  \"app_key\": \"k\",\n  \"#app_secret\": \"{MARK}-kbc2\",\n  \
             \"auth_url\": \"https://a.test/authorize?client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&client_secret={MARK}-kq\",\n  \
             \"token_url\": \"https://a.test/token\",\n  \"oauth_version\": \"2.0\"\n}}\n"
        ),
    );
    // OpenAPI with an unterminated YAML secret, a BOM, and a folded secret.
    repo.file(
        "openapi/broken.yaml",
        &format!(
            "openapi: 3.0.0\ninfo: {{title: x, version: '1'}}\nx-client-secret: \"{MARK}-unterminated\npaths: {{}}\n"
        ),
    );
    repo.file(
        "openapi/folded.yaml",
        &format!(
            "\u{feff}openapi: 3.0.0\ninfo: {{title: x, version: '1'}}\npaths: {{}}\nx-oauth:\n  client_secret: >-\n    {MARK}-folded\n    \
             more\n  password: 'it''s {MARK}-quoted'\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        \
             clientCredentials:\n          tokenUrl: https://svc:{MARK}-pw@auth.test/token?token={MARK}-tok\n          scopes: {{}}\n"
        ),
    );
    // A file whose name is 250 bytes long (migrate --write must manage its temporary file).
    let long = format!("{}.json", "c".repeat(245));
    repo.file(
        &format!("longname/{long}"),
        "{\n  \"title\": \"L\",\n  \"credentials\": {\n    \"fields\": {\"oauth\": {\"viewClass\": \"OAuthFieldView\"}},\n    \
         \"oauth2\": {\n      \"client_id\": \"{{OAUTH_CLIENT_ID}}\",\n      \"client_secret\": \"{{OAUTH_CLIENT_SECRET}}\",\n      \
         \"auth_uri\": \"http://login.example.test/authorize\",\n      \"token_uri\": \"http://login.example.test/token\"\n    }\n  }\n}\n",
    );
    repo
}

#[test]
fn set_a_leaks_nothing_and_reads_nothing_outside() {
    let repo = set_a();
    attack(&repo);
    // The outside model and mapping were refused with a located finding.
    let mut c = specc();
    c.args(["check", "--format", "json"]).arg(&repo.tree);
    let r = run("check json", c, b"", &repo.base);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let outside: Vec<&serde_json::Value> =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "specc/path-outside-root").collect();
    let files: Vec<String> = outside.iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    for expect in
        ["it1/instance.yaml", "it2/instance.yaml", "it3/instance.yaml", "it4/instance.yaml", "membrane/spec.yml"]
    {
        assert!(files.iter().any(|f| f.ends_with(expect)), "no path-outside-root in {expect}: {files:?}");
    }
    for d in &outside {
        let m = d["message"].as_str().unwrap();
        assert!(!m.contains("proc") && !m.contains("outside/") && !m.contains("passwd"), "{m}");
        assert!(d["range"]["end"].as_u64().unwrap() > 0, "not located: {d}");
    }
    // The 250-byte file name was migrated.
    let long = repo.tree.join("longname").join(format!("{}.json", "c".repeat(245)));
    assert!(std::fs::read_to_string(long).unwrap().contains("https://login.example.test"));
    std::fs::remove_dir_all(&repo.base).ok();
}

// ---------------------------------------------------------------------------------------------------
// Set B: OpenAPI and Swagger, Membrane JavaScript and YAML duplicates, Keboola configs, config files.

fn set_b() -> Repo {
    let repo = Repo::new("b");
    let (yml, json) = outside_targets(&repo);
    // Membrane: the connector's auth directory is a link out of the tree; a JS method linked to environ.
    repo.file(
        "conn/spec.yml",
        "name: B\nkey: b\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n  refreshCredentials:\n    \
         implementationType: javascript\n",
    );
    std::fs::create_dir_all(repo.outside.join("authdir")).unwrap();
    std::fs::copy(&yml, repo.outside.join("authdir/get-oauth-config.map.yml")).unwrap();
    repo.link("conn/auth", &repo.outside.join("authdir"));
    repo.file(
        "conn2/spec.yml",
        "name: B2\nkey: b2\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n  refreshCredentials:\n    \
         implementationType: javascript\n",
    );
    repo.file(
        "conn2/auth/get-oauth-config.map.yml",
        &format!(
            "clientId: x\nclientSecret: |\n  {MARK}-block\nauthorizeUri: \"https://a.test/authorize?api_key={MARK}-ak\"\n\
             tokenUri: https://a.test/token\nscopes:\n  - read\nextra: {{refresh_token: {MARK}-rt, password: '{MARK}-pw2'}}\n"
        ),
    );
    repo.link("conn2/auth/refresh-credentials.js", Path::new("/proc/self/environ"));
    // Swagger 2.0 with secret-named extension keys duplicated, in JSON, plus a `code` in a URL.
    repo.file(
        "swagger.json",
        &format!(
            "{{\"swagger\": \"2.0\", \"info\": {{\"title\": \"s\", \"version\": \"1\"}}, \"paths\": {{}},\n \
             \"x-api-key\": \"{MARK}-apikey1\", \"x-api-key\": \"{MARK}-apikey2\",\n \
             \"securityDefinitions\": {{\"o\": {{\"type\": \"oauth2\", \"flow\": \"accessCode\",\n  \
             \"authorizationUrl\": \"https://a.test/auth?code={MARK}-code\", \"tokenUrl\": \"https://x:{MARK}-pw3@a.test/token\", \
             \"scopes\": {{}}}}}}}}\n"
        ),
    );
    // YAML OpenAPI that does not parse (a tab), with a refresh token and an access token.
    repo.file(
        "api/openapi.yaml",
        &format!("openapi: 3.1.0\n\tbad: indentation\nrefresh_token: {MARK}-rtok\naccessToken: \"{MARK}-atok\"\n"),
    );
    // Keboola configuration: `#password` plain, duplicated; a broken one with `#refresh_token`.
    repo.file(
        "kbc/config.json",
        &format!(
            "{{\"authorization\": {{\"oauth_api\": {{\"id\": \"1\", \"credentials\": {{\"#data\": \"{MARK}-data\", \
             \"appKey\": \"k\", \"#appSecret\": \"{MARK}-as\", \"#appSecret\": \"{MARK}-as2\"}}}}}}, \
             \"parameters\": {{\"#password\": \"{MARK}-kpw\"}}}}\n"
        ),
    );
    repo.file(
        "kbc/broken.json",
        &format!("{{\"oauth_api\": {{\"id\": \"1\"}}, \"parameters\": {{\"#refresh_token\": \"{MARK}-krt\\q\"}}\n"),
    );
    // Itential: model through a linked directory, and a JSON instance with userinfo in its redirect URI.
    std::fs::create_dir_all(repo.outside.join("models")).unwrap();
    std::fs::copy(&json, repo.outside.join("models/m.json")).unwrap();
    repo.link("itd/models", &repo.outside.join("models"));
    repo.file(
        "itd/instance.json",
        &format!(
            "{{\"model\": \"models/m.json\", \"client_id\": \"a\", \"client_secret\": \"{MARK}-itj\", \
             \"redirect_uri\": \"https://u:{MARK}-ru@cb.test/cb?refresh_token={MARK}-rq\", \"scope\": \"r\"}}\n"
        ),
    );
    repo
}

#[test]
fn set_b_leaks_nothing_and_reads_nothing_outside() {
    let repo = set_b();
    attack(&repo);
    std::fs::remove_dir_all(&repo.base).ok();
}

// ---------------------------------------------------------------------------------------------------
// Configuration files and command-line values.

#[test]
fn config_files_must_be_regular_and_small() {
    let repo = Repo::new("config");
    repo.file("a/component.json", "{\"title\": \"x\", \"credentials\": {\"oauth2\": {\"client_id\": \"{{A}}\"}}}\n");
    // A discovered specc.toml that links to the environment, and one that links outside.
    repo.link("a/specc.toml", Path::new("/proc/self/environ"));
    let outside = repo.outside_file("specc.toml", &format!("select = [\"{MARK}-cfg\"]\n"));
    repo.file("b/component.json", "{\"title\": \"x\", \"credentials\": {\"oauth2\": {\"client_id\": \"{{A}}\"}}}\n");
    repo.link("b/specc.toml", &outside);
    let fifo = repo.base.join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success(), "mkfifo failed");
    let huge = repo.base.join("huge.toml");
    std::fs::write(&huge, format!("select = [\"{}\"]\n", "a".repeat(10 * 1024 * 1024))).unwrap();
    let long_select = repo.base.join("long.toml");
    std::fs::write(&long_select, format!("select = [\"{}\"]\n", "b".repeat(100 * 1024))).unwrap();
    let mut runs = Vec::new();
    for dir in ["a", "b"] {
        for cmd in
            [&["check"][..], &["check", "--format", "github"], &["check", "--format", "json"], &["migrate", "--diff"]]
        {
            let mut c = specc();
            c.args(cmd).arg(repo.tree.join(dir));
            let r = run(&format!("{cmd:?} {dir} (specc.toml is a link)"), c, b"", &repo.base);
            assert_eq!(r.code, 2, "{}: a linked specc.toml must be refused\n{}{}", r.what, r.stdout, r.stderr);
            runs.push(r);
        }
    }
    for cfg in [Path::new("/proc/self/environ"), Path::new("/dev/zero"), fifo.as_path(), huge.as_path()] {
        let mut c = specc();
        c.arg("check").arg(repo.tree.join("a")).arg("--config").arg(cfg);
        let r = run(&format!("check --config {}", cfg.display()), c, b"", &repo.base);
        assert_eq!(r.code, 2, "{}: must be refused\n{}", r.what, r.stderr);
        runs.push(r);
    }
    let mut c = specc();
    c.arg("check").arg(repo.tree.join("a")).arg("--config").arg(&long_select);
    let r = run("check --config (100 KiB select)", c, b"", &repo.base);
    assert_eq!(r.code, 2);
    assert!(r.stdout.len() + r.stderr.len() < 20_000, "the long value was quoted");
    runs.push(r);
    // A `specc.toml` above the repository's root (`.git`) is not the project's: not read.
    repo.file("c/.git/HEAD", "ref: refs/heads/main\n");
    repo.file("c/component.json", "{\"title\": \"x\", \"credentials\": {\"oauth2\": {\"client_id\": \"{{A}}\"}}}\n");
    write(&repo.tree.join("specc.toml"), &format!("select = [\"{MARK}-above\"]\n"));
    let mut c = specc();
    c.arg("check").arg(repo.tree.join("c"));
    let r = run("check c (specc.toml above .git)", c, b"", &repo.base);
    assert_ne!(r.code, 2, "a specc.toml above the repository root was read\n{}", r.stdout);
    runs.push(r);
    for r in &runs {
        assert_clean(r, &[]);
    }
    std::fs::remove_dir_all(&repo.base).ok();
}

#[test]
fn command_line_ids_are_validated_and_threads_capped() {
    let repo = Repo::new("ids");
    repo.file(
        "component.json",
        "{\"title\": \"x\", \"credentials\": {\"fields\": {\"oauth\": {\"viewClass\": \"OAuthFieldView\"}}, \"oauth2\": \
         {\"client_id\": \"{{OAUTH_CLIENT_ID}}\", \"client_secret\": \"{{OAUTH_CLIENT_SECRET}}\", \
         \"auth_uri\": \"https://l.test/a\", \"token_uri\": \"https://l.test/t\"}}}\n",
    );
    for (flag, value) in [
        ("--tenant-id", "t1\r\nX-Injected: 1"),
        ("--component-id", "a\"b"),
        ("--oauth-api-id", "../x"),
        ("--tenant-id", ""),
    ] {
        let mut c = specc();
        c.args(["build", "component.json", "--target", "elasticio-tenant-client", flag, value]);
        let r = run(&format!("build {flag} {value:?}"), c, b"", &repo.tree);
        assert_eq!(r.code, 2, "{}: accepted\n{}", r.what, r.stdout);
        assert!(!r.stdout.contains("X-Injected"), "{}", r.stdout);
    }
    let mut c = specc();
    c.args(["check", ".", "--threads", "100000"]);
    let r = run("check --threads 100000", c, b"", &repo.tree);
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    std::fs::remove_dir_all(&repo.base).ok();
}

#[test]
fn lsp_refuses_huge_messages_and_uses_the_spec_exit_codes() {
    let base = scratch("lsp");
    // A huge declared length: refused without allocating, the server stays alive.
    let mut input = b"Content-Length: 100000000000\r\n\r\n{}".to_vec();
    let r = run(
        "lsp huge",
        {
            let mut c = specc();
            c.arg("lsp");
            c
        },
        &input,
        &base,
    );
    assert_eq!(r.code, 1, "input ended without shutdown: exit 1\n{}", r.stderr);
    assert!(r.stdout.contains("larger than"), "{}", r.stdout);
    // Exit without shutdown: 1. Shutdown then exit: 0.
    input = lsp_frame(
        &serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})));
    let mut no_shutdown = input.clone();
    no_shutdown.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "method": "exit"})));
    let r = run(
        "lsp exit",
        {
            let mut c = specc();
            c.arg("lsp");
            c
        },
        &no_shutdown,
        &base,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    input.extend(b"Content-Length: 1\r\n\r\n{");
    input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "id": 7, "method": "shutdown"})));
    input.extend(lsp_frame(&serde_json::json!({"jsonrpc": "2.0", "method": "exit"})));
    let r = run(
        "lsp shutdown",
        {
            let mut c = specc();
            c.arg("lsp");
            c
        },
        &input,
        &base,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("-32700") && r.stdout.contains("\"id\":7"), "{}", r.stdout);
    std::fs::remove_dir_all(&base).ok();
}

#[test]
fn build_out_refuses_overwrite_and_links_and_names_the_path() {
    let repo = Repo::new("out");
    repo.file(
        "component.json",
        "{\"title\": \"x\", \"credentials\": {\"fields\": {\"oauth\": {\"viewClass\": \"OAuthFieldView\"}}, \"oauth2\": \
         {\"client_id\": \"{{OAUTH_CLIENT_ID}}\", \"client_secret\": \"{{OAUTH_CLIENT_SECRET}}\", \
         \"auth_uri\": \"https://l.test/a\", \"token_uri\": \"https://l.test/t\"}}}\n",
    );
    let out = repo.base.join("out");
    let build = |extra: &[&str]| {
        let mut c = specc();
        c.args([
            "build",
            "component.json",
            "--target",
            "elasticio-tenant-client",
            "--tenant-id",
            "t1",
            "--component-id",
            "c1",
            "--out",
        ])
        .arg(&out);
        c.args(extra);
        run(&format!("build --out {extra:?}"), c, b"", &repo.tree)
    };
    let first = build(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let written = files_of(&out);
    assert!(written.len() >= 2, "{written:?}");
    let again = build(&[]);
    assert_eq!(again.code, 2, "overwrote without --force");
    assert!(again.stderr.contains("out/"), "the error names no path: {}", again.stderr);
    assert_eq!(build(&["--force"]).code, 0);
    // A link in place of the second file: nothing is written, not even the first file.
    let victim = repo.outside_file("victim", "keep\n");
    for f in &written {
        std::fs::remove_file(f).unwrap();
    }
    symlink(&victim, &written[written.len() - 1]).unwrap();
    let r = build(&["--force"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep\n");
    assert_eq!(files_of(&out).len(), 0, "a partial output was left: {:?}", files_of(&out));
    std::fs::remove_dir_all(&repo.base).ok();
}

#[test]
fn migrate_write_keeps_mode_and_refuses_links() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new("mw");
    let text = "{\n  \"title\": \"L\",\n  \"credentials\": {\n    \"fields\": {\"oauth\": {\"viewClass\": \"OAuthFieldView\"}},\n    \
         \"oauth2\": {\n      \"client_id\": \"{{OAUTH_CLIENT_ID}}\",\n      \"client_secret\": \"{{OAUTH_CLIENT_SECRET}}\",\n      \
         \"auth_uri\": \"http://login.example.test/authorize\",\n      \"token_uri\": \"http://login.example.test/token\"\n    }\n  }\n}\n";
    repo.file("c/component.json", text);
    let p = repo.tree.join("c/component.json");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    let mut c = specc();
    c.args(["migrate", "--write", "--unsafe-fixes"]).arg(&repo.tree);
    let r = run("migrate --write", c, b"", &repo.base);
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    assert_ne!(std::fs::read_to_string(&p).unwrap(), text, "nothing migrated");
    assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    // A Membrane auth file linked to an outside mapping is neither read nor replaced.
    let target =
        repo.outside_file("m.map.yml", "clientId: x\nauthorizeUri: http://a.test/a\ntokenUri: http://a.test/t\n");
    repo.file(
        "m/spec.yml",
        "name: M\nkey: m\nauth:\n  type: oauth2\n  getOAuthConfig:\n    implementationType: mapping\n",
    );
    repo.link("m/auth/get-oauth-config.map.yml", &target);
    let mut c = specc();
    c.args(["migrate", "--write", "--unsafe-fixes"]).arg(repo.tree.join("m"));
    let r = run("migrate --write (link)", c, b"", &repo.base);
    assert!(matches!(r.code, 0..=2), "{}", r.stderr);
    assert!(std::fs::symlink_metadata(repo.tree.join("m/auth/get-oauth-config.map.yml"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("http://a.test/a"));
    std::fs::remove_dir_all(&repo.base).ok();
}

#[test]
fn inline_secrets_only_reads_client_variables_and_writes_private_files() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new("inline");
    let comp = |id: &str, secret: &str| {
        format!(
            "{{\n  \"title\": \"T\",\n  \"envVars\": {{\"{id}\": {{}}, \"{secret}\": {{}}}},\n  \"credentials\": {{\n    \
             \"fields\": {{\"oauth\": {{\"viewClass\": \"OAuthFieldView\"}}}},\n    \"oauth2\": {{\n      \
             \"client_id\": \"{{{{{id}}}}}\",\n      \"client_secret\": \"{{{{{secret}}}}}\",\n      \
             \"auth_uri\": \"https://l.test/a\",\n      \"token_uri\": \"https://l.test/t\"\n    }}\n  }}\n}}\n"
        )
    };
    repo.file("gh/component.json", &comp("GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY"));
    repo.file("ok/component.json", &comp("ACME_CLIENT_ID", "ACME_CLIENT_SECRET"));
    let mut c = specc();
    c.args(["migrate", "--write", "--inline-secrets"]).arg(&repo.tree);
    c.env("AWS_SECRET_ACCESS_KEY", format!("{MARK}-aws"))
        .env("ACME_CLIENT_ID", "id-1")
        .env("ACME_CLIENT_SECRET", "s3cr3t-v4lue");
    let r = run("migrate --write --inline-secrets", c, b"", &repo.base);
    assert_clean(&r, &["s3cr3t-v4lue"]);
    assert!(r.stderr.contains("warning"), "no warning on stderr: {}", r.stderr);
    let mut inlined = false;
    for f in files_of(&repo.tree) {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(!text.contains(MARK), "{} holds an environment value it must not", f.display());
        if text.contains("s3cr3t-v4lue") {
            inlined = true;
            assert_eq!(std::fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o600, "{}", f.display());
        }
    }
    assert!(inlined, "the client's own variables were not inlined");
    std::fs::remove_dir_all(&repo.base).ok();
}
