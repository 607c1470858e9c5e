//! The findings panel: what the rules found in the current diagram, worst
//! first. Clicking a finding selects its elements and frames them.

use super::actions::Action;
use super::colors::color32;
use super::document::Document;
use super::view::ViewState;
use crate::edit::ElementRef;
use crate::rules::{Finding, Severity};
use crate::theme::palette::Palette;
use egui::{RichText, Sense, Ui};

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

/// One finding: a coloured dot, the message, the rule. Clicking it selects
/// and frames its elements; hovering shows the explanation.
pub fn finding_row(ui: &mut Ui, document: &Document, finding: &Finding, actions: &mut Vec<Action>) {
    let color = severity_color(ui, finding.severity, finding.is_accepted());
    let height = ui.spacing().interact_size.y;
    let response = ui
        .horizontal(|ui| {
            ui.set_height(height);
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 14.0), Sense::hover());
            ui.painter().circle_filled(dot.center(), 4.5, color);
            let mut message = RichText::new(&finding.message);
            if finding.is_accepted() {
                message = message.weak();
            }
            ui.add(egui::Label::new(message).truncate().sense(Sense::click()))
        })
        .inner;
    let tooltip = match &finding.accepted {
        Some(reason) => format!(
            "{} [{}]\nAccepted: {reason}\n\n{}",
            finding.severity, finding.id, finding.explanation
        ),
        None => format!(
            "{} [{}]\n\n{}",
            finding.severity, finding.id, finding.explanation
        ),
    };
    if response.on_hover_text(tooltip).clicked() {
        let elements: Vec<ElementRef> = finding
            .elements
            .iter()
            .filter_map(|id| ElementRef::find(&document.diagram, id))
            .collect();
        if !elements.is_empty() {
            actions.push(Action::SelectAndFrame(elements));
        }
    }
}

/// Shows the findings panel.
pub fn show(ui: &mut Ui, document: &Document, view: &ViewState, actions: &mut Vec<Action>) {
    let report = document.last_report();
    let _ = view;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Findings").strong());
        for severity in Severity::WORST_FIRST {
            let n = report.count(severity);
            super::widgets::dot(ui, severity_color(ui, severity, false));
            ui.label(format!("{n} {}", plural(severity, n)));
            ui.add_space(6.0);
        }
        let accepted = report.accepted_count();
        if accepted > 0 {
            ui.label(RichText::new(format!("· {accepted} accepted")).weak());
        }
    });
    ui.separator();
    if report.findings.is_empty() {
        ui.label(
            RichText::new("No findings: the rules have nothing to say about this diagram.").weak(),
        );
        return;
    }
    // Unaccepted first (already sorted worst first), accepted last. Only the
    // rows in view are laid out, so thousands of findings cost nothing.
    let ordered: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| !f.is_accepted())
        .chain(report.findings.iter().filter(|f| f.is_accepted()))
        .collect();
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, ordered.len(), |ui, rows| {
            for finding in &ordered[rows] {
                finding_row(ui, document, finding, actions);
            }
        });
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
