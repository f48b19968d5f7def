//! Rules of the `oauth/` namespace: OAuth 2.0 standards (RFC 6749, RFC 7636, RFC 8252, RFC 9700,
//! OAuth 2.1) judged on the dialect-neutral IR. They fire for every dialect that lowers the field they
//! read; none of them looks at a dialect's file format.

include!(concat!(env!("OUT_DIR"), "/rules_oauth.rs"));

#[cfg(test)]
#[path = "support/testing.rs"]
mod testing;

use specc_ir::{AuthConfig, EndpointUrl};

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
