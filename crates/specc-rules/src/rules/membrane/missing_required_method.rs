//! `membrane/missing-required-method`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A connector's `auth:` section lacks one of the methods the SDK marks as required:
    /// `getOAuthConfig` (for `type: oauth2`), `makeApiClient` and `test`.
    ///
    /// ## Why it matters
    /// Without `getOAuthConfig` the platform has no authorize or token endpoint to run the OAuth flow
    /// with; without `makeApiClient` no API call can be authenticated; without `test` a connection can
    /// never be checked, and the SDK rejects the spec. The platform documentation page lists all three under "Method
    /// implementations" and the rest as "Optional" (Membrane's OAuth2 connector documentation (<https://docs.integration.app>)); the SDK
    /// marks them `isRequired` (MEM-SDK `ConnectorAuthMethodTypes`).
    ///
    /// ## Example
    /// ```yaml
    /// auth:
    ///   type: oauth2
    ///   getOAuthConfig:
    ///     implementationType: mapping
    ///   makeApiClient:
    ///     implementationType: mapping
    /// ```
    /// Use instead:
    /// ```yaml
    /// auth:
    ///   type: oauth2
    ///   getOAuthConfig:
    ///     implementationType: mapping
    ///   makeApiClient:
    ///     implementationType: mapping
    ///   test:
    ///     implementationType: javascript
    /// ```
    pub struct MissingRequiredMethod {
        code: "membrane/missing-required-method",
        summary: "A connector's `auth` section lacks a method the SDK requires",
        severity: Error,
        fix: None,
        since: "0.1.0",
    }
}

impl Rule for MissingRequiredMethod {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        if auth.auth_type.is_none() {
            return;
        }
        let mut required = vec!["makeApiClient", "test"];
        if auth.is_oauth2() {
            required.insert(0, "getOAuthConfig");
        }
        for name in required {
            if auth.method(name).is_none() {
                out.push(diagnostic(name, auth.key_span));
            }
        }
    }
}

fn diagnostic(method: &str, span: specc_ir::Span) -> Diagnostic {
    let what = match method {
        "getOAuthConfig" => "the authorize and token endpoints and the client credentials",
        "makeApiClient" => "how API requests are authenticated",
        _ => "how a connection is tested",
    };
    Diagnostic::error(MissingRequiredMethod::META.code, format!("`auth` has no `{method}` method"), span)
        .with_label(format!("`{method}` is required here"))
        .with_note(format!("`{method}` defines {what}; the SDK refuses a spec without it"))
        .with_help(format!("add `{method}:` with an `implementationType` and its file under `auth/`"))
}
