//! `elasticio/legacy-env-key`

use specc_dialects::elasticio::component::EnvForm;
use specc_syntax::edit::replace;

use super::component;
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// The component declares environment variables under the legacy top-level `env` key — as an
    /// array of names (`"env": ["GOOGLE_APP_ID", "GOOGLE_APP_SECRET"]`, the 2015–2020 form) or as
    /// an object — instead of `envVars`.
    ///
    /// ## Why it matters
    /// The current descriptor reference documents `envVars` only, with `required` and `description`
    /// per variable. The array form cannot say which variables are required, so the platform cannot
    /// warn a tenant that the OAuth keys are missing; tools that read `envVars` (including the
    /// tenant-client migration) see no variables at all.
    ///
    /// Sources: <https://docs.elastic.io/developers/component-json-technical-reference> ("EnvVars
    /// Object"); elastic.io's gspreadsheets and salesforce components, whose history shows both
    /// legacy forms (<https://github.com/elasticio/salesforce-component>).
    ///
    /// ## Example
    /// ```json title="component.json"
    /// { "env": ["APP_ID", "APP_SECRET"] }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// { "envVars": { "APP_ID": { "required": true }, "APP_SECRET": { "required": true } } }
    /// ```
    ///
    /// ## Fix safety
    /// For the object form the fix renames the key to `envVars`; for the array form it rewrites the
    /// list as an `envVars` object with `"required": true` per name. Whether the running platform
    /// still reads `env` for an already deployed component is not documented, so both are unsafe.
    pub struct LegacyEnvKey {
        code: "elasticio/legacy-env-key",
        summary: "Environment variables declared under the legacy `env` key",
        severity: Warning,
        fix: Unsafe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for LegacyEnvKey {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(env) = &c.legacy_env else { return };
        let (form, help) = match env.form {
            EnvForm::Array => (
                "an array of names",
                "declare them in `envVars` as `\"NAME\": {\"required\": true, \"description\": \"…\"}`",
            ),
            EnvForm::Object => ("an object", "rename `env` to `envVars`"),
            EnvForm::Other => return,
        };
        let mut d = Diagnostic::warning(
            LegacyEnvKey::META.code,
            format!("environment variables are declared under the legacy `env` key ({form}) instead of `envVars`"),
            env.member.key_span,
        )
        .with_label("legacy key")
        .with_help(help);
        if let Some(m) = &c.env_vars_member {
            d = d.with_secondary(m.key_span, "`envVars` is here too; merge the two");
        } else {
            let fix = match env.form {
                EnvForm::Object => {
                    Some(Fix::unsafe_("rename `env` to `envVars`", vec![replace(env.member.key_span, "\"envVars\"")]))
                }
                EnvForm::Array => {
                    let names: Vec<&str> = c
                        .env_vars
                        .iter()
                        .filter(|v| v.source == specc_dialects::elasticio::component::EnvSource::LegacyArray)
                        .map(|v| v.name.as_str())
                        .collect();
                    let body: Vec<String> = names
                        .iter()
                        .map(|n| format!("{}: {{\"required\": true}}", specc_syntax::edit::quote(n)))
                        .collect();
                    Some(Fix::unsafe_(
                        "declare the variables in `envVars`",
                        vec![
                            replace(env.member.key_span, "\"envVars\""),
                            replace(env.member.value_span, format!("{{{}}}", body.join(", "))),
                        ],
                    ))
                }
                EnvForm::Other => None,
            };
            if let Some(f) = fix {
                d = d.with_fix(f);
            }
        }
        out.push(d);
    }
}
