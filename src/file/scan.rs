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
use crate::hash::FxHashMap;

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
/// each value.
#[derive(Debug, Default)]
pub struct Definitions {
    ids: FxHashMap<String, LineCol>,
    findings: FxHashMap<String, LineCol>,
}

impl Definitions {
    /// Scans `text` once.
    #[must_use]
    pub fn of(text: &str) -> Self {
        let mut definitions = Definitions::default();
        // The key just read, when it is one we look for, and where it was.
        let mut key: Option<(Key, LineCol)> = None;
        let mut after_colon = false;
        scan(text, |token| {
            match token {
                Token::Ident("id", at) => {
                    key = Some((Key::Id, at));
                    after_colon = false;
                }
                Token::Ident("finding", at) => {
                    key = Some((Key::Finding, at));
                    after_colon = false;
                }
                Token::Colon if key.is_some() && !after_colon => after_colon = true,
                Token::Str(value) if after_colon => {
                    if let Some((kind, at)) = key.take() {
                        let map = match kind {
                            Key::Id => &mut definitions.ids,
                            Key::Finding => &mut definitions.findings,
                        };
                        map.entry(value).or_insert(at);
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

/// What the lexer reports.
enum Token<'a> {
    /// An identifier and where it starts.
    Ident(&'a str, LineCol),
    /// `:`.
    Colon,
    /// A string literal's value.
    Str(String),
    /// A comment.
    Comment,
    /// Anything else that is not white space.
    Other,
}

/// A position in the text that counts lines and columns as it goes.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn position(&self) -> LineCol {
        LineCol {
            line: self.line,
            col: self.col,
        }
    }
}

/// Calls `token` with each token of `text` until it returns `false`.
fn scan<'a>(text: &'a str, mut token: impl FnMut(Token<'a>) -> bool) {
    let mut cursor = Cursor {
        text,
        at: 0,
        line: 1,
        col: 1,
    };
    while let Some(c) = cursor.peek() {
        let start = cursor.at;
        let position = cursor.position();
        let rest = cursor.rest();
        let next = if c.is_whitespace() {
            cursor.bump();
            continue;
        } else if rest.starts_with("//") {
            while cursor.peek().is_some_and(|c| c != '\n') {
                cursor.bump();
            }
            Token::Comment
        } else if rest.starts_with("/*") {
            block_comment(&mut cursor);
            Token::Comment
        } else if c == '"' {
            cursor.bump();
            Token::Str(string(&mut cursor))
        } else if let Some(hashes) = raw_string_start(rest) {
            for _ in 0..hashes + 2 {
                cursor.bump();
            }
            Token::Str(raw_string(&mut cursor, hashes))
        } else if c == '\'' {
            char_literal(&mut cursor);
            Token::Other
        } else if c.is_alphanumeric() || c == '_' {
            while cursor
                .peek()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                cursor.bump();
            }
            Token::Ident(&text[start..cursor.at], position)
        } else if c == ':' {
            cursor.bump();
            Token::Colon
        } else {
            cursor.bump();
            Token::Other
        };
        if !token(next) {
            return;
        }
    }
}

/// Skips a block comment (they nest in RON), the opening `/*` included.
fn block_comment(cursor: &mut Cursor<'_>) {
    cursor.bump();
    cursor.bump();
    let mut depth = 1;
    while depth > 0 {
        let rest = cursor.rest();
        if rest.is_empty() {
            return;
        }
        if rest.starts_with("/*") {
            depth += 1;
            cursor.bump();
        } else if rest.starts_with("*/") {
            depth -= 1;
            cursor.bump();
        }
        cursor.bump();
    }
}

/// The number of `#`s of a raw string starting at `rest` (`r"`, `r#"`, ...).
fn raw_string_start(rest: &str) -> Option<usize> {
    let after_r = rest.strip_prefix('r')?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    after_r[hashes..].starts_with('"').then_some(hashes)
}

/// Reads a raw string's contents after its opening quote, through its
/// closing quote and hashes.
fn raw_string(cursor: &mut Cursor<'_>, hashes: usize) -> String {
    let mut value = String::new();
    while let Some(c) = cursor.bump() {
        let closing = cursor.rest().as_bytes().get(..hashes);
        if c == '"' && closing.is_some_and(|h| h.iter().all(|&b| b == b'#')) {
            for _ in 0..hashes {
                cursor.bump();
            }
            return value;
        }
        value.push(c);
    }
    value
}

/// Reads a string's contents after its opening quote, through its closing
/// quote, with escapes resolved (an unknown escape is kept as written).
fn string(cursor: &mut Cursor<'_>) -> String {
    let mut value = String::new();
    while let Some(c) = cursor.bump() {
        match c {
            '"' => return value,
            '\\' => match cursor.bump() {
                Some('n') => value.push('\n'),
                Some('r') => value.push('\r'),
                Some('t') => value.push('\t'),
                Some('0') => value.push('\0'),
                Some('u') if cursor.peek() == Some('{') => {
                    cursor.bump();
                    let mut hex = String::new();
                    while let Some(c) = cursor.peek().filter(char::is_ascii_hexdigit) {
                        hex.push(c);
                        cursor.bump();
                    }
                    if cursor.peek() == Some('}') {
                        cursor.bump();
                    }
                    if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        value.push(c);
                    }
                }
                Some('x') => {
                    let hex: String = (0..2).filter_map(|_| cursor.bump()).collect();
                    if let Some(c) = u8::from_str_radix(&hex, 16).ok().map(char::from) {
                        value.push(c);
                    }
                }
                Some(other) => value.push(other),
                None => return value,
            },
            c => value.push(c),
        }
    }
    value
}

/// Skips a character literal (`'a'`, `'\''`); a lone `'` is skipped alone.
fn char_literal(cursor: &mut Cursor<'_>) {
    cursor.bump();
    let rest = cursor.rest();
    let len = if let Some(escaped) = rest.strip_prefix('\\') {
        // Through the first quote after the escaped character.
        escaped
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '\'')
            .map(|(i, _)| i + 2)
            .filter(|&len| len <= 12)
    } else {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), Some('\'')) => Some(c.len_utf8() + 1),
            _ => None,
        }
    };
    if let Some(len) = len {
        let end = cursor.at + len;
        while cursor.at < end {
            cursor.bump();
        }
    }
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
