//! `openapi/non-oauth-requirement-scopes`

use specc_diagnostics::{Edit, Fix};
use specc_dialects::openapi::SpecVersion;

use super::model;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A security requirement on a scheme that is neither `oauth2` nor `openIdConnect` (an API key,
    /// HTTP basic or bearer) lists values in its array, in a Swagger 2.0 or OpenAPI 3.0 document.
    ///
    /// ## Why it matters
    /// Swagger 2.0 and OpenAPI 3.0 say "For other security scheme types, the array MUST be empty"
    /// (<https://spec.openapis.org/oas/v3.0.3.html#security-requirement-object>). Since OpenAPI 3.1
    /// the array MAY hold role names for any scheme
    /// (<https://spec.openapis.org/oas/v3.1.1.html#security-requirement-object>), so 3.1 and later
    /// documents are not reported (a version-blind check is a known false positive, Spectral issue
    /// 2643). Values there are usually OAuth scopes attached to the wrong scheme.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// openapi: 3.0.3
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - api_key: [read]
    /// components:
    ///   securitySchemes:
    ///     api_key: { type: apiKey, in: header, name: X-API-Key }
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// openapi: 3.0.3
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - api_key: []
    /// components:
    ///   securitySchemes:
    ///     api_key: { type: apiKey, in: header, name: X-API-Key }
    /// ```
    ///
    /// ## Fix safety
    /// The values have no meaning for the scheme in these versions, and conforming tools ignore or
    /// reject them; emptying the array is safe.
    pub struct NonOauthRequirementScopes {
        code: "openapi/non-oauth-requirement-scopes",
        summary: "A non-OAuth security requirement lists scopes (OpenAPI 3.0 and older)",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for NonOauthRequirementScopes {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        if model.version >= SpecVersion::Oas31 {
            return;
        }
        for req in &cx.ir().requirements {
            if req.scopes.is_empty() {
                continue;
            }
            let Some(scheme) = model.scheme(&req.scheme.value) else { continue };
            let Some(kind) = scheme.scheme_type.as_ref().map(|t| t.value.as_str()) else { continue };
            if kind == "oauth2" || kind == "openIdConnect" {
                continue;
            }
            out.push(
                Diagnostic::error(
                    Self::META.code,
                    format!(
                        "security requirement at {} lists scopes for `{kind}` scheme `{}`",
                        req.location, req.scheme.value
                    ),
                    req.scopes_span,
                )
                .with_label("must be empty")
                .with_secondary(req.scheme.span, format!("a `{kind}` scheme"))
                .with_note(format!(
                    "in {} only oauth2 and openIdConnect requirements may list values; role names arrived in OpenAPI 3.1",
                    model.version.label()
                ))
                .with_help("empty the array, or move the scopes to the OAuth scheme's requirement")
                .with_fix(Fix::safe(
                    "empty the array",
                    vec![Edit { span: req.scopes_span, replacement: "[]".to_string() }],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    const DOC: &str = "openapi: 3.0.3\nsecurity:\n  - api_key:\n      - read\ncomponents:\n  securitySchemes:\n    api_key:\n      type: apiKey\n      in: header\n      name: X-Key\n";

    #[test]
    fn api_key_with_scopes_in_3_0() {
        let (db, d) = check_text("a.yaml", DOC);
        let d = with_code(&d, NonOauthRequirementScopes::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "security requirement at root lists scopes for `apiKey` scheme `api_key`");
        assert_eq!(slice(&db, d[0].span).trim(), "- read");
        let fixed = apply_fix(&db, d[0]);
        let (_, again) = check_text("a.yaml", &fixed);
        assert!(again.is_empty(), "{fixed}\n{again:?}");
    }

    #[test]
    fn roles_allowed_from_3_1() {
        let (_, d) = check_text("a.yaml", &DOC.replace("3.0.3", "3.1.0"));
        assert!(d.is_empty(), "{d:?}");
    }
}
