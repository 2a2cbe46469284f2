//! `calendar/<worker_id>.ics` (issue 16, part 4) through the built binary: a planned week's
//! calendars read back (with the icalendar crate's parser and a strict line check) hold one
//! event per non-travel row of the worker at the row's times, and say only what the row names
//! (case codes, ids, the location's name, the row's `source`); UIDs are the same for the same
//! activity in another run and after a `replan`, which cancels the events it removes (same UID,
//! `STATUS:CANCELLED`) and sends every event again with a higher `SEQUENCE` (issue 26, item 6);
//! a worker id that is no safe file name stays inside the folder.

mod common;

use caseload::model::Problem;
use common::caseload;
use icalendar::{Calendar, CalendarComponent, Component};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A row of roster.csv as written (`,`-separated, no field holds a comma in these plans).
#[derive(Debug, Clone)]
struct Row {
    date: String,
    start: String,
    end: String,
    worker: String,
    kind: String,
    family: String,
    meeting: String,
    partner: String,
    room: String,
    location: String,
    source: String,
}

fn roster(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "date,start,end,worker_id,kind,family_id,meeting_id,partner_worker_id,room_id,location_id,source"
        )
    );
    lines
        .map(|l| {
            let f: Vec<String> = l.split(',').map(str::to_owned).collect();
            assert_eq!(f.len(), 11, "{l}");
            Row {
                date: f[0].clone(),
                start: f[1].clone(),
                end: f[2].clone(),
                worker: f[3].clone(),
                kind: f[4].clone(),
                family: f[5].clone(),
                meeting: f[6].clone(),
                partner: f[7].clone(),
                room: f[8].clone(),
                location: f[9].clone(),
                source: f[10].clone(),
            }
        })
        .collect()
}

/// `2026-12-01` and `08:30` as an iCalendar floating date-time; `24:00` is the next midnight.
fn ical_time(date: &str, time: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let (h, m) = time.split_once(':').unwrap();
    let (h, m): (i64, i64) = (h.parse().unwrap(), m.parse().unwrap());
    let t = d.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(h * 60 + m);
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// One event as read back: its properties by name (text unescaped by the parser).
type Event = BTreeMap<String, String>;

/// The strict check of RFC 5545's syntax that a calendar app relies on: CRLF line ends only,
/// content lines of at most 75 octets (folded with a leading space), `NAME:` or `NAME;` on
/// every unfolded line, BEGIN/END properly nested (a VCALENDAR of VEVENTs), VERSION and PRODID.
fn strict_lines(name: &str, text: &str) {
    assert!(text.ends_with("\r\n"), "{name}: no CRLF at the end");
    let body = &text[..text.len() - 2];
    let mut unfolded: Vec<String> = Vec::new();
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "{name}: a bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{name}: {} octets: {line:?}", line.len());
        match line.strip_prefix(' ') {
            Some(rest) => unfolded
                .last_mut()
                .unwrap_or_else(|| panic!("{name}: starts with a continuation"))
                .push_str(rest),
            None => unfolded.push(line.to_owned()),
        }
    }
    let mut stack: Vec<String> = Vec::new();
    for line in &unfolded {
        let end = line
            .find([':', ';'])
            .unwrap_or_else(|| panic!("{name}: {line:?}"));
        let prop = &line[..end];
        assert!(
            !prop.is_empty()
                && prop
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
            "{name}: property name {prop:?}"
        );
        if let Some(c) = line.strip_prefix("BEGIN:") {
            let expected = if stack.is_empty() {
                "VCALENDAR"
            } else {
                "VEVENT"
            };
            assert_eq!(c, expected, "{name}: BEGIN inside {stack:?}");
            assert!(stack.len() < 2, "{name}: nested too deep");
            stack.push(c.to_owned());
        } else if let Some(c) = line.strip_prefix("END:") {
            assert_eq!(stack.pop().as_deref(), Some(c), "{name}: END:{c} unmatched");
        } else {
            assert!(!stack.is_empty(), "{name}: {line:?} outside VCALENDAR");
        }
    }
    assert!(stack.is_empty(), "{name}: {stack:?} not ended");
    assert_eq!(
        unfolded.first().map(String::as_str),
        Some("BEGIN:VCALENDAR")
    );
    assert_eq!(unfolded.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(unfolded.iter().any(|l| l == "VERSION:2.0"), "{name}");
    assert!(unfolded.iter().any(|l| l.starts_with("PRODID:")), "{name}");
}

