//! Live findings driven through the editor's accessibility tree: the
//! lateral-reach error of an untrusted module called in-process by a
//! trusted one shows in the panel, its fix removes it, another finding is
//! accepted with a reason (muted, saved in the file), and undo brings
//! everything back.

use crate::support::{Editor, open_sized, parser_in_process, undo, untitled};
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::model::{Diagram, Isolation, Module, ModuleKind, Point, Size};
use seams::ui::SeamsApp;
use seams::ui::command::Command;

const WEAK: &str = "Finding: lateral-reach@parser";
const DISCONNECTED: &str = "Finding: disconnected-module@notes";

/// A window wide enough for the findings panel beside the inspector.
const WINDOW: Vec2 = Vec2::new(1400.0, 900.0);

fn editor(diagram: Diagram) -> Editor {
    open_sized(untitled(diagram), WINDOW)
}

fn is_accepted(harness: &Harness<'_, SeamsApp>, id: &str) -> Option<bool> {
    harness
        .state()
        .document
        .last_report()
        .findings
        .iter()
        .find(|f| f.id == id)
        .map(seams::rules::Finding::is_accepted)
}

#[test]
fn fix_accept_and_undo_from_the_findings_panel() {
    let original = parser_in_process();
    let mut harness = editor(original.clone());

    // The error is listed; clicking it selects its elements.
    harness.get_by_label(WEAK).click();
    harness.run_steps(2);
    assert!(
        !harness.state().view.selection.is_empty(),
        "clicking a finding selects its elements"
    );

    // Its fix removes it in the frame that applies it.
    // Its fix removes it: by the end of the frame that applies the edit the
    // findings are checked again, so the next frame draws them with it.
    harness
        .get_by_label("Move it into a strongly isolated unit")
        .click();
    harness.step();
    harness.step();
    assert_ne!(
        harness.state().document.diagram,
        original,
        "the fix applied"
    );
    assert!(
        is_accepted(&harness, "lateral-reach@parser").is_none(),
        "the rules no longer report it in the frame of the edit"
    );
    harness.step();
    assert!(
        harness.query_all_by_label(WEAK).next().is_none(),
        "the fixed finding is gone from the panel"
    );

    // Accepting needs a reason: an empty one is refused.
    harness.get_by_label(DISCONNECTED).click();
    harness.run_steps(2);
    harness.get_by_label("Accept…").click();
    harness.run_steps(2);
    harness.get_by_label("Accept").click();
    harness.run_steps(2);
    assert!(
        harness.state().document.diagram.accepted.is_empty(),
        "an empty reason is refused"
    );

    harness.get_by_label("Acceptance reason").click();
    harness.run_steps(1);
    harness
        .get_by_label("Acceptance reason")
        .type_text("Notes is a placeholder for the next sprint");
    harness.run_steps(1);
    harness.get_by_label("Accept").click();
    harness.run_steps(2);
    let diagram = &harness.state().document.diagram;
    assert_eq!(diagram.accepted.len(), 1);
    assert_eq!(diagram.accepted[0].finding, "disconnected-module@notes");
    let saved = seams::file::to_ron_string(diagram);
    assert!(
        saved.contains("disconnected-module@notes"),
        "the acceptance is saved:\n{saved}"
    );
    assert!(saved.contains("Notes is a placeholder for the next sprint"));
    assert_eq!(
        is_accepted(&harness, "disconnected-module@notes"),
        Some(true),
        "shown muted"
    );
    assert!(
        harness.query_all_by_label(DISCONNECTED).next().is_some(),
        "accepted findings stay listed"
    );

    // Undo the acceptance, then the fix: the diagram and the error are back.
    undo(&mut harness);
    assert_eq!(
        is_accepted(&harness, "disconnected-module@notes"),
        Some(false)
    );
    undo(&mut harness);
    assert_eq!(harness.state().document.diagram, original);
    assert!(
        harness.query_all_by_label(WEAK).next().is_some(),
        "undo brings the error back"
    );
}

