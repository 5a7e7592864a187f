//! The main job: a facilitator's case worked end to end on the embedded sample data.
//!
//! `cargo run -p medjourney --example case [-- OUTPUT_DIR]` prints the report and writes
//! the pictures (ranking, quote comparison, itinerary timeline, the planned trip and the
//! journey map, as SVG), the journey-map CSV, the itinerary and trip-plan .ics files, the
//! JSON results and the case's FHIR R4 bundles into OUTPUT_DIR (default `out/case`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::fmt::Write as _;
use std::path::PathBuf;

use medjourney::itinerary::EntryPart;
use medjourney::knowledge::{FollowUpKind, GuideBook, ProcedureGuide};
use medjourney::planning::Plan;
use medjourney::{
    adjudicate, budget_fit, compare_quotes, estimate_trip_with_guides, explain, journey_map,
    plan_trip, procedure_guide, rank, samples, Bundle, Comparison, FhirOptions, MapOptions,
    NightsSource, Quote, Result,
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

/// Wraps `text` at `width` columns: the first line starts with `first`, the others with `rest`.
fn wrap(text: &str, first: &str, rest: &str, width: usize, out: &mut String) {
    let mut line = String::new();
    let mut indent = first;
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.chars().count() + line.len() + 1 + word.len() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
            indent = rest;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
}

fn guide_report(g: &ProcedureGuide, out: &mut String) {
    let _ = writeln!(out, "== What {} means for the patient", g.plain_name);
    wrap(&g.explanation, "  ", "  ", 92, out);
    if !g.anesthesia.is_empty() {
        wrap(
            &format!("Anaesthesia: {}", g.anesthesia),
            "  ",
            "  ",
            92,
            out,
        );
    }
    let fly = g.fit_to_fly.as_ref();
    let _ = writeln!(
        out,
        "  At the destination: {}-{} day(s) before, {}-{} night(s) in hospital, then stay near the clinic {}-{} days",
        g.days_before_procedure.min,
        g.days_before_procedure.max,
        g.hospital_nights.min,
        g.hospital_nights.max,
        g.days_near_clinic.min,
        g.days_near_clinic.max
    );
    if let Some(f) = fly {
        let _ = writeln!(out, "  (fit to fly from day {}: {})", f.min_days, f.source);
    }
    let _ = writeln!(out, "  Follow-up:");
    for f in &g.follow_up {
        let who = match f.kind {
            FollowUpKind::Telehealth => "video call",
            FollowUpKind::InPersonClinic => "at the clinic",
            FollowUpKind::LocalDoctor => "own doctor",
        };
        wrap(
            &f.purpose,
            &format!("   day {:>3}  {who:<13} ", f.after_days),
            &" ".repeat(26),
            92,
            out,
        );
    }
    let _ = writeln!(out, "  Gather before travel:");
    for d in &g.documents {
        wrap(d, "   - ", "     ", 92, out);
    }
    let companion = if g.companion.advised {
        "advised"
    } else {
        "not essential"
    };
    wrap(
        &format!("Companion {companion}: {}", g.companion.why),
        "  ",
        "  ",
        92,
        out,
    );
    let _ = writeln!(out, "  Call a doctor after returning home for:");
    for w in &g.warning_signs {
        wrap(w, "   - ", "     ", 92, out);
    }
    for b in &g.benchmarks {
        wrap(
            &format!(
                "Benchmark: {:.1}% {} ({})",
                b.rate * 100.0,
                b.measure,
                b.source.title
            ),
            "  ",
            "    ",
            92,
            out,
        );
    }
    let _ = writeln!(out, "  Sources:");
    for s in &g.sources {
        let _ = writeln!(out, "   {} <{}>", s.title, s.url);
    }
}

/// Every medical term in a quote's lines, each explained once, under the first line using it.
fn quote_jargon(quote: &Quote, out: &mut String) -> Result<()> {
    let mut seen: Vec<String> = Vec::new();
    for item in &quote.items {
        let text = match &item.notes {
            Some(n) => format!("{} ({n})", item.description),
            None => item.description.clone(),
        };
        let fresh: Vec<_> = explain(&text)?
            .into_iter()
            .filter(|m| !seen.contains(&m.term))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  \"{text}\"");
        for m in fresh {
            let marker = if m.composed { " (worked out)" } else { "" };
            wrap(
                &format!("{}{marker}: {}", m.text, m.meaning),
                "    ",
                "      ",
                92,
                out,
            );
            seen.push(m.term);
        }
    }
    Ok(())
}

