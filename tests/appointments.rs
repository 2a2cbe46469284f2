//! Agreed appointments (`appointments.csv`): each lock kind is kept as agreed and counted
//! towards the family's hours; an appointment a rule that cannot move forbids is reported
//! dropped with the rule's words; conflicts go `fixed` before `time` before `worker`, then
//! file order; problems that need no planning are input errors. Every roster goes through the
//! checker, the new rule "appointments kept" included.

mod common;

use caseload::check::{check_roster, rule_appointments};
use caseload::io::load_plan;
use caseload::model::{Activity, ActivityKind, AppointmentStatus, Problem, Roster, Week};

const HEAD: &str = "family_id,date,start,end,kind,worker_id,partner_worker_id,lock\n";

/// The small plan with `rows` as appointments.csv, pinned.
fn plan_with(rows: &str) -> (tempfile::TempDir, Week) {
    let dir = common::small_plan();
    std::fs::write(dir.path().join("appointments.csv"), format!("{HEAD}{rows}")).unwrap();
    let mut p = load_plan(dir.path()).expect("a valid plan");
    p.settings.time_limit_seconds = 1.0;
    (dir, caseload::solve::week(p))
}

/// Plans the week and checks every rule, "appointments kept" included.
fn planned(p: &Week) -> (Roster, Vec<AppointmentStatus>) {
    let plan = caseload::solve::plan(p);
    let mut v = check_roster(p, &plan.roster);
    v.extend(rule_appointments(p, &plan.roster, &plan.statuses));
    assert!(v.is_empty(), "{v:?}");
    (plan.roster, plan.statuses)
}

fn rows_of<'a>(r: &'a Roster, family: &str, p: &Problem) -> Vec<&'a Activity> {
    let f = p.families.iter().position(|x| x.id == family).unwrap();
    r.activities
        .iter()
        .filter(|a| a.family == Some(f) && a.kind.is_client())
        .collect()
}

fn worker(p: &Problem, id: &str) -> usize {
    p.workers.iter().position(|w| w.id == id).unwrap()
}

#[test]
fn a_fixed_appointment_is_kept_exactly_and_counted() {
    // F003 (3 h, needs swedish: only W01) agreed two 90-minute visits with W01: its week.
    let (_d, p) = plan_with(
        "F003,2026-12-01,09:00,10:30,home_visit,W01,,fixed\nF003,2026-12-03,13:00,14:30,home_visit,W01,,\n",
    );
    let (r, status) = planned(&p);
    assert_eq!(status, vec![AppointmentStatus::Kept; 2]);
    let rows = rows_of(&r, "F003", &p);
    let times: Vec<(usize, String, usize)> = rows
        .iter()
        .map(|a| (a.day, a.span.to_string(), a.worker))
        .collect();
    let w01 = worker(&p, "W01");
    assert_eq!(
        times,
        vec![
            (1, "09:00-10:30".to_owned(), w01),
            (3, "13:00-14:30".to_owned(), w01)
        ],
        "the appointments are F003's whole week: they count towards its 3 hours"
    );
}

#[test]
fn a_time_lock_keeps_the_time_and_the_planner_picks_a_qualified_worker() {
    let (_d, p) = plan_with("F003,2026-12-02,10:00,11:00,home_visit,,,time\n");
    let (r, status) = planned(&p);
    assert_eq!(status, vec![AppointmentStatus::Kept]);
    let kept: Vec<_> = rows_of(&r, "F003", &p)
        .into_iter()
        .filter(|a| a.day == 2 && a.span.to_string() == "10:00-11:00")
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].worker, worker(&p, "W01"), "only W01 speaks swedish");
}

#[test]
fn a_worker_lock_keeps_worker_date_and_length_and_the_planner_picks_the_time() {
    let (_d, p) = plan_with("F002,3.12.2026,09:00,11:00,home_visit,W02,,worker\n");
    let (r, status) = planned(&p);
    assert_eq!(status, vec![AppointmentStatus::Kept]);
    let w02 = worker(&p, "W02");
    let kept: Vec<_> = rows_of(&r, "F002", &p)
        .into_iter()
        .filter(|a| a.day == 3 && a.worker == w02 && a.minutes() == 120)
        .collect();
    assert_eq!(kept.len(), 1, "a 2-hour visit by W02 on Thursday");
    // W02 works from 10:00: the agreed 09:00 was only the length.
    assert!(kept[0].span.start >= 10 * 60);
}

#[test]
fn a_joint_appointment_keeps_both_workers() {
    let (_d, p) = plan_with("F002,2026-12-01,12:00,14:00,joint_visit,W02,W01,fixed\n");
    let (r, status) = planned(&p);
    assert_eq!(status, vec![AppointmentStatus::Kept]);
    let joint: Vec<_> = rows_of(&r, "F002", &p)
        .into_iter()
        .filter(|a| a.kind == ActivityKind::JointVisit && a.day == 1 && a.span.start == 12 * 60)
        .map(|a| (a.worker, a.partner))
        .collect();
    let (w1, w2) = (worker(&p, "W01"), worker(&p, "W02"));
    assert_eq!(joint.len(), 2);
    assert!(joint.contains(&(w2, Some(w1))) && joint.contains(&(w1, Some(w2))));
}

