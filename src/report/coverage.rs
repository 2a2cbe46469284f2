//! roster.csv, coverage.csv and meetings_coverage.csv.

use super::reasons;
use crate::model::table::{Cell, DataTable};
use crate::model::{ActivityKind, Problem, Roster, Week};
use std::collections::{BTreeMap, BTreeSet};

/// The roster as its CSV table, sorted by date, start, worker id (travel first at equal starts);
/// the last column `source` says where each row comes from ([`Week::source`]).
pub fn roster_table(p: &Week, r: &Roster) -> DataTable {
    let mut t = DataTable::new(
        "roster.csv",
        &[
            "date",
            "start",
            "end",
            "worker_id",
            "kind",
            "family_id",
            "meeting_id",
            "partner_worker_id",
            "room_id",
            "location_id",
            "source",
        ],
    );
    let mut acts: Vec<_> = r.activities.iter().collect();
    acts.sort_by(|a, b| {
        (
            a.day,
            a.span.start,
            &p.workers[a.worker].id,
            a.kind != ActivityKind::Travel,
            a.span.end,
        )
            .cmp(&(
                b.day,
                b.span.start,
                &p.workers[b.worker].id,
                b.kind != ActivityKind::Travel,
                b.span.end,
            ))
    });
    let id = |v: Option<String>| Cell::Text(v.unwrap_or_default());
    for a in acts {
        t.push(vec![
            Cell::date(p.settings.week.date(a.day)),
            Cell::time(a.span.start),
            Cell::time(a.span.end),
            p.workers[a.worker].id.as_str().into(),
            a.kind.as_str().into(),
            id(a.family.map(|f| p.families[f].id.clone())),
            id(a.meeting.map(|m| p.meetings[m].id.clone())),
            id(a.partner.map(|w| p.workers[w].id.clone())),
            id(a.room.map(|r| p.rooms[r].id.clone())),
            id(a.location
                .filter(|_| a.kind != ActivityKind::Remote)
                .map(|l| p.locations[l].id.clone())),
            p.source(a).as_str().into(),
        ]);
    }
    t
}

/// What one family received this week.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyRow {
    pub family: usize,
    pub in_person_hours: f64,
    pub remote_hours: f64,
    pub meeting_hours: f64,
    pub delivered_hours: f64,
    pub visits: u32,
    pub joint_visits: u32,
    pub distinct_workers: usize,
    pub primary_worker_hours: f64,
    pub shortfall_hours: f64,
    pub reason: String,
}

impl FamilyRow {
    pub fn remote_share(&self) -> f64 {
        let total = self.in_person_hours + self.remote_hours;
        if total > 0.0 {
            self.remote_hours / total
        } else {
            0.0
        }
    }
}

/// Hours delivered, each family's capped at its agreed hours (over-delivery within the 0.25 h
/// tolerance does not inflate coverage), and their share of the demand (1 when there is none).
/// The week's delivered hours (each family's up to its demand) and their share of the demand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delivered {
    pub hours: f64,
    /// Delivered over demand (1 when nothing is demanded).
    pub coverage: f64,
}

pub fn delivered_and_coverage(p: &Problem, rows: &[FamilyRow]) -> Delivered {
    let delivered: f64 = rows
        .iter()
        .map(|f| f.delivered_hours.min(p.families[f.family].weekly_hours))
        .sum();
    let demand = p.demand_hours();
    let coverage = if demand > 0.0 {
        delivered / demand
    } else {
        1.0
    };
    Delivered {
        hours: delivered,
        coverage,
    }
}

