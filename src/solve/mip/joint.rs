//! Joint visits: two workers at the same home at the same time, for the same length.

use super::{Builder, JointVars, Travel, h};
use good_lp::{Expression, constraint};

impl Builder<'_> {
    pub(super) fn joint_visits(&mut self) {
        let p = self.p;
        let w = p.settings.weights;
        for (f, fam) in p.families.iter().enumerate() {
            if fam.joint_visits == 0 {
                continue;
            }
            let (lo, hi) = (h(fam.visit_minutes.0), h(fam.visit_minutes.1));
            for d in 0..7 {
                let idx = self.blocks_of(f, |b| b.day == d && b.visit);
                if idx.len() < 2 {
                    continue;
                }
                let on = self.binary();
                let length = self.bounded(hi);
                self.constraints
                    .push(constraint!(length.var >= lo * on.var));
                self.constraints
                    .push(constraint!(length.var <= hi * on.var));
                let mut takers = Expression::from(0.0);
                for i in idx {
                    let y = self.binary();
                    let jh = self.bounded(hi);
                    self.constraints.push(constraint!(jh.var <= hi * y.var));
                    self.constraints.push(constraint!(jh.var <= length.var));
                    self.constraints
                        .push(constraint!(jh.var >= length.var - hi + hi * y.var));
                    takers += y.var;
                    if self.travel == Travel::PerVisit {
                        self.objective += w.travel_hour * self.blocks[i].travel_in * y.var;
                    }
                    if crate::solve::objective::is_weekend(p, d) {
                        self.objective += w.weekend_hour * jh.var;
                    }
                    self.block_vars[i].joint = Some(y);
                    self.block_vars[i].joint_hours = Some(jh);
                }
                self.constraints.push(constraint!(takers == 2.0 * on.var));
                self.joints.push(JointVars {
                    family: f,
                    day: d,
                    on,
                    length,
                });
            }
        }
    }
}
