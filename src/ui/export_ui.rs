//! File → Export… and Edit → Copy as PNG: the same images as
//! `seams export`, from the editor.
//!
//! The window edits [`ExportSettings`]; its buttons push
//! [`Action::ExportImage`] or [`Action::CopyImage`], which the app carries
//! out with [`render`] (the file dialog and the clipboard live there).

use super::actions::Action;
use super::export_settings::{ExportSettings, with_default_extension};
use super::open_diagram::OpenDiagram;
use super::view::ViewState;
use crate::edit::ElementRef;
use crate::export::{self, Background, ExportError, Format, MAX_SCALE, MIN_SCALE};
use crate::scene::View;
use egui::{Context, RichText, Ui};

/// The Export window's state: open or not, and its settings.
#[derive(Debug, Default)]
pub struct ExportWindow {
    /// Whether the window is showing.
    pub open: bool,
    /// The choices.
    pub settings: ExportSettings,
}

/// Renders the document as `format` with `settings` (the whole diagram is
/// embedded, so the image re-opens as the diagram).
pub fn render(
    document: &OpenDiagram,
    selection: &[ElementRef],
    settings: &ExportSettings,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    export::export(&document.diagram, format, &settings.options(selection))
}

/// Renders the document as RGBA pixels for the clipboard.
pub fn render_image(
    document: &OpenDiagram,
    selection: &[ElementRef],
    settings: &ExportSettings,
) -> Result<egui::ColorImage, ExportError> {
    let options = settings.options(selection);
    let scene = export::scene_of(&document.diagram, &options);
    let image = export::to_rgba(&scene, &options)?;
    Ok(egui::ColorImage::from_rgba_unmultiplied(
        [image.width as usize, image.height as usize],
        &image.pixels,
    ))
}

/// Writes the image to `path` (atomically): the format follows the
/// extension, and a name without one gets the chosen format's. Returns
/// where it wrote, or a message for the error dialog.
pub fn write(
    document: &OpenDiagram,
    selection: &[ElementRef],
    settings: &ExportSettings,
    path: &std::path::Path,
) -> Result<std::path::PathBuf, String> {
    let path = with_default_extension(path, settings.format.extension());
    let format = Format::from_path(&path).ok_or_else(|| {
        format!(
            "{}: unknown image type; the name must end in .png or .svg",
            path.display()
        )
    })?;
    let bytes = render(document, selection, settings, format)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    crate::file::write_atomically(&path, &bytes)
        .map_err(|e| format!("{}: cannot write the image: {e}", path.display()))?;
    Ok(path)
}

/// The file name offered in the export dialog: the document's name
/// (`document_name`) with the format's extension.
#[must_use]
pub fn suggested_name(document_name: &str, format: Format) -> String {
    let stem = std::path::Path::new(document_name).file_stem().map_or_else(
        || "diagram".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    format!("{stem}.{}", format.extension())
}

/// The Export window.
pub fn export_window(
    ctx: &Context,
    window: &mut ExportWindow,
    document: &OpenDiagram,
    view: &ViewState,
    actions: &mut Vec<Action>,
) {
    if !window.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Export")
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .collapsible(false)
        .resizable(false)
        .default_width(340.0)
        .show(ctx, |ui| {
            settings_grid(ui, &mut window.settings, document, view);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let export = format!(
                    "Export {}…",
                    window.settings.format.extension().to_uppercase()
                );
                if ui
                    .button(export)
                    .on_hover_text("Choose where to write the image")
                    .clicked()
                {
                    actions.push(Action::ExportImage(window.settings.clone()));
                }
                if ui
                    .button("Copy as PNG")
                    .on_hover_text("Put the image on the clipboard, for pasting into a document")
                    .clicked()
                {
                    actions.push(Action::CopyImage(window.settings.clone()));
                }
            });
            ui.label(
                RichText::new("The diagram travels inside the image: open it in Seams to edit it.")
                    .weak()
                    .small(),
            );
        });
    window.open = open;
}

fn settings_grid(
    ui: &mut Ui,
    settings: &mut ExportSettings,
    document: &OpenDiagram,
    view: &ViewState,
) {
    egui::Grid::new("export-settings")
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            ui.label("Format");
            ui.horizontal(|ui| {
                ui.selectable_value(&mut settings.format, Format::Png, "PNG");
                ui.selectable_value(&mut settings.format, Format::Svg, "SVG");
            });
            ui.end_row();

            ui.label("Scale");
            ui.add_enabled_ui(settings.format == Format::Png, |ui| {
                ui.horizontal(|ui| {
                    for scale in MIN_SCALE..=MAX_SCALE {
                        ui.selectable_value(&mut settings.scale, scale, format!("{scale}×"));
                    }
                });
            });
            ui.end_row();

            ui.label("Background");
            ui.horizontal(|ui| {
                for background in Background::ALL {
                    ui.selectable_value(&mut settings.background, background, background.label());
                }
            });
            ui.end_row();

            ui.label("Colour by");
            ui.horizontal(|ui| {
                for v in View::ALL {
                    ui.selectable_value(&mut settings.view, v, v.label());
                }
            });
            ui.end_row();

            ui.label("Findings");
            ui.checkbox(&mut settings.findings, "Badges and legend");
            ui.end_row();

            ui.label("Contents");
            let selected = view.selection.len();
            ui.add_enabled_ui(selected > 0, |ui| {
                let text = if selected > 0 {
                    format!("Selection only ({selected} selected)")
                } else {
                    "Selection only (nothing selected)".to_owned()
                };
                ui.checkbox(&mut settings.selection_only, text);
            });
            ui.end_row();
        });
    if document.diagram.modules.is_empty() {
        ui.label(RichText::new("The diagram is empty: the image will show only the title.").weak());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModuleId;

    #[test]
    fn selection_only_limits_the_export_to_the_selection() {
        let selection = vec![ElementRef::Module(ModuleId::new("api"))];
        let mut settings = ExportSettings {
            selection_only: true,
            ..ExportSettings::default()
        };
        let only = settings.options(&selection).only.expect("limited");
        assert_eq!(only.into_iter().collect::<Vec<_>>(), vec!["api".to_owned()]);
        // Nothing selected: everything, whatever the box says.
        assert_eq!(settings.options(&[]).only, None);
        settings.selection_only = false;
        assert_eq!(settings.options(&selection).only, None);
    }

    #[test]
    fn the_canvas_settings_follow_the_view() {
        let mut view = ViewState::new(true);
        view.color_by = View::Team;
        let settings = ExportSettings::like_the_canvas(&view);
        assert_eq!(settings.background, Background::Dark);
        assert_eq!(settings.view, View::Team);
        assert!(!settings.selection_only);
        view.selection
            .insert(ElementRef::Module(ModuleId::new("api")));
        assert!(ExportSettings::like_the_canvas(&view).selection_only);
    }
}
