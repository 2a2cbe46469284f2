//! Reading one CSV file of the plan: BOM, UTF-8 (or Windows-1252 when the bytes are not UTF-8)
//! and control-byte checks, delimiter detection,
//! rows with their line numbers, and column lookup by name. A sheet of a workbook
//! ([`super::sheet`]) becomes the same [`Table`], so that every check is shared.

use super::error::{ErrorCode, InputError};
use super::limits::CSV_ROWS;
use super::schema::{Schema, probably_meant};
use std::collections::HashMap;
use std::path::Path;

/// One data row with the line it starts on (the header is line 1).
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A CSV file (or a sheet of a workbook) read into memory.
#[derive(Debug, Clone)]
pub struct Table {
    /// The CSV file, or the workbook of a sheet.
    pub file: String,
    /// The sheet of the workbook `file`, for a table read from one.
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub delimiter: u8,
    /// How the file's bytes were read (a sheet is always text: UTF-8).
    pub encoding: Encoding,
    /// The line (or sheet row) of the header.
    pub header_line: usize,
    /// Columns the table's [`Schema`] does not know, read past (see [`Table::check_columns`]).
    pub ignored: Vec<String>,
    /// Columns right of a sheet's header that hold values (by position).
    pub beyond_header: Vec<usize>,
    /// Cells (line, column position) whose problem the sheet reader already reported (an
    /// error cell, a control character): not reported again by the field checks.
    pub reported_cells: std::collections::HashSet<(usize, usize)>,
    index: HashMap<String, usize>,
}

/// The letters of a sheet's column at 0-based position `i`: `A`, .., `Z`, `AA`, ..
pub fn column_letters(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Where a table's rows come from, for problems found after its rows were read (cross-file
/// checks): the file, the sheet and the letters of its columns.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub file: String,
    pub sheet: Option<String>,
    letters: HashMap<String, String>,
}

impl Origin {
    /// A CSV file of the plan folder.
    pub fn csv(file: &str) -> Origin {
        Origin {
            file: file.to_string(),
            ..Origin::default()
        }
    }

    /// A problem of this table.
    pub fn error(&self, code: ErrorCode, expected: impl Into<String>) -> InputError {
        let e = InputError::new(code, &self.file, expected);
        match &self.sheet {
            Some(sheet) => e.in_sheet(sheet),
            None => e,
        }
    }

    /// A problem in `column` of this table.
    pub fn column_error(
        &self,
        code: ErrorCode,
        column: &str,
        expected: impl Into<String>,
    ) -> InputError {
        let e = self.error(code, expected).in_column(column);
        match self.letters.get(column) {
            Some(letter) => e.with_letter(letter),
            None => e,
        }
    }

    /// The table as the user names it: `families.csv`, or `plan.xlsx, sheet families`.
    pub fn label(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet {sheet}", self.file),
            None => self.file.clone(),
        }
    }
}

