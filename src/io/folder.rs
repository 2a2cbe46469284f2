//! Folders caseload writes (output folders, what-if and capacity folders, generated plan
//! folders): who owns them, and how they are replaced without ever losing the user's data.
//!
//! The promises (ARCHITECTURE.md, "Threat model"):
//! - **A folder is replaced only when caseload wrote everything in it.** Each folder caseload
//!   writes holds a hidden manifest ([`MANIFEST`]) listing every file with its size and
//!   SHA-256, the kind of folder and, for outputs, the plan folder it came from. An existing
//!   folder is replaced only when it is empty or matches its manifest exactly and is of the same
//!   kind; a file added, removed or edited since (a roster edited by hand, an archive kept
//!   there) makes the command refuse before anything is solved or touched.
//! - **Outputs appear whole or not at all**, also when two runs race or a run is killed: the
//!   files are staged in a hidden sibling folder unique to the run, then swapped in with one
//!   atomic exchange (`renameat2(RENAME_EXCHANGE)`), all under an advisory lock on a lock file
//!   beside the folder, so a second run waits for the first. Where the exchange is unavailable
//!   the swap takes two renames; a run killed between them leaves the previous folder under a
//!   hidden name, and the next run restores it before anything else.
//! - Only staging of runs that no longer hold the lock (dead runs) is cleaned up.

use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The hidden manifest inside every folder caseload writes.
pub const MANIFEST: &str = ".caseload-manifest";

/// Marks a staging folder while it is being written (removed before the swap), so that only
/// staging caseload made is ever cleaned up.
const STAGING_MARK: &str = ".caseload-staging";

/// Most bytes of a manifest caseload reads (a what-if folder of 100 scenarios lists about 2 000
/// files, some 250 KB).
const MANIFEST_LIMIT: u64 = 16 * 1024 * 1024;
const MANIFEST_HEADER: &str = "caseload manifest 1";

/// What a folder written by caseload is; a folder is only ever replaced by the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderKind {
    /// A plan folder (`caseload generate`).
    Plan,
    /// The outputs of `caseload plan`.
    Output,
    /// The outputs of `caseload whatif`.
    Whatif,
    /// The outputs of `caseload capacity`.
    Capacity,
    /// A starter plan folder (`caseload init`): written only where nothing is, never over a
    /// folder, not even one caseload wrote.
    Template,
    /// The month folder of `caseload month`.
    Month,
}

impl FolderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FolderKind::Plan => "plan",
            FolderKind::Output => "output",
            FolderKind::Whatif => "whatif",
            FolderKind::Capacity => "capacity",
            FolderKind::Template => "template",
            FolderKind::Month => "month",
        }
    }

    /// The command that writes this kind, for messages.
    fn written_by(self) -> &'static str {
        match self {
            FolderKind::Plan => "caseload generate",
            FolderKind::Output => "caseload plan",
            FolderKind::Whatif => "caseload whatif",
            FolderKind::Capacity => "caseload capacity",
            FolderKind::Template => "caseload init",
            FolderKind::Month => "caseload month",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            FolderKind::Plan,
            FolderKind::Output,
            FolderKind::Whatif,
            FolderKind::Capacity,
            FolderKind::Template,
            FolderKind::Month,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One file a manifest lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    /// Path inside the folder, `/`-separated.
    pub path: String,
    pub size: u64,
    /// Lower-case hex SHA-256 of the contents.
    pub sha256: String,
}

/// The manifest of a folder caseload wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub kind: FolderKind,
    /// The plan folder an output folder came from (absolute).
    pub origin: Option<PathBuf>,
    pub files: Vec<ManifestEntry>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Percent-escapes the characters that would break a manifest line.