/// The events of one calendar file, read with the crate's parser after the strict check.
fn events(name: &str, text: &str) -> Vec<Event> {
    strict_lines(name, text);
    let cal: Calendar = text
        .parse()
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    assert_eq!(cal.property_value("VERSION"), Some("2.0"));
    cal.components
        .iter()
        .map(|c| match c {
            CalendarComponent::Event(e) => e
                .properties()
                .iter()
                .map(|(k, p)| (k.clone(), p.value().to_owned()))
                .collect(),
            other => panic!("{name}: not an event: {other:?}"),
        })
        .collect()
}

/// Every calendar file of an output folder: file name inside `calendar/` → its events.
fn calendars(out: &Path) -> BTreeMap<String, Vec<Event>> {
    let dir = out.join("calendar");
    let mut all = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let e = e.unwrap();
        assert!(e.file_type().unwrap().is_file(), "{:?}", e.path());
        let name = e.file_name().to_string_lossy().into_owned();
        let text = String::from_utf8(std::fs::read(e.path()).unwrap()).unwrap();
        all.insert(name.clone(), events(&name, &text));
    }
    all
}

fn kind_words(kind: &str) -> &'static str {
    match kind {
        "home_visit" => "Home visit",
        "joint_visit" => "Joint visit",
        "remote" => "Remote session",
        "supervised" => "Supervised meeting",
        "supported" => "Supported meeting",
        "exchange" => "Exchange meeting",
        "break" => "Break",
        other => panic!("no event for a {other} row"),
    }
}

/// What the event of `row` must say, property by property: times, SUMMARY, LOCATION and
/// DESCRIPTION, built from the row and the plan's ids and location names alone.
fn expected(p: &Problem, r: &Row) -> Event {
    let mut summary = kind_words(&r.kind).to_owned();
    let subject = if r.meeting.is_empty() {
        &r.family
    } else {
        &r.meeting
    };
    if !subject.is_empty() {
        summary.push_str(&format!(" {subject}"));
    }
    if !r.partner.is_empty() {
        summary.push_str(&format!(" with {}", r.partner));
    }
    if !r.room.is_empty() {
        summary.push_str(&format!(", room {}", r.room));
    }
    let mut description = vec![format!("kind: {}", r.kind)];
    let mut family = r.family.clone();
    if !r.meeting.is_empty() {
        description.push(format!("meeting: {}", r.meeting));
        let m = p.meetings.iter().find(|m| m.id == r.meeting).unwrap();
        family = p.families[m.family].id.clone();
    }
    if !family.is_empty() {
        description.push(format!("family: {family}"));
    }
    if !r.partner.is_empty() {
        description.push(format!("partner: {}", r.partner));
    }
    if !r.room.is_empty() {
        let room = p.rooms.iter().find(|x| x.id == r.room).unwrap();
        description.push(format!("room: {} ({})", room.id, room.name));
    }
    if !r.location.is_empty() {
        description.push(format!("location: {}", r.location));
    }
    if !r.source.is_empty() {
        description.push(format!("source: {}", r.source));
    }
    let mut e = Event::new();
    e.insert("STATUS".into(), "CONFIRMED".into());
    e.insert("DTSTART".into(), ical_time(&r.date, &r.start));
    e.insert("DTEND".into(), ical_time(&r.date, &r.end));
    e.insert("SUMMARY".into(), summary);
    e.insert("DESCRIPTION".into(), description.join("\n"));
    let place = if r.kind == "remote" {
        Some("remote".to_owned())
    } else {
        p.locations
            .iter()
            .find(|l| l.id == r.location)
            .map(|l| l.name.clone())
    };
    if let Some(place) = place {
        e.insert("LOCATION".into(), place);
    }
    e
}

