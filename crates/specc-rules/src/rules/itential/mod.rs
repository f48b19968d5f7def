//! Rules of the `itential/` namespace: Itential instance settings against their OpenAPI model.

use specc_dialects::openapi::codes;

use crate::{declare_builtin, Rule};

declare_builtin! {
    /// ## What it checks
    /// The instance's `model` names a file that does not exist, cannot be read or parsed, or is not
    /// an OpenAPI document.
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
    vec![&ModelNotFound, &InvalidFieldType]
}
