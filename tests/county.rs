//! A county's week office by office (issue 17, `solve::county`): the split puts every worker,
//! family and room in exactly one office's part, a part's rows come back under the week's own
//! workers, families, meetings and rooms, and the merged week obeys every rule with its
//! meetings staffed. Quality against a clock is in `county_quality` (feature `quality`).

use caseload::check::check_roster;
use caseload::generate::{GenOptions, planted};
use caseload::model::{Reference, ReferenceKind, Roster, Week};
use caseload::solve::{baseline, county, grid, objective};

/// A planted two-office week: 80 workers (two offices of forty) and 200 families.
fn two_offices(seconds: f64) -> Week {
    let mut o = GenOptions::new(80, 200, 1);
    o.load = 0.9;
    let (mut p, _) = planted(&o);
    p.settings.time_limit_seconds = seconds;
    caseload::solve::week(p)
}

/// How many of the lists hold each index below `n`.
fn counts(n: usize, lists: impl Iterator<Item = Vec<usize>>) -> Vec<usize> {
    let mut c = vec![0; n];
    for l in lists {
        for i in l {
            c[i] += 1;
        }
    }
    c
}

#[test]
fn a_two_office_week_splits_into_two_parts_each_worker_family_and_room_in_one() {
    let p = two_offices(4.0);
    assert_eq!(county::offices(&p).len(), 2);
    assert!(county::splittable(&p));
    let parts = county::split(&p);
    assert_eq!(parts.len(), 2);
    let workers = counts(p.workers.len(), parts.iter().map(|x| x.workers.clone()));
    let families = counts(p.families.len(), parts.iter().map(|x| x.families.clone()));
    let rooms = counts(p.rooms.len(), parts.iter().map(|x| x.rooms.clone()));
    let meetings = counts(p.meetings.len(), parts.iter().map(|x| x.meetings.clone()));
    assert!(workers.iter().all(|&c| c == 1), "{workers:?}");
    assert!(families.iter().all(|&c| c == 1), "{families:?}");
    assert!(rooms.iter().all(|&c| c == 1), "{rooms:?}");
    assert!(meetings.iter().all(|&c| c <= 1), "{meetings:?}");
    for part in &parts {
        let q = &part.problem;
        assert!(!part.workers.is_empty() && !part.families.is_empty());
        assert_eq!(q.workers.len(), part.workers.len());
        assert_eq!(q.families.len(), part.families.len());
        assert_eq!(q.meetings.len(), part.meetings.len());
        assert_eq!(q.rooms.len(), part.rooms.len());
        // Every worker of a part starts the day at its office; the part's rooms are there.
        assert!(q.workers.iter().all(|w| w.base == part.office));
        assert!(q.rooms.iter().all(|r| r.location == part.office));
        // A family's own worker, when it has one, is in its part.
        for (i, f) in q.families.iter().enumerate() {
            let g = &p.families[part.families[i]];
            assert_eq!(f.id, g.id);
            assert_eq!(
                f.primary_worker.map(|w| &q.workers[w].id),
                g.primary_worker.map(|w| &p.workers[w].id)
            );
        }
        for (i, m) in q.meetings.iter().enumerate() {
            let g = &p.meetings[part.meetings[i]];
            assert_eq!(m.id, g.id);
            assert_eq!(q.families[m.family].id, p.families[g.family].id);
        }
        // A part is one office: it is never split again.
        assert!(!county::splittable(&Week::new(q.clone())));
    }
}

