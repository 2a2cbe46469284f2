//! Large-neighbourhood search on the timed roster (ruin and recreate): remove the client work
//! of a few related families (or one worker's day, meetings included), let the greedy put it
//! back in a new order through the same `WeekState` (so rules 1–9 hold after every move), and
//! accept the result by record-to-record travel on the exact objective; the best roster seen is
//! returned, so the search never ends worse than it started.
//!
//! Why: the assignment MIP decides days and workers but not times, and its decisions do not
//! always fit the day once travel is explicit; the greedy alone is myopic. Moves that re-plan a
//! neighbourhood with everything else fixed repair both, and each is cheap (one rebuild of the
//! week and one greedy pass), so thousands fit in a few seconds on a team's week.
//!
//! Deterministic: the moves come from a seeded generator and the search stops after a fixed
//! number of moves; the deadline only cuts it short on a slow machine or a huge instance.

use super::baseline::{RemotePlan, far_first, fill_in_order, missing};
use super::moves::Neighbours;
use super::objective::evaluate;
use super::state::WeekState;
use crate::model::{Activity, Roster, Week};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;
use std::time::Instant;

/// What the search did.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SearchStats {
    pub moves: usize,
    pub improving: usize,
    pub start: f64,
    pub end: f64,
    /// What the routing moves bought after the ruin-and-recreate search.
    pub routing: super::moves::Gains,
}

/// Moves per family. Objectives summed over the example, 10 × 30 and a planted 12 × 36 (30 s
/// limit, measured 2026-11-23): 40 moves per family 589.8 (threshold 0) and 590.2 (threshold
/// 3); 150 per family 584.3 (threshold 0) and 577.8 (threshold 3).
const MOVES_PER_FAMILY: usize = 150;

/// How much worse than the current roster a move may be at the start of the search (in
/// objective units: three hours of travel at the default weights); it falls to zero by the
/// end. Measured as above; a threshold of 8 gave 607.4 at 40 moves per family.
const THRESHOLD: f64 = 3.0;

/// Nearest families a ruin may take with the one it picks.
const RUIN_NEIGHBOURS: usize = 12;

/// Share of the time left that the ruin-and-recreate search may use; the rest is kept for
/// [`lengthen_short_visits`] (planted 120 × 400 at 60 s: 99.68 % coverage when the search
/// used all of it).
const POLISH_SHARE: f64 = 0.85;

/// Moves tried at most: enough for a team's week to settle, few enough that a normal time
/// limit does not cut the search (which keeps it deterministic).
pub fn move_budget(p: &Week) -> usize {
    (MOVES_PER_FAMILY * p.families.len()).clamp(500, 60_000)
}

/// Improves `roster` by large-neighbourhood search until `moves` moves are tried or
/// `deadline` passes; `progress` is told about every new best objective.
pub fn improve(
    p: &Week,
    roster: Roster,
    moves: usize,
    deadline: Instant,
    mut progress: impl FnMut(usize, f64),
) -> (Roster, SearchStats) {
    let mut stats = SearchStats::default();
    if p.families.is_empty() {
        let v = evaluate(p, &roster);
        (stats.start, stats.end) = (v, v);
        return (roster, stats);
    }
    let Some(mut st) = WeekState::from_activities(p, &roster.activities) else {
        let v = evaluate(p, &roster);
        (stats.start, stats.end) = (v, v);
        return (roster, stats);
    };
    // The week is changed in place, each move undone unless accepted (only the worker-days a
    // move touches are rebuilt and re-priced: `solve::ledger`).
    let mut value = st.value();
    (stats.start, stats.end) = (value, value);
    // Families still short in the current roster, kept from the week state of each accepted
    // move rather than recounted from the roster on every move.
    let mut short = short_families(&st);
    let mut near = Neighbours::new(p, RUIN_NEIGHBOURS);
    let base_order = far_first(p);
    let mut rng = ChaCha8Rng::seed_from_u64(0x5eed);
    let mut best = roster.activities;
    let mut best_value = value;
    // The last part of the time is kept for lengthening short families' visits, which a large
    // week whose search the limit cuts would otherwise never get to.
    let now = Instant::now();
    let search_deadline = now
        + deadline
            .saturating_duration_since(now)
            .mul_f64(POLISH_SHARE);
    for i in 0..moves {
        if Instant::now() >= search_deadline {
            break;
        }
        stats.moves = i + 1;
        let removed = ruin(&st, &mut near, &short, &mut rng);
        st.begin();
        if take_out(&mut st, &removed).is_none() {
            st.rollback();
            continue;
        }
        let mut first: Vec<usize> = removed.families.iter().copied().collect();
        first.shuffle(&mut rng);
        let order: Vec<usize> = first
            .iter()
            .copied()
            .chain(
                base_order
                    .iter()
                    .copied()
                    .filter(|f| !removed.families.contains(f)),
            )
            .collect();
        // Each move plans remote work one of the greedy's two ways; the objective judges.
        let remote = if rng.random_bool(0.5) {
            RemotePlan::Ceiling
        } else {
            RemotePlan::CapFirst
        };
        fill_in_order(&mut st, &order, remote);
        let v = st.value();
        // Record-to-record travel: a move may make things a little worse early on, less so
        // later, which lets the search leave a local optimum; the best roster is kept aside.
        let slack = THRESHOLD * (1.0 - i as f64 / moves as f64);
        if v <= value + slack + 1e-9 {
            st.accept();
            value = v;
            short = short_families(&st);
            if v < best_value - 1e-9 {
                stats.improving += 1;
                progress(i + 1, v);
                best_value = v;
                best = st.roster().activities;
            }
        } else {
            st.rollback();
        }
    }
    let best_value = evaluate(
        p,
        &Roster {
            activities: best.clone(),
        },
    );
    // The routing descent takes at most half of what is left, so that lengthening short
    // visits (which coverage needs most on large weeks) always gets its share.
    let now = Instant::now();
    let halfway = now + deadline.saturating_duration_since(now) / 2;
    let (best, best_value, gains) = super::moves::descend(p, best, best_value, halfway);
    stats.routing = gains;
    let (best, best_value) = lengthen_short_visits(p, best, best_value, deadline);
    stats.end = best_value;
    (Roster { activities: best }, stats)
}

