//! Catalogs from JSON: what loads round-trips and ranks (both methods) to a sound
//! ranking whose picture parses.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{rank, samples, Catalog, Method, RankOptions};
use medjourney_fuzz::{ok_or_coded, ranking};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(catalog) = ok_or_coded(Catalog::from_json(text)) else {
        return;
    };
    let back = Catalog::from_json(&catalog.to_json().unwrap()).unwrap();
    assert_eq!(
        back.providers(),
        catalog.providers(),
        "catalog JSON round trip"
    );
    let request = samples::request().unwrap();
    for method in [Method::WeightedSum, Method::Topsis] {
        let options = RankOptions {
            method,
            top_k: None,
            ..samples::rank_options().unwrap()
        };
        if let Some(r) = ok_or_coded(rank(&catalog, &request, &options)) {
            ranking(&r, catalog.len());
        }
    }
});
