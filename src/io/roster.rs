//! Reading a roster back: a `roster.csv` as caseload writes it (or as a team lead made or
//! edited it) into a [`Roster`] against a plan's ids, every problem reported in one pass with
//! its file, line and column, and each activity's line kept for messages.
//!
//! The file goes through the same guards and reader as a plan's tables ([`super::read`]:
//! regular files of at most 64 MiB; [`super::table`]: UTF-8 or Windows-1252, BOM, `,` or `;`, line numbers;
//! [`super::cx`]: dates `YYYY-MM-DD` or `D.M.YYYY`, times `HH:MM` or `H.MM`, an end of `00:00`
//! as `24:00`). What the reader refuses is what cannot be a row of a week at all (an unknown
//! id, a date outside the plan's week, an end not after its start, a kind that needs a family
//! or a place without one, a value its kind does not use); whether the rows obey the rules is
//! the checker's business (`check::check_roster`), so a roster that breaks rules still reads.

use super::cx::Cx;
use super::error::{ErrorCode, InputError, InputErrors};
use super::load::day_in_week;
use super::read::{CSV_LIMIT, ReadFailure, read_limited};
use super::schema::ROSTER;
use super::table::{Row, Table, parse_table};
use crate::model::{Activity, ActivityKind, Problem, Roster, Source};
use std::collections::HashMap;
use std::path::Path;

/// Where each activity of a roster read from a file came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowMap {
    /// The file as named in messages: the path as given.
    pub file: String,
    /// The line of each activity, by its index in [`Roster::activities`] (the header is
    /// line 1).
    pub lines: Vec<usize>,
    /// Columns of the header that are no column of roster.csv, read past (for a warning).
    pub ignored: Vec<String>,
    /// Each activity's row as written, in a few words (date, times, worker, kind, family,
    /// meeting, place), for messages that quote the row.
    pub words: Vec<String>,
}

impl RowMap {
    /// The line of activity `i`.
    pub fn line(&self, i: usize) -> Option<usize> {
        self.lines.get(i).copied()
    }

    /// The row of activity `i` as written, in a few words.
    pub fn words(&self, i: usize) -> Option<&str> {
        self.words.get(i).map(String::as_str)
    }
}

/// The values of `source` as roster.csv writes them, for messages.
const EXPECT_SOURCE: &str = "appointment (kept from appointments.csv), past (started before the moment of a replan) or empty (planned)";

/// The row's `source` (an empty or missing column is `Planned`); a value none of the contract's
/// is recorded as a problem. What a row's source says is not read further: a replan judges
/// what has happened by its moment, and a plan keeps its appointments from appointments.csv.
fn source(cx: &mut Cx) -> Option<Source> {
    let v = cx.raw("source");
    let s = Source::parse(v);
    if s.is_none() {
        cx.fail(ErrorCode::BadKind, "source", v, EXPECT_SOURCE);
    }
    s
}

/// The kinds as roster.csv writes them, for messages.
const EXPECT_KIND: &str =
    "home_visit, joint_visit, remote, supervised, supported, exchange, travel or break";

/// The ids of a plan, by kind of thing.
struct Ids {
    workers: HashMap<String, usize>,
    families: HashMap<String, usize>,
    meetings: HashMap<String, usize>,
    rooms: HashMap<String, usize>,
    locations: HashMap<String, usize>,
}

impl Ids {
    fn of(p: &Problem) -> Ids {
        fn map<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
            ids.enumerate().map(|(i, id)| (id.clone(), i)).collect()
        }
        Ids {
            workers: map(p.workers.iter().map(|w| &w.id)),
            families: map(p.families.iter().map(|f| &f.id)),
            meetings: map(p.meetings.iter().map(|m| &m.id)),
            rooms: map(p.rooms.iter().map(|r| &r.id)),
            locations: map(p.locations.iter().map(|l| &l.id)),
        }
    }
}

/// The roster file at `path` as a table with roster.csv's columns checked, through
/// [`super::read`]'s guards; `None` with the problems recorded (a missing file expected as
/// `expected`).
fn open(path: &Path, file: &str, expected: &str, errors: &mut Vec<InputError>) -> Option<Table> {
    let mut t = match read_limited(path, file, CSV_LIMIT) {
        Ok(bytes) => parse_table(file, &bytes, errors).ok()?,
        Err(ReadFailure::NotFound) => {
            errors.push(InputError::new(ErrorCode::MissingFile, file, expected));
            return None;
        }
        Err(ReadFailure::Unusable(e)) => {
            errors.push(*e);
            return None;
        }
    };
    t.check_columns(&ROSTER, errors).then_some(t)
}

