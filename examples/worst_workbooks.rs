//! Writes the workbooks issue 24 measures `caseload check` on (`/usr/bin/time -v`):
//!
//! - `cargo run --release --example worst_workbooks -- large DIR WORKERS FAMILIES [NAME_CHARS]`:
//!   a generated week (`caseload generate`'s generator) with every table a sheet of
//!   `DIR/plan.xlsx`, typed as the tests type them (dates, times and numbers as such); with
//!   NAME_CHARS, every worker's and place's name is that long (pseudo-random letters, which
//!   compress as text does): 20 000 workers, 200 000 families and 200-character names (the
//!   SPEC's text limit) make a workbook of about 50 MB;
//! - `... csv DIR WORKERS FAMILIES`: the same week as CSV files (to compare with);
//! - `... strings DIR ENTRIES CHARS`: a small generated week as a workbook whose shared-strings
//!   table is padded to ENTRIES entries of CHARS characters each (the sheets use the first
//!   ones), declared honestly: with ENTRIES = 4 000 000 (`SHARED_STRINGS_LIMIT`) and CHARS
//!   chosen so the workbook unpacks to just under `UNPACKED_LIMIT`, the largest shared-strings
//!   table caseload accepts.

#[path = "../tests/common/workbook.rs"]
#[allow(dead_code)]
mod workbook;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| -> usize {
        args.get(i)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| usage())
    };
    let dir = Path::new(args.get(2).unwrap_or_else(|| usage()));
    match args.get(1).map(String::as_str) {
        Some("large") => {
            let chars = args.get(5).map(|_| arg(5));
            week(dir, arg(3), arg(4), chars)
        }
        Some("csv") => {
            let p = caseload::generate::generate(&caseload::generate::GenOptions::new(
                arg(3),
                arg(4),
                1,
            ));
            caseload::io::write_plan::write_plan(dir, &p).expect("write plan");
            return;
        }
        Some("strings") => {
            let (entries, chars) = (arg(3), arg(4));
            week(dir, 20, 60, None);
            let path = dir.join("plan.xlsx");
            let bytes = std::fs::read(&path).unwrap();
            let bytes = workbook::edit_parts(&bytes, |name, text| {
                if name != "xl/sharedStrings.xml" {
                    return text;
                }
                let held = text.matches("<si>").count();
                let start = text.find("<sst ").unwrap();
                let body = text.find('>').map(|_| &text[start..]).unwrap();
                let body = &body[body.find('>').unwrap() + 1..body.rfind("</sst>").unwrap()];
                let filler = format!("<si><t>{}</t></si>", "x".repeat(chars));
                let mut t = String::with_capacity(entries * filler.len() + text.len());
                t.push_str(&text[..start]);
                t.push_str(&format!(
                    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"{entries}\">"
                ));
                t.push_str(body);
                for _ in held..entries {
                    t.push_str(&filler);
                }
                t + "</sst>"
            });
            std::fs::write(&path, bytes).unwrap();
        }
        _ => usage(),
    }
    let size = std::fs::metadata(dir.join("plan.xlsx")).unwrap().len();
    println!("{}: {size} bytes", dir.join("plan.xlsx").display());
}

/// A generated week of `workers` and `families` in `dir`, its tables as sheets of plan.xlsx;
/// names of `name_chars` characters if given.
fn week(dir: &Path, workers: usize, families: usize, name_chars: Option<usize>) {
    let mut p =
        caseload::generate::generate(&caseload::generate::GenOptions::new(workers, families, 1));
    if let Some(n) = name_chars {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut name = |old: &str| -> String {
            let mut s: String = old.chars().take(n).collect();
            while s.chars().count() < n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(if x.is_multiple_of(7) {
                    ' '
                } else {
                    (b'a' + (x % 26) as u8) as char
                });
            }
            s
        };
        for w in &mut p.workers {
            w.name = name(&w.name);
        }
        for l in &mut p.locations {
            l.name = name(&l.name);
        }
    }
    caseload::io::write_plan::write_plan(dir, &p).expect("write plan");
    workbook::csv_to_workbook(dir);
}

fn usage() -> ! {
    eprintln!(
        "usage: worst_workbooks large|csv DIR WORKERS FAMILIES | worst_workbooks strings DIR ENTRIES CHARS"
    );
    std::process::exit(2)
}
