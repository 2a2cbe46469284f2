//! What `caseload evaluate` prints about a given roster before the summary: every broken rule
//! with its label and the roster lines it concerns, then the objective term by term.
//!
//! It shows what `check` found and the terms of `solve::objective`; it judges nothing itself.

use super::text::terminal;
use crate::check::Violation;
use crate::solve::objective::Term;
use std::fmt::Write;

/// Most lines named for one violation (a day's rows, a family's visits); more are counted.
const MOST_LINES: usize = 12;

/// Most violations listed for one rule; more are counted in one line (a roster of 200 000 rows
/// piled on one hour breaks rules 1–3 on every row: what to fix shows in the first few).
pub const MOST_PER_RULE: usize = 50;

/// The rules part: a heading with the count, then one line per violation,
/// `FILE:LINE: [label] message`, with `(lines 5, 11, 12)` when it concerns several rows and no
/// place at all when no row is to blame alone (a week over capacity). `lines[i]` is the line
/// of activity `i` in `file`. At most [`MOST_PER_RULE`] violations of one rule are listed, the
/// rest counted after them (`FILE: [label] 120 more not listed`).
pub fn violations_text(file: &str, lines: &[usize], violations: &[Violation]) -> String {
    let file = terminal(file);
    let mut s = String::new();
    if violations.is_empty() {
        let _ = writeln!(s, "## Rules: every rule holds\n");
        let _ = writeln!(
            s,
            "{file}: the roster obeys rules 1-9 (windows, overlaps, travel, daily hours, rest and breaks, capacity, agreed hours and remote cap, visits, skills and exclusions, meetings and rooms)"
        );
        return s;
    }
    let _ = writeln!(s, "## Rules: {} broken\n", violations.len());
    let mut listed: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for v in violations {
        let n = listed.entry(v.rule.label()).or_default();
        *n += 1;
        if *n > MOST_PER_RULE {
            continue;
        }
        let mut at: Vec<usize> = v
            .rows
            .iter()
            .filter_map(|&i| lines.get(i).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        let message = terminal(&v.message);
        let label = v.rule.label();
        match at.as_slice() {
            [] => {
                let _ = writeln!(s, "{file}: [{label}] {message}");
            }
            [one] => {
                let _ = writeln!(s, "{file}:{one}: [{label}] {message}");
            }
            [first, ..] => {
                let mut shown: Vec<String> =
                    at.iter().take(MOST_LINES).map(|l| l.to_string()).collect();
                if at.len() > MOST_LINES {
                    shown.push(format!("and {} more", at.len() - MOST_LINES));
                }
                let _ = writeln!(
                    s,
                    "{file}:{first}: [{label}] {message} (lines {})",
                    shown.join(", ")
                );
            }
        }
    }
    for (label, n) in listed {
        if n > MOST_PER_RULE {
            let _ = writeln!(
                s,
                "{file}: [{label}] {} more not listed (the first {MOST_PER_RULE} are above)",
                n - MOST_PER_RULE
            );
        }
    }
    s
}

/// The objective part: each term's weight key, what it counts, the roster's amount, the
/// weight and the cost (amount × weight), then the total, which is the summary's `objective`.
pub fn objective_text(terms: &[Term]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## Objective, term by term (weights from [weights] of plan.toml)\n"
    );
    let rows: Vec<[String; 5]> = terms
        .iter()
        .map(|t| {
            [
                t.key.to_string(),
                t.counts.to_string(),
                number(t.amount),
                number(t.weight),
                format!("{:.2}", t.cost() + 0.0),
            ]
        })
        .collect();
    let header = ["term", "counts", "amount", "weight", "cost"].map(str::to_string);
    let width = |c: usize| {
        rows.iter()
            .chain([&header])
            .map(|r| r[c].chars().count())
            .max()
            .unwrap_or(0)
    };
    let w: Vec<usize> = (0..5).map(width).collect();
    let line = |r: &[String; 5]| {
        format!(
            "{:<w0$}  {:<w1$}  {:>w2$}  {:>w3$}  {:>w4$}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
            w4 = w[4]
        )
    };
    let _ = writeln!(s, "{}", line(&header).trim_end());
    for r in &rows {
        let _ = writeln!(s, "{}", line(r).trim_end());
    }
    let total: f64 = terms.iter().map(Term::cost).sum::<f64>() + 0.0;
    let total_row = [
        "total".to_string(),
        String::new(),
        String::new(),
        String::new(),
        format!("{total:.2}"),
    ];
    let _ = writeln!(s, "{}", line(&total_row));
    s
}

