//! Writing a [`Problem`] back as a plan folder (the generator's output). Reading the folder
//! again gives the same problem.

use super::folder::{FolderError, FolderKind, Target};
use super::output::CsvStyle;
use crate::model::table::{Cell, DataTable};
use crate::model::time::fmt_hm;
use crate::model::{Problem, Settings};
use std::path::Path;

/// Every file a plan folder may hold.
pub const PLAN_FILES: [&str; 10] = [
    "plan.toml",
    "workers.csv",
    "families.csv",
    "locations.csv",
    "meetings.csv",
    "rooms.csv",
    "availability.csv",
    "travel.csv",
    "history.csv",
    "appointments.csv",
];

/// A number with full round-trip precision: Rust's `{}` for `f64` is the shortest decimal that
/// reads back as the same value, and never uses an exponent (which the CSV reader refuses).
/// So a plan folder written here reads back as the same problem: hours like 38.25 stay short,
/// and a coordinate or share keeps every digit that moves a travel minute or a cap.
fn num(x: f64) -> Cell {
    Cell::Text(format!("{x}"))
}

/// A TOML string literal (quotes, backslashes and control characters escaped).
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The solver's time limit as plan.toml accepts it (above 0, at most
/// [`MAX_TIME_LIMIT_SECONDS`]): the value given (in plan.toml or by `--time-limit`) when it is
/// valid there, else the nearest valid one, so that a written plan folder always passes `check`.
pub fn valid_time_limit(seconds: f64) -> f64 {
    if seconds > 0.0 && seconds <= MAX_TIME_LIMIT_SECONDS {
        seconds
    } else {
        MAX_TIME_LIMIT_SECONDS
    }
}

/// The largest `[solver] time_limit_seconds` plan.toml accepts (a day).
pub const MAX_TIME_LIMIT_SECONDS: f64 = 86_400.0;

fn opt_num(x: Option<f64>) -> Cell {
    x.map(num).unwrap_or_else(|| Cell::text(""))
}

