//! `specc lsp`: a language server over stdio.
//!
//! Full-text synchronisation; on open and on every change the buffer is checked as `specc check` would
//! check that file (with `specc.toml` found from the file's directory and its suppressions applied),
//! and the findings in that file are published with UTF-16 positions. Fixes are offered as quick-fix
//! code actions. The server is synchronous: one request at a time, which checking a single manifest
//! makes fast enough.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, CodeDescription,
    Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, InitializeResult, Location, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextEdit, Uri, WorkspaceEdit,
};
use specc_diagnostics::{Diagnostic, Severity, Span};
use specc_syntax::SourceDb;

use crate::config::Config;
use crate::driver::{self, CheckOptions, UnitReport};

/// An open document and its last findings.
struct Open {
    text: String,
    report: Option<UnitReport>,
}

/// Largest message body the server reads. A larger `Content-Length` is refused without allocating: the
/// body is skipped and answered with an error.
pub const MAX_MESSAGE_BYTES: u64 = 64 * 1024 * 1024;

/// Longest header line read.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What the framing reader made of the next message.
enum Frame {
    Message(Message),
    /// Answer with this JSON-RPC error (`id: null`) and read on.
    Error(i32, String),
    End,
}

/// Reads one `Content-Length`-framed message. The size is checked before anything is allocated, header
/// lines are capped, and a body that is not a JSON-RPC message is an error answer, not the end.
fn read_frame(r: &mut impl std::io::BufRead) -> std::io::Result<Frame> {
    use std::io::{BufRead, Read};
    let mut length: Option<u64> = None;
    let mut bad_length = false;
    loop {
        let mut line = Vec::new();
        let n = r.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Frame::End);
        }
        if !line.ends_with(b"\n") {
            // An endless header line: the stream cannot be resynchronised.
            return Ok(Frame::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_some() || bad_length {
                break;
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                match value.trim().parse::<u64>() {
                    Ok(v) => length = Some(v),
                    Err(_) => bad_length = true,
                }
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::Error(-32700, "missing or invalid Content-Length header".into()));
    };
    if length > MAX_MESSAGE_BYTES {
        // Skip the body as it arrives, without holding it.
        std::io::copy(&mut r.by_ref().take(length), &mut std::io::sink())?;
        return Ok(Frame::Error(
            -32600,
            format!("message of {length} bytes is larger than the {MAX_MESSAGE_BYTES}-byte limit; ignored"),
        ));
    }
    let mut body = Vec::new();
    r.by_ref().take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Frame::End);
    }
    match serde_json::from_slice::<serde_json::Value>(&body) {
        Err(e) => Ok(Frame::Error(-32700, format!("parse error: {e}"))),
        Ok(v) => match serde_json::from_value::<Message>(v) {
            Ok(m) => Ok(Frame::Message(m)),
            Err(_) => Ok(Frame::Error(-32600, "invalid request: not a JSON-RPC message".into())),
        },
    }
}

fn write_frame(out: &std::sync::Mutex<std::io::Stdout>, body: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut o = out.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    write!(o, "Content-Length: {}\r\n\r\n", body.len())?;
    o.write_all(body)?;
    o.flush()
}