/// The identity of an event: who, when, what kind, for whom, where (its description without
/// partner, room and source).
fn identity(e: &Event) -> String {
    let identity: Vec<&str> = e["DESCRIPTION"]
        .lines()
        .filter(|l| {
            ["partner: ", "room: ", "source: "]
                .iter()
                .all(|p| !l.starts_with(p))
        })
        .collect();
    format!("{} {} {}", e["DTSTART"], e["DTEND"], identity.join(" "))
}

/// What an output folder's calendars hold, checked against its roster.csv.
struct Checked {
    /// (worker id, identity of the activity) → UID of its event.
    uids: BTreeMap<(String, String), String>,
    /// (worker id, UID) → identity of each cancelled event.
    cancelled: BTreeMap<(String, String), String>,
}

/// Checks an output folder's calendars against its roster.csv: a file per worker with a
/// non-travel row (or a cancelled event), named by the worker id (`stem`), each holding exactly
/// one confirmed event per such row with the row's times and words and nothing else, then the
/// cancelled events (summary `Cancelled: …`); every UID unique; DTSTAMP the week's Monday 00:00
/// UTC; every event's SEQUENCE `sequence`.
fn check_against_roster(
    p: &Problem,
    out: &Path,
    stem: &dyn Fn(&str) -> String,
    sequence: u32,
) -> Checked {
    let rows = roster(&out.join("roster.csv"));
    let cals = calendars(out);
    let mut by_worker: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.kind != "travel") {
        by_worker.entry(r.worker.clone()).or_default().push(r);
    }
    let files: BTreeSet<String> = by_worker
        .keys()
        .map(|w| format!("{}.ics", stem(w)))
        .collect();
    assert!(
        files.iter().all(|f| cals.contains_key(f)),
        "one calendar per worker with a non-travel row"
    );
    let mut checked = Checked {
        uids: BTreeMap::new(),
        cancelled: BTreeMap::new(),
    };
    let mut all_uids = BTreeSet::new();
    let stamp = format!("{}T000000Z", p.settings.week.date(0).format("%Y%m%d"));
    let of_file: BTreeMap<String, String> = p
        .workers
        .iter()
        .map(|w| (format!("{}.ics", stem(&w.id)), w.id.clone()))
        .collect();
    for (file, events) in &cals {
        let worker = of_file[file].clone();
        let rows = by_worker.get(&worker).map_or(&[][..], Vec::as_slice);
        let mut want: Vec<Event> = rows.iter().map(|r| expected(p, r)).collect();
        let mut got: Vec<Event> = Vec::new();
        for e in events {
            let mut e = e.clone();
            let uid = e.remove("UID").expect("a UID");
            assert!(uid.ends_with("@caseload"), "{uid}");
            assert!(all_uids.insert(uid.clone()), "UID {uid} twice");
            assert_eq!(e.remove("DTSTAMP").as_deref(), Some(stamp.as_str()));
            assert_eq!(
                e.remove("SEQUENCE"),
                Some(sequence.to_string()),
                "{file} {uid}"
            );
            let key = identity(&e);
            if e["STATUS"] == "CANCELLED" {
                assert!(e["SUMMARY"].starts_with("Cancelled: "), "{e:?}");
                assert!(!e["DESCRIPTION"].contains("source: "), "{e:?}");
                checked.cancelled.insert((worker.clone(), uid), key);
                continue;
            }
            assert!(
                checked.uids.insert((worker.clone(), key), uid).is_none(),
                "two events of one identity"
            );
            got.push(e);
        }
        want.sort();
        got.sort();
        assert_eq!(got, want, "calendar of {worker}");
    }
    checked
}

