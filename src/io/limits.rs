//! The SPEC's limits on what a user can hand caseload, each defined once ("General rules for
//! every CSV"): beyond them an input is a clear error (exit 2), never a crash or unbounded
//! memory, and up to them every command's memory and time grow at most linearly.
//!
//! Where a limit is checked:
//! - [`ID_CHARS`], [`TEXT_CHARS`]: `io::text` (`check_id`, `check_name`), which every id,
//!   label, reference, list item and name of every input goes through;
//! - [`CSV_ROWS`]: `io::table::parse_table`, which every CSV file (plan tables, a roster read
//!   back, `prices.csv`) goes through;
//! - [`WORKBOOK_BYTES`], [`UNPACKED_BYTES`]: `io::sheet`, before calamine reads a byte.

/// Most characters of an id (worker, family, location, room, meeting, a payroll id) or a label
/// (a service, a skill, a pay code).
pub const ID_CHARS: usize = 64;

/// Most characters of a name or any other text cell (a place's name, a list of ids).
pub const TEXT_CHARS: usize = 200;

/// Most data rows of one CSV file or sheet.
pub const CSV_ROWS: usize = 200_000;

/// Most bytes of a workbook on disk: the SPEC's 50 MB, as 50 MiB.
pub const WORKBOOK_BYTES: u64 = 50 * 1024 * 1024;

/// Most bytes a workbook may unpack to (its XML): the SPEC's 500 MB, as 500 MiB.
pub const UNPACKED_BYTES: u64 = 500 * 1024 * 1024;

/// A count with thousands apart, as the messages give limits: `200 000`.
pub fn spaced(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_spaced_in_thousands() {
        assert_eq!(spaced(200_000), "200 000");
        assert_eq!(spaced(64), "64");
        assert_eq!(spaced(1_048_576), "1 048 576");
    }
}
