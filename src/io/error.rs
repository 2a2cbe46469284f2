//! Input problems, each with a stable code, the place it was found and what was expected.

use std::fmt;

/// Stable codes of input problems. The numbers never change meaning; new codes are appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    MissingFile,
    UnreadableFile,
    InvalidUtf8,
    ControlCharacter,
    MalformedCsv,
    MissingColumn,
    EmptyFile,
    MissingValue,
    BadNumber,
    BadTime,
    BadDate,
    BadPattern,
    BadRange,
    BadKind,
    OutOfRange,
    EndNotAfterStart,
    OutsideWeek,
    DuplicateId,
    UnknownLocation,
    UnknownWorker,
    UnknownFamily,
    UnknownRoom,
    PrimaryExcluded,
    NoTravelPath,
    NoQualifiedWorker,
    TomlSyntax,
    TomlValue,
    BadIsoWeek,
    RoomsRequired,
    MinAboveMax,
    NoQualifiedStaff,
    NoRows,
    BadDateFormat,
    YearOutOfRange,
    NotRegularFile,
    FileTooLarge,
    ScenarioLimit,
    FormulaStart,
    InvisibleCharacter,
    DuplicateColumn,
    MisspeltColumn,
    BadWorkbook,
    TableTwice,
    ErrorCell,
    MisspeltSheet,
    UnknownMeeting,
    KindMismatch,
    PastForbidden,
    TooLong,
    DamagedCell,
    DuplicateRow,
    TooManyRows,
}

impl ErrorCode {
    /// Every code, in number order.
    pub const ALL: [ErrorCode; 52] = [
        ErrorCode::MissingFile,
        ErrorCode::UnreadableFile,
        ErrorCode::InvalidUtf8,
        ErrorCode::ControlCharacter,
        ErrorCode::MalformedCsv,
        ErrorCode::MissingColumn,
        ErrorCode::EmptyFile,
        ErrorCode::MissingValue,
        ErrorCode::BadNumber,
        ErrorCode::BadTime,
        ErrorCode::BadDate,
        ErrorCode::BadPattern,
        ErrorCode::BadRange,
        ErrorCode::BadKind,
        ErrorCode::OutOfRange,
        ErrorCode::EndNotAfterStart,
        ErrorCode::OutsideWeek,
        ErrorCode::DuplicateId,
        ErrorCode::UnknownLocation,
        ErrorCode::UnknownWorker,
        ErrorCode::UnknownFamily,
        ErrorCode::UnknownRoom,
        ErrorCode::PrimaryExcluded,
        ErrorCode::NoTravelPath,
        ErrorCode::NoQualifiedWorker,
        ErrorCode::TomlSyntax,
        ErrorCode::TomlValue,
        ErrorCode::BadIsoWeek,
        ErrorCode::RoomsRequired,
        ErrorCode::MinAboveMax,
        ErrorCode::NoQualifiedStaff,
        ErrorCode::NoRows,
        ErrorCode::BadDateFormat,
        ErrorCode::YearOutOfRange,
        ErrorCode::NotRegularFile,
        ErrorCode::FileTooLarge,
        ErrorCode::ScenarioLimit,
        ErrorCode::FormulaStart,
        ErrorCode::InvisibleCharacter,
        ErrorCode::DuplicateColumn,
        ErrorCode::MisspeltColumn,
        ErrorCode::BadWorkbook,
        ErrorCode::TableTwice,
        ErrorCode::ErrorCell,
        ErrorCode::MisspeltSheet,
        ErrorCode::UnknownMeeting,
        ErrorCode::KindMismatch,
        ErrorCode::PastForbidden,
        ErrorCode::TooLong,
        ErrorCode::DamagedCell,
        ErrorCode::DuplicateRow,
        ErrorCode::TooManyRows,
    ];

    /// The stable code, `E001`..: what scripts and tests match on.
    pub fn code(&self) -> String {
        let n = ErrorCode::ALL
            .iter()
            .position(|c| c == self)
            .expect("every code is listed")
            + 1;
        format!("E{n:03}")
    }