/// A polishing move for families still short at the end of the search: one of the family's
/// home visits grows by a grid step (a remote session by five minutes), and the worker's other
/// home visits and remote sessions of that day are put back as early as they fit, in their
/// order (so the day makes room). Then a short family's week is planned again visits first,
/// or its missing minutes go wherever the greedy finds room. With one visit a day a
/// family can often grow only this way, which ruin-and-recreate rarely finds: it re-plans
/// whole families, not the times of one day. Kept when the exact objective falls; repeated
/// while it does.
fn lengthen_short_visits(
    p: &Week,
    best: Vec<Activity>,
    value: f64,
    deadline: Instant,
) -> (Vec<Activity>, f64) {
    use super::grid::GRID;
    use crate::model::{ActivityKind, Interval};
    let Some(mut st) = WeekState::from_activities(p, &best) else {
        return (best, value);
    };
    let mut value = st.value();
    let mut improved = true;
    while improved && Instant::now() < deadline {
        improved = false;
        let short = short_families(&st);
        let visits: Vec<Activity> = short
            .iter()
            .flat_map(|&f| st.family_rows(f))
            .filter(|a| matches!(a.kind, ActivityKind::HomeVisit | ActivityKind::Remote))
            .collect();
        'visits: for v in visits {
            let f = v.family.unwrap_or_default();
            let fam = &p.families[f];
            // A visit grows by a grid step, a remote session by five minutes (its grid).
            let (step, longest) = if v.kind == ActivityKind::Remote {
                (REMOTE_STEP, fam.remote_minutes.1)
            } else {
                (GRID, fam.visit_minutes.1)
            };
            if v.minutes() + step > longest {
                continue;
            }
            let (w, d) = (v.worker, v.day);
            // Pinned rows (agreed appointments, a re-plan's past) keep their times.
            let moves = |a: &Activity| {
                matches!(a.kind, ActivityKind::HomeVisit | ActivityKind::Remote) && !p.is_pinned(a)
            };
            if !moves(&v) {
                continue;
            }
            st.begin();
            let Some(mut day) = st.remove_rows(w, d, moves) else {
                st.rollback();
                continue;
            };
            day.sort_by_key(|a| a.span.start);
            for a in &day {
                let g = a.family.unwrap_or_default();
                let len = a.minutes() + if *a == v { step } else { 0 };
                let placed = super::baseline::starts(p, w, g, d, len)
                    .into_iter()
                    .find_map(|s| {
                        let mut b = *a;
                        b.span = Interval::new(s, s + len);
                        st.try_add(w, d, &[b]).map(|plan| (plan, b))
                    });
                let Some((plan, b)) = placed else {
                    st.rollback();
                    continue 'visits;
                };
                st.commit(plan, &[b]);
            }
            let x = st.value();
            if x < value - 1e-9 {
                st.accept();
                value = x;
                improved = true;
                break;
            }
            st.rollback();
        }
    }
    // What lengthening cannot give: a short family's week planned again visits first (the
    // greedy's remote reserve spreads sessions over days on which rule 7 then allows no
    // visit), or its missing minutes wherever the greedy finds room now.
    for f in short_families(&st) {
        for replan in [true, false] {
            st.begin();
            let removed = Removed {
                families: BTreeSet::from([f]),
                meetings: BTreeSet::new(),
            };
            if replan && take_out(&mut st, &removed).is_none() {
                st.rollback();
                continue;
            }
            super::baseline::top_up(&mut st, f);
            let x = st.value();
            if x < value - 1e-9 {
                st.accept();
                value = x;
                break;
            }
            st.rollback();
        }
    }
    let best = st.into_roster();
    let value = evaluate(p, &best);
    (best.activities, value)
}

