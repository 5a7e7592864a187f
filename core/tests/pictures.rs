//! The pictures (ranking, quote comparison, itinerary timeline) through the public API:
//! well-formed, safe with hostile text, within the width, deterministic, and showing what
//! they promise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{
    compare_quotes, rank, samples, Catalog, Comparison, Currency, Method, RankOptions, Ranking,
};
use roxmltree::{Document, Node};

// ---- helpers -----------------------------------------------------------------------

const WIDTH: f64 = 960.0;

/// Texts people could type into a name field, and worse.
fn hostile_names() -> Vec<String> {
    vec![
        "<script>alert('x')</script>".to_string(),
        "Dr \"Quote\" & Sons' <b>Clinic</b> ]]> &amp;".to_string(),
        "مستشفى الشفاء التخصصي 24".to_string(),
        "בית החולים הדסה · Jerusalem".to_string(),
        format!("Long{}", "x".repeat(196)),
        "Non\u{FFFE}char\u{FFFF}s\u{FDD0}\u{10FFFF}".to_string(),
        "Ctrl\u{1}\u{8}\u{1B}\u{7F}\u{85}\tline\nbreak\r".to_string(),
        "Trojan \u{202E}edirrevo\u{2066} isolate \u{2069}".to_string(),
    ]
}

/// What the pictures promise to make of a user text (the rules in their docs).
fn cleaned(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let u = c as u32;
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                Some(' ')
            } else if (0x202A..=0x202E).contains(&u)
                || (0x2066..=0x2069).contains(&u)
                || (0xFDD0..=0xFDEF).contains(&u)
                || u & 0xFFFE == 0xFFFE
            {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

fn parse(svg: &str) -> Document<'_> {
    Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

/// The text an element shows (its own text children, not its tooltip), without the
/// isolates that wrap right-to-left text.
fn shown(n: Node) -> String {
    n.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect::<String>()
        .replace(['\u{2068}', '\u{2069}'], "")
}

/// The whole-text tooltip of an element, if it has one (without isolates).
fn tooltip(n: Node) -> Option<String> {
    n.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .map(|t| t.replace(['\u{2068}', '\u{2069}'], ""))
}

/// Every right-to-left letter a `<text>` shows sits inside an FSI … PDI isolate, so it
/// cannot reorder the words and numbers around it.
fn assert_rtl_isolated(doc: &Document) {
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let raw: String = n
            .children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect();
        let mut depth = 0i32;
        for c in raw.chars() {
            match c {
                '\u{2068}' => depth += 1,
                '\u{2069}' => depth -= 1,
                c if ('\u{0590}'..='\u{08FF}').contains(&c) => {
                    assert!(depth > 0, "unisolated right-to-left text in {raw:?}")
                }
                _ => {}
            }
            assert!(depth >= 0, "isolates out of order in {raw:?}");
        }
        assert_eq!(depth, 0, "isolates balanced in {raw:?}");
    }
}

fn num(n: Node, attr: &str) -> f64 {
    n.attribute(attr)
        .unwrap_or_else(|| panic!("{attr} missing on {n:?}"))
        .parse()
        .unwrap_or_else(|e| panic!("{attr} of {n:?}: {e}"))
}

fn with_class<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .collect()
}

fn inside<'a, 'i>(n: Node<'a, 'i>, class: &str) -> Vec<Node<'a, 'i>> {
    n.descendants()
        .filter(|d| d.attribute("class") == Some(class))
        .collect()
}

