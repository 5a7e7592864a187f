//! HL7 FHIR R4 (4.0.1): medjourney's data as `Bundle`s for hospital systems, insurers
//! and patient portals, and a provider catalog read back from one.
//!
//! Exports, each a [`Bundle`] of type `collection` (feature `fhir`, on by default):
//! - [`Journey::to_fhir`](crate::Journey::to_fhir): an `EpisodeOfCare` (status mapped,
//!   one `statusHistory` entry per stage visit, split where the status changed, the stage
//!   in an extension) and one `Communication` per touchpoint, with the `Patient` and the
//!   parties the touchpoints name;
//! - `Itinerary::to_fhir` (with the `itinerary` feature too): an `Appointment` per
//!   appointment, procedure and telehealth item, with `Location`s;
//! - [`Quote::to_fhir`](crate::Quote::to_fhir) and
//!   [`TripEstimate::to_fhir`](crate::TripEstimate::to_fhir): a `Claim` with
//!   `use = predetermination`, one item per line, against a self-pay `Coverage`;
//! - [`Adjudication::to_fhir`](crate::Adjudication::to_fhir): an `ExplanationOfBenefit`
//!   with per-line adjudications; [`InsurancePolicy::to_fhir`](crate::InsurancePolicy::to_fhir):
//!   a `Coverage`;
//! - [`Catalog::to_fhir`](crate::Catalog::to_fhir): per provider an `Organization`, a
//!   `Location`, a `HealthcareService` and a `Practitioner` + `PractitionerRole` per doctor.
//!
//! Import: [`Catalog::from_fhir`](crate::Catalog::from_fhir) reads those resources back;
//! `Catalog::from_fhir(&catalog.to_fhir()?)` equals the catalog.
//!
//! Rules:
//! - Every entry's `fullUrl` is a name-based UUID derived from medjourney ids (see
//!   [`bundle`]), so exports are byte-for-byte reproducible and the same provider or patient
//!   has the same fullUrl in every bundle; every reference points at an entry of the bundle,
//!   except a required one whose target medjourney does not know (an adjudication's
//!   provider, a policy's insurer), which carries FHIR's data-absent-reason `unknown`.
//! - Decimals keep their exact text both ways (`8400.00` stays `8400.00`): money is written
//!   with at least its currency's minor units, through serde_json's raw values (not its
//!   `arbitrary_precision` feature).
//! - What FHIR has no element for travels in medjourney's extensions ([`codes`]); codes
//!   are medjourney's snake_case values in its own code systems, next to an HL7 coding
//!   where one fits (channels, adjudication categories, self-pay).
//! - Nothing reads the clock: `Claim.created` is the quote's `validFrom`, or
//!   [`FhirOptions::created`], else FHIR's data-absent-reason.

pub mod bundle;
mod catalog_export;
mod catalog_import;
mod claim;
pub mod codes;
mod coverage;
pub mod datatypes;
mod entries;
mod eob;
#[cfg(feature = "itinerary")]
mod itinerary;
mod journey;
pub mod resources;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::options::strict_options;

pub use bundle::{Bundle, BundleEntry, EntryIndex};
pub use resources::Resource;

/// What the exports cannot read from their own data: who the patient is and when a
/// Claim or ExplanationOfBenefit was made. `FhirOptions::default()` leaves both to the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
pub struct FhirOptions {
    /// The pseudonymous patient id for the `Patient` entry of a quote, estimate,
    /// adjudication or policy (which name no patient); without it the Patient entry has
    /// no identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patient: Option<String>,
    /// When the Claim or ExplanationOfBenefit was created; without it a quote uses its
    /// `validFrom` and the others carry FHIR's data-absent-reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub created: Option<DateTime<Utc>>,
}

strict_options!(FhirOptions);
