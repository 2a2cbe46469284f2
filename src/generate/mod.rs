//! Synthetic but realistic plans for demos, tests and benchmarks, deterministic per seed.
//!
//! The geography is Lapland's: one office (the unit, with meeting rooms) per team of about
//! forty workers, the first in Rovaniemi and the next in other towns of the north (`names::
//! OFFICES`, 21 towns before they repeat), most homes within 15 km of their office and some in
//! villages 30–60 km out. The
//! service mix, visit lengths, skills, evening and Saturday meetings follow DOMAIN.md. Weekly
//! hours are scaled so that demand is a chosen share of the team's client capacity.

mod names;

use crate::model::{
    AvailabilityException, ExceptionKind, Family, HistoryWeek, Interval, IsoWeek, Location,
    Meeting, MeetingKind, Parts, PatternRule, Problem, Room, Settings, WeeklyPattern, Worker,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenOptions {
    pub workers: usize,
    pub families: usize,
    pub seed: u64,
    /// Demand hours as a share of the team's hours left for client work after meetings and an
    /// allowance for travel (1.0 = just enough on paper; above 1 the week is overloaded).
    pub load: f64,
    pub week: IsoWeek,
}

impl GenOptions {
    pub fn new(workers: usize, families: usize, seed: u64) -> Self {
        GenOptions {
            workers,
            families,
            seed,
            load: 0.7,
            week: IsoWeek::new(2026, 49).expect("2026-W49 exists"),
        }
    }
}

const MON_FRI: u8 = 0b0011111;

fn rule(days: u8, start_h: u32, end_h: u32) -> PatternRule {
    PatternRule {
        days,
        span: Interval::new(start_h * 60, end_h * 60),
    }
}

/// A point `km` away from `(lat, lon)` in direction `bearing` (radians), flat-earth approximation.
fn offset(lat: f64, lon: f64, km: f64, bearing: f64) -> (f64, f64) {
    let dlat = km * bearing.cos() / 111.2;
    let dlon = km * bearing.sin() / (111.2 * lat.to_radians().cos());
    (lat + dlat, lon + dlon)
}

/// Service profiles: label, share, weekly hours range, visit minutes, min/max visits, joint
/// visits, remote cap override, required skill.
struct Service {
    label: &'static str,
    share: f64,
    hours: (f64, f64),
    visit: (u32, u32),
    visits: (u32, u32),
    joint: u32,
    remote_cap: Option<f64>,
    skill: Option<&'static str>,
    at_unit: bool,
}

const SERVICES: [Service; 6] = [
    Service {
        label: "intensive_family_work",
        share: 0.20,
        hours: (6.0, 10.0),
        visit: (120, 180),
        visits: (2, 4),
        joint: 0,
        remote_cap: None,
        skill: None,
        at_unit: false,
    },
    Service {
        label: "family_work",
        share: 0.30,
        hours: (2.0, 5.0),
        visit: (60, 120),
        visits: (1, 3),
        joint: 0,
        remote_cap: None,
        skill: None,
        at_unit: false,
    },
    Service {
        label: "family_rehab_home",
        share: 0.22,
        hours: (5.0, 9.0),
        visit: (90, 180),
        visits: (2, 4),
        joint: 0,
        remote_cap: Some(0.20),
        skill: None,
        at_unit: false,
    },
    Service {
        label: "family_rehab_unit",
        share: 0.06,
        hours: (4.0, 8.0),
        visit: (60, 180),
        visits: (2, 5),
        joint: 0,
        remote_cap: Some(0.0),
        skill: None,
        at_unit: true,
    },
    Service {
        label: "lape_open_rehab",
        share: 0.12,
        hours: (4.0, 8.0),
        visit: (90, 150),
        visits: (2, 4),
        joint: 1,
        remote_cap: None,
        skill: None,
        at_unit: false,
    },
    Service {
        label: "special_needs_rehab",
        share: 0.10,
        hours: (6.0, 10.0),
        visit: (120, 180),
        visits: (2, 4),
        joint: 1,
        remote_cap: Some(0.10),
        skill: Some("neuropsychiatric"),
        at_unit: false,
    },
];

fn pick_service(rng: &mut ChaCha8Rng) -> &'static Service {
    let x: f64 = rng.random();
    let mut acc = 0.0;
    for s in &SERVICES {
        acc += s.share;
        if x < acc {
            return s;
        }
    }
    &SERVICES[1]
}

