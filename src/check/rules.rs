//! Rules 1–9, one function each. Each violation names the roster rows it concerns (by index)
//! where the rule can tell them: the row itself, the rows that collide, the day or the family's
//! rows that add up to too much.

use super::{Rule, Violation};
use crate::model::limits;
use crate::model::time::fmt_hm;
use crate::model::{Activity, ActivityKind, Interval, Problem, Roster};
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn viol(rule: Rule, message: String) -> Violation {
    Violation::new(rule, message)
}

fn at(rule: Rule, message: String, rows: impl IntoIterator<Item = usize>) -> Violation {
    Violation::at(rule, message, rows)
}

/// True for rows that are working time: everything but a `break`.
fn is_work(a: &Activity) -> bool {
    a.kind != ActivityKind::Break
}

/// The spans merged where they overlap or touch, in time order (the checker's own union, kept
/// apart from the planner's and the reports' on purpose).
pub fn merged(spans: impl IntoIterator<Item = Interval>) -> Vec<Interval> {
    let mut v: Vec<Interval> = spans.into_iter().collect();
    v.sort();
    let mut out: Vec<Interval> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Length of the union of the spans, in minutes.
pub fn union_minutes(spans: impl IntoIterator<Item = Interval>) -> u32 {
    merged(spans).iter().map(Interval::minutes).sum()
}

/// Working minutes of one worker-day: the union of its activity rows, breaks excluded.
fn work_minutes(acts: &[(usize, &Activity)]) -> u32 {
    union_minutes(acts.iter().filter(|(_, a)| is_work(a)).map(|(_, a)| a.span))
}

/// The roster indices of a worker-day's rows.
fn indices(acts: &[(usize, &Activity)]) -> Vec<usize> {
    acts.iter().map(|(i, _)| *i).collect()
}

fn day_of(p: &Problem, w: usize, d: usize) -> String {
    format!("{} {}", p.workers[w].id, p.settings.week.date(d))
}

fn describe(p: &Problem, a: &Activity) -> String {
    format!(
        "{} {} {} {}",
        p.workers[a.worker].id,
        p.settings.week.date(a.day),
        a.span,
        a.kind.as_str()
    )
}

/// Activities per (worker, day) with their index in the roster, in time order with travel
/// first at equal starts (rows that tie keep their roster order).
pub fn by_worker_day_indexed(r: &Roster) -> BTreeMap<(usize, usize), Vec<(usize, &Activity)>> {
    let mut m: BTreeMap<(usize, usize), Vec<(usize, &Activity)>> = BTreeMap::new();
    for (i, a) in r.activities.iter().enumerate() {
        m.entry((a.worker, a.day)).or_default().push((i, a));
    }
    for v in m.values_mut() {
        v.sort_by_key(|(_, a)| (a.span.start, a.kind != ActivityKind::Travel, a.span.end));
    }
    m
}

/// Activities per (worker, day), in time order with travel first at equal starts.
pub fn by_worker_day(r: &Roster) -> BTreeMap<(usize, usize), Vec<&Activity>> {
    by_worker_day_indexed(r)
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().map(|(_, a)| a).collect()))
        .collect()
}

/// Every row refers to things that exist and has the fields its kind needs.
pub fn format(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for (i, a) in r.activities.iter().enumerate() {
        let bad = |what: &str| at(Rule::Format, format!("row {:?}: {what}", a.kind), [i]);
        if a.worker >= p.workers.len()
            || a.day >= 7
            || a.span.end <= a.span.start
            || a.span.end > 1440
        {
            out.push(bad(
                "unknown worker, day outside the week, or empty/over-midnight span",
            ));
            continue;
        }
        let loc_ok = a.location.is_some_and(|l| l < p.locations.len());
        let ok = match a.kind {
            k if k.is_client() => {
                a.family.is_some_and(|f| f < p.families.len())
                    && (k == ActivityKind::Remote || loc_ok)
            }
            k if k.is_meeting() => a.meeting.is_some_and(|m| m < p.meetings.len()) && loc_ok,
            _ => loc_ok,
        };
        if !ok {
            out.push(bad("missing or unknown family, meeting or location"));
        }
        if a.kind == ActivityKind::Break
            && (a.family.is_some()
                || a.meeting.is_some()
                || a.partner.is_some()
                || a.room.is_some())
        {
            out.push(bad("a break names a family, meeting, partner or room"));
        }
        if a.kind == ActivityKind::JointVisit && a.partner.is_none_or(|w| w >= p.workers.len()) {
            out.push(at(
                Rule::Joint,
                format!("{}: joint visit without a partner", describe(p, a)),
                [i],
            ));
        }
    }
    out
}

/// Rule 1: inside the worker's windows, and the family's windows for client work.
pub fn rule1_windows(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for (i, a) in r.activities.iter().enumerate() {
        if !p.worker_windows[a.worker][a.day].contains(&a.span) {
            let why = if p.settings.holidays_off && p.holidays[a.day] {
                " (a public holiday: only `extra` rows of the date are windows)"
            } else {
                ""
            };
            out.push(at(
                Rule::Windows,
                format!("{}: outside the worker's windows{why}", describe(p, a)),
                [i],
            ));
        }
        if let (true, Some(f)) = (a.kind.is_client(), a.family)
            && !p.families[f].windows_on(a.day).contains(&a.span)
        {
            out.push(at(
                Rule::Windows,
                format!(
                    "{}: outside family {}'s availability",
                    describe(p, a),
                    p.families[f].id
                ),
                [i],
            ));
        }
    }
    out
}

