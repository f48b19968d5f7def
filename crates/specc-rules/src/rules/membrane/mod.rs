//! Rules of the `membrane/` namespace: Membrane / Integration.app connector specs (`spec.yml`, the
//! `auth/` method files, and single-file workspace exports).
//!
//! Sources: the platform documentation document Membrane's OAuth2 connector documentation (<https://docs.integration.app>) (Integration.app "OAuth2"
//! page), the Membrane SDK's connector schema as summarised in `shared/reference/RULES.md` §B, and
//! the corpus under `shared/corpus/membrane`.

mod client_auth_location_invalid;
mod client_credential_literal;
mod deprecated_skip_client_auth;
mod extra_overrides_core_param;
mod implementation_export_missing;
mod implementation_file_missing;
mod integration_not_ready;
mod method_file_name;
mod missing_required_method;
mod no_refresh_inconsistent;
mod oauth_config_missing_field;
mod scopes_not_array;
mod skip_pkce;
mod unknown_auth_method;
mod unsupported_implementation_type;

pub use client_auth_location_invalid::ClientAuthLocationInvalid;
pub use client_credential_literal::ClientCredentialLiteral;
pub use deprecated_skip_client_auth::DeprecatedSkipClientAuth;
pub use extra_overrides_core_param::ExtraOverridesCoreParam;
pub use implementation_export_missing::ImplementationExportMissing;
pub use implementation_file_missing::ImplementationFileMissing;
pub use integration_not_ready::IntegrationNotReady;
pub use method_file_name::MethodFileName;
pub use missing_required_method::MissingRequiredMethod;
pub use no_refresh_inconsistent::NoRefreshInconsistent;
pub use oauth_config_missing_field::OAuthConfigMissingField;
pub use scopes_not_array::ScopesNotArray;
pub use skip_pkce::SkipPkce;
pub use unknown_auth_method::UnknownAuthMethod;
pub use unsupported_implementation_type::UnsupportedImplementationType;

use specc_dialects::membrane::{codes, AuthView, Model, OAuthConfigView};
use specc_dialects::View;
use specc_syntax::Span;

use crate::{declare_builtin, Context, Edit, Rule};

declare_builtin! {
    /// ## What it checks
    /// A field of a connector's `auth:` section or of its `getOAuthConfig` mapping has the wrong
    /// type: `auth` that is not an object, a method that is not an object, `scopes` items that are
    /// not strings, `skipPkce: "yes"`, `extra` that is not an object of parameters.
    ///
    /// ## Why it matters
    /// The Membrane SDK validates the spec with a schema; a wrong type makes the connector fail to
    /// load, or the field is dropped. specc reports the field and keeps lowering the rest.
    /// Source: Membrane's OAuth2 connector documentation (<https://docs.integration.app>) ("Config Parameters").
    ///
    /// ## Example
    /// ```yaml
    /// skipPkce: "yes"
    /// ```
    /// Use instead:
    /// ```yaml
    /// skipPkce: true
    /// ```
    pub struct InvalidFieldType {
        code: codes::INVALID_FIELD_TYPE,
        summary: "A connector auth field has the wrong type",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

/// The rules of this namespace.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &InvalidFieldType,
        &MissingRequiredMethod,
        &UnsupportedImplementationType,
        &UnknownAuthMethod,
        &OAuthConfigMissingField,
        &ClientAuthLocationInvalid,
        &DeprecatedSkipClientAuth,
        &SkipPkce,
        &ExtraOverridesCoreParam,
        &NoRefreshInconsistent,
        &ClientCredentialLiteral,
        &ScopesNotArray,
        &MethodFileName,
        &ImplementationFileMissing,
        &ImplementationExportMissing,
        &IntegrationNotReady,
    ]
}

/// The connector model, for Membrane units.
pub(crate) fn model<'a>(cx: &Context<'a>) -> Option<&'a Model> {
    match cx.view() {
        View::Membrane(m) => Some(m),
        _ => None,
    }
}

/// The `auth:` section, for Membrane units that have one.
pub(crate) fn auth<'a>(cx: &Context<'a>) -> Option<&'a AuthView> {
    model(cx)?.auth.as_ref()
}

/// The `getOAuthConfig` mapping, when it could be read.
pub(crate) fn oauth_config<'a>(cx: &Context<'a>) -> Option<&'a OAuthConfigView> {
    auth(cx)?.oauth_config.as_ref()
}

/// An edit deleting the whole line(s) of a YAML block member, when nothing else shares those lines.
pub(crate) fn delete_lines(cx: &Context<'_>, member: Span) -> Option<Edit> {
    let text = &cx.doc(member.file)?.text;
    let start = member.start as usize;
    let end = member.end as usize;
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |p| p + 1);
    if !text.get(line_start..start)?.bytes().all(|b| b == b' ') {
        return None;
    }
    let line_end = text.get(end..)?.find('\n').map_or(text.len(), |p| end + p + 1);
    let rest = text.get(end..line_end)?;
    if !rest.trim().is_empty() && !rest.trim_start().starts_with('#') {
        return None;
    }
    Some(Edit { span: Span::new(member.file, line_start, line_end), replacement: String::new() })
}

/// An edit inserting `key: value` as a new last member of the OAuth config mapping.
pub(crate) fn insert_member(view: &OAuthConfigView, line: &str) -> Option<Edit> {
    let (at, indent) = view.insert_point.as_ref()?;
    Some(Edit { span: *at, replacement: format!("\n{indent}{line}") })
}

#[cfg(test)]
pub(crate) mod tests;
