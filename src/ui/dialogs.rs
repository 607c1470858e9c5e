//! Secondary windows and prompts: the teams editor, Find, "delete or keep
//! the unit's contents", and "discard unsaved changes" before an example
//! replaces the document.

use super::actions::Action;
use super::colors::color32;
use super::command::Command;
use super::open_diagram::OpenDiagram;
use super::widgets::committed_text;
use crate::edit::ops::UnitContents;
use crate::edit::{ElementRef, teams};
use crate::model::{Diagram, TEAM_PALETTE};
use crate::theme::Rgba;
use egui::{Context, Id, Key, RichText, Sense, Ui, vec2};

fn push(
    actions: &mut Vec<Action>,
    result: Result<crate::edit::Edit, crate::edit::EditError>,
    label: &str,
) {
    match result {
        Ok(edit) => actions.push(Action::Apply {
            edit,
            label: label.to_owned(),
            select: None,
        }),
        Err(error) => actions.push(Action::Message(error.to_string())),
    }
}

/// The swatch's menu for team `id`: the palette, and a hex field.
fn colour_menu(ui: &mut Ui, diagram: &Diagram, id: &str, actions: &mut Vec<Action>) {
    // A fixed width: the hex field takes what is available.
    ui.set_width(150.0);
    ui.label("Colour");
    ui.horizontal_wrapped(|ui| {
        ui.set_max_width(150.0);
        for hex in TEAM_PALETTE {
            let c = Rgba::from_hex(hex).map_or(egui::Color32::GRAY, color32);
            let (r, response) = ui.allocate_exact_size(vec2(22.0, 22.0), Sense::click());
            ui.painter().rect_filled(r.shrink(2.0), 4.0, c);
            if response.on_hover_text(*hex).clicked() {
                push(
                    actions,
                    teams::recolor_team(diagram, id, hex),
                    "Recolour team",
                );
                ui.close();
            }
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        ui.label("Hex");
        let current = diagram.team_color(id).unwrap_or_default().to_owned();
        if let Some(hex) = committed_text(ui, ("team-colour", id), &current, false, "#rrggbb") {
            push(
                actions,
                teams::recolor_team(diagram, id, hex.trim()),
                "Recolour team",
            );
        }
    });
}

/// The list of teams with a colour swatch, a name field and a remove
/// button each, and an "Add team" button.
pub fn teams_editor(ui: &mut Ui, diagram: &Diagram, actions: &mut Vec<Action>) {
    if diagram.teams.is_empty() {
        ui.label(
            RichText::new(
                "No teams yet. Teams say who owns which module; colour by team to see them.",
            )
            .weak(),
        );
    }
    for team in &diagram.teams {
        let id = team.id.as_str();
        ui.horizontal(|ui| {
            let color = diagram
                .team_color(id)
                .and_then(Rgba::from_hex)
                .map_or(egui::Color32::GRAY, color32);
            let (rect, swatch) = ui.allocate_exact_size(vec2(22.0, 18.0), Sense::click());
            ui.painter().rect(
                rect,
                4.0,
                color,
                ui.visuals().widgets.inactive.fg_stroke,
                egui::StrokeKind::Inside,
            );
            let swatch = swatch.on_hover_text("Change colour");
            egui::Popup::menu(&swatch).show(|ui| colour_menu(ui, diagram, id, actions));
            // Right to left: the remove button first, the name takes the rest.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                // Counted only while hovered: every frame would cost a
                // pass over every module.
                let owned = || {
                    let owned = (diagram.modules.iter())
                        .filter(|m| m.team.as_ref().is_some_and(|t| t.as_str() == id))
                        .count();
                    format!(
                        "Remove the team ({} become unowned)",
                        super::widgets::count(owned, "module")
                    )
                };
                if ui
                    .small_button("×")
                    .on_hover_ui(|ui| {
                        ui.label(owned());
                    })
                    .clicked()
                {
                    push(actions, teams::remove_team(diagram, id), "Remove team");
                }
                if let Some(name) =
                    committed_text(ui, ("team-name", id), &team.name, false, "Team name")
                {
                    push(
                        actions,
                        teams::rename_team(diagram, id, &name),
                        "Rename team",
                    );
                }
            });
        });
    }
    ui.add_space(4.0);
    // The name is asked for before the team exists, so its id comes from
    // it (`Platform` → `platform`); renaming later keeps the id.
    let name_id = Id::unique("new-team-name");
    let mut name: String = ui.data(|d| d.get_temp(name_id)).unwrap_or_default();
    let add = ui
        .horizontal(|ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut name)
                    .hint_text("New team name")
                    .desired_width(160.0),
            );
            let field = field.accessible_name("New team name");
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let clicked = ui.button("+ Add team").clicked();
            entered && !name.trim().is_empty() || clicked
        })
        .inner;
    if add {
        let given = if name.trim().is_empty() {
            "New team"
        } else {
            name.as_str()
        };
        let (edit, _) = teams::add_team(diagram, given);
        actions.push(Action::Apply {
            edit,
            label: "Add team".to_owned(),
            select: None,
        });
        name.clear();
    }
    ui.data_mut(|d| d.insert_temp(name_id, name));
}

/// Diagram → Teams.
pub fn teams_window(
    ctx: &Context,
    open: &mut bool,
    document: &OpenDiagram,
    actions: &mut Vec<Action>,
) {
    egui::Window::new("Teams")
        .open(open)
        .default_width(320.0)
        .collapsible(false)
        .show(ctx, |ui| teams_editor(ui, &document.diagram, actions));
}