/// Every character is an XML 1.0 `Char`, no non-character survives, and no user text can
/// reorder the layout (only our own balanced FSI … PDI isolates remain).
fn assert_safe_characters(svg: &str) {
    for c in svg.chars() {
        let u = c as u32;
        assert!(
            matches!(u, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF),
            "{u:#x} is not an XML Char"
        );
        assert!(
            !((0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE),
            "non-character {u:#x} in the output"
        );
        assert!(
            !((0x202A..=0x202E).contains(&u) || (0x2066..=0x2067).contains(&u)),
            "bidi embedding or override {u:#x} in the output"
        );
        assert!(!c.is_control() || c == '\n', "control {u:#x} in the output");
    }
    let (fsi, pdi) = (
        svg.matches('\u{2068}').count(),
        svg.matches('\u{2069}').count(),
    );
    assert_eq!(fsi, pdi, "isolates are balanced");
}

/// The picture is 960 wide, scales to its container, and every shape and text anchor
/// lies within the width; no text is smaller than 10 units.
fn assert_fits_width(doc: &Document) -> f64 {
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("100%"));
    let view: Vec<f64> = root
        .attribute("viewBox")
        .expect("a viewBox")
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view[..3], [0.0, 0.0, WIDTH]);
    for n in doc.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "rect" if n.attribute("x").is_some() => {
                let (x, w) = (num(n, "x"), num(n, "width"));
                assert!(x >= 0.0 && x + w <= WIDTH + 0.05, "rect {x}+{w} outside");
                assert!(
                    num(n, "y") + num(n, "height") <= view[3] + 0.05,
                    "rect below"
                );
            }
            "line" => {
                for a in ["x1", "x2"] {
                    assert!((0.0..=WIDTH).contains(&num(n, a)), "line outside");
                }
            }
            "circle" => {
                let (cx, r) = (num(n, "cx"), num(n, "r"));
                assert!(cx - r >= 0.0 && cx + r <= WIDTH, "circle outside");
            }
            "text" => {
                assert!((0.0..=WIDTH).contains(&num(n, "x")), "text outside");
                assert!(num(n, "y") <= view[3], "text below the picture");
            }
            _ => {}
        }
        if let Some(size) = n.attribute("font-size") {
            let size: f64 = size.parse().unwrap();
            assert!(size >= 10.0, "font size {size} too small to read");
        }
    }
    view[3]
}

/// Checks a user text came out escaped: shown whole, or cut with "…" and whole in the
/// tooltip; right-to-left text isolated.
fn assert_user_text_drawn(svg: &str, doc: &Document, original: &str) {
    let want = cleaned(original);
    let want_trim = want.trim();
    let node = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .find(|n| {
            let s = shown(*n);
            let body = s.trim_end_matches('…');
            !body.trim().is_empty()
                && (s.trim() == want_trim
                    || tooltip(*n).is_some_and(|t| t == want) && want.starts_with(body))
        })
        .unwrap_or_else(|| panic!("{original:?} not drawn as {want:?}"));
    let s = shown(node);
    if s.ends_with('…') {
        assert!(
            s.chars().count() < want.chars().count(),
            "cut text is shorter"
        );
        assert_eq!(tooltip(node).as_deref(), Some(want.as_str()));
    }
    if want.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c)) {
        let raw: String = node
            .children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect();
        assert!(
            raw.starts_with('\u{2068}') && raw.ends_with('\u{2069}'),
            "right-to-left text is isolated: {raw:?}"
        );
    }
    assert!(!svg.contains("<script"), "markup escaped");
    assert_rtl_isolated(doc);
}

// ---- ranking -------------------------------------------------------------------------

fn sample_ranking(method: Method) -> Ranking {
    let options = RankOptions {
        method,
        ..samples::rank_options().unwrap()
    };
    rank(
        &samples::catalog().unwrap(),
        &samples::request().unwrap(),
        &options,
    )
    .unwrap()
}

/// The sample catalog copied `copies` times under new ids: many candidates and exclusions.
fn big_catalog(copies: usize) -> Catalog {
    let mut value: serde_json::Value = serde_json::from_str(samples::CATALOG_JSON).unwrap();
    let providers = value["providers"].as_array().unwrap().clone();
    let mut all = Vec::new();
    for k in 0..copies {
        for p in &providers {
            let mut p = p.clone();
            p["id"] = format!("{}-{k}", p["id"].as_str().unwrap()).into();
            p["name"] = format!("{} {k}", p["name"].as_str().unwrap()).into();
            all.push(p);
        }
    }
    value["providers"] = all.into();
    Catalog::from_json(&value.to_string()).unwrap()
}

#[test]
fn ranking_svg_has_one_bar_group_per_match_in_rank_order() {
    let r = sample_ranking(Method::WeightedSum);
    let svg = r.to_svg();
    let doc = parse(&svg);
    let groups = with_class(&doc, "match");
    let ids: Vec<&str> = groups
        .iter()
        .map(|g| g.attribute("data-provider-id").unwrap())
        .collect();
    let want: Vec<&str> = r.matches.iter().map(|m| m.provider_id.as_str()).collect();
    assert_eq!(ids, want);
    for (g, m) in groups.iter().zip(&r.matches) {
        let texts: Vec<String> = g
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(shown)
            .collect();
        assert!(
            texts.contains(&format!("{:.3}", m.score)),
            "score with 3 decimals: {texts:?}"
        );
        assert!(texts.contains(&m.name), "{texts:?}");
    }
}

