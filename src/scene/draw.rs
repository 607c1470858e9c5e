//! Drawing: turns one element into primitives (shapes by kind, unit
//! borders by isolation, arrows by interface kind, badges), and the texts
//! and sizes that go with them.

use super::{Anchor, Badge, Dash, ElementFindings, Primitive, Stroke, Text, geom};
use crate::metrics::{
    CHIP_FONT_SIZE, CHIP_GAP, LIBRARY_BAND, LIBRARY_TEXT_GAP, UNIT_TITLE_INSET, chip_width,
    module_caption, unit_caption,
};
use crate::model::{InterfaceKind, ModuleKind, Point, Rect, Release};
use crate::rules::Severity;
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

pub(super) fn severity_color(palette: &Palette, severity: Severity) -> Rgba {
    match severity {
        Severity::Error => palette.error,
        Severity::Warning => palette.warning,
        Severity::Info => palette.info,
    }
}

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
fn third_party_tag_inset(kind: ModuleKind, rect: Rect) -> f32 {
    match kind {
        ModuleKind::Component => MODULE_RADIUS + 2.0,
        ModuleKind::Library => LIBRARY_BAND.min(rect.w / 4.0) + 4.0,
        ModuleKind::Datastore => rect.w * 0.16,
        ModuleKind::External => (rect.h / 2.0).min(rect.w / 2.0) * 0.7,
    }
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
        let (fill, border) = if managed {
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
        };
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
        let p = self.palette;
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
                // A cylinder: the body with elliptic caps, then the front
                // rim of the top cap.
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
                selection_radius = rx.min(ry * 2.0);
            }
            ModuleKind::External => {
                // An actor outside the system: a pill, with a person icon
                // on a disc astride its left end, outside the text's room.
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
                    text_area = Rect::new(
                        left,
                        rect.y,
                        (rect.right() - theme::MODULE_PADDING_X / 2.0 - left).max(0.0),
                        rect.h,
                    );
                }
                selection_radius = radius + SELECTION_GAP;
            }
        }
        (text_area, selection_radius)
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
