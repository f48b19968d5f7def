//! `openapi/oauth2-missing-scopes`

use specc_diagnostics::{Fix, Severity};
use specc_dialects::openapi::SpecVersion;
use specc_syntax::edit::{insert_member, Place};

use super::{flows, model, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth flow has no `scopes` map at all. An empty map (`scopes: {}`) is fine.
    ///
    /// ## Why it matters
    /// OpenAPI 3.x marks `scopes` REQUIRED and says the map "MAY be empty"
    /// (<https://spec.openapis.org/oas/v3.1.1.html#oauth-flow-object>): tools that validate against
    /// the official 3.0 schema reject the document. In Swagger 2.0 the text also says Required, but the
    /// official 2.0 JSON Schema does not list it (and OAI/OpenAPI-Specification PR 1888 discusses
    /// the mismatch), so specc reports it there as a warning only. Itential shows the user the
    /// declared scopes to choose from; without a map there is nothing to choose.
    ///
    /// ## Severity
    /// An error in OpenAPI 3.x, whose schema requires `scopes`; a warning in Swagger 2.0, whose text
    /// requires it but whose official JSON Schema does not, so 2.0 tools accept the document.
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
    ///           tokenUrl: https://auth.example.com/token
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
    /// Adding an empty `scopes` map declares no scope, which is what a missing map meant; the fix is
    /// safe. List the provider's scopes afterwards.
    pub struct MissingScopes {
        code: "openapi/oauth2-missing-scopes",
        summary: "An OAuth flow has no `scopes` map",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for MissingScopes {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let swagger2 = model.version == SpecVersion::Swagger2;
        let doc = cx.doc(model.file);
        for (config, _) in schemes(cx) {
            for (flow, view) in flows(cx, config) {
                if view.field("scopes").is_some() {
                    continue;
                }
                let mut d = Diagnostic::error(
                    Self::META.code,
                    format!("OAuth flow `{}` of security scheme `{}` has no `scopes`", view.name.value, config.name),
                    flow.kind_span,
                )
                .with_label("no `scopes` map in this flow")
                .with_help("add `scopes` with the scopes the provider offers, or `scopes: {}` when there are none");
                if swagger2 {
                    d = d.with_severity(Severity::Warning).with_note(
                        "Swagger 2.0's text requires `scopes` but its official JSON Schema does not; many tools still reject the scheme",
                    );
                } else {
                    d = d.with_note("OpenAPI 3.x requires `scopes` on every flow; an empty map is allowed");
                }
                let edit = doc.and_then(|doc| insert_member(doc, view.span, Place::First, "scopes", "{}"));
                if let Some(edit) = edit {
                    d = d.with_fix(Fix::safe("add an empty `scopes` map", vec![edit]));
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn oas3_is_an_error_with_a_yaml_fix() {
        let text = "openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://a.example.com/token\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, MissingScopes::META.code);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(slice(&db, d[0].span), "clientCredentials");
        let fixed = apply_fix(&db, d[0]);
        assert!(fixed.contains("        clientCredentials:\n          scopes: {}\n          tokenUrl:"), "{fixed}");
        let (_, again) = check_text("a.yaml", &fixed);
        assert!(ignoring_advice(&again).is_empty(), "{again:?}");
    }

    #[test]
    fn swagger2_is_a_warning_with_a_json_fix() {
        let text = "{\n  \"swagger\": \"2.0\",\n  \"securityDefinitions\": {\n    \"o\": {\n      \"type\": \"oauth2\",\n      \"flow\": \"application\",\n      \"tokenUrl\": \"https://a.example.com/token\"\n    }\n  }\n}\n";
        let (db, d) = check_text("a.json", text);
        let d = with_code(&d, MissingScopes::META.code);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(slice(&db, d[0].span), "\"application\"");
        let fixed = apply_fix(&db, d[0]);
        assert!(fixed.contains("\"scopes\": {},\n      \"type\""), "{fixed}");
        let (_, again) = check_text("a.json", &fixed);
        assert!(ignoring_advice(&again).is_empty(), "{again:?}");
    }

    #[test]
    fn empty_map_is_fine() {
        let text = "openapi: 3.0.3\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials: {tokenUrl: 'https://a.example.com/token', scopes: {}}\n";
        let (_, d) = check_text("a.yaml", text);
        assert!(ignoring_advice(&d).is_empty(), "{d:?}");
    }
}
