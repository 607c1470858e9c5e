//! The canvas camera: where the diagram sits on screen and how large.

use crate::model::{Point, Rect};
use crate::theme::ui::{ZOOM_MAX, ZOOM_MIN};
use egui::{Pos2, Vec2};

/// Maps diagram coordinates to screen points inside the canvas:
/// `pos_on_screen = canvas_origin + pan + pos_in_diagram * zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Screen offset of the diagram origin from the canvas's top-left.
    pub pan: Vec2,
    /// Screen points per diagram unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            pan: Vec2::new(40.0, 40.0),
            zoom: 1.0,
        }
    }
}

/// Where a diagram should open: the elements of its most serious finding,
/// and the one the finding is about.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Focus {
    /// All the finding's elements.
    pub area: Rect,
    /// The element it is about (its first), kept on screen when `area`
    /// does not fit.
    pub subject: Rect,
}

/// A camera bound to the canvas rectangle of this frame.
#[derive(Clone, Copy, Debug)]
pub struct Transform {
    /// The camera.
    pub camera: Camera,
    /// The canvas's top-left on screen.
    pub origin: Pos2,
}

impl Transform {
    /// The screen point of a diagram point.
    #[must_use]
    pub fn screen_from_diagram(&self, p: Point) -> Pos2 {
        self.origin + self.camera.pan + Vec2::new(p.x, p.y) * self.camera.zoom
    }

    /// The diagram point under a screen point.
    #[must_use]
    pub fn diagram_from_screen(&self, p: Pos2) -> Point {
        let v = (p - self.origin - self.camera.pan) / self.camera.zoom;
        Point::new(v.x, v.y)
    }

    /// The screen rectangle of a diagram rectangle.
    #[must_use]
    pub fn screen_rect(&self, r: &Rect) -> egui::Rect {
        egui::Rect::from_min_max(
            self.screen_from_diagram(Point::new(r.x, r.y)),
            self.screen_from_diagram(Point::new(r.right(), r.bottom())),
        )
    }

    /// The diagram rectangle shown by a screen rectangle.
    #[must_use]
    pub fn diagram_rect(&self, r: egui::Rect) -> Rect {
        let a = self.diagram_from_screen(r.min);
        let b = self.diagram_from_screen(r.max);
        Rect::new(a.x, a.y, b.x - a.x, b.y - a.y)
    }

    /// A screen distance in diagram units.
    #[must_use]
    pub fn diagram_len(&self, screen_len: f32) -> f32 {
        screen_len / self.camera.zoom
    }
}

impl Camera {
    /// Zooms by `factor` keeping the diagram point under `anchor_in_canvas`
    /// (a position relative to the canvas's top-left) where it is.
    pub fn zoom_around(&mut self, factor: f32, anchor_in_canvas: Vec2) {
        let new_zoom = (self.zoom * factor).clamp(ZOOM_MIN, ZOOM_MAX);
        let actual = new_zoom / self.zoom;
        self.pan = anchor_in_canvas - (anchor_in_canvas - self.pan) * actual;
        self.zoom = new_zoom;
    }

