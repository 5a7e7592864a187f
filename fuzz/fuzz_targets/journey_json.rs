//! Journeys from JSON: what validates round-trips, takes its next moves, and maps (from
//! objects and from columns, the same map).
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::analytics::JourneyTable;
use medjourney::{journey_map, journey_map_columns, Journey, MapOptions};
use medjourney_fuzz::{journey_map as check_map, ok_or_coded};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let journeys = if text.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<Journey>>(text) {
            Ok(js) => js,
            Err(_) => return,
        }
    } else {
        match ok_or_coded(Journey::from_json(text)) {
            Some(j) => vec![j],
            None => return,
        }
    };
    for j in &journeys {
        if j.validate().is_ok() {
            assert_eq!(&Journey::from_json(&j.to_json().unwrap()).unwrap(), j);
            let mut next = j.clone();
            if let Some(at) = next.last_instant() {
                if ok_or_coded(next.advance(at)).is_some() {
                    next.validate().unwrap();
                }
            }
        }
    }
    let options = MapOptions::default();
    let Some(map) = ok_or_coded(journey_map(&journeys, &options)) else {
        return;
    };
    check_map(&map);
    let table = JourneyTable::from_journeys(&journeys).unwrap();
    let from_columns = journey_map_columns(&table.columns(), &options).unwrap();
    assert_eq!(from_columns, map, "objects and columns give one map");
});
