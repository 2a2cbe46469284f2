//! The workbook reader on a valid workbook with one part replaced by arbitrary bytes (the first
//! byte picks the part: the sheet, the shared strings, the workbook, its relationships): the
//! parts the pre-scan (`io::sheet::scan`) and calamine read are reached far more often than from
//! random zips. It must return tables or errors naming the workbook, never panic (built with
//! panic=abort, calamine's panics are found too), and stay within libFuzzer's memory limit.
#![no_main]

use caseload::io::sheet::{Opened, parse_workbook};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="locations" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="inlineStr"><is><t>Office</t></is></c><c r="C2"><v>66.5</v></c><c r="D2"><f>C2/2</f><v>33.25</v></c></row><row r="3"><c r="A3" t="str"><f>"L"&amp;1</f><v>L1</v></c><c r="C3"><v>66.4</v></c><c r="D3"><v>25.7</v></c></row></sheetData></worksheet>"#;
const STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>id</t></si><si><t>name</t></si><si><t>lat</t></si><si><r><t>l</t></r><r><t>on</t></r></si><si><t xml:space="preserve">U1</t></si></sst>"#;

/// The parts a fuzz input may replace, in the order its first byte picks them.
const PARTS: [(&str, &str); 4] = [
    ("xl/worksheets/sheet1.xml", SHEET),
    ("xl/sharedStrings.xml", STRINGS),
    ("xl/workbook.xml", WORKBOOK),
    ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
];

fn workbook(replace: usize, with: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let fixed = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)];
    for (i, (name, text)) in fixed.iter().chain(PARTS.iter()).enumerate() {
        zip.start_file(*name, options).unwrap();
        let bytes = if i >= fixed.len() && i - fixed.len() == replace {
            with
        } else {
            text.as_bytes()
        };
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, part)) = data.split_first() else {
        return;
    };
    let bytes = workbook(pick as usize % PARTS.len(), part);
    let mut errors = Vec::new();
    let opened = parse_workbook("plan.xlsx", bytes, &mut errors);
    if matches!(opened, Opened::Broken) {
        assert!(!errors.is_empty(), "a broken workbook without a reason");
    }
    for e in &errors {
        assert_eq!(e.file, "plan.xlsx");
        assert!(!e.expected.is_empty());
        let _ = e.to_string();
    }
});
