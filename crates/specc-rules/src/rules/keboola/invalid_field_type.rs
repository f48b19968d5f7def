//! `keboola/invalid-field-type` (built-in: produced outside any rule's `check`)

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A field of a Keboola manage body or `authorization.oauth_api` configuration has the wrong type:
    /// `auth_url` that is not a string, `oauth_version: 2.0` written as a number, `credentials` that is
    /// not an object, `appKey` written as a number (a warning: the generic-extractor OAuth 1.0 docs
    /// show `"appKey": 1234`, every other example a string).
    ///
    /// ## Why it matters
    /// The OAuth Manager's schema types every field as a string (the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>),
    /// "Add new component", Schema); the broker injects `appKey` as a string
    /// (Keboola's OAuth interface specification for components (<https://developers.keboola.com/extend/common-interface/oauth/>)). Other types are rejected or compared wrongly.
    ///
    /// ## Severity
    /// An error for every field, except `appKey` written as a number: a warning, since the generic
    /// extractor's OAuth 1.0 documentation shows `"appKey": 1234` and the broker passes it on.
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    ///   "oauth_version": 2.0
    /// }
    /// ```
    /// Use instead:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "app_key": "example-client-id",
    /// @   "app_secret": "${EXAMPLE_APP_SECRET}",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    ///   "oauth_version": "2.0"
    /// }
    /// ```
    pub struct InvalidFieldType {
        code: specc_dialects::keboola::codes::INVALID_FIELD_TYPE,
        summary: "A Keboola OAuth field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
        builtin: true,
    }
}
