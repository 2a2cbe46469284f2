//! One test per validation code: each plants one problem in a valid plan and expects exactly
//! that problem, with its file, line and column, among the reported ones.

mod common;

use caseload::io::{ErrorCode, InputError, load_plan};
use common::{replace, set_line, small_plan};
use std::path::Path;

fn errors_of(dir: &Path) -> Vec<InputError> {
    match load_plan(dir) {
        Ok(_) => Vec::new(),
        Err(e) => e.0,
    }
}

#[test]
fn the_fixture_is_valid() {
    let dir = small_plan();
    let p = load_plan(dir.path()).unwrap_or_else(|e| panic!("fixture invalid:\n{e}"));
    assert_eq!(
        (
            p.workers.len(),
            p.families.len(),
            p.meetings.len(),
            p.rooms.len()
        ),
        (3, 3, 3, 1)
    );
}

struct Case {
    code: ErrorCode,
    file: &'static str,
    line: Option<usize>,
    column: Option<&'static str>,
    plant: fn(&Path),
}

fn cases() -> Vec<Case> {
    let c = |code, file, line, column, plant| Case {
        code,
        file,
        line,
        column,
        plant,
    };
    vec![
        c(ErrorCode::MissingFile, "workers.csv", None, None, |d| {
            std::fs::remove_file(d.join("workers.csv")).unwrap()
        }),
        c(ErrorCode::UnreadableFile, "workers.csv", None, None, |d| {
            std::fs::remove_file(d.join("workers.csv")).unwrap();
            std::os::unix::fs::symlink("nowhere.csv", d.join("workers.csv")).unwrap();
        }),
        c(ErrorCode::NotRegularFile, "workers.csv", None, None, |d| {
            std::fs::remove_file(d.join("workers.csv")).unwrap();
            std::fs::create_dir(d.join("workers.csv")).unwrap();
        }),
        c(ErrorCode::FileTooLarge, "locations.csv", None, None, |d| {
            let f = std::fs::OpenOptions::new()
                .append(true)
                .open(d.join("locations.csv"))
                .unwrap();
            f.set_len(caseload::io::read::CSV_LIMIT + 1).unwrap();
        }),
        c(
            ErrorCode::BadDateFormat,
            "plan.toml",
            Some(3),
            Some("payroll.date_format"),
            |d| {
                std::fs::write(
                    d.join("plan.toml"),
                    "week = \"2026-W49\"\n[payroll]\ndate_format = \"%d.%m.%Y %H:%M\"\n",
                )
                .unwrap()
            },
        ),
        c(
            ErrorCode::YearOutOfRange,
            "plan.toml",
            Some(1),
            Some("week"),
            |d| std::fs::write(d.join("plan.toml"), "week = \"-993-W10\"\n").unwrap(),
        ),
        c(
            ErrorCode::DuplicateColumn,
            "rooms.csv",
            Some(1),
            Some("name"),
            |d| {
                std::fs::write(
                    d.join("rooms.csv"),
                    "id,name,location,available,Name\nR1,Tapaamishuone,U1,,Huone\n",
                )
                .unwrap()
            },
        ),
        c(
            ErrorCode::MisspeltColumn,
            "families.csv",
            Some(1),
            Some("excluded_worker"),
            |d| replace(d, "families.csv", ",excluded_workers", ",excluded_worker"),
        ),
        c(ErrorCode::BadWorkbook, "plan.xlsx", None, None, |d| {
            std::fs::write(d.join("plan.xlsx"), "id,name\n").unwrap()
        }),
        c(ErrorCode::TableTwice, "rooms.csv", None, None, |d| {
            let book = common::workbook::workbook_bytes(&[("rooms", common::ROOMS)]);
            std::fs::write(d.join("plan.xlsx"), book).unwrap()
        }),
        c(
            ErrorCode::ErrorCell,
            "plan.xlsx",
            Some(2),
            Some("weekly_hours"),
            |d| {
                replace(
                    d,
                    "families.csv",
                    "family_rehab_home,6,",
                    "family_rehab_home,#DIV/0!,",
                );
                common::workbook::csv_to_workbook(d);
            },
        ),
        c(ErrorCode::DamagedCell, "plan.xlsx", Some(2), None, |d| {
            // A formula saved without its value: the hours of F001 would read as empty.
            common::workbook::csv_to_workbook(d);
            let bytes = std::fs::read(d.join("plan.xlsx")).unwrap();
            let bytes = common::workbook::replace_cell(
                &bytes,
                "families",
                "C2",
                r#"<c r="C2"><f>2*3</f></c>"#,
            );
            std::fs::write(d.join("plan.xlsx"), bytes).unwrap()
        }),
        c(ErrorCode::MisspeltSheet, "plan.xlsx", None, None, |d| {
            std::fs::remove_file(d.join("rooms.csv")).unwrap();
            let book = common::workbook::workbook_bytes(&[("Roms", common::ROOMS)]);
            std::fs::write(d.join("plan.xlsx"), book).unwrap()
        }),
        c(
            ErrorCode::FormulaStart,
            "workers.csv",
            Some(2),
            Some("id"),
            |d| replace(d, "workers.csv", "W01,Anna", "=W01,Anna"),
        ),
        c(
            ErrorCode::InvisibleCharacter,
            "families.csv",
            Some(2),
            Some("id"),
            |d| replace(d, "families.csv", "F001,family", "F\u{200b}001,family"),
        ),
        // Not UTF-8 is read as Windows-1252 (Finnish Excel's CSV); UTF-16 ("Unicode text")
        // is refused.
        c(ErrorCode::InvalidUtf8, "families.csv", Some(1), None, |d| {
            let text = std::fs::read_to_string(d.join("families.csv")).unwrap();
            let mut b = vec![0xff, 0xfe];
            b.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
            std::fs::write(d.join("families.csv"), b).unwrap();
        }),
        c(
            ErrorCode::ControlCharacter,
            "workers.csv",
            Some(2),
            None,
            |d| replace(d, "workers.csv", "Anna K.", "Anna\u{7} K."),
        ),
        c(
            ErrorCode::MalformedCsv,
            "families.csv",
            Some(3),
            None,
            |d| set_line(d, "families.csv", 3, "F002,lape_open_rehab,5"),
        ),
        c(
            ErrorCode::MissingColumn,
            "locations.csv",
            Some(1),
            Some("lon"),
            |d| set_line(d, "locations.csv", 1, "id,name,lat,lng"),
        ),
        c(ErrorCode::EmptyFile, "rooms.csv", Some(1), None, |d| {
            std::fs::write(d.join("rooms.csv"), "").unwrap()
        }),
        c(
            ErrorCode::MissingValue,
            "workers.csv",
            Some(3),
            Some("contract_hours"),
            |d| {
                replace(
                    d,
                    "workers.csv",
                    "supervision,38.25,,Mon-Fri 10",
                    "supervision,,,Mon-Fri 10",
                )
            },
        ),
        c(
            ErrorCode::BadNumber,
            "families.csv",
            Some(2),
            Some("weekly_hours"),
            |d| {
                replace(
                    d,
                    "families.csv",
                    "family_rehab_home,6,",
                    "family_rehab_home,six,",
                )
            },
        ),
        c(
            ErrorCode::BadTime,
            "meetings.csv",
            Some(2),
            Some("start"),
            |d| replace(d, "meetings.csv", "2026-12-01,16:00", "2026-12-01,25:00"),
        ),
        c(
            ErrorCode::BadDate,
            "meetings.csv",
            Some(3),
            Some("date"),
            |d| replace(d, "meetings.csv", "2026-12-05", "2026-12-32"),
        ),
        c(
            ErrorCode::BadPattern,
            "workers.csv",
            Some(2),
            Some("available"),
            |d| replace(d, "workers.csv", "Mon-Fri 08:00-16:00", "Mon-Fri 8-25"),
        ),
        c(
            ErrorCode::BadRange,
            "families.csv",
            Some(2),
            Some("visit_minutes"),
            |d| replace(d, "families.csv", "60-180", "180-60"),
        ),
        c(
            ErrorCode::BadKind,
            "meetings.csv",
            Some(4),
            Some("kind"),
            |d| replace(d, "meetings.csv", "supported", "visit"),
        ),
        c(
            ErrorCode::OutOfRange,
            "families.csv",
            Some(3),
            Some("remote_max_share"),
            |d| replace(d, "families.csv", ",0.1,", ",1.5,"),
        ),
        c(
            ErrorCode::EndNotAfterStart,
            "meetings.csv",
            Some(2),
            Some("end"),
            |d| replace(d, "meetings.csv", "16:00,17:30", "16:00,15:30"),
        ),
        c(
            ErrorCode::OutsideWeek,
            "meetings.csv",
            Some(2),
            Some("date"),
            |d| replace(d, "meetings.csv", "2026-12-01", "2026-12-08"),
        ),
        c(
            ErrorCode::DuplicateId,
            "workers.csv",
            Some(4),
            Some("id"),
            |d| replace(d, "workers.csv", "W03,", "W02,"),
        ),
        c(
            ErrorCode::UnknownLocation,
            "families.csv",
            Some(4),
            Some("location"),
            |d| replace(d, "families.csv", ",L3,", ",L9,"),
        ),
        c(
            ErrorCode::UnknownWorker,
            "families.csv",
            Some(2),
            Some("primary_worker"),
            |d| replace(d, "families.csv", ",W01,", ",W09,"),
        ),
        c(
            ErrorCode::UnknownFamily,
            "meetings.csv",
            Some(3),
            Some("family_id"),
            |d| replace(d, "meetings.csv", "M2,F002", "M2,F009"),
        ),
        c(
            ErrorCode::UnknownRoom,
            "meetings.csv",
            Some(2),
            Some("room"),
            |d| replace(d, "meetings.csv", ",R1,", ",R9,"),
        ),
        c(
            ErrorCode::PrimaryExcluded,
            "families.csv",
            Some(3),
            Some("primary_worker"),
            |d| replace(d, "families.csv", ",W02,,W03", ",W02,,W03|W02"),
        ),
        c(
            ErrorCode::NoTravelPath,
            "locations.csv",
            Some(5),
            Some("id"),
            |d| {
                std::fs::write(
                    d.join("travel.csv"),
                    "from,to,minutes\nU1,L1,10\nL1,L2,12\n",
                )
                .unwrap()
            },
        ),
        c(
            ErrorCode::NoQualifiedWorker,
            "families.csv",
            Some(4),
            Some("required_skills"),
            |d| replace(d, "families.csv", ",swedish,", ",sign_language,"),
        ),
        c(ErrorCode::TomlSyntax, "plan.toml", Some(2), None, |d| {
            std::fs::write(
                d.join("plan.toml"),
                "week = \"2026-W49\"\nmax_daily_hours = = 9\n",
            )
            .unwrap()
        }),
        c(ErrorCode::TomlValue, "plan.toml", Some(2), None, |d| {
            std::fs::write(
                d.join("plan.toml"),
                "week = \"2026-W49\"\nmax_daily_hours = \"nine\"\n",
            )
            .unwrap()
        }),
        c(
            ErrorCode::BadIsoWeek,
            "plan.toml",
            Some(1),
            Some("week"),
            |d| std::fs::write(d.join("plan.toml"), "week = \"2026-W54\"\n").unwrap(),
        ),
        c(ErrorCode::RoomsRequired, "rooms.csv", None, None, |d| {
            std::fs::remove_file(d.join("rooms.csv")).unwrap()
        }),
        c(
            ErrorCode::MinAboveMax,
            "families.csv",
            Some(4),
            Some("min_visits"),
            |d| {
                replace(
                    d,
                    "families.csv",
                    "family_work,3,L3,,1,3",
                    "family_work,3,L3,,4,3",
                )
            },
        ),
        c(
            ErrorCode::NoQualifiedStaff,
            "meetings.csv",
            Some(3),
            Some("required_skills"),
            |d| {
                set_line(
                    d,
                    "meetings.csv",
                    3,
                    "M2,F002,exchange,2026-12-05,10:00,10:30,,1,sign_language",
                )
            },
        ),
        c(
            ErrorCode::TooLong,
            "workers.csv",
            Some(3),
            Some("name"),
            |d| replace(d, "workers.csv", "Mikko L.", &"M".repeat(201)),
        ),
        c(ErrorCode::NoRows, "families.csv", Some(2), None, |d| {
            let t = std::fs::read_to_string(d.join("families.csv")).unwrap();
            let header = t.lines().next().unwrap().to_string() + "\n";
            std::fs::write(d.join("families.csv"), header).unwrap()
        }),
        // One data row past the SPEC's 200 000: line 200 002 (the header is line 1).
        c(
            ErrorCode::TooManyRows,
            "families.csv",
            Some(200_002),
            None,
            |d| {
                let t = std::fs::read_to_string(d.join("families.csv")).unwrap();
                let mut lines = t.lines();
                let mut text = lines.next().unwrap().to_string() + "\n";
                let row = lines.next().unwrap();
                for _ in 0..200_001 {
                    text.push_str(row);
                    text.push('\n');
                }
                std::fs::write(d.join("families.csv"), text).unwrap()
            },
        ),
    ]
}

