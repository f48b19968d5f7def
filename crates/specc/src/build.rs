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
pub struct BuildResult {
    pub source: UnitReport,
    pub config_name: String,
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the build was rejected (see the error diagnostics) or a template failed.
    pub files: Option<Vec<EmittedFile>>,
    /// A template failure: a bug in specc.
    pub internal_error: Option<String>,
}

impl BuildResult {
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
) -> Result<BuildResult, SourceError> {
    let (source, config) = pick(path, scheme)?;
    let (diagnostics, files, internal_error) = match specc_emit::build(&config, target, options) {
        Ok(b) => (b.diagnostics, Some(b.files), None),
        Err(BuildError::Rejected(d)) => (d, None, None),
        Err(BuildError::Template(e)) => (Vec::new(), None, Some(e)),
    };
    let mut diagnostics = diagnostics;
    for d in &mut diagnostics {
        crate::redact::redact_diagnostic(d, &source.secrets);
    }
    specc_diagnostics::sort_diagnostics(&mut diagnostics);
    Ok(BuildResult { source, config_name: config.name, diagnostics, files, internal_error })
}

/// Reads `path` as `specc check` does and picks the OAuth configuration named `scheme` (or the only
/// one): the unit it belongs to and the configuration. Used by `build` and `probe`.
pub fn pick(path: &Path, scheme: Option<&str>) -> Result<(UnitReport, AuthConfig), SourceError> {
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
    Ok((source, config))
}

/// Why `build --out` wrote nothing. Every variant names the path.
#[derive(Debug)]
pub enum WriteError {
    /// The path (or a directory on the way to it) is a symbolic link.
    Symlink(PathBuf),
    /// The file exists and `--force` was not given.
    Exists(PathBuf),
    /// The path exists and is not a regular file (or, on the way, not a directory).
    NotAFile(PathBuf),
    /// An emitted path that is not a plain relative path (a bug in a target).
    BadPath(String),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |p: &Path| driver::display_path(p);
        match self {
            WriteError::Symlink(p) => write!(f, "{} is a symbolic link; specc does not write through links", show(p)),
            WriteError::Exists(p) => write!(f, "{} exists; pass --force to replace it", show(p)),
            WriteError::NotAFile(p) => write!(f, "{} exists and is not a regular file", show(p)),
            WriteError::BadPath(p) => write!(f, "the target produced the path `{p}`, which is not a relative path"),
            WriteError::Io(p, e) => write!(f, "cannot write {}: {e}", show(p)),
        }
    }
}

/// Writes the files under `dir`, all or none: every target path is checked first (no symbolic link
/// on the way, no existing file unless `force`), each file is written to a temporary file next to it,
/// and only when all are written are they moved into place. On any failure nothing new is left
/// behind. Files get `mode` (0600 when they hold inlined secrets). Returns the paths written.
pub fn write_files(dir: &Path, files: &[EmittedFile], force: bool, mode: u32) -> Result<Vec<PathBuf>, WriteError> {
    use std::io::Write as _;
    // 1. Check every path.
    let mut targets = Vec::new();
    for f in files {
        let rel = Path::new(&f.path);
        if f.path.is_empty() || !rel.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            return Err(WriteError::BadPath(f.path.clone()));
        }
        let mut cur = dir.to_path_buf();
        let n = rel.components().count();
        for (i, c) in rel.components().enumerate() {
            cur.push(c);
            match std::fs::symlink_metadata(&cur) {
                Ok(m) if m.file_type().is_symlink() => return Err(WriteError::Symlink(cur)),
                Ok(m) if i + 1 < n && !m.is_dir() => return Err(WriteError::NotAFile(cur)),
                Ok(m) if i + 1 == n && !m.is_file() => return Err(WriteError::NotAFile(cur)),
                Ok(_) if i + 1 == n && !force => return Err(WriteError::Exists(cur)),
                _ => {}
            }
        }
        if let Ok(m) = std::fs::symlink_metadata(dir) {
            if !m.is_dir() && !m.file_type().is_symlink() {
                return Err(WriteError::NotAFile(dir.to_path_buf()));
            }
        }
        targets.push(cur);
    }
    // 2. Write every file to a temporary file in its directory.
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |staged: &[(PathBuf, PathBuf)], placed: &[PathBuf], created_dirs: &[PathBuf]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
        for p in placed {
            let _ = std::fs::remove_file(p);
        }
        for d in created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    };
    for (i, (f, target)) in files.iter().zip(&targets).enumerate() {
        let parent = target.parent().unwrap_or(dir);
        let mut missing = Vec::new();
        let mut p = parent.to_path_buf();
        while std::fs::symlink_metadata(&p).is_err() {
            missing.push(p.clone());
            if !p.pop() || p.as_os_str().is_empty() {
                break;
            }
        }
        for d in missing.iter().rev() {
            match std::fs::create_dir(d) {
                Ok(()) => created_dirs.push(d.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    cleanup(&staged, &[], &created_dirs);
                    return Err(WriteError::Io(d.clone(), e));
                }
            }
        }
        let tmp = parent.join(format!(".specc-{}-{i}.tmp", std::process::id()));
        let result = (|| {
            let mut o = std::fs::OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(mode);
            }
            let mut file = o.open(&tmp)?;
            file.write_all(f.contents.as_bytes())?;
            file.sync_all()
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            cleanup(&staged, &[], &created_dirs);
            return Err(WriteError::Io(target.clone(), e));
        }
        staged.push((tmp, target.clone()));
    }
    // 3. Move them into place. Without `force` a file that appeared meanwhile is not replaced.
    let mut placed: Vec<PathBuf> = Vec::new();
    // Files this run created (removed again on failure; a replaced file cannot be restored).
    let mut placed_new: Vec<PathBuf> = Vec::new();
    for (k, (tmp, target)) in staged.iter().enumerate() {
        let existed = std::fs::symlink_metadata(target).is_ok();
        let result = if force {
            if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
                Err(WriteError::Symlink(target.clone()))
            } else {
                std::fs::rename(tmp, target).map_err(|e| WriteError::Io(target.clone(), e))
            }
        } else {
            std::fs::hard_link(tmp, target)
                .map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        WriteError::Exists(target.clone())
                    } else {
                        WriteError::Io(target.clone(), e)
                    }
                })
                .map(|()| {
                    let _ = std::fs::remove_file(tmp);
                })
        };
        if let Err(e) = result {
            cleanup(&staged[k..], &placed_new, &created_dirs);
            return Err(e);
        }
        if !existed {
            placed_new.push(target.clone());
        }
        placed.push(target.clone());
    }
    Ok(placed)
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