fn escape(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

impl Manifest {
    /// The manifest of `files` (path, contents).
    pub fn of(kind: FolderKind, origin: Option<&Path>, files: &[(String, Vec<u8>)]) -> Self {
        let mut files: Vec<ManifestEntry> = files
            .iter()
            .map(|(path, bytes)| ManifestEntry {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Manifest {
            kind,
            origin: origin.map(Path::to_path_buf),
            files,
        }
    }

    pub fn render(&self) -> String {
        let mut s = format!(
            "{MANIFEST_HEADER}\n# Written by caseload. Lists every file of this folder; caseload replaces the folder only while it matches.\nkind {}\n",
            self.kind.as_str()
        );
        if let Some(o) = &self.origin {
            s.push_str(&format!("origin {}\n", escape(&o.to_string_lossy())));
        }
        for f in &self.files {
            s.push_str(&format!(
                "file {} {} {}\n",
                f.sha256,
                f.size,
                escape(&f.path)
            ));
        }
        s
    }

    /// Reads a manifest; `None` when the text is not one caseload wrote.
    pub fn parse(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        if lines.next()? != MANIFEST_HEADER {
            return None;
        }
        let (mut kind, mut origin, mut files) = (None, None, Vec::new());
        for line in lines {
            if line.starts_with('#') {
                continue;
            }
            let (key, rest) = line.split_once(' ')?;
            match key {
                "kind" => kind = Some(FolderKind::parse(rest)?),
                "origin" => origin = Some(PathBuf::from(unescape(rest))),
                "file" => {
                    let mut parts = rest.splitn(3, ' ');
                    let sha256 = parts.next()?.to_string();
                    let size = parts.next()?.parse().ok()?;
                    let path = unescape(parts.next()?);
                    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    files.push(ManifestEntry { path, size, sha256 });
                }
                _ => return None,
            }
        }
        Some(Manifest {
            kind: kind?,
            origin,
            files,
        })
    }

    /// Reads the manifest of a folder, if it has one caseload wrote.
    /// Only a regular file of at most 16 MiB is read (a FIFO or a huge file there is not one
    /// caseload wrote).
    pub fn read(dir: &Path) -> Option<Self> {
        let path = dir.join(MANIFEST);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MANIFEST_LIMIT {
            return None;
        }
        let mut text = String::new();
        File::open(&path)
            .ok()?
            .take(MANIFEST_LIMIT + 1)
            .read_to_string(&mut text)
            .ok()?;
        Manifest::parse(&text)
    }
}

/// Why a folder cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error(
        "{dir}: this folder was not written by caseload (it has no {MANIFEST} of its own; it holds {found}). Nothing was touched. Choose another --out folder (a new or empty one), or move this folder away first if its files are not needed."
    )]
    NotOurs { dir: PathBuf, found: String },
    #[error(
        "{dir}: this folder changed since caseload wrote it ({changes}). Nothing was touched: a folder you have edited is never replaced. Choose another --out folder, or move the changed files out (or the whole folder away) first."
    )]
    Changed { dir: PathBuf, changes: String },
    #[error(
        "{dir}: this folder holds a {found} folder written by {by}; {wanted} would replace it. Nothing was touched. Choose another --out folder."
    )]
    OtherKind {
        dir: PathBuf,
        found: &'static str,
        by: &'static str,
        wanted: &'static str,
    },
    #[error(
        "{path}: expected a folder (or a path that does not exist yet), found {what}. Nothing was written. Choose another --out path."
    )]
    NotAFolder { path: PathBuf, what: String },
    #[error(
        "{path}: caseload keeps its lock file for this output folder here, but found {what}. Nothing was written. Remove it or choose another --out path."
    )]
    NotALock { path: PathBuf, what: String },
    #[error(
        "{out}: the output folder would replace the plan folder {plan} (or a folder holding it). Nothing was touched. Choose an --out folder outside the plan folder's own path, e.g. {plan}/out."
    )]
    HoldsInput { out: PathBuf, plan: PathBuf },
    #[error(
        "{dir}: this folder is not empty (it holds {found}). caseload init writes a new plan folder only where there is none or into an empty folder, so that nothing is replaced. Nothing was touched. Choose a new folder name."
    )]
    NotEmpty { dir: PathBuf, found: String },
    #[error("Could not write {0}: {1}.")]
    Io(PathBuf, std::io::Error),
    /// A file name caseload made that would not stay inside the folder, or that is listed
    /// twice: a bug, refused before anything is written.
    #[error(
        "Internal error: {name:?} is no file name inside an output folder ({why}); nothing was written. Please report this."
    )]
    BadName { name: String, why: &'static str },
}

impl FolderError {
    /// True for errors of the user's making (exit 2); false for system failures (exit 1).
    pub fn is_usage(&self) -> bool {
        !matches!(self, FolderError::Io(..) | FolderError::BadName { .. })
    }
}

static WROTE: AtomicBool = AtomicBool::new(false);

/// True once this process has swapped a folder into place (so a later failure must not claim
/// that nothing was written).
pub fn wrote_any() -> bool {
    WROTE.load(Ordering::SeqCst)
}

/// A folder caseload is about to write: resolved (symlinks followed, parent made absolute) and
/// checked before any solving.
#[derive(Debug, Clone)]
pub struct Target {
    /// The folder as the user named it, for messages.
    pub shown: PathBuf,
    /// The real folder: an existing parent, canonical, joined with the folder's name.
    path: PathBuf,
    kind: FolderKind,
    origin: Option<PathBuf>,
}

impl Target {
    /// Resolves `dir` for a folder of `kind` and checks it can be written: it does not exist,
    /// is empty, or caseload wrote it as that kind and nothing changed since. `origin` is the
    /// plan folder an output comes from; the target may not be it or hold it. A symlink to a
    /// folder receives the outputs in the folder it points to. Restores a folder a killed run
    /// left aside. Nothing is written.
    pub fn prepare(
        dir: &Path,
        kind: FolderKind,
        origin: Option<&Path>,
    ) -> Result<Target, FolderError> {
        let path = resolve(dir)?;
        let origin = match origin {
            Some(o) => Some(std::fs::canonicalize(o).map_err(|e| io(o, e))?),
            None => None,
        };
        if let Some(plan) = &origin
            && plan.starts_with(&path)
        {
            return Err(FolderError::HoldsInput {
                out: dir.to_path_buf(),
                plan: plan.clone(),
            });
        }
        let t = Target {
            shown: dir.to_path_buf(),
            path,
            kind,
            origin,
        };
        // Read-only unless an earlier run left something to recover: a refused folder leaves
        // no trace, not even the lock file.
        if t.hidden_beside() {
            let _lock = t.lock()?;
            t.recover();
        }
        t.verify()?;
        Ok(t)
    }

    /// The folder that will be written (symlinks resolved).
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn parent(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }

    /// A hidden name beside the folder: `.<stem>.caseload-<what>` (`new-` staging, `old-` a
    /// folder set aside, `lock`).
    fn hidden(&self, what: &str) -> String {
        let stem = hidden_stem(&self.path.file_name().unwrap_or_default().to_string_lossy());
        format!(".{stem}.caseload-{what}")
    }

    /// Checks the existing folder against its manifest (see [`Target::prepare`]).
    fn verify(&self) -> Result<(), FolderError> {
        verify(&self.path, &self.shown, self.kind)
    }

