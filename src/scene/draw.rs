//! Drawing: turns one element into primitives (shapes by kind, unit
//! borders by isolation, arrows by interface kind, badges), and the texts
//! and sizes that go with them.

use super::colors::severity_color;
use super::context::ElementFindings;
use super::{Anchor, Badge, Primitive, Stroke, Text};
use crate::metrics::{CHIP_FONT_SIZE, CHIP_GAP, UNIT_TITLE_INSET, chip_width, unit_caption};
use crate::model::{Point, Rect, Release};
use crate::text;
use crate::theme::palette::Palette;
use crate::theme::{self, Rgba};

// ---------------------------------------------------------------------------
// Sizes of scene details, in diagram units. Font sizes and paddings shared
// with the UI live in `theme`; these only matter here.

pub(super) const MODULE_RADIUS: f32 = 8.0;
pub(super) const MODULE_STROKE: f32 = 1.5;
pub(super) const CYLINDER_RY_MAX: f32 = 9.0;
pub(super) const ACTOR_DISC_RADIUS: f32 = 12.0;
pub(super) const UNIT_RADIUS: f32 = 12.0;
pub(super) const CHIP_HEIGHT: f32 = 17.0;
pub(super) const MIN_TITLE_WIDTH: f32 = 48.0;
pub(super) const PARALLEL_SPACING: f32 = 18.0;
pub(super) const EDGE_LABEL_MAX_WIDTH: f32 = 200.0;
pub(super) const EDGE_LABEL_PAD: f32 = 3.0;
pub(super) const BADGE_RADIUS: f32 = 9.0;
pub(super) const BADGE_FONT_SIZE: f32 = 10.5;
pub(super) const SELECTION_GAP: f32 = 3.5;
pub(super) const ARC_SEGMENTS: usize = 14;

/// What a unit's title band holds within `available` width: the chip's
/// caption, whether to show the chip, and the width left for the title.
/// The full caption ("Sandbox · with parent") when everything fits, else
/// the isolation alone, shortening the title before dropping the chip.
pub(super) fn unit_header(unit: &crate::model::Unit, available: f32) -> (String, bool, f32) {
    let title_w = text::width(&unit.name, theme::UNIT_FONT_SIZE);
    let full = unit_caption(unit);
    if title_w + CHIP_GAP + chip_width(&full) <= available {
        return (full, true, available);
    }
    let short = unit.isolation.label().to_owned();
    let short_w = chip_width(&short);
    let title_budget = available - CHIP_GAP - short_w;
    if title_budget >= title_w.min(MIN_TITLE_WIDTH) {
        (short, true, title_budget)
    } else {
        (short, false, available)
    }
}

/// What a screen reader says about an interface: "RPC from A to B", and
/// its label when it has one.
pub(super) fn interface_label(
    interface: &crate::model::Interface,
    from: &crate::model::Module,
    to: &crate::model::Module,
) -> String {
    let mut label = String::with_capacity(
        interface.kind.label().len() + from.name.len() + to.name.len() + interface.label.len() + 12,
    );
    label.push_str(interface.kind.label());
    label.push_str(" from ");
    label.push_str(&from.name);
    label.push_str(" to ");
    label.push_str(&to.name);
    if !interface.label.is_empty() {
        label.push_str(": ");
        label.push_str(&interface.label);
    }
    label
}

/// A unit's fill (translucent) and border, by how it is released and
/// isolated.
pub(super) fn unit_style(p: &Palette, unit: &crate::model::Unit, strong: bool) -> (Rgba, Stroke) {
    if unit.release == Release::Managed {
        (
            p.unit_managed_fill,
            Stroke::dashed(1.5, p.unit_stroke_managed, 7.0, 4.0),
        )
    } else if strong {
        (p.unit_fill, Stroke::solid(2.0, p.unit_stroke_strong))
    } else if unit.isolation == crate::model::Isolation::Process {
        (
            p.unit_fill,
            Stroke::dashed(1.25, p.unit_stroke_process, 5.0, 3.5),
        )
    } else {
        (p.unit_fill, Stroke::solid(1.25, p.unit_stroke_weak))
    }
}

/// `color` painted over the opaque colour `under`.
pub(super) fn over(under: Rgba, color: Rgba) -> Rgba {
    under
        .lerp(color.with_alpha(255), f32::from(color.a) / 255.0)
        .with_alpha(255)
}

pub(super) fn edge_label_rect(center: Point, label: &str) -> Rect {
    let w = text::width(label, theme::EDGE_FONT_SIZE) + 2.0 * (EDGE_LABEL_PAD + 1.0);
    let h = text::line_height(theme::EDGE_FONT_SIZE) + EDGE_LABEL_PAD;
    Rect::new(center.x - w / 2.0, center.y - h / 2.0, w, h)
}

/// Appends primitives; knows the palette.
pub(super) struct Builder {
    pub(super) palette: Palette,
    pub(super) primitives: Vec<Primitive>,
}

impl Builder {
    pub(super) fn color(&self, color: Rgba, dimmed: bool) -> Rgba {
        if dimmed {
            self.palette.dim(color)
        } else {
            color
        }
    }

