//! Rendered documents → files. The only module that writes.
//!
//! A report is written whole or not at all: every file goes into a hidden sibling folder
//! (`.<name>.<pid>.tmp`), which is then swapped with the report folder in one atomic
//! `renameat2(RENAME_EXCHANGE)` (two renames where the file system cannot exchange). The
//! folder therefore always holds entirely the old report or entirely the new one, even
//! when the process is killed or the disk fills. Renders of the same report take turns
//! through a lock file (`.<name>.lock`), and the next run removes whatever a killed run
//! left behind. Single files (`new`, `templates export`) go through a temporary file and a
//! rename.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::render::OutputFile;

/// Writes `bytes` to `path` atomically, creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let err = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    make_folder(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

/// How a report was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The report folder.
    pub dir: PathBuf,
    /// True when another run held the report and this one waited for it.
    pub waited: bool,
}

/// Writes every file of one report into `out/<name>/`, replacing the previous report as a
/// whole. Blocks while another run writes the same report.
pub fn write_report(out: &Path, name: &str, files: &[OutputFile]) -> Result<Written, Error> {
    make_folder(out)?;
    let dir = out.join(name);
    let lock_path = out.join(format!(".{name}.lock"));
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|source| Error::Write { path: dir.clone(), source })?;
    let waited = match fs4::FileExt::try_lock(&lock) {
        Ok(()) => false,
        Err(fs4::TryLockError::WouldBlock) => {
            fs4::FileExt::lock(&lock)
                .map_err(|source| Error::Write { path: lock_path.clone(), source })?;
            true
        }
        Err(fs4::TryLockError::Error(source)) => {
            return Err(Error::Write { path: lock_path, source });
        }
    };
    // Holding the lock, nothing else writes this report: leftovers are a killed run's.
    clean_leftovers(out, name);
    if let Ok(meta) = std::fs::metadata(&dir)
        && !meta.is_dir()
    {
        return Err(Error::InTheWay { path: dir.clone(), wanted: dir });
    }
    let tmp = out.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = fill(&tmp, &dir, files).and_then(|()| swap(&tmp, &dir));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    drop(lock);
    result.map(|()| Written { dir, waited })
}

/// True when another run is writing report `name` in `out` right now.
pub fn is_locked(out: &Path, name: &str) -> bool {
    let Ok(f) = File::options().write(true).open(out.join(format!(".{name}.lock"))) else {
        return false;
    };
    // Probing takes the lock for an instant; it is released when `f` closes.
    matches!(fs4::FileExt::try_lock(&f), Err(fs4::TryLockError::WouldBlock))
}

/// Writes `files` into a new folder `tmp`, each flushed to disk; errors name the file as
/// it would be in the report folder `dir` (the temporary name means nothing to a user).
fn fill(tmp: &Path, dir: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let _ = std::fs::remove_dir_all(tmp);
    std::fs::create_dir(tmp).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
    let err = |f: &OutputFile| {
        let path = dir.join(&f.path);
        move |source| Error::Write { path, source }
    };
    // the report's subfolders (`charts/`), each made once, with the file that needs it
    let mut folders: BTreeMap<PathBuf, &OutputFile> = BTreeMap::new();
    for f in files {
        if let Some(parent) = tmp.join(&f.path).parent().filter(|p| *p != tmp) {
            folders.entry(parent.to_path_buf()).or_insert(f);
        }
    }
    for (folder, f) in &folders {
        std::fs::create_dir_all(folder).map_err(err(f))?;
    }
    // every file written first, then each flushed: the disk sees one burst, not one round
    // trip per file; both on every free core (13 files for an annual report)
    let written: Vec<Result<(File, &OutputFile), Error>> = files
        .par_iter()
        .map(|f| {
            let mut file = File::create(tmp.join(&f.path)).map_err(err(f))?;
            file.write_all(&f.bytes).map_err(err(f))?;
            Ok((file, f))
        })
        .collect();
    let written = written.into_iter().collect::<Result<Vec<_>, Error>>()?;
    let synced: Vec<Result<(), Error>> =
        written.par_iter().map(|(file, f)| file.sync_all().map_err(err(f))).collect();
    synced.into_iter().collect::<Result<(), Error>>()?;
    for folder in folders.keys() {
        sync_dir(folder);
    }
    sync_dir(tmp);
    Ok(())
}

