//! SVG → pixels through resvg, with the editor's font.

use super::page::compose;
use super::svg::write_svg;
use super::{ExportError, ExportOptions, MAX_PIXELS, MAX_SCALE, MAX_SIDE_PX, MIN_SCALE};
use crate::scene::Scene;
use crate::text;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// An 8-bit RGBA image with straight (unpremultiplied) alpha, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

/// The font database resvg draws text with: the editor's font only, so a
/// PNG looks the same on every machine (characters it lacks are left out,
/// where the editor draws a placeholder box). Built once.
fn editor_fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(text::FONT_BYTES.to_vec());
            db.set_sans_serif_family(text::FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Renders `scene` framed as a page at `options.scale` pixels per diagram
/// unit.
pub fn to_rgba(scene: &Scene, options: &ExportOptions) -> Result<RgbaImage, ExportError> {
    if !(MIN_SCALE..=MAX_SCALE).contains(&options.scale) {
        return Err(ExportError::Scale(options.scale));
    }
    let page = compose(scene, options);
    if !(page.width.is_finite() && page.height.is_finite()) {
        return Err(ExportError::NotFinite);
    }
    let scale = options.scale as f32;
    let width = (f64::from(page.width) * f64::from(scale)).ceil().max(1.0);
    let height = (f64::from(page.height) * f64::from(scale)).ceil().max(1.0);
    let too_large = || ExportError::TooLarge {
        width: width as u64,
        height: height as u64,
    };
    if width > f64::from(MAX_SIDE_PX)
        || height > f64::from(MAX_SIDE_PX)
        || width * height > MAX_PIXELS as f64
    {
        return Err(too_large());
    }
    let (width, height) = (width as u32, height as u32);

    let svg = write_svg(scene, &page, None);
    let usvg_options = usvg::Options {
        fontdb: editor_fonts(),
        font_family: text::FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &usvg_options)
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(too_large)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(RgbaImage {
        width,
        height,
        pixels: pixmap.take_demultiplied(),
    })
}