impl Table {
    /// A table of `headers` (trimmed, lowercase; empty for a column without one) and `rows`;
    /// a column named twice is recorded as a problem and makes it unusable, as in a CSV file.
    pub fn new(
        file: &str,
        sheet: Option<&str>,
        headers: Vec<String>,
        rows: Vec<Row>,
        header_line: usize,
        errors: &mut Vec<InputError>,
    ) -> Result<Table, Unusable> {
        let mut t = Table {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            headers,
            rows,
            delimiter: b',',
            encoding: Encoding::Utf8,
            header_line,
            ignored: Vec::new(),
            beyond_header: Vec::new(),
            reported_cells: Default::default(),
            index: HashMap::new(),
        };
        let mut ok = true;
        for (i, h) in t.headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            // Names match without case and surrounding spaces, so ` Base` repeats `base`: which
            // one is meant cannot be known, and neither is taken.
            if let Some(&first) = t.index.get(h) {
                ok = false;
                let e = t
                    .origin_error(
                        ErrorCode::DuplicateColumn,
                        format!(
                            "each column once (\"{h}\" is column {} and column {}; delete or rename one)",
                            t.position_name(first),
                            t.position_name(i)
                        ),
                    )
                    .at_line(header_line)
                    .in_column(h)
                    .with_value(h);
                errors.push(e);
            } else {
                t.index.insert(h.clone(), i);
            }
        }
        if ok { Ok(t) } else { Err(Unusable) }
    }

    /// Where the table comes from, with the letters of its columns in a sheet.
    pub fn origin(&self) -> Origin {
        let letters = match self.sheet {
            Some(_) => self
                .index
                .iter()
                .map(|(h, &i)| (h.clone(), column_letters(i)))
                .collect(),
            None => HashMap::new(),
        };
        Origin {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            letters,
        }
    }

    /// The table as the user names it: `families.csv`, or `plan.xlsx, sheet families`.
    pub fn label(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet {sheet}", self.file),
            None => self.file.clone(),
        }
    }

    /// A problem of this table (file, and sheet if any).
    fn origin_error(&self, code: ErrorCode, expected: impl Into<String>) -> InputError {
        let e = InputError::new(code, &self.file, expected);
        match &self.sheet {
            Some(sheet) => e.in_sheet(sheet),
            None => e,
        }
    }

    /// A problem in `column` of this table, with the column's letter in a sheet.
    pub fn column_error(
        &self,
        code: ErrorCode,
        column: &str,
        expected: impl Into<String>,
    ) -> InputError {
        let e = self.origin_error(code, expected).in_column(column);
        match (&self.sheet, self.column(column)) {
            (Some(_), Some(i)) => e.with_letter(&column_letters(i)),
            _ => e,
        }
    }

    /// The column's position, if the header has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The trimmed value of `name` in `row` ("" when the column is absent).
    pub fn get<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.column(name)
            .and_then(|i| row.fields.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    /// The value of `name` in `row` as it is in the file ("" when the column is absent).
    pub fn get_untrimmed<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.column(name)
            .and_then(|i| row.fields.get(i))
            .map(|s| s.as_str())
            .unwrap_or("")
    }

    /// Checks the header against `schema` (SPEC, general rules): a column that looks like a
    /// misspelt known one is an error naming the column it probably meant; any other unknown
    /// column, and a column without a header that holds values, is listed in `ignored`; each
    /// required column the header lacks is reported (unless a misspelling of it was). True when
    /// every required column is there, so that the rows can be read.
    pub fn check_columns(&mut self, schema: &Schema, errors: &mut Vec<InputError>) -> bool {
        let mut meant = Vec::new();
        for (i, h) in self.headers.iter().enumerate() {
            if h.is_empty() {
                let holds_values = self
                    .rows
                    .iter()
                    .any(|r| r.fields.get(i).is_some_and(|f| !f.trim().is_empty()));
                if holds_values {
                    self.ignored
                        .push(format!("column {} (no header)", self.position_name(i)));
                }
                continue;
            }
            if self.index.get(h) != Some(&i) {
                continue;
            }
            if schema.knows(h) {
                continue;
            }
            match probably_meant(h, schema.columns()) {
                Some(k) => {
                    meant.push(k);
                    errors.push(
                        self.column_error(
                            ErrorCode::MisspeltColumn,
                            h,
                            format!(
                                "a column {} knows: `{h}` — did you mean `{k}`? (rename the column; caseload ignores only columns that look like none of its own, and would lose these values)",
                                match self.sheet {
                                    Some(_) => format!("the sheet {}", schema.sheet),
                                    None => schema.file.to_string(),
                                }
                            ),
                        )
                        .at_line(self.header_line),
                    );
                }
                None => self.ignored.push(h.clone()),
            }
        }
        for &i in &self.beyond_header {
            self.ignored
                .push(format!("column {} (no header)", self.position_name(i)));
        }
        let missing: Vec<&str> = schema
            .required
            .iter()
            .copied()
            .filter(|c| !meant.contains(c))
            .collect();
        self.require_columns(&missing, errors) && schema.required.iter().all(|c| self.has_column(c))
    }

    /// How a column is named by position: its number in a CSV file, its letter in a sheet.
    fn position_name(&self, i: usize) -> String {
        match self.sheet {
            Some(_) => column_letters(i),
            None => (i + 1).to_string(),
        }
    }

    /// Reports each required column the header lacks; true when all are present.
    pub fn require_columns(&self, required: &[&str], errors: &mut Vec<InputError>) -> bool {
        let mut ok = true;
        for col in required {
            if !self.has_column(col) {
                ok = false;
                let found: Vec<&str> = self
                    .headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .map(String::as_str)
                    .collect();
                errors.push(
                    self.origin_error(
                        ErrorCode::MissingColumn,
                        format!(
                            "a header with the column \"{col}\" (found: {})",
                            found.join(", ")
                        ),
                    )
                    .at_line(self.header_line)
                    .in_column(col),
                );
            }
        }
        ok
    }
}

