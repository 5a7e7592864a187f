//! The journey map's per-stage table as CSV, safe from spreadsheet formula injection.

use super::map::JourneyMap;
use crate::error::Result;
use crate::journey::{Channel, Need};

impl JourneyMap {
    /// The per-stage table as CSV with a snake_case header; text cells are guarded
    /// against spreadsheet formula injection.
    pub fn to_csv(&self) -> Result<String> {
        let mut out = String::new();
        record(
            &mut out,
            &[
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
            ],
        );
        for r in self.rows() {
            record(
                &mut out,
                &[
                    &csv_text(r.stage.as_str()),
                    &r.entered.to_string(),
                    &r.moved_on.to_string(),
                    &r.dropped.to_string(),
                    &r.still_there.to_string(),
                    &r.reentered.to_string(),
                    &opt_num(r.conversion),
                    &opt_num(r.drop_rate),
                    &opt_num(r.dwell_median_seconds),
                    &opt_num(r.dwell_p90_seconds),
                    &r.touchpoints.to_string(),
                    &opt_num(r.touchpoints_per_journey),
                    &csv_text(r.top_channel.map_or("", Channel::as_str)),
                    &opt_num(r.mean_sentiment),
                    &r.sentiment_count.to_string(),
                    &csv_text(r.top_unmet_need.map_or("", Need::as_str)),
                    &csv_text(&r.pain),
                ],
            );
        }
        Ok(out)
    }
}

/// Appends one record as the `csv` crate's default writer writes it: fields joined by
/// commas, a field quoted (its quotes doubled) when it holds a comma, a quote, CR or LF,
/// and the record ended by LF. Written here rather than by `csv::Writer`, whose field
/// writer links a float parser (for a quoting style not used) into the npm module.
fn record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
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
    fn records_are_written_as_the_csv_crate_writes_them() {
        let records: [&[&str]; 4] = [
            &["stage", "pain", "", "x"],
            &["a,b", "say \"hi\"", "two\nlines", "cr\rhere"],
            &["", "", "", ""],
            &["'=1", "tab\there", "semi;colon", "é ünïcode \"q\",\r\n"],
        ];
        let mut ours = String::new();
        let mut theirs = csv::Writer::from_writer(Vec::new());
        for r in records {
            record(&mut ours, r);
            theirs.write_record(r).unwrap();
        }
        let theirs = String::from_utf8(theirs.into_inner().unwrap()).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn csv_text_cells_that_look_like_formulas_are_defused() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("preparation"), "preparation");
    }
}
