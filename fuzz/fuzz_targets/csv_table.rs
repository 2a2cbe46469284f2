//! The CSV reader on arbitrary bytes: it must return a table or errors, never panic, and every
//! error it reports must name the file and say what was expected.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut errors = Vec::new();
    let result = caseload::io::table::parse_table("families.csv", data, &mut errors);
    if result.is_err() {
        assert!(!errors.is_empty(), "an unusable table without a reason");
    }
    for e in &errors {
        assert_eq!(e.file, "families.csv");
        assert!(!e.expected.is_empty());
        let _ = e.to_string();
    }
});
