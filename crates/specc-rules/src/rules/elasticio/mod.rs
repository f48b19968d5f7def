//! Rules of the `elasticio/` namespace: elastic.io `component.json` descriptors, tenant OAuth-client
//! payloads and tenant desired-state files (see `specc_dialects::elasticio`).
//!
//! Sources: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) (the platform's "Oauth Management" page) and the
//! public elastic.io documentation listed per rule;.

include!(concat!(env!("OUT_DIR"), "/rules_elasticio.rs"));

#[path = "support/json_edit.rs"]
pub mod json_edit;

use specc_dialects::elasticio::{ClientPayload, Component, TenantState};
use specc_dialects::View;

use crate::Context;

/// The component descriptor of an elastic.io unit.
pub(crate) fn component<'a>(cx: &Context<'a>) -> Option<&'a Component> {
    match cx.view() {
        View::ElasticIo(m) => m.component.as_deref(),
        _ => None,
    }
}

/// The OAuth-client payload of an elastic.io unit.
fn payload<'a>(cx: &Context<'a>) -> Option<&'a ClientPayload> {
    match cx.view() {
        View::ElasticIo(m) => m.payload.as_deref(),
        _ => None,
    }
}

/// The tenant desired state of an elastic.io unit.
fn tenant<'a>(cx: &Context<'a>) -> Option<&'a TenantState> {
    match cx.view() {
        View::ElasticIo(m) => m.tenant.as_deref(),
        _ => None,
    }
}

/// The whole text of the unit's primary file.
pub(crate) fn source<'a>(cx: &Context<'a>) -> &'a str {
    cx.doc(cx.ir().primary).map_or("", |d| d.text.as_str())
}

#[cfg(test)]
#[path = "support/tests.rs"]
mod tests;
