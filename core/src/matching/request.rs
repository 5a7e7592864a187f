//! What a patient asks for, the criteria and their weights, and the reasons a provider
//! is excluded.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::catalog::{AccreditationBody, Amenity};
use super::mcdm::Normalization;
use super::prior::OutcomePrior;
use crate::money::{Currency, FxTable, Money};
use crate::named::named_enum;
use crate::options::strict_options;

named_enum! {
    /// A soft criterion, in the column order used everywhere (snake_case in JSON).
    pub enum Criterion in "criterion" {
        /// Mid-point of the price range in the request's currency (cost).
        Price => "price",
        /// Success rate × (1 − complication rate), each shrunk toward the procedure's fixed
        /// [`OutcomePrior`] as if `priorCases` more cases had happened at it, then taken at the
        /// pessimistic one-sided 95 % bound of that Beta posterior (z = 1.65): lower for
        /// success, upper for complications. A figure not published counts as zero cases, so
        /// it scores exactly the prior's pessimistic bound (benefit).
        Quality => "quality",
        /// Bayesian average star rating `(Σstars + m·C)/(n + m)` with `m = priorReviews` and
        /// the fixed `C = priorReviewMean`; no reviews (or a mean without a count) give `C`
        /// (benefit).
        Reviews => "reviews",
        /// Strongest accreditation in force on the travel date (benefit).
        Accreditation => "accreditation",
        /// Median wait in days (cost).
        Wait => "wait",
        /// Share of the requested languages spoken; one covered by an interpreter counts half (benefit).
        Language => "language",
        /// Share of wanted amenities offered (benefit).
        Amenities => "amenities",
        /// Travel hours to the city plus the airport transfer at 50 km/h (cost).
        Travel => "travel",
    }
}

impl Criterion {
    /// True when more is better, false for a cost.
    pub fn is_benefit(self) -> bool {
        !matches!(self, Criterion::Price | Criterion::Wait | Criterion::Travel)
    }
}

/// Criterion weights; validated (finite, >= 0, not all zero) and scaled to sum to 1.
///
/// JSON: `{"price": 0.2, "quality": 0.25, …}`; a field left out keeps its default.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default)]
pub struct Weights {
    /// Default 0.20.
    pub price: f64,
    /// Default 0.25: outcomes come first for a careful coordinator.
    pub quality: f64,
    /// Default 0.15.
    pub reviews: f64,
    /// Default 0.15.
    pub accreditation: f64,
    /// Default 0.10.
    pub wait: f64,
    /// Default 0.05 (a shared language is already a hard filter).
    pub language: f64,
    /// Default 0.05 (needs are already a hard filter).
    pub amenities: f64,
    /// Default 0.05.
    pub travel: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            price: 0.20,
            quality: 0.25,
            reviews: 0.15,
            accreditation: 0.15,
            wait: 0.10,
            language: 0.05,
            amenities: 0.05,
            travel: 0.05,
        }
    }
}

impl Weights {
    /// The weights in [`Criterion::ALL`] order.
    pub fn to_array(&self) -> [f64; 8] {
        [
            self.price,
            self.quality,
            self.reviews,
            self.accreditation,
            self.wait,
            self.language,
            self.amenities,
            self.travel,
        ]
    }

    /// Weights from an array in [`Criterion::ALL`] order.
    pub fn from_array(a: [f64; 8]) -> Self {
        let [price, quality, reviews, accreditation, wait, language, amenities, travel] = a;
        Weights {
            price,
            quality,
            reviews,
            accreditation,
            wait,
            language,
            amenities,
            travel,
        }
    }
}

/// A patient's request for matching.
///
/// JSON (only `procedure` and `travelDate` are required):
/// `{"patient": "PT-0042", "procedure": "knee_replacement",
///   "budget": {"amount": "12000.00", "currency": "GBP"}, "travelDate": "2027-02-15",
///   "languages": ["en"], "allowedCountries": [], "excludedCountries": ["GB"],
///   "requiredAccreditations": ["jci", "temos"], "needs": ["wheelchair_access"],
///   "preferences": ["airport_transfer"], "maxWaitDays": 60,
///   "travelHours": {"TR": 4.0, "siam-joint": 15.5}, "weights": {"price": 0.3}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// Pseudonymous patient reference, echoed for the caller's records.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub patient: String,
    /// Procedure code, e.g. `"knee_replacement"`.
    pub procedure: String,
    /// Most the patient will pay for the procedure, in any currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    /// Currency prices are compared in; defaults to the budget's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Day of travel: accreditations must be in force on it.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub travel_date: NaiveDate,
    /// ISO 639-1 languages the patient speaks; a provider must share at least one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// If not empty, only these ISO 3166-1 countries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_countries: Vec<String>,
    /// Countries the patient will not travel to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_countries: Vec<String>,
    /// If not empty, the provider must hold at least one of these, in force on the travel date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_accreditations: Vec<AccreditationBody>,
    /// Accessibility and diet needs: each must be met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Amenity>,
    /// Amenities that are welcome but not required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferences: Vec<Amenity>,
    /// Longest acceptable median wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_wait_days: Option<u32>,
    /// Door-to-city travel hours, keyed by provider id or country code (id wins).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub travel_hours: BTreeMap<String, f64>,
    /// Criterion weights.
    #[serde(default)]
    pub weights: Weights,
}

