//! "How many more families like F can we take?": the largest number `n` of added copies of a
//! family for which the planner finds a week with no shortfall for anyone, with as few solves
//! as possible. Solves run `jobs` at a time: first galloping (1, 2, then doubling) until a
//! number does not fit or `max` is reached, then a search of the open interval that splits it
//! into `jobs + 1` parts per round. Every solve is warm-started from the week's own plan.
//!
//! The answer is what the planner proves by example: `n` fits (its plan is returned), `n + 1`
//! was tried and left a shortfall (its reason is returned). The planner is a heuristic with a
//! time limit, so a larger number might fit with more time; it never reports one that does not.

use super::{Applied, apply, carry_over};
use crate::model::{Plan, Roster, Scenario, Week};
use std::collections::BTreeMap;

/// One solve of `count` added families.
#[derive(Debug, Clone)]
pub struct Trial {
    pub count: u32,
    pub applied: Applied,
    pub plan: Plan,
    /// The first family left short and why (`None`: no shortfall), as they may be printed:
    /// control and invisible characters escaped by [`crate::report::text::terminal`].
    pub short: Option<(String, String)>,
}

/// The answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Largest number of added families that fit (0 when not even one does).
    pub fits: u32,
    /// The trial of `fits` (with 0 added families when none fit).
    pub trial: Trial,
    /// The trial of `fits + 1`, unless `fits` reached `max`.
    pub next: Option<Trial>,
    /// Every count solved, in order.
    pub solved: Vec<u32>,
    /// Rounds of parallel solves after the week itself (what the wall time follows).
    pub rounds: usize,
}

fn scenario(like: usize, count: u32) -> Scenario {
    Scenario {
        name: format!("{count} more like it"),
        add_families: if count > 0 {
            vec![crate::model::Copies { like, count }]
        } else {
            Vec::new()
        },
        ..Scenario::default()
    }
}

/// Solves `count` added families from the week's plan `week`.
fn trial(p: &Week, week: &Roster, like: usize, count: u32) -> Trial {
    let applied = apply(p, &scenario(like, count));
    let warm = carry_over(week, &applied);
    let plan = crate::solve::plan_warm(&applied.week, warm, &|_| {});
    let q = &applied.week;
    let rows = crate::report::coverage::family_rows(q, &plan.roster);
    // New families first: their reason is the one a manager asks about.
    let short = rows
        .iter()
        .rev()
        .find(|r| r.shortfall_hours > 0.0)
        .map(|r| {
            let shown = |t: &str| crate::report::text::terminal(t).into_owned();
            (shown(&q.families[r.family].id), shown(&r.reason))
        });
    Trial {
        count,
        applied,
        plan,
        short,
    }
}

/// The largest number of families like `like` (at most `max`) that can be added with no
/// shortfall for anyone; see the module doc. `progress` gets a line per solve.
pub fn capacity(
    p: &Week,
    like: usize,
    max: u32,
    jobs: usize,
    progress: &(dyn Fn(&str) + Sync),
) -> Answer {
    let jobs = jobs.clamp(1, super::MAX_JOBS) as u32;
    let mut done: BTreeMap<u32, Trial> = BTreeMap::new();
    let week = {
        let t = trial(p, &Roster::default(), like, 0);
        progress(&format!(
            "the week as it is: {}",
            t.short
                .as_ref()
                .map(|(f, _)| format!("{f} is already short"))
                .unwrap_or_else(|| "no shortfall".into())
        ));
        let r = t.plan.roster.clone();
        done.insert(0, t);
        r
    };
    let rounds = std::cell::Cell::new(0usize);
    let fits =
        |done: &BTreeMap<u32, Trial>, k: u32| done.get(&k).is_some_and(|t| t.short.is_none());
    // One round: solves the distinct `counts` at once, then moves `lo` up to the largest count
    // that fit and `hi` down to the smallest that did not.
    let narrow =
        |counts: Vec<u32>, done: &mut BTreeMap<u32, Trial>, lo: &mut u32, hi: &mut Option<u32>| {
            rounds.set(rounds.get() + 1);
            let counts: Vec<u32> = counts
                .into_iter()
                .collect::<std::collections::BTreeSet<u32>>()
                .into_iter()
                .collect();
            for t in super::map_jobs(&counts, jobs as usize, |&k| trial(p, &week, like, k)) {
                progress(&format!(
                    "{} more: {}",
                    t.count,
                    match &t.short {
                        None => "fits".to_string(),
                        Some((f, _)) => format!("{f} left short"),
                    }
                ));
                done.insert(t.count, t);
            }
            for k in counts {
                if fits(done, k) {
                    *lo = (*lo).max(k);
                } else {
                    *hi = Some(hi.map_or(k, |h| h.min(k)));
                }
            }
        };
    let (mut lo, mut hi) = (0u32, None::<u32>);
    if fits(&done, 0) {
        // Galloping: the next `jobs` counts past the last that fit, doubling.
        let mut step = 1u32;
        while hi.is_none() && lo < max {
            narrow(gallop(lo, step, jobs, max), &mut done, &mut lo, &mut hi);
            step = step.saturating_mul(pow2(jobs));
        }
        // Search (lo, hi): `jobs` cuts per round.
        while let Some(h) = hi {
            if h <= lo + 1 {
                break;
            }
            narrow(cuts(lo, h, jobs), &mut done, &mut lo, &mut hi);
        }
    }
    // A heuristic may fit a larger count after failing a smaller one; the answer is the largest
    // count below the smallest failure, so that `fits + 1` is a tried failure.
    let solved: Vec<u32> = done.keys().copied().collect();
    let first_fail = done
        .iter()
        .find(|(_, t)| t.short.is_some())
        .map(|(k, _)| *k);
    let mut next = first_fail.and_then(|f| done.remove(&f));
    let mut n = first_fail.map_or(lo, |f| f.saturating_sub(1));
    let plan = loop {
        let t = done.remove(&n).unwrap_or_else(|| trial(p, &week, like, n));
        if t.short.is_none() || n == 0 {
            break t;
        }
        next = Some(t);
        n -= 1;
    };
    Answer {
        fits: n,
        trial: plan,
        next,
        solved,
        rounds: rounds.get(),
    }
}

