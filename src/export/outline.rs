//! Text as glyph outlines, so an exported SVG looks the same on a machine
//! without the editor's fonts.
//!
//! Each glyph a page uses is drawn once, as a `<path>` in `<defs>` (in the
//! text font's units, y pointing down), from the same fonts and with the
//! same fallback as the editor (Ubuntu Light, then Hack, then Ubuntu's
//! `.notdef` box: [`text::glyph`]). Each line of text is a group scaled to
//! its font size that places the glyphs with `<use>`, one per character,
//! advancing by the widths [`text::width`] measures, so text is exactly as
//! wide as the layout made room for (no kerning, within about a percent of
//! the editor's). The group keeps the words as its `aria-label`, the
//! convention Inkscape's "Object to Path" follows, so screen readers and a
//! text search still find them.

use super::xml::{escape, num, paint};
use crate::scene::{Anchor, Text};
use crate::text::{self, Font};
use skrifa::MetadataProvider as _;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt::Write as _;

/// The glyphs one SVG uses, by font and glyph id, with their path data
/// (`None` for glyphs that draw nothing, such as the space).
#[derive(Default)]
pub(super) struct Glyphs {
    paths: BTreeMap<(Font, u32), Option<String>>,
}

impl Glyphs {
    /// Appends `t` as glyph outlines: a group placed at its baseline and
    /// scaled to its size, filled with its colour. Text that draws no ink
    /// (empty, or only spaces) writes nothing.
    pub(super) fn write_text(&mut self, out: &mut String, t: &Text) {
        let mut placed = Vec::with_capacity(t.text.len());
        let mut advance_units = 0.0;
        for c in t.text.chars() {
            let glyph = text::glyph(c);
            if let Some(key) = glyph.outline
                && self.has_ink(key)
            {
                placed.push((advance_units, key));
            }
            advance_units += glyph.advance;
        }
        if placed.is_empty() {
            return;
        }
        let scale = t.size / text::units_per_em();
        let width = advance_units * scale;
        let left = match t.anchor {
            Anchor::Start => t.pos.x,
            Anchor::Middle => t.pos.x - width / 2.0,
            Anchor::End => t.pos.x - width,
        };
        // The scene gives the centre of egui's line box; glyphs sit on the
        // baseline.
        let baseline = t.pos.y - text::line_height(t.size) / 2.0 + text::ascent(t.size);
        out.push_str("<g aria-label=\"");
        escape(out, &t.text);
        out.push_str("\" transform=\"translate(");
        num(out, left);
        out.push(' ');
        num(out, baseline);
        // The scale is small (a font size over 1000 units): written in
        // full rather than to two decimals.
        let _ = write!(out, ") scale({scale})\"");
        paint(out, "fill", t.color);
        // One line per line of text, so that golden files diff by text.
        out.push('>');
        for (x_units, key) in placed {
            out.push_str("<use xlink:href=\"#");
            write_id(out, key);
            out.push('"');
            if x_units != 0.0 {
                out.push_str(" x=\"");
                num(out, x_units);
                out.push('"');
            }
            out.push_str("/>");
        }
        out.push_str("</g>\n");
    }

    /// Appends a `<defs>` element with every glyph [`Glyphs::write_text`]
    /// placed, in font and glyph order; nothing when no text was written.
    pub(super) fn write_defs(&self, out: &mut String) {
        let mut inked = self
            .paths
            .iter()
            .filter_map(|(key, path)| Some((*key, path.as_ref()?)))
            .peekable();
        if inked.peek().is_none() {
            return;
        }
        out.push_str("<defs>\n");
        for (key, path) in inked {
            out.push_str("<path id=\"");
            write_id(out, key);
            out.push_str("\" d=\"");
            out.push_str(path);
            out.push_str("\"/>\n");
        }
        out.push_str("</defs>\n");
    }

    /// Whether glyph `key` draws anything, its outline read on first use.
    fn has_ink(&mut self, key: (Font, u32)) -> bool {
        match self.paths.entry(key) {
            Entry::Occupied(entry) => entry.get().is_some(),
            Entry::Vacant(entry) => entry.insert(outline(key)).is_some(),
        }
    }
}

/// The `id` of glyph `key`'s path: `glyph-u41` for Ubuntu's glyph 41,
/// `glyph-h41` for Hack's.
fn write_id(out: &mut String, (font, id): (Font, u32)) {
    let prefix = match font {
        Font::Text => 'u',
        Font::Fallback => 'h',
    };
    let _ = write!(out, "glyph-{prefix}{id}");
}

