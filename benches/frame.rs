//! Whole editor frames, headless: `Context::run_ui` with the real app plus
//! `tessellate` (no GPU), on a 5,000-module diagram with ~10,000 interfaces
//! (issue 13: ≤ 8 ms with all of it in view, ≤ 1 ms zoomed into ~100
//! modules, a nudge (edit, re-check, redraw) ≤ 16 ms, and a module drag
//! stays smooth).

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2};
use seams::document::Loaded;
use seams::layout::{self, Mode};
use seams::model::generate::synthetic;
use seams::ui::SeamsApp;
use seams::ui::actions::Action;
use seams::ui::command::Command;
use std::hint::black_box;

const SCREEN: Vec2 = Vec2::new(1600.0, 1000.0);

struct Editor {
    ctx: egui::Context,
    app: SeamsApp,
    time: f64,
}

impl Editor {
    fn new() -> Self {
        let mut diagram = synthetic(5_000, 42);
        layout::lay_out(&mut diagram, Mode::All);
        let loaded = Loaded::untitled(diagram, "synthetic.ron");
        let mut editor = Editor {
            ctx: egui::Context::default(),
            app: SeamsApp::new(loaded, false),
            time: 0.0,
        };
        // Settle: fit, scene, rules, fonts.
        for _ in 0..5 {
            editor.frame(Vec::new());
        }
        editor
    }

    /// One whole frame: the app's UI, then tessellation. Returns the number
    /// of triangles' vertices, so nothing is optimised away.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }

    /// Zooms in around a module in the middle of the diagram until about
    /// `n` modules are in view (but not below `min_zoom`); returns how many
    /// are.
    fn zoom_into(&mut self, n: usize, min_zoom: f32) -> usize {
        let canvas = self
            .ctx
            .read_response(seams::ui::canvas::Canvas::id())
            .map_or(Rect::from_min_size(Pos2::ZERO, SCREEN), |r| r.rect);
        let diagram = &self.app.document.diagram;
        let rects: Vec<seams::model::Rect> = diagram
            .modules
            .iter()
            .filter_map(seams::model::Module::rect)
            .collect();
        let middle = rects[rects.len() / 2].center();
        let in_view = |zoom: f32| {
            let half = canvas.size() / (2.0 * zoom);
            let view = seams::model::Rect::new(
                middle.x - half.x,
                middle.y - half.y,
                2.0 * half.x,
                2.0 * half.y,
            );
            rects.iter().filter(|r| r.intersects(&view)).count()
        };
        let (mut low, mut high) = (0.01_f32, 4.0_f32);
        for _ in 0..40 {
            let mid = (low * high).sqrt();
            if in_view(mid) > n {
                low = mid;
            } else {
                high = mid;
            }
        }
        let zoom = high.max(min_zoom);
        self.app.canvas.camera = seams::ui::canvas::camera::Camera {
            pan: canvas.size() / 2.0 - Vec2::new(middle.x, middle.y) * zoom,
            zoom,
        };
        for _ in 0..3 {
            self.frame(Vec::new());
        }
        in_view(zoom)
    }

    /// The screen centre of a module near the middle of the view.
    fn module_on_screen(&self) -> Pos2 {
        let camera = self.app.canvas.camera;
        let center = self.app.canvas.center_in_diagram();
        let diagram = &self.app.document.diagram;
        let module = diagram
            .modules
            .iter()
            .filter_map(seams::model::Module::rect)
            .min_by(|a, b| {
                let d = |r: &seams::model::Rect| {
                    (r.center().x - center.x).powi(2) + (r.center().y - center.y).powi(2)
                };
                d(a).total_cmp(&d(b))
            })
            .unwrap_or_default();
        // The canvas sits below the menu bar and tool strip; find its origin
        // from the camera and the centre we know.
        let canvas_origin = self.canvas_origin();
        canvas_origin + camera.pan + Vec2::new(module.center().x, module.center().y) * camera.zoom
    }