fn worker_pattern(rng: &mut ChaCha8Rng, i: usize) -> WeeklyPattern {
    // Fixed shares by position keep every team able to staff evenings and weekends.
    let rules = match i % 10 {
        0 | 5 => vec![rule(MON_FRI, 11, 19)],
        3 => vec![rule(0b0011110, 10, 18), rule(0b0100000, 9, 17)],
        7 => vec![rule(0b0011100, 8, 16), rule(0b1100000, 10, 18)],
        8 if rng.random_bool(0.5) => vec![rule(MON_FRI, 9, 17)],
        _ => vec![rule(MON_FRI, 8, 16)],
    };
    WeeklyPattern::new(rules)
}

/// Generates a valid plan.
pub fn generate(o: &GenOptions) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed);
    let offices = o.workers.div_ceil(40).max(1);
    let mut locations = Vec::new();
    for k in 0..offices {
        let (name, lat, lon) = names::OFFICES[k % names::OFFICES.len()];
        locations.push(Location {
            id: format!("U{}", k + 1),
            name: name.to_string(),
            lat,
            lon,
        });
    }
    let wwidth = if o.workers >= 100 { 3 } else { 2 };
    let fwidth = if o.families >= 1000 { 4 } else { 3 };
    let mut workers = Vec::new();
    for i in 0..o.workers {
        let mut skills = Vec::new();
        for (skill, share) in [
            ("supervision", 0.6),
            ("substance_abuse", 0.25),
            ("neuropsychiatric", 0.2),
            ("english", 0.2),
            ("swedish", 0.08),
        ] {
            if rng.random_bool(share)
                || (skill == "supervision" && matches!(i % 10, 0 | 3 | 5 | 7))
                || (skill == "neuropsychiatric" && i % 5 == 1)
            {
                skills.push(skill.to_string());
            }
        }
        let contract = if rng.random_bool(0.8) { 38.25 } else { 30.0 };
        let capacity = if rng.random_bool(0.1) {
            contract - 8.0
        } else {
            contract
        };
        let first = names::FIRST_NAMES[(i * 7 + o.seed as usize) % names::FIRST_NAMES.len()];
        let initial = names::INITIALS[(i * 7 + 3) % names::INITIALS.len()];
        workers.push(Worker {
            id: format!("W{:0wwidth$}", i + 1),
            name: format!("{first} {initial}."),
            skills,
            contract_hours: contract,
            capacity_hours: capacity,
            available: worker_pattern(&mut rng, i),
            base: i * offices / o.workers.max(1),
            hourly_wage: Some(f64::from(rng.random_range(1850..2450u32)) / 100.0),
            payroll_id: None,
        });
    }
    // Families: homes around their office; one location per home.
    let mut families = Vec::new();
    for j in 0..o.families {
        let office = j % offices;
        let (olat, olon) = (locations[office].lat, locations[office].lon);
        let svc = pick_service(&mut rng);
        let location = if svc.at_unit {
            office
        } else {
            let village = rng.random_bool(0.18);
            let km = if village {
                rng.random_range(30.0..60.0)
            } else {
                15.0 * rng.random::<f64>().sqrt()
            };
            let (lat, lon) = offset(olat, olon, km, rng.random_range(0.0..std::f64::consts::TAU));
            let name = if village {
                names::VILLAGES[rng.random_range(0..names::VILLAGES.len())]
            } else {
                names::DISTRICTS[rng.random_range(0..names::DISTRICTS.len())]
            };
            let (lat, lon) = ((lat * 1e5).round() / 1e5, (lon * 1e5).round() / 1e5);
            locations.push(Location {
                id: format!("L{:0fwidth$}", j + 1),
                name: format!("{name} (home)"),
                lat,
                lon,
            });
            locations.len() - 1
        };
        let hours = rng.random_range(svc.hours.0..=svc.hours.1);
        let available = match rng.random_range(0..10) {
            0 | 1 => Some(WeeklyPattern::new(vec![rule(MON_FRI, 9, 17)])),
            2 => Some(WeeklyPattern::new(vec![
                rule(MON_FRI, 12, 19),
                rule(0b0100000, 10, 15),
            ])),
            _ => None,
        };
        let remote_cap = match svc.remote_cap {
            Some(c) => Some(c),
            None if rng.random_bool(0.05) => Some(0.0),
            None => None,
        };
        families.push(Family {
            id: format!("F{:0fwidth$}", j + 1),
            service: svc.label.to_string(),
            weekly_hours: hours,
            location,
            available,
            min_visits: svc.visits.0,
            max_visits: svc.visits.1,
            visit_minutes: svc.visit,
            remote_minutes: (15, 60),
            remote_max_share: remote_cap,
            max_visits_per_day: 1,
            joint_visits: if svc.joint > 0 && rng.random_bool(0.8) {
                svc.joint
            } else {
                0
            },
            primary_worker: None,
            required_skills: svc.skill.map(|s| vec![s.to_string()]).unwrap_or_default(),
            excluded_workers: Vec::new(),
            children: Vec::new(),
            commitment: None,
        });
    }
    // Rooms at each office, meetings in them.
    let mut rooms = Vec::new();
    for k in 0..offices {
        for (r, (name, pattern)) in names::ROOMS.iter().enumerate() {
            let available = if pattern.is_empty() {
                None
            } else {
                Some(crate::io::fields::parse_pattern(pattern).expect("room patterns are valid"))
            };
            rooms.push(Room {
                id: format!("R{}{}", k + 1, r + 1),
                name: (*name).to_string(),
                location: k,
                available,
            });
        }
    }
    let meetings = place_meetings(&mut rng, o.families, offices, &rooms);
    // Scale weekly hours to the requested load, on a half-hour grid.
    let capacity: f64 = workers.iter().map(|w| w.capacity_hours).sum();
    let meeting_hours: f64 = meetings
        .iter()
        .map(|m| m.span.hours() * f64::from(m.staff))
        .sum();
    let client_capacity = (capacity * 0.8 - meeting_hours).max(1.0);
    let raw: f64 = families.iter().map(|f| f.weekly_hours).sum();
    let scale = if raw > 0.0 {
        o.load * client_capacity / raw
    } else {
        1.0
    };
    for f in &mut families {
        let min_h = f64::from(f.visit_minutes.0) / 60.0;
        f.weekly_hours = ((f.weekly_hours * scale * 2.0).round() / 2.0)
            .max(min_h)
            .min(40.0);
    }
    // Primary workers: qualified, same office, least loaded first; some exclusions.
    let mut assigned = vec![0.0f64; workers.len()];
    for (j, f) in families.iter_mut().enumerate() {
        let office = if f.location < offices {
            f.location
        } else {
            j % offices
        };
        if rng.random_bool(0.85) {
            let best = (0..workers.len())
                .filter(|&w| workers[w].base == office && workers[w].has_skills(&f.required_skills))
                .min_by(|&a, &b| {
                    (assigned[a] / workers[a].capacity_hours)
                        .total_cmp(&(assigned[b] / workers[b].capacity_hours))
                        .then(a.cmp(&b))
                });
            if let Some(w) = best {
                f.primary_worker = Some(w);
                assigned[w] += f.weekly_hours;
            }
        }
        if rng.random_bool(0.05) && workers.len() > 1 {
            let w = rng.random_range(0..workers.len());
            if f.primary_worker != Some(w) {
                f.excluded_workers.push(w);
            }
        }
    }
    // Absences and extra hours.
    let mut exceptions = Vec::new();
    for w in 0..workers.len() {
        if rng.random_bool(0.08) {
            let day = rng.random_range(0..5);
            let span = if rng.random_bool(0.5) {
                None
            } else {
                Some(Interval::new(12 * 60, 16 * 60))
            };
            exceptions.push(AvailabilityException {
                worker: w,
                day,
                span,
                kind: ExceptionKind::Absent,
            });
        } else if rng.random_bool(0.05) {
            exceptions.push(AvailabilityException {
                worker: w,
                day: rng.random_range(0..5),
                span: Some(Interval::new(16 * 60, 18 * 60)),
                kind: ExceptionKind::Extra,
            });
        }
    }
    // A little history for rehab families, so the rolling remote cap has something to do.
    let mut history = Vec::new();
    let monday = o.week.monday();
    for (j, f) in families.iter().enumerate() {
        if f.service == "family_rehab_home" && rng.random_bool(0.5) {
            for back in 1..=3 {
                let d = monday - chrono::Duration::weeks(back);
                let iso = chrono::Datelike::iso_week(&d);
                let week = IsoWeek::new(iso.year(), iso.week()).expect("a real week");
                let total = f.weekly_hours;
                let remote = ((total * rng.random_range(0.0..0.2)) * 4.0).round() / 4.0;
                history.push(HistoryWeek {
                    family: j,
                    week,
                    in_person_hours: total - remote,
                    remote_hours: remote,
                });
            }
        }
    }
    let settings = Settings::defaults(o.week);
    Problem::new(
        settings,
        Parts {
            workers,
            families,
            locations,
            rooms,
            meetings,
            exceptions,
            history,
            road_edges: None,
        },
    )
}

