//! Hostile or degenerate runs of `whatif`, `capacity` and `plan`, through the built binary:
//! usage limits are usage errors, weeks without workers or meetings are results, a scenario's
//! own plan folder is faithful, and untrusted text never reaches a terminal or summary.md raw.

mod common;

use std::path::Path;

use common::{Run, caseload};

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

// ---- 3. a scenario's own plan folder is faithful ----

/// Rewrites `column` of the row whose first field is `id` in the CSV file at `path`.
fn set_cell(path: &Path, id: &str, column: &str, value: &str) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == column).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    let mut found = false;
    for rec in r.records() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        if rec[0] == id {
            rec[col] = value.to_string();
            found = true;
        }
        w.write_record(&rec).unwrap();
    }
    assert!(found, "{id} in {}", path.display());
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
}

/// A latitude just north of `lat` whose five-decimal rounding is one travel minute nearer
/// `from` (default travel settings): what rounding a coordinate does to a roster.
fn latitude_on_a_minute_edge(from: (f64, f64), lat: f64, lon: f64) -> f64 {
    use caseload::model::TravelMatrix;
    let minutes =
        |la: f64| TravelMatrix::from_coordinates(&[from, (la, lon)], 1.3, 40.0).minutes(0, 1);
    let grid = (lat * 1e5).round() / 1e5;
    (0..100_000)
        .map(|k| grid + k as f64 * 1e-5 + 4e-6)
        .find(|&x| minutes(x) != minutes(format!("{x:.5}").parse().unwrap()))
        .expect("a minute edge within a degree")
}

const ALL_KINDS: &str = r#"[[scenario]]
name = "all kinds"
absent = [{ worker = "W02" }, { worker = "W03", date = "2026-12-02" }]
add_families = [{ like = "F001", count = 2 }]
add_workers = [{ like = "W01", count = 1 }]
worker_hours = [{ worker = "W04", contract_hours = 30.987654321, capacity_hours = 31.123456789 }]
remove_workers = ["W05"]
remote_max_share = 0.123456789
scale_demand = 1.1
"#;

#[test]
fn a_scenarios_plan_folder_reads_back_as_the_scenarios_problem() {
    let dir = generated();
    let d = dir.path();
    let plan = d.join("plan");
    // Coordinates and hours with every digit that matters.
    let loc = plan.join("locations.csv");
    let coord = |id: &str| {
        let row = rows(&loc).into_iter().find(|r| r["id"] == id).unwrap();
        (
            row["lat"].parse::<f64>().unwrap(),
            row["lon"].parse::<f64>().unwrap(),
        )
    };
    let office = coord("U1");
    let (lat, lon) = coord("L001");
    let edge = latitude_on_a_minute_edge(office, lat, lon);
    set_cell(&loc, "L001", "lat", &format!("{edge}"));
    for id in ["L002", "L003"] {
        let (la, lo) = coord(id);
        set_cell(&loc, id, "lat", &format!("{}", la + 1.234567e-7));
        set_cell(&loc, id, "lon", &format!("{}", lo - 7.654321e-7));
    }
    let workers = plan.join("workers.csv");
    set_cell(&workers, "W01", "contract_hours", "30.123456789");
    set_cell(&workers, "W01", "capacity_hours", "29.987654321");
    set_cell(&workers, "W01", "hourly_wage", "22.6123456789");
    let families = plan.join("families.csv");
    set_cell(&families, "F002", "weekly_hours", "6.333333333");
    set_cell(&families, "F002", "remote_max_share", "0.187654321");
    std::fs::write(
        plan.join("plan.toml"),
        "week = \"2026-W49\"\nmax_daily_hours = 9.87654321\n\n[travel]\nroad_factor = 1.3\nspeed_kmh = 40.0\n\n[payroll]\ndate_format = \"%-d.%-m.%Y\"\n[payroll.codes]\nREG = \"1001 \\\"reg\\\"\"\n",
    )
    .unwrap();
    caseload(d, &["check", "plan"]).expect_code(0);
    std::fs::write(d.join("s.toml"), ALL_KINDS).unwrap();
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
            "2",
            "--jobs",
            "1",
        ],
    )
    .expect_code(0);

    // What the scenario's problem is, by the library.
    let mut p = caseload::model::Week::new(
        caseload::io::load_plan(&plan).unwrap_or_else(|e| panic!("{e}")),
    );
    p.settings.time_limit_seconds = 2.0;
    let s = caseload::io::scenarios::read_scenarios(&d.join("s.toml"), &p).unwrap();
    let want = caseload::whatif::apply(&p, &s[0]).week;
    let written = d.join("w/01-all-kinds/plan");
    caseload(d, &["check", written.to_str().unwrap()]).expect_code(0);
    let mut got = caseload::model::Week::new(
        caseload::io::load_plan(&written).unwrap_or_else(|e| panic!("{e}")),
    );
    // A scenario's problem is pinned (its appointments placed) as every planned week is.
    caseload::solve::pins::pin(&mut got);
    // The rounded coordinate moved this travel time by a minute.
    let (u1, l1) = (0, 1);
    assert_eq!(got.locations[l1].id, "L001");
    assert_eq!(
        got.travel.minutes(u1, l1),
        want.travel.minutes(u1, l1),
        "travel U1-L001"
    );
    let n = want.locations.len();
    for a in 0..n {
        for b in 0..n {
            assert_eq!(
                got.travel.minutes(a, b),
                want.travel.minutes(a, b),
                "travel {a}-{b}"
            );
        }
    }
    assert_eq!(got.locations, want.locations);
    assert_eq!(got.workers, want.workers);
    assert_eq!(got.families, want.families);
    assert_eq!(got.rooms, want.rooms);
    assert_eq!(got.meetings, want.meetings);
    assert_eq!(got.exceptions, want.exceptions);
    assert_eq!(got.history, want.history);
    assert_eq!(got.road_edges, want.road_edges);
    assert_eq!(got.settings, want.settings);
    assert_eq!(got, want);
}

