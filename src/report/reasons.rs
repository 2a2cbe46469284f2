//! Why demand was left unmet: derived from the problem and the plan, naming the binding
//! resource (skills, common time, capacity, visit limits, the remote cap, rooms).

use super::coverage::FamilyRow;
use crate::model::pattern::fmt_days;
use crate::model::time::fmt_hm;
use crate::model::{Activity, ActivityKind, Problem, Roster};

/// Planned minutes per worker (a break is no work).
/// Each worker's planned minutes of the week: per day the union of the rows (concurrent
/// supported meetings once, breaks not at all), as the SPEC counts hours.
fn planned_minutes(p: &Problem, r: &Roster) -> Vec<u32> {
    let mut days: std::collections::BTreeMap<(usize, usize), Vec<Activity>> =
        std::collections::BTreeMap::new();
    for a in &r.activities {
        days.entry((a.worker, a.day)).or_default().push(*a);
    }
    let mut m = vec![0u32; p.workers.len()];
    for ((w, _), day) in days {
        m[w] += crate::model::activity_minutes(&day);
    }
    m
}

fn ids(p: &Problem, workers: &[usize]) -> String {
    let mut v: Vec<&str> = workers.iter().map(|&w| p.workers[w].id.as_str()).collect();
    v.sort_unstable();
    if v.len() > 6 {
        format!("{} and {} more", v[..5].join(", "), v.len() - 5)
    } else {
        v.join(", ")
    }
}

/// The reason when nobody at all can work this week: the week has no workers (a scenario may
/// remove them all) or every worker is absent or without hours all week.
fn no_worker_available(p: &Problem) -> Option<String> {
    if p.workers.is_empty() {
        return Some("no worker is available: the week has no workers".into());
    }
    let nobody = (0..p.workers.len()).all(|w| {
        p.workers[w].capacity_minutes() == 0 || p.worker_windows[w].iter().all(|d| d.is_empty())
    });
    nobody.then(|| {
        format!(
            "no worker is available: every worker ({}) is absent or has no hours all week",
            ids(p, &(0..p.workers.len()).collect::<Vec<_>>())
        )
    })
}

/// True when `w` and family `f` share a window of at least `min` minutes on some day.
fn shares_time(p: &Problem, w: usize, f: usize, min: u32) -> bool {
    (0..7).any(|d| {
        p.worker_windows[w][d]
            .intersect(&p.families[f].windows_on(d))
            .intervals()
            .iter()
            .any(|i| i.minutes() >= min)
    })
}

