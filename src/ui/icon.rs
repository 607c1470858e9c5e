//! The window icon: `assets/seams.png` (256×256 RGBA, the same image the
//! desktop entry installs), decoded for eframe.

/// The icon PNG, built into the binary.
const ICON_PNG: &[u8] = include_bytes!("../../assets/seams.png");

/// The window icon, or `None` if the built-in PNG cannot be decoded (the
/// window then opens with the desktop's default icon).
#[must_use]
pub fn window_icon() -> Option<egui::IconData> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(ICON_PNG));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().ok()?;
    let mut buffer = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut buffer).ok()?;
    if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
        return None;
    }
    buffer.truncate(frame.buffer_size());
    Some(egui::IconData {
        rgba: buffer,
        width: frame.width,
        height: frame.height,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_decodes_to_square_rgba() {
        let icon = super::window_icon().expect("the bundled icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
