//! `calendar/<worker_id>.ics`: each worker's week as an iCalendar file (RFC 5545), to import
//! into or subscribe to from a phone's calendar.
//!
//! One `VEVENT` per home visit, joint visit (naming the partner worker's id), remote session,
//! meeting (naming the room) and break of the worker; travel is no event. What an event says is
//! ids, kinds and place names only: the family's case code, the meeting's id, the partner's and
//! the room's ids, the location's `name` (or `remote`). No worker's name appears, not even the
//! worker's own.
//!
//! Times are floating local times (`DTSTART:20261130T080000`, no `Z`, no `TZID`): the plan's
//! times are local times with no zone (SPEC), and a floating time is shown at that clock time
//! in whatever zone the phone is in. A `TZID=Europe/Helsinki` would need a `VTIMEZONE`
//! component of its own (RFC 5545 §3.2.19), which the crate does not write.
//!
//! The file is deterministic, so outputs stay byte-identical across runs:
//! - `UID` is a hash (SHA-256, the first 32 hex digits) of what the activity is — worker id,
//!   date, start, end, kind, family id, meeting id, location id — plus `@caseload`. The same
//!   activity gets the same `UID` in any run, so a `replan` that keeps an activity keeps its
//!   event, and calendar apps update rather than duplicate. Partner and room are not part of
//!   it (a new partner on the same visit is the same event, with a new summary).
//! - `DTSTAMP` is the planned week's Monday at 00:00 UTC, not the time of the run.

use crate::model::{Activity, ActivityKind, Problem, Roster};
use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The folder inside an output folder that holds the calendars.
pub const FOLDER: &str = "calendar";

/// Files (path inside the output folder, contents) of every worker who has at least one event:
/// `calendar/<file stem>.ics`, the stem made from the worker id by [`file_stems`].
pub fn calendar_files(p: &Problem, roster: &Roster) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut by_worker: BTreeMap<usize, Vec<&Activity>> = BTreeMap::new();
    for a in &roster.activities {
        if a.kind != ActivityKind::Travel && a.worker < p.workers.len() {
            by_worker.entry(a.worker).or_default().push(a);
        }
    }
    let stems = file_stems(by_worker.keys().map(|&w| p.workers[w].id.as_str()));
    let mut files = Vec::new();
    for (w, acts) in by_worker {
        let id = p.workers[w].id.as_str();
        let stem = stems.get(id).cloned().unwrap_or_else(|| hashed(id, ""));
        files.push((
            format!("{FOLDER}/{stem}.ics"),
            worker_calendar(p, w, &acts)?.into_bytes(),
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The `DTSTAMP` of every event: the planned week's Monday at 00:00 UTC.
pub fn stamp(p: &Problem) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&p.settings.week.date(0).and_time(NaiveTime::MIN))
}

/// The local date and time of minute `minute` (0..=1440) of day `day` of the planned week;
/// 24:00 is the next day's 00:00.
fn local(p: &Problem, day: usize, minute: u32) -> NaiveDateTime {
    p.settings.week.date(day).and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute))
}

/// The words of a kind at the start of a summary.
fn kind_words(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::HomeVisit => "Home visit",
        ActivityKind::JointVisit => "Joint visit",
        ActivityKind::Remote => "Remote session",
        ActivityKind::Supervised => "Supervised meeting",
        ActivityKind::Supported => "Supported meeting",
        ActivityKind::Exchange => "Exchange meeting",
        ActivityKind::Travel => "Travel",
        ActivityKind::Break => "Break",
    }
}

/// What identifies an activity for its `UID`: worker id, date, start, end, kind, family id,
/// meeting id, location id (empty for a remote session), separated by U+001F (no id holds a
/// control character, see `io::text`).
fn identity(p: &Problem, a: &Activity) -> String {
    let id = |v: Option<&str>| v.unwrap_or("").to_owned();
    [
        p.workers[a.worker].id.clone(),
        p.settings.week.date(a.day).to_string(),
        a.span.start.to_string(),
        a.span.end.to_string(),
        a.kind.as_str().to_owned(),
        id(a.family
            .and_then(|f| p.families.get(f))
            .map(|f| f.id.as_str())),
        id(a.meeting
            .and_then(|m| p.meetings.get(m))
            .map(|m| m.id.as_str())),
        id(location_of(a)
            .and_then(|l| p.locations.get(l))
            .map(|l| l.id.as_str())),
    ]
    .join("\u{1f}")
}

/// The stable `UID` of an activity (see the module documentation).
pub fn uid(p: &Problem, a: &Activity) -> String {
    let digest = Sha256::digest(format!("caseload calendar 1\u{1f}{}", identity(p, a)));
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@caseload")
}

