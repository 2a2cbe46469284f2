//! Re-planning from a moment (`caseload replan`): what the previous roster did before the
//! moment has happened and stays exactly as it was; after it the plan's current data apply
//! (a new absence, a new family) and the objective pays `weights.change` for every activity of
//! the previous roster after the moment that is moved, re-timed, reassigned or removed, so only
//! what must move, moves.
//!
//! The past is every row that starts before the moment, plus the activity a worker is already
//! travelling to at the moment (their travel row started before it). Its rows are pinned (no
//! planner move takes them away, `rules::past` refuses any new row before the moment and
//! `state::keeps_the_past` any change to the day before it); the previous roster's rows after
//! the moment are carried over through the one check as the warm start, so an unchanged week
//! re-plans to itself.

use super::day::check_day;
use super::rejection::Rejection;
use crate::model::{
    Activity, ActivityKind, Moment, Past, Pins, Reference, ReferenceKind, Roster, Week,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A row of the previous roster before the moment that the plan's current data forbid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastConflict {
    /// Index of the row in the previous roster's activities.
    pub row: usize,
    /// Why, in a team lead's words.
    pub why: String,
}

/// Indices of the previous roster's rows that make the past: those starting before the moment,
/// and the activity each worker is already on the way to.
fn past_rows(previous: &Roster, moment: Moment) -> BTreeSet<usize> {
    let acts = &previous.activities;
    let mut past: BTreeSet<usize> = (0..acts.len())
        .filter(|&i| moment.is_later_than(acts[i].day, acts[i].span.start))
        .collect();
    // The first row of each worker, day, start and place that is no travel or break: what a
    // travel row arriving there then leads to (looked up, not searched: linear in the rows).
    let mut arrivals: HashMap<(usize, usize, u32, Option<usize>), usize> = HashMap::new();
    for (i, a) in acts.iter().enumerate() {
        if !matches!(a.kind, ActivityKind::Travel | ActivityKind::Break) {
            arrivals
                .entry((a.worker, a.day, a.span.start, a.location))
                .or_insert(i);
        }
    }
    let on_the_way: Vec<usize> = past
        .iter()
        .filter(|&&i| acts[i].kind == ActivityKind::Travel)
        .filter_map(|&i| {
            let t = &acts[i];
            arrivals
                .get(&(t.worker, t.day, t.span.end, t.location))
                .copied()
        })
        .collect();
    past.extend(on_the_way);
    past
}

/// Sets `p` up to re-plan `previous` from `moment`: its past, the reference the change penalty
/// counts against, and the pins (the past and the appointments). Returns the warm start (the
/// previous roster's rows after the moment carried over, the greedy filling the rest), or the
/// past rows the current data forbid (the command then stops: exit 2 naming each).
pub fn prepare(
    p: &mut Week,
    previous: &Roster,
    moment: Moment,
) -> Result<Option<Roster>, Vec<PastConflict>> {
    let past = past_rows(previous, moment);
    let acts = &previous.activities;
    p.past = Past::new(Some(moment), past.iter().map(|&i| acts[i]).collect());
    p.pins = Pins::default();
    let conflicts = conflicts(p, previous, &past);
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    p.reference = Some(Reference {
        kind: ReferenceKind::Replan,
        rows: acts
            .iter()
            .enumerate()
            .filter(|(i, a)| !past.contains(i) && (a.kind.is_client() || a.kind.is_meeting()))
            .map(|(_, a)| *a)
            .collect(),
    });
    super::pins::pin(p);
    let later: Vec<Activity> = acts
        .iter()
        .enumerate()
        .filter(|(i, _)| !past.contains(i))
        .map(|(_, a)| *a)
        .collect();
    Ok(super::carry::carry(p, &later, Some))
}

