//! `openapi/oauth2-missing-flows`

use specc_dialects::openapi::SpecVersion;

use super::{is_oauth2, model, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A security scheme of `type: oauth2` that offers no flow: in OpenAPI 3.x it has no `flows`
    /// object, or `flows` holds none of the flow names the specification defines; in Swagger 2.0 it
    /// has no `flow` field.
    ///
    /// ## Why it matters
    /// `flows` is REQUIRED for OAuth 2.0 schemes
    /// (<https://spec.openapis.org/oas/v3.1.1.html#security-scheme-object>), and Swagger 2.0 requires
    /// `flow` (<https://spec.openapis.org/oas/v2.0.html#security-scheme-object>). Without a flow no
    /// client knows which grant to run or where the endpoints are; Itential cannot start the
    /// authorization code exchange. Misspelt flow names are also reported by
    /// `openapi/oauth2-unknown-flow`.
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
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    pub struct MissingFlows {
        code: "openapi/oauth2-missing-flows",
        summary: "An OAuth 2.0 security scheme offers no flow",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for MissingFlows {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let swagger2 = model.version == SpecVersion::Swagger2;
        for (_, scheme) in schemes(cx) {
            if !is_oauth2(scheme) {
                continue;
            }
            if !scheme.flows_declared {
                let field = if swagger2 { "flow" } else { "flows" };
                out.push(
                    diagnostic(
                        format!("OAuth 2.0 security scheme `{}` has no `{field}`", scheme.name),
                        scheme.key_span,
                    )
                    .with_help(if swagger2 {
                        "add `flow` with one of `accessCode`, `application`, `implicit` or `password`, and its URLs"
                    } else {
                        "add a `flows` object with the grant the API supports, usually `authorizationCode`"
                    }),
                );
            } else if scheme.flows_valid && scheme.flows.iter().all(|f| f.kind.is_none()) && !swagger2 {
                let span = scheme.flows_span.unwrap_or(scheme.key_span);
                let d = diagnostic(format!("`flows` of security scheme `{}` defines no OAuth flow", scheme.name), span);
                out.push(if scheme.flows.is_empty() {
                    d.with_help("add a flow such as `authorizationCode` with its URLs and scopes")
                } else {
                    d.with_help(
                        "rename the flow to one of `authorizationCode`, `clientCredentials`, `implicit`, `password`",
                    )
                });
            }
        }
    }
}

fn diagnostic(message: String, span: specc_ir::Span) -> Diagnostic {
    Diagnostic::error(MissingFlows::META.code, message, span)
        .with_label("no usable flow here")
        .with_note("without a flow, clients cannot tell which grant to run or where its endpoints are")
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn scheme_without_flows() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, MissingFlows::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "OAuth 2.0 security scheme `oauth` has no `flows`");
        assert_eq!(slice(&db, d[0].span), "oauth");
    }

    #[test]
    fn empty_flows_and_swagger2_without_flow() {
        let text = r#"{"openapi": "3.0.3", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {}}}}}"#;
        let (db, d) = check_text("a.json", text);
        let d = with_code(&d, MissingFlows::META.code);
        assert_eq!(slice(&db, d[0].span), "{}");
        let text =
            "swagger: '2.0'\nsecurityDefinitions:\n  o:\n    type: oauth2\n    tokenUrl: https://a.example.com/t\n";
        let (_, d) = check_text("s.yaml", text);
        assert_eq!(with_code(&d, MissingFlows::META.code)[0].message, "OAuth 2.0 security scheme `o` has no `flow`");
    }

    #[test]
    fn flows_of_wrong_type_are_left_to_the_type_check() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows: []\n";
        let (_, d) = check_text("a.yaml", text);
        assert!(with_code(&d, MissingFlows::META.code).is_empty());
        assert_eq!(with_code(&d, "openapi/invalid-field-type").len(), 1);
    }
}
