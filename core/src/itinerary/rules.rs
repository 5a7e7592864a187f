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
//!  "fitToFly": [...], "visas": [...], "airportTransfers": [...],
//!  "fitToFlyOverrides": [{"category": "hip_or_knee_replacement", "minDays": 14, "source": "our surgeon"}],
//!  "visaOverrides": [...],
//!  "airportConnections": [{"airport": "IST", "internationalMinutes": 75, "source": "airline MCT"}]}
//! ```
//!
//! Overrides win over the tables, so a caller can change one row without restating the rest.
//! The airport-transfer table (`airport_transfers.json`) lists airports of one city a
//! self-transfer may change between, with the ground time between them; a caller's
//! `airportTransfers` replaces it.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::named::named_enum;
use crate::options::strict_options;

/// The shipped fit-to-fly table (JSON text).
pub const FIT_TO_FLY_JSON: &str = include_str!("fit_to_fly.json");
/// The shipped illustrative visa table (JSON text).
pub const VISA_JSON: &str = include_str!("visa.json");
/// The shipped illustrative table of airports of one city (JSON text).
pub const AIRPORT_TRANSFERS_JSON: &str = include_str!("airport_transfers.json");

/// At most `days` days of presence in any `periodDays` consecutive days ("90 in any 180").
///
/// JSON: `{"days": 90, "periodDays": 180}`. Every calendar day with any part spent in the
/// destination counts, arrival and departure days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct RollingLimit {
    /// Most days allowed in the period.
    pub days: u32,
    /// Length of the sliding period, in days.
    pub period_days: u32,
}

/// Two airports of one city and the ground time between them, in either direction.
///
/// JSON: `{"from": "IST", "to": "SAW", "minutes": 120, "source": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct AirportTransfer {
    /// IATA code of one airport.
    pub from: String,
    /// IATA code of the other airport.
    pub to: String,
    /// Minutes of ground travel between them, on top of the connection minimum.
    pub minutes: i64,
    /// Where the time comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// Minimum connection times at one airport, replacing the global ones there.
///
/// JSON: `{"airport": "IST", "domesticMinutes": 45, "internationalMinutes": 75,
/// "source": "…"}`; a minimum left out keeps the global one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct AirportConnection {
    /// IATA code of the airport the connecting flight leaves from.
    pub airport: String,
    /// Shortest connection between two domestic flights there, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domestic_minutes: Option<i64>,
    /// Shortest connection there when either flight crosses a border, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_minutes: Option<i64>,
    /// Where the times come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

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
    /// Longest single stay allowed, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stay_days: Option<u32>,
    /// At most so many days in any period, counted over every stay on the itinerary in
    /// this destination (or in its `area`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_limit: Option<RollingLimit>,
    /// A group of destinations whose days count together ("schengen"): every destination
    /// whose rule for the same nationality names the same area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
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
    /// Airports of one city a connection may change between, with the ground time.
    pub airport_transfers: Vec<AirportTransfer>,
    /// Per-airport minimum connection times that replace the global ones there (the
    /// last row for an airport wins).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub airport_connections: Vec<AirportConnection>,
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
            airport_transfers: standard_airport_transfers().unwrap_or_default(),
            airport_connections: Vec::new(),
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

/// The shipped illustrative table of airports of one city.
pub fn standard_airport_transfers() -> Result<Vec<AirportTransfer>> {
    table(AIRPORT_TRANSFERS_JSON, "airport-transfer table")
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
    // A bare array or a `{"rules": …}` object, told apart by the first character after
    // JSON's whitespace, so the rows are read straight from the text: going through a
    // `serde_json::Value` gave every rule type a second deserializer (in the npm module).
    let bare = text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('[');
    let rows = if bare {
        crate::json::from_str(text)
    } else {
        crate::json::from_str::<Table<T>>(text).map(|t| t.rules)
    };
    rows.map_err(|e| Error::json(what, &e))
}

impl ItineraryRules {
    /// Parses rules from JSON; missing fields keep the defaults and the shipped tables.
    pub fn from_json(text: &str) -> Result<Self> {
        let rules: ItineraryRules =
            crate::json::from_str(text).map_err(|e| Error::json("itinerary rules", &e))?;
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
            minutes(field, v)?;
        }
        for (i, t) in self.airport_transfers.iter().enumerate() {
            let field = |f: &str| format!("airportTransfers[{i}].{f}");
            airport(&field("from"), &t.from)?;
            airport(&field("to"), &t.to)?;
            if t.from == t.to {
                return Err(Error::invalid(field("to"), "is the same airport as from"));
            }
            minutes(&field("minutes"), t.minutes)?;
        }
        for (i, c) in self.airport_connections.iter().enumerate() {
            let field = |f: &str| format!("airportConnections[{i}].{f}");
            airport(&field("airport"), &c.airport)?;
            for (f, v) in [
                ("domesticMinutes", c.domestic_minutes),
                ("internationalMinutes", c.international_minutes),
            ] {
                if let Some(v) = v {
                    minutes(&field(f), v)?;
                }
            }
        }
        for (table, rows) in [
            ("visas", &self.visas),
            ("visaOverrides", &self.visa_overrides),
        ] {
            for (i, r) in rows.iter().enumerate() {
                if let Some(l) = r.rolling_limit {
                    if l.days == 0 || l.period_days < l.days || l.period_days > 3660 {
                        return Err(Error::invalid(
                            format!("{table}[{i}].rollingLimit"),
                            format!(
                                "{} days in {} is not at least 1 day in a period of at most 3660 days",
                                l.days, l.period_days
                            ),
                        ));
                    }
                }
                if r.area.as_deref().is_some_and(|a| a.trim().is_empty()) {
                    return Err(Error::invalid(format!("{table}[{i}].area"), "is empty"));
                }
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

/// A threshold in minutes: ten years at most, far beyond any real one and safe from overflow.
fn minutes(field: &str, v: i64) -> Result<()> {
    if (0..=5_256_000).contains(&v) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("{v} is not between 0 and 5256000 minutes"),
        ))
    }
}

/// An airport code: 3 or 4 uppercase letters or digits (IATA, or ICAO for fields without one).
fn airport(field: &str, code: &str) -> Result<()> {
    let ok = (3..=4).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!(
                "{:?} is not an airport code",
                code.chars().take(40).collect::<String>()
            ),
        ))
    }
}