/// Meetings at realistic times (weekday daytime and evenings, Saturdays, a few Sundays), each
/// placed where a room of the family's office is free, so rooms alone never make a generated
/// meeting impossible. Roughly one meeting per two families, as in the example team.
fn place_meetings(
    rng: &mut ChaCha8Rng,
    families: usize,
    offices: usize,
    rooms: &[Room],
) -> Vec<Meeting> {
    let mut meetings = Vec::new();
    let mut booked: Vec<Vec<(usize, Interval)>> = vec![Vec::new(); rooms.len()];
    let wanted = (families as f64 * 0.45).round() as usize;
    for _ in 0..wanted {
        let family = rng.random_range(0..families);
        let office = family % offices;
        let (kind, len) = match rng.random_range(0..10) {
            0..=4 => (
                MeetingKind::Supervised,
                if rng.random_bool(0.5) { 120 } else { 90 },
            ),
            5..=7 => (MeetingKind::Supported, 120),
            _ => (MeetingKind::Exchange, 30),
        };
        let mut placed = None;
        for _ in 0..30 {
            let day = match rng.random_range(0..20) {
                0..=13 => rng.random_range(0..5),
                14..=18 => 5,
                _ => 6,
            };
            // Weekday meetings lean to afternoons and evenings, when children are out of school.
            let (first, last) = match day {
                0..=4 if rng.random_bool(0.6) => (14 * 60, 19 * 60),
                0..=4 => (9 * 60, 15 * 60),
                _ => (10 * 60, 17 * 60),
            };
            let slots = (last - len - first) / 30;
            let start = first + 30 * rng.random_range(0..=slots);
            let span = Interval::new(start, start + len);
            let free = (0..rooms.len()).find(|&r| {
                rooms[r].location == office
                    && rooms[r].windows_on(day).contains(&span)
                    && !booked[r]
                        .iter()
                        .any(|(d, s)| *d == day && s.overlaps(&span))
            });
            if let Some(r) = free {
                placed = Some((day, span, r));
                break;
            }
        }
        let Some((day, span, room)) = placed else {
            continue;
        };
        booked[room].push((day, span));
        meetings.push(Meeting {
            id: format!("M{:03}", meetings.len() + 1),
            family,
            kind,
            day,
            span,
            room: rng.random_bool(0.2).then_some(room),
            staff: if kind == MeetingKind::Supervised && rng.random_bool(0.1) {
                2
            } else {
                1
            },
            required_skills: if kind == MeetingKind::Supervised {
                vec!["supervision".into()]
            } else {
                Vec::new()
            },
        });
    }
    meetings
}

