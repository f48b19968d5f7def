//! `oauth/authorization-url-equals-token-url`

use specc_syntax::SourceUrl;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A flow's authorization URL and token URL are the same URL (compared after resolving
    /// relative references, ignoring a trailing `/` and the case of scheme and host). When the path
    /// says which endpoint the URL is (`…/token`, `…/access_token` vs `…/authorize`, `…/auth`,
    /// `…/login`), the finding points at the field that holds the wrong one; otherwise it points at
    /// both and does not guess.
    ///
    /// ## Why it matters
    /// The two endpoints do different jobs (RFC 6749 §3.1 and §3.2,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3>): the browser is sent to the authorization
    /// endpoint with a GET to log in and consent; the client POSTs the code to the token endpoint.
    /// One URL for both is almost always a copy-paste mistake: real API descriptions in specc's
    /// corpus (MotaWord, Lufthansa) declare an authorization code flow whose `authorizationUrl` is
    /// the token endpoint, so the login page never appears.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ swagger: "2.0"
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// securityDefinitions:
    ///   oauth:
    ///     type: oauth2
    ///     flow: accessCode
    ///     authorizationUrl: https://api.example.com/token
    ///     tokenUrl: https://api.example.com/token
    ///     scopes: {}
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ swagger: "2.0"
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// securityDefinitions:
    ///   oauth:
    ///     type: oauth2
    ///     flow: accessCode
    ///     authorizationUrl: https://api.example.com/authorize
    ///     tokenUrl: https://api.example.com/token
    ///     scopes: {}
    /// ```
    pub struct AuthorizationUrlEqualsTokenUrl {
        code: "oauth/authorization-url-equals-token-url",
        summary: "A flow's authorization URL is its token URL",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// A comparison form: scheme and host lowercased, trailing `/` dropped.
fn normalise(url: &str) -> String {
    let trimmed = url.trim().trim_end_matches('/');
    match SourceUrl::new(trimmed).parse() {
        Ok(u) => u.as_str().trim_end_matches('/').to_string(),
        Err(_) => trimmed.to_string(),
    }
}

impl Rule for AuthorizationUrlEqualsTokenUrl {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            for flow in &config.flows {
                let (Some(auth), Some(token)) = (&flow.authorization_url, &flow.token_url) else { continue };
                if auth.raw.trim().is_empty() || normalise(auth.effective()) != normalise(token.effective()) {
                    continue;
                }
                let msg = format!(
                    "the {} flow of `{}` uses the same URL for authorization and token",
                    flow.kind.label(),
                    config.name
                );
                let note = "users are sent to the authorization URL to log in; the token endpoint only accepts the client's POST";
                let d = match endpoint_role(auth.effective()) {
                    // The shared URL is a token endpoint: the authorization URL is the wrong one.
                    Some(Role::Token) => Diagnostic::warning(Self::META.code, msg, auth.span)
                        .with_label("this is a token endpoint")
                        .with_secondary(token.span, "token URL")
                        .with_help(
                            "set the authorization URL to the provider's authorization (login and consent) endpoint",
                        ),
                    // The shared URL is an authorization endpoint: the token URL is the wrong one.
                    Some(Role::Authorization) => Diagnostic::warning(Self::META.code, msg, token.span)
                        .with_label("this is an authorization endpoint")
                        .with_secondary(auth.span, "authorization URL")
                        .with_help("set the token URL to the provider's token endpoint"),
                    None => Diagnostic::warning(Self::META.code, msg, auth.span)
                        .with_label("authorization URL")
                        .with_secondary(token.span, "token URL, the same")
                        .with_help("one of the two is wrong: look up the provider's authorization and token endpoints"),
                };
                out.push(d.with_note(note));
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Role {
    Authorization,
    Token,
}

/// What the last meaningful path segment of an endpoint says it is: `/token`, `/oauth2/access_token`
/// are token endpoints; `/authorize`, `/auth`, `/login`, `/consent` authorization endpoints.
fn endpoint_role(url: &str) -> Option<Role> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    let last = last.trim_end_matches(".json").trim_end_matches(".php");
    if last.contains("token") {
        return Some(Role::Token);
    }
    if last.starts_with("auth") || last.contains("authorize") || last.contains("login") || last.contains("consent") {
        return Some(Role::Authorization);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    #[test]
    fn motaword_like() {
        let text = "swagger: '2.0'\nhost: api.example.com\nsecurityDefinitions:\n  cc:\n    type: oauth2\n    flow: accessCode\n    authorizationUrl: 'https://api.example.com/token'\n    tokenUrl: 'https://API.example.com/token/'\n    scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, AuthorizationUrlEqualsTokenUrl::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "the authorization code flow of `cc` uses the same URL for authorization and token");
        assert_eq!(slice(&db, d[0].span), "'https://api.example.com/token'");
        assert_eq!(slice(&db, d[0].secondary[0].span), "'https://API.example.com/token/'");
    }

    #[test]
    fn authorize_path_points_at_the_token_url() {
        let text = "openapi: 3.0.3\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://id.shop.test/oauth/authorize\n          tokenUrl: https://id.shop.test/oauth/authorize\n          scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, AuthorizationUrlEqualsTokenUrl::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].label.as_deref(), Some("this is an authorization endpoint"));
        assert!(d[0].help.as_deref().unwrap_or("").contains("token URL"));
        let line_of = |sp: specc_ir::Span| slice(&db, sp).to_string();
        assert_eq!(line_of(d[0].span), line_of(d[0].secondary[0].span));
        // The primary span is the second occurrence: the tokenUrl value.
        assert!(d[0].span.start > d[0].secondary[0].span.start);
    }

    #[test]
    fn neutral_when_the_path_says_nothing() {
        let text = "openapi: 3.0.3\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://id.shop.test/oauth2\n          tokenUrl: https://id.shop.test/oauth2\n          scopes: {}\n";
        let (_, d) = check_text("a.yaml", text);
        let d = with_code(&d, AuthorizationUrlEqualsTokenUrl::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].label.as_deref(), Some("authorization URL"));
        assert_eq!(d[0].secondary[0].message, "token URL, the same");
        assert!(d[0].help.as_deref().unwrap_or("").starts_with("one of the two"));
    }

    #[test]
    fn roles_from_paths() {
        assert_eq!(endpoint_role("https://a.test/oauth/token"), Some(Role::Token));
        assert_eq!(endpoint_role("https://a.test/oauth2/access_token?x=1"), Some(Role::Token));
        assert_eq!(endpoint_role("https://a.test/oauth2/authorize/"), Some(Role::Authorization));
        assert_eq!(endpoint_role("https://a.test/auth"), Some(Role::Authorization));
        assert_eq!(endpoint_role("https://a.test/v1"), None);
        assert_eq!(endpoint_role("https://a.test"), None);
    }
}
