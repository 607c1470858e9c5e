//! Text measurement with the editor's font, so the scene can fit names into
//! boxes once and every renderer draws the same (already shortened) string.
//!
//! The editor draws with egui's default proportional font, Ubuntu Light
//! (`epaint_default_fonts::UBUNTU_LIGHT`); exports embed the same font into
//! resvg. Widths here are the sum of glyph advances (no kerning), which is
//! within a few percent of what either shaper produces; callers leave a
//! little slack.

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::{GlyphMetrics, Metrics};
use skrifa::{FontRef, MetadataProvider};
use std::sync::OnceLock;

/// The font family name exports use for [`FONT_BYTES`].
pub const FONT_FAMILY: &str = "Ubuntu";

/// The editor's proportional font.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// Characters below this have their advance in a table; the rest are
/// looked up in the font each time.
const TABLE_END: u32 = 0x2200;

/// The horizontal ellipsis used when a string is shortened.
const ELLIPSIS: char = '…';

/// Advances and vertical metrics of the font at size 1 (em units).
struct FontTable {
    /// Advance of each character below [`TABLE_END`] (Latin, Greek,
    /// Cyrillic, general punctuation such as '·' and '…'), per em.
    common: Vec<f32>,
    /// Advance of characters the font lacks (egui and resvg both fall back;
    /// the average width is a fair guess).
    fallback: f32,
    /// Distance from the baseline up to the top of a line box, per em.
    ascent: f32,
    /// Distance from the baseline down to the bottom of a line box, per em
    /// (positive).
    descent: f32,
    /// Extra line spacing, per em.
    leading: f32,
    /// One font unit, per em.
    per_em: f32,
}

fn table() -> &'static FontTable {
    static TABLE: OnceLock<FontTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The font is compiled in; should it ever fail to parse, fall back to
        // plain numbers close to Ubuntu Light's so nothing panics.
        let mut table = FontTable {
            common: vec![0.55; TABLE_END as usize],
            fallback: 0.55,
            ascent: 0.932,
            descent: 0.189,
            leading: 0.028,
            per_em: 0.001,
        };
        let Ok(font) = FontRef::new(FONT_BYTES) else {
            return table;
        };
        let metrics = Metrics::new(&font, Size::unscaled(), LocationRef::default());
        let per_em = 1.0 / f32::from(metrics.units_per_em.max(1));
        table.per_em = per_em;
        table.ascent = metrics.ascent * per_em;
        table.descent = -metrics.descent * per_em;
        table.leading = metrics.leading * per_em;
        table.fallback = metrics.average_width.map_or(0.55, |w| w * per_em);
        let glyphs = GlyphMetrics::new(&font, Size::unscaled(), LocationRef::default());
        let charmap = font.charmap();
        for (code, advance) in table.common.iter_mut().enumerate() {
            let glyph = charmap.map(code as u32);
            *advance = glyph
                .and_then(|g| glyphs.advance_width(g))
                .map_or(table.fallback, |w| w * per_em);
        }
        table
    })
}

fn uncommon_advance(c: char) -> f32 {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    let t = table();
    let Some(font) = FONT.get_or_init(|| FontRef::new(FONT_BYTES).ok()) else {
        return t.fallback;
    };
    let glyphs = GlyphMetrics::new(font, Size::unscaled(), LocationRef::default());
    let per_em = t.per_em;
    font.charmap()
        .map(c)
        .and_then(|g| glyphs.advance_width(g))
        .map_or(t.fallback, |w| w * per_em)
}

fn advance(c: char) -> f32 {
    match table().common.get(c as usize) {
        Some(&advance) => advance,
        None => uncommon_advance(c),
    }
}

/// Width of `text` set at `size`, in the same units as `size`.
#[must_use]
pub fn width(text: &str, size: f32) -> f32 {
    text.chars().map(advance).sum::<f32>() * size
}

/// Height of one line of text at `size`, as egui lays it out (ascent +
/// descent + line gap).
#[must_use]
pub fn line_height(size: f32) -> f32 {
    let t = table();
    (t.ascent + t.descent + t.leading) * size
}

/// Distance from the top of a line box (as egui places it) down to the
/// baseline, at `size`. SVG positions text by its baseline, egui by the top
/// of the line box; this converts.
#[must_use]
pub fn ascent(size: f32) -> f32 {
    table().ascent * size
}

/// `text` shortened with a trailing ellipsis so it is at most `max_width`
/// wide at `size`; unchanged when it already fits. Returns an empty string
/// when not even the ellipsis fits.
#[must_use]
pub fn elide(text: &str, size: f32, max_width: f32) -> String {
    if width(text, size) <= max_width {
        return text.to_owned();
    }
    shorten(text, size, max_width)
}

/// [`elide`] for an owned string: returned as it is when it fits, without
/// copying.
#[must_use]
pub fn elide_owned(text: String, size: f32, max_width: f32) -> String {
    if width(&text, size) <= max_width {
        return text;
    }
    shorten(&text, size, max_width)
}

fn shorten(text: &str, size: f32, max_width: f32) -> String {
    let budget = max_width - advance(ELLIPSIS) * size;
    if budget < 0.0 {
        return String::new();
    }
    let mut used = 0.0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let w = advance(c) * size;
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
mod tests {
    use super::*;

    #[test]
    fn metrics_come_from_the_font() {
        let t = table();
        // Ubuntu Light: narrow 'i', wide 'W', a real line box.
        assert!(t.common[usize::from(b'i')] < t.common[usize::from(b'W')]);
        assert!(advance('…') > advance('.'));
        assert!(advance('中') > 0.0);
        assert!((0.8..1.1).contains(&t.ascent), "{}", t.ascent);
        assert!((0.1..0.35).contains(&t.descent), "{}", t.descent);
        assert!(width("Hello", 14.0) > 25.0 && width("Hello", 14.0) < 45.0);
        assert!(width("ü", 10.0) > 0.0);
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