/// 2^i, or `u32::MAX` from i = 32 on (a shift by 32 or more overflows a `u32`).
fn pow2(i: u32) -> u32 {
    1u32.checked_shl(i).unwrap_or(u32::MAX)
}

/// One galloping round: `lo + step·2^i` for i < `jobs`, capped at `max`.
fn gallop(lo: u32, step: u32, jobs: u32, max: u32) -> Vec<u32> {
    (0..jobs)
        .map(|i| lo.saturating_add(step.saturating_mul(pow2(i))).min(max))
        .collect()
}

/// One search round of the open interval (`lo`, `hi`): `jobs` cuts into `jobs + 1` parts
/// (fewer when the interval is short), each strictly inside.
fn cuts(lo: u32, hi: u32, jobs: u32) -> Vec<u32> {
    let gap = u64::from(hi - lo);
    let parts = u64::from(jobs) + 1;
    (1..=u64::from(jobs))
        .map(|i| lo + ((gap * i / parts) as u32).max(1))
        .filter(|&k| k < hi)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn galloping_counts_stay_in_range_for_any_number_of_jobs() {
        for jobs in [1, 2, 31, 32, 33, 64, 1000] {
            let batch = gallop(0, 1, jobs, 50);
            assert_eq!(batch.len(), jobs as usize);
            assert!(batch.windows(2).all(|w| w[0] <= w[1]), "{jobs}: {batch:?}");
            assert!(
                batch.iter().all(|&k| (1..=50).contains(&k)),
                "{jobs}: {batch:?}"
            );
            assert_eq!(
                *batch.last().unwrap(),
                if jobs >= 7 { 50 } else { 1 << (jobs - 1) }
            );
        }
        assert_eq!(gallop(10, 4, 3, 1000), vec![14, 18, 26]);
        // The next round's step never wraps around to a small number.
        assert_eq!(
            (pow2(31), pow2(32), pow2(1000)),
            (1 << 31, u32::MAX, u32::MAX)
        );
        assert_eq!(
            gallop(u32::MAX - 1, u32::MAX, 40, u32::MAX),
            vec![u32::MAX; 40]
        );
    }

    #[test]
    fn search_cuts_are_inside_the_interval_for_any_number_of_jobs() {
        for jobs in [1, 2, 32, 64, 1000] {
            for (lo, hi) in [(0, 2), (3, 10), (0, 1000), (0, u32::MAX)] {
                let c = cuts(lo, hi, jobs);
                assert!(!c.is_empty(), "{jobs} ({lo}, {hi})");
                assert!(
                    c.iter().all(|&k| lo < k && k < hi),
                    "{jobs} ({lo}, {hi}): {c:?}"
                );
            }
        }
        assert_eq!(cuts(0, 6, 2), vec![2, 4]);
    }
}
