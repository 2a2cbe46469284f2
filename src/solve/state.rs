//! The week under construction: each worker's days, weekly minutes (rule 5), rest between
//! days (rule 4), room bookings and staffing (rule 9), what each family has received (rules
//! 6–7) and each family's contacts per day (rule 7). `check_add` is the one feasibility check
//! every change to the week goes through (the row rules of `solve::rules`, the day of
//! `day::check_day`, then the week's capacity and rest); `commit` books everything the change
//! adds, so no caller keeps books of its own.

use super::day::{check_day, day_bounds, day_minutes};
use super::ledger::Ledger;
use super::rejection::Rejection;
use super::rules::check_row;
use crate::model::{Activity, ActivityKind, Interval, Roster, Week};

/// What one family has received so far, in minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Received {
    pub in_person: u32,
    pub remote: u32,
    /// Meeting minutes that count as effort (only when the plan says so).
    pub meetings: u32,
    pub visits: u32,
    pub joint: u32,
}

impl Received {
    pub fn delivered(&self) -> u32 {
        self.in_person + self.remote + self.meetings
    }
}

/// Least minutes between the end of one visit of a family and the start of its next visit on
/// the same day (SPEC rule 7).
pub use crate::model::limits::VISIT_GAP_MINUTES;

/// One in-person visit of a family on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayVisit {
    pub span: Interval,
    /// A joint visit (whose two rows are one visit).
    pub joint: bool,
    /// Its rows booked so far (a joint visit has two).
    rows: u8,
}

/// One family's contacts on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyDay {
    /// In-person visits.
    pub visits: Vec<DayVisit>,
    /// Remote sessions.
    pub remote: Vec<Interval>,
}

impl FamilyDay {
    /// The joint visit at `span`, if one is booked.
    fn joint_at(&self, span: &Interval) -> Option<usize> {
        self.visits.iter().position(|v| v.joint && v.span == *span)
    }

    /// True when `a` (a row of the family's client work) is a visit already booked here: the
    /// partner's row of a joint visit.
    pub fn is_booked(&self, a: &Activity) -> bool {
        a.kind == ActivityKind::JointVisit && self.joint_at(&a.span).is_some()
    }

    /// Books one client row.
    fn book(&mut self, a: &Activity) {
        if a.kind == ActivityKind::Remote {
            self.remote.push(a.span);
        } else if a.kind.is_visit() {
            match self
                .joint_at(&a.span)
                .filter(|_| a.kind == ActivityKind::JointVisit)
            {
                Some(i) => self.visits[i].rows += 1,
                None => self.visits.push(DayVisit {
                    span: a.span,
                    joint: a.kind == ActivityKind::JointVisit,
                    rows: 1,
                }),
            }
        }
    }

    /// Unbooks one client row booked before; true when a whole visit is gone with it (not
    /// when the partner's row of a joint visit stays).
    fn unbook(&mut self, a: &Activity) -> bool {
        if a.kind == ActivityKind::Remote {
            if let Some(i) = self.remote.iter().position(|s| *s == a.span) {
                self.remote.swap_remove(i);
            }
            return false;
        }
        let joint = a.kind == ActivityKind::JointVisit;
        let Some(i) = self
            .visits
            .iter()
            .position(|v| v.joint == joint && v.span == a.span)
        else {
            debug_assert!(!a.kind.is_visit(), "unbooked a visit never booked");
            return false;
        };
        self.visits[i].rows -= 1;
        if self.visits[i].rows == 0 {
            self.visits.remove(i);
            true
        } else {
            false
        }
    }
}

/// A tentative change to one worker-day: the full day it would become.
#[derive(Debug, Clone)]
pub struct DayPlan {
    pub worker: usize,
    pub day: usize,
    pub built: Vec<Activity>,
    /// Minutes the day grows by (the new activities and any extra travel).
    pub added: u32,
}

/// A worker-day as it was before a change that may be undone: its fixed rows and its built
/// day.
#[derive(Clone)]
struct SavedDay {
    worker: usize,
    day: usize,
    items: Vec<Activity>,
    built: Vec<Activity>,
}

