//! Why demand was left unmet, asked of the planner's own feasibility check: the roster is
//! loaded into a `WeekState`, and the smallest visit, remote session, joint visit or meeting
//! row that could still add what is missing is tried per worker, day and start time through
//! `WeekState::check_add`; the rejections it gives (skills, exclusions, common time, the
//! worker's day and week, the family's visit limits, hours and remote cap, rooms) are the
//! reason. So a reason names the rule that refused and can never contradict the planner.
//!
//! This is the one place where `report` uses `solve`: the check is the planner's, on purpose.
//! It asks `WeekState` and the rule registry (`rules::check_scope`) and builds its rows on
//! `solve::grid`, as the phases do; no planner phase's internals.

use super::coverage::FamilyRow;
use crate::check::Rule;
use crate::model::pattern::fmt_days;
use crate::model::time::fmt_hm;
use crate::model::{Activity, ActivityKind, Interval, Problem, Roster, Week};
use crate::solve::grid::{GRID, meeting_row};
use crate::solve::rejection::Rejection;
use crate::solve::rules::{self, Scope};
use crate::solve::state::WeekState;

fn ids(p: &Problem, workers: &[usize]) -> String {
    let mut v: Vec<&str> = workers.iter().map(|&w| p.workers[w].id.as_str()).collect();
    v.sort_unstable();
    if v.len() > 6 {
        format!("{} and {} more", v[..5].join(", "), v.len() - 5)
    } else {
        v.join(", ")
    }
}

/// What a rule of the SPEC is about, in words a team lead reads (`[8-skills]` is the
/// checker's label; this is the sentence's).
pub fn rule_words(rule: Rule) -> &'static str {
    match rule {
        Rule::Format => "the roster's own format",
        Rule::Windows => "working hours and availability (rule 1)",
        Rule::Overlap => "one thing at a time (rule 2)",
        Rule::Travel => "travel between places (rule 3)",
        Rule::Daily => "daily hours and rest (rule 4)",
        Rule::Break => "breaks (rule 4)",
        Rule::Capacity => "weekly capacity (rule 5)",
        Rule::Effort => "the family's weekly hours (rule 6)",
        Rule::RemoteCap => "the remote cap (rule 6)",
        Rule::Lengths => "visit and session lengths (rule 7)",
        Rule::Joint => "joint visits (rule 7)",
        Rule::PerDay => "a family's contacts in a day (rule 7)",
        Rule::Skills => "skills and exclusions (rule 8)",
        Rule::Meetings => "meetings (rule 9)",
        Rule::Appointments => "agreed appointments",
        Rule::Reports => "the reports",
    }
}

/// A broken rule as a plain sentence: what the checker found, then the rule it breaks.
pub fn broken_rule(rule: Rule, message: &str) -> String {
    format!("{message}: this breaks the rule on {}", rule_words(rule))
}

/// The reason when nobody at all can work this week: the week has no workers (a scenario may
/// remove them all) or every worker is absent or without hours all week.
fn no_worker_available(p: &Problem) -> Option<String> {
    if p.workers.is_empty() {
        return Some("no worker is available: the week has no workers".into());
    }
    let nobody = (0..p.workers.len()).all(|w| {
        p.workers[w].capacity_minutes() == 0 || p.worker_windows[w].iter().all(|d| d.is_empty())
    });
    nobody.then(|| {
        format!(
            "no worker is available: every worker ({}) is absent or has no hours all week",
            ids(p, &(0..p.workers.len()).collect::<Vec<_>>())
        )
    })
}

/// How far a change got through the check before it was refused (higher is nearer a fit): the
/// answer kept for a day is the start time that got furthest.
fn stage(r: Rejection) -> u8 {
    use Rejection::*;
    match r {
        FamilyWindow => 1,
        VisitsPerDay | VisitGap | RemotePerDay => 2,
        Window => 3,
        Overlap => 4,
        Travel => 5,
        RemoteWhileTravelling => 6,
        DailyHours => 7,
        RemoteAtHome => 8,
        Break => 9,
        WeeklyCapacity => 10,
        Rest => 11,
        _ => 0,
    }
}

/// The check's answers for one worker: per day, `Ok` when some start time fits, else the
/// rejection of the start that got furthest.
type Days = [Result<(), Rejection>; 7];

/// How much of the check a probe asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// Everything `check_add` asks.
    All,
    /// The family's available hours and the worker's day, week and rest only.
    Worker,
}

/// Finds reasons for every family and meeting of one roster.
pub struct Reasons<'p> {
    p: &'p Week,
    r: &'p Roster,
    st: Option<WeekState<'p>>,
}

