//! `specc/path-outside-root` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
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
    /// ```yaml title="openapi.yaml"
    /// model: ../../secrets/model.json
    /// ```
    /// Use instead: keep the model next to the instance (`model: model.json`), as a regular file.
    pub struct PathOutsideRoot {
        code: super::PATH_OUTSIDE_ROOT,
        summary: "A file named by another file resolves outside the unit's directory",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
