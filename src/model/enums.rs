//! The enumerations of the domain model, in the order docs/file-format.md gives them.
//!
//! Where the order matters (isolation strength, reliability) the derived
//! `Ord` follows it, weakest or lowest first.

use serde::{Deserialize, Serialize};

macro_rules! labelled_enum {
    (
        $(#[$doc:meta])*
        $name:ident { $( $(#[$vdoc:meta])* $variant:ident => $label:literal ),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vdoc])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// A short human-readable label for menus and legends.
            #[must_use]
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }

            /// The name as written in a diagram file.
            #[must_use]
            pub fn file_name(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant)),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum!(
    /// What a module is.
    #[derive(Default)]
    ModuleKind {
        /// Code (the default).
        #[default]
        Component => "Component",
        /// Code linked into other modules.
        Library => "Library",
        /// A database, bucket or file store.
        Datastore => "Datastore",
        /// An actor outside the system: users, the internet, a partner.
        External => "External",
    }
);

labelled_enum!(
    /// How much a module is trusted.
    #[derive(Default)]
    Trust {
        /// An attacker may control it.
        Untrusted => "Untrusted",
        /// Your own code (the default for everything but externals).
        #[default]
        Trusted => "Trusted",
        /// Holds secrets or critical data.
        Sensitive => "Sensitive",
    }
);

impl Trust {
    /// The trust a module of `kind` has when its file does not say.
    #[must_use]
    pub fn default_for(kind: ModuleKind) -> Trust {
        if kind == ModuleKind::External {
            Trust::Untrusted
        } else {
            Trust::Trusted
        }
    }
}

labelled_enum!(
    /// Isolation of a unit, weakest to strongest.
    Isolation {
        /// An OS process: weak.
        Process => "Process",
        /// A container: weak.
        Container => "Container",
        /// A sandbox such as gVisor or Chrome's: strong by default.
        Sandbox => "Sandbox",
        /// A virtual machine.
        Vm => "VM",
        /// A separate physical host.
        Host => "Host",
    }
);

labelled_enum!(
    /// How a unit is released.
    #[derive(Default)]
    Release {
        /// Deployed separately: a service (the default).
        #[default]
        Own => "Own release",
        /// Ships as part of its parent unit's release.
        WithParent => "With parent",
        /// A service you use but do not deploy (cloud database, SaaS API).
        Managed => "Managed",
    }
);

labelled_enum!(
    /// What an interface is.
    InterfaceKind {
        /// An in-process function call.
        Call => "Call",
        /// `from` links the library `to` into itself.
        Link => "Link",
        /// Request/response over a network or IPC.
        Rpc => "RPC",
        /// An asynchronous message.
        Queue => "Queue",
        /// `from` reads the datastore `to`.
        Read => "Read",
        /// `from` writes the datastore `to`.
        Write => "Write",
        /// `from` loads code or executable data from the datastore `to` and
        /// runs it (plugins, scripts, pickled models, a built repository).
        Load => "Load",
    }
);

labelled_enum!(
    /// Reliability target, lowest to highest.
    Reliability {
        /// Best effort.
        BestEffort => "Best effort",
        /// Standard.
        Standard => "Standard",
        /// High.
        High => "High",
        /// Critical.
        Critical => "Critical",
    }
);

labelled_enum!(
    /// How long a module takes to start.
    #[derive(Default)]
    Startup {
        /// Starts quickly (the default).
        #[default]
        Fast => "Fast",
        /// Starts slowly and would slow every upgrade of what it ships with.
        Slow => "Slow",
    }
);

labelled_enum!(
    /// The resource a module mostly needs.
    #[derive(Default)]
    Load {
        /// Nothing in particular (the default).
        #[default]
        Light => "Light",
        /// CPU-bound.
        Cpu => "CPU",
        /// Memory-bound.
        Memory => "Memory",
        /// I/O-bound.
        Io => "I/O",
    }
);

labelled_enum!(
    /// A severity override for one rule.
    RuleLevel {
        /// The rule does not run.
        Off => "Off",
        /// Findings are informational.
        Info => "Info",
        /// Findings are warnings.
        Warning => "Warning",
        /// Findings are errors.
        Error => "Error",
    }
);

impl InterfaceKind {
    /// Whether an interface of this kind may go from a module of kind `from`
    /// to one of kind `to` (`Link` only to a library; `Read`/`Write`/`Load`
    /// only from a non-datastore to a datastore).
    #[must_use]
    pub fn fits(self, from: ModuleKind, to: ModuleKind) -> bool {
        match self {
            InterfaceKind::Link => to == ModuleKind::Library,
            InterfaceKind::Read | InterfaceKind::Write | InterfaceKind::Load => {
                to == ModuleKind::Datastore && from != ModuleKind::Datastore
            }
            InterfaceKind::Call | InterfaceKind::Rpc | InterfaceKind::Queue => true,
        }
    }
}
