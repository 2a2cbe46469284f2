//! Property tests (proptest) for the parsers and the rule checker.
//!
//! Parsers: arbitrary text and bytes never panic them; what is printed parses back; a
//! Finnish file (`;`, decimal comma, BOM, CRLF) reads as the same table as an international one.
//! Checker: on a valid roster of a generated week, each kind of planted breakage is reported
//! under its rule, wherever it is planted; random damage never panics it.

use caseload::check::{Rule, check_roster};
use caseload::generate::{GenOptions, generate};
use caseload::io::fields::{parse_number, parse_pattern};
use caseload::io::table::parse_table;
use caseload::model::pattern::{PatternRule, WeeklyPattern};
use caseload::model::time::Interval;
use caseload::model::{ActivityKind, Roster};
use proptest::prelude::*;
use std::sync::OnceLock;

fn week() -> &'static (caseload::model::Week, Roster) {
    static W: OnceLock<(caseload::model::Week, Roster)> = OnceLock::new();
    W.get_or_init(|| {
        let p = caseload::model::Week::new(generate(&GenOptions::new(6, 16, 17)));
        let r = caseload::solve::baseline::baseline(&p);
        assert!(
            check_roster(&p, &r).is_empty(),
            "the baseline roster is valid"
        );
        (p, r)
    })
}

fn rules_of(p: &caseload::model::Week, r: &Roster) -> Vec<Rule> {
    check_roster(p, r).into_iter().map(|v| v.rule).collect()
}

fn pattern_rule() -> impl Strategy<Value = PatternRule> {
    (1u8..128, 0u32..1440).prop_flat_map(|(days, start)| {
        (start + 1..=1440).prop_map(move |end| PatternRule {
            days,
            span: Interval::new(start, end),
        })
    })
}

/// A table cell without delimiters, quotes or line breaks.
fn cell() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ._|-]{0,8}".prop_map(|s| s.trim().to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_printed_pattern_parses_back_to_itself(rules in prop::collection::vec(pattern_rule(), 1..5)) {
        let p = WeeklyPattern::new(rules);
        let text = p.to_string();
        let back = parse_pattern(&text);
        prop_assert_eq!(back, Ok(p), "{}", text);
    }

    #[test]
    fn arbitrary_text_never_panics_the_field_parsers(s in "\\PC{0,40}") {
        let _ = parse_pattern(&s);
        let _ = parse_number(&s);
        let _ = caseload::io::fields::parse_time(&s);
        let _ = caseload::io::fields::parse_minutes_range(&s);
        let _ = caseload::io::fields::parse_iso_week(&s);
        let _ = caseload::io::fields::parse_date(&s);
        let _ = caseload::io::fields::date_hint(&s);
        let _ = caseload::io::fields::time_hint(&s);
    }

    #[test]
    fn decimal_comma_and_point_read_the_same(x in 0.0f64..10_000.0) {
        let point = format!("{x:.2}");
        prop_assert_eq!(parse_number(&point), parse_number(&point.replace('.', ",")));
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_csv_reader(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut errors = Vec::new();
        if parse_table("x.csv", &bytes, &mut errors).is_err() {
            prop_assert!(!errors.is_empty(), "an unusable table without a reason");
        }
    }

    #[test]
    fn a_finnish_file_reads_as_the_same_table(
        rows in prop::collection::vec(prop::collection::vec(cell(), 3), 1..8)
    ) {
        let header = "a,b,c";
        let comma: String = std::iter::once(header.to_string())
            .chain(rows.iter().map(|r| r.join(",")))
            .map(|l| l + "\n")
            .collect();
        let finnish: String = std::iter::once("\u{feff}a;b;c".to_string())
            .chain(rows.iter().map(|r| r.join(";")))
            .map(|l| l + "\r\n")
            .collect();
        let (mut e1, mut e2) = (Vec::new(), Vec::new());
        let t1 = parse_table("x.csv", comma.as_bytes(), &mut e1);
        let t2 = parse_table("x.csv", finnish.as_bytes(), &mut e2);
        prop_assert_eq!(e1.len(), e2.len());
        if let (Ok(t1), Ok(t2)) = (t1, t2) {
            prop_assert_eq!(&t1.headers, &t2.headers);
            let f1: Vec<&Vec<String>> = t1.rows.iter().map(|r| &r.fields).collect();
            let f2: Vec<&Vec<String>> = t2.rows.iter().map(|r| &r.fields).collect();
            prop_assert_eq!(f1, f2);
        }
    }

    #[test]
    fn a_duplicated_activity_is_an_overlap(i in 0usize..10_000) {
        let (p, r) = week();
        let mut r = r.clone();
        let a = r.activities[i % r.activities.len()];
        prop_assume!(a.kind != ActivityKind::Supported);
        r.activities.push(a);
        prop_assert!(rules_of(p, &r).contains(&Rule::Overlap));
    }

    #[test]
    fn an_activity_moved_out_of_the_workers_windows_breaks_rule_1(
        i in 0usize..10_000, day in 0usize..7, start in 0u32..1380
    ) {
        let (p, r) = week();
        let mut r = r.clone();
        let k = i % r.activities.len();
        let a = &mut r.activities[k];
        let span = Interval::new(start, (start + a.span.minutes()).min(1440));
        prop_assume!(!p.worker_windows[a.worker][day].contains(&span));
        a.day = day;
        a.span = span;
        prop_assert!(rules_of(p, &r).contains(&Rule::Windows));
    }

    #[test]
    fn a_missing_travel_row_breaks_rule_3(i in 0usize..10_000) {
        let (p, r) = week();
        let travel: Vec<usize> = (0..r.activities.len())
            .filter(|&k| r.activities[k].kind == ActivityKind::Travel)
            .collect();
        prop_assume!(!travel.is_empty());
        let mut r = r.clone();
        r.activities.remove(travel[i % travel.len()]);
        prop_assert!(rules_of(p, &r).contains(&Rule::Travel));
    }

    #[test]
    fn random_damage_never_panics_the_checker(
        edits in prop::collection::vec((0usize..10_000, 0u32..1500, 0u32..1500, 0usize..9, 0usize..60), 1..6)
    ) {
        let (p, r) = week();
        let mut r = r.clone();
        for (i, s, e, day, other) in edits {
            let n = r.activities.len();
            let a = &mut r.activities[i % n];
            a.span = Interval { start: s, end: e };
            a.day = day;
            a.worker = other % (p.workers.len() + 2);
            a.family = a.family.map(|_| other);
            a.location = a.location.map(|_| other);
        }
        let _ = check_roster(p, &r);
    }
}
