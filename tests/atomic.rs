//! Outputs are atomic: a `caseload plan` killed in the middle — while it solves, or while it
//! writes the output files — leaves the previous output folder exactly as it was, and the next
//! run replaces it whole.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn plan(dir: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
    c.args(["plan", ".", "--out", "out", "--quiet"])
        .args(extra)
        .current_dir(dir);
    c
}

fn run_ok(dir: &Path, extra: &[&str]) {
    let out = plan(dir, extra).output().unwrap();
    assert!(
        out.status.success(),
        "caseload plan . --out out {extra:?}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Hidden staging folders of the output beside it, with their number of files.
fn staging(dir: &Path) -> Vec<usize> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".out.new-"))
        .map(|e| std::fs::read_dir(e.path()).map(|r| r.count()).unwrap_or(0))
        .collect()
}

fn kill(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_run_killed_while_writing_leaves_the_previous_output_whole() {
    let dir = common::small_plan();
    let d = dir.path();
    run_ok(d, &["--time-limit", "1"]);
    let before = snapshot(&d.join("out"));
    // Different demand, so that the next run's files differ from the first run's.
    common::replace(
        d,
        "families.csv",
        "F001,family_rehab_home,6,",
        "F001,family_rehab_home,7,",
    );
    let child = plan(d, &["--time-limit", "1"])
        .env("CASELOAD_TEST_WRITE_DELAY_MS", "400")
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while !staging(d).iter().any(|&n| n >= 2) {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the run never started writing"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    kill(child);
    assert_eq!(
        snapshot(&d.join("out")),
        before,
        "the previous output changed"
    );
    run_ok(d, &["--time-limit", "1"]);
    let after = snapshot(&d.join("out"));
    assert_ne!(after, before, "the new run replaced the output");
    assert_eq!(after.len(), before.len());
    assert!(staging(d).is_empty(), "leftover staging folders");
}

#[test]
fn a_run_killed_while_solving_leaves_the_previous_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args([
            "generate",
            "plan",
            "--workers",
            "20",
            "--families",
            "60",
            "--seed",
            "3",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let d = &dir.path().join("plan");
    run_ok(d, &["--time-limit", "1"]);
    let before = snapshot(&d.join("out"));
    let child = plan(d, &["--time-limit", "60"]).spawn().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    kill(child);
    assert_eq!(
        snapshot(&d.join("out")),
        before,
        "the previous output changed"
    );
}
