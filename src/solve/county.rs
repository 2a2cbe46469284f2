//! A county's week office by office (issue 17): a week of many workers in several offices is
//! split into one sub-problem per office — its workers, their absences, its families with their
//! history, the rooms at the office and the meetings held there — and each is planned with
//! [`super::plan_whole`] (greedy, MIP, search) and [`repair_meetings`], as many at once as rayon
//! has threads, within four fifths of the time limit. The parts' rosters are mapped back to the
//! week's numbering and merged; the last fifth is the whole week's, where work across offices
//! is allowed: the greedy ([`baseline::fill`]) places what no office could alone (a family whose
//! needs only another office's worker meets: a skill, an exclusion, capacity; a meeting whose
//! fixed room is at another office), the search ([`super::improve::improve`]) moves work
//! between offices, and [`repair_meetings`] staffs what is still unstaffed.
//!
//! Why: every search move rebuilds the week it changes (`WeekState::from_activities`), so a move
//! on a county's week costs as much as the whole county; in parts, a move costs one office and
//! the parts run side by side, so the work grows with the number of offices instead of its
//! square.
//!
//! What is proven: a part's bound bounds that office planned alone. Their sum bounds only the
//! plans in which every worker serves the families and meetings of their own office — work
//! across offices is allowed, so it is no bound of the week, and [`SolveInfo::by_office`] makes
//! the status say so.
//!
//! Only a week with nothing to keep is split: no pinned rows (appointments kept, a re-plan's
//! past), no re-plan moment and no reference roster (`replan`, `plan --previous`); such weeks
//! are planned whole, as before.

use super::baseline;
use super::objective;
use super::state::WeekState;
use crate::model::{Activity, Interval, Problem, Roster, SolveInfo, Week};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Fewest workers from which a week with two or more offices is planned office by office.
pub const MIN_WORKERS: usize = 100;

/// Share of the time limit kept for the whole week once the offices are planned: the greedy
/// across offices, a search on the whole week and the meeting repair. Planted 300 × 1 000 at
/// load 0.9, 150 s: 12 678 after the greedy across offices, 10 868 after 683 moves of the whole
/// week's search in this fifth (without it: 11 895 at the end, the offices having had all the
/// time). At the default load 0.7 the whole week's search finds little (0–4 improving moves on
/// 120 × 400 to 600 × 2 000): the offices' plans are then already complete.
const WHOLE_SHARE: f64 = 0.2;

/// Share of each part's time given to it as its time limit: the planner ends a little after
/// its limit (the last search round, settling), and the parts must end before the whole
/// week's fill.
const LIMIT_SHARE: f64 = 0.95;

/// One office's share of the week: its sub-problem and where each of its entities is in the
/// week (`workers[i]` is the week's number of the part's worker `i`, and so on).
#[derive(Debug, Clone)]
pub struct Part {
    /// The office: the location where its workers' days start (a base holding rooms).
    pub office: usize,
    pub problem: Problem,
    pub workers: Vec<usize>,
    pub families: Vec<usize>,
    pub meetings: Vec<usize>,
    pub rooms: Vec<usize>,
}

impl Part {
    /// Rows of the part's roster in the week's numbering.
    pub fn to_week(&self, r: &Roster) -> Vec<Activity> {
        r.activities
            .iter()
            .map(|a| Activity {
                worker: self.workers[a.worker],
                partner: a.partner.map(|w| self.workers[w]),
                family: a.family.map(|f| self.families[f]),
                meeting: a.meeting.map(|m| self.meetings[m]),
                room: a.room.map(|r| self.rooms[r]),
                ..*a
            })
            .collect()
    }
}

/// The offices of the week: locations that are some worker's base and hold a room, in location
/// order.
pub fn offices(p: &Problem) -> Vec<usize> {
    let mut o: Vec<usize> = p
        .workers
        .iter()
        .map(|w| w.base)
        .filter(|&b| p.rooms.iter().any(|r| r.location == b))
        .collect();
    o.sort_unstable();
    o.dedup();
    o
}

/// The office (index into `offices`) nearest to `location` by travel time, ties by index.
fn nearest(p: &Problem, offices: &[usize], location: usize) -> usize {
    (0..offices.len())
        .min_by_key(|&k| (p.travel.minutes(offices[k], location), k))
        .unwrap_or(0)
}