/// Where the worker is during the activity; a remote session is nowhere.
fn location_of(a: &Activity) -> Option<usize> {
    a.location.filter(|_| a.kind != ActivityKind::Remote)
}

fn worker_calendar(p: &Problem, w: usize, acts: &[&Activity]) -> Result<String, String> {
    let mut acts = acts.to_vec();
    acts.sort_by_key(|a| (a.day, a.span.start, a.span.end, a.kind, a.family, a.meeting));
    let worker = &p.workers[w].id;
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//caseload//week calendar//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    // RFC 7986's NAME (the crate writes it unescaped, so it is escaped here) and the
    // X-WR-CALNAME most apps read (escaped by the crate as every X- property).
    let name = format!("caseload {worker} {}", p.settings.week);
    cal.append_property(("NAME", escape_text(&name).as_str()));
    cal.append_property(("X-WR-CALNAME", name.as_str()));
    let stamp = stamp(p);
    let mut used: BTreeSet<String> = BTreeSet::new();
    for a in acts {
        // Two rows alike in every identifying field would share a UID; the later one gets a
        // suffix, in a fixed order, so every UID of the file is unique.
        let base = uid(p, a);
        let mut uid = base.clone();
        let mut n = 2;
        while used.contains(&uid) {
            uid = base.replace("@caseload", &format!("-{n}@caseload"));
            n += 1;
        }
        used.insert(uid.clone());
        let mut event = icalendar::Event::new();
        event
            .uid(&uid)
            .timestamp(stamp)
            .starts(local(p, a.day, a.span.start))
            .ends(local(p, a.day, a.span.end))
            .summary(&summary(p, a))
            .description(&description(p, a));
        if let Some(place) = place(p, a) {
            event.location(&place);
        }
        cal.push(event.done());
    }
    let mut text = String::new();
    std::fmt::Write::write_fmt(&mut text, format_args!("{cal}"))
        .map_err(|_| format!("the calendar of worker {worker} could not be rendered"))?;
    Ok(text)
}

/// RFC 5545's TEXT escaping (§3.3.11) for a property the crate does not know as text.
fn escape_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// `LOCATION`: the location's name, `remote` for a remote session, nothing when the row has no
/// place.
fn place(p: &Problem, a: &Activity) -> Option<String> {
    if a.kind == ActivityKind::Remote {
        return Some("remote".into());
    }
    location_of(a)
        .and_then(|l| p.locations.get(l))
        .map(|l| l.name.clone())
}

/// `SUMMARY`: the kind and the family's case code or the meeting's id, the partner of a joint
/// visit, the room of a meeting.
fn summary(p: &Problem, a: &Activity) -> String {
    let mut s = kind_words(a.kind).to_owned();
    let family = a.family.and_then(|f| p.families.get(f));
    let meeting = a.meeting.and_then(|m| p.meetings.get(m));
    if let Some(m) = meeting {
        s.push_str(&format!(" {}", m.id));
    } else if let Some(f) = family {
        s.push_str(&format!(" {}", f.id));
    }
    if let Some(partner) = a.partner.and_then(|w| p.workers.get(w)) {
        s.push_str(&format!(" with {}", partner.id));
    }
    if let Some(room) = a.room.and_then(|r| p.rooms.get(r)) {
        s.push_str(&format!(", room {}", room.id));
    }
    s
}

/// `DESCRIPTION`: one `field: value` line each for what the row names (ids, and the room's
/// name), for people and for scripts.
fn description(p: &Problem, a: &Activity) -> String {
    let mut lines = vec![format!("kind: {}", a.kind.as_str())];
    let meeting = a.meeting.and_then(|m| p.meetings.get(m));
    let family = a
        .family
        .or(meeting.map(|m| m.family))
        .and_then(|f| p.families.get(f));
    if let Some(m) = meeting {
        lines.push(format!("meeting: {}", m.id));
    }
    if let Some(f) = family {
        lines.push(format!("family: {}", f.id));
    }
    if let Some(partner) = a.partner.and_then(|w| p.workers.get(w)) {
        lines.push(format!("partner: {}", partner.id));
    }
    if let Some(room) = a.room.and_then(|r| p.rooms.get(r)) {
        lines.push(format!("room: {} ({})", room.id, room.name));
    }
    if let Some(l) = location_of(a).and_then(|l| p.locations.get(l)) {
        lines.push(format!("location: {}", l.id));
    }
    lines.join("\n")
}

/// Most bytes of a file stem before it is cut and hashed.
const STEM_LIMIT: usize = 100;