/// The reason for a family's shortfall, missing visits or missing joint visits ("" if none).
pub fn family_reason(p: &Problem, r: &Roster, row: &FamilyRow) -> String {
    let fi = row.family;
    let f = &p.families[fi];
    let short = row.shortfall_hours > 0.005;
    let few_visits = row.visits < f.min_visits;
    let few_joint = row.joint_visits < f.joint_visits;
    if !short && !few_visits && !few_joint {
        return String::new();
    }
    let mut what = Vec::new();
    if short {
        what.push(format!("{:.2} h short", row.shortfall_hours));
    }
    if few_visits {
        what.push(format!("{} of {} visits", row.visits, f.min_visits));
    }
    if few_joint {
        what.push(format!(
            "{} of {} joint visits",
            row.joint_visits, f.joint_visits
        ));
    }
    let head = what.join(", ");
    if let Some(none) = no_worker_available(p) {
        return format!("{head}: {none}");
    }
    let skilled: Vec<usize> = (0..p.workers.len())
        .filter(|&w| p.workers[w].has_skills(&f.required_skills))
        .collect();
    let eligible: Vec<usize> = (0..p.workers.len())
        .filter(|&w| p.can_serve(w, fi))
        .collect();
    if skilled.is_empty() {
        return format!(
            "{head}: needs skills {}; no worker has them all",
            f.required_skills.join("|")
        );
    }
    if eligible.is_empty() {
        return format!(
            "{head}: every worker with the required skills ({}) is excluded",
            ids(p, &skilled)
        );
    }
    let cap = p.remote_cap(fi);
    let remote_full = row.remote_hours + crate::model::limits::REPORT_TOLERANCE_HOURS
        >= cap * (row.in_person_hours + row.remote_hours);
    // The shortest thing that could still add hours: a remote session while the cap allows,
    // else a visit (which also needs the way there and back).
    let remote_open = cap > 0.0 && !(short && remote_full);
    let shortest = if remote_open {
        f.visit_minutes.0.min(f.remote_minutes.0)
    } else {
        f.visit_minutes.0
    };
    let visit = shortest == f.visit_minutes.0;
    let in_time: Vec<usize> = eligible
        .iter()
        .copied()
        .filter(|&w| shares_time(p, w, fi, shortest))
        .collect();
    if in_time.is_empty() {
        let when = f
            .available
            .as_ref()
            .map(|a| a.to_string())
            .unwrap_or_else(|| "any time".into());
        return format!(
            "{head}: family available {when}; no qualified worker ({}) works then",
            ids(p, &eligible)
        );
    }
    let planned = planned_minutes(p, r);
    let mut causes = Vec::new();
    if !f.required_skills.is_empty() {
        causes.push(format!(
            "needs {} {}: {} {} it",
            if f.required_skills.len() > 1 {
                "skills"
            } else {
                "skill"
            },
            f.required_skills.join("|"),
            ids(p, &eligible),
            if eligible.len() > 1 { "have" } else { "has" }
        ));
    }
    let mut free = Vec::new();
    let mut blocked = Vec::new();
    for &w in &in_time {
        match worker_block(p, r, &planned, w, fi, shortest, visit) {
            Some(why) => blocked.push(why),
            None => free.push(w),
        }
    }
    if free.is_empty() {
        causes.push(if in_time.len() > 1 {
            format!("all qualified workers busy: {}", blocked.join("; "))
        } else {
            blocked.join("; ")
        });
    }
    if f.weekly_hours * 60.0 + 15.0 < f64::from(f.visit_minutes.0) {
        causes.push(format!(
            "weekly_hours {} is shorter than the shortest visit ({} min)",
            f.weekly_hours, f.visit_minutes.0
        ));
    }
    if row.visits >= f.max_visits && short {
        causes.push(format!("max_visits {} reached", f.max_visits));
    }
    if (short || few_visits) && visit && row.visits < f.max_visits {
        // Days on which a visit could happen at all, and those the family's visits fill.
        let days: Vec<usize> = (0..7)
            .filter(|&d| {
                in_time.iter().any(|&w| {
                    p.worker_windows[w][d]
                        .intersect(&f.windows_on(d))
                        .intervals()
                        .iter()
                        .any(|i| i.minutes() >= f.visit_minutes.0)
                })
            })
            .collect();
        let open = days
            .iter()
            .filter(|&&d| visits_on(r, fi, d) < f.max_visits_per_day as usize)
            .count();
        if open == 0 {
            causes.push(format!(
                "at most {} visit{} a day and only {} day{} with a common window ({}), all taken",
                f.max_visits_per_day,
                if f.max_visits_per_day == 1 { "" } else { "s" },
                days.len(),
                if days.len() == 1 { "" } else { "s" },
                fmt_days(days.iter().fold(0u8, |m, &d| m | 1 << d))
            ));
        }
    }
    if short && remote_full {
        causes.push(if cap == 0.0 {
            "no remote sessions allowed".to_string()
        } else {
            format!(
                "remote cap {:.0} % reached, so more hours need an in-person visit",
                cap * 100.0
            )
        });
    }
    if few_joint {
        causes.push(joint_cause(p, r, &planned, fi, &eligible));
    }
    let left_fits_visit = row.shortfall_hours * 60.0 + 15.0 >= f64::from(f.visit_minutes.0);
    if short && !left_fits_visit && !few_visits {
        // What stops the family's own workers from making a visit longer instead.
        let left = (row.shortfall_hours * 60.0).ceil() as u32;
        let full: Vec<String> = in_time
            .iter()
            .copied()
            .filter(|&w| {
                r.activities
                    .iter()
                    .any(|a| a.worker == w && a.family == Some(fi) && a.kind.is_visit())
            })
            .filter_map(|w| worker_block(p, r, &planned, w, fi, left, false))
            .collect();
        causes.push(format!(
            "the {:.2} h left is shorter than the shortest visit ({} min){}",
            row.shortfall_hours,
            f.visit_minutes.0,
            if full.is_empty() {
                String::new()
            } else {
                format!(", and no visit can grow: {}", full.join("; "))
            }
        ));
    } else if (short || few_visits) && row.visits < f.max_visits && !free.is_empty() {
        let home = &p.locations[f.location].id;
        let legs: Vec<String> = free
            .iter()
            .map(|&w| {
                let base = p.workers[w].base;
                format!(
                    "{} {} min each way",
                    p.workers[w].id,
                    p.travel.minutes(base, f.location)
                )
            })
            .collect();
        causes.push(format!(
            "the free time of {} is too short for a {}-minute visit with the travel to {home} ({}), within daily hours and rest",
            ids(p, &free),
            f.visit_minutes.0,
            legs.join(", ")
        ));
    }
    if causes.is_empty() {
        causes.push(format!(
            "no slot found for the qualified workers with time left ({})",
            ids(p, &free)
        ));
    }
    format!("{head}: {}", causes.join("; "))
}

