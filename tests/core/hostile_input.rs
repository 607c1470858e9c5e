//! Issue 12: safe with any input. The files that used to abort, hang or
//! misbehave, one test each, and a fuzz target over mutated diagram files
//! and mutated PNG and SVG containers: no panic, no abort, and (by the
//! sizes involved) bounded time.
//!
//! Tests never measure speed (benches/ do). Where the old behaviour was a
//! hang or minutes of work, the test runs the work under a generous
//! deadline ([`finishes`]) so that a regression fails instead of hanging
//! the suite.

use crate::support::{EXAMPLE, byte_edits, example, mutate, run_in, stderr};
use proptest::prelude::*;
use seams::export::{self, ExportOptions, Format};
use seams::file::{self, LoadErrorKind};
use seams::model::{Diagram, Module, ModuleKind, Point, Size};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Runs `work` on another thread and fails if it has not finished after
/// `limit` (a deadline hundreds of times what it needs, not a benchmark).
fn finishes<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("still running after {limit:?}"),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("the work panicked"),
    }
}

// --- PNG --------------------------------------------------------------------

/// A PNG chunk: length, type, data, CRC.
fn chunk(out: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(&body);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// A compressed `iTXt` chunk body with keyword `seams`.
fn seams_itxt(text: &[u8]) -> Vec<u8> {
    let mut data = b"seams\0\x01\x00\0\0".to_vec();
    data.extend_from_slice(&zlib(text));
    data
}

/// `bytes` as a zlib stream (stored blocks: no compressor needed).
fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = bytes.chunks(65_535).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let last = u8::from(blocks.peek().is_none());
        let len = block.len() as u16;
        out.push(last);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// A PNG whose header claims `width` × `height` RGBA pixels, with a little
/// image data, then the diagram chunk, then the end.
fn png_claiming(width: u32, height: u32, diagram: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut out, *b"IHDR", &ihdr);
    chunk(&mut out, *b"IDAT", &zlib(&[0; 64]));
    chunk(&mut out, *b"iTXt", &seams_itxt(diagram));
    chunk(&mut out, *b"IEND", &[]);
    out
}

#[test]
fn a_small_png_claiming_a_huge_image_is_read_without_decoding_it() {
    let text = b"(format: \"seams\", version: 1, title: \"tiny\")";
    let png = png_claiming(65_535, 65_535, text);
    assert!(png.len() < 1024, "{} bytes", png.len());
    // The chunk follows the image data: it used to be reached by decoding
    // a 17 GB image (an abort).
    let diagram = finishes(Duration::from_secs(20), move || file::load_bytes(&png))
        .expect("the diagram is read");
    assert_eq!(diagram.title, "tiny");
}

#[test]
fn a_chunk_that_inflates_past_the_limit_is_refused() {
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 1u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&1u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut bomb, *b"IHDR", &ihdr);
    let mut data = b"seams\0\x01\x00\0\0".to_vec();
    data.extend_from_slice(&zlib_of_spaces(65 * 1024 * 1024));
    chunk(&mut bomb, *b"iTXt", &data);
    chunk(&mut bomb, *b"IEND", &[]);
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let error = file::load_bytes(&bomb).expect_err("refused");
    assert!(
        error.to_string().contains("inflates to more than"),
        "{error}"
    );
}

/// A zlib stream of `n` spaces, about 160 times smaller than `n`: one
/// literal, then back-references of 258 bytes at distance 1 (fixed
/// Huffman codes), so the test needs no compressor. The checksum is left
/// zero: inflating stops at the limit before reaching it.
fn zlib_of_spaces(n: usize) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let (mut acc, mut bits) = (0u64, 0u32);
    // Deflate packs values least significant bit first, and Huffman codes
    // most significant bit first.
    let mut put = |out: &mut Vec<u8>, value: u32, count: u32, code: bool| {
        let value = if code {
            (0..count).fold(0, |r, i| r | (((value >> i) & 1) << (count - 1 - i)))
        } else {
            value
        };
        acc |= u64::from(value) << bits;
        bits += count;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    };
    put(&mut out, 1, 1, false); // the last block
    put(&mut out, 1, 2, false); // fixed Huffman codes
    let space = 0x30 + u32::from(b' '); // literals 0..=143: 8 bits from 0x30
    put(&mut out, space, 8, true);
    let mut left = n - 1;
    while left >= 258 {
        put(&mut out, 0b1100_0101, 8, true); // length 258: symbol 285
        put(&mut out, 0, 5, true); // distance 1: symbol 0
        left -= 258;
    }
    for _ in 0..left {
        put(&mut out, space, 8, true);
    }
    put(&mut out, 0, 7, true); // end of block: symbol 256
    put(&mut out, 0, 7, false); // to a whole byte
    out.extend_from_slice(&[0, 0, 0, 0]);
    out
}

