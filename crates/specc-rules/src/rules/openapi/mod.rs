//! Rules of the `openapi/` namespace: OpenAPI security schemes and requirements.

mod missing_token_url;

pub use missing_token_url::MissingTokenUrl;
use specc_dialects::openapi::codes;

use crate::{declare_builtin, Rule};

declare_builtin! {
    /// ## What it checks
    /// A field of a security scheme, flow or requirement has the wrong JSON type: `flows` that is
    /// not an object, a `tokenUrl` that is a number, a `security` entry that is not an array.
    ///
    /// ## Why it matters
    /// OpenAPI tools either reject the document or ignore the field; the OAuth configuration that
    /// follows from it is not the one written. specc reports the field and lowers the rest.
    ///
    /// ## Example
    /// ```yaml
    /// flows:
    ///   clientCredentials:
    ///     tokenUrl: 42
    /// ```
    pub struct InvalidFieldType {
        code: codes::INVALID_FIELD_TYPE,
        summary: "A security scheme field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

declare_builtin! {
    /// ## What it checks
    /// A key under `flows` (3.x) or the `flow` value (2.0) is not a flow the document's OpenAPI
    /// version defines. 3.x knows `implicit`, `password`, `clientCredentials`, `authorizationCode`
    /// (and `deviceAuthorization` from 3.2); 2.0 knows `implicit`, `password`, `application`,
    /// `accessCode`. Extensions (`x-…`) are allowed.
    ///
    /// ## Why it matters
    /// A misspelt flow is ignored by every consumer: the scheme offers no flow at all.
    ///
    /// ## Example
    /// ```yaml
    /// flows:
    ///   authorisationCode: { authorizationUrl: https://a.example.com/auth, tokenUrl: https://a.example.com/token, scopes: {} }
    /// ```
    /// Use instead:
    /// ```yaml
    /// flows:
    ///   authorizationCode: { authorizationUrl: https://a.example.com/auth, tokenUrl: https://a.example.com/token, scopes: {} }
    /// ```
    pub struct UnknownFlow {
        code: codes::UNKNOWN_FLOW,
        summary: "An OAuth flow name that OpenAPI does not define",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&InvalidFieldType, &UnknownFlow, &MissingTokenUrl]
}
