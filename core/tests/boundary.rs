//! The boundary every wrapper relies on: each entry point that reads a value (from_json,
//! serde, FromStr, keyword options) refuses a bad one with its specific code, the same
//! code whichever way the value came in.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "itinerary")] // it reads itineraries too

use std::str::FromStr;

use medjourney::analytics::{ColumnData, ColumnSpec, MapAccumulator, COLUMNS};
use medjourney::cost::{CellStatus, CoverageStatus, FindingKind, LineSource, PaymentKind};
use medjourney::itinerary::{
    AppointmentType, Assistance, DocumentKind, EntryPart, ItemType, Person, ValidFrom,
};
use medjourney::journey::{BackReason, Channel, Need, Outcome, Party, Status, TouchpointKind};
use medjourney::matching::{AccreditationBody, Amenity, Criterion};
use medjourney::money::{Amount, Factor};
use medjourney::{
    samples, Category, CompareOptions, ConvertOptions, Currency, Decimal, Error, FindingCode,
    FxTable, Inclusion, InsurancePolicy, Itinerary, ItineraryRules, Journey, JourneyColumns,
    MapOptions, Method, Money, Normalization, Options, PaymentPlan, Quote, RankOptions,
    RoundingMode, Severity, Stage, StalePolicy,
};
use serde_json::{json, Value};

fn code<T>(r: medjourney::Result<T>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

/// `value` with the JSON pointer `at` replaced by `by`.
fn with(value: &Value, at: &str, by: Value) -> String {
    let mut v = value.clone();
    *v.pointer_mut(at).unwrap_or_else(|| panic!("no {at}")) = by;
    v.to_string()
}

#[test]
fn every_from_json_refuses_a_bad_value_with_its_specific_code() {
    let money = json!({"amount": "1.00", "currency": "EUR"});
    let fx = serde_json::to_value(samples::fx().unwrap()).unwrap();
    let catalog = serde_json::to_value(samples::catalog().unwrap()).unwrap();
    let journey = serde_json::to_value(samples::pt0042().unwrap()).unwrap();
    let itinerary = serde_json::to_value(samples::itinerary().unwrap()).unwrap();
    let quote = serde_json::to_value(&samples::quotes().unwrap()[0]).unwrap();
    let policy = serde_json::to_value(samples::policy().unwrap()).unwrap();
    let plan = serde_json::to_value(samples::payment_plan().unwrap()).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "Money",
            with(&money, "/currency", json!("XYZ")),
            "unknown_currency",
        ),
        (
            "Money",
            with(&money, "/amount", json!(1.5)),
            "invalid_amount",
        ),
        (
            "Money",
            with(&money, "/amount", json!("1,5")),
            "invalid_amount",
        ),
        (
            "FxTable",
            with(&fx, "/rates/0/rate", json!("0")),
            "invalid_rate",
        ),
        (
            "FxTable",
            with(&fx, "/base", json!("EURO")),
            "unknown_currency",
        ),
        (
            "Catalog",
            with(
                &catalog,
                "/providers/0/procedures/0/price/currency",
                json!("XYZ"),
            ),
            "unknown_currency",
        ),
        (
            "Catalog",
            with(&catalog, "/providers/0/amenities", json!(["spa"])),
            "invalid_input",
        ),
        (
            "Journey",
            with(&journey, "/stages/0/stage", json!("nowhere")),
            "invalid_input",
        ),
        (
            "Journey",
            with(&journey, "/touchpoints/0/channel", json!("pigeon")),
            "invalid_input",
        ),
        (
            "Itinerary",
            with(&itinerary, "/items/0/zone", json!("Mars/Olympus")),
            "unknown_time_zone",
        ),
        (
            "Itinerary",
            with(&itinerary, "/items/0/type", json!("teleport")),
            "parse_error",
        ),
        (
            "Quote",
            with(&quote, "/items/0/category", json!("massage")),
            "invalid_input",
        ),
        (
            "Quote",
            with(&quote, "/items/0/unitPrice/amount", json!(10.5)),
            "invalid_amount",
        ),
        (
            "InsurancePolicy",
            with(&policy, "/currency", json!("XYZ")),
            "unknown_currency",
        ),
        (
            "PaymentPlan",
            with(&plan, "/total/currency", json!("XYZ")),
            "unknown_currency",
        ),
        (
            "ItineraryRules",
            r#"{"minConnectionDomesticMinutes": 30, "maxConnection": 1}"#.into(),
            "unknown_field",
        ),
        (
            "MapAccumulator",
            r#"{"journeys": -1}"#.into(),
            "parse_error",
        ),
    ];
    for (what, text, expected) in cases {
        let text = text.as_str();
        let got = match what {
            "Money" => code(Money::from_json(text)),
            "FxTable" => code(FxTable::from_json(text)),
            "Catalog" => code(medjourney::Catalog::from_json(text)),
            "Journey" => code(Journey::from_json(text)),
            "Itinerary" => code(Itinerary::from_json(text)),
            "Quote" => code(Quote::from_json(text)),
            "InsurancePolicy" => code(InsurancePolicy::from_json(text)),
            "PaymentPlan" => code(PaymentPlan::from_json(text)),
            "ItineraryRules" => code(ItineraryRules::from_json(text)),
            "MapAccumulator" => code(MapAccumulator::from_json(text)),
            other => panic!("{other}"),
        };
        assert_eq!(got, expected, "{what}: {text}");
    }
    assert_eq!(
        code(Quote::list_from_json(&format!(
            "[{}]",
            with(&quote, "/currency", json!("XYZ"))
        ))),
        "unknown_currency"
    );
}

