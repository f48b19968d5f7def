//! `oauth/redirect-uri-shape`

use specc_diagnostics::Fix;
use specc_syntax::SourceUrl;

use crate::util::is_template;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A redirect URI that cannot be matched exactly:
    /// - it is relative (no scheme), and not a platform template such as `{{iap}}/admin/oauth/`;
    /// - it has a fragment (`#…`);
    /// - it contains a wildcard `*`.
    ///
    /// A private-use scheme that is not in reverse-DNS form is `oauth/redirect-uri-private-scheme`.
    ///
    /// ## Why it matters
    /// The redirect URI "MUST be an absolute URI" and "MUST NOT include a fragment component"
    /// (RFC 6749 §3.1.2, <https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2>). Authorization
    /// servers must compare redirect URIs by exact string (RFC 9700 §2.1 and §4.1.3): wildcards
    /// and patterns are how codes get redirected to an attacker.
    ///
    /// ## Example
    /// An Itential instance:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// redirect_uri: https://itential.example.com/admin/oauth/#done
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
    ///
    /// ## Fix safety
    /// Only the fragment is fixed, by removing it. The provider compares the registered URI exactly,
    /// so the registration must change too: the fix is unsafe.
    pub struct RedirectUriShape {
        code: "oauth/redirect-uri-shape",
        summary: "A redirect URI is relative, has a fragment or a wildcard",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
    }
}

impl Rule for RedirectUriShape {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let code = Self::META.code;
        for config in &cx.ir().configs {
            let Some(redirect) = &config.redirect_uri else { continue };
            let value = redirect.value.as_str();
            let note = "authorization servers compare redirect URIs exactly (RFC 9700 §4.1.3)";
            let template = is_template(value);
            if uri_scheme(value).is_none() && !template {
                out.push(
                    Diagnostic::error(code, format!("redirect URI of `{}` is relative", config.name), redirect.span)
                        .with_label("no scheme or host")
                        .with_note("RFC 6749 §3.1.2: the redirect URI must be absolute")
                        .with_help("write the full URI, such as `https://host/path`"),
                );
            }
            if let Some(pos) = value.find('#') {
                let mut d = Diagnostic::error(
                    code,
                    format!("redirect URI of `{}` has a fragment", config.name),
                    cx.string_part(redirect.span, value, pos..value.len()),
                )
                .with_label("fragment")
                .with_note("RFC 6749 §3.1.2: the redirect URI must not include a fragment component")
                .with_help("remove the fragment");
                if let Some(edit) = cx.string_edit(redirect.span, value, pos..value.len(), "") {
                    d = d.with_fix(Fix::unsafe_("remove the fragment", vec![edit]));
                }
                out.push(d);
            }
            if let Some(pos) = value.find('*') {
                out.push(
                    Diagnostic::error(
                        code,
                        format!("redirect URI of `{}` contains a wildcard", config.name),
                        cx.string_part(redirect.span, value, pos..pos + 1),
                    )
                    .with_label("wildcard")
                    .with_note(note)
                    .with_help("register and use one exact URI per callback"),
                );
            }
        }
    }
}

/// The scheme of a redirect URI, lower-cased, also for private-use schemes written
/// `com.example.app:/cb` (without `//`).
pub(super) fn uri_scheme(value: &str) -> Option<String> {
    SourceUrl::new(value).scheme().map(str::to_ascii_lowercase).or_else(|| {
        let (s, _) = value.split_once(':')?;
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .then(|| s.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    fn run(redirect: &str) -> (specc_syntax::SourceDb, Vec<Diagnostic>) {
        check_instance_redirect(redirect)
    }

    #[test]
    fn fragment_wildcard_and_relative() {
        let (db, d) = run("https://i.example.com/admin/oauth/#x");
        let d = with_code(&d, RedirectUriShape::META.code);
        assert_eq!(d[0].message, "redirect URI of `o` has a fragment");
        assert_eq!(slice(&db, d[0].span), "#x");
        assert!(apply_fix(&db, d[0]).contains("redirect_uri: https://i.example.com/admin/oauth/\n"));
        let (db, d) = run("'https://*.example.com/admin/oauth/'");
        let d = with_code(&d, RedirectUriShape::META.code);
        assert_eq!(d[0].message, "redirect URI of `o` contains a wildcard");
        assert_eq!(slice(&db, d[0].span), "*");
        let (_, d) = run("/admin/oauth/");
        assert_eq!(with_code(&d, RedirectUriShape::META.code)[0].message, "redirect URI of `o` is relative");
        let (_, d) = run("myapp:/callback");
        assert!(with_code(&d, RedirectUriShape::META.code).is_empty(), "{d:?}");
    }

    #[test]
    fn templates_and_reverse_dns_are_fine() {
        for ok in ["\"{{iap}}/admin/oauth/\"", "com.example.app:/callback"] {
            let (_, d) = run(ok);
            assert!(with_code(&d, RedirectUriShape::META.code).is_empty(), "{ok}: {d:?}");
        }
    }
}
