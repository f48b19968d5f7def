//! Codes `specc build` reports while writing a runtime configuration (made by `specc-emit`, never by
//! `specc check`, so they are covered by CLI tests rather than fixtures).

use crate::{declare_builtin, Rule};

/// A value of the source that the target has no place for.
pub const FIELD_NOT_EXPRESSIBLE: &str = "build/field-not-expressible";

declare_builtin! {
    /// ## What it checks
    /// `specc build` met a value of the source configuration that the chosen target cannot write:
    /// PKCE switched off for a Keboola OAuth Manager registration (which has no PKCE switch), a
    /// client secret for an OpenAPI document (which describes the provider, not a client), a
    /// token-request parameter for a Membrane mapping (whose `extra` goes to the authorization
    /// request only), a second flow for a single-flow target, a redirect URI the platform fixes
    /// itself. The output is written without the value.
    ///
    /// ## Why it matters
    /// A runtime configuration that silently drops a setting behaves differently from its source:
    /// a provider that needs `audience` on the token request fails only at run time. The warning
    /// points at the value in the source and says where it belongs instead (often another target,
    /// such as `elasticio-tenant-client` for the credentials of an elastic.io component).
    ///
    /// ## Example
    /// ```yaml
    /// # auth/get-oauth-config.map.yml, built with `specc build . --target keboola-manage`
    /// skipPkce: true
    /// ```
    /// The registration is written; `skipPkce` is reported because the OAuth Manager decides PKCE
    /// itself. Build for a target that can express the value, or accept the platform's behaviour.
    pub struct FieldNotExpressible {
        code: FIELD_NOT_EXPRESSIBLE,
        summary: "A source value the build target cannot express was left out",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// Something the target needs that neither the source nor a flag gives.
pub const MISSING_INPUT: &str = "build/missing-input";

declare_builtin! {
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
        code: MISSING_INPUT,
        summary: "The build target needs a value that neither the source nor a flag gives",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The configuration's protocol or flows have no form in the target at all.
pub const INCOMPATIBLE_TARGET: &str = "build/incompatible-target";

declare_builtin! {
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
        code: INCOMPATIBLE_TARGET,
        summary: "The configuration has no form in the build target",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// Every code of the namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&FieldNotExpressible, &MissingInput, &IncompatibleTarget]
}
