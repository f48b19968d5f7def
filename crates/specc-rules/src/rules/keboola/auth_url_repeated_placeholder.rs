//! `keboola/auth-url-repeated-placeholder`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A placeholder occurs more than once in `auth_url`.
    ///
    /// ## Why it matters
    /// The serverless (JavaScript) port of the OAuth Manager substitutes with `String.replace` and a
    /// string pattern, which replaces the first occurrence only: the second copy
    /// reaches the provider as literal `%%name%%` text.
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    /// @   "oauth_version": "2.0",
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&login_hint=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%"
    /// }
    /// ```
    /// Use instead:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    /// @   "oauth_version": "2.0",
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%"
    /// }
    /// ```
    pub struct AuthUrlRepeatedPlaceholder {
        code: "keboola/auth-url-repeated-placeholder",
        summary: "A placeholder occurs more than once in `auth_url`",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for AuthUrlRepeatedPlaceholder {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(url) = super::auth_url(cx) else { return };
        for (i, (o, span)) in url.placeholders.iter().enumerate() {
            let Some((_, first)) = url.placeholders.iter().take(i).find(|(p, _)| p.name == o.name) else { continue };
            out.push(
                Diagnostic::warning(
                    AuthUrlRepeatedPlaceholder::META.code,
                    format!("`%%{}%%` occurs more than once", o.name),
                    *span,
                )
                .with_label("may be left unsubstituted")
                .with_secondary(*first, "first occurrence")
                .with_help("keep one occurrence"),
            );
        }
    }
}