#[test]
fn chunk_lengths_beyond_the_file_are_refused_before_allocating() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&0x7fff_ffffu32.to_be_bytes());
    png.extend_from_slice(b"IHDR");
    png.extend_from_slice(&[0; 16]);
    let error = file::load_bytes(&png).expect_err("refused");
    assert!(matches!(error.kind, LoadErrorKind::Embedded(_)), "{error}");
    assert!(error.to_string().contains("cut off"), "{error}");
}

#[test]
fn an_error_in_a_png_s_diagram_says_it_is_in_the_embedded_text() {
    let png = png_claiming(1, 1, b"(format: \"seams\",\nversion: 1,\nnope: 1)");
    let error = file::load_bytes(&png).expect_err("refused");
    let text = error.in_file(Path::new("x.png")).to_string();
    assert!(
        text.starts_with("x.png (embedded diagram, line 3:"),
        "{text}"
    );
}

// --- geometry ---------------------------------------------------------------

fn one_module(geometry: &str) -> String {
    format!(
        "(\n    format: \"seams\",\n    version: 1,\n    modules: [\n        (id: \"a\"),\n        (id: \"big\", {geometry}),\n    ],\n)\n"
    )
}

#[test]
fn absurd_geometry_is_refused_with_a_located_error() {
    for geometry in [
        "pos: (x: 0.0, y: 0.0), size: (w: 1e9, h: 64.0)",
        "pos: (x: 0.0, y: 0.0), size: (w: 1e30, h: 1e30)",
        "pos: (x: NaN, y: 0.0)",
        "pos: (x: 0.0, y: inf)",
        "pos: (x: -inf, y: 0.0)",
        "pos: (x: 2e6, y: 0.0)",
        "size: (w: -5.0, h: 10.0)",
    ] {
        let error = file::load_str(&one_module(geometry)).expect_err(geometry);
        assert!(matches!(error.kind, LoadErrorKind::Invalid(_)), "{error}");
        let text = error.to_string();
        assert!(text.starts_with("<diagram>:6:10: module `big`: "), "{text}");
        assert!(text.contains("Geometry limits"), "{text}");
    }
    let error = file::load_str(
        "(format: \"seams\", version: 1, units: [(id: \"u\", isolation: Vm, rect: (x: 0.0, y: 0.0, w: 1e7, h: 10.0))])",
    )
    .expect_err("refused");
    assert!(error.to_string().contains("unit `u`"), "{error}");
    let error = file::load_str(
        "(format: \"seams\", version: 1, modules: [(id: \"a\"), (id: \"b\")], interfaces: [(id: \"i\", from: \"a\", to: \"b\", kind: Rpc, points: [(x: NaN, y: 0.0)])])",
    )
    .expect_err("refused");
    assert!(error.to_string().contains("interface `i`"), "{error}");
    // The limits themselves are fine.
    file::load_str(&one_module(
        "pos: (x: -1e6, y: 1e6), size: (w: 100000.0, h: 0.0)",
    ))
    .expect("within the limits");
}

