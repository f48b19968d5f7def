//! `oauth/pkce-weak`

use specc_diagnostics::{Edit, Fix};
use specc_ir::{Dialect, FlowKind, Pkce};

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The configuration weakens PKCE for the authorization code flow:
    /// - PKCE is switched off for a public client (one with no client secret);
    /// - the code challenge method is `plain` (when the configuration states the method; none of the
    ///   dialects specc reads records it yet, so today only the first case is reported from files).
    ///
    /// Turning PKCE off for a confidential client is left to the dialect's own rule (for example
    /// `membrane/skip-pkce`), since RFC 9700 only RECOMMENDS it there.
    ///
    /// ## Why it matters
    /// PKCE binds the authorization code to the client that asked for it, so an intercepted code
    /// cannot be redeemed. RFC 9700 §2.1.1 (<https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1>)
    /// says public clients MUST use it and that `S256` is the method to use; RFC 7636 §4.2: "If the
    /// client is capable of using S256, it MUST use S256". With `plain` the challenge *is* the
    /// verifier, so anyone who sees the authorization request can redeem the code. Both cases break a
    /// MUST, so both are errors.
    ///
    /// ## Example
    /// A Membrane connector for a public client (no client secret) that turns PKCE off:
    /// ```yaml title="spec.yml"
    /// @ auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    /// ```
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// @ clientAuthLocation: headers
    /// skipPkce: true
    /// ```
    /// ```yaml title="auth/make-api-client.map.yml"
    /// @ baseUri: https://api.example.com
    /// @ headers:
    /// @   Authorization:
    /// @     $concat:
    /// @       values:
    /// @         - 'Bearer '
    /// @         - $var: credentials.access_token
    /// ```
    /// ```js title="auth/test.js"
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    /// Use instead: keep PKCE on (Membrane also expects the client secret of the OAuth app):
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// skipPkce: false
    /// ```
    ///
    /// ## Fix safety
    /// `plain` → `S256` is offered when the file spells the method `plain`. Providers that support
    /// PKCE support `S256` (RFC 8414 `code_challenge_methods_supported` says which), but specc cannot
    /// check the provider: the fix is unsafe.
    pub struct PkceWeak {
        code: "oauth/pkce-weak",
        summary: "PKCE is off for a public client, or uses the `plain` method",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
    }
}

impl Rule for PkceWeak {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some(pkce) = &config.pkce else { continue };
            if config.flow(&FlowKind::AuthorizationCode).is_none() {
                continue;
            }
            match pkce.value {
                // Keboola's OAuth Manager never sends PKCE and requires `app_secret`; an empty secret is
                // `keboola/manage-missing-required`, not a public client.
                Pkce::Disabled if config.client_secret.is_none() && config.dialect != Dialect::Keboola => out.push(
                    Self::diagnostic(format!("PKCE is turned off for `{}`, a public client", config.name), pkce.span)
                    .with_label("PKCE off")
                    .with_note("without a client secret, PKCE is the only thing stopping an intercepted code from being redeemed (RFC 9700 §2.1.1)")
                    .with_help("turn PKCE on with the `S256` method"),
                ),
                Pkce::Plain => {
                    let mut d = Self::diagnostic(format!("PKCE of `{}` uses the `plain` method", config.name), pkce.span)
                    .with_label("plain")
                    .with_note("with `plain` the code challenge is the verifier itself; RFC 7636 §4.2 requires S256 when the client can use it")
                    .with_help("use `S256`");
                    let text = cx.text(pkce.span);
                    if let Some(pos) = text.find("plain") {
                        let start = pkce.span.start + pos as u32;
                        let span = specc_ir::Span { file: pkce.span.file, start, end: start + 5 };
                        d = d.with_fix(Fix::unsafe_("use S256", vec![Edit { span, replacement: "S256".into() }]));
                    }
                    out.push(d);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn disabled_for_public_client_and_plain() {
        let text = "pkce: off\nmethod: plain\n";
        let (db, d) = run_ir(text, |c, f| {
            c.pkce = Some(specc_ir::Spanned::new(Pkce::Disabled, specc_ir::Span::new(f, 6, 9)));
        });
        let d = with_code(&d, PkceWeak::META.code);
        assert_eq!(d[0].message, "PKCE is turned off for `test`, a public client");
        assert_eq!(slice(&db, d[0].span), "off");
        let (db, d) = run_ir(text, |c, f| {
            c.pkce = Some(specc_ir::Spanned::new(Pkce::Plain, specc_ir::Span::new(f, 18, 23)));
        });
        let d = with_code(&d, PkceWeak::META.code);
        assert_eq!(d[0].severity, specc_diagnostics::Severity::Error);
        assert_eq!(apply_fix(&db, d[0]), "pkce: off\nmethod: S256\n");
        let (_, d) = run_ir(text, |c, f| {
            c.pkce = Some(specc_ir::Spanned::new(Pkce::Disabled, specc_ir::Span::new(f, 6, 9)));
            c.client_secret = Some(specc_ir::Credential {
                value: specc_ir::CredentialValue::EnvVar("SECRET".into()),
                span: specc_ir::Span::new(f, 0, 1),
            });
        });
        assert!(d.is_empty());
    }
}
