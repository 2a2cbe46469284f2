//! Field access for one row that records every problem instead of stopping at the first.

use super::error::{ErrorCode, InputError};
use super::fields;
use super::table::{Row, Table};
use super::text::{self, TextProblem};
use crate::model::{Interval, WeeklyPattern};
use chrono::NaiveDate;
use std::collections::HashMap;

pub struct Cx<'a> {
    pub table: &'a Table,
    pub row: &'a Row,
    pub errors: &'a mut Vec<InputError>,
}

impl<'a> Cx<'a> {
    pub fn new(table: &'a Table, row: &'a Row, errors: &'a mut Vec<InputError>) -> Self {
        Cx { table, row, errors }
    }

    pub fn line(&self) -> usize {
        self.row.line
    }

    /// Records a problem in `column` of this row.
    pub fn fail(
        &mut self,
        code: ErrorCode,
        column: &str,
        value: &str,
        expected: impl Into<String>,
    ) {
        if !self.table.reported_cells.is_empty()
            && let Some(i) = self.table.column(column)
            && self.table.reported_cells.contains(&(self.row.line, i))
        {
            return;
        }
        let mut e = self
            .table
            .column_error(code, column, expected)
            .at_line(self.row.line);
        if !value.is_empty() {
            e = e.with_value(value);
        }
        self.errors.push(e);
    }

