//! Cost against input size for the operations that used to grow with its square
//! (issue 14): each at 10^3, 10^4 and 10^5 items, so the summary can show the ratio of
//! each size to the one before (10 for linear work, about 13 for n log n; 100 would be
//! quadratic). The summary table flags a ratio above 15.
//!
//! - `check`: the itinerary checks over n items (the sample trip repeated, 40 days apart:
//!   flights, stays, appointments, procedures, visas), and `check_overlapping` over n
//!   simultaneous items (one overlap cluster);
//! - `validate`: `Journey::validate` of a journey with n stage visits and n touchpoints;
//! - `record`: n calls of `Journey::record` on a fresh journey;
//! - `journey_map`: the journey map of n journey objects (the sample journeys repeated).

mod common;

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use medjourney::itinerary::{Details, Item};
use medjourney::journey::{BackReason, Channel, Party, TouchpointKind};
use medjourney::{
    journey_map, samples, Itinerary, ItineraryRules, Journey, MapOptions, Stage, Touchpoint,
};
use medjourney_benches::SCALING_SIZES;
use std::hint::black_box;

fn trips(n: usize) -> Itinerary {
    let mut it = samples::itinerary().unwrap_or_else(|e| panic!("sample: {e}"));
    let base = std::mem::take(&mut it.items);
    for k in 0.. {
        for item in &base {
            if it.items.len() == n {
                return it;
            }
            let mut item = item.clone();
            item.id = format!("{}-{k}", item.id);
            item.start += Duration::days(40 * k);
            item.end += Duration::days(40 * k);
            it.items.push(item);
        }
    }
    it
}

fn simultaneous(n: usize) -> Itinerary {
    let mut it = samples::itinerary().unwrap_or_else(|e| panic!("sample: {e}"));
    let start = Utc.with_ymd_and_hms(2027, 2, 16, 9, 0, 0).unwrap();
    it.items = (0..n)
        .map(|k| Item {
            id: format!("tour-{k}"),
            title: "tour".into(),
            start,
            end: start + Duration::hours(2),
            zone: "Europe/Istanbul".into(),
            end_zone: None,
            location: None,
            contact: None,
            notes: None,
            companion_only: false,
            status: None,
            details: Details::Leisure {},
        })
        .collect();
    it
}

fn touchpoint(k: usize, stage: Stage, at: chrono::DateTime<Utc>) -> Touchpoint {
    Touchpoint::new(
        format!("tp-{k}"),
        stage,
        at,
        Channel::Whatsapp,
        Party::Patient,
        TouchpointKind::Inquiry,
    )
}

fn fresh_journey() -> Journey {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Journey::new("J", "PT", "knee_replacement", Stage::Research, at)
        .unwrap_or_else(|e| panic!("journey: {e}"))
}

/// A journey with n stage visits (research and selection, back and forth) and n
/// touchpoints.
fn long_journey(n: usize) -> Journey {
    let mut j = fresh_journey();
    let mut at = j.stages[0].entered;
    while j.stages.len() < n {
        at += Duration::seconds(1);
        let step = if j.current_stage() == Some(Stage::Research) {
            j.advance(at)
        } else {
            j.go_back(BackReason::ClinicDeclined, at)
        };
        step.unwrap_or_else(|e| panic!("move: {e}"));
    }
    for k in 0..n {
        let stage = [Stage::Research, Stage::Selection][k % 2];
        j.touchpoints.push(touchpoint(k, stage, at));
    }
    j
}

fn journeys(n: usize) -> Vec<Journey> {
    let base = samples::journeys().unwrap_or_else(|e| panic!("sample: {e}"));
    (0..n)
        .map(|k| {
            let mut j = base[k % base.len()].clone();
            j.id = format!("{}-{k}", j.id);
            j
        })
        .collect()
}

fn scaling(c: &mut Criterion<common::CpuTime>) {
    let rules = ItineraryRules::default();
    let options = MapOptions::default();
    let mut group = c.benchmark_group("scaling");
    for n in SCALING_SIZES {
        common::size_group(&mut group, n);
        let it = trips(n);
        group.bench_with_input(common::id("check", n), &it, |b, it| {
            b.iter(|| it.check(&rules).map(|f| black_box(f.len())))
        });
        let it = simultaneous(n);
        group.bench_with_input(common::id("check_overlapping", n), &it, |b, it| {
            b.iter(|| it.check(&rules).map(|f| black_box(f.len())))
        });
        let j = long_journey(n);
        group.bench_with_input(common::id("validate", n), &j, |b, j| {
            b.iter(|| black_box(j).validate())
        });
        let at = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        group.bench_with_input(common::id("record", n), &n, |b, &n| {
            b.iter(|| {
                let mut j = fresh_journey();
                for k in 0..n {
                    let _ = j.record(touchpoint(k, Stage::Research, at));
                }
                black_box(j.touchpoints.len())
            })
        });
        let js = journeys(n);
        group.bench_with_input(common::id("journey_map", n), &js, |b, js| {
            b.iter(|| journey_map(black_box(js), &options).map(|m| black_box(m.journeys)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = scaling
}
criterion_main!(benches);
