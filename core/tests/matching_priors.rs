//! The rules that keep a ranking's answers right where an expert would check them: fixed
//! priors, missing figures at the prior's pessimistic side, exact ties, and no way for a
//! provider to lose score by getting better.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::matching::{
    shrunk_rate, shrunk_rate_bounds, Accreditation, AccreditationBody, Amenity, Outcome,
    OutcomePrior, ProcedureOffer, Reviews,
};
use medjourney::{
    rank, samples, Catalog, Money, Normalization, Provider, RankOptions, Ranking, Request,
};
use proptest::prelude::*;
use serde_json::json;

const PROCEDURE: &str = "knee_replacement";

fn request(weights: serde_json::Value) -> Request {
    serde_json::from_value(json!({
        "procedure": PROCEDURE, "travelDate": "2027-02-15", "currency": "EUR",
        "languages": ["en", "de"], "preferences": ["interpreter", "airport_transfer", "halal_food"],
        "travelHours": {"TR": 4.0, "HU": 2.5},
        "weights": weights,
    }))
    .unwrap()
}

fn only(criterion: &str) -> serde_json::Value {
    let mut w = json!({"price": 0, "quality": 0, "reviews": 0, "accreditation": 0, "wait": 0,
        "language": 0, "amenities": 0, "travel": 0});
    w[criterion] = json!(1);
    w
}

fn offer(success: Option<(u32, u32)>, compl: Option<(u32, u32)>) -> ProcedureOffer {
    ProcedureOffer {
        code: PROCEDURE.into(),
        name: String::new(),
        price: Some(Money::from_parts("8000.00", "EUR").unwrap()),
        price_max: None,
        annual_volume: None,
        success: success.map(|(count, cases)| Outcome {
            cases,
            count: Some(count),
            rate: None,
        }),
        complications: compl.map(|(count, cases)| Outcome {
            cases,
            count: Some(count),
            rate: None,
        }),
        median_wait_days: None,
    }
}

fn provider(id: &str, offer: ProcedureOffer) -> Provider {
    Provider {
        id: id.into(),
        name: id.into(),
        country: "TR".into(),
        city: String::new(),
        coordinates: None,
        accreditations: vec![],
        procedures: vec![offer],
        doctors: vec![],
        languages: vec!["en".into()],
        reviews: None,
        amenities: vec![],
        airport_distance_km: None,
        time_zone: None,
        airport: None,
    }
}

fn score(ranking: &Ranking, id: &str) -> f64 {
    ranking
        .matches
        .iter()
        .find(|m| m.provider_id == id)
        .unwrap_or_else(|| panic!("{id} is not among the matches"))
        .score
}

fn raw(ranking: &Ranking, id: &str, column: usize) -> Option<f64> {
    ranking
        .matches
        .iter()
        .find(|m| m.provider_id == id)
        .and_then(|m| m.criteria.get(column))
        .and_then(|c| c.raw)
}

fn all() -> RankOptions {
    RankOptions {
        top_k: None,
        ..RankOptions::default()
    }
}

#[test]
fn cutting_complications_never_lowers_the_providers_own_score() {
    // The case: with pooled priors, 5/100 → 0/100 lowered the pooled rate, lifted
    // the silent provider more than the improver, and dropped the improver's score.
    let build = |complications: u32| {
        Catalog::new(vec![
            provider(
                "improver",
                offer(Some((95, 100)), Some((complications, 100))),
            ),
            provider("silent", offer(Some((95, 100)), None)),
            provider("steady", offer(Some((90, 100)), Some((3, 100)))),
        ])
        .unwrap()
    };
    let r = request(json!({}));
    let before = rank(&build(5), &r, &all()).unwrap();
    let after = rank(&build(0), &r, &all()).unwrap();
    assert!(score(&after, "improver") >= score(&before, "improver"));
    assert!(raw(&after, "improver", 1) > raw(&before, "improver", 1));
    // Nobody else's raw values move: the priors are fixed.
    for id in ["silent", "steady"] {
        assert_eq!(raw(&after, id, 1), raw(&before, id, 1), "{id}");
    }
}

