//! One sheet per worker in roster.xlsx: the week as a team lead prints it for the wall — a
//! title, then day by day every row of the worker's roster (visits, remote sessions, meetings,
//! travel and breaks) with its times, hours, family case code, partner, place and room.
//! Printed landscape, one page wide, the column header repeated on every page.

use super::{Book, WorkbookError, cell_text, col};
use crate::model::{Activity, ActivityKind, ExceptionKind, Problem, Roster, activity_minutes};
use rust_xlsxwriter::{Color, Format, FormatBorder, Worksheet, XlsxError};

const HEADERS: [&str; 9] = [
    "start", "end", "hours", "activity", "family", "meeting", "with", "place", "room",
];

/// Row of the column header (below the title, the week's totals and a blank row).
const HEADER_ROW: u32 = 3;

const DAY_NAMES_LONG: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// What the row is, in words.
fn label(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::HomeVisit => "home visit",
        ActivityKind::JointVisit => "joint visit",
        ActivityKind::Remote => "remote session",
        ActivityKind::Supervised => "supervised meeting",
        ActivityKind::Supported => "supported meeting",
        ActivityKind::Exchange => "supervised exchange",
        ActivityKind::Travel => "travel",
        ActivityKind::Break => "break",
    }
}

/// A pale fill per kind, so the day reads at a glance (and prints in grey tones).
fn fill(kind: ActivityKind) -> Option<u32> {
    match kind {
        ActivityKind::HomeVisit => Some(0xE2EFDA),
        ActivityKind::JointVisit => Some(0xC6E0B4),
        ActivityKind::Remote => Some(0xDDEBF7),
        ActivityKind::Supervised | ActivityKind::Supported | ActivityKind::Exchange => {
            Some(0xFFF2CC)
        }
        ActivityKind::Travel => Some(0xF2F2F2),
        ActivityKind::Break => None,
    }
}

fn row_format(kind: ActivityKind) -> Format {
    let mut f = Format::new()
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(Color::RGB(0xBFBFBF));
    if let Some(c) = fill(kind) {
        f = f.set_background_color(Color::RGB(c));
    }
    if matches!(kind, ActivityKind::Travel | ActivityKind::Break) {
        f = f.set_italic().set_font_color(Color::RGB(0x595959));
    }
    f
}

/// A location as people name it: `Ounasrinne (home) (L001)`.
fn place_name(p: &Problem, l: usize) -> String {
    let loc = &p.locations[l];
    if loc.name.is_empty() || loc.name == loc.id {
        loc.id.clone()
    } else {
        format!("{} ({})", loc.name, loc.id)
    }
}

/// Where the worker is during the row.
fn place(p: &Problem, a: &Activity) -> String {
    match (a.kind, a.location) {
        (ActivityKind::Remote, _) => "by phone or video".to_string(),
        (ActivityKind::Travel, Some(l)) => format!("→ {}", place_name(p, l)),
        (_, Some(l)) => place_name(p, l),
        (_, None) => String::new(),
    }
}

/// The cells of one roster row, as text (times and hours are written as such separately).
fn texts(p: &Problem, a: &Activity) -> [String; 6] {
    let family = a
        .family
        .or(a.meeting.map(|m| p.meetings[m].family))
        .map(|f| p.families[f].id.clone())
        .unwrap_or_default();
    let meeting = a
        .meeting
        .map(|m| p.meetings[m].id.clone())
        .unwrap_or_default();
    let with = a
        .partner
        .map(|w| format!("{} {}", p.workers[w].id, p.workers[w].name))
        .unwrap_or_default();
    let room = a
        .room
        .map(|r| {
            let room = &p.rooms[r];
            if room.name.is_empty() {
                room.id.clone()
            } else {
                format!("{} ({})", room.name, room.id)
            }
        })
        .unwrap_or_default();
    [
        label(a.kind).to_string(),
        family,
        meeting,
        with,
        place(p, a),
        room,
    ]
}

fn hours(minutes: u32) -> f64 {
    f64::from(minutes) / 60.0
}

/// One sheet per worker, in the order of workers.csv.
pub(super) fn worker_sheets(
    book: &mut Book,
    p: &Problem,
    roster: &Roster,
) -> Result<(), WorkbookError> {
    let mut by_worker: Vec<Vec<&Activity>> = vec![Vec::new(); p.workers.len()];
    for a in &roster.activities {
        if let Some(list) = by_worker.get_mut(a.worker) {
            list.push(a);
        }
    }
    for (w, acts) in by_worker.iter_mut().enumerate() {
        // As roster.csv: by day and start, travel first at equal starts.
        acts.sort_by_key(|a| {
            (
                a.day,
                a.span.start,
                a.kind != ActivityKind::Travel,
                a.span.end,
            )
        });
        let worker = &p.workers[w];
        let file = book.file;
        let (_, ws) = book.sheet(&format!("{} {}", worker.id, worker.name))?;
        write_week(ws, p, w, acts).map_err(|source| WorkbookError::Xlsx { file, source })?;
    }
    Ok(())
}

