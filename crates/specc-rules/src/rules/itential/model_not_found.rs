//! `itential/model-not-found` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The instance has no `model`, or its `model` names a file that does not exist, cannot be read
    /// or parsed, or is not an OpenAPI document.
    ///
    /// ## Why it matters
    /// Itential builds the OAuth exchange from the integration's OpenAPI model; without it nothing
    /// about the instance's scopes or URLs can be checked.
    ///
    /// ## Example
    /// ```yaml title="instance.yaml"
    /// model: ./box-openapi.json   # no such file
    /// client_id: "{{BOX_CLIENT_ID}}"
    /// ```
    pub struct ModelNotFound {
        code: specc_dialects::openapi::codes::ITENTIAL_MODEL_MISSING,
        summary: "The instance's OpenAPI model cannot be used",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
