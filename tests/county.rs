//! A county's week office by office (issue 17, `solve::county`): the split puts every worker,
//! family and room in exactly one office's part, a part's rows come back under the week's own
//! workers, families, meetings and rooms, and the merged week obeys every rule with its
//! meetings staffed. Quality against a clock is in `county_quality` (feature `quality`).

use caseload::check::check_roster;
use caseload::generate::{GenOptions, planted};
use caseload::model::{Problem, Reference, ReferenceKind, Roster};
use caseload::solve::{baseline, county, objective};

/// A planted two-office week: 80 workers (two offices of forty) and 200 families.
fn two_offices(seconds: f64) -> Problem {
    let mut o = GenOptions::new(80, 200, 1);
    o.load = 0.9;
    let (mut p, _) = planted(&o);
    p.settings.time_limit_seconds = seconds;
    caseload::solve::pins::pin(&mut p);
    p
}

/// `n` copies of nothing: how many parts hold each index.
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
    assert!(county::applies(&p));
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
        assert!(!county::applies(q));
    }
}

#[test]
fn a_parts_rows_name_the_weeks_own_workers_families_meetings_and_rooms() {
    let p = two_offices(4.0);
    let parts = county::split(&p);
    // The second office: its numbers differ from the week's.
    let part = &parts[1];
    assert_ne!(part.workers[0], 0);
    let local = baseline::baseline(&part.problem);
    assert!(!local.activities.is_empty());
    let week = part.to_week(&local);
    assert_eq!(week.len(), local.activities.len());
    let q = &part.problem;
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
    let (roster, info) =
        caseload::solve::plan_with(&p, &|m: &str| lines.lock().unwrap().push(m.to_owned()));
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
    let summary = caseload::report::build(&p, &roster, &info).summary;
    assert!(
        summary.contains("2 offices planned in parallel"),
        "{summary}"
    );
}

#[test]
fn a_week_with_something_to_keep_or_one_office_is_planned_whole() {
    let p = two_offices(4.0);
    // One office: the first forty workers and the families of their part.
    let one = county::split(&p).swap_remove(0).problem;
    assert!(!county::applies(&one));
    // Too few workers.
    let mut o = GenOptions::new(50, 120, 1);
    o.load = 0.9;
    let small = caseload::generate::generate(&o);
    assert_eq!(county::offices(&small).len(), 2);
    assert!(!county::applies(&small));
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
}
