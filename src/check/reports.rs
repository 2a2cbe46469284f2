//! The reports agree with the roster (to 0.02 h, as the independent checker demands), with the
//! SPEC's hours of a worker: the union of their activity rows, breaks excluded.

use super::rules::{by_worker_day, family_minutes, merged, union_minutes};
use super::{Rule, Violation};
use crate::model::table::{Cell, DataTable};
use crate::model::{ActivityKind, PayCode, Problem, Roster};
use std::collections::HashMap;

const TOL: f64 = crate::model::limits::REPORT_TOLERANCE_HOURS;

fn col(t: &DataTable, name: &str) -> Option<usize> {
    t.headers.iter().position(|h| *h == name)
}

fn text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Number(x) => format!("{x:.2}"),
        Cell::Count(n) => n.to_string(),
        Cell::Date(_, s) => s.clone(),
        Cell::Time(m) => crate::model::time::fmt_hm(*m),
    }
}

fn number(c: &Cell) -> Option<f64> {
    match c {
        Cell::Number(x) => Some(*x),
        Cell::Count(n) => Some(*n as f64),
        Cell::Text(s) => s.parse().ok(),
        Cell::Date(..) | Cell::Time(_) => None,
    }
}

/// Rows keyed by their first column.
fn keyed(t: &DataTable) -> HashMap<String, &Vec<Cell>> {
    t.rows.iter().map(|r| (text(&r[0]), r)).collect()
}

fn compare(
    out: &mut Vec<Violation>,
    t: &DataTable,
    row: &[Cell],
    key: &str,
    column: &str,
    expected: f64,
) {
    let got = col(t, column).and_then(|i| number(&row[i]));
    match got {
        Some(g) if (g - expected).abs() <= TOL => {}
        _ => out.push(Violation {
            rule: Rule::Reports,
            message: format!(
                "{} {key} {column} = {got:?}, roster gives {expected:.2}",
                t.file
            ),
            rows: Vec::new(),
        }),
    }
}

/// Checks coverage.csv, utilization.csv and payroll.csv (with the plan's code names and date
/// format) against the roster.
pub fn check_reports(
    p: &Problem,
    r: &Roster,
    coverage: &DataTable,
    utilization: &DataTable,
    payroll: &DataTable,
) -> Vec<Violation> {
    let mut out = Vec::new();
    let fam = family_minutes(p, r);
    let cov = keyed(coverage);
    for (i, f) in p.families.iter().enumerate() {
        let Some(row) = cov.get(&f.id) else {
            out.push(Violation {
                rule: Rule::Reports,
                message: format!("coverage.csv has no row for {}", f.id),
                rows: Vec::new(),
            });
            continue;
        };
        let (inp, rem, meet) = (fam[i].in_person, fam[i].remote, fam[i].meetings);
        let counted = if p.settings.meetings_count_as_effort {
            meet
        } else {
            0
        };
        let delivered = f64::from(inp + rem + counted) / 60.0;
        compare(
            &mut out,
            coverage,
            row,
            &f.id,
            "in_person_hours",
            f64::from(inp) / 60.0,
        );
        compare(
            &mut out,
            coverage,
            row,
            &f.id,
            "remote_hours",
            f64::from(rem) / 60.0,
        );
        compare(&mut out, coverage, row, &f.id, "delivered_hours", delivered);
        let shortfall = (f.weekly_hours - delivered).max(0.0);
        compare(&mut out, coverage, row, &f.id, "shortfall_hours", shortfall);
        let reason = col(coverage, "reason")
            .map(|c| text(&row[c]))
            .unwrap_or_default();
        if shortfall > TOL && reason.trim().is_empty() {
            out.push(Violation {
                rule: Rule::Reports,
                message: format!("coverage.csv {}: shortfall without a reason", f.id),
                rows: Vec::new(),
            });
        }
    }
    let util = keyed(utilization);
    // (client, meeting, travel) minutes per worker: client and travel rows summed, meeting rows
    // as their union per day (concurrent supported meetings once); breaks count nowhere.
    let mut per_worker = vec![(0u32, 0u32, 0u32); p.workers.len()];
    for ((w, _), acts) in by_worker_day(r) {
        let e = &mut per_worker[w];
        for a in &acts {
            match a.kind {
                k if k.is_client() => e.0 += a.minutes(),
                ActivityKind::Travel => e.2 += a.minutes(),
                _ => {}
            }
        }
        e.1 += union_minutes(acts.iter().filter(|a| a.kind.is_meeting()).map(|a| a.span));
    }
    for (w, (cl, mt, tr)) in p.workers.iter().zip(&per_worker) {
        let Some(row) = util.get(&w.id) else {
            out.push(Violation {
                rule: Rule::Reports,
                message: format!("utilization.csv has no row for {}", w.id),
                rows: Vec::new(),
            });
            continue;
        };
        let h = |m: u32| f64::from(m) / 60.0;
        let planned = h(cl + mt + tr);
        compare(&mut out, utilization, row, &w.id, "planned_hours", planned);
        compare(&mut out, utilization, row, &w.id, "client_hours", h(*cl));
        compare(&mut out, utilization, row, &w.id, "meeting_hours", h(*mt));
        compare(&mut out, utilization, row, &w.id, "travel_hours", h(*tr));
        compare(
            &mut out,
            utilization,
            row,
            &w.id,
            "overtime_hours",
            (planned - w.contract_hours).max(0.0),
        );
    }
    out.extend(check_payroll(p, r, payroll));
    out
}

