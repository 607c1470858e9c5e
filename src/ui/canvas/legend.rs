//! The legend over the canvas: what the colours, the module shapes, the
//! third-party tag and the line kinds mean, each sample drawn by the scene
//! exactly as the canvas and the exports draw it.
//!
//! It sits where [`LegendPlace`] says (a corner of the canvas, or wherever
//! it was dragged, kept to the nearest corner) and is moved by dragging it.
//! When it would cover a module, or what a command last framed, it folds
//! into a small "Legend" chip that opens while the pointer is over it, so
//! it never hides what the user is working on. Framing commands keep what
//! they frame clear of it ([`super::camera::Camera::framing_clear_of`]).

use super::Canvas;
use super::camera::Transform;
use crate::model::Point;
use crate::scene::{self, Scene};
use crate::ui::actions::Action;
use crate::ui::colors::color32;
use crate::ui::view::{LegendPlace, ViewState};
use egui::{Align2, Color32, CursorIcon, FontId, Id, Pos2, Sense, Stroke, StrokeKind, Ui, Vec2};

/// Height of one legend line.
const ROW: f32 = 18.0;
/// Padding inside the legend box.
const PAD: f32 = 10.0;
/// Between a sample and its label.
const SAMPLE_GAP: f32 = 8.0;
/// Between the two columns of a long group.
const COLUMN_GAP: f32 = 14.0;
/// The folded chip's height.
const CHIP_HEIGHT: f32 = 26.0;
/// Room the legend leaves on a short canvas (below that it is not shown).
const MIN_FREE_HEIGHT: f32 = 52.0;

fn font() -> FontId {
    FontId::proportional(12.0)
}

fn heading_font() -> FontId {
    FontId::proportional(12.5)
}

/// The legend's measurements for one scene.
pub(super) struct Layout {
    /// The open legend's size on screen.
    pub size: Vec2,
    /// The width of one column of entries.
    column_w: f32,
    /// The folded chip's size.
    chip: Vec2,
}

/// Where the legend is on screen this frame.
pub(super) struct Placed {
    /// The open legend.
    pub open: egui::Rect,
    /// The chip it folds into, in the open legend's corner nearest the
    /// canvas corner it keeps to.
    pub chip: egui::Rect,
}

/// Groups of more than two entries take two columns, so the box stays low.
fn columns(entries: usize) -> usize {
    if entries > 2 { 2 } else { 1 }
}

fn text_width(ui: &Ui, text: &str, font: &FontId) -> f32 {
    ui.painter()
        .layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE)
        .size()
        .x
}

/// Measures the legend of `scene`; `None` when there is nothing to explain.
pub(super) fn layout(ui: &Ui, scene: &Scene) -> Option<Layout> {
    if scene.legend.is_empty() || scene.is_empty() {
        return None;
    }
    let column_w = scene
        .legend
        .iter()
        .flat_map(|g| &g.entries)
        .map(|e| e.sample.width() + SAMPLE_GAP + text_width(ui, &e.label, &font()))
        .fold(0.0_f32, f32::max);
    let width = scene
        .legend
        .iter()
        .map(|g| {
            let n = columns(g.entries.len()) as f32;
            (n * column_w + (n - 1.0) * COLUMN_GAP).max(text_width(ui, &g.title, &heading_font()))
        })
        .fold(0.0_f32, f32::max)
        + 2.0 * PAD;
    let rows: usize = scene
        .legend
        .iter()
        .map(|g| 1 + g.entries.len().div_ceil(columns(g.entries.len())))
        .sum();
    let height = rows as f32 * ROW + 2.0 * PAD;
    Some(Layout {
        size: Vec2::new(width, height),
        column_w,
        chip: Vec2::new(text_width(ui, "Legend", &font()) + 2.0 * PAD, CHIP_HEIGHT),
    })
}

/// Where the legend is this frame: the place being dragged to, or the
/// view's.
fn place(canvas: &Canvas, view: &ViewState, size: Vec2, canvas_rect: egui::Rect) -> LegendPlace {
    match canvas.legend_drag {
        Some(min) => LegendPlace::dropped_at(egui::Rect::from_min_size(min, size), canvas_rect),
        None => view.legend,
    }
}

/// Where the legend is on screen, or `None` when it is not shown: hidden
/// from the View menu, nothing to explain, or a canvas too small for it.
pub(super) fn placed(
    canvas: &Canvas,
    view: &ViewState,
    layout: Option<&Layout>,
    canvas_rect: egui::Rect,
) -> Option<Placed> {
    let layout = layout.filter(|_| view.show_legend)?;
    let fits = layout.size.y <= canvas_rect.height() - MIN_FREE_HEIGHT
        && layout.size.x <= canvas_rect.width();
    fits.then(|| {
        let place = place(canvas, view, layout.size, canvas_rect);
        let open = place.rect(layout.size, canvas_rect);
        Placed {
            open,
            chip: place.corner.align_size_within_rect(layout.chip, open),
        }
    })
}

