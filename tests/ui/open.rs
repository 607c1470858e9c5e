//! Every bundled example opens readable: at the default window size, box
//! names are at least 11 px tall, and the canvas shows boxes (the ones the
//! most serious finding is about, when there is one).

use crate::support::{Editor, open};
use egui_kittest::kittest::Queryable;
use seams::examples::{ALL, Example};

/// The smallest name height the opening fit allows, in screen pixels.
const MIN_NAME_PX: f32 = 11.0;

fn opened(example: &Example) -> Editor {
    open(seams::ui::load_example(example).expect("the example loads"))
}

#[test]
fn every_example_opens_with_readable_names_on_screen() {
    for example in ALL {
        let harness = opened(example);
        let zoom = harness.state().canvas.zoom();
        let name_px = seams::theme::MODULE_FONT_SIZE * zoom;
        assert!(
            name_px >= MIN_NAME_PX,
            "{}: names are {name_px:.1} px tall at {:.0} %",
            example.name,
            zoom * 100.0
        );
        let canvas = harness.get_by_label("Canvas").rect();
        let whole_boxes = harness
            .query_all_by(|node| {
                node.label()
                    .is_some_and(|label| label.starts_with("Module: "))
            })
            .filter(|node| canvas.contains_rect(node.rect()))
            .count();
        let modules = harness.state().document.diagram.modules.len();
        assert!(
            whole_boxes >= modules.min(3),
            "{}: only {whole_boxes} whole boxes on screen",
            example.name
        );
    }
}

#[test]
fn an_example_too_big_to_fit_opens_where_its_worst_finding_is() {
    for example in ALL {
        let mut harness = opened(example);
        let document = &mut harness.state_mut().document;
        let report = document.report().clone();
        let Some(worst) = report
            .findings
            .iter()
            .filter(|f| !f.is_accepted())
            .max_by_key(|f| f.severity)
            .map(|f| f.severity)
        else {
            continue;
        };
        let Some(finding) = report
            .findings
            .iter()
            .find(|f| !f.is_accepted() && f.severity == worst)
        else {
            continue;
        };
        let diagram = harness.state().document.diagram.clone();
        let canvas = harness.get_by_label("Canvas").rect();
        let names: Vec<String> = finding
            .elements
            .iter()
            .filter_map(|id| diagram.module(id).map(|m| m.name.clone()))
            .collect();
        for name in names.iter().take(1) {
            let label = format!("Module: {name}");
            let node = harness.get_by_label(&label);
            assert!(
                canvas.intersects(node.rect()),
                "{}: {name} ({}) is off screen",
                example.name,
                finding.id
            );
        }
    }
}
