//! `oauth/insecure-http-url`

use specc_diagnostics::Fix;
use specc_syntax::SourceUrl;

use super::endpoints;
use crate::util::is_loopback;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An authorization, token, refresh, device authorization or request-token endpoint, or an
    /// authorization server metadata / OpenID Connect discovery URL, uses plain `http://`. Relative
    /// OpenAPI URLs are judged after resolution, so `/oauth/token` under an `http` server is
    /// reported too.
    ///
    /// Loopback hosts (`localhost`, `127.0.0.1`, `[::1]`) are `oauth/loopback-http-url`, a warning.
    ///
    /// ## Why it matters
    /// Client secrets, authorization codes, refresh and access tokens travel to these endpoints.
    /// The authorization server MUST require TLS on them (RFC 6749 §3.1 and §3.2,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3.1>); OpenAPI repeats that "the OAuth2
    /// standard requires the use of TLS", and OpenAPI 3.2 requires TLS for `oauth2MetadataUrl`.
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
    ///           tokenUrl: http://auth.example.com/token
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
    ///
    /// ## Fix safety
    /// Switching to `https` works only if the host serves TLS on the default port, which specc
    /// cannot know: the fix is unsafe. It is offered only when the URL itself says `http`, not when a
    /// relative URL inherits `http` from the server.
    pub struct InsecureHttpUrl {
        code: "oauth/insecure-http-url",
        summary: "An OAuth endpoint URL uses plain http",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
    }
}

impl Rule for InsecureHttpUrl {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report(cx, out, false);
    }
}

/// Reports plain-http endpoints on other hosts (`loopback == false`, this rule) or on loopback hosts
/// (`oauth/loopback-http-url`).
pub(super) fn report(cx: &Context<'_>, out: &mut Vec<Diagnostic>, loopback_only: bool) {
    for config in &cx.ir().configs {
        for (what, url) in endpoints(config) {
            let effective = url.effective();
            let parts = SourceUrl::new(effective);
            if !parts.has_scheme("http") {
                continue;
            }
            let loopback = parts.host_lowercase().is_some_and(|h| is_loopback(&h));
            if loopback != loopback_only {
                continue;
            }
            let inherited = url.resolved.is_some() && !SourceUrl::new(&url.raw).is_absolute();
            let message = if inherited {
                format!("{what} of `{}` resolves to plain http ({effective})", config.name)
            } else {
                format!("{what} of `{}` uses plain http", config.name)
            };
            let mut d = if loopback {
                super::loopback_http_url::LoopbackHttpUrl::diagnostic(message, url.span)
            } else {
                InsecureHttpUrl::diagnostic(message, url.span)
            }
            .with_label("not TLS")
            .with_note("credentials and tokens sent to this endpoint can be read and changed in transit; RFC 6749 §3.1 and §3.2 require TLS");
            if loopback {
                d = d.with_note(
                    "the host is a loopback address: fine on a developer machine, wrong in a shipped configuration",
                );
            }
            if inherited {
                d = d.with_help("serve the API over https: change `servers[].url` (3.x) or `schemes` (2.0), or write an absolute https URL");
            } else {
                d = d.with_help("use the provider's https endpoint");
                if let Some(edit) = cx.string_edit(url.span, &url.raw, 0..4, "https") {
                    if url.raw.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("http")) {
                        d = d.with_fix(Fix::unsafe_("use https", vec![edit]));
                    }
                }
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;
    use specc_diagnostics::Severity;

    fn doc(token_url: &str, servers: &str) -> String {
        format!("openapi: 3.1.0\n{servers}components:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: {token_url}\n          scopes: {{}}\n")
    }

    #[test]
    fn http_token_url_with_unsafe_fix() {
        let (db, d) = check_text("a.yaml", &doc("http://auth.example.com/token", ""));
        let d = with_code(&d, InsecureHttpUrl::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "token URL of `o` uses plain http");
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(slice(&db, d[0].span), "http://auth.example.com/token");
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, specc_diagnostics::Applicability::Unsafe);
        let (_, again) = check_text("a.yaml", &apply_fix(&db, d[0]));
        assert!(ignoring_advice(&again).is_empty(), "{again:?}");
    }

    #[test]
    fn relative_url_inherits_http_from_servers() {
        let (db, d) = check_text("a.yaml", &doc("/oauth/token", "servers:\n  - url: http://api.example.com\n"));
        let d = with_code(&d, InsecureHttpUrl::META.code);
        assert_eq!(d[0].message, "token URL of `o` resolves to plain http (http://api.example.com/oauth/token)");
        assert_eq!(slice(&db, d[0].span), "/oauth/token");
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn loopback_is_the_other_code() {
        let (_, d) = check_text("a.yaml", &doc("http://127.0.0.1:8080/token", ""));
        assert!(with_code(&d, InsecureHttpUrl::META.code).is_empty(), "{d:?}");
        let d = with_code(&d, super::super::loopback_http_url::LoopbackHttpUrl::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