#[test]
fn a_parts_rows_name_the_weeks_own_workers_families_meetings_and_rooms() {
    let p = two_offices(4.0);
    let parts = county::split(&p);
    // The second office: its numbers differ from the week's.
    let part = &parts[1];
    assert_ne!(part.workers[0], 0);
    let q = &Week::new(part.problem.clone());
    let local = baseline::baseline(q);
    assert!(!local.activities.is_empty());
    let week = part.to_week(&local);
    assert_eq!(week.len(), local.activities.len());
    let mut joint = 0;
    for (a, b) in local.activities.iter().zip(&week) {
        assert_eq!(q.workers[a.worker].id, p.workers[b.worker].id);
        assert_eq!(
            a.partner.map(|w| &q.workers[w].id),
            b.partner.map(|w| &p.workers[w].id)
        );
        assert_eq!(
            a.family.map(|f| &q.families[f].id),
            b.family.map(|f| &p.families[f].id)
        );
        assert_eq!(
            a.meeting.map(|m| &q.meetings[m].id),
            b.meeting.map(|m| &p.meetings[m].id)
        );
        assert_eq!(
            a.room.map(|r| &q.rooms[r].id),
            b.room.map(|r| &p.rooms[r].id)
        );
        assert_eq!(
            (a.day, a.span, a.kind, a.location),
            (b.day, b.span, b.kind, b.location)
        );
        joint += usize::from(b.partner.is_some());
    }
    assert!(joint > 0, "the part's greedy makes joint visits");
    // The part's rows are a roster of the whole week (the other office idle) and score there
    // what they score in the part, apart from the other office's families and meetings.
    let alone = Roster { activities: week };
    let v = check_roster(&p, &alone);
    assert!(v.is_empty(), "{v:?}");
    let (t_part, t_week) = (objective::terms(q, &local), objective::terms(&p, &alone));
    assert_eq!(t_part.travel_hours, t_week.travel_hours);
    assert_eq!(t_part.worker_family_pairs, t_week.worker_family_pairs);
}

#[test]
fn a_two_office_week_is_planned_by_office_obeys_every_rule_and_staffs_its_meetings() {
    let p = two_offices(4.0);
    let t = std::time::Instant::now();
    let lines = std::sync::Mutex::new(Vec::new());
    let (roster, info) = county::plan(&p, None, &|m: &str| {
        lines.lock().unwrap().push(m.to_owned())
    });
    assert!(t.elapsed().as_secs_f64() < 4.0 + 2.0, "{:?}", t.elapsed());
    let v = check_roster(&p, &roster);
    assert!(v.is_empty(), "{v:?}");
    assert_eq!(info.by_office, Some(2));
    assert!(
        info.method.starts_with("2 offices planned in parallel"),
        "{}",
        info.method
    );
    let terms = objective::terms(&p, &roster);
    assert_eq!(terms.uncovered_meetings, 0.0, "{}", info.method);
    assert!((info.objective.unwrap() - objective::evaluate(&p, &roster)).abs() < 1e-6);
    // Never called optimal; with a bound (each office's MIP found one in its second or two),
    // the words say what it covers.
    if info.bound.is_some() {
        assert_eq!(info.status().as_str(), "best_found");
        assert!(
            info.status_words().contains("own office"),
            "{}",
            info.status_words()
        );
    } else {
        assert_eq!(info.status().as_str(), "no_bound");
    }
    // A line as each office starts and ends.
    let lines = lines.into_inner().unwrap();
    for office in ["U1", "U2"] {
        let of = |what: &str| {
            lines
                .iter()
                .filter(|l| l.contains(&format!("/2 {office}: ")) && l.contains(what))
                .count()
        };
        assert_eq!((of("families"), of("objective")), (1, 1), "{lines:#?}");
    }
    // The report says the same.
    let statuses = caseload::solve::pins::outcome(&p, &roster);
    let plan = caseload::model::Plan {
        roster,
        info,
        statuses,
    };
    let summary = caseload::report::build(&p, &plan).summary;
    assert!(
        summary.contains("2 offices planned in parallel"),
        "{summary}"
    );
}

#[test]
fn a_large_week_of_several_offices_is_split_and_one_with_something_to_keep_is_not() {
    // 120 workers in three offices: planned by office.
    let p = Week::new(caseload::generate::generate(&GenOptions::new(120, 400, 1)));
    assert_eq!(county::offices(&p).len(), 3);
    assert!(county::applies(&p));
    // Two offices of forty: fewer workers than the split pays off for (BENCHMARKS.md).
    let two = two_offices(4.0);
    assert!(two.workers.len() < county::MIN_WORKERS && !county::applies(&two));
    // One office: the first part of the two-office week.
    let one = Week::new(county::split(&two).swap_remove(0).problem);
    assert!(!county::splittable(&one));
    // A reference roster (`plan --previous`, `replan`).
    let mut q = p.clone();
    q.reference = Some(Reference {
        kind: ReferenceKind::Rhythm,
        rows: Vec::new(),
    });
    assert!(!county::applies(&q));
    // A re-plan's moment.
    let mut q = p.clone();
    q.past.moment = Some(caseload::model::Moment {
        day: 2,
        minute: 720,
    });
    assert!(!county::applies(&q));
    // Appointments not yet pinned.
    let mut q = p;
    q.appointments.push(caseload::model::Appointment {
        family: 0,
        day: Some(0),
        span: caseload::model::Interval::new(600, 660),
        kind: caseload::model::ActivityKind::HomeVisit,
        worker: None,
        partner: None,
        lock: caseload::model::Lock::Time,
    });
    assert!(!county::applies(&q));
}

