//! Plain geometry in diagram coordinates (y points down), and the limits
//! every diagram's geometry keeps.
//!
//! The core never imports egui, so it has its own small point, size and rect
//! types; the UI converts at its edge.
//!
//! The limits (see `docs/file-format.md`, "Geometry limits") keep every
//! coordinate a finite `f32` far from overflow, so layout, routing, label
//! placement, the canvas and export can add, scale and compare them
//! freely: the loader rejects a file outside them, an edit that would leave
//! them is refused, and the automatic layout stays inside them.

use serde::{Deserialize, Serialize};

/// A point in diagram coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Horizontal position, growing to the right.
    pub x: f32,
    /// Vertical position, growing downwards.
    pub y: f32,
}

/// A width and height in diagram units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// An axis-aligned rectangle: top-left corner plus size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// The largest `|x|` or `|y|` anywhere in a diagram: a module's position,
/// a unit's corners, an interface's waypoints.
pub const MAX_COORDINATE: f32 = 1.0e6;

/// The largest width or height of a module's box. Units, which grow
/// around what they hold, only have to keep their corners within
/// [`MAX_COORDINATE`].
pub const MAX_MODULE_SIZE: f32 = 1.0e5;

/// Why a position, size or rectangle is outside the limits, as the end of
/// a sentence that starts with the field (`pos`, `size`, ...).
fn out_of_range(value: &str, rule: &str) -> String {
    format!(
        "{value} is outside the geometry limits: {rule} (see \"Geometry limits\" in docs/file-format.md)"
    )
}

/// Whether `v` is a finite coordinate within [`MAX_COORDINATE`].
fn coordinate_ok(v: f32) -> bool {
    v.is_finite() && v.abs() <= MAX_COORDINATE
}

impl Point {
    /// `None` when the point keeps the limits, else why not.
    #[must_use]
    pub fn limit_problem(&self) -> Option<String> {
        (!(coordinate_ok(self.x) && coordinate_ok(self.y))).then(|| {
            out_of_range(
                &format!("(x: {:?}, y: {:?})", self.x, self.y),
                &format!(
                    "x and y are finite numbers between -{MAX_COORDINATE} and {MAX_COORDINATE}"
                ),
            )
        })
    }

    /// The point moved inside the limits (NaN becomes 0).
    #[must_use]
    pub fn clamped(self) -> Point {
        Point::new(clamp_coordinate(self.x), clamp_coordinate(self.y))
    }

    /// Makes a point.
    #[must_use]
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

impl Size {
    /// Makes a size.
    #[must_use]
    pub const fn new(w: f32, h: f32) -> Self {
        Self { w, h }
    }

    /// `None` when a module box of this size keeps the limits, else why not.
    #[must_use]
    pub fn limit_problem(&self) -> Option<String> {
        let ok = |v: f32| v.is_finite() && (0.0..=MAX_MODULE_SIZE).contains(&v);
        (!(ok(self.w) && ok(self.h))).then(|| {
            out_of_range(
                &format!("(w: {:?}, h: {:?})", self.w, self.h),
                &format!("w and h are finite numbers between 0 and {MAX_MODULE_SIZE}"),
            )
        })
    }

    /// The size brought inside the module limits (NaN becomes 0).
    #[must_use]
    pub fn clamped(self) -> Size {
        let clamp = |v: f32| {
            if v.is_nan() {
                0.0
            } else {
                v.clamp(0.0, MAX_MODULE_SIZE)
            }
        };
        Size::new(clamp(self.w), clamp(self.h))
    }
}

/// `v` within [`MAX_COORDINATE`] (NaN becomes 0).
fn clamp_coordinate(v: f32) -> f32 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-MAX_COORDINATE, MAX_COORDINATE)
    }
}

impl Rect {
    /// Makes a rectangle from its top-left corner and size.
    #[must_use]
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// `None` when a unit of this rectangle keeps the limits (its corners
    /// within [`MAX_COORDINATE`], a width and height of at least 0), else
    /// why not.
    #[must_use]
    pub fn limit_problem(&self) -> Option<String> {
        let ok = coordinate_ok(self.x)
            && coordinate_ok(self.y)
            && self.w.is_finite()
            && self.h.is_finite()
            && self.w >= 0.0
            && self.h >= 0.0
            && coordinate_ok(self.right())
            && coordinate_ok(self.bottom());
        (!ok).then(|| {
            out_of_range(
                &format!(
                    "(x: {:?}, y: {:?}, w: {:?}, h: {:?})",
                    self.x, self.y, self.w, self.h
                ),
                &format!(
                    "w and h are at least 0 and every corner lies between -{MAX_COORDINATE} and {MAX_COORDINATE}"
                ),
            )
        })
    }

    /// The rectangle brought inside the unit limits: corners clamped (NaN
    /// becomes 0), so it may shrink.
    #[must_use]
    pub fn clamped(self) -> Rect {
        let x = clamp_coordinate(self.x);
        let y = clamp_coordinate(self.y);
        let right = clamp_coordinate(self.x + self.w.max(0.0)).max(x);
        let bottom = clamp_coordinate(self.y + self.h.max(0.0)).max(y);
        Rect::new(x, y, right - x, bottom - y)
    }

    /// The rectangle with corners `a` and `b`, in either order (a marquee
    /// or a unit being drawn).
    #[must_use]
    pub fn spanning(a: Point, b: Point) -> Self {
        Rect::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    }

    /// The rectangle at `pos` with `size`.
    #[must_use]
    pub const fn from_pos_size(pos: Point, size: Size) -> Self {
        Self::new(pos.x, pos.y, size.w, size.h)
    }

    /// Right edge.
    #[must_use]
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    #[must_use]
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// The centre point.
    #[must_use]
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Top-left corner.
    #[must_use]
    pub fn min(&self) -> Point {
        Point::new(self.x, self.y)
    }

    /// Whether `p` lies inside or on the edge.
    #[must_use]
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Whether `other` lies wholly inside this rectangle.
    #[must_use]
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    /// Whether the interiors of the two rectangles overlap.
    #[must_use]
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The area the two rectangles share (0 when they do not overlap).
    #[must_use]
    pub fn overlap_area(&self, other: &Rect) -> f32 {
        let w = self.right().min(other.right()) - self.x.max(other.x);
        let h = self.bottom().min(other.bottom()) - self.y.max(other.y);
        w.max(0.0) * h.max(0.0)
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// This rectangle grown by `margin` on every side.
    #[must_use]
    pub fn expand(&self, margin: f32) -> Rect {
        Rect::new(
            self.x - margin,
            self.y - margin,
            self.w + 2.0 * margin,
            self.h + 2.0 * margin,
        )
    }

    /// This rectangle moved by `(dx, dy)`.
    #[must_use]
    pub fn translate(&self, dx: f32, dy: f32) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }
}
