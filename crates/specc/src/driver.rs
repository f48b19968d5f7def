//! From paths on the command line to diagnostics per unit: walking, loading, dialect detection,
//! lowering and rules, in parallel, with a deterministic result order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use specc_diagnostics::{sort_diagnostics, Diagnostic, FileId, Severity};
use specc_dialects::{Detection, Dialect, Lowered};
use specc_rules::Context;
use specc_syntax::{codes, read_file, Document, SourceDb};

/// Code for a file named on the command line that specc does not recognise.
pub use specc_rules::rules::specc::UNSUPPORTED_FILE;

/// Extensions specc parses while walking a directory.
const EXTENSIONS: [&str; 3] = ["json", "yaml", "yml"];

/// One input found on the command line or by walking.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// Named on the command line (not found by walking): reported even when unsupported.
    pub explicit: bool,
}

/// Walk errors (permission denied, a symlink loop) found while discovering inputs.
#[derive(Debug, Clone)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// Discovers inputs under `paths`, honouring `.gitignore`, `.ignore` and hidden files like ripgrep.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if !p.is_dir() {
            inputs.push(Input { path: p.clone(), explicit: true });
            continue;
        }
        let walker = ignore::WalkBuilder::new(p).require_git(false).follow_links(false).build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if !e.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let path = e.into_path();
                    let ext = path.extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase);
                    if ext.as_deref().is_some_and(|x| EXTENSIONS.contains(&x)) {
                        inputs.push(Input { path, explicit: false });
                    }
                }
                Err(err) => {
                    let path = walk_error_path(&err).unwrap_or_else(|| p.clone());
                    errors.push(WalkError { path, message: walk_error_message(&err) });
                }
            }
        }
    }
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    inputs.dedup_by(|a, b| a.path == b.path);
    (inputs, errors)
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => walk_error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        _ => None,
    }
}

fn walk_error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => walk_error_message(err),
        ignore::Error::Loop { ancestor, .. } => format!("symbolic link loop back to {}", ancestor.display()),
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        other => other.to_string(),
    }
}

/// The outcome for one unit: its documents and every finding, sorted.
#[derive(Debug)]
pub struct UnitReport {
    pub primary: PathBuf,
    pub dialect: Option<Dialect>,
    pub db: SourceDb,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the unit was lowered (false for unreadable or unparseable files).
    pub lowered: bool,
    /// The lowered unit, kept for commands that need the IR (`build`, `migrate`).
    pub result: Option<Lowered>,
    /// Secret values found in the unit's files, with where they are: output layers mask them.
    pub secrets: Vec<(specc_diagnostics::Span, String)>,
    /// The diagnostics as the output format prints them, one entry per diagnostic in the same order,
    /// rendered on the worker that checked the unit; empty when not rendered (see
    /// [`UnitReport::retain_diagnostics`], which keeps the two aligned).
    pub rendered: Vec<String>,
}

impl UnitReport {
    /// A report with nothing lowered.
    pub fn bare(primary: PathBuf, db: SourceDb, diagnostics: Vec<Diagnostic>) -> Self {
        UnitReport {
            primary,
            dialect: None,
            db,
            diagnostics,
            lowered: false,
            result: None,
            secrets: Vec::new(),
            rendered: Vec::new(),
        }
    }

    /// Keeps the diagnostics `keep` accepts (given the unit's sources and secrets), and their rendered
    /// forms with them.
    pub fn retain_diagnostics(
        &mut self,
        mut keep: impl FnMut(&SourceDb, &[(specc_diagnostics::Span, String)], &Diagnostic) -> bool,
    ) {
        let (db, secrets) = (&self.db, &self.secrets);
        if self.rendered.len() != self.diagnostics.len() {
            self.rendered.clear();
            self.diagnostics.retain(|d| keep(db, secrets, d));
            return;
        }
        let kept: Vec<bool> = self.diagnostics.iter().map(|d| keep(db, secrets, d)).collect();
        let mut flags = kept.iter();
        self.diagnostics.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = kept.iter();
        self.rendered.retain(|_| flags.next().copied().unwrap_or(true));
    }
}

