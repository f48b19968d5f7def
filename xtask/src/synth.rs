//! `cargo xtask synth DIR [--elasticio N] [--membrane M] [--keboola K] [--seed S]`: a synthetic scale set.
//!
//! Writes N elastic.io components (`elasticio/<slug>/component.json`), M Membrane connector directories
//! (`membrane/<slug>/spec.yml`, `auth/*.map.yml`, JS hooks) and K Keboola files (`keboola/<slug>/config.json`
//! with `authorization.oauth_api`, or `keboola/registrations/<slug>.json` OAuth Manager bodies), shaped
//! after the platform documents and the real corpus but made up from word lists. Most are fine; a steady
//! share carries one of the mistakes people make (plain-http endpoints, a missing token URL, legacy
//! `envVars` keys, a `{{VAR}}` link nothing declares, a literal secret, skipped PKCE, unbalanced braces…).
//!
//! Output is a pure function of the parameters: each item draws from its own xorshift stream derived from
//! the seed, its dialect and its index, so growing N does not change the first N items.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context};
use serde_json::{json, Map, Value};

pub const DEFAULT_SEED: u64 = 0x5bec_c0a7_2025;
/// Bump when the generated files change shape, so cached sets are regenerated.
const GENERATOR_VERSION: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub elasticio: usize,
    pub membrane: usize,
    pub keboola: usize,
    pub seed: u64,
}

impl Params {
    pub fn manifests(&self) -> usize {
        self.elasticio + self.membrane + self.keboola
    }
    pub fn describe(&self) -> String {
        format!("{} elastic.io, {} Membrane, {} Keboola", self.elasticio, self.membrane, self.keboola)
    }
    /// What a cached set was generated from.
    pub fn stamp(&self) -> String {
        format!(
            "synth v{GENERATOR_VERSION} seed={:#x} elasticio={} membrane={} keboola={}\n",
            self.seed, self.elasticio, self.membrane, self.keboola
        )
    }
}

pub fn run_cli(args: &[String]) -> anyhow::Result<bool> {
    const USAGE: &str = "usage: cargo xtask synth DIR [--elasticio N] [--membrane M] [--keboola K] [--seed S]";
    let mut dir = None;
    let mut p = Params { elasticio: 100, membrane: 100, keboola: 100, seed: DEFAULT_SEED };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num = |name: &str| -> anyhow::Result<u64> {
            let v = it.next().with_context(|| format!("{name} needs a number; {USAGE}"))?;
            let parsed = match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => v.parse(),
            };
            parsed.with_context(|| format!("{name} {v}: not a number"))
        };
        match a.as_str() {
            "--elasticio" => p.elasticio = usize::try_from(num(a)?)?,
            "--membrane" => p.membrane = usize::try_from(num(a)?)?,
            "--keboola" => p.keboola = usize::try_from(num(a)?)?,
            "--seed" => p.seed = num(a)?,
            s if s.starts_with('-') => bail!("unknown option {s}; {USAGE}"),
            s if dir.is_none() => dir = Some(s.to_string()),
            s => bail!("unexpected argument {s}; {USAGE}"),
        }
    }
    let dir = dir.context(USAGE)?;
    let summary = generate(Path::new(&dir), &p)?;
    println!("{summary}");
    Ok(true)
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub manifests: usize,
    pub files: usize,
    pub bytes: u64,
    pub with_mistakes: usize,
    pub dir: String,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "synth: {} manifests ({} with a deliberate mistake) in {} files, {:.1} MiB, under {}",
            self.manifests,
            self.with_mistakes,
            self.files,
            self.bytes as f64 / (1024.0 * 1024.0),
            self.dir
        )
    }
}

/// Generates the set into `dir` (created if needed; existing files with the same names are overwritten).
pub fn generate(dir: &Path, p: &Params) -> anyhow::Result<Summary> {
    let mut w = Writer { summary: Summary { dir: dir.display().to_string(), ..Summary::default() } };
    for i in 0..p.elasticio {
        let mut rng = Rng::for_item(p.seed, 1, i);
        let (slug, text, mistake) = elasticio(&mut rng, i);
        w.file(&dir.join("elasticio").join(&slug).join("component.json"), &text)?;
        w.manifest(mistake);
    }
    for i in 0..p.membrane {
        let mut rng = Rng::for_item(p.seed, 2, i);
        let (slug, files, mistake) = membrane(&mut rng, i);
        for (rel, text) in files {
            w.file(&dir.join("membrane").join(&slug).join(rel), &text)?;
        }
        w.manifest(mistake);
    }
    for i in 0..p.keboola {
        let mut rng = Rng::for_item(p.seed, 3, i);
        let (rel, text, mistake) = keboola(&mut rng, i);
        w.file(&dir.join("keboola").join(rel), &text)?;
        w.manifest(mistake);
    }
    Ok(w.summary)
}

