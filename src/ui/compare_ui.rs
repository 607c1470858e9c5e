//! File → Compare with…: this diagram (its unsaved state included) beside
//! another one, as `seams diff` compares them: both scorecards side by
//! side, the elements added, removed and changed, and the findings
//! introduced, resolved and changed. Clicking an element or a finding
//! selects and frames it on the canvas.
//!
//! The comparison itself is [`crate::compare::Comparison`]; this window
//! only draws it, made again whenever the diagram or its findings change.
//! Changes read from the other diagram to this one: "added" is in this
//! diagram and not in the other.

use super::actions::Action;
use super::colors::color32;
use super::command::Command;
use super::findings_ui::severity_color;
use super::open_diagram::OpenDiagram;
use crate::compare::{Comparison, FindingRecord, Input, MEASURES, Scorecard, delta};
use crate::edit::ElementRef;
use crate::model::{Diagram, ElementKind};
use crate::rules::{Report, Severity};
use crate::theme::ui::{
    COMPARE_COLUMN_WIDTH, COMPARE_HEIGHT, COMPARE_ROW_HEIGHT, COMPARE_WIDTH, palette,
};
use egui::{Context, RichText, Sense, Ui};

/// What "this diagram" is called in the window.
pub const THIS_DIAGRAM: &str = "This diagram";

/// The kind of change a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    fn sign(self) -> &'static str {
        match self {
            Change::Added => "+",
            Change::Removed => "−",
            Change::Changed => "~",
        }
    }
}

/// What clicking a row does.
#[derive(Clone, Debug, PartialEq)]
enum Click {
    /// Nothing: the element is only in the other diagram.
    Nothing,
    /// Select and frame these elements, and show this finding (by id) in
    /// the findings panel if it is one of this diagram's.
    Select(Vec<ElementRef>, Option<String>),
    /// Open the teams editor (teams are not on the canvas).
    Teams,
}

/// One line of the list of changes.
#[derive(Clone, Debug)]
enum Row {
    /// A section heading.
    Heading(String),
    /// "Nothing changed" and the like.
    Note(String),
    /// An element or a finding that changed.
    Item {
        change: Change,
        /// The severity, for a finding.
        severity: Option<(Severity, bool)>,
        text: String,
        /// The name in the accessibility tree ("Changed element: api").
        accessible: String,
        tooltip: String,
        click: Click,
    },
}

/// The open comparison: the other diagram, checked once, and the
/// comparison with this diagram as it was last drawn.
pub struct CompareWindow {
    /// What the other diagram is called (its file name, or the example's).
    other_name: String,
    other: Diagram,
    other_report: Report,
    /// The (revision, findings generation) of this diagram the comparison
    /// was made for.
    made_for: Option<(u64, u64)>,
    comparison: Option<Comparison>,
    rows: Vec<Row>,
}

impl std::fmt::Debug for CompareWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompareWindow")
            .field("other_name", &self.other_name)
            .field("made_for", &self.made_for)
            .finish_non_exhaustive()
    }
}

impl CompareWindow {
    /// A comparison with `other`, called `name` in the window.
    #[must_use]
    pub fn new(name: impl Into<String>, other: Diagram) -> Self {
        let other_report = crate::rules::check(&other);
        CompareWindow {
            other_name: name.into(),
            other,
            other_report,
            made_for: None,
            comparison: None,
            rows: Vec::new(),
        }
    }

    /// What the other diagram is called.
    #[must_use]
    pub fn other_name(&self) -> &str {
        &self.other_name
    }

    /// The comparison as last made (`None` before the window first draws).
    #[must_use]
    pub fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// Makes the comparison again when this diagram or its findings
    /// changed since it was made. While the rules run in the background
    /// the last comparison stays (the window says "checking…"): made with
    /// findings of an earlier state, it would only be made again.
    pub fn refresh(&mut self, document: &OpenDiagram) {
        let key = (document.revision(), document.report_generation());
        if self.made_for == Some(key) || (self.made_for.is_some() && document.is_checking()) {
            return;
        }
        let comparison = Comparison::of(
            Input {
                path: &self.other_name,
                diagram: &self.other,
                report: &self.other_report,
            },
            Input {
                path: THIS_DIAGRAM,
                diagram: &document.diagram,
                report: document.last_report(),
            },
        );
        self.rows = rows(&comparison, &self.other_name, &document.diagram);
        self.comparison = Some(comparison);
        self.made_for = Some(key);
    }
}

