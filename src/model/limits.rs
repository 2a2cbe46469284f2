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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_may_receive_a_quarter_hour_more() {
        assert_eq!(most_delivered_hours(6.0), 6.25);
        assert_eq!(most_delivered_hours(0.0), 0.25);
    }
}
