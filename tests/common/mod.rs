//! Shared fixtures for the scenario tests: a small hand-written plan folder whose line
//! numbers the tests can rely on.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod agreed;
pub mod replan;
pub mod workbook;

pub const PLAN_TOML: &str = "week = \"2026-W49\"\n";

pub const LOCATIONS: &str = "\
id,name,lat,lon
U1,Office,66.5030,25.7290
L1,Home 1,66.5100,25.7000
L2,Home 2,66.4800,25.7500
L3,Home 3,66.5300,25.6500
";

pub const WORKERS: &str = "\
id,name,skills,contract_hours,capacity_hours,available,base,hourly_wage
W01,Anna K.,supervision|swedish,38.25,,Mon-Fri 08:00-16:00,U1,21.5
W02,Mikko L.,supervision,38.25,,Mon-Fri 10:00-18:00|Sat 09:00-15:00,U1,
W03,Sanna M.,,30,28,Mon-Thu 08:00-16:00,U1,20
";

pub const FAMILIES: &str = "\
id,service,weekly_hours,location,available,min_visits,max_visits,visit_minutes,remote_minutes,remote_max_share,joint_visits,primary_worker,required_skills,excluded_workers
F001,family_rehab_home,6,L1,,2,4,60-180,15-60,,0,W01,,
F002,lape_open_rehab,5,L2,Mon-Fri 09:00-17:00,1,3,90-150,15-60,0.1,1,W02,,W03
F003,family_work,3,L3,,1,3,60-120,15-60,,0,,swedish,
";

pub const ROOMS: &str = "\
id,name,location,available
R1,Tapaamishuone,U1,Mon-Fri 08:00-20:00|Sat 09:00-17:00
";

pub const MEETINGS: &str = "\
id,family_id,kind,date,start,end,room,staff,required_skills
M1,F001,supervised,2026-12-01,16:00,17:30,R1,1,supervision
M2,F002,exchange,2026-12-05,10:00,10:30,,1,
M3,F003,supported,2026-12-02,14:00,16:00,,1,
";

pub const AVAILABILITY: &str = "\
worker_id,date,start,end,kind
W03,2026-12-02,,,absent
W01,2026-12-03,16:00,18:00,extra
";

pub const HISTORY: &str = "\
family_id,week,in_person_hours,remote_hours
F001,2026-W48,5.5,0.5
";

/// Writes the small plan into a new temporary folder.
pub fn small_plan() -> tempfile::TempDir {
    plan_of(&[
        ("plan.toml", PLAN_TOML),
        ("locations.csv", LOCATIONS),
        ("workers.csv", WORKERS),
        ("families.csv", FAMILIES),
        ("rooms.csv", ROOMS),
        ("meetings.csv", MEETINGS),
        ("availability.csv", AVAILABILITY),
        ("history.csv", HISTORY),
    ])
}

/// Writes the given (file name, text) pairs into a new temporary folder.
pub fn plan_of(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    dir
}

/// Replaces the text of line `line` (1-based) of `file` in `dir`.
pub fn set_line(dir: &Path, file: &str, line: usize, text: &str) {
    let path = dir.join(file);
    let old = std::fs::read_to_string(&path).expect("fixture file");
    let mut lines: Vec<String> = old.lines().map(str::to_string).collect();
    lines[line - 1] = text.to_string();
    std::fs::write(&path, lines.join("\n") + "\n").expect("rewrite fixture");
}

/// Replaces `from` by `to` in `file` (the text must occur).
pub fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let old = std::fs::read_to_string(&path).expect("fixture file");
    assert!(old.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, old.replacen(from, to, 1)).expect("rewrite fixture");
}

/// Writes a generated plan into a new temporary folder.
pub fn generated_plan(
    workers: usize,
    families: usize,
    seed: u64,
    load: f64,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan");
    let mut o = caseload::generate::GenOptions::new(workers, families, seed);
    o.load = load;
    caseload::io::write_plan::write_plan(&plan, &caseload::generate::generate(&o))
        .expect("write plan");
    (dir, plan)
}

/// One run of the built binary, with what it printed.
pub struct Run {
    pub cmd: String,
    pub out: std::process::Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).to_string()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).to_string()
    }

    /// The command, its exit status, stdout and stderr, for a failed assertion.
    pub fn context(&self) -> String {
        format!(
            "command: {}\nstatus: {:?}\nstdout:\n{}\nstderr:\n{}",
            self.cmd,
            self.out.status.code(),
            self.stdout(),
            self.stderr()
        )
    }

    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.out.status.code(), Some(code), "{}", self.context());
        self
    }
}

/// Runs the built binary with `args` in `dir`.
pub fn caseload(dir: &Path, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    Run {
        cmd: format!("caseload {}", args.join(" ")),
        out,
    }
}

/// Runs the built binary with `args` in `dir` under a virtual-memory limit of `kib` KiB (the
/// shell's `ulimit -v`); returns the run and its wall time in seconds.
pub fn caseload_within_memory(dir: &Path, kib: u64, args: &[&str]) -> (Run, f64) {
    let t0 = std::time::Instant::now();
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            &format!(
                "ulimit -v {kib}; exec '{}' \"$@\"",
                env!("CARGO_BIN_EXE_caseload")
            ),
            "caseload",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the shell runs");
    let run = Run {
        cmd: format!("ulimit -v {kib}; caseload {}", args.join(" ")),
        out,
    };
    (run, t0.elapsed().as_secs_f64())
}
