//! utilization.csv: planned hours against contract and capacity per worker.

use crate::model::table::DataTable;
use crate::model::{Problem, Roster};
use std::collections::BTreeSet;

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

pub fn worker_rows(p: &Problem, r: &Roster) -> Vec<WorkerRow> {
    let n = p.workers.len();
    let (mut cl, mut mt, mut tr) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let mut fams: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for a in &r.activities {
        if a.kind.is_client() {
            cl[a.worker] += a.minutes();
            fams[a.worker].extend(a.family);
        } else if a.kind.is_meeting() {
            mt[a.worker] += a.minutes();
            fams[a.worker].extend(a.meeting.map(|m| p.meetings[m].family));
        } else {
            tr[a.worker] += a.minutes();
        }
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
