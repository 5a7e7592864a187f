//! FX tables from CSV: what loads converts like the same table read back from JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::FxTable;
use medjourney_fuzz::{fx_conversions, ok_or_coded};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let base = "EUR".parse().ok();
    let Some(table) = ok_or_coded(FxTable::from_csv(text, base)) else {
        return;
    };
    assert_eq!(
        FxTable::from_json(&table.to_json().unwrap()).unwrap(),
        table
    );
    fx_conversions(&table);
});
