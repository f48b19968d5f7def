//! Development tasks, run as `cargo xtask <task>`:
//!
//! - `codegen [--check]`: writes `docs/rules/` from the rules' own doc comments; `--check` fails when a
//!   committed file is stale (CI runs it).
//! - `corpus DIR`: runs specc over a corpus laid out as `DIR/<dialect>/<files>` and prints, per dialect,
//!   files seen, units lowered, syntax errors, panics and findings per code.

mod codegen;
mod corpus;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(args.iter().any(|a| a == "--check")),
        Some("corpus") => match args.get(1) {
            Some(dir) => corpus::run(std::path::Path::new(dir), args.iter().any(|a| a == "--json")),
            None => Err(anyhow::anyhow!("usage: cargo xtask corpus DIR [--json]")),
        },
        _ => Err(anyhow::anyhow!("usage: cargo xtask <codegen [--check] | corpus DIR [--json]>")),
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