#[test]
fn weighted_sum_segments_are_proportional_to_contributions_and_fill_the_score_bar() {
    let r = sample_ranking(Method::WeightedSum);
    let svg = r.to_svg();
    let doc = parse(&svg);
    let groups = with_class(&doc, "match");
    let (mut widths, mut contributions) = (0.0, 0.0);
    for (g, m) in groups.iter().zip(&r.matches) {
        let segments = inside(*g, "segment");
        assert_eq!(
            segments.len(),
            m.criteria.len(),
            "one segment per criterion"
        );
        for (s, c) in segments.iter().zip(&m.criteria) {
            assert_eq!(s.attribute("data-criterion"), Some(c.criterion.as_str()));
            widths += num(*s, "width");
            contributions += c.contribution;
        }
    }
    let scale = widths / contributions;
    assert!(scale > 300.0, "bars are long enough to read: {scale}");
    for (g, m) in groups.iter().zip(&r.matches) {
        let segments = inside(*g, "segment");
        let mut sum = 0.0;
        let mut edge = num(segments[0], "x");
        for (s, c) in segments.iter().zip(&m.criteria) {
            let w = num(*s, "width");
            assert!(
                (w - c.contribution * scale).abs() <= 0.15,
                "{w} vs {}",
                c.contribution
            );
            assert!((num(*s, "x") - edge).abs() < 0.01, "segments touch");
            edge += w;
            sum += w;
        }
        let bar = inside(*g, "score")[0];
        assert!(
            (num(bar, "width") - sum).abs() <= 0.2,
            "segments add up to the score bar"
        );
        assert!((num(bar, "width") - m.score * scale).abs() <= 0.2);
    }
}

#[test]
fn topsis_score_bar_is_the_closeness_and_segments_the_weighted_values() {
    let r = sample_ranking(Method::Topsis);
    let svg = r.to_svg();
    let doc = parse(&svg);
    let groups = with_class(&doc, "match");
    assert_eq!(groups.len(), r.matches.len());
    let scales: Vec<f64> = groups
        .iter()
        .zip(&r.matches)
        .map(|(g, m)| num(inside(*g, "score")[0], "width") / m.score)
        .collect();
    for (g, m) in groups.iter().zip(&r.matches) {
        for (s, c) in inside(*g, "segment").iter().zip(&m.criteria) {
            assert!((num(*s, "width") - c.contribution * scales[0]).abs() <= 0.15);
        }
    }
    assert!(
        scales.iter().all(|s| (s - scales[0]).abs() < 1.0),
        "{scales:?}"
    );
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(text.contains("TOPSIS"));
}

#[test]
fn ranking_svg_summarises_every_exclusion_with_its_reasons() {
    let r = sample_ranking(Method::WeightedSum);
    let svg = r.to_svg();
    let doc = parse(&svg);
    let groups = with_class(&doc, "excluded");
    assert_eq!(groups.len(), r.excluded.len());
    for (g, x) in groups.iter().zip(&r.excluded) {
        assert_eq!(
            g.attribute("data-provider-id"),
            Some(x.provider_id.as_str())
        );
        let lines: Vec<String> = g
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(shown)
            .collect();
        assert_eq!(lines[0], x.name);
        let reasons: Vec<String> = x.reasons.iter().map(|r| r.message()).collect();
        assert_eq!(lines[1..].join(" "), reasons.join("; "));
    }
    let all: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(all.contains(&format!("Excluded: {} providers", r.excluded_total)));
}

