//! `keboola/data-not-token-response`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `authorization.oauth_api.credentials.#data` is a string, but not a JSON object: a bare token
    /// (`"ya29.a0…"`) or JSON that is an array, a number or a string. Encrypted values (`KBC::…`) and
    /// placeholders (`${VAR}`, `%env(…)%`, `xxxxx`) are not judged, nor is a plain string in a
    /// Generic Extractor configuration whose OAuth 2.0 authentication reads `#data` as text (no
    /// `"format": "json"`,
    /// <https://developers.keboola.com/extend/generic-extractor/configuration/api/authentication/oauth20/>).
    /// A `#data` that is not a string at all is `keboola/data-not-json-string`, an error.
    ///
    /// ## Why it matters
    /// The broker "stores the response from the authorized API as a raw string" and components parse
    /// it as the provider's token response (Keboola's OAuth interface specification for components,
    /// <https://developers.keboola.com/extend/common-interface/oauth/>), which for OAuth 2.0 is a
    /// JSON object (RFC 6749 §5.1, <https://www.rfc-editor.org/rfc/rfc6749#section-5.1>). A bare
    /// token works only with components that read `#data` raw, so it is likely wrong elsewhere.
    ///
    /// ## Example
    /// ```json title="config.json"
    /// {
    /// @   "parameters": {},
    ///   "authorization": {
    ///     "oauth_api": {
    ///       "credentials": {
    /// @         "appKey": "example-client-id",
    /// @         "#appSecret": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiBBBBBB==",
    ///         "#data": "ya29.a0AfH6SM"
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead the whole token response (`{"access_token": …}` as a string), which Keboola stores encrypted:
    /// ```json title="config.json"
    /// {
    /// @   "parameters": {},
    ///   "authorization": {
    ///     "oauth_api": {
    ///       "credentials": {
    /// @         "appKey": "example-client-id",
    /// @         "#appSecret": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiBBBBBB==",
    ///         "#data": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiAAAAAA=="
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    pub struct DataNotTokenResponse {
        code: "keboola/data-not-token-response",
        summary: "`#data` is a string but not a JSON token response",
        severity: Warning,
        fix: None,
        since: "0.2.0",
        reads: [Keboola],
    }
}

impl Rule for DataNotTokenResponse {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        super::data_not_json_string::report(cx, out, true);
    }
}
