//! `elasticio/envvar-name-invalid`

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An environment variable name (a key of `envVars`, or of the legacy `env`) does not match
    /// `^[A-Za-z][A-Za-z0-9_]+$`, or is a shell reserved word (`if`, `then`, `else`, `elif`, `fi`,
    /// `case`, `esac`, `for`, `select`, `while`, `until`, `do`, `done`, `in`, `function`, `time`).
    ///
    /// ## Why it matters
    /// The platform hands the variables to the component's container as process environment
    /// variables; names with dashes, dots or a leading digit cannot be read from a shell, and
    /// reserved words break scripts that export them.
    ///
    /// Source: <https://docs.elastic.io/developers/component-json-technical-reference> ("EnvVars
    /// Object").
    ///
    /// ## Example
    /// ```json title="component.json"
    /// { "envVars": { "oauth-client-id": { "required": true } } }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// { "envVars": { "OAUTH_CLIENT_ID": { "required": true } } }
    /// ```
    pub struct EnvVarNameInvalid {
        code: "elasticio/envvar-name-invalid",
        summary: "An environment variable name the platform cannot export",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

const RESERVED: [&str; 16] = [
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done", "in",
    "function", "time",
];

/// Whether `name` is a name the platform accepts.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    first_ok && name.len() >= 2 && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A name made valid: other characters become `_`, a leading digit gets a prefix, all upper case.
fn sanitised(name: &str) -> String {
    let mut s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    if !s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        s.insert_str(0, "VAR_");
    }
    if s.len() < 2 {
        s.push_str("_VAR");
    }
    s
}

impl Rule for EnvVarNameInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        for v in &c.env_vars {
            let reserved = RESERVED.contains(&v.name.as_str());
            if valid_name(&v.name) && !reserved {
                continue;
            }
            let why = if reserved {
                "is a shell reserved word".to_string()
            } else {
                "must start with a letter and contain only letters, digits and `_` (at least two characters)"
                    .to_string()
            };
            let suggestion =
                if reserved { format!("{}_VALUE", v.name.to_ascii_uppercase()) } else { sanitised(&v.name) };
            out.push(
                Diagnostic::error(
                    EnvVarNameInvalid::META.code,
                    format!("environment variable name `{}` {why}", v.name),
                    v.span,
                )
                .with_label("invalid name")
                .with_help(format!(
                    "rename it, for example to `{suggestion}`, and update every `{{{{{}}}}}` that links to it",
                    v.name
                )),
            );
        }
    }
}
