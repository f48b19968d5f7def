//! The language server, spoken to over real LSP JSON-RPC on stdio: initialize → didOpen a file with two
//! problems → two diagnostics at the right UTF-16 ranges (multi-byte characters precede them on the
//! line) → codeAction returns each fix → didChange with the fixes applied → zero diagnostics.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
}

fn read_message(r: &mut BufReader<ChildStdout>) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(insta_cmd::get_cargo_bin("specc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(m) = read_message(&mut stdout) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Server { child, stdin, rx, next_id: 1 }
    }

    fn send(&mut self, v: &Value) {
        let body = serde_json::to_vec(v).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.rx.recv_timeout(Duration::from_secs(30)).expect("response in time");
            if m["id"] == id {
                assert!(m.get("error").is_none(), "{m}");
                return m["result"].clone();
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn diagnostics(&mut self) -> Vec<Value> {
        loop {
            let m = self.rx.recv_timeout(Duration::from_secs(30)).expect("diagnostics in time");
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

/// UTF-16 (line, character) of a byte offset.
fn utf16_pos(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |p| p + 1);
    (line as u64, text[start..offset].encode_utf16().count() as u64)
}

/// Byte offset of a UTF-16 position.
fn byte_of(text: &str, line: u64, character: u64) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 == line {
            let mut units = 0;
            for (b, c) in l.char_indices() {
                if units >= character {
                    return off + b;
                }
                units += c.len_utf16() as u64;
            }
            return off + l.len();
        }
        off += l.len();
    }
    off
}

fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let s = byte_of(text, r["start"]["line"].as_u64().unwrap(), r["start"]["character"].as_u64().unwrap());
            let t = byte_of(text, r["end"]["line"].as_u64().unwrap(), r["end"]["character"].as_u64().unwrap());
            (s, t, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, t, n) in spans {
        out.replace_range(s..t, &n);
    }
    out
}

#[test]
fn diagnostics_quick_fixes_and_a_clean_recheck() {
    let dir = std::env::temp_dir().join(format!("specc-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("model.json"),
        r#"{"openapi": "3.0.3", "info": {"title": "Box", "version": "1"}, "paths": {},
 "components": {"securitySchemes": {"OAuth2Security": {"type": "oauth2", "flows": {"authorizationCode": {
 "authorizationUrl": "https://account.box.com/api/oauth2/authorize", "tokenUrl": "https://api.box.com/oauth2/token",
 "scopes": {"root_readonly": "Read", "manage_webhook": "Webhooks"}}}}}}}"#,
    )
    .unwrap();
    // Multi-byte characters (2-byte é, 3-byte →, 4-byte 😀) in YAML anchors precede both problems on
    // their lines, so UTF-8 byte columns and UTF-16 character offsets differ.
    let text = "model: model.json\nclient_id: \"{{BOX_CLIENT_ID}}\"\nclient_secret: \"{{BOX_CLIENT_SECRET}}\"\nscope: &é→😀 \"root_readonly,manage_webhook\"\nredirect_uri: &ü😀 \"{{iap}}/admin/oauth\"\n".to_string();
    let path = dir.join("instance.yaml");
    std::fs::write(&path, &text).unwrap();
    let uri = format!("file://{}", path.display());

    let mut s = Server::start();
    let init = s.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    assert_eq!(init["serverInfo"]["name"], "specc");
    assert!(
        init["capabilities"]["codeActionProvider"].as_bool().unwrap_or(false)
            || init["capabilities"]["codeActionProvider"].is_object()
    );
    s.notify("initialized", json!({}));
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let diags = s.diagnostics();
    let mut codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    codes.sort();
    assert_eq!(codes, ["itential/redirect-uri-trailing-slash", "itential/scope-delimiter"], "{diags:#?}");

    // Each diagnostic starts at its value, counted in UTF-16 units after the multi-byte anchor.
    for (code, needle) in [
        ("itential/scope-delimiter", "\"root_readonly,manage_webhook\""),
        ("itential/redirect-uri-trailing-slash", "\"{{iap}}/admin/oauth\""),
    ] {
        let d = diags.iter().find(|d| d["code"] == code).unwrap();
        let at = text.find(needle).unwrap();
        let (line, character) = utf16_pos(&text, at);
        assert_eq!(d["range"]["start"]["line"], line, "{code}");
        assert_eq!(d["range"]["start"]["character"], character, "{code}: {d:#}");
        let byte_col = at - text[..at].rfind('\n').map_or(0, |p| p + 1);
        assert_ne!(byte_col as u64, character, "the test must exercise UTF-16 ≠ UTF-8 columns");
    }

    // Code actions: one quick fix per problem.
    let mut edits = Vec::new();
    for d in &diags {
        let actions = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        let actions = actions.as_array().unwrap();
        let action = actions
            .iter()
            .find(|a| a["diagnostics"][0]["code"] == d["code"])
            .unwrap_or_else(|| panic!("no action for {}: {actions:#?}", d["code"]));
        assert_eq!(action["kind"], "quickfix");
        edits.extend(action["edit"]["changes"][&uri].as_array().unwrap().iter().cloned());
    }
    let fixed = apply(&text, &edits);
    assert!(fixed.contains("\"{{iap}}/admin/oauth/\""), "{fixed}");
    assert!(fixed.contains("root_readonly manage_webhook"), "{fixed}");

    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let after = s.diagnostics();
    assert!(after.is_empty(), "{after:#?}");

    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let status = s.child.wait().unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(PathBuf::from(&dir));
}

/// An editor buffer for a Membrane `auth/*.map.yml` is checked as part of its connector, and the buffer's
/// text (not the file on disk) is what gets judged.
#[test]
fn membrane_aux_buffer_wins_over_the_file_on_disk() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    let dir = std::env::temp_dir().join(format!("specc-lsp-membrane-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let src = root.join("fixtures/membrane/skip-pkce/valid");
    for rel in ["spec.yml", "auth/get-oauth-config.map.yml", "auth/make-api-client.map.yml", "auth/test.js"] {
        let to = dir.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        if src.join(rel).exists() {
            std::fs::copy(src.join(rel), &to).unwrap();
        }
    }
    let aux = dir.join("auth/get-oauth-config.map.yml");
    let on_disk = std::fs::read_to_string(&aux).unwrap();
    let clean = specc::driver::check_buffer(&aux, on_disk.as_bytes(), &specc::CheckOptions::default());
    assert!(clean.diagnostics.is_empty(), "{:#?}", clean.diagnostics);
    let edited = on_disk.replace("skipPkce: false", "skipPkce: true");
    assert_ne!(edited, on_disk);
    let report = specc::driver::check_buffer(&aux, edited.as_bytes(), &specc::CheckOptions::default());
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"membrane/skip-pkce"), "{codes:?}");
    let d = report.diagnostics.iter().find(|d| d.code == "membrane/skip-pkce").unwrap();
    assert_eq!(report.db.get(d.span.file).unwrap().path, aux, "the finding points into the buffer's file");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An unsaved buffer (`untitled:`) is recognised by its content: it gets the same findings as the same
/// text on disk. Secondary locations come as `relatedInformation` when the client supports it and as
/// message lines otherwise; incremental changes are applied; closing the buffer clears its findings.
#[test]
fn untitled_buffers_related_information_incremental_sync_and_close() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    let fixture = root.join("fixtures/elasticio/legacy-env-oauth/invalid.json");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let on_disk = specc::driver::check_paths(std::slice::from_ref(&fixture));
    let disk_codes: Vec<&str> = on_disk.iter().flat_map(|r| r.diagnostics.iter().map(|d| d.code)).collect();
    assert!(!disk_codes.is_empty());
    assert!(on_disk.iter().flat_map(|r| &r.diagnostics).any(|d| !d.secondary.is_empty()), "needs a secondary label");

    for related in [true, false] {
        let mut s = Server::start();
        let caps = json!({"textDocument": {"publishDiagnostics": {"relatedInformation": related}}});
        let init = s.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": caps}));
        // Incremental sync (2).
        assert_eq!(init["capabilities"]["textDocumentSync"], 2, "{init:#}");
        s.notify("initialized", json!({}));
        let uri = "untitled:Untitled-1";
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
        let diags = s.diagnostics();
        let mut got: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
        let mut want = disk_codes.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "same findings as on disk");
        let with_secondary = diags.iter().find(|d| d["relatedInformation"].is_array());
        if related {
            let d = with_secondary.expect("relatedInformation sent");
            assert_eq!(d["relatedInformation"][0]["location"]["uri"], uri);
        } else {
            assert!(with_secondary.is_none(), "{diags:#?}");
            assert!(diags.iter().any(|d| d["message"].as_str().unwrap().contains("\nnote: ")), "{diags:#?}");
        }

        // An incremental edit that makes the buffer empty of OAuth content: replace the whole text by
        // a range edit from the start to past the end.
        let lines = text.lines().count() as u64;
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": 0}, "end": {"line": lines + 1, "character": 0}}, "text": "{\n}\n"},
                {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "\"a\": 1"}
            ]}),
        );
        assert!(s.diagnostics().is_empty());
        // Back to the original text, then close: the findings are cleared.
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}),
        );
        assert_eq!(s.diagnostics().len(), want.len());
        s.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
        assert!(s.diagnostics().is_empty(), "didClose clears the findings");
        s.request("shutdown", Value::Null);
        s.notify("exit", Value::Null);
        assert!(s.child.wait().unwrap().success());
    }
}

/// The project's baseline (`baseline = "…"` in specc.toml) hides the findings it records in the editor
/// too; a new finding still shows.
#[test]
fn the_baseline_of_specc_toml_applies_to_open_buffers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    let dir = std::env::temp_dir().join(format!("specc-lsp-baseline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["instance.yaml", "openapi.json"] {
        std::fs::copy(root.join("examples/box-integration").join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("specc.toml"), "baseline = \"specc-baseline.json\"\n").unwrap();
    let o = Command::new(insta_cmd::get_cargo_bin("specc"))
        .current_dir(&dir)
        .args(["check", ".", "--write-baseline", "specc-baseline.json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = dir.join("instance.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = format!("file://{}", path.display());
    let mut s = Server::start();
    s.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    s.notify("initialized", json!({}));
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    assert!(s.diagnostics().is_empty(), "recorded findings are hidden");
    let worse = text.replace("client_id: \"{{BOX_CLIENT_ID}}\"", "client_id: \"\"");
    assert_ne!(worse, text);
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": worse}]}),
    );
    assert!(!s.diagnostics().is_empty(), "a new finding shows");
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    assert!(s.child.wait().unwrap().success());
    let _ = std::fs::remove_dir_all(&dir);
}
