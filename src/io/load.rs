//! Reading a plan folder into a [`Problem`], validating everything in one pass.
//!
//! Every file is read even when an earlier one failed, and every row even when an earlier row
//! failed, so the user sees all problems at once. Rows with problems still register their id,
//! which keeps one typo from cascading into "unknown id" reports elsewhere; a plan with any
//! problem never becomes a `Problem`.

use super::cx::Cx;
use super::error::{ErrorCode, InputError, InputErrors};
use super::plan_toml;
use super::schema::{self, Schema};
use super::sheet::{self, Opened};
use super::table::{Origin, Table, Unusable, read_table};
use crate::model::{
    ActivityKind, Appointment, AvailabilityException, ExceptionKind, Family, HistoryWeek, Ignored,
    IsoWeek, Location, Lock, Meeting, MeetingKind, Parts, PayrollPreset, Problem, RoadEdge, Room,
    Settings, Verbatim, Worker,
};
use std::collections::HashMap;
use std::path::Path;

type Ids = HashMap<String, usize>;

/// Reads and validates the plan folder `dir`.
pub fn load_plan(dir: &Path) -> Result<Problem, InputErrors> {
    let mut errors = Vec::new();
    let settings = read_settings(dir, &mut errors);
    let week = settings.as_ref().map(|s| s.week);
    let book = super::sheet::read_workbook(dir, &mut errors);
    let mut tables = Tables::new(dir, book);
    let tables = &mut tables;

    let (locations, loc_lines, loc_ids) = read_locations(tables, &mut errors);
    // Locations that rows resolved to (bases, homes, rooms): the cross-file travel check runs
    // over them even when other rows or files have problems.
    let mut used = Vec::new();
    let preset = settings.as_ref().and_then(|s| s.payroll.preset);
    let (workers, worker_ids) =
        read_workers(tables, loc_ids.as_ref(), preset, &mut used, &mut errors);
    let (families, family_lines, family_ids) = read_families(
        tables,
        loc_ids.as_ref(),
        worker_ids.as_ref(),
        &mut used,
        &mut errors,
    );
    let meetings_table = tables.optional(&schema::MEETINGS, &mut errors);
    let rooms_table = tables.optional(&schema::ROOMS, &mut errors);
    let (rooms, room_ids) = read_rooms(rooms_table, loc_ids.as_ref(), &mut used, &mut errors);
    let meetings = read_meetings(
        meetings_table,
        week,
        family_ids.as_ref(),
        room_ids.as_ref(),
        &mut errors,
    );
    let exceptions = read_availability(tables, week, worker_ids.as_ref(), &mut errors);
    let before_travel = errors.len();
    let road_edges = read_travel(tables, loc_ids.as_ref(), &mut errors);
    let travel_clean = errors.len() == before_travel;
    let history = read_history(tables, family_ids.as_ref(), &mut errors);
    let appointments = read_appointments(
        tables,
        week,
        &families,
        family_ids.as_ref(),
        worker_ids.as_ref(),
        &mut errors,
    );

    // Cross-file checks run over whatever rows were read, so that one run lists every
    // problem; each runs only where its inputs are whole (a file that could not be read, or a
    // road network with broken rows, would only invent problems).
    if worker_ids.is_some() {
        check_qualifications(
            &workers,
            &families,
            &family_lines,
            &meetings.0,
            &meetings.1,
            tables,
            &mut errors,
        );
    }
    if let (Some(edges), true, Some(_)) = (&road_edges, travel_clean, &loc_ids) {
        let origin = tables.origin(&schema::LOCATIONS);
        check_travel_paths(&locations, &loc_lines, &used, edges, &origin, &mut errors);
    }
    let Some(settings) = settings else {
        return Err(InputErrors(errors));
    };
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let parts = Parts {
        workers,
        families,
        locations,
        rooms,
        meetings: meetings.0,
        exceptions,
        history,
        road_edges,
    };
    let mut p = Problem::new(settings, parts);
    p.ignored = std::mem::take(&mut tables.ignored);
    if let Some((list, verbatim)) = appointments {
        p.appointments = list;
        p.appointments_input = Some(verbatim);
    }
    Ok(p)
}

fn read_settings(dir: &Path, errors: &mut Vec<InputError>) -> Option<Settings> {
    use super::read::{ReadFailure, TOML_LIMIT, read_limited};
    match read_limited(&dir.join(plan_toml::FILE), plan_toml::FILE, TOML_LIMIT) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => plan_toml::parse_settings(text.trim_start_matches('\u{feff}'), errors),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                errors.push(
                    InputError::new(ErrorCode::InvalidUtf8, plan_toml::FILE, "UTF-8 text")
                        .at_line(line),
                );
                None
            }
        },
        Err(ReadFailure::NotFound) => {
            errors.push(InputError::new(
                ErrorCode::MissingFile,
                plan_toml::FILE,
                "a plan.toml with at least week = \"YYYY-Www\"",
            ));
            None
        }
        Err(ReadFailure::Unusable(e)) => {
            errors.push(*e);
            None
        }
    }
}

