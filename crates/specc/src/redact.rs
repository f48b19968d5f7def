//! The one redaction layer every output goes through.
//!
//! A unit's secrets are found twice: from the lowered IR (`specc_dialects::secrets`: literal client
//! secrets, plain Keboola `#`-keys, credentials in URL queries) and *lexically* from the raw bytes of
//! every file the unit read ([`scan`]), so that a value is known to be secret even when its file does not
//! parse, when its key is duplicated, or when its raw text (`"S3\u0063ret"`, `'it''s'`, a folded block)
//! differs from its decoded value. The result is a list of `(span, text)` pairs: the span is masked by
//! byte position in source snippets ([`mask_document`]), and every text (raw and decoded) is replaced by
//! [`REDACTED`] in any other string an output prints ([`redact_text`], [`redact_diagnostic`]).
//!
//! Outputs call this module; none searches for secrets on its own. A new output format takes a
//! `UnitReport`'s `secrets` and passes every string it prints through [`redact_text`] (or every
//! diagnostic through [`redact_diagnostic`]) and every snippet of source through [`mask_document`].

use specc_diagnostics::{Diagnostic, Span};
use specc_syntax::{Document, SourceDb};

/// What a secret becomes in messages, fixes, diffs and generated files. It shows no character and no
/// length of the value.
pub const REDACTED: &str = "<redacted>";

/// The secrets of one unit: where each is, and its text (raw or decoded; may be empty when it is too short
/// to be searched for safely, then only its span is masked).
pub type Secrets = Vec<(Span, String)>;

/// Shortest text replaced wherever it appears (shorter values are masked by span only: replacing `abc`
/// everywhere would mangle unrelated words).
const MIN_SEARCHED: usize = 4;

/// Query parameters whose values are credentials.
const SECRET_PARAMS: &[&str] = &[
    "client_secret",
    "clientsecret",
    "secret",
    "password",
    "passwd",
    "pwd",
    "access_token",
    "accesstoken",
    "refresh_token",
    "refreshtoken",
    "id_token",
    "token",
    "api_key",
    "apikey",
    "api-key",
    "key",
    "code",
    "client_assertion",
    "assertion",
    "auth",
    "sig",
    "signature",
    "session",
    "sessionid",
];

/// The bit of each ASCII letter (either case) in a set of letters; 0 for every other byte.
const LETTER_BITS: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = 1 << c;
        t[b'A' as usize + c] = 1 << c;
        c += 1;
    }
    t
};

/// The set of letters of `word`.
const fn letters_of(word: &[u8]) -> u32 {
    let mut m = 0;
    let mut i = 0;
    while i < word.len() {
        m |= LETTER_BITS[word[i] as usize];
        i += 1;
    }
    m
}

/// The letter sets of the words a secret-named key holds (`passwd`'s covers `password`'s).
const SECRET_WORD_LETTERS: [u32; 6] = [
    letters_of(b"secret"),
    letters_of(b"passwd"),
    letters_of(b"privatekey"),
    letters_of(b"apikey"),
    letters_of(b"token"),
    letters_of(b"pwd"),
];

/// Whether a key names a secret value (`client_secret`, `#appSecret`, `password`, `refresh_token`...).
pub fn secret_key(key: &str) -> bool {
    let k = key.trim();
    if k.len() > 128 {
        return false;
    }
    let keboola = k.starts_with('#');
    // Most keys cannot spell any of the words: one table lookup per byte tells.
    let letters = k.bytes().fold(0, |m, c| m | LETTER_BITS[usize::from(c)]);
    if !keboola && !SECRET_WORD_LETTERS.iter().any(|&w| w & !letters == 0) {
        return false;
    }
    // The key's ASCII letters and digits, lower-cased (at most 128 of them): no allocation, as this
    // runs for every key of every file.
    let mut buf = [0u8; 128];
    let mut len = 0;
    for c in k.bytes().filter(u8::is_ascii_alphanumeric) {
        buf[len] = c.to_ascii_lowercase();
        len += 1;
    }
    let n = &buf[..len];
    if n.is_empty() {
        return false;
    }
    let may_hold = |word: &[u8]| {
        let need = letters_of(word);
        letters & need == need
    };
    let contains = |word: &[u8]| may_hold(word) && n.windows(word.len()).any(|w| w == word);
    let names_secret = keboola
        || contains(b"secret")
        || contains(b"password")
        || contains(b"passwd")
        || contains(b"privatekey")
        || contains(b"apikey")
        || (may_hold(b"token") && n.ends_with(b"token"))
        || n == b"pwd";
    if !names_secret {
        return false;
    }
    // Keys about a secret rather than holding one.
    const ABOUT: [&[u8]; 12] = [
        b"url",
        b"uri",
        b"endpoint",
        b"method",
        b"placement",
        b"location",
        b"type",
        b"name",
        b"param",
        b"field",
        b"expires",
        b"header",
    ];
    !(ABOUT.iter().any(|a| contains(a)) || n.ends_with(b"ref") || n.ends_with(b"env") || n.ends_with(b"var"))
}

