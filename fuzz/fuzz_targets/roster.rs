//! The roster reader (`caseload evaluate`, `replan`, `month`) on arbitrary bytes against a small
//! generated plan: it must return a roster or errors, never panic; every error names the file
//! and says what was expected; a roster read has one line per activity, and the checker and
//! the objective judge it without a panic, naming only rows that exist. (Linear reading — no
//! input much slower than its size — shows as libFuzzer's slow-unit reports.)
#![no_main]

use caseload::io::roster::{read_last_week, read_roster};
use caseload::model::Problem;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The plan (3 workers, 6 families, with meetings and rooms) and the file the input goes to.
fn setup() -> &'static (Problem, PathBuf) {
    static SETUP: OnceLock<(Problem, PathBuf)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let p = caseload::generate::generate(&caseload::generate::GenOptions::new(3, 6, 1));
        let path =
            std::env::temp_dir().join(format!("caseload-fuzz-roster-{}.csv", std::process::id()));
        (p, path)
    })
}

fuzz_target!(|data: &[u8]| {
    let (p, path) = setup();
    std::fs::write(path, data).expect("the temp file is writable");
    let file = path.display().to_string();
    match read_roster(p, path) {
        Ok((r, rows)) => {
            assert_eq!(rows.lines.len(), r.activities.len());
            assert_eq!(rows.file, file);
            for v in caseload::check::check_roster(p, &r) {
                assert!(v.rows.iter().all(|&i| i < r.activities.len()), "{v}");
            }
            let _ = caseload::solve::objective::terms(p, &r).value(p);
        }
        Err(errors) => {
            assert!(
                !errors.0.is_empty(),
                "an unreadable roster without a reason"
            );
            for e in &errors.0 {
                assert_eq!(e.file, file);
                assert!(!e.expected.is_empty());
                let _ = e.to_string();
            }
        }
    }
    if let Err(errors) = read_last_week(p, path) {
        assert!(!errors.0.is_empty());
        assert!(
            errors
                .0
                .iter()
                .all(|e| e.file == file && !e.expected.is_empty())
        );
    }
});