impl<'p> Reasons<'p> {
    pub fn new(p: &'p Week, r: &'p Roster) -> Self {
        Reasons {
            p,
            r,
            st: WeekState::from_activities(p, &r.activities),
        }
    }

    /// The row of `kind` (`len` minutes from `start`) of worker `w` for family `f` on `day`.
    fn client_row(
        &self,
        w: usize,
        f: usize,
        kind: ActivityKind,
        day: usize,
        start: u32,
        len: u32,
    ) -> Activity {
        let p = self.p;
        Activity {
            day,
            span: Interval::new(start, (start + len).min(1440)),
            worker: w,
            kind,
            family: Some(f),
            meeting: None,
            partner: (kind == ActivityKind::JointVisit)
                .then(|| (0..p.workers.len()).find(|&x| x != w))
                .flatten(),
            room: None,
            location: (kind != ActivityKind::Remote).then_some(p.families[f].location),
        }
    }

    /// The check's answer for each start time on the grid inside the worker's windows on
    /// `day`: the whole check, or (`Ask::Worker`) only the family's available hours and the
    /// worker's side (their day, week and rest), to see whether the worker would have the time
    /// if the family's week had room.
    #[allow(clippy::too_many_arguments)]
    fn answers(
        &self,
        st: &WeekState,
        ask: Ask,
        w: usize,
        f: usize,
        kind: ActivityKind,
        len: u32,
        day: usize,
    ) -> Vec<(u32, Result<(), Rejection>)> {
        let mut out = Vec::new();
        for win in self.p.worker_windows[w][day].intervals() {
            let mut s = win.start.div_ceil(GRID) * GRID;
            while s + len <= win.end {
                let a = self.client_row(w, f, kind, day, s, len);
                let ans = match ask {
                    Ask::All => st.check_add(w, day, &[a]).map(|_| ()),
                    Ask::Worker => rules::check_scope(st, &a, Scope::FamilyTime)
                        .and_then(|()| st.check_worker(w, day, &[a]).map(|_| ())),
                };
                out.push((s, ans));
                s += GRID;
            }
        }
        out
    }

    /// Per day, whether the smallest row of `kind` fits for worker `w` and family `f`: `Ok`
    /// when some start fits, else the furthest rejection (`Window` when no start is in the
    /// worker's hours at all).
    fn probe(
        &self,
        st: &WeekState,
        ask: Ask,
        w: usize,
        f: usize,
        kind: ActivityKind,
        len: u32,
    ) -> Days {
        std::array::from_fn(|d| {
            let mut best: Option<Rejection> = None;
            for (_, ans) in self.answers(st, ask, w, f, kind, len, d) {
                match ans {
                    Ok(()) => return Ok(()),
                    Err(r) if best.is_none_or(|b| stage(r) > stage(b)) => best = Some(r),
                    Err(_) => {}
                }
            }
            Err(best.unwrap_or(Rejection::Window))
        })
    }

    /// What rules about the worker alone say (skills, exclusions), for any row of the family.
    fn worker_rule(&self, st: &WeekState, w: usize, f: usize) -> Result<(), Rejection> {
        let a = self.client_row(w, f, ActivityKind::HomeVisit, 0, 0, 0);
        rules::check_scope(st, &a, Scope::Who)
    }

    /// What rules about the family's week say about one more row of `kind` and `len` (visits
    /// of the week, weekly hours, remote cap), whoever makes it and whenever.
    fn family_rule(
        &self,
        st: &WeekState,
        w: usize,
        f: usize,
        kind: ActivityKind,
        len: u32,
    ) -> Result<(), Rejection> {
        // A day without a contact of the family, so the per-day rule is not asked here.
        let day = (0..7).find(|&d| st.day_open(f, d, kind)).unwrap_or(0);
        let a = self.client_row(w, f, kind, day, 0, len);
        rules::check_scope(st, &a, Scope::FamilyWeek)
    }

