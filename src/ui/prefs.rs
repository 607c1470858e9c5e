//! The view preferences Seams remembers between runs: whether the legend is
//! shown and where it sits. They are kept in `view.ron` in the data folder
//! ([`crate::document::data_dir`]), beside the recent files list, and
//! written whenever they change. Like the recent list, this is best effort:
//! a missing or damaged file gives the defaults, and a failure to write it
//! is said in the status bar, never in the user's way.

use crate::document::data_dir::VIEW_FILE;
use crate::ui::view::{LegendPlace, ViewState};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The stored form. Fields missing from the file take their defaults, so a
/// later version can add some.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(default)]
struct Stored {
    version: u32,
    legend: StoredLegend,
}

impl Default for Stored {
    fn default() -> Self {
        Stored {
            version: STORED_VERSION,
            legend: StoredLegend::default(),
        }
    }
}

const STORED_VERSION: u32 = 1;

/// The largest preferences file read (it is a few lines).
const MAX_STORE_BYTES: u64 = 64 * 1024;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(default)]
struct StoredLegend {
    shown: bool,
    corner: Corner,
    /// From the corner of the canvas to the legend's, in screen points.
    inset: (f32, f32),
}

impl Default for StoredLegend {
    fn default() -> Self {
        StoredLegend::from_view(&ViewState::new(false))
    }
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone, Copy)]
enum Corner {
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

impl StoredLegend {
    fn from_view(view: &ViewState) -> Self {
        let place = view.legend;
        let corner = match (place.corner.x(), place.corner.y()) {
            (egui::Align::Max, egui::Align::Max) => Corner::BottomRight,
            (egui::Align::Max, _) => Corner::TopRight,
            (_, egui::Align::Max) => Corner::BottomLeft,
            _ => Corner::TopLeft,
        };
        StoredLegend {
            shown: view.show_legend,
            corner,
            inset: (place.inset.x, place.inset.y),
        }
    }

    fn to_view(&self, view: &mut ViewState) {
        let corner = match self.corner {
            Corner::TopLeft => egui::Align2::LEFT_TOP,
            Corner::TopRight => egui::Align2::RIGHT_TOP,
            Corner::BottomLeft => egui::Align2::LEFT_BOTTOM,
            Corner::BottomRight => egui::Align2::RIGHT_BOTTOM,
        };
        // An inset is a distance on screen: anything not finite or negative
        // is not one Seams wrote, and the canvas keeps the legend on it.
        let inset = |v: f32| if v.is_finite() { v.max(0.0) } else { 0.0 };
        view.show_legend = self.shown;
        view.legend = LegendPlace {
            corner,
            inset: egui::vec2(inset(self.inset.0), inset(self.inset.1)),
        };
    }
}

/// The view preferences could not be written. The view itself is as the
/// user set it; only remembering it for the next run failed.
#[derive(Debug, thiserror::Error)]
#[error("Could not remember the view settings in {path}: {reason}")]
pub struct PrefsError {
    path: String,
    reason: String,
}

/// Where the view preferences are kept.
#[derive(Clone, Debug, Default)]
pub struct ViewPrefs {
    /// The file; `None` remembers nothing (tests, no data folder).
    store: Option<PathBuf>,
}

impl ViewPrefs {
    /// The preferences in `data_dir` (none without one).
    #[must_use]
    pub fn new(data_dir: Option<&Path>) -> Self {
        ViewPrefs {
            store: data_dir.map(|dir| dir.join(VIEW_FILE)),
        }
    }

    /// Sets what was remembered on `view`; leaves it as it is when nothing
    /// was, or the file cannot be read.
    pub fn restore(&self, view: &mut ViewState) {
        let Some(path) = &self.store else {
            return;
        };
        if let Some(stored) =
            crate::document::data_dir::read_small(path, MAX_STORE_BYTES, "view settings")
                .ok()
                .and_then(|text| ron::from_str::<Stored>(&text).ok())
        {
            stored.legend.to_view(view);
        }
    }

    /// Remembers what `view` holds for the next run.
    pub fn remember(&self, view: &ViewState) -> Result<(), PrefsError> {
        let Some(path) = &self.store else {
            return Ok(());
        };
        let error = |reason: String| PrefsError {
            path: path.display().to_string(),
            reason,
        };
        let stored = Stored {
            version: STORED_VERSION,
            legend: StoredLegend::from_view(view),
        };
        let text = ron::ser::to_string_pretty(&stored, ron::ser::PrettyConfig::default())
            .map_err(|e| error(e.to_string()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| error(e.to_string()))?;
        }
        crate::file::write_atomically(path, text.as_bytes()).map_err(|e| error(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("seams-prefs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn the_legend_is_remembered_and_a_damaged_file_gives_the_defaults() {
        let dir = temp_dir("legend");
        let prefs = ViewPrefs::new(Some(&dir));
        let mut view = ViewState::new(false);
        view.show_legend = false;
        view.legend = LegendPlace {
            corner: egui::Align2::RIGHT_TOP,
            inset: egui::vec2(120.0, 48.0),
        };
        prefs.remember(&view).expect("written");

        let mut next = ViewState::new(true);
        prefs.restore(&mut next);
        assert!(!next.show_legend);
        assert_eq!(next.legend, view.legend);
        assert!(next.dark, "only the legend is remembered");

        std::fs::write(dir.join(VIEW_FILE), "(legend: (corner: Nowhere))").expect("written");
        let mut damaged = ViewState::new(false);
        prefs.restore(&mut damaged);
        assert!(damaged.show_legend);
        assert_eq!(damaged.legend, LegendPlace::default());

        // A file with only some fields keeps the defaults for the rest.
        std::fs::write(dir.join(VIEW_FILE), "(legend: (shown: false))").expect("written");
        let mut partial = ViewState::new(false);
        prefs.restore(&mut partial);
        assert!(!partial.show_legend);
        assert_eq!(partial.legend, LegendPlace::default());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn without_a_data_folder_nothing_is_kept() {
        let prefs = ViewPrefs::new(None);
        let mut view = ViewState::new(false);
        view.show_legend = false;
        assert!(prefs.remember(&view).is_ok());
        let mut next = ViewState::new(false);
        prefs.restore(&mut next);
        assert!(next.show_legend);
    }
}
