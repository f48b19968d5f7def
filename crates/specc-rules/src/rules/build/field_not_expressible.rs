//! `build/field-not-expressible` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
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
        code: super::FIELD_NOT_EXPRESSIBLE,
        summary: "A source value the build target cannot express was left out",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
