//! The quote-comparison picture: a grid of categories × quotes with each cell's amount
//! and status, the totals, the difference to the cheapest, and the findings marked
//! where they apply.

use super::compare::{CellStatus, Comparison, QuoteColumn};
use super::Category;
use crate::svg::{
    amount, color, legend_entry, Anchor, Attrs, Part, Svg, BODY, MARGIN, SMALL, SUBTITLE, TITLE,
    WIDTH,
};

/// Most quotes drawn; a note counts the rest.
const MAX_QUOTES: usize = 50;
/// Most findings listed; a note counts the rest.
const MAX_FINDINGS: usize = 100;
/// Quotes side by side in one band; more quotes continue in a band below.
const PER_BAND: usize = 5;
/// Where the grid starts (the category labels are left of it).
const GRID_X: f64 = 186.0;
const HEADER_H: f64 = 58.0;
const ROW_H: f64 = 34.0;
const TOTAL_H: f64 = 26.0;

/// The category as the patient reads it (the pictures and the displays share it).
pub(crate) fn category_label(c: Category) -> &'static str {
    match c {
        Category::Procedure => "Procedure",
        Category::SurgeonFee => "Surgeon's fee",
        Category::Anesthesia => "Anaesthesia",
        Category::PreOpTests => "Pre-op tests",
        Category::HospitalStay => "Hospital nights",
        Category::Medication => "Medication",
        Category::Implant => "Implant",
        Category::FollowUp => "Follow-up care",
        Category::Accommodation => "Accommodation",
        Category::Flights => "Flights",
        Category::GroundTransport => "Ground transport",
        Category::Visa => "Visa",
        Category::Insurance => "Insurance",
        Category::FacilitatorFee => "Facilitator fee",
        Category::Companion => "Companion",
        Category::Contingency => "Complication care",
        Category::Other => "Other",
    }
}

/// Tint, word and word colour of a status.
fn status_style(s: CellStatus) -> (&'static str, &'static str, &'static str) {
    match s {
        CellStatus::Included => (color::GREEN_TINT, "included", color::GREEN),
        CellStatus::Extra => (color::AMBER_TINT, "extra", color::AMBER),
        CellStatus::Mixed => (color::AMBER_TINT, "part included", color::AMBER),
        CellStatus::Optional => (color::SLATE_TINT, "optional", color::SLATE),
        CellStatus::Missing => ("#ffffff", "missing", color::FAINT),
    }
}

fn status_code(s: CellStatus) -> &'static str {
    match s {
        CellStatus::Included => "included",
        CellStatus::Extra => "extra",
        CellStatus::Mixed => "mixed",
        CellStatus::Optional => "optional",
        CellStatus::Missing => "missing",
    }
}

/// A numbered finding badge.
fn badge(svg: &mut Svg, x: f64, y: f64, number: usize, fill: &'static str, attrs: Attrs) {
    svg.group(attrs);
    svg.circle(x, y, 8.0, Attrs::new().fill(fill));
    svg.text(
        x,
        y + 3.5,
        SMALL.fill("#ffffff").bold().anchor(Anchor::Middle),
        &number.to_string(),
    );
    svg.end_group();
}

