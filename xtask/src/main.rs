//! Development tasks, run as `cargo xtask <task>`:
//!
//! - `codegen [--check]`: writes `docs/rules/` (one page per rule, from its doc comment with the
//!   examples' hidden lines left out, and the rules table) and `schemas/` (the JSON Schemas of the input
//!   files); `--check` fails when a committed file is stale or belongs to no rule (CI runs it, and
//!   `cargo test` runs the same check in `codegen.rs`).
//! - `corpus DIR`: runs specc over a corpus laid out as `DIR/<dialect>/<files>` and prints, per dialect,
//!   files seen, units lowered, syntax errors, panics and findings per code.
//! - `fuzz [--seconds N] [--target NAME]`: runs the cargo-fuzz targets (see `fuzz.rs`).
//! - `bench [--quick] [--runs N] [--specc-format F]`: times specc against Redocly, Spectral and `cat` on the OpenAPI corpus,
//!   GitHub's 13 MB description, a tiny file, the corpus ×10 and 10,000 synthetic manifests; prints a table
//!   and writes `target/bench/latest.json`. `--quick` skips the peers.
//! - `ecosystem [--bless] [--markdown] [--require-all]`: specc over the real corpora (`tests/ecosystem/`,
//!   `../shared/corpus`, the npm OpenAPI corpus), compared with `tests/ecosystem/SNAPSHOT.tsv` and the
//!   TP/FP verdicts of `tests/ecosystem/TRIAGE.tsv`; prints precision per corpus, dialect and code.
//! - `synth DIR [--elasticio N] [--membrane M] [--keboola K] [--seed S]`: writes a deterministic synthetic
//!   set of elastic.io, Membrane and Keboola manifests.
//! - `new-rule NAMESPACE/NAME`: writes a rule file with its doc sections, `declare_rule!` and an empty
//!   `check`, and `fixtures/<ns>/<name>/` with a valid and an invalid example (see `new_rule.rs`).
//! - `npm [--out DIR] [--version V] [--binary PLATFORM=PATH ...]`: assembles the npm packages (the
//!   `specc` launcher and one package per platform) from release builds (see `npm.rs`).

mod bench;
mod codegen;
mod corpus;
mod ecosystem;
mod fuzz;
mod new_rule;
mod npm;
mod synth;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <codegen [--check] | corpus DIR [--json] | fuzz [--seconds N] [--target NAME] \
                     | bench [--quick] [--runs N] | ecosystem [--bless] [--markdown] [--require-all] | synth DIR [--elasticio N] [--membrane M] [--keboola K] [--seed S] \
                     | npm [--out DIR] [--version V] [--binary PLATFORM=PATH ...] | new-rule NAMESPACE/NAME>";

/// The value after `name` on the command line.
fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

/// `cargo xtask npm`.
fn npm_cli(args: &[String]) -> anyhow::Result<bool> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap_or(root);
    let mut binaries = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if a == "--binary" {
            let v = args.get(i + 1).ok_or_else(|| anyhow::anyhow!("--binary needs PLATFORM=PATH"))?;
            let (p, path) =
                v.split_once('=').ok_or_else(|| anyhow::anyhow!("--binary needs PLATFORM=PATH, got `{v}`"))?;
            binaries.push((p.to_string(), std::path::PathBuf::from(path)));
        }
    }
    if binaries.is_empty() {
        for (platform, os, _, triple) in npm::PLATFORMS {
            let exe = if *os == "win32" { "specc.exe" } else { "specc" };
            let mut found = root.join("target").join(triple).join("release").join(exe);
            if !found.is_file() && npm::host_platform() == Some(platform) {
                found = root.join("target/release").join(exe);
            }
            if found.is_file() {
                binaries.push((platform.to_string(), found));
            } else {
                eprintln!("xtask npm: no release build for {platform} ({triple}); its package is not written");
            }
        }
    }
    let out = flag(args, "--out").map(std::path::PathBuf::from).unwrap_or_else(|| root.join("target/npm"));
    let version = flag(args, "--version").unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string());
    let dirs = npm::assemble(&npm::NpmOptions { root, out, version, binaries }).map_err(|e| anyhow::anyhow!(e))?;
    for d in dirs {
        println!("{}", d.display());
    }
    Ok(true)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(args.iter().any(|a| a == "--check")),
        Some("corpus") => match args.get(1) {
            Some(dir) => corpus::run(std::path::Path::new(dir), args.iter().any(|a| a == "--json")),
            None => Err(anyhow::anyhow!("usage: cargo xtask corpus DIR [--json]")),
        },
        Some("fuzz") => {
            let seconds = flag(&args, "--seconds").and_then(|s| s.parse().ok()).unwrap_or(60);
            fuzz::run(seconds, flag(&args, "--target").as_deref())
        }
        Some("bench") => bench::Options::parse(&args[1..]).and_then(|o| bench::run(&o)),
        Some(bench::setup::MINIFY_COMMAND) => bench::setup::write_minified_cli(&args[1..]),
        Some("synth") => synth::run_cli(&args[1..]),
        Some("npm") => npm_cli(&args[1..]),
        Some("ecosystem") => ecosystem::run(&args[1..]),
        Some("new-rule") => new_rule::run(&args[1..]),
        _ => Err(anyhow::anyhow!(USAGE)),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::from(2)
        }
    }
}
