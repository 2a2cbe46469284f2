//! One worker's day: the fixed-place activities chosen for it, and the explicit travel that
//! connects them. This file owns rules 1–3, the daily half of rule 4 (daily hours and the
//! break) and the part of rule 7 that needs the day's route (a remote session never at the
//! family's home) for a single day.
//!
//! Travel is placed just before the activity it leads to (the worker leaves as late as
//! possible) and right after the day's last activity for the way back to base. Placing legs
//! late keeps the earlier part of the day free for remote sessions, which may happen anywhere
//! except on the road.
//!
//! A day with more than `break_after_hours` of activity gets one `break` row in a gap of at
//! least `break_minutes` between its activities (the gap nearest the middle of the day's work
//! whose part inside the worker's windows is long enough); a day whose activity runs longer
//! than `break_after_hours` without such a gap, or has no gap to hold the break, cannot be
//! built, so the caller tries another time, day or worker.

use super::rejection::Rejection;
use crate::model::{Activity, ActivityKind, Interval, Problem, Week, Windows};

/// The full day built from `items` (no travel rows in `items`), or the rule the items break:
/// overlaps, travel that does not fit, anything outside the worker's windows, the daily hours,
/// a remote session on the road or at the family's home, or no room for the break.
pub fn check_day(
    p: &Week,
    worker: usize,
    day: usize,
    items: &[Activity],
) -> Result<Vec<Activity>, Rejection> {
    // Breaks are the builder's to place; a caller's are dropped, but for a break a re-plan's
    // past holds (it was taken): that one stays where it is, and the day is built around it.
    let held: Vec<Activity> = items
        .iter()
        .filter(|a| a.kind == ActivityKind::Break && p.past.contains(a))
        .copied()
        .collect();
    let mut items: Vec<Activity> = items
        .iter()
        .filter(|a| a.kind != ActivityKind::Break)
        .copied()
        .collect();
    items.sort_by_key(|a| (a.span.start, a.span.end));
    if !overlaps_allowed(p, &items) {
        return Err(Rejection::Overlap);
    }
    if held
        .iter()
        .any(|b| items.iter().any(|a| a.span.overlaps(&b.span)))
    {
        return Err(Rejection::Overlap);
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
            // Arrive before a held break taken on arrival (a re-plan's past).
            let mut arrive = a.span.start;
            while let Some(b) = held
                .iter()
                .find(|b| b.span.start < arrive && b.span.end > arrive.saturating_sub(t))
            {
                arrive = b.span.start;
            }
            if arrive < t || arrive - t < free_from {
                return Err(Rejection::Travel);
            }
            legs.push(travel(Interval::new(arrive - t, arrive), to));
        }
        here = to;
        free_from = free_from.max(a.span.end);
    }
    let t = leg(here, base);
    if t > 0 {
        // The way back leaves right after the last visit or meeting, or after a re-plan's past
        // remote session or break the way would run into (held where the last visit was: the
        // past shows the worker stayed; a planner never puts a new session on the way back).
        let mut leave = free_from;
        // A break the past holds after the last visit was taken there: the way back follows.
        leave = held
            .iter()
            .filter(|b| b.span.start >= free_from && b.location == Some(here))
            .map(|b| b.span.end)
            .fold(leave, u32::max);
        // A re-plan: a way back that did not happen before the moment starts after it.
        if let Some(m) = p.past.moment
            && m.day == day
            && leave < m.minute
            && !p.past.rows_of(worker, day).any(|a| {
                a.kind == ActivityKind::Travel && a.span.start == leave && a.location == Some(base)
            })
        {
            leave = m.minute;
        }
        while let Some(b) = items.iter().chain(&held).find(|a| {
            matches!(a.kind, ActivityKind::Remote | ActivityKind::Break)
                && (p.past.moment.is_some() && p.past.contains(a))
                && a.span.end > leave
                && a.span.start < leave + t
        }) {
            leave = b.span.end;
        }
        let end = leave + t;
        if end > 1440 {
            return Err(Rejection::Travel);
        }
        legs.push(travel(Interval::new(leave, end), base));
    }
    if held
        .iter()
        .any(|b| legs.iter().any(|l| l.span.overlaps(&b.span)))
    {
        return Err(Rejection::Break);
    }
    let windows = &p.worker_windows[worker][day];
    if !items.iter().chain(&legs).all(|a| windows.contains(&a.span)) {
        return Err(Rejection::Window);
    }
    let on_road = |s: &Interval| legs.iter().any(|l| l.span.overlaps(s));
    if items
        .iter()
        .any(|a| a.kind == ActivityKind::Remote && on_road(&a.span))
    {
        return Err(Rejection::RemoteWhileTravelling);
    }
    let all: Vec<Activity> = items.iter().chain(&legs).copied().collect();
    if day_minutes(&all) > p.settings.max_daily_minutes() {
        return Err(Rejection::DailyHours);
    }
    items.extend(legs);
    items.extend(held);
    items.sort_by_key(|a| (a.span.start, a.kind != ActivityKind::Travel, a.span.end));
    if remote_at_home(p, base, &items) {
        return Err(Rejection::RemoteAtHome);
    }
    let items = with_break(p, worker, day, base, items).ok_or(Rejection::Break)?;
    // A break may move a travel leg earlier, never lengthen the day's activity; checked again.
    if day_minutes(&items) > p.settings.max_daily_minutes() {
        return Err(Rejection::DailyHours);
    }
    Ok(items)
}

