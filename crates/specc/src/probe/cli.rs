//! The `specc probe` command: arguments, secrets (environment, env file, prompt), the browser, and
//! printing. `main.rs` only dispatches here.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::plan::{Grant, Inputs};
use super::{output, ProbeOptions};

#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum GrantArg {
    #[value(name = "authorization_code")]
    AuthorizationCode,
    #[value(name = "client_credentials")]
    ClientCredentials,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum ProbeFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(clap::Args, Debug)]
pub struct ProbeArgs {
    /// The configuration: a file, or a directory (a Membrane connector).
    pub path: PathBuf,
    /// The configuration to probe when the source has several (scheme name, component title).
    #[arg(long, value_name = "NAME")]
    pub scheme: Option<String>,
    /// The authorization server's issuer, for metadata discovery (default: derived from the configured URLs).
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// Send this redirect URI instead of the platform's. A loopback one (http://127.0.0.1:PORT/path) is received by probe.
    #[arg(long, value_name = "URL")]
    pub redirect_uri: Option<String>,
    /// The grant to run (default: the configuration's authorization code flow).
    #[arg(long, value_enum)]
    pub grant: Option<GrantArg>,
    /// The client id, when the configuration gets it from the platform or the user.
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Read the client secret from this environment variable (or from --env-file).
    #[arg(long, value_name = "VAR")]
    pub client_secret_env: Option<String>,
    /// Read environment variables (KEY=VALUE lines) from this file first.
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
    /// Print the authorization URL as the platform builds it, and stop.
    #[arg(long)]
    pub print_authorize_url: bool,
    /// Open the authorization URL in a browser ($BROWSER, else the system's opener).
    #[arg(long)]
    pub open: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ProbeFormat,
    /// Exit with 1 when a finding at or above this level exists: error (default), warning, info, or never.
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<String>,
    /// Timeout of each HTTP request, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "15")]
    pub timeout: u64,
    /// How long to wait for the browser to come back to a loopback redirect URI, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "300")]
    pub login_timeout: u64,
    /// Log every request and response (credentials redacted) on stderr.
    #[arg(long, short)]
    pub verbose: bool,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: clap::ColorChoice,
}

fn usage(message: &str) -> io::Result<ExitCode> {
    writeln!(io::stderr(), "specc: error: {message}")?;
    Ok(ExitCode::from(2))
}

/// Reads `KEY=VALUE` lines (`#` comments, `export ` prefixes and surrounding quotes allowed).
pub fn parse_env_file(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                return None;
            }
            let l = l.strip_prefix("export ").unwrap_or(l);
            let (k, v) = l.split_once('=')?;
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            Some((k.trim().to_string(), v.to_string()))
        })
        .collect()
}

/// Reads a line from the terminal without echo (best effort: `stty -echo` where it exists).
fn prompt_secret(what: &str) -> Option<String> {
    if !io::stdin().is_terminal() {
        return None;
    }
    eprint!("{what}: ");
    let _ = io::stderr().flush();
    let stty =
        |arg: &str| std::process::Command::new("stty").arg(arg).stdin(std::process::Stdio::inherit()).status().is_ok();
    let hidden = stty("-echo");
    let mut line = String::new();
    let read = io::stdin().read_line(&mut line);
    if hidden {
        stty("echo");
    }
    eprintln!();
    read.ok()?;
    let v = line.trim_end_matches(['\r', '\n']).to_string();
    (!v.is_empty()).then_some(v)
}

