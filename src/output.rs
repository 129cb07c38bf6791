//! Rendered documents → files. The only module that writes: each file goes to a temporary
//! name in the same folder and is renamed into place, so a failure never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `bytes` to `path` atomically, creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let err = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
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

/// `<out>/<name>/<name>.<ext>`, the layout of the output folder.
pub fn report_path(out: &Path, name: &str, ext: &str) -> PathBuf {
    out.join(name).join(format!("{name}.{ext}"))
}

/// The report name of a plan file: its file stem (`plans/annual.yaml` → `annual`).
pub fn report_name(plan: &Path) -> String {
    plan.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_through_a_temporary_file() {
        let dir = std::env::temp_dir().join(format!("planwright-out-{}", std::process::id()));
        let path = report_path(&dir, "p", "md");
        write_atomic(&path, b"# x\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# x\n");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