    /// True when a staging or set-aside folder of an earlier run sits beside the folder.
    fn hidden_beside(&self) -> bool {
        let (new, old) = (self.hidden("new-"), self.hidden("old-"));
        std::fs::read_dir(self.parent()).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(&new) || name.starts_with(&old)
            })
        })
    }

    /// Takes the advisory lock beside the folder, waiting for another run that holds it.
    ///
    /// The lock file is caseload's own: it is opened without following a symlink and without
    /// blocking (a FIFO put there would hang the open), and used only if it is a regular file;
    /// anything else at its path is an error naming the path, and nothing is touched.
    fn lock(&self) -> Result<File, FolderError> {
        let path = self.parent().join(self.hidden("lock"));
        let not_a_lock = |what: &str| FolderError::NotALock {
            path: path.clone(),
            what: what.to_string(),
        };
        match std::fs::symlink_metadata(&path) {
            Ok(m) if !m.file_type().is_file() => return Err(not_a_lock(&what_is(&m))),
            _ => {}
        }
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(
                (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32,
            );
        }
        let file = match options.open(&path) {
            Ok(f) => f,
            // Between the look and the open something else took the path (O_NOFOLLOW on a
            // symlink gives ELOOP).
            Err(e)
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) =>
            {
                let _ = e;
                return Err(not_a_lock("a symlink"));
            }
            Err(e) => return Err(io(&path, e)),
        };
        match file.metadata() {
            Ok(m) if m.file_type().is_file() => {}
            Ok(m) => return Err(not_a_lock(&what_is(&m))),
            Err(e) => return Err(io(&path, e)),
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "caseload: waiting for another caseload run writing {} to finish",
                    self.shown.display()
                );
                file.lock().map_err(|e| io(&path, e))?;
            }
            // A file system without locks (some network shares): go on unlocked.
            Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&path, e)),
        }
        Ok(file)
    }

    /// Under the lock: a folder left aside by a run killed between the two renames of the
    /// fallback swap is put back (when the folder itself is missing), staging of dead runs is
    /// removed, and an old folder left by a run killed after its swap is removed once it matches
    /// its manifest.
    fn recover(&self) {
        let (new, old) = (self.hidden("new-"), self.hidden("old-"));
        let Ok(entries) = std::fs::read_dir(self.parent()) else {
            return;
        };
        let mut staged = Vec::new();
        let mut aside = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            if let Some(run) = name.strip_prefix(&new) {
                if run_is_dead(run) {
                    staged.push(e.path());
                }
            } else if let Some(run) = name.strip_prefix(&old)
                && run_is_dead(run)
            {
                let when = e.metadata().and_then(|m| m.modified()).ok();
                aside.push((when, e.path()));
            }
        }
        for s in staged {
            // Ours beyond doubt: it carries the staging mark, or holds only what its manifest
            // lists; anything else under that name is left alone.
            if s.join(STAGING_MARK).is_file() || is_empty(&s) || only_listed(&s) {
                let _ = std::fs::remove_dir_all(s);
            }
        }
        // Newest first: the one a killed run moved aside last.
        aside.sort_by_key(|a| std::cmp::Reverse(a.0));
        for (_, old) in aside {
            let whole = verify(&old, &old, self.kind).is_ok();
            if !exists(&self.path) && whole {
                if std::fs::rename(&old, &self.path).is_ok() {
                    let _ = writeln!(
                        std::io::stderr(),
                        "caseload: restored {} from {} (an earlier run was stopped while replacing it)",
                        self.shown.display(),
                        old.display()
                    );
                }
            } else if exists(&self.path) && (whole || only_listed(&old)) {
                // The previous folder, whole or partly removed by a run killed while removing
                // it after its swap: nothing in it but files it listed itself.
                let _ = std::fs::remove_dir_all(&old);
            }
        }
    }

    /// Writes `files` (path inside the folder, contents; paths may hold `/`) plus the manifest
    /// as the folder, all or nothing (see the module documentation). Every path must stay
    /// inside the folder and be listed once ([`check_names`]).
    pub fn write(&self, files: &[(String, Vec<u8>)]) -> Result<(), FolderError> {
        check_names(files)?;
        let parent = self.parent().to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
        // Checked again now that the parent exists, against every spelling of the plan folder.
        if let (Some(plan), Ok(real)) = (&self.origin, std::fs::canonicalize(&parent))
            && plan.starts_with(real.join(self.path.file_name().unwrap_or_default()))
        {
            return Err(FolderError::HoldsInput {
                out: self.shown.clone(),
                plan: plan.clone(),
            });
        }
        let _lock = self.lock()?;
        self.recover();
        // Checked again under the lock: the folder may have changed while the week was solved.
        self.verify()?;
        let staging = unique_dir(&parent, &self.hidden("new-"))?;
        let stage = || -> std::io::Result<()> {
            write_synced(&staging.join(STAGING_MARK), b"")?;
            let delay = test_delay("CASELOAD_TEST_WRITE_DELAY_MS");
            for (name, bytes) in files {
                let path = staging.join(name);
                if let Some(folder) = path.parent() {
                    std::fs::create_dir_all(folder)?;
                }
                write_synced(&path, bytes)?;
                if let Some(d) = delay {
                    std::thread::sleep(d);
                }
            }
            let manifest = Manifest::of(self.kind, self.origin.as_deref(), files);
            write_synced(&staging.join(MANIFEST), manifest.render().as_bytes())?;
            std::fs::remove_file(staging.join(STAGING_MARK))?;
            File::open(&staging)?.sync_all()
        };
        if let Err(e) = stage() {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(io(&self.shown, e));
        }
        let swapped = self.swap(&staging, &parent);
        if swapped.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        swapped
    }

    fn swap(&self, staging: &Path, parent: &Path) -> Result<(), FolderError> {
        let dir = &self.path;
        let err = |e| io(&self.shown, e);
        if !exists(dir) {
            std::fs::rename(staging, dir).map_err(err)?;
            WROTE.store(true, Ordering::SeqCst);
        } else if exchange(staging, dir).is_ok() {
            WROTE.store(true, Ordering::SeqCst);
            // The new folder is in place in one step; the old one now sits at the staging path.
            std::fs::remove_dir_all(staging).map_err(err)?;
        } else {
            let old = unique_dir(parent, &self.hidden("old-"))?;
            std::fs::remove_dir(&old).map_err(err)?;
            std::fs::rename(dir, &old).map_err(err)?;
            if let Some(d) = test_delay("CASELOAD_TEST_SWAP_DELAY_MS") {
                std::thread::sleep(d);
            }
            if let Err(e) = std::fs::rename(staging, dir) {
                // Put the previous folder back rather than leave none.
                let _ = std::fs::rename(&old, dir);
                return Err(err(e));
            }
            WROTE.store(true, Ordering::SeqCst);
            std::fs::remove_dir_all(&old).map_err(err)?;
        }
        if let Ok(f) = File::open(parent) {
            let _ = f.sync_all();
        }
        Ok(())
    }
}