/// Secrets of a lowered unit, and the unit's diagnostics redacted.
fn finish_secrets(
    db: &SourceDb,
    result: Option<&Lowered>,
    diagnostics: &mut [Diagnostic],
) -> Vec<(specc_diagnostics::Span, String)> {
    let secrets = crate::redact::unit_secrets(db, result);
    let known = crate::redact::KnownSecrets::new(&secrets);
    for d in diagnostics.iter_mut() {
        known.redact_diagnostic(d);
    }
    secrets
}

/// What happened to one discovered file in the first pass.
enum Scan {
    /// Parsed and recognised (or part of a unit whose primary is elsewhere).
    Unit { doc: Document, detection: Detection },
    /// Could not be parsed, but looks like ours: report its syntax errors.
    Broken { doc: Document, dialect: Option<Dialect> },
    /// Not ours.
    Skip { doc: Option<Document> },
}

/// Reads an input. A FIFO or character device (`/dev/stdin`, `<(cmd)`) is read only when named on the
/// command line, as a stream and at most up to the file size limit; walking never opens one.
fn read_input(input: &Input) -> Result<Vec<u8>, (&'static str, String)> {
    if input.explicit && is_stream(&input.path) {
        return read_stream(&input.path);
    }
    read_file(&input.path)
}

/// Whether `path` is a pipe or character device (after following symbolic links).
pub fn is_stream(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_char_device())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Reads a stream (`-` is standard input) up to [`specc_syntax::MAX_FILE_BYTES`].
pub fn read_stream(path: &Path) -> Result<Vec<u8>, (&'static str, String)> {
    use std::io::Read;
    let limit = specc_syntax::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    let is_stdin = path == Path::new("-");
    let result = if is_stdin {
        std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)
    } else {
        read_nonblocking(path, limit + 1, &mut bytes)
    };
    let shown = if is_stdin { "standard input".to_string() } else { path.display().to_string() };
    match result {
        Err(e) => Err((codes::UNREADABLE, format!("cannot read {shown}: {e}"))),
        // A pipe nobody writes to reads as empty at once instead of blocking: say what happened.
        Ok(_) if bytes.is_empty() && !is_stdin => {
            Err((codes::UNREADABLE, format!("cannot read {shown}: nothing was written to it")))
        }
        Ok(_) if bytes.len() as u64 > limit => Err((
            codes::FILE_TOO_LARGE,
            format!("{shown} is larger than the {} MiB limit; it was not read", limit / (1024 * 1024)),
        )),
        Ok(_) => Ok(bytes),
    }
}

/// `O_NONBLOCK` where its value is known: opening a FIFO then returns at once even with no writer, and
/// reading it returns end-of-file when nobody writes, instead of waiting forever.
#[cfg(all(
    unix,
    any(target_os = "linux", target_os = "android"),
    not(any(target_arch = "mips", target_arch = "mips64"))
))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(all(
    unix,
    any(target_os = "macos", target_os = "ios", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")
))]
const O_NONBLOCK: i32 = 0x4;
#[cfg(not(any(
    all(unix, any(target_os = "linux", target_os = "android"), not(any(target_arch = "mips", target_arch = "mips64"))),
    all(
        unix,
        any(
            target_os = "macos",
            target_os = "ios",
            target_os = "freebsd",
            target_os = "openbsd",
            target_os = "netbsd"
        )
    )
)))]
const O_NONBLOCK: i32 = 0;

/// How long an explicitly named FIFO may stay without a writer before it counts as empty.
const FIFO_WRITER_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

fn is_fifo(f: &std::fs::File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        f.metadata().is_ok_and(|m| m.file_type().is_fifo())
    }
    #[cfg(not(unix))]
    {
        let _ = f;
        false
    }
}