    /// A short stable name for people.
    pub fn name(&self) -> &'static str {
        match self {
            ErrorCode::MissingFile => "missing-file",
            ErrorCode::UnreadableFile => "unreadable-file",
            ErrorCode::InvalidUtf8 => "invalid-utf8",
            ErrorCode::ControlCharacter => "control-character",
            ErrorCode::MalformedCsv => "malformed-csv",
            ErrorCode::MissingColumn => "missing-column",
            ErrorCode::EmptyFile => "empty-file",
            ErrorCode::MissingValue => "missing-value",
            ErrorCode::BadNumber => "bad-number",
            ErrorCode::BadTime => "bad-time",
            ErrorCode::BadDate => "bad-date",
            ErrorCode::BadPattern => "bad-pattern",
            ErrorCode::BadRange => "bad-range",
            ErrorCode::BadKind => "bad-kind",
            ErrorCode::OutOfRange => "out-of-range",
            ErrorCode::EndNotAfterStart => "end-not-after-start",
            ErrorCode::OutsideWeek => "outside-week",
            ErrorCode::DuplicateId => "duplicate-id",
            ErrorCode::UnknownLocation => "unknown-location",
            ErrorCode::UnknownWorker => "unknown-worker",
            ErrorCode::UnknownFamily => "unknown-family",
            ErrorCode::UnknownRoom => "unknown-room",
            ErrorCode::PrimaryExcluded => "primary-excluded",
            ErrorCode::NoTravelPath => "no-travel-path",
            ErrorCode::NoQualifiedWorker => "no-qualified-worker",
            ErrorCode::TomlSyntax => "toml-syntax",
            ErrorCode::TomlValue => "toml-value",
            ErrorCode::BadIsoWeek => "bad-iso-week",
            ErrorCode::RoomsRequired => "rooms-required",
            ErrorCode::MinAboveMax => "min-above-max",
            ErrorCode::NoQualifiedStaff => "no-qualified-staff",
            ErrorCode::NoRows => "no-rows",
            ErrorCode::BadDateFormat => "bad-date-format",
            ErrorCode::YearOutOfRange => "year-out-of-range",
            ErrorCode::NotRegularFile => "not-a-regular-file",
            ErrorCode::FileTooLarge => "file-too-large",
            ErrorCode::ScenarioLimit => "scenario-limit",
            ErrorCode::FormulaStart => "formula-start",
            ErrorCode::InvisibleCharacter => "invisible-character",
            ErrorCode::DuplicateColumn => "duplicate-column",
            ErrorCode::MisspeltColumn => "misspelt-column",
            ErrorCode::BadWorkbook => "bad-workbook",
            ErrorCode::TableTwice => "table-given-twice",
            ErrorCode::ErrorCell => "error-cell",
            ErrorCode::MisspeltSheet => "misspelt-sheet",
            ErrorCode::UnknownMeeting => "unknown-meeting",
            ErrorCode::KindMismatch => "kind-mismatch",
            ErrorCode::PastForbidden => "past-forbidden",
            ErrorCode::TooLong => "too-long",
            ErrorCode::DamagedCell => "damaged-cell",
            ErrorCode::DuplicateRow => "duplicate-row",
            ErrorCode::TooManyRows => "too-many-rows",
        }
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub code: ErrorCode,
    /// File name inside the plan folder, e.g. `families.csv` or `plan.xlsx`.
    pub file: String,
    /// The sheet, for a problem in a workbook.
    pub sheet: Option<String>,
    /// 1-based line (the row of a sheet); `None` for problems of a whole file.
    pub line: Option<usize>,
    /// The column (CSV, sheet: its header) or key (TOML), if the problem is in one.
    pub column: Option<String>,
    /// The column's letter in a sheet (`D`).
    pub letter: Option<String>,
    /// The offending value as found, if any.
    pub value: Option<String>,
    /// What was expected, as a full sentence fragment ("a number of hours such as 7.5").
    pub expected: String,
}

