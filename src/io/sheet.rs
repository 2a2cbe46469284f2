//! A plan's tables from an Excel workbook, `plan.xlsx`: each sheet named like a table
//! (`workers`, `families`, ...) becomes the same [`Table`] the CSV reader gives, every typed cell
//! rendered as the text a CSV file would hold (a date `YYYY-MM-DD`, a time `HH:MM`, a number in
//! plain decimals), so that all validation is shared. Rows are the sheet's rows and problems
//! name the sheet, the row and the column's letter and header.
//!
//! A workbook is untrusted input like a CSV file: it is read only as a regular file within
//! [`XLSX_LIMIT`], what it unpacks to is measured before calamine reads it
//! ([`UNPACKED_LIMIT`]), and so is what its parts declare and hold ([`scan`]: an OLE2 file —
//! an encrypted workbook, an old `.xls` — is never given to calamine; the shared strings are
//! counted, within [`scan::SHARED_STRINGS_LIMIT`]; each plan sheet's cells are checked for
//! damage calamine would read silently). A sheet holds at most [`CELL_LIMIT`] cells, and a
//! damaged file, or a reader that fails on it, is a problem of the input (exit 2), never a
//! crash.

use super::error::{ErrorCode, InputError};
use super::schema::{self, Schema, probably_meant};
use super::table::{Row, Table, Unusable, column_letters};
use calamine::{DataRef, ExcelDateTime, Reader, SheetVisible, Xlsx};
use scan::{HINT, Ole2, Package, Refusal};
use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::Path;

pub mod scan;

/// The workbook of a plan folder.
pub const FILE: &str = "plan.xlsx";

/// Most bytes of `plan.xlsx` on disk (see [`super::limits`]).
pub const XLSX_LIMIT: u64 = super::limits::WORKBOOK_BYTES;

/// Most bytes a workbook may unpack to, its XML (see [`super::limits`]).
pub const UNPACKED_LIMIT: u64 = super::limits::UNPACKED_BYTES;

/// Most cells of one sheet between its first column and the last cell of each row, 4 million
/// (a week of 50 000 families is under a million).
pub const CELL_LIMIT: usize = 4_000_000;

/// Most bytes of text one sheet yields: what the table's CSV file may hold
/// ([`super::read::CSV_LIMIT`]), so a table costs the same from a sheet as from a file (a
/// workbook's 500 MiB unpacked would otherwise all be text of one table).
pub const SHEET_TEXT_LIMIT: u64 = super::read::CSV_LIMIT;

/// Excel's last row and column (1 048 576 rows, 16 384 columns to `XFD`).
const MAX_ROWS: u32 = scan::MAX_ROWS as u32;
const MAX_COLUMNS: u32 = scan::MAX_COLUMNS as u32;

/// The tables a workbook holds.
#[derive(Debug, Default)]
pub struct Workbook {
    /// A table per sheet named like a table of the plan (`Err` when the sheet could not be
    /// used; the reasons are recorded).
    pub tables: Vec<(&'static Schema, Result<Table, Unusable>)>,
    /// Sheets that are no table of a plan, as named in the workbook.
    pub ignored: Vec<String>,
    /// Tables read from a `veryHidden` sheet (which Excel lists nowhere; only a macro shows
    /// it), as named in the workbook: read, and named on stderr.
    pub very_hidden: Vec<String>,
}

impl Workbook {
    /// Takes the sheet of `schema`'s table, if the workbook has one.
    pub fn take(&mut self, schema: &Schema) -> Option<Result<Table, Unusable>> {
        let i = self
            .tables
            .iter()
            .position(|(s, _)| s.file == schema.file)?;
        Some(self.tables.swap_remove(i).1)
    }
}

/// What `plan.xlsx` of a plan folder gave.
#[derive(Debug)]
pub enum Opened {
    /// There is no `plan.xlsx`.
    Absent,
    /// There is one, but it cannot be read (the reasons are recorded).
    Broken,
    Read(Workbook),
}

/// Reads `dir/plan.xlsx`, recording every problem in `errors`.
pub fn read_workbook(dir: &Path, errors: &mut Vec<InputError>) -> Opened {
    use super::read::{ReadFailure, read_limited};
    let bytes = match read_limited(&dir.join(FILE), FILE, XLSX_LIMIT) {
        Ok(b) => b,
        Err(ReadFailure::NotFound) => return Opened::Absent,
        Err(ReadFailure::Unusable(e)) => {
            errors.push(*e);
            return Opened::Broken;
        }
    };
    parse_workbook(FILE, bytes, errors)
}

/// What a workbook that cannot be read was expected to be.
const EXPECT_XLSX: &str = "an Excel workbook (.xlsx) as Excel or LibreOffice saves it (\"Excel Workbook\"; not .xls, .xlsb, .ods, nor a password-protected file)";

/// Reads a workbook's bytes (named `file` in messages).
pub fn parse_workbook(file: &str, bytes: Vec<u8>, errors: &mut Vec<InputError>) -> Opened {
    let broken = |errors: &mut Vec<InputError>, why: String| {
        errors.push(InputError::new(ErrorCode::BadWorkbook, file, EXPECT_XLSX).with_value(&why));
        Opened::Broken
    };
    // calamine parses any file as an OLE2 compound document first, trusting its sector
    // chains: such a file is never given to it.
    match scan::ole2(&bytes) {
        Some(Ole2::Encrypted) => {
            errors.push(
                InputError::new(
                    ErrorCode::BadWorkbook,
                    file,
                    "a workbook caseload can open: this workbook is password protected, save it without a password (in Excel: File > Info > Protect Workbook > Encrypt with Password, empty the password)",
                )
                .with_value("an encrypted (password-protected) workbook"),
            );
            return Opened::Broken;
        }
        Some(Ole2::Other) => {
            return broken(
                errors,
                "an Excel 97-2003 workbook (.xls) or other OLE2 file".into(),
            );
        }
        None => {}
    }
    let mut package = match Package::open(&bytes) {
        Ok(p) => p,
        Err(why) => return broken(errors, why),
    };
    let unpacked = match package.unpacked_size(UNPACKED_LIMIT) {
        Ok(n) if n <= UNPACKED_LIMIT => n,
        Ok(n) => {
            errors.push(
                InputError::new(
                    ErrorCode::FileTooLarge,
                    file,
                    format!(
                        "a workbook that unpacks to at most {} MiB",
                        UNPACKED_LIMIT / (1024 * 1024)
                    ),
                )
                .with_value(&format!("more than {n} bytes unpacked")),
            );
            return Opened::Broken;
        }
        Err(why) => return broken(errors, why),
    };
    // Neither the scan nor calamine is expected to panic, but a workbook is untrusted input: a
    // failure of the reader is a problem of this file, not a crash.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut found = Vec::new();
        let book = read_sheets(file, &bytes, &mut package, unpacked, &mut found);
        (book, found)
    }));
    match read {
        Ok((Ok(book), found)) => {
            errors.extend(found);
            Opened::Read(book)
        }
        Ok((Err(refusal), found)) => {
            errors.extend(found);
            match refusal {
                Refusal::Damaged(why) => broken(errors, why),
                Refusal::TooLarge(found, expected) => {
                    errors.push(
                        InputError::new(ErrorCode::FileTooLarge, file, expected).with_value(&found),
                    );
                    Opened::Broken
                }
                Refusal::Declared(found, expected) => {
                    errors.push(
                        InputError::new(ErrorCode::BadWorkbook, file, expected).with_value(&found),
                    );
                    Opened::Broken
                }
            }
        }
        Err(_) => broken(errors, "the reader failed on this file".into()),
    }
}

