//! Everything the user can ask the editor to do, as one enum.
//!
//! [`Action`] is the single source of menu entries, keyboard shortcuts and
//! labels: the menus list actions, the shortcut handler and the Help window
//! read [`Action::shortcut`], and buttons use [`Action::label`]. UI code
//! pushes actions while it draws; the app applies them after every panel
//! has drawn (see [`crate::ui::app`]).

use crate::edit::align::{Align, Distribute};
use crate::edit::{Edit, ElementRef};
use crate::model::{InterfaceKind, ModuleKind};
use crate::scene::View;
use egui::{Key, KeyboardShortcut, Modifiers};

/// What a click or drag on empty canvas does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tool {
    /// Select, move, resize; drag from a module's edge to connect.
    Select,
    /// Click to add a module of this kind.
    Module(ModuleKind),
    /// Click (or drag a rectangle) to add a unit.
    Unit,
    /// Drag from one module to another to connect them with this kind.
    Connect(InterfaceKind),
}

impl Tool {
    /// Every tool, in tool-strip order.
    pub const ALL: [Tool; 13] = [
        Tool::Select,
        Tool::Module(ModuleKind::Component),
        Tool::Module(ModuleKind::Library),
        Tool::Module(ModuleKind::Datastore),
        Tool::Module(ModuleKind::External),
        Tool::Unit,
        Tool::Connect(InterfaceKind::Call),
        Tool::Connect(InterfaceKind::Link),
        Tool::Connect(InterfaceKind::Rpc),
        Tool::Connect(InterfaceKind::Queue),
        Tool::Connect(InterfaceKind::Read),
        Tool::Connect(InterfaceKind::Write),
        Tool::Connect(InterfaceKind::Load),
    ];

    /// The tool's name in menus and tooltips.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Tool::Select => "Select".to_owned(),
            Tool::Module(ModuleKind::Component) => "Add module".to_owned(),
            Tool::Module(kind) => format!("Add {}", kind.label().to_lowercase()),
            Tool::Unit => "Add unit".to_owned(),
            Tool::Connect(kind) => format!("Connect: {}", kind.label()),
        }
    }

    /// A sentence on how to use the tool, for tooltips and the status bar.
    #[must_use]
    pub fn hint(self) -> &'static str {
        match self {
            Tool::Select => {
                "Click to select, drag to move, drag a module's edge to connect it, drag on empty canvas to select an area"
            }
            Tool::Module(ModuleKind::Component) => "Click on the canvas to add a module (code)",
            Tool::Module(ModuleKind::Library) => {
                "Click on the canvas to add a library (code linked into others)"
            }
            Tool::Module(ModuleKind::Datastore) => {
                "Click on the canvas to add a datastore (a database, bucket or file store)"
            }
            Tool::Module(ModuleKind::External) => {
                "Click on the canvas to add an external actor (users, the internet, a partner)"
            }
            Tool::Unit => {
                "Click to add a unit, or drag to draw one (a process, container, sandbox, VM or host)"
            }
            Tool::Connect(InterfaceKind::Call) => {
                "Drag from one module to another: an in-process function call"
            }
            Tool::Connect(InterfaceKind::Link) => {
                "Drag from a module to the library it links into itself"
            }
            Tool::Connect(InterfaceKind::Rpc) => {
                "Drag from one module to another: request/response over a network or IPC"
            }
            Tool::Connect(InterfaceKind::Queue) => {
                "Drag from one module to another: an asynchronous message"
            }
            Tool::Connect(InterfaceKind::Read) => "Drag from a module to the datastore it reads",
            Tool::Connect(InterfaceKind::Write) => "Drag from a module to the datastore it writes",
            Tool::Connect(InterfaceKind::Load) => {
                "Drag from a module to the datastore it loads code or executable data from and runs (plugins, scripts, pickled models, a repository built and deployed)"
            }
        }
    }
}

/// What "Third-party code" means (docs/file-format.md, `third_party`), for the
/// inspector's checkbox and the tag on the canvas.
pub const THIRD_PARTY_MEANING: &str = "Third-party code: code or a product you did not write and \
     release yourself, such as an open-source library, a vendored daemon or a database server. \
     Separate from trust: it does not make the module untrusted. It marks the supply chain \
     (third-party-in-sensitive), exempts the module from unowned-module, and keeps a unit that \
     holds it out of your own release (split-without-reason). Shown as a “3rd” tag on the box.";

