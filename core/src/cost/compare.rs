//! Side-by-side comparison of quotes in one currency, with the findings a coordinator
//! would tell the patient.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Category, Inclusion, Quote};
use crate::error::{Error, Result};
use crate::money::{ConvertOptions, Currency, FxTable, Money, Rate, RoundingMode};
use crate::named::named_enum;
use crate::options::strict_options;

/// How quotes are compared.
///
/// JSON: `{"asOf": "2026-11-22", "includeOptional": false, "convert": {"rounding":
/// "half_even", "now": "…", "maxAgeHours": 72, "stale": "flag"}}`; every field may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
pub struct CompareOptions {
    /// The day validity is judged on; without it no quote is flagged as expired.
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub as_of: Option<NaiveDate>,
    /// Count optional lines in the totals (as if the patient chose them all).
    pub include_optional: bool,
    /// Rounding and rate freshness for the conversions.
    pub convert: ConvertOptions,
}

strict_options!(CompareOptions, nested { "convert": crate::money::ConvertOptions });

named_enum! {
    /// How a quote charges a category.
    pub enum CellStatus in "cell_status" {
        /// Wholly in the package price.
        Included => "included",
        /// Wholly charged on top.
        Extra => "extra",
        /// Partly in the package, partly on top (e.g. two extra hospital nights).
        Mixed => "mixed",
        /// Only offered as an option.
        Optional => "optional",
        /// Not mentioned by the quote.
        Missing => "missing",
    }
}

/// One quote's amount for one category, in the comparison currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonCell {
    /// What the quote charges for the category (its package share plus extras).
    pub amount: Money,
    /// How it is charged.
    pub status: CellStatus,
}

/// One category across all quotes: `cells[i]` belongs to `columns[i]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonRow {
    /// The category.
    pub category: Category,
    /// One cell per quote, in the quotes' order.
    pub cells: Vec<ComparisonCell>,
}

/// One quote's totals in the comparison currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct QuoteColumn {
    /// The quote's id.
    pub quote_id: String,
    /// The quoting provider.
    pub provider_id: String,
    /// The total in the quote's own currency.
    pub original_total: Money,
    /// The total converted: the sum of the column's cells, exactly.
    pub total: Money,
    /// Optional lines not counted in `total`.
    pub optional_total: Money,
    /// `total − cheapest total` (zero for the cheapest).
    pub difference_to_cheapest: Money,
    /// True when the quote has lapsed at `asOf`.
    pub expired: bool,
    /// True when the quote does not hold yet at `asOf`.
    pub not_yet_valid: bool,
    /// True when its package price disagrees with its priced included lines.
    pub package_mismatch: bool,
    /// The exchange rates applied to this quote.
    pub rates_used: Vec<Rate>,
    /// True when a rate was older than allowed and the policy was to flag it.
    pub stale: bool,
}

named_enum! {
    /// What a finding is about.
    pub enum FindingKind in "finding_kind" {
        /// The quote has lapsed.
        Expired => "expired",
        /// The quote does not hold yet.
        NotYetValid => "not_yet_valid",
        /// The package price disagrees with the itemized included lines.
        PackageMismatch => "package_mismatch",
        /// A rate used for the quote is older than allowed.
        StaleRate => "stale_rate",
        /// The quote does not mention a clinical item another quote includes in its package
        /// or charges on top.
        MissingItem => "missing_item",
        /// The quote charges on top for something other quotes include in their package.
        NotInPackage => "not_in_package",
        /// The quote's procedure fee is higher than another valid quote's but its total lower;
        /// the message gives a reason only when one was checked (its package includes items
        /// the other charges on top, or the other charges for items it does not mention).
        HigherFeeCheaperOverall => "higher_fee_cheaper_overall",
    }
}

/// Something a coordinator would point out to the patient about one quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "ComparisonFinding")
)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// The quote it is about.
    pub quote_id: String,
    /// The category concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The quotes it is compared with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_quote_ids: Vec<String>,
    /// One English sentence for the patient.
    pub message: String,
}

/// A side-by-side table of quotes in one currency (rows = categories, columns = quotes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The currency every amount is in.
    pub currency: Currency,
    /// The day validity was judged on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub as_of: Option<NaiveDate>,
    /// One column per quote, in the input order.
    pub columns: Vec<QuoteColumn>,
    /// The categories any quote mentions, in [`Category::ALL`] order.
    pub rows: Vec<ComparisonRow>,
    /// The id of the cheapest quote that is valid at `asOf` (of all quotes when none is).
    pub cheapest: Option<String>,
    /// What to tell the patient.
    pub findings: Vec<Finding>,
}

struct Col {
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
    amounts: Vec<Money>,
    extras: Vec<Money>,
    status: Vec<CellStatus>,
    mentioned: Vec<bool>,
    column: QuoteColumn,
}

