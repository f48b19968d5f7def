//! `openapi/oauth2-unused-scheme`


use super::{is_oauth2, model, requirements_of, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth 2.0 security scheme that nothing uses: no security requirement names it, neither the
    /// root `security` nor any operation's, and (for an Itential instance) the instance does not run
    /// it. The scheme an Itential instance names in `scheme`, or the first oauth2 scheme of the
    /// model it falls back to, counts as used.
    ///
    /// specc only reports a document whose operations it can see: a document without operations
    /// (a components library whose schemes other files reference) is not checked, nor is one whose
    /// path items are `$ref`s or that has `webhooks` or `callbacks`, since requirements there are
    /// not read.
    ///
    /// ## Why it matters
    /// OpenAPI allows a scheme that no requirement applies
    /// (<https://spec.openapis.org/oas/v3.1.1.html#security-requirement-object>): the document then
    /// says that no operation needs it. For an OAuth client that is almost always an omission: the
    /// `security` entry was forgotten, or the scheme is a leftover. Clients and generators that
    /// follow the requirements never obtain a token, while tools that take the first oauth2 scheme
    /// configure one anyway. It works as written, so this is a warning.
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// paths:
    ///   /items:
    ///     get:
    ///       responses: { '200': { description: OK } }
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials: { tokenUrl: https://auth.example.com/token, scopes: { read: Read } }
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// security:
    ///   - oauth: [read]
    /// paths:
    ///   /items:
    ///     get:
    ///       responses: { '200': { description: OK } }
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials: { tokenUrl: https://auth.example.com/token, scopes: { read: Read } }
    /// ```
    pub struct UnusedScheme {
        code: "openapi/oauth2-unused-scheme",
        summary: "An OAuth 2.0 security scheme that no security requirement uses",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi, Itential],
    }
}

impl Rule for UnusedScheme {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        if model.operations == 0 || model.operations_elsewhere {
            return;
        }
        let instance_scheme = cx.itential().and_then(|i| i.scheme.as_deref());
        for (config, scheme) in schemes(cx) {
            if !is_oauth2(scheme) || instance_scheme == Some(config.name.as_str()) {
                continue;
            }
            if !requirements_of(cx, &config.name).is_empty() {
                continue;
            }
            let none_at_all = cx.ir().requirements.is_empty();
            out.push(
                Diagnostic::warning(
                    Self::META.code,
                    format!("OAuth 2.0 security scheme `{}` is not used by any security requirement", config.name),
                    scheme.key_span,
                )
                .with_label("declared here, required nowhere")
                .with_note(if none_at_all {
                    "the document has no security requirement at all, so none of its operations needs a token"
                } else {
                    "the root `security` and every operation's `security` name other schemes only"
                })
                .with_help(format!(
                    "add `security: [{{{}: [...]}}]` at the root or to the operations that need it, or remove the scheme",
                    config.name
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    const DOC: &str = r#"{"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": {}}}}, "components": {"securitySchemes": {
        "o": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a.example.com/token", "scopes": {"r": "r"}}}},
        "k": {"type": "apiKey", "in": "header", "name": "X-Key"}}}}"#;

    #[test]
    fn unused_oauth2_scheme() {
        let (db, d) = check_text("a.json", DOC);
        let d = with_code(&d, UnusedScheme::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "OAuth 2.0 security scheme `o` is not used by any security requirement");
        assert_eq!(slice(&db, d[0].span), "\"o\"");
    }

    #[test]
    fn operation_requirement_uses_it() {
        let text =
            DOC.replace(r#""get": {"responses": {}}"#, r#""get": {"responses": {}, "security": [{"o": ["r"]}]}"#);
        let (_, d) = check_text("a.json", &text);
        assert!(with_code(&d, UnusedScheme::META.code).is_empty());
    }

    #[test]
    fn documents_without_visible_operations_are_not_checked() {
        for text in [
            DOC.replace(r#""/a": {"get": {"responses": {}}}"#, ""),
            DOC.replace(r#"{"get": {"responses": {}}}"#, r#"{"$ref": "paths/a.json"}"#),
        ] {
            let (_, d) = check_text("a.json", &text);
            assert!(with_code(&d, UnusedScheme::META.code).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_instance_scheme_counts_as_used() {
        let instance = "model: model.json\nclient_id: abc\nclient_secret: \"{{SECRET}}\"\nredirect_uri: \"{{iap}}/admin/oauth/\"\n";
        let (_, d) = check_itential(instance, DOC);
        assert!(with_code(&d, UnusedScheme::META.code).is_empty(), "{d:?}");
    }
}
