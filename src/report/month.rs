//! `caseload month`: the month's figures per family, per child and per payment commitment, from
//! the weeks' plans and rosters (only the days of the month: a week crossing the month's
//! boundary is split by date), and `month.html`, a printable page per family or child.

use super::html::esc;
use crate::model::calendar::IsoWeek;
use crate::model::table::{Cell, DataTable};
use crate::model::{ActivityKind, Problem, Roster};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// `YYYY-MM`, within the years caseload plans.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        if !crate::model::calendar::SUPPORTED_YEARS.contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Month { year, month })
    }

    pub fn first(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("checked in parse")
    }

    pub fn last(&self) -> NaiveDate {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("a month follows") - chrono::Duration::days(1)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        d.year() == self.year && d.month() == self.month
    }

    /// The ISO weeks with at least one day in the month, in order.
    pub fn weeks(&self) -> Vec<IsoWeek> {
        let mut out: Vec<IsoWeek> = Vec::new();
        let mut d = self.first();
        while d <= self.last() {
            let iw = d.iso_week();
            if let Some(w) = IsoWeek::new(iw.year(), iw.week())
                && out.last() != Some(&w)
            {
                out.push(w);
            }
            d += chrono::Duration::days(1);
        }
        out
    }

    /// How many days of `week` fall in the month.
    pub fn days_of(&self, week: IsoWeek) -> usize {
        week.dates().iter().filter(|d| self.contains(**d)).count()
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One week's output folder, read: its plan, its roster and its coverage.csv reasons.
pub struct WeekIn<'a> {
    /// The folder as the user named it.
    pub folder: String,
    pub problem: &'a Problem,
    pub roster: &'a Roster,
    /// coverage.csv's `reason` per family id (non-empty ones).
    pub reasons: BTreeMap<String, String>,
}

/// A row of prices.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    pub service: String,
    pub channel: String,
    pub euros_per_hour: f64,
}

/// The channels an invoice bills, as prices.csv names them.
pub const CHANNELS: [&str; 3] = ["in_person", "remote", "meeting"];

/// What one family received in the month (hours in minutes until written).
#[derive(Debug, Clone, Default)]
pub struct FamilyMonth {
    pub id: String,
    pub service: String,
    pub children: Vec<String>,
    pub commitment: Option<String>,
    pub agreed_hours: f64,
    pub in_person: u32,
    pub remote: u32,
    pub meeting: u32,
    /// Minutes that count as delivered (in person + remote, plus meetings where the week's plan
    /// counts them as effort).
    pub counted: u32,
    pub visits: u32,
    joints: BTreeSet<(NaiveDate, u32, u32)>,
    pub workers: BTreeSet<String>,
    pub primary: u32,
    pub has_primary: bool,
    pub remote_cap: f64,
    /// In-person and remote hours of the rolling four weeks that end with the last week given.
    pub four_weeks: crate::model::Hours,
    pub reasons: Vec<String>,
    /// Per week given: delivered and agreed hours within the month.
    pub weekly: Vec<WeekHours>,
}

/// A family's hours of one week within the month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekHours {
    pub week: IsoWeek,
    pub delivered: f64,
    pub agreed: f64,
}

impl FamilyMonth {
    pub fn delivered_hours(&self) -> f64 {
        f64::from(self.counted) / 60.0
    }

    pub fn joint_visits(&self) -> usize {
        self.joints.len()
    }

    pub fn shortfall_hours(&self) -> f64 {
        let s = (self.agreed_hours - self.delivered_hours()).max(0.0);
        if s < 0.005 { 0.0 } else { s }
    }

    fn remote_share(&self) -> f64 {
        let total = self.in_person + self.remote;
        if total == 0 {
            0.0
        } else {
            f64::from(self.remote) / f64::from(total)
        }
    }
}