#[test]
fn ranking_svg_escapes_hostile_names_and_still_parses() {
    let mut r = sample_ranking(Method::WeightedSum);
    let names = hostile_names();
    for (i, m) in r.matches.iter_mut().enumerate() {
        m.name = names[i % names.len()].clone();
        m.city = names[(i + 3) % names.len()].clone();
    }
    for (i, x) in r.excluded.iter_mut().enumerate() {
        x.name = names[i % names.len()].clone();
        x.provider_id = names[(i + 1) % names.len()].clone();
    }
    r.procedure = names[0].clone();
    let svg = r.to_svg();
    assert_safe_characters(&svg);
    let doc = parse(&svg);
    assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
    for name in &names {
        assert_user_text_drawn(&svg, &doc, name);
    }
    for (g, x) in with_class(&doc, "excluded").iter().zip(&r.excluded) {
        assert_eq!(
            g.attribute("data-provider-id"),
            Some(cleaned(&x.provider_id).as_str())
        );
    }
    // A right-to-left city is isolated on its own: the country and price stay after it.
    let rtl = r
        .matches
        .iter()
        .find(|m| {
            m.city
                .starts_with(|c| ('\u{0590}'..='\u{08FF}').contains(&c))
        })
        .expect("a match with a right-to-left city");
    let meta = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.children().filter_map(|c| c.text()).collect::<String>())
        .find(|t| t.contains(&rtl.city) && t.contains("from"))
        .expect("the meta line of the match with the right-to-left city");
    assert!(
        meta.starts_with(&format!("\u{2068}{}\u{2069}, {}", rtl.city, rtl.country)),
        "{meta:?}"
    );
    assert_fits_width(&doc);
}

#[test]
fn fifty_providers_fit_the_width_and_grow_the_height() {
    let options = RankOptions {
        top_k: Some(50),
        ..samples::rank_options().unwrap()
    };
    let big = rank(&big_catalog(8), &samples::request().unwrap(), &options).unwrap();
    assert_eq!(big.matches.len(), 50);
    let svg = big.to_svg();
    let doc = parse(&svg);
    assert_eq!(with_class(&doc, "match").len(), 50);
    assert_eq!(with_class(&doc, "excluded").len(), big.excluded.len());
    let tall = assert_fits_width(&doc);
    let small = assert_fits_width(&parse(&sample_ranking(Method::WeightedSum).to_svg()));
    assert!(tall > small * 3.0, "{tall} vs {small}");
}

#[test]
fn ranking_svg_is_deterministic() {
    let r = sample_ranking(Method::Topsis);
    let again: Ranking = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(r.to_svg(), again.to_svg());
    assert_eq!(r.to_svg(), sample_ranking(Method::Topsis).to_svg());
}

#[test]
fn ranking_without_matches_or_exclusions_still_draws() {
    let mut r = sample_ranking(Method::WeightedSum);
    r.matches.clear();
    r.excluded.clear();
    r.candidates = 0;
    let svg = r.to_svg();
    let doc = parse(&svg);
    assert!(with_class(&doc, "match").is_empty());
    assert_fits_width(&doc);
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(text.contains("No provider passed the filters."));
    assert!(
        text.contains("None listed"),
        "exclusions counted but not listed say so"
    );
    r.excluded_total = 0;
    let svg = r.to_svg();
    assert!(parse(&svg)
        .descendants()
        .any(|n| n.text() == Some("Excluded: none")));
}

// ---- comparison ----------------------------------------------------------------------

fn sample_comparison() -> Comparison {
    samples::comparison().unwrap()
}

fn five_quote_comparison() -> Comparison {
    let mut quotes = samples::quotes().unwrap();
    let extra: Vec<_> = quotes
        .iter()
        .take(2)
        .cloned()
        .enumerate()
        .map(|(i, mut q)| {
            q.id = format!("{}-copy-{i}", q.id);
            q
        })
        .collect();
    quotes.extend(extra);
    compare_quotes(
        &quotes,
        &samples::fx().unwrap(),
        Currency::from_code("GBP").unwrap(),
        &samples::compare_options().unwrap(),
    )
    .unwrap()
}

#[test]
fn comparison_svg_has_every_cell_with_its_amount_and_status() {
    let c = five_quote_comparison();
    assert_eq!(c.columns.len(), 5);
    let svg = c.to_svg();
    let doc = parse(&svg);
    let quotes = with_class(&doc, "quote");
    assert_eq!(quotes.len(), c.columns.len());
    for (k, (q, col)) in quotes.iter().zip(&c.columns).enumerate() {
        assert_eq!(q.attribute("data-quote-id"), Some(col.quote_id.as_str()));
        let cells = inside(*q, "cell");
        assert_eq!(cells.len(), c.rows.len(), "one cell per category");
        for (cell, row) in cells.iter().zip(&c.rows) {
            let want = &row.cells[k];
            assert_eq!(cell.attribute("data-category"), Some(row.category.as_str()));
            let status = serde_json::to_value(want.status).unwrap();
            assert_eq!(cell.attribute("data-status"), status.as_str());
            assert_eq!(
                cell.attribute("data-amount"),
                Some(want.amount.amount_string().as_str())
            );
        }
        let total = inside(*q, "total")[0];
        assert_eq!(
            total.attribute("data-amount"),
            Some(col.total.amount_string().as_str())
        );
        let diff = inside(*q, "difference")[0];
        assert_eq!(
            diff.attribute("data-amount"),
            Some(col.difference_to_cheapest.amount_string().as_str())
        );
    }
    assert_fits_width(&doc);
}