fn column(
    q: &Quote,
    fx: &FxTable,
    currency: Currency,
    options: &CompareOptions,
    zero: Money,
) -> Result<Col> {
    let (charged, totals) = q.charged()?;
    let originals: Vec<Money> = charged.iter().map(|c| c.amount).collect();
    let batch = fx.convert_each(&originals, currency, &options.convert)?;
    let n = Category::ALL.len();
    let mut amounts = vec![zero; n];
    let mut extras = vec![zero; n];
    let mut seen = vec![[false; 3]; n];
    let (mut total, mut optional) = (zero, zero);
    for (c, amount) in charged.iter().zip(&batch.amounts) {
        let k = c.category.index();
        if let Some(flag) = seen
            .get_mut(k)
            .and_then(|s| s.get_mut(c.inclusion as usize))
        {
            *flag = true;
        }
        let counts = c.inclusion != Inclusion::Optional || options.include_optional;
        if counts {
            if let Some(a) = amounts.get_mut(k) {
                *a = a.add(amount)?;
            }
            total = total.add(amount)?;
            if c.inclusion != Inclusion::IncludedInPackage {
                if let Some(e) = extras.get_mut(k) {
                    *e = e.add(amount)?;
                }
            }
        } else {
            optional = optional.add(amount)?;
        }
    }
    let status = seen
        .iter()
        .map(|s| match (s[0], s[1], s[2] && options.include_optional) {
            (true, false, false) => CellStatus::Included,
            (true, _, _) => CellStatus::Mixed,
            (false, true, _) => CellStatus::Extra,
            _ if s[2] => CellStatus::Optional,
            _ => CellStatus::Missing,
        })
        .collect();
    let mentioned = seen.iter().map(|s| s.iter().any(|&b| b)).collect();
    let (expired, not_yet_valid) = match options.as_of {
        Some(d) => (q.is_expired(d), q.is_not_yet_valid(d)),
        None => (false, false),
    };
    Ok(Col {
        valid_from: q.valid_from,
        valid_until: q.valid_until,
        amounts,
        extras,
        status,
        mentioned,
        column: QuoteColumn {
            quote_id: q.id.clone(),
            provider_id: q.provider_id.clone(),
            original_total: totals.total,
            total,
            optional_total: optional,
            difference_to_cheapest: zero,
            expired,
            not_yet_valid,
            package_mismatch: totals.package_mismatch,
            rates_used: batch.rates_used,
            stale: batch.stale,
        },
    })
}

/// Compares `quotes` side by side in `currency`.
///
/// Each charged line is converted once (rounded with `options.convert.rounding`), so a
/// column's cells add up to its total exactly. Findings, each worded from what was
/// checked:
/// - expired or not-yet-valid quotes (at `options.asOf`), package prices that disagree
///   with their lines, stale rates;
/// - `missing_item`: a clinical item a quote does not mention while another quote
///   includes it in its package or charges it on top (with the amount);
/// - `not_in_package`: a clinical item a quote charges on top, only in part, or only as
///   an option while another quote includes it in its package;
/// - `higher_fee_cheaper_overall`, one per pair of valid quotes: the higher procedure fee
///   with the lower total. "Its package includes …" is said only of items its package
///   includes and the other quote charges on top; items the other charges on top and it
///   does not mention are named as possibly left out; with neither, no reason is given.
///
/// Any other quote named in a finding's message that has expired (or is not valid yet)
/// at `asOf` is marked so where it is named. Errors: no quotes or a repeated id
/// (`invalid_input`), any invalid quote, a missing rate.
pub fn compare_quotes(
    quotes: &[Quote],
    fx: &FxTable,
    currency: Currency,
    options: &CompareOptions,
) -> Result<Comparison> {
    if quotes.is_empty() {
        return Err(Error::invalid("quotes", "no quotes to compare"));
    }
    for (i, q) in quotes.iter().enumerate() {
        if quotes.iter().take(i).any(|p| p.id == q.id) {
            return Err(Error::invalid(
                "quotes",
                format!("quote id {:?} appears twice", q.id),
            ));
        }
    }
    let zero = Money::zero(currency).round(RoundingMode::HalfEven)?;
    let mut cols = Vec::with_capacity(quotes.len());
    for q in quotes {
        cols.push(column(q, fx, currency, options, zero)?);
    }
    let valid = |c: &Col| !c.column.expired && !c.column.not_yet_valid;
    let pool: Vec<&Col> = if cols.iter().any(valid) {
        cols.iter().filter(|c| valid(c)).collect()
    } else {
        cols.iter().collect()
    };
    let mut cheapest: Option<&Col> = None;
    for c in pool {
        let better = match cheapest {
            None => true,
            Some(b) => c.column.total.compare(&b.column.total)? == Ordering::Less,
        };
        if better {
            cheapest = Some(c);
        }
    }
    let cheapest_total = cheapest.map(|c| c.column.total).unwrap_or(zero);
    let cheapest_id = cheapest.map(|c| c.column.quote_id.clone());
    for c in cols.iter_mut() {
        c.column.difference_to_cheapest = c.column.total.sub(&cheapest_total)?;
    }

    let mut rows = Vec::new();
    for cat in Category::ALL {
        let k = cat.index();
        if !cols.iter().any(|c| c.mentioned.get(k) == Some(&true)) {
            continue;
        }
        let cells = cols
            .iter()
            .map(|c| ComparisonCell {
                amount: c.amounts.get(k).copied().unwrap_or(zero),
                status: c.status.get(k).copied().unwrap_or(CellStatus::Missing),
            })
            .collect();
        rows.push(ComparisonRow {
            category: cat,
            cells,
        });
    }

    let findings = findings(&cols, options)?;
    Ok(Comparison {
        currency,
        as_of: options.as_of,
        columns: cols.into_iter().map(|c| c.column).collect(),
        rows,
        cheapest: cheapest_id,
        findings,
    })
}