fn sort_day(day: &mut [Activity]) {
    day.sort_by_key(|a| (a.span.start, a.kind != ActivityKind::Travel, a.span.end));
}

/// Rule 7: a remote session held where its family lives (the worker is at the family's home
/// when the last place they went to before the session is that home). `day` is sorted with
/// travel first at equal starts.
fn remote_at_home(p: &Problem, base: usize, day: &[Activity]) -> bool {
    let mut here = base;
    for a in day {
        match (a.kind, a.family) {
            (ActivityKind::Remote, Some(f)) => {
                if p.families[f].location == here {
                    return true;
                }
            }
            _ => here = a.location.unwrap_or(here),
        }
    }
    false
}

/// The day's activity as stretches without a pause of `pause` minutes, and its minutes (the
/// union of its rows, breaks left out).
fn stretches(day: &[Activity], pause: u32) -> (Vec<Interval>, u32) {
    let worked = crate::model::activity_windows(day);
    let total = worked.minutes();
    let mut out: Vec<Interval> = Vec::new();
    for s in worked.intervals() {
        match out.last_mut() {
            Some(last) if s.start - last.end < pause => last.end = s.end,
            _ => out.push(*s),
        }
    }
    (out, total)
}

/// Rule 4's break for a built day (`day` sorted, travel included, no break yet): the day as it
/// is when it needs no break; else the day with one `break` row of `break_minutes` that leaves
/// no stretch of activity longer than `break_after_hours` without a pause, placed either in a
/// gap between activities or in one opened by moving a travel leg (leaving `break_minutes`
/// earlier and pausing on arrival, or pausing before the way back); `None` when no such break
/// fits inside the worker's windows. Of the valid places, the one that splits the day's
/// activity most evenly wins.
fn with_break(
    p: &Week,
    worker: usize,
    day_index: usize,
    base: usize,
    day: Vec<Activity>,
) -> Option<Vec<Activity>> {
    let Some(limit) = p.settings.break_after_minutes() else {
        return Some(day);
    };
    let pause = p.settings.break_minutes.max(1);
    let (now, total) = stretches(&day, pause);
    if total <= limit {
        return Some(day);
    }
    // A break the day holds already (a re-plan's past) may be the one it needs.
    if day.iter().any(|a| a.kind == ActivityKind::Break) && now.iter().all(|s| s.minutes() <= limit)
    {
        return Some(day);
    }
    let windows = &p.worker_windows[worker][day_index];
    // Candidates: (day with any leg moved, the break's span).
    let mut candidates: Vec<(Vec<Activity>, Interval)> = Vec::new();
    for pair in now.windows(2) {
        let gap = Interval::new(pair[0].end, pair[1].start);
        for w in windows.intervals() {
            let (s, e) = (w.start.max(gap.start), w.end.min(gap.end));
            if e >= s + pause {
                candidates.push((day.clone(), Interval::new(s, s + pause)));
                break;
            }
        }
    }
    // Moving a leg only when no gap as it is holds the break (the cheaper, common case).
    if let Some(d) = best_break(p, base, &day, candidates, limit, pause, total) {
        return Some(d);
    }
    let mut candidates = Vec::new();
    for (i, leg) in day.iter().enumerate() {
        if leg.kind != ActivityKind::Travel {
            continue;
        }
        // Leave earlier and pause on arrival.
        if leg.span.start >= pause {
            let moved = Interval::new(leg.span.start - pause, leg.span.end - pause);
            let mut d = day.clone();
            d[i].span = moved;
            candidates.push((d, Interval::new(moved.end, leg.span.end)));
        }
        // Pause where the worker is, then go.
        if leg.span.end + pause <= 1440 {
            let moved = Interval::new(leg.span.start + pause, leg.span.end + pause);
            let mut d = day.clone();
            d[i].span = moved;
            candidates.push((d, Interval::new(leg.span.start, moved.start)));
        }
    }
    best_break(p, base, &day, candidates, limit, pause, total)
}

