//! Parsers for single field values. Each returns what was expected on failure, so the caller
//! can report the file, line and column around it.

use crate::model::time::DAY_NAMES;
use crate::model::{Interval, IsoWeek, PatternRule, WeeklyPattern};
use chrono::NaiveDate;

pub const EXPECT_HOURS: &str = "a number of hours such as 7.5 (or 7,5, or 7,5 h)";
pub const EXPECT_SHARE: &str = "a share such as 0.20 or a percentage such as 20 %";
pub const EXPECT_TIME: &str =
    "a time HH:MM or H.MM (such as 08:30 or 8.30; a whole hour also as 8) between 00:00 and 24:00";
pub const EXPECT_DATE: &str = "a date YYYY-MM-DD or D.M.YYYY (such as 2026-12-01 or 1.12.2026)";
pub const EXPECT_PATTERN: &str = "a weekly pattern of rules \"DAYS HH:MM-HH:MM\" joined by |, e.g. \"Mon-Fri 08:00-16:00|Sat 10:00-14:00\" (days also in Finnish: ma ti ke to pe la su; times also as 8.00-16.00 or 8-16)";
pub const EXPECT_RANGE: &str = "a range of minutes MIN-MAX such as 60-180";
pub const EXPECT_WEEK: &str = "an ISO week YYYY-Www such as 2026-W49 that exists in that year";

/// A decimal number; a decimal comma (`7,5`) is accepted.
pub fn parse_number(s: &str) -> Result<f64, &'static str> {
    let t = s.trim();
    let normal = if t.contains(',') && !t.contains('.') && t.matches(',').count() == 1 {
        t.replace(',', ".")
    } else {
        t.to_string()
    };
    match normal.parse::<f64>() {
        Ok(v) if v.is_finite() && !normal.contains(['e', 'E', 'i', 'I', 'n', 'N']) => Ok(v),
        _ => Err(EXPECT_HOURS),
    }
}

/// Hours as people type them: a number (decimal comma accepted) with an optional unit `h`
/// (`7,5 h`, `7.5h`, `38.25 H`).
pub fn parse_hours(s: &str) -> Result<f64, &'static str> {
    let t = s.trim();
    let number = t
        .strip_suffix(['h', 'H'])
        .map(str::trim_end)
        .filter(|n| !n.is_empty())
        .unwrap_or(t);
    parse_number(number).map_err(|_| EXPECT_HOURS)
}

/// A share as people type it: a fraction (`0.20`, `0,2`) or a percentage (`20 %`, `20%`,
/// `12,5 %`), which is divided by 100.
pub fn parse_share(s: &str) -> Result<f64, &'static str> {
    let t = s.trim();
    match t.strip_suffix('%').map(str::trim_end) {
        Some(percent) if !percent.is_empty() => parse_number(percent)
            .map(|x| x / 100.0)
            .map_err(|_| EXPECT_SHARE),
        Some(_) => Err(EXPECT_SHARE),
        None => parse_number(t).map_err(|_| EXPECT_SHARE),
    }
}

/// A whole non-negative number.
pub fn parse_count(s: &str) -> Result<u32, &'static str> {
    s.trim()
        .parse::<u32>()
        .map_err(|_| "a whole number such as 2")
}

/// A time of day as minutes from midnight, `00:00` to `24:00`: `HH:MM` or `H:MM`, or as Finnish
/// Excel writes it, `HH.MM` or `H.MM` (`8.30` is 08:30). Minutes, when given, have two digits;
/// a whole hour may drop them (`8` is 08:00, `16` is 16:00).
pub fn parse_time(s: &str) -> Result<u32, &'static str> {
    let t = s.trim();
    if !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()) {
        return match t.parse::<u32>() {
            Ok(h) if h <= 24 => Ok(h * 60),
            _ => Err(EXPECT_TIME),
        };
    }
    let (h, m) = t
        .split_once(':')
        .or_else(|| t.split_once('.'))
        .ok_or(EXPECT_TIME)?;
    let ok = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || m.len() != 2 || !ok(m) {
        return Err(EXPECT_TIME);
    }
    let (h, m): (u32, u32) = (
        h.parse().map_err(|_| EXPECT_TIME)?,
        m.parse().map_err(|_| EXPECT_TIME)?,
    );
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(EXPECT_TIME);
    }
    Ok(h * 60 + m)
}

