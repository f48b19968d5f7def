//! `--statistics` (human output): one line per code with its count, its highest severity and whether
//! any of its findings has a fix, most frequent first.

use std::collections::BTreeMap;
use std::io::{self, Write};

use specc_diagnostics::Severity;

use crate::driver::UnitReport;

/// Counts per code.
#[derive(Debug, Default)]
pub struct Statistics {
    /// Code → (findings, highest severity, any fixable).
    counts: BTreeMap<&'static str, (usize, Severity, bool)>,
}

impl Statistics {
    pub fn add(&mut self, report: &UnitReport) {
        for d in &report.diagnostics {
            let e = self.counts.entry(d.code).or_insert((0, d.severity, false));
            e.0 += 1;
            e.1 = e.1.max(d.severity);
            e.2 |= d.fix.is_some();
        }
    }

    pub fn write(self, out: &mut impl Write) -> io::Result<()> {
        let mut rows: Vec<_> = self.counts.into_iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        for (code, (n, sev, fixable)) in rows {
            writeln!(out, "{n:>6}  {:<8} {code}{}", sev.as_str(), if fixable { "  [fixable]" } else { "" })?;
        }
        Ok(())
    }
}
