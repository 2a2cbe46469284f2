//! The tables of a plan folder and their columns, and the SPEC's rule for a column (or sheet)
//! name that is probably a misspelt known one.

/// One table of a plan: its CSV file, its sheet in a workbook, and its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    /// The CSV file, e.g. `families.csv`.
    pub file: &'static str,
    /// The sheet of a workbook plan, e.g. `families`.
    pub sheet: &'static str,
    /// Columns the header must have.
    pub required: &'static [&'static str],
    /// Columns it may have.
    pub optional: &'static [&'static str],
}

impl Schema {
    /// Every column the table knows, required ones first.
    pub fn columns(&self) -> impl Iterator<Item = &'static str> {
        self.required.iter().chain(self.optional).copied()
    }

    pub fn knows(&self, column: &str) -> bool {
        self.columns().any(|c| c == column)
    }
}

pub const WORKERS: Schema = Schema {
    file: "workers.csv",
    sheet: "workers",
    required: &["id", "name", "contract_hours", "available", "base"],
    optional: &["skills", "capacity_hours", "hourly_wage", "payroll_id"],
};

pub const FAMILIES: Schema = Schema {
    file: "families.csv",
    sheet: "families",
    required: &["id", "service", "weekly_hours", "location"],
    optional: &[
        "available",
        "min_visits",
        "max_visits",
        "visit_minutes",
        "remote_minutes",
        "remote_max_share",
        "joint_visits",
        "max_visits_per_day",
        "primary_worker",
        "required_skills",
        "excluded_workers",
        "children",
        "commitment",
    ],
};

/// `prices.csv` (optional, read by `caseload month` from each week's plan folder): hourly
/// prices per service and channel for `invoice.csv`.
pub const PRICES: Schema = Schema {
    file: "prices.csv",
    sheet: "prices",
    required: &["service", "channel", "euros_per_hour"],
    optional: &[],
};

pub const LOCATIONS: Schema = Schema {
    file: "locations.csv",
    sheet: "locations",
    required: &["id", "name", "lat", "lon"],
    optional: &[],
};

pub const MEETINGS: Schema = Schema {
    file: "meetings.csv",
    sheet: "meetings",
    required: &["id", "family_id", "kind", "date", "start", "end"],
    optional: &["room", "staff", "required_skills"],
};

pub const ROOMS: Schema = Schema {
    file: "rooms.csv",
    sheet: "rooms",
    required: &["id", "name", "location"],
    optional: &["available"],
};

pub const AVAILABILITY: Schema = Schema {
    file: "availability.csv",
    sheet: "availability",
    required: &["worker_id", "date", "start", "end", "kind"],
    optional: &[],
};

pub const TRAVEL: Schema = Schema {
    file: "travel.csv",
    sheet: "travel",
    required: &["from", "to", "minutes"],
    optional: &[],
};

pub const HISTORY: Schema = Schema {
    file: "history.csv",
    sheet: "history",
    required: &["family_id", "week", "in_person_hours", "remote_hours"],
    optional: &[],
};

pub const APPOINTMENTS: Schema = Schema {
    file: "appointments.csv",
    sheet: "appointments",
    required: &["family_id", "date", "start", "end", "kind"],
    optional: &["worker_id", "partner_worker_id", "lock"],
};

/// A roster as caseload writes it (`roster.csv`), read back by [`super::roster`]; no table of a
/// plan folder. Columns a row's kind does not use may be left out of the header, and so may
/// `source` (a roster written before the column, or made by hand).
pub const ROSTER: Schema = Schema {
    file: "roster.csv",
    sheet: "roster",
    required: &["date", "start", "end", "worker_id", "kind"],
    optional: &[
        "family_id",
        "meeting_id",
        "partner_worker_id",
        "room_id",
        "location_id",
        "source",
    ],
};

/// Every table of a plan folder, in the order they are read.
pub const ALL: [&Schema; 9] = [
    &LOCATIONS,
    &WORKERS,
    &FAMILIES,
    &MEETINGS,
    &ROOMS,
    &AVAILABILITY,
    &TRAVEL,
    &HISTORY,
    &APPOINTMENTS,
];

