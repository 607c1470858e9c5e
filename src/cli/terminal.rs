//! Text for a terminal: names, ids and paths come from files anyone may
//! write, and must not reach the terminal as control sequences (ESC starts
//! one, BEL rings, a carriage return overwrites the line) or reorder what
//! is shown (Unicode bidirectional overrides).

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with control characters and bidirectional formatting characters
/// written as `\u{1b}`-style escapes, so one finding stays one line and
/// the terminal shows what the file says. A backslash is left alone: it
/// never starts a control sequence.
#[must_use]
pub fn printable(text: &str) -> Cow<'_, str> {
    escape(text, |_| true)
}

/// Like [`printable`], but keeps line breaks and tabs (for messages that
/// are laid out over several lines).
#[must_use]
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    escape(text, |c| !matches!(c, '\n' | '\t'))
}

fn escape(text: &str, escape_control: impl Fn(char) -> bool) -> Cow<'_, str> {
    let needs = |c: char| (c.is_control() && escape_control(c)) || is_bidi_control(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The Unicode bidirectional embedding, override and isolate characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("plain \\ text é"), "plain \\ text é");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
        assert_eq!(
            printable("a\u{1b}[31mred\u{7}\r\nb\u{9b}c\u{202e}d"),
            "a\\u{1b}[31mred\\u{7}\\u{d}\\u{a}b\\u{9b}c\\u{202e}d"
        );
        assert_eq!(printable_lines("a\nb\tc\u{1b}"), "a\nb\tc\\u{1b}");
    }
}
