//! The examples of a rule's page, as files that can be checked.
//!
//! A rule's `## Example` section shows what raises the rule, then, after a line starting with
//! `Use instead`, what does not. Each fenced block there stands for one file and names it in its info
//! string: ` ```yaml title="openapi.yaml" `. The name is what specc sees (it picks the dialect), so
//! it is `component.json` for elastic.io, `spec.yml` and `auth/<method>.map.yml` for a Membrane
//! connector, `instance.yaml` and the model it names for Itential, and so on.
//!
//! - Several blocks on one side make a unit of several files (a Membrane connector directory, an
//!   Itential instance and its model).
//! - The fixed side starts from the files of the first side and replaces the ones it names, so a
//!   multi-file example shows again only the file that changes.
//! - A line written `@ text` is part of the file but not of the page (a line that is only `@` is a
//!   hidden empty line), as rustdoc hides `# ` lines: it carries the context a reader does not need
//!   (the `openapi:` header around a flow, a connector's other files). `@` cannot start a line of
//!   YAML or JSON, so the marker never stands for file content. A block whose lines are all hidden
//!   is left off the page.
//!
//! [`RuleMeta::doc`](crate::RuleMeta::doc) gives the page (hidden lines removed) and
//! [`RuleMeta::examples`](crate::RuleMeta::examples) the files; `tests/it/examples.rs` writes them out
//! and runs the check on both sides.

/// One file of an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFile {
    /// The path the block names, relative to the example's directory.
    pub path: String,
    /// The file's text, hidden lines included (without their marker).
    pub text: String,
    /// Whether the page leaves the file out (every line of its block is hidden).
    pub hidden: bool,
}

/// The two sides of a rule's `## Example` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    /// The files that raise the rule.
    pub bad: Vec<ExampleFile>,
    /// The files that do not: the `bad` ones with those named after `Use instead` replaced.
    pub good: Vec<ExampleFile>,
    /// Whether the section has a `Use instead` line.
    pub has_fixed_side: bool,
    /// Fenced blocks of the section that name no file (`title="..."`), so cannot be checked.
    pub untitled: usize,
}

/// Whether a line of a fenced block is hidden from the page; if so, the file's line.
fn hidden(line: &str) -> Option<&str> {
    if line == "@" {
        Some("")
    } else {
        line.strip_prefix("@ ")
    }
}

/// The `title="..."` of a fence's info string.
fn title(info: &str) -> Option<String> {
    let rest = info.split_once("title=\"")?.1;
    let (name, _) = rest.split_once('"')?;
    (!name.is_empty()).then(|| name.to_string())
}

/// The lines of the section `## Example` (or `## Examples`) of a page, up to the next `## `.
fn example_section(doc: &str) -> Vec<&str> {
    let mut lines = doc.lines().skip_while(|l| !l.starts_with("## Example"));
    let _heading = lines.next();
    lines.take_while(|l| !l.starts_with("## ")).collect()
}

/// Reads the examples of a page (a rule's doc comment, markers included).
pub fn parse(doc: &str) -> Examples {
    let mut out = Examples::default();
    let mut fixed = Vec::new();
    // The open block: its file name, its lines, and how many of them are hidden.
    let mut open: Option<(Option<String>, Vec<String>, usize)> = None;
    for line in example_section(doc) {
        if let Some((name, body, hidden_lines)) = open.as_mut() {
            if line.trim_end() == "```" {
                let hidden = *hidden_lines > 0 && *hidden_lines == body.len();
                let (name, body) = (name.take(), std::mem::take(body));
                open = None;
                let Some(path) = name else {
                    out.untitled += 1;
                    continue;
                };
                let mut text = body.join("\n");
                if !body.is_empty() {
                    text.push('\n');
                }
                let file = ExampleFile { path, text, hidden };
                if out.has_fixed_side {
                    fixed.push(file);
                } else {
                    out.bad.push(file);
                }
            } else if let Some(h) = hidden(line) {
                body.push(h.to_string());
                *hidden_lines += 1;
            } else {
                body.push(line.to_string());
            }
        } else if let Some(info) = line.strip_prefix("```") {
            open = Some((title(info), Vec::new(), 0));
        } else if line.starts_with("Use instead") {
            out.has_fixed_side = true;
        }
    }
    if open.is_some() {
        out.untitled += 1;
    }
    if out.has_fixed_side {
        out.good = out.bad.iter().filter(|b| !fixed.iter().any(|f| f.path == b.path)).cloned().collect();
        out.good.extend(fixed);
    }
    out
}