/// The tables of the plan folder (CSV files, or sheets of its workbook), where each came
/// from, and what was read past in them.
struct Tables<'a> {
    dir: &'a Path,
    book: Opened,
    origins: Vec<(&'static str, Origin)>,
    ignored: Ignored,
}

impl<'a> Tables<'a> {
    fn new(dir: &'a Path, mut book: Opened) -> Self {
        let mut ignored = Ignored::default();
        if let Opened::Read(b) = &mut book {
            if !b.ignored.is_empty() {
                ignored
                    .sheets
                    .push((sheet::FILE.to_string(), std::mem::take(&mut b.ignored)));
            }
            if !b.very_hidden.is_empty() {
                ignored
                    .very_hidden
                    .push((sheet::FILE.to_string(), std::mem::take(&mut b.very_hidden)));
            }
        }
        Tables {
            dir,
            book,
            origins: Vec::new(),
            ignored,
        }
    }

    /// Where the table of `schema` came from (its CSV file when it was not read).
    fn origin(&self, schema: &Schema) -> Origin {
        self.origins
            .iter()
            .find(|(f, _)| *f == schema.file)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| Origin::csv(schema.file))
    }

    /// The table of `schema` with its header checked: `Ok(None)` when absent, `Err(Unusable)`
    /// when present but unusable (the reasons recorded). A table is a CSV file or a sheet of
    /// the workbook, not both.
    fn open(
        &mut self,
        schema: &Schema,
        errors: &mut Vec<InputError>,
    ) -> Result<Option<Table>, Unusable> {
        let sheet = match &mut self.book {
            Opened::Read(b) => b.take(schema),
            Opened::Absent | Opened::Broken => None,
        };
        let csv_exists = std::fs::symlink_metadata(self.dir.join(schema.file)).is_ok();
        let table = match sheet {
            Some(sheet) if csv_exists => {
                errors.push(InputError::new(
                    ErrorCode::TableTwice,
                    schema.file,
                    format!(
                        "the table {} once: {} and the sheet \"{}\" of {} both hold it (delete the file or the sheet)",
                        schema.sheet,
                        schema.file,
                        sheet.as_ref().ok().and_then(|t| t.sheet.as_deref()).unwrap_or(schema.sheet),
                        sheet::FILE
                    ),
                ));
                return Err(Unusable);
            }
            Some(sheet) => sheet?,
            // The workbook could not be read: the tables it may hold are not "missing".
            None if !csv_exists && matches!(self.book, Opened::Broken) => return Err(Unusable),
            None => match read_table(self.dir, schema.file, errors)? {
                Some(t) => t,
                None => return Ok(None),
            },
        };
        let mut t = table;
        self.origins.push((schema.file, t.origin()));
        let ok = t.check_columns(schema, errors);
        if !t.ignored.is_empty() {
            self.ignored
                .columns
                .push((t.label(), std::mem::take(&mut t.ignored)));
        }
        if ok { Ok(Some(t)) } else { Err(Unusable) }
    }

    /// A required table with at least one row, or `None` after recording why not.
    fn required(&mut self, schema: &Schema, errors: &mut Vec<InputError>) -> Option<Table> {
        match self.open(schema, errors) {
            Ok(Some(t)) => {
                // A header without rows is a sheet saved empty, not a team without workers.
                if t.rows.is_empty() {
                    errors.push(
                        t.origin()
                            .error(
                                ErrorCode::NoRows,
                                "at least one row below the header (a week needs workers, families and their locations)",
                            )
                            .at_line(t.header_line + 1),
                    );
                    return None;
                }
                Some(t)
            }
            Ok(None) => {
                let sheet = match self.book {
                    Opened::Read(_) => format!(
                        " (or a sheet \"{}\" in {} with that header)",
                        schema.sheet,
                        sheet::FILE
                    ),
                    _ => String::new(),
                };
                errors.push(InputError::new(
                    ErrorCode::MissingFile,
                    schema.file,
                    format!(
                        "a CSV file with the columns {}{sheet}",
                        schema.required.join(", ")
                    ),
                ));
                None
            }
            Err(Unusable) => None,
        }
    }

    /// An optional table: `Ok(None)` when absent, `Err(Unusable)` when present but unusable.
    fn optional(
        &mut self,
        schema: &Schema,
        errors: &mut Vec<InputError>,
    ) -> Result<Option<Table>, Unusable> {
        self.open(schema, errors)
    }
}

