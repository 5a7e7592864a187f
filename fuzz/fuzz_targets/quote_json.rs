//! Quotes from JSON (one, or a list): totals, a trip estimate, insurance, the comparison
//! and its picture.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{adjudicate, compare_quotes, estimate_trip, samples, Quote};
use medjourney_fuzz::{adjudication, estimate, ok_or_coded, quote_totals, svg};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let quotes = if text.trim_start().starts_with('[') {
        ok_or_coded(Quote::list_from_json(text))
    } else {
        ok_or_coded(Quote::from_json(text)).map(|q| vec![q])
    };
    let Some(quotes) = quotes else { return };
    let fx = samples::fx().unwrap();
    let gbp = "GBP".parse().unwrap();
    for q in &quotes {
        let back: Quote = serde_json::from_str(&serde_json::to_string(q).unwrap()).unwrap();
        assert_eq!(&back, q, "quote JSON round trip");
        quote_totals(q);
        let options = samples::convert_options().unwrap();
        if let Some(e) = ok_or_coded(estimate_trip(
            q,
            &samples::travel().unwrap(),
            &fx,
            gbp,
            &options,
        )) {
            estimate(&e);
            if let Some(a) = ok_or_coded(adjudicate(&e, &samples::policy().unwrap())) {
                adjudication(&a);
            }
        }
    }
    if let Some(c) = ok_or_coded(compare_quotes(
        &quotes,
        &fx,
        gbp,
        &samples::compare_options().unwrap(),
    )) {
        assert_eq!(c.columns.len(), quotes.len());
        svg(&c.to_svg());
    }
});
