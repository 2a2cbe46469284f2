//! The starter plan folder of `caseload init`: `plan.toml` with every key at its default and a
//! comment, and the input tables — headers, one example row each, and what every column may
//! hold — as one workbook `plan.xlsx` (a sheet per table and a `notes` sheet) or, with `--csv`,
//! as CSV files with `notes.csv` beside them.
//!
//! The sheets below are the one place their headers, example rows and notes are written down;
//! the workbook and the CSV files are both rendered from them. The example rows together make a
//! week that plans as written (`caseload init d --csv && caseload plan d`).

use super::xlsx::{ColumnKind, WorkbookError, template_workbook};
use crate::model::table::{Cell, DataTable};
use crate::model::time::fmt_hm;
use crate::model::{IsoWeek, Settings};
use chrono::{Datelike, Days, NaiveDate};

/// One column of an input table, with what the notes say about it.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub kind: ColumnKind,
    pub meaning: &'static str,
    pub allowed: &'static str,
    /// What an empty cell means ("" when the column is required and never empty).
    pub default: &'static str,
}

/// One input table: its file, its columns and its example row.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The CSV file (the sheet is named like it, without `.csv`).
    pub file: &'static str,
    pub columns: Vec<Column>,
    /// One row per sheet, except `locations`, which needs the office and a home.
    pub examples: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn name(&self) -> &'static str {
        self.file.strip_suffix(".csv").unwrap_or(self.file)
    }

    pub fn headers(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.name).collect()
    }

    /// The sheet as a table: the header and the example rows.
    pub fn table(&self) -> DataTable {
        let mut t = DataTable::new(self.file, &self.headers());
        for row in &self.examples {
            t.push(row.clone());
        }
        t
    }

    pub fn kinds(&self) -> Vec<ColumnKind> {
        self.columns.iter().map(|c| c.kind).collect()
    }
}

fn column(
    name: &'static str,
    required: bool,
    kind: ColumnKind,
    meaning: &'static str,
    allowed: &'static str,
    default: &'static str,
) -> Column {
    Column {
        name,
        required,
        kind,
        meaning,
        allowed,
        default,
    }
}

use ColumnKind::{Date, Number, Text, Time};

const PATTERN: &str = "a weekly pattern: rules joined by |, each DAYS HH:MM-HH:MM, where DAYS is a day (Mon..Sun, or in Finnish ma..su), a range (Mon-Fri, ma-pe) or a list (Mon,Wed,Fri); e.g. Mon-Fri 08:00-16:00|Sat 10:00-14:00, or ma-pe 8-16|la 10-14";
const ID: &str = "unique in this sheet, e.g. W01; not starting with = + - @, no line breaks or invisible characters";

fn text(s: &str) -> Cell {
    Cell::text(s)
}

fn empty() -> Cell {
    Cell::text("")
}

