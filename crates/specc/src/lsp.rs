//! `specc lsp`: a language server over stdio.
//!
//! Incremental synchronisation; on open and on every change the buffer is checked as `specc check` would
//! check that file (with `specc.toml` found from the file's directory and its suppressions applied),
//! and the findings in that file are published with UTF-16 positions. Unsaved buffers (`untitled:` and
//! other non-file URIs) are recognised by content alone. Secondary locations go out as
//! `relatedInformation` when the client supports it, otherwise as lines of the message. Closing a
//! buffer clears its findings. Fixes are offered as quick-fix code actions. The server is synchronous: one request at a time, which checking a single manifest
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
pub fn serve() -> LspResult<bool> {
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
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let init = InitializeResult {
        capabilities,
        server_info: Some(ServerInfo { name: "specc".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    let clean = match connection.initialize_start() {
        Ok((id, params)) => {
            let client = Client {
                related_information: params
                    .pointer("/capabilities/textDocument/publishDiagnostics/relatedInformation")
                    .and_then(serde_json::Value::as_bool)
                    .unwrap_or(false),
            };
            connection.initialize_finish(id, serde_json::to_value(init)?)?;
            main_loop(&connection, &client)?
        }
        // The input ended (or said exit) before `initialize`.
        Err(_) => false,
    };
    drop(connection);
    let _ = writer.join();
    Ok(clean)
}

/// What the client said it supports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Client {
    /// `textDocument.publishDiagnostics.relatedInformation`.
    pub related_information: bool,
}

/// Serves until `exit` (returns whether `shutdown` came first) or the end of the input (`false`).
fn main_loop(connection: &Connection, client: &Client) -> LspResult<bool> {
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
                    handle_request(&open, client, req)
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
                    publish(connection, &open, client, &uri)?;
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
            // Incremental sync: apply each change in order; one without a range replaces the text.
            let mut text = open.get(uri.as_str()).map(|o| o.text.clone()).unwrap_or_default();
            for change in p.content_changes {
                match change.range {
                    Some(range) => apply_change(&mut text, range, &change.text),
                    None => text = change.text,
                }
            }
            let report = check(&uri, &text);
            open.insert(uri.as_str().to_string(), Open { text, report });
            Some(uri)
        }
        "textDocument/didSave" => None,
        "textDocument/didClose" => {
            let p: DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
            // Publishing for a URI that is no longer open clears its findings in the client.
            open.remove(p.text_document.uri.as_str());
            Some(p.text_document.uri)
        }
        _ => None,
    }
}

/// Byte offset of an LSP position (UTF-16 code units) in `text`, clamped to the line and the text.
fn offset_of(text: &str, pos: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let mut units = 0u32;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= pos.character {
            return line_start + i;
        }
        units += c.len_utf16() as u32;
    }
    line_end
}

/// Applies one incremental change.
pub fn apply_change(text: &mut String, range: Range, new_text: &str) {
    let start = offset_of(text, range.start);
    let end = offset_of(text, range.end).max(start);
    text.replace_range(start..end, new_text);
}

