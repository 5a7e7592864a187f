//! Bounded memory for the journey map: sketched dwell quantiles stay within 1 % of the
//! nearest-rank truth on adversarial distributions, merges are order-independent, the
//! binary form round-trips and refuses bad bytes with a code, and the accumulator's size
//! stays flat as events grow.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use medjourney::analytics::bytes::{FORMAT_VERSION, MAGIC};
use medjourney::analytics::sketch::{MAX_SECONDS, RELATIVE_ERROR};
use medjourney::analytics::{DwellSketch, JourneyTable, QuantileMode, NO_TIME};
use medjourney::dates::EPOCH_SECONDS;
use medjourney::{journey_map_columns, samples, MapAccumulator, MapOptions};
use proptest::prelude::*;

/// One journey per dwell, each with one closed research visit of that many seconds.
fn table_of(dwells: &[i64]) -> JourneyTable {
    let n = dwells.len();
    JourneyTable {
        status: vec![0; n],
        visit_journey: (0..n as u32).collect(),
        visit_stage: vec![1; n],
        visit_entered: vec![EPOCH_SECONDS.0; n],
        visit_left: dwells.iter().map(|d| EPOCH_SECONDS.0 + d).collect(),
        ..Default::default()
    }
}

fn nearest_rank(sorted: &[i64], num: u128, den: u128) -> i64 {
    let n = sorted.len() as u128;
    let rank = (num * n).div_ceil(den).max(1);
    sorted[(rank - 1) as usize]
}

fn within_bound(x: i64, v: i64) -> bool {
    // |x - v| <= 0.01 v, in integers.
    100 * (x - v).abs() <= v
}

fn sketched(dwells: &[i64]) -> MapAccumulator {
    let mut acc = MapAccumulator::new();
    acc.add_columns(&table_of(dwells).columns()).unwrap();
    acc
}

