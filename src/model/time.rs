//! Minutes of the day, intervals and sets of intervals.
//!
//! Everything in a week is planned in whole minutes from midnight (`0..=1440`) on one of the
//! seven days of the planned ISO week. Whole minutes are what a roster shows (`HH:MM`), so
//! computing in them avoids rounding disagreements between the plan and its reports.

use std::fmt;

/// Minutes in a day; `24:00` is written as this value.
pub const DAY_MINUTES: u32 = 1440;

/// The seven day names used in weekly patterns, Monday first (ISO order).
pub const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A half-open span `[start, end)` of minutes within one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub start: u32,
    pub end: u32,
}

impl Interval {
    pub fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end, "interval {start}..{end} is reversed");
        Interval { start, end }
    }

    pub fn minutes(&self) -> u32 {
        self.end - self.start
    }

    pub fn hours(&self) -> f64 {
        f64::from(self.minutes()) / 60.0
    }

    /// True when the two spans share at least one minute.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Minutes shared with `other`.
    pub fn overlap_minutes(&self, other: &Interval) -> u32 {
        let s = self.start.max(other.start);
        let e = self.end.min(other.end);
        e.saturating_sub(s)
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", fmt_hm(self.start), fmt_hm(self.end))
    }
}

/// Formats minutes from midnight as `HH:MM` (1440 becomes `24:00`).
pub fn fmt_hm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A sorted set of disjoint, non-touching intervals: the windows in which something may happen
/// on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Windows(Vec<Interval>);

impl Windows {
    pub fn empty() -> Self {
        Windows(Vec::new())
    }

    /// The whole day, `00:00-24:00`.
    pub fn all_day() -> Self {
        Windows(vec![Interval::new(0, DAY_MINUTES)])
    }

    /// Builds the set from any intervals, merging overlapping and touching ones.
    pub fn from_intervals(mut spans: Vec<Interval>) -> Self {
        spans.retain(|s| s.end > s.start);
        spans.sort();
        let mut out: Vec<Interval> = Vec::with_capacity(spans.len());
        for s in spans {
            match out.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        Windows(out)
    }

    pub fn intervals(&self) -> &[Interval] {
        &self.0
    }

    /// Minutes the windows cover (they are merged, so overlaps count once).
    pub fn minutes(&self) -> u32 {
        self.0.iter().map(Interval::minutes).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when `span` lies inside one window (windows are merged, so that is the right test).
    pub fn contains(&self, span: &Interval) -> bool {
        self.0.iter().any(|w| w.contains(span))
    }

    /// Adds a window.
    pub fn add(&mut self, span: Interval) {
        let mut all = std::mem::take(&mut self.0);
        all.push(span);
        *self = Windows::from_intervals(all);
    }

    /// Removes a span from every window.
    pub fn subtract(&mut self, span: &Interval) {
        let mut out = Vec::with_capacity(self.0.len() + 1);
        for w in &self.0 {
            if !w.overlaps(span) {
                out.push(*w);
                continue;
            }
            if w.start < span.start {
                out.push(Interval::new(w.start, span.start));
            }
            if span.end < w.end {
                out.push(Interval::new(span.end, w.end));
            }
        }
        self.0 = out;
    }

    /// The intersection of two window sets.
    pub fn intersect(&self, other: &Windows) -> Windows {
        let mut out = Vec::new();
        for a in &self.0 {
            for b in &other.0 {
                let s = a.start.max(b.start);
                let e = a.end.min(b.end);
                if s < e {
                    out.push(Interval::new(s, e));
                }
            }
        }
        Windows::from_intervals(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(s: u32, e: u32) -> Interval {
        Interval::new(s, e)
    }

    #[test]
    fn merging_joins_overlapping_and_touching_windows() {
        let w =
            Windows::from_intervals(vec![iv(600, 700), iv(480, 600), iv(800, 900), iv(850, 950)]);
        assert_eq!(w.intervals(), &[iv(480, 700), iv(800, 950)]);
    }

    #[test]
    fn subtract_splits_a_window() {
        let mut w = Windows::from_intervals(vec![iv(480, 960)]);
        w.subtract(&iv(600, 660));
        assert_eq!(w.intervals(), &[iv(480, 600), iv(660, 960)]);
        w.subtract(&iv(0, 1440));
        assert!(w.is_empty());
    }

    #[test]
    fn contains_needs_one_window_to_hold_the_span() {
        let w = Windows::from_intervals(vec![iv(480, 600), iv(660, 960)]);
        assert!(w.contains(&iv(480, 600)));
        assert!(!w.contains(&iv(590, 670)));
    }

    #[test]
    fn intersection_and_formatting() {
        let a = Windows::from_intervals(vec![iv(480, 960)]);
        let b = Windows::from_intervals(vec![iv(900, 1440)]);
        assert_eq!(a.intersect(&b).intervals(), &[iv(900, 960)]);
        assert_eq!(iv(900, 1440).to_string(), "15:00-24:00");
    }
}
