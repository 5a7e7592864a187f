//! The whole trip in the patient's currency, and whether it fits their budget.

use serde::{Deserialize, Serialize};

use super::{Category, Inclusion, LineItem, Quote};
use crate::error::{Error, Result};
use crate::money::{decimal_text, ConvertOptions, Currency, FxTable, Money, Rate, RoundingMode};
use crate::named::named_enum;
use crate::Decimal;

named_enum! {
    /// Where an estimate line comes from.
    pub enum LineSource in "line_source" {
        /// The provider's quote.
        Quote => "quote",
        /// The travel and stay around it.
        Travel => "travel",
    }
}

/// One line of a trip estimate, in its own currency and in the patient's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct EstimateLine {
    /// Quote or travel.
    pub source: LineSource,
    /// What it pays for.
    pub category: Category,
    /// The line's description.
    pub description: String,
    /// Package, extra or optional.
    pub inclusion: Inclusion,
    /// The line item's quantity (nights, sessions, visits); 1 for a package price with
    /// nothing itemized under it. Per-visit copays count visits from it.
    #[serde(
        with = "decimal_text",
        default = "super::one",
        skip_serializing_if = "super::is_one"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub quantity: Decimal,
    /// The charged amount in the currency it was priced in (a package line carries its
    /// share of the package price).
    pub original: Money,
    /// The same, converted and rounded to the estimate's currency.
    pub amount: Money,
}

/// A quote plus the trip around it, as one total in the patient's currency.
///
/// `lines` are the charged lines (quote first, then travel) and add up to `total`
/// exactly; `optional` lines are listed apart and not in the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct TripEstimate {
    /// The quote's id.
    pub quote_id: String,
    /// The quoting provider.
    pub provider_id: String,
    /// The patient's currency every `amount` is in.
    pub currency: Currency,
    /// Charged lines.
    pub lines: Vec<EstimateLine>,
    /// Optional lines, not in the total.
    pub optional: Vec<EstimateLine>,
    /// The quote's charged lines.
    pub medical_total: Money,
    /// The travel lines.
    pub travel_total: Money,
    /// `medical_total + travel_total`.
    pub total: Money,
    /// The optional lines.
    pub optional_total: Money,
    /// True when the quote's package price disagrees with its priced included lines.
    pub package_mismatch: bool,
    /// The exchange rates applied, each once.
    pub rates_used: Vec<Rate>,
    /// True when a rate was older than allowed and the policy was to flag it.
    pub stale: bool,
    /// Nights in hospital: what the quote says, or (from [`estimate_trip_with_guides`]) the
    /// procedure guide's range when the quote does not say. Absent when neither says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hospital_nights: Option<HospitalNights>,
}

named_enum! {
    /// Who says how many nights the patient spends in hospital.
    pub enum NightsSource in "nights_source" {
        /// The quote's hospital-stay lines.
        Quote => "quote",
        /// The procedure guide's typical range (the quote did not say).
        Guide => "guide",
    }
}

/// Nights in hospital as a range (`min == max` when a quote states them).
///
/// JSON: `{"min": 3, "max": 5, "source": "guide"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct HospitalNights {
    /// Fewest nights.
    pub min: u32,
    /// Most nights.
    pub max: u32,
    /// Quote or guide.
    pub source: NightsSource,
}

impl Quote {
    /// The hospital nights the quote states: the sum of the quantities of its charged
    /// (included or extra, not optional) `hospital_stay` lines, a fraction rounded up.
    /// `None` when it has no such line (or a total beyond 32 bits, which is no real stay).
    pub fn hospital_nights(&self) -> Option<HospitalNights> {
        let mut total = rust_decimal::Decimal::ZERO;
        let mut any = false;
        for item in &self.items {
            if item.category == Category::HospitalStay && item.inclusion != Inclusion::Optional {
                total = total.checked_add(item.quantity)?;
                any = true;
            }
        }
        let nights = rust_decimal::prelude::ToPrimitive::to_u32(&total.ceil())?;
        any.then_some(HospitalNights {
            min: nights,
            max: nights,
            source: NightsSource::Quote,
        })
    }
}

