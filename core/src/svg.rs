//! The small SVG writer behind every picture (ranking, quote comparison, itinerary
//! timeline, journey map): one look and one set of safety rules for text that comes
//! from users.
//!
//! Rules, each guarded by a test in `core/tests/pictures.rs`:
//! - Every text and attribute value is escaped (`&`, `<`, `>`, `"`, `'`) and reduced to
//!   XML 1.0 `Char`s: control characters (C0 including tab and newline, DEL, C1) and the
//!   line and paragraph separators become a space; non-characters (U+FDD0–U+FDEF and the
//!   last two code points of every plane, U+FFFE and U+FFFF among them) are dropped; the
//!   explicit bidi embeddings, overrides and isolates a text carries (U+202A–U+202E,
//!   U+2066–U+2069) are dropped so no user text can reorder what follows it.
//! - Text holding right-to-left letters is wrapped in FSI … PDI (U+2068, U+2069): it takes
//!   its own direction without moving the numbers and labels around it. Each user text is
//!   its own `<text>` element and the root is pinned to `direction="ltr"`, so a
//!   right-to-left page does not flip the layout either.
//! - A text longer than its room is cut with "…" and carries a `<title>` with the whole
//!   (escaped) text, which viewers show as a tooltip. Widths are estimated from
//!   Helvetica-like character widths, erring wide.
//! - Numbers have a fixed number of decimals and are never `-0.0` or `NaN`, so the same
//!   input gives the same bytes.
//! - A picture is [`WIDTH`] units wide (`viewBox`; the journey map's seven stage columns
//!   take 1220) and scales to its container (`width="100%"`); it grows in height with the
//!   data and never shrinks its text.
//!
//! The look (font, sizes, colours) is the journey map's (`analytics`), the first picture,
//! so the pictures read as one family.

// Without itineraries some shapes and colours have no picture to draw.
#![cfg_attr(not(feature = "itinerary"), allow(dead_code))]

use std::fmt::{self, Write as _};

use crate::money::Money;

/// Width of every picture's `viewBox`: fits a notebook cell or a laptop screen.
pub(crate) const WIDTH: f64 = 960.0;
/// Left and right margin.
pub(crate) const MARGIN: f64 = 16.0;

/// The palette, shared with the journey map.
pub(crate) mod color {
    /// Titles and main text.
    pub const INK: &str = "#1f2d3d";
    /// Secondary text.
    pub const MUTED: &str = "#555555";
    /// Notes and axis labels.
    pub const FAINT: &str = "#777777";
    /// Grid lines and empty tracks.
    pub const GRID: &str = "#e1e5ea";
    /// Every other row or column.
    pub const ZEBRA: &str = "#f5f7fa";
    /// Blue: the main series.
    pub const BLUE: &str = "#4a90d9";
    /// Red: problems (errors, exclusions, expired quotes).
    pub const RED: &str = "#d9534f";
    /// Light red background.
    pub const RED_TINT: &str = "#fbe9e8";
    /// Green: good news (included, cheapest, fit to fly).
    pub const GREEN: &str = "#2c7a4b";
    /// Light green background.
    pub const GREEN_TINT: &str = "#e6f3ea";
    /// Purple: stays (and the journey map's channels).
    pub const PURPLE: &str = "#8e6bbf";
    /// Amber: warnings and extras.
    pub const AMBER: &str = "#d08a1e";
    /// Light amber background.
    pub const AMBER_TINT: &str = "#fcf0dc";
    /// Teal.
    pub const TEAL: &str = "#3aa6a0";
    /// Gold.
    pub const GOLD: &str = "#c9a227";
    /// Orange.
    pub const ORANGE: &str = "#e8883a";
    /// Pink.
    pub const PINK: &str = "#c86b9c";
    /// Slate.
    pub const SLATE: &str = "#6b7f99";
    /// Light slate, for secondary blocks.
    pub const SLATE_LIGHT: &str = "#9aa9bb";
    /// Light slate background.
    pub const SLATE_TINT: &str = "#eef1f6";
}

/// Where a text's `x` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// Size, weight, colour and anchor of a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    size: f64,
    bold: bool,
    fill: &'static str,
    anchor: Anchor,
}

impl Font {
    /// Regular text of `size` units in `fill`, anchored at its start.
    pub(crate) const fn new(size: f64, fill: &'static str) -> Font {
        Font {
            size,
            bold: false,
            fill,
            anchor: Anchor::Start,
        }
    }

    /// The same font in bold.
    pub(crate) const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    /// The same font anchored elsewhere.
    pub(crate) const fn anchor(self, anchor: Anchor) -> Font {
        Font { anchor, ..self }
    }

