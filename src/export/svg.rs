//! Standalone SVG from a composed page.
//!
//! Plain SVG 1.1 that browsers, Inkscape, design tools and resvg all read:
//! no CSS, no scripts, no fonts, every style an attribute. Text is drawn as
//! the editor's glyph outlines ([`super::outline`]), so the file looks the
//! same wherever it is opened. Each element's shapes are grouped as
//! `<g class="module" data-id="...">` so the file is easy to inspect.
//! Output is deterministic (golden files compare it byte for byte).

use super::ExportOptions;
use super::outline::Glyphs;
use super::page::{Page, compose};
use super::xml::{escape, num, paint, point_list};
use crate::model::Diagram;
use crate::scene::{Primitive, Scene, Stroke};
use crate::theme::Rgba;
use std::fmt::Write as _;
use std::ops::Range;

/// `scene` as a standalone SVG document for `options`, with `diagram`'s RON
/// in its `<metadata>` so the file re-opens in Seams.
#[must_use]
pub fn to_svg(scene: &Scene, diagram: &Diagram, options: &ExportOptions) -> String {
    let metadata = crate::file::embedded::svg_metadata(&crate::file::to_ron_string(diagram));
    write_svg(scene, &compose(scene, options), Some(&metadata))
}

/// The SVG for `page`, with `metadata` (an SVG `<metadata>` element) if
/// given. PNG rendering skips the metadata: resvg has no use for it.
pub(super) fn write_svg(scene: &Scene, page: &Page, metadata: Option<&str>) -> String {
    // The drawing first: the glyphs it uses go in `<defs>` at the top.
    let mut glyphs = Glyphs::default();
    let body = write_body(scene, page, &mut glyphs);
    let mut out = String::with_capacity(1024 + body.len() + metadata.map_or(0, str::len));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"",
    );
    num(&mut out, page.width);
    out.push_str("\" height=\"");
    num(&mut out, page.height);
    out.push_str("\" viewBox=\"0 0 ");
    num(&mut out, page.width);
    out.push(' ');
    num(&mut out, page.height);
    out.push_str("\">\n");
    if !scene.title.is_empty() {
        out.push_str("<title>");
        escape(&mut out, &scene.title);
        out.push_str("</title>\n");
    }
    if let Some(metadata) = metadata {
        out.push_str(metadata);
        out.push('\n');
    }
    glyphs.write_defs(&mut out);
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// Everything drawn: the background, the scene's elements grouped by
/// element, then the page's title and legend.
fn write_body(scene: &Scene, page: &Page, glyphs: &mut Glyphs) -> String {
    let mut out = String::with_capacity(1024 + scene.primitives.len() * 120);
    if let Some(background) = page.background {
        out.push_str("<rect width=\"100%\" height=\"100%\"");
        paint(&mut out, "fill", background);
        out.push_str("/>\n");
    }

    out.push_str("<g transform=\"translate(");
    num(&mut out, page.offset.x);
    out.push(' ');
    num(&mut out, page.offset.y);
    out.push_str(")\">\n");
    let mut group = |out: &mut String, class: &str, id: &str, range: &Range<usize>| {
        if range.is_empty() {
            return;
        }
        let _ = write!(out, "<g class=\"{class}\" data-id=\"");
        escape(out, id);
        out.push_str("\">\n");
        for primitive in &scene.primitives[range.clone()] {
            write_primitive(out, primitive, glyphs);
        }
        out.push_str("</g>\n");
    };
    for unit in &scene.units {
        group(&mut out, "unit", unit.id.as_str(), &unit.primitives);
    }
    for interface in &scene.interfaces {
        group(
            &mut out,
            "interface",
            interface.id.as_str(),
            &interface.primitives,
        );
    }
    for module in &scene.modules {
        group(&mut out, "module", module.id.as_str(), &module.primitives);
    }
    for interface in &scene.interfaces {
        group(
            &mut out,
            "interface-label",
            interface.id.as_str(),
            &interface.label_primitives,
        );
    }
    for badge in &scene.badges {
        group(&mut out, "badge", &badge.element, &badge.primitives);
    }
    out.push_str("</g>\n");

    if !page.decorations.is_empty() {
        out.push_str("<g class=\"page\">\n");
        for primitive in &page.decorations {
            write_primitive(&mut out, primitive, glyphs);
        }
        out.push_str("</g>\n");
    }
    out
}

fn write_primitive(out: &mut String, primitive: &Primitive, glyphs: &mut Glyphs) {
    match primitive {
        Primitive::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            out.push_str("<rect x=\"");
            num(out, rect.x);
            out.push_str("\" y=\"");
            num(out, rect.y);
            out.push_str("\" width=\"");
            num(out, rect.w.max(0.0));
            out.push_str("\" height=\"");
            num(out, rect.h.max(0.0));
            let radius = radius.min(rect.w / 2.0).min(rect.h / 2.0).max(0.0);
            if radius > 0.0 {
                out.push_str("\" rx=\"");
                num(out, radius);
            }
            out.push('"');
            fill_and_stroke(out, *fill, stroke.as_ref());
            out.push_str("/>\n");
        }
        Primitive::Ellipse {
            center,
            radius_x,
            radius_y,
            fill,
            stroke,
        } => {
            out.push_str("<ellipse cx=\"");
            num(out, center.x);
            out.push_str("\" cy=\"");
            num(out, center.y);
            out.push_str("\" rx=\"");
            num(out, *radius_x);
            out.push_str("\" ry=\"");
            num(out, *radius_y);
            out.push('"');
            fill_and_stroke(out, *fill, stroke.as_ref());
            out.push_str("/>\n");
        }
        Primitive::Polygon {
            points,
            fill,
            stroke,
        } => {
            out.push_str("<polygon points=\"");
            point_list(out, points);
            out.push('"');
            fill_and_stroke(out, *fill, stroke.as_ref());
            out.push_str(" stroke-linejoin=\"round\"/>\n");
        }
        Primitive::Polyline { points, stroke } => {
            out.push_str("<polyline points=\"");
            point_list(out, points);
            out.push('"');
            fill_and_stroke(out, None, Some(stroke));
            out.push_str(if stroke.dash.is_some() {
                " stroke-linejoin=\"round\"/>\n"
            } else {
                " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
            });
        }
        Primitive::Text(t) => glyphs.write_text(out, t),
    }
}

fn fill_and_stroke(out: &mut String, fill: Option<Rgba>, stroke: Option<&Stroke>) {
    match fill {
        Some(fill) => paint(out, "fill", fill),
        None => out.push_str(" fill=\"none\""),
    }
    if let Some(stroke) = stroke {
        paint(out, "stroke", stroke.color);
        out.push_str(" stroke-width=\"");
        num(out, stroke.width);
        out.push('"');
        if let Some(dash) = stroke.dash {
            out.push_str(" stroke-dasharray=\"");
            for (i, (on, off)) in dash.pieces().into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                num(out, on);
                out.push(' ');
                num(out, off);
            }
            out.push('"');
        }
    }
}
