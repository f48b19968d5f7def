//! `openapi/security-undefined-scheme`

use specc_diagnostics::Fix;
use specc_dialects::openapi::did_you_mean;

use super::model;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A security requirement (the root `security` array or an operation's) names a scheme that
    /// `components.securitySchemes` (3.x) or `securityDefinitions` (2.0) does not define.
    ///
    /// ## Why it matters
    /// "Each name MUST correspond to a security scheme which is declared"
    /// (<https://spec.openapis.org/oas/v3.1.1.html#security-requirement-object>). Tools either reject
    /// the document or treat the operation as needing nothing, and a platform importing the model
    /// cannot tell which OAuth configuration the operation needs.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - OAuth2Securty: [read]
    /// components:
    ///   securitySchemes:
    ///     OAuth2Security:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: { read: Read access }
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - OAuth2Security: [read]
    /// components:
    ///   securitySchemes:
    ///     OAuth2Security:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: { read: Read access }
    /// ```
    ///
    /// ## Fix safety
    /// When one declared scheme is close enough to be a typo, specc offers to rename the requirement's
    /// key. This changes which scheme the operation requires, so the fix is unsafe.
    pub struct UndefinedScheme {
        code: "openapi/security-undefined-scheme",
        summary: "A security requirement names a scheme that is not declared",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for UndefinedScheme {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let names: Vec<&str> = model.schemes.iter().map(|s| s.name.as_str()).collect();
        let container = if model.version.is_swagger2() { "securityDefinitions" } else { "components.securitySchemes" };
        for req in &cx.ir().requirements {
            if model.scheme(&req.scheme.value).is_some() {
                continue;
            }
            let mut d = Diagnostic::error(
                Self::META.code,
                format!("security requirement at {} names undefined scheme `{}`", req.location, req.scheme.value),
                req.scheme.span,
            )
            .with_label("not declared")
            .with_note(format!("every name in a security requirement must be declared in `{container}`"));
            match did_you_mean(&req.scheme.value, &names) {
                Some(s) => {
                    d = d.with_help(format!("did you mean `{s}`?"));
                    let value = &req.scheme.value;
                    if let Some(edit) = cx.string_edit(req.scheme.span, value, 0..value.len(), s) {
                        d = d.with_fix(Fix::unsafe_(format!("rename to `{s}`"), vec![edit]));
                    }
                }
                None if names.is_empty() => {
                    d = d.with_help(format!("declare the scheme in `{container}`"));
                }
                None => {
                    d = d.with_help(format!("declare the scheme, or use one of: {}", names.join(", ")));
                }
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn typo_gets_did_you_mean_and_fix() {
        let text = r#"{"openapi": "3.1.0", "security": [{"OAuth2Securty": []}], "components": {"securitySchemes": {"OAuth2Security": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a.example.com/t", "scopes": {}}}}}}}"#;
        let (db, d) = check_text("a.json", text);
        let d = with_code(&d, UndefinedScheme::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "security requirement at root names undefined scheme `OAuth2Securty`");
        assert_eq!(slice(&db, d[0].span), "\"OAuth2Securty\"");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `OAuth2Security`?"));
        let fixed = apply_fix(&db, d[0]);
        let (_, again) = check_text("a.json", &fixed);
        assert!(ignoring_advice(&again).is_empty(), "{again:?}");
    }

    #[test]
    fn no_schemes_at_all() {
        let text = "swagger: '2.0'\npaths:\n  /a:\n    get:\n      security:\n        - api_key: []\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, UndefinedScheme::META.code);
        assert_eq!(d[0].message, "security requirement at GET /a names undefined scheme `api_key`");
        assert_eq!(slice(&db, d[0].span), "api_key");
        assert!(d[0].fix.is_none());
    }
}
