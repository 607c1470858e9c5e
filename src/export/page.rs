//! The exported page: the scene framed with a margin, the title line above
//! it and the legend below it, on the chosen background.

use super::{Background, ExportOptions};
use crate::model::{Point, Rect};
use crate::scene::{Anchor, LegendGroup, Primitive, Sample, Scene, Stroke, Text, legend_sample};
use crate::text;
use crate::theme::{self, Rgba};

// Sizes that only the exported page uses, in diagram units (the shared ones
// come from `theme`).
const MARGIN: f32 = 32.0;
const TITLE_GAP: f32 = 18.0;
const LEGEND_GAP: f32 = 28.0;
const LEGEND_FONT_SIZE: f32 = 12.0;
const LEGEND_HEADING_SIZE: f32 = 11.0;
const LEGEND_ROW: f32 = 22.0;
const LEGEND_PAD: f32 = 12.0;
const SWATCH: f32 = theme::LEGEND_SWATCH;
const SWATCH_GAP: f32 = 6.0;
const ENTRY_GAP: f32 = 16.0;
const GROUP_GAP: f32 = 28.0;
const MIN_LEGEND_WIDTH: f32 = 420.0;
const MAX_LABEL_WIDTH: f32 = 240.0;
const MIN_TITLE_WIDTH: f32 = 640.0;
const EMPTY_SIZE: (f32, f32) = (320.0, 120.0);

/// A scene laid out on a page, in page units (one unit = one pixel at scale
/// 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// The background fill; `None` = transparent.
    pub background: Option<Rgba>,
    /// Where the scene's diagram coordinates land: page = diagram + offset.
    pub offset: Point,
    /// The title line and the legend, in page coordinates, drawn after the
    /// scene.
    pub decorations: Vec<Primitive>,
}

/// Frames `scene` as a page for `options`.
#[must_use]
pub fn compose(scene: &Scene, options: &ExportOptions) -> Page {
    let palette = &scene.palette;
    let mut decorations = Vec::new();

    let content = scene
        .bounds
        .unwrap_or(Rect::new(0.0, 0.0, EMPTY_SIZE.0, EMPTY_SIZE.1));
    // A long title may widen a small diagram's page, up to a point.
    let title = text::elide(
        scene.title.trim(),
        theme::TITLE_FONT_SIZE,
        content.w.max(MIN_TITLE_WIDTH),
    );
    let title_h = if title.is_empty() {
        0.0
    } else {
        text::line_height(theme::TITLE_FONT_SIZE)
    };
    let title_w = text::width(&title, theme::TITLE_FONT_SIZE);
    let content_top = MARGIN
        + if title_h > 0.0 {
            title_h + TITLE_GAP
        } else {
            0.0
        };

    // Lay the legend out in rows no wider than the diagram (or a sensible
    // minimum), then size the page to fit everything.
    let legend_max_w = content.w.max(MIN_LEGEND_WIDTH);
    let legend = legend_rows(&scene.legend, legend_max_w - 2.0 * LEGEND_PAD);
    let legend_w = legend.iter().map(|row| row.width).fold(0.0, f32::max) + 2.0 * LEGEND_PAD;
    let legend_h = if legend.is_empty() {
        0.0
    } else {
        legend.len() as f32 * LEGEND_ROW + 2.0 * LEGEND_PAD - (LEGEND_ROW - SWATCH) / 2.0
    };

    let inner_w = content
        .w
        .max(title_w)
        .max(if legend.is_empty() { 0.0 } else { legend_w });
    let width = (inner_w + 2.0 * MARGIN).ceil();
    let legend_top = content_top + content.h + LEGEND_GAP;
    let height = if legend.is_empty() {
        content_top + content.h + MARGIN
    } else {
        legend_top + legend_h + MARGIN
    }
    .ceil();

    if title_h > 0.0 {
        decorations.push(Primitive::Text(Text {
            pos: Point::new(MARGIN, MARGIN + title_h / 2.0),
            anchor: Anchor::Start,
            size: theme::TITLE_FONT_SIZE,
            color: palette.text,
            text: title,
        }));
    }
    if scene.bounds.is_none() {
        decorations.push(Primitive::Text(Text {
            pos: Point::new(MARGIN + content.w / 2.0, content_top + content.h / 2.0),
            anchor: Anchor::Middle,
            size: LEGEND_FONT_SIZE,
            color: palette.text_muted,
            text: "Nothing to draw".to_owned(),
        }));
    }
    if !legend.is_empty() {
        let frame = Rect::new(MARGIN, legend_top, legend_w, legend_h);
        decorations.push(Primitive::Rect {
            rect: frame,
            radius: 8.0,
            fill: Some(palette.legend_fill),
            stroke: Some(Stroke::solid(1.0, palette.legend_stroke)),
        });
        for (r, row) in legend.iter().enumerate() {
            let cy = legend_top + LEGEND_PAD + SWATCH / 2.0 + r as f32 * LEGEND_ROW;
            for item in &row.items {
                let x = MARGIN + LEGEND_PAD + item.x;
                match item.kind {
                    ItemKind::Heading => decorations.push(Primitive::Text(Text {
                        pos: Point::new(x, cy),
                        anchor: Anchor::Start,
                        size: LEGEND_HEADING_SIZE,
                        color: palette.text_muted,
                        text: item.text.clone(),
                    })),
                    ItemKind::Entry(sample) => {
                        decorations.extend(legend_sample(sample, Point::new(x, cy), palette));
                        decorations.push(Primitive::Text(Text {
                            pos: Point::new(x + sample.width() + SWATCH_GAP, cy),
                            anchor: Anchor::Start,
                            size: LEGEND_FONT_SIZE,
                            color: palette.text,
                            text: item.text.clone(),
                        }));
                    }
                }
            }
        }
    }

    Page {
        width,
        height,
        background: match options.background {
            Background::Transparent => None,
            Background::Light | Background::Dark => Some(palette.background),
        },
        offset: Point::new(MARGIN - content.x, content_top - content.y),
        decorations,
    }
}

