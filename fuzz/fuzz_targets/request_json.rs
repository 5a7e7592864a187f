//! Ranking requests from JSON against the sample catalog (both methods).
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{rank, samples, Error, Method, RankOptions, Request};
use medjourney_fuzz::{coded, ok_or_coded, ranking};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let request: Request = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => return coded(&Error::json("request", &e)),
    };
    let back: Request = serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
    assert_eq!(back, request, "request JSON round trip");
    let catalog = samples::catalog().unwrap();
    for method in [Method::WeightedSum, Method::Topsis] {
        let options = RankOptions {
            method,
            ..samples::rank_options().unwrap()
        };
        if let Some(r) = ok_or_coded(rank(&catalog, &request, &options)) {
            ranking(&r, catalog.len());
        }
    }
});
