//! The tool strip: the tools (select, add a module of each kind, add a
//! unit, connect with each interface kind), undo/redo, the colour view and
//! zoom. Icons are painted, so they follow the theme and stay sharp.

use super::actions::Action;
use super::colors::rgba;
use super::command::Command;
use super::open_diagram::OpenDiagram;
use super::tool::Tool;
use super::view::ViewState;
use crate::model::{InterfaceKind, ModuleKind};
use crate::scene::{Primitive, View};
use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Ui, Vec2, pos2, vec2};

const ICON_BUTTON: Vec2 = vec2(34.0, 30.0);

fn tooltip(ui: &Ui, command: Command, hint: &str) -> String {
    match command.shortcut() {
        Some(s) => format!(
            "{} ({})\n{hint}",
            command.label(),
            crate::ui::command::shortcut_text(ui.ctx(), &s)
        ),
        None => format!("{}\n{hint}", command.label()),
    }
}

/// A square button with a painted icon; `selected` draws it pressed.
fn icon_button(
    ui: &mut Ui,
    selected: bool,
    width: f32,
    accessible: &str,
    paint: impl FnOnce(&egui::Painter, Rect, Color32, Color32),
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(width, ICON_BUTTON.y), Sense::click());
    let visuals = if selected {
        ui.visuals().widgets.active
    } else {
        *ui.style().interact(&response)
    };
    let painter = ui.painter_at(rect);
    let mut background = ui.visuals().panel_fill;
    if selected {
        background = ui.visuals().selection.bg_fill;
        painter.rect(
            rect,
            5.0,
            background,
            ui.visuals().selection.stroke,
            StrokeKind::Inside,
        );
    } else if response.hovered() {
        background = visuals.weak_bg_fill;
        painter.rect(rect, 5.0, background, Stroke::NONE, StrokeKind::Inside);
    }
    let color = if selected {
        ui.visuals().selection.stroke.color
    } else {
        visuals.fg_stroke.color
    };
    paint(&painter, rect.shrink(7.0), color, background);
    let label = accessible.to_owned();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    response
}

fn paint_tool(painter: &egui::Painter, r: Rect, color: Color32, background: Color32, tool: Tool) {
    let stroke = Stroke::new(1.4, color);
    match tool {
        Tool::Select => {
            let o = r.left_top() + vec2(4.0, 0.0);
            let points = vec![
                o,
                o + vec2(0.0, 14.0),
                o + vec2(3.5, 10.5),
                o + vec2(6.5, 16.0),
                o + vec2(8.5, 15.0),
                o + vec2(5.8, 9.6),
                o + vec2(10.5, 9.6),
            ];
            painter.add(Shape::closed_line(points, stroke));
        }
        Tool::Module(ModuleKind::Component) => {
            painter.rect_stroke(r.shrink2(vec2(0.0, 3.0)), 3.0, stroke, StrokeKind::Middle);
        }
        Tool::Module(ModuleKind::Library) => {
            let b = r.shrink2(vec2(0.0, 3.0));
            painter.rect_stroke(b, 3.0, stroke, StrokeKind::Middle);
            painter.vline(b.left() + 4.0, b.y_range(), stroke);
        }
        Tool::Module(ModuleKind::Datastore) => {
            let b = r.shrink2(vec2(2.0, 0.0));
            let ry = 2.5;
            painter.add(Shape::ellipse_stroke(
                pos2(b.center().x, b.top() + ry),
                vec2(b.width() / 2.0, ry),
                stroke,
            ));
            painter.vline(b.left(), b.top() + ry..=b.bottom() - ry, stroke);
            painter.vline(b.right(), b.top() + ry..=b.bottom() - ry, stroke);
            let bottom: Vec<Pos2> = (0..=12)
                .map(|i| {
                    let a = std::f32::consts::PI * i as f32 / 12.0;
                    pos2(
                        b.center().x + b.width() / 2.0 * a.cos(),
                        b.bottom() - ry + ry * a.sin(),
                    )
                })
                .collect();
            painter.add(Shape::line(bottom, stroke));
        }
        Tool::Module(ModuleKind::External) => {
            let c = r.center_top() + vec2(0.0, 3.5);
            painter.circle_stroke(c, 3.0, stroke);
            painter.line_segment([c + vec2(0.0, 3.0), c + vec2(0.0, 9.5)], stroke);
            painter.line_segment([c + vec2(-5.0, 5.5), c + vec2(5.0, 5.5)], stroke);
            painter.line_segment([c + vec2(0.0, 9.5), c + vec2(-4.0, 15.0)], stroke);
            painter.line_segment([c + vec2(0.0, 9.5), c + vec2(4.0, 15.0)], stroke);
        }
        Tool::Unit => {
            let outline = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            painter.extend(Shape::dashed_line(&outline, stroke, 3.0, 2.0));
            painter.hline(r.x_range(), r.top() + 4.5, stroke);
        }
        Tool::Connect(kind) => paint_arrow(painter, r, color, background, kind),
    }
}

