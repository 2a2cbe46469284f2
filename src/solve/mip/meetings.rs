//! Meetings: staffed all-or-nothing by qualified workers who work the whole slot; a worker is
//! in one meeting at a time (supported meetings may share a worker); rooms are never
//! over-booked.

use super::{Builder, MeetingVars, StaffVar};
use crate::model::{Interval, MeetingKind};
use good_lp::{Expression, constraint};

impl Builder<'_> {
    pub(super) fn meeting_staffing(&mut self) {
        let p = self.p;
        let w = p.settings.weights;
        for (k, m) in p.meetings.iter().enumerate() {
            // Uncovered rather than covered, so the objective has no large constant: HiGHS
            // measures its relative gap against the objective it sees.
            let uncovered = self.binary();
            self.objective += w.uncovered_meeting * uncovered.var;
            let rooms_ok = match m.room {
                Some(r) => p.rooms[r].windows_on(m.day).contains(&m.span),
                None => p
                    .rooms
                    .iter()
                    .any(|r| r.windows_on(m.day).contains(&m.span)),
            };
            let mut staff = Vec::new();
            if rooms_ok {
                for wk in 0..p.workers.len() {
                    if p.can_staff(wk, k) && p.worker_windows[wk][m.day].contains(&m.span) {
                        staff.push(StaffVar {
                            worker: wk,
                            on: self.binary(),
                        });
                    }
                }
            }
            let total: Expression = staff.iter().map(|s| Expression::from(s.on.var)).sum();
            self.constraints.push(constraint!(
                total == f64::from(m.staff) * (1.0 - uncovered.var)
            ));
            self.meetings.push(MeetingVars {
                meeting: k,
                uncovered,
                staff,
            });
        }
        self.worker_conflicts();
        self.room_limits();
    }

    /// A worker staffs at most one of two overlapping meetings, unless both are supported.
    fn worker_conflicts(&mut self) {
        let p = self.p;
        let mut add = Vec::new();
        for (i, a) in self.meetings.iter().enumerate() {
            for b in &self.meetings[i + 1..] {
                let (ma, mb) = (&p.meetings[a.meeting], &p.meetings[b.meeting]);
                if ma.day != mb.day || !ma.span.overlaps(&mb.span) {
                    continue;
                }
                if ma.kind == MeetingKind::Supported && mb.kind == MeetingKind::Supported {
                    continue;
                }
                for sa in &a.staff {
                    if let Some(sb) = b.staff.iter().find(|sb| sb.worker == sa.worker) {
                        add.push(constraint!(sa.on.var + sb.on.var <= 1.0));
                    }
                }
            }
        }
        self.constraints.extend(add);
    }

    /// At the start of every meeting, the meetings under way fit in the rooms open then, and a
    /// fixed room holds one of them.
    fn room_limits(&mut self) {
        let p = self.p;
        let mut add = Vec::new();
        for a in &self.meetings {
            let ma = &p.meetings[a.meeting];
            let at = Interval::new(ma.span.start, ma.span.start + 1);
            let active: Vec<&MeetingVars> = self
                .meetings
                .iter()
                .filter(|b| {
                    p.meetings[b.meeting].day == ma.day && p.meetings[b.meeting].span.contains(&at)
                })
                .collect();
            let open = p
                .rooms
                .iter()
                .filter(|r| r.windows_on(ma.day).contains(&at))
                .count() as f64;
            if active.len() as f64 > open {
                let off: Expression = active
                    .iter()
                    .map(|b| Expression::from(b.uncovered.var))
                    .sum();
                add.push(constraint!(off >= active.len() as f64 - open));
            }
            if let Some(room) = ma.room {
                let same: Vec<&&MeetingVars> = active
                    .iter()
                    .filter(|b| p.meetings[b.meeting].room == Some(room))
                    .collect();
                if same.len() > 1 {
                    let off: Expression =
                        same.iter().map(|b| Expression::from(b.uncovered.var)).sum();
                    add.push(constraint!(off >= same.len() as f64 - 1.0));
                }
            }
        }
        self.constraints.extend(add);
    }
}