/// The page a reader sees: the doc with hidden example lines removed, and blocks left with no line
/// removed whole.
pub fn strip_hidden(doc: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    // The open block: its shown lines (the opening fence first) and whether any line was hidden.
    let mut block: Option<(Vec<&str>, bool)> = None;
    for line in doc.lines() {
        match block.as_mut() {
            Some((lines, any_hidden)) => {
                if line.trim_end() == "```" {
                    lines.push(line);
                    // Only the fences are left when every line of the file is hidden: no block.
                    if lines.len() > 2 || !*any_hidden {
                        out.append(lines);
                    }
                    block = None;
                } else if hidden(line).is_some() {
                    *any_hidden = true;
                } else {
                    lines.push(line);
                }
            }
            None if line.starts_with("```") => block = Some((vec![line], false)),
            None => out.push(line),
        }
    }
    if let Some((mut lines, _)) = block {
        out.append(&mut lines);
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "## What it checks\nx\n\n## Example\n```yaml title=\"spec.yml\"\n@ name: Example\nauth:\n  type: oauth2\n```\n```yaml title=\"auth/a.map.yml\"\n@ a: 1\n```\nUse instead:\n```yaml title=\"spec.yml\"\n@ name: Example\nauth:\n@\n  type: oauth\n```\n```json\n{}\n```\n\n## Fix safety\n```yaml\n@ not an example\n```\n";

    #[test]
    fn the_fixed_side_replaces_the_files_it_names() {
        let ex = parse(DOC);
        assert_eq!(ex.bad.len(), 2);
        assert_eq!(ex.bad[0].path, "spec.yml");
        assert_eq!(ex.bad[0].text, "name: Example\nauth:\n  type: oauth2\n");
        assert!(!ex.bad[0].hidden);
        assert!(ex.bad[1].hidden);
        assert!(ex.has_fixed_side);
        let good: Vec<(&str, &str)> = ex.good.iter().map(|f| (f.path.as_str(), f.text.as_str())).collect();
        assert_eq!(good, [("auth/a.map.yml", "a: 1\n"), ("spec.yml", "name: Example\nauth:\n\n  type: oauth\n")]);
        assert_eq!(ex.untitled, 1, "the untitled json block");
    }

    #[test]
    fn the_page_leaves_out_hidden_lines_and_hidden_files() {
        let page = strip_hidden(DOC);
        assert!(!page.contains("name: Example"), "{page}");
        assert!(!page.contains("a.map.yml"), "an all-hidden block is left off:\n{page}");
        assert!(page.contains("```yaml title=\"spec.yml\"\nauth:\n  type: oauth2\n```\n"), "{page}");
        assert!(!page.contains("not an example"), "{page}");
        assert!(page.contains("```json\n{}\n```"), "{page}");
        let empty = "## Example\n```json title=\"component.json\"\n```\n";
        assert_eq!(strip_hidden(empty), empty, "an empty file is shown as an empty block");
        assert_eq!(parse(empty).bad[0].text, "");
    }

    #[test]
    fn a_page_without_examples_has_none() {
        let ex = parse("## What it checks\nx\n");
        assert!(ex.bad.is_empty() && ex.good.is_empty() && !ex.has_fixed_side);
    }
}
