//! `openapi/oauth2-authorization-url-root`

use specc_syntax::SourceUrl;

use super::{flows, model, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An `authorizationUrl` that is only a server root: its path is `/` or empty and it has no
    /// query (`/`, `https://example.com`, `https://auth.example.com/`), or it is the document's
    /// server URL itself (`servers[0].url`, or `host` + `basePath` in 2.0). Relative references are
    /// judged after resolution.
    ///
    /// ## Why it matters
    /// The authorization endpoint is the specific resource where the user authenticates and grants
    /// access (RFC 6749 §3.1, <https://www.rfc-editor.org/rfc/rfc6749#section-3.1>); providers
    /// publish it as a path such as `/authorize` or `/oauth2/auth`, and RFC 8414's metadata names it
    /// in `authorization_endpoint` (<https://www.rfc-editor.org/rfc/rfc8414#section-2>). A host's
    /// home page or an API's base URL is almost always a placeholder or a copy of the server URL:
    /// the browser lands on a page that does not start an authorization, and the flow never gets a
    /// code. Since neither RFC forbids an endpoint at `/`, specc cannot be sure, and reports a
    /// warning rather than an error.
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
    ///           authorizationUrl: https://auth.example.com/
    ///           tokenUrl: https://auth.example.com/oauth/token
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
    ///           authorizationUrl: https://auth.example.com/oauth/authorize
    ///           tokenUrl: https://auth.example.com/oauth/token
    ///           scopes: {}
    /// ```
    pub struct AuthorizationUrlRoot {
        code: "openapi/oauth2-authorization-url-root",
        summary: "An authorization URL that is only a server root",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

/// Whether an absolute URL is a bare origin (path `/` or empty, no query) or the server URL itself.
pub(super) fn is_server_root(absolute: &str, base: Option<&str>) -> bool {
    let Ok(u) = SourceUrl::new(absolute).parse() else { return false };
    if u.host_str().is_none_or(str::is_empty) {
        return false;
    }
    if matches!(u.path(), "" | "/") && u.query().is_none() {
        return true;
    }
    let same = |b: &str| {
        SourceUrl::new(b).parse().is_ok_and(|b| {
            b.host_str() == u.host_str()
                && b.port_or_known_default() == u.port_or_known_default()
                && b.path().trim_end_matches('/') == u.path().trim_end_matches('/')
                && u.query().is_none()
        })
    };
    base.is_some_and(same)
}

impl Rule for AuthorizationUrlRoot {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let base = model.base_url.as_deref();
        for (config, _) in schemes(cx) {
            for (flow, view) in flows(cx, config) {
                let Some(url) = &flow.authorization_url else { continue };
                let absolute = url.resolved.as_deref().unwrap_or(url.raw.as_str());
                if !is_server_root(absolute, base) {
                    continue;
                }
                let what = if SourceUrl::new(absolute).parse().is_ok_and(|u| matches!(u.path(), "" | "/")) {
                    "the root of its host"
                } else {
                    "the server URL of the document"
                };
                let mut d = Diagnostic::warning(
                    Self::META.code,
                    format!(
                        "the authorization URL of flow `{}` in security scheme `{}` is {what}",
                        view.name.value, config.name
                    ),
                    url.span,
                )
                .with_label("not an authorization endpoint")
                .with_help(
                    "write the provider's authorization endpoint, e.g. `https://auth.example.com/oauth/authorize`",
                );
                if url.resolved.is_some() {
                    d = d.with_note(format!("`{}` resolves to `{absolute}`", url.raw));
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

    fn doc(auth: &str) -> String {
        format!("openapi: 3.1.0\nservers:\n  - url: https://api.example.com/v1\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: {auth}\n          tokenUrl: https://api.example.com/oauth/token\n          scopes: {{}}\n")
    }

    #[test]
    fn roots_and_server_urls() {
        for (auth, needle) in [
            ("/", "the root of its host"),
            ("https://auth.example.com", "the root of its host"),
            ("https://auth.example.com/", "the root of its host"),
            ("https://api.example.com/v1/", "the server URL"),
        ] {
            let (db, d) = check_text("a.yaml", &doc(auth));
            let d = with_code(&d, AuthorizationUrlRoot::META.code);
            assert_eq!(d.len(), 1, "{auth}: {d:?}");
            assert!(d[0].message.contains(needle), "{auth}: {}", d[0].message);
            assert_eq!(slice(&db, d[0].span), auth);
        }
    }

    #[test]
    fn real_endpoints_pass() {
        for auth in ["/oauth/authorize", "https://auth.example.com/authorize", "https://auth.example.com/?tenant=a"] {
            let (_, d) = check_text("a.yaml", &doc(auth));
            assert!(with_code(&d, AuthorizationUrlRoot::META.code).is_empty(), "{auth}: {d:?}");
        }
    }

    #[test]
    fn the_relative_root_is_not_also_reported_as_relative() {
        let (_, d) = check_text("a.yaml", &doc("/"));
        assert!(with_code(&d, super::super::oauth2_relative_url::RelativeUrl::META.code).is_empty(), "{d:?}");
    }
}
