//! `oauth/authorization-url-equals-token-url`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A flow's authorization URL and token URL are the same URL (compared after resolving
    /// relative references, ignoring a trailing `/` and the case of scheme and host).
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
    /// ```yaml
    /// flow: accessCode
    /// authorizationUrl: https://api.example.com/token
    /// tokenUrl: https://api.example.com/token
    /// ```
    /// Use instead:
    /// ```yaml
    /// flow: accessCode
    /// authorizationUrl: https://api.example.com/authorize
    /// tokenUrl: https://api.example.com/token
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
    match url::Url::parse(trimmed) {
        Ok(u) => u.as_str().trim_end_matches('/').to_string(),
        Err(_) => trimmed.to_string(),
    }
}

impl Rule for AuthorizationUrlEqualsTokenUrl {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            for flow in &config.flows {
                let (Some(auth), Some(token)) = (&flow.authorization_url, &flow.token_url) else { continue };
                if auth.raw.trim().is_empty() || normalise(auth.effective()) != normalise(token.effective()) {
                    continue;
                }
                out.push(
                    Diagnostic::warning(
                        Self::META.code,
                        format!("the {} flow of `{}` uses the same URL for authorization and token", flow.kind.label(), config.name),
                        auth.span,
                    )
                    .with_label("authorization URL")
                    .with_secondary(token.span, "token URL")
                    .with_note("users are sent to the authorization URL to log in; the token endpoint only accepts the client's POST")
                    .with_help("set the authorization URL to the provider's authorization (login and consent) endpoint"),
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
    fn motaword_like() {
        let text = "swagger: '2.0'\nhost: api.example.com\nsecurityDefinitions:\n  cc:\n    type: oauth2\n    flow: accessCode\n    authorizationUrl: 'https://api.example.com/token'\n    tokenUrl: 'https://API.example.com/token/'\n    scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, AuthorizationUrlEqualsTokenUrl::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "the authorization code flow of `cc` uses the same URL for authorization and token");
        assert_eq!(slice(&db, d[0].span), "'https://api.example.com/token'");
        assert_eq!(slice(&db, d[0].secondary[0].span), "'https://API.example.com/token/'");
    }
}