/// The worker-days a change touched, kept so that [`WeekState::rollback`] can undo it.
#[derive(Clone, Default)]
struct Journal {
    recording: bool,
    saved: Vec<SavedDay>,
    /// Per worker and day: saved already in this change.
    touched: Vec<[bool; 7]>,
}

#[derive(Clone)]
pub struct WeekState<'p> {
    pub p: &'p Week,
    /// Per worker and day: the fixed activities (no travel).
    items: Vec<[Vec<Activity>; 7]>,
    /// Per worker and day: the built day (with travel).
    built: Vec<[Vec<Activity>; 7]>,
    week_minutes: Vec<u32>,
    rooms: Vec<Vec<(usize, Interval)>>,
    received: Vec<Received>,
    /// Per family and day: its visits and remote sessions.
    family_days: Vec<[FamilyDay; 7]>,
    /// Per meeting: the workers staffing it and its room.
    meeting_staff: Vec<Vec<usize>>,
    meeting_room: Vec<Option<usize>>,
    /// The objective of the week as it is.
    ledger: Ledger,
    journal: Journal,
}

impl<'p> WeekState<'p> {
    /// The week holding only its pinned rows (the past of a re-plan and the kept
    /// appointments), which every planner phase starts from.
    pub fn new(p: &'p Week) -> Self {
        let pinned = p.pinned();
        if pinned.is_empty() {
            return WeekState::empty(p);
        }
        // Pinned rows were checked when they were pinned; a set that cannot be built is a bug
        // of the pinning, and the week then starts empty (the final check refuses a roster
        // without its pinned rows, as the appointments rule and the past's check do).
        let st = WeekState::from_activities(p, pinned);
        debug_assert!(st.is_some(), "the pinned rows make no week");
        st.unwrap_or_else(|| WeekState::empty(p))
    }

    /// The week with nothing in it.
    fn empty(p: &'p Week) -> Self {
        let n = p.workers.len();
        WeekState {
            p,
            items: vec![Default::default(); n],
            built: vec![Default::default(); n],
            week_minutes: vec![0; n],
            rooms: vec![Vec::new(); p.rooms.len()],
            received: vec![Received::default(); p.families.len()],
            family_days: vec![Default::default(); p.families.len()],
            meeting_staff: vec![Vec::new(); p.meetings.len()],
            meeting_room: vec![None; p.meetings.len()],
            ledger: Ledger::new(p),
            journal: Journal {
                touched: vec![[false; 7]; n],
                ..Journal::default()
            },
        }
    }

    /// The week holding `activities` (travel and break rows are ignored and rebuilt), booked
    /// as if they had been committed one by one; `None` when some worker-day cannot be built
    /// (which a part of a valid roster never hits, since leaving activities out only shortens
    /// the ways between the rest).
    pub fn from_activities(p: &'p Week, activities: &[Activity]) -> Option<Self> {
        let mut st = WeekState::empty(p);
        // A re-plan's past breaks stay (they were taken); others are the day builder's.
        let fixed = activities.iter().filter(|a| match a.kind {
            ActivityKind::Travel => false,
            ActivityKind::Break => p.is_pinned(a),
            _ => true,
        });
        for a in fixed {
            st.items[a.worker][a.day].push(*a);
            st.book(a);
        }
        for w in 0..p.workers.len() {
            for d in 0..7 {
                if !st.items[w][d].is_empty() {
                    let built = check_day(p, w, d, &st.items[w][d]).ok()?;
                    st.set_built(w, d, built);
                }
            }
        }
        Some(st)
    }

    /// Books `a`, a row that has happened, without judging it or building its day: a re-plan's
    /// judgement of its past (`replan::prepare`) asks the row rules of each past row against
    /// the past before it, and judges the worker-days with `day::check_day` itself. Such a week
    /// answers the row rules' questions (what each family received, its contacts per day, the
    /// meetings' staff and rooms) and nothing else: its days are not built.
    pub fn book_happened(&mut self, a: &Activity) {
        self.items[a.worker][a.day].push(*a);
        self.book(a);
    }

