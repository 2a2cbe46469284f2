//! report.html: one self-contained page (inline CSS and SVG, no scripts, no external assets)
//! for the team lead and the manager: the week as a Gantt chart per day with a row per worker
//! (`W01 Timo K.`), each bar naming its family's case code or its meeting (and the place's or
//! room's name where it fits), absences and public holidays shaded; utilization against
//! contract and capacity; and each family's delivered hours against the agreed hours with the
//! remote share against its cap, linked to the family's bars by fragment links and `:target`
//! CSS. It opens from a mail attachment or a shared drive as it is. Every text from the plan
//! goes through `esc`.

use super::SolveInfo;
use super::coverage::{FamilyRow, MeetingRow};
use super::utilization::WorkerRow;
use crate::model::time::{DAY_NAMES, fmt_hm};
use crate::model::{
    Activity, ActivityKind, AvailabilityException, ExceptionKind, Interval, Problem, Roster,
    Source, Week,
};
use std::fmt::Write;

/// Colours per activity group, shared by the chart and its legend. A break (no working time) is
/// a pale neutral, apart from the grey of travel.
const KINDS: [(&str, &str); 6] = [
    ("visit", "#2b7bb9"),
    ("joint visit", "#7a4fb5"),
    ("remote", "#2e9d6a"),
    ("meeting", "#e08a1e"),
    ("travel", "#b9b9b9"),
    ("break", "#e9e1cf"),
];

