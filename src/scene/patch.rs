//! Bringing a scene up to date after an edit that changed only geometry
//! (a move, a resize, a nudge, waypoints), without building it again.
//!
//! Such an edit changes no draw order (units are drawn by depth, the rest
//! in file order), no colour, no text and no finding, only where things
//! are. So the patch draws again what it touched, with the same functions
//! a build uses:
//!
//! 1. the touched units and modules;
//! 2. the lines of the touched interfaces and of every interface with an
//!    end in a touched module (their fan of parallel lines counted again);
//! 3. labels: the placer is filled as a build fills it, label after label;
//!    a label is placed again when its line was drawn again or when a box,
//!    title band or label that moved lies where it could go, and otherwise
//!    keeps its place (placement looks only at what overlaps those spots);
//! 4. the badges of everything drawn again;
//! 5. the primitives spliced in (in place when their counts are the same)
//!    and the bounds computed again.
//!
//! The result equals [`super::build`] of the edited diagram (a test holds
//! it to that); anything else (an element appearing or disappearing, the
//! `only` or `hidden` options, most of the diagram moved) is left to a
//! build: [`patch`] returns `None`.

use super::build::{
    badge_center, interface_badge_center, interface_shape, label_placer, module_shape, place_label,
    scene_bounds, unit_shape,
};
use super::context::{Context, ElementFindings, FastMap};
use super::draw::{Builder, edge_label_rect, over, unit_style};
use super::labels::CLEARANCE;
use super::{InterfaceShape, Primitive, Scene, SceneOptions, geom};
use crate::model::{Diagram, Forest, Point, Rect, Touched};
use crate::theme::Rgba;
use std::ops::Range;

/// What a patch changed: positions in the scene's lists, each with the
/// rectangle it had before (a box; an interface's bounds; the square
/// around a badge), so that indexes over them can follow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changed {
    /// Positions in [`Scene::units`].
    pub units: Vec<(usize, Rect)>,
    /// Positions in [`Scene::interfaces`].
    pub interfaces: Vec<(usize, Rect)>,
    /// Positions in [`Scene::modules`].
    pub modules: Vec<(usize, Rect)>,
    /// Positions in [`Scene::badges`].
    pub badges: Vec<(usize, Rect)>,
}

/// Touching more boxes than this share (1 in `MAX_SHARE`) of all of them,
/// and more than `MIN_ELEMENTS`, a build costs about what a patch does.
const MAX_SHARE: usize = 4;
const MIN_ELEMENTS: usize = 64;

/// Brings `scene` up to date with `diagram` after an edit that changed
/// only the geometry of what `touched` lists. `scene` must have been built
/// (or patched) with `options` and the same findings from the diagram
/// before the edit, and `forest` must be the forest of either (a geometry
/// edit leaves it as it was). Returns what changed, or `None` (leaving
/// `scene` as it was) when a build is needed instead.
pub fn patch(
    scene: &mut Scene,
    diagram: &Diagram,
    forest: &Forest,
    options: &SceneOptions,
    touched: &Touched,
) -> Option<Changed> {
    if options.only.is_some() || !options.hidden.is_empty() || scene.view != options.view {
        return None;
    }
    let boxes = touched.modules.len() + touched.units.len();
    if boxes > MIN_ELEMENTS && boxes * MAX_SHARE > diagram.modules.len() + diagram.units.len() {
        return None;
    }
    let cx = Context::new(diagram, forest, options);
    let plan = Plan::new(scene, &cx, touched)?;
    let mut patcher = Patcher {
        cx: &cx,
        scene,
        builder: Builder {
            palette: cx.palette,
            primitives: Vec::new(),
        },
        replacements: Vec::new(),
        changed: Changed::default(),
        moved: Vec::new(),
    };
    patcher.boxes(&plan);
    patcher.interfaces(&plan);
    patcher.badges(&plan);
    let Patcher {
        scene,
        replacements,
        changed,
        ..
    } = patcher;
    splice(scene, replacements);
    scene.bounds = scene_bounds(
        &scene.units,
        &scene.modules,
        &scene.interfaces,
        &scene.badges,
    );
    Some(changed)
}

/// What to draw again, by position in the scene's lists.
struct Plan {
    /// Units and modules with their new rectangles.
    units: Vec<(usize, Rect)>,
    modules: Vec<(usize, Rect)>,
    /// Per interface shape: its ends, and when its line is drawn again,
    /// its place in its fan (`k`-th of `n`).
    ends: Vec<(usize, usize)>,
    redraw: Vec<Option<(usize, usize)>>,
}