/// The time at which something ends: as [`parse_time`], but midnight (`00:00`, as a
/// spreadsheet writes it) is the end of the day, `24:00`.
pub fn parse_end_time(s: &str) -> Result<u32, &'static str> {
    parse_time(s).map(|t| {
        if t == 0 {
            crate::model::time::DAY_MINUTES
        } else {
            t
        }
    })
}

/// A date: `YYYY-MM-DD`, or as Finnish Excel writes it, `D.M.YYYY` or `DD.MM.YYYY`.
pub fn parse_date(s: &str) -> Result<NaiveDate, &'static str> {
    let t = s.trim();
    let digits = |x: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = t.split('.').collect();
    let (y, m, d) = match parts[..] {
        [d, m, y] if digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4) => (y, m, d),
        _ => {
            let parts: Vec<&str> = t.split('-').collect();
            match parts[..] {
                [y, m, d] if digits(y, 4, 4) && digits(m, 2, 2) && digits(d, 2, 2) => (y, m, d),
                _ => return Err(EXPECT_DATE),
            }
        }
    };
    let n = |x: &str| x.parse::<u32>().map_err(|_| EXPECT_DATE);
    NaiveDate::from_ymd_opt(n(y)? as i32, n(m)?, n(d)?).ok_or(EXPECT_DATE)
}

/// The ISO date a malformed date probably means, where one reading is likely: `1/12/2026` (the
/// Finnish day-month order with slashes, or month-day when only that order is a date),
/// `1.12.26` (a two-digit year of this century), `2026/12/01`, `2026-1-5`, `1-12-2026`.
pub fn date_hint(s: &str) -> Option<String> {
    let t = s.trim();
    let sep = t.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = t.split(sep).collect();
    let [a, b, c] = parts[..] else { return None };
    let num = |x: &str, lo: usize, hi: usize| {
        ((lo..=hi).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    let date = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d);
    let found = if let (Some(y), Some(m), Some(d)) = (num(a, 4, 4), num(b, 1, 2), num(c, 1, 2)) {
        date(y, m, d)
    } else {
        let (d, m) = (num(a, 1, 2)?, num(b, 1, 2)?);
        let y = match c.len() {
            4 => num(c, 4, 4)?,
            2 => 2000 + num(c, 2, 2)?,
            _ => return None,
        };
        // Day first, as a Finnish user writes it; month first only when that is the one date.
        date(y, m, d).or_else(|| date(y, d, m))
    }?;
    let iso = found.format("%Y-%m-%d").to_string();
    (iso != t && parse_date(t).is_err()).then_some(iso)
}

/// The time a malformed time probably means: `8,30` (a decimal comma), `08:30:00` (seconds of
/// zero). (A whole hour, `8`, is a time of its own.)
pub fn time_hint(s: &str) -> Option<String> {
    let t = s.trim();
    let candidate = if let Some((h, m)) = t.split_once(',') {
        format!("{h}:{m}")
    } else if let Some(hm) = t.strip_suffix(":00").or_else(|| t.strip_suffix(".00"))
        && hm.len() >= 4
    {
        hm.to_string()
    } else {
        return None;
    };
    let minutes = parse_time(&candidate).ok()?;
    Some(crate::model::time::fmt_hm(minutes))
}

/// What a week of a year outside [`crate::model::calendar::SUPPORTED_YEARS`] gets instead
/// (callers report it as `year-out-of-range`, not as a malformed week).
pub const EXPECT_YEAR: &str = "an ISO week of a year from 2000 to 2100 such as 2026-W49 (the holiday rules are known for those years)";

/// `YYYY-Www`, e.g. `2026-W49`, of a year in [`crate::model::calendar::SUPPORTED_YEARS`]. A
/// well-formed week of another year (`-993-W10`, `0000-W10`, `99999-W10`) gives
/// [`EXPECT_YEAR`].
pub fn parse_iso_week(s: &str) -> Result<IsoWeek, &'static str> {
    let (y, w) = s.trim().split_once("-W").ok_or(EXPECT_WEEK)?;
    let digits = y.strip_prefix('-').unwrap_or(y);
    let number = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if !number(digits) || !number(w) || w.len() > 2 {
        return Err(EXPECT_WEEK);
    }
    let year = match y.parse::<i32>() {
        Ok(year) if crate::model::calendar::SUPPORTED_YEARS.contains(&year) => year,
        _ => return Err(EXPECT_YEAR),
    };
    if y.len() != 4 {
        return Err(EXPECT_WEEK);
    }
    let week: u32 = w.parse().map_err(|_| EXPECT_WEEK)?;
    IsoWeek::new(year, week).ok_or(EXPECT_WEEK)
}

