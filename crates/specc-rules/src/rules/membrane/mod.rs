//! Rules of the `membrane/` namespace: Membrane / Integration.app connector specs (`spec.yml`, the
//! `auth/` method files, and single-file workspace exports).
//!
//! Sources: the platform documentation document Membrane's OAuth2 connector documentation (<https://docs.integration.app>) (Integration.app "OAuth2"
//! page), the Membrane SDK's connector schema as summarised in `shared/reference/RULES.md` §B, and
//! the corpus under `shared/corpus/membrane`.

include!(concat!(env!("OUT_DIR"), "/rules_membrane.rs"));

use specc_dialects::membrane::{AuthView, ConnectorView, OAuthConfigView};
use specc_syntax::Span;

use crate::{Context, Edit};

/// The connector model, for Membrane units.
pub(crate) fn model<'a>(cx: &Context<'a>) -> Option<&'a ConnectorView> {
    cx.membrane()
}

/// The `auth:` section, for Membrane units that have one.
pub(crate) fn auth<'a>(cx: &Context<'a>) -> Option<&'a AuthView> {
    model(cx)?.auth.as_ref()
}

/// The `getOAuthConfig` mapping, when it could be read.
pub(crate) fn oauth_config<'a>(cx: &Context<'a>) -> Option<&'a OAuthConfigView> {
    auth(cx)?.oauth_config.as_ref()
}

/// An edit deleting the whole line(s) of a YAML block member, when nothing else shares those lines.
pub(crate) fn delete_lines(cx: &Context<'_>, member: Span) -> Option<Edit> {
    let text = &cx.doc(member.file)?.text;
    let start = member.start as usize;
    let end = member.end as usize;
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |p| p + 1);
    if !text.get(line_start..start)?.bytes().all(|b| b == b' ') {
        return None;
    }
    let line_end = text.get(end..)?.find('\n').map_or(text.len(), |p| end + p + 1);
    let rest = text.get(end..line_end)?;
    if !rest.trim().is_empty() && !rest.trim_start().starts_with('#') {
        return None;
    }
    Some(Edit { span: Span::new(member.file, line_start, line_end), replacement: String::new() })
}

/// An edit inserting `key: value` as a new last member of the OAuth config mapping.
pub(crate) fn insert_member(view: &OAuthConfigView, line: &str) -> Option<Edit> {
    let (at, indent) = view.insert_point.as_ref()?;
    Some(Edit { span: *at, replacement: format!("\n{indent}{line}") })
}

#[cfg(test)]
#[path = "support/tests.rs"]
pub(crate) mod tests;
