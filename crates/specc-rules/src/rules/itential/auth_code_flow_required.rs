//! `itential/auth-code-flow-required`

use specc_dialects::openapi::did_you_mean;
use specc_ir::FlowKind;

use super::{chosen, instance};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The Itential instance cannot run the authorization code flow with its model: the model has no
    /// `oauth2` security scheme, the instance's `scheme` names a scheme the model does not define
    /// (or one that is not `oauth2`), or the chosen scheme has no `authorizationCode` flow.
    ///
    /// ## Why it matters
    /// Itential's OAuth support is the authorization code grant: "the given type of the scheme must
    /// be oauth2 and it must have an authorizationCode object within the flows object" (Itential
    /// Platform documentation, "OAuth2 authentication and authorization"). Without it the "Get Access
    /// Token" button has nothing to start.
    ///
    /// ## Example
    /// An Itential instance whose model's only OAuth scheme has just a client credentials flow:
    /// ```yaml title="instance.yaml"
    /// model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    /// ```json title="model.json"
    /// @ { "openapi": "3.0.0", "info": { "title": "Box", "version": "2.0" }, "paths": {},
    /// @   "components": { "securitySchemes": { "OAuth2Security": { "type": "oauth2", "flows": {
    ///       "clientCredentials": {
    ///         "tokenUrl": "https://api.box.com/oauth2/token",
    ///         "scopes": {}
    ///       }
    /// @ } } } } }
    /// ```
    /// Use instead: give the model's scheme an `authorizationCode` flow:
    /// ```json title="model.json"
    /// @ { "openapi": "3.0.0", "info": { "title": "Box", "version": "2.0" }, "paths": {},
    /// @   "components": { "securitySchemes": { "OAuth2Security": { "type": "oauth2", "flows": {
    ///       "authorizationCode": {
    ///         "authorizationUrl": "https://account.box.com/api/oauth2/authorize",
    ///         "tokenUrl": "https://api.box.com/oauth2/token",
    ///         "scopes": { "root_readonly": "Read all files and folders", "manage_webhook": "Create webhooks" }
    ///       }
    /// @ } } } } }
    /// ```
    pub struct AuthCodeFlowRequired {
        code: "itential/auth-code-flow-required",
        summary: "The instance's OAuth scheme has no authorization code flow",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi, Itential],
    }
}

impl Rule for AuthCodeFlowRequired {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(inst) = instance(cx) else { return };
        let Some(model) = &inst.model else { return };
        let note = "Itential runs the OAuth 2.0 authorization code flow: it needs an `oauth2` scheme with `flows.authorizationCode`";
        let oauth2: Vec<&str> = model
            .schemes
            .iter()
            .filter(|s| s.scheme_type.as_ref().is_some_and(|t| t.value == "oauth2"))
            .map(|s| s.name.as_str())
            .collect();
        if let Some(field) = &inst.scheme_field {
            match model.scheme(&field.value) {
                None => {
                    let mut d = Diagnostic::error(
                        Self::META.code,
                        format!("instance uses scheme `{}`, which the model does not define", field.value),
                        field.span,
                    )
                    .with_label("not in the model")
                    .with_note(note);
                    d = match did_you_mean(&field.value, &oauth2) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None if oauth2.is_empty() => d.with_help("add an `oauth2` scheme to the model"),
                        None => d.with_help(format!("use one of the model's oauth2 schemes: {}", oauth2.join(", "))),
                    };
                    out.push(d);
                    return;
                }
                Some(s) if !oauth2.contains(&s.name.as_str()) => {
                    let kind = s.scheme_type.as_ref().map_or("untyped", |t| t.value.as_str());
                    out.push(
                        Diagnostic::error(
                            Self::META.code,
                            format!("instance uses scheme `{}`, which is of type `{kind}`, not `oauth2`", field.value),
                            field.span,
                        )
                        .with_secondary(s.key_span, "declared here")
                        .with_note(note)
                        .with_help("point `scheme` at the model's oauth2 scheme"),
                    );
                    return;
                }
                Some(_) => {}
            }
        }
        let chosen = chosen(cx, inst).and_then(|c| Some((c, cx.openapi_scheme(c)?)));
        let Some((config, scheme)) = chosen else {
            let span = inst.model_path.as_ref().map(|m| m.span);
            if let Some(span) = span {
                out.push(
                    Diagnostic::error(Self::META.code, "the instance's model has no `oauth2` security scheme", span)
                        .with_label("this model")
                        .with_note(note)
                        .with_help("add an `oauth2` scheme with an `authorizationCode` flow to the model"),
                );
            }
            return;
        };
        if config.flow(&FlowKind::AuthorizationCode).is_some() {
            return;
        }
        let offered: Vec<&str> = scheme.flows.iter().map(|f| f.name.value.as_str()).collect();
        let mut d = Diagnostic::error(
            Self::META.code,
            format!("security scheme `{}` has no `authorizationCode` flow for the instance to run", config.name),
            scheme.flows_span.unwrap_or(scheme.key_span),
        )
        .with_label(if offered.is_empty() {
            "no flows".to_string()
        } else {
            format!("offers only {}", offered.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "))
        })
        .with_note(note)
        .with_help("add `authorizationCode` with `authorizationUrl`, `tokenUrl` and `scopes` to the scheme's `flows`");
        if let Some(f) = &inst.scheme_field {
            d = d.with_secondary(f.span, "chosen by the instance");
        } else if let Some(m) = &inst.model_path {
            d = d.with_secondary(m.span, "the instance's model");
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    const INSTANCE: &str =
        "model: model.json\nclient_id: abc\nclient_secret: \"{{SECRET}}\"\nredirect_uri: \"{{iap}}/admin/oauth/\"\n";

    #[test]
    fn client_credentials_only() {
        let model = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a.example.com/token", "scopes": {}}}}}}}"#;
        let (db, d) = check_itential(INSTANCE, model);
        let d = with_code(&d, AuthCodeFlowRequired::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "security scheme `o` has no `authorizationCode` flow for the instance to run");
        assert!(slice(&db, d[0].span).starts_with("{\"clientCredentials\""));
        assert_eq!(slice(&db, d[0].secondary[0].span), "model.json");
    }

    #[test]
    fn no_oauth2_scheme_and_unknown_scheme() {
        let model = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"k": {"type": "apiKey", "in": "header", "name": "X"}}}}"#;
        let (db, d) = check_itential(INSTANCE, model);
        let d = with_code(&d, AuthCodeFlowRequired::META.code);
        assert_eq!(d[0].message, "the instance's model has no `oauth2` security scheme");
        assert_eq!(slice(&db, d[0].span), "model.json");
        let (db, d) = check_itential(&format!("{INSTANCE}scheme: kk\n"), model);
        let d = with_code(&d, AuthCodeFlowRequired::META.code);
        assert_eq!(d[0].message, "instance uses scheme `kk`, which the model does not define");
        assert_eq!(slice(&db, d[0].span), "kk");
        let (_, d) = check_itential(&format!("{INSTANCE}scheme: k\n"), model);
        let d = with_code(&d, AuthCodeFlowRequired::META.code);
        assert_eq!(d[0].message, "instance uses scheme `k`, which is of type `apiKey`, not `oauth2`");
    }
}