/// Rule 2: no overlaps, except concurrent supported meetings up to the limit.
///
/// Linear in the rows (after sorting each worker-day by start): each row is compared with the
/// earlier row that ends latest (of any kind, or for a supported meeting of a kind it may not
/// share time with), so a row that overlaps earlier ones gives one violation naming it and
/// that row, however many rows pile up at one hour. The supported meetings at once are counted
/// by a sweep over their starts and ends, one violation per stretch above the limit.
pub fn rule2_overlap(p: &Problem, r: &Roster) -> Vec<Violation> {
    /// Of the row `x` so far and row `i`, the one that ends later (the earlier on a tie).
    fn later<'a>(
        x: Option<(usize, &'a Activity)>,
        i: usize,
        a: &'a Activity,
    ) -> Option<(usize, &'a Activity)> {
        match x {
            Some((_, b)) if b.span.end >= a.span.end => x,
            _ => Some((i, a)),
        }
    }
    let limit = p.settings.supported_per_worker as usize;
    let mut out = Vec::new();
    for ((w, d), acts) in by_worker_day_indexed(r) {
        let double = |a: &Activity, b: &Activity| {
            format!(
                "{} double-booked on {}: {} {} and {} {}",
                p.workers[w].id,
                p.settings.week.date(d),
                a.kind.as_str(),
                a.span,
                b.kind.as_str(),
                b.span
            )
        };
        // The earlier row that ends latest: of any kind, and of a kind other than supported.
        let mut latest: Option<(usize, &Activity)> = None;
        let mut latest_other: Option<(usize, &Activity)> = None;
        for &(j, b) in &acts {
            let against = if b.kind == ActivityKind::Supported {
                latest_other
            } else {
                latest
            };
            if let Some((i, a)) = against
                && a.span.overlaps(&b.span)
            {
                out.push(at(Rule::Overlap, double(a, b), [i, j]));
            }
            latest = later(latest, j, b);
            if b.kind != ActivityKind::Supported {
                latest_other = later(latest_other, j, b);
            }
        }
        let mut supported: Vec<(usize, &Activity)> = acts
            .iter()
            .filter(|(_, a)| a.kind == ActivityKind::Supported)
            .copied()
            .collect();
        if supported.len() <= limit {
            continue;
        }
        supported.sort_by_key(|(i, a)| (a.span.start, *i));
        // Sweep: at each start, the meetings under way are those started at or before it that
        // have not ended; one violation where their number first exceeds the limit, until it
        // falls back within it.
        let mut ends: std::collections::BinaryHeap<std::cmp::Reverse<(u32, usize)>> =
            std::collections::BinaryHeap::new();
        let mut over = false;
        let mut k = 0;
        while k < supported.len() {
            let start = supported[k].1.span.start;
            while k < supported.len() && supported[k].1.span.start == start {
                let (i, a) = supported[k];
                ends.push(std::cmp::Reverse((a.span.end, i)));
                k += 1;
            }
            while ends.peek().is_some_and(|e| e.0.0 <= start) {
                ends.pop();
            }
            let at_once = ends.len();
            if at_once > limit && !over {
                out.push(at(
                    Rule::Overlap,
                    format!(
                        "{} has {at_once} supported meetings at once at {} on {} (limit {limit})",
                        p.workers[w].id,
                        fmt_hm(start),
                        p.settings.week.date(d)
                    ),
                    ends.iter().map(|e| e.0.1),
                ));
            }
            over = at_once > limit;
        }
    }
    out
}

/// Rule 3: explicit travel from and back to base, activities where the worker is, no remote
/// session during travel, visits at the family's home.
pub fn rule3_travel(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for ((w, d), acts) in by_worker_day_indexed(r) {
        let base = p.workers[w].base;
        let mut here = base;
        // The day's travel merged into disjoint spans in time order: whether a remote session
        // lies on the road is a binary search, not a pass over every travel row.
        let travels = merged(
            acts.iter()
                .filter(|(_, a)| a.kind == ActivityKind::Travel)
                .map(|(_, a)| a.span),
        );
        let on_road = |s: &Interval| {
            let k = travels.partition_point(|t| t.end <= s.start);
            travels.get(k).is_some_and(|t| t.overlaps(s))
        };
        for &(i, a) in &acts {
            let loc = a.location.unwrap_or(usize::MAX);
            match a.kind {
                ActivityKind::Travel => {
                    let need = p.travel.minutes(here, loc);
                    if a.minutes() < need {
                        out.push(at(
                            Rule::Travel,
                            format!(
                                "{}: travel {} -> {} needs {need} min",
                                describe(p, a),
                                p.locations[here].id,
                                p.locations[loc].id
                            ),
                            [i],
                        ));
                    }
                    here = loc;
                }
                ActivityKind::Remote => {
                    if on_road(&a.span) {
                        out.push(at(
                            Rule::Travel,
                            format!("{}: remote session during travel", describe(p, a)),
                            [i],
                        ));
                    }
                }
                _ => {
                    if loc != here {
                        out.push(at(
                            Rule::Travel,
                            format!(
                                "{}: worker is at {} but the activity is at {} (missing travel)",
                                describe(p, a),
                                p.locations[here].id,
                                p.locations[loc].id
                            ),
                            [i],
                        ));
                        here = loc;
                    }
                }
            }
            if let (true, Some(f)) = (a.kind.is_visit(), a.family)
                && a.location != Some(p.families[f].location)
            {
                out.push(at(
                    Rule::Travel,
                    format!(
                        "{}: visit is not at family {}'s home",
                        describe(p, a),
                        p.families[f].id
                    ),
                    [i],
                ));
            }
        }
        if here != base {
            out.push(at(
                Rule::Travel,
                format!(
                    "{} {}: the day ends at {}, not back at base {}",
                    p.workers[w].id,
                    p.settings.week.date(d),
                    p.locations[here].id,
                    p.locations[base].id
                ),
                acts.last().map(|(i, _)| *i),
            ));
        }
    }
    out
}

/// Rule 4: daily hours (the union of the day's activity rows, breaks excluded) and rest
/// between the last activity of a day and the first of the next.
pub fn rule4_daily(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    let max = p.settings.max_daily_minutes();
    // (worker, day) -> the first and the last working row: (start, row), (end, row)
    type Bound = ((u32, usize), (u32, usize));
    let mut bounds: BTreeMap<(usize, usize), Bound> = BTreeMap::new();
    for ((w, d), acts) in by_worker_day_indexed(r) {
        let total = work_minutes(&acts);
        if total > max {
            out.push(at(
                Rule::Daily,
                format!(
                    "{}: {:.2} h > max_daily_hours {}",
                    day_of(p, w, d),
                    f64::from(total) / 60.0,
                    p.settings.max_daily_hours
                ),
                indices(&acts),
            ));
        }
        let work = acts.iter().filter(|(_, a)| is_work(a));
        let first = work.clone().map(|(i, a)| (a.span.start, *i)).min();
        let last = work.map(|(i, a)| (a.span.end, *i)).max();
        if let (Some(first), Some(last)) = (first, last) {
            bounds.insert((w, d), (first, last));
        }
    }
    for (&(w, d), &((first, first_row), _)) in &bounds {
        let Some(&(_, (prev_end, prev_row))) = d.checked_sub(1).and_then(|pd| bounds.get(&(w, pd)))
        else {
            continue;
        };
        let rest = 1440 - prev_end + first;
        if rest < p.settings.min_rest_minutes() {
            out.push(at(
                Rule::Daily,
                format!(
                    "{}: only {:.2} h rest before {}",
                    p.workers[w].id,
                    f64::from(rest) / 60.0,
                    p.settings.week.date(d)
                ),
                [prev_row, first_row],
            ));
        }
    }
    out
}

