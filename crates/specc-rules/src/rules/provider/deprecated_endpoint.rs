//! `provider/deprecated-endpoint`

use crate::rules::oauth::endpoints;
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// An endpoint URL (authorization, token, refresh...) that the provider catalog lists as
    /// deprecated (still answering) for the provider the URL belongs to, such as Google's
    /// `https://accounts.google.com/o/oauth2/token` or Slack's legacy `oauth/authorize` and
    /// `oauth.access`. `specc providers NAME` shows the provider's current endpoints and the page
    /// each fact comes from.
    ///
    /// ## Why it matters
    /// A deprecated endpoint keeps working until the provider turns it off, and then every
    /// connection made with the configuration fails at once. An endpoint that no longer answers is
    /// `provider/retired-endpoint`, an error.
    ///
    /// Sources: the provider's own documentation, linked in each finding. For example Google names
    /// `https://oauth2.googleapis.com/token` as its token endpoint in
    /// <https://accounts.google.com/.well-known/openid-configuration>; Slack describes its first
    /// OAuth flow as an outdated approach, replaced by `oauth/v2/authorize` and `oauth.v2.access`, in
    /// <https://api.slack.com/legacy/oauth>.
    ///
    /// ## Example
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://accounts.google.com/o/oauth2/v2/auth",
    /// @       "scopes": ["https://www.googleapis.com/auth/drive"],
    /// @       "access_type": "offline",
    /// @       "prompt": "consent",
    ///       "token_uri": "https://accounts.google.com/o/oauth2/token"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "fields": { "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true } },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://accounts.google.com/o/oauth2/v2/auth",
    /// @       "scopes": ["https://www.googleapis.com/auth/drive"],
    /// @       "access_type": "offline",
    /// @       "prompt": "consent",
    ///       "token_uri": "https://oauth2.googleapis.com/token"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// When the catalog marks the replacement as a drop-in (same parameters, same response), the fix
    /// replaces the URL's prefix with the current endpoint and keeps any query; it is safe. Other
    /// replacements (a new API version with other parameters) are named in the help only.
    pub struct DeprecatedEndpoint {
        code: "provider/deprecated-endpoint",
        summary: "An endpoint URL the provider has deprecated",
        severity: Warning,
        fix: Safe,
        since: "0.2.0",
    }
}

impl Rule for DeprecatedEndpoint {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report(cx, out, false);
    }
}

/// Reports the endpoints the catalog lists as deprecated (`retired == false`, this rule) or as
/// retired (`provider/retired-endpoint`).
pub(super) fn report(cx: &Context<'_>, out: &mut Vec<Diagnostic>, retired: bool) {
    for config in &cx.ir().configs {
        if !config.protocol.is_oauth() {
            continue;
        }
        for (what, url) in endpoints(config) {
            let effective = url.effective();
            let Some(p) = cx.providers.recognize(effective) else { continue };
            let Some(dep) = p.deprecated_for(effective) else { continue };
            if dep.retired != retired {
                continue;
            }
            let state = if dep.retired { "retired" } else { "deprecated" };
            let message = format!("the {what} is {}'s {state} endpoint `{}`", p.name, dep.url);
            let mut d = if retired {
                super::retired_endpoint::RetiredEndpoint::diagnostic(message, url.span)
            } else {
                DeprecatedEndpoint::diagnostic(message, url.span)
            }
            .with_label(format!("{state} {} endpoint", p.name))
            .with_note(format!("source: {}", dep.source));
            if let Some(rep) = &dep.replacement {
                d = d.with_help(format!("use `{rep}`"));
                if dep.drop_in && url.resolved.is_none() {
                    if let Some(edit) = cx.string_edit(url.span, &url.raw, 0..dep.url.len(), rep) {
                        d = d.with_fix(Fix::safe(format!("use {}'s current endpoint", p.name), vec![edit]));
                    }
                }
            }
            out.push(d);
        }
    }
}