/// Reads a stream opened without blocking, waiting (politely) while a writer is connected but quiet.
fn read_nonblocking(path: &Path, limit: u64, out: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    let mut f = options.open(path)?;
    // Opened without blocking, a FIFO whose writer has not opened it yet reads as end-of-file at once:
    // give a writer started beside specc (`mkfifo p; producer > p & specc check p`) a moment to connect.
    let waits_for_writer = is_fifo(&f);
    let opened = std::time::Instant::now();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) if out.is_empty() && waits_for_writer && opened.elapsed() < FIFO_WRITER_GRACE => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Ok(0) => return Ok(out.len()),
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if out.len() as u64 >= limit {
                    return Ok(out.len());
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn scan(input: &Input) -> Scan {
    let bytes = match read_input(input) {
        Ok(b) => b,
        Err((code, message)) => {
            // Unreadable files are always reported: a walked file we cannot read may well be ours.
            return Scan::Broken { doc: Document::unreadable(FileId(0), &input.path, code, message), dialect: None };
        }
    };
    let skip = specc_dialects::skip_predicate(&bytes);
    scan_document(input, Document::parse_owned_with(FileId(0), &input.path, bytes, skip))
}

fn scan_document(input: &Input, doc: Document) -> Scan {
    if doc.root.is_some() && !doc.fatal {
        if let Some(detection) = specc_dialects::detect(&input.path, &doc) {
            return Scan::Unit { doc, detection };
        }
        return Scan::Skip { doc: Some(doc) };
    }
    // Broken: report it when it looks like ours (by name or raw text, or by what the partial tree shows).
    let dialect = specc_dialects::sniff(&input.path, &doc.text).or_else(|| {
        specc_dialects::is_data_file(&input.path)
            .then(|| specc_dialects::detect(&input.path, &doc).map(|d| d.dialect))
            .flatten()
    });
    // Named explicitly, a file that could not be read or holds nothing is reported as such rather than
    // as "unsupported": there is no content to recognise.
    let unreadable_or_empty = doc.root.is_none()
        && doc.diagnostics.iter().any(|d| d.file_level || d.code == codes::EMPTY_FILE || d.code == codes::INVALID_UTF8);
    if dialect.is_some() || (input.explicit && unreadable_or_empty) {
        return Scan::Broken { doc, dialect };
    }
    Scan::Skip { doc: None }
}

/// Options for one check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Dialect to assume for files whose dialect cannot be detected (explicit inputs only).
    pub assume_dialect: Option<Dialect>,
    /// Dialect hints by path (`[dialects]` in specc.toml), for files whose dialect cannot be detected.
    pub hints: Vec<(globset::GlobMatcher, Dialect)>,
    /// Directory the hint globs are relative to.
    pub hint_base: PathBuf,
    /// The provider catalog with the project's `[[providers]]`; `None`: the built-in one.
    pub providers: Option<std::sync::Arc<specc_providers::Catalog>>,
    /// Worker threads; 0: one per core.
    pub threads: usize,
}