/// Registers `id` of this row, reporting a duplicate.
fn register(
    cx: &mut Cx,
    ids: &mut Ids,
    lines: &mut HashMap<String, usize>,
    id: &str,
    index: usize,
) {
    if let Some(first) = lines.get(id) {
        let first = *first;
        cx.fail(
            ErrorCode::DuplicateId,
            "id",
            id,
            format!("a unique id (\"{id}\" is already used on line {first})"),
        );
        return;
    }
    ids.insert(id.to_string(), index);
    lines.insert(id.to_string(), cx.line());
}

const EXPECT_ID: &str = "an id";

fn read_locations(
    tables: &mut Tables,
    errors: &mut Vec<InputError>,
) -> (Vec<Location>, Vec<usize>, Option<Ids>) {
    let Some(t) = tables.required(&schema::LOCATIONS, errors) else {
        return (Vec::new(), Vec::new(), None);
    };
    let (mut out, mut lines, mut ids, mut seen) =
        (Vec::new(), Vec::new(), Ids::new(), HashMap::new());
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let id = cx.id("id", EXPECT_ID).unwrap_or("");
        let lat = cx
            .number(
                "lat",
                None,
                -90.0,
                90.0,
                "a latitude in degrees between -90 and 90 such as 66.50",
            )
            .unwrap_or(0.0);
        let lon = cx
            .number(
                "lon",
                None,
                -180.0,
                180.0,
                "a longitude in degrees between -180 and 180 such as 25.73",
            )
            .unwrap_or(0.0);
        if !id.is_empty() {
            register(&mut cx, &mut ids, &mut seen, id, out.len());
        }
        out.push(Location {
            id: id.to_string(),
            name: cx.name("name").to_string(),
            lat,
            lon,
        });
        lines.push(row.line);
    }
    (out, lines, Some(ids))
}

fn read_workers(
    tables: &mut Tables,
    locs: Option<&Ids>,
    preset: Option<PayrollPreset>,
    used: &mut Vec<usize>,
    errors: &mut Vec<InputError>,
) -> (Vec<Worker>, Option<Ids>) {
    let Some(t) = tables.required(&schema::WORKERS, errors) else {
        return (Vec::new(), None);
    };
    if let Some(p) = preset
        && !t.has_column("payroll_id")
    {
        errors.push(
            t.column_error(
                ErrorCode::MissingColumn,
                "payroll_id",
                format!(
                    "a header with the column \"payroll_id\": {}",
                    payroll_id_needed(p)
                ),
            )
            .at_line(t.header_line),
        );
    }
    let (mut out, mut ids, mut seen) = (Vec::new(), Ids::new(), HashMap::new());
    let mut payroll_ids: HashMap<String, (usize, String)> = HashMap::new();
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let id = cx.id("id", EXPECT_ID).unwrap_or("");
        let name = cx
            .required("name", "a name (a worker's name or initials)")
            .map(|_| cx.name("name"))
            .unwrap_or("");
        let contract = cx
            .hours(
                "contract_hours",
                None,
                0.0,
                80.0,
                "weekly contract hours from 0 to 80 such as 38.25",
            )
            .unwrap_or(0.0);
        let capacity = cx
            .hours(
                "capacity_hours",
                Some(contract),
                0.0,
                100.0,
                "capacity hours this week from 0 to 100 (empty = contract_hours)",
            )
            .unwrap_or(contract);
        let available = cx.pattern("available").unwrap_or_default();
        let base_id = cx
            .required("base", "the location id of the worker's office")
            .unwrap_or("");
        let base = cx.reference(
            "base",
            base_id,
            locs,
            ErrorCode::UnknownLocation,
            "location in locations.csv",
        );
        used.extend(base);
        let wage = if cx.raw("hourly_wage").is_empty() {
            None
        } else {
            cx.number(
                "hourly_wage",
                None,
                0.0,
                1000.0,
                "euros per hour from 0 to 1000 (or empty)",
            )
        };
        let payroll_id = read_payroll_id(&mut cx, preset, &mut payroll_ids);
        if !id.is_empty() {
            register(&mut cx, &mut ids, &mut seen, id, out.len());
        }
        out.push(Worker {
            id: id.to_string(),
            name: name.to_string(),
            skills: cx.checked_list("skills"),
            contract_hours: contract,
            capacity_hours: capacity,
            available,
            base: base.unwrap_or(0),
            hourly_wage: wage,
            payroll_id,
        });
    }
    (out, Some(ids))
}

/// Why a `[payroll] preset` needs every worker's `payroll_id`.
fn payroll_id_needed(p: PayrollPreset) -> String {
    let number = match p {
        PayrollPreset::Fivaldi => "the worker's number in Visma Fivaldi (its HENKILO column)",
        PayrollPreset::Procountor => {
            "the worker's person number in Procountor (henkilönumero, digits only)"
        }
    };
    format!(
        "{number}, because plan.toml sets [payroll] preset = \"{}\" and its import file names each worker by that number, not by the worker id",
        p.as_str()
    )
}

