//! The planned ISO week and Finnish public holidays.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::ops::RangeInclusive;

/// The years a plan's week may lie in (`week` in plan.toml, weeks of history.csv). Input
/// outside them is error E034; the holiday rules are known to hold within them.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 2000..=2100;

/// An ISO week, e.g. 2026-W49: the plan covers its Monday to Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u32,
    monday: NaiveDate,
}

impl IsoWeek {
    /// The week, or `None` when the year has no such week (W53 exists only in some years).
    pub fn new(year: i32, week: u32) -> Option<IsoWeek> {
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        Some(IsoWeek { year, week, monday })
    }

    pub fn monday(&self) -> NaiveDate {
        self.monday
    }

    /// The date of day `day` of the week (Monday = 0).
    pub fn date(&self, day: usize) -> NaiveDate {
        self.monday + Duration::days(day as i64)
    }

    /// The day index (Monday = 0) of `date`, if it lies in this week.
    pub fn day_of(&self, date: NaiveDate) -> Option<usize> {
        let d = (date - self.monday).num_days();
        (0..7).contains(&d).then_some(d as usize)
    }

    pub fn dates(&self) -> [NaiveDate; 7] {
        std::array::from_fn(|d| self.date(d))
    }
}

impl std::fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// Easter Sunday of `year` (Gregorian calendar, anonymous algorithm of Meeus/Jones/Butcher).
/// Euclidean division keeps it total: any year gives a date in March or April, or `None` only
/// where chrono has no such date (years beyond ±262 000).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The first Saturday on or after month/day of `year`.
fn saturday_from(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(year, month, day)?;
    let ahead = (Weekday::Sat.num_days_from_monday() + 7 - d.weekday().num_days_from_monday()) % 7;
    d.checked_add_signed(Duration::days(i64::from(ahead)))
}

/// The Finnish public holidays of `year`, with their English names, as the SPEC lists them
/// (Midsummer Eve and Christmas Eve included: they are days off under the collective agreement).
/// Never panics: a day chrono cannot represent (only at its year limits) is left out.
pub fn finnish_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let shift = |base: Option<NaiveDate>, days: i64| {
        base.and_then(|b| b.checked_add_signed(Duration::days(days)))
    };
    let easter = easter_sunday(year);
    let midsummer_day = saturday_from(year, 6, 20);
    let days = [
        (ymd(1, 1), "New Year's Day"),
        (ymd(1, 6), "Epiphany"),
        (shift(easter, -2), "Good Friday"),
        (easter, "Easter Sunday"),
        (shift(easter, 1), "Easter Monday"),
        (ymd(5, 1), "May Day"),
        (shift(easter, 39), "Ascension Day"),
        (shift(easter, 49), "Whit Sunday"),
        (shift(midsummer_day, -1), "Midsummer Eve"),
        (midsummer_day, "Midsummer Day"),
        (saturday_from(year, 10, 31), "All Saints' Day"),
        (ymd(12, 6), "Independence Day"),
        (ymd(12, 24), "Christmas Eve"),
        (ymd(12, 25), "Christmas Day"),
        (ymd(12, 26), "Boxing Day"),
    ];
    let mut days: Vec<(NaiveDate, &'static str)> = days
        .into_iter()
        .filter_map(|(d, name)| Some((d?, name)))
        .collect();
    days.sort();
    days
}

/// True when `date` is a Finnish public holiday.
pub fn is_finnish_holiday(date: NaiveDate) -> bool {
    holiday_name(date).is_some()
}

/// The English name of the Finnish public holiday on `date`, if it is one.
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    finnish_holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_the_published_table() {
        for (y, m, day) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)), "Easter {y}");
        }
    }

    #[test]
    fn holidays_of_any_year_never_panic() {
        for y in [
            -262_144,
            -993,
            -1,
            0,
            1,
            1999,
            2101,
            99_999,
            262_143,
            i32::MIN,
            i32::MAX,
        ] {
            let h = finnish_holidays(y);
            assert!(h.len() <= 15);
        }
        assert_eq!(finnish_holidays(-993).len(), 15);
        assert_eq!(finnish_holidays(0).len(), 15);
    }

    #[test]
    fn movable_finnish_holidays_of_2026() {
        let h: Vec<NaiveDate> = finnish_holidays(2026).into_iter().map(|(d, _)| d).collect();
        for date in [
            d(2026, 4, 3),   // Good Friday
            d(2026, 4, 6),   // Easter Monday
            d(2026, 5, 14),  // Ascension Day
            d(2026, 5, 24),  // Whit Sunday
            d(2026, 6, 19),  // Midsummer Eve
            d(2026, 6, 20),  // Midsummer Day
            d(2026, 10, 31), // All Saints' Day
            d(2026, 12, 6),  // Independence Day
        ] {
            assert!(h.contains(&date), "{date} should be a holiday");
        }
        assert_eq!(h.len(), 15);
        assert!(!is_finnish_holiday(d(2026, 12, 7)));
    }

    #[test]
    fn all_saints_day_moves_into_november() {
        assert!(is_finnish_holiday(d(2025, 11, 1)));
        assert!(is_finnish_holiday(d(2027, 11, 6)));
    }

    #[test]
    fn iso_weeks_start_on_monday_and_w53_exists_only_in_long_years() {
        let w = IsoWeek::new(2026, 49).unwrap();
        assert_eq!(w.monday(), d(2026, 11, 30));
        assert_eq!(w.date(6), d(2026, 12, 6));
        assert_eq!(w.day_of(d(2026, 12, 2)), Some(2));
        assert_eq!(w.day_of(d(2026, 12, 7)), None);
        assert_eq!(IsoWeek::new(2026, 1).unwrap().monday(), d(2025, 12, 29));
        assert!(IsoWeek::new(2026, 53).is_some());
        assert!(IsoWeek::new(2025, 53).is_none());
        assert_eq!(w.to_string(), "2026-W49");
    }
}
