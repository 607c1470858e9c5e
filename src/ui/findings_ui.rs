//! The findings panel: what the rules found in the current diagram, grouped
//! by severity (accepted findings muted in a group of their own), with
//! filters by severity, category and text. On the left the list; on the
//! right the finding in focus, with its explanation and what can be done
//! about it (apply its fix, accept it with a reason, change its rule's level).
//!
//! The list is drawn row by row only where it is visible, so a diagram with
//! thousands of findings costs no more per frame than one with ten.

use super::actions::Action;
use super::colors::color32;
use super::open_diagram::OpenDiagram;
use super::rules_window_ui::rule_level_choice;
use super::widgets;
use crate::edit::{ElementRef, findings as finding_edits};
use crate::model::{Category, RuleId, RuleLevel};
use crate::rules::{self, Finding, Report, Severity};
use crate::theme::palette::Palette;
use crate::theme::ui::{FINDING_BUTTON_WIDTH, FINDINGS_DETAIL_WIDTH, FINDINGS_ROW_HEIGHT};
use egui::{RichText, Sense, Ui};

/// The panel's own state: filters, the finding in focus, a pending
/// acceptance. View state only; nothing here is saved.
#[derive(Clone, Debug)]
pub struct FindingsPanel {
    /// Show findings of these severities (error, warning, info).
    pub severities: [bool; 3],
    /// Show risk findings.
    pub risk: bool,
    /// Show model findings.
    pub model: bool,
    /// Show only findings whose message, rule or id contains this text.
    pub text: String,
    /// The finding whose details are shown (by id, so it survives re-checks).
    pub focused: Option<String>,
    /// The finding being accepted, and the reason typed so far.
    pub accepting: Option<(String, String)>,
    /// An empty reason was refused; say so until the reason changes.
    pub reason_refused: bool,
}

impl Default for FindingsPanel {
    fn default() -> Self {
        FindingsPanel {
            severities: [true; 3],
            risk: true,
            model: true,
            text: String::new(),
            focused: None,
            accepting: None,
            reason_refused: false,
        }
    }
}

impl FindingsPanel {
    fn shows_severity(&self, severity: Severity) -> bool {
        self.severities[severity_slot(severity)]
    }

    /// Whether `finding` passes the filters.
    #[must_use]
    pub fn shows(&self, finding: &Finding) -> bool {
        if !self.shows_severity(finding.severity) {
            return false;
        }
        let category_on = match finding.category {
            Category::Risk => self.risk,
            Category::Model => self.model,
        };
        if !category_on {
            return false;
        }
        let query = self.text.trim();
        if query.is_empty() {
            return true;
        }
        let query = query.to_lowercase();
        finding.message.to_lowercase().contains(&query)
            || finding.id.to_lowercase().contains(&query)
    }

    /// The finding in focus, if it is still reported.
    #[must_use]
    pub fn focused<'r>(&self, report: &'r Report) -> Option<&'r Finding> {
        let id = self.focused.as_deref()?;
        report.findings.iter().find(|f| f.id == id)
    }
}

fn severity_slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The colour of a severity in the current theme.
#[must_use]
pub fn severity_color(ui: &Ui, severity: Severity, accepted: bool) -> egui::Color32 {
    let palette = Palette::get(ui.visuals().dark_mode);
    color32(if accepted {
        palette.accepted
    } else {
        match severity {
            Severity::Error => palette.error,
            Severity::Warning => palette.warning,
            Severity::Info => palette.info,
        }
    })
}

/// The elements of `finding` that still exist, for selecting them.
fn elements_of(document: &OpenDiagram, finding: &Finding) -> Vec<ElementRef> {
    finding
        .elements
        .iter()
        .filter_map(|id| ElementRef::find(&document.diagram, id))
        .collect()
}

/// One finding in a list: a coloured dot, the message, the rule. Clicking
/// it selects and frames its elements; hovering shows the explanation.
/// Returns whether it was clicked. Its accessible name is `Finding: <id>`.
pub fn finding_row(
    ui: &mut Ui,
    document: &OpenDiagram,
    finding: &Finding,
    actions: &mut Vec<Action>,
) -> bool {
    finding_row_sized(ui, document, finding, false, actions)
}