#[test]
fn appointments_rules_forbid_are_dropped_with_their_reason() {
    // W03 is absent on Wednesday (availability.csv); W03 is excluded from F002; the week has
    // no 8 December; W01 does not work on Saturday.
    let (_d, p) = plan_with(
        "F001,2026-12-02,09:00,10:00,home_visit,W03,,fixed\n\
         F002,2026-12-01,09:00,10:30,home_visit,W03,,fixed\n\
         F001,2026-12-08,09:00,10:00,home_visit,W01,,fixed\n\
         F001,2026-12-05,10:00,11:00,home_visit,W01,,worker\n",
    );
    let (_r, status) = planned(&p);
    let words: Vec<String> = status.iter().map(AppointmentStatus::render).collect();
    assert_eq!(
        words,
        vec![
            "dropped: W03: outside the worker's working hours",
            "dropped: W03: excluded from the family",
            "dropped: outside the week",
            "dropped: W01 has no working time on that date inside the family's hours",
        ]
    );
}

#[test]
fn conflicts_keep_fixed_before_time_before_worker_then_file_order() {
    // Three appointments want W01 on Tuesday 09:00–10:00; the `time` one is first in the file,
    // the two fixed ones conflict with each other: the first fixed one wins.
    let (_d, p) = plan_with(
        "F003,2026-12-01,09:00,10:00,home_visit,W01,,time\n\
         F001,2026-12-01,09:00,10:00,home_visit,W01,,fixed\n\
         F001,2026-12-01,09:30,10:30,home_visit,W01,,fixed\n",
    );
    let (_r, status) = planned(&p);
    assert_eq!(status[1], AppointmentStatus::Kept);
    // The second fixed one: F001 has its visit of the day already (and W01 is busy).
    assert!(
        matches!(&status[2], AppointmentStatus::Dropped(w) if w.starts_with("W01: ")),
        "{status:?}"
    );
    // The `time` one needs swedish (only W01), who is busy at 09:00.
    assert_eq!(
        status[0],
        AppointmentStatus::Dropped(
            "no qualified worker is free then (W01: the worker is busy then)".to_owned()
        )
    );
}

#[test]
fn a_remote_appointment_the_cap_cannot_back_is_dropped_with_the_reason() {
    // F002's cap is 10 %: a 60-minute call needs 9 in-person hours, and F002 has 5 a week.
    let (_d, p) = plan_with("F002,2026-12-02,12:00,13:00,remote,W02,,fixed\n");
    let (r, status) = planned(&p);
    assert_eq!(
        status,
        vec![AppointmentStatus::Dropped(
            caseload::solve::pins::CAP_DROPPED.to_owned()
        )]
    );
    assert!(
        !rows_of(&r, "F002", &p)
            .iter()
            .any(|a| a.kind == ActivityKind::Remote && a.day == 2 && a.span.start == 12 * 60)
    );
}

#[test]
fn appointments_csv_is_written_with_each_row_as_given_and_its_status() {
    let dir = common::small_plan();
    let rows = "F003,1.12.2026,9.00,10.30,home_visit,W01,,fixed\nF001,2026-12-08,09:00,10:00,home_visit,W01,,\n";
    std::fs::write(dir.path().join("appointments.csv"), format!("{HEAD}{rows}")).unwrap();
    common::caseload(dir.path(), &["plan", ".", "--time-limit", "1"]).expect_code(0);
    let out = std::fs::read_to_string(dir.path().join("out/appointments.csv")).unwrap();
    assert_eq!(
        out,
        "family_id,date,start,end,kind,worker_id,partner_worker_id,lock,status\n\
         F003,1.12.2026,9.00,10.30,home_visit,W01,,fixed,kept\n\
         F001,2026-12-08,09:00,10:00,home_visit,W01,,,dropped: outside the week\n"
    );
}

#[test]
fn problems_that_need_no_planning_are_input_errors_in_one_pass() {
    let dir = common::small_plan();
    let rows = "F009,2026-12-01,09:00,10:00,home_visit,W01,,fixed\n\
                F001,2026-12-01,10:00,09:00,home_visit,W01,,fixed\n\
                F001,2026-12-01,09:00,09:30,home_visit,W01,,fixed\n\
                F001,2026-12-01,09:00,10:00,phone,W01,,fixed\n\
                F001,2026-12-01,09:00,10:00,home_visit,,,fixed\n\
                F002,2026-12-01,09:00,11:00,joint_visit,W02,,worker\n\
                F001,2026-12-01,09:00,10:00,home_visit,W01,,soon\n";
    std::fs::write(dir.path().join("appointments.csv"), format!("{HEAD}{rows}")).unwrap();
    let run = common::caseload(dir.path(), &["check", "."]);
    run.expect_code(2);
    let err = run.stderr();
    for (line, what) in [
        (2, "F009"),
        (3, "end"),
        (4, "visit_minutes 60-180"),
        (5, "phone"),
        (6, "worker_id"),
        (7, "partner_worker_id"),
        (8, "soon"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("appointments.csv:{line}:")) && l.contains(what)),
            "line {line} ({what}) not reported:\n{}",
            run.context()
        );
    }
    assert!(!dir.path().join("out").exists());
}