mod common;

const HEAD_WORKERS: &str =
    "id,name,skills,contract_hours,capacity_hours,available,base,hourly_wage\n";
const HEAD_FAMILIES: &str = "id,service,weekly_hours,location,available,min_visits,max_visits,visit_minutes,remote_minutes,remote_max_share,joint_visits,primary_worker,required_skills,excluded_workers\n";
const HEAD_MEETINGS: &str = "id,family_id,kind,date,start,end,room,staff,required_skills\n";
const LOCATIONS: &str = "id,name,lat,lon\nU1,Office,66.5030,25.7290\nL1,Home 1,66.5100,25.7000\nL2,Home 2,66.4800,25.7500\n";

fn week(workers: &str, families: &str, rooms: &str, meetings: &str) -> Week {
    let dir = common::plan_of(&[
        ("plan.toml", common::PLAN_TOML),
        ("locations.csv", LOCATIONS),
        ("workers.csv", &format!("{HEAD_WORKERS}{workers}")),
        ("families.csv", &format!("{HEAD_FAMILIES}{families}")),
        ("rooms.csv", &format!("id,name,location,available\n{rooms}")),
        ("meetings.csv", &format!("{HEAD_MEETINGS}{meetings}")),
    ]);
    caseload::solve::week(caseload::io::load_plan(dir.path()).expect("the test week is valid"))
}

/// The week holding `rows` (travel and breaks built for them).
fn built(p: &Week, rows: &[caseload::model::Activity]) -> Roster {
    caseload::solve::state::WeekState::from_activities(p, rows)
        .expect("the rows make a week")
        .into_roster()
}

fn later(seconds: u64) -> std::time::Instant {
    std::time::Instant::now() + std::time::Duration::from_secs(seconds)
}

#[test]
fn the_meeting_repair_hands_the_rooms_round_to_free_one() {
    // R2 is open only 14:00-16:00 on Monday. M1 (14-15) sits in R1, which M2 (12-17) needs:
    // with M1 moved to R2, both are held.
    let p = week(
        "W01,Anna,,38.25,,Mon-Fri 08:00-18:00,U1,\nW02,Mikko,,38.25,,Mon-Fri 08:00-18:00,U1,\n",
        "F1,family_work,1,L1,,0,2,60-120,15-60,0,0,,,\nF2,family_work,1,L2,,0,2,60-120,15-60,0,0,,,\n",
        "R1,Room 1,U1,\nR2,Room 2,U1,Mon 14:00-16:00\n",
        "M1,F1,supervised,2026-11-30,14:00,15:00,,1,\nM2,F2,supervised,2026-11-30,12:00,17:00,,1,\n",
    );
    let start = built(&p, &[grid::meeting_row(&p, 0, 0, 0)]);
    assert!(check_roster(&p, &start).is_empty());
    assert_eq!(objective::terms(&p, &start).uncovered_meetings, 1.0);
    let repaired = county::repair_meetings(&p, start.clone(), later(30));
    let v = check_roster(&p, &repaired);
    assert!(v.is_empty(), "{v:?}");
    assert_eq!(objective::terms(&p, &repaired).uncovered_meetings, 0.0);
    let room = |m: usize| {
        repaired
            .activities
            .iter()
            .find(|a| a.meeting == Some(m))
            .and_then(|a| a.room)
    };
    assert_eq!((room(0), room(1)), (Some(1), Some(0)));
    assert!(objective::evaluate(&p, &repaired) < objective::evaluate(&p, &start));
}