/// Checks that every path of `files` names a file inside the folder, and each only once: a
/// relative `/`-separated path of non-empty parts, none of them `.` or `..`, with no backslash, no
/// control character (NUL included), and not the manifest or the staging mark at the top.
/// Names of files are made by caseload (ids in them are escaped first, as
/// `report::calendar::file_stems` does); this is the last guard that no name can write outside
/// the folder or make its manifest lie.
pub fn check_names(files: &[(String, Vec<u8>)]) -> Result<(), FolderError> {
    let bad = |name: &str, why| {
        Err(FolderError::BadName {
            name: name.to_owned(),
            why,
        })
    };
    let mut seen = std::collections::BTreeSet::new();
    for (name, _) in files {
        if name.starts_with('/') {
            return bad(name, "an absolute path");
        }
        if name.contains('\\') || name.chars().any(char::is_control) {
            return bad(name, "a backslash or a control character");
        }
        if name
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        {
            return bad(name, "an empty part, `.` or `..`");
        }
        if name == MANIFEST || name == STAGING_MARK {
            return bad(name, "the name of caseload's own mark");
        }
        if !seen.insert(name.as_str()) {
            return bad(name, "listed twice");
        }
    }
    Ok(())
}

fn io(path: &Path, e: std::io::Error) -> FolderError {
    FolderError::Io(path.to_path_buf(), e)
}

/// What a thing that is no regular file is, for a message (a symlink named as such: the lock is
/// never followed).
fn what_is(m: &std::fs::Metadata) -> String {
    if m.file_type().is_symlink() {
        "a symlink".into()
    } else {
        super::read::kind_of(&m.file_type()).into()
    }
}

/// True when something (even a dangling symlink) is at `path`.
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// `dir` with symlinks followed and its parent made canonical, so that every spelling of one
/// folder (`out`, `./out`, a symlink to it) takes the same lock.
fn resolve(dir: &Path) -> Result<PathBuf, FolderError> {
    let not_a_folder = |what: String| FolderError::NotAFolder {
        path: dir.to_path_buf(),
        what,
    };
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(dir) {
            Ok(t) if t.is_dir() => std::fs::canonicalize(dir).map_err(|e| io(dir, e)),
            Ok(_) => Err(not_a_folder(
                "a symlink to something that is not a folder".into(),
            )),
            Err(_) => Err(not_a_folder(format!(
                "a symlink to {}, which does not exist",
                std::fs::read_link(dir)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ))),
        },
        Ok(m) if m.is_dir() => std::fs::canonicalize(dir).map_err(|e| io(dir, e)),
        Ok(m) if m.is_file() => Err(not_a_folder("a file".into())),
        Ok(_) => Err(not_a_folder("a special file".into())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Resolved as the system will once the missing folders exist: the longest existing
            // part made canonical, the rest taken word by word (`..` steps back), so that
            // `missing/../plan` is seen to be `plan` before anything is solved.
            let abs = std::path::absolute(dir).map_err(|e| io(dir, e))?;
            let parts: Vec<std::path::Component> = abs.components().collect();
            let mut k = parts.len();
            while k > 0
                && std::fs::symlink_metadata(parts[..k].iter().collect::<PathBuf>()).is_err()
            {
                k -= 1;
            }
            let existing: PathBuf = parts[..k].iter().collect();
            let mut out = if k == 0 {
                PathBuf::from("/")
            } else {
                let real = std::fs::canonicalize(&existing).map_err(|e| io(dir, e))?;
                if !real.is_dir() {
                    return Err(not_a_folder(format!(
                        "a path inside {}, which is not a folder",
                        existing.display()
                    )));
                }
                real
            };
            for c in &parts[k..] {
                match c {
                    std::path::Component::Normal(n) => out.push(n),
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    _ => {}
                }
            }
            if out.file_name().is_none() {
                return Err(not_a_folder("no folder name".into()));
            }
            if std::fs::symlink_metadata(&out).is_ok() {
                // `missing/../out` names a folder that exists: resolve that one.
                return resolve(&out);
            }
            Ok(out)
        }
        // `notes.txt/out`: a part of the path is a file, so no folder can be made there.
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            let mut file = dir.to_path_buf();
            while file.pop() && !file.as_os_str().is_empty() {
                if std::fs::metadata(&file).is_ok_and(|m| !m.is_dir()) {
                    return Err(not_a_folder(format!(
                        "a path inside {}, which is a file, not a folder",
                        file.display()
                    )));
                }
            }
            Err(not_a_folder("a path through a file".into()))
        }
        Err(e) => Err(io(dir, e)),
    }
}

