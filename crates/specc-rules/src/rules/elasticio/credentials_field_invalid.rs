//! `elasticio/credentials-field-invalid`

use specc_dialects::elasticio::component::FieldView;

use super::json_edit::{insert_member, json_string};
use super::{component, source};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule, Severity};

declare_rule! {
    /// ## What it checks
    /// The credential fields, as elastic.io's own CLI validator checks them:
    /// * `credentials` without `fields` (error);
    /// * a field without `viewClass` (error), or with a view class the platform does not know
    ///   (warning);
    /// * a `SelectView` field without an object `model` (error);
    /// * a field without `label` (warning).
    ///
    /// ## Why it matters
    /// The platform renders the credentials form from these fields; an unknown view class or a
    /// select list without options leaves the user unable to authenticate, and the OAuth block is
    /// reached only through a field (`OAuthFieldView`). The release notes use a `TextView` class that
    /// the CLI does not list; specc follows the CLI's list.
    ///
    /// Source: elastic.io CLI `runValidate` (`VIEW_CLASSES` and `EXTENDED_VIEW_CLASES`),
    /// <https://github.com/elasticio/elasticio-cli>; <https://docs.elastic.io/developers/component-json-credentials>.
    ///
    /// ## Example
    /// ```json
    /// { "credentials": { "fields": { "env": { "viewClass": "SelectView" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "credentials": { "fields": { "env": { "label": "Environment", "viewClass": "SelectView",
    ///   "model": { "test": "Sandbox", "login": "Production" } } } } }
    /// ```
    ///
    /// ## Fix safety
    /// The only fix adds a missing `label`, made from the field's key; it changes only what the form
    /// shows: safe.
    pub struct CredentialsFieldInvalid {
        code: "elasticio/credentials-field-invalid",
        summary: "A credential field the platform cannot render",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
    }
}

/// View classes elastic.io's CLI accepts (`EXTENDED_VIEW_CLASES`).
pub const VIEW_CLASSES: [&str; 21] = [
    "TextFieldView",
    "TextFieldWithNoteView",
    "PasswordFieldView",
    "CheckBoxView",
    "CodeFieldView",
    "TextAreaView",
    "TextAreaWithNoteView",
    "SelectView",
    "MultiSelectView",
    "SelectTreeView",
    "SelectPropertyView",
    "OAuthFieldView",
    "WebHookPayloadView",
    "OutMetadataView",
    "InMetadataExtensionView",
    "CSVReadView",
    "CSVWriteView",
    "JSONataView",
    "RESTAPIView",
    "HTTPAuthView",
    "WebhookAuthView",
];

/// `oauthClient` → `OAuth client`-ish label: words split at `_`, `-` and case changes, first capitalised.
fn label_from_key(key: &str) -> String {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in key.chars() {
        if ch == '_' || ch == '-' || ch == ' ' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        cur.push(ch);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let joined = words.join(" ").to_lowercase();
    let mut chars = joined.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => key.to_string(),
    }
}

impl Rule for CredentialsFieldInvalid {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(cred) = &c.credentials else { return };
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
            check_field(cx, f, out);
        }
    }
}

fn check_field(cx: &Context<'_>, f: &FieldView, out: &mut Vec<Diagnostic>) {
    let code = CredentialsFieldInvalid::META.code;
    let Some(obj) = &f.object else { return };
    match &f.view_class {
        None => out.push(
            Diagnostic::error(code, format!("credential field `{}` has no `viewClass`", f.name), f.key_span)
                .with_label("no viewClass")
                .with_help("add a `viewClass`, such as `TextFieldView`, `PasswordFieldView` or `OAuthFieldView`"),
        ),
        Some(v) if !VIEW_CLASSES.contains(&v.value.as_str()) => {
            let mut d = Diagnostic::warning(
                code,
                format!("`{}` is not a view class the platform knows (field `{}`)", v.value, f.name),
                v.span,
            )
            .with_label("unknown view class");
            if let Some(s) = specc_dialects::openapi::did_you_mean(&v.value, &VIEW_CLASSES) {
                d = d.with_help(format!("did you mean `{s}`?"));
            } else {
                d = d.with_help("use one of the platform's view classes, such as `TextFieldView` or `SelectView`");
            }
            out.push(d);
        }
        Some(v) if v.value == "SelectView" && !matches!(f.model, Some(("object", _))) => {
            let mut d = Diagnostic::error(
                code,
                format!("`SelectView` field `{}` needs an object `model` listing its options", f.name),
                f.model.map_or(v.span, |(_, s)| s),
            )
            .with_label(match f.model {
                Some((kind, _)) => format!("this is {}", specc_dialects::read::article(kind)),
                None => "no `model`".to_string(),
            });
            d = d.with_help("add `\"model\": { \"value\": \"Label\", … }`");
            out.push(d);
        }
        _ => {}
    }
    if f.label.is_none() {
        let label = label_from_key(&f.name);
        let edit = insert_member(source(cx), obj, None, "label", &json_string(&label));
        out.push(
            Diagnostic::new(
                code,
                Severity::Warning,
                format!("credential field `{}` has no `label`", f.name),
                f.key_span,
            )
            .with_label("no label")
            .with_help(format!("add `\"label\": {}`", json_string(&label)))
            .with_fix(Fix::safe(format!("add the label {}", json_string(&label)), vec![edit])),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_from_keys() {
        assert_eq!(super::label_from_key("prodEnv"), "Prod env");
        assert_eq!(super::label_from_key("api_key"), "Api key");
        assert_eq!(super::label_from_key("oauth"), "Oauth");
    }
}
