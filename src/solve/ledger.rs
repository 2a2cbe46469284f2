//! The objective of the week under construction, kept up to date row by row (issue 25: "a move
//! touches only what it changes"). `WeekState` tells its ledger of every fixed row it books or
//! unbooks and of every worker-day it rebuilds; the ledger then re-prices only what changed:
//! the family whose counts moved ([`objective::family_terms`], the same function the full
//! evaluation uses), the worker whose hours moved, the meeting whose staff changed, the
//! reference rows a row matches. Reading the objective is O(1), so a search move costs what
//! its worker-days cost, not what the week costs.
//!
//! [`objective::terms`] stays the full recomputation from a roster's rows (the reports and
//! the checker's side use it); a unit test and a debug assertion in the search hold the two
//! equal after random moves.

use super::objective::{self, FamilyCounts, Terms};
use super::state::Received;
use crate::model::pins::{RowKey, rhythm_key, row_key};
use crate::model::{Activity, ActivityKind, ReferenceKind, Week};
use std::collections::HashMap;

/// A row's key in the reference it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum RefKey {
    Row(RowKey),
    Rhythm((usize, usize, u32, usize)),
}

/// How many of the reference's rows the week misses, kept per key: a reference row is missed
/// while no row of the week has its key.
#[derive(Debug, Clone)]
struct ReferenceTally {
    kind: ReferenceKind,
    /// Per key: reference rows with it, rows of the week with it.
    keys: HashMap<RefKey, (u32, u32)>,
    misses: u32,
}

impl ReferenceTally {
    fn new(p: &Week) -> Option<Self> {
        let r = p.reference.as_ref()?;
        let mut t = ReferenceTally {
            kind: r.kind,
            keys: HashMap::new(),
            misses: 0,
        };
        for a in &r.rows {
            if let Some(k) = t.key(a) {
                t.keys.entry(k).or_default().0 += 1;
                t.misses += 1;
            }
        }
        Some(t)
    }

    fn key(&self, a: &Activity) -> Option<RefKey> {
        match self.kind {
            ReferenceKind::Replan => Some(RefKey::Row(row_key(a))),
            ReferenceKind::Rhythm => rhythm_key(a).map(RefKey::Rhythm),
        }
    }

    fn row(&mut self, a: &Activity, booked: bool) {
        let Some(k) = self.key(a) else {
            return;
        };
        let Some((refs, present)) = self.keys.get_mut(&k) else {
            return;
        };
        if booked {
            *present += 1;
            if *present == 1 {
                self.misses -= *refs;
            }
        } else {
            *present -= 1;
            if *present == 0 {
                self.misses += *refs;
            }
        }
    }
}

/// The objective of a week, term by term, as its rows come and go.
#[derive(Debug, Clone)]
pub struct Ledger {
    history: Vec<crate::model::Hours>,
    primary_can_serve: Vec<bool>,
    /// Per family: the workers doing its client work, with their rows.
    serving: Vec<Vec<(usize, u32)>>,
    /// Per family: its part of the objective now.
    family: Vec<Terms>,
    /// The families' parts added up.
    families: Terms,
    /// Per worker: minutes worked (every row but breaks).
    worked: Vec<u32>,
    overtime_hours: f64,
    travel_minutes: u64,
    weekend_minutes: u64,
    uncovered_meetings: u32,
    reference: Option<ReferenceTally>,
}

impl Ledger {
    /// The ledger of the empty week.
    pub fn new(p: &Week) -> Self {
        let nf = p.families.len();
        let history: Vec<crate::model::Hours> = (0..nf).map(|f| p.history_hours(f)).collect();
        let primary_can_serve: Vec<bool> = (0..nf)
            .map(|f| objective::primary_can_serve(p, f))
            .collect();
        let family: Vec<Terms> = (0..nf)
            .map(|f| {
                objective::family_terms(
                    p,
                    f,
                    &FamilyCounts::default(),
                    history[f],
                    primary_can_serve[f],
                )
            })
            .collect();
        let mut families = Terms::default();
        for t in &family {
            families += *t;
        }
        Ledger {
            history,
            primary_can_serve,
            serving: vec![Vec::new(); nf],
            family,
            families,
            worked: vec![0; p.workers.len()],
            overtime_hours: 0.0,
            travel_minutes: 0,
            weekend_minutes: 0,
            uncovered_meetings: p.meetings.iter().filter(|m| m.staff > 0).count() as u32,
            reference: ReferenceTally::new(p),
        }
    }