fn open_browser(url: &str) -> io::Result<()> {
    let (program, args): (String, Vec<String>) = match std::env::var("BROWSER") {
        Ok(b) if !b.trim().is_empty() => {
            let mut parts = b.split_whitespace().map(str::to_string);
            let p = parts.next().unwrap_or_default();
            (p, parts.collect())
        }
        _ if cfg!(target_os = "macos") => ("open".into(), Vec::new()),
        _ if cfg!(windows) => ("explorer".into(), Vec::new()),
        _ => ("xdg-open".into(), Vec::new()),
    };
    std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

pub fn run(args: ProbeArgs) -> io::Result<ExitCode> {
    let fail_on = match &args.fail_on {
        None => Some(specc_diagnostics::Severity::Error),
        Some(level) => match crate::select::parse_fail_on(level) {
            Some(v) => v,
            None => return usage(&format!("invalid --fail-on `{level}`: expected error, warning, info or never")),
        },
    };
    let mut env_file: Vec<(String, String)> = Vec::new();
    if let Some(p) = &args.env_file {
        match std::fs::read_to_string(p) {
            Ok(t) => env_file = parse_env_file(&t),
            Err(e) => return usage(&format!("cannot read --env-file {}: {e}", crate::driver::display_path(p))),
        }
    }
    let file_vars = env_file.clone();
    let lookup = move |name: &str| -> Option<String> {
        file_vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).or_else(|| std::env::var(name).ok())
    };
    let mut client_secret = None;
    if let Some(var) = &args.client_secret_env {
        match lookup(var) {
            Some(v) => client_secret = Some(v),
            None => {
                return usage(&format!("--client-secret-env: `{var}` is not set (in the environment or --env-file)"))
            }
        }
    }
    let grant = args.grant.map(|g| match g {
        GrantArg::AuthorizationCode => Grant::AuthorizationCode,
        GrantArg::ClientCredentials => Grant::ClientCredentials,
    });
    let color = match args.color {
        clap::ColorChoice::Always => true,
        clap::ColorChoice::Never => false,
        clap::ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal(),
    };
    let mut prompted = false;
    let report = loop {
        let options = ProbeOptions {
            path: args.path.clone(),
            scheme: args.scheme.clone(),
            issuer: args.issuer.clone(),
            inputs: Inputs {
                grant,
                client_id: args.client_id.clone(),
                client_secret: client_secret.clone(),
                redirect_uri: args.redirect_uri.clone(),
            },
            lookup: Box::new(lookup.clone()),
            print_authorize_url: args.print_authorize_url,
            open: if args.open { Some(Box::new(open_browser)) } else { None },
            timeout: Duration::from_secs(args.timeout.max(1)),
            login_timeout: Duration::from_secs(args.login_timeout.max(1)),
            log: if args.verbose {
                Some(Box::new(|l: &str| {
                    let _ = writeln!(io::stderr(), "{l}");
                }))
            } else {
                None
            },
            notice: Box::new(|l: &str| {
                let _ = writeln!(io::stderr(), "{l}");
            }),
        };
        match super::probe(options) {
            Ok(r) => break r,
            Err(e) if e.needs_secret && !prompted && client_secret.is_none() => {
                prompted = true;
                match prompt_secret("Client secret") {
                    Some(s) => client_secret = Some(s),
                    None => return usage(&e.message),
                }
            }
            Err(e) => return usage(&e.message),
        }
    };
    let code = if report.unreachable {
        ExitCode::from(2)
    } else if report.failed() || report.has_finding(fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        ProbeFormat::Human => {
            if let Some(u) = &report.authorize_url {
                writeln!(out, "{u}\n")?;
            }
            write!(out, "{}", output::human(&report, color))?;
        }
        ProbeFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &output::json(&report)).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        ProbeFormat::Sarif | ProbeFormat::Github => {
            let mut unit = report.unit;
            unit.diagnostics = report.diagnostics;
            let text = if args.format == ProbeFormat::Sarif {
                serde_json::to_string_pretty(&crate::report::sarif::render(std::slice::from_ref(&unit)))
                    .map_err(io::Error::other)?
                    + "\n"
            } else {
                crate::report::github::render(std::slice::from_ref(&unit))
            };
            write!(out, "{text}")?;
        }
    }
    out.flush()?;
    Ok(code)
}
