//! The cost results' displays: the quote comparison (picture, grid, findings), a quote's
//! totals, the trip estimate, the insurance adjudication and the payment schedule.

use super::{count, money, note, signed_money, view, words, Cell, Table, Text};
use crate::cost::{
    category_label, Adjudication, CellStatus, Comparison, EstimateLine, QuoteColumn, QuoteTotals,
    Schedule, TripEstimate,
};
use crate::money::Money;

/// Money, or "–" when it is zero (an empty cell reads faster than "0.00 EUR").
fn money_or_none(m: &Money) -> String {
    if m.is_zero() {
        "–".to_string()
    } else {
        money(m)
    }
}

/// The status of a comparison cell in words.
fn status_words(s: CellStatus) -> &'static str {
    match s {
        CellStatus::Included => "included",
        CellStatus::Extra => "extra",
        CellStatus::Mixed => "part included",
        CellStatus::Optional => "optional",
        CellStatus::Missing => "missing",
    }
}

/// A quote's flags in words ("expired · rate older than allowed"), or "–".
fn flags(c: &QuoteColumn) -> String {
    let words: Vec<&str> = [
        (c.expired, "expired"),
        (c.not_yet_valid, "not yet valid"),
        (c.package_mismatch, "package price differs from its items"),
        (c.stale, "rate older than allowed"),
    ]
    .into_iter()
    .filter_map(|(on, w)| on.then_some(w))
    .collect();
    if words.is_empty() {
        "–".to_string()
    } else {
        words.join(" · ")
    }
}

impl Comparison {
    /// The comparison as HTML: [`Comparison::to_svg`], then the grid as a table
    /// (categories down, quotes across, each cell's amount and status in words, then each
    /// quote's total, difference to the cheapest, total in its own currency, optional
    /// extras and flags) and the findings, numbered as in the picture. Text from the
    /// quotes is escaped; at most 200 rows a table, a note counts the rest.
    pub fn to_html(&self) -> String {
        let mut caption = Text::new().words(&format!("Quotes in {}", self.currency));
        if let Some(d) = self.as_of {
            caption = caption.words(&format!(", validity as of {d}"));
        }
        let mut grid = Table::new_rich(
            "mj-grid",
            caption,
            std::iter::once((Text::new().words("category"), false)).chain(
                self.columns
                    .iter()
                    .map(|c| (Text::new().user(&c.quote_id).id(&c.provider_id), true)),
            ),
        );
        for row in &self.rows {
            let mut cells = vec![Cell::words(category_label(row.category))];
            cells.extend(row.cells.iter().map(|cell| {
                let status = status_words(cell.status);
                if cell.status == CellStatus::Missing {
                    Cell::num_text(Text::new().muted(status))
                } else {
                    Cell::num_text(
                        Text::new()
                            .words(&money(&cell.amount))
                            .words(" ")
                            .muted(status),
                    )
                }
            }));
            grid.row(&cells);
        }
        let cheapest = self.cheapest.as_deref();
        type Line = fn(&QuoteColumn, Option<&str>) -> Cell;
        let footer: [(&str, Line); 5] = [
            ("Total", |c, _| Cell::num(money(&c.total))),
            ("Difference to the cheapest", |c, cheapest| {
                if cheapest == Some(c.quote_id.as_str()) {
                    Cell::num("cheapest")
                } else {
                    Cell::num(signed_money(&c.difference_to_cheapest))
                }
            }),
            ("In the quote's currency", |c, _| {
                Cell::num(money(&c.original_total))
            }),
            ("Optional, not in the total", |c, _| {
                Cell::num(money_or_none(&c.optional_total))
            }),
            ("Flags", |c, _| Cell::words(&flags(c))),
        ];
        for (label, line) in footer {
            let mut cells = vec![Cell::words(label)];
            cells.extend(self.columns.iter().map(|c| line(c, cheapest)));
            grid.foot(&cells);
        }
        let mut parts = vec![grid.finish()];
        if !self.findings.is_empty() {
            let mut findings = Table::new(
                "mj-findings",
                Text::new().words("What to tell the patient"),
                &["#", "quote", "about", "finding"],
            );
            for (i, f) in self.findings.iter().enumerate() {
                findings.row(&[
                    Cell::num((i + 1).to_string()),
                    Cell::user(&f.quote_id),
                    Cell::words(&match f.category {
                        Some(c) => category_label(c).to_string(),
                        None => words(f.kind.as_str()),
                    }),
                    Cell::user(&f.message),
                ]);
            }
            parts.push(findings.finish());
        }
        view("mj-comparison", Some(&self.to_svg()), &parts)
    }
}

impl QuoteTotals {
    /// A quote's totals as HTML: what the patient pays (package plus extras) and the
    /// optional items, then the amounts per category split by inclusion.
    pub fn to_html(&self) -> String {
        let mut caption = Text::new().words(&format!(
            "Total to pay {}: package {} + extras {}",
            money(&self.total),
            money(&self.package),
            money(&self.extras)
        ));
        if !self.optional.is_zero() {
            caption = caption.words(&format!("; optional {}", money(&self.optional)));
        }
        if self.package_mismatch {
            caption = caption.words("; the package price differs from its items");
        }
        let mut t = Table::new(
            "mj-totals",
            caption,
            &["category", "=included", "=extra", "=optional"],
        );
        for c in &self.by_category {
            t.row(&[
                Cell::words(category_label(c.category)),
                Cell::num(money_or_none(&c.included)),
                Cell::num(money_or_none(&c.extra)),
                Cell::num(money_or_none(&c.optional)),
            ]);
        }
        view("mj-quote-totals", None, &[t.finish()])
    }
}

