//! Every colour the scene uses, for the light and the dark theme.
//!
//! The scene ([`crate::scene`]) picks colours only from here, so the canvas
//! and the exports agree and a colour change is one edit. Colours that
//! derive from user data (team colours, the per-deployment-unit palette) are
//! turned into fills and strokes by [`Palette::tint`], also here.

use super::Rgba;

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// The canvas and export background.
    pub background: Rgba,
    /// Main text (the diagram title, legend labels).
    pub text: Rgba,
    /// Secondary text (legend headings, captions).
    pub text_muted: Rgba,

    /// Unit fill; translucent, so nested units grow darker level by level.
    pub unit_fill: Rgba,
    /// Fill of a `Managed` unit (a service you use but do not deploy).
    pub unit_managed_fill: Rgba,
    /// Border of a `Process` unit (weakest isolation).
    pub unit_stroke_process: Rgba,
    /// Border of a weak unit stronger than a process (a container).
    pub unit_stroke_weak: Rgba,
    /// Border of a unit whose isolation counts as strong.
    pub unit_stroke_strong: Rgba,
    /// Border of a `Managed` unit.
    pub unit_stroke_managed: Rgba,
    /// A unit's title.
    pub unit_title: Rgba,
    /// Background of the isolation/release chip beside a weak unit's title.
    pub chip_fill: Rgba,
    /// Text of that chip.
    pub chip_text: Rgba,
    /// Chip background for a strong unit.
    pub chip_strong_fill: Rgba,
    /// Chip text for a strong unit.
    pub chip_strong_text: Rgba,
    /// Chip background for a managed unit.
    pub chip_managed_fill: Rgba,
    /// Chip text for a managed unit.
    pub chip_managed_text: Rgba,

    /// Module fill and border in the trust view: untrusted.
    pub untrusted: (Rgba, Rgba),
    /// Module fill and border in the trust view: trusted.
    pub trusted: (Rgba, Rgba),
    /// Module fill and border in the trust view: sensitive.
    pub sensitive: (Rgba, Rgba),
    /// Module fill and border when the view has nothing to say (no team, not
    /// placed).
    pub neutral: (Rgba, Rgba),
    /// A module's name.
    pub module_text: Rgba,
    /// A module's second line (kind · trust · zone).
    pub module_detail: Rgba,
    /// The small icon on external actors and libraries.
    pub module_icon: Rgba,
    /// Background of the "3rd" tag on third-party modules.
    pub third_party_fill: Rgba,
    /// Text of the "3rd" tag.
    pub third_party_text: Rgba,

    /// Interface lines and arrowheads.
    pub edge: Rgba,
    /// Interface labels.
    pub edge_label: Rgba,
    /// Background behind interface labels, so they read over lines.
    pub edge_label_fill: Rgba,

    /// Finding colour: error.
    pub error: Rgba,
    /// Finding colour: warning.
    pub warning: Rgba,
    /// Finding colour: info.
    pub info: Rgba,
    /// Finding colour when every finding on the element is accepted.
    pub accepted: Rgba,
    /// Text on finding badges.
    pub badge_text: Rgba,
    /// Ring around badges, separating them from what they sit on.
    pub badge_ring: Rgba,

    /// Selection outline.
    pub selection: Rgba,
    /// Outline around emphasised (highlighted) modules.
    pub highlight: Rgba,

    /// Frame of the legend box in exports.
    pub legend_fill: Rgba,
    /// Border of the legend box in exports.
    pub legend_stroke: Rgba,
}

/// How far dimmed elements fade towards the background (0 = not at all).
pub const DIM_AMOUNT: f32 = 0.72;

/// Categorical colours for the deployment view, one per deployment unit in
/// file order (Tableau 10, reordered so neighbours contrast).
pub const DEPLOYMENT_PALETTE: &[Rgba] = &[
    Rgba::rgb(0x4e, 0x79, 0xa7),
    Rgba::rgb(0xf2, 0x8e, 0x2b),
    Rgba::rgb(0x59, 0xa1, 0x4f),
    Rgba::rgb(0xb0, 0x7a, 0xa1),
    Rgba::rgb(0x76, 0xb7, 0xb2),
    Rgba::rgb(0xed, 0xc9, 0x48),
    Rgba::rgb(0xe1, 0x57, 0x59),
    Rgba::rgb(0x9c, 0x75, 0x5f),
    Rgba::rgb(0xff, 0x9d, 0xa7),
    Rgba::rgb(0x79, 0x70, 0x6e),
];

