//! Itineraries: the trip door to door, the checks that catch what would break it, and
//! exports for the patient (iCalendar and a day-by-day plan).
//!
//! One entry point per capability:
//! - [`Itinerary::from_json`] (or serde) to load a plan, [`Itinerary::validate`] to vet it;
//! - [`check`] (or [`Itinerary::check`]) with [`ItineraryRules`] (`Default` ships the
//!   fit-to-fly and visa tables) returns [`Finding`]s;
//! - [`to_ics`] (or [`Itinerary::to_ics`]) writes RFC 5545 text;
//! - [`day_by_day`] and [`summary_text`] give the patient's plan in local times.
//!
//! Every instant is stored in UTC next to the IANA zone of its place; see [`model`] for the
//! JSON shape.

pub mod checks;
pub mod ics;
pub mod model;
pub mod remedy;
pub mod rules;
pub mod summary;
mod svg;

pub use checks::{check, Finding, FindingCode, Severity};
pub use ics::to_ics;
pub use model::{
    local_instant, AppointmentType, Assistance, Companion, Contact, Details, DocumentKind, Item,
    ItemStatus, ItemType, Itinerary, Person, Traveller,
};
pub use remedy::{Remedy, RemedyAction};
pub use rules::{
    AirportConnection, AirportTransfer, FitToFlyRule, ItineraryRules, RollingLimit, ValidFrom,
    VisaRule,
};
pub use summary::{day_by_day, summary_text, DaySummary, EntryPart, SummaryEntry};

use crate::error::Result;

impl Itinerary {
    /// Runs every logistics check; see [`check`].
    pub fn check(&self, rules: &ItineraryRules) -> Result<Vec<Finding>> {
        check(self, rules)
    }

    /// Writes the iCalendar file; see [`to_ics`].
    pub fn to_ics(&self) -> Result<String> {
        to_ics(self)
    }

    /// The day-by-day plan; see [`day_by_day`].
    pub fn day_by_day(&self) -> Result<Vec<DaySummary>> {
        day_by_day(self)
    }
}