    /// The workers doing family `f`'s client work (each once).
    pub fn serving(&self, f: usize) -> impl Iterator<Item = usize> + '_ {
        self.serving[f].iter().map(|(w, _)| *w)
    }

    /// A fixed row was booked (`booked`) or unbooked; the caller then re-prices its family
    /// with [`Ledger::family_changed`].
    pub fn row(&mut self, p: &Week, a: &Activity, booked: bool) {
        if let Some(r) = &mut self.reference {
            r.row(a, booked);
        }
        let Some(f) = a
            .family
            .filter(|_| a.kind.is_client() && a.meeting.is_none())
        else {
            return;
        };
        if objective::is_weekend(p, a.day) {
            let m = u64::from(a.minutes());
            if booked {
                self.weekend_minutes += m;
            } else {
                self.weekend_minutes -= m;
            }
        }
        let s = &mut self.serving[f];
        match s.iter().position(|(w, _)| *w == a.worker) {
            Some(i) if booked => s[i].1 += 1,
            Some(i) => {
                s[i].1 -= 1;
                if s[i].1 == 0 {
                    s.swap_remove(i);
                }
            }
            None if booked => s.push((a.worker, 1)),
            None => debug_assert!(false, "unbooked a row never booked"),
        }
    }

    /// Re-prices family `f` from what it has received now.
    pub fn family_changed(&mut self, p: &Week, f: usize, r: &Received) {
        let c = FamilyCounts {
            delivered: r.delivered(),
            in_person: r.in_person,
            remote: r.remote,
            visits: r.visits,
            joint: r.joint,
            workers: self.serving[f].len() as u32,
            primary_seen: p.families[f]
                .primary_worker
                .is_some_and(|w| self.serving[f].iter().any(|(x, _)| *x == w)),
        };
        let t = objective::family_terms(p, f, &c, self.history[f], self.primary_can_serve[f]);
        self.families -= self.family[f];
        self.families += t;
        self.family[f] = t;
    }

    /// Meeting `m`'s staff went from `before` workers to `after`.
    pub fn staff_changed(&mut self, p: &Week, m: usize, before: usize, after: usize) {
        let need = p.meetings[m].staff as usize;
        match (before < need, after < need) {
            (true, false) => self.uncovered_meetings -= 1,
            (false, true) => self.uncovered_meetings += 1,
            _ => {}
        }
    }

    /// Worker `w`'s built day went from `old` to `new` (travel and hours worked).
    pub fn day_changed(&mut self, p: &Week, w: usize, old: &[Activity], new: &[Activity]) {
        let sums = |day: &[Activity]| {
            day.iter().filter(|a| a.kind != ActivityKind::Break).fold(
                (0u32, 0u32),
                |(worked, travel), a| {
                    let m = a.minutes();
                    (
                        worked + m,
                        travel + if a.kind == ActivityKind::Travel { m } else { 0 },
                    )
                },
            )
        };
        let (old_worked, old_travel) = sums(old);
        let (new_worked, new_travel) = sums(new);
        self.travel_minutes = self.travel_minutes + u64::from(new_travel) - u64::from(old_travel);
        let before = objective::overtime_hours(p, w, self.worked[w]);
        self.worked[w] = self.worked[w] + new_worked - old_worked;
        self.overtime_hours += objective::overtime_hours(p, w, self.worked[w]) - before;
    }

    /// The terms of the week as it is.
    pub fn terms(&self) -> Terms {
        let mut t = self.families;
        t.uncovered_meetings = f64::from(self.uncovered_meetings);
        t.travel_hours = self.travel_minutes as f64 / 60.0;
        t.weekend_hours = self.weekend_minutes as f64 / 60.0;
        t.overtime_hours = self.overtime_hours;
        if let Some(r) = &self.reference {
            match r.kind {
                ReferenceKind::Replan => t.changes = f64::from(r.misses),
                ReferenceKind::Rhythm => t.rhythm_misses = f64::from(r.misses),
            }
        }
        t
    }

    /// The weighted objective of the week as it is.
    pub fn value(&self, p: &Week) -> f64 {
        self.terms().value(p)
    }
}

