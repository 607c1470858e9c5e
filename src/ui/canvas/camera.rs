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
        Camera::framing_in(
            bounds,
            egui::Rect::from_min_size(Pos2::ZERO, canvas_size),
            margin,
        )
    }

    /// The camera that shows `bounds` centred in `area` (a part of the
    /// canvas, relative to its top-left), with `margin` screen points
    /// around it, never zooming in past 1:1.
    #[must_use]
    pub fn framing_in(bounds: &Rect, area: egui::Rect, margin: f32) -> Camera {
        let available = (area.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        let zoom_x = available.x / bounds.w.max(1.0);
        let zoom_y = available.y / bounds.h.max(1.0);
        let zoom = zoom_x.min(zoom_y).clamp(ZOOM_MIN, 1.0);
        let center = bounds.center();
        Camera {
            pan: area.center().to_vec2() - Vec2::new(center.x, center.y) * zoom,
            zoom,
        }
    }

    /// The camera every framing command uses (Zoom to fit, Fit selection,
    /// Find, a finding clicked, Compare's select and frame, opening a
    /// diagram): `bounds` framed as [`Camera::framing`] does, kept clear of
    /// the legend by [`Camera::clear_of`].
    #[must_use]
    pub fn framing_clear_of(
        bounds: &Rect,
        canvas_size: Vec2,
        margin: f32,
        legend: Option<LegendRects>,
    ) -> Camera {
        Camera::clear_of(bounds, canvas_size, margin, legend, |area| {
            Camera::framing_in(bounds, area, margin)
        })
    }

    /// The camera that shows `bounds` at `zoom` centred on a canvas of
    /// `canvas_size`, kept clear of the legend by [`Camera::clear_of`]:
    /// what bringing pasted elements into view uses, as it keeps the zoom.
    #[must_use]
    pub fn centring_clear_of(
        bounds: &Rect,
        canvas_size: Vec2,
        zoom: f32,
        margin: f32,
        legend: Option<LegendRects>,
    ) -> Camera {
        Camera::clear_of(bounds, canvas_size, margin, legend, |area| {
            let center = bounds.center();
            Camera {
                pan: area.center().to_vec2() - Vec2::new(center.x, center.y) * zoom,
                zoom,
            }
        })
    }

    /// The one rule that keeps what a command frames clear of the legend.
    /// `frame` places `bounds` in a part of the canvas; first in the whole
    /// of it. When the open legend would cover some of them there, they
    /// are framed beside it instead (in the part of the canvas to its
    /// left, right, top or bottom that shows them largest), as long as
    /// that shows them at [`BESIDE_MIN_ZOOM`] of the zoom the whole canvas
    /// gives or more. Otherwise the legend folds into its chip over them
    /// (the canvas folds it over what was framed) and they are framed
    /// clear of the chip, beside it if need be. When nothing can keep them
    /// clear, the whole canvas is used.
    fn clear_of(
        bounds: &Rect,
        canvas_size: Vec2,
        margin: f32,
        legend: Option<LegendRects>,
        frame: impl Fn(egui::Rect) -> Camera,
    ) -> Camera {
        let canvas = egui::Rect::from_min_size(Pos2::ZERO, canvas_size);
        let whole = frame(canvas);
        let covered = |camera: &Camera, r: egui::Rect| camera.screen_rect(bounds).intersects(r);
        let Some(legend) = legend.filter(|l| covered(&whole, l.open)) else {
            return whole;
        };
        if let Some(beside) = beside(canvas, legend.open, margin, &frame, &covered)
            && beside.zoom >= BESIDE_MIN_ZOOM * whole.zoom
        {
            return beside;
        }
        if !covered(&whole, legend.chip) {
            return whole;
        }
        beside(canvas, legend.chip, margin, &frame, &covered).unwrap_or(whole)
    }

    /// Where `r` (diagram coordinates) is on screen, relative to the
    /// canvas's top-left.
    fn screen_rect(&self, r: &Rect) -> egui::Rect {
        Transform {
            camera: *self,
            origin: Pos2::ZERO,
        }
        .screen_rect(r)
    }

    /// The camera a diagram opens with: the whole of `bounds` when it fits
    /// at `min_zoom` or more (as [`Camera::framing_clear_of`], clear of the
    /// `legend`); otherwise `min_zoom`
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
        legend: Option<LegendRects>,
    ) -> Camera {
        let whole = Camera::framing_clear_of(bounds, canvas_size, margin, legend);
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

/// How much smaller framing beside the open legend may show what it
/// frames, compared with the whole canvas, before the legend folds into
/// its chip instead.
pub const BESIDE_MIN_ZOOM: f32 = 0.9;

/// Where the legend is on the canvas, relative to its top-left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LegendRects {
    /// The open legend.
    pub open: egui::Rect,
    /// The chip it folds into (inside `open`).
    pub chip: egui::Rect,
}

