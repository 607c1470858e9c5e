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
//! Glyph advances are read once, on first use: an array for ASCII and a map
//! for every other character the font covers. A character the font lacks
//! is drawn by egui as the font's `.notdef` box, and measured here as one.

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

/// Advance widths and vertical metrics of the editor's font, in font units.
struct FontMetrics {
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    leading: f32,
    /// Advances of the ASCII characters; control characters are 0.
    ascii: [f32; 128],
    /// Advances of every other character the font maps.
    other: HashMap<char, f32>,
    /// Advance of `.notdef`, drawn for characters the font lacks.
    missing: f32,
}

impl FontMetrics {
    /// Reads the metrics of Ubuntu-Light. Falls back to rough proportions if
    /// the embedded font cannot be parsed, which would be a build defect; the
    /// layout must still work then, only less snugly.
    fn load() -> Self {
        Self::from_font(FONT_BYTES).unwrap_or_else(Self::approximate)
    }

    fn from_font(bytes: &'static [u8]) -> Option<Self> {
        let font = skrifa::FontRef::new(bytes).ok()?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let glyph_metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let advance = |glyph| glyph_metrics.advance_width(glyph).unwrap_or_default();
        let mut ascii = [0.0; 128];
        let mut other = HashMap::new();
        for (code, glyph) in font.charmap().mappings() {
            if glyph == skrifa::GlyphId::NOTDEF {
                continue;
            }
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if c.is_ascii() {
                if !c.is_ascii_control() {
                    ascii[c as usize] = advance(glyph);
                }
            } else {
                other.insert(c, advance(glyph));
            }
        }
        let space = ascii[usize::from(b' ')];
        ascii[usize::from(b'\t')] = TAB_SPACES * space;
        for thin in ['\u{2009}', '\u{202F}'] {
            other.insert(thin, THIN_SPACE_FRACTION * space);
        }
        for invisible in INVISIBLE {
            other.insert(*invisible, 0.0);
        }
        Some(FontMetrics {
            units_per_em: f32::from(metrics.units_per_em.max(1)),
            ascent: metrics.ascent,
            descent: metrics.descent,
            leading: metrics.leading,
            ascii,
            other,
            missing: advance(skrifa::GlyphId::NOTDEF),
        })
    }

    fn approximate() -> Self {
        let mut ascii = [500.0; 128];
        for control in ascii.iter_mut().take(32) {
            *control = 0.0;
        }
        FontMetrics {
            units_per_em: 1000.0,
            ascent: 930.0,
            descent: -190.0,
            leading: 0.0,
            ascii,
            other: HashMap::new(),
            missing: 600.0,
        }
    }

    /// Advance of `c` in font units.
    fn advance(&self, c: char) -> f32 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.get(&c).copied().unwrap_or(self.missing)
        }
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

/// Whether the editor's font has a glyph for `c` (otherwise it is drawn as
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

/// The font family name exports use for [`FONT_BYTES`].
pub const FONT_FAMILY: &str = "Ubuntu";

/// The editor's proportional font (egui's default), which exports embed too.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

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
    fn missing_characters_take_the_notdef_width() {
        // Ubuntu has no CJK glyphs: each is drawn as the `.notdef` box.
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