fn fee(c: &Col) -> Result<Money> {
    let a = c.amounts.get(Category::Procedure.index());
    let b = c.amounts.get(Category::SurgeonFee.index());
    match (a, b) {
        (Some(a), Some(b)) => a.add(b),
        _ => Err(Error::invalid("category", "procedure row missing")),
    }
}

fn findings(cols: &[Col], options: &CompareOptions) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let as_of = options.as_of.map(|d| d.to_string()).unwrap_or_default();
    for c in cols {
        let q = &c.column;
        let mut add = |kind, message: String| {
            out.push(Finding {
                kind,
                quote_id: q.quote_id.clone(),
                category: None,
                other_quote_ids: vec![],
                message,
            })
        };
        if q.expired {
            add(
                FindingKind::Expired,
                format!(
                    "The quote from {} has expired (as of {as_of}); ask for a new one before deciding.",
                    q.provider_id
                ),
            );
        }
        if q.not_yet_valid {
            add(
                FindingKind::NotYetValid,
                format!(
                    "The quote from {} is not valid yet on {as_of}.",
                    q.provider_id
                ),
            );
        }
        if q.package_mismatch {
            add(
                FindingKind::PackageMismatch,
                format!(
                    "The package price from {} does not match the prices of the items it lists as included; ask the clinic which is right.",
                    q.provider_id
                ),
            );
        }
        if q.stale {
            add(
                FindingKind::StaleRate,
                format!(
                    "An exchange rate used for the quote from {} is older than allowed; the converted total may be off.",
                    q.provider_id
                ),
            );
        }
    }
    for cat in Category::ALL.into_iter().filter(|c| c.is_clinical()) {
        item_findings(cols, cat, &mut out);
    }
    let valid: Vec<&Col> = cols
        .iter()
        .filter(|c| !c.column.expired && !c.column.not_yet_valid)
        .collect();
    for c in &valid {
        let fee_c = fee(c)?;
        for o in &valid {
            let fee_o = fee(o)?;
            if fee_c.compare(&fee_o)? != Ordering::Greater
                || c.column.total.compare(&o.column.total)? != Ordering::Less
            {
                continue;
            }
            out.push(Finding {
                kind: FindingKind::HigherFeeCheaperOverall,
                quote_id: c.column.quote_id.clone(),
                category: Some(Category::Procedure),
                other_quote_ids: vec![o.column.quote_id.clone()],
                message: format!(
                    "{} has the higher procedure fee ({fee_c}) but the lower total ({}) than {} (fee {fee_o}, total {}){}.",
                    c.column.provider_id,
                    c.column.total,
                    o.column.provider_id,
                    o.column.total,
                    cheaper_because(c, o),
                ),
            });
        }
    }
    Ok(out)
}

fn status(c: &Col, k: usize) -> CellStatus {
    c.status.get(k).copied().unwrap_or(CellStatus::Missing)
}

fn charges_on_top(c: &Col, k: usize) -> bool {
    c.extras
        .get(k)
        .is_some_and(|m| !m.is_zero() && !m.is_negative())
}