/// True when the week is planned office by office: large (at least [`MIN_WORKERS`]) and
/// [`splittable`].
pub fn applies(p: &Week) -> bool {
    p.workers.len() >= MIN_WORKERS && splittable(p)
}

/// True when the week can be planned office by office: two or more offices and nothing it must
/// keep (see the module doc).
pub fn splittable(p: &Week) -> bool {
    super::pins::is_set(p)
        && p.pinned().is_empty()
        && p.past.moment.is_none()
        && p.reference.is_none()
        && offices(p).len() >= 2
}

/// Splits the week by office. A worker belongs to the office of their base (or the office
/// nearest to it); a family to the office of its `primary_worker` when that worker may serve it
/// (the own worker's visits are the strongest wish, and only a worker of the part can make
/// them), else to the office nearest its home; a room to the office nearest it; a meeting to its
/// family's office, unless its fixed room is at another office — then to no part, and the
/// greedy on the whole week staffs it. Every worker, family and room is in exactly one part.
pub fn split(p: &Problem) -> Vec<Part> {
    let offices = offices(p);
    let n = offices.len();
    let worker_office: Vec<usize> = p
        .workers
        .iter()
        .map(|w| nearest(p, &offices, w.base))
        .collect();
    let family_office: Vec<usize> = p
        .families
        .iter()
        .enumerate()
        .map(|(f, fam)| match fam.primary_worker {
            Some(w) if p.can_serve(w, f) => worker_office[w],
            _ => nearest(p, &offices, fam.location),
        })
        .collect();
    let room_office: Vec<usize> = p
        .rooms
        .iter()
        .map(|r| nearest(p, &offices, r.location))
        .collect();
    let of = |office: &[usize], k: usize| -> Vec<usize> {
        (0..office.len()).filter(|&i| office[i] == k).collect()
    };
    (0..n)
        .map(|k| {
            let workers = of(&worker_office, k);
            let families = of(&family_office, k);
            let rooms = of(&room_office, k);
            let meetings: Vec<usize> = (0..p.meetings.len())
                .filter(|&m| {
                    let mt = &p.meetings[m];
                    family_office[mt.family] == k && mt.room.is_none_or(|r| room_office[r] == k)
                })
                .collect();
            let problem = sub_problem(p, &workers, &families, &meetings, &rooms);
            Part {
                office: offices[k],
                problem,
                workers,
                families,
                meetings,
                rooms,
            }
        })
        .collect()
}

/// `index[i]` = the position of `i` in `kept` (for entities of the week kept in a part).
fn positions(len: usize, kept: &[usize]) -> Vec<Option<usize>> {
    let mut index = vec![None; len];
    for (new, &old) in kept.iter().enumerate() {
        index[old] = Some(new);
    }
    index
}

/// The week restricted to the given workers, families, meetings and rooms (renumbered in that
/// order). Settings, locations and the travel matrix (shared, not copied) stay as they are.
fn sub_problem(
    p: &Problem,
    workers: &[usize],
    families: &[usize],
    meetings: &[usize],
    rooms: &[usize],
) -> Problem {
    let wi = positions(p.workers.len(), workers);
    let fi = positions(p.families.len(), families);
    let ri = positions(p.rooms.len(), rooms);
    Problem {
        settings: p.settings.clone(),
        workers: workers.iter().map(|&w| p.workers[w].clone()).collect(),
        families: families
            .iter()
            .map(|&f| {
                let mut fam = p.families[f].clone();
                fam.primary_worker = fam.primary_worker.and_then(|w| wi[w]);
                fam.excluded_workers = fam.excluded_workers.iter().filter_map(|&w| wi[w]).collect();
                fam
            })
            .collect(),
        locations: p.locations.clone(),
        rooms: rooms.iter().map(|&r| p.rooms[r].clone()).collect(),
        meetings: meetings
            .iter()
            .map(|&m| {
                let mut mt = p.meetings[m].clone();
                mt.family = fi[mt.family].expect("a part's meeting has its family");
                mt.room = mt
                    .room
                    .map(|r| ri[r].expect("a part's fixed room is its own"));
                mt
            })
            .collect(),
        exceptions: p
            .exceptions
            .iter()
            .filter_map(|x| {
                wi[x.worker].map(|w| crate::model::AvailabilityException {
                    worker: w,
                    ..x.clone()
                })
            })
            .collect(),
        history: p
            .history
            .iter()
            .filter_map(|h| {
                fi[h.family].map(|f| crate::model::HistoryWeek {
                    family: f,
                    ..h.clone()
                })
            })
            .collect(),
        road_edges: p.road_edges.clone(),
        travel: p.travel.clone(),
        worker_windows: workers
            .iter()
            .map(|&w| p.worker_windows[w].clone())
            .collect(),
        holidays: p.holidays,
        ignored: Default::default(),
        appointments: Vec::new(),
        appointments_input: None,
    }
}