    pub(super) fn text(
        &mut self,
        pos: Point,
        anchor: Anchor,
        size: f32,
        color: Rgba,
        text: String,
    ) {
        if !text.is_empty() {
            self.primitives.push(Primitive::Text(Text {
                pos,
                anchor,
                size,
                color,
                text,
            }));
        }
    }

    /// Draws a unit. Its translucent tint is composed over `backdrop` (what
    /// lies under it: its parent's fill or the background) when given, so
    /// the fill is opaque and cheap to rasterise; returns that fill, the
    /// backdrop of its children.
    pub(super) fn unit(
        &mut self,
        unit: &crate::model::Unit,
        rect: Rect,
        strong: bool,
        backdrop: Option<Rgba>,
        (dimmed, selected): (bool, bool),
    ) -> Rgba {
        let p = self.palette;
        let managed = unit.release == Release::Managed;
        let (fill, border) = unit_style(&p, unit, strong);
        let fill = backdrop.map_or(fill, |under| over(under, fill));
        let border = Stroke {
            color: self.color(border.color, dimmed),
            ..border
        };
        self.primitives.push(Primitive::Rect {
            rect,
            radius: UNIT_RADIUS,
            fill: Some(self.color(fill, dimmed)),
            stroke: Some(border),
        });
        if strong && !managed && rect.w > 12.0 && rect.h > 12.0 {
            // A second, inner line: strong isolation reads as a double wall.
            self.primitives.push(Primitive::Rect {
                rect: rect.expand(-3.5),
                radius: UNIT_RADIUS - 3.5,
                fill: None,
                stroke: Some(Stroke::solid(1.0, border.color)),
            });
        }
        if selected {
            self.primitives.push(Primitive::Rect {
                rect: rect.expand(SELECTION_GAP),
                radius: UNIT_RADIUS + SELECTION_GAP,
                fill: None,
                stroke: Some(Stroke::solid(2.0, p.selection)),
            });
        }

        // Title and the isolation chip in the band at the top.
        let band_center_y = rect.y + theme::UNIT_TITLE_HEIGHT.min(rect.h) / 2.0 + 1.0;
        let available = rect.w - 2.0 * UNIT_TITLE_INSET;
        let (caption, show_chip, title_budget) = unit_header(unit, available);
        let chip_w = chip_width(&caption);
        let title = text::elide(&unit.name, theme::UNIT_FONT_SIZE, title_budget);
        let title_w = text::width(&title, theme::UNIT_FONT_SIZE);
        self.text(
            Point::new(rect.x + UNIT_TITLE_INSET, band_center_y),
            Anchor::Start,
            theme::UNIT_FONT_SIZE,
            self.color(p.unit_title, dimmed),
            title,
        );
        if show_chip {
            let (chip_fill, chip_text) = if managed {
                (p.chip_managed_fill, p.chip_managed_text)
            } else if strong {
                (p.chip_strong_fill, p.chip_strong_text)
            } else {
                (p.chip_fill, p.chip_text)
            };
            let chip = Rect::new(
                rect.x + UNIT_TITLE_INSET + title_w + CHIP_GAP,
                band_center_y - CHIP_HEIGHT / 2.0,
                chip_w,
                CHIP_HEIGHT,
            );
            self.primitives.push(Primitive::Rect {
                rect: chip,
                radius: CHIP_HEIGHT / 2.0,
                fill: Some(self.color(chip_fill, dimmed)),
                stroke: None,
            });
            self.text(
                chip.center(),
                Anchor::Middle,
                CHIP_FONT_SIZE,
                self.color(chip_text, dimmed),
                caption,
            );
        }
        fill
    }

    /// Adds the badge of `element` for the findings `found` about it.
    pub(super) fn place_badge(
        &mut self,
        badges: &mut Vec<Badge>,
        element: &str,
        found: ElementFindings,
        center: Point,
        dimmed: bool,
    ) {
        let start = self.primitives.len();
        let (radius, count) = self.badge(center, &found, dimmed);
        badges.push(Badge {
            element: element.to_owned(),
            center,
            radius,
            severity: found.worst,
            count,
            messages: found.messages,
            primitives: start..self.primitives.len(),
        });
    }

    /// Draws a badge; returns its radius and the count it shows.
    pub(super) fn badge(
        &mut self,
        center: Point,
        found: &ElementFindings,
        dimmed: bool,
    ) -> (f32, usize) {
        let p = self.palette;
        let (color, count) = match found.worst {
            Some(severity) => (severity_color(&p, severity), found.unaccepted),
            None => (p.accepted, found.accepted),
        };
        let label = if count > 9 {
            "9+".to_owned()
        } else {
            count.to_string()
        };
        let radius = if label.len() > 1 {
            BADGE_RADIUS + 2.0
        } else {
            BADGE_RADIUS
        };
        self.primitives.push(Primitive::Ellipse {
            center,
            radius_x: radius,
            radius_y: radius,
            fill: Some(self.color(color, dimmed)),
            stroke: Some(Stroke::solid(1.5, self.color(p.badge_ring, dimmed))),
        });
        let text_color = self.color(p.badge_text, dimmed);
        self.text(center, Anchor::Middle, BADGE_FONT_SIZE, text_color, label);
        (radius, count)
    }
}
