//! `openapi/oauth2-password-flow`

use specc_ir::FlowKind;

use super::{flows, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A security scheme declares the resource owner password credentials flow (`password`).
    ///
    /// ## Why it matters
    /// The client collects the user's password itself, which defeats the point of OAuth, cannot
    /// support multi-factor authentication, and trains users to type passwords into third-party
    /// forms. RFC 9700 §2.4 says it "MUST NOT be used"
    /// (<https://www.rfc-editor.org/rfc/rfc9700#section-2.4>), and OAuth 2.1 drops it. Integration
    /// platforms run the authorization code flow.
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
    ///         password:
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
    pub struct PasswordFlow {
        code: "openapi/oauth2-password-flow",
        summary: "A security scheme offers the resource owner password grant",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for PasswordFlow {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (config, _) in schemes(cx) {
            for (flow, view) in flows(cx, config) {
                if flow.kind == FlowKind::Password {
                    out.push(
                        Diagnostic::error(
                            Self::META.code,
                            format!("security scheme `{}` offers the resource owner password flow", config.name),
                            view.name.span,
                        )
                        .with_label("password grant")
                        .with_note("the client would handle the user's password; RFC 9700 §2.4 says this grant MUST NOT be used")
                        .with_help("use `authorizationCode` for users, or `clientCredentials` for machine-to-machine access"),
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
    fn password_flow_swagger2() {
        let text = "swagger: '2.0'\nsecurityDefinitions:\n  p:\n    type: oauth2\n    flow: password\n    tokenUrl: https://a.example.com/token\n    scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, PasswordFlow::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "security scheme `p` offers the resource owner password flow");
        assert_eq!(slice(&db, d[0].span), "password");
    }
}