/// [`estimate_trip`], and when the quote states no hospital nights, the range of the
/// procedure guide for `quote.procedure` in `guides` (`source: "guide"`). Everything else
/// is exactly `estimate_trip`'s; a procedure without a guide leaves the nights unknown.
#[cfg(feature = "knowledge")]
pub fn estimate_trip_with_guides(
    quote: &Quote,
    travel: &[LineItem],
    fx: &FxTable,
    currency: Currency,
    options: &ConvertOptions,
    guides: &crate::knowledge::GuideBook,
) -> Result<TripEstimate> {
    let mut estimate = estimate_trip(quote, travel, fx, currency, options)?;
    if estimate.hospital_nights.is_none() {
        match guides.guide(&quote.procedure) {
            Ok(g) => {
                estimate.hospital_nights = Some(HospitalNights {
                    min: g.hospital_nights.min,
                    max: g.hospital_nights.max,
                    source: NightsSource::Guide,
                });
            }
            Err(Error::UnknownProcedure { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(estimate)
}

/// Estimates a trip: `quote` plus `travel` lines (flights, accommodation nights for the
/// recovery, companion, transfers, visa, insurance…, in any currencies), converted to
/// `currency`.
///
/// Each line is converted and rounded once with `options.rounding` through
/// [`FxTable::convert_each`]; travel lines marked `optional` are listed apart, every other
/// travel line is charged. `hospital_nights` is what the quote states, if anything.
pub fn estimate_trip(
    quote: &Quote,
    travel: &[LineItem],
    fx: &FxTable,
    currency: Currency,
    options: &ConvertOptions,
) -> Result<TripEstimate> {
    let (charged, totals) = quote.charged()?;
    let mut meta: Vec<(LineSource, Category, String, Inclusion, Decimal)> =
        Vec::with_capacity(charged.len() + travel.len());
    let mut originals: Vec<Money> = Vec::with_capacity(charged.len() + travel.len());
    for c in &charged {
        let item = quote.items.get(c.item);
        let description = item
            .map(|it| it.description.clone())
            .unwrap_or_else(|| "Package price".to_string());
        let quantity = item.map_or(Decimal::ONE, |it| it.quantity);
        meta.push((
            LineSource::Quote,
            c.category,
            description,
            c.inclusion,
            quantity,
        ));
        originals.push(c.amount);
    }
    for (i, item) in travel.iter().enumerate() {
        item.validate("travel", i)?;
        meta.push((
            LineSource::Travel,
            item.category,
            item.description.clone(),
            item.inclusion,
            item.quantity,
        ));
        originals.push(item.total()?);
    }
    let batch = fx.convert_each(&originals, currency, options)?;
    let zero = Money::zero(currency).round(RoundingMode::HalfEven)?;
    let (mut medical, mut trip, mut opt) = (zero, zero, zero);
    let mut lines = Vec::new();
    let mut optional = Vec::new();
    for ((source, category, description, inclusion, quantity), (original, amount)) in meta
        .into_iter()
        .zip(originals.into_iter().zip(batch.amounts))
    {
        let line = EstimateLine {
            source,
            category,
            description,
            inclusion,
            quantity,
            original,
            amount,
        };
        if inclusion == Inclusion::Optional {
            opt = opt.add(&amount)?;
            optional.push(line);
        } else {
            match source {
                LineSource::Quote => medical = medical.add(&amount)?,
                LineSource::Travel => trip = trip.add(&amount)?,
            }
            lines.push(line);
        }
    }
    Ok(TripEstimate {
        quote_id: quote.id.clone(),
        provider_id: quote.provider_id.clone(),
        currency,
        lines,
        optional,
        medical_total: medical,
        travel_total: trip,
        total: medical.add(&trip)?,
        optional_total: opt,
        package_mismatch: totals.package_mismatch,
        rates_used: batch.rates_used,
        stale: batch.stale,
        hospital_nights: quote.hospital_nights(),
    })
}

/// Whether a total fits a budget, judged in the budget's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct BudgetFit {
    /// The budget as given.
    pub budget: Money,
    /// The total converted to the budget's currency.
    pub total: Money,
    /// True when `total ≤ budget`.
    pub fits: bool,
    /// `budget − total`: positive is room left, negative is the overrun.
    pub difference: Money,
    /// How much over the budget (zero when it fits).
    pub over_by: Money,
    /// How much under the budget (zero when over).
    pub under_by: Money,
    /// The exchange rates applied.
    pub rates_used: Vec<Rate>,
    /// True when a rate was older than allowed and the policy was to flag it.
    pub stale: bool,
}

/// Does `total` (e.g. [`TripEstimate::total`]) fit `budget`, given in any currency?
/// The total is converted to the budget's currency (rounded with `options.rounding`).
pub fn budget_fit(
    total: &Money,
    budget: &Money,
    fx: &FxTable,
    options: &ConvertOptions,
) -> Result<BudgetFit> {
    if budget.is_negative() {
        return Err(Error::invalid("budget", format!("{budget} is negative")));
    }
    let conv = fx.convert_with(total, budget.currency(), options)?;
    let budget_r = budget.round(RoundingMode::HalfEven)?;
    let difference = budget_r.sub(&conv.money)?;
    let zero = Money::zero(budget.currency()).round(RoundingMode::HalfEven)?;
    let fits = !difference.is_negative();
    Ok(BudgetFit {
        budget: *budget,
        total: conv.money,
        fits,
        difference,
        over_by: if fits { zero } else { difference.neg() },
        under_by: if fits { difference } else { zero },
        rates_used: conv.rates_used,
        stale: conv.stale,
    })
}