/// True when `s` has the shape of a Finnish personal identity code (henkilötunnus:
/// `DDMMYY`, a century sign, three digits and a check character), which caseload never holds.
fn looks_like_personal_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11
        && b[..6].iter().all(u8::is_ascii_digit)
        && b"+-ABCDEFUVWXY".contains(&b[6].to_ascii_uppercase())
        && b[7..10].iter().all(u8::is_ascii_digit)
        && b[10].is_ascii_alphanumeric()
}

/// A worker's `payroll_id`: held to the rules of an id, never a personal identity code, digits
/// only where the preset's system numbers its people, unique, and required under a preset.
fn read_payroll_id(
    cx: &mut Cx,
    preset: Option<PayrollPreset>,
    seen: &mut HashMap<String, (usize, String)>,
) -> Option<String> {
    const COLUMN: &str = "payroll_id";
    if cx.raw(COLUMN).is_empty() {
        if let Some(p) = preset
            && cx.table.has_column(COLUMN)
        {
            cx.fail(ErrorCode::MissingValue, COLUMN, "", payroll_id_needed(p));
        }
        return None;
    }
    let v = cx.id(COLUMN, "a payroll number")?;
    if looks_like_personal_code(v) {
        cx.fail(
            ErrorCode::OutOfRange,
            COLUMN,
            v,
            "the worker's number in the payroll system, never a personal identity code (henkilötunnus): caseload holds no personal data",
        );
    } else if preset.is_some_and(|p| p.numeric_id()) && !v.bytes().all(|b| b.is_ascii_digit()) {
        cx.fail(
            ErrorCode::BadNumber,
            COLUMN,
            v,
            "Procountor's person number (henkilönumero): digits only, such as 1001",
        );
    }
    let key = payroll_key(v);
    if let Some((first, as_written)) = seen.get(&key) {
        let same = if as_written == v {
            String::new()
        } else {
            format!(
                " as \"{as_written}\", the same number to a payroll system, which reads {} ",
                if key.bytes().all(|b| b.is_ascii_digit()) {
                    "numbers and drops leading zeros"
                } else {
                    "ids without regard to case"
                }
            )
        };
        cx.fail(
            ErrorCode::DuplicateId,
            COLUMN,
            v,
            format!(
                "a payroll number of one worker only (\"{v}\" is already used{}on line {first})",
                if same.is_empty() { " " } else { &same }
            ),
        );
    } else {
        seen.insert(key, (cx.line(), v.to_string()));
    }
    Some(v.to_string())
}

/// A payroll number as a payroll system compares them: digits as a number (`01001` is
/// `1001`: the import reads a number, as a spreadsheet does), anything else without regard
/// to case.
fn payroll_key(v: &str) -> String {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        let t = v.trim_start_matches('0');
        if t.is_empty() { "0" } else { t }.to_string()
    } else {
        v.to_lowercase()
    }
}