/// The work a part asks for, for sharing the time: its families and meetings.
fn weight(part: &Part) -> f64 {
    (part.families.len() + part.meetings.len()).max(1) as f64
}

/// Seconds of the whole week's time kept for the meeting repair at its end (each try
/// rebuilds the week and runs the greedy: about 0.1 s on 2 000 families).
fn repair_reserve(p: &Week) -> f64 {
    1.0 + p.families.len() as f64 * 0.0025
}

/// Hands out the parts, biggest first, each with its share of the time left.
struct Schedule {
    /// Part indices, biggest first.
    order: Vec<usize>,
    weights: Vec<f64>,
    next: usize,
    /// Weight of the parts not yet started.
    waiting: f64,
    /// Parts running and when each will end.
    running: Vec<(usize, Instant)>,
    lanes: usize,
    end: Instant,
}

impl Schedule {
    /// The next part and its time limit: its weight's share of the thread-time left until
    /// `end` (every lane's time, less what running parts still hold), never more than the time
    /// left.
    fn take(&mut self) -> Option<(usize, f64)> {
        let i = *self.order.get(self.next)?;
        self.next += 1;
        let now = Instant::now();
        let left = self.end.saturating_duration_since(now).as_secs_f64();
        let held: f64 = self
            .running
            .iter()
            .map(|(_, e)| e.saturating_duration_since(now).as_secs_f64())
            .sum();
        let free = (self.lanes as f64 * left - held).max(0.0);
        let share = free * self.weights[i] / self.waiting.max(1e-9);
        self.waiting -= self.weights[i];
        let limit = (share.min(left) * LIMIT_SHARE).max(0.1);
        self.running
            .push((i, now + Duration::from_secs_f64(limit / LIMIT_SHARE)));
        Some((i, limit))
    }

    fn done(&mut self, i: usize) {
        self.running.retain(|(j, _)| *j != i);
    }
}

