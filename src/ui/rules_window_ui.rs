//! Two windows about how the rules judge this diagram: the Rules window
//! (every rule with its summary, explanation, default and current level) and
//! the Diagram settings window (title and the strong-isolation threshold).
//! Both change the document only through undoable edits.

use super::actions::Action;
use super::open_diagram::OpenDiagram;
use super::widgets;
use crate::edit::{Edit, findings as finding_edits};
use crate::model::{Isolation, RuleId, RuleLevel};
use crate::rules;
use egui::{Context, RichText, Ui};

/// Diagram → Rules: every rule, what it looks for and why, its level here.
pub fn rules_window(
    ctx: &Context,
    open: &mut bool,
    document: &OpenDiagram,
    actions: &mut Vec<Action>,
) {
    egui::Window::new("Rules")
        .open(open)
        .default_width(560.0)
        .default_height(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(
                    "Levels are saved in this diagram; “Default” follows the rule's own severity.",
                )
                .weak(),
            );
            ui.label(
                RichText::new(format!(
                    "Every rule is explained in full in {RULES_REFERENCE} in the Seams repository."
                ))
                .weak(),
            );
            ui.separator();
            let report = document.last_report();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for &rule in RuleId::ALL {
                        let info = rules::describe(rule);
                        let reported = report.findings.iter().filter(|f| f.rule == rule).count();
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(rule.as_str()).strong().monospace());
                            ui.label(RichText::new(rule.category().as_str()).weak());
                            if reported > 0 {
                                ui.label(RichText::new(format!("· {reported} found")).weak());
                            }
                        });
                        ui.label(info.summary);
                        ui.horizontal(|ui| {
                            ui.label("Level:");
                            ui.allocate_ui(egui::vec2(110.0, ui.spacing().interact_size.y), |ui| {
                                rule_level_choice(ui, document, rule, actions);
                            });
                            ui.label(
                                RichText::new(format!("default: {}", info.default_text)).weak(),
                            );
                        });
                        egui::CollapsingHeader::new("Explanation")
                            .id_salt(("rule-explanation", rule.as_str()))
                            .show(ui, |ui| {
                                ui.add(egui::Label::new(info.explanation).wrap());
                            });
                        reference(ui, rule);
                        ui.separator();
                    }
                });
        });
}

/// The reference documentation of the rules, in the repository.
pub const RULES_REFERENCE: &str = "docs/rules.md";

/// Where rule `rule` is documented in full: `docs/rules.md#<rule-id>` (the
/// app opens no browser, so it is text to read or copy).
#[must_use]
pub fn reference_of(rule: RuleId) -> String {
    format!("{RULES_REFERENCE}#{}", rule.as_str())
}

/// "Reference: docs/rules.md#<rule-id>", with a button that copies it.
pub fn reference(ui: &mut egui::Ui, rule: RuleId) {
    let link = reference_of(rule);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Reference:").weak());
        ui.add(egui::Label::new(RichText::new(&link).monospace()).selectable(true))
            .on_hover_text(
                "This rule in the rules reference in the Seams repository: what it means, the \
                 reason behind it, exactly when it fires, how to fix or accept it, and an example",
            );
        if ui
            .small_button("Copy")
            .on_hover_text("Copy the reference")
            .clicked()
        {
            ui.ctx().copy_text(link.clone());
        }
    });
}

/// Diagram → Diagram settings: the title and the weakest isolation that
/// counts as a strong boundary.
pub fn settings_window(
    ctx: &Context,
    open: &mut bool,
    document: &OpenDiagram,
    actions: &mut Vec<Action>,
) {
    let diagram = &document.diagram;
    egui::Window::new("Diagram settings")
        .open(open)
        .default_width(360.0)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label("Title");
            if let Some(title) = widgets::committed_text(
                ui,
                "diagram-title",
                &diagram.title,
                false,
                "Untitled diagram",
            ) {
                let mut next = diagram.clone();
                next.title = title;
                actions.push(Action::Apply {
                    edit: Edit::between(diagram, &next),
                    label: "Rename diagram".to_owned(),
                    select: None,
                });
            }
            ui.add_space(8.0);
            ui.label("Strong isolation starts at");
            let options: Vec<(Isolation, String)> = Isolation::ALL
                .iter()
                .map(|i| (*i, i.label().to_owned()))
                .collect();
            let current = diagram.settings.strong_isolation;
            if let Some(isolation) = widgets::choice(
                ui,
                "Strong isolation threshold",
                "strong-isolation",
                &current,
                &options,
            ) {
                actions.push(Action::Apply {
                    edit: finding_edits::set_strong_isolation(diagram, isolation),
                    label: format!("Strong isolation from {}", isolation.label()),
                    select: None,
                });
            }
            ui.label(
                RichText::new(
                    "Units at least this isolated are strong boundaries: calls across them between \
                     modules that do not trust each other are not weak-isolation findings.",
                )
                .weak(),
            );
        });
}

/// The levels a rule can be set to: its default, or an override.
fn level_options() -> Vec<(Option<RuleLevel>, String)> {
    std::iter::once((None, "Default".to_owned()))
        .chain(
            RuleLevel::ALL
                .iter()
                .map(|l| (Some(*l), l.label().to_owned())),
        )
        .collect()
}

/// A combo box for `rule`'s level in this diagram, pushing the change.
pub fn rule_level_choice(
    ui: &mut Ui,
    document: &OpenDiagram,
    rule: RuleId,
    actions: &mut Vec<Action>,
) {
    let current = document.diagram.settings.rules.get(&rule).copied();
    let name = format!("Level of {}", rule.as_str());
    if let Some(level) = widgets::choice(
        ui,
        &name,
        ("rule-level", rule.as_str()),
        &current,
        &level_options(),
    ) {
        let label = match level {
            Some(level) => format!("Set {} to {}", rule.as_str(), level.label()),
            None => format!("Reset {} to its default", rule.as_str()),
        };
        actions.push(Action::Apply {
            edit: finding_edits::set_rule_level(&document.diagram, rule, level),
            label,
            select: None,
        });
    }
}