struct Writer {
    summary: Summary,
}

impl Writer {
    fn file(&mut self, path: &Path, text: &str) -> anyhow::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
        }
        std::fs::write(path, text).with_context(|| path.display().to_string())?;
        self.summary.files += 1;
        self.summary.bytes += text.len() as u64;
        Ok(())
    }
    fn manifest(&mut self, mistake: bool) {
        self.summary.manifests += 1;
        self.summary.with_mistakes += usize::from(mistake);
    }
}

/// xorshift64* — small, fast, and good enough to pick words.
struct Rng(u64);

impl Rng {
    fn for_item(seed: u64, dialect: u64, index: usize) -> Rng {
        // SplitMix64 finaliser over (seed, dialect, index), so neighbouring items get unrelated streams.
        let mut z =
            seed ^ dialect.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (index as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_f491_4f6c_dd1d } else { z })
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const PREFIX: &[&str] = &[
    "north", "blue", "quick", "bright", "iron", "silver", "cedar", "pine", "atlas", "nova", "delta", "apex", "summit",
    "harbor", "lumen", "orbit", "vertex", "pixel", "cloud", "amber", "coral", "echo", "flux", "granite", "helix",
    "indigo", "juniper", "kestrel", "lattice", "meadow", "nimbus", "onyx", "prism", "quarry", "ripple", "sable",
];
const SUFFIX: &[&str] = &[
    "desk", "books", "mail", "crm", "sheets", "pay", "ship", "hub", "forms", "chat", "tasks", "drive", "cal", "base",
    "ledger", "track", "notes", "sign", "hr", "stock", "cart", "survey", "ads", "files",
];
const NOUNS: &[&str] = &[
    "contact",
    "deal",
    "invoice",
    "order",
    "ticket",
    "file",
    "folder",
    "message",
    "event",
    "customer",
    "product",
    "lead",
    "task",
    "project",
    "payment",
    "shipment",
    "employee",
    "report",
    "campaign",
    "subscriber",
];
const VERBS: &[&str] = &["create", "update", "delete", "lookup", "upsert", "list", "archive", "send", "attach", "sync"];
const SCOPE_WORDS: &[&str] = &["read", "write", "admin", "offline_access", "profile", "email", "openid", "manage"];
const VIEW_CLASSES: &[&str] = &["TextFieldView", "SelectView", "CheckBoxView", "TextAreaView", "PasswordFieldView"];

struct Vendor {
    /// `northdesk`
    slug: String,
    /// `Northdesk`
    title: String,
    /// `NORTHDESK`
    env: String,
    /// `northdesk.com`
    domain: String,
}

fn vendor(rng: &mut Rng, index: usize) -> Vendor {
    let a = rng.pick(PREFIX);
    let b = rng.pick(SUFFIX);
    let base = format!("{a}{b}");
    let mut title = base.clone();
    if let Some(first) = title.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    let tld = rng.pick(&["com", "io", "net", "app", "co"]);
    Vendor {
        slug: format!("{base}-{index:05}"),
        title,
        env: base.to_ascii_uppercase(),
        domain: format!("{base}.{tld}"),
    }
}

fn camel(verb: &str, noun: &str) -> String {
    let mut s = verb.to_string();
    let mut n = noun.to_string();
    if let Some(first) = n.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s.push_str(&n);
    s
}

fn scopes(rng: &mut Rng, v: &Vendor) -> Vec<String> {
    let n = rng.range(1, 5);
    let style = rng.below(3);
    (0..n)
        .map(|_| {
            let noun = rng.pick(NOUNS);
            let word = rng.pick(SCOPE_WORDS);
            match style {
                0 => format!("{noun}s.{word}"),
                1 => format!("https://api.{}/auth/{noun}s.{word}", v.domain),
                _ => format!("{word}:{noun}"),
            }
        })
        .collect()
}

/// One elastic.io trigger or action.
fn elasticio_function(rng: &mut Rng, v: &Vendor, kind: &str) -> (String, Value) {
    let noun = rng.pick(NOUNS);
    let verb = if kind == "triggers" { rng.pick(&["get", "poll", "watch"]) } else { rng.pick(VERBS) };
    let key = camel(verb, noun);
    let mut fields = Map::new();
    for f in 0..rng.range(0, 4) {
        let view = rng.pick(VIEW_CLASSES);
        let mut field = json!({
            "label": format!("{} {}", camel("", rng.pick(NOUNS)), rng.pick(&["ID", "Name", "Filter", "Limit", "Mode"])).trim().to_string(),
            "viewClass": view,
            "required": rng.chance(40),
        });
        if view == "SelectView" {
            field["prompt"] = json!(format!("Select a {noun}"));
            field["model"] = if rng.chance(50) {
                json!(format!("get{}s", camel("", noun)))
            } else {
                json!({ "all": "Emit all", "individually": "Emit individually", "page": "Emit page" })
            };
        } else if rng.chance(50) {
            field["placeholder"] = json!(format!("e.g. {}", rng.range(10, 5000)));
            field["note"] = json!(format!("Leave empty to use the {} default.", v.title));
        }
        fields.insert(format!("{}{f}", rng.pick(&["field", "option", "param"])), field);
    }
    let mut func = json!({
        "title": format!("{} {}", camel("", verb).trim(), noun),
        "main": format!("./lib/{kind}/{key}.js"),
        "help": {
            "description": format!("{} a {noun} in {}", camel("", verb), v.title),
            "link": format!("/components/{}/index.html#{}-{noun}", v.slug, verb),
        },
    });
    if kind == "triggers" {
        func["type"] = json!("polling");
    }
    if !fields.is_empty() {
        func["fields"] = Value::Object(fields);
    }
    func["metadata"] = if rng.chance(30) {
        json!({ "in": {}, "out": {} })
    } else {
        json!({
            "in": format!("./lib/schemas/{key}.in.json"),
            "out": format!("./lib/schemas/{key}.out.json"),
        })
    };
    if kind == "actions" && rng.chance(30) {
        func["dynamicMetadata"] = json!(true);
    }
    (key, func)
}

/// An elastic.io `component.json`: returns (directory name, text, has a deliberate mistake).
fn elasticio(rng: &mut Rng, index: usize) -> (String, String, bool) {
    let v = vendor(rng, index);
    let id_var = format!("{}_{}", v.env, rng.pick(&["CLIENT_ID", "APP_ID", "OAUTH_CLIENT_ID", "KEY"]));
    let secret_var =
        format!("{}_{}", v.env, rng.pick(&["CLIENT_SECRET", "APP_SECRET", "OAUTH_CLIENT_SECRET", "SECRET"]));
    // At most one mistake per file, so each one is easy to see in a report.
    let mistake = if rng.chance(35) { rng.range(1, 8) } else { 0 };

    let mut root = Map::new();
    root.insert("title".into(), json!(v.title));
    root.insert("description".into(), json!(format!("elastic.io integration component for the {} REST API", v.title)));
    root.insert("version".into(), json!(format!("{}.{}.{}", rng.range(1, 4), rng.range(0, 12), rng.range(0, 20))));
    root.insert("buildType".into(), json!("docker"));
    if rng.chance(50) {
        root.insert("authClientTypes".into(), json!(["oauth2"]));
    }
    let mut env = Map::new();
    env.insert(
        id_var.clone(),
        json!({ "required": true, "description": format!("Your {} OAuth client key", v.title) }),
    );
    env.insert(
        secret_var.clone(),
        json!({ "required": true, "description": format!("Your {} OAuth client secret", v.title) }),
    );
    if rng.chance(30) {
        env.insert(format!("{}_API_VERSION", v.env), json!({ "required": false, "description": "API version" }));
    }
    // Mistake 1: the legacy form: OAuth keys only as envVars, no oauth2 block.
    if mistake == 1 {
        env = Map::new();
        env.insert("OAUTH_CLIENT_ID".into(), json!({ "required": true, "description": "OAuth client key" }));
        env.insert("OAUTH_CLIENT_SECRET".into(), json!({ "required": true, "description": "OAuth client secret" }));
    }
    root.insert("envVars".into(), Value::Object(env));

    let auth_host =
        if mistake == 5 { format!("{{{{{}_SUBDOMAIN}}}}.{}", v.env, v.domain) } else { format!("login.{}", v.domain) };
    let scheme = |is_bad: bool| if is_bad { "http" } else { "https" };
    let mut oauth2 = Map::new();
    // Mistake 3: a {{VAR}} link to a variable envVars does not declare (a typo).
    let id_link = if mistake == 3 { format!("{{{{{}_CLIENTID}}}}", v.env) } else { format!("{{{{{id_var}}}}}") };
    oauth2.insert("client_id".into(), json!(id_link));
    // Mistake 6: a literal secret instead of a link.
    let secret = if mistake == 6 {
        json!(format!("s3cr3t-{:016x}", rng.next()))
    } else {
        json!(format!("{{{{{secret_var}}}}}"))
    };
    oauth2.insert("client_secret".into(), secret);
    oauth2.insert("auth_uri".into(), json!(format!("https://{auth_host}/oauth2/authorize")));
    // Mistake 4: no token_uri; mistake 2: plain http.
    if mistake != 4 {
        oauth2.insert("token_uri".into(), json!(format!("{}://{auth_host}/oauth2/token", scheme(mistake == 2))));
    }
    if rng.chance(70) {
        oauth2.insert("scopes".into(), json!(scopes(rng, &v)));
    }
    if rng.chance(30) {
        oauth2.insert("access_type".into(), json!("offline"));
        oauth2.insert("prompt".into(), json!("consent"));
    }
    let mut fields = Map::new();
    fields
        .insert("oauth".into(), json!({ "label": "Authentication", "viewClass": "OAuthFieldView", "required": true }));
    if mistake == 5 {
        fields.insert(
            "subdomain".into(),
            json!({ "label": "Subdomain", "viewClass": "TextFieldView", "required": true, "placeholder": "acme" }),
        );
    }
    let mut credentials = Map::new();
    credentials.insert("fields".into(), Value::Object(fields));
    // Mistake 1 has no oauth2 block; mistake 7 keeps `useOAuthClient` but drops the block.
    if mistake != 1 && mistake != 7 {
        credentials.insert("oauth2".into(), Value::Object(oauth2));
    }
    root.insert("credentials".into(), Value::Object(credentials));
    if mistake != 1 {
        root.insert("useOAuthClient".into(), json!(true));
    }

    for kind in ["triggers", "actions"] {
        let n = if kind == "triggers" { rng.range(1, 3) } else { rng.range(1, 6) };
        let mut m = Map::new();
        for _ in 0..n {
            let (k, f) = elasticio_function(rng, &v, kind);
            m.insert(k, f);
        }
        root.insert(kind.into(), Value::Object(m));
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    // Mistake 8: the platform document's own example, pasted as is: `useOAuthClient` inside
    // `credentials` and one closing brace too many.
    if mistake == 8 {
        if let Some(at) = text.find("\"oauth2\": {").and_then(|o| text[o..].find("\n    }").map(|c| o + c + 6)) {
            text.insert_str(at, ",\n    \"useOAuthClient\": true\n  }");
        }
    }
    text.push('\n');
    (v.slug, text, mistake != 0)
}

/// A Membrane connector directory: returns (directory name, [(relative path, text)], mistake).
fn membrane(rng: &mut Rng, index: usize) -> (String, Vec<(String, String)>, bool) {
    let v = vendor(rng, index);
    let mistake = if rng.chance(35) { rng.range(1, 6) } else { 0 };
    let scopes = scopes(rng, &v);
    let key = v.slug.clone();
    let mut files = Vec::new();

    let mut spec = String::new();
    let _ = writeln!(spec, "key: {key}");
    let _ = writeln!(spec, "name: {}", v.title);
    let _ = writeln!(spec, "logoUri: https://static.integration.app/connectors/{key}/logo.png");
    let _ = writeln!(spec, "appUri: https://{}", v.domain);
    let _ = writeln!(spec, "apiDocsUri: https://developers.{}/docs/api", v.domain);
    let _ = writeln!(spec, "connectionMode: {}", rng.pick(&["popup", "iframe"]));
    let _ = writeln!(spec, "parametersSchema:\n  type: object\n  properties:");
    let _ = writeln!(spec, "    clientId:\n      type: string\n      title: Client ID");
    let _ = writeln!(spec, "    clientSecret:\n      type: string\n      title: Client Secret");
    let _ = writeln!(spec, "    scopes:\n      type: array\n      items:\n        type: string\n      default:");
    for s in &scopes {
        let _ = writeln!(spec, "        - {s}");
    }
    if rng.chance(50) {
        let _ = writeln!(spec, "api:\n  type: openapi\n  path: api/openapi.yml");
    }
    let _ = writeln!(spec, "auth:");
    let _ = writeln!(spec, "  type: oauth2");
    let _ = writeln!(spec, "  title: {} OAuth", v.title);
    let _ = writeln!(spec, "  credentialsSchema:\n    type: object\n    properties:");
    for (name, title) in
        [("access_token", "Access Token"), ("refresh_token", "Refresh Token"), ("expires_in", "Expires In")]
    {
        let _ = writeln!(
            spec,
            "      {name}:\n        type: {}\n        title: {title}",
            if name == "expires_in" { "number" } else { "string" }
        );
    }
    // Mistake 5: getOAuthConfig says javascript, but only the mapping file exists.
    let config_impl = if mistake == 5 { "javascript" } else { "mapping" };
    let _ = writeln!(spec, "  getOAuthConfig:\n    implementationType: {config_impl}");
    let _ = writeln!(spec, "  makeApiClient:\n    implementationType: mapping");
    let _ = writeln!(spec, "  test:\n    implementationType: javascript");
    let refresh = rng.chance(30);
    if refresh {
        let _ = writeln!(spec, "  refreshCredentials:\n    implementationType: javascript");
    }
    let token_data = rng.chance(20);
    if token_data {
        let _ = writeln!(spec, "  getTokenData:\n    implementationType: javascript");
    }
    if rng.chance(60) {
        let _ = writeln!(spec, "dataCollections:");
        // Distinct nouns: a mapping with a repeated key would be a different (syntax) mistake.
        let first = rng.below(NOUNS.len());
        for k in 0..rng.range(1, 6) {
            let noun = NOUNS[(first + k * 7) % NOUNS.len()];
            let _ = writeln!(
                spec,
                "  {noun}s:\n    name: {}s\n    methods: [list, find-by-id, create, update]",
                camel("", noun)
            );
        }
    }
    files.push(("spec.yml".to_string(), spec));

    let host = format!("auth.{}", v.domain);
    let mut cfg = String::new();
    // Mistake 4: the client secret written into the mapping instead of taken from connector parameters.
    let _ = writeln!(cfg, "clientId:\n  $var: $.connectorParameters.clientId");
    if mistake == 4 {
        let _ = writeln!(cfg, "clientSecret: {:016x}{:016x}", rng.next(), rng.next());
    } else {
        let _ = writeln!(cfg, "clientSecret:\n  $var: $.connectorParameters.clientSecret");
    }
    // Mistake 2: plain-http authorize URI; mistake 1: no tokenUri.
    let _ = writeln!(cfg, "authorizeUri: {}://{host}/oauth2/authorize", if mistake == 2 { "http" } else { "https" });
    if mistake != 1 {
        let _ = writeln!(cfg, "tokenUri: https://{host}/oauth2/token");
    }
    if rng.chance(50) {
        let _ = writeln!(cfg, "scopes:\n  $var: $.connectorParameters.scopes");
    } else {
        let _ = writeln!(cfg, "scopes:");
        for s in &scopes {
            let _ = writeln!(cfg, "  - {s}");
        }
    }
    // Mistake 6: a clientAuthLocation the platform does not know.
    let location = if mistake == 6 { "header" } else { rng.pick(&["body", "headers", "body", "headers"]) };
    if rng.chance(70) || mistake == 6 {
        let _ = writeln!(cfg, "clientAuthLocation: {location}");
    }
    // Mistake 3: PKCE switched off without a reason.
    if mistake == 3 {
        let _ = writeln!(cfg, "skipPkce: true");
    } else if rng.chance(30) {
        let _ = writeln!(cfg, "skipPkce: false");
    }
    if !refresh && rng.chance(15) {
        let _ = writeln!(cfg, "noRefreshToken: true");
    }
    if rng.chance(40) {
        let _ = writeln!(cfg, "extra:\n  prompt: consent\n  access_type: offline");
    }
    files.push(("auth/get-oauth-config.map.yml".to_string(), cfg));

    let mut client = String::new();
    let _ = writeln!(client, "baseUri: https://api.{}/v{}", v.domain, rng.range(1, 4));
    let _ = writeln!(
        client,
        "headers:\n  Authorization:\n    $concat:\n      - 'Bearer '\n      - $var: $.credentials.access_token"
    );
    if rng.chance(40) {
        let _ = writeln!(client, "  Accept: application/json");
    }
    files.push(("auth/make-api-client.map.yml".to_string(), client));

    files.push((
        "auth/test.js".to_string(),
        format!(
            "exports.test = async function ({{ apiClient }}) {{\n  const me = await apiClient.get('/{}');\n  return !!me.id\n}}\n",
            rng.pick(&["me", "users/me", "account", "whoami"])
        ),
    ));
    if refresh {
        files.push((
            "auth/refresh-credentials.js".to_string(),
            format!(
                "exports.refreshCredentials = async function ({{ connectorParameters, credentials }}) {{\n  const res = await fetch('https://{host}/oauth2/token', {{\n    method: 'POST',\n    headers: {{ 'Content-Type': 'application/x-www-form-urlencoded' }},\n    body: new URLSearchParams({{\n      grant_type: 'refresh_token',\n      refresh_token: credentials.refresh_token,\n      client_id: connectorParameters.clientId,\n      client_secret: connectorParameters.clientSecret,\n    }}),\n  }})\n  return await res.json()\n}}\n"
            ),
        ));
    }
    if token_data {
        files.push((
            "auth/get-token-data.js".to_string(),
            "exports.getTokenData = async function ({ tokenResponse }) {\n  return { ...tokenResponse, expires_in: Number(tokenResponse.expires_in) }\n}\n"
                .to_string(),
        ));
    }
    (v.slug, files, mistake != 0)
}

/// A Keboola file: a component configuration with `authorization.oauth_api` (two thirds) or an OAuth
/// Manager registration body. Returns (path under `keboola/`, text, mistake).
fn keboola(rng: &mut Rng, index: usize) -> (String, String, bool) {
    let v = vendor(rng, index);
    let component = format!("{}.ex-{}", rng.pick(&["keboola", "kds-team", "leochan"]), v.slug);
    if rng.below(3) < 2 {
        // Component configuration (Broker v3, or injected credentials).
        let mistake = if rng.chance(30) { rng.range(1, 2) } else { 0 };
        let mut oauth_api = Map::new();
        let broker = rng.chance(60);
        if broker {
            oauth_api.insert("id".into(), json!(format!("{}", rng.range(100_000, 999_999))));
            // Mistake 1: the deprecated v2 broker.
            oauth_api.insert("version".into(), json!(if mistake == 1 { 2 } else { 3 }));
        }
        if !broker || rng.chance(50) {
            let mut creds = Map::new();
            creds.insert("id".into(), json!("main"));
            creds.insert("authorizedFor".into(), json!(format!("{} account", v.title)));
            creds.insert(
                "creator".into(),
                json!({ "id": format!("{}", rng.range(1000, 9999)), "description": format!("ops@{}", v.domain) }),
            );
            creds.insert(
                "created".into(),
                json!(format!(
                    "20{:02}-{:02}-{:02} 10:{:02}:00",
                    rng.range(16, 25),
                    rng.range(1, 12),
                    rng.range(1, 28),
                    rng.range(0, 59)
                )),
            );
            creds.insert("oauthVersion".into(), json!("2.0"));
            creds.insert("appKey".into(), json!(format!("{:x}", rng.next())));
            creds
                .insert("#data".into(), json!(format!("KBC::ProjectSecure::{:016x}{:016x}==", rng.next(), rng.next())));
            // Mistake 2: the app secret stored without the `#` that makes Keboola encrypt it.
            let secret_key = if mistake == 2 { "appSecret" } else { "#appSecret" };
            creds.insert(secret_key.into(), json!(format!("KBC::ProjectSecure::{:016x}==", rng.next())));
            oauth_api.insert("credentials".into(), Value::Object(creds));
        }
        let mut jobs = Vec::new();
        for _ in 0..rng.range(1, 6) {
            let noun = rng.pick(NOUNS);
            jobs.push(
                json!({ "endpoint": format!("{noun}s"), "dataType": noun, "params": { "limit": rng.range(50, 500) } }),
            );
        }
        let doc = json!({
            "storage": { "output": { "tables": [] } },
            "parameters": {
                "api": {
                    "baseUrl": format!("https://api.{}/v{}/", v.domain, rng.range(1, 3)),
                    "authentication": { "type": "oauth20", "format": "json", "headers": { "Authorization": { "function": "concat", "args": ["Bearer ", { "authorization": "data.access_token" }] } } },
                },
                "config": { "outputBucket": format!("in.c-{}", v.slug), "jobs": jobs },
            },
            "authorization": { "oauth_api": Value::Object(oauth_api) },
        });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
        (format!("{}/config.json", v.slug), text, mistake != 0)
    } else {
        // OAuth Manager API v2 registration body.
        let mistake = if rng.chance(35) { rng.range(1, 4) } else { 0 };
        let host = format!("auth.{}", v.domain);
        // Both spellings of the client-id placeholder appear in the platform's own document.
        let client = rng.pick(&["%%app_key%%", "%%client_id%%"]);
        let sub = mistake == 4;
        let host_part = if sub { format!("%%subdomain%%.{}", v.domain) } else { host.clone() };
        let mut auth_url = format!(
            "https://{host_part}/oauth2/authorize?response_type=code&client_id={client}&redirect_uri=%%redirect_uri%%"
        );
        if rng.chance(70) {
            auth_url.push_str("&state=%%hash%%");
        }
        let mut body = Map::new();
        body.insert("component_id".into(), json!(component));
        body.insert("friendly_name".into(), json!(format!("{} Extractor", v.title)));
        body.insert("app_key".into(), json!(format!("{:x}", rng.next())));
        body.insert("app_secret".into(), json!(format!("{:016x}{:08x}", rng.next(), rng.below(1 << 30))));
        // Mistake 1: OAuth 1.0 without request_token_url; mistake 2: plain-http token URL;
        // mistake 3: no auth_url; mistake 4: %%subdomain%% (then userData.subdomain is required).
        let version = if mistake == 1 { "1.0" } else { "2.0" };
        if mistake != 3 {
            body.insert("auth_url".into(), json!(auth_url));
        }
        body.insert(
            "token_url".into(),
            json!(format!("{}://{host}/oauth2/token", if mistake == 2 { "http" } else { "https" })),
        );
        body.insert("oauth_version".into(), json!(version));
        let text = serde_json::to_string_pretty(&Value::Object(body)).unwrap_or_default() + "\n";
        (format!("registrations/{}.json", v.slug), text, mistake != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_deterministic_and_independent_of_count() {
        let a = elasticio(&mut Rng::for_item(DEFAULT_SEED, 1, 7), 7);
        let b = elasticio(&mut Rng::for_item(DEFAULT_SEED, 1, 7), 7);
        assert_eq!(a, b);
        let c = elasticio(&mut Rng::for_item(DEFAULT_SEED + 1, 1, 7), 7);
        assert_ne!(a.1, c.1);
    }

    #[test]
    fn valid_items_parse_and_sizes_are_realistic() {
        let mut sizes = Vec::new();
        for i in 0..300 {
            let (_, text, _) = elasticio(&mut Rng::for_item(DEFAULT_SEED, 1, i), i);
            let parsed = serde_json::from_str::<Value>(&text);
            // Only the "pasted example" mistake breaks the JSON.
            if parsed.is_err() {
                assert!(text.contains("\"useOAuthClient\": true\n  }"), "{text}");
            }
            sizes.push(text.len());
            let (_, text, _) = keboola(&mut Rng::for_item(DEFAULT_SEED, 3, i), i);
            assert!(serde_json::from_str::<Value>(&text).is_ok());
        }
        sizes.sort_unstable();
        let median = sizes[sizes.len() / 2];
        assert!((2_000..=10_000).contains(&median), "median component.json is {median} bytes");
    }
}
