//! `changes.csv` of a re-plan: the team lead's to-do list after a sick call. One row per client
//! or meeting activity after the moment that differs from the previous roster — `added`,
//! `removed`, `moved` (same worker, another time) or `reassigned` (another worker) — with
//! `before`/`after` as `date start-end worker`. A joint visit gives one row per worker; travel
//! and breaks are not listed.
//!
//! Pairing: rows present in both rosters exactly are unchanged; of the rest, a previous row is
//! paired with a new row of the same family (or meeting) and kind — the same worker first (a
//! move), the nearest in time first — else with another worker's (a reassignment); what is left
//! is removed (previous) or added (new). `worker_id` is the worker who does it after the change
//! (for `removed`: who did it before), so each worker's calls are together.

use crate::model::pins::row_key;
use crate::model::table::{Cell, DataTable};
use crate::model::{Activity, ActivityKind, Roster, Week};
use std::collections::{HashMap, VecDeque};

/// What happened to one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Removed,
    Moved,
    Reassigned,
}

impl ChangeKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Moved => "moved",
            ChangeKind::Reassigned => "reassigned",
        }
    }
}

/// One changed activity.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub before: Option<Activity>,
    pub after: Option<Activity>,
}

impl Change {
    /// The row the change is listed under: after the change, or before it when removed.
    fn row(&self) -> &Activity {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .expect("a change has a side")
    }
}

/// The kind of work a row is, for pairing: a visit (home or joint), a remote session, or a
/// meeting's staffing.
fn subject(a: &Activity) -> (Option<usize>, Option<usize>, u8) {
    let class = match a.kind {
        ActivityKind::HomeVisit | ActivityKind::JointVisit => 0,
        ActivityKind::Remote => 1,
        _ => 2,
    };
    (a.family.filter(|_| a.meeting.is_none()), a.meeting, class)
}

fn is_listed(a: &Activity) -> bool {
    a.kind.is_client() || a.kind.is_meeting()
}

/// The changes from `before` to `after` (each the rows after the moment).
///
/// Linear in the rows (apart from the pairing within one family's or meeting's rows): the
/// unchanged rows are matched by their key through a map, and each previous row looks for its
/// pair among the new rows of its own subject only.
pub fn changes(before: &[Activity], after: &[Activity]) -> Vec<Change> {
    let mut prev: Vec<Activity> = before.iter().filter(|a| is_listed(a)).copied().collect();
    let now: Vec<Activity> = after.iter().filter(|a| is_listed(a)).copied().collect();
    let mut taken = vec![false; now.len()];
    // Unchanged rows (the same work for the worker, whoever the partner) leave both lists:
    // each previous row takes the first new row with its key not yet taken.
    let mut by_key: HashMap<_, VecDeque<usize>> = HashMap::new();
    for (j, b) in now.iter().enumerate() {
        by_key.entry(row_key(b)).or_default().push_back(j);
    }
    prev.retain(
        |a| match by_key.get_mut(&row_key(a)).and_then(VecDeque::pop_front) {
            Some(j) => {
                taken[j] = true;
                false
            }
            None => true,
        },
    );
    prev.sort_by_key(|a| (a.day, a.span.start, a.worker));
    let mut by_subject: HashMap<_, Vec<usize>> = HashMap::new();
    for (j, b) in now.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        by_subject.entry(subject(b)).or_default().push(j);
    }
    let mut out = Vec::new();
    let mut unpaired = Vec::new();
    for a in prev {
        let distance = |b: &Activity| {
            let t = |x: &Activity| x.day as i64 * 1440 + i64::from(x.span.start);
            (b.worker != a.worker, (t(b) - t(&a)).abs())
        };
        // The nearest new row of the same subject (the first of equals, in roster order).
        let pick = by_subject.get_mut(&subject(&a)).and_then(|group| {
            let k = (0..group.len()).min_by_key(|&k| distance(&now[group[k]]))?;
            Some(group.remove(k))
        });
        match pick {
            Some(j) => {
                taken[j] = true;
                let b = now[j];
                let kind = if b.worker == a.worker {
                    ChangeKind::Moved
                } else {
                    ChangeKind::Reassigned
                };
                out.push(Change {
                    kind,
                    before: Some(a),
                    after: Some(b),
                });
            }
            None => unpaired.push(a),
        }
    }
    out.extend(unpaired.into_iter().map(|a| Change {
        kind: ChangeKind::Removed,
        before: Some(a),
        after: None,
    }));
    out.extend(
        now.into_iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(b, _)| Change {
                kind: ChangeKind::Added,
                before: None,
                after: Some(b),
            }),
    );
    out
}

