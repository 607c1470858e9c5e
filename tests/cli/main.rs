//! The `seams` command line as CI runs it: `seams check` and `seams diff`,
//! their exit codes and every output format. One test executable (see
//! "Where tests go" in ARCHITECTURE.md); `support` runs the binary.

mod check;
mod diff;
mod support;