#[test]
fn comparison_svg_marks_expired_quotes_and_the_cheapest() {
    let c = sample_comparison();
    let svg = c.to_svg();
    let doc = parse(&svg);
    for (q, col) in with_class(&doc, "quote").iter().zip(&c.columns) {
        let marked = !inside(*q, "expired-mark").is_empty();
        assert_eq!(marked, col.expired || col.not_yet_valid, "{}", col.quote_id);
        let cheapest = c.cheapest.as_deref() == Some(col.quote_id.as_str());
        assert_eq!(
            q.attribute("data-cheapest"),
            Some(if cheapest { "true" } else { "false" })
        );
        let words: Vec<String> = q
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(shown)
            .collect();
        assert_eq!(words.iter().any(|w| w == "expired"), col.expired);
    }
    assert!(
        c.columns.iter().any(|c| c.expired),
        "the sample has an expired quote"
    );
}

#[test]
fn comparison_svg_lists_and_marks_every_finding() {
    let c = sample_comparison();
    assert!(!c.findings.is_empty());
    let svg = c.to_svg();
    let doc = parse(&svg);
    let listed = with_class(&doc, "finding");
    assert_eq!(listed.len(), c.findings.len());
    let quotes = with_class(&doc, "quote");
    for (i, f) in c.findings.iter().enumerate() {
        let number = (i + 1).to_string();
        let lines: Vec<String> = listed[i]
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(shown)
            .collect();
        assert_eq!(
            lines[1..].join(" "),
            f.message,
            "finding {number} listed whole"
        );
        let q = quotes
            .iter()
            .find(|q| q.attribute("data-quote-id") == Some(f.quote_id.as_str()))
            .unwrap();
        let marks: Vec<Node> = inside(*q, "finding-mark")
            .into_iter()
            .filter(|m| m.attribute("data-finding") == Some(number.as_str()))
            .collect();
        assert_eq!(marks.len(), 1, "finding {number} marked on its quote");
        if let Some(cat) = f.category {
            let in_cell = marks[0]
                .ancestors()
                .any(|a| a.attribute("class") == Some("cell"))
                || c.rows.iter().all(|r| r.category != cat);
            let cell_y = inside(*q, "cell")
                .into_iter()
                .find(|cell| cell.attribute("data-category") == Some(cat.as_str()))
                .map(|cell| num(cell.first_element_child().unwrap(), "y"));
            let mark_y = num(marks[0].first_element_child().unwrap(), "cy");
            assert!(
                in_cell || cell_y.is_some_and(|y| mark_y > y && mark_y < y + 34.0),
                "finding {number} in the {cat} cell"
            );
        }
    }
}

#[test]
fn comparison_svg_escapes_hostile_names_and_still_parses() {
    let mut c = five_quote_comparison();
    let names = hostile_names();
    for (i, col) in c.columns.iter_mut().enumerate() {
        col.provider_id = names[i % names.len()].clone();
        col.quote_id = names[(i + 5) % names.len()].clone();
    }
    for (i, f) in c.findings.iter_mut().enumerate() {
        f.message = names[(i + 2) % names.len()].clone();
        f.quote_id = c.columns[i % c.columns.len()].quote_id.clone();
    }
    let svg = c.to_svg();
    assert_safe_characters(&svg);
    let doc = parse(&svg);
    assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
    for col in &c.columns {
        assert_user_text_drawn(&svg, &doc, &col.provider_id);
    }
    assert_fits_width(&doc);
}

