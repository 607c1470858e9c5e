//! The keyboard: shortcuts (longer modifier combinations first), Escape
//! closing windows before it clears the selection, and clipboard events.

use super::SeamsApp;
use crate::ui::actions::Action;
use crate::ui::command::Command;
use egui::Context;

impl SeamsApp {
    /// Shortcuts and clipboard events become actions. While a text field
    /// has the keyboard, only the few shortcuts that cannot mean anything
    /// to it are taken.
    pub(super) fn keyboard(&mut self, ctx: &Context) {
        if self.files.modal_open() {
            return;
        }
        // While a text field or a menu has the keyboard, only the few
        // shortcuts that cannot mean anything to it are taken (Escape closes
        // a menu; it must not also clear the selection).
        // Escape during a drag cancels it (before egui ends the drag, which
        // would commit it) and does nothing else: a marquee gives back the
        // selection it started with.
        if self.canvas.is_dragging()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            if let Some(before) = self.canvas.selection_before_marquee() {
                self.view.selection = before.clone();
            }
            self.canvas.cancel();
        }
        // A menu or context menu drawn last frame is in egui's memory; this
        // frame's popups are not drawn yet when the keyboard is read.
        let typing =
            ctx.text_edit_focused() || ctx.any_popup_open() || egui::Popup::is_any_open(ctx);
        // Escape closes what is open before it clears the selection: a menu
        // or popup closes itself (egui), a pending connection menu or
        // rename is cancelled by the canvas, then one window closes.
        if !typing
            && !self.canvas.is_busy()
            && self.windows.any_open()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.windows.close_one();
        }
        for action in Command::with_shortcuts() {
            if typing && !action.works_while_typing() {
                continue;
            }
            let pressed = ctx.input_mut(|i| {
                action
                    .shortcut()
                    .iter()
                    .chain(action.alternative_shortcuts())
                    .any(|s| i.consume_shortcut(s))
            });
            if pressed {
                self.actions.push(action.into());
            }
        }
        if typing {
            return;
        }
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.actions.push(Command::Copy.into()),
                egui::Event::Cut => self.actions.push(Command::Cut.into()),
                egui::Event::Paste(text) => self.actions.push(Action::PasteText(text)),
                _ => {}
            }
        }
    }
}
