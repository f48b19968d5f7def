//! `openapi/security-undefined-scope`

use std::collections::BTreeSet;

use specc_diagnostics::Fix;
use specc_dialects::openapi::did_you_mean;
use specc_ir::{Flow, FlowKind};
use specc_syntax::edit::{insert_member, Place};

use super::{flows, is_oauth2, model, schemes};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An OAuth 2.0 security requirement lists a scope that the flow the integration uses does not
    /// declare. specc is precise about "the flow the integration uses":
    /// - for an Itential instance, it is the `authorizationCode` flow of the instance's scheme, the
    ///   only grant Itential runs;
    /// - for an OpenAPI document on its own, scopes belong to the scheme: a scope is undefined when
    ///   no flow of the scheme declares it (a scope declared by a sibling flow is defined, and is
    ///   never answered with a "did you mean" another scope). A requirement whose scopes are each
    ///   declared, but by different flows, so that no single token can carry them all, is reported
    ///   once, at the requirement, naming what each flow declares.
    ///
    /// Requirements on `openIdConnect` schemes are never checked against flows: their scopes come
    /// from the provider's discovery document. Non-OAuth schemes are covered by
    /// `openapi/non-oauth-requirement-scopes`.
    ///
    /// ## Why it matters
    /// Scope names in a requirement "MUST" be declared by the scheme
    /// (<https://spec.openapis.org/oas/v3.1.1.html#security-requirement-object>). A token obtained
    /// through a flow that does not offer the scope cannot call the operation. Common linters
    /// accept a scope declared in *any* flow of the scheme, which hides exactly the case where the
    /// integration's flow lacks it (Spectral's `isScopeDefined`; see also OAI/OpenAPI-Specification
    /// issue 1889 and Spectral issue 2566 for the openIdConnect case).
    ///
    /// ## Example
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - oauth: [write]
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: { read: Read access }
    /// ```
    /// Use instead:
    /// ```yaml title="openapi.yaml"
    /// @ openapi: 3.1.0
    /// @ info: { title: Example, version: "1" }
    /// @ paths: {}
    /// security:
    ///   - oauth: [write]
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         authorizationCode:
    ///           authorizationUrl: https://auth.example.com/authorize
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: { read: Read access, write: Write access }
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds the scope to each flow that lacks it, with an empty description. Whether the
    /// provider really offers the scope is something only you know, so the fix is unsafe (opt-in).
    pub struct UndefinedScope {
        code: "openapi/security-undefined-scope",
        summary: "A security requirement uses a scope the integration's flow does not declare",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [OpenApi, Itential],
    }
}

