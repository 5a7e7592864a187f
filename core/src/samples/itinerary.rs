//! The sample patient's trip: PT-0042's knee replacement in Istanbul, door to door.

use crate::error::{Error, Result};
use crate::itinerary::{Itinerary, ItineraryRules};

/// The sample itinerary (JSON text).
pub const ITINERARY_JSON: &str = include_str!("itinerary.json");

/// The complete itinerary of PT-0042 (Manchester to Istanbul, knee replacement at
/// bosphorus-ortho on 2027-02-17), with one deliberate problem: the flight home on
/// 2027-02-22 is 5 days after the operation, and fit to fly after a knee replacement needs 10.
pub fn itinerary() -> Result<Itinerary> {
    Itinerary::from_json(ITINERARY_JSON)
        .map_err(|e| Error::invalid("samples::itinerary", e.to_string()))
}

/// The rules the sample is checked with: the shipped defaults and tables.
pub fn itinerary_rules() -> ItineraryRules {
    ItineraryRules::default()
}
