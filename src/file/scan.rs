//! A small lexer over diagram text for what the parser does not keep:
//! whether the file has comments (saving drops them), and where each
//! element is defined (its `id: "..."`), found in one pass for every
//! element at once.
//!
//! It knows RON's strings (`"..."` with escapes, raw `r#"..."#`), character
//! literals and comments (`//`, nested `/* */`), so neither looks inside
//! the others. Anything else is skipped a character at a time; it never
//! fails, whatever the text.

use super::LineCol;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Whether `text` has a comment outside strings.
#[must_use]
pub fn has_comments(text: &str) -> bool {
    let mut found = false;
    scan(text, |token| {
        if matches!(token, Token::Comment) {
            found = true;
        }
        !found
    });
    found
}

/// Where each element's `id: "..."` is written, and each acceptance's
/// `finding: "..."`: the position of the key, for the first definition of
/// each value. Borrows the text it was found in.
#[derive(Debug, Default)]
pub struct Definitions<'a> {
    ids: FxHashMap<Cow<'a, str>, LineCol>,
    findings: FxHashMap<Cow<'a, str>, LineCol>,
}

impl<'a> Definitions<'a> {
    /// Scans `text` once.
    #[must_use]
    pub fn of(text: &'a str) -> Self {
        let mut definitions = Definitions::default();
        // The key just read, when it is one we look for, and where it was.
        let mut key: Option<(Key, usize, usize)> = None;
        let mut after_colon = false;
        scan(text, |token| {
            match token {
                Token::Ident { name, at, line } if name == "id" || name == "finding" => {
                    let kind = if name == "id" { Key::Id } else { Key::Finding };
                    key = Some((kind, at, line));
                    after_colon = false;
                }
                Token::Colon if key.is_some() && !after_colon => after_colon = true,
                Token::Str(value) if after_colon => {
                    if let Some((kind, at, line)) = key.take() {
                        let map = match kind {
                            Key::Id => &mut definitions.ids,
                            Key::Finding => &mut definitions.findings,
                        };
                        map.entry(value.decode())
                            .or_insert_with(|| position(text, at, line));
                    }
                    after_colon = false;
                }
                Token::Comment => {}
                _ => {
                    key = None;
                    after_colon = false;
                }
            }
            true
        });
        definitions
    }

    /// Where the element with `id` is defined.
    #[must_use]
    pub fn id(&self, id: &str) -> Option<LineCol> {
        self.ids.get(id).copied()
    }

    /// Where the acceptance of `finding` is written.
    #[must_use]
    pub fn finding(&self, finding: &str) -> Option<LineCol> {
        self.findings.get(finding).copied()
    }
}

#[derive(Clone, Copy)]
enum Key {
    Id,
    Finding,
}

/// The line and column (in characters) of byte `at`, on line `line` (from
/// 1).
fn position(text: &str, at: usize, line: usize) -> LineCol {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    LineCol {
        line,
        col: text[line_start..at].chars().count() + 1,
    }
}

/// What the lexer reports.
enum Token<'a> {
    /// An identifier, the byte where it starts and its line.
    Ident {
        name: &'a str,
        at: usize,
        line: usize,
    },
    /// `:`.
    Colon,
    /// A string literal.
    Str(StrLiteral<'a>),
    /// A comment.
    Comment,
    /// Anything else that is not white space.
    Other,
}

/// A string literal's contents as written, between its quotes.
struct StrLiteral<'a> {
    raw: &'a str,
    /// Whether `raw` has escapes to resolve (never in a raw string).
    escaped: bool,
}

impl<'a> StrLiteral<'a> {
    /// The string's value: borrowed when there is nothing to unescape.
    fn decode(&self) -> Cow<'a, str> {
        if self.escaped {
            Cow::Owned(unescape(self.raw))
        } else {
            Cow::Borrowed(self.raw)
        }
    }
}

/// Calls `token` with each token of `text` until it returns `false`. All
/// of RON's punctuation is ASCII, so the text is walked byte by byte
/// (a multi-byte character never looks like punctuation).
fn scan<'a>(text: &'a str, mut token: impl FnMut(Token<'a>) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut line = 1;
    // Counts the newlines in `bytes[from..to]`.
    let newlines = |from: usize, to: usize| bytes[from..to].split(|&b| b == b'\n').count() - 1;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let start = i;
        let found = match b {
            b'\n' => {
                line += 1;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if next == Some(b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                Token::Comment
            }
            b'/' if next == Some(b'*') => {
                i = block_comment_end(bytes, i);
                line += newlines(start, i);
                Token::Comment
            }
            b'"' => {
                let (end, escaped) = string_end(bytes, i + 1);
                let raw = &text[i + 1..end];
                i = (end + 1).min(bytes.len());
                line += newlines(start, i);
                Token::Str(StrLiteral { raw, escaped })
            }
            b'r' if raw_string_hashes(&bytes[i..]).is_some() => {
                let hashes = raw_string_hashes(&bytes[i..]).unwrap_or(0);
                let open = i + 2 + hashes;
                let (end, close) = raw_string_end(bytes, open, hashes);
                let raw = &text[open..end];
                i = close;
                line += newlines(start, i);
                Token::Str(StrLiteral {
                    raw,
                    escaped: false,
                })
            }
            b'\'' => {
                i = char_literal_end(bytes, i);
                Token::Other
            }
            b':' => {
                i += 1;
                Token::Colon
            }
            b if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                i += bytes[i..]
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80))
                    .unwrap_or(bytes.len() - i);
                Token::Ident {
                    name: &text[start..i],
                    at: start,
                    line,
                }
            }
            _ => {
                i += 1;
                Token::Other
            }
        };
        if !token(found) {
            return;
        }
    }
}

