//! The commands a user can give from the menus, buttons and keyboard.
//!
//! [`Command`] is the single source of menu entries, keyboard shortcuts and
//! labels: the menus list commands, the shortcut handler and the Help
//! window read [`Command::shortcut`], and buttons use [`Command::label`].
//! A command reaches the app as [`super::actions::Action::Command`].

use super::tool::Tool;
use crate::edit::align::{Align, Distribute};
use crate::model::{InterfaceKind, ModuleKind};
use crate::scene::View;
use egui::{Key, KeyboardShortcut, Modifiers};

/// The corners the legend can sit in, in View → Legend position order.
pub const LEGEND_CORNERS: [egui::Align2; 4] = [
    egui::Align2::LEFT_BOTTOM,
    egui::Align2::RIGHT_BOTTOM,
    egui::Align2::LEFT_TOP,
    egui::Align2::RIGHT_TOP,
];

/// A legend corner's name in the View menu.
#[must_use]
pub fn legend_corner_name(corner: egui::Align2) -> &'static str {
    match corner {
        egui::Align2::RIGHT_BOTTOM => "Bottom right",
        egui::Align2::LEFT_TOP => "Top left",
        egui::Align2::RIGHT_TOP => "Top right",
        _ => "Bottom left",
    }
}

/// Where to apply a [`Command::Nudge`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards smaller x.
    Left,
    /// Towards larger x.
    Right,
    /// Towards smaller y.
    Up,
    /// Towards larger y.
    Down,
}

/// A command the user can give from a menu, a button or the keyboard:
/// copyable, with a label and (most) a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start a new, empty diagram.
    New,
    /// Choose a diagram in the Open dialog and open it.
    Open,
    /// Remove every missing file from Open Recent.
    RemoveMissingRecent,
    /// Save the diagram to its file (asking for one if it has none).
    Save,
    /// Save the diagram to a file chosen in the Save As dialog.
    SaveAs,
    /// Open the Export window (PNG or SVG, with options).
    Export,
    /// Choose a diagram in a file dialog and compare this one with it.
    CompareWith,
    /// Compare this diagram with bundled example number `n`.
    CompareWithExample(usize),
    /// Close the document (asking to save unsaved changes first), leaving
    /// an empty untitled diagram open.
    Close,
    /// Replace the document with bundled example number `n`.
    OpenExample(usize),
    /// Quit the editor (asking to save unsaved changes first).
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Copy the selection and delete it.
    Cut,
    /// Copy the selection to the clipboard.
    Copy,
    /// Copy the selection (or, with nothing selected, the whole diagram) to
    /// the clipboard as a PNG image, as the canvas shows it.
    CopyAsPng,
    /// Ask the system for the clipboard text (it arrives as a paste event).
    Paste,
    /// Copy the selection and paste it beside the original.
    Duplicate,
    /// Delete the selection (asking what to do with the contents of units).
    Delete,
    /// Select every module, unit and interface.
    SelectAll,
    /// Clear the selection and cancel what the pointer was doing.
    ClearSelection,
    /// Rename the selected element in place.
    Rename,
    /// Find an element by name or id.
    Find,
    /// Reverse the selected interfaces.
    Reverse,
    /// Drop the waypoints of the selected interfaces.
    Straighten,
    /// Move the selection by one grid step (or a big step).
    Nudge(Direction, bool),
    /// Line up the selected boxes (two or more).
    Align(Align),
    /// Spread the selected boxes out with equal gaps (three or more).
    Distribute(Distribute),
    /// Zoom in around the centre of the canvas.
    ZoomIn,
    /// Zoom out around the centre of the canvas.
    ZoomOut,
    /// Zoom to 100%.
    ZoomReset,
    /// Frame the whole diagram.
    FitDiagram,
    /// Frame the selection.
    FitSelection,
    /// Show or hide the grid.
    ToggleGrid,
    /// Show or hide the legend over the canvas.
    ToggleLegend,
    /// Put the legend back in this corner of the canvas (View → Legend
    /// position), wherever it was dragged.
    LegendCorner(egui::Align2),
    /// Snap to the grid, or not.
    ToggleSnap,
    /// Colour modules by trust, team or deployment unit.
    ColorBy(View),
    /// Switch between the light and the dark theme.
    ToggleDarkMode,
    /// Show or hide the inspector.
    ToggleInspector,
    /// Show or hide the findings panel.
    ToggleFindings,
    /// Pick a tool.
    SetTool(Tool),
    /// Lay the whole diagram out afresh (one undoable step).
    TidyUp,
    /// Open the teams editor.
    EditTeams,
    /// Open the Rules window (every rule, its explanation and level).
    ShowRules,
    /// Open the Diagram settings window (title, strong isolation).
    ShowDiagramSettings,
    /// Open the keyboard shortcut overview.
    ShowShortcuts,
    /// Open the explanation of Seams's ideas.
    ShowAbout,
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        key,
    )
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

