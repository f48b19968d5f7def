//! `itential/scope-delimiter`

use specc_diagnostics::{Edit, Fix};
use specc_syntax::edit::quote;

use super::instance;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The instance's `scope` is not one string of scope names separated by single spaces: it uses
    /// commas or semicolons, repeated spaces, tabs or line breaks, leading or trailing spaces, or it
    /// is a list.
    ///
    /// ## Why it matters
    /// The `scope` request parameter is "a list of space-delimited, case-sensitive strings"
    /// (RFC 6749 §3.3, <https://www.rfc-editor.org/rfc/rfc6749#section-3.3>); a comma is a legal
    /// character *inside* a scope name, so `read,write` asks for one scope named `read,write`.
    ///
    /// Itential's documentation contradicts itself here: it says "specify your desired scopes … as a
    /// space-separated string" and then gives the example in prose as "manage_app_users,
    /// manage_data_retention and manage_webhook", which users copy with the commas. specc follows
    /// the explicit instruction and RFC 6749: space-separated.
    ///
    /// ## Example
    /// ```yaml title="instance.yaml"
    /// @ model: model.json
    /// @ client_id: "{{BOX_CLIENT_ID}}"
    /// @ client_secret: "{{BOX_CLIENT_SECRET}}"
    /// scope: root_readonly, manage_webhook
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
    /// scope: "root_readonly manage_webhook"
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the value as one string of the same names separated by single spaces, which
    /// is what the instance meant; it is safe.
    pub struct ScopeDelimiter {
        code: "itential/scope-delimiter",
        summary: "The instance's scope is not a single-space-separated string",
        severity: Warning,
        fix: Safe,
        since: "0.1.0",
        reads: [Itential],
    }
}

impl Rule for ScopeDelimiter {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(inst) = instance(cx) else { return };
        let Some(scope) = &inst.scope else { return };
        let value = scope.value.as_str();
        let names: Vec<&str> =
            value.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|s| !s.is_empty()).collect();
        let normalised = names.join(" ");
        let problem = if inst.scope_is_list {
            "is a list"
        } else if value.contains(',') {
            "separates scopes with commas"
        } else if value.contains(';') {
            "separates scopes with semicolons"
        } else if normalised != value {
            "has repeated, leading or trailing whitespace, tabs or line breaks"
        } else {
            return;
        };
        let mut d = Diagnostic::warning(Self::META.code, format!("instance `scope` {problem}"), scope.span)
            .with_label("expected one string of scope names separated by single spaces")
            .with_note("RFC 6749 §3.3: scopes are space-delimited, and a comma is part of a scope name")
            .with_help(format!("write `scope: {}`", quote(&normalised)));
        if !inst.scope_list_has_non_strings {
            d = d.with_fix(Fix::safe(
                "join the scopes with single spaces",
                vec![Edit { span: scope.span, replacement: quote(&normalised) }],
            ));
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    const MODEL: &str = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {"a": "a", "b": "b"}}}}}}}"#;

    fn inst(scope: &str) -> String {
        format!("model: model.json\nclient_id: abc\nclient_secret: \"{{{{S}}}}\"\nredirect_uri: \"{{{{iap}}}}/admin/oauth/\"\nscope: {scope}\n")
    }

    #[test]
    fn commas_are_fixed() {
        let (db, d) = check_itential(&inst("a, b"), MODEL);
        let d = with_code(&d, ScopeDelimiter::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "instance `scope` separates scopes with commas");
        assert_eq!(slice(&db, d[0].span), "a, b");
        assert!(apply_fix(&db, d[0]).ends_with("scope: \"a b\"\n"));
    }

    #[test]
    fn lists_and_double_spaces() {
        let (db, d) = check_itential(&inst("[a, b]"), MODEL);
        let d = with_code(&d, ScopeDelimiter::META.code);
        assert_eq!(d[0].message, "instance `scope` is a list");
        assert_eq!(slice(&db, d[0].span), "[a, b]");
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].replacement, "\"a b\"");
        let (_, d) = check_itential(&inst("\"a  b\""), MODEL);
        let d = with_code(&d, ScopeDelimiter::META.code);
        assert_eq!(d[0].message, "instance `scope` has repeated, leading or trailing whitespace, tabs or line breaks");
        let (_, d) = check_itential(&inst("a b"), MODEL);
        assert!(d.is_empty(), "{d:?}");
    }
}
