//! What the core and cli test executables share: the repository's paths
//! and the `seams` binary. Each includes this file in its `support` module
//! (`#[path]`), so there is one copy of it.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// The repository root, where `Cargo.toml` is: data paths are built from
/// it, never from the working directory.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `seams` binary, to run from the repository root unless the caller
/// sets another folder.
pub fn seams() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_seams"));
    command.current_dir(root());
    command
}

/// Runs the `seams` binary with `args` from the repository root.
pub fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    seams().args(args).output().expect("the seams binary runs")
}

/// Runs the `seams` binary with `args` from `dir`.
pub fn run_in<S: AsRef<OsStr>>(dir: &Path, args: impl IntoIterator<Item = S>) -> Output {
    seams()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the seams binary runs")
}

/// What a run wrote to standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What a run wrote to standard error.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
