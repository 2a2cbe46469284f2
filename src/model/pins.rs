//! What a week's plan must keep: appointments agreed with families (`appointments.csv`) and,
//! when re-planning from a moment, everything the previous roster did before it. Both end up
//! as *pinned* rows that every planner phase starts from and no move takes away.

use super::roster::{Activity, ActivityKind};
use super::time::Interval;
use std::collections::{BTreeSet, HashMap, HashSet};

/// How much of an appointment is agreed (`appointments.csv`, column `lock`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lock {
    /// This worker (or pair) at this time: kept exactly.
    Fixed,
    /// This time, any qualified worker: the planner picks who.
    Time,
    /// This worker on this date: the planner picks the time within the windows.
    Worker,
}

impl Lock {
    pub const ALL: [Lock; 3] = [Lock::Fixed, Lock::Time, Lock::Worker];

    pub fn as_str(&self) -> &'static str {
        match self {
            Lock::Fixed => "fixed",
            Lock::Time => "time",
            Lock::Worker => "worker",
        }
    }

    /// `fixed`, `time` or `worker`; an empty lock means `fixed`.
    pub fn parse(s: &str) -> Option<Lock> {
        if s.is_empty() {
            return Some(Lock::Fixed);
        }
        Lock::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// One agreed contact with a family (a row of `appointments.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Appointment {
    pub family: usize,
    /// Day of the planned week; `None` when the date lies outside it.
    pub day: Option<usize>,
    /// The agreed time (for [`Lock::Worker`] only its length counts).
    pub span: Interval,
    /// `HomeVisit`, `JointVisit` or `Remote`.
    pub kind: ActivityKind,
    pub worker: Option<usize>,
    pub partner: Option<usize>,
    pub lock: Lock,
}

/// What became of one appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppointmentStatus {
    Kept,
    /// Dropped, with the reason in a team lead's words.
    Dropped(String),
}

impl AppointmentStatus {
    /// `kept` or `dropped: <reason>` (the output's `status` column).
    pub fn render(&self) -> String {
        match self {
            AppointmentStatus::Kept => "kept".to_owned(),
            AppointmentStatus::Dropped(why) => format!("dropped: {why}"),
        }
    }

    pub fn is_kept(&self) -> bool {
        matches!(self, AppointmentStatus::Kept)
    }
}

/// The columns of `appointments.csv`, in the contract's order.
pub const APPOINTMENT_COLUMNS: [&str; 8] = [
    "family_id",
    "date",
    "start",
    "end",
    "kind",
    "worker_id",
    "partner_worker_id",
    "lock",
];

/// `appointments.csv` as the user wrote it: per row, the text of each of
/// [`APPOINTMENT_COLUMNS`] (columns the contract does not know are listed as ignored, not
/// repeated).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verbatim {
    pub rows: Vec<Vec<String>>,
}

/// The moment a re-plan starts from: day of the week and minute of the day. Rows that start
/// before it have happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    pub day: usize,
    pub minute: u32,
}

impl Moment {
    /// True when a row on `day` starting at `start` starts before the moment.
    pub fn is_later_than(&self, day: usize, start: u32) -> bool {
        (day, start) < (self.day, self.minute)
    }
}

/// The past of a re-plan: the previous roster's rows that start before the moment, verbatim
/// (travel and breaks included), indexed by row and by worker-day: the planner asks about the
/// past on every change it tries, so no question scans all of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Past {
    pub moment: Option<Moment>,
    pub rows: Vec<Activity>,
    /// Every row of `rows`.
    set: HashSet<Activity>,
    /// Per (worker, day): the indices into `rows` of that worker-day's rows, in `rows` order.
    by_day: HashMap<(usize, usize), Vec<usize>>,
}

impl Past {
    /// The past of a re-plan from `moment` made of `rows`.
    pub fn new(moment: Option<Moment>, rows: Vec<Activity>) -> Past {
        let set = rows.iter().copied().collect();
        let mut by_day: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, a) in rows.iter().enumerate() {
            by_day.entry((a.worker, a.day)).or_default().push(i);
        }
        Past {
            moment,
            rows,
            set,
            by_day,
        }
    }

    /// True when a new row on `day` at `start` would lie in the past.
    pub fn forbids(&self, day: usize, start: u32) -> bool {
        self.moment.is_some_and(|m| m.is_later_than(day, start))
    }

    /// True when `a` is a row of the past.
    pub fn contains(&self, a: &Activity) -> bool {
        !self.set.is_empty() && self.set.contains(a)
    }

    /// True when `a` has happened: it starts before the moment, or it is a row of the past
    /// (the activity a worker was already on the way to at the moment).
    pub fn happened(&self, a: &Activity) -> bool {
        self.forbids(a.day, a.span.start) || self.contains(a)
    }

    /// The past rows of one worker-day, in the order of `rows`.
    pub fn rows_of(&self, worker: usize, day: usize) -> impl Iterator<Item = &Activity> {
        self.by_day
            .get(&(worker, day))
            .into_iter()
            .flatten()
            .map(|&i| &self.rows[i])
    }
}