/// Width of the arrow icon on a connect tool's button.
const ARROW_ICON_WIDTH: f32 = 22.0;
/// The arrow icon is the scene's own arrow for its kind, scaled down.
const ARROW_ICON_ZOOM: f32 = 0.62;

/// A small arrow of `kind` across `r`, drawn by the scene exactly as the
/// canvas draws the kind (pattern and head), in the button's colours.
fn paint_arrow(
    painter: &egui::Painter,
    r: Rect,
    color: Color32,
    background: Color32,
    kind: InterfaceKind,
) {
    let length = r.width() / ARROW_ICON_ZOOM;
    let mut sample = crate::scene::arrow_sample(
        kind,
        crate::model::Point::new(0.0, 0.0),
        crate::model::Point::new(length, 0.0),
        rgba(color),
        rgba(background),
    );
    // Scaled down, the thinnest lines would fade: keep every line at least
    // a point wide (thicker kinds stay thicker).
    for primitive in &mut sample {
        if let Primitive::Polyline { stroke, .. }
        | Primitive::Polygon {
            stroke: Some(stroke),
            ..
        } = primitive
        {
            stroke.width = stroke.width.max(1.0 / ARROW_ICON_ZOOM);
        }
    }
    crate::ui::canvas::paint_primitives(painter, &sample, r.left_center(), ARROW_ICON_ZOOM);
}

/// A curved arrow: undo (pointing left) or, mirrored, redo.
fn paint_history_arrow(painter: &egui::Painter, r: Rect, color: Color32, redo: bool) {
    let stroke = Stroke::new(1.5, color);
    let c = r.center() + vec2(0.0, 1.5);
    let radius = r.width().min(r.height()) * 0.42;
    let flip = if redo { -1.0 } else { 1.0 };
    let arc: Vec<Pos2> = (0..=16)
        .map(|i| {
            let a = (200.0 - 230.0 * i as f32 / 16.0_f32).to_radians();
            pos2(c.x + flip * radius * a.cos(), c.y - radius * a.sin())
        })
        .collect();
    let start = arc[0];
    painter.add(Shape::line(arc, stroke));
    let head = 4.5;
    painter.add(Shape::line(
        vec![
            start + vec2(-flip, -head),
            start,
            start + vec2(flip * head, -0.5),
        ],
        stroke,
    ));
}

/// Shows the tool strip.
pub fn show(ui: &mut Ui, document: &OpenDiagram, view: &ViewState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        tool_buttons(ui, view, actions);
        ui.add_space(6.0);
        ui.separator();
        ui.add_space(6.0);
        history_buttons(ui, document, actions);
        view_controls(ui, view, actions);
    });
}