#[cfg(test)]
mod tests {
    use crate::generate::{GenOptions, generate};
    use crate::model::{Reference, ReferenceKind, Week};
    use crate::solve::baseline::baseline;
    use crate::solve::moves::{candidate_moves, make};
    use crate::solve::objective::{evaluate, terms};
    use crate::solve::state::WeekState;
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// The ledger's terms equal the full evaluation of the week's roster, term by term.
    fn agrees(st: &WeekState, what: &str) {
        let full = terms(st.p, &st.roster());
        let kept = st.terms();
        let pairs = full.amounts().into_iter().zip(kept.amounts());
        for (i, (a, b)) in pairs.enumerate() {
            assert!(
                (a - b).abs() < 1e-6,
                "{what}: term {i}: full {a}, ledger {b}"
            );
        }
    }

    /// Random moves, each kept or undone at random, on a week with every term in play: after
    /// each, the ledger equals the full evaluation; after an undo, the week is as it was.
    fn random_moves(p: &Week, seed: u64) {
        let start = baseline(p);
        let mut st = WeekState::from_activities(p, &start.activities).expect("a week");
        agrees(&st, "the start");
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut made = 0;
        for round in 0..4 {
            let mut moves = candidate_moves(p, &st.roster().activities);
            moves.shuffle(&mut rng);
            for mv in moves.into_iter().take(150) {
                let before = st.roster();
                let value = st.value();
                let terms_before = st.terms();
                st.begin();
                let ok = make(&mut st, &mv).is_some();
                if ok {
                    agrees(&st, &format!("round {round}, after {mv:?}"));
                }
                if ok && rng.random_bool(0.5) {
                    st.accept();
                    made += 1;
                } else {
                    st.rollback();
                    assert_eq!(st.roster(), before, "undo of {mv:?}");
                    assert!(
                        (st.value() - value).abs() < 1e-9,
                        "undo of {mv:?}: {:?} against {terms_before:?}",
                        st.terms()
                    );
                }
                // What each family received is what a week built afresh from the roster has.
                let fresh = WeekState::from_activities(p, &st.roster().activities).expect("a week");
                for f in 0..p.families.len() {
                    assert_eq!(st.received(f), fresh.received(f), "family {f} after {mv:?}");
                }
            }
            // A whole worker-day taken out (meetings too), then undone or kept.
            let (w, d) = (rng.random_range(0..p.workers.len()), rng.random_range(0..5));
            st.begin();
            if st.remove_rows(w, d, |a| !p.is_pinned(a)).is_some() {
                agrees(&st, "a worker-day taken out");
                st.accept();
            } else {
                st.rollback();
            }
        }
        assert!(made > 10, "only {made} moves made");
        assert!((st.value() - evaluate(p, &st.roster())).abs() < 1e-6);
    }

    #[test]
    fn the_ledger_follows_random_moves() {
        let mut p = Week::new(generate(&GenOptions::new(6, 18, 4)));
        p.settings.weights.weekend_hour = 0.5;
        random_moves(&p, 1);
        // Meetings as effort, and a week with Saturday work.
        p.settings.meetings_count_as_effort = true;
        random_moves(&p, 2);
    }

    #[test]
    fn the_ledger_counts_a_reference() {
        let p0 = Week::new(generate(&GenOptions::new(5, 14, 7)));
        let reference = baseline(&p0);
        for kind in [ReferenceKind::Replan, ReferenceKind::Rhythm] {
            let mut p = p0.clone();
            p.reference = Some(Reference {
                kind,
                rows: reference
                    .activities
                    .iter()
                    .filter(|a| a.kind.is_client() || a.kind.is_meeting())
                    .copied()
                    .collect(),
            });
            random_moves(&p, 3);
        }
    }
}