#[test]
fn every_code_has_a_case() {
    let covered: std::collections::BTreeSet<ErrorCode> = cases().iter().map(|c| c.code).collect();
    // Codes of the scenarios file, which a plan folder cannot hold: planted in
    // io::scenarios' unit tests and tests/hostile.rs.
    let scenarios_only = [ErrorCode::ScenarioLimit];
    // Codes of a roster read back (evaluate), which a plan folder cannot hold: planted in
    // io::roster's unit tests and tests/evaluate.rs.
    // E048: a replan's past that the plan's data now forbid, planted in tests/replan_cli.rs.
    // E051: a row that repeats another, planted in io::roster's unit tests and
    // tests/hostile_rosters.rs.
    let roster_only = [
        ErrorCode::UnknownMeeting,
        ErrorCode::KindMismatch,
        ErrorCode::PastForbidden,
        ErrorCode::DuplicateRow,
    ];
    for code in ErrorCode::ALL
        .into_iter()
        .filter(|c| !scenarios_only.contains(c) && !roster_only.contains(c))
    {
        assert!(
            covered.contains(&code),
            "no test plants {} {}",
            code.code(),
            code.name()
        );
    }
}

#[test]
fn each_planted_problem_is_reported_with_file_line_and_column() {
    for case in cases() {
        let dir = small_plan();
        (case.plant)(dir.path());
        let errors = errors_of(dir.path());
        let found = errors.iter().any(|e| {
            e.code == case.code
                && e.file == case.file
                && e.line == case.line
                && e.column.as_deref() == case.column.or(e.column.as_deref())
        });
        assert!(
            found,
            "{} {}: expected {}:{:?} column {:?}; got:\n{}",
            case.code.code(),
            case.code.name(),
            case.file,
            case.line,
            case.column,
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        for e in &errors {
            assert!(
                !e.expected.is_empty(),
                "{e} says nothing about what was expected"
            );
        }
    }
}

#[test]
fn problems_in_several_files_are_all_reported_in_one_pass() {
    let dir = small_plan();
    let d = dir.path();
    replace(
        d,
        "families.csv",
        "family_rehab_home,6,",
        "family_rehab_home,six,",
    );
    replace(d, "families.csv", ",L3,", ",L9,");
    replace(d, "workers.csv", "Mon-Fri 08:00-16:00", "Mon-Fri 8-25");
    replace(d, "meetings.csv", "2026-12-01", "2026-12-08");
    replace(d, "meetings.csv", ",R1,", ",R9,");
    let codes: Vec<(ErrorCode, Option<usize>)> =
        errors_of(d).iter().map(|e| (e.code, e.line)).collect();
    for want in [
        (ErrorCode::BadNumber, Some(2)),
        (ErrorCode::UnknownLocation, Some(4)),
        (ErrorCode::BadPattern, Some(2)),
        (ErrorCode::OutsideWeek, Some(2)),
        (ErrorCode::UnknownRoom, Some(2)),
    ] {
        assert!(codes.contains(&want), "missing {want:?} in {codes:?}");
    }
}

#[test]
fn finnish_semicolon_files_with_decimal_commas_and_bom_are_read() {
    let dir = small_plan();
    let d = dir.path();
    let to_finnish = |file: &str| {
        let text = std::fs::read_to_string(d.join(file)).unwrap();
        let converted: String = text
            .lines()
            .map(|l| {
                l.split(',')
                    .map(|f| {
                        if f.parse::<f64>().is_ok() && f.contains('.') {
                            f.replace('.', ",")
                        } else {
                            f.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .collect::<Vec<_>>()
            .join("\r\n");
        std::fs::write(d.join(file), format!("\u{feff}{converted}\r\n")).unwrap();
    };
    for f in [
        "locations.csv",
        "workers.csv",
        "families.csv",
        "rooms.csv",
        "meetings.csv",
        "availability.csv",
        "history.csv",
    ] {
        to_finnish(f);
    }
    let p = load_plan(d).unwrap_or_else(|e| panic!("Finnish CSV rejected:\n{e}"));
    assert_eq!(p.workers[0].contract_hours, 38.25);
    assert!((p.locations[0].lat - 66.503).abs() < 1e-9);
    assert_eq!(p.families[1].remote_max_share, Some(0.1));
}

#[test]
fn availability_rules_shape_the_worker_windows() {
    let dir = small_plan();
    let p = load_plan(dir.path()).unwrap();
    assert!(p.worker_windows[2][2].is_empty(), "W03 absent on Wednesday");
    assert_eq!(
        p.worker_windows[0][3].intervals(),
        &[caseload::model::Interval::new(480, 1080)],
        "W01 extra until 18:00 Thursday"
    );
    assert!(p.holidays[6], "Independence Day 2026-12-06 is a holiday");
    assert_eq!(
        p.history_hours(0),
        caseload::model::Hours {
            in_person: 5.5,
            remote: 0.5
        }
    );
}