/// A count as a whole number, anything else with two decimals.
fn number(x: f64) -> String {
    let x = x + 0.0;
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Rule;

    #[test]
    fn each_violation_names_its_lines() {
        let lines = [2, 3, 5, 9, 10];
        let v = [
            Violation::at(Rule::Overlap, "W01 double-booked".into(), [3, 1]),
            Violation::at(Rule::Skills, "W02 excluded".into(), [2]),
            Violation::new(Rule::Capacity, "W01: 40.00 h > capacity_hours 38.25".into()),
        ];
        let s = violations_text("out/roster.csv", &lines, &v);
        assert_eq!(
            s,
            "## Rules: 3 broken\n\n\
             out/roster.csv:3: [2-overlap] W01 double-booked (lines 3, 9)\n\
             out/roster.csv:5: [8-skills] W02 excluded\n\
             out/roster.csv: [5-capacity] W01: 40.00 h > capacity_hours 38.25\n"
        );
        let many: Vec<usize> = (0..20).collect();
        let lines: Vec<usize> = (2..22).collect();
        let s = violations_text(
            "r.csv",
            &lines,
            &[Violation::at(Rule::Daily, "long".into(), many)],
        );
        assert!(
            s.ends_with("(lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, and 8 more)\n"),
            "{s}"
        );
        assert!(violations_text("r.csv", &[], &[]).starts_with("## Rules: every rule holds"));
    }

    #[test]
    fn at_most_fifty_violations_of_a_rule_are_listed_and_the_rest_counted() {
        let lines: Vec<usize> = (2..1002).collect();
        let mut v: Vec<Violation> = (0..999)
            .map(|i| Violation::at(Rule::Overlap, format!("pile {i}"), [i, i + 1]))
            .collect();
        v.push(Violation::new(Rule::Capacity, "W01 over".into()));
        let s = violations_text("r.csv", &lines, &v);
        let shown: Vec<&str> = s.lines().filter(|l| l.contains("[2-overlap]")).collect();
        assert_eq!(shown.len(), 51, "{s}");
        assert_eq!(shown[0], "r.csv:2: [2-overlap] pile 0 (lines 2, 3)");
        assert_eq!(shown[49], "r.csv:51: [2-overlap] pile 49 (lines 51, 52)");
        assert_eq!(
            shown[50],
            "r.csv: [2-overlap] 949 more not listed (the first 50 are above)"
        );
        assert!(s.starts_with("## Rules: 1000 broken\n"), "{s}");
        assert!(s.contains("r.csv: [5-capacity] W01 over\n"), "{s}");
    }

    #[test]
    fn the_objective_lists_every_term_and_its_total() {
        let terms = [
            Term {
                key: "shortfall_hour",
                counts: "hours of weekly_hours not delivered",
                amount: 2.5,
                weight: 100.0,
            },
            Term {
                key: "travel_hour",
                counts: "hours of travel",
                amount: 1.0 / 3.0,
                weight: 1.0,
            },
        ];
        let s = objective_text(&terms);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2].split_whitespace().next(), Some("term"));
        assert!(lines[3].starts_with("shortfall_hour "), "{s}");
        assert!(lines[3].ends_with("2.50     100  250.00"), "{s}");
        assert!(lines[4].ends_with("0.33       1    0.33"), "{s}");
        assert!(
            lines[5].starts_with("total") && lines[5].ends_with("250.33"),
            "{s}"
        );
    }
}
