//! `elasticio/auth-client-type-invalid`

use super::component;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An `authClientTypes` entry is not one of `oauth2`, `basic`, `api_key`, `noauth`,
    /// `oauth2_instagram`; or `oauth2_instagram` is combined with an `HTTPAuthView` credential field.
    ///
    /// ## Why it matters
    /// The platform creates auth clients only of these types; an unknown one means the component
    /// offers no way to sign in. The Instagram variant is handled by its own flow and is not offered
    /// in the generic `HTTPAuthView` form.
    ///
    /// Sources: <https://docs.elastic.io/components/rest-api/authorization-methods> ("Auth-client
    /// creation" and its note); elastic.io release notes 23.19.
    ///
    /// ## Example
    /// ```json title="component.json"
    /// { "authClientTypes": ["oauth"], "credentials": { "fields": { "auth": { "label": "Auth", "viewClass": "HTTPAuthView" } } } }
    /// ```
    /// Use instead:
    /// ```json title="component.json"
    /// { "authClientTypes": ["oauth2"], "credentials": { "fields": { "auth": { "label": "Auth", "viewClass": "HTTPAuthView" } } } }
    /// ```
    pub struct AuthClientTypeInvalid {
        code: "elasticio/auth-client-type-invalid",
        summary: "An `authClientTypes` entry the platform does not support",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

const TYPES: [&str; 5] = ["oauth2", "basic", "api_key", "noauth", "oauth2_instagram"];

impl Rule for AuthClientTypeInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(c) = component(cx) else { return };
        let Some(types) = &c.auth_client_types else { return };
        for e in &types.entries {
            if TYPES.contains(&e.value.as_str()) {
                continue;
            }
            let mut d = Diagnostic::error(
                AuthClientTypeInvalid::META.code,
                format!("`{}` is not an auth-client type", e.value),
                e.span,
            )
            .with_label("unknown type");
            d = match specc_dialects::openapi::did_you_mean(&e.value, &TYPES) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help("use one of `oauth2`, `basic`, `api_key`, `noauth`, `oauth2_instagram`"),
            };
            out.push(d);
        }
        let instagram = types.entries.iter().find(|e| e.value == "oauth2_instagram");
        let http_field =
            c.credentials.as_ref().and_then(|cr| cr.fields.as_ref()).and_then(|f| {
                f.entries.iter().find(|e| e.view_class.as_ref().is_some_and(|v| v.value == "HTTPAuthView"))
            });
        if let (Some(i), Some(f)) = (instagram, http_field) {
            let mut d = Diagnostic::error(
                AuthClientTypeInvalid::META.code,
                "`oauth2_instagram` cannot be used with an `HTTPAuthView` credential field",
                i.span,
            )
            .with_label("Instagram auth clients are not offered in HTTPAuthView");
            if let Some(v) = &f.view_class {
                d = d.with_secondary(v.span, "HTTPAuthView field");
            }
            out.push(d.with_help("use an `OAuthFieldView` field with `credentials.oauth2.scopes` for Instagram"));
        }
    }
}
