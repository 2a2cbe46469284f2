//! The built binary, run in temporary folders. Each assertion prints the command, its exit
//! status, stdout and stderr when it fails.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, caseload};

const OUTPUTS: [&str; 6] = [
    "roster.csv",
    "coverage.csv",
    "meetings_coverage.csv",
    "utilization.csv",
    "payroll.csv",
    "summary.md",
];

#[test]
fn generate_check_and_plan_write_every_output() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(
        d,
        &[
            "generate",
            "team",
            "--workers",
            "10",
            "--families",
            "30",
            "--seed",
            "4",
        ],
    )
    .expect_code(0);
    let check = caseload(d, &["check", "team"]);
    check.expect_code(0);
    assert!(check.stdout().starts_with("ok:"), "{}", check.context());
    let plan = caseload(d, &["plan", "team", "--time-limit", "3"]);
    plan.expect_code(0);
    assert!(
        plan.stdout().contains("result: status="),
        "{}",
        plan.context()
    );
    for f in OUTPUTS {
        assert!(
            d.join("team/out").join(f).is_file(),
            "{f} missing\n{}",
            plan.context()
        );
    }
    let roster = std::fs::read_to_string(d.join("team/out/roster.csv")).unwrap();
    assert!(roster.starts_with(
        "date,start,end,worker_id,kind,family_id,meeting_id,partner_worker_id,room_id,location_id,source\n"
    ));
    // A second run replaces the folder it wrote before.
    caseload(d, &["plan", "team", "--quiet", "--time-limit", "2"]).expect_code(0);
    let mut leftovers: Vec<_> = std::fs::read_dir(d.join("team"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    leftovers.sort();
    // The generated plan folder's manifest and the output's lock file stay; no staging does.
    assert_eq!(
        leftovers,
        [".caseload-manifest", ".out.caseload-lock"].map(std::ffi::OsString::from),
        "staging folders left"
    );
}

#[test]
fn check_lists_every_planted_problem_and_plan_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(
        d,
        &[
            "generate",
            "team",
            "--workers",
            "6",
            "--families",
            "12",
            "--seed",
            "2",
        ],
    )
    .expect_code(0);
    let team = d.join("team");
    common::set_line(
        &team,
        "families.csv",
        3,
        "F002,family_work,lots,L002,,1,3,60-120,15-60,,0,1,,,",
    );
    common::set_line(
        &team,
        "workers.csv",
        4,
        "W03,Sanna M.,,38.25,,Mon-Fri 16:00-08:00,U1,",
    );
    common::set_line(&team, "locations.csv", 2, "U1,Office,166.5,25.7");
    let check = caseload(d, &["check", "team"]);
    check.expect_code(2);
    let err = check.stderr();
    for needle in [
        "families.csv:3:",
        "column \"weekly_hours\"",
        "workers.csv:4:",
        "column \"available\"",
        "locations.csv:2:",
        "column \"lat\"",
    ] {
        assert!(
            err.contains(needle),
            "missing {needle:?}\n{}",
            check.context()
        );
    }
    let plan = caseload(d, &["plan", "team", "--out", "result"]);
    plan.expect_code(2);
    assert!(
        !d.join("result").exists(),
        "nothing may be written for invalid input\n{}",
        plan.context()
    );
}

#[test]
fn finnish_csv_uses_semicolons_decimal_commas_and_a_bom() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(
        d,
        &["generate", "team", "--workers", "4", "--families", "10"],
    )
    .expect_code(0);
    caseload(
        d,
        &[
            "plan",
            "team",
            "--finnish-csv",
            "--out",
            "fi",
            "--time-limit",
            "2",
        ],
    )
    .expect_code(0);
    let util = std::fs::read(d.join("fi/utilization.csv")).unwrap();
    assert!(util.starts_with(b"\xEF\xBB\xBFworker_id;contract_hours;"));
    let text = String::from_utf8(util).unwrap();
    assert!(text.lines().nth(1).unwrap().contains(";38,25;"), "{text}");
}