/// Every family of the weeks' plans (by id), with its month.
pub fn family_months(month: Month, weeks: &[WeekIn]) -> Vec<FamilyMonth> {
    let mut fams: BTreeMap<String, FamilyMonth> = BTreeMap::new();
    let mut order: Vec<&WeekIn> = weeks.iter().collect();
    order.sort_by_key(|w| w.problem.settings.week.monday());
    for (k, w) in order.iter().enumerate() {
        let p = w.problem;
        let week = p.settings.week;
        let days = month.days_of(week) as f64;
        let last = k + 1 == order.len();
        let mut delivered_week: BTreeMap<&str, u32> = BTreeMap::new();
        let mut whole_week = vec![(0u32, 0u32); p.families.len()];
        for a in &w.roster.activities {
            let fam = match (a.family, a.meeting) {
                (Some(f), _) if a.kind.is_client() => f,
                (_, Some(m)) if a.kind.is_meeting() => p.meetings[m].family,
                _ => continue,
            };
            match a.kind {
                ActivityKind::HomeVisit | ActivityKind::JointVisit => {
                    whole_week[fam].0 += a.minutes()
                }
                ActivityKind::Remote => whole_week[fam].1 += a.minutes(),
                _ => {}
            }
            let date = week.date(a.day);
            if !month.contains(date) {
                continue;
            }
            let f = &p.families[fam];
            let e = fams.entry(f.id.clone()).or_default();
            e.workers.insert(p.workers[a.worker].id.clone());
            let counts = match a.kind {
                ActivityKind::HomeVisit => {
                    e.in_person += a.minutes();
                    e.visits += 1;
                    true
                }
                ActivityKind::JointVisit => {
                    e.in_person += a.minutes();
                    e.joints.insert((date, a.span.start, a.span.end));
                    true
                }
                ActivityKind::Remote => {
                    e.remote += a.minutes();
                    true
                }
                _ => {
                    e.meeting += a.minutes();
                    p.settings.meetings_count_as_effort
                }
            };
            if counts {
                e.counted += a.minutes();
                *delivered_week.entry(f.id.as_str()).or_default() += a.minutes();
            }
            if a.kind.is_client() && f.primary_worker == Some(a.worker) {
                e.primary += a.minutes();
            }
        }
        for (i, f) in p.families.iter().enumerate() {
            let e = fams.entry(f.id.clone()).or_default();
            let agreed = f.weekly_hours * days / 7.0;
            e.id = f.id.clone();
            e.service = f.service.clone();
            e.children = f.children.clone();
            e.commitment = f.commitment.clone();
            e.remote_cap = p.remote_cap(i);
            e.has_primary |= f.primary_worker.is_some();
            e.agreed_hours += agreed;
            let got = f64::from(delivered_week.get(f.id.as_str()).copied().unwrap_or(0)) / 60.0;
            e.weekly.push(WeekHours {
                week,
                delivered: got,
                agreed,
            });
            if let Some(r) = w.reasons.get(&f.id) {
                e.reasons.push(format!("{week}: {r}"));
            }
            if last {
                let crate::model::Hours {
                    in_person: hi,
                    remote: hr,
                } = p.history_hours(i);
                let (wi, wr) = whole_week[i];
                e.four_weeks = crate::model::Hours {
                    in_person: hi + f64::from(wi) / 60.0,
                    remote: hr + f64::from(wr) / 60.0,
                };
            }
        }
    }
    // The visit count includes joint visits, as coverage.csv's does.
    for e in fams.values_mut() {
        e.visits += e.joints.len() as u32;
    }
    fams.into_values().collect()
}

const FAMILY_COLUMNS: [&str; 16] = [
    "family_id",
    "service",
    "agreed_hours",
    "delivered_hours",
    "in_person_hours",
    "remote_hours",
    "meeting_hours",
    "visits",
    "joint_visits",
    "remote_share",
    "remote_share_4_weeks",
    "remote_cap",
    "distinct_workers",
    "primary_worker_share",
    "shortfall_hours",
    "reasons",
];

fn family_cells(f: &FamilyMonth) -> Vec<Cell> {
    let h = |m: u32| Cell::Number(f64::from(m) / 60.0);
    let (fi, fr) = (f.four_weeks.in_person, f.four_weeks.remote);
    let client = f.in_person + f.remote;
    vec![
        f.id.as_str().into(),
        f.service.as_str().into(),
        f.agreed_hours.into(),
        f.delivered_hours().into(),
        h(f.in_person),
        h(f.remote),
        h(f.meeting),
        f.visits.into(),
        f.joint_visits().into(),
        f.remote_share().into(),
        (if fi + fr > 0.0 { fr / (fi + fr) } else { 0.0 }).into(),
        f.remote_cap.into(),
        f.workers.len().into(),
        if f.has_primary && client > 0 {
            Cell::Number(f64::from(f.primary) / f64::from(client))
        } else {
            Cell::text("")
        },
        f.shortfall_hours().into(),
        f.reasons.join("; ").into(),
    ]
}

/// month_families.csv.
pub fn families_table(fams: &[FamilyMonth]) -> DataTable {
    let mut t = DataTable::new("month_families.csv", &FAMILY_COLUMNS);
    for f in fams {
        t.push(family_cells(f));
    }
    t
}