impl CheckOptions {
    fn hint(&self, path: &Path) -> Option<Dialect> {
        if self.hints.is_empty() {
            return None;
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(&self.hint_base).unwrap_or(path);
        self.hints.iter().find(|(g, _)| g.is_match(rel)).map(|(_, d)| *d)
    }
}

/// What the first pass made of one input.
enum Triage {
    Report(Box<UnitReport>),
    /// Part of the unit whose primary is this path; lowered with it.
    Aux(PathBuf, Dialect),
    Skip,
}

fn triage(input: &Input, options: &CheckOptions) -> Triage {
    match scan(input) {
        Scan::Unit { doc, detection } => match detection.unit_primary {
            Some(primary) if primary != input.path => Triage::Aux(primary, detection.dialect),
            _ => Triage::Report(Box::new(run_unit(
                options.providers.as_deref(),
                input.path.clone(),
                Some(doc),
                Some(detection.dialect),
                UnitKind::Lower,
            ))),
        },
        Scan::Broken { doc, dialect } => Triage::Report(Box::new(run_unit(
            options.providers.as_deref(),
            input.path.clone(),
            Some(doc),
            dialect,
            UnitKind::ReportOnly,
        ))),
        Scan::Skip { doc } => match (options.hint(&input.path), doc) {
            (Some(d), Some(doc)) => Triage::Report(Box::new(run_unit(
                options.providers.as_deref(),
                input.path.clone(),
                Some(doc),
                Some(d),
                UnitKind::Lower,
            ))),
            (_, doc) if input.explicit => match (options.assume_dialect, doc) {
                (Some(d), Some(doc)) => Triage::Report(Box::new(run_unit(
                    options.providers.as_deref(),
                    input.path.clone(),
                    Some(doc),
                    Some(d),
                    UnitKind::Lower,
                ))),
                // The text already read (a stream cannot be read twice).
                (_, doc) => Triage::Report(Box::new(run_unit(
                    options.providers.as_deref(),
                    input.path.clone(),
                    doc,
                    None,
                    UnitKind::Unsupported,
                ))),
            },
            _ => Triage::Skip,
        },
    }
}

/// Stack size of the worker threads: lowering and rules recurse over (depth-limited) trees.
const WORKER_STACK: usize = 8 << 20;

/// The number of worker threads for `requested` (0: one per core).
pub fn thread_count(requested: usize) -> usize {
    if requested > 0 {
        return requested;
    }
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Runs `work` over `items` on `threads` threads and hands the results to `emit` in item order, on the
/// calling thread. Workers take the next item from a shared counter, so results arrive nearly in order
/// and only a few wait in the reorder buffer: memory stays bounded by the threads' work in flight, not
/// by the input.
pub fn in_order<T: Sync, R: Send>(threads: usize, items: &[T], work: impl Fn(&T) -> R + Sync, emit: impl FnMut(R)) {
    in_order_sized(threads, items, &[], work, emit);
}

/// [`in_order`] for items of very different sizes (`sizes[i]`, in any unit; empty: all alike). The
/// largest items, one fewer than there are threads, are started first, whatever their place: otherwise
/// a large file near the end of the run is checked by one thread while the others have nothing left
/// to do. Each waits in the reorder buffer until the items before it are handed on.
pub fn in_order_sized<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    sizes: &[u64],
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = threads.max(1).min(items.len().max(1));
    if threads <= 1 {
        items.iter().for_each(|i| emit(work(i)));
        return;
    }
    // The order in which workers take the items: the large ones first, then the rest in item order.
    let mut early: Vec<usize> = (0..sizes.len().min(items.len())).collect();
    early.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    early.truncate(threads - 1);
    // Only items clearly larger than an even share are worth moving forward.
    let share = sizes.iter().sum::<u64>() / (threads as u64 * 4).max(1);
    early.retain(|&i| sizes[i] > share);
    let order: Vec<usize> = early.iter().copied().chain((0..items.len()).filter(|i| !early.contains(i))).collect();
    let next = AtomicUsize::new(0);
    // Workers may run at most `window` items ahead of the last one emitted: while one large file is
    // being checked, the others do not pile up finished units (and their parsed files) behind it.
    let window = threads * 4;
    let emitted = (std::sync::Mutex::new(0usize), std::sync::Condvar::new());
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, R)>(window);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, work, emitted, order, early) = (&next, &work, &emitted, &order, &early);
            let worker = move || {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(item) = items.get(i) else { break };
                    if !early.contains(&i) {
                        let (lock, cvar) = emitted;
                        let mut done = lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                        while i >= *done + window {
                            done = cvar.wait(done).unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                    }
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            };
            if std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(scope, worker).is_err() {
                break;
            }
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                emit(r);
                want += 1;
                let (lock, cvar) = &emitted;
                *lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = want;
                cvar.notify_all();
            }
        }
    });
}

/// Checks every input and hands each unit's report to `sink` as soon as it and every unit before it
/// are done, in path order; a unit's sources are freed when `sink` returns. `prepare` runs on the
/// worker that checked the unit, before `sink` (per-unit filtering and rendering belong there, so that
/// the calling thread only writes). Units whose primary file was not among the inputs (a Membrane
/// `auth/*.map.yml` named on its own) and walk errors come last.
pub fn check_each(
    inputs: &[Input],
    walk_errors: &[WalkError],
    options: &CheckOptions,
    prepare: &(dyn Fn(&mut UnitReport) + Sync),
    mut sink: impl FnMut(UnitReport),
) {
    let threads = thread_count(options.threads);
    // OpenAPI models that an Itential instance of this run names are checked through that instance
    // (which knows which scopes it requests), not a second time on their own.
    let (models, all_sizes) = itential_models(threads, inputs);
    let (owned, sizes): (Vec<Input>, Vec<u64>) = inputs
        .iter()
        .zip(all_sizes)
        .filter(|(i, _)| i.explicit || models.is_empty() || !models.contains(&normalize(&i.path)))
        .map(|(i, size)| (i.clone(), size))
        .unzip();
    let inputs = owned.as_slice();
    let named: std::collections::HashSet<&Path> = inputs.iter().map(|i| i.path.as_path()).collect();
    let mut pending: BTreeMap<PathBuf, Dialect> = BTreeMap::new();
    in_order_sized(
        threads,
        inputs,
        &sizes,
        |i| match triage(i, options) {
            Triage::Report(mut r) => {
                prepare(&mut r);
                Triage::Report(r)
            }
            other => other,
        },
        |o| match o {
            Triage::Report(r) => sink(*r),
            Triage::Aux(primary, dialect) => {
                if !named.contains(primary.as_path()) {
                    pending.entry(primary).or_insert(dialect);
                }
            }
            Triage::Skip => {}
        },
    );
    let work: Vec<(PathBuf, Dialect)> = pending.into_iter().collect();
    in_order(
        threads,
        &work,
        |(p, d)| {
            let mut r = run_unit(options.providers.as_deref(), p.clone(), None, Some(*d), UnitKind::Lower);
            prepare(&mut r);
            r
        },
        &mut sink,
    );
    for e in walk_errors {
        let mut db = SourceDb::new();
        let id = db.add_document(Document::unreadable(
            FileId(0),
            &e.path,
            codes::UNREADABLE,
            format!("cannot read {}: {}", e.path.display(), e.message),
        ));
        let diagnostics = db.get(id).map(|d| d.diagnostics.clone()).unwrap_or_default();
        let mut r = UnitReport::bare(e.path.clone(), db, diagnostics);
        prepare(&mut r);
        sink(r);
    }
}

