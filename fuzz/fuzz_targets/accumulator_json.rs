//! Journey-map accumulators from JSON (what a worker ships to another): merge and finish
//! give a sound map, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{MapAccumulator, MapOptions};
use medjourney_fuzz::{journey_map, ok_or_coded};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(acc) = ok_or_coded(MapAccumulator::from_json(text)) else {
        return;
    };
    assert_eq!(
        MapAccumulator::from_json(&acc.to_json().unwrap()).unwrap(),
        acc
    );
    let mut twice = acc.clone();
    if ok_or_coded(twice.merge(&acc)).is_some() {
        let _ = ok_or_coded(twice.finish(&MapOptions::default()));
    }
    if let Some(m) = ok_or_coded(acc.finish(&MapOptions::default())) {
        journey_map(&m);
    }
});