fn finding_row_sized(
    ui: &mut Ui,
    document: &OpenDiagram,
    finding: &Finding,
    focused: bool,
    actions: &mut Vec<Action>,
) -> bool {
    let accepted = finding.is_accepted();
    let color = severity_color(ui, finding.severity, accepted);
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, FINDINGS_ROW_HEIGHT), Sense::click());
    let label = format!("Finding: {}", finding.id);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        if focused {
            ui.painter()
                .rect_filled(rect, 3.0, visuals.selection.bg_fill.gamma_multiply(0.5));
        } else if response.hovered() {
            ui.painter()
                .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
        }
        let dot = egui::pos2(rect.left() + 10.0, rect.center().y);
        ui.painter().circle_filled(dot, 4.5, color);
        let text_color = if accepted {
            visuals.weak_text_color()
        } else {
            visuals.text_color()
        };
        let font = egui::TextStyle::Body.resolve(ui.style());
        let small = egui::TextStyle::Small.resolve(ui.style());
        let rule = ui.painter().layout_no_wrap(
            finding.rule.as_str().to_owned(),
            small,
            visuals.weak_text_color(),
        );
        let rule_width = rule.size().x.min(width * 0.35);
        let message_width = (rect.width() - 32.0 - rule_width - 12.0).max(20.0);
        let mut job =
            egui::text::LayoutJob::simple_singleline(finding.message.clone(), font, text_color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(message_width);
        let message = ui.painter().layout_job(job);
        let message_pos = egui::pos2(rect.left() + 22.0, rect.center().y - message.size().y / 2.0);
        ui.painter().galley(message_pos, message, text_color);
        let rule_pos = egui::pos2(
            rect.right() - rule_width - 6.0,
            rect.center().y - rule.size().y / 2.0,
        );
        ui.painter()
            .with_clip_rect(rect)
            .galley(rule_pos, rule, visuals.weak_text_color());
    }
    let reference = super::rules_window_ui::reference_of(finding.rule);
    let tooltip = match &finding.accepted {
        Some(reason) => format!(
            "{} [{}]\nAccepted: {reason}\n\n{}\n\nReference: {reference}",
            finding.severity, finding.id, finding.explanation
        ),
        None => format!(
            "{} [{}]\n\n{}\n\nReference: {reference}",
            finding.severity, finding.id, finding.explanation
        ),
    };
    let clicked = response.on_hover_text(tooltip).clicked();
    if clicked {
        let elements = elements_of(document, finding);
        if !elements.is_empty() {
            actions.push(Action::SelectAndFrame(elements));
        }
    }
    clicked
}

/// A line of the list: a group heading or a finding (index into the report).
enum Row {
    Heading(&'static str, Option<Severity>, usize),
    Finding(usize),
}

/// The rows the filters let through, grouped: errors, warnings, info, then
/// accepted. Empty groups have no heading.
fn rows(report: &Report, panel: &FindingsPanel) -> Vec<Row> {
    let mut rows = Vec::new();
    let groups: [(&'static str, Option<Severity>); 4] = [
        ("Errors", Some(Severity::Error)),
        ("Warnings", Some(Severity::Warning)),
        ("Info", Some(Severity::Info)),
        ("Accepted", None),
    ];
    for (title, severity) in groups {
        let members: Vec<usize> = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| match severity {
                Some(s) => !f.is_accepted() && f.severity == s,
                None => f.is_accepted(),
            })
            .filter(|(_, f)| panel.shows(f))
            .map(|(i, _)| i)
            .collect();
        if members.is_empty() {
            continue;
        }
        rows.push(Row::Heading(title, severity, members.len()));
        rows.extend(members.into_iter().map(Row::Finding));
    }
    rows
}

fn plural(severity: Severity, n: usize) -> &'static str {
    match (severity, n == 1) {
        (Severity::Error, true) => "error",
        (Severity::Error, false) => "errors",
        (Severity::Warning, true) => "warning",
        (Severity::Warning, false) => "warnings",
        (Severity::Info, _) => "info",
    }
}

/// The header: title, severity toggles with counts, category toggles, text
/// filter.
fn header(ui: &mut Ui, report: &Report, checking: bool, panel: &mut FindingsPanel) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Findings").strong());
        if checking {
            widgets::checking(
                ui,
                "These findings are from before the latest change; the rules are checking it",
            );
        }
        ui.add_space(8.0);
        for severity in Severity::WORST_FIRST {
            let n = report.count(severity);
            let slot = severity_slot(severity);
            let on = panel.severities[slot];
            let text = format!("{n} {}", plural(severity, n));
            let color = severity_color(ui, severity, !on);
            let response = ui
                .horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 2.0;
                    widgets::dot(ui, color);
                    ui.selectable_label(on, text)
                })
                .inner
                .on_hover_text(format!("Show or hide {severity} findings"));
            if response.clicked() {
                panel.severities[slot] = !on;
            }
        }
        let accepted = report.accepted_count();
        if accepted > 0 {
            ui.label(RichText::new(format!("· {accepted} accepted")).weak());
        }
        ui.separator();
        ui.toggle_value(&mut panel.risk, "Risk")
            .on_hover_text("Design risks: what an attacker or an outage could exploit");
        ui.toggle_value(&mut panel.model, "Model")
            .on_hover_text("Model problems: the diagram is incomplete or contradicts itself");
        ui.separator();
        let filter = egui::TextEdit::singleline(&mut panel.text)
            .hint_text("Filter findings")
            .desired_width(180.0);
        ui.add(filter)
            .on_hover_text("Show only findings whose message or id contains this text");
        if !panel.text.is_empty()
            && ui
                .small_button("×")
                .on_hover_text("Clear the filter")
                .clicked()
        {
            panel.text.clear();
        }
    });
}

