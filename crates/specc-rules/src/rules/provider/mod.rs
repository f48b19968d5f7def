//! Rules of the `provider/` namespace: what a real provider accepts, from the provider catalog
//! (`providers/*.toml`, extended by `[[providers]]` in `specc.toml`), judged on the dialect-neutral IR.
//!
//! A configuration is matched to a provider by the host (and path) of its endpoint URLs. Every
//! finding names the provider and the public page its fact comes from; a fact the catalog does not
//! hold produces no finding.

include!(concat!(env!("OUT_DIR"), "/rules_provider.rs"));

use specc_ir::{AuthConfig, Dialect, EndpointUrl, FlowKind};
use specc_providers::Provider;
use specc_syntax::SourceUrl;

use crate::Context;

/// The provider of a configuration: the first endpoint URL (authorization, then token, of each flow)
/// the catalog recognises, with that URL.
pub(crate) fn provider_of<'a>(cx: &Context<'a>, config: &'a AuthConfig) -> Option<(&'a Provider, &'a EndpointUrl)> {
    if !config.protocol.is_oauth() {
        return None;
    }
    for flow in &config.flows {
        for url in [&flow.authorization_url, &flow.token_url].into_iter().flatten() {
            if let Some(p) = cx.providers.recognize(url.effective()) {
                return Some((p, url));
            }
        }
    }
    None
}

/// Whether the configuration runs an authorization code grant (the only one that asks a user).
pub(crate) fn has_authorization_code(config: &AuthConfig) -> bool {
    config.flows.iter().any(|f| f.kind == FlowKind::AuthorizationCode)
}

/// The platform's name for messages.
pub(crate) fn platform(d: Dialect) -> &'static str {
    match d {
        Dialect::ElasticIo => "elastic.io",
        Dialect::Membrane => "Membrane",
        Dialect::OpenApi => "OpenAPI",
        Dialect::Itential => "Itential",
        Dialect::Keboola => "Keboola",
    }
}

/// The value of query parameter `name` in a URL, percent-decoded (`+` as a space), with the byte range
/// of the raw value inside the URL.
pub(crate) fn query_value(url: &str, name: &str) -> Option<(String, usize, usize)> {
    let p = SourceUrl::new(url).query_param(name)?;
    Some((decode(p.value), p.value_range.start, p.value_range.end))
}

/// Percent-decoding for query values (`+` is a space); invalid escapes are kept as written.
pub(crate) fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'+' {
            out.push(b' ');
        } else if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
            out.push(b'%');
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// "Google's documentation: <url>".
pub(crate) fn source_note(p: &Provider, url: &str) -> String {
    format!("{} documents this at {url}", p.name)
}
