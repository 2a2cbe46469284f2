//! Outputs are atomic: a `caseload plan` killed in the middle — while it solves, or while it
//! writes the output files — leaves the previous output folder exactly as it was, and the next
//! run replaces it whole.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Every file under `dir` by its `/`-separated path inside it (`calendar/W01.ics`), with its
/// bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() {
            for (inner, bytes) in snapshot(&e.path()) {
                files.insert(format!("{name}/{inner}"), bytes);
            }
        } else {
            files.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
    files
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
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".out.caseload-new-")
        })
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

/// The files of an output folder, checked against its manifest: every file listed with its size
/// and SHA-256, nothing else in the folder. Returns the file names.
fn whole(out: &Path) -> Vec<String> {
    use caseload::io::folder::{MANIFEST, Manifest};
    let m =
        Manifest::read(out).unwrap_or_else(|| panic!("{}: no readable manifest", out.display()));
    let mut names: Vec<String> = snapshot(out).into_keys().collect();
    names.retain(|n| n != MANIFEST);
    let listed: Vec<String> = m.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(
        names,
        listed,
        "{}: files and manifest differ",
        out.display()
    );
    for f in &m.files {
        let bytes = std::fs::read(out.join(&f.path)).unwrap();
        assert_eq!(bytes.len() as u64, f.size, "{} is torn", f.path);
    }
    // The workers' calendars count as one entry (which workers have one depends on the roster).
    assert!(
        names.iter().any(|n| n.starts_with("calendar/")),
        "{}: no calendar",
        out.display()
    );
    names.retain(|n| !(n.starts_with("calendar/") && n.ends_with(".ics")));
    names.push("calendar/*.ics".into());
    names.sort();
    names
}

const OUTPUTS: [&str; 9] = [
    "calendar/*.ics",
    "coverage.csv",
    "history_next.csv",
    "meetings_coverage.csv",
    "payroll.csv",
    "report.html",
    "roster.csv",
    "summary.md",
    "utilization.csv",
];

#[test]
fn simultaneous_runs_on_one_out_never_lose_or_tear_it() {
    let dir = common::small_plan();
    let d = dir.path();
    for pair in 0..8 {
        let a = plan(d, &["--time-limit", "1"]).output_async();
        let b = plan(d, &["--time-limit", "1"]).output_async();
        for (name, run) in [("first", a), ("second", b)] {
            let out = run.join().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "pair {pair}, {name} run: {:?}\nstderr:\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(stdout.contains("written: out"), "{stdout}");
        }
        assert_eq!(whole(&d.join("out")), OUTPUTS, "pair {pair}");
        assert!(staging(d).is_empty(), "pair {pair}: staging left behind");
    }
}

trait Async {
    fn output_async(self) -> std::thread::JoinHandle<std::process::Output>;
}

impl Async for Command {
    fn output_async(mut self) -> std::thread::JoinHandle<std::process::Output> {
        std::thread::spawn(move || self.output().unwrap())
    }
}

#[test]
fn a_second_run_waits_for_the_first_and_then_writes_whole() {
    let first = common::small_plan();
    let second = common::small_plan();
    common::replace(
        second.path(),
        "families.csv",
        "F001,family_rehab_home,6,",
        "F001,family_rehab_home,7,",
    );
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let run = |plan: &Path, delay: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
        c.arg("plan")
            .arg(plan)
            .arg("--out")
            .arg(&out)
            .args(["--time-limit", "1"])
            .env("CASELOAD_TEST_WRITE_DELAY_MS", delay);
        c
    };
    let a = run(first.path(), "300").output_async();
    let t0 = Instant::now();
    while !std::fs::read_dir(work.path()).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with(".out.caseload-new-")
    }) {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the first run never wrote"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let b = run(second.path(), "0").output().unwrap();
    let a = a.join().unwrap();
    assert!(a.status.success() && b.status.success());
    let waited = String::from_utf8_lossy(&b.stderr);
    assert!(
        waited.contains("waiting for another caseload run"),
        "{waited}"
    );
    assert_eq!(whole(&out), OUTPUTS);
    let m = caseload::io::folder::Manifest::read(&out).unwrap();
    assert_eq!(
        m.origin.unwrap(),
        std::fs::canonicalize(second.path()).unwrap(),
        "the run that waited wrote last"
    );
}