/// Whether a value is a reference to a secret (`{{VAR}}`, `${VAR}`, `%%x%%`), not the secret.
fn reference(v: &str) -> bool {
    let t = v.trim();
    (t.starts_with("{{") && t.ends_with("}}"))
        || (t.starts_with("${") && t.ends_with('}'))
        || (t.starts_with("%%") && t.ends_with("%%"))
        || t.starts_with("KBC::")
        || (t.starts_with('<') && t.ends_with('>'))
}

/// Byte ranges of secret values in raw text, found without parsing: values of secret-named keys (JSON,
/// YAML flow and block style, quoted, plain, block scalars, unterminated strings), passwords in URL
/// userinfo, and credential query parameters. Linear in the text.
pub fn scan(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    keyed_values(text, &mut out);
    url_secrets(b, &mut out);
    out.retain(|r| r.start < r.end && r.end <= b.len());
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup();
    out
}

fn line_end(b: &[u8], from: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &b[from.min(b.len())..]).map_or(b.len(), |p| from + p)
}

fn line_start(b: &[u8], at: usize) -> usize {
    memchr::memrchr(b'\n', &b[..at.min(b.len())]).map_or(0, |p| p + 1)
}

fn indent_of(b: &[u8], start: usize) -> usize {
    b[start..].iter().take_while(|&&c| c == b' ' || c == b'\t').count()
}

/// The key that ends just before a `:` at `colon`, if any (quoted or bare, on the same line).
fn key_before(text: &str, colon: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut end = colon;
    while end > 0 && (b[end - 1] == b' ' || b[end - 1] == b'\t') {
        end -= 1;
    }
    let floor = colon.saturating_sub(160);
    if end > 0 && (b[end - 1] == b'"' || b[end - 1] == b'\'') {
        let q = b[end - 1];
        let mut i = end - 1;
        while i > floor {
            i -= 1;
            if b[i] == q && (i == 0 || b[i - 1] != b'\\') {
                return text.get(i + 1..end - 1);
            }
            if b[i] == b'\n' {
                return None;
            }
        }
        return None;
    }
    let mut i = end;
    while i > floor && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'_' | b'-' | b'#' | b'.' | b'$')) {
        i -= 1;
    }
    (i < end).then(|| text.get(i..end)).flatten()
}

