//! Diagrams carried inside exported images: a compressed PNG `iTXt` chunk
//! with keyword `seams`, or an SVG `<metadata>` element. Both hold the same
//! RON text that [`super::to_ron_string`] writes.

use std::io::Cursor;

/// The PNG `iTXt` keyword under which the diagram travels.
pub const PNG_KEYWORD: &str = "seams";

/// Largest diagram text inflated out of a PNG (the loader's file limit).
const MAX_TEXT_BYTES: usize = super::MAX_FILE_BYTES as usize;

const SVG_OPEN: &str = "<seams:diagram xmlns:seams=\"urn:seams:diagram\">";
const SVG_CLOSE: &str = "</seams:diagram>";

/// Images with more pixels than this are compressed for speed, not size.
const FAST_COMPRESSION_PIXELS: u64 = 8_000_000;

/// Why an image did not yield a diagram.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum EmbedError {
    /// The bytes are not a readable PNG.
    #[error("this is not a readable PNG ({0})")]
    BadPng(String),
    /// The PNG has no `seams` chunk.
    #[error("this PNG has no Seams diagram in it (only PNGs exported by Seams re-open)")]
    NoDiagramInPng,
    /// The SVG has no Seams metadata.
    #[error("this SVG has no Seams diagram in it (only SVGs exported by Seams re-open)")]
    NoDiagramInSvg,
    /// Writing the PNG failed.
    #[error("could not encode the PNG: {0}")]
    Encode(String),
}

/// Encodes an 8-bit RGBA image as PNG with `diagram_ron` in a compressed
/// `iTXt` chunk placed before the image data.
pub fn encode_png_with_diagram(
    rgba: &[u8],
    width: u32,
    height: u32,
    diagram_ron: &str,
) -> Result<Vec<u8>, EmbedError> {
    let encode = |e: png::EncodingError| EmbedError::Encode(e.to_string());
    let mut info = png::Info::with_size(width, height);
    info.color_type = png::ColorType::Rgba;
    info.bit_depth = png::BitDepth::Eight;
    let mut chunk = png::text_metadata::ITXtChunk::new(PNG_KEYWORD, diagram_ron);
    chunk.compressed = true;
    chunk.compress_text().map_err(encode)?;
    info.utf8_text.push(chunk);
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::with_info(&mut out, info).map_err(encode)?;
        // zlib's default level makes the smallest files but takes seconds
        // on very large images; above a few megapixels fdeflate is several
        // times faster for files about 1.5 to 2 times larger.
        if u64::from(width) * u64::from(height) > FAST_COMPRESSION_PIXELS {
            encoder.set_deflate_compression(png::DeflateCompression::FdeflateUltraFast);
            // The adaptive filter tries five filters on every row; a
            // diagram is mostly flat colour repeated down the page, which
            // `Up` turns into zeros at a fifth of the cost.
            encoder.set_filter(png::Filter::Up);
        }
        let mut writer = encoder.write_header().map_err(encode)?;
        writer.write_image_data(rgba).map_err(encode)?;
        writer.finish().map_err(encode)?;
    }
    Ok(out)
}

/// Whether `bytes` start with the PNG signature.
#[must_use]
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

/// Whether `bytes` look like an SVG document.
#[must_use]
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--"))
        && head.contains("<svg")
}

/// The diagram text carried by a PNG exported by Seams.
pub fn diagram_text_from_png(bytes: &[u8]) -> Result<String, EmbedError> {
    let bad = |e: png::DecodingError| EmbedError::BadPng(e.to_string());
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_limits(png::Limits {
        bytes: 256 * 1024 * 1024,
    });
    let mut reader = decoder.read_info().map_err(bad)?;
    if let Some(text) = find_chunk(&reader.info().utf8_text)? {
        return Ok(text);
    }
    // The chunk may also follow the image data: decode the image to reach it.
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| EmbedError::BadPng("the image is too large".to_owned()))?;
    let mut buffer = vec![0; size];
    reader.next_frame(&mut buffer).map_err(bad)?;
    reader.finish().map_err(bad)?;
    find_chunk(&reader.info().utf8_text)?.ok_or(EmbedError::NoDiagramInPng)
}

fn find_chunk(chunks: &[png::text_metadata::ITXtChunk]) -> Result<Option<String>, EmbedError> {
    let Some(chunk) = chunks.iter().find(|c| c.keyword == PNG_KEYWORD) else {
        return Ok(None);
    };
    let mut chunk = chunk.clone();
    chunk
        .decompress_text_with_limit(MAX_TEXT_BYTES)
        .map_err(|e| EmbedError::BadPng(format!("its Seams chunk is damaged: {e}")))?;
    chunk
        .get_text()
        .map(Some)
        .map_err(|e| EmbedError::BadPng(format!("its Seams chunk is damaged: {e}")))
}

/// The `<metadata>` element that carries `diagram_ron` inside an SVG.
#[must_use]
pub fn svg_metadata(diagram_ron: &str) -> String {
    let mut out = String::with_capacity(diagram_ron.len() + 80);
    out.push_str("<metadata>");
    out.push_str(SVG_OPEN);
    for c in diagram_ron.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out.push_str(SVG_CLOSE);
    out.push_str("</metadata>");
    out
}

/// The diagram text carried by an SVG exported by Seams.
pub fn diagram_text_from_svg(svg: &str) -> Result<String, EmbedError> {
    let start = svg.find(SVG_OPEN).ok_or(EmbedError::NoDiagramInSvg)? + SVG_OPEN.len();
    let len = svg[start..]
        .find(SVG_CLOSE)
        .ok_or(EmbedError::NoDiagramInSvg)?;
    Ok(unescape_xml(&svg[start..start + len]))
}

fn unescape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let replaced = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ]
        .iter()
        .find(|(entity, _)| rest.starts_with(entity));
        if let Some((entity, c)) = replaced {
            out.push(*c);
            rest = &rest[entity.len()..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_round_trip() {
        let text = "(format: \"seams\", version: 1, title: \"ünïcode <&>\")";
        let png = encode_png_with_diagram(&[255; 4 * 4], 2, 2, text).unwrap();
        assert!(is_png(&png));
        assert_eq!(diagram_text_from_png(&png).unwrap(), text);
    }

    #[test]
    fn png_without_chunk_is_reported() {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, 1, 1);
            encoder.set_color(png::ColorType::Rgba);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&[0; 4]).unwrap();
        }
        assert_eq!(diagram_text_from_png(&out), Err(EmbedError::NoDiagramInPng));
        assert!(matches!(
            diagram_text_from_png(&out[..out.len() / 2]),
            Err(EmbedError::BadPng(_))
        ));
    }

    #[test]
    fn svg_round_trip() {
        let text = "title: \"a < b && c > d ]]>\"";
        let svg = format!("<svg>{}</svg>", svg_metadata(text));
        assert!(is_svg(svg.as_bytes()));
        assert_eq!(diagram_text_from_svg(&svg).unwrap(), text);
        assert_eq!(
            diagram_text_from_svg("<svg></svg>"),
            Err(EmbedError::NoDiagramInSvg)
        );
    }
}