named_enum! {
    /// The scoring method of [`rank`](super::rank()).
    #[derive(Default)]
    pub enum Method in "method" {
        /// `Σ w_j·n_j`; the contributions add up to the score.
        #[default]
        WeightedSum => "weighted_sum",
        /// Closeness to the ideal point, `D⁻/(D⁻+D⁺)`.
        Topsis => "topsis",
    }
}

/// How [`rank`](super::rank()) scores and what it reports.
///
/// JSON: `{"method": "topsis", "topK": 5, "maxExclusions": 100, "fx": {…FxTable…},
/// "priorReviews": 50, "priorReviewMean": 3, "priorCases": 2,
/// "outcomePriors": {"knee_replacement": {…OutcomePrior…}}, "normalization": "min_max"}`,
/// all optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
pub struct RankOptions {
    /// Weighted sum (default) or TOPSIS.
    pub method: Method,
    /// How many matches to return (default 10); `null` returns every candidate.
    pub top_k: Option<usize>,
    /// Most exclusions to list (by provider id); `null` (default) lists all.
    pub max_exclusions: Option<usize>,
    /// Rates to bring prices and budget to one currency.
    #[cfg_attr(feature = "typescript", tsify(type = "FxTableJson"))]
    pub fx: FxTable,
    /// `m` of the review average: the weight, in reviews, of `priorReviewMean` (default 50).
    pub prior_reviews: f64,
    /// `C` of the review average: the star rating assumed before any review is read,
    /// 1 to 5 (default 3, the middle of the scale). Fixed, never taken from the candidates.
    pub prior_review_mean: f64,
    /// The weight, in cases, of the outcome prior when shrinking success and complication
    /// figures (default 2: with the uniform prior, as if one good and one bad outcome had
    /// been seen — Laplace's rule of succession).
    pub prior_cases: f64,
    /// Per procedure code, the benchmark outcome rates to shrink toward; a procedure not
    /// listed uses [`OutcomePrior::UNIFORM`].
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub outcome_priors: BTreeMap<String, OutcomePrior>,
    /// Normalization of the criteria (default min–max).
    pub normalization: Normalization,
}

impl RankOptions {
    /// The outcome prior applied to `procedure`: its entry in `outcomePriors`, else the
    /// uniform prior.
    pub fn outcome_prior(&self, procedure: &str) -> &OutcomePrior {
        static UNIFORM: OutcomePrior = OutcomePrior::UNIFORM;
        self.outcome_priors.get(procedure).unwrap_or(&UNIFORM)
    }
}

strict_options!(RankOptions);

impl Default for RankOptions {
    fn default() -> Self {
        RankOptions {
            method: Method::WeightedSum,
            top_k: Some(10),
            max_exclusions: None,
            fx: FxTable::default(),
            prior_reviews: 50.0,
            prior_review_mean: 3.0,
            prior_cases: 2.0,
            outcome_priors: BTreeMap::new(),
            normalization: Normalization::MinMax,
        }
    }
}

