//! Untrusted text (ids, names, labels, scenario names, and reasons built from them) as caseload
//! shows it to people. Every such text passes through here on its way into summary.md.

/// `s` for Markdown (summary.md): `&`, `<` and `>` as HTML entities, so no viewer renders
/// HTML or an autolink made of input (entities work in every Markdown flavour, backslash escapes
/// of `<` do not); `` ` ``, `[` and `]` backslash-escaped, so input makes no code span or link.
/// `|` is left alone: the summary has no tables, and lists of skills read `a|b`.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
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
    }
}
