//! A fast reader for exactly the RON subset the saver writes.
//!
//! Parsing a 10,000-module file through serde and `ron` takes hundreds of
//! milliseconds; this hand-written reader takes a few. It accepts only
//! what the saver produces (and harmless variations of it: other spacing,
//! field order, trailing commas, omitted defaults) and gives up, returning
//! `None`, on anything else: comments, `Some(..)`/`None`, raw strings,
//! unusual escapes, suffixed or special floats, unknown or repeated fields,
//! foreign headers, syntax errors. The loader then falls back to the strict
//! `ron` path, which produces the precise located errors, so the fast path
//! never decides whether a file is valid; it only has to read the files it
//! accepts exactly as `ron` would. Both paths produce a [`RawDiagram`] that
//! goes through the same conversion and validation.
//!
//! The grammar is flat (a diagram, its lists, their elements, points), so
//! nesting depth is bounded by the code and hostile input cannot overflow
//! the stack.

use super::FORMAT_VERSION;
use super::raw::{
    RawAcceptance, RawDiagram, RawInterface, RawModule, RawSettings, RawTeam, RawUnit,
};
use crate::model::{
    InterfaceKind, Isolation, Load, ModuleKind, Point, Rect, Release, Reliability, RuleId,
    RuleLevel, Size, Startup, Trust,
};
use std::collections::BTreeMap;

/// Reads `text` if it lies within the saver's subset of RON; `None` when it
/// does not (or is not a current Seams file), so the caller uses `ron`.
pub(crate) fn parse(text: &str) -> Option<RawDiagram> {
    let mut p = Parser { text, pos: 0 };
    p.skip_ws();
    if p.rest().starts_with(b"#") {
        let header = b"#![enable(implicit_some)]";
        if !p.rest().starts_with(header) {
            return None;
        }
        p.pos += header.len();
    }
    let diagram = p.diagram()?;
    p.skip_ws();
    let complete = p.pos == text.len();
    let current = diagram.format == "seams" && (1..=FORMAT_VERSION).contains(&diagram.version);
    (complete && current).then_some(diagram)
}

/// A cursor over the text. Every method returns `None` on input outside the
/// subset; positions only ever move to ASCII delimiters, so slicing `text`
/// at them is always on a character boundary.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