/// `changes.csv` of a re-plan of `previous` into `roster` (`p` holds the moment and the
/// previous roster's rows after it as its reference).
pub fn changes_table(p: &Week, roster: &Roster) -> DataTable {
    let mut t = DataTable::new(
        "changes.csv",
        &[
            "worker_id",
            "family_id",
            "meeting_id",
            "change",
            "before",
            "after",
        ],
    );
    let before: &[Activity] = p.reference.as_ref().map_or(&[], |r| &r.rows);
    let after: Vec<Activity> = roster
        .activities
        .iter()
        .filter(|a| !p.past.contains(a))
        .copied()
        .collect();
    let mut list = changes(before, &after);
    let key = |c: &Change| {
        let a = c.row();
        (p.workers[a.worker].id.clone(), a.day, a.span.start, c.kind)
    };
    list.sort_by_key(key);
    let side = |a: &Option<Activity>| -> Cell {
        a.map_or(String::new(), |a| {
            format!(
                "{} {} {}",
                p.settings.week.date(a.day),
                a.span,
                p.workers[a.worker].id
            )
        })
        .into()
    };
    for c in &list {
        let a = c.row();
        let family = a
            .meeting
            .map(|m| p.meetings[m].family)
            .or(a.family)
            .map_or(String::new(), |f| p.families[f].id.clone());
        let meeting = a
            .meeting
            .map_or(String::new(), |m| p.meetings[m].id.clone());
        t.push(vec![
            p.workers[a.worker].id.as_str().into(),
            family.into(),
            meeting.into(),
            c.kind.as_str().into(),
            side(&c.before),
            side(&c.after),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::{self, FA, FB, HOME_A, HOME_B};

    #[test]
    fn each_change_is_named_and_unchanged_rows_are_not_listed() {
        let kept = tiny::visit(0, 1, "09:00", "10:00", FA, HOME_A);
        let moved_from = tiny::visit(0, 2, "09:00", "10:00", FB, HOME_B);
        let moved_to = tiny::visit(0, 2, "13:00", "14:00", FB, HOME_B);
        let gone = tiny::visit(0, 3, "09:00", "10:00", FA, HOME_A);
        let taken_over = tiny::visit(1, 3, "11:00", "12:00", FB, HOME_B);
        let handed_over = tiny::visit(0, 3, "11:00", "12:00", FB, HOME_B);
        let new = Activity {
            kind: crate::model::ActivityKind::Remote,
            location: None,
            ..tiny::visit(1, 4, "09:00", "09:30", FA, HOME_A)
        };
        let before = [kept, moved_from, gone, taken_over];
        let after = [kept, moved_to, handed_over, new];
        let got: Vec<(ChangeKind, Option<Activity>, Option<Activity>)> = changes(&before, &after)
            .into_iter()
            .map(|c| (c.kind, c.before, c.after))
            .collect();
        assert_eq!(
            got,
            vec![
                (ChangeKind::Moved, Some(moved_from), Some(moved_to)),
                (ChangeKind::Reassigned, Some(taken_over), Some(handed_over)),
                (ChangeKind::Removed, Some(gone), None),
                (ChangeKind::Added, None, Some(new)),
            ]
        );
    }
}