/// Plans the week office by office (see the module doc); `warm`, a rule-abiding roster of the
/// whole week, is kept instead when it is better.
pub fn plan(
    p: &Week,
    warm: Option<Roster>,
    progress: &(dyn Fn(&str) + Sync),
) -> (Roster, SolveInfo) {
    let t0 = Instant::now();
    let limit = p.settings.time_limit_seconds.max(0.1);
    let end = t0 + Duration::from_secs_f64(limit);
    let parts = split(p);
    let lanes = rayon::current_num_threads().clamp(1, parts.len());
    let parts_end = t0 + Duration::from_secs_f64(limit * (1.0 - WHOLE_SHARE));
    let left_out = p.meetings.len() - parts.iter().map(|x| x.meetings.len()).sum::<usize>();
    progress(&format!(
        "{} offices, planned {lanes} at a time within {:.1} s ({} meetings left to the whole week) in {:.2} s",
        parts.len(),
        parts_end.saturating_duration_since(t0).as_secs_f64(),
        left_out,
        t0.elapsed().as_secs_f64()
    ));
    let weights: Vec<f64> = parts.iter().map(weight).collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]).then(a.cmp(&b)));
    let schedule = Mutex::new(Schedule {
        order,
        waiting: weights.iter().sum(),
        weights,
        next: 0,
        running: Vec::new(),
        lanes,
        end: parts_end,
    });
    let results: Mutex<Vec<Option<(Roster, SolveInfo)>>> = Mutex::new(vec![None; parts.len()]);
    let n = parts.len();
    let lane = || {
        loop {
            let Some((i, limit)) = schedule.lock().expect("no lane panics holding it").take()
            else {
                break;
            };
            let part = &parts[i];
            let id = &p.locations[part.office].id;
            progress(&format!(
                "office {}/{n} {id}: {} workers, {} families, {} meetings, {limit:.1} s",
                i + 1,
                part.workers.len(),
                part.families.len(),
                part.meetings.len()
            ));
            let mut q = part.problem.clone();
            q.settings.time_limit_seconds = limit;
            let q = Week::new(q);
            let said = |msg: &str| progress(&format!("office {id}: {msg}"));
            let t = Instant::now();
            let part_end = t + Duration::from_secs_f64(limit / LIMIT_SHARE);
            let (roster, mut info) = super::plan_whole(&q, None, &said);
            let searched = info.objective.unwrap_or(f64::NAN);
            let roster = repair_meetings(&q, roster, part_end);
            info.objective = Some(objective::evaluate(&q, &roster));
            info.seconds = info.seconds.max(t.elapsed().as_secs_f64());
            progress(&format!(
                "office {}/{n} {id}: objective {searched:.2}, {:.2} after the meeting repair, bound {} in {:.1} s",
                i + 1,
                info.objective.unwrap_or(f64::NAN),
                info.bound.map_or("none".to_owned(), |b| format!("{b:.2}")),
                info.seconds
            ));
            schedule.lock().expect("no lane panics holding it").done(i);
            results.lock().expect("no lane panics holding it")[i] = Some((roster, info));
        }
    };
    rayon::scope(|s| {
        for _ in 0..lanes {
            s.spawn(|_| lane());
        }
    });
    let results: Vec<(Roster, SolveInfo)> = results
        .into_inner()
        .expect("no lane panicked")
        .into_iter()
        .map(|r| r.expect("every part was planned"))
        .collect();
    let merged: Vec<Activity> = parts
        .iter()
        .zip(&results)
        .flat_map(|(part, (r, _))| part.to_week(r))
        .collect();
    let parts_roster = Roster { activities: merged };
    let parts_value = objective::evaluate(p, &parts_roster);
    let unstaffed_parts = unstaffed(p, &parts_roster).len();
    // The greedy on the whole week: what no office could place alone, across offices.
    let t_fill = Instant::now();
    let filled = match WeekState::from_activities(p, &parts_roster.activities) {
        Some(mut st) => {
            baseline::fill(&mut st);
            st.into_roster()
        }
        // A merge of valid parts always builds (each worker's days are their part's); kept as
        // merged all the same.
        None => parts_roster,
    };
    let filled_value = objective::evaluate(p, &filled);
    let fill_seconds = t_fill.elapsed().as_secs_f64();
    // A search on the whole week: families still short get work from any office.
    let t_search = Instant::now();
    let repair_at = end - Duration::from_secs_f64(repair_reserve(p).min(limit * WHOLE_SHARE / 2.0));
    let mut last = Instant::now();
    let (searched, stats) = super::improve::improve(
        p,
        filled,
        super::improve::move_budget(p),
        repair_at,
        |i: usize, v: f64| {
            if last.elapsed().as_secs_f64() >= 1.0 {
                last = Instant::now();
                progress(&format!(
                    "search on the whole week: move {i}, objective {v:.2}"
                ));
            }
        },
    );
    let search_seconds = t_search.elapsed().as_secs_f64();
    let t_repair = Instant::now();
    let mut roster = repair_meetings(p, searched, end);
    let mut value = objective::evaluate(p, &roster);
    progress(&format!(
        "the whole week: objective {parts_value:.2} as merged, {filled_value:.2} after the greedy \
         across offices ({fill_seconds:.2} s), {:.2} after {} moves of search ({search_seconds:.1} s), \
         {value:.2} after the meeting repair ({:.2} s); meetings unstaffed {unstaffed_parts} -> {}",
        stats.end,
        stats.moves,
        t_repair.elapsed().as_secs_f64(),
        unstaffed(p, &roster).len()
    ));
    let infos: Vec<&SolveInfo> = results.iter().map(|(_, i)| i).collect();
    let secs = |f: fn(f64, f64) -> f64, init: f64| infos.iter().map(|i| i.seconds).fold(init, f);
    let mut method = format!(
        "{} offices planned in parallel, {lanes} at a time ({:.0}–{:.0} s each: greedy, MIP, \
         search, meeting repair), then the whole week across offices: greedy, search ({} moves, \
         {} improving), meeting repair",
        parts.len(),
        secs(f64::min, f64::INFINITY),
        secs(f64::max, 0.0),
        stats.moves,
        stats.improving
    );
    if let Some(w) = warm {
        let v = objective::evaluate(p, &w);
        if v < value {
            roster = w;
            value = v;
            method.push_str("; the warm start was better and is kept");
        }
    }
    let bound: Option<f64> = infos.iter().map(|i| i.bound).sum();
    let info = SolveInfo {
        method,
        objective: Some(value),
        bound: bound.map(|b| b.min(value)),
        mip_gap: p.settings.mip_gap,
        restricted: infos.iter().any(|i| i.restricted),
        bound_from_routes: infos.iter().any(|i| i.bound_from_routes),
        by_office: Some(parts.len()),
        seconds: t0.elapsed().as_secs_f64(),
        evaluated: false,
    };
    (roster, info)
}

