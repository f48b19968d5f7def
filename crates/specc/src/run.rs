//! One `specc check` run as a library call: configuration, checking, suppressions and the failure
//! decision. The CLI, the fixture tests and the language server all go through here.

use std::path::{Path, PathBuf};

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
    /// `specc check -`: the text read from standard input and the path it stands for
    /// (`--stdin-filename`, default `<stdin>`), used for dialect detection, config lookup, per-path
    /// ignores and output. `paths` then holds only the other paths.
    pub stdin: Option<(PathBuf, Vec<u8>)>,
    /// `--baseline FILE`: overrides the config's `baseline`.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline FILE`: record the findings there (merging per file) instead of reporting them.
    pub write_baseline: Option<PathBuf>,
    /// `--threads`: worker threads (0: one per core).
    pub threads: usize,
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

impl CheckOptions {
    /// The options a configuration gives: its dialect hints and provider catalog.
    pub fn for_config(config: &Config) -> CheckOptions {
        CheckOptions {
            hints: config.dialects.clone(),
            hint_base: config.base.clone(),
            providers: config.providers.clone().map(std::sync::Arc::new),
            ..CheckOptions::default()
        }
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
            let start = match (&options.stdin, options.paths.first()) {
                (_, Some(first)) => first.clone(),
                (Some((name, _)), None) => name.clone(),
                (None, None) => PathBuf::from("."),
            };
            match Config::discover(&start) {
                Some(p) => Config::load_discovered(&p),
                None => Ok(Config::default()),
            }
        }
    }
}

/// Runs a check with configuration and suppressions applied, handing each unit's report to `sink` in
/// order as soon as it is ready (see [`driver::check_each`]). `prepare` runs on the worker threads
/// after the per-unit filters (severities, selection, suppressions) and before the filters that need
/// the whole run in order (duplicates across units, the baseline); an output format renders there.
/// Returns the config and failure level.
pub fn run_each(
    options: &RunOptions,
    prepare: &(dyn Fn(&mut UnitReport) + Sync),
    mut sink: impl FnMut(UnitReport),
) -> Result<(Config, Option<Severity>), ConfigError> {
    let config = load_config(options)?;
    // A baseline that cannot be read stops the run, located like a config error.
    let baseline_path = options.baseline.clone().or_else(|| config.baseline.clone());
    let mut baseline = match (&options.write_baseline, baseline_path) {
        (None, Some(p)) => match crate::baseline::Baseline::load(&p) {
            Ok(b) => Some(b),
            Err(e) => return Err(ConfigError::message(&p, e.to_string())),
        },
        _ => None,
    };
    let mut recorder = options.write_baseline.as_deref().map(crate::baseline::Recorder::new);
    let paths = match (options.paths.is_empty(), &options.stdin) {
        (true, None) => vec![PathBuf::from(".")],
        _ => options.paths.clone(),
    };
    let (inputs, walk_errors) = driver::discover(&paths);
    let check_options = CheckOptions {
        assume_dialect: options.assume_dialect,
        threads: options.threads,
        ..CheckOptions::for_config(&config)
    };
    let sel = selection(&config, options);
    let suppressor = crate::suppress::Suppressor::new(&config, &sel);
    let on_worker = |r: &mut UnitReport| {
        suppressor.apply(r);
        prepare(r);
    };
    // A file can belong to two units (an OpenAPI model checked on its own and through the Itential
    // instance that names it): report each finding once.
    let mut seen: std::collections::HashSet<(PathBuf, u32, u32, &'static str, String)> =
        std::collections::HashSet::new();
    driver::check_each(&inputs, &walk_errors, &check_options, &on_worker, |mut r| {
        if r.db.len() > 1 || !seen.is_empty() {
            r.retain_diagnostics(|db, _, d| {
                let path = db.get(d.span.file).map(|doc| doc.path.clone()).unwrap_or_default();
                seen.insert((path, d.span.start, d.span.end, d.code, d.message.clone()))
            });
        }
        if let Some(b) = baseline.as_mut() {
            b.apply(&mut r);
        }
        if let Some(rec) = recorder.as_mut() {
            rec.record(&mut r);
        }
        sink(r);
    });
    if let Some((name, bytes)) = &options.stdin {
        let mut r = driver::check_buffer(name, bytes, &check_options);
        on_worker(&mut r);
        if let Some(b) = baseline.as_mut() {
            b.apply(&mut r);
        }
        if let Some(rec) = recorder.as_mut() {
            rec.record(&mut r);
        }
        sink(r);
    }
    if let Some(mut extra) = suppressor.finish() {
        prepare(&mut extra);
        sink(extra);
    }
    if let Some(mut extra) = baseline.and_then(crate::baseline::Baseline::finish) {
        prepare(&mut extra);
        sink(extra);
    }
    if let Some(rec) = recorder {
        if let Err(e) = rec.write() {
            return Err(ConfigError::message(
                options.write_baseline.as_deref().unwrap_or(Path::new("")),
                e.to_string(),
            ));
        }
    }
    let fail_on = options.fail_on.or(config.fail_on).unwrap_or(Some(Severity::Error));
    Ok((config, fail_on))
}

/// Runs a check and collects every report, sorted by path.
pub fn run(options: &RunOptions) -> Result<Run, ConfigError> {
    let mut reports = Vec::new();
    let (config, fail_on) = run_each(options, &|_| {}, |r| reports.push(r))?;
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