/// Adversarial dwell distributions: heavy tails over every order of magnitude, all
/// equal, bimodal at the extremes, 0 s and 1 s, and the longest supported dwell.
fn dwells() -> impl Strategy<Value = Vec<i64>> {
    let heavy = prop::collection::vec(
        (0u32..=115, 0i64..1000)
            .prop_map(|(e, m)| ((10f64.powf(e as f64 / 10.0) as i64) + m).min(MAX_SECONDS)),
        1..300,
    );
    let equal = (0i64..=MAX_SECONDS, 1usize..300).prop_map(|(v, n)| vec![v; n]);
    let extremes = prop::collection::vec(
        prop_oneof![
            Just(0i64),
            Just(1),
            Just(MAX_SECONDS - 1),
            Just(MAX_SECONDS)
        ],
        1..300,
    );
    let zero_one = prop::collection::vec(0i64..=1, 1..300);
    let around_100 = prop::collection::vec(90i64..120, 1..300);
    let any = prop::collection::vec(0i64..=MAX_SECONDS, 1..300);
    prop_oneof![heavy, equal, extremes, zero_one, around_100, any]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sketched_quantiles_are_within_one_percent_of_the_nearest_rank(d in dwells()) {
        let m = sketched(&d).finish(&MapOptions::default()).unwrap();
        prop_assert_eq!(m.quantiles, QuantileMode::Sketch);
        let mut sorted = d.clone();
        sorted.sort_unstable();
        let dwell = &m.stages[1].dwell;
        prop_assert_eq!(dwell.count, d.len() as u64);
        for (got, (num, den)) in [(dwell.median_seconds, (1, 2)), (dwell.p90_seconds, (9, 10))] {
            let truth = nearest_rank(&sorted, num, den);
            let x = got.unwrap();
            prop_assert!(within_bound(x, truth), "q {}/{}: sketch {} truth {}", num, den, x, truth);
            if truth < 100 {
                prop_assert_eq!(x, truth, "below 100 s the sketch is exact");
            }
        }
        let exact = journey_map_columns(&table_of(&d).columns(), &MapOptions::default()).unwrap();
        prop_assert_eq!(exact.quantiles, QuantileMode::Exact);
        prop_assert_eq!(dwell.mean_seconds, exact.stages[1].dwell.mean_seconds, "the mean is exact");
    }

    #[test]
    fn a_sketch_answers_any_quantile_within_its_bound(d in dwells(), num in 0u64..=100) {
        let mut k = DwellSketch::default();
        for &v in &d {
            k.add(v as u64).unwrap();
        }
        let mut sorted = d.clone();
        sorted.sort_unstable();
        let truth = nearest_rank(&sorted, num.into(), 100);
        let x = k.quantile(num, 100).unwrap();
        prop_assert!(within_bound(x, truth), "q {}%: sketch {} truth {}", num, x, truth);
        prop_assert!((x - truth).abs() as f64 <= RELATIVE_ERROR * truth as f64);
    }

    #[test]
    fn merging_sketched_parts_in_any_order_or_grouping_is_the_same(
        d in dwells(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        order in any::<u64>(),
    ) {
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(d.len() + 1)).collect();
        at.push(0);
        at.push(d.len());
        at.sort_unstable();
        let parts: Vec<MapAccumulator> = at.windows(2).map(|w| sketched(&d[w[0]..w[1]])).collect();
        let whole = sketched(&d);
        // Left fold in the given order.
        let mut folded = MapAccumulator::new();
        for p in &parts {
            folded.merge(p).unwrap();
        }
        // Tree reduction over a shuffled order, as a distributed engine would.
        let mut shuffled = parts.clone();
        let mut x = order | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        while shuffled.len() > 1 {
            let mut next = Vec::new();
            for pair in shuffled.chunks(2) {
                let mut a = pair[0].clone();
                if let Some(b) = pair.get(1) {
                    a.merge(b).unwrap();
                }
                next.push(a);
            }
            shuffled = next;
        }
        prop_assert_eq!(&folded, &whole);
        prop_assert_eq!(&shuffled[0], &whole);
        prop_assert_eq!(folded.to_bytes(), whole.to_bytes());
    }

    #[test]
    fn the_binary_form_round_trips_exactly(d in dwells(), exact in any::<bool>()) {
        let mut acc = if exact { MapAccumulator::exact() } else { MapAccumulator::new() };
        acc.add_columns(&table_of(&d).columns()).unwrap();
        acc.add_journeys(&samples::journeys().unwrap()).unwrap();
        let back = MapAccumulator::from_bytes(&acc.to_bytes()).unwrap();
        prop_assert_eq!(&back, &acc);
        prop_assert_eq!(back.quantiles(), acc.quantiles());
        prop_assert_eq!(back.to_bytes(), acc.to_bytes());
        let json = MapAccumulator::from_json(&acc.to_json().unwrap()).unwrap();
        prop_assert_eq!(&json, &acc);
        prop_assert_eq!(
            back.finish(&MapOptions::default()).unwrap(),
            acc.finish(&MapOptions::default()).unwrap()
        );
    }

    #[test]
    fn no_truncation_or_flipped_byte_panics_and_each_has_a_code(
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let bytes = sample_accumulator(QuantileMode::Sketch).to_bytes();
        let short = &bytes[..cut.index(bytes.len())];
        let code = MapAccumulator::from_bytes(short).unwrap_err().code();
        prop_assert!(code == "parse_error" || code == "invalid_input", "{}", code);
        let mut bad = bytes.clone();
        let i = flip.index(bad.len());
        bad[i] = byte;
        if let Err(e) = MapAccumulator::from_bytes(&bad) {
            prop_assert!(
                ["parse_error", "invalid_input", "unsupported_version", "overflow"].contains(&e.code()),
                "{}", e
            );
        }
    }
}

fn sample_accumulator(mode: QuantileMode) -> MapAccumulator {
    let mut acc = MapAccumulator::with_quantiles(mode);
    acc.add_journeys(&samples::journeys().unwrap()).unwrap();
    acc
}

#[test]
fn journey_map_is_exact_and_the_accumulator_sketches_by_default() {
    let js = samples::journeys().unwrap();
    let exact = medjourney::journey_map(&js, &MapOptions::default()).unwrap();
    assert_eq!(exact.quantiles, QuantileMode::Exact);
    assert_eq!(MapAccumulator::new().quantiles(), QuantileMode::Sketch);
    assert_eq!(MapAccumulator::default().quantiles(), QuantileMode::Sketch);
    assert_eq!(MapAccumulator::exact().quantiles(), QuantileMode::Exact);
    let sketched = sample_accumulator(QuantileMode::Sketch)
        .finish(&MapOptions::default())
        .unwrap();
    assert_eq!(sketched.quantiles, QuantileMode::Sketch);
    assert_eq!(sketched.journeys, exact.journeys);
    assert_eq!(sketched.funnel, exact.funnel);
    for (s, e) in sketched.stages.iter().zip(&exact.stages) {
        assert_eq!(
            (
                s.entered,
                s.dropped,
                s.touchpoints,
                s.dwell.count,
                s.dwell.mean_seconds
            ),
            (
                e.entered,
                e.dropped,
                e.touchpoints,
                e.dwell.count,
                e.dwell.mean_seconds
            )
        );
        for (x, v) in [
            (s.dwell.median_seconds, e.dwell.median_seconds),
            (s.dwell.p90_seconds, e.dwell.p90_seconds),
        ] {
            assert_eq!(x.is_some(), v.is_some());
            if let (Some(x), Some(v)) = (x, v) {
                assert!(within_bound(x, v), "{}: {x} vs {v}", s.stage);
            }
        }
    }
    let json: serde_json::Value = serde_json::from_str(&sketched.to_json().unwrap()).unwrap();
    assert_eq!(json["quantiles"], "sketch");
}

