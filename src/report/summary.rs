//! The short human summary (stdout and summary.md). Every text that comes from the input (ids,
//! labels, reasons naming them, scenario names in the method) goes through
//! [`super::text::markdown`]: summary.md never carries HTML or links made of input.

use super::SolveInfo;
use super::coverage::{FamilyRow, MeetingRow};
use super::text::markdown as md;
use super::utilization::WorkerRow;
use crate::model::Problem;
use std::fmt::Write;

/// A value with two decimals, or "n/a".
pub(crate) fn opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "n/a".into())
}

/// The summary of a week's roster; `command` (`plan`, `replan`) names what made it in the
/// heading.
pub fn summary(
    p: &Problem,
    command: &str,
    info: &SolveInfo,
    fams: &[FamilyRow],
    meetings: &[MeetingRow],
    workers: &[WorkerRow],
) -> String {
    let mut s = String::new();
    // `+ 0.0`: a sum over nothing (a week without families or workers) is -0.0 in Rust, which
    // would print as "-0.00".
    let demand = p.demand_hours() + 0.0;
    let super::coverage::Delivered {
        hours: delivered,
        coverage,
    } = super::coverage::delivered_and_coverage(p, fams);
    let delivered = delivered + 0.0;
    let shortfall: f64 = fams.iter().map(|f| f.shortfall_hours).sum::<f64>() + 0.0;
    let travel: f64 = workers.iter().map(|w| w.travel_hours).sum::<f64>() + 0.0;
    let overtime: f64 = workers
        .iter()
        .map(|w| w.overtime(p.workers[w.worker].contract_hours))
        .sum::<f64>()
        + 0.0;
    let covered = meetings.iter().filter(|m| m.covered).count();
    let _ = writeln!(s, "# caseload {command} {}\n", p.settings.week);
    let _ = writeln!(s, "- solver: {} in {:.1} s", md(&info.method), info.seconds);
    let _ = writeln!(s, "- status: {}", info.status_words());
    let _ = writeln!(
        s,
        "- objective {}, proven bound {}, gap {}",
        opt(info.objective),
        opt(info.bound),
        info.gap()
            .map(|g| format!("{:.2} %", g * 100.0))
            .unwrap_or_else(|| "n/a (no bound proven)".into())
    );
    let _ = writeln!(
        s,
        "- {} workers, {} families, {} meetings",
        p.workers.len(),
        p.families.len(),
        p.meetings.len()
    );
    let _ = writeln!(
        s,
        "- demand {demand:.2} h, delivered {delivered:.2} h ({:.1} %), shortfall {shortfall:.2} h",
        coverage * 100.0
    );
    let _ = writeln!(s, "- meetings staffed {covered} of {}", meetings.len());
    let _ = writeln!(s, "- travel {travel:.2} h, overtime {overtime:.2} h");
    for h in p.holidays_of_week() {
        let _ = if p.settings.holidays_off {
            writeln!(
                s,
                "- public holiday {}: no work but extra rows of the date; {:.2} worker-hours of the weekly patterns removed",
                md(&h.words()),
                h.hours_removed
            )
        } else {
            writeln!(
                s,
                "- public holiday {}: planned as a working day (holidays_off = false)",
                md(&h.words())
            )
        };
    }
    let listed = |of: &[(String, Vec<String>)]| {
        of.iter()
            .map(|(place, names)| format!("{}: {}", md(place), ignored_list(names, md)))
            .collect::<Vec<String>>()
            .join("; ")
    };
    if !p.ignored.columns.is_empty() {
        let _ = writeln!(
            s,
            "- Ignored columns: {} (not in the input contract; their values were not read)",
            listed(&p.ignored.columns)
        );
    }
    if !p.ignored.sheets.is_empty() {
        let _ = writeln!(
            s,
            "- Ignored sheets: {} (no table of a plan; not read)",
            listed(&p.ignored.sheets)
        );
    }
    if !p.ignored.very_hidden.is_empty() {
        let _ = writeln!(
            s,
            "- Very hidden sheets read: {} (Excel lists them nowhere; their rows are in the plan)",
            listed(&p.ignored.very_hidden)
        );
    }
    let services = remote_by_service(p, fams);
    if !services.is_empty() {
        let _ = writeln!(s, "\n## Remote share per service\n");
        for ServiceRemote {
            service,
            remote,
            total,
        } in services
        {
            let share = if total > 0.0 { remote / total } else { 0.0 };
            let _ = writeln!(
                s,
                "- {}: {remote:.2} h of {total:.2} h remote ({:.1} %)",
                md(&service),
                share * 100.0
            );
        }
    }
    let short: Vec<&FamilyRow> = fams.iter().filter(|f| !f.reason.is_empty()).collect();
    if !short.is_empty() {
        let _ = writeln!(s, "\n## Shortfalls ({})\n", short.len());
        for f in short {
            let _ = writeln!(s, "- {}: {}", md(&p.families[f.family].id), md(&f.reason));
        }
    }
    let unc: Vec<&MeetingRow> = meetings.iter().filter(|m| !m.covered).collect();
    if !unc.is_empty() {
        let _ = writeln!(s, "\n## Uncovered meetings ({})\n", unc.len());
        for m in unc {
            let _ = writeln!(s, "- {}: {}", md(&p.meetings[m.meeting].id), md(&m.reason));
        }
    }
    let mut by_util: Vec<&WorkerRow> = workers.iter().collect();
    by_util.sort_by(|a, b| {
        let ua = a.utilization(p.workers[a.worker].contract_hours);
        let ub = b.utilization(p.workers[b.worker].contract_hours);
        ub.total_cmp(&ua)
            .then_with(|| p.workers[a.worker].id.cmp(&p.workers[b.worker].id))
    });
    let line = |w: &WorkerRow| {
        let c = p.workers[w.worker].contract_hours;
        format!(
            "{} {:.2} h of {:.2} ({:.0} %)",
            md(&p.workers[w.worker].id),
            w.planned_hours,
            c,
            w.utilization(c) * 100.0
        )
    };
    if !by_util.is_empty() {
        let _ = writeln!(s, "\n## Load\n");
        let busiest: Vec<String> = by_util.iter().take(3).map(|w| line(w)).collect();
        let idlest: Vec<String> = by_util.iter().rev().take(3).map(|w| line(w)).collect();
        let _ = writeln!(s, "- busiest: {}", busiest.join("; "));
        let _ = writeln!(s, "- idlest: {}", idlest.join("; "));
    }
    let over: Vec<String> = workers
        .iter()
        .filter_map(|w| {
            let ot = w.overtime(p.workers[w.worker].contract_hours);
            (ot > 0.005).then(|| format!("{} {ot:.2} h", md(&p.workers[w.worker].id)))
        })
        .collect();
    if !over.is_empty() {
        let _ = writeln!(s, "- overtime: {}", over.join("; "));
    }
    let _ = writeln!(
        s,
        "\nresult: status={} objective={} bound={} gap={} demand_hours={demand:.2} delivered_hours={delivered:.2} coverage={coverage:.4} meetings_staffed={covered}/{} travel_hours={travel:.2}",
        info.status().as_str(),
        opt(info.objective),
        opt(info.bound),
        info.gap()
            .map(|g| format!("{g:.4}"))
            .unwrap_or_else(|| "n/a".into()),
        meetings.len()
    );
    s
}

