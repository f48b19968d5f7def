//! `elasticio/credentials-field-invalid`

use specc_dialects::elasticio::component::FieldView;

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The credential fields of a component that authenticates with OAuth (a field with
    /// `"viewClass": "OAuthFieldView"`, a `credentials.oauth2`/`oauth1` block or `useOAuthClient`),
    /// exactly as elastic.io's own CLI validator accepts them and no stricter:
    /// * `credentials` without `fields` (error);
    /// * a field without `viewClass` (error);
    /// * a `SelectView` field whose `model` is not a JavaScript object (error). The validator tests
    ///   `typeof model === 'object'`, which objects, arrays (the option's index is its value) and
    ///   `null` pass; a string, number or boolean, or no `model` at all, fails.
    ///
    /// View class names are not judged: the platform renders classes its CLI does not list (the
    /// release notes use `TextView`), so a name missing from the CLI's list is no proof of rejection.
    /// Components without OAuth are not checked: specc judges OAuth configuration, and the form
    /// of a component that has none is outside it.
    ///
    /// ## Why it matters
    /// The platform renders the credentials form from these fields; a field without a view class or a
    /// select list without options leaves the user unable to authenticate, and the OAuth block is
    /// reached only through a field (`OAuthFieldView`).
    ///
    /// Source: elastic.io CLI `runValidate`,
    /// <https://github.com/elasticio/elasticio-cli>; <https://docs.elastic.io/developers/component-json-credentials>.
    ///
    /// ## Example
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token"
    /// @     },
    ///     "fields": {
    /// @       "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true },
    ///       "env": { "viewClass": "SelectView" }
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// {
    /// @   "title": "Acme CRM",
    /// @   "envVars": {
    /// @     "OAUTH_CLIENT_ID": { "required": true },
    /// @     "OAUTH_CLIENT_SECRET": { "required": true }
    /// @   },
    /// @   "useOAuthClient": true,
    ///   "credentials": {
    /// @     "oauth2": {
    /// @       "client_id": "{{OAUTH_CLIENT_ID}}",
    /// @       "client_secret": "{{OAUTH_CLIENT_SECRET}}",
    /// @       "auth_uri": "https://auth.example.com/authorize",
    /// @       "token_uri": "https://auth.example.com/token"
    /// @     },
    ///     "fields": {
    /// @       "oauth": { "label": "Authentication", "viewClass": "OAuthFieldView", "required": true },
    ///       "env": { "label": "Environment", "viewClass": "SelectView",
    ///         "model": { "test": "Sandbox", "login": "Production" } }
    ///     }
    ///   }
    /// }
    /// ```
    pub struct CredentialsFieldInvalid {
        code: "elasticio/credentials-field-invalid",
        summary: "A credential field the platform cannot render",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for CredentialsFieldInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(cred) = &c.credentials else { return };
        if !has_oauth(c, cred) {
            return;
        }
        let code = CredentialsFieldInvalid::META.code;
        let Some(fields) = &cred.fields else {
            out.push(
                Diagnostic::error(code, "`credentials` has no `fields`", cred.member.key_span)
                    .with_label("no fields")
                    .with_help("wrap the credential fields in `\"fields\": { … }` inside `credentials`"),
            );
            return;
        };
        for f in &fields.entries {
            check_field(f, out);
        }
    }
}

fn check_field(f: &FieldView, out: &mut Vec<Diagnostic>) {
    let code = CredentialsFieldInvalid::META.code;
    if f.object.is_none() {
        return;
    }
    match &f.view_class {
        None => out.push(
            Diagnostic::error(code, format!("credential field `{}` has no `viewClass`", f.name), f.key_span)
                .with_label("no viewClass")
                .with_help("add a `viewClass`, such as `TextFieldView`, `PasswordFieldView` or `OAuthFieldView`"),
        ),
        Some(v) if v.value == "SelectView" && !matches!(f.model, Some(("object" | "array" | "null", _))) => {
            let mut d = Diagnostic::error(
                code,
                format!("`SelectView` field `{}` needs a `model` object or array listing its options", f.name),
                f.model.map_or(v.span, |(_, s)| s),
            )
            .with_label(match f.model {
                Some((kind, _)) => format!("this is {}", specc_dialects::read::article(kind)),
                None => "no `model`".to_string(),
            });
            d = d.with_help("add `\"model\": { \"value\": \"Label\", … }` or `\"model\": [\"First option\", …]`");
            out.push(d);
        }
        _ => {}
    }
}

/// Whether the component authenticates with OAuth: an `OAuthFieldView` field, an `oauth2`/`oauth1`
/// block or a `useOAuthClient` anywhere.
fn has_oauth(
    c: &specc_dialects::elasticio::component::Component,
    cred: &specc_dialects::elasticio::component::CredentialsView,
) -> bool {
    let oauth_field = cred.fields.as_ref().is_some_and(|fs| {
        fs.entries.iter().any(|f| f.view_class.as_ref().is_some_and(|v| v.value == "OAuthFieldView"))
    });
    oauth_field || cred.blocks().next().is_some() || !c.use_oauth_client.is_empty()
}