/// Up to five names of a list, and how many more.
fn some(names: &[String]) -> String {
    let mut s = names
        .iter()
        .take(5)
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 5 {
        s.push_str(&format!(" and {} more", names.len() - 5));
    }
    s
}

/// Checks an existing folder against its manifest: it may be replaced by a folder of `kind`
/// when it does not exist, is empty, or matches its manifest exactly and is of that kind.
fn verify(dir: &Path, shown: &Path, kind: FolderKind) -> Result<(), FolderError> {
    if !dir.is_dir() {
        return Ok(());
    }
    if kind == FolderKind::Template {
        // Only a new or empty folder: a starter folder is filled in by hand from the first
        // minute, so not even one caseload wrote is replaced.
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| io(shown, e))?
            .take(6)
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<std::io::Result<_>>()
            .map_err(|e| io(shown, e))?;
        if names.is_empty() {
            return Ok(());
        }
        let more = names.len() > 5;
        names.truncate(5);
        names.sort();
        return Err(FolderError::NotEmpty {
            dir: shown.to_path_buf(),
            found: format!(
                "{}{}",
                names.join(", "),
                if more { " and more" } else { "" }
            ),
        });
    }
    let has_manifest = std::fs::symlink_metadata(dir.join(MANIFEST)).is_ok();
    let Some(manifest) = Manifest::read(dir) else {
        // Not ours: name a few entries (a folder such as the home folder may hold very many).
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| io(shown, e))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != MANIFEST)
            .take(6)
            .collect();
        if names.is_empty() && !has_manifest {
            return Ok(());
        }
        names.sort();
        return Err(FolderError::NotOurs {
            dir: shown.to_path_buf(),
            found: if has_manifest {
                format!(
                    "a {MANIFEST} that caseload cannot read, and {}",
                    some(&names)
                )
            } else {
                some(&names)
            },
        });
    };
    if manifest.kind != kind {
        return Err(FolderError::OtherKind {
            dir: shown.to_path_buf(),
            found: manifest.kind.as_str(),
            by: manifest.kind.written_by(),
            wanted: kind.written_by(),
        });
    }
    let Differences {
        added,
        edited,
        removed,
    } = compare(dir, &manifest).map_err(|e| io(shown, e))?;
    let mut changes = Vec::new();
    for (what, names) in [
        ("added", &added),
        ("edited", &edited),
        ("removed", &removed),
    ] {
        if !names.is_empty() {
            changes.push(format!("{what}: {}", some(names)));
        }
    }
    if changes.is_empty() {
        Ok(())
    } else {
        Err(FolderError::Changed {
            dir: shown.to_path_buf(),
            changes: changes.join("; "),
        })
    }
}

/// How a folder caseload wrote differs from its manifest (`added: …; edited: …`), `None` when
/// it matches file by file: for commands that read a folder caseload wrote (`caseload month`)
/// and trust its files only while they are caseload's own.
pub fn changes_since_written(dir: &Path, manifest: &Manifest) -> std::io::Result<Option<String>> {
    let d = compare(dir, manifest)?;
    let mut changes = Vec::new();
    for (what, names) in [
        ("added", &d.added),
        ("edited", &d.edited),
        ("removed", &d.removed),
    ] {
        if !names.is_empty() {
            changes.push(format!("{what}: {}", some(names)));
        }
    }
    Ok((!changes.is_empty()).then(|| changes.join("; ")))
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut e| e.next().is_none())
}

/// True when the folder has a manifest and holds nothing but files it lists, unchanged (some
/// may be missing): a folder of ours that a killed run was removing.
fn only_listed(dir: &Path) -> bool {
    Manifest::read(dir)
        .and_then(|m| compare(dir, &m).ok())
        .is_some_and(|d| d.added.is_empty() && d.edited.is_empty())
}

/// How a folder differs from its manifest, by path inside the folder.
struct Differences {
    /// Present but not listed (a folder of ours, one that holds listed files, is not).
    added: Vec<String>,
    /// Listed, but the size or SHA-256 differs.
    edited: Vec<String>,
    /// Listed but not present.
    removed: Vec<String>,
}

fn compare(dir: &Path, manifest: &Manifest) -> std::io::Result<Differences> {
    let mut found = Vec::new();
    list(dir, "", &mut found)?;
    found.retain(|(p, _)| p != MANIFEST);
    let listed: std::collections::BTreeMap<&str, &ManifestEntry> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    let mut added = Vec::new();
    let mut edited = Vec::new();
    for (path, entry) in &found {
        match (listed.get(path.as_str()), entry) {
            (Some(want), Found::File(size)) => {
                let same = *size == want.size
                    && std::fs::read(dir.join(path))
                        .is_ok_and(|bytes| sha256_hex(&bytes) == want.sha256);
                if !same {
                    edited.push(path.clone());
                }
            }
            // A folder of ours holds listed files; anything else is the user's.
            (None, Found::Folder) if listed.keys().any(|l| l.starts_with(&format!("{path}/"))) => {}
            _ => added.push(path.clone()),
        }
    }
    let present: std::collections::BTreeSet<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    let removed = listed
        .keys()
        .filter(|l| !present.contains(*l))
        .map(|l| l.to_string())
        .collect();
    Ok(Differences {
        added,
        edited,
        removed,
    })
}

enum Found {
    File(u64),
    Folder,
    Other,
}

/// Every entry under `dir` (symlinks are not followed: they count as entries of their own).
fn list(dir: &Path, prefix: &str, out: &mut Vec<(String, Found)>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        let t = e.file_type()?;
        if t.is_dir() {
            out.push((name.clone(), Found::Folder));
            list(&e.path(), &format!("{name}/"), out)?;
        } else if t.is_file() {
            out.push((name, Found::File(e.metadata()?.len())));
        } else {
            out.push((name, Found::Other));
        }
    }
    Ok(())
}

