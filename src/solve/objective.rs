//! The objective of a roster, evaluated exactly with the plan's weights. The optimizer's model
//! uses the same terms (with a lower estimate of travel), so its bound is comparable to this.

use crate::model::{ActivityKind, Problem, Roster};
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
    /// `replan`: activities of the previous roster after the moment not kept as they were.
    pub changes: f64,
    /// `plan --previous`: last week's visits not at their weekday, hour and worker.
    pub rhythm_misses: f64,
}

impl Terms {
    /// The weighted sum.
    pub fn value(&self, p: &Problem) -> f64 {
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
            + w.change * self.changes
            + w.rhythm * self.rhythm_misses
    }
}

/// True when client work on `day` counts as weekend work (Saturday, Sunday or a holiday).
pub fn is_weekend(p: &Problem, day: usize) -> bool {
    day >= 5 || p.holidays[day]
}

/// The terms of a roster.
pub fn terms(p: &Problem, r: &Roster) -> Terms {
    let nf = p.families.len();
    let mut t = Terms::default();
    let mut delivered = vec![0u32; nf];
    let mut visits = vec![0u32; nf];
    let mut joints: Vec<BTreeSet<(usize, u32)>> = vec![BTreeSet::new(); nf];
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut primary_seen = vec![false; nf];
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
                    delivered[p.meetings[m].family] += a.minutes();
                }
            }
            (k, Some(f), _) if k.is_client() => {
                delivered[f] += a.minutes();
                pairs.insert((a.worker, f));
                primary_seen[f] |= p.families[f].primary_worker == Some(a.worker);
                if is_weekend(p, a.day) {
                    t.weekend_hours += a.hours();
                }
                match k {
                    ActivityKind::HomeVisit => visits[f] += 1,
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
    for (f, fam) in p.families.iter().enumerate() {
        let got = f64::from(delivered[f]) / 60.0;
        t.shortfall_hours += (fam.weekly_hours - got).max(0.0);
        let n = visits[f] + joints[f].len() as u32;
        t.missing_visits += f64::from(fam.min_visits.saturating_sub(n));
        t.missing_joint_visits +=
            f64::from(fam.joint_visits.saturating_sub(joints[f].len() as u32));
        if fam.primary_worker.is_some_and(|w| p.can_serve(w, f)) && !primary_seen[f] {
            t.primary_absent += 1.0;
        }
    }
    t.worker_family_pairs = pairs.len() as f64;
    if let Some(reference) = &p.reference {
        let missed = reference.misses(&r.activities) as f64;
        match reference.kind {
            crate::model::ReferenceKind::Replan => t.changes = missed,
            crate::model::ReferenceKind::Rhythm => t.rhythm_misses = missed,
        }
    }
    for (w, m) in worked.iter().enumerate() {
        t.overtime_hours += (f64::from(*m) / 60.0 - p.workers[w].contract_hours).max(0.0);
    }
    t
}

/// The weighted objective of a roster.
pub fn evaluate(p: &Problem, r: &Roster) -> f64 {
    terms(p, r).value(p)
}