/// The light theme.
pub const LIGHT: Palette = Palette {
    dark: false,
    background: Rgba::rgb(0xff, 0xff, 0xff),
    text: Rgba::rgb(0x1f, 0x23, 0x28),
    text_muted: Rgba::rgb(0x65, 0x6d, 0x76),

    unit_fill: Rgba::rgba(0x24, 0x48, 0x80, 10),
    unit_managed_fill: Rgba::rgba(0x3a, 0x86, 0xc8, 18),
    unit_stroke_process: Rgba::rgb(0xa8, 0xb1, 0xbc),
    unit_stroke_weak: Rgba::rgb(0x8c, 0x96, 0xa3),
    unit_stroke_strong: Rgba::rgb(0x2a, 0x9d, 0x6c),
    unit_stroke_managed: Rgba::rgb(0x4f, 0x8f, 0xc6),
    unit_title: Rgba::rgb(0x2b, 0x31, 0x37),
    chip_fill: Rgba::rgb(0xe8, 0xec, 0xf0),
    chip_text: Rgba::rgb(0x4f, 0x58, 0x62),
    chip_strong_fill: Rgba::rgb(0xd8, 0xf1, 0xe5),
    chip_strong_text: Rgba::rgb(0x1a, 0x6e, 0x4a),
    chip_managed_fill: Rgba::rgb(0xdc, 0xea, 0xf7),
    chip_managed_text: Rgba::rgb(0x2b, 0x5f, 0x8e),

    untrusted: (Rgba::rgb(0xfd, 0xe7, 0xe6), Rgba::rgb(0xd6, 0x4a, 0x45)),
    trusted: (Rgba::rgb(0xe6, 0xef, 0xfa), Rgba::rgb(0x4a, 0x7a, 0xb8)),
    sensitive: (Rgba::rgb(0xf2, 0xe9, 0xfc), Rgba::rgb(0x8a, 0x57, 0xc9)),
    neutral: (Rgba::rgb(0xf1, 0xf3, 0xf5), Rgba::rgb(0x9a, 0xa3, 0xad)),
    module_text: Rgba::rgb(0x1f, 0x23, 0x28),
    module_detail: Rgba::rgb(0x5a, 0x63, 0x6e),
    module_icon: Rgba::rgb(0x5a, 0x63, 0x6e),
    third_party_fill: Rgba::rgb(0x4b, 0x53, 0x5d),
    third_party_text: Rgba::rgb(0xff, 0xff, 0xff),

    edge: Rgba::rgb(0x5f, 0x6b, 0x7a),
    edge_label: Rgba::rgb(0x3b, 0x43, 0x4d),
    edge_label_fill: Rgba::rgba(0xff, 0xff, 0xff, 235),

    error: Rgba::rgb(0xcf, 0x22, 0x2e),
    warning: Rgba::rgb(0xc2, 0x85, 0x00),
    info: Rgba::rgb(0x21, 0x6e, 0xd6),
    accepted: Rgba::rgb(0x9a, 0xa2, 0xab),
    badge_text: Rgba::rgb(0xff, 0xff, 0xff),
    badge_ring: Rgba::rgb(0xff, 0xff, 0xff),

    selection: Rgba::rgb(0x0a, 0x69, 0xda),
    highlight: Rgba::rgb(0xe0, 0x6c, 0x00),

    legend_fill: Rgba::rgb(0xf6, 0xf8, 0xfa),
    legend_stroke: Rgba::rgb(0xd8, 0xde, 0xe4),
};

