//! Bend points placed by hand on a line: added by dragging the line,
//! moved by dragging a bend, removed one at a time (Straighten, in
//! [`super::ops::straighten`], removes them all). Each is one undoable
//! edit of the line's waypoints; the file format has no other record of
//! them (see [`super::routing`] for how they are told from routed ones).

use super::{Edit, EditError};
use crate::model::{Diagram, Point};

/// The position of interface `id` in the diagram.
fn position(diagram: &Diagram, id: &str) -> Result<usize, EditError> {
    diagram
        .interfaces
        .iter()
        .position(|f| f.id.as_str() == id)
        .ok_or_else(|| EditError::Unknown {
            kind: "interface",
            id: id.to_owned(),
        })
}

/// Gives interface `id` the waypoints `points` (absolute diagram
/// coordinates, in order from its `from` end): one edit, none when they
/// are what it has. Points outside the geometry limits make the edit fail
/// when applied.
pub fn set_points(diagram: &Diagram, id: &str, points: Vec<Point>) -> Result<Edit, EditError> {
    let index = position(diagram, id)?;
    if diagram.interfaces[index].points == points {
        return Ok(Edit::none());
    }
    let mut interface = diagram.interfaces[index].clone();
    interface.points = points;
    Ok(Edit::ReplaceInterface {
        index,
        interface: Box::new(interface),
    })
}

/// Removes bend `bend` (a position in its waypoints) of interface `id`.
pub fn remove_bend(diagram: &Diagram, id: &str, bend: usize) -> Result<Edit, EditError> {
    let index = position(diagram, id)?;
    let mut points = diagram.interfaces[index].points.clone();
    if bend >= points.len() {
        return Err(EditError::IndexOutOfRange {
            collection: "bends",
            index: bend,
        });
    }
    points.remove(bend);
    set_points(diagram, id, points)
}

/// The waypoints with a new bend at `at` inserted at position `bend`
/// (clamped to the end).
#[must_use]
pub fn with_bend(points: &[Point], bend: usize, at: Point) -> Vec<Point> {
    let mut out = points.to_vec();
    out.insert(bend.min(out.len()), at);
    out
}

/// Where on a line's drawn `path` (from one box's border through the
/// waypoints to the other's: the waypoints are `path[1..len - 1]`) the
/// point `p` is nearest: the position a bend inserted there takes among
/// the waypoints, and the nearest point of the path.
#[must_use]
pub fn nearest_on_path(path: &[Point], p: Point) -> Option<(usize, Point)> {
    path.windows(2)
        .enumerate()
        .map(|(k, w)| (k, nearest_on_segment(w[0], w[1], p)))
        .min_by(|a, b| distance(a.1, p).total_cmp(&distance(b.1, p)))
}

fn distance(a: Point, b: Point) -> f32 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The point of the segment from `a` to `b` nearest to `p`.
fn nearest_on_segment(a: Point, b: Point, p: Point) -> Point {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    if length_squared <= f32::EPSILON {
        return a;
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0);
    Point::new(a.x + t * dx, a.y + t * dy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interface, InterfaceKind, Module, ModuleId, ModuleKind};

    fn line() -> Diagram {
        let mut d = Diagram::new();
        for id in ["a", "b"] {
            d.modules.push(Module::new(id, id, ModuleKind::Component));
        }
        let mut f = Interface::new(
            "a->b",
            ModuleId::new("a"),
            ModuleId::new("b"),
            InterfaceKind::Rpc,
        );
        f.points = vec![Point::new(10.0, 10.0), Point::new(20.0, 10.0)];
        d.interfaces.push(f);
        d
    }

    #[test]
    fn bends_are_set_and_removed_in_one_edit_each_and_undone() {
        let original = line();
        let mut d = original.clone();
        let edit = remove_bend(&d, "a->b", 0).expect("edit");
        let undo = edit.apply(&mut d).expect("valid");
        assert_eq!(d.interfaces[0].points, vec![Point::new(20.0, 10.0)]);
        undo.apply(&mut d).expect("undo");
        assert_eq!(d, original);
        assert!(remove_bend(&d, "a->b", 2).is_err());
        assert!(set_points(&d, "nope", Vec::new()).is_err());
        let same = set_points(&d, "a->b", d.interfaces[0].points.clone()).expect("edit");
        assert!(same.is_noop());
        // Beyond the geometry limits: refused, nothing changes.
        let far = set_points(&d, "a->b", vec![Point::new(5.0e6, 0.0)]).expect("edit");
        assert!(far.apply(&mut d).is_err());
        assert_eq!(d, original);
    }

    #[test]
    fn a_bend_goes_into_the_segment_nearest_the_pointer() {
        // Border (0,0), bends (100,0) and (100,100), border (200,100).
        let path = [
            Point::new(0.0, 0.0),
            Point::new(100.0, 0.0),
            Point::new(100.0, 100.0),
            Point::new(200.0, 100.0),
        ];
        let (bend, at) = nearest_on_path(&path, Point::new(50.0, 4.0)).expect("a segment");
        assert_eq!((bend, at), (0, Point::new(50.0, 0.0)));
        let (bend, at) = nearest_on_path(&path, Point::new(97.0, 50.0)).expect("a segment");
        assert_eq!((bend, at), (1, Point::new(100.0, 50.0)));
        let (bend, _) = nearest_on_path(&path, Point::new(150.0, 103.0)).expect("a segment");
        assert_eq!(bend, 2);
        let points = &path[1..3];
        assert_eq!(
            with_bend(points, 1, Point::new(100.0, 50.0)),
            vec![path[1], Point::new(100.0, 50.0), path[2]]
        );
        assert_eq!(nearest_on_path(&path[..1], Point::new(0.0, 0.0)), None);
    }
}
