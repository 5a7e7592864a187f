//! Renders the sample case's pictures into a folder (default `docs/pictures`):
//! `ranking.svg`, `comparison.svg`, `itinerary.svg`, `trip-plan.svg` (the trip the planner
//! proposes for PT-0042) and `journey-map.svg`.
//!
//! `cargo run -p medjourney --example pictures [-- OUTPUT_DIR]`; `scripts/pictures.sh`
//! runs it for the README's figures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use std::path::{Path, PathBuf};

use medjourney::{
    compare_quotes, journey_map, plan_trip, rank, samples, Currency, Error, MapOptions, Result,
};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("docs/pictures"));
    match run(&dir) {
        Ok(written) => {
            for p in written {
                println!("{}", p.display());
            }
        }
        Err(e) => {
            eprintln!("pictures failed [{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}

fn run(dir: &Path) -> Result<Vec<PathBuf>> {
    let fx = samples::fx()?;
    let ranking = rank(
        &samples::catalog()?,
        &samples::request()?,
        &samples::rank_options()?,
    )?;
    let comparison = compare_quotes(
        &samples::quotes()?,
        &fx,
        Currency::from_code("GBP")?,
        &samples::compare_options()?,
    )?;
    let itinerary = samples::itinerary()?;
    let plan = plan_trip(&samples::plan_request()?)?;
    let map = journey_map(&samples::journeys()?, &MapOptions::default())?;
    let pictures = [
        ("ranking.svg", ranking.to_svg()),
        ("comparison.svg", comparison.to_svg()),
        (
            "itinerary.svg",
            itinerary.to_svg(&samples::itinerary_rules())?,
        ),
        (
            "trip-plan.svg",
            plan.itinerary.to_svg(&samples::itinerary_rules())?,
        ),
        ("journey-map.svg", map.to_svg()),
    ];
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::invalid("output", format!("{}: {e}", dir.display())))?;
    let mut written = Vec::new();
    for (name, svg) in pictures {
        let path = dir.join(name);
        std::fs::write(&path, svg)
            .map_err(|e| Error::invalid("output", format!("{}: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}
