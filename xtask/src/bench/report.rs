//! The results of a run: a table for people, derived figures, the goals (issues #8 and #15) and the JSON
//! record.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{Case, Contender};

const MIB: f64 = 1024.0 * 1024.0;

#[derive(Debug, Clone)]
pub struct Meta {
    pub unix_time: u64,
    pub quick: bool,
    pub runs: usize,
    pub threads: usize,
    pub load_before: Option<String>,
    pub load_after: Option<String>,
    pub git_commit: Option<String>,
    pub spectral: Option<String>,
    pub redocly: Option<String>,
    /// `--format` passed to specc (`None`: its default, human output).
    pub specc_format: Option<String>,
    /// The top entries of an instruction profile of specc on the corpus, when valgrind is installed.
    pub profile: Option<super::profile::Profile>,
}

/// A figure computed from several medians of the same run.
#[derive(Debug, Clone)]
pub struct Derived {
    pub name: String,
    pub value: Option<f64>,
    pub unit: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Miss,
    /// Not measured in this run (`--quick` skips the peers).
    NotRun,
    /// specc crashed (panic or signal) in a run this goal depends on: the timing is meaningless.
    Invalid,
}

#[derive(Debug, Clone)]
pub struct Goal {
    pub name: String,
    pub target: String,
    pub measured: Option<String>,
    pub verdict: Verdict,
}

#[derive(Debug)]
pub struct Report {
    pub meta: Meta,
    pub cases: Vec<Case>,
    pub derived: Vec<Derived>,
    pub goals: Vec<Goal>,
}

/// `other / reference` wall-time ratio, as a figure and in words.
fn ratio(c: &Contender, reference: Option<&Contender>) -> Option<f64> {
    let r = reference?;
    if std::ptr::eq(c, r) {
        return None;
    }
    Some(c.median_ms() / r.median_ms())
}

fn ratio_words(r: f64) -> String {
    if r >= 1.0 {
        format!("{r:.1}× slower")
    } else {
        format!("{:.1}× faster", 1.0 / r)
    }
}

fn median_of(cases: &[Case], case: &str, label: &str) -> Option<f64> {
    let m = cases.iter().find(|c| c.name == case)?.by_label(label)?.median_ms();
    m.is_finite().then_some(m)
}

fn goal_min(name: &str, value: Option<f64>, min: f64, unit: &str, not_run: bool) -> Goal {
    let target = format!("≥ {min}{unit}");
    match value {
        Some(v) => Goal {
            name: name.into(),
            target,
            measured: Some(format!("{v:.2}{unit}")),
            verdict: if v >= min { Verdict::Pass } else { Verdict::Miss },
        },
        None => Goal {
            name: name.into(),
            target,
            measured: None,
            verdict: if not_run { Verdict::NotRun } else { Verdict::Miss },
        },
    }
}

fn goal_max(name: &str, value: Option<f64>, max: f64, unit: &str, strict: bool) -> Goal {
    let target = format!("{} {max}{unit}", if strict { "<" } else { "≤" });
    match value {
        Some(v) => Goal {
            name: name.into(),
            target,
            measured: Some(format!("{v:.2}{unit}")),
            verdict: if v < max || (!strict && v == max) { Verdict::Pass } else { Verdict::Miss },
        },
        None => Goal { name: name.into(), target, measured: None, verdict: Verdict::Miss },
    }
}