    /// The same font in another colour.
    pub(crate) const fn fill(self, fill: &'static str) -> Font {
        Font { fill, ..self }
    }

    /// Font size in units.
    pub(crate) fn size(&self) -> f64 {
        self.size
    }
}

/// The title of a picture.
pub(crate) const TITLE: Font = Font::new(18.0, color::INK).bold();
/// The line under the title.
pub(crate) const SUBTITLE: Font = Font::new(12.0, color::MUTED);
/// Body text.
pub(crate) const BODY: Font = Font::new(12.0, color::INK);
/// Small print: legends, notes, secondary lines.
pub(crate) const SMALL: Font = Font::new(11.0, color::MUTED);
/// Axis labels.
pub(crate) const AXIS: Font = Font::new(10.0, color::FAINT);

/// A coordinate or length written with one decimal: finite, never `-0.0`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct N(pub(crate) f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed(self.0, 1))
    }
}

/// `x` with `decimals` decimals; non-finite values are written as 0 and `-0` as `0`.
pub(crate) fn fixed(x: f64, decimals: usize) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// A share on [0, 1] as a whole percentage ("20%").
pub(crate) fn percent(x: f64) -> String {
    format!("{}%", fixed(x * 100.0, 0))
}

/// A money amount with thousands separators and the currency's digits ("7,334.05").
pub(crate) fn amount(m: &Money) -> String {
    let text = m.amount_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("−", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// True for code points XML 1.0 forbids or discourages that are not controls: the
/// non-characters U+FDD0–U+FDEF and U+xxFFFE, U+xxFFFF of every plane.
fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

/// The character a user text keeps, a space in its place, or nothing.
fn clean_char(c: char) -> Option<char> {
    match c {
        // C0 (tab, newline and carriage return too: a label is one line), DEL and C1.
        c if c.is_control() => Some(' '),
        '\u{2028}' | '\u{2029}' => Some(' '),
        // Explicit embeddings, overrides and isolates: they could reorder what follows.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
        c if is_noncharacter(c) => None,
        c => Some(c),
    }
}

/// User text reduced to characters XML 1.0 allows and that cannot reorder the layout.
pub(crate) fn clean(text: &str) -> String {
    text.chars().filter_map(clean_char).collect()
}

/// Escapes already-clean text for XML content and attribute values.
fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

/// Cleans and escapes any text for XML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, &clean(text));
    out
}

fn is_rtl(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x0590..=0x08FF          // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
        | 0xFB1D..=0xFDFF        // Hebrew and Arabic presentation forms A
        | 0xFE70..=0xFEFF        // Arabic presentation forms B
        | 0x10800..=0x10FFF      // historic right-to-left scripts
        | 0x1E800..=0x1EFFF      // Mende Kikakui, Adlam, Arabic mathematical symbols
        | 0x200F) // RLM (ALM U+061C is in the Arabic block)
}

