//! The provider catalog: what specc knows about real OAuth providers, as data.
//!
//! One TOML file per provider under `providers/` at the repository root, embedded in the binary
//! (`catalog.rs` lists them) and parsed once. The format is described by `provider.schema.json` (`specc schema provider`);
//! users add or override entries in `specc.toml` under `[[providers]]` with the same fields.
//!
//! Every fact carries the public documentation URL it was taken from (`source`); a fact specc is not
//! sure of is left out, and an absent fact never produces a finding.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod catalog;

/// The embedded files converted to JSON by `build.rs`, `(file name, JSON text)` sorted by name.
mod catalog_json {
    include!(concat!(env!("OUT_DIR"), "/catalog_json.rs"));
}

/// The JSON Schema of one provider entry (`specc schema provider`; written to
/// `schemas/provider.schema.json` by `cargo xtask codegen`).
pub const SCHEMA: &str = include_str!("../provider.schema.json");

/// One provider.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Stable identifier (`google`, `microsoft`), kebab-case.
    pub id: String,
    /// Display name.
    pub name: String,
    /// How to recognise the provider from a configuration's endpoint URLs.
    pub recognize: Recognize,
    /// The current authorization endpoint (with `{placeholders}` for tenant parts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<Endpoint>,
    /// The current token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<Endpoint>,
    /// Endpoints that are deprecated or retired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deprecated: Vec<Deprecated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_delimiter: Option<ScopeDelimiter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<Refresh>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_auth: Option<ClientAuth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pkce: Option<PkceFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<RedirectUri>,
    /// Notable request parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// Facts of a built-in entry withheld because they carry no `verified` date (`scope_delimiter`,
    /// `deprecated[0]`, ...). Not part of the file format.
    #[serde(skip)]
    pub unverified: Vec<String>,
}

/// Host patterns of the provider's OAuth endpoints. `{name}` stands for one or more characters the
/// account or tenant supplies (`{subdomain}.zendesk.com`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Recognize {
    pub hosts: Vec<String>,
    /// When set, a URL is recognised only if its path starts with one of these (hosts shared by many
    /// APIs, such as `api.twitter.com`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub url: String,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Deprecated {
    /// URL prefix of the old endpoint (scheme and host, path; no query).
    pub url: String,
    /// What to use instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// The replacement takes the same parameters and returns the same response, so swapping the URL
    /// is a safe fix.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop_in: bool,
    /// The endpoint no longer answers at all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScopeDelimiter {
    /// The delimiters the authorization endpoint accepts between scopes: `" "` or `","`.
    pub accepted: Vec<String>,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

impl ScopeDelimiter {
    pub fn accepts(&self, delimiter: char) -> bool {
        self.accepted.iter().any(|d| d.chars().eq(std::iter::once(delimiter)))
    }
}

