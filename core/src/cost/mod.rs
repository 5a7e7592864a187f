//! Cost breakdowns: itemized quotes, their side-by-side comparison, the whole trip's
//! estimate in the patient's currency, insurance adjudication, payment plans and the
//! budget check.
//!
//! Every amount is exact [`Money`]; rounding happens at named points only: a line's
//! `quantity × unitPrice` is rounded half-even to its currency's minor units, and each
//! conversion rounds once, with the caller's [`crate::RoundingMode`], in the target currency
//! (the line times the exact rate of its path, see [`crate::money`]; comparison, trip
//! estimate and budget fit all convert through [`crate::FxTable`]);
//! an adjudication rounds coinsurance half-even per line (copays and the excess are whole
//! policy amounts); a refund rounds `paid × percent` half-even once ([`refund_due`]).
//! Totals are sums of rounded lines, so a table's lines always add up to its total.
//!
//! JSON shape of a quote (money as `{"amount": "…", "currency": "…"}`, dates `YYYY-MM-DD`):
//!
//! ```json
//! {"id": "q1", "providerId": "bosphorus-ortho", "procedure": "knee_replacement",
//!  "currency": "EUR", "packagePrice": {"amount": "8400.00", "currency": "EUR"},
//!  "validFrom": "2026-11-01", "validUntil": "2027-01-31",
//!  "deposit": {"deposit": {"percent": "20"}, "refundable": true},
//!  "items": [{"category": "implant", "description": "Total knee implant",
//!             "quantity": "1", "unitPrice": {"amount": "1900.00", "currency": "EUR"},
//!             "inclusion": "included_in_package", "brand": "Zimmer Biomet", "model": "Persona"}]}
//! ```

mod compare;
mod compare_svg;
mod estimate;
mod insurance;
mod plan;
mod refund;

pub(crate) use compare_svg::category_label;

pub use compare::{
    compare_quotes, CellStatus, CompareOptions, Comparison, ComparisonCell, ComparisonRow, Finding,
    FindingKind, QuoteColumn,
};
#[cfg(feature = "knowledge")]
pub use estimate::estimate_trip_with_guides;
pub use estimate::{
    budget_fit, estimate_trip, BudgetFit, EstimateLine, HospitalNights, LineSource, NightsSource,
    TripEstimate,
};
pub use insurance::{
    adjudicate, AdjudicatedLine, Adjudication, CategoryAmount, CoverageStatus, InsurancePolicy,
    YearToDate,
};
pub use plan::{Deposit, Interval, Payment, PaymentKind, PaymentPlan, Schedule};
pub use refund::{
    refund_due, refund_steps, Refund, RefundStep, RefundWindow, MAX_REFUND_DAYS, MAX_REFUND_WINDOWS,
};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{decimal_text, Currency, Money, RoundingMode};
use crate::named::named_enum;

named_enum! {
    /// What a line item pays for; the rows of a comparison, in this order.
    pub enum Category in "category" {
        /// The operation itself (theatre, surgical team when not billed apart).
        Procedure => "procedure",
        /// The surgeon's own fee when billed apart.
        SurgeonFee => "surgeon_fee",
        /// Anaesthesia and the anaesthetist.
        Anesthesia => "anesthesia",
        /// Tests before surgery (bloods, ECG, imaging).
        PreOpTests => "pre_op_tests",
        /// Hospital nights.
        HospitalStay => "hospital_stay",
        /// Medicines during the stay and to take home.
        Medication => "medication",
        /// Implants and prostheses (with brand and model).
        Implant => "implant",
        /// Follow-up consultations, physiotherapy, remote check-ups.
        FollowUp => "follow_up",
        /// Hotel or apartment nights outside hospital.
        Accommodation => "accommodation",
        /// Air fares.
        Flights => "flights",
        /// Airport and local transfers.
        GroundTransport => "ground_transport",
        /// Visa and entry fees.
        Visa => "visa",
        /// Travel or complication insurance premiums.
        Insurance => "insurance",
        /// The facilitator's own fee.
        FacilitatorFee => "facilitator_fee",
        /// A companion's costs (meals, own fares when not listed apart).
        Companion => "companion",
        /// Complication care and reserves for the unexpected.
        Contingency => "contingency",
        /// Anything else.
        Other => "other",
    }
}