/// Checks every input; returns one report per unit, ordered by primary path.
pub fn check(inputs: &[Input], walk_errors: &[WalkError], options: &CheckOptions) -> Vec<UnitReport> {
    let mut reports = Vec::new();
    check_each(inputs, walk_errors, options, &|_| {}, |r| reports.push(r));
    reports.sort_by(|a, b| a.primary.cmp(&b.primary));
    reports
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Lower,
    ReportOnly,
    Unsupported,
}

fn run_unit(
    providers: Option<&specc_providers::Catalog>,
    primary: PathBuf,
    doc: Option<Document>,
    dialect: Option<Dialect>,
    kind: UnitKind,
) -> UnitReport {
    run_unit_in(providers, SourceDb::new(), primary, doc, dialect, kind)
}

/// Like [`run_unit`], in a database that may already hold documents of the unit (an editor buffer that
/// must win over the file of the same path).
fn run_unit_in(
    providers: Option<&specc_providers::Catalog>,
    mut db: SourceDb,
    primary: PathBuf,
    doc: Option<Document>,
    dialect: Option<Dialect>,
    kind: UnitKind,
) -> UnitReport {
    let id = match doc {
        Some(doc) => db.add_document(doc),
        // A unit's primary found through another file (a connector's `spec.yml`): never through a link.
        None if std::fs::symlink_metadata(&primary).is_ok_and(|m| m.file_type().is_symlink()) => {
            db.add_document(Document::unreadable(
                FileId(0),
                &primary,
                codes::UNREADABLE,
                format!("{} is a symbolic link; specc does not follow it", primary.display()),
            ))
        }
        None => db.load(&primary),
    };
    let mut diagnostics = Vec::new();
    let mut lowered = false;
    let mut result = None;
    match (kind, dialect) {
        (UnitKind::Unsupported, _) => {
            diagnostics.push(
                Diagnostic::file(
                    UNSUPPORTED_FILE,
                    Severity::Warning,
                    "not a file specc recognises: no elastic.io, Membrane, OpenAPI, Itential or Keboola content found",
                    id,
                )
                .with_help("pass `--dialect NAME` to check it as a given dialect anyway"),
            );
            // An unreadable file reports why; an unrecognised one reports only that it is unsupported.
            let unreadable = db.get(id).is_some_and(|d| d.root.is_none() && d.diagnostics.iter().any(|x| x.file_level));
            if unreadable {
                diagnostics.clear();
            } else {
                let mut report = UnitReport {
                    primary,
                    dialect,
                    db,
                    diagnostics,
                    lowered,
                    result,
                    secrets: Vec::new(),
                    rendered: Vec::new(),
                };
                report.diagnostics.retain(|d| d.code == UNSUPPORTED_FILE);
                return report;
            }
        }
        (UnitKind::ReportOnly, _) | (UnitKind::Lower, None) => {}
        (UnitKind::Lower, Some(dialect)) => {
            let fatal = db.get(id).is_none_or(|d| d.fatal);
            if !fatal {
                let l = specc_dialects::lower(&mut db, id, dialect);
                let cx = match providers {
                    Some(p) => Context::new(&db, &l).with_providers(p),
                    None => Context::new(&db, &l),
                };
                diagnostics.extend(specc_rules::run_rules(&cx));
                diagnostics.extend(l.diagnostics.iter().cloned());
                lowered = true;
                result = Some(l);
            }
        }
    }
    // Syntax findings of every document the unit read (the primary, and any it loaded).
    let mut all: Vec<Diagnostic> = db.iter().flat_map(|d| d.diagnostics.iter().cloned()).collect();
    all.extend(diagnostics);
    // Lowering may copy a loaded document's syntax findings; keep each once.
    let mut seen = std::collections::HashSet::new();
    all.retain(|d| seen.insert((d.code, d.span, d.message.clone())));
    sort_diagnostics(&mut all);
    let secrets = finish_secrets(&db, result.as_ref(), &mut all);
    UnitReport { primary, dialect, db, diagnostics: all, lowered, result, secrets, rendered: Vec::new() }
}