pub fn family_rows(p: &Week, r: &Roster) -> Vec<FamilyRow> {
    let n = p.families.len();
    let (mut inp, mut rem, mut meet, mut prim) =
        (vec![0u32; n], vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let mut visits = vec![0u32; n];
    let mut joints: Vec<BTreeSet<(usize, u32, u32)>> = vec![BTreeSet::new(); n];
    let mut workers: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for a in &r.activities {
        let fam = match (a.family, a.meeting) {
            (Some(f), _) if a.kind.is_client() => f,
            (_, Some(m)) if a.kind.is_meeting() => p.meetings[m].family,
            _ => continue,
        };
        workers[fam].insert(a.worker);
        match a.kind {
            ActivityKind::HomeVisit => {
                inp[fam] += a.minutes();
                visits[fam] += 1;
            }
            ActivityKind::JointVisit => {
                inp[fam] += a.minutes();
                joints[fam].insert((a.day, a.span.start, a.span.end));
            }
            ActivityKind::Remote => rem[fam] += a.minutes(),
            _ => meet[fam] += a.minutes(),
        }
        if a.kind.is_client() && p.families[fam].primary_worker == Some(a.worker) {
            prim[fam] += a.minutes();
        }
    }
    let h = |m: u32| f64::from(m) / 60.0;
    let mut rows: Vec<FamilyRow> = (0..n)
        .map(|f| {
            let counted = if p.settings.meetings_count_as_effort {
                meet[f]
            } else {
                0
            };
            let delivered = h(inp[f] + rem[f] + counted);
            let shortfall = (p.families[f].weekly_hours - delivered).max(0.0);
            FamilyRow {
                family: f,
                in_person_hours: h(inp[f]),
                remote_hours: h(rem[f]),
                meeting_hours: h(meet[f]),
                delivered_hours: delivered,
                visits: visits[f] + joints[f].len() as u32,
                joint_visits: joints[f].len() as u32,
                distinct_workers: workers[f].len(),
                primary_worker_hours: h(prim[f]),
                shortfall_hours: if shortfall < 0.005 { 0.0 } else { shortfall },
                reason: String::new(),
            }
        })
        .collect();
    let mut why: Option<reasons::Reasons> = None;
    for row in &mut rows {
        if row.shortfall_hours > 0.0
            || row.visits < p.families[row.family].min_visits
            || row.joint_visits < p.families[row.family].joint_visits
        {
            let why = why.get_or_insert_with(|| reasons::Reasons::new(p, r));
            row.reason = why.family(row);
        }
    }
    rows
}

pub fn coverage_table(p: &Problem, rows: &[FamilyRow]) -> DataTable {
    let mut t = DataTable::new(
        "coverage.csv",
        &[
            "family_id",
            "service",
            "weekly_hours",
            "in_person_hours",
            "remote_hours",
            "delivered_hours",
            "remote_share",
            "visits",
            "joint_visits_required",
            "joint_visits_planned",
            "distinct_workers",
            "primary_worker_hours",
            "shortfall_hours",
            "reason",
        ],
    );
    for row in rows {
        let f = &p.families[row.family];
        t.push(vec![
            f.id.as_str().into(),
            f.service.as_str().into(),
            f.weekly_hours.into(),
            row.in_person_hours.into(),
            row.remote_hours.into(),
            row.delivered_hours.into(),
            row.remote_share().into(),
            row.visits.into(),
            f.joint_visits.into(),
            row.joint_visits.into(),
            row.distinct_workers.into(),
            row.primary_worker_hours.into(),
            row.shortfall_hours.into(),
            row.reason.as_str().into(),
        ]);
    }
    t
}

/// A meeting's staffing.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub meeting: usize,
    pub room: Option<usize>,
    pub workers: Vec<usize>,
    pub covered: bool,
    pub reason: String,
}

pub fn meeting_rows(p: &Week, r: &Roster) -> Vec<MeetingRow> {
    let mut staff: BTreeMap<usize, (Option<usize>, Vec<usize>)> = BTreeMap::new();
    for a in r.activities.iter().filter(|a| a.kind.is_meeting()) {
        let e = staff
            .entry(a.meeting.expect("meeting rows name their meeting"))
            .or_default();
        e.0 = a.room;
        e.1.push(a.worker);
    }
    let mut why: Option<reasons::Reasons> = None;
    (0..p.meetings.len())
        .map(|m| {
            let (room, mut workers) = staff.remove(&m).unwrap_or_default();
            workers.sort_by(|a, b| p.workers[*a].id.cmp(&p.workers[*b].id));
            let covered = workers.len() == p.meetings[m].staff as usize;
            let reason = if covered {
                String::new()
            } else {
                why.get_or_insert_with(|| reasons::Reasons::new(p, r))
                    .meeting(m)
            };
            MeetingRow {
                meeting: m,
                room,
                workers,
                covered,
                reason,
            }
        })
        .collect()
}

pub fn meetings_table(p: &Problem, rows: &[MeetingRow]) -> DataTable {
    let mut t = DataTable::new(
        "meetings_coverage.csv",
        &[
            "meeting_id",
            "family_id",
            "kind",
            "date",
            "start",
            "end",
            "room_id",
            "workers",
            "status",
        ],
    );
    for row in rows {
        let m = &p.meetings[row.meeting];
        let status = if row.covered {
            "covered".to_string()
        } else {
            format!("uncovered: {}", row.reason)
        };
        t.push(vec![
            m.id.as_str().into(),
            p.families[m.family].id.as_str().into(),
            m.kind.as_str().into(),
            Cell::date(p.settings.week.date(m.day)),
            Cell::time(m.span.start),
            Cell::time(m.span.end),
            row.room
                .map(|r| p.rooms[r].id.clone())
                .unwrap_or_default()
                .into(),
            row.workers
                .iter()
                .map(|&w| p.workers[w].id.clone())
                .collect::<Vec<_>>()
                .join("|")
                .into(),
            status.into(),
        ]);
    }
    t
}
