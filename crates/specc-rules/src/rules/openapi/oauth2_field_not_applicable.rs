//! `openapi/oauth2-field-not-applicable`

use specc_diagnostics::Fix;
use specc_dialects::openapi::SpecVersion;
use specc_ir::FlowKind;
use specc_syntax::edit::delete_member;

use super::{model, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A flow carries a field that does not apply to it:
    /// - `authorizationUrl` on a `password` or `clientCredentials` (2.0: `application`) flow;
    /// - `tokenUrl` on an `implicit` flow;
    /// - `deviceAuthorizationUrl` on any flow but `deviceAuthorization`;
    /// - `refreshUrl` in a Swagger 2.0 document (it arrived with OpenAPI 3.0);
    /// - a `deviceAuthorization` flow in a document older than OpenAPI 3.2.
    ///
    /// ## Why it matters
    /// The "Applies To" column of the OAuth Flow Object
    /// (<https://spec.openapis.org/oas/v3.1.1.html#oauth-flow-object>) limits each field to some
    /// flows, and the official 3.0 schema sets `additionalProperties: false` per flow, so validators
    /// fail with confusing `oneOf` errors. Readers ignore the field: a value someone believed in
    /// silently does nothing. `deviceAuthorization` exists only from
    /// <https://spec.openapis.org/oas/v3.2.0.html#oauth-flows-object>.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {}
    /// ```
    ///
    /// ## Fix safety
    /// Deleting a field the flow cannot use changes nothing any conforming reader does; the fix is
    /// safe. A misplaced `deviceAuthorization` flow gets no fix: raise the `openapi` version or remove
    /// the flow yourself.
    pub struct FieldNotApplicable {
        code: "openapi/oauth2-field-not-applicable",
        summary: "An OAuth flow carries a field that does not apply to it",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for FieldNotApplicable {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let doc = cx.doc(model.file);
        for (config, scheme) in schemes(cx) {
            for view in &scheme.flows {
                let Some(kind) = &view.kind else { continue };
                if *kind == FlowKind::DeviceAuthorization && model.version < SpecVersion::Oas32 {
                    out.push(
                        Diagnostic::error(
                            Self::META.code,
                            format!("OAuth flow `deviceAuthorization` is not defined in {}", model.version.label()),
                            view.name.span,
                        )
                        .with_label("added in OpenAPI 3.2")
                        .with_note("readers of older versions ignore the flow or reject the document")
                        .with_help("set `openapi: 3.2.0`, or remove the flow"),
                    );
                }
                for field in &view.fields {
                    let why = match (field.key.as_str(), kind) {
                        ("authorizationUrl", FlowKind::Password | FlowKind::ClientCredentials) => {
                            format!("the {} grant never sends the user to an authorization endpoint", kind.label())
                        }
                        ("tokenUrl", FlowKind::Implicit) => {
                            "the implicit grant returns the token from the authorization endpoint".to_string()
                        }
                        ("deviceAuthorizationUrl", k) if *k != FlowKind::DeviceAuthorization => {
                            "only the device authorization grant has a device authorization endpoint".to_string()
                        }
                        ("refreshUrl", _) if model.version == SpecVersion::Swagger2 => {
                            "Swagger 2.0 has no `refreshUrl`; it was added in OpenAPI 3.0".to_string()
                        }
                        _ => continue,
                    };
                    let mut d = Diagnostic::error(
                        Self::META.code,
                        format!(
                            "`{}` does not apply to OAuth flow `{}` of security scheme `{}`",
                            field.key, view.name.value, config.name
                        ),
                        field.key_span,
                    )
                    .with_label("not used by this flow")
                    .with_note(why)
                    .with_help(format!("remove `{}`", field.key));
                    if let Some(edit) = doc.and_then(|doc| delete_member(doc, field.member_span)) {
                        d = d.with_fix(Fix::safe(format!("remove `{}`", field.key), vec![edit]));
                    }
                    out.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn authorization_url_on_client_credentials_yaml() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n          authorizationUrl: https://a.example.com/auth\n          tokenUrl: https://a.example.com/token\n          scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, FieldNotApplicable::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "`authorizationUrl` does not apply to OAuth flow `clientCredentials` of security scheme `o`"
        );
        assert_eq!(slice(&db, d[0].span), "authorizationUrl");
        let fixed = apply_fix(&db, d[0]);
        assert!(!fixed.contains("authorizationUrl"));
        let (_, again) = check_text("a.yaml", &fixed);
        assert!(ignoring_advice(&again).is_empty(), "{again:?}");
    }

    #[test]
    fn token_url_on_implicit_json_last_member() {
        let text = r#"{"openapi": "3.0.3", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://a.example.com/auth", "scopes": {}, "tokenUrl": "https://a.example.com/token"}}}}}}"#;
        let (db, d) = check_text("a.json", text);
        let d = with_code(&d, FieldNotApplicable::META.code);
        assert_eq!(slice(&db, d[0].span), "\"tokenUrl\"");
        let fixed = apply_fix(&db, d[0]);
        assert!(fixed.contains(r#""scopes": {}}"#), "{fixed}");
        let (_, again) = check_text("a.json", &fixed);
        assert!(with_code(&again, FieldNotApplicable::META.code).is_empty(), "{again:?}");
        assert!(with_code(&again, "syntax/invalid-json").is_empty());
    }

    #[test]
    fn device_flow_before_3_2_and_refresh_url_in_2_0() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        deviceAuthorization:\n          deviceAuthorizationUrl: https://a.example.com/device\n          tokenUrl: https://a.example.com/token\n          scopes: {}\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, FieldNotApplicable::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(slice(&db, d[0].span), "deviceAuthorization");
        assert!(d[0].fix.is_none());
        let ok = text.replace("3.1.0", "3.2.0");
        let (_, d) = check_text("a.yaml", &ok);
        assert!(ignoring_advice(&d).is_empty(), "{d:?}");
        let text = "swagger: '2.0'\nsecurityDefinitions:\n  o:\n    type: oauth2\n    flow: application\n    tokenUrl: https://a.example.com/token\n    refreshUrl: https://a.example.com/token\n    scopes: {}\n";
        let (db, d) = check_text("s.yaml", text);
        let d = with_code(&d, FieldNotApplicable::META.code);
        assert_eq!(slice(&db, d[0].span), "refreshUrl");
    }
}
