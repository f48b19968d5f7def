//! `oauth/redirect-uri-http`

use specc_syntax::SourceUrl;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A redirect URI uses plain `http://` and its host is not a loopback IP literal (`127.0.0.1`
    /// or any `127.x.x.x`, `[::1]`). `http://localhost` is reported by `oauth/redirect-uri-localhost`
    /// instead.
    ///
    /// ## Why it matters
    /// The authorization code (and, for some providers, tokens) arrives on this URI. Over plain
    /// http anyone on the path can read it and redeem it. RFC 9700 §2.6 allows http redirect URIs
    /// only for native apps on the loopback interface (RFC 8252 §7.3,
    /// <https://www.rfc-editor.org/rfc/rfc8252#section-7.3>), and RFC 6749 §3.1.2.1 asks for TLS
    /// on the redirection endpoint.
    ///
    /// ## Example
    /// An Itential instance:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// redirect_uri: http://itential.example.com/admin/oauth/
    /// ```
    /// ```json title="model.json"
    /// @ { "openapi": "3.0.0", "info": { "title": "Box", "version": "2.0" }, "paths": {},
    /// @   "components": { "securitySchemes": { "OAuth2Security": { "type": "oauth2", "flows": {
    /// @     "authorizationCode": { "authorizationUrl": "https://account.box.com/api/oauth2/authorize",
    /// @       "tokenUrl": "https://api.box.com/oauth2/token",
    /// @       "scopes": { "root_readonly": "Read all files and folders", "manage_webhook": "Create webhooks" } } } } } } }
    /// ```
    /// Use instead:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// redirect_uri: https://itential.example.com/admin/oauth/
    /// ```
    pub struct RedirectUriHttp {
        code: "oauth/redirect-uri-http",
        summary: "A redirect URI uses plain http on a non-loopback host",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// Loopback IP literals, the only hosts RFC 8252 §7.3 allows with http.
pub(crate) fn is_loopback_ip(host: &str) -> bool {
    host == "::1" || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// `localhost` and names under it (RFC 6761 §6.3).
pub(crate) fn is_localhost_name(host: &str) -> bool {
    host == "localhost" || host.ends_with(".localhost")
}

impl Rule for RedirectUriHttp {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some(redirect) = &config.redirect_uri else { continue };
            let url = SourceUrl::new(&redirect.value);
            if !url.has_scheme("http") {
                continue;
            }
            let Some(h) = url.host_lowercase() else { continue };
            if is_loopback_ip(&h) || is_localhost_name(&h) {
                continue;
            }
            out.push(
                Diagnostic::error(Self::META.code, format!("redirect URI of `{}` uses plain http", config.name), redirect.span)
                    .with_label("not TLS")
                    .with_note("the authorization code arrives on this URI and can be intercepted; only loopback redirects may use http (RFC 9700 §2.6, RFC 8252 §7.3)")
                    .with_help("serve the callback over https and register the https URI with the provider"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    const MODEL: &str = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {}}}}}}}"#;

    #[test]
    fn http_redirect() {
        let inst = "model: model.json\nclient_id: abc\nclient_secret: \"{{S}}\"\nredirect_uri: http://itential.example.com/admin/oauth/\n";
        let (db, d) = check_itential(inst, MODEL);
        let d = with_code(&d, RedirectUriHttp::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "redirect URI of `o` uses plain http");
        assert_eq!(slice(&db, d[0].span), "http://itential.example.com/admin/oauth/");
        let inst = inst.replace("itential.example.com", "127.0.0.1:8080");
        let (_, d) = check_itential(&inst, MODEL);
        assert!(with_code(&d, RedirectUriHttp::META.code).is_empty());
    }
}
