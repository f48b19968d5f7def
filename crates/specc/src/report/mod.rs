//! Output formats of `specc check`, one module each, and [`check`], which runs a check and writes it.
//!
//! The streaming formats (human, JSON, GitHub) render each unit's findings on the worker thread that
//! checked it (`render_unit`, into [`UnitReport::rendered`]); the calling thread only writes the
//! rendered bytes, in order. The whole-run formats (SARIF, JUnit, GitLab, Markdown, and any format
//! written to `--output-file`) are rendered from the collected reports at the end.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};
use std::path::PathBuf;

use specc_diagnostics::{Applicability, Diagnostic, Severity};
use specc_syntax::SourceDb;

use crate::config::ConfigError;
use crate::driver::UnitReport;
use crate::run::RunOptions;
use crate::wire::Summary;

/// An output format of `specc check`.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    /// JUnit XML (CI test reports).
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// Markdown (CI job summaries).
    Markdown,
}

impl Format {
    /// Formats rendered from the whole run rather than unit by unit.
    pub fn is_batch(self) -> bool {
        matches!(self, Format::Sarif | Format::Junit | Format::Gitlab | Format::Markdown)
    }
}

/// `n word`, with the word in the plural unless `n` is 1 (`entry` → `entries`, `fix` → `fixes`).
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else if word.ends_with('s') || word.ends_with('x') {
        format!("{n} {word}es")
    } else {
        format!("{n} {word}s")
    }
}

/// The counts of a run.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub summary: Summary,
    /// Findings with a safe fix.
    pub safe_fixable: usize,
    /// Findings with an unsafe fix.
    pub unsafe_fixable: usize,
}

impl Tally {
    fn add(&mut self, report: &UnitReport) {
        self.summary.units += 1;
        self.summary.files += report.db.len();
        for d in &report.diagnostics {
            self.summary.count(d.severity);
            if let Some(f) = &d.fix {
                self.summary.fixable += 1;
                match f.applicability {
                    Applicability::Safe => self.safe_fixable += 1,
                    Applicability::Unsafe => self.unsafe_fixable += 1,
                }
            }
        }
    }

    /// (safe, unsafe) fixable findings.
    pub fn fixes(&self) -> (usize, usize) {
        (self.safe_fixable, self.unsafe_fixable)
    }

    /// Whether a finding at or above `level` was counted.
    fn reaches(&self, level: Option<Severity>) -> bool {
        let s = &self.summary;
        match level {
            None => false,
            Some(Severity::Error) => s.errors > 0,
            Some(Severity::Warning) => s.errors + s.warnings > 0,
            Some(Severity::Info) => s.errors + s.warnings + s.infos > 0,
        }
    }
}

/// What `specc check` writes, and where.
#[derive(Debug, Clone)]
pub struct Request {
    /// The format of standard output; `None` when the report goes to `--output-file` only.
    pub terminal: Option<Format>,
    /// `--output-file` and its format.
    pub file: Option<(PathBuf, Format)>,
    /// Colour in human output.
    pub color: bool,
    /// `--quiet`: no summary line.
    pub quiet: bool,
    /// `--statistics`: counts per code instead of each finding.
    pub statistics: bool,
}

/// How a check ended.
#[derive(Debug)]
pub enum Checked {
    /// The run finished: its counts, and whether a finding at or above the failure level remains.
    Ran { tally: Tally, failing: bool },
    /// The configuration or the baseline could not be used; nothing was written.
    ConfigError(Box<ConfigError>),
    /// The same, already reported inside the JSON document on standard output.
    ConfigErrorReported,
    /// `--output-file` could not be written (the message).
    OutputFileFailed(String),
}

/// The streaming format of standard output, if any: its findings are rendered on the workers.
fn streamed(request: &Request) -> Option<Format> {
    match request.terminal {
        Some(Format::Human) if request.statistics => None,
        Some(f @ (Format::Human | Format::Json | Format::Github)) => Some(f),
        _ => None,
    }
}

/// Units with more findings than this are rendered while they are written, on the calling thread,
/// instead of on their worker: their rendered text (tens of megabytes for a large file with findings
/// everywhere) is then never held whole.
const MAX_RENDERED_AHEAD: usize = 1000;

/// The findings of one unit in a streaming format, one entry per finding.
fn render_unit(format: Format, color: bool, report: &UnitReport) -> Vec<String> {
    match format {
        Format::Human => human::render_unit(report, color),
        Format::Json => json::render_unit(report),
        Format::Github => github::render_unit(report),
        _ => Vec::new(),
    }
}

/// Hands each finding of one unit, rendered in a streaming format, to `each`.
fn render_each(
    format: Format,
    color: bool,
    report: &UnitReport,
    each: impl FnMut(String) -> io::Result<()>,
) -> io::Result<()> {
    match format {
        Format::Human => human::render_each(report, color, each),
        Format::Json => json::render_each(report, each),
        Format::Github => github::render_each(report, each),
        _ => Ok(()),
    }
}