fn read_families(
    tables: &mut Tables,
    locs: Option<&Ids>,
    workers: Option<&Ids>,
    used: &mut Vec<usize>,
    errors: &mut Vec<InputError>,
) -> (Vec<Family>, Vec<usize>, Option<Ids>) {
    let Some(t) = tables.required(&schema::FAMILIES, errors) else {
        return (Vec::new(), Vec::new(), None);
    };
    let (mut out, mut lines, mut ids, mut seen) =
        (Vec::new(), Vec::new(), Ids::new(), HashMap::new());
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let id = cx.id("id", "a case code").unwrap_or("");
        let service = cx
            .label("service", "a service label such as family_rehab_home")
            .unwrap_or("");
        let weekly = cx
            .hours(
                "weekly_hours",
                None,
                0.0,
                100.0,
                "agreed worker-hours this week from 0 to 100 such as 6.5",
            )
            .unwrap_or(0.0);
        let loc_id = cx
            .required("location", "the location id of the home")
            .unwrap_or("");
        let location = cx.reference(
            "location",
            loc_id,
            locs,
            ErrorCode::UnknownLocation,
            "location in locations.csv",
        );
        used.extend(location);
        let available = cx.pattern("available").filter(|p| !p.is_empty());
        let min_visits = cx.count("min_visits", 1, 0, 50).unwrap_or(1);
        let max_visits = cx.count("max_visits", 5, 0, 50).unwrap_or(5);
        if min_visits > max_visits {
            let v = cx.raw("min_visits").to_string();
            cx.fail(
                ErrorCode::MinAboveMax,
                "min_visits",
                &v,
                format!("min_visits at most max_visits ({max_visits})"),
            );
        }
        let visit_minutes = cx
            .minutes_range("visit_minutes", (60, 180))
            .unwrap_or((60, 180));
        let remote_minutes = cx
            .minutes_range("remote_minutes", (15, 60))
            .unwrap_or((15, 60));
        let share = if cx.raw("remote_max_share").is_empty() {
            None
        } else {
            cx.share(
                "remote_max_share",
                None,
                "a share between 0 and 1 such as 0.20, or a percentage from 0 % to 100 % such as 20 % (or empty for the plan's cap)",
            )
        };
        let joint = cx.count("joint_visits", 0, 0, 50).unwrap_or(0);
        if joint > max_visits {
            let v = cx.raw("joint_visits").to_string();
            cx.fail(
                ErrorCode::MinAboveMax,
                "joint_visits",
                &v,
                format!("joint_visits at most max_visits ({max_visits})"),
            );
        }
        let per_day = cx.count("max_visits_per_day", 1, 1, 10).unwrap_or(1);
        let primary_id = cx.raw("primary_worker");
        let primary = cx.reference(
            "primary_worker",
            primary_id,
            workers,
            ErrorCode::UnknownWorker,
            "worker in workers.csv",
        );
        let mut excluded = Vec::new();
        for w in cx.checked_list("excluded_workers") {
            if let Some(i) = cx.reference(
                "excluded_workers",
                &w,
                workers,
                ErrorCode::UnknownWorker,
                "worker in workers.csv",
            ) {
                excluded.push(i);
            }
        }
        if primary.is_some_and(|p| excluded.contains(&p)) {
            cx.fail(
                ErrorCode::PrimaryExcluded,
                "primary_worker",
                primary_id,
                "a primary worker who is not in excluded_workers",
            );
        }
        let children = cx.checked_list("children");
        let commitment = if cx.raw("commitment").is_empty() {
            None
        } else {
            cx.label("commitment", "a payment commitment number")
                .map(str::to_string)
        };
        if !id.is_empty() {
            register(&mut cx, &mut ids, &mut seen, id, out.len());
        }
        out.push(Family {
            id: id.to_string(),
            service: service.to_string(),
            weekly_hours: weekly,
            location: location.unwrap_or(0),
            available,
            min_visits,
            max_visits,
            visit_minutes,
            remote_minutes,
            remote_max_share: share,
            joint_visits: joint,
            max_visits_per_day: per_day,
            primary_worker: primary,
            required_skills: cx.checked_list("required_skills"),
            excluded_workers: excluded,
            children,
            commitment,
        });
        lines.push(row.line);
    }
    (out, lines, Some(ids))
}

fn read_rooms(
    table: Result<Option<Table>, Unusable>,
    locs: Option<&Ids>,
    used: &mut Vec<usize>,
    errors: &mut Vec<InputError>,
) -> (Vec<Room>, Option<Ids>) {
    let t = match table {
        Ok(Some(t)) => t,
        Ok(None) => return (Vec::new(), Some(Ids::new())),
        Err(Unusable) => return (Vec::new(), None),
    };
    let (mut out, mut ids, mut seen) = (Vec::new(), Ids::new(), HashMap::new());
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let id = cx.id("id", EXPECT_ID).unwrap_or("");
        let loc_id = cx
            .required("location", "the location id of the room")
            .unwrap_or("");
        let location = cx.reference(
            "location",
            loc_id,
            locs,
            ErrorCode::UnknownLocation,
            "location in locations.csv",
        );
        used.extend(location);
        let available = cx.pattern("available").filter(|p| !p.is_empty());
        if !id.is_empty() {
            register(&mut cx, &mut ids, &mut seen, id, out.len());
        }
        out.push(Room {
            id: id.to_string(),
            name: cx.name("name").to_string(),
            location: location.unwrap_or(0),
            available,
        });
    }
    (out, Some(ids))
}

/// A date of the planned week as a day index; records `OutsideWeek` otherwise.
pub(crate) fn day_in_week(cx: &mut Cx, column: &str, week: Option<IsoWeek>) -> Option<usize> {
    let date = cx.date(column)?;
    let week = week?;
    match week.day_of(date) {
        Some(d) => Some(d),
        None => {
            let v = cx.raw(column);
            cx.fail(
                ErrorCode::OutsideWeek,
                column,
                v,
                format!(
                    "a date in the planned week {week} ({} to {})",
                    week.date(0),
                    week.date(6)
                ),
            );
            None
        }
    }
}

