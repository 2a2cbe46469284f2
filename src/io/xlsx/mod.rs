//! Workbooks caseload writes with `rust_xlsxwriter`: `roster.xlsx` (`--xlsx`: a sheet per
//! output table and a printable week per worker) and the starter `plan.xlsx` of `caseload init`.
//!
//! A table sheet is written from the same [`DataTable`] as its CSV file, so the two cannot
//! differ: dates become Excel dates, times of day Excel times, numbers numbers (rounded to the
//! two decimals the CSV shows), text stays text. Text is always a string cell, never a formula,
//! whatever it starts with (`=`, `+`, `-`, `@`): `rust_xlsxwriter` writes a formula only when
//! asked to, and nothing here asks. The workbook's creation date is fixed (the planned week's
//! Monday), so the same input gives the same bytes.

mod week;

use crate::model::table::{Cell, DataTable};
use crate::model::{Problem, Roster};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use std::collections::BTreeSet;

/// Most data rows of a sheet below its header (Excel's 1 048 576 rows, less the header).
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// Most characters (UTF-16 units) Excel holds in a cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Widest column, in characters; longer text is cut off on screen (the cell holds all of it).
const MAX_WIDTH: usize = 60;

/// Why a workbook could not be built.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(
        "{file}: the {sheet} sheet would need {rows} rows, more than the {MAX_DATA_ROWS} an Excel sheet holds below its header; the CSV file has them all (run without --xlsx or [output] xlsx)"
    )]
    TooManyRows {
        file: &'static str,
        sheet: String,
        rows: usize,
    },
    #[error("{file} could not be built: {source}")]
    Xlsx {
        file: &'static str,
        source: XlsxError,
    },
}

/// What a column of a sheet holds, so a template sheet can format the empty rows a team lead
/// fills in (a column of ids stays text when `006` is typed into it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Number,
    Date,
    Time,
}

/// How a table sheet looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetStyle {
    /// An output table: numbers with two decimals, an autofilter on the header.
    Output,
    /// An input table to fill in: numbers as typed, each column formatted for its kind.
    Input,
}