/// The path a buffer stands for: its file path, or for an unsaved buffer (`untitled:Untitled-1`) the URI
/// itself, so that only its content decides its dialect and no specc.toml applies.
fn buffer_path(uri: &Uri) -> PathBuf {
    uri_to_path(uri.as_str()).unwrap_or_else(|| PathBuf::from(uri.as_str()))
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
    let path = buffer_path(uri);
    let config = match uri_to_path(uri.as_str()) {
        Some(file) => Config::discover(&file).and_then(|p| Config::load_discovered(&p).ok()).unwrap_or_default(),
        None => Config::default(),
    };
    let options = CheckOptions::for_config(&config);
    let mut reports = vec![driver::check_buffer(&path, text.as_bytes(), &options)];
    let selection = config.selection.clone();
    // Unused config suppressions concern specc.toml, not this buffer: drop that report.
    let _ = crate::suppress::apply(&mut reports, &config, &selection);
    // The project's baseline hides what it records here too (stale entries concern the baseline file).
    if let Some(mut baseline) = config.baseline.as_deref().and_then(|p| crate::baseline::Baseline::load(p).ok()) {
        for r in &mut reports {
            baseline.apply(r);
        }
    }
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

/// A URI for a file of the unit: the buffer's own, or a `file://` URI for the others.
fn uri_for(
    db: &SourceDb,
    uri: &Uri,
    d_file: specc_diagnostics::FileId,
    file: specc_diagnostics::FileId,
) -> Option<Uri> {
    if file == d_file {
        return Some(uri.clone());
    }
    let path = std::path::absolute(&db.get(file)?.path).ok()?;
    let mut s = String::from("file://");
    for b in path.to_string_lossy().replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    if !s.starts_with("file:///") {
        s.insert(7, '/');
    }
    s.parse().ok()
}

fn to_lsp(db: &SourceDb, uri: &Uri, d: &Diagnostic, client: &Client) -> LspDiagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!("\nhelp: {h}"));
    }
    let href = specc_rules::find_rule(d.code).and_then(|r| r.meta().url().parse().ok());
    let mut related: Vec<DiagnosticRelatedInformation> = Vec::new();
    for l in &d.secondary {
        if client.related_information {
            if let Some(target) = uri_for(db, uri, d.span.file, l.span.file) {
                related.push(DiagnosticRelatedInformation {
                    location: Location { uri: target, range: lsp_range(db, l.span) },
                    message: crate::redact::redact_text(&l.message, &[]),
                });
            }
        } else {
            // Without relatedInformation the client would show nothing of it: say it in the message.
            let r = lsp_range(db, l.span);
            let file = db.get(l.span.file).map(|f| driver::display_path(&f.path)).unwrap_or_default();
            message.push_str(&format!("\nnote: {} ({file}:{}:{})", l.message, r.start.line + 1, r.start.character + 1));
        }
    }
    // Defence in depth: the driver redacted the diagnostic already.
    let message = crate::redact::redact_text(&message, &[]);
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

fn publish(connection: &Connection, open: &HashMap<String, Open>, client: &Client, uri: &Uri) -> LspResult<()> {
    // A closed buffer gets an empty list, which clears it in the client.
    let diagnostics = match open.get(uri.as_str()).and_then(|doc| doc.report.as_ref()) {
        Some(report) => {
            own_findings(report, &buffer_path(uri)).into_iter().map(|d| to_lsp(&report.db, uri, d, client)).collect()
        }
        None => Vec::new(),
    };
    let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version: None };
    let note = Notification::new("textDocument/publishDiagnostics".into(), params);
    connection.sender.send(Message::Notification(note))?;
    Ok(())
}

fn overlaps(a: &Range, b: &Range) -> bool {
    !(a.end < b.start || b.end < a.start)
}

fn handle_request(open: &HashMap<String, Open>, client: &Client, req: Request) -> Response {
    match req.method.as_str() {
        "textDocument/codeAction" => {
            let Ok(params) = serde_json::from_value::<CodeActionParams>(req.params) else {
                return Response::new_err(req.id, lsp_server::ErrorCode::InvalidParams as i32, "invalid params".into());
            };
            let uri = params.text_document.uri;
            let mut actions: Vec<CodeActionOrCommand> = Vec::new();
            if let Some(doc) = open.get(uri.as_str()) {
                let path = buffer_path(&uri);
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
                            diagnostics: Some(vec![to_lsp(&report.db, &uri, d, client)]),
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

/// The server's result: any error, boxed (the transport's and serde's alike).
pub type LspResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_decode() {
        assert_eq!(uri_to_path("file:///tmp/a%20b/%C3%A9.yaml"), Some(PathBuf::from("/tmp/a b/é.yaml")));
        assert_eq!(uri_to_path("untitled:1"), None);
    }

    #[test]
    fn incremental_changes_count_utf16_units() {
        let mut text = String::from("a: \u{1F600}x\nb: 2\n");
        // The emoji is two UTF-16 units: character 5 is just before `x`.
        apply_change(&mut text, Range::new(Position::new(0, 5), Position::new(0, 6)), "y");
        assert_eq!(text, "a: \u{1F600}y\nb: 2\n");
        apply_change(&mut text, Range::new(Position::new(1, 3), Position::new(1, 4)), "30");
        assert_eq!(text, "a: \u{1F600}y\nb: 30\n");
        // Past the end of a line or the text: clamped.
        apply_change(&mut text, Range::new(Position::new(9, 0), Position::new(9, 0)), "c: 1\n");
        assert_eq!(text, "a: \u{1F600}y\nb: 30\nc: 1\n");
    }
}