/// How a refresh token is obtained.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RefreshHow {
    /// An authorization request parameter (`access_type=offline`).
    Parameter,
    /// A scope (`offline_access`).
    Scope,
    /// A refresh token comes with every authorization code grant.
    Always,
    /// The provider issues no refresh tokens (long-lived access tokens instead).
    Never,
    /// An application setting in the provider's developer console, not a request parameter.
    AppSetting,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Refresh {
    pub how: RefreshHow,
    /// For `parameter`: its name and value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For `scope`: the scopes any one of which asks for a refresh token.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Other parameters needed alongside, `name=value` (Google's `prompt=consent`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// Token endpoint client authentication methods, named as in the IANA OAuth registry
/// (`client_secret_basic`, `client_secret_post`, `private_key_jwt`, `none`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ClientAuth {
    pub methods: Vec<String>,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

impl ClientAuth {
    pub fn accepts(&self, method: &str) -> bool {
        self.methods.iter().any(|m| m == method)
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PkceSupport {
    Required,
    Supported,
    Unsupported,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PkceFact {
    pub support: PkceSupport,
    /// Required only for some clients (public or mobile), described in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RedirectUri {
    /// The redirect URI must match a registered one exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact_match: Option<bool>,
    /// Only `https` redirect URIs are accepted (apart from loopback, see `localhost_http`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub https_required: Option<bool>,
    /// `http://localhost` redirect URIs are accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localhost_http: Option<bool>,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    pub purpose: String,
    pub source: String,
    /// The date (`YYYY-MM-DD`) the fact was last checked against `source`. A built-in fact without it
    /// is unverified: listed, but withheld from rules and `build`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// A set of providers: the built-in catalog, possibly with user entries on top.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    providers: Vec<Provider>,
    /// Which host patterns `recognize` tries for a host; built on its first call, so a run that
    /// recognises nothing does not pay for it.
    hosts: OnceLock<HostIndex>,
}

/// The host patterns of the recognisable providers as `(provider, pattern, literal length)`, grouped
/// by the last two labels every host a pattern matches ends with (`zendesk.com` for
/// `{subdomain}.zendesk.com`). A pattern with a placeholder among its last two labels is in `anywhere`.
#[derive(Debug, Clone, Default)]
struct HostIndex {
    by_key: HashMap<String, Vec<(usize, usize, usize)>>,
    anywhere: Vec<(usize, usize, usize)>,
}

impl HostIndex {
    fn new(providers: &[Provider]) -> HostIndex {
        let mut index = HostIndex::default();
        for (i, p) in providers.iter().enumerate() {
            if p.unverified.iter().any(|f| f == "recognize") {
                continue;
            }
            for (j, pat) in p.recognize.hosts.iter().enumerate() {
                let entry = (i, j, pat.len() - placeholder_len(pat));
                match pattern_key(pat) {
                    Some(key) => index.by_key.entry(key).or_default().push(entry),
                    None => index.anywhere.push(entry),
                }
            }
        }
        index
    }
}

/// The last two labels of a host (`google.com` of `accounts.google.com`), or all of it.
fn last_two_labels(host: &str) -> &str {
    host.rmatch_indices('.').nth(1).map_or(host, |(dot, _)| &host[dot + 1..])
}

/// The last two labels (lowercase) every host matching `pattern` ends with, when no placeholder
/// stands among them. A pattern without a closed placeholder matches only the host it spells; with
/// one, the text after its last `}` must end the host, and when that text holds two dots it fixes the
/// last two labels.
fn pattern_key(pattern: &str) -> Option<String> {
    let lower = pattern.to_ascii_lowercase();
    match lower.rfind('}') {
        None => Some(last_two_labels(&lower).to_string()),
        Some(close) => {
            let tail = &lower[close + 1..];
            (tail.matches('.').count() >= 2).then(|| last_two_labels(tail).to_string())
        }
    }
}

/// A built-in catalog file that did not parse (a test fails on it; the binary skips it).
#[derive(Debug, Clone)]
pub struct LoadError {
    pub file: &'static str,
    pub message: String,
}

/// Parses one provider from TOML text.
pub fn parse_provider(text: &str) -> Result<Provider, String> {
    toml::from_str::<Provider>(text).map_err(|e| e.to_string())
}

/// One built-in file: from its build-time JSON conversion (parsed much faster than TOML), or, when
/// there is none or it does not parse, from its TOML text, so the error is the TOML parser's.
fn parse_builtin(file: &str, text: &str) -> Result<Provider, String> {
    catalog_json::JSON
        .binary_search_by(|(f, _)| (*f).cmp(file))
        .ok()
        .and_then(|i| serde_json::from_str::<Provider>(catalog_json::JSON[i].1).ok())
        .map_or_else(|| parse_provider(text), Ok)
}

/// The built-in catalog and the files that failed to load.
fn load_builtin() -> (Catalog, Vec<LoadError>) {
    let mut providers = Vec::new();
    let mut errors = Vec::new();
    for (file, text) in catalog::FILES {
        match parse_builtin(file, text) {
            Ok(p) => providers.push(withhold_unverified(p)),
            Err(message) => errors.push(LoadError { file, message }),
        }
    }
    providers.sort_by(|a, b| a.id.cmp(&b.id));
    (Catalog::new(providers), errors)
}

/// A built-in entry as rules and `build` see it: every fact without a `verified` date is removed and
/// named in `unverified`. An entry whose `recognize` is unverified is never recognised. (Entries of
/// `specc.toml` are the user's own statements and are used as written.)
pub fn withhold_unverified(mut p: Provider) -> Provider {
    let mut gone = Vec::new();
    if p.recognize.verified.is_none() {
        gone.push("recognize".to_string());
    }
    fn keep<T>(slot: &mut Option<T>, verified: impl Fn(&T) -> bool, name: &str, gone: &mut Vec<String>) {
        if slot.as_ref().is_some_and(|f| !verified(f)) {
            *slot = None;
            gone.push(name.to_string());
        }
    }
    keep(&mut p.authorization, |f| f.verified.is_some(), "authorization", &mut gone);
    keep(&mut p.token, |f| f.verified.is_some(), "token", &mut gone);
    keep(&mut p.scope_delimiter, |f| f.verified.is_some(), "scope_delimiter", &mut gone);
    keep(&mut p.refresh, |f| f.verified.is_some(), "refresh", &mut gone);
    keep(&mut p.client_auth, |f| f.verified.is_some(), "client_auth", &mut gone);
    keep(&mut p.pkce, |f| f.verified.is_some(), "pkce", &mut gone);
    keep(&mut p.redirect_uri, |f| f.verified.is_some(), "redirect_uri", &mut gone);
    for d in p.deprecated.iter().filter(|d| d.verified.is_none()) {
        gone.push(format!("deprecated {}", d.url));
    }
    p.deprecated.retain(|d| d.verified.is_some());
    for prm in p.parameters.iter().filter(|d| d.verified.is_none()) {
        gone.push(format!("parameter {}", prm.name));
    }
    p.parameters.retain(|d| d.verified.is_some());
    p.unverified = gone;
    p
}

static BUILTIN: OnceLock<(Catalog, Vec<LoadError>)> = OnceLock::new();

impl Catalog {
    /// The catalog embedded in the binary, parsed once.
    pub fn builtin() -> &'static Catalog {
        &BUILTIN.get_or_init(load_builtin).0
    }

    /// Errors of the embedded files (empty in a correct build; tests assert it).
    pub fn builtin_errors() -> &'static [LoadError] {
        &BUILTIN.get_or_init(load_builtin).1
    }

    /// The embedded files as `(file name, text)`.
    pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
        catalog::FILES
    }

    /// This catalog with `extra` entries added; an entry with an existing id replaces it.
    pub fn with(&self, extra: &[Provider]) -> Catalog {
        let mut providers = self.providers.clone();
        for p in extra {
            match providers.iter_mut().find(|q| q.id == p.id) {
                Some(q) => *q = p.clone(),
                None => providers.push(p.clone()),
            }
        }
        providers.sort_by(|a, b| a.id.cmp(&b.id));
        Catalog::new(providers)
    }

    fn new(providers: Vec<Provider>) -> Catalog {
        Catalog { providers, hosts: OnceLock::new() }
    }

    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }

    pub fn get(&self, id: &str) -> Option<&Provider> {
        let id = id.to_ascii_lowercase();
        self.providers.iter().find(|p| p.id == id || p.name.eq_ignore_ascii_case(&id))
    }

    /// The provider whose host patterns match the URL (the most specific pattern wins; of equally
    /// specific ones, the first in catalog order). Only the patterns indexed under the host's last two
    /// labels and those with a placeholder there are tried.
    pub fn recognize(&self, url: &str) -> Option<&Provider> {
        let host = url_host(url)?;
        let path = url_path(url);
        let index = self.hosts.get_or_init(|| HostIndex::new(&self.providers));
        let keyed = index.by_key.get(last_two_labels(&host)).map_or(&[][..], Vec::as_slice);
        let mut best: Option<(usize, (usize, usize))> = None;
        for &(i, j, literal) in keyed.iter().chain(&index.anywhere) {
            if best.is_some_and(|(l, at)| literal < l || (literal == l && at < (i, j))) {
                continue;
            }
            let Some(p) = self.providers.get(i) else { continue };
            if !p.recognize.paths.is_empty() && !p.recognize.paths.iter().any(|pre| path_prefix_matches(pre, path)) {
                continue;
            }
            if p.recognize.hosts.get(j).is_some_and(|pat| host_matches(pat, &host)) {
                best = Some((literal, (i, j)));
            }
        }
        best.and_then(|(_, (i, _))| self.providers.get(i))
    }
}

