//! The displays (picture + compact table as one HTML fragment) through the public API:
//! well-formed, picture first, numbers formatted for reading, user text escaped and
//! isolated, long tables capped.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{samples, Method, RankOptions, Ranking};
use proptest::prelude::*;
use roxmltree::{Document, Node};

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

/// What a display promises to make of a user text (the pictures' cleaning rules).
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

/// Everything a display writes is well-formed XML (so it is also safe HTML).
fn parse(html: &str) -> Document<'_> {
    Document::parse(html).unwrap_or_else(|e| panic!("not well-formed: {e}\n{html}"))
}

fn text_of(n: Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

fn tables<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("table"))
        .collect()
}

fn table<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Node<'a, 'i> {
    tables(doc)
        .into_iter()
        .find(|t| {
            t.attribute("class")
                .is_some_and(|c| c.split(' ').any(|k| k == class))
        })
        .unwrap_or_else(|| panic!("a table of class {class}"))
}

/// Cell texts of a table section ("thead", "tbody", "tfoot"), row by row.
fn cells(t: Node, section: &str) -> Vec<Vec<String>> {
    t.children()
        .filter(|s| s.has_tag_name(section))
        .flat_map(|s| s.children().filter(|r| r.has_tag_name("tr")))
        .map(|r| {
            r.children()
                .filter(|c| c.is_element())
                .map(text_of)
                .collect()
        })
        .collect()
}

/// The shape every display shares: one `div.medjourney`, left-to-right, its style sheet
/// first, then the picture (when it has one), then tables and notes.
fn assert_view(html: &str, class: &str, picture: bool) {
    let doc = parse(html);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "div");
    assert_eq!(
        root.attribute("class"),
        Some(format!("medjourney {class}").as_str())
    );
    assert_eq!(root.attribute("dir"), Some("ltr"));
    let kids: Vec<Node> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(kids[0].tag_name().name(), "style");
    let svgs: Vec<Node> = root
        .descendants()
        .filter(|n| n.tag_name().name() == "svg")
        .collect();
    if picture {
        assert_eq!(
            kids[1].attribute("class"),
            Some("mj-picture"),
            "picture first"
        );
        assert_eq!(svgs.len(), 1);
        assert_eq!(
            svgs[0].tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert!(kids[2..]
            .iter()
            .any(|k| k.has_tag_name("table") || k.has_tag_name("p")));
    } else {
        assert!(svgs.is_empty());
        assert!(kids[1].has_tag_name("table"));
    }
    assert_tables_read_well(&doc);
}

/// No number in a table cell has more than 3 decimals, and no cell shows a debug form.
fn assert_tables_read_well(doc: &Document) {
    let texts = doc
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "td" | "th" | "caption"))
        .map(text_of);
    for text in texts {
        for token in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, frac)) = token.split_once('.') {
                let digits = frac.split('.').next().unwrap_or_default();
                assert!(
                    digits.len() <= 3 || !digits.bytes().all(|b| b.is_ascii_digit()),
                    "{token:?} has more than 3 decimals in {text:?}"
                );
            }
        }
        for debug in ["Some(", "None", "CriterionScore", "NaN"] {
            assert!(!text.contains(debug), "{debug:?} in a cell: {text:?}");
        }
    }
}

/// A user text came out whole, cleaned, as the text of one `<bdi>`, and produced no
/// element of its own.
fn assert_user_text_isolated(doc: &Document, original: &str) {
    let want = cleaned(original);
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("bdi"))
            .any(|n| text_of(n) == want),
        "{original:?} shown whole in a <bdi> as {want:?}"
    );
}

fn assert_no_injected_elements(doc: &Document) {
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(
            !matches!(name, "script" | "b" | "iframe" | "img"),
            "<{name}> injected"
        );
    }
}

fn sample_ranking(method: Method) -> Ranking {
    let options = RankOptions {
        method,
        ..samples::rank_options().unwrap()
    };
    medjourney::rank(
        &samples::catalog().unwrap(),
        &samples::request().unwrap(),
        &options,
    )
    .unwrap()
}

// ---- ranking -------------------------------------------------------------------------

