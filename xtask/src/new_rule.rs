//! `cargo xtask new-rule NAMESPACE/NAME`: writes a rule file and its fixture folder, as ruff's
//! `add_rule.py` does. The rule file (`crates/specc-rules/src/rules/<ns>/<name>.rs`) has the house doc
//! sections, a `declare_rule!` and an empty `check`; the fixture folder (`fixtures/<ns>/<name>/`) has a
//! valid and an invalid example in the namespace's dialect, both clean until the invalid one is edited
//! to show the problem. Nothing else needs an edit: `build.rs` finds the rule file.

use std::path::{Path, PathBuf};

/// A file of one dialect's example: its path relative to the example (empty: the example is the file).
type Template = (&'static str, &'static str);

const ELASTICIO: &[Template] = &[("", include_str!("../templates/new-rule/elasticio/component.json"))];
const OPENAPI: &[Template] = &[("", include_str!("../templates/new-rule/openapi/openapi.yaml"))];
const KEBOOLA: &[Template] = &[("", include_str!("../templates/new-rule/keboola/config.json"))];
const ITENTIAL: &[Template] = &[
    ("instance.yaml", include_str!("../templates/new-rule/itential/instance.yaml")),
    ("model.json", include_str!("../templates/new-rule/itential/model.json")),
];
const MEMBRANE: &[Template] = &[
    ("spec.yml", include_str!("../templates/new-rule/membrane/spec.yml")),
    ("auth/get-oauth-config.map.yml", include_str!("../templates/new-rule/membrane/auth/get-oauth-config.map.yml")),
    ("auth/make-api-client.map.yml", include_str!("../templates/new-rule/membrane/auth/make-api-client.map.yml")),
    ("auth/test.js", include_str!("../templates/new-rule/membrane/auth/test.js")),
];

/// The namespaces a rule can be added to, with the example format of each (file extension for a
/// one-file example, or the files of a directory example) and the name the rule page's example gives
/// a one-file example.
fn dialect(namespace: &str) -> Option<(&'static str, &'static [Template], &'static str)> {
    Some(match namespace {
        "elasticio" => ("json", ELASTICIO, "component.json"),
        "keboola" => ("json", KEBOOLA, "config.json"),
        // The cross-dialect namespaces are shown on OpenAPI, the smallest dialect to write.
        "openapi" | "oauth" | "provider" => ("yaml", OPENAPI, "openapi.yaml"),
        "itential" => ("", ITENTIAL, ""),
        "membrane" => ("", MEMBRANE, ""),
        _ => return None,
    })
}

/// The rule page's example blocks of a dialect's template (see `specc_rules::examples`): the first
/// file shown, the others with every line hidden, so the blocks are a unit specc can check.
fn example_blocks(templates: &[Template], single_name: &str, only_first: bool) -> String {
    let mut out = String::new();
    for (i, (rel, text)) in templates.iter().enumerate() {
        if only_first && i > 0 {
            break;
        }
        let name = if rel.is_empty() { single_name } else { rel };
        let lang = match name.rsplit('.').next() {
            Some("json") => "json",
            Some("js") => "js",
            _ => "yaml",
        };
        out.push_str(&format!("    /// ```{lang} title=\"{name}\"\n"));
        for line in text.lines() {
            let line = if i == 0 { line.to_string() } else { format!("@ {line}") };
            out.push_str(format!("    /// {line}").trim_end());
            out.push('\n');
        }
        out.push_str("    /// ```\n");
    }
    out
}

/// The `since` of a new rule: the newest version any rule names (new rules join the unreleased ones),
/// or the crate's version when that is newer.
fn next_since() -> String {
    let parse = |v: &str| v.split('.').map(|p| p.parse::<u64>().unwrap_or(0)).collect::<Vec<u64>>();
    let mut best = env!("CARGO_PKG_VERSION").to_string();
    for rule in specc_rules::all_rules() {
        if parse(rule.meta().since) > parse(&best) {
            best = rule.meta().since.to_string();
        }
    }
    best
}

/// A checked `namespace/name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRule {
    pub namespace: String,
    pub name: String,
}

