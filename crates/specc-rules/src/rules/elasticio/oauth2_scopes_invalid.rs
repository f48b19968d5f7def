//! `elasticio/oauth2-scopes-invalid`

use std::collections::BTreeMap;

use specc_dialects::elasticio::component::ScopesView;
use specc_syntax::edit::{delete_element, quote, replace};
use specc_syntax::SourceUrl;

use super::{component, document};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// `credentials.oauth2.scopes`:
    /// * is one string (`"read write"`, `"read,write"`) instead of an array of scope names;
    /// * lists the same scope twice;
    /// * writes a standard OpenID Connect scope (`openid`, `profile`, `email`, `address`, `phone`,
    ///   `offline_access`) in another case (`"Profile"`), unless the authorization endpoint is
    ///   Microsoft's identity platform (`login.microsoftonline.com`), which ignores case.
    ///
    /// Empty scopes and scopes with spaces inside an array entry are reported by
    /// `oauth/scope-token-invalid`.
    ///
    /// ## Why it matters
    /// The platform joins the array with spaces into the `scope` parameter; a single string is sent
    /// as one scope (commas included) or rejected. Scope values are case-sensitive (RFC 6749 §3.3,
    /// OpenID Connect Core §5.4): `Profile` works with Microsoft, which ignores case, and fails with
    /// most other providers. Duplicates are harmless but usually a merge mistake.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-oauth> (`scopes` is an array);
    /// RFC 6749 §3.3; <https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims>.
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
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "scopes": ["openid", "Profile", "User.Read", "User.Read"]
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
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token",
    ///       "scopes": ["openid", "profile", "User.Read"]
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Removing a duplicate is safe. Splitting a string into an array and lowercasing an OpenID
    /// Connect scope change what is sent to the provider: those fixes are unsafe.
    pub struct OAuth2ScopesInvalid {
        code: "elasticio/oauth2-scopes-invalid",
        summary: "OAuth scopes written as one string, duplicated, or in the wrong case",
        severity: Warning,
        fix: Unsafe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

const OIDC: [&str; 6] = ["openid", "profile", "email", "address", "phone", "offline_access"];

impl Rule for OAuth2ScopesInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(block) = c.oauth2() else { return };
        let Some(scopes) = &block.scopes else { return };
        let code = OAuth2ScopesInvalid::META.code;
        if scopes.is_string {
            string_form(scopes, out);
            return;
        }
        let spans: Vec<specc_ir::Span> = scopes.items.iter().map(|i| i.span).collect();
        // Microsoft's identity platform compares scope names without case: `Profile` works there.
        let case_insensitive = block
            .entry("auth_uri")
            .and_then(|e| e.text.as_deref())
            .and_then(|t| SourceUrl::new(t).host_lowercase())
            .is_some_and(|h| MICROSOFT_HOSTS.iter().any(|m| h == *m || h.ends_with(&format!(".{m}"))));
        let mut seen: BTreeMap<&str, specc_ir::Span> = BTreeMap::new();
        for (i, item) in scopes.items.iter().enumerate() {
            if let Some(first) = seen.get(item.value.as_str()) {
                let mut d = Diagnostic::warning(code, format!("scope `{}` is listed twice", item.value), item.span)
                    .with_label("duplicate")
                    .with_secondary(*first, "first listed here")
                    .with_help("remove the duplicate");
                if let Some(edit) = document(cx).and_then(|doc| delete_element(doc, spans[i])) {
                    d = d.with_fix(Fix::safe("remove the duplicate scope", vec![edit]));
                }
                out.push(d);
                continue;
            }
            seen.insert(item.value.as_str(), item.span);
            let lower = item.value.to_ascii_lowercase();
            if item.value != lower && OIDC.contains(&lower.as_str()) && !case_insensitive {
                let fixed = quote(&lower);
                out.push(
                    Diagnostic::warning(
                        code,
                        format!("`{}` is the OpenID Connect scope `{lower}` in another case; scope values are case-sensitive", item.value),
                        item.span,
                    )
                    .with_label("wrong case")
                    .with_help(format!("write `{lower}`"))
                    .with_fix(Fix::unsafe_(format!("write `{lower}`"), vec![replace(item.span, fixed)])),
                );
            }
        }
    }
}

/// Hosts of Microsoft's identity platform, which matches scope names case-insensitively.
const MICROSOFT_HOSTS: [&str; 3] = ["microsoftonline.com", "login.live.com", "login.microsoft.com"];

fn string_form(scopes: &ScopesView, out: &mut Vec<Diagnostic>) {
    let raw = scopes.items.first().map_or("", |i| i.value.as_str());
    let parts: Vec<String> =
        raw.split(|ch: char| ch.is_whitespace() || ch == ',').filter(|t| !t.is_empty()).map(quote).collect();
    let mut d = Diagnostic::warning(
        OAuth2ScopesInvalid::META.code,
        "`scopes` is one string; the platform expects an array of scope names",
        scopes.span,
    )
    .with_label("a string")
    .with_help(format!("write `[{}]`", parts.join(", ")));
    if !parts.is_empty() {
        d = d.with_fix(Fix::unsafe_(
            "split into an array",
            vec![replace(scopes.span, format!("[{}]", parts.join(", ")))],
        ));
    }
    out.push(d);
}