impl Report {
    pub fn new(meta: Meta, cases: Vec<Case>) -> Report {
        let quick = meta.quick;
        let ratio_in = |case: &str, label: &str, reference: &str| -> Option<f64> {
            Some(median_of(&cases, case, label)? / median_of(&cases, case, reference)?)
        };

        let mut derived = Vec::new();
        let speedup_corpus = ratio_in("corpus", "specc --threads 1", "specc");
        let speedup_synth = ratio_in("synth", "specc --threads 1", "specc");
        derived.push(Derived {
            name: format!("corpus: specc 1 thread / {} threads", meta.threads),
            value: speedup_corpus,
            unit: "×",
        });
        derived.push(Derived {
            name: format!("synth: specc 1 thread / {} threads", meta.threads),
            value: speedup_synth,
            unit: "×",
        });
        // Linearity: time per byte on ten copies over time per byte on one (1.0 = perfectly linear).
        let linearity = cases.iter().find(|c| c.name == "corpus-x10").and_then(|c| {
            let one = c.by_label("specc ×1")?.median_ms();
            let ten = c.by_label("specc ×10")?.median_ms();
            let one_bytes = c.bytes as f64 / super::setup::X10_COPIES as f64;
            Some((ten / c.bytes as f64) / (one / one_bytes))
        });
        derived.push(Derived {
            name: "corpus ×10 vs ×1: time per byte (1.00 = linear)".into(),
            value: linearity,
            unit: "",
        });
        let vs_cat = ratio_in("corpus", "specc", "cat");
        derived.push(Derived { name: "corpus: specc / cat".into(), value: vs_cat, unit: "×" });
        derived.push(Derived {
            name: "synth: specc / find+cat".into(),
            value: ratio_in("synth", "specc", "find | xargs cat"),
            unit: "×",
        });
        for case in ["corpus", "github", "synth"] {
            let thr = cases.iter().find(|c| c.name == case).and_then(|c| {
                let ms = c.reference()?.median_ms();
                Some(c.bytes as f64 / MIB / (ms / 1e3))
            });
            derived.push(Derived { name: format!("{case}: specc throughput"), value: thr, unit: " MiB/s" });
        }

        let json = super::JSON_LABEL;
        for case in ["corpus", "github", "minified", "tiny", "synth"] {
            derived.push(Derived {
                name: format!("{case}: --format json / human"),
                value: ratio_in(case, json, "specc"),
                unit: "×",
            });
        }
        let mut goals = vec![
            // Peers against the format CI uses.
            goal_min("corpus: Redocly / specc --format json", ratio_in("corpus", "redocly", json), 80.0, "×", quick),
            goal_min("corpus: Spectral / specc --format json", ratio_in("corpus", "spectral", json), 200.0, "×", quick),
            goal_max("corpus: specc within 5× of cat", vs_cat, 5.0, "×", false),
            goal_max("corpus: --format json / human", ratio_in("corpus", json, "specc"), 1.1, "×", false),
            goal_max("github: --format json / human", ratio_in("github", json, "specc"), 1.1, "×", false),
            goal_max("minified: --format json / human", ratio_in("minified", json, "specc"), 1.1, "×", false),
            goal_max("tiny: specc wall, one file", median_of(&cases, "tiny", "specc"), 3.0, " ms", true),
        ];
        for c in &cases {
            let peak = c
                .contenders
                .iter()
                .filter(|k| k.tool == "specc")
                .filter_map(Contender::peak_rss_mib)
                .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
            let limit = 64.0 + 2.0 * c.largest_file as f64 / MIB;
            let mut g = goal_max(&format!("{}: specc peak RSS", c.name), peak, limit, " MiB", true);
            g.target = format!("< {limit:.1} MiB (64 + 2 × {:.1})", c.largest_file as f64 / MIB);
            goals.push(g);
        }
        for (case, speedup) in [("corpus", speedup_corpus), ("synth", speedup_synth)] {
            let name = format!("{case}: second core (1 thread / {})", meta.threads);
            goals.push(goal_min(&name, speedup, 1.7, "×", false));
        }

        // A goal is only as good as the runs behind it: a specc that panicked finished early.
        for g in &mut goals {
            let case = g.name.split(':').next().unwrap_or_default();
            if cases.iter().any(|c| c.name == case && c.contenders.iter().any(|k| k.tool == "specc" && k.crashed())) {
                g.verdict = Verdict::Invalid;
            }
        }
        Report { meta, cases, derived, goals }
    }