/// Rule 4, breaks: a worker-day with more than `break_after_hours` of activity holds a `break`
/// row of at least `break_minutes` with an activity ending at or before its start and one
/// starting at or after its end, and no stretch of activity without a pause of at least
/// `break_minutes` (any such gap counts, break row or not) lasts more than `break_after_hours`.
/// Where a break may lie (windows, nothing overlapping it, where the worker is) is rules 1–3.
pub fn rule4_break(p: &Problem, r: &Roster) -> Vec<Violation> {
    let Some(after) = p.settings.break_after_minutes() else {
        return Vec::new();
    };
    let need = p.settings.break_minutes;
    let mut out = Vec::new();
    for ((w, d), acts) in by_worker_day_indexed(r) {
        let work: Vec<Interval> = acts
            .iter()
            .filter(|(_, a)| is_work(a))
            .map(|(_, a)| a.span)
            .collect();
        let total = union_minutes(work.iter().copied());
        if total <= after {
            continue;
        }
        // An activity ends at or before the break's start when the earliest end does; one
        // starts at or after its end when the latest start does.
        let first_end = work.iter().map(|a| a.end).min().unwrap_or(u32::MAX);
        let last_start = work.iter().map(|a| a.start).max().unwrap_or(0);
        let has_break = acts.iter().any(|(_, b)| {
            b.kind == ActivityKind::Break
                && b.minutes() >= need
                && first_end <= b.span.start
                && last_start >= b.span.end
        });
        if !has_break {
            out.push(at(
                Rule::Break,
                format!(
                    "{}: {:.2} h of activity and no break of {need} min between two activities",
                    day_of(p, w, d),
                    f64::from(total) / 60.0
                ),
                indices(&acts),
            ));
        }
        let mut stretches: Vec<Interval> = Vec::new();
        for s in merged(work) {
            match stretches.last_mut() {
                Some(last) if s.start - last.end < need => last.end = s.end,
                _ => stretches.push(s),
            }
        }
        if let Some(longest) = stretches.iter().max_by_key(|s| s.minutes())
            && longest.minutes() > after
        {
            out.push(at(
                Rule::Break,
                format!(
                    "{}: activity {longest} runs {:.2} h without a pause of {need} min (at most {} h)",
                    day_of(p, w, d),
                    longest.hours(),
                    p.settings.break_after_hours
                ),
                acts.iter()
                    .filter(|(_, a)| is_work(a) && longest.contains(&a.span))
                    .map(|(i, _)| *i),
            ));
        }
    }
    out
}

/// Rule 5: weekly activity hours (per day the union of the rows, breaks excluded) within
/// capacity.
pub fn rule5_capacity(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut minutes = vec![0u32; p.workers.len()];
    for ((w, _), acts) in by_worker_day_indexed(r) {
        minutes[w] += work_minutes(&acts);
    }
    p.workers
        .iter()
        .zip(minutes)
        .filter(|(w, m)| *m > w.capacity_minutes())
        .map(|(w, m)| {
            viol(
                Rule::Capacity,
                format!(
                    "{}: {:.2} h > capacity_hours {}",
                    w.id,
                    f64::from(m) / 60.0,
                    w.capacity_hours
                ),
            )
        })
        .collect()
}

/// A family's delivered minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FamilyMinutes {
    pub in_person: u32,
    pub remote: u32,
    pub meetings: u32,
}

/// Delivered in-person, remote and meeting minutes per family.
pub fn family_minutes(p: &Problem, r: &Roster) -> Vec<FamilyMinutes> {
    let mut m = vec![FamilyMinutes::default(); p.families.len()];
    for a in &r.activities {
        match (a.kind, a.family, a.meeting) {
            (ActivityKind::Remote, Some(f), _) => m[f].remote += a.minutes(),
            (k, Some(f), _) if k.is_visit() => m[f].in_person += a.minutes(),
            (k, _, Some(mt)) if k.is_meeting() => m[p.meetings[mt].family].meetings += a.minutes(),
            _ => {}
        }
    }
    m
}

/// Rule 6: at most weekly_hours + 0.25 delivered; remote within the cap within the week, and
/// over the rolling four weeks with history.
pub fn rule6_effort(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    // The rows that count towards each family's hours, and its remote rows.
    let (mut counted_rows, mut remote_rows) = (
        vec![Vec::new(); p.families.len()],
        vec![Vec::new(); p.families.len()],
    );
    for (i, a) in r.activities.iter().enumerate() {
        match (a.kind, a.family, a.meeting) {
            (ActivityKind::Remote, Some(f), _) => {
                counted_rows[f].push(i);
                remote_rows[f].push(i);
            }
            (k, Some(f), _) if k.is_visit() => counted_rows[f].push(i),
            (k, _, Some(m)) if k.is_meeting() && p.settings.meetings_count_as_effort => {
                counted_rows[p.meetings[m].family].push(i)
            }
            _ => {}
        }
    }
    for (i, got) in family_minutes(p, r).into_iter().enumerate() {
        let (inp, rem, meet) = (got.in_person, got.remote, got.meetings);
        let f = &p.families[i];
        let counted_meet = if p.settings.meetings_count_as_effort {
            meet
        } else {
            0
        };
        let delivered = f64::from(inp + rem + counted_meet) / 60.0;
        if delivered > limits::most_delivered_hours(f.weekly_hours) + limits::EPS {
            out.push(at(
                Rule::Effort,
                format!(
                    "{}: delivered {delivered:.2} h > weekly_hours {} + 0.25",
                    f.id, f.weekly_hours
                ),
                std::mem::take(&mut counted_rows[i]),
            ));
        }
        // Within the week, then over the rolling weeks with history (which only tightens).
        let history = p.history_hours(i);
        let week_rem = f64::from(rem) / 60.0;
        let week_tot = f64::from(inp) / 60.0 + week_rem;
        let spans = [
            (week_rem, week_tot, "this week"),
            (
                week_rem + history.remote,
                week_tot + history.in_person + history.remote,
                "over the four weeks with history.csv",
            ),
        ];
        for (tot_rem, tot, over) in spans {
            if tot_rem > p.remote_cap(i) * tot + limits::REMOTE_CAP_TOLERANCE_HOURS + limits::EPS {
                out.push(at(
                    Rule::RemoteCap,
                    format!(
                        "{}: remote {tot_rem:.2} h of {tot:.2} h {over} exceeds the cap {:.0} %",
                        f.id,
                        p.remote_cap(i) * 100.0
                    ),
                    std::mem::take(&mut remote_rows[i]),
                ));
                break;
            }
        }
    }
    out
}

/// Rule 7: visit and session lengths, max visits, joint visits made by exactly two workers.
pub fn rule7_visits(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut visits = vec![0u32; p.families.len()];
    let mut visit_rows = vec![Vec::new(); p.families.len()];
    // (family, day, span) -> the joint visit's rows with their index.
    type Joint<'a> = HashMap<(usize, usize, Interval), Vec<(usize, &'a Activity)>>;
    let mut joints: Joint = HashMap::new();
    for (i, a) in r.activities.iter().enumerate() {
        let Some(f) = a.family.filter(|_| a.kind.is_client()) else {
            continue;
        };
        let fam = &p.families[f];
        let (lo, hi) = if a.kind == ActivityKind::Remote {
            fam.remote_minutes
        } else {
            fam.visit_minutes
        };
        if a.minutes() < lo || a.minutes() > hi {
            out.push(at(
                Rule::Lengths,
                format!(
                    "{}: {} for {} lasts {} min, allowed {lo}-{hi}",
                    describe(p, a),
                    a.kind.as_str(),
                    fam.id,
                    a.minutes()
                ),
                [i],
            ));
        }
        match a.kind {
            ActivityKind::HomeVisit => {
                visits[f] += 1;
                visit_rows[f].push(i);
            }
            ActivityKind::JointVisit => {
                visit_rows[f].push(i);
                joints.entry((f, a.day, a.span)).or_default().push((i, a));
            }
            _ => {}
        }
    }
    for ((f, d, span), rows) in &joints {
        visits[*f] += 1;
        let workers: BTreeSet<usize> = rows.iter().map(|(_, a)| a.worker).collect();
        let paired = rows.len() == 2
            && rows[0].1.partner == Some(rows[1].1.worker)
            && rows[1].1.partner == Some(rows[0].1.worker);
        if workers.len() != 2 || !paired {
            out.push(at(
                Rule::Joint,
                format!(
                    "joint visit {} {} {span}: {} rows, {} workers, partners {}",
                    p.families[*f].id,
                    p.settings.week.date(*d),
                    rows.len(),
                    workers.len(),
                    if paired { "match" } else { "do not match" }
                ),
                rows.iter().map(|(i, _)| *i),
            ));
        }
    }
    for (f, n) in visits.into_iter().enumerate() {
        if n > p.families[f].max_visits {
            out.push(at(
                Rule::Lengths,
                format!(
                    "{}: {n} visits > max_visits {}",
                    p.families[f].id, p.families[f].max_visits
                ),
                std::mem::take(&mut visit_rows[f]),
            ));
        }
    }
    out
}

