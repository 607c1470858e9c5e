//! The `seams` command: the editor, or a headless subcommand.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Seams: draw software architecture and know what it means.
#[derive(Parser)]
#[command(name = "seams", version, about, long_about = None, args_conflicts_with_subcommands = true)]
struct Cli {
    /// A diagram to open in the editor (.ron, or a PNG/SVG exported by
    /// Seams); without one, the editor opens the built-in example.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the rules headless on diagram files (.ron, or PNG/SVG exported by Seams).
    Check(seams::cli::check::CheckArgs),
    /// Compare two diagrams: what changed, the findings it introduced or
    /// resolved, and both scorecards.
    Diff(seams::cli::diff::DiffArgs),
    /// Write a diagram with a fresh automatic layout.
    Layout(seams::cli::layout::LayoutArgs),
    /// Write a diagram as a PNG or SVG image (the diagram travels inside it).
    Export(seams::cli::export::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => seams::cli::check::run(&args),
        Some(Command::Diff(args)) => seams::cli::diff::run(&args),
        Some(Command::Layout(args)) => seams::cli::layout::run(&args),
        Some(Command::Export(args)) => seams::cli::export::run(&args),
        None => editor(cli.file.as_deref()),
    }
}

/// Without the editor (`--no-default-features`), `seams` and `seams FILE`
/// say how to use the headless commands instead.
#[cfg(not(feature = "gui"))]
fn editor(_file: Option<&std::path::Path>) -> ExitCode {
    eprintln!(
        "seams: this build has no editor (built without the `gui` feature); use `seams check`, `seams diff`, `seams export` or `seams layout` (see `seams --help`)"
    );
    ExitCode::from(2)
}

/// Opens the editor on `file`, or on the built-in example. A file that
/// cannot be opened is reported (on stderr and in a dialog, with the
/// loader's located message) over a new, empty diagram, as File → Open
/// would report it.
#[cfg(feature = "gui")]
fn editor(file: Option<&std::path::Path>) -> ExitCode {
    let loaded = if let Some(path) = file {
        seams::document::load(path)
    } else {
        let example = seams::examples::built_in();
        seams::file::load_str(example.text)
            .map(|diagram| seams::document::Loaded::untitled(diagram, example.file_name))
    };
    let (loaded, startup_error) = match loaded {
        Ok(loaded) => (loaded, None),
        Err(error) => {
            eprintln!("seams: {error}");
            let title = match file {
                Some(path) => format!("Could not open {}", path.display()),
                None => "Could not open the example".to_owned(),
            };
            let empty = seams::document::Loaded::untitled(
                seams::model::Diagram::default(),
                seams::document::UNTITLED,
            );
            (empty, Some((title, error.to_string())))
        }
    };
    match seams::ui::run(loaded, startup_error) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("seams: could not open the editor window: {error}");
            ExitCode::FAILURE
        }
    }
}