/// The example plan's input tables for `week`, in the order of the SPEC.
pub fn sheets(week: IsoWeek) -> Vec<Sheet> {
    let wednesday = week.date(2);
    let friday = week.date(4);
    let last_week = week
        .monday()
        .checked_sub_days(Days::new(7))
        .map(|d| {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        })
        .unwrap_or_default();
    vec![
        Sheet {
            file: "workers.csv",
            columns: vec![
                column(
                    "id",
                    true,
                    Text,
                    "the worker's id, used in the other sheets",
                    ID,
                    "",
                ),
                column(
                    "name",
                    true,
                    Text,
                    "the worker's name as the team uses it (a first name and an initial is enough)",
                    "any text",
                    "",
                ),
                column(
                    "skills",
                    false,
                    Text,
                    "what the worker is qualified for; families and meetings may require skills",
                    "a list joined by |, e.g. supervision|swedish",
                    "no skills",
                ),
                column(
                    "contract_hours",
                    true,
                    Number,
                    "weekly contract hours; hours above them are overtime",
                    "0 to 80, e.g. 38.25 (or 38,25 h)",
                    "",
                ),
                column(
                    "capacity_hours",
                    false,
                    Number,
                    "most hours of planned activity this week (client work, meetings, travel)",
                    "0 to 100",
                    "contract_hours",
                ),
                column(
                    "available",
                    true,
                    Text,
                    "when the worker works in a normal week; absences and extra hours go to the availability sheet",
                    PATTERN,
                    "empty: not available this week",
                ),
                column(
                    "base",
                    true,
                    Text,
                    "where the working day starts and ends (the office)",
                    "an id of the locations sheet",
                    "",
                ),
                column(
                    "hourly_wage",
                    false,
                    Number,
                    "euros an hour, for cost figures",
                    "a number",
                    "no cost figures",
                ),
                column(
                    "payroll_id",
                    false,
                    Text,
                    "the worker's number in the payroll system, written instead of the id in the import file of [payroll] preset",
                    "an id, unique; digits only for procountor; never a personal identity code",
                    "none (needed by every worker when plan.toml sets a preset)",
                ),
            ],
            examples: vec![vec![
                text("W01"),
                text("Aino K."),
                text("supervision|swedish"),
                Cell::Number(38.25),
                empty(),
                text("Mon-Fri 08:00-16:00"),
                text("U1"),
                Cell::Number(24.5),
                text("1001"),
            ]],
        },
        Sheet {
            file: "families.csv",
            columns: vec![
                column(
                    "id",
                    true,
                    Text,
                    "the family's case code (no names: none are needed)",
                    ID,
                    "",
                ),
                column(
                    "service",
                    true,
                    Text,
                    "the service the family receives",
                    "any label, e.g. family_rehab_home, intensive_family_work",
                    "",
                ),
                column(
                    "weekly_hours",
                    true,
                    Number,
                    "worker-hours agreed for this week, in person and remote (a joint visit counts each worker's hours)",
                    "0 to 100",
                    "",
                ),
                column(
                    "location",
                    true,
                    Text,
                    "the family's home (or the unit)",
                    "an id of the locations sheet",
                    "",
                ),
                column(
                    "available",
                    false,
                    Text,
                    "when visits and calls can happen",
                    PATTERN,
                    "any time a worker works",
                ),
                column(
                    "min_visits",
                    false,
                    Number,
                    "in-person visits this week at least (joint visits included)",
                    "a whole number 0 to 50",
                    "1",
                ),
                column(
                    "max_visits",
                    false,
                    Number,
                    "in-person visits this week at most",
                    "a whole number 0 to 50, at least min_visits",
                    "5",
                ),
                column(
                    "visit_minutes",
                    false,
                    Text,
                    "how long an in-person visit lasts",
                    "MIN-MAX minutes, e.g. 60-180",
                    "60-180",
                ),
                column(
                    "remote_minutes",
                    false,
                    Text,
                    "how long a phone or video session lasts",
                    "MIN-MAX minutes, e.g. 15-60",
                    "15-60",
                ),
                column(
                    "remote_max_share",
                    false,
                    Number,
                    "most remote hours as a share of the family's hours",
                    "0 to 1, or a percentage such as 20 %; 0 = no remote sessions",
                    "remote_max_share of plan.toml (0.2)",
                ),
                column(
                    "joint_visits",
                    false,
                    Number,
                    "visits this week that need two workers at once",
                    "a whole number 0 to 50",
                    "0",
                ),
                column(
                    "max_visits_per_day",
                    false,
                    Number,
                    "in-person visits on one day (a joint visit is one; visits at least 60 minutes apart)",
                    "a whole number 1 to 10",
                    "1",
                ),
                column(
                    "primary_worker",
                    false,
                    Text,
                    "the family's own worker, who should take part every week",
                    "an id of the workers sheet",
                    "none",
                ),
                column(
                    "required_skills",
                    false,
                    Text,
                    "every worker who works with the family has all of them",
                    "a list of skills joined by |",
                    "none",
                ),
                column(
                    "excluded_workers",
                    false,
                    Text,
                    "workers who must never work with the family",
                    "a list of worker ids joined by |",
                    "none",
                ),
                column(
                    "children",
                    false,
                    Text,
                    "the children's case codes, for the month's report per child (caseload month)",
                    "a list of case codes joined by |",
                    "one row under the family's id",
                ),
                column(
                    "commitment",
                    false,
                    Text,
                    "the payment commitment (maksusitoumus) the hours are invoiced under (caseload month)",
                    "a commitment number",
                    "the family's id",
                ),
            ],
            examples: vec![vec![
                text("F001"),
                text("family_rehab_home"),
                Cell::Number(6.0),
                text("L001"),
                text("Mon-Fri 09:00-18:00"),
                Cell::Count(1),
                Cell::Count(3),
                text("60-180"),
                text("15-60"),
                empty(),
                Cell::Count(0),
                Cell::Count(1),
                text("W01"),
                empty(),
                empty(),
                text("F001-A|F001-B"),
                text("MS-2026-001"),
            ]],
        },
        Sheet {
            file: "locations.csv",
            columns: vec![
                column(
                    "id",
                    true,
                    Text,
                    "the place's id, used in the other sheets",
                    ID,
                    "",
                ),
                column(
                    "name",
                    true,
                    Text,
                    "what the team calls the place",
                    "any text",
                    "",
                ),
                column(
                    "lat",
                    true,
                    Number,
                    "latitude, WGS84 degrees (as a map service shows it)",
                    "a number from -90 to 90, e.g. 66.503",
                    "",
                ),
                column(
                    "lon",
                    true,
                    Number,
                    "longitude, WGS84 degrees",
                    "a number from -180 to 180, e.g. 25.729",
                    "",
                ),
            ],
            examples: vec![
                vec![
                    text("U1"),
                    text("Office, Rovaniemi"),
                    Cell::Number(66.503),
                    Cell::Number(25.729),
                ],
                vec![
                    text("L001"),
                    text("Ounasrinne (home of F001)"),
                    Cell::Number(66.50324),
                    Cell::Number(25.75155),
                ],
            ],
        },
        Sheet {
            file: "meetings.csv",
            columns: vec![
                column("id", true, Text, "the meeting's id", ID, ""),
                column(
                    "family_id",
                    true,
                    Text,
                    "the family the meeting belongs to",
                    "an id of the families sheet",
                    "",
                ),
                column(
                    "kind",
                    true,
                    Text,
                    "supervised (valvottu tapaaminen), supported (tuettu tapaaminen: one worker may look after several at once) or exchange (valvottu vaihto)",
                    "supervised, supported or exchange",
                    "",
                ),
                column(
                    "date",
                    true,
                    Date,
                    "the day of the meeting",
                    "a date of the planned week, YYYY-MM-DD or D.M.YYYY",
                    "",
                ),
                column("start", true, Time, "when the meeting starts", "HH:MM", ""),
                column(
                    "end",
                    true,
                    Time,
                    "when the meeting ends",
                    "HH:MM, after start",
                    "",
                ),
                column(
                    "room",
                    false,
                    Text,
                    "the room the meeting needs",
                    "an id of the rooms sheet",
                    "any free room",
                ),
                column(
                    "staff",
                    false,
                    Number,
                    "workers needed for the whole meeting",
                    "a whole number 1 to 10",
                    "1",
                ),
                column(
                    "required_skills",
                    false,
                    Text,
                    "skills every worker of the meeting has",
                    "a list joined by |",
                    "none",
                ),
            ],
            examples: vec![vec![
                text("M001"),
                text("F001"),
                text("supervised"),
                Cell::date(wednesday),
                Cell::time(14 * 60),
                Cell::time(15 * 60 + 30),
                text("R1"),
                Cell::Count(1),
                text("supervision"),
            ]],
        },
        Sheet {
            file: "rooms.csv",
            columns: vec![
                column("id", true, Text, "the room's id", ID, ""),
                column(
                    "name",
                    true,
                    Text,
                    "what the team calls the room",
                    "any text",
                    "",
                ),
                column(
                    "location",
                    true,
                    Text,
                    "where the room is",
                    "an id of the locations sheet",
                    "",
                ),
                column(
                    "available",
                    false,
                    Text,
                    "when the room can be used",
                    PATTERN,
                    "always",
                ),
            ],
            examples: vec![vec![
                text("R1"),
                text("Meeting room 1"),
                text("U1"),
                text("Mon-Fri 08:00-20:00|Sat 09:00-17:00"),
            ]],
        },
        Sheet {
            file: "availability.csv",
            columns: vec![
                column(
                    "worker_id",
                    true,
                    Text,
                    "whose hours change",
                    "an id of the workers sheet",
                    "",
                ),
                column(
                    "date",
                    true,
                    Date,
                    "the day (rows outside the planned week are ignored)",
                    "a date, YYYY-MM-DD or D.M.YYYY",
                    "",
                ),
                column(
                    "start",
                    false,
                    Time,
                    "from when",
                    "HH:MM",
                    "an absence without times is the whole day",
                ),
                column(
                    "end",
                    false,
                    Time,
                    "until when",
                    "HH:MM, after start",
                    "an absence without times is the whole day",
                ),
                column(
                    "kind",
                    true,
                    Text,
                    "absent takes the time away from the weekly pattern, extra adds it",
                    "absent or extra (extra needs start and end)",
                    "",
                ),
            ],
            examples: vec![vec![
                text("W01"),
                Cell::date(friday),
                Cell::time(12 * 60),
                Cell::time(16 * 60),
                text("absent"),
            ]],
        },
        Sheet {
            file: "travel.csv",
            columns: vec![
                column(
                    "from",
                    true,
                    Text,
                    "one end of a road between two places (both ways)",
                    "an id of the locations sheet",
                    "",
                ),
                column(
                    "to",
                    true,
                    Text,
                    "the other end",
                    "an id of the locations sheet",
                    "",
                ),
                column(
                    "minutes",
                    true,
                    Number,
                    "driving minutes along that road; travel times are the shortest paths over these roads, so every used place must be connected",
                    "0 to 1440",
                    "",
                ),
            ],
            examples: vec![vec![text("U1"), text("L001"), Cell::Count(12)]],
        },
        Sheet {
            file: "history.csv",
            columns: vec![
                column(
                    "family_id",
                    true,
                    Text,
                    "the family",
                    "an id of the families sheet",
                    "",
                ),
                column(
                    "week",
                    true,
                    Text,
                    "an earlier ISO week; with history, the remote cap holds over the four weeks ending with the planned one",
                    "YYYY-Www, e.g. 2026-W48",
                    "",
                ),
                column(
                    "in_person_hours",
                    true,
                    Number,
                    "hours delivered in person that week",
                    "0 or more",
                    "",
                ),
                column(
                    "remote_hours",
                    true,
                    Number,
                    "hours delivered remotely that week",
                    "0 or more",
                    "",
                ),
            ],
            examples: vec![vec![
                text("F001"),
                Cell::Text(last_week),
                Cell::Number(5.5),
                Cell::Number(0.5),
            ]],
        },
    ]
}