/// The elements of `finding` that are in `diagram`, for selecting them.
fn present(diagram: &Diagram, finding: &FindingRecord) -> Vec<ElementRef> {
    finding
        .elements
        .iter()
        .filter_map(|id| ElementRef::find(diagram, id))
        .collect()
}

/// What clicking an element row does.
fn element_click(diagram: &Diagram, kind: ElementKind, id: &str) -> Click {
    match (kind, ElementRef::find(diagram, id)) {
        (ElementKind::Team, _) if diagram.team(id).is_some() => Click::Teams,
        (_, Some(element)) => Click::Select(vec![element], None),
        (_, None) => Click::Nothing,
    }
}

fn finding_row(
    change: Change,
    finding: &FindingRecord,
    extra: &str,
    diagram: &Diagram,
    ours: bool,
) -> Row {
    let verb = match change {
        Change::Added => "Introduced",
        Change::Removed => "Resolved",
        Change::Changed => "Changed",
    };
    let accepted = if finding.accepted { " (accepted)" } else { "" };
    let elements = present(diagram, finding);
    let click = if elements.is_empty() && !ours {
        Click::Nothing
    } else {
        Click::Select(elements, ours.then(|| finding.id.clone()))
    };
    Row::Item {
        change,
        severity: Some((finding.severity, finding.accepted)),
        text: format!("{}: {}{accepted}{extra}", finding.severity, finding.message),
        accessible: format!("{verb} finding: {}", finding.id),
        tooltip: format!(
            "{verb}: {} [{}]{accepted}\n\n{}",
            finding.severity, finding.id, finding.explanation
        ),
        click,
    }
}

/// The list of changes as rows: findings first (what a reviewer wants),
/// then elements.
fn rows(comparison: &Comparison, other_name: &str, diagram: &Diagram) -> Vec<Row> {
    let mut rows = Vec::new();
    let f = &comparison.findings;
    rows.push(Row::Heading(format!(
        "Findings: {} introduced, {} resolved, {} changed",
        f.introduced.len(),
        f.resolved.len(),
        f.changed.len()
    )));
    if f.introduced.is_empty() && f.resolved.is_empty() && f.changed.is_empty() {
        rows.push(Row::Note("The same findings.".to_owned()));
    }
    for finding in &f.introduced {
        rows.push(finding_row(Change::Added, finding, "", diagram, true));
    }
    for finding in &f.resolved {
        rows.push(finding_row(Change::Removed, finding, "", diagram, false));
    }
    for changed in &f.changed {
        let what = format!(" — {}", changed.what().join(", "));
        rows.push(finding_row(
            Change::Changed,
            &changed.new,
            &what,
            diagram,
            true,
        ));
    }

    let e = &comparison.elements;
    rows.push(Row::Heading(format!(
        "Elements: {} added, {} removed, {} changed, {} moved or resized",
        e.added.len(),
        e.removed.len(),
        e.changed.len(),
        e.geometry_changed
    )));
    if e.added.is_empty() && e.removed.is_empty() && e.changed.is_empty() {
        rows.push(Row::Note(if e.geometry_changed == 0 {
            "The same elements.".to_owned()
        } else {
            "The same elements; only where they are drawn differs.".to_owned()
        }));
    }
    for entry in &e.added {
        rows.push(Row::Item {
            change: Change::Added,
            severity: None,
            text: entry.describe(),
            accessible: format!("Added element: {}", entry.id),
            tooltip: format!("In this diagram, not in {other_name}: click to show it"),
            click: element_click(diagram, entry.kind, &entry.id),
        });
    }
    for entry in &e.removed {
        rows.push(Row::Item {
            change: Change::Removed,
            severity: None,
            text: entry.describe(),
            accessible: format!("Removed element: {}", entry.id),
            tooltip: format!("Only in {other_name}"),
            click: Click::Nothing,
        });
    }
    for element in &e.changed {
        let fields = element.fields_text();
        rows.push(Row::Item {
            change: Change::Changed,
            severity: None,
            text: format!("{}: {fields}", element.describe()),
            accessible: format!("Changed element: {}", element.id),
            tooltip: format!("Changed from {other_name}: click to show it"),
            click: element_click(diagram, element.kind, &element.id),
        });
    }
    if !comparison.diagram.is_empty() {
        rows.push(Row::Heading("Diagram settings".to_owned()));
        for field in &comparison.diagram {
            rows.push(Row::Item {
                change: Change::Changed,
                severity: None,
                text: format!("{}: {} → {}", field.field, field.old, field.new),
                accessible: format!("Changed setting: {}", field.field),
                tooltip: "Diagram → Diagram settings, Rules…, or a finding's acceptance".to_owned(),
                click: Click::Nothing,
            });
        }
    }
    rows
}

