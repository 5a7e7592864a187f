//! The ranking picture: one bar per match split into each criterion's share, the score,
//! and the excluded providers with their reasons.

use super::request::{Criterion, CriterionScore, ExclusionReason, Match, Method, Ranking};
use crate::svg::{
    color, fixed, legend_entry, percent, Anchor, Attrs, Part, Svg, AXIS, BODY, MARGIN, SMALL,
    SUBTITLE, TITLE, WIDTH,
};

/// Most matches drawn; a note counts the rest.
const MAX_MATCHES: usize = 200;
/// Most exclusions drawn; a note counts the rest.
const MAX_EXCLUDED: usize = 200;
/// Where the bars start, and the length of a score of 1.
const BAR_X: f64 = 330.0;
const BAR_W: f64 = 520.0;
/// Where the printed score is.
const SCORE_X: f64 = BAR_X + BAR_W + 22.0;
const ROW: f64 = 38.0;
const BAR_H: f64 = 16.0;

fn criterion_color(c: Criterion) -> &'static str {
    match c {
        Criterion::Price => color::BLUE,
        Criterion::Quality => color::GREEN,
        Criterion::Reviews => color::GOLD,
        Criterion::Accreditation => color::PURPLE,
        Criterion::Wait => color::ORANGE,
        Criterion::Language => color::TEAL,
        Criterion::Amenities => color::PINK,
        Criterion::Travel => color::SLATE,
    }
}

/// A position on the bar scale, on a 0.1-unit grid so segments that share an edge add up
/// exactly to the bar they fill.
fn scale(x: f64) -> f64 {
    let x = if x.is_finite() { x.max(0.0) } else { 0.0 };
    (x * BAR_W * 10.0).round() / 10.0
}

fn raw_text(c: &CriterionScore) -> String {
    match c.raw {
        Some(r) if r.is_finite() => {
            let cases = c
                .cases
                .map(|n| format!(", {n} behind it"))
                .unwrap_or_default();
            format!("raw {}{cases}", fixed(r, 2))
        }
        _ => "no data (counts as the worst)".to_string(),
    }
}

fn reason_words(r: &ExclusionReason) -> String {
    r.code().replace('_', " ")
}

impl Ranking {
    /// The ranking as an SVG picture, 960 units wide, scaling to
    /// its container and growing in height with the matches.
    ///
    /// One row per match, best first: rank, name, city and country, lowest price, and a
    /// bar on a 0–1 scale split into one segment per criterion in the legend's colours,
    /// each `weight × normalized` long (the `contribution` of the explanation), and the
    /// score with 3 decimals.
    /// - Weighted sum: the segments add up to the score; the outlined bar is the score.
    /// - TOPSIS: the score is the closeness `D⁻/(D⁻+D⁺)`, which is not a sum, so it is
    ///   drawn as a dark bar of its own under the segments. The segments are the weighted
    ///   normalized values TOPSIS measures its distances on: a full bar would be the ideal
    ///   on every criterion, and what each segment falls short of its weight is that
    ///   criterion's gap to the ideal.
    ///
    /// Excluded providers follow: a count per reason, then each provider with its
    /// reasons' messages ([`ExclusionReason::message`]). Every segment carries a tooltip
    /// with its raw and normalized value; long names are cut with "…" and keep the
    /// whole name as a tooltip. At most 200 matches and 200 exclusions are drawn; a note
    /// counts the rest. The same ranking gives the same bytes.
    pub fn to_svg(&self) -> String {
        let mut svg = Svg::new();
        let method = match self.method {
            Method::WeightedSum => "weighted sum",
            Method::Topsis => "TOPSIS",
        };
        let title = format!("Provider ranking: {}", self.procedure);
        svg.label_with(
            MARGIN,
            28.0,
            TITLE,
            &[
                Part::Fixed("Provider ranking: "),
                Part::User(&self.procedure),
            ],
            WIDTH - 2.0 * MARGIN,
            Attrs::new(),
        );
        let total = self.candidates.saturating_add(self.excluded_total);
        let mut sub = format!(
            "Scored by {method} · {} of {total} providers qualify · best {} shown",
            self.candidates,
            self.matches.len().min(MAX_MATCHES)
        );
        if let Some(c) = self.currency {
            sub.push_str(&format!(" · prices in {c}"));
        }
        svg.label(MARGIN, 48.0, SUBTITLE, &sub, WIDTH - 2.0 * MARGIN);

        // Legend: each criterion's colour and weight.
        let weights = self.weights.to_array();
        let mut x = MARGIN;
        for (c, w) in Criterion::ALL.iter().zip(weights) {
            x = legend_entry(
                &mut svg,
                x,
                72.0,
                criterion_color(*c),
                None,
                &format!("{} {}", c.as_str(), percent(w)),
            );
        }

        let mut y = 86.0;
        if self.matches.is_empty() {
            svg.text(MARGIN, y + 20.0, BODY, "No provider passed the filters.");
            y += 36.0;
        } else {
            y = self.draw_matches(&mut svg, y);
        }
        y = self.draw_excluded(&mut svg, y + 12.0);
        let note = match self.method {
            Method::WeightedSum => {
                "Each segment is a criterion's weight × its normalized value (1 = best among the candidates); the segments add up to the score."
            }
            Method::Topsis => {
                "Segments: each criterion's weight × its normalized value (a full bar is the ideal on every criterion). Dark bar and number: the TOPSIS closeness to the ideal."
            }
        };
        let lines = svg.paragraph(
            MARGIN,
            y + 16.0,
            SMALL.fill(color::FAINT),
            note,
            WIDTH - 2.0 * MARGIN,
            14.0,
            3,
        );
        svg.finish(y + 16.0 + 14.0 * lines as f64 + 8.0, &title)
    }

