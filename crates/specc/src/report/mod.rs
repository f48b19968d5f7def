//! Report formats rendered from a whole run (CI reports): JUnit XML, GitLab Code Quality JSON and
//! Markdown job summaries. The streaming formats (human, JSON) and SARIF/GitHub live in `render`,
//! `wire` and `sarif`.

pub mod gitlab;
pub mod junit;
pub mod markdown;

use specc_diagnostics::Diagnostic;
use specc_syntax::SourceDb;

use crate::driver::UnitReport;

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
