//! Text metrics in the editor's font, so that boxes fit their names.
//!
//! The editor draws every label in egui's default proportional font,
//! Ubuntu-Light. This module measures text in that same font (read with
//! `skrifa` from the bytes egui itself embeds) without egui: layout, export
//! and the scene size boxes and text with it, and the editor gets the same
//! numbers it would get from `egui::Fonts` at zoom 1.
//!
//! Widths are sums of advance widths. egui also applies kerning (a few font
//! units per pair, either way), so a width here is within about one percent
//! of what the editor draws; callers that must fit text keep a margin (the
//! theme's paddings are far larger).
//!
//! Characters Ubuntu lacks (arrows, box drawing) are drawn by egui in Hack,
//! the editor's fallback font (`ui::fonts`), and measured here in Hack too.
//! A character neither font has is drawn by egui as Ubuntu's `.notdef` box,
//! and measured here as one. [`glyph`] says which font draws a character
//! and with which glyph, so an export can draw the same outlines.
//!
//! Glyph advances are read once, on first use: an array for ASCII and a map
//! for every other character the fonts cover.

use skrifa::MetadataProvider as _;
use skrifa::instance::{LocationRef, Size};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Tab stops are this many spaces wide (egui's `FontTweak::tab_size`).
const TAB_SPACES: f32 = 4.0;
/// Thin spaces are this fraction of a space (egui's `FontTweak::thin_space_width`).
const THIN_SPACE_FRACTION: f32 = 0.5;
/// egui rounds font metrics to multiples of this many points.
const GUI_ROUNDING: f32 = 1.0 / 32.0;

/// Which of the editor's fonts draws a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Font {
    /// Ubuntu Light ([`FONT_BYTES`]), the text font.
    Text,
    /// Hack ([`FALLBACK_FONT_BYTES`]), for characters Ubuntu lacks.
    Fallback,
}

impl Font {
    /// The font file.
    #[must_use]
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Font::Text => FONT_BYTES,
            Font::Fallback => FALLBACK_FONT_BYTES,
        }
    }
}

/// How the editor draws one character: the glyph and how far it advances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// The font and glyph id whose outline is drawn; `None` for characters
    /// that only take space (tabs, thin spaces, format characters).
    pub outline: Option<(Font, u32)>,
    /// The advance width in the text font's units ([`units_per_em`] to
    /// the em), whichever font draws the character.
    pub advance: f32,
}

impl Glyph {
    const NONE: Glyph = Glyph {
        outline: None,
        advance: 0.0,
    };
}

/// Advance widths and vertical metrics of the editor's fonts, in the text
/// font's units.
struct FontMetrics {
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    leading: f32,
    /// The ASCII characters; control characters advance 0.
    ascii: [Glyph; 128],
    /// Every other character the fonts map.
    other: HashMap<char, Glyph>,
    /// `.notdef`, drawn for characters neither font has.
    missing: Glyph,
}

impl FontMetrics {
    /// Reads the metrics of Ubuntu-Light and Hack. Falls back to rough
    /// proportions if the embedded fonts cannot be parsed, which would be a
    /// build defect; the layout must still work then, only less snugly.
    fn load() -> Self {
        Self::from_fonts().unwrap_or_else(Self::approximate)
    }

    fn from_fonts() -> Option<Self> {
        let font = skrifa::FontRef::new(FONT_BYTES).ok()?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut ascii = [Glyph::NONE; 128];
        let mut other = HashMap::new();
        // The fallback first, so that the text font's glyphs replace it.
        for (which, scale) in [(Font::Fallback, None), (Font::Text, Some(1.0))] {
            let Ok(face) = skrifa::FontRef::new(which.bytes()) else {
                continue;
            };
            let scale = scale.unwrap_or_else(|| {
                let face_units = face.metrics(Size::unscaled(), LocationRef::default());
                units_per_em / f32::from(face_units.units_per_em.max(1))
            });
            let glyph_metrics = face.glyph_metrics(Size::unscaled(), LocationRef::default());
            for (code, id) in face.charmap().mappings() {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                if id == skrifa::GlyphId::NOTDEF || c.is_ascii_control() {
                    continue;
                }
                let glyph = Glyph {
                    outline: Some((which, id.to_u32())),
                    advance: glyph_metrics.advance_width(id).unwrap_or_default() * scale,
                };
                if c.is_ascii() {
                    ascii[c as usize] = glyph;
                } else {
                    other.insert(c, glyph);
                }
            }
        }
        let space = ascii[usize::from(b' ')].advance;
        ascii[usize::from(b'\t')] = Glyph {
            outline: None,
            advance: TAB_SPACES * space,
        };
        for thin in ['\u{2009}', '\u{202F}'] {
            let advance = THIN_SPACE_FRACTION * space;
            other.insert(
                thin,
                Glyph {
                    outline: None,
                    advance,
                },
            );
        }
        for invisible in INVISIBLE {
            other.insert(*invisible, Glyph::NONE);
        }
        let glyph_metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        Some(FontMetrics {
            units_per_em,
            ascent: metrics.ascent,
            descent: metrics.descent,
            leading: metrics.leading,
            ascii,
            other,
            missing: Glyph {
                outline: Some((Font::Text, skrifa::GlyphId::NOTDEF.to_u32())),
                advance: glyph_metrics
                    .advance_width(skrifa::GlyphId::NOTDEF)
                    .unwrap_or_default(),
            },
        })
    }

