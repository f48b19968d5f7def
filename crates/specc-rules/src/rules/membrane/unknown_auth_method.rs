//! `membrane/unknown-auth-method`

use specc_dialects::membrane::{method_spec, AUTH_KEYS, LEGACY_TOKEN_RESPONSE_METHOD};

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// A key under `auth:` that is neither a method the SDK knows nor one of `type`, `title`,
    /// `description`, `ui`, `credentialsSchema`, `options`. Most often it is
    /// `getCredentialsFromTokenResponse`.
    ///
    /// The method names contradict each other across sources. The platform documentation page
    /// (Membrane's OAuth2 connector documentation (<https://docs.integration.app>), "Custom Credentials Extraction"), the console docs
    /// and one version of docs.integration.app call the hook `getCredentialsFromTokenResponse`; the
    /// SDK (0.28.3, `@integration-app/sdk` 1.14.1) and the corpus's exported connectors use
    /// `getCredentialsFromAccessTokenResponse` and `getCredentialsFromRefreshTokenResponse`
    ///. specc follows the SDK, because it is the code that
    /// parses the spec, but reports the platform documentation's name as a **warning** (not an error) and says which
    /// reading it took; any other unknown key is an error.
    ///
    /// ## Why it matters
    /// The SDK's schema strips unknown keys silently: the method is never called, and nothing tells
    /// the author. A credentials hook written under the old name simply does not run.
    ///
    /// ## Example
    /// ```yaml
    /// auth:
    ///   getCredentialsFromTokenResponse:
    ///     implementationType: javascript
    /// ```
    /// Use instead:
    /// ```yaml
    /// auth:
    ///   getCredentialsFromAccessTokenResponse:
    ///     implementationType: javascript
    /// ```
    ///
    /// ## Fix safety
    /// Renaming `getCredentialsFromTokenResponse` to `getCredentialsFromAccessTokenResponse` is
    /// unsafe: it makes a hook run that did not run before (and its file is then looked for as
    /// `auth/get-credentials-from-access-token-response.js` unless `filePath` names it).
    pub struct UnknownAuthMethod {
        code: "membrane/unknown-auth-method",
        summary: "A key under `auth` that the SDK does not know and silently drops",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
    }
}

const NEW_NAME: &str = "getCredentialsFromAccessTokenResponse";

impl Rule for UnknownAuthMethod {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(auth) = super::auth(cx) else { return };
        for k in &auth.keys {
            if AUTH_KEYS.contains(&k.key.as_str()) || method_spec(&k.key).is_some() {
                continue;
            }
            if k.key == LEGACY_TOKEN_RESPONSE_METHOD {
                out.push(legacy(k.key_span, auth.method(NEW_NAME).is_some()));
                continue;
            }
            let known: Vec<&str> = specc_dialects::membrane::METHODS.iter().map(|m| m.name).collect();
            let mut d = Diagnostic::error(
                UnknownAuthMethod::META.code,
                format!("`{}` is not a connector auth method; the SDK drops it", k.key),
                k.key_span,
            )
            .with_label("unknown key");
            d = match specc_dialects::suggest::did_you_mean(&k.key, &known) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("known methods: {}", known.join(", "))),
            };
            out.push(d);
        }
    }
}

fn legacy(key_span: specc_ir::Span, new_present: bool) -> Diagnostic {
    let mut d = Diagnostic::warning(
        UnknownAuthMethod::META.code,
        format!("`{LEGACY_TOKEN_RESPONSE_METHOD}` is not a method of the current SDK; the hook never runs"),
        key_span,
    )
    .with_label("dropped by the SDK schema")
    .with_note(
        "the Integration.app documentation names this hook `getCredentialsFromTokenResponse`, \
         but the SDK only knows `getCredentialsFromAccessTokenResponse` and `getCredentialsFromRefreshTokenResponse`; \
         specc follows the SDK",
    );
    if new_present {
        d = d.with_help(format!("`{NEW_NAME}` is already defined: remove this key"));
    } else {
        d = d.with_help(format!("rename it to `{NEW_NAME}`")).with_fix(Fix::unsafe_(
            format!("rename to `{NEW_NAME}`"),
            vec![Edit { span: key_span, replacement: NEW_NAME.to_string() }],
        ));
    }
    d
}