fn plan_problem(plan: &Path) -> Problem {
    caseload::io::load_plan(plan).expect("the plan reads")
}

fn calendar_bytes(out: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(out.join("calendar"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_planned_week_gives_each_worker_one_event_per_row_and_stable_uids_through_a_replan() {
    let (dir, plan) = common::generated_plan(6, 16, 4, 0.7);
    let d = dir.path();
    let p = plan_problem(&plan);
    let ps = plan.to_str().unwrap();
    let plain = |id: &str| id.to_owned();
    for out in ["one", "two"] {
        caseload(d, &["plan", ps, "--out", out, "--time-limit", "2"]).expect_code(0);
    }
    let one = check_against_roster(&p, &d.join("one"), &plain, 0);
    let two = check_against_roster(&p, &d.join("two"), &plain, 0);
    assert!(one.cancelled.is_empty() && two.cancelled.is_empty());
    let (one, two) = (one.uids, two.uids);
    assert!(one.len() > 20, "a real week: {} events", one.len());
    // The same activity has the same UID in another run; a UID is never another activity's.
    let common_keys = one.keys().filter(|k| two.contains_key(*k)).count();
    assert!(common_keys > 0);
    for (k, uid) in &one {
        if let Some(other) = two.get(k) {
            assert_eq!(uid, other, "{k:?}");
        }
    }
    let by_uid: BTreeMap<&String, &(String, String)> = one.iter().map(|(k, u)| (u, k)).collect();
    for (k, uid) in &two {
        if let Some(k1) = by_uid.get(uid) {
            // Another activity only as the same slot: worker, date, kind and family or
            // meeting, at another time of the day.
            assert_eq!(slot(k1), slot(k), "UID {uid} names two activities");
        }
    }
    // The same roster gives the same bytes.
    if std::fs::read(d.join("one/roster.csv")).unwrap()
        == std::fs::read(d.join("two/roster.csv")).unwrap()
    {
        assert_eq!(
            calendar_bytes(&d.join("one")),
            calendar_bytes(&d.join("two"))
        );
    }
    // The manifest lists every calendar, and nothing else is in the folder.
    let manifest = caseload::io::folder::Manifest::read(&d.join("one")).unwrap();
    let listed: BTreeSet<String> = manifest
        .files
        .iter()
        .filter_map(|f| f.path.strip_prefix("calendar/").map(str::to_owned))
        .collect();
    assert_eq!(
        listed,
        calendar_bytes(&d.join("one"))
            .into_keys()
            .collect::<BTreeSet<_>>()
    );

    // Replanned from Wednesday noon with the first worker off on Thursday and Friday: every activity the replan
    // keeps keeps its UID, the past ones first of all; an activity moved within its day keeps
    // the UID of its slot; every event of the plan whose UID the replan no longer holds is
    // there cancelled, at its old time; every event has the replan's SEQUENCE.
    let wid = &p.workers[0].id;
    std::fs::write(
        plan.join("availability.csv"),
        format!(
            "worker_id,date,start,end,kind\n{wid},2026-12-03,,,absent\n{wid},2026-12-04,,,absent\n"
        ),
    )
    .unwrap();
    caseload(
        d,
        &[
            "replan",
            ps,
            "--roster",
            "one/roster.csv",
            "--from",
            "2026-12-02T12:00",
            "--out",
            "re",
            "--time-limit",
            "2",
        ],
    )
    .expect_code(0);
    let p = plan_problem(&plan);
    let replanned = check_against_roster(&p, &d.join("re"), &plain, 1 + 2 * 1440 + 720);
    let re = &replanned.uids;
    let past: Vec<&(String, String)> = one
        .keys()
        .filter(|(_, key)| key < &"20261202T1200".to_string())
        .collect();
    assert!(!past.is_empty());
    for k in past {
        assert_eq!(
            re.get(k),
            one.get(k),
            "a past activity keeps its UID: {k:?}"
        );
    }
    let mut kept = 0;
    for (k, uid) in re {
        if let Some(before) = one.get(k) {
            assert_eq!(uid, before, "{k:?}");
            kept += 1;
        } else if let Some(k1) = by_uid.get(uid) {
            assert_eq!(slot(k1), slot(k), "UID {uid} names two activities");
            assert!(!re.contains_key(*k1), "{k1:?} is still there");
        }
    }
    assert!(kept > 0);
    let live: BTreeSet<&String> = re.values().collect();
    let gone: BTreeMap<(String, String), String> = one
        .iter()
        .filter(|(_, uid)| !live.contains(uid))
        .map(|((w, key), uid)| ((w.clone(), uid.clone()), key.clone()))
        .collect();
    assert!(
        gone.keys().any(|(w, _)| w == wid),
        "W01's visits after the moment are gone"
    );
    assert_eq!(replanned.cancelled, gone);
}

/// The slot of an event's key (worker, identity): worker, date, and what the description says
/// but the place.
fn slot(k: &(String, String)) -> (String, String, Vec<String>) {
    let mut words = k.1.split(' ');
    let date = words.next().unwrap_or("")[..8].to_owned();
    let _end = words.next();
    let what = words
        .collect::<Vec<_>>()
        .join(" ")
        .split("location:")
        .next()
        .unwrap_or("")
        .split(' ')
        .map(str::to_owned)
        .collect();
    (k.0.clone(), date, what)
}

#[test]
fn the_calendars_name_no_one_and_nothing_of_a_family_but_its_case_code() {
    let dir = common::small_plan();
    let d = dir.path();
    caseload(d, &["plan", ".", "--out", "out", "--time-limit", "2"]).expect_code(0);
    let p = plan_problem(d);
    // Every property of every event is what the row names (checked word for word).
    check_against_roster(&p, &d.join("out"), &|id: &str| id.to_owned(), 0);
    let text: String = calendar_bytes(&d.join("out"))
        .into_values()
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    for w in &p.workers {
        assert!(
            !text.contains(&w.name),
            "worker name {:?} in a calendar",
            w.name
        );
    }
    for f in &p.families {
        assert!(
            !text.contains(&f.service),
            "a family's service in a calendar"
        );
    }
    for key in ["EMAIL", "ATTENDEE", "ORGANIZER", "CONTACT", "GEO", "URL"] {
        assert!(!text.contains(&format!("\r\n{key}")), "{key} in a calendar");
    }
}

#[test]
fn worker_ids_that_are_no_safe_file_names_stay_inside_the_calendar_folder() {
    let dir = common::small_plan();
    let d = dir.path();
    // Ids the readers accept (no control character, no formula start) but no file system
    // would take as they are: a path that climbs out, and a Windows device name.
    let climbing = "../..\\W01:x";
    for file in ["workers.csv", "families.csv", "availability.csv"] {
        let path = d.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("W01", climbing).replace("W02", "con")).unwrap();
    }
    caseload(d, &["plan", ".", "--out", "out", "--time-limit", "2"]).expect_code(0);
    let p = plan_problem(d);
    let stem = |id: &str| match id {
        "../..\\W01:x" => "%2E.%2F..%5CW01%3Ax".to_owned(),
        "con" => "%63on".to_owned(),
        other => other.to_owned(),
    };
    check_against_roster(&p, &d.join("out"), &stem, 0);
    let names: BTreeSet<String> = calendar_bytes(&d.join("out")).into_keys().collect();
    assert!(names.contains("%63on.ics"), "{names:?}");
    assert!(names.contains("%2E.%2F..%5CW01%3Ax.ics"), "{names:?}");
    // Nothing landed beside the output or the calendar folder.
    let mut beside: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".csv") && n != "plan.toml")
        .collect();
    beside.sort();
    assert_eq!(beside, [".out.caseload-lock", "out"]);
    let mut inside: Vec<String> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    inside.sort();
    assert!(
        inside
            .iter()
            .all(|n| !n.ends_with(".ics") && !n.contains("W01")),
        "{inside:?}"
    );
}

