//! Journey-map accumulators in their binary form (what a worker ships to another): any
//! bytes are read or refused with a code, never a panic; what is read writes back to
//! bytes and JSON that read the same, and merges and finishes into a sound map.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{MapAccumulator, MapOptions};
use medjourney_fuzz::{journey_map, ok_or_coded};

fuzz_target!(|data: &[u8]| {
    let Some(acc) = ok_or_coded(MapAccumulator::from_bytes(data)) else {
        return;
    };
    let bytes = acc.to_bytes();
    assert_eq!(MapAccumulator::from_bytes(&bytes).unwrap(), acc);
    assert_eq!(
        MapAccumulator::from_json(&acc.to_json().unwrap()).unwrap(),
        acc
    );
    let mut twice = acc.clone();
    if ok_or_coded(twice.merge(&acc)).is_some() {
        assert_eq!(twice.quantiles(), acc.quantiles());
        let _ = ok_or_coded(twice.finish(&MapOptions::default()));
    }
    if let Some(m) = ok_or_coded(acc.finish(&MapOptions::default())) {
        assert_eq!(m.quantiles, acc.quantiles());
        journey_map(&m);
    }
});