/// Runs a check as `options` say and writes it to `out` as `request` says.
pub fn check(options: &RunOptions, request: &Request, out: &mut impl Write) -> io::Result<Checked> {
    let streamed = streamed(request);
    let collect = request.terminal.is_some_and(Format::is_batch) || request.file.is_some();
    let prepare = |r: &mut UnitReport| match streamed {
        Some(format) if r.diagnostics.len() <= MAX_RENDERED_AHEAD => r.rendered = render_unit(format, request.color, r),
        _ => {}
    };
    let mut json = match request.terminal {
        Some(Format::Json) => Some(json::Stream::begin(out)?),
        _ => None,
    };
    let mut tally = Tally::default();
    let mut statistics = statistics::Statistics::default();
    let mut collected = Vec::new();
    let mut failing = false;
    let mut io_error: Option<io::Error> = None;
    let requested_level = options.fail_on.unwrap_or(Some(Severity::Error));
    let result = crate::run::run_each(options, &prepare, |mut report| {
        if io_error.is_some() {
            return;
        }
        tally.add(&report);
        let rendered = std::mem::take(&mut report.rendered);
        let written = match streamed {
            None => {
                if request.terminal == Some(Format::Human) && request.statistics {
                    statistics.add(&report);
                }
                Ok(())
            }
            // Rendered on the worker: write it.
            Some(_) if rendered.len() == report.diagnostics.len() => match &mut json {
                Some(stream) => rendered.iter().try_for_each(|e| stream.element(out, e)),
                None => rendered.iter().try_for_each(|text| out.write_all(text.as_bytes())),
            },
            // Too large to render ahead (or filtered since): render while writing.
            Some(format) => render_each(format, request.color, &report, |text| match &mut json {
                Some(stream) => stream.element(out, &text),
                None => out.write_all(text.as_bytes()),
            }),
        };
        if let Err(e) = written {
            io_error = Some(e);
            return;
        }
        if let Some(level) = requested_level {
            failing |= report.diagnostics.iter().any(|d| d.severity >= level);
        }
        if collect {
            collected.push(report);
        }
    });
    let (_config, fail_level) = match result {
        Ok(r) => r,
        Err(e) => {
            let Some(mut stream) = json else { return Ok(Checked::ConfigError(Box::new(e))) };
            // The document is already open on stdout: the configuration's findings complete it, so
            // stdout stays one valid JSON document.
            let mut summary = Summary::default();
            for d in &e.diagnostics {
                summary.count(d.severity);
            }
            stream.diagnostics(out, &e.db, &e.diagnostics)?;
            stream.finish(out, &summary)?;
            out.flush()?;
            return Ok(Checked::ConfigErrorReported);
        }
    };
    if let Some(e) = io_error {
        return Err(e);
    }
    // The config may set fail-on; re-evaluate with the level actually in force.
    if fail_level != requested_level {
        failing = tally.reaches(fail_level);
    }
    if let Some((path, format)) = &request.file {
        let text = render(*format, &collected, &tally)?;
        if let Err(e) = std::fs::write(path, text) {
            return Ok(Checked::OutputFileFailed(format!("cannot write {}: {e}", path.display())));
        }
    }
    match request.terminal {
        None | Some(Format::Github) => {}
        Some(Format::Json) => {
            if let Some(stream) = json {
                stream.finish(out, &tally.summary)?;
            }
        }
        Some(f @ (Format::Sarif | Format::Junit | Format::Gitlab | Format::Markdown)) => {
            out.write_all(render(f, &collected, &tally)?.as_bytes())?;
        }
        Some(Format::Human) => {
            if request.statistics {
                statistics.write(out)?;
            }
            if !request.quiet && tally.summary.units > 0 {
                writeln!(out, "{}", human::summary_line(&tally.summary, tally.fixes()))?;
            }
        }
    }
    out.flush()?;
    Ok(Checked::Ran { tally, failing })
}

/// A whole run in `format`, from the collected reports (any format, for `--output-file`).
pub fn render(format: Format, reports: &[UnitReport], tally: &Tally) -> io::Result<String> {
    Ok(match format {
        Format::Human => human::render(reports, &tally.summary, tally.fixes()),
        Format::Json => json::render(reports)?,
        Format::Sarif => json::pretty(&sarif::render(reports))?,
        Format::Github => github::render(reports),
        Format::Junit => junit::render(reports),
        Format::Gitlab => json::pretty(&gitlab::render(reports))?,
        Format::Markdown => markdown::render(reports, &tally.summary),
    })
}

/// Every finding of the reports with its database, in output order.
fn findings(reports: &[UnitReport]) -> impl Iterator<Item = (&SourceDb, &Diagnostic, &UnitReport)> {
    reports.iter().flat_map(|r| r.diagnostics.iter().map(move |d| (&r.db, d, r)))
}

/// A text of a finding as printed: secrets of its unit redacted (defence in depth: the driver redacted
/// the diagnostic already).
fn shown(text: &str, report: &UnitReport) -> String {
    crate::redact::redact_text(text, &report.secrets)
}

/// The documentation link of a code (empty for codes without a page).
fn doc_url(code: &str) -> String {
    specc_rules::find_rule(code).map(|r| r.meta().url()).unwrap_or_default()
}
