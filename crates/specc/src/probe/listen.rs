//! Receiving the authorization response on a loopback redirect URI (RFC 8252 §7.3): `probe` listens on
//! the redirect URI's port before it sends the user to the authorization server, then waits (bounded)
//! for the browser to come back with `code` (or `error`), `state` and `iss`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// A bound listener for one redirect URI.
#[derive(Debug)]
pub struct Callback {
    listener: TcpListener,
    path: String,
}

/// The query parameters the browser brought back.
pub type Params = Vec<(String, String)>;

impl Callback {
    /// Binds the host and port of `redirect` (`http://127.0.0.1:PORT/path`).
    pub fn bind(redirect: &url::Url) -> std::io::Result<Callback> {
        let host = match redirect.host_str() {
            Some("localhost") | None => "127.0.0.1".to_string(),
            Some(h) => h.trim_start_matches('[').trim_end_matches(']').to_string(),
        };
        let port = redirect.port_or_known_default().unwrap_or(80);
        let addr = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
        let listener = TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        Ok(Callback { listener, path: redirect.path().to_string() })
    }

    /// Waits until a request for the redirect path arrives or `timeout` passes.
    pub fn wait(&self, timeout: Duration) -> std::io::Result<Option<Params>> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(params) = self.serve(stream)? {
                        return Ok(Some(params));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// Answers one connection; returns the parameters when it was the redirect.
    fn serve(&self, stream: TcpStream) -> std::io::Result<Option<Params>> {
        stream.set_nonblocking(false)?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut line = String::new();
        // Request line, then headers up to the blank line (bounded).
        if reader.by_ref().take(8192).read_line(&mut line).is_err() {
            return Ok(None);
        }
        let mut header = String::new();
        for _ in 0..100 {
            header.clear();
            match reader.by_ref().take(8192).read_line(&mut header) {
                Ok(0) | Err(_) => break,
                Ok(_) if header.trim().is_empty() => break,
                Ok(_) => {}
            }
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/");
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut stream = stream;
        if path != self.path {
            let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            return Ok(None);
        }
        let params: Params = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let page = "<!doctype html><title>specc probe</title><p>specc received the authorization response. \
                    You can close this tab; the result is in your terminal.</p>";
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
            page.len()
        );
        Ok(Some(params))
    }
}

use std::io::Read as _;
