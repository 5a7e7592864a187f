//! The thresholds and rule tables the itinerary checks apply.
//!
//! The fit-to-fly and visa tables ship as JSON data in the crate (`fit_to_fly.json`,
//! `visa.json`), each row with its source. JSON shape of [`ItineraryRules`] (every
//! field optional; missing fields take the defaults below and the shipped tables):
//!
//! ```json
//! {"minConnectionDomesticMinutes": 60, "minConnectionInternationalMinutes": 90,
//!  "connectionWindowMinutes": 1440, "minLandingToAppointmentMinutes": 180,
//!  "maxPostOpStayDistanceKm": 10.0,
//!  "fitToFly": [...], "visas": [...],
//!  "fitToFlyOverrides": [{"category": "hip_or_knee_replacement", "minDays": 14, "source": "our surgeon"}],
//!  "visaOverrides": [...]}
//! ```
//!
//! Overrides win over the tables, so a caller can change one row without restating the rest.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::named::named_enum;
use crate::options::strict_options;

/// The shipped fit-to-fly table (JSON text).
pub const FIT_TO_FLY_JSON: &str = include_str!("fit_to_fly.json");
/// The shipped illustrative visa table (JSON text).
pub const VISA_JSON: &str = include_str!("visa.json");

/// How long after a category of procedure a patient may fly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct FitToFlyRule {
    /// Category key (snake_case), e.g. `hip_or_knee_replacement`.
    pub category: String,
    /// The procedure as people name it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub procedure: String,
    /// Fewest calendar days between the procedure and a flight (error when fewer).
    pub min_days: u32,
    /// Days advised on top of the minimum (warning when fewer), if the source gives a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advised_days: Option<u32>,
    /// Where the figure comes from.
    pub source: String,
    /// Caveats for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

named_enum! {
    /// From which day a passport's remaining validity is counted.
    #[derive(Default)]
    pub enum ValidFrom in "valid_from" {
        /// The day of arrival in the destination.
        #[default]
        Arrival => "arrival",
        /// The day of departure from the destination.
        Departure => "departure",
    }
}

/// Entry rules for one nationality going to one destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct VisaRule {
    /// ISO alpha-2 nationality of the passport.
    pub nationality: String,
    /// ISO alpha-2 destination country.
    pub destination: String,
    /// Whether a visa must be applied for before travel.
    pub visa_required: bool,
    /// The visa to apply for ("e-Medical visa").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visa_type: Option<String>,
    /// Apply at least this many days before arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_min_days_before: Option<u32>,
    /// Apply at most this many days before arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_max_days_before: Option<u32>,
    /// Longest stay allowed, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stay_days: Option<u32>,
    /// Months the passport must remain valid after `passportValidFrom`.
    #[serde(default)]
    pub passport_valid_months: u32,
    /// Days the passport must remain valid after `passportValidFrom` (added to the months).
    #[serde(default)]
    pub passport_valid_days: u32,
    /// The day validity is counted from.
    #[serde(default)]
    pub passport_valid_from: ValidFrom,
    /// Documents the application needs (the hospital's letter, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// Where the rule comes from.
    pub source: String,
}

/// Thresholds and tables for [`check`](super::check); `Default` ships the standard ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
pub struct ItineraryRules {
    /// Shortest connection between two domestic flights, in minutes.
    pub min_connection_domestic_minutes: i64,
    /// Shortest connection when either flight crosses a border, in minutes.
    pub min_connection_international_minutes: i64,
    /// A flight leaving the airport where the previous one landed within this many minutes
    /// is a connection (and the stop is a transit, not an entry, for visa checks).
    pub connection_window_minutes: i64,
    /// Shortest time between landing and an in-person appointment, in minutes.
    pub min_landing_to_appointment_minutes: i64,
    /// Farthest a post-operative stay may be from the clinic, in kilometres.
    pub max_post_op_stay_distance_km: f64,
    /// The fit-to-fly table.
    pub fit_to_fly: Vec<FitToFlyRule>,
    /// The visa table.
    pub visas: Vec<VisaRule>,
    /// Rows that replace the table's row of the same category.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fit_to_fly_overrides: Vec<FitToFlyRule>,
    /// Rows that replace the table's row for the same nationality and destination.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub visa_overrides: Vec<VisaRule>,
}

strict_options!(ItineraryRules);