/// Reads `name` both through `FromStr` and as a JSON string: the same error, with its code.
fn same_from_str_and_json<T>(name: &str) -> Error
where
    T: FromStr<Err = Error> + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let from_str = T::from_str(name).unwrap_err();
    let from_json = serde_json::from_str::<T>(&json!(name).to_string())
        .map_err(|e| Error::json("value", &e))
        .unwrap_err();
    assert_eq!(from_str, from_json, "{name}");
    from_str
}

#[test]
fn every_from_str_gives_the_same_error_as_json() {
    assert_eq!(
        same_from_str_and_json::<Currency>("XYZ").code(),
        "unknown_currency"
    );
    assert_eq!(
        Money::from_str("1 XYZ").unwrap_err().code(),
        "unknown_currency"
    );
    assert_eq!(
        Money::from_str("1,5 EUR").unwrap_err().code(),
        "invalid_amount"
    );
    macro_rules! names {
        ($($t:ty),+) => {$(
            let e = same_from_str_and_json::<$t>("no_such_name");
            assert_eq!(e.code(), "invalid_input", "{}", stringify!($t));
            for v in <$t>::ALL {
                assert_eq!(<$t>::from_str(v.as_str()).unwrap(), v);
            }
        )+};
    }
    names!(
        RoundingMode,
        StalePolicy,
        Normalization,
        Method,
        Criterion,
        AccreditationBody,
        Amenity,
        Category,
        Inclusion,
        CellStatus,
        FindingKind,
        LineSource,
        CoverageStatus,
        PaymentKind,
        Stage,
        Status,
        Channel,
        Party,
        TouchpointKind,
        Need,
        Outcome,
        BackReason,
        Severity,
        FindingCode,
        ItemType,
        AppointmentType,
        Assistance,
        DocumentKind,
        Person,
        EntryPart,
        ValidFrom
    );
}

fn unknown_field<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> Error {
    serde_json::from_str::<T>(text)
        .map_err(|e| Error::json("options", &e))
        .unwrap_err()
}

