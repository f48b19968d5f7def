//! The HTTP client of `specc probe`: ureq over rustls with the operating system's trust store, bounded
//! timeouts, no redirects followed (each is a step `probe` judges), plain `http` only to loopback, and
//! every request and response logged through the [`Redactor`].

use std::net::IpAddr;
use std::time::Duration;

use super::redact::Redactor;

/// Bodies larger than this are cut (a metadata document or token response is a few kilobytes).
const MAX_BODY: u64 = 1 << 20;

/// One answer from a server.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

impl HttpResponse {
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// Why a request got no HTTP answer.
#[derive(Debug, Clone)]
pub enum HttpError {
    /// The URL is refused before sending: not http(s), or plain http to a host that is not loopback.
    Refused(String),
    /// Connection, TLS, timeout: the server is unreachable.
    Transport(String),
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::Refused(m) | HttpError::Transport(m) => f.write_str(m),
        }
    }
}

/// Where request logs go (stderr at `-v`, nowhere otherwise). Lines are already redacted.
pub type LogSink = Box<dyn FnMut(&str) + Send>;

pub struct Http {
    agent: ureq::Agent,
    pub redactor: Redactor,
    log: Option<LogSink>,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Http")
    }
}

/// Whether a host names the local machine (127.0.0.0/8, ::1, `localhost`).
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    if h.eq_ignore_ascii_case("localhost") {
        return true;
    }
    h.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Checks that `probe` may send a request to `url`: https anywhere, http only to loopback.
pub fn allowed(url: &str) -> Result<url::Url, HttpError> {
    let u = url::Url::parse(url).map_err(|e| HttpError::Refused(format!("`{url}` is not a URL: {e}")))?;
    match u.scheme() {
        "https" => Ok(u),
        "http" if u.host_str().is_some_and(is_loopback_host) => Ok(u),
        "http" => Err(HttpError::Refused(format!(
            "refusing plain http to `{}`: probe sends credentials, so only https (or http to 127.0.0.1/localhost) is allowed",
            u.host_str().unwrap_or("")
        ))),
        other => Err(HttpError::Refused(format!("refusing the `{other}:` URL `{url}`: only https and loopback http"))),
    }
}

impl Http {
    pub fn new(timeout: Duration, redactor: Redactor, log: Option<LogSink>) -> Self {
        let tls = ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::PlatformVerifier).build();
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!("specc-probe/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build();
        Http { agent: config.into(), redactor, log }
    }

    /// Writes one line to the request log (redacted).
    pub fn log(&mut self, line: &str) {
        if let Some(sink) = self.log.as_mut() {
            let l = self.redactor.redact(line);
            sink(&l);
        }
    }

    pub fn get(&mut self, url: &str, accept: &str) -> Result<HttpResponse, HttpError> {
        allowed(url)?;
        self.log(&format!("> GET {url}"));
        let result = self.agent.get(url).header("accept", accept).call();
        self.finish(result)
    }

    /// POSTs a form. `basic` is the `(user, password)` pair for HTTP Basic authentication, already in
    /// the form the client sends (RFC 6749 §2.3.1 form-encodes them first).
    pub fn post_form(
        &mut self,
        url: &str,
        form: &[(String, String)],
        basic: Option<(&str, &str)>,
    ) -> Result<HttpResponse, HttpError> {
        allowed(url)?;
        let body: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .finish();
        let mut req = self
            .agent
            .post(url)
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded");
        let mut auth_note = String::new();
        if let Some((user, pass)) = basic {
            use base64::Engine as _;
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
            self.redactor.add(&token);
            req = req.header("authorization", format!("Basic {token}"));
            auth_note = "\n>   authorization: Basic <redacted>".to_string();
        }
        self.log(&format!("> POST {url}{auth_note}\n>   {body}"));
        let result = req.send(body.as_str());
        self.finish(result)
    }

    fn finish(
        &mut self,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<HttpResponse, HttpError> {
        let mut resp = match result {
            Ok(r) => r,
            Err(e) => {
                let msg = transport_message(&e);
                self.log(&format!("< error: {msg}"));
                return Err(HttpError::Transport(msg));
            }
        };
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let location = header("location");
        let content_type = header("content-type");
        let status = resp.status().as_u16();
        let body = resp.body_mut().with_config().limit(MAX_BODY).read_to_string().unwrap_or_default();
        let shown: String = body.chars().take(800).collect();
        let loc = location.as_deref().map(|l| format!(" location: {l}")).unwrap_or_default();
        self.log(&format!("< {status}{loc}\n<   {}", shown.trim()));
        Ok(HttpResponse { status, location, content_type, body })
    }
}

fn transport_message(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        ureq::Error::Io(io) => format!("cannot connect: {io}"),
        ureq::Error::HostNotFound => "host not found".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(allowed("https://login.example.com/token").is_ok());
        assert!(allowed("http://127.0.0.1:8080/token").is_ok());
        assert!(allowed("http://[::1]:8080/token").is_ok());
        assert!(allowed("http://localhost/token").is_ok());
        assert!(matches!(allowed("http://login.example.com/token"), Err(HttpError::Refused(_))));
        assert!(matches!(allowed("http://127.0.0.1.evil.example/token"), Err(HttpError::Refused(_))));
        assert!(matches!(allowed("ftp://127.0.0.1/x"), Err(HttpError::Refused(_))));
    }
}