/// Picks `;` when the header line has more semicolons than commas, else `,`.
pub fn detect_delimiter(header_line: &str) -> u8 {
    if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// A file that exists but cannot be used; the reasons are already recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unusable;

/// The 1-based line of byte offset `at` (for one lookup; many go through [`LineIndex`]).
/// A line ends in `\n`, `\r\n` or a lone `\r`.
pub(crate) fn line_at(bytes: &[u8], at: usize) -> usize {
    let head = &bytes[..at.min(bytes.len())];
    let lone_cr = head
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    head.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1
}

/// Line numbers of byte offsets, from the positions of the newlines found once (a record's
/// line is looked up in O(log n), so that large files read in linear time).
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(bytes: &[u8]) -> Self {
        LineIndex(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The 1-based line of byte `at`.
    fn line(&self, at: usize) -> usize {
        self.0.partition_point(|&nl| nl < at) + 1
    }

    /// The line of a record that the reader says starts at byte `at` (which may point at
    /// blank lines skipped before it).
    fn record_line(&self, bytes: &[u8], mut at: usize) -> usize {
        while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        self.line(at)
    }
}

/// Turns every line end outside quoted fields (`\r\n` or a lone `\r`) into `\n`. A carriage
/// return inside a quoted field is left alone, so that the field checks still see it (an id
/// starting with one is a formula start, one inside a name a control character). A quote opens
/// a quoted field only at the start of a field (after a line end, `,` or `;`), as CSV reads it.
fn normalize_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut quoted, mut field_start) = (false, true);
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    out.push(c);
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            out.push(c);
            continue;
        }
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                field_start = true;
            }
            '\n' | ',' | ';' => {
                out.push(c);
                field_start = true;
            }
            '"' if field_start => {
                out.push(c);
                quoted = true;
            }
            _ => {
                out.push(c);
                field_start = false;
            }
        }
    }
    out
}

/// Reads `dir/file`. Returns `Ok(None)` when the file does not exist (the caller knows whether
/// it is required) and `Err(Unusable)` after recording why an existing file cannot be used
/// (not a regular file, above [`super::read::CSV_LIMIT`], unreadable, not CSV).
pub fn read_table(
    dir: &Path,
    file: &str,
    errors: &mut Vec<InputError>,
) -> Result<Option<Table>, Unusable> {
    use super::read::{CSV_LIMIT, ReadFailure, read_limited};
    let bytes = match read_limited(&dir.join(file), file, CSV_LIMIT) {
        Ok(b) => b,
        Err(ReadFailure::NotFound) => return Ok(None),
        Err(ReadFailure::Unusable(e)) => {
            errors.push(*e);
            return Err(Unusable);
        }
    };
    parse_table(file, &bytes, errors).map(Some)
}

