//! Codes about specc's own inputs: files it cannot use, its configuration, its suppressions.

use crate::{declare_builtin, Rule};

/// Code for a file named on the command line that specc does not recognise.
pub const UNSUPPORTED_FILE: &str = "specc/unsupported-file";

declare_builtin! {
    /// ## What it checks
    /// A file named explicitly on the command line is not a file specc recognises: no elastic.io
    /// component, Membrane connector, OpenAPI document, Itential instance or Keboola configuration
    /// was found in it.
    ///
    /// ## Why it matters
    /// When walking a directory, such files are skipped silently; when you name one, you probably
    /// expected it to be checked. Pass `--dialect NAME` to check it as a given dialect.
    ///
    /// ## Example
    /// `specc check package.json`
    pub struct UnsupportedFile {
        code: UNSUPPORTED_FILE,
        summary: "A file named on the command line is not one specc reads",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// Code for a file named by another file that resolves outside the unit's directory.
pub const PATH_OUTSIDE_ROOT: &str = specc_syntax::codes::OUTSIDE_ROOT;

declare_builtin! {
    /// ## What it checks
    /// A file that another file points to (a Membrane connector's method or auth file, the OpenAPI
    /// `model` of an Itential instance) resolves, after symbolic links, to a place outside the
    /// directory of the unit that names it. specc does not read it.
    ///
    /// ## Why it matters
    /// specc runs on pull requests, where the repository's content is not trusted. A link or a
    /// `../` path to `/etc/passwd`, `/proc/self/environ` or a file elsewhere on the build machine
    /// would otherwise be read and shown in specc's output. The finding names neither the target nor
    /// anything in it.
    ///
    /// ## Example
    /// ```yaml
    /// model: ../../secrets/model.json
    /// ```
    /// Use instead: keep the model next to the instance (`model: model.json`), as a regular file.
    pub struct PathOutsideRoot {
        code: PATH_OUTSIDE_ROOT,
        summary: "A file named by another file resolves outside the unit's directory",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// Code for an invalid `specc.toml`.
pub const INVALID_CONFIG: &str = "specc/invalid-config";

declare_builtin! {
    /// ## What it checks
    /// `specc.toml` cannot be used: it is not valid TOML, has a key specc does not read, names a
    /// code or namespace that does not exist, a severity, `fail-on` level or dialect that is not one
    /// of the allowed values, an invalid glob, or a suppression pointer that is not a JSON Pointer.
    ///
    /// ## Why it matters
    /// A configuration that is silently half-applied is worse than none: a misspelt `ignore` entry
    /// would leave findings on, a misspelt `select` would turn checks off. specc stops with exit
    /// code 2 and points at the value.
    ///
    /// ## Example
    /// ```toml
    /// ignore = ["openapi/unused-scopes"]
    /// ```
    /// Use instead:
    /// ```toml
    /// ignore = ["openapi/unused-scope"]
    /// ```
    pub struct InvalidConfig {
        code: INVALID_CONFIG,
        summary: "specc.toml cannot be used",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// Code for a suppression that suppresses nothing.
pub const UNUSED_SUPPRESSION: &str = "specc/unused-suppression";

declare_builtin! {
    /// ## What it checks
    /// A `# specc: ignore[code] reason` comment in a YAML file, or a `[[suppress]]` entry of
    /// `specc.toml`, matches no finding.
    ///
    /// ## Why it matters
    /// Suppressions outlive the problems they hid: once the configuration is fixed (or the rule
    /// renamed), a stale suppression would silently hide the next, different problem on that line.
    ///
    /// ## Example
    /// ```yaml
    /// tokenUrl: https://auth.example.com/token # specc: ignore[oauth/insecure-http-url] legacy
    /// ```
    /// Use instead (the URL is https now, the comment has no purpose):
    /// ```yaml
    /// tokenUrl: https://auth.example.com/token
    /// ```
    pub struct UnusedSuppression {
        code: UNUSED_SUPPRESSION,
        summary: "A suppression matches no finding",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&UnsupportedFile, &InvalidConfig, &UnusedSuppression, &PathOutsideRoot]
}
