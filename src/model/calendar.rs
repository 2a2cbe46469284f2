//! The planned ISO week and Finnish public holidays.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

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
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

/// The first Saturday on or after month/day of `year`.
fn saturday_from(year: i32, month: u32, day: u32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, month, day).expect("fixed date is valid");
    while d.weekday() != Weekday::Sat {
        d += Duration::days(1);
    }
    d
}

/// The Finnish public holidays of `year`, with their English names, as the SPEC lists them
/// (Midsummer Eve and Christmas Eve included: they are days off under the collective agreement).
pub fn finnish_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holiday is a valid date");
    let easter = easter_sunday(year);
    let midsummer_day = saturday_from(year, 6, 20);
    let mut days = vec![
        (ymd(1, 1), "New Year's Day"),
        (ymd(1, 6), "Epiphany"),
        (easter - Duration::days(2), "Good Friday"),
        (easter, "Easter Sunday"),
        (easter + Duration::days(1), "Easter Monday"),
        (ymd(5, 1), "May Day"),
        (easter + Duration::days(39), "Ascension Day"),
        (easter + Duration::days(49), "Whit Sunday"),
        (midsummer_day - Duration::days(1), "Midsummer Eve"),
        (midsummer_day, "Midsummer Day"),
        (saturday_from(year, 10, 31), "All Saints' Day"),
        (ymd(12, 6), "Independence Day"),
        (ymd(12, 24), "Christmas Eve"),
        (ymd(12, 25), "Christmas Day"),
        (ymd(12, 26), "Boxing Day"),
    ];
    days.sort();
    days
}

/// True when `date` is a Finnish public holiday.
pub fn is_finnish_holiday(date: NaiveDate) -> bool {
    finnish_holidays(date.year())
        .iter()
        .any(|(d, _)| *d == date)
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
            assert_eq!(easter_sunday(y), d(y, m, day), "Easter {y}");
        }
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
