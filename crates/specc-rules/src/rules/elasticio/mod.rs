//! Rules of the `elasticio/` namespace: elastic.io `component.json` descriptors, tenant OAuth-client
//! payloads and tenant desired-state files (see `specc_dialects::elasticio`).
//!
//! Sources: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) (the platform's "Oauth Management" page) and the
//! public elastic.io documentation listed per rule;.

mod auth_client_type_invalid;
mod bare_env_name_as_client_id;
mod credentials_field_invalid;
mod envvar_name_invalid;
pub mod json_edit;
mod legacy_env_key;
mod legacy_env_oauth;
mod oauth2_missing_required_field;
mod oauth2_outside_credentials;
mod oauth2_scopes_invalid;
mod oauth2_uri_invalid;
mod oauth2_without_oauth_field;
mod oauth_client_delete_in_use;
mod oauth_client_duplicate_per_tenant;
mod oauth_client_payload_invalid;
mod placeholder_in_uri_host;
mod placeholder_undefined;
mod secret_literal_in_component_json;
mod use_oauth_client_misplaced;
mod use_oauth_client_without_oauth2;

pub use auth_client_type_invalid::AuthClientTypeInvalid;
pub use bare_env_name_as_client_id::BareEnvNameAsClientId;
pub use credentials_field_invalid::CredentialsFieldInvalid;
pub use envvar_name_invalid::EnvVarNameInvalid;
pub use legacy_env_key::LegacyEnvKey;
pub use legacy_env_oauth::LegacyEnvOAuth;
pub use oauth2_missing_required_field::OAuth2MissingRequiredField;
pub use oauth2_outside_credentials::OAuth2OutsideCredentials;
pub use oauth2_scopes_invalid::OAuth2ScopesInvalid;
pub use oauth2_uri_invalid::OAuth2UriInvalid;
pub use oauth2_without_oauth_field::OAuth2WithoutOAuthField;
pub use oauth_client_delete_in_use::OAuthClientDeleteInUse;
pub use oauth_client_duplicate_per_tenant::OAuthClientDuplicatePerTenant;
pub use oauth_client_payload_invalid::OAuthClientPayloadInvalid;
pub use placeholder_in_uri_host::PlaceholderInUriHost;
pub use placeholder_undefined::PlaceholderUndefined;
pub use secret_literal_in_component_json::SecretLiteralInComponentJson;
pub use use_oauth_client_misplaced::UseOAuthClientMisplaced;
pub use use_oauth_client_without_oauth2::UseOAuthClientWithoutOAuth2;

use specc_dialects::elasticio::{codes, ClientPayload, Component, TenantState};
use specc_dialects::View;

use crate::{declare_builtin, Context, Rule};

declare_builtin! {
    /// ## What it checks
    /// A field of an elastic.io input has the wrong JSON type: `envVars` that is not an object, an
    /// `auth_uri` that is a number, `authClientTypes` that is not an array, a credential field that
    /// is not an object, a `scopes` entry that is not a string; in a tenant OAuth-client payload or
    /// desired-state file, `data`/`attributes` that are not objects or entries without an `id`.
    ///
    /// ## Why it matters
    /// The platform either rejects the descriptor when the component is built or silently ignores
    /// the field, so the OAuth configuration that runs is not the one written. specc reports the field
    /// and lowers the rest of the file.
    ///
    /// Source: <https://docs.elastic.io/developers/component-json-technical-reference> (field types).
    ///
    /// ## Example
    /// ```json
    /// { "credentials": { "fields": {}, "oauth2": { "auth_uri": 42 } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "credentials": { "fields": {}, "oauth2": { "auth_uri": "https://auth.example.com/authorize" } } }
    /// ```
    pub struct InvalidFieldType {
        code: codes::INVALID_FIELD_TYPE,
        summary: "An elastic.io field has the wrong JSON type",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &InvalidFieldType,
        &LegacyEnvOAuth,
        &OAuth2MissingRequiredField,
        &OAuth2OutsideCredentials,
        &UseOAuthClientMisplaced,
        &OAuth2WithoutOAuthField,
        &PlaceholderUndefined,
        &BareEnvNameAsClientId,
        &SecretLiteralInComponentJson,
        &EnvVarNameInvalid,
        &CredentialsFieldInvalid,
        &AuthClientTypeInvalid,
        &OAuthClientPayloadInvalid,
        &OAuthClientDuplicatePerTenant,
        &OAuthClientDeleteInUse,
        &LegacyEnvKey,
        &OAuth2UriInvalid,
        &PlaceholderInUriHost,
        &UseOAuthClientWithoutOAuth2,
        &OAuth2ScopesInvalid,
    ]
}

/// The component descriptor of an elastic.io unit.
pub(crate) fn component<'a>(cx: &Context<'a>) -> Option<&'a Component> {
    match cx.view() {
        View::ElasticIo(m) => m.component.as_deref(),
        _ => None,
    }
}

/// The OAuth-client payload of an elastic.io unit.
fn payload<'a>(cx: &Context<'a>) -> Option<&'a ClientPayload> {
    match cx.view() {
        View::ElasticIo(m) => m.payload.as_deref(),
        _ => None,
    }
}

/// The tenant desired state of an elastic.io unit.
fn tenant<'a>(cx: &Context<'a>) -> Option<&'a TenantState> {
    match cx.view() {
        View::ElasticIo(m) => m.tenant.as_deref(),
        _ => None,
    }
}

/// The whole text of the unit's primary file.
pub(crate) fn source<'a>(cx: &Context<'a>) -> &'a str {
    cx.doc(cx.ir().primary).map_or("", |d| d.text.as_str())
}

#[cfg(test)]
mod tests;
