//! `oauth/redirect-uri-private-scheme`

use super::redirect_uri_shape::uri_scheme;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A redirect URI uses a private-use URI scheme (a native app's callback) that is not in
    /// reverse domain name form: `myapp:/callback` rather than `com.example.myapp:/callback`.
    ///
    /// ## Why it matters
    /// The redirect works: the operating system hands the URI to the app that registered the
    /// scheme. But nothing stops another app from registering the same short scheme and receiving
    /// the authorization code instead. OAuth 2.0 for Native Apps (RFC 8252 §7.1,
    /// <https://www.rfc-editor.org/rfc/rfc8252#section-7.1>) and OAuth 2.1 §8.4.3 ask for a scheme
    /// based on a domain name the app's publisher controls, so that schemes do not collide.
    ///
    /// ## Example
    /// An Itential instance:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// redirect_uri: myapp:/admin/oauth/
    /// ```
    /// ```json title="model.json"
    /// @ { "openapi": "3.0.0", "info": { "title": "Box", "version": "2.0" }, "paths": {},
    /// @   "components": { "securitySchemes": { "OAuth2Security": { "type": "oauth2", "flows": {
    /// @     "authorizationCode": { "authorizationUrl": "https://account.box.com/api/oauth2/authorize",
    /// @       "tokenUrl": "https://api.box.com/oauth2/token",
    /// @       "scopes": { "root_readonly": "Read all files and folders", "manage_webhook": "Create webhooks" } } } } } } }
    /// ```
    /// Use instead a scheme in reverse domain form, or here Itential's own callback:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    pub struct RedirectUriPrivateScheme {
        code: "oauth/redirect-uri-private-scheme",
        summary: "A redirect URI's private-use scheme is not a reverse domain name",
        severity: Warning,
        fix: None,
        since: "0.2.0",
    }
}

impl Rule for RedirectUriPrivateScheme {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some(redirect) = &config.redirect_uri else { continue };
            let value = redirect.value.as_str();
            let Some(s) = uri_scheme(value) else { continue };
            if s == "http" || s == "https" || s.contains('.') {
                continue;
            }
            out.push(
                Self::diagnostic(
                    format!("redirect URI of `{}` uses private-use scheme `{s}` without a reverse domain name", config.name),
                    cx.string_part(redirect.span, value, 0..s.len()),
                )
                .with_label("not reverse-DNS")
                .with_note("another app can claim the same scheme and receive the code (OAuth 2.1 §8.4.3, RFC 8252 §7.1)")
                .with_help("use a scheme based on a domain you control, such as `com.example.app`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    #[test]
    fn short_scheme_is_reported_and_reverse_dns_is_not() {
        let (db, d) = check_instance_redirect("myapp:/callback");
        let d = with_code(&d, RedirectUriPrivateScheme::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, specc_diagnostics::Severity::Warning);
        assert_eq!(slice(&db, d[0].span), "myapp");
        for ok in ["com.example.app:/callback", "https://i.example.com/admin/oauth/", "/admin/oauth/"] {
            let (_, d) = check_instance_redirect(ok);
            assert!(with_code(&d, RedirectUriPrivateScheme::META.code).is_empty(), "{ok}: {d:?}");
        }
    }
}
