//! The import files of `[payroll] preset`: `payroll_fivaldi.csv` (Visma Fivaldi) and
//! `payroll_procountor.csv` (Procountor), built from the rows of payroll.csv
//! ([`super::payroll::payroll_rows`]), so the hours are the same hours.
//!
//! Their layouts follow the public descriptions cited in docs/FORMAT.md ("Payroll presets"):
//! - Fivaldi: a header row `ERA;PVM;HENKILO;PALKKALAJI;MAARA;SK1;…;LOMA_LOPPUPVM`, one row per
//!   worker, date and pay code; the batch `Palkat dd.mm.yy` of the week's Monday, the date
//!   `DD.MM.YYYY`, the worker's payroll number, the code, the hours; the other columns empty.
//! - Procountor: the salary data specification record, no header row, one `E` row per worker
//!   and pay code with the week's hours (the record has no date: one import is one salary
//!   period): `E;number;code;name;amount;unit price`, name and unit price empty.
//!
//! Both are written with `;`, a decimal comma and two decimals (see `io::output::render_import`).

use super::payroll::{PayRow, payroll_rows};
use crate::model::table::{Cell, DataTable};
use crate::model::{PayCode, PayrollPreset, Problem, Roster};
use std::collections::BTreeMap;

/// A payroll system's import file: its table and whether the file starts with the header row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    pub table: DataTable,
    pub header: bool,
}

/// The file name of a preset's import file.
pub fn file_name(preset: PayrollPreset) -> &'static str {
    match preset {
        PayrollPreset::Fivaldi => "payroll_fivaldi.csv",
        PayrollPreset::Procountor => "payroll_procountor.csv",
    }
}

/// Fivaldi's columns, in order, as the header row names them.
pub const FIVALDI_COLUMNS: [&str; 16] = [
    "ERA",
    "PVM",
    "HENKILO",
    "PALKKALAJI",
    "MAARA",
    "SK1",
    "SK2",
    "SK3",
    "SK4",
    "KERROIN",
    "HINTA",
    "KULUTILI",
    "SELITE",
    "PAIVITYSTAPA",
    "LOMA_ALKUPVM",
    "LOMA_LOPPUPVM",
];

/// Procountor's fields of the `E` record, in order (the file has no header row; these names
/// are for the reader of the code and of docs/FORMAT.md).
pub const PROCOUNTOR_COLUMNS: [&str; 6] = [
    "RIVITYYPPI",
    "HENKILONUMERO",
    "PALKKALAJIN KOODI",
    "PALKKALAJIN NIMI",
    "MAARA",
    "YKSIKKOHINTA",
];

/// The import file of the plan's preset, if it has one.
pub fn import_file(p: &Problem, r: &Roster) -> Option<ImportFile> {
    let preset = p.settings.payroll.preset?;
    let rows = payroll_rows(p, r);
    Some(match preset {
        PayrollPreset::Fivaldi => fivaldi(p, &rows),
        PayrollPreset::Procountor => procountor(p, &rows),
    })
}

/// The worker's payroll number. A plan under a preset has one for every worker (`io::load`
/// requires it, and a what-if scenario with a hire drops the preset); should one be missing,
/// the field stays empty, so that an import refuses the row rather than paying another person.
fn number(p: &Problem, w: usize) -> Cell {
    Cell::text(p.workers[w].payroll_id.clone().unwrap_or_default())
}

fn code(p: &Problem, c: PayCode) -> Cell {
    Cell::text(p.settings.payroll.code_name(c))
}

fn fivaldi(p: &Problem, rows: &[PayRow]) -> ImportFile {
    let mut t = DataTable::new(file_name(PayrollPreset::Fivaldi), &FIVALDI_COLUMNS);
    let batch = format!("Palkat {}", p.settings.week.monday().format("%d.%m.%y"));
    for &(w, d, c, hours) in rows {
        let mut row = vec![
            Cell::text(batch.clone()),
            Cell::date_as(p.settings.week.date(d), "%d.%m.%Y"),
            number(p, w),
            code(p, c),
            Cell::Number(hours),
        ];
        row.resize(FIVALDI_COLUMNS.len(), Cell::text(""));
        t.push(row);
    }
    ImportFile {
        table: t,
        header: true,
    }
}

