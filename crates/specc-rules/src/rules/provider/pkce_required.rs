//! `provider/pkce-required`

use specc_ir::Pkce;
use specc_providers::PkceSupport;

use super::{has_authorization_code, provider_of, source_note};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// PKCE is turned off (Membrane `skipPkce: true`) for a provider that requires it on every
    /// authorization code request, per the provider catalog: X (Twitter) OAuth 2.0, Airtable,
    /// Canva, Etsy.
    ///
    /// ## Why it matters
    /// The provider rejects an authorization request without `code_challenge`, so no user can
    /// connect. PKCE (RFC 7636) is also what RFC 9700 recommends for every client.
    ///
    /// Sources: the provider's page, linked in each finding; for example Airtable,
    /// <https://airtable.com/developers/web/api/oauth-reference>.
    ///
    /// ## Example
    /// ```yaml
    /// authorizeUri: https://airtable.com/oauth2/v1/authorize
    /// tokenUri: https://airtable.com/oauth2/v1/token
    /// skipPkce: true
    /// ```
    /// Use instead:
    /// ```yaml
    /// authorizeUri: https://airtable.com/oauth2/v1/authorize
    /// tokenUri: https://airtable.com/oauth2/v1/token
    /// ```
    pub struct PkceRequired {
        code: "provider/pkce-required",
        summary: "PKCE is turned off for a provider that requires it",
        severity: Error,
        fix: None,
        since: "0.2.0",
    }
}

impl Rule for PkceRequired {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            let Some(pkce) = &config.pkce else { continue };
            if pkce.value != Pkce::Disabled || !has_authorization_code(config) {
                continue;
            }
            let Some((p, _)) = provider_of(cx, config) else { continue };
            let Some(fact) = &p.pkce else { continue };
            if fact.support != PkceSupport::Required {
                continue;
            }
            out.push(
                Diagnostic::error(
                    Self::META.code,
                    format!("{} requires PKCE on authorization code requests, and it is turned off", p.name),
                    pkce.span,
                )
                .with_label("PKCE off")
                .with_note(source_note(p, &fact.source))
                .with_help("turn PKCE on (S256)"),
            );
        }
    }
}
