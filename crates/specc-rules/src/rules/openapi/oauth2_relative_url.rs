//! `openapi/oauth2-relative-url`

use super::oauth2_authorization_url_root::is_server_root;
use super::{flows, model, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth URL of a security scheme (`authorizationUrl`, `tokenUrl`, `refreshUrl`,
    /// `deviceAuthorizationUrl`) written as a relative reference, such as `/oauth/token`, that
    /// resolves against the document's server. The finding says what it resolves to: the first
    /// `servers[].url` with its variables' defaults (3.x), or `schemes`, `host` and `basePath`
    /// (2.0, `https` preferred). A relative URL with no server to resolve it against is an error of
    /// `openapi/oauth2-url-invalid`; an authorization URL that resolves to the server root is
    /// `openapi/oauth2-authorization-url-root` instead.
    ///
    /// ## Why it matters
    /// OpenAPI 3.x resolves relative references against the Server Object
    /// (<https://spec.openapis.org/oas/v3.1.1.html#relative-references-in-api-description-urls>),
    /// following RFC 3986 §5.2: a reference that starts with `/` replaces the server's whole path, so
    /// `/oauth/token` under `https://api.example.com/v2` is `https://api.example.com/oauth/token`, not
    /// `…/v2/oauth/token`. Tools that do not resolve it, and documents served from another host, end
    /// up at a different endpoint. Swagger 2.0 does not define the resolution at all. Writing the
    /// absolute URL removes the doubt; this is advice, reported as `info`. `specc build` writes the
    /// resolved URL into every target, so a relative URL that resolves builds the same configuration.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// servers:
    ///   - url: https://api.example.com/v2
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: /oauth/token
    ///           scopes: {}
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// servers:
    ///   - url: https://api.example.com/v2
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://api.example.com/oauth/token
    ///           scopes: {}
    /// ```
    pub struct RelativeUrl {
        code: "openapi/oauth2-relative-url",
        summary: "An OAuth URL is a relative reference",
        severity: Info,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for RelativeUrl {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let base = model.base_url.as_deref().unwrap_or_default();
        let against = if model.version.is_swagger2() { "`host` and `basePath`" } else { "the first server URL" };
        for (config, _) in schemes(cx) {
            for (flow, view) in flows(cx, config) {
                for (what, url) in flow.urls() {
                    let Some(resolved) = url.resolved.as_deref() else { continue };
                    if what == "authorization URL" && is_server_root(resolved, model.base_url.as_deref()) {
                        continue;
                    }
                    out.push(
                        Diagnostic::info(
                            Self::META.code,
                            format!(
                                "the {what} of flow `{}` in security scheme `{}` is relative; it resolves to `{resolved}`",
                                view.name.value, config.name
                            ),
                            url.span,
                        )
                        .with_label("relative reference")
                        .with_note(format!("resolved against {against}, `{base}`"))
                        .with_help(format!("write the absolute URL `{resolved}`")),
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
    fn resolves_against_the_first_server() {
        let text = "openapi: 3.0.3\nservers:\n  - url: https://api.example.com/v2\n  - url: https://eu.example.com/v2\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: /oauth/token\n          refreshUrl: refresh\n          scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, RelativeUrl::META.code);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            d[0].message,
            "the token URL of flow `clientCredentials` in security scheme `o` is relative; it resolves to `https://api.example.com/oauth/token`"
        );
        assert_eq!(slice(&db, d[0].span), "/oauth/token");
        assert!(d[1].message.ends_with("resolves to `https://api.example.com/v2/refresh`"), "{}", d[1].message);
    }

    #[test]
    fn swagger2_and_absolute_urls() {
        let text = r#"{"swagger": "2.0", "host": "api.example.com", "basePath": "/v1", "securityDefinitions": {"o": {"type": "oauth2", "flow": "accessCode",
            "authorizationUrl": "https://auth.example.com/authorize", "tokenUrl": "token", "scopes": {"r": "r"}}}}"#;
        let (_, d) = check_text("a.json", text);
        let d = with_code(&d, RelativeUrl::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.ends_with("resolves to `https://api.example.com/v1/token`"), "{}", d[0].message);
    }
}
