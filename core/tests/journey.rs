//! Journey rules, the journey map's invariants, its outputs and the sample journeys,
//! all through the public API.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use chrono::{DateTime, Duration, TimeZone, Utc};
use medjourney::analytics::{JourneyTable, MapAccumulator, NO_TIME};
use medjourney::journey::{
    BackReason, Channel, Need, Outcome, Party, Status, TouchpointKind, SENTIMENT_RANGE,
};
use medjourney::{
    journey_map, journey_map_columns, samples, Journey, JourneyColumns, JourneyMap, MapOptions,
    Stage, Touchpoint,
};
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

/// Builds a journey from random operations, keeping only the moves the rules accept.
fn random_journey(n: usize, first: u8, ops: &[(u8, i64, u8, u8, i8)]) -> Journey {
    let mut t = t0() + Duration::hours(n as i64 * 7);
    let stage = Stage::from_code(first % 7).unwrap();
    let mut j = Journey::new(format!("J{n}"), format!("P{n}"), "ivf", stage, t).unwrap();
    for (k, &(op, hours, s, ch, sent)) in ops.iter().enumerate() {
        t += Duration::hours(hours);
        let _ = match op {
            0..=3 => {
                if j.current_stage() == Some(Stage::FollowUp) {
                    j.apply(&medjourney::Transition::Complete { at: t })
                } else {
                    j.advance(t).map(|_| ())
                }
            }
            4 => {
                let reason = BackReason::from_code(s % 3).unwrap();
                j.go_back(reason, t).map(|_| ())
            }
            5 => {
                let tr = if j.status == Status::OnHold {
                    medjourney::Transition::Resume { at: t }
                } else {
                    medjourney::Transition::Hold { at: t }
                };
                j.apply(&tr)
            }
            6 if s < 2 => j.apply(&medjourney::Transition::Abandon { at: t }),
            _ => {
                let mut tp = Touchpoint::new(
                    format!("tp{k}"),
                    Stage::from_code(s % 7).unwrap(),
                    t,
                    Channel::from_code(ch % 10).unwrap(),
                    Party::Patient,
                    TouchpointKind::from_code(ch % 12).unwrap(),
                );
                tp.sentiment = (sent <= 2).then_some(f64::from(sent));
                let r = j.record(tp);
                j.set_need(
                    Stage::from_code(s % 7).unwrap(),
                    Need::from_code(ch % 11).unwrap(),
                    sent > 0,
                );
                r
            }
        };
    }
    j
}

fn journeys_strategy() -> impl Strategy<Value = Vec<Journey>> {
    let op = (0u8..8, 1i64..400, 0u8..7, 0u8..12, -2i8..=3);
    prop::collection::vec((0u8..3, prop::collection::vec(op, 0..30)), 0..25).prop_map(|v| {
        v.iter()
            .enumerate()
            .map(|(n, (first, ops))| random_journey(n, *first, ops))
            .collect()
    })
}

