//! Rules of the `itential/` namespace: Itential instance settings against their OpenAPI model.
//!
//! The instance format (a small settings file with `model`, `client_id`, `client_secret`, `scope`,
//! `redirect_uri`...) is documented in `specc_dialects::openapi`. Rules read the instance view and the
//! configuration of the scheme the instance uses, into which the lowering merged the instance's values.

mod auth_code_flow_required;
mod missing_client_credentials;
mod redirect_uri_trailing_slash;
mod scope_delimiter;
mod scope_not_subset;
mod x_itential_parameter_invalid;

pub use auth_code_flow_required::AuthCodeFlowRequired;
pub use missing_client_credentials::MissingClientCredentials;
pub use redirect_uri_trailing_slash::RedirectUriTrailingSlash;
pub use scope_delimiter::ScopeDelimiter;
pub use scope_not_subset::ScopeNotSubset;
pub use x_itential_parameter_invalid::XItentialParameterInvalid;

use specc_dialects::openapi::{codes, ItentialInstance};
use specc_dialects::View;
use specc_ir::AuthConfig;

use crate::{declare_builtin, Context, Rule};

/// The instance settings, for Itential units.
pub(crate) fn instance<'a>(cx: &Context<'a>) -> Option<&'a ItentialInstance> {
    match cx.view() {
        View::Itential(i) => Some(i),
        _ => None,
    }
}

/// The configuration of the scheme the instance uses (with the instance's values merged in).
pub(crate) fn chosen<'a>(cx: &Context<'a>, inst: &ItentialInstance) -> Option<&'a AuthConfig> {
    let name = inst.scheme.as_deref()?;
    cx.ir().configs.iter().find(|c| c.name == name)
}

declare_builtin! {
    /// ## What it checks
    /// The instance has no `model`, or its `model` names a file that does not exist, cannot be read
    /// or parsed, or is not an OpenAPI document.
    ///
    /// ## Why it matters
    /// Itential builds the OAuth exchange from the integration's OpenAPI model; without it nothing
    /// about the instance's scopes or URLs can be checked.
    ///
    /// ## Example
    /// ```yaml
    /// model: ./box-openapi.json   # no such file
    /// client_id: "{{BOX_CLIENT_ID}}"
    /// ```
    pub struct ModelNotFound {
        code: codes::ITENTIAL_MODEL_MISSING,
        summary: "The instance's OpenAPI model cannot be used",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

declare_builtin! {
    /// ## What it checks
    /// A field of the instance settings has the wrong type (a `client_id` that is a number, a
    /// `scope` that is an object).
    ///
    /// ## Why it matters
    /// Admin Essentials stores these fields as strings; anything else is not what the provider
    /// receives.
    ///
    /// ## Example
    /// ```yaml
    /// client_id: 12345
    /// ```
    /// Use instead:
    /// ```yaml
    /// client_id: "12345"
    /// ```
    pub struct InvalidFieldType {
        code: codes::ITENTIAL_INVALID_FIELD_TYPE,
        summary: "An instance settings field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &ModelNotFound,
        &InvalidFieldType,
        &AuthCodeFlowRequired,
        &MissingClientCredentials,
        &ScopeNotSubset,
        &ScopeDelimiter,
        &RedirectUriTrailingSlash,
        &XItentialParameterInvalid,
    ]
}
