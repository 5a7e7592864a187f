//! Displays: each result as one HTML fragment, its picture first and a compact table
//! after it, for notebooks (Python's `_repr_html_`), web pages (JS `…ToHtml`) and e-mails.
//!
//! The formatting is a domain decision, so it is made here once for every language:
//! - **Scores** have 3 decimals, **shares** (conversion, drop rate) are percentages with
//!   1 decimal, **durations** are days with 1 decimal, **money** has thousands separators,
//!   the currency's digits and its code ("7,334.05 GBP"), dates are ISO 8601 and local
//!   times "2027-02-16 08:00". No number is written with more than 3 decimals; the data
//!   behind a display (`to_pandas()`, the JSON) keeps full precision.
//! - **Enum values are words** ("post treatment", "fit to fly"), cost categories the
//!   patient's words ("Surgeon's fee"); an absent value is "–".
//! - **Text from users is safe**: cleaned as in the pictures (controls become spaces;
//!   non-characters and explicit bidi controls are dropped), escaped (`&`, `<`, `>`, `"`,
//!   `'`) and wrapped in `<bdi>`, so a right-to-left name takes its own direction without
//!   reordering the cells around it. The fragment is pinned to `dir="ltr"`.
//! - **The layout holds**: the picture scales to the width it is given, long words wrap
//!   anywhere instead of widening a table (our own words and numbers keep whole), and a
//!   table shows at most [`MAX_ROWS`] rows with a note counting the rest.
//!
//! The look lives in one small style sheet scoped to the fragment's `medjourney` class,
//! with borders and tints that read on light and dark notebook themes.

use std::fmt::Write as _;

use crate::money::Money;
use crate::svg::{amount, clean, fixed};

mod cost;
#[cfg(feature = "itinerary")]
mod itinerary;
mod journey_map;
mod ranking;

/// Most rows a table shows; a note counts the rest.
pub(crate) const MAX_ROWS: usize = 200;

/// Written for an absent value.
const NONE: &str = "–";

/// The fragment's style sheet; every selector is scoped to `.medjourney`, and specific
/// enough to win over a notebook's own table styles.
const STYLE: &str = "<style>\
.medjourney{max-width:100%;box-sizing:border-box;text-align:left}\
.medjourney .mj-picture{margin:0 0 .5em}\
.medjourney .mj-picture svg{display:block;width:100%;max-width:100%;height:auto}\
.medjourney table.mj-table{border-collapse:collapse;margin:.25em 0 1em;max-width:100%;font-size:12px;line-height:1.35}\
.medjourney table.mj-table caption{caption-side:top;text-align:left;font-weight:bold;padding:.25em 0}\
.medjourney table.mj-table th,.medjourney table.mj-table td{border:1px solid rgba(127,127,127,.35);padding:.2em .5em;vertical-align:top;text-align:left;overflow-wrap:break-word;white-space:normal}\
.medjourney table.mj-table th{font-weight:bold;background:rgba(127,127,127,.1)}\
.medjourney table.mj-table td.mj-num,.medjourney table.mj-table th.mj-num{text-align:right;font-variant-numeric:tabular-nums}\
.medjourney table.mj-table td.mj-num{white-space:nowrap}\
.medjourney bdi{overflow-wrap:anywhere}\
.medjourney table.mj-table tbody tr:nth-child(even){background:rgba(127,127,127,.06)}\
.medjourney table.mj-table tbody tr:hover{background:rgba(127,127,127,.12)}\
.medjourney table.mj-table tfoot td{font-weight:bold}\
.medjourney .mj-note{opacity:.75;margin:.25em 0 1em;font-size:12px}\
.medjourney .mj-muted{opacity:.7}\
</style>";

