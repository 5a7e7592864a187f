//! Itineraries from JSON: check, day by day, summary, iCalendar and the picture, with the
//! standard rules.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{Error, Itinerary, ItineraryRules};
use medjourney_fuzz::{coded, itinerary};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Parsed without validation too, so every operation meets the unvalidated shape.
    let it: Itinerary = match serde_json::from_str(text) {
        Ok(it) => it,
        Err(e) => return coded(&Error::json("itinerary", &e)),
    };
    let validated = Itinerary::from_json(text);
    assert_eq!(validated.is_ok(), it.validate().is_ok());
    itinerary(&it, &ItineraryRules::default());
});
