//! `itential/redirect-uri-trailing-slash`

use specc_diagnostics::Fix;
use specc_syntax::SourceUrl;

use super::instance;
use crate::{declare_rule, Context, Diagnostic, Rule};

/// The path of Itential's OAuth callback, trailing slash included.
const CALLBACK_PATH: &str = "/admin/oauth/";

declare_rule! {
    /// ## What it checks
    /// The instance's `redirect_uri` is not Itential's OAuth callback written exactly:
    /// `{{iap}}/admin/oauth/`, or an absolute `http(s)` base of the platform followed by
    /// `/admin/oauth/` (for example `https://itential.example.com/admin/oauth/`). Most often the
    /// trailing `/` is missing.
    ///
    /// ## Why it matters
    /// Itential's documentation says to register `{{iap}}/admin/oauth/` with the provider and warns
    /// twice: "Don't forget the trailing slash". Providers compare redirect URIs by exact string
    /// (RFC 9700 §2.1 and §4.1.3, <https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3>), so
    /// `…/admin/oauth` and `…/admin/oauth/` are different URIs: the provider refuses the
    /// authorization request, or the callback does not reach Itential.
    ///
    /// ## Example
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// redirect_uri: "{{iap}}/admin/oauth"
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
    /// redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    ///
    /// ## Fix safety
    /// Appending the missing `/` produces the URI Itential actually serves; the fix is safe. Register
    /// the same URI with the provider.
    pub struct RedirectUriTrailingSlash {
        code: "itential/redirect-uri-trailing-slash",
        summary: "The instance's redirect URI is not exactly `{{iap}}/admin/oauth/`",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [Itential],
    }
}

/// The part before `/admin/oauth…` is a usable platform base: `{{iap}}` or an absolute http(s) origin
/// with an optional path prefix.
fn is_base(base: &str) -> bool {
    if let Some(inner) = base.strip_prefix("{{").and_then(|b| b.strip_suffix("}}")) {
        return inner.trim() == "iap";
    }
    match SourceUrl::new(base).parse() {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| !h.is_empty())
                && u.query().is_none()
                && u.fragment().is_none()
                && base.contains("://")
                && !base.ends_with('/')
        }
        Err(_) => false,
    }
}

impl Rule for RedirectUriTrailingSlash {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(inst) = instance(cx) else { return };
        let Some(redirect) = &inst.redirect_uri else { return };
        let value = redirect.value.as_str();
        if value.strip_suffix(CALLBACK_PATH).is_some_and(is_base) {
            return;
        }
        let note =
            "providers compare redirect URIs character by character; Itential serves its callback at `/admin/oauth/`";
        if value.strip_suffix("/admin/oauth").is_some_and(is_base) {
            let mut d =
                Diagnostic::error(Self::META.code, "instance `redirect_uri` lacks the trailing `/`", redirect.span)
                    .with_label("expected `/admin/oauth/`")
                    .with_note(note)
                    .with_help(format!("write `{value}/`, and register the same URI with the provider"));
            if let Some(edit) = cx.string_edit(redirect.span, value, value.len()..value.len(), "/") {
                d = d.with_fix(Fix::safe("append `/`", vec![edit]));
            }
            out.push(d);
            return;
        }
        out.push(
            Diagnostic::error(
                Self::META.code,
                "instance `redirect_uri` is not Itential's OAuth callback `{{iap}}/admin/oauth/`",
                redirect.span,
            )
            .with_label("expected `{{iap}}/admin/oauth/` or `https://<platform host>/admin/oauth/`")
            .with_note(note)
            .with_help("set `redirect_uri: \"{{iap}}/admin/oauth/\"` and register the resolved URI with the provider"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    fn run(redirect: &str) -> (specc_syntax::SourceDb, Vec<Diagnostic>) {
        check_instance_redirect(redirect)
    }

    #[test]
    fn missing_slash_is_fixed() {
        let (db, d) = run("\"{{iap}}/admin/oauth\"");
        let d = with_code(&d, RedirectUriTrailingSlash::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "instance `redirect_uri` lacks the trailing `/`");
        assert_eq!(slice(&db, d[0].span), "\"{{iap}}/admin/oauth\"");
        assert!(apply_fix(&db, d[0]).contains("redirect_uri: \"{{iap}}/admin/oauth/\"\n"));
        let (db, d) = run("https://itential.example.com/admin/oauth");
        let d = with_code(&d, RedirectUriTrailingSlash::META.code);
        assert!(apply_fix(&db, d[0]).contains("redirect_uri: https://itential.example.com/admin/oauth/\n"));
    }

    #[test]
    fn accepted_forms() {
        for ok in [
            "\"{{iap}}/admin/oauth/\"",
            "https://itential.example.com/admin/oauth/",
            "https://h.example.com:8443/iap/admin/oauth/",
        ] {
            let (_, d) = run(ok);
            assert!(ignoring_advice(&d).is_empty(), "{ok}: {d:?}");
        }
    }

    #[test]
    fn other_paths_have_no_fix() {
        let (_, d) = run("https://itential.example.com/oauth/callback");
        let d = with_code(&d, RedirectUriTrailingSlash::META.code);
        assert_eq!(d[0].message, "instance `redirect_uri` is not Itential's OAuth callback `{{iap}}/admin/oauth/`");
        assert!(d[0].fix.is_none());
    }
}
