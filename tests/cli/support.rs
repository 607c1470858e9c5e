//! What the cli tests need: the repository's paths and the `seams` binary,
//! from `tests/common` (shared with the core tests).

#[path = "../common/mod.rs"]
mod common;

pub use common::{root, run, run_in, seams, stderr, stdout};
