//! `seams export FILE -o OUT.png|OUT.svg [--scale 1..4] [--background
//! light|dark|transparent] [--view trust|team|deployment] [--no-findings]`.

use super::terminal::printable_lines;
use crate::export::{self, Background, ExportOptions, Format};
use crate::file;
use crate::scene::View;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// `--background`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BackgroundArg {
    /// Light colours on white.
    Light,
    /// Dark colours on a dark background.
    Dark,
    /// Light colours, no background.
    Transparent,
}

/// `--view`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// Colour modules by trust.
    Trust,
    /// Colour modules by team.
    Team,
    /// Colour modules by deployment unit.
    Deployment,
}

/// Arguments of `seams export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The diagram: .ron, or a PNG/SVG exported by Seams.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the image; .png or .svg.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// PNG pixels per diagram unit.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=4))]
    pub scale: u32,
    /// Page background (and light or dark colours).
    #[arg(long, value_enum, default_value_t = BackgroundArg::Light)]
    pub background: BackgroundArg,
    /// What module colours mean.
    #[arg(long, value_enum, default_value_t = ViewArg::Trust)]
    pub view: ViewArg,
    /// Leave out finding badges and the findings legend.
    #[arg(long)]
    pub no_findings: bool,
}

impl ExportArgs {
    /// The export options these arguments ask for.
    #[must_use]
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            scale: self.scale,
            background: match self.background {
                BackgroundArg::Light => Background::Light,
                BackgroundArg::Dark => Background::Dark,
                BackgroundArg::Transparent => Background::Transparent,
            },
            view: match self.view {
                ViewArg::Trust => View::Trust,
                ViewArg::Team => View::Team,
                ViewArg::Deployment => View::Deployment,
            },
            findings: !self.no_findings,
            only: None,
        }
    }
}

/// Runs `seams export`: 0 when the image was written, 2 (with a message on
/// stderr) when the input cannot be read, the output name or options are
/// wrong, or the output cannot be written. Nothing is written half-way.
#[must_use]
pub fn run(args: &ExportArgs) -> ExitCode {
    match export_file(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("seams export: {}", printable_lines(&message));
            ExitCode::from(2)
        }
    }
}

fn export_file(args: &ExportArgs) -> Result<(), String> {
    let format = Format::from_path(&args.output).ok_or_else(|| {
        format!(
            "{}: unknown image type; the output name must end in .png or .svg",
            args.output.display()
        )
    })?;
    let diagram = file::load_path(&args.file).map_err(|e| e.to_string())?;
    let bytes = export::export(&diagram, format, &args.options())
        .map_err(|e| format!("{}: {e}", args.output.display()))?;
    file::write_atomically(&args.output, &bytes)
        .map_err(|e| format!("{}: cannot write the image: {e}", args.output.display()))
}
