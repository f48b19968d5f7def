//! The rules: each one a file with its documentation, metadata and check, and a registry of all of them.
//!
//! A rule reads the lowered unit ([`Context`]: the IR, its dialect's view through a typed accessor, the documents' text) and
//! pushes [`Diagnostic`]s. Rules never print, never touch the file system, and never render. Codes that
//! are produced outside a rule's `check` (syntax errors, structural findings of the dialects) are
//! registered here too, as *built-in* rules, so that every code users can see has a documentation page.
//!
//! Adding a rule: write `rules/<namespace>/<name>.rs` for the code `<namespace>/<name>` (`-` written
//! `_`), holding one [`declare_rule!`] and an `impl Rule` with its `check`, and add examples under
//! `fixtures/<namespace>/<name>/` (`valid*` must check clean, `invalid*` must raise the rule).
//! Nothing else lists rules: `build.rs` finds the file. `cargo xtask new-rule <namespace>/<name>`
//! writes both for you. Helpers shared by a namespace live in its `mod.rs` or under its `support/`.
//!
//! The doc comment's `## Example` is checked as well: each block names the file it stands for and may
//! hide lines from the page ([`examples`]); the example must raise the rule and its `Use instead`
//! side must check clean (`tests/it/examples.rs`).

// The example blocks of the rule pages name the file they stand for in their info string
// (```yaml title="openapi.yaml"```, see `examples`); rustdoc reads that string as code block
// attributes and would warn on every rule.
#![allow(rustdoc::invalid_codeblock_attributes)]

pub mod context;
pub mod examples;
pub mod registry;
pub mod rules;
pub mod util;

#[cfg(test)]
mod test_support;

pub use context::{Context, ViewKind};
pub use registry::{
    all_rules, find_rule, run_rules, severity_allowed, RuleRedirect, SeverityException, REDIRECTS, SEVERITY_EXCEPTIONS,
};
pub use specc_diagnostics::{Applicability, Diagnostic, Edit, FileId, Fix, Severity, Span};

/// Whether a rule can offer a fix, and how safe it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
        }
    }
}

/// Everything about a rule except its logic. Built by [`declare_rule!`] from the rule's doc comment.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// `namespace/name`, stable forever.
    pub code: &'static str,
    /// One line for `specc rules`.
    pub summary: &'static str,
    pub severity: Severity,
    pub fix: FixKind,
    /// The specc version that introduced the rule.
    pub since: &'static str,
    /// The rule's doc comment, as Markdown (leading space of each line removed by [`RuleMeta::doc`]).
    pub raw_doc: &'static str,
    /// Produced by the loaders or dialects rather than by a `check` over the IR.
    pub builtin: bool,
    /// The dialect views the rule reads besides the IR (empty: the IR only). Declared with `reads:`
    /// in [`declare_rule!`]; `run_rules` holds every rule to it in debug builds, and a test holds it to
    /// what the rule reads over the fixtures.
    pub reads: &'static [ViewKind],
    /// The file that declares the rule (`file!()`), `.../rules/<namespace>/<name>.rs`.
    pub source: &'static str,
}

impl RuleMeta {
    /// The namespace (`openapi` in `openapi/oauth2-missing-token-url`).
    pub fn namespace(&self) -> &'static str {
        self.code.split_once('/').map_or(self.code, |(n, _)| n)
    }

    /// The name after the namespace.
    pub fn name(&self) -> &'static str {
        self.code.split_once('/').map_or(self.code, |(_, n)| n)
    }

    /// The documentation as Markdown, as readers see it: the example lines marked hidden are left out
    /// (see [`examples`]).
    pub fn doc(&self) -> String {
        examples::strip_hidden(&self.marked_doc())
    }

    /// The examples of the page as files, hidden lines included (see [`examples`]).
    pub fn examples(&self) -> examples::Examples {
        examples::parse(&self.marked_doc())
    }

    /// The doc comment as Markdown, with the examples' hidden lines still marked.
    fn marked_doc(&self) -> String {
        let mut out = String::new();
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// What the rule reads, for its page: `the IR`, or the IR and the views it names.
    pub fn reads_text(&self) -> String {
        let views: Vec<&str> = self.reads.iter().map(|v| v.label()).collect();
        match views.as_slice() {
            [] => "the IR only".to_string(),
            [one] => format!("the IR and the {one}"),
            [init @ .., last] => format!("the IR, the {} and the {last}", init.join(", the ")),
        }
    }

    /// Where the rule's page lives.
    pub fn url(&self) -> String {
        // The rule's page in the repository named in Cargo.toml (`docs/rules/`, generated by
        // `cargo xtask codegen`), so that the link works wherever the project is hosted.
        format!("{}/blob/main/docs/rules/{}/{}.md", env!("CARGO_PKG_REPOSITORY"), self.namespace(), self.name())
    }
}