/// A short prefix for the hidden names beside a folder, so that a long (legal) folder name
/// still gives legal names: long names are cut and made unique with a hash.
fn hidden_stem(base: &str) -> String {
    if base.len() <= 100 {
        return base.to_string();
    }
    let mut cut = 80;
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{}", &base[..cut], &sha256_hex(base.as_bytes())[..12])
}

/// A new folder `prefix<pid>-<random>` in `parent`, unique to this run.
fn unique_dir(parent: &Path, prefix: &str) -> Result<PathBuf, FolderError> {
    let dir = tempfile::Builder::new()
        .prefix(&format!("{prefix}{}-", std::process::id()))
        .rand_bytes(8)
        .tempdir_in(parent)
        .map_err(|e| io(parent, e))?;
    Ok(dir.keep())
}

/// For the `<pid>-<random>` tail of a hidden name: true when it is well formed and the run that
/// made it is gone. The caller holds the lock, so any run that made it has finished or died;
/// where the system tells (Linux `/proc`), a live process with that id is also left alone.
fn run_is_dead(tail: &str) -> bool {
    let Some((pid, random)) = tail.split_once('-') else {
        return false;
    };
    if pid.is_empty()
        || !pid.bytes().all(|b| b.is_ascii_digit())
        || random.is_empty()
        || !random.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return false;
    }
    let proc = Path::new("/proc");
    !(proc.join("self").exists() && proc.join(pid).exists())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Swaps two paths in one atomic step (Linux `renameat2` with `RENAME_EXCHANGE`), so that no
