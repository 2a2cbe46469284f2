//! A plain table of output values: what a report produces and `io` writes as CSV.
//!
//! Keeping numbers as numbers (and dates and times as dates and times) until they are written
//! lets one report be written both with a decimal point and, for Finnish Excel, with a decimal
//! comma, and as a workbook with real date, time and number cells.

use chrono::NaiveDate;

/// One value of an output table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Written with two decimals.
    Number(f64),
    Count(u64),
    /// A calendar date, with the text CSV writes for it (`YYYY-MM-DD`, or payroll's
    /// `date_format`).
    Date(NaiveDate, String),
    /// A time of day in minutes since midnight, 0..=1440 (`24:00` ends a day), written `HH:MM`.
    Time(u32),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(d: NaiveDate) -> Cell {
        Cell::Date(d, d.format("%Y-%m-%d").to_string())
    }

    /// A date written with a chrono `strftime` format the caller has checked (payroll's
    /// `date_format`, see `io::plan_toml::valid_date_format`).
    pub fn date_as(d: NaiveDate, format: &str) -> Cell {
        Cell::Date(d, d.format(format).to_string())
    }

    /// A time of day in minutes since midnight.
    pub fn time(minutes: u32) -> Cell {
        Cell::Time(minutes)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Number(x)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Count(u64::from(n))
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Count(n as u64)
    }
}

/// A named output table: file name, header and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTable {
    pub file: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

impl DataTable {
    pub fn new(file: &'static str, headers: &[&'static str]) -> DataTable {
        DataTable {
            file,
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "row width of {}", self.file);
        self.rows.push(row);
    }
}
