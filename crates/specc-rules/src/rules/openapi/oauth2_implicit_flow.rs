//! `openapi/oauth2-implicit-flow`

use specc_ir::FlowKind;

use super::{flows, requirements_of, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A security scheme declares the OAuth 2.0 `implicit` flow (a warning, whether or not a security
    /// requirement uses the scheme: the grant still works, RFC 9700 only says SHOULD NOT). When a
    /// requirement uses the scheme, the finding names it.
    ///
    /// ## Why it matters
    /// The implicit grant returns the access token in the redirect URI's fragment, where browser
    /// history, referrers and injected scripts can read it, and it cannot be sender-constrained.
    /// RFC 9700 §2.1.2 says clients SHOULD NOT use it
    /// (<https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2>), OAuth 2.1 removes it, and the OpenAPI
    /// 3.1 text notes the deprecation. Security scanners (42Crunch, KICS, APIMatic) flag it; core
    /// OpenAPI linters do not.
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
    ///           scopes: {}
    /// ```
    /// Use instead (authorization code with PKCE):
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
    pub struct ImplicitFlow {
        code: "openapi/oauth2-implicit-flow",
        summary: "A security scheme offers the deprecated implicit grant",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for ImplicitFlow {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (config, _) in schemes(cx) {
            for (flow, view) in flows(cx, config) {
                if flow.kind != FlowKind::Implicit {
                    continue;
                }
                let used = requirements_of(cx, &config.name);
                let mut d = Diagnostic::warning(
                    Self::META.code,
                    format!("security scheme `{}` offers the implicit flow", config.name),
                    view.name.span,
                )
                .with_label("implicit grant")
                .with_note("the implicit grant exposes the access token in the redirect URI; RFC 9700 §2.1.2 says not to use it")
                .with_help("offer `authorizationCode` (with PKCE) instead, and remove `implicit`");
                if let Some(first) = used.first() {
                    d = d.with_secondary(
                        first.scheme.span,
                        format!("used by the security requirement at {}", first.location),
                    );
                    d.message = format!(
                        "security scheme `{}` offers the implicit flow and {} security requirement{} use{} it",
                        config.name,
                        used.len(),
                        if used.len() == 1 { "" } else { "s" },
                        if used.len() == 1 { "s" } else { "" }
                    );
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use specc_diagnostics::Severity;

    const DOC: &str = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        implicit:\n          authorizationUrl: https://a.example.com/auth\n          scopes: {}\n";

    #[test]
    fn declared_is_a_warning() {
        let (db, d) = check_text("a.yaml", DOC);
        let d = with_code(&d, ImplicitFlow::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].message, "security scheme `o` offers the implicit flow");
        assert_eq!(slice(&db, d[0].span), "implicit");
    }

    #[test]
    fn used_is_still_a_warning() {
        let text = format!("{DOC}security:\n  - o: []\n");
        let (db, d) = check_text("a.yaml", &text);
        let d = with_code(&d, ImplicitFlow::META.code);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].message, "security scheme `o` offers the implicit flow and 1 security requirement uses it");
        assert_eq!(slice(&db, d[0].secondary[0].span), "o");
    }
}