/// The first line of each row of a roster, to report a row that repeats one (E051): the same
/// work for the same worker at the same time twice counts its hours twice, so it is refused
/// where it is read, naming both lines, in one pass (a hash of each row: linear however many
/// rows repeat).
struct FirstLines<K> {
    seen: HashMap<K, usize>,
}

impl<K: std::hash::Hash + Eq> FirstLines<K> {
    fn new(rows: usize) -> Self {
        FirstLines {
            seen: HashMap::with_capacity(rows),
        }
    }

    /// Records the row `key` on `line`; an error when an earlier line holds the same row.
    fn check(
        &mut self,
        key: K,
        line: usize,
        file: &str,
        shown: impl FnOnce() -> String,
    ) -> Option<InputError> {
        match self.seen.entry(key) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(line);
                None
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                Some(duplicate(file, line, *o.get(), &shown()))
            }
        }
    }
}

/// E051: the row on `line` repeats the row on `first`.
fn duplicate(file: &str, line: usize, first: usize, shown: &str) -> InputError {
    InputError::new(
        ErrorCode::DuplicateRow,
        file,
        format!(
            "a row of its own: line {line} repeats line {first} (same date, times, worker, kind, family, meeting, partner, room and place: its hours would count twice); delete one"
        ),
    )
    .at_line(line)
    .with_value(shown)
}

/// A row of a roster file in a few words for a message: date, times, worker, kind and what it
/// is for, as written.
fn row_words(t: &Table, row: &Row) -> String {
    let mut s = format!(
        "{} {}-{} {} {}",
        t.get(row, "date"),
        t.get(row, "start"),
        t.get(row, "end"),
        t.get(row, "worker_id"),
        t.get(row, "kind")
    );
    for column in ["family_id", "meeting_id", "location_id"] {
        let v = t.get(row, column);
        if !v.is_empty() {
            s.push(' ');
            s.push_str(v);
        }
    }
    s
}

/// Reads the roster at `path` against the plan `p`: every row becomes an [`Activity`] of the
/// plan's week, in file order, and [`RowMap`] says the line of each. Any problem (the file, its
/// header, or any row) is reported, all in one pass, and no roster is returned.
pub fn read_roster(p: &Problem, path: &Path) -> Result<(Roster, RowMap), InputErrors> {
    let file = path.display().to_string();
    let mut errors = Vec::new();
    let expected = format!(
        "a roster file (CSV with the columns {}, {})",
        ROSTER.required.join(", "),
        ROSTER.optional.join(", ")
    );
    let Some(mut t) = open(path, &file, &expected, &mut errors) else {
        return Err(InputErrors(errors));
    };
    let ids = Ids::of(p);
    let mut roster = Roster::default();
    let mut rows = RowMap {
        file,
        lines: Vec::new(),
        ignored: std::mem::take(&mut t.ignored),
        words: Vec::new(),
    };
    let mut first = FirstLines::new(t.rows.len());
    for row in &t.rows {
        let before = errors.len();
        let mut cx = Cx::new(&t, row, &mut errors);
        let Some(a) = activity(p, &ids, &mut cx) else {
            continue;
        };
        if errors.len() > before {
            continue;
        }
        if let Some(e) = first.check(a, row.line, &rows.file, || row_words(&t, row)) {
            errors.push(e);
        } else {
            roster.activities.push(a);
            rows.lines.push(row.line);
            rows.words.push(row_words(&t, row));
        }
    }
    if errors.is_empty() {
        Ok((roster, rows))
    } else {
        Err(InputErrors(errors))
    }
}

/// What `plan --previous` takes from last week's roster.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LastWeek {
    /// Its client rows (visits, joint visits, remote sessions) of workers and families still in
    /// the plan, each moved onto this week's day of the same weekday, and the rows of meetings
    /// this week holds at the same weekday and time.
    pub roster: Roster,
    /// Client rows left out: a worker or family no longer in the plan (or a joint visit whose
    /// partner left).
    pub skipped: usize,
}

