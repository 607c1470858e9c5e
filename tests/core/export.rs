//! Export end to end: examples and conformance cases to SVG and PNG, the PNG
//! decoded and checked (size, background, embedded diagram), golden SVGs,
//! bad input, and the `seams export` command's exit codes.
//!
//! Regenerate the golden SVGs with `SEAMS_BLESS=1 cargo test --test core export::`.

use crate::support::{example, ron_files, root, run, stderr, stdout};
use seams::export::{self, Background, ExportOptions, Format};
use seams::file;
use seams::model::{Diagram, Point};
use seams::scene::View;
use std::path::{Path, PathBuf};

fn load(path: &Path) -> Diagram {
    file::load_path(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The page size an export of `diagram` with `options` has, in page units.
fn page_size(diagram: &Diagram, options: &ExportOptions) -> (f32, f32) {
    let drawn = export::prepare(diagram);
    let report = seams::rules::check(&drawn);
    let scene = export::scene_for(&drawn, &report, options);
    let page = export::compose(&scene, options);
    (page.width, page.height)
}

/// `diagram` exported as a PNG with `options` (at scale 1), and decoded:
/// one pixel per page unit, the page's size rounded up.
fn png_at_scale_1(diagram: &Diagram, options: &ExportOptions) -> (Vec<u8>, Decoded) {
    assert_eq!(options.scale, 1);
    let bytes = export::export(diagram, Format::Png, options).expect("exports");
    let image = decode(&bytes);
    let (w, h) = page_size(diagram, options);
    assert_eq!(
        (image.width, image.height),
        (w.ceil() as u32, h.ceil() as u32)
    );
    (bytes, image)
}

struct Decoded {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

fn decode(png_bytes: &[u8]) -> Decoded {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a readable PNG");
    let mut rgba = vec![0; reader.output_buffer_size().expect("sane size")];
    let frame = reader.next_frame(&mut rgba).expect("one frame");
    assert_eq!(frame.color_type, png::ColorType::Rgba);
    assert_eq!(frame.bit_depth, png::BitDepth::Eight);
    rgba.truncate(frame.buffer_size());
    Decoded {
        width: frame.width,
        height: frame.height,
        rgba,
    }
}

impl Decoded {
    fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [
            self.rgba[i],
            self.rgba[i + 1],
            self.rgba[i + 2],
            self.rgba[i + 3],
        ]
    }
}

fn expected_corner(background: Background) -> [u8; 4] {
    use seams::theme::palette::{DARK, LIGHT};
    match background {
        Background::Light => {
            let c = LIGHT.background;
            [c.r, c.g, c.b, 255]
        }
        Background::Dark => {
            let c = DARK.background;
            [c.r, c.g, c.b, 255]
        }
        Background::Transparent => [0, 0, 0, 0],
    }
}

#[test]
fn examples_export_to_png_with_every_background() {
    for path in ron_files("assets/examples") {
        let diagram = load(&path);
        for background in Background::ALL {
            let options = ExportOptions {
                scale: 1,
                background,
                ..ExportOptions::default()
            };
            let (bytes, image) = png_at_scale_1(&diagram, &options);
            let corner = expected_corner(background);
            for (x, y) in [(0, 0), (image.width - 1, image.height - 1)] {
                assert_eq!(
                    image.pixel(x, y),
                    corner,
                    "{} {background:?}",
                    path.display()
                );
            }
            // Something is drawn: not every pixel is the background.
            assert!(
                image.rgba.chunks(4).any(|p| p != corner),
                "{} is blank",
                path.display()
            );
            assert_eq!(
                file::load_bytes(&bytes).expect("the PNG re-opens"),
                diagram,
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn png_size_follows_the_scale() {
    let diagram = example();
    for scale in 1..=4 {
        let options = ExportOptions {
            scale,
            ..ExportOptions::default()
        };
        let image = decode(&export::export(&diagram, Format::Png, &options).expect("exports"));
        let (w, h) = page_size(&diagram, &options);
        assert_eq!(
            image.width,
            (w * scale as f32).ceil() as u32,
            "scale {scale}"
        );
        assert_eq!(
            image.height,
            (h * scale as f32).ceil() as u32,
            "scale {scale}"
        );
    }
}

#[test]
fn svg_exports_re_open_and_are_well_formed() {
    for path in ron_files("assets/examples")
        .into_iter()
        .chain(ron_files("tests/conformance"))
    {
        let diagram = load(&path);
        for view in View::ALL {
            let options = ExportOptions {
                view,
                ..ExportOptions::default()
            };
            let bytes = export::export(&diagram, Format::Svg, &options).expect("exports");
            let text = String::from_utf8(bytes.clone()).expect("UTF-8");
            assert!(text.starts_with("<?xml"));
            assert!(!text.contains("<text"), "{}", path.display());
            // resvg (a strict XML parser underneath) reads it.
            resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(file::load_bytes(&bytes).expect("re-opens"), diagram);
        }
    }
}

/// `svg` rendered by resvg at one pixel per unit with the fonts in
/// `fontdb`, as straight-alpha RGBA (rounded as the PNG export rounds).
fn render_svg(svg: &str, fontdb: resvg::usvg::fontdb::Database) -> Vec<u8> {
    use resvg::{tiny_skia, usvg};
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(fontdb),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).expect("valid SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).expect("a picture");
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    let mut rgba = pixmap.take();
    for pixel in rgba.chunks_exact_mut(4) {
        let a = u16::from(pixel[3]);
        if a != 0 && a != 255 {
            for channel in &mut pixel[..3] {
                *channel = ((u16::from(*channel) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
    rgba
}

/// Every `<g aria-label=...>` group (a line of text as outlines) removed.
fn without_text(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("<g aria-label=") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</g>").expect("closed") + start + "</g>".len();
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn svg_text_is_outlines_that_need_no_font() {
    let mut diagram = load(&root().join("assets/examples/photo-sharing.ron"));
    // An arrow: Ubuntu has none, the editor draws it in Hack.
    diagram.modules[0].name = "Uploads → Photos".to_owned();
    diagram.modules[0].size = None;
    let options = ExportOptions {
        scale: 1,
        background: Background::Transparent,
        ..ExportOptions::default()
    };
    let svg = String::from_utf8(export::export(&diagram, Format::Svg, &options).expect("exports"))
        .expect("UTF-8");
    assert!(!svg.contains("<text") && !svg.contains("font-family"));
    // The words stay in the file, for screen readers and searches.
    assert!(svg.contains("aria-label=\"Uploads → Photos\""));
    assert!(svg.contains("xlink:href=\"#glyph-h"), "the arrow is Hack's");
    assert!(svg.contains("<title>Photo sharing</title>"));

    let mut fonts = resvg::usvg::fontdb::Database::new();
    fonts.load_font_data(seams::text::FONT_BYTES.to_vec());
    fonts.load_font_data(seams::text::FALLBACK_FONT_BYTES.to_vec());
    fonts.set_sans_serif_family("Ubuntu");
    let no_fonts = render_svg(&svg, resvg::usvg::fontdb::Database::new());
    assert!(
        no_fonts == render_svg(&svg, fonts),
        "the SVG looks different with the fonts installed"
    );
    // The text is drawn: without its outlines the picture differs.
    assert!(no_fonts != render_svg(&without_text(&svg), resvg::usvg::fontdb::Database::new()));
    // And the PNG export draws exactly the same picture.
    let png = decode(&export::export(&diagram, Format::Png, &options).expect("exports"));
    assert!(png.rgba == no_fonts, "the PNG and the SVG differ");
}

#[test]
fn no_findings_leaves_badges_out() {
    let diagram = load(&root().join("assets/examples/document-upload.ron"));
    let with = String::from_utf8(
        export::export(&diagram, Format::Svg, &ExportOptions::default()).expect("exports"),
    )
    .expect("UTF-8");
    let without = String::from_utf8(
        export::export(
            &diagram,
            Format::Svg,
            &ExportOptions {
                findings: false,
                ..ExportOptions::default()
            },
        )
        .expect("exports"),
    )
    .expect("UTF-8");
    assert!(with.contains("class=\"badge\"") && with.contains("aria-label=\"FINDINGS\""));
    assert!(!without.contains("class=\"badge\"") && !without.contains("aria-label=\"FINDINGS\""));
}

#[test]
fn text_is_escaped_and_the_title_shown() {
    let mut diagram = example();
    diagram.title = "Ampersands & <angles> \"quoted\"".to_owned();
    diagram.modules[0].name = "<script>alert('x')</script>".to_owned();
    let svg = String::from_utf8(
        export::export(&diagram, Format::Svg, &ExportOptions::default()).expect("exports"),
    )
    .expect("UTF-8");
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("Ampersands &amp; &lt;angles&gt; &quot;quoted&quot;"));
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    assert_eq!(file::load_bytes(svg.as_bytes()).expect("re-opens"), diagram);
}

#[test]
fn selection_only_fits_the_selection() {
    let diagram = export::prepare(&example()).into_owned();
    let full = page_size(&diagram, &ExportOptions::default());
    let options = ExportOptions {
        only: Some(["photos".to_owned()].into_iter().collect()),
        ..ExportOptions::default()
    };
    let part = page_size(&diagram, &options);
    assert!(part.0 < full.0 && part.1 <= full.1, "{part:?} {full:?}");
    let svg = String::from_utf8(export::export(&diagram, Format::Svg, &options).expect("exports"))
        .expect("UTF-8");
    assert!(svg.contains("aria-label=\"Photos DB\""));
    assert!(!svg.contains("aria-label=\"HTTP handlers\""));
}

#[test]
fn golden_svgs_for_the_conformance_cases() {
    let bless = std::env::var_os("SEAMS_BLESS").is_some();
    let golden = root().join("tests/golden");
    let mut cases: Vec<(PathBuf, String, ExportOptions)> = ron_files("tests/conformance")
        .into_iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (path, stem, ExportOptions::default())
        })
        .collect();
    // The other views and the dark theme, on the built-in example.
    let example = root().join("assets/examples/photo-sharing.ron");
    for (name, view, background) in [
        ("photo-sharing-team-dark", View::Team, Background::Dark),
        (
            "photo-sharing-deployment",
            View::Deployment,
            Background::Transparent,
        ),
    ] {
        cases.push((
            example.clone(),
            name.to_owned(),
            ExportOptions {
                view,
                background,
                ..ExportOptions::default()
            },
        ));
    }
    let mut failures = Vec::new();
    for (path, name, options) in cases {
        let svg = String::from_utf8(
            export::export(&load(&path), Format::Svg, &options).expect("exports"),
        )
        .expect("UTF-8");
        let golden_path = golden.join(format!("{name}.svg"));
        if bless {
            std::fs::create_dir_all(&golden).expect("golden folder");
            std::fs::write(&golden_path, &svg).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&golden_path) {
            Ok(expected) if expected == svg => {}
            Ok(_) => failures.push(format!("{name}: differs from {}", golden_path.display())),
            Err(e) => failures.push(format!("{name}: {}: {e}", golden_path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "golden SVGs out of date (run with SEAMS_BLESS=1 if the change is intended):\n{}",
        failures.join("\n")
    );
}

#[test]
fn conformance_cases_export_to_png() {
    for path in ron_files("tests/conformance") {
        let diagram = load(&path);
        let options = ExportOptions {
            scale: 1,
            ..ExportOptions::default()
        };
        let bytes = export::export(&diagram, Format::Png, &options).expect("exports");
        assert_eq!(file::load_bytes(&bytes).expect("re-opens"), diagram);
    }
}

// --- bad input -------------------------------------------------------------

fn plain_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 2, 2);
    encoder.set_color(png::ColorType::Rgba);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(&[200; 16]).expect("data");
    writer.finish().expect("finish");
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG whose header claims `width` × `height` and that carries a `seams`
/// chunk after the header, but no image data.
fn hostile_png(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IEND", &[]);
    out
}

#[test]
fn bad_pngs_are_reported() {
    let diagram = example();
    let good = export::export(
        &diagram,
        Format::Png,
        &ExportOptions {
            scale: 1,
            ..ExportOptions::default()
        },
    )
    .expect("exports");
    // Truncated anywhere: never a panic or a half diagram. Cut before the
    // end of the `seams` chunk it is an error; cut in the image data after
    // it, the whole diagram may still be read.
    let kind_at = good
        .windows(4)
        .position(|w| w == b"iTXt")
        .expect("an iTXt chunk");
    let length = u32::from_be_bytes(good[kind_at - 4..kind_at].try_into().expect("4 bytes"));
    let chunk_end = kind_at + 4 + length as usize + 4;
    for cut in (0..good.len())
        .step_by(97)
        .chain([chunk_end - 1, good.len() - 1])
    {
        match file::load_bytes(&good[..cut]) {
            Ok(d) => assert!(cut >= chunk_end && d == diagram, "cut at {cut}"),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        if cut < chunk_end {
            assert!(file::load_bytes(&good[..cut]).is_err(), "cut at {cut}");
        }
    }
    let error = file::load_bytes(&plain_png()).expect_err("no diagram");
    assert!(
        error
            .to_string()
            .contains("this PNG has no Seams diagram in it"),
        "{error}"
    );
    for (w, h) in [(0x7fff_ffff, 0x7fff_ffff), (1, 0x7fff_ffff), (0, 0)] {
        assert!(file::load_bytes(&hostile_png(w, h)).is_err(), "{w}x{h}");
    }
}

#[test]
fn hostile_geometry_is_refused_not_rendered() {
    let mut diagram = export::prepare(&example()).into_owned();
    diagram.modules[0].pos = Some(Point::new(-3.0e7, 4.0e7));
    let result = export::export(&diagram, Format::Png, &ExportOptions::default());
    assert!(
        matches!(result, Err(export::ExportError::TooLarge { .. })),
        "{result:?}"
    );
    // SVG has no pixel budget: it still works.
    assert!(export::export(&diagram, Format::Svg, &ExportOptions::default()).is_ok());
}

// --- the command line ------------------------------------------------------

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn cli_writes_png_and_svg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = root().join("assets/examples/photo-sharing.ron");
    let png_path = dir.path().join("out.png");
    let out = run([
        os("export"),
        input.as_os_str(),
        os("-o"),
        png_path.as_os_str(),
        os("--scale"),
        os("1"),
        os("--background"),
        os("dark"),
        os("--view"),
        os("team"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&png_path).expect("written");
    let image = decode(&bytes);
    assert_eq!(image.pixel(0, 0), expected_corner(Background::Dark));
    assert_eq!(file::load_bytes(&bytes).expect("re-opens"), load(&input));

    // Re-export the PNG over itself, as SVG from it, and check it.
    let out = run([
        os("export"),
        png_path.as_os_str(),
        os("-o"),
        png_path.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg_path = dir.path().join("out.SVG");
    let out = run([
        os("export"),
        png_path.as_os_str(),
        os("-o"),
        svg_path.as_os_str(),
        os("--no-findings"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = run([os("check"), svg_path.as_os_str()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert_eq!(files_in(dir.path()), ["out.SVG", "out.png"]);
}

#[test]
fn cli_refuses_bad_input_with_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = root().join("assets/examples/photo-sharing.ron");
    let not_a_diagram = dir.path().join("plain.png");
    std::fs::write(&not_a_diagram, plain_png()).expect("write");
    let truncated = dir.path().join("truncated.ron");
    std::fs::write(
        &truncated,
        "#![enable(implicit_some)]\n(format: \"seams\", version: 1, modules: [",
    )
    .expect("write");
    let out_png = dir.path().join("out.png");
    let out_jpg = dir.path().join("out.jpg");
    let missing = dir.path().join("missing.ron");
    let nowhere = dir.path().join("no/such/folder/out.png");
    let cases: Vec<(Vec<&std::ffi::OsStr>, &str)> = vec![
        (
            vec![
                os("export"),
                input.as_os_str(),
                os("-o"),
                out_jpg.as_os_str(),
            ],
            "must end in .png or .svg",
        ),
        (
            vec![
                os("export"),
                input.as_os_str(),
                os("-o"),
                out_png.as_os_str(),
                os("--scale"),
                os("5"),
            ],
            "5",
        ),
        (
            vec![
                os("export"),
                input.as_os_str(),
                os("-o"),
                out_png.as_os_str(),
                os("--scale"),
                os("0"),
            ],
            "0",
        ),
        (
            vec![
                os("export"),
                input.as_os_str(),
                os("-o"),
                out_png.as_os_str(),
                os("--view"),
                os("colour"),
            ],
            "colour",
        ),
        (
            vec![
                os("export"),
                missing.as_os_str(),
                os("-o"),
                out_png.as_os_str(),
            ],
            "missing.ron",
        ),
        (
            vec![
                os("export"),
                not_a_diagram.as_os_str(),
                os("-o"),
                out_png.as_os_str(),
            ],
            "this PNG has no Seams diagram in it",
        ),
        (
            vec![
                os("export"),
                truncated.as_os_str(),
                os("-o"),
                out_png.as_os_str(),
            ],
            "truncated.ron",
        ),
        (
            vec![
                os("export"),
                input.as_os_str(),
                os("-o"),
                nowhere.as_os_str(),
            ],
            "cannot write",
        ),
    ];
    for (args, needle) in cases {
        let out = run(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert_eq!(files_in(dir.path()), ["plain.png", "truncated.ron"]);
}

#[test]
fn cli_refuses_an_unwritable_output_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = root().join("assets/examples/photo-sharing.ron");
    // The output is a folder: the rename fails, the folder is untouched and
    // no temporary file is left behind.
    let folder = dir.path().join("taken.png");
    std::fs::create_dir(&folder).expect("mkdir");
    let out = run([
        os("export"),
        input.as_os_str(),
        os("-o"),
        folder.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(folder.is_dir());
    assert_eq!(files_in(dir.path()), ["taken.png"]);
}

#[test]
fn a_generated_diagram_without_geometry_exports() {
    // The benchmark exports 500 modules; 120 keep the test quick. Scale 1:
    // the automatic layout of 120 modules is wider than 16k pixels at 2x.
    let diagram = seams::model::generate::synthetic(120, 1);
    let options = ExportOptions {
        scale: 1,
        ..ExportOptions::default()
    };
    let (bytes, _) = png_at_scale_1(&diagram, &options);
    assert_eq!(file::load_bytes(&bytes).expect("re-opens"), diagram);
}