/// Rule 7, per family and day: at most `max_visits_per_day` in-person visits (a joint visit's
/// two rows are one visit), the start of a visit at least 60 minutes after the end of the one
/// before, at most one remote session, and no remote session while the worker is at the
/// family's home.
pub fn rule7_per_day(p: &Problem, r: &Roster) -> Vec<Violation> {
    const MIN_APART: i64 = limits::VISIT_GAP_MINUTES as i64;
    let mut out = Vec::new();
    // (family, day) -> each visit's span with its rows (a joint visit's two rows share one).
    let mut visits: BTreeMap<(usize, usize), BTreeMap<Interval, Vec<usize>>> = BTreeMap::new();
    let mut remote: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, a) in r.activities.iter().enumerate() {
        if let (true, Some(f)) = (a.kind.is_visit(), a.family) {
            visits
                .entry((f, a.day))
                .or_default()
                .entry(a.span)
                .or_default()
                .push(i);
        }
    }
    // Remote sessions, with where the worker is at that moment: the location of the last
    // travel or located row before it that day, or the base (as rule 3 walks the day).
    for ((w, _), acts) in by_worker_day_indexed(r) {
        let mut here = p.workers[w].base;
        for (i, a) in acts {
            match (a.kind, a.family, a.location) {
                (ActivityKind::Remote, Some(f), _) => {
                    remote.entry((f, a.day)).or_default().push(i);
                    if here == p.families[f].location {
                        out.push(at(
                            Rule::PerDay,
                            format!(
                                "{}: remote session for {} held at the family's home",
                                describe(p, a),
                                p.families[f].id
                            ),
                            [i],
                        ));
                    }
                }
                (_, _, Some(l)) => here = l,
                _ => {}
            }
        }
    }
    let date = |d: usize| p.settings.week.date(d);
    for ((f, d), spans) in &visits {
        let fam = &p.families[*f];
        if spans.len() > fam.max_visits_per_day as usize {
            out.push(at(
                Rule::PerDay,
                format!(
                    "{} {}: {} visits in one day > max_visits_per_day {}",
                    fam.id,
                    date(*d),
                    spans.len(),
                    fam.max_visits_per_day
                ),
                spans.values().flatten().copied(),
            ));
        }
        let spans: Vec<(&Interval, &Vec<usize>)> = spans.iter().collect();
        for pair in spans.windows(2) {
            let ((a, a_rows), (b, b_rows)) = (pair[0], pair[1]);
            if i64::from(b.start) - i64::from(a.end) < MIN_APART {
                out.push(at(
                    Rule::PerDay,
                    format!(
                        "{} {}: visits {a} and {b} less than {MIN_APART} min apart",
                        fam.id,
                        date(*d),
                    ),
                    a_rows.iter().chain(b_rows).copied(),
                ));
            }
        }
    }
    // No remote session on a day with a visit of the family; with `remote_on_visit_days`, none
    // overlapping one of its visits or less than 60 minutes from it.
    let same_day = p.settings.remote_on_visit_days;
    for ((f, d), rows) in &remote {
        let Some(spans) = visits.get(&(*f, *d)) else {
            continue;
        };
        for &i in rows {
            let s = r.activities[i].span;
            let near = |v: &Interval| {
                i64::from(s.start) - i64::from(v.end) < MIN_APART
                    && i64::from(v.start) - i64::from(s.end) < MIN_APART
            };
            let clash = spans.iter().find(|(v, _)| !same_day || near(v));
            if let Some((v, v_rows)) = clash {
                let what = if same_day {
                    format!("less than {MIN_APART} min from its visit {v}")
                } else {
                    format!("on a day with its visit {v} (remote_on_visit_days = false)")
                };
                out.push(at(
                    Rule::PerDay,
                    format!(
                        "{} {}: remote session {s} {what}",
                        p.families[*f].id,
                        date(*d)
                    ),
                    std::iter::once(i).chain(v_rows.iter().copied()),
                ));
            }
        }
    }
    for ((f, d), rows) in remote {
        let n = rows.len();
        if n > 1 {
            out.push(at(
                Rule::PerDay,
                format!(
                    "{} {}: {n} remote sessions in one day (at most 1)",
                    p.families[f].id,
                    date(d)
                ),
                rows,
            ));
        }
    }
    out
}

/// Rule 8: skills and exclusions for every row.
pub fn rule8_skills(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for (i, a) in r.activities.iter().enumerate() {
        // Read here from the plan's data, not through the planner's helpers: the checker is a
        // second implementation of the rules.
        let (family, required) = match (a.kind, a.family, a.meeting) {
            (k, Some(f), _) if k.is_client() => (f, &p.families[f].required_skills),
            (k, _, Some(m)) if k.is_meeting() => {
                (p.meetings[m].family, &p.meetings[m].required_skills)
            }
            _ => continue,
        };
        let skills = &p.workers[a.worker].skills;
        let ok = required.iter().all(|s| skills.contains(s))
            && !p.families[family].excluded_workers.contains(&a.worker);
        if !ok {
            out.push(at(
                Rule::Skills,
                format!(
                    "{}: worker lacks a required skill or is excluded",
                    describe(p, a)
                ),
                [i],
            ));
        }
    }
    out
}