/// What is true of every sheet, for the top of the notes.
const GENERAL: [(&str, &str); 7] = [
    (
        "rows",
        "one row per worker, family, place, meeting, room, absence, road or earlier week; the first row holds the column names, their order is free",
    ),
    (
        "optional sheets",
        "meetings, rooms, availability, travel and history may be left with the header row only; rooms are needed when there are meetings; without travel rows, travel time is the straight-line distance times road_factor at speed_kmh (plan.toml)",
    ),
    (
        "example rows",
        "each sheet holds one example row (locations two: the office and a home); replace them with the team's own",
    ),
    ("lists", "items joined by |, e.g. supervision|swedish"),
    ("weekly patterns", PATTERN),
    (
        "dates and times",
        "dates YYYY-MM-DD (or D.M.YYYY), times HH:MM, 24-hour, local time",
    ),
    (
        "numbers",
        "decimal hours, e.g. 7.5 for seven and a half hours",
    ),
];

/// The notes: what is true of every sheet, then every column of every sheet.
pub fn notes(sheets: &[Sheet]) -> DataTable {
    let mut t = DataTable::new(
        "notes.csv",
        &[
            "sheet",
            "column",
            "required",
            "meaning",
            "allowed values",
            "when empty",
        ],
    );
    for (what, says) in GENERAL {
        t.push(vec![
            text("every sheet"),
            text(what),
            empty(),
            text(says),
            empty(),
            empty(),
        ]);
    }
    for s in sheets {
        for c in &s.columns {
            t.push(vec![
                text(s.name()),
                text(c.name),
                text(if c.required { "yes" } else { "no" }),
                text(c.meaning),
                text(c.allowed),
                text(c.default),
            ]);
        }
    }
    t
}

