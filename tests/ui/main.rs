//! The editor driven through its accessibility tree with egui_kittest, as
//! a user would: no display, no GPU. One test executable (see "Where tests
//! go" in ARCHITECTURE.md); `support` starts the editor and makes the
//! clicks, drags and keystrokes every test needs.

mod bad_input;
mod bends;
mod canvas;
mod canvas_edit;
mod code_origins;
mod compare;
mod documents;
mod editor;
mod escape;
mod findings;
mod legend;
mod menus;
mod multi_select;
mod new_names;
mod open;
mod placement;
mod support;
