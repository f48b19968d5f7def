//! `specc migrate` on real legacy components, and under failure.
//!
//! - Every legacy elastic.io component of `../shared/corpus/elasticio`: `--write` on a copy leaves no
//!   `elasticio/legacy-env-oauth` finding; a second `--check` exits 0; the RFC 6902 patch of `--patch`,
//!   applied to the original by the small independent implementation below, gives the JSON `--write`
//!   wrote; and every byte outside the recorded edits is unchanged.
//! - `--write` when the directory is read-only, when the disk is full, when the file changed between
//!   read and write, and when the process is killed mid-run: every file is intact or fully replaced.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic with a message

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use specc::migrate::{self, MigrateOptions};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn specc() -> Command {
    let mut c = Command::new(insta_cmd::get_cargo_bin("specc"));
    c.env("NO_COLOR", "1");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("specc-migrate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_files(from: &Path, to: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_file() {
            let dest = to.join(e.file_name());
            std::fs::copy(e.path(), &dest).unwrap();
            out.push(dest);
        }
    }
    out.sort();
    out
}

/// RFC 6902, written here independently of the `json-patch` crate specc uses.
fn apply_patch(doc: &mut Value, ops: &[Value]) {
    fn tokens(p: &str) -> Vec<String> {
        p.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
    }
    fn parent<'a>(doc: &'a mut Value, toks: &[String]) -> &'a mut Value {
        let mut cur = doc;
        for t in toks {
            cur = match cur {
                Value::Object(m) => m.get_mut(t).expect("path exists"),
                Value::Array(a) => &mut a[t.parse::<usize>().expect("index")],
                _ => panic!("path through a scalar"),
            };
        }
        cur
    }
    fn get(doc: &Value, toks: &[String]) -> Value {
        let mut cur = doc;
        for t in toks {
            cur = match cur {
                Value::Object(m) => &m[t.as_str()],
                Value::Array(a) => &a[t.parse::<usize>().expect("index")],
                _ => panic!("path through a scalar"),
            };
        }
        cur.clone()
    }
    fn remove(doc: &mut Value, toks: &[String]) -> Value {
        let (last, init) = toks.split_last().expect("not the root");
        match parent(doc, init) {
            Value::Object(m) => m.shift_remove(last.as_str()).expect("member exists"),
            Value::Array(a) => a.remove(last.parse::<usize>().expect("index")),
            _ => panic!("remove from a scalar"),
        }
    }
    fn add(doc: &mut Value, toks: &[String], v: Value) {
        let Some((last, init)) = toks.split_last() else {
            *doc = v;
            return;
        };
        match parent(doc, init) {
            Value::Object(m) => {
                m.insert(last.clone(), v);
            }
            Value::Array(a) => {
                if last == "-" {
                    a.push(v)
                } else {
                    a.insert(last.parse::<usize>().expect("index"), v)
                }
            }
            _ => panic!("add into a scalar"),
        }
    }
    for op in ops {
        let path = tokens(op["path"].as_str().unwrap());
        match op["op"].as_str().unwrap() {
            "add" => add(doc, &path, op["value"].clone()),
            "remove" => {
                remove(doc, &path);
            }
            "replace" => {
                if path.is_empty() {
                    *doc = op["value"].clone();
                } else {
                    remove(doc, &path);
                    add(doc, &path, op["value"].clone());
                }
            }
            "move" => {
                let v = remove(doc, &tokens(op["from"].as_str().unwrap()));
                add(doc, &path, v);
            }
            "copy" => {
                let v = get(doc, &tokens(op["from"].as_str().unwrap()));
                add(doc, &path, v);
            }
            "test" => assert_eq!(get(doc, &path), op["value"]),
            other => panic!("unknown op {other}"),
        }
    }
}

fn json_of(bytes: &[u8]) -> Value {
    let doc = specc_syntax::Document::parse(specc_syntax::FileId(0), "x.json", bytes);
    specc::migrate::to_value(doc.root.as_ref().expect("parses"))
}

