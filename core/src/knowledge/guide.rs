//! One procedure guide: what the operation is, in plain words, and how the trip around it
//! runs (days before, nights in hospital, days near the clinic, follow-up after return).
//!
//! Every day count is in calendar days counted from the day of the procedure (day 0), the
//! way the fit-to-fly table counts them: `daysNearClinic.min = 10` means the earliest flight
//! home leaves on day 10.

use serde::{Deserialize, Serialize};

use super::source::{clip, Source};
use crate::error::{Error, Result};
use crate::named::named_enum;

/// Longest span a guide may speak of, in days (ten years): far beyond any follow-up
/// schedule, and small enough that date arithmetic on it never overflows.
pub const MAX_GUIDE_DAYS: u32 = 3650;

/// An inclusive range of days or nights, `min ≤ max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct DayRange {
    /// Fewest.
    pub min: u32,
    /// Most.
    pub max: u32,
}

impl DayRange {
    fn validate(&self, field: &str) -> Result<()> {
        if self.min > self.max {
            return Err(Error::invalid(
                field,
                format!("min {} is above max {}", self.min, self.max),
            ));
        }
        if self.max > MAX_GUIDE_DAYS {
            return Err(Error::invalid(
                field,
                format!("max {} is above {MAX_GUIDE_DAYS} days", self.max),
            ));
        }
        Ok(())
    }
}

named_enum! {
    /// Who sees the patient at a follow-up.
    pub enum FollowUpKind in "follow_up_kind" {
        /// A video or phone call with the treating team abroad.
        Telehealth => "telehealth",
        /// A visit to the treating clinic (a second trip when it falls after the stay).
        InPersonClinic => "in_person_clinic",
        /// A visit to the patient's own doctor, nurse, dentist or physiotherapist at home.
        LocalDoctor => "local_doctor",
    }
}

/// One follow-up appointment after the procedure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    /// Days after the procedure, at least 1.
    pub after_days: u32,
    /// Telehealth, at the clinic, or with a local doctor.
    pub kind: FollowUpKind,
    /// What it is for, in plain words.
    pub purpose: String,
}

/// Whether someone should travel with the patient, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Companion {
    /// True when a companion is advised.
    pub advised: bool,
    /// The reason, in plain words.
    pub why: String,
}

/// A point on the way back to normal life.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    /// Typical days after the procedure (0 is the day itself).
    pub after_days: u32,
    /// What most patients can do by then.
    pub milestone: String,
}

named_enum! {
    /// What a benchmark rate counts.
    pub enum BenchmarkKind in "benchmark_kind" {
        /// Share of patients with a complication of the kind `measure` names (lower is better).
        Complication => "complication",
        /// Share of patients who died within the horizon (lower is better).
        Mortality => "mortality",
        /// Share of patients (or implants) with the good outcome `measure` names (higher is better).
        Success => "success",
    }
}

/// A published outcome rate for the procedure, to compare a provider's figures with.
///
/// Only rates with a source we could read are shipped; guides without one have none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Benchmark {
    /// Complication, mortality or success.
    pub kind: BenchmarkKind,
    /// Exactly what was counted, in plain words.
    pub measure: String,
    /// The share, 0 to 1.
    pub rate: f64,
    /// How many cases the rate is based on, when the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<u64>,
    /// Days after the procedure the rate looks (30 for a 30-day rate), when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_days: Option<u32>,
    /// The study or registry.
    pub source: Source,
}

/// The fit-to-fly rule of a category: the same figures as the itinerary's fit-to-fly table.
///
/// JSON: `{"category": "hip_or_knee_replacement", "minDays": 10, "source": "..."}`; the
/// table's other fields (`procedure`, `note`) are accepted and ignored, so a row of the
/// itinerary table (or of its overrides) reads as one of these.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct FitToFly {
    /// Category key, e.g. `hip_or_knee_replacement`.
    pub category: String,
    /// Fewest calendar days between the procedure and a flight.
    pub min_days: u32,
    /// Days advised when the source gives a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advised_days: Option<u32>,
    /// Where the figure comes from.
    pub source: String,
}