impl Comparison {
    /// The comparison as an SVG picture, 960 units wide, scaling to its container and
    /// growing in height with the quotes and findings.
    ///
    /// Categories run down, quotes across (five side by side; more quotes continue in a
    /// band below, each band repeating the category names). Each cell shows the amount
    /// in the comparison currency and its status in words and colour: included (green),
    /// extra or part included (amber), optional (slate), missing (white, dashed). Under
    /// the cells: each quote's total, the difference to the cheapest valid quote, the
    /// total in the quote's own currency, optional lines left out of the total, and
    /// flags (package price disagreeing with its items, stale rates). The cheapest quote's
    /// header is green; an expired or not-yet-valid quote is framed in red dashes and
    /// labelled. The findings are listed, numbered, under the grid, and each number is
    /// also marked in the cell (or, without a category, the header) it is about. At most
    /// 50 quotes and 100 findings are drawn; a note counts the rest. The same comparison
    /// gives the same bytes.
    pub fn to_svg(&self) -> String {
        let mut svg = Svg::new();
        let title = format!("Quote comparison in {}", self.currency);
        svg.text(MARGIN, 28.0, TITLE, &title);
        let mut sub = match self.columns.len() {
            1 => "1 quote".to_string(),
            n => format!("{n} quotes"),
        };
        if let Some(d) = self.as_of {
            sub.push_str(&format!(" · validity as of {d}"));
        }
        let cheapest = self
            .cheapest
            .as_ref()
            .and_then(|id| self.columns.iter().find(|c| &c.quote_id == id));
        let mut parts = vec![Part::Fixed(&sub)];
        if let Some(c) = cheapest {
            parts.extend([
                Part::Fixed(" · cheapest valid quote: "),
                Part::User(&c.provider_id),
                Part::Fixed(" ("),
                Part::User(&c.quote_id),
                Part::Fixed(")"),
            ]);
        }
        svg.label_with(
            MARGIN,
            48.0,
            SUBTITLE,
            &parts,
            WIDTH - 2.0 * MARGIN,
            Attrs::new(),
        );
        let mut x = MARGIN;
        for s in [
            CellStatus::Included,
            CellStatus::Extra,
            CellStatus::Mixed,
            CellStatus::Optional,
        ] {
            let (tint, word, stroke) = status_style(s);
            x = legend_entry(&mut svg, x, 72.0, tint, Some(stroke), word);
        }
        svg.rect(
            x,
            63.0,
            10.0,
            10.0,
            Attrs::new()
                .fill("#ffffff")
                .stroke(color::SLATE_LIGHT, 1.0)
                .attr("stroke-dasharray", "2,2"),
        );
        svg.text(x + 14.0, 72.0, SMALL, "missing (not mentioned)");

        let shown = self
            .columns
            .get(..self.columns.len().min(MAX_QUOTES))
            .unwrap_or_default();
        let marks = self.finding_marks(shown.len());
        let per = shown.len().clamp(1, PER_BAND);
        let col_w = ((WIDTH - MARGIN - GRID_X) / per as f64).min(190.0);
        let mut y = 88.0;
        for (band, cols) in shown.chunks(PER_BAND).enumerate() {
            y = self.draw_band(&mut svg, band * PER_BAND, cols, col_w, y, &marks) + 18.0;
        }
        if self.columns.len() > shown.len() {
            svg.text(
                MARGIN,
                y,
                SMALL,
                &format!(
                    "… and {} more quotes not drawn",
                    self.columns.len() - shown.len()
                ),
            );
            y += 18.0;
        }
        y = self.draw_findings(&mut svg, y);
        svg.finish(y + 8.0, &title)
    }

    /// For each finding drawn, its number and where it is marked: (column, row or None
    /// for the header).
    fn finding_marks(&self, drawn: usize) -> Vec<(usize, usize, Option<usize>)> {
        let mut marks = Vec::new();
        for (i, f) in self.findings.iter().take(MAX_FINDINGS).enumerate() {
            let Some(col) = self
                .columns
                .iter()
                .take(drawn)
                .position(|c| c.quote_id == f.quote_id)
            else {
                continue;
            };
            let row = f
                .category
                .and_then(|cat| self.rows.iter().position(|r| r.category == cat));
            marks.push((i + 1, col, row));
        }
        marks
    }

