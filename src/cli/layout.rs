//! `seams layout FILE -o OUT`: writes FILE with a fresh automatic layout.

use super::terminal::printable_lines;
use crate::file;
use crate::layout::{self, Mode};
use clap::Args;
use std::io::Read as _;
use std::path::{Path, PathBuf};
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
/// OUT is written atomically; an image (by name or by content) is never
/// overwritten with RON text.
#[must_use]
pub fn run(args: &LayoutArgs) -> ExitCode {
    match lay_out_file(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {}", printable_lines(&message));
            ExitCode::from(2)
        }
    }
}

fn lay_out_file(args: &LayoutArgs) -> Result<(), String> {
    if let Some(what) = image_at(&args.output) {
        return Err(format!(
            "{}: this is {what}; seams layout writes a diagram as RON text and will not overwrite an image with it. Choose an output ending in .ron",
            args.output.display()
        ));
    }
    let mut diagram = file::load_path(&args.file).map_err(|e| e.to_string())?;
    layout::lay_out(&mut diagram, Mode::All);
    file::save(&diagram, &args.output).map_err(|e| {
        format!(
            "{}: cannot write the laid-out diagram: {e}",
            args.output.display()
        )
    })
}

/// What kind of image `path` is, by its name or by what it holds now.
fn image_at(path: &Path) -> Option<&'static str> {
    let by_name = path.extension().and_then(|e| {
        if e.eq_ignore_ascii_case("png") {
            Some("a PNG image")
        } else if e.eq_ignore_ascii_case("svg") {
            Some("an SVG image")
        } else {
            None
        }
    });
    by_name.or_else(|| {
        // Only a regular file is looked into (opening a FIFO would wait).
        if !std::fs::metadata(path).ok()?.is_file() {
            return None;
        }
        let mut head = Vec::with_capacity(1024);
        std::fs::File::open(path)
            .ok()?
            .take(1024)
            .read_to_end(&mut head)
            .ok()?;
        if file::embedded::is_png(&head) {
            Some("a PNG image")
        } else if file::embedded::is_svg(&head) {
            Some("an SVG image")
        } else {
            None
        }
    })
}