/// month_children.csv: the family's row once per child (the family's id as the child's when
/// it names no children).
pub fn children_table(fams: &[FamilyMonth]) -> DataTable {
    let mut headers = vec!["child_id"];
    headers.extend(FAMILY_COLUMNS);
    let mut t = DataTable::new("month_children.csv", &headers);
    for f in fams {
        for child in children_of(f) {
            let mut row = vec![Cell::text(child)];
            row.extend(family_cells(f));
            t.push(row);
        }
    }
    t
}

fn children_of(f: &FamilyMonth) -> Vec<&str> {
    if f.children.is_empty() {
        vec![f.id.as_str()]
    } else {
        f.children.iter().map(String::as_str).collect()
    }
}

/// invoice.csv: per payment commitment (the family's id when it has none), service and channel,
/// the hours of the month and their amount at prices.csv's price; without a price the amount is
/// empty and the note says so.
pub fn invoice_table(fams: &[FamilyMonth], prices: Option<&[Price]>) -> DataTable {
    let mut t = DataTable::new(
        "invoice.csv",
        &[
            "commitment",
            "family_ids",
            "service",
            "channel",
            "hours",
            "euros_per_hour",
            "amount_euros",
            "note",
        ],
    );
    // (commitment, service) -> families, minutes per channel.
    let mut lines: BTreeMap<(String, String), (Vec<String>, [u32; 3])> = BTreeMap::new();
    for f in fams {
        let key = (
            f.commitment.clone().unwrap_or_else(|| f.id.clone()),
            f.service.clone(),
        );
        let e = lines.entry(key).or_default();
        e.0.push(f.id.clone());
        e.1[0] += f.in_person;
        e.1[1] += f.remote;
        e.1[2] += f.meeting;
    }
    for ((commitment, service), (ids, minutes)) in lines {
        for (channel, m) in CHANNELS.iter().zip(minutes) {
            if m == 0 {
                continue;
            }
            let hours = f64::from(m) / 60.0;
            let price = prices.and_then(|ps| {
                ps.iter()
                    .find(|p| p.service == service && p.channel == *channel)
            });
            let (per_hour, amount, note) = match (prices, price) {
                (_, Some(p)) => (
                    Cell::Number(p.euros_per_hour),
                    Cell::Number((hours * p.euros_per_hour * 100.0).round() / 100.0),
                    String::new(),
                ),
                (Some(_), None) => (
                    Cell::text(""),
                    Cell::text(""),
                    format!("no price: prices.csv has no row for {service} {channel}"),
                ),
                (None, None) => (
                    Cell::text(""),
                    Cell::text(""),
                    "no price: the plan folder has no prices.csv".to_string(),
                ),
            };
            t.push(vec![
                commitment.as_str().into(),
                ids.join("|").into(),
                service.as_str().into(),
                (*channel).into(),
                hours.into(),
                per_hour,
                amount,
                note.into(),
            ]);
        }
    }
    t
}

/// One week of the month and what was given for it.
#[derive(Debug, Clone)]
pub struct WeekStatus {
    pub week: IsoWeek,
    pub folder: Option<String>,
}

/// month_weeks.csv: every ISO week with days in the month, its days in the month, and the
/// folder read for it or `missing`.
pub fn weeks_table(month: Month, weeks: &[WeekStatus]) -> DataTable {
    let mut t = DataTable::new(
        "month_weeks.csv",
        &[
            "week",
            "first_date",
            "last_date",
            "days_in_month",
            "folder",
            "status",
        ],
    );
    for w in weeks {
        let dates: Vec<NaiveDate> = w
            .week
            .dates()
            .into_iter()
            .filter(|d| month.contains(*d))
            .collect();
        t.push(vec![
            w.week.to_string().into(),
            Cell::date(dates[0]),
            Cell::date(dates[dates.len() - 1]),
            dates.len().into(),
            w.folder.clone().unwrap_or_default().into(),
            if w.folder.is_some() {
                "read"
            } else {
                "missing: no output folder was given for this week; its hours are not counted"
            }
            .into(),
        ]);
    }
    t
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\
.page{break-after:page;page-break-after:always;margin-bottom:3em}\
h1{font-size:1.3em}table{border-collapse:collapse;margin:.6em 0}\
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}td.n{text-align:right}\
.missing{color:#8a3a2e}svg text{font-size:11px;fill:#333}\
@media print{body{margin:0}}";

/// month.html: one printable page per child (per family without children): the month's
/// figures and a bar per week (delivered against agreed hours within the month).
pub fn month_html(month: Month, fams: &[FamilyMonth], weeks: &[WeekStatus]) -> String {
    let missing: Vec<String> = weeks
        .iter()
        .filter(|w| w.folder.is_none())
        .map(|w| w.week.to_string())
        .collect();
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>caseload {month}</title><style>{CSS}</style></head><body>\n"
    );
    let table = families_table(fams);
    for (f, row) in fams.iter().zip(&table.rows) {
        for child in children_of(f) {
            s.push_str(&format!(
                "<section class=\"page\"><h1>{} — family {} — {month}</h1>\n",
                esc(child),
                esc(&f.id)
            ));
            if !missing.is_empty() {
                s.push_str(&format!(
                    "<p class=\"missing\">Not counted: no roster was given for {}.</p>\n",
                    esc(&missing.join(", "))
                ));
            }
            s.push_str("<table>");
            for (h, c) in table.headers.iter().zip(row).skip(1) {
                let (class, text) = match c {
                    Cell::Number(x) => (" class=\"n\"", format!("{x:.2}")),
                    Cell::Count(n) => (" class=\"n\"", n.to_string()),
                    Cell::Text(t) => ("", t.clone()),
                    _ => ("", String::new()),
                };
                s.push_str(&format!(
                    "<tr><th>{}</th><td{class}>{}</td></tr>",
                    esc(h),
                    esc(&text)
                ));
            }
            s.push_str("</table>\n");
            chart(&mut s, f);
            s.push_str("</section>\n");
        }
    }
    s.push_str("</body></html>\n");
    s
}