#[test]
fn missing_outcome_figures_score_exactly_the_priors_pessimistic_bound() {
    let c = Catalog::new(vec![
        provider("silent", offer(None, None)),
        provider("no-complication-figures", offer(Some((95, 100)), None)),
    ])
    .unwrap();
    let ranking = rank(&c, &request(json!({})), &all()).unwrap();
    let o = RankOptions::default();
    let (s_low, _) = shrunk_rate_bounds(0.0, 0.0, 0.5, o.prior_cases, 1.65);
    let (_, c_high) = shrunk_rate_bounds(0.0, 0.0, 0.5, o.prior_cases, 1.65);
    assert_eq!(raw(&ranking, "silent", 1), Some(s_low * (1.0 - c_high)));
    let (s95, _) = shrunk_rate_bounds(95.0, 100.0, 0.5, o.prior_cases, 1.65);
    assert_eq!(
        raw(&ranking, "no-complication-figures", 1),
        Some(s95 * (1.0 - c_high))
    );
    assert_eq!(ranking.outcome_prior, OutcomePrior::UNIFORM);
}

#[test]
fn publishing_figures_at_least_as_good_as_the_prior_never_scores_below_silence() {
    for (p_s, p_c) in [(0.5, 0.5), (0.95, 0.03), (0.99, 0.01), (0.2, 0.4)] {
        let prior = OutcomePrior {
            success_rate: p_s,
            complication_rate: p_c,
            source: "test benchmark".into(),
        };
        let mut options = all();
        options.outcome_priors.insert(PROCEDURE.into(), prior);
        for cases in [1u32, 7, 100, 5000] {
            let good = (f64::from(cases) * p_s).ceil() as u32;
            let few = (f64::from(cases) * p_c).floor() as u32;
            let c = Catalog::new(vec![
                provider("silent", offer(None, None)),
                provider("published", offer(Some((good, cases)), Some((few, cases)))),
            ])
            .unwrap();
            let ranking = rank(&c, &request(only("quality")), &options).unwrap();
            assert!(
                raw(&ranking, "published", 1) >= raw(&ranking, "silent", 1),
                "prior ({p_s}, {p_c}), {cases} cases"
            );
            assert_eq!(ranking.matches[0].provider_id, "published");
        }
    }
}

#[test]
fn a_benchmark_prior_is_used_for_its_procedure_only() {
    let mut options = all();
    let benchmark = OutcomePrior {
        success_rate: 0.96,
        complication_rate: 0.02,
        source: "registry".into(),
    };
    options
        .outcome_priors
        .insert("hip_replacement".into(), OutcomePrior::UNIFORM);
    options
        .outcome_priors
        .insert(PROCEDURE.into(), benchmark.clone());
    let c = Catalog::new(vec![provider("silent", offer(None, None))]).unwrap();
    let ranking = rank(&c, &request(json!({})), &options).unwrap();
    assert_eq!(ranking.outcome_prior, benchmark);
    let (s, _) = shrunk_rate_bounds(0.0, 0.0, 0.96, options.prior_cases, 1.65);
    let (_, k) = shrunk_rate_bounds(0.0, 0.0, 0.02, options.prior_cases, 1.65);
    assert_eq!(raw(&ranking, "silent", 1), Some(s * (1.0 - k)));
}

#[test]
fn bad_priors_are_rejected_with_their_field() {
    let c = Catalog::new(vec![provider("one", offer(None, None))]).unwrap();
    let r = request(json!({}));
    let mut o = all();
    o.prior_review_mean = 0.5;
    let err = rank(&c, &r, &o).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("priorReviewMean"), "{err}");
    let mut o = all();
    o.outcome_priors.insert(
        PROCEDURE.into(),
        OutcomePrior {
            success_rate: 1.5,
            complication_rate: 0.1,
            source: String::new(),
        },
    );
    let err = rank(&c, &r, &o).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string()
            .contains("outcomePriors.knee_replacement.successRate"),
        "{err}"
    );
    let mut o = all();
    o.outcome_priors.insert(
        PROCEDURE.into(),
        OutcomePrior {
            success_rate: 0.9,
            complication_rate: f64::NAN,
            source: String::new(),
        },
    );
    assert_eq!(rank(&c, &r, &o).unwrap_err().code(), "invalid_input");
}

