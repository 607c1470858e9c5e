//! SVG → pixels through resvg. The SVG draws its text as glyph outlines,
//! so resvg needs no fonts.

use super::page::compose;
use super::svg::write_svg;
use super::{ExportError, ExportOptions, MAX_PIXELS, MAX_SCALE, MAX_SIDE_PX, MIN_SCALE};
use crate::scene::Scene;
use resvg::{tiny_skia, usvg};

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

    // The background is filled directly rather than drawn as an SVG rect
    // (one pass over the pixels instead of a rasterised shape).
    let background = page.background;
    let svg = write_svg(
        scene,
        &super::Page {
            background: None,
            ..page
        },
        None,
    );
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default())
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let mut pixels = vec![0_u8; width as usize * height as usize * 4];
    // Big pictures render in horizontal bands, one thread each: tiny-skia
    // clips every path to the band, so the work splits almost evenly.
    let threads = if u64::from(width) * u64::from(height) >= PARALLEL_PIXELS {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(MAX_THREADS)
    } else {
        1
    };
    let band_rows = height.div_ceil(threads as u32).max(1);
    let band_bytes = band_rows as usize * width as usize * 4;
    let render_band = |(band, data): (usize, &mut [u8])| {
        let rows = (data.len() / (width as usize * 4)) as u32;
        if let Some(c) = background {
            for pixel in data.chunks_exact_mut(4) {
                pixel.copy_from_slice(&premultiplied(c));
            }
        }
        if let Some(mut pixmap) = tiny_skia::PixmapMut::from_bytes(data, width, rows) {
            let top = (band as u32 * band_rows) as f32;
            let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -top);
            resvg::render(&tree, transform, &mut pixmap);
        }
        // On an opaque background every pixel is opaque: premultiplied and
        // straight alpha are then the same bytes.
        if background.is_none_or(|c| c.a < 255) {
            demultiply(data);
        }
    };
    if threads == 1 {
        render_band((0, &mut pixels));
    } else {
        std::thread::scope(|scope| {
            for band in pixels.chunks_mut(band_bytes).enumerate() {
                scope.spawn(move || render_band(band));
            }
        });
    }
    Ok(RgbaImage {
        width,
        height,
        pixels,
    })
}

/// Pictures at least this many pixels render on several threads.
const PARALLEL_PIXELS: u64 = 4_000_000;
/// The most threads a render uses.
const MAX_THREADS: usize = 8;

/// `c` as premultiplied RGBA bytes.
fn premultiplied(c: crate::theme::Rgba) -> [u8; 4] {
    let scale = |v: u8| ((u16::from(v) * u16::from(c.a) + 127) / 255) as u8;
    [scale(c.r), scale(c.g), scale(c.b), c.a]
}

/// Turns premultiplied RGBA pixels into straight alpha in place.
fn demultiply(data: &mut [u8]) {
    for pixel in data.chunks_exact_mut(4) {
        let a = u16::from(pixel[3]);
        if a != 0 && a != 255 {
            for channel in &mut pixel[..3] {
                *channel = ((u16::from(*channel) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
}
