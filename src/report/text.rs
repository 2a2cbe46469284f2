//! Untrusted text (ids, names, labels, scenario names, and reasons built from them) as caseload
//! shows it to people. Every such text passes through here on its way to a terminal (stdout,
//! stderr) or into summary.md (which is also printed to stdout).

use std::borrow::Cow;
use std::fmt::Write;

/// Characters a terminal or viewer acts on instead of showing, or shows as nothing: C0 and C1
/// controls and DEL (ESC and CSI start escape sequences, CR and LF start lines that could pass
/// for caseload's own `result:` line), line and paragraph separators, and the invisible format
/// characters (zero-width spaces and joiners, bidirectional overrides and isolates, the BOM, the
/// soft hyphen) that make shown text differ from its bytes.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `s` as it may be printed to a terminal: every hidden character (see above) written as Rust
/// writes it in a string literal (`\n`, `\r`, `\t`, `\u{1b}`), everything else as it is. One
/// line in, one line out; nothing in it can move the cursor, colour or retitle the terminal.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` for Markdown (summary.md, also printed to stdout): [`terminal`] first, then `&`, `<` and
/// `>` as HTML entities, so no viewer renders HTML or an autolink made of input (entities work
/// in every Markdown flavour, backslash escapes of `<` do not); `` ` ``, `[` and `]`
/// backslash-escaped, so input makes no code span or link. `|` is left alone: the summary has no
/// tables, and lists of skills read `a|b`.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_makes_no_html_links_or_code_of_input() {
        assert_eq!(
            markdown("<script>alert(1)</script> & [x](http://e) `c`"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\[x\\](http://e) \\`c\\`"
        );
        assert_eq!(markdown("family_rehab_home: a|b"), "family_rehab_home: a|b");
        assert_eq!(markdown("a\nresult: <x>"), "a\\nresult: &lt;x&gt;");
    }

    #[test]
    fn terminal_text_holds_no_control_or_invisible_character() {
        assert_eq!(terminal("W01"), "W01");
        assert!(matches!(terminal("Kokous <B> ä ✓"), Cow::Borrowed(_)));
        assert_eq!(
            terminal("x\u{1b}]0;pwned\u{7}\u{1b}[2J\r\n\tresult: status=optimal"),
            "x\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\r\\n\\tresult: status=optimal"
        );
        assert_eq!(terminal("\u{9b}31m\u{7f}"), "\\u{9b}31m\\u{7f}");
        assert_eq!(
            terminal("W01\u{200b} \u{202e}cod.exe \u{feff}"),
            "W01\\u{200b} \\u{202e}cod.exe \\u{feff}"
        );
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let t = terminal(&c.to_string()).into_owned();
            assert!(
                !t.chars().any(|x| x.is_control() || hidden(x)),
                "{:x} -> {t:?}",
                u32::from(c)
            );
        }
    }
}