/// One worker, two families at the office itself: plans in an instant at any time limit.
fn tiny_plan(d: &Path) {
    let plan = d.join("plan");
    std::fs::create_dir(&plan).unwrap();
    for (name, text) in [
        ("plan.toml", "week = \"2026-W49\"\n"),
        (
            "locations.csv",
            "id,name,lat,lon\nU1,Office,66.5030,25.7290\n",
        ),
        (
            "workers.csv",
            "id,name,contract_hours,available,base\nW01,A. K.,38.25,Mon-Fri 08:00-16:00,U1\n",
        ),
        (
            "families.csv",
            "id,service,weekly_hours,location,remote_max_share\nF001,family_work,2,U1,0\nF002,family_work,3,U1,0\n",
        ),
    ] {
        std::fs::write(plan.join(name), text).unwrap();
    }
}

/// `--time-limit` is written into the scenario's plan.toml (the command line accepts what
/// plan.toml accepts: above 0, at most 86400 s), so the folder always passes `check`; above
/// that it is a usage error before anything is solved or written.
#[test]
fn a_time_limit_on_the_command_line_never_makes_the_scenarios_plan_folder_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tiny_plan(d);
    std::fs::write(d.join("s.toml"), "[[scenario]]\nname = \"as it is\"\n").unwrap();
    for (given, written) in [("1e-9", 1e-9), ("0.5", 0.5), ("86400", 86_400.0)] {
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
                given,
                "--jobs",
                "1",
            ],
        )
        .expect_code(0);
        let folder = d.join("w/01-as-it-is/plan");
        caseload(d, &["check", folder.to_str().unwrap()]).expect_code(0);
        let p = caseload::model::Week::new(
            caseload::io::load_plan(&folder).unwrap_or_else(|e| panic!("{given}: {e}")),
        );
        assert_eq!(
            p.settings.time_limit_seconds, written,
            "--time-limit {given}"
        );
    }
    std::fs::remove_dir_all(d.join("w")).unwrap();
    for given in ["1e6", "86401", "0", "-1", "NaN", "inf"] {
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
                given,
            ],
        )
        .expect_code(2);
        assert!(!d.join("w").exists(), "--time-limit {given} wrote output");
    }
}

