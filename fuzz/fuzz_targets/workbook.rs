//! The workbook reader on arbitrary bytes: it must return tables or errors, never panic (the
//! reader's own panics are caught in a normal build; here, built with panic=abort, they are
//! found), and every error must name the workbook and say what was expected.
#![no_main]

use caseload::io::sheet::{Opened, parse_workbook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut errors = Vec::new();
    let opened = parse_workbook("plan.xlsx", data.to_vec(), &mut errors);
    if matches!(opened, Opened::Broken) {
        assert!(!errors.is_empty(), "a broken workbook without a reason");
    }
    for e in &errors {
        assert_eq!(e.file, "plan.xlsx");
        assert!(!e.expected.is_empty());
        let _ = e.to_string();
    }
});
