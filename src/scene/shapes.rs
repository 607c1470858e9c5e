//! Modules as shapes by kind (a box, a library with side bands, a
//! cylinder, an actor's pill), the third-party tag, and the name and caption
//! inside.

use super::draw::{
    ACTOR_DISC_RADIUS, ARC_SEGMENTS, Builder, CYLINDER_RY_MAX, MODULE_RADIUS, MODULE_STROKE,
    SELECTION_GAP,
};
use super::{Anchor, Primitive, Stroke, geom};
use crate::metrics::{LIBRARY_BAND, LIBRARY_TEXT_GAP, module_caption};
use crate::model::{ModuleKind, Point, Rect};
use crate::text;
use crate::theme::{self, Rgba};

/// The text of the tag on third-party modules.
pub(super) const THIRD_PARTY_TAG: &str = "3rd";
const TAG_FONT_SIZE: f32 = 9.5;
const TAG_PAD_X: f32 = 4.0;
const TAG_HEIGHT: f32 = 14.0;

/// Width of the third-party tag.
pub(super) fn third_party_tag_width() -> f32 {
    text::width(THIRD_PARTY_TAG, TAG_FONT_SIZE) + 2.0 * TAG_PAD_X
}

/// How far from a module's left edge its third-party tag starts: where the
/// shape's top edge runs straight (or nearly), clear of rounded corners,
/// and far from the finding badge on the top-right corner.
pub(super) fn third_party_tag_inset(kind: ModuleKind, rect: Rect) -> f32 {
    match kind {
        ModuleKind::Component => MODULE_RADIUS + 2.0,
        ModuleKind::Library => LIBRARY_BAND.min(rect.w / 4.0) + 4.0,
        ModuleKind::Datastore => rect.w * 0.16,
        ModuleKind::External => (rect.h / 2.0).min(rect.w / 2.0) * 0.7,
    }
}

impl Builder {
    /// Draws a module: its shape, selection outline, third-party tag and
    /// text. Returns the tag's rectangle when it has one.
    pub(super) fn module(
        &mut self,
        module: &crate::model::Module,
        rect: Rect,
        (fill, stroke): (Rgba, Rgba),
        dimmed: bool,
        selected: bool,
    ) -> Option<Rect> {
        let p = self.palette;
        let fill = self.color(fill, dimmed);
        let stroke = Stroke::solid(MODULE_STROKE, self.color(stroke, dimmed));
        let (text_area, selection_radius) =
            self.module_shape(module.kind, rect, (fill, stroke), dimmed);
        if selected {
            self.primitives.push(Primitive::Rect {
                rect: rect.expand(SELECTION_GAP),
                radius: selection_radius + SELECTION_GAP,
                fill: None,
                stroke: Some(Stroke::solid(2.0, p.selection)),
            });
        }
        let tag = module.third_party.then(|| {
            let at = Point::new(rect.x + third_party_tag_inset(module.kind, rect), rect.y);
            self.third_party_tag(at, dimmed)
        });
        self.module_text(module, text_area, dimmed);
        tag
    }