/// A bar per week: delivered hours, with the agreed hours as a line.
fn chart(s: &mut String, f: &FamilyMonth) {
    let top = f
        .weekly
        .iter()
        .map(|w| w.delivered.max(w.agreed))
        .fold(1.0f64, f64::max);
    let (bar, gap, height) = (60.0, 30.0, 120.0);
    let width = f.weekly.len() as f64 * (bar + gap) + gap;
    s.push_str(&format!(
        "<svg width=\"{width}\" height=\"{}\" role=\"img\" aria-label=\"delivered hours per week\">",
        height + 30.0
    ));
    for (i, w) in f.weekly.iter().enumerate() {
        let (week, got, agreed) = (w.week, w.delivered, w.agreed);
        let x = gap + i as f64 * (bar + gap);
        let h = got / top * height;
        let a = height - agreed / top * height;
        s.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar}\" height=\"{h:.1}\" fill=\"#4a7ab0\"><title>{week}: {got:.2} of {agreed:.2} h</title></rect>\
             <line x1=\"{x:.1}\" x2=\"{:.1}\" y1=\"{a:.1}\" y2=\"{a:.1}\" stroke=\"#c0392b\" stroke-width=\"2\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\">{week} {got:.1} h</text>",
            height - h,
            x + bar,
            height + 15.0
        ));
    }
    s.push_str("</svg>\n<p>Bars: hours delivered in the month per week; red line: agreed hours for the week's days in the month.</p>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_knows_its_weeks_and_their_days() {
        let m = Month::parse("2026-12").unwrap();
        assert_eq!(m.last(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        let weeks: Vec<String> = m.weeks().iter().map(|w| w.to_string()).collect();
        assert_eq!(
            weeks,
            ["2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53"]
        );
        let days: Vec<usize> = m.weeks().into_iter().map(|w| m.days_of(w)).collect();
        assert_eq!(days, [6, 7, 7, 7, 4]);
        for bad in ["2026-13", "2026-1", "26-12", "1999-12", "2026-12-01", ""] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    fn family(id: &str) -> FamilyMonth {
        FamilyMonth {
            id: id.into(),
            service: "s<b>".into(),
            in_person: 90,
            remote: 30,
            counted: 120,
            agreed_hours: 3.0,
            ..FamilyMonth::default()
        }
    }

    #[test]
    fn no_price_is_no_amount_never_zero() {
        let fams = [family("F1")];
        let prices = [Price {
            service: "s<b>".into(),
            channel: "in_person".into(),
            euros_per_hour: 60.0,
        }];
        let t = invoice_table(&fams, Some(&prices));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][6], Cell::Number(90.0));
        assert_eq!(t.rows[1][6], Cell::text(""));
        assert!(matches!(&t.rows[1][7], Cell::Text(n) if n.starts_with("no price")));
        let t = invoice_table(&fams, None);
        assert!(t.rows.iter().all(|r| r[6] == Cell::text("")));
    }

    #[test]
    fn month_html_escapes_input_text_and_has_a_page_per_child() {
        let mut f = family("F<script>");
        f.children = vec!["C&1".into(), "C2\"".into()];
        let m = Month::parse("2026-12").unwrap();
        let html = month_html(m, &[f, family("F2")], &[]);
        assert_eq!(html.matches("<section class=\"page\">").count(), 3);
        assert!(!html.contains("<script>") && !html.contains("s<b>"));
        assert!(html.contains("F&lt;script&gt;") && html.contains("C&amp;1"));
    }
}
