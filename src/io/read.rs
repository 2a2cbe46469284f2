//! Reading one input file safely: only a regular file (a symlink to one is fine), and never
//! more than a documented limit, so a FIFO cannot hang `check` and a symlink to `/dev/zero`
//! cannot fill the memory.

use super::error::{ErrorCode, InputError};
use std::io::Read;
use std::path::Path;

/// Most bytes of one CSV file of a plan (64 MiB; a week of 50 000 families is about 10 MB).
pub const CSV_LIMIT: u64 = 64 * 1024 * 1024;

/// Most data rows of one CSV file (the SPEC's limit, "a CSV ≤ 200 000 rows"; a week of 50 000
/// families and its roster stay well below it). The header is no data row.
pub const CSV_ROWS: usize = 200_000;

/// Most bytes of `plan.toml` or a scenarios file (1 MiB).
pub const TOML_LIMIT: u64 = 1024 * 1024;

/// Why a file gave no bytes.
#[derive(Debug)]
pub enum ReadFailure {
    /// No file by that name (the caller knows whether it is required).
    NotFound,
    /// The file exists but cannot be used; the problem says why.
    Unusable(Box<InputError>),
}

/// Words for a size limit in messages, e.g. "64 MiB".
fn size_words(bytes: u64) -> String {
    if bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// What a file of this type is, for the message.
fn kind_of(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Reads `path` (named `file` in messages) if it is a regular file of at most `limit` bytes.
///
/// The type and size are checked before the file is opened (opening a FIFO would block), and
/// again on the open file; the read itself stops after `limit + 1` bytes whatever the file
/// claims, so a file that grows meanwhile is refused too.
pub fn read_limited(path: &Path, file: &str, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    let unusable = |code, value: &str, expected: String| {
        let mut e = InputError::new(code, file, expected);
        if !value.is_empty() {
            e = e.with_value(value);
        }
        ReadFailure::Unusable(Box::new(e))
    };
    let unreadable = |e: std::io::Error| {
        unusable(
            ErrorCode::UnreadableFile,
            "",
            format!("a readable file ({e})"),
        )
    };
    let not_regular = |t: &std::fs::FileType| {
        unusable(
            ErrorCode::NotRegularFile,
            kind_of(t),
            "a regular file (or a symlink to one)".to_string(),
        )
    };
    let too_large = |size: String| {
        unusable(
            ErrorCode::FileTooLarge,
            &size,
            format!("a file of at most {}", size_words(limit)),
        )
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A symlink that points nowhere is not a missing file: say so.
            return match std::fs::symlink_metadata(path) {
                Ok(_) => Err(unusable(
                    ErrorCode::UnreadableFile,
                    "",
                    "a readable file (this is a symlink to nothing)".to_string(),
                )),
                Err(_) => Err(ReadFailure::NotFound),
            };
        }
        Err(e) => return Err(unreadable(e)),
    };
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    if meta.len() > limit {
        return Err(too_large(format!("{} bytes", meta.len())));
    }
    let f = open_nonblocking(path).map_err(unreadable)?;
    let meta = f.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!("more than {limit} bytes")));
    }
    Ok(bytes)
}

/// Opens for reading without blocking: a file swapped for a FIFO between the check above and
/// the open cannot hang the open (the type is checked again on the open file). On a regular file
/// the flag changes nothing.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    o.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_within_the_limit_are_read_and_others_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(&p, b"id\n1\n").unwrap();
        assert_eq!(read_limited(&p, "a.csv", 100).unwrap(), b"id\n1\n");
        match read_limited(&p, "a.csv", 3) {
            Err(ReadFailure::Unusable(e)) => assert_eq!(e.code, ErrorCode::FileTooLarge),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_limited(&dir.path().join("none.csv"), "none.csv", 100),
            Err(ReadFailure::NotFound)
        ));
        match read_limited(dir.path(), "dir", 100) {
            Err(ReadFailure::Unusable(e)) => assert_eq!(e.code, ErrorCode::NotRegularFile),
            other => panic!("{other:?}"),
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("zero.csv");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            match read_limited(&link, "zero.csv", 100) {
                Err(ReadFailure::Unusable(e)) => {
                    assert_eq!(e.code, ErrorCode::NotRegularFile);
                    assert_eq!(e.value.as_deref(), Some("a device"));
                }
                other => panic!("{other:?}"),
            }
            let dangling = dir.path().join("gone.csv");
            std::os::unix::fs::symlink("nowhere.csv", &dangling).unwrap();
            match read_limited(&dangling, "gone.csv", 100) {
                Err(ReadFailure::Unusable(e)) => assert_eq!(e.code, ErrorCode::UnreadableFile),
                other => panic!("{other:?}"),
            }
        }
    }
}