/// The path data of glyph `key` in the text font's units (the fallback
/// font's outlines scaled to them), y pointing down; `None` when it has no
/// outline or draws nothing.
fn outline((font, id): (Font, u32)) -> Option<String> {
    let face = skrifa::FontRef::new(font.bytes()).ok()?;
    let glyph = face.outline_glyphs().get(skrifa::GlyphId::new(id))?;
    let face_units = f32::from(
        face.metrics(Size::unscaled(), LocationRef::default())
            .units_per_em
            .max(1),
    );
    let mut pen = SvgPen {
        data: String::new(),
        scale: text::units_per_em() / face_units,
    };
    glyph
        .draw(
            DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
            &mut pen,
        )
        .ok()?;
    (!pen.data.is_empty()).then_some(pen.data)
}

/// Writes outline commands as SVG path data, scaled, with y flipped.
struct SvgPen {
    data: String,
    scale: f32,
}

impl SvgPen {
    fn command(&mut self, command: char, points: &[(f32, f32)]) {
        self.data.push(command);
        for (i, &(x, y)) in points.iter().enumerate() {
            if i > 0 {
                self.data.push(' ');
            }
            num(&mut self.data, x * self.scale);
            self.data.push(' ');
            num(&mut self.data, -y * self.scale);
        }
    }
}

impl OutlinePen for SvgPen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.command('M', &[(x, y)]);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.command('L', &[(x, y)]);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.command('Q', &[(cx0, cy0), (x, y)]);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.command('C', &[(cx0, cy0), (cx1, cy1), (x, y)]);
    }

    fn close(&mut self) {
        self.data.push('Z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Point;
    use crate::theme::Rgba;

    fn line(text: &str, anchor: Anchor) -> Text {
        Text {
            pos: Point::new(100.0, 50.0),
            anchor,
            size: 14.0,
            color: Rgba::rgb(10, 20, 30),
            text: text.to_owned(),
        }
    }

    #[test]
    fn each_glyph_is_defined_once_and_placed_by_its_advance() {
        let mut glyphs = Glyphs::default();
        let mut body = String::new();
        glyphs.write_text(&mut body, &line("AA B", Anchor::Start));
        let mut defs = String::new();
        glyphs.write_defs(&mut defs);
        // "A" and "B" drawn, the space only advances.
        assert_eq!(defs.matches("<path id=").count(), 2, "{defs}");
        assert_eq!(body.matches("<use ").count(), 3, "{body}");
        assert!(body.starts_with("<g aria-label=\"AA B\" transform=\"translate(100 "));
        assert!(body.contains(" scale(0.014)\" fill=\"#0a141e\">"), "{body}");
        let a = text::glyph('A').advance;
        let space = text::glyph(' ').advance;
        let mut second_b = String::new();
        num(&mut second_b, 2.0 * a + space);
        assert!(body.contains(&format!("x=\"{second_b}\"/>")), "{body}");
        // A glyph path is outline commands only, y pointing down (the top
        // of a capital above the baseline).
        assert!(defs.contains(" d=\"M"), "{defs}");
        assert!(defs.contains(" -"), "{defs}");
    }

    #[test]
    fn anchors_place_the_measured_width() {
        let width = text::width("Photos", 14.0);
        let left = |anchor| {
            let mut body = String::new();
            Glyphs::default().write_text(&mut body, &line("Photos", anchor));
            let start = body.find("translate(").expect("placed") + "translate(".len();
            let end = body[start..].find(' ').expect("two numbers") + start;
            body[start..end].parse::<f32>().expect("a number")
        };
        assert!((left(Anchor::Start) - 100.0).abs() < 0.01);
        assert!((left(Anchor::Middle) - (100.0 - width / 2.0)).abs() < 0.01);
        assert!((left(Anchor::End) - (100.0 - width)).abs() < 0.01);
    }

    #[test]
    fn fallback_and_missing_glyphs_are_drawn_blank_text_is_not() {
        let mut glyphs = Glyphs::default();
        let mut body = String::new();
        glyphs.write_text(&mut body, &line("   ", Anchor::Start));
        glyphs.write_text(&mut body, &line("", Anchor::Start));
        assert_eq!(body, "");
        glyphs.write_text(&mut body, &line("a → 漢", Anchor::Start));
        assert!(
            body.contains("#glyph-h"),
            "the arrow comes from Hack: {body}"
        );
        assert!(body.contains("#glyph-u0\""), "CJK is Ubuntu's box: {body}");
        let mut defs = String::new();
        glyphs.write_defs(&mut defs);
        assert_eq!(defs.matches("<path id=").count(), 3, "{defs}");
    }
}
