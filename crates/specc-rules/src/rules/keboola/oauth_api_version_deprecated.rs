//! `keboola/oauth-api-version-deprecated`

use specc_syntax::edit::{insert_member, Place};

use crate::{declare_rule, Context, Diagnostic, Edit, Fix, Rule};

declare_rule! {
    /// ## What it checks
    /// The `authorization.oauth_api` object of a component configuration names an OAuth Broker
    /// registration (`id`) but has no `"version": 3`, or another version, so the component uses the
    /// deprecated OAuth V2 API. A missing `version` is not reported when the object also holds
    /// injected `credentials`: that is the form the runner writes for the component (its
    /// `config.json`), which has no `version` by design.
    ///
    /// ## Why it matters
    /// The platform documentation's "Initialize" step says to "Set `"version": 3` to use the latest
    /// OAuth Broker API. The old OAuth V2 API is deprecated but still usable" (Keboola's OAuth
    /// interface specification for components,
    /// <https://developers.keboola.com/extend/common-interface/oauth/>). The configuration works
    /// today and stops when the V2 API is turned off. Note that docker-bundle's configuration JSON
    /// Schema allows only `id` and `credentials` under `oauth_api`, so older runners may reject
    /// `version`; specc follows the platform documentation.
    ///
    /// ## Example
    /// ```json title="config.json"
    /// { "authorization": { "oauth_api": { "id": "123456" } } }
    /// ```
    /// Use instead:
    /// ```json title="config.json"
    /// { "authorization": { "oauth_api": { "id": "123456", "version": 3 } } }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adding `"version": 3` (or replacing another version with `3`) selects the current broker
    /// for the same registration id, which the platform documentation recommends.
    pub struct OauthApiVersionDeprecated {
        code: "keboola/oauth-api-version-deprecated",
        summary: "`authorization.oauth_api` uses the deprecated OAuth V2 broker API",
        severity: Warning,
        fix: Safe,
        since: "0.2.0",
        reads: [Keboola],
    }
}

impl Rule for OauthApiVersionDeprecated {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(api) = super::model(cx).and_then(|m| m.oauth_api.as_deref()) else { return };
        if api.id.is_none() {
            return;
        }
        match &api.version {
            Some(v) if v.value == "3" => {}
            Some(v) => out.push(
                Self::diagnostic(format!("`oauth_api.version` is {}, not 3", v.value), v.span)
                    .with_label("deprecated broker version")
                    .with_note("the OAuth V2 API is deprecated but still usable")
                    .with_help("use `\"version\": 3`")
                    .with_fix(Fix::safe("use version 3", vec![Edit { span: v.span, replacement: "3".into() }])),
            ),
            // A configuration with injected `credentials` is the runner's form (what a component
            // reads as `config.json`), which never carries `version`.
            None if api.credentials.is_some() => {}
            None => {
                let mut d = Self::diagnostic(
                    "`oauth_api` has no `\"version\": 3` and uses the deprecated OAuth V2 API",
                    api.key_span,
                )
                .with_help("add `\"version\": 3`");
                let edit = cx.doc(api.span.file).and_then(|doc| insert_member(doc, api.span, Place::Last, "version", "3"));
                if let Some(edit) = edit {
                    d = d.with_fix(Fix::safe("add `\"version\": 3`", vec![edit]));
                }
                out.push(d);
            }
        }
    }
}
