//! Interfaces as arrows: each kind's line pattern and head, the arrow
//! along a path, and the label on its line.

use super::colors::severity_color;
use super::draw::{Builder, edge_label_rect};
use super::{Anchor, Dash, Primitive, Stroke, geom};
use crate::model::{InterfaceKind, Point, Rect};
use crate::rules::Severity;
use crate::theme::{self, Rgba};

/// What an arrow's head looks like: a length along the line and a
/// half-width across it, in diagram units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Head {
    /// A filled triangle.
    Filled(f32, f32),
    /// A hollow triangle (filled with the background).
    Hollow(f32, f32),
    /// An open chevron.
    Open(f32, f32),
    /// A filled triangle with a bar across the line just behind it.
    Barred(f32, f32),
    /// A hollow diamond.
    Diamond(f32, f32),
}

impl Head {
    fn size(self) -> (f32, f32) {
        match self {
            Head::Filled(l, h)
            | Head::Hollow(l, h)
            | Head::Open(l, h)
            | Head::Barred(l, h)
            | Head::Diamond(l, h) => (l, h),
        }
    }
}

/// How an interface of one kind is drawn: every kind has its own line
/// pattern and head, so the kinds tell apart without colour (colour is
/// for findings).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct LineStyle {
    /// Width of the line.
    pub(super) width: f32,
    /// Dash pattern; `None` = solid.
    pub(super) dash: Option<Dash>,
    /// The head.
    pub(super) head: Head,
    /// Whether the head is at the `from` end: reads and loads point at the
    /// module the data or code flows into, as in a data-flow diagram.
    pub(super) head_at_start: bool,
}

/// The look of each interface kind.
pub(super) fn line_style(kind: InterfaceKind) -> LineStyle {
    let dash = |on, off| Some(Dash { on, off, dot: None });
    let (width, dash, head) = match kind {
        // In-process: a thin line, a small head.
        InterfaceKind::Call => (1.25, None, Head::Filled(8.0, 3.5)),
        // Over the network: a heavy line, a large head.
        InterfaceKind::Rpc => (2.25, None, Head::Filled(12.0, 5.5)),
        // Asynchronous: an open head, fire and forget.
        InterfaceKind::Queue => (1.5, None, Head::Open(10.0, 5.5)),
        // Code linked in: dashed with a hollow triangle, as in UML.
        InterfaceKind::Link => (1.25, dash(6.0, 4.0), Head::Hollow(11.0, 5.5)),
        // Data flowing out of a store: dotted, head at the reader.
        InterfaceKind::Read => (1.5, dash(1.5, 3.0), Head::Filled(10.0, 4.5)),
        // Data going into a store: solid, a barred head at the store.
        InterfaceKind::Write => (1.5, None, Head::Barred(10.0, 4.5)),
        // Code coming out of a store and run: dash-dot, a diamond at the
        // loader (the whole the loaded code becomes part of).
        InterfaceKind::Load => (
            1.5,
            Some(Dash {
                on: 9.0,
                off: 3.5,
                dot: Some(2.5),
            }),
            Head::Diamond(15.0, 5.5),
        ),
    };
    LineStyle {
        width,
        dash,
        head,
        head_at_start: matches!(kind, InterfaceKind::Read | InterfaceKind::Load),
    }
}

/// Gap between a barred head's triangle and its bar.
const BAR_GAP: f32 = 2.5;

impl Builder {
    /// Draws an interface's line and heads, in the colour of its worst
    /// unaccepted `finding` if any; returns the bounds of the heads.
    pub(super) fn interface_line(
        &mut self,
        kind: InterfaceKind,
        path: &[Point],
        finding: Option<Severity>,
        dimmed: bool,
        selected: bool,
    ) -> Rect {
        let p = self.palette;
        let color = self.color(finding.map_or(p.edge, |s| severity_color(&p, s)), dimmed);
        // Warnings and errors also thicken the line; info only colours it.
        let thicken = finding.is_some_and(|s| s >= Severity::Warning);
        self.arrow(kind, path, color, thicken, selected)
    }