fn placeholder_len(pat: &str) -> usize {
    let mut n = 0;
    let mut rest = pat;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        n += close + 1;
        rest = &rest[open + close + 1..];
    }
    n
}

/// The host part of a URL or URL template, lowercased: between `://` and the first `/`, `?` or `#`
/// (outside braces), without user info or port. Templates (`{{sub}}.example.com`) are kept as written.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let mut depth = 0usize;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '/' | '?' | '#' if depth == 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let authority = &rest[..end];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => authority,
    };
    if host.is_empty() {
        return None;
    }
    Some(host.to_ascii_lowercase())
}

/// The path of a URL (from the first `/` after the host, without query or fragment).
pub fn url_path(url: &str) -> &str {
    let Some((_, rest)) = url.split_once("://") else { return "" };
    let Some(slash) = rest.find('/') else { return "" };
    let path = &rest[slash..];
    let end = path.find(['?', '#']).unwrap_or(path.len());
    &path[..end]
}

/// Whether a path starts with a prefix pattern (`/{tenant}/oauth2/v2.0/`), `{name}` standing for one
/// path segment.
pub fn path_prefix_matches(pattern: &str, path: &str) -> bool {
    prefix_glob(pattern.as_bytes(), path.as_bytes())
}

fn prefix_glob(pat: &[u8], s: &[u8]) -> bool {
    match pat.first() {
        None => true,
        Some(b'{') => {
            let Some(close) = pat.iter().position(|&b| b == b'}') else { return s.starts_with(pat) };
            let rest = &pat[close + 1..];
            let seg = s.iter().position(|&b| b == b'/').unwrap_or(s.len());
            (1..=seg).any(|k| prefix_glob(rest, &s[k..]))
        }
        Some(&c) => s.first().is_some_and(|&h| h.eq_ignore_ascii_case(&c)) && prefix_glob(&pat[1..], &s[1..]),
    }
}

