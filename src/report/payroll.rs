//! payroll.csv: hours per worker, date and pay code, with the collective agreement's windows.

use crate::model::table::DataTable;
use crate::model::{PayCode, Problem, Roster};
use std::collections::BTreeMap;

/// Minutes per (worker, day, code) for REG, EVE, NIGHT, SAT and SUN.
pub fn pay_minutes(p: &Problem, r: &Roster) -> BTreeMap<(usize, usize, PayCode), u32> {
    let pay = &p.settings.payroll;
    let mut m = BTreeMap::new();
    for a in &r.activities {
        let mut add = |code, minutes: u32| {
            if minutes > 0 {
                *m.entry((a.worker, a.day, code)).or_insert(0) += minutes;
            }
        };
        add(PayCode::Reg, a.minutes());
        add(PayCode::Eve, pay.evening.minutes_within(&a.span));
        add(PayCode::Night, pay.night.minutes_within(&a.span));
        if p.holidays[a.day] || a.day == 6 {
            add(PayCode::Sun, a.minutes());
        } else if a.day == 5 {
            add(PayCode::Sat, pay.saturday.minutes_within(&a.span));
        }
    }
    m
}

/// The payroll table: one row per worker, date and code with hours > 0; the week's overtime
/// (`OT`) goes on the worker's last working day.
pub fn payroll_table(p: &Problem, r: &Roster) -> DataTable {
    let mut t = DataTable::new("payroll.csv", &["worker_id", "date", "pay_code", "hours"]);
    let minutes = pay_minutes(p, r);
    let mut weekly = vec![0u32; p.workers.len()];
    let mut last_day = vec![None; p.workers.len()];
    for ((w, d, code), m) in &minutes {
        if *code == PayCode::Reg {
            weekly[*w] += m;
            last_day[*w] = Some(*d);
        }
    }
    let mut rows: Vec<(usize, usize, PayCode, f64)> = minutes
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
    let fmt = &p.settings.payroll.date_format;
    for (w, d, code, hours) in rows {
        t.push(vec![
            p.workers[w].id.as_str().into(),
            p.settings.week.date(d).format(fmt).to_string().into(),
            p.settings.payroll.code_name(code).into(),
            hours.into(),
        ]);
    }
    t
}