impl Category {
    /// True for categories a patient would miss if a quote left them out: comparison
    /// findings are raised for these only.
    pub fn is_clinical(self) -> bool {
        matches!(
            self,
            Category::Procedure
                | Category::SurgeonFee
                | Category::Anesthesia
                | Category::PreOpTests
                | Category::HospitalStay
                | Category::Medication
                | Category::Implant
                | Category::FollowUp
                | Category::Contingency
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

named_enum! {
    /// Whether a line is paid through the package price, charged on top, or only offered.
    #[derive(Default)]
    pub enum Inclusion in "inclusion" {
        /// Covered by the quote's package price.
        IncludedInPackage => "included_in_package",
        /// Charged on top of the package (the default: nothing is free unless it says so).
        #[default]
        Extra => "extra",
        /// Offered, not charged unless chosen; listed apart from the total.
        Optional => "optional",
    }
}

fn one() -> Decimal {
    Decimal::ONE
}

fn is_one(d: &Decimal) -> bool {
    *d == Decimal::ONE
}

/// One priced line of a quote or a trip: `quantity × unitPrice`.
///
/// JSON: `{"category": "hospital_stay", "description": "Ward nights", "quantity": "5",
/// "unitPrice": {"amount": "220.00", "currency": "EUR"}, "inclusion": "extra"}`;
/// `quantity` defaults to 1, `inclusion` to `extra`; `brand`, `model`, `notes` are optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct LineItem {
    /// What the line pays for.
    pub category: Category,
    /// The provider's words for the line.
    #[serde(default)]
    pub description: String,
    /// Nights, sessions, people…: a non-negative decimal.
    #[serde(with = "decimal_text", default = "one", skip_serializing_if = "is_one")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub quantity: Decimal,
    /// The price of one unit, non-negative.
    pub unit_price: Money,
    /// Package, extra or optional.
    #[serde(default)]
    pub inclusion: Inclusion,
    /// Implant brand (e.g. "Zimmer Biomet").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Implant model (e.g. "Persona").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Free-text remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl LineItem {
    /// A line of `quantity × unit_price` charged as `inclusion`.
    pub fn new(
        category: Category,
        description: impl Into<String>,
        quantity: Decimal,
        unit_price: Money,
        inclusion: Inclusion,
    ) -> Self {
        LineItem {
            category,
            description: description.into(),
            quantity,
            unit_price,
            inclusion,
            brand: None,
            model: None,
            notes: None,
        }
    }

    /// `quantity × unitPrice`, rounded half-even to the currency's minor units.
    pub fn total(&self) -> Result<Money> {
        self.unit_price
            .mul(self.quantity)?
            .round(RoundingMode::HalfEven)
    }

    fn validate(&self, owner: &str, index: usize) -> Result<()> {
        let bad = |field: &str, reason: String| Error::InvalidQuote {
            quote: owner.into(),
            field: format!("items[{index}].{field}"),
            reason,
        };
        if self.quantity.is_sign_negative() && !self.quantity.is_zero() {
            return Err(bad("quantity", format!("{} is negative", self.quantity)));
        }
        if self.unit_price.is_negative() {
            return Err(bad(
                "unitPrice",
                format!(
                    "{} is negative; give discounts as a lower price",
                    self.unit_price
                ),
            ));
        }
        if self.unit_price.currency().minor_units().is_none() {
            return Err(Error::NoMinorUnits {
                code: self.unit_price.currency().code().into(),
                operation: format!("{owner} items[{index}]"),
            });
        }
        Ok(())
    }
}

/// How much to pay up front to book, and on what terms.
///
/// JSON: `{"deposit": {"percent": "20"}, "refundable": true, "dueDaysAfterBooking": 7,
/// "refundWindows": [{"daysBefore": 30, "percent": "100"}, {"daysBefore": 14, "percent": "50"}]}`;
/// see [`refund_due`] for how the windows read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct DepositTerms {
    /// A percent of the total or a fixed amount.
    pub deposit: Deposit,
    /// Whether the deposit is returned if the patient cancels.
    #[serde(default)]
    pub refundable: bool,
    /// Days after booking by which the deposit is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_days_after_booking: Option<u32>,
    /// How much of the deposit comes back on a cancellation, by days before the procedure
    /// (any order); empty means all of it until the day before when `refundable`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refund_windows: Vec<RefundWindow>,
}

/// A provider's itemized price offer for one procedure.
///
/// The total is the package price (or, without one, the sum of the lines marked
/// `included_in_package`) plus the `extra` lines; `optional` lines are listed apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The quote's own id.
    pub id: String,
    /// The provider's kebab-case id in the catalog.
    pub provider_id: String,
    /// The procedure code quoted (e.g. "knee_replacement").
    pub procedure: String,
    /// The currency every price of the quote is in.
    pub currency: Currency,
    /// The lines.
    #[serde(default)]
    pub items: Vec<LineItem>,
    /// What the clinic charges for everything marked included, when it names one price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_price: Option<Money>,
    /// First day the offer holds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::option_date"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub valid_from: Option<NaiveDate>,
    /// Last day the offer holds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::option_date"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub valid_until: Option<NaiveDate>,
    /// What must be paid up front.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposit: Option<DepositTerms>,
}