/// plan.toml with the week and every setting that differs from the default.
pub fn settings_toml(s: &Settings) -> String {
    let d = Settings::defaults(s.week);
    let mut out = format!("week = \"{}\"\n", s.week);
    let mut kv = |key: &str, differs: bool, value: String| {
        if differs {
            out.push_str(&format!("{key} = {value}\n"));
        }
    };
    kv(
        "remote_max_share",
        s.remote_max_share != d.remote_max_share,
        s.remote_max_share.to_string(),
    );
    kv(
        "max_daily_hours",
        s.max_daily_hours != d.max_daily_hours,
        format!("{:?}", s.max_daily_hours),
    );
    kv(
        "min_rest_hours",
        s.min_rest_hours != d.min_rest_hours,
        format!("{:?}", s.min_rest_hours),
    );
    kv(
        "break_after_hours",
        s.break_after_hours != d.break_after_hours,
        format!("{:?}", s.break_after_hours),
    );
    kv(
        "break_minutes",
        s.break_minutes != d.break_minutes,
        s.break_minutes.to_string(),
    );
    kv(
        "holidays",
        !s.holidays.is_empty(),
        format!(
            "[{}]",
            s.holidays
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    kv(
        "supported_per_worker",
        s.supported_per_worker != d.supported_per_worker,
        s.supported_per_worker.to_string(),
    );
    kv(
        "meetings_count_as_effort",
        s.meetings_count_as_effort,
        "true".into(),
    );
    kv(
        "remote_on_visit_days",
        s.remote_on_visit_days,
        "true".into(),
    );
    kv("holidays_off", !s.holidays_off, "false".into());
    if s.road_factor != d.road_factor || s.speed_kmh != d.speed_kmh {
        out.push_str(&format!(
            "\n[travel]\nroad_factor = {:?}\nspeed_kmh = {:?}\n",
            s.road_factor, s.speed_kmh
        ));
    }
    let time_limit = valid_time_limit(s.time_limit_seconds);
    if time_limit != d.time_limit_seconds || s.mip_gap != d.mip_gap {
        out.push_str(&format!(
            "\n[solver]\ntime_limit_seconds = {time_limit:?}\nmip_gap = {:?}\n",
            s.mip_gap
        ));
    }
    if s.payroll != d.payroll {
        let w = |p: crate::model::PayWindow| format!("\"{}-{}\"", fmt_hm(p.start), fmt_hm(p.end));
        out.push_str(&format!(
            "\n[payroll]\nevening = {}\nnight = {}\nsaturday = {}\ndate_format = {}\n",
            w(s.payroll.evening),
            w(s.payroll.night),
            w(s.payroll.saturday),
            toml_str(&s.payroll.date_format)
        ));
        if let Some(preset) = s.payroll.preset {
            out.push_str(&format!("preset = {}\n", toml_str(preset.as_str())));
        }
        if !s.payroll.codes.is_empty() {
            out.push_str("\n[payroll.codes]\n");
            for (code, name) in &s.payroll.codes {
                out.push_str(&format!("{} = {}\n", code.as_str(), toml_str(name)));
            }
        }
    }
    if s.weights != d.weights {
        let w = &s.weights;
        out.push_str(&format!(
            "\n[weights]\nuncovered_meeting = {:?}\nshortfall_hour = {:?}\nmissing_visit = {:?}\nmissing_joint_visit = {:?}\nprimary_absent = {:?}\nworker_per_family = {:?}\ntravel_hour = {:?}\novertime_hour = {:?}\nweekend_hour = {:?}\nremote_hour = {:?}\nchange = {:?}\nrhythm = {:?}\nremote_over_cap_hour = {:?}\n",
            w.uncovered_meeting, w.shortfall_hour, w.missing_visit, w.missing_joint_visit, w.primary_absent, w.worker_per_family, w.travel_hour, w.overtime_hour, w.weekend_hour, w.remote_hour, w.change, w.rhythm, w.remote_over_cap_hour
        ));
    }
    if s.finnish_csv || s.xlsx {
        out.push_str(&format!(
            "\n[output]\nfinnish_csv = {}\nxlsx = {}\n",
            s.finnish_csv, s.xlsx
        ));
    }
    out
}

/// The plan's CSV files as tables (optional files only when they have rows).
pub fn plan_tables(p: &Problem) -> Vec<DataTable> {
    let loc = |i: usize| Cell::text(p.locations[i].id.clone());
    let mut locations = DataTable::new("locations.csv", &["id", "name", "lat", "lon"]);
    for l in &p.locations {
        locations.push(vec![
            l.id.as_str().into(),
            l.name.as_str().into(),
            num(l.lat),
            num(l.lon),
        ]);
    }
    // `payroll_id` only when some worker has one: a plan without payroll numbers is written
    // as before.
    let payroll_ids = p.workers.iter().any(|w| w.payroll_id.is_some());
    let mut worker_columns = vec![
        "id",
        "name",
        "skills",
        "contract_hours",
        "capacity_hours",
        "available",
        "base",
        "hourly_wage",
    ];
    if payroll_ids {
        worker_columns.push("payroll_id");
    }
    let mut workers = DataTable::new("workers.csv", &worker_columns);
    for w in &p.workers {
        let mut row = vec![
            w.id.as_str().into(),
            w.name.as_str().into(),
            w.skills.join("|").into(),
            num(w.contract_hours),
            num(w.capacity_hours),
            w.available.to_string().into(),
            loc(w.base),
            opt_num(w.hourly_wage),
        ];
        if payroll_ids {
            row.push(w.payroll_id.as_deref().unwrap_or("").into());
        }
        workers.push(row);
    }
    let wid = |i: usize| p.workers[i].id.clone();
    let mut families = DataTable::new(
        "families.csv",
        &[
            "id",
            "service",
            "weekly_hours",
            "location",
            "available",
            "min_visits",
            "max_visits",
            "visit_minutes",
            "remote_minutes",
            "remote_max_share",
            "joint_visits",
            "max_visits_per_day",
            "primary_worker",
            "required_skills",
            "excluded_workers",
        ],
    );
    for f in &p.families {
        families.push(vec![
            f.id.as_str().into(),
            f.service.as_str().into(),
            num(f.weekly_hours),
            loc(f.location),
            f.available
                .as_ref()
                .map(|a| a.to_string())
                .unwrap_or_default()
                .into(),
            f.min_visits.into(),
            f.max_visits.into(),
            format!("{}-{}", f.visit_minutes.0, f.visit_minutes.1).into(),
            format!("{}-{}", f.remote_minutes.0, f.remote_minutes.1).into(),
            opt_num(f.remote_max_share),
            f.joint_visits.into(),
            f.max_visits_per_day.into(),
            f.primary_worker.map(wid).unwrap_or_default().into(),
            f.required_skills.join("|").into(),
            f.excluded_workers
                .iter()
                .map(|&w| wid(w))
                .collect::<Vec<_>>()
                .join("|")
                .into(),
        ]);
    }
    // `children` and `commitment` only when some family has them, so plans without them are
    // written as before.
    if p.families
        .iter()
        .any(|f| !f.children.is_empty() || f.commitment.is_some())
    {
        families.headers.extend(["children", "commitment"]);
        for (row, f) in families.rows.iter_mut().zip(&p.families) {
            row.push(f.children.join("|").into());
            row.push(f.commitment.clone().unwrap_or_default().into());
        }
    }
    let mut out = vec![locations, workers, families];
    if !p.rooms.is_empty() {
        let mut rooms = DataTable::new("rooms.csv", &["id", "name", "location", "available"]);
        for r in &p.rooms {
            rooms.push(vec![
                r.id.as_str().into(),
                r.name.as_str().into(),
                loc(r.location),
                r.available
                    .as_ref()
                    .map(|a| a.to_string())
                    .unwrap_or_default()
                    .into(),
            ]);
        }
        out.push(rooms);
    }
    if !p.meetings.is_empty() {
        let mut t = DataTable::new(
            "meetings.csv",
            &[
                "id",
                "family_id",
                "kind",
                "date",
                "start",
                "end",
                "room",
                "staff",
                "required_skills",
            ],
        );
        for m in &p.meetings {
            t.push(vec![
                m.id.as_str().into(),
                p.families[m.family].id.as_str().into(),
                m.kind.as_str().into(),
                p.settings.week.date(m.day).to_string().into(),
                fmt_hm(m.span.start).into(),
                fmt_hm(m.span.end).into(),
                m.room
                    .map(|r| p.rooms[r].id.clone())
                    .unwrap_or_default()
                    .into(),
                m.staff.into(),
                m.required_skills.join("|").into(),
            ]);
        }
        out.push(t);
    }
    if !p.exceptions.is_empty() {
        let mut t = DataTable::new(
            "availability.csv",
            &["worker_id", "date", "start", "end", "kind"],
        );
        for x in &p.exceptions {
            let (s, e) = x
                .span
                .map(|s| (fmt_hm(s.start), fmt_hm(s.end)))
                .unwrap_or_default();
            t.push(vec![
                wid(x.worker).into(),
                p.settings.week.date(x.day).to_string().into(),
                s.into(),
                e.into(),
                x.kind.as_str().into(),
            ]);
        }
        out.push(t);
    }
    if let Some(edges) = &p.road_edges {
        let mut t = DataTable::new("travel.csv", &["from", "to", "minutes"]);
        for e in edges {
            t.push(vec![loc(e.from), loc(e.to), num(e.minutes)]);
        }
        out.push(t);
    }
    if !p.history.is_empty() {
        let mut t = DataTable::new(
            "history.csv",
            &["family_id", "week", "in_person_hours", "remote_hours"],
        );
        for h in &p.history {
            t.push(vec![
                p.families[h.family].id.as_str().into(),
                h.week.to_string().into(),
                num(h.in_person_hours),
                num(h.remote_hours),
            ]);
        }
        out.push(t);
    }
    if !p.appointments.is_empty() {
        let mut t = DataTable::new("appointments.csv", &crate::model::pins::APPOINTMENT_COLUMNS);
        let worker = |w: Option<usize>| -> Cell {
            w.map_or(String::new(), |w| p.workers[w].id.clone()).into()
        };
        // An appointment whose worker left (a what-if scenario) has nobody to name: it is
        // dropped in that week, and left out of the folder that reproduces it.
        let named = |a: &&crate::model::Appointment| {
            let joint = a.kind == crate::model::ActivityKind::JointVisit;
            a.lock == crate::model::Lock::Time
                || (a.worker.is_some() && (!joint || a.partner.is_some()))
        };
        for a in p.appointments.iter().filter(named) {
            let Some(day) = a.day else {
                continue; // outside the week: no date of this week to write
            };
            t.push(vec![
                p.families[a.family].id.as_str().into(),
                Cell::date(p.settings.week.date(day)),
                Cell::time(a.span.start),
                Cell::time(a.span.end),
                a.kind.as_str().into(),
                worker(a.worker),
                worker(a.partner),
                a.lock.as_str().into(),
            ]);
        }
        out.push(t);
    }
    out
}

/// Writes the problem as a plan folder at `dir` (atomically; only a plan folder caseload wrote
/// and nobody changed since is replaced).
pub fn write_plan(dir: &Path, p: &Problem) -> Result<(), FolderError> {
    Target::prepare(dir, FolderKind::Plan, None)?.write(&plan_files(p, ""))
}

/// The files of the problem as a plan folder, named `<prefix><file>`.
pub fn plan_files(p: &Problem, prefix: &str) -> Vec<(String, Vec<u8>)> {
    let style = CsvStyle::default();
    let mut files = vec![(
        format!("{prefix}plan.toml"),
        settings_toml(&p.settings).into_bytes(),
    )];
    files.extend(
        plan_tables(p)
            .iter()
            .map(|t| (format!("{prefix}{}", t.file), style.render(t))),
    );
    files
}
