//! `extend = "path/to/base.toml"` in `specc.toml`: shared settings in one file that project
//! configurations build on.
//!
//! The extending file wins: `select`, `ignore`, `fail-on` and `baseline` are inherited only when it
//! does not set them; `[severity]` entries of both apply, the extending file's on ties; per-path ignores
//! of both apply, each relative to the directory of the file that declares it. `[dialects]` and
//! `[[suppress]]` name files of one project and are not inherited.
//!
//! The extended file is named by a relative path ending in `.toml`. It must lie inside the project:
//! the nearest ancestor directory of the extending file that holds `.git`, or, without one, that
//! file's own directory. Chains are followed up to [`MAX_DEPTH`] files; a cycle is an error located at
//! the `extend` value that closes it.

use std::path::{Path, PathBuf};

use specc_diagnostics::{Diagnostic, Span};
use specc_syntax::SourceDb;

use crate::config::{Config, ConfigError, INVALID_CONFIG};

/// The longest chain of `extend`s followed.
pub const MAX_DEPTH: usize = 8;

/// Loads a config file and everything it extends, merged.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let mut chain = Vec::new();
    load_chain(path, &mut chain)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The directory an extended file must stay inside.
fn project_root(config_dir: &Path) -> PathBuf {
    let mut dir = Some(config_dir);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    config_dir.to_path_buf()
}

fn error_at(config: Config, span: Span, message: String, help: &str) -> ConfigError {
    let mut db = SourceDb::new();
    if let Some(doc) = config.document {
        db.add_document(doc);
    }
    ConfigError { db, diagnostics: vec![Diagnostic::error(INVALID_CONFIG, message, span).with_help(help.to_string())] }
}

fn load_chain(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, ConfigError> {
    chain.push(canonical(path));
    let mut config = Config::load_one(path)?;
    let Some((target, span)) = config.extend.clone() else { return Ok(config) };
    let rel = Path::new(&target);
    let dir = canonical(&config.base);
    if rel.is_absolute() || !target.ends_with(".toml") {
        return Err(error_at(
            config,
            span,
            format!("`extend = \"{target}\"` must be a relative path to a `.toml` file"),
            "name the shared file relative to this one, e.g. `extend = \"../specc-base.toml\"`",
        ));
    }
    let resolved = dir.join(rel);
    if !resolved.is_file() {
        return Err(error_at(
            config,
            span,
            format!("`extend = \"{target}\"`: no such file"),
            "the path is relative to the directory of this file",
        ));
    }
    let resolved = canonical(&resolved);
    let root = project_root(&dir);
    if !resolved.starts_with(&root) {
        return Err(error_at(
            config,
            span,
            format!("`extend = \"{target}\"` points outside the project ({})", root.display()),
            "an extended configuration must be inside the repository (the directory holding `.git`)",
        ));
    }
    if let Some(i) = chain.iter().position(|p| *p == resolved) {
        let cycle: Vec<String> =
            chain[i..].iter().chain(std::iter::once(&resolved)).map(|p| p.display().to_string()).collect();
        return Err(error_at(
            config,
            span,
            format!("`extend` cycle: {}", cycle.join(" → ")),
            "remove one of the `extend` keys",
        ));
    }
    if chain.len() >= MAX_DEPTH {
        return Err(error_at(
            config,
            span,
            format!("`extend` chain longer than {MAX_DEPTH} files"),
            "flatten the shared configuration",
        ));
    }
    let parent = load_chain(&resolved, chain)?;
    let [sets_select, sets_ignore, sets_fail_on] = config.sets;
    if !sets_select {
        config.selection.select = parent.selection.select.clone();
    }
    if !sets_ignore {
        config.selection.ignore = parent.selection.ignore.clone();
    }
    if !sets_fail_on {
        config.fail_on = parent.fail_on;
    }
    if config.baseline.is_none() {
        config.baseline = parent.baseline.clone();
    }
    let mut severity = parent.severity.clone();
    severity.append(&mut config.severity);
    config.severity = severity;
    config.extends = Some(Box::new(parent));
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use specc_diagnostics::Severity;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("specc-extend-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join(".git")).unwrap();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        d
    }

    #[test]
    fn settings_are_inherited_and_overridden() {
        let d = dir("merge");
        std::fs::write(
            d.join("base.toml"),
            "ignore = [\"openapi/unused-scope\"]\nfail-on = \"warning\"\n[severity]\n\"oauth\" = \"info\"\n\"oauth/insecure-http-url\" = \"warning\"\n[per-path-ignores]\n\"legacy/**\" = [\"oauth\"]\n",
        )
        .unwrap();
        std::fs::write(
            d.join("sub/specc.toml"),
            "extend = \"../base.toml\"\nfail-on = \"error\"\n[severity]\n\"oauth/insecure-http-url\" = \"error\"\n",
        )
        .unwrap();
        let c = load(&d.join("sub/specc.toml")).unwrap();
        assert_eq!(c.fail_on, Some(Some(Severity::Error)), "the extending file wins");
        assert_eq!(c.selection.ignore.len(), 1, "inherited");
        assert_eq!(c.severity_for("oauth/insecure-http-url", Severity::Error), Severity::Error);
        assert_eq!(c.severity_for("oauth/redirect-uri-http", Severity::Error), Severity::Info);
        // The base's per-path ignore is relative to the base's directory.
        assert!(c.path_ignores(&d.join("legacy/a.yaml"), "oauth/insecure-http-url"));
        assert!(!c.path_ignores(&d.join("sub/legacy/a.yaml"), "oauth/insecure-http-url"));
    }

    #[test]
    fn cycles_missing_files_and_escapes_are_located_errors() {
        let d = dir("cycle");
        std::fs::write(d.join("a.toml"), "extend = \"sub/b.toml\"\n").unwrap();
        std::fs::write(d.join("sub/b.toml"), "extend = \"../a.toml\"\n").unwrap();
        let e = load(&d.join("a.toml")).unwrap_err();
        assert!(e.diagnostics[0].message.contains("cycle"), "{:?}", e.diagnostics);
        let doc = e.db.iter().next().unwrap();
        let s = &e.diagnostics[0].span;
        assert_eq!(&doc.text[s.start as usize..s.end as usize], "\"../a.toml\"");

        std::fs::write(d.join("c.toml"), "extend = \"nope.toml\"\n").unwrap();
        assert!(load(&d.join("c.toml")).unwrap_err().diagnostics[0].message.contains("no such file"));
        std::fs::write(d.join("e.toml"), "extend = \"/etc/passwd\"\n").unwrap();
        assert!(load(&d.join("e.toml")).is_err());
        // Outside the repository (the directory holding `.git`).
        let outside = d.parent().unwrap().join(format!("specc-extend-outside-{}.toml", std::process::id()));
        std::fs::write(&outside, "fail-on = \"never\"\n").unwrap();
        let name = outside.file_name().unwrap().to_string_lossy().to_string();
        std::fs::write(d.join("f.toml"), format!("extend = \"../{name}\"\n")).unwrap();
        let e = load(&d.join("f.toml")).unwrap_err();
        assert!(e.diagnostics[0].message.contains("outside the project"), "{:?}", e.diagnostics);
        let _ = std::fs::remove_file(outside);
    }
}
