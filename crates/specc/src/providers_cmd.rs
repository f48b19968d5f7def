//! `specc providers [NAME]`: the provider catalog (built in, plus the project's `[[providers]]`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use specc_providers::{Catalog, Provider, RefreshHow};

use crate::config::Config;
use crate::render::HumanRenderer;

/// Runs the command; exit code 2 for an unknown name or an invalid config.
pub fn run(name: Option<&str>, json: bool, config: Option<PathBuf>) -> io::Result<ExitCode> {
    let path = config.or_else(|| Config::discover(Path::new(".")));
    let loaded = match path {
        Some(p) => match Config::load(&p) {
            Ok(c) => c.providers,
            Err(err) => {
                let mut out = io::stderr().lock();
                let renderer = HumanRenderer::new(false, 100);
                for d in &err.diagnostics {
                    write!(out, "{}", renderer.render(&err.db, d))?;
                }
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let catalog = loaded.as_ref().unwrap_or_else(|| Catalog::builtin());
    let mut out = io::BufWriter::new(io::stdout().lock());
    match name {
        Some(n) => {
            let Some(p) = catalog.get(n) else {
                let ids: Vec<&str> = catalog.providers().iter().map(|p| p.id.as_str()).collect();
                let hint = specc_dialects::suggest::did_you_mean(n, &ids)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                writeln!(io::stderr(), "specc: error: unknown provider `{n}`{hint}; `specc providers` lists them")?;
                return Ok(ExitCode::from(2));
            };
            if json {
                serde_json::to_writer_pretty(&mut out, p).map_err(io::Error::other)?;
                writeln!(out)?;
            } else {
                show(&mut out, p)?;
            }
        }
        None if json => {
            serde_json::to_writer_pretty(&mut out, catalog.providers()).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        None => list(&mut out, catalog)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn refresh_short(p: &Provider) -> String {
    match &p.refresh {
        None => "-".into(),
        Some(r) => match r.how {
            RefreshHow::Parameter => {
                format!("{}={}", r.parameter.as_deref().unwrap_or("?"), r.value.as_deref().unwrap_or("?"))
            }
            RefreshHow::Scope => format!("scope {}", r.scopes.join("|")),
            RefreshHow::Always => "always".into(),
            RefreshHow::Never => "never".into(),
            RefreshHow::AppSetting => "app setting".into(),
        },
    }
}

fn delimiter_short(p: &Provider) -> String {
    match &p.scope_delimiter {
        None => "-".into(),
        Some(d) => d.accepted.iter().map(|c| if c == " " { "space" } else { "comma" }).collect::<Vec<_>>().join("|"),
    }
}

fn list(out: &mut impl Write, catalog: &Catalog) -> io::Result<()> {
    let w = catalog.providers().iter().map(|p| p.id.len()).max().unwrap_or(8).max(8);
    writeln!(out, "{:<w$}  {:<12} {:<28} {:<9} host", "id", "scopes", "refresh token", "pkce")?;
    for p in catalog.providers() {
        let pkce = p.pkce.as_ref().map_or("-", |f| match f.support {
            specc_providers::PkceSupport::Required => "required",
            specc_providers::PkceSupport::Supported => "supported",
            specc_providers::PkceSupport::Unsupported => "no",
        });
        let host = p.recognize.hosts.first().map_or("", String::as_str);
        let host = if p.unverified.iter().any(|f| f == "recognize") {
            format!("{host} (unchecked)")
        } else {
            host.to_string()
        };
        writeln!(out, "{:<w$}  {:<12} {:<28} {:<9} {host}", p.id, delimiter_short(p), refresh_short(p), pkce)?;
    }
    writeln!(
        out,
        "\n{} providers. `specc providers NAME` shows one with the source of every fact and the date it \
         was checked; facts not yet checked are listed there and not used by rules or `build` \
         (a provider marked `unchecked` is not recognised at all).",
        catalog.providers().len()
    )
}

/// "source: URL (verified DATE)".
fn src(source: &str, verified: &Option<String>) -> String {
    match verified {
        Some(d) => format!("source: {source} (verified {d})"),
        None => format!("source: {source}"),
    }
}

fn show(out: &mut impl Write, p: &Provider) -> io::Result<()> {
    writeln!(out, "{} ({})\n", p.name, p.id)?;
    let hosts = p.recognize.hosts.join(", ");
    let paths =
        if p.recognize.paths.is_empty() { String::new() } else { format!(" (paths {})", p.recognize.paths.join(", ")) };
    writeln!(
        out,
        "recognised by   {hosts}{paths}\n                {}",
        src(&p.recognize.source, &p.recognize.verified)
    )?;
    if let Some(e) = &p.authorization {
        writeln!(out, "authorization   {}\n                {}", e.url, src(&e.source, &e.verified))?;
    }
    if let Some(e) = &p.token {
        writeln!(out, "token           {}\n                {}", e.url, src(&e.source, &e.verified))?;
    }
    for d in &p.deprecated {
        let state = if d.retired { "retired" } else { "deprecated" };
        let rep = d.replacement.as_deref().map(|r| format!(" -> {r}")).unwrap_or_default();
        writeln!(out, "{state:<15} {}{rep}\n                {}", d.url, src(&d.source, &d.verified))?;
    }
    if let Some(s) = &p.scope_delimiter {
        writeln!(out, "scope separator {}\n                {}", delimiter_short(p), src(&s.source, &s.verified))?;
    }
    if let Some(r) = &p.refresh {
        let also = if r.also.is_empty() { String::new() } else { format!(" (with {})", r.also.join(", ")) };
        writeln!(out, "refresh token   {}{also}\n                {}", refresh_short(p), src(&r.source, &r.verified))?;
    }
    if let Some(c) = &p.client_auth {
        writeln!(out, "client auth     {}\n                {}", c.methods.join(", "), src(&c.source, &c.verified))?;
    }
    if let Some(k) = &p.pkce {
        let note = k.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        writeln!(out, "pkce            {:?}{note}\n                {}", k.support, src(&k.source, &k.verified))?;
    }
    if let Some(r) = &p.redirect_uri {
        let mut rules = Vec::new();
        if let Some(v) = r.exact_match {
            rules.push(format!("exact match: {v}"));
        }
        if let Some(v) = r.https_required {
            rules.push(format!("https required: {v}"));
        }
        if let Some(v) = r.localhost_http {
            rules.push(format!("http://localhost: {v}"));
        }
        writeln!(out, "redirect URI    {}\n                {}", rules.join(", "), src(&r.source, &r.verified))?;
    }
    for prm in &p.parameters {
        let values = if prm.values.is_empty() { String::new() } else { format!(" = {}", prm.values.join(" | ")) };
        writeln!(
            out,
            "parameter       {}{values}: {}\n                {}",
            prm.name,
            prm.purpose,
            src(&prm.source, &prm.verified)
        )?;
    }
    if !p.unverified.is_empty() {
        writeln!(
            out,
            "\nnot yet checked against the provider's documentation, so not used by rules or `build`:\n                {}",
            p.unverified.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;

    const ENTRY: &str = r#"
[[providers]]
id = "acme-sso"
name = "Acme SSO"
recognize = { hosts = ["sso.acme.test"], source = "https://sso.acme.test/docs/oauth" }
scope_delimiter = { accepted = [","], source = "https://sso.acme.test/docs/oauth#scopes" }
"#;

    /// `specc providers NAME` gives each fact's check date and names the withheld facts.
    #[test]
    fn show_gives_check_dates_and_withheld_facts() {
        let cat = specc_providers::Catalog::builtin();
        let mut out = Vec::new();
        super::show(&mut out, cat.get("linkedin").unwrap()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("authorization-code-flow (verified 20"), "{text}");
        assert!(text.contains("not used by rules or `build`"), "{text}");
        assert!(text.contains("deprecated https://www.linkedin.com/uas/oauth2/accessToken"), "{text}");
        let mut out = Vec::new();
        super::list(&mut out, cat).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().any(|l| l.starts_with("google ") && !l.contains("unchecked")), "{text}");
    }

    #[test]
    fn project_providers_extend_the_catalog() {
        let c = Config::parse(Path::new("specc.toml"), ENTRY.to_string()).unwrap();
        let cat = c.providers.unwrap();
        assert_eq!(cat.recognize("https://sso.acme.test/authorize").map(|p| p.id.as_str()), Some("acme-sso"));
        assert!(cat.get("google").is_some());
    }

    #[test]
    fn invalid_entries_are_located() {
        // A fact without its source: the parser refuses it at the entry.
        let text = ENTRY.replace(", source = \"https://sso.acme.test/docs/oauth#scopes\"", "");
        let err = Config::parse(Path::new("specc.toml"), text.clone()).unwrap_err();
        let d = &err.diagnostics[0];
        assert_eq!(d.code, "specc/invalid-config");
        assert!(d.message.contains("source"), "{}", d.message);
        assert!(text[d.span.start as usize..d.span.end as usize].contains("accepted"), "{:?}", d.span);
        // A source that is not a public URL, and an unknown separator: located at the entry.
        let text = ENTRY.replace("https://sso.acme.test/docs/oauth#scopes", "see wiki").replace("[\",\"]", "[\";\"]");
        let err = Config::parse(Path::new("specc.toml"), text.clone()).unwrap_err();
        let msgs: Vec<&str> = err.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("scope_delimiter.source")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("scope_delimiter.accepted")), "{msgs:?}");
        let d = &err.diagnostics[0];
        let at = &text[d.span.start as usize..d.span.end as usize];
        assert!(at.contains("acme-sso") || at.contains("[[providers]]"), "{at:?}");
    }
}
