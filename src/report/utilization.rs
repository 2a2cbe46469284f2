//! utilization.csv: planned hours against contract and capacity per worker. Hours of a worker
//! are the union of their activity rows (SPEC): concurrent supported meetings count once, and a
//! break is not working time.

use crate::model::table::DataTable;
use crate::model::{ActivityKind, Interval, Problem, Roster, Windows};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub struct WorkerRow {
    pub worker: usize,
    pub planned_hours: f64,
    pub client_hours: f64,
    pub meeting_hours: f64,
    pub travel_hours: f64,
    pub families: usize,
}

impl WorkerRow {
    pub fn utilization(&self, contract_hours: f64) -> f64 {
        if contract_hours > 0.0 {
            self.planned_hours / contract_hours
        } else {
            0.0
        }
    }

    pub fn overtime(&self, contract_hours: f64) -> f64 {
        (self.planned_hours - contract_hours).max(0.0)
    }
}

/// Hours per worker: client work and travel row by row (they never overlap anything), meeting
/// hours per day as the union of the meeting rows (concurrent supported meetings count once);
/// a break is no working time and counts nowhere.
pub fn worker_rows(p: &Problem, r: &Roster) -> Vec<WorkerRow> {
    let n = p.workers.len();
    let (mut cl, mut mt, mut tr) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let mut fams: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut meetings: BTreeMap<(usize, usize), Vec<Interval>> = BTreeMap::new();
    for a in &r.activities {
        match a.kind {
            k if k.is_client() => {
                cl[a.worker] += a.minutes();
                fams[a.worker].extend(a.family);
            }
            k if k.is_meeting() => {
                meetings.entry((a.worker, a.day)).or_default().push(a.span);
                fams[a.worker].extend(a.meeting.map(|m| p.meetings[m].family));
            }
            ActivityKind::Travel => tr[a.worker] += a.minutes(),
            _ => {} // a break
        }
    }
    for ((w, _), spans) in meetings {
        mt[w] += union_minutes(spans);
    }
    let h = |m: u32| f64::from(m) / 60.0;
    (0..n)
        .map(|w| WorkerRow {
            worker: w,
            planned_hours: h(cl[w] + mt[w] + tr[w]),
            client_hours: h(cl[w]),
            meeting_hours: h(mt[w]),
            travel_hours: h(tr[w]),
            families: fams[w].len(),
        })
        .collect()
}

/// Length of the union of the spans, minutes.
fn union_minutes(spans: Vec<Interval>) -> u32 {
    Windows::from_intervals(spans).minutes()
}

pub fn utilization_table(p: &Problem, rows: &[WorkerRow]) -> DataTable {
    let mut t = DataTable::new(
        "utilization.csv",
        &[
            "worker_id",
            "contract_hours",
            "capacity_hours",
            "planned_hours",
            "client_hours",
            "meeting_hours",
            "travel_hours",
            "utilization",
            "overtime_hours",
            "families",
        ],
    );
    for row in rows {
        let w = &p.workers[row.worker];
        t.push(vec![
            w.id.as_str().into(),
            w.contract_hours.into(),
            w.capacity_hours.into(),
            row.planned_hours.into(),
            row.client_hours.into(),
            row.meeting_hours.into(),
            row.travel_hours.into(),
            row.utilization(w.contract_hours).into(),
            row.overtime(w.contract_hours).into(),
            row.families.into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::*;

    #[test]
    fn concurrent_supported_meetings_count_once_and_a_break_not_at_all() {
        let p = problem();
        let mut acts = vec![supported(&p, 0, 0), supported(&p, 0, 1)];
        acts.extend(long_day_with_break());
        let rows = worker_rows(&p, &Roster { activities: acts });
        let w1 = &rows[0];
        assert_eq!(w1.meeting_hours, 2.5); // 10:00–12:30, not 4
        assert_eq!(w1.client_hours, 6.0);
        assert!((w1.travel_hours - 100.0 / 60.0).abs() < 1e-9);
        // 2.5 + 6 + 1.67 h; the 30-minute break is in none of them.
        assert!((w1.planned_hours - (2.5 + 6.0 + 100.0 / 60.0)).abs() < 1e-9);
        assert_eq!(w1.families, 2);
        assert_eq!(rows[1].planned_hours, 0.0);
    }
}