#[test]
fn turning_a_rule_off_silences_it_and_the_rules_window_lists_every_rule() {
    let mut harness = editor(parser_in_process());
    harness.get_by_label(DISCONNECTED).click();
    harness.run_steps(2);
    harness.get_by_label("Turn rule off").click();
    harness.run_steps(2);
    assert!(harness.query_all_by_label(DISCONNECTED).next().is_none());
    assert_eq!(
        harness
            .state()
            .document
            .diagram
            .settings
            .rules
            .get(&seams::model::RuleId::DisconnectedModule),
        Some(&seams::model::RuleLevel::Off)
    );

    harness.state_mut().push(Command::ShowRules);
    harness.run_steps(3);
    for rule in seams::model::RuleId::ALL {
        assert!(
            harness
                .query_all_by_label(&format!("Level of {}", rule.as_str()))
                .next()
                .is_some(),
            "the Rules window lists {}",
            rule.as_str()
        );
    }
}

/// When a check would not fit in a frame it runs on a worker thread: the
/// edit shows at once, the panel and status bar say "checking…" over the
/// previous findings, and the new findings replace them when the worker
/// answers.
#[test]
fn slow_checks_run_in_the_background_and_say_so() {
    let mut harness = open_sized(untitled(parser_in_process()), WINDOW);
    // Every check after the first (made as the editor opened) goes to the
    // worker.
    harness
        .state_mut()
        .document
        .set_check_budget(std::time::Duration::ZERO);
    assert!(harness.query_by_label(WEAK).is_some());
    assert!(harness.query_by_label("checking…").is_none());

    // Fix the error: the fix is applied now, its findings come later
    // (held back here, so the test sees the waiting state however fast the
    // worker is).
    harness.state_mut().document.hold_background_checks(true);
    harness.get_by_label(WEAK).click();
    harness.run_steps(2);
    harness
        .get_by_label("Move it into a strongly isolated unit")
        .click();
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .document
            .diagram
            .units
            .iter()
            .any(|u| u.isolation == Isolation::Sandbox),
        "the fix is applied in the frame it is clicked"
    );
    assert!(
        harness.query_all_by_label("checking…").next().is_some(),
        "the panel says the findings are being checked"
    );
    assert!(
        harness.query_by_label(WEAK).is_some(),
        "the previous findings stay until the check is in"
    );
    harness.state_mut().document.hold_background_checks(false);
    assert!(
        harness
            .state_mut()
            .document
            .wait_for_check(std::time::Duration::from_secs(30)),
        "the worker answers"
    );
    harness.run_steps(2);
    assert!(harness.query_by_label("checking…").is_none());
    assert!(
        harness.query_by_label(WEAK).is_none(),
        "the error is gone once the check is in"
    );
    assert_eq!(
        harness.state().document.last_report(),
        &seams::rules::check(&harness.state().document.diagram)
    );
}

/// Selecting an untrusted module shows its blast radius: the modules it
/// reaches stay bright, the rest is dimmed; selecting a trusted module shows
/// none.
#[test]
fn selecting_an_untrusted_module_highlights_its_blast_radius() {
    let mut diagram = parser_in_process();
    let mut elsewhere = Module::new("vault", "Vault", ModuleKind::Datastore);
    elsewhere.pos = Some(Point::new(700.0, 300.0));
    elsewhere.size = Some(Size::new(140.0, 64.0));
    diagram.modules.push(elsewhere);
    let mut harness = editor(diagram);
    harness.get_by_label("Module: Parser").click();
    harness.run_steps(2);
    let blast = harness.state().canvas.blast().expect("a blast radius");
    assert_eq!(blast.source().as_str(), "parser");
    for reached in ["http", "notes", "api"] {
        assert!(
            blast.highlight.contains(reached),
            "what shares its process is reached: {:?}",
            blast.highlight
        );
    }
    assert!(
        !blast.highlight.contains("vault"),
        "a module elsewhere is not: {:?}",
        blast.highlight
    );
    assert!(!blast.paths, "paths are drawn for a lateral-reach finding");

    harness.get_by_label("Module: HTTP").click();
    harness.run_steps(2);
    assert!(harness.state().canvas.blast().is_none());
}

