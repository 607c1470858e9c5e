//! The headless subcommands behind `seams check`, `seams diff`, `seams
//! export` and `seams layout`. Each returns the process exit code; errors go to stderr
//! once, here at the edge.

pub mod check;
mod checked;
pub mod diff;
pub mod export;
pub mod layout;
pub mod markdown;
pub mod sarif;
mod summary;
pub mod terminal;