/// The problem of a file or sheet with more than [`CSV_ROWS`] data rows (at the first row
/// past the limit).
pub fn too_many_rows(file: &str) -> InputError {
    InputError::new(
        ErrorCode::TooManyRows,
        file,
        format!(
            "at most {} data rows (the header and blank lines not counted); this is the first row past the limit. Split the file, or leave out rows that are not of this week",
            super::limits::spaced(CSV_ROWS as u64)
        ),
    )
}

/// The encodings a CSV file may come in (SPEC: UTF-8, with or without a BOM; a file that is not
/// valid UTF-8 is read as Windows-1252, what Finnish Excel's "CSV (semicolon separated)" writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The text of CSV bytes: UTF-8 (a leading BOM dropped), or, when the bytes are not valid
/// UTF-8, Windows-1252 (every byte is a character there; the five bytes it leaves undefined
/// become control characters, which the reader refuses with their line). UTF-16 (Excel's
/// "Unicode text") is refused: read as Windows-1252 it would be every other byte a NUL.
fn decode<'b>(
    file: &str,
    bytes: &'b [u8],
) -> Result<(std::borrow::Cow<'b, str>, Encoding), Box<InputError>> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Box::new(
            InputError::new(
                ErrorCode::InvalidUtf8,
                file,
                "UTF-8 text: this file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or \"CSV (semicolon separated)\"",
            )
            .at_line(1),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok((std::borrow::Cow::Borrowed(t), Encoding::Utf8)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text, Encoding::Windows1252))
        }
    }
}

/// Says on stderr, once per file and run, that `file` was read in `encoding` rather than
/// UTF-8 (a plan folder read again, as `month` does for each week, says it once).
fn note_encoding(file: &str, encoding: Encoding) {
    use std::io::Write as _;
    static NOTED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut noted = NOTED.lock().unwrap_or_else(|e| e.into_inner());
    if noted.iter().any(|f| f == file) {
        return;
    }
    noted.push(file.to_string());
    let _ = writeln!(
        std::io::stderr(),
        "caseload: note: {}: not UTF-8, read as {} (as Excel's \"CSV (semicolon separated)\" saves it)",
        crate::report::text::terminal(file),
        encoding.name()
    );
}