/// Reads the sheets of a workbook named like tables; `Err` says why the file is refused.
/// `unpacked` is what the package unpacks to.
fn read_sheets(
    file: &str,
    bytes: &[u8],
    package: &mut Package,
    unpacked: u64,
    errors: &mut Vec<InputError>,
) -> Result<Workbook, Refusal> {
    // What calamine allocates from is checked before calamine opens the workbook.
    package.locate().map_err(Refusal::Damaged)?;
    let strings = package.shared_strings(unpacked)?;
    let mut xlsx: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| Refusal::Damaged(e.to_string()))?;
    let parts = package.sheets().map_err(Refusal::Damaged)?;
    if parts.iter().map(|p| &p.name).ne(xlsx.sheet_names().iter()) {
        return Err(Refusal::Declared(
            "sheets that cannot be matched to their parts".into(),
            format!("a workbook as Excel saves it; {HINT}"),
        ));
    }
    let mut book = Workbook::default();
    let mut seen: Vec<(&'static Schema, String)> = Vec::new();
    for name in xlsx.sheet_names() {
        let key = name.trim().to_lowercase();
        let Some(schema) = schema::ALL.iter().copied().find(|s| s.sheet == key) else {
            match probably_meant(&key, schema::ALL.iter().map(|s| s.sheet)) {
                Some(meant) => errors.push(
                    InputError::new(
                        ErrorCode::MisspeltSheet,
                        file,
                        format!(
                            "a sheet named like a table of the plan: `{}` — did you mean `{meant}`? (rename the sheet; caseload ignores only sheets that look like none of its tables, and would lose these rows)",
                            key
                        ),
                    )
                    .in_sheet(&name),
                ),
                // The `notes` sheet `caseload init` writes is the workbook's own help: read
                // past without a warning on every run.
                None if key == "notes" => {}
                None => book.ignored.push(name),
            }
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(s, _)| s.file == schema.file) {
            errors.push(
                InputError::new(
                    ErrorCode::TableTwice,
                    file,
                    format!(
                        "the table {} once: the sheets \"{first}\" and \"{name}\" both hold it (delete or rename one)",
                        schema.sheet
                    ),
                )
                .in_sheet(&name),
            );
            if let Some(entry) = book.tables.iter_mut().find(|(s, _)| s.file == schema.file) {
                entry.1 = Err(Unusable);
            }
            continue;
        }
        seen.push((schema, name.clone()));
        if xlsx
            .sheets_metadata()
            .iter()
            .find(|s| s.name == name)
            .is_some_and(|s| s.visible == SheetVisible::VeryHidden)
        {
            book.very_hidden.push(name.clone());
        }
        // The part calamine reads for the sheet (the first of that name, as calamine takes it),
        // checked before calamine reads it.
        let damage = parts
            .iter()
            .find(|p| p.name == name)
            .map(|p| package.cells(&p.path, strings))
            .unwrap_or_default();
        let table = if damage.is_empty() {
            read_sheet(&mut xlsx, file, &name, errors)
        } else {
            report_damage(file, &name, damage, errors);
            Err(Unusable)
        };
        book.tables.push((schema, table));
    }
    Ok(book)
}