    /// Minutes the worker has planned this week.
    pub fn week_minutes(&self, worker: usize) -> u32 {
        self.week_minutes[worker]
    }

    /// Minutes the worker can still take this week.
    pub fn free_minutes(&self, worker: usize) -> u32 {
        self.p.workers[worker]
            .capacity_minutes()
            .saturating_sub(self.week_minutes[worker])
    }

    /// The built day of a worker.
    pub fn day(&self, worker: usize, day: usize) -> &[Activity] {
        &self.built[worker][day]
    }

    /// What the family has received so far.
    pub fn received(&self, family: usize) -> &Received {
        &self.received[family]
    }

    /// The workers staffing meeting `m` so far.
    pub fn meeting_staff(&self, m: usize) -> &[usize] {
        &self.meeting_staff[m]
    }

    /// The room meeting `m` is held in, once a worker staffs it.
    pub fn meeting_room(&self, m: usize) -> Option<usize> {
        self.meeting_room[m]
    }

    /// True when meeting `m` has all its staff.
    pub fn is_staffed(&self, m: usize) -> bool {
        self.meeting_staff[m].len() >= self.p.meetings[m].staff as usize
    }

    /// The family's contacts on `day`.
    pub fn family_day(&self, family: usize, day: usize) -> &FamilyDay {
        &self.family_days[family][day]
    }

    /// Rule 7 for one more row of client work of `kind` for `family` on `day` at `span`: at
    /// most `max_visits_per_day` visits (a joint visit is one; the partner's row of a booked
    /// joint visit adds none), each at least [`VISIT_GAP_MINUTES`] from the others, and at
    /// most one remote session; `Err` names the part of rule 7 that refuses. Other kinds
    /// always pass.
    pub fn check_contact(
        &self,
        family: usize,
        day: usize,
        kind: ActivityKind,
        span: &Interval,
    ) -> Result<(), Rejection> {
        let fd = &self.family_days[family][day];
        match kind {
            ActivityKind::Remote if !fd.remote.is_empty() => Err(Rejection::RemotePerDay),
            k if k.is_visit() => {
                if k == ActivityKind::JointVisit && fd.joint_at(span).is_some() {
                    return Ok(());
                }
                if fd.visits.len() >= self.p.families[family].max_visits_per_day as usize {
                    return Err(Rejection::VisitsPerDay);
                }
                let apart = |v: &DayVisit| {
                    span.start >= v.span.end + VISIT_GAP_MINUTES
                        || v.span.start >= span.end + VISIT_GAP_MINUTES
                };
                if fd.visits.iter().all(apart) {
                    Ok(())
                } else {
                    Err(Rejection::VisitGap)
                }
            }
            _ => Ok(()),
        }
    }

    /// True when the family may still get a row of `kind` on `day` at some time (the cheap
    /// test before trying start times).
    pub fn day_open(&self, family: usize, day: usize, kind: ActivityKind) -> bool {
        let fd = &self.family_days[family][day];
        let open = match kind {
            ActivityKind::Remote => fd.remote.is_empty(),
            k if k.is_visit() => {
                fd.visits.len() < self.p.families[family].max_visits_per_day as usize
            }
            _ => true,
        };
        open && super::rules::remote_visit_day::day_open(self, fd, kind)
    }