/// The enum value written as `name`, by its file name.
fn variant<T: Copy>(all: &[T], file_name: impl Fn(T) -> &'static str, name: &str) -> Option<T> {
    all.iter().copied().find(|&v| file_name(v) == name)
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips the ASCII whitespace the saver writes. Other whitespace and
    /// comments stop it, and then the next token fails to match.
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `byte` after optional whitespace, if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// After an item: a comma (then maybe the closing `close`), or `close`.
    /// Returns whether the sequence has ended.
    fn end_of_item(&mut self, close: u8) -> Option<bool> {
        if self.eat(b',') {
            Some(self.eat(close))
        } else {
            self.expect(close).map(|()| true)
        }
    }

    /// An ASCII identifier. A following non-ASCII byte might continue it
    /// (RON identifiers are Unicode), so that gives up.
    fn ident(&mut self) -> Option<&'a str> {
        self.skip_ws();
        let start = self.pos;
        let bytes = self.text.as_bytes();
        if !bytes
            .get(start)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            return None;
        }
        let mut end = start + 1;
        while bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            end += 1;
        }
        if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
            return None;
        }
        self.pos = end;
        Some(&self.text[start..end])
    }

    /// A unit enum value (`Sandbox`), also for `Option`s under `implicit_some`.
    fn enum_value<T: Copy>(
        &mut self,
        all: &[T],
        file_name: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let name = self.ident()?;
        variant(all, file_name, name)
    }

    fn bool(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// A plain decimal integer without sign, underscores or leading zeros.
    fn uint(&mut self) -> Option<u64> {
        self.skip_ws();
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut end = start;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        let digits = &self.text[start..end];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        self.pos = end;
        digits.parse().ok()
    }

    /// A float, read like `ron` reads one: the run of float characters,
    /// parsed by `f32::from_str`. Runs with `_` or `..` (which `ron` treats
    /// specially) give up, as do `inf`, `NaN` and suffixes (the next token
    /// then fails to match).
    fn float(&mut self) -> Option<f32> {
        self.skip_ws();
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut end = start;
        while bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'.' | b'+' | b'-'))
        {
            end += 1;
        }
        let literal = &self.text[start..end];
        if literal.is_empty() || literal.contains("..") || bytes.get(end) == Some(&b'_') {
            return None;
        }
        self.pos = end;
        literal.parse().ok()
    }

    /// A string literal with the escapes the saver writes (and `\'`, `\0`).
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            let at = run_start + memchr2(b'"', b'\\', &bytes[run_start..])?;
            out.push_str(&self.text[run_start..at]);
            if bytes[at] == b'"' {
                self.pos = at + 1;
                return Some(out);
            }
            let (c, len) = match bytes.get(at + 1)? {
                b'"' => ('"', 2),
                b'\\' => ('\\', 2),
                b'n' => ('\n', 2),
                b'r' => ('\r', 2),
                b't' => ('\t', 2),
                b'\'' => ('\'', 2),
                b'0' => ('\0', 2),
                b'u' => unicode_escape(&bytes[at + 2..])?,
                _ => return None,
            };
            out.push(c);
            run_start = at + len;
        }
    }

    fn point(&mut self) -> Option<Point> {
        let [x, y] = self.floats(["x", "y"])?;
        Some(Point { x, y })
    }

    fn size(&mut self) -> Option<Size> {
        let [w, h] = self.floats(["w", "h"])?;
        Some(Size { w, h })
    }

    fn rect(&mut self) -> Option<Rect> {
        let [x, y, w, h] = self.floats(["x", "y", "w", "h"])?;
        Some(Rect { x, y, w, h })
    }

    /// A struct of float fields, every one required, in any order.
    fn floats<const N: usize>(&mut self, names: [&str; N]) -> Option<[f32; N]> {
        let mut values = [None; N];
        self.fields(|p, name| {
            let i = names.iter().position(|n| *n == name)?;
            values[i] = Some(p.float()?);
            Some(())
        })?;
        let mut out = [0.0; N];
        for (value, slot) in values.into_iter().zip(&mut out) {
            *slot = value?;
        }
        Some(out)
    }

    /// `( name: value, ... )`, calling `field` to read each value. A field
    /// given twice gives up (serde rejects it, so the strict path must).
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.expect(b'(')?;
        if self.eat(b')') {
            return Some(());
        }
        // No struct of the format has more than 13 fields.
        let mut seen = [""; 16];
        let mut count = 0;
        loop {
            let name = self.ident()?;
            if seen[..count].contains(&name) {
                return None;
            }
            *seen.get_mut(count)? = name;
            count += 1;
            self.expect(b':')?;
            field(self, name)?;
            if self.end_of_item(b')')? {
                return Some(());
            }
        }
    }

    /// `[ item, ... ]`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.expect(b'[')?;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(items);
        }
        loop {
            items.push(item(self)?);
            if self.end_of_item(b']')? {
                return Some(items);
            }
        }
    }

    fn diagram(&mut self) -> Option<RawDiagram> {
        let mut format = None;
        let mut version = None;
        let mut title = String::new();
        let mut settings = RawSettings::default();
        let (mut teams, mut units, mut modules) = (Vec::new(), Vec::new(), Vec::new());
        let (mut interfaces, mut accepted) = (Vec::new(), Vec::new());
        self.fields(|p, name| {
            match name {
                "format" => format = Some(p.string()?),
                "version" => version = Some(p.uint()?),
                "title" => title = p.string()?,
                "settings" => settings = p.settings()?,
                "teams" => teams = p.list(Self::team)?,
                "units" => units = p.list(Self::unit)?,
                "modules" => modules = p.list(Self::module)?,
                "interfaces" => interfaces = p.list(Self::interface)?,
                "accepted" => accepted = p.list(Self::acceptance)?,
                _ => return None,
            }
            Some(())
        })?;
        Some(RawDiagram {
            format: format?,
            version: version?,
            title,
            settings,
            teams,
            units,
            modules,
            interfaces,
            accepted,
        })
    }

    fn settings(&mut self) -> Option<RawSettings> {
        let mut settings = RawSettings::default();
        self.fields(|p, name| {
            match name {
                "strong_isolation" => {
                    settings.strong_isolation =
                        Some(p.enum_value(Isolation::ALL, Isolation::file_name)?);
                }
                "rules" => settings.rules = p.rule_levels()?,
                _ => return None,
            }
            Some(())
        })?;
        Some(settings)
    }

    /// `{ "rule-id": Level, ... }`; a repeated rule gives up.
    fn rule_levels(&mut self) -> Option<BTreeMap<RuleId, RuleLevel>> {
        self.expect(b'{')?;
        let mut rules = BTreeMap::new();
        if self.eat(b'}') {
            return Some(rules);
        }
        loop {
            let rule = RuleId::parse(&self.string()?)?;
            self.expect(b':')?;
            let level = self.enum_value(RuleLevel::ALL, RuleLevel::file_name)?;
            if rules.insert(rule, level).is_some() {
                return None;
            }
            if self.end_of_item(b'}')? {
                return Some(rules);
            }
        }
    }

    fn team(&mut self) -> Option<RawTeam> {
        let (mut id, mut name, mut color) = (None, None, None);
        self.fields(|p, field| {
            match field {
                "id" => id = Some(p.string()?),
                "name" => name = Some(p.string()?),
                "color" => color = Some(p.string()?),
                _ => return None,
            }
            Some(())
        })?;
        Some(RawTeam {
            id: id?,
            name,
            color,
        })
    }

    fn unit(&mut self) -> Option<RawUnit> {
        let (mut id, mut name, mut isolation, mut parent) = (None, None, None, None);
        let (mut release, mut notes, mut rect) = (Release::default(), String::new(), None);
        self.fields(|p, field| {
            match field {
                "id" => id = Some(p.string()?),
                "name" => name = Some(p.string()?),
                "isolation" => {
                    isolation = Some(p.enum_value(Isolation::ALL, Isolation::file_name)?);
                }
                "parent" => parent = Some(p.string()?),
                "release" => release = p.enum_value(Release::ALL, Release::file_name)?,
                "notes" => notes = p.string()?,
                "rect" => rect = Some(p.rect()?),
                _ => return None,
            }
            Some(())
        })?;
        Some(RawUnit {
            id: id?,
            name,
            isolation: isolation?,
            parent,
            release,
            notes,
            rect,
        })
    }

    fn module(&mut self) -> Option<RawModule> {
        let mut id = None;
        let mut m = RawModule {
            id: String::new(),
            name: None,
            kind: ModuleKind::default(),
            trust: None,
            zone: None,
            team: None,
            unit: None,
            reliability: None,
            startup: Startup::default(),
            load: Load::default(),
            notes: String::new(),
            pos: None,
            size: None,
        };
        self.fields(|p, field| {
            match field {
                "id" => id = Some(p.string()?),
                "name" => m.name = Some(p.string()?),
                "kind" => m.kind = p.enum_value(ModuleKind::ALL, ModuleKind::file_name)?,
                "trust" => m.trust = Some(p.enum_value(Trust::ALL, Trust::file_name)?),
                "zone" => m.zone = Some(p.string()?),
                "team" => m.team = Some(p.string()?),
                "unit" => m.unit = Some(p.string()?),
                "reliability" => {
                    m.reliability = Some(p.enum_value(Reliability::ALL, Reliability::file_name)?);
                }
                "startup" => m.startup = p.enum_value(Startup::ALL, Startup::file_name)?,
                "load" => m.load = p.enum_value(Load::ALL, Load::file_name)?,
                "notes" => m.notes = p.string()?,
                "pos" => m.pos = Some(p.point()?),
                "size" => m.size = Some(p.size()?),
                _ => return None,
            }
            Some(())
        })?;
        Some(RawModule { id: id?, ..m })
    }

    fn interface(&mut self) -> Option<RawInterface> {
        let (mut id, mut from, mut to, mut kind) = (None, None, None, None);
        let (mut label, mut versioned, mut notes) = (String::new(), false, String::new());
        let mut points = Vec::new();
        self.fields(|p, field| {
            match field {
                "id" => id = Some(p.string()?),
                "from" => from = Some(p.string()?),
                "to" => to = Some(p.string()?),
                "kind" => kind = Some(p.enum_value(InterfaceKind::ALL, InterfaceKind::file_name)?),
                "label" => label = p.string()?,
                "versioned" => versioned = p.bool()?,
                "notes" => notes = p.string()?,
                "points" => points = p.list(Self::point)?,
                _ => return None,
            }
            Some(())
        })?;
        Some(RawInterface {
            id,
            from: from?,
            to: to?,
            kind: kind?,
            label,
            versioned,
            notes,
            points,
        })
    }

    fn acceptance(&mut self) -> Option<RawAcceptance> {
        let (mut finding, mut reason) = (None, None);
        self.fields(|p, field| {
            match field {
                "finding" => finding = Some(p.string()?),
                "reason" => reason = Some(p.string()?),
                _ => return None,
            }
            Some(())
        })?;
        Some(RawAcceptance {
            finding: finding?,
            reason: reason?,
        })
    }
}

