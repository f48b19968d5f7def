//! `elasticio/oauth-client-payload-invalid`

use specc_dialects::elasticio::tenant::TypeReading;
use specc_syntax::edit::replace;

use super::{payload, tenant};
use crate::{declare_rule, Context, Diagnostic, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// A tenant OAuth-client body for `POST /v2/tenants/{TENANT_ID}/oauth-clients` or
    /// `PATCH …/oauth-clients/{OAUTH-CLIENT_ID}` (or an `oauth_clients` entry of a tenant
    /// desired-state file):
    /// * `data.type` is not `"oauth-client"`;
    /// * `attributes.client_id` or `attributes.client_secret` is missing or empty;
    /// * `relationships.component.data.id` is missing, or its `type` is not `"component"`.
    ///
    /// The platform documentation contradicts itself on `data.type`: the POST table says it "should be flow", while
    /// the POST example and the PATCH table use `oauth-client`. specc takes `oauth-client`; a `flow`
    /// type is `elasticio/oauth-client-type-flow`, a warning that names the reading.
    ///
    /// ## Why it matters
    /// The API validates the JSON:API body: a wrong type or a missing relationship is rejected, and
    /// a client without its secret cannot exchange codes.
    ///
    /// Source: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("Creating OAuth Clients", "Updating OAuth
    /// Clients"); <https://api.elastic.io/docs/v2/#oauth-clients>.
    ///
    /// ## Example
    /// ```json title="oauth-client.json"
    /// { "data": { "type": "oauth-clients", "attributes": { "client_id": "abc", "client_secret": "…" },
    ///   "relationships": { "component": { "data": { "id": "5b1f…", "type": "components" } } } } }
    /// ```
    /// Use instead:
    /// ```json title="oauth-client.json"
    /// { "data": { "type": "oauth-client", "attributes": { "client_id": "abc", "client_secret": "…" },
    ///   "relationships": { "component": { "data": { "id": "5b1f…", "type": "component" } } } } }
    /// ```
    ///
    /// ## Fix safety
    /// Setting `data.type` to `"oauth-client"` (when it is neither reading) and the component
    /// relationship type to `"component"` writes the only values the API accepts: safe. A `flow`
    /// type gets no fix, since it is one of the platform documentation's two readings.
    pub struct OAuthClientPayloadInvalid {
        code: "elasticio/oauth-client-payload-invalid",
        summary: "A tenant OAuth-client body the API would reject",
        severity: Error,
        fix: Safe,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

const CODE: &str = OAuthClientPayloadInvalid::META.code;

impl Rule for OAuthClientPayloadInvalid {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(p) = payload(cx) {
            check_payload(p, out);
        }
        if let Some(t) = tenant(cx) {
            for c in &t.clients {
                let mut missing = Vec::new();
                if c.component.is_none() {
                    missing.push("`component`");
                }
                if c.client_id.as_ref().is_none_or(|v| v.value.trim().is_empty()) {
                    missing.push("`client_id`");
                }
                if c.client_secret.is_none() {
                    missing.push("`client_secret`");
                }
                if !missing.is_empty() {
                    out.push(
                        Diagnostic::error(CODE, format!("this OAuth client lacks {}", missing.join(", ")), c.span)
                            .with_label("incomplete client")
                            .with_help("every tenant OAuth client needs `component`, `client_id` and `client_secret`"),
                    );
                }
            }
        }
    }
}

fn check_payload(p: &specc_dialects::elasticio::ClientPayload, out: &mut Vec<Diagnostic>) {
    let Some(data) = &p.data else {
        out.push(Diagnostic::error(CODE, "the body has no `data` object", p.root.span).with_help(
            "write `{ \"data\": { \"type\": \"oauth-client\", \"attributes\": {…}, \"relationships\": {…} } }`",
        ));
        return;
    };
    match (&p.data_type, p.reading) {
        (None, _) => out.push(
            Diagnostic::error(CODE, "`data.type` is missing", data.span)
                .with_help("add `\"type\": \"oauth-client\"`"),
        ),
        // `elasticio/oauth-client-type-flow`.
        (Some(_), TypeReading::Flow) => {}
        (Some(t), TypeReading::Other) => out.push(
            Diagnostic::error(CODE, format!("`data.type` is `{}`; an OAuth client is `oauth-client`", t.value), t.span)
                .with_label("wrong resource type")
                .with_fix(Fix::safe("set `data.type` to `oauth-client`", vec![replace(t.span, "\"oauth-client\"")])),
        ),
        (Some(_), TypeReading::OAuthClient) => {}
    }
    let attrs_anchor = p.attributes.as_ref().map_or(data.span, |a| a.span);
    let mut missing = Vec::new();
    if p.client_id.as_ref().is_none_or(|v| v.value.trim().is_empty()) {
        missing.push("`attributes.client_id`");
    }
    if p.client_secret.is_none() {
        missing.push("`attributes.client_secret`");
    }
    if !missing.is_empty() {
        out.push(
            Diagnostic::error(CODE, format!("the OAuth client lacks {}", missing.join(" and ")), attrs_anchor)
                .with_label("required by the API")
                .with_help("send both `client_id` and `client_secret` in `data.attributes`"),
        );
    }
    let anchor = p.relationship_anchor.unwrap_or(data.span);
    if p.component_id.as_ref().is_none_or(|v| v.value.trim().is_empty()) {
        out.push(
            Diagnostic::error(CODE, "`relationships.component.data.id` is missing", anchor)
                .with_label("no component")
                .with_help("an OAuth client belongs to one component: add `\"relationships\": {\"component\": {\"data\": {\"id\": \"<component id>\", \"type\": \"component\"}}}`"),
        );
    }
    match &p.component_type {
        Some(t) if t.value != "component" => out.push(
            Diagnostic::error(
                CODE,
                format!("`relationships.component.data.type` is `{}`, not `component`", t.value),
                t.span,
            )
            .with_label("wrong relationship type")
            .with_fix(Fix::safe("set the relationship type to `component`", vec![replace(t.span, "\"component\"")])),
        ),
        None if p.component_data.is_some() => out.push(
            Diagnostic::error(CODE, "`relationships.component.data.type` is missing", anchor)
                .with_help("add `\"type\": \"component\"`"),
        ),
        _ => {}
    }
}