/// A `|` list; empty items are dropped.
pub fn parse_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// `MIN-MAX` minutes with `0 < MIN <= MAX <= 1440`.
pub fn parse_minutes_range(s: &str) -> Result<(u32, u32), &'static str> {
    let (a, b) = s.trim().split_once('-').ok_or(EXPECT_RANGE)?;
    let a: u32 = a.trim().parse().map_err(|_| EXPECT_RANGE)?;
    let b: u32 = b.trim().parse().map_err(|_| EXPECT_RANGE)?;
    if a == 0 || a > b || b > 1440 {
        return Err("a range of minutes MIN-MAX with 0 < MIN <= MAX <= 1440, such as 60-180");
    }
    Ok((a, b))
}

/// The Finnish abbreviations of the days, Monday first, as a Finnish calendar writes them.
pub const FINNISH_DAY_NAMES: [&str; 7] = ["ma", "ti", "ke", "to", "pe", "la", "su"];

/// A day by its English (`Mon`) or Finnish (`ma`) abbreviation, in any case.
fn day_index(s: &str) -> Option<usize> {
    let s = s.trim();
    DAY_NAMES
        .iter()
        .position(|d| d.eq_ignore_ascii_case(s))
        .or_else(|| {
            FINNISH_DAY_NAMES
                .iter()
                .position(|d| d.eq_ignore_ascii_case(s))
        })
}

/// The DAYS part of a rule: `Mon`, `Mon-Fri`, `Mon,Wed,Fri` (items of a list may be ranges),
/// or the same in Finnish: `ma`, `ma-pe`, `ma,ke,pe`.
fn parse_days(s: &str) -> Option<u8> {
    let mut mask = 0u8;
    for part in s.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day_index(a)?, day_index(b)?);
                if a > b {
                    return None;
                }
                for d in a..=b {
                    mask |= 1 << d;
                }
            }
            None => mask |= 1 << day_index(part)?,
        }
    }
    (mask != 0).then_some(mask)
}

/// `HH:MM-HH:MM` (or `H.MM-H.MM`, or whole hours `8-16`) with end after start; an end of
/// `00:00` is `24:00`.
pub fn parse_span(s: &str) -> Result<Interval, &'static str> {
    let (a, b) = s.trim().split_once('-').ok_or(EXPECT_PATTERN)?;
    let (a, b) = (parse_time(a)?, parse_end_time(b)?);
    if b <= a {
        return Err("a time span whose end is after its start (spans cannot cross midnight)");
    }
    Ok(Interval::new(a, b))
}