/// Runs the server until the client says exit, or its input ends. Returns whether a `shutdown` request
/// came before (exit code 0 then, 1 otherwise, as the LSP specification asks).
pub fn serve() -> anyhow_like::Result<bool> {
    let (connection, client) = Connection::memory();
    let stdout = std::sync::Arc::new(std::sync::Mutex::new(std::io::stdout()));
    // Reader: our framing in front of the server, so that a hostile size or body cannot stop it.
    let to_server = client.sender.clone();
    let reader_out = stdout.clone();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = std::io::BufReader::new(stdin.lock());
        loop {
            match read_frame(&mut input) {
                Ok(Frame::Message(m)) => {
                    if to_server.send(m).is_err() {
                        break;
                    }
                }
                Ok(Frame::Error(code, message)) => {
                    let answer = serde_json::json!({
                        "jsonrpc": "2.0", "id": null, "error": { "code": code, "message": message }
                    });
                    if write_frame(&reader_out, answer.to_string().as_bytes()).is_err() {
                        break;
                    }
                }
                Ok(Frame::End) | Err(_) => break,
            }
        }
    });
    drop(client.sender);
    // Writer: everything the server sends.
    let writer_out = stdout.clone();
    let from_server = client.receiver;
    let writer = std::thread::spawn(move || {
        for m in from_server {
            let Ok(body) = serde_json::to_vec(&m) else { continue };
            if write_frame(&writer_out, &body).is_err() {
                break;
            }
        }
    });
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let init = InitializeResult {
        capabilities,
        server_info: Some(ServerInfo { name: "specc".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    let clean = match connection.initialize_start() {
        Ok((id, _params)) => {
            connection.initialize_finish(id, serde_json::to_value(init)?)?;
            main_loop(&connection)?
        }
        // The input ended (or said exit) before `initialize`.
        Err(_) => false,
    };
    drop(connection);
    let _ = writer.join();
    Ok(clean)
}

/// Serves until `exit` (returns whether `shutdown` came first) or the end of the input (`false`).
fn main_loop(connection: &Connection) -> anyhow_like::Result<bool> {
    let mut open: HashMap<String, Open> = HashMap::new();
    let mut shut_down = false;
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if req.method == "shutdown" {
                    shut_down = true;
                    connection.sender.send(Message::Response(Response::new_ok(req.id, ())))?;
                    continue;
                }
                let resp = if shut_down {
                    Response::new_err(
                        req.id,
                        lsp_server::ErrorCode::InvalidRequest as i32,
                        "the server is shutting down".into(),
                    )
                } else {
                    handle_request(&open, req)
                };
                connection.sender.send(Message::Response(resp))?;
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Ok(shut_down);
                }
                if shut_down {
                    continue;
                }
                if let Some(uri) = handle_notification(&mut open, n) {
                    publish(connection, &open, &uri)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(false)
}

fn handle_notification(open: &mut HashMap<String, Open>, n: Notification) -> Option<Uri> {
    match n.method.as_str() {
        "textDocument/didOpen" => {
            let p: DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let uri = p.text_document.uri;
            let report = check(&uri, &p.text_document.text);
            open.insert(uri.as_str().to_string(), Open { text: p.text_document.text, report });
            Some(uri)
        }
        "textDocument/didChange" => {
            let p: DidChangeTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let uri = p.text_document.uri;
            // Full sync: the last change holds the whole text.
            let text = p.content_changes.into_iter().last()?.text;
            let report = check(&uri, &text);
            open.insert(uri.as_str().to_string(), Open { text, report });
            Some(uri)
        }
        "textDocument/didSave" => None,
        "textDocument/didClose" => {
            let p: DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
            open.remove(p.text_document.uri.as_str());
            None
        }
        _ => None,
    }
}

/// `file:///a/b%20c.yaml` → `/a/b c.yaml`.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let s = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let s = if s.len() > 3 && s.as_bytes()[0] == b'/' && s.as_bytes()[2] == b':' { s[1..].to_string() } else { s };
    Some(PathBuf::from(s))
}

fn check(uri: &Uri, text: &str) -> Option<UnitReport> {
    let path = uri_to_path(uri.as_str())?;
    let config = Config::discover(&path).and_then(|p| Config::load_discovered(&p).ok()).unwrap_or_default();
    let options = CheckOptions { assume_dialect: None, hints: config.dialects.clone(), hint_base: config.base.clone() };
    let mut reports = vec![driver::check_buffer(&path, text.as_bytes(), &options)];
    let selection = config.selection.clone();
    // Unused config suppressions concern specc.toml, not this buffer: drop that report.
    let _ = crate::suppress::apply(&mut reports, &config, &selection);
    reports.pop()
}

fn file_id_of(db: &SourceDb, path: &Path) -> Option<specc_diagnostics::FileId> {
    db.iter().find(|d| d.path == path).map(|d| d.file)
}

fn lsp_range(db: &SourceDb, span: Span) -> Range {
    match db.get(span.file) {
        Some(doc) => {
            let s = doc.line_index.lsp_position(&doc.text, span.start);
            let e = doc.line_index.lsp_position(&doc.text, span.end);
            Range { start: Position::new(s.line, s.character), end: Position::new(e.line, e.character) }
        }
        None => Range::default(),
    }
}

fn to_lsp(db: &SourceDb, uri: &Uri, d: &Diagnostic) -> LspDiagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!("\nhelp: {h}"));
    }
    // Defence in depth: the driver redacted the diagnostic already.
    let message = crate::redact::redact_text(&message, &[]);
    let href = specc_rules::find_rule(d.code).and_then(|r| r.meta().url().parse().ok());
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter(|l| l.span.file == d.span.file)
        .map(|l| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: lsp_range(db, l.span) },
            message: l.message.clone(),
        })
        .collect();
    LspDiagnostic {
        range: lsp_range(db, d.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("specc".into()),
        message,
        related_information: if related.is_empty() { None } else { Some(related) },
        tags: None,
        data: None,
    }
}

