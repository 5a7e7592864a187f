//! Procedure guides and the jargon decoder through the public API: the shipped data's
//! promises (sources, fit-to-fly ties, follow-up after the procedure), overrides, lookup,
//! the decoder's matching rules and its span invariants.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "knowledge")]

use medjourney::knowledge::{
    explain_in, explain_with, FitToFly, FollowUpKind, Glossary, GuideBook, OffsetUnit,
    ProcedureGuide, TermMatch, FIT_TO_FLY_JSON, GLOSSARY_JSON, MAX_EXPLAIN_CHARS,
};
use medjourney::{
    estimate_trip, estimate_trip_with_guides, explain, procedure_guide, procedure_guides,
    procedures_without_guide, samples, Catalog, NightsSource,
};
use proptest::prelude::*;
use serde_json::Value;

fn table() -> Vec<FitToFly> {
    let v: Value = serde_json::from_str(FIT_TO_FLY_JSON).expect("fit-to-fly table parses");
    serde_json::from_value(v["rules"].clone()).expect("rows read as FitToFly")
}

fn knee() -> ProcedureGuide {
    procedure_guide("knee_replacement").expect("knee guide")
}

// ---- the shipped guides ------------------------------------------------------------

#[test]
fn at_least_25_guides_ship_covering_the_procedures_patients_travel_for() {
    let guides = procedure_guides().unwrap();
    assert!(guides.len() >= 25, "{} guides", guides.len());
    for code in [
        "knee_replacement",
        "hip_replacement",
        "spinal_fusion",
        "cabg",
        "angioplasty",
        "cataract_surgery",
        "lasik",
        "dental_implant",
        "dental_crown",
        "dental_veneers",
        "ivf",
        "gastric_sleeve",
        "gastric_bypass",
        "rhinoplasty",
        "breast_augmentation",
        "liposuction",
        "abdominoplasty",
        "face_lift",
        "hair_transplant",
        "gallbladder_removal",
        "hernia_repair",
        "hysterectomy",
    ] {
        assert!(guides.iter().any(|g| g.code == code), "no guide for {code}");
    }
    let mut codes: Vec<&str> = guides.iter().map(|g| g.code.as_str()).collect();
    let n = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), n, "codes are unique and sorted");
}

