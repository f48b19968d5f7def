//! `itential/x-itential-parameter-invalid`

use crate::{declare_rule, Context, Diagnostic, Rule};

/// Parameters of the token and refresh requests that the platform sets itself (RFC 6749 §4.1.3, §6;
/// RFC 7636 §4.5).
const CORE_PARAMS: [&str; 8] =
    ["grant_type", "code", "redirect_uri", "client_id", "client_secret", "refresh_token", "code_verifier", "scope"];

declare_rule! {
    /// ## What it checks
    /// An entry of an OAuth scheme's `x-itential-parameters` (Itential's extension for adding
    /// parameters to the token exchange) that Itential cannot use:
    /// - no `name`;
    /// - `in` other than `header`, `body` or `query`;
    /// - an `x-itential-use-in` value other than `token` or `refresh`;
    /// - a `name` that redefines a parameter of the OAuth protocol itself (`grant_type`, `code`,
    ///   `redirect_uri`, `client_id`, `client_secret`, `refresh_token`, `code_verifier`, `scope`).
    ///
    /// ## Why it matters
    /// Itential's "OpenAPI extensions" page describes the entries with `in`,
    /// `x-itential-use-in: [token, refresh]` and `x-itential-variable`; other values are not
    /// understood and the parameter is not sent. Redefining a core parameter sends it twice or
    /// overrides the value the platform computed, which RFC 6749 §3.1 forbids ("parameters MUST NOT
    /// be included more than once").
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
    ///         authorizationCode:
    /// @           authorizationUrl: https://auth.example.com/authorize
    /// @           tokenUrl: https://auth.example.com/token
    /// @           scopes: {}
    ///           x-itential-parameters:
    ///             - name: audience
    ///               in: form
    ///               x-itential-use-in: [token, refesh]
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
    ///         authorizationCode:
    /// @           authorizationUrl: https://auth.example.com/authorize
    /// @           tokenUrl: https://auth.example.com/token
    /// @           scopes: {}
    ///           x-itential-parameters:
    ///             - name: audience
    ///               in: body
    ///               x-itential-use-in: [token, refresh]
    /// ```
    pub struct XItentialParameterInvalid {
        code: "itential/x-itential-parameter-invalid",
        summary: "An `x-itential-parameters` entry Itential cannot use",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [OpenApi],
    }
}

impl Rule for XItentialParameterInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = cx.openapi() else { return };
        let code = Self::META.code;
        for scheme in &model.schemes {
            for p in &scheme.itential_params {
                let Some(name) = &p.name else {
                    out.push(
                        Diagnostic::error(
                            code,
                            format!("`x-itential-parameters` entry of scheme `{}` has no `name`", scheme.name),
                            p.span,
                        )
                        .with_label("no `name`")
                        .with_help("add `name` with the parameter's name"),
                    );
                    continue;
                };
                if let Some(loc) =
                    p.location.as_ref().filter(|l| !matches!(l.value.as_str(), "header" | "body" | "query"))
                {
                    let mut d = Diagnostic::error(
                        code,
                        format!("`x-itential-parameters` entry `{}` has unsupported `in: {}`", name.value, loc.value),
                        loc.span,
                    )
                    .with_label("expected `header`, `body` or `query`");
                    d = match specc_dialects::openapi::did_you_mean(&loc.value, &["header", "body", "query"]) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help("use `header`, `body` or `query`"),
                    };
                    out.push(d);
                }
                for u in p.use_in.iter().filter(|u| !matches!(u.value.as_str(), "token" | "refresh")) {
                    let mut d = Diagnostic::error(
                        code,
                        format!(
                            "`x-itential-parameters` entry `{}` has unknown `x-itential-use-in` value `{}`",
                            name.value, u.value
                        ),
                        u.span,
                    )
                    .with_label("expected `token` or `refresh`")
                    .with_note("the parameter is sent only with the requests `x-itential-use-in` names");
                    d = match specc_dialects::openapi::did_you_mean(&u.value, &["token", "refresh"]) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help("use `token`, `refresh`, or both"),
                    };
                    out.push(d);
                }
                if CORE_PARAMS.contains(&name.value.as_str()) {
                    out.push(
                        Diagnostic::error(
                            code,
                            format!("`x-itential-parameters` entry redefines the OAuth parameter `{}`", name.value),
                            name.span,
                        )
                        .with_label("set by the platform")
                        .with_note("RFC 6749 §3.1: request parameters must not be included more than once")
                        .with_help("remove the entry; Itential sends this parameter itself"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    #[test]
    fn bad_location_use_in_and_core_name() {
        let text = "openapi: 3.0.3\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://a.example.com/auth\n          tokenUrl: https://a.example.com/token\n          scopes: {}\n          x-itential-parameters:\n            - name: audience\n              in: form\n              x-itential-use-in: [token, refesh]\n            - name: client_secret\n              in: body\n              x-itential-use-in: [token]\n";
        let (db, d) = check_text("a.yaml", text);
        let d = with_code(&d, XItentialParameterInvalid::META.code);
        assert_eq!(d.len(), 3, "{d:?}");
        let msgs: Vec<_> = d.iter().map(|x| (x.message.as_str(), slice(&db, x.span))).collect();
        assert_eq!(msgs[0], ("`x-itential-parameters` entry `audience` has unsupported `in: form`", "form".into()));
        assert_eq!(
            msgs[1],
            (
                "`x-itential-parameters` entry `audience` has unknown `x-itential-use-in` value `refesh`",
                "refesh".into()
            )
        );
        assert_eq!(d[1].help.as_deref(), Some("did you mean `refresh`?"));
        assert_eq!(
            msgs[2],
            ("`x-itential-parameters` entry redefines the OAuth parameter `client_secret`", "client_secret".into())
        );
    }
}
