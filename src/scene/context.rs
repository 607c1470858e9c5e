//! What building (or patching) a scene reads: the diagram, its forest,
//! the options, the palette, and each unit's deployment unit.

use super::SceneOptions;
use crate::model::{Diagram, Forest, Rect};
use crate::rules::{Report, Severity};
use crate::theme::{self, palette::Palette};
use rustc_hash::{FxBuildHasher, FxHashMap};

/// A `HashMap` with [`rustc_hash::FxHasher`]: the scene hashes thousands of
/// ids per build.
pub(super) type FastMap<K, V> = FxHashMap<K, V>;

/// What a build (or a patch) reads: the diagram, its forest, the options.
pub(super) struct Context<'a> {
    pub(super) diagram: &'a Diagram,
    pub(super) forest: &'a Forest,
    pub(super) options: &'a SceneOptions,
    pub(super) palette: Palette,
    pub(super) deployment: Deployment,
}

impl<'a> Context<'a> {
    pub(super) fn new(diagram: &'a Diagram, forest: &'a Forest, options: &'a SceneOptions) -> Self {
        Context {
            diagram,
            forest,
            options,
            palette: *Palette::get(options.dark),
            deployment: Deployment::new(forest),
        }
    }

    /// Whether `id` is dimmed (a highlight is shown without it).
    pub(super) fn is_dimmed(&self, id: &str) -> bool {
        self.options
            .highlight
            .as_ref()
            .is_some_and(|h| !h.contains(id))
    }

    /// Whether `id` is drawn at all.
    pub(super) fn visible(&self, id: &str) -> bool {
        self.options.hidden.is_empty() || !self.options.hidden.contains(id)
    }

    /// Whether `id` has a selection outline.
    pub(super) fn selected(&self, id: &str) -> bool {
        !self.options.selection.is_empty() && self.options.selection.contains(id)
    }

    /// The box of module `i` when it has one and is not hidden.
    pub(super) fn module_rect(&self, i: usize) -> Option<Rect> {
        let m = &self.diagram.modules[i];
        if !self.visible(m.id.as_str()) {
            return None;
        }
        m.pos
            .map(|pos| Rect::from_pos_size(pos, m.size.unwrap_or_else(default_module_size)))
    }
}

/// Default box size for a module with a position but no size.
fn default_module_size() -> crate::model::Size {
    crate::model::Size::new(theme::MODULE_MIN_SIZE.0, theme::MODULE_MIN_SIZE.1)
}

/// The deployment unit of every unit and the ordinal of every deployment
/// unit among them (file order), computed once per build.
pub(super) struct Deployment {
    /// Deployment unit of each unit (an index into `Diagram::units`).
    pub(super) unit: Vec<usize>,
    /// For a deployment unit, how many deployment units precede it.
    pub(super) ordinal: Vec<usize>,
}

impl Deployment {
    pub(super) fn new(forest: &Forest) -> Self {
        let unit: Vec<usize> = (0..forest.unit_count())
            .map(|u| forest.deployment_unit(u))
            .collect();
        let mut ordinal = vec![0; unit.len()];
        let mut next = 0;
        for (i, d) in unit.iter().enumerate() {
            if i == *d {
                ordinal[i] = next;
                next += 1;
            }
        }
        Deployment { unit, ordinal }
    }
}

/// Findings gathered per element (the first element of each finding).
#[derive(Default)]
pub(super) struct ElementFindings {
    pub(super) worst: Option<Severity>,
    pub(super) unaccepted: usize,
    pub(super) accepted: usize,
    pub(super) messages: Vec<String>,
}

pub(super) fn findings_by_element(report: &Report) -> FastMap<&str, ElementFindings> {
    let mut map: FastMap<&str, ElementFindings> =
        FastMap::with_capacity_and_hasher(report.findings.len(), FxBuildHasher);
    for finding in &report.findings {
        let Some(element) = finding.elements.first() else {
            continue;
        };
        let entry = map.entry(element.as_str()).or_default();
        // "error: message" or "info (accepted): message", built without
        // the formatting machinery: there can be thousands.
        let severity = finding.severity.as_str();
        let mut line = String::with_capacity(severity.len() + finding.message.len() + 13);
        line.push_str(severity);
        if finding.is_accepted() {
            entry.accepted += 1;
            line.push_str(" (accepted)");
        } else {
            entry.unaccepted += 1;
            entry.worst = entry.worst.max(Some(finding.severity));
        }
        line.push_str(": ");
        line.push_str(&finding.message);
        entry.messages.push(line);
    }
    map
}