/// The damaged cells of `sheet`, as problems (one more for those past the listed ones).
fn report_damage(file: &str, sheet: &str, damage: scan::Damages, errors: &mut Vec<InputError>) {
    for d in damage.listed {
        let mut e = InputError::new(ErrorCode::DamagedCell, file, d.expected)
            .in_sheet(sheet)
            .with_value(&d.found);
        if let Some(row) = d.row {
            e = e.at_line(row as usize);
        }
        if let Some(col) = d.column {
            e = e.with_letter(&column_letters(col as usize));
        }
        errors.push(e);
    }
    if damage.more > 0 {
        errors.push(
            InputError::new(
                ErrorCode::DamagedCell,
                file,
                format!("a sheet without damaged cells ({HINT})"),
            )
            .in_sheet(sheet)
            .with_value(&format!(
                "{} more damaged cells than the {} listed",
                damage.more,
                scan::DAMAGE_LIMIT
            )),
        );
    }
}

/// A cell's value as the text a CSV file would hold, or why it has none.
enum Value {
    Text(String),
    /// A spreadsheet error (`#DIV/0!`): reported, and its text kept for the row.
    Error(String),
}

/// Reads one sheet into a [`Table`].
fn read_sheet<R: Read + std::io::Seek>(
    xlsx: &mut Xlsx<R>,
    file: &str,
    sheet: &str,
    errors: &mut Vec<InputError>,
) -> Result<Table, Unusable> {
    let at =
        |code: ErrorCode, expected: String| InputError::new(code, file, expected).in_sheet(sheet);
    let mut reader = match xlsx.worksheet_cells_reader(sheet) {
        Ok(r) => r,
        Err(e) => {
            errors.push(
                at(
                    ErrorCode::BadWorkbook,
                    "a worksheet of rows and columns (not a chart sheet)".into(),
                )
                .with_value(&e.to_string()),
            );
            return Err(Unusable);
        }
    };
    let mut cells: Vec<(u32, u32, Value)> = Vec::new();
    let mut text_bytes = 0u64;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => {
                errors.push(
                    at(ErrorCode::BadWorkbook, EXPECT_XLSX.into()).with_value(&e.to_string()),
                );
                return Err(Unusable);
            }
        };
        let (row, col) = cell.get_position();
        let value = match render(cell.get_value()) {
            Some(v) => v,
            None => continue,
        };
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            errors.push(
                at(
                    ErrorCode::BadWorkbook,
                    "cells within Excel's 1048576 rows and 16384 columns (A to XFD)".into(),
                )
                .with_value(&format!(
                    "a cell in row {}, column {}",
                    row as u64 + 1,
                    col as u64 + 1
                )),
            );
            return Err(Unusable);
        }
        if cells.len() >= CELL_LIMIT {
            errors.push(too_many_cells(file, sheet));
            return Err(Unusable);
        }
        text_bytes += match &value {
            Value::Text(t) | Value::Error(t) => t.len() as u64,
        };
        if text_bytes > SHEET_TEXT_LIMIT {
            errors.push(
                InputError::new(
                    ErrorCode::FileTooLarge,
                    file,
                    format!(
                        "a sheet of at most {} MiB of text, as its CSV file may hold (delete the rows and columns the plan does not use)",
                        SHEET_TEXT_LIMIT / (1024 * 1024)
                    ),
                )
                .in_sheet(sheet)
                .with_value(&format!("more than {SHEET_TEXT_LIMIT} bytes of text")),
            );
            return Err(Unusable);
        }
        cells.push((row, col, value));
    }
    drop(reader);
    // Rows in order, and cells in order within them, whatever order the file gave.
    cells.sort_by_key(|&(r, c, _)| (r, c));
    // A cell given twice (apart in the file; next to each other the scan finds it): which value
    // is meant cannot be known.
    let mut twice = scan::Damages::default();
    for pair in cells.windows(2) {
        let ((r, c, _), (r2, c2, _)) = (&pair[0], &pair[1]);
        if (r, c) == (r2, c2) {
            twice.push(scan::Damage {
                row: Some(u64::from(*r) + 1),
                column: Some(u64::from(*c)),
                found: format!("{}{} twice", column_letters(*c as usize), r + 1),
                expected: format!("each cell once ({HINT})"),
            });
        }
    }
    if !twice.is_empty() {
        report_damage(file, sheet, twice, errors);
        return Err(Unusable);
    }
    let Some(header_row) = cells.first().map(|&(r, _, _)| r) else {
        errors.push(
            at(
                ErrorCode::EmptyFile,
                "a header row naming the columns".into(),
            )
            .at_line(1),
        );
        return Err(Unusable);
    };
    let header_cells: Vec<&(u32, u32, Value)> = cells
        .iter()
        .take_while(|(r, _, _)| *r == header_row)
        .collect();
    let width = header_cells.last().map_or(0, |&&(_, c, _)| c as usize + 1);
    let mut headers = vec![String::new(); width];
    let mut bad_cells = std::collections::HashSet::new();
    for (_, c, v) in header_cells {
        let text = match v {
            Value::Text(t) | Value::Error(t) => t,
        };
        headers[*c as usize] = text.trim().to_lowercase();
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut beyond = BTreeSet::new();
    let mut slots = 0usize;
    for (r, c, v) in cells {
        let (c, line) = (c as usize, r as usize + 1);
        let problem = match &v {
            Value::Error(e) => Some((
                ErrorCode::ErrorCell,
                e.clone(),
                "a value, not a spreadsheet error (fix the formula, or type the value)".to_string(),
            )),
            Value::Text(t) => t
                .chars()
                .find(|&ch| {
                    (ch.is_control() && !matches!(ch, '\t' | '\r' | '\n')) || ch == '\u{feff}'
                })
                .map(|ch| {
                    (
                        ErrorCode::ControlCharacter,
                        ch.to_string(),
                        "printable text without control characters".to_string(),
                    )
                }),
        };
        if let Some((code, value, expected)) = problem {
            let header = headers.get(c).filter(|h| !h.is_empty());
            let mut e = at(code, expected)
                .at_line(line)
                .with_letter(&column_letters(c))
                .with_value(&value);
            if let Some(h) = header {
                e = e.in_column(h);
            }
            errors.push(e);
            bad_cells.insert((line, c));
        }
        if r == header_row {
            continue;
        }
        if c >= width {
            beyond.insert(c);
            continue;
        }
        let text = match v {
            Value::Text(t) | Value::Error(t) => t,
        };
        if rows.last().is_none_or(|row| row.line != line) {
            if rows.len() == super::limits::CSV_ROWS {
                errors.push(
                    super::table::too_many_rows(file)
                        .in_sheet(sheet)
                        .at_line(line),
                );
                return Err(Unusable);
            }
            rows.push(Row {
                line,
                fields: Vec::new(),
            });
        }
        let Some(row) = rows.last_mut() else { continue };
        if row.fields.len() <= c {
            slots += c + 1 - row.fields.len();
            if slots > CELL_LIMIT {
                errors.push(too_many_cells(file, sheet));
                return Err(Unusable);
            }
            row.fields.resize(c + 1, String::new());
        }
        row.fields[c] = text;
    }
    let mut t = Table::new(
        file,
        Some(sheet),
        headers,
        rows,
        header_row as usize + 1,
        errors,
    )?;
    t.beyond_header = beyond.into_iter().collect();
    t.reported_cells = bad_cells;
    Ok(t)
}