    fn draw_band(
        &self,
        svg: &mut Svg,
        first: usize,
        cols: &[QuoteColumn],
        col_w: f64,
        top: f64,
        marks: &[(usize, usize, Option<usize>)],
    ) -> f64 {
        let rows_top = top + HEADER_H;
        let totals_top = rows_top + ROW_H * self.rows.len() as f64;
        let any_optional = cols.iter().any(|c| !c.optional_total.is_zero());
        let any_flag = cols.iter().any(|c| c.package_mismatch || c.stale);
        let mut labels: Vec<(&str, f64)> = vec![
            ("Total", TOTAL_H),
            ("vs cheapest", TOTAL_H),
            ("In its own currency", TOTAL_H),
        ];
        if any_optional {
            labels.push(("Optional, not in total", TOTAL_H));
        }
        if any_flag {
            labels.push(("Check", TOTAL_H));
        }
        let bottom = totals_top + labels.iter().map(|(_, h)| h).sum::<f64>();
        let grid_end = GRID_X + col_w * cols.len() as f64 + 4.0;

        // Category names and row stripes.
        for (r, row) in self.rows.iter().enumerate() {
            let y = rows_top + ROW_H * r as f64;
            if r % 2 == 1 {
                svg.rect(0.0, y, grid_end, ROW_H, Attrs::new().fill(color::ZEBRA));
            }
            svg.text(MARGIN, y + 21.0, BODY, category_label(row.category));
        }
        let mut y = totals_top;
        svg.line(MARGIN, y, grid_end, y, Attrs::new().stroke(color::INK, 1.0));
        for (i, (label, h)) in labels.iter().enumerate() {
            let font = if i == 0 {
                BODY.bold()
            } else {
                SMALL.fill(color::INK)
            };
            let shown = if i == 0 {
                format!("{label} ({})", self.currency)
            } else {
                label.to_string()
            };
            svg.text(MARGIN, y + 17.0, font, &shown);
            y += h;
        }

        for (k, col) in cols.iter().enumerate() {
            let index = first + k;
            let x = GRID_X + col_w * k as f64;
            let is_cheapest = self.cheapest.as_deref() == Some(col.quote_id.as_str());
            let invalid = col.expired || col.not_yet_valid;
            svg.group(
                Attrs::new()
                    .class("quote")
                    .data("quote-id", &col.quote_id)
                    .data("provider-id", &col.provider_id)
                    .data("expired", if col.expired { "true" } else { "false" })
                    .data("cheapest", if is_cheapest { "true" } else { "false" }),
            );
            // Header.
            let head_fill = if is_cheapest {
                color::GREEN_TINT
            } else {
                color::ZEBRA
            };
            svg.rect(
                x + 2.0,
                top,
                col_w - 4.0,
                HEADER_H - 4.0,
                Attrs::new().fill(head_fill).attr("rx", "4"),
            );
            svg.label(
                x + 8.0,
                top + 18.0,
                BODY.bold(),
                &col.provider_id,
                col_w - 16.0,
            );
            svg.label(x + 8.0, top + 33.0, SMALL, &col.quote_id, col_w - 16.0);
            let state = if col.expired {
                Some(("expired", color::RED))
            } else if col.not_yet_valid {
                Some(("not valid yet", color::RED))
            } else if is_cheapest {
                Some(("cheapest", color::GREEN))
            } else {
                None
            };
            if let Some((word, fill)) = state {
                svg.text(x + 8.0, top + 48.0, SMALL.bold().fill(fill), word);
            }
            // Cells.
            for (r, row) in self.rows.iter().enumerate() {
                let Some(cell) = row.cells.get(index) else {
                    continue;
                };
                let y = rows_top + ROW_H * r as f64;
                let (tint, word, word_fill) = status_style(cell.status);
                svg.group(
                    Attrs::new()
                        .class("cell")
                        .data("category", row.category.as_str())
                        .data("status", status_code(cell.status))
                        .data("amount", &cell.amount.amount_string()),
                );
                let mut frame = Attrs::new().fill(tint).attr("rx", "3");
                if cell.status == CellStatus::Missing {
                    frame = frame
                        .stroke(color::SLATE_LIGHT, 1.0)
                        .attr("stroke-dasharray", "2,2");
                }
                svg.rect(
                    x + 3.0,
                    y + 2.0,
                    col_w - 6.0,
                    ROW_H - 4.0,
                    frame.title(&format!(
                        "{}, {}: {} {} ({word})",
                        col.provider_id,
                        category_label(row.category),
                        cell.amount.amount_string(),
                        cell.amount.currency()
                    )),
                );
                let shown = if cell.amount.is_zero()
                    && matches!(cell.status, CellStatus::Missing | CellStatus::Optional)
                {
                    "—".to_string()
                } else {
                    amount(&cell.amount)
                };
                let right = x + col_w - 10.0;
                svg.text(right, y + 15.0, BODY.anchor(Anchor::End), &shown);
                svg.text(
                    right,
                    y + 28.0,
                    SMALL.fill(word_fill).anchor(Anchor::End),
                    word,
                );
                svg.end_group();
            }
            // Totals.
            let right = x + col_w - 10.0;
            let mut ty = totals_top;
            let total_attrs = Attrs::new()
                .class("total")
                .data("amount", &col.total.amount_string());
            let total_font = BODY.bold().anchor(Anchor::End);
            svg.label_with(
                right,
                ty + 17.0,
                total_font,
                &[Part::Fixed(&amount(&col.total))],
                col_w - 16.0,
                total_attrs,
            );
            ty += TOTAL_H;
            let diff = if is_cheapest {
                "cheapest".to_string()
            } else if col.difference_to_cheapest.is_negative() {
                amount(&col.difference_to_cheapest)
            } else {
                format!("+{}", amount(&col.difference_to_cheapest))
            };
            let diff_fill = if is_cheapest {
                color::GREEN
            } else if invalid {
                color::RED
            } else {
                color::INK
            };
            let diff = if invalid {
                format!("{diff} ({})", state.map_or("", |s| s.0))
            } else {
                diff
            };
            svg.label_with(
                right,
                ty + 17.0,
                SMALL.fill(diff_fill).anchor(Anchor::End),
                &[Part::Fixed(&diff)],
                col_w - 16.0,
                Attrs::new()
                    .class("difference")
                    .data("amount", &col.difference_to_cheapest.amount_string()),
            );
            ty += TOTAL_H;
            svg.text(
                right,
                ty + 17.0,
                SMALL.anchor(Anchor::End),
                &format!(
                    "{} {}",
                    amount(&col.original_total),
                    col.original_total.currency()
                ),
            );
            ty += TOTAL_H;
            if any_optional {
                let text = if col.optional_total.is_zero() {
                    "—".to_string()
                } else {
                    amount(&col.optional_total)
                };
                svg.text(right, ty + 17.0, SMALL.anchor(Anchor::End), &text);
                ty += TOTAL_H;
            }
            if any_flag {
                let mut flags = Vec::new();
                if col.package_mismatch {
                    flags.push("package ≠ items");
                }
                if col.stale {
                    flags.push("stale rate");
                }
                svg.label(
                    right,
                    ty + 17.0,
                    SMALL.fill(color::RED).anchor(Anchor::End),
                    &flags.join(", "),
                    col_w - 16.0,
                );
            }
            if invalid {
                svg.rect(
                    x + 1.0,
                    top - 2.0,
                    col_w - 2.0,
                    bottom - top + 4.0,
                    Attrs::new()
                        .class("expired-mark")
                        .fill("none")
                        .stroke(color::RED, 2.0)
                        .attr("stroke-dasharray", "6,4")
                        .attr("rx", "6")
                        .title(if col.expired {
                            "This quote has expired: ask for a new one before deciding."
                        } else {
                            "This quote does not hold yet on the comparison date."
                        }),
                );
            }
            // Finding numbers: in the cell they are about, or in the header.
            let mut in_header = 0usize;
            let mut in_row: Vec<usize> = vec![0; self.rows.len()];
            for &(number, _, row) in marks.iter().filter(|(_, c, _)| *c == index) {
                let (bx, by) = match row {
                    Some(r) => {
                        let slot = in_row.get(r).copied().unwrap_or(0);
                        if let Some(s) = in_row.get_mut(r) {
                            *s += 1;
                        }
                        (
                            x + 14.0 + 18.0 * slot as f64,
                            rows_top + ROW_H * r as f64 + ROW_H / 2.0,
                        )
                    }
                    None => {
                        in_header += 1;
                        (x + col_w - 14.0 - 18.0 * (in_header - 1) as f64, top + 44.0)
                    }
                };
                badge(
                    svg,
                    bx,
                    by,
                    number,
                    color::RED,
                    Attrs::new()
                        .class("finding-mark")
                        .data("finding", &number.to_string()),
                );
            }
            svg.end_group();
        }
        bottom
    }

