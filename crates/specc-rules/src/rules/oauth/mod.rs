//! Rules of the `oauth/` namespace: OAuth 2.0 standards (RFC 6749, RFC 7636, RFC 8252, RFC 9700,
//! OAuth 2.1) judged on the dialect-neutral IR. They fire for every dialect that lowers the field they
//! read; none of them looks at a dialect's file format.

mod authorization_url_equals_token_url;
mod client_secret_in_body;
mod endpoint_duplicate_core_param;
mod endpoint_url_fragment;
mod insecure_http_url;
mod pkce_weak;
mod redirect_uri_http;
mod redirect_uri_localhost;
mod redirect_uri_shape;
mod refresh_with_client_credentials;
mod scope_token_invalid;
#[cfg(test)]
mod testing;

pub use authorization_url_equals_token_url::AuthorizationUrlEqualsTokenUrl;
pub use client_secret_in_body::ClientSecretInBody;
pub use endpoint_duplicate_core_param::EndpointDuplicateCoreParam;
pub use endpoint_url_fragment::EndpointUrlFragment;
pub use insecure_http_url::InsecureHttpUrl;
pub use pkce_weak::PkceWeak;
pub use redirect_uri_http::RedirectUriHttp;
pub use redirect_uri_localhost::RedirectUriLocalhost;
pub use redirect_uri_shape::RedirectUriShape;
pub use refresh_with_client_credentials::RefreshWithClientCredentials;
pub use scope_token_invalid::ScopeTokenInvalid;

use specc_diagnostics::Edit;
use specc_ir::{AuthConfig, EndpointUrl, Span};

use crate::util::exact_value_span;
use crate::{Context, Rule};

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &InsecureHttpUrl,
        &RedirectUriHttp,
        &RedirectUriLocalhost,
        &RedirectUriShape,
        &EndpointUrlFragment,
        &EndpointDuplicateCoreParam,
        &ScopeTokenInvalid,
        &PkceWeak,
        &ClientSecretInBody,
        &RefreshWithClientCredentials,
        &AuthorizationUrlEqualsTokenUrl,
    ]
}

/// Every endpoint URL of a configuration (flow endpoints, then the metadata URL) with a name for
/// messages and the flow it belongs to.
pub(crate) fn endpoints(config: &AuthConfig) -> Vec<(&'static str, &EndpointUrl)> {
    let mut v: Vec<(&'static str, &EndpointUrl)> = config.flows.iter().flat_map(|f| f.urls()).collect();
    if let Some(m) = &config.metadata_url {
        v.push(("metadata URL", m));
    }
    // A flow shared by two lowered flows (an Itential override) must be reported once.
    v.dedup_by(|a, b| a.1.span == b.1.span);
    v
}

/// An edit replacing bytes `start..end` of a string value `value` written at `span`, when the file
/// holds the value without escapes.
pub(crate) fn value_edit(
    cx: &Context<'_>,
    span: Span,
    value: &str,
    start: usize,
    end: usize,
    replacement: &str,
) -> Option<Edit> {
    let inner = exact_value_span(span, cx.text(span), value)?;
    Some(Edit {
        span: Span { file: inner.file, start: inner.start + start as u32, end: inner.start + end as u32 },
        replacement: replacement.to_string(),
    })
}

/// The sub-span of a string value, or the whole value's span when the text has escapes.
pub(crate) fn value_sub_span(cx: &Context<'_>, span: Span, value: &str, start: usize, end: usize) -> Span {
    match exact_value_span(span, cx.text(span), value) {
        Some(inner) => Span { file: inner.file, start: inner.start + start as u32, end: inner.start + end as u32 },
        None => span,
    }
}
