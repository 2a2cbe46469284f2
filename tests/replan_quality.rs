//! The least change, against a clock (the quality step: `cargo test --release --features
//! quality --test optimizer --test weights --test replan_quality`): after a sick call on
//! Wednesday at noon, `replan` changes strictly fewer rows after the moment than a plan from
//! scratch; and `--previous` on an unchanged week puts at least 80 % of last week's visits at
//! their weekday, start hour and worker.

mod common;

use caseload::model::{Activity, ActivityKind};
use caseload::report::changes::changes;
use caseload::solve::replan::{prepare, rhythm};
use caseload::solve::{plan, plan_warm};
use common::replan::{WEDNESDAY_NOON, after, sick_from_wednesday_noon, week};
use std::collections::BTreeSet;

#[test]
fn a_replan_changes_fewer_rows_than_a_plan_from_scratch() {
    for seed in [1, 2] {
        let p0 = caseload::solve::week(week(seed, 4.0));
        let previous = plan(&p0).roster;
        let mut p = p0.clone();
        sick_from_wednesday_noon(&mut p, &previous);
        let scratch = plan(&p).roster;
        let Ok(warm) = prepare(&mut p, &previous, WEDNESDAY_NOON) else {
            panic!("seed {seed}: the past holds");
        };
        let replanned = plan_warm(&p, warm, &|_| {}).roster;
        let (now, fresh) = (
            changes(
                &after(&previous, WEDNESDAY_NOON),
                &after(&replanned, WEDNESDAY_NOON),
            )
            .len(),
            changes(
                &after(&previous, WEDNESDAY_NOON),
                &after(&scratch, WEDNESDAY_NOON),
            )
            .len(),
        );
        eprintln!("seed {seed}: replan changes {now} rows, a plan from scratch {fresh}");
        assert!(now < fresh, "seed {seed}: replan {now}, scratch {fresh}");
    }
}

#[test]
fn previous_keeps_last_weeks_rhythm_on_an_unchanged_week() {
    for seed in [1, 2] {
        let p0 = caseload::solve::week(week(seed, 4.0));
        let last = plan(&p0).roster;
        let mut p = p0.clone();
        let warm = rhythm(&mut p, &last);
        assert!(warm.is_some(), "seed {seed}: last week carries over");
        let this = plan_warm(&p, warm, &|_| {}).roster;
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
