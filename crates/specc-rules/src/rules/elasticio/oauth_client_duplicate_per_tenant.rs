//! `elasticio/oauth-client-duplicate-per-tenant`

use std::collections::BTreeMap;

use super::tenant;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// In a tenant desired-state file (`oauth_clients`, see `specc_dialects::elasticio`):
    /// * two OAuth clients for the same component;
    /// * a client for a component that the file's `components` list does not contain, or marks
    ///   `"visible": false`.
    ///
    /// ## Why it matters
    /// The platform allows one OAuth client per component in a tenant, and only for a component
    /// that exists in the tenant and is visible; the second `POST` or the orphan client is rejected
    /// half-way through a rollout.
    ///
    /// Source: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("Creating OAuth Clients": "one OAuth client
    /// per component in a tenant", "a component that exists in the tenant, and is visible").
    ///
    /// ## Example
    /// ```json title="tenant.json"
    /// { "tenant": "t1", "components": [{ "id": "crm", "visible": true }],
    ///   "oauth_clients": [ { "component": "crm", "client_id": "a", "client_secret": "{{A}}" },
    ///                      { "component": "crm", "client_id": "b", "client_secret": "{{B}}" } ] }
    /// ```
    /// Use instead (one client; change it with a `PATCH`):
    /// ```json title="tenant.json"
    /// { "tenant": "t1", "components": [{ "id": "crm", "visible": true }],
    ///   "oauth_clients": [ { "component": "crm", "client_id": "b", "client_secret": "{{B}}" } ] }
    /// ```
    pub struct OAuthClientDuplicatePerTenant {
        code: "elasticio/oauth-client-duplicate-per-tenant",
        summary: "More than one OAuth client for a component, or a client for a component the tenant cannot use",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

const CODE: &str = OAuthClientDuplicatePerTenant::META.code;

impl Rule for OAuthClientDuplicatePerTenant {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(t) = tenant(cx) else { return };
        let tenant_name =
            t.tenant.as_ref().map_or_else(|| "the tenant".to_string(), |n| format!("tenant `{}`", n.value));
        let mut first: BTreeMap<&str, specc_ir::Span> = BTreeMap::new();
        for c in &t.clients {
            let Some(comp) = &c.component else { continue };
            if let Some(prev) = first.get(comp.value.as_str()) {
                out.push(
                    Diagnostic::error(
                        CODE,
                        format!("a second OAuth client for component `{}` in {tenant_name}", comp.value),
                        comp.span,
                    )
                    .with_label("duplicate")
                    .with_secondary(*prev, "first client for this component")
                    .with_help("keep one client per component; change an existing client with `PATCH /v2/tenants/{TENANT_ID}/oauth-clients/{OAUTH-CLIENT_ID}`"),
                );
                continue;
            }
            first.insert(comp.value.as_str(), comp.span);
            if t.components.is_none() {
                continue;
            }
            match t.component(&comp.value) {
                None => out.push(
                    Diagnostic::error(
                        CODE,
                        format!("component `{}` does not exist in {tenant_name}", comp.value),
                        comp.span,
                    )
                    .with_label("not in `components`")
                    .with_help("an OAuth client can only be defined for a component that exists in the tenant; add the component first"),
                ),
                Some(entry) if entry.visible.as_ref().is_some_and(|v| !v.value) => {
                    let mut d = Diagnostic::error(
                        CODE,
                        format!("component `{}` is not visible in {tenant_name}", comp.value),
                        comp.span,
                    )
                    .with_label("hidden component")
                    .with_help("make the component visible to the tenant before creating its OAuth client");
                    if let Some(v) = &entry.visible {
                        d = d.with_secondary(v.span, "marked invisible here");
                    }
                    out.push(d);
                }
                Some(_) => {}
            }
        }
    }
}
