//! `--format junit`: JUnit XML for CI test-report views (GitLab `artifacts:reports:junit`, Jenkins,
//! Azure Pipelines). One `<testsuite>` per checked unit; each finding is a failed `<testcase>` named
//! by its code, with the location and message; a unit without findings is one passing test case.

use std::fmt::Write;

use crate::driver::{display_path, UnitReport};

/// Escapes text for XML attribute values and character data.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The whole document.
pub fn render(reports: &[UnitReport]) -> String {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"specc\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\">");
    for r in reports {
        let unit = escape(&display_path(&r.primary));
        let n = r.diagnostics.len();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{unit}\" tests=\"{}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">",
            n.max(1)
        );
        if n == 0 {
            let _ = writeln!(out, "    <testcase name=\"specc\" classname=\"{unit}\"/>");
        }
        for d in &r.diagnostics {
            let loc = crate::wire::location(&r.db, d.span);
            let file = escape(&loc.file);
            let at = format!("{}:{}:{}", loc.file, loc.start.line, loc.start.column);
            let message = super::shown(&d.message, r);
            let mut body = format!("{at}: {message} [{}]", d.code);
            if let Some(h) = &d.help {
                let _ = write!(body, "\nhelp: {}", super::shown(h, r));
            }
            let url = super::doc_url(d.code);
            if !url.is_empty() {
                let _ = write!(body, "\n{url}");
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{} at {}\" classname=\"{file}\" file=\"{file}\" line=\"{}\">",
                escape(d.code),
                escape(&at),
                loc.start.line
            );
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                d.severity.as_str(),
                escape(&message),
                escape(&body)
            );
            let _ = writeln!(out, "    </testcase>");
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    out.push_str("</testsuites>\n");
    out
}
