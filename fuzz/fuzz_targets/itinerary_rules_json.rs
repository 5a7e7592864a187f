//! Itinerary rules from JSON (fit to fly, visas, connections, transfers) applied to the
//! sample itinerary: check, exports and the picture.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{samples, ItineraryRules};
use medjourney_fuzz::{itinerary, ok_or_coded};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(rules) = ok_or_coded(ItineraryRules::from_json(text)) {
        itinerary(&samples::itinerary().unwrap(), &rules);
    }
});