/// A weekly pattern; the empty string is the empty pattern.
pub fn parse_pattern(s: &str) -> Result<WeeklyPattern, &'static str> {
    let mut rules = Vec::new();
    for rule in s.split('|').map(str::trim).filter(|r| !r.is_empty()) {
        let (days, span) = rule
            .rsplit_once(char::is_whitespace)
            .ok_or(EXPECT_PATTERN)?;
        let days = parse_days(days.trim()).ok_or(EXPECT_PATTERN)?;
        let span =
            parse_span(span).map_err(|e| if e == EXPECT_TIME { EXPECT_PATTERN } else { e })?;
        rules.push(PatternRule { days, span });
    }
    Ok(WeeklyPattern::new(rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_decimal_comma_and_reject_junk() {
        assert_eq!(parse_number("7,5"), Ok(7.5));
        assert_eq!(parse_number(" 38.25 "), Ok(38.25));
        assert_eq!(parse_number("-2"), Ok(-2.0));
        for bad in ["", "abc", "7,5,0", "1e3", "NaN", "inf", "7.5h"] {
            assert!(parse_number(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn times_accept_24_00_and_reject_out_of_range() {
        assert_eq!(parse_time("08:00"), Ok(480));
        assert_eq!(parse_time("8:30"), Ok(510));
        assert_eq!(parse_time("24:00"), Ok(1440));
        for bad in [
            "24:01", "12:60", "12:5", "ab:cd", "-1:00", "", "25", "123", "+8", "-8",
        ] {
            assert!(parse_time(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn finnish_times_and_midnight_ends() {
        assert_eq!(parse_time("8.30"), Ok(510));
        assert_eq!(parse_time("08.30"), Ok(510));
        assert_eq!(parse_time("14.00"), Ok(840));
        assert_eq!(parse_time("0.00"), Ok(0));
        assert_eq!(parse_time("24.00"), Ok(1440));
        for bad in [
            "8.3", "8.300", "8,30", "8.30.00", "8:30.00", ".30", "8.", "123.00",
        ] {
            assert!(parse_time(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(parse_end_time("00:00"), Ok(1440));
        assert_eq!(parse_end_time("0.00"), Ok(1440));
        assert_eq!(parse_end_time("16.00"), Ok(960));
        assert_eq!(
            parse_time("00:00"),
            Ok(0),
            "a start at midnight stays 00:00"
        );
        // In weekly patterns too.
        let p = parse_pattern("Mon-Fri 8.00-16.00|Sat 18.00-00:00|Sun 0.00-0.00").unwrap();
        assert_eq!(p.windows_on(0).intervals(), &[Interval::new(480, 960)]);
        assert_eq!(p.windows_on(5).intervals(), &[Interval::new(1080, 1440)]);
        assert_eq!(p.windows_on(6).intervals(), &[Interval::new(0, 1440)]);
        assert_eq!(
            parse_pattern("Mon 08:00-16:00").unwrap(),
            parse_pattern("Mon 8.00-16.00").unwrap()
        );
        assert!(parse_pattern("Mon 00:00-08:00").is_ok());
        assert!(parse_pattern("Mon 16:00-8.00").is_err());
    }

    #[test]
    fn patterns_parse_ranges_lists_and_several_rules() {
        let p = parse_pattern("Mon-Fri 08:00-16:00|Sat 10:00-14:00").unwrap();
        assert_eq!(p.rules.len(), 2);
        assert_eq!(p.rules[0].days, 0b0011111);
        assert_eq!(p.rules[1].days, 0b0100000);
        let p = parse_pattern("Mon,Wed,Fri 09:00-12:00").unwrap();
        assert_eq!(p.rules[0].days, 0b10101);
        assert_eq!(p.windows_on(2).intervals(), &[Interval::new(540, 720)]);
        let p = parse_pattern("Sat-Sun 18:00-24:00").unwrap();
        assert_eq!(p.windows_on(6).intervals(), &[Interval::new(1080, 1440)]);
        assert!(parse_pattern("").unwrap().is_empty());
    }

    #[test]
    fn bad_patterns_are_rejected() {
        for bad in [
            "Mon 16:00-08:00",
            "Fri-Mon 08:00-16:00",
            "Monday 08:00-16:00",
            "Mon 08:00",
            "08:00-16:00",
            "Mon 08:00-25:00",
            "Mon 8-25",
            "ma-pe",
            "ma-pe 16-8",
            "pe-ma 8-16",
            "maanantai 8-16",
            "m 8-16",
            "ma-Fri8-16",
        ] {
            assert!(parse_pattern(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn whole_hours_and_finnish_days_as_people_type_them() {
        assert_eq!(parse_time("8"), Ok(480));
        assert_eq!(parse_time("16"), Ok(960));
        assert_eq!(parse_time("08"), Ok(480));
        assert_eq!(parse_time("0"), Ok(0));
        assert_eq!(parse_time("24"), Ok(1440));
        assert_eq!(parse_end_time("0"), Ok(1440));
        let english = parse_pattern("Mon-Fri 08:00-16:00").unwrap();
        for finnish in [
            "ma-pe 8-16",
            "MA-PE 8-16",
            "Ma-Pe 8.00-16",
            "ma-pe 8:00-16.00",
            "ma,ti,ke,to,pe 8-16",
            "ma-ke,to-pe 08-16",
            " ma-pe  8-16 ",
        ] {
            assert_eq!(parse_pattern(finnish).as_ref(), Ok(&english), "{finnish:?}");
        }
        let p = parse_pattern("ma-pe 8-16|la 10-14|su 18-0").unwrap();
        assert_eq!(p.windows_on(4).intervals(), &[Interval::new(480, 960)]);
        assert_eq!(p.windows_on(5).intervals(), &[Interval::new(600, 840)]);
        assert_eq!(p.windows_on(6).intervals(), &[Interval::new(1080, 1440)]);
        for (day, name) in FINNISH_DAY_NAMES.iter().enumerate() {
            let p = parse_pattern(&format!("{name} 9-10")).unwrap();
            assert_eq!(p.rules[0].days, 1 << day, "{name}");
        }
        // English and Finnish days mix within a list or a range.
        assert_eq!(parse_pattern("Mon-pe 8-16"), Ok(english));
    }

    #[test]
    fn hours_and_shares_carry_their_units() {
        for (typed, hours) in [
            ("7,5 h", 7.5),
            ("7.5 h", 7.5),
            ("7,5h", 7.5),
            ("7.5H", 7.5),
            ("38,25", 38.25),
            ("6", 6.0),
            (" 6 h ", 6.0),
        ] {
            assert_eq!(parse_hours(typed), Ok(hours), "{typed:?}");
        }
        for bad in ["h", " h", "7,5 hours", "7,5 t", "7 h h", "7,5 %", "", "h7"] {
            assert_eq!(parse_hours(bad), Err(EXPECT_HOURS), "{bad:?}");
        }
        for (typed, share) in [
            ("20 %", 0.2),
            ("20%", 0.2),
            ("20\u{a0}%", 0.2),
            ("12,5 %", 0.125),
            ("0 %", 0.0),
            ("100 %", 1.0),
            ("0.20", 0.2),
            ("0,2", 0.2),
        ] {
            assert_eq!(parse_share(typed), Ok(share), "{typed:?}");
        }
        // Out of range is the caller's to judge: 120 % is 1.2.
        assert_eq!(parse_share("120 %"), Ok(1.2));
        for bad in ["%", " %", "20 %%", "twenty %", "20 h", "", "% 20"] {
            assert_eq!(parse_share(bad), Err(EXPECT_SHARE), "{bad:?}");
        }
    }

    #[test]
    fn ranges_and_weeks() {
        assert_eq!(parse_minutes_range("60-180"), Ok((60, 180)));
        assert!(parse_minutes_range("180-60").is_err());
        assert!(parse_minutes_range("0-60").is_err());
        assert_eq!(parse_iso_week("2026-W49").unwrap().to_string(), "2026-W49");
        assert_eq!(parse_iso_week("2026-W1").unwrap().week, 1);
        for bad in [
            "2025-W53",
            "2026-49",
            "2026-W0",
            "2026-W100",
            "W49",
            "-W49",
            "2026-W+1",
            "+2026-W10",
            "02026-W10",
        ] {
            assert_eq!(parse_iso_week(bad).err(), Some(EXPECT_WEEK), "{bad:?}");
        }
        for far in [
            "-993-W10",
            "0000-W10",
            "99999-W10",
            "1999-W52",
            "2101-W01",
            "26-W49",
            "99999999999-W01",
        ] {
            assert_eq!(parse_iso_week(far).err(), Some(EXPECT_YEAR), "{far:?}");
        }
        assert!(parse_iso_week("2000-W01").is_ok() && parse_iso_week("2100-W52").is_ok());
        assert_eq!(
            parse_list(" supervision | swedish ||"),
            vec!["supervision", "swedish"]
        );
    }

    #[test]
    fn hints_name_the_likely_reading() {
        for (found, meant) in [
            ("1/12/2026", "2026-12-01"),
            ("01/12/2026", "2026-12-01"),
            ("12/31/2026", "2026-12-31"),
            ("1.12.26", "2026-12-01"),
            ("2026/12/01", "2026-12-01"),
            ("2026-1-5", "2026-01-05"),
            ("1-12-2026", "2026-12-01"),
            ("2026.12.1", "2026-12-01"),
        ] {
            assert_eq!(date_hint(found).as_deref(), Some(meant), "{found:?}");
        }
        for none in [
            "1.12.2026",
            "2026-12-01",
            "32/13/2026",
            "1/2",
            "x/y/z",
            "1/12/20266",
            "",
        ] {
            assert_eq!(date_hint(none), None, "{none:?}");
        }
        for (found, meant) in [
            ("8,30", "08:30"),
            ("08:30:00", "08:30"),
            ("8.30.00", "08:30"),
        ] {
            assert_eq!(time_hint(found).as_deref(), Some(meant), "{found:?}");
        }
        for none in ["25", "8,3", "abc", "08:30:15", "", "123", "8", "14"] {
            assert_eq!(time_hint(none), None, "{none:?}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2026-12-01"),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        );
        let dec1 = Ok(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        for finnish in ["1.12.2026", "01.12.2026", " 1.12.2026 ", "01.12.2026"] {
            assert_eq!(parse_date(finnish), dec1, "{finnish:?}");
        }
        assert_eq!(
            parse_date("30.11.2026"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "2026-1-1",
            "30.2.2026",
            "1.12.26",
            "1/12/2026",
            "1.12.2026.",
            "001.12.2026",
            "1..2026",
            "+1.12.2026",
            "1.12.+2026",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
