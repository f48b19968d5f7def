//! `oauth/scope-token-invalid`

use specc_ir::Span;

use crate::util::{describe_char, invalid_scope_char};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A declared or requested scope is not a valid RFC 6749 scope-token: it is empty, or contains a
    /// space, a double quote, a backslash, a control character or a non-ASCII character; or one entry
    /// of a requested scope list holds several scopes joined with commas
    /// (`"scopes": ["contacts.read,contacts.write"]`), in every dialect: `build` would copy it into
    /// targets that split or reject it. A comma-joined entry is not reported for a provider whose
    /// authorization endpoint accepts commas between scopes (the provider catalog says which).
    ///
    /// ## Why it matters
    /// The `scope` parameter is a space-delimited list of tokens with
    /// `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )` (RFC 6749 §3.3,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3.3>). A scope named `read:LH Open API` (seen
    /// in a real API description) is sent as three scopes, `read:LH`, `Open` and `API`; the provider
    /// grants none of them or rejects the request.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes:
    ///             "read:LH Open API": read access
    /// ```
    /// Use instead (the name the provider really expects, for example):
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes:
    ///             "read:LH_Open_API": read access
    /// ```
    pub struct ScopeTokenInvalid {
        code: "oauth/scope-token-invalid",
        summary: "A scope name is not a valid RFC 6749 scope-token",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

impl Rule for ScopeTokenInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            // A provider whose authorization endpoint takes comma-separated scopes (Slack's v2, for one)
            // reads a comma-joined entry as the scopes it names; `provider/scope-delimiter` judges those.
            let commas_accepted = crate::rules::provider::provider_of(cx, config)
                .and_then(|(p, _)| p.scope_delimiter.as_ref())
                .is_some_and(|d| d.accepts(','));
            for e in config.all_declared_scopes() {
                if let Some(d) = judge(&config.name, "declared", &e.name.value, e.name.span) {
                    out.push(d);
                }
            }
            if let Some(req) = &config.requested_scopes {
                for item in &req.items {
                    if let Some(d) = judge(&config.name, "requested", &item.value, item.span) {
                        out.push(d);
                    } else if req.raw.is_none() && !commas_accepted {
                        if let Some(d) = comma_joined(&config.name, &item.value, item.span) {
                            out.push(d);
                        }
                    }
                }
            }
        }
    }
}

/// One list entry holding several scope names joined with commas (`"contacts.read,contacts.write"`):
/// the list is sent space-delimited, so the provider receives one scope that does not exist.
fn comma_joined(config: &str, name: &str, span: Span) -> Option<Diagnostic> {
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    Some(
        Diagnostic::error(
            ScopeTokenInvalid::META.code,
            format!("requested scope `{name}` of `{config}` is {} scopes joined with commas in one entry", parts.len()),
            span,
        )
        .with_label("one entry, several scopes")
        .with_note("list entries are joined with spaces into the `scope` parameter, so the provider receives this as one scope name")
        .with_help(format!(
            "write one entry per scope: {}",
            parts.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ")
        )),
    )
}

fn judge(config: &str, how: &str, name: &str, span: Span) -> Option<Diagnostic> {
    let base = |message: String| {
        Diagnostic::error(ScopeTokenInvalid::META.code, message, span).with_note(
            "RFC 6749 §3.3: a scope-token is one or more printable ASCII characters other than space, `\"` and `\\`",
        )
    };
    if name.is_empty() {
        return Some(
            base(format!("{how} scope of `{config}` is empty"))
                .with_label("empty scope")
                .with_help("remove the empty scope"),
        );
    }
    let (_, c) = invalid_scope_char(name)?;
    let mut d = base(format!("{how} scope `{}` of `{config}` contains {}", name.escape_debug(), describe_char(c)))
        .with_label("not a valid scope-token");
    d = if c.is_whitespace() {
        d.with_help(
            "scopes are separated by spaces, so this is sent as several scopes; use the provider's exact scope name",
        )
    } else {
        d.with_help("use the provider's exact scope name")
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    #[test]
    fn scope_with_spaces() {
        let text = "swagger: '2.0'\nsecurityDefinitions:\n  auth:\n    type: oauth2\n    flow: application\n    tokenUrl: https://a.example.com/token\n    scopes:\n      'read:LH Open API': read access\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, ScopeTokenInvalid::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "declared scope `read:LH Open API` of `auth` contains a space");
        assert_eq!(slice(&db, d[0].span), "'read:LH Open API'");
    }

    #[test]
    fn empty_and_quote() {
        let text = r#"{"openapi": "3.1.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a.example.com/token", "scopes": {"": "x", "a\"b": "y", "ok:*": "z"}}}}}}}"#;
        let (_, d) = check_text("a.json", text);
        let d = with_code(&d, ScopeTokenInvalid::META.code);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].message, "declared scope of `o` is empty");
        assert_eq!(d[1].message, "declared scope `a\\\"b` of `o` contains a double quote");
    }
}
