//! Pure domain types of a week's plan: no I/O, no serde, no parsing of files.
//!
//! A [`Problem`] is everything one week's planning needs, with references resolved to indices.
//! Derived data that every consumer needs (a worker's windows per day, the travel matrix,
//! which days are holidays) is computed once by [`Problem::rebuild_derived`].

pub mod calendar;
pub mod entities;
pub mod limits;
pub mod pattern;
pub mod pins;
pub mod roster;
pub mod scenario;
pub mod settings;
pub mod table;
pub mod time;
pub mod travel;
pub mod week;

pub use calendar::IsoWeek;
pub use entities::*;
pub use pattern::{PatternRule, WeeklyPattern};
pub use pins::{
    Appointment, AppointmentStatus, Lock, Moment, Past, Pins, Reference, ReferenceKind, Verbatim,
};
pub use roster::{
    Activity, ActivityKind, Roster, SolveInfo, Source, Status, activity_minutes, activity_windows,
};
pub use scenario::{Absence, Copies, HoursChange, Scenario};
pub use settings::{PayCode, PayWindow, PayrollPreset, PayrollSettings, Settings, Weights};
pub use time::{Interval, Windows};
pub use travel::{RoadEdge, TravelMatrix};
pub use week::{Plan, Week};

/// One week's planning problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub settings: Settings,
    pub workers: Vec<Worker>,
    pub families: Vec<Family>,
    pub locations: Vec<Location>,
    pub rooms: Vec<Room>,
    pub meetings: Vec<Meeting>,
    pub exceptions: Vec<AvailabilityException>,
    pub history: Vec<HistoryWeek>,
    /// The road network of `travel.csv`, if given.
    pub road_edges: Option<Vec<RoadEdge>>,
    /// Derived: travel minutes between locations.
    pub travel: TravelMatrix,
    /// Derived: each worker's working windows per day (pattern + extra − absent).
    pub worker_windows: Vec<[Windows; 7]>,
    /// Derived: which days of the week are public holidays (built-in or the plan's).
    pub holidays: [bool; 7],
    /// Columns of the input that were read past (for the summary); set by the reader.
    pub ignored: Ignored,
    /// Contacts agreed with families (`appointments.csv`), in file order.
    pub appointments: Vec<Appointment>,
    /// `appointments.csv` as the user wrote it (for the output that repeats it).
    pub appointments_input: Option<Verbatim>,
}

impl Problem {
    /// A problem from its parts, with derived data computed.
    pub fn new(settings: Settings, parts: Parts) -> Problem {
        let mut p = Problem {
            settings,
            workers: parts.workers,
            families: parts.families,
            locations: parts.locations,
            rooms: parts.rooms,
            meetings: parts.meetings,
            exceptions: parts.exceptions,
            history: parts.history,
            road_edges: parts.road_edges,
            travel: TravelMatrix::from_coordinates(&[], 1.0, 1.0),
            worker_windows: Vec::new(),
            holidays: [false; 7],
            ignored: Ignored::default(),
            appointments: Vec::new(),
            appointments_input: None,
        };
        p.rebuild_travel();
        p.rebuild_derived();
        p
    }

    /// Recomputes the travel matrix (after locations, the road network, travel settings, or the
    /// locations used by workers, families and rooms change).
    pub fn rebuild_travel(&mut self) {
        self.travel = match &self.road_edges {
            Some(edges) => {
                // Paths are tabulated between the locations the plan uses only.
                let used: Vec<usize> = self
                    .workers
                    .iter()
                    .map(|w| w.base)
                    .chain(self.families.iter().map(|f| f.location))
                    .chain(self.rooms.iter().map(|r| r.location))
                    .collect();
                TravelMatrix::from_road_edges(self.locations.len(), edges, &used)
            }
            None => {
                let coords: Vec<(f64, f64)> =
                    self.locations.iter().map(|l| (l.lat, l.lon)).collect();
                TravelMatrix::from_coordinates(
                    &coords,
                    self.settings.road_factor,
                    self.settings.speed_kmh,
                )
            }
        };
    }

    /// Recomputes worker windows and holiday flags (after workers, exceptions or the week change).
    pub fn rebuild_derived(&mut self) {
        let week = self.settings.week;
        self.holidays = std::array::from_fn(|d| {
            let date = week.date(d);
            calendar::is_finnish_holiday(date) || self.settings.holidays.contains(&date)
        });
        // Rule 1: on a public holiday the weekly pattern does not apply while `holidays_off`;
        // only `extra` rows of that date are windows.
        let off = self.settings.holidays_off;
        let holidays = self.holidays;
        self.worker_windows = self
            .workers
            .iter()
            .map(|w| {
                std::array::from_fn(|d| {
                    if off && holidays[d] {
                        Windows::empty()
                    } else {
                        w.available.windows_on(d)
                    }
                })
            })
            .collect();
        for x in exceptions_in_order(&self.exceptions) {
            if let Some(days) = self.worker_windows.get_mut(x.worker) {
                x.apply(&mut days[x.day]);
            }
        }
    }