fn check_payroll(p: &Problem, r: &Roster, payroll: &DataTable) -> Vec<Violation> {
    let mut expected: HashMap<(String, String, &str), f64> = HashMap::new();
    let pay = &p.settings.payroll;
    let mut weekly = vec![0.0; p.workers.len()];
    // Paid hours are the union of the day's activity rows, breaks excluded.
    for ((w, d), acts) in by_worker_day(r) {
        let key = |code| {
            (
                p.workers[w].id.clone(),
                p.settings.week.date(d).to_string(),
                code,
            )
        };
        let work = acts.iter().filter(|a| a.kind != ActivityKind::Break);
        for span in merged(work.map(|a| a.span)) {
            let h = span.hours();
            weekly[w] += h;
            *expected.entry(key("REG")).or_default() += h;
            if p.holidays[d] || d == 6 {
                *expected.entry(key("SUN")).or_default() += h;
            } else if d == 5 {
                *expected.entry(key("SAT")).or_default() +=
                    f64::from(pay.saturday.minutes_within(&span)) / 60.0;
            }
            *expected.entry(key("EVE")).or_default() +=
                f64::from(pay.evening.minutes_within(&span)) / 60.0;
            *expected.entry(key("NIGHT")).or_default() +=
                f64::from(pay.night.minutes_within(&span)) / 60.0;
        }
    }
    for (w, total) in p.workers.iter().zip(weekly) {
        let ot = (total - w.contract_hours).max(0.0);
        if ot > 0.0 {
            *expected
                .entry((w.id.clone(), String::new(), "OT"))
                .or_default() += ot;
        }
    }
    let (cw, cd, cc, ch) = (
        col(payroll, "worker_id"),
        col(payroll, "date"),
        col(payroll, "pay_code"),
        col(payroll, "hours"),
    );
    let (Some(cw), Some(cd), Some(cc), Some(ch)) = (cw, cd, cc, ch) else {
        return vec![Violation {
            rule: Rule::Reports,
            message: "payroll.csv lacks a required column".into(),
            rows: Vec::new(),
        }];
    };
    let mut got: HashMap<(String, String, &str), f64> = HashMap::new();
    for row in &payroll.rows {
        let code = text(&row[cc]);
        let Some(code) = PayCode::ALL
            .into_iter()
            .find(|c| pay.code_name(*c) == code)
            .map(|c| c.as_str())
        else {
            return vec![Violation {
                rule: Rule::Reports,
                message: format!("payroll.csv: unknown pay code {code}"),
                rows: Vec::new(),
            }];
        };
        let date = match chrono::NaiveDate::parse_from_str(&text(&row[cd]), &pay.date_format) {
            Ok(_) if code == "OT" => String::new(),
            Ok(d) => d.to_string(),
            Err(_) => {
                return vec![Violation {
                    rule: Rule::Reports,
                    message: format!(
                        "payroll.csv: date {} is not in the format {}",
                        text(&row[cd]),
                        pay.date_format
                    ),
                    rows: Vec::new(),
                }];
            }
        };
        *got.entry((text(&row[cw]), date, code)).or_default() +=
            number(&row[ch]).unwrap_or(f64::NAN);
    }
    let mut out = Vec::new();
    let keys: std::collections::BTreeSet<_> = expected.keys().chain(got.keys()).cloned().collect();
    for k in keys {
        let (e, g) = (
            expected.get(&k).copied().unwrap_or(0.0),
            got.get(&k).copied().unwrap_or(0.0),
        );
        if (e - g).abs() > TOL || g.is_nan() {
            out.push(Violation {
                rule: Rule::Reports,
                message: format!(
                    "payroll.csv {} {} {}: {g:.2} h, roster gives {e:.2}",
                    k.0, k.1, k.2
                ),
                rows: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tiny::*;
    use super::*;
    use crate::model::table::Cell;
    use crate::report::{coverage, payroll, utilization};

    fn tables(p: &Problem, r: &Roster) -> (DataTable, DataTable, DataTable) {
        (
            coverage::coverage_table(
                p,
                &coverage::family_rows(&crate::model::Week::new(p.clone()), r),
            ),
            utilization::utilization_table(p, &utilization::worker_rows(p, r)),
            payroll::payroll_table(p, r),
        )
    }

    fn week(p: &Problem) -> Roster {
        let mut activities = vec![supported(p, 0, 0), supported(p, 0, 1)];
        activities.extend(long_day_with_break());
        Roster { activities }
    }

    #[test]
    fn reports_with_union_hours_and_a_break_agree_with_the_roster() {
        let p = problem();
        let r = week(&p);
        let (c, u, pay) = tables(&p, &r);
        let v = check_reports(&p, &r, &c, &u, &pay);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn meetings_paid_twice_or_a_paid_break_are_reported() {
        let p = problem();
        let r = week(&p);
        let (c, u, mut pay) = tables(&p, &r);
        // Monday REG as the sum of the rows (4 h) instead of their union (2.5 h).
        let reg = pay
            .rows
            .iter_mut()
            .find(|row| matches!(&row[1], Cell::Date(_, d) if d == "2026-11-30"))
            .expect("a Monday row");
        reg[3] = Cell::Number(4.0);
        let v = check_reports(&p, &r, &c, &u, &pay);
        assert_eq!(v.len(), 1, "{v:?}");
        // The break paid on Tuesday: 8.17 h instead of 7.67 h.
        let (c, mut u, _) = tables(&p, &r);
        let planned = u
            .headers
            .iter()
            .position(|h| *h == "planned_hours")
            .unwrap();
        u.rows[0][planned] = Cell::Number(2.5 + 6.0 + 100.0 / 60.0 + 0.5);
        let v = check_reports(&p, &r, &c, &u, &payroll::payroll_table(&p, &r));
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("planned_hours"), "{v:?}");
    }
}