/// Qualified workers whose client work of the day is taken out to free one for an unstaffed
/// meeting, nearest to the meeting's rooms first.
const FREED_WORKERS: usize = 6;

/// Places (the nearest to the family) whose rooms are handed round for an unstaffed meeting.
const ROOM_PLACES: usize = 4;

/// Nodes of the search for a room assignment at one place and day.
const ROOM_NODES: usize = 20_000;

/// Meetings with fewer workers than they need in `r`.
fn unstaffed(p: &Week, r: &Roster) -> Vec<usize> {
    let mut staff = vec![0u32; p.meetings.len()];
    for a in &r.activities {
        if let (Some(m), true) = (a.meeting, a.kind.is_meeting()) {
            staff[m] += 1;
        }
    }
    (0..p.meetings.len())
        .filter(|&m| staff[m] < p.meetings[m].staff)
        .collect()
}

/// Staffs meetings a plan left unstaffed where a targeted change lets the greedy do it, each
/// kept only when the exact objective falls. A room is made free by handing the rooms of one
/// place round among that day's meetings there (the same place, so no worker's way changes; a
/// meeting with a fixed room keeps it), or by taking out the meetings without a fixed room that
/// hold one of the place's rooms at the time (the greedy puts them elsewhere afterwards); a
/// worker is made free by taking out one qualified worker's client work of the day (a joint
/// visit whole: the partner's row with it); and both together. Then the meeting is staffed
/// first and the greedy plans everything else again.
///
/// Why: splitting a county by office leaves each office its own three rooms and its own
/// workers, where the week as a whole lends them (and the greedy on the whole week fills the
/// first rooms of the list with other offices' meetings); a meeting left unstaffed costs 1000,
/// and the search's moves rarely hit the one room or worker-day that frees it.
pub fn repair_meetings(p: &Week, roster: Roster, deadline: Instant) -> Roster {
    let mut best = roster;
    let mut value = objective::evaluate(p, &best);
    for m in unstaffed(p, &best) {
        if Instant::now() >= deadline {
            break;
        }
        let mt = &p.meetings[m];
        let home = p.families[mt.family].location;
        // Places with a room the meeting may use, nearest to the family first.
        let mut places: Vec<usize> = p
            .rooms
            .iter()
            .enumerate()
            .filter(|&(r, _)| mt.room.is_none_or(|fixed| fixed == r))
            .map(|(_, room)| room.location)
            .collect();
        places.sort_by_key(|&l| (p.travel.minutes(home, l), l));
        places.dedup();
        places.truncate(ROOM_PLACES);
        let mut rooms_freed: Vec<Vec<Activity>> = vec![best.activities.clone()];
        for &l in &places {
            rooms_freed.extend(rehouse(p, &best.activities, m, l));
            rooms_freed.extend(evict(p, &best.activities, m, l));
        }
        let place = places.first().copied().unwrap_or(home);
        let mut workers: Vec<usize> = (0..p.workers.len())
            .filter(|&w| p.can_staff(w, m) && p.worker_windows[w][mt.day].contains(&mt.span))
            .collect();
        workers.sort_by_key(|&w| (p.travel.minutes(p.workers[w].base, place), w));
        workers.truncate(FREED_WORKERS);
        let freed: Vec<Option<usize>> = [None]
            .into_iter()
            .chain(workers.into_iter().map(Some))
            .collect();
        // Each change alone first (rooms, then workers), then the two together; a try counts
        // only when the meeting is staffed in it.
        let mut tries: Vec<(usize, Option<usize>)> = (1..rooms_freed.len())
            .map(|k| (k, None))
            .chain(freed.iter().skip(1).map(|&w| (0, w)))
            .collect();
        for k in 1..rooms_freed.len() {
            tries.extend(freed.iter().skip(1).map(|&w| (k, w)));
        }
        for (k, w) in tries {
            if Instant::now() >= deadline {
                break;
            }
            let acts: Vec<Activity> = rooms_freed[k]
                .iter()
                .filter(|a| {
                    let out = w.is_some_and(|w| {
                        (a.worker == w || a.partner == Some(w))
                            && a.day == mt.day
                            && a.kind.is_client()
                    });
                    !out || p.is_pinned(a)
                })
                .copied()
                .collect();
            let Some(mut st) = WeekState::from_activities(p, &acts) else {
                continue;
            };
            let ok = baseline::try_staff(&mut st, m, None);
            baseline::fill(&mut st);
            let candidate = st.into_roster();
            let v = objective::evaluate(p, &candidate);
            if ok && v < value - 1e-9 {
                best = candidate;
                value = v;
                break;
            }
        }
    }
    best
}