impl Plan {
    fn new(scene: &Scene, cx: &Context, touched: &Touched) -> Option<Self> {
        let diagram = cx.diagram;
        let mut module_touched = vec![false; diagram.modules.len()];
        let mut modules = Vec::with_capacity(touched.modules.len());
        for &i in &touched.modules {
            if i >= diagram.modules.len() {
                return None;
            }
            let drawn = scene.modules.binary_search_by_key(&i, |m| m.index).ok();
            match (drawn, cx.module_rect(i)) {
                (Some(k), Some(rect)) => {
                    modules.push((k, rect));
                    module_touched[i] = true;
                }
                (None, None) => {}
                _ => return None,
            }
        }
        let mut unit_at = vec![None; diagram.units.len()];
        for (k, u) in scene.units.iter().enumerate() {
            *unit_at.get_mut(u.index)? = Some(k);
        }
        let mut units = Vec::with_capacity(touched.units.len());
        for &i in &touched.units {
            match (*unit_at.get(i)?, diagram.units[i].rect) {
                (Some(k), Some(rect)) => units.push((k, rect)),
                (None, None) => {}
                _ => return None,
            }
        }
        for list in [&mut modules, &mut units] {
            list.sort_by_key(|&(k, _)| k);
            list.dedup_by_key(|&mut (k, _)| k);
        }

        let ends = scene
            .interfaces
            .iter()
            .map(|s| cx.forest.ends(s.index))
            .collect::<Option<Vec<_>>>()?;
        let mut redraw_line = vec![false; scene.interfaces.len()];
        for &i in &touched.interfaces {
            if i >= diagram.interfaces.len() {
                return None;
            }
            if let Ok(k) = scene.interfaces.binary_search_by_key(&i, |s| s.index) {
                redraw_line[k] = true;
            }
        }
        for (k, &(f, t)) in ends.iter().enumerate() {
            redraw_line[k] |= module_touched[f] || module_touched[t];
        }
        // Each line drawn again keeps its place in its fan: count the
        // lines of those pairs, in order.
        let pair = |(f, t): (usize, usize)| (f.min(t), f.max(t));
        let mut fans: FastMap<(usize, usize), usize> = FastMap::default();
        for (k, &e) in ends.iter().enumerate() {
            if redraw_line[k] {
                fans.insert(pair(e), 0);
            }
        }
        let mut ordinal = vec![0; ends.len()];
        for (k, &e) in ends.iter().enumerate() {
            if let Some(count) = fans.get_mut(&pair(e)) {
                ordinal[k] = *count;
                *count += 1;
            }
        }
        let redraw = (0..ends.len())
            .map(|k| redraw_line[k].then(|| (ordinal[k], fans[&pair(ends[k])])))
            .collect();
        Some(Plan {
            units,
            modules,
            ends,
            redraw,
        })
    }
}

/// The work of one patch.
struct Patcher<'a, 's> {
    cx: &'a Context<'a>,
    scene: &'s mut Scene,
    builder: Builder,
    /// Old ranges of primitives and what replaces them.
    replacements: Vec<(Range<usize>, Vec<Primitive>)>,
    changed: Changed,
    /// Obstacles of label placement that moved (where they were and are).
    moved: Vec<Rect>,
}

impl Patcher<'_, '_> {
    /// The primitives drawn since the last call, to replace `old`.
    fn replace(&mut self, old: Range<usize>) {
        let new = std::mem::take(&mut self.builder.primitives);
        self.replacements.push((old, new));
    }

    /// Step 1: units and modules.
    fn boxes(&mut self, plan: &Plan) {
        let cx = self.cx;
        for &(k, rect) in &plan.units {
            let i = self.scene.units[k].index;
            let backdrop =
                (!cx.options.transparent).then(|| backdrop(cx, i).unwrap_or(cx.palette.background));
            let (mut shape, _) = unit_shape(cx, &mut self.builder, i, rect, backdrop);
            let old = &self.scene.units[k];
            shape.primitives = old.primitives.clone();
            if old.title_rect != shape.title_rect {
                self.moved.extend([old.title_rect, shape.title_rect]);
            }
            let old = std::mem::replace(&mut self.scene.units[k], shape);
            self.replace(old.primitives);
            self.changed.units.push((k, old.rect));
        }
        for &(k, rect) in &plan.modules {
            let i = self.scene.modules[k].index;
            let mut shape = module_shape(cx, &mut self.builder, i, rect);
            let old = &self.scene.modules[k];
            shape.primitives = old.primitives.clone();
            if old.rect != rect {
                self.moved.extend([old.rect, rect]);
            }
            let old = std::mem::replace(&mut self.scene.modules[k], shape);
            self.replace(old.primitives);
            self.changed.modules.push((k, old.rect));
        }
    }