/// The provider's id, marked when its quote does not hold at `asOf`, so a finding never
/// cites an expired quote as if it were on the table.
fn name(c: &Col) -> String {
    let id = &c.column.provider_id;
    match (c.column.expired, c.column.not_yet_valid) {
        (true, _) => match c.valid_until {
            Some(d) => format!("{id} (its quote expired: valid until {d})"),
            None => format!("{id} (its quote has expired)"),
        },
        (_, true) => match c.valid_from {
            Some(d) => format!("{id} (its quote is not valid until {d})"),
            None => format!("{id} (its quote is not valid yet)"),
        },
        _ => id.clone(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The reason a quote with the higher fee is cheaper overall than `o`, from what the two
/// columns show; empty when nothing was found that explains it.
fn cheaper_because(c: &Col, o: &Col) -> String {
    let mut covered = Vec::new();
    let mut unmentioned = Vec::new();
    for cat in Category::ALL {
        let k = cat.index();
        if !charges_on_top(o, k) {
            continue;
        }
        match status(c, k) {
            CellStatus::Included => covered.push(label(cat).to_string()),
            CellStatus::Missing => unmentioned.push(label(cat).to_string()),
            _ => {}
        }
    }
    let mut why = String::new();
    if !covered.is_empty() {
        why.push_str(&format!(
            ": its package includes {}, which {} charges on top",
            and_list(&covered),
            o.column.provider_id
        ));
    }
    if !unmentioned.is_empty() {
        let it = if unmentioned.len() == 1 { "it" } else { "them" };
        why.push_str(&format!(
            "; {} charges {} on top, which the quote from {} does not mention: its lower total may leave {it} out",
            o.column.provider_id,
            and_list(&unmentioned),
            c.column.provider_id
        ));
    }
    why
}

/// `missing_item` and `not_in_package` findings for one clinical category.
fn item_findings(cols: &[Col], cat: Category, out: &mut Vec<Finding>) {
    let k = cat.index();
    let includers: Vec<&Col> = cols
        .iter()
        .filter(|c| status(c, k) == CellStatus::Included)
        .collect();
    let chargers: Vec<&Col> = cols
        .iter()
        .filter(|c| matches!(status(c, k), CellStatus::Extra | CellStatus::Mixed))
        .collect();
    let verb = |n: usize, one: &str, many: &str| -> String {
        if n == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    let included_by = and_list(&includers.iter().map(|o| name(o)).collect::<Vec<_>>());
    let ids = |group: &[&Col]| -> Vec<String> {
        cols.iter()
            .filter(|c| group.iter().any(|g| std::ptr::eq(*g, *c)))
            .map(|c| c.column.quote_id.clone())
            .collect()
    };
    for c in cols {
        let (kind, others, message) = match status(c, k) {
            CellStatus::Included => continue,
            CellStatus::Missing => {
                if includers.is_empty() && chargers.is_empty() {
                    continue;
                }
                let mut clauses = Vec::new();
                if !includers.is_empty() {
                    clauses.push(format!(
                        "{included_by} {} in the package",
                        verb(includers.len(), "includes", "include")
                    ));
                }
                for o in &chargers {
                    let extra = o.extras.get(k).map(|m| m.to_string()).unwrap_or_default();
                    clauses.push(format!("{} charges {extra} for it on top", name(o)));
                }
                let both: Vec<&Col> = includers.iter().chain(&chargers).copied().collect();
                (
                    FindingKind::MissingItem,
                    ids(&both),
                    format!(
                        "The quote from {} does not mention {}, which {}; ask whether it will be charged.",
                        c.column.provider_id,
                        label(cat),
                        and_list(&clauses),
                    ),
                )
            }
            other => {
                if includers.is_empty() {
                    continue;
                }
                let verb = verb(includers.len(), "includes", "include");
                let extra = c.extras.get(k).map(|m| m.to_string()).unwrap_or_default();
                let message = match other {
                    CellStatus::Optional => format!(
                        "{} offers {} only as an option, while {included_by} {verb} it in the package.",
                        c.column.provider_id,
                        label(cat),
                    ),
                    CellStatus::Mixed => format!(
                        "{} includes only part of {} in its package and charges {extra} more, while {included_by} {verb} them in full.",
                        c.column.provider_id,
                        label(cat),
                    ),
                    _ => format!(
                        "{} charges {extra} for {} on top of its package, while {included_by} {verb} it.",
                        c.column.provider_id,
                        label(cat),
                    ),
                };
                (FindingKind::NotInPackage, ids(&includers), message)
            }
        };
        out.push(Finding {
            kind,
            quote_id: c.column.quote_id.clone(),
            category: Some(cat),
            other_quote_ids: others,
            message,
        });
    }
}

fn label(c: Category) -> &'static str {
    match c {
        Category::Procedure => "the procedure",
        Category::SurgeonFee => "the surgeon's fee",
        Category::Anesthesia => "anaesthesia",
        Category::PreOpTests => "pre-operative tests",
        Category::HospitalStay => "hospital nights",
        Category::Medication => "medication",
        Category::Implant => "the implant",
        Category::FollowUp => "follow-up care",
        Category::Contingency => "complication care",
        Category::Accommodation => "accommodation",
        Category::Flights => "flights",
        Category::GroundTransport => "ground transfers",
        Category::Visa => "the visa",
        Category::Insurance => "insurance",
        Category::FacilitatorFee => "the facilitator's fee",
        Category::Companion => "the companion's costs",
        Category::Other => "other items",
    }
}
