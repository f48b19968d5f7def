//! What `specc build` takes from the provider catalog: the parameters or scope that make the provider
//! issue a refresh token, the provider's scope separator, and the client authentication its token
//! endpoint accepts. The configuration is completed before
//! the emitter sees it, so a target that cannot express an added parameter reports it as
//! `build/field-not-expressible`, like any other field.

use specc_ir::{AuthConfig, ClientAuthLocation, ExtraParam, ParamTarget, Spanned};
use specc_providers::{Catalog, RefreshHow};

/// `config` with the refresh-token request and scope separator its provider needs.
pub fn complete(mut config: AuthConfig, catalog: &Catalog) -> AuthConfig {
    if !config.protocol.is_oauth() {
        return config;
    }
    let Some((provider, span)) = config
        .flows
        .iter()
        .flat_map(|f| [&f.authorization_url, &f.token_url])
        .flatten()
        .find_map(|u| catalog.recognize(u.effective()).map(|p| (p.clone(), u.span)))
    else {
        return config;
    };
    let expects = config.refresh.expects_refresh_token.as_ref().is_none_or(|e| e.value);
    let auth_query = |name: &str| {
        config.flows.iter().filter_map(|f| f.authorization_url.as_ref()).any(|u| {
            u.effective()
                .split_once('?')
                .is_some_and(|(_, q)| q.split('&').any(|kv| kv.split('=').next() == Some(name)))
        })
    };
    if let Some(r) = provider.refresh.as_ref().filter(|_| expects) {
        match r.how {
            RefreshHow::Parameter => {
                let mut wanted: Vec<(String, String)> = Vec::new();
                if let (Some(n), Some(v)) = (&r.parameter, &r.value) {
                    wanted.push((n.clone(), v.clone()));
                }
                for a in &r.also {
                    if let Some((n, v)) = a.split_once('=') {
                        wanted.push((n.to_string(), v.to_string()));
                    }
                }
                for (n, v) in wanted {
                    let present =
                        config.extra_params.iter().any(|e| e.name.value.eq_ignore_ascii_case(&n)) || auth_query(&n);
                    if !present {
                        config.extra_params.push(ExtraParam {
                            name: Spanned::new(n, span),
                            value: Some(Spanned::new(v, span)),
                            target: ParamTarget::Authorize,
                        });
                    }
                }
            }
            RefreshHow::Scope => {
                if let (Some(req), Some(first)) = (config.requested_scopes.as_mut(), r.scopes.first()) {
                    let has = req.items.iter().any(|i| {
                        i.value
                            .split(|c: char| c == ',' || c.is_whitespace())
                            .any(|t| r.scopes.iter().any(|s| s.eq_ignore_ascii_case(t)))
                    });
                    if !has && !req.items.is_empty() {
                        req.items.push(Spanned::new(first.clone(), req.span));
                        if let Some(raw) = req.raw.as_mut() {
                            raw.push(' ');
                            raw.push_str(first);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // A provider whose token endpoint takes only one of HTTP Basic and body parameters gets that one.
    if let (Some(fact), Some(loc)) = (&provider.client_auth, config.client_auth.as_mut()) {
        let basic = fact.accepts("client_secret_basic");
        let post = fact.accepts("client_secret_post");
        match loc.value {
            ClientAuthLocation::Body | ClientAuthLocation::Both if basic && !post => {
                loc.value = ClientAuthLocation::Header
            }
            ClientAuthLocation::Header | ClientAuthLocation::Both if post && !basic => {
                loc.value = ClientAuthLocation::Body
            }
            _ => {}
        }
    }
    // A provider that takes only commas gets one comma-separated scope string, which every target
    // sends as written.
    if let (Some(d), Some(req)) = (&provider.scope_delimiter, config.requested_scopes.as_mut()) {
        if d.accepts(',') && !d.accepts(' ') && req.items.len() > 1 {
            let joined: Vec<&str> = req.items.iter().map(|i| i.value.as_str()).collect();
            let joined = joined.join(",");
            req.items = vec![Spanned::new(joined.clone(), req.span)];
            req.raw = Some(joined);
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use specc_ir::{Dialect, EndpointUrl, Flow, FlowKind, Protocol, RequestedScopes, Span};

    fn config(auth: &str, scopes: &[&str]) -> AuthConfig {
        let mut c = AuthConfig::new("x", Dialect::OpenApi, Protocol::OAuth2, Span::default());
        let mut f = Flow::new(FlowKind::AuthorizationCode, Span::default());
        f.authorization_url = Some(EndpointUrl::new(auth, Span::default()));
        c.flows.push(f);
        c.requested_scopes = Some(RequestedScopes {
            span: Span::default(),
            raw: None,
            items: scopes.iter().map(|s| Spanned::new(s.to_string(), Span::default())).collect(),
        });
        c
    }

    #[test]
    fn google_gets_offline_access_and_consent() {
        let c = complete(config("https://accounts.google.com/o/oauth2/v2/auth", &["openid"]), Catalog::builtin());
        let p: Vec<(String, String)> =
            c.extra_params.iter().map(|e| (e.name.value.clone(), e.value.clone().unwrap().value)).collect();
        assert_eq!(p, [("access_type".into(), "offline".into()), ("prompt".into(), "consent".into())]);
        // Already asked: nothing added.
        let c = complete(
            config("https://accounts.google.com/o/oauth2/v2/auth?access_type=offline&prompt=none", &[]),
            Catalog::builtin(),
        );
        assert!(c.extra_params.is_empty());
    }

    #[test]
    fn microsoft_gets_the_scope_and_slack_gets_commas() {
        let c = complete(
            config("https://login.microsoftonline.com/common/oauth2/v2.0/authorize", &["Mail.Read"]),
            Catalog::builtin(),
        );
        let s: Vec<&str> = c.requested_scopes.as_ref().unwrap().items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(s, ["Mail.Read", "offline_access"]);
        let c = complete(config("https://slack.com/oauth/v2/authorize", &["a:read", "b:write"]), Catalog::builtin());
        let s: Vec<&str> = c.requested_scopes.as_ref().unwrap().items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(s, ["a:read,b:write"]);
        let c = complete(config("https://auth.example.com/authorize", &["a", "b"]), Catalog::builtin());
        assert_eq!(c.requested_scopes.unwrap().items.len(), 2);
    }
}