/// For each room at `place` that meeting `m` may use and that meetings without a fixed room
/// hold at its time: `acts` without those meetings (the greedy puts them elsewhere afterwards,
/// perhaps back at their own office).
fn evict(p: &Week, acts: &[Activity], m: usize, place: usize) -> Vec<Vec<Activity>> {
    let mt = &p.meetings[m];
    let holding = |r: usize| -> Vec<usize> {
        let mut v: Vec<usize> = acts
            .iter()
            .filter(|a| a.day == mt.day && a.room == Some(r) && a.kind.is_meeting())
            .filter(|a| a.span.overlaps(&mt.span))
            .filter_map(|a| a.meeting)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    (0..p.rooms.len())
        .filter(|&r| p.rooms[r].location == place && mt.room.is_none_or(|f| f == r))
        .filter(|&r| p.rooms[r].windows_on(mt.day).contains(&mt.span))
        .map(holding)
        .filter(|h| !h.is_empty() && h.iter().all(|&x| p.meetings[x].room.is_none()))
        .map(|out| {
            acts.iter()
                .filter(|a| a.meeting.is_none_or(|x| !out.contains(&x)))
                .copied()
                .collect()
        })
        .collect()
}

/// `acts` with the rooms at `place` handed round among the meetings held there on meeting
/// `m`'s day so that one of them is free for `m` (each meeting in a room open for its whole
/// slot, its fixed room if it has one, no two at once in a room); `None` when no such round
/// is found or none is needed.
fn rehouse(p: &Week, acts: &[Activity], m: usize, place: usize) -> Option<Vec<Activity>> {
    let mt = &p.meetings[m];
    let rooms: Vec<usize> = (0..p.rooms.len())
        .filter(|&r| p.rooms[r].location == place)
        .collect();
    // The meetings held at the place that day, in the room each has now.
    let mut held: Vec<(usize, usize)> = acts
        .iter()
        .filter(|a| a.day == mt.day && a.kind.is_meeting())
        .filter_map(|a| Some((a.meeting?, a.room?)))
        .filter(|(_, r)| rooms.contains(r))
        .collect();
    held.sort_unstable();
    held.dedup();
    // Only a place where every room the meeting may use is taken at its time needs a round.
    let open = |r: usize| {
        mt.room.is_none_or(|f| f == r) && p.rooms[r].windows_on(mt.day).contains(&mt.span)
    };
    let taken = |r: usize, span: &Interval| {
        held.iter()
            .any(|&(h, hr)| hr == r && p.meetings[h].span.overlaps(span))
    };
    if !rooms.iter().any(|&r| open(r)) || rooms.iter().any(|&r| open(r) && !taken(r, &mt.span)) {
        return None;
    }
    let mut items: Vec<usize> = held.iter().map(|&(h, _)| h).chain([m]).collect();
    items.sort_by_key(|&i| (p.meetings[i].span.start, p.meetings[i].span.end, i));
    let mut given: Vec<Option<usize>> = vec![None; items.len()];
    let mut nodes = 0;
    if !assign_rooms(p, &items, &rooms, mt.day, &mut given, 0, &mut nodes) {
        return None;
    }
    let room_of: Vec<(usize, usize)> = items
        .iter()
        .zip(&given)
        .filter_map(|(&i, r)| Some((i, (*r)?)))
        .collect();
    let mut out = acts.to_vec();
    for a in out
        .iter_mut()
        .filter(|a| a.day == mt.day && a.kind.is_meeting())
    {
        if let Some(&(_, r)) = room_of.iter().find(|(i, _)| Some(*i) == a.meeting) {
            a.room = Some(r);
        }
    }
    Some(out)
}

/// Depth-first search for a room for each of `items` (sorted by start) from `k` on.
fn assign_rooms(
    p: &Week,
    items: &[usize],
    rooms: &[usize],
    day: usize,
    given: &mut [Option<usize>],
    k: usize,
    nodes: &mut usize,
) -> bool {
    let Some(&i) = items.get(k) else {
        return true;
    };
    let mt = &p.meetings[i];
    for &r in rooms {
        *nodes += 1;
        if *nodes > ROOM_NODES {
            return false;
        }
        let fits = mt.room.is_none_or(|f| f == r)
            && p.rooms[r].windows_on(day).contains(&mt.span)
            && !(0..k).any(|j| given[j] == Some(r) && p.meetings[items[j]].span.overlaps(&mt.span));
        if fits {
            given[k] = Some(r);
            if assign_rooms(p, items, rooms, day, given, k + 1, nodes) {
                return true;
            }
            given[k] = None;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenOptions, generate};
    use crate::model::{Reference, ReferenceKind};

    fn county() -> Problem {
        let p = generate(&GenOptions::new(100, 240, 1));
        assert!(offices(&p).len() >= 2, "the generated week has one office");
        p
    }

    #[test]
    fn every_worker_family_and_room_is_in_exactly_one_part() {
        let p = county();
        let parts = split(&p);
        assert_eq!(parts.len(), offices(&p).len());
        let count = |get: &dyn Fn(&Part) -> &Vec<usize>, n: usize| {
            let mut seen = vec![0; n];
            for part in &parts {
                for &i in get(part) {
                    seen[i] += 1;
                }
            }
            assert!(seen.iter().all(|&c| c == 1), "{seen:?}");
        };
        count(&|x| &x.workers, p.workers.len());
        count(&|x| &x.families, p.families.len());
        count(&|x| &x.rooms, p.rooms.len());
        // A family goes with its own worker when that worker may serve it; a meeting with its
        // family (or to no part, when its fixed room is at another office).
        for part in &parts {
            for &f in &part.families {
                if let Some(w) = p.families[f].primary_worker.filter(|&w| p.can_serve(w, f)) {
                    assert!(
                        part.workers.contains(&w),
                        "family {f} apart from its worker {w}"
                    );
                }
            }
            for &m in &part.meetings {
                assert!(part.families.contains(&p.meetings[m].family));
            }
        }
    }

    #[test]
    fn a_part_plans_in_its_own_numbering_and_maps_back() {
        let p = county();
        let part = split(&p).into_iter().next().expect("a part");
        let r = crate::solve::baseline::baseline(&Week::new(part.problem.clone()));
        assert!(crate::check::check_roster(&part.problem, &r).is_empty());
        let rows = part.to_week(&r);
        assert!(!rows.is_empty());
        for (a, b) in r.activities.iter().zip(&rows) {
            assert_eq!(b.worker, part.workers[a.worker]);
            assert_eq!(b.family, a.family.map(|f| part.families[f]));
            assert_eq!(p.workers[b.worker].id, part.problem.workers[a.worker].id);
        }
    }

    #[test]
    fn a_week_with_something_to_keep_is_planned_whole() {
        let mut p = Week::new(county());
        assert!(splittable(&p));
        p.reference = Some(Reference {
            kind: ReferenceKind::Rhythm,
            rows: Vec::new(),
        });
        assert!(!splittable(&p), "plan --previous keeps last week's rhythm");
    }
}
