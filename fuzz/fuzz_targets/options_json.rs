//! Every options object from JSON (rank, compare, convert, journey map), each
//! applied to the sample case: strict fields, coded errors, sound answers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{
    compare_quotes, journey_map, rank, samples, CompareOptions, ConvertOptions, Error, MapOptions,
    RankOptions,
};
use medjourney_fuzz::{coded, journey_map as check_map, ok_or_coded, ranking, svg};

fn read<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Option<T> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            coded(&Error::json(what, &e));
            None
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(o) = read::<RankOptions>(text, "rank options") {
        let catalog = samples::catalog().unwrap();
        if let Some(r) = ok_or_coded(rank(&catalog, &samples::request().unwrap(), &o)) {
            ranking(&r, catalog.len());
        }
    }
    if let Some(o) = read::<CompareOptions>(text, "compare options") {
        let fx = samples::fx().unwrap();
        if let Some(c) = ok_or_coded(compare_quotes(
            &samples::quotes().unwrap(),
            &fx,
            "GBP".parse().unwrap(),
            &o,
        )) {
            svg(&c.to_svg());
        }
    }
    if let Some(o) = read::<ConvertOptions>(text, "convert options") {
        let fx = samples::fx().unwrap();
        let m = medjourney::Money::parse("8400.00 EUR").unwrap();
        if let Some(c) = ok_or_coded(fx.convert_with(&m, "GBP".parse().unwrap(), &o)) {
            assert!(c.money.is_rounded());
        }
    }
    if let Some(o) = read::<MapOptions>(text, "map options") {
        if let Some(m) = ok_or_coded(journey_map(&samples::journeys().unwrap(), &o)) {
            check_map(&m);
        }
    }
});
