//! A tiny week for the checker's and the reports' unit tests: two workers at one office, two
//! families, two rooms, two supported meetings at once on Monday, and exact road minutes
//! (office–A 20, office–B 30, A–B 15).

use crate::model::{
    Activity, ActivityKind, Family, Interval, IsoWeek, Location, Meeting, MeetingKind, Parts,
    PatternRule, Problem, RoadEdge, Room, Settings, WeeklyPattern, Worker,
};

pub const OFFICE: usize = 0;
pub const HOME_A: usize = 1;
pub const HOME_B: usize = 2;
pub const FA: usize = 0;
pub const FB: usize = 1;

/// `HH:MM` as minutes.
pub fn hm(s: &str) -> u32 {
    let (h, m) = s.split_once(':').expect("HH:MM");
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

fn worker(id: &str) -> Worker {
    Worker {
        id: id.into(),
        name: id.into(),
        skills: Vec::new(),
        contract_hours: 38.25,
        capacity_hours: 38.25,
        available: WeeklyPattern::new(vec![PatternRule {
            days: 0x7f,
            span: Interval::new(6 * 60, 22 * 60),
        }]),
        base: OFFICE,
        hourly_wage: None,
        payroll_id: None,
    }
}

fn family(id: &str, location: usize) -> Family {
    Family {
        id: id.into(),
        service: "family_work".into(),
        weekly_hours: 10.0,
        location,
        available: None,
        min_visits: 0,
        max_visits: 5,
        visit_minutes: (60, 180),
        remote_minutes: (15, 60),
        remote_max_share: Some(1.0),
        joint_visits: 0,
        max_visits_per_day: 1,
        primary_worker: None,
        required_skills: Vec::new(),
        excluded_workers: Vec::new(),
        children: Vec::new(),
        commitment: None,
    }
}

fn room(id: &str) -> Room {
    Room {
        id: id.into(),
        name: id.into(),
        location: OFFICE,
        available: None,
    }
}

fn meeting(id: &str, family: usize, span: Interval) -> Meeting {
    Meeting {
        id: id.into(),
        family,
        kind: MeetingKind::Supported,
        day: 0,
        span,
        room: None,
        staff: 1,
        required_skills: Vec::new(),
    }
}

/// Workers W1 and W2 (06:00–22:00 every day, base the office), families FA (home A) and FB
/// (home B), rooms R1 and R2 at the office, supported meetings M1 (FA) 10:00–12:00 and M2 (FB)
/// 10:30–12:30 on Monday. The plan's defaults otherwise (breaks after 6 h, 30 min).
pub fn problem() -> Problem {
    let loc = |id: &str, lat: f64| Location {
        id: id.into(),
        name: id.into(),
        lat,
        lon: 25.7,
    };
    let edge = |from, to, minutes| RoadEdge { from, to, minutes };
    let parts = Parts {
        workers: vec![worker("W1"), worker("W2")],
        families: vec![family("FA", HOME_A), family("FB", HOME_B)],
        locations: vec![loc("U1", 66.50), loc("LA", 66.51), loc("LB", 66.52)],
        rooms: vec![room("R1"), room("R2")],
        meetings: vec![
            meeting("M1", FA, Interval::new(hm("10:00"), hm("12:00"))),
            meeting("M2", FB, Interval::new(hm("10:30"), hm("12:30"))),
        ],
        road_edges: Some(vec![
            edge(OFFICE, HOME_A, 20.0),
            edge(OFFICE, HOME_B, 30.0),
            edge(HOME_A, HOME_B, 15.0),
        ]),
        ..Parts::default()
    };
    Problem::new(
        Settings::defaults(IsoWeek::new(2026, 49).expect("a week")),
        parts,
    )
}

/// A row of worker `w` on `day` from `start` to `end` (`HH:MM`) at `location`.
pub fn row(w: usize, day: usize, start: &str, end: &str, kind: ActivityKind) -> Activity {
    Activity {
        day,
        span: Interval::new(hm(start), hm(end)),
        worker: w,
        kind,
        family: None,
        meeting: None,
        partner: None,
        room: None,
        location: Some(OFFICE),
    }
}

pub fn travel(w: usize, day: usize, start: &str, end: &str, to: usize) -> Activity {
    Activity {
        location: Some(to),
        ..row(w, day, start, end, ActivityKind::Travel)
    }
}

pub fn pause(w: usize, day: usize, start: &str, end: &str, at: usize) -> Activity {
    Activity {
        location: Some(at),
        ..row(w, day, start, end, ActivityKind::Break)
    }
}

pub fn visit(w: usize, day: usize, start: &str, end: &str, f: usize, home: usize) -> Activity {
    Activity {
        family: Some(f),
        location: Some(home),
        ..row(w, day, start, end, ActivityKind::HomeVisit)
    }
}

pub fn remote(w: usize, day: usize, start: &str, end: &str, f: usize) -> Activity {
    Activity {
        family: Some(f),
        location: None,
        ..row(w, day, start, end, ActivityKind::Remote)
    }
}

/// Worker `w` looks after meeting `m` (supported) in room `m` (M1 in R1, M2 in R2) at the office.
pub fn supported(p: &Problem, w: usize, m: usize) -> Activity {
    let mt = &p.meetings[m];
    Activity {
        day: mt.day,
        span: mt.span,
        meeting: Some(m),
        room: Some(m),
        ..row(w, mt.day, "00:00", "00:01", ActivityKind::Supported)
    }
}

/// Tuesday of W1: visit FA 08:20–11:20, back to the office, a break 11:40–12:10, visit FB
/// 12:40–15:40, back 16:10: 7.67 h of activity in stretches of 3.67 h and 4 h.
pub fn long_day_with_break() -> Vec<Activity> {
    vec![
        travel(0, 1, "08:00", "08:20", HOME_A),
        visit(0, 1, "08:20", "11:20", FA, HOME_A),
        travel(0, 1, "11:20", "11:40", OFFICE),
        pause(0, 1, "11:40", "12:10", OFFICE),
        travel(0, 1, "12:10", "12:40", HOME_B),
        visit(0, 1, "12:40", "15:40", FB, HOME_B),
        travel(0, 1, "15:40", "16:10", OFFICE),
    ]
}
