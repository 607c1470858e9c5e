//! Colours and sizes only the editor uses: selection, handles, the grid,
//! the marquee, drop targets, panel sizes, zoom limits. The picture of the
//! diagram itself comes from the scene's palette; this is the chrome around
//! and over it.
//!
//! Sizes named `*_PX` are in screen points (they stay the same at every
//! zoom); the others are in diagram units.

use super::Rgba;

/// The width of the document prompts and error dialogs.
pub const PROMPT_WIDTH: f32 = 420.0;
/// Room for the Recover and Discard buttons beside each recovery offer.
pub const RECOVERY_BUTTONS_WIDTH: f32 = 150.0;
/// Size of a new module made with the tool strip or a double-click.
pub const NEW_MODULE_SIZE: (f32, f32) = (160.0, 64.0);
/// Size of a new unit made with the tool strip or a double-click.
pub const NEW_UNIT_SIZE: (f32, f32) = (320.0, 200.0);
/// How far Duplicate and a paste away from the pointer shift the copy.
pub const PASTE_OFFSET: f32 = 24.0;
/// Arrow-key nudge; with shift it is [`NUDGE_BIG`].
pub const NUDGE_SMALL: f32 = 8.0;
/// Arrow-key nudge with shift held.
pub const NUDGE_BIG: f32 = 40.0;
/// Margin around what "fit to diagram" and "fit to selection" frame.
pub const FIT_MARGIN: f32 = 40.0;

/// The smallest height, in screen pixels, of a box's name when a diagram
/// is opened: the opening fit never zooms out further than this allows.
pub const OPEN_MIN_NAME_PX: f32 = 11.2;

/// Smallest zoom factor.
pub const ZOOM_MIN: f32 = 0.02;
/// Largest zoom factor.
pub const ZOOM_MAX: f32 = 8.0;
/// Zoom factor of one step of the zoom keys and buttons.
pub const ZOOM_STEP: f32 = 1.25;

/// Side of a resize handle.
pub const HANDLE_PX: f32 = 8.0;
/// Smallest radius, on screen, within which an end handle of the selected
/// arrow is grabbed (it wins over the box the arrow ends on, at every zoom).
pub const END_HANDLE_HIT_PX: f32 = 11.0;
/// Radius of an end handle's grab area in diagram units, used when zoomed
/// in far enough for it to exceed [`END_HANDLE_HIT_PX`] (about an arrow
/// head's length, so grabbing the head grabs the end).
pub const END_HANDLE_HIT_DIAGRAM: f32 = 12.0;
/// Radius of the faint dot drawn halfway along each segment of the
/// selected line, where dragging pulls out a new bend.
pub const BEND_HINT_PX: f32 = 3.5;
/// How close, on screen, a dragged box's edge or centre line must come to
/// another box's to snap to it (and show an alignment guide).
pub const GUIDE_SNAP_PX: f32 = 6.0;
/// Width of an alignment guide.
pub const GUIDE_STROKE_PX: f32 = 1.0;
/// How far an alignment guide runs past the boxes it joins, on screen.
pub const GUIDE_OVERSHOOT_PX: f32 = 12.0;
/// How close the pointer must be to an arrow to hit it.
pub const HIT_TOLERANCE_PX: f32 = 6.0;
/// Width of the band inside a module's border where a drag starts a
/// connection instead of a move.
pub const CONNECT_BAND_PX: f32 = 9.0;
/// Text smaller than this on screen is not drawn (it cannot be read, and
/// skipping it keeps zoomed-out frames fast).
pub const MIN_TEXT_PX: f32 = 4.0;
/// Below this zoom the canvas paints in one mesh without anti-aliasing,
/// rounding or dashes: boxes are a few pixels wide, the difference does not
/// show, and a 5,000-module diagram stays within a frame.
pub const LOD_ZOOM: f32 = 0.25;
/// Screen distance between grid lines below which the grid thins out.
pub const MIN_GRID_SPACING_PX: f32 = 12.0;
/// Width of the selection outline.
pub const SELECTION_STROKE_PX: f32 = 2.0;
/// How far the selection outline sits outside the box.
pub const SELECTION_GAP_PX: f32 = 3.0;
/// Most canvas items given an accessibility node per frame; beyond it (a
/// zoomed-out view of a huge diagram) only the selection and hover get one.
pub const MAX_ACCESSIBLE_ITEMS: usize = 1500;

/// Default width of the inspector panel.
pub const INSPECTOR_WIDTH: f32 = 300.0;
/// Default height of the findings panel.
pub const FINDINGS_HEIGHT: f32 = 230.0;
/// How long a status message stays, in seconds.
pub const MESSAGE_SECONDS: f64 = 6.0;

