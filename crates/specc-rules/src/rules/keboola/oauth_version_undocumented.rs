//! `keboola/oauth-version-undocumented`

use crate::{declare_rule, Context, Diagnostic, Rule};

/// The `oauth_version` Keboola's tests use although no document lists it.
pub(super) const UNDOCUMENTED: &str = "quickbooks";

declare_rule! {
    /// ## What it checks
    /// `oauth_version` of a manage body is `quickbooks`: Keboola's own OAuth Manager tests register
    /// a `quickbooks` consumer type, but no document lists it. Other unknown values are
    /// `keboola/oauth-version-invalid`, an error.
    ///
    /// ## Why it matters
    /// The platform documentation defines the enum `1.0 | 2.0 | facebook` (the Keboola OAuth Manager
    /// API v2 reference, deprecated: <https://github.com/keboola/oauth-v2-bundle>, `oauth_version`
    /// Members). A deployment that has the QuickBooks consumer accepts the value; any other picks
    /// no OAuth implementation, and nothing documents which is which.
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    ///   "oauth_version": "quickbooks"
    /// }
    /// ```
    /// Use instead, when the provider speaks standard OAuth 2.0:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    ///   "oauth_version": "2.0"
    /// }
    /// ```
    pub struct OAuthVersionUndocumented {
        code: "keboola/oauth-version-undocumented",
        summary: "`oauth_version` is `quickbooks`, which no document lists",
        severity: Warning,
        fix: None,
        since: "0.2.0",
        reads: [Keboola],
    }
}

impl Rule for OAuthVersionUndocumented {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(v) = super::manage(cx).and_then(|m| m.oauth_version.as_ref()) else { return };
        if v.value != UNDOCUMENTED {
            return;
        }
        out.push(
            Self::diagnostic("`oauth_version: quickbooks` is not documented", v.span)
                .with_label("undocumented OAuth version")
                .with_note("Keboola's tests use a `quickbooks` consumer type, but the documented values are `1.0`, `2.0` and `facebook`"),
        );
    }
}