#[test]
fn a_huge_module_made_in_memory_still_exports_in_bounded_time() {
    // Past the loader (a program building a diagram itself): layout, label
    // placement and routing are bounded by the number of boxes, not their
    // size.
    for (w, h) in [(1e9, 64.0), (1e30, 1e30)] {
        let mut diagram = example();
        diagram.modules[1].pos = Some(Point::new(0.0, 0.0));
        diagram.modules[1].size = Some(Size::new(w, h));
        let svg = finishes(Duration::from_mins(1), move || {
            export::export(&diagram, Format::Svg, &ExportOptions::default())
        });
        assert!(svg.is_ok(), "{w}x{h}: {:?}", svg.err());
    }
}

#[test]
fn edits_cannot_leave_the_geometry_limits() {
    use seams::edit::ElementRef;
    use seams::edit::geometry::{Drop, move_elements};
    let mut diagram = export::prepare(&example()).into_owned();
    let id = diagram.modules[1].id.clone();
    let edit = move_elements(
        &diagram,
        &seams::model::Forest::new(&diagram),
        &[ElementRef::Module(id)],
        5.0e6,
        0.0,
        Drop::KeepUnits,
    )
    .expect("builds");
    let before = diagram.clone();
    let error = edit.apply(&mut diagram).expect_err("refused");
    assert!(error.to_string().contains("geometry limits"), "{error}");
    assert_eq!(diagram, before);
}

#[test]
fn the_automatic_layout_keeps_within_the_limits() {
    // A name wider than any module may be: the box is clamped, so the
    // laid-out diagram saves as a file that opens again.
    let mut diagram = example();
    diagram.modules[0].name = "W".repeat(200_000);
    seams::layout::lay_out(&mut diagram, seams::layout::Mode::All);
    assert_eq!(seams::model::validate_geometry(&diagram), Ok(()));
    let text = file::to_ron_string(&diagram);
    assert_eq!(file::load_str(&text).expect("re-opens"), diagram);
}

// --- ids ----------------------------------------------------------------------

#[test]
fn twenty_thousand_interfaces_without_ids_load_in_linear_time() {
    let mut text = String::from(
        "(format: \"seams\", version: 1, modules: [(id: \"a\"), (id: \"b\")], interfaces: [\n",
    );
    for _ in 0..20_000 {
        text.push_str("(from: \"a\", to: \"b\", kind: Rpc),\n");
    }
    text.push_str("(id: \"a->b#7\", from: \"a\", to: \"b\", kind: Call),\n])");
    let diagram = finishes(Duration::from_mins(1), move || file::load_str(&text)).expect("loads");
    let ids: Vec<&str> = diagram.interfaces.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids[0], "a->b");
    assert_eq!(ids[1], "a->b#2");
    assert_eq!(ids[5], "a->b#6");
    assert_eq!(ids[6], "a->b#8", "the explicit a->b#7 is skipped");
    assert_eq!(ids[19_999], "a->b#20001");
    assert_eq!(ids[20_000], "a->b#7");
}

// --- text -------------------------------------------------------------------