/// Shows the findings panel.
pub fn show(
    ui: &mut Ui,
    document: &OpenDiagram,
    panel: &mut FindingsPanel,
    actions: &mut Vec<Action>,
) {
    let report = document.last_report();
    ui.add_space(4.0);
    header(ui, report, document.is_checking(), panel);
    ui.separator();
    // The list on the left, the finding in focus on the right, each in its
    // own rectangle so neither can squeeze the other.
    let area = ui.available_rect_before_wrap();
    let detail_width = FINDINGS_DETAIL_WIDTH.min(area.width() * 0.45);
    let gap = 12.0;
    let list_rect = egui::Rect::from_min_max(
        area.min,
        egui::pos2(area.right() - detail_width - gap, area.bottom()),
    );
    let detail_rect = egui::Rect::from_min_max(
        egui::pos2(area.right() - detail_width, area.top()),
        area.max,
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(list_rect), |ui| {
        list(ui, document, report, panel, actions);
    });
    let x = list_rect.right() + gap / 2.0;
    ui.painter().vline(
        x,
        area.y_range(),
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(detail_rect), |ui| {
        egui::ScrollArea::vertical()
            .id_salt("finding-detail")
            .auto_shrink([false, false])
            .show(ui, |ui| detail(ui, document, report, panel, actions));
    });
    ui.advance_cursor_after_rect(area);
}

