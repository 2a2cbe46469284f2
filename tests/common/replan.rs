//! A sick call on Wednesday for the re-plan tests (`tests/replan.rs`, `tests/replan_quality.rs`).

use caseload::generate::{GenOptions, generate};
use caseload::model::{
    Activity, ActivityKind, AvailabilityException, ExceptionKind, Interval, Moment, Problem, Roster,
};

pub const WEDNESDAY_NOON: Moment = Moment {
    day: 2,
    minute: 12 * 60,
};

/// A generated 8 × 22 week planned within `seconds`, without remote work: which worker can
/// fall ill without leaving the past's remote sessions unbacked depended on how far a 2-s
/// search got under load (CI failed on it); the remote cap after a sick call is tested apart.
pub fn week(seed: u64, seconds: f64) -> Problem {
    let mut p = generate(&GenOptions::new(8, 22, seed));
    p.settings.time_limit_seconds = seconds;
    p.settings.remote_max_share = 0.0;
    for f in &mut p.families {
        f.remote_max_share = None;
    }
    for h in &mut p.history {
        h.remote_hours = 0.0;
    }
    p.rebuild_derived();
    p
}

/// The busiest worker falls ill at noon on Wednesday for the rest of the week.
pub fn sick_from_wednesday_noon(p: &mut Problem, r: &Roster) -> usize {
    // The busiest after noon among workers whose absence leaves every family's past remote
    // sessions backed by the in-person hours the others still give (kept rows): when a
    // family's remote hours before noon need the sick worker's visits and nobody else can
    // give them, no roster of the week obeys the cap (replan's E048, tested apart).
    let noon = |a: &Activity| (a.day, a.span.start) < (2, 12 * 60);
    let backed_without = |w: usize| {
        (0..p.families.len()).all(|f| {
            let rows = r
                .activities
                .iter()
                .filter(|a| a.family == Some(f) && a.kind.is_client());
            let remote_past: f64 = rows
                .clone()
                .filter(|a| a.kind == ActivityKind::Remote && noon(a))
                .map(|a| a.hours())
                .sum();
            if remote_past == 0.0 {
                return true;
            }
            let kept_in_person: f64 = rows
                .filter(|a| a.kind != ActivityKind::Remote && (noon(a) || a.worker != w))
                .map(|a| a.hours())
                .sum();
            let h = p.history_hours(f);
            let (hi, hr) = (h.in_person, h.remote);
            let cap = p.remote_cap(f);
            remote_past + hr <= cap * (kept_in_person + hi + remote_past + hr) + 0.005
        })
    };
    let w = (0..p.workers.len())
        .filter(|&w| backed_without(w))
        .max_by_key(|&w| {
            r.activities
                .iter()
                .filter(|a| a.worker == w && a.day >= 2 && a.kind.is_client())
                .count()
        })
        .unwrap();
    // Ill from noon, or from when the morning's last visit and the way back to the office end
    // (a worker at a visit at noon finishes it: otherwise the past no longer holds, which
    // `tests/replan.rs`' `an_absence_over_a_kept_row_is_named` covers).
    // (and the visit the worker was driving to at noon).
    let mut day: Vec<&Activity> = r
        .activities
        .iter()
        .filter(|a| a.worker == w && a.day == 2)
        .collect();
    day.sort_by_key(|a| (a.span.start, a.kind != ActivityKind::Travel));
    let on_the_way = day.windows(2).find_map(|x| {
        (x[0].kind == ActivityKind::Travel
            && x[0].span.start < 12 * 60
            && x[1].span.start >= 12 * 60)
            .then_some(x[1])
    });
    let morning = day
        .iter()
        .copied()
        .filter(|a| a.span.start < 12 * 60)
        .chain(on_the_way);
    let home = p.workers[w].base;
    // The way back starts at noon at the earliest (it had not started then).
    let back = morning
        .map(|a| a.span.end.max(12 * 60) + a.location.map_or(0, |l| p.travel.minutes(l, home)))
        .max()
        .unwrap_or(0)
        .max(12 * 60)
        // (and a break before the way back, when the morning was long)
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
    w
}

/// The rows of `r` that start at or after `m`.
pub fn after(r: &Roster, m: Moment) -> Vec<Activity> {
    r.activities
        .iter()
        .filter(|a| !m.is_later_than(a.day, a.span.start))
        .copied()
        .collect()
}