    /// Steps 2 and 3: lines drawn again, and labels, in a build's order.
    fn interfaces(&mut self, plan: &Plan) {
        let cx = self.cx;
        // The badges, set aside while the interfaces change: their
        // severities colour the lines drawn again.
        let badges = std::mem::take(&mut self.scene.badges);
        let severity: FastMap<&str, Option<crate::rules::Severity>> = badges
            .iter()
            .map(|b| (b.element.as_str(), b.severity))
            .collect();
        let mut placer = self
            .scene
            .interfaces
            .iter()
            .any(|s| !s.label_primitives.is_empty())
            .then(|| {
                label_placer(
                    self.scene.modules.iter().map(|m| m.rect),
                    self.scene.units.iter().map(|u| u.title_rect),
                    cx.diagram.interfaces.len(),
                )
            });
        for k in 0..self.scene.interfaces.len() {
            if let Some(fan) = plan.redraw[k] {
                let old = self.scene.interfaces[k].clone();
                let old_label = label_of(&old, &self.scene.primitives).map(|(rect, _)| rect);
                let (f, t) = plan.ends[k];
                let (Some(from), Some(to)) = (cx.module_rect(f), cx.module_rect(t)) else {
                    continue;
                };
                let finding = severity.get(old.id.as_str()).copied().flatten();
                let (mut shape, text) = interface_shape(
                    cx,
                    &mut self.builder,
                    old.index,
                    (f, t),
                    (from, to),
                    fan,
                    finding,
                );
                self.replace(old.primitives.clone());
                shape.primitives = old.primitives;
                if let Some(placer) = placer.as_mut().filter(|_| !text.is_empty()) {
                    place_label(&mut shape, &text, placer);
                }
                self.relabel(&mut shape, old_label, &text, k);
                self.scene.interfaces[k] = shape;
                self.changed.interfaces.push((k, old.bounds));
                continue;
            }
            let Some(placer) = placer.as_mut() else {
                continue;
            };
            let old = &self.scene.interfaces[k];
            let Some((rect, text)) = label_of(old, &self.scene.primitives) else {
                continue;
            };
            let area = geom::bounds_of(&old.path);
            let area = Rect::new(
                area.x - rect.w / 2.0 - CLEARANCE,
                area.y - rect.h / 2.0 - CLEARANCE,
                area.w + rect.w + 2.0 * CLEARANCE,
                area.h + rect.h + 2.0 * CLEARANCE,
            );
            if !self.moved.iter().any(|m| m.intersects(&area)) {
                placer.add_placed(rect);
                continue;
            }
            let at = placer.place(&old.path, text);
            if at == old.label_pos {
                continue;
            }
            // The line stays; its bounds take the label where it goes.
            let text = text.to_owned();
            let mut shape = old.clone();
            let mut scratch = Builder {
                palette: cx.palette,
                primitives: Vec::new(),
            };
            let finding = severity.get(old.id.as_str()).copied().flatten();
            let heads = scratch.interface_line(
                old.kind,
                &old.path,
                finding,
                old.dimmed,
                cx.selected(old.id.as_str()),
            );
            shape.bounds = geom::bounds_of(&old.path)
                .union(&heads)
                .union(&edge_label_rect(at, &text));
            shape.label_pos = at;
            self.relabel(&mut shape, Some(rect), &text, k);
            let old = std::mem::replace(&mut self.scene.interfaces[k], shape);
            self.changed.interfaces.push((k, old.bounds));
        }
        drop(severity);
        self.scene.badges = badges;
    }

    /// Draws the label `text` of `shape` (interface shape `k`) again where
    /// it now is; a label that moved from `old` becomes a moved obstacle.
    fn relabel(&mut self, shape: &mut InterfaceShape, old: Option<Rect>, text: &str, k: usize) {
        let old_range = self.scene.interfaces[k].label_primitives.clone();
        shape.label_primitives = old_range.clone();
        if text.is_empty() {
            return;
        }
        let new = edge_label_rect(shape.label_pos, text);
        if old != Some(new) {
            self.moved.extend(old);
            self.moved.push(new);
        }
        self.builder
            .edge_label(shape.label_pos, text.to_owned(), shape.dimmed);
        self.replace(old_range);
    }

