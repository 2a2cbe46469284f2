//! Weekly patterns: `Mon-Fri 08:00-16:00|Sat 10:00-14:00`.
//!
//! A pattern is a list of rules, each a set of weekdays with one time span. The text form is
//! parsed in `io::fields`; the model keeps the rules so that a plan can be written back as it
//! was read (the generator relies on that).

use super::time::{DAY_NAMES, Interval, Windows};
use std::fmt;

/// One rule of a weekly pattern: the days (bit `d` set = weekday `d`, Monday = 0) and a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternRule {
    pub days: u8,
    pub span: Interval,
}

/// A weekly pattern of windows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyPattern {
    pub rules: Vec<PatternRule>,
}

impl WeeklyPattern {
    pub fn new(rules: Vec<PatternRule>) -> Self {
        WeeklyPattern { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The merged windows the pattern gives on weekday `day` (Monday = 0).
    pub fn windows_on(&self, day: usize) -> Windows {
        Windows::from_intervals(
            self.rules
                .iter()
                .filter(|r| r.days & (1 << day) != 0)
                .map(|r| r.span)
                .collect(),
        )
    }
}

/// Writes the days of a rule compactly: `Mon-Fri`, `Sat`, `Mon,Wed,Fri`.
pub fn fmt_days(days: u8) -> String {
    let set: Vec<usize> = (0..7).filter(|d| days & (1 << d) != 0).collect();
    if set.len() > 1 && set.windows(2).all(|p| p[1] == p[0] + 1) {
        return format!("{}-{}", DAY_NAMES[set[0]], DAY_NAMES[*set.last().unwrap()]);
    }
    set.iter()
        .map(|&d| DAY_NAMES[d])
        .collect::<Vec<_>>()
        .join(",")
}

impl fmt::Display for WeeklyPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .rules
            .iter()
            .map(|r| format!("{} {}", fmt_days(r.days), r.span))
            .collect();
        f.write_str(&parts.join("|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_on_a_day_merge_the_rules_for_that_day() {
        let p = WeeklyPattern::new(vec![
            PatternRule {
                days: 0b0011111,
                span: Interval::new(480, 960),
            },
            PatternRule {
                days: 0b0000001,
                span: Interval::new(960, 1080),
            },
            PatternRule {
                days: 0b0100000,
                span: Interval::new(600, 840),
            },
        ]);
        assert_eq!(p.windows_on(0).intervals(), &[Interval::new(480, 1080)]);
        assert_eq!(p.windows_on(5).intervals(), &[Interval::new(600, 840)]);
        assert!(p.windows_on(6).is_empty());
        assert_eq!(
            p.to_string(),
            "Mon-Fri 08:00-16:00|Mon 16:00-18:00|Sat 10:00-14:00"
        );
    }

    #[test]
    fn non_contiguous_days_are_written_as_a_list() {
        let p = WeeklyPattern::new(vec![PatternRule {
            days: 0b10101,
            span: Interval::new(0, 60),
        }]);
        assert_eq!(p.to_string(), "Mon,Wed,Fri 00:00-01:00");
    }
}
