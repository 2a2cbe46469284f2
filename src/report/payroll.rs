//! payroll.csv: hours per worker, date and pay code, with the collective agreement's windows.

use crate::model::table::{Cell, DataTable};
use crate::model::{ActivityKind, Interval, PayCode, Problem, Roster, Windows};
use std::collections::BTreeMap;

/// Minutes per (worker, day, code) for REG, EVE, NIGHT, SAT and SUN, over the worker's hours as
/// the SPEC defines them: the union of the day's activity rows (concurrent supported meetings
/// are paid once), breaks excluded (a break is not working time).
pub fn pay_minutes(p: &Problem, r: &Roster) -> BTreeMap<(usize, usize, PayCode), u32> {
    let pay = &p.settings.payroll;
    let mut days: BTreeMap<(usize, usize), Vec<Interval>> = BTreeMap::new();
    for a in r
        .activities
        .iter()
        .filter(|a| a.kind != ActivityKind::Break)
    {
        days.entry((a.worker, a.day)).or_default().push(a.span);
    }
    let mut m = BTreeMap::new();
    for ((w, d), spans) in days {
        for span in Windows::from_intervals(spans).intervals() {
            let mut add = |code, minutes: u32| {
                if minutes > 0 {
                    *m.entry((w, d, code)).or_insert(0) += minutes;
                }
            };
            add(PayCode::Reg, span.minutes());
            add(PayCode::Eve, pay.evening.minutes_within(span));
            add(PayCode::Night, pay.night.minutes_within(span));
            if p.holidays[d] || d == 6 {
                add(PayCode::Sun, span.minutes());
            } else if d == 5 {
                add(PayCode::Sat, pay.saturday.minutes_within(span));
            }
        }
    }
    m
}

/// One row of payroll.csv: worker, day of the week, pay code and hours.
pub type PayRow = (usize, usize, PayCode, f64);

/// The rows of payroll.csv, sorted by worker id, day and code: one per worker, day and code
/// with hours > 0; the week's overtime (`OT`) goes on the worker's last working day. The
/// preset import files ([`super::payroll_presets`]) are built from these same rows.
pub fn payroll_rows(p: &Problem, r: &Roster) -> Vec<PayRow> {
    let minutes = pay_minutes(p, r);
    let mut weekly = vec![0u32; p.workers.len()];
    let mut last_day = vec![None; p.workers.len()];
    for ((w, d, code), m) in &minutes {
        if *code == PayCode::Reg {
            weekly[*w] += m;
            last_day[*w] = Some(*d);
        }
    }
    let mut rows: Vec<PayRow> = minutes
        .iter()
        .map(|(&(w, d, c), &m)| (w, d, c, f64::from(m) / 60.0))
        .collect();
    for (w, worker) in p.workers.iter().enumerate() {
        let ot = f64::from(weekly[w]) / 60.0 - worker.contract_hours;
        if let (true, Some(d)) = (ot > 0.005, last_day[w]) {
            rows.push((w, d, PayCode::Ot, ot));
        }
    }
    rows.sort_by(|a, b| (&p.workers[a.0].id, a.1, a.2).cmp(&(&p.workers[b.0].id, b.1, b.2)));
    rows
}

/// The payroll table: one row per worker, date and code with hours > 0; the week's overtime
/// (`OT`) goes on the worker's last working day.
pub fn payroll_table(p: &Problem, r: &Roster) -> DataTable {
    let mut t = DataTable::new("payroll.csv", &["worker_id", "date", "pay_code", "hours"]);
    let fmt = &p.settings.payroll.date_format;
    for (w, d, code, hours) in payroll_rows(p, r) {
        t.push(vec![
            p.workers[w].id.as_str().into(),
            Cell::date_as(p.settings.week.date(d), fmt),
            p.settings.payroll.code_name(code).into(),
            hours.into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::*;
    use crate::model::Activity;

    fn reg_hours(p: &Problem, acts: Vec<Activity>, w: usize, d: usize) -> f64 {
        let m = pay_minutes(p, &Roster { activities: acts });
        f64::from(m.get(&(w, d, PayCode::Reg)).copied().unwrap_or(0)) / 60.0
    }

    #[test]
    fn two_supported_meetings_at_once_are_paid_once() {
        let p = problem();
        // 10:00–12:00 and 10:30–12:30: 2.5 h worked, not 4.
        let acts = vec![supported(&p, 0, 0), supported(&p, 0, 1)];
        assert_eq!(reg_hours(&p, acts.clone(), 0, 0), 2.5);
        let t = payroll_table(&p, &Roster { activities: acts });
        assert_eq!(
            t.rows.len(),
            1,
            "REG only on a Monday daytime: {:?}",
            t.rows
        );
    }

    #[test]
    fn a_break_is_not_paid() {
        let p = problem();
        // 7.67 h of activity around a 30-minute break.
        let hours = reg_hours(&p, long_day_with_break(), 0, 1);
        assert!((hours - 460.0 / 60.0).abs() < 1e-9, "{hours}");
        // A break in the evening or on a Sunday earns no supplement either.
        let sunday = vec![
            remote(0, 6, "18:00", "18:30", FA),
            pause(0, 6, "18:30", "19:00", OFFICE),
            remote(0, 6, "19:00", "19:30", FB),
        ];
        let m = pay_minutes(&p, &Roster { activities: sunday });
        assert_eq!(m.get(&(0, 6, PayCode::Sun)), Some(&60));
        assert_eq!(m.get(&(0, 6, PayCode::Eve)), Some(&60));
    }
}
