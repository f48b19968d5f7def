//! Rules of the `keboola/` namespace: OAuth Manager v2 registration bodies and component
//! configurations that use the OAuth Broker (`authorization.oauth_api`).
//!
//! Sources: the platform documentation documents the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>) (OAuth Manager API v2) and
//! Keboola's OAuth interface specification for components (<https://developers.keboola.com/extend/common-interface/oauth/>) (OAuth Broker v3 / OAuth interface), `shared/reference/RULES.md`
//! §D, and the corpus under `shared/corpus/keboola`.

mod auth_url_client_id_deprecated;
mod auth_url_missing_client;
mod auth_url_missing_redirect;
mod auth_url_not_encoded;
mod auth_url_repeated_placeholder;
mod auth_url_static_state;
mod auth_url_unknown_placeholder;
mod config_oauth_api_shape;
mod data_not_json_string;
mod facebook_missing_permissions;
mod manage_missing_required;
mod oauth1_missing_request_token_url;
mod oauth_version_invalid;
mod secret_key_not_hash_prefixed;
mod secret_not_encrypted;
mod subdomain_needs_userdata;

pub use auth_url_client_id_deprecated::AuthUrlClientIdDeprecated;
pub use auth_url_missing_client::AuthUrlMissingClient;
pub use auth_url_missing_redirect::AuthUrlMissingRedirect;
pub use auth_url_not_encoded::AuthUrlNotEncoded;
pub use auth_url_repeated_placeholder::AuthUrlRepeatedPlaceholder;
pub use auth_url_static_state::AuthUrlStaticState;
pub use auth_url_unknown_placeholder::AuthUrlUnknownPlaceholder;
pub use config_oauth_api_shape::ConfigOauthApiShape;
pub use data_not_json_string::DataNotJsonString;
pub use facebook_missing_permissions::FacebookMissingPermissions;
pub use manage_missing_required::ManageMissingRequired;
pub use oauth1_missing_request_token_url::OAuth1MissingRequestTokenUrl;
pub use oauth_version_invalid::OAuthVersionInvalid;
pub use secret_key_not_hash_prefixed::SecretKeyNotHashPrefixed;
pub use secret_not_encrypted::SecretNotEncrypted;
pub use subdomain_needs_userdata::SubdomainNeedsUserdata;

use specc_dialects::keboola::{codes, value_sub_span, ManageView, Model};
use specc_dialects::placeholders::{percent, Occurrence};
use specc_dialects::View;
use specc_syntax::Span;

use crate::{declare_builtin, Context, Edit, Rule};

declare_builtin! {
    /// ## What it checks
    /// A field of a Keboola manage body or `authorization.oauth_api` configuration has the wrong type:
    /// `auth_url` that is not a string, `oauth_version: 2.0` written as a number, `credentials` that is
    /// not an object, `appKey` written as a number (a warning: the generic-extractor OAuth 1.0 docs
    /// show `"appKey": 1234`, every other example a string).
    ///
    /// ## Why it matters
    /// The OAuth Manager's schema types every field as a string (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>),
    /// "Add new component", Schema); the broker injects `appKey` as a string
    /// (Keboola's OAuth interface specification for components (<https://developers.keboola.com/extend/common-interface/oauth/>)). Other types are rejected or compared wrongly.
    ///
    /// ## Example
    /// ```json
    /// { "oauth_version": 2.0 }
    /// ```
    /// Use instead:
    /// ```json
    /// { "oauth_version": "2.0" }
    /// ```
    pub struct InvalidFieldType {
        code: codes::INVALID_FIELD_TYPE,
        summary: "A Keboola OAuth field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &InvalidFieldType,
        &ManageMissingRequired,
        &OAuthVersionInvalid,
        &OAuth1MissingRequestTokenUrl,
        &FacebookMissingPermissions,
        &AuthUrlClientIdDeprecated,
        &AuthUrlMissingClient,
        &AuthUrlMissingRedirect,
        &AuthUrlUnknownPlaceholder,
        &AuthUrlRepeatedPlaceholder,
        &SubdomainNeedsUserdata,
        &AuthUrlStaticState,
        &AuthUrlNotEncoded,
        &ConfigOauthApiShape,
        &DataNotJsonString,
        &SecretKeyNotHashPrefixed,
        &SecretNotEncrypted,
    ]
}

pub(crate) fn model<'a>(cx: &Context<'a>) -> Option<&'a Model> {
    match cx.view() {
        View::Keboola(m) => Some(m),
        _ => None,
    }
}

pub(crate) fn manage<'a>(cx: &Context<'a>) -> Option<&'a ManageView> {
    model(cx)?.manage.as_deref()
}

/// The manage body's `oauth_version`, defaulting to nothing.
pub(crate) fn oauth_version(m: &ManageView) -> Option<&str> {
    m.oauth_version.as_ref().map(|v| v.value.as_str())
}

/// `auth_url` with its placeholders and the span of each.
pub(crate) struct AuthUrl<'a> {
    pub value: &'a str,
    pub span: Span,
    pub placeholders: Vec<(Occurrence, Span)>,
}

pub(crate) fn auth_url<'a>(cx: &Context<'a>) -> Option<AuthUrl<'a>> {
    let m = manage(cx)?;
    let url = m.auth_url.as_ref()?;
    let doc = cx.doc(url.span.file)?;
    let placeholders = percent(&url.value)
        .into_iter()
        .map(|o| {
            let span = value_sub_span(doc, url.span, &url.value, o.start, o.end);
            (o, span)
        })
        .collect();
    Some(AuthUrl { value: &url.value, span: url.span, placeholders })
}

/// A narrow span for findings about a whole object: its first byte.
pub(crate) fn opening(span: Span) -> Span {
    Span { end: (span.start + 1).min(span.end), ..span }
}

/// An edit appending `text` at the end of the string value at `span` (before its closing quote).
pub(crate) fn append_to_string(cx: &Context<'_>, span: Span, text: &str) -> Option<Edit> {
    let src = cx.text(span);
    if !(src.len() >= 2 && src.ends_with('"') && src.starts_with('"')) {
        return None;
    }
    let at = span.end - 1;
    Some(Edit { span: Span { start: at, end: at, ..span }, replacement: text.to_string() })
}

/// The separator to append a query parameter to `url`.
pub(crate) fn query_separator(url: &str) -> &'static str {
    if !url.contains('?') {
        "?"
    } else if url.ends_with('?') || url.ends_with('&') {
        ""
    } else {
        "&"
    }
}

#[cfg(test)]
mod tests;