fn keyed_values(text: &str, out: &mut Vec<std::ops::Range<usize>>) {
    let b = text.as_bytes();
    let mut i = 0;
    // The end of the line last looked up: on a minified single-line file, finding it again for every
    // key would make the scan quadratic.
    let mut known_eol = 0;
    while let Some(p) = memchr::memchr(b':', &b[i..]) {
        let colon = i + p;
        i = colon + 1;
        // YAML needs a space after the colon of a plain key; JSON may have anything.
        let Some(key) = key_before(text, colon) else { continue };
        if !secret_key(key) {
            continue;
        }
        let mut v = colon + 1;
        while v < b.len() && (b[v] == b' ' || b[v] == b'\t') {
            v += 1;
        }
        if known_eol < v {
            known_eol = line_end(b, v);
        }
        let eol = known_eol;
        let range = match b.get(v) {
            None | Some(b'\n' | b'\r' | b'{' | b'[' | b'#' | b'&' | b'*' | b'!') => continue,
            Some(b'"') => {
                let mut j = v + 1;
                while j < eol && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                v + 1..j.min(eol)
            }
            Some(b'\'') => {
                let mut j = v + 1;
                while j < eol {
                    if b[j] == b'\'' {
                        if b.get(j + 1) == Some(&b'\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j += 1;
                }
                v + 1..j.min(eol)
            }
            Some(b'|' | b'>') => {
                // A block scalar: the following lines indented more than the key's line.
                let key_indent = indent_of(b, line_start(b, colon));
                let start = (eol + 1).min(b.len());
                let mut end = start;
                let mut j = start;
                while j < b.len() {
                    let le = line_end(b, j);
                    let blank = b[j..le].iter().all(|c| c.is_ascii_whitespace());
                    if !blank && indent_of(b, j) <= key_indent {
                        break;
                    }
                    if !blank {
                        end = le;
                    }
                    j = le + 1;
                }
                start..end
            }
            Some(_) => {
                let mut j = v;
                while j < eol && !matches!(b[j], b',' | b'}' | b']' | b'`') {
                    if b[j] == b'#' && j > v && (b[j - 1] == b' ' || b[j - 1] == b'\t') {
                        break;
                    }
                    j += 1;
                }
                while j > v && (b[j - 1] == b' ' || b[j - 1] == b'\t') {
                    j -= 1;
                }
                v..j
            }
        };
        let value = text.get(range.clone()).unwrap_or("");
        if matches!(value.trim(), "" | "true" | "false" | "null" | "~" | "…" | "...") || reference(value) {
            continue;
        }
        i = i.max(range.start);
        out.push(range);
    }
}

fn url_stop(c: u8) -> bool {
    c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`' | b',' | b'}' | b']' | b')')
}

fn url_secrets(b: &[u8], out: &mut Vec<std::ops::Range<usize>>) {
    // Userinfo passwords: `scheme://user:password@host`.
    let mut i = 0;
    let scheme_end = memchr::memmem::Finder::new(b"://");
    while let Some(p) = scheme_end.find(&b[i..]) {
        let start = i + p + 3;
        i = start;
        let mut end = start;
        while end < b.len() && !url_stop(b[end]) && !matches!(b[end], b'/' | b'?' | b'#') {
            end += 1;
        }
        if let Some(at) = b[start..end].iter().rposition(|&c| c == b'@') {
            let userinfo = start..start + at;
            if let Some(colon) = b[userinfo.clone()].iter().position(|&c| c == b':') {
                let pw = userinfo.start + colon + 1..userinfo.end;
                if pw.start < pw.end {
                    out.push(pw);
                }
            }
        }
    }
    // Credential query parameters: `?access_token=…`, `&client_secret=…`.
    for q in memchr::memchr3_iter(b'?', b'&', b';', b) {
        let name_start = q + 1;
        let mut eq = name_start;
        while eq < b.len() && eq - name_start <= 32 && (b[eq].is_ascii_alphanumeric() || matches!(b[eq], b'_' | b'-')) {
            eq += 1;
        }
        if b.get(eq) != Some(&b'=') || eq == name_start {
            continue;
        }
        let name = String::from_utf8_lossy(&b[name_start..eq]).to_ascii_lowercase();
        if !SECRET_PARAMS.contains(&name.as_str()) {
            continue;
        }
        let vs = eq + 1;
        let mut ve = vs;
        while ve < b.len() && !url_stop(b[ve]) && !matches!(b[ve], b'&' | b'#' | b';') {
            ve += 1;
        }
        let value = String::from_utf8_lossy(&b[vs..ve]);
        if vs < ve && !reference(&value) && !value.contains("{{") && !value.contains("%%") {
            out.push(vs..ve);
        }
    }
}

/// The secrets of a unit: what lowering found, plus what [`scan`] finds in every file the unit read.
pub fn unit_secrets(db: &SourceDb, lowered: Option<&specc_dialects::Lowered>) -> Secrets {
    let mut out: Secrets = lowered.map(|l| specc_dialects::secrets(db, l)).unwrap_or_default();
    // The raw text at each span of a lowered secret too: an escape makes it differ from the value.
    let raw: Secrets = out
        .iter()
        .filter_map(|(span, _)| {
            let doc = db.get(span.file)?;
            let t = doc.text.get(span.start as usize..span.end as usize)?;
            let t = t.trim().trim_matches(['"', '\'']);
            Some((*span, t.to_string()))
        })
        .collect();
    out.extend(raw);
    for doc in db.iter() {
        out.extend(document_secrets(doc));
    }
    for (_, v) in out.iter_mut() {
        if v.trim().chars().count() < MIN_SEARCHED || reference(v) {
            v.clear();
        }
    }
    out.sort_by(|a, b| (a.0.file, a.0.start, a.0.end, &a.1).cmp(&(b.0.file, b.0.start, b.0.end, &b.1)));
    out.dedup();
    out
}

/// The secrets [`scan`] finds in one document, with their raw text.
pub fn document_secrets(doc: &Document) -> Secrets {
    scan(&doc.text)
        .into_iter()
        .filter_map(|r| {
            let t = doc.text.get(r.clone())?;
            let span = Span { file: doc.file, start: r.start as u32, end: r.end as u32 };
            let mut v = vec![(span, t.to_string())];
            // Each line of a block scalar on its own (the diff prints them one by one); short lines are
            // masked by span only, so that a common word is not replaced in every message.
            if t.contains('\n') {
                v.extend(t.lines().map(str::trim).filter(|l| l.len() >= 8).map(|l| (span, l.to_string())));
            }
            Some(v)
        })
        .flatten()
        .collect()
}

/// `*` for every byte of `s` except whitespace, so offsets, line numbers and indentation stay as they were.
pub fn stars(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_whitespace() { b as char } else { '*' }).collect()
}

/// A document's text with every secret of `secrets` in it masked by span (and every other occurrence of
/// a secret's text): same byte length, so offsets stay right. `None`: nothing to mask.
pub fn mask_document(doc: &Document, secrets: &[(Span, String)]) -> Option<String> {
    let mine: Vec<&(Span, String)> = secrets.iter().filter(|(s, _)| s.file == doc.file).collect();
    let mut t = doc.text.clone();
    let mut changed = false;
    for (span, _) in &mine {
        let (a, b) = (span.start as usize, span.end as usize);
        if let Some(raw) = t.get(a..b) {
            let inner = raw.trim_matches('"');
            if let Some(off) = raw.find(inner) {
                let s = stars(inner);
                t.replace_range(a + off..a + off + inner.len(), &s);
                changed = true;
            }
        }
    }
    let values: Vec<&str> = mine.iter().map(|(_, v)| v.as_str()).filter(|v| !v.is_empty()).collect();
    match finder(&values) {
        // Every occurrence of every value, in one pass over the text; each value's are then starred
        // in turn as `str::replace` would (left to right, not overlapping, still intact).
        Some(f) => {
            let mut found: Vec<(usize, usize, usize)> =
                f.find_overlapping_iter(&t).map(|m| (m.pattern().as_usize(), m.start(), m.end())).collect();
            found.sort_unstable();
            let mut last: Option<(usize, usize)> = None;
            for (p, start, end) in found {
                let free = last.is_none_or(|(lp, lend)| lp != p || start >= lend);
                if free && t.get(start..end) == Some(values[p]) {
                    t.replace_range(start..end, &stars(values[p]));
                    changed = true;
                    last = Some((p, end));
                }
            }
        }
        None => {
            for value in values {
                if t.contains(value) {
                    t = t.replace(value, &stars(value));
                    changed = true;
                }
            }
        }
    }
    changed.then_some(t)
}

/// From this many values on, texts are searched for all of them at once.
const FINDER_FROM: usize = 8;

/// A searcher for all of `values` at once (pattern `i` is `values[i]`), when there are enough of them.
fn finder(values: &[&str]) -> Option<aho_corasick::AhoCorasick> {
    if values.len() < FINDER_FROM {
        return None;
    }
    aho_corasick::AhoCorasick::new(values).ok()
}

/// A unit's secret texts prepared for redacting many strings: [`redact_text`] for each string costs a
/// search per secret, which is quadratic for a large file with many secrets and many findings.
pub struct KnownSecrets<'a> {
    /// Longest first, the order they are replaced in.
    values: Vec<&'a str>,
    finder: Option<aho_corasick::AhoCorasick>,
    /// Values found in [`REDACTED`] itself: a replacement can make them appear.
    in_marker: Vec<usize>,
}

