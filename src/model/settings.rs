//! The week's rules from `plan.toml`, with the SPEC's defaults.

use super::calendar::IsoWeek;
use super::time::{DAY_MINUTES, Interval};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A daily pay window such as `18:00-21:00`; `start > end` means it runs across midnight
/// (`21:00-06:00` is 21:00–24:00 plus 00:00–06:00 of the same calendar day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayWindow {
    pub start: u32,
    pub end: u32,
}

impl PayWindow {
    /// Minutes of `span` that fall inside the window on one calendar day.
    pub fn minutes_within(&self, span: &Interval) -> u32 {
        if self.start < self.end {
            span.overlap_minutes(&Interval::new(self.start, self.end))
        } else {
            span.overlap_minutes(&Interval::new(0, self.end))
                + span.overlap_minutes(&Interval::new(self.start, DAY_MINUTES))
        }
    }
}

/// The pay codes of the SPEC, each counted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PayCode {
    Reg,
    Eve,
    Night,
    Sat,
    Sun,
    Ot,
}

impl PayCode {
    pub const ALL: [PayCode; 6] = [
        PayCode::Reg,
        PayCode::Eve,
        PayCode::Night,
        PayCode::Sat,
        PayCode::Sun,
        PayCode::Ot,
    ];

    /// The code's name in the SPEC (and the default code written to payroll.csv).
    pub fn as_str(&self) -> &'static str {
        match self {
            PayCode::Reg => "REG",
            PayCode::Eve => "EVE",
            PayCode::Night => "NIGHT",
            PayCode::Sat => "SAT",
            PayCode::Sun => "SUN",
            PayCode::Ot => "OT",
        }
    }

    pub fn parse(s: &str) -> Option<PayCode> {
        PayCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A payroll system whose import file caseload also writes (`[payroll] preset`), beside
/// payroll.csv, from the same hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayrollPreset {
    /// Visma Fivaldi: `payroll_fivaldi.csv`.
    Fivaldi,
    /// Procountor: `payroll_procountor.csv`.
    Procountor,
}

impl PayrollPreset {
    pub const ALL: [PayrollPreset; 2] = [PayrollPreset::Fivaldi, PayrollPreset::Procountor];

    /// The value of `[payroll] preset`.
    pub fn as_str(&self) -> &'static str {
        match self {
            PayrollPreset::Fivaldi => "fivaldi",
            PayrollPreset::Procountor => "procountor",
        }
    }

    /// The preset named `s` (case and surrounding spaces aside).
    pub fn parse(s: &str) -> Option<PayrollPreset> {
        let s = s.trim();
        PayrollPreset::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
    }

    /// Whether a worker's `payroll_id` must be digits only (Procountor's person number).
    pub fn numeric_id(&self) -> bool {
        matches!(self, PayrollPreset::Procountor)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PayrollSettings {
    pub evening: PayWindow,
    pub night: PayWindow,
    pub saturday: PayWindow,
    /// A chrono `strftime` format for the date column.
    pub date_format: String,
    /// Renamed codes for the payroll system; a code not listed keeps its SPEC name.
    pub codes: BTreeMap<PayCode, String>,
    /// The payroll system whose import file is written too; `None`: payroll.csv only.
    pub preset: Option<PayrollPreset>,
}

impl PayrollSettings {
    pub fn code_name(&self, code: PayCode) -> &str {
        self.codes
            .get(&code)
            .map(String::as_str)
            .unwrap_or(code.as_str())
    }
}

impl Default for PayrollSettings {
    fn default() -> Self {
        PayrollSettings {
            evening: PayWindow {
                start: 18 * 60,
                end: 21 * 60,
            },
            night: PayWindow {
                start: 21 * 60,
                end: 6 * 60,
            },
            saturday: PayWindow {
                start: 6 * 60,
                end: 20 * 60,
            },
            date_format: "%Y-%m-%d".to_string(),
            codes: BTreeMap::new(),
            preset: None,
        }
    }
}

/// Objective weights (`plan.toml [weights]`), in priority order. Each is the cost of one unit:
/// a meeting left unstaffed, an hour of shortfall, a missing visit, a missing joint visit, a
/// family whose own worker takes no part, a worker-family pair (few distinct workers), an hour
/// of travel, an hour of overtime, a client hour on a weekend or holiday; with a reference
/// roster, an activity of `replan`'s previous roster changed after the moment, and a visit of
/// `--previous`'s last week not at its weekday, hour and worker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub uncovered_meeting: f64,
    pub shortfall_hour: f64,
    pub missing_visit: f64,
    pub missing_joint_visit: f64,
    pub primary_absent: f64,
    pub worker_per_family: f64,
    pub travel_hour: f64,
    pub overtime_hour: f64,
    pub weekend_hour: f64,
    /// Each remote hour: remote work is a ceiling (the cap), not a quota — a visit is the
    /// default, a remote session is planned where it saves more than it costs.
    pub remote_hour: f64,
    /// `replan`: each activity of the previous roster after the moment that is moved,
    /// re-timed, reassigned or removed.
    pub change: f64,
    /// `plan --previous`: each visit of last week with no visit of the family this week on the
    /// same weekday, in the same hour, by the same worker.
    pub rhythm: f64,
    /// Each remote hour above a family's remote cap. A roster that obeys the rules has none;
    /// a re-plan whose past holds remote sessions may need in-person hours after the moment to
    /// back them, which this weight makes the search find first.
    pub remote_over_cap_hour: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            uncovered_meeting: 1000.0,
            shortfall_hour: 100.0,
            missing_visit: 20.0,
            missing_joint_visit: 30.0,
            primary_absent: 10.0,
            worker_per_family: 2.0,
            travel_hour: 1.0,
            overtime_hour: 3.0,
            weekend_hour: 0.5,
            remote_hour: 1.0,
            change: 20.0,
            rhythm: 5.0,
            remote_over_cap_hour: 1000.0,
        }
    }
}