#[test]
fn merging_exact_with_sketched_gives_sketched_either_way() {
    let exact = sample_accumulator(QuantileMode::Exact);
    let sketch = sample_accumulator(QuantileMode::Sketch);
    let mut a = exact.clone();
    a.merge(&sketch).unwrap();
    let mut b = sketch.clone();
    b.merge(&exact).unwrap();
    assert_eq!(a.quantiles(), QuantileMode::Sketch);
    assert_eq!(a, b);
    let mut twice = sketch.clone();
    twice.merge(&sketch).unwrap();
    assert_eq!(a, twice, "the exact half was sketched as if added directly");
}

#[test]
fn the_binary_form_starts_with_its_magic_and_version() {
    let bytes = MapAccumulator::new().to_bytes();
    assert_eq!(&bytes[..4], &MAGIC);
    assert_eq!(&bytes[4..6], &FORMAT_VERSION.to_le_bytes());
    assert_eq!(FORMAT_VERSION, 1);
    assert_eq!(bytes[6], 1, "sketch mode");
    assert_eq!(MapAccumulator::exact().to_bytes()[6], 0, "exact mode");
}

#[test]
fn bytes_of_another_format_version_are_refused_with_unsupported_version() {
    let good = sample_accumulator(QuantileMode::Sketch).to_bytes();
    for version in [0u16, 2, 7, u16::MAX] {
        let mut b = good.clone();
        b[4..6].copy_from_slice(&version.to_le_bytes());
        let e = MapAccumulator::from_bytes(&b).unwrap_err();
        assert_eq!(e.code(), "unsupported_version", "{version}: {e}");
        assert!(e.to_string().contains(&format!("version {version}")), "{e}");
    }
}

