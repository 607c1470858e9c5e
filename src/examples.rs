//! The example diagrams shipped with Seams, compiled into the binary.
//!
//! Each is modelled on an architecture the essay "Modules, monoliths, and
//! microservices" discusses. The first, photo sharing, is the editor's
//! built-in diagram; the others are offered from the Help menu. None carries
//! geometry: the automatic layout places them when they are opened.

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
];

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