/// The camera `frame` gives in the part of `canvas` to the left, right,
/// top or bottom of `obstacle` that shows what it frames largest (the
/// largest part among equals) with nothing `covered` by `obstacle`; `None`
/// when no part can.
fn beside(
    canvas: egui::Rect,
    obstacle: egui::Rect,
    margin: f32,
    frame: &impl Fn(egui::Rect) -> Camera,
    covered: &impl Fn(&Camera, egui::Rect) -> bool,
) -> Option<Camera> {
    let parts = [
        egui::Rect::from_min_max(canvas.min, Pos2::new(obstacle.left(), canvas.bottom())),
        egui::Rect::from_min_max(Pos2::new(obstacle.right(), canvas.top()), canvas.max),
        egui::Rect::from_min_max(canvas.min, Pos2::new(canvas.right(), obstacle.top())),
        egui::Rect::from_min_max(Pos2::new(canvas.left(), obstacle.bottom()), canvas.max),
    ];
    parts
        .into_iter()
        .filter(|part| part.width() > 2.0 * margin && part.height() > 2.0 * margin)
        .map(|part| (frame(part), part.area()))
        .filter(|(camera, _)| !covered(camera, obstacle))
        .max_by(|(a, a_area), (b, b_area)| a.zoom.total_cmp(&b.zoom).then(a_area.total_cmp(b_area)))
        .map(|(camera, _)| camera)
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
        let fit = Camera::opening(&small, None, size, 40.0, 0.8, None);
        assert_eq!(fit, Camera::framing(&small, size, 40.0), "fits whole");

        let big = Rect::new(-100.0, -50.0, 4000.0, 3000.0);
        let top_left = Camera::opening(&big, None, size, 40.0, 0.8, None);
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
            camera: Camera::opening(&big, Some(&focus), size, 40.0, 0.8, None),
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
            camera: Camera::opening(&big, Some(&wide), size, 40.0, 0.8, None),
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
            camera: Camera::opening(&big, Some(&corner_focus), size, 40.0, 0.8, None),
            origin: Pos2::ZERO,
        };
        let end = t.screen_from_diagram(Point::new(big.right(), big.bottom()));
        assert!((end.x - 760.0).abs() < 1e-2 && (end.y - 560.0).abs() < 1e-2);
    }

    fn legend_at(min: Pos2) -> LegendRects {
        let open = egui::Rect::from_min_size(min, Vec2::new(220.0, 200.0));
        LegendRects {
            open,
            chip: egui::Rect::from_min_size(
                open.left_bottom() - Vec2::new(0.0, 26.0),
                Vec2::new(70.0, 26.0),
            ),
        }
    }

    #[test]
    fn framing_keeps_what_it_frames_clear_of_the_legend() {
        let size = Vec2::new(1000.0, 600.0);
        let screen = |camera: Camera, r: &Rect| camera.screen_rect(r);
        // A small box, centred: a legend in a corner is not in the way, and
        // the camera is the plain one.
        let small = Rect::new(500.0, 300.0, 160.0, 60.0);
        let corner = legend_at(Pos2::new(12.0, 388.0));
        let plain = Camera::framing(&small, size, 40.0);
        assert_eq!(
            Camera::framing_clear_of(&small, size, 40.0, Some(corner)),
            plain
        );
        // A legend dragged to the middle: the box is framed beside it, at
        // the same zoom.
        let middle = legend_at(Pos2::new(390.0, 200.0));
        assert!(screen(plain, &small).intersects(middle.open));
        let camera = Camera::framing_clear_of(&small, size, 40.0, Some(middle));
        assert!(!screen(camera, &small).intersects(middle.open));
        assert!((camera.zoom - 1.0).abs() < 1e-6);
        // Kept at the same zoom when pasted elements are brought into view.
        let camera = Camera::centring_clear_of(&small, size, 0.5, 40.0, Some(middle));
        assert!(!screen(camera, &small).intersects(middle.open));
        assert!((camera.zoom - 0.5).abs() < 1e-6);

        // A wide diagram that fills the canvas, the legend in a corner: a
        // little smaller beside it...
        let wide = Rect::new(0.0, 0.0, 2000.0, 800.0);
        let full = Camera::framing(&wide, size, 40.0);
        let slim = legend_at(Pos2::new(12.0, 388.0));
        let slim = LegendRects {
            open: egui::Rect::from_min_size(slim.open.min, Vec2::new(60.0, 200.0)),
            chip: slim.chip,
        };
        let camera = Camera::framing_clear_of(&wide, size, 40.0, Some(slim));
        assert!(screen(camera, &wide).left() >= slim.open.right());
        assert!(camera.zoom >= BESIDE_MIN_ZOOM * full.zoom && camera.zoom < full.zoom);
        // ...but framing beside a wide legend would shrink it too much:
        // the legend folds, and the diagram is framed clear of its chip.
        let camera = Camera::framing_clear_of(&wide, size, 40.0, Some(corner));
        let on_screen = screen(camera, &wide);
        assert!(on_screen.intersects(corner.open));
        assert!(!on_screen.intersects(corner.chip), "{on_screen:?}");
        assert!(camera.zoom >= BESIDE_MIN_ZOOM * full.zoom);
        // A legend as large as the canvas leaves nowhere beside it.
        let everything = egui::Rect::from_min_size(Pos2::ZERO, size);
        let huge = LegendRects {
            open: everything,
            chip: everything,
        };
        assert_eq!(
            Camera::framing_clear_of(&wide, size, 40.0, Some(huge)),
            full
        );
    }
}