impl Command {
    /// The File menu's commands, `None` for a separator (Open Recent and
    /// the examples are submenus drawn around them).
    pub const FILE_MENU: &'static [Option<Command>] = &[
        Some(Command::New),
        Some(Command::Open),
        None,
        Some(Command::Save),
        Some(Command::SaveAs),
        None,
        Some(Command::CompareWith),
        Some(Command::Export),
        None,
        Some(Command::Close),
        Some(Command::Quit),
    ];

    /// The Edit menu, `None` for a separator.
    pub const EDIT_MENU: &'static [Option<Command>] = &[
        Some(Command::Undo),
        Some(Command::Redo),
        None,
        Some(Command::Cut),
        Some(Command::Copy),
        Some(Command::CopyAsPng),
        Some(Command::Paste),
        Some(Command::Duplicate),
        Some(Command::Delete),
        None,
        Some(Command::SelectAll),
        Some(Command::ClearSelection),
        Some(Command::Rename),
        Some(Command::Find),
    ];

    /// The View menu, `None` for a separator.
    pub const VIEW_MENU: &'static [Option<Command>] = &[
        Some(Command::ZoomIn),
        Some(Command::ZoomOut),
        Some(Command::ZoomReset),
        Some(Command::FitDiagram),
        Some(Command::FitSelection),
        None,
        Some(Command::ColorBy(View::Trust)),
        Some(Command::ColorBy(View::Team)),
        Some(Command::ColorBy(View::Deployment)),
        None,
        Some(Command::ToggleGrid),
        Some(Command::ToggleLegend),
        Some(Command::ToggleSnap),
        Some(Command::ToggleInspector),
        Some(Command::ToggleFindings),
        Some(Command::ToggleDarkMode),
    ];

    /// The Diagram menu, `None` for a separator.
    pub const DIAGRAM_MENU: &'static [Option<Command>] = &[
        Some(Command::SetTool(Tool::Select)),
        None,
        Some(Command::SetTool(Tool::Module(ModuleKind::Component))),
        Some(Command::SetTool(Tool::Module(ModuleKind::Library))),
        Some(Command::SetTool(Tool::Module(ModuleKind::Datastore))),
        Some(Command::SetTool(Tool::Module(ModuleKind::External))),
        Some(Command::SetTool(Tool::Unit)),
        None,
        Some(Command::SetTool(Tool::Connect(InterfaceKind::Call))),
        Some(Command::SetTool(Tool::Connect(InterfaceKind::Link))),
        Some(Command::SetTool(Tool::Connect(InterfaceKind::Rpc))),
        Some(Command::SetTool(Tool::Connect(InterfaceKind::Queue))),
        Some(Command::SetTool(Tool::Connect(InterfaceKind::Read))),
        Some(Command::SetTool(Tool::Connect(InterfaceKind::Write))),
        Some(Command::SetTool(Tool::Connect(InterfaceKind::Load))),
        Some(Command::Reverse),
        Some(Command::Straighten),
        None,
        Some(Command::TidyUp),
        Some(Command::EditTeams),
        Some(Command::ShowRules),
        Some(Command::ShowDiagramSettings),
    ];

    /// Diagram → Align and distribute, `None` for a separator.
    pub const ALIGN_MENU: &'static [Option<Command>] = &[
        Some(Command::Align(Align::Left)),
        Some(Command::Align(Align::Center)),
        Some(Command::Align(Align::Right)),
        None,
        Some(Command::Align(Align::Top)),
        Some(Command::Align(Align::Middle)),
        Some(Command::Align(Align::Bottom)),
        None,
        Some(Command::Distribute(Distribute::Horizontally)),
        Some(Command::Distribute(Distribute::Vertically)),
    ];

    /// The Help menu.
    pub const HELP_MENU: &'static [Option<Command>] =
        &[Some(Command::ShowShortcuts), Some(Command::ShowAbout)];

    /// Commands with a shortcut that are not in a menu (listed in the
    /// shortcut overview).
    pub const CANVAS_ONLY: &'static [Command] = &[
        Command::Nudge(Direction::Left, false),
        Command::Nudge(Direction::Left, true),
    ];

    /// The label in menus and on buttons.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Command::New => "New".to_owned(),
            Command::Open => "Open…".to_owned(),
            Command::RemoveMissingRecent => "Clear missing".to_owned(),
            Command::Save => "Save".to_owned(),
            Command::SaveAs => "Save As…".to_owned(),
            Command::Close => "Close".to_owned(),
            Command::OpenExample(_) => "Open example".to_owned(),
            Command::Quit => "Quit".to_owned(),
            Command::Undo => "Undo".to_owned(),
            Command::Redo => "Redo".to_owned(),
            Command::Cut => "Cut".to_owned(),
            Command::Copy => "Copy".to_owned(),
            Command::CopyAsPng => "Copy as PNG".to_owned(),
            Command::Export => "Export…".to_owned(),
            Command::CompareWith => "Compare with…".to_owned(),
            Command::CompareWithExample(_) => "Compare with the example".to_owned(),
            Command::Paste => "Paste".to_owned(),
            Command::Duplicate => "Duplicate".to_owned(),
            Command::Delete => "Delete".to_owned(),
            Command::SelectAll => "Select all".to_owned(),
            Command::ClearSelection => "Clear selection".to_owned(),
            Command::Rename => "Rename".to_owned(),
            Command::Find => "Find…".to_owned(),
            Command::Reverse => "Reverse interface".to_owned(),
            Command::Straighten => "Straighten line".to_owned(),
            Command::Nudge(_, false) => "Nudge the selection (arrow keys)".to_owned(),
            Command::Nudge(_, true) => "Nudge the selection further".to_owned(),
            Command::Align(how) => match how {
                Align::Left => "Align left edges",
                Align::Center => "Align centres",
                Align::Right => "Align right edges",
                Align::Top => "Align top edges",
                Align::Middle => "Align middles",
                Align::Bottom => "Align bottom edges",
            }
            .to_owned(),
            Command::Distribute(Distribute::Horizontally) => "Distribute horizontally".to_owned(),
            Command::Distribute(Distribute::Vertically) => "Distribute vertically".to_owned(),
            Command::ZoomIn => "Zoom in".to_owned(),
            Command::ZoomOut => "Zoom out".to_owned(),
            Command::ZoomReset => "Actual size".to_owned(),
            Command::FitDiagram => "Fit diagram".to_owned(),
            Command::FitSelection => "Fit selection".to_owned(),
            Command::ToggleGrid => "Show grid".to_owned(),
            Command::ToggleLegend => "Show legend".to_owned(),
            Command::LegendCorner(corner) => legend_corner_name(corner).to_owned(),
            Command::ToggleSnap => "Snap to grid".to_owned(),
            Command::ColorBy(view) => format!("Colour by {}", view.label().to_lowercase()),
            Command::ToggleDarkMode => "Dark mode".to_owned(),
            Command::ToggleInspector => "Inspector".to_owned(),
            Command::ToggleFindings => "Findings panel".to_owned(),
            Command::SetTool(tool) => tool.label(),
            Command::TidyUp => "Tidy up layout".to_owned(),
            Command::EditTeams => "Teams…".to_owned(),
            Command::ShowRules => "Rules…".to_owned(),
            Command::ShowDiagramSettings => "Diagram settings…".to_owned(),
            Command::ShowShortcuts => "Keyboard shortcuts".to_owned(),
            Command::ShowAbout => "About Seams's ideas".to_owned(),
        }
    }

    /// The main keyboard shortcut, shown beside the menu entry.
    #[must_use]
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            Command::New => cmd(Key::N),
            Command::Open => cmd(Key::O),
            Command::Save => cmd(Key::S),
            Command::SaveAs => cmd_shift(Key::S),
            Command::Close => cmd(Key::W),
            Command::Quit => cmd(Key::Q),
            Command::Undo => cmd(Key::Z),
            Command::Redo => cmd_shift(Key::Z),
            Command::Cut => cmd(Key::X),
            Command::Copy => cmd(Key::C),
            Command::CopyAsPng => cmd_shift(Key::C),
            Command::Export => cmd(Key::E),
            Command::CompareWith => cmd_shift(Key::O),
            Command::Paste => cmd(Key::V),
            Command::Duplicate => cmd(Key::D),
            Command::Delete => plain(Key::Delete),
            Command::SelectAll => cmd(Key::A),
            Command::ClearSelection => plain(Key::Escape),
            Command::Rename => plain(Key::F2),
            Command::Find => cmd(Key::F),
            Command::Reverse => cmd(Key::R),
            Command::Straighten => cmd_shift(Key::B),
            Command::Nudge(direction, big) => {
                let key = match direction {
                    Direction::Left => Key::ArrowLeft,
                    Direction::Right => Key::ArrowRight,
                    Direction::Up => Key::ArrowUp,
                    Direction::Down => Key::ArrowDown,
                };
                if big { shift(key) } else { plain(key) }
            }
            Command::ZoomIn => cmd(Key::Equals),
            Command::ZoomOut => cmd(Key::Minus),
            Command::ZoomReset => cmd(Key::Num0),
            Command::FitDiagram => plain(Key::Home),
            Command::FitSelection => shift(Key::Home),
            Command::ToggleGrid => cmd(Key::Quote),
            Command::ToggleLegend => cmd_shift(Key::G),
            Command::ToggleSnap => cmd_shift(Key::Quote),
            Command::ColorBy(View::Trust) => cmd(Key::Num1),
            Command::ColorBy(View::Team) => cmd(Key::Num2),
            Command::ColorBy(View::Deployment) => cmd(Key::Num3),
            Command::ToggleDarkMode => cmd_shift(Key::D),
            Command::ToggleInspector => cmd(Key::I),
            Command::ToggleFindings => cmd(Key::J),
            Command::SetTool(tool) => plain(match tool {
                Tool::Select => Key::V,
                Tool::Module(ModuleKind::Component) => Key::M,
                Tool::Module(ModuleKind::Library) => Key::L,
                Tool::Module(ModuleKind::Datastore) => Key::B,
                Tool::Module(ModuleKind::External) => Key::E,
                Tool::Unit => Key::U,
                Tool::Connect(InterfaceKind::Call) => Key::Num1,
                Tool::Connect(InterfaceKind::Link) => Key::Num2,
                Tool::Connect(InterfaceKind::Rpc) => Key::Num3,
                Tool::Connect(InterfaceKind::Queue) => Key::Num4,
                Tool::Connect(InterfaceKind::Read) => Key::Num5,
                Tool::Connect(InterfaceKind::Write) => Key::Num6,
                Tool::Connect(InterfaceKind::Load) => Key::Num7,
            }),
            Command::TidyUp => cmd_shift(Key::L),
            Command::EditTeams => cmd(Key::T),
            Command::ShowRules => cmd_shift(Key::R),
            Command::ShowDiagramSettings => cmd(Key::Comma),
            Command::ShowShortcuts => plain(Key::F1),
            Command::ShowAbout => shift(Key::F1),
            Command::OpenExample(_)
            | Command::Align(_)
            | Command::Distribute(_)
            | Command::LegendCorner(_)
            | Command::CompareWithExample(_)
            | Command::RemoveMissingRecent => return None,
        })
    }

    /// Further shortcuts that do the same (ctrl+Y for redo, backspace for
    /// delete, + and - without ctrl for zoom).
    #[must_use]
    pub fn alternative_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: &[KeyboardShortcut] = &[cmd(Key::Y)];
        const DELETE: &[KeyboardShortcut] = &[plain(Key::Backspace)];
        const ZOOM_IN: &[KeyboardShortcut] =
            &[plain(Key::Plus), plain(Key::Equals), cmd(Key::Plus)];
        const ZOOM_OUT: &[KeyboardShortcut] = &[plain(Key::Minus)];
        match self {
            Command::Redo => REDO,
            Command::Delete => DELETE,
            Command::ZoomIn => ZOOM_IN,
            Command::ZoomOut => ZOOM_OUT,
            _ => &[],
        }
    }

    /// Whether the shortcut works while a text field has the keyboard.
    /// Most do not: ctrl+A or Delete in a text field act on the text.
    #[must_use]
    pub fn works_while_typing(self) -> bool {
        matches!(
            self,
            Command::Quit
                | Command::ShowShortcuts
                | Command::ToggleInspector
                | Command::ToggleFindings
                | Command::ToggleDarkMode
        )
    }

    /// Every command that has a shortcut, for the shortcut handler, in the
    /// order they are tried (longer modifier combinations first, so that
    /// ctrl+shift+Z is not taken for ctrl+Z).
    #[must_use]
    pub fn with_shortcuts() -> Vec<Command> {
        let mut all: Vec<Command> = std::iter::empty()
            .chain(
                [
                    Command::FILE_MENU,
                    Command::EDIT_MENU,
                    Command::VIEW_MENU,
                    Command::DIAGRAM_MENU,
                    Command::HELP_MENU,
                ]
                .into_iter()
                .flatten()
                .flatten()
                .copied(),
            )
            .chain(
                [
                    Direction::Left,
                    Direction::Right,
                    Direction::Up,
                    Direction::Down,
                ]
                .into_iter()
                .flat_map(|d| [Command::Nudge(d, true), Command::Nudge(d, false)]),
            )
            .filter(|a| a.shortcut().is_some())
            .collect();
        all.sort_by_key(|a| {
            std::cmp::Reverse(a.shortcut().map_or(0, |s| modifier_count(s.modifiers)))
        });
        all
    }
}

