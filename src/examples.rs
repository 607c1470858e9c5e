//! The example diagrams shipped with Seams, compiled into the binary.
//!
//! Each is modelled on an architecture the essay "Modules, monoliths, and
//! microservices" discusses. The first, photo sharing, is the editor's
//! built-in diagram; the others are offered from the File and Help menus.
//! Two of them are one operating system deployed two ways ([`PAIRS`]),
//! meant to be compared. None carries geometry: the automatic layout places
//! them when they are opened.

/// One example diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The title shown in menus.
    pub name: &'static str,
    /// The file name under `assets/examples/`, used as the default name
    /// when the example is saved.
    pub file_name: &'static str,
    /// One or two sentences on what the example shows.
    pub description: &'static str,
    /// The diagram, as RON.
    pub text: &'static str,
}

/// Every example, the built-in photo-sharing diagram first.
pub const ALL: &[Example] = &[
    Example {
        name: "Photo sharing",
        file_name: "photo-sharing.ron",
        description: "A small web service: an untrusted PNG decoder sandboxed inside the API \
server's release, a mailer behind a queue and a managed database.",
        text: include_str!("../assets/examples/photo-sharing.ron"),
    },
    Example {
        name: "Document upload service",
        file_name: "document-upload.ron",
        description: "Two parsers of attacker-controlled files: the PDF extractor runs in a \
gVisor sandbox, but a third-party image codec is linked straight into the thumbnail \
worker, and its blast radius reaches the document metadata.",
        text: include_str!("../assets/examples/document-upload.ron"),
    },
    Example {
        name: "Chrome-like browser",
        file_name: "browser.ron",
        description: "Sandboxed renderer processes, one per site, shipped in the browser's \
release; a GPU process; and a network service that parses the web without a sandbox.",
        text: include_str!("../assets/examples/browser.ron"),
    },
    Example {
        name: "Over-split online shop",
        file_name: "microservices.ron",
        description: "One service per team: services split without a reason, a deployment \
cycle, a database shared across services, and queues between them. Only payments has a \
real reason to stand apart.",
        text: include_str!("../assets/examples/microservices.ron"),
    },
    Example {
        name: "Operating system as one image (ChromeOS-like)",
        file_name: "os-image.ron",
        description: "Kernel, drivers, window manager, a browser with a sandboxed renderer, \
package manager, updater and apps: everything but the apps ships as one tested, signed \
image; apps run in a VM and update on their own.",
        text: include_str!("../assets/examples/os-image.ron"),
    },
    Example {
        name: "The same system as packages (Debian-like)",
        file_name: "os-packages.ron",
        description: "The same modules and interfaces, each released as its own package: \
every interface between packages must be versioned, and the apps run beside everything \
else without a sandbox.",
        text: include_str!("../assets/examples/os-packages.ron"),
    },
];

/// Two examples that are one module graph deployed two ways, offered
/// together, with what comparing them shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// A heading for the two.
    pub heading: &'static str,
    /// The example opened when they are compared (by position in [`ALL`]).
    pub this: usize,
    /// The example it is compared with.
    pub other: usize,
    /// One line on what comparing them shows.
    pub comparing_shows: &'static str,
}

/// The examples meant to be compared.
pub const PAIRS: &[Pair] = &[Pair {
    heading: "One operating system, deployed two ways",
    this: 4,
    other: 5,
    comparing_shows: "Same boxes and arrows, other costs: as one image it is 2 releases, 2 \
upgrade units and 1 skew pair, but every update restarts 13 modules; as packages it is 14 \
releases, 14 upgrade units and 25 skew pairs, and the unsandboxed media player reaches 18 \
modules instead of 2.",
}];

/// The editor's built-in example (photo sharing).
#[must_use]
pub fn built_in() -> &'static Example {
    &ALL[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_loads_and_validates() {
        for example in ALL {
            let diagram = crate::file::load_str(example.text)
                .unwrap_or_else(|e| panic!("{}: {e}", example.file_name));
            assert_eq!(
                crate::model::validate(&diagram),
                Ok(()),
                "{}",
                example.file_name
            );
            assert!(!diagram.title.is_empty(), "{}", example.file_name);
            assert!(
                diagram
                    .modules
                    .iter()
                    .all(|m| m.pos.is_none() && m.size.is_none()),
                "{}: examples carry no geometry",
                example.file_name
            );
        }
    }

    #[test]
    fn every_example_file_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("examples folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| {
                std::path::Path::new(name)
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = ALL.iter().map(|e| e.file_name.to_owned()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
        assert_eq!(built_in().file_name, "photo-sharing.ron");
    }

    #[test]
    fn the_operating_system_pair_is_one_graph_with_the_figures_it_promises() {
        use crate::compare::Scorecard;
        let pair = PAIRS[0];
        let load = |i: usize| crate::file::load_str(ALL[i].text).expect("loads");
        let (image, packages) = (load(pair.this), load(pair.other));
        // The same modules and interfaces: only placement and versioning
        // differ.
        let modules = |d: &crate::model::Diagram| -> Vec<crate::model::Module> {
            d.modules
                .iter()
                .map(|m| crate::model::Module {
                    unit: None,
                    ..m.clone()
                })
                .collect()
        };
        assert_eq!(modules(&image), modules(&packages));
        let interfaces = |d: &crate::model::Diagram| -> Vec<crate::model::Interface> {
            d.interfaces
                .iter()
                .map(|f| crate::model::Interface {
                    versioned: false,
                    ..f.clone()
                })
                .collect()
        };
        assert_eq!(interfaces(&image), interfaces(&packages));
        assert_eq!(image.teams, packages.teams);

        let card = |d: &crate::model::Diagram| Scorecard::of(d, &crate::rules::check(d));
        let (one, many) = (card(&image), card(&packages));
        // The figures the description, README and docs/compare.md quote.
        assert_eq!(
            (
                one.releases,
                one.upgrade_units,
                one.skew_pairs,
                one.restart_scope
            ),
            (2, 2, 1, 13)
        );
        assert_eq!(
            (
                many.releases,
                many.upgrade_units,
                many.skew_pairs,
                many.restart_scope
            ),
            (14, 14, 25, 1)
        );
        assert_eq!(
            (one.largest_blast_radius, many.largest_blast_radius),
            (2, 18)
        );
        assert_eq!(
            (one.compatibility_surface, many.compatibility_surface),
            (8, 26)
        );
        assert_eq!(
            (
                one.compatibility_unversioned,
                many.compatibility_unversioned
            ),
            (0, 0)
        );
        assert_eq!((one.largest_upgrade, many.largest_upgrade), (13, 2));
    }

    #[test]
    fn acceptances_in_examples_are_not_stale() {
        for example in ALL {
            let diagram = crate::file::load_str(example.text).expect("loads");
            let report = crate::rules::check(&diagram);
            assert!(
                report
                    .findings
                    .iter()
                    .all(|f| f.rule != crate::model::RuleId::StaleAcceptance),
                "{}",
                example.file_name
            );
        }
    }
}