#[test]
fn a_folder_with_foreign_files_is_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(
        d,
        &["generate", "team", "--workers", "4", "--families", "10"],
    )
    .expect_code(0);
    std::fs::create_dir(d.join("mine")).unwrap();
    std::fs::write(d.join("mine/notes.txt"), "keep me").unwrap();
    let run = caseload(d, &["plan", "team", "--out", "mine"]);
    run.expect_code(2);
    assert!(run.stderr().contains("notes.txt"), "{}", run.context());
    assert_eq!(
        std::fs::read_to_string(d.join("mine/notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(d, &["plan", "no-such-folder"]).expect_code(2);
    caseload(d, &["plan"]).expect_code(2);
    caseload(d, &["generate", "x", "--workers", "0", "--families", "3"]).expect_code(2);
    caseload(
        d,
        &[
            "generate",
            "x",
            "--workers",
            "3",
            "--families",
            "3",
            "--week",
            "2026-W60",
        ],
    )
    .expect_code(2);
    caseload(d, &["frobnicate"]).expect_code(2);
}

#[test]
fn a_panic_exits_1_asks_for_a_bug_report_and_writes_nothing() {
    let plan = common::small_plan();
    let d = plan.path();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["plan", ".", "--out", "out"])
        .env("CASELOAD_TEST_PANIC", "1")
        .current_dir(d)
        .output()
        .unwrap();
    let run = Run {
        cmd: "CASELOAD_TEST_PANIC=1 caseload plan . --out out".into(),
        out,
    };
    run.expect_code(1);
    assert!(
        run.stderr().contains("Please report it"),
        "{}",
        run.context()
    );
    assert!(!d.join("out").exists(), "{}", run.context());
}

#[test]
fn whatif_writes_a_row_and_a_folder_per_scenario_and_capacity_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(
        d,
        &[
            "generate",
            "team",
            "--workers",
            "5",
            "--families",
            "12",
            "--seed",
            "8",
        ],
    )
    .expect_code(0);
    std::fs::write(
        d.join("s.toml"),
        "[[scenario]]\nname = \"baseline\"\n\n[[scenario]]\nname = \"W02 sick\"\nabsent = [{ worker = \"W02\" }]\n\n[[scenario]]\nname = \"more\"\nadd_families = [{ like = \"F001\", count = 2 }]\n",
    )
    .unwrap();
    let run = caseload(
        d,
        &[
            "whatif",
            "team",
            "--scenarios",
            "s.toml",
            "--time-limit",
            "1",
            "--quiet",
        ],
    );
    run.expect_code(0);
    let csv = std::fs::read_to_string(d.join("team/whatif/whatif.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.context());
    assert!(lines[0].starts_with("scenario,status,demand_hours,delivered_hours,shortfall_hours,families_short,meetings_uncovered,travel_hours,overtime_hours,mean_utilization,solve_seconds"));
    for folder in ["01-baseline", "02-w02-sick", "03-more"] {
        for f in OUTPUTS {
            let path = d.join("team/whatif").join(folder).join(f);
            assert!(
                path.is_file(),
                "{} missing\n{}",
                path.display(),
                run.context()
            );
        }
        assert!(
            d.join("team/whatif")
                .join(folder)
                .join("plan/families.csv")
                .is_file()
        );
    }
    // A second run replaces the folder it wrote before.
    caseload(
        d,
        &[
            "whatif",
            "team",
            "--scenarios",
            "s.toml",
            "--time-limit",
            "1",
            "--quiet",
        ],
    )
    .expect_code(0);
    // A broken scenarios file: exit 2, its line named, nothing written.
    std::fs::write(
        d.join("bad.toml"),
        "[[scenario]]\nname = \"x\"\nabsent = [{ worker = \"W99\" }]\n",
    )
    .unwrap();
    let bad = caseload(
        d,
        &["whatif", "team", "--scenarios", "bad.toml", "--out", "w2"],
    );
    bad.expect_code(2);
    assert!(bad.stderr().contains("bad.toml:3:"), "{}", bad.context());
    assert!(!d.join("w2").exists());
    let cap = caseload(
        d,
        &[
            "capacity",
            "team",
            "--like",
            "F001",
            "--max",
            "3",
            "--time-limit",
            "1",
            "--quiet",
        ],
    );
    cap.expect_code(0);
    assert!(
        cap.stdout().contains("result: like=F001 fits="),
        "{}",
        cap.context()
    );
    assert!(d.join("team/capacity/roster.csv").is_file());
    caseload(d, &["capacity", "team", "--like", "F999"]).expect_code(2);
}

/// Runs the binary with stdout going to `stdout`; returns (exit code, stderr).
fn with_stdout(dir: &Path, args: &[&str], stdout: std::process::Stdio) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(args)
        .current_dir(dir)
        .stdout(stdout)
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_ends_quietly_and_a_full_one_is_exit_1_without_false_claims() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(
        d,
        &["generate", "team", "--workers", "4", "--families", "10"],
    )
    .expect_code(0);
    let plan = ["plan", "team", "--out", "out", "--time-limit", "1"];
    for args in [&["check", "team"][..], &plan[..]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let (code, err) = with_stdout(d, args, writer.into());
        assert_eq!(
            code,
            Some(0),
            "caseload {args:?} into a closed pipe:\n{err}"
        );
        assert!(err.is_empty(), "a closed pipe ends quietly: {err}");
    }
    let full = || std::fs::File::create("/dev/full").unwrap().into();
    let (code, err) = with_stdout(d, &["check", "team"], full());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("could not write to stdout"), "{err}");
    let (code, err) = with_stdout(d, &plan, full());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("could not write to stdout"), "{err}");
    assert!(!err.contains("nothing was written"), "{err}");
    assert!(err.contains("written whole"), "{err}");
    for f in OUTPUTS {
        assert!(d.join("out").join(f).is_file(), "{f}");
    }
}