    fn draw_matches(&self, svg: &mut Svg, top: f64) -> f64 {
        let shown = self
            .matches
            .get(..self.matches.len().min(MAX_MATCHES))
            .unwrap_or_default();
        let axis_y = top + 10.0;
        let rows_top = axis_y + 6.0;
        let bottom = rows_top + ROW * shown.len() as f64;
        for i in (1..shown.len()).step_by(2) {
            svg.rect(
                0.0,
                rows_top + ROW * i as f64,
                WIDTH,
                ROW,
                Attrs::new().fill(color::ZEBRA),
            );
        }
        for k in 0..=4 {
            let v = f64::from(k) * 0.25;
            let x = BAR_X + scale(v);
            svg.line(
                x,
                rows_top,
                x,
                bottom,
                Attrs::new().stroke(color::GRID, 1.0),
            );
            svg.text(x, axis_y, AXIS.anchor(Anchor::Middle), &fixed(v, 2));
        }
        svg.text(SCORE_X, axis_y, AXIS, "score");
        for (i, m) in shown.iter().enumerate() {
            self.draw_match(svg, m, rows_top + ROW * i as f64);
        }
        let mut y = bottom;
        if self.matches.len() > shown.len() {
            svg.text(
                MARGIN,
                y + 16.0,
                SMALL,
                &format!(
                    "… and {} more matches not drawn",
                    self.matches.len() - shown.len()
                ),
            );
            y += 22.0;
        }
        y
    }

