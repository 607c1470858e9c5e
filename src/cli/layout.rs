//! `seams layout FILE -o OUT`: writes FILE with a fresh automatic layout.

use crate::file;
use crate::layout::{self, Mode};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `seams layout`.
#[derive(Args, Debug)]
pub struct LayoutArgs {
    /// The diagram: .ron, or a PNG/SVG exported by Seams.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the laid-out diagram (RON); may be FILE itself.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
}

/// Runs `seams layout`: 0 when OUT was written, 2 when FILE could not be
/// read or validated or OUT could not be written (the reason on stderr).
#[must_use]
pub fn run(args: &LayoutArgs) -> ExitCode {
    let mut diagram = match file::load_path(&args.file) {
        Ok(diagram) => diagram,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    layout::lay_out(&mut diagram, Mode::All);
    match file::save(&diagram, &args.output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "error: {}: cannot write the laid-out diagram: {error}",
                args.output.display()
            );
            ExitCode::from(2)
        }
    }
}
