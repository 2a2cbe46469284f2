//! Hostile input, round 2 (issue 24), through the built binary: the SPEC's limits (an id ≤ 64
//! characters, a name ≤ 200, a CSV ≤ 200 000 rows), the lock beside an output folder, `--out`
//! through a plain file, prices and payroll numbers given twice, and `month` over two teams.
//! Each case must exit 2 naming the file and line (or the path), write nothing, leave no
//! temporary file and never hang. On failure the command, status, stdout and stderr are printed.

mod common;

use common::{Run, caseload, caseload_within_memory, replace, small_plan};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Every entry of `dir` (names), sorted: what a refused run must leave unchanged.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `caseload plan` on the folder `plan` inside `root` is refused with exit 2, the message
/// starts with `at` (file:line) and names `column`; nothing is written in `root`.
fn refused(root: &Path, at: &str, column: &str, code: &str) -> Run {
    let before = entries(root);
    let run = caseload(root, &["plan", "plan", "--time-limit", "1"]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains(at), "expected {at}\n{}", run.context());
    assert!(err.contains(column), "expected {column}\n{}", run.context());
    assert!(err.contains(code), "expected {code}\n{}", run.context());
    assert!(!err.contains("panicked"), "{}", run.context());
    assert_eq!(entries(root), before, "nothing written\n{}", run.context());
    // `check` validates everything `plan` needs: the same problem, before any solving.
    let check = caseload(root, &["check", "plan"]);
    check.expect_code(2);
    assert!(check.stderr().contains(at), "{}", check.context());
    run
}

/// A copy of the small plan as `root/plan`.
fn plan_in_root() -> tempfile::TempDir {
    let src = small_plan();
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("plan")).unwrap();
    for e in std::fs::read_dir(src.path()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), root.path().join("plan").join(e.file_name())).unwrap();
    }
    root
}

#[test]
fn names_and_ids_beyond_the_specs_lengths_are_refused_naming_file_line_and_column() {
    // A name of 201 characters (any letters: counted in characters, not bytes).
    let root = plan_in_root();
    let plan = root.path().join("plan");
    replace(&plan, "workers.csv", "Anna K.", &"ä".repeat(201));
    refused(root.path(), "workers.csv:2:", "\"name\"", "too-long");

    // A location id of 65 characters, and every reference to it.
    let root = plan_in_root();
    let plan = root.path().join("plan");
    let long = "L".repeat(65);
    replace(
        &plan,
        "locations.csv",
        "L1,Home 1",
        &format!("{long},Home 1"),
    );
    replace(&plan, "families.csv", ",L1,", &format!(",{long},"));
    refused(
        root.path(),
        "locations.csv:3:",
        "\"id\"",
        "at most 64 characters",
    );

    // A place name of 2 MB: refused at once, in bounded memory, its value cut in the message.
    let root = plan_in_root();
    let plan = root.path().join("plan");
    replace(&plan, "locations.csv", "Home 2", &"x".repeat(2_000_000));
    let (run, seconds) = caseload_within_memory(root.path(), 1_000_000, &["check", "plan"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("locations.csv:4:"),
        "{}",
        run.context()
    );
    assert!(run.stderr().len() < 2_000, "{}", run.context());
    assert!(seconds < 20.0, "{seconds} s");
}

#[test]
fn a_csv_of_more_than_200_000_rows_is_refused_at_the_first_row_too_many() {
    let root = plan_in_root();
    let plan = root.path().join("plan");
    let mut text = String::from("family_id,week,in_person_hours,remote_hours\n");
    for _ in 0..200_001 {
        text.push_str("F001,2026-W48,1,0\n");
    }
    std::fs::write(plan.join("history.csv"), text).unwrap();
    refused(
        root.path(),
        "history.csv:200002:",
        "200 000 data rows",
        "too-many-rows",
    );
}

/// Runs the binary with a deadline: a run that hangs is killed and the test fails.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "caseload {} still ran after {limit:?}\nstderr:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Run {
        cmd: format!("caseload {}", args.join(" ")),
        out: child.wait_with_output().unwrap(),
    }
}

#[test]
fn a_lock_path_that_is_a_fifo_a_symlink_or_a_folder_is_an_error_naming_it_never_a_hang() {
    for kind in ["fifo", "symlink", "folder"] {
        let root = plan_in_root();
        let lock = root.path().join(".out.caseload-lock");
        let victim = root.path().join("victim.txt");
        std::fs::write(&victim, "mine").unwrap();
        match kind {
            "fifo" => assert!(
                Command::new("mkfifo")
                    .arg(&lock)
                    .status()
                    .unwrap()
                    .success()
            ),
            "symlink" => std::os::unix::fs::symlink(&victim, &lock).unwrap(),
            _ => std::fs::create_dir(&lock).unwrap(),
        }
        let before = entries(root.path());
        let run = run_within(
            root.path(),
            &["plan", "plan", "--out", "out", "--time-limit", "1"],
            Duration::from_secs(60),
        );
        run.expect_code(2);
        assert!(
            run.stderr().contains(".out.caseload-lock"),
            "{kind}: {}",
            run.context()
        );
        assert_eq!(entries(root.path()), before, "{kind}: {}", run.context());
        assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
    }
}

