//! `elasticio/oauth-client-delete-in-use`

use super::tenant;
use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A tenant desired-state file's `delete` list removes an OAuth client whose component is
    /// included in one of the tenant's `flows`. The client is named by `id` (looked up in
    /// `oauth_clients`) or given as `{ "id": …, "component": … }`; a deletion whose component
    /// cannot be found is not judged.
    ///
    /// ## Why it matters
    /// The platform refuses to delete an OAuth client that is used: "an OAuth client is considered
    /// used when at least one integration flow in the tenant includes the component with this OAuth
    /// client". A plan that deletes it fails at that step.
    ///
    /// Source: elastic.io's OAuth clients management guide (<https://docs.elastic.io/on-premises/oauth-clients-management.html>) ("Deleting OAuth Clients").
    ///
    /// ## Example
    /// ```json title="tenant.json"
    /// { "tenant": "t1", "flows": [{ "id": "sync", "components": ["crm"] }],
    ///   "oauth_clients": [{ "id": "oc1", "component": "crm", "client_id": "a", "client_secret": "{{A}}" }],
    ///   "delete": ["oc1"] }
    /// ```
    /// Use instead: remove the component from the flow (or the flow) first, then delete the client.
    /// ```json title="tenant.json"
    /// { "tenant": "t1", "flows": [],
    ///   "oauth_clients": [{ "id": "oc1", "component": "crm", "client_id": "a", "client_secret": "{{A}}" }],
    ///   "delete": ["oc1"] }
    /// ```
    pub struct OAuthClientDeleteInUse {
        code: "elasticio/oauth-client-delete-in-use",
        summary: "Deleting an OAuth client that a flow of the tenant still uses",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [ElasticIo],
    }
}

impl Rule for OAuthClientDeleteInUse {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(t) = tenant(cx) else { return };
        for del in &t.deletes {
            let component = del
                .component
                .as_ref()
                .or_else(|| del.id.as_ref().and_then(|id| t.client(&id.value)).and_then(|c| c.component.as_ref()));
            let Some(component) = component else { continue };
            let users: Vec<_> = t
                .flows
                .iter()
                .filter_map(|f| f.components.iter().find(|c| c.value == component.value).map(|c| (f, c)))
                .collect();
            if users.is_empty() {
                continue;
            }
            let names: Vec<String> = users.iter().map(|(f, _)| format!("`{}`", f.id.value)).collect();
            let who = del.id.as_ref().map_or_else(
                || format!("the OAuth client of component `{}`", component.value),
                |id| format!("OAuth client `{}` (component `{}`)", id.value, component.value),
            );
            let mut d = Diagnostic::error(
                OAuthClientDeleteInUse::META.code,
                format!(
                    "{who} cannot be deleted: flow{} {} use{} the component",
                    plural(names.len()),
                    names.join(", "),
                    if names.len() == 1 { "s" } else { "" }
                ),
                del.span,
            )
            .with_label("client still in use")
            .with_help("remove the component from these flows (or delete the flows) before deleting its OAuth client");
            for (_, c) in &users {
                d = d.with_secondary(c.span, "used here");
            }
            out.push(d);
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