#[test]
fn a_byte_order_mark_is_accepted() {
    let with_bom = format!("\u{feff}{EXAMPLE}");
    assert_eq!(file::load_str(&with_bom).expect("loads"), example());
    assert_eq!(
        file::load_bytes(with_bom.as_bytes()).expect("loads"),
        example()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, &with_bom).expect("writes");
    let output = run_in(dir.path(), ["check", "--deny", "info", "bom.ron"]);
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn names_with_characters_xml_forbids_still_make_well_formed_svg_that_reopens() {
    let mut diagram = example();
    diagram.modules[0].name = "bad \u{ffff}\u{fffe}\u{1}\u{1b}[0m name".to_owned();
    diagram.title = "title \u{ffff}".to_owned();
    let svg = export::export(&diagram, Format::Svg, &ExportOptions::default()).expect("exports");
    let text = String::from_utf8(svg.clone()).expect("UTF-8");
    for c in ['\u{ffff}', '\u{fffe}', '\u{1}', '\u{1b}'] {
        assert!(!text.contains(c), "{c:?} in the SVG");
    }
    // Well-formed: a strict XML parser reads it.
    resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("well-formed");
    // And the diagram travels whole, names included.
    let reopened = file::load_bytes(&svg).expect("re-opens");
    assert_eq!(reopened.modules[0].name, diagram.modules[0].name);
    assert_eq!(reopened.title, diagram.title);
}

#[test]
fn an_error_inside_an_svg_s_diagram_points_at_the_svg_s_line() {
    let svg = export::export(&example(), Format::Svg, &ExportOptions::default()).expect("exports");
    let text = String::from_utf8(svg).expect("UTF-8");
    // Break the diagram on the line of the module `png`.
    let broken = text.replacen("(id: \"png\",", "(id: \"png\", oops: 1,", 1);
    assert_ne!(broken, text);
    let expected_line = broken
        .lines()
        .position(|l| l.contains("oops: 1"))
        .expect("the line")
        + 1;
    let expected_col = broken
        .lines()
        .nth(expected_line - 1)
        .and_then(|l| l.find("oops"))
        .map(|b| b + 1);
    let error = file::load_bytes(broken.as_bytes()).expect_err("refused");
    let at = error.location.expect("located");
    assert_eq!(at.line, expected_line, "{error}");
    assert_eq!(Some(at.col), expected_col, "{error}");
    assert!(!error.in_png_text);
}

// --- saving -------------------------------------------------------------------

#[cfg(unix)]
mod saving {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    fn temp_files(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| {
                n.contains(".seams-tmp-")
                    || Path::new(n)
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("tmp"))
            })
            .collect()
    }

    #[test]
    fn a_symbolic_link_is_refused_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").expect("writes");
        let link = dir.path().join("a.ron");
        std::os::unix::fs::symlink(&victim, &link).expect("links");
        let error = file::write_atomically(&link, b"new").expect_err("refused");
        assert!(error.to_string().contains("a symbolic link"), "{error}");
        assert_eq!(std::fs::read(&victim).expect("reads"), b"precious");
        assert!(link.symlink_metadata().expect("there").is_symlink());
        assert!(temp_files(dir.path()).is_empty());
    }

    #[test]
    fn a_link_planted_at_the_old_temporary_name_is_never_written_through() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("a.ron");
        std::fs::write(&target, "old").expect("writes");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").expect("writes");
        // Older Seams wrote `.a.ron.PID.tmp`: a name anyone could predict.
        let planted = dir
            .path()
            .join(format!(".a.ron.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("links");
        file::write_atomically(&target, b"new").expect("saves");
        assert_eq!(std::fs::read(&target).expect("reads"), b"new");
        assert_eq!(std::fs::read(&victim).expect("reads"), b"precious");
    }

    #[test]
    fn fifos_devices_and_folders_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.ron");
        let made = Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let error = file::write_atomically(&fifo, b"x").expect_err("refused");
            assert!(error.to_string().contains("FIFO"), "{error}");
            assert!(
                fifo.symlink_metadata()
                    .expect("there")
                    .file_type()
                    .is_fifo_like()
            );
        }
        if Path::new("/dev/null").exists() {
            let error = file::write_atomically(Path::new("/dev/null"), b"x").expect_err("refused");
            assert!(error.to_string().contains("a device"), "{error}");
        }
        let folder = dir.path().join("folder.ron");
        std::fs::create_dir(&folder).expect("mkdir");
        let error = file::write_atomically(&folder, b"x").expect_err("refused");
        assert_eq!(error.kind(), std::io::ErrorKind::IsADirectory);
        assert!(temp_files(dir.path()).is_empty());
    }

    trait FifoLike {
        fn is_fifo_like(&self) -> bool;
    }

    impl FifoLike for std::fs::FileType {
        fn is_fifo_like(&self) -> bool {
            std::os::unix::fs::FileTypeExt::is_fifo(self)
        }
    }

    #[test]
    fn permissions_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("secret.ron");
        std::fs::write(&target, "old").expect("writes");
        for mode in [0o600, 0o640, 0o604] {
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode))
                .expect("chmod");
            file::write_atomically(&target, b"new").expect("saves");
            let now = std::fs::metadata(&target)
                .expect("there")
                .permissions()
                .mode()
                & 0o7777;
            assert_eq!(now, mode, "{now:o} after saving over {mode:o}");
        }
    }

    #[test]
    fn a_killed_save_s_temporary_file_is_removed_by_the_next_save() {
        // Dead writers are told from live ones through `/proc`; elsewhere a
        // temporary file is only taken as abandoned after an hour.
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("a.ron");
        std::fs::write(&target, "old").expect("writes");
        // A process that has exited: its pid names no running process.
        let mut child = Command::new("true").spawn().expect("runs");
        let dead = child.id();
        child.wait().expect("exits");
        let stale = dir
            .path()
            .join(format!(".a.ron.seams-tmp-{dead}-0123456789abcdef"));
        std::fs::write(&stale, "half a diagr").expect("writes");
        let old_style = dir.path().join(format!(".a.ron.{dead}.tmp"));
        std::fs::write(&old_style, "half").expect("writes");
        // Another file's temporary file, and a live writer's, stay.
        let other = dir
            .path()
            .join(format!(".b.ron.seams-tmp-{dead}-0123456789abcdef"));
        std::fs::write(&other, "b").expect("writes");
        let live = dir.path().join(".a.ron.seams-tmp-1-0123456789abcdef");
        std::fs::write(&live, "pid 1 is alive").expect("writes");
        file::write_atomically(&target, b"new").expect("saves");
        let mut left = temp_files(dir.path());
        left.sort();
        assert_eq!(
            left,
            [
                ".a.ron.seams-tmp-1-0123456789abcdef".to_owned(),
                format!(".b.ron.seams-tmp-{dead}-0123456789abcdef"),
            ]
        );
    }

    /// Runs `seams` with `args` in `dir`: it must exit 2 and say `reason`.
    fn refused(dir: &Path, args: [&str; 4], reason: &str) {
        let output = run_in(dir, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = stderr(&output);
        assert!(err.contains(reason), "{args:?}: {err}");
    }

    #[test]
    fn export_and_layout_refuse_special_targets_and_layout_refuses_images() {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("in.ron");
        std::fs::write(&input, EXAMPLE).expect("writes");
        let victim = dir.path().join("victim.png");
        std::fs::write(&victim, "precious").expect("writes");
        let link = dir.path().join("out.png");
        std::os::unix::fs::symlink(&victim, &link).expect("links");
        refused(
            dir.path(),
            ["export", "in.ron", "-o", "out.png"],
            "symbolic link",
        );
        assert_eq!(std::fs::read(&victim).expect("reads"), b"precious");

        let link = dir.path().join("out.ron");
        std::os::unix::fs::symlink(&victim, &link).expect("links");
        refused(
            dir.path(),
            ["layout", "in.ron", "-o", "out.ron"],
            "symbolic link",
        );
        assert_eq!(std::fs::read(&victim).expect("reads"), b"precious");

        // An image re-opens as a diagram, but `layout` never writes RON
        // over it, whatever its name.
        let output = run_in(dir.path(), ["export", "in.ron", "-o", "pic.png"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let png = std::fs::read(dir.path().join("pic.png")).expect("reads");
        refused(
            dir.path(),
            ["layout", "pic.png", "-o", "pic.png"],
            "will not overwrite an image",
        );
        std::fs::copy(dir.path().join("pic.png"), dir.path().join("pic.ron")).expect("copies");
        refused(dir.path(), ["layout", "pic.png", "-o", "pic.ron"], "image");
        assert_eq!(
            std::fs::read(dir.path().join("pic.png")).expect("reads"),
            png
        );
        assert_eq!(
            std::fs::read(dir.path().join("pic.ron")).expect("reads"),
            png
        );
    }
}

// --- fuzzing ----------------------------------------------------------------

/// Numbers hostile to geometry code.
const HOSTILE_NUMBERS: &[&str] = &[
    "1e9",
    "1e30",
    "-3.4e38",
    "NaN",
    "inf",
    "-inf",
    "1e-45",
    "-0.0",
    "999999.9",
    "1000000.1",
    "100000.0",
    "-1.0",
];

/// The example with its numbers written out (laid out first), to mutate.
fn laid_out_example() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| file::to_ron_string(&export::prepare(&example())))
}

