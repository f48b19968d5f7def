//! Runtime configurations from the IR: what each platform's API or configuration file expects, written
//! from one [`AuthConfig`] by a minijinja template per target.
//!
//! A target is a row of [`TARGETS`]: its name, the templates it renders (embedded from
//! `templates/<target>.*.j2`), what it can express ([`Caps`]) and which inputs it needs that a source
//! may lack (a Keboola component id, an elastic.io tenant id). [`build`] turns the configuration into a
//! serialisable [`context::Context`] holding only what the target can express, renders every template
//! of the target, and reports what it had to leave out (`build/field-not-expressible`), what it could
//! not find (`build/missing-input`) and configurations the target has no form for at all
//! (`build/incompatible-target`).
//!
//! This crate never reads files, never prints and knows no dialect's parser: it depends on the IR
//! only. Secret values reach a template only when [`BuildOptions::inline_secrets`] is set; otherwise a
//! client secret is written as a reference in the target's own syntax (`{{VAR}}`, `${VAR}`,
//! `$var: connectorParameters.x`). Output is deterministic: same configuration and options, same bytes.

pub mod context;
pub mod targets;
pub mod urls;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use specc_diagnostics::{Diagnostic, Span};
use specc_ir::{AuthConfig, Protocol};

pub use context::Context;
pub use targets::{find_target, Caps, Field, Need, ProtocolKind, Target, TARGETS};

/// Codes of the findings `specc build` makes. They are documented in `specc-rules` (`rules/build`).
pub mod codes {
    /// A value of the source that the target has no place for (warning).
    pub const FIELD_NOT_EXPRESSIBLE: &str = "build/field-not-expressible";
    /// Something the target needs that neither the source nor a flag gives (error).
    pub const MISSING_INPUT: &str = "build/missing-input";
    /// The configuration's protocol or flows have no form in the target at all (error).
    pub const INCOMPATIBLE_TARGET: &str = "build/incompatible-target";
}

/// Which OpenAPI form the `openapi` and `itential-instance` targets write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpenApiVersion {
    /// Swagger 2.0 `securityDefinitions`.
    V2_0,
    V3_0,
    #[default]
    V3_1,
}

impl OpenApiVersion {
    pub fn parse(s: &str) -> Option<OpenApiVersion> {
        match s {
            "2.0" | "2" => Some(OpenApiVersion::V2_0),
            "3.0" => Some(OpenApiVersion::V3_0),
            "3.1" => Some(OpenApiVersion::V3_1),
            _ => None,
        }
    }

    /// The version field's value.
    pub fn full(self) -> &'static str {
        match self {
            OpenApiVersion::V2_0 => "2.0",
            OpenApiVersion::V3_0 => "3.0.3",
            OpenApiVersion::V3_1 => "3.1.0",
        }
    }
}

/// What the user gives on top of the source.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Write secret values instead of references (`--inline-secrets`).
    pub inline_secrets: bool,
    /// The platform's component id (Keboola `component_id`, elastic.io component) (`--component-id`).
    pub component_id: Option<String>,
    /// The elastic.io tenant (`--tenant-id`).
    pub tenant_id: Option<String>,
    /// The Keboola OAuth Broker registration id (`--oauth-api-id`).
    pub oauth_api_id: Option<String>,
    pub openapi_version: OpenApiVersion,
}

/// One file of a target's output, with its path relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmittedFile {
    pub path: String,
    pub contents: String,
}