#[test]
fn the_bound_ranks_960_of_1000_above_2_of_2_up_to_the_documented_prior_rates() {
    let low = |s: f64, n: f64, p: f64, m: f64| shrunk_rate_bounds(s, n, p, m, 1.65).0;
    for (m, limit) in [(2.0, 0.992), (100.0, 0.976)] {
        for i in 0..=1000 {
            let p = limit * f64::from(i) / 1000.0;
            assert!(
                low(960.0, 1000.0, p, m) > low(2.0, 2.0, p, m),
                "prior {p}, weight {m}"
            );
        }
        // Just above the documented rate the claim no longer holds, as the docs say.
        let p = limit + 0.001;
        assert!(low(960.0, 1000.0, p, m) < low(2.0, 2.0, p, m), "weight {m}");
    }
    // Shrinking alone leaves 2 of 2 on top once the prior rate is above 0.96.
    assert!(shrunk_rate(2.0, 2.0, 0.97, 100.0) > shrunk_rate(960.0, 1000.0, 0.97, 100.0));
}

#[test]
fn one_candidate_with_reviews_is_scored_against_the_fixed_review_prior() {
    // The case: exactly one candidate has reviews. With a pooled mean both review
    // values equalled it in exact arithmetic and rounding noise decided 1.0 vs 0.0.
    let mut reviewed = provider("reviewed", offer(None, None));
    reviewed.reviews = Some(Reviews {
        stars: Some([0, 0, 0, 9, 1]),
        mean: None,
        count: None,
    });
    let c = Catalog::new(vec![reviewed, provider("silent", offer(None, None))]).unwrap();
    let ranking = rank(&c, &request(json!({})), &all()).unwrap();
    assert_eq!(raw(&ranking, "silent", 2), Some(3.0));
    assert_eq!(raw(&ranking, "reviewed", 2), Some((41.0 + 150.0) / 60.0));
    let r = |id: &str| {
        ranking
            .matches
            .iter()
            .find(|m| m.provider_id == id)
            .unwrap()
            .criteria[2]
            .normalized
    };
    assert!((r("reviewed") - 1.0).abs() < 1e-12 && r("silent") == 0.0);
}

#[test]
fn equal_review_records_tie_exactly_whatever_their_shape() {
    let mut a = provider("counted-stars", offer(None, None));
    a.reviews = Some(Reviews {
        stars: Some([0, 0, 0, 9, 1]),
        mean: None,
        count: None,
    });
    let mut b = provider("mean-and-count", offer(None, None));
    b.reviews = Some(Reviews {
        stars: None,
        mean: Some(4.1),
        count: Some(10),
    });
    let c = Catalog::new(vec![b, a]).unwrap();
    let ranking = rank(&c, &request(only("reviews")), &all()).unwrap();
    let scores: Vec<f64> = ranking.matches.iter().map(|m| m.score).collect();
    assert_eq!(scores, [1.0, 1.0]);
    assert_eq!(ranking.matches[0].provider_id, "counted-stars");
}

#[test]
fn prices_equal_in_exact_arithmetic_tie_across_currencies() {
    // 1900.00 EUR × 0.8731 is exactly 1658.89 GBP, but 1900.0 × 0.8731 in floats is
    // 1658.8899999999999: min–max would make that a 1.0-to-0.0 gap without the tolerance.
    let (amount, rate) = (
        std::hint::black_box(1900.0_f64),
        std::hint::black_box(0.8731_f64),
    );
    assert!(amount * rate < 1658.89);
    let c: Catalog = Catalog::from_json(
        &json!({"providers": [
            {"id": "b-euro", "name": "B", "country": "TR", "procedures": [{"code": PROCEDURE,
              "price": {"amount": "1900.00", "currency": "EUR"}}]},
            {"id": "a-pound", "name": "A", "country": "TR", "procedures": [{"code": PROCEDURE,
              "price": {"amount": "1658.89", "currency": "GBP"}}]}]})
        .to_string(),
    )
    .unwrap();
    let r: Request = serde_json::from_value(json!({"procedure": PROCEDURE,
        "travelDate": "2027-02-15", "currency": "GBP", "weights": only("price")}))
    .unwrap();
    let mut o = all();
    o.fx = samples::fx().unwrap();
    let ranking = rank(&c, &r, &o).unwrap();
    let ids: Vec<&str> = ranking
        .matches
        .iter()
        .map(|m| m.provider_id.as_str())
        .collect();
    assert_eq!(ids, ["a-pound", "b-euro"]);
    assert_eq!(score(&ranking, "a-pound"), 1.0);
    assert_eq!(score(&ranking, "b-euro"), 1.0);
    // A real difference of one cent is far above the tolerance and still counts.
    let c2 = Catalog::from_json(
        &json!({"providers": [
            {"id": "b-euro", "name": "B", "country": "TR", "procedures": [{"code": PROCEDURE,
              "price": {"amount": "1900.00", "currency": "EUR"}}]},
            {"id": "a-pound", "name": "A", "country": "TR", "procedures": [{"code": PROCEDURE,
              "price": {"amount": "1658.90", "currency": "GBP"}}]}]})
        .to_string(),
    )
    .unwrap();
    let ranking = rank(&c2, &r, &o).unwrap();
    assert_eq!(ranking.matches[0].provider_id, "b-euro");
    assert_eq!(score(&ranking, "a-pound"), 0.0);
}