    /// The trimmed text ("" when empty or the column is absent).
    pub fn raw(&self, column: &str) -> &'a str {
        self.table.get(self.row, column)
    }

    /// The text of a required column; records a problem when it is empty.
    pub fn required(&mut self, column: &str, expected: &str) -> Option<&'a str> {
        let v = self.raw(column);
        if v.is_empty() {
            self.fail(ErrorCode::MissingValue, column, "", expected);
            return None;
        }
        Some(v)
    }

    /// The text of `column` with surrounding spaces trimmed but tabs and line breaks kept.
    fn text(&self, column: &str) -> &'a str {
        text::trim_spaces(self.table.get_untrimmed(self.row, column))
    }

    /// Records `problem` (if any) for `column`; true when there was none.
    fn text_ok(&mut self, column: &str, value: &str, problem: Result<(), TextProblem>) -> bool {
        match problem {
            Ok(()) => true,
            Err(p) => {
                self.fail(p.code, column, value, p.expected);
                false
            }
        }
    }

    /// A required id (of this file's rows): records a problem when it is empty or its text is
    /// not allowed (see [`text::check_id`]). A refused id is still returned, so that the row
    /// registers it and other files' references to it do not cascade into "unknown id".
    pub fn id(&mut self, column: &str, expected: &str) -> Option<&'a str> {
        let v = self.required(column, expected)?;
        let t = self.text(column);
        self.text_ok(column, t, text::check_id("an id", t));
        Some(v)
    }

    /// A free label such as a service: like an id, it may not start like a formula nor hold
    /// control or invisible characters.
    pub fn label(&mut self, column: &str, expected: &str) -> Option<&'a str> {
        let v = self.required(column, expected)?;
        let t = self.text(column);
        self.text_ok(column, t, text::check_id("a label", t));
        Some(v)
    }

    /// A name or other free text (`""` when empty): no control or bidi characters.
    pub fn name(&mut self, column: &str) -> &'a str {
        let t = self.text(column);
        self.text_ok(column, t, text::check_name("a name", t));
        self.raw(column)
    }

    /// A `|` list of labels (skills) or id references: each item is held to the rules of an
    /// id; items with a problem are left out.
    pub fn checked_list(&mut self, column: &str) -> Vec<String> {
        let t = self.text(column);
        if !self.text_ok(column, t, text::check_name("a list", t)) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for item in fields::parse_list(t) {
            if self.text_ok(column, &item, text::check_id("each item", &item)) {
                out.push(item);
            }
        }
        out
    }

    /// A number within `lo..=hi`; `default` when the field is empty and not required.
    pub fn number(
        &mut self,
        column: &str,
        default: Option<f64>,
        lo: f64,
        hi: f64,
        expected: &str,
    ) -> Option<f64> {
        self.quantity(column, default, lo..=hi, expected, fields::parse_number)
    }

    /// Hours within `lo..=hi`, as people type them: `7.5`, `7,5`, `7,5 h`
    /// ([`fields::parse_hours`]); `default` when the field is empty and not required.
    pub fn hours(
        &mut self,
        column: &str,
        default: Option<f64>,
        lo: f64,
        hi: f64,
        expected: &str,
    ) -> Option<f64> {
        self.quantity(column, default, lo..=hi, expected, fields::parse_hours)
    }

    /// A share within `0..=1`: a fraction `0.20` or a percentage `20 %`
    /// ([`fields::parse_share`]); `default` when the field is empty and not required.
    pub fn share(&mut self, column: &str, default: Option<f64>, expected: &str) -> Option<f64> {
        self.quantity(column, default, 0.0..=1.0, expected, fields::parse_share)
    }

    fn quantity(
        &mut self,
        column: &str,
        default: Option<f64>,
        range: std::ops::RangeInclusive<f64>,
        expected: &str,
        parse: fn(&str) -> Result<f64, &'static str>,
    ) -> Option<f64> {
        let (lo, hi) = (*range.start(), *range.end());
        let v = self.raw(column);
        if v.is_empty() {
            if default.is_none() {
                self.fail(ErrorCode::MissingValue, column, "", expected);
            }
            return default;
        }
        let expected = self.local_numbers(expected);
        match parse(v) {
            Ok(x) if (lo..=hi).contains(&x) => Some(x),
            Ok(_) => {
                self.fail(ErrorCode::OutOfRange, column, v, expected);
                None
            }
            Err(_) => {
                self.fail(ErrorCode::BadNumber, column, v, expected);
                None
            }
        }
    }

    /// `expected` with its example numbers written as this file writes them: with a decimal
    /// comma (`7,5`) in a `;`-separated file, with a point (`7.5`) otherwise.
    fn local_numbers(&self, expected: &str) -> String {
        if self.table.delimiter != b';' {
            return expected.to_string();
        }
        let chars: Vec<char> = expected.chars().collect();
        chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let digit = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j))
                        .is_some_and(|c| c.is_ascii_digit())
                };
                if c == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                    ','
                } else {
                    c
                }
            })
            .collect()
    }

    /// A whole number within `lo..=hi`, `default` when empty.
    pub fn count(&mut self, column: &str, default: u32, lo: u32, hi: u32) -> Option<u32> {
        let v = self.raw(column);
        if v.is_empty() {
            return Some(default);
        }
        let expected = format!("a whole number from {lo} to {hi}");
        match fields::parse_count(v) {
            Ok(n) if (lo..=hi).contains(&n) => Some(n),
            Ok(_) => {
                self.fail(ErrorCode::OutOfRange, column, v, expected);
                None
            }
            Err(_) => {
                self.fail(ErrorCode::BadNumber, column, v, expected);
                None
            }
        }
    }

    /// A time of day; see [`fields::parse_time`].
    pub fn time(&mut self, column: &str) -> Option<u32> {
        self.time_of(column, fields::parse_time)
    }

    /// A time at which something ends: midnight (`00:00`) is `24:00`.
    pub fn end_time(&mut self, column: &str) -> Option<u32> {
        self.time_of(column, fields::parse_end_time)
    }

    fn time_of(
        &mut self,
        column: &str,
        parse: fn(&str) -> Result<u32, &'static str>,
    ) -> Option<u32> {
        let v = self.required(column, fields::EXPECT_TIME)?;
        match parse(v) {
            Ok(t) => Some(t),
            Err(expected) => {
                let expected = match fields::time_hint(v) {
                    Some(t) => format!("{expected}: did you mean `{t}`?"),
                    None => expected.to_string(),
                };
                self.fail(ErrorCode::BadTime, column, v, expected);
                None
            }
        }
    }

    /// `start` and `end` columns as a span with end after start (an end of `00:00` is
    /// `24:00`).
    pub fn span(&mut self, start: &str, end: &str) -> Option<Interval> {
        let (s, e) = (self.time(start), self.end_time(end));
        let (s, e) = (s?, e?);
        if e <= s {
            let v = self.raw(end);
            self.fail(
                ErrorCode::EndNotAfterStart,
                end,
                v,
                format!(
                    "an end after the start {} (no span crosses midnight; use 24:00)",
                    self.raw(start)
                ),
            );
            return None;
        }
        Some(Interval::new(s, e))
    }

    pub fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let v = self.required(column, fields::EXPECT_DATE)?;
        match fields::parse_date(v) {
            Ok(d) => Some(d),
            Err(expected) => {
                let expected = match fields::date_hint(v) {
                    Some(d) => format!("{expected}: did you mean `{d}`?"),
                    None => expected.to_string(),
                };
                self.fail(ErrorCode::BadDate, column, v, expected);
                None
            }
        }
    }

    /// A weekly pattern; `Some(empty)` when the field is empty.
    pub fn pattern(&mut self, column: &str) -> Option<WeeklyPattern> {
        let v = self.raw(column);
        match fields::parse_pattern(v) {
            Ok(p) => Some(p),
            Err(expected) => {
                self.fail(ErrorCode::BadPattern, column, v, expected);
                None
            }
        }
    }

    pub fn minutes_range(&mut self, column: &str, default: (u32, u32)) -> Option<(u32, u32)> {
        let v = self.raw(column);
        if v.is_empty() {
            return Some(default);
        }
        match fields::parse_minutes_range(v) {
            Ok(r) => Some(r),
            Err(expected) => {
                self.fail(ErrorCode::BadRange, column, v, expected);
                None
            }
        }
    }

    pub fn list(&self, column: &str) -> Vec<String> {
        fields::parse_list(self.raw(column))
    }

    /// Resolves a reference to an id of another file; records `code` when it is unknown.
    /// An empty value is no reference (`None`, nothing reported: whether the column is required
    /// is checked by [`Cx::required`]). `known = None` means the other file could not be read,
    /// so nothing is reported.
    pub fn reference(
        &mut self,
        column: &str,
        value: &str,
        known: Option<&HashMap<String, usize>>,
        code: ErrorCode,
        what: &str,
    ) -> Option<usize> {
        if value.is_empty() {
            return None;
        }
        if !self.text_ok(column, value, text::check_id("an id", value)) {
            return None;
        }
        let map = known?;
        match map.get(value) {
            Some(&i) => Some(i),
            None => {
                let hint = zeros_hint(value, map).unwrap_or_default();
                self.fail(code, column, value, format!("the id of a {what}{hint}"));
                None
            }
        }
    }
}

/// Where an unknown numeric id is a known one with or without leading zeros (Excel drops them
/// from a cell it takes for a number), the words that name it.
fn zeros_hint(value: &str, known: &HashMap<String, usize>) -> Option<String> {
    if value.is_empty() || value.len() > 20 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut padded = value.to_string();
    for _ in 0..8 {
        padded.insert(0, '0');
        if known.contains_key(&padded) {
            return Some(format!(
                " (Excel dropped the leading zeros: did you mean `{padded}`? Format the column as text to keep them)"
            ));
        }
    }
    let stripped = value.trim_start_matches('0');
    let stripped = if stripped.is_empty() { "0" } else { stripped };
    (stripped != value && known.contains_key(stripped)).then(|| {
        format!(
            " (the ids it refers to lost their leading zeros, as Excel does to a cell it takes for a number: did you mean `{stripped}`? Format the id column as text to keep them)"
        )
    })
}