impl Default for ItineraryRules {
    fn default() -> Self {
        ItineraryRules {
            min_connection_domestic_minutes: 60,
            min_connection_international_minutes: 90,
            connection_window_minutes: 24 * 60,
            min_landing_to_appointment_minutes: 180,
            max_post_op_stay_distance_km: 10.0,
            // The shipped tables are parsed by a test, so this cannot come out empty in a release.
            fit_to_fly: standard_fit_to_fly().unwrap_or_default(),
            visas: standard_visas().unwrap_or_default(),
            fit_to_fly_overrides: Vec::new(),
            visa_overrides: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct Table<T> {
    rules: Vec<T>,
}

/// The shipped fit-to-fly table.
pub fn standard_fit_to_fly() -> Result<Vec<FitToFlyRule>> {
    fit_to_fly_from_json(FIT_TO_FLY_JSON)
}

/// The shipped illustrative visa table.
pub fn standard_visas() -> Result<Vec<VisaRule>> {
    visas_from_json(VISA_JSON)
}

/// Parses a fit-to-fly table: `{"rules": [FitToFlyRule, ...]}` or a bare array.
pub fn fit_to_fly_from_json(text: &str) -> Result<Vec<FitToFlyRule>> {
    table(text, "fit-to-fly table")
}

/// Parses a visa table: `{"rules": [VisaRule, ...]}` or a bare array.
pub fn visas_from_json(text: &str) -> Result<Vec<VisaRule>> {
    let rules: Vec<VisaRule> = table(text, "visa table")?;
    for r in &rules {
        if let (Some(min), Some(max)) = (r.apply_min_days_before, r.apply_max_days_before) {
            if min > max {
                return Err(Error::invalid(
                    "visa.applyMinDaysBefore",
                    format!(
                        "{min} is above applyMaxDaysBefore {max} for {}->{}",
                        r.nationality, r.destination
                    ),
                ));
            }
        }
    }
    Ok(rules)
}

fn table<T: for<'de> Deserialize<'de>>(text: &str, what: &str) -> Result<Vec<T>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::json(what, &e))?;
    let rows = if value.is_array() {
        serde_json::from_value(value)
    } else {
        serde_json::from_value::<Table<T>>(value).map(|t| t.rules)
    };
    rows.map_err(|e| Error::json(what, &e))
}

impl ItineraryRules {
    /// Parses rules from JSON; missing fields keep the defaults and the shipped tables.
    pub fn from_json(text: &str) -> Result<Self> {
        let rules: ItineraryRules =
            serde_json::from_str(text).map_err(|e| Error::json("itinerary rules", &e))?;
        rules.validate()?;
        Ok(rules)
    }

    /// Rejects thresholds that make no sense (negative minutes, a NaN distance).
    pub fn validate(&self) -> Result<()> {
        for (field, v) in [
            (
                "minConnectionDomesticMinutes",
                self.min_connection_domestic_minutes,
            ),
            (
                "minConnectionInternationalMinutes",
                self.min_connection_international_minutes,
            ),
            ("connectionWindowMinutes", self.connection_window_minutes),
            (
                "minLandingToAppointmentMinutes",
                self.min_landing_to_appointment_minutes,
            ),
        ] {
            // Ten years in minutes: far beyond any real threshold, and safe from overflow.
            if !(0..=5_256_000).contains(&v) {
                return Err(Error::invalid(
                    field,
                    format!("{v} is not between 0 and 5256000 minutes"),
                ));
            }
        }
        let km = self.max_post_op_stay_distance_km;
        if !(km.is_finite() && km >= 0.0) {
            return Err(Error::invalid(
                "maxPostOpStayDistanceKm",
                format!("{km} is not a finite distance >= 0"),
            ));
        }
        Ok(())
    }

    /// Replaces (or adds) the fit-to-fly rule of `rule.category`.
    pub fn override_fit_to_fly(&mut self, rule: FitToFlyRule) {
        self.fit_to_fly_overrides
            .retain(|r| r.category != rule.category);
        self.fit_to_fly_overrides.push(rule);
    }

    /// Replaces (or adds) the visa rule for `rule.nationality` going to `rule.destination`.
    pub fn override_visa(&mut self, rule: VisaRule) {
        self.visa_overrides
            .retain(|r| !(r.nationality == rule.nationality && r.destination == rule.destination));
        self.visa_overrides.push(rule);
    }

    /// The fit-to-fly rule in force for a category (overrides first).
    pub fn fit_to_fly_rule(&self, category: &str) -> Option<&FitToFlyRule> {
        self.fit_to_fly_overrides
            .iter()
            .rev()
            .chain(self.fit_to_fly.iter().rev())
            .find(|r| r.category == category)
    }

    /// The visa rule in force for a nationality and destination (overrides first).
    pub fn visa_rule(&self, nationality: &str, destination: &str) -> Option<&VisaRule> {
        self.visa_overrides
            .iter()
            .rev()
            .chain(self.visas.iter().rev())
            .find(|r| r.nationality == nationality && r.destination == destination)
    }
}