/// Reads a roster of any week for `plan --previous`: its client rows matched by weekday onto
/// the plan's week, workers and families by id, and its meeting rows where this week has the
/// meeting (same id) at the same weekday and time. Travel and breaks are read past; rows of
/// workers or families no longer in the plan are counted, not refused.
/// A value that cannot be read (a date, a time, a kind) is an input problem, all in one pass.
pub fn read_last_week(p: &Problem, path: &Path) -> Result<LastWeek, InputErrors> {
    let file = path.display().to_string();
    let mut errors = Vec::new();
    let expected = "last week's roster.csv (the roster of an earlier plan)";
    let Some(t) = open(path, &file, expected, &mut errors) else {
        return Err(InputErrors(errors));
    };
    let ids = Ids::of(p);
    let mut out = LastWeek::default();
    let mut first = FirstLines::new(t.rows.len());
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, &mut errors);
        let date = cx.date("date");
        let span = cx.span("start", "end");
        let kind_s = cx.required("kind", EXPECT_KIND).unwrap_or("");
        let kind = ActivityKind::parse(&kind_s.to_ascii_lowercase());
        if kind.is_none() && !kind_s.is_empty() {
            cx.fail(ErrorCode::BadKind, "kind", kind_s, EXPECT_KIND);
        }
        let source = source(&mut cx);
        let (Some(date), Some(span), Some(kind), Some(_)) = (date, span, kind, source) else {
            continue;
        };
        // A row read twice would be last week's visit twice (and its hours): refused, as
        // `read_roster` does, by the row as written (ids not in this week's plan included).
        let ids_as_written = [
            "worker_id",
            "family_id",
            "meeting_id",
            "partner_worker_id",
            "room_id",
            "location_id",
        ]
        .map(|c| t.get(row, c));
        if let Some(e) = first.check((date, span, kind, ids_as_written), row.line, &file, || {
            row_words(&t, row)
        }) {
            cx.errors.push(e);
            continue;
        }
        let id = |col: &str, map: &HashMap<String, usize>| map.get(cx.raw(col)).copied();
        use chrono::Datelike;
        let day = date.weekday().num_days_from_monday() as usize;
        if kind.is_meeting() {
            // A meeting of this week at the same weekday and time, in a room it may use: who
            // staffed it last week is carried too (a team's standing meetings).
            let (Some(worker), Some(m), Some(room)) = (
                id("worker_id", &ids.workers),
                id("meeting_id", &ids.meetings),
                id("room_id", &ids.rooms),
            ) else {
                continue;
            };
            let mt = &p.meetings[m];
            if mt.day == day && mt.span == span && mt.room.is_none_or(|r| r == room) {
                out.roster.activities.push(Activity {
                    day,
                    span,
                    worker,
                    kind,
                    family: Some(mt.family),
                    meeting: Some(m),
                    partner: None,
                    room: Some(room),
                    location: Some(p.rooms[room].location),
                });
            }
            continue;
        }
        if !kind.is_client() {
            continue;
        }
        let worker = id("worker_id", &ids.workers);
        let family = id("family_id", &ids.families);
        let partner = id("partner_worker_id", &ids.workers);
        let (Some(worker), Some(family)) = (worker, family) else {
            out.skipped += 1;
            continue;
        };
        if kind == ActivityKind::JointVisit && partner.is_none() {
            out.skipped += 1;
            continue;
        }
        out.roster.activities.push(Activity {
            day,
            span,
            worker,
            kind,
            family: Some(family),
            meeting: None,
            partner: partner.filter(|_| kind == ActivityKind::JointVisit),
            room: None,
            location: (kind != ActivityKind::Remote).then_some(p.families[family].location),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(InputErrors(errors))
    }
}