#[test]
fn ranking_display_is_its_picture_then_the_matches() {
    let r = sample_ranking(Method::Topsis);
    let html = r.to_html();
    assert_view(&html, "mj-ranking", true);
    let doc = parse(&html);
    let picture = doc
        .descendants()
        .find(|n| n.tag_name().name() == "svg")
        .unwrap();
    assert_eq!(
        &html[picture.range()],
        r.to_svg(),
        "the picture is the ranking's own SVG"
    );
    let rows = cells(table(&doc, "mj-matches"), "tbody");
    assert_eq!(rows.len(), r.matches.len());
    for (row, m) in rows.iter().zip(&r.matches) {
        assert_eq!(row[0], m.rank.to_string());
        assert!(row[1].starts_with(&m.name) && row[1].contains(&m.provider_id));
        assert_eq!(row[4], format!("{:.3}", m.score));
        let criteria = row[5].split(" · ").count();
        assert!((1..=3).contains(&criteria), "{}", row[5]);
    }
    // The exclusions are listed, with their reasons, in the picture only.
    assert_eq!(tables(&doc).len(), 1);
}

#[test]
fn ranking_display_names_each_matchs_largest_contributions_first() {
    let r = sample_ranking(Method::WeightedSum);
    let doc_html = r.to_html();
    let doc = parse(&doc_html);
    let rows = cells(table(&doc, "mj-matches"), "tbody");
    for (row, m) in rows.iter().zip(&r.matches) {
        let mut best: Vec<_> = m.criteria.iter().filter(|c| c.contribution > 0.0).collect();
        best.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        let first = best[0];
        assert!(
            row[5].starts_with(&format!(
                "{} {:.3}",
                first.criterion.as_str(),
                first.contribution
            )),
            "{}",
            row[5]
        );
    }
}

#[test]
fn ranking_display_escapes_hostile_names() {
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
    let html = r.to_html();
    assert_view(&html, "mj-ranking", true);
    let doc = parse(&html);
    assert_no_injected_elements(&doc);
    for name in &names {
        assert_user_text_isolated(&doc, name);
    }
}

#[test]
fn long_tables_show_two_hundred_rows_and_count_the_rest() {
    let mut r = sample_ranking(Method::WeightedSum);
    let m = r.matches[0].clone();
    r.matches = (0..450)
        .map(|i| {
            let mut m = m.clone();
            m.rank = i + 1;
            m
        })
        .collect();
    let html = r.to_html();
    let doc = parse(&html);
    assert_eq!(cells(table(&doc, "mj-matches"), "tbody").len(), 200);
    assert!(text_of(doc.root_element()).contains("… and 250 more rows not shown."));
}

#[test]
fn an_empty_ranking_says_so() {
    let mut r = sample_ranking(Method::WeightedSum);
    r.matches.clear();
    r.excluded.clear();
    r.excluded_total = 0;
    let html = r.to_html();
    assert_view(&html, "mj-ranking", true);
    assert!(html.contains("No provider passed the filters."));
}

// ---- cost ----------------------------------------------------------------------------

#[test]
fn comparison_display_is_the_grid_with_totals_and_findings() {
    let c = samples::comparison().unwrap();
    let html = c.to_html();
    assert_view(&html, "mj-comparison", true);
    let doc = parse(&html);
    let grid = table(&doc, "mj-grid");
    let head = &cells(grid, "thead")[0];
    assert_eq!(head.len(), c.columns.len() + 1);
    for (h, col) in head[1..].iter().zip(&c.columns) {
        assert!(h.contains(&col.quote_id) && h.contains(&col.provider_id));
    }
    let body = cells(grid, "tbody");
    assert_eq!(body.len(), c.rows.len());
    for (row, data) in body.iter().zip(&c.rows) {
        for (cell, d) in row[1..].iter().zip(&data.cells) {
            if d.status != medjourney::cost::CellStatus::Missing {
                assert!(cell.contains(&format!(" {}", c.currency)), "{cell}");
            }
        }
    }
    let foot = cells(grid, "tfoot");
    assert_eq!(foot[0][0], "Total");
    let cheapest = c.cheapest.as_deref().unwrap();
    let i = c
        .columns
        .iter()
        .position(|q| q.quote_id == cheapest)
        .unwrap();
    assert_eq!(foot[1][i + 1], "cheapest");
    let findings = cells(table(&doc, "mj-findings"), "tbody");
    assert_eq!(findings.len(), c.findings.len());
    for (k, (row, f)) in findings.iter().zip(&c.findings).enumerate() {
        assert_eq!(row[0], (k + 1).to_string());
        assert_eq!(row[3], f.message);
    }
}

