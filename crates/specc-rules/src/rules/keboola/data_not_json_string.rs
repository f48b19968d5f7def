//! `keboola/data-not-json-string`

use specc_dialects::keboola::DataKind;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// `authorization.oauth_api.credentials.#data` is not a string: it is an object, an array, a
    /// number or another non-string value. A string that is not a JSON object is
    /// `keboola/data-not-token-response`.
    ///
    /// ## Why it matters
    /// The broker "stores the response from the authorized API as a raw string" and components parse
    /// it (the documented injection example shows escaped JSON,
    /// <https://developers.keboola.com/extend/common-interface/oauth/>). An object is not what the
    /// runner injects: components that parse the string fail on it.
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
    ///         "#data": { "access_token": "KBC::ProjectSecure::eJwBYACf" }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead (the token response as one string, which Keboola stores encrypted):
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
    pub struct DataNotJsonString {
        code: "keboola/data-not-json-string",
        summary: "`#data` is not the token response as a JSON string",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for DataNotJsonString {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        report(cx, out, false);
    }
}

/// Reports a `#data` that is not a string (`content == false`, this rule) or a string that is not a
/// JSON object (`keboola/data-not-token-response`).
pub(super) fn report(cx: &Context<'_>, out: &mut Vec<Diagnostic>, content: bool) {
    let Some(api) = super::model(cx).and_then(|m| m.oauth_api.as_deref()) else { return };
    let Some((kind, span)) = api.credentials.as_ref().and_then(|c| c.data.as_ref()) else { return };
    use super::data_not_token_response::DataNotTokenResponse as Content;
    let d = match kind {
        DataKind::JsonObject | DataKind::Opaque => return,
        DataKind::NotString(_) if content => return,
        DataKind::NotString(t) => DataNotJsonString::diagnostic(format!("`#data` is {}, not a string", article(t)), *span)
            .with_label("must be a string")
            .with_help("store the token response serialised as one JSON string"),
        DataKind::NotJson | DataKind::JsonOther(_) if !content => return,
        // Generic Extractor reads `#data` as text unless its authentication says `"format": "json"`.
        DataKind::NotJson if generic_extractor_reads_text(cx) => return,
        DataKind::NotJson => Content::diagnostic("`#data` is not JSON", *span)
            .with_label("a raw string")
            .with_note("the broker stores the token response, a JSON object for OAuth 2.0; only components that read `#data` raw accept this")
            .with_help("store the token response as a JSON string, such as \"{\\\"access_token\\\": …}\""),
        DataKind::JsonOther(t) => Content::diagnostic(format!("`#data` holds JSON {t}, not an object"), *span)
            .with_label("not a token response")
            .with_help("store the whole token response object as a JSON string"),
    };
    out.push(d);
}

fn article(kind: &str) -> String {
    match kind.as_bytes().first() {
        Some(b'a' | b'o') => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
}

/// Whether the configuration is Generic Extractor's with OAuth 2.0 authentication that reads `#data`
/// as text (`parameters.api.authentication.format` absent or not `json`).
fn generic_extractor_reads_text(cx: &Context<'_>) -> bool {
    super::model(cx).is_some_and(|m| m.reads_data_as_text)
}
