//! `--format markdown`: a report for CI job summaries (`$GITHUB_STEP_SUMMARY`, merge-request
//! comments): the counts, then one table row per finding with its severity, linked code, location and
//! message.

use std::fmt::Write;

use crate::driver::UnitReport;
use crate::wire::Summary;

use super::plural;

/// Text for a table cell: pipes escaped, line breaks as `<br>`, and HTML/Markdown that could change
/// the page's structure neutralised.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole summary.
pub fn render(reports: &[UnitReport], summary: &Summary) -> String {
    let mut out = String::from("## specc\n\n");
    let total = summary.errors + summary.warnings + summary.infos;
    if total == 0 {
        let _ = writeln!(
            out,
            "No problems found in {} ({}).",
            plural(summary.units, "unit"),
            plural(summary.files, "file")
        );
        return out;
    }
    let _ = writeln!(
        out,
        "Found **{}**, **{}** and {} in {}{}.\n",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.units, "unit"),
        if summary.fixable > 0 {
            format!("; {} with a fix (`specc check --fix`)", plural(summary.fixable, "finding"))
        } else {
            String::new()
        }
    );
    out.push_str("| Severity | Code | Location | Message |\n| --- | --- | --- | --- |\n");
    for (db, d, report) in super::findings(reports) {
        let loc = crate::wire::location(db, d.span);
        let url = super::doc_url(d.code);
        let code = if url.is_empty() { format!("`{}`", d.code) } else { format!("[`{}`]({url})", d.code) };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        let _ = writeln!(
            out,
            "| {} | {code} | `{}:{}:{}` | {} |",
            d.severity.as_str(),
            cell(&loc.file).replace('`', "'"),
            loc.start.line,
            loc.start.column,
            cell(&super::shown(&message, report))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc<script>"), "a\\|b<br>c&lt;script&gt;");
    }
}
