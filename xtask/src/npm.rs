//! `cargo xtask npm`: the npm packages, laid out like `@biomejs/biome`: a launcher package `specc`
//! (`npm/specc/`, whose `bin/specc.js` runs the native binary) with one package per platform
//! (`specc-linux-x64`, ...) as `optionalDependencies`; npm installs only the one whose `os`/`cpu`
//! match. Each platform package holds `bin/specc[.exe]` from a release build.
//!
//! ```text
//! cargo xtask npm [--out DIR] [--version V] [--binary PLATFORM=PATH ...]
//! ```
//!
//! Without `--binary`, each platform's binary is taken from `target/<rust target>/release/`, and the
//! host's from `target/release/` too; platforms without a binary are skipped (and named). `npm pack`
//! in each written directory makes the tarballs to publish (platform packages first).
//!
//! This file uses only `std`: `tests/it/npm.rs` includes it to assemble packages from the test binary.

use std::path::{Path, PathBuf};

/// npm platform → (Node's `os`, Node's `cpu`, Rust target triple).
pub const PLATFORMS: &[(&str, &str, &str, &str)] = &[
    ("linux-x64", "linux", "x64", "x86_64-unknown-linux-gnu"),
    ("linux-arm64", "linux", "arm64", "aarch64-unknown-linux-gnu"),
    ("darwin-x64", "darwin", "x64", "x86_64-apple-darwin"),
    ("darwin-arm64", "darwin", "arm64", "aarch64-apple-darwin"),
    ("win32-x64", "win32", "x64", "x86_64-pc-windows-msvc"),
    ("win32-arm64", "win32", "arm64", "aarch64-pc-windows-msvc"),
];

/// What to assemble.
#[derive(Debug, Clone)]
pub struct NpmOptions {
    /// The workspace root (holds `npm/specc/`).
    pub root: PathBuf,
    /// Where the package directories are written (`<out>/specc`, `<out>/specc-linux-x64`, ...).
    pub out: PathBuf,
    pub version: String,
    /// Binaries by npm platform (`linux-x64`).
    pub binaries: Vec<(String, PathBuf)>,
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const REPOSITORY: &str = "https://github.com/specc-dev/specc";
const LICENSE: &str = "MIT OR Apache-2.0";

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn mkdir(path: &Path) -> Result<(), String> {
    std::fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
}

/// Writes the packages; returns their directories, the launcher package last.
pub fn assemble(o: &NpmOptions) -> Result<Vec<PathBuf>, String> {
    if o.binaries.is_empty() {
        return Err("no binary for any platform: build with `cargo build --release -p specc` or pass --binary".into());
    }
    let version = json_string(&o.version);
    let mut dirs = Vec::new();
    for (platform, binary) in &o.binaries {
        let Some((name, os, cpu, _)) = PLATFORMS.iter().find(|p| p.0 == platform) else {
            return Err(format!("unknown platform `{platform}`"));
        };
        if !binary.is_file() {
            return Err(format!("{} is not a file", binary.display()));
        }
        let dir = o.out.join(format!("specc-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        mkdir(&dir.join("bin"))?;
        let exe = if *os == "win32" { "specc.exe" } else { "specc" };
        copy(binary, &dir.join("bin").join(exe))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir.join("bin").join(exe), std::fs::Permissions::from_mode(0o755));
        }
        write(
            &dir.join("package.json"),
            &format!(
                "{{\n  \"name\": \"specc-{name}\",\n  \"version\": {version},\n  \"description\": \"The specc binary for {name}\",\n  \"license\": {},\n  \"repository\": {},\n  \"os\": [{}],\n  \"cpu\": [{}],\n  \"files\": [\"bin/\"],\n  \"preferUnplugged\": true\n}}\n",
                json_string(LICENSE),
                json_string(REPOSITORY),
                json_string(os),
                json_string(cpu)
            ),
        )?;
        write(&dir.join("README.md"), &format!("# specc-{name}\n\nThe `specc` binary for {name}. Install `specc` instead; it depends on this package.\n"))?;
        dirs.push(dir);
    }
    let dir = o.out.join("specc");
    let _ = std::fs::remove_dir_all(&dir);
    mkdir(&dir.join("bin"))?;
    let src = o.root.join("npm/specc");
    copy(&src.join("bin/specc.js"), &dir.join("bin/specc.js"))?;
    copy(&src.join("README.md"), &dir.join("README.md"))?;
    // Every platform is listed, whether or not this run built it: npm skips those that do not match.
    let optional: Vec<String> =
        PLATFORMS.iter().map(|p| format!("    {}: {version}", json_string(&format!("specc-{}", p.0)))).collect();
    write(
        &dir.join("package.json"),
        &format!(
            "{{\n  \"name\": \"specc\",\n  \"version\": {version},\n  \"description\": \"Check OAuth2 client configuration of integration platforms (elastic.io, Membrane, OpenAPI/Itential, Keboola)\",\n  \"license\": {},\n  \"repository\": {},\n  \"bin\": {{ \"specc\": \"bin/specc.js\" }},\n  \"files\": [\"bin/\"],\n  \"engines\": {{ \"node\": \">=14\" }},\n  \"optionalDependencies\": {{\n{}\n  }}\n}}\n",
            json_string(LICENSE),
            json_string(REPOSITORY),
            optional.join(",\n")
        ),
    )?;
    dirs.push(dir);
    Ok(dirs)
}

/// The npm platform of the machine running this, if specc ships one.
pub fn host_platform() -> Option<&'static str> {
    let os = match std::env::consts::OS {
        "linux" => "linux",
        "macos" => "darwin",
        "windows" => "win32",
        _ => return None,
    };
    let cpu = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        _ => return None,
    };
    PLATFORMS.iter().find(|p| p.1 == os && p.2 == cpu).map(|p| p.0)
}
