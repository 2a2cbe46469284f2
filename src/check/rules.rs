//! Rules 1–9, one function each.

use super::{Rule, Violation};
use crate::model::time::fmt_hm;
use crate::model::{Activity, ActivityKind, Interval, Problem, Roster};
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn viol(rule: Rule, message: String) -> Violation {
    Violation { rule, message }
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

/// Activities per (worker, day), in time order with travel first at equal starts.
pub fn by_worker_day(r: &Roster) -> BTreeMap<(usize, usize), Vec<&Activity>> {
    let mut m: BTreeMap<(usize, usize), Vec<&Activity>> = BTreeMap::new();
    for a in &r.activities {
        m.entry((a.worker, a.day)).or_default().push(a);
    }
    for v in m.values_mut() {
        v.sort_by_key(|a| (a.span.start, a.kind != ActivityKind::Travel, a.span.end));
    }
    m
}

/// Every row refers to things that exist and has the fields its kind needs.
pub fn format(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for a in &r.activities {
        let bad = |what: &str| viol(Rule::Format, format!("row {:?}: {what}", a.kind));
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
        if a.kind == ActivityKind::JointVisit && a.partner.is_none_or(|w| w >= p.workers.len()) {
            out.push(viol(
                Rule::Joint,
                format!("{}: joint visit without a partner", describe(p, a)),
            ));
        }
    }
    out
}

/// Rule 1: inside the worker's windows, and the family's windows for client work.
pub fn rule1_windows(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for a in &r.activities {
        if !p.worker_windows[a.worker][a.day].contains(&a.span) {
            out.push(viol(
                Rule::Windows,
                format!("{}: outside the worker's windows", describe(p, a)),
            ));
        }
        if let (true, Some(f)) = (a.kind.is_client(), a.family)
            && !p.families[f].windows_on(a.day).contains(&a.span)
        {
            out.push(viol(
                Rule::Windows,
                format!(
                    "{}: outside family {}'s availability",
                    describe(p, a),
                    p.families[f].id
                ),
            ));
        }
    }
    out
}

/// Rule 2: no overlaps, except concurrent supported meetings up to the limit.
pub fn rule2_overlap(p: &Problem, r: &Roster) -> Vec<Violation> {
    let limit = p.settings.supported_per_worker as usize;
    let mut out = Vec::new();
    for ((w, d), acts) in by_worker_day(r) {
        for (i, a) in acts.iter().enumerate() {
            for b in &acts[i + 1..] {
                if !a.span.overlaps(&b.span) {
                    continue;
                }
                if a.kind == ActivityKind::Supported && b.kind == ActivityKind::Supported {
                    continue;
                }
                out.push(viol(
                    Rule::Overlap,
                    format!(
                        "{} double-booked on {}: {} {} and {} {}",
                        p.workers[w].id,
                        p.settings.week.date(d),
                        a.kind.as_str(),
                        a.span,
                        b.kind.as_str(),
                        b.span
                    ),
                ));
            }
        }
        let supported: Vec<&&Activity> = acts
            .iter()
            .filter(|a| a.kind == ActivityKind::Supported)
            .collect();
        for s in &supported {
            let at_once = supported
                .iter()
                .filter(|b| b.span.start <= s.span.start && s.span.start < b.span.end)
                .count();
            if at_once > limit {
                out.push(viol(
                    Rule::Overlap,
                    format!(
                        "{} has {at_once} supported meetings at once at {} on {} (limit {limit})",
                        p.workers[w].id,
                        fmt_hm(s.span.start),
                        p.settings.week.date(d)
                    ),
                ));
            }
        }
    }
    out
}

/// Rule 3: explicit travel from and back to base, activities where the worker is, no remote
/// session during travel, visits at the family's home.
pub fn rule3_travel(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for ((w, d), acts) in by_worker_day(r) {
        let base = p.workers[w].base;
        let mut here = base;
        let travels: Vec<Interval> = acts
            .iter()
            .filter(|a| a.kind == ActivityKind::Travel)
            .map(|a| a.span)
            .collect();
        for a in &acts {
            let loc = a.location.unwrap_or(usize::MAX);
            match a.kind {
                ActivityKind::Travel => {
                    let need = p.travel.minutes(here, loc);
                    if a.minutes() < need {
                        out.push(viol(
                            Rule::Travel,
                            format!(
                                "{}: travel {} -> {} needs {need} min",
                                describe(p, a),
                                p.locations[here].id,
                                p.locations[loc].id
                            ),
                        ));
                    }
                    here = loc;
                }
                ActivityKind::Remote => {
                    if travels.iter().any(|t| t.overlaps(&a.span)) {
                        out.push(viol(
                            Rule::Travel,
                            format!("{}: remote session during travel", describe(p, a)),
                        ));
                    }
                }
                _ => {
                    if loc != here {
                        out.push(viol(
                            Rule::Travel,
                            format!(
                                "{}: worker is at {} but the activity is at {} (missing travel)",
                                describe(p, a),
                                p.locations[here].id,
                                p.locations[loc].id
                            ),
                        ));
                        here = loc;
                    }
                }
            }
            if let (true, Some(f)) = (a.kind.is_visit(), a.family)
                && a.location != Some(p.families[f].location)
            {
                out.push(viol(
                    Rule::Travel,
                    format!(
                        "{}: visit is not at family {}'s home",
                        describe(p, a),
                        p.families[f].id
                    ),
                ));
            }
        }
        if here != base {
            out.push(viol(
                Rule::Travel,
                format!(
                    "{} {}: the day ends at {}, not back at base {}",
                    p.workers[w].id,
                    p.settings.week.date(d),
                    p.locations[here].id,
                    p.locations[base].id
                ),
            ));
        }
    }
    out
}

/// Rule 4: daily hours and rest between consecutive days.
pub fn rule4_daily(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    let days = by_worker_day(r);
    let max = p.settings.max_daily_minutes();
    for ((w, d), acts) in &days {
        let total: u32 = acts.iter().map(|a| a.minutes()).sum();
        if total > max {
            out.push(viol(
                Rule::Daily,
                format!(
                    "{} {}: {:.2} h > max_daily_hours {}",
                    p.workers[*w].id,
                    p.settings.week.date(*d),
                    f64::from(total) / 60.0,
                    p.settings.max_daily_hours
                ),
            ));
        }
        if let Some(prev) = d.checked_sub(1).and_then(|pd| days.get(&(*w, pd))) {
            let prev_end = prev.iter().map(|a| a.span.end).max().unwrap_or(0);
            let first = acts.iter().map(|a| a.span.start).min().unwrap_or(0);
            let rest = 1440 - prev_end + first;
            if rest < p.settings.min_rest_minutes() {
                out.push(viol(
                    Rule::Daily,
                    format!(
                        "{}: only {:.2} h rest before {}",
                        p.workers[*w].id,
                        f64::from(rest) / 60.0,
                        p.settings.week.date(*d)
                    ),
                ));
            }
        }
    }
    out
}

/// Rule 5: weekly activity hours within capacity.
pub fn rule5_capacity(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut minutes = vec![0u32; p.workers.len()];
    for a in &r.activities {
        minutes[a.worker] += a.minutes();
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

/// Delivered in-person, remote and meeting minutes per family.
pub fn family_minutes(p: &Problem, r: &Roster) -> Vec<(u32, u32, u32)> {
    let mut m = vec![(0u32, 0u32, 0u32); p.families.len()];
    for a in &r.activities {
        match (a.kind, a.family, a.meeting) {
            (ActivityKind::Remote, Some(f), _) => m[f].1 += a.minutes(),
            (k, Some(f), _) if k.is_visit() => m[f].0 += a.minutes(),
            (k, _, Some(mt)) if k.is_meeting() => m[p.meetings[mt].family].2 += a.minutes(),
            _ => {}
        }
    }
    m
}

/// Rule 6: at most weekly_hours + 0.25 delivered; remote within the cap (rolling with history).
pub fn rule6_effort(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for (i, (inp, rem, meet)) in family_minutes(p, r).into_iter().enumerate() {
        let f = &p.families[i];
        let counted_meet = if p.settings.meetings_count_as_effort {
            meet
        } else {
            0
        };
        let delivered = f64::from(inp + rem + counted_meet) / 60.0;
        if delivered > f.weekly_hours + 0.25 + 1e-9 {
            out.push(viol(
                Rule::Effort,
                format!(
                    "{}: delivered {delivered:.2} h > weekly_hours {} + 0.25",
                    f.id, f.weekly_hours
                ),
            ));
        }
        let (hi, hr) = p.history_hours(i);
        let tot_rem = f64::from(rem) / 60.0 + hr;
        let tot = f64::from(inp) / 60.0 + hi + tot_rem;
        if tot_rem > p.remote_cap(i) * tot + 0.01 + 1e-9 {
            out.push(viol(
                Rule::RemoteCap,
                format!(
                    "{}: remote {tot_rem:.2} h of {tot:.2} h exceeds the cap {:.0} %",
                    f.id,
                    p.remote_cap(i) * 100.0
                ),
            ));
        }
    }
    out
}

/// Rule 7: visit and session lengths, max visits, joint visits made by exactly two workers.
pub fn rule7_visits(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut visits = vec![0u32; p.families.len()];
    let mut joints: HashMap<(usize, usize, Interval), Vec<&Activity>> = HashMap::new();
    for a in &r.activities {
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
            out.push(viol(
                Rule::Lengths,
                format!(
                    "{}: {} for {} lasts {} min, allowed {lo}-{hi}",
                    describe(p, a),
                    a.kind.as_str(),
                    fam.id,
                    a.minutes()
                ),
            ));
        }
        match a.kind {
            ActivityKind::HomeVisit => visits[f] += 1,
            ActivityKind::JointVisit => joints.entry((f, a.day, a.span)).or_default().push(a),
            _ => {}
        }
    }
    for ((f, d, span), rows) in &joints {
        visits[*f] += 1;
        let workers: BTreeSet<usize> = rows.iter().map(|a| a.worker).collect();
        let paired = rows.len() == 2
            && rows[0].partner == Some(rows[1].worker)
            && rows[1].partner == Some(rows[0].worker);
        if workers.len() != 2 || !paired {
            out.push(viol(
                Rule::Joint,
                format!(
                    "joint visit {} {} {span}: {} rows, {} workers, partners {}",
                    p.families[*f].id,
                    p.settings.week.date(*d),
                    rows.len(),
                    workers.len(),
                    if paired { "match" } else { "do not match" }
                ),
            ));
        }
    }
    for (f, n) in visits.into_iter().enumerate() {
        if n > p.families[f].max_visits {
            out.push(viol(
                Rule::Lengths,
                format!(
                    "{}: {n} visits > max_visits {}",
                    p.families[f].id, p.families[f].max_visits
                ),
            ));
        }
    }
    out
}

/// Rule 8: skills and exclusions for every row.
pub fn rule8_skills(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    for a in &r.activities {
        let ok = match (a.kind, a.family, a.meeting) {
            (k, Some(f), _) if k.is_client() => p.can_serve(a.worker, f),
            (k, _, Some(m)) if k.is_meeting() => p.can_staff(a.worker, m),
            _ => true,
        };
        if !ok {
            out.push(viol(
                Rule::Skills,
                format!(
                    "{}: worker lacks a required skill or is excluded",
                    describe(p, a)
                ),
            ));
        }
    }
    out
}

/// Rule 9: staffed meetings have their staff for the whole slot in one free room at the
/// worker's location; no room holds two meetings at once.
pub fn rule9_meetings(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut rows: BTreeMap<usize, Vec<&Activity>> = BTreeMap::new();
    for a in r.activities.iter().filter(|a| a.kind.is_meeting()) {
        rows.entry(a.meeting.expect("format() checked"))
            .or_default()
            .push(a);
    }
    let mut room_use: BTreeMap<usize, Vec<(usize, Interval, usize)>> = BTreeMap::new();
    for (mi, rs) in &rows {
        let m = &p.meetings[*mi];
        let fail = |msg: String| viol(Rule::Meetings, format!("meeting {}: {msg}", m.id));
        let workers: BTreeSet<usize> = rs.iter().map(|a| a.worker).collect();
        if workers.len() != rs.len() || workers.len() != m.staff as usize {
            out.push(fail(format!(
                "{} rows by {} workers, needs {} distinct workers",
                rs.len(),
                workers.len(),
                m.staff
            )));
        }
        if rs.iter().any(|a| {
            a.kind != ActivityKind::from_meeting(m.kind) || a.day != m.day || a.span != m.span
        }) {
            out.push(fail("a row differs from the meeting's kind or slot".into()));
        }
        let rooms: BTreeSet<Option<usize>> = rs.iter().map(|a| a.room).collect();
        let room = match (rooms.len(), rooms.iter().next()) {
            (1, Some(Some(room))) => *room,
            _ => {
                out.push(fail("rows do not name exactly one room".into()));
                continue;
            }
        };
        if m.room.is_some_and(|fixed| fixed != room) {
            out.push(fail(format!(
                "must be in room {}",
                p.rooms[m.room.unwrap()].id
            )));
        }
        if !p.rooms[room].windows_on(m.day).contains(&m.span) {
            out.push(fail(format!(
                "room {} is not available then",
                p.rooms[room].id
            )));
        }
        if rs
            .iter()
            .any(|a| a.location != Some(p.rooms[room].location))
        {
            out.push(fail(format!(
                "a row is not at room {}'s location",
                p.rooms[room].id
            )));
        }
        room_use.entry(room).or_default().push((m.day, m.span, *mi));
    }
    for (room, uses) in room_use {
        for (i, a) in uses.iter().enumerate() {
            for b in &uses[i + 1..] {
                if a.0 == b.0 && a.1.overlaps(&b.1) {
                    out.push(viol(
                        Rule::Meetings,
                        format!(
                            "room {}: meetings {} and {} overlap",
                            p.rooms[room].id, p.meetings[a.2].id, p.meetings[b.2].id
                        ),
                    ));
                }
            }
        }
    }
    out
}
