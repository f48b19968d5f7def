//! `oauth/redirect-uri-localhost`

use specc_diagnostics::Fix;
use specc_syntax::SourceUrl;

use super::redirect_uri_http::is_localhost_name;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A redirect URI points at the loopback interface by the name `localhost` (or a name under
    /// `.localhost`) instead of an IP literal.
    ///
    /// ## Why it matters
    /// "Loopback redirect URIs using localhost are NOT RECOMMENDED" (OAuth 2.1 §8.4.2; RFC 8252
    /// §8.3, <https://www.rfc-editor.org/rfc/rfc8252#section-8.3>): the name can resolve to a
    /// non-loopback address through a hosts file or DNS, and a firewall may treat it differently
    /// from `127.0.0.1`. Use the IP literal, and register exactly that with the provider.
    ///
    /// ## Example
    /// An Itential instance:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// redirect_uri: http://localhost:3000/admin/oauth/
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
    /// redirect_uri: http://127.0.0.1:3000/admin/oauth/
    /// ```
    ///
    /// ## Fix safety
    /// The provider compares redirect URIs exactly; after the change the registered URI must be
    /// updated too, so the fix is unsafe.
    pub struct RedirectUriLocalhost {
        code: "oauth/redirect-uri-localhost",
        summary: "A loopback redirect URI uses the name `localhost`",
        severity: Warning,
        fix: Unsafe,
        since: "0.1.0",
    }
}

impl Rule for RedirectUriLocalhost {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some(redirect) = &config.redirect_uri else { continue };
            let Some(h) = SourceUrl::new(&redirect.value).host_lowercase() else { continue };
            if !is_localhost_name(&h) {
                continue;
            }
            let mut d = Diagnostic::warning(
                Self::META.code,
                format!("redirect URI of `{}` uses the name `{h}` for the loopback interface", config.name),
                redirect.span,
            )
            .with_label("use an IP literal")
            .with_note("OAuth 2.1 §8.4.2: `localhost` can resolve to something other than the loopback interface")
            .with_help("use `127.0.0.1` (or `[::1]`) and register the same URI with the provider");
            // Replace the host when it is written plainly after `://`.
            let value = redirect.value.as_str();
            let at = value.find("://").map(|p| p + 3).and_then(|start| {
                let rest = &value[start..];
                let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
                let start = value.len() - rest.len();
                rest.get(..h.len()).filter(|x| x.eq_ignore_ascii_case(&h)).map(|_| start)
            });
            if let Some(edit) = at.and_then(|s| cx.string_edit(redirect.span, value, s..s + h.len(), "127.0.0.1")) {
                if h == "localhost" {
                    d = d.with_fix(Fix::unsafe_("use 127.0.0.1", vec![edit]));
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

    #[test]
    fn localhost_redirect() {
        let model = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {}}}}}}}"#;
        let inst = "model: model.json\nclient_id: abc\nclient_secret: \"{{S}}\"\nredirect_uri: 'http://localhost:3000/admin/oauth/'\n";
        let (db, d) = check_itential(inst, model);
        let all = d.clone();
        let d = with_code(&d, RedirectUriLocalhost::META.code);
        assert_eq!(d.len(), 1, "{all:?}");
        assert_eq!(d[0].message, "redirect URI of `o` uses the name `localhost` for the loopback interface");
        assert!(with_code(&all, "oauth/redirect-uri-http").is_empty());
        assert!(apply_fix(&db, d[0]).contains("redirect_uri: 'http://127.0.0.1:3000/admin/oauth/'"));
    }
}