#[test]
fn damaged_bytes_are_refused_with_a_code() {
    let good = sample_accumulator(QuantileMode::Sketch).to_bytes();
    let code = |b: &[u8]| MapAccumulator::from_bytes(b).unwrap_err().code();
    assert_eq!(code(b""), "parse_error", "empty");
    assert_eq!(code(b"MJ"), "parse_error", "short magic");
    assert_eq!(
        code(b"{\"journeys\": 0}"),
        "parse_error",
        "JSON is not the binary form"
    );
    assert_eq!(code(&good[..5]), "parse_error", "truncated version");
    assert_eq!(code(&good[..good.len() - 1]), "parse_error", "truncated");
    let mut trailing = good.clone();
    trailing.push(0);
    assert_eq!(code(&trailing), "parse_error", "trailing byte");
    let mut mode = good.clone();
    mode[6] = 9;
    assert_eq!(code(&mode), "parse_error", "unknown mode");
    let mut shape = good.clone();
    shape[9] = 99;
    assert_eq!(code(&shape), "parse_error", "other channel table");
    // A varint that claims 2^63 samples of an exact set, in a few bytes.
    let mut huge = MapAccumulator::exact().to_bytes();
    let tail = huge.len() - 8;
    huge.truncate(tail);
    huge.extend([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    assert_eq!(code(&huge), "parse_error", "a length beyond the bytes");
    // A varint running past 64 bits.
    let mut long = MapAccumulator::new().to_bytes();
    long.truncate(12);
    long.extend([0xff; 11]);
    assert_eq!(code(&long), "parse_error", "an overlong number");
}

#[test]
fn a_well_formed_but_impossible_state_is_invalid_input() {
    // One journey more than its statuses add up to: the bytes parse, the state does not fit.
    let mut acc = MapAccumulator::new().to_bytes();
    acc[12] = 1;
    assert_eq!(
        MapAccumulator::from_bytes(&acc).unwrap_err().code(),
        "invalid_input"
    );
    // A sketch whose sum cannot come from its bins.
    let good = sketched(&[86_400, 90_000]);
    let mut json: serde_json::Value = serde_json::from_str(&good.to_json().unwrap()).unwrap();
    json["dwell"][1]["sumSeconds"] = "5".into();
    let e = MapAccumulator::from_json(&json.to_string()).unwrap_err();
    assert!(["invalid_input", "parse_error"].contains(&e.code()), "{e}");
    // A dwell beyond the supported span in an exact state.
    let mut exact: serde_json::Value =
        serde_json::from_str(&MapAccumulator::exact().to_json().unwrap()).unwrap();
    exact["toTreatment"] = serde_json::json!([MAX_SECONDS + 1]);
    assert_eq!(
        MapAccumulator::from_json(&exact.to_string())
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    // Stages kept in different modes.
    let mut mixed: serde_json::Value =
        serde_json::from_str(&MapAccumulator::new().to_json().unwrap()).unwrap();
    mixed["toTreatment"] = serde_json::json!([]);
    assert_eq!(
        MapAccumulator::from_json(&mixed.to_string())
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

#[test]
fn a_sketch_merge_past_u64_is_an_overflow_and_changes_nothing() {
    let mut a = DwellSketch::from_parts(u64::MAX, &[], 0).unwrap();
    let b = DwellSketch::from_parts(1, &[], 0).unwrap();
    let before = a.clone();
    assert_eq!(a.merge(&b).unwrap_err().code(), "overflow");
    assert_eq!(a, before);
}

/// Synthetic journeys: `events` / 10 journeys and `events` / 2 touchpoints, plus their
/// stage visits; returns the accumulator and the number of rows (journeys, visits,
/// touchpoints) it took in.
fn accumulator_of(events: usize) -> (MapAccumulator, usize) {
    let t = samples::journey_table(events / 10, events / 2, 42).unwrap();
    let rows = t.status.len() + t.visit_stage.len() + t.touch_stage.len();
    let mut acc = MapAccumulator::new();
    acc.add_columns(&t.columns()).unwrap();
    (acc, rows)
}

#[test]
fn the_sketched_accumulator_stays_flat_from_ten_thousand_to_a_million_events() {
    let mut sizes = Vec::new();
    for events in [10_000, 100_000, 1_000_000] {
        let (acc, rows) = accumulator_of(events);
        let bytes = acc.to_bytes();
        println!(
            "{rows} rows: memory_bytes {}, to_bytes {} B",
            acc.memory_bytes(),
            bytes.len()
        );
        assert!(acc.memory_bytes() < 100_000, "{}", acc.memory_bytes());
        sizes.push((acc.memory_bytes(), bytes.len()));
    }
    // A hundred times the events: the size moves by the bins newly reached, nothing more.
    let (small, large) = (sizes[0], sizes[2]);
    assert!(large.0 <= small.0 + 20_000, "{sizes:?}");
    assert!(large.1 <= 2 * small.1 + 4_096, "{sizes:?}");
    let exact = {
        let t = samples::journey_table(100_000, 500_000, 42).unwrap();
        let mut acc = MapAccumulator::exact();
        acc.add_columns(&t.columns()).unwrap();
        acc
    };
    println!(
        "exact mode, the largest table: memory_bytes {}, to_bytes {} B",
        exact.memory_bytes(),
        exact.to_bytes().len()
    );
    assert!(
        exact.memory_bytes() > 10 * sizes[2].0,
        "the exact mode grows with the data: {}",
        exact.memory_bytes()
    );
}

#[test]
fn open_visits_and_visit_left_marker_are_not_dwell_in_either_mode() {
    let t = JourneyTable {
        status: vec![0],
        visit_journey: vec![0],
        visit_stage: vec![0],
        visit_entered: vec![0],
        visit_left: vec![NO_TIME],
        ..Default::default()
    };
    for mode in [QuantileMode::Exact, QuantileMode::Sketch] {
        let mut acc = MapAccumulator::with_quantiles(mode);
        acc.add_columns(&t.columns()).unwrap();
        let m = acc.finish(&MapOptions::default()).unwrap();
        assert_eq!(m.stages[0].dwell.count, 0);
        assert_eq!(m.stages[0].dwell.median_seconds, None);
    }
}

#[test]
fn durations_are_an_array_of_seconds_or_a_sketch_object_and_say_what_is_wrong_otherwise() {
    let exact: serde_json::Value =
        serde_json::from_str(&MapAccumulator::exact().to_json().unwrap()).unwrap();
    for (bad, says) in [
        (serde_json::json!([1, "2"]), "expected i64"),
        (
            serde_json::json!("3600"),
            "expected an array of seconds or a dwell sketch",
        ),
        (serde_json::json!({"bins": 1}), "expected a sequence"),
    ] {
        let mut state = exact.clone();
        state["toTreatment"] = bad;
        let e = MapAccumulator::from_json(&state.to_string()).unwrap_err();
        assert_eq!(e.code(), "parse_error", "{e}");
        assert!(e.to_string().contains(says), "{e} should say {says}");
    }
}