/// A successful build: the files, and warnings about what was left out.
#[derive(Debug, Clone)]
pub struct Built {
    pub files: Vec<EmittedFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a build produced nothing.
#[derive(Debug, Clone)]
pub enum BuildError {
    /// Missing inputs or an incompatible configuration (errors), with the warnings found before.
    Rejected(Vec<Diagnostic>),
    /// A template failed to render: a bug in specc, not in the input.
    Template(String),
}

/// Builds `config` for `target`.
pub fn build(config: &AuthConfig, target: &Target, options: &BuildOptions) -> Result<Built, BuildError> {
    let caps = target.caps_for(options);
    let mut diagnostics = Vec::new();
    let Some(ctx) = context::Context::new(config, target, &caps, options, &mut diagnostics) else {
        return Err(BuildError::Rejected(diagnostics));
    };
    if diagnostics.iter().any(|d| d.severity == specc_diagnostics::Severity::Error) {
        return Err(BuildError::Rejected(diagnostics));
    }
    let env = environment(target);
    let value = Value::from(minijinja::value::Serde(&ctx));
    let mut files = Vec::new();
    for (path, name, _) in target.files {
        let template = env.get_template(name).map_err(|e| BuildError::Template(format!("{name}: {e:#}")))?;
        let contents = template.render(&value).map_err(|e| BuildError::Template(format!("{name}: {e:#}")))?;
        if contents.trim().is_empty() {
            continue;
        }
        files.push(EmittedFile { path: (*path).to_string(), contents });
    }
    Ok(Built { files, diagnostics })
}

/// The JSON:API body of `POST /v2/tenants/{TENANT_ID}/oauth-clients` (the `oauth-client.json` of the
/// `elasticio-tenant-client` target) for a client named `name`, from that target's template but without
/// a source configuration: `specc migrate` writes it next to a component it moves to a tenant client.
pub fn tenant_client_body(
    name: &str,
    client_id: &context::CredentialContext,
    client_secret: &context::CredentialContext,
    component_id: &str,
) -> Result<String, BuildError> {
    const TARGET: &str = "elasticio-tenant-client";
    const FILE: &str = "oauth-client.json";
    let missing = || BuildError::Template(format!("{TARGET}: no `{FILE}` template"));
    let target = find_target(TARGET).ok_or_else(missing)?;
    let (_, template, _) = target.files.iter().find(|(path, _, _)| *path == FILE).ok_or_else(missing)?;
    let env = environment(target);
    let t = env.get_template(template).map_err(|e| BuildError::Template(format!("{template}: {e:#}")))?;
    let client_id = Value::from(minijinja::value::Serde(client_id));
    let client_secret = Value::from(minijinja::value::Serde(client_secret));
    t.render(minijinja::context! { name, client_id, client_secret, component_id })
        .map_err(|e| BuildError::Template(format!("{template}: {e:#}")))
}

/// The template environment of a target: strict about undefined values, no HTML escaping, blocks
/// that do not leave blank lines, and the filters the templates share.
fn environment(target: &Target) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    if let Ok(syntax) =
        SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true).build()
    {
        env.set_syntax(syntax);
    }
    env.add_filter("json", json_filter);
    env.add_filter("mustache", |s: String| format!("{{{{{s}}}}}"));
    env.add_filter("dollar", |s: String| format!("${{{s}}}"));
    for (_, name, source) in target.files {
        // Templates are embedded and tested: a syntax error is caught by the golden tests.
        let _ = env.add_template(name, source);
    }
    env
}

/// Any value as compact JSON, which is also a valid YAML flow scalar or collection. Unlike
/// minijinja's `tojson`, characters such as `&` and `<` are not escaped for HTML.
fn json_filter(value: Value) -> Result<String, minijinja::Error> {
    serde_json::to_string(&value)
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("not JSON: {e}")))
}

/// A warning about a value the target cannot express.
pub(crate) fn not_expressible(target: &Target, what: impl Into<String>, span: Span, why: &str) -> Diagnostic {
    let what = what.into();
    let mut d = Diagnostic::warning(
        codes::FIELD_NOT_EXPRESSIBLE,
        format!("the `{}` target cannot express {what}; it is left out of the output", target.name),
        span,
    )
    .with_label("not in the output");
    if !why.is_empty() {
        d = d.with_note(why.to_string());
    }
    d
}

/// The kind of protocol, for capability tables.
pub(crate) fn protocol_kind(p: &Protocol) -> Option<ProtocolKind> {
    match p {
        Protocol::OAuth2 => Some(ProtocolKind::OAuth2),
        Protocol::OAuth1 => Some(ProtocolKind::OAuth1),
        Protocol::Facebook => Some(ProtocolKind::Facebook),
        Protocol::OpenIdConnect | Protocol::Other(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_template_parses() {
        for t in TARGETS {
            let env = environment(t);
            for (_, name, _) in t.files {
                assert!(env.get_template(name).is_ok(), "{}: {name}", t.name);
            }
        }
    }

    #[test]
    fn json_filter_keeps_ampersands() {
        assert_eq!(json_filter(Value::from("a&b<c")).ok().as_deref(), Some("\"a&b<c\""));
    }
}