/// The name without case, spaces, `_` and `-`.
fn normal(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The name without one plural `s`.
fn singular(s: &[char]) -> &[char] {
    s.strip_suffix(&['s']).unwrap_or(s)
}

/// The known name that `found` is probably a misspelling of, by the SPEC's rule: the same
/// letters apart from case, spaces, `_`/`-` and a plural `s`, or one letter different
/// (Damerau–Levenshtein: an insertion, deletion, substitution or swap) in a name of up to five
/// letters and two in a longer one. The closest wins (the first of equals). A name that is
/// exactly a known one is no misspelling.
pub fn probably_meant<'a>(
    found: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // No known name is near this long; junk headers are not compared letter by letter.
    if found.len() > 100 {
        return None;
    }
    let f = normal(found);
    let f = singular(&f);
    let mut best: Option<(usize, &'a str)> = None;
    for k in known {
        if k.eq_ignore_ascii_case(found.trim()) {
            return None;
        }
        let kn = normal(k);
        let kn = singular(&kn);
        let allowed = if kn.len() <= 5 { 1 } else { 2 };
        // Lengths that differ by more than the allowance cannot be within it.
        if f.len().abs_diff(kn.len()) > allowed {
            continue;
        }
        let d = strsim::generic_damerau_levenshtein(f, kn);
        if d <= allowed && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appointments_columns_are_the_models_in_order() {
        let cols: Vec<&str> = APPOINTMENTS.columns().collect();
        assert_eq!(cols, crate::model::pins::APPOINTMENT_COLUMNS);
    }

    #[test]
    fn misspellings_of_the_spec_are_found_and_others_are_not() {
        let fam = || FAMILIES.columns();
        for (found, meant) in [
            ("excluded_worker", "excluded_workers"),
            ("primary worker", "primary_worker"),
            ("Primary-Worker", "primary_worker"),
            ("PrimaryWorkers", "primary_worker"),
            ("exluded_workers", "excluded_workers"),
            ("excluded_wrokers", "excluded_workers"),
            ("required_skils", "required_skills"),
            ("weekly_hour", "weekly_hours"),
            ("wekly_hour", "weekly_hours"),
            ("locaton", "location"),
            ("ids", "id"),
            ("ID s", "id"),
            ("servcie", "service"),
            ("max visits per day", "max_visits_per_day"),
        ] {
            assert_eq!(probably_meant(found, fam()), Some(meant), "{found:?}");
        }
        for other in [
            "notes",
            "comment",
            "family name",
            "phone",
            "excluded",
            "weekly",
            "availability",
            "",
            "_",
            "wkly_hrs",
            "id",
            "excluded_workers",
        ] {
            assert_eq!(probably_meant(other, fam()), None, "{other:?}");
        }
        // Five letters or fewer: one letter.
        assert_eq!(probably_meant("lat", LOCATIONS.columns()), None);
        assert_eq!(probably_meant("latt", LOCATIONS.columns()), Some("lat"));
        assert_eq!(probably_meant("nmae", LOCATIONS.columns()), Some("name"));
        assert_eq!(probably_meant("note", WORKERS.columns()), None);
        assert_eq!(probably_meant("staf", MEETINGS.columns()), Some("staff"));
        assert_eq!(probably_meant("stuff", MEETINGS.columns()), Some("staff"));
        assert_eq!(probably_meant("status", MEETINGS.columns()), None);
        // Sheets.
        let sheets = || ALL.iter().map(|s| s.sheet);
        assert_eq!(probably_meant("Famillies", sheets()), Some("families"));
        assert_eq!(probably_meant("worker", sheets()), Some("workers"));
        assert_eq!(probably_meant("notes", sheets()), None);
        assert_eq!(probably_meant("Sheet1", sheets()), None);
    }

    #[test]
    fn a_huge_header_is_not_compared_letter_by_letter() {
        let long = "excluded_workers".repeat(100_000);
        let t = std::time::Instant::now();
        for _ in 0..1000 {
            assert_eq!(probably_meant(&long, FAMILIES.columns()), None);
        }
        assert!(t.elapsed().as_secs_f64() < 1.0);
        assert_eq!(probably_meant(" ID ", LOCATIONS.columns()), None);
    }
}
