//! `keboola/secret-not-encrypted`

use specc_dialects::keboola::SecretKind;

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A `#`-key of a component configuration (`#appSecret`, `#data`, `#password`...) holds a plain
    /// value in the file instead of Keboola ciphertext (`KBC::ProjectSecure::…`,
    /// `KBC::ComponentSecure::…`, `KBC::ConfigSecure::…`) or a placeholder filled in at deploy time
    /// (`${VAR}`, `%env(…)%`, `{{VAR}}`, `%%x%%`). Empty values, obvious placeholders (`xxxxx`, `***`,
    /// `...`, `<token>`, `dummy`, `your-app-secret`) and JSON strings whose every value is such a
    /// placeholder (`#data` of a test snapshot: `{"access_token": "xxx"}`) are not reported.
    ///
    /// ## Why it matters
    /// Keboola encrypts `#` values when a configuration is saved through its API, so the stored
    /// configuration is safe; the file in a repository is not. Stored credentials are
    /// ciphertext (`"#appSecret": "KBC::ComponentSecure::…"`), while the documented credentials
    /// injection pastes values in clear for quick testing
    /// (<https://developers.keboola.com/extend/common-interface/oauth/>). A plain secret in a committed file is published with
    /// it. specc never prints the value.
    ///
    /// ## Example
    /// ```json title="config.json"
    /// {
    /// @   "parameters": {},
    ///   "authorization": {
    ///     "oauth_api": {
    ///       "credentials": {
    /// @         "#data": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiAAAAAA==",
    /// @         "appKey": "example-client-id",
    ///         "#appSecret": "Zq4f-19xPw-kT7mB"
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="config.json"
    /// {
    /// @   "parameters": {},
    ///   "authorization": {
    ///     "oauth_api": {
    ///       "credentials": {
    /// @         "#data": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiAAAAAA==",
    /// @         "appKey": "example-client-id",
    ///         "#appSecret": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiBBBBBB=="
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    pub struct SecretNotEncrypted {
        code: "keboola/secret-not-encrypted",
        summary: "A `#`-key holds a secret in clear instead of Keboola ciphertext",
        severity: Warning,
        fix: None,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for SecretNotEncrypted {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = super::model(cx) else { return };
        for s in model.secrets.iter().filter(|s| s.kind == SecretKind::Plain) {
            out.push(
                Diagnostic::warning(
                    SecretNotEncrypted::META.code,
                    format!("`{}` holds a value in clear", s.path),
                    s.member.value_span,
                )
                .with_label("not encrypted")
                .with_note("Keboola encrypts `#` keys only when the configuration is saved through its API; this file keeps the clear value")
                .with_help("store the `KBC::…Secure::` ciphertext from the Encryption API, or a placeholder filled in at deploy time"),
            );
        }
    }
}
