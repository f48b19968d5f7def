//! `elasticio/oauth2-uri-invalid`

use specc_dialects::elasticio::component::OAuthEntry;
use specc_syntax::edit::replace;
use specc_syntax::SourceUrl;

use super::{endpoints, EndpointEntry};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// An endpoint of an `oauth2`/`oauth1` block (`auth_uri`, `token_uri`, `request_token_uri`,
    /// `access_token_uri`) is not a usable absolute URL:
    /// * it is relative (`/oauth/token`) or has no host;
    /// * its scheme is neither `https` nor `http` (plain `http` is reported by
    ///   `oauth/insecure-http-url`);
    /// * it contains whitespace;
    /// * its path contains an empty segment (`salesforce.com//services/oauth2/authorize`).
    ///
    /// A URL that names Microsoft's documentation tenant `contoso` is `elasticio/oauth2-uri-example-tenant`.
    ///
    /// A value that is entirely one `{{VAR}}` is filled in at run time and not judged.
    ///
    /// ## Why it matters
    /// The platform redirects the user to `auth_uri` and posts the code to `token_uri` as written:
    /// there is no base URL to resolve a relative one against. A double slash is a different path
    /// on many servers (`//services` is not `/services`), so the authorization fails or, worse,
    /// lands on a page the provider did not mean to expose.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-oauth> (URIs of the provider);
    /// RFC 6749 §3.1 and §3.2 (absolute endpoint URIs); RFC 3986 §3.3 (empty path segments).
    /// Seen in the wild: elastic.io's Salesforce component of 2015
    /// (<https://github.com/elasticio/salesforce-component>).
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
    ///       "auth_uri": "https://login.example.com//oauth2/authorize",
    ///       "token_uri": "/oauth2/token"
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
    ///       "auth_uri": "https://login.example.com/oauth2/authorize",
    ///       "token_uri": "https://login.example.com/oauth2/token"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Collapsing `//` in the path to `/` is what the author meant in every case seen, but a server
    /// may route the two differently: unsafe.
    pub struct OAuth2UriInvalid {
        code: "elasticio/oauth2-uri-invalid",
        summary: "An OAuth endpoint that is not a usable absolute URL",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for OAuth2UriInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for EndpointEntry { block, entry, url } in endpoints(cx) {
            check_uri(cx, &block.member.key, entry, &url.raw, out);
        }
    }
}

fn check_uri(cx: &Context<'_>, block: &str, e: &OAuthEntry, url: &str, out: &mut Vec<Diagnostic>) {
    let code = OAuth2UriInvalid::META.code;
    let key = &e.member.key;
    let span = e.member.value_span;
    if url.trim().is_empty() {
        return; // `oauth2-missing-required-field` reports empty values.
    }
    if let [p] = e.placeholders.as_slice() {
        if p.start == 0 && p.end == url.len() {
            return;
        }
    }
    if url.chars().any(char::is_whitespace) {
        out.push(
            Diagnostic::error(code, format!("`{block}.{key}` contains whitespace"), span)
                .with_label("not a valid URL")
                .with_help("remove the whitespace (percent-encode it as `%20` if the provider really expects a space)"),
        );
        return;
    }
    let parts = SourceUrl::new(url);
    let (Some(scheme), Some(authority)) = (parts.scheme(), parts.authority()) else {
        out.push(
            Diagnostic::error(code, format!("`{block}.{key}` is not an absolute URL"), span)
                .with_label("relative reference")
                .with_note("elastic.io has no base URL to resolve it against; the value is used as written")
                .with_help("write the provider's full endpoint, such as `https://login.example.com/oauth2/token`"),
        );
        return;
    };
    let scheme_l = scheme.to_ascii_lowercase();
    if scheme_l != "https" && scheme_l != "http" {
        out.push(
            Diagnostic::error(
                code,
                format!("`{block}.{key}` uses the scheme `{scheme}`; OAuth endpoints are `https` URLs"),
                span,
            )
            .with_label("not https")
            .with_help("use the provider's `https://` endpoint"),
        );
        return;
    }
    if authority.is_empty() {
        out.push(
            Diagnostic::error(code, format!("`{block}.{key}` has no host"), span)
                .with_label("no host")
                .with_help("write the provider's host after `https://`"),
        );
        return;
    }
    let (path, path_start) = (parts.path(), parts.path_range().start);
    if let Some(pos) = path.find("//") {
        let start = path_start + pos;
        let run = path.get(pos..).map_or(2, |p| p.chars().take_while(|c| *c == '/').count());
        let sub = cx.string_part(e.member.value_span, url, start..start + run);
        let mut d =
            Diagnostic::error(code, format!("the path of `{block}.{key}` contains an empty segment (`//`)"), sub)
                .with_label("double slash")
                .with_help("write a single `/`");
        if sub != span {
            d = d.with_fix(Fix::unsafe_("collapse the double slash", vec![replace(sub, "/")]));
        }
        out.push(d);
    }
}