    /// Draws the shape of a module of `kind` filling `rect`; returns the
    /// area its text is centred in and the corner radius of its selection
    /// outline. Small rectangles (legend samples) get proportionally
    /// smaller corners and no actor icon.
    pub(super) fn module_shape(
        &mut self,
        kind: ModuleKind,
        rect: Rect,
        (fill, stroke): (Rgba, Stroke),
        dimmed: bool,
    ) -> (Rect, f32) {
        let fill = Some(fill);
        let stroke = Some(stroke);
        // The area the text is centred in.
        let mut text_area = Rect::new(
            rect.x + theme::MODULE_PADDING_X / 2.0,
            rect.y,
            rect.w - theme::MODULE_PADDING_X,
            rect.h,
        );
        let mut selection_radius = MODULE_RADIUS;
        match kind {
            ModuleKind::Component => {
                self.primitives.push(Primitive::Rect {
                    rect,
                    radius: MODULE_RADIUS.min(rect.h / 4.0),
                    fill,
                    stroke,
                });
            }
            ModuleKind::Library => {
                // A box with a band at each side, like a flowchart's
                // "predefined process": code defined elsewhere.
                self.primitives.push(Primitive::Rect {
                    rect,
                    radius: 4.0,
                    fill,
                    stroke,
                });
                if let Some(stroke) = stroke {
                    let band = LIBRARY_BAND.min(rect.w / 4.0);
                    for x in [rect.x + band, rect.right() - band] {
                        self.primitives.push(Primitive::Polyline {
                            points: vec![Point::new(x, rect.y), Point::new(x, rect.bottom())],
                            stroke: Stroke {
                                width: 1.0,
                                ..stroke
                            },
                        });
                    }
                    text_area = Rect::new(
                        rect.x + band + LIBRARY_TEXT_GAP,
                        rect.y,
                        (rect.w - 2.0 * (band + LIBRARY_TEXT_GAP)).max(0.0),
                        rect.h,
                    );
                }
                selection_radius = 4.0;
            }
            ModuleKind::Datastore => {
                selection_radius = self.cylinder(rect, (fill, stroke), &mut text_area);
            }
            ModuleKind::External => {
                selection_radius = self.actor(rect, (fill, stroke), dimmed, &mut text_area);
            }
        }
        (text_area, selection_radius)
    }

    /// A datastore's cylinder: the body with elliptic caps, then the front
    /// rim of the top cap; the text keeps below the top cap. Returns the
    /// selection outline's corner radius.
    fn cylinder(
        &mut self,
        rect: Rect,
        (fill, stroke): (Option<Rgba>, Option<Stroke>),
        text_area: &mut Rect,
    ) -> f32 {
        let ry = CYLINDER_RY_MAX.min(rect.h / 6.0);
        let rx = rect.w / 2.0;
        let cx = rect.x + rx;
        let mut body = Vec::with_capacity(2 * ARC_SEGMENTS + 2);
        let pi = std::f32::consts::PI;
        geom::arc(
            &mut body,
            Point::new(cx, rect.y + ry),
            (rx, ry),
            pi,
            2.0 * pi,
            ARC_SEGMENTS,
        );
        geom::arc(
            &mut body,
            Point::new(cx, rect.bottom() - ry),
            (rx, ry),
            0.0,
            pi,
            ARC_SEGMENTS,
        );
        self.primitives.push(Primitive::Polygon {
            points: body,
            fill,
            stroke,
        });
        let mut rim = Vec::with_capacity(ARC_SEGMENTS + 1);
        geom::arc(
            &mut rim,
            Point::new(cx, rect.y + ry),
            (rx, ry),
            0.0,
            pi,
            ARC_SEGMENTS,
        );
        if let Some(stroke) = stroke {
            self.primitives.push(Primitive::Polyline {
                points: rim,
                stroke,
            });
        }
        text_area.y = rect.y + 2.0 * ry;
        text_area.h = rect.h - 2.0 * ry;
        rx.min(ry * 2.0)
    }

    /// An actor outside the system: a pill, with a person icon on a disc
    /// astride its left end, outside the text's room. Returns the
    /// selection outline's corner radius.
    fn actor(
        &mut self,
        rect: Rect,
        (fill, stroke): (Option<Rgba>, Option<Stroke>),
        dimmed: bool,
        text_area: &mut Rect,
    ) -> f32 {
        let p = self.palette;
        let radius = (rect.h / 2.0).min(rect.w / 2.0);
        self.primitives.push(Primitive::Rect {
            rect,
            radius,
            fill,
            stroke,
        });
        if rect.w >= 4.0 * ACTOR_DISC_RADIUS && rect.h >= 2.0 * ACTOR_DISC_RADIUS {
            let center = Point::new(rect.x + 2.0, rect.center().y);
            let disc = stroke.map_or(p.module_icon, |s| s.color);
            let figure = self.color(p.background, dimmed);
            self.primitives.push(Primitive::Ellipse {
                center,
                radius_x: ACTOR_DISC_RADIUS,
                radius_y: ACTOR_DISC_RADIUS,
                fill: Some(disc),
                stroke: Some(Stroke::solid(1.5, figure)),
            });
            self.primitives.push(Primitive::Ellipse {
                center: Point::new(center.x, center.y - 3.6),
                radius_x: 3.3,
                radius_y: 3.3,
                fill: Some(figure),
                stroke: None,
            });
            let mut shoulders = Vec::with_capacity(ARC_SEGMENTS + 1);
            let pi = std::f32::consts::PI;
            geom::arc(
                &mut shoulders,
                Point::new(center.x, center.y + 7.0),
                (6.2, 5.6),
                pi,
                2.0 * pi,
                ARC_SEGMENTS,
            );
            self.primitives.push(Primitive::Polygon {
                points: shoulders,
                fill: Some(figure),
                stroke: None,
            });
            let left = center.x + ACTOR_DISC_RADIUS + 4.0;
            *text_area = Rect::new(
                left,
                rect.y,
                (rect.right() - theme::MODULE_PADDING_X / 2.0 - left).max(0.0),
                rect.h,
            );
        }
        radius + SELECTION_GAP
    }

