//! Issue 24, classes 1 and 7, through the built binary: a `plan.xlsx` that declares more than
//! it holds (or than the SPEC's limits allow), an OLE2 file (encrypted, or with a looping
//! sector chain) posing as one, and a workbook damaged in ways calamine reads silently. Each is
//! exit 2 for `check` and `plan`, naming the workbook (and, for damage, the sheet and cell),
//! within bounded memory and time, with nothing written and no temporary file left.

mod common;

use common::workbook::{csv_to_workbook, edit_parts, part_text, replace_cell, sheet_part};
use common::{Run, caseload, caseload_within_memory, small_plan};
use std::path::Path;

/// The small plan with every table a sheet of `plan.xlsx`, whose bytes `edit` changes.
fn workbook_plan(edit: impl FnOnce(Vec<u8>) -> Vec<u8>) -> tempfile::TempDir {
    let dir = small_plan();
    csv_to_workbook(dir.path());
    let path = dir.path().join("plan.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, edit(bytes)).unwrap();
    dir
}

/// The names and sizes of what a folder holds, all the way down.
fn listing(d: &Path) -> Vec<(String, u64)> {
    let mut v = Vec::new();
    let mut todo = vec![d.to_path_buf()];
    while let Some(p) = todo.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                todo.push(e.path());
            }
            let name = e.path().strip_prefix(d).unwrap().display().to_string();
            v.push((name, meta.len()));
        }
    }
    v.sort();
    v
}

/// A hostile case: what it plants, and the words each line of the refusal must hold.
struct Case {
    what: &'static str,
    dir: tempfile::TempDir,
    /// Every one of these must be on one line of stderr.
    line: Vec<String>,
}

/// Runs `check` and `plan` on the case's folder (under a 1 GiB address-space limit, at most
/// 60 s each): exit 2, a line naming all of `case.line`, no panic, nothing written, no
/// temporary file left. Returns what went wrong, with the command, stdout and stderr.
fn refused(case: &Case) -> Option<String> {
    let d = case.dir.path();
    let before = listing(d);
    let mut wrong = Vec::new();
    for args in [
        &["check", "."][..],
        &["plan", ".", "--out", "out", "--time-limit", "1", "--quiet"][..],
    ] {
        let (run, secs) = caseload_within_memory(d, 1_048_576, args);
        let err = run.stderr();
        let mut why = Vec::new();
        if run.out.status.code() != Some(2) {
            why.push(format!("exit {:?}, expected 2", run.out.status.code()));
        }
        if !err
            .lines()
            .any(|l| case.line.iter().all(|w| l.contains(w.as_str())))
        {
            why.push(format!("no line of stderr holds all of {:?}", case.line));
        }
        if err.contains("panicked") || err.contains("internal error") {
            why.push("panicked".into());
        }
        if secs > 60.0 {
            why.push(format!("took {secs:.1} s"));
        }
        if d.join("out").exists() {
            why.push("wrote out/".into());
        }
        if listing(d) != before {
            why.push(format!(
                "the folder changed: {:?} → {:?}",
                before,
                listing(d)
            ));
        }
        if !why.is_empty() {
            wrong.push(format!(
                "{}: {}\n{}",
                case.what,
                why.join("; "),
                run.context()
            ));
        }
    }
    (!wrong.is_empty()).then(|| wrong.join("\n\n"))
}

