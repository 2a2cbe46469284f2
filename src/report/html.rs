//! report.html: one self-contained page (inline CSS and SVG, no scripts, no external assets)
//! for the team lead and the manager: the week as a Gantt chart per worker, utilization against
//! contract and capacity, and each family's delivered hours against the agreed hours with the
//! remote share against its cap. It opens from a mail attachment or a shared drive as it is.

use super::SolveInfo;
use super::coverage::{FamilyRow, MeetingRow};
use super::utilization::WorkerRow;
use crate::model::time::{DAY_NAMES, fmt_hm};
use crate::model::{ActivityKind, Problem, Roster};
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
    p: &Problem,
    r: &Roster,
    info: &SolveInfo,
    fams: &[FamilyRow],
    meetings: &[MeetingRow],
    workers: &[WorkerRow],
) -> String {
    let mut s = String::new();
    let week = p.settings.week;
    let (delivered, coverage) = super::coverage::delivered_and_coverage(p, fams);
    let gap = info
        .gap()
        .map(|g| format!("{:.2} %", g * 100.0))
        .unwrap_or_else(|| "n/a".into());
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>caseload {week}</title><style>{CSS}</style></head><body>\n\
         <h1>Week {week} ({} – {})</h1>\n<p class=\"facts\">{} workers · {} families · \
         {} meetings · solver {} · {} · objective {} · bound {} · gap {gap} · \
         delivered {delivered:.2} of {:.2} h ({:.1} %) · meetings staffed {} of {}</p>\n",
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
    families(&mut s, p, fams);
    problems(&mut s, p, fams, meetings);
    s.push_str("</body></html>\n");
    s
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}.facts{color:#444}\
svg text{font-size:11px;fill:#333}.legend span{display:inline-block;margin-right:1.2em}\
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}\
table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;border-bottom:1px solid #eee}\
td.n{text-align:right}.over{color:#b00020;font-weight:600}";

/// The week as one chart: a row per worker, a band per day over the hours anything happens.
fn gantt(s: &mut String, p: &Problem, r: &Roster) {
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
    let (label_w, day_w, row_h, head_h) = (48u32, 168u32, 16u32, 30u32);
    let width = label_w + 7 * day_w + 4;
    let height = head_h + row_h * p.workers.len() as u32 + 4;
    let x = |day: usize, minute: u32| {
        f64::from(label_w)
            + f64::from(day_w) * day as f64
            + f64::from(day_w) * (f64::from(minute) - f64::from(first * 60)) / f64::from(hours * 60)
    };
    let _ = writeln!(
        s,
        "<h2>Roster</h2>\n<p class=\"legend\">{}</p>",
        KINDS
            .iter()
            .map(|(k, c)| format!("<span><i style=\"background:{c}\"></i>{k}</span>"))
            .collect::<String>()
    );
    let _ = writeln!(
        s,
        "<svg id=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"roster of the week per worker\">"
    );
    for (d, name) in DAY_NAMES.iter().enumerate() {
        let x0 = x(d, first * 60);
        let shade = if d >= 5 || p.holidays[d] {
            "#f6efe6"
        } else {
            "#f4f6f8"
        };
        let _ = writeln!(
            s,
            "<rect x=\"{x0:.1}\" y=\"{head_h}\" width=\"{}\" height=\"{}\" fill=\"{shade}\"/>\
             <text x=\"{:.1}\" y=\"12\">{} {}</text><text x=\"{x0:.1}\" y=\"25\">{:02}</text>\
             <text x=\"{:.1}\" y=\"25\" text-anchor=\"end\">{:02}</text>",
            day_w - 2,
            height - head_h,
            x0 + 2.0,
            name,
            p.settings.week.date(d).format("%d.%m."),
            first,
            x0 + f64::from(day_w) - 4.0,
            last
        );
    }
    for (w, worker) in p.workers.iter().enumerate() {
        let y = head_h + row_h * w as u32;
        let _ = writeln!(
            s,
            "<text x=\"2\" y=\"{}\">{}</text>",
            y + row_h - 4,
            esc(&worker.id)
        );
    }
    for a in &r.activities {
        let g = group(a.kind);
        let y = head_h + row_h * a.worker as u32 + 2;
        let (x0, x1) = (x(a.day, a.span.start), x(a.day, a.span.end));
        let what = super::subject(p, a);
        let _ = writeln!(
            s,
            "<rect class=\"act {}\" x=\"{x0:.1}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" fill=\"{}\">\
             <title>{} {} {}–{} {} {}</title></rect>",
            a.kind.as_str(),
            (x1 - x0).max(1.0),
            row_h - 4,
            KINDS[g].1,
            esc(&p.workers[a.worker].id),
            DAY_NAMES[a.day],
            fmt_hm(a.span.start),
            fmt_hm(a.span.end),
            a.kind.as_str(),
            esc(&what)
        );
    }
    s.push_str("</svg>\n");
}

/// A horizontal bar per worker: planned hours by part, with contract and capacity marked.
fn utilization(s: &mut String, p: &Problem, workers: &[WorkerRow]) {
    let scale_max = p
        .workers
        .iter()
        .map(|w| w.capacity_hours.max(w.contract_hours))
        .chain(workers.iter().map(|w| w.planned_hours))
        .fold(1.0, f64::max);
    let (label_w, bar_w, row_h) = (48.0, 520.0, 18.0);
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
        let _ = writeln!(
            s,
            "<text x=\"2\" y=\"{:.1}\">{}</text>",
            y + row_h - 6.0,
            esc(&wk.id)
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

/// A table row per family: delivered against agreed hours as a bar, remote share against cap.
fn families(s: &mut String, p: &Problem, fams: &[FamilyRow]) {
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
         <th>remote share</th><th>4 weeks</th><th>cap</th><th>shortfall h</th></tr>\n",
    );
    for row in fams {
        let f = &p.families[row.family];
        let cap = p.remote_cap(row.family);
        let share = row.remote_share();
        // The cap holds over this week and the three before it (history.csv).
        let (hi, hr) = p.history_hours(row.family);
        let total = row.in_person_hours + row.remote_hours + hi + hr;
        let rolling = if total > 0.0 {
            (row.remote_hours + hr) / total
        } else {
            0.0
        };
        let over = rolling > cap + 1e-4;
        let (inp, rem, agreed) = (
            bar * row.in_person_hours / max,
            bar * row.remote_hours / max,
            bar * f.weekly_hours / max,
        );
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{:.2}</td><td class=\"n\">{:.2}</td><td>\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"14\" viewBox=\"0 0 {w} 14\">\
             <rect x=\"0\" y=\"2\" width=\"{inp:.1}\" height=\"10\" fill=\"{}\"/>\
             <rect x=\"{inp:.1}\" y=\"2\" width=\"{rem:.1}\" height=\"10\" fill=\"{}\"/>\
             <line x1=\"{agreed:.1}\" x2=\"{agreed:.1}\" y1=\"0\" y2=\"14\" stroke=\"#222\" stroke-width=\"2\"/>\
             </svg></td><td class=\"n\">{:.1} %</td><td class=\"n{}\">{:.1} %</td><td class=\"n\">{:.0} %</td><td class=\"n\">{:.2}</td></tr>",
            esc(&f.id),
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

    #[test]
    fn a_break_is_a_bar_of_its_own_neutral_colour_with_a_legend_entry() {
        let p = problem();
        let roster = Roster {
            activities: long_day_with_break(),
        };
        let info = SolveInfo {
            method: "test".into(),
            objective: Some(1.0),
            bound: Some(0.5),
            mip_gap: 0.01,
            restricted: false,
            bound_from_routes: false,
            seconds: 0.0,
            evaluated: false,
        };
        let html = crate::report::build(&p, &roster, &info).html;
        let colour = KINDS[group(ActivityKind::Break)].1;
        assert!(KINDS.iter().filter(|k| k.1 == colour).count() == 1);
        assert!(html.contains(&format!(
            "<i style=\"background:{colour}\"></i>break</span>"
        )));
        assert_eq!(html.matches("class=\"act break\"").count(), 1);
        assert!(
            html.contains(&format!(
                "fill=\"{colour}\"><title>W1 Tue 11:40–12:10 break at U1</title>"
            )),
            "{html}"
        );
        assert!(html.contains("best found, not proven optimal"));
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            esc("<a href=\"x\">O'Neil & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
    }
}