#[test]
fn an_out_path_through_a_plain_file_is_a_usage_error_naming_the_file() {
    let root = plan_in_root();
    std::fs::write(root.path().join("notes.txt"), "mine").unwrap();
    for out in ["notes.txt/out", "notes.txt/a/b"] {
        let before = entries(root.path());
        let run = caseload(
            root.path(),
            &["plan", "plan", "--out", out, "--time-limit", "1"],
        );
        run.expect_code(2);
        assert!(
            run.stderr().contains("notes.txt, which is a file"),
            "{}",
            run.context()
        );
        assert_eq!(entries(root.path()), before);
    }
    assert_eq!(
        std::fs::read(root.path().join("notes.txt")).unwrap(),
        b"mine"
    );
}

#[test]
fn payroll_numbers_equal_to_a_payroll_system_are_one_persons_and_refused() {
    for (a, b) in [("1001", "01001"), ("001001", "1001"), ("A7", "a7")] {
        let root = plan_in_root();
        let plan = root.path().join("plan");
        let text = std::fs::read_to_string(plan.join("workers.csv")).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[0].push_str(",payroll_id");
        lines[1].push_str(&format!(",{a}"));
        lines[2].push_str(&format!(",{b}"));
        lines[3].push_str(",2002");
        std::fs::write(plan.join("workers.csv"), lines.join("\n") + "\n").unwrap();
        let run = refused(root.path(), "workers.csv:3:", "payroll_id", "duplicate-id");
        assert!(
            run.stderr()
                .contains(&format!("already used as \"{a}\", the same number")),
            "{}",
            run.context()
        );
        assert!(run.stderr().contains("on line 2"), "{}", run.context());
    }
}

/// Plans `plan` of `root` into `out` (1 s), which must succeed.
fn plan_ok(root: &Path, plan: &str, out: &str) {
    caseload(root, &["plan", plan, "--out", out, "--time-limit", "1"]).expect_code(0);
}

#[test]
fn prices_given_twice_for_one_service_and_channel_are_refused_naming_both_lines() {
    let root = plan_in_root();
    let prices = "service,channel,euros_per_hour\n\
                  family_rehab_home,in_person,70\n\
                  family_rehab_home,remote,60\n\
                  family_rehab_home,in_person,75\n";
    std::fs::write(root.path().join("plan/prices.csv"), prices).unwrap();
    plan_ok(root.path(), "plan", "out");
    let before = entries(root.path());
    let run = caseload(
        root.path(),
        &["month", "--month", "2026-12", "out", "--out", "m"],
    );
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains("prices.csv:4:"), "{}", run.context());
    assert!(
        err.contains("priced on line 2 and again on line 4"),
        "{}",
        run.context()
    );
    assert_eq!(entries(root.path()), before, "{}", run.context());
}

#[test]
fn month_refuses_the_weeks_of_two_teams_that_share_case_codes() {
    let root = plan_in_root();
    let r = root.path();
    // Team B: the same case codes for other families (other homes), the next week.
    std::fs::create_dir(r.join("team_b")).unwrap();
    for e in std::fs::read_dir(r.join("plan")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), r.join("team_b").join(e.file_name())).unwrap();
    }
    for (file, from, to) in [
        ("plan.toml", "2026-W49", "2026-W50"),
        ("meetings.csv", "2026-12-01", "2026-12-08"),
        ("meetings.csv", "2026-12-05", "2026-12-12"),
        ("meetings.csv", "2026-12-02", "2026-12-09"),
        ("availability.csv", "2026-12-02", "2026-12-09"),
        ("availability.csv", "2026-12-03", "2026-12-10"),
        ("history.csv", "2026-W48", "2026-W49"),
        ("locations.csv", "66.5100,25.7000", "65.7300,24.5600"),
    ] {
        replace(&r.join("team_b"), file, from, to);
    }
    plan_ok(r, "plan", "out_a");
    plan_ok(r, "team_b", "out_b");
    let before = entries(r);
    let run = caseload(
        r,
        &[
            "month", "--month", "2026-12", "out_a", "out_b", "--out", "m",
        ],
    );
    run.expect_code(2);
    let err = run.stderr();
    assert!(
        err.contains("out_a") && err.contains("out_b"),
        "{}",
        run.context()
    );
    assert!(err.contains("first F001"), "{}", run.context());
    assert_eq!(entries(r), before, "{}", run.context());

    // Named as two teams in plan.toml: refused by name, whatever the homes.
    replace(
        &r.join("team_b"),
        "locations.csv",
        "65.7300,24.5600",
        "66.5100,25.7000",
    );
    std::fs::write(
        r.join("plan/plan.toml"),
        "week = \"2026-W49\"\nteam = \"Perhetyö Kemi\"\n",
    )
    .unwrap();
    std::fs::write(
        r.join("team_b/plan.toml"),
        "week = \"2026-W50\"\nteam = \"Perhetyö Tornio\"\n",
    )
    .unwrap();
    plan_ok(r, "plan", "out_a");
    plan_ok(r, "team_b", "out_b");
    let run = caseload(
        r,
        &[
            "month", "--month", "2026-12", "out_a", "out_b", "--out", "m",
        ],
    );
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("team \"Perhetyö Kemi\" and team \"Perhetyö Tornio\""),
        "{}",
        run.context()
    );

    // One team (the same name) in two plan folders: added up.
    std::fs::write(
        r.join("team_b/plan.toml"),
        "week = \"2026-W50\"\nteam = \"Perhetyö Kemi\"\n",
    )
    .unwrap();
    plan_ok(r, "team_b", "out_b");
    caseload(
        r,
        &[
            "month", "--month", "2026-12", "out_a", "out_b", "--out", "m",
        ],
    )
    .expect_code(0);
}
