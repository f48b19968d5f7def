//! Rules of the `openapi/` namespace: OpenAPI security schemes and requirements.
//!
//! The rules run for OpenAPI documents and, with the same model, for Itential instances (whose unit
//! lowers the instance's OpenAPI model). Helpers below give each lowered configuration with the
//! scheme as written, and each lowered flow with its flow as written, by the IR's view links.

include!(concat!(env!("OUT_DIR"), "/rules_openapi.rs"));

#[cfg(test)]
#[path = "support/corpus_tests.rs"]
mod corpus_tests;
#[cfg(test)]
#[path = "support/testing.rs"]
pub(crate) mod testing;

use specc_dialects::openapi::{FlowView, OpenApiView, SchemeView};
use specc_ir::{AuthConfig, Flow, Requirement};

use crate::Context;

/// Each configuration lowered from the model, with its scheme as written (followed by the
/// configuration's view link).
pub(crate) fn schemes<'a>(cx: &Context<'a>) -> Vec<(&'a AuthConfig, &'a SchemeView)> {
    cx.ir().configs.iter().filter_map(|c| Some((c, cx.openapi_scheme(c)?))).collect()
}

/// Each lowered flow of a configuration with its flow as written (flows with an unknown name have a
/// view but no lowered flow, and are not listed).
pub(crate) fn flows<'a>(cx: &Context<'a>, config: &'a AuthConfig) -> Vec<(&'a Flow, &'a FlowView)> {
    config.flows.iter().filter_map(|f| Some((f, cx.openapi_flow(config, f)?))).collect()
}

/// The security requirements that name a scheme.
pub(crate) fn requirements_of<'a>(cx: &Context<'a>, scheme: &str) -> Vec<&'a Requirement> {
    cx.ir().requirements.iter().filter(|r| r.scheme.value == scheme).collect()
}

/// The OpenAPI view of the unit, for the version and the file.
pub(crate) fn model<'a>(cx: &Context<'a>) -> Option<&'a OpenApiView> {
    cx.openapi()
}

/// Whether a scheme is an OAuth 2.0 scheme as written.
pub(crate) fn is_oauth2(scheme: &SchemeView) -> bool {
    scheme.scheme_type.as_ref().is_some_and(|t| t.value == "oauth2")
}