/// The worker's absence on `day` (availability.csv), in words: `absent` for the whole day,
/// `absent 12:00-16:00` for part of it; `None` without one.
fn absence(p: &Problem, w: usize, day: usize) -> Option<String> {
    let mut spans = Vec::new();
    for e in p
        .exceptions
        .iter()
        .filter(|e| e.worker == w && e.day == day && e.kind == ExceptionKind::Absent)
    {
        match e.span {
            None => return Some("absent".to_string()),
            Some(span) => spans.push(span),
        }
    }
    spans.sort_by_key(|s| s.start);
    (!spans.is_empty()).then(|| {
        let spans: Vec<String> = spans.iter().map(|s| s.to_string()).collect();
        format!("absent {}", spans.join(", "))
    })
}

fn write_week(
    ws: &mut Worksheet,
    p: &Problem,
    w: usize,
    acts: &[&Activity],
) -> Result<(), XlsxError> {
    let worker = &p.workers[w];
    let week = p.settings.week;
    let last = col(HEADERS.len() - 1);
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin);
    let day_format = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xBDD7EE))
        .set_border_top(FormatBorder::Thin);

    ws.write_string_with_format(
        0,
        0,
        cell_text(&format!(
            "{} {} — week {} ({} – {})",
            worker.id,
            worker.name,
            week,
            week.date(0).format("%a %-d.%-m."),
            week.date(6).format("%a %-d.%-m.%Y")
        ))
        .as_ref(),
        &title,
    )?;
    let per_day: Vec<Vec<Activity>> = (0..7)
        .map(|d| acts.iter().filter(|a| a.day == d).map(|a| **a).collect())
        .collect();
    let day_minutes: Vec<u32> = per_day.iter().map(|d| activity_minutes(d)).collect();
    let total: u32 = day_minutes.iter().sum();
    let travel: u32 = acts
        .iter()
        .filter(|a| a.kind == ActivityKind::Travel)
        .map(|a| a.minutes())
        .sum();
    let mut families: Vec<usize> = acts
        .iter()
        .filter_map(|a| a.family.or(a.meeting.map(|m| p.meetings[m].family)))
        .collect();
    families.sort_unstable();
    families.dedup();
    ws.write_string(
        1,
        0,
        format!(
            "planned {:.2} h of {:.2} h contract ({:.2} h travel), {} families; breaks are not working time",
            hours(total),
            worker.contract_hours,
            hours(travel),
            families.len()
        ),
    )?;
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.len()).collect();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, col(c), *h, &header)?;
    }
    let mut r = HEADER_ROW + 1;
    for (d, day) in per_day.iter().enumerate() {
        let date = week.date(d);
        let holiday = p.holidays.get(d).copied().unwrap_or(false);
        let absent = absence(p, w, d);
        let text = if day.is_empty() {
            format!(
                "{} {} — {}{}",
                DAY_NAMES_LONG[d],
                date.format("%-d.%-m.%Y"),
                absent.as_deref().unwrap_or("no work planned"),
                if holiday { " (public holiday)" } else { "" }
            )
        } else {
            format!(
                "{} {} — {:.2} h{}{}",
                DAY_NAMES_LONG[d],
                date.format("%-d.%-m.%Y"),
                hours(day_minutes[d]),
                absent.map(|a| format!(" ({a})")).unwrap_or_default(),
                if holiday { " (public holiday)" } else { "" }
            )
        };
        ws.merge_range(r, 0, r, last, &text, &day_format)?;
        r += 1;
        for a in day {
            let f = row_format(a.kind);
            let time = f.clone().set_num_format("hh:mm");
            let time_24 = f.clone().set_num_format("[hh]:mm");
            let num = f.clone().set_num_format("0.00");
            for (c, m) in [(0u16, a.span.start), (1, a.span.end)] {
                let fmt = if m >= 1440 { &time_24 } else { &time };
                ws.write_number_with_format(r, c, f64::from(m) / 1440.0, fmt)?;
            }
            ws.write_number_with_format(r, 2, a.hours(), &num)?;
            for (i, t) in texts(p, a).iter().enumerate() {
                let c = 3 + i;
                ws.write_string_with_format(r, col(c), cell_text(t).as_ref(), &f)?;
                widths[c] = widths[c].max(t.chars().count());
            }
            r += 1;
        }
    }
    widths[0] = widths[0].max(6);
    widths[1] = widths[1].max(6);
    widths[2] = widths[2].max(6);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), (*w).min(45) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_footer(format!("&Lcaseload, week {week}&Rpage &P of &N"));
    Ok(())
}
