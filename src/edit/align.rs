//! Align and Distribute for a multi-selection of boxes (modules and
//! units): each command is one undoable [`Edit`]. Units take their
//! contents along, and every box stays in the unit it was in.

use super::geometry::{Drop, descendant_units, move_elements};
use super::{Edit, EditError, ElementRef};
use crate::model::{Diagram, Forest, Rect};
use std::collections::HashSet;

/// Which lines of the boxes are lined up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left edges on the leftmost one.
    Left,
    /// Centres on the middle of the boxes' bounds, horizontally.
    Center,
    /// Right edges on the rightmost one.
    Right,
    /// Top edges on the topmost one.
    Top,
    /// Centres on the middle of the boxes' bounds, vertically.
    Middle,
    /// Bottom edges on the lowest one.
    Bottom,
}

/// Along which axis boxes are spread out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distribute {
    /// Equal gaps between boxes from left to right.
    Horizontally,
    /// Equal gaps between boxes from top to bottom.
    Vertically,
}

/// The boxes among `elements` that move on their own: placed modules and
/// units, without those inside a selected unit (they move with it).
#[must_use]
pub fn boxes(diagram: &Diagram, elements: &[ElementRef]) -> Vec<(ElementRef, Rect)> {
    let mut inside: HashSet<String> = HashSet::new();
    for element in elements {
        if let ElementRef::Unit(id) = element {
            inside.extend(
                descendant_units(diagram, id.as_str())
                    .into_iter()
                    .map(|u| u.as_str().to_owned()),
            );
        }
    }
    let selected_units: HashSet<&str> = elements
        .iter()
        .filter_map(|e| match e {
            ElementRef::Unit(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let within =
        |unit: Option<&str>| unit.is_some_and(|u| selected_units.contains(u) || inside.contains(u));
    elements
        .iter()
        .filter_map(|element| match element {
            ElementRef::Module(id) => {
                let module = diagram.module(id.as_str())?;
                if within(module.unit.as_ref().map(crate::model::UnitId::as_str)) {
                    return None;
                }
                Some((element.clone(), module.rect()?))
            }
            ElementRef::Unit(id) => {
                if inside.contains(id.as_str()) {
                    return None;
                }
                Some((element.clone(), diagram.unit(id.as_str())?.rect?))
            }
            ElementRef::Interface(_) => None,
        })
        .collect()
}

/// Lines up the boxes among `elements` (see [`Align`]); needs two.
pub fn align(diagram: &Diagram, elements: &[ElementRef], how: Align) -> Result<Edit, EditError> {
    let boxes = boxes(diagram, elements);
    if boxes.len() < 2 {
        return Ok(Edit::none());
    }
    let Some(bounds) = boxes.iter().map(|(_, r)| *r).reduce(|a, b| a.union(&b)) else {
        return Ok(Edit::none());
    };
    let moves = boxes.into_iter().map(|(element, r)| {
        let delta = match how {
            Align::Left => (bounds.x - r.x, 0.0),
            Align::Center => (bounds.center().x - r.center().x, 0.0),
            Align::Right => (bounds.right() - r.right(), 0.0),
            Align::Top => (0.0, bounds.y - r.y),
            Align::Middle => (0.0, bounds.center().y - r.center().y),
            Align::Bottom => (0.0, bounds.bottom() - r.bottom()),
        };
        (element, delta)
    });
    move_each(diagram, moves)
}

/// Spreads the boxes among `elements` so the gaps between neighbours are
/// equal, the first and last staying put; needs three.
pub fn distribute(
    diagram: &Diagram,
    elements: &[ElementRef],
    how: Distribute,
) -> Result<Edit, EditError> {
    let mut boxes = boxes(diagram, elements);
    if boxes.len() < 3 {
        return Ok(Edit::none());
    }
    let start = |r: &Rect| match how {
        Distribute::Horizontally => r.x,
        Distribute::Vertically => r.y,
    };
    let length = |r: &Rect| match how {
        Distribute::Horizontally => r.w,
        Distribute::Vertically => r.h,
    };
    let center = |r: &Rect| start(r) + length(r) / 2.0;
    boxes.sort_by(|a, b| center(&a.1).total_cmp(&center(&b.1)));
    let (Some((_, first)), Some((_, last))) = (boxes.first(), boxes.last()) else {
        return Ok(Edit::none());
    };
    let span = start(last) + length(last) - start(first);
    let occupied: f32 = boxes.iter().map(|(_, r)| length(r)).sum();
    #[expect(clippy::cast_precision_loss, reason = "a selection's size")]
    let gap = (span - occupied) / (boxes.len() - 1) as f32;
    let mut at = start(first);
    let mut moves = Vec::with_capacity(boxes.len());
    for (element, r) in boxes {
        let d = at - start(&r);
        moves.push((
            element,
            match how {
                Distribute::Horizontally => (d, 0.0),
                Distribute::Vertically => (0.0, d),
            },
        ));
        at += length(&r) + gap;
    }
    move_each(diagram, moves)
}

/// Moves each element by its own offset, as one edit.
fn move_each(
    diagram: &Diagram,
    moves: impl IntoIterator<Item = (ElementRef, (f32, f32))>,
) -> Result<Edit, EditError> {
    let mut staged = diagram.clone();
    // Moves that keep every box in its unit leave the forest as it was.
    let forest = Forest::new(diagram);
    for (element, (dx, dy)) in moves {
        if dx.abs() < f32::EPSILON && dy.abs() < f32::EPSILON {
            continue;
        }
        let edit = move_elements(
            &staged,
            &forest,
            std::slice::from_ref(&element),
            dx,
            dy,
            Drop::KeepUnits,
        )?;
        edit.apply(&mut staged)?;
    }
    Ok(Edit::between(diagram, &staged))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Module, ModuleId, ModuleKind, Point, Size};

    fn three() -> Diagram {
        let mut d = Diagram::new();
        for (id, x, y, w) in [
            ("a", 0.0, 0.0, 100.0),
            ("b", 300.0, 40.0, 60.0),
            ("c", 140.0, 90.0, 120.0),
        ] {
            let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
            m.pos = Some(Point::new(x, y));
            m.size = Some(Size::new(w, 50.0));
            d.modules.push(m);
        }
        d
    }

    fn all() -> Vec<ElementRef> {
        ["a", "b", "c"]
            .into_iter()
            .map(|id| ElementRef::Module(ModuleId::new(id)))
            .collect()
    }

    fn rect(d: &Diagram, id: &str) -> Rect {
        d.module(id).and_then(Module::rect).expect("placed")
    }

    #[test]
    fn align_lines_up_edges_and_centres_and_undoes_in_one_step() {
        let original = three();
        let mut d = original.clone();
        let undo = align(&d, &all(), Align::Right)
            .expect("aligns")
            .apply(&mut d)
            .expect("valid");
        for id in ["a", "b", "c"] {
            assert!((rect(&d, id).right() - 360.0).abs() < 1e-3);
        }
        undo.apply(&mut d).expect("undoes");
        assert_eq!(d, original);

        let mut d = original.clone();
        align(&d, &all(), Align::Middle)
            .expect("aligns")
            .apply(&mut d)
            .expect("valid");
        for id in ["a", "b", "c"] {
            assert!((rect(&d, id).center().y - 70.0).abs() < 1e-3);
        }
        // One box: nothing to align.
        assert!(align(&d, &all()[..1], Align::Left).expect("fine").is_noop());
    }

    #[test]
    fn distribute_makes_equal_gaps_keeping_the_ends() {
        let mut d = three();
        distribute(&d, &all(), Distribute::Horizontally)
            .expect("distributes")
            .apply(&mut d)
            .expect("valid");
        let (a, c, b) = (rect(&d, "a"), rect(&d, "c"), rect(&d, "b"));
        assert!((a.x - 0.0).abs() < 1e-3 && (b.right() - 360.0).abs() < 1e-3);
        let gap1 = c.x - a.right();
        let gap2 = b.x - c.right();
        assert!((gap1 - gap2).abs() < 1e-3, "{gap1} vs {gap2}");
        assert!(
            distribute(&d, &all()[..2], Distribute::Vertically)
                .expect("fine")
                .is_noop()
        );
    }
}