impl InputError {
    pub fn new(code: ErrorCode, file: &str, expected: impl Into<String>) -> Self {
        InputError {
            code,
            file: file.to_string(),
            sheet: None,
            line: None,
            column: None,
            letter: None,
            value: None,
            expected: expected.into(),
        }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn in_column(mut self, column: &str) -> Self {
        self.column = Some(column.to_string());
        self
    }

    /// In `sheet` of the workbook `file`.
    pub fn in_sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// The column's letter in a sheet.
    pub fn with_letter(mut self, letter: &str) -> Self {
        self.letter = Some(letter.to_string());
        self
    }

    pub fn with_value(mut self, value: &str) -> Self {
        // Only what a message shows is kept (a 50 MB cell is not copied into every problem).
        self.value = Some(kept(value));
        self
    }
}

/// A value as stored in a problem: at most [`KEPT_CHARS`] characters and a mark that there
/// was more, which [`shown`] turns into `…`.
const KEPT_CHARS: usize = 200;

fn kept(value: &str) -> String {
    match value.char_indices().nth(KEPT_CHARS) {
        Some((at, _)) => value[..at].to_string() + "…",
        None => value.to_string(),
    }
}

/// Shortens a value for a message; control characters are shown escaped.
fn shown(value: &str) -> String {
    let mut s: String = value
        .chars()
        .take(60)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().count() > 60 {
        s.push('…');
    }
    s
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match (&self.sheet, self.line) {
            (Some(sheet), Some(row)) => write!(f, ", sheet \"{}\", row {row}", shown(sheet))?,
            (Some(sheet), None) => write!(f, ", sheet \"{}\"", shown(sheet))?,
            (None, Some(line)) => write!(f, ":{line}")?,
            (None, None) => {}
        }
        write!(f, ": error[{} {}]", self.code.code(), self.code.name())?;
        match (&self.column, &self.letter) {
            (Some(col), Some(letter)) => write!(f, " column {letter} \"{col}\"")?,
            (Some(col), None) => write!(f, " column \"{col}\"")?,
            (None, Some(letter)) => write!(f, " column {letter}")?,
            (None, None) => {}
        }
        match &self.value {
            Some(v) => write!(f, ": found \"{}\", expected {}", shown(v), self.expected),
            None => write!(f, ": expected {}", self.expected),
        }
    }
}

/// Every problem found in one pass over the input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InputErrors(pub Vec<InputError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        write!(
            f,
            "{} problem(s) found in the input; nothing was written.",
            self.0.len()
        )
    }
}

impl std::error::Error for InputErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_unique() {
        assert_eq!(ErrorCode::MissingFile.code(), "E001");
        assert_eq!(ErrorCode::DuplicateId.code(), "E018");
        assert_eq!(ErrorCode::NoQualifiedStaff.code(), "E031");
        assert_eq!(ErrorCode::BadDateFormat.code(), "E033");
        assert_eq!(ErrorCode::YearOutOfRange.code(), "E034");
        assert_eq!(ErrorCode::DuplicateColumn.code(), "E040");
        assert_eq!(ErrorCode::MisspeltColumn.code(), "E041");
        assert_eq!(ErrorCode::MisspeltSheet.code(), "E045");
        assert_eq!(ErrorCode::UnknownMeeting.code(), "E046");
        assert_eq!(ErrorCode::KindMismatch.code(), "E047");
        assert_eq!(ErrorCode::PastForbidden.code(), "E048");
        assert_eq!(ErrorCode::TooLong.code(), "E049");
        assert_eq!(ErrorCode::DamagedCell.code(), "E050");
        assert_eq!(ErrorCode::DuplicateRow.code(), "E051");
        assert_eq!(ErrorCode::TooManyRows.code(), "E052");
        let names: std::collections::HashSet<_> = ErrorCode::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), ErrorCode::ALL.len());
    }

    #[test]
    fn a_sheet_error_names_the_workbook_sheet_row_letter_and_header() {
        let e = InputError::new(ErrorCode::BadNumber, "plan.xlsx", "a number such as 7.5")
            .in_sheet("families")
            .at_line(12)
            .in_column("weekly_hours")
            .with_letter("C")
            .with_value("seven");
        assert_eq!(
            e.to_string(),
            "plan.xlsx, sheet \"families\", row 12: error[E009 bad-number] column C \"weekly_hours\": found \"seven\", expected a number such as 7.5"
        );
    }

    #[test]
    fn message_names_file_line_column_value_and_expectation() {
        let e = InputError::new(
            ErrorCode::BadNumber,
            "families.csv",
            "a number of hours such as 7.5",
        )
        .at_line(12)
        .in_column("weekly_hours")
        .with_value("seven");
        assert_eq!(
            e.to_string(),
            "families.csv:12: error[E009 bad-number] column \"weekly_hours\": found \"seven\", expected a number of hours such as 7.5"
        );
    }
}