/// Whether `host` matches a pattern in which each `{name}` stands for one or more characters.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    glob(pattern.as_bytes(), host.as_bytes())
}

fn glob(pat: &[u8], s: &[u8]) -> bool {
    match pat.first() {
        None => s.is_empty(),
        Some(b'{') => {
            let Some(close) = pat.iter().position(|&b| b == b'}') else { return pat == s };
            let rest = &pat[close + 1..];
            (1..=s.len()).any(|k| glob(rest, &s[k..]))
        }
        Some(&c) => s.first().is_some_and(|&h| h.eq_ignore_ascii_case(&c)) && glob(&pat[1..], &s[1..]),
    }
}

/// The `{name}` placeholders of a URL template, in order.
pub fn template_placeholders(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        if !name.is_empty() && !name.contains('{') {
            out.push(name);
        }
        rest = &rest[open + close + 1..];
    }
    out
}

impl Provider {
    /// Every `(fact, source)` pair of the entry, for listings and the source check.
    pub fn sources(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![("recognize", self.recognize.source.as_str())];
        if let Some(e) = &self.authorization {
            v.push(("authorization", e.source.as_str()));
        }
        if let Some(e) = &self.token {
            v.push(("token", e.source.as_str()));
        }
        for d in &self.deprecated {
            v.push(("deprecated", d.source.as_str()));
        }
        if let Some(s) = &self.scope_delimiter {
            v.push(("scope_delimiter", s.source.as_str()));
        }
        if let Some(r) = &self.refresh {
            v.push(("refresh", r.source.as_str()));
        }
        if let Some(c) = &self.client_auth {
            v.push(("client_auth", c.source.as_str()));
        }
        if let Some(p) = &self.pkce {
            v.push(("pkce", p.source.as_str()));
        }
        if let Some(r) = &self.redirect_uri {
            v.push(("redirect_uri", r.source.as_str()));
        }
        for p in &self.parameters {
            v.push(("parameters", p.source.as_str()));
        }
        v
    }

