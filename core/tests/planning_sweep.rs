//! Every sample provider × every procedure it offers × departures spread over a year
//! (every fifth day, and the days around each daylight-saving change of the patient's and
//! the clinic's zones), for patients in three zones: the plan passes its own check.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(all(feature = "itinerary", feature = "knowledge"))]

use chrono::{Duration, NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;
use medjourney::itinerary::{Details, ItemStatus, Severity};
use medjourney::planning::{Patient, PlanRequest};
use medjourney::{check, plan_trip, samples, Money};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Days of `year` on which `tz` changes its UTC offset.
fn transitions(tz: Tz, year: i32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let offset = |d: NaiveDate| {
        tz.from_utc_datetime(&d.and_time(NaiveTime::MIN))
            .offset()
            .fix()
    };
    while d.year_ce().1 == year as u32 {
        let next = d.succ_opt().unwrap();
        if offset(d) != offset(next) {
            out.push(d);
        }
        d = next;
    }
    out
}

trait YearCe {
    fn year_ce(&self) -> (bool, u32);
}
impl YearCe for NaiveDate {
    fn year_ce(&self) -> (bool, u32) {
        chrono::Datelike::year_ce(self)
    }
}

fn patients() -> Vec<Patient> {
    let base = samples::plan_request().unwrap().patient;
    let mut ny = base.clone();
    ny.id = "PT-NY".into();
    ny.home_city = "New York".into();
    ny.home_country = "US".into();
    ny.nationality = "US".into();
    ny.time_zone = "America/New_York".into();
    ny.home_airport = "JFK".into();
    ny.currency = "USD".parse().unwrap();
    ny.companions.clear();
    let mut syd = base.clone();
    syd.id = "PT-SYD".into();
    syd.home_city = "Sydney".into();
    syd.home_country = "AU".into();
    syd.nationality = "AU".into();
    syd.time_zone = "Australia/Sydney".into();
    syd.home_airport = "SYD".into();
    syd.currency = "EUR".parse().unwrap();
    syd.needs.clear();
    vec![base, ny, syd]
}

#[test]
fn every_sample_provider_and_procedure_plans_a_trip_that_passes_its_own_check() {
    let base = samples::plan_request().unwrap();
    let catalog = samples::catalog().unwrap();
    let rules = samples::itinerary_rules();
    let start = date("2027-01-01");
    let mut plans = 0;
    let t0 = std::time::Instant::now();
    for patient in patients() {
        let home_tz: Tz = patient.time_zone.parse().unwrap();
        for provider in catalog.providers() {
            let clinic_tz: Tz = provider.time_zone.as_deref().unwrap().parse().unwrap();
            let mut departures: Vec<NaiveDate> =
                (0..73).map(|k| start + Duration::days(5 * k)).collect();
            for t in transitions(home_tz, 2027)
                .into_iter()
                .chain(transitions(clinic_tz, 2027))
            {
                for k in -16..=2 {
                    departures.push(t + Duration::days(k));
                }
            }
            departures.sort();
            departures.dedup();
            for offer in &provider.procedures {
                for &depart in &departures {
                    let mut req: PlanRequest = base.clone();
                    req.patient = patient.clone();
                    req.provider_id = provider.id.clone();
                    req.procedure = offer.code.clone();
                    req.quote = None;
                    req.travel.clear();
                    req.as_of = depart - Duration::days(40);
                    req.earliest_departure = depart;
                    req.latest_return = None;
                    let plan = plan_trip(&req).unwrap_or_else(|e| {
                        panic!(
                            "{} {} {} from {depart}: {} {e}",
                            patient.id,
                            provider.id,
                            offer.code,
                            e.code()
                        )
                    });
                    plans += 1;
                    let findings = check(&plan.itinerary, &rules).unwrap();
                    let errors: Vec<_> = findings
                        .iter()
                        .filter(|f| f.severity == Severity::Error)
                        .collect();
                    assert!(
                        errors.is_empty(),
                        "{} {} {depart}: {errors:?}",
                        provider.id,
                        offer.code
                    );
                    for item in &plan.itinerary.items {
                        if let Details::Flight { flight_number, .. } = &item.details {
                            assert!(flight_number.is_empty());
                            assert_eq!(item.status, Some(ItemStatus::ToBook));
                        }
                    }
                    assert!(plan.key_dates.fly_home >= plan.key_dates.advised_return);
                    assert_eq!(plan.reasons.len(), plan.itinerary.items.len());
                    let _ = Money::sum(
                        plan.payments.payments.iter().map(|p| &p.amount),
                        plan.estimate.total.currency(),
                    );
                }
            }
        }
    }
    eprintln!("{plans} plans in {:?}", t0.elapsed());
}
