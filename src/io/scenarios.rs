//! The scenarios file of `caseload whatif` (TOML, SPEC "scenarios file"): read and checked
//! against the plan in one pass, every problem with its line, into [`Scenario`]s.

use super::error::{ErrorCode, InputError, InputErrors};
use super::fields::parse_date;
use super::plan_toml::parse_toml;
use super::table::line_at;
use crate::model::{Absence, Copies, HoursChange, Problem, Scenario};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    scenario: Option<Vec<ScenarioToml>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioToml {
    name: Spanned<String>,
    absent: Option<Vec<Spanned<AbsentToml>>>,
    remove_workers: Option<Vec<Spanned<String>>>,
    add_workers: Option<Vec<Spanned<LikeToml>>>,
    add_families: Option<Vec<Spanned<LikeToml>>>,
    worker_hours: Option<Vec<Spanned<HoursToml>>>,
    remote_max_share: Option<Spanned<f64>>,
    scale_demand: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AbsentToml {
    worker: String,
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LikeToml {
    like: String,
    count: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursToml {
    worker: String,
    contract_hours: Option<f64>,
    capacity_hours: Option<f64>,
}

/// Most copies one entry may add (a typo guard, not a planning limit).
pub const MAX_COUNT: i64 = 1000;

/// Most scenarios in one file: each is a full plan of the week.
pub const MAX_SCENARIOS: usize = 100;

/// Most families added over all scenarios of one file (every entry of every scenario summed):
/// entries that each stay within [`MAX_COUNT`] cannot together plan thousands of families.
pub const MAX_ADDED_FAMILIES: i64 = 500;

/// Most workers added over all scenarios of one file.
pub const MAX_ADDED_WORKERS: i64 = 200;

struct Cx<'a> {
    file: &'a str,
    text: &'a str,
    p: &'a Problem,
    errors: Vec<InputError>,
}

impl Cx<'_> {
    fn fail(&mut self, code: ErrorCode, at: usize, key: &str, value: &str, expected: &str) {
        self.errors.push(
            InputError::new(code, self.file, expected)
                .at_line(line_at(self.text.as_bytes(), at))
                .in_column(key)
                .with_value(value),
        );
    }

    fn worker(&mut self, id: &str, at: usize, key: &str) -> Option<usize> {
        let w = self.p.workers.iter().position(|w| w.id == id);
        if w.is_none() {
            self.fail(
                ErrorCode::UnknownWorker,
                at,
                key,
                id,
                "the id of a worker in workers.csv",
            );
        }
        w
    }

    fn like(&mut self, v: &Spanned<LikeToml>, families: bool) -> Option<Copies> {
        let at = v.span().start;
        let l = v.get_ref();
        let idx = if families {
            let f = self.p.families.iter().position(|f| f.id == l.like);
            if f.is_none() {
                self.fail(
                    ErrorCode::UnknownFamily,
                    at,
                    "add_families.like",
                    &l.like,
                    "the id of a family in families.csv",
                );
            }
            f
        } else {
            self.worker(&l.like, at, "add_workers.like")
        };
        let count = l.count.unwrap_or(1);
        if !(1..=MAX_COUNT).contains(&count) {
            let key = if families {
                "add_families.count"
            } else {
                "add_workers.count"
            };
            self.fail(
                ErrorCode::OutOfRange,
                at,
                key,
                &count.to_string(),
                &format!("a whole number from 1 to {MAX_COUNT}"),
            );
            return None;
        }
        idx.map(|like| Copies {
            like,
            count: count as u32,
        })
    }

    /// `v` when `ok` accepts it; otherwise records an out-of-range problem and gives `None`.
    fn ranged(
        &mut self,
        v: Option<f64>,
        at: usize,
        key: &str,
        ok: impl Fn(f64) -> bool,
        expected: &str,
    ) -> Option<f64> {
        match v {
            Some(x) if !ok(x) => {
                self.fail(ErrorCode::OutOfRange, at, key, &x.to_string(), expected);
                None
            }
            other => other,
        }
    }

    /// Hours within `0..=max`, the range the same column has in the plan's CSV files, so a
    /// scenario's own plan folder always passes `check`.
    fn hours(&mut self, v: Option<f64>, at: usize, key: &str, max: f64) -> Option<f64> {
        let ok = |h: f64| (0.0..=max).contains(&h);
        self.ranged(v, at, key, ok, &format!("hours from 0 to {max}"))
    }

    fn scenario(&mut self, s: &ScenarioToml) -> Scenario {
        let mut out = Scenario {
            name: s.name.get_ref().trim().to_string(),
            ..Scenario::default()
        };
        if out.name.is_empty() {
            self.fail(
                ErrorCode::MissingValue,
                s.name.span().start,
                "name",
                "",
                "a name for the scenario",
            );
        } else if let Err(p) = super::text::check_name("a scenario name", s.name.get_ref()) {
            let name = s.name.get_ref().clone();
            self.fail(p.code, s.name.span().start, "name", &name, &p.expected);
        }
        for a in s.absent.iter().flatten() {
            let at = a.span().start;
            let Some(w) = self.worker(&a.get_ref().worker, at, "absent.worker") else {
                continue;
            };
            let day = match &a.get_ref().date {
                None => None,
                Some(d) => match parse_date(d) {
                    Ok(date) => match self.p.settings.week.day_of(date) {
                        Some(day) => Some(day),
                        None => {
                            self.fail(
                                ErrorCode::OutsideWeek,
                                at,
                                "absent.date",
                                d,
                                &format!("a date of the planned week {}", self.p.settings.week),
                            );
                            continue;
                        }
                    },
                    Err(expected) => {
                        self.fail(ErrorCode::BadDate, at, "absent.date", d, expected);
                        continue;
                    }
                },
            };
            out.absent.push(Absence { worker: w, day });
        }
        for id in s.remove_workers.iter().flatten() {
            if let Some(w) = self.worker(id.get_ref(), id.span().start, "remove_workers") {
                out.remove_workers.push(w);
            }
        }
        for v in s.add_workers.iter().flatten() {
            out.add_workers.extend(self.like(v, false));
        }
        for v in s.add_families.iter().flatten() {
            out.add_families.extend(self.like(v, true));
        }
        for v in s.worker_hours.iter().flatten() {
            let at = v.span().start;
            let h = v.get_ref();
            let w = self.worker(&h.worker, at, "worker_hours.worker");
            let contract = self.hours(h.contract_hours, at, "worker_hours.contract_hours", 80.0);
            let capacity = self.hours(h.capacity_hours, at, "worker_hours.capacity_hours", 100.0);
            if let Some(worker) = w {
                out.worker_hours.push(HoursChange {
                    worker,
                    contract_hours: contract,
                    capacity_hours: capacity,
                });
            }
        }
        let spanned = |v: &Option<Spanned<f64>>| v.as_ref().map(|x| (*x.get_ref(), x.span().start));
        if let Some((x, at)) = spanned(&s.remote_max_share) {
            let ok = |x: f64| (0.0..=1.0).contains(&x);
            out.remote_max_share = self.ranged(
                Some(x),
                at,
                "remote_max_share",
                ok,
                "a share from 0 to 1 (0.2 = 20 %)",
            );
        }
        if let Some((x, at)) = spanned(&s.scale_demand) {
            // Scaled hours stay within the 100 h a family may have in families.csv.
            let most = self
                .p
                .families
                .iter()
                .map(|f| f.weekly_hours)
                .fold(0.0, f64::max);
            let top = if most > 0.0 {
                (100.0 / most).min(10.0)
            } else {
                10.0
            };
            let ok = |x: f64| x > 0.0 && x <= top;
            let expected = if top < 10.0 {
                format!(
                    "a factor above 0 and at most {top:.2} (a family has {most} h a week, and families.csv allows at most 100 h)"
                )
            } else {
                "a factor above 0 and at most 10 (1.1 = 10 % more)".to_string()
            };
            out.scale_demand = self.ranged(Some(x), at, "scale_demand", ok, &expected);
        }
        out
    }
}

/// Reads the scenarios in `text` (named `file` in messages) against the plan `p`; every
/// problem is reported, with its line.
pub fn parse_scenarios(file: &str, text: &str, p: &Problem) -> Result<Vec<Scenario>, InputErrors> {
    let mut errors = Vec::new();
    let Some(raw) = parse_toml::<FileToml>(file, text, &mut errors) else {
        return Err(InputErrors(errors));
    };
    let mut cx = Cx {
        file,
        text,
        p,
        errors,
    };
    let list = raw.scenario.unwrap_or_default();
    if list.is_empty() {
        cx.errors.push(
            InputError::new(
                ErrorCode::EmptyFile,
                file,
                "at least one [[scenario]] with a name",
            )
            .at_line(1),
        );
    }
    if list.len() > MAX_SCENARIOS {
        let name = &list[MAX_SCENARIOS].name;
        cx.fail(
            ErrorCode::ScenarioLimit,
            name.span().start,
            "scenario",
            &list.len().to_string(),
            &format!(
                "at most {MAX_SCENARIOS} scenarios in one file (each is planned in full); split the file"
            ),
        );
    }
    // Totals over the whole file, where each entry alone may be within its limit.
    let mut totals = [(0i64, None), (0i64, None)];
    let mut out: Vec<Scenario> = Vec::new();
    for s in &list {
        for (k, entries) in [&s.add_families, &s.add_workers].into_iter().enumerate() {
            let limit = [MAX_ADDED_FAMILIES, MAX_ADDED_WORKERS][k];
            for v in entries.iter().flatten() {
                let count = v.get_ref().count.unwrap_or(1);
                if (1..=MAX_COUNT).contains(&count) {
                    totals[k].0 += count;
                    if totals[k].0 > limit && totals[k].1.is_none() {
                        totals[k].1 = Some(v.span().start);
                    }
                }
            }
        }
        let sc = cx.scenario(s);
        if out.iter().any(|o| o.name == sc.name) {
            cx.fail(
                ErrorCode::DuplicateId,
                s.name.span().start,
                "name",
                &sc.name,
                "a scenario name not used before in the file",
            );
        }
        out.push(sc);
    }
    for (k, (total, at)) in totals.into_iter().enumerate() {
        let Some(at) = at else { continue };
        let (key, what, limit) = [
            ("add_families.count", "families", MAX_ADDED_FAMILIES),
            ("add_workers.count", "workers", MAX_ADDED_WORKERS),
        ][k];
        cx.fail(
            ErrorCode::ScenarioLimit,
            at,
            key,
            &total.to_string(),
            &format!(
                "at most {limit} added {what} over all scenarios of the file together (this file adds {total}; the limit is passed here)"
            ),
        );
    }
    if cx.errors.is_empty() {
        Ok(out)
    } else {
        Err(InputErrors(cx.errors))
    }
}

/// Reads the scenarios file at `path`.
pub fn read_scenarios(path: &std::path::Path, p: &Problem) -> Result<Vec<Scenario>, InputErrors> {
    use super::read::{ReadFailure, TOML_LIMIT, read_limited};
    let file = path.display().to_string();
    let bytes = read_limited(path, &file, TOML_LIMIT).map_err(|e| {
        InputErrors(vec![match e {
            ReadFailure::NotFound => InputError::new(
                ErrorCode::MissingFile,
                &file,
                "a scenarios file in TOML (no such file)",
            ),
            ReadFailure::Unusable(e) => *e,
        }])
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = line_at(e.as_bytes(), e.utf8_error().valid_up_to());
        InputErrors(vec![
            InputError::new(ErrorCode::InvalidUtf8, &file, "UTF-8 text").at_line(line),
        ])
    })?;
    parse_scenarios(&file, &text, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenOptions, generate};

    #[test]
    fn the_spec_example_reads() {
        let p = generate(&GenOptions::new(4, 6, 1));
        let (w, f) = (&p.workers[2].id, &p.families[0].id);
        let text = format!(
            "[[scenario]]\nname = \"baseline\"\n\n[[scenario]]\nname = \"sick\"\nabsent = [{{ worker = \"{w}\" }}, {{ worker = \"{w}\", date = \"2026-12-01\" }}]\n\n[[scenario]]\nname = \"more\"\nadd_families = [{{ like = \"{f}\", count = 5 }}]\nadd_workers = [{{ like = \"{w}\" }}]\nremote_max_share = 0.10\nscale_demand = 1.10\nworker_hours = [{{ worker = \"{w}\", capacity_hours = 20 }}]\nremove_workers = [\"{w}\"]\n"
        );
        let s = parse_scenarios("s.toml", &text, &p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[1].absent,
            vec![
                Absence {
                    worker: 2,
                    day: None
                },
                Absence {
                    worker: 2,
                    day: Some(1)
                }
            ]
        );
        assert_eq!(s[2].add_families, vec![Copies { like: 0, count: 5 }]);
        assert_eq!(s[2].add_workers, vec![Copies { like: 2, count: 1 }]);
        assert_eq!(s[2].remote_max_share, Some(0.10));
        assert_eq!(s[2].scale_demand, Some(1.10));
        assert_eq!(s[2].remove_workers, vec![2]);
        assert_eq!(s[2].worker_hours[0].capacity_hours, Some(20.0));
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let p = generate(&GenOptions::new(4, 6, 1));
        let text = "[[scenario]]\nname = \"a\"\nabsent = [{ worker = \"W99\" }]\n\n[[scenario]]\nname = \"a\"\nadd_families = [{ like = \"F999\", count = 0 }]\nscale_demand = -1\nremote_max_share = 1.5\nabsent = [{ worker = \"W01\", date = \"2027-01-01\" }]\n";
        let e = parse_scenarios("s.toml", text, &p).unwrap_err().0;
        let got: Vec<(ErrorCode, Option<usize>)> = e.iter().map(|e| (e.code, e.line)).collect();
        for want in [
            (ErrorCode::UnknownWorker, Some(3)),
            (ErrorCode::UnknownFamily, Some(7)),
            (ErrorCode::OutOfRange, Some(7)),
            (ErrorCode::OutOfRange, Some(8)),
            (ErrorCode::OutOfRange, Some(9)),
            (ErrorCode::OutsideWeek, Some(10)),
            (ErrorCode::DuplicateId, Some(6)),
        ] {
            assert!(got.contains(&want), "{want:?} missing in {got:?}");
        }
    }

    #[test]
    fn changed_hours_stay_within_the_ranges_of_the_plan_files() {
        let p = generate(&GenOptions::new(4, 6, 1));
        let most = p
            .families
            .iter()
            .map(|f| f.weekly_hours)
            .fold(0.0, f64::max);
        let over = 100.0 / most + 0.01;
        let text = format!(
            "[[scenario]]\nname = \"a\"\nworker_hours = [{{ worker = \"W01\", contract_hours = 81 }}]\n\n[[scenario]]\nname = \"b\"\nscale_demand = {over}\n\n[[scenario]]\nname = \"c\"\nworker_hours = [{{ worker = \"W01\", contract_hours = 80, capacity_hours = 100 }}]\nscale_demand = {}\n",
            100.0 / most
        );
        let e = parse_scenarios("s.toml", &text, &p).unwrap_err().0;
        let got: Vec<(ErrorCode, Option<usize>)> = e.iter().map(|e| (e.code, e.line)).collect();
        assert_eq!(
            got,
            [
                (ErrorCode::OutOfRange, Some(3)),
                (ErrorCode::OutOfRange, Some(7))
            ],
            "{e:?}"
        );
    }

    #[test]
    fn totals_over_the_file_are_bounded() {
        let p = generate(&GenOptions::new(4, 6, 1));
        let f = &p.families[0].id;
        let mut text = String::new();
        for i in 0..3 {
            text += &format!(
                "[[scenario]]\nname = \"s{i}\"\nadd_families = [{{ like = \"{f}\", count = 200 }}]\n"
            );
        }
        let e = parse_scenarios("s.toml", &text, &p).unwrap_err().0;
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code, ErrorCode::ScenarioLimit);
        assert_eq!(e[0].value.as_deref(), Some("600"));
        assert_eq!(e[0].line, Some(9));
        let text: String = (0..=MAX_SCENARIOS)
            .map(|i| format!("[[scenario]]\nname = \"s{i}\"\n"))
            .collect();
        let e = parse_scenarios("s.toml", &text, &p).unwrap_err().0;
        assert_eq!(e[0].code, ErrorCode::ScenarioLimit);
        let text: String = (0..MAX_SCENARIOS)
            .map(|i| format!("[[scenario]]\nname = \"s{i}\"\n"))
            .collect();
        assert!(parse_scenarios("s.toml", &text, &p).is_ok());
    }

    #[test]
    fn unknown_keys_and_broken_toml_are_errors() {
        let p = generate(&GenOptions::new(4, 6, 1));
        for (text, code) in [
            (
                "[[scenario]]\nname = \"a\"\nabsnt = []\n",
                ErrorCode::TomlValue,
            ),
            ("[[scenario]\nname = \"a\"\n", ErrorCode::TomlSyntax),
            ("", ErrorCode::EmptyFile),
        ] {
            let e = parse_scenarios("s.toml", text, &p).unwrap_err().0;
            assert_eq!(e[0].code, code, "{text:?}: {e:?}");
        }
    }
}