/// The File → Compare with… window, while a comparison is open.
pub fn compare_window(
    ctx: &Context,
    compare: &mut Option<CompareWindow>,
    document: &OpenDiagram,
    actions: &mut Vec<Action>,
) {
    let Some(window) = compare else {
        return;
    };
    window.refresh(document);
    let mut open = true;
    let mut close = false;
    // Opens at the right, over the inspector, so the canvas stays in view
    // for what a click frames.
    let screen = ctx.content_rect();
    egui::Window::new("Compare")
        .open(&mut open)
        .default_width(COMPARE_WIDTH)
        .default_height(COMPARE_HEIGHT)
        .default_pos(egui::pos2(
            (screen.right() - COMPARE_WIDTH - 24.0).max(screen.left()),
            screen.top() + 64.0,
        ))
        .collapsible(false)
        .resizable(true)
        .show(ctx, |ui| {
            egui::Panel::bottom("compare-buttons")
                .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(0, 6)))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("Compare with another file…").clicked() {
                            actions.push(Command::CompareWith.into());
                        }
                        if ui.button("Close").clicked() {
                            close = true;
                        }
                    });
                });
            ui.label(format!(
                "This diagram, with its unsaved changes, compared with {}. \
                 Changes read from {} to this diagram.",
                window.other_name, window.other_name
            ));
            if document.is_checking() {
                ui.label(RichText::new("checking…").weak());
            }
            ui.add_space(6.0);
            if let Some(comparison) = &window.comparison {
                scorecards(
                    ui,
                    &window.other_name,
                    &comparison.old.scorecard,
                    &comparison.new.scorecard,
                    actions,
                );
            }
            ui.separator();
            changes(ui, &window.rows, actions);
        });
    if !open || close {
        *compare = None;
    }
}

/// Both scorecards side by side, with the change.
fn scorecards(
    ui: &mut Ui,
    other_name: &str,
    other: &Scorecard,
    this: &Scorecard,
    actions: &mut Vec<Action>,
) {
    egui::Grid::new("compare-scorecards")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.label(RichText::new("Scorecard").strong());
            // A long file name is cut short; hovering shows it whole.
            ui.scope(|ui| {
                ui.set_max_width(COMPARE_COLUMN_WIDTH);
                ui.add(egui::Label::new(RichText::new(other_name).strong()).truncate());
            });
            ui.label(RichText::new(THIS_DIAGRAM).strong());
            ui.label(RichText::new("change").strong());
            ui.end_row();
            for (key, label, meaning) in MEASURES {
                let (a, b) = (other.value(key), this.value(key));
                ui.label(label).on_hover_text(meaning);
                ui.label(a.to_string())
                    .accessible_name(format!("{label}: {a} in {other_name}"));
                ui.label(b.to_string())
                    .accessible_name(format!("{label}: {b} in {THIS_DIAGRAM}"));
                let change = delta(a, b);
                let color = match b.cmp(&a) {
                    std::cmp::Ordering::Greater => palette(ui.visuals().dark_mode).removed,
                    _ => palette(ui.visuals().dark_mode).added,
                };
                ui.label(RichText::new(change).color(color32(color)));
                ui.end_row();
                if key == "largest_blast_radius" {
                    ui.label("  its group");
                    group_cell(ui, other.largest_blast_radius_group.as_deref(), None);
                    group_cell(
                        ui,
                        this.largest_blast_radius_group.as_deref(),
                        Some(actions),
                    );
                    ui.label("");
                    ui.end_row();
                }
            }
        });
}

