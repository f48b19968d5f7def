//! Codes `specc probe` reports after running a configuration against a live authorization server.
//! They are made by the probe, never by `specc check` (which never touches the network), so they are
//! covered by the probe's tests rather than fixtures.

include!(concat!(env!("OUT_DIR"), "/rules_probe.rs"));

/// A configured endpoint differs from the one the server's metadata names.
pub const ENDPOINT_MISMATCH: &str = "probe/endpoint-mismatch";

/// The configured client authentication is not among the server's methods.
pub const CLIENT_AUTH_UNSUPPORTED: &str = "probe/client-auth-unsupported";

/// The configured PKCE method is not one the server supports.
pub const PKCE_UNSUPPORTED: &str = "probe/pkce-unsupported";

/// The server supports PKCE and the configuration switches it off.
pub const PKCE_DISABLED: &str = "probe/pkce-disabled";

/// The server requires PKCE and the configuration does not send it.
pub const PKCE_REQUIRED: &str = "probe/pkce-required";

/// A requested scope is not among the server's scopes.
pub const SCOPE_UNSUPPORTED: &str = "probe/scope-unsupported";

/// The scope string uses a delimiter other than the space.
pub const SCOPE_DELIMITER: &str = "probe/scope-delimiter";

/// The server granted fewer scopes than requested.
pub const SCOPE_NOT_GRANTED: &str = "probe/scope-not-granted";

/// The server does not offer the flow's grant type (or refresh).
pub const GRANT_UNSUPPORTED: &str = "probe/grant-unsupported";

/// The server does not support `response_type=code`.
pub const RESPONSE_TYPE_UNSUPPORTED: &str = "probe/response-type-unsupported";

/// The server rejected the redirect URI.
pub const REDIRECT_URI_REJECTED: &str = "probe/redirect-uri-rejected";

/// `invalid_client` from the token endpoint.
pub const INVALID_CLIENT: &str = "probe/invalid-client";

/// `invalid_scope` from the server.
pub const INVALID_SCOPE: &str = "probe/invalid-scope";

/// `invalid_grant` from the token endpoint.
pub const INVALID_GRANT: &str = "probe/invalid-grant";

/// `unauthorized_client` from the server.
pub const UNAUTHORIZED_CLIENT: &str = "probe/unauthorized-client";

/// No refresh token came back though the platform needs one.
pub const NO_REFRESH_TOKEN: &str = "probe/no-refresh-token";

/// No refresh token came back though the configuration says one will (and the platform can do without).
pub const REFRESH_TOKEN_NOT_RETURNED: &str = "probe/refresh-token-not-returned";

/// The authorization response's `state` or `iss` is wrong.
pub const RESPONSE_MISMATCH: &str = "probe/response-mismatch";

/// Another OAuth error from the server.
pub const SERVER_ERROR: &str = "probe/server-error";