/// Edit → Find: type a name or id, pick a match to select and frame it.
pub fn find_window(
    ctx: &Context,
    query: &mut Option<String>,
    document: &OpenDiagram,
    actions: &mut Vec<Action>,
) {
    let Some(text) = query else {
        return;
    };
    let mut open = true;
    let mut chosen = None;
    egui::Window::new("Find")
        .open(&mut open)
        .default_width(320.0)
        .collapsible(false)
        .show(ctx, |ui| {
            let response = ui.add(
                egui::TextEdit::singleline(text)
                    .hint_text("Name or id")
                    .desired_width(f32::INFINITY),
            );
            let id = Id::unique("find-focused");
            if !ui.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
                response.request_focus();
                ui.data_mut(|d| d.insert_temp(id, true));
            }
            let matches = find(&document.diagram, text);
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                chosen = matches.first().map(|(e, _)| e.clone());
            }
            ui.add_space(4.0);
            if text.trim().is_empty() {
                ui.label(
                    RichText::new("Matches modules, units and interfaces by name, label or id.")
                        .weak(),
                );
            } else if matches.is_empty() {
                ui.label(RichText::new("Nothing matches.").weak());
            }
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for (element, label) in matches.iter().take(100) {
                        if ui.selectable_label(false, label).clicked() {
                            chosen = Some(element.clone());
                        }
                    }
                });
        });
    if let Some(element) = chosen {
        actions.push(Action::SelectAndFrame(vec![element]));
        open = false;
    }
    if !open || ctx.input(|i| i.key_pressed(Key::Escape)) {
        *query = None;
        ctx.data_mut(|d| d.remove::<bool>(Id::unique("find-focused")));
    }
}

/// Elements whose name, label or id contains `query` (case-insensitive).
fn find(diagram: &Diagram, query: &str) -> Vec<(ElementRef, String)> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let hit = |text: &str| text.to_lowercase().contains(&query);
    let mut out = Vec::new();
    for m in &diagram.modules {
        if hit(&m.name) || hit(m.id.as_str()) {
            out.push((
                ElementRef::Module(m.id.clone()),
                format!("{}  ·  {}", m.name, m.kind.label()),
            ));
        }
    }
    for u in &diagram.units {
        if hit(&u.name) || hit(u.id.as_str()) {
            out.push((
                ElementRef::Unit(u.id.clone()),
                format!("{}  ·  unit ({})", u.name, u.isolation.label()),
            ));
        }
    }
    for f in &diagram.interfaces {
        if hit(&f.label) || hit(f.id.as_str()) {
            let name = if f.label.is_empty() {
                f.id.as_str()
            } else {
                &f.label
            };
            out.push((
                ElementRef::Interface(f.id.clone()),
                format!("{name}  ·  {}", f.kind.label()),
            ));
        }
    }
    out
}

/// Asks whether deleting units deletes what they hold or keeps it.
pub fn delete_prompt(
    ctx: &Context,
    pending: &mut Option<Vec<ElementRef>>,
    document: &OpenDiagram,
    actions: &mut Vec<Action>,
) {
    let Some(elements) = pending else {
        return;
    };
    let diagram = &document.diagram;
    let units: Vec<&str> = elements
        .iter()
        .filter_map(|e| match e {
            ElementRef::Unit(id) => diagram.unit(id.as_str()).map(|u| u.name.as_str()),
            _ => None,
        })
        .collect();
    let mut answer = None;
    let modal = egui::Modal::new(Id::unique("delete-unit-prompt")).show(ctx, |ui| {
        ui.set_width(420.0);
        let what = match units.as_slice() {
            [one] => format!("Delete the unit “{one}”?"),
            _ => format!("Delete {} units?", units.len()),
        };
        ui.heading(what);
        ui.add_space(6.0);
        ui.label("What should happen to the modules and units inside?");
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Keep them (move to the parent)").clicked() {
                answer = Some(Some(UnitContents::MoveToParent));
            }
            if ui.button("Delete them too").clicked() {
                answer = Some(Some(UnitContents::Delete));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(None);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(None);
    }
    if let Some(answer) = answer {
        if let Some(contents) = answer {
            let edit = crate::edit::ops::delete(diagram, elements, contents);
            let label = if contents == UnitContents::Delete {
                "Delete"
            } else {
                "Delete unit, keep contents"
            };
            actions.push(Action::Apply {
                edit,
                label: label.to_owned(),
                select: Some(Vec::new()),
            });
        }
        *pending = None;
    }
}

/// Asks before an example replaces a document with unsaved changes.
pub fn open_example_prompt(
    ctx: &Context,
    pending: &mut Option<usize>,
    document_name: &str,
    actions: &mut Vec<Action>,
) {
    let Some(index) = *pending else {
        return;
    };
    let name = crate::examples::ALL
        .get(index)
        .map_or("the example", |e| e.name);
    let mut answer = None;
    let modal = egui::Modal::new(Id::unique("open-example-prompt")).show(ctx, |ui| {
        ui.set_width(400.0);
        ui.heading(format!("Open “{name}”?"));
        ui.add_space(6.0);
        ui.label(format!(
            "{document_name} has unsaved changes; opening the example discards them."
        ));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Discard changes and open").clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(false);
    }
    match answer {
        Some(true) => actions.push(Command::OpenExample(index).into()),
        Some(false) => *pending = None,
        None => {}
    }
}
