//! `build/incompatible-target` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The configuration cannot be written for the chosen target at all: an OAuth 1.0a
    /// configuration for OpenAPI, Membrane or Itential, a scheme that is not OAuth, or a source
    /// whose only flow (client credentials, say) the target has no form for.
    ///
    /// ## Why it matters
    /// Writing the endpoints under another protocol or flow would produce a configuration that
    /// looks right and fails at the first token request. `specc build` writes nothing and exits
    /// with code 2.
    ///
    /// ## Example
    /// `specc build keboola-oauth1.json --target openapi`
    ///
    /// Use instead a target that knows the protocol:
    /// `specc build keboola-oauth1.json --target elasticio-component`
    pub struct IncompatibleTarget {
        code: super::INCOMPATIBLE_TARGET,
        summary: "The configuration has no form in the build target",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