/// Convenience for tests and tools: check paths as the CLI would.
pub fn check_paths(paths: &[PathBuf]) -> Vec<UnitReport> {
    let (inputs, errors) = discover(paths);
    check(&inputs, &errors, &CheckOptions::default())
}

/// Display form of a path: relative to the current directory when under it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// Checks one document whose current text is in memory (an editor buffer). Other files of its unit
/// (a Membrane connector's primary, an Itential model) are read from disk; the buffer wins over the
/// file of the same path.
pub fn check_buffer(path: &Path, bytes: &[u8], options: &CheckOptions) -> UnitReport {
    let input = Input { path: path.to_path_buf(), explicit: true };
    let doc = Document::parse(FileId(0), path, bytes);
    match scan_document(&input, doc) {
        Scan::Unit { doc, detection } => match detection.unit_primary {
            Some(primary) if primary != path => {
                let mut db = SourceDb::new();
                db.add_document(doc);
                run_unit_in(options.providers.as_deref(), db, primary, None, Some(detection.dialect), UnitKind::Lower)
            }
            _ => run_unit(
                options.providers.as_deref(),
                path.to_path_buf(),
                Some(doc),
                Some(detection.dialect),
                UnitKind::Lower,
            ),
        },
        Scan::Broken { doc, dialect } => {
            run_unit(options.providers.as_deref(), path.to_path_buf(), Some(doc), dialect, UnitKind::ReportOnly)
        }
        Scan::Skip { doc } => match (options.hint(path).or(options.assume_dialect), doc) {
            (Some(d), Some(doc)) => {
                run_unit(options.providers.as_deref(), path.to_path_buf(), Some(doc), Some(d), UnitKind::Lower)
            }
            (_, doc) => {
                let mut db = SourceDb::new();
                if let Some(doc) = doc {
                    db.add_document(doc);
                }
                UnitReport::bare(path.to_path_buf(), db, Vec::new())
            }
        },
    }
}

/// Lexically normalised absolute path (`a/./b/../c` → `a/c`), for comparing paths that name one file.
fn normalize(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Models named by the Itential instances among the inputs, and the size of every input (0 when it
/// cannot be read). Instances are small files that mention `model`; only those are parsed here.
fn itential_models(threads: usize, inputs: &[Input]) -> (std::collections::HashSet<PathBuf>, Vec<u64>) {
    let mut models = std::collections::HashSet::new();
    let mut sizes = Vec::with_capacity(inputs.len());
    in_order(
        threads,
        inputs,
        |i| -> (u64, Option<PathBuf>) {
            let Ok(meta) = std::fs::metadata(&i.path) else { return (0, None) };
            if !meta.is_file() || meta.len() > 256 * 1024 {
                return (meta.len(), None);
            }
            let model = || {
                let bytes = std::fs::read(&i.path).ok()?;
                let has = |word: &[u8]| memchr::memmem::find(&bytes, word).is_some();
                if !has(b"model") || !has(b"client_") {
                    return None;
                }
                // Whether a file is an instance, and which model it names, depend on the root's keys
                // and its `model` or `openapi_model` only: other values are passed over (in JSON).
                let root_keys =
                    |path: &[String]| path.len() == 1 && !matches!(path[0].as_str(), "model" | "openapi_model");
                let doc = Document::parse_owned_with(FileId(0), &i.path, bytes, Some(&root_keys));
                specc_dialects::openapi::itential_model_path(&doc).map(|p| normalize(&p))
            };
            (meta.len(), model())
        },
        |(size, m)| {
            sizes.push(size);
            models.extend(m);
        },
    );
    (models, sizes)
}