/// Identifies a row for a worker: who, when, what and where (a joint visit's partner is the
/// partner's own row).
pub type RowKey = (
    usize,
    usize,
    u32,
    u32,
    ActivityKind,
    Option<usize>,
    Option<usize>,
    Option<usize>,
);

/// The [`RowKey`] of a row: two rows with the same key are the same work for the worker.
pub fn row_key(a: &Activity) -> RowKey {
    (
        a.worker,
        a.day,
        a.span.start,
        a.span.end,
        a.kind,
        a.family,
        a.meeting,
        a.location,
    )
}

/// The rows every plan of the week keeps, and what became of each appointment. Set by
/// `solve::pins::pin` before planning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pins {
    /// Fixed rows (no travel; a re-plan's past breaks stay): the past's and the kept appointments'.
    rows: Vec<Activity>,
    keys: BTreeSet<RowKey>,
    /// The rows of the kept appointments (every row of `placed`), by [`row_key`].
    appointment_keys: BTreeSet<RowKey>,
    /// Per appointment (in file order): kept or dropped with its reason.
    pub status: Vec<AppointmentStatus>,
    /// Per appointment: its rows when kept (two for a joint visit).
    placed: Vec<Vec<Activity>>,
}

impl Pins {
    pub fn new(
        rows: Vec<Activity>,
        status: Vec<AppointmentStatus>,
        placed: Vec<Vec<Activity>>,
    ) -> Pins {
        let keys = rows.iter().map(row_key).collect();
        let appointment_keys = placed.iter().flatten().map(row_key).collect();
        Pins {
            rows,
            keys,
            appointment_keys,
            status,
            placed,
        }
    }

    /// Per appointment (in file order): the rows it was kept as (none when dropped).
    pub fn placed(&self) -> &[Vec<Activity>] {
        &self.placed
    }

    /// The pinned rows.
    pub fn rows(&self) -> &[Activity] {
        &self.rows
    }

    /// True when `a` is a pinned row (no move may take it away).
    pub fn contains(&self, a: &Activity) -> bool {
        !self.keys.is_empty() && self.keys.contains(&row_key(a))
    }

    /// True when `a` is a row of a kept appointment.
    pub fn is_appointment(&self, a: &Activity) -> bool {
        !self.appointment_keys.is_empty() && self.appointment_keys.contains(&row_key(a))
    }
}

/// What a reference roster asks of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    /// `replan`: keep the previous roster's activities after the moment as they were.
    Replan,
    /// `plan --previous`: give each family its visits of last week on the same weekday, in the
    /// same hour, by the same worker.
    Rhythm,
}

/// A roster the plan should stay close to (the objective's `change` or `rhythm` term).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub kind: ReferenceKind,
    /// Its client and meeting rows (of the week's days; for `Rhythm` matched by weekday).
    pub rows: Vec<Activity>,
}

/// The part of a row that a `Rhythm` reference matches on: family, weekday, hour of the start,
/// worker.
pub fn rhythm_key(a: &Activity) -> Option<(usize, usize, u32, usize)> {
    let f = a.family.filter(|_| a.kind.is_visit())?;
    Some((f, a.day, a.span.start / 60, a.worker))
}

impl Reference {
    /// How many of its rows `roster` misses: for `Replan`, rows not present exactly (same
    /// worker, day, times, kind, family or meeting); for `Rhythm`, visits with no visit of the
    /// family on the same weekday, in the same hour, by the same worker.
    pub fn misses(&self, roster: &[Activity]) -> usize {
        match self.kind {
            ReferenceKind::Replan => {
                let now: BTreeSet<RowKey> = roster.iter().map(row_key).collect();
                self.rows
                    .iter()
                    .filter(|a| !now.contains(&row_key(a)))
                    .count()
            }
            ReferenceKind::Rhythm => {
                let now: BTreeSet<_> = roster.iter().filter_map(rhythm_key).collect();
                self.rows
                    .iter()
                    .filter_map(rhythm_key)
                    .filter(|k| !now.contains(k))
                    .count()
            }
        }
    }
}
