//! `keboola/secret-key-not-hash-prefixed`

use specc_dialects::keboola::SecretKind;

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// In a component configuration:
    /// - a key that names a secret (`appSecret`, `app_secret`, `client_secret`, `password`, `token`,
    ///   `access_token`, `refresh_token`, `secret`, `api_key`) holds a plain string but has no `#`
    ///   prefix (error);
    /// - a `#`-key holds an object or array, which Keboola does not encrypt (error).
    ///
    /// A plain key next to its `#` twin (`x` and `#x`) is `keboola/secret-key-plain-twin`.
    ///
    /// ## Why it matters
    /// Keboola encrypts only values whose key starts with `#` (Keboola's encryption documentation,
    /// <https://developers.keboola.com/overview/encryption/>; the injected OAuth credentials use `#data`
    /// and `#appSecret`, <https://developers.keboola.com/extend/common-interface/oauth/>). Anything else
    /// is stored, shown and exported in clear. specc never prints the value.
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
    ///       "password": "hunter2-but-longer"
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
    ///       "#password": "KBC::ProjectSecure::eJwBYACf/2E6Mjp7aTowO3M6NzoiCCCCCC=="
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: renaming `password` to `#password` makes Keboola encrypt it on the next save, but the
    /// component must read the new key name.
    pub struct SecretKeyNotHashPrefixed {
        code: "keboola/secret-key-not-hash-prefixed",
        summary: "A secret is stored under a key without `#`, or a `#`-key cannot be encrypted",
        severity: Error,
        fix: Unsafe,
        since: "0.1.0",
        reads: [Keboola],
    }
}

impl Rule for SecretKeyNotHashPrefixed {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(model) = super::model(cx) else { return };
        let code = SecretKeyNotHashPrefixed::META.code;
        for s in &model.suspects {
            let d = match s.twin_of {
                // `keboola/secret-key-plain-twin`.
                Some(_) => continue,
                None => {
                    let key_text = cx.text(s.member.key_span);
                    let mut d = Diagnostic::error(
                        code,
                        format!("`{}` holds a secret but is not `#`-prefixed, so it is never encrypted", s.path),
                        s.member.key_span,
                    )
                    .with_label("stored in clear")
                    .with_help(format!("rename it to `#{}`", s.member.key));
                    if key_text.starts_with('"') && key_text.len() >= 2 {
                        let at = s.member.key_span.start + 1;
                        d = d.with_fix(Fix::unsafe_(
                            format!("rename to `#{}`", s.member.key),
                            vec![Edit {
                                span: specc_syntax::Span { start: at, end: at, ..s.member.key_span },
                                replacement: "#".into(),
                            }],
                        ));
                    }
                    d
                }
            };
            out.push(d);
        }
        for s in &model.secrets {
            if let SecretKind::NotString(t @ ("object" | "array")) = s.kind {
                out.push(
                    Diagnostic::error(
                        code,
                        format!("`{}` holds an {t}, which Keboola does not encrypt", s.path),
                        s.member.value_span,
                    )
                    .with_label(format!("an {t}"))
                    .with_help("`#` keys must hold strings; serialise the value or split it into `#` string keys"),
                );
            }
        }
    }
}