/// Meetings with the line of each, for later cross-checks.
fn read_meetings(
    table: Result<Option<Table>, Unusable>,
    week: Option<IsoWeek>,
    families: Option<&Ids>,
    rooms: Option<&Ids>,
    errors: &mut Vec<InputError>,
) -> (Vec<Meeting>, Vec<usize>) {
    let Ok(Some(t)) = table else {
        return (Vec::new(), Vec::new());
    };
    if !t.rows.is_empty() && rooms.is_some_and(|r| r.is_empty()) {
        errors.push(InputError::new(
            ErrorCode::RoomsRequired,
            "rooms.csv",
            "a rooms.csv (or rooms sheet) with at least one room, because the meetings table has meetings",
        ));
    }
    let (mut out, mut lines, mut ids, mut seen) =
        (Vec::new(), Vec::new(), Ids::new(), HashMap::new());
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let id = cx.id("id", EXPECT_ID).unwrap_or("");
        let fam_id = cx
            .required("family_id", "the case code of a family in families.csv")
            .unwrap_or("");
        let family = cx.reference(
            "family_id",
            fam_id,
            families,
            ErrorCode::UnknownFamily,
            "family in families.csv",
        );
        let kind_s = cx
            .required("kind", "supervised, supported or exchange")
            .unwrap_or("");
        let kind = MeetingKind::parse(&kind_s.to_ascii_lowercase());
        if kind.is_none() && !kind_s.is_empty() {
            cx.fail(
                ErrorCode::BadKind,
                "kind",
                kind_s,
                "supervised, supported or exchange",
            );
        }
        let day = day_in_week(&mut cx, "date", week);
        let span = cx.span("start", "end");
        let room_id = cx.raw("room");
        let room = cx.reference(
            "room",
            room_id,
            rooms,
            ErrorCode::UnknownRoom,
            "room in rooms.csv",
        );
        let staff = cx.count("staff", 1, 1, 10).unwrap_or(1);
        if !id.is_empty() {
            register(&mut cx, &mut ids, &mut seen, id, out.len());
        }
        out.push(Meeting {
            id: id.to_string(),
            family: family.unwrap_or(0),
            kind: kind.unwrap_or(MeetingKind::Supervised),
            day: day.unwrap_or(0),
            span: span.unwrap_or(crate::model::Interval::new(0, 1)),
            room,
            staff,
            required_skills: cx.checked_list("required_skills"),
        });
        lines.push(row.line);
    }
    (out, lines)
}

/// Dated exceptions. Rows dated outside the planned week are skipped: a team lead keeps one
/// absence list for the month, and those rows cannot affect this week.
fn read_availability(
    tables: &mut Tables,
    week: Option<IsoWeek>,
    workers: Option<&Ids>,
    errors: &mut Vec<InputError>,
) -> Vec<AvailabilityException> {
    let Ok(Some(t)) = tables.optional(&schema::AVAILABILITY, errors) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let wid = cx
            .required("worker_id", "the id of a worker in workers.csv")
            .unwrap_or("");
        let worker = cx.reference(
            "worker_id",
            wid,
            workers,
            ErrorCode::UnknownWorker,
            "worker in workers.csv",
        );
        let date = cx.date("date");
        let kind_s = cx.required("kind", "absent or extra").unwrap_or("");
        let kind = match kind_s.to_ascii_lowercase().as_str() {
            "absent" => Some(ExceptionKind::Absent),
            "extra" => Some(ExceptionKind::Extra),
            "" => None,
            _ => {
                cx.fail(ErrorCode::BadKind, "kind", kind_s, "absent or extra");
                None
            }
        };
        let whole_day = cx.raw("start").is_empty() && cx.raw("end").is_empty();
        let span = if whole_day && kind == Some(ExceptionKind::Absent) {
            None
        } else {
            cx.span("start", "end")
        };
        let (Some(worker), Some(date), Some(kind), Some(week)) = (worker, date, kind, week) else {
            continue;
        };
        if !whole_day && span.is_none() {
            continue;
        }
        if let Some(day) = week.day_of(date) {
            out.push(AvailabilityException {
                worker,
                day,
                span,
                kind,
            });
        }
    }
    out
}

fn read_travel(
    tables: &mut Tables,
    locs: Option<&Ids>,
    errors: &mut Vec<InputError>,
) -> Option<Vec<RoadEdge>> {
    let Ok(Some(t)) = tables.optional(&schema::TRAVEL, errors) else {
        return None;
    };
    let mut out = Vec::new();
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let end = |cx: &mut Cx, col: &str| {
            let v = cx.required(col, "a location id in locations.csv")?;
            cx.reference(
                col,
                v,
                locs,
                ErrorCode::UnknownLocation,
                "location in locations.csv",
            )
        };
        let from = end(&mut cx, "from");
        let to = end(&mut cx, "to");
        let minutes = cx.number(
            "minutes",
            None,
            0.0,
            1440.0,
            "travel minutes from 0 to 1440 such as 12",
        );
        if let (Some(from), Some(to), Some(minutes)) = (from, to, minutes) {
            out.push(RoadEdge { from, to, minutes });
        }
    }
    (!t.rows.is_empty()).then_some(out)
}