    /// Every `(fact, verified date)` pair of the entry (facts without a date are left out).
    pub fn verified_dates(&self) -> Vec<(&'static str, &str)> {
        let mut all: Vec<(&'static str, &Option<String>)> = vec![("recognize", &self.recognize.verified)];
        all.extend(self.authorization.iter().map(|e| ("authorization", &e.verified)));
        all.extend(self.token.iter().map(|e| ("token", &e.verified)));
        all.extend(self.deprecated.iter().map(|d| ("deprecated", &d.verified)));
        all.extend(self.scope_delimiter.iter().map(|f| ("scope_delimiter", &f.verified)));
        all.extend(self.refresh.iter().map(|f| ("refresh", &f.verified)));
        all.extend(self.client_auth.iter().map(|f| ("client_auth", &f.verified)));
        all.extend(self.pkce.iter().map(|f| ("pkce", &f.verified)));
        all.extend(self.redirect_uri.iter().map(|f| ("redirect_uri", &f.verified)));
        all.extend(self.parameters.iter().map(|f| ("parameters", &f.verified)));
        all.into_iter().filter_map(|(fact, d)| d.as_deref().map(|d| (fact, d))).collect()
    }

    /// The deprecated entry an endpoint URL falls under.
    pub fn deprecated_for(&self, url: &str) -> Option<&Deprecated> {
        let lower = url.to_ascii_lowercase();
        self.deprecated.iter().find(|d| {
            let prefix = d.url.to_ascii_lowercase();
            lower.starts_with(&prefix)
                && lower[prefix.len()..].chars().next().is_none_or(|c| matches!(c, '?' | '#' | '/'))
        })
    }

    /// Placeholders the current endpoints need filled (`subdomain`, `tenant`, `shop`).
    pub fn tenant_placeholders(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for e in [&self.authorization, &self.token].into_iter().flatten() {
            for p in template_placeholders(&e.url) {
                if !v.contains(&p) {
                    v.push(p);
                }
            }
        }
        v
    }
}

/// Checks an entry beyond its shape: sources are public `https` URLs, ids are kebab-case, the fields
/// each `refresh.how` needs are there. Returns `(field, message)` problems.
pub fn validate(p: &Provider) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if p.id.is_empty() || !p.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        out.push(("id".to_string(), format!("`{}` is not a kebab-case identifier", p.id)));
    }
    if p.recognize.hosts.is_empty() {
        out.push(("recognize.hosts".to_string(), "lists no host".to_string()));
    }
    for (fact, src) in p.sources() {
        if !src.starts_with("https://") || src.contains(' ') || src.len() < 12 {
            out.push((format!("{fact}.source"), format!("`{src}` is not a public https URL")));
        }
    }
    for (fact, date) in p.verified_dates() {
        if !is_date(date) {
            out.push((format!("{fact}.verified"), format!("`{date}` is not a date (YYYY-MM-DD)")));
        }
    }
    if let Some(r) = &p.refresh {
        match r.how {
            RefreshHow::Parameter if r.parameter.is_none() || r.value.is_none() => {
                out.push(("refresh".to_string(), "`how = \"parameter\"` needs `parameter` and `value`".to_string()))
            }
            RefreshHow::Scope if r.scopes.is_empty() => {
                out.push(("refresh".to_string(), "`how = \"scope\"` needs `scopes`".to_string()))
            }
            _ => {}
        }
    }
    if let Some(s) = &p.scope_delimiter {
        for d in &s.accepted {
            if d != " " && d != "," && d != "+" {
                out.push(("scope_delimiter.accepted".to_string(), format!("`{d}` is not one of \" \", \",\", \"+\"")));
            }
        }
    }
    if let Some(c) = &p.client_auth {
        for m in &c.methods {
            if !CLIENT_AUTH_METHODS.contains(&m.as_str()) {
                out.push(("client_auth.methods".to_string(), format!("`{m}` is not a known method")));
            }
        }
    }
    out
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit())).and_then(|t| t.parse::<u32>().ok())
    };
    matches!((num(0..4), num(5..7), num(8..10)), (Some(y), Some(m), Some(d)) if y >= 2000 && (1..=12).contains(&m) && (1..=31).contains(&d))
}