/// Ignored column names for people: each through `esc` (markdown or terminal), at most 60
/// characters of each and 20 names, then how many more.
pub fn ignored_list(columns: &[String], esc: impl Fn(&str) -> String) -> String {
    const SHOWN: usize = 20;
    let mut names: Vec<String> = columns
        .iter()
        .take(SHOWN)
        .map(|c| {
            let short: String = c.chars().take(60).collect();
            let more = if c.chars().count() > 60 { "…" } else { "" };
            format!("{}{more}", esc(&short))
        })
        .collect();
    if columns.len() > SHOWN {
        names.push(format!("and {} more", columns.len() - SHOWN));
    }
    names.join(", ")
}

/// A service's remote hours and all its hours (in person and remote).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRemote {
    pub service: String,
    pub remote: f64,
    pub total: f64,
}

/// Remote and all hours per service, in name order.
pub fn remote_by_service(p: &Problem, fams: &[FamilyRow]) -> Vec<ServiceRemote> {
    let mut by: std::collections::BTreeMap<&str, (f64, f64)> = Default::default();
    for f in fams {
        let e = by.entry(p.families[f.family].service.as_str()).or_default();
        e.0 += f.remote_hours;
        e.1 += f.in_person_hours + f.remote_hours;
    }
    by.into_iter()
        .map(|(k, (remote, total))| ServiceRemote {
            service: k.to_string(),
            remote,
            total,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::generate::{GenOptions, generate};
    use crate::model::{Roster, SolveInfo};

    fn info(objective: f64, bound: Option<f64>) -> SolveInfo {
        SolveInfo {
            method: "test".into(),
            objective: Some(objective),
            bound,
            mip_gap: 0.01,
            restricted: false,
            bound_from_routes: false,
            by_office: None,
            seconds: 1.0,
            evaluated: false,
        }
    }

    fn result_line(s: &str) -> &str {
        s.lines()
            .find(|l| l.starts_with("result: "))
            .expect("a result line")
    }

    #[test]
    fn a_twenty_percent_gap_is_never_called_optimal() {
        let p = crate::check::tiny::problem();
        let s = crate::report::build_for(&p, &Roster::default(), &info(100.0, Some(80.0))).summary;
        let line = result_line(&s);
        assert!(
            line.starts_with("result: status=best_found objective=100.00 bound=80.00 gap=0.2000 "),
            "{line}"
        );
        assert!(
            s.contains("- status: best found, not proven optimal: a better plan may exist, but its objective is at most 20.0 % lower"),
            "{s}"
        );
        assert_eq!(s.matches("optimal").count(), 2, "{s}"); // "not proven optimal", "optimal means"
    }

    #[test]
    fn the_result_line_says_optimal_within_mip_gap_and_no_bound_without_one() {
        let p = crate::check::tiny::problem();
        let s = crate::report::build_for(&p, &Roster::default(), &info(100.0, Some(99.5))).summary;
        assert!(
            result_line(&s)
                .starts_with("result: status=optimal objective=100.00 bound=99.50 gap=0.0050 ")
        );
        assert!(
            s.contains("- status: optimal: proven to be within 0.5 % of the best possible plan")
        );
        let s = crate::report::build_for(&p, &Roster::default(), &info(100.0, None)).summary;
        assert!(
            result_line(&s)
                .starts_with("result: status=no_bound objective=100.00 bound=n/a gap=n/a ")
        );
        assert!(s.contains("gap n/a (no bound proven)"), "{s}");
    }

    #[test]
    fn a_week_without_families_or_workers_has_no_negative_zero() {
        let mut p = generate(&GenOptions::new(2, 3, 5));
        p.workers.clear();
        p.exceptions.clear();
        p.families.clear();
        p.meetings.clear();
        p.history.clear();
        p.rebuild_derived();
        let info = SolveInfo {
            method: "test".into(),
            objective: Some(0.0),
            bound: Some(0.0),
            mip_gap: 0.01,
            restricted: false,
            bound_from_routes: false,
            by_office: None,
            seconds: 0.0,
            evaluated: false,
        };
        let s = crate::report::build_for(&p, &Roster::default(), &info).summary;
        assert!(!s.contains("-0.00"), "{s}");
        assert!(s.contains("demand_hours=0.00 delivered_hours=0.00"), "{s}");
    }
}
