//! A small in-process OAuth 2.0 authorization server on 127.0.0.1, for tests of `specc probe` that
//! must run without Node (the end-to-end tests use the certified `oidc-provider`).
//!
//! It publishes RFC 8414 metadata, checks redirect URIs exactly (any port for 127.0.0.1, as RFC 8252
//! §7.3 asks), PKCE, scopes and client authentication, issues codes and tokens, and answers errors
//! the way RFC 6749 §4.1.2.1 and §5.2 describe. The user's consent is automatic: after answering an
//! authorization request it delivers the response to the redirect URI itself, as a browser would.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the mock server behaves.
#[derive(Debug, Clone)]
pub struct MockConfig {
    pub client_id: String,
    pub client_secret: String,
    /// Published in `token_endpoint_auth_methods_supported` and accepted.
    pub auth_methods: Vec<String>,
    pub redirect_uris: Vec<String>,
    pub scopes: Vec<String>,
    pub pkce_required: bool,
    pub issue_refresh_token: bool,
    pub grant_types: Vec<String>,
    pub publish_metadata: bool,
    /// Answer every token request with this error and description.
    pub token_error: Option<(String, String)>,
    /// Prefix of issued codes and tokens (tests plant sentinels here).
    pub token_prefix: String,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            client_id: "mock-client".into(),
            client_secret: "mock-secret-value".into(),
            auth_methods: vec!["client_secret_basic".into(), "client_secret_post".into()],
            redirect_uris: vec!["http://127.0.0.1/callback".into()],
            scopes: vec!["openid".into(), "offline_access".into(), "read".into(), "write".into()],
            pkce_required: false,
            issue_refresh_token: true,
            grant_types: vec!["authorization_code".into(), "refresh_token".into(), "client_credentials".into()],
            publish_metadata: true,
            token_error: None,
            token_prefix: "mock".into(),
        }
    }
}

struct Grant {
    redirect_uri: String,
    challenge: Option<(String, String)>,
    scope: String,
}

struct State {
    config: MockConfig,
    issuer: String,
    codes: Mutex<HashMap<String, Grant>>,
    refresh: Mutex<HashMap<String, String>>,
    counter: AtomicUsize,
    stop: AtomicBool,
}

/// A running mock server; stops when dropped.
pub struct MockServer {
    state: Arc<State>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MockServer({})", self.state.issuer)
    }
}

