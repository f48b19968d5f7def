//! `build/missing-input` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The target needs a value the source does not have and no flag supplied: a Keboola
    /// `component_id` (`--component-id`), an elastic.io tenant (`--tenant-id`), an OAuth Broker
    /// registration id for a Keboola configuration (`--oauth-api-id`), or endpoints a flow needs
    /// (a Keboola configuration names no token URL, so no Membrane connector can be written from it).
    ///
    /// ## Why it matters
    /// Guessing an id would register the client for the wrong component or tenant. `specc build`
    /// writes nothing and exits with code 2.
    ///
    /// ## Example
    /// `specc build component.json --target elasticio-tenant-client`
    ///
    /// Use instead:
    /// `specc build component.json --target elasticio-tenant-client --component-id 5b1f… --tenant-id 5f1a…`
    pub struct MissingInput {
        code: super::MISSING_INPUT,
        summary: "The build target needs a value that neither the source nor a flag gives",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