    fn canvas_origin(&self) -> Pos2 {
        self.ctx
            .read_response(seams::ui::canvas::Canvas::id())
            .map_or(Pos2::ZERO, |r| r.rect.min)
    }
}

fn pointer(pos: Pos2, pressed: Option<bool>) -> Vec<Event> {
    let mut events = vec![Event::PointerMoved(pos)];
    if let Some(pressed) = pressed {
        events.push(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    events
}

fn frame_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);

    let mut editor = Editor::new();
    // The editor opens at a zoom where names stay readable, which on this
    // diagram shows only part of it: frame all of it.
    editor.app.push(Command::FitDiagram);
    for _ in 0..3 {
        editor.frame(Vec::new());
    }
    println!(
        "diagram: {} modules, {} interfaces, {} units; zoom to fit {:.3}",
        editor.app.document.diagram.modules.len(),
        editor.app.document.diagram.interfaces.len(),
        editor.app.document.diagram.units.len(),
        editor.app.canvas.zoom()
    );
    group.bench_function("5000 modules, all in view", |b| {
        b.iter(|| black_box(editor.frame(Vec::new())));
    });

    // The smallest zoom drawn in full detail (anti-aliased, rounded, with
    // text where readable): the most detailed work per frame.
    let in_view = editor.zoom_into(100, seams::theme::ui::LOD_ZOOM);
    println!(
        "full detail: zoom {:.3}, {in_view} modules in view",
        editor.app.canvas.zoom()
    );
    group.bench_function("5000 modules, full detail at the lowest zoom", |b| {
        b.iter(|| black_box(editor.frame(Vec::new())));
    });

    let in_view = editor.zoom_into(100, 0.0);
    println!(
        "zoomed in: zoom {:.3}, {in_view} modules in view",
        editor.app.canvas.zoom()
    );
    group.bench_function("5000 modules, ~100 in view", |b| {
        b.iter(|| black_box(editor.frame(Vec::new())));
    });

    // Grab a module and keep dragging it: each frame moves the pointer.
    let start = editor.module_on_screen();
    editor.frame(pointer(start, None));
    editor.frame(pointer(start, Some(true)));
    for i in 1..=5 {
        editor.frame(pointer(start + Vec2::new(4.0 * i as f32, 2.0), None));
    }
    assert!(editor.app.canvas.is_dragging(), "the drag started");
    let mut step = 0u32;
    group.bench_function("5000 modules, dragging a module (~100 in view)", |b| {
        b.iter(|| {
            step += 1;
            let offset = Vec2::new(20.0 + (step % 40) as f32, 2.0 + (step % 7) as f32);
            black_box(editor.frame(pointer(start + offset, None)))
        });
    });
    editor.frame(pointer(start, Some(false)));

    // The same drag with everything in view.
    editor.app.push(Command::FitDiagram);
    for _ in 0..3 {
        editor.frame(Vec::new());
    }
    let start = editor.module_on_screen();
    editor.frame(pointer(start, None));
    editor.frame(pointer(start, Some(true)));
    for i in 1..=5 {
        editor.frame(pointer(start + Vec2::new(4.0 * i as f32, 2.0), None));
    }
    group.bench_function("5000 modules, dragging a module (all in view)", |b| {
        b.iter(|| {
            step += 1;
            let offset = Vec2::new(20.0 + (step % 40) as f32, 2.0 + (step % 7) as f32);
            black_box(editor.frame(pointer(start + offset, None)))
        });
    });
    editor.frame(pointer(start, Some(false)));

    // A keyboard nudge in the all-in-view state: the frame that applies the
    // edit and the next one, which re-checks the rules and rebuilds the
    // scene for the new revision.
    editor
        .app
        .push(Action::Select(vec![seams::edit::ElementRef::Module(
            editor.app.document.diagram.modules[0].id.clone(),
        )]));
    editor.frame(Vec::new());
    let mut right = true;
    group.bench_function("5000 modules, a nudge: edit, re-check, redraw", |b| {
        b.iter(|| {
            right = !right;
            let direction = if right {
                seams::ui::command::Direction::Right
            } else {
                seams::ui::command::Direction::Left
            };
            editor.app.push(Command::Nudge(direction, false));
            editor.frame(Vec::new());
            black_box(editor.frame(Vec::new()))
        });
    });
    group.finish();
}