fn read_history(
    tables: &mut Tables,
    families: Option<&Ids>,
    errors: &mut Vec<InputError>,
) -> Vec<HistoryWeek> {
    let Ok(Some(t)) = tables.optional(&schema::HISTORY, errors) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let fid = cx
            .required("family_id", "the case code of a family in families.csv")
            .unwrap_or("");
        let family = cx.reference(
            "family_id",
            fid,
            families,
            ErrorCode::UnknownFamily,
            "family in families.csv",
        );
        let week_s = cx
            .required("week", super::fields::EXPECT_WEEK)
            .unwrap_or("");
        let week = match super::fields::parse_iso_week(week_s) {
            Ok(w) => Some(w),
            Err(e) => {
                if !week_s.is_empty() {
                    let code = if e == super::fields::EXPECT_YEAR {
                        ErrorCode::YearOutOfRange
                    } else {
                        ErrorCode::BadIsoWeek
                    };
                    cx.fail(code, "week", week_s, e);
                }
                None
            }
        };
        let inp = cx.hours("in_person_hours", None, 0.0, 200.0, "hours from 0 to 200");
        let rem = cx.hours("remote_hours", None, 0.0, 200.0, "hours from 0 to 200");
        if let (Some(family), Some(week), Some(in_person_hours), Some(remote_hours)) =
            (family, week, inp, rem)
        {
            out.push(HistoryWeek {
                family,
                week,
                in_person_hours,
                remote_hours,
            });
        }
    }
    out
}

/// Appointments agreed with families, in file order, and the table as the user wrote it (the
/// output repeats each row). A date outside the planned week is no error: the appointment is
/// reported `dropped: outside the week`. What needs no planning to refuse is an input error:
/// unknown ids, a kind or lock that is none of the SPEC's, end not after start, a length
/// outside the family's bounds, a `fixed` or `worker` lock without its worker (a joint visit:
/// without both), a partner on a visit that is not joint, a worker as their own partner.
fn read_appointments(
    tables: &mut Tables,
    week: Option<IsoWeek>,
    families: &[Family],
    family_ids: Option<&Ids>,
    workers: Option<&Ids>,
    errors: &mut Vec<InputError>,
) -> Option<(Vec<Appointment>, Verbatim)> {
    let Ok(Some(t)) = tables.optional(&schema::APPOINTMENTS, errors) else {
        return None;
    };
    if t.rows.is_empty() {
        return None; // a header alone is no appointments file (as for every optional table)
    }
    let mut out = Vec::new();
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, errors);
        let fid = cx
            .required("family_id", "the case code of a family in families.csv")
            .unwrap_or("");
        let family = cx.reference(
            "family_id",
            fid,
            family_ids,
            ErrorCode::UnknownFamily,
            "family in families.csv",
        );
        let date = cx.date("date");
        let span = cx.span("start", "end");
        let kind_s = cx
            .required("kind", "home_visit, joint_visit or remote")
            .unwrap_or("");
        let kind = match kind_s.to_ascii_lowercase().as_str() {
            "home_visit" => Some(ActivityKind::HomeVisit),
            "joint_visit" => Some(ActivityKind::JointVisit),
            "remote" => Some(ActivityKind::Remote),
            "" => None,
            _ => {
                cx.fail(
                    ErrorCode::BadKind,
                    "kind",
                    kind_s,
                    "home_visit, joint_visit or remote",
                );
                None
            }
        };
        let lock_s = cx.raw("lock");
        let lock = Lock::parse(&lock_s.to_ascii_lowercase());
        if lock.is_none() {
            cx.fail(
                ErrorCode::BadKind,
                "lock",
                lock_s,
                "fixed, time or worker (empty means fixed)",
            );
        }
        let person = |cx: &mut Cx, col: &str| {
            let v = cx.raw(col);
            cx.reference(
                col,
                v,
                workers,
                ErrorCode::UnknownWorker,
                "worker in workers.csv",
            )
        };
        let worker = person(&mut cx, "worker_id");
        let partner = person(&mut cx, "partner_worker_id");
        let joint = kind == Some(ActivityKind::JointVisit);
        let needs_worker = matches!(lock, Some(Lock::Fixed | Lock::Worker));
        if needs_worker && cx.raw("worker_id").is_empty() {
            cx.fail(
                ErrorCode::MissingValue,
                "worker_id",
                "",
                "the worker agreed (a `fixed` or `worker` lock names one; `time` lets the planner pick)",
            );
        }
        if needs_worker && joint && cx.raw("partner_worker_id").is_empty() {
            cx.fail(
                ErrorCode::MissingValue,
                "partner_worker_id",
                "",
                "the second worker of the joint visit (a `fixed` or `worker` lock names both; `time` lets the planner pick)",
            );
        }
        if !joint && !cx.raw("partner_worker_id").is_empty() && kind.is_some() {
            let v = cx.raw("partner_worker_id");
            cx.fail(
                ErrorCode::BadKind,
                "partner_worker_id",
                v,
                "empty: only a joint_visit has a partner",
            );
        }
        if worker.is_some() && worker == partner {
            let v = cx.raw("partner_worker_id");
            cx.fail(
                ErrorCode::BadKind,
                "partner_worker_id",
                v,
                "a second worker, not the worker_id again",
            );
        }
        if let (Some(f), Some(k), Some(s)) = (family, kind, span) {
            let fam = &families[f];
            let (lo, hi, what) = if k == ActivityKind::Remote {
                (fam.remote_minutes.0, fam.remote_minutes.1, "remote_minutes")
            } else {
                (fam.visit_minutes.0, fam.visit_minutes.1, "visit_minutes")
            };
            if s.minutes() < lo || s.minutes() > hi {
                let v = format!("{} minutes", s.minutes());
                cx.fail(
                    ErrorCode::OutOfRange,
                    "end",
                    &v,
                    format!("a length within the family's {what} {lo}-{hi} (families.csv, {fid})"),
                );
            }
        }
        let (Some(family), Some(date), Some(span), Some(kind), Some(lock)) =
            (family, date, span, kind, lock)
        else {
            continue;
        };
        out.push(Appointment {
            family,
            day: week.and_then(|w| w.day_of(date)),
            span,
            kind,
            worker,
            partner,
            lock,
        });
    }
    // The contract's columns of each row as the user wrote them (the output repeats them).
    let verbatim = Verbatim {
        rows: t
            .rows
            .iter()
            .map(|r| {
                schema::APPOINTMENTS
                    .columns()
                    .map(|c| t.get(r, c).to_owned())
                    .collect()
            })
            .collect(),
    };
    Some((out, verbatim))
}