#[test]
fn many_quotes_continue_in_bands_below_without_shrinking() {
    let five = five_quote_comparison();
    let mut twelve = five.clone();
    for k in 0..7 {
        let mut col = five.columns[k % 5].clone();
        col.quote_id = format!("extra-{k}");
        twelve.columns.push(col);
        for row in &mut twelve.rows {
            row.cells.push(row.cells[k % 5].clone());
        }
    }
    let a = assert_fits_width(&parse(&five.to_svg()));
    let svg = twelve.to_svg();
    let doc = parse(&svg);
    assert_eq!(with_class(&doc, "quote").len(), 12);
    let b = assert_fits_width(&doc);
    assert!(b > a * 1.5, "{b} vs {a}");
}

#[test]
fn comparison_svg_is_deterministic() {
    let c = five_quote_comparison();
    let again: Comparison = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(c.to_svg(), again.to_svg());
}

// ---- itinerary -----------------------------------------------------------------------

#[cfg(feature = "itinerary")]
mod itinerary {
    use super::*;
    use chrono::Duration;
    use medjourney::itinerary::{Details, Item};
    use medjourney::{check, Itinerary, ItineraryRules};

    fn sample() -> Itinerary {
        samples::itinerary().unwrap()
    }

    /// The sample plus leisure items in Istanbul up to `n` items.
    fn with_items(n: usize) -> Itinerary {
        let mut it = sample();
        let base = it
            .items
            .iter()
            .find(|i| i.id == "leisure-ferry")
            .unwrap()
            .clone();
        let mut k = 0;
        while it.items.len() < n {
            let mut item: Item = base.clone();
            item.id = format!("leisure-{k}");
            item.title = format!("Walk number {k} by the Bosphorus");
            item.start = base.start + Duration::days(k as i64 % 6) + Duration::hours(4);
            item.end = item.start + Duration::minutes(40);
            it.items.push(item);
            k += 1;
        }
        it
    }

    fn svg_of(it: &Itinerary) -> String {
        it.to_svg(&ItineraryRules::default()).unwrap()
    }

    /// x of a wall-clock hour on the axis, from the axis labels.
    fn hour_x(doc: &Document) -> impl Fn(f64) -> f64 {
        let label = |t: &str| {
            doc.descendants()
                .find(|n| n.has_tag_name("text") && shown(*n) == t)
                .map(|n| num(n, "x"))
                .unwrap()
        };
        let (x0, x24) = (label("00:00"), label("24:00"));
        move |h| x0 + (x24 - x0) * h / 24.0
    }

    fn block<'a, 'i>(doc: &'a Document<'i>, id: &str) -> Node<'a, 'i> {
        with_class(doc, "item")
            .into_iter()
            .find(|n| n.attribute("data-item") == Some(id))
            .unwrap_or_else(|| panic!("{id} drawn"))
    }

    #[test]
    fn itinerary_svg_draws_every_item_with_flights_and_stays_distinct() {
        let it = sample();
        let svg = svg_of(&it);
        let doc = parse(&svg);
        let blocks = with_class(&doc, "item");
        for item in &it.items {
            assert!(
                blocks
                    .iter()
                    .any(|b| b.attribute("data-item") == Some(item.id.as_str())),
                "{} drawn",
                item.id
            );
        }
        let fill_of = |kind: &str| -> Vec<(&str, Option<&str>)> {
            let mut v: Vec<_> = blocks
                .iter()
                .filter(|b| b.attribute("data-kind") == Some(kind))
                .map(|b| (b.attribute("fill").unwrap(), b.attribute("fill-opacity")))
                .collect();
            v.dedup();
            v
        };
        let (flights, stays) = (fill_of("flight"), fill_of("stay"));
        assert_eq!(flights.len(), 1, "{flights:?}");
        assert_eq!(stays.len(), 1, "{stays:?}");
        assert_ne!(flights[0], stays[0]);
        let procedure = block(&doc, "procedure");
        assert_eq!(procedure.attribute("data-kind"), Some("procedure"));
    }

