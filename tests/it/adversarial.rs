//! Hostile input, generated here (nothing large is checked in): every case must end quickly, without a
//! panic, with a located diagnostic or a one-line error, the documented exit code, and the other files
//! of the run still checked. Sizes are scaled by `SPECC_ADVERSARIAL_SCALE` (default 1: each input is as
//! small as what it proves allows, so `cargo test` stays quick; raise it to stress).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    insta_cmd::get_cargo_bin("specc")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("specc-adv-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A known-bad file checked alongside every hostile one, to prove the run goes on.
fn witness(dir: &Path) -> PathBuf {
    let p = dir.join("witness.yaml");
    std::fs::write(
        &p,
        "openapi: 3.1.0\ninfo: {title: w, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n          scopes: {read: Read}\n",
    )
    .unwrap();
    p
}

struct CheckRun {
    code: Option<i32>,
    json: serde_json::Value,
    stderr: String,
    /// Peak resident set in KiB, when /usr/bin/time is available.
    max_rss_kib: Option<u64>,
}

/// Runs `specc check --format json ARGS` with a deadline; fails the test on a hang or a panic.
fn run(args: &[&Path], deadline: Duration) -> CheckRun {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "MAXRSS=%M"]).arg(bin());
        c
    } else {
        Command::new(bin())
    };
    cmd.args(["check", "--format", "json", "--isolated"]).args(args);
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let mut stderr = child.stderr.take().unwrap();
    let ereader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            panic!("specc did not finish within {deadline:?} on {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = reader.join().unwrap();
    let stderr = ereader.join().unwrap();
    assert!(!stderr.contains("panicked"), "panic on {args:?}: {stderr}");
    let max_rss_kib = stderr.lines().find_map(|l| l.strip_prefix("MAXRSS=")).and_then(|v| v.trim().parse().ok());
    let json =
        serde_json::from_slice(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out)));
    CheckRun { code: status.code(), json, stderr, max_rss_kib }
}

fn codes_for(o: &CheckRun, file: &Path) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    o.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with(&name)))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn assert_witness(o: &CheckRun, w: &Path) {
    assert!(
        codes_for(o, w).contains(&"openapi/oauth2-missing-token-url".to_string()),
        "the other file was not checked: {:#}",
        o.json
    );
}

