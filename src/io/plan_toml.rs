//! `plan.toml`: the week and the rules, with every default of the SPEC.

use super::error::{ErrorCode, InputError};
use super::fields::{EXPECT_YEAR, parse_date, parse_iso_week, parse_time};
use super::table::line_at;
use crate::model::{PayCode, PayWindow, PayrollPreset, Settings};
use serde::Deserialize;

pub const FILE: &str = "plan.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanToml {
    week: String,
    team: Option<String>,
    remote_max_share: Option<f64>,
    max_daily_hours: Option<f64>,
    min_rest_hours: Option<f64>,
    break_after_hours: Option<f64>,
    break_minutes: Option<i64>,
    holidays: Option<Vec<String>>,
    supported_per_worker: Option<i64>,
    meetings_count_as_effort: Option<bool>,
    remote_on_visit_days: Option<bool>,
    holidays_off: Option<bool>,
    travel: Option<TravelToml>,
    solver: Option<SolverToml>,
    payroll: Option<PayrollToml>,
    output: Option<OutputToml>,
    weights: Option<WeightsToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightsToml {
    uncovered_meeting: Option<f64>,
    shortfall_hour: Option<f64>,
    missing_visit: Option<f64>,
    missing_joint_visit: Option<f64>,
    primary_absent: Option<f64>,
    worker_per_family: Option<f64>,
    travel_hour: Option<f64>,
    overtime_hour: Option<f64>,
    weekend_hour: Option<f64>,
    remote_hour: Option<f64>,
    change: Option<f64>,
    rhythm: Option<f64>,
    remote_over_cap_hour: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TravelToml {
    road_factor: Option<f64>,
    speed_kmh: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SolverToml {
    time_limit_seconds: Option<f64>,
    mip_gap: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayrollToml {
    evening: Option<String>,
    night: Option<String>,
    saturday: Option<String>,
    date_format: Option<String>,
    codes: Option<std::collections::BTreeMap<String, String>>,
    preset: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputToml {
    finnish_csv: Option<bool>,
    xlsx: Option<bool>,
}

/// The line on which `key` is assigned (first match), for value errors found after parsing.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// Lines `key = 0,20`, `key = 20 %` or `key = 7,5 h` (a number written as people type it,
/// which TOML reads as a syntax error): their line, key, value and the value TOML needs
/// (`0.20`, `0.2`, `7.5`).
fn decimal_commas(text: &str) -> Vec<(usize, String, String, String)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.split('#').next().unwrap_or("").trim();
        let key = key.trim();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let bare_key = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        // The number and its unit, if any.
        let (number, unit) = match value.strip_suffix('%') {
            Some(n) => (n.trim_end(), Some('%')),
            None => match value.strip_suffix(['h', 'H']) {
                Some(n) => (n.trim_end(), Some('h')),
                None => (value, None),
            },
        };
        let unsigned = number.strip_prefix('-').unwrap_or(number);
        let decimal = match unsigned.split_once([',', '.']) {
            Some((whole, fraction)) => digits(whole) && digits(fraction),
            None => digits(unsigned),
        };
        if !bare_key || !decimal || (unit.is_none() && !number.contains(',')) {
            continue;
        }
        let plain = number.replace(',', ".");
        let fixed = match (unit, plain.parse::<f64>()) {
            (Some('%'), Ok(x)) => {
                let share = format!("{:.4}", x / 100.0);
                let share = share.trim_end_matches('0');
                if share.ends_with('.') {
                    format!("{share}0")
                } else {
                    share.to_string()
                }
            }
            _ => plain,
        };
        found.push((i + 1, key.to_string(), value.to_string(), fixed));
    }
    found
}

/// Parses a TOML file into `T`: syntax first (a broken file), then the keys and their types (a
/// wrong setting); either problem is recorded with its line.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    errors: &mut Vec<InputError>,
) -> Option<T> {
    if let Err(e) = text.parse::<toml::Table>() {
        // `0,20`, `20 %` or `7,5 h` as a Finnish user writes a number: name each such line
        // with the fix.
        let commas = decimal_commas(text);
        if !commas.is_empty() {
            for (line, key, value, fixed) in commas {
                let expected = if value.ends_with('%') {
                    format!("a share as a plain number (TOML takes no `%`; write {fixed})")
                } else if value.ends_with(['h', 'H']) {
                    format!("a number of hours without the unit (TOML takes no `h`; write {fixed})")
                } else {
                    format!("a number with a decimal point (TOML needs a decimal point: {fixed})")
                };
                errors.push(
                    InputError::new(ErrorCode::TomlSyntax, file, expected)
                        .at_line(line)
                        .in_column(&key)
                        .with_value(&value),
                );
            }
            return None;
        }
        let mut err = InputError::new(
            ErrorCode::TomlSyntax,
            file,
            format!("valid TOML ({})", e.message().trim()),
        );
        err.line = e.span().map(|s| line_at(text.as_bytes(), s.start));
        errors.push(err);
        return None;
    }
    match toml::from_str(text) {
        Ok(r) => Some(r),
        Err(e) => {
            let mut err = InputError::new(
                ErrorCode::TomlValue,
                file,
                format!(
                    "the keys and value types of the SPEC ({})",
                    e.message().trim()
                ),
            );
            err.line = e.span().map(|s| line_at(text.as_bytes(), s.start));
            errors.push(err);
            None
        }
    }
}

/// Collects value errors with the key's line.
struct Check<'a> {
    text: &'a str,
    errors: &'a mut Vec<InputError>,
}