impl<'a> KnownSecrets<'a> {
    /// For many texts: the secrets are indexed for searching all at once (which costs about as much as
    /// one plain pass over every secret).
    pub fn new(secrets: &'a [(Span, String)]) -> Self {
        let mut known = KnownSecrets::unindexed(secrets);
        known.finder = finder(&known.values);
        known
    }

    /// For one text: each secret is searched for in turn.
    pub fn unindexed(secrets: &'a [(Span, String)]) -> Self {
        let mut values: Vec<&str> = secrets.iter().map(|(_, v)| v.as_str()).filter(|v| !v.is_empty()).collect();
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        let in_marker = (0..values.len()).filter(|&i| REDACTED.contains(values[i])).collect();
        KnownSecrets { values, finder: None, in_marker }
    }

    /// `text` with every secret's text replaced by [`REDACTED`] (longest first, so no part of a longer
    /// one survives a shorter one's replacement), and then what [`scan`] finds in it.
    pub fn redact(&self, text: &str) -> String {
        let mut t = text.to_string();
        let mut replace = |v: &str| {
            if t.contains(v) {
                t = t.replace(v, REDACTED);
            }
        };
        match &self.finder {
            // Only the values the text holds (or that a replacement can create) are replaced, in order.
            Some(f) => {
                let mut present: Vec<usize> = f.find_overlapping_iter(text).map(|m| m.pattern().as_usize()).collect();
                present.extend(&self.in_marker);
                present.sort_unstable();
                present.dedup();
                present.into_iter().for_each(|i| replace(self.values[i]));
            }
            None => self.values.iter().for_each(|v| replace(v)),
        }
        mask_scanned(t)
    }