/// Everything a coordinator tells a patient about one procedure, and what a trip planner
/// needs to build the trip around it.
///
/// JSON fields are camelCase (`plainName`, `daysBeforeProcedure`, `hospitalNights`,
/// `fitToFlyCategory`, `fitToFly`, `daysNearClinic`, `followUp`, `warningSigns`, …). When a
/// guide is read, `fitToFly` may be left out: it is filled from the fit-to-fly table for
/// `fitToFlyCategory`, and when given it must equal the table's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct ProcedureGuide {
    /// The procedure code shared with catalogs, requests and quotes, e.g. `knee_replacement`.
    pub code: String,
    /// The name a patient would use.
    pub plain_name: String,
    /// Other names and abbreviations clinics use (`total knee arthroplasty`, `TKR`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What the operation is and why it is done, in plain words.
    pub explanation: String,
    /// The usual anaesthesia, in plain words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub anesthesia: String,
    /// Typical days at the destination before the procedure (consultation, tests).
    pub days_before_procedure: DayRange,
    /// Nights in hospital after the procedure.
    pub hospital_nights: DayRange,
    /// The row of the fit-to-fly table that applies.
    pub fit_to_fly_category: String,
    /// That row's figures (filled from the table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit_to_fly: Option<FitToFly>,
    /// Days after the procedure to stay near the clinic before flying home; `min` is never
    /// below the fit-to-fly minimum and `max` never below its advised days.
    pub days_near_clinic: DayRange,
    /// Follow-up appointments, in order of `afterDays`.
    pub follow_up: Vec<FollowUp>,
    /// Documents to gather before travel.
    pub documents: Vec<String>,
    /// Whether a companion is advised, and why.
    pub companion: Companion,
    /// The usual recovery, in order of `afterDays`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// What to report to a doctor at once after returning home.
    pub warning_signs: Vec<String>,
    /// The public pages this guide is written from.
    pub sources: Vec<Source>,
    /// Published outcome rates, where we could source one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benchmarks: Vec<Benchmark>,
}