/// A button per tool, in groups.
fn tool_buttons(ui: &mut Ui, view: &ViewState, actions: &mut Vec<Action>) {
    for tool in Tool::ALL {
        if matches!(
            tool,
            Tool::Module(ModuleKind::Component) | Tool::Connect(InterfaceKind::Call)
        ) {
            ui.add_space(6.0);
            ui.separator();
            ui.add_space(6.0);
        }
        let command = Command::SetTool(tool);
        let width = match tool {
            Tool::Connect(kind) => {
                let text = ui.painter().layout_no_wrap(
                    kind.label().to_owned(),
                    egui::FontId::proportional(12.5),
                    Color32::WHITE,
                );
                ARROW_ICON_WIDTH + 5.0 + text.size().x + 14.0 + 2.0
            }
            _ => ICON_BUTTON.x,
        };
        let response = icon_button(
            ui,
            view.tool == tool,
            width,
            &tool.label(),
            |p, r, c, background| match tool {
                Tool::Connect(kind) => {
                    let icon =
                        Rect::from_min_size(r.left_top(), vec2(ARROW_ICON_WIDTH, r.height()));
                    paint_arrow(p, icon, c, background, kind);
                    p.text(
                        pos2(icon.right() + 5.0, r.center().y),
                        egui::Align2::LEFT_CENTER,
                        kind.label(),
                        egui::FontId::proportional(12.5),
                        c,
                    );
                }
                _ => paint_tool(p, r, c, background, tool),
            },
        );
        let hint = match tool {
            Tool::Connect(kind) => {
                format!("{}\n{}", tool.hint(), crate::ui::tool::kind_meaning(kind))
            }
            _ => tool.hint().to_owned(),
        };
        if response
            .on_hover_text(tooltip(ui, command, &hint))
            .clicked()
        {
            actions.push(command.into());
        }
    }
}

/// Undo and Redo, saying what they would undo or redo.
fn history_buttons(ui: &mut Ui, document: &OpenDiagram, actions: &mut Vec<Action>) {
    let undo = document
        .history
        .undo_label()
        .map_or_else(|| "Nothing to undo".to_owned(), |l| format!("Undo {l}"));
    ui.add_enabled_ui(document.history.can_undo(), |ui| {
        let response = icon_button(ui, false, ICON_BUTTON.x, "Undo", |p, r, c, _| {
            paint_history_arrow(p, r, c, false);
        });
        if response.on_hover_text(undo).clicked() {
            actions.push(Command::Undo.into());
        }
    });
    let redo = document
        .history
        .redo_label()
        .map_or_else(|| "Nothing to redo".to_owned(), |l| format!("Redo {l}"));
    ui.add_enabled_ui(document.history.can_redo(), |ui| {
        let response = icon_button(ui, false, ICON_BUTTON.x, "Redo", |p, r, c, _| {
            paint_history_arrow(p, r, c, true);
        });
        if response.on_hover_text(redo).clicked() {
            actions.push(Command::Redo.into());
        }
    });
}

/// At the right: Fit, zoom, and what the colours show.
fn view_controls(ui: &mut Ui, view: &ViewState, actions: &mut Vec<Action>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        if ui
            .button("Fit")
            .on_hover_text(tooltip(ui, Command::FitDiagram, "Frame the whole diagram"))
            .clicked()
        {
            actions.push(Command::FitDiagram.into());
        }
        if ui
            .button("+")
            .on_hover_text(tooltip(ui, Command::ZoomIn, ""))
            .clicked()
        {
            actions.push(Command::ZoomIn.into());
        }
        if ui
            .button("−")
            .on_hover_text(tooltip(ui, Command::ZoomOut, ""))
            .clicked()
        {
            actions.push(Command::ZoomOut.into());
        }
        ui.add_space(8.0);
        let mut color_by = view.color_by;
        let shown = egui::ComboBox::from_id_salt("colour-by")
            .selected_text(view.color_by.label())
            .width(110.0)
            .show_ui(ui, |ui| {
                for v in View::ALL {
                    ui.selectable_value(&mut color_by, v, v.label());
                }
            });
        let _ = shown.response.accessible_name("Colour by");
        if color_by != view.color_by {
            actions.push(Command::ColorBy(color_by).into());
        }
        ui.label("Colour by");
    });
}