/// Draws the legend (or its chip) and lets it be dragged: the drag
/// previews on the canvas and pushes [`Action::MoveLegend`] on release.
pub(super) fn show(
    canvas: &mut Canvas,
    ui: &mut Ui,
    t: &Transform,
    view: &ViewState,
    scene: &Scene,
    layout: &Layout,
    actions: &mut Vec<Action>,
) {
    let canvas_rect = egui::Rect::from_min_size(canvas.origin, canvas.size);
    let Some(Placed { open: rect, chip }) = placed(canvas, view, Some(layout), canvas_rect) else {
        return;
    };
    let open_id = Id::unique("canvas-legend-open");
    let was_open = ui.data(|d| d.get_temp::<bool>(open_id).unwrap_or(false));
    let pointer = ui.ctx().pointer_hover_pos();
    let in_the_way = covers_a_module(scene, t, rect)
        || canvas.framed.is_some_and(|(framed, camera)| {
            camera == canvas.camera && t.screen_rect(&framed).intersects(rect)
        });
    let open = canvas.legend_drag.is_some()
        || !in_the_way
        || pointer.is_some_and(|p| chip.contains(p) || (was_open && rect.contains(p)));
    ui.data_mut(|d| d.insert_temp(open_id, open));

    // The legend sits over the canvas and takes the clicks and drags that
    // land on it (chip or open, the same widget, so a drag goes on when
    // the chip opens under the pointer).
    let response = ui.interact(
        if open { rect } else { chip },
        Id::unique("canvas-legend"),
        Sense::click_and_drag(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, "Legend"));
    let response = if open {
        response
    } else {
        response.on_hover_text("What the colours, shapes and lines mean (drag to move)")
    };
    drag(canvas, &response, rect, layout.size, canvas_rect, actions);
    if response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    } else if response.hovered() {
        ui.ctx().set_cursor_icon(CursorIcon::Grab);
    }
    // Drawn where the drag has just taken it.
    let Some(now) = placed(canvas, view, Some(layout), canvas_rect) else {
        return;
    };
    let painter = ui.painter_at(canvas_rect);
    if open {
        paint_open(&painter, now.open, scene, layout);
    } else {
        paint_chip(&painter, now.chip, scene);
    }
}

/// Follows a drag of the legend: starts the preview, moves it, and on
/// release pushes where it was dropped.
fn drag(
    canvas: &mut Canvas,
    response: &egui::Response,
    rect: egui::Rect,
    size: Vec2,
    canvas_rect: egui::Rect,
    actions: &mut Vec<Action>,
) {
    if response.drag_started() {
        canvas.legend_drag = Some(rect.min);
    }
    // A drag cancelled with Escape is left alone until it ends.
    let Some(min) = &mut canvas.legend_drag else {
        return;
    };
    if response.dragged() || response.drag_stopped() {
        *min += response.drag_delta();
    }
    if response.drag_stopped() {
        let dropped = egui::Rect::from_min_size(*min, size);
        actions.push(Action::MoveLegend(LegendPlace::dropped_at(
            dropped,
            canvas_rect,
        )));
        canvas.legend_drag = None;
    }
}

fn covers_a_module(scene: &Scene, t: &Transform, rect: egui::Rect) -> bool {
    scene
        .modules
        .iter()
        .any(|m| t.screen_rect(&m.rect).intersects(rect))
}

fn paint_chip(painter: &egui::Painter, chip: egui::Rect, scene: &Scene) {
    let palette = &scene.palette;
    painter.rect(
        chip,
        8.0,
        color32(palette.legend_fill).gamma_multiply(0.96),
        Stroke::new(1.0, color32(palette.legend_stroke)),
        StrokeKind::Inside,
    );
    painter.text(
        chip.center(),
        Align2::CENTER_CENTER,
        "Legend",
        font(),
        color32(palette.text_muted),
    );
}

fn paint_open(painter: &egui::Painter, rect: egui::Rect, scene: &Scene, layout: &Layout) {
    let palette = &scene.palette;
    painter.rect(
        rect,
        8.0,
        color32(palette.legend_fill).gamma_multiply(0.96),
        Stroke::new(1.0, color32(palette.legend_stroke)),
        StrokeKind::Inside,
    );
    let mut y = rect.top() + PAD + ROW / 2.0;
    let left = rect.left() + PAD;
    for group in &scene.legend {
        painter.text(
            Pos2::new(left, y),
            Align2::LEFT_CENTER,
            &group.title,
            heading_font(),
            color32(palette.text_muted),
        );
        y += ROW;
        let n = columns(group.entries.len());
        for (i, entry) in group.entries.iter().enumerate() {
            let x = left + (i % n) as f32 * (layout.column_w + COLUMN_GAP);
            let cy = y + (i / n) as f32 * ROW;
            let sample = scene::legend_sample(entry.sample, Point::new(0.0, 0.0), palette);
            super::draw::paint_primitives(painter, &sample, Pos2::new(x, cy), 1.0);
            painter.text(
                Pos2::new(x + entry.sample.width() + SAMPLE_GAP, cy),
                Align2::LEFT_CENTER,
                &entry.label,
                font(),
                color32(palette.text),
            );
        }
        y += group.entries.len().div_ceil(n) as f32 * ROW;
    }
}
