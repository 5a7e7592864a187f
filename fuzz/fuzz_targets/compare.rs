//! `compare_quotes` over any quotes: every column's cells add up to its total, the
//! differences are to the cheapest, and the picture parses.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{compare_quotes, samples, CompareOptions};
use medjourney_fuzz::{any, currency, decode, instant, ok_or_coded, quote, small_vec, svg, total};

fuzz_target!(|data: &[u8]| {
    let mut next = 0usize;
    let Some((quotes, to, options)) = decode(data, |u| {
        let quotes = small_vec(u, 6, |u| {
            next += 1;
            quote(u, next)
        })?;
        let options = CompareOptions {
            as_of: if any(u)? {
                Some(instant(u)?.date_naive())
            } else {
                None
            },
            include_optional: any(u)?,
            ..CompareOptions::default()
        };
        Ok((quotes, currency(u)?, options))
    }) else {
        return;
    };
    let fx = samples::fx().unwrap();
    let Some(c) = ok_or_coded(compare_quotes(&quotes, &fx, to, &options)) else {
        return;
    };
    assert_eq!(c.columns.len(), quotes.len());
    for (k, col) in c.columns.iter().enumerate() {
        let cells: Vec<_> = c
            .rows
            .iter()
            .filter_map(|r| r.cells.get(k))
            .map(|cell| cell.amount)
            .collect();
        assert_eq!(
            total(&cells, to).amount(),
            col.total.amount(),
            "cells add up to the column total"
        );
        assert!(col.total.is_rounded());
    }
    if let Some(cheapest) = c
        .columns
        .iter()
        .find(|col| Some(&col.quote_id) == c.cheapest.as_ref())
    {
        assert!(cheapest.difference_to_cheapest.is_zero());
    }
    let json = serde_json::to_string(&c).unwrap();
    let back: medjourney::Comparison = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c, "comparison JSON round trip");
    svg(&c.to_svg());
});
