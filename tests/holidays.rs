//! Rule 1 with `holidays_off` (issue 26 item 1): nobody works on a public holiday except inside
//! an `extra` row of that date; the summary names each holiday of the week and the hours it
//! removed; a shortfall's reason names the holidays where they bind. Through the built binary
//! on a hand-made Christmas week (2026-W52: Thu 24.12 Christmas Eve, Fri 25.12 Christmas Day,
//! Sat 26.12 Boxing Day).

mod common;

use std::path::Path;

/// One worker Mon–Fri 08:00–16:00, one family 2 km away wanting 20 h in visits of at most three
/// hours, one a day: Mon–Wed hold 9 h; the holidays take Thu and Fri.
fn christmas_week(extra: &str) -> tempfile::TempDir {
    common::plan_of(&[
        ("plan.toml", "week = \"2026-W52\"\n"),
        (
            "locations.csv",
            "id,name,lat,lon\nU1,Office,66.5030,25.7290\nL1,Home 1,66.5200,25.7290\n",
        ),
        (
            "workers.csv",
            "id,name,skills,contract_hours,capacity_hours,available,base,hourly_wage\nW01,Anna K.,,38.25,,Mon-Fri 08:00-16:00,U1,\n",
        ),
        (
            "families.csv",
            "id,service,weekly_hours,location,available,min_visits,max_visits,visit_minutes,remote_minutes,remote_max_share,joint_visits,primary_worker,required_skills,excluded_workers\n\
             F001,family_work,20,L1,,1,5,60-180,15-60,0,0,W01,,\n",
        ),
        (
            "availability.csv",
            &format!("worker_id,date,start,end,kind\n{extra}"),
        ),
        ("rooms.csv", "id,name,location,available\nR1,Room 1,U1,\n"),
        (
            "meetings.csv",
            "id,family_id,kind,date,start,end,room,staff,required_skills\nM001,F001,supervised,2026-12-25,10:00,11:00,,1,\n",
        ),
    ])
}

fn rows_on(out: &Path, date: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(out.join("roster.csv"))
        .expect("roster.csv")
        .lines()
        .skip(1)
        .filter(|l| l.starts_with(date))
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn christmas_is_no_working_day_and_the_summary_says_what_it_took() {
    let dir = christmas_week("");
    let run = common::caseload(
        dir.path(),
        &["plan", ".", "--out", "out", "--time-limit", "5"],
    );
    run.expect_code(0);
    let out = dir.path().join("out");
    for date in ["2026-12-24", "2026-12-25", "2026-12-26"] {
        assert!(
            rows_on(&out, date).is_empty(),
            "{date}: {:?}",
            rows_on(&out, date)
        );
    }
    let stdout = run.stdout();
    for line in [
        "- public holiday Thu 24.12.2026 Christmas Eve: no work but extra rows of the date; 8.00 worker-hours of the weekly patterns removed",
        "- public holiday Fri 25.12.2026 Christmas Day: no work but extra rows of the date; 8.00 worker-hours of the weekly patterns removed",
        "- public holiday Sat 26.12.2026 Boxing Day: no work but extra rows of the date; 0.00 worker-hours of the weekly patterns removed",
    ] {
        assert!(stdout.contains(line), "missing {line:?}\n{}", run.context());
    }
    // Three visits of three hours, Mon–Wed: 11 h short, and the reason names the holidays.
    let coverage = std::fs::read_to_string(out.join("coverage.csv")).unwrap();
    let row = coverage.lines().nth(1).unwrap();
    assert!(row.contains(",9.00,") || row.contains(",9,"), "{row}");
    assert!(
        row.contains(
            "the public holidays Thu 24.12.2026 Christmas Eve, Fri 25.12.2026 Christmas Day are no working day (holidays_off)"
        ),
        "{row}"
    );
    assert!(
        stdout.contains("- M001: no qualified worker works 2026-12-25 10:00-11:00: Fri 25.12.2026 Christmas Day is a public holiday, no working day but its extra rows (holidays_off)"),
        "{}",
        run.context()
    );
    common::caseload(dir.path(), &["evaluate", ".", "--roster", "out/roster.csv"]).expect_code(0);
}

#[test]
fn an_extra_row_opens_a_holiday_and_holidays_off_false_restores_the_pattern() {
    let dir = christmas_week("W01,2026-12-24,09:00,13:00,extra\n");
    common::caseload(
        dir.path(),
        &["plan", ".", "--out", "out", "--time-limit", "5"],
    )
    .expect_code(0);
    let rows = rows_on(&dir.path().join("out"), "2026-12-24");
    assert!(!rows.is_empty(), "the extra row gives Thursday back");
    // date,start,end,...: every row of the day inside 09:00–13:00.
    for r in &rows {
        assert!(
            r[1].as_str() >= "09:00" && r[2].as_str() <= "13:00",
            "{r:?}"
        );
    }
    let dir = christmas_week("");
    common::replace(
        dir.path(),
        "plan.toml",
        "week = \"2026-W52\"\n",
        "week = \"2026-W52\"\nholidays_off = false\n",
    );
    let run = common::caseload(
        dir.path(),
        &["plan", ".", "--out", "out", "--time-limit", "5"],
    );
    run.expect_code(0);
    assert!(!rows_on(&dir.path().join("out"), "2026-12-24").is_empty());
    assert!(run.stdout().contains(
        "- public holiday Thu 24.12.2026 Christmas Eve: planned as a working day (holidays_off = false)"
    ), "{}", run.context());
}
