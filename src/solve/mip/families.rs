//! Per family: delivered hours within weekly_hours + 0.25, shortfall, the remote cap (rolling
//! over history), visit counts against min/max, joint visits required, the primary worker's
//! part and the number of distinct workers.

use super::{Builder, h, sum};
use crate::model::limits;
use good_lp::{Expression, constraint};

impl Builder<'_> {
    pub(super) fn family_constraints(&mut self) {
        let p = self.p;
        let w = p.settings.weights;
        for (f, fam) in p.families.iter().enumerate() {
            let idx = self.blocks_of(f, |_| true);
            let bv: Vec<_> = idx.iter().map(|&i| self.block_vars[i]).collect();
            let in_person: Expression = sum(bv.iter().filter_map(|v| v.hours.as_ref()))
                + sum(bv.iter().filter_map(|v| v.joint_hours.as_ref()));
            let remote: Expression = sum(bv.iter().filter_map(|v| v.remote.as_ref()));
            let mut delivered = in_person.clone() + remote.clone();
            if p.settings.meetings_count_as_effort {
                for m in &self.meetings {
                    let mt = &p.meetings[m.meeting];
                    if mt.family == f {
                        delivered += h(mt.span.minutes()) * sum(m.staff.iter().map(|s| &s.on));
                    }
                }
            }
            self.constraints.push(constraint!(
                delivered.clone() <= limits::most_delivered_hours(fam.weekly_hours)
            ));
            let short = self.nonneg();
            self.constraints
                .push(constraint!(short.var >= fam.weekly_hours - delivered));
            self.objective += w.shortfall_hour * short.var;
            // Remote cap within this week, and over this week and the three before it.
            let cap = p.remote_cap(f);
            if cap < 1.0 && bv.iter().any(|v| v.remote.is_some()) {
                let crate::model::Hours {
                    in_person: hi,
                    remote: hr,
                } = p.history_hours(f);
                self.constraints.push(constraint!(
                    remote.clone() * (1.0 - cap)
                        <= cap * in_person.clone() + limits::REMOTE_CAP_TOLERANCE_HOURS
                ));
                self.constraints.push(constraint!(
                    remote.clone() * (1.0 - cap)
                        <= cap * in_person.clone() + cap * hi - (1.0 - cap) * hr
                            + limits::REMOTE_CAP_TOLERANCE_HOURS
                ));
            }
            // Visits: each block's visits plus one per joint visit.
            let joints: Vec<_> = self
                .joints
                .iter()
                .filter(|j| j.family == f)
                .map(|j| j.on)
                .collect();
            let visits = sum(bv.iter().filter_map(|v| v.visits.as_ref())) + sum(joints.iter());
            self.constraints
                .push(constraint!(visits.clone() <= f64::from(fam.max_visits)));
            self.per_day(f);
            let missing = self.nonneg();
            self.constraints.push(constraint!(
                missing.var >= f64::from(fam.min_visits) - visits
            ));
            self.objective += w.missing_visit * missing.var;
            if fam.joint_visits > 0 {
                let planned = sum(joints.iter());
                self.constraints
                    .push(constraint!(planned.clone() <= f64::from(fam.joint_visits)));
                let missing_joint = self.nonneg();
                self.constraints.push(constraint!(
                    missing_joint.var >= f64::from(fam.joint_visits) - planned
                ));
                self.objective += w.missing_joint_visit * missing_joint.var;
            }
            self.pairs_and_primary(f, &idx);
        }
    }

    /// Rule 7 per day: at most `max_visits_per_day` visits (each block's visits plus the day's
    /// joint visit) and at most one remote session, so at most its longest length; and no
    /// remote session on a day with a visit (`rules::remote_visit_day`) unless the plan allows
    /// both on one day: a binary per family-day that may hold both says which it holds.
    fn per_day(&mut self, f: usize) {
        let p = self.p;
        let fam = &p.families[f];
        for d in 0..7 {
            let idx = self.blocks_of(f, |b| b.day == d);
            let bv: Vec<_> = idx.iter().map(|&i| self.block_vars[i]).collect();
            let joint: Vec<_> = self
                .joints
                .iter()
                .filter(|j| j.family == f && j.day == d)
                .map(|j| j.on)
                .collect();
            let has_visits = bv.iter().any(|v| v.visits.is_some()) || !joint.is_empty();
            let has_remote = bv.iter().any(|v| v.remote.is_some());
            let visit_day = (has_visits && has_remote && !p.settings.remote_on_visit_days)
                .then(|| self.binary());
            if has_visits {
                let visits = sum(bv.iter().filter_map(|v| v.visits.as_ref())) + sum(joint.iter());
                let most = f64::from(fam.max_visits_per_day);
                match visit_day {
                    Some(z) => self.constraints.push(constraint!(visits <= most * z.var)),
                    None => self.constraints.push(constraint!(visits <= most)),
                }
            }
            if has_remote {
                let remote = sum(bv.iter().filter_map(|v| v.remote.as_ref()));
                let longest = h(fam.remote_minutes.1);
                match visit_day {
                    Some(z) => self
                        .constraints
                        .push(constraint!(remote <= longest - longest * z.var)),
                    None => self.constraints.push(constraint!(remote <= longest)),
                }
            }
        }
    }

    /// One binary per worker serving the family (few distinct workers), and a penalty when the
    /// family's own worker takes no part.
    fn pairs_and_primary(&mut self, f: usize, idx: &[usize]) {
        let p = self.p;
        let w = p.settings.weights;
        let fam = &p.families[f];
        let mut workers: Vec<usize> = idx.iter().map(|&i| self.blocks[i].worker).collect();
        workers.dedup();
        let mut all_serve = Expression::from(0.0);
        for wk in workers {
            let serve = self.binary();
            all_serve += serve.var;
            self.objective += w.worker_per_family * serve.var;
            let mine: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| self.blocks[i].worker == wk)
                .collect();
            // The week's hours from this worker need the worker: besides being valid, this is
            // what makes the LP count a family's workers at all (per block, a fraction of a
            // visit would need only a fraction of a worker).
            let mut given = Expression::from(0.0);
            for i in mine {
                let v = self.block_vars[i];
                if let Some(c) = v.visits {
                    self.constraints.push(constraint!(c.var <= 2.0 * serve.var));
                }
                if let Some(c) = v.joint {
                    self.constraints.push(constraint!(c.var <= serve.var));
                }
                for c in [v.hours, v.joint_hours, v.remote].into_iter().flatten() {
                    given += c.var;
                }
            }
            let most =
                limits::most_delivered_hours(fam.weekly_hours).min(p.workers[wk].capacity_hours);
            self.constraints
                .push(constraint!(given <= most.max(0.0) * serve.var));
            if fam.primary_worker == Some(wk) {
                let absent = self.nonneg();
                self.constraints
                    .push(constraint!(absent.var >= 1.0 - serve.var));
                self.objective += w.primary_absent * absent.var;
            }
        }
        // A joint visit takes two of the family's workers.
        if fam.joint_visits > 0 {
            let planned = sum(self.joints.iter().filter(|j| j.family == f).map(|j| &j.on));
            self.constraints.push(constraint!(
                all_serve >= planned * (2.0 / f64::from(fam.joint_visits))
            ));
        }
        // The own worker has no block at all: the penalty is certain.
        if let Some(pw) = fam.primary_worker
            && p.can_serve(pw, f)
            && !idx.iter().any(|&i| self.blocks[i].worker == pw)
        {
            self.offset += w.primary_absent;
        }
    }
}
