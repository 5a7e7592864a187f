//! FX tables from JSON: what loads round-trips, and converting across any two of its
//! currencies either gives an amount rounded to the target's minor units or a coded error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::FxTable;
use medjourney_fuzz::{fx_conversions, ok_or_coded};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(table) = ok_or_coded(FxTable::from_json(text)) else {
        return;
    };
    assert_eq!(
        FxTable::from_json(&table.to_json().unwrap()).unwrap(),
        table
    );
    fx_conversions(&table);
});