/// Findings of the report that are located in the buffer's own file.
fn own_findings<'a>(report: &'a UnitReport, path: &Path) -> Vec<&'a Diagnostic> {
    let Some(id) = file_id_of(&report.db, path) else { return Vec::new() };
    report.diagnostics.iter().filter(|d| d.span.file == id).collect()
}

fn publish(connection: &Connection, open: &HashMap<String, Open>, uri: &Uri) -> anyhow_like::Result<()> {
    let Some(doc) = open.get(uri.as_str()) else { return Ok(()) };
    let diagnostics = match (&doc.report, uri_to_path(uri.as_str())) {
        (Some(report), Some(path)) => {
            own_findings(report, &path).into_iter().map(|d| to_lsp(&report.db, uri, d)).collect()
        }
        _ => Vec::new(),
    };
    let _ = &doc.text;
    let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version: None };
    let note = Notification::new("textDocument/publishDiagnostics".into(), params);
    connection.sender.send(Message::Notification(note))?;
    Ok(())
}

fn overlaps(a: &Range, b: &Range) -> bool {
    !(a.end < b.start || b.end < a.start)
}

fn handle_request(open: &HashMap<String, Open>, req: Request) -> Response {
    match req.method.as_str() {
        "textDocument/codeAction" => {
            let Ok(params) = serde_json::from_value::<CodeActionParams>(req.params) else {
                return Response::new_err(req.id, lsp_server::ErrorCode::InvalidParams as i32, "invalid params".into());
            };
            let uri = params.text_document.uri;
            let mut actions: Vec<CodeActionOrCommand> = Vec::new();
            if let (Some(doc), Some(path)) = (open.get(uri.as_str()), uri_to_path(uri.as_str())) {
                if let Some(report) = &doc.report {
                    for d in own_findings(report, &path) {
                        let Some(fix) = &d.fix else { continue };
                        let range = lsp_range(&report.db, d.span);
                        if !overlaps(&range, &params.range) {
                            continue;
                        }
                        // Only edits in this buffer can be offered against its version.
                        if fix.edits.iter().any(|e| e.span.file != d.span.file) {
                            continue;
                        }
                        // An edit that would carry a secret is not offered (redacting it would corrupt
                        // the buffer).
                        if fix
                            .edits
                            .iter()
                            .any(|e| crate::redact::redact_text(&e.replacement, &report.secrets) != e.replacement)
                        {
                            continue;
                        }
                        let edits: Vec<TextEdit> = fix
                            .edits
                            .iter()
                            .map(|e| TextEdit { range: lsp_range(&report.db, e.span), new_text: e.replacement.clone() })
                            .collect();
                        #[allow(clippy::mutable_key_type)] // lsp-types' Uri is hashed by its text
                        let mut changes = HashMap::new();
                        changes.insert(uri.clone(), edits);
                        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                            title: fix.title.clone(),
                            kind: Some(CodeActionKind::QUICKFIX),
                            diagnostics: Some(vec![to_lsp(&report.db, &uri, d)]),
                            edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
                            is_preferred: Some(fix.applicability == specc_diagnostics::Applicability::Safe),
                            ..CodeAction::default()
                        }));
                    }
                }
            }
            Response::new_ok(req.id, actions)
        }
        _ => Response::new_err(
            req.id,
            lsp_server::ErrorCode::MethodNotFound as i32,
            format!("unhandled method {}", req.method),
        ),
    }
}

/// A boxed error type, so this module needs no extra dependency.
pub mod anyhow_like {
    pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_decode() {
        assert_eq!(uri_to_path("file:///tmp/a%20b/%C3%A9.yaml"), Some(PathBuf::from("/tmp/a b/é.yaml")));
        assert_eq!(uri_to_path("untitled:1"), None);
    }
}
