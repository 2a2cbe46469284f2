//! Plan workbooks for the tests: CSV tables written as the sheets of a `plan.xlsx`, with cells
//! typed as a team lead's Excel types them.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::Path;

/// Columns whose values are numbers in a spreadsheet.
const NUMBERS: [&str; 15] = [
    "contract_hours",
    "capacity_hours",
    "hourly_wage",
    "weekly_hours",
    "min_visits",
    "max_visits",
    "remote_max_share",
    "joint_visits",
    "max_visits_per_day",
    "lat",
    "lon",
    "staff",
    "minutes",
    "in_person_hours",
    "remote_hours",
];

/// A date as a date cell's value (`YYYY-MM-DD` or `D.M.YYYY`), if it is one.
fn date(v: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(v, "%d.%m.%Y"))
        .ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

/// A time as a time cell's value (`HH:MM` or `H.MM`), if it is one; `24:00` is midnight, 00:00.
fn time(v: &str) -> Option<ExcelDateTime> {
    let (h, m) = v.split_once([':', '.'])?;
    let (h, m): (u16, u8) = (h.parse().ok()?, m.parse().ok()?);
    ExcelDateTime::from_hms(h % 24, m, 0).ok()
}

/// The workbook of `sheets` (sheet name, CSV text), typed: dates in `date` columns as date cells,
/// times in `start` and `end` as time cells, numbers as numbers, a spreadsheet error (`#DIV/0!`,
/// `#N/A`) as a formula that gave it, the rest as text.
pub fn workbook_bytes(sheets: &[(&str, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let (date_format, time_format) = (
        Format::new().set_num_format("d.m.yyyy"),
        Format::new().set_num_format("hh:mm"),
    );
    for (name, text) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("a sheet name");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut headers: Vec<String> = Vec::new();
        for (r, record) in reader.records().enumerate() {
            let record = record.expect("CSV");
            for (c, v) in record.iter().enumerate() {
                let (row, col) = (r as u32, c as u16);
                if r == 0 {
                    headers.push(v.trim().to_lowercase());
                    ws.write_string(row, col, v).unwrap();
                    continue;
                }
                if v.is_empty() {
                    continue;
                }
                let header = headers.get(c).map(String::as_str).unwrap_or("");
                let number = v.replace(',', ".").parse::<f64>();
                if ["#DIV/0!", "#N/A", "#REF!", "#VALUE!"].contains(&v) {
                    ws.write_formula(row, col, Formula::new("=1/0").set_result(v))
                        .unwrap();
                    continue;
                }
                match (header, number) {
                    ("date", _) if date(v).is_some() => {
                        ws.write_datetime_with_format(row, col, date(v).unwrap(), &date_format)
                            .unwrap();
                    }
                    ("start" | "end", _) if time(v).is_some() => {
                        ws.write_datetime_with_format(row, col, time(v).unwrap(), &time_format)
                            .unwrap();
                    }
                    (h, Ok(x)) if NUMBERS.contains(&h) => {
                        ws.write_number(row, col, x).unwrap();
                    }
                    _ => {
                        ws.write_string(row, col, v).unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().expect("a workbook")
}

/// Moves every CSV table of the plan folder `dir` into `dir/plan.xlsx`, a sheet each named like
/// its file (`families.csv` → `families`).
pub fn csv_to_workbook(dir: &Path) {
    let mut tables: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) == Some("csv") {
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            tables.push((name, std::fs::read_to_string(&path).unwrap()));
            std::fs::remove_file(&path).unwrap();
        }
    }
    tables.sort();
    let sheets: Vec<(&str, &str)> = tables
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    std::fs::write(dir.join("plan.xlsx"), workbook_bytes(&sheets)).unwrap();
}

/// The text of the part `part` of the workbook `bytes`.
pub fn part_text(bytes: &[u8], part: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(part)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("text");
    text
}

/// The workbook `bytes` with each part's text passed through `edit(part, text)` (a damaged or
/// hostile workbook made from a good one).
pub fn edit_parts(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for i in 0..from.len() {
        let mut entry = from.by_index(i).expect("an entry");
        let name = entry.name().expect("a name").to_string();
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("text");
        to.start_file(name.as_str(), options).expect("an entry");
        to.write_all(edit(&name, text).as_bytes()).expect("written");
    }
    to.finish().expect("a zip").into_inner()
}

/// The part holding the sheet `sheet` (`xl/worksheets/sheet7.xml`), found through
/// `xl/workbook.xml` and its relationships.
pub fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let book = part_text(bytes, "xl/workbook.xml");
    let tag = &book[book
        .find(&format!("<sheet name=\"{sheet}\""))
        .expect("the sheet")..];
    let id = tag.split("r:id=\"").nth(1).expect("r:id");
    let id = &id[..id.find('"').unwrap()];
    let rels = part_text(bytes, "xl/_rels/workbook.xml.rels");
    let rel = &rels[rels
        .find(&format!("Id=\"{id}\""))
        .expect("the relationship")..];
    let rel = &rel[..rel.find("/>").unwrap()];
    let target = rel.split("Target=\"").nth(1).expect("Target");
    format!("xl/{}", &target[..target.find('"').unwrap()])
}

/// The workbook `bytes` with the cell `cell` (`D2`) of sheet `sheet` replaced by the XML `to`
/// (a `<c>` element, or several).
pub fn replace_cell(bytes: &[u8], sheet: &str, cell: &str, to: &str) -> Vec<u8> {
    let part = sheet_part(bytes, sheet);
    edit_parts(bytes, |name, text| {
        if name != part {
            return text;
        }
        let start = text
            .find(&format!("<c r=\"{cell}\""))
            .unwrap_or_else(|| panic!("no cell {cell} in {part}: {text}"));
        let rest = &text[start..];
        let end = start
            + match (rest.find("/>"), rest.find("</c>")) {
                // `<c r="D2"/>`, or `<c r="D2">...</c>`.
                (Some(a), Some(b)) if a + 1 == rest.find('>').unwrap() && a < b => a + 2,
                (_, Some(b)) => b + 4,
                (Some(a), None) => a + 2,
                (None, None) => panic!("an unterminated cell"),
            };
        format!("{}{to}{}", &text[..start], &text[end..])
    })
}