/// Why a provider was excluded; JSON `{"code": "over_budget", …details}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ExclusionReason {
    /// The provider does not offer the requested procedure.
    #[serde(rename_all = "camelCase")]
    ProcedureNotOffered {
        /// The requested procedure.
        procedure: String,
    },
    /// None of the required accreditations is held.
    #[serde(rename_all = "camelCase")]
    AccreditationMissing {
        /// The accreditations the request accepts.
        required: Vec<AccreditationBody>,
    },
    /// A required accreditation is held but not in force on the travel date.
    #[serde(rename_all = "camelCase")]
    AccreditationExpired {
        /// The lapsed accreditation.
        body: AccreditationBody,
        /// Its last valid day (absent when it starts after the travel date).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        expires: Option<NaiveDate>,
        /// The day it had to be valid on.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        travel_date: NaiveDate,
    },
    /// Staff speak none of the patient's languages.
    #[serde(rename_all = "camelCase")]
    NoSharedLanguage {
        /// The patient's languages.
        requested: Vec<String>,
        /// The provider's languages.
        spoken: Vec<String>,
    },
    /// The lowest price, converted to the request's currency, is above the budget.
    #[serde(rename_all = "camelCase")]
    OverBudget {
        /// The provider's price in the request's currency.
        price: Money,
        /// The patient's budget.
        budget: Money,
    },
    /// The country is not among the allowed ones.
    #[serde(rename_all = "camelCase")]
    CountryNotAllowed {
        /// The provider's country.
        country: String,
    },
    /// The country is excluded by the patient.
    #[serde(rename_all = "camelCase")]
    CountryExcluded {
        /// The provider's country.
        country: String,
    },
    /// The median wait is longer than the patient accepts.
    #[serde(rename_all = "camelCase")]
    WaitTooLong {
        /// The provider's median wait.
        wait_days: u32,
        /// The patient's maximum.
        max_wait_days: u32,
    },
    /// An accessibility or diet need is not catered for.
    #[serde(rename_all = "camelCase")]
    NeedNotMet {
        /// The unmet need.
        need: Amenity,
    },
}

/// Read flat, field by field: serde's derived reader of an internally tagged enum buffers
/// the whole object first and then reads every variant's fields from the buffer, a second
/// reader of each field type in every deserializer (WebAssembly size, README "Size").
/// Accepts what the derived reader accepted: `code` and the variant's fields, names no
/// variant has ignored; a field of another variant must still have its type.
impl<'de> Deserialize<'de> for ExclusionReason {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Code {
            ProcedureNotOffered,
            AccreditationMissing,
            AccreditationExpired,
            NoSharedLanguage,
            OverBudget,
            CountryNotAllowed,
            CountryExcluded,
            WaitTooLong,
            NeedNotMet,
        }
        /// Every variant's fields, each optional until the code says which are needed.
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Fields {
            code: Code,
            procedure: Option<String>,
            required: Option<Vec<AccreditationBody>>,
            body: Option<AccreditationBody>,
            expires: Option<NaiveDate>,
            travel_date: Option<NaiveDate>,
            requested: Option<Vec<String>>,
            spoken: Option<Vec<String>>,
            price: Option<Money>,
            budget: Option<Money>,
            country: Option<String>,
            wait_days: Option<u32>,
            max_wait_days: Option<u32>,
            need: Option<Amenity>,
        }
        fn needed<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(field))
        }
        let f = Fields::deserialize(d)?;
        Ok(match f.code {
            Code::ProcedureNotOffered => ExclusionReason::ProcedureNotOffered {
                procedure: needed(f.procedure, "procedure")?,
            },
            Code::AccreditationMissing => ExclusionReason::AccreditationMissing {
                required: needed(f.required, "required")?,
            },
            Code::AccreditationExpired => ExclusionReason::AccreditationExpired {
                body: needed(f.body, "body")?,
                expires: f.expires,
                travel_date: needed(f.travel_date, "travelDate")?,
            },
            Code::NoSharedLanguage => ExclusionReason::NoSharedLanguage {
                requested: needed(f.requested, "requested")?,
                spoken: needed(f.spoken, "spoken")?,
            },
            Code::OverBudget => ExclusionReason::OverBudget {
                price: needed(f.price, "price")?,
                budget: needed(f.budget, "budget")?,
            },
            Code::CountryNotAllowed => ExclusionReason::CountryNotAllowed {
                country: needed(f.country, "country")?,
            },
            Code::CountryExcluded => ExclusionReason::CountryExcluded {
                country: needed(f.country, "country")?,
            },
            Code::WaitTooLong => ExclusionReason::WaitTooLong {
                wait_days: needed(f.wait_days, "waitDays")?,
                max_wait_days: needed(f.max_wait_days, "maxWaitDays")?,
            },
            Code::NeedNotMet => ExclusionReason::NeedNotMet {
                need: needed(f.need, "need")?,
            },
        })
    }
}