    /// One worker's answers in words: "W01 at weekly capacity (3.00 of 3.00 h)", "W02 busy
    /// Mon-Wed, at the daily limit Thu". Days the worker does not work are left out unless
    /// they are all there is.
    fn worker_words(&self, st: &WeekState, w: usize, days: &Days) -> String {
        let p = self.p;
        let wk = &p.workers[w];
        let mut groups: Vec<(Rejection, u8)> = Vec::new();
        for (d, ans) in days.iter().enumerate() {
            if let Err(r) = ans {
                match groups.iter_mut().find(|(x, _)| x == r) {
                    Some((_, mask)) => *mask |= 1 << d,
                    None => groups.push((*r, 1 << d)),
                }
            }
        }
        if groups.iter().any(|(r, _)| *r == Rejection::WeeklyCapacity)
            && groups.iter().all(|(r, _)| {
                // Capacity is the week's: a day the family's own limits or the windows refuse
                // first would be refused by it too.
                matches!(
                    r,
                    Rejection::WeeklyCapacity
                        | Rejection::Window
                        | Rejection::FamilyWindow
                        | Rejection::VisitsPerDay
                        | Rejection::VisitGap
                        | Rejection::RemotePerDay
                )
            })
        {
            return format!(
                "{} at weekly capacity ({:.2} of {:.2} h)",
                wk.id,
                f64::from(st.week_minutes(w)) / 60.0,
                wk.capacity_hours
            );
        }
        if groups.len() > 1 {
            groups.retain(|(r, _)| *r != Rejection::Window);
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(r, mask)| format!("{} {}", day_words(*r), fmt_days(*mask)))
            .collect();
        format!("{} {}", wk.id, parts.join(", "))
    }
}

impl Reasons<'_> {
    /// The answers of several workers in words, the nearest to the family's home first; at
    /// most [`WORKERS_SAID`] of them, the rest counted.
    fn workers_words(&self, st: &WeekState, f: usize, answers: &[(usize, Days)]) -> String {
        let p = self.p;
        let home = p.families[f].location;
        let mut order: Vec<&(usize, Days)> = answers.iter().collect();
        order.sort_by_key(|(w, _)| (p.travel.minutes(p.workers[*w].base, home), *w));
        let mut words: Vec<String> = order
            .iter()
            .take(WORKERS_SAID)
            .map(|(w, days)| self.worker_words(st, *w, days))
            .collect();
        if order.len() > WORKERS_SAID {
            words.push(format!(
                "{} more qualified workers farther away likewise",
                order.len() - WORKERS_SAID
            ));
        }
        words.join("; ")
    }
}

/// How many workers a reason names one by one.
const WORKERS_SAID: usize = 4;

/// A day's rejection in the few words that go before the days it applies to.
fn day_words(r: Rejection) -> &'static str {
    use Rejection::*;
    match r {
        Window => "not working",
        FamilyWindow => "not working when the family is available",
        Overlap => "booked",
        Travel | RemoteWhileTravelling => "no time for the travel",
        DailyHours => "at the daily limit",
        Break => "no room for the break",
        Rest => "too little rest between days",
        WeeklyCapacity => "at weekly capacity",
        VisitsPerDay | VisitGap => "the family's visit of the day taken",
        RemotePerDay => "the family's remote session of the day taken",
        RemoteAtHome => "at the family's home",
        other => other.words(),
    }
}

/// The words of a cause that is the search's, not a rule's: more would still fit.
const STILL_FITS: &str = "would still fit; the search did not place it within its time";

/// The week's public holidays where they bind on family `f`: days off (rule 1,
/// `holidays_off`) on which a worker who may serve it would otherwise have worked (pattern,
/// extras and absences) and the family is available, while it may still get a visit. `None`
/// when no holiday took such hours.
fn holiday_cause(p: &Week, row: &FamilyRow, eligible: &[usize]) -> Option<String> {
    let f = row.family;
    if !p.settings.holidays_off || row.visits >= p.families[f].max_visits {
        return None;
    }
    let binding: Vec<String> = p
        .holidays_of_week()
        .into_iter()
        .filter(|h| {
            !p.families[f].windows_on(h.day).is_empty()
                && eligible
                    .iter()
                    .any(|&w| !p.windows_without_holiday(w, h.day).is_empty())
        })
        .map(|h| h.words())
        .collect();
    (!binding.is_empty()).then(|| {
        format!(
            "the public holiday{} {} {} no working day (holidays_off)",
            if binding.len() > 1 { "s" } else { "" },
            binding.join(", "),
            if binding.len() > 1 { "are" } else { "is" }
        )
    })
}