    /// Books one fixed row: the family's contacts of the day and what it received (each row's
    /// minutes; a joint visit's visit once, by its first row), the meeting's staff and room.
    fn book(&mut self, a: &Activity) {
        let p = self.p;
        self.ledger.row(p, a, true);
        match (a.meeting, a.family) {
            (Some(m), _) => {
                if self.meeting_staff[m].is_empty() {
                    self.meeting_room[m] = a.room;
                    if let Some(room) = a.room {
                        self.rooms[room].push((a.day, a.span));
                    }
                }
                self.meeting_staff[m].push(a.worker);
                let n = self.meeting_staff[m].len();
                self.ledger.staff_changed(p, m, n - 1, n);
                if p.settings.meetings_count_as_effort {
                    let f = p.meetings[m].family;
                    self.received[f].meetings += a.minutes();
                    self.ledger.family_changed(p, f, &self.received[f]);
                }
            }
            (None, Some(f)) if a.kind.is_client() => {
                let partner_row = self.family_days[f][a.day].is_booked(a);
                self.family_days[f][a.day].book(a);
                let r = &mut self.received[f];
                match a.kind {
                    ActivityKind::Remote => r.remote += a.minutes(),
                    kind => {
                        r.in_person += a.minutes();
                        if !partner_row {
                            r.visits += 1;
                            r.joint += u32::from(kind == ActivityKind::JointVisit);
                        }
                    }
                }
                self.ledger.family_changed(p, f, &self.received[f]);
            }
            _ => {}
        }
    }

    /// Undoes [`WeekState::book`] of a row booked before.
    fn unbook(&mut self, a: &Activity) {
        let p = self.p;
        self.ledger.row(p, a, false);
        match (a.meeting, a.family) {
            (Some(m), _) => {
                let staff = &mut self.meeting_staff[m];
                let Some(i) = staff.iter().position(|w| *w == a.worker) else {
                    debug_assert!(false, "unbooked a meeting row never booked");
                    return;
                };
                staff.remove(i);
                let n = staff.len();
                self.ledger.staff_changed(p, m, n + 1, n);
                if n == 0
                    && let Some(room) = self.meeting_room[m].take()
                {
                    let booked = &mut self.rooms[room];
                    if let Some(j) = booked.iter().position(|b| *b == (a.day, a.span)) {
                        booked.swap_remove(j);
                    }
                }
                if p.settings.meetings_count_as_effort {
                    let f = p.meetings[m].family;
                    self.received[f].meetings -= a.minutes();
                    self.ledger.family_changed(p, f, &self.received[f]);
                }
            }
            (None, Some(f)) if a.kind.is_client() => {
                let gone = self.family_days[f][a.day].unbook(a);
                let r = &mut self.received[f];
                match a.kind {
                    ActivityKind::Remote => r.remote -= a.minutes(),
                    kind => {
                        r.in_person -= a.minutes();
                        if gone {
                            r.visits -= 1;
                            r.joint -= u32::from(kind == ActivityKind::JointVisit);
                        }
                    }
                }
                self.ledger.family_changed(p, f, &self.received[f]);
            }
            _ => {}
        }
    }

    /// Replaces the built day of a worker, keeping the week's minutes and the ledger.
    fn set_built(&mut self, w: usize, d: usize, built: Vec<Activity>) {
        self.ledger
            .day_changed(self.p, w, &self.built[w][d], &built);
        self.week_minutes[w] =
            self.week_minutes[w] + day_minutes(&built) - day_minutes(&self.built[w][d]);
        self.built[w][d] = built;
    }

    /// Saves a worker-day before its first change, while a change that may be undone is on.
    fn touch(&mut self, w: usize, d: usize) {
        let j = &mut self.journal;
        if j.recording && !j.touched[w][d] {
            j.touched[w][d] = true;
            j.saved.push(SavedDay {
                worker: w,
                day: d,
                items: self.items[w][d].clone(),
                built: self.built[w][d].clone(),
            });
        }
    }

    /// Starts a change that [`WeekState::rollback`] can undo and [`WeekState::accept`] keeps:
    /// every worker-day it touches is saved before its first change, nothing else.
    pub fn begin(&mut self) {
        debug_assert!(!self.journal.recording, "a change is already on");
        self.journal.recording = true;
    }

    /// Keeps the change since [`WeekState::begin`].
    pub fn accept(&mut self) {
        let j = &mut self.journal;
        for s in j.saved.drain(..) {
            j.touched[s.worker][s.day] = false;
        }
        j.recording = false;
    }