/// Formats shared by every sheet.
pub(crate) struct Formats {
    pub header: Format,
    pub date: Format,
    pub time: Format,
    /// `24:00`, the end of a day, which `hh:mm` would show as `00:00`.
    pub time_24: Format,
    pub hours: Format,
    pub count: Format,
    pub text: Format,
    pub wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("hh:mm"),
            time_24: Format::new().set_num_format("[hh]:mm"),
            hours: Format::new().set_num_format("0.00"),
            count: Format::new().set_num_format("0"),
            text: Format::new().set_num_format("@"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// A workbook under construction, with the sheet names taken so far.
pub(crate) struct Book {
    file: &'static str,
    wb: Workbook,
    /// Sheet names in lower case (Excel compares them without case).
    taken: BTreeSet<String>,
}

impl Book {
    /// A new workbook for `file`, its creation date set to `created` so the bytes are the same
    /// on every run.
    pub fn new(file: &'static str, created: NaiveDate) -> Result<Book, WorkbookError> {
        let mut wb = Workbook::new();
        let when = ExcelDateTime::from_ymd(
            u16::try_from(created.year()).unwrap_or(2000),
            created.month() as u8,
            created.day() as u8,
        )
        .map_err(|source| WorkbookError::Xlsx { file, source })?;
        wb.set_properties(
            &DocProperties::new()
                .set_creation_datetime(&when)
                .set_comment("Written by caseload"),
        );
        Ok(Book {
            file,
            wb,
            taken: BTreeSet::new(),
        })
    }

    fn err(&self, source: XlsxError) -> WorkbookError {
        WorkbookError::Xlsx {
            file: self.file,
            source,
        }
    }

    /// Adds a sheet named `name` (made legal and unique first: see [`sheet_name`]).
    pub fn sheet(&mut self, name: &str) -> Result<(String, &mut Worksheet), WorkbookError> {
        let name = sheet_name(name, &mut self.taken);
        let file = self.file;
        let ws = self.wb.add_worksheet();
        ws.set_name(&name)
            .map_err(|source| WorkbookError::Xlsx { file, source })?;
        Ok((name, ws))
    }

    /// Reserves a sheet name (Excel refuses `History` for a sheet of its own making).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_lowercase());
    }

    /// A sheet of `table` with one header row, frozen so it stays in view, and columns as wide
    /// as their content. `kinds` (input sheets) formats each whole column for its kind.
    pub fn table_sheet(
        &mut self,
        name: &str,
        table: &DataTable,
        style: SheetStyle,
        kinds: &[ColumnKind],
    ) -> Result<(), WorkbookError> {
        if table.rows.len() > MAX_DATA_ROWS {
            return Err(WorkbookError::TooManyRows {
                file: self.file,
                sheet: name.to_string(),
                rows: table.rows.len(),
            });
        }
        let file = self.file;
        let f = Formats::new();
        let (_, ws) = self.sheet(name)?;
        let e = |source| WorkbookError::Xlsx { file, source };
        let filter_room = if style == SheetStyle::Output { 2 } else { 0 };
        let mut widths: Vec<usize> = table
            .headers
            .iter()
            .map(|h| h.chars().count() + filter_room)
            .collect();
        for (c, h) in table.headers.iter().enumerate() {
            ws.write_string_with_format(0, col(c), *h, &f.header)
                .map_err(e)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            let mut lines = 1;
            for (c, cell) in row.iter().enumerate() {
                let (shown, l) = write_cell(ws, r, col(c), cell, style, &f).map_err(e)?;
                lines = lines.max(l);
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown);
                }
            }
            if lines > 1 {
                ws.set_row_height(r, row_height(lines)).map_err(e)?;
            }
        }
        for (c, w) in widths.iter().enumerate() {
            let width = (*w).clamp(6, MAX_WIDTH) as f64 + 1.5;
            let kind = kinds.get(c).copied();
            match kind {
                Some(k) => {
                    let fmt = match k {
                        ColumnKind::Text => &f.text,
                        ColumnKind::Number => &Format::new(),
                        ColumnKind::Date => &f.date,
                        ColumnKind::Time => &f.time,
                    };
                    ws.set_column_width(col(c), width.max(12.0)).map_err(e)?;
                    ws.set_column_format(col(c), fmt).map_err(e)?;
                }
                None => {
                    ws.set_column_width(col(c), width).map_err(e)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(e)?;
        if style == SheetStyle::Output && !table.headers.is_empty() {
            let last_row = table.rows.len() as u32;
            ws.autofilter(0, 0, last_row, col(table.headers.len() - 1))
                .map_err(e)?;
        }
        // Printed: landscape, one page wide, the header on every page.
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0).map_err(e)?;
        Ok(())
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, WorkbookError> {
        self.wb.save_to_buffer().map_err(|source| self.err(source))
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Excel's day number of a date (days since 1899-12-30, the serial every spreadsheet uses).
pub(crate) fn date_serial(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or(NaiveDate::MIN);
    (d - epoch).num_days() as f64
}

/// A number as the CSV file shows it: two decimals, and nothing below 0.005 in size.
fn two_decimals(x: f64) -> f64 {
    if x.abs() < 0.005 {
        0.0
    } else {
        (x * 100.0).round() / 100.0
    }
}

/// Text as a cell can hold it: Excel keeps at most 32 767 characters (UTF-16 units) in a cell;
/// longer text (a reason listing very many workers) is cut with a note saying so.
pub(crate) fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.encode_utf16().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    const NOTE: &str = " … (cut: an Excel cell holds 32767 characters; the CSV file has it all)";
    let room = MAX_CELL_CHARS - NOTE.encode_utf16().count();
    let mut used = 0;
    let mut out = String::new();
    for ch in s.chars() {
        used += ch.len_utf16();
        if used > room {
            break;
        }
        out.push(ch);
    }
    out.push_str(NOTE);
    std::borrow::Cow::Owned(out)
}

/// Writes one cell and returns how many characters it shows (for the column width).
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    style: SheetStyle,
    f: &Formats,
) -> Result<(usize, usize), XlsxError> {
    match cell {
        Cell::Text(s) if s.is_empty() => Ok((0, 1)),
        Cell::Text(s) => {
            let s = cell_text(s);
            let shown = s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            if shown > MAX_WIDTH || s.contains('\n') {
                // Wrapped within the widest column rather than running over its neighbours
                // (and off the printed page); the row is made as high as the lines need.
                ws.write_string_with_format(r, c, s.as_ref(), &f.wrap)?;
                return Ok((shown.min(MAX_WIDTH), wrapped_lines(&s, MAX_WIDTH)));
            }
            ws.write_string(r, c, s.as_ref())?;
            Ok((shown, 1))
        }
        Cell::Number(x) if x.is_finite() => {
            let shown = format!("{x:.2}");
            match style {
                SheetStyle::Output => {
                    ws.write_number_with_format(r, c, two_decimals(*x), &f.hours)?
                }
                SheetStyle::Input => ws.write_number(r, c, *x)?,
            };
            let width = match style {
                SheetStyle::Output => shown.len(),
                SheetStyle::Input => x.to_string().len(),
            };
            Ok((width, 1))
        }
        Cell::Number(x) => {
            let s = x.to_string();
            ws.write_string(r, c, &s)?;
            Ok((s.len(), 1))
        }
        Cell::Count(n) => {
            ws.write_number_with_format(r, c, *n as f64, &f.count)?;
            Ok((n.to_string().len(), 1))
        }
        Cell::Date(d, _) => {
            ws.write_number_with_format(r, c, date_serial(*d), &f.date)?;
            Ok((10, 1))
        }
        Cell::Time(m) => {
            let fmt = if *m >= 1440 { &f.time_24 } else { &f.time };
            ws.write_number_with_format(r, c, f64::from(*m) / 1440.0, fmt)?;
            Ok((5, 1))
        }
    }
}

/// On how many lines a spreadsheet wraps `text` in a column `width` characters wide (word by
/// word; a word longer than the line takes lines of its own). Spreadsheets do not size rows to
/// wrapped text when they open a file, so the rows are given this height.
pub(crate) fn wrapped_lines(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut lines = 0;
    for line in text.split('\n') {
        let mut used = 0;
        let mut count = 1;
        for word in line.split(' ') {
            let w = word.chars().count();
            if used > 0 && used + 1 + w > width {
                count += 1;
                used = 0;
            }
            if used > 0 {
                used += 1;
            }
            used += w;
            while used > width {
                count += 1;
                used -= width;
            }
        }
        lines += count;
    }
    lines.clamp(1, 409)
}

/// The height in points of a row of `lines` lines of the default 11-point font (Excel's most
/// is 409).
pub(crate) fn row_height(lines: usize) -> f64 {
    (15.0 * lines as f64).min(409.0)
}

/// A legal sheet name close to `wanted`, unique among `taken` (compared without case, as Excel
/// does), then added to it: the characters Excel refuses (`[ ] : * ? / \`) become `_`, a leading
/// or trailing `'` is dropped, the name is cut to 31 characters, and a second sheet of the same
/// name gets ` (2)`, and so on.
pub(crate) fn sheet_name(wanted: &str, taken: &mut BTreeSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base = if clean.is_empty() { "sheet" } else { clean };
    let mut n = 1usize;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let room = 31 - suffix.len();
        let mut name = String::new();
        let mut used = 0;
        for ch in base.chars() {
            used += ch.len_utf16();
            if used > room {
                break;
            }
            name.push(ch);
        }
        let mut name = name.trim_end().trim_end_matches('\'').to_string();
        if name.is_empty() {
            name.push_str("sheet");
        }
        name.push_str(&suffix);
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

/// The output tables' sheet names: the file name without `.csv`.
pub fn table_sheet_name(t: &DataTable) -> &str {
    t.file.strip_suffix(".csv").unwrap_or(t.file)
}

/// `roster.xlsx`: one sheet per output table (from the same tables as the CSV files), then one
/// printable week per worker.
pub fn roster_workbook(
    p: &Problem,
    roster: &Roster,
    tables: &[&DataTable],
) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Book::new("roster.xlsx", p.settings.week.monday())?;
    for t in tables {
        book.table_sheet(table_sheet_name(t), t, SheetStyle::Output, &[])?;
    }
    // Excel keeps `History` for itself; no worker sheet takes it.
    book.reserve("History");
    week::worker_sheets(&mut book, p, roster)?;
    book.finish()
}

/// A workbook of input tables to fill in (`caseload init`'s plan.xlsx): each table a sheet
/// named like its file, columns formatted by `kinds`, then a `notes` sheet.
pub fn template_workbook(
    created: NaiveDate,
    tables: &[(DataTable, Vec<ColumnKind>)],
    notes: &DataTable,
) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Book::new("plan.xlsx", created)?;
    for (t, kinds) in tables {
        book.table_sheet(table_sheet_name(t), t, SheetStyle::Input, kinds)?;
    }
    book.notes_sheet(notes)?;
    book.finish()
}

impl Book {
    /// The notes sheet: header frozen, long text wrapped.
    fn notes_sheet(&mut self, notes: &DataTable) -> Result<(), WorkbookError> {
        let file = self.file;
        let f = Formats::new();
        let e = |source| WorkbookError::Xlsx { file, source };
        let (_, ws) = self.sheet(table_sheet_name(notes))?;
        for (c, h) in notes.headers.iter().enumerate() {
            ws.write_string_with_format(0, col(c), *h, &f.header)
                .map_err(e)?;
        }
        let text = |cell: &Cell| match cell {
            Cell::Text(s) => s.clone(),
            _ => String::new(),
        };
        let mut widths: Vec<usize> = notes.headers.iter().map(|h| h.len()).collect();
        for row in &notes.rows {
            for (c, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(text(cell).chars().count());
                }
            }
        }
        for w in &mut widths {
            *w = (*w).clamp(8, 50);
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col(c), *w as f64 + 1.5).map_err(e)?;
        }
        for (r, row) in notes.rows.iter().enumerate() {
            let r = r as u32 + 1;
            let mut lines = 1;
            for (c, cell) in row.iter().enumerate() {
                let t = text(cell);
                if !t.is_empty() {
                    ws.write_string_with_format(r, col(c), cell_text(&t).as_ref(), &f.wrap)
                        .map_err(e)?;
                    lines = lines.max(wrapped_lines(&t, widths.get(c).copied().unwrap_or(50)));
                }
            }
            ws.set_row_height(r, row_height(lines)).map_err(e)?;
        }
        ws.set_freeze_panes(1, 0).map_err(e)?;
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut taken = BTreeSet::new();
        taken.insert("roster".to_string());
        assert_eq!(sheet_name("W01 Anna K.", &mut taken), "W01 Anna K.");
        assert_eq!(sheet_name("w01 anna k.", &mut taken), "w01 anna k. (2)");
        assert_eq!(sheet_name("Roster", &mut taken), "Roster (2)");
        assert_eq!(sheet_name("a/b:c[d]*?\\", &mut taken), "a_b_c_d____");
        assert_eq!(sheet_name("'quoted'", &mut taken), "quoted");
        assert_eq!(sheet_name("''", &mut taken), "sheet");
        let long = "Å".repeat(40);
        let a = sheet_name(&long, &mut taken);
        let b = sheet_name(&long, &mut taken);
        assert_eq!(a.encode_utf16().count(), 31);
        assert!(b.ends_with(" (2)") && b.encode_utf16().count() <= 31, "{b}");
        for n in &taken {
            assert!(rust_xlsxwriter::utility::check_sheet_name(n).is_ok(), "{n}");
        }
    }

    #[test]
    fn long_text_is_cut_to_what_a_cell_holds() {
        assert_eq!(cell_text("short"), "short");
        let long = "é".repeat(40_000);
        let cut = cell_text(&long);
        assert!(cut.encode_utf16().count() <= MAX_CELL_CHARS);
        assert!(cut.ends_with("the CSV file has it all)"));
    }

    #[test]
    fn wrapped_lines_count_word_by_word() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("one two", 10), 1);
        assert_eq!(wrapped_lines("one two three", 10), 2);
        assert_eq!(wrapped_lines("a\nb", 10), 2);
        assert_eq!(wrapped_lines(&"x".repeat(25), 10), 3);
        assert_eq!(row_height(2), 30.0);
        assert_eq!(row_height(1000), 409.0);
    }

    #[test]
    fn dates_are_excel_serials() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(date_serial(d), 46356.0);
        assert_eq!(two_decimals(0.004), 0.0);
        assert_eq!(two_decimals(1.23456), 1.23);
    }
}
