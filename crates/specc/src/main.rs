//! The `specc` command line.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use specc::render::HumanRenderer;
use specc::report::{plural, Checked, Format};
use specc::select::Pattern;
use specc::wire;
use specc::RunOptions;
use specc_ir::Dialect;

#[derive(Parser)]
#[command(
    name = "specc",
    version,
    about = "Compile and validate OAuth2 client configuration for integration platforms"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check manifests and report problems.
    Check(CheckArgs),
    /// List every rule: code, default severity, fixability and summary.
    Rules {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Bring legacy manifests to their current form by applying the rules' fixes.
    Migrate(MigrateArgs),
    /// Write a runtime configuration for a platform from any supported source.
    Build(BuildArgs),
    /// Print the documentation of a rule.
    Explain {
        /// A rule code, such as `openapi/oauth2-missing-token-url`.
        code: String,
    },
    /// Print a JSON Schema for a file kind specc reads (`specc schema --list` names them).
    Schema {
        /// A schema name, such as `membrane-oauth-config`.
        name: Option<String>,
        /// List the schema names.
        #[arg(long)]
        list: bool,
    },
    /// Run a configuration against its live authorization server, the way the platform will.
    Probe(specc::probe::cli::ProbeArgs),
    /// List the OAuth providers specc knows, or show one with the source of every fact.
    Providers {
        /// A provider id or name, such as `google`.
        name: Option<String>,
        /// Print as JSON (an entry has the fields of `specc schema provider`).
        #[arg(long)]
        json: bool,
        /// Use this specc.toml (its `[[providers]]` add to or replace built-in entries).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the language server on stdin/stdout (for editors).
    Lsp,
    /// Print a shell completion script.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct MigrateArgs {
    /// Files or directories to migrate. Default: `.`.
    paths: Vec<PathBuf>,
    /// Print a unified diff of the changes (the default).
    #[arg(long, group = "mode")]
    diff: bool,
    /// Print an RFC 6902 JSON Patch per file, as one JSON document.
    #[arg(long, group = "mode")]
    patch: bool,
    /// Apply the changes in place (atomically; files changed meanwhile are refused).
    #[arg(long, group = "mode")]
    write: bool,
    /// Exit with 1 when anything would change; print the files (for CI).
    #[arg(long, group = "mode")]
    check: bool,
    /// Also apply fixes marked unsafe (they may change behaviour, e.g. `http` to `https`).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Write client secrets from the environment into generated request bodies, instead of `${VAR}`.
    #[arg(long)]
    inline_secrets: bool,
    /// Use this configuration file instead of searching for specc.toml.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// The component id for generated tenant OAuth-client bodies (default: the manifest's, else a
    /// `${COMPONENT_ID}` reference).
    #[arg(long, value_name = "ID")]
    component_id: Option<String>,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The source: a file, or a directory (a Membrane connector).
    #[arg(required_unless_present = "list_targets")]
    path: Option<PathBuf>,
    /// What to write (`specc build --list-targets` describes them).
    #[arg(long, value_parser = target_names(), required_unless_present = "list_targets")]
    target: Option<String>,
    /// Write the files into this directory instead of printing them.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write secret values instead of references to them.
    #[arg(long)]
    inline_secrets: bool,
    /// With `--out`, replace files that already exist.
    #[arg(long, requires = "out")]
    force: bool,
    /// The platform's component id (Keboola `component_id`, elastic.io component).
    #[arg(long, value_name = "ID")]
    component_id: Option<String>,
    /// The elastic.io tenant the OAuth client belongs to.
    #[arg(long, value_name = "ID")]
    tenant_id: Option<String>,
    /// The Keboola OAuth Broker registration id for `keboola-config`.
    #[arg(long, value_name = "ID")]
    oauth_api_id: Option<String>,
    /// The configuration to build when the source has several (scheme name, component title).
    #[arg(long, value_name = "NAME")]
    scheme: Option<String>,
    /// The OpenAPI form to write for `openapi` and `itential-instance`.
    #[arg(long, value_name = "VERSION", value_parser = ["3.0", "3.1", "2.0"], default_value = "3.1")]
    openapi_version: String,
    /// List the targets and exit.
    #[arg(long)]
    list_targets: bool,
    /// Use this configuration file instead of searching for specc.toml (its `ignore`, `select` and
    /// `[severity]` apply to the build's findings).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// Do not report these codes or namespaces (e.g. `build/field-not-expressible`). Repeatable, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// When to use colour in diagnostics.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

fn target_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(specc_emit::TARGETS.iter().map(|t| t.name))
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check (directories are walked, honouring .gitignore). Default: `.`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Exit with 1 when a finding at or above this level remains: error (default), warning, info, or never.
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<String>,
    /// Use this configuration file instead of searching for specc.toml.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// Only report these codes or namespaces (`openapi`, `openapi/*`, a full code). Repeatable, comma-separated.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never report these codes or namespaces. Repeatable, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Check files whose dialect cannot be detected as this dialect.
    #[arg(long, value_name = "DIALECT")]
    dialect: Option<String>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Print only the findings, no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Print a count per code instead of each finding.
    #[arg(long)]
    statistics: bool,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// The path standard input stands for (`specc check -`): used for dialect detection, specc.toml
    /// lookup, per-path ignores and output. Implies `-` when no path is given.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Exit with 0 instead of 2 when the paths hold no manifest at all.
    #[arg(long)]
    allow_empty: bool,
    /// Hide the findings recorded in this baseline file (overrides `baseline` in specc.toml).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding in this baseline file and report none (entries of files not checked are kept).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Apply the safe fixes in place (the same fixes as `specc migrate --write`), then report what remains.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, also apply fixes that may change behaviour.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes --fix would apply as a unified diff, change nothing; exit 1 when there are any.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Write the report to this file (in --output-format, or else --format) instead of the terminal.
    #[arg(long, value_name = "PATH")]
    output_file: Option<PathBuf>,
    /// The format of --output-file; the terminal then still gets --format.
    #[arg(long, value_enum, requires = "output_file")]
    output_format: Option<Format>,
}

/// `--threads` above this is taken as this (more threads than this buys nothing and costs memory).
const MAX_THREADS: usize = 256;

/// Checks an id given on the command line before it reaches a generated file, a URL path or a request
/// header: printable ASCII without spaces, quotes, `/ ? # & %`, braces or angle brackets, at most 256
/// bytes. `None`: acceptable.
fn invalid_id(flag: &str, value: &str) -> Option<String> {
    let bad = value.bytes().find(|&b| {
        !b.is_ascii_graphic()
            || matches!(
                b,
                b'"' | b'\'' | b'\\' | b'/' | b'?' | b'#' | b'&' | b'%' | b'{' | b'}' | b'<' | b'>' | b'`' | b'$'
            )
    });
    if value.is_empty() {
        Some(format!("`{flag}` is empty"))
    } else if value.len() > 256 {
        Some(format!("`{flag}` is longer than 256 bytes"))
    } else {
        bad.map(|b| format!("`{flag}` holds the byte 0x{b:02x}, which an id may not contain"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Rules { json } => run_rules(json),
        Command::Migrate(args) => run_migrate(args),
        Command::Build(args) => run_build(args),
        Command::Explain { code } => run_explain(&code),
        Command::Schema { name, list } => run_schema(name.as_deref(), list),
        Command::Probe(args) => specc::probe::cli::run(args),
        Command::Providers { name, json, config } => specc::providers_cmd::run(name.as_deref(), json, config),
        // The LSP specification's exit codes: 0 after `shutdown`, 1 otherwise.
        Command::Lsp => match specc::lsp::serve() {
            Ok(true) => Ok(ExitCode::SUCCESS),
            Ok(false) => Ok(ExitCode::from(1)),
            Err(e) => {
                let _ = writeln!(io::stderr(), "specc lsp: {e}");
                Ok(ExitCode::from(1))
            }
        },
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "specc", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "specc: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage_error(message: &str) -> io::Result<ExitCode> {
    writeln!(io::stderr(), "specc: error: {message}")?;
    Ok(ExitCode::from(2))
}

fn print_config_error(err: &specc::config::ConfigError, format: Format) -> io::Result<ExitCode> {
    let stderr = io::stderr();
    let mut out = stderr.lock();
    match format {
        Format::Human | Format::Github | Format::Markdown | Format::Junit => {
            let renderer = HumanRenderer::new(false, 100);
            for d in &err.diagnostics {
                write!(out, "{}", renderer.render(&err.db, d))?;
            }
        }
        Format::Json | Format::Sarif | Format::Gitlab => {
            for d in &err.diagnostics {
                let w = wire::to_wire(&err.db, d);
                writeln!(out, "{}", serde_json::to_string(&w).map_err(io::Error::other)?)?;
            }
        }
    }
    Ok(ExitCode::from(2))
}

/// The run `specc check` asks for, or the exit code of a usage error (reported on stderr).
fn check_run_options(args: &CheckArgs) -> io::Result<Result<RunOptions, ExitCode>> {
    let fail_on = match &args.fail_on {
        None => None,
        Some(level) => match specc::select::parse_fail_on(level) {
            Some(v) => Some(v),
            None => {
                return usage_error(&format!("invalid --fail-on `{level}`: expected error, warning, info or never"))
                    .map(Err)
            }
        },
    };
    let assume_dialect = match &args.dialect {
        None => None,
        Some(name) => match Dialect::parse(name) {
            Some(d) => Some(d),
            None => {
                let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.as_str()).collect();
                return usage_error(&format!("unknown dialect `{name}`: expected one of {}", names.join(", ")))
                    .map(Err);
            }
        },
    };
    // Every unknown code is reported, with the same suggestion specc.toml gets.
    let codes: Vec<&str> = specc_rules::all_rules().iter().map(|r| r.meta().code).collect();
    let mut candidates: Vec<&str> = codes.iter().filter_map(|c| c.split('/').next()).collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates.extend(codes.iter().copied());
    let mut unknown = Vec::new();
    for (flag, pattern) in
        args.select.iter().map(|p| ("--select", p)).chain(args.ignore.iter().map(|p| ("--ignore", p)))
    {
        let p = Pattern::new(pattern);
        if !codes.iter().any(|c| p.matches(c)) {
            let hint = match specc_dialects::openapi::did_you_mean(pattern, &candidates) {
                Some(c) => format!("did you mean `{c}`?"),
                None => "`specc rules` lists every code".into(),
            };
            unknown.push(format!("{flag} `{pattern}` matches no rule code or namespace; {hint}"));
        }
    }
    if !unknown.is_empty() {
        let mut err = io::stderr().lock();
        for u in &unknown {
            writeln!(err, "specc: error: {u}")?;
        }
        return Ok(Err(ExitCode::from(2)));
    }
    let dash = std::path::Path::new("-");
    let wants_stdin = args.paths.iter().any(|p| p == dash) || (args.paths.is_empty() && args.stdin_filename.is_some());
    for p in args.paths.iter().filter(|p| p.as_path() != dash) {
        if let Err(e) = std::fs::symlink_metadata(p) {
            let why = if e.kind() == io::ErrorKind::NotFound {
                "no such file or directory".to_string()
            } else {
                e.to_string()
            };
            return usage_error(&format!("{}: {why}", p.display())).map(Err);
        }
    }
    let stdin = if wants_stdin {
        match specc::driver::read_stream(dash) {
            Ok(bytes) => Some((args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>")), bytes)),
            Err((_, message)) => return usage_error(&message).map(Err),
        }
    } else {
        None
    };
    Ok(Ok(RunOptions {
        paths: args.paths.iter().filter(|p| p.as_path() != dash).cloned().collect(),
        config: args.config.clone(),
        isolated: args.isolated,
        select: args.select.iter().map(|s| Pattern::new(s)).collect(),
        ignore: args.ignore.iter().map(|s| Pattern::new(s)).collect(),
        fail_on,
        assume_dialect,
        stdin,
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        threads: args.threads.map_or(0, |n| n.clamp(1, MAX_THREADS)),
    }))
}

fn run_check(args: CheckArgs) -> io::Result<ExitCode> {
    let options = match check_run_options(&args)? {
        Ok(options) => options,
        Err(code) => return Ok(code),
    };
    let mut fix_failed = false;
    if args.fix || args.diff {
        match apply_fixes(&args, &options)? {
            AfterFixes::Done(code) => return Ok(code),
            AfterFixes::Continue { failed } => fix_failed = failed,
        }
    }
    // `--output-file` alone moves the report into the file; with `--output-format` the terminal keeps
    // `--format` and the file gets the other.
    let (terminal, file) = match (&args.output_file, args.output_format) {
        (None, _) => (Some(args.format), None),
        (Some(path), None) => (None, Some((path.clone(), args.format))),
        (Some(path), Some(f)) => (Some(args.format), Some((path.clone(), f))),
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal(),
    };
    let request = specc::report::Request { terminal, file, color, quiet: args.quiet, statistics: args.statistics };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (tally, failing) = match specc::report::check(&options, &request, &mut out)? {
        Checked::Ran { tally, failing } => (tally, failing),
        Checked::ConfigError(e) => return print_config_error(&e, args.format),
        Checked::ConfigErrorReported => return Ok(ExitCode::from(2)),
        Checked::OutputFileFailed(message) => return usage_error(&message),
    };
    if let Some(path) = &args.write_baseline {
        let entries = std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v["entries"].as_array().map(Vec::len))
            .unwrap_or(0);
        writeln!(
            io::stderr(),
            "Wrote baseline {} ({}); check with `specc check --baseline {}`.",
            path.display(),
            plural(entries, "entry"),
            path.display()
        )?;
    }
    if tally.summary.units == 0 && !args.allow_empty {
        let shown: Vec<String> = if options.paths.is_empty() {
            vec![".".into()]
        } else {
            options.paths.iter().map(|p| p.display().to_string()).collect()
        };
        return usage_error(&format!(
            "no manifest found in {}: nothing was checked (pass --allow-empty to accept this)",
            shown.join(", ")
        ));
    }
    Ok(if failing || fix_failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

enum AfterFixes {
    /// The command is complete (`--diff`, or an error).
    Done(ExitCode),
    /// Fixes were applied; go on and report what remains.
    Continue { failed: bool },
}

/// `check --fix` / `check --diff`: the fix engine of `specc migrate` over the checked paths.
fn apply_fixes(args: &CheckArgs, options: &specc::RunOptions) -> io::Result<AfterFixes> {
    if options.stdin.is_some() {
        return usage_error("`--fix` and `--diff` change files; they cannot be used with standard input")
            .map(AfterFixes::Done);
    }
    let fix_options =
        specc::RunOptions { fail_on: Some(None), baseline: None, write_baseline: None, ..options.clone() };
    let run = match specc::run(&fix_options) {
        Ok(r) => r,
        Err(e) => return print_config_error(&e, args.format).map(AfterFixes::Done),
    };
    let selection = specc::run::selection(&run.config, &fix_options);
    let mopts = specc::migrate::MigrateOptions { unsafe_fixes: args.unsafe_fixes, ..Default::default() };
    let plan = specc::migrate::plan(&run.reports, &run.config, &selection, &mopts);
    let mut err = io::stderr().lock();
    for s in &plan.skipped {
        writeln!(err, "warning: {}: {}", specc::driver::display_path(&s.path), s.reason)?;
    }
    let fixes: usize = plan.changes.iter().map(|c| c.applied.len()).sum();
    let unsafe_flag = if args.unsafe_fixes { " --unsafe-fixes" } else { "" };
    if args.diff {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        for c in &plan.changes {
            write!(out, "{}", specc::migrate::unified_diff(c))?;
        }
        out.flush()?;
        if plan.changes.is_empty() {
            writeln!(err, "No fixes to apply.")?;
            return Ok(AfterFixes::Done(ExitCode::SUCCESS));
        }
        writeln!(
            err,
            "{} would change ({}); apply with `specc check --fix{unsafe_flag}`.",
            plural(plan.changes.len(), "file"),
            plural(fixes, "fix")
        )?;
        return Ok(AfterFixes::Done(ExitCode::from(1)));
    }
    let (written, failed) = write_changes(&plan.changes, &mut err)?;
    if written > 0 {
        writeln!(err, "Fixed {} in {}.", plural(fixes, "finding"), plural(written, "file"))?;
    }
    Ok(AfterFixes::Continue { failed })
}

/// Writes each planned change (atomically, see `migrate::write_change`), reporting every failure with
/// its path. Returns how many files were written and whether any failed.
fn write_changes(changes: &[specc::migrate::FileChange], err: &mut impl Write) -> io::Result<(usize, bool)> {
    let mut written = 0;
    let mut failed = false;
    for c in changes {
        match specc::migrate::write_change(c) {
            Ok(()) => written += 1,
            Err(e) => {
                failed = true;
                writeln!(err, "error: {}: {e}", specc::driver::display_path(&c.path))?;
            }
        }
    }
    Ok((written, failed))
}

fn run_migrate(args: MigrateArgs) -> io::Result<ExitCode> {
    let options = RunOptions {
        paths: args.paths.clone(),
        config: args.config.clone(),
        isolated: args.isolated,
        fail_on: Some(None),
        ..RunOptions::default()
    };
    let run = match specc::run(&options) {
        Ok(r) => r,
        Err(e) => return print_config_error(&e, Format::Human),
    };
    let selection = specc::run::selection(&run.config, &options);
    let mopts = specc::migrate::MigrateOptions {
        unsafe_fixes: args.unsafe_fixes,
        inline_secrets: args.inline_secrets,
        component_id: args.component_id.clone(),
        ..Default::default()
    };
    let unsafe_flag = if args.unsafe_fixes { " --unsafe-fixes" } else { "" };
    let plan = specc::migrate::plan(&run.reports, &run.config, &selection, &mopts);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr().lock();
    for s in &plan.skipped {
        writeln!(err, "warning: {}: {}", specc::driver::display_path(&s.path), s.reason)?;
    }
    for w in &plan.warnings {
        writeln!(err, "warning: {w}")?;
    }
    let fixes: usize = plan.changes.iter().map(|c| c.applied.len()).sum();
    // Files that cannot be parsed are reported above and left alone; they do not fail the run (`specc
    // check` reports them). Failed writes do, and so does `--check` when anything would change.
    let mut failed = false;
    if args.patch {
        serde_json::to_writer_pretty(&mut out, &specc::migrate::patch_output(&plan)).map_err(io::Error::other)?;
        writeln!(out)?;
    } else if args.write {
        let (written, write_failed) = write_changes(&plan.changes, &mut err)?;
        failed |= write_failed;
        if plan.changes.is_empty() {
            writeln!(err, "Nothing to migrate.")?;
        } else {
            writeln!(err, "Migrated {} ({}).", plural(written, "file"), plural(fixes, "fix"))?;
        }
    } else if args.check {
        for c in &plan.changes {
            writeln!(
                out,
                "would change: {} ({})",
                specc::driver::display_path(&c.path),
                plural(c.applied.len(), "fix")
            )?;
        }
        if !plan.changes.is_empty() {
            failed = true;
        }
        writeln!(err, "{} would change.", plural(plan.changes.len(), "file"))?;
    } else {
        for c in &plan.changes {
            write!(out, "{}", specc::migrate::unified_diff(c))?;
        }
        if plan.changes.is_empty() {
            writeln!(err, "Nothing to migrate.")?;
        } else {
            writeln!(
                err,
                "{} would change ({}); apply with `specc migrate --write{unsafe_flag}`.",
                plural(plan.changes.len(), "file"),
                plural(fixes, "fix")
            )?;
        }
    }
    out.flush()?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_build(args: BuildArgs) -> io::Result<ExitCode> {
    if args.list_targets {
        let mut out = io::stdout().lock();
        for t in specc_emit::TARGETS {
            writeln!(out, "{:<24} {}", t.name, t.summary)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(path), Some(target)) = (args.path.as_deref(), args.target.as_deref().and_then(specc_emit::find_target))
    else {
        return usage_error("`specc build PATH --target TARGET` needs both");
    };
    for (flag, value) in [
        ("--component-id", &args.component_id),
        ("--tenant-id", &args.tenant_id),
        ("--oauth-api-id", &args.oauth_api_id),
    ] {
        if let Some(problem) = value.as_deref().and_then(|v| invalid_id(flag, v)) {
            return usage_error(&problem);
        }
    }
    if args.inline_secrets {
        writeln!(
            io::stderr(),
            "specc: warning: --inline-secrets: secret values of the source are written in clear{}",
            if args.out.is_some() { " (files with mode 0600)" } else { " to standard output" }
        )?;
    }
    let options = specc_emit::BuildOptions {
        inline_secrets: args.inline_secrets,
        component_id: args.component_id.clone(),
        tenant_id: args.tenant_id.clone(),
        oauth_api_id: args.oauth_api_id.clone(),
        openapi_version: specc_emit::OpenApiVersion::parse(&args.openapi_version).unwrap_or_default(),
    };
    let codes: Vec<&str> = specc_rules::all_rules().iter().map(|r| r.meta().code).collect();
    for pattern in &args.ignore {
        let p = Pattern::new(pattern);
        if !codes.iter().any(|c| p.matches(c)) {
            let hint = specc_dialects::openapi::did_you_mean(pattern, &codes)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            return usage_error(&format!("--ignore `{pattern}` matches no rule code or namespace{hint}"));
        }
    }
    let run_options = RunOptions {
        paths: vec![path.to_path_buf()],
        config: args.config.clone(),
        isolated: args.isolated,
        ignore: args.ignore.iter().map(|s| Pattern::new(s)).collect(),
        ..RunOptions::default()
    };
    let config = match specc::run::load_config(&run_options) {
        Ok(c) => c,
        Err(e) => return print_config_error(&e, Format::Human),
    };
    let selection = specc::run::selection(&config, &run_options);
    let mut built = match specc::build::build(path, target, args.scheme.as_deref(), &options) {
        Ok(o) => o,
        Err(e) => return usage_error(&e.to_string()),
    };
    // The configuration's severities and selection apply to the build's own findings.
    for d in &mut built.diagnostics {
        d.severity = config.severity_for(d.code, d.severity);
    }
    built.diagnostics.retain(|d| selection.keeps(d));
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && io::stderr().is_terminal(),
    };
    let renderer = HumanRenderer::new(color, 100);
    {
        let mut err = io::stderr().lock();
        for d in &built.diagnostics {
            write!(err, "{}", renderer.render_masked(built.db(), d, &built.source.secrets))?;
            writeln!(err)?;
        }
    }
    if let Some(e) = &built.internal_error {
        return Err(io::Error::other(format!("template failed (a bug in specc): {e}")));
    }
    // Without `--inline-secrets`, no secret of the source reaches a generated file, whatever a template
    // copied (a URL's password, a credential in a query, an extra parameter).
    let files: Option<Vec<specc_emit::EmittedFile>> = built.files.clone().map(|mut files| {
        if !args.inline_secrets {
            for f in &mut files {
                f.contents = specc::redact::redact_text(&f.contents, &built.source.secrets);
            }
        }
        files
    });
    let Some(files) = &files else {
        writeln!(io::stderr(), "specc: error: nothing built for `{}`: see the errors above", target.name)?;
        return Ok(ExitCode::from(2));
    };
    match &args.out {
        Some(dir) => {
            let mode = if args.inline_secrets { 0o600 } else { 0o644 };
            let written = match specc::build::write_files(dir, files, args.force, mode) {
                Ok(w) => w,
                Err(e) => {
                    writeln!(io::stderr(), "specc: error: {e}; nothing was written")?;
                    return Ok(ExitCode::from(2));
                }
            };
            let mut err = io::stderr().lock();
            for p in written {
                writeln!(err, "wrote {}", specc::driver::display_path(&p))?;
            }
        }
        None => {
            let mut out = io::stdout().lock();
            write!(out, "{}", specc::build::concatenate(files))?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_rules(json: bool) -> io::Result<ExitCode> {
    let rules = specc_rules::all_rules();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if json {
        let list: Vec<serde_json::Value> = rules
            .iter()
            .map(|r| {
                let m = r.meta();
                serde_json::json!({
                    "code": m.code, "severity": m.severity.as_str(), "fix": m.fix.as_str(),
                    "summary": m.summary, "since": m.since, "builtin": m.builtin, "url": m.url(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        let width = rules.iter().map(|r| r.meta().code.len()).max().unwrap_or(10);
        writeln!(out, "{:<width$}  {:<8} {:<7} summary", "code", "severity", "fix")?;
        for r in &rules {
            let m = r.meta();
            writeln!(out, "{:<width$}  {:<8} {:<7} {}", m.code, m.severity.as_str(), m.fix.as_str(), m.summary)?;
        }
        writeln!(out, "\n{} rules.", rules.len())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_schema(name: Option<&str>, list: bool) -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match (name, list) {
        (Some(n), false) => match specc::schemas::schema(n) {
            Some(v) => {
                serde_json::to_writer_pretty(&mut out, &v).map_err(io::Error::other)?;
                writeln!(out)?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let names: Vec<&str> = specc::schemas::SCHEMAS.iter().map(|(n, _)| *n).collect();
                usage_error(&format!("unknown schema `{n}`: expected one of {}", names.join(", ")))
            }
        },
        _ => {
            for (n, what) in specc::schemas::SCHEMAS {
                writeln!(out, "{n:<26} {what}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_explain(code: &str) -> io::Result<ExitCode> {
    let Some(rule) = specc_rules::find_rule(code) else {
        let codes: Vec<&str> = specc_rules::all_rules().iter().map(|r| r.meta().code).collect();
        let hint = specc_dialects::openapi::did_you_mean(code, &codes)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        return usage_error(&format!("unknown rule `{code}`{hint}"));
    };
    let m = rule.meta();
    let mut out = io::stdout().lock();
    writeln!(out, "# {}\n", m.code)?;
    writeln!(
        out,
        "{}\n\nDefault severity: {}. Fix: {}. Since: {}.\n",
        m.summary,
        m.severity.as_str(),
        m.fix.as_str(),
        m.since
    )?;
    write!(out, "{}", m.doc())?;
    Ok(ExitCode::SUCCESS)
}