/// The activity of one row, or `None` with its problems recorded.
fn activity(p: &Problem, ids: &Ids, cx: &mut Cx) -> Option<Activity> {
    let day = day_in_week(cx, "date", Some(p.settings.week));
    let span = cx.span("start", "end");
    let worker_id = cx
        .required("worker_id", "the id of a worker in workers.csv")
        .unwrap_or("");
    let worker = cx.reference(
        "worker_id",
        worker_id,
        Some(&ids.workers),
        ErrorCode::UnknownWorker,
        "worker in workers.csv",
    );
    let kind_s = cx.required("kind", EXPECT_KIND).unwrap_or("");
    let kind = ActivityKind::parse(&kind_s.to_ascii_lowercase());
    if kind.is_none() && !kind_s.is_empty() {
        cx.fail(ErrorCode::BadKind, "kind", kind_s, EXPECT_KIND);
    }
    let refer = |cx: &mut Cx, column: &str, known, code, what| {
        let v = cx.raw(column);
        cx.reference(column, v, Some(known), code, what)
    };
    let family = refer(
        cx,
        "family_id",
        &ids.families,
        ErrorCode::UnknownFamily,
        "family in families.csv",
    );
    let meeting = refer(
        cx,
        "meeting_id",
        &ids.meetings,
        ErrorCode::UnknownMeeting,
        "meeting in meetings.csv",
    );
    let partner = refer(
        cx,
        "partner_worker_id",
        &ids.workers,
        ErrorCode::UnknownWorker,
        "worker in workers.csv",
    );
    let room = refer(
        cx,
        "room_id",
        &ids.rooms,
        ErrorCode::UnknownRoom,
        "room in rooms.csv",
    );
    let location = refer(
        cx,
        "location_id",
        &ids.locations,
        ErrorCode::UnknownLocation,
        "location in locations.csv",
    );
    let source = source(cx);
    let kind = kind?;
    fits_kind(p, cx, kind, meeting, family);
    source?;
    let family = match meeting {
        // A meeting row carries its meeting's family, as caseload writes it.
        Some(m) if kind.is_meeting() => Some(p.meetings[m].family),
        _ => family,
    };
    Some(Activity {
        day: day?,
        span: span?,
        worker: worker?,
        kind,
        family,
        meeting,
        partner,
        room,
        location: if kind == ActivityKind::Remote {
            None
        } else {
            location
        },
    })
}

