//! The rules: each one a file with its documentation, metadata and check, and a registry of all of them.
//!
//! A rule reads the lowered unit ([`Context`]: the IR, the dialect's view and the spanned documents) and
//! pushes [`Diagnostic`]s. Rules never print, never touch the file system, and never render. Codes that
//! are produced outside a rule's `check` (syntax errors, structural findings of the dialects) are
//! registered here too, as *built-in* rules, so that every code users can see has a documentation page.
//!
//! Adding a rule: write `rules/<namespace>/<name>.rs` with [`declare_rule!`] and an `impl Rule`, add it
//! to that namespace's list in `rules/mod.rs`, and add `fixtures/rules/<namespace>/<name>/`.

pub mod context;
pub mod registry;
pub mod rules;
pub mod util;

pub use context::Context;
pub use registry::{all_rules, find_rule, run_rules, RuleRedirect, REDIRECTS};
pub use specc_diagnostics::{Applicability, Diagnostic, Edit, Fix, Severity, Span};

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

    /// The documentation as Markdown.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// Where the rule's page lives.
    pub fn url(&self) -> String {
        format!("https://specc.dev/rules/{}/{}", self.namespace(), self.name())
    }
}

/// A check over one lowered unit.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Declares a rule type with its metadata, taking the doc comment as the rule's documentation.
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
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            summary: $summary:literal,
            severity: $sev:ident,
            fix: $fix:ident,
            since: $since:literal $(,)?
        }
    ) => {
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
                builtin: false,
            };
        }
    };
}

/// Declares a code that is produced outside any rule's `check` (by a loader or a dialect), so it is
/// documented and listed like a rule. Its `check` does nothing.
#[macro_export]
macro_rules! declare_builtin {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:expr,
            summary: $summary:literal,
            severity: $sev:ident,
            fix: $fix:ident,
            since: $since:literal $(,)?
        }
    ) => {
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
                builtin: true,
            };
        }

        impl $crate::Rule for $name {
            fn meta(&self) -> &'static $crate::RuleMeta {
                &Self::META
            }
            fn check(&self, _cx: &$crate::Context<'_>, _out: &mut Vec<$crate::Diagnostic>) {}
        }
    };
}
