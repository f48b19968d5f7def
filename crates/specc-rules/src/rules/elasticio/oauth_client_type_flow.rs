//! `elasticio/oauth-client-type-flow`

use specc_dialects::elasticio::tenant::TypeReading;

use super::payload;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A tenant OAuth-client body for `POST /v2/tenants/{TENANT_ID}/oauth-clients` or
    /// `PATCH …/oauth-clients/{OAUTH-CLIENT_ID}` gives `data.type` as `"flow"`.
    ///
    /// ## Why it matters
    /// The platform documentation contradicts itself: the POST table says the type "should be
    /// flow", while the POST example and the PATCH table send `oauth-client`. A body written from
    /// the table may be accepted or rejected depending on the API version it reaches, so specc
    /// reports the reading instead of choosing silently; `oauth-client` is the value both the
    /// example and the update endpoint use. Any other wrong type is
    /// `elasticio/oauth-client-payload-invalid`, an error.
    ///
    /// Source: elastic.io's OAuth clients management guide
    /// (<https://docs.elastic.io/on-premises/oauth-clients-management.html>, "Creating OAuth
    /// Clients", "Updating OAuth Clients"); <https://api.elastic.io/docs/v2/#oauth-clients>.
    ///
    /// ## Example
    /// ```json title="oauth-client.json"
    /// { "data": { "type": "flow", "attributes": { "client_id": "abc", "client_secret": "…" },
    ///   "relationships": { "component": { "data": { "id": "5b1f…", "type": "component" } } } } }
    /// ```
    /// Use instead:
    /// ```json title="oauth-client.json"
    /// { "data": { "type": "oauth-client", "attributes": { "client_id": "abc", "client_secret": "…" },
    ///   "relationships": { "component": { "data": { "id": "5b1f…", "type": "component" } } } } }
    /// ```
    pub struct OAuthClientTypeFlow {
        code: "elasticio/oauth-client-type-flow",
        summary: "A tenant OAuth-client body uses the type `flow` of the documentation's POST table",
        severity: Warning,
        fix: None,
        since: "0.2.0",
        reads: [ElasticIo],
    }
}

impl Rule for OAuthClientTypeFlow {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(p) = payload(cx) else { return };
        let (Some(t), TypeReading::Flow) = (&p.data_type, p.reading) else { return };
        out.push(
            Self::diagnostic("`data.type` is `flow`, the reading of the platform documentation's POST table", t.span)
                .with_label("reading: `flow`")
                .with_note("the platform documentation's POST table says the type \"should be flow\", but its example and the PATCH table send `oauth-client`; specc expects `oauth-client`")
                .with_help("use `\"type\": \"oauth-client\"` unless the API you target has been seen to accept `flow`"),
        );
    }
}