impl Check<'_> {
    fn fail(&mut self, key: &str, value: String, expected: &str) {
        self.fail_with(ErrorCode::OutOfRange, key, value, expected);
    }

    fn fail_with(&mut self, code: ErrorCode, key: &str, value: String, expected: &str) {
        let mut e = InputError::new(code, FILE, expected)
            .in_column(key)
            .with_value(&value);
        e.line = line_of_key(self.text, key.rsplit('.').next().unwrap_or(key));
        self.errors.push(e);
    }

    fn number(
        &mut self,
        key: &str,
        v: Option<f64>,
        default: f64,
        ok: impl Fn(f64) -> bool,
        expected: &str,
    ) -> f64 {
        match v {
            Some(x) if ok(x) && x.is_finite() => x,
            Some(x) => {
                self.fail(key, x.to_string(), expected);
                default
            }
            None => default,
        }
    }

    /// A whole number within `range`, else the default and a problem.
    fn whole(
        &mut self,
        key: &str,
        v: Option<i64>,
        default: u32,
        range: std::ops::RangeInclusive<u32>,
        expected: &str,
    ) -> u32 {
        match v {
            Some(n) if u32::try_from(n).is_ok_and(|n| range.contains(&n)) => n as u32,
            Some(n) => {
                self.fail(key, n.to_string(), expected);
                default
            }
            None => default,
        }
    }

    fn window(&mut self, key: &str, v: Option<String>, default: PayWindow) -> PayWindow {
        let Some(s) = v else { return default };
        let parsed = s
            .split_once('-')
            .and_then(|(a, b)| Some((parse_time(a).ok()?, parse_time(b).ok()?)));
        match parsed {
            Some((a, b)) if a != b && a < 1440 => PayWindow {
                start: a,
                end: b.min(1440),
            },
            _ => {
                self.fail(key, s, "a daily window HH:MM-HH:MM such as 18:00-21:00 (start after end runs across midnight)");
                default
            }
        }
    }
}

/// The values `[payroll] preset` may take.
pub const EXPECT_PRESET: &str = "\"fivaldi\" (Visma Fivaldi) or \"procountor\" (Procountor), or no preset key for payroll.csv alone";

/// What a payroll `date_format` must be.
pub const EXPECT_DATE_FORMAT: &str = "a date-only format of day, month and year: the specifiers %d %e %-d (day), %m %-m (month), %Y %y (year), each once, between the separators . - / _ or a space, e.g. \"%d.%m.%Y\" (no times, zones, names or other text)";