    /// Draws the line and head of an interface of `kind` along `path` in
    /// `color` (hollow heads filled with the palette's background).
    pub(super) fn arrow(
        &mut self,
        kind: InterfaceKind,
        path: &[Point],
        color: Rgba,
        thicken: bool,
        selected: bool,
    ) -> Rect {
        let p = self.palette;
        let style = line_style(kind);
        let stroke = Stroke {
            width: style.width + if thicken { 0.5 } else { 0.0 },
            color,
            dash: style.dash,
        };
        let head = style.head;
        let mut line = path.to_vec();
        let n = line.len();
        let (tip, before) = if style.head_at_start {
            (line[0], line[1])
        } else {
            (line[n - 1], line[n - 2])
        };
        let (ux, uy) = geom::direction(before, tip);
        let (length, half) = head.size();
        // Shorten the line so it stops inside a closed head, not at the tip.
        let inset = match head {
            Head::Filled(l, _) | Head::Hollow(l, _) | Head::Barred(l, _) | Head::Diamond(l, _) => {
                (l - 1.0).min(geom::distance(before, tip))
            }
            Head::Open(..) => stroke.width / 2.0,
        };
        let moved = Point::new(tip.x - ux * inset, tip.y - uy * inset);
        if style.head_at_start {
            line[0] = moved;
        } else {
            line[n - 1] = moved;
        }
        if selected {
            self.primitives.push(Primitive::Polyline {
                points: line.clone(),
                stroke: Stroke::solid(stroke.width + 5.0, p.selection.with_alpha(110)),
            });
        }
        self.primitives.push(Primitive::Polyline {
            points: line,
            stroke,
        });
        // A point `along` back from the tip and `across` to its left.
        let at = |along: f32, across: f32| {
            Point::new(
                tip.x - ux * along - uy * across,
                tip.y - uy * along + ux * across,
            )
        };
        let (left, right) = (at(length, half), at(length, -half));
        let solid = |width| Some(Stroke::solid(width, color));
        match head {
            Head::Filled(..) => self.primitives.push(Primitive::Polygon {
                points: vec![tip, left, right],
                fill: Some(color),
                stroke: solid(1.0),
            }),
            Head::Hollow(..) => self.primitives.push(Primitive::Polygon {
                points: vec![tip, left, right],
                fill: Some(p.background),
                stroke: solid(1.25),
            }),
            Head::Open(..) => self.primitives.push(Primitive::Polyline {
                points: vec![left, tip, right],
                stroke: Stroke::solid(stroke.width, color),
            }),
            Head::Barred(..) => {
                let bar = length + BAR_GAP;
                self.primitives.push(Primitive::Polyline {
                    points: vec![at(bar, half + 0.5), at(bar, -half - 0.5)],
                    stroke: Stroke::solid(stroke.width + 0.25, color),
                });
                self.primitives.push(Primitive::Polygon {
                    points: vec![tip, left, right],
                    fill: Some(color),
                    stroke: solid(1.0),
                });
                return geom::bounds_of(&[tip, at(bar, half + 0.5), at(bar, -half - 0.5)]);
            }
            Head::Diamond(..) => {
                let points = vec![
                    tip,
                    at(length / 2.0, half),
                    at(length, 0.0),
                    at(length / 2.0, -half),
                ];
                let bounds = geom::bounds_of(&points);
                self.primitives.push(Primitive::Polygon {
                    points,
                    fill: Some(p.background),
                    stroke: solid(1.25),
                });
                return bounds;
            }
        }
        geom::bounds_of(&[tip, left, right])
    }

    pub(super) fn edge_label(&mut self, center: Point, label: String, dimmed: bool) {
        let p = self.palette;
        let rect = edge_label_rect(center, &label);
        self.primitives.push(Primitive::Rect {
            rect,
            radius: 4.0,
            fill: Some(if dimmed {
                p.dim(p.edge_label_fill)
            } else {
                p.edge_label_fill
            }),
            stroke: None,
        });
        let color = self.color(p.edge_label, dimmed);
        self.text(center, Anchor::Middle, theme::EDGE_FONT_SIZE, color, label);
    }
}