    pub fn table(&self) -> String {
        let mut s = String::new();
        let m = &self.meta;
        let _ = writeln!(
            s,
            "\nspecc bench{} at {} (commit {}), {} measured rounds after 1 warm-up, {} hardware threads, load {} → {}",
            if m.quick { " --quick (peers skipped)" } else { "" },
            m.unix_time,
            m.git_commit.as_deref().unwrap_or("?"),
            m.runs,
            m.threads,
            m.load_before.as_deref().unwrap_or("?"),
            m.load_after.as_deref().unwrap_or("?"),
        );
        if let Some(f) = &m.specc_format {
            let _ = writeln!(s, "specc runs with --format {f}");
        }
        if let (Some(sp), Some(rd)) = (&m.spectral, &m.redocly) {
            let _ = writeln!(s, "peers: spectral-cli {sp}, redocly cli {rd}");
        }
        for c in &self.cases {
            let _ = writeln!(
                s,
                "  {:<11} {}: {} files, {:.1} MiB, largest {:.2} MiB",
                c.name,
                c.about,
                c.files,
                c.bytes as f64 / MIB,
                c.largest_file as f64 / MIB
            );
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:<11} {:<18} {:>11} {:>10} {:>10} {:>15} {:>9}  exit",
            "case", "tool", "median ms", "min ms", "max ms", "vs specc", "peak MiB"
        );
        let _ = writeln!(s, "{}", "-".repeat(96));
        for c in &self.cases {
            let reference = c.reference();
            for k in &c.contenders {
                let r = ratio(k, reference).map(ratio_words).unwrap_or_else(|| "=".into());
                let rss = k.peak_rss_mib().map(|x| format!("{x:.1}")).unwrap_or_else(|| "?".into());
                let codes: Vec<String> =
                    k.exit_codes().iter().map(|c| c.map_or("signal".to_string(), |c| c.to_string())).collect();
                let codes =
                    if k.tool == "specc" && k.crashed() { vec![format!("{} CRASHED", codes.join(","))] } else { codes };
                let _ = writeln!(
                    s,
                    "{:<11} {:<18} {:>11.1} {:>10.1} {:>10.1} {:>15} {:>9}  {}",
                    c.name,
                    k.label,
                    k.median_ms(),
                    k.min_ms(),
                    k.max_ms(),
                    r,
                    rss,
                    codes.join(",")
                );
            }
        }
        for c in &self.cases {
            for k in c.contenders.iter().filter(|k| k.tool == "specc" && k.crashed()) {
                let _ = writeln!(
                    s,
                    "WARNING: {} panicked or was killed in case {} (exit 101 or a signal): its times are not a full check",
                    k.label, c.name
                );
            }
        }
        let _ = writeln!(s);
        for d in &self.derived {
            let v = d.value.map(|v| format!("{v:.2}{}", d.unit)).unwrap_or_else(|| "n/a".into());
            let _ = writeln!(s, "{:<52} {v}", d.name);
        }
        if let Some(p) = &m.profile {
            let _ = writeln!(s, "\nwhy not faster ({}): {}", p.about, p.summary());
        }
        let _ = writeln!(s, "\ngoals (issues #8, #15):");
        for g in &self.goals {
            let verdict = match g.verdict {
                Verdict::Pass => "pass",
                Verdict::Miss => "MISS",
                Verdict::NotRun => "n/a (--quick)",
                Verdict::Invalid => "INVALID (specc crashed)",
            };
            let _ = writeln!(
                s,
                "  {:<44} {:>12}   target {:<28} {verdict}",
                g.name,
                g.measured.as_deref().unwrap_or("—"),
                g.target
            );
        }
        s
    }

    pub fn json(&self) -> Value {
        let m = &self.meta;
        let cases: Vec<Value> = self
            .cases
            .iter()
            .map(|c| {
                let reference = c.reference();
                let results: Vec<Value> = c
                    .contenders
                    .iter()
                    .map(|k| {
                        json!({
                            "tool": k.tool,
                            "label": k.label,
                            "role": format!("{:?}", k.role).to_lowercase(),
                            "command": k.inv.display(),
                            "median_ms": k.median_ms(),
                            "min_ms": k.min_ms(),
                            "max_ms": k.max_ms(),
                            "samples_ms": k.walls_ms(),
                            "peak_rss_mib": k.peak_rss_mib(),
                            "samples_rss_kib": k.samples.iter().map(|s| s.max_rss_kib).collect::<Vec<_>>(),
                            "exit_codes": k.exit_codes(),
                            "time_ratio_vs_specc": ratio(k, reference),
                        })
                    })
                    .collect();
                json!({
                    "name": c.name,
                    "about": c.about,
                    "files": c.files,
                    "bytes": c.bytes,
                    "largest_file_bytes": c.largest_file,
                    "results": results,
                })
            })
            .collect();
        json!({
            "version": 1,
            "unix_time": m.unix_time,
            "quick": m.quick,
            "runs": m.runs,
            "warmup_rounds": 1,
            "hardware_threads": m.threads,
            "loadavg_before": m.load_before,
            "loadavg_after": m.load_after,
            "git_commit": m.git_commit,
            "specc_format": m.specc_format.as_deref().unwrap_or("human"),
            "peers": { "spectral-cli": m.spectral, "redocly-cli": m.redocly },
            "profile": m.profile.as_ref().map(|p| json!({
                "about": p.about,
                "total_instructions": p.total,
                "top": p.top.iter().map(|(f, n)| json!({ "function": f, "instructions": n })).collect::<Vec<_>>(),
            })),
            "cases": cases,
            "derived": self.derived.iter().map(|d| json!({ "name": d.name, "value": d.value, "unit": d.unit.trim() })).collect::<Vec<_>>(),
            "goals": self.goals.iter().map(|g| json!({
                "name": g.name,
                "target": g.target,
                "measured": g.measured,
                "verdict": match g.verdict { Verdict::Pass => "pass", Verdict::Miss => "miss", Verdict::NotRun => "not-run", Verdict::Invalid => "invalid-specc-crashed" },
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
