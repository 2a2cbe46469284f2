//! Writing outputs: CSV rendering (international or Finnish Excel style), safe to open in a
//! spreadsheet. Folders are written by [`super::folder`].

use crate::model::table::{Cell, DataTable};
use crate::model::time::fmt_hm;

/// How CSV output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvStyle {
    /// `;`, decimal comma and a UTF-8 BOM, so Finnish Excel opens the file right.
    pub finnish: bool,
}

impl CsvStyle {
    pub fn number(&self, x: f64) -> String {
        let x = if x.abs() < 0.005 { 0.0 } else { x };
        let s = format!("{x:.2}");
        if self.finnish { s.replace('.', ",") } else { s }
    }

    fn cell(&self, c: &Cell) -> String {
        match c {
            Cell::Text(s) => neutralise(s),
            Cell::Number(x) => self.number(*x),
            Cell::Count(n) => n.to_string(),
            Cell::Date(_, text) => neutralise(text),
            Cell::Time(m) => fmt_hm(*m),
        }
    }

    /// The table as CSV bytes.
    pub fn render(&self, table: &DataTable) -> Vec<u8> {
        let mut out = Vec::new();
        if self.finnish {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(if self.finnish { b';' } else { b',' })
            .from_writer(out);
        w.write_record(&table.headers)
            .expect("writing to memory cannot fail");
        for row in &table.rows {
            w.write_record(row.iter().map(|c| self.cell(c)))
                .expect("writing to memory cannot fail");
        }
        w.into_inner().expect("writing to memory cannot fail")
    }
}

/// A payroll system's import file (`[payroll] preset`): `;` between values, a decimal comma,
/// CR LF line ends, UTF-8 without a byte-order mark, values quoted only where they hold `;`, a
/// quote or a line break, and the header row only where the system's layout has one.
pub fn render_import(table: &DataTable, header: bool) -> Vec<u8> {
    let style = CsvStyle { finnish: true };
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if header {
        w.write_record(&table.headers)
            .expect("writing to memory cannot fail");
    }
    for row in &table.rows {
        w.write_record(row.iter().map(|c| style.cell(c)))
            .expect("writing to memory cannot fail");
    }
    w.into_inner().expect("writing to memory cannot fail")
}

/// Text a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, as the OWASP advice on CSV injection says, so Excel shows
/// it as text and runs nothing. Input ids and labels never start so (validation refuses them);
/// this guards free text caseload writes itself. Numbers are [`Cell::Number`], never touched.
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> DataTable {
        let mut t = DataTable::new("x.csv", &["id", "hours", "reason"]);
        t.push(vec![
            Cell::text("F1"),
            Cell::Number(7.5),
            Cell::text("busy, all week"),
        ]);
        t
    }

    #[test]
    fn international_and_finnish_styles() {
        let plain = String::from_utf8(CsvStyle::default().render(&table())).unwrap();
        assert_eq!(plain, "id,hours,reason\nF1,7.50,\"busy, all week\"\n");
        let fi = CsvStyle { finnish: true }.render(&table());
        assert!(fi.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(
            String::from_utf8(fi[3..].to_vec()).unwrap(),
            "id;hours;reason\nF1;7,50;busy, all week\n"
        );
    }

    #[test]
    fn import_files_use_semicolons_decimal_commas_and_crlf_without_bom() {
        let with = String::from_utf8(render_import(&table(), true)).unwrap();
        assert_eq!(with, "id;hours;reason\r\nF1;7,50;busy, all week\r\n");
        let without = String::from_utf8(render_import(&table(), false)).unwrap();
        assert_eq!(without, "F1;7,50;busy, all week\r\n");
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_neutralised() {
        let mut t = DataTable::new("x.csv", &["reason", "hours"]);
        for bad in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            t.push(vec![Cell::text(bad), Cell::Number(-1.5)]);
        }
        t.push(vec![Cell::text("W01 = busy"), Cell::Number(2.0)]);
        let csv = String::from_utf8(CsvStyle::default().render(&t)).unwrap();
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        let cells: Vec<(String, String)> = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                (rec[0].to_string(), rec[1].to_string())
            })
            .collect();
        for (reason, hours) in &cells[..6] {
            assert!(
                reason.starts_with('\''),
                "{reason:?} reaches Excel as a formula"
            );
            assert_eq!(hours, "-1.50", "numbers stay numbers");
        }
        assert_eq!(cells[6].0, "W01 = busy");
    }
}