#[test]
fn corpus_legacy_components_migrate_losslessly_and_idempotently() {
    let Some(corpus) = crate::shared_corpus("elasticio") else { return };
    let dir = tmpdir("corpus");
    let files = copy_files(&corpus, &dir);
    let originals: Vec<(PathBuf, Vec<u8>)> = files.iter().map(|f| (f.clone(), std::fs::read(f).unwrap())).collect();

    // Legacy before: the finding exists somewhere (otherwise the test proves nothing).
    let before = specc().args(["check", "--isolated", "--format", "json"]).arg(&dir).output().unwrap();
    let before: Value = serde_json::from_slice(&before.stdout).unwrap();
    let legacy_before: Vec<String> = before["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "elasticio/legacy-env-oauth")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert!(legacy_before.len() >= 5, "expected legacy components in the corpus, found {legacy_before:?}");

    // The plan, with its recorded edits, then the patch output, then the write.
    let options = specc::RunOptions { paths: vec![dir.clone()], isolated: true, ..Default::default() };
    let run = specc::run(&options).unwrap();
    let selection = specc::run::selection(&run.config, &options);
    let plan = migrate::plan(&run.reports, &run.config, &selection, &MigrateOptions::default());
    assert!(!plan.changes.is_empty());
    for c in plan.changes.iter().filter(|c| !c.new_file) {
        // Replaying the recorded edits reproduces the new text, and each pass leaves every byte outside
        // its edits as it was.
        let mut text = String::from_utf8(c.original.clone()).unwrap();
        for pass in &c.passes {
            let next = migrate::apply_edits(&text, pass).unwrap();
            let mut sorted = pass.clone();
            sorted.sort_by_key(|e| e.span.start);
            let (mut pos_old, mut pos_new) = (0usize, 0usize);
            for e in &sorted {
                let (s, t) = (e.span.start as usize, e.span.end as usize);
                let untouched = &text.as_bytes()[pos_old..s];
                assert_eq!(&next.as_bytes()[pos_new..pos_new + untouched.len()], untouched, "{}", c.path.display());
                pos_new += untouched.len() + e.replacement.len();
                pos_old = t;
            }
            assert_eq!(&next.as_bytes()[pos_new..], &text.as_bytes()[pos_old..], "{}: tail changed", c.path.display());
            text = next;
        }
        assert_eq!(text, c.new_text, "{}", c.path.display());
    }
    let patch_out = specc().args(["migrate", "--isolated", "--patch"]).arg(&dir).output().unwrap();
    let patches: Value = serde_json::from_slice(&patch_out.stdout).unwrap();
    let write = specc().args(["migrate", "--isolated", "--write"]).arg(&dir).output().unwrap();
    assert!(write.status.code().is_some());

    for entry in patches["files"].as_array().unwrap() {
        let file = PathBuf::from(entry["file"].as_str().unwrap());
        let file = if file.is_absolute() { file } else { std::env::current_dir().unwrap().join(file) };
        let written = std::fs::read(&file).unwrap();
        let mut doc = match originals.iter().find(|(p, _)| *p == file) {
            Some((_, bytes)) => json_of(bytes),
            None => Value::Null, // a new companion file
        };
        apply_patch(&mut doc, entry["patch"].as_array().unwrap());
        assert_eq!(doc, json_of(&written), "{}: patch and --write disagree", file.display());
    }

    // After: no legacy finding, every migrated file parses, and a second run changes nothing.
    let after = specc().args(["check", "--isolated", "--format", "json"]).arg(&dir).output().unwrap();
    let after: Value = serde_json::from_slice(&after.stdout).unwrap();
    let legacy_after: Vec<&Value> =
        after["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "elasticio/legacy-env-oauth").collect();
    assert!(legacy_after.is_empty(), "{legacy_after:#?}");
    // The generated request bodies are clean tenant OAuth-client payloads.
    let companions: Vec<&Value> = after["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with(".oauth-client.json") && d["severity"] == "error")
        .collect();
    assert!(companions.is_empty(), "{companions:#?}");
    let check = specc().args(["migrate", "--isolated", "--check"]).arg(&dir).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    // Malformed corpus files were reported and left untouched.
    for (p, bytes) in &originals {
        let now = std::fs::read(p).unwrap();
        if specc_syntax::Document::parse(specc_syntax::FileId(0), p, bytes).fatal {
            assert_eq!(&now, bytes, "{} was malformed and must be untouched", p.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn legacy_component(dir: &Path, name: &str) -> PathBuf {
    let src = root().join("fixtures/elasticio/legacy-env-oauth/invalid.json");
    let p = dir.join(name);
    std::fs::copy(src, &p).unwrap();
    p
}

fn migrated_bytes() -> Vec<u8> {
    let dir = tmpdir("reference");
    let p = legacy_component(&dir, "component.json");
    let out = specc().args(["migrate", "--isolated", "--write"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&p).unwrap();
    assert_ne!(bytes, std::fs::read(root().join("fixtures/elasticio/legacy-env-oauth/invalid.json")).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    bytes
}

/// Mounts a tmpfs at `dir` (root only); `false` when this machine does not allow it.
fn mount_tmpfs(dir: &Path, options: &str) -> bool {
    Command::new("mount").args(["-t", "tmpfs", "-o", options, "tmpfs"]).arg(dir).status().is_ok_and(|s| s.success())
}

fn umount(dir: &Path) {
    let _ = Command::new("umount").arg(dir).status();
}

#[test]
fn read_only_directory_leaves_the_file_intact() {
    let dir = tmpdir("ro");
    if !mount_tmpfs(&dir, "size=1m") {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let p = legacy_component(&dir, "component.json");
    let original = std::fs::read(&p).unwrap();
    assert!(Command::new("mount").args(["-o", "remount,ro"]).arg(&dir).status().unwrap().success());
    let out = specc().args(["migrate", "--isolated", "--write"]).arg(&dir).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let now = std::fs::read(&p).unwrap();
    umount(&dir);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("component.json") && err.contains("error"), "{err}");
    assert_eq!(now, original, "the original must be intact");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn full_disk_leaves_the_file_intact_and_no_temporary_file() {
    let dir = tmpdir("full");
    if !mount_tmpfs(&dir, "size=64k") {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let p = legacy_component(&dir, "component.json");
    let original = std::fs::read(&p).unwrap();
    // Fill the disk so that the migrated copy cannot be written.
    let filler = dir.join("filler.bin");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    use std::io::Write;
    while f.write_all(&chunk).is_ok() {}
    let _ = f.flush();
    drop(f);
    let out = specc().args(["migrate", "--isolated", "--write"]).arg(&dir).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let now = std::fs::read(&p).unwrap();
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".specc-tmp"))
        .collect();
    umount(&dir);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(now, original, "the original must be intact");
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn file_changed_between_read_and_write_is_refused() {
    let dir = tmpdir("changed");
    let p = legacy_component(&dir, "component.json");
    let options = specc::RunOptions { paths: vec![dir.clone()], isolated: true, ..Default::default() };
    let run = specc::run(&options).unwrap();
    let selection = specc::run::selection(&run.config, &options);
    let plan = migrate::plan(&run.reports, &run.config, &selection, &MigrateOptions::default());
    let change = plan.changes.iter().find(|c| c.path.ends_with("component.json")).expect("a change");
    // Someone edits the file after specc read it.
    let edited = b"{\"title\": \"edited meanwhile\"}\n";
    std::fs::write(&p, edited).unwrap();
    match migrate::write_change(change) {
        Err(migrate::WriteError::ChangedOnDisk) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(std::fs::read(&p).unwrap(), edited);
    assert!(std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().starts_with(".specc-tmp")));
    let _ = std::fs::remove_dir_all(&dir);
}

fn components(dir: &Path, n: usize) -> PathBuf {
    let sub = dir.join("components");
    std::fs::create_dir_all(&sub).unwrap();
    for i in 0..n {
        let d = sub.join(format!("c{i:03}"));
        std::fs::create_dir_all(&d).unwrap();
        legacy_component(&d, "component.json");
    }
    sub
}

#[test]
fn killed_mid_write_every_file_is_intact_or_fully_replaced() {
    let migrated = migrated_bytes();
    let original = std::fs::read(root().join("fixtures/elasticio/legacy-env-oauth/invalid.json")).unwrap();
    let n = 150;
    // How long a full run takes here, so that the kills land during the writes.
    let probe = tmpdir("kill-probe");
    components(&probe, n);
    let start = std::time::Instant::now();
    let out = specc().args(["migrate", "--isolated", "--write"]).arg(&probe).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let full = start.elapsed();
    let _ = std::fs::remove_dir_all(&probe);
    let mut partial_rounds = 0;
    for (round, frac) in [0.1f64, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0].into_iter().enumerate() {
        let dir = tmpdir(&format!("kill-{round}"));
        let sub = components(&dir, n);
        let mut child = specc().args(["migrate", "--isolated", "--write"]).arg(&dir).spawn().unwrap();
        std::thread::sleep(full.mul_f64(frac));
        let _ = child.kill();
        let _ = child.wait();
        let (mut kept, mut replaced) = (0, 0);
        for i in 0..n {
            let bytes = std::fs::read(sub.join(format!("c{i:03}/component.json"))).unwrap();
            if bytes == original {
                kept += 1;
            } else if bytes == migrated {
                replaced += 1;
            } else {
                panic!("c{i:03}/component.json is neither the original nor the migrated file ({} bytes)", bytes.len());
            }
        }
        assert_eq!(kept + replaced, n);
        if kept > 0 && replaced > 0 {
            partial_rounds += 1;
        }
        eprintln!("killed after {:?} of {full:?}: {kept} intact, {replaced} replaced", full.mul_f64(frac));
        let _ = std::fs::remove_dir_all(&dir);
    }
    // On a very loaded machine the timing may miss the write phase; say so rather than pass silently.
    if partial_rounds == 0 {
        eprintln!("warning: no kill landed during the writes; the invariant was checked on whole states only");
    }
}