/// Records where the row lacks a value its kind needs (E008) or holds one its kind does not use
/// (E047): a visit needs its family and place, a joint visit its partner, a remote session its
/// family and no place, a meeting row its meeting and place (and, if it names a family, the
/// meeting's), travel its destination and a break its place, neither of them a family, meeting,
/// partner or room.
fn fits_kind(
    p: &Problem,
    cx: &mut Cx,
    kind: ActivityKind,
    meeting: Option<usize>,
    family: Option<usize>,
) {
    use ActivityKind::*;
    let what = kind.as_str();
    let (needs, unused): (&[(&str, &str)], &[&str]) = match kind {
        HomeVisit => (
            &[
                ("family_id", "the case code of the family visited"),
                (
                    "location_id",
                    "the location of the visit (the family's home)",
                ),
            ],
            &["meeting_id", "partner_worker_id", "room_id"],
        ),
        JointVisit => (
            &[
                ("family_id", "the case code of the family visited"),
                (
                    "partner_worker_id",
                    "the other worker of the joint visit (each of its two rows names the other)",
                ),
                (
                    "location_id",
                    "the location of the visit (the family's home)",
                ),
            ],
            &["meeting_id", "room_id"],
        ),
        Remote => (
            &[("family_id", "the case code of the family called")],
            &["meeting_id", "partner_worker_id", "room_id", "location_id"],
        ),
        Supervised | Supported | Exchange => (
            &[
                ("meeting_id", "the id of the meeting in meetings.csv"),
                (
                    "location_id",
                    "where the meeting is held (its room's location)",
                ),
            ],
            &["partner_worker_id"],
        ),
        Travel => (
            &[("location_id", "the destination of the travel")],
            &["family_id", "meeting_id", "partner_worker_id", "room_id"],
        ),
        Break => (
            &[("location_id", "where the break is held")],
            &["family_id", "meeting_id", "partner_worker_id", "room_id"],
        ),
    };
    for (column, expected) in needs {
        if cx.raw(column).is_empty() {
            cx.fail(
                ErrorCode::MissingValue,
                column,
                "",
                format!("{expected} (a {what} row needs it)"),
            );
        }
    }
    for column in unused {
        let v = cx.raw(column);
        if !v.is_empty() {
            let why = if *column == "location_id" {
                "a remote session has no place: it is held wherever the worker is".to_string()
            } else {
                format!("a {what} row has no {}", column.trim_end_matches("_id"))
            };
            cx.fail(
                ErrorCode::KindMismatch,
                column,
                v,
                format!("an empty value ({why})"),
            );
        }
    }
    if let (Some(m), Some(f)) = (meeting, family)
        && kind.is_meeting()
        && p.meetings[m].family != f
    {
        let m = &p.meetings[m];
        let v = cx.raw("family_id");
        cx.fail(
            ErrorCode::KindMismatch,
            "family_id",
            v,
            format!(
                "{}, the family of meeting {} (or an empty value)",
                p.families[m.family].id, m.id
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny;

    fn read(text: &str) -> Result<(Roster, RowMap), InputErrors> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roster.csv");
        std::fs::write(&path, text).unwrap();
        read_roster(&tiny::problem(), &path)
    }

    const HEADER: &str = "date,start,end,worker_id,kind,family_id,meeting_id,partner_worker_id,room_id,location_id\n";

    #[test]
    fn rows_of_every_kind_read_with_their_lines() {
        let p = tiny::problem();
        let (r, rows) = read(&format!(
            "{HEADER}\
2026-11-30,08:00,08:20,W1,travel,,,,,LA\n\
\n\
2026-11-30,08:20,10:00,W1,joint_visit,FA,,W2,,LA\n\
30.11.2026,8.20,10.00,W2,JOINT_VISIT,FA,,W1,,LA\n\
2026-11-30,10:00,10:30,W1,break,,,,,LA\n\
2026-11-30,11:00,11:30,W1,remote,FB,,,,\n\
2026-11-30,12:00,00:00,W2,supported,FA,M1,,R1,U1\n"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rows.lines, [2, 4, 5, 6, 7, 8]);
        let a = &r.activities;
        assert_eq!(a.len(), 6);
        assert_eq!(a[0].kind, ActivityKind::Travel);
        assert_eq!(a[0].location, Some(tiny::HOME_A));
        assert_eq!((a[1].partner, a[2].partner), (Some(1), Some(0)));
        assert_eq!(
            a[1].span, a[2].span,
            "Finnish dates and times read the same"
        );
        assert_eq!(a[4].location, None, "a remote session has no place");
        assert_eq!(a[4].family, Some(tiny::FB));
        assert_eq!(a[5].span.end, 1440, "an end of 00:00 is 24:00");
        assert_eq!(a[5].meeting, Some(0));
        assert_eq!(a[5].family, Some(p.meetings[0].family));
        assert_eq!(a[5].room, Some(0));
    }

    #[test]
    fn every_problem_is_reported_in_one_pass_with_line_and_column() {
        let e = read(&format!(
            "{HEADER}\
2026-12-07,08:00,08:20,W1,travel,,,,,LA\n\
2026-11-30,10:00,09:00,W9,home_visit,FA,,,,LA\n\
2026-11-30,10:00,11:00,W1,visit,FA,,,,LA\n\
2026-11-30,10:00,11:00,W1,supported,FB,M9,,R9,X\n\
2026-11-30,10:00,11:00,W1,remote,FA,,,,LA\n\
2026-11-30,10:00,11:00,W1,travel,FA,,,,\n\
2026-11-30,10:00,11:00,W1,joint_visit,FA,,,,LA\n\
2026-11-30,10:00,11:00,W1,supported,FB,M1,,R1,U1\n\
2026-11-30,25:00,11:00,W1,home_visit,,,,,LA\n"
        ))
        .unwrap_err();
        let got: Vec<(usize, ErrorCode, &str)> =
            e.0.iter()
                .map(|e| (e.line.unwrap(), e.code, e.column.as_deref().unwrap()))
                .collect();
        use ErrorCode::*;
        assert_eq!(
            got,
            [
                (2, OutsideWeek, "date"),
                (3, EndNotAfterStart, "end"),
                (3, UnknownWorker, "worker_id"),
                (4, BadKind, "kind"),
                (5, UnknownMeeting, "meeting_id"),
                (5, UnknownRoom, "room_id"),
                (5, UnknownLocation, "location_id"),
                (6, KindMismatch, "location_id"),
                (7, MissingValue, "location_id"),
                (7, KindMismatch, "family_id"),
                (8, MissingValue, "partner_worker_id"),
                (9, KindMismatch, "family_id"),
                (10, BadTime, "start"),
                (10, MissingValue, "family_id"),
            ],
            "{e}"
        );
        assert!(e.0[0].to_string().starts_with(&format!(
            "{}:2: error[E017 outside-week] column \"date\": found \"2026-12-07\"",
            e.0[0].file
        )));
        assert!(e.0[0].file.ends_with("roster.csv"));
    }

    #[test]
    fn the_file_and_its_header_are_checked_like_a_plan_table() {
        let e = read("").unwrap_err();
        assert_eq!(e.0[0].code, ErrorCode::EmptyFile);
        let e = read("date,start,end,worker,kind\n").unwrap_err();
        assert_eq!(
            e.0.iter().map(|e| e.code).collect::<Vec<_>>(),
            [ErrorCode::MisspeltColumn]
        );
        let (r, rows) = read("date;start;end;worker_id;kind;location_id;notes\n2026-11-30;8.00;8.20;W1;travel;LA;drive\n")
            .unwrap();
        assert_eq!(r.activities.len(), 1);
        assert_eq!(rows.ignored, ["notes"]);
        let dir = tempfile::tempdir().unwrap();
        let e = read_roster(&tiny::problem(), &dir.path().join("none.csv")).unwrap_err();
        assert_eq!(e.0[0].code, ErrorCode::MissingFile);
        let e = read_roster(&tiny::problem(), dir.path()).unwrap_err();
        assert_eq!(e.0[0].code, ErrorCode::NotRegularFile);
    }

    #[test]
    fn a_row_that_repeats_another_is_refused_naming_both_lines() {
        // Lines 2, 4 and 5 are the same visit (line 4 in Finnish notation, which reads the
        // same); line 3 differs by its worker only.
        let e = read(&format!(
            "{HEADER}\
2026-11-30,08:20,09:20,W1,home_visit,FA,,,,LA\n\
2026-11-30,08:20,09:20,W2,home_visit,FA,,,,LA\n\
30.11.2026,8.20,9.20,W1,home_visit,FA,,,,LA\n\
2026-11-30,08:20,09:20,W1,home_visit,FA,,,,LA\n"
        ))
        .unwrap_err();
        let got: Vec<(usize, ErrorCode)> = e.0.iter().map(|e| (e.line.unwrap(), e.code)).collect();
        assert_eq!(
            got,
            [(4, ErrorCode::DuplicateRow), (5, ErrorCode::DuplicateRow)],
            "{e}"
        );
        let text = e.0[1].to_string();
        assert!(
            text.contains(":5: error[E051 duplicate-row]: found \"2026-11-30 08:20-09:20 W1 home_visit FA LA\", expected a row of its own: line 5 repeats line 2"),
            "{text}"
        );
        assert!(e.0[0].to_string().contains("line 4 repeats line 2"), "{e}");
    }

    #[test]
    fn repeated_rows_are_found_in_linear_time_one_error_each() {
        // 20 000 copies of one row: 19 999 errors, each naming line 2 (a quadratic check of
        // every pair would be 2 * 10^8 comparisons; this takes milliseconds).
        let row = "2026-11-30,08:20,09:20,W1,home_visit,FA,,,,LA\n";
        let e = read(&format!("{HEADER}{}", row.repeat(20_000))).unwrap_err();
        assert_eq!(e.0.len(), 19_999);
        assert!(e.0.iter().all(|e| e.code == ErrorCode::DuplicateRow));
        assert_eq!(e.0[0].line, Some(3));
        assert_eq!(e.0[19_998].line, Some(20_001));
        assert!(e.0[19_998].expected.contains("line 20001 repeats line 2"));
    }

    #[test]
    fn last_weeks_roster_with_a_repeated_row_is_refused_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("last.csv");
        // A week earlier; W9 is no worker of the plan (its rows are skipped, but a repeat of
        // one is still a repeat).
        std::fs::write(
            &path,
            format!(
                "{HEADER}\
2026-11-23,08:20,09:20,W1,home_visit,FA,,,,LA\n\
2026-11-23,10:00,11:00,W9,home_visit,FA,,,,LA\n\
2026-11-23,08:20,09:20,W1,home_visit,FA,,,,LA\n\
2026-11-23,10:00,11:00,W9,home_visit,FA,,,,LA\n"
            ),
        )
        .unwrap();
        let e = read_last_week(&tiny::problem(), &path).unwrap_err();
        let got: Vec<(usize, ErrorCode)> = e.0.iter().map(|e| (e.line.unwrap(), e.code)).collect();
        assert_eq!(
            got,
            [(4, ErrorCode::DuplicateRow), (5, ErrorCode::DuplicateRow)]
        );
        assert!(e.0[1].expected.contains("line 5 repeats line 3"), "{e}");
    }
}
