//! Prints the sample case's inputs and their FHIR R4 bundles as one JSON array, each
//! element `{"name", "kind", "input", "options", "bundle"}`.
//!
//! `cargo run -p medjourney --example fhir_samples > samples.json`. The vector generator
//! (`tests/vectors/tools/make_fhir_vectors.py`) embeds them in `tests/vectors/fhir.json`;
//! the bundle text is written as the core writes it, so every decimal keeps its digits.

use medjourney::{samples, Bundle, Error, FhirOptions, Result};
use serde::Serialize;

/// JSON text of a value in its documented shape.
fn json<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::json("sample", &e))
}

fn sample(
    name: &str,
    kind: &str,
    input: &impl Serialize,
    options: Option<&FhirOptions>,
    bundle: Bundle,
) -> Result<String> {
    Ok(format!(
        r#"{{"name": {}, "kind": {}, "input": {}, "options": {}, "bundle": {}}}"#,
        json(name)?,
        json(kind)?,
        json(input)?,
        json(&options)?,
        bundle.to_json()?
    ))
}

fn run() -> Result<String> {
    let created = "2026-11-22T09:00:00Z"
        .parse()
        .map_err(|_| Error::invalid("created", "bad instant"))?;
    let patient_only = FhirOptions {
        patient: Some("PT-0042".into()),
        created: None,
    };
    let both = FhirOptions {
        patient: Some("PT-0042".into()),
        created: Some(created),
    };
    let journey = samples::pt0042()?;
    let itinerary = samples::itinerary()?;
    let quote = samples::quotes()?
        .into_iter()
        .next()
        .ok_or_else(|| Error::invalid("samples::quotes", "no quote"))?;
    let estimate = samples::estimate()?;
    let adjudication = samples::adjudication()?;
    let policy = samples::policy()?;
    let catalog = medjourney::Catalog::new(
        samples::catalog()?
            .providers()
            .iter()
            .take(2)
            .cloned()
            .collect(),
    )?;
    let out = [
        sample(
            "sample_journey",
            "journey",
            &journey,
            None,
            journey.to_fhir()?,
        )?,
        sample(
            "sample_itinerary",
            "itinerary",
            &itinerary,
            None,
            itinerary.to_fhir()?,
        )?,
        sample(
            "sample_quote",
            "quote",
            &quote,
            Some(&patient_only),
            quote.to_fhir_with(&patient_only)?,
        )?,
        sample(
            "sample_estimate",
            "estimate",
            &estimate,
            Some(&both),
            estimate.to_fhir_with(&both)?,
        )?,
        sample(
            "sample_adjudication",
            "adjudication",
            &adjudication,
            Some(&both),
            adjudication.to_fhir_with(&both)?,
        )?,
        sample(
            "sample_policy",
            "policy",
            &policy,
            Some(&patient_only),
            policy.to_fhir_with(&patient_only)?,
        )?,
        sample(
            "sample_catalog_first_two_providers",
            "catalog",
            &catalog,
            None,
            catalog.to_fhir()?,
        )?,
    ];
    Ok(format!("[{}]\n", out.join(",\n")))
}

fn main() {
    match run() {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("fhir_samples failed [{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}
