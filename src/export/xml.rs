//! The XML pieces SVG is written with: short numbers, colours with their
//! opacity, point lists, and escaped text.

use crate::model::Point;
use crate::theme::Rgba;
use std::fmt::Write as _;

/// ` fill="#rrggbb"` plus ` fill-opacity` when the colour is translucent.
pub(super) fn paint(out: &mut String, attribute: &str, color: Rgba) {
    let _ = write!(
        out,
        " {attribute}=\"#{:02x}{:02x}{:02x}\"",
        color.r, color.g, color.b
    );
    if color.a < 255 {
        let _ = write!(out, " {attribute}-opacity=\"");
        num(out, f32::from(color.a) / 255.0);
        out.push('"');
    }
}

pub(super) fn point_list(out: &mut String, points: &[Point]) {
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        num(out, p.x);
        out.push(',');
        num(out, p.y);
    }
}

/// A number with at most two decimals and no trailing zeros ("12", "12.5").
pub(super) fn num(out: &mut String, value: f32) {
    let rounded = if value.is_finite() {
        (value * 100.0).round() / 100.0
    } else {
        0.0
    };
    // Avoid "-0".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let _ = write!(out, "{rounded}");
}

/// Appends `text` escaped for XML content and attribute values; characters
/// XML 1.0 forbids become U+FFFD.
pub(super) fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let mut out = String::new();
        for v in [12.0, 12.5, 0.333_333, -0.001, f32::NAN, 1e9] {
            num(&mut out, v);
            out.push(' ');
        }
        assert_eq!(out, "12 12.5 0.33 0 0 1000000000 ");
    }

    #[test]
    fn text_is_escaped() {
        let mut out = String::new();
        escape(&mut out, "a<b>&\"c'\u{1}\td");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&apos;\u{fffd} d");
    }
}