enum ItemKind {
    Heading,
    Entry(Sample),
}

struct Item {
    x: f32,
    kind: ItemKind,
    text: String,
}

struct Row {
    width: f32,
    items: Vec<Item>,
}

/// Flows the legend into rows: each group's heading, then its entries; a
/// row breaks before an entry that would pass `max_w`.
fn legend_rows(groups: &[LegendGroup], max_w: f32) -> Vec<Row> {
    let mut flow = Flow {
        rows: Vec::new(),
        row: Row {
            width: 0.0,
            items: Vec::new(),
        },
        x: 0.0,
        max_w,
    };
    for group in groups.iter().filter(|g| !g.entries.is_empty()) {
        let entries = group.entries.iter().map(|entry| {
            let label = text::elide(&entry.label, LEGEND_FONT_SIZE, MAX_LABEL_WIDTH);
            let w = entry_width(entry.sample, &label);
            (ItemKind::Entry(entry.sample), label, w)
        });
        flow.group(&group.title, entries);
    }
    flow.finish()
}

/// Legend items flowing into rows.
struct Flow {
    rows: Vec<Row>,
    row: Row,
    x: f32,
    max_w: f32,
}

impl Flow {
    fn break_row(&mut self) {
        let row = std::mem::replace(
            &mut self.row,
            Row {
                width: 0.0,
                items: Vec::new(),
            },
        );
        self.rows.push(row);
        self.x = 0.0;
    }

    fn group(&mut self, title: &str, entries: impl Iterator<Item = (ItemKind, String, f32)>) {
        let heading = title.to_uppercase();
        let heading_w = text::width(&heading, LEGEND_HEADING_SIZE);
        let mut entries = entries.peekable();
        let first_w = entries.peek().map_or(0.0, |(_, _, w)| *w);
        if !self.row.items.is_empty() {
            self.x = self.row.width + GROUP_GAP;
            if self.x + heading_w + ENTRY_GAP + first_w > self.max_w {
                self.break_row();
            }
        }
        self.row.items.push(Item {
            x: self.x,
            kind: ItemKind::Heading,
            text: heading,
        });
        self.x += heading_w + ENTRY_GAP * 0.75;
        for (kind, label, w) in entries {
            if self.x + w > self.max_w && self.x > 0.0 {
                self.row.width = self.x - ENTRY_GAP;
                self.break_row();
            }
            self.row.items.push(Item {
                x: self.x,
                kind,
                text: label,
            });
            self.x += w + ENTRY_GAP;
        }
        self.row.width = self.x - ENTRY_GAP;
    }

    fn finish(mut self) -> Vec<Row> {
        if !self.row.items.is_empty() {
            self.break_row();
        }
        self.rows
    }
}

fn entry_width(sample: Sample, label: &str) -> f32 {
    sample.width() + SWATCH_GAP + text::width(label, LEGEND_FONT_SIZE)
}