fn scale() -> usize {
    std::env::var("SPECC_ADVERSARIAL_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1).max(1)
}

/// One hostile file plus the witness: returns the codes reported for the hostile file.
fn case(name: &str, file_name: &str, bytes: &[u8]) -> (Vec<String>, CheckRun) {
    let dir = tmpdir(name);
    let f = dir.join(file_name);
    std::fs::write(&f, bytes).unwrap();
    let w = witness(&dir);
    let o = run(&[&f, &w], Duration::from_secs(60));
    assert_witness(&o, &w);
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    (codes_for(&o, &f), o)
}

#[test]
fn json_nested_100_000_deep() {
    let mut text = String::from("{\"openapi\": \"3.1.0\", \"x\": ");
    text.push_str(&"[".repeat(100_000));
    text.push_str(&"]".repeat(100_000));
    text.push('}');
    let (codes, _) = case("deep-json", "api.json", text.as_bytes());
    assert_eq!(codes, ["syntax/nesting-too-deep"]);
}

#[test]
fn yaml_nested_100_000_deep() {
    let mut text = String::from("openapi: 3.1.0\nx: ");
    text.push_str(&"[".repeat(100_000));
    text.push_str(&"]".repeat(100_000));
    text.push('\n');
    let (codes, _) = case("deep-yaml", "api.yaml", text.as_bytes());
    assert_eq!(codes, ["syntax/nesting-too-deep"]);
}

#[test]
fn yaml_alias_bomb() {
    let mut text = String::from(
        "openapi: 3.1.0\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = "a".to_string();
    for n in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{n}: &{n} [{refs}]\n"));
        prev = n.to_string();
    }
    let (codes, o) = case("bomb", "api.yaml", text.as_bytes());
    assert_eq!(codes, ["syntax/yaml-alias-limit"]);
    if let Some(kib) = o.max_rss_kib {
        assert!(kib < 512 * 1024, "alias bomb used {kib} KiB");
    }
}

#[test]
fn file_over_the_size_limit_is_not_read() {
    let dir = tmpdir("huge");
    let f = dir.join("api.json");
    // 200 MB without writing 200 MB: a sparse file.
    let file = std::fs::File::create(&f).unwrap();
    file.set_len(200 * 1000 * 1000).unwrap();
    let w = witness(&dir);
    let o = run(&[&f, &w], Duration::from_secs(30));
    assert_witness(&o, &w);
    assert_eq!(codes_for(&o, &f), ["syntax/file-too-large"]);
    if let Some(kib) = o.max_rss_kib {
        assert!(kib < 128 * 1024, "refusing a huge file used {kib} KiB");
    }
}

#[test]
fn large_file_is_checked_in_bounded_memory() {
    // A valid document of about 4 MB × scale: memory must stay within a small multiple of it. What it
    // proves does not need 40 MB (`SPECC_ADVERSARIAL_SCALE=10`); the bench's peak-RSS goal on 13 MB and
    // 45 MB inputs is the large-scale check.
    let n = 25_000 * scale();
    let mut text =
        String::from("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"big\", \"version\": \"1\"}, \"security\": [{\"o\": [\"r\"]}], \"paths\": {");
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            "\"/r{i}\": {{\"get\": {{\"description\": \"{}\", \"responses\": {{\"200\": {{\"description\": \"ok\"}}}}}}}}",
            "x".repeat(80)
        ));
    }
    text.push_str("}, \"components\": {\"securitySchemes\": {\"o\": {\"type\": \"oauth2\", \"flows\": {\"clientCredentials\": {\"tokenUrl\": \"https://a.example.com/t\", \"scopes\": {\"r\": \"read\"}}}}}}}");
    let dir = tmpdir("large");
    let f = dir.join("api.json");
    std::fs::write(&f, &text).unwrap();
    let w = witness(&dir);
    let o = run(&[&f, &w], Duration::from_secs(120));
    assert_witness(&o, &w);
    assert!(codes_for(&o, &f).is_empty(), "{:#}", o.json);
    if let Some(kib) = o.max_rss_kib {
        let bound = (64 * 1024 * 1024 + 8 * text.len() as u64) / 1024;
        assert!(kib < bound, "{} MB file used {kib} KiB (bound {bound})", text.len() / 1_000_000);
    }
}

#[test]
fn invalid_utf8_is_located() {
    let (codes, o) = case("utf8", "api.yaml", b"openapi: 3.1.0\ninfo:\n  title: \"caf\xe9\"\n");
    assert_eq!(codes, ["syntax/invalid-utf8"]);
    let d = &o.json["diagnostics"].as_array().unwrap()[0];
    assert_eq!(d["start"]["line"], 3);
    assert_eq!(d["start"]["column"], 14);
}

