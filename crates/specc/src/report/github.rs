//! `--format github`: GitHub Actions workflow commands, one `::error`/`::warning`/`::notice` line per
//! finding, which the runner turns into annotations on the pull request.

use specc_diagnostics::{Diagnostic, Severity};

use crate::driver::UnitReport;
use crate::redact::KnownSecrets;

/// The line of one finding, with its newline.
fn line(report: &UnitReport, secrets: &KnownSecrets, d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let loc = crate::wire::location(&report.db, d.span);
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!("\nhelp: {h}"));
    }
    format!(
        "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
        escape_property(&loc.file),
        loc.start.line,
        loc.start.column,
        loc.end.line,
        loc.end.column,
        escape_property(d.code),
        escape_data(&secrets.redact(&message))
    )
}

/// Hands the line of each of one unit's findings to `each`.
pub fn render_each<E>(report: &UnitReport, mut each: impl FnMut(String) -> Result<(), E>) -> Result<(), E> {
    let secrets = KnownSecrets::new(&report.secrets);
    report.diagnostics.iter().try_for_each(|d| each(line(report, &secrets, d)))
}

/// The lines of one unit's findings, one entry per finding.
pub fn render_unit(report: &UnitReport) -> Vec<String> {
    let secrets = KnownSecrets::new(&report.secrets);
    report.diagnostics.iter().map(|d| line(report, &secrets, d)).collect()
}

/// The whole output for a run.
pub fn render(reports: &[UnitReport]) -> String {
    reports.iter().flat_map(render_unit).collect()
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
