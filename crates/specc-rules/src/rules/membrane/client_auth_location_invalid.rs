//! `membrane/client-auth-location-invalid`

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule, Severity};

declare_rule! {
    /// ## What it checks
    /// `clientAuthLocation` in the `getOAuthConfig` mapping is not `headers` or `body` (for example
    /// `header` or `both`), or is absent.
    ///
    /// The sources disagree about the absent case. The platform documentation's "Config Parameters" table says the
    /// client credentials go to "headers, body, or both if not specified"
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>)), while the SDK's `OAUTH_CONFIG_SCHEMA` is an enum of
    /// `headers | body` with default `headers` and has no "both".
    /// specc lowers an absent value as `headers`, the SDK default that actually runs, and says so in
    /// an **info** finding, so that the choice is visible rather than guessed silently. An explicit
    /// `both` is an error: the SDK schema rejects it.
    ///
    /// ## Why it matters
    /// A value outside the enum makes the SDK reject the config. When the key is absent, a provider
    /// that only accepts credentials in the body (or only HTTP Basic) fails the token exchange
    /// depending on which reading the platform version follows; writing the value down removes the
    /// doubt.
    ///
    /// ## Example
    /// ```yaml
    /// clientAuthLocation: header
    /// ```
    /// Use instead:
    /// ```yaml
    /// clientAuthLocation: headers
    /// ```
    ///
    /// ## Fix safety
    /// `header` → `headers` is safe: it is the only value the typo can mean. Adding
    /// `clientAuthLocation: headers` where the key is absent is unsafe: it is what the SDK does, but
    /// under the docs' "both" reading it drops the body credentials.
    pub struct ClientAuthLocationInvalid {
        code: "membrane/client-auth-location-invalid",
        summary: "`clientAuthLocation` is not `headers` or `body`, or is left to a disputed default",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
    }
}

impl Rule for ClientAuthLocationInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(view) = super::oauth_config(cx) else { return };
        let code = ClientAuthLocationInvalid::META.code;
        match &view.client_auth_location {
            Some(loc) if loc.value == "headers" || loc.value == "body" => {}
            Some(loc) => {
                let mut d = Diagnostic::error(
                    code,
                    format!("`clientAuthLocation: {}` is not `headers` or `body`", loc.value),
                    loc.span,
                )
                .with_label("not a value the SDK accepts");
                d = match loc.value.as_str() {
                    "header" | "Headers" | "HEADERS" => d.with_help("write `headers`").with_fix(Fix::safe(
                        "write `headers`",
                        vec![Edit { span: loc.span, replacement: "headers".into() }],
                    )),
                    "Body" | "BODY" => d
                        .with_help("write `body`")
                        .with_fix(Fix::safe("write `body`", vec![Edit { span: loc.span, replacement: "body".into() }])),
                    "both" => d
                        .with_note(
                            "the docs describe \"both\" as the behaviour when the key is absent, but the SDK schema \
                             accepts only `headers` or `body`",
                        )
                        .with_help("pick `headers` (HTTP Basic) or `body`, whichever the provider accepts"),
                    _ => d.with_help("use `headers` (HTTP Basic, RFC 6749 §2.3.1) or `body`"),
                };
                out.push(d);
            }
            None => {
                // The deprecated switches decide instead; `membrane/deprecated-skip-client-auth` reports them.
                if view.skip_client_auth_in_body.is_some() || view.skip_client_auth_in_header.is_some() {
                    return;
                }
                let message = "`clientAuthLocation` is not set; specc assumes `headers`, the SDK default";
                let inline = super::model(cx).is_some_and(|m| m.spec == view.file);
                let mut d = if inline {
                    let span = view.fields.first().map_or(view.span, |f| f.key_span);
                    Diagnostic::new(code, Severity::Info, message, span).with_label("in this mapping")
                } else {
                    Diagnostic::file(code, Severity::Info, message, view.file)
                }
                .with_note(
                    "the docs say credentials go in headers and body when the key is absent, the SDK defaults to \
                     `headers` only; specc follows the SDK",
                )
                .with_help("write `clientAuthLocation: headers` or `clientAuthLocation: body` explicitly");
                if let Some(edit) = super::insert_member(view, "clientAuthLocation: headers") {
                    d = d.with_fix(Fix::unsafe_("write `clientAuthLocation: headers`", vec![edit]));
                }
                out.push(d);
            }
        }
    }
}
