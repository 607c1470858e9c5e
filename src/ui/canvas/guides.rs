//! Alignment guides while boxes are dragged: when the moving boxes' left,
//! centre or right line (or top, middle or bottom) comes within a few
//! screen pixels of another box's, the drag snaps to it and a thin line is
//! drawn across both.

use super::camera::Transform;
use crate::model::Rect;
use crate::theme::ui::{GUIDE_OVERSHOOT_PX, GUIDE_STROKE_PX, palette};
use crate::ui::colors::color32;
use egui::{Pos2, Stroke};

/// One guide line, in diagram coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Guide {
    /// Whether the line is vertical (lining up x) or horizontal (y).
    pub vertical: bool,
    /// The x of a vertical line, the y of a horizontal one.
    pub at: f32,
    /// Where the line starts and ends along its length.
    pub from: f32,
    /// See `from`.
    pub to: f32,
}

/// The three lines of a rectangle along one axis: start, centre, end.
fn lines(r: &Rect, vertical: bool) -> [f32; 3] {
    if vertical {
        [r.x, r.x + r.w / 2.0, r.right()]
    } else {
        [r.y, r.y + r.h / 2.0, r.bottom()]
    }
}

/// The span of a rectangle across one axis (y for a vertical line).
fn across(r: &Rect, vertical: bool) -> (f32, f32) {
    if vertical {
        (r.y, r.bottom())
    } else {
        (r.x, r.right())
    }
}

/// The nearest line-up along one axis within `tolerance`: the correction
/// to add to the offset and the guides it makes (every box lined up at
/// that position).
fn snap_axis(moving: &Rect, others: &[Rect], tolerance: f32, vertical: bool) -> (f32, Vec<Guide>) {
    let mine = lines(moving, vertical);
    let mut best: Option<f32> = None;
    for other in others {
        for theirs in lines(other, vertical) {
            for line in mine {
                let correction = theirs - line;
                if correction.abs() <= tolerance && best.is_none_or(|b| correction.abs() < b.abs())
                {
                    best = Some(correction);
                }
            }
        }
    }
    let Some(correction) = best else {
        return (0.0, Vec::new());
    };
    let snapped = if vertical {
        moving.translate(correction, 0.0)
    } else {
        moving.translate(0.0, correction)
    };
    let mut guides: Vec<Guide> = Vec::new();
    for line in lines(&snapped, vertical) {
        let (mut from, mut to) = across(&snapped, vertical);
        let mut found = false;
        for other in others {
            if lines(other, vertical)
                .iter()
                .any(|l| (l - line).abs() < 0.01)
            {
                let (a, b) = across(other, vertical);
                from = from.min(a);
                to = to.max(b);
                found = true;
            }
        }
        if found {
            guides.push(Guide {
                vertical,
                at: line,
                from,
                to,
            });
        }
    }
    (correction, guides)
}

/// Snaps `moving` (the moved boxes' bounds, already offset) to the lines of
/// `others` within `tolerance` (diagram units) on each axis. Returns the
/// correction to add to the offset and the guides to draw.
pub(super) fn snap(moving: &Rect, others: &[Rect], tolerance: f32) -> ((f32, f32), Vec<Guide>) {
    let (dx, mut guides) = snap_axis(moving, others, tolerance, true);
    let (dy, horizontal) = snap_axis(&moving.translate(dx, 0.0), others, tolerance, false);
    guides.extend(horizontal);
    // The vertical guides were measured before the y correction.
    for guide in guides.iter_mut().filter(|g| g.vertical) {
        guide.from = guide.from.min(moving.y + dy);
        guide.to = guide.to.max(moving.bottom() + dy);
    }
    ((dx, dy), guides)
}

/// Draws `guides` over the canvas.
pub(super) fn paint(painter: &egui::Painter, t: &Transform, guides: &[Guide], dark: bool) {
    let stroke = Stroke::new(GUIDE_STROKE_PX, color32(palette(dark).guide));
    for guide in guides {
        let (a, b) = if guide.vertical {
            (
                t.screen_from_diagram(crate::model::Point::new(guide.at, guide.from)),
                t.screen_from_diagram(crate::model::Point::new(guide.at, guide.to)),
            )
        } else {
            (
                t.screen_from_diagram(crate::model::Point::new(guide.from, guide.at)),
                t.screen_from_diagram(crate::model::Point::new(guide.to, guide.at)),
            )
        };
        let along = if guide.vertical {
            egui::vec2(0.0, GUIDE_OVERSHOOT_PX)
        } else {
            egui::vec2(GUIDE_OVERSHOOT_PX, 0.0)
        };
        let (a, b): (Pos2, Pos2) = (a - along, b + along);
        painter.line_segment([a, b], stroke);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_lines_snap_and_far_ones_do_not() {
        let other = Rect::new(100.0, 0.0, 100.0, 50.0);
        // Left edge 3 units right of the other's: snaps back, one guide.
        let moving = Rect::new(103.0, 200.0, 60.0, 40.0);
        let ((dx, dy), guides) = snap(&moving, &[other], 5.0);
        assert!((dx + 3.0).abs() < 1e-4 && dy == 0.0);
        assert_eq!(guides.len(), 1);
        assert!(guides[0].vertical && (guides[0].at - 100.0).abs() < 1e-4);
        assert!(guides[0].from <= 0.0 && guides[0].to >= 240.0);
        // Centres line up too (150 vs 152 + 30).
        let ((dx, _), _) = snap(&Rect::new(122.0, 200.0, 60.0, 40.0), &[other], 5.0);
        assert!((dx + 2.0).abs() < 1e-4, "{dx}");
        // Too far: nothing.
        let (correction, guides) = snap(&Rect::new(300.0, 300.0, 10.0, 10.0), &[other], 5.0);
        assert_eq!(correction, (0.0, 0.0));
        assert!(guides.is_empty());
    }
}