#[test]
fn every_procedure_of_the_sample_catalog_has_a_guide() {
    let catalog = samples::catalog().unwrap();
    assert!(catalog.procedures().len() >= 6);
    assert_eq!(
        procedures_without_guide(&catalog).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn a_catalog_procedure_without_a_guide_is_reported_not_an_error() {
    let mut v: Value = serde_json::from_str(samples::CATALOG_JSON).unwrap();
    let offers = v["providers"][0]["procedures"].as_array_mut().unwrap();
    let mut extra = offers[0].clone();
    extra["code"] = "ear_reshaping".into();
    offers.push(extra);
    let catalog = Catalog::from_json(&v.to_string()).unwrap();
    assert_eq!(
        procedures_without_guide(&catalog).unwrap(),
        vec!["ear_reshaping".to_string()]
    );
}

#[test]
fn every_guide_fit_to_fly_category_exists_in_the_fit_to_fly_table_with_its_figures() {
    let rows = table();
    for g in procedure_guides().unwrap() {
        let row = rows
            .iter()
            .find(|r| r.category == g.fit_to_fly_category)
            .unwrap_or_else(|| panic!("{}: no row {}", g.code, g.fit_to_fly_category));
        assert_eq!(g.fit_to_fly.as_ref(), Some(row), "{}", g.code);
    }
}

#[cfg(feature = "itinerary")]
#[test]
fn every_guide_fit_to_fly_category_is_a_rule_the_itinerary_checks_apply() {
    let rules = medjourney::ItineraryRules::default();
    for g in procedure_guides().unwrap() {
        let rule = rules
            .fit_to_fly_rule(&g.fit_to_fly_category)
            .unwrap_or_else(|| panic!("{}: itinerary has no {}", g.code, g.fit_to_fly_category));
        let ours = g.fit_to_fly.unwrap();
        assert_eq!(
            (rule.min_days, rule.advised_days),
            (ours.min_days, ours.advised_days)
        );
    }
}

#[test]
fn no_guide_advises_flying_home_before_the_fit_to_fly_table_allows() {
    for g in procedure_guides().unwrap() {
        let rule = g.fit_to_fly.as_ref().unwrap();
        assert!(g.days_near_clinic.min >= rule.min_days, "{}", g.code);
        assert!(
            g.days_near_clinic.max >= rule.advised_days.unwrap_or(rule.min_days),
            "{}",
            g.code
        );
        assert!(
            g.days_near_clinic.min <= g.days_near_clinic.max,
            "{}",
            g.code
        );
        assert!(g.hospital_nights.min <= g.hospital_nights.max, "{}", g.code);
        assert!(
            g.days_before_procedure.min <= g.days_before_procedure.max,
            "{}",
            g.code
        );
        assert!(
            g.hospital_nights.max <= g.days_near_clinic.max,
            "{}",
            g.code
        );
    }
}

#[test]
fn every_follow_up_is_after_the_procedure_and_in_day_order() {
    for g in procedure_guides().unwrap() {
        assert!(!g.follow_up.is_empty(), "{}", g.code);
        assert!(g.follow_up.iter().all(|f| f.after_days >= 1), "{}", g.code);
        assert!(
            g.follow_up
                .windows(2)
                .all(|w| w[0].after_days <= w[1].after_days),
            "{}",
            g.code
        );
        assert!(
            g.follow_up
                .iter()
                .any(|f| f.kind != FollowUpKind::InPersonClinic),
            "{}: someone follows the patient up after returning home",
            g.code
        );
    }
}

#[test]
fn every_guide_and_benchmark_names_its_sources() {
    for g in procedure_guides().unwrap() {
        assert!(!g.sources.is_empty(), "{}", g.code);
        for s in g
            .sources
            .iter()
            .chain(g.benchmarks.iter().map(|b| &b.source))
        {
            assert!(!s.title.trim().is_empty(), "{}", g.code);
            assert!(s.url.starts_with("https://"), "{}: {}", g.code, s.url);
        }
        for b in &g.benchmarks {
            assert!((0.0..=1.0).contains(&b.rate), "{}", g.code);
            assert!(!b.measure.is_empty(), "{}", g.code);
        }
        assert!(!g.explanation.is_empty() && !g.plain_name.is_empty());
        assert!(!g.documents.is_empty() && !g.warning_signs.is_empty());
        assert!(!g.companion.why.is_empty());
    }
}

#[test]
fn the_sample_catalog_procedures_carry_a_sourced_benchmark_where_one_exists() {
    let with: Vec<String> = procedure_guides()
        .unwrap()
        .into_iter()
        .filter(|g| !g.benchmarks.is_empty())
        .map(|g| g.code)
        .collect();
    for code in [
        "knee_replacement",
        "hip_replacement",
        "dental_implant",
        "rhinoplasty",
        "cabg",
        "gastric_sleeve",
    ] {
        assert!(with.iter().any(|c| c == code), "{code}");
    }
}

#[test]
fn a_dental_implant_crown_is_a_second_trip() {
    let g = procedure_guide("dental_implant").unwrap();
    let visits = g.return_visits();
    assert_eq!(visits.len(), 1, "{visits:?}");
    assert!(visits[0].after_days > g.days_near_clinic.max);
    assert!(knee().return_visits().is_empty());
}

// ---- lookup and errors -------------------------------------------------------------

#[test]
fn an_unknown_procedure_code_gives_unknown_procedure() {
    let err = procedure_guide("ear_piercing").unwrap_err();
    assert_eq!(err.code(), "unknown_procedure");
    assert!(err.to_string().contains("ear_piercing"));
    assert_eq!(procedure_guide("").unwrap_err().code(), "unknown_procedure");
}

#[test]
fn a_guide_is_found_by_alias_or_plain_name_in_any_case() {
    for name in [
        "TKR",
        "total knee arthroplasty",
        "Total-Knee-Arthroplasty",
        "Knee replacement",
    ] {
        assert_eq!(procedure_guide(name).unwrap().code, "knee_replacement");
    }
    assert_eq!(procedure_guide("CABG").unwrap().code, "cabg");
    assert_eq!(
        procedure_guide("sleeve gastrectomy").unwrap().code,
        "gastric_sleeve"
    );
}

// ---- overrides ---------------------------------------------------------------------

#[test]
fn a_caller_guide_replaces_the_shipped_one_and_can_add_a_procedure() {
    let mut book = GuideBook::standard().unwrap();
    let mut mine = knee();
    mine.fit_to_fly = None;
    mine.hospital_nights.max = 7;
    mine.days_near_clinic.max = 21;
    book.override_guide(mine).unwrap();
    assert_eq!(
        book.guide("knee_replacement").unwrap().hospital_nights.max,
        7
    );

    let mut new = knee();
    new.code = "knee_revision".into();
    new.aliases.clear();
    new.plain_name = "Knee replacement revision".into();
    book.override_guide(new).unwrap();
    assert_eq!(book.guide("knee_revision").unwrap().hospital_nights.min, 3);
    assert_eq!(book.guides_in_force().unwrap().len(), 28);
    // The shipped book is untouched.
    assert_eq!(knee().hospital_nights.max, 5);
}

#[test]
fn a_caller_guide_that_undercuts_the_fit_to_fly_table_is_rejected() {
    let mut book = GuideBook::standard().unwrap();
    let mut g = knee();
    g.days_near_clinic.min = 5;
    let err = book.override_guide(g).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("daysNearClinic.min"), "{err}");

    let mut g = knee();
    g.fit_to_fly_category = "ear_piercing".into();
    assert_eq!(book.override_guide(g).unwrap_err().code(), "invalid_input");

    let mut g = knee();
    if let Some(f) = g.fit_to_fly.as_mut() {
        f.min_days = 3;
    }
    let err = book.override_guide(g).unwrap_err();
    assert!(err.to_string().contains("fitToFly"), "{err}");
}

#[test]
fn bad_guides_are_rejected_with_the_field_named() {
    let book = GuideBook::standard().unwrap();
    type Spoil = fn(&mut ProcedureGuide);
    let cases: Vec<(Spoil, &str)> = vec![
        (|g| g.code = "Knee Replacement".into(), "code"),
        (|g| g.follow_up[0].after_days = 0, "followUp[0].afterDays"),
        (|g| g.sources.clear(), "sources"),
        (
            |g| g.sources[0].url = "http://example.com".into(),
            "sources[0].url",
        ),
        (|g| g.hospital_nights.min = 9, "hospitalNights"),
        (|g| g.benchmarks[0].rate = 1.5, "benchmarks[0].rate"),
        (|g| g.warning_signs.clear(), "warningSigns"),
        (|g| g.days_near_clinic.max = 4000, "daysNearClinic"),
    ];
    for (spoil, field) in cases {
        let mut g = knee();
        spoil(&mut g);
        let mut b = book.clone();
        let err = b.override_guide(g).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{field}");
        assert!(err.to_string().contains(field), "{field}: {err}");
    }
}

#[test]
fn a_stricter_fit_to_fly_row_lengthens_the_stay_near_the_clinic() {
    let mut book = GuideBook::standard().unwrap();
    book.override_fit_to_fly(FitToFly {
        category: "hip_or_knee_replacement".into(),
        min_days: 21,
        advised_days: Some(42),
        source: "our surgeon".into(),
    })
    .unwrap();
    let g = book.guide("knee_replacement").unwrap();
    assert_eq!((g.days_near_clinic.min, g.days_near_clinic.max), (21, 42));
    assert_eq!(g.fit_to_fly.unwrap().source, "our surgeon");
}

#[test]
fn a_guide_book_reads_from_json_with_the_shipped_data_as_defaults() {
    let mut g = serde_json::to_value(knee()).unwrap();
    g["code"] = "knee_replacement_clinic_a".into();
    g.as_object_mut().unwrap().remove("fitToFly");
    let text = serde_json::json!({"overrides": [g]}).to_string();
    let book = GuideBook::from_json(&text).unwrap();
    assert_eq!(book.guides.len(), procedure_guides().unwrap().len());
    assert!(book
        .guide("knee_replacement_clinic_a")
        .unwrap()
        .fit_to_fly
        .is_some());
    assert_eq!(
        GuideBook::from_json("{\"guides\": 3}").unwrap_err().code(),
        "parse_error"
    );
    let bad = serde_json::json!({"fitToFlyOverrides": [{"category": "x", "minDays": 5, "advisedDays": 2, "source": "s"}]});
    assert_eq!(
        GuideBook::from_json(&bad.to_string()).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn a_large_caller_book_is_listed_and_checked_against_a_catalog_in_near_linear_time() {
    let mut book = GuideBook::standard().unwrap();
    let base = knee();
    for i in 0..20_000 {
        let mut g = base.clone();
        g.code = format!("knee_variant_{i}");
        g.plain_name = format!("Knee variant {i}");
        g.aliases = vec![format!("KV{i}")];
        book.overrides.push(g);
    }
    let started = std::time::Instant::now();
    let all = book.guides_in_force().unwrap();
    assert_eq!(all.len(), 20_027);
    let catalog = samples::catalog().unwrap();
    assert!(book.missing_for(&catalog).is_empty());
    // About 2 s in a debug build on the 2-core machine; the bound leaves room for load.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

// ---- serde -------------------------------------------------------------------------

#[test]
fn guides_books_glossaries_and_matches_round_trip_through_json() {
    for g in procedure_guides().unwrap() {
        let text = serde_json::to_string(&g).unwrap();
        let back: ProcedureGuide = serde_json::from_str(&text).unwrap();
        assert_eq!(back, g);
        assert!(text.contains("\"plainName\"") && text.contains("\"fitToFlyCategory\""));
        assert!(text.contains("\"followUp\"") && text.contains("\"warningSigns\""));
    }
    let book = GuideBook::standard().unwrap();
    let back = GuideBook::from_json(&serde_json::to_string(&book).unwrap()).unwrap();
    assert_eq!(back, book);
    // With overrides, including a stricter row for shipped guides and a guide added after it.
    let mut book = GuideBook::standard().unwrap();
    book.override_fit_to_fly(FitToFly {
        category: "hip_or_knee_replacement".into(),
        min_days: 21,
        advised_days: Some(42),
        source: "our surgeon".into(),
    })
    .unwrap();
    let mut mine = book.guide("knee_replacement").unwrap();
    mine.code = "knee_replacement_clinic_a".into();
    mine.fit_to_fly = None;
    book.override_guide(mine).unwrap();
    let text = serde_json::to_string(&book).unwrap();
    let back = GuideBook::from_json(&text).unwrap();
    assert_eq!(back, book);
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    assert_eq!(
        back.guide("knee_replacement").unwrap().days_near_clinic.min,
        21
    );

    let glossary = Glossary::standard().unwrap();
    let back: Glossary = serde_json::from_str(&serde_json::to_string(&glossary).unwrap()).unwrap();
    assert_eq!(back, glossary);

    let matches = explain("Laparoscopic cholecystectomy; arthralgia.").unwrap();
    let back: Vec<TermMatch> =
        serde_json::from_str(&serde_json::to_string(&matches).unwrap()).unwrap();
    assert_eq!(back, matches);
    let v = serde_json::to_value(&matches[1]).unwrap();
    assert_eq!(v["composed"], true);
    assert!(v.get("category").is_none());
}

// ---- trip estimates ----------------------------------------------------------------

#[test]
fn a_trip_estimate_reports_the_hospital_nights_the_quote_states() {
    let quotes = samples::quotes().unwrap();
    let fx = samples::fx().unwrap();
    let gbp = "GBP".parse().unwrap();
    let opts = samples::convert_options().unwrap();
    let travel = samples::travel().unwrap();
    // Bosphorus: 5 included nights (the optional suite upgrade does not count).
    let e = estimate_trip(&quotes[0], &travel, &fx, gbp, &opts).unwrap();
    let n = e.hospital_nights.unwrap();
    assert_eq!((n.min, n.max, n.source), (5, 5, NightsSource::Quote));
    // Siam: 3 included plus 2 extra nights.
    let e = estimate_trip(&quotes[1], &travel, &fx, gbp, &opts).unwrap();
    assert_eq!(e.hospital_nights.unwrap().max, 5);
    // With guides, a quote that states nights keeps its own figure and its totals.
    let book = GuideBook::standard().unwrap();
    let g = estimate_trip_with_guides(&quotes[1], &travel, &fx, gbp, &opts, &book).unwrap();
    assert_eq!(g, e);
    let back: medjourney::TripEstimate =
        serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
    assert!(serde_json::to_string(&e)
        .unwrap()
        .contains(r#""hospitalNights":{"min":5,"max":5,"source":"quote"}"#));
}

#[test]
fn a_quote_silent_on_hospital_nights_takes_them_from_the_guide() {
    let fx = samples::fx().unwrap();
    let gbp = "GBP".parse().unwrap();
    let opts = samples::convert_options().unwrap();
    let mut q = samples::quotes().unwrap().remove(0);
    q.items
        .retain(|i| i.category != medjourney::Category::HospitalStay);
    let book = GuideBook::standard().unwrap();
    let plain = estimate_trip(&q, &[], &fx, gbp, &opts).unwrap();
    assert_eq!(plain.hospital_nights, None);
    let e = estimate_trip_with_guides(&q, &[], &fx, gbp, &opts, &book).unwrap();
    let n = e.hospital_nights.unwrap();
    assert_eq!((n.min, n.max, n.source), (3, 5, NightsSource::Guide));
    assert_eq!(e.total, plain.total);
    // No guide: the nights stay unknown, and it is not an error.
    q.procedure = "ear_reshaping".into();
    let e = estimate_trip_with_guides(&q, &[], &fx, gbp, &opts, &book).unwrap();
    assert_eq!(e.hospital_nights, None);
}

// ---- the glossary ------------------------------------------------------------------

#[test]
fn the_glossary_ships_at_least_200_terms_each_with_a_source() {
    let g = Glossary::standard().unwrap();
    assert!(g.entries().len() >= 200, "{}", g.entries().len());
    for e in g.entries() {
        assert!(!e.meaning.trim().is_empty(), "{}", e.term);
        assert!(e.source.url.starts_with("https://"), "{}", e.term);
    }
    for r in g.roots() {
        assert!(r.source.url.starts_with("https://"), "{}", r.part);
    }
    for s in g.suffixes() {
        assert!(s.source.url.starts_with("https://"), "{}", s.part);
    }
    let raw: Value = serde_json::from_str(GLOSSARY_JSON).unwrap();
    assert_eq!(
        raw["entries"].as_array().unwrap().len(),
        g.entries().len(),
        "no two shipped entries share a spelling"
    );
}

#[test]
fn every_spelling_of_a_term_finds_that_term_and_no_other() {
    let g = Glossary::standard().unwrap();
    for e in g.entries() {
        for s in std::iter::once(&e.term).chain(&e.spellings) {
            let found = g.lookup(s).unwrap_or_else(|| panic!("{s} not found"));
            assert_eq!(
                found.term, e.term,
                "{s:?} of {:?} finds {:?}",
                e.term, found.term
            );
        }
    }
}

#[test]
fn the_seed_example_decodes_laparoscopic_cholecystectomy_as_keyhole_gallbladder_removal() {
    let m = explain("The surgeon recommends a laparoscopic cholecystectomy.").unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].text, "laparoscopic cholecystectomy");
    assert_eq!((m[0].start, m[0].end), (25, 53));
    assert!(m[0].meaning.contains("Keyhole"));
    assert!(m[0].meaning.contains("gallbladder"));
    assert!(!m[0].composed);
}

#[test]
fn british_and_american_spellings_and_case_meet_in_one_term() {
    for text in ["anaesthesia", "anesthesia", "ANÆSTHESIA", "Anaesthesia"] {
        let m = explain(text).unwrap();
        assert_eq!(m.len(), 1, "{text}");
        assert_eq!(m[0].term, "anaesthesia");
        assert_eq!(m[0].text, text);
    }
    for (a, b) in [
        ("oesophagus", "esophagus"),
        ("haemorrhage", "hemorrhage"),
        ("orthopaedic", "orthopedic"),
        ("oedema", "edema"),
        ("haematoma", "hematoma"),
        ("anaemia", "anemia"),
        ("paediatric", "pediatric"),
    ] {
        let (ma, mb) = (explain(a).unwrap(), explain(b).unwrap());
        assert_eq!(ma.len(), mb.len(), "{a}/{b}");
        if let (Some(x), Some(y)) = (ma.first(), mb.first()) {
            assert_eq!(x.term, y.term);
        }
    }
    assert_eq!(explain("Haematomas").unwrap()[0].term, "haematoma");
}

#[test]
fn the_longest_term_wins_and_terms_never_cross_punctuation() {
    let m = explain("general anaesthesia").unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].term, "general anaesthesia");
    let m = explain("deep vein thrombosis").unwrap();
    assert_eq!(m[0].text, "deep vein thrombosis");
    let m = explain("knee. Replacement").unwrap();
    assert!(m.iter().all(|x| x.term != "knee replacement"), "{m:?}");
    let m = explain("X-ray, X ray, x\u{2011}ray").unwrap();
    assert_eq!(m.len(), 3);
    assert!(m.iter().all(|x| x.term == "X-ray"));
}

#[test]
fn unknown_words_built_from_known_parts_are_composed_and_marked() {
    let m = explain("Oesophagogastroduodenoscopy").unwrap();
    assert_eq!(m.len(), 1);
    assert!(m[0].composed);
    assert!(
        m[0].meaning.starts_with("Looking inside the gullet"),
        "{}",
        m[0].meaning
    );
    assert!(m[0].meaning.contains("duodenum"));
    let m = explain("thyroidectomy").unwrap();
    assert!(m[0].composed && m[0].meaning.starts_with("Removal of the thyroid gland"));
    // A glossary term is never composed, and ordinary words are left alone.
    assert!(!explain("cholecystectomy").unwrap()[0].composed);
    assert!(explain("anatomy biography dichotomy ostomy")
        .unwrap()
        .is_empty());
}

#[test]
fn a_caller_can_extend_the_glossary_with_terms_and_word_parts() {
    let mut g = Glossary::standard().unwrap();
    let mine = Glossary::from_json(
        r#"{"entries": [{"term": "PRP", "category": "procedure", "meaning": "Platelet-rich plasma injection.",
              "source": {"title": "Clinic leaflet", "url": "https://clinic.example/prp"}},
             {"term": "haematoma", "category": "complication", "meaning": "Our own words for a bruise.",
              "source": {"title": "Clinic leaflet", "url": "https://clinic.example/haematoma"}}],
            "roots": [{"part": "pharyngo", "meaning": "the throat", "source": {"title": "t", "url": "https://clinic.example/p"}}]}"#,
    )
    .unwrap();
    g.extend(mine).unwrap();
    let m = explain_with("PRP after a hematoma; pharyngoplasty.", &g).unwrap();
    let terms: Vec<&str> = m.iter().map(|x| x.term.as_str()).collect();
    assert_eq!(terms, ["PRP", "haematoma", "pharyngoplasty"]);
    assert_eq!(m[1].meaning, "Our own words for a bruise.");
    assert!(
        m[2].composed
            && m[2]
                .meaning
                .starts_with("Repair or reshaping of the throat")
    );
    assert_eq!(
        Glossary::from_json(r#"{"entries": [{"term": "x", "category": "care", "meaning": "", "source": {"title": "t", "url": "https://a.b"}}]}"#)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        Glossary::from_json(r#"{"suffixes": [{"part": "ectomy", "meaning": "m", "template": "no slot", "source": {"title": "t", "url": "https://a.b"}}]}"#)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

#[test]
fn a_text_over_the_limit_is_refused_with_invalid_input() {
    let long = "a".repeat(MAX_EXPLAIN_CHARS + 1);
    let err = explain(&long).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("text"));
    assert!(explain(&"knee ".repeat(MAX_EXPLAIN_CHARS / 5)).is_ok());
    assert!(explain("").unwrap().is_empty());
}

fn check_spans(text: &str, matches: &[TermMatch]) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for m in matches {
        prop_assert!(m.start < m.end && m.end <= chars.len(), "{m:?}");
        prop_assert!(m.start >= last_end, "overlap or disorder at {m:?}");
        let slice: String = chars[m.start..m.end].iter().collect();
        prop_assert_eq!(&slice, &m.text);
        prop_assert!(!m.meaning.is_empty());
        prop_assert!(!m.sources.is_empty());
        last_end = m.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn explain_spans_are_in_bounds_ordered_and_never_overlap_on_any_unicode(
        chars in prop::collection::vec(any::<char>(), 0..300)
    ) {
        let text: String = chars.into_iter().collect();
        let m = explain(&text).unwrap();
        check_spans(&text, &m)?;
        prop_assert_eq!(explain(&text).unwrap(), m);
    }

    #[test]
    fn explain_spans_hold_on_printable_unicode_words(text in "\\PC{0,300}") {
        let m = explain(&text).unwrap();
        check_spans(&text, &m)?;
    }

    #[test]
    fn explain_spans_hold_on_medical_text_mixed_with_any_characters(
        parts in prop::collection::vec(
            prop_oneof![
                Just("laparoscopic cholecystectomy".to_string()),
                Just("anaesthesia".to_string()),
                Just("X-ray".to_string()),
                Just("deep vein\nthrombosis".to_string()),
                Just("gastrectomies".to_string()),
                Just("oesophagogastroduodenoscopy".to_string()),
                Just("😀".to_string()),
                Just("Æ".to_string()),
                "[ \\-,.\n]{0,3}",
                "\\PC{0,6}",
            ],
            0..40,
        )
    ) {
        let text: String = parts.concat();
        let m = explain(&text).unwrap();
        check_spans(&text, &m)?;
        check_utf16_spans(&text, &m)?;
    }
}

/// The UTF-16 spans of `explain_in` slice the text's UTF-16 units to each match's text (as
/// JS `slice` does), and the matches are the code-point ones but for their offsets.
fn check_utf16_spans(text: &str, by_code_point: &[TermMatch]) -> Result<(), TestCaseError> {
    let glossary = Glossary::standard().unwrap();
    let m = explain_in(text, &glossary, OffsetUnit::Utf16).unwrap();
    prop_assert_eq!(m.len(), by_code_point.len());
    let units: Vec<u16> = text.encode_utf16().collect();
    for (u, c) in m.iter().zip(by_code_point) {
        prop_assert!(u.start < u.end && u.end <= units.len(), "{u:?}");
        let slice = String::from_utf16(&units[u.start..u.end]).unwrap();
        prop_assert_eq!(&slice, &u.text);
        prop_assert_eq!(
            (&u.term, &u.text, &u.meaning, u.composed),
            (&c.term, &c.text, &c.meaning, c.composed)
        );
    }
    Ok(())
}

#[test]
fn utf16_offsets_index_javascript_strings_after_an_emoji() {
    let text = "😀 Knee arthroscopy, 🦴 anaesthesia";
    let glossary = Glossary::standard().unwrap();
    let cp = explain(text).unwrap();
    let u16 = explain_in(text, &glossary, OffsetUnit::Utf16).unwrap();
    // The emoji is one code point and two UTF-16 units: every UTF-16 offset is one more,
    // and two more after the second emoji.
    assert_eq!(
        (cp[0].text.as_str(), cp[0].start, u16[0].start),
        ("arthroscopy", 7, 8)
    );
    let last = cp.len() - 1;
    assert_eq!(u16[last].start, cp[last].start + 2);
    assert_eq!(
        cp,
        explain_in(text, &glossary, OffsetUnit::CodePoint).unwrap()
    );
}
