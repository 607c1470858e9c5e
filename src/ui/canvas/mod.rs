//! The canvas: the diagram drawn from its scene, with pan and zoom,
//! selection, and direct manipulation (move, resize, connect, rename).
//!
//! - [`bends`]: the bends of the selected line: handles, dragging one
//!   (or a new one out of the line), removing one.
//! - [`camera`]: pan/zoom and the `screen_from_diagram` transform.
//! - [`draw`]: painting a scene's primitives, culled and crisp.
//! - [`hit`]: what is under the pointer.
//! - [`interact`]: the pointer state machine (drags, clicks).
//! - [`legend`]: the legend over the canvas, dragged where it is wanted.
//! - [`overlay`]: what is drawn over the scene (selection, handles, grid,
//!   marquee, hints) and the in-place editors.
//! - [`painted`]: the last painting of the scene, tessellated, reused
//!   while neither the scene nor the camera changes.
//! - [`preview`]: what a drag shows before it is committed.
//!
//! The canvas never changes the document: it pushes [`Action`]s.

mod bends;
mod blast_paths;
pub mod camera;
mod draw;
mod drawn;
mod guides;
pub mod hit;
mod interact;
mod legend;
mod overlay;
mod painted;
mod preview;

use self::camera::{Camera, LegendRects, Transform};
pub(crate) use self::draw::paint_primitives;
use self::drawn::Drawn;
use self::interact::{ConnectMenu, Drag, Rename};
use crate::edit::ElementRef;
use crate::model::{Point, Rect};
use crate::scene::{self, SceneOptions};
use crate::theme::ui::{FIT_MARGIN, OPEN_MIN_NAME_PX, ZOOM_STEP};
use crate::ui::actions::Action;
use crate::ui::colors::color32;
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::view::ViewState;
use egui::{Id, Sense, Ui, Vec2};
use std::sync::Arc;

/// What to frame once the canvas knows its size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fit {
    /// The whole diagram.
    Diagram,
    /// This rectangle (diagram coordinates).
    Rect(Rect),
    /// A diagram just opened: the whole of it if names stay readable,
    /// otherwise readable names where the most serious finding is (or the
    /// top-left) — see [`Camera::opening`].
    Open,
}

/// The scene of the current document state and view, rebuilt only when
/// either changes (patched when only geometry changed).
#[derive(Default)]
struct SceneCache {
    /// Revision, findings (their generation), view, theme, and the blast
    /// radius shown (its generation).
    key: Option<(u64, u64, scene::View, bool, usize)>,
    scene: Option<Arc<Drawn>>,
}

/// The canvas's state between frames.
#[derive(Default)]
pub struct Canvas {
    /// Pan and zoom.
    pub camera: Camera,
    drag: Option<Drag>,
    connect_menu: Option<ConnectMenu>,
    rename: Option<Rename>,
    fit: Option<Fit>,
    /// The last fit, applied again when the canvas changes size, until the
    /// user moves the camera themselves.
    auto_fit: Option<Fit>,
    size: Vec2,
    cache: SceneCache,
    /// Where the pointer is, in diagram coordinates, when over the canvas.
    pointer: Option<Point>,
    /// Where the context menu was opened, in diagram coordinates.
    context_at: Option<Point>,
    /// The blast radius to highlight, if one is shown.
    blast: Option<Arc<crate::ui::blast_ui::Blast>>,
    /// Counts changes of `blast`, so the scene cache knows when to rebuild.
    blast_generation: usize,
    /// The canvas's top-left on screen, as of the last frame.
    origin: egui::Pos2,
    /// While the legend is dragged: its top-left on screen (before it is
    /// kept on the canvas).
    legend_drag: Option<egui::Pos2>,
    /// Where the legend is, relative to the canvas's top-left, as of the
    /// last frame (`None` when it is not shown): what framing keeps clear.
    legend_rects: Option<LegendRects>,
    /// What the last framing command framed (diagram coordinates) and the
    /// camera it gave: until the camera moves, the legend folds into its
    /// chip rather than cover it.
    framed: Option<(Rect, Camera)>,
    /// The scene as painted last frame (see [`painted`]).
    painted: std::sync::Mutex<painted::PaintCache>,
}

impl Canvas {
    /// The id of the canvas widget.
    #[must_use]
    pub fn id() -> Id {
        Id::unique("seams-canvas")
    }

    /// Frames `fit` on the next frame (when the canvas size is known).
    pub fn request_fit(&mut self, fit: Fit) {
        self.fit = Some(fit);
    }