/// A small exported PNG and SVG of the example, to mutate.
fn containers() -> &'static (Vec<u8>, Vec<u8>) {
    static IMAGES: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    IMAGES.get_or_init(|| {
        let mut small = Diagram {
            title: "fuzz".to_owned(),
            ..Diagram::default()
        };
        small
            .modules
            .push(Module::new("a", "A", ModuleKind::Component));
        small
            .modules
            .push(Module::new("b", "B <&>", ModuleKind::Datastore));
        let options = ExportOptions {
            scale: 1,
            ..ExportOptions::default()
        };
        (
            export::export(&small, Format::Png, &options).expect("png"),
            export::export(&small, Format::Svg, &options).expect("svg"),
        )
    })
}

/// Whatever loads can be laid out, checked and drawn.
fn use_it(diagram: &Diagram) -> Result<(), TestCaseError> {
    prop_assert_eq!(seams::model::validate(diagram), Ok(()));
    prop_assert_eq!(seams::model::validate_geometry(diagram), Ok(()));
    let _ = seams::rules::check(diagram);
    let _ = export::export(diagram, Format::Svg, &ExportOptions::default());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mutated_geometry_never_panics(
        picks in proptest::collection::vec((any::<proptest::sample::Index>(), proptest::sample::select(HOSTILE_NUMBERS)), 1..4),
    ) {
        // Replace some of the coordinates and sizes of a laid-out file.
        let text = laid_out_example();
        let numbers: Vec<(usize, usize)> = ["x: ", "y: ", "w: ", "h: "]
            .iter()
            .flat_map(|key| text.match_indices(key).map(|(i, key)| i + key.len()))
            .map(|start| {
                let len = text[start..].find([',', ')']).unwrap_or(0);
                (start, start + len)
            })
            .collect();
        prop_assume!(!numbers.is_empty());
        let mut chosen: Vec<(usize, usize, &str)> = picks
            .iter()
            .map(|(at, n)| {
                let (start, end) = numbers[at.index(numbers.len())];
                (start, end, *n)
            })
            .collect();
        chosen.sort_unstable();
        chosen.dedup_by_key(|c| c.0);
        let mut mutated = text.to_owned();
        for (start, end, number) in chosen.iter().rev() {
            mutated.replace_range(start..end, number);
        }
        if let Ok(d) = file::load_str(&mutated) {
            use_it(&d)?;
        }
    }

    #[test]
    fn mutated_diagram_files_never_panic(
        edits in byte_edits(1..8),
    ) {
        let mut bytes = laid_out_example().as_bytes().to_vec();
        mutate(&mut bytes, &edits);
        if let Ok(d) = file::load_bytes(&bytes) {
            use_it(&d)?;
        }
    }

    #[test]
    fn mutated_pngs_never_panic(
        edits in byte_edits(1..6),
        length in proptest::option::of((any::<proptest::sample::Index>(), any::<u32>())),
    ) {
        let mut bytes = containers().0.clone();
        // Sometimes a chunk length is set to anything at all.
        if let Some((at, value)) = length {
            let mut starts = vec![8usize];
            while let Some(&last) = starts.last() {
                let Some(len) = bytes.get(last..last + 4) else { break };
                let next = last + 12 + u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize;
                if next + 4 > bytes.len() { break; }
                starts.push(next);
            }
            let start = starts[at.index(starts.len())];
            if start + 4 <= bytes.len() {
                bytes[start..start + 4].copy_from_slice(&value.to_be_bytes());
            }
        }
        mutate(&mut bytes, &edits);
        if let Ok(d) = file::load_bytes(&bytes) {
            use_it(&d)?;
        }
    }

    #[test]
    fn mutated_svgs_never_panic(
        edits in byte_edits(1..8),
    ) {
        let mut bytes = containers().1.clone();
        mutate(&mut bytes, &edits);
        match file::load_bytes(&bytes) {
            Ok(d) => use_it(&d)?,
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn random_bytes_after_a_png_signature_never_panic(
        tail in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend_from_slice(&tail);
        let _ = file::load_bytes(&bytes);
    }
}
