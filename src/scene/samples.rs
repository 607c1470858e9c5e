//! Small pictures drawn the way the scene draws: the tool strip's arrows
//! and the legend's samples.

use super::draw::Builder;
use super::{Primitive, Sample, Stroke};
use crate::model::{InterfaceKind, Point, Rect};
use crate::theme::palette::Palette;
use crate::theme::{self, Rgba};

/// The primitives of a short sample arrow of `kind` from `from` to `to`,
/// drawn as interfaces are, in `color` with hollow heads filled with
/// `background` (the tool strip's icons).
#[must_use]
pub fn arrow_sample(
    kind: InterfaceKind,
    from: Point,
    to: Point,
    color: Rgba,
    background: Rgba,
) -> Vec<Primitive> {
    let mut builder = Builder {
        palette: Palette {
            background,
            ..*Palette::get(false)
        },
        primitives: Vec::with_capacity(3),
    };
    builder.arrow(kind, &[from, to], color, false, false);
    builder.primitives
}

/// The primitives of a legend sample whose left edge is at `left_center.x`,
/// centred vertically on `left_center.y`, in `palette`'s colours. The
/// canvas and the exports both draw the legend with it.
#[must_use]
pub fn legend_sample(sample: Sample, left_center: Point, palette: &Palette) -> Vec<Primitive> {
    let mut builder = Builder {
        palette: *palette,
        primitives: Vec::with_capacity(4),
    };
    let Point { x, y } = left_center;
    match sample {
        Sample::Swatch(swatch) => {
            let side = theme::LEGEND_SWATCH;
            let fill = Some(swatch.fill);
            let stroke = Some(Stroke::solid(1.25, swatch.stroke));
            builder.primitives.push(if swatch.round {
                Primitive::Ellipse {
                    center: Point::new(x + side / 2.0, y),
                    radius_x: side / 2.0,
                    radius_y: side / 2.0,
                    fill,
                    stroke,
                }
            } else {
                Primitive::Rect {
                    rect: Rect::new(x, y - side / 2.0, side, side),
                    radius: 3.0,
                    fill,
                    stroke,
                }
            });
        }
        Sample::Shape(kind) => {
            let (w, h) = theme::LEGEND_SHAPE_SIZE;
            let (fill, stroke) = palette.neutral;
            builder.module_shape(
                kind,
                Rect::new(x, y - h / 2.0, w, h),
                (fill, Stroke::solid(1.25, stroke)),
                false,
            );
        }
        Sample::Line(kind) => {
            let from = Point::new(x, y);
            let to = Point::new(x + theme::LEGEND_LINE_WIDTH, y);
            builder.arrow(kind, &[from, to], palette.edge, false, false);
        }
        Sample::ThirdParty => {
            builder.third_party_tag(left_center, false);
        }
    }
    builder.primitives
}