fn map(journeys: &[Journey]) -> JourneyMap {
    journey_map(journeys, &MapOptions::default()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_stage_entered_equals_moved_on_plus_dropped_plus_still_there(js in journeys_strategy()) {
        let m = map(&js);
        for s in &m.stages {
            prop_assert_eq!(s.entered, s.moved_on + s.dropped + s.still_there, "stage {}", s.stage);
            prop_assert!(s.reentered <= s.entered);
        }
        let finished = m.statuses.completed + m.statuses.abandoned;
        prop_assert_eq!(m.journeys, finished + m.statuses.active + m.statuses.on_hold);
        prop_assert_eq!(m.journeys, js.len() as u64);
    }

    #[test]
    fn map_does_not_depend_on_journey_order(js in journeys_strategy(), seed in any::<u64>()) {
        let mut shuffled = js.clone();
        let len = shuffled.len();
        let mut x = seed | 1;
        for i in (1..len).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(map(&js), map(&shuffled));
    }

    #[test]
    fn merging_partial_maps_equals_one_pass(js in journeys_strategy(), cut in any::<prop::sample::Index>()) {
        let at = if js.is_empty() { 0 } else { cut.index(js.len() + 1) };
        let (left, right) = js.split_at(at);
        let mut a = MapAccumulator::exact();
        a.add_journeys(left).unwrap();
        let mut b = MapAccumulator::exact();
        b.add_journeys(right).unwrap();
        // The right half travels as JSON, as it would between distributed workers.
        let b = MapAccumulator::from_json(&b.to_json().unwrap()).unwrap();
        let mut ba = b.clone();
        ba.merge(&a).unwrap();
        a.merge(&b).unwrap();
        let whole = map(&js);
        prop_assert_eq!(&a.finish(&MapOptions::default()).unwrap(), &whole);
        prop_assert_eq!(&ba.finish(&MapOptions::default()).unwrap(), &whole);
    }

    #[test]
    fn columns_give_the_same_map_as_objects(js in journeys_strategy()) {
        let table = JourneyTable::from_journeys(&js).unwrap();
        let from_columns = journey_map_columns(&table.columns(), &MapOptions::default()).unwrap();
        prop_assert_eq!(from_columns, map(&js));
    }

    #[test]
    fn dwell_quantiles_are_nearest_rank(dwells in prop::collection::vec(0i64..10_000_000, 1..200)) {
        let mut table = JourneyTable::default();
        for (i, d) in dwells.iter().enumerate() {
            table.status.push(Status::Abandoned.code());
            table.visit_journey.push(i as u32);
            table.visit_stage.push(Stage::Research.code());
            table.visit_entered.push(1_000);
            table.visit_left.push(1_000 + d);
        }
        let m = journey_map_columns(&table.columns(), &MapOptions::default()).unwrap();
        let mut sorted = dwells.clone();
        sorted.sort_unstable();
        let n = sorted.len();
        let rank = |p: f64| sorted[((p * n as f64).ceil() as usize).max(1) - 1];
        let dwell = &m.stages[1].dwell;
        prop_assert_eq!(dwell.median_seconds, Some(rank(0.5)));
        prop_assert_eq!(dwell.p90_seconds, Some(rank(0.9)));
        prop_assert!(sorted[0] <= dwell.median_seconds.unwrap());
    }

    #[test]
    fn map_json_round_trips_losslessly(js in journeys_strategy()) {
        let m = map(&js);
        let back: JourneyMap = serde_json::from_str(&m.to_json().unwrap()).unwrap();
        prop_assert_eq!(back, m);
        for j in &js {
            prop_assert_eq!(&Journey::from_json(&j.to_json().unwrap()).unwrap(), j);
        }
    }
}

#[test]
fn integer_codes_are_positions_and_names_match_json() {
    fn check<T: serde::Serialize + Copy + std::fmt::Display>(
        all: &[T],
        code: impl Fn(T) -> u8,
        count: usize,
    ) {
        assert_eq!(all.len(), count);
        for (i, v) in all.iter().enumerate() {
            assert_eq!(code(*v) as usize, i);
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::json!(v.to_string())
            );
        }
    }
    check(&Stage::ALL, Stage::code, 7);
    check(&Status::ALL, Status::code, 4);
    check(&Channel::ALL, Channel::code, 10);
    check(&Party::ALL, Party::code, 6);
    check(&TouchpointKind::ALL, TouchpointKind::code, 12);
    check(&Need::ALL, Need::code, Need::COUNT);
    check(&Outcome::ALL, Outcome::code, 4);
    check(&BackReason::ALL, BackReason::code, 3);
    assert_eq!(Stage::from_code(7), None);
    assert_eq!(Channel::from_code(10), None);
    assert_eq!(
        "post_treatment".parse::<Stage>().unwrap(),
        Stage::PostTreatment
    );
    assert_eq!(
        "discharge".parse::<Stage>().unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn journey_needs_an_id() {
    let e = Journey::new(" ", "P", "ivf", Stage::Awareness, t0()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
}

#[test]
fn advancing_past_follow_up_is_an_invalid_transition_naming_the_stage() {
    let mut j = Journey::new("J", "P", "ivf", Stage::FollowUp, t0()).unwrap();
    let e = j.advance(t0()).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    assert!(e.to_string().contains("follow_up"), "{e}");
}

#[test]
fn refused_transition_names_both_stages_and_changes_nothing() {
    let mut j = Journey::new("J", "P", "ivf", Stage::Awareness, t0()).unwrap();
    let before = j.clone();
    let e = j
        .apply(&medjourney::Transition::Move {
            to: Stage::Treatment,
            reason: None,
            at: t0(),
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    let text = e.to_string();
    assert!(
        text.contains("awareness") && text.contains("treatment"),
        "{text}"
    );
    assert_eq!(j, before);
}

#[test]
fn going_back_is_recorded_with_its_reason() {
    let mut j = Journey::new("J", "P", "ivf", Stage::Preparation, t0()).unwrap();
    j.go_back(BackReason::VisaRefused, t0() + Duration::days(3))
        .unwrap();
    let last = j.stages.last().unwrap();
    assert_eq!(
        (last.stage, last.back_reason),
        (Stage::Selection, Some(BackReason::VisaRefused))
    );
    assert_eq!(j.stages[0].left, Some(t0() + Duration::days(3)));
    assert_eq!(j.furthest_stage(), Some(Stage::Preparation));
}

#[test]
fn sentiment_must_be_finite_on_the_scale() {
    let mut j = Journey::new("J", "P", "ivf", Stage::Research, t0()).unwrap();
    for bad in [f64::NAN, f64::INFINITY, SENTIMENT_RANGE.1 + 0.01, -2.5] {
        let mut tp = Touchpoint::new(
            "t",
            Stage::Research,
            t0(),
            Channel::Phone,
            Party::Patient,
            TouchpointKind::Inquiry,
        );
        tp.sentiment = Some(bad);
        assert_eq!(j.record(tp).unwrap_err().code(), "invalid_input", "{bad}");
    }
}

#[test]
fn malformed_journey_json_is_a_parse_error() {
    for text in ["", "{", "[]", r#"{"id": "J"}"#] {
        assert_eq!(
            Journey::from_json(text).unwrap_err().code(),
            "parse_error",
            "{text}"
        );
    }
}

#[test]
fn an_unknown_status_name_in_json_is_the_same_error_as_through_from_str() {
    let text = r#"{"id":"J","patient":"P","procedure":"x","status":"lost","stages":[]}"#;
    let from_json = Journey::from_json(text).unwrap_err();
    assert_eq!(from_json, "lost".parse::<Status>().unwrap_err());
    assert_eq!(from_json.code(), "invalid_input");
}

#[test]
fn columns_with_unequal_lengths_name_the_column() {
    let table = JourneyTable {
        status: vec![0],
        visit_journey: vec![0],
        ..Default::default()
    };
    let e = journey_map_columns(&table.columns(), &MapOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("visit_stage"), "{e}");
}

#[test]
fn empty_columns_give_an_empty_map_without_nan() {
    let m = journey_map_columns(&JourneyColumns::default(), &MapOptions::default()).unwrap();
    assert_eq!(m.journeys, 0);
    let text = m.to_json().unwrap();
    assert!(!text.contains("NaN"), "{text}");
    assert!(m
        .stages
        .iter()
        .all(|s| s.conversion.is_none() && s.sentiment.mean.is_none()));
}

#[test]
fn open_visit_marker_is_not_a_dwell() {
    let table = JourneyTable {
        status: vec![Status::Active.code()],
        visit_journey: vec![0],
        visit_stage: vec![0],
        visit_entered: vec![100],
        visit_left: vec![NO_TIME],
        ..Default::default()
    };
    let m = journey_map_columns(&table.columns(), &MapOptions::default()).unwrap();
    assert_eq!((m.stages[0].still_there, m.stages[0].dwell.count), (1, 0));
}

#[test]
fn extreme_instants_are_outside_the_supported_years_not_a_panic() {
    let (first, last) = medjourney::dates::EPOCH_SECONDS;
    for (entered, left) in [
        (i64::MIN + 1, i64::MAX),
        (first - 1, first),
        (last, last + 1),
        (0, i64::MAX),
    ] {
        let table = JourneyTable {
            status: vec![Status::Abandoned.code()],
            visit_journey: vec![0],
            visit_stage: vec![0],
            visit_entered: vec![entered],
            visit_left: vec![left],
            ..Default::default()
        };
        let e = journey_map_columns(&table.columns(), &MapOptions::default()).unwrap_err();
        assert_eq!(e.code(), "invalid_input", "{entered}..{left}: {e}");
    }
    // The whole supported range is one dwell, without overflow.
    let table = JourneyTable {
        status: vec![Status::Abandoned.code()],
        visit_journey: vec![0],
        visit_stage: vec![0],
        visit_entered: vec![first],
        visit_left: vec![last],
        ..Default::default()
    };
    let m = journey_map_columns(&table.columns(), &MapOptions::default()).unwrap();
    assert_eq!(m.stages[0].dwell.median_seconds, Some(last - first));
}

#[test]
fn merging_counts_past_u64_is_an_overflow() {
    let table = JourneyTable {
        status: vec![0],
        ..Default::default()
    };
    let mut acc = MapAccumulator::new();
    acc.add_columns(&table.columns()).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&acc.to_json().unwrap()).unwrap();
    json["journeys"] = serde_json::json!(u64::MAX);
    json["statuses"] = serde_json::json!([u64::MAX, 0, 0, 0]);
    let big = MapAccumulator::from_json(&json.to_string()).unwrap();
    let before = acc.clone();
    assert_eq!(acc.merge(&big).unwrap_err().code(), "overflow");
    assert_eq!(
        acc, before,
        "a failed merge leaves the accumulator as it was"
    );
    assert_eq!(
        MapAccumulator::from_json("{").unwrap_err().code(),
        "parse_error"
    );
}

#[test]
fn bad_options_are_refused() {
    for o in [
        MapOptions {
            sentiment_below: f64::NAN,
            ..Default::default()
        },
        MapOptions {
            dwell_spread: 0.5,
            ..Default::default()
        },
        MapOptions {
            drop_rate: 1.5,
            ..Default::default()
        },
    ] {
        assert_eq!(
            journey_map(&[], &o).unwrap_err().code(),
            "invalid_input",
            "{o:?}"
        );
    }
}

#[test]
fn svg_is_well_formed_and_escapes_user_text() {
    let m = samples::journey_map_sample().unwrap();
    let title = "Q1 <script>alert('x')</script> & \"partners\"";
    let svg = m.to_svg_titled(title);
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
    let title_node = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title_node.text(), Some(title));
    let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
    for s in Stage::ALL {
        assert!(texts.contains(s.title()), "stage {s} drawn");
    }
    let frames = doc
        .descendants()
        .filter(|n| n.attribute("stroke") == Some("#d9534f") && n.has_tag_name("rect"))
        .count();
    assert_eq!(frames, m.pain_points.len(), "one red frame per pain point");
    assert!(
        roxmltree::Document::parse(&map(&[]).to_svg()).is_ok(),
        "an empty map draws too"
    );
}

#[test]
#[cfg(feature = "csv")]
fn csv_has_a_row_per_stage_matching_rows() {
    let m = samples::journey_map_sample().unwrap();
    let text = m.to_csv().unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "stage");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let rows = m.rows();
    assert_eq!(records.len(), 7);
    for (rec, row) in records.iter().zip(&rows) {
        assert_eq!(&rec[0], row.stage.as_str());
        assert_eq!(rec[1].parse::<u64>().unwrap(), row.entered);
        assert_eq!(&rec[16], row.pain.as_str());
    }
}

#[test]
fn sample_journeys_tell_the_shared_story() {
    let js = samples::journeys().unwrap();
    assert!(js.len() >= 30, "a few dozen journeys");
    let now = samples::journeys_as_of();
    for j in &js {
        j.validate().unwrap();
        assert!(
            j.last_instant().unwrap() <= now,
            "{} is not in the future",
            j.id
        );
    }
    let pt = js.iter().find(|j| j.patient == "PT-0042").unwrap();
    assert_eq!(pt.status, Status::Active);
    assert_eq!(pt.current_stage(), Some(Stage::Preparation));
    assert_eq!(pt.procedure, "knee_replacement");
    for clinic in ["bosphorus-ortho", "siam-joint", "chennai-ortho"] {
        assert!(
            pt.touchpoints.iter().any(|t| t.note.contains(clinic)),
            "{clinic}"
        );
    }
    let m = map(&js);
    let dropped = |s: Stage| m.stages[s.code() as usize].dropped;
    assert!(dropped(Stage::Research) > 0 && dropped(Stage::Preparation) > 0);
    assert!(m.statuses.on_hold > 0);
    assert!(m.statuses.completed * 2 > m.journeys, "most completed");
    assert!(
        !m.pain_points.is_empty(),
        "the main job has pain points to print"
    );
    assert_eq!(samples::journeys().unwrap(), js, "deterministic");
    let back: Vec<Journey> = serde_json::from_str(&samples::journeys_json().unwrap()).unwrap();
    assert_eq!(back, js);
}

#[test]
fn synthetic_table_is_valid_and_sized_as_asked() {
    let t = samples::journey_table(2_000, 20_000, 7).unwrap();
    let m = journey_map_columns(&t.columns(), &MapOptions::default()).unwrap();
    assert_eq!((m.journeys, m.touchpoints), (2_000, 20_000));
    for s in &m.stages {
        assert_eq!(s.entered, s.moved_on + s.dropped + s.still_there);
    }
    assert!(m.pain_points.iter().all(|p| !p.reasons.is_empty()));
}

/// Measures the batch path at the benchmark's size: `cargo test -p medjourney --test journey
/// -- --ignored --nocapture journey_map_of_a_million_touchpoints`.
#[test]
#[ignore]
fn journey_map_of_a_million_touchpoints() {
    let t = samples::journey_table(100_000, 1_000_000, 42).unwrap();
    let cols = t.columns();
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let m = journey_map_columns(&cols, &MapOptions::default()).unwrap();
        best = best.min(start.elapsed());
        assert_eq!(m.touchpoints, 1_000_000);
    }
    println!("journey_map_columns 1e5 journeys / 1e6 touchpoints: best of 5 {best:?}");
}

/// A change that spoils one column value of a valid table.
type Mutation = Box<dyn Fn(&mut JourneyTable)>;

#[test]
fn every_bad_column_value_is_refused_with_its_code() {
    let js = samples::journeys().unwrap();
    let good = JourneyTable::from_journeys(&js).unwrap();
    journey_map_columns(&good.columns(), &MapOptions::default()).unwrap();
    let completed = good
        .status
        .iter()
        .position(|&s| s == Status::Completed.code())
        .unwrap() as u32;
    let awareness_row = good
        .visit_journey
        .iter()
        .zip(&good.visit_stage)
        .position(|(&j, &s)| j == completed && s == 0)
        .unwrap();
    let cases: Vec<(&str, &str, Mutation)> = vec![
        (
            "visit stage code",
            "invalid_input",
            Box::new(|t| t.visit_stage[0] = 7),
        ),
        (
            "open entered instant",
            "invalid_input",
            Box::new(|t| t.visit_entered[0] = NO_TIME),
        ),
        (
            "touch kind code",
            "invalid_input",
            Box::new(|t| t.touch_kind[0] = 12),
        ),
        (
            "touch stage code",
            "invalid_input",
            Box::new(|t| t.touch_stage[0] = 9),
        ),
        (
            "touch journey number",
            "invalid_input",
            Box::new(|t| t.touch_journey[0] = u32::MAX),
        ),
        (
            "infinite sentiment",
            "invalid_input",
            Box::new(|t| t.touch_sentiment[0] = f64::INFINITY),
        ),
        (
            "touch before its stage",
            "time_order",
            Box::new(|t| t.touch_at[0] = medjourney::dates::EPOCH_SECONDS.0),
        ),
        (
            "need code",
            "invalid_input",
            Box::new(|t| t.need_code[0] = 11),
        ),
        (
            "need stage code",
            "invalid_input",
            Box::new(|t| t.need_stage[0] = 7),
        ),
        (
            "need journey number",
            "invalid_input",
            Box::new(|t| t.need_journey[0] = 1_000),
        ),
        (
            "need column length",
            "invalid_input",
            Box::new(|t| {
                t.need_met.pop();
            }),
        ),
        (
            "visit column length",
            "invalid_input",
            Box::new(|t| {
                t.visit_left.pop();
            }),
        ),
        (
            "completed before follow_up",
            "invalid_transition",
            Box::new(move |t| {
                let keep: Vec<bool> = t
                    .visit_journey
                    .iter()
                    .zip(&t.visit_stage)
                    .map(|(&j, &s)| j != completed || s == 0)
                    .collect();
                let mut k = keep.iter();
                t.visit_journey.retain(|_| *k.next().unwrap());
                let mut k = keep.iter();
                t.visit_stage.retain(|_| *k.next().unwrap());
                let mut k = keep.iter();
                t.visit_entered.retain(|_| *k.next().unwrap());
                let mut k = keep.iter();
                t.visit_left.retain(|_| *k.next().unwrap());
                t.touch_journey.iter_mut().for_each(|j| {
                    if *j == completed {
                        *j = 0
                    }
                });
            }),
        ),
        (
            "treatment before awareness",
            "time_order",
            Box::new(move |t| {
                t.visit_entered[awareness_row] = medjourney::dates::EPOCH_SECONDS.1;
                t.visit_left[awareness_row] = medjourney::dates::EPOCH_SECONDS.1;
            }),
        ),
    ];
    for (what, code, mutate) in cases {
        let mut t = good.clone();
        mutate(&mut t);
        let e = journey_map_columns(&t.columns(), &MapOptions::default()).unwrap_err();
        assert_eq!(e.code(), code, "{what}: {e}");
    }
}

#[test]
fn sample_journey_table_refuses_sizes_a_32_bit_memory_cannot_hold() {
    let err = samples::journey_table(samples::MAX_TABLE_JOURNEYS + 1, 10, 1).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err = samples::journey_table(10, samples::MAX_TABLE_TOUCHPOINTS + 1, 1).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let t = samples::journey_table(3, 30, 1).expect("small tables are fine");
    assert_eq!(t.status.len(), 3);
}

#[test]
fn every_transition_reads_back_from_the_json_it_writes() {
    use medjourney::Transition as T;
    let at = "2027-03-01T09:00:00Z".parse().unwrap();
    let to: medjourney::Stage = "research".parse().unwrap();
    let reason = serde_json::from_str(r#""clinic_declined""#).unwrap();
    for t in [
        T::Move {
            to,
            reason: None,
            at,
        },
        T::Move {
            to,
            reason: Some(reason),
            at,
        },
        T::Hold { at },
        T::Resume { at },
        T::Abandon { at },
        T::Complete { at },
    ] {
        let text = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<T>(&text).unwrap(), t, "{text}");
    }
}

#[test]
fn a_transition_missing_a_field_of_its_action_is_refused_naming_the_field() {
    let err = |text: &str| {
        serde_json::from_str::<medjourney::Transition>(text)
            .unwrap_err()
            .to_string()
    };
    assert!(
        err(r#"{"action": "move", "at": "2027-03-01T09:00:00Z"}"#).contains("missing field `to`")
    );
    assert!(err(r#"{"action": "move"}"#).contains("missing field `to`"));
    assert!(err(r#"{"action": "move", "to": "research"}"#).contains("missing field `at`"));
    assert!(err(r#"{"action": "hold"}"#).contains("missing field `at`"));
    assert!(err(r#"{"at": "2027-03-01T09:00:00Z"}"#).contains("missing field `action`"));
    assert!(err(r#"{"action": "jump", "at": "2027-03-01T09:00:00Z"}"#)
        .contains("unknown variant `jump`"));
    // Names no action has are ignored, as before.
    let hold: medjourney::Transition =
        serde_json::from_str(r#"{"action": "hold", "at": "2027-03-01T09:00:00Z", "note": 1}"#)
            .unwrap();
    assert!(matches!(hold, medjourney::Transition::Hold { .. }));
}