#[test]
fn the_meeting_repair_frees_a_worker_and_takes_a_joint_visit_out_whole() {
    // Both workers spend Monday morning on F1's joint visit; M1 needs one of them at 9-10.
    let p = week(
        "W01,Anna,,38.25,,Mon 08:00-12:00,U1,\nW02,Mikko,,38.25,,Mon 08:00-12:00,U1,\n",
        "F1,lape_open_rehab,4,L1,,1,1,120-120,15-60,0,1,,,\nF2,family_work,1,L2,,0,2,60-120,15-60,0,0,,,\n",
        "R1,Room 1,U1,\n",
        "M1,F2,supervised,2026-11-30,09:00,10:00,R1,1,\n",
    );
    let joint = |worker: usize, partner: usize| caseload::model::Activity {
        day: 0,
        span: caseload::model::Interval::new(8 * 60 + 30, 10 * 60 + 30),
        worker,
        kind: caseload::model::ActivityKind::JointVisit,
        family: Some(0),
        meeting: None,
        partner: Some(partner),
        room: None,
        location: Some(p.families[0].location),
    };
    let start = built(&p, &[joint(0, 1), joint(1, 0)]);
    assert!(check_roster(&p, &start).is_empty());
    assert_eq!(objective::terms(&p, &start).uncovered_meetings, 1.0);
    let repaired = county::repair_meetings(&p, start.clone(), later(30));
    let v = check_roster(&p, &repaired);
    assert!(
        v.is_empty(),
        "no joint visit is left with one worker: {v:?}"
    );
    assert_eq!(objective::terms(&p, &repaired).uncovered_meetings, 0.0);
    assert!(objective::evaluate(&p, &repaired) < objective::evaluate(&p, &start));
}

#[test]
fn the_meeting_repair_moves_a_meeting_to_another_office_to_free_its_room() {
    // M1 holds the office's one room at 11-12; M2 at the same time may be staffed only by W01
    // (F2 excludes W02, who works in Kemi). M1 goes to Kemi's room with W02, M2 takes R1.
    let locations = format!("{LOCATIONS}U2,Kemi,65.7360,24.5640\n");
    let dir = common::plan_of(&[
        ("plan.toml", common::PLAN_TOML),
        ("locations.csv", &locations),
        (
            "workers.csv",
            &format!(
                "{HEAD_WORKERS}W01,Anna,,38.25,,Mon 08:00-16:00,U1,\nW02,Mikko,,38.25,,Mon 08:00-16:00,U2,\n"
            ),
        ),
        (
            "families.csv",
            &format!(
                "{HEAD_FAMILIES}F1,family_work,1,L1,,0,2,60-120,15-60,0,0,,,\nF2,family_work,1,L2,,0,2,60-120,15-60,0,0,,,W02\n"
            ),
        ),
        (
            "rooms.csv",
            "id,name,location,available\nR1,Room 1,U1,\nR2,Room 2,U2,\n",
        ),
        (
            "meetings.csv",
            &format!(
                "{HEAD_MEETINGS}M1,F1,supervised,2026-11-30,11:00,12:00,,1,\nM2,F2,supervised,2026-11-30,11:00,12:00,,1,\n"
            ),
        ),
    ]);
    let p =
        caseload::solve::week(caseload::io::load_plan(dir.path()).expect("the test week is valid"));
    let start = built(&p, &[grid::meeting_row(&p, 0, 0, 0)]);
    assert!(check_roster(&p, &start).is_empty());
    assert_eq!(objective::terms(&p, &start).uncovered_meetings, 1.0);
    let repaired = county::repair_meetings(&p, start.clone(), later(30));
    let v = check_roster(&p, &repaired);
    assert!(v.is_empty(), "{v:?}");
    assert_eq!(objective::terms(&p, &repaired).uncovered_meetings, 0.0);
    let staff = |m: usize| {
        repaired
            .activities
            .iter()
            .find(|a| a.meeting == Some(m))
            .map(|a| (a.worker, a.room))
    };
    assert_eq!(
        (staff(0), staff(1)),
        (Some((1, Some(1))), Some((0, Some(0))))
    );
}
