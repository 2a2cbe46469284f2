//! Writing outputs: CSV rendering (international or Finnish Excel style) and an atomic
//! replacement of the output folder.

use crate::model::table::{Cell, DataTable};
use std::path::{Path, PathBuf};

/// How CSV output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvStyle {
    /// `;`, decimal comma and a UTF-8 BOM, so Finnish Excel opens the file right.
    pub finnish: bool,
}

impl CsvStyle {
    pub fn number(&self, x: f64) -> String {
        let x = if x.abs() < 0.005 { 0.0 } else { x };
        let s = format!("{x:.2}");
        if self.finnish { s.replace('.', ",") } else { s }
    }

    fn cell(&self, c: &Cell) -> String {
        match c {
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => self.number(*x),
            Cell::Count(n) => n.to_string(),
        }
    }

    /// The table as CSV bytes.
    pub fn render(&self, table: &DataTable) -> Vec<u8> {
        let mut out = Vec::new();
        if self.finnish {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(if self.finnish { b';' } else { b',' })
            .from_writer(out);
        w.write_record(&table.headers)
            .expect("writing to memory cannot fail");
        for row in &table.rows {
            w.write_record(row.iter().map(|c| self.cell(c)))
                .expect("writing to memory cannot fail");
        }
        w.into_inner().expect("writing to memory cannot fail")
    }
}

/// Why the output folder could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "The output folder {0} holds files caseload did not write ({1}); choose an empty folder or an earlier output folder."
    )]
    ForeignFiles(PathBuf, String),
    #[error("Could not write the output folder {0}: {1}.")]
    Io(PathBuf, std::io::Error),
}

/// Writes `files` (name, bytes) as the folder `dir`, all or nothing: everything goes into a
/// fresh sibling folder first, which then takes the place of `dir` in one atomic exchange (two
/// renames where the system has no exchange). A run killed at any moment leaves either the
/// previous folder or the new one, whole. Names may hold one `/` (a file in a subfolder).
/// `known` names every file an earlier run may have written (also inside subfolders); a folder
/// holding anything else is refused rather than replaced.
pub fn write_folder_atomically(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    known: &[&str],
) -> Result<(), OutputError> {
    let io = |e: std::io::Error| OutputError::Io(dir.to_path_buf(), e);
    if dir.exists() {
        let mut foreign = Vec::new();
        // Ours: a known file, a name we are about to write, or a folder of known files only
        // (what-if runs write a folder per scenario).
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().to_string();
            let written = files
                .iter()
                .any(|(f, _)| f.split('/').next() == Some(name.as_str()));
            let folder_of_ours = entry.path().is_dir() && only_known(&entry.path(), known, 3);
            if !known.contains(&name.as_str()) && !written && !folder_of_ours {
                foreign.push(name);
            }
        }
        if !foreign.is_empty() {
            foreign.sort();
            return Err(OutputError::ForeignFiles(
                dir.to_path_buf(),
                foreign.join(", "),
            ));
        }
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io)?;
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    remove_leftovers(&parent, &base);
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{base}.new-"))
        .tempdir_in(&parent)
        .map_err(io)?;
    let delay = test_write_delay();
    for (name, bytes) in files {
        let path = staging.path().join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io)?;
        }
        std::fs::write(path, bytes).map_err(io)?;
        if let Some(d) = delay {
            std::thread::sleep(d);
        }
    }
    let staging = staging.keep();
    if dir.exists() && exchange(&staging, dir).is_ok() {
        // The new folder is in place in one step; the old one now sits at the staging path.
        std::fs::remove_dir_all(&staging).map_err(io)?;
    } else if dir.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{base}.old-"))
            .tempdir_in(&parent)
            .map_err(io)?
            .keep();
        std::fs::remove_dir(&old).map_err(io)?;
        std::fs::rename(dir, &old).map_err(io)?;
        std::fs::rename(&staging, dir).map_err(io)?;
        std::fs::remove_dir_all(&old).map_err(io)?;
    } else {
        std::fs::rename(&staging, dir).map_err(io)?;
    }
    Ok(())
}

/// True when the folder holds only files named in `known`, in subfolders at most `depth` deep.
fn only_known(dir: &Path, known: &[&str], depth: usize) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| {
        entries.all(|e| {
            e.is_ok_and(|e| {
                let path = e.path();
                if path.is_dir() {
                    depth > 0 && only_known(&path, known, depth - 1)
                } else {
                    known.contains(&e.file_name().to_string_lossy().as_ref())
                }
            })
        })
    })
}

/// Removes the hidden staging folders a killed earlier run left beside the output folder
/// (`.out.new-*`, `.out.old-*`); they hold nothing the user asked for. Best effort.
fn remove_leftovers(parent: &Path, base: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let (new, old) = (format!(".{base}.new-"), format!(".{base}.old-"));
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if (name.starts_with(&new) || name.starts_with(&old)) && e.path().is_dir() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Swaps two paths in one atomic step (Linux `renameat2` with `RENAME_EXCHANGE`), so that no
/// moment exists in which the output folder is missing. Elsewhere, or on a file system without
/// the call, it fails and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// A pause after each staged file, for the test that kills a run in the middle of writing
/// (`CASELOAD_TEST_WRITE_DELAY_MS`); unset in normal use.
fn test_write_delay() -> Option<std::time::Duration> {
    let ms: u64 = std::env::var("CASELOAD_TEST_WRITE_DELAY_MS")
        .ok()?
        .parse()
        .ok()?;
    Some(std::time::Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> DataTable {
        let mut t = DataTable::new("x.csv", &["id", "hours", "reason"]);
        t.push(vec![
            Cell::text("F1"),
            Cell::Number(7.5),
            Cell::text("busy, all week"),
        ]);
        t
    }

    #[test]
    fn international_and_finnish_styles() {
        let plain = String::from_utf8(CsvStyle::default().render(&table())).unwrap();
        assert_eq!(plain, "id,hours,reason\nF1,7.50,\"busy, all week\"\n");
        let fi = CsvStyle { finnish: true }.render(&table());
        assert!(fi.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(
            String::from_utf8(fi[3..].to_vec()).unwrap(),
            "id;hours;reason\nF1;7,50;busy, all week\n"
        );
    }

    #[test]
    fn folder_is_replaced_whole_and_foreign_folders_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_folder_atomically(
            &out,
            &[
                ("a.csv".into(), b"1".to_vec()),
                ("b.csv".into(), b"2".to_vec()),
            ],
            &["a.csv", "b.csv"],
        )
        .unwrap();
        write_folder_atomically(
            &out,
            &[("a.csv".into(), b"3".to_vec())],
            &["a.csv", "b.csv"],
        )
        .unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"3");
        assert!(!out.join("b.csv").exists());
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = write_folder_atomically(&out, &[("a.csv".into(), b"4".to_vec())], &["a.csv"])
            .unwrap_err();
        assert!(err.to_string().contains("notes.txt"));
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"3");
        let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no staging folders are left behind");
    }
}