/// One category's amounts within a quote, in the quote's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct CategoryTotal {
    /// The category.
    pub category: Category,
    /// Its share of the package price.
    pub included: Money,
    /// Its extra lines.
    pub extra: Money,
    /// Its optional lines (not in the total).
    pub optional: Money,
}

/// A quote's totals in its own currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct QuoteTotals {
    /// The package price charged (stated, or the sum of the included lines).
    pub package: Money,
    /// The sum of the included lines' own prices.
    pub included_items: Money,
    /// The sum of the extra lines.
    pub extras: Money,
    /// `package + extras`: what the patient pays the provider.
    pub total: Money,
    /// The sum of the optional lines, not in `total`.
    pub optional: Money,
    /// True when a stated package price differs from its priced included lines.
    pub package_mismatch: bool,
    /// Per category, in [`Category::ALL`] order; categories without lines are left out.
    pub by_category: Vec<CategoryTotal>,
}

/// One charged (or optional) line after the package price is spread over its lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Charged {
    pub item: usize,
    pub category: Category,
    pub inclusion: Inclusion,
    pub amount: Money,
}

impl Quote {
    /// Reads one quote from JSON and validates it.
    pub fn from_json(text: &str) -> Result<Quote> {
        let q: Quote = crate::json::from_str(text).map_err(|e| Error::json("quote", &e))?;
        q.validate()?;
        Ok(q)
    }

    /// Reads a JSON array of quotes and validates each.
    pub fn list_from_json(text: &str) -> Result<Vec<Quote>> {
        let qs: Vec<Quote> = crate::json::from_str(text).map_err(|e| Error::json("quotes", &e))?;
        for q in &qs {
            q.validate()?;
        }
        Ok(qs)
    }

