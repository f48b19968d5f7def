//! `oauth/refresh-with-client-credentials`

use specc_ir::FlowKind;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A client credentials flow is configured to use refresh tokens: it has a refresh URL
    /// (OpenAPI `refreshUrl` on `clientCredentials`), or the configuration has only client
    /// credentials flows and says it expects a refresh token.
    ///
    /// ## Why it matters
    /// For the client credentials grant "a refresh token SHOULD NOT be included" in the token
    /// response (RFC 6749 §4.4.3, <https://www.rfc-editor.org/rfc/rfc6749#section-4.4.3>): the client
    /// can simply ask for a new token with its credentials. A platform waiting for a refresh token
    /// (elastic.io requires one for every OAuth 2.0 key) fails or re-prompts; a refresh URL on this
    /// flow is dead configuration.
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
    ///           refreshUrl: https://auth.example.com/token
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
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    pub struct RefreshWithClientCredentials {
        code: "oauth/refresh-with-client-credentials",
        summary: "A client credentials flow expects a refresh token",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

impl Rule for RefreshWithClientCredentials {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let note = "RFC 6749 §4.4.3: the client credentials grant should not return a refresh token; the client asks for a new access token instead";
        for config in &cx.ir().configs {
            for flow in config.flows.iter().filter(|f| f.kind == FlowKind::ClientCredentials) {
                if let Some(url) = &flow.refresh_url {
                    out.push(
                        Diagnostic::warning(
                            Self::META.code,
                            format!("client credentials flow of `{}` has a refresh URL", config.name),
                            url.span,
                        )
                        .with_label("no refresh token to use it with")
                        .with_note(note)
                        .with_help("remove the refresh URL; request a new token when the old one expires"),
                    );
                }
            }
            let only_cc =
                !config.flows.is_empty() && config.flows.iter().all(|f| f.kind == FlowKind::ClientCredentials);
            if let Some(expects) = config.refresh.expects_refresh_token.as_ref().filter(|e| e.value && only_cc) {
                out.push(
                    Diagnostic::warning(
                        Self::META.code,
                        format!("`{}` expects a refresh token from the client credentials grant", config.name),
                        expects.span,
                    )
                    .with_label("expects a refresh token")
                    .with_note(note)
                    .with_help("configure the client to expect no refresh token"),
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
    fn refresh_url_on_client_credentials() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://a.example.com/token\n          refreshUrl: https://a.example.com/refresh\n          scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, RefreshWithClientCredentials::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "client credentials flow of `o` has a refresh URL");
        assert_eq!(slice(&db, d[0].span), "https://a.example.com/refresh");
    }
}