/// The dark theme.
pub const DARK: Palette = Palette {
    dark: true,
    background: Rgba::rgb(0x1b, 0x1f, 0x24),
    text: Rgba::rgb(0xe6, 0xea, 0xef),
    text_muted: Rgba::rgb(0x9b, 0xa5, 0xb0),

    unit_fill: Rgba::rgba(0xb4, 0xc8, 0xe6, 9),
    unit_managed_fill: Rgba::rgba(0x5a, 0xa0, 0xe0, 20),
    unit_stroke_process: Rgba::rgb(0x56, 0x60, 0x6b),
    unit_stroke_weak: Rgba::rgb(0x6c, 0x77, 0x83),
    unit_stroke_strong: Rgba::rgb(0x3f, 0xb9, 0x84),
    unit_stroke_managed: Rgba::rgb(0x63, 0xa4, 0xdc),
    unit_title: Rgba::rgb(0xd9, 0xde, 0xe4),
    chip_fill: Rgba::rgb(0x2f, 0x36, 0x3e),
    chip_text: Rgba::rgb(0xaf, 0xb8, 0xc2),
    chip_strong_fill: Rgba::rgb(0x1c, 0x3d, 0x31),
    chip_strong_text: Rgba::rgb(0x7d, 0xd9, 0xab),
    chip_managed_fill: Rgba::rgb(0x1f, 0x35, 0x4b),
    chip_managed_text: Rgba::rgb(0x93, 0xc3, 0xee),

    untrusted: (Rgba::rgb(0x4a, 0x25, 0x27), Rgba::rgb(0xf0, 0x6e, 0x68)),
    trusted: (Rgba::rgb(0x22, 0x33, 0x4a), Rgba::rgb(0x6f, 0x9f, 0xdc)),
    sensitive: (Rgba::rgb(0x37, 0x2a, 0x4c), Rgba::rgb(0xb5, 0x8b, 0xea)),
    neutral: (Rgba::rgb(0x2c, 0x32, 0x38), Rgba::rgb(0x7d, 0x87, 0x93)),
    module_text: Rgba::rgb(0xec, 0xef, 0xf3),
    module_detail: Rgba::rgb(0xa9, 0xb2, 0xbd),
    module_icon: Rgba::rgb(0xa9, 0xb2, 0xbd),
    third_party_fill: Rgba::rgb(0xc9, 0xd1, 0xd9),
    third_party_text: Rgba::rgb(0x1b, 0x1f, 0x24),

    edge: Rgba::rgb(0x93, 0x9e, 0xab),
    edge_label: Rgba::rgb(0xc9, 0xd1, 0xd9),
    edge_label_fill: Rgba::rgba(0x1b, 0x1f, 0x24, 235),

    error: Rgba::rgb(0xf8, 0x51, 0x49),
    warning: Rgba::rgb(0xd6, 0x9c, 0x22),
    info: Rgba::rgb(0x4c, 0x9a, 0xf8),
    accepted: Rgba::rgb(0x6e, 0x76, 0x81),
    badge_text: Rgba::rgb(0x11, 0x14, 0x18),
    badge_ring: Rgba::rgb(0x1b, 0x1f, 0x24),

    selection: Rgba::rgb(0x4c, 0x9a, 0xf8),
    highlight: Rgba::rgb(0xff, 0x9e, 0x3d),

    legend_fill: Rgba::rgb(0x23, 0x28, 0x2e),
    legend_stroke: Rgba::rgb(0x38, 0x40, 0x48),
};

impl Palette {
    /// The light or the dark palette.
    #[must_use]
    pub fn get(dark: bool) -> &'static Palette {
        if dark { &DARK } else { &LIGHT }
    }

    /// Module fill and border for a base colour that comes from data (a team
    /// colour, a deployment-unit colour): a pale tint of it to fill, the
    /// colour itself (a little deepened or lifted) for the border.
    #[must_use]
    pub fn tint(&self, base: Rgba) -> (Rgba, Rgba) {
        if self.dark {
            (
                base.lerp(self.background, 0.72),
                base.lerp(Rgba::rgb(0xff, 0xff, 0xff), 0.12),
            )
        } else {
            (
                base.lerp(Rgba::rgb(0xff, 0xff, 0xff), 0.82),
                base.lerp(Rgba::rgb(0, 0, 0), 0.12),
            )
        }
    }

    /// `color` faded towards the background, for elements outside the
    /// highlighted set.
    #[must_use]
    pub fn dim(&self, color: Rgba) -> Rgba {
        let faded = color.lerp(self.background, DIM_AMOUNT);
        // Opaque colours stay opaque (a dimmed box still hides what is
        // behind it); translucent fills grow fainter still.
        let a = if color.a == 255 {
            255
        } else {
            (f32::from(color.a) * (1.0 - DIM_AMOUNT * 0.5)) as u8
        };
        Rgba { a, ..faded }
    }
}
