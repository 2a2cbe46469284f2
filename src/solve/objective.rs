//! The objective of a roster, evaluated exactly with the plan's weights. The optimizer's model
//! uses the same terms (with a lower estimate of travel), so its bound is comparable to this.

use crate::model::{ActivityKind, Problem, Roster, Week};
use std::collections::BTreeSet;

/// The objective terms of a roster, in their own units.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Terms {
    pub uncovered_meetings: f64,
    pub shortfall_hours: f64,
    pub missing_visits: f64,
    pub missing_joint_visits: f64,
    pub primary_absent: f64,
    pub worker_family_pairs: f64,
    pub travel_hours: f64,
    pub overtime_hours: f64,
    pub weekend_hours: f64,
    /// Remote hours delivered (every remote row).
    pub remote_hours: f64,
    /// `replan`: activities of the previous roster after the moment not kept as they were.
    pub changes: f64,
    /// `plan --previous`: last week's visits not at their weekday, hour and worker.
    pub rhythm_misses: f64,
    /// Remote hours above the cap (rule 6, with history): none in a roster that obeys the
    /// rules; a re-plan's past remote sessions may need in-person hours the search must find.
    pub remote_over_cap_hours: f64,
}

impl Terms {
    /// The weighted sum.
    pub fn value(&self, p: &Week) -> f64 {
        let w = &p.settings.weights;
        w.uncovered_meeting * self.uncovered_meetings
            + w.shortfall_hour * self.shortfall_hours
            + w.missing_visit * self.missing_visits
            + w.missing_joint_visit * self.missing_joint_visits
            + w.primary_absent * self.primary_absent
            + w.worker_per_family * self.worker_family_pairs
            + w.travel_hour * self.travel_hours
            + w.overtime_hour * self.overtime_hours
            + w.weekend_hour * self.weekend_hours
            + w.remote_hour * self.remote_hours
            + w.change * self.changes
            + w.rhythm * self.rhythm_misses
            + w.remote_over_cap_hour * self.remote_over_cap_hours
    }
}

/// One term of the objective for people: its weight's key in `[weights]` of plan.toml, what it
/// counts, how much of it the roster has, and its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    pub key: &'static str,
    pub counts: &'static str,
    pub amount: f64,
    pub weight: f64,
}

impl Term {
    /// The weighted value: what the term adds to the objective.
    pub fn cost(&self) -> f64 {
        self.amount * self.weight
    }
}

impl Terms {
    /// Every term with its weight, in the order of `[weights]`; the costs add up to
    /// [`Terms::value`] (a unit test holds the two together, so a new term goes in both).
    pub fn list(&self, p: &Week) -> Vec<Term> {
        let w = &p.settings.weights;
        let term = |key, counts, amount, weight| Term {
            key,
            counts,
            amount,
            weight,
        };
        vec![
            term(
                "uncovered_meeting",
                "meetings left unstaffed",
                self.uncovered_meetings,
                w.uncovered_meeting,
            ),
            term(
                "shortfall_hour",
                "hours of weekly_hours not delivered",
                self.shortfall_hours,
                w.shortfall_hour,
            ),
            term(
                "missing_visit",
                "visits below min_visits",
                self.missing_visits,
                w.missing_visit,
            ),
            term(
                "missing_joint_visit",
                "joint visits below joint_visits",
                self.missing_joint_visits,
                w.missing_joint_visit,
            ),
            term(
                "primary_absent",
                "families whose primary_worker takes no part",
                self.primary_absent,
                w.primary_absent,
            ),
            term(
                "worker_per_family",
                "worker-family pairs",
                self.worker_family_pairs,
                w.worker_per_family,
            ),
            term(
                "travel_hour",
                "hours of travel",
                self.travel_hours,
                w.travel_hour,
            ),
            term(
                "overtime_hour",
                "hours above contract_hours",
                self.overtime_hours,
                w.overtime_hour,
            ),
            term(
                "weekend_hour",
                "client hours on Saturdays, Sundays and holidays",
                self.weekend_hours,
                w.weekend_hour,
            ),
            term(
                "remote_hour",
                "remote hours",
                self.remote_hours,
                w.remote_hour,
            ),
            term(
                "change",
                "activities of the previous roster moved, reassigned or removed (replan)",
                self.changes,
                w.change,
            ),
            term(
                "rhythm",
                "last week's visits not at their weekday, hour and worker (--previous)",
                self.rhythm_misses,
                w.rhythm,
            ),
            term(
                "remote_over_cap_hour",
                "remote hours above the remote cap",
                self.remote_over_cap_hours,
                w.remote_over_cap_hour,
            ),
        ]
    }
}

