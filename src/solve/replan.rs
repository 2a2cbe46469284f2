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
use super::rules::{ROW_RULES, RowRule};
use super::state::WeekState;
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
/// built (an absence over a kept row or the way back after it, a changed window), a kept row
/// whose worker lost a skill or was excluded since, a kept row that a rule of the family's
/// time, day or week or of meetings now refuses (asked of the row rules, against the past
/// before it), or a family that has received more than its weekly hours allow now.
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
    let st = WeekState::new(p);
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
    // The rules of a family's time, day and week and of meetings (SPEC rules 1, 7 and 9) on the
    // past's own rows: each row judged by the registry's rules of those SPEC rules against the
    // past before it, as the one check would have judged it then (a family's window, a length,
    // a partner, visits of the day too many or too close, max_visits, a meeting's slot, staff,
    // room and place). Rows after the moment are re-planned anyway. Not judged here: rule 6's
    // weekly hours (below, on the hours received) and remote cap (after planning: in-person
    // hours after the moment may back it); rules 2–5, the worker's own (their days above, the
    // capacity and rest by the CLI's final judgement, kept as they happened); rule 8 (`Who`
    // above); and where a visit was held (rule 3: kept as it happened, with a warning).
    let reported: BTreeSet<(usize, usize)> = out
        .iter()
        .map(|c| (acts[c.row].worker, acts[c.row].day))
        .collect();
    let judged = |r: &dyn RowRule, a: &Activity| match r.spec_rule() {
        Some(1 | 7 | 9) => true,
        // A meeting's row in its room's place is rule 9 in the SPEC.
        Some(3) => a.meeting.is_some(),
        _ => false,
    };
    let mut order: Vec<usize> = past
        .iter()
        .copied()
        .filter(|&i| acts[i].meeting.is_some() || acts[i].kind.is_client())
        .collect();
    order.sort_by_key(|&i| (acts[i].day, acts[i].span.start, i));
    let mut happened = WeekState::new(p);
    let whose = |a: &Activity| match (a.meeting, a.family) {
        (Some(m), _) => format!("meeting {}:", p.meetings[m].id),
        (None, Some(f)) => format!("{}:", p.families[f].id),
        _ => String::new(),
    };
    for i in order {
        let a = &acts[i];
        let broken = ROW_RULES
            .iter()
            .filter(|r| judged(**r, a))
            .find_map(|r| r.check(&happened, a).err());
        if let Some(r) = broken
            && !reported.contains(&(a.worker, a.day))
        {
            out.push(PastConflict {
                row: i,
                why: format!("{} {}", whose(a), r.words()),
            });
        }
        happened.book_happened(a);
    }
    // What no single row breaks: a meeting or a joint visit that has happened whole with too
    // few rows for it (the rule of each row sees the row alone).
    let mut meetings: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut joint: BTreeMap<(usize, usize, u32, u32), Vec<usize>> = BTreeMap::new();
    for (i, a) in acts.iter().enumerate() {
        match (a.kind, a.meeting, a.family) {
            (_, Some(m), _) => meetings.entry(m).or_default().push(i),
            (ActivityKind::JointVisit, None, Some(f)) => joint
                .entry((f, a.day, a.span.start, a.span.end))
                .or_default()
                .push(i),
            _ => {}
        }
    }
    let mut whole = |rows: &[usize], why: String| {
        if rows.iter().all(|i| past.contains(i))
            && let Some(&i) = rows
                .iter()
                .find(|&&i| !reported.contains(&(acts[i].worker, acts[i].day)))
        {
            out.push(PastConflict { row: i, why });
        }
    };
    for (m, rows) in &meetings {
        let (have, need) = (happened.meeting_staff(*m).len(), p.meetings[*m].staff);
        if have < need as usize {
            whole(
                rows,
                format!(
                    "meeting {}: {have} of the {need} workers it needs now",
                    p.meetings[*m].id
                ),
            );
        }
    }
    for rows in joint.values() {
        let paired = match rows.as_slice() {
            &[i, j] => {
                let (a, b) = (&acts[i], &acts[j]);
                a.worker != b.worker && a.partner == Some(b.worker) && b.partner == Some(a.worker)
            }
            _ => false,
        };
        if !paired {
            whole(
                rows,
                format!("{} {}", whose(&acts[rows[0]]), Rejection::Partner.words()),
            );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::{self, FA, HOME_A, HOME_B, hm};

    /// The conflicts of re-planning the tiny week from Wednesday 08:00 with `rows` as the
    /// previous roster: each named row and why.
    fn conflicts_of(p: &Week, rows: Vec<Activity>) -> Vec<(usize, String)> {
        let mut p = p.clone();
        let moment = Moment {
            day: 2,
            minute: hm("08:00"),
        };
        match prepare(&mut p, &Roster { activities: rows }, moment) {
            Ok(_) => Vec::new(),
            Err(c) => c.into_iter().map(|c| (c.row, c.why)).collect(),
        }
    }

    #[test]
    fn past_visits_now_too_close_name_the_later_one() {
        let mut p = Week::new(tiny::problem());
        p.families[FA].max_visits_per_day = 2;
        let rows = vec![
            tiny::visit(0, 1, "09:00", "10:00", FA, HOME_A),
            tiny::visit(0, 1, "10:30", "11:30", FA, HOME_A),
        ];
        assert_eq!(
            conflicts_of(&p, rows),
            [(
                1,
                "FA: less than 60 minutes from the family's other visit".to_owned()
            )]
        );
    }

    #[test]
    fn a_past_visit_shorter_than_the_family_allows_now_is_named() {
        let mut p = Week::new(tiny::problem());
        let rows = vec![tiny::visit(0, 1, "09:00", "10:00", FA, HOME_A)];
        assert_eq!(conflicts_of(&p, rows.clone()), []);
        p.families[FA].visit_minutes = (90, 180);
        assert_eq!(
            conflicts_of(&p, rows),
            [(
                0,
                "FA: outside the family's visit or session length".to_owned()
            )]
        );
    }

    #[test]
    fn a_past_meeting_with_fewer_workers_than_it_needs_now_is_named() {
        let mut p = Week::new(tiny::problem());
        let rows = vec![tiny::supported(&p, 0, 0)];
        assert_eq!(conflicts_of(&p, rows.clone()), []);
        p.meetings[0].staff = 2;
        assert_eq!(
            conflicts_of(&p, rows),
            [(0, "meeting M1: 1 of the 2 workers it needs now".to_owned())]
        );
    }

    #[test]
    fn a_past_joint_visit_without_its_partners_row_is_named() {
        let p = Week::new(tiny::problem());
        let joint = Activity {
            kind: ActivityKind::JointVisit,
            partner: Some(1),
            ..tiny::visit(0, 1, "09:00", "10:00", FA, HOME_A)
        };
        assert_eq!(
            conflicts_of(&p, vec![joint]),
            [(0, "FA: a joint visit needs a second worker".to_owned())]
        );
    }

    #[test]
    fn a_past_visit_held_at_another_home_is_kept_as_it_happened() {
        // Where a visit was held is rule 3: no conflict (the CLI warns about it instead).
        let p = Week::new(tiny::problem());
        let elsewhere = tiny::visit(0, 1, "09:00", "10:00", FA, HOME_B);
        assert_eq!(conflicts_of(&p, vec![elsewhere]), []);
    }
}