    fn approximate() -> Self {
        let mut ascii = [Glyph {
            outline: None,
            advance: 500.0,
        }; 128];
        for control in ascii.iter_mut().take(32) {
            *control = Glyph::NONE;
        }
        FontMetrics {
            units_per_em: 1000.0,
            ascent: 930.0,
            descent: -190.0,
            leading: 0.0,
            ascii,
            other: HashMap::new(),
            missing: Glyph {
                outline: None,
                advance: 600.0,
            },
        }
    }

    fn glyph(&self, c: char) -> Glyph {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.get(&c).copied().unwrap_or(self.missing)
        }
    }

    /// Advance of `c` in font units.
    fn advance(&self, c: char) -> f32 {
        self.glyph(c).advance
    }

    /// Width of one line (no `\n`) in font units.
    fn line_units(&self, line: &str) -> f32 {
        line.chars().map(|c| self.advance(c)).sum()
    }
}

/// Format characters egui draws as nothing.
const INVISIBLE: &[char] = &[
    '\r', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}',
    '\u{202C}', '\u{202D}', '\u{202E}', '\u{2060}', '\u{2061}', '\u{2062}', '\u{2063}', '\u{2064}',
    '\u{FEFF}',
];

fn metrics() -> &'static FontMetrics {
    static METRICS: OnceLock<FontMetrics> = OnceLock::new();
    METRICS.get_or_init(FontMetrics::load)
}

fn round_ui(value: f32) -> f32 {
    (value / GUI_ROUNDING).round() * GUI_ROUNDING
}

/// Width of `text` at `font_size`, in the same units as the font size: the
/// widest line when the text has several.
#[must_use]
pub fn width(text: &str, font_size: f32) -> f32 {
    let font = metrics();
    let widest = text
        .split('\n')
        .map(|line| font.line_units(line))
        .fold(0.0, f32::max);
    widest * font_size / font.units_per_em
}

/// Advance width of one character at `font_size`.
#[must_use]
pub fn char_width(c: char, font_size: f32) -> f32 {
    let font = metrics();
    font.advance(c) * font_size / font.units_per_em
}

/// Height of one line of text at `font_size`, as egui lays rows out (ascent
/// plus descent plus line gap, each rounded as egui rounds them).
#[must_use]
pub fn line_height(font_size: f32) -> f32 {
    let font = metrics();
    let scale = font_size / font.units_per_em;
    round_ui(font.ascent * scale) - round_ui(font.descent * scale) + round_ui(font.leading * scale)
}

/// Distance from the top of a line to its baseline at `font_size`, for
/// placing text by its baseline (SVG).
#[must_use]
pub fn ascent(font_size: f32) -> f32 {
    let font = metrics();
    round_ui(font.ascent * font_size / font.units_per_em)
}

/// Width and height of `text` at `font_size`: the widest line, and one line
/// height per line.
#[must_use]
pub fn size(text: &str, font_size: f32) -> (f32, f32) {
    let lines = text.split('\n').count() as f32;
    (width(text, font_size), lines * line_height(font_size))
}

/// Whether the editor's fonts have a glyph for `c` (otherwise it is drawn as
/// an empty box of the `.notdef` width).
#[must_use]
pub fn has_glyph(c: char) -> bool {
    let font = metrics();
    if c.is_ascii() {
        !c.is_ascii_control() || c == '\t'
    } else {
        font.other.contains_key(&c)
    }
}

/// How the editor draws `c`: which font's glyph, and its advance in
/// [`units_per_em`] units.
#[must_use]
pub fn glyph(c: char) -> Glyph {
    metrics().glyph(c)
}

/// The text font's units to the em: [`Glyph::advance`] at a font size is
/// `advance * font_size / units_per_em()`.
#[must_use]
pub fn units_per_em() -> f32 {
    metrics().units_per_em
}

/// The editor's proportional font (egui's default), whose outlines exports
/// draw too.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The editor's fallback font (egui's monospace font, last in the
/// proportional family), for characters Ubuntu lacks such as arrows.
pub const FALLBACK_FONT_BYTES: &[u8] = epaint_default_fonts::HACK_REGULAR;

/// The horizontal ellipsis used when a string is shortened.
const ELLIPSIS: char = '…';

/// `text` shortened with a trailing ellipsis so it is at most `max_width`
/// wide at `font_size`; unchanged when it already fits. Returns an empty
/// string when not even the ellipsis fits.
#[must_use]
pub fn elide(text: &str, font_size: f32, max_width: f32) -> String {
    if width(text, font_size) <= max_width {
        return text.to_owned();
    }
    let budget = max_width - char_width(ELLIPSIS, font_size);
    if budget < 0.0 {
        return String::new();
    }
    let mut used = 0.0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let w = char_width(c, font_size);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push(ELLIPSIS);
    out
}

