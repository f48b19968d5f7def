//! `specc probe`'s output: a step list for people, or JSON (`version` 1) with the steps and the
//! diagnostics in the shape of `specc check --format json`. Diagnostics also go to SARIF and GitHub
//! annotations through the same functions `check` uses.

use serde::Serialize;
use specc_diagnostics::Severity;

use super::{ProbeReport, Status};
use crate::render::HumanRenderer;
use crate::wire::{self, WireDiagnostic};

#[derive(Debug, Serialize)]
pub struct WireStep {
    pub name: String,
    pub status: String,
    pub detail: String,
}

#[derive(Debug, Serialize)]
pub struct WireProbe {
    pub version: u32,
    pub steps: Vec<WireStep>,
    pub diagnostics: Vec<WireDiagnostic>,
}

/// The JSON report.
pub fn json(report: &ProbeReport) -> WireProbe {
    let r = &report.redactor;
    WireProbe {
        version: 1,
        steps: report
            .steps
            .iter()
            .map(|s| WireStep {
                name: s.name.to_string(),
                status: s.status.as_str().to_string(),
                detail: r.redact(&s.detail),
            })
            .collect(),
        diagnostics: report.diagnostics.iter().map(|d| diagnostic(report, d)).collect(),
    }
}

/// One diagnostic in `check --format json`'s shape, with every text redacted.
pub fn diagnostic(report: &ProbeReport, d: &specc_diagnostics::Diagnostic) -> WireDiagnostic {
    let r = &report.redactor;
    let mut w = wire::to_wire_redacted(&report.unit.db, d, &report.unit.secrets);
    w.message = r.redact(&w.message);
    for t in [&mut w.label, &mut w.help, &mut w.note].into_iter().flatten() {
        *t = r.redact(t);
    }
    for l in &mut w.secondary {
        l.message = r.redact(&l.message);
    }
    w
}

/// The step list, the diagnostics and a summary line.
pub fn human(report: &ProbeReport, color: bool) -> String {
    let r = &report.redactor;
    let mut out = String::new();
    let (green, red, dim, reset) =
        if color { ("\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[0m") } else { ("", "", "", "") };
    out.push_str(&format!(
        "probe `{}` from {}\n",
        report.config_name,
        crate::driver::display_path(&report.unit.primary)
    ));
    let width = report.steps.iter().map(|s| s.name.len()).max().unwrap_or(10);
    for s in &report.steps {
        let (mark, c) = match s.status {
            Status::Pass => ("✔", green),
            Status::Fail => ("✘", red),
            Status::Skip => ("-", dim),
        };
        let detail = r.redact(&s.detail);
        let detail = if s.status == Status::Skip { format!("skipped: {detail}") } else { detail };
        out.push_str(&format!("  {c}{mark}{reset} {:<width$}  {detail}\n", s.name));
    }
    if !report.diagnostics.is_empty() {
        out.push('\n');
        let renderer = HumanRenderer::new(color, 100);
        for d in &report.diagnostics {
            out.push_str(&r.redact(&renderer.render_masked(&report.unit.db, d, &report.unit.secrets)));
            out.push('\n');
        }
    }
    let count = |st: Status| report.steps.iter().filter(|s| s.status == st).count();
    let sev = |sv: Severity| report.diagnostics.iter().filter(|d| d.severity == sv).count();
    out.push_str(&format!(
        "\n{} passed, {} failed, {} skipped; {} error(s), {} warning(s), {} info\n",
        count(Status::Pass),
        count(Status::Fail),
        count(Status::Skip),
        sev(Severity::Error),
        sev(Severity::Warning),
        sev(Severity::Info)
    ));
    out
}