// ---- 4. summary.md carries no HTML; report.html escapes ----

/// Ids and labels with markup (legal input: `<` is no formula and no control character), a
/// shortfall and an uncovered meeting so that reasons name them.
fn markup_plan(d: &Path) {
    let plan = d.join("plan");
    std::fs::create_dir(&plan).unwrap();
    for (name, text) in [
        ("plan.toml", "week = \"2026-W49\"\n"),
        (
            "locations.csv",
            "id,name,lat,lon\nU1,<b>Office</b>,66.5030,25.7290\nL<i>1,Home,66.5100,25.7000\n",
        ),
        (
            "workers.csv",
            "id,name,contract_hours,capacity_hours,available,base\nW<script>1,<script>alert(1)</script>,38.25,6,Mon-Fri 08:00-16:00,U1\n",
        ),
        (
            "families.csv",
            "id,service,weekly_hours,location,remote_max_share\nF<img src=x onerror=alert(1)>,<img src=y onerror=alert(2)> & `code` [link](http://evil),20,L<i>1,0\n",
        ),
        (
            "rooms.csv",
            "id,name,location,available\nR<u>1,Kokous <B>,U1,\n",
        ),
        (
            "meetings.csv",
            "id,family_id,kind,date,start,end,room,staff,required_skills\nKokous <B>,F<img src=x onerror=alert(1)>,supervised,2026-12-05,10:00,11:00,R<u>1,1,\n",
        ),
    ] {
        std::fs::write(plan.join(name), text).unwrap();
    }
}

#[test]
fn summary_md_and_report_html_carry_no_markup_from_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    markup_plan(d);
    let run = caseload(d, &["plan", "plan", "--out", "o", "--time-limit", "1"]);
    run.expect_code(0);
    let md = read(&d.join("o/summary.md"));
    // The input's ids and labels are there, escaped.
    assert!(md.contains("F&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(
        md.contains("&lt;img src=y onerror=alert(2)&gt; &amp; \\`code\\` \\[link\\](http://evil)"),
        "{md}"
    );
    assert!(md.contains("Kokous &lt;B&gt;"), "{md}");
    assert!(md.contains("W&lt;script&gt;1"), "{md}");
    // summary.md has no markup of its own, so no `<` at all; every backtick and bracket is
    // escaped (no code span, no link).
    assert!(!md.contains('<'), "{md}");
    let chars: Vec<char> = md.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '`' | '[' | ']') {
            assert!(
                i > 0 && chars[i - 1] == '\\',
                "unescaped {c:?} in summary.md:\n{md}"
            );
        }
    }
    let html = read(&d.join("o/report.html"));
    for bad in ["<script", "<img", "<i>", "<u>", "<B>", "<b>Office"] {
        assert!(!html.contains(bad), "{bad:?} in report.html");
    }
    assert!(html.contains("W&lt;script&gt;1"));
    assert!(html.contains("F&lt;img src=x onerror=alert(1)&gt;"));
}

// ---- 5. no raw control characters on a terminal ----

/// Asserts that `run` printed no control character but line ends (ESC, CSI, BEL, CR, ...) and
/// no invisible format character, and that stdout holds no `result:` line but caseload's own
/// (`own`: how many it prints).
fn assert_printable(run: &Run, own: usize) {
    for (what, text) in [("stdout", run.stdout()), ("stderr", run.stderr())] {
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "{what} holds {bad:?}\n{}", run.context());
    }
    let results = run
        .stdout()
        .lines()
        .filter(|l| l.trim_start_matches(['"', ' ']).starts_with("result:"))
        .count();
    assert_eq!(results, own, "forged result: line\n{}", run.context());
}

/// A text that would colour and clear a terminal, retitle its window, and forge a result line.
const HOSTILE: &str = "x\u{1b}[31m\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\nresult: status=optimal objective=0.00 bound=0.00 gap=0.0000 coverage=1.0000";