/// Checks a payroll `date_format`: only the date-only specifiers of [`EXPECT_DATE_FORMAT`]
/// and separators, a day, a month and a year each exactly once, and a date it renders starts
/// with a digit or a space (never a formula character). Anything else could make chrono fail
/// (a panic when payroll.csv is written), put a time or zone that does not exist into the file,
/// or split the CSV column.
pub fn valid_date_format(fmt: &str) -> bool {
    use chrono::format::{Item, Numeric, StrftimeItems};
    let separator = |s: &str| s.chars().all(|c| matches!(c, '.' | '-' | '/' | '_' | ' '));
    let (mut day, mut month, mut year) = (0, 0, 0);
    for item in StrftimeItems::new(fmt) {
        match item {
            Item::Literal(s) | Item::Space(s) if separator(s) => {}
            Item::Numeric(Numeric::Day, _) => day += 1,
            Item::Numeric(Numeric::Month, _) => month += 1,
            Item::Numeric(Numeric::Year | Numeric::YearMod100, _) => year += 1,
            _ => return false,
        }
    }
    if (day, month, year) != (1, 1, 1) {
        return false;
    }
    // Render one date as payroll.csv will; a format chrono cannot write is an error here,
    // not a panic after the solve.
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a valid date");
    let mut out = String::new();
    use std::fmt::Write as _;
    write!(out, "{}", date.format_with_items(StrftimeItems::new(fmt))).is_ok()
        && out.starts_with(|c: char| c.is_ascii_digit() || c == ' ')
}

