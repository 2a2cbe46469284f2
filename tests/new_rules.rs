//! The rules added to SPEC rules 4 and 7 in the planner: at most `max_visits_per_day` visits of
//! a family a day, at least 60 minutes apart, one remote session a family and day, never at the
//! family's home; a `break` in every day of more than `break_after_hours` of activity, between
//! two activities, with no stretch of activity longer than the limit without a pause.
//!
//! Every roster goes through the independent checker `check::check_roster`, which owns these
//! rules as `4-break` and `7-per-day`.

mod common;

use caseload::io::load_plan;
use caseload::model::{Activity, ActivityKind, Interval, Roster, Week};
use caseload::solve::state::WeekState;

const LOCATIONS: &str = "\
id,name,lat,lon
U1,Office,66.5030,25.7290
L1,Home 1,66.5100,25.7000
L2,Far home,66.9730,25.7290
";

fn plan(plan_toml: &str, workers: &str, families: &str) -> Week {
    let dir = common::plan_of(&[
        ("plan.toml", plan_toml),
        ("locations.csv", LOCATIONS),
        ("workers.csv", workers),
        ("families.csv", families),
    ]);
    Week::new(load_plan(dir.path()).expect("the test plan is valid"))
}

const ONE_WORKER_MONDAY: &str = "\
id,name,contract_hours,available,base
W01,Anna,38.25,Mon 08:00-16:00,U1
";

const FAMILY_HEAD: &str = "id,service,weekly_hours,location,min_visits,max_visits,visit_minutes,remote_minutes,remote_max_share,max_visits_per_day\n";

fn visits(r: &Roster) -> Vec<&Activity> {
    r.activities.iter().filter(|a| a.kind.is_visit()).collect()
}