/// A shortcut as menus show it: "Ctrl+Shift+Z", "Ctrl+=", "F2", "Home".
#[must_use]
pub fn shortcut_text(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let key = match shortcut.logical_key {
        Key::Equals => "=",
        Key::Minus => "-",
        Key::Plus => "+",
        Key::Quote => "'",
        Key::ArrowLeft => "Left",
        Key::ArrowRight => "Right",
        Key::ArrowUp => "Up",
        Key::ArrowDown => "Down",
        Key::Num0 => "0",
        Key::Num1 => "1",
        Key::Num2 => "2",
        Key::Num3 => "3",
        Key::Num4 => "4",
        Key::Num5 => "5",
        Key::Num6 => "6",
        Key::Num7 => "7",
        other => other.name(),
    };
    let modifiers = ctx.format_modifiers(shortcut.modifiers);
    if modifiers.is_empty() {
        key.to_owned()
    } else if ctx.os().is_mac() {
        format!("{modifiers}{key}")
    } else {
        format!("{modifiers}+{key}")
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_menu_entry_has_a_distinct_shortcut() {
        let mut seen = HashSet::new();
        for action in Command::with_shortcuts() {
            let shortcut = action.shortcut().expect("filtered");
            assert!(
                seen.insert((
                    shortcut.modifiers.command,
                    shortcut.modifiers.shift,
                    shortcut.logical_key
                )),
                "{action:?} shares its shortcut"
            );
        }
        for menu in [
            Command::FILE_MENU,
            Command::EDIT_MENU,
            Command::VIEW_MENU,
            Command::DIAGRAM_MENU,
            Command::HELP_MENU,
        ] {
            for action in menu.iter().flatten() {
                assert!(action.shortcut().is_some(), "{action:?} has no shortcut");
            }
        }
    }
}
