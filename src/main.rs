//! The `seams` command: the editor, or a headless subcommand.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Seams: draw software architecture and know what it means.
#[derive(Parser)]
#[command(name = "seams", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the rules headless on diagram files (.ron, or PNG/SVG exported by Seams).
    Check(seams::cli::check::CheckArgs),
    /// Write a diagram with a fresh automatic layout.
    Layout(seams::cli::layout::LayoutArgs),
    /// Write a diagram as a PNG or SVG image (the diagram travels inside it).
    Export(seams::cli::export::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => seams::cli::check::run(&args),
        Some(Command::Layout(args)) => seams::cli::layout::run(&args),
        Some(Command::Export(args)) => seams::cli::export::run(&args),
        None => ExitCode::SUCCESS,
    }
}