#[test]
fn option_structs_refuse_unknown_fields_naming_them() {
    for (e, field) in [
        (
            unknown_field::<ConvertOptions>(r#"{"rounding": "up", "stail": "flag"}"#),
            "stail",
        ),
        (
            unknown_field::<CompareOptions>(r#"{"convert": {"roundng": "up"}}"#),
            "roundng",
        ),
        (unknown_field::<RankOptions>(r#"{"topk": 5}"#), "topk"),
        (
            unknown_field::<MapOptions>(r#"{"minSample": 5}"#),
            "minSample",
        ),
        (unknown_field::<ItineraryRules>(r#"{"visa": []}"#), "visa"),
    ] {
        match e {
            Error::UnknownField {
                field: got,
                expected,
            } => {
                assert_eq!(got, field);
                assert!(!expected.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
    let ok: RankOptions = serde_json::from_str(r#"{"topK": 5, "method": "topsis"}"#).unwrap();
    assert_eq!((ok.top_k, ok.method), (Some(5), Method::Topsis));
}

fn keywords(v: Value) -> serde_json::Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[test]
fn keyword_options_are_snake_case_and_a_misspelt_one_is_refused() {
    let e = RankOptions::from_keywords(keywords(json!({"top_K": 5}))).unwrap_err();
    assert_eq!(e.code(), "unknown_field");
    assert!(matches!(&e, Error::UnknownField { field, .. } if field == "top_K"));
    assert_eq!(
        code(RankOptions::from_keywords(keywords(json!({"topK": 5})))),
        "unknown_field"
    );
    let all = RankOptions::from_keywords(keywords(json!({"top_k": null}))).unwrap();
    assert_eq!(all.top_k, None);
    let map = MapOptions::from_keywords(keywords(json!({"min_samples": null}))).unwrap();
    assert_eq!(map, MapOptions::default());
    let nested = CompareOptions::from_keywords(keywords(json!({"rounding": null}))).unwrap();
    assert_eq!(nested, CompareOptions::default());
    let r = RankOptions::from_keywords(keywords(json!({"top_k": 3, "prior_cases": 7.0}))).unwrap();
    assert_eq!((r.top_k, r.prior_cases), (Some(3), 7.0));
    assert_eq!(
        RankOptions::from_keywords(serde_json::Map::new()).unwrap(),
        RankOptions::default()
    );
    // The nested conversion options are flat keywords of the comparison.
    let c = CompareOptions::from_keywords(keywords(
        json!({"include_optional": true, "rounding": "up", "max_age_hours": 5}),
    ))
    .unwrap();
    assert!(c.include_optional);
    assert_eq!(
        (c.convert.rounding, c.convert.max_age_hours),
        (RoundingMode::Up, Some(5))
    );
    assert_eq!(
        code(ConvertOptions::from_keywords(keywords(
            json!({"rounding": "sideways"})
        ))),
        "invalid_input"
    );
    assert_eq!(
        code(MapOptions::from_keywords(keywords(
            json!({"dwell_spread": 2.0, "x": 1})
        ))),
        "unknown_field"
    );
}

#[test]
fn amounts_refuse_floats_and_factors_take_the_float_as_it_prints() {
    let factor: Factor = serde_json::from_str("1.1").unwrap();
    assert_eq!(factor.0, Decimal::new(11, 1));
    let factor: Factor = serde_json::from_str("\"0.333\"").unwrap();
    assert_eq!(factor.0, Decimal::new(333, 3));
    let amount = serde_json::from_str::<Amount>("1.1").map_err(|e| Error::json("a", &e));
    assert_eq!(code(amount), "invalid_amount");
    let boolean = serde_json::from_str::<Factor>("true").map_err(|e| Error::json("a", &e));
    assert_eq!(code(boolean), "invalid_amount");
    assert_eq!(
        code(medjourney::money::decimal_of_float(f64::NAN, "factor")),
        "invalid_amount"
    );
}

#[test]
fn journey_columns_are_read_by_the_schema_and_refuse_unknown_or_missing_ones() {
    let table = samples::journey_table(20, 100, 3).unwrap();
    let view = table.columns();
    let named: Vec<(&str, ColumnData)> = COLUMNS.iter().map(|c| (c.name, view.get(c))).collect();
    let back = JourneyColumns::from_named(named.clone()).unwrap();
    assert_eq!(
        medjourney::journey_map_columns(&back, &MapOptions::default()).unwrap(),
        medjourney::journey_map_columns(&view, &MapOptions::default()).unwrap()
    );
    let camel: Vec<(&str, ColumnData)> = COLUMNS.iter().map(|c| (c.json, view.get(c))).collect();
    assert!(JourneyColumns::from_named(camel).is_ok());
    let required: Vec<_> = named
        .iter()
        .filter(|(n, _)| !n.starts_with("need"))
        .cloned()
        .collect();
    assert!(JourneyColumns::from_named(required).is_ok());
    let missing: Vec<_> = named.iter().skip(1).cloned().collect();
    assert_eq!(code(JourneyColumns::from_named(missing)), "invalid_input");
    let mut typo = named.clone();
    typo.push(("touch_sentimnet", ColumnData::F64(&[])));
    assert_eq!(code(JourneyColumns::from_named(typo)), "unknown_field");
    let wrong = vec![("status", ColumnData::F64(&[1.0]))];
    assert_eq!(code(JourneyColumns::from_named(wrong)), "invalid_input");
    assert_eq!(code(ColumnSpec::find("nope")), "unknown_field");
}

#[test]
fn batch_conversion_by_minor_units_checks_its_columns() {
    let fx = samples::fx().unwrap();
    let eur: Currency = "EUR".parse().unwrap();
    let gbp: Currency = "GBP".parse().unwrap();
    let sum = fx
        .convert_sum_minor(
            &[100, 250],
            &[0, 1],
            &[eur, gbp],
            gbp,
            RoundingMode::HalfEven,
        )
        .unwrap();
    let one = fx
        .convert(&Money::from_minor(100, eur).unwrap(), gbp)
        .unwrap();
    assert_eq!(sum, one.add(&Money::from_minor(250, gbp).unwrap()).unwrap());
    let r = RoundingMode::HalfEven;
    assert_eq!(
        code(fx.convert_sum_minor(&[1], &[0, 0], &[eur], gbp, r)),
        "invalid_input"
    );
    assert_eq!(
        code(fx.convert_sum_minor(&[1], &[3], &[eur], gbp, r)),
        "invalid_input"
    );
}

#[test]
fn every_code_has_one_kind() {
    for code in Error::CODES {
        assert!(Error::kind_of(code).is_some(), "{code}");
    }
    assert!(Error::CODES.contains(&"unknown_field"));
}