/// An event of a calendar file as (UID, STATUS, SEQUENCE, DTSTART, DTEND, SUMMARY).
fn brief(e: &Event) -> [String; 6] {
    ["UID", "STATUS", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY"].map(|k| e[k].clone())
}

#[test]
fn a_replan_cancels_the_visit_it_removes_and_moves_the_other_under_its_uid() {
    use common::agreed::{self, AGREED_ROSTER, REPLANNED_ROSTER, SICK_MOMENT};
    let dir = agreed::agreed_week();
    let d = dir.path();
    caseload(d, &["plan", ".", "--out", "out", "--time-limit", "5"]).expect_code(0);
    assert_eq!(
        std::fs::read_to_string(d.join("out/roster.csv")).unwrap(),
        AGREED_ROSTER
    );
    let plain = |id: &str| id.to_owned();
    let p = plan_problem(d);
    check_against_roster(&p, &d.join("out"), &plain, 0);
    let text =
        |out: &str| String::from_utf8(calendar_bytes(&d.join(out))["W1.ics"].clone()).unwrap();
    let before: Vec<[String; 6]> = events("out", &text("out")).iter().map(brief).collect();
    let uid = |i: usize| before[i][0].clone();
    let confirmed = |i: usize, seq: &str, start: &str, end: &str, summary: &str| {
        [
            uid(i),
            "CONFIRMED".into(),
            seq.into(),
            start.into(),
            end.into(),
            summary.into(),
        ]
    };
    assert_eq!(
        before,
        [
            confirmed(
                0,
                "0",
                "20261201T100000",
                "20261201T120000",
                "Home visit F1"
            ),
            confirmed(
                1,
                "0",
                "20261202T090000",
                "20261202T100000",
                "Home visit F2"
            ),
            confirmed(
                2,
                "0",
                "20261203T090000",
                "20261203T100000",
                "Home visit F3"
            ),
        ]
    );

    // Tuesday 11:00: F2 can be seen only at 13:00 now, W1 is off on Thursday.
    agreed::tuesday_news(d);
    caseload(
        d,
        &[
            "replan",
            ".",
            "--roster",
            "out/roster.csv",
            "--from",
            SICK_MOMENT,
            "--out",
            "re",
            "--time-limit",
            "5",
        ],
    )
    .expect_code(0);
    assert_eq!(
        std::fs::read_to_string(d.join("re/roster.csv")).unwrap(),
        REPLANNED_ROSTER
    );
    let p = plan_problem(d);
    // 1 + the minutes from Monday 00:00 to Tuesday 11:00.
    let seq = 1 + 1440 + 11 * 60;
    let checked = check_against_roster(&p, &d.join("re"), &plain, seq);
    assert_eq!(checked.cancelled.len(), 1);
    let after: Vec<[String; 6]> = events("re", &text("re")).iter().map(brief).collect();
    let seq = seq.to_string();
    assert_eq!(
        after,
        [
            // What happened: the same event, sent again with the higher number.
            confirmed(
                0,
                &seq,
                "20261201T100000",
                "20261201T120000",
                "Home visit F1"
            ),
            // Moved within its day: the same UID at the new time.
            confirmed(
                1,
                &seq,
                "20261202T130000",
                "20261202T140000",
                "Home visit F2"
            ),
            // Removed: the same UID, cancelled, at its old time.
            [
                uid(2),
                "CANCELLED".into(),
                seq.clone(),
                "20261203T090000".into(),
                "20261203T100000".into(),
                "Cancelled: Home visit F3".into(),
            ],
        ]
    );
}