/// Width of a character in em, for a Helvetica-like font; errs wide.
fn char_em(c: char) -> f64 {
    let u = c as u32;
    match c {
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200B}'..='\u{200F}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' => 0.0,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '`' => 0.28,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 0.36,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '—' | '…' => 0.9,
        'A'..='Z' | '&' | '#' => 0.7,
        '0'..='9' | 'a'..='z' => 0.56,
        _ if matches!(u, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F000..=0x1FAFF
            | 0x20000..=0x3FFFD) =>
        {
            1.0
        }
        _ => 0.62,
    }
}

/// Estimated width of clean text in units at `size`.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// True for a character that belongs to the one before it (a combining mark, a joiner,
/// a variation selector): a cut never separates them.
fn joins_previous(c: char) -> bool {
    char_em(c) == 0.0 && !matches!(c, '\u{200B}' | '\u{2060}')
}

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// A piece of a text: words of ours, or text from a user, which is cleaned and, when it
/// holds right-to-left letters, isolated on its own (so an Arabic city name followed by
/// ", TR · from 7,770.59 GBP" keeps that order)
/// keeps its order).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part<'a> {
    /// Fixed words of the picture.
    Fixed(&'a str),
    /// Text from a user.
    User(&'a str),
}

/// The parts joined into one clean text with each right-to-left user part isolated.
pub(crate) fn prepare(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Fixed(t) => out.push_str(&clean(t)),
            Part::User(t) => {
                let c = clean(t);
                if c.chars().any(is_rtl) {
                    out.push(FSI);
                    out.push_str(&c);
                    out.push(PDI);
                } else {
                    out.push_str(&c);
                }
            }
        }
    }
    out
}

/// Closes the isolates a cut left open.
fn close_isolates(text: &mut String) {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            FSI => depth += 1,
            PDI => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text.extend(std::iter::repeat_n(PDI, depth));
}

/// The longest start of `text` within `max` units at `size` (never separating a letter
/// from its combining marks); the flag says whether anything was left out.
fn cut(text: &str, max: f64, size: f64) -> (String, bool) {
    let mut out = String::new();
    let mut used = 0.0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let w = char_em(c) * size;
        if used + w > max {
            return (out, true);
        }
        used += w;
        out.push(c);
        while let Some(&next) = chars.peek() {
            if !joins_previous(next) {
                break;
            }
            out.push(next);
            chars.next();
        }
    }
    (out, false)
}

/// Prepared text cut to `max` units at `size`, with "…" when cut (and its isolates
/// closed); the flag says whether it was.
pub(crate) fn fit(text: &str, max: f64, size: f64) -> (String, bool) {
    if text_width(text, size) <= max {
        return (text.to_string(), false);
    }
    let (mut out, _) = cut(text, max - char_em('…') * size, size);
    while out.ends_with(['\u{200D}', ' ', FSI]) {
        out.pop();
    }
    out.push('…');
    close_isolates(&mut out);
    (out, true)
}

/// Prepared text broken into lines of at most `max` units at `size` (words kept whole
/// when they fit a line), at most `max_lines` of them, each line's isolates balanced;
/// the flag says whether text was cut.
pub(crate) fn wrap(text: &str, max: f64, size: f64, max_lines: usize) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word.to_string();
        while text_width(&rest, size) > max && lines.len() <= max_lines {
            let (head, _) = cut(&rest, max, size);
            if head.is_empty() {
                break;
            }
            rest = rest
                .strip_prefix(head.as_str())
                .unwrap_or_default()
                .to_string();
            lines.push(head);
        }
        line = rest;
        if lines.len() > max_lines {
            break;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let cut_off = lines.len() > max_lines;
    lines.truncate(max_lines);
    if cut_off {
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last}…"), max, size).0;
        }
    }
    // An isolate split over lines is closed at each line's end and reopened on the next.
    let mut open = 0usize;
    for l in &mut lines {
        let mut depth = open;
        for c in l.chars() {
            match c {
                FSI => depth += 1,
                PDI => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        let mut balanced: String = std::iter::repeat_n(FSI, open).collect();
        balanced.push_str(l);
        balanced.extend(std::iter::repeat_n(PDI, depth));
        *l = balanced;
        open = depth;
    }
    (lines, cut_off)
}

/// Attributes of a shape or group: names are fixed, values escaped.
#[derive(Debug, Default, Clone)]
pub(crate) struct Attrs {
    text: String,
    title: Option<String>,
}

impl Attrs {
    /// No attributes.
    pub(crate) fn new() -> Attrs {
        Attrs::default()
    }

    /// Any attribute; the value is cleaned and escaped.
    pub(crate) fn attr(mut self, name: &'static str, value: &str) -> Attrs {
        let _ = write!(self.text, r#" {name}=""#);
        escape_into(&mut self.text, &clean(value));
        self.text.push('"');
        self
    }

    /// A numeric attribute with one decimal.
    pub(crate) fn num(mut self, name: &'static str, value: f64) -> Attrs {
        let _ = write!(self.text, r#" {name}="{}""#, N(value));
        self
    }

    /// `fill`.
    pub(crate) fn fill(self, c: &'static str) -> Attrs {
        self.attr("fill", c)
    }

    /// `stroke` and `stroke-width`.
    pub(crate) fn stroke(self, c: &'static str, width: f64) -> Attrs {
        self.attr("stroke", c).num("stroke-width", width)
    }

    /// The `class` the tests and style sheets find elements by.
    pub(crate) fn class(self, c: &'static str) -> Attrs {
        self.attr("class", c)
    }

    /// A `data-…` attribute carrying a value the picture shows (ids, dates, scores).
    pub(crate) fn data(mut self, name: &'static str, value: &str) -> Attrs {
        let _ = write!(self.text, r#" data-{name}=""#);
        escape_into(&mut self.text, &clean(value));
        self.text.push('"');
        self
    }

    /// A tooltip: the `<title>` child of the element.
    pub(crate) fn title(mut self, text: &str) -> Attrs {
        self.title = Some(text.to_string());
        self
    }
}

/// An SVG picture being written: shapes and texts in drawing order.
#[derive(Debug, Default)]
pub(crate) struct Svg {
    body: String,
}

impl Svg {
    /// An empty picture.
    pub(crate) fn new() -> Svg {
        Svg {
            body: String::with_capacity(16 * 1024),
        }
    }

    fn close(&mut self, tag: &str, attrs: &Attrs) {
        match &attrs.title {
            Some(t) => {
                self.body.push_str("><title>");
                escape_into(&mut self.body, &clean(t));
                let _ = write!(self.body, "</title></{tag}>");
            }
            None => self.body.push_str("/>"),
        }
    }

    /// A rectangle; a negative width or height is drawn as 0.
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, attrs: Attrs) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{}"#,
            N(x),
            N(y),
            N(w.max(0.0)),
            N(h.max(0.0)),
            attrs.text
        );
        self.close("rect", &attrs);
    }

    /// A line.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attrs: Attrs) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{}"#,
            N(x1),
            N(y1),
            N(x2),
            N(y2),
            attrs.text
        );
        self.close("line", &attrs);
    }

    /// A circle.
    pub(crate) fn circle(&mut self, cx: f64, cy: f64, r: f64, attrs: Attrs) {
        let _ = write!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}"{}"#,
            N(cx),
            N(cy),
            N(r.max(0.0)),
            attrs.text
        );
        self.close("circle", &attrs);
    }

    /// A closed polygon through `points`.
    pub(crate) fn polygon(&mut self, points: &[(f64, f64)], attrs: Attrs) {
        self.points("polygon", points, attrs);
    }

    /// An open line through `points` (a curve of values).
    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], attrs: Attrs) {
        self.points("polyline", points, attrs);
    }

    fn points(&mut self, tag: &'static str, points: &[(f64, f64)], attrs: Attrs) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", N(*x), N(*y)))
            .collect();
        let _ = write!(
            self.body,
            r#"<{tag} points="{}"{}"#,
            pts.join(" "),
            attrs.text
        );
        self.close(tag, &attrs);
    }

    /// Opens a group; close it with [`Svg::end_group`].
    pub(crate) fn group(&mut self, attrs: Attrs) {
        let _ = write!(self.body, "<g{}>", attrs.text);
        if let Some(t) = &attrs.title {
            self.body.push_str("<title>");
            escape_into(&mut self.body, &clean(t));
            self.body.push_str("</title>");
        }
    }

    /// Closes the innermost open group.
    pub(crate) fn end_group(&mut self) {
        self.body.push_str("</g>");
    }

    fn open_text(&mut self, x: f64, y: f64, font: Font, extra: &str) {
        let _ = write!(self.body, r#"<text x="{}" y="{}""#, N(x), N(y));
        if font.size != 12.0 {
            let _ = write!(self.body, r#" font-size="{}""#, fixed(font.size, 1));
        }
        if font.bold {
            self.body.push_str(r#" font-weight="bold""#);
        }
        match font.anchor {
            Anchor::Start => {}
            Anchor::Middle => self.body.push_str(r#" text-anchor="middle""#),
            Anchor::End => self.body.push_str(r#" text-anchor="end""#),
        }
        let _ = write!(self.body, r#" fill="{}"{extra}>"#, font.fill);
    }

    /// A one-line text of ours or a user's, whole (for short texts).
    pub(crate) fn text(&mut self, x: f64, y: f64, font: Font, text: &str) {
        self.open_text(x, y, font, "");
        escape_into(&mut self.body, &prepare(&[Part::User(text)]));
        self.body.push_str("</text>");
    }

    /// A user's one-line text cut to `max` units, with the whole text as its tooltip
    /// when cut.
    pub(crate) fn label(&mut self, x: f64, y: f64, font: Font, text: &str, max: f64) {
        self.label_with(x, y, font, &[Part::User(text)], max, Attrs::new());
    }

    /// A one-line text of several parts cut to `max` units, with extra attributes on the
    /// `<text>` (a class, `data-…`).
    pub(crate) fn label_with(
        &mut self,
        x: f64,
        y: f64,
        font: Font,
        parts: &[Part],
        max: f64,
        attrs: Attrs,
    ) {
        let whole = prepare(parts);
        let (shown, cut) = fit(&whole, max, font.size);
        self.open_text(x, y, font, &attrs.text);
        if cut {
            self.body.push_str("<title>");
            escape_into(&mut self.body, &whole);
            self.body.push_str("</title>");
        }
        escape_into(&mut self.body, &shown);
        self.body.push_str("</text>");
    }

    /// A user's text wrapped into lines `line_height` apart, at most `max_lines`; returns
    /// the number of lines drawn. A cut text carries its whole self as a tooltip.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn paragraph(
        &mut self,
        x: f64,
        y: f64,
        font: Font,
        text: &str,
        max: f64,
        line_height: f64,
        max_lines: usize,
    ) -> usize {
        let whole = prepare(&[Part::User(text)]);
        let (lines, cut) = wrap(&whole, max, font.size, max_lines);
        for (i, line) in lines.iter().enumerate() {
            self.open_text(x, y + line_height * i as f64, font, "");
            if cut {
                self.body.push_str("<title>");
                escape_into(&mut self.body, &whole);
                self.body.push_str("</title>");
            }
            escape_into(&mut self.body, line);
            self.body.push_str("</text>");
        }
        lines.len()
    }

    /// The whole document: `height` units tall, [`WIDTH`] wide, with `title` for screen
    /// readers and tooltips.
    pub(crate) fn finish(self, height: f64, title: &str) -> String {
        self.finish_sized(WIDTH, height, title)
    }

    /// The whole document `width` units wide (a picture whose columns need more room than
    /// [`WIDTH`], the journey map's seven stages); it scales to its container all the same.
    pub(crate) fn finish_sized(self, width: f64, height: f64, title: &str) -> String {
        let title = escape(title);
        let mut o = String::with_capacity(self.body.len() + 512);
        let _ = write!(
            o,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {} {}" font-family="Helvetica, Arial, sans-serif" font-size="12" direction="ltr" role="img" aria-label="{title}"><title>{title}</title><rect width="100%" height="100%" fill="#ffffff"/>"##,
            N(width.ceil()),
            N(height.ceil()),
        );
        o.push_str(&self.body);
        o.push_str("</svg>");
        o
    }
}

/// A small legend entry: a swatch (outlined in `stroke`, for pale fills) and its words;
/// returns the x after it.
pub(crate) fn legend_entry(
    svg: &mut Svg,
    x: f64,
    y: f64,
    fill: &'static str,
    stroke: Option<&'static str>,
    words: &str,
) -> f64 {
    let mut swatch = Attrs::new().fill(fill).attr("rx", "2");
    if let Some(s) = stroke {
        swatch = swatch.stroke(s, 1.0);
    }
    svg.rect(x, y - 9.0, 10.0, 10.0, swatch);
    svg.text(x + 14.0, y, SMALL, words);
    x + 14.0 + text_width(words, SMALL.size) + 14.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_fixed_and_never_negative_zero_or_nan() {
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(f64::NAN, 3), "0.000");
        assert_eq!(fixed(0.8137, 3), "0.814");
        assert_eq!(N(-12.345).to_string(), "-12.3");
    }

    #[test]
    fn amounts_get_thousands_separators() {
        let m = |s: &str| Money::parse(s).unwrap();
        assert_eq!(amount(&m("7334.05 GBP")), "7,334.05");
        assert_eq!(amount(&m("-2221.56 GBP")), "−2,221.56");
        assert_eq!(amount(&m("999.00 GBP")), "999.00");
        assert_eq!(amount(&m("1234567 JPY")), "1,234,567");
    }

    #[test]
    fn cuts_keep_combining_marks_with_their_letter() {
        let text = "e\u{301}".repeat(50);
        let (shown, cut) = fit(&text, 60.0, 12.0);
        assert!(cut);
        let body = shown.trim_end_matches('…');
        assert!(body.ends_with('\u{301}'), "{body:?}");
    }

    #[test]
    fn isolates_stay_balanced_when_cut_or_wrapped() {
        let text = prepare(&[
            Part::Fixed("From "),
            Part::User("مستشفى الشفاء التخصصي الكبير جدا"),
            Part::Fixed(", TR"),
        ]);
        let balanced = |s: &str| s.matches(FSI).count() == s.matches(PDI).count();
        assert!(text.starts_with("From \u{2068}") && text.ends_with("\u{2069}, TR"));
        for max in [30.0, 60.0, 90.0, 120.0] {
            let (shown, _) = fit(&text, max, 12.0);
            assert!(balanced(&shown), "{shown:?}");
            let (lines, _) = wrap(&text, max, 12.0, 3);
            assert!(lines.iter().all(|l| balanced(l)), "{lines:?}");
        }
    }

    #[test]
    fn wrap_breaks_words_and_words_too_long_for_a_line() {
        let (lines, cut) = wrap(&"x".repeat(300), 100.0, 12.0, 100);
        assert!(!cut);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 100.0));
        assert_eq!(lines.concat(), "x".repeat(300));
        let (lines, cut) = wrap("one two three four five six", 40.0, 12.0, 2);
        assert!(cut);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
    }
}
