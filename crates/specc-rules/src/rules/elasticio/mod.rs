//! Rules of the `elasticio/` namespace: elastic.io `component.json` descriptors, tenant OAuth-client
//! payloads and tenant desired-state files (see `specc_dialects::elasticio`).
//!
//! Sources: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) (the platform's "Oauth Management" page) and the
//! public elastic.io documentation listed per rule;.

include!(concat!(env!("OUT_DIR"), "/rules_elasticio.rs"));

use specc_dialects::elasticio::component::{OAuthBlock, OAuthEntry};
use specc_dialects::elasticio::{ClientPayload, Component, TenantState};
use specc_ir::EndpointUrl;
use specc_syntax::Document;

use crate::Context;

/// The component descriptor of an elastic.io unit.
pub(crate) fn component<'a>(cx: &Context<'a>) -> Option<&'a Component> {
    cx.elasticio()?.component.as_deref()
}

/// The OAuth-client payload of an elastic.io unit.
fn payload<'a>(cx: &Context<'a>) -> Option<&'a ClientPayload> {
    cx.elasticio()?.payload.as_deref()
}

/// The tenant desired state of an elastic.io unit.
fn tenant<'a>(cx: &Context<'a>) -> Option<&'a TenantState> {
    cx.elasticio()?.tenant.as_deref()
}

/// An endpoint URL of the IR, with the `oauth2`/`oauth1` block and the entry it was lowered from.
pub(crate) struct EndpointEntry<'a> {
    pub block: &'a OAuthBlock,
    pub entry: &'a OAuthEntry,
    pub url: &'a EndpointUrl,
}

/// Every endpoint URL of the unit's component (`auth_uri`, `token_uri`, and OAuth 1.0a's
/// `request_token_uri` and `access_token_uri`), as the IR lowered them.
pub(crate) fn endpoints<'a>(cx: &Context<'a>) -> Vec<EndpointEntry<'a>> {
    let mut out = Vec::new();
    for config in &cx.ir().configs {
        let Some(block) = cx.elasticio_block(config) else { continue };
        for (_, url) in config.flows.iter().flat_map(|f| f.urls()) {
            if let Some(entry) = block.entry_at(url.span) {
                out.push(EndpointEntry { block, entry, url });
            }
        }
    }
    out
}

/// The unit's primary file, for edits (`specc_syntax::edit`).
pub(crate) fn document<'a>(cx: &Context<'a>) -> Option<&'a Document> {
    cx.doc(cx.ir().primary)
}

#[cfg(test)]
#[path = "support/tests.rs"]
mod tests;
