//! Pinning: before any planning, the week takes the rows it must keep — a re-plan's past and
//! the appointments agreed with families — through the one feasibility check, so every planner
//! phase starts from them and no move takes them away (`WeekState::new` holds them, the search
//! never ruins them). An appointment a rule that cannot move forbids is dropped with that
//! rule's words; it is never moved silently.
//!
//! Order (SPEC, appointments.csv): `fixed` appointments first, then `time`, then `worker`,
//! each group in file order. `time` takes the named worker (or pair) if given and free, else
//! the family's own worker, else the nearest qualified worker free then; `worker` takes the
//! earliest start on the grid inside the worker's and the family's windows that every rule
//! allows.
//!
//! The remote cap is the one rule an appointment is not judged by when it is pinned: whether
//! remote hours stay within the cap depends on the in-person hours the planner adds later.
//! [`settle`] ends every plan by letting go of remote sessions of a family whose cap still does
//! not hold (the planner's own first, then appointments, latest first), and the output says so
//! for each appointment.

use super::baseline::starts;
use super::rejection::Rejection;
use super::state::{DayPlan, WeekState};
use crate::model::{
    Activity, ActivityKind, Appointment, AppointmentStatus, Interval, Lock, Pins, Problem, Roster,
    Week,
};

/// Why a kept remote appointment was taken out by [`settle`].
pub const CAP_DROPPED: &str =
    "beyond the family's remote cap: the week holds too few in-person hours for it";

/// Pins the past's rows and every appointment that the rules allow, and records what became of
/// each appointment in `p.pins`.
pub fn pin(p: &mut Week) {
    let past: Vec<Activity> = p
        .past
        .rows
        .iter()
        .filter(|a| a.kind != ActivityKind::Travel)
        .copied()
        .collect();
    p.pins = Pins::new(past.clone(), Vec::new(), Vec::new());
    let (rows, status, placed) = {
        let q: &Week = p;
        let mut st = WeekState::new(q);
        let mut order: Vec<usize> = (0..q.appointments.len()).collect();
        order.sort_by_key(|&i| (q.appointments[i].lock, i));
        let mut status = vec![AppointmentStatus::Kept; q.appointments.len()];
        let mut placed = vec![Vec::new(); q.appointments.len()];
        for i in order {
            match place(&mut st, &q.appointments[i]) {
                Ok(rows) => placed[i] = rows,
                Err(why) => status[i] = AppointmentStatus::Dropped(why),
            }
        }
        // (An appointment before a re-plan's moment is kept as the past's own rows.)
        let mut rows = past;
        let mut seen: std::collections::HashSet<Activity> = rows.iter().copied().collect();
        for a in placed.iter().flatten() {
            if seen.insert(*a) {
                rows.push(*a);
            }
        }
        (rows, status, placed)
    };
    p.pins = Pins::new(rows, status, placed);
}

/// True when `p`'s pins were made for its appointments and past ([`pin`]).
pub fn is_set(p: &Week) -> bool {
    p.pins.status.len() == p.appointments.len()
        && p.past
            .rows
            .iter()
            .filter(|a| a.kind != ActivityKind::Travel)
            .all(|a| p.pins.contains(a))
}

/// The rows of one appointment with `worker` (and `partner`) at `span` on `day`.
fn rows(
    p: &Week,
    ap: &Appointment,
    day: usize,
    span: Interval,
    worker: usize,
    partner: Option<usize>,
) -> Vec<Activity> {
    let location = (ap.kind != ActivityKind::Remote).then_some(p.families[ap.family].location);
    let row = |w: usize, other: Option<usize>| Activity {
        day,
        span,
        worker: w,
        kind: ap.kind,
        family: Some(ap.family),
        meeting: None,
        partner: other,
        room: None,
        location,
    };
    match partner {
        Some(x) if ap.kind == ActivityKind::JointVisit => {
            vec![row(worker, Some(x)), row(x, Some(worker))]
        }
        _ => vec![row(worker, None)],
    }
}

/// The check of one appointment's rows: every rule, the remote cap aside (see the module doc).
fn check(st: &WeekState, a: &Activity) -> Result<DayPlan, Rejection> {
    match st.check_add(a.worker, a.day, std::slice::from_ref(a)) {
        Err(Rejection::RemoteCap) => st.check_worker(a.worker, a.day, std::slice::from_ref(a)),
        other => other,
    }
}

