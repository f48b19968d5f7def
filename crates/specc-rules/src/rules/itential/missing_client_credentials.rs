//! `itential/missing-client-credentials`

use specc_ir::CredentialValue;

use super::{chosen, instance};
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// The Itential instance has no `client_id` or no `client_secret`, or one of them is empty.
    ///
    /// ## Why it matters
    /// Itential exchanges the authorization code at the token endpoint as a confidential client: "To
    /// configure, you need to give the integration the client_id and client_secret from your OAuth2
    /// provider" (Itential Platform documentation, "OAuth2 authentication and authorization"; RFC
    /// 6749 §2.3.1 for client authentication). Without them the provider rejects the token request,
    /// which the documentation lists first among the reasons a token cannot be retrieved.
    ///
    /// Values are never shown in specc's output.
    ///
    /// ## Example
    /// ```yaml title="instance.yaml"
    /// model: model.json
    /// client_id: "{{BOX_CLIENT_ID}}"
    /// @ scope: root_readonly manage_webhook
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    /// ```json title="model.json"
    /// @ { "openapi": "3.0.0", "info": { "title": "Box", "version": "2.0" }, "paths": {},
    /// @   "components": { "securitySchemes": { "OAuth2Security": { "type": "oauth2", "flows": {
    /// @     "authorizationCode": { "authorizationUrl": "https://account.box.com/api/oauth2/authorize",
    /// @       "tokenUrl": "https://api.box.com/oauth2/token",
    /// @       "scopes": { "root_readonly": "Read all files and folders", "manage_webhook": "Create webhooks" } } } } } } }
    /// ```
    /// Use instead:
    /// ```yaml title="instance.yaml"
    /// model: model.json
    /// client_id: "{{BOX_CLIENT_ID}}"
    /// client_secret: "{{BOX_CLIENT_SECRET}}"
    /// @ scope: root_readonly manage_webhook
    /// @ redirect_uri: "{{iap}}/admin/oauth/"
    /// ```
    pub struct MissingClientCredentials {
        code: "itential/missing-client-credentials",
        summary: "The instance lacks its OAuth client id or secret",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Itential],
    }
}

impl Rule for MissingClientCredentials {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(inst) = instance(cx) else { return };
        let mut missing = Vec::new();
        for (key, written) in [("client_id", inst.client_id_span), ("client_secret", inst.client_secret_span)] {
            if written.is_none() {
                missing.push(key);
            }
        }
        if !missing.is_empty() {
            let what = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
            out.push(
                Diagnostic::file(
                    Self::META.code,
                    specc_diagnostics::Severity::Error,
                    format!("Itential instance has no {what}"),
                    inst.file,
                )
                .with_note("the authorization code is exchanged for a token with the client's id and secret")
                .with_help(format!(
                    "add {what} from the OAuth provider's app registration, preferably as `{{{{VAR}}}}` references"
                )),
            );
        }
        // Empty values.
        if let Some(id) = inst.client_id.as_ref().filter(|c| c.value.trim().is_empty()) {
            out.push(empty("client_id", id.span));
        }
        let secret_empty = chosen(cx, inst)
            .and_then(|c| c.client_secret.as_ref())
            .filter(|c| c.span.file == inst.file)
            .is_some_and(|c| matches!(&c.value, CredentialValue::Literal(s) if s.expose().trim().is_empty()));
        if let (true, Some(span)) = (secret_empty, inst.client_secret_span) {
            out.push(empty("client_secret", span));
        }
    }
}

fn empty(key: &str, span: specc_ir::Span) -> Diagnostic {
    Diagnostic::error(MissingClientCredentials::META.code, format!("`{key}` of the Itential instance is empty"), span)
        .with_label("empty value")
        .with_note("the provider rejects a token request without client credentials")
        .with_help(format!("fill in `{key}` from the OAuth provider's app registration"))
}

#[cfg(test)]
mod tests {
    use super::super::super::openapi::testing::*;
    use super::*;

    const MODEL: &str = r#"{"openapi": "3.0.0", "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {}}}}}}}"#;

    #[test]
    fn missing_secret_is_file_level() {
        let (_, d) =
            check_itential("model: model.json\nclient_id: abc\nredirect_uri: \"{{iap}}/admin/oauth/\"\n", MODEL);
        let d = with_code(&d, MissingClientCredentials::META.code);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "Itential instance has no `client_secret`");
        assert!(d[0].file_level);
    }

    #[test]
    fn empty_secret_is_located_and_not_shown() {
        let (db, d) = check_itential(
            "model: model.json\nclient_id: abc\nclient_secret: ''\nredirect_uri: \"{{iap}}/admin/oauth/\"\n",
            MODEL,
        );
        let d = with_code(&d, MissingClientCredentials::META.code);
        assert_eq!(d[0].message, "`client_secret` of the Itential instance is empty");
        assert_eq!(slice(&db, d[0].span), "''");
    }

    #[test]
    fn secret_value_never_appears() {
        let (_, d) = check_itential(
            "model: model.json\nclient_id: ''\nclient_secret: s3cr3t-value\nredirect_uri: \"{{iap}}/admin/oauth/\"\n",
            MODEL,
        );
        for x in &d {
            let all = format!("{} {:?} {:?} {:?}", x.message, x.help, x.note, x.label);
            assert!(!all.contains("s3cr3t"), "{all}");
        }
        assert_eq!(
            with_code(&d, MissingClientCredentials::META.code)[0].message,
            "`client_id` of the Itential instance is empty"
        );
    }
}
