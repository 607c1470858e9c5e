//! The one place for colours and sizes. Pure data (no egui): the scene,
//! export and layout read it directly, the UI converts at its edge.
//!
//! Sizes are in diagram units at zoom 1 (one diagram unit = one logical
//! pixel at the default zoom).

pub mod palette;
pub mod ui;

/// An sRGB colour with straight (unpremultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Alpha; 255 is opaque.
    pub a: u8,
}

impl Rgba {
    /// An opaque colour.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba { r, g, b, a: 255 }
    }

    /// A colour with alpha.
    #[must_use]
    #[allow(clippy::self_named_constructors)] // reads as CSS's rgba(); `rgb` is its sibling
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Self {
        Rgba { r, g, b, a }
    }

    /// Parses `#rrggbb`.
    #[must_use]
    pub fn from_hex(hex: &str) -> Option<Self> {
        let digits = hex.strip_prefix('#')?;
        if digits.len() != 6 || !digits.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Rgba::rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// `#rrggbb` (alpha dropped).
    #[must_use]
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The same colour with alpha `a`.
    #[must_use]
    pub const fn with_alpha(self, a: u8) -> Self {
        Rgba { a, ..self }
    }

    /// Linear blend towards `other` by `t` in 0..=1 (alpha too).
    #[must_use]
    pub fn lerp(self, other: Rgba, t: f32) -> Self {
        let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Rgba::rgba(
            mix(self.r, other.r),
            mix(self.g, other.g),
            mix(self.b, other.b),
            mix(self.a, other.a),
        )
    }
}

/// Font size of a module's name, in diagram units.
pub const MODULE_FONT_SIZE: f32 = 14.0;
/// Font size of a module's second line (kind, trust), in diagram units.
pub const MODULE_DETAIL_FONT_SIZE: f32 = 11.0;
/// Font size of a unit's title, in diagram units.
pub const UNIT_FONT_SIZE: f32 = 13.0;
/// Font size of an interface label, in diagram units.
pub const EDGE_FONT_SIZE: f32 = 11.0;
/// Font size of the diagram title (exports), in diagram units.
pub const TITLE_FONT_SIZE: f32 = 20.0;

/// Horizontal padding between a module's border and its name.
pub const MODULE_PADDING_X: f32 = 16.0;
/// Smallest module box.
pub const MODULE_MIN_SIZE: (f32, f32) = (120.0, 56.0);
/// Padding between a unit's border and what it holds.
pub const UNIT_PADDING: f32 = 16.0;
/// Height of a unit's title band (title and isolation), above its contents.
pub const UNIT_TITLE_HEIGHT: f32 = 28.0;
/// Grid spacing for snapping and the canvas grid.
pub const GRID: f32 = 8.0;

/// Side of a colour sample in the legend (a small box or a dot).
pub const LEGEND_SWATCH: f32 = 12.0;
/// Width of a line-kind sample in the legend (a short arrow).
pub const LEGEND_LINE_WIDTH: f32 = 40.0;
/// Size of a module-shape sample in the legend.
pub const LEGEND_SHAPE_SIZE: (f32, f32) = (24.0, 14.0);