impl Reasons<'_> {
    /// The reason for a family's shortfall, missing visits or missing joint visits ("" if
    /// none).
    pub fn family(&self, row: &FamilyRow) -> String {
        let p = self.p;
        let fi = row.family;
        let f = &p.families[fi];
        let short = row.shortfall_hours > 0.005;
        let few_visits = row.visits < f.min_visits;
        let few_joint = row.joint_visits < f.joint_visits;
        if !short && !few_visits && !few_joint {
            return String::new();
        }
        let mut what = Vec::new();
        if short {
            what.push(format!("{:.2} h short", row.shortfall_hours));
        }
        if few_visits {
            what.push(format!("{} of {} visits", row.visits, f.min_visits));
        }
        if few_joint {
            what.push(format!(
                "{} of {} joint visits",
                row.joint_visits, f.joint_visits
            ));
        }
        let head = what.join(", ");
        if let Some(none) = no_worker_available(p) {
            return format!("{head}: {none}");
        }
        let Some(st) = &self.st else {
            return format!("{head}: the roster could not be re-read to find why");
        };
        let all: Vec<usize> = (0..p.workers.len()).collect();
        let eligible: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&w| self.worker_rule(st, w, fi).is_ok())
            .collect();
        if eligible.is_empty() {
            let skilled: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&w| self.worker_rule(st, w, fi) != Err(Rejection::Skill))
                .collect();
            return if skilled.is_empty() {
                format!(
                    "{head}: needs skills {}; no worker has them all",
                    f.required_skills.join("|")
                )
            } else {
                format!(
                    "{head}: every worker with the required skills ({}) is excluded",
                    ids(p, &skilled)
                )
            };
        }
        let mut causes = Vec::new();
        if !f.required_skills.is_empty() {
            causes.push(format!(
                "needs {} {}: {} {} it",
                if f.required_skills.len() > 1 {
                    "skills"
                } else {
                    "skill"
                },
                f.required_skills.join("|"),
                ids(p, &eligible),
                if eligible.len() > 1 { "have" } else { "has" }
            ));
        }
        if short || few_visits {
            causes.extend(self.visit_causes(st, row, &eligible));
        }
        if short {
            causes.extend(self.remote_causes(st, row, &eligible));
        }
        if few_joint {
            causes.push(self.joint_cause(st, fi, &eligible));
        }
        // A holiday binds only where nothing else would still fit.
        if short && !causes.iter().any(|c| c.contains(STILL_FITS)) {
            causes.extend(holiday_cause(p, row, &eligible));
        }
        if causes.is_empty() {
            causes.push("no rule refuses more; the search did not find it".into());
        }
        format!("{head}: {}", causes.join("; "))
    }

    /// Why no further visit (the family's shortest) can be added.
    fn visit_causes(&self, st: &WeekState, row: &FamilyRow, eligible: &[usize]) -> Vec<String> {
        let p = self.p;
        let fi = row.family;
        let f = &p.families[fi];
        let len = f.visit_minutes.0;
        let kind = ActivityKind::HomeVisit;
        match self.family_rule(st, eligible[0], fi, kind, len) {
            Err(Rejection::MaxVisits) => {
                return vec![format!("max_visits {} reached", f.max_visits)];
            }
            Err(Rejection::Effort) if row.shortfall_hours <= 0.005 => {
                // Its hours are all delivered (by remote sessions or longer visits), yet
                // visits are missing.
                return vec![format!(
                    "its weekly hours ({:.2} h) are used up, and another visit of at least {len} min would go beyond them",
                    f.weekly_hours
                )];
            }
            Err(Rejection::Effort) => {
                let mut cause = format!(
                    "the {:.2} h left is shorter than the shortest visit ({} min)",
                    row.shortfall_hours, len
                );
                let grow = self.grow_causes(fi);
                if !grow.is_empty() {
                    cause.push_str(&format!(", and no visit can grow: {}", grow.join("; ")));
                }
                // Would a worker have had the time for the hours in another split?
                let answers: Vec<(usize, Days)> = eligible
                    .iter()
                    .map(|&w| (w, self.probe(st, Ask::Worker, w, fi, kind, len)))
                    .collect();
                if !answers.iter().any(|(_, d)| d.iter().any(|x| x.is_ok())) {
                    cause.push_str(&format!(
                        "; nor is there time for another visit: {}",
                        self.workers_words(st, fi, &answers)
                    ));
                }
                return vec![cause];
            }
            _ => {}
        }
        let answers: Vec<(usize, Days)> = eligible
            .iter()
            .map(|&w| (w, self.probe(st, Ask::All, w, fi, kind, len)))
            .collect();
        if let Some((w, days)) = answers.iter().find(|(_, d)| d.iter().any(|x| x.is_ok())) {
            let d = days.iter().position(|x| x.is_ok()).unwrap_or(0);
            return vec![format!(
                "a {len}-minute visit by {} on {} {STILL_FITS}",
                p.workers[*w].id,
                fmt_days(1 << d)
            )];
        }
        let only = |set: &[Rejection]| {
            answers
                .iter()
                .all(|(_, days)| days.iter().all(|x| x.is_err_and(|r| set.contains(&r))))
        };
        if only(&[Rejection::Window, Rejection::FamilyWindow]) {
            let when = f
                .available
                .as_ref()
                .map(|a| a.to_string())
                .unwrap_or_else(|| "any time".into());
            return vec![format!(
                "family available {when}; no qualified worker ({}) works then",
                ids(p, eligible)
            )];
        }
        let per_day = [Rejection::VisitsPerDay, Rejection::VisitGap];
        let open_days: u8 = (0..7)
            .filter(|&d| {
                answers.iter().any(|(_, days)| {
                    days[d]
                        .is_err_and(|r| !matches!(r, Rejection::Window | Rejection::FamilyWindow))
                })
            })
            .fold(0, |m, d| m | 1 << d);
        if only(&[
            Rejection::Window,
            Rejection::FamilyWindow,
            per_day[0],
            per_day[1],
        ]) {
            return vec![format!(
                "at most {} visit{} a day and only {} day{} with a common window ({}), all taken",
                f.max_visits_per_day,
                if f.max_visits_per_day == 1 { "" } else { "s" },
                open_days.count_ones(),
                if open_days.count_ones() == 1 { "" } else { "s" },
                fmt_days(open_days)
            )];
        }
        let words = self.workers_words(st, fi, &answers);
        vec![format!(
            "no {len}-minute visit fits: {}{}",
            if eligible.len() > 1 {
                "all qualified workers busy: "
            } else {
                ""
            },
            words
        )]
    }

    /// Why none of the family's visits can be made a grid step longer (each tried alone, with
    /// the rest of the week as it is).
    fn grow_causes(&self, fi: usize) -> Vec<String> {
        let p = self.p;
        let mut out = Vec::new();
        for v in self
            .r
            .activities
            .iter()
            .filter(|a| a.family == Some(fi) && a.kind == ActivityKind::HomeVisit)
        {
            let rest: Vec<Activity> = self
                .r
                .activities
                .iter()
                .filter(|a| *a != v)
                .copied()
                .collect();
            let Some(st) = WeekState::from_activities(p, &rest) else {
                continue;
            };
            let mut longer = *v;
            longer.span = Interval::new(v.span.start, (v.span.end + GRID).min(1440));
            let mut earlier = *v;
            earlier.span = Interval::new(v.span.start.saturating_sub(GRID), v.span.end);
            let answers: Vec<Result<(), Rejection>> = [longer, earlier]
                .iter()
                .map(|a| {
                    st.check_add(a.worker, a.day, std::slice::from_ref(a))
                        .map(|_| ())
                })
                .collect();
            // The visit can grow when either way fits; else the later end's answer is the why.
            if let [Err(r), Err(_)] = answers[..] {
                let words = if r == Rejection::Length {
                    format!(
                        "at the longest visit ({} min)",
                        p.families[fi].visit_minutes.1
                    )
                } else {
                    day_words(r).to_string()
                };
                let text = format!(
                    "{} {}: {words}",
                    p.workers[v.worker].id,
                    fmt_days(1 << v.day),
                );
                if !out.contains(&text) {
                    out.push(text);
                }
            }
        }
        out
    }

    /// Why no remote session can add hours.
    fn remote_causes(&self, st: &WeekState, row: &FamilyRow, eligible: &[usize]) -> Vec<String> {
        let p = self.p;
        let fi = row.family;
        let cap = p.remote_cap(fi);
        if cap <= 0.0 {
            return vec!["no remote sessions allowed".into()];
        }
        let len = p.families[fi].remote_minutes.0;
        match self.family_rule(st, eligible[0], fi, ActivityKind::Remote, len) {
            Err(Rejection::RemoteCap) => vec![format!(
                "remote cap {:.0} % reached, so more hours need an in-person visit",
                cap * 100.0
            )],
            Err(_) => Vec::new(), // said by the visit's causes
            Ok(()) => {
                let fits = eligible.iter().find_map(|&w| {
                    self.probe(st, Ask::All, w, fi, ActivityKind::Remote, len)
                        .iter()
                        .position(|x| x.is_ok())
                        .map(|d| (w, d))
                });
                match fits {
                    Some((w, d)) => vec![format!(
                        "a {len}-minute remote session by {} on {} {STILL_FITS}",
                        p.workers[w].id,
                        fmt_days(1 << d)
                    )],
                    None => Vec::new(),
                }
            }
        }
    }

    /// Why a required joint visit is missing: fewer than two qualified workers can make a visit
    /// at a time the family is available, fewer than two of them have the time left, or no
    /// start time suits two of them at once.
    fn joint_cause(&self, st: &WeekState, f: usize, eligible: &[usize]) -> String {
        let p = self.p;
        let need = p.families[f].visit_minutes.0;
        let kind = ActivityKind::JointVisit;
        let family_says = self.family_rule(st, eligible[0], f, kind, need);
        let answers: Vec<(usize, Days)> = eligible
            .iter()
            .map(|&w| (w, self.probe(st, Ask::Worker, w, f, kind, need)))
            .collect();
        let in_time: Vec<usize> = answers
            .iter()
            .filter(|(_, days)| {
                days.iter()
                    .any(|x| !matches!(x, Err(Rejection::Window | Rejection::FamilyWindow)))
            })
            .map(|(w, _)| *w)
            .collect();
        if in_time.len() < 2 {
            return format!(
                "a joint visit needs two qualified workers for {need} min when the family is available; only {} {}",
                if in_time.is_empty() {
                    "none".to_string()
                } else {
                    ids(p, &in_time)
                },
                if in_time.len() == 1 {
                    "works then"
                } else {
                    "work then"
                }
            );
        }
        let free: Vec<usize> = answers
            .iter()
            .filter(|(_, days)| days.iter().any(|x| x.is_ok()))
            .map(|(w, _)| *w)
            .collect();
        if free.len() < 2 {
            let blocked: Vec<String> = answers
                .iter()
                .filter(|(w, _)| in_time.contains(w) && !free.contains(w))
                .map(|(w, days)| self.worker_words(st, *w, days))
                .collect();
            return format!(
                "a joint visit needs two qualified workers with {need} min free: {}",
                blocked.join("; ")
            );
        }
        // Two of them free at the same start?
        for d in 0..7 {
            let mut ok_at: std::collections::BTreeMap<u32, usize> = Default::default();
            for &w in &free {
                for (s, ans) in self.answers(st, Ask::Worker, w, f, kind, need, d) {
                    if ans.is_ok() {
                        *ok_at.entry(s).or_default() += 1;
                    }
                }
            }
            if let Some((s, _)) = ok_at.iter().find(|(_, n)| **n >= 2) {
                if let Err(r) = family_says {
                    return format!(
                        "two of {} could make a {need}-minute joint visit on {} at {}, but {}: the family's hours went to visits that could be planned",
                        ids(p, &free),
                        fmt_days(1 << d),
                        fmt_hm(*s),
                        r.words()
                    );
                }
                return format!(
                    "two of {} could make a {need}-minute joint visit on {} at {}; the search did not place it within its time",
                    ids(p, &free),
                    fmt_days(1 << d),
                    fmt_hm(*s)
                );
            }
        }
        format!(
            "no {need}-minute slot in which two of {} are both free with travel, daily hours and rest",
            ids(p, &free)
        )
    }

    /// The reason a meeting is not staffed.
    pub fn meeting(&self, mi: usize) -> String {
        let p = self.p;
        let m = &p.meetings[mi];
        let when = format!("{} {}", p.settings.week.date(m.day), m.span);
        if let Some(none) = no_worker_available(p) {
            return none;
        }
        let Some(st) = &self.st else {
            return "the roster could not be re-read to find why".into();
        };
        let rooms: Vec<usize> = match m.room {
            Some(room) => vec![room],
            None => (0..p.rooms.len()).collect(),
        };
        let Some(&any_room) = rooms.first() else {
            return "no room to hold it".into();
        };
        let has = st.meeting_staff(mi);
        let needed = (m.staff as usize).saturating_sub(has.len());
        if needed == 0 {
            // A roster given to caseload (evaluate) may staff a meeting with more rows than it
            // needs: that is what is wrong with it, not a lack of staff.
            return format!(
                "{} rows staff it, meetings.csv asks for {} worker(s)",
                has.len(),
                m.staff
            );
        }
        let qualified: Vec<usize> = (0..p.workers.len())
            .filter(|w| !has.contains(w))
            .filter(|&w| {
                let a = meeting_row(p, mi, any_room, w);
                rules::check_scope(st, &a, Scope::Who).is_ok()
            })
            .collect();
        if qualified.len() < needed {
            let skills = if m.required_skills.is_empty() {
                String::new()
            } else {
                format!(" with skills {}", m.required_skills.join("|"))
            };
            return format!(
                "needs {} workers{skills}; only {} qualify and are not excluded",
                m.staff,
                qualified.len() + has.len()
            );
        }
        let mut room_state = Vec::new();
        let mut open_room = None;
        for &room in &rooms {
            let id = &p.rooms[room].id;
            let Some(&first) = qualified.first() else {
                break;
            };
            match rules::check_scope(st, &meeting_row(p, mi, room, first), Scope::Room) {
                Ok(()) => {
                    open_room = Some(room);
                    break;
                }
                Err(Rejection::RoomClosed) => room_state.push(format!("{id} closed {}", m.span)),
                Err(_) => {
                    let taker = self.r.activities.iter().find(|a| {
                        a.kind.is_meeting()
                            && a.meeting != Some(mi)
                            && a.room == Some(room)
                            && a.day == m.day
                            && a.span.overlaps(&m.span)
                    });
                    room_state.push(match taker {
                        Some(a) => format!(
                            "{id} taken by {} {}",
                            a.meeting.map(|o| p.meetings[o].id.as_str()).unwrap_or("?"),
                            a.span
                        ),
                        None => format!("{id} taken"),
                    });
                }
            }
        }
        let Some(room) = open_room else {
            return format!("no room free {when}: {}", room_state.join(", "));
        };
        let answers: Vec<(usize, Result<(), Rejection>)> = qualified
            .iter()
            .map(|&w| {
                let a = meeting_row(p, mi, room, w);
                (w, st.check_add(w, m.day, &[a]).map(|_| ()))
            })
            .collect();
        if answers.iter().all(|(_, x)| *x == Err(Rejection::Effort)) {
            return format!(
                "staffing it would exceed family {}'s weekly_hours",
                p.families[m.family].id
            );
        }
        let working: Vec<usize> = answers
            .iter()
            .filter(|(_, x)| *x != Err(Rejection::Window))
            .map(|(w, _)| *w)
            .collect();
        if working.is_empty() {
            // A public holiday is no working day (rule 1, holidays_off): say so where it binds.
            let holiday = p
                .holidays_of_week()
                .into_iter()
                .find(|h| h.day == m.day && p.settings.holidays_off && h.hours_removed > 0.0);
            return match holiday {
                Some(h) => format!(
                    "no qualified worker works {when}: {} is a public holiday, no working day but its extra rows (holidays_off)",
                    h.words()
                ),
                None => format!("no qualified worker works {when}"),
            };
        }
        if working.len() < needed {
            return format!(
                "needs {} qualified workers working {when}; {} do ({})",
                m.staff,
                working.len() + has.len(),
                ids(p, &working)
            );
        }
        let free: Vec<usize> = answers
            .iter()
            .filter(|(_, x)| x.is_ok())
            .map(|(w, _)| *w)
            .collect();
        if free.len() >= needed {
            return format!(
                "{} could staff it in {}; the search did not place it within its time",
                ids(p, &free),
                p.rooms[room].id
            );
        }
        let busy: Vec<String> = answers
            .iter()
            .filter(|(w, x)| x.is_err() && working.contains(w))
            .map(|(w, x)| {
                let id = &p.workers[*w].id;
                let doing_then = self.r.activities.iter().find(|a| {
                    a.worker == *w
                        && a.day == m.day
                        && a.span.overlaps(&m.span)
                        && a.kind != ActivityKind::Break
                });
                match (x, doing_then) {
                    (Err(Rejection::Overlap), Some(a)) => format!("{id} {}", doing(p, a)),
                    (Err(r), _) => format!("{id} {}", day_words(*r)),
                    (Ok(()), _) => id.clone(),
                }
            })
            .collect();
        format!(
            "needs {} of the qualified workers working {when}; busy: {}",
            m.staff,
            busy.join(", ")
        )
    }
}

