//! `keboola/secret-key-plain-twin`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// In a component configuration, a key and its `#`-prefixed twin are both present
    /// (`appSecret` next to `#appSecret`). A secret key without any `#` twin is
    /// `keboola/secret-key-not-hash-prefixed`, an error.
    ///
    /// ## Why it matters
    /// Keboola encrypts only values whose key starts with `#`, and the Keboola UI keeps only the
    /// `#` key when the configuration is saved, dropping the plain one
    /// (<https://developers.keboola.com/overview/encryption/>). The plain twin is either stale or
    /// a copy of the secret in clear: the component reads one of the two, and which one is not
    /// obvious to whoever edits the file. specc never prints the value.
    ///
    /// ## Example
    /// ```json title="config.json"
    /// {
    /// @   "authorization": {
    /// @     "oauth_api": {
    /// @       "credentials": {
    /// @         "#data": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiAAAAAA==",
    /// @         "appKey": "example-client-id",
    /// @         "#appSecret": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiBBBBBB=="
    /// @       }
    /// @     }
    /// @   },
    ///   "parameters": {
    ///     "api": {
    /// @       "baseUrl": "https://api.example.com/",
    ///       "#token": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiCCCCCC==",
    ///       "token": "stale-token-value-1234"
    ///     }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json title="config.json"
    /// {
    /// @   "authorization": {
    /// @     "oauth_api": {
    /// @       "credentials": {
    /// @         "#data": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiAAAAAA==",
    /// @         "appKey": "example-client-id",
    /// @         "#appSecret": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiBBBBBB=="
    /// @       }
    /// @     }
    /// @   },
    ///   "parameters": {
    ///     "api": {
    /// @       "baseUrl": "https://api.example.com/",
    ///       "#token": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiCCCCCC=="
    ///     }
    ///   }
    /// }
    /// ```
    pub struct SecretKeyPlainTwin {
        code: "keboola/secret-key-plain-twin",
        summary: "A key and its `#`-prefixed twin are both present",
        severity: Warning,
        fix: None,
        since: "0.2.0",
        reads: [Keboola],
    }
}

impl Rule for SecretKeyPlainTwin {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = super::model(cx) else { return };
        for s in &model.suspects {
            let Some(hash_key) = s.twin_of else { continue };
            out.push(
                Self::diagnostic(format!("`{}` and `#{}` are both present", s.path, s.member.key), s.member.key_span)
                    .with_label("plain twin")
                    .with_secondary(hash_key, "encrypted key here")
                    .with_note("the Keboola UI keeps only the `#` key and drops the plain one on save")
                    .with_help(format!("remove `{}`", s.member.key)),
            );
        }
    }
}