/// Visits of family `f` on day `d` (a joint visit once).
fn visits_on(r: &Roster, f: usize, d: usize) -> usize {
    let mut spans: Vec<(crate::model::Interval, bool)> = r
        .activities
        .iter()
        .filter(|a| a.family == Some(f) && a.day == d && a.kind.is_visit())
        .map(|a| (a.span, a.kind == ActivityKind::JointVisit))
        .collect();
    let joint = spans.iter().filter(|s| s.1).count();
    spans.retain(|s| !s.1);
    spans.len() + joint.div_ceil(2)
}

/// Why a required joint visit is missing: fewer than two qualified workers share a visit-long
/// window with the family, or fewer than two of them have such time left.
fn joint_cause(p: &Problem, r: &Roster, planned: &[u32], f: usize, eligible: &[usize]) -> String {
    let need = p.families[f].visit_minutes.0;
    let in_time: Vec<usize> = eligible
        .iter()
        .copied()
        .filter(|&w| shares_time(p, w, f, need))
        .collect();
    if in_time.len() < 2 {
        return format!(
            "a joint visit needs two qualified workers for {need} min when the family is available; only {} {}",
            if in_time.is_empty() {
                "none".to_string()
            } else {
                ids(p, &in_time)
            },
            if in_time.len() == 1 {
                "works then"
            } else {
                "work then"
            }
        );
    }
    let mut free = Vec::new();
    let mut blocked = Vec::new();
    for &w in &in_time {
        match worker_block(p, r, planned, w, f, need, true) {
            Some(why) => blocked.push(why),
            None => free.push(w),
        }
    }
    if free.len() < 2 {
        return format!(
            "a joint visit needs two qualified workers with {need} min free: {}",
            blocked.join("; ")
        );
    }
    format!(
        "no {need}-minute slot in which two of {} are both free with travel, daily hours and rest",
        ids(p, &free)
    )
}

/// Why worker `w` cannot give family `f` another `need` minutes, or `None` when a free
/// stretch of that length exists on a day both can meet: weekly capacity used, or each such day
/// at the daily limit or booked through the common window. A `visit` away from the base also
/// takes the way there and back out of the week's capacity.
fn worker_block(
    p: &Problem,
    r: &Roster,
    planned: &[u32],
    w: usize,
    f: usize,
    need: u32,
    visit: bool,
) -> Option<String> {
    let wk = &p.workers[w];
    let home = p.families[f].location;
    let trip = if !visit || home == wk.base {
        0
    } else {
        p.travel.round_trip(wk.base, home)
    };
    if wk.capacity_minutes().saturating_sub(planned[w]) < need + trip {
        return Some(format!(
            "{} at weekly capacity ({:.2} of {:.2} h{})",
            wk.id,
            f64::from(planned[w]) / 60.0,
            wk.capacity_hours,
            if trip > 0 {
                format!(
                    "; a visit takes {:.2} h with travel",
                    f64::from(need + trip) / 60.0
                )
            } else {
                String::new()
            }
        ));
    }
    let (mut full, mut booked) = (0u8, 0u8);
    for d in 0..7 {
        let mut common = p.worker_windows[w][d].intersect(&p.families[f].windows_on(d));
        if !common.intervals().iter().any(|i| i.minutes() >= need) {
            continue;
        }
        if visit && visits_on(r, f, d) >= p.families[f].max_visits_per_day as usize {
            continue; // the family's visits of the day are taken (rule 7)
        }
        let day: Vec<_> = r
            .activities
            .iter()
            .filter(|a| a.worker == w && a.day == d && a.kind != ActivityKind::Break)
            .collect();
        let rows: Vec<_> = day.iter().map(|a| **a).collect();
        let worked = crate::model::activity_minutes(&rows);
        if worked + need > p.settings.max_daily_minutes() {
            full |= 1 << d;
            continue;
        }
        for a in &day {
            common.subtract(&a.span);
        }
        if !common.intervals().iter().any(|i| i.minutes() >= need) {
            booked |= 1 << d;
        } else {
            return None; // a free stretch on a day both can meet
        }
    }
    let mut parts = Vec::new();
    if booked != 0 {
        parts.push(format!("booked {}", fmt_days(booked)));
    }
    if full != 0 {
        parts.push(format!("at the daily limit {}", fmt_days(full)));
    }
    Some(format!("{} {}", wk.id, parts.join(", ")))
}

