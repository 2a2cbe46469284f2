//! The least change, against a clock (the quality step: `cargo test --release --features
//! quality --test optimizer --test weights --test replan_quality`): after a sick call on
//! Wednesday at noon, `replan` changes strictly fewer rows after the moment than a plan from
//! scratch; and `--previous` on an unchanged week puts at least 80 % of last week's visits at
//! their weekday, start hour and worker.

use caseload::generate::{GenOptions, generate};
use caseload::model::{
    Activity, ActivityKind, AvailabilityException, ExceptionKind, Interval, Moment, Problem, Roster,
};
use caseload::report::changes::changes;
use caseload::solve::replan::{prepare, rhythm};
use caseload::solve::{plan, plan_warm};
use std::collections::BTreeSet;

const WEDNESDAY_NOON: Moment = Moment {
    day: 2,
    minute: 12 * 60,
};

fn week(seed: u64) -> Problem {
    let mut p = generate(&GenOptions::new(8, 22, seed));
    p.settings.time_limit_seconds = 4.0;
    p
}

fn after(r: &Roster) -> Vec<Activity> {
    r.activities
        .iter()
        .filter(|a| !WEDNESDAY_NOON.is_later_than(a.day, a.span.start))
        .copied()
        .collect()
}

/// The busiest worker after noon is ill from the end of Wednesday's morning work.
fn sick(p: &mut Problem, r: &Roster) {
    // The busiest after noon among workers who visit no family that had a remote session
    // before noon: such a session needs the in-person hours the sick worker was to give, and
    // when nobody else can give them no roster of the week obeys the cap (replan's E048).
    let remote_before: std::collections::BTreeSet<Option<usize>> = r
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Remote && (a.day, a.span.start) < (2, 12 * 60))
        .map(|a| a.family)
        .collect();
    let w = (0..p.workers.len())
        .filter(|&w| {
            !r.activities.iter().any(|a| {
                a.worker == w
                    && (a.day, a.span.start) >= (2, 12 * 60)
                    && a.kind.is_client()
                    && remote_before.contains(&a.family)
            })
        })
        .max_by_key(|&w| {
            r.activities
                .iter()
                .filter(|a| a.worker == w && a.day >= 2 && a.kind.is_client())
                .count()
        })
        .unwrap();
    let home = p.workers[w].base;
    let back = r
        .activities
        .iter()
        .filter(|a| a.worker == w && a.day == 2 && a.span.start < 14 * 60)
        .map(|a| a.span.end.max(12 * 60) + a.location.map_or(0, |l| p.travel.minutes(l, home)))
        .max()
        .unwrap_or(0)
        .max(14 * 60)
        + p.settings.break_minutes;
    p.exceptions.push(AvailabilityException {
        worker: w,
        day: 2,
        span: Some(Interval::new(back, 1440)),
        kind: ExceptionKind::Absent,
    });
    for day in 3..7 {
        p.exceptions.push(AvailabilityException {
            worker: w,
            day,
            span: None,
            kind: ExceptionKind::Absent,
        });
    }
    p.rebuild_derived();
}

#[test]
fn a_replan_changes_fewer_rows_than_a_plan_from_scratch() {
    for seed in [1, 2] {
        let p0 = week(seed);
        let (previous, _) = plan(&p0);
        let mut p = p0.clone();
        sick(&mut p, &previous);
        let (scratch, _) = plan(&p);
        let Ok(warm) = prepare(&mut p, &previous, WEDNESDAY_NOON) else {
            panic!("seed {seed}: the past holds");
        };
        let (replanned, _) = plan_warm(&p, warm, &|_| {});
        let (now, fresh) = (
            changes(&after(&previous), &after(&replanned)).len(),
            changes(&after(&previous), &after(&scratch)).len(),
        );
        eprintln!("seed {seed}: replan changes {now} rows, a plan from scratch {fresh}");
        assert!(now < fresh, "seed {seed}: replan {now}, scratch {fresh}");
    }
}

#[test]
fn previous_keeps_last_weeks_rhythm_on_an_unchanged_week() {
    for seed in [1, 2] {
        let p0 = week(seed);
        let (last, _) = plan(&p0);
        let mut p = p0.clone();
        let warm = rhythm(&mut p, &last);
        assert!(warm.is_some(), "seed {seed}: last week carries over");
        let (this, _) = plan_warm(&p, warm, &|_| {});
        assert!(caseload::check::check_roster(&p, &this).is_empty());
        let key = |a: &Activity| (a.family, a.day, a.span.start / 60, a.worker);
        let now: BTreeSet<_> = this
            .activities
            .iter()
            .filter(|a| a.kind.is_visit())
            .map(key)
            .collect();
        let visits: Vec<_> = last
            .activities
            .iter()
            .filter(|a| a.kind.is_visit() && a.kind != ActivityKind::Remote)
            .collect();
        let same = visits.iter().filter(|a| now.contains(&key(a))).count();
        eprintln!("seed {seed}: {same} of {} visits kept", visits.len());
        assert!(
            same * 10 >= visits.len() * 8,
            "seed {seed}: {same} of {} visits kept",
            visits.len()
        );
    }
}