impl NewRule {
    /// Parses and checks `NAMESPACE/NAME` against the naming rules and the registry.
    pub fn parse(spec: &str) -> Result<NewRule, String> {
        let Some((namespace, name)) = spec.split_once('/') else {
            return Err(format!("`{spec}`: write NAMESPACE/NAME, such as `oauth/token-url-query-secret`"));
        };
        if dialect(namespace).is_none() {
            return Err(format!(
                "`{namespace}` is not a namespace rules are added to; use one of elasticio, itential, keboola, \
                 membrane, oauth, openapi, provider (codes of syntax/, specc/, build/ and probe/ are made outside \
                 rules: declare them with `builtin: true` by hand)"
            ));
        }
        let kebab = !name.is_empty()
            && name.len() <= 60
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && !name.ends_with('-')
            && !name.contains("--")
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !kebab {
            return Err(format!(
                "`{name}`: a rule name is kebab-case (lowercase letters, digits and single `-`, starting with a \
                 letter, at most 60 characters), such as `token-url-query-secret`"
            ));
        }
        let code = format!("{namespace}/{name}");
        if let Some(redirect) = specc_rules::REDIRECTS.iter().find(|r| r.from == code) {
            return Err(format!("`{code}` was renamed to `{}`; a code is never reused", redirect.to));
        }
        if specc_rules::find_rule(&code).is_some() {
            return Err(format!("`{code}` already exists (`cargo run -p specc -- explain {code}`)"));
        }
        Ok(NewRule { namespace: namespace.to_string(), name: name.to_string() })
    }