#[test]
fn scenario_names_labels_and_ids_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tiny_plan(d);
    // A scenario name (TOML escapes) and a service label (a quoted CSV field).
    let toml_name = toml::Value::String(HOSTILE.into()).to_string();
    std::fs::write(
        d.join("s.toml"),
        format!("[[scenario]]\nname = {toml_name}\nscale_demand = 2.0\n"),
    )
    .unwrap();
    let run = caseload(
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
    );
    assert_printable(&run, 0);
    // Either the name is refused as input (exit 2), or it is shown escaped.
    if run.out.status.code() == Some(0) {
        assert!(run.stdout().contains("x\\u{1b}[31m"), "{}", run.context());
        assert!(
            run.stdout().contains("\\nresult: status=optimal"),
            "{}",
            run.context()
        );
    } else {
        run.expect_code(2);
    }

    // A label with control characters is refused by the reader (its message escapes them); one
    // with invisible characters only (a right-to-left override, a zero-width space) is shown
    // escaped in the summary on stdout and in summary.md.
    for (label, shown) in [
        (HOSTILE, None),
        ("fw\u{202e}x\u{200b}y", Some("fw\\u{202e}x\\u{200b}y")),
    ] {
        let families = format!(
            "id,service,weekly_hours,location,remote_max_share\nF001,\"{label}\",30,U1,0\n"
        );
        std::fs::write(d.join("plan/families.csv"), families).unwrap();
        let run = caseload(d, &["plan", "plan", "--out", "o", "--time-limit", "1"]);
        if run.out.status.code() == Some(0) {
            assert_printable(&run, 1);
            let shown = shown.expect("a label with control characters is refused");
            assert!(run.stdout().contains(shown), "{}", run.context());
            assert!(read(&d.join("o/summary.md")).contains(shown));
        } else {
            run.expect_code(2);
            assert_printable(&run, 0);
        }
    }

    // An id that a shortfall reason names, through capacity's answer.
    std::fs::write(
        d.join("plan/families.csv"),
        "id,service,weekly_hours,location,remote_max_share\nF001,family_work,2,U1,0\n",
    )
    .unwrap();
    std::fs::write(
        d.join("plan/workers.csv"),
        format!(
            "id,name,contract_hours,capacity_hours,available,base\n\"W{}1\",\"{}\",38.25,10,Mon-Fri 08:00-16:00,U1\n",
            "\u{200b}", "A\u{202e}B"
        ),
    )
    .unwrap();
    let run = caseload(
        d,
        &[
            "capacity",
            "plan",
            "--like",
            "F001",
            "--max",
            "8",
            "--out",
            "c",
            "--time-limit",
            "1",
            "--jobs",
            "1",
        ],
    );
    if run.out.status.code() == Some(0) {
        assert_printable(&run, 1);
        assert!(
            run.stdout().contains("W\\u{200b}1 at weekly capacity"),
            "{}",
            run.context()
        );
    } else {
        run.expect_code(2);
        assert_printable(&run, 0);
    }
}

// ---- work and memory bounded by the input: a very large team week ----

/// 20 000 families on four workers (a legal plan, far beyond a team): `plan` keeps to its time
/// limit within seconds and a bounded memory (the search's neighbour lists and the MIP's model
/// were quadratic in the families: 30 000 took 34 s and 7 GB at `--time-limit 1`).
#[test]
fn a_huge_week_is_planned_in_bounded_time_and_memory() {
    let dir = generated();
    let d = dir.path();
    let mut families = read(&d.join("plan/families.csv"));
    for i in 0..20_000 {
        families.push_str(&format!(
            "G{i:06},family_work,1,L001,,1,1,60-60,15-15,,0,1,W01,,\n"
        ));
    }
    std::fs::write(d.join("plan/families.csv"), families).unwrap();
    let (run, secs) = common::caseload_within_memory(
        d,
        2_097_152,
        &[
            "plan",
            "plan",
            "--out",
            "out",
            "--time-limit",
            "1",
            "--quiet",
        ],
    );
    run.expect_code(0);
    assert!(secs < 60.0, "plan took {secs:.1} s at --time-limit 1");
}
