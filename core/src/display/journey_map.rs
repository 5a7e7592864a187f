//! The journey map's display: the journey-map picture and the per-stage table.

use super::{days, number, share, thousands, view, words, words_or_none, Cell, Table, Text};
use crate::analytics::JourneyMap;

impl JourneyMap {
    /// The journey map as HTML: [`JourneyMap::to_svg`], then one row per stage (journeys
    /// entered, moved on and dropped, conversion and drop rate as percentages, median and
    /// p90 dwell in days, touchpoints per journey, the busiest channel, mean sentiment on
    /// −2…+2, the most often unmet need and the pain-point reasons in words).
    pub fn to_html(&self) -> String {
        let s = &self.statuses;
        let mut caption = format!(
            "{} journeys ({} active, {} completed, {} abandoned, {} on hold), {} touchpoints",
            thousands(self.journeys),
            thousands(s.active),
            thousands(s.completed),
            thousands(s.abandoned),
            thousands(s.on_hold),
            thousands(self.touchpoints),
        );
        if let Some(median) = self.awareness_to_treatment.median_seconds {
            caption.push_str(&format!(
                "; awareness to treatment: median {}",
                days(Some(median))
            ));
        }
        let mut t = Table::new(
            "mj-stages",
            Text::new().words(&caption),
            &[
                "stage",
                "=entered",
                "=moved on",
                "=dropped",
                "=conversion",
                "=drop rate",
                "=median dwell",
                "=p90 dwell",
                "=touchpoints per journey",
                "top channel",
                "=mean sentiment",
                "most unmet need",
                "pain point",
            ],
        );
        for (row, stage) in self.rows().iter().zip(&self.stages) {
            let pain: Vec<String> = stage.pain.iter().map(|p| words(p.as_str())).collect();
            t.row(&[
                Cell::words(&words(row.stage.as_str())),
                Cell::num(row.entered.to_string()),
                Cell::num(row.moved_on.to_string()),
                Cell::num(row.dropped.to_string()),
                Cell::num(share(row.conversion)),
                Cell::num(share(row.drop_rate)),
                Cell::num(days(row.dwell_median_seconds)),
                Cell::num(days(row.dwell_p90_seconds)),
                Cell::num(number(row.touchpoints_per_journey, 1)),
                Cell::words(&words_or_none(row.top_channel.map(|c| c.as_str()))),
                Cell::num(number(row.mean_sentiment, 2)),
                Cell::words(&words_or_none(row.top_unmet_need.map(|n| n.as_str()))),
                Cell::words(&if pain.is_empty() {
                    "–".to_string()
                } else {
                    pain.join(", ")
                }),
            ]);
        }
        view("mj-journey-map", Some(&self.to_svg()), &[t.finish()])
    }
}
