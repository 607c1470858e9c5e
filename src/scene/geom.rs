//! Small geometry helpers for the scene: clipping lines at box borders,
//! sampling arcs, walking polylines.

use crate::model::{Point, Rect};

/// Where the segment from `inside` towards `toward` leaves `rect`. When
/// `inside` is not inside `rect` (the boxes overlap, or a waypoint lies in
/// the box) it is returned unchanged.
#[must_use]
pub fn exit_point(rect: &Rect, inside: Point, toward: Point) -> Point {
    if !rect.contains(inside) {
        return inside;
    }
    let dx = toward.x - inside.x;
    let dy = toward.y - inside.y;
    let along = |d: f32, from: f32, low: f32, high: f32| {
        if d > 0.0 {
            (high - from) / d
        } else if d < 0.0 {
            (low - from) / d
        } else {
            f32::INFINITY
        }
    };
    let t = along(dx, inside.x, rect.x, rect.right())
        .min(along(dy, inside.y, rect.y, rect.bottom()))
        .clamp(0.0, 1.0);
    Point::new(inside.x + dx * t, inside.y + dy * t)
}

/// Distance between two points.
#[must_use]
pub fn distance(a: Point, b: Point) -> f32 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The unit vector from `a` to `b`, or `(1, 0)` when they coincide.
#[must_use]
pub fn direction(a: Point, b: Point) -> (f32, f32) {
    let length = distance(a, b);
    if length <= f32::EPSILON {
        (1.0, 0.0)
    } else {
        ((b.x - a.x) / length, (b.y - a.y) / length)
    }
}

/// The point halfway along a polyline (by length), and the direction of the
/// segment it lies on.
#[must_use]
pub fn midpoint(points: &[Point]) -> (Point, (f32, f32)) {
    point_along(points, 0.5)
}

/// The point `fraction` (0 to 1) of the way along a polyline, by length, and
/// the direction of the segment it lies on.
#[must_use]
pub fn point_along(points: &[Point], fraction: f32) -> (Point, (f32, f32)) {
    let total: f32 = points.windows(2).map(|w| distance(w[0], w[1])).sum();
    let mut left = total * fraction.clamp(0.0, 1.0);
    for w in points.windows(2) {
        let length = distance(w[0], w[1]);
        if left <= length && length > 0.0 {
            let t = left / length;
            return (
                Point::new(
                    w[0].x + (w[1].x - w[0].x) * t,
                    w[0].y + (w[1].y - w[0].y) * t,
                ),
                direction(w[0], w[1]),
            );
        }
        left -= length;
    }
    (points.first().copied().unwrap_or_default(), (1.0, 0.0))
}

/// The smallest rectangle holding every point (zero-sized at the origin for
/// no points).
#[must_use]
pub fn bounds_of(points: &[Point]) -> Rect {
    let Some(first) = points.first() else {
        return Rect::default();
    };
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (first.x, first.y, first.x, first.y);
    for p in &points[1..] {
        min_x = min_x.min(p.x);
        min_y = min_y.min(p.y);
        max_x = max_x.max(p.x);
        max_y = max_y.max(p.y);
    }
    Rect::new(min_x, min_y, max_x - min_x, max_y - min_y)
}

/// Points along an elliptic arc around `center` with radii `(rx, ry)` from
/// angle `start` to `end` (radians, y down, so positive angles turn
/// clockwise on screen), both ends included.
pub fn arc(
    out: &mut Vec<Point>,
    center: Point,
    (rx, ry): (f32, f32),
    start: f32,
    end: f32,
    segments: usize,
) {
    for i in 0..=segments {
        let angle = start + (end - start) * i as f32 / segments as f32;
        out.push(Point::new(
            center.x + rx * angle.cos(),
            center.y + ry * angle.sin(),
        ));
    }
}

/// Distance from `p` to the segment `a`–`b`.
#[must_use]
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq <= f32::EPSILON {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq).clamp(0.0, 1.0)
    };
    distance(p, Point::new(a.x + dx * t, a.y + dy * t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_point_lies_on_the_border() {
        let r = Rect::new(0.0, 0.0, 100.0, 50.0);
        let c = r.center();
        assert_eq!(
            exit_point(&r, c, Point::new(500.0, 25.0)),
            Point::new(100.0, 25.0)
        );
        assert_eq!(
            exit_point(&r, c, Point::new(50.0, -100.0)),
            Point::new(50.0, 0.0)
        );
        let p = exit_point(&r, c, Point::new(300.0, 300.0));
        assert!(
            (p.y - 50.0).abs() < 1e-4 && p.x > 50.0 && p.x < 100.0,
            "{p:?}"
        );
        // A target inside the box: the segment never leaves it.
        assert_eq!(
            exit_point(&r, c, Point::new(60.0, 30.0)),
            Point::new(60.0, 30.0)
        );
        // A start outside the box is kept.
        let outside = Point::new(-10.0, -10.0);
        assert_eq!(exit_point(&r, outside, c), outside);
    }

    #[test]
    fn midpoint_walks_by_length() {
        let (m, d) = midpoint(&[
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 30.0),
        ]);
        assert_eq!(m, Point::new(10.0, 10.0));
        assert_eq!(d, (0.0, 1.0));
    }
}
