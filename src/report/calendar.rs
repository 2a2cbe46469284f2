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
//! Each event says where its row comes from as the roster's `source` column does: a
//! `source: appointment` line (kept from appointments.csv) or `source: past` (it happened
//! before a replan's moment) in its `DESCRIPTION`; a planned row has no such line.
//!
//! The file is deterministic, so outputs stay byte-identical across runs:
//! - `UID` is a hash (SHA-256, the first 32 hex digits) of the activity's *slot* — worker id,
//!   date, kind, family id, meeting id, and its number among the worker's rows of that date,
//!   kind, family and meeting in time order (almost always 1) — plus `@caseload`. The time and
//!   place are not part of it: a visit moved to another hour of the same day by a `replan` is
//!   the same event at a new time, and calendar apps update rather than duplicate. Partner and
//!   room are not part of it either (a new partner on the same visit is the same event, with a
//!   new summary). A visit moved to another day or worker is another slot: the old event is
//!   cancelled and a new one added.
//! - `DTSTAMP` is the planned week's Monday at 00:00 UTC, not the time of the run.
//! - `SEQUENCE` is 0 in a planned week. A `replan` writes every event of its calendars with the
//!   revision of its moment, `1 + minutes from the week's Monday 00:00 to the moment` (see
//!   [`revision`]): higher than a plan's 0 and than any replan from an earlier moment, so an
//!   app takes the moved times and the cancellations; an event it leaves unchanged is sent
//!   again, the same, with the higher number.
//! - `STATUS` is `CONFIRMED`; an event of the previous roster that the replan no longer holds
//!   (a slot of the worker's previous rows that none of the new rows takes) stays in the
//!   worker's file with its previous times, `STATUS:CANCELLED`, the same `UID` and the
//!   replan's `SEQUENCE`, so the phone drops it instead of keeping a visit that will not
//!   happen. A worker whose every event was cancelled still gets a file.

use crate::model::{Activity, ActivityKind, Moment, Problem, Roster, Source, Week};
use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The folder inside an output folder that holds the calendars.
pub const FOLDER: &str = "calendar";

