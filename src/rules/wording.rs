//! Building findings and the phrases their messages share.

use super::{Analysis, Elements, Finding, Severity, describe};
use crate::model::{Fix, Module, ModuleKind, RuleId};

/// Builds a finding at `severity`: id `rule@subject`, elements `subject`
/// then `others` sorted (by Unicode code point, Rust's `String` order).
pub(crate) fn finding(
    rule: RuleId,
    severity: Severity,
    subject: &str,
    mut others: Vec<String>,
    message: String,
    fix: Option<Fix>,
) -> Finding {
    others.sort_unstable();
    finding_with(rule, severity, Elements::new(subject, others), message, fix)
}

/// Builds a finding about `elements`, whose first id goes in the finding id.
pub(crate) fn finding_with(
    rule: RuleId,
    severity: Severity,
    elements: Elements,
    message: String,
    fix: Option<Fix>,
) -> Finding {
    let subject = elements.first().map_or("", String::as_str);
    let mut id = String::with_capacity(rule.as_str().len() + 1 + subject.len());
    id.push_str(rule.as_str());
    id.push('@');
    id.push_str(subject);
    Finding {
        id,
        rule,
        severity,
        category: rule.category(),
        message,
        explanation: describe(rule).explanation,
        elements,
        accepted: None,
        fix,
        group: Vec::new(),
    }
}

/// `“name”` of a module, unit or interface, for messages (formats without
/// allocating).
pub(crate) fn quoted(name: &str) -> Quoted<'_> {
    Quoted(name)
}

/// A name between typographic quotes; see [`quoted`].
#[derive(Clone, Copy)]
pub(crate) struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\u{201c}")?;
        f.write_str(self.0)?;
        f.write_str("\u{201d}")
    }
}

/// Joins quoted names as prose: `“a”`, `“a” and “b”`, `“a”, “b” and “c”`;
/// when `total` is more than the `limit` shown, `“a”, “b” and 3 more`.
pub(crate) fn name_list<'n>(
    names: impl IntoIterator<Item = &'n str>,
    total: usize,
    limit: usize,
) -> String {
    use std::fmt::Write as _;
    let shown: Vec<&str> = names.into_iter().take(limit).collect();
    let hidden = total.saturating_sub(shown.len());
    let mut out = String::new();
    for (i, name) in shown.iter().enumerate() {
        if i > 0 {
            let last = i + 1 == shown.len() && hidden == 0;
            out.push_str(if last { " and " } else { ", " });
        }
        let _ = write!(out, "{}", quoted(name));
    }
    if hidden > 0 {
        let _ = write!(out, " and {hidden} more");
    }
    out
}

/// The noun for an interface kind in running text.
pub(crate) fn kind_noun(kind: crate::model::InterfaceKind) -> &'static str {
    use crate::model::InterfaceKind;
    match kind {
        InterfaceKind::Call => "Call",
        InterfaceKind::Link => "Link",
        InterfaceKind::Rpc => "RPC",
        InterfaceKind::Queue => "Queue",
        InterfaceKind::Read => "Read",
        InterfaceKind::Write => "Write",
        InterfaceKind::Load => "Load",
    }
}

/// How an interface reads in a message: its kind and ends by name,
/// `RPC “Shop” → “Orders”`, with its label when it has one: `RPC “place
/// order” (“Shop” → “Orders”)`. Never an internal id.
pub(crate) fn interface_text(
    analysis: &Analysis<'_>,
    interface: &crate::model::Interface,
) -> String {
    let modules = &analysis.diagram().modules;
    let name = |id: &'_ crate::model::ModuleId| -> String {
        analysis
            .module_position(id.as_str())
            .map_or(id.as_str(), |m| modules[m].name.as_str())
            .to_owned()
    };
    let ends = text!(
        "{} \u{2192} {}",
        quoted(&name(&interface.from)),
        quoted(&name(&interface.to))
    );
    if interface.label.is_empty() {
        text!("{} {ends}", kind_noun(interface.kind))
    } else {
        text!(
            "{} {} ({ends})",
            kind_noun(interface.kind),
            quoted(&interface.label)
        )
    }
}

/// Whether `module` is code or data the diagram deploys (not an outside actor).
pub(crate) fn is_internal(module: &Module) -> bool {
    module.kind != ModuleKind::External
}