    /// Redacts every text of a diagnostic that is shown (see [`redact_diagnostic`]).
    pub fn redact_diagnostic(&self, d: &mut Diagnostic) {
        let r = |t: &mut String| *t = self.redact(t);
        r(&mut d.message);
        if let Some(l) = d.label.as_mut() {
            r(l);
        }
        if let Some(h) = d.help.as_mut() {
            r(h);
        }
        if let Some(n) = d.note.as_mut() {
            r(n);
        }
        for l in &mut d.secondary {
            r(&mut l.message);
        }
        if let Some(f) = d.fix.as_mut() {
            r(&mut f.title);
        }
    }
}

/// `text` with every secret's text replaced by [`REDACTED`] (longest first, so no part of a longer one
/// survives a shorter one's replacement).
pub fn redact_text(text: &str, secrets: &[(Span, String)]) -> String {
    KnownSecrets::unindexed(secrets).redact(text)
}

/// Whatever the lists missed: secrets the text itself shows (a URL password, a keyed value).
fn mask_scanned(t: String) -> String {
    let ranges = scan(&t);
    if ranges.is_empty() {
        return t;
    }
    let mut out = String::with_capacity(t.len());
    let mut last = 0;
    for r in ranges {
        if r.start < last {
            continue;
        }
        let piece = t.get(r.clone()).unwrap_or("");
        if piece == REDACTED {
            continue;
        }
        out.push_str(t.get(last..r.start).unwrap_or(""));
        out.push_str(REDACTED);
        last = r.end;
    }
    out.push_str(t.get(last..).unwrap_or(""));
    out
}

