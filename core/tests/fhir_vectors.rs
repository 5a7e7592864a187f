//! Runs tests/vectors/fhir.json: the same cases the Python and JS suites run.
//!
//! The file is read keeping every number's text, because FHIR decimals are
//! precision-significant: an expected `8400.00` only matches `8400.00`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(all(feature = "fhir", feature = "itinerary"))]

use std::collections::BTreeMap;
use std::path::PathBuf;

use medjourney::cost::{Adjudication, TripEstimate};
use medjourney::{Bundle, Catalog, Error, FhirOptions, InsurancePolicy, Itinerary, Journey, Quote};
use serde::Deserialize;
use serde_json::value::RawValue;

/// A JSON value whose numbers keep their text.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Node>),
    Obj(BTreeMap<String, Node>),
}

impl Node {
    fn parse(text: &str) -> Node {
        let t = text.trim_start();
        match t.as_bytes().first() {
            Some(b'{') => {
                let m: BTreeMap<String, Box<RawValue>> = serde_json::from_str(t).unwrap();
                Node::Obj(
                    m.into_iter()
                        .map(|(k, v)| (k, Node::parse(v.get())))
                        .collect(),
                )
            }
            Some(b'[') => {
                let a: Vec<Box<RawValue>> = serde_json::from_str(t).unwrap();
                Node::Arr(a.iter().map(|v| Node::parse(v.get())).collect())
            }
            Some(b'"') => Node::Str(serde_json::from_str(t).unwrap()),
            Some(b't') => Node::Bool(true),
            Some(b'f') => Node::Bool(false),
            Some(b'n') => Node::Null,
            _ => Node::Num(t.trim_end().to_string()),
        }
    }
}

#[derive(Deserialize)]
struct File {
    cases: Vec<Box<RawValue>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    name: String,
    op: String,
    args: Box<RawValue>,
    expect: Option<Box<RawValue>>,
    error: Option<String>,
    error_entry: Option<String>,
    error_element: Option<String>,
}

#[derive(Deserialize)]
struct Args {
    kind: Option<String>,
    input: Option<Box<RawValue>>,
    options: Option<FhirOptions>,
    catalog: Option<Box<RawValue>>,
    bundle: Option<Box<RawValue>>,
    text: Option<String>,
}

fn parse<T: serde::de::DeserializeOwned>(raw: &RawValue, what: &str) -> Result<T, Error> {
    serde_json::from_str(raw.get()).map_err(|e| Error::json(what, &e))
}

fn export(kind: &str, input: &RawValue, options: &FhirOptions) -> Result<Bundle, Error> {
    let text = input.get();
    match kind {
        "journey" => Journey::from_json(text)?.to_fhir(),
        "itinerary" => Itinerary::from_json(text)?.to_fhir(),
        "quote" => Quote::from_json(text)?.to_fhir_with(options),
        "estimate" => parse::<TripEstimate>(input, "estimate")?.to_fhir_with(options),
        "adjudication" => parse::<Adjudication>(input, "adjudication")?.to_fhir_with(options),
        "policy" => InsurancePolicy::from_json(text)?.to_fhir_with(options),
        "catalog" => Catalog::from_json(text)?.to_fhir(),
        other => panic!("unknown kind {other}"),
    }
}

/// The result of a case as JSON text, under the key its `expect` uses.
fn run(op: &str, a: &Args) -> Result<(&'static str, String), Error> {
    Ok(match op {
        "export" => {
            let kind = a.kind.as_deref().expect("export has a kind");
            let input = a.input.as_deref().expect("export has an input");
            let options = a.options.clone().unwrap_or_default();
            ("bundle", export(kind, input, &options)?.to_json()?)
        }
        "roundtrip" => {
            let catalog = Catalog::from_json(a.catalog.as_deref().expect("catalog").get())?;
            let back = Catalog::from_fhir_json(&catalog.to_fhir()?.to_json()?)?;
            let equal = back == catalog && back.to_json()? == catalog.to_json()?;
            ("equal", equal.to_string())
        }
        "import" => {
            let bundle = a.bundle.as_deref().expect("import has a bundle").get();
            (
                "catalog",
                Catalog::from_fhir(&Bundle::from_json(bundle)?)?.to_json()?,
            )
        }
        "import_text" => {
            let text = a.text.as_deref().expect("import_text has a text");
            ("catalog", Catalog::from_fhir_json(text)?.to_json()?)
        }
        other => panic!("unknown op {other}"),
    })
}

/// Every key of `expected` must match `got`; arrays element-wise with equal lengths.
/// Numbers compare by text when `exact` (FHIR decimals), else as floats.
fn subset(expected: &Node, got: &Node, exact: bool, path: &str) {
    match (expected, got) {
        (Node::Obj(e), Node::Obj(g)) => {
            for (k, v) in e {
                let g = g
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: missing in result"));
                subset(v, g, exact, &format!("{path}.{k}"));
            }
        }
        (Node::Arr(e), Node::Arr(g)) => {
            assert_eq!(e.len(), g.len(), "{path}: length");
            for (i, (e, g)) in e.iter().zip(g).enumerate() {
                subset(e, g, exact, &format!("{path}[{i}]"));
            }
        }
        (Node::Num(e), Node::Num(g)) if !exact => {
            let (e, g): (f64, f64) = (e.parse().unwrap(), g.parse().unwrap());
            assert!(
                (e - g).abs() <= 1e-12 * e.abs().max(1.0),
                "{path}: expected {e}, got {g}"
            );
        }
        _ => assert_eq!(expected, got, "{path}"),
    }
}

#[test]
fn fhir_vectors_give_the_same_answers_in_rust() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/fhir.json");
    let text = std::fs::read_to_string(&path).expect("tests/vectors/fhir.json");
    let file: File = serde_json::from_str(&text).expect("vector file parses");
    assert!(!file.cases.is_empty());
    for raw in &file.cases {
        let case: Case = serde_json::from_str(raw.get()).expect("case parses");
        let args: Args = serde_json::from_str(case.args.get()).expect("args parse");
        let name = &case.name;
        match (run(&case.op, &args), &case.error) {
            (Ok((key, got)), None) => {
                let expect = Node::parse(case.expect.as_ref().expect("expect").get());
                let Node::Obj(expect) = expect else {
                    panic!("{name}: expect is an object")
                };
                let want = expect
                    .get(key)
                    .unwrap_or_else(|| panic!("{name}: expect.{key}"));
                subset(want, &Node::parse(&got), key == "bundle", name);
            }
            (Ok((_, got)), Some(code)) => panic!("{name}: expected error {code}, got {got}"),
            (Err(e), None) => panic!("{name}: unexpected error {} ({e})", e.code()),
            (Err(e), Some(code)) => {
                assert_eq!(e.code(), code, "{name}: wrong error code ({e})");
                if let Error::InvalidFhir { entry, element, .. } = &e {
                    assert_eq!(Some(entry), case.error_entry.as_ref(), "{name}: entry");
                    assert_eq!(
                        Some(element),
                        case.error_element.as_ref(),
                        "{name}: element"
                    );
                } else {
                    assert!(
                        case.error_entry.is_none(),
                        "{name}: expected an invalid_fhir error"
                    );
                }
            }
        }
    }
}
