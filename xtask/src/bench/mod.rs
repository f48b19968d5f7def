//! `cargo xtask bench [--quick] [--runs N]`: specc against its peers and its floor, in one run.
//!
//! Every case interleaves its contenders run by run (A B C, B C A, C A B …), throws away the first
//! round as a warm-up, and reports the median, min and max wall time and the peak RSS of the remaining rounds. Ratios
//! are taken against specc *in the same case of the same run*, so that load from other processes (this
//! machine is shared) mostly cancels out. The table goes to stdout; the same data, with every sample, to
//! `target/bench/bench-<unix-time>.json` and `target/bench/latest.json`.

mod measure;
mod profile;
mod report;
pub mod setup;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};

use crate::synth;
use measure::{Invocation, Sample};
pub use setup::Paths;

/// The label of the `--format json` row every case has.
pub const JSON_LABEL: &str = "specc --format json";

/// Rounds measured (after the warm-up) in a full and a quick run.
const FULL_RUNS: usize = 7;
const QUICK_RUNS: usize = 3;

/// The synthetic set `bench` checks: 10,000 manifests across the three dialects.
pub const BENCH_SYNTH: synth::Params =
    synth::Params { elasticio: 4000, membrane: 3000, keboola: 3000, seed: synth::DEFAULT_SEED };

#[derive(Debug, Clone)]
pub struct Options {
    pub quick: bool,
    pub runs: usize,
    /// `--specc-format F`: run specc with `--format F` instead of its default human output.
    pub specc_format: Option<String>,
}

impl Options {
    pub fn parse(args: &[String]) -> anyhow::Result<Options> {
        let quick = args.iter().any(|a| a == "--quick");
        let mut runs = if quick { QUICK_RUNS } else { FULL_RUNS };
        let mut specc_format = None;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--quick" => {}
                "--runs" => {
                    runs = it.next().context("--runs needs a number")?.parse().context("--runs needs a number")?;
                }
                "--specc-format" => specc_format = Some(it.next().context("--specc-format needs a format")?.clone()),
                other => {
                    bail!("unknown option {other}; usage: cargo xtask bench [--quick] [--runs N] [--specc-format F]")
                }
            }
        }
        if runs == 0 {
            bail!("--runs must be at least 1");
        }
        Ok(Options { quick, runs, specc_format })
    }
}

/// How a contender relates to the case's reference (plain specc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// specc as a user runs it: the denominator of every ratio in the case.
    Reference,
    /// specc run differently (one thread, ten times the input).
    Variant,
    /// Another linter.
    Peer,
    /// Reading the same bytes and nothing else.
    Floor,
}

#[derive(Debug, Clone)]
pub struct Contender {
    pub tool: &'static str,
    pub label: String,
    pub role: Role,
    pub inv: Invocation,
    pub samples: Vec<Sample>,
}

impl Contender {
    fn new(tool: &'static str, label: impl Into<String>, role: Role, inv: Invocation) -> Contender {
        Contender { tool, label: label.into(), role, inv, samples: Vec::new() }
    }
    pub fn walls_ms(&self) -> Vec<f64> {
        self.samples.iter().map(|s| s.wall.as_secs_f64() * 1e3).collect()
    }
    pub fn median_ms(&self) -> f64 {
        median(&self.walls_ms())
    }
    pub fn min_ms(&self) -> f64 {
        self.walls_ms().into_iter().fold(f64::INFINITY, f64::min)
    }
    pub fn max_ms(&self) -> f64 {
        self.walls_ms().into_iter().fold(0.0, f64::max)
    }
    pub fn peak_rss_mib(&self) -> Option<f64> {
        self.samples.iter().filter_map(|s| s.max_rss_kib).max().map(|k| k as f64 / 1024.0)
    }
    /// Killed by a signal, or exited 101 (Rust's exit code after a panic).
    pub fn crashed(&self) -> bool {
        self.samples.iter().any(|s| matches!(s.code, None | Some(101)))
    }
    pub fn exit_codes(&self) -> Vec<Option<i32>> {
        let mut v: Vec<Option<i32>> = self.samples.iter().map(|s| s.code).collect();
        v.sort();
        v.dedup();
        v
    }
}

