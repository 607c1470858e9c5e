//! Seams: a boxes-and-arrows architecture editor that knows what the boxes
//! and arrows mean.
//!
//! The crate is a pure core (`model`, `metrics`, `file`, `rules`, `compare`, `edit`,
//! `layout`, `scene`, `export`) that never imports egui, plus the eframe editor in
//! `ui`. See `ARCHITECTURE.md` for the map.

pub mod cli;
pub mod compare;
pub mod document;
pub mod edit;
pub mod examples;
pub mod export;
pub mod file;
pub mod grid;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod rules;
pub mod scene;
pub mod text;
pub mod theme;
#[cfg(feature = "gui")]
pub mod ui;

#[cfg(test)]
mod layering;
