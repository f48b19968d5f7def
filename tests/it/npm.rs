//! `npx specc`: the npm packages assembled by `cargo xtask npm` (the same code, included below) from the
//! binary under test, packed with `npm pack`, installed from the tarballs into a fresh Node project
//! with no registry, and run with `npx specc check`. Skipped, saying so, when `npm` is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)] // test helpers

#[allow(dead_code)]
#[path = "../../xtask/src/npm.rs"]
mod assemble;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("root")
}

/// npm with a private cache and a registry that does not exist: nothing may come from the network.
fn npm(dir: &Path, home: &Path) -> Command {
    let mut c = Command::new("npm");
    c.current_dir(dir)
        .env("npm_config_cache", home.join("npm-cache"))
        .env("npm_config_userconfig", home.join("npmrc"))
        .env("npm_config_registry", "http://127.0.0.1:9/")
        .env("npm_config_audit", "false")
        .env("npm_config_fund", "false")
        .env("npm_config_update_notifier", "false");
    c
}

fn ok(o: Output, what: &str) -> Output {
    assert!(
        o.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

#[test]
fn npx_specc_runs_from_packed_tarballs_offline() {
    if !Command::new("npm").arg("--version").output().is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED npx_specc_runs_from_packed_tarballs_offline: npm is not installed");
        return;
    }
    let Some(platform) = assemble::host_platform() else {
        eprintln!("SKIPPED npx_specc_runs_from_packed_tarballs_offline: specc ships no npm package for this platform");
        return;
    };
    let tmp = std::env::temp_dir().join(format!("specc-npm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let dirs = assemble::assemble(&assemble::NpmOptions {
        root: root(),
        out: tmp.join("packages"),
        version: "0.0.0-test".into(),
        binaries: vec![(platform.to_string(), PathBuf::from(env!("CARGO_BIN_EXE_specc")))],
    })
    .unwrap();
    assert_eq!(dirs.len(), 2);
    let manifest = std::fs::read_to_string(dirs[1].join("package.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(v["name"], "specc");
    for p in ["specc-linux-x64", "specc-linux-arm64", "specc-darwin-arm64", "specc-win32-x64"] {
        assert_eq!(v["optionalDependencies"][p], "0.0.0-test", "{manifest}");
    }

    let mut tarballs = Vec::new();
    for d in &dirs {
        let o = ok(npm(&tmp, &tmp).arg("pack").arg(d).output().unwrap(), "npm pack");
        let name = String::from_utf8_lossy(&o.stdout).lines().last().unwrap().trim().to_string();
        assert!(tmp.join(&name).is_file(), "{name}");
        tarballs.push(tmp.join(name));
    }

    let project = tmp.join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("package.json"),
        "{\"name\": \"connector\", \"version\": \"1.0.0\", \"private\": true}\n",
    )
    .unwrap();
    ok(
        npm(&project, &tmp)
            .args(["install", "--offline", "--ignore-scripts", "--no-package-lock"])
            .args(&tarballs)
            .output()
            .unwrap(),
        "npm install --offline",
    );

    // A connector project with a manifest that has a finding, checked as a newcomer would.
    std::fs::copy(root().join("fixtures/elasticio/legacy-env-oauth/invalid.json"), project.join("component.json"))
        .unwrap();
    let o = npm(&project, &tmp)
        .args(["exec", "--offline", "--", "specc", "check", ".", "--format", "json"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("elasticio/legacy-env-oauth"), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new("npx")
        .current_dir(&project)
        .env("npm_config_cache", tmp.join("npm-cache"))
        .env("npm_config_registry", "http://127.0.0.1:9/")
        .args(["--offline", "specc", "check", "component.json", "--fail-on", "warning"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("legacy-env-oauth"));
    let _ = std::fs::remove_dir_all(&tmp);
}