/// Parses CSV bytes; see [`read_table`].
pub fn parse_table(
    file: &str,
    bytes: &[u8],
    errors: &mut Vec<InputError>,
) -> Result<Table, Unusable> {
    let (decoded, encoding) = match decode(file, bytes) {
        Ok(d) => d,
        Err(e) => {
            errors.push(*e);
            return Err(Unusable);
        }
    };
    if encoding != Encoding::Utf8 {
        note_encoding(file, encoding);
    }
    let text: &str = &decoded;
    // Lines end in `\n`, `\r\n` or a lone `\r` (Excel for Mac's "CSV (Macintosh)"); from
    // here on every one is `\n`, so that line numbers count each kind alike.
    let normalized;
    let text = if text.contains('\r') {
        normalized = normalize_line_ends(text);
        normalized.as_str()
    } else {
        text
    };
    let mut bad_control = false;
    for (i, line) in text.split('\n').enumerate() {
        if let Some(c) = line
            .chars()
            .find(|&c| (c.is_control() && c != '\t' && c != '\r') || c == '\u{feff}')
        {
            bad_control = true;
            errors.push(
                InputError::new(
                    ErrorCode::ControlCharacter,
                    file,
                    "printable text without control characters",
                )
                .at_line(i + 1)
                .with_value(&c.to_string()),
            );
            if errors.iter().filter(|e| e.file == file).count() >= 20 {
                break;
            }
        }
    }
    if bad_control {
        return Err(Unusable);
    }
    let header = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty());
    let Some((header_at, header_line)) = header.map(|(i, l)| (i + 1, l)) else {
        errors.push(
            InputError::new(
                ErrorCode::EmptyFile,
                file,
                "a header row naming the columns",
            )
            .at_line(1),
        );
        return Err(Unusable);
    };
    // Tab-separated text ("Text (Tab delimited)", or a copy from a sheet) is no CSV: with `,`
    // the whole header would be one column, and every required column "missing".
    let tabs = header_line.matches('\t').count();
    if tabs > 0 && tabs >= header_line.matches([',', ';']).count() {
        errors.push(
            InputError::new(
                ErrorCode::MalformedCsv,
                file,
                "values separated by `;` or `,`: the file is tab-separated; save it as CSV with `;` or `,` (in Excel: Save As, \"CSV UTF-8\" or \"CSV (semicolon delimited)\")",
            )
            .at_line(header_at),
        );
        return Err(Unusable);
    }
    let delimiter = detect_delimiter(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            errors.push(
                InputError::new(
                    ErrorCode::MalformedCsv,
                    file,
                    format!("a readable header row ({e})"),
                )
                .at_line(header_at),
            );
            return Err(Unusable);
        }
    };
    // The header's problems come before the rows'.
    let width = headers.len();
    let table = Table::new(file, None, headers, Vec::new(), header_at, errors);
    let mut ok = true;
    let mut rows = Vec::new();
    let lines = LineIndex::new(text.as_bytes());
    let mut records = 0usize;
    for record in reader.records() {
        match record {
            Ok(r) => {
                // The csv crate's own line count skips blank lines, so the line comes from the
                // first byte of the record's own text.
                let line = r
                    .position()
                    .map(|p| lines.record_line(text.as_bytes(), p.byte() as usize))
                    .unwrap_or(0);
                if r.iter().any(|f| !f.trim().is_empty()) {
                    records += 1;
                }
                if records > CSV_ROWS {
                    // The SPEC's limit: nothing past it is read, so neither the rows nor their
                    // problems grow without bound (a file of 64 MiB holds millions of short rows).
                    errors.push(
                        too_many_rows(file)
                            .at_line(line)
                            .with_value(&format!("data row {records}")),
                    );
                    return Err(Unusable);
                }
                if r.len() != width {
                    // A trailing empty field beyond the header is harmless (a stray delimiter).
                    let extra_empty =
                        r.len() > width && r.iter().skip(width).all(|f| f.trim().is_empty());
                    if !extra_empty {
                        ok = false;
                        // `7,5` in a `,`-separated file is two fields.
                        let split_number = delimiter == b','
                            && r.len() > width
                            && r.iter().zip(r.iter().skip(1)).any(|(a, b)| {
                                let digits = |s: &str| {
                                    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
                                };
                                digits(a.trim()) && digits(b.trim())
                            });
                        let hint = if split_number {
                            " (a decimal comma such as 7,5 splits a value in a `,`-separated file: write 7.5, or separate the values with `;`)"
                        } else {
                            ""
                        };
                        errors.push(
                            InputError::new(
                                ErrorCode::MalformedCsv,
                                file,
                                format!(
                                    "{} fields like the header, found {}{hint}",
                                    width,
                                    r.len()
                                ),
                            )
                            .at_line(line),
                        );
                        continue;
                    }
                }
                if r.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                rows.push(Row {
                    line,
                    fields: r.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => {
                ok = false;
                let line = e
                    .position()
                    .map(|p| lines.record_line(text.as_bytes(), p.byte() as usize))
                    .unwrap_or(0);
                errors.push(
                    InputError::new(
                        ErrorCode::MalformedCsv,
                        file,
                        format!("well-formed CSV ({e})"),
                    )
                    .at_line(line),
                );
            }
        }
    }
    let mut table = table?;
    if !ok {
        return Err(Unusable);
    }
    table.rows = rows;
    table.delimiter = delimiter;
    table.encoding = encoding;
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> (Result<Table, Unusable>, Vec<InputError>) {
        let mut errors = Vec::new();
        let t = parse_table("t.csv", s, &mut errors);
        (t, errors)
    }

    #[test]
    fn a_file_of_more_than_200_000_data_rows_stops_at_the_first_past_the_limit() {
        // Blank lines are no rows: 200 000 rows and a blank line read; one row more does not.
        let mut text = String::from("id,name\n\n");
        for i in 0..CSV_ROWS {
            text.push_str(&format!("{i},x\n"));
        }
        text.push('\n');
        let (t, errors) = parse(text.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(t.ok().map(|t| t.rows.len()), Some(200_000));
        text.push_str("200000,x\n");
        let (t, errors) = parse(text.as_bytes());
        assert!(t.is_err());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, ErrorCode::TooManyRows);
        // Header on line 1, a blank line 2, rows on lines 3..=200 002, a blank line 200 003.
        assert_eq!(errors[0].line, Some(200_004));
        assert_eq!(errors[0].value.as_deref(), Some("data row 200001"));
    }

    #[test]
    fn bom_semicolons_and_line_numbers() {
        let (t, e) = parse(b"\xEF\xBB\xBFid;weekly_hours\nF1;7,5\n\nF2;3\n");
        let t = t.unwrap();
        assert!(e.is_empty());
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers, vec!["id", "weekly_hours"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 4);
        assert_eq!(t.get(&t.rows[0], "weekly_hours"), "7,5");
    }

    #[test]
    fn short_rows_are_reported_with_their_line() {
        let (t, e) = parse(b"id,a,b\n1,2,3\n4,5\n6,7,8\n");
        assert!(t.is_err());
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, ErrorCode::MalformedCsv);
        assert_eq!(e[0].line, Some(3));
    }

    #[test]
    fn windows_1252_is_read_when_the_file_is_not_utf8() {
        // "Hämäläinen;Pöllö €" as Finnish Excel's "CSV (semicolon separated)" saves it.
        let (t, e) = parse(b"id;name\nW01;H\xe4m\xe4l\xe4inen\nW02;P\xf6ll\xf6 \x80\n");
        let t = t.unwrap();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(t.encoding, Encoding::Windows1252);
        assert_eq!(t.get(&t.rows[0], "name"), "Hämäläinen");
        assert_eq!(t.get(&t.rows[1], "name"), "Pöllö €");
        assert_eq!(t.rows[1].line, 3);
        // UTF-8 stays UTF-8, with or without a BOM.
        for bytes in [
            &b"id;name\nW01;P\xc3\xb6ll\xc3\xb6\n"[..],
            b"\xEF\xBB\xBFid;name\nW01;P\xc3\xb6ll\xc3\xb6\n",
        ] {
            let t = parse(bytes).0.unwrap();
            assert_eq!(t.encoding, Encoding::Utf8);
            assert_eq!(t.get(&t.rows[0], "name"), "Pöllö");
        }
        // A byte Windows-1252 leaves undefined is a control character, refused at its line.
        let (t, e) = parse(b"id,name\n1,ok\n2,\xe4\x81\n");
        assert!(t.is_err());
        assert_eq!(e[0].code, ErrorCode::ControlCharacter);
        assert_eq!(e[0].line, Some(3));
    }

    #[test]
    fn utf16_is_refused_with_how_to_save_it() {
        for bom in [&b"\xFF\xFE"[..], b"\xFE\xFF"] {
            let mut bytes = bom.to_vec();
            bytes.extend("id,name\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
            let (t, e) = parse(&bytes);
            assert!(t.is_err());
            assert_eq!(e[0].code, ErrorCode::InvalidUtf8);
            assert_eq!(e[0].line, Some(1));
            assert!(e[0].expected.contains("UTF-16"), "{e:?}");
        }
    }

    #[test]
    fn control_bytes_and_empty_files_are_rejected() {
        let (_, e) = parse(b"id,name\n1,a\x07b\n");
        assert_eq!(e[0].code, ErrorCode::ControlCharacter);
        assert_eq!(e[0].line, Some(2));
        let (_, e) = parse(b"\xEF\xBB\xBF  \n");
        assert_eq!(e[0].code, ErrorCode::EmptyFile);
    }

    #[test]
    fn cr_only_crlf_and_mixed_line_ends_give_the_same_rows_and_lines() {
        let lf = parse(b"id,n\n1,a\n\n2,b\n3,c\n").0.unwrap();
        for bytes in [
            &b"id,n\r1,a\r\r2,b\r3,c\r"[..],
            b"id,n\r\n1,a\r\n\r\n2,b\r\n3,c\r\n",
            b"id,n\r1,a\n\r\n2,b\r3,c",
        ] {
            let (t, e) = parse(bytes);
            let t = t.unwrap_or_else(|_| panic!("{e:?}"));
            assert_eq!(t.headers, lf.headers);
            let rows = |t: &Table| -> Vec<(usize, Vec<String>)> {
                t.rows.iter().map(|r| (r.line, r.fields.clone())).collect()
            };
            assert_eq!(rows(&t), rows(&lf), "{bytes:?}");
        }
        // A byte Windows-1252 leaves undefined (a control character) on a CR-ended line.
        let (_, e) = parse(b"id,n\r1,a\r2,\x81\r");
        assert_eq!(e[0].line, Some(3));
        let (_, e) = parse(b"id,n\r1,a\r2\r");
        assert_eq!(e[0].line, Some(3));
        // Inside quotes a carriage return stays (for the field checks); outside it ends a line.
        assert_eq!(
            normalize_line_ends("a,\"x\ry\"\"\r\"\rb;\"\r\"\r\nc\"d\re"),
            "a,\"x\ry\"\"\r\"\nb;\"\r\"\nc\"d\ne"
        );
    }

    #[test]
    fn a_column_named_twice_is_an_error_naming_both() {
        let (t, e) = parse(b"id,name, ID ,b,NAME\n1,a,2,3,4\n");
        assert!(t.is_err());
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].code, ErrorCode::DuplicateColumn);
        assert_eq!(e[0].column.as_deref(), Some("id"));
        assert!(
            e[0].expected.contains("column 1 and column 3"),
            "{}",
            e[0].expected
        );
        assert!(
            e[1].expected.contains("column 2 and column 5"),
            "{}",
            e[1].expected
        );
    }

    #[test]
    fn unknown_columns_are_listed_and_misspelt_ones_are_errors() {
        let (t, e) = parse(b"\n Id ,Name,LAT,lon,Notes,,nmae,lon g\n1,a,2,3,x,y,z,\n4,b,5,6,,,,\n");
        let mut t = t.unwrap();
        assert!(e.is_empty());
        assert_eq!(t.header_line, 2);
        let mut e = Vec::new();
        assert!(t.check_columns(&crate::io::schema::LOCATIONS, &mut e));
        assert_eq!(t.ignored, vec!["notes", "column 6 (no header)"]);
        let found: Vec<(ErrorCode, Option<usize>, Option<&str>)> = e
            .iter()
            .map(|e| (e.code, e.line, e.column.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (ErrorCode::MisspeltColumn, Some(2), Some("nmae")),
                (ErrorCode::MisspeltColumn, Some(2), Some("lon g")),
            ]
        );
        assert!(e[0].expected.contains("did you mean `name`?"), "{}", e[0]);
        // A misspelt required column is one problem, and the rows cannot be read.
        let (t, _) = parse(b"id,nam,lat,lon\n1,a,2,3\n");
        let mut e = Vec::new();
        assert!(
            !t.unwrap()
                .check_columns(&crate::io::schema::LOCATIONS, &mut e)
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code, ErrorCode::MisspeltColumn);
    }

    #[test]
    fn missing_columns_are_each_reported() {
        let (t, _) = parse(b"id,name\n1,a\n");
        let mut e = Vec::new();
        assert!(!t.unwrap().require_columns(&["id", "lat", "lon"], &mut e));
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].column.as_deref(), Some("lat"));
    }
}
