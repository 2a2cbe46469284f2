//! Why demand was left unmet: derived from the problem and the plan, naming the binding
//! resource (skills, common time, capacity, visit limits, the remote cap, rooms).

use super::coverage::FamilyRow;
use crate::model::time::fmt_hm;
use crate::model::{ActivityKind, Problem, Roster};

/// Planned minutes per worker.
fn planned_minutes(p: &Problem, r: &Roster) -> Vec<u32> {
    let mut m = vec![0u32; p.workers.len()];
    for a in &r.activities {
        m[a.worker] += a.minutes();
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
    let shortest = f.visit_minutes.0.min(if p.remote_cap(fi) > 0.0 {
        f.remote_minutes.0
    } else {
        u32::MAX
    });
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
    let free: Vec<usize> = in_time
        .iter()
        .copied()
        .filter(|&w| p.workers[w].capacity_minutes().saturating_sub(planned[w]) >= shortest)
        .collect();
    if free.is_empty() {
        causes.push(format!(
            "qualified workers {} at capacity",
            ids(p, &in_time)
        ));
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
    let cap = p.remote_cap(fi);
    if short && row.remote_hours + 0.02 >= cap * (row.in_person_hours + row.remote_hours) {
        causes.push(if cap == 0.0 {
            "no remote sessions allowed".to_string()
        } else {
            format!("remote cap {:.0} % reached", cap * 100.0)
        });
    }
    if few_joint && in_time.len() < 2 {
        causes.push(format!(
            "a joint visit needs two qualified workers; only {} works when the family is available",
            ids(p, &in_time)
        ));
    }
    let left_fits_visit = row.shortfall_hours * 60.0 + 15.0 >= f64::from(f.visit_minutes.0);
    if short && !left_fits_visit && !few_visits {
        causes.push(format!(
            "the {:.2} h left is shorter than the shortest visit ({} min)",
            row.shortfall_hours, f.visit_minutes.0
        ));
    } else if (short || few_visits) && row.visits < f.max_visits && !free.is_empty() {
        causes.push(format!(
            "no {}-minute in-person slot found for the qualified workers with time left ({}) when the family is available (other bookings, travel, daily hours, rest)",
            f.visit_minutes.0,
            ids(p, &free)
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

/// The reason a meeting is not staffed.
pub fn meeting_reason(p: &Problem, r: &Roster, mi: usize) -> String {
    let m = &p.meetings[mi];
    let when = format!("{} {}", p.settings.week.date(m.day), m.span);
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
    let mut room_free = false;
    for &room in &candidates {
        let available = p.rooms[room].windows_on(m.day).contains(&m.span);
        let taken = r.activities.iter().any(|a| {
            a.kind.is_meeting()
                && a.room == Some(room)
                && a.day == m.day
                && a.span.overlaps(&m.span)
        });
        room_free |= available && !taken;
    }
    if !room_free {
        let names: Vec<&str> = candidates.iter().map(|&x| p.rooms[x].id.as_str()).collect();
        return format!(
            "room{} {} taken or closed {when}",
            if names.len() > 1 { "s" } else { "" },
            names.join(", ")
        );
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
        return format!(
            "qualified workers working then ({}) are busy with other activities {when}",
            ids(p, &working)
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
