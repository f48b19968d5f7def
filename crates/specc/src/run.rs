//! One `specc check` run as a library call: configuration, checking, suppressions and the failure
//! decision. The CLI, the fixture tests and the language server all go through here.

use std::path::PathBuf;

use specc_diagnostics::Severity;
use specc_ir::Dialect;

use crate::config::{Config, ConfigError};
use crate::driver::{self, CheckOptions, UnitReport};
use crate::select::{Pattern, Selection};

/// What the command line (or another caller) asks for, on top of `specc.toml`.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    /// `--config PATH`; otherwise `specc.toml` is searched from the first path upwards.
    pub config: Option<PathBuf>,
    /// `--isolated`: ignore every configuration file.
    pub isolated: bool,
    /// `--select`: replaces the config's `select` when non-empty.
    pub select: Vec<Pattern>,
    /// `--ignore`: added to the config's `ignore`.
    pub ignore: Vec<Pattern>,
    /// `--fail-on`: overrides the config's `fail-on`.
    pub fail_on: Option<Option<Severity>>,
    pub assume_dialect: Option<Dialect>,
}

/// The outcome of a run.
#[derive(Debug)]
pub struct Run {
    pub reports: Vec<UnitReport>,
    pub config: Config,
    /// The level at or above which a finding fails the run (`None`: never).
    pub fail_on: Option<Severity>,
}

impl Run {
    pub fn failed(&self) -> bool {
        self.fail_on
            .is_some_and(|level| self.reports.iter().flat_map(|r| r.diagnostics.iter()).any(|d| d.severity >= level))
    }
}

/// Loads the configuration for a run.
pub fn load_config(options: &RunOptions) -> Result<Config, ConfigError> {
    if options.isolated {
        return Ok(Config::default());
    }
    match &options.config {
        Some(p) => Config::load(p),
        None => {
            let start = options.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
            match Config::discover(&start) {
                Some(p) => Config::load_discovered(&p),
                None => Ok(Config::default()),
            }
        }
    }
}

/// Runs a check with configuration and suppressions applied, handing each unit's report to `sink` in
/// order as soon as it is ready (see [`driver::check_each`]). Returns the config and failure level.
pub fn run_each(
    options: &RunOptions,
    mut sink: impl FnMut(UnitReport),
) -> Result<(Config, Option<Severity>), ConfigError> {
    let config = load_config(options)?;
    let paths = if options.paths.is_empty() { vec![PathBuf::from(".")] } else { options.paths.clone() };
    let (inputs, walk_errors) = driver::discover(&paths);
    let check_options = CheckOptions {
        assume_dialect: options.assume_dialect,
        hints: config.dialects.clone(),
        hint_base: config.base.clone(),
    };
    let sel = selection(&config, options);
    let mut suppressor = crate::suppress::Suppressor::new(&config, &sel);
    // A file can belong to two units (an OpenAPI model checked on its own and through the Itential
    // instance that names it): report each finding once.
    let mut seen: std::collections::HashSet<(PathBuf, u32, u32, &'static str, String)> =
        std::collections::HashSet::new();
    driver::check_each(&inputs, &walk_errors, &check_options, |mut r| {
        suppressor.apply(&mut r);
        if r.db.len() > 1 || !seen.is_empty() {
            let db = &r.db;
            r.diagnostics.retain(|d| {
                let path = db.get(d.span.file).map(|doc| doc.path.clone()).unwrap_or_default();
                seen.insert((path, d.span.start, d.span.end, d.code, d.message.clone()))
            });
        }
        sink(r);
    });
    if let Some(extra) = suppressor.finish() {
        sink(extra);
    }
    let fail_on = options.fail_on.or(config.fail_on).unwrap_or(Some(Severity::Error));
    Ok((config, fail_on))
}

/// Runs a check and collects every report, sorted by path.
pub fn run(options: &RunOptions) -> Result<Run, ConfigError> {
    let mut reports = Vec::new();
    let (config, fail_on) = run_each(options, |r| reports.push(r))?;
    reports.sort_by(|a, b| a.primary.cmp(&b.primary));
    Ok(Run { reports, config, fail_on })
}

/// The selection in force (for callers that filter further).
pub fn selection(config: &Config, options: &RunOptions) -> Selection {
    let mut s = config.selection.clone();
    if !options.select.is_empty() {
        s.select = options.select.clone();
    }
    s.ignore.extend(options.ignore.iter().cloned());
    s
}
