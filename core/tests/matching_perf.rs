//! Size and speed of ranking a million providers (ignored by default: run it with an
//! optimised build, e.g. `CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo test -p medjourney --test
//! matching_perf -- --ignored --nocapture`). Benchmarks proper live in benches/.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::matching::{
    Accreditation, AccreditationBody, Amenity, Outcome, ProcedureOffer, Reviews,
};
use medjourney::{rank, topsis, Catalog, Money, Normalization, Provider, RankOptions, Request};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn provider(i: u32) -> Provider {
    let countries = ["TR", "TH", "IN", "MX", "CZ", "KR", "HU", "PL"];
    let currencies = ["EUR", "THB", "INR", "USD", "CZK", "KRW", "HUF", "PLN"];
    let k = (i % 8) as usize;
    let price = 5000 + (i.wrapping_mul(2_654_435_761) % 9000);
    let langs = [
        vec!["en".to_string(), "tr".to_string()],
        vec!["th".to_string()],
        vec!["en".to_string()],
    ];
    Provider {
        id: format!("clinic-{i:07}"),
        name: format!("Clinic {i}"),
        country: countries[k].into(),
        city: String::new(),
        coordinates: None,
        accreditations: vec![Accreditation {
            body: if i % 5 == 0 {
                AccreditationBody::Temos
            } else {
                AccreditationBody::Jci
            },
            scope: String::new(),
            issued: None,
            expires: "2028-01-01".parse().ok(),
        }],
        procedures: vec![ProcedureOffer {
            code: "knee_replacement".into(),
            name: String::new(),
            price: Some(Money::from_parts(&format!("{price}"), currencies[0]).unwrap()),
            price_max: None,
            annual_volume: Some(i % 900),
            success: Some(Outcome {
                cases: 100 + i % 1000,
                count: Some(90 + i % 1000),
                rate: None,
            }),
            complications: Some(Outcome {
                cases: 100 + i % 1000,
                count: None,
                rate: Some(0.02),
            }),
            median_wait_days: Some(i % 90),
        }],
        doctors: vec![],
        languages: langs[(i % 3) as usize].clone(),
        reviews: Some(Reviews {
            stars: Some([i as u64 % 7, 2, 5, 20, i as u64 % 50]),
            mean: None,
            count: None,
        }),
        amenities: vec![Amenity::WheelchairAccess, Amenity::AirportTransfer],
        airport_distance_km: Some(f64::from(i % 60)),
        time_zone: None,
        airport: None,
    }
}

#[test]
#[ignore = "a million providers: run with an optimised build"]
fn a_million_providers_rank_fast_and_lean() {
    let n = 1_000_000;
    let base = NOW.load(Relaxed);
    let catalog = Catalog::new((0..n).map(provider).collect()).unwrap();
    let size = NOW.load(Relaxed) - base;
    let request: Request = serde_json::from_str(
        r#"{"procedure": "knee_replacement", "travelDate": "2027-02-15", "languages": ["en"],
            "budget": {"amount": "12000.00", "currency": "EUR"}, "requiredAccreditations": ["jci"],
            "needs": ["wheelchair_access"], "maxWaitDays": 80}"#,
    )
    .unwrap();
    let options = RankOptions {
        max_exclusions: Some(0),
        ..RankOptions::default()
    };
    let mut best = f64::MAX;
    let mut ranking = None;
    for _ in 0..7 {
        PEAK.store(NOW.load(Relaxed), Relaxed);
        let before = NOW.load(Relaxed);
        let t = Instant::now();
        ranking = Some(rank(&catalog, &request, &options).unwrap());
        best = best.min(t.elapsed().as_secs_f64());
        let extra = PEAK.load(Relaxed) - before;
        println!("rank extra peak {:.1} MB", extra as f64 / 1e6);
    }
    let ranking = ranking.unwrap();
    println!(
        "catalog {:.1} MB, {} candidates, rank top 10 best of 7: {:.1} ms",
        size as f64 / 1e6,
        ranking.candidates,
        best * 1e3
    );

    let cols = 8;
    let matrix: Vec<f64> = (0..n as usize * cols)
        .map(|i| ((i * 2_654_435_761) % 10_007) as f64)
        .collect();
    let weights = [0.2, 0.25, 0.15, 0.15, 0.1, 0.05, 0.05, 0.05];
    let types = [-1, 1, 1, 1, -1, 1, 1, -1];
    let mut best = f64::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        let s = topsis(
            &matrix,
            n as usize,
            cols,
            &weights,
            &types,
            Normalization::MinMax,
        )
        .unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(s.len(), n as usize);
    }
    println!("topsis 1e6 x 8 best of 7: {:.1} ms", best * 1e3);
}
