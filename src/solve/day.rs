//! One worker's day: the fixed-place activities chosen for it, and the explicit travel that
//! connects them. This file owns rules 1–3 and the daily half of rule 4 for a single day.
//!
//! Travel is placed just before the activity it leads to (the worker leaves as late as
//! possible) and right after the day's last activity for the way back to base. Placing legs
//! late keeps the earlier part of the day free for remote sessions, which may happen anywhere
//! except on the road.

use crate::model::{Activity, ActivityKind, Interval, Problem};

/// The full day built from `items` (no travel rows in `items`), or `None` when the items
/// cannot all happen: overlaps, travel that does not fit, or anything outside the worker's
/// windows or the daily hours.
pub fn build_day(
    p: &Problem,
    worker: usize,
    day: usize,
    items: &[Activity],
) -> Option<Vec<Activity>> {
    let mut items: Vec<Activity> = items.to_vec();
    items.sort_by_key(|a| (a.span.start, a.span.end));
    if !overlaps_allowed(p, &items) {
        return None;
    }
    let base = p.workers[worker].base;
    let leg = |from: usize, to: usize| {
        if from == to {
            0
        } else {
            p.travel.minutes(from, to).max(1)
        }
    };
    let travel = |span: Interval, to: usize| Activity {
        day,
        span,
        worker,
        kind: ActivityKind::Travel,
        family: None,
        meeting: None,
        partner: None,
        room: None,
        location: Some(to),
    };
    let mut legs = Vec::new();
    let mut here = base;
    let mut free_from = 0u32; // end of the latest fixed-place activity so far
    for a in items.iter().filter(|a| a.kind != ActivityKind::Remote) {
        let to = a.location.expect("fixed-place activities have a location");
        let t = leg(here, to);
        if t > 0 {
            if a.span.start < t || a.span.start - t < free_from {
                return None;
            }
            legs.push(travel(Interval::new(a.span.start - t, a.span.start), to));
        }
        here = to;
        free_from = free_from.max(a.span.end);
    }
    let t = leg(here, base);
    if t > 0 {
        let end = free_from + t;
        if end > 1440 {
            return None;
        }
        legs.push(travel(Interval::new(free_from, end), base));
    }
    let windows = &p.worker_windows[worker][day];
    if !items.iter().chain(&legs).all(|a| windows.contains(&a.span)) {
        return None;
    }
    let on_road = |s: &Interval| legs.iter().any(|l| l.span.overlaps(s));
    if items
        .iter()
        .any(|a| a.kind == ActivityKind::Remote && on_road(&a.span))
    {
        return None;
    }
    let total: u32 = items.iter().chain(&legs).map(Activity::minutes).sum();
    if total > p.settings.max_daily_minutes() {
        return None;
    }
    items.extend(legs);
    items.sort_by_key(|a| (a.span.start, a.kind != ActivityKind::Travel, a.span.end));
    Some(items)
}

/// Rule 2 on the chosen items: nothing overlaps except supported meetings at one place, at
/// most `supported_per_worker` at once.
fn overlaps_allowed(p: &Problem, sorted: &[Activity]) -> bool {
    for (i, a) in sorted.iter().enumerate() {
        let mut running = 1; // activities under way at a's start: a and earlier ones still running
        for b in &sorted[..i] {
            if b.span.end <= a.span.start {
                continue;
            }
            let both_supported =
                a.kind == ActivityKind::Supported && b.kind == ActivityKind::Supported;
            if !both_supported || a.location != b.location {
                return false;
            }
            running += 1;
        }
        // Concurrency peaks at some activity's start, so checking every start suffices.
        if running > p.settings.supported_per_worker as usize {
            return false;
        }
    }
    true
}

/// Minutes of the built day (activities and travel).
pub fn day_minutes(day: &[Activity]) -> u32 {
    day.iter().map(Activity::minutes).sum()
}

/// First start and last end of a built day, if it has any activity.
pub fn day_bounds(day: &[Activity]) -> Option<(u32, u32)> {
    let s = day.iter().map(|a| a.span.start).min()?;
    let e = day.iter().map(|a| a.span.end).max()?;
    Some((s, e))
}
