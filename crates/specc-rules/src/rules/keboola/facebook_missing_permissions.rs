//! `keboola/facebook-missing-permissions`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A manage body with `oauth_version: facebook` has no (or an empty) `permissions`, or lists URLs
    /// in it instead of Facebook permission names.
    ///
    /// ## Why it matters
    /// For `facebook` the OAuth Manager builds the login URL itself from `permissions`, "a coma
    /// separated list of values from https://developers.facebook.com/docs/facebook-login/permissions/";
    /// `auth_url` and `token_url` are not required (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>), "Add new
    /// component"). Without permissions the user grants nothing; a URL is not a permission name.
    /// `graph_api_version` is optional; the platform documentation says it defaults to `v2.8`, the code read for
    /// stores an empty string, so specc does not write a default.
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    ///   "oauth_version": "facebook",
    ///   "graph_api_version": "v19.0"
    /// }
    /// ```
    /// Use instead:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    ///   "oauth_version": "facebook",
    ///   "graph_api_version": "v19.0",
    ///   "permissions": "pages_show_list,pages_read_engagement"
    /// }
    /// ```
    pub struct FacebookMissingPermissions {
        code: "keboola/facebook-missing-permissions",
        summary: "A `facebook` registration has no usable `permissions`",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for FacebookMissingPermissions {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(m) = super::manage(cx) else { return };
        let Some(v) = m.oauth_version.as_ref().filter(|v| v.value == "facebook") else { return };
        match &m.permissions {
            Some(p) if p.value.contains("://") => out.push(
                Diagnostic::error(
                    FacebookMissingPermissions::META.code,
                    "`permissions` lists URLs, not Facebook permission names",
                    p.span,
                )
                .with_label("a URL is not a permission")
                .with_help("list permission names separated by commas, such as `pages_show_list,ads_read`"),
            ),
            Some(p) if !p.value.trim().is_empty() => {}
            _ => out.push(
                Diagnostic::error(
                    FacebookMissingPermissions::META.code,
                    "`facebook` registration has no `permissions`",
                    m.permissions.as_ref().map_or(v.span, |p| p.span),
                )
                .with_label("the login asks for these permissions")
                .with_help("add `permissions` with comma-separated Facebook permission names"),
            ),
        }
    }
}
