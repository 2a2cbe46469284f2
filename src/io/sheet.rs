//! A plan's tables from an Excel workbook, `plan.xlsx`: each sheet named like a table
//! (`workers`, `families`, ...) becomes the same [`Table`] the CSV reader gives, every typed cell
//! rendered as the text a CSV file would hold (a date `YYYY-MM-DD`, a time `HH:MM`, a number in
//! plain decimals), so that all validation is shared. Rows are the sheet's rows and problems
//! name the sheet, the row and the column's letter and header.
//!
//! A workbook is untrusted input like a CSV file: it is read only as a regular file within
//! [`XLSX_LIMIT`], what it unpacks to is measured before calamine reads it
//! ([`UNPACKED_LIMIT`]), a sheet holds at most [`CELL_LIMIT`] cells, and a damaged file, or a
//! reader that fails on it, is a problem of the input (exit 2), never a crash.

use super::error::{ErrorCode, InputError};
use super::schema::{self, Schema, probably_meant};
use super::table::{Row, Table, Unusable, column_letters};
use calamine::{DataRef, ExcelDateTime, Reader, Xlsx};
use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::Path;

/// The workbook of a plan folder.
pub const FILE: &str = "plan.xlsx";

/// Most bytes of `plan.xlsx` (as for a CSV file).
pub const XLSX_LIMIT: u64 = super::read::CSV_LIMIT;

/// Most bytes a workbook may unpack to (its XML), 256 MiB.
pub const UNPACKED_LIMIT: u64 = 256 * 1024 * 1024;

/// Most cells of one sheet between its first column and the last cell of each row, 4 million
/// (a week of 50 000 families is under a million).
pub const CELL_LIMIT: usize = 4_000_000;

/// Excel's last row and column (1 048 576 rows, 16 384 columns to `XFD`).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// The tables a workbook holds.
#[derive(Debug, Default)]
pub struct Workbook {
    /// A table per sheet named like a table of the plan (`Err` when the sheet could not be
    /// used; the reasons are recorded).
    pub tables: Vec<(&'static Schema, Result<Table, Unusable>)>,
    /// Sheets that are no table of a plan, as named in the workbook.
    pub ignored: Vec<String>,
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
    match unpacked_size(&bytes) {
        Ok(n) if n <= UNPACKED_LIMIT => {}
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
    }
    // calamine is not expected to panic, but a workbook is untrusted input: a failure of the
    // reader is a problem of this file, not a crash.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut found = Vec::new();
        let book = read_sheets(file, bytes, &mut found);
        (book, found)
    }));
    match read {
        Ok((Ok(book), found)) => {
            errors.extend(found);
            Opened::Read(book)
        }
        Ok((Err(why), found)) => {
            errors.extend(found);
            broken(errors, why)
        }
        Err(_) => broken(errors, "the reader failed on this file".into()),
    }
}

/// How many bytes the workbook's entries unpack to, counted by unpacking them (the sizes a
/// zip file declares may lie), stopping past [`UNPACKED_LIMIT`].
fn unpacked_size(bytes: &[u8]) -> Result<u64, String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a workbook: {e}"))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| format!("a damaged workbook: {e}"))?;
        let left = UNPACKED_LIMIT - total;
        let n = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| format!("a damaged workbook: {e}"))?;
        total += n;
        if total > UNPACKED_LIMIT {
            break;
        }
    }
    Ok(total)
}

/// Reads the sheets of a workbook named like tables; `Err` says why the file is no workbook.
fn read_sheets(
    file: &str,
    bytes: Vec<u8>,
    errors: &mut Vec<InputError>,
) -> Result<Workbook, String> {
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
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
        let table = read_sheet(&mut xlsx, file, &name, errors);
        book.tables.push((schema, table));
    }
    Ok(book)
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
        cells.push((row, col, value));
    }
    drop(reader);
    // Rows in order, and cells in order within them, whatever order the file gave.
    cells.sort_by_key(|&(r, c, _)| (r, c));
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
            e[0].expected.contains("unpacks to at most 256 MiB"),
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
