//! What the text of an id, a label or a name may hold.
//!
//! Ids (workers, families, locations, rooms, meetings and every reference to them) and labels
//! (services, skills, renamed pay codes) must not start like a spreadsheet formula (`=`, `+`,
//! `-`, `@`, a tab or a carriage return: OWASP's CSV-injection list) and must not hold control
//! characters (line breaks, tabs, ESC: Unicode category Cc) or invisible ones (category Cf such
//! as the zero-width space, joiners, the BOM, the word joiner and the bidi controls; whitespace
//! other than the plain space; fillers that print as nothing), so that `W01` and `W01\u{200b}`
//! can never be two workers and no id can forge a line of output. Names may hold any printable
//! text, but no control character and no bidi control (which reorders the text printed after
//! it). Surrounding spaces are trimmed as everywhere else; a tab or a line break is not a space.

use super::error::ErrorCode;
use super::limits::{ID_CHARS, TEXT_CHARS};

/// What is wrong with a piece of text, as an error code and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    pub code: ErrorCode,
    pub expected: String,
}

/// The characters a spreadsheet reads as the start of a formula.
pub const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Unicode general category Cf (format characters), as of Unicode 15.1.
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// The bidi embedding, override and isolate controls (they reorder the text after them).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character an id may not hold although it is not a control: a format character, any
/// whitespace but the plain space, or a filler or selector that prints as nothing.
pub fn is_invisible(c: char) -> bool {
    is_format(c)
        || (c.is_whitespace() && c != ' ' && !c.is_control())
        || matches!(c,
            '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{E0100}'..='\u{E01EF}')
}

/// The text as the readers use it: surrounding spaces trimmed (any Unicode space, as
/// `str::trim` does), but not tabs or line breaks, which are then found by the checks.
pub fn trim_spaces(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() && !c.is_control())
}

fn position_of(s: &str, c: char) -> usize {
    s.chars().position(|x| x == c).unwrap_or(0) + 1
}

fn control(what: &str, s: &str, c: char) -> TextProblem {
    TextProblem {
        code: ErrorCode::ControlCharacter,
        expected: format!(
            "{what} without control characters such as line breaks or tabs (found U+{:04X} at character {})",
            c as u32,
            position_of(s, c)
        ),
    }
}

/// Text longer than `most` characters (counted only up to one past it, so a 50 MB cell costs
/// no more than a short one).
fn too_long(what: &str, t: &str, most: usize) -> Result<(), TextProblem> {
    if t.chars().nth(most).is_none() {
        return Ok(());
    }
    Err(TextProblem {
        code: ErrorCode::TooLong,
        expected: format!(
            "{what} of at most {most} characters (found {}; shorten it)",
            t.chars().count()
        ),
    })
}

/// Checks an id or a label (`what` names it in the message, e.g. "an id").
pub fn check_id(what: &str, s: &str) -> Result<(), TextProblem> {
    let t = trim_spaces(s);
    if let Some(c) = t.chars().next().filter(|c| FORMULA_START.contains(c)) {
        return Err(TextProblem {
            code: ErrorCode::FormulaStart,
            expected: format!(
                "{what} that does not start with = + - @ or a tab or carriage return (a spreadsheet would run it as a formula; found {:?} first)",
                c
            ),
        });
    }
    if let Some(c) = t.chars().find(|c| c.is_control()) {
        return Err(control(what, t, c));
    }
    if let Some(c) = t.chars().find(|&c| is_invisible(c)) {
        return Err(TextProblem {
            code: ErrorCode::InvisibleCharacter,
            expected: format!(
                "{what} of visible characters only (found the invisible U+{:04X} at character {}; retype the id)",
                c as u32,
                position_of(t, c)
            ),
        });
    }
    too_long(what, t, ID_CHARS)
}

