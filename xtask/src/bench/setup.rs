//! Everything a benchmark run needs, built once and cached under `target/`: the release binary, the
//! OpenAPI corpus, the corpus ×10, the synthetic scale set and the two peer linters.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

use crate::synth;

pub const SPECTRAL: &str = "@stoplight/spectral-cli@6.16.3";
pub const REDOCLY: &str = "@redocly/cli@2.77.0";
/// The corpus script's promise; a cached corpus with fewer files is rebuilt.
const CORPUS_FILES: usize = 182;
pub const X10_COPIES: usize = 10;

/// Where things live.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub target: PathBuf,
    /// `../shared/bench` next to the repository (corpus script and peer configurations).
    pub shared_bench: PathBuf,
}

impl Paths {
    pub fn discover() -> anyhow::Result<Paths> {
        let root =
            Path::new(env!("CARGO_MANIFEST_DIR")).parent().context("xtask has no parent directory")?.to_path_buf();
        let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
        let target = if target.is_absolute() { target } else { root.join(target) };
        let shared_bench = std::env::var_os("SPECC_BENCH_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("..").join("shared").join("bench"));
        Ok(Paths { root, target, shared_bench })
    }
    pub fn corpus(&self) -> PathBuf {
        self.target.join("bench-corpus")
    }
    pub fn corpus_x10(&self) -> PathBuf {
        self.target.join("bench-corpus-x10")
    }
    pub fn synth(&self) -> PathBuf {
        self.target.join("bench-synth")
    }
    pub fn peers(&self) -> PathBuf {
        self.target.join("bench-peers")
    }
    pub fn out(&self) -> PathBuf {
        self.target.join("bench")
    }
    pub fn specc(&self) -> PathBuf {
        self.target.join("release").join(format!("specc{}", std::env::consts::EXE_SUFFIX))
    }
    pub fn spectral(&self) -> PathBuf {
        self.peers().join("node_modules").join(".bin").join("spectral")
    }
    pub fn redocly(&self) -> PathBuf {
        self.peers().join("node_modules").join(".bin").join("redocly")
    }
}

fn status(cmd: &mut Command, what: &str) -> anyhow::Result<()> {
    let st = cmd.status().with_context(|| format!("cannot run {what}"))?;
    if !st.success() {
        bail!("{what} failed ({st})");
    }
    Ok(())
}

/// `cargo build --release -p specc` (cheap when nothing changed).
pub fn build_specc(p: &Paths) -> anyhow::Result<PathBuf> {
    eprintln!("bench: building specc (release)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    status(
        Command::new(cargo).args(["build", "--release", "--quiet", "-p", "specc"]).current_dir(&p.root),
        "cargo build --release -p specc",
    )?;
    let bin = p.specc();
    if !bin.is_file() {
        bail!("{} was not built", bin.display());
    }
    Ok(bin)
}

/// All regular files under `dir`, sorted (hidden files included: the corpus has none).
pub fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let e = e?;
            let t = e.file_type()?;
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file() {
                out.push(e.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The OpenAPI corpus, built with the shared script into a scratch directory and renamed into place, so
/// an interrupted build is never mistaken for a complete one.
pub fn corpus(p: &Paths) -> anyhow::Result<PathBuf> {
    let dir = p.corpus();
    if dir.join("orig").join("github_api.github.com.json").is_file() && files_under(&dir)?.len() >= CORPUS_FILES {
        return Ok(dir);
    }
    let script = p.shared_bench.join("make-openapi-corpus.sh");
    if !script.is_file() {
        bail!("{} not found (set SPECC_BENCH_SHARED to the shared bench directory)", script.display());
    }
    eprintln!("bench: building the OpenAPI corpus with {} (npm)", script.display());
    let scratch = p.target.join("bench-corpus.partial");
    let _ = std::fs::remove_dir_all(&scratch);
    status(Command::new("bash").arg(&script).arg(&scratch).current_dir(&p.root), "make-openapi-corpus.sh")?;
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&scratch, &dir)?;
    Ok(dir)
}

/// A directory holding [`X10_COPIES`] copies of the corpus, as hard links where the file system allows.
pub fn corpus_x10(p: &Paths, corpus: &Path) -> anyhow::Result<PathBuf> {
    let dir = p.corpus_x10();
    let files = files_under(corpus)?;
    if dir.is_dir() && files_under(&dir)?.len() == files.len() * X10_COPIES {
        return Ok(dir);
    }
    eprintln!("bench: linking the corpus ×{X10_COPIES} into {}", dir.display());
    let _ = std::fs::remove_dir_all(&dir);
    for i in 0..X10_COPIES {
        for f in &files {
            let rel = f.strip_prefix(corpus)?;
            let to = dir.join(format!("copy-{i:02}")).join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            if std::fs::hard_link(f, &to).is_err() {
                std::fs::copy(f, &to)?;
            }
        }
    }
    Ok(dir)
}

/// Flawed OAuth schemes [`minified`] adds.
pub const MINIFIED_SCHEMES: usize = 3000;

/// `source` (GitHub's description) on one line, with [`MINIFIED_SCHEMES`] OAuth schemes added to its
/// components, each with a non-ASCII description, a password flow without a token URL and endpoints
/// over plain http: thousands of findings on line 1, their UTF-16 columns deep into the line. Written
/// once (it is deterministic), by a child process: the description parsed in memory would raise this
/// process's peak RSS, which Linux reports as the floor of every child's `ru_maxrss` (a child starts
/// from a copy of its parent's memory), and so of every peak this bench measures.
pub fn minified(p: &Paths, source: &Path) -> anyhow::Result<PathBuf> {
    let dir = p.target.join("bench-minified");
    let out = dir.join(format!("github-{MINIFIED_SCHEMES}-schemes.min.json"));
    if out.is_file() {
        return Ok(out);
    }
    eprintln!("bench: writing {} (one line)", out.display());
    status(Command::new(std::env::current_exe()?).arg(MINIFY_COMMAND).arg(source).arg(&out), "xtask bench-minified")?;
    Ok(out)
}

/// The hidden xtask command that writes [`minified`]'s file: `bench-minified SOURCE OUT`.
pub const MINIFY_COMMAND: &str = "bench-minified";

/// `xtask bench-minified SOURCE OUT`.
pub fn write_minified_cli(args: &[String]) -> anyhow::Result<bool> {
    let [source, out] = args else { bail!("usage: cargo xtask {MINIFY_COMMAND} SOURCE OUT") };
    write_minified(Path::new(source), Path::new(out))?;
    Ok(true)
}

fn write_minified(source: &Path, out: &Path) -> anyhow::Result<()> {
    let dir = out.parent().context("an output directory")?;
    let text = std::fs::read(source).with_context(|| source.display().to_string())?;
    let mut doc: serde_json::Value = serde_json::from_slice(&text)?;
    let schemes: serde_json::Map<String, serde_json::Value> = (0..MINIFIED_SCHEMES)
        .map(|i| {
            let scheme = serde_json::json!({
                "type": "oauth2",
                "description": format!("Zugang für 🔑 Nummer {i} – テスト"),
                "flows": {
                    "password": { "scopes": {} },
                    "authorizationCode": {
                        "authorizationUrl": format!("http://auth.example.test/a{i}"),
                        "tokenUrl": format!("http://auth.example.test/t{i}"),
                        "scopes": {},
                    },
                },
            });
            (format!("s{i}"), scheme)
        })
        .collect();
    let components = doc
        .as_object_mut()
        .context("the description is not an object")?
        .entry("components")
        .or_insert_with(|| serde_json::json!({}));
    components
        .as_object_mut()
        .context("`components` is not an object")?
        .insert("securitySchemes".into(), serde_json::Value::Object(schemes));
    std::fs::create_dir_all(dir)?;
    let partial = dir.join(".partial");
    std::fs::write(&partial, serde_json::to_vec(&doc)?)?;
    std::fs::rename(&partial, out)?;
    Ok(())
}

/// The synthetic scale set: regenerated when its parameters (or the generator's version) change.
pub fn synth_set(p: &Paths, params: &synth::Params) -> anyhow::Result<PathBuf> {
    let dir = p.synth();
    let stamp_path = p.target.join("bench-synth.params");
    let stamp = params.stamp();
    if dir.is_dir() && std::fs::read_to_string(&stamp_path).ok().as_deref() == Some(stamp.as_str()) {
        return Ok(dir);
    }
    eprintln!("bench: generating the synthetic set ({}) in {}", params.describe(), dir.display());
    let _ = std::fs::remove_file(&stamp_path);
    let _ = std::fs::remove_dir_all(&dir);
    let summary = synth::generate(&dir, params)?;
    eprintln!("bench: {summary}");
    std::fs::write(&stamp_path, stamp)?;
    Ok(dir)
}

/// The two peers, installed with npm into `target/bench-peers`; returns their installed versions.
pub fn peers(p: &Paths) -> anyhow::Result<(String, String)> {
    let dir = p.peers();
    let want_spectral = SPECTRAL.rsplit('@').next().unwrap_or_default();
    let want_redocly = REDOCLY.rsplit('@').next().unwrap_or_default();
    let installed = |pkg: &str| -> Option<String> {
        let text = std::fs::read_to_string(dir.join("node_modules").join(pkg).join("package.json")).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v.get("version")?.as_str().map(str::to_string)
    };
    let ok = installed("@stoplight/spectral-cli").as_deref() == Some(want_spectral)
        && installed("@redocly/cli").as_deref() == Some(want_redocly)
        && p.spectral().exists()
        && p.redocly().exists();
    if !ok {
        eprintln!("bench: installing {SPECTRAL} and {REDOCLY} into {} (npm)", dir.display());
        std::fs::create_dir_all(&dir)?;
        if !dir.join("package.json").is_file() {
            std::fs::write(dir.join("package.json"), "{ \"private\": true, \"name\": \"specc-bench-peers\" }\n")?;
        }
        status(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
                .arg(&dir)
                .args([SPECTRAL, REDOCLY])
                .current_dir(&dir),
            "npm install (peers)",
        )?;
    }
    Ok((installed("@stoplight/spectral-cli").unwrap_or_default(), installed("@redocly/cli").unwrap_or_default()))
}
