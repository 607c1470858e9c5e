//! Diagrams carried inside exported images: a compressed PNG `iTXt` chunk
//! with keyword `seams`, or an SVG `<metadata>` element. Both hold the same
//! RON text that [`super::to_ron_string`] writes.

use std::fmt::Write as _;

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
    bytes.starts_with(PNG_SIGNATURE)
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
///
/// The chunks are walked without decoding the image: whatever the header
/// says about the image's size, nothing is allocated for pixels. Every
/// chunk length is checked against the bytes that are there, and the text is
/// inflated to at most [`MAX_TEXT_BYTES`].
pub fn diagram_text_from_png(bytes: &[u8]) -> Result<String, EmbedError> {
    let bad = |why: &str| EmbedError::BadPng(why.to_owned());
    let mut rest = bytes
        .strip_prefix(PNG_SIGNATURE)
        .ok_or_else(|| bad("it does not start with the PNG signature"))?;
    let mut first = true;
    while !rest.is_empty() {
        let chunk = next_chunk(rest)?;
        if first && chunk.kind != *b"IHDR" {
            return Err(bad("its first chunk is not the image header (IHDR)"));
        }
        first = false;
        match &chunk.kind {
            b"iTXt" => {
                if let Some(text) = seams_text(&chunk)? {
                    return Ok(text);
                }
            }
            b"IEND" => return Err(EmbedError::NoDiagramInPng),
            _ => {}
        }
        rest = chunk.after;
    }
    Err(bad("it ends before its last chunk (IEND)"))
}

/// The PNG file signature.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The PNG specification's limit on a chunk's length.
const MAX_CHUNK_BYTES: usize = (1 << 31) - 1;

/// One PNG chunk, borrowed from the file.
struct Chunk<'a> {
    kind: [u8; 4],
    data: &'a [u8],
    crc: u32,
    /// The bytes after the chunk.
    after: &'a [u8],
}

/// The chunk at the start of `rest`; a length beyond the bytes that are
/// there is an error, found before anything is allocated.
fn next_chunk(rest: &[u8]) -> Result<Chunk<'_>, EmbedError> {
    let truncated = || EmbedError::BadPng("it is cut off in the middle of a chunk".to_owned());
    let header: [u8; 8] = rest
        .get(..8)
        .and_then(|h| h.try_into().ok())
        .ok_or_else(truncated)?;
    let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
    if length > MAX_CHUNK_BYTES {
        return Err(EmbedError::BadPng(format!(
            "a chunk claims {length} bytes, more than PNG allows"
        )));
    }
    let kind = [header[4], header[5], header[6], header[7]];
    let end = 8usize
        .checked_add(length)
        .and_then(|n| n.checked_add(4))
        .ok_or_else(truncated)?;
    if end > rest.len() {
        return Err(truncated());
    }
    let crc = &rest[end - 4..end];
    Ok(Chunk {
        kind,
        data: &rest[8..8 + length],
        crc: u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]),
        after: &rest[end..],
    })
}

