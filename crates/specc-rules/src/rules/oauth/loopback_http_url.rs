//! `oauth/loopback-http-url`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An authorization, token, refresh, device authorization or request-token endpoint, or an
    /// authorization server metadata / OpenID Connect discovery URL, uses plain `http://` on a
    /// loopback host (`localhost`, `127.0.0.1`, `[::1]`). Plain http to any other host is
    /// `oauth/insecure-http-url`, an error.
    ///
    /// ## Why it matters
    /// The traffic does not leave the machine, so nobody on the network reads the client secret or
    /// the tokens. But a shipped configuration that points at a local authorization server is almost
    /// always a development leftover: it works only on the machine of whoever wrote it. RFC 6749
    /// §3.1 and §3.2 (<https://www.rfc-editor.org/rfc/rfc6749#section-3.1>) require TLS on these
    /// endpoints with no loopback exception; RFC 8252 §7.3's exception is for redirect URIs only.
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
    ///           tokenUrl: http://localhost:8080/oauth/token
    ///           scopes: {}
    /// ```
    /// Use instead the provider's endpoint:
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
    ///
    /// ## Fix safety
    /// Switching to `https` works only if the local server serves TLS on that port, which specc
    /// cannot know: the fix is unsafe. It is offered only when the URL itself says `http`.
    pub struct LoopbackHttpUrl {
        code: "oauth/loopback-http-url",
        summary: "An OAuth endpoint URL uses plain http on a loopback host",
        severity: Warning,
        fix: Unsafe,
        since: "0.2.0",
    }
}

impl Rule for LoopbackHttpUrl {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        super::insecure_http_url::report(cx, out, true);
    }
}