/// What [`declare_rule!`] implements for a rule: its metadata. Not implemented by hand.
pub trait DeclaredRule {
    fn meta(&self) -> &'static RuleMeta;
}

/// A check over one lowered unit. A rule file writes only `check`; [`declare_rule!`] gives the rule
/// its metadata ([`DeclaredRule::meta`]) and registers it.
pub trait Rule: DeclaredRule + Send + Sync {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Declares a rule: its type, its metadata (taking the doc comment as the rule's documentation) and
/// its registration. Every file `rules/<namespace>/<name>.rs` holds exactly one, for the code
/// `<namespace>/<name>` (`_` written `-`); `build.rs` finds the file and the registry lists its `RULE`.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it checks
///     /// ...
///     pub struct MissingTokenUrl {
///         code: "openapi/oauth2-missing-token-url",
///         summary: "An OAuth flow that needs a token endpoint has no `tokenUrl`",
///         severity: Error,
///         fix: None,
///         since: "0.1.0",
///         reads: [OpenApi],
///     }
/// }
///
/// impl Rule for MissingTokenUrl {
///     fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) { /* ... */ }
/// }
/// ```
///
/// `reads:` names the dialect views the rule's `check` reads besides the IR (`OpenApi`, `Itential`,
/// `ElasticIo`, `Membrane`, `Keboola`, the [`ViewKind`]s); a rule over the IR alone leaves it out.
/// The rule's page says what it reads, and debug builds of `run_rules` refuse a read it does not
/// declare.
///
/// A code that is produced outside any rule's `check` (by a loader or a dialect) is declared the same
/// way with `builtin: true` after `since`, so it is documented and listed like a rule; its `check`
/// does nothing and is generated too.
#[macro_export]
macro_rules! declare_rule {
    (@meta [$($doc:literal)*] $vis:vis $name:ident $code:expr, $summary:literal, $sev:ident, $fix:ident, $since:literal, $builtin:literal, [$($read:ident)*]) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $code,
                summary: $summary,
                severity: $crate::Severity::$sev,
                fix: $crate::FixKind::$fix,
                since: $since,
                raw_doc: concat!($($doc, "\n"),*),
                builtin: $builtin,
                reads: &[$($crate::ViewKind::$read),*],
                source: file!(),
            };
        }

        #[allow(dead_code)]
        impl $name {
            /// A finding of this rule at `span`, with the rule's default severity (its metadata's).
            pub fn diagnostic(message: impl Into<String>, span: $crate::Span) -> $crate::Diagnostic {
                $crate::Diagnostic::new(Self::META.code, Self::META.severity, message, span)
            }

            /// A finding of this rule about a whole file, with the rule's default severity.
            pub fn file_diagnostic(message: impl Into<String>, file: $crate::FileId) -> $crate::Diagnostic {
                $crate::Diagnostic::file(Self::META.code, Self::META.severity, message, file)
            }
        }

        impl $crate::DeclaredRule for $name {
            fn meta(&self) -> &'static $crate::RuleMeta {
                &Self::META
            }
        }

        /// This file's rule, as the registry lists it (a second `declare_rule!` in one file is an error).
        pub(crate) const RULE: &dyn $crate::Rule = &$name;
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:expr,
            summary: $summary:literal,
            severity: $sev:ident,
            fix: $fix:ident,
            since: $since:literal,
            builtin: true $(,)?
        }
    ) => {
        $crate::declare_rule! { @meta [$($doc)*] $vis $name $code, $summary, $sev, $fix, $since, true, [] }

        impl $crate::Rule for $name {
            fn check(&self, _cx: &$crate::Context<'_>, _out: &mut Vec<$crate::Diagnostic>) {}
        }
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:expr,
            summary: $summary:literal,
            severity: $sev:ident,
            fix: $fix:ident,
            since: $since:literal
            $(, reads: [$($read:ident),* $(,)?])? $(,)?
        }
    ) => {
        $crate::declare_rule! { @meta [$($doc)*] $vis $name $code, $summary, $sev, $fix, $since, false, [$($($read)*)?] }
    };
}
