//! A plain table of output values: what a report produces and `io` writes as CSV.
//!
//! Keeping numbers as numbers until they are written lets one report be written both with a
//! decimal point and, for Finnish Excel, with a decimal comma.

/// One value of an output table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Written with two decimals.
    Number(f64),
    Count(u64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
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