/// Windows' reserved device names, which are no file name there with any extension.
const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// A file stem for each id that is a safe file name on every common system, and distinct for
/// distinct ids even where names are compared without case:
/// - ASCII letters, digits, `-` and `_` stay; `.` stays except first; every other byte
///   (a path separator, a space, `%`, `~`, `:` and the other characters Windows refuses, every
///   non-ASCII letter) is written `%XX` (its UTF-8 bytes, upper-case hex), so the stem never
///   holds a separator, never starts with a dot (no `.`, `..` or hidden file) and reads back
///   to the id;
/// - a Windows device name (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, in any
///   case, with or without a further extension) has its first letter escaped;
/// - a stem longer than 100 bytes, and every stem equal to another one but for case, is cut to
///   80 bytes and ends in `~` and 16 hex digits of the id's SHA-256 (`~` is otherwise always
///   escaped, so such a stem never meets a plain one).
pub fn file_stems<'a>(ids: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let ids: BTreeSet<&str> = ids.into_iter().collect();
    let plain: BTreeMap<&str, String> = ids.iter().map(|&id| (id, escaped(id))).collect();
    let mut folded: BTreeMap<String, usize> = BTreeMap::new();
    for s in plain.values() {
        *folded.entry(s.to_ascii_lowercase()).or_default() += 1;
    }
    plain
        .into_iter()
        .map(|(id, s)| {
            let clash = folded.get(&s.to_ascii_lowercase()).copied().unwrap_or(0) > 1;
            // An empty id is refused by the readers; it would still get a name.
            let stem = if clash || s.is_empty() || s.len() > STEM_LIMIT {
                hashed(id, &s)
            } else {
                s
            };
            (id.to_owned(), stem)
        })
        .collect()
}

