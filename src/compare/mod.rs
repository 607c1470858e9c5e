//! Comparing diagrams: two deployment plans of one module graph, or two
//! versions of one diagram (DESIGN.md "Comparing diagrams: plans and
//! versions").
//!
//! [`Scorecard`] summarises what one diagram's deployment costs (releases,
//! upgrade units, compatibility surface, skew, restart scope, blast radius,
//! findings); [`Comparison`] says what changed between two diagrams and
//! what it did to the findings. Both are pure: no I/O, no egui. `seams diff`
//! prints them; the editor's File → Compare with… shows them.

pub mod diff;
pub mod scorecard;

pub use diff::{
    ChangedElement, ChangedFinding, Comparison, ElementChanges, ElementEntry, FieldChange,
    FindingChanges, FindingRecord, Input, Side, describe,
};
pub use scorecard::{MEASURES, Scorecard, delta};
