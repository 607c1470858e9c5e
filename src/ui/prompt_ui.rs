//! The document lifecycle's modals: the unsaved-changes and changed-on-disk
//! prompts, the error dialog, and the recovery offer at start.

use crate::document::recovery::RecoveryOffer;
use crate::document::{Answer, Prompt};
use crate::theme::ui::{PROMPT_WIDTH, RECOVERY_BUTTONS_WIDTH};
use egui::{Context, Id, Key, Modal, RichText};
use std::time::SystemTime;

/// An error to show until the user dismisses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDialog {
    /// The heading ("Could not save").
    pub title: String,
    /// What happened, where, and what to do.
    pub message: String,
}

/// What the user chose in the recovery window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Recover offer number `n`.
    Recover(usize),
    /// Delete offer number `n`.
    Discard(usize),
    /// Close the window; the offers stay for the next start.
    Later,
}

/// Shows `prompt` as a modal; returns the answer once given. Enter is the
/// prompt's default answer; Escape or a click outside is its cancel answer.
pub fn prompt(ctx: &Context, prompt: &Prompt) -> Option<Answer> {
    let mut answer = None;
    let modal = Modal::new(Id::unique("lifecycle-prompt")).show(ctx, |ui| {
        ui.set_width(PROMPT_WIDTH);
        ui.heading(prompt.title());
        ui.add_space(6.0);
        ui.label(prompt.message());
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            for &choice in prompt.answers() {
                let text = RichText::new(choice.label());
                let text = if choice == prompt.default_answer() {
                    text.strong()
                } else {
                    text
                };
                if ui.button(text).clicked() {
                    answer = Some(choice);
                }
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(prompt.cancel_answer());
    }
    if answer.is_none() && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter)) {
        answer = Some(prompt.default_answer());
    }
    answer
}

/// Shows `error` as a modal; returns true once dismissed (OK, Enter,
/// Escape, or a click outside).
pub fn error(ctx: &Context, error: &ErrorDialog) -> bool {
    let modal = Modal::new(Id::unique("lifecycle-error")).show(ctx, |ui| {
        ui.set_width(PROMPT_WIDTH);
        ui.heading(&error.title);
        ui.add_space(6.0);
        ui.label(&error.message);
        ui.add_space(10.0);
        ui.button("OK").clicked()
    });
    modal.inner
        || modal.should_close()
        || ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter))
}

/// Shows the work left behind by a Seams that crashed or was killed, each
/// with when it was saved, Recover and Discard; and the recovery files
/// that could not be used.
pub fn recovery(
    ctx: &Context,
    offers: &[RecoveryOffer],
    problems: &[String],
    now: SystemTime,
) -> Option<RecoveryChoice> {
    let mut choice = None;
    let modal = Modal::new(Id::unique("lifecycle-recovery")).show(ctx, |ui| {
        ui.set_width(PROMPT_WIDTH);
        ui.heading("Recover unsaved work");
        ui.add_space(6.0);
        if !offers.is_empty() {
            ui.label(
                "Seams closed without saving these diagrams. Recover one to continue where you \
                 left off, or discard it.",
            );
            ui.add_space(6.0);
        }
        for (index, offer) in offers.iter().enumerate() {
            ui.separator();
            ui.horizontal(|ui| {
                ui.vertical(|ui| {
                    // Leave room for the two buttons on the right.
                    ui.set_width(PROMPT_WIDTH - RECOVERY_BUTTONS_WIDTH);
                    ui.label(RichText::new(&offer.name).strong()).on_hover_text(
                        offer.original.as_ref().map_or_else(
                            || "Never saved to a file".to_owned(),
                            |p| p.display().to_string(),
                        ),
                    );
                    let title = if offer.diagram_title.is_empty() {
                        String::new()
                    } else {
                        format!("“{}”, ", offer.diagram_title)
                    };
                    ui.label(RichText::new(format!("{title}saved {}", offer.age(now))).weak());
                });
                if ui.button("Recover").clicked() {
                    choice = Some(RecoveryChoice::Recover(index));
                }
                if ui.button("Discard").clicked() {
                    choice = Some(RecoveryChoice::Discard(index));
                }
            });
        }
        if !offers.is_empty() {
            ui.separator();
        }
        if !problems.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("Some recovery files could not be used:").strong());
            for problem in problems {
                ui.label(problem);
            }
        }
        ui.add_space(10.0);
        let later = if offers.is_empty() {
            "OK"
        } else {
            "Decide later"
        };
        let response = ui.button(later);
        if !offers.is_empty() {
            response
                .clone()
                .on_hover_text("Keep the recovery files and offer them again at the next start");
        }
        if response.clicked() {
            choice = Some(RecoveryChoice::Later);
        }
    });
    if choice.is_none() && modal.should_close() {
        choice = Some(RecoveryChoice::Later);
    }
    choice
}

/// What the user did in the typed-path prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum PathAnswer {
    /// Go on with the path in the field.
    Chosen,
    /// Cancelled.
    Cancelled,
}

/// Asks for a file path in a text field, for when the system's file dialog
/// cannot be shown (no desktop portal): `title` heads it, `action` labels
/// the button. The field takes the keyboard while `focus` is set (the
/// first frame), then leaves it to the user.
pub fn path(
    ctx: &Context,
    title: &str,
    action: &str,
    text: &mut String,
    focus: &mut bool,
) -> Option<PathAnswer> {
    let mut answer = None;
    let modal = Modal::new(Id::unique("lifecycle-path")).show(ctx, |ui| {
        ui.set_width(PROMPT_WIDTH);
        ui.heading(title);
        ui.add_space(6.0);
        ui.label(
            RichText::new("The system's file dialog is not available here: type the file's path.")
                .weak(),
        );
        ui.add_space(6.0);
        let field = ui.add(
            egui::TextEdit::singleline(text)
                .desired_width(f32::INFINITY)
                .hint_text("/path/to/diagram.ron"),
        );
        let field = field.accessible_name("File path");
        if std::mem::take(focus) {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let ok = ui.add_enabled(!text.trim().is_empty(), egui::Button::new(action));
            if ok.clicked() || (entered && !text.trim().is_empty()) {
                answer = Some(PathAnswer::Chosen);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(PathAnswer::Cancelled);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(PathAnswer::Cancelled);
    }
    answer
}