/// Checks a name or other free text: no control characters, no bidi controls.
pub fn check_name(what: &str, s: &str) -> Result<(), TextProblem> {
    let t = trim_spaces(s);
    if let Some(c) = t.chars().find(|c| c.is_control()) {
        return Err(control(what, t, c));
    }
    if let Some(c) = t.chars().find(|&c| is_bidi_control(c)) {
        return Err(TextProblem {
            code: ErrorCode::InvisibleCharacter,
            expected: format!(
                "{what} without bidi control characters (found U+{:04X} at character {}, which reorders the text printed after it)",
                c as u32,
                position_of(t, c)
            ),
        });
    }
    too_long(what, t, TEXT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_held_to_the_specs_lengths() {
        assert_eq!(check_id("an id", &"W".repeat(64)), Ok(()));
        let e = check_id("an id", &"W".repeat(65)).unwrap_err();
        assert_eq!(e.code, ErrorCode::TooLong);
        assert!(
            e.expected.contains("at most 64 characters (found 65"),
            "{e:?}"
        );
        // Characters, not bytes: 64 letters ä are an id.
        assert_eq!(check_id("an id", &"ä".repeat(64)), Ok(()));
        assert_eq!(check_name("a name", &"ä".repeat(200)), Ok(()));
        let e = check_name("a name", &"x".repeat(50_000_000)).unwrap_err();
        assert_eq!(e.code, ErrorCode::TooLong);
        assert!(
            e.expected
                .contains("at most 200 characters (found 50000000")
        );
        // Surrounding spaces are not counted.
        assert_eq!(
            check_name("a name", &format!("  {}  ", "x".repeat(200))),
            Ok(())
        );
    }

    #[test]
    fn ids_are_refused_for_formula_starts_controls_and_invisibles() {
        for ok in [
            "W01",
            " W01 ",
            "F-001",
            "Koti 1",
            "Äijälä",
            "W01+1",
            "10-01",
            "W01\u{a0}",
        ] {
            assert_eq!(check_id("an id", ok), Ok(()), "{ok:?}");
        }
        for (bad, code) in [
            ("=1+1", ErrorCode::FormulaStart),
            ("+F1", ErrorCode::FormulaStart),
            ("-R1", ErrorCode::FormulaStart),
            ("@L1", ErrorCode::FormulaStart),
            ("\tW01", ErrorCode::FormulaStart),
            ("\rW01", ErrorCode::FormulaStart),
            (" =W01", ErrorCode::FormulaStart),
            ("W01\nresult: x", ErrorCode::ControlCharacter),
            ("W0\t1", ErrorCode::ControlCharacter),
            ("W01\t", ErrorCode::ControlCharacter),
            ("W01\u{1b}[2J", ErrorCode::ControlCharacter),
            ("W01\u{85}", ErrorCode::ControlCharacter),
            ("W01\u{200b}", ErrorCode::InvisibleCharacter),
            ("W\u{200c}01", ErrorCode::InvisibleCharacter),
            ("W\u{200d}01", ErrorCode::InvisibleCharacter),
            ("W\u{feff}01", ErrorCode::InvisibleCharacter),
            ("W\u{2060}01", ErrorCode::InvisibleCharacter),
            ("W01\u{202e}", ErrorCode::InvisibleCharacter),
            ("\u{2066}W01\u{2069}", ErrorCode::InvisibleCharacter),
            ("W\u{ad}01", ErrorCode::InvisibleCharacter),
            ("W\u{2028}01", ErrorCode::InvisibleCharacter),
            ("W\u{a0}01", ErrorCode::InvisibleCharacter),
            ("W\u{3164}01", ErrorCode::InvisibleCharacter),
            ("W01\u{2800}", ErrorCode::InvisibleCharacter),
            ("W01\u{e0041}", ErrorCode::InvisibleCharacter),
        ] {
            assert_eq!(
                check_id("an id", bad).map_err(|e| e.code),
                Err(code),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn names_may_hold_any_printable_text_but_no_controls() {
        for ok in [
            "Anna K.",
            "-",
            "=)",
            "Zoë \u{200d}",
            "\u{5e9}\u{5dc}\u{200f}",
        ] {
            assert_eq!(check_name("a name", ok), Ok(()), "{ok:?}");
        }
        for bad in ["Anna\nK.", "Anna\tK.", "Anna\u{1b}[31m", "Anna\u{202e}"] {
            assert!(check_name("a name", bad).is_err(), "{bad:?}");
        }
    }
}
