//! `membrane/deprecated-skip-client-auth`

use specc_syntax::edit::{delete_member, replace_member};

use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// The `getOAuthConfig` mapping uses `skipClientAuthInBody` or `skipClientAuthInHeader`, which the
    /// SDK's `OAUTH_CONFIG_SCHEMA` marks "(Deprecated)" in favour of `clientAuthLocation`
    ///). The SDK's description of `skipClientAuthInHeader`
    /// says "…in the body…", a copy-paste slip; specc reads the key by its name.
    ///
    /// ## Why it matters
    /// Deprecated switches may stop being read; two negative switches are also harder to read than one
    /// location, and nothing stops both being `true` (no client authentication at all).
    ///
    /// ## Example
    /// ```yaml title="spec.yml"
    /// @ auth:
    /// @   type: oauth2
    /// @   getOAuthConfig:
    /// @     implementationType: mapping
    /// @   makeApiClient:
    /// @     implementationType: mapping
    /// @   test:
    /// @     implementationType: javascript
    /// ```
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// skipClientAuthInBody: true
    /// ```
    /// ```yaml title="auth/make-api-client.map.yml"
    /// @ baseUri: https://api.example.com
    /// @ headers:
    /// @   Authorization:
    /// @     $concat:
    /// @       values:
    /// @         - 'Bearer '
    /// @         - $var: credentials.access_token
    /// ```
    /// ```js title="auth/test.js"
    /// @ exports.test = async function ({ apiClient }) {
    /// @   await apiClient.get('/me')
    /// @ }
    /// ```
    /// Use instead:
    /// ```yaml title="auth/get-oauth-config.map.yml"
    /// @ clientId:
    /// @   $var: connectorParameters.clientId
    /// @ clientSecret:
    /// @   $var: connectorParameters.clientSecret
    /// @ authorizeUri: https://auth.example.com/oauth2/authorize
    /// @ tokenUri: https://auth.example.com/oauth2/token
    /// @ scopes:
    /// @   - read
    /// clientAuthLocation: headers
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `skipClientAuthInBody: true` becomes `clientAuthLocation: headers`,
    /// `skipClientAuthInHeader: true` becomes `clientAuthLocation: body`, and `false` switches (the
    /// default) are deleted. No fix is offered when both are `true` or when they disagree with an
    /// explicit `clientAuthLocation`.
    pub struct DeprecatedSkipClientAuth {
        code: "membrane/deprecated-skip-client-auth",
        summary: "Deprecated `skipClientAuthInBody`/`skipClientAuthInHeader` instead of `clientAuthLocation`",
        severity: Warning,
        fix: Safe,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for DeprecatedSkipClientAuth {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(view) = super::oauth_config(cx) else { return };
        let body = view.skip_client_auth_in_body.as_ref().map(|b| b.value);
        let header = view.skip_client_auth_in_header.as_ref().map(|b| b.value);
        if body.is_none() && header.is_none() {
            return;
        }
        // What the switches mean, as a `clientAuthLocation` value.
        let wanted = match (body.unwrap_or(false), header.unwrap_or(false)) {
            (true, false) => Some("headers"),
            (false, true) => Some("body"),
            (false, false) => None,
            (true, true) => {
                let span = view.field("skipClientAuthInBody").map_or(view.span, |f| f.member_span);
                out.push(
                    Diagnostic::warning(
                        DeprecatedSkipClientAuth::META.code,
                        "both `skipClientAuthInBody` and `skipClientAuthInHeader` are true: the client is not authenticated anywhere",
                        span,
                    )
                    .with_help("replace both with `clientAuthLocation: headers` or `clientAuthLocation: body`"),
                );
                return;
            }
        };
        let explicit = view.client_auth_location.as_ref().map(|l| l.value.as_str());
        let consistent = wanted.is_none() || explicit.is_none() || explicit == wanted;
        let mut edits = Vec::new();
        // Line edits of a block mapping never overlap; two neighbours' comma edits in `{…}` could.
        let doc = cx.doc(view.file).filter(|_| !cx.text(view.span).starts_with('{'));
        let mut fixable = consistent && doc.is_some();
        let mut replaced = false;
        for key in ["skipClientAuthInBody", "skipClientAuthInHeader"] {
            let Some(field) = view.field(key) else { continue };
            let on = if key == "skipClientAuthInBody" { body } else { header };
            let edit = if on == Some(true) && explicit.is_none() && !replaced {
                replaced = true;
                let location = wanted.unwrap_or("headers");
                doc.and_then(|doc| replace_member(doc, field.member_span, "clientAuthLocation", location))
            } else {
                doc.and_then(|doc| delete_member(doc, field.member_span))
            };
            match edit {
                Some(edit) => edits.push(edit),
                None => fixable = false,
            }
        }
        for key in ["skipClientAuthInBody", "skipClientAuthInHeader"] {
            let Some(field) = view.field(key) else { continue };
            let mut d = Diagnostic::warning(
                DeprecatedSkipClientAuth::META.code,
                format!("`{key}` is deprecated"),
                field.key_span,
            )
            .with_label("deprecated switch");
            d = match wanted {
                Some(w) => d.with_help(format!("use `clientAuthLocation: {w}` instead")),
                None => d.with_help("delete it; `clientAuthLocation` says where the credentials go"),
            };
            if !consistent {
                d = d.with_note(
                    "the switches disagree with the explicit `clientAuthLocation`; decide which one is meant",
                );
            }
            if fixable && !edits.is_empty() {
                d = d.with_fix(Fix::safe("replace the deprecated switches with `clientAuthLocation`", edits.clone()));
            }
            out.push(d);
        }
    }
}