/// moment exists in which the output folder is missing. Elsewhere, or on a file system without
/// the call, it fails and the caller falls back to two renames.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    if std::env::var_os("CASELOAD_TEST_NO_EXCHANGE").is_some() {
        return Err(std::io::Error::from(std::io::ErrorKind::Unsupported));
    }
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// A pause the tests ask for through the environment (unset in normal use):
/// `CASELOAD_TEST_WRITE_DELAY_MS` after each staged file, `CASELOAD_TEST_SWAP_DELAY_MS` between
/// the two renames of the fallback swap (with `CASELOAD_TEST_NO_EXCHANGE` set).
fn test_delay(var: &str) -> Option<std::time::Duration> {
    let ms: u64 = std::env::var(var).ok()?.parse().ok()?;
    Some(std::time::Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        pairs
            .iter()
            .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    fn write(dir: &Path, kind: FolderKind, f: &[(&str, &str)]) -> Result<(), FolderError> {
        Target::prepare(dir, kind, None)?.write(&files(f))
    }

    #[test]
    fn names_outside_the_folder_or_listed_twice_are_refused_before_writing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        for name in [
            "../escaped.csv",
            "calendar/../../escaped.ics",
            "/tmp/escaped.csv",
            "calendar//W01.ics",
            "calendar/./W01.ics",
            "calendar/",
            "",
            "a\\b.csv",
            "a\0b.csv",
            "a\nb.csv",
            MANIFEST,
            STAGING_MARK,
        ] {
            let err = write(&out, FolderKind::Output, &[("a.csv", "1"), (name, "x")]).unwrap_err();
            assert!(
                matches!(err, FolderError::BadName { .. }),
                "{name:?}: {err}"
            );
            assert!(!err.is_usage());
            assert!(!out.exists(), "{name:?}");
            assert!(!tmp.path().join("escaped.csv").exists());
        }
        let twice = write(&out, FolderKind::Output, &[("a.csv", "1"), ("a.csv", "2")]);
        assert!(matches!(twice, Err(FolderError::BadName { .. })));
        assert!(!out.exists());
        write(
            &out,
            FolderKind::Output,
            &[
                ("a.csv", "1"),
                ("calendar/W01.ics", "x"),
                ("s/plan/p.csv", "y"),
            ],
        )
        .unwrap();
        assert_eq!(std::fs::read(out.join("calendar/W01.ics")).unwrap(), b"x");
        // A folder of ours holding listed files is replaced like the rest.
        write(&out, FolderKind::Output, &[("calendar/W02.ics", "z")]).unwrap();
        assert!(!out.join("calendar/W01.ics").exists());
        assert!(!out.join("a.csv").exists());
    }

    #[test]
    fn manifest_round_trips() {
        let m = Manifest::of(
            FolderKind::Output,
            Some(Path::new("/plans/week 49%\n")),
            &files(&[("b.csv", "2"), ("a/x.csv", "1")]),
        );
        assert_eq!(Manifest::parse(&m.render()), Some(m.clone()));
        assert_eq!(m.files[0].path, "a/x.csv");
        assert_eq!(m.files[1].size, 1);
        assert_eq!(Manifest::parse("not a manifest"), None);
    }

    #[test]
    fn a_folder_caseload_wrote_is_replaced_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write(
            &out,
            FolderKind::Output,
            &[("a.csv", "1"), ("s/b.csv", "2")],
        )
        .unwrap();
        write(&out, FolderKind::Output, &[("a.csv", "3")]).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"3");
        assert!(!out.join("s").exists());
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".caseload-lock"))
            .collect();
        assert_eq!(names, ["out"], "no staging is left beside the folder");
    }

    #[test]
    fn an_added_edited_or_removed_file_makes_the_folder_the_users() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let ours = [("a.csv", "1"), ("b.csv", "2")];
        for damage in ["add", "add-subfolder", "edit", "remove"] {
            write(&out, FolderKind::Output, &ours).unwrap();
            match damage {
                "add" => std::fs::write(out.join("notes.txt"), "mine").unwrap(),
                "add-subfolder" => {
                    std::fs::create_dir(out.join("archive")).unwrap();
                    std::fs::write(out.join("archive/a.csv"), "1").unwrap();
                }
                "edit" => std::fs::write(out.join("a.csv"), "9").unwrap(),
                _ => std::fs::remove_file(out.join("b.csv")).unwrap(),
            }
            let before = std::fs::read_dir(&out).unwrap().count();
            let err = write(&out, FolderKind::Output, &ours).unwrap_err();
            assert!(
                matches!(err, FolderError::Changed { .. }),
                "{damage}: {err}"
            );
            assert_eq!(std::fs::read_dir(&out).unwrap().count(), before, "{damage}");
            std::fs::remove_dir_all(&out).unwrap();
        }
    }

    #[test]
    fn a_folder_without_manifest_or_of_another_kind_is_refused_and_an_empty_one_is_used() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = tmp.path().join("plan");
        std::fs::create_dir(&plan).unwrap();
        std::fs::write(plan.join("workers.csv"), "id").unwrap();
        let err = write(&plan, FolderKind::Output, &[("a.csv", "1")]).unwrap_err();
        assert!(err.to_string().contains("workers.csv"), "{err}");
        assert_eq!(std::fs::read(plan.join("workers.csv")).unwrap(), b"id");

        let generated = tmp.path().join("generated");
        write(&generated, FolderKind::Plan, &[("workers.csv", "id")]).unwrap();
        let err = write(&generated, FolderKind::Output, &[("a.csv", "1")]).unwrap_err();
        assert!(matches!(err, FolderError::OtherKind { .. }), "{err}");

        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write(&empty, FolderKind::Output, &[("a.csv", "1")]).unwrap();
        assert!(empty.join(MANIFEST).is_file());
    }

    #[test]
    fn the_output_never_replaces_the_plan_folder_it_came_from() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = tmp.path().join("plan");
        write(&plan, FolderKind::Plan, &[("workers.csv", "id")]).unwrap();
        for out in [plan.clone(), tmp.path().to_path_buf()] {
            let err = Target::prepare(&out, FolderKind::Plan, Some(&plan)).unwrap_err();
            assert!(matches!(err, FolderError::HoldsInput { .. }), "{err}");
        }
        assert!(Target::prepare(&plan.join("out"), FolderKind::Output, Some(&plan)).is_ok());
    }

    #[test]
    fn a_template_folder_is_written_only_where_nothing_is() {
        let tmp = tempfile::tempdir().unwrap();
        let new = tmp.path().join("new");
        write(&new, FolderKind::Template, &[("plan.toml", "week")]).unwrap();
        // Not even over itself, untouched.
        let err = write(&new, FolderKind::Template, &[("plan.toml", "x")]).unwrap_err();
        assert!(matches!(err, FolderError::NotEmpty { .. }), "{err}");
        assert!(
            err.is_usage() && err.to_string().contains("plan.toml"),
            "{err}"
        );
        assert_eq!(std::fs::read(new.join("plan.toml")).unwrap(), b"week");
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write(&empty, FolderKind::Template, &[("plan.toml", "week")]).unwrap();
        let hidden = tmp.path().join("hidden");
        std::fs::create_dir(&hidden).unwrap();
        std::fs::write(hidden.join(".keep"), "").unwrap();
        let err = write(&hidden, FolderKind::Template, &[("plan.toml", "x")]).unwrap_err();
        assert!(matches!(err, FolderError::NotEmpty { .. }), "{err}");
        assert!(!hidden.join("plan.toml").exists());
    }

    #[test]
    fn a_long_folder_name_gives_legal_hidden_names() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("x".repeat(250));
        write(&out, FolderKind::Output, &[("a.csv", "1")]).unwrap();
        write(&out, FolderKind::Output, &[("a.csv", "2")]).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"2");
        assert!(hidden_stem(&"é".repeat(120)).len() < 120);
    }

    #[test]
    fn a_folder_left_aside_by_a_killed_swap_is_restored_and_dead_staging_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write(&out, FolderKind::Output, &[("a.csv", "1")]).unwrap();
        // As a run killed between the two renames of the fallback swap leaves it.
        let aside = tmp.path().join(".out.caseload-old-999999999-abcdef12");
        std::fs::rename(&out, &aside).unwrap();
        let staged = tmp.path().join(".out.caseload-new-999999999-abcdef12");
        std::fs::create_dir(&staged).unwrap();
        std::fs::write(staged.join(STAGING_MARK), "").unwrap();
        std::fs::write(staged.join("a.csv"), "half").unwrap();
        // A folder of the user's that merely looks like staging: no mark, no manifest.
        let lookalike = tmp.path().join(".out.caseload-new-999999999-keep");
        std::fs::create_dir(&lookalike).unwrap();
        std::fs::write(lookalike.join("f"), "mine").unwrap();
        Target::prepare(&out, FolderKind::Output, None).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"1");
        assert!(!aside.exists() && !staged.exists());
        assert_eq!(std::fs::read(lookalike.join("f")).unwrap(), b"mine");
        // A live run's staging (this process) is left alone.
        let live = tmp
            .path()
            .join(format!(".out.caseload-new-{}-abcdef12", std::process::id()));
        std::fs::create_dir(&live).unwrap();
        write(&out, FolderKind::Output, &[("a.csv", "2")]).unwrap();
        assert!(live.exists());
    }

    #[test]
    fn a_partly_removed_folder_left_aside_is_never_restored_and_is_removed_beside_a_whole_one() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write(&out, FolderKind::Output, &[("a.csv", "1"), ("b.csv", "2")]).unwrap();
        let aside = tmp.path().join(".out.caseload-old-999999999-abcdef12");
        std::fs::create_dir(&aside).unwrap();
        for f in [MANIFEST, "a.csv"] {
            std::fs::copy(out.join(f), aside.join(f)).unwrap();
        }
        // Beside a whole folder: the partial one (only files it lists) is removed.
        Target::prepare(&out, FolderKind::Output, None).unwrap();
        assert!(!aside.exists());
        // Without the folder: a partial one is not put in its place.
        std::fs::create_dir(&aside).unwrap();
        for f in [MANIFEST, "a.csv"] {
            std::fs::copy(out.join(f), aside.join(f)).unwrap();
        }
        std::fs::remove_dir_all(&out).unwrap();
        Target::prepare(&out, FolderKind::Output, None).unwrap();
        assert!(!out.exists() && aside.exists());
    }

    #[test]
    fn a_missing_folder_and_dotdot_cannot_hide_the_plan_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = tmp.path().join("plan");
        write(&plan, FolderKind::Plan, &[("workers.csv", "id")]).unwrap();
        let sneaky = tmp.path().join("missing/../plan");
        let err = Target::prepare(&sneaky, FolderKind::Output, Some(&plan)).unwrap_err();
        assert!(matches!(err, FolderError::HoldsInput { .. }), "{err}");
        assert!(!tmp.path().join("missing").exists());
        let t = Target::prepare(
            &tmp.path().join("missing/../out"),
            FolderKind::Output,
            Some(&plan),
        )
        .unwrap();
        assert_eq!(
            t.path(),
            std::fs::canonicalize(tmp.path()).unwrap().join("out")
        );
    }

    #[test]
    fn a_manifest_that_is_a_fifo_or_huge_is_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(out.join(MANIFEST))
            .status()
            .unwrap();
        assert!(fifo.success());
        let err = write(&out, FolderKind::Output, &[("a.csv", "1")]).unwrap_err();
        assert!(matches!(err, FolderError::NotOurs { .. }), "{err}");
        std::fs::remove_file(out.join(MANIFEST)).unwrap();
        let big = File::create(out.join(MANIFEST)).unwrap();
        big.set_len(MANIFEST_LIMIT + 1).unwrap();
        assert!(Manifest::read(&out).is_none());
    }

    #[test]
    fn symlinks_plain_files_and_dangling_links() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, FolderKind::Output, &[("a.csv", "1")]).unwrap();
        assert!(link.is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read(real.join("a.csv")).unwrap(), b"1");

        let file = tmp.path().join("file");
        std::fs::write(&file, "mine").unwrap();
        let dangling = tmp.path().join("dangling");
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).unwrap();
        for p in [&file, &dangling] {
            let err = write(p, FolderKind::Output, &[("a.csv", "1")]).unwrap_err();
            assert!(matches!(err, FolderError::NotAFolder { .. }), "{err}");
        }
        assert_eq!(std::fs::read(&file).unwrap(), b"mine");
        assert!(!tmp.path().join("nowhere").exists());
    }

    #[test]
    fn a_path_through_a_file_is_no_folder_and_names_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let notes = tmp.path().join("notes.txt");
        std::fs::write(&notes, "mine").unwrap();
        for p in [notes.join("out"), notes.join("a/b/out")] {
            let err = write(&p, FolderKind::Output, &[("a.csv", "1")]).unwrap_err();
            match &err {
                FolderError::NotAFolder { what, .. } => {
                    assert!(what.contains("notes.txt, which is a file"), "{err}")
                }
                other => panic!("{other}"),
            }
            assert!(err.is_usage());
        }
        assert_eq!(std::fs::read(&notes).unwrap(), b"mine");
    }

    #[test]
    fn a_lock_path_that_is_no_regular_file_is_an_error_naming_it_and_never_waits() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let lock = tmp.path().join(".out.caseload-lock");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::write(&elsewhere, "mine").unwrap();
        type Plant = fn(&Path, &Path);
        let plants: [(&str, Plant); 4] = [
            ("a named pipe (FIFO)", |l, _| {
                let ok = std::process::Command::new("mkfifo")
                    .arg(l)
                    .status()
                    .unwrap();
                assert!(ok.success());
            }),
            ("a symlink", |l, e| {
                std::os::unix::fs::symlink(e, l).unwrap()
            }),
            ("a symlink", |l, _| {
                std::os::unix::fs::symlink(l.with_extension("nowhere"), l).unwrap()
            }),
            ("a folder", |l, _| std::fs::create_dir(l).unwrap()),
        ];
        for (what, plant) in plants {
            plant(&lock, &elsewhere);
            let t0 = std::time::Instant::now();
            let err = write(&out, FolderKind::Output, &[("a.csv", "1")]).unwrap_err();
            assert!(t0.elapsed().as_secs() < 5, "{what}: waited");
            match &err {
                FolderError::NotALock { path, what: found } => {
                    assert_eq!(
                        path,
                        &std::fs::canonicalize(tmp.path())
                            .unwrap()
                            .join(".out.caseload-lock")
                    );
                    assert_eq!(found, what);
                }
                other => panic!("{what}: {other}"),
            }
            assert!(err.is_usage());
            assert!(!out.exists(), "{what}: nothing written");
            assert_eq!(std::fs::read(&elsewhere).unwrap(), b"mine");
            if lock.is_dir() && !lock.is_symlink() {
                std::fs::remove_dir(&lock).unwrap();
            } else {
                std::fs::remove_file(&lock).unwrap();
            }
        }
        // A regular lock file left by an earlier run is simply used.
        std::fs::write(&lock, "").unwrap();
        write(&out, FolderKind::Output, &[("a.csv", "1")]).unwrap();
    }
}