/// Colours of the editor chrome for one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UiPalette {
    /// Minor grid lines.
    pub grid: Rgba,
    /// Every fifth grid line.
    pub grid_major: Rgba,
    /// Selection outline, handles' border, marquee border, accents.
    pub accent: Rgba,
    /// Marquee fill.
    pub marquee_fill: Rgba,
    /// Resize handle fill.
    pub handle_fill: Rgba,
    /// Hovered element outline.
    pub hover: Rgba,
    /// Outline of the unit a drag would drop into.
    pub drop_target: Rgba,
    /// The rubber band of a connection being drawn, when it can land.
    pub connect_ok: Rgba,
    /// The rubber band when it cannot land here.
    pub connect_bad: Rgba,
    /// The empty-canvas hint.
    pub hint: Rgba,
    /// What a comparison finds added (or introduced).
    pub added: Rgba,
    /// What a comparison finds removed (or resolved).
    pub removed: Rgba,
    /// Alignment guides drawn while boxes are dragged.
    pub guide: Rgba,
}

/// The chrome colours for the light theme.
pub const LIGHT: UiPalette = UiPalette {
    grid: Rgba::rgba(0, 0, 0, 14),
    grid_major: Rgba::rgba(0, 0, 0, 30),
    accent: Rgba::rgb(0x1f, 0x6f, 0xeb),
    marquee_fill: Rgba::rgba(0x1f, 0x6f, 0xeb, 28),
    handle_fill: Rgba::rgb(0xff, 0xff, 0xff),
    hover: Rgba::rgba(0x1f, 0x6f, 0xeb, 110),
    drop_target: Rgba::rgb(0x1f, 0x9d, 0x55),
    connect_ok: Rgba::rgb(0x1f, 0x6f, 0xeb),
    connect_bad: Rgba::rgb(0xc0, 0x39, 0x2b),
    hint: Rgba::rgb(0x6b, 0x72, 0x80),
    added: Rgba::rgb(0x1a, 0x7f, 0x37),
    removed: Rgba::rgb(0xb0, 0x30, 0x30),
    guide: Rgba::rgb(0xd6, 0x33, 0x84),
};

/// The chrome colours for the dark theme.
pub const DARK: UiPalette = UiPalette {
    grid: Rgba::rgba(255, 255, 255, 12),
    grid_major: Rgba::rgba(255, 255, 255, 26),
    accent: Rgba::rgb(0x4d, 0x9c, 0xff),
    marquee_fill: Rgba::rgba(0x4d, 0x9c, 0xff, 36),
    handle_fill: Rgba::rgb(0x1e, 0x22, 0x28),
    hover: Rgba::rgba(0x4d, 0x9c, 0xff, 130),
    drop_target: Rgba::rgb(0x3f, 0xc3, 0x80),
    connect_ok: Rgba::rgb(0x4d, 0x9c, 0xff),
    connect_bad: Rgba::rgb(0xff, 0x6b, 0x5b),
    hint: Rgba::rgb(0x9a, 0xa3, 0xb2),
    added: Rgba::rgb(0x56, 0xd3, 0x64),
    removed: Rgba::rgb(0xff, 0x7b, 0x72),
    guide: Rgba::rgb(0xff, 0x6a, 0xb5),
};

/// The chrome colours for the light or dark theme.
#[must_use]
pub fn palette(dark: bool) -> &'static UiPalette {
    if dark { &DARK } else { &LIGHT }
}
/// Height of one line in the findings list.
pub const FINDINGS_ROW_HEIGHT: f32 = 22.0;
/// Width of the finding details beside the findings list.
pub const FINDINGS_DETAIL_WIDTH: f32 = 460.0;
/// Least width of the buttons in a finding's detail, so a relabelled
/// button ("Accept…" becoming "Un-accept") keeps its slot.
pub const FINDING_BUTTON_WIDTH: f32 = 96.0;
/// Width of the blast-radius path strokes, in diagram units.
pub const BLAST_PATH_WIDTH: f32 = 3.5;
/// Width the File → Compare with… window opens at.
pub const COMPARE_WIDTH: f32 = 640.0;
/// Widest the other diagram's name heads its scorecard column.
pub const COMPARE_COLUMN_WIDTH: f32 = 180.0;
/// Height of one line in the comparison's list of changes.
pub const COMPARE_ROW_HEIGHT: f32 = 22.0;
/// Height the File → Compare with… window opens at (the list of changes
/// takes what the scorecards leave, and scrolls).
pub const COMPARE_HEIGHT: f32 = 640.0;
/// Widest a menu grows for a line of explanation (the examples menu).
pub const MENU_TEXT_WIDTH: f32 = 340.0;