/// What an activity is, in a few words: "home_visit F002 15:00-17:00".
fn doing(p: &Problem, a: &crate::model::Activity) -> String {
    format!("{} {} {}", a.kind.as_str(), super::subject(p, a), a.span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::{self, FA, HOME_A};
    use crate::model::{AvailabilityException, ExceptionKind};

    #[test]
    fn a_broken_rule_is_a_sentence_not_a_label() {
        assert_eq!(
            broken_rule(
                Rule::Skills,
                "W02 2026-11-30 09:00-10:00 home_visit: worker lacks a required skill or is excluded"
            ),
            "W02 2026-11-30 09:00-10:00 home_visit: worker lacks a required skill or is excluded: this breaks the rule on skills and exclusions (rule 8)"
        );
        for rule in [
            Rule::Travel,
            Rule::Daily,
            Rule::Capacity,
            Rule::RemoteCap,
            Rule::Skills,
        ] {
            let words = rule_words(rule);
            assert!(
                !words.contains('[') && !words.contains(rule.label()),
                "{words}"
            );
        }
    }

    /// FA's coverage row with `short` hours of shortfall and `visits` visits, no joint visit.
    fn fa_short(short: f64, visits: u32) -> FamilyRow {
        FamilyRow {
            family: FA,
            in_person_hours: 0.0,
            remote_hours: 0.0,
            meeting_hours: 0.0,
            delivered_hours: 0.0,
            visits,
            joint_visits: 0,
            distinct_workers: 0,
            primary_worker_hours: 0.0,
            shortfall_hours: short,
            reason: String::new(),
        }
    }

    fn nothing_planned() -> Roster {
        Roster {
            activities: Vec::new(),
        }
    }

    /// FA needs the skill `vauva`, which only W2 has.
    fn only_w2_qualifies() -> Problem {
        let mut p = tiny::problem();
        p.families[FA].required_skills = vec!["vauva".into()];
        p.workers[1].skills = vec!["vauva".into()];
        p.rebuild_derived();
        p
    }

    #[test]
    fn a_family_whose_only_qualified_worker_is_absent() {
        let mut p = only_w2_qualifies();
        p.exceptions.extend((0..7).map(|day| AvailabilityException {
            worker: 1,
            day,
            span: None,
            kind: ExceptionKind::Absent,
        }));
        p.rebuild_derived();
        let r = nothing_planned();
        assert_eq!(
            Reasons::new(&Week::new(p.clone()), &r).family(&fa_short(10.0, 0)),
            "10.00 h short: needs skill vauva: W2 has it; family available any time; no qualified worker (W2) works then"
        );
        // With W2 at work, the reason is the search's.
        let p = only_w2_qualifies();
        assert_eq!(
            Reasons::new(&Week::new(p.clone()), &r).family(&fa_short(10.0, 0)),
            "10.00 h short: needs skill vauva: W2 has it; a 60-minute visit by W2 on Mon would still fit; the search did not place it within its time; a 15-minute remote session by W2 on Mon would still fit; the search did not place it within its time"
        );
    }

    #[test]
    fn a_family_whose_skill_no_worker_has() {
        let mut p = only_w2_qualifies();
        p.workers[1].skills.clear();
        let r = nothing_planned();
        assert_eq!(
            Reasons::new(&Week::new(p.clone()), &r).family(&fa_short(10.0, 0)),
            "10.00 h short: needs skills vauva; no worker has them all"
        );
    }

    #[test]
    fn a_family_short_at_its_remote_cap_and_max_visits() {
        let mut p = tiny::problem();
        p.families[FA].max_visits = 1;
        p.families[FA].remote_max_share = Some(0.2);
        // 3 h in person and 0.75 h remote (20 % of 3.75 h): one more 15-minute session would
        // make 1 h of 4 h.
        let r = Roster {
            activities: vec![
                tiny::visit(0, 1, "09:00", "12:00", FA, HOME_A),
                tiny::remote(0, 2, "13:00", "13:45", FA),
            ],
        };
        assert_eq!(
            Reasons::new(&Week::new(p.clone()), &r).family(&fa_short(6.25, 1)),
            "6.25 h short: max_visits 1 reached; remote cap 20 % reached, so more hours need an in-person visit"
        );
    }

    #[test]
    fn a_meeting_whose_room_is_taken() {
        let mut p = tiny::problem();
        // M1 must be in R1, where M2 is held at the same time.
        p.meetings[0].room = Some(0);
        p.meetings[1].span = p.meetings[0].span;
        let mut m2 = tiny::supported(&p, 1, 1);
        m2.room = Some(0);
        let r = Roster {
            activities: vec![m2],
        };
        assert_eq!(
            Reasons::new(&Week::new(p.clone()), &r).meeting(0),
            "no room free 2026-11-30 10:00-12:00: R1 taken by M2 10:00-12:00"
        );
        // In R2 (its own room) M2 leaves R1 free: W1 could staff M1 there, and so could W2
        // (two supported meetings at once at the office are within supported_per_worker).
        let r = Roster {
            activities: vec![tiny::supported(&p, 1, 1)],
        };
        assert_eq!(
            Reasons::new(&Week::new(p.clone()), &r).meeting(0),
            "W1, W2 could staff it in R1; the search did not place it within its time"
        );
    }
}
