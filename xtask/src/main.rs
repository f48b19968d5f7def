//! Development tasks, run as `cargo xtask <task>`:
//!
//! - `codegen [--check]`: writes `docs/rules/` from the rules' own doc comments; `--check` fails when a
//!   committed file is stale (CI runs it).
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

mod bench;
mod codegen;
mod corpus;
mod ecosystem;
mod fuzz;
mod synth;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <codegen [--check] | corpus DIR [--json] | fuzz [--seconds N] [--target NAME] \
                     | bench [--quick] [--runs N] | ecosystem [--bless] [--markdown] [--require-all] | synth DIR [--elasticio N] [--membrane M] [--keboola K] [--seed S]>";

/// The value after `name` on the command line.
fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
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
        Some("synth") => synth::run_cli(&args[1..]),
        Some("ecosystem") => ecosystem::run(&args[1..]),
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