/// Everything `plan.toml` sets. Defaults are the SPEC's.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub week: IsoWeek,
    /// The team the plan is of (`team = "..."`, optional): `month` adds up only weeks of one
    /// team.
    pub team: Option<String>,
    pub remote_max_share: f64,
    pub max_daily_hours: f64,
    pub min_rest_hours: f64,
    /// A day with more hours of activity than this holds a break (0 = no breaks required).
    pub break_after_hours: f64,
    /// The shortest break, minutes.
    pub break_minutes: u32,
    /// Extra holidays on top of the built-in Finnish public holidays.
    pub holidays: Vec<NaiveDate>,
    pub supported_per_worker: u32,
    pub meetings_count_as_effort: bool,
    /// May a family have a remote session on a day it has an in-person visit (rule 7)? With
    /// `false` (the default) never; with `true`, never overlapping a visit of that family and at
    /// least 60 minutes from each.
    pub remote_on_visit_days: bool,
    /// Nobody works on a public holiday (built in or in `holidays`) except inside an `extra`
    /// row of that date (rule 1). `false`: the weekly patterns hold on holidays too.
    pub holidays_off: bool,
    pub road_factor: f64,
    pub speed_kmh: f64,
    pub time_limit_seconds: f64,
    pub mip_gap: f64,
    pub payroll: PayrollSettings,
    /// Write outputs with `;`, decimal comma and a BOM (`[output] finnish_csv = true`).
    pub finnish_csv: bool,
    /// Also write `roster.xlsx` (`[output] xlsx = true`, or `--xlsx`).
    pub xlsx: bool,
    pub weights: Weights,
}

impl Settings {
    /// The SPEC's defaults for `week`.
    pub fn defaults(week: IsoWeek) -> Settings {
        Settings {
            week,
            team: None,
            remote_max_share: 0.20,
            max_daily_hours: 10.0,
            min_rest_hours: 11.0,
            break_after_hours: 6.0,
            break_minutes: 30,
            holidays: Vec::new(),
            supported_per_worker: 3,
            meetings_count_as_effort: false,
            remote_on_visit_days: false,
            holidays_off: true,
            road_factor: 1.3,
            speed_kmh: 40.0,
            time_limit_seconds: 30.0,
            mip_gap: 0.01,
            payroll: PayrollSettings::default(),
            finnish_csv: false,
            xlsx: false,
            weights: Weights::default(),
        }
    }

    /// `max_daily_hours` in whole minutes (rounded down: never plan more than allowed).
    pub fn max_daily_minutes(&self) -> u32 {
        (self.max_daily_hours * 60.0 + 1e-6).floor() as u32
    }

    /// `break_after_hours` in whole minutes (rounded down: a day of exactly this much needs no
    /// break, a minute more does); `None` when breaks are off.
    pub fn break_after_minutes(&self) -> Option<u32> {
        (self.break_after_hours > 0.0)
            .then(|| (self.break_after_hours * 60.0 + 1e-6).floor() as u32)
    }

    /// `min_rest_hours` in whole minutes (rounded up).
    pub fn min_rest_minutes(&self) -> u32 {
        (self.min_rest_hours * 60.0 - 1e-6).ceil().max(0.0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn night_window_runs_across_midnight_within_one_day() {
        let night = PayrollSettings::default().night;
        assert_eq!(night.minutes_within(&Interval::new(20 * 60, 22 * 60)), 60);
        assert_eq!(night.minutes_within(&Interval::new(5 * 60, 7 * 60)), 60);
        assert_eq!(night.minutes_within(&Interval::new(8 * 60, 16 * 60)), 0);
    }

    #[test]
    fn renamed_codes_fall_back_to_spec_names() {
        let mut p = PayrollSettings::default();
        p.codes.insert(PayCode::Reg, "1001".into());
        assert_eq!(p.code_name(PayCode::Reg), "1001");
        assert_eq!(p.code_name(PayCode::Ot), "OT");
        assert_eq!(PayCode::parse("NIGHT"), Some(PayCode::Night));
    }

    #[test]
    fn presets_are_named_without_regard_to_case() {
        assert_eq!(
            PayrollPreset::parse(" Fivaldi "),
            Some(PayrollPreset::Fivaldi)
        );
        assert_eq!(
            PayrollPreset::parse("procountor"),
            Some(PayrollPreset::Procountor)
        );
        assert_eq!(PayrollPreset::parse("netvisor"), None);
    }
}