    /// The public holidays of the week, in day order, with their names and the worker-hours
    /// each takes from the weekly patterns (none with `holidays_off = false`).
    pub fn holidays_of_week(&self) -> Vec<HolidayOff> {
        (0..7)
            .filter(|&d| self.holidays[d])
            .map(|d| {
                let date = self.settings.week.date(d);
                HolidayOff {
                    day: d,
                    date,
                    name: calendar::holiday_name(date).unwrap_or("a holiday of plan.toml"),
                    hours_removed: self.holiday_hours_removed(d),
                }
            })
            .collect()
    }

    /// Worker-hours the weekly patterns would give on day `d` that a public holiday takes away
    /// (rule 1 with `holidays_off`; `extra` rows give some back, which this does not count).
    pub fn holiday_hours_removed(&self, d: usize) -> f64 {
        if !(self.settings.holidays_off && self.holidays[d]) {
            return 0.0;
        }
        // A fold, not `sum`: the sum of no f64 is -0.0, which a report would print.
        self.workers
            .iter()
            .map(|w| f64::from(w.available.windows_on(d).minutes()) / 60.0)
            .fold(0.0, |a, b| a + b)
    }

    /// The windows worker `w` would have on day `d` if it were no holiday: the pattern plus
    /// every `extra`, minus every absence (what a holiday takes away is the difference).
    pub fn windows_without_holiday(&self, w: usize, d: usize) -> Windows {
        let mut win = self.workers[w].available.windows_on(d);
        for x in exceptions_in_order(&self.exceptions).filter(|x| x.worker == w && x.day == d) {
            x.apply(&mut win);
        }
        win
    }

    /// True when `worker` may do client work for `family` (skills and exclusions).
    pub fn can_serve(&self, worker: usize, family: usize) -> bool {
        let f = &self.families[family];
        !f.excluded_workers.contains(&worker) && self.workers[worker].has_skills(&f.required_skills)
    }

    /// True when `worker` may staff `meeting` (the meeting's skills, the family's exclusions).
    pub fn can_staff(&self, worker: usize, meeting: usize) -> bool {
        let m = &self.meetings[meeting];
        !self.families[m.family].excluded_workers.contains(&worker)
            && self.workers[worker].has_skills(&m.required_skills)
    }

    /// The remote cap that applies to `family`.
    pub fn remote_cap(&self, family: usize) -> f64 {
        self.families[family]
            .remote_max_share
            .unwrap_or(self.settings.remote_max_share)
    }

    /// In-person and remote hours of the three weeks before the planned week (the rolling
    /// four-week remote cap counts them together with this week).
    pub fn history_hours(&self, family: usize) -> Hours {
        let monday = self.settings.week.monday();
        self.history
            .iter()
            .filter(|h| h.family == family)
            .filter(|h| {
                let days = (monday - h.week.monday()).num_days();
                days > 0 && days <= 21
            })
            .fold(Hours::default(), |sum, h| Hours {
                in_person: sum.in_person + h.in_person_hours,
                remote: sum.remote + h.remote_hours,
            })
    }

    /// Total agreed weekly hours over all families.
    pub fn demand_hours(&self) -> f64 {
        self.families.iter().map(|f| f.weekly_hours).sum()
    }
}

/// A family's hours: in person and remote.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Hours {
    pub in_person: f64,
    pub remote: f64,
}

/// The SPEC's "pattern plus every extra, minus every absent", whatever the order of the rows:
/// every extra first, then every absence, so an extra row after a whole-day absence never
/// brings a sick worker back.
fn exceptions_in_order(
    exceptions: &[AvailabilityException],
) -> impl Iterator<Item = &AvailabilityException> {
    [ExceptionKind::Extra, ExceptionKind::Absent]
        .into_iter()
        .flat_map(move |kind| exceptions.iter().filter(move |x| x.kind == kind))
}

impl AvailabilityException {
    /// The exception applied to the worker's windows of its day.
    fn apply(&self, win: &mut Windows) {
        match (self.kind, self.span) {
            (ExceptionKind::Absent, None) => *win = Windows::empty(),
            (ExceptionKind::Absent, Some(s)) => win.subtract(&s),
            (ExceptionKind::Extra, Some(s)) => win.add(s),
            (ExceptionKind::Extra, None) => {}
        }
    }
}

/// A public holiday of the planned week (rule 1).
#[derive(Debug, Clone, PartialEq)]
pub struct HolidayOff {
    pub day: usize,
    pub date: chrono::NaiveDate,
    /// Its name (built in), or "a holiday of plan.toml".
    pub name: &'static str,
    /// Worker-hours of the weekly patterns it removes (0 with `holidays_off = false`).
    pub hours_removed: f64,
}

impl HolidayOff {
    /// "Thu 24.12.2026 Christmas Eve".
    pub fn words(&self) -> String {
        format!(
            "{} {} {}",
            crate::model::time::DAY_NAMES[self.day],
            self.date.format("%d.%m.%Y"),
            self.name
        )
    }
}

/// The entity lists a [`Problem`] is built from.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    pub workers: Vec<Worker>,
    pub families: Vec<Family>,
    pub locations: Vec<Location>,
    pub rooms: Vec<Room>,
    pub meetings: Vec<Meeting>,
    pub exceptions: Vec<AvailabilityException>,
    pub history: Vec<HistoryWeek>,
    pub road_edges: Option<Vec<RoadEdge>>,
}
