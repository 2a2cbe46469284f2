//! The field parsers (weekly patterns, times, spans, numbers, ranges, ISO weeks, dates) on
//! arbitrary text: never a panic, and a pattern that parses prints back to text that parses to
//! the same pattern.
#![no_main]

use caseload::io::fields::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = parse_pattern(s) {
        let again = parse_pattern(&p.to_string()).expect("a printed pattern parses");
        assert_eq!(again, p, "pattern {s:?} printed as {p}");
    }
    let _ = parse_time(s);
    let _ = parse_span(s);
    let _ = parse_number(s);
    let _ = parse_count(s);
    let _ = parse_minutes_range(s);
    let _ = parse_iso_week(s);
    let _ = parse_date(s);
    let _ = parse_end_time(s);
    let _ = date_hint(s);
    let _ = time_hint(s);
    let _ = parse_list(s);
});