#[test]
fn bom_crlf_and_lone_cr() {
    let dir = tmpdir("lineends");
    let bom = dir.join("bom.json");
    std::fs::write(
        &bom,
        b"\xef\xbb\xbf{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}",
    )
    .unwrap();
    let crlf = dir.join("crlf.yaml");
    std::fs::write(&crlf, "openapi: 3.1.0\r\ninfo:\r\n  title: t\r\n  version: '1'\r\npaths: {}\r\ncomponents:\r\n  securitySchemes:\r\n    o:\r\n      type: oauth2\r\n      flows:\r\n        password:\r\n          scopes: {}\r\n").unwrap();
    let cr = dir.join("cr.yaml");
    std::fs::write(&cr, "openapi: 3.1.0\rinfo: {title: t, version: '1'}\rpaths: {}\r").unwrap();
    let w = witness(&dir);
    let o = run(&[&bom, &crlf, &cr, &w], Duration::from_secs(30));
    assert_witness(&o, &w);
    assert_eq!(codes_for(&o, &bom), ["syntax/byte-order-mark"]);
    // The CRLF file's finding is on line 11 (the `password:` key), counted with CRLF line ends.
    let d = o.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("crlf.yaml") && d["code"] == "openapi/oauth2-missing-token-url")
        .expect("finding in the CRLF file");
    assert_eq!(d["start"]["line"], 11);
    assert_eq!(d["start"]["column"], 9);
    // A lone CR ends a line too: the file parses or is reported, never hangs or panics.
    let _ = codes_for(&o, &cr);
}

#[test]
fn nul_bytes() {
    let (codes, _) = case("nul", "api.json", b"{\"openapi\": \"3.1.0\",\x00 \"info\": {}}");
    assert_eq!(codes, ["syntax/invalid-json"]);
}

#[test]
fn duplicate_keys() {
    let (codes, _) = case(
        "dup",
        "api.json",
        b"{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"a\", \"version\": \"1\"}, \"paths\": {}, \"paths\": {}}",
    );
    assert_eq!(codes, ["syntax/duplicate-key"]);
}

#[test]
fn ten_thousand_digit_numbers() {
    let digits = "9".repeat(10_000);
    let text = format!("{{\"openapi\": \"3.1.0\", \"info\": {{\"title\": \"t\", \"version\": {digits}}}, \"x\": -{digits}.{digits}e{digits}, \"paths\": {{}}}}");
    let dir = tmpdir("digits");
    let f = dir.join("api.json");
    std::fs::write(&f, text).unwrap();
    let w = witness(&dir);
    let o = run(&[&f, &w], Duration::from_secs(30));
    assert_witness(&o, &w);
    assert!(codes_for(&o, &f).is_empty(), "{:#}", o.json);
}

#[test]
fn empty_file() {
    let (codes, _) = case("empty", "openapi.json", b"");
    assert_eq!(codes, ["syntax/empty-file"]);
}

#[test]
fn walked_directory_with_symlink_loop_fifo_and_unreadable_file() {
    let dir = tmpdir("walk");
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::os::unix::fs::symlink(&dir, sub.join("loop")).unwrap();
    let locked = sub.join("locked.yaml");
    std::fs::write(&locked, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let fifo = sub.join("pipe.yaml");
    let made_fifo = Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    let w = witness(&dir);
    let o = run(&[&dir], Duration::from_secs(30));
    assert_witness(&o, &w);
    // root reads files whatever their mode; only then is the locked file readable.
    let root_can_read = std::fs::read(&locked).is_ok();
    if !root_can_read {
        assert_eq!(codes_for(&o, &locked), ["syntax/unreadable-file"], "{:#}", o.json);
    }
    // Named explicitly, a FIFO is read; one that nobody writes to is reported at once, not waited for
    // (tests/it/workflow.rs reads one that is written to).
    if made_fifo {
        let o = run(&[&fifo, &w], Duration::from_secs(30));
        assert_eq!(codes_for(&o, &fifo), ["syntax/unreadable-file"]);
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn directory_with_many_entries() {
    // More entries than a default open-file limit (1024): a walker that held them open would fail.
    let n = 5_000 * scale();
    let dir = tmpdir("many");
    let big = dir.join("big");
    std::fs::create_dir_all(&big).unwrap();
    for i in 0..n {
        std::fs::write(big.join(format!("f{i}.json")), "{\"name\": \"not a manifest\"}").unwrap();
    }
    let w = witness(&dir);
    let o = run(&[&dir], Duration::from_secs(120));
    assert_witness(&o, &w);
    assert_eq!(o.json["diagnostics"].as_array().unwrap().len(), 1, "only the witness finding");
}