/// The selected element's findings are listed in the inspector; clicking
/// one opens it, explained, in the findings panel (showing the panel if it
/// was hidden).
#[test]
fn a_finding_in_the_inspector_opens_in_the_findings_panel() {
    let mut harness = editor(parser_in_process());
    harness.state_mut().push(Command::ToggleFindings);
    harness.run_steps(2);
    assert!(!harness.state().view.show_findings);
    harness.get_by_label("Module: Parser").click();
    harness.run_steps(2);

    harness.get_by_label(WEAK).click();
    harness.run_steps(3);
    assert!(harness.state().view.show_findings);
    assert_eq!(
        harness.state().findings.focused.as_deref(),
        Some("lateral-reach@parser")
    );
    harness.get_by_label("Move it into a strongly isolated unit");
}

/// Accepting a finding relabels or disables its buttons instead of
/// removing them: "Turn rule off" stays where the pointer left it.
#[test]
fn accepting_never_moves_the_other_buttons() {
    let mut harness = editor(parser_in_process());
    harness.get_by_label(DISCONNECTED).click();
    harness.run_steps(2);
    let off = |harness: &Harness<'_, SeamsApp>| harness.get_by_label("Turn rule off").rect();
    let before = off(&harness);

    harness.get_by_label("Accept…").click();
    harness.run_steps(2);
    assert_eq!(off(&harness), before, "opening the reason keeps the slots");
    assert!(
        harness.query_by_label("Accept…").is_some(),
        "the Accept… button stays, disabled, while the reason is asked"
    );

    harness.get_by_label("Acceptance reason").click();
    harness.run_steps(1);
    harness
        .get_by_label("Acceptance reason")
        .type_text("A placeholder");
    harness.run_steps(1);
    harness.get_by_label("Accept").click();
    harness.run_steps(3);
    assert_eq!(
        is_accepted(&harness, "disconnected-module@notes"),
        Some(true)
    );
    assert!(harness.query_by_label("Un-accept").is_some());
    assert_eq!(off(&harness), before, "accepting keeps the slots");
}

/// While a blast radius is highlighted a banner says whose it is and how
/// big; after the fix the dimming and the banner go, and selecting a
/// trusted module shows neither.
#[test]
fn the_blast_radius_banner_explains_the_dimming_and_goes_after_a_fix() {
    let mut harness = editor(parser_in_process());
    let banner = |harness: &Harness<'_, SeamsApp>| {
        harness
            .query_by_label_contains("Blast radius of Parser")
            .is_some()
    };
    assert!(!banner(&harness));
    harness.get_by_label("Module: Parser").click();
    // A new overlay is measured in its first frame and shown in the next.
    harness.run_steps(4);
    let reached = harness
        .state()
        .canvas
        .blast()
        .expect("a blast radius")
        .radius
        .reached
        .len();
    let expected = if reached == 1 {
        "Blast radius of Parser: 1 module".to_owned()
    } else {
        format!("Blast radius of Parser: {reached} modules")
    };
    harness.get_by_label(&expected);

    harness
        .state_mut()
        .push(seams::ui::actions::Action::FocusFinding(
            "lateral-reach@parser".to_owned(),
        ));
    harness.run_steps(2);
    harness
        .get_by_label("Move it into a strongly isolated unit")
        .click();
    harness.run_steps(3);
    assert!(
        harness.state().canvas.blast().is_none(),
        "no dimming stays after the fix"
    );
    assert!(!banner(&harness), "nor the banner");

    harness.get_by_label("Module: HTTP").click();
    harness.run_steps(2);
    assert!(!banner(&harness));
}
