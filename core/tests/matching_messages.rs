//! Exclusion reasons read as sentences that name the values at fault.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{rank, samples};

#[test]
fn every_sample_exclusion_reason_has_a_message_naming_its_values() {
    let ranking = rank(
        &samples::catalog().unwrap(),
        &samples::request().unwrap(),
        &samples::rank_options().unwrap(),
    )
    .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for x in &ranking.excluded {
        for r in &x.reasons {
            let msg = r.message();
            assert!(!msg.is_empty(), "{r:?}");
            seen.insert(r.code());
            match r {
                medjourney::matching::ExclusionReason::OverBudget { price, budget } => {
                    assert!(
                        msg.contains(&price.to_string()) && msg.contains(&budget.to_string()),
                        "{msg}"
                    );
                }
                medjourney::matching::ExclusionReason::WaitTooLong { wait_days, .. } => {
                    assert!(msg.contains(&wait_days.to_string()), "{msg}");
                }
                _ => {}
            }
        }
    }
    assert!(seen.len() >= 6, "sample covers most reasons: {seen:?}");
}

/// One of every exclusion reason, as the ranking writes them.
fn every_reason() -> Vec<medjourney::matching::ExclusionReason> {
    use medjourney::matching::ExclusionReason as R;
    let date = |d| chrono::NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
    let eur = |a: &str| {
        medjourney::Money::from_json(&format!(r#"{{"amount": "{a}", "currency": "EUR"}}"#)).unwrap()
    };
    let body: medjourney::matching::AccreditationBody = "jci".parse().unwrap();
    vec![
        R::ProcedureNotOffered {
            procedure: "knee_replacement".into(),
        },
        R::AccreditationMissing {
            required: vec![body],
        },
        R::AccreditationExpired {
            body,
            expires: Some(date(1)),
            travel_date: date(9),
        },
        R::AccreditationExpired {
            body,
            expires: None,
            travel_date: date(9),
        },
        R::NoSharedLanguage {
            requested: vec!["de".into()],
            spoken: vec!["tr".into(), "en".into()],
        },
        R::OverBudget {
            price: eur("9000.00"),
            budget: eur("8000.00"),
        },
        R::CountryNotAllowed {
            country: "TR".into(),
        },
        R::CountryExcluded {
            country: "HU".into(),
        },
        R::WaitTooLong {
            wait_days: 40,
            max_wait_days: 30,
        },
        R::NeedNotMet {
            need: "wheelchair_access".parse().unwrap(),
        },
    ]
}

#[test]
fn every_exclusion_reason_reads_back_from_the_json_it_writes() {
    for reason in every_reason() {
        let text = serde_json::to_string(&reason).unwrap();
        let back: medjourney::matching::ExclusionReason = serde_json::from_str(&text).unwrap();
        assert_eq!(back, reason, "{text}");
    }
}

#[test]
fn an_exclusion_reason_missing_a_field_of_its_code_is_refused_naming_the_field() {
    for reason in every_reason() {
        let value = serde_json::to_value(&reason).unwrap();
        let fields: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        for field in fields.iter().filter(|f| *f != "expires") {
            let mut cut = value.clone();
            cut.as_object_mut().unwrap().remove(field);
            let err = serde_json::from_value::<medjourney::matching::ExclusionReason>(cut)
                .unwrap_err()
                .to_string();
            assert!(err.contains(&format!("`{field}`")), "{field}: {err}");
        }
    }
    let err = serde_json::from_str::<medjourney::matching::ExclusionReason>(
        r#"{"code": "too_far", "country": "TR"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown variant `too_far`"), "{err}");
}
