//! `keboola/manage-missing-required`

use specc_syntax::SourceUrl;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A manage (registration) body lacks, or leaves empty, one of `component_id`, `friendly_name`,
    /// `app_key`, `app_secret`, `oauth_version`; or lacks `auth_url`/`token_url` when `oauth_version`
    /// is not `facebook`, or gives one of them a value that is not an absolute http(s) URL (the broker
    /// calls it as written).
    ///
    /// ## Why it matters
    /// The OAuth Manager marks these fields required ("Add new component", Attributes and Schema in
    /// the Keboola OAuth Manager API v2 reference (deprecated: <https://github.com/keboola/oauth-v2-bundle>); for `facebook` "`auth_url`, `token_url` and
    /// `request_token_url` are not required"). A registration without them is refused, and an empty
    /// `app_secret` registers an app that can never exchange a code for a token.
    ///
    /// ## Example
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    /// @   "oauth_version": "2.0",
    ///   "app_key": "example-client-id",
    ///   "app_secret": ""
    /// }
    /// ```
    /// Use instead:
    /// ```json title="manage.json"
    /// {
    /// @   "component_id": "keboola.ex-example",
    /// @   "friendly_name": "Example Extractor",
    /// @   "auth_url": "https://auth.example.com/oauth2/authorize?response_type=code&client_id=%%app_key%%&redirect_uri=%%redirect_uri%%&state=%%hash%%",
    /// @   "token_url": "https://auth.example.com/oauth2/token",
    /// @   "oauth_version": "2.0",
    ///   "app_key": "example-client-id",
    ///   "app_secret": "${EXAMPLE_APP_SECRET}"
    /// }
    /// ```
    pub struct ManageMissingRequired {
        code: "keboola/manage-missing-required",
        summary: "A Keboola manage body lacks a required field",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for ManageMissingRequired {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(m) = super::manage(cx) else { return };
        let mut required = vec!["component_id", "friendly_name", "app_key", "app_secret", "oauth_version"];
        if super::oauth_version(m) != Some("facebook") {
            required.extend(["auth_url", "token_url"]);
        }
        let mut missing = Vec::new();
        for key in required {
            match m.field(key) {
                None => missing.push(key),
                Some(f) => {
                    let text = cx.text(f.value_span);
                    let value = text.trim_matches(|c| c == '"' || c == '\'');
                    let is_url_key = key == "auth_url" || key == "token_url";
                    let url = SourceUrl::new(value);
                    let web = url.host().is_some() && (url.has_scheme("http") || url.has_scheme("https"));
                    if is_url_key && !value.is_empty() && !web {
                        out.push(
                            Diagnostic::error(
                                ManageMissingRequired::META.code,
                                format!("`{key}` is not an absolute http(s) URL"),
                                f.value_span,
                            )
                            .with_label("not a URL the broker can call")
                            .with_help(format!("write the provider's full endpoint in `{key}`, such as `https://…`")),
                        );
                        continue;
                    }
                    if text == "\"\"" || text == "''" || text == "null" {
                        out.push(
                            Diagnostic::error(
                                ManageMissingRequired::META.code,
                                format!("`{key}` is empty"),
                                f.value_span,
                            )
                            .with_label("empty value")
                            .with_help(format!("fill in `{key}`; the OAuth Manager requires it")),
                        );
                    }
                }
            }
        }
        if !missing.is_empty() {
            let names = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            out.push(
                Diagnostic::error(
                    ManageMissingRequired::META.code,
                    format!("the manage body has no {names}"),
                    super::opening(m.span),
                )
                .with_label("in this registration")
                .with_help("add the missing fields; see the OAuth Manager's \"Add new component\" request"),
            );
        }
    }
}