/// The reason a meeting is not staffed.
pub fn meeting_reason(p: &Problem, r: &Roster, mi: usize) -> String {
    let m = &p.meetings[mi];
    let when = format!("{} {}", p.settings.week.date(m.day), m.span);
    if let Some(none) = no_worker_available(p) {
        return none;
    }
    let qualified: Vec<usize> = (0..p.workers.len())
        .filter(|&w| p.can_staff(w, mi))
        .collect();
    if qualified.len() < m.staff as usize {
        let skills = if m.required_skills.is_empty() {
            String::new()
        } else {
            format!(" with skills {}", m.required_skills.join("|"))
        };
        return format!(
            "needs {} workers{skills}; only {} qualify and are not excluded",
            m.staff,
            qualified.len()
        );
    }
    let candidates: Vec<usize> = match m.room {
        Some(room) => vec![room],
        None => (0..p.rooms.len()).collect(),
    };
    let mut room_state = Vec::new();
    let mut room_free = false;
    for &room in &candidates {
        let id = &p.rooms[room].id;
        let taken_by = r.activities.iter().find(|a| {
            a.kind.is_meeting()
                && a.room == Some(room)
                && a.day == m.day
                && a.span.overlaps(&m.span)
        });
        if !p.rooms[room].windows_on(m.day).contains(&m.span) {
            room_state.push(format!("{id} closed {}", m.span));
        } else if let Some(a) = taken_by {
            let other = a.meeting.map(|o| p.meetings[o].id.as_str()).unwrap_or("?");
            room_state.push(format!("{id} taken by {other} {}", a.span));
        } else {
            room_free = true;
        }
    }
    if !room_free {
        return format!("no room free {when}: {}", room_state.join(", "));
    }
    let working: Vec<usize> = qualified
        .iter()
        .copied()
        .filter(|&w| p.worker_windows[w][m.day].contains(&m.span))
        .collect();
    if working.is_empty() {
        return format!("no qualified worker works {when}");
    }
    if working.len() < m.staff as usize {
        return format!(
            "needs {} qualified workers working {when}; {} do ({})",
            m.staff,
            working.len(),
            ids(p, &working)
        );
    }
    let idle: Vec<usize> = working
        .iter()
        .copied()
        .filter(|&w| {
            !r.activities.iter().any(|a| {
                a.worker == w
                    && a.day == m.day
                    && a.span.overlaps(&m.span)
                    && a.kind != ActivityKind::Supported
            })
        })
        .collect();
    if idle.len() < m.staff as usize {
        let busy: Vec<String> = working
            .iter()
            .filter(|w| !idle.contains(w))
            .filter_map(|&w| {
                r.activities
                    .iter()
                    .find(|a| a.worker == w && a.day == m.day && a.span.overlaps(&m.span))
                    .map(|a| format!("{} {}", p.workers[w].id, doing(p, a)))
            })
            .collect();
        return format!(
            "needs {} of the qualified workers working {when}; busy: {}",
            m.staff,
            busy.join(", ")
        );
    }
    if p.settings.meetings_count_as_effort {
        return format!(
            "staffing it would exceed family {}'s weekly_hours, daily hours, rest, capacity or travel time of every free qualified worker ({}) at {}",
            p.families[m.family].id,
            ids(p, &idle),
            fmt_hm(m.span.start)
        );
    }
    format!(
        "staffing it would break daily hours, rest, weekly capacity or travel time for every free qualified worker ({}) {when}",
        ids(p, &idle)
    )
}

/// What an activity is, in a few words: "home_visit F002 15:00-17:00".
fn doing(p: &Problem, a: &crate::model::Activity) -> String {
    format!("{} {} {}", a.kind.as_str(), super::subject(p, a), a.span)
}