fn procountor(p: &Problem, rows: &[PayRow]) -> ImportFile {
    let mut t = DataTable::new(file_name(PayrollPreset::Procountor), &PROCOUNTOR_COLUMNS);
    // The week's hours per worker and code, in payroll.csv's order (worker id, then code).
    let mut week: BTreeMap<(&str, PayCode), (usize, f64)> = BTreeMap::new();
    for &(w, _, c, hours) in rows {
        week.entry((p.workers[w].id.as_str(), c))
            .or_insert((w, 0.0))
            .1 += hours;
    }
    for ((_, c), (w, hours)) in week {
        t.push(vec![
            Cell::text("E"),
            number(p, w),
            code(p, c),
            Cell::text(""),
            Cell::Number(hours),
            Cell::text(""),
        ]);
    }
    ImportFile {
        table: t,
        header: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::*;

    fn with_preset(preset: PayrollPreset) -> Problem {
        let mut p = problem();
        p.settings.payroll.preset = Some(preset);
        p.settings.payroll.codes.insert(PayCode::Reg, "1001".into());
        for (i, w) in p.workers.iter_mut().enumerate() {
            w.payroll_id = Some(format!("{}", 100 + i));
        }
        p
    }

    #[test]
    fn no_preset_no_file() {
        let p = problem();
        let r = Roster {
            activities: long_day_with_break(),
        };
        assert_eq!(import_file(&p, &r), None);
    }

    #[test]
    fn fivaldi_rows_are_payroll_rows_with_the_number_and_the_finnish_date() {
        let p = with_preset(PayrollPreset::Fivaldi);
        let r = Roster {
            activities: long_day_with_break(),
        };
        let f = import_file(&p, &r).unwrap();
        assert!(f.header);
        assert_eq!(f.table.file, "payroll_fivaldi.csv");
        let payroll = super::super::payroll::payroll_table(&p, &r);
        assert_eq!(f.table.rows.len(), payroll.rows.len());
        let row = &f.table.rows[0];
        let monday = p.settings.week.monday().format("%d.%m.%y").to_string();
        assert_eq!(row[0], Cell::text(format!("Palkat {monday}")));
        let Cell::Date(d, text) = &row[1] else {
            panic!("{row:?}")
        };
        assert_eq!(text, &d.format("%d.%m.%Y").to_string());
        assert_eq!(row[2], Cell::text("100"));
        assert_eq!(row[3], Cell::text("1001"));
        assert_eq!(row[4], payroll.rows[0][3]);
        assert!(row[5..].iter().all(|c| *c == Cell::text("")));
    }

    #[test]
    fn procountor_sums_the_week_per_worker_and_code_without_a_header() {
        let p = with_preset(PayrollPreset::Procountor);
        let mut acts = long_day_with_break();
        acts.push(remote(0, 2, "09:00", "10:00", FA));
        let r = Roster { activities: acts };
        let f = import_file(&p, &r).unwrap();
        assert!(!f.header);
        let reg: f64 = payroll_rows(&p, &r)
            .iter()
            .filter(|x| x.0 == 0 && x.2 == PayCode::Reg)
            .map(|x| x.3)
            .sum();
        let row = f
            .table
            .rows
            .iter()
            .find(|row| row[2] == Cell::text("1001"))
            .unwrap();
        assert_eq!(row[0], Cell::text("E"));
        assert_eq!(row[1], Cell::text("100"));
        assert_eq!(row[4], Cell::Number(reg));
        assert!((reg - (460.0 / 60.0 + 1.0)).abs() < 1e-9, "{reg}");
    }
}
