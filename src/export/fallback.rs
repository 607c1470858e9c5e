//! A simple placement for elements without geometry, used by
//! [`super::prepare`] until the automatic layout (`layout::lay_out` with
//! `Mode::MissingOnly`) is wired in there.
//!
//! With no geometry at all, units and modules are packed in rows, nested
//! the way the units nest. With some geometry, what has it keeps it:
//! modules without a position go in a row below the drawing, units without
//! a rectangle are fitted around what they hold.

use crate::model::{Diagram, Point, Rect, Size};
use crate::text;
use crate::theme;

const GAP: f32 = 32.0;
const ROOT_GAP: f32 = 48.0;
const ORIGIN: Point = Point::new(40.0, 40.0);
const MIN_ROW_WIDTH: f32 = 1100.0;
const MODULE_HEIGHT: f32 = 56.0;

/// Whether every module has a position and size and every unit a rectangle.
#[must_use]
pub fn has_all_geometry(diagram: &Diagram) -> bool {
    diagram
        .modules
        .iter()
        .all(|m| m.pos.is_some() && m.size.is_some())
        && diagram.units.iter().all(|u| u.rect.is_some())
}

/// The size a module box needs for its name and caption, on the grid.
fn module_size(module: &crate::model::Module) -> Size {
    let name = text::width(&module.name, theme::MODULE_FONT_SIZE);
    let caption = text::width(
        &crate::scene::module_caption(module),
        theme::MODULE_DETAIL_FONT_SIZE,
    );
    let extra = crate::scene::module_extra_width(module.kind);
    let w = (name.max(caption) + 2.0 * theme::MODULE_PADDING_X + extra)
        .min(320.0)
        .max(theme::MODULE_MIN_SIZE.0);
    Size::new(
        (w / theme::GRID).ceil() * theme::GRID,
        MODULE_HEIGHT.max(theme::MODULE_MIN_SIZE.1),
    )
}

/// Containers by index: 0 is the top level, `u + 1` is unit `u`.
struct Tree {
    units: Vec<Vec<usize>>,
    modules: Vec<Vec<usize>>,
}

fn tree(diagram: &Diagram) -> Tree {
    let index = diagram.index();
    let n = diagram.units.len() + 1;
    let mut tree = Tree {
        units: vec![Vec::new(); n],
        modules: vec![Vec::new(); n],
    };
    for (u, unit) in diagram.units.iter().enumerate() {
        let parent = unit
            .parent
            .as_ref()
            .and_then(|p| index.units.get(p.as_str()))
            .map_or(0, |&p| p + 1);
        tree.units[parent].push(u);
    }
    for (m, module) in diagram.modules.iter().enumerate() {
        let container = module
            .unit
            .as_ref()
            .and_then(|u| index.units.get(u.as_str()))
            .map_or(0, |&u| u + 1);
        tree.modules[container].push(m);
    }
    tree
}

/// Fills in the geometry `diagram` lacks.
pub fn lay_out_missing(diagram: &mut Diagram) {
    for module in &mut diagram.modules {
        if module.pos.is_some() && module.size.is_none() {
            module.size = Some(module_size(module));
        }
    }
    let nothing_placed = diagram.modules.iter().all(|m| m.pos.is_none())
        && diagram.units.iter().all(|u| u.rect.is_none());
    let tree = tree(diagram);
    if nothing_placed {
        pack_everything(diagram, &tree);
    } else {
        place_the_rest(diagram, &tree);
    }
}

/// One packed child: a module or a unit block, at a position relative to
/// its container's content origin.
#[derive(Clone, Copy)]
enum Child {
    Module(usize),
    Unit(usize),
}

struct Packer<'a> {
    diagram: &'a Diagram,
    tree: &'a Tree,
    module_sizes: Vec<Size>,
    unit_sizes: Vec<Size>,
    /// Children of each container with their relative positions.
    placed: Vec<Vec<(Child, Point)>>,
    depth_left: usize,
}

impl Packer<'_> {
    /// Sizes container `c` (packing its children); returns its content size.
    fn pack(&mut self, c: usize, gap: f32) -> Size {
        let mut children: Vec<(Child, Size)> = Vec::new();
        for &m in &self.tree.modules[c] {
            children.push((Child::Module(m), self.module_sizes[m]));
        }
        for &u in &self.tree.units[c] {
            // Valid diagrams have no cycles; a depth budget keeps an invalid
            // one from recursing forever.
            let size = if self.depth_left == 0 {
                Size::new(theme::MODULE_MIN_SIZE.0, theme::UNIT_TITLE_HEIGHT)
            } else {
                self.depth_left -= 1;
                let content = self.pack(u + 1, GAP);
                self.depth_left += 1;
                let title_w =
                    text::width(&self.diagram.units[u].name, theme::UNIT_FONT_SIZE) + 140.0;
                Size::new(
                    (content.w + 2.0 * theme::UNIT_PADDING).max(title_w),
                    content.h + theme::UNIT_TITLE_HEIGHT + 2.0 * theme::UNIT_PADDING,
                )
            };
            self.unit_sizes[u] = size;
            children.push((Child::Unit(u), size));
        }
        // Rows about 1.6 times as wide as the children would be tall when
        // packed square, so big containers come out landscape.
        let area: f32 = children
            .iter()
            .map(|(_, s)| (s.w + gap) * (s.h + gap))
            .sum();
        let max_row_width = (area.sqrt() * 1.6).max(MIN_ROW_WIDTH);
        let (mut x, mut y, mut row_h, mut width) = (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
        let mut placed = Vec::with_capacity(children.len());
        for (child, size) in children {
            if x > 0.0 && x + size.w > max_row_width {
                x = 0.0;
                y += row_h + gap;
                row_h = 0.0;
            }
            placed.push((child, Point::new(x, y)));
            x += size.w + gap;
            width = width.max(x - gap);
            row_h = row_h.max(size.h);
        }
        self.placed[c] = placed;
        Size::new(width, y + row_h)
    }

    /// Writes absolute geometry for container `c` whose content starts at
    /// `origin`.
    fn place(&self, diagram: &mut Diagram, c: usize, origin: Point) {
        for &(child, rel) in &self.placed[c] {
            let at = Point::new(origin.x + rel.x, origin.y + rel.y);
            match child {
                Child::Module(m) => {
                    diagram.modules[m].pos = Some(at);
                    diagram.modules[m].size = Some(self.module_sizes[m]);
                }
                Child::Unit(u) => {
                    let size = self.unit_sizes[u];
                    diagram.units[u].rect = Some(Rect::new(at.x, at.y, size.w, size.h));
                    self.place(
                        diagram,
                        u + 1,
                        Point::new(
                            at.x + theme::UNIT_PADDING,
                            at.y + theme::UNIT_TITLE_HEIGHT + theme::UNIT_PADDING,
                        ),
                    );
                }
            }
        }
    }
}