#[test]
fn a_run_killed_between_the_two_renames_of_the_fallback_swap_loses_nothing() {
    let dir = common::small_plan();
    let d = dir.path();
    run_ok(d, &["--time-limit", "1"]);
    let before = snapshot(&d.join("out"));
    let child = plan(d, &["--time-limit", "1"])
        .env("CASELOAD_TEST_NO_EXCHANGE", "1")
        .env("CASELOAD_TEST_SWAP_DELAY_MS", "30000")
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while d.join("out").exists() {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the swap never began"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    kill(child);
    assert!(!d.join("out").exists(), "killed between the renames");
    // The next run of any command that writes `out` restores it first, then replaces it whole.
    let again = plan(d, &["--time-limit", "1"])
        .env("CASELOAD_TEST_NO_EXCHANGE", "1")
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("restored"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(whole(&d.join("out")), OUTPUTS);
    assert_eq!(snapshot(&d.join("out")).len(), before.len());
    let hidden: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.caseload-") && !n.ends_with("-lock"))
        .collect();
    assert!(hidden.is_empty(), "left beside out: {hidden:?}");
}

/// Runs the binary in `dir` and returns (exit code, stderr, seconds).
fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, f64) {
    let t0 = Instant::now();
    let run = common::caseload(dir, args);
    (
        run.out.status.code(),
        run.stderr(),
        t0.elapsed().as_secs_f64(),
    )
}

#[test]
fn no_command_replaces_the_users_plan_folder_and_it_refuses_before_solving() {
    let work = tempfile::tempdir().unwrap();
    let d = &work.path().join("plan");
    std::fs::create_dir(d).unwrap();
    let small = common::small_plan();
    for e in std::fs::read_dir(small.path()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), d.join(e.file_name())).unwrap();
    }
    let plan_dir = d.to_str().unwrap();
    std::fs::write(d.join("scenarios.toml"), "[[scenario]]\nname = \"x\"\n").unwrap();
    let before = snapshot(d);
    let beside = || std::fs::read_dir(work.path()).unwrap().count();
    for args in [
        vec!["plan", plan_dir, "--out", plan_dir, "--time-limit", "60"],
        vec![
            "whatif",
            plan_dir,
            "--scenarios",
            "scenarios.toml",
            "--out",
            plan_dir,
            "--time-limit",
            "60",
        ],
        vec![
            "capacity",
            plan_dir,
            "--like",
            "F001",
            "--out",
            plan_dir,
            "--time-limit",
            "60",
        ],
        vec!["generate", plan_dir, "--workers", "3", "--families", "5"],
    ] {
        let (code, err, secs) = run_in(d, &args);
        assert_eq!(code, Some(2), "{args:?}\n{err}");
        assert!(err.contains("Nothing was touched"), "{args:?}\n{err}");
        assert!(
            secs < 10.0,
            "{args:?} took {secs:.1} s: refused only after solving"
        );
        assert_eq!(snapshot(d), before, "{args:?} changed the plan folder");
        assert_eq!(
            beside(),
            1,
            "{args:?} left something beside the plan folder"
        );
    }
}

#[test]
fn plan_keeps_a_subfolder_the_team_lead_put_in_out_and_a_roster_edited_by_hand() {
    let dir = common::small_plan();
    let d = dir.path();
    run_ok(d, &["--time-limit", "1"]);
    std::fs::create_dir(d.join("out/archive-2026-W48")).unwrap();
    std::fs::write(d.join("out/archive-2026-W48/roster.csv"), "kept").unwrap();
    let (code, err, secs) = run_in(d, &["plan", ".", "--out", "out", "--time-limit", "60"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("archive-2026-W48"), "{err}");
    assert!(secs < 10.0, "refused only after {secs:.1} s");
    assert_eq!(
        std::fs::read(d.join("out/archive-2026-W48/roster.csv")).unwrap(),
        b"kept"
    );
    std::fs::remove_dir_all(d.join("out/archive-2026-W48")).unwrap();
    run_ok(d, &["--time-limit", "1"]);

    let roster = d.join("out/roster.csv");
    let mut edited = std::fs::read_to_string(&roster).unwrap();
    edited.push_str("# moved F002 to Thursday\n");
    std::fs::write(&roster, &edited).unwrap();
    let (code, err, _) = run_in(d, &["plan", ".", "--out", "out", "--time-limit", "1"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("edited: roster.csv"), "{err}");
    assert_eq!(std::fs::read_to_string(&roster).unwrap(), edited);
}

#[test]
fn out_edge_cases_symlink_dangling_link_plain_file_long_name() {
    let dir = common::small_plan();
    let d = dir.path();
    std::fs::create_dir(d.join("real")).unwrap();
    std::os::unix::fs::symlink("real", d.join("link")).unwrap();
    run_ok_out(d, "link");
    assert!(d.join("link").is_symlink());
    assert_eq!(
        whole(&d.join("real")),
        OUTPUTS,
        "the link's folder receives the outputs"
    );

    std::os::unix::fs::symlink("nowhere", d.join("dangling")).unwrap();
    std::fs::write(d.join("file"), "mine").unwrap();
    let names = || -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let before = names();
    for out in ["dangling", "file"] {
        let (code, err, _) = run_in(d, &["plan", ".", "--out", out, "--time-limit", "1"]);
        assert_eq!(code, Some(2), "--out {out}: {err}");
        assert!(err.contains("expected a folder"), "{err}");
        assert_eq!(names(), before, "--out {out} left something behind");
        assert_eq!(std::fs::read(d.join("file")).unwrap(), b"mine");
    }
    let long = "w".repeat(250);
    run_ok_out(d, &long);
    run_ok_out(d, &long);
    assert_eq!(whole(&d.join(&long)), OUTPUTS);
}

fn run_ok_out(d: &Path, out: &str) {
    let (code, err, _) = run_in(d, &["plan", ".", "--out", out, "--time-limit", "1"]);
    assert_eq!(code, Some(0), "--out {out}: {err}");
}
