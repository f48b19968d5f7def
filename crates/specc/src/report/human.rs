//! `--format human` (the default): a rustc-style report per finding with its source snippet (drawn by
//! [`crate::render::HumanRenderer`]), then a summary line.

use crate::driver::UnitReport;
use crate::render::HumanRenderer;
use crate::wire::Summary;

use super::plural;

/// Width the reports are laid out for.
const WIDTH: usize = 100;

/// Hands the report of each of one unit's findings, ending with a blank line, to `each`.
pub fn render_each<E>(
    report: &UnitReport,
    color: bool,
    mut each: impl FnMut(String) -> Result<(), E>,
) -> Result<(), E> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    let renderer = HumanRenderer::new(color, WIDTH);
    for d in &report.diagnostics {
        let mut text = renderer.render_masked(&report.db, d, &report.secrets);
        text.push('\n');
        each(text)?;
    }
    Ok(())
}

/// The reports of one unit's findings, one entry per finding.
pub fn render_unit(report: &UnitReport, color: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(report.diagnostics.len());
    let _ = render_each(report, color, |text| -> Result<(), ()> {
        out.push(text);
        Ok(())
    });
    out
}

/// The whole output for a run, without colour (`--output-file`).
pub fn render(reports: &[UnitReport], summary: &Summary, fixes: (usize, usize)) -> String {
    let mut out: String = reports.iter().flat_map(|r| render_unit(r, false)).collect();
    out.push_str(&summary_line(summary, fixes));
    out.push('\n');
    out
}

/// The last line: the counts, and how many findings `--fix` (and `--fix --unsafe-fixes`) would fix.
pub fn summary_line(s: &Summary, (safe, unsafe_): (usize, usize)) -> String {
    let total = s.errors + s.warnings + s.infos;
    if total == 0 {
        return format!("No problems found in {} ({}).", plural(s.units, "unit"), plural(s.files, "file"));
    }
    let fixable = match (safe, unsafe_) {
        (0, 0) => String::new(),
        (n, 0) => format!(" {} fixable with `specc check --fix`.", plural(n, "finding")),
        (0, m) => format!(" {} fixable with `specc check --fix --unsafe-fixes`.", plural(m, "finding")),
        (n, m) => format!(
            " {} fixable with `specc check --fix` ({m} more with `--fix --unsafe-fixes`).",
            plural(n, "finding")
        ),
    };
    format!(
        "Found {}, {}, {} in {}.{}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.units, "unit"),
        fixable
    )
}
