//! Loads the language-neutral vectors under `tests/vectors/` (shared with Python and JS).

#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;

/// The parsed vector file `tests/vectors/<name>.json`.
pub fn vectors(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON in {}: {e}", path.display()))
}

/// Runs every case of a vector file through `run`, comparing to `expect` or `error`.
/// `check` compares a successful result with the case; it panics with the case name.
pub fn run_cases(
    file: &Value,
    mut run: impl FnMut(&str, &Value) -> Result<Value, medjourney::Error>,
    mut check: impl FnMut(&Value, &Value),
) {
    let cases = file["cases"]
        .as_array()
        .expect("vector file has a cases array");
    assert!(!cases.is_empty(), "vector file has no cases");
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let op = case["op"].as_str().expect("case has an op");
        let result = run(op, &case["args"]);
        match (case.get("error"), result) {
            (Some(code), Err(e)) => assert_eq!(
                Some(e.code()),
                code.as_str(),
                "case {name}: wrong error code ({e})"
            ),
            (Some(code), Ok(v)) => panic!("case {name}: expected error {code}, got {v}"),
            (None, Err(e)) => panic!("case {name}: unexpected error {} ({e})", e.code()),
            (None, Ok(v)) => check(case, &v),
        }
    }
}
