//! `membrane/integration-not-ready`

use crate::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// An integration element of a Membrane workspace export (what `membrane pull` writes under
    /// `integrations/<key>/`) was exported in a state where connections cannot be made:
    /// `state: CONFIGURATION_ERROR`, or `hasMissingParameters: true` (the integration's connector
    /// parameters, such as the OAuth app's `clientId` and `clientSecret`, are not all set). The finding
    /// sits on `state` and quotes the `errors` the workspace recorded. When the connector version the
    /// integration uses is exported beside it (`connectors/<Name>_<connectorId>/<version>/`), the
    /// finding points at it too.
    ///
    /// ## Why it matters
    /// The export is a snapshot of the workspace: an integration in `CONFIGURATION_ERROR` or with
    /// missing parameters cannot start the OAuth flow for any customer until its configuration is
    /// fixed in the workspace, and committing the export records a broken state as if it were the
    /// release (<https://docs.integration.app/docs/integrations>).
    ///
    /// ## Example
    /// ```yaml title="parcel-hub.yaml"
    /// key: parcel-hub
    /// name: Parcel Hub
    /// connectorId: 6601e0c1a2b3c4d5e6f70812
    /// state: CONFIGURATION_ERROR
    /// errors:
    ///   - message: Client secret is required
    /// hasMissingParameters: true
    /// ```
    /// Use instead: set the OAuth app's parameters in the workspace, then export again:
    /// ```yaml title="parcel-hub.yaml"
    /// key: parcel-hub
    /// name: Parcel Hub
    /// connectorId: 6601e0c1a2b3c4d5e6f70812
    /// state: READY
    /// hasMissingParameters: false
    /// ```
    pub struct IntegrationNotReady {
        code: "membrane/integration-not-ready",
        summary: "A workspace integration was exported in a state that cannot connect",
        severity: Error,
        fix: None,
        since: "0.1.0",
        reads: [Membrane],
    }
}

impl Rule for IntegrationNotReady {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(i) = super::model(cx).and_then(|m| m.integration.as_ref()) else { return };
        let config_error = i.state.as_ref().filter(|s| s.value == "CONFIGURATION_ERROR");
        let missing = i.has_missing_parameters.as_ref().filter(|m| m.value);
        if config_error.is_none() && missing.is_none() {
            return;
        }
        let name = i.key.as_ref().map_or("the integration", |k| k.value.as_str());
        let (span, label) = match (&i.state, missing) {
            (Some(s), _) => (s.span, format!("state `{}`", s.value)),
            (None, Some(m)) => (m.span, "missing parameters".to_string()),
            (None, None) => return,
        };
        let mut reasons = Vec::new();
        if let Some(s) = config_error {
            reasons.push(format!("its state is `{}`", s.value));
        }
        if missing.is_some() {
            reasons.push("it has missing parameters".to_string());
        }
        let mut message = format!("integration `{name}` cannot connect: {}", reasons.join(" and "));
        if !i.errors.is_empty() {
            let quoted: Vec<String> = i.errors.iter().take(3).map(|e| format!("\"{}\"", e.trim())).collect();
            message.push_str(&format!(" ({}{})", quoted.join(", "), if i.errors.len() > 3 { ", …" } else { "" }));
        }
        let mut d = Diagnostic::error(Self::META.code, message, span).with_label(label);
        if let (Some(m), Some(_)) = (missing, &i.state) {
            d = d.with_secondary(m.span, "parameters missing");
        }
        if let Some(connector) = i.connector {
            if let Some(doc) = cx.doc(connector) {
                let first_line = doc.text.find('\n').unwrap_or(doc.text.len());
                d = d.with_secondary(
                    specc_syntax::Span::new(connector, 0, first_line),
                    "the connector version it uses, exported here",
                );
            }
        }
        out.push(
            d.with_help("fix the integration's configuration in the workspace (connector parameters such as the OAuth app's client id and secret), then pull the export again"),
        );
    }
}