fn pack_everything(diagram: &mut Diagram, tree: &Tree) {
    let mut packer = Packer {
        diagram,
        tree,
        module_sizes: diagram.modules.iter().map(module_size).collect(),
        unit_sizes: vec![Size::default(); diagram.units.len()],
        placed: vec![Vec::new(); diagram.units.len() + 1],
        depth_left: diagram.units.len(),
    };
    packer.pack(0, ROOT_GAP);
    let mut laid_out = diagram.clone();
    packer.place(&mut laid_out, 0, ORIGIN);
    *diagram = laid_out;
}

fn place_the_rest(diagram: &mut Diagram, tree: &Tree) {
    let bounds = diagram
        .modules
        .iter()
        .filter_map(crate::model::Module::rect)
        .chain(diagram.units.iter().filter_map(|u| u.rect))
        .reduce(|a, b| a.union(&b))
        .unwrap_or(Rect::new(ORIGIN.x, ORIGIN.y, 0.0, 0.0));
    let mut x = bounds.x;
    let y = bounds.bottom() + ROOT_GAP;
    for module in &mut diagram.modules {
        if module.pos.is_none() {
            let size = module_size(module);
            module.pos = Some(Point::new(x, y));
            module.size = Some(size);
            x += size.w + GAP;
        }
    }
    // Units without a rectangle wrap what they hold, innermost first.
    let mut order: Vec<usize> = Vec::new();
    let mut stack = vec![0];
    while let Some(c) = stack.pop() {
        for &u in &tree.units[c] {
            order.push(u);
            stack.push(u + 1);
        }
    }
    for &u in order.iter().rev() {
        if diagram.units[u].rect.is_some() {
            continue;
        }
        let contents = tree.modules[u + 1]
            .iter()
            .filter_map(|&m| diagram.modules[m].rect())
            .chain(
                tree.units[u + 1]
                    .iter()
                    .filter_map(|&c| diagram.units[c].rect),
            )
            .reduce(|a, b| a.union(&b));
        let rect = if let Some(r) = contents {
            Rect::new(
                r.x - theme::UNIT_PADDING,
                r.y - theme::UNIT_PADDING - theme::UNIT_TITLE_HEIGHT,
                r.w + 2.0 * theme::UNIT_PADDING,
                r.h + 2.0 * theme::UNIT_PADDING + theme::UNIT_TITLE_HEIGHT,
            )
        } else {
            let empty = Rect::new(
                x,
                y,
                200.0,
                theme::UNIT_TITLE_HEIGHT + 2.0 * theme::UNIT_PADDING,
            );
            x += empty.w + GAP;
            empty
        };
        diagram.units[u].rect = Some(rect);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_gets_geometry_and_units_hold_their_contents() {
        for example in crate::examples::ALL {
            let mut d = crate::file::load_str(example.text).expect("example loads");
            lay_out_missing(&mut d);
            assert!(has_all_geometry(&d), "{}", example.name);
            for m in &d.modules {
                if let Some(unit) = &m.unit {
                    let rect = d
                        .unit(unit.as_str())
                        .and_then(|u| u.rect)
                        .expect("unit rect");
                    assert!(
                        rect.contains_rect(&m.rect().expect("module rect")),
                        "{}",
                        m.id
                    );
                }
            }
            for u in &d.units {
                if let Some(parent) = &u.parent {
                    let outer = d.unit(parent.as_str()).and_then(|p| p.rect).expect("rect");
                    assert!(outer.contains_rect(&u.rect.expect("rect")), "{}", u.id);
                }
            }
        }
    }

    #[test]
    fn kept_geometry_stays() {
        let mut d = crate::file::load_str(crate::examples::ALL[0].text).expect("loads");
        d.modules[1].pos = Some(Point::new(500.0, 500.0));
        lay_out_missing(&mut d);
        assert!(has_all_geometry(&d));
        assert_eq!(d.modules[1].pos, Some(Point::new(500.0, 500.0)));
        assert!(d.modules[0].pos.expect("placed").y > 500.0);
    }
}
