//! `itential/scope-not-subset`

use specc_dialects::openapi::did_you_mean;
use specc_ir::{FlowKind, Span, Spanned};

use super::{chosen, instance};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The instance's `scope` asks for a scope that the `authorizationCode` flow of its scheme does
    /// not declare in `scopes`. Tokens are split on spaces and, so that a comma-separated value is
    /// judged by its names, on commas and semicolons (the delimiter itself is reported by
    /// `itential/scope-delimiter`).
    ///
    /// ## Why it matters
    /// The model's `scopes` map lists "all scopes the OAuth provider offers, from which the user may
    /// choose a subset" (Itential Platform documentation). A scope outside that list is a typo or a
    /// scope the provider does not offer, and "if you attempt to request a scope that does not
    /// exist, the OAuth provider may outright refuse your request" (same page, Troubleshooting).
    ///
    /// ## Example
    /// An instance asking for a scope its model does not declare (the model has `manage_webhook`):
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// scope: root_readonly manage_webhooks
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    /// ```json title="model.json"
    /// @ { "openapi": "3.0.0", "info": { "title": "Box", "version": "2.0" }, "paths": {},
    /// @   "components": { "securitySchemes": { "OAuth2Security": { "type": "oauth2", "flows": {
    /// @     "authorizationCode": { "authorizationUrl": "https://account.box.com/api/oauth2/authorize",
    /// @       "tokenUrl": "https://api.box.com/oauth2/token",
    /// @       "scopes": { "root_readonly": "Read all files and folders", "manage_webhook": "Create webhooks" } } } } } } }
    /// ```
    /// Use instead:
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// scope: root_readonly manage_webhook
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    pub struct ScopeNotSubset {
        code: "itential/scope-not-subset",
        summary: "The instance requests a scope the model does not declare",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Itential],
    }
}

impl Rule for ScopeNotSubset {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(inst) = instance(cx) else { return };
        let Some(config) = chosen(cx, inst) else { return };
        let Some(requested) = &config.requested_scopes else { return };
        let Some(flow) = config.flow(&FlowKind::AuthorizationCode) else { return };
        let Some(declared) = &flow.scopes else { return };
        let names: Vec<&str> = declared.entries.iter().map(|e| e.name.value.as_str()).collect();
        for token in requested.items.iter().flat_map(split_token) {
            if declared.contains(&token.value) {
                continue;
            }
            let mut d = Diagnostic::error(
                Self::META.code,
                format!(
                    "scope `{}` is not declared by flow `authorizationCode` of security scheme `{}`",
                    token.value, config.name
                ),
                token.span,
            )
            .with_label("not offered by the model")
            .with_secondary(declared.span, "the scopes the model declares")
            .with_note("the instance may request only a subset of the scopes the model's flow declares");
            d = match did_you_mean(&token.value, &names) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help("remove the scope, or declare it in the model if the provider offers it"),
            };
            out.push(d);
        }
    }
}

/// Splits one whitespace-separated item further on commas and semicolons, keeping exact spans when
/// the item's span covers exactly its text.
fn split_token(item: &Spanned<String>) -> Vec<Spanned<String>> {
    let exact = item.span.len() == item.value.len();
    let mut out = Vec::new();
    let mut pos = 0;
    for part in item.value.split([',', ';']) {
        let start = pos;
        pos += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        let span = if exact {
            Span {
                file: item.span.file,
                start: item.span.start + start as u32,
                end: item.span.start + (start + part.len()) as u32,
            }
        } else {
            item.span
        };
        out.push(Spanned::new(part.to_string(), span));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    const MODEL: &str = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"OAuth2Security": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://account.box.com/api/oauth2/authorize", "tokenUrl": "https://api.box.com/oauth2/token", "scopes": {"root_readonly": "r", "manage_webhook": "w"}}}}}}}"#;

    #[test]
    fn unknown_scope_with_did_you_mean() {
        let inst = "model: model.json\nclient_id: abc\nclient_secret: \"{{S}}\"\nscope: \"root_readonly manage_webhooks\"\nredirect_uri: \"{{iap}}/admin/oauth/\"\n";
        let (db, d) = check_itential(inst, MODEL);
        let d = with_code(&d, ScopeNotSubset::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "scope `manage_webhooks` is not declared by flow `authorizationCode` of security scheme `OAuth2Security`"
        );
        assert_eq!(slice(&db, d[0].span), "manage_webhooks");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `manage_webhook`?"));
    }

    #[test]
    fn comma_separated_names_are_judged_by_name() {
        let inst = "model: model.json\nclient_id: abc\nclient_secret: \"{{S}}\"\nscope: root_readonly,manage_webhook,nope\nredirect_uri: \"{{iap}}/admin/oauth/\"\n";
        let (db, d) = check_itential(inst, MODEL);
        let s = with_code(&d, ScopeNotSubset::META.code);
        assert_eq!(s.len(), 1, "{d:?}");
        assert_eq!(slice(&db, s[0].span), "nope");
    }
}
