//! Development tasks, run as `cargo xtask <task>`:
//!
//! - `codegen [--check]`: writes `docs/rules/` from the rules' own doc comments; `--check` fails when a
//!   committed file is stale (CI runs it).
//! - `corpus DIR`: runs specc over a corpus laid out as `DIR/<dialect>/<files>` and prints, per dialect,
//!   files seen, units lowered, syntax errors, panics and findings per code.
//! - `fuzz [--seconds N] [--target NAME]`: runs the cargo-fuzz targets (see `fuzz.rs`).

mod codegen;
mod corpus;
mod fuzz;

use std::process::ExitCode;

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
        _ => Err(anyhow::anyhow!(
            "usage: cargo xtask <codegen [--check] | corpus DIR [--json] | fuzz [--seconds N] [--target NAME]>"
        )),
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
