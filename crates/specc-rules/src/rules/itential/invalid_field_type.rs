//! `itential/invalid-field-type` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A field of the instance settings has the wrong type (a `client_id` that is a number, a
    /// `scope` that is an object).
    ///
    /// ## Why it matters
    /// Admin Essentials stores these fields as strings; anything else is not what the provider
    /// receives.
    ///
    /// ## Example
    /// ```yaml title="instance.yaml"
    /// client_id: 12345
    /// ```
    /// Use instead:
    /// ```yaml title="instance.yaml"
    /// client_id: "12345"
    /// ```
    pub struct InvalidFieldType {
        code: specc_dialects::openapi::codes::ITENTIAL_INVALID_FIELD_TYPE,
        summary: "An instance settings field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
