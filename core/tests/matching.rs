//! Provider matching through the public API: filters, scores, ranking invariants.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::matching::{shrunk_rate, shrunk_rate_bounds, Criterion, Method};
use medjourney::{
    rank, samples, topsis, weighted_sum, Catalog, Normalization, RankOptions, Ranking, Request,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn sample() -> (Catalog, Request, RankOptions) {
    let mut options = samples::rank_options().unwrap();
    options.top_k = None;
    (
        samples::catalog().unwrap(),
        samples::request().unwrap(),
        options,
    )
}

fn ids(r: &Ranking) -> Vec<&str> {
    r.matches.iter().map(|m| m.provider_id.as_str()).collect()
}

fn catalog(providers: Value) -> Catalog {
    Catalog::from_json(&json!({ "providers": providers }).to_string()).unwrap()
}

fn knee_request(extra: Value) -> Request {
    let mut base =
        json!({"procedure": "knee_replacement", "travelDate": "2027-02-15", "currency": "EUR"});
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(base).unwrap()
}

fn clinic(id: &str, price: &str, extra: Value) -> Value {
    let mut p = json!({"id": id, "name": id, "country": "TR", "languages": ["en"],
        "procedures": [{"code": "knee_replacement", "price": {"amount": price, "currency": "EUR"}}]});
    if let (Some(b), Some(e)) = (p.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    p
}

#[test]
fn sample_ranking_puts_the_all_inclusive_istanbul_package_first() {
    let (c, r, o) = sample();
    let ranking = rank(&c, &r, &o).unwrap();
    assert_eq!(
        ranking.matches.first().map(|m| m.provider_id.as_str()),
        Some("bosphorus-ortho")
    );
    // The THB quote has a low fee but a wide all-in range: dearer mid-point than Istanbul.
    let price = |id: &str| {
        ranking
            .matches
            .iter()
            .find(|m| m.provider_id == id)
            .unwrap()
            .criteria[0]
            .raw
            .unwrap()
    };
    assert!(price("siam-joint") > price("bosphorus-ortho"));
    assert_eq!(ranking.currency.map(|c| c.code()), Some("GBP"));
}

#[test]
fn weighted_sum_contributions_add_up_to_the_score() {
    let (c, r, o) = sample();
    for m in rank(&c, &r, &o).unwrap().matches {
        let sum: f64 = m.criteria.iter().map(|k| k.contribution).sum();
        assert!(
            (sum - m.score).abs() < 1e-12,
            "{}: {sum} vs {}",
            m.provider_id,
            m.score
        );
        assert_eq!(m.criteria.len(), Criterion::ALL.len());
        for k in &m.criteria {
            assert!((0.0..=1.0).contains(&k.normalized), "{:?}", k);
        }
    }
}

#[test]
fn top_k_is_the_prefix_of_the_full_ranking() {
    let (c, r, mut o) = sample();
    let full = rank(&c, &r, &o).unwrap();
    for k in 1..=full.matches.len() + 1 {
        o.top_k = Some(k);
        let top = rank(&c, &r, &o).unwrap();
        let n = k.min(full.matches.len());
        assert_eq!(top.matches, full.matches[..n].to_vec(), "k = {k}");
        assert_eq!(top.candidates, full.candidates);
    }
}

#[test]
fn large_top_k_path_agrees_with_the_small_buffer_path() {
    // 600 candidates: topK 300 takes the select_nth path, topK 10 the bounded buffer.
    let providers: Vec<Value> = (0..600)
        .map(|i| {
            clinic(
                &format!("clinic-{i:03}"),
                &format!("{}.00", 5000 + (i * 7919) % 3000),
                json!({"airportDistanceKm": f64::from((i * 31) % 97)}),
            )
        })
        .collect();
    let c = catalog(Value::Array(providers));
    let r = knee_request(json!({}));
    let big = rank(
        &c,
        &r,
        &RankOptions {
            top_k: Some(300),
            ..RankOptions::default()
        },
    )
    .unwrap();
    let small = rank(
        &c,
        &r,
        &RankOptions {
            top_k: Some(10),
            ..RankOptions::default()
        },
    )
    .unwrap();
    assert_eq!(small.matches, big.matches[..10].to_vec());
    let scores: Vec<f64> = big.matches.iter().map(|m| m.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn removing_an_excluded_provider_does_not_change_the_ranking() {
    let (c, r, o) = sample();
    let before = rank(&c, &r, &o).unwrap();
    for gone in &before.excluded {
        let rest: Vec<_> = c
            .providers()
            .iter()
            .filter(|p| p.id != gone.provider_id)
            .cloned()
            .collect();
        let after = rank(&Catalog::new(rest).unwrap(), &r, &o).unwrap();
        assert_eq!(
            after.matches, before.matches,
            "without {}",
            gone.provider_id
        );
    }
}

#[test]
fn every_excluded_provider_has_a_reason_and_no_candidate_is_listed() {
    let (c, r, o) = sample();
    let ranking = rank(&c, &r, &o).unwrap();
    assert_eq!(ranking.excluded.len(), ranking.excluded_total);
    assert_eq!(ranking.candidates + ranking.excluded_total, c.len());
    for e in &ranking.excluded {
        assert!(!e.reasons.is_empty(), "{}", e.provider_id);
        assert!(!ranking
            .matches
            .iter()
            .any(|m| m.provider_id == e.provider_id));
    }
    let listed: Vec<&str> = ranking
        .excluded
        .iter()
        .map(|e| e.provider_id.as_str())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted, "exclusions are sorted by id");
}

#[test]
fn max_exclusions_lists_the_first_ids_and_still_counts_all() {
    let (c, r, mut o) = sample();
    let all = rank(&c, &r, &o).unwrap();
    o.max_exclusions = Some(3);
    let few = rank(&c, &r, &o).unwrap();
    assert_eq!(few.excluded, all.excluded[..3].to_vec());
    assert_eq!(few.excluded_total, all.excluded_total);
    o.max_exclusions = Some(0);
    assert!(rank(&c, &r, &o).unwrap().excluded.is_empty());
}

#[test]
fn two_of_two_successes_do_not_beat_960_of_1000() {
    // At a prior rate of 0.96 shrinking alone leaves 2/2 on top; the bound does not.
    let p = (2.0 + 960.0) / 1002.0;
    assert!(shrunk_rate(2.0, 2.0, p, 100.0) > shrunk_rate(960.0, 1000.0, p, 100.0));
    let low = |s, n| shrunk_rate_bounds(s, n, p, 100.0, 1.65).0;
    assert!(low(2.0, 2.0) < low(960.0, 1000.0));
    let c = catalog(json!([
        clinic(
            "tiny-record",
            "8000.00",
            json!({"procedures": [{"code": "knee_replacement", "success": {"cases": 2, "count": 2}}]})
        ),
        clinic(
            "long-record",
            "8000.00",
            json!({"procedures": [{"code": "knee_replacement", "success": {"cases": 1000, "count": 960}}]})
        ),
    ]));
    let r = knee_request(
        json!({"weights": {"price": 0, "quality": 1, "reviews": 0, "accreditation": 0, "wait": 0, "language": 0, "amenities": 0, "travel": 0}}),
    );
    let ranking = rank(&c, &r, &RankOptions::default()).unwrap();
    assert_eq!(ids(&ranking), ["long-record", "tiny-record"]);
    let q = &ranking.matches[0].criteria[1];
    assert_eq!(q.cases, Some(1000), "the case count travels with the rate");
}

#[test]
fn missing_data_scores_as_the_worst_and_shows_null() {
    let c = catalog(json!([
        clinic(
            "known-wait",
            "8000.00",
            json!({"procedures": [{"code": "knee_replacement", "medianWaitDays": 40}]})
        ),
        clinic("unknown-wait", "8000.00", json!({})),
    ]));
    let r = knee_request(
        json!({"weights": {"wait": 1, "price": 0, "quality": 0, "reviews": 0, "accreditation": 0, "language": 0, "amenities": 0, "travel": 0}}),
    );
    let ranking = rank(&c, &r, &RankOptions::default()).unwrap();
    assert_eq!(ids(&ranking), ["known-wait", "unknown-wait"]);
    let wait = &ranking.matches[1].criteria[4];
    assert_eq!((wait.raw, wait.normalized), (None, 0.0));
}

#[test]
fn a_review_mean_without_a_count_carries_no_weight() {
    let c = catalog(json!([
        clinic("mean-only", "8000.00", json!({"reviews": {"mean": 5.0}})),
        clinic(
            "counted",
            "8000.00",
            json!({"reviews": {"stars": [0, 0, 10, 10, 0]}})
        ),
    ]));
    let r = knee_request(json!({}));
    let ranking = rank(&c, &r, &RankOptions::default()).unwrap();
    let reviews = |id: &str| {
        ranking
            .matches
            .iter()
            .find(|m| m.provider_id == id)
            .unwrap()
            .criteria[2]
            .raw
            .unwrap()
    };
    // The mean-only clinic gets the fixed prior mean (3 stars), not its unbacked 5.0.
    assert_eq!(reviews("mean-only"), 3.0);
    assert_eq!(reviews("counted"), (70.0 + 150.0) / 70.0);
}

#[test]
fn interpreter_covers_half_of_an_unspoken_language() {
    let c = catalog(json!([
        clinic(
            "with-interpreter",
            "8000.00",
            json!({"languages": ["en"], "amenities": ["interpreter"]})
        ),
        clinic("without", "8000.00", json!({"languages": ["en"]})),
    ]));
    let r = knee_request(json!({"languages": ["en", "ar"]}));
    let ranking = rank(&c, &r, &RankOptions::default()).unwrap();
    let lang = |id: &str| {
        ranking
            .matches
            .iter()
            .find(|m| m.provider_id == id)
            .unwrap()
            .criteria[5]
            .raw
            .unwrap()
    };
    assert_eq!((lang("with-interpreter"), lang("without")), (0.75, 0.5));
}

#[test]
fn topsis_method_ranks_and_scores_within_unit_interval() {
    let (c, r, mut o) = sample();
    o.method = Method::Topsis;
    let ranking = rank(&c, &r, &o).unwrap();
    assert_eq!(ranking.matches.len(), 7);
    for m in &ranking.matches {
        assert!((0.0..=1.0).contains(&m.score));
    }
    o.normalization = Normalization::Vector;
    assert_eq!(rank(&c, &r, &o).unwrap().matches.len(), 7);
}

#[test]
fn json_shapes_round_trip() {
    let (c, r, o) = sample();
    let back = Catalog::from_json(&c.to_json().unwrap()).unwrap();
    assert_eq!(back, c);
    let r2: Request = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(r2, r);
    let o2: RankOptions = serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
    assert_eq!(o2, o);
    let ranking = rank(&c, &r, &o).unwrap();
    let text = serde_json::to_string(&ranking).unwrap();
    assert_eq!(serde_json::from_str::<Ranking>(&text).unwrap(), ranking);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v["matches"][0]["providerId"].is_string());
    assert!(v["excluded"][0]["reasons"][0]["code"].is_string());
    assert_eq!(v["method"], json!("weighted_sum"));
}

#[test]
fn bad_records_are_named_with_their_field() {
    let err = Catalog::from_json(
        r#"{"providers": [{"id": "ok-one", "name": "A", "country": "TR"},
        {"id": "bad-one", "name": "B", "country": "TR", "languages": ["EN"]}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_provider");
    let text = err.to_string();
    assert!(
        text.contains("bad-one") && text.contains("languages[0]"),
        "{text}"
    );

    let err = Catalog::from_json(
        r#"[{"id": "x-1", "name": "X", "country": "TR", "reviews": {"stars": "many"}}]"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "parse_error");
    assert!(err.to_string().contains("#0 (x-1)"), "{err}");

    assert_eq!(
        Catalog::from_json("{not json").unwrap_err().code(),
        "parse_error"
    );
    for (field, bad) in [
        ("id", json!({"id": "Bad Id", "name": "X", "country": "TR"})),
        ("name", json!({"id": "x", "name": " ", "country": "TR"})),
        (
            "coordinates",
            json!({"id": "x", "name": "X", "country": "TR", "coordinates": {"lat": 95.0, "lon": 0.0}}),
        ),
        (
            "airportDistanceKm",
            json!({"id": "x", "name": "X", "country": "TR", "airportDistanceKm": -1.0}),
        ),
        (
            "reviews.mean",
            json!({"id": "x", "name": "X", "country": "TR", "reviews": {"mean": 7.0}}),
        ),
        (
            "accreditations[0].expires",
            json!({"id": "x", "name": "X", "country": "TR", "accreditations": [{"body": "jci", "issued": "2026-01-01", "expires": "2025-01-01"}]}),
        ),
        (
            "procedures[1].code",
            json!({"id": "x", "name": "X", "country": "TR", "procedures": [{"code": "a"}, {"code": "a"}]}),
        ),
        (
            "procedures[0].price",
            json!({"id": "x", "name": "X", "country": "TR", "procedures": [{"code": "a", "price": {"amount": "-1", "currency": "EUR"}}]}),
        ),
        (
            "procedures[0].priceMax",
            json!({"id": "x", "name": "X", "country": "TR", "procedures": [{"code": "a", "price": {"amount": "1", "currency": "EUR"}, "priceMax": {"amount": "2", "currency": "USD"}}]}),
        ),
        (
            "procedures[0].success",
            json!({"id": "x", "name": "X", "country": "TR", "procedures": [{"code": "a", "success": {"cases": 10, "rate": 1.5}}]}),
        ),
        (
            "procedures[0].complications",
            json!({"id": "x", "name": "X", "country": "TR", "procedures": [{"code": "a", "complications": {"cases": 10, "count": 1, "rate": 0.1}}]}),
        ),
    ] {
        let err = Catalog::from_json(&json!([bad]).to_string()).unwrap_err();
        assert_eq!(err.code(), "invalid_provider", "{field}");
        assert!(err.to_string().contains(field), "{field}: {err}");
    }
}

#[test]
fn bad_requests_and_options_are_rejected_with_codes() {
    let (c, r, o) = sample();
    let with = |f: &dyn Fn(&mut Request)| {
        let mut r = r.clone();
        f(&mut r);
        rank(&c, &r, &o).unwrap_err().code()
    };
    assert_eq!(with(&|r| r.procedure = " ".into()), "invalid_input");
    assert_eq!(
        with(&|r| r.excluded_countries = vec!["gb".into()]),
        "invalid_input"
    );
    assert_eq!(
        with(&|r| r.budget = Some(medjourney::Money::parse("-1.00 GBP").unwrap())),
        "invalid_input"
    );
    assert_eq!(
        with(&|r| r.currency = Some(medjourney::Currency::from_code("EUR").unwrap())),
        "invalid_input"
    );
    assert_eq!(
        with(&|r| {
            r.travel_hours.insert("TR".into(), -2.0);
        }),
        "invalid_input"
    );
    assert_eq!(
        with(&|r| {
            r.travel_hours.insert("Turkey".into(), 4.0);
        }),
        "invalid_input"
    );
    assert_eq!(
        with(&|r| r.weights.travel = f64::INFINITY),
        "invalid_weights"
    );
    assert_eq!(with(&|r| r.weights.price = f64::NAN), "invalid_weights");
    let mut bad = o.clone();
    bad.prior_cases = -1.0;
    assert_eq!(rank(&c, &r, &bad).unwrap_err().code(), "invalid_input");
    bad = o.clone();
    bad.prior_reviews = f64::NAN;
    assert_eq!(rank(&c, &r, &bad).unwrap_err().code(), "invalid_input");
}

#[test]
fn prices_in_two_currencies_need_a_request_currency() {
    let c = catalog(json!([
        clinic("in-euro", "8000.00", json!({})),
        {"id": "in-baht", "name": "B", "country": "TH", "procedures": [{"code": "knee_replacement", "price": {"amount": "300000", "currency": "THB"}}]},
    ]));
    let r: Request = serde_json::from_value(
        json!({"procedure": "knee_replacement", "travelDate": "2027-02-15"}),
    )
    .unwrap();
    let o = RankOptions {
        fx: samples::fx().unwrap(),
        ..RankOptions::default()
    };
    assert_eq!(rank(&c, &r, &o).unwrap_err().code(), "invalid_input");
    let same = catalog(json!([clinic("in-euro", "8000.00", json!({}))]));
    assert_eq!(
        rank(&same, &r, &o).unwrap().currency.map(|c| c.code()),
        Some("EUR")
    );
}

#[test]
fn unknown_procedure_excludes_everyone_with_that_reason() {
    let (c, mut r, o) = sample();
    r.procedure = "heart_transplant".into();
    let ranking = rank(&c, &r, &o).unwrap();
    assert!(ranking.matches.is_empty());
    assert_eq!(ranking.excluded_total, c.len());
    assert!(ranking.excluded.iter().all(|e| e
        .reasons
        .iter()
        .any(|x| x.code() == "procedure_not_offered")));
}

#[test]
fn raw_mcdm_rejects_malformed_matrices() {
    assert_eq!(
        topsis(
            &[1.0, f64::NAN],
            1,
            2,
            &[1.0, 1.0],
            &[1, 1],
            Normalization::MinMax
        )
        .unwrap_err()
        .code(),
        "invalid_matrix"
    );
    assert_eq!(
        topsis(
            &[1.0],
            usize::MAX,
            2,
            &[1.0, 1.0],
            &[1, 1],
            Normalization::MinMax
        )
        .unwrap_err()
        .code(),
        "invalid_matrix"
    );
    assert_eq!(
        weighted_sum(&[1.0, 2.0], 1, 2, &[1.0, 1.0], &[1], Normalization::MinMax)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        weighted_sum(&[1.0, 2.0], 1, 2, &[], &[1, 1], Normalization::MinMax)
            .unwrap_err()
            .code(),
        "invalid_weights"
    );
}

fn matrix_strategy() -> impl Strategy<Value = (usize, usize, Vec<f64>, Vec<f64>, Vec<i8>)> {
    (1usize..8, 1usize..6).prop_flat_map(|(rows, cols)| {
        (
            Just(rows),
            Just(cols),
            prop::collection::vec(
                prop_oneof![-1e6..1e6f64, Just(0.0), Just(1e300), Just(-1e300)],
                rows * cols,
            ),
            prop::collection::vec(0.0..10.0f64, cols),
            prop::collection::vec(prop_oneof![Just(1i8), Just(-1i8)], cols),
        )
    })
}

proptest! {
    #[test]
    fn scores_are_finite_and_within_unit_interval((rows, cols, m, mut w, t) in matrix_strategy()) {
        if let Some(first) = w.first_mut() { *first += 0.1; }
        for norm in [Normalization::MinMax, Normalization::Vector] {
            for s in topsis(&m, rows, cols, &w, &t, norm).unwrap() {
                prop_assert!(s.is_finite() && (0.0..=1.0).contains(&s), "topsis {s}");
            }
        }
        for s in weighted_sum(&m, rows, cols, &w, &t, Normalization::MinMax).unwrap() {
            prop_assert!(s.is_finite() && (-1e-12..=1.0 + 1e-12).contains(&s), "wsm {s}");
        }
    }

    #[test]
    fn improving_a_benefit_criterion_never_lowers_the_weighted_sum(
        (rows, cols, m, mut w, t) in matrix_strategy(),
        pick in any::<prop::sample::Index>(),
        step in 0.0..1e5f64,
    ) {
        if let Some(first) = w.first_mut() { *first += 0.1; }
        let cell = pick.index(rows * cols);
        let before = weighted_sum(&m, rows, cols, &w, &t, Normalization::MinMax).unwrap();
        let mut better = m.clone();
        // A benefit improves upward, a cost downward.
        let dir = if t[cell % cols] == 1 { 1.0 } else { -1.0 };
        better[cell] += dir * step;
        let after = weighted_sum(&better, rows, cols, &w, &t, Normalization::MinMax).unwrap();
        let row = cell / cols;
        prop_assert!(after[row] >= before[row] - 1e-12, "{} -> {}", before[row], after[row]);
    }

    #[test]
    fn cheaper_or_closer_provider_never_scores_lower_in_rank(
        seed in prop::collection::vec((5000u32..15000, 0u32..120), 2..12),
        pick in any::<prop::sample::Index>(),
        cut in 1u32..4000,
        closer in 0u32..100,
    ) {
        let build = |s: &[(u32, u32)]| catalog(Value::Array(s.iter().enumerate().map(|(i, (p, km))| {
            clinic(&format!("c-{i}"), &format!("{p}.00"), json!({"airportDistanceKm": f64::from(*km)}))
        }).collect()));
        let i = pick.index(seed.len());
        let mut better = seed.clone();
        better[i].0 = better[i].0.saturating_sub(cut).max(1);
        better[i].1 = better[i].1.saturating_sub(closer);
        let r = knee_request(json!({}));
        let o = RankOptions { top_k: None, ..RankOptions::default() };
        let id = format!("c-{i}");
        let score = |c: &Catalog| rank(c, &r, &o).unwrap().matches.into_iter().find(|m| m.provider_id == id).unwrap().score;
        prop_assert!(score(&build(&better)) >= score(&build(&seed)) - 1e-12);
    }

    #[test]
    fn ranking_does_not_depend_on_catalog_order(perm in Just((0..22usize).collect::<Vec<_>>()).prop_shuffle()) {
        let (c, r, o) = sample();
        let shuffled: Vec<_> = perm.iter().map(|&i| c.providers()[i].clone()).collect();
        let a = rank(&c, &r, &o).unwrap();
        let b = rank(&Catalog::new(shuffled).unwrap(), &r, &o).unwrap();
        prop_assert_eq!(ids(&a), ids(&b));
        for (x, y) in a.matches.iter().zip(&b.matches) {
            prop_assert!((x.score - y.score).abs() < 1e-12);
        }
        prop_assert_eq!(a.excluded, b.excluded);
    }

    #[test]
    fn any_text_as_a_catalog_is_an_error_or_a_catalog_never_a_panic(text in ".{0,200}") {
        let _ = Catalog::from_json(&text);
        let _ = Catalog::from_json(&format!("{{\"providers\": [{{\"id\": \"a\", \"name\": \"n\", \"country\": \"TR\", {text}}}]}}"));
    }
}