/// Redacts every text of a diagnostic that is shown: message, label, help, note, secondary labels and
/// the fix's title. A fix's edits are left whole (`migrate` applies them to the user's file); outputs that
/// print an edit pass it through [`redact_text`] (JSON, SARIF, diffs) or leave the fix out (LSP).
pub fn redact_diagnostic(d: &mut Diagnostic, secrets: &[(Span, String)]) {
    KnownSecrets::unindexed(secrets).redact_diagnostic(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        scan(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn keyed_values_in_any_shape() {
        assert_eq!(found(r#"{"client_secret": "S3cr3t\x", "a": 1}"#), ["S3cr3t\\x"]);
        assert_eq!(found("{\"client_secret\": \"abc,,\n"), ["abc,,"]);
        assert_eq!(found("client_secret: 'it''s unterminated\nx: 1"), ["it''s unterminated"]);
        assert_eq!(found("\"#appSecret\": \"KEBOOLA-SENT"), ["KEBOOLA-SENT"]);
        assert_eq!(found("a:\n  clientSecret: >-\n    line one\n    line two\nb: c\n"), ["    line one\n    line two"]);
        assert_eq!(found("extra: {client_secret: xyz123, b: 2}"), ["xyz123"]);
        assert_eq!(found("password: hunter22 # comment"), ["hunter22"]);
        assert!(found("client_secret: \"{{CLIENT_SECRET}}\"").is_empty());
        assert!(found("tokenUrl: https://x.test/token").is_empty());
        assert!(found("\"#api_token\": \"KBC::ProjectSecure::abc\"").is_empty());
    }

    /// The letter-set shortcut of `secret_key` decides as the plain definition does.
    #[test]
    fn secret_key_matches_its_definition() {
        fn plain(key: &str) -> bool {
            let k = key.trim();
            if k.len() > 128 {
                return false;
            }
            let n: String = k.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
            if n.is_empty() {
                return false;
            }
            let about = ["url", "uri", "endpoint", "method", "placement", "location", "type", "name", "param"];
            let about = about.iter().chain(&["field", "expires", "header"]).any(|a| n.contains(a));
            if about || n.ends_with("ref") || n.ends_with("env") || n.ends_with("var") {
                return false;
            }
            k.starts_with('#')
                || ["secret", "password", "passwd", "privatekey", "apikey"].iter().any(|w| n.contains(w))
                || n.ends_with("token")
                || n == "pwd"
        }
        let keys = [
            "client_secret",
            "clientSecret",
            "#appSecret",
            "#x",
            "password",
            "Pass-Word",
            "passwd",
            "pwd",
            "PWD ",
            "private_key",
            "privateKey",
            "api_key",
            "API-KEY",
            "apiKeyName",
            "access_token",
            "tokenUrl",
            "token",
            "id_token",
            "refreshToken",
            "secretRef",
            "secret_env",
            "passwordVar",
            "description",
            "type",
            "name",
            "properties",
            "é_secret",
            "s3cret",
            "",
            "  ",
            "#",
            "tok en",
            "x-api-key",
            "secret_expires_at",
        ];
        for k in keys.iter().map(|k| k.to_string()).chain(std::iter::once("a".repeat(130) + "secret")) {
            assert_eq!(secret_key(&k), plain(&k), "{k:?}");
        }
    }

    #[test]
    fn url_credentials() {
        assert_eq!(found("https://admin:pw99@login.example.test/authorize"), ["pw99"]);
        assert_eq!(found("\"https://x.test/cb?state=1&access_token=AT-1&b=2\""), ["AT-1"]);
        assert_eq!(found("https://x.test/cb?client_secret=cs#frag"), ["cs"]);
        assert!(found("https://user@host/a?state=1").is_empty());
    }

    /// With many secrets (searched for all at once) the result is that of replacing each in turn.
    #[test]
    fn many_secrets_redact_as_one_by_one() {
        // Spans past the end of the texts: only the values matter here.
        let span = |i: u32| Span { file: specc_diagnostics::FileId(0), start: 10_000 + i, end: 10_001 + i };
        let mut secrets: Vec<(Span, String)> = (0..40).map(|i| (span(i), format!("SECRET-{i:02}-VALUE"))).collect();
        secrets.push((span(50), "SECRET-01-VALUE-LONGER".into()));
        secrets.push((span(51), "dact".into()));
        let one_by_one = |text: &str| {
            let mut values: Vec<&str> = secrets.iter().map(|(_, v)| v.as_str()).collect();
            values.sort_by_key(|v| std::cmp::Reverse(v.len()));
            let mut t = text.to_string();
            for v in values {
                t = t.replace(v, REDACTED);
            }
            t
        };
        let known = KnownSecrets::new(&secrets);
        assert!(known.finder.is_some());
        for text in [
            "none here",
            "a SECRET-07-VALUE and SECRET-01-VALUE-LONGER, SECRET-07-VALUE again",
            "SECRET-39-VALUESECRET-38-VALUE",
            "redacted twice: SECRET-00-VALUE",
        ] {
            assert_eq!(known.redact(text), one_by_one(text), "{text}");
        }
        let text = "{\"a\": \"x SECRET-03-VALUE y SECRET-03-VALUE\", \"b\": \"SECRET-01-VALUE-LONGER\"}";
        let doc = Document::parse(specc_diagnostics::FileId(0), "x.json", text.as_bytes());
        let masked = mask_document(&doc, &secrets).expect("masked");
        let mut want = text.to_string();
        for (_, v) in &secrets {
            want = want.replace(v.as_str(), &stars(v));
        }
        assert_eq!(masked, want);
    }

    #[test]
    fn redaction_leaves_no_character() {
        let s = vec![(Span { file: specc_diagnostics::FileId(0), start: 0, end: 1 }, "SENTINEL-1".to_string())];
        let t = redact_text("value SENTINEL-1 and https://u:pw@h/x?token=abc", &s);
        assert_eq!(t, "value <redacted> and https://u:<redacted>@h/x?token=<redacted>");
    }
}