#[test]
fn comparison_display_escapes_hostile_names() {
    let mut c = samples::comparison().unwrap();
    let names = hostile_names();
    for (i, col) in c.columns.iter_mut().enumerate() {
        col.provider_id = names[i % names.len()].clone();
        col.quote_id = names[(i + 4) % names.len()].clone();
    }
    for (i, f) in c.findings.iter_mut().enumerate() {
        f.message = names[(i + 2) % names.len()].clone();
    }
    let html = c.to_html();
    assert_view(&html, "mj-comparison", true);
    let doc = parse(&html);
    assert_no_injected_elements(&doc);
    for col in &c.columns {
        assert_user_text_isolated(&doc, &col.provider_id);
        assert_user_text_isolated(&doc, &col.quote_id);
    }
}

#[test]
fn money_tables_show_amounts_with_separators_and_their_currency() {
    let estimate = samples::estimate().unwrap();
    let html = estimate.to_html();
    assert_view(&html, "mj-trip-estimate", false);
    let doc = parse(&html);
    let t = table(&doc, "mj-estimate");
    assert_eq!(
        cells(t, "tbody").len(),
        estimate.lines.len() + estimate.optional.len()
    );
    let total = &cells(t, "tfoot")[0];
    let digits = estimate.total.amount_string();
    let (int, frac) = digits.split_once('.').unwrap();
    let int = int.parse::<u64>().unwrap();
    let want = format!(
        "{},{:03}.{frac} {}",
        int / 1000,
        int % 1000,
        estimate.currency
    );
    assert_eq!(total.last().unwrap(), &want);

    let adjudication = samples::adjudication().unwrap();
    let html = adjudication.to_html();
    assert_view(&html, "mj-adjudication", false);
    let doc = parse(&html);
    let rows = cells(table(&doc, "mj-adjudication"), "tbody");
    assert_eq!(rows.len(), adjudication.lines.len());
    for (row, line) in rows.iter().zip(&adjudication.lines) {
        assert_eq!(row[5], line.status.as_str().replace('_', " "));
    }

    let schedule = samples::payment_plan().unwrap().schedule().unwrap();
    let html = schedule.to_html();
    assert_view(&html, "mj-schedule", false);
    let doc = parse(&html);
    let rows = cells(table(&doc, "mj-schedule"), "tbody");
    assert_eq!(rows.len(), schedule.payments.len());
    assert_eq!(rows[0][2], schedule.payments[0].due.to_string());

    let totals = samples::quotes().unwrap()[0].totals().unwrap();
    let html = totals.to_html();
    assert_view(&html, "mj-quote-totals", false);
    let doc = parse(&html);
    assert_eq!(
        cells(table(&doc, "mj-totals"), "tbody").len(),
        totals.by_category.len()
    );
}

// ---- journey map ---------------------------------------------------------------------

#[test]
fn journey_map_display_reads_rates_as_percentages_and_dwell_in_days() {
    let map = samples::journey_map_sample().unwrap();
    let html = map.to_html();
    assert_view(&html, "mj-journey-map", true);
    let doc = parse(&html);
    let rows = cells(table(&doc, "mj-stages"), "tbody");
    assert_eq!(rows.len(), map.stages.len());
    for (row, data) in rows.iter().zip(map.rows()) {
        assert_eq!(row[0], data.stage.as_str().replace('_', " "));
        match data.conversion {
            Some(c) => assert_eq!(row[4], format!("{:.1}%", c * 100.0)),
            None => assert_eq!(row[4], "–"),
        }
        match data.dwell_median_seconds {
            Some(s) => assert_eq!(row[6], format!("{:.1} days", s as f64 / 86_400.0)),
            None => assert_eq!(row[6], "–"),
        }
        if let Some(c) = data.top_channel {
            assert_eq!(row[9], c.as_str().replace('_', " "));
        }
    }
}

// ---- itinerary -----------------------------------------------------------------------

#[cfg(feature = "itinerary")]
mod itinerary {
    use super::*;
    use medjourney::ItineraryRules;

