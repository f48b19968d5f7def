//! `openapi/oauth2-empty-scopes`

use super::{flows, is_oauth2, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth 2.0 flow whose `scopes` map is empty (`scopes: {}`). It is reported once per security
    /// scheme, at the first empty map, naming every flow of the scheme whose map is empty. A flow
    /// without any `scopes` member is `openapi/oauth2-missing-scopes`.
    ///
    /// ## Why it matters
    /// OpenAPI allows the map to be empty
    /// (<https://spec.openapis.org/oas/v3.1.1.html#oauth-flow-object>), and some providers grant a
    /// token without scopes. Most providers do expect the client to ask for scopes (RFC 6749 §3.3),
    /// and an empty map gives nothing to request: requirements cannot name a declared scope, and
    /// tools that let the user pick scopes from the description (Itential among them) offer none.
    /// This is advice, reported as `info`.
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
    ///           scopes:
    ///             items.read: Read items
    /// ```
    pub struct EmptyScopes {
        code: "openapi/oauth2-empty-scopes",
        summary: "An OAuth flow declares no scope",
        severity: Info,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for EmptyScopes {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (config, scheme) in schemes(cx) {
            if !is_oauth2(scheme) {
                continue;
            }
            let empty: Vec<_> = flows(cx, config)
                .into_iter()
                .filter_map(|(flow, view)| {
                    flow.scopes.as_ref().filter(|s| s.entries.is_empty()).map(|s| (s.span, view.name.value.as_str()))
                })
                .collect();
            let Some((span, _)) = empty.first() else { continue };
            let names: Vec<String> = empty.iter().map(|(_, n)| format!("`{n}`")).collect();
            let (flows_word, verb) = if names.len() == 1 { ("flow", "declares") } else { ("flows", "declare") };
            out.push(
                Diagnostic::info(
                    Self::META.code,
                    format!("{flows_word} {} of security scheme `{}` {verb} no scope", names.join(", "), config.name),
                    *span,
                )
                .with_label("empty scopes map")
                .with_note("OpenAPI allows an empty map, but then no scope can be requested or required")
                .with_help("list the scopes the provider grants, with a description of each"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn once_per_scheme() {
        let text = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {
            "authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {}},
            "clientCredentials": {"tokenUrl": "https://a.example.com/token", "scopes": {}},
            "password": {"tokenUrl": "https://a.example.com/token", "scopes": {"r": "r"}}}}}}}"#;
        let (db, d) = check_text("a.json", text);
        let d = with_code(&d, EmptyScopes::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "flows `authorizationCode`, `clientCredentials` of security scheme `o` declare no scope"
        );
        assert_eq!(slice(&db, d[0].span), "{}");
    }

    #[test]
    fn declared_scopes_are_fine() {
        let text = r#"{"swagger": "2.0", "securityDefinitions": {"o": {"type": "oauth2", "flow": "application",
            "tokenUrl": "https://a.example.com/token", "scopes": {"r": "r"}}}}"#;
        let (_, d) = check_text("a.json", text);
        assert!(with_code(&d, EmptyScopes::META.code).is_empty());
    }
}