    #[test]
    fn items_sit_at_their_time_on_the_home_clock() {
        let it = sample();
        let svg = svg_of(&it);
        let doc = parse(&svg);
        let x = hour_x(&doc);
        // The operation is at 08:00 in Istanbul: 05:00 in Manchester, the home zone.
        let p = block(&doc, "procedure");
        assert!(
            (num(p, "x") - x(5.0)).abs() < 0.2,
            "{} vs {}",
            num(p, "x"),
            x(5.0)
        );
        assert!(
            (num(p, "width") - (x(3.0) - x(0.0))).abs() < 0.2,
            "three hours long"
        );
        let mut tokyo = it.clone();
        tokyo.traveller.home_time_zone = Some("Asia/Tokyo".into());
        let svg = svg_of(&tokyo);
        let doc = parse(&svg);
        let x = hour_x(&doc);
        assert!((num(block(&doc, "procedure"), "x") - x(14.0)).abs() < 0.2);
        // Without a home zone, the first item's zone (London) is the clock.
        let mut none = it.clone();
        none.traveller.home_time_zone = None;
        assert_eq!(
            svg_of(&none),
            svg_of(&it).replace("(home time zone)", "(zone of the first item)")
        );
    }

    #[test]
    fn every_finding_is_listed_and_marked_on_its_items() {
        let it = with_items(40);
        let findings = check(&it, &ItineraryRules::default()).unwrap();
        assert!(findings.len() > 1, "{findings:#?}");
        let svg = svg_of(&it);
        let doc = parse(&svg);
        let listed = with_class(&doc, "finding");
        assert_eq!(listed.len(), findings.len());
        let marks = with_class(&doc, "finding-mark");
        for (i, f) in findings.iter().enumerate() {
            let number = (i + 1).to_string();
            assert_eq!(listed[i].attribute("data-code"), Some(f.code.as_str()));
            for id in f
                .items
                .iter()
                .filter(|id| it.items.iter().any(|x| &x.id == *id))
            {
                assert!(
                    marks
                        .iter()
                        .any(|m| m.attribute("data-finding") == Some(number.as_str())
                            && m.attribute("data-item") == Some(id.as_str())),
                    "finding {number} marked on {id}"
                );
                assert!(
                    block(&doc, id).attribute("stroke").is_some(),
                    "{id} outlined"
                );
            }
        }
    }

    #[test]
    fn the_fit_to_fly_window_covers_the_days_after_the_procedure() {
        let svg = svg_of(&sample());
        let doc = parse(&svg);
        let windows = with_class(&doc, "fit-to-fly");
        assert_eq!(windows.len(), 1);
        assert_eq!(windows[0].attribute("data-procedure"), Some("procedure"));
        assert_eq!(windows[0].attribute("data-from"), Some("2027-02-17"));
        assert_eq!(windows[0].attribute("data-until"), Some("2027-02-27"));
        let rows: Vec<Node> = doc
            .descendants()
            .filter(|n| matches!(n.attribute("class"), Some("day" | "gap")))
            .collect();
        let first = |n: &Node| {
            n.attribute("data-date")
                .or(n.attribute("data-from"))
                .unwrap()
                .to_string()
        };
        let inside_window = rows
            .iter()
            .filter(|r| ("2027-02-17".to_string().."2027-02-27".to_string()).contains(&first(r)))
            .count();
        assert!(inside_window >= 4, "{inside_window}");
        assert_eq!(
            with_class(&doc, "no-fly").len(),
            inside_window,
            "each row in the window tinted"
        );
        assert!(
            rows.iter()
                .any(|r| r.attribute("data-date") == Some("2027-02-27")),
            "the day flying is allowed has a row"
        );
        let flight_home_row = rows
            .iter()
            .find(|r| r.attribute("data-date") == Some("2027-02-22"))
            .unwrap();
        assert!(flight_home_row
            .descendants()
            .any(|n| n.attribute("data-item") == Some("flight-home")));
    }

    #[test]
    fn quiet_days_fold_into_one_row() {
        let svg = svg_of(&sample());
        let doc = parse(&svg);
        let gap = with_class(&doc, "gap")
            .into_iter()
            .find(|g| g.attribute("data-from") == Some("2027-01-19"))
            .expect("the weeks before the trip fold into one row");
        assert_eq!(gap.attribute("data-to"), Some("2027-02-14"));
    }

    #[test]
    fn forty_items_fit_the_width_and_grow_the_height() {
        let big = with_items(40);
        let svg = svg_of(&big);
        let doc = parse(&svg);
        let drawn: std::collections::BTreeSet<&str> = with_class(&doc, "item")
            .iter()
            .filter_map(|n| n.attribute("data-item"))
            .collect();
        assert_eq!(drawn.len(), 40);
        let tall = assert_fits_width(&doc);
        let small = assert_fits_width(&parse(&svg_of(&sample())));
        assert!(tall > small, "{tall} vs {small}");
    }

