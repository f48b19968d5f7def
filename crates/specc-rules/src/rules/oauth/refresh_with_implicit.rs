//! `oauth/refresh-with-implicit`

use specc_ir::FlowKind;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An implicit flow has a refresh URL (OpenAPI `refreshUrl` on `implicit`).
    ///
    /// ## Why it matters
    /// In the implicit grant the access token comes back in the redirect, and "the authorization server
    /// MUST NOT issue a refresh token" (RFC 6749 §4.2.2,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2>). A client of this flow never holds a
    /// refresh token, so the URL can never be used; a generator or client that trusts it waits for a
    /// refresh that cannot happen. It often means the flow was copied from an authorization code flow
    /// of the same scheme, where the refresh URL belongs.
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
    ///         implicit:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           refreshUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    /// Use instead the authorization code flow, where a refresh token is issued:
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
    ///           refreshUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    pub struct RefreshWithImplicit {
        code: "oauth/refresh-with-implicit",
        summary: "An implicit flow has a refresh URL",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

impl Rule for RefreshWithImplicit {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            for flow in config.flows.iter().filter(|f| f.kind == FlowKind::Implicit) {
                let Some(url) = &flow.refresh_url else { continue };
                out.push(
                    Self::diagnostic(format!("implicit flow of `{}` has a refresh URL", config.name), url.span)
                        .with_label("the implicit grant issues no refresh token")
                        .with_note("RFC 6749 §4.2.2: the authorization server must not issue a refresh token in the implicit grant")
                        .with_help("remove the refresh URL from this flow"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    #[test]
    fn refresh_url_on_implicit_only() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        implicit:\n          authorizationUrl: https://a.example.com/authorize\n          refreshUrl: https://a.example.com/refresh\n          scopes: {}\n        authorizationCode:\n          authorizationUrl: https://a.example.com/authorize\n          tokenUrl: https://a.example.com/token\n          refreshUrl: https://a.example.com/token\n          scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, RefreshWithImplicit::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "implicit flow of `o` has a refresh URL");
        assert_eq!(slice(&db, d[0].span), "https://a.example.com/refresh");
    }
}