/// The past rows that the current data forbid: a worker-day of the past that can no longer be
/// built (an absence over a kept row or the way back after it, a changed window), or a kept row
/// whose worker lost a skill or was excluded since.
fn conflicts(p: &Week, previous: &Roster, past: &BTreeSet<usize>) -> Vec<PastConflict> {
    let acts = &previous.activities;
    // Breaks taken are part of the past day (the way back may follow one).
    let fixed = |i: &usize| acts[*i].kind != ActivityKind::Travel;
    let mut out = Vec::new();
    let mut days: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for &i in past.iter().filter(|i| fixed(i)) {
        days.entry((acts[i].worker, acts[i].day))
            .or_default()
            .push(i);
    }
    for ((w, d), mut rows) in days {
        rows.sort_by_key(|&i| (acts[i].span.start, acts[i].span.end));
        let items: Vec<Activity> = rows.iter().map(|&i| acts[i]).collect();
        if let Err(r) = check_day(p, w, d, &items) {
            // The first row outside the worker's hours now, else the last (the way back after
            // it, or the day as a whole).
            let windows = &p.worker_windows[w][d];
            let culprit = rows
                .iter()
                .copied()
                .find(|&i| !windows.contains(&acts[i].span));
            out.push(match culprit {
                Some(i) => PastConflict {
                    row: i,
                    why: Rejection::Window.words().to_owned(),
                },
                None => PastConflict {
                    row: rows[rows.len() - 1],
                    why: words(r),
                },
            });
        }
    }
    let st = super::state::WeekState::new(p);
    for &i in past.iter().filter(|i| fixed(i)) {
        {
            if let Err(r) = super::rules::check_scope(&st, &acts[i], super::rules::Scope::Who) {
                out.push(PastConflict {
                    row: i,
                    why: format!("{} {}", p.workers[acts[i].worker].id, r.words()),
                });
            }
        }
    }
    // Every other rule the past's own rows break under the current data (a family's hours or
    // lengths changed, two past rows now too close): the checker on the previous roster, its
    // violations that concern past rows only. (Rows after the moment are re-planned anyway.)
    // (The remote cap is judged after planning: in-person hours after the moment may back it.)
    // The day's own rules (the worker's windows, overlaps, travel, hours, breaks) were judged
    // above, a worker-day at a time; a family's window is the checker's rule 1.
    use crate::check::Rule;
    let reported: BTreeSet<(usize, usize)> = out
        .iter()
        .map(|c| (acts[c.row].worker, acts[c.row].day))
        .collect();
    for v in crate::check::check_roster(p, previous) {
        let week_rule = matches!(
            v.rule,
            Rule::Windows
                | Rule::Lengths
                | Rule::Joint
                | Rule::PerDay
                | Rule::Meetings
                | Rule::Effort
        );
        if !week_rule || v.rows.is_empty() || !v.rows.iter().all(|i| past.contains(i)) {
            continue;
        }
        let named = v
            .rows
            .iter()
            .copied()
            .find(|&i| fixed(&i) && !reported.contains(&(acts[i].worker, acts[i].day)));
        if let Some(i) = named {
            out.push(PastConflict {
                row: i,
                why: v.message.clone(),
            });
        }
    }
    // A family's weekly hours lowered below what it has already received.
    let mut received: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in past {
        let a = &acts[i];
        let family = match (a.meeting, a.family) {
            (None, Some(f)) if a.kind.is_client() => Some(f),
            (Some(m), _) if p.settings.meetings_count_as_effort => Some(p.meetings[m].family),
            _ => None,
        };
        if let Some(f) = family {
            received.entry(f).or_default().push(i);
        }
    }
    for (f, theirs) in received {
        let fam = &p.families[f];
        let hours: f64 = theirs.iter().map(|&i| acts[i].hours()).sum();
        let most = crate::model::limits::most_delivered_hours(fam.weekly_hours);
        if hours > most + crate::model::limits::EPS
            && let Some(&last) = theirs
                .iter()
                .max_by_key(|&&i| (acts[i].day, acts[i].span.start))
        {
            out.push(PastConflict {
                row: last,
                why: format!(
                    "{} has received {hours:.2} h before the moment, more than its weekly_hours {:.2} (+0.25) allow now",
                    fam.id, fam.weekly_hours
                ),
            });
        }
    }
    out.sort_by_key(|c| c.row);
    out.dedup_by_key(|c| c.row);
    out
}

/// True when a violation of the roster `r` is a re-plan's past's own: every row it names has
/// happened (it starts before the moment, or is a row of the past), or it is a week over
/// capacity while a past is kept (whose hours may already exceed a lowered capacity; every row
/// after the moment passed the capacity check). A carried roster with only such violations is
/// a plan of the week all the same; the command's final check names each one.
pub fn is_the_pasts(p: &Week, r: &Roster, v: &crate::check::Violation) -> bool {
    let Some(m) = p.past.moment else {
        return false;
    };
    if v.rule == crate::check::Rule::Capacity && v.rows.is_empty() {
        return true;
    }
    !v.rows.is_empty()
        && v.rows.iter().all(|&i| {
            r.activities
                .get(i)
                .is_some_and(|a| m.is_later_than(a.day, a.span.start) || p.past.contains(a))
        })
}

fn words(r: Rejection) -> String {
    match r {
        Rejection::Window => {
            "the way back after this row now lies outside the worker's working hours".to_owned()
        }
        Rejection::Travel => "the way back after this row no longer fits the day".to_owned(),
        r => r.words().to_owned(),
    }
}

/// Sets `p` up to keep last week's rhythm (`plan --previous`): `last_week`'s rows (already
/// mapped onto this week's days by weekday, workers and families matched by id) become the
/// reference whose visits the objective's `rhythm` term counts, and are carried over as the warm
/// start, so a family keeps its weekday, hour and worker where this week's rules allow.
pub fn rhythm(p: &mut Week, last_week: &Roster) -> Option<Roster> {
    p.reference = Some(Reference {
        kind: ReferenceKind::Rhythm,
        rows: last_week
            .activities
            .iter()
            .filter(|a| a.kind.is_client() && a.meeting.is_none())
            .copied()
            .collect(),
    });
    let rows = &last_week.activities;
    if !super::pins::is_set(p) {
        super::pins::pin(p);
    }
    super::carry::carry_around_meetings(p, rows)
}
