//! `openapi/oauth2-url-invalid`

use specc_ir::EndpointUrl;
use specc_syntax::SourceUrl;

use super::{flows, model, schemes};
use crate::util::describe_char;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth URL of a security scheme (`authorizationUrl`, `tokenUrl`, `refreshUrl`,
    /// `deviceAuthorizationUrl`, `oauth2MetadataUrl`, `openIdConnectUrl`, and an Itential instance's
    /// `token_url` override) is empty, contains spaces or template braces, or does not parse as a URL.
    /// A relative reference (`/oauth/token`) is allowed when the document has a server to resolve it
    /// against (`servers[].url` in 3.x, `host`/`basePath`/`schemes` in 2.0); without one it is
    /// reported.
    ///
    /// ## Why it matters
    /// OpenAPI says these values "MUST be in the form of a URL" and that relative references are
    /// resolved against the Server Object
    /// (<https://spec.openapis.org/oas/v3.1.1.html#relative-references-in-api-description-urls>).
    /// An empty `tokenUrl` (Itential's own `x-itential-parameters` example has one) or an
    /// unresolvable relative one leaves the platform with nowhere to send the request. Server
    /// variables such as `{tenant}` are not substituted in OAuth URLs.
    ///
    /// specc resolves relative references before the other URL rules run, so
    /// `oauth/insecure-http-url` judges `/oauth/token` by the server it resolves against.
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
    ///           tokenUrl: ""
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
    ///           tokenUrl: https://auth.example.com/oauth/token
    ///           scopes: {}
    /// ```
    pub struct UrlInvalid {
        code: "openapi/oauth2-url-invalid",
        summary: "An OAuth URL is empty, unresolvable or not a URL",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for UrlInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let swagger2 = model.version.is_swagger2();
        for (config, _) in schemes(cx) {
            for (flow, view) in flows(cx, config) {
                for (what, url) in flow.urls() {
                    let place = format!("{what} of flow `{}` in security scheme `{}`", view.name.value, config.name);
                    if let Some(d) = judge(&place, url, swagger2) {
                        out.push(d);
                    }
                }
            }
            if let Some(url) = &config.metadata_url {
                let place = format!("metadata URL of security scheme `{}`", config.name);
                if let Some(d) = judge(&place, url, swagger2) {
                    out.push(d);
                }
            }
        }
    }
}

/// The finding for one URL, if it is not usable.
fn judge(place: &str, url: &EndpointUrl, swagger2: bool) -> Option<Diagnostic> {
    let raw = url.raw.as_str();
    let d = |message: String, label: &str| {
        Diagnostic::error(UrlInvalid::META.code, message, url.span)
            .with_label(label.to_string())
            .with_note("OpenAPI requires these values to be URLs; the platform sends requests to them")
    };
    if raw.trim().is_empty() {
        return Some(d(format!("the {place} is empty"), "empty URL").with_help("write the provider's endpoint URL"));
    }
    if let Some((_, c)) = raw.char_indices().find(|(_, c)| c.is_whitespace() || c.is_control()) {
        return Some(
            d(format!("the {place} contains {}", describe_char(c)), "not allowed in a URL")
                .with_help("remove the character, or percent-encode it (a space is `%20`)"),
        );
    }
    if raw.contains(['{', '}']) {
        return Some(
            d(format!("the {place} contains a template variable"), "not substituted here")
                .with_help("write the URL out in full: OpenAPI substitutes server variables only in `servers[].url`"),
        );
    }
    let has_scheme = SourceUrl::new(raw).is_absolute();
    if !has_scheme {
        if let Some((s, _)) = raw.split_once(':') {
            if !s.is_empty() && !s.contains('/') && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+') {
                return Some(
                    d(format!("the {place} has a scheme but no `//` authority"), "not an absolute http(s) URL")
                        .with_help(format!("write `{s}://host/path`")),
                );
            }
        }
        let Some(resolved) = url.resolved.as_deref() else {
            let base = if swagger2 { "`host` (with `schemes` and `basePath`)" } else { "an absolute `servers[].url`" };
            return Some(
                d(
                    format!("the {place} is relative and there is no server URL to resolve it against"),
                    "relative reference",
                )
                .with_help(format!("write an absolute URL, or declare {base}")),
            );
        };
        return SourceUrl::new(resolved).parse().err().map(|e| {
            d(format!("the {place} does not resolve to a valid URL ({e})"), "invalid after resolution")
                .with_help("write an absolute URL")
        });
    }
    match SourceUrl::new(raw).parse() {
        Err(e) => Some(d(format!("the {place} is not a valid URL ({e})"), "invalid URL").with_help("correct the URL")),
        Ok(u) if u.host_str().is_none_or(str::is_empty) => Some(
            d(format!("the {place} has no host"), "no host").with_help("write the provider's host name in the URL"),
        ),
        Ok(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    fn oas(flow: &str, servers: &str) -> String {
        format!("openapi: 3.1.0\n{servers}components:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n{flow}          scopes: {{}}\n")
    }

    #[test]
    fn empty_url() {
        let (db, d) = check_text("a.yaml", &oas("          tokenUrl: ''\n", ""));
        let d = with_code(&d, UrlInvalid::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "the token URL of flow `clientCredentials` in security scheme `o` is empty");
        assert_eq!(slice(&db, d[0].span), "''");
    }

    #[test]
    fn relative_url_needs_a_server() {
        let (db, d) = check_text("a.yaml", &oas("          tokenUrl: /oauth/token\n", ""));
        let d = with_code(&d, UrlInvalid::META.code);
        assert!(d[0].message.contains("is relative and there is no server URL"), "{}", d[0].message);
        assert_eq!(slice(&db, d[0].span), "/oauth/token");
        let (_, d) = check_text(
            "a.yaml",
            &oas("          tokenUrl: /oauth/token\n", "servers:\n  - url: https://api.example.com/v1\n"),
        );
        assert!(ignoring_advice(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn spaces_templates_and_bad_hosts() {
        for (url, needle) in [
            ("'https://a.example.com/oauth token'", "contains a space"),
            ("'https://{tenant}.example.com/token'", "template variable"),
            ("'https:a.example.com/token'", "no `//`"),
            ("'https://exa_mple com/token'", "contains a space"),
            ("'https://[::1/token'", "not a valid URL"),
        ] {
            let (_, d) = check_text("a.yaml", &oas(&format!("          tokenUrl: {url}\n"), ""));
            let d = with_code(&d, UrlInvalid::META.code);
            assert_eq!(d.len(), 1, "{url}");
            assert!(d[0].message.contains(needle), "{url}: {}", d[0].message);
        }
    }
}