impl Rule for UndefinedScope {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = model(cx) else { return };
        let doc = cx.doc(model.file);
        let instance_scheme = cx.itential().and_then(|i| i.scheme.as_deref());
        let mut fixed: BTreeSet<(String, String)> = BTreeSet::new();
        for (config, scheme) in schemes(cx) {
            if !is_oauth2(scheme) {
                continue;
            }
            let itential = instance_scheme == Some(config.name.as_str());
            // The flows the integration may use, each with a scopes map to check against.
            let used: Vec<(&Flow, &str)> = flows(cx, config)
                .into_iter()
                .filter(|(f, _)| !itential || f.kind == FlowKind::AuthorizationCode)
                .filter(|(f, _)| f.scopes.is_some())
                .map(|(f, v)| (f, v.name.value.as_str()))
                .collect();
            if used.is_empty() {
                continue;
            }
            let names = |v: &[&(&Flow, &str)]| v.iter().map(|(_, n)| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            let declares = |f: &Flow, scope: &str| f.scopes.as_ref().is_some_and(|s| s.contains(scope));
            for req in super::requirements_of(cx, &config.name) {
                for scope in &req.scopes {
                    // OpenAPI scopes belong to the scheme: a scope is undefined only when no flow the
                    // client may use declares it (for Itential, the one flow it runs).
                    if used.iter().any(|(f, _)| declares(f, &scope.value)) {
                        continue;
                    }
                    let missing: Vec<&(&Flow, &str)> = used.iter().collect();
                    let in_what = if used.len() == 1 {
                        format!("flow {} of security scheme `{}`", names(&missing), config.name)
                    } else {
                        format!("any flow of security scheme `{}`", config.name)
                    };
                    let mut d = Diagnostic::error(
                        Self::META.code,
                        format!("scope `{}` required at {} is not defined in {in_what}", scope.value, req.location),
                        scope.span,
                    )
                    .with_label("undefined scope");
                    d = d.with_note(if itential {
                        "Itential runs the authorization code flow; the provider rejects or ignores scopes the flow does not declare".to_string()
                    } else {
                        "a token obtained through a flow that does not offer the scope cannot call this operation".to_string()
                    });
                    let declared: Vec<&str> = used
                        .iter()
                        .filter_map(|(f, _)| f.scopes.as_ref())
                        .flat_map(|s| s.entries.iter().map(|e| e.name.value.as_str()))
                        .collect();
                    d = match did_you_mean(&scope.value, &declared) {
                        Some(s) => d.with_help(format!(
                            "did you mean `{s}`? Otherwise declare `{}` in the flow's `scopes`",
                            scope.value
                        )),
                        None => d.with_help(format!(
                            "declare `{}` in the flow's `scopes`, or remove it from the requirement",
                            scope.value
                        )),
                    };
                    if fixed.insert((config.name.clone(), scope.value.clone())) {
                        let edits: Option<Vec<_>> = used
                            .iter()
                            .filter_map(|(f, _)| f.scopes.as_ref())
                            .map(|s| doc.and_then(|doc| insert_member(doc, s.span, Place::First, &scope.value, "\"\"")))
                            .collect();
                        if let Some(edits) = edits.filter(|e| !e.is_empty()) {
                            d = d.with_fix(Fix::unsafe_(format!("declare scope `{}`", scope.value), edits));
                        }
                    }
                    out.push(d);
                }
                // Every scope is declared somewhere, but one token must carry them all: a requirement
                // whose scopes no single flow declares together cannot be met.
                let known: Vec<&str> = req
                    .scopes
                    .iter()
                    .map(|s| s.value.as_str())
                    .filter(|s| used.iter().any(|(f, _)| declares(f, s)))
                    .collect();
                if itential || used.len() < 2 || known.len() < 2 {
                    continue;
                }
                if used.iter().any(|(f, _)| known.iter().all(|s| declares(f, s))) {
                    continue;
                }
                let per_flow: Vec<String> = used
                    .iter()
                    .filter_map(|(f, n)| {
                        let has: Vec<String> =
                            known.iter().filter(|s| declares(f, s)).map(|s| format!("`{s}`")).collect();
                        (!has.is_empty()).then(|| format!("`{n}` declares {}", has.join(", ")))
                    })
                    .collect();
                out.push(
                    Diagnostic::error(
                        Self::META.code,
                        format!(
                            "no single flow of security scheme `{}` declares every scope required at {}",
                            config.name, req.location
                        ),
                        req.scheme.span,
                    )
                    .with_label("scopes split across flows")
                    .with_note(format!(
                        "{}; a token comes from one flow and must carry all the scopes",
                        per_flow.join("; ")
                    ))
                    .with_help("declare the scopes together in the flow clients use, or split the requirement"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use specc_diagnostics::Severity;

    const TWO_FLOWS: &str = "openapi: 3.1.0\nsecurity:\n  - o: [read, admin]\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://a.example.com/auth\n          tokenUrl: https://a.example.com/token\n          scopes:\n            read: Read\n            admin: Admin\n        clientCredentials:\n          tokenUrl: https://a.example.com/token\n          scopes:\n            read: Read\n";

    #[test]
    fn scope_declared_by_a_sibling_flow_is_defined() {
        // `admin` is only in authorizationCode, but the requirement can be met through it.
        let (_, d) = check_text("a.yaml", TWO_FLOWS);
        assert!(with_code(&d, UndefinedScope::META.code).is_empty(), "{d:?}");
    }

    #[test]
    fn scopes_split_across_flows_are_one_finding_per_requirement() {
        let text = "openapi: 3.0.3\npaths:\n  /items:\n    post:\n      security:\n        - shop: [items.write, reports.read]\n      responses: {}\ncomponents:\n  securitySchemes:\n    shop:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://id.shop.test/authorize\n          tokenUrl: https://id.shop.test/token\n          scopes:\n            items.write: Write items\n        clientCredentials:\n          tokenUrl: https://id.shop.test/token\n          scopes:\n            reports.read: Read reports\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, UndefinedScope::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, Severity::Error);
        assert!(
            d[0].message.starts_with("no single flow of security scheme `shop` declares every scope"),
            "{}",
            d[0].message
        );
        assert_eq!(slice(&db, d[0].span), "shop");
        let note = d[0].note.as_deref().unwrap_or("");
        assert!(
            note.contains("`authorizationCode` declares `items.write`")
                && note.contains("`clientCredentials` declares `reports.read`"),
            "{note}"
        );
    }

    #[test]
    fn no_did_you_mean_for_a_scope_a_sibling_declares() {
        // `admin` exists (in authorizationCode): only the truly undefined `admn` is reported,
        // and nothing suggests replacing `admin`.
        let text = TWO_FLOWS.replace("[read, admin]", "[admin, admn]");
        let (db, d) = check_text("a.yaml", &text);
        let d = with_code(&d, UndefinedScope::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(slice(&db, d[0].span), "admn");
    }

    #[test]
    fn scope_missing_everywhere_is_an_error_with_fix() {
        let text = TWO_FLOWS.replace("[read, admin]", "[read, wrte]");
        let (db, d) = check_text("a.yaml", &text);
        let d = with_code(&d, UndefinedScope::META.code);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].message, "scope `wrte` required at root is not defined in any flow of security scheme `o`");
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits.len(), 2);
        let fixed = apply_fix(&db, d[0]);
        assert!(fixed.contains("          scopes:\n            wrte: \"\"\n            read: Read\n"), "{fixed}");
        let (_, again) = check_text("a.yaml", &fixed);
        assert!(with_code(&again, UndefinedScope::META.code).is_empty(), "{again:?}");
    }

    #[test]
    fn open_id_connect_is_never_checked() {
        let text = "openapi: 3.1.0\nsecurity:\n  - oidc: [openid, profile]\ncomponents:\n  securitySchemes:\n    oidc:\n      type: openIdConnect\n      openIdConnectUrl: https://a.example.com/.well-known/openid-configuration\n";
        let (_, d) = check_text("a.yaml", text);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn itential_checks_only_the_authorization_code_flow() {
        let model = r#"{"openapi": "3.0.0", "security": [{"o": ["admin"]}], "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {
            "authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {"read": "r"}},
            "clientCredentials": {"tokenUrl": "https://a.example.com/token", "scopes": {"admin": "a", "read": "r"}}}}}}}"#;
        let instance = "model: model.json\nclient_id: abc\nclient_secret: \"{{SECRET}}\"\nscope: read\n";
        let (db, d) = check_itential(instance, model);
        let d = with_code(&d, UndefinedScope::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].message,
            "scope `admin` required at root is not defined in flow `authorizationCode` of security scheme `o`"
        );
        assert_eq!(slice(&db, d[0].span), "\"admin\"");
    }
}