    #[test]
    fn itinerary_svg_escapes_hostile_titles_and_still_parses() {
        let mut it = sample();
        let names = hostile_names();
        for (i, item) in it.items.iter_mut().enumerate() {
            item.title = names[i % names.len()].clone();
        }
        it.title = names[4].clone();
        // Ids are user text too (findings name them).
        for item in it.items.iter_mut().filter(|i| i.id == "flight-home") {
            item.id = "<flight & \"home\">".into();
        }
        let svg = svg_of(&it);
        assert_safe_characters(&svg);
        let doc = parse(&svg);
        assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
        for name in &names {
            assert_user_text_drawn(&svg, &doc, name);
        }
        assert!(with_class(&doc, "finding-mark")
            .iter()
            .any(|m| m.attribute("data-item") == Some("<flight & \"home\">")));
        assert_fits_width(&doc);
    }

    #[test]
    fn itinerary_svg_is_deterministic() {
        let it = with_items(30);
        let again = Itinerary::from_json(&it.to_json().unwrap()).unwrap();
        assert_eq!(svg_of(&it), svg_of(&again));
    }

    #[test]
    fn itinerary_svg_fails_as_check_does_on_bad_rules_or_zones() {
        let rules = ItineraryRules {
            min_connection_domestic_minutes: -5,
            ..ItineraryRules::default()
        };
        assert_eq!(sample().to_svg(&rules).unwrap_err().code(), "invalid_input");
        let mut it = sample();
        it.items[0].zone = "Mars/Olympus_Mons".into();
        assert_eq!(svg_of_err(&it), "unknown_time_zone");
    }

    fn svg_of_err(it: &Itinerary) -> &'static str {
        it.to_svg(&ItineraryRules::default()).unwrap_err().code()
    }

    #[test]
    fn an_empty_itinerary_draws_too() {
        let mut it = sample();
        it.items.clear();
        let svg = svg_of(&it);
        let doc = parse(&svg);
        assert!(with_class(&doc, "item").is_empty());
        assert_fits_width(&doc);
    }

    #[test]
    fn paperwork_and_companion_items_are_drawn() {
        let it = sample();
        let svg = svg_of(&it);
        let doc = parse(&svg);
        let records = block(&doc, "records-transfer");
        assert_eq!(records.tag_name().name(), "polygon");
        assert!(matches!(
            it.items
                .iter()
                .find(|i| i.id == "records-transfer")
                .unwrap()
                .details,
            Details::DocumentTask { .. }
        ));
    }
}

// ---- any text at all -----------------------------------------------------------------

mod any_text {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever a user types (any Unicode, controls and non-characters included),
        /// every picture stays well-formed, safe and inside its width.
        #[test]
        fn any_user_text_gives_well_formed_safe_pictures(
            names in proptest::collection::vec(any::<String>(), 3..8),
        ) {
            let mut r = sample_ranking(Method::WeightedSum);
            for (i, m) in r.matches.iter_mut().enumerate() {
                m.name = names[i % names.len()].clone();
                m.city = names[(i + 1) % names.len()].clone();
            }
            for (i, x) in r.excluded.iter_mut().enumerate() {
                x.name = names[i % names.len()].clone();
            }
            r.procedure = names[0].clone();
            let mut c = sample_comparison();
            for (i, col) in c.columns.iter_mut().enumerate() {
                col.provider_id = names[i % names.len()].clone();
            }
            for (i, f) in c.findings.iter_mut().enumerate() {
                f.message = names[(i + 2) % names.len()].clone();
            }
            #[cfg_attr(not(feature = "itinerary"), allow(unused_mut))]
            let mut pictures = vec![r.to_svg(), c.to_svg()];
            #[cfg(feature = "itinerary")]
            {
                let mut it = samples::itinerary().unwrap();
                for (i, item) in it.items.iter_mut().enumerate() {
                    item.title = names[i % names.len()].clone();
                }
                it.title = names[1].clone();
                pictures.push(it.to_svg(&medjourney::ItineraryRules::default()).unwrap());
            }
            for svg in &pictures {
                assert_safe_characters(svg);
                let doc = parse(svg);
                assert_rtl_isolated(&doc);
                assert_fits_width(&doc);
            }
        }
    }
}
