//! The SPEC's tolerances and fixed limits, defined once, in the SPEC's units. Every part of the
//! program that compares against one of them — the planner, the MIP, the reasons, what-if and
//! the independent checker — takes it from here, so they cannot drift apart.

/// Rule 6: a family may receive up to this many hours above its `weekly_hours`.
pub const EFFORT_TOLERANCE_HOURS: f64 = 0.25;

/// Rule 6: remote hours may exceed the cap times the delivered hours by this much.
pub const REMOTE_CAP_TOLERANCE_HOURS: f64 = 0.01;

/// Rule 7: the start of a family's visit at least this many minutes after the end of its
/// previous visit on the same day.
pub const VISIT_GAP_MINUTES: u32 = 60;

/// Reports agree with the roster to this many hours (the shared checker's tolerance).
pub const REPORT_TOLERANCE_HOURS: f64 = 0.02;

/// Slack for comparing sums of floating-point hours.
pub const EPS: f64 = 1e-9;

/// Most hours a family with `weekly_hours` may receive in the week (rule 6).
pub fn most_delivered_hours(weekly_hours: f64) -> f64 {
    weekly_hours + EFFORT_TOLERANCE_HOURS
}

/// Rule 6: `remote_hours` stay within the remote cap `cap` of a family that received
/// `in_person_hours` in person (both over the same weeks).
pub fn within_remote_cap(cap: f64, in_person_hours: f64, remote_hours: f64) -> bool {
    remote_hours <= cap * (in_person_hours + remote_hours) + REMOTE_CAP_TOLERANCE_HOURS + EPS
}

/// Rule 6 on a family's week: its remote hours within the cap of its delivered hours within the
/// week, and over the rolling weeks with `history` (which only tightens the cap, never loosens
/// it).
pub fn remote_cap_holds(cap: f64, week: super::Hours, history: super::Hours) -> bool {
    remote_over_cap_hours(cap, week, history) == 0.0
}

/// Remote hours above the cap (rule 6): the larger of the week's excess and the rolling weeks'
/// excess with `history`; 0 when both hold.
pub fn remote_over_cap_hours(cap: f64, week: super::Hours, history: super::Hours) -> f64 {
    let rolling = super::Hours {
        in_person: week.in_person + history.in_person,
        remote: week.remote + history.remote,
    };
    [week, rolling]
        .iter()
        .filter(|h| !within_remote_cap(cap, h.in_person, h.remote))
        .map(|h| h.remote - cap * (h.in_person + h.remote))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_may_receive_a_quarter_hour_more() {
        assert_eq!(most_delivered_hours(6.0), 6.25);
        assert_eq!(most_delivered_hours(0.0), 0.25);
    }

    #[test]
    fn the_remote_cap_holds_within_the_week_and_history_only_tightens_it() {
        let h = |in_person, remote| crate::model::Hours { in_person, remote };
        // 2 h remote of 8 h is 25 %: over a 20 % cap by 0.4 h, however much in-person history.
        assert!(!remote_cap_holds(0.2, h(6.0, 2.0), h(30.0, 0.0)));
        assert!((remote_over_cap_hours(0.2, h(6.0, 2.0), h(30.0, 0.0)) - 0.4).abs() < 1e-9);
        // 1 h of 5 h is 20 %: holds alone, but not after 3 remote hours in history (4 of 8).
        assert!(remote_cap_holds(0.2, h(4.0, 1.0), h(0.0, 0.0)));
        assert!(!remote_cap_holds(0.2, h(4.0, 1.0), h(0.0, 3.0)));
        assert!((remote_over_cap_hours(0.2, h(4.0, 1.0), h(0.0, 3.0)) - 2.4).abs() < 1e-9);
        // Within the tolerance of 0.01 h.
        assert!(remote_cap_holds(0.2, h(4.0, 1.005), h(0.0, 0.0)));
    }
}
