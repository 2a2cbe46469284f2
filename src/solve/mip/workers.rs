//! Per worker: each day's hours (client work, meetings, the least travel) within the daily
//! limit and the day's windows; the week's within capacity; overtime above the contract.

use super::{Builder, Travel, day_limit, h};
use good_lp::{Expression, constraint};

impl Builder<'_> {
    pub(super) fn worker_constraints(&mut self) {
        let p = self.p;
        let wt = p.settings.weights;
        let nw = p.workers.len();
        let mut day: Vec<[Expression; 7]> = (0..nw)
            .map(|_| std::array::from_fn(|_| Expression::from(0.0)))
            .collect();
        for (blk, v) in self.blocks.iter().zip(&self.block_vars) {
            let e = &mut day[blk.worker][blk.day];
            for c in [v.hours, v.remote, v.joint_hours].into_iter().flatten() {
                *e += c.var;
            }
            if self.travel == Travel::PerVisit {
                for c in [v.visits, v.joint].into_iter().flatten() {
                    *e += blk.travel_in * c.var;
                }
            }
        }
        for m in &self.meetings {
            let mt = &p.meetings[m.meeting];
            for s in &m.staff {
                day[s.worker][mt.day] += h(mt.span.minutes()) * s.on.var;
            }
        }
        for (w, days) in day.into_iter().enumerate() {
            let mut week = Expression::from(0.0);
            for (d, e) in days.into_iter().enumerate() {
                let limit = day_limit(p, w, d);
                self.day_rows[w][d] = Some(self.row(constraint!(e.clone() <= limit)));
                week += e;
            }
            self.constraints
                .push(constraint!(week.clone() <= p.workers[w].capacity_hours));
            let overtime = self.nonneg();
            self.constraints.push(constraint!(
                overtime.var >= week - p.workers[w].contract_hours
            ));
            self.objective += wt.overtime_hour * overtime.var;
        }
    }
}
