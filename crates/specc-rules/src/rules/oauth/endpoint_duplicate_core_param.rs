//! `oauth/endpoint-duplicate-core-param`

use specc_diagnostics::Fix;
use specc_ir::Dialect;
use specc_syntax::SourceUrl;

use crate::{declare_rule, Context, Diagnostic, Rule};

/// Authorization request parameters the platform adds itself (RFC 6749 §4.1.1, RFC 7636 §4.3).
const CORE: [&str; 7] =
    ["client_id", "redirect_uri", "response_type", "state", "scope", "code_challenge", "code_challenge_method"];

declare_rule! {
    /// ## What it checks
    /// An authorization URL already carries a parameter that the platform adds to every
    /// authorization request: `client_id`, `redirect_uri`, `response_type`, `state`, `scope`,
    /// `code_challenge` or `code_challenge_method`. URL templates filled in by the platform (Keboola's
    /// `%%app_key%%`-style `auth_url`) are exempt: there the URL *is* the request. So is a `scope` in
    /// the URL of a flow that declares no scopes: the platform then has none to add.
    ///
    /// ## Why it matters
    /// "Request and response parameters MUST NOT be included more than once" (RFC 6749 §3.1,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3.1>). Providers reject the request or pick
    /// one of the two values; a hard-coded `state` defeats CSRF protection and a hard-coded `scope`
    /// overrides the configured scopes. Extra, provider-specific parameters (`access_type`,
    /// `prompt`) are fine.
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
    ///           authorizationUrl: https://auth.example.com/authorize?response_type=code&prompt=consent
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
    ///           authorizationUrl: https://auth.example.com/authorize?prompt=consent
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    ///
    /// ## Fix safety
    /// Removing the parameter lets the platform's value apply. When the removed value differed
    /// (a fixed `scope`), the request changes: the fix is unsafe. Move a removed `scope` into the
    /// configuration's scopes.
    pub struct EndpointDuplicateCoreParam {
        code: "oauth/endpoint-duplicate-core-param",
        summary: "An authorization URL hard-codes a parameter the platform adds",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
    }
}

impl Rule for EndpointDuplicateCoreParam {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            if config.dialect == Dialect::Keboola {
                continue;
            }
            let mut seen = Vec::new();
            for flow in &config.flows {
                let Some(url) = &flow.authorization_url else { continue };
                if url.raw.contains("%%") || seen.contains(&url.span) {
                    continue;
                }
                seen.push(url.span);
                let raw = url.raw.as_str();
                let params = SourceUrl::new(raw).query_params();
                for (i, p) in params.iter().enumerate() {
                    let (name, start, end) = (p.name, &p.range.start, &p.range.end);
                    if !CORE.contains(&name) {
                        continue;
                    }
                    // With no scopes declared the platform has none to add, so a `scope` in the URL is
                    // the only one sent (the way to get a delimiter the platform would not use), not a
                    // second copy.
                    let declared = flow.scopes.as_ref().is_some_and(|s| !s.entries.is_empty())
                        || config.requested_scopes.as_ref().is_some_and(|s| !s.items.is_empty());
                    if name == "scope" && !declared {
                        continue;
                    }
                    let mut d = Diagnostic::error(
                        Self::META.code,
                        format!("authorization URL of `{}` already contains `{name}`", config.name),
                        cx.string_part(url.span, raw, *start..*end),
                    )
                    .with_label("added again by the platform")
                    .with_note("RFC 6749 §3.1: request parameters must not be included more than once")
                    .with_help(if name == "scope" {
                        "remove the parameter and list the scopes in the configuration instead".to_string()
                    } else {
                        format!("remove `{name}` from the URL; the platform sends it")
                    });
                    // Remove `name=value` with one separator: the following `&`, else the preceding one
                    // (or the `?` when it was the only parameter).
                    let (from, to) = if i + 1 < params.len() { (*start, *end + 1) } else { (*start - 1, *end) };
                    if let Some(edit) = cx.string_edit(url.span, raw, from..to, "") {
                        d = d.with_fix(Fix::unsafe_(format!("remove `{name}` from the URL"), vec![edit]));
                    }
                    out.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    fn doc(url: &str) -> String {
        format!("openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: '{url}'\n          tokenUrl: https://a.example.com/token\n          scopes: {{}}\n")
    }

    #[test]
    fn duplicated_params_and_fixes() {
        let (db, d) = check_text("a.yaml", &doc("https://a.example.com/auth?response_type=code&prompt=consent"));
        let d = with_code(&d, EndpointDuplicateCoreParam::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "authorization URL of `o` already contains `response_type`");
        assert_eq!(slice(&db, d[0].span), "response_type=code");
        assert!(apply_fix(&db, d[0]).contains("'https://a.example.com/auth?prompt=consent'"));
        let with_scopes = doc("https://a.example.com/auth?prompt=consent&scope=read")
            .replace("scopes: {}", "scopes:\n            read: Read");
        let (db, d) = check_text("a.yaml", &with_scopes);
        let d = with_code(&d, EndpointDuplicateCoreParam::META.code);
        assert!(apply_fix(&db, d[0]).contains("'https://a.example.com/auth?prompt=consent'"));
        // No declared scopes: the URL's `scope` is the only one.
        let (_, d) = check_text("a.yaml", &doc("https://a.example.com/auth?prompt=consent&scope=read"));
        assert!(with_code(&d, EndpointDuplicateCoreParam::META.code).is_empty(), "{d:?}");
        let (db, d) = check_text("a.yaml", &doc("https://a.example.com/auth?state=abc"));
        let d = with_code(&d, EndpointDuplicateCoreParam::META.code);
        let fixed = apply_fix(&db, d[0]);
        assert!(fixed.contains("'https://a.example.com/auth'"), "{fixed}");
        let (_, again) = check_text("a.yaml", &fixed);
        assert!(ignoring_advice(&again).is_empty(), "{again:?}");
    }

    #[test]
    fn provider_params_are_fine() {
        let (_, d) = check_text("a.yaml", &doc("https://a.example.com/auth?access_type=offline&prompt=consent"));
        assert!(ignoring_advice(&d).is_empty(), "{d:?}");
    }
}