/// One input and the contenders timed on it.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: &'static str,
    pub about: String,
    pub files: usize,
    pub bytes: u64,
    pub largest_file: u64,
    pub contenders: Vec<Contender>,
}

impl Case {
    pub fn reference(&self) -> Option<&Contender> {
        self.contenders.iter().find(|c| c.role == Role::Reference)
    }
    pub fn by_label(&self, label: &str) -> Option<&Contender> {
        self.contenders.iter().find(|c| c.label == label)
    }
}

pub fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

struct Inputs {
    files: usize,
    bytes: u64,
    largest: u64,
    list: Vec<PathBuf>,
}

fn inputs(dir: &Path) -> anyhow::Result<Inputs> {
    let list = setup::files_under(dir)?;
    let mut bytes = 0;
    let mut largest = 0;
    for f in &list {
        let n = std::fs::metadata(f)?.len();
        bytes += n;
        largest = largest.max(n);
    }
    Ok(Inputs { files: list.len(), bytes, largest, list })
}

fn path_args(files: &[PathBuf]) -> Vec<String> {
    files.iter().map(|f| f.display().to_string()).collect()
}

pub fn run(opts: &Options) -> anyhow::Result<bool> {
    let p = Paths::discover()?;
    let specc = setup::build_specc(&p)?;
    let corpus = setup::corpus(&p)?;
    let x10 = setup::corpus_x10(&p, &corpus)?;
    let synth_dir = setup::synth_set(&p, &BENCH_SYNTH)?;
    let peer_versions = if opts.quick { None } else { Some(setup::peers(&p)?) };

    let cfg_redocly = p.shared_bench.join("peers").join("redocly-oauth.yaml");
    let cfg_spectral = p.shared_bench.join("peers").join("oauth.spectral.yaml");
    for cfg in [&cfg_redocly, &cfg_spectral] {
        if !opts.quick && !cfg.is_file() {
            bail!("peer configuration {} not found", cfg.display());
        }
    }

    let cwd = p.root.clone();
    let inv = |program: &Path, args: Vec<String>, env: Vec<(String, String)>| Invocation {
        program: program.to_path_buf(),
        args,
        env,
        cwd: cwd.clone(),
    };
    let specc_check = |target: Vec<String>, threads: Option<usize>| {
        let mut args = vec!["check".to_string(), "--color".into(), "never".into()];
        if let Some(f) = &opts.specc_format {
            args.extend(["--format".to_string(), f.clone()]);
        }
        if let Some(n) = threads {
            args.extend(["--threads".to_string(), n.to_string()]);
        }
        args.extend(target);
        inv(&specc, args, Vec::new())
    };
    let redocly_env = vec![
        ("REDOCLY_TELEMETRY".to_string(), "off".to_string()),
        ("REDOCLY_SUPPRESS_UPDATE_NOTICE".to_string(), "true".to_string()),
    ];
    let peers_for = |files: &[PathBuf]| -> Vec<Contender> {
        if opts.quick {
            return Vec::new();
        }
        let mut ra = vec!["lint".to_string(), "--config".into(), cfg_redocly.display().to_string()];
        ra.extend(path_args(files));
        let mut sa = vec!["lint".to_string(), "-r".into(), cfg_spectral.display().to_string()];
        sa.extend(path_args(files));
        vec![
            Contender::new("redocly", "redocly", Role::Peer, inv(&p.redocly(), ra, redocly_env.clone())),
            Contender::new("spectral", "spectral", Role::Peer, inv(&p.spectral(), sa, Vec::new())),
        ]
    };
    let cat = PathBuf::from("cat");
    // The format CI and editors use, beside the human output of the same case.
    let specc_json = |target: Vec<String>| {
        let mut args = vec!["check".to_string(), "--color".into(), "never".into(), "--format".into(), "json".into()];
        args.extend(target);
        Contender::new("specc", JSON_LABEL, Role::Variant, inv(&specc, args, Vec::new()))
    };

    let mut cases = Vec::new();

    // The whole corpus: specc (all threads, one thread), the peers and `cat`.
    let all = inputs(&corpus)?;
    let mut cs = vec![
        Contender::new("specc", "specc", Role::Reference, specc_check(vec![corpus.display().to_string()], None)),
        Contender::new(
            "specc",
            "specc --threads 1",
            Role::Variant,
            specc_check(vec![corpus.display().to_string()], Some(1)),
        ),
        specc_json(vec![corpus.display().to_string()]),
        Contender::new("cat", "cat", Role::Floor, inv(&cat, path_args(&all.list), Vec::new())),
    ];
    cs.extend(peers_for(&all.list));
    cases.push(Case {
        name: "corpus",
        about: format!("the whole OpenAPI corpus ({})", corpus.display()),
        files: all.files,
        bytes: all.bytes,
        largest_file: all.largest,
        contenders: cs,
    });

    // GitHub's 13 MB description.
    let github = corpus.join("orig").join("github_api.github.com.json");
    let gh_len = std::fs::metadata(&github).with_context(|| github.display().to_string())?.len();
    let mut cs = vec![
        Contender::new("specc", "specc", Role::Reference, specc_check(vec![github.display().to_string()], None)),
        specc_json(vec![github.display().to_string()]),
    ];
    cs.extend(peers_for(std::slice::from_ref(&github)));
    cases.push(Case {
        name: "github",
        about: "GitHub's api.github.com.json".into(),
        files: 1,
        bytes: gh_len,
        largest_file: gh_len,
        contenders: cs,
    });

    // The same description on one line, with thousands of findings: UTF-16 columns deep into the line.
    let minified = setup::minified(&p, &github)?;
    let min_len = std::fs::metadata(&minified)?.len();
    cases.push(Case {
        name: "minified",
        about: format!("GitHub's description on one line, with {} flawed OAuth schemes added", setup::MINIFIED_SCHEMES),
        files: 1,
        bytes: min_len,
        largest_file: min_len,
        contenders: vec![
            Contender::new("specc", "specc", Role::Reference, specc_check(vec![minified.display().to_string()], None)),
            specc_json(vec![minified.display().to_string()]),
        ],
    });

    // One tiny file: start-up cost. The smallest file of the corpus (deterministic for a given corpus).
    let tiny = all
        .list
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok().map(|m| (m.len(), f.clone())))
        .min()
        .context("empty corpus")?;
    let mut cs = vec![
        Contender::new("specc", "specc", Role::Reference, specc_check(vec![tiny.1.display().to_string()], None)),
        specc_json(vec![tiny.1.display().to_string()]),
    ];
    cs.extend(peers_for(std::slice::from_ref(&tiny.1)));
    cases.push(Case {
        name: "tiny",
        about: format!("one tiny file ({})", tiny.1.file_name().unwrap_or_default().to_string_lossy()),
        files: 1,
        bytes: tiny.0,
        largest_file: tiny.0,
        contenders: cs,
    });

    // Scaling: the corpus once and ten times, alternated in the same case.
    let big = inputs(&x10)?;
    cases.push(Case {
        name: "corpus-x10",
        about: format!("{} copies of the corpus ({})", setup::X10_COPIES, x10.display()),
        files: big.files,
        bytes: big.bytes,
        largest_file: big.largest,
        contenders: vec![
            Contender::new("specc", "specc ×1", Role::Reference, specc_check(vec![corpus.display().to_string()], None)),
            Contender::new("specc", "specc ×10", Role::Variant, specc_check(vec![x10.display().to_string()], None)),
        ],
    });

    // 10,000 synthetic manifests of the three platform dialects.
    let syn = inputs(&synth_dir)?;
    cases.push(Case {
        name: "synth",
        about: format!("{} synthetic manifests ({})", BENCH_SYNTH.manifests(), BENCH_SYNTH.describe()),
        files: syn.files,
        bytes: syn.bytes,
        largest_file: syn.largest,
        contenders: vec![
            Contender::new("specc", "specc", Role::Reference, specc_check(vec![synth_dir.display().to_string()], None)),
            Contender::new(
                "specc",
                "specc --threads 1",
                Role::Variant,
                specc_check(vec![synth_dir.display().to_string()], Some(1)),
            ),
            specc_json(vec![synth_dir.display().to_string()]),
            // Too many paths for one command line: let find batch them.
            Contender::new(
                "cat",
                "find | xargs cat",
                Role::Floor,
                Invocation {
                    program: "sh".into(),
                    args: vec!["-c".into(), "find . -type f -exec cat {} +".into()],
                    env: Vec::new(),
                    cwd: synth_dir.clone(),
                },
            ),
        ],
    });

    let load_before = loadavg();
    let started = std::time::SystemTime::now();
    for case in &mut cases {
        time_case(case, opts.runs)?;
    }
    let load_after = loadavg();
    // Where the time goes: an instruction profile of one thread on the corpus (deterministic, unlike
    // wall time on a shared machine).
    let profile = profile::top_entries(&specc, &corpus, &p.out(), 3);

    let meta = report::Meta {
        unix_time: started.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        quick: opts.quick,
        runs: opts.runs,
        threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        load_before,
        load_after,
        git_commit: git_head(&p.root),
        spectral: peer_versions.as_ref().map(|v| v.0.clone()),
        redocly: peer_versions.as_ref().map(|v| v.1.clone()),
        specc_format: opts.specc_format.clone(),
        profile,
    };
    let rep = report::Report::new(meta, cases);
    print!("{}", rep.table());
    let json = rep.json();
    std::fs::create_dir_all(p.out())?;
    let text = serde_json::to_string_pretty(&json)? + "\n";
    let stamped = p.out().join(format!("bench-{}.json", rep.meta.unix_time));
    std::fs::write(&stamped, &text)?;
    std::fs::write(p.out().join("latest.json"), &text)?;
    println!("\nwritten: {} (and latest.json)", stamped.display());
    Ok(true)
}

