//! Codes `specc probe` reports after running a configuration against a live authorization server.
//! They are made by the probe, never by `specc check` (which never touches the network), so they are
//! covered by the probe's tests rather than fixtures.

use crate::{declare_builtin, Rule};

/// A configured endpoint differs from the one the server's metadata names.
pub const ENDPOINT_MISMATCH: &str = "probe/endpoint-mismatch";

declare_builtin! {
    /// ## What it checks
    /// The authorization or token URL of the configuration is not the `authorization_endpoint` or
    /// `token_endpoint` that the server publishes in its metadata (RFC 8414
    /// `/.well-known/oauth-authorization-server`, or OpenID Connect Discovery
    /// `/.well-known/openid-configuration`). Query strings are ignored; scheme, host, port and path
    /// are compared.
    ///
    /// ## Why it matters
    /// An endpoint that is not the published one is often a copy of an old or regional URL, a
    /// version path (`/v1/` against `/v2/`) or another tenant's. It may still work today, but it is
    /// not the endpoint the provider maintains.
    ///
    /// ## Example
    /// Configured `https://login.example.com/oauth/token`, published
    /// `https://login.example.com/oauth2/v2.0/token`. Use the published URL.
    pub struct EndpointMismatch {
        code: ENDPOINT_MISMATCH,
        summary: "A configured endpoint is not the one the server's metadata publishes",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// The configured client authentication is not among the server's methods.
pub const CLIENT_AUTH_UNSUPPORTED: &str = "probe/client-auth-unsupported";

declare_builtin! {
    /// ## What it checks
    /// The way the configuration authenticates the client at the token endpoint (HTTP Basic,
    /// `client_secret_basic`; form parameters, `client_secret_post`; no secret, `none`) is not in the
    /// server's `token_endpoint_auth_methods_supported` (RFC 8414 §2).
    ///
    /// ## Why it matters
    /// A server that does not accept the method answers every token request with `invalid_client`
    /// (RFC 6749 §5.2). Some servers accept both secret methods whatever they advertise, so the
    /// exchange may pass against one deployment and fail against another.
    ///
    /// ## Example
    /// The server publishes `["client_secret_basic"]`; a Membrane connector has
    /// `clientAuthLocation: body`. Use `clientAuthLocation: headers`.
    pub struct ClientAuthUnsupported {
        code: CLIENT_AUTH_UNSUPPORTED,
        summary: "The configured client authentication is not one the server supports",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The configured PKCE method is not one the server supports.
pub const PKCE_UNSUPPORTED: &str = "probe/pkce-unsupported";

declare_builtin! {
    /// ## What it checks
    /// The configuration sends a PKCE code challenge with a method (`S256`, or `plain`) that is not
    /// in the server's `code_challenge_methods_supported` (RFC 8414 §2, RFC 7636 §4.3).
    ///
    /// ## Why it matters
    /// The server rejects the authorization request (`invalid_request`) or, worse, ignores the
    /// challenge and then the verifier. `S256` is the method every server that supports PKCE must
    /// support (RFC 7636 §4.2); `plain` is for clients that cannot hash.
    ///
    /// ## Example
    /// The server publishes `["S256"]`; the configuration uses `plain`. Use `S256`.
    pub struct PkceUnsupported {
        code: PKCE_UNSUPPORTED,
        summary: "The configured PKCE method is not one the server supports",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The server supports PKCE and the configuration switches it off.
pub const PKCE_DISABLED: &str = "probe/pkce-disabled";

declare_builtin! {
    /// ## What it checks
    /// The server publishes `code_challenge_methods_supported` (it supports PKCE), and the
    /// configuration turns PKCE off (Membrane `skipPkce: true`, for instance).
    ///
    /// ## Why it matters
    /// PKCE protects the authorization code against interception and injection; OAuth 2.0 Security
    /// Best Current Practice (RFC 9700 §2.1.1) says clients should use it, and servers may start
    /// requiring it for a client at any time.
    ///
    /// ## Example
    /// ```yaml
    /// skipPkce: true
    /// ```
    /// Remove the switch, so the platform sends an `S256` challenge.
    pub struct PkceDisabled {
        code: PKCE_DISABLED,
        summary: "The server supports PKCE but the configuration switches it off",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// The server requires PKCE and the configuration does not send it.
pub const PKCE_REQUIRED: &str = "probe/pkce-required";

declare_builtin! {
    /// ## What it checks
    /// The server refused the authorization request because it carried no PKCE code challenge
    /// (`invalid_request`, RFC 7636 §4.4.1), and the configuration disables PKCE or cannot send it.
    ///
    /// ## Why it matters
    /// No user can connect: the server stops at the first step.
    ///
    /// ## Example
    /// ```yaml
    /// skipPkce: true
    /// ```
    /// Remove `skipPkce`, so the platform sends an `S256` challenge.
    pub struct PkceRequired {
        code: PKCE_REQUIRED,
        summary: "The server requires PKCE and the configuration does not send it",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// A requested scope is not among the server's scopes.
pub const SCOPE_UNSUPPORTED: &str = "probe/scope-unsupported";

declare_builtin! {
    /// ## What it checks
    /// A scope the configuration requests is not in the server's `scopes_supported` (RFC 8414 §2).
    ///
    /// ## Why it matters
    /// Servers answer an unknown scope with `invalid_scope`, or silently leave it out of the grant
    /// (then the API calls that need it fail later). A server may choose not to publish every scope,
    /// so this is a warning; `probe/invalid-scope` and `probe/scope-not-granted` report what the
    /// server really did.
    ///
    /// ## Example
    /// The server publishes `openid profile api.read`; the configuration asks for `api.admin`.
    pub struct ScopeUnsupported {
        code: SCOPE_UNSUPPORTED,
        summary: "A requested scope is not one the server publishes",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// The scope string uses a delimiter other than the space.
pub const SCOPE_DELIMITER: &str = "probe/scope-delimiter";

declare_builtin! {
    /// ## What it checks
    /// The scope parameter the platform will send joins scopes with commas or semicolons, and the
    /// parts are scopes the server publishes: the server reads the joined string as one unknown scope.
    ///
    /// ## Why it matters
    /// The `scope` parameter is "a list of space-delimited, case-sensitive strings" (RFC 6749 §3.3);
    /// a comma is a legal character inside a scope name. `read,write` asks for one scope named
    /// `read,write`, which the server rejects (`invalid_scope`) or drops.
    ///
    /// ## Example
    /// ```yaml
    /// scope: openid,profile
    /// ```
    /// Use instead `scope: openid profile`.
    pub struct ScopeDelimiter {
        code: SCOPE_DELIMITER,
        summary: "The scopes are joined with a delimiter the server does not split on",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The server granted fewer scopes than requested.
pub const SCOPE_NOT_GRANTED: &str = "probe/scope-not-granted";

declare_builtin! {
    /// ## What it checks
    /// The token response's `scope` (RFC 6749 §5.1) lacks scopes the configuration requested.
    ///
    /// ## Why it matters
    /// The token works, but calls that need the missing scopes fail with `insufficient_scope`
    /// (RFC 6750 §3.1) long after the connection was made. The usual causes are a wrong delimiter, a
    /// scope the client is not registered for, or a scope the server does not know.
    ///
    /// ## Example
    /// Requested `openid api.read api.write`, granted `openid api.read`.
    pub struct ScopeNotGranted {
        code: SCOPE_NOT_GRANTED,
        summary: "The server granted fewer scopes than the configuration requests",
        severity: Warning,
        fix: None,
        since: "0.1.0",
    }
}

/// The server does not offer the flow's grant type (or refresh).
pub const GRANT_UNSUPPORTED: &str = "probe/grant-unsupported";

declare_builtin! {
    /// ## What it checks
    /// The grant type of the configured flow (`authorization_code`, `client_credentials`...), or
    /// `refresh_token` for a platform that refreshes, is not in the server's
    /// `grant_types_supported` (RFC 8414 §2; omitted means `authorization_code` and `implicit`), or
    /// the token endpoint answered `unsupported_grant_type` (RFC 6749 §5.2).
    ///
    /// ## Why it matters
    /// The token request fails for every user; without `refresh_token`, connections expire with the
    /// first access token.
    ///
    /// ## Example
    /// A client-credentials flow against a server that publishes only `authorization_code`.
    pub struct GrantUnsupported {
        code: GRANT_UNSUPPORTED,
        summary: "The server does not support the grant type the configuration uses",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The server does not support `response_type=code`.
pub const RESPONSE_TYPE_UNSUPPORTED: &str = "probe/response-type-unsupported";

declare_builtin! {
    /// ## What it checks
    /// The server's `response_types_supported` (RFC 8414 §2) lacks `code`, the response type of
    /// the authorization code flow every platform runs, or the server answered
    /// `unsupported_response_type`.
    ///
    /// ## Why it matters
    /// The authorization request fails before the user signs in.
    ///
    /// ## Example
    /// A server that publishes only `["token"]` (implicit flow).
    pub struct ResponseTypeUnsupported {
        code: RESPONSE_TYPE_UNSUPPORTED,
        summary: "The server does not support the response type the flow needs",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The server rejected the redirect URI.
pub const REDIRECT_URI_REJECTED: &str = "probe/redirect-uri-rejected";

declare_builtin! {
    /// ## What it checks
    /// The authorization server refused the redirect URI the platform sends (`invalid_redirect_uri`,
    /// `redirect_uri_mismatch`, or an `invalid_request` about `redirect_uri`), or the token endpoint
    /// refused the code because the redirect URI differs from the authorization request's.
    ///
    /// ## Why it matters
    /// Servers compare redirect URIs as exact strings (RFC 9700 §4.1.3, OpenID Connect Core
    /// §3.1.2.1): a trailing slash, `http` for `https`, another port or path makes every
    /// authorization fail. Register the URI byte for byte as the platform sends it.
    ///
    /// ## Example
    /// Registered `https://app.example.com/callback`, sent `https://app.example.com/callback/`.
    pub struct RedirectUriRejected {
        code: REDIRECT_URI_REJECTED,
        summary: "The server rejected the redirect URI the platform sends",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// `invalid_client` from the token endpoint.
pub const INVALID_CLIENT: &str = "probe/invalid-client";

declare_builtin! {
    /// ## What it checks
    /// The token endpoint answered `invalid_client` (RFC 6749 §5.2): the client id is unknown, the
    /// secret is wrong, or the client authenticated in a way the server does not accept for it
    /// (Basic header against form parameters).
    ///
    /// ## Why it matters
    /// No token is ever issued. The finding points at the client authentication setting and the
    /// credentials it used.
    ///
    /// ## Example
    /// `clientAuthLocation: body` for a client registered with `client_secret_basic`, or a secret
    /// that was rotated at the provider.
    pub struct InvalidClient {
        code: INVALID_CLIENT,
        summary: "The token endpoint rejected the client's authentication",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// `invalid_scope` from the server.
pub const INVALID_SCOPE: &str = "probe/invalid-scope";

declare_builtin! {
    /// ## What it checks
    /// The server answered `invalid_scope` (RFC 6749 §4.1.2.1, §5.2) to the scopes the platform
    /// sends.
    ///
    /// ## Why it matters
    /// The request fails. The scope is unknown, not allowed for this client, or joined with the
    /// wrong delimiter (`read,write` is one scope named `read,write`, RFC 6749 §3.3).
    ///
    /// ## Example
    /// `scopes: "read,write"` against a server that knows `read` and `write`.
    pub struct InvalidScope {
        code: INVALID_SCOPE,
        summary: "The server rejected the requested scopes",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// `invalid_grant` from the token endpoint.
pub const INVALID_GRANT: &str = "probe/invalid-grant";

declare_builtin! {
    /// ## What it checks
    /// The token endpoint answered `invalid_grant` (RFC 6749 §5.2) to the code exchange or the
    /// refresh: the code was issued to another redirect URI, the PKCE verifier does not match the
    /// challenge (RFC 7636 §4.6), or the refresh token is not accepted.
    ///
    /// ## Why it matters
    /// Users sign in and then get no connection, or the connection breaks at the first refresh.
    ///
    /// ## Example
    /// A token request whose `redirect_uri` differs from the authorization request's.
    pub struct InvalidGrant {
        code: INVALID_GRANT,
        summary: "The token endpoint rejected the code or refresh token",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// `unauthorized_client` from the server.
pub const UNAUTHORIZED_CLIENT: &str = "probe/unauthorized-client";

declare_builtin! {
    /// ## What it checks
    /// The server answered `unauthorized_client` (RFC 6749 §4.1.2.1, §5.2): the client is not
    /// allowed to use the configured flow.
    ///
    /// ## Why it matters
    /// The flow cannot work for this client until its registration at the provider allows the grant
    /// (a "web application" registered without client credentials, say), or the configuration uses
    /// the flow the client is registered for.
    ///
    /// ## Example
    /// A client-credentials configuration for a client registered only for the authorization code flow.
    pub struct UnauthorizedClient {
        code: UNAUTHORIZED_CLIENT,
        summary: "The client is not allowed to use the configured flow",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// No refresh token came back though the platform needs one.
pub const NO_REFRESH_TOKEN: &str = "probe/no-refresh-token";

declare_builtin! {
    /// ## What it checks
    /// The token response has no `refresh_token`, and the platform needs one (elastic.io refreshes
    /// every OAuth 2.0 key), or the configuration says one will come.
    ///
    /// ## Why it matters
    /// The connection stops working when the first access token expires. Many providers issue a
    /// refresh token only on request: the `offline_access` scope with `prompt=consent` (OpenID
    /// Connect Core §11), or `access_type=offline` (Google).
    ///
    /// ## Example
    /// `"scopes": ["openid", "api.read"]` against an OpenID provider. Use instead
    /// `"scopes": ["openid", "api.read", "offline_access"]` and `"prompt": "consent"`.
    pub struct NoRefreshToken {
        code: NO_REFRESH_TOKEN,
        summary: "No refresh token came back though the platform needs one",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The authorization response's `state` or `iss` is wrong.
pub const RESPONSE_MISMATCH: &str = "probe/response-mismatch";

declare_builtin! {
    /// ## What it checks
    /// The authorization response came back with a `state` other than the one sent (RFC 6749
    /// §10.12), or with an `iss` other than the server's issuer, or without `iss` from a server that
    /// publishes `authorization_response_iss_parameter_supported` (RFC 9207 §2.4); or the metadata's
    /// `issuer` is not the issuer it was fetched for (RFC 8414 §3.3).
    ///
    /// ## Why it matters
    /// A client must reject such a response: it may come from another server (mix-up attack) or
    /// another session.
    ///
    /// ## Example
    /// Metadata fetched from `https://login.example.com/` says `"issuer": "https://sts.example.com/"`.
    pub struct ResponseMismatch {
        code: RESPONSE_MISMATCH,
        summary: "The server's answer names another state or issuer than expected",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// Another OAuth error from the server.
pub const SERVER_ERROR: &str = "probe/server-error";

declare_builtin! {
    /// ## What it checks
    /// The server answered an OAuth request with an error that none of the other `probe/` codes
    /// explains (`invalid_request`, `access_denied`, `server_error`, an HTTP error page), or with a
    /// response that is not what RFC 6749 §5.1 describes (no `access_token`, not JSON).
    ///
    /// ## Why it matters
    /// The flow fails at this step. The server's `error` and `error_description` are in the message.
    ///
    /// ## Example
    /// A token endpoint that answers `500 Internal Server Error` to the code exchange.
    pub struct ServerError {
        code: SERVER_ERROR,
        summary: "The server answered an OAuth request with an error",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// Every code of the namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &EndpointMismatch,
        &ClientAuthUnsupported,
        &PkceUnsupported,
        &PkceDisabled,
        &PkceRequired,
        &ScopeUnsupported,
        &ScopeDelimiter,
        &ScopeNotGranted,
        &GrantUnsupported,
        &ResponseTypeUnsupported,
        &RedirectUriRejected,
        &InvalidClient,
        &InvalidScope,
        &InvalidGrant,
        &UnauthorizedClient,
        &NoRefreshToken,
        &ResponseMismatch,
        &ServerError,
    ]
}
