//! The canvas tools, and what the kinds of things they make mean (for
//! tooltips and hints in the tool strip, menus and inspector).

use crate::model::{InterfaceKind, ModuleKind};

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