    /// The camera that shows `bounds` (diagram coordinates) centred in a
    /// canvas of `canvas_size`, with `margin` screen points around it, never
    /// zooming in past 1:1.
    #[must_use]
    pub fn framing(bounds: &Rect, canvas_size: Vec2, margin: f32) -> Camera {
        let available = (canvas_size - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        let zoom_x = available.x / bounds.w.max(1.0);
        let zoom_y = available.y / bounds.h.max(1.0);
        let zoom = zoom_x.min(zoom_y).clamp(ZOOM_MIN, 1.0);
        let center = bounds.center();
        Camera {
            pan: canvas_size / 2.0 - Vec2::new(center.x, center.y) * zoom,
            zoom,
        }
    }

    /// The camera a diagram opens with: the whole of `bounds` when it fits
    /// at `min_zoom` or more (as [`Camera::framing`]); otherwise `min_zoom`
    /// (so names stay readable), looking at `focus` (where the findings
    /// are: centred when it fits, else from its top-left as far as keeps
    /// its subject in view) or, without one, at the diagram's top-left, and
    /// never showing empty space beyond `bounds` where there is diagram to
    /// show instead.
    #[must_use]
    pub fn opening(
        bounds: &Rect,
        focus: Option<&Focus>,
        canvas_size: Vec2,
        margin: f32,
        min_zoom: f32,
    ) -> Camera {
        let whole = Camera::framing(bounds, canvas_size, margin);
        if whole.zoom >= min_zoom {
            return whole;
        }
        let zoom = min_zoom;
        let view_w = canvas_size.x.max(1.0) / zoom;
        let view_h = canvas_size.y.max(1.0) / zoom;
        let margin_d = margin / zoom;
        // The diagram rectangle to show, as its top-left corner.
        let (mut left, mut top) = match focus {
            Some(Focus { area: f, .. })
                if f.w + 2.0 * margin_d <= view_w && f.h + 2.0 * margin_d <= view_h =>
            {
                let c = f.center();
                (c.x - view_w / 2.0, c.y - view_h / 2.0)
            }
            Some(Focus { area: f, subject }) => {
                // From the area's top-left, moved as little as brings the
                // subject's far edge in (its near edge wins if it is wider
                // than the view).
                let keep = |start: f32, near: f32, far: f32, len: f32| {
                    start.max(far + margin_d - len).min(near - margin_d)
                };
                (
                    keep(f.x - margin_d, subject.x, subject.right(), view_w),
                    keep(f.y - margin_d, subject.y, subject.bottom(), view_h),
                )
            }
            None => (bounds.x - margin_d, bounds.y - margin_d),
        };
        left = clamp_start(left, view_w, bounds.x - margin_d, bounds.right() + margin_d);
        top = clamp_start(top, view_h, bounds.y - margin_d, bounds.bottom() + margin_d);
        Camera {
            pan: Vec2::new(-left * zoom, -top * zoom),
            zoom,
        }
    }
}

/// Moves a view `[start, start + len]` inside `[lo, hi]` when it is shorter
/// than that range (to its start otherwise).
fn clamp_start(start: f32, len: f32, lo: f32, hi: f32) -> f32 {
    if len >= hi - lo {
        lo
    } else {
        start.clamp(lo, hi - len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_round_trip_and_zoom_keeps_the_anchor() {
        let mut camera = Camera::default();
        let origin = Pos2::new(10.0, 20.0);
        let anchor = Vec2::new(300.0, 200.0);
        let before = Transform { camera, origin }.diagram_from_screen(origin + anchor);
        camera.zoom_around(2.0, anchor);
        let t = Transform { camera, origin };
        let after = t.diagram_from_screen(origin + anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        let p = Point::new(123.0, -45.0);
        let back = t.diagram_from_screen(t.screen_from_diagram(p));
        assert!((back.x - p.x).abs() < 1e-3 && (back.y - p.y).abs() < 1e-3);
    }

    #[test]
    fn framing_centres_the_bounds() {
        let bounds = Rect::new(100.0, 100.0, 400.0, 200.0);
        let camera = Camera::framing(&bounds, Vec2::new(1000.0, 1000.0), 50.0);
        let t = Transform {
            camera,
            origin: Pos2::ZERO,
        };
        let c = t.screen_from_diagram(bounds.center());
        assert!((c.x - 500.0).abs() < 1e-3 && (c.y - 500.0).abs() < 1e-3);
        assert!((camera.zoom - 1.0).abs() < 1e-6, "never zooms in past 1:1");
    }

    #[test]
    fn opening_keeps_names_readable_and_looks_at_the_focus() {
        let size = Vec2::new(800.0, 600.0);
        let small = Rect::new(0.0, 0.0, 600.0, 400.0);
        let fit = Camera::opening(&small, None, size, 40.0, 0.8);
        assert_eq!(fit, Camera::framing(&small, size, 40.0), "fits whole");

        let big = Rect::new(-100.0, -50.0, 4000.0, 3000.0);
        let top_left = Camera::opening(&big, None, size, 40.0, 0.8);
        assert!((top_left.zoom - 0.8).abs() < 1e-6);
        let t = Transform {
            camera: top_left,
            origin: Pos2::ZERO,
        };
        let corner = t.screen_from_diagram(Point::new(big.x, big.y));
        assert!((corner.x - 40.0).abs() < 1e-3 && (corner.y - 40.0).abs() < 1e-3);

        let area = Rect::new(2000.0, 1500.0, 200.0, 100.0);
        let focus = Focus {
            area,
            subject: area,
        };
        let t = Transform {
            camera: Camera::opening(&big, Some(&focus), size, 40.0, 0.8),
            origin: Pos2::ZERO,
        };
        let c = t.screen_from_diagram(area.center());
        assert!((c.x - 400.0).abs() < 1e-3 && (c.y - 300.0).abs() < 1e-3);

        // A focus wider than the view: from its left, as far as shows the
        // subject at its right end.
        let subject = Rect::new(1800.0, 1500.0, 200.0, 56.0);
        let wide = Focus {
            area: Rect::new(500.0, 1400.0, 1500.0, 200.0),
            subject,
        };
        let t = Transform {
            camera: Camera::opening(&big, Some(&wide), size, 40.0, 0.8),
            origin: Pos2::ZERO,
        };
        let right = t.screen_from_diagram(Point::new(subject.right(), subject.y));
        assert!((right.x - 760.0).abs() < 1e-2, "{right:?}");
        assert!(t.screen_from_diagram(Point::new(500.0, 1400.0)).x < 40.0);

        // A focus in the bottom-right corner: the view stays on the diagram.
        let corner = Rect::new(3800.0, 2900.0, 100.0, 50.0);
        let corner_focus = Focus {
            area: corner,
            subject: corner,
        };
        let t = Transform {
            camera: Camera::opening(&big, Some(&corner_focus), size, 40.0, 0.8),
            origin: Pos2::ZERO,
        };
        let end = t.screen_from_diagram(Point::new(big.right(), big.bottom()));
        assert!((end.x - 760.0).abs() < 1e-2 && (end.y - 560.0).abs() < 1e-2);
    }
}
