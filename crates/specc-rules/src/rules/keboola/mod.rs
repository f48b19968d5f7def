//! Rules of the `keboola/` namespace: OAuth Manager v2 registration bodies and component
//! configurations that use the OAuth Broker (`authorization.oauth_api`).
//!
//! Sources: the platform documentation documents the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>) (OAuth Manager API v2) and
//! Keboola's OAuth interface specification for components (<https://developers.keboola.com/extend/common-interface/oauth/>) (OAuth Broker v3 / OAuth interface), `shared/reference/RULES.md`
//! §D, and the corpus under `shared/corpus/keboola`.

include!(concat!(env!("OUT_DIR"), "/rules_keboola.rs"));

use specc_dialects::keboola::{KeboolaView, ManageView};
use specc_dialects::placeholders::{percent, Occurrence};
use specc_syntax::Span;

use crate::Context;

pub(crate) fn model<'a>(cx: &Context<'a>) -> Option<&'a KeboolaView> {
    cx.keboola()
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
    let placeholders = percent(&url.value)
        .into_iter()
        .map(|o| {
            let span = cx.string_part(url.span, &url.value, o.start..o.end);
            (o, span)
        })
        .collect();
    Some(AuthUrl { value: &url.value, span: url.span, placeholders })
}

/// A narrow span for findings about a whole object: its first byte.
pub(crate) fn opening(span: Span) -> Span {
    Span { end: (span.start + 1).min(span.end), ..span }
}

#[cfg(test)]
#[path = "support/tests.rs"]
mod tests;