/// Minutes a remote session grows by in the polish (the greedy's remote-session grid).
const REMOTE_STEP: u32 = 5;

/// What one move takes out of the roster.
#[derive(Debug, Default)]
struct Removed {
    /// Families whose client work (visits, joint visits, remote sessions) is removed.
    families: BTreeSet<usize>,
    /// Meetings whose staffing is removed.
    meetings: BTreeSet<usize>,
}

fn is_removed(a: &Activity, r: &Removed) -> bool {
    match (a.meeting, a.family) {
        (Some(m), _) => r.meetings.contains(&m),
        (None, Some(f)) => a.kind.is_client() && r.families.contains(&f),
        _ => false,
    }
}

/// Picks a neighbourhood: a family and its nearest neighbours (most moves; families still
/// short are picked more often), or everything one worker does on one day.
fn ruin(st: &WeekState, near: &mut Neighbours, short: &[usize], rng: &mut ChaCha8Rng) -> Removed {
    let p = st.p;
    let mut r = Removed::default();
    // A week without workers (a scenario may remove them all) has no worker-day to ruin.
    if !p.workers.is_empty() && rng.random_bool(0.25) {
        let w = rng.random_range(0..p.workers.len());
        let d = rng.random_range(0..7);
        for a in st.items(w, d) {
            match (a.meeting, a.family) {
                (Some(m), _) => {
                    r.meetings.insert(m);
                }
                (None, Some(f)) if a.kind.is_client() => {
                    r.families.insert(f);
                }
                _ => {}
            }
        }
        if !r.families.is_empty() || !r.meetings.is_empty() {
            return r;
        }
    }
    let picked_short = !short.is_empty() && rng.random_bool(0.5);
    let f = if picked_short {
        short[rng.random_range(0..short.len())]
    } else {
        rng.random_range(0..p.families.len())
    };
    r.families.insert(f);
    if picked_short && rng.random_bool(0.5) {
        // The families sharing a worker-day with the short one: re-planned together, their
        // visits can be re-timed to make room for a longer visit (one visit a day means a
        // short family can often only grow by the length of a visit it already has).
        let days: BTreeSet<(usize, usize)> = st
            .family_rows(f)
            .iter()
            .map(|a| (a.worker, a.day))
            .collect();
        for (w, d) in days {
            r.families.extend(
                st.items(w, d)
                    .iter()
                    .filter(|a| a.kind.is_client())
                    .filter_map(|a| a.family),
            );
        }
        return r;
    }
    let near = near.of(p, f);
    let k = rng.random_range(1..=5).min(near.len());
    r.families.extend(near.iter().take(k).copied());
    r
}

/// Takes what `r` names out of the week: the rows of its families' client work and of its
/// meetings, but for pinned rows; `None` when a day left cannot be built (roll back).
fn take_out(st: &mut WeekState, r: &Removed) -> Option<()> {
    let p = st.p;
    let mut days: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &f in &r.families {
        days.extend(st.family_rows(f).iter().map(|a| (a.worker, a.day)));
    }
    for &m in &r.meetings {
        days.extend(st.meeting_staff(m).iter().map(|&w| (w, p.meetings[m].day)));
    }
    for (w, d) in days {
        st.remove_rows(w, d, |a| !p.is_pinned(a) && is_removed(a, r))?;
    }
    Some(())
}

/// Families that received less than their weekly hours in `st`.
fn short_families(st: &WeekState) -> Vec<usize> {
    (0..st.p.families.len())
        .filter(|&f| missing(st, f) > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenOptions, generate};
    use crate::model::Problem;

    /// A generated week of two workers and three families, with every worker removed.
    fn no_workers() -> Problem {
        let mut p = generate(&GenOptions::new(2, 3, 5));
        p.workers.clear();
        p.exceptions.clear();
        for f in &mut p.families {
            f.primary_worker = None;
            f.excluded_workers.clear();
        }
        p.rebuild_derived();
        p
    }

    #[test]
    fn ruin_without_workers_picks_families() {
        let p = Week::new(no_workers());
        let mut near = Neighbours::new(&p, RUIN_NEIGHBOURS);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let st = WeekState::new(&p);
        // Enough draws that the worker-day branch (one in four) would be taken.
        for _ in 0..64 {
            let r = ruin(&st, &mut near, &[0, 1, 2], &mut rng);
            assert!(!r.families.is_empty());
        }
    }

    #[test]
    fn search_without_workers_ends_with_the_empty_roster() {
        let p = Week::new(no_workers());
        let deadline = Instant::now() + std::time::Duration::from_secs(5);
        let (r, stats) = improve(&p, Roster::default(), 200, deadline, |_, _| {});
        assert!(r.activities.is_empty());
        assert_eq!(stats.moves, 200);
        assert_eq!(stats.end, evaluate(&p, &r));
    }
}
