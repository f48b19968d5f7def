//! `openapi/oauth2-missing-authorization-url`

use specc_ir::FlowKind;

use super::{flows, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A flow that sends the user to the provider has no endpoint to send them to:
    /// `authorizationCode` or `implicit` (Swagger 2.0: `accessCode`, `implicit`) without
    /// `authorizationUrl`, or an OpenAPI 3.2 `deviceAuthorization` flow without
    /// `deviceAuthorizationUrl`.
    ///
    /// ## Why it matters
    /// These fields are REQUIRED (<https://spec.openapis.org/oas/v3.1.1.html#oauth-flow-object>,
    /// <https://spec.openapis.org/oas/v3.2.0.html#oauth-flow-object>). Itential's "Get Access Token"
    /// button opens the `authorizationUrl`; without it the authorization code flow cannot start.
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
    ///         authorizationCode:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
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
    pub struct MissingAuthorizationUrl {
        code: "openapi/oauth2-missing-authorization-url",
        summary: "An OAuth flow that redirects the user has no authorization URL",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for MissingAuthorizationUrl {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (config, _) in schemes(cx) {
            for (flow, view) in flows(cx, config) {
                let (missing, field) = match flow.kind {
                    FlowKind::AuthorizationCode | FlowKind::Implicit => {
                        (flow.authorization_url.is_none(), "authorizationUrl")
                    }
                    FlowKind::DeviceAuthorization => {
                        (flow.device_authorization_url.is_none(), "deviceAuthorizationUrl")
                    }
                    _ => (false, ""),
                };
                if missing {
                    out.push(
                        Diagnostic::error(
                            Self::META.code,
                            format!(
                                "OAuth flow `{}` of security scheme `{}` has no `{field}`",
                                view.name.value, config.name
                            ),
                            flow.kind_span,
                        )
                        .with_label("this flow needs an endpoint for the user to visit")
                        .with_note(format!(
                            "the {} grant starts by sending the user to this endpoint",
                            flow.kind.label()
                        ))
                        .with_help(format!("add `{field}` with the provider's endpoint")),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn auth_code_without_authorization_url() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authorizationCode:\n          tokenUrl: https://a.example.com/token\n          scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, MissingAuthorizationUrl::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "OAuth flow `authorizationCode` of security scheme `o` has no `authorizationUrl`");
        assert_eq!(slice(&db, d[0].span), "authorizationCode");
    }

    #[test]
    fn swagger2_implicit() {
        let text =
            r#"{"swagger": "2.0", "securityDefinitions": {"o": {"type": "oauth2", "flow": "implicit", "scopes": {}}}}"#;
        let (db, d) = check_text("a.json", text);
        let d = with_code(&d, MissingAuthorizationUrl::META.code);
        assert_eq!(slice(&db, d[0].span), "\"implicit\"");
    }

    #[test]
    fn client_credentials_needs_none() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://a.example.com/token\n          scopes: {}\n";
        let (_, d) = check_text("a.yaml", text);
        assert!(ignoring_advice(&d).is_empty(), "{d:?}");
    }
}