/// Merged spans of the activity (not break) rows of a day.
fn merged(day: &[Activity]) -> Vec<Interval> {
    let mut spans: Vec<Interval> = day
        .iter()
        .filter(|a| a.kind != ActivityKind::Break)
        .map(|a| a.span)
        .collect();
    spans.sort();
    let mut out: Vec<Interval> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(l) if s.start <= l.end => l.end = l.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Every rule, the new ones included, by the independent checker.
fn assert_new_rules(p: &caseload::model::Week, r: &Roster) {
    let v = caseload::check::check_roster(p, r);
    assert!(v.is_empty(), "{v:#?}");
}

fn visit(p: &caseload::model::Week, f: usize, start: u32, end: u32) -> Activity {
    Activity {
        day: 0,
        span: Interval::new(start, end),
        worker: 0,
        kind: ActivityKind::HomeVisit,
        family: Some(f),
        meeting: None,
        partner: None,
        room: None,
        location: Some(p.families[f].location),
    }
}

#[test]
fn two_visits_a_day_are_refused_by_default_and_allowed_60_minutes_apart_with_two() {
    for (per_day, want) in [("", 1), ("2", 2)] {
        let families = format!("{FAMILY_HEAD}F1,family_work,4,L1,2,2,60-120,15-60,0,{per_day}\n");
        let p = plan("week = \"2026-W49\"\n", ONE_WORKER_MONDAY, &families);
        let r = caseload::solve::baseline::baseline(&p);
        assert_eq!(visits(&r).len(), want, "max_visits_per_day {per_day:?}");
        assert_new_rules(&p, &r);

        // The same, one row at a time through the week state.
        let mut st = WeekState::new(&p);
        let first = visit(&p, 0, 9 * 60, 10 * 60);
        let plan = st.try_add(0, 0, &[first]).expect("the first visit fits");
        st.commit(plan, &[first]);
        let close = visit(&p, 0, 10 * 60 + 30, 11 * 60 + 30);
        assert!(st.try_add(0, 0, &[close]).is_none(), "30 min apart");
        let apart = visit(&p, 0, 11 * 60, 12 * 60);
        assert_eq!(
            st.try_add(0, 0, &[apart]).is_some(),
            want == 2,
            "60 min apart"
        );
    }
}

#[test]
fn a_family_gets_one_remote_session_a_day_and_none_at_its_home() {
    let families = format!(
        "{FAMILY_HEAD}F1,family_work,2,L1,0,0,60-120,15-60,1,\nF2,family_work,2,U1,0,0,60-120,15-60,1,\n"
    );
    let p = plan("week = \"2026-W49\"\n", ONE_WORKER_MONDAY, &families);
    let r = caseload::solve::baseline::baseline(&p);
    assert_new_rules(&p, &r);
    let remote = |f: usize| {
        r.activities
            .iter()
            .filter(|a| a.kind == ActivityKind::Remote && a.family == Some(f))
            .count()
    };
    // No visits allowed: F1 gets one session (the rest of its hours are left short, not split
    // into more sessions).
    assert_eq!(remote(0), 1, "{:#?}", r.activities);
    // F2 lives at the office, where the worker is all day: no remote session for it at all.
    assert_eq!(remote(1), 0, "{:#?}", r.activities);

    let mut st = WeekState::new(&p);
    let session = |start: u32| Activity {
        kind: ActivityKind::Remote,
        location: None,
        ..visit(&p, 0, start, start + 30)
    };
    let plan = st.try_add(0, 0, &[session(9 * 60)]).expect("fits");
    st.commit(plan, &[session(9 * 60)]);
    assert!(st.try_add(0, 0, &[session(13 * 60)]).is_none());
}

const LONG_DAY_WORKER: &str = "\
id,name,contract_hours,available,base
W01,Anna,38.25,Mon 07:00-18:00,U1
";

/// Three families at the office, three hours each, one worker on one day: nine hours of work
/// with no travel, so the day needs a break.
fn long_day(plan_toml: &str) -> Week {
    let families = format!(
        "{FAMILY_HEAD}F1,family_work,3,U1,1,1,60-180,15-60,0,\nF2,family_work,3,U1,1,1,60-180,15-60,0,\nF3,family_work,3,U1,1,1,60-180,15-60,0,\n"
    );
    plan(plan_toml, LONG_DAY_WORKER, &families)
}

#[test]
fn a_long_day_gets_a_break_between_activities_and_no_stretch_over_the_limit() {
    let p = long_day("week = \"2026-W49\"\n");
    let r = caseload::solve::baseline::baseline(&p);
    let delivered: u32 = visits(&r).iter().map(|a| a.minutes()).sum();
    assert_eq!(delivered, 9 * 60, "{:#?}", r.activities);
    let breaks: Vec<&Activity> = r
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Break)
        .collect();
    assert_eq!(breaks.len(), 1, "{:#?}", r.activities);
    assert!(breaks[0].minutes() >= 30);
    assert_eq!(breaks[0].location, Some(p.workers[0].base));
    assert_new_rules(&p, &r);
    let v = caseload::check::check_roster(&p, &r);
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn a_far_visit_pauses_on_the_way_when_the_day_has_no_gap() {
    // Home L2 is about 100 minutes away: the way there, a three-hour visit and the way back make
    // one stretch of more than six hours unless the worker pauses on the way.
    let families = format!("{FAMILY_HEAD}F1,family_work,3,L2,1,1,180-180,15-60,0,\n");
    let p = plan("week = \"2026-W49\"\n", LONG_DAY_WORKER, &families);
    let r = caseload::solve::baseline::baseline(&p);
    assert_eq!(visits(&r).len(), 1, "{:#?}", r.activities);
    assert!(
        r.activities.iter().any(|a| a.kind == ActivityKind::Break),
        "{:#?}",
        r.activities
    );
    assert_new_rules(&p, &r);
    let v = caseload::check::check_roster(&p, &r);
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn break_after_hours_0_gives_no_breaks() {
    let p = long_day("week = \"2026-W49\"\nbreak_after_hours = 0\n");
    let r = caseload::solve::baseline::baseline(&p);
    let delivered: u32 = visits(&r).iter().map(|a| a.minutes()).sum();
    assert_eq!(delivered, 9 * 60);
    assert!(r.activities.iter().all(|a| a.kind != ActivityKind::Break));
    // Without the rule, nothing forces a pause: the greedy packs the visits back to back.
    let longest = merged(&r.activities).iter().map(Interval::minutes).max();
    assert_eq!(longest, Some(9 * 60), "{:#?}", r.activities);
}

#[test]
fn on_the_example_no_family_gets_two_visits_a_day_and_long_days_have_breaks() {
    let mut p = caseload::model::Week::new(
        load_plan(std::path::Path::new("data/example")).expect("example"),
    );
    p.settings.time_limit_seconds = 3.0;
    let r = caseload::solve::plan(&p).roster;
    assert_new_rules(&p, &r);
    let greedy = caseload::solve::baseline::baseline(&p);
    assert_new_rules(&p, &greedy);
}

#[test]
fn a_shortfall_from_one_visit_a_day_says_so() {
    let families = format!("{FAMILY_HEAD}F1,family_work,4,L1,2,2,60-120,15-60,0,\n");
    let p = plan("week = \"2026-W49\"\n", ONE_WORKER_MONDAY, &families);
    let r = caseload::solve::baseline::baseline(&p);
    let rows = caseload::report::coverage::family_rows(&p, &r);
    assert!(rows[0].shortfall_hours > 1.0);
    assert!(
        rows[0]
            .reason
            .contains("at most 1 visit a day and only 1 day with a common window (Mon)"),
        "{}",
        rows[0].reason
    );
}

/// The polishing move: a family short by one grid step whose only visit cannot grow in place
/// (the next visit of the worker's day follows at once) gets it once the day is re-timed.
#[test]
fn a_short_family_grows_its_visit_when_the_day_is_re_timed() {
    let families = format!(
        "{FAMILY_HEAD}F1,work,2.25,L1,1,1,60-180,15-60,0,1\nF2,work,1,L1,1,1,60-60,15-60,0,1\n"
    );
    let p = plan(common::PLAN_TOML, ONE_WORKER_MONDAY, &families);
    let start = WeekState::from_activities(
        &p,
        &[
            visit(&p, 0, 9 * 60, 11 * 60),
            visit(&p, 1, 11 * 60, 12 * 60),
        ],
    )
    .expect("the two visits fit")
    .into_roster();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let (r, _) = caseload::solve::improve::improve(&p, start, 0, deadline, |_, _| {});
    assert_new_rules(&p, &r);
    let got: Vec<(usize, u32, u32)> = visits(&r)
        .iter()
        .map(|a| (a.family.unwrap(), a.span.start, a.span.end))
        .collect();
    // F1 135 minutes from the earliest start the travel allows, F2 right after it.
    let first = got[0].1;
    assert!(first < 9 * 60, "{got:?}");
    assert_eq!(
        got,
        [(0, first, first + 135), (1, first + 135, first + 195)]
    );
}

/// A remote session of family `f` by worker 0 on Monday.
fn remote(f: usize, start: u32, end: u32) -> Activity {
    Activity {
        day: 0,
        span: Interval::new(start, end),
        worker: 0,
        kind: ActivityKind::Remote,
        family: Some(f),
        meeting: None,
        partner: None,
        room: None,
        location: None,
    }
}

/// The feasibility check's answer for adding `new` to a week that holds `booked` (all worker 0),
/// on a plan of one worker (`worker_line`) and three families: F1 and F2 at L1 (remote work
/// not capped), F3 at the far L2 (2 hours a week, at most 20 % remote).
fn check(
    plan_toml: &str,
    worker_line: &str,
    booked: &dyn Fn(&Week) -> Vec<Activity>,
    new: &dyn Fn(&Week) -> Activity,
) -> Result<(), caseload::solve::rejection::Rejection> {
    let workers = format!("id,name,contract_hours,capacity_hours,available,base\n{worker_line}\n");
    let families = format!(
        "{FAMILY_HEAD}F1,work,20,L1,1,5,15-600,15-60,1.0,2\nF2,work,20,L1,1,5,15-600,15-60,1.0,1\nF3,work,2,L2,1,5,15-600,15-60,0.2,1\n"
    );
    let p = plan(plan_toml, &workers, &families);
    let mut st = WeekState::new(&p);
    for a in booked(&p) {
        let plan = st
            .check_add(a.worker, a.day, &[a])
            .expect("booked rows fit");
        st.commit(plan, &[a]);
    }
    let a = new(&p);
    st.check_add(a.worker, a.day, &[a]).map(|_| ())
}

type Booked = Box<dyn Fn(&Week) -> Vec<Activity>>;
type New = Box<dyn Fn(&Week) -> Activity>;

/// A change to a tiny week and the feasibility check's expected answer.
struct Case {
    what: &'static str,
    want: Result<(), caseload::solve::rejection::Rejection>,
    toml: &'static str,
    worker: &'static str,
    booked: Booked,
    new: New,
}

fn case(
    what: &'static str,
    want: Result<(), caseload::solve::rejection::Rejection>,
    toml: &'static str,
    worker: &'static str,
    booked: Booked,
    new: New,
) -> Case {
    Case {
        what,
        want,
        toml,
        worker,
        booked,
        new,
    }
}

/// One case per rejection of the planner's feasibility check: the change it refuses and the
/// rule it names; and the change it allows.
#[test]
fn the_feasibility_check_names_the_rule_each_change_breaks() {
    use caseload::solve::rejection::Rejection::*;
    const WEEK: &str = "week = \"2026-W49\"\n";
    const SAME_DAY: &str = "week = \"2026-W49\"\nremote_on_visit_days = true\n";
    const DAY: &str = "W01,Anna,38.25,38.25,Mon 08:00-16:00,U1";
    let h = |hh: u32| hh * 60;
    let none = |_: &Week| Vec::new();
    let cases = vec![
        case(
            "a visit inside the day",
            Ok(()),
            WEEK,
            DAY,
            Box::new(none),
            Box::new(move |p| visit(p, 0, h(9), h(10))),
        ),
        case(
            "after the working hours",
            Err(Window),
            WEEK,
            DAY,
            Box::new(none),
            Box::new(move |p| visit(p, 0, h(17), h(18))),
        ),
        case(
            "two visits at once",
            Err(Overlap),
            WEEK,
            DAY,
            Box::new(move |p| vec![visit(p, 0, h(9), h(10))]),
            Box::new(move |p| visit(p, 1, h(9) + 30, h(10) + 30)),
        ),
        case(
            "no time to drive to the far home",
            Err(Travel),
            WEEK,
            DAY,
            Box::new(move |p| vec![visit(p, 0, h(9), h(10))]),
            Box::new(move |p| visit(p, 2, h(10), h(11))),
        ),
        case(
            "a remote session on the road",
            Err(RemoteWhileTravelling),
            WEEK,
            DAY,
            Box::new(move |p| vec![visit(p, 2, h(12), h(13))]),
            Box::new(move |_| remote(1, h(11) + 45, h(12))),
        ),
        case(
            "beyond max_daily_hours",
            Err(DailyHours),
            "week = \"2026-W49\"\nmax_daily_hours = 2\n",
            DAY,
            Box::new(none),
            Box::new(move |p| visit(p, 0, h(9), h(11))),
        ),
        case(
            "a long day without room for a break",
            Err(Break),
            WEEK,
            DAY,
            Box::new(none),
            Box::new(move |p| visit(p, 0, h(8) + 15, h(15) + 45)),
        ),
        case(
            "too little rest",
            Err(Rest),
            WEEK,
            "W01,Anna,38.25,38.25,Mon-Tue 06:00-22:00,U1",
            Box::new(move |p| vec![visit(p, 0, h(20), h(21))]),
            Box::new(move |p| Activity {
                day: 1,
                ..visit(p, 1, h(6) + 30, h(7) + 30)
            }),
        ),
        case(
            "beyond the weekly capacity",
            Err(WeeklyCapacity),
            WEEK,
            "W01,Anna,38.25,1,Mon 08:00-16:00,U1",
            Box::new(none),
            Box::new(move |p| visit(p, 0, h(9), h(11))),
        ),
        case(
            "a second visit of a family with one a day",
            Err(VisitsPerDay),
            WEEK,
            DAY,
            Box::new(move |p| vec![visit(p, 1, h(9), h(10))]),
            Box::new(move |p| visit(p, 1, h(13), h(14))),
        ),
        case(
            "a second visit 30 minutes after the first",
            Err(VisitGap),
            WEEK,
            DAY,
            Box::new(move |p| vec![visit(p, 0, h(9), h(10))]),
            Box::new(move |p| visit(p, 0, h(10) + 30, h(11) + 30)),
        ),
        case(
            "a second visit 60 minutes after the first",
            Ok(()),
            WEEK,
            DAY,
            Box::new(move |p| vec![visit(p, 0, h(9), h(10))]),
            Box::new(move |p| visit(p, 0, h(11), h(12))),
        ),
        case(
            "a second remote session",
            Err(RemotePerDay),
            WEEK,
            DAY,
            Box::new(move |_| vec![remote(0, h(9), h(9) + 15)]),
            Box::new(move |_| remote(0, h(11), h(11) + 15)),
        ),
        case(
            "a remote session with no visit to keep it within the cap",
            Err(RemoteCap),
            WEEK,
            DAY,
            Box::new(none),
            Box::new(move |_| remote(2, h(9), h(9) + 15)),
        ),
        case(
            "beyond the family's weekly hours and a quarter",
            Err(Effort),
            WEEK,
            DAY,
            Box::new(none),
            Box::new(move |p| visit(p, 2, h(10), h(12) + 30)),
        ),
        case(
            "a remote session at the family's home (an hour after its visit)",
            Err(RemoteAtHome),
            SAME_DAY,
            DAY,
            Box::new(move |p| vec![visit(p, 1, h(9), h(10)), visit(p, 0, h(12), h(13))]),
            Box::new(move |_| remote(1, h(11), h(11) + 15)),
        ),
        case(
            "a remote session on a day the family has a visit",
            Err(VisitThatDay),
            WEEK,
            DAY,
            Box::new(move |p| vec![visit(p, 1, h(9), h(10))]),
            Box::new(move |_| remote(1, h(14), h(14) + 15)),
        ),
        case(
            "a remote session 30 minutes after the family's visit, both allowed on one day",
            Err(RemoteNearVisit),
            SAME_DAY,
            DAY,
            Box::new(move |p| vec![visit(p, 1, h(9), h(10))]),
            Box::new(move |_| remote(1, h(10) + 30, h(10) + 45)),
        ),
    ];
    for c in cases {
        assert_eq!(
            check(c.toml, c.worker, &*c.booked, &*c.new),
            c.want,
            "{}",
            c.what
        );
    }
}