    /// Undoes everything since [`WeekState::begin`]: the touched worker-days' rows are
    /// unbooked and their saved rows booked again, so every count and the ledger are as they
    /// were.
    pub fn rollback(&mut self) {
        self.journal.recording = false;
        let saved = std::mem::take(&mut self.journal.saved);
        for s in &saved {
            for a in std::mem::take(&mut self.items[s.worker][s.day]) {
                self.unbook(&a);
            }
        }
        for s in saved {
            self.journal.touched[s.worker][s.day] = false;
            for a in &s.items {
                self.book(a);
            }
            self.items[s.worker][s.day] = s.items;
            self.set_built(s.worker, s.day, s.built);
        }
    }

    /// Takes the rows of a worker-day for which `take` holds out of the week and rebuilds the
    /// day without them; `None` (the week then half changed: roll back) when the rest cannot
    /// be built, which leaving rows out of a valid day never causes.
    pub fn remove_rows(
        &mut self,
        w: usize,
        d: usize,
        take: impl Fn(&Activity) -> bool,
    ) -> Option<Vec<Activity>> {
        if !self.items[w][d].iter().any(&take) {
            return Some(Vec::new());
        }
        self.touch(w, d);
        let (gone, kept): (Vec<Activity>, Vec<Activity>) = std::mem::take(&mut self.items[w][d])
            .into_iter()
            .partition(&take);
        for a in &gone {
            self.unbook(a);
        }
        self.items[w][d] = kept;
        let built = if self.items[w][d].is_empty() {
            Vec::new()
        } else {
            check_day(self.p, w, d, &self.items[w][d]).ok()?
        };
        self.set_built(w, d, built);
        Some(gone)
    }

    /// The fixed rows (no travel) of a worker-day.
    pub fn items(&self, worker: usize, day: usize) -> &[Activity] {
        &self.items[worker][day]
    }

    /// The client rows of family `f`, from the days of the workers who serve it.
    pub fn family_rows(&self, f: usize) -> Vec<Activity> {
        let mut out = Vec::new();
        for w in self.ledger.serving(f) {
            for d in 0..7 {
                out.extend(
                    self.items[w][d].iter().filter(|a| {
                        a.family == Some(f) && a.meeting.is_none() && a.kind.is_client()
                    }),
                );
            }
        }
        out
    }

    /// The objective's terms of the week as it is (kept up to date row by row).
    pub fn terms(&self) -> super::objective::Terms {
        self.ledger.terms()
    }

    /// The weighted objective of the week as it is.
    pub fn value(&self) -> f64 {
        self.ledger.value(self.p)
    }

    /// The worker-day with `new` added, if every rule still holds; see
    /// [`WeekState::check_add`] for why not.
    pub fn try_add(&self, worker: usize, day: usize, new: &[Activity]) -> Option<DayPlan> {
        self.check_add(worker, day, new).ok()
    }

    /// The worker-day with `new` added, or the rule the change would break.
    pub fn check_add(
        &self,
        worker: usize,
        day: usize,
        new: &[Activity],
    ) -> Result<DayPlan, Rejection> {
        for (i, a) in new.iter().enumerate() {
            debug_assert!(a.worker == worker && a.day == day, "a row of another day");
            check_row(self, a)?;
            // Rows added together are judged against the week without each other: two rows of
            // one family's client work at once would each pass alone.
            let earlier_same = new[..i].iter().any(|b| {
                b.family == a.family
                    && b.kind.is_client()
                    && a.kind.is_client()
                    && b.meeting.is_none()
                    && a.meeting.is_none()
            });
            if earlier_same {
                return Err(Rejection::VisitsPerDay);
            }
        }
        self.check_worker(worker, day, new)
    }