/// What an interface kind means and how it is drawn, for tooltips and
/// hints (the connect menu, the inspector, the tool strip).
#[must_use]
pub fn kind_meaning(kind: InterfaceKind) -> &'static str {
    match kind {
        InterfaceKind::Call => "An in-process function call. Drawn thin, with a small head.",
        InterfaceKind::Link => {
            "The module links the library into itself: whoever controls the library's code runs inside it. Drawn dashed, with a hollow triangle at the library."
        }
        InterfaceKind::Rpc => {
            "Request/response over a network or IPC. Drawn heavy, with a large head."
        }
        InterfaceKind::Queue => "An asynchronous message. Drawn with an open head.",
        InterfaceKind::Read => {
            "The module reads the datastore. Drawn dotted, the head at the reader (where the data goes)."
        }
        InterfaceKind::Write => {
            "The module writes the datastore. Drawn solid, with a barred head at the datastore."
        }
        InterfaceKind::Load => {
            "The module loads code or executable data from the datastore and runs it: plugins, scripts, pickled models, a repository that is built and deployed. Whoever can write what it loads runs code in it. Drawn dash-dot, with a diamond at the loader."
        }
    }
}

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

/// Where to apply a [`Action::Nudge`].
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

/// One thing the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start a new, empty diagram.
    New,
    /// Choose a diagram in the Open dialog and open it.
    Open,
    /// Open this file (Open Recent, dropped on the window).
    OpenFile(std::path::PathBuf),
    /// Remove a missing file from Open Recent.
    RemoveRecent(std::path::PathBuf),
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
    /// Compare this diagram with the diagram in this file.
    CompareWithFile(std::path::PathBuf),
    /// Compare this diagram with bundled example number `n`.
    CompareWithExample(usize),
    /// Write the diagram as an image with these settings, asking where.
    ExportImage(super::export_ui::ExportSettings),
    /// Put the diagram as a PNG on the clipboard, with these settings.
    CopyImage(super::export_ui::ExportSettings),
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
    /// Leave the legend where it was dragged.
    MoveLegend(crate::ui::view::LegendPlace),
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

    /// Apply an edit as one undoable step, then select `select` if given.
    Apply {
        /// The change.
        edit: Edit,
        /// What it did, for "Undo <label>".
        label: String,
        /// What to select afterwards.
        select: Option<Vec<ElementRef>>,
    },
    /// Name a module or unit that the last step created, as part of that
    /// step (one undo removes it, name and all); if it is selected, it
    /// stays selected under its (perhaps new) id.
    NameNew {
        /// The naming (see [`crate::edit::naming::name_new`]).
        edit: Edit,
        /// The element as it was created.
        element: ElementRef,
        /// The element under the id the naming gives it.
        named: ElementRef,
    },
    /// Replace the selection.
    Select(Vec<ElementRef>),
    /// Select elements and frame them on the canvas.
    SelectAndFrame(Vec<ElementRef>),
    /// Show this finding (by id) in the findings panel, with its
    /// explanation and what can be done.
    FocusFinding(String),
    /// Paste this clipboard text.
    PasteText(String),
    /// Show a short message in the status bar.
    Message(String),
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