/// Token endpoint authentication methods specc knows (IANA "OAuth Token Endpoint Authentication Methods").
pub const CLIENT_AUTH_METHODS: &[&str] =
    &["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "tls_client_auth", "none"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads() {
        assert!(Catalog::builtin_errors().is_empty(), "{:?}", Catalog::builtin_errors());
        assert!(Catalog::builtin().providers().len() >= 50, "{}", Catalog::builtin().providers().len());
        for p in Catalog::builtin().providers() {
            assert!(validate(p).is_empty(), "{}: {:?}", p.id, validate(p));
        }
    }

    #[test]
    fn file_names_are_ids_and_every_file_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../providers");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = catalog::FILES.iter().map(|(f, _)| f.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed, "providers/ and catalog.rs disagree");
        for (file, text) in catalog::FILES {
            let p = parse_provider(text).unwrap();
            assert_eq!(format!("{}.toml", p.id), *file);
        }
    }

    /// The build-time JSON of every file says exactly what its TOML says, and a file that does not
    /// convert falls back to the TOML parse and its error.
    #[test]
    fn json_conversion_matches_toml() {
        let mut converted: Vec<&str> = catalog_json::JSON.iter().map(|(f, _)| *f).collect();
        let listed: Vec<&str> = catalog::FILES.iter().map(|(f, _)| *f).collect();
        assert_eq!(converted, listed, "build.rs converted a different set of files than catalog.rs lists");
        converted.sort_unstable();
        assert_eq!(converted, listed, "the JSON list is not sorted by file name");
        for ((file, text), (_, json)) in catalog::FILES.iter().zip(catalog_json::JSON) {
            let from_json: Provider = serde_json::from_str(json).unwrap();
            assert_eq!(from_json, parse_provider(text).unwrap(), "{file}");
            assert_eq!(parse_builtin(file, text).unwrap(), from_json, "{file}");
        }
        let broken = "id = \"acme\"\nname = 3\n";
        assert_eq!(parse_builtin("acme.toml", broken), parse_provider(broken));
        assert!(parse_builtin("acme.toml", broken).is_err());
    }

    #[test]
    fn host_patterns() {
        assert!(host_matches("{subdomain}.zendesk.com", "acme.zendesk.com"));
        assert!(host_matches("{subdomain}.zendesk.com", "{{subdomain}}.zendesk.com"));
        assert!(!host_matches("{subdomain}.zendesk.com", "zendesk.com"));
        assert!(!host_matches("{subdomain}.zendesk.com", "acme.zendesk.com.evil.test"));
        assert_eq!(url_host("https://{{ a/b }}.example.com:443/x?y").as_deref(), Some("{{ a/b }}.example.com"));
        assert_eq!(url_path("https://h/a/b?c"), "/a/b");
        assert_eq!(template_placeholders("https://{shop}.myshopify.com/{x}"), ["shop", "x"]);
    }

    #[test]
    fn recognition() {
        let c = Catalog::builtin();
        assert_eq!(c.recognize("https://accounts.google.com/o/oauth2/auth").map(|p| p.id.as_str()), Some("google"));
        assert_eq!(
            c.recognize("https://login.microsoftonline.com/common/oauth2/v2.0/token").map(|p| p.id.as_str()),
            Some("microsoft")
        );
        assert_eq!(c.recognize("https://acme.zendesk.com/oauth/tokens").map(|p| p.id.as_str()), Some("zendesk"));
        assert!(c.recognize("https://auth.example.com/authorize").is_none());
    }

    /// The indexed lookup answers what trying every pattern of every provider in order answers: on
    /// each built-in pattern with its placeholders filled (and in upper case), with and without the
    /// provider's paths, on look-alike hosts, and on patterns that share their literal length.
    #[test]
    fn indexed_recognition_matches_trying_every_pattern() {
        fn every_pattern<'a>(c: &'a Catalog, url: &str) -> Option<&'a Provider> {
            let host = url_host(url)?;
            let path = url_path(url);
            let mut best: Option<(usize, &Provider)> = None;
            for p in c.providers() {
                if p.unverified.iter().any(|f| f == "recognize")
                    || (!p.recognize.paths.is_empty()
                        && !p.recognize.paths.iter().any(|pre| path_prefix_matches(pre, path)))
                {
                    continue;
                }
                for pat in &p.recognize.hosts {
                    let literal = pat.len() - placeholder_len(pat);
                    if host_matches(pat, &host) && best.is_none_or(|(l, _)| literal > l) {
                        best = Some((literal, p));
                    }
                }
            }
            best.map(|(_, p)| p)
        }
        let twins = parse_provider(
            "id = \"a-twin\"\nname = \"A\"\n[recognize]\nhosts = [\"{x}.shared.test\", \"{x}.example\", \"{x}\"]\nsource = \"https://a.test/docs\"\n",
        )
        .unwrap();
        let other = parse_provider(
            "id = \"b-twin\"\nname = \"B\"\n[recognize]\nhosts = [\"{y}.shared.test\", \"login.{region}.b.test\"]\nsource = \"https://b.test/docs\"\n",
        )
        .unwrap();
        let catalogs = [Catalog::builtin().clone(), Catalog::builtin().with(&[twins, other])];
        let mut urls = vec![
            "https://acme.shared.test/x".to_string(),
            "https://login.eu.b.test/authorize".to_string(),
            "https://localhost/x".to_string(),
            "https://zendesk.com/x".to_string(),
            "https://{{ tenant }}.zendesk.com/oauth/tokens".to_string(),
            "https://auth.example.com/authorize".to_string(),
        ];
        for p in Catalog::builtin().providers() {
            for pat in &p.recognize.hosts {
                let filled = pat.replace(['{', '}'], "");
                let paths = p.recognize.paths.iter().map(|x| x.replace(['{', '}'], ""));
                for path in paths.chain(["/oauth/authorize".to_string()]) {
                    for host in [
                        filled.clone(),
                        filled.to_ascii_uppercase(),
                        format!("x{filled}"),
                        format!("{filled}.evil.test"),
                    ] {
                        urls.push(format!("https://{host}{path}"));
                    }
                }
            }
        }
        for c in &catalogs {
            for url in &urls {
                assert_eq!(c.recognize(url).map(|p| &p.id), every_pattern(c, url).map(|p| &p.id), "{url}");
            }
        }
        assert_eq!(catalogs[1].recognize("https://acme.shared.test/x").map(|p| p.id.as_str()), Some("a-twin"));
        assert_eq!(catalogs[1].recognize("https://login.eu.b.test/x").map(|p| p.id.as_str()), Some("b-twin"));
    }

    /// A built-in fact without a `verified` date never reaches rules or `build`; an entry whose hosts
    /// are unverified is not recognised at all.
    #[test]
    fn unverified_facts_are_withheld() {
        let text = "id = \"acme\"\nname = \"Acme\"\n\
            recognize = { hosts = [\"auth.acme.test\"], source = \"https://acme.test/docs\", verified = \"2026-12-01\" }\n\
            scope_delimiter = { accepted = [\",\"], source = \"https://acme.test/docs\", verified = \"2026-12-01\" }\n\
            pkce = { support = \"required\", source = \"https://acme.test/docs\" }\n\
            deprecated = [{ url = \"https://auth.acme.test/old\", source = \"https://acme.test/docs\" }]\n";
        let p = withhold_unverified(parse_provider(text).unwrap());
        assert!(p.scope_delimiter.is_some());
        assert!(p.pkce.is_none() && p.deprecated.is_empty());
        assert_eq!(p.unverified, ["pkce", "deprecated https://auth.acme.test/old"]);
        let c = Catalog::new(vec![p]);
        assert_eq!(c.recognize("https://auth.acme.test/authorize").map(|p| p.id.as_str()), Some("acme"));
        let unrecognised =
            withhold_unverified(parse_provider(&text.replacen(", verified = \"2026-12-01\"", "", 1)).unwrap());
        assert_eq!(unrecognised.unverified.first().map(String::as_str), Some("recognize"));
        let c = Catalog::new(vec![unrecognised]);
        assert!(c.recognize("https://auth.acme.test/authorize").is_none());
        // The date is checked.
        let bad = parse_provider(&text.replacen("2026-12-01", "2026-13-01", 1)).unwrap();
        assert!(validate(&bad).iter().any(|(f, _)| f == "recognize.verified"), "{:?}", validate(&bad));
    }

    /// Every fact a rule or `build` acts on in the built-in catalog was checked against its source:
    /// the rules' corpus findings (Google, Slack) and the PKCE-required providers keep theirs.
    #[test]
    fn builtin_facts_the_rules_rely_on_are_verified() {
        let c = Catalog::builtin();
        let google = c.get("google").unwrap();
        assert!(google.refresh.is_some() && !google.deprecated.is_empty(), "{:?}", google.unverified);
        let slack = c.get("slack").unwrap();
        assert!(slack.scope_delimiter.is_some() && !slack.deprecated.is_empty(), "{:?}", slack.unverified);
        for id in ["airtable", "dropbox", "microsoft", "notion", "zendesk"] {
            let p = c.get(id).unwrap();
            assert!(!p.unverified.iter().any(|f| f == "recognize"), "{id}: {:?}", p.unverified);
        }
    }

    #[test]
    fn user_entries_override() {
        let extra = parse_provider(
            "id = \"google\"\nname = \"In-house\"\n[recognize]\nhosts = [\"sso.example.com\"]\nsource = \"https://sso.example.com/docs\"\n",
        )
        .unwrap();
        let c = Catalog::builtin().with(&[extra]);
        assert_eq!(c.get("google").map(|p| p.name.as_str()), Some("In-house"));
        assert_eq!(c.providers().len(), Catalog::builtin().providers().len());
    }

    /// The schema describes the same format as the types: every file validates, and an entry with a
    /// fact that lost its source does not.
    #[test]
    fn catalog_matches_schema_and_every_fact_needs_a_source() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        for (file, text) in catalog::FILES {
            let value: serde_json::Value = toml::from_str(text).unwrap();
            let errors: Vec<String> =
                validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
            assert!(errors.is_empty(), "{file}: {errors:?}");
            // Remove each fact's source in turn: both the schema and the parser must refuse it.
            let obj = value.as_object().unwrap();
            for (key, fact) in obj {
                let mut targets: Vec<serde_json::Value> = Vec::new();
                if fact.get("source").is_some() {
                    let mut v = value.clone();
                    v[key].as_object_mut().unwrap().remove("source");
                    targets.push(v);
                }
                if let Some(items) = fact.as_array() {
                    for i in 0..items.len() {
                        let mut v = value.clone();
                        if v[key][i].as_object_mut().and_then(|o| o.remove("source")).is_some() {
                            targets.push(v);
                        }
                    }
                }
                for t in targets {
                    assert!(!validator.is_valid(&t), "{file}: `{key}` without a source passes the schema");
                    let back = toml::to_string(&t).unwrap();
                    assert!(parse_provider(&back).is_err(), "{file}: `{key}` without a source parses");
                }
            }
        }
    }
}
