//! The banner over the canvas while a blast radius is highlighted: whose
//! radius it is, how many modules it holds and how they are reached, so the
//! dimming of everything else never goes unexplained.

use super::blast_ui::Blast;
use super::open_diagram::OpenDiagram;
use super::widgets::count;
use crate::rules::Spread;
use egui::{Align2, RichText, Ui, Vec2};
use std::collections::BTreeMap;

/// The banner's first line: "Blast radius of Parser: 3 modules".
#[must_use]
pub fn title(document: &OpenDiagram, blast: &Blast) -> String {
    let source = blast.source().as_str();
    let name = document
        .diagram
        .module(source)
        .map_or(source, |m| m.name.as_str());
    format!(
        "Blast radius of {name}: {}",
        count(blast.radius.reached.len(), "module")
    )
}

/// How the modules of the radius are reached, most common first:
/// "2 weakly isolated from it · 1 datastore written".
#[must_use]
pub fn how_reached(blast: &Blast) -> String {
    let mut by_how: BTreeMap<Spread, usize> = BTreeMap::new();
    for module in &blast.radius.reached {
        if let Some(step) = blast.radius.step(module.as_str()) {
            *by_how.entry(step.how).or_default() += 1;
        }
    }
    let mut parts: Vec<(usize, Spread)> = by_how.into_iter().map(|(how, n)| (n, how)).collect();
    parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    parts
        .into_iter()
        .map(|(n, how)| {
            let what = match how {
                Spread::CoLocated => "only weakly isolated from a compromised module",
                Spread::LinksCompromised => "linking a compromised library",
                Spread::Linked => "linked by a compromised module",
                Spread::Reads => "read by a compromised module",
                Spread::Writes => "written by a compromised module",
                Spread::Loads => "loading code the attacker can write",
            };
            format!("{n} {what}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Shows the banner at the top of `canvas_rect` while `blast` is on (and
/// computed for the document as it is now: a stale radius says nothing).
pub fn show(ui: &Ui, canvas_rect: egui::Rect, document: &OpenDiagram, blast: Option<&Blast>) {
    let Some(blast) = blast.filter(|b| b.revision == document.revision()) else {
        return;
    };
    let title = title(document, blast);
    let how = how_reached(blast);
    egui::Area::new(egui::Id::unique("blast-banner"))
        .order(egui::Order::Foreground)
        .pivot(Align2::CENTER_TOP)
        .fixed_pos(canvas_rect.center_top() + Vec2::new(0.0, 8.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(canvas_rect.width() * 0.8);
                ui.label(RichText::new(&title).strong());
                if !how.is_empty() {
                    ui.label(RichText::new(format!("Reached: {how}")).small().weak());
                }
                ui.label(
                    RichText::new("Everything else is dimmed; select something else to clear it.")
                        .small()
                        .weak(),
                );
            });
        });
}
