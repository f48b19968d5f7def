//! `openapi/oauth2-missing-token-url`

use specc_ir::FlowKind;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth 2.0 flow that exchanges something for a token (`authorizationCode`,
    /// `clientCredentials`, `password`, `deviceAuthorization`; in Swagger 2.0 `accessCode`,
    /// `application`, `password`) has no `tokenUrl`.
    ///
    /// ## Why it matters
    /// The OpenAPI Specification marks `tokenUrl` REQUIRED for these flows
    /// (<https://spec.openapis.org/oas/v3.1.1.html#oauth-flow-object>). Without it a client, or a
    /// platform such as Itential that imports the document, has nowhere to exchange the code or the
    /// credentials for an access token.
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
    ///           authorizationUrl: https://auth.example.com/authorize
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
    pub struct MissingTokenUrl {
        code: "openapi/oauth2-missing-token-url",
        summary: "An OAuth flow that needs a token endpoint has no `tokenUrl`",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for MissingTokenUrl {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (config, _) in super::schemes(cx) {
            for (flow, view) in super::flows(cx, config) {
                if flow.kind == FlowKind::Implicit || flow.token_url.is_some() {
                    continue;
                }
                out.push(diagnostic(&config.name, &view.name.value, flow.kind_span));
            }
        }
    }
}

fn diagnostic(scheme: &str, flow: &str, span: specc_ir::Span) -> Diagnostic {
    Diagnostic::error(
        MissingTokenUrl::META.code,
        format!("OAuth flow `{flow}` of security scheme `{scheme}` has no `tokenUrl`"),
        span,
    )
    .with_label("this flow needs a token endpoint")
    .with_help("add `tokenUrl` with the provider's token endpoint")
}