/// A "planted" plan: a generated week is planned by the baseline, then the demand is cut to
/// what that roster delivers (weekly hours, visits, joint visits) and meetings it left unstaffed
/// are dropped. The roster returned with it obeys every rule and covers 100 % of the new
/// demand, so full coverage is known to be possible and its travel is an upper bound on the
/// optimum's. Used to test and benchmark the optimizer.
pub fn planted(o: &GenOptions) -> (Problem, crate::model::Roster) {
    use crate::model::ActivityKind;
    let week = crate::model::Week::new(generate(o));
    let mut roster = crate::solve::baseline::baseline(&week);
    let mut p = week.problem;
    let nf = p.families.len();
    let mut minutes = vec![0u32; nf];
    let mut visits = vec![0u32; nf];
    let mut joints: Vec<std::collections::BTreeSet<(usize, u32)>> = vec![Default::default(); nf];
    let mut staffed = vec![false; p.meetings.len()];
    for a in &roster.activities {
        match (a.kind, a.family, a.meeting) {
            (k, _, Some(m)) if k.is_meeting() => staffed[m] = true,
            (ActivityKind::JointVisit, Some(f), _) => {
                minutes[f] += a.minutes();
                joints[f].insert((a.day, a.span.start));
            }
            (ActivityKind::HomeVisit, Some(f), _) => {
                minutes[f] += a.minutes();
                visits[f] += 1;
            }
            (ActivityKind::Remote, Some(f), _) => minutes[f] += a.minutes(),
            _ => {}
        }
    }
    for (f, fam) in p.families.iter_mut().enumerate() {
        if p.settings.meetings_count_as_effort {
            continue; // meeting effort would have to be planted too; keep the generated demand
        }
        fam.weekly_hours = (f64::from(minutes[f]) / 60.0 * 100.0).floor() / 100.0;
        let made = visits[f] + joints[f].len() as u32;
        fam.min_visits = fam.min_visits.min(made);
        fam.joint_visits = joints[f].len() as u32;
    }
    let mut index = vec![None; p.meetings.len()];
    let mut kept = Vec::new();
    for (m, meeting) in p.meetings.iter().enumerate() {
        if staffed[m] {
            index[m] = Some(kept.len());
            kept.push(meeting.clone());
        }
    }
    p.meetings = kept;
    for a in &mut roster.activities {
        a.meeting = a.meeting.and_then(|m| index[m]);
    }
    (p, roster)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_plan_other_seed_other_plan() {
        let a = generate(&GenOptions::new(10, 30, 7));
        let b = generate(&GenOptions::new(10, 30, 7));
        let c = generate(&GenOptions::new(10, 30, 8));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn demand_follows_the_requested_load() {
        let mut o = GenOptions::new(20, 60, 1);
        let low = generate(&o).demand_hours();
        o.load = 1.4;
        let high = generate(&o).demand_hours();
        assert!(
            high > low * 1.6,
            "load 1.4 gives {high} h, load 0.7 gives {low} h"
        );
    }

    #[test]
    fn most_homes_are_near_the_office_and_some_far() {
        let p = generate(&GenOptions::new(12, 200, 3));
        let office = (p.locations[0].lat, p.locations[0].lon);
        let km: Vec<f64> = p
            .families
            .iter()
            .map(|f| {
                crate::model::travel::haversine_km(
                    office,
                    (p.locations[f.location].lat, p.locations[f.location].lon),
                )
            })
            .collect();
        let near = km.iter().filter(|&&k| k <= 15.1).count();
        let far = km.iter().filter(|&&k| (29.0..=61.0).contains(&k)).count();
        assert!(near > 140, "{near} homes within 15 km");
        assert!(far > 15, "{far} homes 30-60 km out");
    }
}
