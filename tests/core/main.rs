//! The core without a window: conformance cases, the file format, edits,
//! layout, export, hostile input and the document lifecycle. One test
//! executable (see "Where tests go" in ARCHITECTURE.md); each module is one
//! subject, and `support` holds what several of them need.

mod conformance;
mod document_lifecycle;
mod document_recovery;
mod edit_props;
mod export;
mod file_format;
mod file_props;
mod hostile_input;
mod layout;
mod layout_cli;
mod layout_missing;
mod layout_packing;
mod scene_patch;
mod support;
mod test_files;