    pub fn code(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// `token-url-query-secret` → `TokenUrlQuerySecret`.
    pub fn type_name(&self) -> String {
        self.name
            .split('-')
            .map(|part| {
                let mut c = part.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            })
            .collect()
    }

    pub fn rule_path(&self) -> PathBuf {
        PathBuf::from("crates/specc-rules/src/rules")
            .join(&self.namespace)
            .join(format!("{}.rs", self.name.replace('-', "_")))
    }

    pub fn fixture_dir(&self) -> PathBuf {
        PathBuf::from("fixtures").join(&self.namespace).join(&self.name)
    }

    /// The rule file's text.
    pub fn rule_text(&self) -> String {
        let (_, templates, single_name) = dialect(&self.namespace).unwrap_or(("", OPENAPI, "openapi.yaml"));
        let example = example_blocks(templates, single_name, false);
        let fixed = example_blocks(templates, single_name, true);
        let code = self.code();
        let ty = self.type_name();
        let since = next_since();
        format!(
            r#"//! `{code}`

use crate::{{declare_rule, Context, Diagnostic, Rule}};

declare_rule! {{
    /// ## What it checks
    /// TODO: the exact condition this rule reports, in the words of the file it reads (which key,
    /// which value), and what it deliberately leaves alone (placeholders, other rules' cases).
    ///
    /// ## Why it matters
    /// TODO: what happens on the platform when the file is shipped like this, with a public source
    /// (an RFC section or the vendor's documentation URL). Choose the severity by the policy in
    /// ARCHITECTURE.md: error = rejected / cannot work / breaks a MUST; warning = works but risky,
    /// deprecated or likely wrong; info = advice.
    ///
    /// ## Example
    /// TODO: edit the first file so it raises the rule, and hide (`@ ` before the line) what a reader
    /// does not need; `tests/it/examples.rs` checks that it raises the rule and the fixed one does not.
{example}    /// Use instead (TODO: the same file, fixed):
{fixed}    pub struct {ty} {{
        code: "{code}",
        summary: "TODO one line for `specc rules`, without a trailing period",
        severity: Warning,
        fix: None,
        since: "{since}",
    }}
}}

impl Rule for {ty} {{
    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {{
        // TODO: read `_cx.ir()` (or the dialect's view through its accessor, `_cx.openapi()`,
        // `_cx.elasticio()`..., and declare it above: `reads: [OpenApi],` after `since`) and push
        // `Self::diagnostic(message, span)`: the severity comes from the metadata above.
    }}
}}
"#
        )
    }

    /// The fixture files (relative to the repository root) and their text.
    pub fn fixture_files(&self) -> Vec<(PathBuf, String)> {
        let (ext, templates, _) = dialect(&self.namespace).unwrap_or(("yaml", OPENAPI, "yaml"));
        let dir = self.fixture_dir();
        let mut files = Vec::new();
        for kind in ["valid", "invalid"] {
            for (rel, text) in templates {
                let path = if rel.is_empty() { dir.join(format!("{kind}.{ext}")) } else { dir.join(kind).join(rel) };
                files.push((path, (*text).to_string()));
            }
        }
        files
    }

    /// Every file to write, the rule file first.
    pub fn files(&self) -> Vec<(PathBuf, String)> {
        let mut v = vec![(self.rule_path(), self.rule_text())];
        v.extend(self.fixture_files());
        v
    }
}

/// Writes the files of `rule` under `root`, refusing to overwrite anything (nothing is written when
/// the rule file or the fixture folder exists).
pub fn scaffold(root: &Path, rule: &NewRule) -> Result<Vec<PathBuf>, String> {
    let ns_dir = root.join("crates/specc-rules/src/rules").join(&rule.namespace);
    if !ns_dir.join("mod.rs").is_file() {
        return Err(format!("{}: no such namespace directory", ns_dir.display()));
    }
    for existing in [rule.rule_path(), rule.fixture_dir()] {
        if root.join(&existing).exists() {
            return Err(format!("{} already exists; nothing written", existing.display()));
        }
    }
    let mut written = Vec::new();
    for (path, text) in rule.files() {
        let full = root.join(&path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&full, text).map_err(|e| format!("{}: {e}", full.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// `cargo xtask new-rule NAMESPACE/NAME`.
pub fn run(args: &[String]) -> anyhow::Result<bool> {
    let [spec] = args else {
        return Err(anyhow::anyhow!(
            "usage: cargo xtask new-rule NAMESPACE/NAME (such as oauth/token-url-query-secret)"
        ));
    };
    let rule = NewRule::parse(spec).map_err(|e| anyhow::anyhow!(e))?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let written = scaffold(&root, &rule).map_err(|e| anyhow::anyhow!(e))?;
    #[allow(clippy::print_stdout)]
    {
        println!("new-rule: wrote");
        for p in &written {
            println!("  {}", p.display());
        }
        let code = rule.code();
        println!(
            "\nNext:\n\
             1. Fill in the TODOs of {rule_file}: the doc sections (they become `specc explain {code}` and\n   \
             docs/rules/{code}.md), the summary, the severity, and `check`.\n\
             2. Edit the invalid example(s) under {fixtures}/ so they show the problem; keep the valid one clean.\n   \
             Add more `valid*`/`invalid*` files for other cases.\n\
             3. `cargo test -p specc-rules --lib` and `cargo test -p specc --test it fixtures:: examples::` (they\n   \
             fail until the invalid fixture and the page's example raise `{code}`).\n\
             4. Review the new snapshots: `INSTA_FORCE_PASS=1 INSTA_UPDATE=new cargo test -p specc --test it fixtures::`,\n   \
             read each tests/snapshots/*.snap.new and move it over the .snap.\n\
             5. `cargo xtask codegen` to write the rule's page, then `cargo xtask ecosystem` (and `--bless` plus\n   \
             triage if the rule reports on real files).",
            rule_file = rule.rule_path().display(),
            fixtures = rule.fixture_dir().display(),
        );
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        let bad = [
            ("oauth", "write NAMESPACE/NAME"),
            ("nope/some-rule", "not a namespace"),
            ("syntax/some-rule", "not a namespace"),
            ("oauth/Bad_Name", "kebab-case"),
            ("oauth/-lead", "kebab-case"),
            ("oauth/trail-", "kebab-case"),
            ("oauth/double--dash", "kebab-case"),
            ("oauth/9lives", "kebab-case"),
            ("oauth/", "kebab-case"),
            ("oauth/pkce-weak", "already exists"),
            ("elasticio/refresh-token-not-requested", "never reused"),
        ];
        for (spec, why) in bad {
            let err = NewRule::parse(spec).expect_err(spec);
            assert!(err.contains(why), "{spec}: {err}");
        }
        let ok = NewRule::parse("oauth/token-url-query-secret2").expect("a fresh name");
        assert_eq!(ok.type_name(), "TokenUrlQuerySecret2");
        assert_eq!(ok.rule_path(), PathBuf::from("crates/specc-rules/src/rules/oauth/token_url_query_secret2.rs"));
        assert_eq!(ok.fixture_dir(), PathBuf::from("fixtures/oauth/token-url-query-secret2"));
    }

    #[test]
    fn the_rule_text_follows_the_house_style() {
        let rule = NewRule::parse("keboola/demo-new-rule").expect("fresh");
        let text = rule.rule_text();
        for part in [
            "//! `keboola/demo-new-rule`\n",
            "declare_rule! {",
            "    /// ## What it checks\n",
            "    /// ## Why it matters\n",
            "    /// ## Example\n",
            "    /// ```json title=\"config.json\"\n",
            "    pub struct DemoNewRule {\n",
            "        code: \"keboola/demo-new-rule\",\n",
            "impl Rule for DemoNewRule {\n",
            "Self::diagnostic(message, span)",
            &format!("        since: \"{}\",\n", next_since()),
        ] {
            assert!(text.contains(part), "missing {part:?} in:\n{text}");
        }
        // Every doc line is a `///` line inside the macro (an unprefixed line would not compile).
        let inside = text.split("declare_rule! {").nth(1).and_then(|t| t.split("    pub struct").next()).unwrap_or("");
        assert!(inside.lines().filter(|l| !l.is_empty()).all(|l| l.starts_with("    ///")), "{inside}");
    }

    /// Scaffolds every namespace into a scratch tree: the files land where the registry and the
    /// fixture test look, a second run refuses, and every valid (and, until edited, invalid) example
    /// checks clean with the real checker.
    #[test]
    fn scaffolds_into_a_tree_and_refuses_to_overwrite() {
        let root = std::env::temp_dir().join(format!("specc-new-rule-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for ns in ["elasticio", "itential", "keboola", "membrane", "oauth", "openapi", "provider"] {
            let dir = root.join("crates/specc-rules/src/rules").join(ns);
            std::fs::create_dir_all(&dir).expect("mkdir");
            std::fs::write(dir.join("mod.rs"), "").expect("mod.rs");
            let rule = NewRule::parse(&format!("{ns}/scaffold-demo")).expect("fresh");
            let written = scaffold(&root, &rule).expect("scaffold");
            assert_eq!(written[0], rule.rule_path());
            assert!(written.len() >= 3, "{written:?}");
            let again = scaffold(&root, &rule).expect_err("second run");
            assert!(again.contains("already exists"), "{again}");
            for kind in ["valid", "invalid"] {
                let example = std::fs::read_dir(root.join(rule.fixture_dir()))
                    .expect("fixture dir")
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| p.file_stem().is_some_and(|s| s == kind))
                    .unwrap_or_else(|| panic!("{ns}: no {kind} example"));
                let options = specc::RunOptions { paths: vec![example.clone()], ..specc::RunOptions::default() };
                let run = specc::run(&options).unwrap_or_else(|_| panic!("{}: run failed", example.display()));
                let findings: Vec<String> = run
                    .reports
                    .iter()
                    .flat_map(|r| r.diagnostics.iter())
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect();
                assert!(findings.is_empty(), "{}: {findings:?}", example.display());
                assert!(run.reports.iter().any(|r| r.lowered), "{}: not lowered as a unit", example.display());
            }
            // The page's example blocks form a unit too: every block names its file and both sides
            // check clean until the rule's author edits the first side to show the problem.
            let doc: String = rule
                .rule_text()
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("///"))
                .map(|l| l.strip_prefix(' ').unwrap_or(l).to_string() + "\n")
                .collect();
            let examples = specc_rules::examples::parse(&doc);
            assert_eq!(examples.untitled, 0, "{ns}: {doc}");
            assert!(!examples.bad.is_empty() && !examples.good.is_empty(), "{ns}: {doc}");
            for (side, files) in [("example", &examples.bad), ("fixed", &examples.good)] {
                let dir = root.join("page-examples").join(ns).join(side);
                for f in files {
                    let path = dir.join(&f.path);
                    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                    std::fs::write(&path, &f.text).expect("write");
                }
                let options = specc::RunOptions { paths: vec![dir.clone()], ..specc::RunOptions::default() };
                let run = specc::run(&options).unwrap_or_else(|_| panic!("{}: run failed", dir.display()));
                let findings: Vec<String> =
                    run.reports.iter().flat_map(|r| r.diagnostics.iter()).map(|d| d.code.to_string()).collect();
                assert!(findings.is_empty(), "{ns} {side}: {findings:?}");
                assert!(run.reports.iter().any(|r| r.lowered), "{ns} {side}: not lowered as a unit");
            }
        }
        let missing_ns = scaffold(&root.join("nowhere"), &NewRule { namespace: "oauth".into(), name: "y".into() });
        assert!(missing_ns.expect_err("no tree").contains("no such namespace"));
        let _ = std::fs::remove_dir_all(&root);
    }
}
