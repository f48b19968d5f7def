//! Rules of the `membrane/` namespace: Membrane / Integration.app connector specs (`spec.yml`, the
//! `auth/` method files, and single-file workspace exports).
//!
//! Sources: the platform documentation document Membrane's OAuth2 connector documentation (<https://docs.integration.app>) (Integration.app "OAuth2"
//! page), the Membrane SDK's connector schema as summarised in `shared/reference/RULES.md` §B, and
//! the corpus under `shared/corpus/membrane`.

include!(concat!(env!("OUT_DIR"), "/rules_membrane.rs"));

use specc_dialects::membrane::{AuthView, ConnectorView, OAuthConfigView};

use crate::Context;

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

#[cfg(test)]
#[path = "support/tests.rs"]
pub(crate) mod tests;
