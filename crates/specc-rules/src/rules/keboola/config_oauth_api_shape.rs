//! `keboola/config-oauth-api-shape`

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule, Severity};

declare_rule! {
    /// ## What it checks
    /// The `authorization.oauth_api` object of a component configuration:
    /// - has neither an `id` (a broker registration) nor injected `credentials` (error);
    /// - has an `id` but no `"version": 3`, or another version (info: the v2 API is deprecated);
    /// - has injected `credentials` without `#data` (error), or without `appKey`/`#appSecret`
    ///   (warning: bearer-token components need only `#data`).
    ///
    /// ## Why it matters
    /// The platform documentation's "Initialize" step says to "Set `"version": 3` to use the latest OAuth Broker API. The
    /// old OAuth V2 API is deprecated but still usable", and "Credentials Injection" shows `#data`,
    /// `appKey` and `#appSecret` (Keboola's OAuth interface specification for components (<https://developers.keboola.com/extend/common-interface/oauth/>);). Note that
    /// docker-bundle's configuration JSON Schema (corpus) allows only `id` and `credentials` under
    /// `oauth_api`, so older runners may reject `version`; specc follows the platform documentation.
    ///
    /// ## Example
    /// ```json
    /// { "authorization": { "oauth_api": { "id": "123456" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "authorization": { "oauth_api": { "id": "123456", "version": 3 } } }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adding `"version": 3` (or replacing another version with `3`) selects the current broker
    /// for the same registration id, which the platform documentation recommends.
    pub struct ConfigOauthApiShape {
        code: "keboola/config-oauth-api-shape",
        summary: "`authorization.oauth_api` is incomplete or uses the deprecated v2 broker",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
    }
}

impl Rule for ConfigOauthApiShape {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(api) = super::model(cx).and_then(|m| m.oauth_api.as_deref()) else { return };
        let code = ConfigOauthApiShape::META.code;
        if api.id.is_none() && api.credentials.is_none() {
            out.push(
                Diagnostic::error(code, "`oauth_api` has neither an `id` nor injected `credentials`", api.key_span)
                    .with_label("no authorization to use")
                    .with_help("set `id` to the OAuth Broker registration, or inject `credentials` with `#data`"),
            );
        }
        if api.id.is_some() {
            match &api.version {
                Some(v) if v.value == "3" => {}
                Some(v) => out.push(
                    Diagnostic::new(code, Severity::Info, format!("`oauth_api.version` is {}, not 3", v.value), v.span)
                        .with_label("deprecated broker version")
                        .with_note("the OAuth V2 API is deprecated but still usable")
                        .with_help("use `\"version\": 3`")
                        .with_fix(Fix::safe("use version 3", vec![Edit { span: v.span, replacement: "3".into() }])),
                ),
                None => {
                    let mut d = Diagnostic::new(
                        code,
                        Severity::Info,
                        "`oauth_api` has no `\"version\": 3` and uses the deprecated OAuth V2 API",
                        api.key_span,
                    )
                    .with_help("add `\"version\": 3`");
                    if let Some((at, indent)) = &api.insert_point {
                        d = d.with_fix(Fix::safe(
                            "add `\"version\": 3`",
                            vec![Edit { span: *at, replacement: format!(",\n{indent}\"version\": 3") }],
                        ));
                    }
                    out.push(d);
                }
            }
        }
        if let Some(creds) = &api.credentials {
            if !creds.has("#data") {
                out.push(
                    Diagnostic::error(code, "injected `credentials` have no `#data`", creds.key_span)
                        .with_label("no token response")
                        .with_help("add `#data` with the provider's token response as a JSON string"),
                );
            }
            let missing: Vec<&str> = ["appKey", "#appSecret"].into_iter().filter(|k| !creds.has(k)).collect();
            if !missing.is_empty() && api.id.is_none() {
                let names = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
                out.push(
                    Diagnostic::warning(code, format!("injected `credentials` have no {names}"), creds.key_span)
                        .with_note(
                            "components that refresh tokens or sign requests need the OAuth app's key and secret",
                        )
                        .with_help(format!("add {names}")),
                );
            }
        }
    }
}