/// Puts the folder `new` in place of `dir`; the old report is removed afterwards.
fn swap(new: &Path, dir: &Path) -> Result<(), Error> {
    let err = |source| Error::Write { path: dir.to_path_buf(), source };
    if !dir.exists() {
        std::fs::rename(new, dir).map_err(err)?;
    } else if exchange(new, dir).is_err() {
        // No atomic exchange here: move the old report aside, then the new one in. A kill
        // between the two leaves the old report in `.<name>.<pid>.old`, restored next run.
        let old = new.with_extension("old");
        std::fs::rename(dir, &old).map_err(err)?;
        if let Err(e) = std::fs::rename(new, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(err(e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        // `new` now holds the old report.
        let _ = std::fs::remove_dir_all(new);
    }
    if let Some(parent) = dir.parent() {
        sync_dir(parent);
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Removes the temporary folders a killed run left beside report `name`, and restores a
/// report moved aside by a run killed between its two renames.
fn clean_leftovers(out: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(out) else { return };
    let prefix = format!(".{name}.");
    let dir = out.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else { continue };
        let (pid, ext) = rest.split_once('.').unwrap_or(("", ""));
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let path = entry.path();
        match ext {
            "old" if !dir.exists() => {
                let _ = std::fs::rename(&path, &dir);
            }
            "tmp" | "old" => {
                let _ = std::fs::remove_dir_all(&path);
            }
            _ => {}
        }
    }
    // Temporary files of the earlier file-by-file writer, inside the report folder.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let n = entry.file_name().to_string_lossy().into_owned();
            if n.starts_with('.') && n.ends_with(".tmp") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Flushes a folder's entries to disk (best effort: not every file system supports it).
fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Creates `dir` and its parents; when something that is not a folder stands in the way,
/// the error names it.
pub fn make_folder(dir: &Path) -> Result<(), Error> {
    match std::fs::create_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(source) => {
            let blocker = dir.ancestors().find(|a| {
                std::fs::symlink_metadata(a).is_ok_and(|m| !m.is_dir())
                    && std::fs::metadata(a).map_or(true, |m| !m.is_dir())
            });
            match blocker {
                Some(b) => {
                    Err(Error::InTheWay { path: b.to_path_buf(), wanted: dir.to_path_buf() })
                }
                None => Err(Error::Write { path: dir.to_path_buf(), source }),
            }
        }
    }
}

/// `<out>/<name>/<name>.<ext>`, the layout of the output folder.
pub fn report_path(out: &Path, name: &str, ext: &str) -> PathBuf {
    out.join(name).join(format!("{name}.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("planwright-out-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn writes_through_a_temporary_file() {
        let dir = temp("single");
        let path = report_path(&dir, "p", "md");
        write_atomic(&path, b"# x\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# x\n");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn replaces_a_report_as_a_whole_and_cleans_leftovers() {
        let out = temp("whole");
        write_report(&out, "p", &[file("p.md", "old"), file("charts/a.svg", "old")]).unwrap();
        // A killed run's temporary folder and an old-style temporary file.
        std::fs::create_dir_all(out.join(".p.999999.tmp")).unwrap();
        std::fs::write(out.join("p").join(".p.md.123.tmp"), "x").unwrap();
        write_report(&out, "p", &[file("p.md", "new")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("p/p.md")).unwrap(), "new");
        assert!(!out.join("p/charts/a.svg").exists(), "a file of the old report survived");
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".p.lock", "p"]);
        std::fs::remove_dir_all(out).unwrap();
    }

    #[test]
    fn names_the_file_in_the_way() {
        let out = temp("inway");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("blocker"), "x").unwrap();
        let e = write_report(&out.join("blocker/sub"), "p", &[file("p.md", "x")]).unwrap_err();
        match e {
            Error::InTheWay { path, .. } => assert_eq!(path, out.join("blocker")),
            other => panic!("{other:?}"),
        }
        std::fs::remove_dir_all(out).unwrap();
    }
}
