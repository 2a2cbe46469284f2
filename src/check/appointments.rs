//! The rule "appointments kept": every appointment reported `kept` is in the roster as its lock
//! says — `fixed`: this worker (and partner) at this time; `time`: this time, some worker;
//! `worker`: this worker on this date, the agreed length — and every dropped one says why.
//! Like the other rules it reads only the problem, the roster and the reported statuses.

use super::{Rule, Violation};
use crate::model::{Activity, ActivityKind, AppointmentStatus, Lock, Problem, Roster};
use std::collections::HashMap;

/// Checks the appointments against the roster and the status reported for each.
pub fn rule_appointments(p: &Problem, r: &Roster, status: &[AppointmentStatus]) -> Vec<Violation> {
    let mut v = Vec::new();
    let fail = |v: &mut Vec<Violation>, message: String| {
        v.push(Violation::new(Rule::Appointments, message))
    };
    if status.len() != p.appointments.len() {
        fail(
            &mut v,
            format!(
                "{} appointment(s) but {} status(es) reported",
                p.appointments.len(),
                status.len()
            ),
        );
        return v;
    }
    // The roster's rows by family, kind and day: each appointment looks at its own.
    let mut by_day: HashMap<(usize, ActivityKind, usize), Vec<&Activity>> = HashMap::new();
    for a in &r.activities {
        if let Some(f) = a.family {
            by_day.entry((f, a.kind, a.day)).or_default().push(a);
        }
    }
    for (i, (ap, s)) in p.appointments.iter().zip(status).enumerate() {
        let what = format!(
            "appointment {} (row {}) of {}",
            ap.kind.as_str(),
            i + 1,
            p.families[ap.family].id
        );
        match s {
            AppointmentStatus::Dropped(why) => {
                if why.trim().is_empty() {
                    fail(&mut v, format!("{what}: dropped without a reason"));
                }
                continue;
            }
            AppointmentStatus::Kept => {}
        }
        let Some(day) = ap.day else {
            fail(&mut v, format!("{what}: kept although outside the week"));
            continue;
        };
        let rows: Vec<_> = by_day
            .get(&(ap.family, ap.kind, day))
            .into_iter()
            .flatten()
            .filter(|a| match ap.lock {
                Lock::Fixed | Lock::Time => a.span == ap.span,
                Lock::Worker => a.span.minutes() == ap.span.minutes(),
            })
            .filter(|a| match ap.lock {
                Lock::Fixed | Lock::Worker => Some(a.worker) == ap.worker,
                Lock::Time => true,
            })
            .collect();
        if rows.is_empty() {
            fail(
                &mut v,
                format!(
                    "{what}: reported kept ({}) but not in the roster as agreed",
                    ap.lock.as_str()
                ),
            );
        } else if ap.kind == ActivityKind::JointVisit
            && ap.lock != Lock::Time
            && !rows.iter().any(|a| a.partner == ap.partner)
        {
            fail(&mut v, format!("{what}: the agreed partner is not with it"));
        }
    }
    v
}
