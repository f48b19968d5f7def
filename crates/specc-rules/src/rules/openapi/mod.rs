//! Rules of the `openapi/` namespace: OpenAPI security schemes and requirements.
//!
//! The rules run for OpenAPI documents and, with the same model, for Itential instances (whose unit
//! lowers the instance's OpenAPI model). Helpers below pair each lowered configuration with the
//! scheme as written, and each lowered flow with its flow as written.

mod authorization_url_root;
mod empty_scopes;
mod field_not_applicable;
mod implicit_flow;
mod missing_authorization_url;
mod missing_flows;
mod missing_scopes;
mod missing_token_url;
mod non_oauth_requirement_scopes;
mod password_flow;
mod relative_url;
mod undefined_scheme;
mod undefined_scope;
mod unused_scheme;
mod unused_scope;
mod url_invalid;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
pub(crate) mod testing;

pub use authorization_url_root::AuthorizationUrlRoot;
pub use empty_scopes::EmptyScopes;
pub use field_not_applicable::FieldNotApplicable;
pub use implicit_flow::ImplicitFlow;
pub use missing_authorization_url::MissingAuthorizationUrl;
pub use missing_flows::MissingFlows;
pub use missing_scopes::MissingScopes;
pub use missing_token_url::MissingTokenUrl;
pub use non_oauth_requirement_scopes::NonOauthRequirementScopes;
pub use password_flow::PasswordFlow;
pub use relative_url::RelativeUrl;
pub use undefined_scheme::UndefinedScheme;
pub use undefined_scope::UndefinedScope;
pub use unused_scheme::UnusedScheme;
pub use unused_scope::UnusedScope;
pub use url_invalid::UrlInvalid;

use specc_dialects::openapi::{codes, FlowView, Model, SchemeView};
use specc_ir::{AuthConfig, Dialect, Flow, Requirement};

use crate::{declare_builtin, Context, Rule};

/// Each configuration lowered from the model, with its scheme as written.
pub(crate) fn schemes<'a>(cx: &Context<'a>) -> Vec<(&'a AuthConfig, &'a SchemeView)> {
    let Some(model) = cx.openapi() else { return Vec::new() };
    cx.ir()
        .configs
        .iter()
        .filter(|c| matches!(c.dialect, Dialect::OpenApi | Dialect::Itential))
        .zip(model.schemes.iter())
        .filter(|(c, s)| c.name == s.name)
        .collect()
}

/// Each lowered flow of a configuration with its flow as written (flows with an unknown name have a
/// view but no lowered flow, and are skipped).
pub(crate) fn flows<'a>(config: &'a AuthConfig, scheme: &'a SchemeView) -> Vec<(&'a Flow, &'a FlowView)> {
    config.flows.iter().zip(scheme.flows.iter().filter(|v| v.kind.is_some())).collect()
}

/// The security requirements that name a scheme.
pub(crate) fn requirements_of<'a>(cx: &Context<'a>, scheme: &str) -> Vec<&'a Requirement> {
    cx.ir().requirements.iter().filter(|r| r.scheme.value == scheme).collect()
}

/// The model of the unit, for the version and the file.
pub(crate) fn model<'a>(cx: &Context<'a>) -> Option<&'a Model> {
    cx.openapi()
}

/// Whether a scheme is an OAuth 2.0 scheme as written.
pub(crate) fn is_oauth2(scheme: &SchemeView) -> bool {
    scheme.scheme_type.as_ref().is_some_and(|t| t.value == "oauth2")
}

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
    vec![
        &InvalidFieldType,
        &UnknownFlow,
        &MissingFlows,
        &MissingTokenUrl,
        &MissingAuthorizationUrl,
        &MissingScopes,
        &FieldNotApplicable,
        &UrlInvalid,
        &RelativeUrl,
        &AuthorizationUrlRoot,
        &ImplicitFlow,
        &PasswordFlow,
        &UndefinedScheme,
        &UndefinedScope,
        &UnusedScope,
        &UnusedScheme,
        &EmptyScopes,
        &NonOauthRequirementScopes,
    ]
}