/// One random provider, described by the fields the soft criteria read.
#[derive(Debug, Clone)]
struct Spec {
    price: Option<(u32, u32)>,
    wait: Option<u32>,
    success: Option<(u32, u32)>,
    compl: Option<(u32, u32)>,
    stars: Option<[u64; 5]>,
    mean_only: Option<(u8, Option<u64>)>,
    jci: bool,
    temos: bool,
    german: bool,
    amenities: u8,
    km: Option<u32>,
    hungary: bool,
}

fn outcome() -> impl Strategy<Value = Option<(u32, u32)>> {
    prop::option::of((0u32..3000).prop_flat_map(|cases| (0..=cases, Just(cases))))
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (
            prop::option::of((1000u32..30000, 0u32..5000)),
            prop::option::of(0u32..180),
            outcome(),
            outcome(),
            prop::option::of(prop::array::uniform5(0u64..60)),
            prop::option::of((10u8..=50, prop::option::of(0u64..400))),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0u8..128,
            prop::option::of(0u32..200),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (price, wait, success, compl, stars, mean_only),
                (jci, temos, german, amenities, km, hungary),
            )| Spec {
                price,
                wait,
                success,
                compl,
                stars,
                mean_only,
                jci,
                temos,
                german,
                amenities,
                km,
                hungary,
            },
        )
}

impl Spec {
    fn provider(&self, i: usize) -> Provider {
        let expires = "2028-01-01".parse().ok();
        let mut accreditations = vec![];
        for (held, body) in [
            (self.jci, AccreditationBody::Jci),
            (self.temos, AccreditationBody::Temos),
        ] {
            if held {
                accreditations.push(Accreditation {
                    body,
                    scope: String::new(),
                    issued: None,
                    expires,
                });
            }
        }
        let eur = |cents: u32| Money::from_minor(i128::from(cents) * 100, "EUR".parse().unwrap());
        let mut languages = vec!["en".to_string()];
        if self.german {
            languages.push("de".into());
        }
        Provider {
            id: format!("p-{i:02}"),
            name: format!("P{i}"),
            country: if self.hungary { "HU" } else { "TR" }.into(),
            city: String::new(),
            coordinates: None,
            accreditations,
            procedures: vec![ProcedureOffer {
                code: PROCEDURE.into(),
                name: String::new(),
                price: self.price.map(|(lo, _)| eur(lo).unwrap()),
                price_max: self.price.map(|(lo, spread)| eur(lo + spread).unwrap()),
                annual_volume: None,
                success: self.success.map(|(count, cases)| Outcome {
                    cases,
                    count: Some(count),
                    rate: None,
                }),
                complications: self.compl.map(|(count, cases)| Outcome {
                    cases,
                    count: Some(count),
                    rate: None,
                }),
                median_wait_days: self.wait,
            }],
            doctors: vec![],
            languages,
            reviews: match (self.stars, self.mean_only) {
                (Some(stars), _) => Some(Reviews {
                    stars: Some(stars),
                    mean: None,
                    count: None,
                }),
                (None, Some((tenths, count))) => Some(Reviews {
                    stars: None,
                    mean: Some(f64::from(tenths) / 10.0),
                    count,
                }),
                (None, None) => None,
            },
            amenities: Amenity::ALL
                .iter()
                .enumerate()
                .filter(|(k, _)| self.amenities & (1 << k) != 0)
                .map(|(_, a)| *a)
                .collect(),
            airport_distance_km: self.km.map(f64::from),
            time_zone: None,
            airport: None,
        }
    }

