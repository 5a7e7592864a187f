//! What the trip planner is asked: the patient, the clinic, the procedure and the dates.
//!
//! JSON shape of a [`PlanRequest`] (camelCase; only `asOf`, `patient`, `catalog`,
//! `providerId`, `procedure` and `earliestDeparture` are required):
//!
//! ```json
//! {"asOf": "2026-11-23",
//!  "patient": {"id": "PT-0042", "homeCity": "Manchester", "homeCountry": "GB",
//!              "timeZone": "Europe/London", "homeAirport": "MAN", "nationality": "GB",
//!              "passportExpires": "2031-06-30", "currency": "GBP",
//!              "needs": ["wheelchair_access"],
//!              "companions": [{"relation": "spouse", "nationality": "GB"}],
//!              "callHours": {"start": "09:00", "end": "18:00"}},
//!  "catalog": {"providers": [...]}, "providerId": "bosphorus-ortho",
//!  "procedure": "knee_replacement",
//!  "earliestDeparture": "2027-02-15", "latestReturn": "2027-03-15",
//!  "preferences": {"leisureDays": 2, "nightlyBudget": {"amount": "95.00", "currency": "GBP"}},
//!  "flightHours": 4.5,
//!  "quote": {...}, "travel": [LineItem, ...], "fx": {...}, "convert": {...},
//!  "clinicHours": {"start": "09:00", "end": "17:00"}, "coordinator": {...},
//!  "rules": {...}, "guides": {...}}
//! ```
//!
//! The catalog travels inside the request so that one value crosses into the planner; the
//! provider is looked up in it by `providerId`. `quote` (the clinic's quote, else the
//! catalog price is used), `travel` (fares and other trip lines the caller knows), `fx`
//! (needed when currencies differ), `rules` and `guides` (the shipped ones when absent)
//! are optional.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::week::{DayOfWeek, WorkingHours};
use crate::cost::{LineItem, Quote};
use crate::error::{Error, Result};
use crate::itinerary::{Companion, Contact, ItineraryRules};
use crate::knowledge::GuideBook;
use crate::matching::catalog::Amenity;
use crate::matching::Catalog;
use crate::money::{ConvertOptions, Currency, FxTable, Money};
use crate::options::strict_options;

/// The most companions a request may list.
pub const MAX_COMPANIONS: usize = 8;
/// The most leisure days a request may ask for.
pub const MAX_LEISURE_DAYS: u32 = 60;
/// The furthest ahead of `asOf` a departure may be asked for, in days (ten years).
pub const MAX_LEAD_DAYS: i64 = 3650;
/// The most follow-ups a procedure guide may list for the planner to schedule.
pub const MAX_FOLLOW_UPS: usize = 100;

/// Everything the planner needs to propose a trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct PlanRequest {
    /// The day the plan is made ("today": the core never reads the clock); records are sent
    /// and the deposit is counted from it.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub as_of: NaiveDate,
    /// Who travels for treatment.
    pub patient: Patient,
    /// The providers to choose from (usually the one the ranking put first).
    #[cfg_attr(feature = "typescript", tsify(type = "{ providers: Provider[] }"))]
    pub catalog: Catalog,
    /// The chosen provider's id in `catalog`.
    pub provider_id: String,
    /// The procedure code (a guide's code or alias), which the provider must offer.
    pub procedure: String,
    /// The first day the patient can leave home (home date).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub earliest_departure: NaiveDate,
    /// The last day the patient must be home by (home date), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub latest_return: Option<NaiveDate>,
    /// Leisure days and the nightly budget.
    #[serde(default)]
    pub preferences: Preferences,
    /// Hours of flying from the home airport to the clinic's airport; 12 when absent (a
    /// long-haul figure, so the plan errs on the safe side: give the real one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flight_hours: Option<f64>,
    /// The clinic's quote; without one the catalog price of the procedure is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
    /// Trip lines the caller knows the price of (fares, insurance, fees), in any currency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub travel: Vec<LineItem>,
    /// Exchange rates for the estimate (empty: every price must be in the patient's currency).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "FxTableJson"))]
    pub fx: FxTable,
    /// Rounding and rate freshness for the estimate.
    #[serde(default)]
    pub convert: ConvertOptions,
    /// The clinic's office hours for calls, on its clock; 09:00–17:00 when absent. Its
    /// days are its country's working week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinic_hours: Option<WorkingHours>,
    /// Who to call about the plan (the facilitator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator: Option<Contact>,
    /// The itinerary rules the plan must pass (the shipped ones when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<ItineraryRules>,
    /// The procedure guides (the shipped ones when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guides: Option<GuideBook>,
}

strict_struct!(PlanRequest);

impl PlanRequest {
    /// Reads a request from its JSON text: a field it does not have (at any level the
    /// planner owns) is `unknown_field`, a malformed shape `parse_error`; the values are
    /// checked by [`crate::plan_trip`].
    pub fn from_json(text: &str) -> Result<PlanRequest> {
        crate::json::from_str(text).map_err(|e| Error::json("plan request", &e))
    }

    /// The request as JSON text (the documented shape).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("plan request", &e))
    }
}

/// The patient's facts the plan depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct Patient {
    /// Pseudonymous patient reference ("PT-0042").
    pub id: String,
    /// Home city, for people reading the plan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub home_city: String,
    /// ISO alpha-2 country of home: where the trip ends.
    pub home_country: String,
    /// IANA zone of home.
    pub time_zone: String,
    /// IATA code of the home airport.
    pub home_airport: String,
    /// ISO alpha-2 nationality of the passport.
    pub nationality: String,
    /// Last day the passport is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub passport_expires: Option<NaiveDate>,
    /// The currency the patient pays in (the estimate's).
    pub currency: Currency,
    /// Accessibility and diet needs: `wheelchair_access` asks for an accessible room and
    /// wheelchair assistance; a diet (`halal_food`, `kosher_food`, `vegetarian_food`) for a
    /// kitchenette; `interpreter` for an interpreter at appointments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Amenity>,
    /// Who travels with the patient (at most 8); the first is the itinerary's companion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companions: Vec<Companion>,
    /// When the patient can take calls, on the home clock (09:00–17:00 by default).
    #[serde(default)]
    pub call_hours: WorkingHours,
    /// The days the patient can take calls; the home country's working week when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_days: Option<Vec<DayOfWeek>>,
}

strict_struct!(Patient);

/// What the patient would like.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
pub struct Preferences {
    /// Days of leisure at the destination, once the patient is fit to fly (0 to 60).
    pub leisure_days: u32,
    /// What one night near the clinic may cost; prices the hotel nights of the estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nightly_budget: Option<Money>,
}

strict_options!(Preferences);