#[track_caller]
fn all_refused(cases: Vec<Case>) {
    let failures: Vec<String> = cases.iter().filter_map(refused).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

/// The workbook with its shared-strings part passed through `edit`.
fn with_strings(bytes: Vec<u8>, edit: impl Fn(String) -> String) -> Vec<u8> {
    edit_parts(&bytes, |name, text| {
        if name == "xl/sharedStrings.xml" {
            edit(text)
        } else {
            text
        }
    })
}

/// The `<sst ...>` start tag of a shared-strings part replaced by `tag`.
fn sst_tag(text: String, tag: &str) -> String {
    let start = text.find("<sst ").unwrap();
    let end = start + text[start..].find('>').unwrap() + 1;
    format!("{}{tag}{}", &text[..start], &text[end..])
}

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;

/// An OLE2 compound document whose FAT chains its directory sector to itself (calamine, given
/// it, reads that chain until memory runs out), holding `name` as its directory's first
/// entry, followed by `tail` (a zip: the file is both).
fn ole2(name: &str, tail: &[u8]) -> Vec<u8> {
    let mut b = vec![0u8; 512 * 3];
    b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    b[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    b[26..28].copy_from_slice(&3u16.to_le_bytes());
    b[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    b[30..32].copy_from_slice(&9u16.to_le_bytes());
    b[32..34].copy_from_slice(&6u16.to_le_bytes());
    b[44..48].copy_from_slice(&1u32.to_le_bytes());
    b[48..52].copy_from_slice(&1u32.to_le_bytes());
    b[56..60].copy_from_slice(&4096u32.to_le_bytes());
    b[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    b[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 1..109 {
        b[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    b[512..516].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
    b[516..520].copy_from_slice(&1u32.to_le_bytes());
    for (i, u) in name.encode_utf16().enumerate() {
        b[1024 + 2 * i..1026 + 2 * i].copy_from_slice(&u.to_le_bytes());
    }
    b.extend_from_slice(tail);
    b
}

// ---- Class 1: declared sizes are checked against the disk and the SPEC's limits. ----

#[test]
fn class_1_declared_sizes_beyond_the_part_or_the_limits_are_refused_before_reading() {
    let cases = vec![
        Case {
            what: "a shared-strings table declaring 10^11 entries",
            dir: workbook_plan(|b| {
                with_strings(b, |t| {
                    sst_tag(t, &format!(r#"<sst {NS} uniqueCount="100000000000">"#))
                })
            }),
            line: words(&[
                "plan.xlsx: error[E036 file-too-large]",
                "100000000000 shared strings declared",
            ]),
        },
        Case {
            what: "a small shared-strings table declaring tens of millions of entries",
            dir: workbook_plan(|b| {
                with_strings(b, |t| {
                    sst_tag(
                        t,
                        &format!(r#"<sst {NS} count="36000000" uniqueCount="36000000">"#),
                    )
                })
            }),
            line: words(&["plan.xlsx: error[E036", "36000000 shared strings declared"]),
        },
        Case {
            what: "a shared-strings table declaring more entries than its bytes hold",
            dir: workbook_plan(|b| {
                with_strings(b, |t| {
                    sst_tag(t, &format!(r#"<sst {NS} uniqueCount="3999999">"#))
                })
            }),
            line: words(&[
                "plan.xlsx: error[E042 bad-workbook]",
                "3999999 shared strings declared",
                "open it in Excel and save it again",
            ]),
        },
        Case {
            what: "a shared-strings table declaring more text cells than the workbook holds",
            dir: workbook_plan(|b| {
                with_strings(b, |t| {
                    sst_tag(t, &format!(r#"<sst {NS} count="99999999999">"#))
                })
            }),
            line: words(&[
                "plan.xlsx: error[E042",
                "99999999999 text cells declared",
                "open it in Excel and save it again",
            ]),
        },
        Case {
            what: "a shared-strings table of 4 000 001 real entries (20 MB unpacked)",
            dir: workbook_plan(|b| {
                with_strings(b, |_| {
                    let mut t = format!("<sst {NS}>");
                    t.push_str(&"<si/>".repeat(4_000_001));
                    t + "</sst>"
                })
            }),
            line: words(&["plan.xlsx: error[E036", "more than 4000000 shared strings"]),
        },
        Case {
            what: "a password-protected (encrypted) workbook",
            dir: workbook_plan(|_| ole2("EncryptedPackage", b"")),
            line: words(&[
                "plan.xlsx: error[E042",
                "this workbook is password protected, save it without a password",
            ]),
        },
        Case {
            what: "an OLE2 file with a looping sector chain that is also a zip workbook",
            dir: workbook_plan(|b| ole2("Root Entry", &b)),
            line: words(&[
                "plan.xlsx: error[E042",
                "an Excel 97-2003 workbook (.xls) or other OLE2 file",
            ]),
        },
        Case {
            what: "an encrypted OLE2 file that is also a zip workbook",
            dir: workbook_plan(|b| ole2("EncryptedPackage", &b)),
            line: words(&["plan.xlsx: error[E042", "password protected"]),
        },
    ];
    all_refused(cases);
}

// ---- Class 7: damage read silently is an error naming the sheet and cell. ----

/// The words of a damaged-cell line: sheet, row, column letter, and what was found.
fn at(sheet: &str, row: usize, letter: &str, found: &str) -> Vec<String> {
    vec![
        format!(
            "plan.xlsx, sheet \"{sheet}\", row {row}: error[E050 damaged-cell] column {letter}"
        ),
        found.to_string(),
        "open it in Excel and save it again".to_string(),
    ]
}

#[test]
fn class_7_damaged_cells_are_errors_naming_the_sheet_and_cell() {
    let cases = vec![
        Case {
            what: "a formula without its saved value (contract hours of W01)",
            dir: workbook_plan(|b| {
                replace_cell(&b, "workers", "D2", r#"<c r="D2"><f>SUM(D3:D4)</f></c>"#)
            }),
            line: at(
                "workers",
                2,
                "D",
                "D2: the formula =SUM(D3:D4) without its saved value",
            ),
        },
        Case {
            what: "a formula with an empty value, as scripts write it (hours of F002)",
            dir: workbook_plan(|b| {
                replace_cell(&b, "families", "C3", r#"<c r="C3"><f>2+3</f><v></v></c>"#)
            }),
            line: at(
                "families",
                3,
                "C",
                "C3: the formula =2+3 without its saved value",
            ),
        },
        Case {
            what: "a cell given twice, next to each other",
            dir: workbook_plan(|b| {
                let part = sheet_part(&b, "workers");
                let xml = part_text(&b, &part);
                let start = xml.find(r#"<c r="B2""#).unwrap();
                let end = start + xml[start..].find("</c>").unwrap() + 4;
                let cell = xml[start..end].to_string();
                replace_cell(&b, "workers", "B2", &format!("{cell}{cell}"))
            }),
            line: at("workers", 2, "B", "B2 twice"),
        },
        Case {
            what: "a cell given twice, apart (a row later in the file)",
            dir: workbook_plan(|b| {
                replace_cell(
                    &b,
                    "locations",
                    "A3",
                    r#"<c r="A3" t="inlineStr"><is><t>L1</t></is></c><c r="D2"><v>25.7</v></c>"#,
                )
            }),
            line: at("locations", 2, "D", "D2 twice"),
        },
        Case {
            what: "a row number past 1048576 that calamine wraps to row 1",
            dir: workbook_plan(|b| {
                replace_cell(
                    &b,
                    "workers",
                    "A3",
                    r#"<c r="A4294967297" t="inlineStr"><is><t>W02</t></is></c>"#,
                )
            }),
            line: words(&[
                "plan.xlsx, sheet \"workers\", row 3: error[E050 damaged-cell]",
                "cell reference A4294967297",
                "open it in Excel and save it again",
            ]),
        },
        Case {
            what: "a column past XFD",
            dir: workbook_plan(|b| replace_cell(&b, "rooms", "B2", r#"<c r="XFE2"><v>1</v></c>"#)),
            line: words(&[
                "plan.xlsx, sheet \"rooms\", row 2: error[E050",
                "cell reference XFE2",
                "A1 to XFD1048576",
            ]),
        },
        Case {
            what: "a shared-string index past the table",
            dir: workbook_plan(|b| {
                replace_cell(&b, "workers", "A2", r#"<c r="A2" t="s"><v>99999</v></c>"#)
            }),
            line: at("workers", 2, "A", "A2: shared string number 99999"),
        },
        Case {
            what: "a shared-string index calamine cannot parse (it reads 0)",
            dir: workbook_plan(|b| {
                replace_cell(&b, "meetings", "B3", r#"<c r="B3" t="s"><v>1e3</v></c>"#)
            }),
            line: at("meetings", 3, "B", "B3: shared string number 1e3"),
        },
    ];
    all_refused(cases);
}

/// Every damaged cell of every sheet, and the other problems of the folder, in one pass.
#[test]
fn class_7_all_damage_of_a_workbook_is_listed_in_one_run() {
    let dir = workbook_plan(|b| {
        let b = replace_cell(&b, "workers", "D2", r#"<c r="D2"><f>1+1</f></c>"#);
        let b = replace_cell(&b, "workers", "A3", r#"<c r="A3" t="s"><v>77777</v></c>"#);
        replace_cell(&b, "families", "C3", r#"<c r="C3"><f>2+3</f></c>"#)
    });
    let run = caseload(dir.path(), &["check", "."]);
    run.expect_code(2);
    let err = run.stderr();
    for cell in [
        "\"workers\", row 2",
        "\"workers\", row 3",
        "\"families\", row 3",
    ] {
        assert!(
            err.lines().any(|l| l.contains(cell) && l.contains("E050")),
            "{cell}: {}",
            run.context()
        );
    }
}

#[test]
fn class_7_a_very_hidden_sheet_is_read_and_named_on_stderr() {
    let dir = workbook_plan(|b| {
        edit_parts(&b, |name, text| {
            if name == "xl/workbook.xml" {
                text.replacen(
                    r#"<sheet name="rooms""#,
                    r#"<sheet name="rooms" state="veryHidden""#,
                    1,
                )
            } else {
                text
            }
        })
    });
    let d = dir.path();
    let run: Run = caseload(d, &["check", "."]);
    run.expect_code(0);
    let warning =
        "caseload: warning: plan.xlsx: read very hidden sheet(s), which Excel lists nowhere";
    assert!(
        run.stderr()
            .lines()
            .any(|l| l.starts_with(warning) && l.ends_with(": rooms")),
        "{}",
        run.context()
    );
    assert!(run.stdout().contains("1 rooms"), "{}", run.context());
    let run = caseload(
        d,
        &["plan", ".", "--out", "out", "--time-limit", "1", "--quiet"],
    );
    run.expect_code(0);
    assert!(run.stderr().contains(warning), "{}", run.context());
    let summary = std::fs::read_to_string(d.join("out/summary.md")).unwrap();
    assert!(
        summary.contains("Very hidden sheets read: plan.xlsx: rooms"),
        "{summary}"
    );
}