    fn draw_findings(&self, svg: &mut Svg, top: f64) -> f64 {
        if self.findings.is_empty() {
            svg.text(MARGIN, top + 14.0, SMALL, "Nothing to point out.");
            return top + 20.0;
        }
        svg.text(MARGIN, top + 14.0, BODY.bold(), "What to tell the patient");
        let mut y = top + 24.0;
        for (i, f) in self.findings.iter().take(MAX_FINDINGS).enumerate() {
            svg.group(
                Attrs::new()
                    .class("finding")
                    .data("finding", &(i + 1).to_string())
                    .data("quote-id", &f.quote_id),
            );
            badge(svg, MARGIN + 8.0, y + 10.0, i + 1, color::RED, Attrs::new());
            let lines = svg.paragraph(
                MARGIN + 24.0,
                y + 14.0,
                SMALL.fill(color::INK),
                &f.message,
                WIDTH - 2.0 * MARGIN - 24.0,
                14.0,
                4,
            );
            svg.end_group();
            y += 14.0 * lines.max(1) as f64 + 8.0;
        }
        if self.findings.len() > MAX_FINDINGS {
            svg.text(
                MARGIN,
                y + 14.0,
                SMALL,
                &format!(
                    "… and {} more findings not listed",
                    self.findings.len() - MAX_FINDINGS
                ),
            );
            y += 20.0;
        }
        y
    }
}