    /// The worker's half of [`WeekState::check_add`]: the day with `new` added (rules 1–4 of
    /// `day::check_day`), the week's capacity and the rest between days, with no row rule
    /// asked. `check_add` ends with it; the reasons ask it alone to tell "the worker has no
    /// time" from "the family's week is full".
    pub fn check_worker(
        &self,
        worker: usize,
        day: usize,
        new: &[Activity],
    ) -> Result<DayPlan, Rejection> {
        let mut items = self.items[worker][day].clone();
        items.extend_from_slice(new);
        let built = check_day(self.p, worker, day, &items)?;
        keeps_the_past(self.p, worker, day, &built)?;
        let before = day_minutes(&self.built[worker][day]);
        let after = day_minutes(&built);
        let week = self.week_minutes[worker] - before + after;
        if week > self.p.workers[worker].capacity_minutes() {
            return Err(Rejection::WeeklyCapacity);
        }
        let Some((first, last)) = day_bounds(&built) else {
            // A day with no activity at all breaks no rule of rest.
            return Ok(DayPlan {
                worker,
                day,
                built,
                added: after.saturating_sub(before),
            });
        };
        let rest = self.p.settings.min_rest_minutes();
        let prev = day
            .checked_sub(1)
            .and_then(|d| day_bounds(&self.built[worker][d]));
        if prev.is_some_and(|(_, prev_end)| 1440 - prev_end + first < rest) {
            return Err(Rejection::Rest);
        }
        let next = (day < 6)
            .then(|| day_bounds(&self.built[worker][day + 1]))
            .flatten();
        if next.is_some_and(|(next_start, _)| 1440 - last + next_start < rest) {
            return Err(Rejection::Rest);
        }
        Ok(DayPlan {
            worker,
            day,
            built,
            added: after.saturating_sub(before),
        })
    }

    /// Makes a tentative change real and books what it adds (contacts, hours, visits, rooms,
    /// staffing): `new` is what `check_add` was given.
    pub fn commit(&mut self, plan: DayPlan, new: &[Activity]) {
        let (w, d) = (plan.worker, plan.day);
        self.touch(w, d);
        self.items[w][d].extend_from_slice(new);
        for a in new {
            self.book(a);
        }
        self.set_built(w, d, plan.built);
    }

    /// True when `room` holds no meeting that overlaps `span` on `day`.
    pub fn room_free(&self, room: usize, day: usize, span: &Interval) -> bool {
        !self.rooms[room]
            .iter()
            .any(|(d, s)| *d == day && s.overlaps(span))
    }

    /// The roster of everything committed, the week kept.
    pub fn roster(&self) -> Roster {
        let mut r = Roster {
            activities: self.built.iter().flatten().flatten().copied().collect(),
        };
        r.sort();
        r
    }

    /// The roster of everything committed.
    pub fn into_roster(self) -> Roster {
        let activities = self
            .built
            .into_iter()
            .flat_map(|days| days.into_iter().flatten())
            .collect();
        let mut r = Roster { activities };
        r.sort();
        r
    }
}

/// A re-plan never changes what happened: the rows of a built worker-day that start before the
/// moment are exactly the previous roster's (travel and breaks included), so a new row after
/// the moment cannot move a break, or the way home, into the past.
pub fn keeps_the_past(
    p: &Week,
    worker: usize,
    day: usize,
    built: &[Activity],
) -> Result<(), Rejection> {
    let Some(m) = p.past.moment else {
        return Ok(());
    };
    if day > m.day {
        return Ok(());
    }
    let order = |a: &&Activity| (a.span.start, a.span.end, a.kind, a.family, a.meeting);
    let mut now: Vec<&Activity> = built
        .iter()
        .filter(|a| m.is_later_than(a.day, a.span.start))
        .collect();
    // (The past also holds the activity a worker was on the way to; it starts at or after
    // the moment and is pinned like the rest.)
    let mut then: Vec<&Activity> = p
        .past
        .rows_of(worker, day)
        .filter(|a| m.is_later_than(a.day, a.span.start))
        .collect();
    now.sort_by_key(order);
    then.sort_by_key(order);
    if now == then {
        Ok(())
    } else {
        Err(Rejection::Past)
    }
}
