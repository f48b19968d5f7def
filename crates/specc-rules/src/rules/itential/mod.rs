//! Rules of the `itential/` namespace: Itential instance settings against their OpenAPI model.
//!
//! The instance format (a small settings file with `model`, `client_id`, `client_secret`, `scope`,
//! `redirect_uri`...) is documented in `specc_dialects::openapi`. Rules read the instance view and the
//! configuration of the scheme the instance uses, into which the lowering merged the instance's values.

include!(concat!(env!("OUT_DIR"), "/rules_itential.rs"));

use specc_dialects::openapi::ItentialInstance;
use specc_ir::AuthConfig;

use crate::Context;

/// The instance settings, for Itential units.
pub(crate) fn instance<'a>(cx: &Context<'a>) -> Option<&'a ItentialInstance> {
    cx.itential()
}

/// The configuration of the scheme the instance uses (with the instance's values merged in).
pub(crate) fn chosen<'a>(cx: &Context<'a>, inst: &ItentialInstance) -> Option<&'a AuthConfig> {
    let name = inst.scheme.as_deref()?;
    cx.ir().configs.iter().find(|c| c.name == name)
}

