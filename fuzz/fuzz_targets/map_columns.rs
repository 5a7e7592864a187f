//! `journey_map_columns` on any columns: a sound map (or a coded error) whose picture and
//! CSV parse; split by journey into two batches and merged, the same map.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::analytics::JourneyTable;
use medjourney::{journey_map_columns, MapAccumulator, MapOptions, QuantileMode};
use medjourney_fuzz::{any, decode, journey_map, ok_or_coded, small_vec};

fn time(u: &mut arbitrary::Unstructured) -> arbitrary::Result<i64> {
    Ok(match u.int_in_range(0..=7u8)? {
        0 => any(u)?,
        1 => *u.choose(&[i64::MIN, i64::MAX, -62_135_596_801, 253_402_300_800])?,
        _ => 1_767_225_600 + i64::from(u.int_in_range(0..=90 * 24u32)?) * 3600,
    })
}

fn code(u: &mut arbitrary::Unstructured, below: u8) -> arbitrary::Result<u8> {
    if u.ratio(1, 32)? {
        any(u)
    } else {
        u.int_in_range(0..=below - 1)
    }
}

/// The rows of `t` whose journey is `keep` modulo 2, renumbered.
fn half(t: &JourneyTable, keep: u32) -> JourneyTable {
    let mut h = JourneyTable::default();
    for (j, s) in t.status.iter().enumerate() {
        if j as u32 % 2 == keep {
            h.status.push(*s);
        }
    }
    let mine = |j: u32| (j % 2 == keep).then_some(j / 2);
    for i in 0..t.visit_journey.len() {
        if let Some(j) = mine(t.visit_journey[i]) {
            h.visit_journey.push(j);
            h.visit_stage.push(t.visit_stage[i]);
            h.visit_entered.push(t.visit_entered[i]);
            h.visit_left.push(t.visit_left[i]);
        }
    }
    for i in 0..t.touch_journey.len() {
        if let Some(j) = mine(t.touch_journey[i]) {
            h.touch_journey.push(j);
            h.touch_stage.push(t.touch_stage[i]);
            h.touch_at.push(t.touch_at[i]);
            h.touch_channel.push(t.touch_channel[i]);
            h.touch_kind.push(t.touch_kind[i]);
            h.touch_sentiment.push(t.touch_sentiment[i]);
        }
    }
    for i in 0..t.need_journey.len() {
        if let Some(j) = mine(t.need_journey[i]) {
            h.need_journey.push(j);
            h.need_stage.push(t.need_stage[i]);
            h.need_code.push(t.need_code[i]);
            h.need_met.push(t.need_met[i]);
        }
    }
    h
}

fuzz_target!(|data: &[u8]| {
    let Some(t) = decode(data, |u| {
        let n = u.int_in_range(0..=8u32)?;
        let journey = |u: &mut arbitrary::Unstructured| -> arbitrary::Result<u32> {
            if u.ratio(1, 32)? {
                any(u)
            } else {
                u.int_in_range(0..=n.max(1) - 1)
            }
        };
        let mut t = JourneyTable::default();
        for _ in 0..n {
            t.status.push(code(u, 4)?);
        }
        for (j, s) in small_vec(u, 30, |u| Ok((journey(u)?, code(u, 7)?)))? {
            let entered = time(u)?;
            t.visit_journey.push(j);
            t.visit_stage.push(s);
            t.visit_entered.push(entered);
            t.visit_left.push(if any(u)? {
                i64::MIN
            } else {
                entered.saturating_add(i64::from(u.int_in_range(0..=500_000u32)?))
            });
        }
        for (j, s) in small_vec(u, 30, |u| Ok((journey(u)?, code(u, 7)?)))? {
            t.touch_journey.push(j);
            t.touch_stage.push(s);
            t.touch_at.push(time(u)?);
            t.touch_channel.push(code(u, 10)?);
            t.touch_kind.push(code(u, 12)?);
            t.touch_sentiment.push(match u.int_in_range(0..=3u8)? {
                0 => f64::NAN,
                1 => f64::from_bits(any(u)?),
                _ => f64::from(u.int_in_range(-8..=8i8)?) / 4.0,
            });
        }
        for (j, s) in small_vec(u, 10, |u| Ok((journey(u)?, code(u, 7)?)))? {
            t.need_journey.push(j);
            t.need_stage.push(s);
            t.need_code.push(code(u, 11)?);
            t.need_met.push(code(u, 2)?);
        }
        Ok(t)
    }) else {
        return;
    };
    let options = MapOptions::default();
    let Some(map) = ok_or_coded(journey_map_columns(&t.columns(), &options)) else {
        return;
    };
    journey_map(&map);
    let (a, b) = (half(&t, 0), half(&t, 1));
    let halves = |mode: QuantileMode| {
        let mut acc = MapAccumulator::with_quantiles(mode);
        acc.add_columns(&a.columns()).unwrap();
        let mut other = MapAccumulator::with_quantiles(mode);
        other.add_columns(&b.columns()).unwrap();
        // Partial maps travel as JSON or as bytes; both must come back whole.
        let by_json = MapAccumulator::from_json(&other.to_json().unwrap()).unwrap();
        let by_bytes = MapAccumulator::from_bytes(&other.to_bytes()).unwrap();
        assert_eq!(by_json, other, "JSON round trip");
        assert_eq!(by_bytes, other, "bytes round trip");
        acc.merge(&by_bytes).unwrap();
        acc
    };
    assert_eq!(
        halves(QuantileMode::Exact).finish(&options).unwrap(),
        map,
        "batches merged give the same map"
    );
    // The bounded default: merging is exact, so halves give the whole sketch; counts and
    // means are exact, quantiles within 1 % of the exact nearest-rank value.
    let sketched = halves(QuantileMode::Sketch);
    let mut whole = MapAccumulator::with_quantiles(QuantileMode::Sketch);
    whole.add_columns(&t.columns()).unwrap();
    assert_eq!(
        sketched, whole,
        "merged sketches equal one sketch of everything"
    );
    let sketched = sketched.finish(&options).unwrap();
    let pairs = sketched
        .stages
        .iter()
        .zip(&map.stages)
        .map(|(s, e)| (&s.dwell, &e.dwell))
        .chain([(
            &sketched.awareness_to_treatment,
            &map.awareness_to_treatment,
        )]);
    for (s, e) in pairs {
        assert_eq!(
            (s.count, s.mean_seconds),
            (e.count, e.mean_seconds),
            "exact counts and means"
        );
        for (x, v) in [
            (s.median_seconds, e.median_seconds),
            (s.p90_seconds, e.p90_seconds),
        ] {
            match (x, v) {
                (Some(x), Some(v)) => assert!(
                    i128::from(x - v).abs() * 100 <= i128::from(v),
                    "sketched {x} not within 1 % of {v}"
                ),
                (x, v) => assert_eq!(x, v),
            }
        }
    }
});
