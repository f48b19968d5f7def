//! `specc build`: read a source as `specc check` does, pick one OAuth configuration from it, and hand
//! it to `specc-emit` for the chosen target.

use std::path::{Path, PathBuf};

use specc_diagnostics::Diagnostic;
use specc_emit::{BuildError, BuildOptions, EmittedFile, Target};
use specc_ir::AuthConfig;
use specc_syntax::SourceDb;

use crate::driver::{self, UnitReport};

/// What went wrong before a target could be asked to build.
#[derive(Debug)]
pub enum SourceError {
    /// Nothing to build from: the path holds no OAuth configuration (or could not be read).
    NoConfiguration(String),
    /// Several configurations and no `--scheme` (or one naming none of them).
    Ambiguous(String),
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceError::NoConfiguration(m) | SourceError::Ambiguous(m) => f.write_str(m),
        }
    }
}

/// The result of one build: the source unit (for rendering diagnostics against it), what the build
/// reported, and the files when it succeeded.
#[derive(Debug)]
pub struct Outcome {
    pub source: UnitReport,
    pub config_name: String,
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the build was rejected (see the error diagnostics) or a template failed.
    pub files: Option<Vec<EmittedFile>>,
    /// A template failure: a bug in specc.
    pub internal_error: Option<String>,
}

impl Outcome {
    pub fn db(&self) -> &SourceDb {
        &self.source.db
    }
}

/// Reads `path` and builds the configuration named `scheme` (or the only one) for `target`.
pub fn build(
    path: &Path,
    target: &Target,
    scheme: Option<&str>,
    options: &BuildOptions,
) -> Result<Outcome, SourceError> {
    let reports = driver::check_paths(&[path.to_path_buf()]);
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (u, r) in reports.iter().enumerate() {
        let Some(l) = &r.result else { continue };
        for (c, config) in l.ir.configs.iter().enumerate() {
            if config.protocol.is_oauth() {
                candidates.push((u, c));
            }
        }
    }
    let config_of = |(u, c): (usize, usize)| -> Option<&AuthConfig> {
        reports.get(u).and_then(|r| r.result.as_ref()).and_then(|l| l.ir.configs.get(c))
    };
    let name_of = |p: (usize, usize)| config_of(p).map(|c| c.name.clone()).unwrap_or_default();
    let describe =
        |(u, c): (usize, usize)| format!("`{}` ({})", name_of((u, c)), driver::display_path(&reports[u].primary));
    let chosen = match scheme {
        Some(name) => {
            let found: Vec<(usize, usize)> = candidates.iter().copied().filter(|p| name_of(*p) == name).collect();
            match found.as_slice() {
                [one] => *one,
                [] => {
                    let names: Vec<String> = candidates.iter().map(|p| describe(*p)).collect();
                    return Err(SourceError::Ambiguous(if names.is_empty() {
                        format!("no OAuth configuration named `{name}` in {}", driver::display_path(path))
                    } else {
                        format!("no OAuth configuration named `{name}`; found {}", names.join(", "))
                    }));
                }
                several => {
                    let names: Vec<String> = several.iter().map(|p| describe(*p)).collect();
                    return Err(SourceError::Ambiguous(format!(
                        "several OAuth configurations are named `{name}`: {}; name one file",
                        names.join(", ")
                    )));
                }
            }
        }
        None => match candidates.as_slice() {
            [one] => *one,
            [] => {
                let problems: Vec<String> = reports
                    .iter()
                    .flat_map(|r| r.diagnostics.iter())
                    .filter(|d| d.severity == specc_diagnostics::Severity::Error)
                    .map(|d| format!("{}: {}", d.code, d.message))
                    .take(3)
                    .collect();
                let why = if problems.is_empty() { String::new() } else { format!(" ({})", problems.join("; ")) };
                return Err(SourceError::NoConfiguration(format!(
                    "no OAuth configuration found in {}{why}",
                    driver::display_path(path)
                )));
            }
            several => {
                let names: Vec<String> = several.iter().map(|p| describe(*p)).collect();
                return Err(SourceError::Ambiguous(format!(
                    "{} holds several OAuth configurations: {}; pick one with `--scheme NAME`",
                    driver::display_path(path),
                    names.join(", ")
                )));
            }
        },
    };
    let config = config_of(chosen).cloned().ok_or_else(|| SourceError::NoConfiguration("no configuration".into()))?;
    // The provider's refresh-token request and scope separator (see `provider_build`).
    let config = crate::provider_build::complete(config, specc_providers::Catalog::builtin());
    let source = reports.into_iter().nth(chosen.0).ok_or_else(|| SourceError::NoConfiguration("lost".into()))?;
    let (diagnostics, files, internal_error) = match specc_emit::build(&config, target, options) {
        Ok(b) => (b.diagnostics, Some(b.files), None),
        Err(BuildError::Rejected(d)) => (d, None, None),
        Err(BuildError::Template(e)) => (Vec::new(), None, Some(e)),
    };
    let mut diagnostics = diagnostics;
    specc_diagnostics::sort_diagnostics(&mut diagnostics);
    Ok(Outcome { source, config_name: config.name, diagnostics, files, internal_error })
}

/// Writes the files under `dir`, creating directories. Returns the paths written.
pub fn write_files(dir: &Path, files: &[EmittedFile]) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.contents)?;
        written.push(path);
    }
    Ok(written)
}

/// The files as one text: the only file as is, or each after a `==> path <==` header.
pub fn concatenate(files: &[EmittedFile]) -> String {
    if let [one] = files {
        return one.contents.clone();
    }
    let mut out = String::new();
    for (i, f) in files.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("==> {} <==\n", f.path));
        out.push_str(&f.contents);
        if !f.contents.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
