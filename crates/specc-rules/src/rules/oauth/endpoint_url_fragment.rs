//! `oauth/endpoint-url-fragment`

use specc_diagnostics::Fix;

use super::endpoints;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An authorization, token, refresh or device authorization endpoint URL contains a fragment
    /// (`#…`).
    ///
    /// ## Why it matters
    /// "The endpoint URI MUST NOT include a fragment component" (RFC 6749 §3.1 and §3.2,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3.1>). HTTP clients never send the fragment,
    /// so whatever it was meant to select does not reach the server; parameters written after `#`
    /// are silently dropped.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize#consent
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    ///
    /// ## Fix safety
    /// The fragment is never sent to the server, so removing it changes no request: the fix is safe.
    pub struct EndpointUrlFragment {
        code: "oauth/endpoint-url-fragment",
        summary: "An OAuth endpoint URL contains a fragment",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
    }
}

impl Rule for EndpointUrlFragment {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for config in &cx.ir().configs {
            for (what, url) in endpoints(config) {
                if what == "metadata URL" {
                    continue;
                }
                let raw = url.raw.as_str();
                let Some(pos) = raw.find('#') else { continue };
                let mut d = Diagnostic::error(
                    Self::META.code,
                    format!("{what} of `{}` contains a fragment", config.name),
                    cx.string_part(url.span, raw, pos..raw.len()),
                )
                .with_label("never sent to the server")
                .with_note("RFC 6749 §3.1 and §3.2: endpoint URIs must not include a fragment")
                .with_help("remove the fragment; put parameters the provider needs in the query instead");
                if let Some(edit) = cx.string_edit(url.span, raw, pos..raw.len(), "") {
                    d = d.with_fix(Fix::safe("remove the fragment", vec![edit]));
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    #[test]
    fn fragment_in_authorization_url() {
        let text = r#"{"openapi": "3.1.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/auth#consent", "tokenUrl": "https://a.example.com/token", "scopes": {}}}}}}}"#;
        let (db, d) = check_text("a.json", text);
        let d = with_code(&d, EndpointUrlFragment::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "authorization URL of `o` contains a fragment");
        assert_eq!(slice(&db, d[0].span), "#consent");
        let (_, again) = check_text("a.json", &apply_fix(&db, d[0]));
        assert!(ignoring_advice(&again).is_empty(), "{again:?}");
    }
}