    #[test]
    fn itinerary_display_lists_every_item_in_local_time() {
        let it = samples::itinerary().unwrap();
        let rules = samples::itinerary_rules();
        let html = it.to_html(&rules).unwrap();
        assert_view(&html, "mj-itinerary", true);
        let doc = parse(&html);
        let rows = cells(table(&doc, "mj-items"), "tbody");
        assert_eq!(rows.len(), it.items.len());
        // The operation is at 08:00 in Istanbul.
        let procedure = it.items.iter().find(|i| i.id == "procedure").unwrap();
        let row = rows.iter().find(|r| r[4] == procedure.title).unwrap();
        assert!(row[0].ends_with(" 08:00"), "{row:?}");
        assert_eq!(row[2], "Europe/Istanbul");
        assert_eq!(row[3], "procedure");
        let starts: Vec<&String> = rows.iter().map(|r| &r[0]).collect();
        assert!(
            starts.windows(2).filter(|w| w[0] > w[1]).count() <= 1,
            "time order"
        );
    }

    #[test]
    fn findings_display_numbers_the_findings_as_the_picture_does() {
        let it = samples::itinerary().unwrap();
        let rules = samples::itinerary_rules();
        let findings = it.check(&rules).unwrap();
        assert!(!findings.is_empty());
        let html = it.findings_to_html(&rules).unwrap();
        assert_view(&html, "mj-findings", true);
        let doc = parse(&html);
        let rows = cells(table(&doc, "mj-checks"), "tbody");
        assert_eq!(rows.len(), findings.len());
        let marks: Vec<Node> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("finding"))
            .collect();
        for (i, (row, f)) in rows.iter().zip(&findings).enumerate() {
            assert_eq!(row[0], (i + 1).to_string());
            assert_eq!(row[2], f.code.as_str().replace('_', " "));
            assert_eq!(row[3], f.message);
            assert_eq!(row[4], f.items.join(", "));
            assert!(marks.iter().any(|m| {
                m.attribute("data-finding") == Some(row[0].as_str())
                    && m.attribute("data-code") == Some(f.code.as_str())
            }));
        }
    }

    #[test]
    fn itinerary_displays_escape_hostile_titles_and_ids() {
        let mut it = samples::itinerary().unwrap();
        let names = hostile_names();
        for (i, item) in it.items.iter_mut().enumerate() {
            item.title = names[i % names.len()].clone();
            item.location = Some(names[(i + 1) % names.len()].clone());
        }
        it.title = names[0].clone();
        let rules = ItineraryRules::default();
        for (html, class) in [
            (it.to_html(&rules).unwrap(), "mj-itinerary"),
            (it.findings_to_html(&rules).unwrap(), "mj-findings"),
        ] {
            assert_view(&html, class, true);
            let doc = parse(&html);
            assert_no_injected_elements(&doc);
            if class == "mj-itinerary" {
                for name in &names {
                    assert_user_text_isolated(&doc, name);
                }
            }
        }
    }

    #[test]
    fn an_itinerary_that_fails_its_checks_gives_the_checks_error() {
        let mut it = samples::itinerary().unwrap();
        it.items[0].zone = "Mars/Olympus".to_string();
        let rules = ItineraryRules::default();
        assert_eq!(it.to_html(&rules).unwrap_err().code(), "unknown_time_zone");
        assert_eq!(
            it.findings_to_html(&rules).unwrap_err().code(),
            "unknown_time_zone"
        );
    }
}

#[test]
fn displays_are_deterministic() {
    let r = sample_ranking(Method::Topsis);
    assert_eq!(r.to_html(), r.to_html());
    let c = samples::comparison().unwrap();
    assert_eq!(c.to_html(), c.to_html());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text in a name stays text: the display parses, adds no element, and shows the
    /// cleaned name whole.
    #[test]
    fn any_name_stays_escaped_text(name in "\\PC{0,60}|[<>&\"'\u{202E}\u{2066}\u{FFFE}\u{0}-\u{1F}]{0,20}") {
        let mut r = sample_ranking(Method::WeightedSum);
        r.matches[0].name = name.clone();
        let html = r.to_html();
        let doc = parse(&html);
        assert_no_injected_elements(&doc);
        if !cleaned(&name).is_empty() {
            assert_user_text_isolated(&doc, &name);
        }
    }
}
