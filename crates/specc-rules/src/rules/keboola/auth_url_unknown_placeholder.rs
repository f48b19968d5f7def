//! `keboola/auth-url-unknown-placeholder`

use specc_dialects::keboola::KNOWN_PLACEHOLDERS;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `auth_url` contains a `%%name%%` placeholder the OAuth Manager does not substitute: anything
    /// other than `%%app_key%%`, `%%client_id%%`, `%%redirect_uri%%`, `%%hash%%`, `%%subdomain%%`, and
    /// `%%oauth_token%%` (OAuth 1.0 only).
    ///
    /// ## Why it matters
    /// Only these are replaced (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>): "For 1.0, `%%oauth_token%%`
    /// is replaced…", "For 2.0, `%%redirect_uri%%` and `%%app_key%%`…", `%%hash%%` in the example,
    /// `%%subdomain%%` under "Add new component";). Any other placeholder reaches the
    /// provider literally.
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
    ///   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%appkey%%&redirect_uri=%%redirect_uri%%&state=%%hash%%"
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
    pub struct AuthUrlUnknownPlaceholder {
        code: "keboola/auth-url-unknown-placeholder",
        summary: "`auth_url` has a placeholder the OAuth Manager does not substitute",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for AuthUrlUnknownPlaceholder {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(m) = super::manage(cx) else { return };
        let Some(url) = super::auth_url(cx) else { return };
        let version = super::oauth_version(m);
        for (o, span) in &url.placeholders {
            let known = KNOWN_PLACEHOLDERS.contains(&o.name.as_str());
            if known && !(o.name == "oauth_token" && version.is_some_and(|v| v != "1.0")) {
                continue;
            }
            let mut d = Diagnostic::error(
                AuthUrlUnknownPlaceholder::META.code,
                format!("`%%{}%%` is not substituted by the OAuth Manager", o.name),
                *span,
            )
            .with_label("sent to the provider as written");
            if o.name == "oauth_token" {
                d = d.with_note("`%%oauth_token%%` is only replaced for `oauth_version: 1.0`");
            } else if let Some(s) = did_you_mean(&o.name) {
                d = d.with_help(format!("did you mean `%%{s}%%`?"));
            } else {
                d = d.with_help("use `%%app_key%%`, `%%redirect_uri%%`, `%%hash%%` or `%%subdomain%%`");
            }
            out.push(d);
        }
    }
}

fn did_you_mean(name: &str) -> Option<&'static str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '-'], "");
    let n = norm(name);
    KNOWN_PLACEHOLDERS.iter().copied().find(|k| {
        let k2 = norm(k);
        k2 == n || (n.len() > 3 && (k2.starts_with(&n) || n.starts_with(&k2)))
    })
}
