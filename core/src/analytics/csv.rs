//! The journey map's per-stage table as CSV, safe from spreadsheet formula injection.

use super::map::JourneyMap;
use crate::error::{Error, Result};
use crate::journey::{Channel, Need};

impl JourneyMap {
    /// The per-stage table as CSV with a snake_case header; text cells are guarded
    /// against spreadsheet formula injection.
    pub fn to_csv(&self) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let csv_err = |e: csv::Error| Error::invalid("journey map csv", e.to_string());
        w.write_record([
            "stage",
            "entered",
            "moved_on",
            "dropped",
            "still_there",
            "reentered",
            "conversion",
            "drop_rate",
            "dwell_median_seconds",
            "dwell_p90_seconds",
            "touchpoints",
            "touchpoints_per_journey",
            "top_channel",
            "mean_sentiment",
            "sentiment_count",
            "top_unmet_need",
            "pain",
        ])
        .map_err(csv_err)?;
        for r in self.rows() {
            w.write_record([
                csv_text(r.stage.as_str()),
                r.entered.to_string(),
                r.moved_on.to_string(),
                r.dropped.to_string(),
                r.still_there.to_string(),
                r.reentered.to_string(),
                opt_num(r.conversion),
                opt_num(r.drop_rate),
                opt_num(r.dwell_median_seconds),
                opt_num(r.dwell_p90_seconds),
                r.touchpoints.to_string(),
                opt_num(r.touchpoints_per_journey),
                csv_text(r.top_channel.map_or("", Channel::as_str)),
                opt_num(r.mean_sentiment),
                r.sentiment_count.to_string(),
                csv_text(r.top_unmet_need.map_or("", Need::as_str)),
                csv_text(&r.pain),
            ])
            .map_err(csv_err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::invalid("journey map csv", e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::invalid("journey map csv", e.to_string()))
    }
}

/// Prefixes a CSV text cell that a spreadsheet would run as a formula.
fn csv_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn opt_num<T: ToString>(x: Option<T>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_text_cells_that_look_like_formulas_are_defused() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("preparation"), "preparation");
    }
}