/// True when client work on `day` counts as weekend work (Saturday, Sunday or a holiday).
pub fn is_weekend(p: &Problem, day: usize) -> bool {
    day >= 5 || p.holidays[day]
}

/// What one family received in a roster, in minutes and counts: all [`family_terms`] needs.
/// [`terms`] counts it from a roster's rows, the week under construction
/// (`solve::ledger`) keeps it up to date row by row; both price it with [`family_terms`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FamilyCounts {
    /// Client minutes, and meeting minutes when meetings count as effort.
    pub delivered: u32,
    pub in_person: u32,
    pub remote: u32,
    /// Visits: home visits and joint visits (a joint visit's two rows are one).
    pub visits: u32,
    pub joint: u32,
    /// Workers who do some of the family's client work.
    pub workers: u32,
    /// True when the family's primary worker does some of it.
    pub primary_seen: bool,
}

/// A family's own part of the objective: shortfall, missing visits and joint visits, an absent
/// primary worker, its worker–family pairs and remote hours above the cap. `history` is the
/// family's in-person and remote hours of the three weeks before ([`Problem::history_hours`]),
/// `primary_can_serve` whether its primary worker may serve it at all (rule 8).
pub fn family_terms(
    p: &Week,
    f: usize,
    c: &FamilyCounts,
    history: crate::model::Hours,
    primary_can_serve: bool,
) -> Terms {
    let fam = &p.families[f];
    let mut t = Terms::default();
    let got = f64::from(c.delivered) / 60.0;
    t.shortfall_hours = (fam.weekly_hours - got).max(0.0);
    t.missing_visits = f64::from(fam.min_visits.saturating_sub(c.visits));
    t.missing_joint_visits = f64::from(fam.joint_visits.saturating_sub(c.joint));
    if primary_can_serve && !c.primary_seen {
        t.primary_absent = 1.0;
    }
    t.worker_family_pairs = f64::from(c.workers);
    t.remote_hours = f64::from(c.remote) / 60.0;
    if c.remote > 0 {
        let week = crate::model::Hours {
            in_person: f64::from(c.in_person) / 60.0,
            remote: f64::from(c.remote) / 60.0,
        };
        t.remote_over_cap_hours =
            crate::model::limits::remote_over_cap_hours(p.remote_cap(f), week, history);
    }
    t
}

/// Hours a worker with `worked_minutes` in the week works above the contract.
pub fn overtime_hours(p: &Problem, worker: usize, worked_minutes: u32) -> f64 {
    (f64::from(worked_minutes) / 60.0 - p.workers[worker].contract_hours).max(0.0)
}

/// True when the family's primary worker may serve it (then its absence is a term).
pub fn primary_can_serve(p: &Problem, f: usize) -> bool {
    p.families[f]
        .primary_worker
        .is_some_and(|w| p.can_serve(w, f))
}

impl Terms {
    /// Every amount, in the order of the fields.
    pub fn amounts(&self) -> [f64; 13] {
        [
            self.uncovered_meetings,
            self.shortfall_hours,
            self.missing_visits,
            self.missing_joint_visits,
            self.primary_absent,
            self.worker_family_pairs,
            self.travel_hours,
            self.overtime_hours,
            self.weekend_hours,
            self.remote_hours,
            self.changes,
            self.rhythm_misses,
            self.remote_over_cap_hours,
        ]
    }

    fn amounts_mut(&mut self) -> [&mut f64; 13] {
        [
            &mut self.uncovered_meetings,
            &mut self.shortfall_hours,
            &mut self.missing_visits,
            &mut self.missing_joint_visits,
            &mut self.primary_absent,
            &mut self.worker_family_pairs,
            &mut self.travel_hours,
            &mut self.overtime_hours,
            &mut self.weekend_hours,
            &mut self.remote_hours,
            &mut self.changes,
            &mut self.rhythm_misses,
            &mut self.remote_over_cap_hours,
        ]
    }
}

impl std::ops::AddAssign for Terms {
    fn add_assign(&mut self, o: Terms) {
        for (x, y) in self.amounts_mut().into_iter().zip(o.amounts()) {
            *x += y;
        }
    }
}

impl std::ops::SubAssign for Terms {
    fn sub_assign(&mut self, o: Terms) {
        for (x, y) in self.amounts_mut().into_iter().zip(o.amounts()) {
            *x -= y;
        }
    }
}