    /// Draws the tag that marks third-party code ("3rd" on a small
    /// rounded label), its left edge at `left_center.x` and centred
    /// vertically on `left_center.y`; returns its rectangle. The text is
    /// plain ASCII, so exports need no unusual glyph.
    pub(super) fn third_party_tag(&mut self, left_center: Point, dimmed: bool) -> Rect {
        let p = self.palette;
        let rect = Rect::new(
            left_center.x,
            left_center.y - TAG_HEIGHT / 2.0,
            third_party_tag_width(),
            TAG_HEIGHT,
        );
        self.primitives.push(Primitive::Rect {
            rect,
            radius: 3.0,
            fill: Some(self.color(p.third_party_fill, dimmed)),
            stroke: Some(Stroke::solid(1.25, self.color(p.badge_ring, dimmed))),
        });
        self.text(
            rect.center(),
            Anchor::Middle,
            TAG_FONT_SIZE,
            self.color(p.third_party_text, dimmed),
            THIRD_PARTY_TAG.to_owned(),
        );
        rect
    }

    /// Name (one or two lines) and the caption, centred in `area`.
    pub(super) fn module_text(&mut self, module: &crate::model::Module, area: Rect, dimmed: bool) {
        let p = self.palette;
        let name_size = theme::MODULE_FONT_SIZE;
        let detail_size = theme::MODULE_DETAIL_FONT_SIZE;
        let name_h = text::line_height(name_size);
        let detail_h = text::line_height(detail_size);
        let max_w = area.w.max(0.0);
        let room = area.h - 6.0;
        let with_detail = room >= name_h + detail_h;
        let two_lines = text::width(&module.name, name_size) > max_w
            && room >= 2.0 * name_h + if with_detail { detail_h } else { 0.0 };
        let name_lines = if two_lines {
            wrap_two_lines(&module.name, name_size, max_w)
        } else {
            vec![text::elide(&module.name, name_size, max_w)]
        };
        let total = name_h * name_lines.len() as f32 + if with_detail { detail_h } else { 0.0 };
        let cx = area.x + area.w / 2.0;
        let mut y = area.y + (area.h - total) / 2.0;
        let name_color = self.color(p.module_text, dimmed);
        for line in name_lines {
            self.text(
                Point::new(cx, y + name_h / 2.0),
                Anchor::Middle,
                name_size,
                name_color,
                line,
            );
            y += name_h;
        }
        if with_detail {
            let caption = text::elide(&module_caption(module), detail_size, max_w);
            let color = self.color(p.module_detail, dimmed);
            self.text(
                Point::new(cx, y + detail_h / 2.0),
                Anchor::Middle,
                detail_size,
                color,
                caption,
            );
        }
    }
}

/// Splits `name` into at most two lines of `max_width` at a space (the
/// second line shortened with an ellipsis if needed).
pub(super) fn wrap_two_lines(name: &str, size: f32, max_width: f32) -> Vec<String> {
    let mut first_end = 0;
    for (i, c) in name.char_indices() {
        if c == ' ' {
            if text::width(&name[..i], size) <= max_width {
                first_end = i;
            } else {
                break;
            }
        }
    }
    if first_end == 0 {
        return vec![text::elide(name, size, max_width)];
    }
    vec![
        name[..first_end].to_owned(),
        text::elide(name[first_end..].trim_start(), size, max_width),
    ]
}
