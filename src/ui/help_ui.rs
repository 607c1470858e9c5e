//! Help: the keyboard shortcut overview and the ideas behind Seams.

use super::command::Command;
use egui::{Context, RichText, Ui};

fn shortcut_rows(ui: &mut Ui, title: &str, commands: &[Command]) {
    ui.label(RichText::new(title).strong());
    egui::Grid::new(title)
        .num_columns(2)
        .spacing([24.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for &command in commands {
                let Some(shortcut) = command.shortcut() else {
                    continue;
                };
                ui.label(command.label());
                let keys = match command {
                    Command::Nudge(_, false) => "Arrow keys".to_owned(),
                    Command::Nudge(_, true) => "Shift+Arrow keys".to_owned(),
                    _ => std::iter::once(&shortcut)
                        .chain(command.alternative_shortcuts().iter().take(1))
                        .map(|s| crate::ui::command::shortcut_text(ui.ctx(), s))
                        .collect::<Vec<_>>()
                        .join("  or  "),
                };
                ui.label(RichText::new(keys).monospace());
                ui.end_row();
            }
        });
    ui.add_space(8.0);
}

/// Help → Keyboard shortcuts.
pub fn shortcuts_window(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .default_width(460.0)
        .default_height(620.0)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let flat = |menu: &[Option<Command>]| -> Vec<Command> {
                    menu.iter().flatten().copied().collect()
                };
                shortcut_rows(ui, "File", &flat(Command::FILE_MENU));
                let mut edit = flat(Command::EDIT_MENU);
                edit.extend_from_slice(Command::CANVAS_ONLY);
                shortcut_rows(ui, "Edit", &edit);
                shortcut_rows(ui, "View", &flat(Command::VIEW_MENU));
                shortcut_rows(ui, "Diagram", &flat(Command::DIAGRAM_MENU));
                shortcut_rows(ui, "Help", &flat(Command::HELP_MENU));
                ui.label(RichText::new("Mouse").strong());
                egui::Grid::new("mouse")
                    .num_columns(2)
                    .spacing([24.0, 4.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for (what, how) in [
                            ("Pan", "scroll, middle-drag, or hold space and drag"),
                            ("Zoom at the pointer", "ctrl + scroll, or pinch"),
                            (
                                "Add a module",
                                "double-click on empty canvas or inside a unit",
                            ),
                            (
                                "Rename",
                                "double-click a module, a unit's title or an arrow",
                            ),
                            ("Connect", "drag from a module's edge to another module"),
                            ("Reconnect", "select an arrow, drag one of its ends"),
                            ("Bend a line", "select it, drag the line (or a bend)"),
                            ("Remove a bend", "double-click the bend"),
                            ("Select an area", "drag on empty canvas (shift adds)"),
                            (
                                "Put into a unit",
                                "drop a module or unit inside it; drag out to take it out",
                            ),
                        ] {
                            ui.label(what);
                            ui.label(how);
                            ui.end_row();
                        }
                    });
            });
        });
}

/// What the trust and isolation levels, deployment units and releases
/// mean, and why Seams cares.
const ABOUT: &[(&str, &str)] = &[
    (
        "Modules are not services",
        "Where code is divided (modules, usually along team lines) and what is deployed separately \
         (services) are different decisions. The same modules can ship as one program or as twenty \
         services. Seams lets you draw both: modules are the boxes, deployment units are the \
         containers you put them in.",
    ),
    (
        "Trust levels",
        "Each module says how far you trust it. Untrusted: an attacker may control it — code that \
         parses input from outside, code run for users or tenants, plug-ins from unknown authors. \
         Trusted: code you rely on, your own or a vetted dependency. Sensitive: trusted, and it holds \
         what an attacker wants, such as keys, credentials, personal data or logs. Trusted and \
         sensitive modules of one zone trust each other; untrusted modules without a zone count as \
         one attacker. Zones are the way to say “must not trust each other”: give each tenant, or \
         each service that must be protected from the others, its own zone.",
    ),
    (
        "Third-party code",
        "Where code comes from is a separate question from how far you trust it. Tick “Third-party \
         code” in the inspector for code or a product you did not write and release yourself: an \
         open-source library, a vendored daemon, a database server. It does not make the module \
         untrusted. It marks the supply chain (a third-party module next to sensitive data is worth \
         knowing about), it needs no owning team, and a unit that holds it is not one to merge into \
         your own release. Its box carries a “3rd” tag.",
    ),
    (
        "Loading code",
        "A Load interface says a module loads code or executable data from a datastore and runs it: \
         plugins, scripts, pickled models, a repository that is built and deployed. Whoever can write \
         what it loads runs code in it, so a module that loads what an outsider wrote is a foothold \
         for an attacker, however much you trust its own code. Load lines are dash-dot with a \
         diamond at the loader (shortcut 7).",
    ),
    (
        "Isolation levels",
        "A unit isolates what is inside it from what is outside. Process, container and user \
         boundaries are weak: code that runs on one side can usually reach the other. Sandboxes \
         (gVisor, Chrome's renderer sandbox), virtual machines and separate hosts are strong. Between \
         modules that trust each other, weak isolation is fine. Across an untrustworthy boundary only \
         strong isolation holds — which is why Seams flags an untrusted module that shares a process \
         or a container with trusted code, and shows how far an attacker who owns it could reach.",
    ),
    (
        "Deployment units and releases",
        "A unit released on its own is a service: it is built, tested and upgraded on its own schedule. \
         A unit released with its parent ships inside the parent's release (like a browser's sandboxed \
         renderer processes). A managed unit is a service you use but do not deploy, such as a cloud \
         database. Every separately released unit costs something: versioned interfaces, upgrade \
         ordering, more to monitor.",
    ),
    (
        "When to split",
        "Good reasons to deploy something separately: it needs strong isolation, it starts slowly and \
         would slow every upgrade of what ships with it, it needs a different reliability target, it \
         is third-party code released on someone else's schedule (a database server), or it is the \
         part that owns a database schema and must upgrade in lockstep with it (keep that part small). \
         Scaling differently is a weak reason: \
         balance load first, split later. Team boundaries and flaky tests are not reasons. Without a \
         reason, deploy together — Seams points out units that could be one.",
    ),
    (
        "The rules in full",
        "Every rule is documented in docs/rules.md in the Seams repository: what it means, the \
         reason behind it, exactly when it fires, how to fix or accept it, and a small example. \
         The Rules window (Diagram > Rules…) and each finding give the section to read, such as \
         docs/rules.md#lateral-reach.",
    ),
];

/// Help → About Seams's ideas.
pub fn about_window(ctx: &Context, open: &mut bool) {
    egui::Window::new("About Seams's ideas")
        .open(open)
        .default_width(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().max_height(560.0).show(ui, |ui| {
                ui.label(
                    "Seams draws software architecture as boxes and arrows that know what they mean, \
                     and checks the drawing as you go. Its ideas come from Avery Pennarun's essay \
                     “Modules, monoliths, and microservices”; this is our summary.",
                );
                for (title, text) in ABOUT {
                    ui.add_space(10.0);
                    ui.label(RichText::new(*title).strong().size(15.0));
                    ui.label(*text);
                }
            });
        });
}