    /// Brings `rect` (diagram coordinates) into view: nothing moves when it
    /// is in view already and clear of the legend; otherwise the camera
    /// pans to centre it (clear of the legend, see
    /// [`Camera::centring_clear_of`]), and zooms out only when it does not
    /// fit at the current zoom.
    pub fn reveal(&mut self, rect: Rect) {
        let t = Transform {
            camera: self.camera,
            origin: egui::Pos2::ZERO,
        };
        let visible = t.diagram_rect(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size));
        let margin = t.diagram_len(FIT_MARGIN);
        let under_legend = self
            .legend_rects
            .is_some_and(|legend| t.screen_rect(&rect).intersects(legend.open));
        if self.size.x <= 0.0 || (visible.contains_rect(&rect.expand(margin)) && !under_legend) {
            return;
        }
        let zoom = self.camera.zoom;
        let fits = rect.w * zoom + 2.0 * FIT_MARGIN <= self.size.x
            && rect.h * zoom + 2.0 * FIT_MARGIN <= self.size.y;
        if fits {
            self.camera =
                Camera::centring_clear_of(&rect, self.size, zoom, FIT_MARGIN, self.legend_rects);
            self.framed = Some((rect, self.camera));
            self.auto_fit = None;
        } else {
            self.request_fit(Fit::Rect(rect));
        }
    }

    /// Zooms by `factor` around the centre of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        self.auto_fit = None;
        self.camera.zoom_around(factor, self.size / 2.0);
    }

    /// Zooms in one step.
    pub fn zoom_in(&mut self) {
        self.zoom_by(ZOOM_STEP);
    }

    /// Zooms out one step.
    pub fn zoom_out(&mut self) {
        self.zoom_by(1.0 / ZOOM_STEP);
    }

    /// Back to 100%, keeping the centre.
    pub fn zoom_reset(&mut self) {
        let factor = 1.0 / self.camera.zoom;
        self.zoom_by(factor);
    }

    /// Cancels whatever the pointer is doing (a drag, the kind chooser, a
    /// rename). Returns whether there was something to cancel.
    pub fn cancel(&mut self) -> bool {
        let busy = self.is_busy();
        self.drag = None;
        self.legend_drag = None;
        self.connect_menu = None;
        self.rename = None;
        busy
    }

    /// The selection a marquee drag started with, to give back when the
    /// drag is cancelled (the marquee changes the selection as it grows).
    #[must_use]
    pub fn selection_before_marquee(&self) -> Option<&std::collections::BTreeSet<ElementRef>> {
        match &self.drag {
            Some(Drag::Marquee { before, .. }) => Some(before),
            _ => None,
        }
    }

    /// How many alignment guides the drag under way shows.
    #[must_use]
    pub fn alignment_guides(&self) -> usize {
        match &self.drag {
            Some(Drag::Move { guides, .. }) => guides.len(),
            Some(Drag::Bend(drag)) => drag.guides.len(),
            _ => 0,
        }
    }

    /// Whether a drag is under way (of the diagram, or of the legend).
    #[must_use]
    pub fn is_dragging(&self) -> bool {
        self.drag.is_some() || self.legend_drag.is_some()
    }

    /// Starts renaming `element` in place.
    pub fn start_rename(&mut self, element: ElementRef, document: &OpenDiagram) {
        self.start_rename_with(element, document, false);
    }

    /// Starts naming a module or unit that was just created: the name typed
    /// also gives it its id (see [`crate::edit::naming::name_new`]).
    pub fn start_naming_new(&mut self, element: ElementRef, document: &OpenDiagram) {
        self.start_rename_with(element, document, true);
    }

    fn start_rename_with(
        &mut self,
        element: ElementRef,
        document: &OpenDiagram,
        id_from_name: bool,
    ) {
        let diagram = &document.diagram;
        let text = match &element {
            ElementRef::Module(id) => diagram.module(id.as_str()).map(|m| m.name.clone()),
            ElementRef::Unit(id) => diagram.unit(id.as_str()).map(|u| u.name.clone()),
            ElementRef::Interface(id) => diagram.interface(id.as_str()).map(|f| f.label.clone()),
        };
        if let Some(text) = text {
            self.rename = Some(Rename {
                element,
                text,
                focused: false,
                id_from_name,
            });
        }
    }

    /// Whether an element is being renamed in place.
    #[must_use]
    pub fn is_renaming(&self) -> bool {
        self.rename.is_some()
    }

    /// The pointer position in diagram coordinates, when over the canvas.
    #[must_use]
    pub fn pointer_in_diagram(&self) -> Option<Point> {
        self.pointer
    }

    /// The diagram point at the centre of the canvas.
    #[must_use]
    pub fn center_in_diagram(&self) -> Point {
        let t = Transform {
            camera: self.camera,
            origin: egui::Pos2::ZERO,
        };
        t.diagram_from_screen((self.size / 2.0).to_pos2())
    }

    /// Where one end of an interface's arrow is on screen, as of the last
    /// frame (for tools and tests that drag it).
    #[must_use]
    pub fn interface_end_on_screen(
        &self,
        id: &str,
        end: crate::edit::ops::End,
    ) -> Option<egui::Pos2> {
        let scene = self.cache.scene.as_ref()?;
        let (from, to) = scene.interface_ends(id)?;
        let t = Transform {
            camera: self.camera,
            origin: self.origin,
        };
        Some(t.screen_from_diagram(match end {
            crate::edit::ops::End::From => from,
            crate::edit::ops::End::To => to,
        }))
    }

    /// The zoom factor.
    #[must_use]
    pub fn zoom(&self) -> f32 {
        self.camera.zoom
    }

    /// Highlights `blast` (dimming the rest) from the next scene on.
    pub fn set_blast(&mut self, blast: Option<Arc<crate::ui::blast_ui::Blast>>) {
        let same = match (&self.blast, &blast) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same {
            self.blast_generation = self.blast_generation.wrapping_add(1);
        }
        self.blast = blast;
    }

    /// Whether the pointer is in the middle of something Escape cancels
    /// first (a drag, the kind chooser, a rename).
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.is_dragging() || self.connect_menu.is_some() || self.rename.is_some()
    }

    /// The blast radius being highlighted, if any.
    #[must_use]
    pub fn blast(&self) -> Option<Arc<crate::ui::blast_ui::Blast>> {
        self.blast.clone()
    }

    /// The scene for the document's current state and the view, built when
    /// either has changed since the last call.
    pub(crate) fn scene(&mut self, document: &OpenDiagram, view: &ViewState) -> Arc<Drawn> {
        let key = (
            document.revision(),
            document.report_generation(),
            view.color_by,
            view.dark,
            self.blast_generation,
        );
        if self.cache.key == Some(key)
            && let Some(scene) = &self.cache.scene
        {
            return Arc::clone(scene);
        }
        let mut options = SceneOptions::new(view.color_by, view.dark);
        options.highlight = self.blast.as_ref().map(|b| b.highlight.clone());
        if let Some(patched) = self.patched(document, key, &options) {
            return patched;
        }
        let forest = document.forest();
        let scene =
            scene::build_with_forest(&document.diagram, &forest, document.last_report(), &options);
        let old = std::mem::take(&mut self.cache).scene;
        // Freeing a big scene (tens of thousands of shapes and strings)
        // takes milliseconds: let another thread do it.
        let built = match old.map(Arc::try_unwrap) {
            // Nothing else holds the last scene: re-index from it.
            Some(Ok(previous)) => {
                let (built, old) = previous.replaced(scene);
                if drawn::is_large_scene(&old) {
                    std::thread::spawn(move || drop(old));
                }
                built
            }
            _ => Drawn::new(scene),
        };
        let built = Arc::new(built);
        self.cache = SceneCache {
            key: Some(key),
            scene: Some(Arc::clone(&built)),
        };
        built
    }

    /// The cached scene patched up to `key` when the only change since it
    /// is one step that moved or resized things (a drag's commit, a
    /// nudge, an undo of either) and nothing else in the key changed.
    fn patched(
        &mut self,
        document: &OpenDiagram,
        key: (u64, u64, scene::View, bool, usize),
        options: &SceneOptions,
    ) -> Option<Arc<Drawn>> {
        let (revision, rest) = (key.0, (key.1, key.2, key.3, key.4));
        let (cached, cached_rest) = self.cache.key.map(|k| (k.0, (k.1, k.2, k.3, k.4)))?;
        if cached_rest != rest {
            return None;
        }
        let touched = document.geometry_change(cached, revision)?;
        // A geometry step leaves the forest as it was: the document keeps it.
        let forest = document.forest();
        let mut drawn = Arc::try_unwrap(self.cache.scene.take()?)
            .map_err(|shared| self.cache.scene = Some(shared))
            .ok()?;
        let done = drawn.patch(&document.diagram, &forest, options, touched);
        let drawn = Arc::new(drawn);
        self.cache.scene = Some(Arc::clone(&drawn));
        if !done {
            return None;
        }
        self.cache.key = Some(key);
        Some(drawn)
    }

    /// Shows the canvas in all of `ui`'s remaining space.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        document: &OpenDiagram,
        view: &ViewState,
        actions: &mut Vec<Action>,
    ) {
        let rect = ui.available_rect_before_wrap();
        let response = ui.interact(rect, Self::id(), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Canvas"));
        ui.advance_cursor_after_rect(rect);
        if rect.size() != self.size && self.fit.is_none() {
            self.fit = self.auto_fit;
        }
        self.size = rect.size();
        self.origin = rect.min;
        let scene = self.scene(document, view);
        let legend_layout = legend::layout(ui, &scene);
        self.legend_rects = legend::placed(self, view, legend_layout.as_ref(), rect).map(|p| {
            let to_canvas = -rect.min.to_vec2();
            LegendRects {
                open: p.open.translate(to_canvas),
                chip: p.chip.translate(to_canvas),
            }
        });

        if let Some(fit) = self.fit.take() {
            self.apply_fit(fit, scene.bounds, document, rect.size());
        }
        interact::scroll_and_zoom(self, ui, &response, rect);
        let t = Transform {
            camera: self.camera,
            origin: rect.min,
        };
        self.pointer = response
            .hover_pos()
            .or_else(|| response.interact_pointer_pos())
            .map(|p| t.diagram_from_screen(p));

        let cx = interact::CanvasContext {
            t: &t,
            document,
            view,
            scene: &scene,
        };
        interact::handle(self, ui, &response, &cx, actions);

        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, color32(scene.palette.background));
        if view.show_grid {
            overlay::grid(&painter, &t, rect, view.dark);
        }
        let visible = t.diagram_rect(rect);
        overlay::paint_document(self, &painter, &t, &visible, view, &scene);
        if let Some(blast) = &self.blast {
            blast_paths::paint_paths(&painter, &t, &scene, blast, view.dark);
        }
        overlay::accessibility(ui, &t, rect, &scene, document, view);
        bends::accessibility(ui, &t, rect, document, view);
        overlay::decorations(self, &painter, &t, document, view, &scene, &response);
        if let Some(Drag::Move { guides, .. }) = &self.drag {
            guides::paint(&painter, &t, guides, view.dark);
        }
        if let Some(layout) = &legend_layout {
            legend::show(self, ui, &t, view, &scene, layout, actions);
        }
        if document.diagram.modules.is_empty() && document.diagram.units.is_empty() {
            overlay::empty_hint(&painter, rect, view.dark);
        }
        overlay::rename_editor(self, ui, &t, document, &scene, actions);
        overlay::connect_menu(self, ui, document, actions);
        interact::context_menu(self, &response, document, view, actions);
    }
}