    /// The same provider better on one criterion (column `which`), or `None` when that
    /// criterion cannot improve from here. `step` picks how much.
    fn improved(&self, which: usize, step: u32) -> Option<Spec> {
        let mut s = self.clone();
        match which {
            0 => {
                let (lo, spread) = s.price?;
                let cut = 1 + step % lo;
                s.price = Some((lo - cut + 1, spread.saturating_sub(step % 7)));
                (s.price != self.price).then_some(())?;
            }
            1 => match step % 2 {
                0 => {
                    let (count, cases) = s.success?;
                    (count < cases).then_some(())?;
                    s.success = Some((count + 1 + step % (cases - count), cases));
                }
                _ => {
                    let (count, cases) = s.compl?;
                    (count > 0).then_some(())?;
                    s.compl = Some((count - 1 - step % count, cases));
                }
            },
            2 => {
                let mut stars = s.stars?;
                match step % 2 {
                    // One review moves up a star.
                    0 => {
                        let from = (0..4).find(|&k| stars[k] > 0)?;
                        stars[from] -= 1;
                        stars[from + 1] += 1;
                    }
                    // A new five-star review.
                    _ => stars[4] += 1,
                }
                s.stars = Some(stars);
            }
            3 => {
                (!s.jci).then_some(())?;
                s.jci = true;
            }
            4 => {
                let w = s.wait?;
                (w > 0).then_some(())?;
                s.wait = Some(w - 1 - step % w);
            }
            5 => {
                (!s.german).then_some(())?;
                s.german = true;
            }
            6 => {
                let free = (0..7).map(|k| 1u8 << k).find(|b| s.amenities & b == 0)?;
                s.amenities |= free;
            }
            _ => {
                let km = s.km?;
                (km > 0).then_some(())?;
                s.km = Some(km - 1 - step % km);
            }
        }
        Some(s)
    }
}

fn catalog(specs: &[Spec]) -> Catalog {
    Catalog::new(
        specs
            .iter()
            .enumerate()
            .map(|(i, s)| s.provider(i))
            .collect(),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The promise: on any catalog, improving any one criterion of any one
    /// provider never lowers that provider's own weighted-sum score (min–max or vector).
    #[test]
    fn improving_any_criterion_of_any_provider_never_lowers_its_own_weighted_sum(
        specs in prop::collection::vec(spec(), 1..9),
        pick in any::<prop::sample::Index>(),
        which in 0usize..8,
        step in 0u32..1_000_000,
        weights in prop::array::uniform8(0.0..1.0f64),
        vector in any::<bool>(),
    ) {
        let i = pick.index(specs.len());
        let Some(better) = specs[i].improved(which, step) else { return Ok(()) };
        let mut after = specs.clone();
        after[i] = better;
        let w = json!({"price": weights[0], "quality": weights[1], "reviews": weights[2],
            "accreditation": weights[3], "wait": weights[4], "language": weights[5],
            "amenities": weights[6], "travel": weights[7] + 0.01});
        let r = request(w);
        let mut o = all();
        if vector {
            o.normalization = Normalization::Vector;
        }
        let id = format!("p-{i:02}");
        let before = score(&rank(&catalog(&specs), &r, &o).unwrap(), &id);
        let now = score(&rank(&catalog(&after), &r, &o).unwrap(), &id);
        prop_assert!(now >= before - 1e-12, "criterion {which}: {before} -> {now}");
    }

    /// Priors are fixed: a provider's raw values never depend on who else is a candidate.
    #[test]
    fn a_providers_raw_values_do_not_depend_on_the_other_candidates(
        specs in prop::collection::vec(spec(), 2..9),
    ) {
        let r = request(json!({}));
        let o = all();
        let together = rank(&catalog(&specs), &r, &o).unwrap();
        let alone = rank(&catalog(&specs[..1]), &r, &o).unwrap();
        let raw_of = |k: &Ranking| k.matches.iter().find(|m| m.provider_id == "p-00")
            .map(|m| m.criteria.iter().map(|c| c.raw).collect::<Vec<_>>());
        prop_assert_eq!(raw_of(&together), raw_of(&alone));
    }

    /// Columns equal in exact arithmetic are constant: identical providers tie at 1.0 on
    /// every criterion that has a value, and rank by id.
    #[test]
    fn identical_providers_tie_and_rank_by_id(spec in spec(), n in 2usize..6) {
        let specs = vec![spec; n];
        let ranking = rank(&catalog(&specs), &request(json!({})), &all()).unwrap();
        let first = ranking.matches[0].score;
        for (k, m) in ranking.matches.iter().enumerate() {
            prop_assert_eq!(m.score, first);
            prop_assert_eq!(&m.provider_id, &format!("p-{k:02}"));
        }
    }
}