/// Families and meetings whose required skills no worker has at all.
fn check_qualifications(
    workers: &[Worker],
    families: &[Family],
    family_lines: &[usize],
    meetings: &[Meeting],
    meeting_lines: &[usize],
    tables: &Tables,
    errors: &mut Vec<InputError>,
) {
    let (fam_origin, meet_origin) = (
        tables.origin(&schema::FAMILIES),
        tables.origin(&schema::MEETINGS),
    );
    for (f, line) in families.iter().zip(family_lines) {
        if !f.required_skills.is_empty()
            && !workers.iter().any(|w| w.has_skills(&f.required_skills))
        {
            let v = f.required_skills.join("|");
            errors.push(
                fam_origin
                    .column_error(
                        ErrorCode::NoQualifiedWorker,
                        "required_skills",
                        "skills that at least one worker in workers.csv has",
                    )
                    .at_line(*line)
                    .with_value(&v),
            );
        }
    }
    for (m, line) in meetings.iter().zip(meeting_lines) {
        if !m.required_skills.is_empty()
            && !workers.iter().any(|w| w.has_skills(&m.required_skills))
        {
            let v = m.required_skills.join("|");
            errors.push(
                meet_origin
                    .column_error(
                        ErrorCode::NoQualifiedStaff,
                        "required_skills",
                        "skills that at least one worker in workers.csv has",
                    )
                    .at_line(*line)
                    .with_value(&v),
            );
        }
    }
}

/// With a road network, every location a plan uses (`used`: the bases, homes and rooms that
/// rows resolved to) must be reachable from every other.
fn check_travel_paths(
    locations: &[Location],
    loc_lines: &[usize],
    used: &[usize],
    edges: &[RoadEdge],
    origin: &Origin,
    errors: &mut Vec<InputError>,
) {
    let mut uf = petgraph::unionfind::UnionFind::<usize>::new(locations.len());
    for e in edges {
        uf.union(e.from, e.to);
    }
    let mut used: Vec<usize> = used.to_vec();
    used.sort_unstable();
    used.dedup();
    let mut size: HashMap<usize, usize> = HashMap::new();
    for &l in &used {
        *size.entry(uf.find(l)).or_default() += 1;
    }
    let Some((&main, _)) = size
        .iter()
        .max_by_key(|(root, n)| (**n, std::cmp::Reverse(**root)))
    else {
        return;
    };
    let example = used
        .iter()
        .find(|&&l| uf.find(l) == main)
        .map(|&l| locations[l].id.clone())
        .unwrap_or_default();
    for &l in &used {
        if uf.find(l) != main {
            errors.push(
                origin
                    .column_error(
                        ErrorCode::NoTravelPath,
                        "id",
                        format!("a road path in travel.csv from this location to {example} (and the other used locations)"),
                    )
                    .at_line(loc_lines[l])
                    .with_value(&locations[l].id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::payroll_key;

    #[test]
    fn payroll_ids_compare_as_a_payroll_system_does() {
        // Digits are a number: leading zeros do not make another person.
        assert_eq!(payroll_key("1001"), payroll_key("01001"));
        assert_eq!(payroll_key("001001"), "1001");
        assert_eq!(payroll_key("000"), "0");
        assert_ne!(payroll_key("1001"), payroll_key("1010"));
        // Anything else without regard to case, zeros kept.
        assert_eq!(payroll_key("A7"), payroll_key("a7"));
        assert_ne!(payroll_key("A07"), payroll_key("A7"));
    }
}