impl ProcedureGuide {
    /// Checks the guide on its own and against its fit-to-fly row (`rule`, the row of
    /// `fitToFlyCategory`). `field` names the guide in error messages.
    pub fn validate(&self, rule: &FitToFly, field: &str) -> Result<()> {
        let at = |f: &str| format!("{field}.{f}");
        if !is_code(&self.code) {
            return Err(Error::invalid(
                at("code"),
                format!(
                    "{:?} is not a snake_case code (a-z, 0-9, _; at most 64)",
                    clip(&self.code)
                ),
            ));
        }
        for (name, text) in [
            ("plainName", &self.plain_name),
            ("explanation", &self.explanation),
            ("companion.why", &self.companion.why),
        ] {
            if text.trim().is_empty() {
                return Err(Error::invalid(at(name), "is empty"));
            }
        }
        self.days_before_procedure
            .validate(&at("daysBeforeProcedure"))?;
        self.hospital_nights.validate(&at("hospitalNights"))?;
        self.days_near_clinic.validate(&at("daysNearClinic"))?;
        if rule.category != self.fit_to_fly_category {
            return Err(Error::invalid(
                at("fitToFlyCategory"),
                format!(
                    "{:?} is checked against the row of {:?}",
                    clip(&self.fit_to_fly_category),
                    clip(&rule.category)
                ),
            ));
        }
        if let Some(given) = &self.fit_to_fly {
            if given != rule {
                return Err(Error::invalid(
                    at("fitToFly"),
                    format!(
                        "differs from the fit-to-fly table's row for {:?}; leave it out to take the table's",
                        clip(&rule.category)
                    ),
                ));
            }
        }
        if self.days_near_clinic.min < rule.min_days {
            return Err(Error::invalid(
                at("daysNearClinic.min"),
                format!(
                    "{} is below the {} days the fit-to-fly table requires for {}",
                    self.days_near_clinic.min, rule.min_days, rule.category
                ),
            ));
        }
        let advised = rule.advised_days.unwrap_or(rule.min_days);
        if self.days_near_clinic.max < advised {
            return Err(Error::invalid(
                at("daysNearClinic.max"),
                format!(
                    "{} is below the {advised} days the fit-to-fly table advises for {}",
                    self.days_near_clinic.max, rule.category
                ),
            ));
        }
        if self.days_near_clinic.max < self.hospital_nights.max {
            return Err(Error::invalid(
                at("daysNearClinic.max"),
                format!(
                    "{} is below the {} hospital nights",
                    self.days_near_clinic.max, self.hospital_nights.max
                ),
            ));
        }
        for (i, f) in self.follow_up.iter().enumerate() {
            if f.after_days == 0 || f.after_days > MAX_GUIDE_DAYS {
                return Err(Error::invalid(
                    at(&format!("followUp[{i}].afterDays")),
                    format!(
                        "{} is not between 1 and {MAX_GUIDE_DAYS} days after the procedure",
                        f.after_days
                    ),
                ));
            }
            if f.purpose.trim().is_empty() {
                return Err(Error::invalid(
                    at(&format!("followUp[{i}].purpose")),
                    "is empty",
                ));
            }
        }
        for (i, m) in self.milestones.iter().enumerate() {
            if m.after_days > MAX_GUIDE_DAYS || m.milestone.trim().is_empty() {
                return Err(Error::invalid(
                    at(&format!("milestones[{i}]")),
                    format!("needs a text and afterDays up to {MAX_GUIDE_DAYS}"),
                ));
            }
        }
        for (name, list) in [
            ("followUp", self.follow_up.len()),
            ("documents", self.documents.len()),
            ("warningSigns", self.warning_signs.len()),
            ("sources", self.sources.len()),
        ] {
            if list == 0 {
                return Err(Error::invalid(
                    at(name),
                    "is empty; a guide needs at least one",
                ));
            }
        }
        for (name, list) in [
            ("documents", &self.documents),
            ("warningSigns", &self.warning_signs),
            ("aliases", &self.aliases),
        ] {
            if let Some(i) = list.iter().position(|s| s.trim().is_empty()) {
                return Err(Error::invalid(at(&format!("{name}[{i}]")), "is empty"));
            }
        }
        for (i, s) in self.sources.iter().enumerate() {
            s.validate(&at(&format!("sources[{i}]")))?;
        }
        for (i, b) in self.benchmarks.iter().enumerate() {
            let bf = at(&format!("benchmarks[{i}]"));
            if !(b.rate.is_finite() && (0.0..=1.0).contains(&b.rate)) {
                return Err(Error::invalid(
                    format!("{bf}.rate"),
                    format!("{} is not a share between 0 and 1", b.rate),
                ));
            }
            if b.measure.trim().is_empty() {
                return Err(Error::invalid(format!("{bf}.measure"), "is empty"));
            }
            b.source.validate(&format!("{bf}.source"))?;
        }
        Ok(())
    }

    /// The follow-ups at the clinic that fall after the stay near it: each is a second trip.
    pub fn return_visits(&self) -> Vec<&FollowUp> {
        self.follow_up
            .iter()
            .filter(|f| {
                f.kind == FollowUpKind::InPersonClinic && f.after_days > self.days_near_clinic.max
            })
            .collect()
    }

    /// Puts the follow-ups and milestones in day order (stable, so equal days keep theirs).
    pub(crate) fn sort_schedule(&mut self) {
        crate::order::sort_by_key(&mut self.follow_up, |f| f.after_days);
        crate::order::sort_by_key(&mut self.milestones, |m| m.after_days);
    }
}

/// A snake_case procedure code: `a-z`, `0-9` and `_`, starting with a letter, 1 to 64 long.
pub(crate) fn is_code(code: &str) -> bool {
    (1..=64).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