/// Cleans and escapes a text for HTML content and attribute values.
fn escape_into(out: &mut String, text: &str) {
    for ch in clean(text).chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Rich text of a cell, caption or note: our words and users' texts, each escaped.
#[derive(Debug, Default, Clone)]
pub(crate) struct Text(String);

impl Text {
    /// Empty text.
    pub(crate) fn new() -> Text {
        Text::default()
    }

    /// Our words.
    pub(crate) fn words(mut self, words: &str) -> Text {
        escape_into(&mut self.0, words);
        self
    }

    /// A user's text, isolated in `<bdi>` (nothing when empty).
    pub(crate) fn user(mut self, text: &str) -> Text {
        if !text.is_empty() {
            self.0.push_str("<bdi>");
            escape_into(&mut self.0, text);
            self.0.push_str("</bdi>");
        }
        self
    }

    /// A user's identifier, muted and in parentheses after a name.
    pub(crate) fn id(mut self, id: &str) -> Text {
        if !id.is_empty() {
            self.0.push_str(r#" <span class="mj-muted">(<bdi>"#);
            escape_into(&mut self.0, id);
            self.0.push_str("</bdi>)</span>");
        }
        self
    }

    /// Our words, muted (a status after an amount).
    pub(crate) fn muted(mut self, words: &str) -> Text {
        self.0.push_str(r#"<span class="mj-muted">"#);
        escape_into(&mut self.0, words);
        self.0.push_str("</span>");
        self
    }

    /// A user's name followed by its identifier; the identifier alone when there is no
    /// name or it is the same.
    pub(crate) fn named(self, name: &str, id: &str) -> Text {
        if name.is_empty() || name == id {
            self.user(id)
        } else {
            self.user(name).id(id)
        }
    }

    /// Users' texts joined by `sep` (our words), each isolated.
    pub(crate) fn list<'a>(self, items: impl IntoIterator<Item = &'a str>, sep: &str) -> Text {
        let mut out = self;
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out = out.words(sep);
            }
            out = out.user(item);
        }
        out
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One cell: text or a right-aligned number.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    text: Text,
    number: bool,
}

impl Cell {
    /// Our words.
    pub(crate) fn words(words: &str) -> Cell {
        Cell::text(Text::new().words(words))
    }

    /// A user's text.
    pub(crate) fn user(text: &str) -> Cell {
        Cell::text(Text::new().user(text))
    }

    /// Rich text.
    pub(crate) fn text(text: Text) -> Cell {
        Cell {
            text,
            number: false,
        }
    }

    /// A formatted number or amount, right-aligned.
    pub(crate) fn num(formatted: impl AsRef<str>) -> Cell {
        Cell::num_text(Text::new().words(formatted.as_ref()))
    }

    /// Rich text right-aligned with the numbers (an amount and its status).
    pub(crate) fn num_text(text: Text) -> Cell {
        Cell { text, number: true }
    }

    /// An empty cell.
    pub(crate) fn empty() -> Cell {
        Cell::text(Text::new())
    }

    fn write(&self, out: &mut String, tag: &str) {
        let class = if self.number {
            r#" class="mj-num""#
        } else {
            ""
        };
        let _ = write!(out, "<{tag}{class}>");
        out.push_str(&self.text.0);
        let _ = write!(out, "</{tag}>");
    }
}

/// A table being written: caption, header, at most [`MAX_ROWS`] body rows, footer.
#[derive(Debug)]
pub(crate) struct Table {
    class: &'static str,
    caption: Text,
    head: String,
    body: String,
    foot: String,
    rows: usize,
}

impl Table {
    /// A table with a `class` (for tests and style sheets), a caption and its column
    /// headers; a header ending in `#` or starting with `=` is a number column (the `=`
    /// is not shown).
    pub(crate) fn new(class: &'static str, caption: Text, columns: &[&str]) -> Table {
        Table::new_rich(
            class,
            caption,
            columns.iter().map(|c| match c.strip_prefix('=') {
                Some(label) => (Text::new().words(label), true),
                None => (Text::new().words(c), *c == "#"),
            }),
        )
    }

    /// A table whose headers are rich text (users' names), each flagged when its column
    /// holds numbers.
    pub(crate) fn new_rich(
        class: &'static str,
        caption: Text,
        columns: impl IntoIterator<Item = (Text, bool)>,
    ) -> Table {
        let mut head = String::from("<tr>");
        for (text, number) in columns {
            let cell = if number {
                Cell::num_text(text)
            } else {
                Cell::text(text)
            };
            cell.write(&mut head, "th");
        }
        head.push_str("</tr>");
        Table {
            class,
            caption,
            head,
            body: String::new(),
            foot: String::new(),
            rows: 0,
        }
    }

    /// Adds a body row (counted, written only within [`MAX_ROWS`]).
    pub(crate) fn row(&mut self, cells: &[Cell]) {
        self.rows += 1;
        if self.rows > MAX_ROWS {
            return;
        }
        self.body.push_str("<tr>");
        for c in cells {
            c.write(&mut self.body, "td");
        }
        self.body.push_str("</tr>");
    }

    /// Adds a footer row (totals).
    pub(crate) fn foot(&mut self, cells: &[Cell]) {
        self.foot.push_str("<tr>");
        for c in cells {
            c.write(&mut self.foot, "td");
        }
        self.foot.push_str("</tr>");
    }

    /// The table's HTML, with a note counting the rows left out.
    pub(crate) fn finish(self) -> String {
        let mut out = String::with_capacity(self.body.len() + self.head.len() + 256);
        let _ = write!(out, r#"<table class="mj-table {}">"#, self.class);
        if !self.caption.is_empty() {
            let _ = write!(out, "<caption>{}</caption>", self.caption.0);
        }
        let _ = write!(
            out,
            "<thead>{}</thead><tbody>{}</tbody>",
            self.head, self.body
        );
        if !self.foot.is_empty() {
            let _ = write!(out, "<tfoot>{}</tfoot>", self.foot);
        }
        out.push_str("</table>");
        if self.rows > MAX_ROWS {
            out.push_str(&note(&Text::new().words(&format!(
                "… and {} more rows not shown.",
                thousands((self.rows - MAX_ROWS) as u64)
            ))));
        }
        out
    }
}

/// A short paragraph under a table.
pub(crate) fn note(text: &Text) -> String {
    format!(r#"<p class="mj-note">{}</p>"#, text.0)
}

/// The whole fragment: the picture (an SVG of ours, already escaped) and the parts after
/// it, in a `div` of classes `medjourney` and `class`.
pub(crate) fn view(class: &'static str, picture: Option<&str>, parts: &[String]) -> String {
    let size = picture.map_or(0, str::len) + parts.iter().map(String::len).sum::<usize>();
    let mut out = String::with_capacity(size + STYLE.len() + 128);
    let _ = write!(out, r#"<div class="medjourney {class}" dir="ltr">"#);
    out.push_str(STYLE);
    if let Some(svg) = picture {
        let _ = write!(out, r#"<div class="mj-picture">{svg}</div>"#);
    }
    for p in parts {
        out.push_str(p);
    }
    out.push_str("</div>");
    out
}

// ---- formatting ------------------------------------------------------------------------

/// A score with 3 decimals ("0.761").
pub(crate) fn score(x: f64) -> String {
    fixed(x, 3)
}

/// A share on [0, 1] as a percentage with 1 decimal ("86.5%"); absent is "–".
pub(crate) fn share(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{}%", fixed(v * 100.0, 1)),
        _ => NONE.to_string(),
    }
}

/// A duration in seconds as days with 1 decimal ("12.5 days"); absent is "–".
pub(crate) fn days(seconds: Option<i64>) -> String {
    match seconds {
        // i64 seconds to f64 loses nothing a 1-decimal day count shows.
        Some(s) => format!("{} days", fixed(s as f64 / 86_400.0, 1)),
        None => NONE.to_string(),
    }
}

/// Money with thousands separators and its currency code ("7,334.05 GBP").
pub(crate) fn money(m: &Money) -> String {
    format!("{} {}", amount(m), m.currency())
}

/// Money with an explicit sign ("+436.54 GBP", "−12.00 GBP", "0.00 GBP").
pub(crate) fn signed_money(m: &Money) -> String {
    if m.is_negative() || m.is_zero() {
        money(m)
    } else {
        format!("+{}", money(m))
    }
}

/// An optional number with `decimals` decimals; absent is "–".
pub(crate) fn number(x: Option<f64>, decimals: usize) -> String {
    match x {
        Some(v) if v.is_finite() => fixed(v, decimals),
        _ => NONE.to_string(),
    }
}

/// "1 error", "2 errors": a count and its noun, in the plural unless it is one.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n as u64))
    }
}

/// A count with thousands separators ("12,345").
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A snake_case code as words ("post_treatment" → "post treatment").
pub(crate) fn words(code: &str) -> String {
    code.replace('_', " ")
}

/// An optional value's words; absent is "–".
pub(crate) fn words_or_none(code: Option<&str>) -> String {
    code.map_or_else(|| NONE.to_string(), words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_for_reading() {
        assert_eq!(score(0.761003934189948), "0.761");
        assert_eq!(share(Some(0.8648648648648649)), "86.5%");
        assert_eq!(share(None), "–");
        assert_eq!(share(Some(f64::NAN)), "–");
        assert_eq!(days(Some(1_080_000)), "12.5 days");
        assert_eq!(number(Some(-0.0001), 2), "0.00");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(words("post_treatment"), "post treatment");
        let m = Money::parse("7334.05 GBP").unwrap();
        assert_eq!(money(&m), "7,334.05 GBP");
        assert_eq!(signed_money(&m), "+7,334.05 GBP");
        assert_eq!(signed_money(&m.neg()), "−7,334.05 GBP");
    }

    #[test]
    fn user_text_is_escaped_and_isolated() {
        let t = Text::new()
            .words("by ")
            .user("<b>\"A\" & 'B'</b>\u{202E}\u{FFFE}\n");
        assert_eq!(
            t.0,
            "by <bdi>&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt; </bdi>"
        );
    }

    #[test]
    fn tables_cap_their_rows_and_count_the_rest() {
        let mut t = Table::new("t", Text::new(), &["a", "=b"]);
        for i in 0..MAX_ROWS + 5 {
            t.row(&[Cell::user("x"), Cell::num(i.to_string())]);
        }
        let html = t.finish();
        assert_eq!(html.matches("<tr>").count(), MAX_ROWS + 1);
        assert!(html.contains("… and 5 more rows not shown."));
        assert!(html.contains(r#"<th class="mj-num">b</th>"#));
    }
}
