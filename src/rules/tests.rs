//! The engine's own tests: threads, acceptances, overrides, order.

use super::run::{HEAVIEST_FIRST, on_two_threads};
use super::test_support::*;
use super::*;
use crate::model::{Acceptance, Diagram, InterfaceKind, Isolation, Release, RuleLevel};

#[test]
fn two_threads_find_exactly_what_one_does() {
    for seed in [1, 2] {
        let mut diagram = crate::model::generate::synthetic(2_000, seed);
        // Overrides apply after the rules ran.
        diagram
            .settings
            .rules
            .insert(RuleId::SlowStartInUnit, RuleLevel::Off);
        let one = check_with(&diagram, false);
        assert!(one.findings.len() > 100, "{}", one.findings.len());
        assert_eq!(check_with(&diagram, true), one);
        assert_eq!(check(&diagram), one);
    }
}

#[test]
fn two_threads_return_both_results_and_pass_panics_on() {
    let data = [1, 2, 3];
    let (a, b) = on_two_threads(|| data[0] + 1, || data.iter().sum::<i32>());
    assert_eq!((a, b), (2, 6));
    let panicked =
        std::panic::catch_unwind(|| on_two_threads(|| 1, || -> i32 { panic!("rule failed") }));
    let message = panicked.expect_err("the panic reaches the caller");
    assert_eq!(message.downcast_ref::<&str>(), Some(&"rule failed"));
}

#[test]
fn the_parallel_schedule_holds_every_rule_once() {
    let mut scheduled: Vec<RuleId> = HEAVIEST_FIRST.to_vec();
    let mut rules: Vec<RuleId> = RULES.iter().map(|rule| rule.info.id).collect();
    scheduled.sort_unstable();
    rules.sort_unstable();
    assert_eq!(scheduled, rules);
}

fn two_services() -> Diagram {
    Diagram {
        units: vec![
            unit("a-ctr", Isolation::Container, None),
            unit("b-ctr", Isolation::Container, None),
            unit("spare", Isolation::Container, None),
        ],
        modules: vec![module("a", Some("a-ctr")), module("b", Some("b-ctr"))],
        interfaces: vec![interface("ab", "a", "b", InterfaceKind::Rpc)],
        ..Diagram::default()
    }
}

#[test]
fn every_rule_is_described() {
    for &rule in RuleId::ALL {
        let info = describe(rule);
        assert_eq!(info.id, rule);
        assert!(!info.summary.is_empty() && !info.explanation.is_empty());
        assert!(
            info.explanation.len() > 200,
            "{rule}: explain the principle"
        );
        assert!(info.default_text.contains(info.default_severity.as_str()));
    }
}

#[test]
fn findings_are_sorted_by_severity_then_rule_then_id() {
    let d = two_services();
    let report = check(&d);
    let ids: Vec<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "empty-unit@spare",
            "split-without-reason@a-ctr",
            "unversioned-cross-unit@ab"
        ]
    );
    let mut d = d;
    d.settings
        .rules
        .insert(RuleId::UnversionedCrossUnit, RuleLevel::Error);
    let report = check(&d);
    assert_eq!(report.findings[0].id, "unversioned-cross-unit@ab");
    assert_eq!(report.findings[0].severity, Severity::Error);
}

#[test]
fn overrides_and_acceptances() {
    let mut d = two_services();
    d.settings.rules.insert(RuleId::EmptyUnit, RuleLevel::Off);
    d.accepted = vec![
        Acceptance {
            finding: "empty-unit@spare".into(),
            reason: "being built".into(),
        },
        Acceptance {
            finding: "split-without-reason@b-ctr".into(),
            reason: "scales apart".into(),
        },
        Acceptance {
            finding: "disconnected-module@gone".into(),
            reason: "old".into(),
        },
    ];
    let report = check(&d);
    let ids: Vec<(&str, bool)> = report
        .findings
        .iter()
        .map(|f| (f.id.as_str(), f.is_accepted()))
        .collect();
    // The rule that is off is silenced but its acceptance is not stale;
    // the group acceptance through b-ctr matches the group.
    assert_eq!(
        ids,
        [
            ("split-without-reason@a-ctr", true),
            ("stale-acceptance@disconnected-module@gone", false),
            ("unversioned-cross-unit@ab", false),
        ]
    );
    assert_eq!(report.findings[0].accepted.as_deref(), Some("scales apart"));
    d.settings
        .rules
        .insert(RuleId::StaleAcceptance, RuleLevel::Off);
    assert!(
        check(&d)
            .findings
            .iter()
            .all(|f| f.rule != RuleId::StaleAcceptance)
    );
}

#[test]
fn exact_acceptance_gives_the_reason() {
    let mut d = two_services();
    d.accepted = vec![
        Acceptance {
            finding: "split-without-reason@b-ctr".into(),
            reason: "through the group".into(),
        },
        Acceptance {
            finding: "split-without-reason@a-ctr".into(),
            reason: "exact".into(),
        },
    ];
    let f = get(&d, "split-without-reason@a-ctr");
    assert_eq!(f.accepted.as_deref(), Some("exact"));
    assert!(ids(&d, RuleId::StaleAcceptance).is_empty());
}

#[test]
fn check_is_deterministic_and_tolerates_bad_references() {
    let mut d = crate::model::generate::synthetic(300, 3);
    assert_eq!(check(&d), check(&d));
    d.interfaces
        .push(interface("ghost", "nobody", "m-1", InterfaceKind::Rpc));
    d.modules[0].unit = Some(crate::model::UnitId::new("nowhere"));
    d.units[0].release = Release::WithParent;
    let _ = check(&d);
}

#[test]
fn the_built_in_example_has_one_accepted_finding() {
    let text = include_str!("../../assets/examples/photo-sharing.ron");
    let d = crate::file::load_str(text).expect("example loads");
    let report = check(&d);
    let ids: Vec<(&str, bool)> = report
        .findings
        .iter()
        .map(|f| (f.id.as_str(), f.is_accepted()))
        .collect();
    assert_eq!(ids, [("unversioned-cross-unit@notify", true)]);
}

#[test]
fn name_lists_read_as_prose() {
    assert_eq!(name_list(["a"], 1, 3), "\u{201c}a\u{201d}");
    assert_eq!(
        name_list(["a", "b", "c"], 3, 3),
        "\u{201c}a\u{201d}, \u{201c}b\u{201d} and \u{201c}c\u{201d}"
    );
    assert_eq!(
        name_list(["a", "b", "c"], 5, 2),
        "\u{201c}a\u{201d}, \u{201c}b\u{201d} and 3 more"
    );
}