impl Action {
    /// The File menu's commands, `None` for a separator (Open Recent and
    /// the examples are submenus drawn around them).
    pub const FILE_MENU: &'static [Option<Action>] = &[
        Some(Action::New),
        Some(Action::Open),
        None,
        Some(Action::Save),
        Some(Action::SaveAs),
        None,
        Some(Action::CompareWith),
        Some(Action::Export),
        None,
        Some(Action::Close),
        Some(Action::Quit),
    ];

    /// The Edit menu, `None` for a separator.
    pub const EDIT_MENU: &'static [Option<Action>] = &[
        Some(Action::Undo),
        Some(Action::Redo),
        None,
        Some(Action::Cut),
        Some(Action::Copy),
        Some(Action::CopyAsPng),
        Some(Action::Paste),
        Some(Action::Duplicate),
        Some(Action::Delete),
        None,
        Some(Action::SelectAll),
        Some(Action::ClearSelection),
        Some(Action::Rename),
        Some(Action::Find),
    ];

    /// The View menu, `None` for a separator.
    pub const VIEW_MENU: &'static [Option<Action>] = &[
        Some(Action::ZoomIn),
        Some(Action::ZoomOut),
        Some(Action::ZoomReset),
        Some(Action::FitDiagram),
        Some(Action::FitSelection),
        None,
        Some(Action::ColorBy(View::Trust)),
        Some(Action::ColorBy(View::Team)),
        Some(Action::ColorBy(View::Deployment)),
        None,
        Some(Action::ToggleGrid),
        Some(Action::ToggleLegend),
        Some(Action::ToggleSnap),
        Some(Action::ToggleInspector),
        Some(Action::ToggleFindings),
        Some(Action::ToggleDarkMode),
    ];

    /// The Diagram menu, `None` for a separator.
    pub const DIAGRAM_MENU: &'static [Option<Action>] = &[
        Some(Action::SetTool(Tool::Select)),
        None,
        Some(Action::SetTool(Tool::Module(ModuleKind::Component))),
        Some(Action::SetTool(Tool::Module(ModuleKind::Library))),
        Some(Action::SetTool(Tool::Module(ModuleKind::Datastore))),
        Some(Action::SetTool(Tool::Module(ModuleKind::External))),
        Some(Action::SetTool(Tool::Unit)),
        None,
        Some(Action::SetTool(Tool::Connect(InterfaceKind::Call))),
        Some(Action::SetTool(Tool::Connect(InterfaceKind::Link))),
        Some(Action::SetTool(Tool::Connect(InterfaceKind::Rpc))),
        Some(Action::SetTool(Tool::Connect(InterfaceKind::Queue))),
        Some(Action::SetTool(Tool::Connect(InterfaceKind::Read))),
        Some(Action::SetTool(Tool::Connect(InterfaceKind::Write))),
        Some(Action::SetTool(Tool::Connect(InterfaceKind::Load))),
        Some(Action::Reverse),
        Some(Action::Straighten),
        None,
        Some(Action::TidyUp),
        Some(Action::EditTeams),
        Some(Action::ShowRules),
        Some(Action::ShowDiagramSettings),
    ];

    /// Diagram → Align and distribute, `None` for a separator.
    pub const ALIGN_MENU: &'static [Option<Action>] = &[
        Some(Action::Align(Align::Left)),
        Some(Action::Align(Align::Center)),
        Some(Action::Align(Align::Right)),
        None,
        Some(Action::Align(Align::Top)),
        Some(Action::Align(Align::Middle)),
        Some(Action::Align(Align::Bottom)),
        None,
        Some(Action::Distribute(Distribute::Horizontally)),
        Some(Action::Distribute(Distribute::Vertically)),
    ];

    /// The Help menu.
    pub const HELP_MENU: &'static [Option<Action>] =
        &[Some(Action::ShowShortcuts), Some(Action::ShowAbout)];

    /// Actions with a shortcut that are not in a menu (listed in the
    /// shortcut overview).
    pub const CANVAS_ONLY: &'static [Action] = &[
        Action::Nudge(Direction::Left, false),
        Action::Nudge(Direction::Left, true),
    ];

    /// The label in menus and on buttons.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Action::New => "New".to_owned(),
            Action::Open => "Open…".to_owned(),
            Action::OpenFile(path) => format!("Open {}", path.display()),
            Action::RemoveRecent(_) => "Remove".to_owned(),
            Action::RemoveMissingRecent => "Clear missing".to_owned(),
            Action::Save => "Save".to_owned(),
            Action::SaveAs => "Save As…".to_owned(),
            Action::Close => "Close".to_owned(),
            Action::OpenExample(_) => "Open example".to_owned(),
            Action::Quit => "Quit".to_owned(),
            Action::Undo => "Undo".to_owned(),
            Action::Redo => "Redo".to_owned(),
            Action::Cut => "Cut".to_owned(),
            Action::Copy => "Copy".to_owned(),
            Action::CopyAsPng => "Copy as PNG".to_owned(),
            Action::Export => "Export…".to_owned(),
            Action::CompareWith => "Compare with…".to_owned(),
            Action::CompareWithFile(path) => format!("Compare with {}", path.display()),
            Action::CompareWithExample(_) => "Compare with the example".to_owned(),
            Action::ExportImage(settings) => {
                format!("Export {}", settings.format.extension().to_uppercase())
            }
            Action::CopyImage(_) => "Copy image".to_owned(),
            Action::Paste | Action::PasteText(_) => "Paste".to_owned(),
            Action::Duplicate => "Duplicate".to_owned(),
            Action::Delete => "Delete".to_owned(),
            Action::SelectAll => "Select all".to_owned(),
            Action::ClearSelection => "Clear selection".to_owned(),
            Action::Rename => "Rename".to_owned(),
            Action::Find => "Find…".to_owned(),
            Action::Reverse => "Reverse interface".to_owned(),
            Action::Straighten => "Straighten line".to_owned(),
            Action::Nudge(_, false) => "Nudge the selection (arrow keys)".to_owned(),
            Action::Nudge(_, true) => "Nudge the selection further".to_owned(),
            Action::Align(how) => match how {
                Align::Left => "Align left edges",
                Align::Center => "Align centres",
                Align::Right => "Align right edges",
                Align::Top => "Align top edges",
                Align::Middle => "Align middles",
                Align::Bottom => "Align bottom edges",
            }
            .to_owned(),
            Action::Distribute(Distribute::Horizontally) => "Distribute horizontally".to_owned(),
            Action::Distribute(Distribute::Vertically) => "Distribute vertically".to_owned(),
            Action::ZoomIn => "Zoom in".to_owned(),
            Action::ZoomOut => "Zoom out".to_owned(),
            Action::ZoomReset => "Actual size".to_owned(),
            Action::FitDiagram => "Fit diagram".to_owned(),
            Action::FitSelection => "Fit selection".to_owned(),
            Action::ToggleGrid => "Show grid".to_owned(),
            Action::ToggleLegend => "Show legend".to_owned(),
            Action::LegendCorner(corner) => legend_corner_name(*corner).to_owned(),
            Action::MoveLegend(_) => "Move legend".to_owned(),
            Action::ToggleSnap => "Snap to grid".to_owned(),
            Action::ColorBy(view) => format!("Colour by {}", view.label().to_lowercase()),
            Action::ToggleDarkMode => "Dark mode".to_owned(),
            Action::ToggleInspector => "Inspector".to_owned(),
            Action::ToggleFindings => "Findings panel".to_owned(),
            Action::SetTool(tool) => tool.label(),
            Action::TidyUp => "Tidy up layout".to_owned(),
            Action::EditTeams => "Teams…".to_owned(),
            Action::ShowRules => "Rules…".to_owned(),
            Action::ShowDiagramSettings => "Diagram settings…".to_owned(),
            Action::ShowShortcuts => "Keyboard shortcuts".to_owned(),
            Action::ShowAbout => "About Seams's ideas".to_owned(),
            Action::Apply { label, .. } => label.clone(),
            Action::NameNew { element, .. } => format!("Rename {}", element.noun()),
            Action::Select(_) => "Select".to_owned(),
            Action::SelectAndFrame(_) => "Show".to_owned(),
            Action::FocusFinding(_) => "Show finding".to_owned(),
            Action::Message(text) => text.clone(),
        }
    }

    /// The main keyboard shortcut, shown beside the menu entry.
    #[must_use]
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        Some(match self {
            Action::New => cmd(Key::N),
            Action::Open => cmd(Key::O),
            Action::Save => cmd(Key::S),
            Action::SaveAs => cmd_shift(Key::S),
            Action::Close => cmd(Key::W),
            Action::Quit => cmd(Key::Q),
            Action::Undo => cmd(Key::Z),
            Action::Redo => cmd_shift(Key::Z),
            Action::Cut => cmd(Key::X),
            Action::Copy => cmd(Key::C),
            Action::CopyAsPng => cmd_shift(Key::C),
            Action::Export => cmd(Key::E),
            Action::CompareWith => cmd_shift(Key::O),
            Action::Paste => cmd(Key::V),
            Action::Duplicate => cmd(Key::D),
            Action::Delete => plain(Key::Delete),
            Action::SelectAll => cmd(Key::A),
            Action::ClearSelection => plain(Key::Escape),
            Action::Rename => plain(Key::F2),
            Action::Find => cmd(Key::F),
            Action::Reverse => cmd(Key::R),
            Action::Straighten => cmd_shift(Key::B),
            Action::Nudge(direction, big) => {
                let key = match direction {
                    Direction::Left => Key::ArrowLeft,
                    Direction::Right => Key::ArrowRight,
                    Direction::Up => Key::ArrowUp,
                    Direction::Down => Key::ArrowDown,
                };
                if *big { shift(key) } else { plain(key) }
            }
            Action::ZoomIn => cmd(Key::Equals),
            Action::ZoomOut => cmd(Key::Minus),
            Action::ZoomReset => cmd(Key::Num0),
            Action::FitDiagram => plain(Key::Home),
            Action::FitSelection => shift(Key::Home),
            Action::ToggleGrid => cmd(Key::Quote),
            Action::ToggleLegend => cmd_shift(Key::G),
            Action::ToggleSnap => cmd_shift(Key::Quote),
            Action::ColorBy(View::Trust) => cmd(Key::Num1),
            Action::ColorBy(View::Team) => cmd(Key::Num2),
            Action::ColorBy(View::Deployment) => cmd(Key::Num3),
            Action::ToggleDarkMode => cmd_shift(Key::D),
            Action::ToggleInspector => cmd(Key::I),
            Action::ToggleFindings => cmd(Key::J),
            Action::SetTool(tool) => plain(match tool {
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
            Action::TidyUp => cmd_shift(Key::L),
            Action::EditTeams => cmd(Key::T),
            Action::ShowRules => cmd_shift(Key::R),
            Action::ShowDiagramSettings => cmd(Key::Comma),
            Action::ShowShortcuts => plain(Key::F1),
            Action::ShowAbout => shift(Key::F1),
            Action::OpenExample(_)
            | Action::Align(_)
            | Action::Distribute(_)
            | Action::LegendCorner(_)
            | Action::MoveLegend(_)
            | Action::NameNew { .. }
            | Action::CompareWithFile(_)
            | Action::CompareWithExample(_)
            | Action::ExportImage(_)
            | Action::CopyImage(_)
            | Action::OpenFile(_)
            | Action::RemoveRecent(_)
            | Action::RemoveMissingRecent
            | Action::Apply { .. }
            | Action::Select(_)
            | Action::SelectAndFrame(_)
            | Action::FocusFinding(_)
            | Action::PasteText(_)
            | Action::Message(_) => return None,
        })
    }

    /// Further shortcuts that do the same (ctrl+Y for redo, backspace for
    /// delete, + and - without ctrl for zoom).
    #[must_use]
    pub fn alternative_shortcuts(&self) -> &'static [KeyboardShortcut] {
        const REDO: &[KeyboardShortcut] = &[cmd(Key::Y)];
        const DELETE: &[KeyboardShortcut] = &[plain(Key::Backspace)];
        const ZOOM_IN: &[KeyboardShortcut] =
            &[plain(Key::Plus), plain(Key::Equals), cmd(Key::Plus)];
        const ZOOM_OUT: &[KeyboardShortcut] = &[plain(Key::Minus)];
        match self {
            Action::Redo => REDO,
            Action::Delete => DELETE,
            Action::ZoomIn => ZOOM_IN,
            Action::ZoomOut => ZOOM_OUT,
            _ => &[],
        }
    }

    /// Whether the shortcut works while a text field has the keyboard.
    /// Most do not: ctrl+A or Delete in a text field act on the text.
    #[must_use]
    pub fn works_while_typing(&self) -> bool {
        matches!(
            self,
            Action::Quit
                | Action::ShowShortcuts
                | Action::ToggleInspector
                | Action::ToggleFindings
                | Action::ToggleDarkMode
        )
    }

    /// Every action that has a shortcut, for the shortcut handler, in the
    /// order they are tried (longer modifier combinations first, so that
    /// ctrl+shift+Z is not taken for ctrl+Z).
    #[must_use]
    pub fn with_shortcuts() -> Vec<Action> {
        let mut all: Vec<Action> = std::iter::empty()
            .chain(
                [
                    Action::FILE_MENU,
                    Action::EDIT_MENU,
                    Action::VIEW_MENU,
                    Action::DIAGRAM_MENU,
                    Action::HELP_MENU,
                ]
                .into_iter()
                .flatten()
                .flatten()
                .cloned(),
            )
            .chain(
                [
                    Direction::Left,
                    Direction::Right,
                    Direction::Up,
                    Direction::Down,
                ]
                .into_iter()
                .flat_map(|d| [Action::Nudge(d, true), Action::Nudge(d, false)]),
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
        for action in Action::with_shortcuts() {
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
            Action::FILE_MENU,
            Action::EDIT_MENU,
            Action::VIEW_MENU,
            Action::DIAGRAM_MENU,
            Action::HELP_MENU,
        ] {
            for action in menu.iter().flatten() {
                assert!(action.shortcut().is_some(), "{action:?} has no shortcut");
            }
        }
    }
}