/// The planned trip day by day with the reason for each date, then its cost, payments,
/// refund dates, the points to act on and what was assumed.
fn plan_report(plan: &Plan, out: &mut String) -> Result<()> {
    let k = &plan.key_dates;
    let _ = writeln!(
        out,
        "\n== The planned trip: {} ({} items, all to book or proposed)",
        plan.itinerary.title,
        plan.itinerary.items.len()
    );
    let _ = writeln!(
        out,
        "  records by {}, consultation {}, leave {}, procedure {}, fit to fly {}, home {}",
        k.records_by, k.consultation, k.depart, k.procedure, k.fit_to_fly, k.home
    );
    let reasons: std::collections::HashMap<&str, &str> = plan
        .reasons
        .iter()
        .map(|r| (r.item_id.as_str(), r.text.as_str()))
        .collect();
    for day in plan.itinerary.day_by_day()? {
        let _ = writeln!(out, "  {}", day.date.format("%a %d %b %Y"));
        for e in &day.entries {
            let when = match e.part {
                EntryPart::Ends => format!("{} ends", e.end_local.format("%H:%M")),
                EntryPart::Starts => format!("{} on", e.start_local.format("%H:%M")),
                EntryPart::Whole => format!(
                    "{}-{}",
                    e.start_local.format("%H:%M"),
                    e.end_local.format("%H:%M")
                ),
            };
            let _ = writeln!(out, "    {when:<12} {} ({})", e.title, e.zone);
            if e.part != EntryPart::Ends {
                if let Some(why) = reasons.get(e.item_id.as_str()) {
                    wrap(
                        &format!("why: {why}"),
                        "                 ",
                        "                      ",
                        100,
                        out,
                    );
                }
            }
        }
    }
    let est = &plan.estimate;
    let _ = writeln!(
        out,
        "  Cost in {}: medical {} + travel and stay {} = {}",
        est.currency.code(),
        est.medical_total,
        est.travel_total,
        est.total
    );
    for line in est
        .lines
        .iter()
        .filter(|l| l.source == medjourney::cost::LineSource::Travel)
    {
        let _ = writeln!(
            out,
            "    {:<70} {:>12}",
            line.description.chars().take(70).collect::<String>(),
            line.amount.to_string()
        );
    }
    for p in &plan.payments.payments {
        let _ = writeln!(
            out,
            "  pay {:?} {:>12} by {}",
            p.kind,
            p.amount.to_string(),
            p.due
        );
    }
    for r in &plan.refunds {
        let until = r
            .until
            .map(|u| format!("to {u}"))
            .unwrap_or_else(|| "on".into());
        let _ = writeln!(
            out,
            "  cancel from {} {until}: {} back ({}%)",
            r.from, r.amount, r.percent
        );
    }
    for n in &plan.notes {
        wrap(
            &format!("note [{}]: {}", n.code.as_str(), n.message),
            "  ",
            "      ",
            100,
            out,
        );
    }
    for a in &plan.assumptions {
        wrap(&format!("assumed: {a}"), "  ", "      ", 100, out);
    }
    let warnings = plan.findings.len();
    let _ = writeln!(
        out,
        "  its own check: no errors, {warnings} warning(s) or note(s)"
    );
    Ok(())
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
    let ranking_svg = write_file("ranking.svg", &ranking.to_svg())?;
    let _ = writeln!(out, "  Excluded ({}):", ranking.excluded_total);
    for x in &ranking.excluded {
        let reasons: Vec<String> = x.reasons.iter().map(|r| r.message()).collect();
        let _ = writeln!(out, "   - {}: {}", x.name, reasons.join("; "));
    }
    out.push('\n');

    // ---- the procedure in plain words, and the top clinic's quote decoded ----------
    guide_report(&procedure_guide(&request.procedure)?, &mut out);
    let quotes = samples::quotes()?;
    if let Some(top) = ranking.matches.first() {
        if let Some(q) = quotes.iter().find(|q| q.provider_id == top.provider_id) {
            let _ = writeln!(
                out,
                "\n== The words in {}'s quote ({}), in plain language",
                top.name, q.id
            );
            quote_jargon(q, &mut out)?;
        }
    }
    out.push('\n');

    // ---- quotes -------------------------------------------------------------------
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
    let comparison_svg = write_file("comparison.svg", &cmp.to_svg())?;
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
    let guides = GuideBook::standard()?;
    let estimate =
        estimate_trip_with_guides(chosen, &samples::travel()?, &fx, gbp, &convert, &guides)?;
    let _ = writeln!(
        out,
        "\n== Whole trip with {} in GBP\n  medical {}  +  travel and stay {}  =  {}",
        chosen.provider_id, estimate.medical_total, estimate.travel_total, estimate.total
    );
    if let Some(n) = estimate.hospital_nights {
        let from = match n.source {
            NightsSource::Quote => "as quoted",
            NightsSource::Guide => "typical, from the procedure guide: the quote does not say",
        };
        let nights = if n.min == n.max {
            n.min.to_string()
        } else {
            format!("{}-{}", n.min, n.max)
        };
        let _ = writeln!(out, "  hospital nights: {nights} ({from})");
    }
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
        if let Some(r) = &f.remedy {
            wrap(
                &format!("fix: {}", r.text),
                "     ",
                "          ",
                92,
                &mut out,
            );
        }
    }
    let ics = write_file("itinerary-PT-0042.ics", &medjourney::to_ics(&itinerary)?)?;
    let itinerary_svg = write_file(
        "itinerary.svg",
        &itinerary.to_svg(&samples::itinerary_rules())?,
    )?;

    // ---- the planned trip ---------------------------------------------------------
    let plan = plan_trip(&samples::plan_request()?)?;
    plan_report(&plan, &mut out)?;
    let plan_ics = write_file("plan-PT-0042.ics", &plan.itinerary.to_ics()?)?;
    let plan_svg = write_file(
        "plan.svg",
        &plan.itinerary.to_svg(&samples::itinerary_rules())?,
    )?;

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
    let mut files = Vec::new();
    for (name, bundle) in &bundles {
        let _ = writeln!(out, "   {name:<24} {} entries", bundle.entry.len());
        files.push(write_file(name, &bundle.to_json_pretty()?)?);
    }

    let _ = writeln!(out, "\nFiles written to {}:", dir.display());
    for p in [
        &ranking_svg,
        &comparison_svg,
        &itinerary_svg,
        &plan_svg,
        &svg,
        &csv,
        &ics,
        &plan_ics,
        &json,
    ]
    .into_iter()
    .chain(&files)
    {
        let _ = writeln!(out, "   {}", p.display());
    }
    Ok(out)
}
