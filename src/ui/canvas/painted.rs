//! The canvas's last painting of its scene, reused while neither the scene
//! nor the camera changes.
//!
//! Most frames of an editor change neither (the pointer moved, a panel
//! repainted, a check finished with the same findings), yet turning a few
//! thousand primitives into egui shapes and tessellating them is most of
//! such a frame. So the painting is kept tessellated: runs of shapes become
//! one mesh each, handed to egui again as they are. Text stays apart, as
//! the primitive it comes from, laid out every frame: glyphs live in egui's
//! font atlas, which may be rebuilt between frames.

use super::camera::Transform;
use super::draw::{paint_primitive, scene_shapes, visible_ranges};
use super::drawn::Drawn;
use crate::model::Rect;
use crate::scene::Primitive;
use crate::theme::ui::LOD_ZOOM;
use egui::epaint::{Mesh, TessellationOptions, Tessellator};
use egui::{Pos2, Shape, Vec2};
use std::sync::Mutex;

/// The last painting, and what it was painted from.
#[derive(Default)]
pub(super) struct PaintCache {
    key: Option<PaintKey>,
    items: Vec<Item>,
}

/// One piece of a painting, in paint order.
enum Item {
    /// Shapes tessellated already.
    Mesh(Shape),
    /// A text primitive of the scene (its position in the primitives).
    Text(usize),
}

/// Everything a painting depends on besides the scene's primitives.
#[derive(Clone, Copy, PartialEq)]
struct PaintKey {
    generation: u64,
    pan: Vec2,
    zoom: f32,
    origin: Pos2,
    clip: egui::Rect,
    area: Rect,
    pixels_per_point: f32,
    options: TessellationOptions,
}

/// Paints the parts of `scene` that may lie in `area` (diagram
/// coordinates), as [`super::draw::paint_scene`] does, from `cache` when
/// it holds this very painting.
pub(super) fn paint_cached(
    cache: &Mutex<PaintCache>,
    painter: &egui::Painter,
    scene: &Drawn,
    area: &Rect,
    t: &Transform,
) {
    let ctx = painter.ctx();
    let key = PaintKey {
        generation: scene.generation(),
        pan: t.camera.pan,
        zoom: t.camera.zoom,
        origin: t.origin,
        clip: painter.clip_rect(),
        area: *area,
        pixels_per_point: ctx.pixels_per_point(),
        options: ctx.tessellation_options(|o| *o),
    };
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if cache.key != Some(key) {
        *cache = PaintCache {
            key: Some(key),
            items: paint(painter, scene, area, t, &key),
        };
    }
    let mut shapes = Vec::with_capacity(cache.items.len());
    for item in &cache.items {
        match item {
            Item::Mesh(mesh) => shapes.push(mesh.clone()),
            Item::Text(i) => {
                if let Some(text) = scene.primitives.get(*i) {
                    paint_primitive(painter, &mut shapes, text, t);
                }
            }
        }
    }
    painter.extend(shapes);
}

/// The painting of `scene` in `area`, tessellated but for its text.
fn paint(
    painter: &egui::Painter,
    scene: &Drawn,
    area: &Rect,
    t: &Transform,
    key: &PaintKey,
) -> Vec<Item> {
    let visible = scene.visible(area);
    if t.camera.zoom < LOD_ZOOM {
        // One plain mesh already, without text.
        return scene_shapes(painter, scene, &visible, t)
            .into_iter()
            .map(Item::Mesh)
            .collect();
    }
    // The font atlas size matters to text only, which is not tessellated
    // here.
    let mut tessellator = Tessellator::new(key.pixels_per_point, key.options, [1, 1], Vec::new());
    tessellator.set_clip_rect(key.clip);
    let mut items = Vec::new();
    let mut mesh = Mesh::default();
    let mut shapes = Vec::new();
    for range in visible_ranges(scene, &visible, true) {
        for i in range {
            let Some(primitive) = scene.primitives.get(i) else {
                continue;
            };
            if let Primitive::Text(_) = primitive {
                if !mesh.is_empty() {
                    items.push(Item::Mesh(Shape::mesh(std::mem::take(&mut mesh))));
                }
                items.push(Item::Text(i));
                continue;
            }
            paint_primitive(painter, &mut shapes, primitive, t);
            for shape in shapes.drain(..) {
                tessellator.tessellate_shape(shape, &mut mesh);
            }
        }
    }
    if !mesh.is_empty() {
        items.push(Item::Mesh(Shape::mesh(mesh)));
    }
    items
}