impl Canvas {
    /// Points the camera at what `fit` frames, clear of the legend (the one
    /// place every framing command ends up).
    fn apply_fit(
        &mut self,
        fit: Fit,
        diagram_bounds: Option<Rect>,
        document: &OpenDiagram,
        size: Vec2,
    ) {
        let bounds = match fit {
            Fit::Diagram | Fit::Open => diagram_bounds,
            Fit::Rect(r) => Some(r),
        };
        if let Some(bounds) = bounds {
            let legend = self.legend_rects;
            self.camera = if fit == Fit::Open {
                let focus = worst_finding_bounds(document);
                let min_zoom = OPEN_MIN_NAME_PX / crate::theme::MODULE_FONT_SIZE;
                Camera::opening(&bounds, focus.as_ref(), size, FIT_MARGIN, min_zoom, legend)
            } else {
                Camera::framing_clear_of(&bounds, size, FIT_MARGIN, legend)
            };
            self.framed = Some((bounds, self.camera));
        }
        self.auto_fit = Some(fit);
    }
}

/// Where the first of the most serious findings not accepted is: the
/// bounds of its elements, and of the first (the one it is about).
fn worst_finding_bounds(document: &OpenDiagram) -> Option<camera::Focus> {
    let findings = &document.last_report().findings;
    let worst = findings
        .iter()
        .filter(|f| !f.is_accepted())
        .map(|f| f.severity)
        .max()?;
    let finding = findings
        .iter()
        .find(|f| !f.is_accepted() && f.severity == worst)?;
    let elements: Vec<ElementRef> = finding
        .elements
        .iter()
        .filter_map(|id| ElementRef::find(&document.diagram, id))
        .collect();
    Some(camera::Focus {
        area: crate::edit::geometry::bounds_of(&document.diagram, &elements)?,
        subject: crate::edit::geometry::bounds_of(&document.diagram, elements.get(..1)?)?,
    })
}