#[cfg(test)]
// Nothing measures as exactly zero, which is exact in f32.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    /// egui's own measurement of one line of proportional text at zoom 1:
    /// its exact (unsnapped) size, the one egui uses to place galleys side by
    /// side. The galley's drawn rect snaps glyphs to whole pixels, so it can
    /// be up to a pixel wider or taller.
    fn egui_size(text: &str, font_size: f32) -> egui::Vec2 {
        let ctx = egui::Context::default();
        // The editor's fonts (`ui::fonts`): Hack last in the proportional family.
        let mut fonts = egui::FontDefinitions::default();
        if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
            family.push("Hack".to_owned());
        }
        ctx.set_fonts(fonts);
        let mut size = egui::Vec2::ZERO;
        // Fonts exist only once a frame has begun.
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            size = ui.ctx().fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(
                        text.to_owned(),
                        egui::FontId::proportional(font_size),
                        egui::Color32::WHITE,
                    )
                    .intrinsic_size()
            });
        });
        // Nothing renders the font atlas here; drop its uploads on purpose.
        output.textures_delta.clear();
        size
    }

    #[test]
    fn widths_match_what_egui_draws() {
        let samples = [
            "HTTP handlers",
            "Notification mailer",
            "PNG decoder",
            "Managed Postgres",
            "Component · Untrusted",
            "Wide WWWWW mmmm",
            "iiiii llll ....",
            "Ünïcödé ÆØÅ — “quotes”",
            "Tab\there",
            "Photos → Storage",
            "├── lib ⇒ ◆",
        ];
        for text in samples {
            for font_size in [11.0, 13.0, 14.0, 20.0] {
                let ours = width(text, font_size);
                let theirs = egui_size(text, font_size).x;
                // Only kerning differs: a fraction of a percent.
                assert!(
                    (ours - theirs).abs() <= theirs * 0.01 + 0.05,
                    "{text:?} at {font_size}: ours {ours}, egui {theirs}"
                );
            }
        }
    }

    #[test]
    fn line_height_matches_egui() {
        for font_size in [11.0, 13.0, 14.0, 20.0] {
            let theirs = egui_size("Hg", font_size).y;
            assert!(
                // egui rounds the row height to whole pixels (here 1 pixel = 1 point).
                (line_height(font_size).round() - theirs).abs() < 0.01,
                "{font_size}: ours {}, egui {theirs}",
                line_height(font_size)
            );
        }
    }

    #[test]
    fn width_scales_with_size_and_takes_the_widest_line() {
        let w14 = width("Photos DB", 14.0);
        assert!(w14 > 40.0 && w14 < 90.0, "{w14}");
        assert!((width("Photos DB", 28.0) - 2.0 * w14).abs() < 1e-3);
        assert_eq!(width("", 14.0), 0.0);
        let two_lines = width("short\nmuch longer line", 14.0);
        assert!((two_lines - width("much longer line", 14.0)).abs() < 1e-3);
        let (w, h) = size("a\nb", 14.0);
        assert!((h - 2.0 * line_height(14.0)).abs() < 1e-3 && w > 0.0);
    }

    #[test]
    fn characters_ubuntu_lacks_are_drawn_in_hack() {
        assert!(has_glyph('→'));
        let arrow = glyph('→');
        assert!(
            matches!(arrow.outline, Some((Font::Fallback, _))),
            "{arrow:?}"
        );
        // Hack is monospaced: its arrow is as wide as its letters, scaled
        // from Hack's 2048 units to the em to Ubuntu's 1000.
        assert!(
            (arrow.advance - 1233.0 * 1000.0 / 2048.0).abs() < 0.01,
            "{arrow:?}"
        );
        assert!(matches!(glyph('A').outline, Some((Font::Text, _))));
        assert_eq!(glyph('\t').outline, None);
        assert!(matches!(glyph('漢').outline, Some((Font::Text, 0))));
    }

    #[test]
    fn missing_characters_take_the_notdef_width() {
        // Neither font has CJK glyphs: each is drawn as Ubuntu's `.notdef` box.
        assert!(!has_glyph('漢'));
        assert!(has_glyph('é'));
        let box_width = char_width('漢', 14.0);
        assert!(box_width > 3.0, "{box_width}");
        assert!((width("漢字", 14.0) - 2.0 * box_width).abs() < 1e-3);
        assert_eq!(char_width('\u{200B}', 14.0), 0.0);
        assert!((char_width('\t', 14.0) - 4.0 * char_width(' ', 14.0)).abs() < 1e-3);
    }

    #[test]
    fn elide_fits_and_keeps_short_text() {
        assert_eq!(elide("API", 14.0, 100.0), "API");
        let long = "A very long module name that will not fit";
        let short = elide(long, 14.0, 100.0);
        assert!(short.ends_with('…'), "{short}");
        assert!(width(&short, 14.0) <= 100.0);
        assert!(short.len() < long.len());
        assert_eq!(elide(long, 14.0, 2.0), "");
    }
}
