//! `openapi/unused-scope`

use std::collections::BTreeSet;

use super::{flows, is_oauth2, requirements_of, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A scope declared by a flow that nothing asks for: no security requirement lists it and, for
    /// an Itential instance, the instance's `scope` setting does not request it. Only schemes that
    /// are in use (named by at least one security requirement, or chosen by an Itential instance that
    /// sets `scope`) are checked; a scheme nobody uses says nothing about its scopes.
    ///
    /// ## Why it matters
    /// Unused scopes are harmless to run but make the model harder to review: readers cannot tell
    /// which permissions the integration really needs, and least-privilege reviews start from the
    /// declared list. IBM's OpenAPI validator reports the same (`unused_security_scopes`); for
    /// Spectral it is an open request (issue 727). This is advice, reported as `info`.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - oauth: [read]
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: { read: Read access, admin: Everything }
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - oauth: [read]
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: { read: Read access }
    /// ```
    pub struct UnusedScope {
        code: "openapi/unused-scope",
        summary: "A declared scope is never requested",
        severity: Info,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi, Itential],
    }
}

impl Rule for UnusedScope {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let instance_scheme = cx.itential().and_then(|i| i.scheme.as_deref());
        for (config, scheme) in schemes(cx) {
            if !is_oauth2(scheme) {
                continue;
            }
            let reqs = requirements_of(cx, &config.name);
            let mut used: BTreeSet<&str> =
                reqs.iter().flat_map(|r| r.scopes.iter().map(|s| s.value.as_str())).collect();
            let requested = config.requested_scopes.as_ref().filter(|_| instance_scheme == Some(config.name.as_str()));
            if let Some(rs) = requested {
                used.extend(rs.items.iter().flat_map(|i| i.value.split([',', ';'])).filter(|s| !s.is_empty()));
            }
            if reqs.is_empty() && requested.is_none() {
                continue;
            }
            for (flow, view) in flows(cx, config) {
                let Some(scopes) = &flow.scopes else { continue };
                for e in &scopes.entries {
                    if used.contains(e.name.value.as_str()) {
                        continue;
                    }
                    out.push(
                        Diagnostic::info(
                            Self::META.code,
                            format!(
                                "scope `{}` of flow `{}` in security scheme `{}` is never requested",
                                e.name.value, view.name.value, config.name
                            ),
                            e.name.span,
                        )
                        .with_label("declared here, used nowhere")
                        .with_note(if requested.is_some() {
                            "neither a security requirement nor the instance's `scope` asks for it"
                        } else {
                            "no security requirement asks for it"
                        })
                        .with_help(
                            "remove the scope if the integration does not need it, or require it where it is needed",
                        ),
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

    const MODEL: &str = r#"{"openapi": "3.0.0", "security": [{"o": ["read"]}], "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {
        "authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {"read": "r", "write": "w", "admin": "a"}}}}}}}"#;

    #[test]
    fn unused_in_a_document() {
        let (db, d) = check_text("a.json", MODEL);
        let d = with_code(&d, UnusedScope::META.code);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].message, "scope `write` of flow `authorizationCode` in security scheme `o` is never requested");
        assert_eq!(slice(&db, d[0].span), "\"write\"");
    }

    #[test]
    fn unused_scheme_is_not_checked() {
        let text = MODEL.replace(r#""security": [{"o": ["read"]}], "#, "");
        let (_, d) = check_text("a.json", &text);
        assert!(with_code(&d, UnusedScope::META.code).is_empty());
    }

    #[test]
    fn instance_scopes_count_as_used() {
        let instance = "model: model.json\nclient_id: abc\nclient_secret: \"{{SECRET}}\"\nscope: write\nredirect_uri: \"{{iap}}/admin/oauth/\"\n";
        let (db, d) = check_itential(instance, MODEL);
        let d = with_code(&d, UnusedScope::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(slice(&db, d[0].span), "\"admin\"");
    }
}