/// The diagram in an `iTXt` chunk, or `None` when the chunk is another
/// program's.
fn seams_text(chunk: &Chunk<'_>) -> Result<Option<String>, EmbedError> {
    let damaged = |why: &str| EmbedError::BadPng(format!("its Seams chunk is damaged: {why}"));
    // keyword NUL, compression flag, compression method, language tag NUL,
    // translated keyword NUL, text.
    let Some((keyword, rest)) = split_nul(chunk.data) else {
        return Ok(None);
    };
    if keyword != PNG_KEYWORD.as_bytes() {
        return Ok(None);
    }
    let mut crc = crc32fast::Hasher::new();
    crc.update(&chunk.kind);
    crc.update(chunk.data);
    if crc.finalize() != chunk.crc {
        return Err(damaged("its checksum does not match"));
    }
    let [compressed, method, rest @ ..] = rest else {
        return Err(damaged("it ends after its keyword"));
    };
    let (_language, rest) = split_nul(rest).ok_or_else(|| damaged("no end to its language tag"))?;
    let (_translated, text) =
        split_nul(rest).ok_or_else(|| damaged("no end to its translated keyword"))?;
    let text = match (compressed, method) {
        (0, _) => text.to_vec(),
        (1, 0) => match fdeflate::decompress_to_vec_bounded(text, MAX_TEXT_BYTES) {
            Ok(text) => text,
            Err(fdeflate::BoundedDecompressionError::OutputTooLarge { .. }) => {
                return Err(EmbedError::BadPng(format!(
                    "its Seams chunk inflates to more than {MAX_TEXT_BYTES} bytes"
                )));
            }
            Err(_) => return Err(damaged("its compressed text cannot be inflated")),
        },
        _ => return Err(damaged("unknown compression")),
    };
    String::from_utf8(text)
        .map(Some)
        .map_err(|_| damaged("its text is not UTF-8"))
}

/// `bytes` up to the first NUL, and what follows the NUL.
fn split_nul(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = bytes.iter().position(|&b| b == 0)?;
    Some((&bytes[..at], &bytes[at + 1..]))
}

/// The `<metadata>` element that carries `diagram_ron` inside an SVG.
///
/// Characters XML 1.0 cannot hold at all (C0 controls other than tab,
/// newline and carriage return; U+FFFE and U+FFFF), which the saver only
/// ever writes inside RON strings, are written as RON `\u{...}` escapes:
/// the SVG stays well-formed and the diagram reads back the same.
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
            c if !allowed_in_xml(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str(SVG_CLOSE);
    out.push_str("</metadata>");
    out
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production; Rust
/// strings hold no surrogates).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// The diagram text carried by an SVG exported by Seams.
pub fn diagram_text_from_svg(svg: &str) -> Result<String, EmbedError> {
    diagram_text_from_svg_at(svg).map(|(_, text)| text)
}

/// The diagram text carried by an SVG exported by Seams, and the byte
/// offset in `svg` where it starts.
pub fn diagram_text_from_svg_at(svg: &str) -> Result<(usize, String), EmbedError> {
    let start = svg.find(SVG_OPEN).ok_or(EmbedError::NoDiagramInSvg)? + SVG_OPEN.len();
    let len = svg[start..]
        .find(SVG_CLOSE)
        .ok_or(EmbedError::NoDiagramInSvg)?;
    Ok((start, unescape_xml(&svg[start..start + len])))
}

/// The line and column in `svg` of `at`, a line and column of the diagram
/// text that starts at byte `start` of `svg` (as read by
/// [`diagram_text_from_svg_at`]): lines match one to one, and on each line
/// an entity such as `&lt;` is one character of the text.
#[must_use]
pub fn svg_position(svg: &str, start: usize, at: super::LineCol) -> super::LineCol {
    let start = start.min(svg.len());
    let before = &svg[..start];
    let lines_before = before.matches('\n').count();
    let raw = &svg[start..];
    let Some(raw_line) = raw.split('\n').nth(at.line.saturating_sub(1)) else {
        return super::LineCol {
            line: lines_before + at.line,
            col: at.col,
        };
    };
    // Walk the raw line, one text character per entity or character.
    let mut rest = raw_line;
    let mut raw_chars = 0;
    for _ in 1..at.col {
        let Some(c) = rest.chars().next() else { break };
        let step = if c == '&' {
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .find(|e| rest.starts_with(*e))
                .map_or(1, |e| e.len())
        } else {
            c.len_utf8()
        };
        raw_chars += rest[..step].chars().count();
        rest = &rest[step..];
    }
    let first_line_indent = if at.line <= 1 {
        before[before.rfind('\n').map_or(0, |n| n + 1)..]
            .chars()
            .count()
    } else {
        0
    };
    super::LineCol {
        line: lines_before + at.line,
        col: first_line_indent + raw_chars + 1,
    }
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