/// `s` (an escaped stem) cut to at most 80 bytes at a whole escape, then `~` and 16 hex digits
/// of the SHA-256 of `id`.
fn hashed(id: &str, s: &str) -> String {
    let mut cut = s.len().min(80);
    // An escape is `%XX`: never cut inside one.
    if let Some(i) = s[..cut].rfind('%')
        && i + 3 > cut
    {
        cut = i;
    }
    let digest = Sha256::digest(id.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{}~{hex}", &s[..cut])
}

fn escaped(id: &str) -> String {
    let mut s = String::with_capacity(id.len());
    for (i, b) in id.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || (b == b'.' && i > 0);
        if keep {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    let base = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let device = RESERVED.contains(&base.as_str())
        || (base.len() == 4
            && (base.starts_with("COM") || base.starts_with("LPT"))
            && base.as_bytes()[3].is_ascii_digit());
    if device && let Some(first) = s.bytes().next() {
        s = format!("%{first:02X}{}", &s[1..]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::{self, FA, FB, HOME_A, OFFICE};

    fn unescape(s: &str) -> Vec<u8> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn file_stems_are_safe_distinct_and_read_back() {
        let ids = [
            "W01",
            "w01x",
            "../etc/passwd",
            "..",
            ".hidden",
            "a/b",
            "a\\b",
            "C:evil",
            "x*?\"<>|",
            "CON",
            "con.txt",
            "Lpt1",
            "COM",
            "CONSOLE",
            "Äijälä",
            "100%",
            "tilde~",
            "with space",
        ];
        let stems = file_stems(ids);
        assert_eq!(stems.len(), ids.len());
        let distinct: BTreeSet<String> = stems.values().map(|s| s.to_lowercase()).collect();
        assert_eq!(distinct.len(), ids.len(), "{stems:?}");
        for (id, stem) in &stems {
            assert!(
                stem.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.%~".contains(&b)),
                "{id:?} -> {stem:?}"
            );
            assert!(!stem.starts_with('.'), "{id:?} -> {stem:?}");
            let base = stem.split('.').next().unwrap().to_ascii_uppercase();
            assert!(
                !["CON", "PRN", "AUX", "NUL", "LPT1"].contains(&base.as_str()),
                "{id:?} -> {stem:?}"
            );
            assert_eq!(unescape(stem), id.as_bytes(), "{id:?} reads back");
        }
        assert_eq!(stems["W01"], "W01");
        assert_eq!(stems["../etc/passwd"], "%2E.%2Fetc%2Fpasswd");
        assert_eq!(stems["CON"], "%43ON");
        assert_eq!(stems["COM"], "COM");
        assert_eq!(stems["Äijälä"], "%C3%84ij%C3%A4l%C3%A4");
    }

    #[test]
    fn ids_equal_but_for_case_and_long_ids_are_hashed() {
        let long = "W".repeat(300);
        let stems = file_stems(["Ab", "aB", "c", long.as_str()]);
        assert!(stems["Ab"].starts_with("Ab~") && stems["aB"].starts_with("aB~"));
        assert_ne!(stems["Ab"].to_lowercase(), stems["aB"].to_lowercase());
        assert_eq!(stems["c"], "c");
        assert!(stems[&long].len() <= 80 + 17 && stems[&long].contains('~'));
        // A cut never splits an escape.
        let s = hashed("x", &format!("{}%C3%84", "a".repeat(78)));
        assert!(s.starts_with(&format!("{}~", "a".repeat(78))), "{s}");
    }

    #[test]
    fn one_event_per_row_but_travel_with_stable_uids() {
        let mut p = tiny::problem();
        p.locations[HOME_A].name = "Ounasrinne, home".into();
        let mut acts = tiny::long_day_with_break();
        acts.push(tiny::remote(0, 2, "09:00", "09:30", FB));
        acts.push(tiny::supported(&p, 0, 0));
        let mut joint = tiny::visit(1, 3, "22:30", "24:00", FA, HOME_A);
        joint.kind = ActivityKind::JointVisit;
        joint.partner = Some(0);
        acts.push(joint);
        let roster = Roster { activities: acts };
        let files = calendar_files(&p, &roster).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["calendar/W1.ics", "calendar/W2.ics"]);
        let w1 = String::from_utf8(files[0].1.clone()).unwrap();
        assert_eq!(w1.matches("BEGIN:VEVENT\r\n").count(), 5, "{w1}");
        assert!(w1.contains("SUMMARY:Home visit FA\r\n"), "{w1}");
        assert!(w1.contains("LOCATION:Ounasrinne\\, home\r\n"), "{w1}");
        assert!(w1.contains("SUMMARY:Remote session FB\r\n"));
        assert!(w1.contains("LOCATION:remote\r\n"));
        assert!(
            w1.contains("SUMMARY:Supported meeting M1\\, room R1\r\n"),
            "{w1}"
        );
        assert!(w1.contains("SUMMARY:Break\r\n"));
        assert!(w1.contains("DTSTART:20261201T082000\r\n"));
        assert!(w1.contains("DTSTAMP:20261130T000000Z\r\n"), "{w1}");
        assert!(!w1.contains("Travel"));
        let w2 = String::from_utf8(files[1].1.clone()).unwrap();
        assert!(w2.contains("SUMMARY:Joint visit FA with W1\r\n"), "{w2}");
        // 24:00 is the next day's midnight.
        assert!(w2.contains("DTEND:20261204T000000\r\n"), "{w2}");
        // The same rows in another order give the same bytes.
        let mut shuffled = roster.clone();
        shuffled.activities.reverse();
        assert_eq!(calendar_files(&p, &shuffled).unwrap(), files);
        // A UID depends on what the activity is, not on the row's place in the roster.
        let visit = tiny::visit(0, 1, "08:20", "11:20", FA, HOME_A);
        assert_eq!(uid(&p, &visit), uid(&p, &roster.activities[1]));
        let later = tiny::visit(0, 1, "08:30", "11:20", FA, HOME_A);
        assert_ne!(uid(&p, &visit), uid(&p, &later));
        let elsewhere = tiny::visit(0, 1, "08:20", "11:20", FA, OFFICE);
        assert_ne!(uid(&p, &visit), uid(&p, &elsewhere));
    }

    #[test]
    fn twin_rows_get_distinct_uids_and_a_worker_with_only_travel_has_no_file() {
        let p = tiny::problem();
        let v = tiny::visit(0, 0, "08:00", "09:00", FA, HOME_A);
        let roster = Roster {
            activities: vec![v, v, tiny::travel(1, 0, "08:00", "08:20", HOME_A)],
        };
        let files = calendar_files(&p, &roster).unwrap();
        assert_eq!(files.len(), 1);
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        let uids: BTreeSet<&str> = text.lines().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids.len(), 2, "{text}");
    }

    #[test]
    fn the_calendar_name_is_escaped_text() {
        let mut p = tiny::problem();
        p.workers[0].id = "W;1,x\\".into();
        let roster = Roster {
            activities: vec![tiny::visit(0, 0, "08:00", "09:00", FA, HOME_A)],
        };
        let files = calendar_files(&p, &roster).unwrap();
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(
            text.contains("\r\nNAME:caseload W\\;1\\,x\\\\ 2026-W49\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\nX-WR-CALNAME:caseload W\\;1\\,x\\\\ 2026-W49\r\n"),
            "{text}"
        );
        assert_eq!(files[0].0, "calendar/W%3B1%2Cx%5C.ics");
    }
}