/// The position of the first `a` or `b` in `haystack`.
fn memchr2(a: u8, b: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&c| c == a || c == b)
}

/// `{1-6 hex digits}` after `\u`, as `ron` reads it: the character and the
/// length of the whole escape, backslash included.
fn unicode_escape(after_u: &[u8]) -> Option<(char, usize)> {
    if after_u.first() != Some(&b'{') {
        return None;
    }
    let digits = after_u[1..]
        .iter()
        .take(6)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    if digits == 0 || after_u.get(1 + digits) != Some(&b'}') {
        return None;
    }
    let hex = std::str::from_utf8(&after_u[1..=digits]).ok()?;
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, 2 + 1 + digits + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(text: &str) -> bool {
        parse(text).is_some()
    }

    #[test]
    fn reads_the_saver_subset() {
        let text = "#![enable(implicit_some)]\n(\n    format: \"seams\",\n    version: 1,\n    title: \"a \\\"q\\\" \\u{1} é\",\n    settings: (\n        strong_isolation: Vm,\n        rules: {\n            \"empty-unit\": Off,\n        },\n    ),\n    modules: [\n        (id: \"a\", trust: Untrusted, pos: (x: 1.5, y: -2.0), size: (w: 1e-7, h: 3.0)),\n    ],\n)\n";
        let raw = parse(text).expect("accepted");
        assert_eq!(raw.title, "a \"q\" \u{1} é");
        assert_eq!(raw.settings.strong_isolation, Some(Isolation::Vm));
        assert_eq!(raw.modules[0].trust, Some(Trust::Untrusted));
        assert_eq!(raw.modules[0].pos, Some(Point::new(1.5, -2.0)));
        assert_eq!(raw.modules[0].size, Some(Size::new(1e-7, 3.0)));
    }

    #[test]
    fn gives_up_outside_the_subset() {
        let ok = "(format: \"seams\", version: 1, modules: [(id: \"a\")])";
        assert!(accepts(ok));
        for text in [
            "// comment\n(format: \"seams\", version: 1)",
            "(format: \"seams\", version: 1, title: r\"raw\")",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", zone: Some(\"z\"))])",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", zone: None)])",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", pos: (x: 1.0f32, y: 2.0))])",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", pos: (x: NaN, y: 2.0))])",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", pos: (x: 1_0.0, y: 2.0))])",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", id: \"b\")])",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", nmae: \"b\")])",
            "(format: \"seams\", version: 1, modules: [(name: \"b\")])",
            "(format: \"seams\", version: 1, title: \"\\x41\")",
            "(format: \"seams\", version: 2)",
            "(format: \"seams\", version: 01)",
            "(format: \"drawio\", version: 1)",
            "(format: \"seams\", version: 1) x",
            "(format: \"seams\", version: 1, settings: (rules: {\"empty-unit\": Off, \"empty-unit\": Info}))",
            "(format: \"seams\", version: 1, modules: [(id: \"a\", kindé: Library)])",
            "(format: \"seams\", version: 1, title: \"unclosed)",
            "(format: \"seams\", version: 1, title: \"\\u{110000}\")",
            "#![enable(unwrap_newtypes)]\n(format: \"seams\", version: 1)",
        ] {
            assert!(!accepts(text), "{text}");
        }
    }
}