fn group(k: ActivityKind) -> usize {
    match k {
        ActivityKind::HomeVisit => 0,
        ActivityKind::JointVisit => 1,
        ActivityKind::Remote => 2,
        ActivityKind::Supervised | ActivityKind::Supported | ActivityKind::Exchange => 3,
        ActivityKind::Travel => 4,
        ActivityKind::Break => 5,
    }
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page.
pub fn report_html(
    p: &Week,
    r: &Roster,
    info: &SolveInfo,
    fams: &[FamilyRow],
    meetings: &[MeetingRow],
    workers: &[WorkerRow],
) -> String {
    let mut s = String::new();
    let week = p.settings.week;
    let super::coverage::Delivered {
        hours: delivered,
        coverage,
    } = super::coverage::delivered_and_coverage(p, fams);
    let gap = info
        .gap()
        .map(|g| format!("{:.2} %", g * 100.0))
        .unwrap_or_else(|| "n/a".into());
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>caseload {week}</title><style>{CSS}{}</style></head><body>\n\
         <h1>Week {week} ({} – {})</h1>\n<p class=\"facts\">{} workers · {} families · \
         {} meetings · solver {} · {} · objective {} · bound {} · gap {gap} · \
         delivered {delivered:.2} of {:.2} h ({:.1} %) · meetings staffed {} of {}</p>\n",
        highlight_rules(p, r),
        week.date(0),
        week.date(6),
        p.workers.len(),
        p.families.len(),
        p.meetings.len(),
        esc(&info.method),
        esc(&info.status_words()),
        super::summary::opt(info.objective),
        super::summary::opt(info.bound),
        p.demand_hours(),
        coverage * 100.0,
        meetings.iter().filter(|m| m.covered).count(),
        meetings.len(),
    );
    gantt(&mut s, p, r);
    utilization(&mut s, p, workers);
    families(&mut s, p, r, fams);
    problems(&mut s, p, fams, meetings);
    s.push_str("</body></html>\n");
    s
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}.facts{color:#444}\
h3.day{font-size:1em;margin:1.1em 0 .2em}h3.day .note{font-weight:400;color:#8a3a2e}\
svg text{font-size:11px;fill:#333}svg text.l{fill:#fff}svg text.d{fill:#222}\
svg text.a{fill:#8a1f1a;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:4px}\
.legend span{display:inline-block;margin-right:1.2em}\
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}\
.legend i.off{background:#e4e7eb}.legend i.absent{background:repeating-linear-gradient(45deg,#f6d6d2 0 3px,#c9302c 3px 5px)}\
.legend i.holiday{background:#f9ddd7}\
table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;border-bottom:1px solid #eee}\
td.n{text-align:right;white-space:nowrap}.over{color:#b00020;font-weight:600}#families{width:100%}td.when{width:32%;font-size:.9em}td.when a{white-space:nowrap}\
a{color:#1a5a8a}tr:target{background:#fff3c4}\
.act.src-appointment>rect{stroke:#111;stroke-width:1.5;stroke-dasharray:4 2}.act.src-past>rect{fill-opacity:.45}\
.legend i.src-appointment{border:1.5px dashed #111;width:9px;height:9px}.legend i.src-past{background:#2b7bb9;opacity:.45}\
.act:target>rect{stroke:#111;stroke-width:3;stroke-dasharray:none}\
.hl:target~#gantt .act{opacity:.25}";

/// Font size of the chart's text, in pixels (the CSS above).
const FONT_PX: f64 = 11.0;

/// The width `text` takes in the chart's font, estimated generously from the widths of
/// DejaVu Sans and its kin (no script measures it): a label is shown only when this fits, and
/// each label is also clipped to its bar, so a wider font shortens nothing but its own bar.
fn text_width(text: &str) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'i' | 'j' | 'l' | 'I' => 0.36,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.45,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.0,
            '0'..='9' | 'a'..='z' | '·' | '_' => 0.66,
            'A'..='Z' | 'Ä' | 'Ö' | 'Å' | 'ä' | 'ö' | 'å' => 0.76,
            c if u32::from(c) >= 0x2E80 => 1.05,
            _ => 0.8,
        })
        .sum();
    em * FONT_PX
}

/// The first of `tiers` that fits in `room` pixels with a little padding, if any.
fn fit(tiers: &[String], room: f64) -> Option<&str> {
    tiers
        .iter()
        .find(|t| !t.is_empty() && text_width(t) + 6.0 <= room)
        .map(String::as_str)
}

/// What people call a place: its name, or its id when it has none.
fn place_short(p: &Problem, l: usize) -> &str {
    let loc = &p.locations[l];
    if loc.name.is_empty() {
        &loc.id
    } else {
        &loc.name
    }
}

/// A place with its name and id, `Ounasrinne (home) (L001)`, for the details of a bar.
fn place_long(p: &Problem, l: usize) -> String {
    let loc = &p.locations[l];
    if loc.name.is_empty() || loc.name == loc.id {
        loc.id.clone()
    } else {
        format!("{} ({})", loc.name, loc.id)
    }
}

/// A worker as people know them: `W01 Timo K.` (the id alone when the name is empty or the id).
fn worker_label(p: &Problem, w: usize) -> String {
    let wk = &p.workers[w];
    if wk.name.is_empty() || wk.name == wk.id {
        wk.id.clone()
    } else {
        format!("{} {}", wk.id, wk.name)
    }
}

/// `label` cut short with an ellipsis where it would pass `room` pixels (whole when it fits).
fn shorten(label: &str, room: f64) -> String {
    if text_width(label) <= room {
        return label.to_string();
    }
    let room = room - text_width("…");
    let (mut out, mut used) = (String::new(), 0.0);
    for c in label.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Width of the column of worker labels: the longest label, within 70–210 px.
fn label_column(p: &Problem) -> f64 {
    (0..p.workers.len())
        .map(|w| text_width(&worker_label(p, w)))
        .fold(0.0, f64::max)
        .clamp(60.0, 200.0)
        + 10.0
}

/// Which families have bars in the chart (a visit, remote session or meeting).
fn families_with_bars(p: &Problem, r: &Roster) -> Vec<bool> {
    let mut v = vec![false; p.families.len()];
    for a in &r.activities {
        if let Some(f) = family_of(p, a) {
            v[f] = true;
        }
    }
    v
}

/// The CSS that shows one family's bars: linking to `#hl-F` dims every other bar, outlines the
/// family's and marks its table row (a rule per family with bars; no script).
fn highlight_rules(p: &Problem, r: &Roster) -> String {
    let mut s = String::new();
    for (f, _) in families_with_bars(p, r).iter().enumerate().filter(|x| *x.1) {
        let _ = write!(
            s,
            "#hl-{f}:target~#gantt .f{f},#hl-{f}:target~#families .f{f}{{opacity:1;background:#fff3c4}}\
             #hl-{f}:target~#gantt .f{f}>rect{{stroke:#111;stroke-width:2}}"
        );
    }
    s
}

/// The family a bar belongs to: the family of a visit or remote session, or of a meeting.
fn family_of(p: &Problem, a: &Activity) -> Option<usize> {
    a.family.or(a.meeting.map(|m| p.meetings[m].family))
}

/// The labels a bar may carry, longest first; the chart shows the first that fits, or none.
fn bar_labels(p: &Problem, a: &Activity) -> Vec<String> {
    let place = a.location.map(|l| place_short(p, l).to_string());
    match a.kind {
        ActivityKind::Travel => match place {
            Some(to) => vec![format!("→ {to}"), "→".into()],
            None => vec!["→".into()],
        },
        ActivityKind::Break => vec!["break".into()],
        _ => {
            let mut tiers = Vec::new();
            if let Some(m) = a.meeting {
                let mt = &p.meetings[m];
                let fam = &p.families[mt.family].id;
                if let Some(r) = a.room {
                    tiers.push(format!("{} · {fam} · {}", mt.id, room_short(p, r)));
                }
                tiers.push(format!("{} · {fam}", mt.id));
                tiers.push(mt.id.clone());
            } else if let Some(f) = a.family {
                let fam = &p.families[f].id;
                match (a.kind, place) {
                    (ActivityKind::Remote, _) => tiers.push(format!("{fam} · remote")),
                    (_, Some(at)) => tiers.push(format!("{fam} · {at}")),
                    _ => {}
                }
                tiers.push(fam.clone());
            }
            tiers
        }
    }
}

/// What people call a room: its name, or its id when it has none.
fn room_short(p: &Problem, r: usize) -> &str {
    let room = &p.rooms[r];
    if room.name.is_empty() {
        &room.id
    } else {
        &room.name
    }
}

/// An activity's kind as people say it.
fn kind_words(k: ActivityKind) -> &'static str {
    match k {
        ActivityKind::HomeVisit => "visit",
        ActivityKind::JointVisit => "joint visit",
        ActivityKind::Remote => "remote session",
        ActivityKind::Supervised => "supervised meeting",
        ActivityKind::Supported => "supported meeting",
        ActivityKind::Exchange => "supervised exchange",
        ActivityKind::Travel => "travel",
        ActivityKind::Break => "break",
    }
}

/// The details of a bar (its tooltip): who, when, what, with whom, where, in which room.
fn bar_details(p: &Problem, a: &Activity) -> String {
    let mut s = format!(
        "{} {} {}–{} {}",
        worker_label(p, a.worker),
        DAY_NAMES[a.day],
        fmt_hm(a.span.start),
        fmt_hm(a.span.end),
        kind_words(a.kind)
    );
    if let Some(m) = a.meeting {
        let mt = &p.meetings[m];
        let _ = write!(s, " {} of {}", mt.id, p.families[mt.family].id);
    } else if let Some(f) = a.family {
        let _ = write!(s, " {}", p.families[f].id);
    }
    if let Some(w) = a.partner {
        let _ = write!(s, " with {}", worker_label(p, w));
    }
    match (a.kind, a.location) {
        (ActivityKind::Remote, _) => s.push_str(" by phone or video"),
        (ActivityKind::Travel, Some(l)) => {
            let _ = write!(s, " to {}", place_long(p, l));
        }
        (_, Some(l)) => {
            let _ = write!(s, " at {}", place_long(p, l));
        }
        (_, None) => {}
    }
    if let Some(r) = a.room {
        let room = &p.rooms[r];
        if room.name.is_empty() || room.name == room.id {
            let _ = write!(s, " in {}", room.id);
        } else {
            let _ = write!(s, " in {} ({})", room.name, room.id);
        }
    }
    s
}

/// Colour of a bar's label: white on the dark bars, dark on meeting orange, travel and break.
fn label_class(g: usize) -> &'static str {
    if g <= 2 { "l" } else { "d" }
}

/// Shading of a worker's row: off duty, working time, and the colour of working time on a
/// weekday, a weekend day and a public holiday.
const OFF: [&str; 3] = ["#e4e7eb", "#e4e7eb", "#eddcd8"];
const WORK: [&str; 3] = ["#ffffff", "#fdf3e6", "#f9ddd7"];

/// The week as a chart per day (a row per worker, the hours of the week's earliest start to its
/// latest end), so that a bar is wide enough to name its family or meeting. Time outside the
/// worker's windows is grey, an `absent` row of availability.csv hatched, a public holiday
/// tinted and named. Each bar has an id (`bar-N`, N its position in the roster) that the family table
/// links to; a bar of a family links back to the family's row. Before the chart, one empty
/// target per family (`hl-F`, F the family's index): linking to it dims every bar but the
/// family's, with CSS alone.
fn gantt(s: &mut String, p: &Week, r: &Roster) {
    let first = r
        .activities
        .iter()
        .map(|a| a.span.start / 60)
        .min()
        .unwrap_or(8)
        .min(8);
    let last = r
        .activities
        .iter()
        .map(|a| a.span.end.div_ceil(60))
        .max()
        .unwrap_or(16)
        .max(16);
    let hours = (last - first).max(1);
    let (row_h, head_h, width) = (20.0, 18.0, 1320.0);
    let label_w = label_column(p);
    let plot_w = width - label_w - 6.0;
    let hour_w = plot_w / f64::from(hours);
    let (lo, hi) = (first * 60, last * 60);
    let x = |minute: u32| {
        label_w + plot_w * (f64::from(minute.clamp(lo, hi)) - f64::from(lo)) / f64::from(hi - lo)
    };
    let height = head_h + row_h * p.workers.len() as f64 + 2.0;
    let with_bars = families_with_bars(p, r);
    // One empty target per family with bars, siblings of the chart and the family table,
    // which the rules of `highlight_rules` reach with `~`.
    for f in (0..p.families.len()).filter(|&f| with_bars[f]) {
        let _ = write!(s, "<span class=\"hl\" id=\"hl-{f}\"></span>");
    }
    let _ = writeln!(
        s,
        "\n<h2>Roster</h2>\n<p class=\"legend\">{}<span><i class=\"off\"></i>not working</span>\
         <span><i class=\"absent\"></i>absent (availability.csv)</span>\
         <span><i class=\"holiday\"></i>public holiday</span>{}</p>\n\
         <p class=\"facts\">Each bar names its family (case code) or meeting; hover a bar for \
         its details, click it for its family. A case code in the family table shows that \
         family's bars, a time jumps to one bar; <a href=\"#\">show all</a>.</p>\n<div id=\"gantt\">",
        KINDS
            .iter()
            .map(|(k, c)| format!("<span><i style=\"background:{c}\"></i>{k}</span>"))
            .collect::<String>(),
        source_legend(p, r),
    );
    // Each worker's label and the part of it that fits the column, with the whole as a tooltip.
    let labels: Vec<(String, String)> = (0..p.workers.len())
        .map(|w| {
            let label = worker_label(p, w);
            let shown = shorten(&label, label_w - 8.0);
            (label, shown)
        })
        .collect();
    let mut absences: Vec<Vec<&AvailabilityException>> = vec![Vec::new(); p.workers.len()];
    for ex in &p.exceptions {
        if ex.kind == ExceptionKind::Absent && ex.worker < p.workers.len() {
            absences[ex.worker].push(ex);
        }
    }
    let mut by_day: Vec<Vec<usize>> = vec![Vec::new(); 7];
    for (i, a) in r.activities.iter().enumerate() {
        by_day[a.day].push(i);
    }
    for (d, day_name) in DAY_NAMES.iter().enumerate() {
        let holiday = p.holidays[d];
        let note = match (holiday, d >= 5) {
            (true, _) => " <span class=\"note\">· public holiday</span>",
            (false, true) => " <span class=\"note\">· weekend</span>",
            _ => "",
        };
        let _ = writeln!(
            s,
            "<h3 class=\"day\" id=\"day-{d}\">{day_name} {}{note}</h3>\n\
             <svg class=\"day\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" \
             height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"roster of {day_name} \
             per worker\"><defs><pattern id=\"hatch-{d}\" width=\"6\" height=\"6\" \
             patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" \
             height=\"6\" fill=\"#f6d6d2\"/><line x1=\"1\" y1=\"0\" x2=\"1\" y2=\"6\" \
             stroke=\"#c9302c\" stroke-width=\"2\"/></pattern></defs>",
            p.settings.week.date(d).format("%d.%m.%Y"),
        );
        if holiday {
            let _ = writeln!(
                s,
                "<rect class=\"holiday\" x=\"{label_w:.1}\" y=\"0\" width=\"{plot_w:.1}\" \
                 height=\"{height}\" fill=\"{}\"><title>{day_name} {}: public holiday</title></rect>",
                WORK[2],
                p.settings.week.date(d).format("%d.%m.%Y"),
            );
        }
        let shade = if holiday {
            2
        } else if d >= 5 {
            1
        } else {
            0
        };
        let (off, work) = (OFF[shade], WORK[shade]);
        for (w, (label, shown)) in labels.iter().enumerate() {
            let y = head_h + row_h * w as f64;
            let _ = write!(
                s,
                "<text x=\"2\" y=\"{:.1}\">{}{}</text>\
                 <rect class=\"off\" x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{plot_w:.1}\" height=\"{:.1}\" fill=\"{off}\"/>",
                y + row_h - 6.0,
                esc(shown),
                if shown == label {
                    String::new()
                } else {
                    format!("<title>{}</title>", esc(label))
                },
                y + 1.0,
                row_h - 2.0,
            );
            for win in p.worker_windows[w][d].intervals() {
                let (x0, x1) = (x(win.start), x(win.end));
                if x1 > x0 {
                    let _ = write!(
                        s,
                        "<rect class=\"win\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{work}\"/>",
                        y + 1.0,
                        x1 - x0,
                        row_h - 2.0
                    );
                }
            }
            for ex in absences[w].iter().filter(|e| e.day == d) {
                let span = ex.span.unwrap_or(Interval::new(lo, hi));
                let (x0, x1) = (x(span.start), x(span.end));
                if x1 <= x0 {
                    continue;
                }
                let when = match ex.span {
                    Some(sp) => format!("{}–{}", fmt_hm(sp.start), fmt_hm(sp.end)),
                    None => "all day".into(),
                };
                let _ = write!(
                    s,
                    "<rect class=\"absent\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
                     fill=\"url(#hatch-{d})\"><title>{} absent {day_name} {when}</title></rect>",
                    y + 1.0,
                    x1 - x0,
                    row_h - 2.0,
                    esc(label),
                );
                if text_width("absent") + 8.0 <= x1 - x0 {
                    let _ = write!(
                        s,
                        "<text class=\"a\" x=\"{:.1}\" y=\"{:.1}\">absent</text>",
                        x0 + 4.0,
                        y + row_h - 6.0
                    );
                }
            }
            s.push('\n');
        }
        // The hours: a line and a label each hour (every second hour when they would crowd).
        let step = if hour_w < 28.0 { 2 } else { 1 };
        for h in (first..=last).step_by(step) {
            let hx = x(h * 60);
            let anchor = if h == last { "end" } else { "middle" };
            let _ = write!(
                s,
                "<line x1=\"{hx:.1}\" x2=\"{hx:.1}\" y1=\"{}\" y2=\"{height}\" stroke=\"#d0d4d9\" \
                 stroke-width=\"0.5\"/><text x=\"{hx:.1}\" y=\"12\" text-anchor=\"{anchor}\">{h:02}</text>",
                head_h - 4.0
            );
        }
        s.push('\n');
        for &i in &by_day[d] {
            bar(s, p, i, &r.activities[i], head_h, row_h, &x);
        }
        s.push_str("</svg>\n");
    }
    s.push_str("</div>\n");
}

/// The legend's entries for the marks of roster.csv's `source` that the week's rows carry: an
/// agreed appointment's bar has a dashed outline, a row that happened before a replan's moment
/// is faded.
fn source_legend(p: &Week, r: &Roster) -> String {
    let present: std::collections::BTreeSet<Source> =
        r.activities.iter().map(|a| p.source(a)).collect();
    [
        (
            Source::Appointment,
            "agreed appointment (source: appointment)",
        ),
        (Source::Past, "happened before the replan (source: past)"),
    ]
    .iter()
    .filter(|(src, _)| present.contains(src))
    .map(|(src, words)| format!("<span><i class=\"src-{}\"></i>{words}</span>", src.as_str()))
    .collect()
}

/// One bar of the chart: a group with its id, its details as a tooltip, the coloured rect and
/// the longest label that fits, clipped to the bar; a family's bar links to its table row. A
/// row that roster.csv marks in `source` has the class `src-appointment` or `src-past` (its
/// outline or shade) and says so at the end of its tooltip.
fn bar(
    s: &mut String,
    p: &Week,
    i: usize,
    a: &Activity,
    head_h: f64,
    row_h: f64,
    x: &dyn Fn(u32) -> f64,
) {
    let g = group(a.kind);
    let y = head_h + row_h * a.worker as f64 + 2.0;
    let h = row_h - 4.0;
    let (x0, x1) = (x(a.span.start), x(a.span.end));
    let w = (x1 - x0).max(1.0);
    let fam = family_of(p, a);
    if let Some(f) = fam {
        let _ = write!(s, "<a href=\"#family-{f}\">");
    }
    let source = p.source(a);
    let mut details = bar_details(p, a);
    let mut class = fam.map(|f| format!(" f{f}")).unwrap_or_default();
    if source != Source::Planned {
        let _ = write!(details, " · {}", source.words());
        let _ = write!(class, " src-{}", source.as_str());
    }
    let _ = write!(
        s,
        "<g class=\"act {}{class}\" id=\"bar-{i}\"><title>{}</title>\
         <rect x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"2\" fill=\"{}\"/>",
        a.kind.as_str(),
        esc(&details),
        KINDS[g].1,
    );
    if let Some(label) = fit(&bar_labels(p, a), w) {
        let _ = write!(
            s,
            "<svg x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\">\
             <text class=\"{}\" x=\"3\" y=\"{:.1}\">{}</text></svg>",
            label_class(g),
            h - 4.0,
            esc(label)
        );
    }
    s.push_str("</g>");
    if fam.is_some() {
        s.push_str("</a>");
    }
    s.push('\n');
}

/// A horizontal bar per worker: planned hours by part, with contract and capacity marked.
fn utilization(s: &mut String, p: &Problem, workers: &[WorkerRow]) {
    let scale_max = p
        .workers
        .iter()
        .map(|w| w.capacity_hours.max(w.contract_hours))
        .chain(workers.iter().map(|w| w.planned_hours))
        .fold(1.0, f64::max);
    let (label_w, bar_w, row_h) = (label_column(p), 520.0, 18.0);
    let width = label_w + bar_w + 190.0;
    let height = row_h * workers.len() as f64 + 8.0;
    let sx = |h: f64| label_w + bar_w * h / scale_max;
    let _ = writeln!(
        s,
        "<h2>Utilization</h2>\n<p class=\"legend\"><span><i style=\"background:{}\"></i>client work</span>\
         <span><i style=\"background:{}\"></i>meetings</span><span><i style=\"background:{}\"></i>travel</span>\
         <span>| contract</span><span>┆ capacity</span></p>\n\
         <svg id=\"utilization\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"planned hours per worker\">",
        KINDS[0].1, KINDS[3].1, KINDS[4].1
    );
    for (i, row) in workers.iter().enumerate() {
        let wk = &p.workers[row.worker];
        let y = row_h * i as f64 + 4.0;
        let label = worker_label(p, row.worker);
        let shown = shorten(&label, label_w - 8.0);
        let _ = writeln!(
            s,
            "<text x=\"2\" y=\"{:.1}\">{}{}</text>",
            y + row_h - 6.0,
            esc(&shown),
            if shown == label {
                String::new()
            } else {
                format!("<title>{}</title>", esc(&label))
            },
        );
        let mut at = 0.0;
        for (h, colour) in [
            (row.client_hours, KINDS[0].1),
            (row.meeting_hours, KINDS[3].1),
            (row.travel_hours, KINDS[4].1),
        ] {
            let _ = writeln!(
                s,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
                sx(at),
                sx(at + h) - sx(at),
                row_h - 5.0
            );
            at += h;
        }
        let _ = writeln!(
            s,
            "<line x1=\"{c:.1}\" x2=\"{c:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#222\" stroke-width=\"2\"/>\
             <line x1=\"{k:.1}\" x2=\"{k:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#b00020\" stroke-dasharray=\"2,2\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{:.2} h of {:.2} ({:.0} %)</text>",
            y - 1.0,
            y + row_h - 4.0,
            y - 1.0,
            y + row_h - 4.0,
            label_w + bar_w + 6.0,
            y + row_h - 6.0,
            row.planned_hours,
            wk.contract_hours,
            row.utilization(wk.contract_hours) * 100.0,
            c = sx(wk.contract_hours),
            k = sx(wk.capacity_hours),
        );
    }
    s.push_str("</svg>\n");
}

/// A table row per family: delivered against agreed hours as a bar, remote share against cap,
/// and the family's bars in the week. The case code links to `#hl-F` (the chart shows the
/// family's bars), each time to its bar; the row is `family-F`, where the bars link back.
fn families(s: &mut String, p: &Problem, r: &Roster, fams: &[FamilyRow]) {
    let mut bars: Vec<Vec<usize>> = vec![Vec::new(); p.families.len()];
    for (i, a) in r.activities.iter().enumerate() {
        if let Some(f) = family_of(p, a) {
            bars[f].push(i);
        }
    }
    let max = p
        .families
        .iter()
        .map(|f| f.weekly_hours)
        .chain(fams.iter().map(|f| f.delivered_hours))
        .fold(1.0, f64::max);
    let bar = 220.0;
    s.push_str(
        "<h2>Families</h2>\n<table id=\"families\"><tr><th>family</th><th>service</th>\
         <th>agreed h</th><th>delivered h</th><th>delivered against agreed</th>\
         <th>remote share</th><th>4 weeks</th><th>cap</th><th>shortfall h</th><th>in the week</th></tr>\n",
    );
    for row in fams {
        let f = &p.families[row.family];
        let cap = p.remote_cap(row.family);
        let share = row.remote_share();
        // The cap holds over this week and the three before it (history.csv).
        let crate::model::Hours {
            in_person: hi,
            remote: hr,
        } = p.history_hours(row.family);
        let total = row.in_person_hours + row.remote_hours + hi + hr;
        let rolling = if total > 0.0 {
            (row.remote_hours + hr) / total
        } else {
            0.0
        };
        // The rule's own test (its tolerance from `model::limits`), so the report never
        // disagrees with the checker.
        let week = crate::model::Hours {
            in_person: row.in_person_hours,
            remote: row.remote_hours,
        };
        let over = !crate::model::limits::remote_cap_holds(cap, week, p.history_hours(row.family));
        let (inp, rem, agreed) = (
            bar * row.in_person_hours / max,
            bar * row.remote_hours / max,
            bar * f.weekly_hours / max,
        );
        let fid = esc(&f.id);
        let code = if bars[row.family].is_empty() {
            fid.clone()
        } else {
            format!(
                "<a href=\"#hl-{}\" title=\"show the bars of {fid}\">{fid}</a>",
                row.family
            )
        };
        let mut when = String::new();
        for &i in &bars[row.family] {
            let a = &r.activities[i];
            let _ = write!(
                when,
                "{}<a href=\"#bar-{i}\" title=\"{}\">{} {} {}</a>",
                if when.is_empty() { "" } else { " " },
                esc(&bar_details(p, a)),
                DAY_NAMES[a.day],
                fmt_hm(a.span.start),
                esc(&p.workers[a.worker].id),
            );
        }
        let _ = writeln!(
            s,
            "<tr id=\"family-{fam}\" class=\"f{fam}\"><td>{code}</td><td>{}</td><td class=\"n\">{:.2}</td><td class=\"n\">{:.2}</td><td>\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"14\" viewBox=\"0 0 {w} 14\">\
             <rect x=\"0\" y=\"2\" width=\"{inp:.1}\" height=\"10\" fill=\"{}\"/>\
             <rect x=\"{inp:.1}\" y=\"2\" width=\"{rem:.1}\" height=\"10\" fill=\"{}\"/>\
             <line x1=\"{agreed:.1}\" x2=\"{agreed:.1}\" y1=\"0\" y2=\"14\" stroke=\"#222\" stroke-width=\"2\"/>\
             </svg></td><td class=\"n\">{:.1} %</td><td class=\"n{}\">{:.1} %</td><td class=\"n\">{:.0} %</td><td class=\"n\">{:.2}</td><td class=\"when\">{when}</td></tr>",
            esc(&f.service),
            f.weekly_hours,
            row.delivered_hours,
            KINDS[0].1,
            KINDS[2].1,
            share * 100.0,
            if over { " over" } else { "" },
            rolling * 100.0,
            cap * 100.0,
            row.shortfall_hours,
            w = bar + 4.0,
            fam = row.family,
        );
    }
    s.push_str("</table>\n");
}

/// Shortfalls and uncovered meetings with their reasons.
fn problems(s: &mut String, p: &Problem, fams: &[FamilyRow], meetings: &[MeetingRow]) {
    let short: Vec<(&str, &str)> = fams
        .iter()
        .filter(|f| !f.reason.is_empty())
        .map(|f| (p.families[f.family].id.as_str(), f.reason.as_str()))
        .collect();
    let unc: Vec<(&str, &str)> = meetings
        .iter()
        .filter(|m| !m.covered)
        .map(|m| (p.meetings[m.meeting].id.as_str(), m.reason.as_str()))
        .collect();
    reason_list(
        s,
        "Shortfalls",
        "shortfalls",
        "Every family gets its agreed hours, visits and joint visits.",
        &short,
    );
    reason_list(
        s,
        "Uncovered meetings",
        "uncovered",
        "Every meeting is staffed.",
        &unc,
    );
}

/// A heading with the count, then the (id, reason) items as a list, or `none` when empty.
fn reason_list(s: &mut String, title: &str, id: &str, none: &str, items: &[(&str, &str)]) {
    let _ = writeln!(s, "<h2>{title} ({})</h2>", items.len());
    if items.is_empty() {
        let _ = writeln!(s, "<p>{none}</p>");
        return;
    }
    let _ = writeln!(s, "<ul id=\"{id}\">");
    for (what, why) in items {
        let _ = writeln!(s, "<li><b>{}</b>: {}</li>", esc(what), esc(why));
    }
    s.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::*;

    fn info() -> SolveInfo {
        SolveInfo {
            method: "test".into(),
            objective: Some(1.0),
            bound: Some(0.5),
            mip_gap: 0.01,
            restricted: false,
            bound_from_routes: false,
            by_office: None,
            seconds: 0.0,
            evaluated: false,
        }
    }

    /// The bar `bar-{i}` of the page: its group, from the id to the group's end.
    fn bar_of(html: &str, i: usize) -> &str {
        let at = html
            .find(&format!("id=\"bar-{i}\""))
            .unwrap_or_else(|| panic!("no bar-{i}"));
        let end = at + html[at..].find("</g>").expect("the group ends");
        &html[at..end]
    }

    #[test]
    fn a_break_is_a_bar_of_its_own_neutral_colour_with_a_legend_entry() {
        let p = problem();
        let roster = Roster {
            activities: long_day_with_break(),
        };
        let html = crate::report::build_for(&p, &roster, &info()).html;
        let colour = KINDS[group(ActivityKind::Break)].1;
        assert!(KINDS.iter().filter(|k| k.1 == colour).count() == 1);
        assert!(html.contains(&format!(
            "<i style=\"background:{colour}\"></i>break</span>"
        )));
        assert_eq!(html.matches("class=\"act break\"").count(), 1);
        let brk = bar_of(&html, 3);
        assert!(
            brk.contains("<title>W1 Tue 11:40–12:10 break at U1</title>"),
            "{brk}"
        );
        assert!(brk.contains(&format!("fill=\"{colour}\"/>")), "{brk}");
        assert!(brk.contains(">break</text>"), "{brk}");
        assert!(html.contains("best found, not proven optimal"));
    }

    /// The tiny week with people's names: W1 is "Anna <script>", the homes have names.
    fn named() -> Problem {
        let mut p = problem();
        p.workers[0].name = "Anna <script>".into();
        p.workers[1].name = "Mikko V.".into();
        p.locations[HOME_A].name = "Ounasrinne (home)".into();
        p.locations[OFFICE].name = "Ensikoti".into();
        p
    }

    #[test]
    fn bars_name_their_family_or_meeting_and_rows_their_worker() {
        let p = named();
        let mut activities = long_day_with_break();
        activities.push(supported(&p, 1, 0));
        activities.push(remote(1, 2, "09:00", "09:30", FB));
        let roster = Roster { activities };
        let html = crate::report::build_for(&p, &roster, &info()).html;
        // The visit of FA at home A (3 h) carries the case code and the place's name.
        let visit = bar_of(&html, 1);
        assert!(visit.starts_with("id=\"bar-1\"><title>"), "{visit}");
        assert!(visit.contains(">FA · Ounasrinne (home)</text>"), "{visit}");
        assert!(
            visit.contains("<title>W1 Anna &lt;script&gt; Tue 08:20–11:20 visit FA at Ounasrinne (home) (LA)</title>"),
            "{visit}"
        );
        // Travel names where it goes when it can, an arrow when it cannot.
        let travel = bar_of(&html, 0);
        assert!(
            travel.contains(">→</text>") || travel.contains(">→ Ounasrinne"),
            "{travel}"
        );
        // The meeting names itself, its family and its room.
        let meeting = bar_of(&html, 7);
        assert!(meeting.contains(">M1 · FA · R1</text>"), "{meeting}");
        assert!(meeting.contains("<title>W2 Mikko V. Mon 10:00–12:00 supported meeting M1 of FA at Ensikoti (U1) in R1</title>"), "{meeting}");
        // A 30-minute remote session has room for the code at least.
        assert!(bar_of(&html, 8).contains(">FB"), "{}", bar_of(&html, 8));
        // Rows and utilization name the workers; the name stays text.
        assert!(html.contains(">W1 Anna &lt;script&gt;</text>"), "{html}");
        assert!(html.contains(">W2 Mikko V.</text>"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn a_label_is_shown_only_where_it_fits() {
        let tiers = vec!["F001 · Ounasrinne (home)".to_string(), "F001".to_string()];
        assert_eq!(fit(&tiers, 400.0), Some("F001 · Ounasrinne (home)"));
        assert_eq!(fit(&tiers, 50.0), Some("F001"));
        assert_eq!(fit(&tiers, 20.0), None);
        assert!(text_width("WWWW") > text_width("iiii"));
        assert_eq!(shorten("W01 Timo K.", 500.0), "W01 Timo K.");
        let short = shorten("W01 Maria-Liisa Korhonen-Väisänen", 100.0);
        assert!(
            short.ends_with('…') && text_width(&short) <= 100.0,
            "{short}"
        );
    }

    #[test]
    fn absences_off_hours_and_holidays_are_shaded() {
        let mut p = named();
        p.exceptions.push(crate::model::AvailabilityException {
            worker: 1,
            day: 1,
            span: None,
            kind: ExceptionKind::Absent,
        });
        p.exceptions.push(crate::model::AvailabilityException {
            worker: 0,
            day: 3,
            span: Some(Interval::new(12 * 60, 16 * 60)),
            kind: ExceptionKind::Absent,
        });
        // W2 works Monday to Friday 10–14 only.
        p.workers[1].available =
            crate::model::WeeklyPattern::new(vec![crate::model::PatternRule {
                days: 0b0011111,
                span: Interval::new(10 * 60, 14 * 60),
            }]);
        p.rebuild_derived();
        let roster = Roster {
            activities: long_day_with_break(),
        };
        let html = crate::report::build_for(&p, &roster, &info()).html;
        assert_eq!(html.matches("<rect class=\"absent\"").count(), 2);
        assert!(html.contains("<title>W2 Mikko V. absent Tue all day</title>"));
        assert!(html.contains("<title>W1 Anna &lt;script&gt; absent Thu 12:00–16:00</title>"));
        assert!(html.contains(">absent</text>"));
        // 2026-W49: Sunday 6 December is Independence Day; Saturday is a weekend day.
        assert_eq!(html.matches("<rect class=\"holiday\"").count(), 1);
        assert!(html.contains("<title>Sun 06.12.2026: public holiday</title>"));
        assert!(html.contains("Sun 06.12.2026 <span class=\"note\">· public holiday</span>"));
        assert!(html.contains("Sat 05.12.2026 <span class=\"note\">· weekend</span>"));
        // Every row is off duty but for its working windows: W1's every day but Sunday, a public
        // holiday (holidays_off; two on Thursday, around the absence), W2's Monday, Wednesday,
        // Thursday and Friday.
        assert_eq!(html.matches("<rect class=\"off\"").count(), 7 * 2);
        assert_eq!(html.matches("<rect class=\"win\"").count(), 7 + 4);
    }

    #[test]
    fn the_family_table_links_each_family_to_its_bars_and_back() {
        let p = named();
        let roster = Roster {
            activities: long_day_with_break(),
        };
        let html = crate::report::build_for(&p, &roster, &info()).html;
        let table = &html[html.find("<table id=\"families\"").expect("family table")..];
        // FA (index 0) has the visit on row 1: a highlight link and a link to the bar.
        assert!(table.contains("<tr id=\"family-0\" class=\"f0\"><td><a href=\"#hl-0\""));
        assert!(table.contains("<a href=\"#bar-1\" title=\"W1 Anna &lt;script&gt; Tue 08:20–11:20 visit FA at Ounasrinne (home) (LA)\">Tue 08:20 W1</a>"), "{table}");
        assert!(table.contains("<a href=\"#bar-5\""));
        // The highlight target comes before the chart and the table, whose rules reach both.
        let (target, chart) = (
            html.find("<span class=\"hl\" id=\"hl-0\"></span>")
                .expect("target"),
            html.find("<div id=\"gantt\">").expect("chart"),
        );
        assert!(target < chart);
        assert!(html.contains("#hl-0:target~#gantt .f0,#hl-0:target~#families .f0{"));
        // The bar is of family 0 and links back to its row; travel and breaks are of none.
        assert!(
            html.contains("<a href=\"#family-0\"><g class=\"act home_visit f0\" id=\"bar-1\">")
        );
        assert!(html.contains("<g class=\"act travel\" id=\"bar-0\">"));
        // The same input gives the same bytes.
        assert_eq!(html, crate::report::build_for(&p, &roster, &info()).html);
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            esc("<a href=\"x\">O'Neil & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
    }
}