/// Rule 9: staffed meetings have their staff for the whole slot in one free room at the
/// worker's location; no room holds two meetings at once.
pub fn rule9_meetings(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut rows: BTreeMap<usize, Vec<(usize, &Activity)>> = BTreeMap::new();
    for (i, a) in r.activities.iter().enumerate() {
        if a.kind.is_meeting() {
            rows.entry(a.meeting.expect("format() checked"))
                .or_default()
                .push((i, a));
        }
    }
    let mut room_use: BTreeMap<usize, Vec<(usize, Interval, usize)>> = BTreeMap::new();
    for (mi, rs) in &rows {
        let m = &p.meetings[*mi];
        let all: Vec<usize> = rs.iter().map(|(i, _)| *i).collect();
        let fail = |msg: String| {
            at(
                Rule::Meetings,
                format!("meeting {}: {msg}", m.id),
                all.clone(),
            )
        };
        let workers: BTreeSet<usize> = rs.iter().map(|(_, a)| a.worker).collect();
        if workers.len() != rs.len() || workers.len() != m.staff as usize {
            out.push(fail(format!(
                "{} rows by {} workers, needs {} distinct workers",
                rs.len(),
                workers.len(),
                m.staff
            )));
        }
        if rs.iter().any(|(_, a)| {
            a.kind != ActivityKind::from_meeting(m.kind) || a.day != m.day || a.span != m.span
        }) {
            out.push(fail("a row differs from the meeting's kind or slot".into()));
        }
        let rooms: BTreeSet<Option<usize>> = rs.iter().map(|(_, a)| a.room).collect();
        let room = match (rooms.len(), rooms.iter().next()) {
            (1, Some(Some(room))) => *room,
            _ => {
                out.push(fail("rows do not name exactly one room".into()));
                continue;
            }
        };
        if let Some(fixed) = m.room.filter(|&fixed| fixed != room) {
            out.push(fail(format!("must be in room {}", p.rooms[fixed].id)));
        }
        if !p.rooms[room].windows_on(m.day).contains(&m.span) {
            out.push(fail(format!(
                "room {} is not available then",
                p.rooms[room].id
            )));
        }
        if rs
            .iter()
            .any(|(_, a)| a.location != Some(p.rooms[room].location))
        {
            out.push(fail(format!(
                "a row is not at room {}'s location",
                p.rooms[room].id
            )));
        }
        room_use.entry(room).or_default().push((m.day, m.span, *mi));
    }
    // Per room, in time order: each meeting against the earlier one of its day that ends
    // latest (linear after sorting, one violation per meeting that overlaps an earlier one).
    for (room, mut uses) in room_use {
        uses.sort_by_key(|&(d, s, m)| (d, s.start, s.end, m));
        let mut latest: Option<(usize, Interval, usize)> = None;
        for b in uses {
            if let Some(a) = latest.filter(|a| a.0 == b.0)
                && a.1.overlaps(&b.1)
            {
                out.push(at(
                    Rule::Meetings,
                    format!(
                        "room {}: meetings {} and {} overlap",
                        p.rooms[room].id, p.meetings[a.2].id, p.meetings[b.2].id
                    ),
                    rows[&a.2].iter().chain(&rows[&b.2]).map(|(i, _)| *i),
                ));
            }
            if latest.is_none_or(|a| a.0 != b.0 || a.1.end < b.1.end) {
                latest = Some(b);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::check_roster;
    use super::super::tiny::*;
    use super::*;

    fn roster(activities: Vec<Activity>) -> Roster {
        Roster { activities }
    }

    fn rules(v: &[Violation]) -> Vec<Rule> {
        v.iter().map(|v| v.rule).collect()
    }

    /// Both supported meetings of Monday by W1: 10:00–12:30 is 2.5 h, not 4.
    fn two_meetings_at_once(p: &Problem) -> Roster {
        roster(vec![supported(p, 0, 0), supported(p, 0, 1)])
    }

    #[test]
    fn union_counts_overlapping_spans_once() {
        let spans = [
            Interval::new(600, 720),
            Interval::new(630, 750),
            Interval::new(800, 810),
        ];
        assert_eq!(union_minutes(spans), 160);
        assert_eq!(merged(spans).len(), 2);
    }

    #[test]
    fn the_tiny_week_with_a_long_day_and_its_break_obeys_every_rule() {
        let p = problem();
        let mut acts = long_day_with_break();
        acts.extend(two_meetings_at_once(&p).activities);
        let v = check_roster(&p, &roster(acts));
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn rule4_daily_counts_concurrent_supported_meetings_once() {
        let mut p = problem();
        let r = two_meetings_at_once(&p);
        p.settings.max_daily_hours = 2.5;
        assert!(rule4_daily(&p, &r).is_empty());
        p.settings.max_daily_hours = 2.4;
        assert_eq!(rules(&rule4_daily(&p, &r)), [Rule::Daily]);
    }

    #[test]
    fn rule4_daily_does_not_count_the_break() {
        let mut p = problem();
        let r = roster(long_day_with_break());
        p.settings.max_daily_hours = 7.7; // 7.67 h of activity, 8.17 h with the break
        assert!(rule4_daily(&p, &r).is_empty());
        p.settings.max_daily_hours = 7.6;
        assert_eq!(rules(&rule4_daily(&p, &r)), [Rule::Daily]);
    }

    #[test]
    fn rule4_rest_runs_from_the_last_activity_not_from_a_break() {
        let mut p = problem();
        p.settings.min_rest_hours = 11.0;
        // Monday ends 12:30; Tuesday starts 08:00: 19.5 h of rest.
        let mut acts = two_meetings_at_once(&p).activities;
        acts.extend(long_day_with_break());
        assert!(rule4_daily(&p, &roster(acts.clone())).is_empty());
        // A late Monday evening visit leaves too little rest before Tuesday 08:00.
        acts.extend([
            travel(0, 0, "20:00", "20:20", HOME_A),
            visit(0, 0, "20:20", "21:20", FA, HOME_A),
            travel(0, 0, "21:20", "21:40", OFFICE),
        ]);
        assert_eq!(rules(&rule4_daily(&p, &roster(acts))), [Rule::Daily]);
    }

    #[test]
    fn rule4_break_allows_a_break_between_two_stretches() {
        let p = problem();
        assert!(rule4_break(&p, &roster(long_day_with_break())).is_empty());
    }

    #[test]
    fn rule4_break_rejects_a_long_day_without_a_break_row() {
        let mut p = problem();
        let mut acts = long_day_with_break();
        acts.retain(|a| a.kind != ActivityKind::Break);
        // The 30-minute gap is a pause, so only the missing break row is reported.
        assert_eq!(
            rules(&rule4_break(&p, &roster(acts.clone()))),
            [Rule::Break]
        );
        // Breaks off: nothing to report.
        p.settings.break_after_hours = 0.0;
        assert!(rule4_break(&p, &roster(acts)).is_empty());
    }

    #[test]
    fn rule4_break_rejects_a_short_break_and_the_stretch_it_leaves() {
        let p = problem();
        let mut acts = long_day_with_break();
        acts[3] = pause(0, 1, "11:40", "12:00", OFFICE);
        acts[4] = travel(0, 1, "12:00", "12:30", HOME_B);
        // 20 min: no break, and 08:00–16:10 then counts as one stretch of 8.17 h.
        assert_eq!(
            rules(&rule4_break(&p, &roster(acts))),
            [Rule::Break, Rule::Break]
        );
    }

    #[test]
    fn rule4_break_rejects_a_break_that_is_not_between_two_activities() {
        let p = problem();
        let mut acts = long_day_with_break();
        acts.remove(3);
        acts.push(pause(0, 1, "16:10", "16:40", OFFICE));
        assert_eq!(rules(&rule4_break(&p, &roster(acts))), [Rule::Break]);
    }

    #[test]
    fn rule4_break_rejects_more_than_six_hours_before_the_break() {
        let p = problem();
        let acts = vec![
            travel(0, 1, "06:00", "06:20", HOME_A),
            visit(0, 1, "06:20", "09:20", FA, HOME_A),
            travel(0, 1, "09:20", "09:35", HOME_B),
            visit(0, 1, "09:35", "12:35", FB, HOME_B),
            travel(0, 1, "12:35", "13:05", OFFICE),
            pause(0, 1, "13:05", "13:35", OFFICE),
            remote(0, 1, "13:35", "14:05", FA),
        ];
        let v = rule4_break(&p, &roster(acts));
        assert_eq!(rules(&v), [Rule::Break], "{v:?}");
        assert!(v[0].message.contains("06:00-13:05"), "{v:?}");
    }

    #[test]
    fn a_break_is_placed_like_any_row_by_rules_1_to_3() {
        let p = problem();
        let broken = |i: usize, b: Activity| {
            let mut acts = long_day_with_break();
            acts[i] = b;
            rules(&check_roster(&p, &roster(acts)))
        };
        // During travel: an overlap.
        let mut acts = long_day_with_break();
        acts.push(pause(0, 1, "08:00", "08:30", OFFICE));
        assert!(rules(&check_roster(&p, &roster(acts))).contains(&Rule::Overlap));
        // Not where the worker is (at the office, the break says home A).
        assert!(broken(3, pause(0, 1, "11:40", "12:10", HOME_A)).contains(&Rule::Travel));
        // A break naming a family.
        let mut b = pause(0, 1, "11:40", "12:10", OFFICE);
        b.family = Some(FA);
        assert_eq!(broken(3, b), [Rule::Format]);
        // Outside the worker's windows (a day off).
        let mut q = p.clone();
        q.workers[0].available.rules[0].span = Interval::new(hm("12:00"), hm("22:00"));
        q.rebuild_derived();
        assert!(rules(&rule1_windows(&q, &roster(long_day_with_break()))).contains(&Rule::Windows));
    }

    #[test]
    fn rule5_capacity_counts_concurrent_supported_meetings_once_and_no_break() {
        let mut p = problem();
        let r = two_meetings_at_once(&p);
        p.workers[0].capacity_hours = 2.5;
        assert!(rule5_capacity(&p, &r).is_empty());
        p.workers[0].capacity_hours = 2.4;
        assert_eq!(rules(&rule5_capacity(&p, &r)), [Rule::Capacity]);
        p.workers[0].capacity_hours = 7.7; // 7.67 h of activity plus a 0.5 h break
        assert!(rule5_capacity(&p, &roster(long_day_with_break())).is_empty());
    }

    /// W1 visits FA at home A at `first` and again at `second` (both one hour), staying there.
    fn two_visits(first: &str, second: &str) -> Vec<Activity> {
        let end = |s: &str| format!("{:02}:{}", &s[..2].parse::<u32>().unwrap() + 1, &s[3..]);
        vec![
            travel(0, 2, "07:40", "08:00", HOME_A),
            visit(0, 2, first, &end(first), FA, HOME_A),
            visit(0, 2, second, &end(second), FA, HOME_A),
            travel(0, 2, "14:00", "14:20", OFFICE),
        ]
    }

    #[test]
    fn rule7_per_day_allows_max_visits_per_day_60_minutes_apart() {
        let mut p = problem();
        p.families[FA].max_visits_per_day = 2;
        assert!(rule7_per_day(&p, &roster(two_visits("08:00", "10:00"))).is_empty());
    }

    #[test]
    fn rule7_per_day_rejects_visits_less_than_60_minutes_apart() {
        let mut p = problem();
        p.families[FA].max_visits_per_day = 2;
        let mut acts = two_visits("08:00", "10:00");
        acts[2] = visit(0, 2, "09:59", "10:59", FA, HOME_A);
        assert_eq!(rules(&rule7_per_day(&p, &roster(acts))), [Rule::PerDay]);
        // Back to back (the gaming the rule is for).
        let acts = two_visits("08:00", "09:00");
        assert_eq!(rules(&rule7_per_day(&p, &roster(acts))), [Rule::PerDay]);
    }

    #[test]
    fn rule7_per_day_rejects_more_visits_than_max_visits_per_day() {
        let p = problem(); // max_visits_per_day 1
        let v = rule7_per_day(&p, &roster(two_visits("08:00", "10:00")));
        assert_eq!(rules(&v), [Rule::PerDay]);
        assert!(v[0].message.contains("2 visits"), "{v:?}");
    }

    /// W1 visits FA at home A 08:00-09:00, drives back to the office and phones FA at
    /// `start`-`end` (on Wednesday, or on `day`).
    fn visit_and_call(start: &str, end: &str, day: usize) -> Vec<Activity> {
        vec![
            travel(0, 2, "07:40", "08:00", HOME_A),
            visit(0, 2, "08:00", "09:00", FA, HOME_A),
            travel(0, 2, "09:00", "09:20", OFFICE),
            remote(0, day, start, end, FA),
        ]
    }

    #[test]
    fn rule7_per_day_rejects_a_remote_session_on_a_visit_day() {
        let mut p = problem(); // remote_on_visit_days = false
        let v = rule7_per_day(&p, &roster(visit_and_call("14:00", "14:30", 2)));
        assert_eq!(rules(&v), [Rule::PerDay]);
        assert_eq!(
            v[0].message,
            "FA 2026-12-02: remote session 14:00-14:30 on a day with its visit 08:00-09:00 \
             (remote_on_visit_days = false)"
        );
        assert_eq!(v[0].rows, [1, 3]);
        // On another day: allowed.
        assert!(rule7_per_day(&p, &roster(visit_and_call("14:00", "14:30", 3))).is_empty());
        // With remote_on_visit_days: allowed 60 minutes after the visit, not 59.
        p.settings.remote_on_visit_days = true;
        assert!(rule7_per_day(&p, &roster(visit_and_call("10:00", "10:30", 2))).is_empty());
        let v = rule7_per_day(&p, &roster(visit_and_call("09:59", "10:30", 2)));
        assert_eq!(rules(&v), [Rule::PerDay]);
        assert!(
            v[0].message
                .ends_with("less than 60 min from its visit 08:00-09:00"),
            "{v:?}"
        );
    }

    #[test]
    fn rule7_per_day_counts_a_joint_visit_once() {
        let p = problem();
        let joint = |w: usize, partner: usize| Activity {
            kind: ActivityKind::JointVisit,
            partner: Some(partner),
            ..visit(w, 2, "09:00", "10:00", FA, HOME_A)
        };
        let acts = vec![
            travel(0, 2, "08:40", "09:00", HOME_A),
            joint(0, 1),
            travel(0, 2, "10:00", "10:20", OFFICE),
            travel(1, 2, "08:40", "09:00", HOME_A),
            joint(1, 0),
            travel(1, 2, "10:00", "10:20", OFFICE),
        ];
        assert!(rule7_per_day(&p, &roster(acts.clone())).is_empty());
        assert!(check_roster(&p, &roster(acts)).is_empty());
    }

    #[test]
    fn rule7_per_day_allows_one_remote_session_a_day_and_rejects_two() {
        let p = problem();
        let one = vec![remote(0, 3, "09:00", "09:30", FA)];
        assert!(rule7_per_day(&p, &roster(one.clone())).is_empty());
        let mut two = one;
        two.push(remote(1, 3, "13:00", "13:30", FA));
        assert_eq!(rules(&rule7_per_day(&p, &roster(two))), [Rule::PerDay]);
    }

    #[test]
    fn rule7_per_day_rejects_a_remote_session_at_the_familys_home() {
        let p = problem();
        // W1 stays at home A after FA's visit and holds FA's session there.
        let at_home = vec![
            travel(0, 3, "08:00", "08:20", HOME_A),
            visit(0, 3, "08:20", "09:20", FA, HOME_A),
            remote(0, 3, "09:20", "09:40", FA),
            travel(0, 3, "09:40", "10:00", OFFICE),
        ];
        let v = rule7_per_day(&p, &roster(at_home.clone()));
        // (On the visit's day: also too close to the visit, a finding of its own.)
        assert_eq!(rules(&v), [Rule::PerDay, Rule::PerDay], "{v:?}");
        assert!(v[0].message.ends_with("held at the family's home"), "{v:?}");
        // The same session for FB (whose home is B) is fine there, and FA's from the office.
        let mut other = at_home.clone();
        other[2].family = Some(FB);
        assert!(rule7_per_day(&p, &roster(other)).is_empty());
        let from_office = vec![remote(0, 3, "09:20", "09:40", FA)];
        assert!(rule7_per_day(&p, &roster(from_office)).is_empty());
    }

    #[test]
    fn rule2_names_each_row_that_overlaps_an_earlier_one_once() {
        let p = problem();
        // 2 000 visits of W1 on Tuesday, each a minute later and all until 16:00: every pair
        // overlaps (about 2 * 10^6 pairs); each row after the first is named once, with the
        // earlier row that ends latest (the first, on a tie).
        let acts: Vec<Activity> = (0..2000u32)
            .map(|i| Activity {
                span: Interval::new(480 + i % 400, 960 + i / 400),
                ..visit(0, 1, "08:00", "16:00", FA, HOME_A)
            })
            .collect();
        let v = rule2_overlap(&p, &roster(acts.clone()));
        assert_eq!(v.len(), 1999);
        assert!(
            v.iter()
                .all(|v| v.rule == Rule::Overlap && v.rows.len() == 2)
        );
        // The row starting at 08:00 and ending 16:04 (index 1600) ends latest of those that
        // start first: the rows after it are named with it.
        assert_eq!(v[0].rows, [0, 400]);
        assert_eq!(v[1998].rows, [1600, 1999]);
        // Rows that only touch do not overlap.
        let touching = vec![
            visit(0, 1, "08:00", "09:00", FA, HOME_A),
            visit(0, 1, "09:00", "10:00", FB, HOME_B),
        ];
        assert!(rule2_overlap(&p, &roster(touching)).is_empty());
    }

    #[test]
    fn rule2_counts_supported_meetings_at_once_by_stretch() {
        let mut p = problem();
        p.settings.supported_per_worker = 2;
        // Five supported meetings of W1 on Monday: 10:00-12:00 three at once, 12:00-13:00 one,
        // 13:00-14:00 two (within the limit), then a remote session during the last.
        let m = |start: &str, end: &str| Activity {
            span: Interval::new(hm(start), hm(end)),
            ..supported(&p, 0, 0)
        };
        let acts = vec![
            m("10:00", "12:00"),
            m("10:00", "11:00"),
            m("10:30", "12:00"),
            m("12:00", "13:00"),
            m("13:00", "14:00"),
            m("13:00", "14:00"),
            remote(0, 0, "13:30", "13:45", FA),
        ];
        let v = rule2_overlap(&p, &roster(acts));
        assert_eq!(
            rows_of(&v, Rule::Overlap),
            [vec![4, 6], vec![0, 1, 2]],
            "{v:?}"
        );
        assert!(
            v[1].message
                .contains("3 supported meetings at once at 10:30")
        );
    }

    #[test]
    fn rule3_finds_a_remote_session_on_the_road_among_many_travel_rows() {
        let p = problem();
        // Travel rows every ten minutes from 08:00 (08:00-08:05, 08:10-08:15, ...) and remote
        // sessions in the gaps, except one that starts on the road.
        let mut acts = Vec::new();
        for i in 0..50u32 {
            let s = 480 + 10 * i;
            acts.push(Activity {
                span: Interval::new(s, s + 5),
                ..travel(0, 1, "08:00", "08:05", OFFICE)
            });
            acts.push(Activity {
                span: Interval::new(s + 5, s + 10),
                ..remote(0, 1, "08:05", "08:10", FA)
            });
        }
        acts.push(remote(0, 1, "09:04", "09:06", FB));
        let v: Vec<Violation> = rule3_travel(&p, &roster(acts))
            .into_iter()
            .filter(|v| v.message.contains("during travel"))
            .collect();
        assert_eq!(rows_of(&v, Rule::Travel), [vec![100]], "{v:?}");
    }

    /// The rows each violation names, as indices into the roster.
    fn rows_of(v: &[Violation], rule: Rule) -> Vec<Vec<usize>> {
        v.iter()
            .filter(|v| v.rule == rule)
            .map(|v| v.rows.clone())
            .collect()
    }

    #[test]
    fn violations_name_the_rows_they_concern() {
        let p = problem();
        // Rows 0..7: W1's long Tuesday (travel, visit FA, travel, break, travel, visit FB,
        // travel back).
        let day = long_day_with_break();
        // Row 7 overlaps row 1 (FA's visit); the day's own rows stay as they are.
        let mut acts = day.clone();
        acts.push(remote(0, 1, "09:00", "09:30", FB));
        assert_eq!(
            rows_of(&rule2_overlap(&p, &roster(acts)), Rule::Overlap),
            [vec![1, 7]]
        );
        // Without the travel to B (row 4), the visit at B (row 5) is where W1 is not.
        let mut acts = day.clone();
        acts[4].location = Some(OFFICE);
        assert_eq!(
            rows_of(&rule3_travel(&p, &roster(acts)), Rule::Travel),
            [vec![5]]
        );
        // A day over the limit names all its rows; the rest between two days names the last
        // row before and the first after.
        let mut q = problem();
        q.settings.max_daily_hours = 7.0;
        assert_eq!(
            rows_of(&rule4_daily(&q, &roster(day.clone())), Rule::Daily),
            [(0..7).collect::<Vec<_>>()]
        );
        let mut acts = vec![
            travel(0, 0, "21:00", "21:20", HOME_A),
            visit(0, 0, "21:20", "22:00", FA, HOME_A),
        ];
        acts.extend(day.clone());
        q.settings.max_daily_hours = 10.0;
        let v = rule4_daily(&q, &roster(acts));
        assert_eq!(rows_of(&v, Rule::Daily), [vec![1, 2]], "{v:?}");
        // Two remote sessions of FA on one day: both rows; over the cap: FA's remote rows.
        let two = vec![
            remote(0, 3, "09:00", "09:30", FA),
            visit(1, 3, "09:00", "10:00", FB, HOME_B),
            remote(1, 3, "13:00", "13:30", FA),
        ];
        assert_eq!(
            rows_of(&rule7_per_day(&p, &roster(two.clone())), Rule::PerDay),
            [vec![0, 2]]
        );
        let mut q = problem();
        q.families[FA].remote_max_share = Some(0.0);
        assert_eq!(
            rows_of(&rule6_effort(&q, &roster(two)), Rule::RemoteCap),
            [vec![0, 2]]
        );
        // A worker's week over capacity is nobody's row alone.
        let mut q = problem();
        q.workers[0].capacity_hours = 1.0;
        let v = rule5_capacity(&q, &roster(day));
        assert_eq!(rows_of(&v, Rule::Capacity), [Vec::<usize>::new()]);
        // Every rule of check_roster on a meeting: both meeting rows.
        let mut m = two_meetings_at_once(&p).activities;
        m[1].room = Some(0);
        m[1].meeting = Some(0);
        m[1].span = m[0].span;
        let v = rule9_meetings(&p, &roster(m));
        assert!(
            rows_of(&v, Rule::Meetings).iter().all(|r| r == &vec![0, 1]),
            "{v:?}"
        );
    }

    #[test]
    fn rule1_a_public_holiday_has_only_its_extra_rows_as_windows() {
        // The tiny week is 2026-W49: Sunday 6.12 is Independence Day, so make Tuesday one too.
        let mut p = problem();
        let tuesday = p.settings.week.date(1);
        p.settings.holidays.push(tuesday);
        p.rebuild_derived();
        let day = roster(long_day_with_break());
        let v = rule1_windows(&p, &day);
        assert_eq!(rules(&v), vec![Rule::Windows; day.activities.len()]);
        assert!(v[0].message.contains("public holiday"), "{v:?}");
        // An extra row of the date gives the hours back.
        p.exceptions.push(crate::model::AvailabilityException {
            worker: 0,
            day: 1,
            kind: crate::model::ExceptionKind::Extra,
            span: Some(Interval::new(hm("06:00"), hm("22:00"))),
        });
        p.rebuild_derived();
        assert!(rule1_windows(&p, &day).is_empty());
        // With holidays_off = false the pattern holds on holidays.
        let mut q = problem();
        q.settings.holidays.push(tuesday);
        q.settings.holidays_off = false;
        q.rebuild_derived();
        assert!(rule1_windows(&q, &day).is_empty());
    }

    #[test]
    fn rule6_effort_allows_a_quarter_hour_over_weekly_hours_and_no_more() {
        let mut p = problem();
        p.families[FA].weekly_hours = 2.0;
        // 2 h 15 min: the SPEC's 0.25 h over is allowed.
        let r = roster(vec![
            visit(0, 1, "08:00", "09:00", FA, HOME_A),
            visit(0, 2, "08:00", "09:15", FA, HOME_A),
        ]);
        assert!(rule6_effort(&p, &r).is_empty());
        // 2 h 16 min is not: the violation names both visits.
        let r = roster(vec![
            visit(0, 1, "08:00", "09:00", FA, HOME_A),
            visit(0, 2, "08:00", "09:16", FA, HOME_A),
        ]);
        let v = rule6_effort(&p, &r);
        assert_eq!(rules(&v), [Rule::Effort]);
        assert_eq!(v[0].rows, [0, 1]);
    }

    #[test]
    fn rule6_remote_cap_is_a_share_of_all_hours_history_included() {
        let mut p = problem();
        p.families[FA].remote_max_share = Some(0.2);
        // 4 h in person and 1 h remote: exactly 20 %.
        let mut acts = vec![
            visit(0, 1, "08:00", "10:00", FA, HOME_A),
            visit(0, 2, "08:00", "10:00", FA, HOME_A),
            remote(0, 3, "08:00", "09:00", FA),
        ];
        assert!(rule6_effort(&p, &roster(acts.clone())).is_empty());
        // 1 h 15 min remote of 5 h 15 min is 23.8 %: over, naming the remote rows only.
        acts[2] = remote(0, 3, "08:00", "09:15", FA);
        let v = rule6_effort(&p, &roster(acts.clone()));
        assert_eq!(rules(&v), [Rule::RemoteCap]);
        assert_eq!(v[0].rows, [2]);
        // In-person history never loosens the week's cap: still over, said of this week.
        p.history.push(crate::model::HistoryWeek {
            family: FA,
            week: crate::model::IsoWeek::new(2026, 48).expect("a week"),
            in_person_hours: 30.0,
            remote_hours: 0.0,
        });
        let v = rule6_effort(&p, &roster(acts));
        assert_eq!(rules(&v), [Rule::RemoteCap]);
        assert!(v[0].message.contains("this week"), "{v:?}");
        // Remote history tightens it: 1 h of 5 h this week holds alone, not after 3 h remote.
        p.history[0] = crate::model::HistoryWeek {
            family: FA,
            week: crate::model::IsoWeek::new(2026, 48).expect("a week"),
            in_person_hours: 0.0,
            remote_hours: 3.0,
        };
        let ok = roster(vec![
            visit(0, 1, "08:00", "10:00", FA, HOME_A),
            visit(0, 2, "08:00", "10:00", FA, HOME_A),
            remote(0, 3, "08:00", "09:00", FA),
        ]);
        let v = rule6_effort(&p, &ok);
        assert_eq!(rules(&v), [Rule::RemoteCap]);
        assert!(v[0].message.contains("four weeks"), "{v:?}");
    }

    #[test]
    fn rule7_visits_holds_lengths_to_the_familys_ranges() {
        let p = problem();
        // visit_minutes 60-180, remote_minutes 15-60.
        let ok = roster(vec![
            visit(0, 1, "08:00", "09:00", FA, HOME_A),
            visit(0, 2, "08:00", "11:00", FA, HOME_A),
            remote(0, 3, "08:00", "08:15", FA),
        ]);
        assert!(rule7_visits(&p, &ok).is_empty());
        let short = roster(vec![
            visit(0, 1, "08:00", "08:59", FA, HOME_A),
            remote(0, 3, "08:00", "09:01", FA),
        ]);
        let v = rule7_visits(&p, &short);
        assert_eq!(rules(&v), [Rule::Lengths, Rule::Lengths]);
        assert_eq!(v[0].rows, [0]);
        assert_eq!(v[1].rows, [1]);
    }

    #[test]
    fn rule8_skills_needs_every_required_skill_and_no_exclusion() {
        let mut p = problem();
        let r = roster(vec![visit(1, 1, "08:00", "09:00", FA, HOME_A)]);
        assert!(rule8_skills(&p, &r).is_empty());
        p.families[FA].required_skills = vec!["swedish".into(), "supervision".into()];
        p.workers[1].skills = vec!["swedish".into()];
        assert_eq!(rules(&rule8_skills(&p, &r)), [Rule::Skills]);
        p.workers[1].skills.push("supervision".into());
        assert!(rule8_skills(&p, &r).is_empty());
        // An excluded worker may not serve the family, whatever their skills.
        p.families[FA].excluded_workers = vec![1];
        assert_eq!(rules(&rule8_skills(&p, &r)), [Rule::Skills]);
        // Nor staff its meetings.
        p.families[FA].excluded_workers.clear();
        let m = supported(&p, 1, 0);
        let fam = p.meetings[0].family;
        p.families[fam].excluded_workers = vec![1];
        assert_eq!(rules(&rule8_skills(&p, &roster(vec![m]))), [Rule::Skills]);
    }
}
