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
    /// @ model: model.json
    /// client_id: 12345
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    /// ```json title="model.json"
    /// @ { "openapi": "3.0.0", "info": { "title": "Box", "version": "2.0" }, "paths": {},
    /// @   "components": { "securitySchemes": { "OAuth2Security": { "type": "oauth2", "flows": {
    /// @     "authorizationCode": { "authorizationUrl": "https://account.box.com/api/oauth2/authorize",
    /// @       "tokenUrl": "https://api.box.com/oauth2/token",
    /// @       "scopes": { "root_readonly": "Read all files and folders", "manage_webhook": "Create webhooks" } } } } } } }
    /// ```
    /// Use instead:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// client_id: "12345"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
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
