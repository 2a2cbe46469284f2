//! The roster rules that judge one new row against the week so far: **one rule, one file**,
//! each behind the [`RowRule`] trait (as reinterpretcat/vrp keeps one feature per file), and one
//! registry, [`ROW_RULES`], that everything asks. `WeekState::check_add` runs every rule of the
//! registry on every new row before it builds the worker's day (rules 1–4 of the day are
//! `day::check_day`'s) and checks the week's capacity and rest; nothing else decides whether a
//! row may be added, so the greedy, the realization of the MIP, the search, what-if and the
//! reasons of coverage.csv cannot disagree. The reasons and the re-plan's judgement of the past
//! ask the registry for the rules of one [`Scope`] ([`check_scope`]) or, for the past, of some
//! SPEC rules ([`RowRule::spec_rule`]), never a rule by name.
//!
//! To add a rule: a new file here with the rule's function and a unit struct implementing
//! [`RowRule`] (its name, the SPEC rule it enforces, its scope, the MIP constraint group that
//! states it or `RealizationOnly`, and its check, answering a [`Rejection`] whose words are the
//! rejection's), one line in [`ROW_RULES`], a unit test in the file with the case it allows and
//! the case it rejects, bookkeeping in `WeekState::book`/`unbook` if it needs a count, and the
//! checker's own function in `check::rules` (ARCHITECTURE.md "Where a new rule goes").

use super::rejection::Rejection;
use super::state::WeekState;
use crate::model::Activity;

mod contacts_per_day;
mod effort;
mod excluded;
mod family_window;
mod length;
mod max_visits;
mod partner;
mod past;
mod place;
mod remote_cap;
pub mod remote_visit_day;
mod room;
mod skill;
mod staffing;

pub use remote_cap::within_cap;

/// What a rule judges: the reasons ask the rules of one scope to tell "the worker may not" from
/// "the family's week is full".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A re-plan's moment: nothing new before it.
    Moment,
    /// The worker alone, for any row of the family or meeting (skills, exclusions).
    Who,
    /// The row's own shape (its place, partner, length).
    Shape,
    /// When the family can be reached.
    FamilyTime,
    /// A meeting's slot and staff.
    Meeting,
    /// A meeting's room.
    Room,
    /// The family's week (visits of the week, weekly hours, remote cap).
    FamilyWeek,
    /// The family's day (contacts per day).
    FamilyDay,
}

/// Where the assignment MIP states a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mip {
    /// The constraint groups (files of `solve::mip`) that state it.
    Group(&'static str),
    /// The MIP has no times or places: the rule holds when its decisions are realized
    /// through `WeekState`.
    RealizationOnly,
}

/// One rule on one new row.
pub trait RowRule: Sync {
    /// The rule's name (its file's).
    fn name(&self) -> &'static str;
    /// The SPEC rule it enforces (`None`: the re-plan's moment, no roster rule).
    fn spec_rule(&self) -> Option<u8>;
    fn scope(&self) -> Scope;
    fn mip(&self) -> Mip;
    /// `Ok` when the week may take `a`, else the rejection whose words say why.
    fn check(&self, st: &WeekState, a: &Activity) -> Result<(), Rejection>;
}

/// A rule's unit struct and its [`RowRule`] impl from one line: the struct, its name, the SPEC
/// rule, its scope, its MIP group and the function that checks it.
macro_rules! row_rule {
    ($(#[$doc:meta])* $rule:ident: $name:literal, spec $spec:expr, $scope:expr, $mip:expr, $check:ident) => {
        $(#[$doc])*
        pub struct $rule;

        impl super::RowRule for $rule {
            fn name(&self) -> &'static str {
                $name
            }
            fn spec_rule(&self) -> Option<u8> {
                $spec
            }
            fn scope(&self) -> Scope {
                $scope
            }
            fn mip(&self) -> Mip {
                $mip
            }
            fn check(&self, st: &WeekState, a: &Activity) -> Result<(), Rejection> {
                $check(st, a)
            }
        }
    };
}
use row_rule;

/// Every row rule, in the order `check_add` runs them (the first that refuses is the answer:
/// who may do it, then where and when, then the family's week).
pub const ROW_RULES: &[&dyn RowRule] = &[
    &past::Past,
    &skill::Skill,
    &excluded::Excluded,
    &place::Place,
    &partner::Partner,
    &family_window::FamilyWindow,
    &length::Length,
    &staffing::Staffing,
    &room::Room,
    &max_visits::MaxVisits,
    &contacts_per_day::ContactsPerDay,
    &remote_visit_day::RemoteVisitDay,
    &effort::Effort,
    &remote_cap::RemoteCap,
];

/// Runs every row rule on `a`.
pub fn check_row(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    ROW_RULES.iter().try_for_each(|r| r.check(st, a))
}

/// Runs the rules of `scope` on `a`, in the registry's order.
pub fn check_scope(st: &WeekState, a: &Activity, scope: Scope) -> Result<(), Rejection> {
    ROW_RULES
        .iter()
        .filter(|r| r.scope() == scope)
        .try_for_each(|r| r.check(st, a))
}

/// The family a row serves: its own, or its meeting's.
fn family_of(st: &WeekState, a: &Activity) -> Option<usize> {
    a.meeting.map(|m| st.p.meetings[m].family).or(a.family)
}

/// The tiny week of `check::tiny` for the rules' unit tests.
#[cfg(test)]
pub(crate) mod test_week {
    pub(crate) use crate::check::tiny::{self, FA, HOME_A, HOME_B, hm};
    pub(crate) use crate::model::{Activity, ActivityKind, Interval, Week};
    pub(crate) use crate::solve::state::WeekState;

    pub fn week(p: &Week) -> WeekState<'_> {
        WeekState::new(p)
    }

    pub fn visit(start: &str, end: &str) -> Activity {
        tiny::visit(0, 1, start, end, FA, HOME_A)
    }

    pub fn remote(start: &str, end: &str) -> Activity {
        tiny::remote(0, 1, start, end, FA)
    }

    /// Adds `a` through the one check, panicking if it is refused.
    pub fn add(st: &mut WeekState, a: Activity) {
        let plan = st.check_add(a.worker, a.day, &[a]).expect("allowed");
        st.commit(plan, &[a]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_once() {
        let mut names: Vec<&str> = ROW_RULES.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ROW_RULES.len());
    }

    #[test]
    fn the_scopes_the_reasons_ask_hold_the_rules_they_name() {
        let of = |s: Scope| -> Vec<&str> {
            ROW_RULES
                .iter()
                .filter(|r| r.scope() == s)
                .map(|r| r.name())
                .collect()
        };
        assert_eq!(of(Scope::Who), ["skill", "excluded"]);
        assert_eq!(
            of(Scope::FamilyWeek),
            ["max_visits", "effort", "remote_cap"]
        );
        assert_eq!(of(Scope::FamilyTime), ["family_window"]);
        assert_eq!(of(Scope::Room), ["room"]);
    }
}