/// Books the rows of one appointment whole, or says which rule refuses (naming the worker).
fn try_rows(st: &mut WeekState, new: &[Activity]) -> Result<(), String> {
    let p = st.p;
    let mut plans = Vec::new();
    for (i, a) in new.iter().enumerate() {
        // The partner's row of a joint visit is judged with the first row booked.
        let plan = if i == 0 {
            check(st, a)
        } else {
            let mut trial = st.clone();
            for (plan, b) in plans.iter().cloned().zip(new) {
                trial.commit(plan, std::slice::from_ref(b));
            }
            check(&trial, a)
        };
        match plan {
            Ok(plan) => plans.push(plan),
            Err(r) => return Err(format!("{}: {}", p.workers[a.worker].id, r.words())),
        }
    }
    for (plan, a) in plans.into_iter().zip(new) {
        st.commit(plan, std::slice::from_ref(a));
    }
    Ok(())
}

/// Workers who may do the family's client work, its own worker first, then by travel from
/// their base to the home.
fn qualified(p: &Problem, family: usize) -> Vec<usize> {
    let fam = &p.families[family];
    let mut v: Vec<usize> = (0..p.workers.len())
        .filter(|&w| p.can_serve(w, family))
        .collect();
    v.sort_by_key(|&w| {
        (
            fam.primary_worker != Some(w),
            p.travel.minutes(p.workers[w].base, fam.location),
            w,
        )
    });
    v
}

/// Places one appointment by its lock, or says why it cannot be kept.
fn place(st: &mut WeekState, ap: &Appointment) -> Result<Vec<Activity>, String> {
    let p = st.p;
    let Some(day) = ap.day else {
        return Err("outside the week".to_owned());
    };
    let joint = ap.kind == ActivityKind::JointVisit;
    // A re-plan: an appointment before the moment happened as the past shows, or not at all.
    if p.past.forbids(day, ap.span.start) {
        let kept: Vec<Activity> = p
            .past
            .rows
            .iter()
            .filter(|a| a.family == Some(ap.family) && a.kind == ap.kind && a.day == day)
            .filter(|a| match ap.lock {
                Lock::Fixed => a.span == ap.span && Some(a.worker) == ap.worker,
                Lock::Time => a.span == ap.span,
                Lock::Worker => {
                    a.span.minutes() == ap.span.minutes() && Some(a.worker) == ap.worker
                }
            })
            .copied()
            .collect();
        return match kept.first() {
            // (Both rows of a joint visit: the first found and its partner's.)
            Some(first) => Ok(p
                .past
                .rows
                .iter()
                .filter(|a| {
                    a.day == day
                        && a.span == first.span
                        && a.family == first.family
                        && a.kind == first.kind
                        && (a.worker == first.worker || Some(a.worker) == first.partner)
                })
                .copied()
                .collect()),
            None => Err(
                "before the re-plan's moment, and the previous roster does not hold it".to_owned(),
            ),
        };
    }
    match ap.lock {
        Lock::Fixed => {
            let w = ap.worker.ok_or("the agreed worker is not in this week")?;
            let new = rows(p, ap, day, ap.span, w, ap.partner);
            try_rows(st, &new).map(|()| new)
        }
        Lock::Time => {
            // The named worker (or pair) first, then the family's own worker and the nearest.
            let mut pool: Vec<usize> = ap.worker.into_iter().chain(ap.partner).collect();
            for w in qualified(p, ap.family) {
                if !pool.contains(&w) {
                    pool.push(w);
                }
            }
            let mut first_reason = None;
            // Who can come alone first (cheap); a joint visit then pairs those.
            let free: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|&w| {
                    let a = rows(p, ap, day, ap.span, w, None)[0];
                    let a = Activity {
                        partner: joint.then_some(usize::MAX),
                        ..a
                    };
                    match check(st, &a) {
                        Ok(_) => true,
                        Err(r) => {
                            first_reason.get_or_insert(format!(
                                "{}: {}",
                                p.workers[w].id,
                                r.words()
                            ));
                            false
                        }
                    }
                })
                .collect();
            // (A joint visit pairs the twenty nearest free workers at most: each try copies
            // the week.)
            for (i, &w) in free.iter().enumerate().take(20) {
                let partners: Vec<Option<usize>> = if joint {
                    free[i + 1..].iter().take(10).map(|&x| Some(x)).collect()
                } else {
                    vec![None]
                };
                for x in partners {
                    let new = rows(p, ap, day, ap.span, w, x);
                    match try_rows(st, &new) {
                        Ok(()) => return Ok(new),
                        Err(why) => {
                            first_reason.get_or_insert(why);
                        }
                    }
                }
            }
            Err(match first_reason {
                Some(why) => format!("no qualified worker is free then ({why})"),
                None => "no qualified worker".to_owned(),
            })
        }
        Lock::Worker => {
            let w = ap.worker.ok_or("the agreed worker is not in this week")?;
            let len = ap.span.minutes();
            let mut first_reason = None;
            for s in starts(p, w, ap.family, day, len) {
                let span = Interval::new(s, s + len);
                if ap
                    .partner
                    .is_some_and(|x| !p.worker_windows[x][day].contains(&span))
                {
                    continue;
                }
                let new = rows(p, ap, day, span, w, ap.partner);
                match try_rows(st, &new) {
                    Ok(()) => return Ok(new),
                    Err(why) => {
                        first_reason.get_or_insert(why);
                    }
                }
            }
            Err(match first_reason {
                Some(why) => format!("no time on that date fits ({why})"),
                None => format!(
                    "{} has no working time on that date inside the family's hours",
                    p.workers[w].id
                ),
            })
        }
    }
}