    /// Checks prices, currencies and dates; every computation calls it first.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, reason: String| Error::InvalidQuote {
            quote: self.id.chars().take(60).collect(),
            field: field.into(),
            reason,
        };
        if self.id.trim().is_empty() {
            return Err(bad("id", "is empty".into()));
        }
        if self.currency.minor_units().is_none() {
            return Err(Error::NoMinorUnits {
                code: self.currency.code().into(),
                operation: format!("quote {}", self.id),
            });
        }
        for (i, item) in self.items.iter().enumerate() {
            item.validate(&self.id, i)?;
            if item.unit_price.currency() != self.currency {
                return Err(Error::CurrencyMismatch {
                    operation: format!("quote {} items[{i}].unitPrice", self.id),
                    left: self.currency.code().into(),
                    right: item.unit_price.currency().code().into(),
                });
            }
        }
        if let Some(p) = &self.package_price {
            if p.currency() != self.currency {
                return Err(Error::CurrencyMismatch {
                    operation: format!("quote {} packagePrice", self.id),
                    left: self.currency.code().into(),
                    right: p.currency().code().into(),
                });
            }
            if p.is_negative() {
                return Err(bad("packagePrice", format!("{p} is negative")));
            }
        }
        for (field, date) in [
            ("validFrom", self.valid_from),
            ("validUntil", self.valid_until),
        ] {
            if let Some(d) = date {
                let quote: String = self.id.chars().take(60).collect();
                crate::dates::check_date(&format!("quote {quote}.{field}"), d)?;
            }
        }
        if let (Some(from), Some(until)) = (self.valid_from, self.valid_until) {
            if until < from {
                return Err(bad(
                    "validUntil",
                    format!("{until} is before validFrom {from}"),
                ));
            }
        }
        if let Some(terms) = &self.deposit {
            terms.validate(self.currency)?;
        }
        Ok(())
    }

    /// True when the offer has lapsed at `date` (the day after `validUntil` or later).
    pub fn is_expired(&self, date: NaiveDate) -> bool {
        self.valid_until.is_some_and(|u| u < date)
    }

    /// True when the offer does not hold yet at `date`.
    pub fn is_not_yet_valid(&self, date: NaiveDate) -> bool {
        self.valid_from.is_some_and(|f| date < f)
    }

    /// The lines with the package price spread over the included lines.
    ///
    /// The package is allocated by largest remainder in proportion to the included
    /// lines' own prices, so the included rows add up to the package exactly; when the
    /// included lines carry no prices, the package sits with the procedure line (or the
    /// first included line, or a procedure row of its own when nothing is itemized).
    pub(crate) fn charged(&self) -> Result<(Vec<Charged>, QuoteTotals)> {
        self.validate()?;
        let cur = self.currency;
        let zero = Money::zero(cur).round(RoundingMode::HalfEven)?;
        let mut totals: Vec<Money> = Vec::with_capacity(self.items.len());
        for item in &self.items {
            totals.push(item.total()?);
        }
        let included: Vec<usize> = (0..self.items.len())
            .filter(|&i| {
                self.items
                    .get(i)
                    .is_some_and(|it| it.inclusion == Inclusion::IncludedInPackage)
            })
            .collect();
        let included_sum = Money::sum(included.iter().filter_map(|&i| totals.get(i)), cur)?;
        let package = match &self.package_price {
            Some(p) => p.round(RoundingMode::HalfEven)?,
            None => included_sum,
        };
        let package_mismatch = self.package_price.is_some()
            && !included_sum.is_zero()
            && included_sum.amount() != package.amount();

        let mut lines: Vec<Charged> = Vec::with_capacity(self.items.len() + 1);
        let mut shares: Vec<Option<Money>> = vec![None; self.items.len()];
        if !included.is_empty() {
            let ratios: Vec<Decimal> = included
                .iter()
                .map(|&i| totals.get(i).map(|m| m.amount()).unwrap_or_default())
                .collect();
            let parts = if ratios.iter().all(|r| r.is_zero()) {
                let holder = included
                    .iter()
                    .position(|&i| {
                        self.items
                            .get(i)
                            .is_some_and(|it| it.category == Category::Procedure)
                    })
                    .unwrap_or(0);
                let mut w = vec![Decimal::ZERO; included.len()];
                if let Some(slot) = w.get_mut(holder) {
                    *slot = Decimal::ONE;
                }
                package.allocate(&w)?
            } else {
                package.allocate(&ratios)?
            };
            for (&i, part) in included.iter().zip(parts) {
                if let Some(s) = shares.get_mut(i) {
                    *s = Some(part);
                }
            }
        }
        for (i, item) in self.items.iter().enumerate() {
            let amount = match item.inclusion {
                Inclusion::IncludedInPackage => shares.get(i).copied().flatten().unwrap_or(zero),
                _ => totals.get(i).copied().unwrap_or(zero),
            };
            lines.push(Charged {
                item: i,
                category: item.category,
                inclusion: item.inclusion,
                amount,
            });
        }
        if included.is_empty() && !package.is_zero() {
            // A package price with nothing itemized under it: the procedure itself.
            lines.push(Charged {
                item: usize::MAX,
                category: Category::Procedure,
                inclusion: Inclusion::IncludedInPackage,
                amount: package,
            });
        }

        let mut per_cat: Vec<Option<CategoryTotal>> = vec![None; Category::ALL.len()];
        let mut extras = zero;
        let mut optional = zero;
        for l in &lines {
            let slot = per_cat
                .get_mut(l.category.index())
                .ok_or_else(|| Error::invalid("category", l.category.as_str()))?;
            let ct = slot.get_or_insert(CategoryTotal {
                category: l.category,
                included: zero,
                extra: zero,
                optional: zero,
            });
            match l.inclusion {
                Inclusion::IncludedInPackage => ct.included = ct.included.add(&l.amount)?,
                Inclusion::Extra => {
                    ct.extra = ct.extra.add(&l.amount)?;
                    extras = extras.add(&l.amount)?;
                }
                Inclusion::Optional => {
                    ct.optional = ct.optional.add(&l.amount)?;
                    optional = optional.add(&l.amount)?;
                }
            }
        }
        let totals = QuoteTotals {
            package,
            included_items: included_sum,
            extras,
            total: package.add(&extras)?,
            optional,
            package_mismatch,
            by_category: per_cat.into_iter().flatten().collect(),
        };
        Ok((lines, totals))
    }

    /// Package, extras, optional and per-category subtotals in the quote's currency.
    pub fn totals(&self) -> Result<QuoteTotals> {
        Ok(self.charged()?.1)
    }
}