/// The terms of a roster.
pub fn terms(p: &Week, r: &Roster) -> Terms {
    let nf = p.families.len();
    let mut t = Terms::default();
    let mut counts = vec![FamilyCounts::default(); nf];
    let mut joints: Vec<BTreeSet<(usize, u32)>> = vec![BTreeSet::new(); nf];
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut staffed = vec![BTreeSet::new(); p.meetings.len()];
    let mut worked = vec![0u32; p.workers.len()];
    for a in &r.activities {
        if a.kind == ActivityKind::Break {
            continue; // no working time
        }
        worked[a.worker] += a.minutes();
        match (a.kind, a.family, a.meeting) {
            (ActivityKind::Travel, ..) => t.travel_hours += a.hours(),
            (k, _, Some(m)) if k.is_meeting() => {
                staffed[m].insert(a.worker);
                if p.settings.meetings_count_as_effort {
                    counts[p.meetings[m].family].delivered += a.minutes();
                }
            }
            (k, Some(f), _) if k.is_client() => {
                let c = &mut counts[f];
                c.delivered += a.minutes();
                if k == ActivityKind::Remote {
                    c.remote += a.minutes();
                } else {
                    c.in_person += a.minutes();
                }
                if pairs.insert((a.worker, f)) {
                    c.workers += 1;
                }
                c.primary_seen |= p.families[f].primary_worker == Some(a.worker);
                if is_weekend(p, a.day) {
                    t.weekend_hours += a.hours();
                }
                match k {
                    ActivityKind::HomeVisit => c.visits += 1,
                    ActivityKind::JointVisit => {
                        joints[f].insert((a.day, a.span.start));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    t.uncovered_meetings = p
        .meetings
        .iter()
        .zip(&staffed)
        .filter(|(m, s)| s.len() < m.staff as usize)
        .count() as f64;
    for (f, c) in counts.iter_mut().enumerate() {
        c.joint = joints[f].len() as u32;
        c.visits += c.joint;
        t += family_terms(p, f, c, p.history_hours(f), primary_can_serve(p, f));
    }
    if let Some(reference) = &p.reference {
        let missed = reference.misses(&r.activities) as f64;
        match reference.kind {
            crate::model::ReferenceKind::Replan => t.changes = missed,
            crate::model::ReferenceKind::Rhythm => t.rhythm_misses = missed,
        }
    }
    for (w, m) in worked.iter().enumerate() {
        t.overtime_hours += overtime_hours(p, w, *m);
    }
    t
}

/// The weighted objective of a roster.
pub fn evaluate(p: &Week, r: &Roster) -> f64 {
    terms(p, r).value(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_terms_add_up_to_the_objective() {
        let mut p = Week::new(crate::generate::generate(
            &crate::generate::GenOptions::new(6, 18, 2),
        ));
        // Weights all different, so a term listed with another's weight shows.
        let w = &mut p.settings.weights;
        (w.uncovered_meeting, w.shortfall_hour, w.missing_visit) = (1000.0, 101.0, 21.0);
        (w.missing_joint_visit, w.primary_absent, w.worker_per_family) = (31.0, 11.0, 2.5);
        (w.travel_hour, w.overtime_hour, w.weekend_hour) = (1.5, 3.5, 0.75);
        w.remote_hour = 1.25;
        let r = crate::solve::baseline::baseline(&p);
        let t = terms(&p, &r);
        let list = t.list(&p);
        assert_eq!(list.len(), 13);
        let sum: f64 = list.iter().map(Term::cost).sum();
        assert!((sum - t.value(&p)).abs() < 1e-9, "{sum} != {}", t.value(&p));
        // Each term with only its own weight left: the objective is that term's cost, so every
        // term is listed with its own amount and weight.
        for term in &list {
            let mut q = p.clone();
            let w = &mut q.settings.weights;
            let all = [
                ("uncovered_meeting", &mut w.uncovered_meeting),
                ("shortfall_hour", &mut w.shortfall_hour),
                ("missing_visit", &mut w.missing_visit),
                ("missing_joint_visit", &mut w.missing_joint_visit),
                ("primary_absent", &mut w.primary_absent),
                ("worker_per_family", &mut w.worker_per_family),
                ("travel_hour", &mut w.travel_hour),
                ("overtime_hour", &mut w.overtime_hour),
                ("weekend_hour", &mut w.weekend_hour),
                ("remote_hour", &mut w.remote_hour),
                ("change", &mut w.change),
                ("rhythm", &mut w.rhythm),
                ("remote_over_cap_hour", &mut w.remote_over_cap_hour),
            ];
            for (key, weight) in all {
                if key != term.key {
                    *weight = 0.0;
                }
            }
            assert!(
                (t.value(&q) - term.cost()).abs() < 1e-9,
                "{}: listed {} against {}",
                term.key,
                term.cost(),
                t.value(&q)
            );
        }
        assert!(
            list.iter().filter(|t| t.amount > 0.0).count() >= 3,
            "{list:?}"
        );
    }
}