/// Ends a plan: a family whose remote hours break the cap loses remote sessions, latest first,
/// until the cap holds — first sessions the planner added, then its remote appointments (the
/// output reports each as dropped with [`CAP_DROPPED`]). A re-plan's past is never touched.
/// (Every planner phase keeps the cap when it adds a session; it can break only where pinned
/// rows stay while the search re-plans a family's visits around them.) The roster is returned
/// as it is when nothing needs to go.
pub fn settle(p: &Week, roster: Roster) -> Roster {
    let pins = &p.pins;
    let agreed: std::collections::HashSet<&Activity> = pins.placed().iter().flatten().collect();
    let appointment = |a: &Activity| agreed.contains(a);
    let mut out: Vec<Activity> = roster.activities;
    let mut changed = false;
    // Each family's client rows once (not a pass over the roster per family).
    let mut theirs: Vec<Vec<Activity>> = vec![Vec::new(); p.families.len()];
    for a in out.iter().filter(|a| a.meeting.is_none()) {
        if let Some(f) = a.family {
            theirs[f].push(*a);
        }
    }
    let mut gone = std::collections::HashSet::new();
    for (f, rows) in theirs.iter_mut().enumerate() {
        if !breaks_cap(p, rows, f) {
            continue;
        }
        // The planner's own sessions go first (they could have been anywhere), latest first;
        // agreed appointments only when those are not enough.
        let mut removable: Vec<Activity> = rows
            .iter()
            .filter(|a| a.kind == ActivityKind::Remote)
            .filter(|a| appointment(a) || !pins.contains(a))
            .copied()
            .collect();
        removable.sort_by_key(|a| (!appointment(a), a.day, a.span.start));
        while breaks_cap(p, rows, f) {
            let Some(last) = removable.pop() else {
                break;
            };
            rows.retain(|a| *a != last);
            gone.insert(last);
        }
    }
    if !gone.is_empty() {
        out.retain(|a| !gone.contains(a));
        changed = true;
    }
    if !changed {
        return Roster { activities: out };
    }
    // Rebuild the days (travel and breaks) without the rows taken out.
    match WeekState::from_activities(p, &out) {
        Some(st) => st.into_roster(),
        None => Roster { activities: out },
    }
}

/// True when the family's remote hours in `rows` (with its history) break the cap.
fn breaks_cap(p: &Problem, rows: &[Activity], f: usize) -> bool {
    let (mut in_person, mut remote) = (0.0, 0.0);
    for a in rows
        .iter()
        .filter(|a| a.family == Some(f) && a.meeting.is_none())
    {
        match a.kind {
            ActivityKind::Remote => remote += a.hours(),
            k if k.is_visit() => in_person += a.hours(),
            _ => {}
        }
    }
    let week = crate::model::Hours { in_person, remote };
    !crate::model::limits::remote_cap_holds(p.remote_cap(f), week, p.history_hours(f))
}

/// The plan of `p` that `roster` is, with `info`: what a run returns, for a roster made
/// elsewhere (read back, carried, built in a test), each appointment's status judged from it.
pub fn plan_of(p: &Week, roster: Roster, info: crate::model::SolveInfo) -> crate::model::Plan {
    crate::model::Plan {
        statuses: outcome(p, &roster),
        roster,
        info,
    }
}

/// What became of each appointment in `roster`: the status of the pinning, and a kept remote
/// appointment that [`settle`] had to take out reported as dropped.
pub fn outcome(p: &Week, roster: &Roster) -> Vec<AppointmentStatus> {
    let pins = &p.pins;
    let present: std::collections::HashSet<&Activity> = roster.activities.iter().collect();
    pins.status
        .iter()
        .zip(pins.placed())
        .map(|(s, rows)| match s {
            AppointmentStatus::Kept if !rows.iter().all(|a| present.contains(a)) => {
                AppointmentStatus::Dropped(CAP_DROPPED.to_owned())
            }
            s => s.clone(),
        })
        .collect()
}
