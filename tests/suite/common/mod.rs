//! Helpers shared by the end-to-end tests: run the real binary, find the plans.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `planwright` with `args` in `cwd`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        // Messages before a plan is read follow the environment's language: keep the default.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("run planwright")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/examples/*.yaml`, when the shared folder sits beside the repository.
pub fn shared_examples() -> Vec<PathBuf> {
    yaml_files(&root().join("../shared/examples"))
}

/// `plans/*.yaml`.
pub fn own_plans() -> Vec<PathBuf> {
    yaml_files(&root().join("plans"))
}

pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// A fresh empty folder under the target directory, in a folder named for the calling test
/// file: the files share one test binary and run at once, so two of them may pick the same
/// name without meeting.
#[track_caller]
pub fn scratch(name: &str) -> PathBuf {
    let file = Path::new(std::panic::Location::caller().file());
    let module = file.file_stem().and_then(|s| s.to_str()).unwrap_or("suite");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(module).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Renders `plan` to Markdown in a scratch folder and returns the text; panics with the
/// tool's stderr when it fails or prints a warning.
#[track_caller]
pub fn render_md(plan: &Path, scratch_name: &str) -> String {
    let out = scratch(scratch_name);
    let o =
        run(&root(), &["render", plan.to_str().unwrap(), "-o", out.to_str().unwrap(), "--strict"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "render {} failed:\n{stderr}", plan.display());
    assert!(stderr.trim().is_empty(), "render {} printed:\n{stderr}", plan.display());
    let name = plan.file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::read_to_string(out.join(&name).join(format!("{name}.md"))).expect("read report")
}

/// The tables of a Markdown document as pulldown-cmark parses them: rows of cell texts.
pub fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut tables = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Start(Tag::Table(_)) => table = Vec::new(),
            Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut table)),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row = Vec::new(),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                table.push(std::mem::take(&mut row))
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap_or_default()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    tables
}

/// Asserts that some table has a row whose leading cells are exactly `cells`.
pub fn assert_row(tables: &[Vec<Vec<String>>], cells: &[&str]) {
    let rows: Vec<&Vec<String>> = tables
        .iter()
        .flat_map(|t| t.iter())
        .filter(|r| r.first().map(String::as_str) == Some(cells[0]))
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.len() >= cells.len()
                && r[..cells.len()].iter().zip(cells).all(|(a, b)| a == b)),
        "no row {cells:?}; rows starting with {:?}: {rows:?}",
        cells[0]
    );
}