/// The pieces of the frame after an edit, one by one: building the edit,
/// applying it (with validation), the rules, and the scene.
fn edit_path_benches(c: &mut Criterion) {
    use seams::edit::geometry::{Drop, move_elements};
    use seams::edit::{Edit, ElementRef};
    let mut group = c.benchmark_group("edit path, 5000 modules");
    group.sample_size(20);
    let mut diagram = synthetic(5_000, 42);
    layout::lay_out(&mut diagram, Mode::All);
    let module = vec![ElementRef::Module(diagram.modules[0].id.clone())];
    group.bench_function("the revision's forest (Forest::new)", |b| {
        b.iter(|| black_box(seams::model::Forest::new(&diagram)));
    });
    // The editor keeps one forest per revision, across geometry edits.
    let forest = seams::model::Forest::new(&diagram);
    group.bench_function("build a nudge (move_elements)", |b| {
        b.iter(|| {
            black_box(move_elements(
                &diagram,
                &forest,
                &module,
                8.0,
                0.0,
                Drop::KeepUnits,
            ))
        });
    });
    let edit = move_elements(&diagram, &forest, &module, 8.0, 0.0, Drop::KeepUnits).expect("valid");
    group.bench_function("apply it and its inverse (validated)", |b| {
        b.iter(|| {
            let inverse = edit.clone().apply(&mut diagram).expect("valid");
            black_box(inverse.apply(&mut diagram).expect("valid"))
        });
    });
    group.bench_function("Edit::between on an unchanged diagram", |b| {
        b.iter(|| black_box(Edit::between(&diagram, &diagram)));
    });
    group.bench_function("rules::check", |b| {
        b.iter(|| black_box(seams::rules::check(&diagram)));
    });
    let report = seams::rules::check(&diagram);
    let options = seams::scene::SceneOptions::new(seams::scene::View::Trust, false);
    group.bench_function("scene::build", |b| {
        b.iter(|| black_box(seams::scene::build(&diagram, &report, &options)));
    });
    // What the canvas does instead after a geometry edit: apply the nudge
    // and its inverse as above, patching the scene after each (so this
    // minus "apply it and its inverse" is two patches).
    let forest = seams::model::Forest::new(&diagram);
    let mut scene = seams::scene::build(&diagram, &report, &options);
    let before = diagram.clone();
    let inverse = edit.clone().apply(&mut diagram).expect("valid");
    let changed = |a: &[seams::model::Module], b: &[seams::model::Module]| -> Vec<usize> {
        (0..a.len()).filter(|&i| a[i] != b[i]).collect()
    };
    let touched = seams::model::Touched {
        modules: changed(&before.modules, &diagram.modules),
        units: (0..before.units.len())
            .filter(|&i| before.units[i] != diagram.units[i])
            .collect(),
        interfaces: (0..before.interfaces.len())
            .filter(|&i| before.interfaces[i] != diagram.interfaces[i])
            .collect(),
    };
    inverse.apply(&mut diagram).expect("valid");
    group.bench_function("apply it and its inverse, patching the scene", |b| {
        b.iter(|| {
            let inverse = edit.clone().apply(&mut diagram).expect("valid");
            let one = seams::scene::patch(&mut scene, &diagram, &forest, &options, &touched);
            inverse.apply(&mut diagram).expect("valid");
            let two = seams::scene::patch(&mut scene, &diagram, &forest, &options, &touched);
            black_box((one.is_some(), two.is_some()))
        });
    });
    group.finish();
}

criterion_group!(benches, frame_benches, edit_path_benches);
criterion_main!(benches);
