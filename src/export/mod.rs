//! Export: a [`Scene`] → SVG text → PNG through resvg, with the diagram
//! embedded so the file re-opens in Seams.
//!
//! One pure path, no window or GPU: [`prepare`] gives every element
//! geometry, [`scene_for`] builds the same scene the canvas draws,
//! [`compose`] frames it as a page (title line, legend, margins,
//! background), [`to_svg`] writes the page as standalone SVG, its text
//! drawn as the editor's glyph outlines so it needs no font, and [`to_png`]
//! rasterises that same SVG with resvg, so text sits in its boxes exactly
//! as on screen and a PNG and an SVG of one diagram look alike.

mod outline;
mod page;
mod raster;
mod svg;
mod xml;

pub use page::{Page, compose};
pub use raster::{RgbaImage, to_rgba};
pub use svg::to_svg;

use crate::file::embedded::EmbedError;
use crate::model::Diagram;
use crate::rules::Report;
use crate::scene::{self, Scene, SceneOptions, View};
use std::borrow::Cow;
use std::collections::HashSet;

/// The page behind the diagram.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Background {
    /// Light theme on white (the default).
    #[default]
    Light,
    /// Dark theme on its dark background.
    Dark,
    /// Light theme with no background at all.
    Transparent,
}

impl Background {
    /// Every background, in menu order.
    pub const ALL: [Background; 3] = [Background::Light, Background::Dark, Background::Transparent];

    /// A short label for menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Background::Light => "Light",
            Background::Dark => "Dark",
            Background::Transparent => "Transparent",
        }
    }

    /// Whether the scene uses the dark theme's colours.
    #[must_use]
    pub fn is_dark(self) -> bool {
        self == Background::Dark
    }
}

/// What a PNG or SVG export contains and how it looks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// PNG pixels per diagram unit, 1 to 4 ([`MIN_SCALE`]..=[`MAX_SCALE`]).
    /// SVG ignores it.
    pub scale: u32,
    /// Page background and theme.
    pub background: Background,
    /// What module colours mean.
    pub view: View,
    /// Draw finding badges, finding-coloured interfaces and the findings
    /// legend.
    pub findings: bool,
    /// Export only these elements (the editor's "selection only"); the page
    /// fits them. `None` exports everything. See [`SceneOptions::only`].
    pub only: Option<HashSet<String>>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            scale: 2,
            background: Background::Light,
            view: View::Trust,
            findings: true,
            only: None,
        }
    }
}

/// The smallest PNG scale.
pub const MIN_SCALE: u32 = 1;
/// The largest PNG scale.
pub const MAX_SCALE: u32 = 4;
/// The largest PNG side, in pixels.
pub const MAX_SIDE_PX: u32 = 16_384;
/// The largest PNG, in pixels (400 MB of RGBA while it is encoded).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Why an export failed.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    /// The scale is outside 1..=4.
    #[error("the scale must be 1 to 4, not {0}")]
    Scale(u32),
    /// The picture would be too large to rasterise.
    #[error(
        "the image would be {width} × {height} pixels, more than Seams writes \
         (at most {MAX_SIDE_PX} pixels a side and {MAX_PIXELS} in all); \
         export at a smaller scale or as SVG"
    )]
    TooLarge {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
    },
    /// Some coordinate is not a finite number.
    #[error("the diagram has positions or sizes that are not finite numbers")]
    NotFinite,
    /// resvg could not read the SVG we wrote (a bug).
    #[error("could not render the SVG: {0}")]
    Render(String),
    /// The PNG encoder failed.
    #[error("{0}")]
    Encode(#[from] EmbedError),
}

/// `diagram` with geometry for every element, ready to draw: itself when it
/// has all of it, else a copy laid out.
///
/// Elements that already have geometry keep it; the automatic layout
/// places the rest (`layout::Mode::MissingOnly`), as when the editor opens
/// the file.
#[must_use]
pub fn prepare(diagram: &Diagram) -> Cow<'_, Diagram> {
    if crate::layout::needs_layout(diagram) {
        let mut laid_out = diagram.clone();
        crate::layout::lay_out(&mut laid_out, crate::layout::Mode::MissingOnly);
        Cow::Owned(laid_out)
    } else {
        Cow::Borrowed(diagram)
    }
}

/// The scene an export draws for `options`: findings as asked, nothing
/// highlighted or selected, restricted to `options.only`.
#[must_use]
pub fn scene_for(diagram: &Diagram, report: &Report, options: &ExportOptions) -> Scene {
    scene::build(
        diagram,
        report,
        &SceneOptions {
            view: options.view,
            dark: options.background.is_dark(),
            show_findings: options.findings,
            transparent: options.background == Background::Transparent,
            only: options.only.clone(),
            ..SceneOptions::default()
        },
    )
}

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A PNG with the diagram in an `iTXt` chunk.
    Png,
    /// An SVG with the diagram in `<metadata>`.
    Svg,
}

impl Format {
    /// The format for a file name by its extension (`.png`, `.svg`, any case).
    #[must_use]
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
}

/// The scene an export of `diagram` draws: what lacks geometry laid out,
/// the rules checked, the scene built with `options`.
#[must_use]
pub fn scene_of(diagram: &Diagram, options: &ExportOptions) -> Scene {
    let drawn = prepare(diagram);
    let report = crate::rules::check(&drawn);
    scene_for(&drawn, &report, options)
}

/// Exports `diagram` in one call: lays out what lacks geometry, checks the
/// rules, builds the scene and writes `format`. The embedded diagram is
/// `diagram` as given (not the laid-out copy), so re-opening the file gives
/// back exactly what was exported.
pub fn export(
    diagram: &Diagram,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let scene = scene_of(diagram, options);
    match format {
        Format::Svg => Ok(to_svg(&scene, diagram, options).into_bytes()),
        Format::Png => to_png(&scene, diagram, options),
    }
}

/// Renders `scene` as a PNG at `options.scale` with `diagram` embedded
/// (compressed `iTXt` chunk `seams`).
pub fn to_png(
    scene: &Scene,
    diagram: &Diagram,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let image = to_rgba(scene, options)?;
    Ok(crate::file::embedded::encode_png_with_diagram(
        &image.pixels,
        image.width,
        image.height,
        &crate::file::to_ron_string(diagram),
    )?)
}

#[cfg(test)]
mod tests;