impl ExclusionReason {
    /// A sentence a coordinator can read to the patient, naming the values at fault.
    pub fn message(&self) -> String {
        fn join<T: AsRef<str>>(items: &[T]) -> String {
            items
                .iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", ")
        }
        match self {
            ExclusionReason::ProcedureNotOffered { procedure } => {
                format!("does not offer {procedure}")
            }
            ExclusionReason::AccreditationMissing { required } => {
                let names: Vec<&str> = required.iter().map(|b| b.as_str()).collect();
                format!(
                    "holds none of the required accreditations ({})",
                    join(&names)
                )
            }
            ExclusionReason::AccreditationExpired {
                body,
                expires,
                travel_date,
            } => match expires {
                Some(d) => format!(
                    "{} accreditation expires {d}, before the travel date {travel_date}",
                    body.as_str()
                ),
                None => format!(
                    "{} accreditation is not valid on {travel_date}",
                    body.as_str()
                ),
            },
            ExclusionReason::NoSharedLanguage { requested, spoken } => format!(
                "speaks none of {} (speaks {})",
                join(requested),
                join(spoken)
            ),
            ExclusionReason::OverBudget { price, budget } => {
                format!("price {price} is over the budget {budget}")
            }
            ExclusionReason::CountryNotAllowed { country } => {
                format!("country {country} is not among the allowed countries")
            }
            ExclusionReason::CountryExcluded { country } => {
                format!("country {country} is excluded by the patient")
            }
            ExclusionReason::WaitTooLong {
                wait_days,
                max_wait_days,
            } => format!("waits {wait_days} days, more than the {max_wait_days} allowed"),
            ExclusionReason::NeedNotMet { need } => {
                let name = serde_json::to_value(need)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                format!("does not offer {name}")
            }
        }
    }

    /// The snake_case code of the reason, as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            ExclusionReason::ProcedureNotOffered { .. } => "procedure_not_offered",
            ExclusionReason::AccreditationMissing { .. } => "accreditation_missing",
            ExclusionReason::AccreditationExpired { .. } => "accreditation_expired",
            ExclusionReason::NoSharedLanguage { .. } => "no_shared_language",
            ExclusionReason::OverBudget { .. } => "over_budget",
            ExclusionReason::CountryNotAllowed { .. } => "country_not_allowed",
            ExclusionReason::CountryExcluded { .. } => "country_excluded",
            ExclusionReason::WaitTooLong { .. } => "wait_too_long",
            ExclusionReason::NeedNotMet { .. } => "need_not_met",
        }
    }
}

/// One criterion of a match: raw value, normalized value, weight and contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct CriterionScore {
    /// Which criterion.
    pub criterion: Criterion,
    /// The raw value in the criterion's unit; `null` when the data is missing (no price,
    /// wait or airport distance), and a missing value normalizes to 0, the worst. Quality
    /// and reviews are never `null`: a provider without figures is scored at the prior.
    pub raw: Option<f64>,
    /// The value on [0, 1] after normalization (1 is best).
    pub normalized: f64,
    /// The weight after scaling to sum 1.
    pub weight: f64,
    /// `weight × normalized`; for the weighted sum these add up to the score.
    pub contribution: f64,
    /// Cases or reviews behind the raw value, where it is a rate or an average.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<u64>,
}

/// A provider that passed every filter, with its place and explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    /// The provider's id.
    pub provider_id: String,
    /// The provider's name.
    pub name: String,
    /// The provider's country.
    pub country: String,
    /// The provider's city.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    /// 1 for the best; ordinal (ties are ordered by provider id).
    pub rank: usize,
    /// The score, on [0, 1].
    pub score: f64,
    /// Lowest price in the request's currency (rounded half-even), if priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// Top of the price range in the request's currency, if a range is quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_max: Option<Money>,
    /// One entry per criterion, in [`Criterion::ALL`] order.
    pub criteria: Vec<CriterionScore>,
}

/// A provider that failed at least one hard filter, with every reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Exclusion {
    /// The provider's id.
    pub provider_id: String,
    /// The provider's name.
    pub name: String,
    /// Every filter it fails, in a fixed order.
    pub reasons: Vec<ExclusionReason>,
}

/// The answer of [`rank`](super::rank()).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    /// The requested procedure.
    pub procedure: String,
    /// The scoring method used.
    pub method: Method,
    /// Currency of prices in the matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The weights used, scaled to sum 1.
    pub weights: Weights,
    /// The outcome prior the quality criterion was shrunk toward.
    #[serde(default)]
    pub outcome_prior: OutcomePrior,
    /// How many providers passed the filters.
    pub candidates: usize,
    /// The best `topK` candidates, best first.
    pub matches: Vec<Match>,
    /// How many providers were excluded.
    pub excluded_total: usize,
    /// Excluded providers sorted by id (at most `maxExclusions`).
    pub excluded: Vec<Exclusion>,
}
