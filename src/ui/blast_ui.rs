//! Blast radius on the canvas: what an attacker who runs code as the
//! selected untrusted module can reach. Selecting an untrusted module
//! highlights its blast radius and dims the rest; focusing a `lateral-reach`
//! finding does the same and also draws the path by which each reached
//! module is reached (from the analysis' steps).

use super::open_diagram::OpenDiagram;
use super::view::ViewState;
use crate::edit::ElementRef;
use crate::model::ModuleId;
use crate::rules::{Analysis, BlastRadius, Finding, Role};
use std::collections::HashSet;
use std::sync::Arc;

/// The blast radius being shown.
#[derive(Debug)]
pub struct Blast {
    /// The document revision it was computed for.
    pub revision: u64,
    /// Whether the paths are drawn (a `lateral-reach` finding is in focus).
    pub paths: bool,
    /// The radius, with the step that reaches each module.
    pub radius: BlastRadius,
    /// Ids drawn at full strength: the source, what it reaches, the
    /// interfaces it goes through, and the units holding them.
    pub highlight: HashSet<String>,
}

impl Blast {
    /// The untrusted module the attacker starts from.
    #[must_use]
    pub fn source(&self) -> &ModuleId {
        &self.radius.source
    }
}

/// Which module's radius to show, and whether with paths: the focused
/// `lateral-reach` finding while its elements are the selection, otherwise
/// the one selected module (shown only if it is untrusted).
fn wanted(
    document: &OpenDiagram,
    view: &ViewState,
    focused: Option<&Finding>,
) -> Option<(String, bool)> {
    if let Some(finding) = focused.filter(|f| f.rule == crate::model::RuleId::LateralReach)
        && let Some(source) = finding.elements.first()
    {
        let selected: HashSet<&str> = view.selection.iter().map(ElementRef::id).collect();
        let elements: HashSet<&str> = finding
            .elements
            .iter()
            .map(String::as_str)
            .filter(|id| ElementRef::find(&document.diagram, id).is_some())
            .collect();
        if selected == elements {
            return Some((source.clone(), true));
        }
    }
    match view.single() {
        Some(ElementRef::Module(id)) => Some((id.as_str().to_owned(), false)),
        _ => None,
    }
}

/// The blast radius to show for the current document, selection and focused
/// finding; reuses `previous` when nothing it depends on has changed.
#[must_use]
pub fn update(
    previous: Option<Arc<Blast>>,
    document: &OpenDiagram,
    view: &ViewState,
    focused: Option<&Finding>,
) -> Option<Arc<Blast>> {
    let (source, paths) = wanted(document, view, focused)?;
    let revision = document.revision();
    if let Some(previous) = previous
        && previous.revision == revision
        && previous.paths == paths
        && previous.source().as_str() == source
    {
        return Some(previous);
    }
    let diagram = &document.diagram;
    // Only a foothold has a radius: do not analyse the whole diagram after
    // every edit just to find that out.
    if !crate::rules::could_be_foothold(diagram, diagram.module(&source)?) {
        return None;
    }
    let radius = Analysis::new(diagram).blast_radius(&source)?;
    // A foothold that reaches nothing (fixed, isolated) dims nothing: the
    // highlight would say there is a radius where there is none.
    if radius.reached.is_empty() {
        return None;
    }
    let mut highlight: HashSet<String> = HashSet::new();
    highlight.insert(source.clone());
    for step in &radius.steps {
        if step.in_radius || step.role == Role::Acting {
            highlight.insert(step.module.as_str().to_owned());
            if let Some(interface) = &step.interface {
                highlight.insert(interface.as_str().to_owned());
            }
        }
    }
    let modules: Vec<String> = highlight.iter().cloned().collect();
    for id in modules {
        if let Some(unit) = diagram.module(&id).and_then(|m| m.unit.as_ref()) {
            for u in diagram.unit_chain(unit.as_str()) {
                highlight.insert(u.id.as_str().to_owned());
            }
        }
    }
    Some(Arc::new(Blast {
        revision,
        paths,
        radius,
        highlight,
    }))
}