impl MockServer {
    pub fn start(config: MockConfig) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let issuer = format!("http://{}", listener.local_addr()?);
        listener.set_nonblocking(true)?;
        let state = Arc::new(State {
            config,
            issuer,
            codes: Mutex::new(HashMap::new()),
            refresh: Mutex::new(HashMap::new()),
            counter: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        });
        let s = state.clone();
        let thread = std::thread::spawn(move || {
            while !s.stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let s2 = s.clone();
                        std::thread::spawn(move || {
                            let _ = handle(&s2, stream);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Ok(MockServer { state, thread: Some(thread) })
    }

    pub fn issuer(&self) -> &str {
        &self.state.issuer
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Request {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    authorization: Option<String>,
    form: Vec<(String, String)>,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let mut length = 0usize;
    let mut authorization = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            if k == "content-length" {
                length = v.trim().parse().unwrap_or(0).min(1 << 20);
            } else if k == "authorization" {
                authorization = Some(v.trim().to_string());
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    Ok(Request {
        method,
        path: path.to_string(),
        query: url::form_urlencoded::parse(query.as_bytes()).into_owned().collect(),
        authorization,
        form: url::form_urlencoded::parse(&body).into_owned().collect(),
    })
}

fn respond(mut stream: &TcpStream, status: &str, headers: &[(&str, String)], body: &str) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}

fn json(stream: &TcpStream, status: &str, v: serde_json::Value) -> std::io::Result<()> {
    respond(stream, status, &[("content-type", "application/json".into())], &v.to_string())
}

fn oauth_error(stream: &TcpStream, status: &str, error: &str, description: &str) -> std::io::Result<()> {
    json(stream, status, serde_json::json!({"error": error, "error_description": description}))
}

fn redirect_allowed(config: &MockConfig, uri: &str) -> bool {
    config.redirect_uris.iter().any(|r| {
        if r == uri {
            return true;
        }
        // Loopback: any port (RFC 8252 §7.3).
        match (url::Url::parse(r), url::Url::parse(uri)) {
            (Ok(a), Ok(b)) => {
                a.host_str() == Some("127.0.0.1")
                    && a.scheme() == b.scheme()
                    && a.host_str() == b.host_str()
                    && a.path() == b.path()
                    && a.query() == b.query()
            }
            _ => false,
        }
    })
}

fn handle(s: &State, stream: TcpStream) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    let req = read_request(&stream)?;
    let c = &s.config;
    let q = |k: &str| req.query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let f = |k: &str| req.form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/.well-known/oauth-authorization-server") if c.publish_metadata => {
            let i = &s.issuer;
            json(
                &stream,
                "200 OK",
                serde_json::json!({
                    "issuer": i,
                    "authorization_endpoint": format!("{i}/authorize"),
                    "token_endpoint": format!("{i}/token"),
                    "token_endpoint_auth_methods_supported": c.auth_methods,
                    "code_challenge_methods_supported": ["S256"],
                    "scopes_supported": c.scopes,
                    "grant_types_supported": c.grant_types,
                    "response_types_supported": ["code"],
                    "authorization_response_iss_parameter_supported": true,
                }),
            )
        }
        ("GET", "/authorize") => {
            let redirect = q("redirect_uri").unwrap_or("");
            if q("client_id") != Some(c.client_id.as_str()) {
                return respond(&stream, "400 Bad Request", &[], "<h1>error</h1><pre>error: invalid_client</pre>");
            }
            if !redirect_allowed(c, redirect) {
                return respond(
                    &stream,
                    "400 Bad Request",
                    &[("content-type", "text/html".into())],
                    "<pre><strong>error</strong>: invalid_redirect_uri</pre><pre><strong>error_description</strong>: redirect_uri did not match any registered redirect_uris</pre>",
                );
            }
            let state = q("state").unwrap_or("");
            let enc = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
            let back = |params: String| format!("{redirect}?{params}&state={}&iss={}", enc(state), enc(&s.issuer));
            let scope = q("scope").unwrap_or("");
            let location =
                if let Some(bad) = scope.split(' ').find(|x| !x.is_empty() && !c.scopes.iter().any(|k| k == x)) {
                    back(format!("error=invalid_scope&error_description={}", enc(&format!("unknown scope {bad}"))))
                } else if c.pkce_required && q("code_challenge").is_none() {
                    back("error=invalid_request&error_description=PKCE+is+required".into())
                } else {
                    let n = s.counter.fetch_add(1, Ordering::Relaxed);
                    let code = format!("{}-code-{n}", c.token_prefix);
                    let challenge = q("code_challenge")
                        .map(|v| (v.to_string(), q("code_challenge_method").unwrap_or("plain").to_string()));
                    if let Ok(mut codes) = s.codes.lock() {
                        codes.insert(
                            code.clone(),
                            Grant { redirect_uri: redirect.to_string(), challenge, scope: scope.to_string() },
                        );
                    }
                    back(format!("code={}", enc(&code)))
                };
            respond(&stream, "302 Found", &[("location", location.clone())], "")?;
            // The user consents at once; deliver the response as the browser would.
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(50));
                let _ = deliver(&location);
            });
            Ok(())
        }
        ("POST", "/token") => {
            // Client authentication.
            let basic = req.authorization.as_deref().and_then(|a| a.strip_prefix("Basic ")).and_then(|b| {
                use base64::Engine as _;
                let raw = base64::engine::general_purpose::STANDARD.decode(b.trim()).ok()?;
                let text = String::from_utf8(raw).ok()?;
                let (u, p) = text.split_once(':')?;
                let dec = |v: &str| {
                    url::form_urlencoded::parse(format!("x={v}").as_bytes()).next().map(|(_, v)| v.into_owned())
                };
                Some((dec(u)?, dec(p)?))
            });
            let post = f("client_secret").map(|sec| (f("client_id").unwrap_or("").to_string(), sec.to_string()));
            let authed = match (&basic, &post) {
                (Some((u, p)), _) if c.auth_methods.iter().any(|m| m == "client_secret_basic") => {
                    u == &c.client_id && p == &c.client_secret
                }
                (None, Some((u, p))) if c.auth_methods.iter().any(|m| m == "client_secret_post") => {
                    u == &c.client_id && p == &c.client_secret
                }
                _ => false,
            };
            if !authed {
                return oauth_error(&stream, "401 Unauthorized", "invalid_client", "client authentication failed");
            }
            if let Some((e, d)) = &c.token_error {
                return oauth_error(&stream, "400 Bad Request", e, d);
            }
            let n = s.counter.fetch_add(1, Ordering::Relaxed);
            let tokens = |scope: &str, refresh: bool| {
                let mut v = serde_json::json!({
                    "access_token": format!("{}-access-token-{n}", c.token_prefix),
                    "token_type": "Bearer",
                    "expires_in": 3600,
                    "scope": scope,
                });
                if refresh {
                    let rt = format!("{}-refresh-token-{n}", c.token_prefix);
                    if let Ok(mut m) = s.refresh.lock() {
                        m.insert(rt.clone(), scope.to_string());
                    }
                    v["refresh_token"] = serde_json::Value::String(rt);
                }
                v
            };
            match f("grant_type") {
                Some("authorization_code") => {
                    let grant = f("code").and_then(|code| s.codes.lock().ok().and_then(|mut m| m.remove(code)));
                    let Some(g) = grant else {
                        return oauth_error(&stream, "400 Bad Request", "invalid_grant", "unknown or used code");
                    };
                    if f("redirect_uri") != Some(g.redirect_uri.as_str()) {
                        return oauth_error(&stream, "400 Bad Request", "invalid_grant", "redirect_uri mismatch");
                    }
                    if let Some((challenge, method)) = &g.challenge {
                        let v = f("code_verifier").unwrap_or("");
                        let ok = if method == "S256" { &super::s256(v) == challenge } else { v == challenge };
                        if !ok {
                            return oauth_error(
                                &stream,
                                "400 Bad Request",
                                "invalid_grant",
                                "PKCE verification failed",
                            );
                        }
                    }
                    json(&stream, "200 OK", tokens(&g.scope, c.issue_refresh_token))
                }
                Some("refresh_token") => {
                    let scope = f("refresh_token").and_then(|t| s.refresh.lock().ok().and_then(|m| m.get(t).cloned()));
                    match scope {
                        Some(sc) => json(&stream, "200 OK", tokens(&sc, true)),
                        None => oauth_error(&stream, "400 Bad Request", "invalid_grant", "unknown refresh token"),
                    }
                }
                Some("client_credentials") if c.grant_types.iter().any(|g| g == "client_credentials") => {
                    let scope = f("scope").unwrap_or("");
                    if let Some(bad) = scope.split(' ').find(|x| !x.is_empty() && !c.scopes.iter().any(|k| k == x)) {
                        return oauth_error(
                            &stream,
                            "400 Bad Request",
                            "invalid_scope",
                            &format!("unknown scope {bad}"),
                        );
                    }
                    json(&stream, "200 OK", tokens(scope, false))
                }
                Some("client_credentials") => {
                    oauth_error(&stream, "400 Bad Request", "unauthorized_client", "grant not allowed")
                }
                _ => oauth_error(&stream, "400 Bad Request", "unsupported_grant_type", "unsupported grant"),
            }
        }
        _ => respond(&stream, "404 Not Found", &[], "not found"),
    }
}

/// Sends a GET to a loopback URL and ignores the answer (delivers an authorization response).
pub fn deliver(url: &str) -> std::io::Result<()> {
    let u = url::Url::parse(url).map_err(std::io::Error::other)?;
    let host = u.host_str().unwrap_or("127.0.0.1");
    let port = u.port_or_known_default().unwrap_or(80);
    let mut stream = TcpStream::connect((host, port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let target = match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_string(),
    };
    write!(stream, "GET {target} HTTP/1.1\r\nhost: {host}:{port}\r\nconnection: close\r\n\r\n")?;
    let mut sink = Vec::new();
    let _ = stream.read_to_end(&mut sink);
    Ok(())
}