/// Parses plan.toml text into settings, recording every problem.
pub fn parse_settings(text: &str, errors: &mut Vec<InputError>) -> Option<Settings> {
    let raw: PlanToml = parse_toml(FILE, text, errors)?;
    let week = match parse_iso_week(&raw.week) {
        Ok(w) => w,
        Err(expected) => {
            let code = if expected == EXPECT_YEAR {
                ErrorCode::YearOutOfRange
            } else {
                ErrorCode::BadIsoWeek
            };
            let mut e = InputError::new(code, FILE, expected)
                .in_column("week")
                .with_value(&raw.week);
            e.line = line_of_key(text, "week");
            errors.push(e);
            return None;
        }
    };
    let mut s = Settings::defaults(week);
    let mut c = Check { text, errors };
    s.remote_max_share = c.number(
        "remote_max_share",
        raw.remote_max_share,
        s.remote_max_share,
        |x| (0.0..=1.0).contains(&x),
        "a share between 0 and 1 such as 0.20",
    );
    s.max_daily_hours = c.number(
        "max_daily_hours",
        raw.max_daily_hours,
        s.max_daily_hours,
        |x| x > 0.0 && x <= 24.0,
        "hours per day above 0 and at most 24",
    );
    s.min_rest_hours = c.number(
        "min_rest_hours",
        raw.min_rest_hours,
        s.min_rest_hours,
        |x| (0.0..=24.0).contains(&x),
        "hours of rest between 0 and 24",
    );
    s.break_after_hours = c.number(
        "break_after_hours",
        raw.break_after_hours,
        s.break_after_hours,
        |x| (0.0..=24.0).contains(&x),
        "hours between 0 (no breaks) and 24, such as 6.0",
    );
    s.break_minutes = c.whole(
        "break_minutes",
        raw.break_minutes,
        s.break_minutes,
        1..=240,
        "a whole number of minutes from 1 to 240, such as 30",
    );
    s.supported_per_worker = c.whole(
        "supported_per_worker",
        raw.supported_per_worker,
        s.supported_per_worker,
        1..=50,
        "a whole number of meetings from 1 to 50",
    );
    if let Some(team) = raw.team {
        match super::text::check_id("a team name", &team) {
            Ok(()) if !team.trim().is_empty() => s.team = Some(team.trim().to_string()),
            Ok(()) => {}
            Err(p) => c.fail_with(p.code, "team", team, &p.expected),
        }
    }
    s.meetings_count_as_effort = raw.meetings_count_as_effort.unwrap_or(false);
    s.remote_on_visit_days = raw.remote_on_visit_days.unwrap_or(false);
    s.holidays_off = raw.holidays_off.unwrap_or(true);
    for h in raw.holidays.unwrap_or_default() {
        match parse_date(&h) {
            Ok(d) => s.holidays.push(d),
            Err(expected) => {
                let expected = match super::fields::date_hint(&h) {
                    Some(d) => format!("{expected}: did you mean `{d}`?"),
                    None => expected.to_string(),
                };
                let mut e = InputError::new(ErrorCode::BadDate, FILE, expected)
                    .in_column("holidays")
                    .with_value(&h);
                e.line = line_of_key(c.text, "holidays");
                c.errors.push(e);
            }
        }
    }
    if let Some(t) = raw.travel {
        s.road_factor = c.number(
            "travel.road_factor",
            t.road_factor,
            s.road_factor,
            |x| x > 0.0 && x <= 10.0,
            "a factor above 0 and at most 10 such as 1.3",
        );
        s.speed_kmh = c.number(
            "travel.speed_kmh",
            t.speed_kmh,
            s.speed_kmh,
            |x| x > 0.0 && x <= 200.0,
            "a speed in km/h above 0 and at most 200",
        );
    }
    if let Some(t) = raw.solver {
        s.time_limit_seconds = c.number(
            "solver.time_limit_seconds",
            t.time_limit_seconds,
            s.time_limit_seconds,
            |x| x > 0.0 && x <= 86_400.0,
            "seconds above 0 and at most 86400",
        );
        s.mip_gap = c.number(
            "solver.mip_gap",
            t.mip_gap,
            s.mip_gap,
            |x| (0.0..=1.0).contains(&x),
            "a relative gap between 0 and 1 such as 0.01",
        );
    }
    if let Some(p) = raw.payroll {
        let d = s.payroll.clone();
        s.payroll.evening = c.window("payroll.evening", p.evening, d.evening);
        s.payroll.night = c.window("payroll.night", p.night, d.night);
        s.payroll.saturday = c.window("payroll.saturday", p.saturday, d.saturday);
        if let Some(f) = p.date_format {
            if valid_date_format(&f) {
                s.payroll.date_format = f;
            } else {
                c.fail_with(
                    ErrorCode::BadDateFormat,
                    "payroll.date_format",
                    f,
                    EXPECT_DATE_FORMAT,
                );
            }
        }
        if let Some(name) = p.preset {
            match PayrollPreset::parse(&name) {
                Some(preset) => s.payroll.preset = Some(preset),
                None => c.fail(
                    "payroll.preset",
                    name,
                    &format!("one of the payroll presets {}", EXPECT_PRESET),
                ),
            }
        }
        for (code, name) in p.codes.unwrap_or_default() {
            match PayCode::parse(&code) {
                Some(pc) if !name.trim().is_empty() => {
                    match super::text::check_id("a pay code", &name) {
                        Ok(()) => {
                            s.payroll.codes.insert(pc, name.trim().to_string());
                        }
                        Err(p) => {
                            c.fail_with(p.code, &format!("payroll.codes.{code}"), name, &p.expected)
                        }
                    }
                }
                Some(_) => c.fail(
                    &format!("payroll.codes.{code}"),
                    name,
                    "a non-empty code for the payroll system",
                ),
                None => c.fail(
                    &format!("payroll.codes.{code}"),
                    code.clone(),
                    "one of the pay codes REG, EVE, NIGHT, SAT, SUN, OT",
                ),
            }
        }
    }
    if let Some(o) = raw.output {
        s.finnish_csv = o.finnish_csv.unwrap_or(false);
        s.xlsx = o.xlsx.unwrap_or(false);
    }
    if let Some(w) = raw.weights {
        let ok = |x: f64| (0.0..=1e6).contains(&x);
        let e = "a weight from 0 to 1000000";
        let d = s.weights;
        let ws = &mut s.weights;
        ws.uncovered_meeting = c.number(
            "weights.uncovered_meeting",
            w.uncovered_meeting,
            d.uncovered_meeting,
            ok,
            e,
        );
        ws.shortfall_hour = c.number(
            "weights.shortfall_hour",
            w.shortfall_hour,
            d.shortfall_hour,
            ok,
            e,
        );
        ws.missing_visit = c.number(
            "weights.missing_visit",
            w.missing_visit,
            d.missing_visit,
            ok,
            e,
        );
        ws.missing_joint_visit = c.number(
            "weights.missing_joint_visit",
            w.missing_joint_visit,
            d.missing_joint_visit,
            ok,
            e,
        );
        ws.primary_absent = c.number(
            "weights.primary_absent",
            w.primary_absent,
            d.primary_absent,
            ok,
            e,
        );
        ws.worker_per_family = c.number(
            "weights.worker_per_family",
            w.worker_per_family,
            d.worker_per_family,
            ok,
            e,
        );
        ws.travel_hour = c.number("weights.travel_hour", w.travel_hour, d.travel_hour, ok, e);
        ws.overtime_hour = c.number(
            "weights.overtime_hour",
            w.overtime_hour,
            d.overtime_hour,
            ok,
            e,
        );
        ws.weekend_hour = c.number(
            "weights.weekend_hour",
            w.weekend_hour,
            d.weekend_hour,
            ok,
            e,
        );
        ws.remote_hour = c.number("weights.remote_hour", w.remote_hour, d.remote_hour, ok, e);
        ws.change = c.number("weights.change", w.change, d.change, ok, e);
        ws.rhythm = c.number("weights.rhythm", w.rhythm, d.rhythm, ok, e);
        ws.remote_over_cap_hour = c.number(
            "weights.remote_over_cap_hour",
            w.remote_over_cap_hour,
            d.remote_over_cap_hour,
            ok,
            e,
        );
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_only_the_week_gets_every_default() {
        let mut e = Vec::new();
        let s = parse_settings("week = \"2026-W49\"\n", &mut e).unwrap();
        assert!(e.is_empty());
        assert_eq!(
            s,
            Settings::defaults(crate::model::IsoWeek::new(2026, 49).unwrap())
        );
    }

    #[test]
    fn values_are_read_and_ranges_checked_with_lines() {
        let text = "week = \"2026-W49\"\nremote_max_share = 1.5\nmax_daily_hours = 9\n[payroll]\ndate_format = \"%d.%m.%Y\"\n[payroll.codes]\nREG = \"1001\"\nXYZ = \"9\"\n";
        let mut e = Vec::new();
        let s = parse_settings(text, &mut e).unwrap();
        assert_eq!(s.max_daily_hours, 9.0);
        assert_eq!(s.payroll.date_format, "%d.%m.%Y");
        assert_eq!(s.payroll.code_name(PayCode::Reg), "1001");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].line, Some(2));
        assert_eq!(e[0].column.as_deref(), Some("remote_max_share"));
        assert_eq!(e[1].line, Some(8));
    }

    #[test]
    fn a_payroll_preset_is_read_and_an_unknown_one_names_the_allowed() {
        let mut e = Vec::new();
        let s = parse_settings(
            "week = \"2026-W49\"\n[payroll]\npreset = \"Procountor\"\n",
            &mut e,
        )
        .unwrap();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(s.payroll.preset, Some(PayrollPreset::Procountor));
        let s = parse_settings(
            "week = \"2026-W49\"\n[payroll]\nevening = \"18:00-21:00\"\npreset = \"netvisor\"\n",
            &mut e,
        )
        .unwrap();
        assert_eq!(s.payroll.preset, None);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, Some(4));
        assert_eq!(e[0].column.as_deref(), Some("payroll.preset"));
        let shown = e[0].to_string();
        assert!(
            shown.contains("\"fivaldi\"") && shown.contains("\"procountor\""),
            "{shown}"
        );
    }

    #[test]
    fn break_keys_are_read_and_checked() {
        let mut e = Vec::new();
        let s = parse_settings(
            "week = \"2026-W49\"\nbreak_after_hours = 0\nbreak_minutes = 45\n",
            &mut e,
        )
        .unwrap();
        assert_eq!((s.break_after_minutes(), s.break_minutes), (None, 45));
        let s = parse_settings("week = \"2026-W49\"\n", &mut e).unwrap();
        assert_eq!((s.break_after_minutes(), s.break_minutes), (Some(360), 30));
        assert!(e.is_empty());
        let bad = "week = \"2026-W49\"\nbreak_after_hours = -1\nbreak_minutes = 0\n";
        parse_settings(bad, &mut e);
        let lines: Vec<Option<usize>> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(3)], "{e:?}");
    }

    #[test]
    fn output_keys_are_read() {
        let mut e = Vec::new();
        let s = parse_settings("week = \"2026-W49\"\n[output]\nxlsx = true\n", &mut e).unwrap();
        assert!(s.xlsx && !s.finnish_csv);
        let s = parse_settings(
            "week = \"2026-W49\"\n[output]\nfinnish_csv = true\n",
            &mut e,
        )
        .unwrap();
        assert!(!s.xlsx && s.finnish_csv);
        assert!(e.is_empty());
        assert!(parse_settings("week = \"2026-W49\"\n[output]\nxlxs = true\n", &mut e).is_none());
        assert_eq!(e[0].code, ErrorCode::TomlValue);
    }

    #[test]
    fn syntax_errors_and_unknown_keys_name_the_line() {
        let mut e = Vec::new();
        assert!(parse_settings("week = \"2026-W49\"\nmax_daily_hours = = 3\n", &mut e).is_none());
        assert_eq!(e[0].code, ErrorCode::TomlSyntax);
        assert_eq!(e[0].line, Some(2));
        let mut e = Vec::new();
        assert!(parse_settings("week = \"2026-W49\"\nremote_max_shar = 0.1\n", &mut e).is_none());
        assert_eq!(e[0].code, ErrorCode::TomlValue);
        assert_eq!(e[0].line, Some(2));
    }

    #[test]
    fn decimal_commas_are_named_with_the_fix_on_each_line() {
        let mut e = Vec::new();
        let text = "week = \"2026-W49\"\nremote_max_share = 0,20\n[travel]\nroad_factor = 1,3 # x\nholidays = [\"1,2\"]\nmax_daily_hours = 7,5 h\nmin_rest_hours = 11h\n";
        assert!(parse_settings(text, &mut e).is_none());
        let found: Vec<(Option<usize>, Option<&str>, &str)> = e
            .iter()
            .map(|e| (e.line, e.column.as_deref(), e.expected.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(2),
                    Some("remote_max_share"),
                    "a number with a decimal point (TOML needs a decimal point: 0.20)"
                ),
                (
                    Some(4),
                    Some("road_factor"),
                    "a number with a decimal point (TOML needs a decimal point: 1.3)"
                ),
                (
                    Some(6),
                    Some("max_daily_hours"),
                    "a number of hours without the unit (TOML takes no `h`; write 7.5)"
                ),
                (
                    Some(7),
                    Some("min_rest_hours"),
                    "a number of hours without the unit (TOML takes no `h`; write 11)"
                ),
            ]
        );
        for (typed, fixed) in [
            ("20 %", "0.2"),
            ("20%", "0.2"),
            ("12,5 %", "0.125"),
            ("0 %", "0.0"),
        ] {
            let mut e = Vec::new();
            let text = format!("week = \"2026-W49\"\nremote_max_share = {typed}\n");
            assert!(parse_settings(&text, &mut e).is_none());
            assert_eq!(e.len(), 1, "{e:?}");
            assert_eq!(
                (
                    e[0].line,
                    e[0].column.as_deref(),
                    e[0].value.as_deref(),
                    e[0].expected.as_str()
                ),
                (
                    Some(2),
                    Some("remote_max_share"),
                    Some(typed),
                    format!("a share as a plain number (TOML takes no `%`; write {fixed})")
                        .as_str()
                ),
                "{typed:?}"
            );
        }
        let mut e = Vec::new();
        parse_settings("week = \"2026-W49\"\nholidays = [\"1/12/2026\"]\n", &mut e);
        assert!(
            e[0].expected.ends_with("did you mean `2026-12-01`?"),
            "{e:?}"
        );
    }

    #[test]
    fn bad_week_and_bad_date_format() {
        let mut e = Vec::new();
        assert!(parse_settings("week = \"2025-W53\"\n", &mut e).is_none());
        assert_eq!(e[0].code, ErrorCode::BadIsoWeek);
        for good in [
            "%d.%m.%Y",
            "%Y-%m-%d",
            "%-d.%-m.%Y",
            "%e/%m/%y",
            "%Y%m%d",
            "%d %m %Y",
        ] {
            assert!(valid_date_format(good), "{good:?}");
        }
        for bad in [
            "%Q",
            "",
            "%d.%m.%Y %H:%M",
            "%c",
            "%s",
            "%z",
            "%T",
            "%p",
            "%F %T",
            "%A",
            "%b %d %Y",
            "%d.%m.",
            "%d.%m.%Y%d",
            "=%d.%m.%Y",
            "-%d.%m.%Y",
            "%d,%m,%Y",
            "%d;%m;%Y",
            "%d\t%m\t%Y",
            "pvm %d.%m.%Y",
            "%j/%Y",
            "%C%y-%m-%d",
            "%G-%m-%d",
            "%d.%m.%Y%%",
        ] {
            assert!(!valid_date_format(bad), "{bad:?}");
        }
    }
}
