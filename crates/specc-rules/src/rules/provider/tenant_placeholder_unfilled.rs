//! `provider/tenant-placeholder-unfilled`

use specc_diagnostics::Severity;
use specc_ir::Dialect;

use super::{platform, source_note};
use crate::rules::oauth::endpoints;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An endpoint URL of a provider whose endpoints include a tenant part (Zendesk's
    /// `{subdomain}.zendesk.com`, Microsoft's `/{tenant}/` path segment) that still holds
    /// the documentation's marker where the tenant goes: `{subdomain}`, `<tenant>`, `[shop]`,
    /// `your-subdomain`, `YOUR_DOMAIN`. Only the platform's own placeholders are filled in
    /// (elastic.io `{{field}}`, Keboola `%%subdomain%%`); the marker is sent as written.
    ///
    /// ## Why it matters
    /// The request goes to a host that does not exist (`{subdomain}.zendesk.com`) or to a tenant
    /// named after the marker, and the connection fails for every user. In an OpenAPI description,
    /// where OAuth URLs cannot hold variables, the finding is a warning: readers may fill it in,
    /// tools will not.
    ///
    /// Sources: the provider's page, linked in each finding; for example Zendesk,
    /// <https://support.zendesk.com/hc/en-us/articles/203663836-Using-OAuth-authentication-with-your-application>.
    ///
    /// ## Severity
    /// An error: the request goes to a host that does not exist. In an OpenAPI description it is a
    /// warning instead: the description documents the provider, its readers fill the tenant in, and
    /// OAuth URLs there cannot hold variables. This is the one case listed in specc's severity
    /// exceptions for this code.
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
    ///     "fields": {
    /// @       "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true },
    ///       "subdomain": { "label": "Zendesk subdomain", "viewClass": "TextFieldView", "required": true }
    ///     },
    ///     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "token_uri": "https://{subdomain}.zendesk.com/oauth/tokens",
    ///       "auth_uri": "https://{subdomain}.zendesk.com/oauth/authorizations/new"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead the tenant's own host (a `{{subdomain}}` filled from a field the user types is `elasticio/placeholder-in-uri-host`):
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
    /// @       "token_uri": "https://acme.zendesk.com/oauth/tokens",
    ///       "auth_uri": "https://acme.zendesk.com/oauth/authorizations/new"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct TenantPlaceholderUnfilled {
        code: "provider/tenant-placeholder-unfilled",
        summary: "A provider's tenant part of an endpoint URL still holds the documentation's placeholder",
        severity: Error,
        fix: None,
        since: "0.2.0",
    }
}

/// Byte range of the first documentation marker in the host and path of `url`.
fn marker(url: &str) -> Option<(usize, usize)> {
    let start = url.find("://").map_or(0, |p| p + 3);
    let end = url[start..].find(['?', '#']).map_or(url.len(), |p| start + p);
    let part = &url[start..end];
    let b = part.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let close = match c {
            b'{' => b'}',
            b'<' => b'>',
            b'[' => b']',
            _ => continue,
        };
        // `{{x}}` and `${x}` are templates the platform (or a script) fills in.
        if c == b'{' && (b.get(i + 1) == Some(&b'{') || (i > 0 && matches!(b[i - 1], b'{' | b'$'))) {
            continue;
        }
        let Some(len) = b[i + 1..].iter().position(|&x| x == close) else { continue };
        let name = &part[i + 1..i + 1 + len];
        if !name.is_empty() && name.bytes().all(|x| x.is_ascii_alphanumeric() || matches!(x, b'_' | b'-' | b'.')) {
            return Some((start + i, start + i + len + 2));
        }
    }
    // `your-subdomain.zendesk.com`, `YOUR_TENANT`.
    let mut pos = start;
    for seg in part.split(['.', '/']) {
        let lower = seg.to_ascii_lowercase();
        if lower.starts_with("your") && lower.len() > 4 && !seg.contains('{') && !seg.contains('%') {
            return Some((pos, pos + seg.len()));
        }
        pos += seg.len() + 1;
    }
    None
}

impl Rule for TenantPlaceholderUnfilled {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            if !config.protocol.is_oauth() {
                continue;
            }
            for (what, url) in endpoints(config) {
                let raw = url.raw.as_str();
                let Some(p) = cx.providers.recognize(raw) else { continue };
                let needs = p.tenant_placeholders();
                if needs.is_empty() {
                    continue;
                }
                let Some((s, e)) = marker(raw) else { continue };
                let Some(doc) = [&p.authorization, &p.token].into_iter().flatten().next() else { continue };
                let written = &raw[s..e];
                let wanted = needs.join("`, `");
                let help = match config.dialect {
                    Dialect::ElasticIo => format!("write `{{{{{}}}}}` and declare a credentials field of that name for the user to fill in", needs[0]),
                    Dialect::Keboola => "use `%%subdomain%%`, which Keboola fills in from `userData.subdomain`, or write the tenant's own value".to_string(),
                    Dialect::Membrane => "build the URL from a connector parameter (a `$var` mapping) or write the tenant's own value".to_string(),
                    Dialect::OpenApi | Dialect::Itential => "write the URL of the tenant this description is for: OpenAPI does not substitute variables in OAuth URLs".to_string(),
                };
                let mut d = Diagnostic::error(
                    Self::META.code,
                    format!(
                        "the {what} still holds `{written}` where {} needs the account's `{wanted}`, and {} does not fill it in",
                        p.name,
                        platform(config.dialect)
                    ),
                    cx.string_part(url.span, raw, s..e),
                )
                .with_label("not filled in")
                .with_note(source_note(p, &doc.source))
                .with_help(help);
                if config.dialect == Dialect::OpenApi {
                    d = d.with_severity(Severity::Warning);
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::marker;

    #[test]
    fn markers() {
        let m = |u: &str| marker(u).map(|(s, e)| u[s..e].to_string());
        assert_eq!(m("https://{subdomain}.zendesk.com/oauth/tokens").as_deref(), Some("{subdomain}"));
        assert_eq!(m("https://<tenant>.auth0.com/authorize").as_deref(), Some("<tenant>"));
        assert_eq!(m("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token").as_deref(), Some("{tenant}"));
        assert_eq!(m("https://your-subdomain.zendesk.com/oauth/tokens").as_deref(), Some("your-subdomain"));
        assert_eq!(m("https://{{subdomain}}.zendesk.com/oauth/tokens"), None);
        assert_eq!(m("https://%%subdomain%%.zendesk.com/oauth/tokens"), None);
        assert_eq!(m("https://acme.zendesk.com/oauth/tokens?x={y}"), None);
        assert_eq!(m("https://login.microsoftonline.com/common/oauth2/v2.0/token"), None);
    }
}