/// The best of the `candidates` for [`with_break`] (a day, maybe with one leg moved, and the
/// break's span): valid, and splitting the day's `total` minutes of activity most evenly.
fn best_break(
    p: &Week,
    base: usize,
    day: &[Activity],
    candidates: Vec<(Vec<Activity>, Interval)>,
    limit: u32,
    pause: u32,
    total: u32,
) -> Option<Vec<Activity>> {
    let (worker, day_index) = (day[0].worker, day[0].day);
    let windows = &p.worker_windows[worker][day_index];
    let here_at = |day: &[Activity], t: u32| {
        day.iter()
            .filter(|a| a.span.start < t && a.kind != ActivityKind::Remote)
            .filter_map(|a| a.location)
            .next_back()
            .unwrap_or(base)
    };
    // Where the worker is at minute `t` of `day` (after every row that started before it) is
    // where the break is held.
    let mut best: Option<(u32, Vec<Activity>)> = None;
    for (mut d, span) in candidates {
        // Nothing moved may overlap another row or leave the windows; the break neither.
        let clash = |x: &Interval, skip: Option<usize>| {
            d.iter()
                .enumerate()
                .any(|(j, b)| Some(j) != skip && b.span.overlaps(x))
        };
        let moved = d.iter().position(|a| !day.contains(a));
        if let Some(m) = moved
            && (clash(&d[m].span, Some(m)) || !windows.contains(&d[m].span))
        {
            continue;
        }
        if clash(&span, None) || !windows.contains(&span) {
            continue;
        }
        let before = Windows::from_intervals(
            d.iter()
                .filter(|a| a.span.end <= span.start)
                .map(|a| a.span)
                .collect(),
        )
        .minutes();
        if before == 0 || before >= total {
            continue; // a break lies between two activities
        }
        let location = here_at(&d, span.start);
        d.push(Activity {
            day: day_index,
            span,
            worker,
            kind: ActivityKind::Break,
            family: None,
            meeting: None,
            partner: None,
            room: None,
            location: Some(location),
        });
        sort_day(&mut d);
        if stretches(&d, pause).0.iter().any(|s| s.minutes() > limit) {
            continue;
        }
        if moved.is_some() && remote_at_home(p, base, &d) {
            continue;
        }
        let imbalance = before.abs_diff(total - before);
        if best.as_ref().is_none_or(|b| imbalance < b.0) {
            best = Some((imbalance, d));
        }
    }
    best.map(|(_, d)| d)
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

/// Minutes of activity of a day (SPEC "Hours of a worker"): see [`crate::model::activity_minutes`].
pub fn day_minutes(day: &[Activity]) -> u32 {
    crate::model::activity_minutes(day)
}

/// First start and last end of a built day's activity, if it has any.
pub fn day_bounds(day: &[Activity]) -> Option<(u32, u32)> {
    let acts = || day.iter().filter(|a| a.kind != ActivityKind::Break);
    let s = acts().map(|a| a.span.start).min()?;
    let e = acts().map(|a| a.span.end).max()?;
    Some((s, e))
}