/// Files (path inside the output folder, contents) of every worker who has at least one event:
/// `calendar/<file stem>.ics`, the stem made from the worker id by [`file_stems`]. `previous`
/// is a replan's previous roster (read against the same plan): its events the new roster no
/// longer holds are written cancelled, and every event carries the replan's revision.
pub fn calendar_files(
    p: &Week,
    roster: &Roster,
    previous: Option<&Roster>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let events = |r: &Roster| {
        let mut by_worker: BTreeMap<usize, Vec<Activity>> = BTreeMap::new();
        for a in &r.activities {
            if a.kind != ActivityKind::Travel && a.worker < p.workers.len() {
                by_worker.entry(a.worker).or_default().push(*a);
            }
        }
        by_worker
    };
    let now = events(roster);
    let before = previous.map(events).unwrap_or_default();
    let sequence = match previous {
        Some(_) => revision(p.past.moment.unwrap_or(Moment { day: 0, minute: 0 })),
        None => 0,
    };
    let workers: BTreeSet<usize> = now.keys().chain(before.keys()).copied().collect();
    let stems = file_stems(workers.iter().map(|&w| p.workers[w].id.as_str()));
    let mut files = Vec::new();
    for w in workers {
        let id = p.workers[w].id.as_str();
        let stem = stems.get(id).cloned().unwrap_or_else(|| hashed(id, ""));
        let live = slots(p, now.get(&w).map_or(&[][..], Vec::as_slice));
        let taken: BTreeSet<&str> = live.iter().map(|(uid, _)| uid.as_str()).collect();
        let cancelled: Vec<(String, Activity)> =
            slots(p, before.get(&w).map_or(&[][..], Vec::as_slice))
                .into_iter()
                .filter(|(uid, _)| !taken.contains(uid.as_str()))
                .collect();
        files.push((
            format!("{FOLDER}/{stem}.ics"),
            worker_calendar(p, w, &live, &cancelled, sequence)?.into_bytes(),
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The `SEQUENCE` of a replan's events: 1 + the minutes from the week's Monday 00:00 to its
/// moment (a moment before the week is 1, after it 10 081). Later moments give higher numbers,
/// every one above a planned week's 0.
pub fn revision(m: Moment) -> u32 {
    let day = u32::try_from(m.day).unwrap_or(7).min(7);
    1 + day * 1440 + m.minute.min(1440)
}

/// The `DTSTAMP` of every event: the planned week's Monday at 00:00 UTC.
pub fn stamp(p: &Week) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&p.settings.week.date(0).and_time(NaiveTime::MIN))
}

/// The local date and time of minute `minute` (0..=1440) of day `day` of the planned week;
/// 24:00 is the next day's 00:00.
fn local(p: &Week, day: usize, minute: u32) -> NaiveDateTime {
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

/// The slot of an activity for its `UID`: worker id, date, kind, family id, meeting id and
/// `n`, its number among the worker's rows of that date, kind, family and meeting (1 for the
/// first by time), separated by U+001F (no id holds a control character, see `io::text`).
fn slot(p: &Week, a: &Activity, n: usize) -> String {
    let id = |v: Option<&str>| v.unwrap_or("").to_owned();
    [
        p.workers[a.worker].id.clone(),
        p.settings.week.date(a.day).to_string(),
        a.kind.as_str().to_owned(),
        id(a.family
            .and_then(|f| p.families.get(f))
            .map(|f| f.id.as_str())),
        id(a.meeting
            .and_then(|m| p.meetings.get(m))
            .map(|m| m.id.as_str())),
        n.to_string(),
    ]
    .join("\u{1f}")
}

/// The `UID` of a slot (see the module documentation).
fn uid_of(slot: &str) -> String {
    let digest = Sha256::digest(format!("caseload calendar 2\u{1f}{slot}"));
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@caseload")
}

/// One worker's activities (no travel) in time order, each with its `UID`: distinct for
/// distinct rows, twin rows included (they are the first and second of their slot).
fn slots(p: &Week, acts: &[Activity]) -> Vec<(String, Activity)> {
    let mut acts = acts.to_vec();
    acts.sort_by_key(|a| {
        (
            a.day,
            a.span.start,
            a.span.end,
            a.kind,
            a.family,
            a.meeting,
            a.location,
            a.partner,
            a.room,
        )
    });
    let mut count: BTreeMap<(usize, ActivityKind, Option<usize>, Option<usize>), usize> =
        BTreeMap::new();
    acts.into_iter()
        .map(|a| {
            let n = count
                .entry((a.day, a.kind, a.family, a.meeting))
                .or_default();
            *n += 1;
            (uid_of(&slot(p, &a, *n)), a)
        })
        .collect()
}

/// Where the worker is during the activity; a remote session is nowhere.
fn location_of(a: &Activity) -> Option<usize> {
    a.location.filter(|_| a.kind != ActivityKind::Remote)
}

fn worker_calendar(
    p: &Week,
    w: usize,
    live: &[(String, Activity)],
    cancelled: &[(String, Activity)],
    sequence: u32,
) -> Result<String, String> {
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
    let failed = || format!("the calendar of worker {worker} could not be rendered");
    // The calendar's head, then each event rendered as it is built (a replan of a forged
    // roster may cancel hundreds of thousands of events: only the text is held), then its end.
    let mut text = String::new();
    std::fmt::Write::write_fmt(&mut text, format_args!("{cal}")).map_err(|_| failed())?;
    let end = "END:VCALENDAR\r\n";
    let Some(head) = text.strip_suffix(end).map(str::len) else {
        return Err(failed());
    };
    text.truncate(head);
    let all = live
        .iter()
        .map(|e| (e, EventStatus::Confirmed))
        .chain(cancelled.iter().map(|e| (e, EventStatus::Cancelled)));
    for ((uid, a), status) in all {
        let cancelled = status == EventStatus::Cancelled;
        let mut event = icalendar::Event::new();
        let mut summary = summary(p, a);
        if cancelled {
            summary = format!("Cancelled: {summary}");
        }
        event
            .uid(uid)
            .timestamp(stamp)
            .sequence(sequence)
            .status(status)
            .starts(local(p, a.day, a.span.start))
            .ends(local(p, a.day, a.span.end))
            .summary(&summary)
            .description(&description(p, a, (!cancelled).then(|| p.source(a))));
        if let Some(place) = place(p, a) {
            event.location(&place);
        }
        event.done().fmt_write(&mut text).map_err(|_| failed())?;
    }
    text.push_str(end);
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
/// name) and, last, where it comes from (`source: appointment` or `source: past`; nothing for a
/// planned row, nor for a cancelled event), for people and for scripts.
fn description(p: &Problem, a: &Activity, source: Option<Source>) -> String {
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
    if let Some(source) = source.filter(|s| *s != Source::Planned) {
        lines.push(format!("source: {}", source.as_str()));
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
        let mut p = Week::new(tiny::problem());
        p.locations[HOME_A].name = "Ounasrinne, home".into();
        let mut acts = tiny::long_day_with_break();
        acts.push(tiny::remote(0, 2, "09:00", "09:30", FB));
        acts.push(tiny::supported(&p, 0, 0));
        let mut joint = tiny::visit(1, 3, "22:30", "24:00", FA, HOME_A);
        joint.kind = ActivityKind::JointVisit;
        joint.partner = Some(0);
        acts.push(joint);
        let roster = Roster { activities: acts };
        let files = calendar_files(&p, &roster, None).unwrap();
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
        assert_eq!(w1.matches("SEQUENCE:0\r\n").count(), 5, "{w1}");
        assert_eq!(w1.matches("STATUS:CONFIRMED\r\n").count(), 5, "{w1}");
        assert!(
            !w1.contains("source:"),
            "a planned row has no source line: {w1}"
        );
        // The same rows in another order give the same bytes.
        let mut shuffled = roster.clone();
        shuffled.activities.reverse();
        assert_eq!(calendar_files(&p, &shuffled, None).unwrap(), files);
        // A UID depends on the activity's slot (worker, date, kind, family, meeting, number),
        // not on the row's place in the roster, its time or its place.
        let uid = |a: Activity| slots(&p, &[a])[0].0.clone();
        let visit = tiny::visit(0, 1, "08:20", "11:20", FA, HOME_A);
        let in_roster = slots(&p, &roster.activities);
        assert_eq!(
            Some(&uid(visit)),
            in_roster.iter().find(|(_, a)| *a == visit).map(|(u, _)| u)
        );
        assert_eq!(
            uid(visit),
            uid(tiny::visit(0, 1, "13:00", "15:00", FA, HOME_A))
        );
        assert_eq!(
            uid(visit),
            uid(tiny::visit(0, 1, "08:20", "11:20", FA, OFFICE))
        );
        assert_ne!(
            uid(visit),
            uid(tiny::visit(0, 2, "08:20", "11:20", FA, HOME_A))
        );
        assert_ne!(
            uid(visit),
            uid(tiny::visit(1, 1, "08:20", "11:20", FA, HOME_A))
        );
        assert_ne!(
            uid(visit),
            uid(tiny::visit(0, 1, "08:20", "11:20", FB, HOME_A))
        );
    }

    #[test]
    fn a_replan_cancels_removed_events_and_revises_the_rest() {
        let mut p = Week::new(tiny::problem());
        let before = Roster {
            activities: vec![
                tiny::visit(0, 0, "08:00", "09:00", FA, HOME_A),
                tiny::visit(0, 1, "08:00", "09:00", FA, HOME_A),
                tiny::visit(0, 2, "08:00", "09:00", FB, HOME_A),
                tiny::visit(1, 3, "10:00", "11:00", FB, HOME_A),
            ],
        };
        // From Tuesday 08:30: Monday's visit and Tuesday's (begun) stay, Wednesday's moves to
        // 13:00, W2's Thursday visit is gone (W2 has no event left).
        let moment = crate::model::Moment {
            day: 1,
            minute: 510,
        };
        p.past = crate::model::Past::new(Some(moment), before.activities[..2].to_vec());
        let after = Roster {
            activities: vec![
                before.activities[0],
                before.activities[1],
                tiny::visit(0, 2, "13:00", "14:00", FB, HOME_A),
            ],
        };
        assert_eq!(revision(moment), 1 + 1440 + 510);
        let files = calendar_files(&p, &after, Some(&before)).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["calendar/W1.ics", "calendar/W2.ics"]);
        let w1 = String::from_utf8(files[0].1.clone()).unwrap();
        let w2 = String::from_utf8(files[1].1.clone()).unwrap();
        let old = |a: Activity| slots(&p, &[a])[0].0.clone();
        // The moved visit keeps its UID at its new time.
        let moved = w1
            .split("BEGIN:VEVENT")
            .find(|e| e.contains(&format!("UID:{}", old(before.activities[2]))))
            .unwrap();
        assert!(moved.contains("DTSTART:20261202T130000\r\n"), "{moved}");
        assert!(moved.contains("STATUS:CONFIRMED\r\n"), "{moved}");
        assert_eq!(w1.matches("SEQUENCE:1951\r\n").count(), 3, "{w1}");
        assert_eq!(w1.matches("source: past").count(), 2, "{w1}");
        assert!(!w1.contains("CANCELLED"), "{w1}");
        assert_eq!(w2.matches("BEGIN:VEVENT").count(), 1, "{w2}");
        assert!(
            w2.contains(&format!("UID:{}\r\n", old(before.activities[3]))),
            "{w2}"
        );
        assert!(w2.contains("STATUS:CANCELLED\r\n"), "{w2}");
        assert!(w2.contains("SEQUENCE:1951\r\n"), "{w2}");
        assert!(w2.contains("SUMMARY:Cancelled: Home visit FB\r\n"), "{w2}");
        assert!(w2.contains("DTSTART:20261203T100000\r\n"), "{w2}");
    }

    #[test]
    fn twin_rows_get_distinct_uids_and_a_worker_with_only_travel_has_no_file() {
        let p = Week::new(tiny::problem());
        let v = tiny::visit(0, 0, "08:00", "09:00", FA, HOME_A);
        let roster = Roster {
            activities: vec![v, v, tiny::travel(1, 0, "08:00", "08:20", HOME_A)],
        };
        let files = calendar_files(&p, &roster, None).unwrap();
        assert_eq!(files.len(), 1);
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        let uids: BTreeSet<&str> = text.lines().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids.len(), 2, "{text}");
    }

    #[test]
    fn the_calendar_name_is_escaped_text() {
        let mut p = Week::new(tiny::problem());
        p.workers[0].id = "W;1,x\\".into();
        let roster = Roster {
            activities: vec![tiny::visit(0, 0, "08:00", "09:00", FA, HOME_A)],
        };
        let files = calendar_files(&p, &roster, None).unwrap();
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