/// Times every contender of `case`: one warm-up round, then `runs` rounds, contenders interleaved. Each
/// round starts one contender later than the one before, so no contender always runs right after the
/// same other one (a Node peer leaves caches and the CPU's frequency behind it for whatever follows).
fn time_case(case: &mut Case, runs: usize) -> anyhow::Result<()> {
    let n = case.contenders.len().max(1);
    for round in 0..=runs {
        let mut line = if round == 0 {
            format!("bench: {:<10} warm-up   ", case.name)
        } else {
            format!("bench: {:<10} round {round}/{runs}", case.name)
        };
        let start = round % n;
        let (first, second) = case.contenders.split_at_mut(start);
        for c in second.iter_mut().chain(first.iter_mut()) {
            let s = measure::run(&c.inv).with_context(|| format!("{} ({})", c.label, case.name))?;
            line.push_str(&format!("  {} {}", c.label, fmt_dur(s.wall)));
            if round > 0 {
                c.samples.push(s);
            }
        }
        eprintln!("{line}");
    }
    Ok(())
}

fn fmt_dur(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 1000.0 {
        format!("{:.2}s", ms / 1e3)
    } else {
        format!("{ms:.1}ms")
    }
}

fn loadavg() -> Option<String> {
    std::fs::read_to_string("/proc/loadavg").ok().map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn git_head(root: &Path) -> Option<String> {
    let out =
        std::process::Command::new("git").args(["rev-parse", "--short", "HEAD"]).current_dir(root).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}