/// Where the block comment starting at `from` (`/*`) ends; they nest in
/// RON.
fn block_comment_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from + 2;
    let mut depth = 1;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where the string whose contents start at `from` ends (its closing
/// quote, or the end of the text), and whether it has escapes.
fn string_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut i = from;
    let mut escaped = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (i, escaped),
            b'\\' => {
                escaped = true;
                i += 2;
            }
            _ => i += 1,
        }
    }
    (bytes.len(), escaped)
}

/// The number of `#`s of a raw string starting at `rest` (`r"`, `r#"`, ...).
fn raw_string_hashes(rest: &[u8]) -> Option<usize> {
    let after_r = rest.strip_prefix(b"r")?;
    let hashes = after_r.iter().take_while(|&&b| b == b'#').count();
    (after_r.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// Where the contents of the raw string starting at `from` end, and where
/// the string itself ends (after its closing quote and hashes).
fn raw_string_end(bytes: &[u8], from: usize, hashes: usize) -> (usize, usize) {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes
                .get(i + 1..i + 1 + hashes)
                .is_some_and(|h| h.iter().all(|&b| b == b'#'))
        {
            return (i, i + 1 + hashes);
        }
        i += 1;
    }
    (bytes.len(), bytes.len())
}

/// Where the character literal starting at `from` (`'a'`, `'\''`) ends; a
/// lone `'` is skipped alone.
fn char_literal_end(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from + 1..];
    let len = if rest.first() == Some(&b'\\') {
        // Through the first quote after the escaped character.
        rest.iter()
            .skip(2)
            .position(|&b| b == b'\'')
            .map(|n| n + 3)
            .filter(|&len| len <= 12)
    } else {
        // One character, which may take several bytes.
        let width = match rest.first() {
            Some(&b) if b < 0x80 => 1,
            Some(&b) if b >= 0xf0 => 4,
            Some(&b) if b >= 0xe0 => 3,
            Some(_) => 2,
            None => 0,
        };
        (width > 0 && rest.get(width) == Some(&b'\'')).then_some(width + 1)
    };
    from + 1 + len.unwrap_or(0)
}

/// A string's value from its contents as written: escapes resolved (an
/// unknown or broken escape is kept as written).
fn unescape(raw: &str) -> String {
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => value.push('\n'),
            Some('r') => value.push('\r'),
            Some('t') => value.push('\t'),
            Some('0') => value.push('\0'),
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let hex: String = std::iter::from_fn(|| chars.next_if(char::is_ascii_hexdigit))
                    .take(6)
                    .collect();
                chars.next_if_eq(&'}');
                if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    value.push(c);
                }
            }
            Some('x') => {
                let hex: String = std::iter::from_fn(|| chars.next_if(char::is_ascii_hexdigit))
                    .take(2)
                    .collect();
                if let Some(c) = u8::from_str_radix(&hex, 16).ok().map(char::from) {
                    value.push(c);
                }
            }
            Some(other) => value.push(other),
            None => value.push('\\'),
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_strings_only() {
        assert!(!has_comments("(title: \"a // b /* c */\", x: 1)"));
        assert!(!has_comments(
            "#![enable(implicit_some)]\n(title: r#\"// \"# )"
        ));
        assert!(!has_comments("(name: \"quote \\\" // still a string\")"));
        assert!(!has_comments("(c: '/', d: '/')"));
        assert!(has_comments("// a comment\n(format: \"seams\")"));
        assert!(has_comments("(format: \"seams\", /* here */ version: 1)"));
        assert!(has_comments("(x: 1) // trailing"));
        assert!(has_comments("(c: '\\'') //"));
    }

    #[test]
    fn definitions_are_found_in_one_pass() {
        let text = "(\n  modules: [\n    (id: \"a\", name: \"id: \\\"b\\\"\"),\n    (grid: \"b\", id: \"b\"),\n    (id: \"a\"),\n  ],\n  accepted: [(finding: \"x@a\", reason: \"id: \\\"c\\\"\")],\n  // id: \"c\"\n  units: [(id /* odd */ : r#\"c\"#)],\n  teams: [(id: \"\\u{1b}e\")],\n)";
        let d = Definitions::of(text);
        assert_eq!(d.id("a"), Some(LineCol { line: 3, col: 6 }));
        assert_eq!(d.id("b"), Some(LineCol { line: 4, col: 17 }));
        assert_eq!(d.id("c"), Some(LineCol { line: 9, col: 12 }));
        assert_eq!(d.id("\u{1b}e"), Some(LineCol { line: 10, col: 12 }));
        assert_eq!(d.id("id"), None);
        assert_eq!(d.finding("x@a"), Some(LineCol { line: 7, col: 15 }));
    }

    #[test]
    fn definitions_agree_with_find_id_on_saved_files() {
        let text = crate::file::to_ron_string(&crate::model::generate::synthetic(300, 5));
        let definitions = Definitions::of(&text);
        let diagram = crate::file::load_str(&text).expect("loads");
        let ids = diagram
            .modules
            .iter()
            .map(|m| m.id.as_str())
            .chain(diagram.units.iter().map(|u| u.id.as_str()))
            .chain(diagram.interfaces.iter().map(|f| f.id.as_str()))
            .chain(diagram.teams.iter().map(|t| t.id.as_str()));
        for id in ids {
            let found = definitions.id(id);
            assert!(found.is_some(), "{id}");
            assert_eq!(found, crate::file::find_id(&text, id), "{id}");
        }
    }

    #[test]
    fn any_text_scans_without_panicking() {
        for text in [
            "\"", "r#\"", "'", "'\\", "/*", "/* /* */", "\"\\u{", "\"\\x", "\"\\", "r", "r#",
            "é'é", "'é'",
        ] {
            let _ = has_comments(text);
            let _ = Definitions::of(text);
        }
    }
}
