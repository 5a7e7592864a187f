//! The main job: a facilitator's case worked end to end on the embedded sample data.
//!
//! `cargo run -p medjourney --example case [-- OUTPUT_DIR]` prints the report and writes
//! the journey-map SVG, the itinerary .ics, the JSON results and the case's FHIR R4
//! bundles into OUTPUT_DIR (default `out/case`).

use std::fmt::Write as _;
use std::path::PathBuf;

use medjourney::{
    adjudicate, budget_fit, compare_quotes, estimate_trip, journey_map, rank, samples, Bundle,
    Comparison, FhirOptions, MapOptions, Result,
};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("out/case"));
    match run(&dir) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("case failed [{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}

fn money_table(cmp: &Comparison, out: &mut String) {
    let _ = write!(out, "  {:<17}", "");
    for c in &cmp.columns {
        let _ = write!(out, "{:>20}", c.provider_id);
    }
    out.push('\n');
    for row in &cmp.rows {
        let _ = write!(out, "  {:<17}", row.category.as_str());
        for cell in &row.cells {
            let _ = write!(
                out,
                "{:>20}",
                format!(
                    "{} {:<8}",
                    cell.amount.amount_string(),
                    format!("{:?}", cell.status).to_lowercase()
                )
            );
        }
        out.push('\n');
    }
    let _ = write!(out, "  {:<17}", "TOTAL");
    for c in &cmp.columns {
        let _ = write!(out, "{:>20}", c.total.to_string());
    }
    out.push('\n');
    let _ = write!(out, "  {:<17}", "vs cheapest");
    for c in &cmp.columns {
        let flag = if c.expired { " (expired)" } else { "" };
        let sign = if c.difference_to_cheapest.is_negative() {
            ""
        } else {
            "+"
        };
        let _ = write!(
            out,
            "{:>20}",
            format!("{sign}{}{flag}", c.difference_to_cheapest.amount_string())
        );
    }
    out.push('\n');
}

fn run(dir: &PathBuf) -> Result<String> {
    let mut out = String::new();
    let fx = samples::fx()?;
    let write_file = |name: &str, body: &str| -> Result<PathBuf> {
        let path = dir.join(name);
        std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(&path, body))
            .map_err(|e| {
                medjourney::Error::invalid("output", format!("{}: {e}", path.display()))
            })?;
        Ok(path)
    };

    let _ = writeln!(out, "medjourney — facilitator's case for patient PT-0042");
    let _ = writeln!(
        out,
        "Knee replacement, lives in Manchester, pays in GBP, budget {}.",
        samples::budget()?
    );
    let _ = writeln!(
        out,
        "All figures as of 2026-11-22; rates: sample table as of 2026-11-20.\n"
    );

    // ---- provider matching --------------------------------------------------------
    let catalog = samples::catalog()?;
    let request = samples::request()?;
    let ranking = rank(&catalog, &request, &samples::rank_options()?)?;
    let _ = writeln!(
        out,
        "== Provider matching ({:?}): {} of {} providers qualify, top {}",
        ranking.method,
        ranking.candidates,
        catalog.len(),
        ranking.matches.len()
    );
    for m in &ranking.matches {
        let price = m
            .price
            .map(|p| p.to_string())
            .unwrap_or_else(|| "no price".into());
        let _ = writeln!(
            out,
            "  {}. {} ({}, {})  score {:.3}  from {}",
            m.rank, m.name, m.city, m.country, m.score, price
        );
        let why: Vec<String> = m
            .criteria
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| format!("{} {:.2}", c.criterion.as_str(), c.contribution))
            .collect();
        let _ = writeln!(out, "       contributions: {}", why.join(", "));
    }
    let _ = writeln!(out, "  Excluded ({}):", ranking.excluded_total);
    for x in &ranking.excluded {
        let reasons: Vec<String> = x.reasons.iter().map(|r| r.message()).collect();
        let _ = writeln!(out, "   - {}: {}", x.name, reasons.join("; "));
    }
    out.push('\n');

    // ---- quotes -------------------------------------------------------------------
    let quotes = samples::quotes()?;
    let options = samples::compare_options()?;
    let gbp = medjourney::Currency::from_code("GBP")?;
    let cmp = compare_quotes(&quotes, &fx, gbp, &options)?;
    let _ = writeln!(
        out,
        "== Quote comparison in GBP (included/extra/missing per category)"
    );
    money_table(&cmp, &mut out);
    if let Some(cheapest) = &cmp.cheapest {
        let _ = writeln!(out, "  cheapest valid quote: {cheapest}");
    }
    let _ = writeln!(out, "  What to tell the patient:");
    for f in &cmp.findings {
        let _ = writeln!(out, "   - {}", f.message);
    }

    // ---- trip estimate, insurance, budget, payment plan ---------------------------
    let chosen = quotes
        .iter()
        .find(|q| Some(&q.id) == cmp.cheapest.as_ref())
        .or_else(|| quotes.first())
        .ok_or_else(|| medjourney::Error::invalid("quotes", "no sample quotes"))?;
    let convert = samples::convert_options()?;
    let estimate = estimate_trip(chosen, &samples::travel()?, &fx, gbp, &convert)?;
    let _ = writeln!(
        out,
        "\n== Whole trip with {} in GBP\n  medical {}  +  travel and stay {}  =  {}",
        chosen.provider_id, estimate.medical_total, estimate.travel_total, estimate.total
    );
    let fit = budget_fit(&estimate.total, &samples::budget()?, &fx, &convert)?;
    let _ = writeln!(
        out,
        "  budget {}: {} ({} {})",
        fit.budget,
        if fit.fits { "fits" } else { "over budget" },
        if fit.fits { "room left" } else { "over by" },
        if fit.fits { fit.under_by } else { fit.over_by }
    );

    let policy = samples::policy()?;
    let adj = adjudicate(&estimate, &policy)?;
    let _ = writeln!(
        out,
        "\n== Insurance ({}): insurer pays {}, patient pays {}",
        policy.name, adj.insurer_total, adj.patient_total
    );
    for line in adj.lines.iter().filter(|l| !l.insurer.is_zero()).take(6) {
        let _ = writeln!(
            out,
            "   {:<45} insurer {:>12}  patient {:>12}",
            line.description.chars().take(45).collect::<String>(),
            line.insurer.to_string(),
            line.patient.to_string()
        );
    }
    for note in &adj.notes {
        let _ = writeln!(out, "   note: {note}");
    }

    let schedule = samples::payment_plan()?.schedule()?;
    let _ = writeln!(out, "\n== Payment plan for {}", schedule.total);
    for p in &schedule.payments {
        let _ = writeln!(
            out,
            "   {}  {:?} #{:<2} {:>14}",
            p.due,
            p.kind,
            p.number,
            p.amount.to_string()
        );
    }

    // ---- itinerary ----------------------------------------------------------------
    let itinerary = samples::itinerary()?;
    let findings = medjourney::check(&itinerary, &samples::itinerary_rules())?;
    let _ = writeln!(
        out,
        "\n== Itinerary check ({} items)",
        itinerary.items.len()
    );
    if findings.is_empty() {
        let _ = writeln!(out, "   no problems found");
    }
    for f in &findings {
        let _ = writeln!(
            out,
            "   {:?} {}: {} [{}]",
            f.severity,
            f.code.as_str(),
            f.message,
            f.items.join(", ")
        );
    }
    let ics = write_file("itinerary-PT-0042.ics", &medjourney::to_ics(&itinerary)?)?;

    // ---- journey map --------------------------------------------------------------
    let journeys = samples::journeys()?;
    let map = journey_map(&journeys, &MapOptions::default())?;
    let _ = writeln!(
        out,
        "\n== Journey map over {} journeys, {} touchpoints",
        map.journeys, map.touchpoints
    );
    let _ = writeln!(
        out,
        "   {:<15}{:>8}{:>9}{:>8}{:>7}{:>12}{:>11}",
        "stage", "entered", "moved on", "dropped", "still", "median days", "sentiment"
    );
    for s in &map.stages {
        let days = s
            .dwell
            .median_seconds
            .map(|x| format!("{:.1}", x as f64 / 86_400.0))
            .unwrap_or_else(|| "-".into());
        let sentiment = s
            .sentiment
            .mean
            .map(|m| format!("{m:+.2}"))
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "   {:<15}{:>8}{:>9}{:>8}{:>7}{:>12}{:>11}",
            s.stage.as_str(),
            s.entered,
            s.moved_on,
            s.dropped,
            s.still_there,
            days,
            sentiment
        );
    }
    let _ = writeln!(out, "   pain points (worst first):");
    for p in &map.pain_points {
        let reasons: Vec<String> = p.reasons.iter().map(|r| format!("{r:?}")).collect();
        let _ = writeln!(out, "    - {}: {}", p.stage.as_str(), reasons.join(", "));
    }
    let svg = write_file("journey-map.svg", &map.to_svg())?;
    let csv = write_file("journey-map.csv", &map.to_csv()?)?;
    let json = write_file(
        "comparison.json",
        &serde_json::to_string_pretty(&cmp)
            .map_err(|e| medjourney::Error::json("comparison", &e))?,
    )?;

    // ---- FHIR R4 bundles for the hospital's and the insurer's systems ----------------
    // The quote, estimate, adjudication and policy name no patient: the case supplies it,
    // and the case's "now" as the creation time of the estimate and the adjudication.
    let options = FhirOptions {
        patient: Some("PT-0042".into()),
        created: convert.now,
    };
    let journey = samples::pt0042()?;
    let bundles: [(&str, Bundle); 7] = [
        ("fhir-journey.json", journey.to_fhir()?),
        ("fhir-itinerary.json", itinerary.to_fhir()?),
        ("fhir-quote.json", chosen.to_fhir_with(&options)?),
        ("fhir-estimate.json", estimate.to_fhir_with(&options)?),
        ("fhir-adjudication.json", adj.to_fhir_with(&options)?),
        ("fhir-policy.json", policy.to_fhir_with(&options)?),
        ("fhir-catalog.json", catalog.to_fhir()?),
    ];
    let _ = writeln!(out, "\n== FHIR R4 bundles");
    let mut files = vec![svg, csv, ics, json];
    for (name, bundle) in &bundles {
        let _ = writeln!(out, "   {name:<24} {} entries", bundle.entry.len());
        files.push(write_file(name, &bundle.to_json_pretty()?)?);
    }

    let _ = writeln!(out, "\nFiles written to {}:", dir.display());
    for p in &files {
        let _ = writeln!(out, "   {}", p.display());
    }
    Ok(out)
}