/// plan.toml with every key at its default (from [`Settings::defaults`], so the text cannot
/// drift from the code) and a comment on what it means.
pub fn plan_toml(week: IsoWeek) -> String {
    let s = Settings::defaults(week);
    let w = &s.weights;
    let window = |p: crate::model::PayWindow| format!("\"{}-{}\"", fmt_hm(p.start), fmt_hm(p.end));
    let mut out = String::new();
    let mut line = |key_value: String, comment: &str| {
        if comment.is_empty() {
            out.push_str(&key_value);
        } else {
            out.push_str(&format!("{key_value:<34} # {comment}"));
        }
        out.push('\n');
    };
    let (mon, sun) = (week.date(0), week.date(6));
    line(
        "# plan.toml: the week and the rules of this plan folder. Every key has its default value;"
            .into(),
        "",
    );
    line(
        "# change a value to change a rule, or delete the line to keep the default. The tables are"
            .into(),
        "",
    );
    line(
        "# in plan.xlsx or the CSV files; their notes say what each column holds.".into(),
        "",
    );
    line(String::new(), "");
    line(
        format!("week = \"{week}\""),
        &format!(
            "ISO week to plan: Monday {} to Sunday {}",
            mon.format("%-d.%-m.%Y"),
            sun.format("%-d.%-m.%Y")
        ),
    );
    line(
        "# team = \"Perhetyö\"".into(),
        "optional: the team's name; caseload month adds up weeks of one team only",
    );
    line(
        format!("remote_max_share = {:?}", s.remote_max_share),
        "most remote hours as a share of a family's hours (families' own column overrides)",
    );
    line(
        format!("max_daily_hours = {:?}", s.max_daily_hours),
        "most hours of activity, travel included, per worker and day",
    );
    line(
        format!("min_rest_hours = {:?}", s.min_rest_hours),
        "rest between a worker's last activity of a day and the first of the next",
    );
    line(
        format!("break_after_hours = {:?}", s.break_after_hours),
        "a day with more hours of activity than this has a break; 0 = no breaks",
    );
    line(
        format!("break_minutes = {}", s.break_minutes),
        "the shortest break, minutes (Working Hours Act 24 §)",
    );
    line(
        "holidays = []".into(),
        "extra days off, e.g. [\"2026-12-24\"]; Finnish public holidays are built in",
    );
    line(
        format!("supported_per_worker = {}", s.supported_per_worker),
        "supported meetings one worker may look after at once",
    );
    line(
        format!("meetings_count_as_effort = {}", s.meetings_count_as_effort),
        "do meeting hours count towards a family's weekly_hours?",
    );
    line(
        format!("remote_on_visit_days = {}", s.remote_on_visit_days),
        "may a family have a remote session on a day it has a visit?",
    );
    line(
        format!("holidays_off = {}", s.holidays_off),
        "nobody works on a public holiday except inside an `extra` row of that date",
    );
    line(String::new(), "");
    line(
        "[travel]".into(),
        "used only without rows in the travel table",
    );
    line(
        format!("road_factor = {:?}", s.road_factor),
        "road distance / straight-line distance",
    );
    line(
        format!("speed_kmh = {:?}", s.speed_kmh),
        "average driving speed",
    );
    line(String::new(), "");
    line("[solver]".into(), "");
    line(
        format!("time_limit_seconds = {:?}", s.time_limit_seconds),
        "how long the optimizer may search (--time-limit overrides)",
    );
    line(
        format!("mip_gap = {:?}", s.mip_gap),
        "a plan proven within this share of the best possible is optimal",
    );
    line(String::new(), "");
    line(
        "[payroll]".into(),
        "windows of the collective agreement's supplements",
    );
    line(
        format!("evening = {}", window(s.payroll.evening)),
        "EVE hours, every day",
    );
    line(
        format!("night = {}", window(s.payroll.night)),
        "NIGHT hours, every day, across midnight",
    );
    line(
        format!("saturday = {}", window(s.payroll.saturday)),
        "SAT hours on a Saturday that is not a holiday",
    );
    line(
        format!("date_format = \"{}\"", s.payroll.date_format),
        "dates in payroll.csv, e.g. \"%d.%m.%Y\" for Visma-style imports",
    );
    line(
        "# preset = \"fivaldi\"".into(),
        "also write payroll_fivaldi.csv (or \"procountor\": payroll_procountor.csv); needs workers' payroll_id",
    );
    line(String::new(), "");
    line(
        "[payroll.codes]".into(),
        "the payroll system's own codes for REG EVE NIGHT SAT SUN OT",
    );
    line("# REG = \"1001\"".into(), "");
    line(String::new(), "");
    line("[output]".into(), "");
    line(
        format!("finnish_csv = {}", s.finnish_csv),
        "write ; and decimal commas for Finnish Excel (--finnish-csv)",
    );
    line(
        format!("xlsx = {}", s.xlsx),
        "also write roster.xlsx with a printable week per worker (--xlsx)",
    );
    line(String::new(), "");
    line(
        "[weights]".into(),
        "what the optimizer weighs: the cost of one of each",
    );
    line(
        format!("uncovered_meeting = {:?}", w.uncovered_meeting),
        "a meeting left unstaffed",
    );
    line(
        format!("shortfall_hour = {:?}", w.shortfall_hour),
        "an hour of a family's weekly_hours not delivered",
    );
    line(
        format!("missing_visit = {:?}", w.missing_visit),
        "a visit below a family's min_visits",
    );
    line(
        format!("missing_joint_visit = {:?}", w.missing_joint_visit),
        "a joint visit below a family's joint_visits",
    );
    line(
        format!("primary_absent = {:?}", w.primary_absent),
        "a family whose own worker takes no part",
    );
    line(
        format!("worker_per_family = {:?}", w.worker_per_family),
        "each worker a family meets (fewer faces is better)",
    );
    line(
        format!("travel_hour = {:?}", w.travel_hour),
        "an hour of travel",
    );
    line(
        format!("overtime_hour = {:?}", w.overtime_hour),
        "an hour of overtime",
    );
    line(
        format!("weekend_hour = {:?}", w.weekend_hour),
        "a client hour on a weekend or holiday",
    );
    line(
        format!("remote_hour = {:?}", w.remote_hour),
        "a remote hour: remote is a ceiling, not a quota",
    );
    line(
        format!("change = {:?}", w.change),
        "replan: an activity after the moment moved, re-timed, reassigned or removed",
    );
    line(
        format!("rhythm = {:?}", w.rhythm),
        "plan --previous: a visit of last week not at its weekday, hour and worker",
    );
    line(
        format!("remote_over_cap_hour = {:?}", w.remote_over_cap_hour),
        "a remote hour above the cap (replan: makes the search find in-person hours)",
    );
    out
}