/// The group of the largest blast radius: in this diagram a link to its
/// finding.
fn group_cell(ui: &mut Ui, group: Option<&str>, actions: Option<&mut Vec<Action>>) {
    match (group, actions) {
        (None, _) => {
            ui.label(RichText::new("none").weak());
        }
        (Some(id), Some(actions)) => {
            if ui
                .link(RichText::new(id).small())
                .on_hover_text("Show this finding")
                .clicked()
            {
                actions.push(Action::FocusFinding(id.to_owned()));
            }
        }
        (Some(id), None) => {
            ui.label(RichText::new(id).small());
        }
    }
}

/// The list of changes, scrolling, drawn only where it shows.
fn changes(ui: &mut Ui, rows: &[Row], actions: &mut Vec<Action>) {
    // The rest of the window, however it is resized.
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, COMPARE_ROW_HEIGHT, rows.len(), |ui, range| {
            for row in &rows[range] {
                row_ui(ui, row, actions);
            }
        });
}

fn row_ui(ui: &mut Ui, row: &Row, actions: &mut Vec<Action>) {
    let width = ui.available_width();
    let size = egui::vec2(width, COMPARE_ROW_HEIGHT);
    match row {
        Row::Heading(text) => {
            ui.add_sized(size, egui::Label::new(RichText::new(text).strong()));
        }
        Row::Note(text) => {
            ui.add_sized(size, egui::Label::new(RichText::new(text).weak()));
        }
        Row::Item {
            change,
            severity,
            text,
            accessible,
            tooltip,
            click,
        } => {
            let clickable = *click != Click::Nothing;
            let sense = if clickable {
                Sense::click()
            } else {
                Sense::hover()
            };
            let (rect, response) = ui.allocate_exact_size(size, sense);
            let label = accessible.clone();
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, clickable, &label));
            if ui.is_rect_visible(rect) {
                let visuals = ui.visuals();
                if clickable && response.hovered() {
                    ui.painter()
                        .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
                }
                let colors = palette(visuals.dark_mode);
                let sign_color = match change {
                    Change::Added => color32(colors.added),
                    Change::Removed => color32(colors.removed),
                    Change::Changed => color32(colors.accent),
                };
                let font = egui::TextStyle::Body.resolve(ui.style());
                let sign =
                    ui.painter()
                        .layout_no_wrap(change.sign().to_owned(), font.clone(), sign_color);
                let y = rect.center().y - sign.size().y / 2.0;
                ui.painter()
                    .galley(egui::pos2(rect.left() + 6.0, y), sign, sign_color);
                let mut left = rect.left() + 22.0;
                if let Some((severity, accepted)) = severity {
                    let dot = egui::pos2(left + 4.0, rect.center().y);
                    ui.painter()
                        .circle_filled(dot, 4.5, severity_color(ui, *severity, *accepted));
                    left += 14.0;
                }
                let text_color = if clickable {
                    visuals.text_color()
                } else {
                    visuals.weak_text_color()
                };
                let mut job =
                    egui::text::LayoutJob::simple_singleline(text.clone(), font, text_color);
                job.wrap = egui::text::TextWrapping::truncate_at_width(
                    (rect.right() - left - 4.0).max(20.0),
                );
                let galley = ui.painter().layout_job(job);
                let y = rect.center().y - galley.size().y / 2.0;
                ui.painter().galley(egui::pos2(left, y), galley, text_color);
            }
            let response = response.on_hover_text(format!("{text}\n\n{tooltip}"));
            if response.clicked() {
                match click {
                    Click::Nothing => {}
                    Click::Teams => actions.push(Command::EditTeams.into()),
                    Click::Select(elements, finding) => {
                        if !elements.is_empty() {
                            actions.push(Action::SelectAndFrame(elements.clone()));
                        }
                        if let Some(id) = finding {
                            actions.push(Action::FocusFinding(id.clone()));
                        }
                    }
                }
            }
        }
    }
}
