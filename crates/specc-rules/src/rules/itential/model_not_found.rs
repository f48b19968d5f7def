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
    /// model: ./box-openapi.json
    /// client_id: "{{BOX_CLIENT_ID}}"
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
    /// Use instead the path of the model, next to the instance:
    /// ```yaml title="instance.yaml"
    /// model: model.json
    /// client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
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