    fn draw_match(&self, svg: &mut Svg, m: &Match, y: f64) {
        svg.group(
            Attrs::new()
                .class("match")
                .data("rank", &m.rank.to_string())
                .data("provider-id", &m.provider_id)
                .data("score", &fixed(m.score, 3)),
        );
        svg.text(
            40.0,
            y + 16.0,
            BODY.bold().anchor(Anchor::End),
            &m.rank.to_string(),
        );
        let name = if m.name.is_empty() {
            &m.provider_id
        } else {
            &m.name
        };
        svg.label(46.0, y + 16.0, BODY.bold(), name, BAR_X - 46.0 - 12.0);
        let price = m
            .price
            .map(|p| format!("from {} {}", crate::svg::amount(&p), p.currency()));
        let mut meta: Vec<Part> = Vec::new();
        for piece in [m.city.as_str(), m.country.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
        {
            if !meta.is_empty() {
                meta.push(Part::Fixed(", "));
            }
            meta.push(Part::User(piece));
        }
        if let Some(p) = &price {
            if !meta.is_empty() {
                meta.push(Part::Fixed(" · "));
            }
            meta.push(Part::Fixed(p));
        }
        svg.label_with(
            46.0,
            y + 31.0,
            SMALL,
            &meta,
            BAR_X - 46.0 - 12.0,
            Attrs::new(),
        );

        let bar_y = y + 6.0;
        svg.rect(
            BAR_X,
            bar_y,
            BAR_W,
            BAR_H,
            Attrs::new().fill(color::GRID).attr("fill-opacity", "0.5"),
        );
        let mut edge = 0.0;
        let mut sum = 0.0;
        for c in &m.criteria {
            let contribution = if c.contribution.is_finite() {
                c.contribution.max(0.0)
            } else {
                0.0
            };
            sum += contribution;
            let next = scale(sum);
            svg.rect(
                BAR_X + edge,
                bar_y,
                next - edge,
                BAR_H,
                Attrs::new()
                    .class("segment")
                    .data("criterion", c.criterion.as_str())
                    .data("contribution", &fixed(contribution, 3))
                    .fill(criterion_color(c.criterion))
                    .title(&format!(
                        "{}: {} = weight {} × normalized {} ({})",
                        c.criterion.as_str(),
                        fixed(contribution, 3),
                        fixed(c.weight, 3),
                        fixed(c.normalized, 3),
                        raw_text(c)
                    )),
            );
            edge = next;
        }
        let score = if m.score.is_finite() {
            m.score.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let score_attrs = Attrs::new()
            .class("score")
            .data("score", &fixed(m.score, 3))
            .title(&format!("score {}", fixed(m.score, 3)));
        match self.method {
            Method::WeightedSum => svg.rect(
                BAR_X,
                bar_y,
                scale(score),
                BAR_H,
                score_attrs.fill("none").stroke(color::INK, 1.0),
            ),
            Method::Topsis => svg.rect(
                BAR_X,
                bar_y + BAR_H + 3.0,
                scale(score),
                5.0,
                score_attrs.fill(color::INK),
            ),
        }
        svg.text(SCORE_X, y + 19.0, BODY.bold(), &fixed(m.score, 3));
        svg.end_group();
    }

    fn draw_excluded(&self, svg: &mut Svg, top: f64) -> f64 {
        let heading = match self.excluded_total {
            0 => "Excluded: none".to_string(),
            1 => "Excluded: 1 provider".to_string(),
            n => format!("Excluded: {n} providers"),
        };
        svg.text(MARGIN, top + 14.0, BODY.bold().fill(color::RED), &heading);
        let mut y = top + 14.0;
        if self.excluded.is_empty() {
            if self.excluded_total > 0 {
                svg.text(
                    MARGIN,
                    y + 18.0,
                    SMALL,
                    "None listed (the ranking was asked for no exclusions).",
                );
                y += 18.0;
            }
            return y + 6.0;
        }
        // A count per reason, the most frequent first.
        let mut counts: Vec<(&'static str, String, usize)> = Vec::new();
        for r in self.excluded.iter().flat_map(|x| &x.reasons) {
            match counts.iter_mut().find(|(code, _, _)| *code == r.code()) {
                Some(entry) => entry.2 += 1,
                None => counts.push((r.code(), reason_words(r), 1)),
            }
        }
        crate::order::sort_by(&mut counts, |a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        let summary: Vec<String> = counts
            .iter()
            .map(|(_, words, n)| format!("{words} {n}"))
            .collect();
        let listed = if self.excluded.len() < self.excluded_total {
            format!(" (reasons of the {} listed)", self.excluded.len())
        } else {
            String::new()
        };
        let lines = svg.paragraph(
            MARGIN,
            y + 18.0,
            SMALL,
            &format!("By reason{listed}: {}", summary.join(" · ")),
            WIDTH - 2.0 * MARGIN,
            14.0,
            3,
        );
        y += 18.0 + 14.0 * (lines as f64 - 1.0) + 8.0;
        let shown = self
            .excluded
            .get(..self.excluded.len().min(MAX_EXCLUDED))
            .unwrap_or_default();
        for x in shown {
            svg.group(
                Attrs::new()
                    .class("excluded")
                    .data("provider-id", &x.provider_id),
            );
            let name = if x.name.is_empty() {
                &x.provider_id
            } else {
                &x.name
            };
            svg.label(MARGIN, y + 14.0, SMALL.fill(color::INK).bold(), name, 260.0);
            let reasons: Vec<String> = x.reasons.iter().map(ExclusionReason::message).collect();
            let lines = svg.paragraph(
                290.0,
                y + 14.0,
                SMALL,
                &reasons.join("; "),
                WIDTH - MARGIN - 290.0,
                14.0,
                3,
            );
            svg.end_group();
            y += 14.0 * lines.max(1) as f64 + 4.0;
        }
        let unlisted = self.excluded_total.saturating_sub(shown.len());
        if unlisted > 0 {
            svg.text(
                MARGIN,
                y + 14.0,
                SMALL,
                &format!("… and {unlisted} more excluded providers not listed"),
            );
            y += 18.0;
        }
        y + 4.0
    }
}