fn too_many_cells(file: &str, sheet: &str) -> InputError {
    InputError::new(
        ErrorCode::FileTooLarge,
        file,
        format!(
            "a sheet of at most {CELL_LIMIT} cells (delete the rows and columns the plan does not use)"
        ),
    )
    .in_sheet(sheet)
}

/// A cell's value as CSV text: `None` for an empty cell (or one of spaces only).
fn render(v: &DataRef) -> Option<Value> {
    let text = match v {
        DataRef::Empty => return None,
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => date_time(d),
        DataRef::DateTimeIso(s) => iso_date_time(s),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => return Some(Value::Error(e.to_string())),
    };
    (!text.trim().is_empty()).then_some(Value::Text(text))
}

/// A number in plain decimals, as short as reads back the same (`38.25`, `6`, `0.2`).
fn number(f: f64) -> String {
    format!("{f}")
}

/// `HH:MM` of `ms` milliseconds into a day, with `:SS` when the seconds are not zero (which
/// no time field accepts: a time is never rounded silently).
fn clock(ms: u64) -> String {
    let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
    if ms.is_multiple_of(60_000) {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// A date or time cell (an Excel serial: days, and the time as a fraction of a day):
/// a date `YYYY-MM-DD`, a time `HH:MM` (serials below 1; exactly 1 is `24:00`, which Excel
/// stores for a typed 24:00), or both `YYYY-MM-DD HH:MM`; a duration `H:MM`.
fn date_time(d: &ExcelDateTime) -> String {
    let v = d.as_f64();
    if !(0.0..2_958_466.0).contains(&v) {
        return number(v);
    }
    if d.is_duration() {
        return clock((v * 86_400_000.0).round() as u64);
    }
    if v == 1.0 {
        return "24:00".into();
    }
    let day_ms = ((v - v.floor()) * 86_400_000.0).round() as u64;
    if v < 1.0 {
        return clock(day_ms);
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    let date = format!("{y:04}-{m:02}-{day:02}");
    if day_ms == 0 || day_ms == 86_400_000 {
        date
    } else {
        format!("{date} {}", clock(day_ms))
    }
}

/// An ISO 8601 date-time cell (`2026-12-01T08:30:00`): the date, the time, or both.
fn iso_date_time(s: &str) -> String {
    let Some((date, time)) = s.split_once('T') else {
        return s.to_string();
    };
    let time = time.trim_end_matches('Z');
    let hm = time
        .strip_suffix(":00")
        .or_else(|| time.strip_suffix(":00.000"))
        .filter(|t| t.len() == 5)
        .unwrap_or(time);
    match (date, hm) {
        ("1899-12-30" | "1899-12-31" | "1904-01-01", _) => hm.to_string(),
        (_, "00:00") => date.to_string(),
        _ => format!("{date} {hm}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn dt(v: f64) -> String {
        date_time(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false))
    }

    #[test]
    fn typed_cells_render_as_csv_text() {
        assert_eq!(dt(46357.0), "2026-12-01");
        assert_eq!(dt(0.0), "00:00");
        assert_eq!(dt(8.5 / 24.0), "08:30");
        assert_eq!(dt(1.0), "24:00");
        assert_eq!(dt(46357.0 + 14.0 / 24.0), "2026-12-01 14:00");
        assert_eq!(
            dt((8.0 * 3600.0 + 30.0 * 60.0 + 15.0) / 86400.0),
            "08:30:15"
        );
        assert_eq!(dt(-1.0), "-1");
        assert_eq!(
            date_time(&ExcelDateTime::new(
                46357.0,
                ExcelDateTimeType::DateTime,
                true
            )),
            "2030-12-02",
            "the 1904 date system"
        );
        assert_eq!(
            date_time(&ExcelDateTime::new(
                1.0,
                ExcelDateTimeType::TimeDelta,
                false
            )),
            "24:00"
        );
        assert_eq!(number(38.25), "38.25");
        assert_eq!(number(6.0), "6");
        assert_eq!(number(0.2), "0.2");
        assert_eq!(iso_date_time("2026-12-01T00:00:00"), "2026-12-01");
        assert_eq!(iso_date_time("1899-12-31T08:30:00"), "08:30");
        assert_eq!(iso_date_time("2026-12-01T08:30:00"), "2026-12-01 08:30");
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }

    fn sheet_of(write: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("locations").unwrap();
        write(ws);
        book.save_to_buffer().unwrap()
    }

    fn tables(bytes: Vec<u8>) -> (Option<Result<Table, Unusable>>, Vec<InputError>) {
        let mut e = Vec::new();
        match parse_workbook(FILE, bytes, &mut e) {
            Opened::Read(mut b) => (b.take(&schema::LOCATIONS), e),
            other => panic!("{other:?} {e:?}"),
        }
    }

    #[test]
    fn far_cells_cost_neither_memory_nor_time() {
        // A header and one value at the last cell of the sheet: read past, named by letter.
        let (t, e) = tables(sheet_of(|ws| {
            for (c, h) in ["id", "name", "lat", "lon"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 0, "U1").unwrap();
            ws.write_number(1, 2, 66.5).unwrap();
            ws.write_number(1, 3, 25.7).unwrap();
            ws.write_string(1_048_575, 16_383, "far").unwrap();
        }));
        let mut t = t.unwrap().unwrap();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 2);
        assert!(t.check_columns(&schema::LOCATIONS, &mut Vec::new()));
        assert_eq!(t.ignored, ["column XFD (no header)"]);
        // A header as wide as the sheet and values under its last column: bounded.
        let t0 = std::time::Instant::now();
        let (t, e) = tables(sheet_of(|ws| {
            ws.write_string(0, 0, "id").unwrap();
            ws.write_string(0, 16_383, "far").unwrap();
            for r in 1..2000 {
                ws.write_string(r, 16_383, "x").unwrap();
            }
        }));
        assert!(matches!(t, Some(Err(Unusable))));
        assert_eq!(e[0].code, ErrorCode::FileTooLarge, "{e:?}");
        assert_eq!(e[0].sheet.as_deref(), Some("locations"));
        assert!(t0.elapsed().as_secs_f64() < 10.0);
    }

    #[test]
    fn a_sheet_yields_no_more_text_than_its_csv_file_may_hold() {
        // One shared string of 4 000 characters in 17 000 cells: 68 MB of text from a small file.
        let long = "x".repeat(4000);
        let (t, e) = tables(sheet_of(|ws| {
            for (c, h) in ["id", "name", "lat", "lon"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for r in 1..=17_000 {
                ws.write_string(r, 1, &long).unwrap();
            }
        }));
        assert!(matches!(t, Some(Err(Unusable))));
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code, ErrorCode::FileTooLarge);
        assert_eq!(e[0].sheet.as_deref(), Some("locations"));
        assert!(e[0].expected.contains("at most 64 MiB of text"), "{}", e[0]);
    }

    #[test]
    fn a_workbook_that_unpacks_too_far_is_refused_before_it_is_read() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        let zeros = vec![b'0'; 1024 * 1024];
        for _ in 0..(UNPACKED_LIMIT / (1024 * 1024) + 1) {
            zip.write_all(&zeros).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
        let mut e = Vec::new();
        assert!(matches!(
            parse_workbook(FILE, bytes, &mut e),
            Opened::Broken
        ));
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code, ErrorCode::FileTooLarge);
        assert!(
            e[0].expected.contains("unpacks to at most 500 MiB"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn damaged_workbooks_give_problems_or_tables_never_a_panic() {
        let good = sheet_of(|ws| {
            for (c, h) in ["id", "name", "lat", "lon"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for r in 1..20u32 {
                ws.write_string(r, 0, format!("L{r}")).unwrap();
                ws.write_number(r, 2, 66.5).unwrap();
                ws.write_datetime(
                    r,
                    3,
                    rust_xlsxwriter::ExcelDateTime::from_hms(8, 30, 0).unwrap(),
                )
                .unwrap();
            }
        });
        // A fixed sequence of byte flips, cuts and splices (xorshift).
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for _ in 0..300 {
            let mut bytes = good.clone();
            match next(3) {
                0 => {
                    for _ in 0..1 + next(8) {
                        let i = next(bytes.len());
                        bytes[i] ^= 1 << next(8);
                    }
                }
                1 => bytes.truncate(next(bytes.len())),
                _ => {
                    let (a, b) = (next(bytes.len()), next(bytes.len()));
                    let chunk = bytes[a.min(b)..a.max(b)].to_vec();
                    let at = next(bytes.len());
                    bytes.splice(at..at, chunk);
                }
            }
            let mut e = Vec::new();
            if let Opened::Broken = parse_workbook(FILE, bytes, &mut e) {
                assert!(!e.is_empty());
            }
        }
    }

    // ---- Issue 24: what a workbook declares, and damage calamine would read silently. ----

    /// A small `locations` sheet: a header, and rows 2 and 3 (`U1`, `L1`) with numbers.
    fn locations() -> Vec<u8> {
        sheet_of(|ws| {
            for (c, h) in ["id", "name", "lat", "lon"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for (r, id) in [(1, "U1"), (2, "L1")] {
                ws.write_string(r, 0, id).unwrap();
                ws.write_string(r, 1, "Office").unwrap();
                ws.write_number(r, 2, 66.5).unwrap();
                ws.write_number(r, 3, 25.7).unwrap();
            }
        })
    }

    /// The workbook `bytes` with each entry's text passed through `edit(name, text)`.
    fn rezip(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
        use std::io::Write;
        let mut from = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut to = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for i in 0..from.len() {
            let mut entry = from.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            to.start_file(name.as_str(), options).unwrap();
            to.write_all(edit(&name, text).as_bytes()).unwrap();
        }
        to.finish().unwrap().into_inner()
    }

    /// The sheet part of [`locations`] with `from` replaced by `to` (which must occur).
    fn with_sheet(from: &str, to: &str) -> Vec<u8> {
        rezip(&locations(), |name, text| {
            if name == "xl/worksheets/sheet1.xml" {
                assert!(text.contains(from), "{text}");
                text.replacen(from, to, 1)
            } else {
                text
            }
        })
    }

    fn problems(bytes: Vec<u8>) -> (Opened, Vec<InputError>) {
        let mut e = Vec::new();
        let opened = parse_workbook(FILE, bytes, &mut e);
        (opened, e)
    }

    /// Asserts one problem per cell given, each `damaged-cell` in sheet `locations`, at its
    /// row and letter, saying the fix; the sheet is not read.
    #[track_caller]
    fn damaged(bytes: Vec<u8>, cells: &[(usize, &str, &str)]) {
        let (t, e) = tables(bytes);
        assert!(matches!(t, Some(Err(Unusable))), "{t:?} {e:?}");
        assert_eq!(e.len(), cells.len(), "{e:#?}");
        for (e, (row, letter, found)) in e.iter().zip(cells) {
            assert_eq!(e.code, ErrorCode::DamagedCell, "{e}");
            assert_eq!(e.code.code(), "E050");
            assert_eq!(e.sheet.as_deref(), Some("locations"), "{e}");
            assert_eq!(e.line, Some(*row), "{e}");
            assert_eq!(e.letter.as_deref(), Some(*letter), "{e}");
            assert!(e.value.as_deref().unwrap().contains(found), "{e}");
            assert!(
                e.expected.contains("open it in Excel and save it again"),
                "{e}"
            );
        }
    }

    #[test]
    fn the_test_workbook_reads_and_its_xml_is_as_these_tests_edit_it() {
        let (t, e) = tables(locations());
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(t.unwrap().unwrap().rows.len(), 2);
        // The edits below rely on these.
        let _ = with_sheet(r#"<c r="C2"><v>66.5</v></c>"#, "");
        let _ = with_sheet(r#"<c r="A2" t="s"><v>4</v></c>"#, "");
        let _ = with_sheet(r#"<row r="3""#, "");
    }

    #[test]
    fn a_formula_without_its_saved_value_is_an_error_naming_the_cell() {
        // No value at all, and an empty value (as some scripts write formulas).
        for value in ["", "<v></v>"] {
            damaged(
                with_sheet(
                    r#"<c r="C2"><v>66.5</v></c>"#,
                    &format!(r#"<c r="C2"><f>SUM(C3:C9)</f>{value}</c>"#),
                ),
                &[(
                    2,
                    "C",
                    "C2: the formula =SUM(C3:C9) without its saved value",
                )],
            );
        }
        // A shared formula's other cells (an empty <f/>), and a value before the formula
        // (calamine keeps the last: nothing).
        damaged(
            with_sheet(
                r#"<c r="C2"><v>66.5</v></c>"#,
                r#"<c r="C2"><f t="shared" si="0"/></c>"#,
            ),
            &[(2, "C", "C2: the formula")],
        );
        damaged(
            with_sheet(
                r#"<c r="C2"><v>66.5</v></c>"#,
                r#"<c r="C2"><v>66.5</v><f>1+1</f></c>"#,
            ),
            &[(2, "C", "C2")],
        );
        // With its value it is read; an empty text is a text formula's value.
        let (t, e) = tables(with_sheet(
            r#"<c r="C2"><v>66.5</v></c>"#,
            r#"<c r="C2"><f>SUM(C3:C3)</f><v>66.5</v></c><c r="E2" t="str"><f>""</f><v></v></c>"#,
        ));
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(t.unwrap().unwrap().rows[0].fields[2], "66.5");
    }

    #[test]
    fn a_cell_given_twice_is_an_error_naming_it() {
        // Next to each other in the file (the second one empty), and apart.
        damaged(
            with_sheet(
                r#"<c r="C2"><v>66.5</v></c>"#,
                r#"<c r="C2"><v>66.5</v></c><c r="C2"/>"#,
            ),
            &[(2, "C", "C2 twice")],
        );
        damaged(
            with_sheet(
                r#"<row r="3""#,
                r#"<row r="3"><c r="B2"><v>7</v></c></row><row r="3""#,
            ),
            &[(2, "B", "B2 twice")],
        );
    }

    #[test]
    fn a_row_or_column_past_excels_last_is_an_error_not_a_wrapped_number() {
        // calamine reads A4294967297 as A1 (its u32 wraps).
        let (t, e) = tables(with_sheet(
            r#"<c r="C2"><v>66.5</v></c>"#,
            r#"<c r="A4294967297"><v>66.5</v></c>"#,
        ));
        assert!(matches!(t, Some(Err(Unusable))), "{e:?}");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code, ErrorCode::DamagedCell);
        assert_eq!(e[0].sheet.as_deref(), Some("locations"));
        assert_eq!(e[0].value.as_deref(), Some("cell reference A4294967297"));
        assert!(
            e[0].to_string()
                .contains("open it in Excel and save it again")
        );
        for (from, to, found) in [
            (
                r#"<c r="C2">"#,
                r#"<c r="C1048577">"#,
                "cell reference C1048577",
            ),
            (r#"<c r="C2">"#, r#"<c r="XFE2">"#, "cell reference XFE2"),
            (r#"<c r="C2">"#, r#"<c r="C0">"#, "cell reference C0"),
            (
                r#"<row r="3""#,
                r#"<row r="4294967299""#,
                "row number 4294967299",
            ),
            (
                r#"<dimension ref="A1:D3"/>"#,
                r#"<dimension ref="A1:D4294967299"/>"#,
                "the sheet's dimension A1:D4294967299",
            ),
        ] {
            let (t, e) = tables(with_sheet(from, to));
            assert!(matches!(t, Some(Err(Unusable))), "{to}: {e:?}");
            assert!(
                e.iter().any(|e| e.code == ErrorCode::DamagedCell
                    && e.sheet.as_deref() == Some("locations")
                    && e.value.as_deref() == Some(found)),
                "{to}: {e:?}"
            );
        }
        // A row without a reference past the last: its cells are past it too.
        let rows = (4..=MAX_ROWS + 1)
            .map(|_| "<row><c><v>1</v></c></row>")
            .collect::<String>();
        let (t, e) = tables(with_sheet("</sheetData>", &format!("{rows}</sheetData>")));
        assert!(matches!(t, Some(Err(Unusable))), "{e:?}");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].value.as_deref(),
            Some("a cell without a reference after A1048576")
        );
    }

    #[test]
    fn a_shared_string_index_past_the_table_is_an_error_naming_the_cell() {
        let strings = |bytes: &[u8]| {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            let mut text = String::new();
            zip.by_name("xl/sharedStrings.xml")
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text.matches("<si>").count()
        };
        let n = strings(&locations());
        for (index, found) in [
            (n.to_string(), format!("A2: shared string number {n}")),
            (
                "4294967296".to_string(),
                "A2: shared string number 4294967296".to_string(),
            ),
            // calamine reads an index it cannot parse as 0.
            ("x1".to_string(), "A2: shared string number x1".to_string()),
            (" 1".to_string(), "A2: shared string number  1".to_string()),
            (String::new(), "A2: shared string number ".to_string()),
        ] {
            damaged(
                with_sheet(
                    r#"<c r="A2" t="s"><v>4</v></c>"#,
                    &format!(r#"<c r="A2" t="s"><v>{index}</v></c>"#),
                ),
                &[(2, "A", &found)],
            );
        }
        // A value written with a character reference (calamine reads it in part, or not).
        damaged(
            with_sheet(
                r#"<c r="C2"><v>66.5</v></c>"#,
                r#"<c r="C2"><v>6&#54;.5</v></c>"#,
            ),
            &[(2, "C", "C2: a value written with character references")],
        );
    }

    #[test]
    fn every_damaged_cell_of_every_sheet_is_listed_in_one_pass() {
        let bytes = with_sheet(
            r#"<c r="C2"><v>66.5</v></c>"#,
            r#"<c r="C2"><f>1/3</f></c><c r="C2"/>"#,
        );
        let bytes = rezip(&bytes, |name, text| {
            if name == "xl/worksheets/sheet1.xml" {
                text.replacen(
                    r#"<c r="A2" t="s"><v>4</v></c>"#,
                    r#"<c r="A2" t="s"><v>99</v></c>"#,
                    1,
                )
            } else {
                text
            }
        });
        let (_, e) = tables(bytes);
        let cells: Vec<(Option<usize>, Option<&str>)> =
            e.iter().map(|e| (e.line, e.letter.as_deref())).collect();
        assert_eq!(
            cells,
            [
                (Some(2), Some("A")),
                (Some(2), Some("C")),
                (Some(2), Some("C"))
            ]
        );
        // A sheet of many damaged cells lists the first ones and counts the rest.
        let many = (0..250)
            .map(|c| format!(r#"<c r="{}5"><f>1</f></c>"#, column_letters(c)))
            .collect::<String>();
        let (_, e) = tables(with_sheet(
            "</sheetData>",
            &format!(r#"<row r="5">{many}</row></sheetData>"#),
        ));
        assert_eq!(e.len(), scan::DAMAGE_LIMIT + 1);
        assert_eq!(
            e.last().unwrap().value.as_deref(),
            Some("150 more damaged cells than the 100 listed")
        );
    }

    #[test]
    fn a_very_hidden_sheet_is_read_and_named() {
        let bytes = rezip(&locations(), |name, text| {
            if name == "xl/workbook.xml" {
                text.replacen(
                    r#"<sheet name="locations""#,
                    r#"<sheet name="locations" state="veryHidden""#,
                    1,
                )
            } else {
                text
            }
        });
        let mut e = Vec::new();
        let Opened::Read(mut book) = parse_workbook(FILE, bytes, &mut e) else {
            panic!("{e:?}")
        };
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(book.very_hidden, ["locations"]);
        assert_eq!(
            book.take(&schema::LOCATIONS).unwrap().unwrap().rows.len(),
            2
        );
        let Opened::Read(book) = parse_workbook(FILE, locations(), &mut e) else {
            panic!()
        };
        assert!(book.very_hidden.is_empty());
    }

    /// The workbook with its shared-strings part's `<sst ...>` tag replaced by `sst`.
    fn with_sst(sst: &str) -> Vec<u8> {
        rezip(&locations(), |name, text| {
            if name == "xl/sharedStrings.xml" {
                let start = text.find("<sst ").unwrap();
                let end = start + text[start..].find('>').unwrap() + 1;
                format!("{}{sst}{}", &text[..start], &text[end..])
            } else {
                text
            }
        })
    }

    #[track_caller]
    fn refused(bytes: Vec<u8>, code: ErrorCode, words: &str) {
        let t0 = std::time::Instant::now();
        let (opened, e) = problems(bytes);
        assert!(matches!(opened, Opened::Broken), "{e:?}");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code, code, "{}", e[0]);
        assert!(e[0].to_string().contains(words), "{}", e[0]);
        assert!(t0.elapsed().as_secs_f64() < 10.0);
    }

    #[test]
    fn declared_sizes_beyond_the_limits_or_the_part_are_refused_before_calamine_allocates() {
        const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;
        // 10^11 entries declared (calamine would reserve 2.4 TB).
        refused(
            with_sst(&format!(
                r#"<sst {NS} count="11" uniqueCount="100000000000">"#
            )),
            ErrorCode::FileTooLarge,
            "found \"100000000000 shared strings declared\", expected a workbook of at most 4000000 distinct texts",
        );
        // Within the limit, but more than the part holds (calamine would reserve 96 MB for it).
        refused(
            with_sst(&format!(r#"<sst {NS} count="11" uniqueCount="4000000">"#)),
            ErrorCode::BadWorkbook,
            "found \"4000000 shared strings declared, 7 held\", expected a shared-strings table that holds what it declares",
        );
        refused(
            with_sst(&format!(
                r#"<sst {NS} count="99999999999999999999999999" uniqueCount="6">"#
            )),
            ErrorCode::BadWorkbook,
            "open it in Excel and save it again",
        );
        // Declared or not, more entries than the limit are refused as they are counted.
        let many = rezip(&locations(), |name, text| {
            if name == "xl/sharedStrings.xml" {
                let mut t = String::with_capacity(21_000_000);
                t.push_str(&format!("<sst {NS}>"));
                for _ in 0..=scan::SHARED_STRINGS_LIMIT {
                    t.push_str("<si/>");
                }
                t + "</sst>"
            } else {
                text
            }
        });
        refused(
            many,
            ErrorCode::FileTooLarge,
            "more than 4000000 shared strings",
        );
        // A text longer than Excel allows in a cell.
        let long = rezip(&locations(), |name, text| {
            if name == "xl/sharedStrings.xml" {
                text.replacen("<t>id</t>", &format!("<t>{}</t>", "x".repeat(40_000)), 1)
            } else {
                text
            }
        });
        refused(
            long,
            ErrorCode::BadWorkbook,
            "found \"shared string 0: 40000 characters\"",
        );
        // Honest counts are read.
        let (t, e) = tables(with_sst(&format!(
            r#"<sst {NS} count="9" uniqueCount="7">"#
        )));
        assert!(e.is_empty(), "{e:?}");
        assert!(t.unwrap().is_ok());
    }

    /// An OLE2 compound document whose FAT chains sector 0 to itself (calamine reads the
    /// directory chain forever), holding `name` in its directory sector, followed by `zip`.
    fn ole2(name: &str, zip: &[u8]) -> Vec<u8> {
        let mut b = vec![0u8; 512 * 3];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[24..26].copy_from_slice(&0x3Eu16.to_le_bytes()); // minor version
        b[26..28].copy_from_slice(&3u16.to_le_bytes()); // version 3
        b[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes()); // little-endian
        b[30..32].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
        b[32..34].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
        b[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
        b[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
        b[56..60].copy_from_slice(&4096u32.to_le_bytes());
        b[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no mini FAT
        b[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no DIFAT chain
        b[76..80].copy_from_slice(&0u32.to_le_bytes()); // the FAT is sector 0
        for i in 1..109 {
            b[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        // Sector 0 (the FAT): sector 1, the directory, chains to itself.
        let fat = 512;
        b[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        b[fat + 4..fat + 8].copy_from_slice(&1u32.to_le_bytes());
        let dir = 1024;
        for (i, u) in name.encode_utf16().enumerate() {
            b[dir + 2 * i..dir + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        b.extend_from_slice(zip);
        b
    }

    #[test]
    fn an_ole2_file_is_never_given_to_calamine() {
        refused(
            ole2("EncryptedPackage", b""),
            ErrorCode::BadWorkbook,
            "this workbook is password protected, save it without a password",
        );
        // Both an OLE2 file with a looping sector chain and a zip (a workbook after it).
        refused(
            ole2("Root Entry", &locations()),
            ErrorCode::BadWorkbook,
            "found \"an Excel 97-2003 workbook (.xls) or other OLE2 file\"",
        );
        refused(
            ole2("EncryptedPackage", &locations()),
            ErrorCode::BadWorkbook,
            "password protected",
        );
    }

    #[test]
    fn what_is_no_workbook_is_a_problem_not_a_crash() {
        for bytes in [
            b"".to_vec(),
            b"id,name\n1,a\n".to_vec(),
            b"PK\x03\x04 not really a zip".to_vec(),
            b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0".to_vec(),
        ] {
            let mut e = Vec::new();
            assert!(matches!(
                parse_workbook(FILE, bytes, &mut e),
                Opened::Broken
            ));
            assert_eq!(e.len(), 1, "{e:?}");
            assert_eq!(e[0].code, ErrorCode::BadWorkbook);
        }
    }
}