fn estimate_row(line: &EstimateLine) -> [Cell; 6] {
    [
        Cell::words(&words(line.source.as_str())),
        Cell::words(category_label(line.category)),
        Cell::user(&line.description),
        Cell::words(&words(line.inclusion.as_str())),
        Cell::num(money(&line.original)),
        Cell::num(money(&line.amount)),
    ]
}

impl TripEstimate {
    /// The trip estimate as HTML: its totals, then every line (quote and travel, then
    /// the optional ones) as quoted and in the patient's currency.
    pub fn to_html(&self) -> String {
        let mut caption = Text::new()
            .words("Trip estimate for quote ")
            .user(&self.quote_id)
            .id(&self.provider_id)
            .words(&format!(
                ": {} (medical {}, travel {})",
                money(&self.total),
                money(&self.medical_total),
                money(&self.travel_total)
            ));
        if !self.optional_total.is_zero() {
            caption = caption.words(&format!(
                "; optional {} not included",
                money(&self.optional_total)
            ));
        }
        if self.package_mismatch {
            caption = caption.words("; the package price differs from its items");
        }
        if self.stale {
            caption = caption.words("; a rate is older than allowed");
        }
        let mut t = Table::new(
            "mj-estimate",
            caption,
            &[
                "part",
                "category",
                "description",
                "inclusion",
                "=as quoted",
                &format!("=in {}", self.currency),
            ],
        );
        for line in self.lines.iter().chain(&self.optional) {
            t.row(&estimate_row(line));
        }
        t.foot(&[
            Cell::words("Total"),
            Cell::empty(),
            Cell::empty(),
            Cell::empty(),
            Cell::empty(),
            Cell::num(money(&self.total)),
        ]);
        view("mj-trip-estimate", None, &[t.finish()])
    }
}

impl Adjudication {
    /// The adjudication as HTML: who pays what in total, then each line split between
    /// insurer and patient with its cover in words, and the notes.
    pub fn to_html(&self) -> String {
        let caption = Text::new()
            .words("Insurance ")
            .user(&self.policy_id)
            .words(&format!(
                ": the insurer pays {}, the patient {} of {}",
                money(&self.insurer_total),
                money(&self.patient_total),
                money(&self.total)
            ));
        let mut t = Table::new(
            "mj-adjudication",
            caption,
            &[
                "category",
                "description",
                "=total",
                "=insurer",
                "=patient",
                "cover",
            ],
        );
        for l in &self.lines {
            t.row(&[
                Cell::words(category_label(l.category)),
                Cell::user(&l.description),
                Cell::num(money(&l.total)),
                Cell::num(money(&l.insurer)),
                Cell::num(money(&l.patient)),
                Cell::words(&words(l.status.as_str())),
            ]);
        }
        t.foot(&[
            Cell::words("Total"),
            Cell::empty(),
            Cell::num(money(&self.total)),
            Cell::num(money(&self.insurer_total)),
            Cell::num(money(&self.patient_total)),
            Cell::empty(),
        ]);
        let mut applied = vec![
            format!("deductible {}", money(&self.deductible_applied)),
            format!("coinsurance {}", money(&self.coinsurance_applied)),
        ];
        for (m, w) in [
            (&self.excess_applied, "excess"),
            (&self.copays_applied, "copays"),
        ] {
            if !m.is_zero() {
                applied.push(format!("{w} {}", money(m)));
            }
        }
        for (on, w) in [
            (
                self.out_of_pocket_max_reached,
                "out-of-pocket maximum reached",
            ),
            (self.annual_limit_reached, "annual limit reached"),
            (
                self.pre_authorization_required,
                "pre-authorization required",
            ),
        ] {
            if on {
                applied.push(w.to_string());
            }
        }
        let mut parts = vec![
            t.finish(),
            note(&Text::new().words(&format!("Applied: {}.", applied.join(" · ")))),
        ];
        parts.extend(self.notes.iter().map(|n| note(&Text::new().user(n))));
        view("mj-adjudication", None, &parts)
    }
}

impl Schedule {
    /// The payment schedule as HTML: the deposit and each installment with its due date;
    /// the amounts add up to the total in the footer.
    pub fn to_html(&self) -> String {
        let caption = Text::new().words(&format!(
            "Payment schedule: {} in {}, deposit {}",
            money(&self.total),
            count(self.payments.len(), "payment"),
            money(&self.deposit)
        ));
        let mut t = Table::new("mj-schedule", caption, &["#", "payment", "due", "=amount"]);
        for p in &self.payments {
            t.row(&[
                Cell::num(p.number.to_string()),
                Cell::words(&words(p.kind.as_str())),
                Cell::words(&p.due.to_string()),
                Cell::num(money(&p.amount)),
            ]);
        }
        t.foot(&[
            Cell::words("Total"),
            Cell::empty(),
            Cell::empty(),
            Cell::num(money(&self.total)),
        ]);
        view("mj-schedule", None, &[t.finish()])
    }
}
