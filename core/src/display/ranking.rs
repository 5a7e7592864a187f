//! The ranking's display: the ranking picture, the matches, the excluded providers.

use super::{money, note, score, view, Cell, Table, Text};
use crate::matching::{Match, Method, Ranking};

/// How many of a match's criteria its row names (the largest contributions).
const TOP_CRITERIA: usize = 3;

/// "from 7,770.59 GBP", "7,770.59 GBP – 9,000.00 GBP" or "–".
fn price(m: &Match) -> String {
    match (&m.price, &m.price_max) {
        (Some(lo), Some(hi)) if hi != lo => format!("{} – {}", money(lo), money(hi)),
        (Some(lo), _) => money(lo),
        (None, _) => "–".to_string(),
    }
}

/// The criteria that gave most of the score: "quality 0.214 · reviews 0.180 · price 0.090".
fn largest_contributions(m: &Match) -> String {
    let mut criteria: Vec<_> = m
        .criteria
        .iter()
        .filter(|c| c.contribution.is_finite() && c.contribution > 0.0)
        .collect();
    // Stable: equal contributions keep the criteria's own order.
    crate::order::sort_by(&mut criteria, |a, b| {
        b.contribution.total_cmp(&a.contribution)
    });
    let parts: Vec<String> = criteria
        .iter()
        .take(TOP_CRITERIA)
        .map(|c| {
            format!(
                "{} {}",
                super::words(c.criterion.as_str()),
                score(c.contribution)
            )
        })
        .collect();
    if parts.is_empty() {
        "–".to_string()
    } else {
        parts.join(" · ")
    }
}

impl Ranking {
    /// The ranking as HTML: [`Ranking::to_svg`] (which also lists the excluded providers
    /// with their reasons), then a table of the matches: rank, provider, place, price
    /// range, score to 3 decimals and the three criteria that contributed most. Text
    /// from the catalog is escaped; at most 200 rows, a note counts the rest.
    pub fn to_html(&self) -> String {
        let method = match self.method {
            Method::WeightedSum => "weighted sum",
            Method::Topsis => "TOPSIS",
        };
        let mut caption = Text::new()
            .words("Ranked for ")
            .user(&self.procedure)
            .words(&format!(" by {method}"));
        if let Some(c) = self.currency {
            caption = caption.words(&format!(", prices in {c}"));
        }
        let mut matches = Table::new(
            "mj-matches",
            caption,
            &[
                "#",
                "provider",
                "where",
                "=lowest price",
                "=score",
                "largest contributions",
            ],
        );
        for m in &self.matches {
            let place = [m.city.as_str(), m.country.as_str()];
            matches.row(&[
                Cell::num(m.rank.to_string()),
                Cell::text(Text::new().named(&m.name, &m.provider_id)),
                Cell::text(Text::new().list(place.into_iter().filter(|p| !p.is_empty()), ", ")),
                Cell::num(price(m)),
                Cell::num(score(m.score)),
                Cell::words(&largest_contributions(m)),
            ]);
        }
        let table = if self.matches.is_empty() {
            note(&Text::new().words("No provider passed the filters."))
        } else {
            matches.finish()
        };
        view("mj-ranking", Some(&self.to_svg()), &[table])
    }
}