    /// Step 4: the badges of what was drawn again.
    fn badges(&mut self, plan: &Plan) {
        let scene = &*self.scene;
        let mut centers: FastMap<&str, (Point, bool)> = FastMap::default();
        for &(k, _) in &plan.units {
            let u = &scene.units[k];
            centers.insert(u.id.as_str(), (badge_center(u.rect), u.dimmed));
        }
        for &(k, _) in &plan.modules {
            let m = &scene.modules[k];
            centers.insert(m.id.as_str(), (badge_center(m.rect), m.dimmed));
        }
        for &(k, _) in &self.changed.interfaces {
            let f = &scene.interfaces[k];
            let label =
                label_of(f, &scene.primitives).map(|(_, text)| edge_label_rect(f.label_pos, text));
            centers.insert(
                f.id.as_str(),
                (interface_badge_center(f.label_pos, label), f.dimmed),
            );
        }
        let mut redrawn = Vec::new();
        for (b, badge) in scene.badges.iter().enumerate() {
            if let Some(&(center, dimmed)) = centers.get(badge.element.as_str())
                && center != badge.center
            {
                redrawn.push((b, center, dimmed));
            }
        }
        for (b, center, dimmed) in redrawn {
            let badge = &self.scene.badges[b];
            let found = ElementFindings {
                worst: badge.severity,
                unaccepted: badge.count,
                accepted: badge.count,
                messages: Vec::new(),
            };
            let old = badge.rect();
            let range = badge.primitives.clone();
            let (radius, _) = self.builder.badge(center, &found, dimmed);
            self.replace(range);
            let badge = &mut self.scene.badges[b];
            badge.center = center;
            badge.radius = radius;
            self.changed.badges.push((b, old));
        }
    }
}

/// The background rectangle and text of an interface's label, read from
/// its primitives; `None` when it has no label.
fn label_of<'p>(shape: &InterfaceShape, primitives: &'p [Primitive]) -> Option<(Rect, &'p str)> {
    let range = shape.label_primitives.clone();
    match primitives.get(range)? {
        [Primitive::Rect { rect, .. }, Primitive::Text(text), ..] => Some((*rect, &text.text)),
        _ => None,
    }
}

/// The fill under unit `i`: its parent's when that is drawn (the parent's
/// tint over what is under it), `None` for the background.
fn backdrop(cx: &Context, i: usize) -> Option<Rgba> {
    let parent = cx.forest.parent(i)?;
    // Drawn units are the ones with a rectangle (a patch never runs with
    // `only` or `hidden`).
    let unit = &cx.diagram.units[parent];
    unit.rect?;
    let strong = unit.isolation >= cx.diagram.settings.strong_isolation;
    let (fill, _) = unit_style(&cx.palette, unit, strong);
    let under = backdrop(cx, parent).unwrap_or(cx.palette.background);
    Some(over(under, fill))
}

/// Puts the new primitives in place of the old ranges and moves every
/// shape's range to match: in place when every replacement is as long as
/// what it replaces, otherwise into a new vector (the old primitives
/// moved, not cloned).
fn splice(scene: &mut Scene, mut replacements: Vec<(Range<usize>, Vec<Primitive>)>) {
    replacements.retain(|(old, new)| !(old.is_empty() && new.is_empty()));
    replacements.sort_by_key(|(old, _)| old.start);
    if replacements.iter().all(|(old, new)| old.len() == new.len()) {
        for (old, new) in replacements {
            for (slot, p) in scene.primitives[old].iter_mut().zip(new) {
                *slot = p;
            }
        }
        return;
    }
    let mut starts = Vec::with_capacity(replacements.len());
    let mut lengths = Vec::with_capacity(replacements.len());
    // shift[j]: how far the primitives after the first `j` replacements move.
    let mut shift: Vec<isize> = Vec::with_capacity(replacements.len() + 1);
    shift.push(0);
    let old = std::mem::take(&mut scene.primitives);
    let grown: usize = replacements.iter().map(|(_, new)| new.len()).sum();
    let mut out = Vec::with_capacity(old.len() + grown);
    let mut rest = old.into_iter();
    let mut at = 0;
    for (range, new) in replacements {
        out.extend(rest.by_ref().take(range.start - at));
        rest.by_ref().take(range.len()).for_each(drop);
        at = range.end;
        starts.push(range.start);
        lengths.push((range.len(), new.len()));
        let last = shift[shift.len() - 1];
        shift.push(last + new.len() as isize - range.len() as isize);
        out.extend(new);
    }
    out.extend(rest);
    scene.primitives = out;
    let remap = |r: &mut Range<usize>| {
        let j = starts.partition_point(|&s| s < r.start);
        let start = r.start.saturating_add_signed(shift[j]);
        let len = match (starts.get(j), lengths.get(j)) {
            (Some(&s), Some(&(old, new))) if s == r.start && old == r.len() && old > 0 => new,
            _ => r.len(),
        };
        *r = start..start + len;
    };
    for u in &mut scene.units {
        remap(&mut u.primitives);
    }
    for f in &mut scene.interfaces {
        remap(&mut f.primitives);
        remap(&mut f.label_primitives);
    }
    for m in &mut scene.modules {
        remap(&mut m.primitives);
    }
    for b in &mut scene.badges {
        remap(&mut b.primitives);
    }
}
