//! Reports of a hand-made week (no planner): hours of a worker are the union of their rows, so
//! two supported meetings at once are counted and paid once, and a break row is shown in
//! roster.csv but neither counted nor paid. With `CASELOAD_PY_CHECKER` set to the path of the
//! independent `check_roster.py`, the written folder is also run through it.

mod common;

use caseload::check::{check_reports, check_roster};
use caseload::io::load_plan;
use caseload::io::output::CsvStyle;
use caseload::model::{Activity, ActivityKind, Interval, Roster, SolveInfo};

const LOCATIONS: &str = "\
id,name,lat,lon
U1,Office,66.5030,25.7290
LA,Home A,66.5100,25.7000
LB,Home B,66.4800,25.7500
";
const TRAVEL: &str = "from,to,minutes\nU1,LA,20\nU1,LB,30\nLA,LB,15\n";
const WORKERS: &str = "\
id,name,skills,contract_hours,available,base
W1,Anna,,38.25,Mon-Sun 06:00-22:00,U1
";
const FAMILIES: &str = "\
id,service,weekly_hours,location,min_visits
FA,family_work,10,LA,0
FB,family_work,10,LB,0
";
const ROOMS: &str = "id,name,location,available\nR1,Room 1,U1,\nR2,Room 2,U1,\n";
const MEETINGS: &str = "\
id,family_id,kind,date,start,end,room,staff
M1,FA,supported,2026-11-30,10:00,12:00,R1,1
M2,FB,supported,2026-11-30,10:30,12:30,R2,1
";

fn plan() -> tempfile::TempDir {
    common::plan_of(&[
        ("plan.toml", common::PLAN_TOML),
        ("locations.csv", LOCATIONS),
        ("travel.csv", TRAVEL),
        ("workers.csv", WORKERS),
        ("families.csv", FAMILIES),
        ("rooms.csv", ROOMS),
        ("meetings.csv", MEETINGS),
    ])
}

fn hm(s: &str) -> u32 {
    let (h, m) = s.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

/// Monday: M1 and M2 at once (10:00–12:30, 2.5 h). Tuesday: FA 08:20–11:20, a break at the
/// office 11:40–12:10, FB 12:40–15:40 (7.67 h of activity, 8.17 h from first to last).
fn week(p: &caseload::model::Week) -> Roster {
    let loc = |id: &str| p.locations.iter().position(|l| l.id == id).unwrap();
    let row = |day, start, end, kind, at: &str| Activity {
        day,
        span: Interval::new(hm(start), hm(end)),
        worker: 0,
        kind,
        family: None,
        meeting: None,
        partner: None,
        room: None,
        location: Some(loc(at)),
    };
    let meeting = |m: usize| Activity {
        meeting: Some(m),
        room: Some(m),
        ..row(0, "10:00", "12:00", ActivityKind::Supported, "U1")
    };
    let (m1, mut m2) = (meeting(0), meeting(1));
    m2.span = Interval::new(hm("10:30"), hm("12:30"));
    let visit = |start, end, f: usize, at| Activity {
        family: Some(f),
        ..row(1, start, end, ActivityKind::HomeVisit, at)
    };
    use ActivityKind::{Break, Travel};
    let mut r = Roster {
        activities: vec![
            m1,
            m2,
            row(1, "08:00", "08:20", Travel, "LA"),
            visit("08:20", "11:20", 0, "LA"),
            row(1, "11:20", "11:40", Travel, "U1"),
            row(1, "11:40", "12:10", Break, "U1"),
            row(1, "12:10", "12:40", Travel, "LB"),
            visit("12:40", "15:40", 1, "LB"),
            row(1, "15:40", "16:10", Travel, "U1"),
        ],
    };
    r.sort();
    r
}

fn csv(t: &caseload::model::table::DataTable) -> String {
    String::from_utf8(CsvStyle { finnish: false }.render(t)).unwrap()
}

fn info() -> SolveInfo {
    SolveInfo {
        method: "by hand".into(),
        objective: Some(10.0),
        bound: Some(8.0),
        mip_gap: 0.01,
        restricted: false,
        bound_from_routes: false,
        by_office: None,
        seconds: 0.0,
        evaluated: false,
    }
}

#[test]
fn concurrent_supported_meetings_count_once_and_a_break_is_shown_but_not_paid() {
    let dir = plan();
    let p = caseload::model::Week::new(load_plan(dir.path()).expect("fixture is valid"));
    let r = week(&p);
    let v = check_roster(&p, &r);
    assert!(v.is_empty(), "{v:?}");
    let rep = caseload::report::build(
        &p,
        &caseload::solve::pins::plan_of(&p, r.clone(), info().clone()),
    );
    let v = check_reports(&p, &r, &rep.coverage, &rep.utilization, &rep.payroll);
    assert!(v.is_empty(), "{v:?}");

    let payroll = csv(&rep.payroll);
    assert_eq!(
        payroll.lines().collect::<Vec<_>>(),
        [
            "worker_id,date,pay_code,hours",
            "W1,2026-11-30,REG,2.50", // 10:00–12:30, not 4 h
            "W1,2026-12-01,REG,7.67", // the 30-minute break unpaid
        ]
    );
    let util = csv(&rep.utilization);
    let w1 = util.lines().nth(1).unwrap();
    // planned = client 6 + meetings 2.5 + travel 1.67; the break counts nowhere.
    assert_eq!(
        w1, "W1,38.25,38.25,10.17,6.00,2.50,1.67,0.27,0.00,2",
        "{util}"
    );

    let roster = csv(&rep.roster);
    let tuesday: Vec<&str> = roster
        .lines()
        .filter(|l| l.starts_with("2026-12-01"))
        .collect();
    assert_eq!(
        tuesday[2..5],
        [
            "2026-12-01,11:20,11:40,W1,travel,,,,,U1,",
            "2026-12-01,11:40,12:10,W1,break,,,,,U1,",
            "2026-12-01,12:10,12:40,W1,travel,,,,,LB,",
        ]
    );
    let coverage = csv(&rep.coverage);
    assert!(
        coverage
            .lines()
            .any(|l| l.starts_with("FA,family_work,10.00,3.00,0.00,3.00,")),
        "{coverage}"
    );
    assert!(
        rep.summary
            .contains("result: status=best_found objective=10.00 bound=8.00 gap=0.2000 ")
    );

    if let Ok(checker) = std::env::var("CASELOAD_PY_CHECKER") {
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        for t in [
            &rep.roster,
            &rep.coverage,
            &rep.meetings,
            &rep.utilization,
            &rep.payroll,
        ] {
            std::fs::write(out.join(t.file), csv(t)).unwrap();
        }
        let run = std::process::Command::new("python3")
            .arg(checker)
            .arg(dir.path())
            .arg(&out)
            .output()
            .expect("python3 runs");
        let text = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success() && text.contains(" 0 failed"), "{text}");
    }
}