fn list(
    ui: &mut Ui,
    document: &OpenDiagram,
    report: &Report,
    panel: &mut FindingsPanel,
    actions: &mut Vec<Action>,
) {
    if report.findings.is_empty() {
        ui.label(
            RichText::new("No findings: the rules have nothing to say about this diagram.").weak(),
        );
        return;
    }
    let rows = rows(report, panel);
    if rows.is_empty() {
        ui.label(RichText::new("No finding matches the filters.").weak());
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("finding-list")
        .auto_shrink([false, false])
        .show_rows(ui, FINDINGS_ROW_HEIGHT, rows.len(), |ui, visible| {
            ui.spacing_mut().item_spacing.y = 0.0;
            for row in rows.get(visible).into_iter().flatten() {
                match row {
                    Row::Heading(title, severity, n) => {
                        let (rect, _) = ui.allocate_exact_size(
                            egui::vec2(ui.available_width(), FINDINGS_ROW_HEIGHT),
                            Sense::hover(),
                        );
                        let color = severity.map_or_else(
                            || ui.visuals().weak_text_color(),
                            |s| severity_color(ui, s, false),
                        );
                        ui.painter().text(
                            egui::pos2(rect.left() + 4.0, rect.center().y),
                            egui::Align2::LEFT_CENTER,
                            format!("{title} ({n})"),
                            egui::TextStyle::Small.resolve(ui.style()),
                            color,
                        );
                    }
                    Row::Finding(i) => {
                        let Some(finding) = report.findings.get(*i) else {
                            continue;
                        };
                        let focused = panel.focused.as_deref() == Some(finding.id.as_str());
                        if finding_row_sized(ui, document, finding, focused, actions) {
                            panel.focused = Some(finding.id.clone());
                            if panel
                                .accepting
                                .as_ref()
                                .is_some_and(|(id, _)| *id != finding.id)
                            {
                                panel.accepting = None;
                            }
                        }
                    }
                }
            }
        });
}

/// The finding in focus: message, explanation, and what to do about it.
fn detail(
    ui: &mut Ui,
    document: &OpenDiagram,
    report: &Report,
    panel: &mut FindingsPanel,
    actions: &mut Vec<Action>,
) {
    let Some(finding) = panel.focused(report) else {
        ui.label(RichText::new("Select a finding to see why it matters and how to fix it.").weak());
        return;
    };
    let accepted = finding.is_accepted();
    ui.horizontal_wrapped(|ui| {
        widgets::dot(ui, severity_color(ui, finding.severity, accepted));
        ui.label(RichText::new(finding.severity.as_str()).strong());
        ui.label(RichText::new(format!("{} · {}", finding.category.as_str(), finding.id)).weak());
    });
    ui.add(egui::Label::new(RichText::new(&finding.message).strong()).wrap());
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if let Some(fix) = &finding.fix {
            let button = ui
                .button(fix.label())
                .on_hover_text("Apply the suggested fix (one step, undoable)");
            if button.clicked() {
                match finding_edits::apply_fix(&document.diagram, fix) {
                    Ok(edit) => actions.push(Action::Apply {
                        edit,
                        label: fix.label().to_owned(),
                        select: None,
                    }),
                    Err(error) => actions.push(Action::Message(error.to_string())),
                }
            }
        }
        // Each button keeps its slot whatever happens to the finding: the
        // acceptance button is relabelled or disabled, never removed, and
        // has one width for both labels, so "Turn rule off" never slides
        // under the pointer.
        let slot = egui::vec2(FINDING_BUTTON_WIDTH, 0.0);
        if accepted {
            if ui
                .add(egui::Button::new("Un-accept").min_size(slot))
                .on_hover_text("Report this finding again like any other")
                .clicked()
            {
                actions.push(Action::Apply {
                    edit: finding_edits::unaccept(&document.diagram, &finding.id),
                    label: format!("Un-accept {}", finding.id),
                    select: None,
                });
            }
        } else if finding.rule != RuleId::StaleAcceptance {
            let idle = panel.accepting.is_none();
            if ui
                .add_enabled(idle, egui::Button::new("Accept…").min_size(slot))
                .on_hover_text("Keep this finding, with a reason, saved in the file; it no longer fails `seams check`")
                .on_disabled_hover_text("Give the reason below")
                .clicked()
            {
                panel.accepting = Some((finding.id.clone(), String::new()));
                panel.reason_refused = false;
            }
        }
        if finding.rule != RuleId::StaleAcceptance {
            let off = document.diagram.settings.rules.get(&finding.rule) == Some(&RuleLevel::Off);
            if ui
                .add_enabled(!off, egui::Button::new("Turn rule off").min_size(slot))
                .on_hover_text(format!("Stop running {} on this diagram", finding.rule.as_str()))
                .on_disabled_hover_text("This rule is off")
                .clicked()
            {
                actions.push(Action::Apply {
                    edit: finding_edits::set_rule_level(&document.diagram, finding.rule, Some(RuleLevel::Off)),
                    label: format!("Turn {} off", finding.rule.as_str()),
                    select: None,
                });
            }
        }
    });
    // Below the buttons, so accepting does not push them down.
    if let Some(reason) = &finding.accepted {
        ui.label(RichText::new(format!("Accepted: {reason}")).italics());
    }
    if finding.rule != RuleId::StaleAcceptance {
        ui.horizontal(|ui| {
            ui.label("Rule level:");
            ui.allocate_ui(egui::vec2(110.0, ui.spacing().interact_size.y), |ui| {
                rule_level_choice(ui, document, finding.rule, actions);
            });
        });
        // On its own line, wrapped: a long default must not widen the pane
        // (and with it every line below) past its edge.
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "Default: {}",
                    rules::describe(finding.rule).default_text
                ))
                .weak(),
            )
            .wrap(),
        );
    }
    accept_form(ui, document, finding, panel, actions);
    ui.add_space(6.0);
    ui.add(egui::Label::new(finding.explanation).wrap());
    ui.add_space(4.0);
    super::rules_window_ui::reference(ui, finding.rule);
}

/// The reason field of a pending acceptance; an empty reason is refused.
fn accept_form(
    ui: &mut Ui,
    document: &OpenDiagram,
    finding: &Finding,
    panel: &mut FindingsPanel,
    actions: &mut Vec<Action>,
) {
    let Some((id, reason)) = panel.accepting.as_mut() else {
        return;
    };
    if *id != finding.id {
        return;
    }
    ui.add_space(4.0);
    ui.label("Why is this acceptable?");
    let field = ui.add(
        egui::TextEdit::singleline(reason)
            .hint_text("Reason (saved in the file)")
            .desired_width(f32::INFINITY),
    );
    let field = field.accessible_name("Acceptance reason");
    if field.changed() {
        panel.reason_refused = false;
    }
    let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut close = false;
    ui.horizontal(|ui| {
        if ui.button("Accept").clicked() || submitted {
            let text = reason.trim();
            if text.is_empty() {
                panel.reason_refused = true;
            } else {
                match finding_edits::accept(&document.diagram, &finding.id, text) {
                    Ok(edit) => {
                        actions.push(Action::Apply {
                            edit,
                            label: format!("Accept {}", finding.id),
                            select: None,
                        });
                        close = true;
                    }
                    Err(error) => actions.push(Action::Message(error.to_string())),
                }
            }
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if panel.reason_refused {
        ui.colored_label(
            severity_color(ui, Severity::Error, false),
            "Give a reason: an acceptance without one explains nothing to the next reader.",
        );
    }
    if close {
        panel.accepting = None;
        panel.reason_refused = false;
    }
}