/// The ISO week after the one `today` lies in: the week a team lead plans next.
pub fn next_week(today: NaiveDate) -> Option<IsoWeek> {
    let w = today.checked_add_days(Days::new(7))?.iso_week();
    IsoWeek::new(w.year(), w.week())
}

/// Numbers as the plan's CSV files write them: every digit the value has (a coordinate keeps
/// its precision), no trailing zeros.
fn exact(t: &DataTable) -> DataTable {
    let mut out = t.clone();
    for row in &mut out.rows {
        for c in row.iter_mut() {
            if let Cell::Number(x) = c {
                *c = Cell::Text(format!("{x}"));
            }
        }
    }
    out
}

/// The starter folder's files: plan.toml, and plan.xlsx or (with `csv`) a CSV file per table
/// and notes.csv.
pub fn files(week: IsoWeek, csv: bool) -> Result<Vec<(String, Vec<u8>)>, WorkbookError> {
    let sheets = sheets(week);
    let notes = notes(&sheets);
    let mut files = vec![("plan.toml".to_string(), plan_toml(week).into_bytes())];
    if csv {
        let style = super::output::CsvStyle::default();
        for s in &sheets {
            files.push((s.file.to_string(), style.render(&exact(&s.table()))));
        }
        files.push((notes.file.to_string(), style.render(&notes)));
    } else {
        let tables: Vec<(DataTable, Vec<ColumnKind>)> =
            sheets.iter().map(|s| (s.table(), s.kinds())).collect();
        files.push((
            "plan.xlsx".to_string(),
            template_workbook(week.monday(), &tables, &notes)?,
        ));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week() -> IsoWeek {
        IsoWeek::new(2026, 49).unwrap()
    }

    #[test]
    fn plan_toml_holds_every_default() {
        let text = plan_toml(week());
        let mut e = Vec::new();
        let s = super::super::plan_toml::parse_settings(&text, &mut e).unwrap();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(s, Settings::defaults(week()));
        let table: toml::Table = text.parse().unwrap();
        let count = |k: &str| table[k].as_table().map_or(0, |t| t.len());
        let scalars = table.values().filter(|v| !v.is_table()).count();
        assert_eq!(scalars, 11, "top-level keys");
        assert_eq!(
            ["travel", "solver", "payroll", "output", "weights"].map(count),
            [2, 2, 5, 2, 13]
        );
    }

    #[test]
    fn every_example_row_fits_its_header_and_every_column_has_notes() {
        let sheets = sheets(week());
        let names: Vec<&str> = sheets.iter().map(|s| s.name()).collect();
        assert_eq!(
            names,
            [
                "workers",
                "families",
                "locations",
                "meetings",
                "rooms",
                "availability",
                "travel",
                "history"
            ]
        );
        for s in &sheets {
            assert!(!s.examples.is_empty());
            for row in &s.examples {
                assert_eq!(row.len(), s.columns.len(), "{}", s.file);
            }
            for c in &s.columns {
                assert!(!c.meaning.is_empty() && !c.allowed.is_empty(), "{}", c.name);
                assert!(c.required || !c.default.is_empty(), "{}.{}", s.file, c.name);
            }
        }
        let n: usize = sheets.iter().map(|s| s.columns.len()).sum();
        assert_eq!(notes(&sheets).rows.len(), n + GENERAL.len());
    }

    #[test]
    fn next_week_is_the_iso_week_after_today() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(next_week(d(2026, 11, 25)), IsoWeek::new(2026, 49));
        assert_eq!(next_week(d(2026, 12, 30)), IsoWeek::new(2027, 1));
        assert_eq!(next_week(d(2026, 12, 27)), IsoWeek::new(2026, 53));
    }
}
