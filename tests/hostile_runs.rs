//! Hostile or degenerate runs of `whatif`, `capacity` and `plan`, through the built binary:
//! usage limits are usage errors, weeks without workers or meetings are results, a scenario's
//! own plan folder is faithful, and untrusted text never reaches a terminal or summary.md raw.

use std::path::Path;
use std::process::{Command, Output};

struct Run {
    cmd: String,
    out: Output,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).to_string()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).to_string()
    }

    fn context(&self) -> String {
        format!(
            "command: {}\nstatus: {:?}\nstdout:\n{}\nstderr:\n{}",
            self.cmd,
            self.out.status.code(),
            self.stdout(),
            self.stderr()
        )
    }

    fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.out.status.code(), Some(code), "{}", self.context());
        self
    }
}

fn caseload(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    Run {
        cmd: format!("caseload {}", args.join(" ")),
        out,
    }
}

/// A generated plan folder `plan` (6 workers W01..W06, 14 families) in a new temporary folder.
fn generated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    caseload(
        dir.path(),
        &[
            "generate",
            "plan",
            "--workers",
            "6",
            "--families",
            "14",
            "--seed",
            "3",
        ],
    )
    .expect_code(0);
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The rows of a CSV file as maps from column to value.
fn rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

// ---- 1. --jobs above the limit is a usage error ----

#[test]
fn too_many_jobs_is_a_usage_error_before_anything_is_solved_or_written() {
    let dir = generated();
    let d = dir.path();
    std::fs::write(d.join("s.toml"), "[[scenario]]\nname = \"as it is\"\n").unwrap();
    for jobs in ["100000", "65", "0"] {
        for args in [
            vec!["whatif", "plan", "--scenarios", "s.toml", "--out", "w"],
            vec!["capacity", "plan", "--like", "F001", "--out", "c"],
        ] {
            let mut args = args.clone();
            args.extend(["--time-limit", "1", "--jobs", jobs]);
            let run = caseload(d, &args);
            run.expect_code(2);
            assert!(
                run.stderr()
                    .contains(&format!("--jobs {jobs}: expected 1 to 64")),
                "{}",
                run.context()
            );
            assert!(!run.stderr().contains("panicked"), "{}", run.context());
            assert!(!d.join("w").exists() && !d.join("c").exists());
        }
    }
    // The limit itself is accepted.
    caseload(
        d,
        &[
            "whatif",
            "plan",
            "--scenarios",
            "s.toml",
            "--out",
            "w",
            "--time-limit",
            "1",
            "--jobs",
            "64",
        ],
    )
    .expect_code(0);
}

// ---- 2. weeks without workers, families or meetings are results ----

#[test]
fn a_scenario_without_any_worker_is_a_result_with_reasons() {
    let dir = generated();
    let d = dir.path();
    let all = "\"W01\", \"W02\", \"W03\", \"W04\", \"W05\", \"W06\"";
    let absent: Vec<String> = (1..=6)
        .map(|i| format!("{{ worker = \"W0{i}\" }}"))
        .collect();
    std::fs::write(
        d.join("s.toml"),
        format!(
            "[[scenario]]\nname = \"everyone leaves\"\nremove_workers = [{all}]\n\n[[scenario]]\nname = \"everyone ill\"\nabsent = [{}]\n",
            absent.join(", ")
        ),
    )
    .unwrap();
    caseload(
        d,
        &[
            "whatif",
            "plan",
            "--scenarios",
            "s.toml",
            "--out",
            "w",
            "--time-limit",
            "1",
            "--jobs",
            "1",
        ],
    )
    .expect_code(0);
    let table = rows(&d.join("w/whatif.csv"));
    assert_eq!(table.len(), 2);
    for (row, folder) in table.iter().zip(["01-everyone-leaves", "02-everyone-ill"]) {
        assert_eq!(row["delivered_hours"], "0.00", "{row:?}");
        assert_eq!(row["shortfall_hours"], row["demand_hours"], "{row:?}");
        assert_eq!(row["families_short"], "14", "{row:?}");
        let coverage = rows(&d.join("w").join(folder).join("coverage.csv"));
        assert_eq!(coverage.len(), 14);
        for c in &coverage {
            assert!(
                c["reason"].contains("no worker is available"),
                "{folder}: {c:?}"
            );
        }
        for m in rows(&d.join("w").join(folder).join("meetings_coverage.csv")) {
            assert!(
                m["status"].starts_with("uncovered")
                    && m["status"].contains("no worker is available"),
                "{folder}: {m:?}"
            );
        }
        assert!(
            read(&d.join("w").join(folder).join("roster.csv"))
                .lines()
                .count()
                == 1
        );
    }
}

#[test]
fn a_week_without_meetings_or_rooms_is_planned() {
    let dir = generated();
    let d = dir.path();
    std::fs::remove_file(d.join("plan/meetings.csv")).unwrap();
    std::fs::remove_file(d.join("plan/rooms.csv")).unwrap();
    caseload(d, &["check", "plan"]).expect_code(0);
    let run = caseload(d, &["plan", "plan", "--out", "o", "--time-limit", "1"]);
    run.expect_code(0);
    assert!(
        run.stdout().contains("meetings_staffed=0/0"),
        "{}",
        run.context()
    );
}
