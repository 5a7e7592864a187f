//! The planner's validated inputs: the request checked field by field, the provider and
//! guide looked up, the rules in force, and the figures every later step reads.

use std::borrow::Cow;

use crate::zone::Tz;
use chrono::{Duration, NaiveDate, NaiveTime};

use super::request::{
    PlanRequest, MAX_COMPANIONS, MAX_FOLLOW_UPS, MAX_LEAD_DAYS, MAX_LEISURE_DAYS,
};
use super::telehealth::TelehealthOptions;
use super::week::{working_week, DayOfWeek, WorkingHours};
use crate::cost::{Category, Inclusion, LineItem, Quote};
use crate::dates::text;
use crate::error::{Error, Result};
use crate::itinerary::model::{clip, local_instant_forward, zone};
use crate::itinerary::{ItineraryRules, Person, VisaRule};
use crate::knowledge::{GuideBook, ProcedureGuide};
use crate::matching::catalog::{is_alpha2, Amenity, ProcedureOffer, Provider};

/// Hours of flying assumed when the request gives none.
pub(crate) const DEFAULT_FLIGHT_HOURS: f64 = 12.0;
/// The most hospital nights a plan takes from a quote or guide (a year).
pub(crate) const MAX_HOSPITAL_NIGHTS: u32 = 365;
/// Road speed assumed between the clinic's airport and the hotel, km/h (rounded up to
/// whole five minutes).
const KM_PER_HOUR: f64 = 40.0;
/// Shortest and longest road transfer at the destination, in minutes: the longest keeps a
/// late landing's transfer clear of the next morning.
const DRIVE_MINUTES: (i64, i64) = (20, 240);
/// Road transfer assumed when the catalog gives no airport distance, in minutes.
const DRIVE_UNKNOWN_MINUTES: i64 = 60;

/// One traveller who needs a visa, with the rule that says so.
#[derive(Debug, Clone)]
pub(crate) struct VisaNeed {
    pub person: Person,
    /// 0 for the patient, k for the k-th companion (1-based).
    pub index: usize,
    pub rule: VisaRule,
}

/// The request with everything looked up and checked.
pub(crate) struct Ctx<'a> {
    pub req: &'a PlanRequest,
    pub provider: &'a Provider,
    pub offer: &'a ProcedureOffer,
    pub guide: ProcedureGuide,
    pub rules: Cow<'a, ItineraryRules>,
    pub guides: Cow<'a, GuideBook>,
    pub tz_home: Tz,
    pub tz_clinic: Tz,
    pub clinic_zone: String,
    pub clinic_airport: String,
    pub flight: Duration,
    /// Road minutes between the clinic's airport and the hotel, and how they were found.
    pub drive: i64,
    pub drive_basis: String,
    /// Calls: A is the patient, B the clinic.
    pub calls: TelehealthOptions,
    /// Fewest days after the procedure before flying (the rule in force, or the guide's).
    pub fit_min: u32,
    /// The day the rule and the guide advise flying home from.
    pub advised: u32,
    pub fit_source: String,
    pub nights: u32,
    pub nights_from_quote: bool,
    pub quote: Quote,
    pub quote_given: bool,
    pub visas: Vec<VisaNeed>,
    /// The most days (arrival and departure included) every traveller may stay.
    pub stay_limit: Option<(u32, String)>,
    pub home_week: [bool; 7],
}

fn bad(field: &str, reason: impl Into<String>) -> Error {
    Error::invalid(field, reason)
}

impl<'a> Ctx<'a> {
    pub fn new(req: &'a PlanRequest) -> Result<Ctx<'a>> {
        let p = &req.patient;
        if p.id.trim().is_empty() || p.id.len() > 128 {
            return Err(bad("patient.id", "must be 1 to 128 characters"));
        }
        for (field, code) in [
            ("patient.homeCountry", &p.home_country),
            ("patient.nationality", &p.nationality),
        ] {
            if !is_alpha2(code, true) {
                return Err(bad(
                    field,
                    format!("{:?} is not an ISO 3166-1 alpha-2 code", clip(code)),
                ));
            }
        }
        if !(p.home_airport.len() == 3 && p.home_airport.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(bad(
                "patient.homeAirport",
                format!("{:?} is not an IATA airport code", clip(&p.home_airport)),
            ));
        }
        let tz_home = zone(&p.time_zone, "patient.timeZone")?;
        if p.currency.minor_units().is_none() {
            return Err(Error::NoMinorUnits {
                code: p.currency.code().into(),
                operation: "trip plan".into(),
            });
        }
        if p.companions.len() > MAX_COMPANIONS {
            return Err(bad(
                "patient.companions",
                format!(
                    "{} companions: at most {MAX_COMPANIONS}",
                    p.companions.len()
                ),
            ));
        }
        for (i, c) in p.companions.iter().enumerate() {
            if !is_alpha2(&c.nationality, true) {
                return Err(bad(
                    &format!("patient.companions[{i}].nationality"),
                    format!(
                        "{:?} is not an ISO 3166-1 alpha-2 code",
                        clip(&c.nationality)
                    ),
                ));
            }
        }
        p.call_hours.validate("patient.callHours")?;
        if p.call_days.as_ref().is_some_and(Vec::is_empty) {
            return Err(bad("patient.callDays", "lists no day"));
        }
        let lead = (req.earliest_departure - req.as_of).num_days();
        if lead > MAX_LEAD_DAYS {
            return Err(bad(
                "earliestDeparture",
                format!("{lead} days after asOf: at most {MAX_LEAD_DAYS}"),
            ));
        }
        if let Some(latest) = req.latest_return {
            if latest < req.earliest_departure {
                return Err(bad(
                    "latestReturn",
                    format!(
                        "{latest} is before earliestDeparture {}",
                        req.earliest_departure
                    ),
                ));
            }
            if (latest - req.earliest_departure).num_days() > MAX_LEAD_DAYS {
                return Err(bad(
                    "latestReturn",
                    format!("more than {MAX_LEAD_DAYS} days after earliestDeparture"),
                ));
            }
        }
        let prefs = &req.preferences;
        if prefs.leisure_days > MAX_LEISURE_DAYS {
            return Err(bad(
                "preferences.leisureDays",
                format!("{}: at most {MAX_LEISURE_DAYS}", prefs.leisure_days),
            ));
        }
        if let Some(b) = &prefs.nightly_budget {
            if b.is_negative() {
                return Err(Error::InvalidAmount {
                    field: "preferences.nightlyBudget".into(),
                    value: b.amount().to_string(),
                    reason: "is negative".into(),
                });
            }
        }
        let flight_hours = req.flight_hours.unwrap_or(DEFAULT_FLIGHT_HOURS);
        if !(flight_hours.is_finite() && (0.5..=30.0).contains(&flight_hours)) {
            return Err(bad(
                "flightHours",
                format!("{flight_hours} is not between 0.5 and 30 hours"),
            ));
        }
        // Checked above: 30 h at most, so the minutes fit.
        let flight = Duration::minutes((flight_hours * 60.0).round() as i64);

        let provider = req.catalog.get(&req.provider_id).ok_or_else(|| {
            bad(
                "providerId",
                format!("{:?} is not in the catalog", clip(&req.provider_id)),
            )
        })?;
        let guides: Cow<GuideBook> = match &req.guides {
            Some(g) => Cow::Borrowed(g),
            None => Cow::Owned(GuideBook::standard()?),
        };
        let guide = guides.guide(&req.procedure)?;
        // Each follow-up is placed clear of the ones before it: the cap keeps that cheap.
        if guide.follow_up.len() > MAX_FOLLOW_UPS {
            return Err(bad(
                "guides",
                format!(
                    "the guide for {} lists {} follow-ups: the planner schedules at most {MAX_FOLLOW_UPS}",
                    clip(&guide.code),
                    guide.follow_up.len()
                ),
            ));
        }
        let offer = provider
            .offer(&req.procedure)
            .or_else(|| provider.offer(&guide.code))
            .ok_or_else(|| {
                bad(
                    "procedure",
                    format!(
                        "{} does not offer {:?}",
                        clip(&provider.id),
                        clip(&req.procedure)
                    ),
                )
            })?;
        let clinic_zone = provider.time_zone.clone().ok_or_else(|| {
            bad(
                "provider.timeZone",
                format!(
                    "{} has no time zone in the catalog; add its IANA zone",
                    clip(&provider.id)
                ),
            )
        })?;
        let tz_clinic = zone(&clinic_zone, "provider.timeZone")?;
        let clinic_airport = provider.airport.clone().ok_or_else(|| {
            bad(
                "provider.airport",
                format!(
                    "{} has no airport in the catalog; add its IATA code",
                    clip(&provider.id)
                ),
            )
        })?;
        let rules: Cow<ItineraryRules> = match &req.rules {
            Some(r) => {
                r.validate()?;
                Cow::Borrowed(r)
            }
            None => Cow::Owned(ItineraryRules::default()),
        };

        let (drive, drive_basis) = match provider.airport_distance_km {
            Some(km) => {
                let raw = (km / KM_PER_HOUR * 60.0).round();
                // Whole five minutes, so the cars leave at times people plan with.
                let minutes = if raw.is_finite() {
                    ((raw as i64 + 4) / 5 * 5).clamp(DRIVE_MINUTES.0, DRIVE_MINUTES.1)
                } else {
                    DRIVE_MINUTES.1
                };
                (
                    minutes,
                    format!("{km} km from the airport at {KM_PER_HOUR} km/h"),
                )
            }
            None => (
                DRIVE_UNKNOWN_MINUTES,
                "the catalog gives no airport distance".to_string(),
            ),
        };

        let clinic_hours = req.clinic_hours.unwrap_or_default();
        clinic_hours.validate("clinicHours")?;
        let calls = TelehealthOptions {
            hours_a: p.call_hours,
            hours_b: clinic_hours,
            days_a: p.call_days.clone(),
            days_b: None,
            country_a: Some(p.home_country.clone()),
            country_b: Some(provider.country.clone()),
            step_minutes: 30,
            limit: 1,
        };
        let home_week = super::week::day_mask(&working_week(&p.home_country)?.working_days());

        let (fit_min, advised, fit_source) = fit_days(&rules, &guide);

        let quote_given = req.quote.is_some();
        let quote = match &req.quote {
            Some(q) => {
                q.validate()?;
                if q.provider_id != provider.id {
                    return Err(Error::InvalidQuote {
                        quote: clip(&q.id),
                        field: "providerId".into(),
                        reason: format!(
                            "is {:?}, not the planned {:?}",
                            clip(&q.provider_id),
                            clip(&provider.id)
                        ),
                    });
                }
                if q.procedure != offer.code && q.procedure != guide.code {
                    return Err(Error::InvalidQuote {
                        quote: clip(&q.id),
                        field: "procedure".into(),
                        reason: format!(
                            "is {:?}, not the planned {:?}",
                            clip(&q.procedure),
                            clip(&offer.code)
                        ),
                    });
                }
                q.clone()
            }
            None => catalog_quote(provider, offer)?,
        };
        let (nights, nights_from_quote) = match quote.hospital_nights() {
            Some(n) if quote_given => (n.max, true),
            _ => (guide.hospital_nights.max, false),
        };
        if nights > MAX_HOSPITAL_NIGHTS {
            return Err(bad(
                "quote.items",
                format!("{nights} hospital nights: at most {MAX_HOSPITAL_NIGHTS}"),
            ));
        }

        let (visas, stay_limit) = visa_needs(req, provider, &rules);

        Ok(Ctx {
            req,
            provider,
            offer,
            guide,
            rules,
            guides,
            tz_home,
            tz_clinic,
            clinic_zone,
            clinic_airport,
            flight,
            drive,
            drive_basis,
            calls,
            fit_min,
            advised,
            fit_source,
            nights,
            nights_from_quote,
            quote,
            quote_given,
            visas,
            stay_limit,
            home_week,
        })
    }

    /// True when the patient needs `a`.
    pub fn needs(&self, a: Amenity) -> bool {
        self.req.patient.needs.contains(&a)
    }

    /// True when the patient keeps a diet that a kitchenette helps with.
    pub fn diet(&self) -> bool {
        [
            Amenity::HalalFood,
            Amenity::KosherFood,
            Amenity::VegetarianFood,
        ]
        .iter()
        .any(|a| self.needs(*a))
    }

    /// The instant of a local time on the patient's clock.
    pub fn home_at(
        &self,
        date: NaiveDate,
        time: NaiveTime,
    ) -> Result<chrono::DateTime<chrono::Utc>> {
        local_instant_forward(self.tz_home, date.and_time(time))
            .ok_or_else(|| Error::overflow("plan dates"))
    }

    /// The instant of a local time on the clinic's clock.
    pub fn clinic_at(
        &self,
        date: NaiveDate,
        time: NaiveTime,
    ) -> Result<chrono::DateTime<chrono::Utc>> {
        local_instant_forward(self.tz_clinic, date.and_time(time))
            .ok_or_else(|| Error::overflow("plan dates"))
    }

    /// The patient's name for people ("the patient", or the companion's relation).
    pub fn person_name(&self, need: &VisaNeed) -> String {
        match need.person {
            Person::Patient => "the patient".into(),
            Person::Companion => {
                let relation = need
                    .index
                    .checked_sub(1)
                    .and_then(|i| self.req.patient.companions.get(i))
                    .map(|c| c.relation.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| "companion".into());
                format!("the {relation}")
            }
        }
    }
}

/// The fit-to-fly days in force: the stricter of the itinerary rule (what `check` applies)
/// and the guide's row, and the advised day, never before the guide's shortest stay near
/// the clinic.
fn fit_days(rules: &ItineraryRules, guide: &ProcedureGuide) -> (u32, u32, String) {
    let rule = rules.fit_to_fly_rule(&guide.fit_to_fly_category);
    let from_guide = guide.fit_to_fly.as_ref();
    let min = rule
        .map(|r| r.min_days)
        .into_iter()
        .chain(from_guide.map(|f| f.min_days))
        .max()
        .unwrap_or(0);
    let advised = rule
        .and_then(|r| r.advised_days)
        .into_iter()
        .chain(from_guide.and_then(|f| f.advised_days))
        .chain([min, guide.days_near_clinic.min])
        .max()
        .unwrap_or(min);
    let source = rule
        .map(|r| r.source.clone())
        .or_else(|| from_guide.map(|f| f.source.clone()))
        .unwrap_or_else(|| "the procedure guide".into());
    (min, advised, source)
}

/// A quote of one line from the catalog: the low end of the provider's price range.
fn catalog_quote(provider: &Provider, offer: &ProcedureOffer) -> Result<Quote> {
    let price = offer.price.ok_or_else(|| {
        bad(
            "quote",
            format!(
                "{} publishes no price for {}; give the clinic's quote",
                clip(&provider.id),
                clip(&offer.code)
            ),
        )
    })?;
    let name = if offer.name.trim().is_empty() {
        offer.code.clone()
    } else {
        offer.name.clone()
    };
    Ok(Quote {
        id: format!("catalog-{}-{}", provider.id, offer.code),
        provider_id: provider.id.clone(),
        procedure: offer.code.clone(),
        currency: price.currency(),
        items: vec![LineItem::new(
            Category::Procedure,
            format!("{name}: catalog price, the low end of the published range"),
            rust_decimal::Decimal::ONE,
            price,
            Inclusion::Extra,
        )],
        package_price: None,
        valid_from: None,
        valid_until: None,
        deposit: None,
    })
}

/// Who needs a visa for the provider's country, and the shortest stay anyone may make.
fn visa_needs(
    req: &PlanRequest,
    provider: &Provider,
    rules: &ItineraryRules,
) -> (Vec<VisaNeed>, Option<(u32, String)>) {
    let dest = provider.country.as_str();
    let p = &req.patient;
    let travellers = std::iter::once((Person::Patient, 0usize, p.nationality.as_str())).chain(
        p.companions
            .iter()
            .enumerate()
            .map(|(i, c)| (Person::Companion, i + 1, c.nationality.as_str())),
    );
    let mut needs = Vec::new();
    let mut limit: Option<(u32, String)> = None;
    for (person, index, nationality) in travellers {
        if nationality == dest {
            continue;
        }
        let Some(rule) = rules.visa_rule(nationality, dest) else {
            continue;
        };
        for days in rule
            .max_stay_days
            .into_iter()
            .chain(rule.rolling_limit.map(|l| l.days))
        {
            if limit.as_ref().is_none_or(|(d, _)| days < *d) {
                limit = Some((
                    days,
                    format!(
                        "a {nationality} passport allows {days} days in {dest} ({})",
                        rule.source
                    ),
                ));
            }
        }
        if rule.visa_required {
            needs.push(VisaNeed {
                person,
                index,
                rule: rule.clone(),
            });
        }
    }
    (needs, limit)
}

/// The working days of a party as the planner searches them (for messages).
pub(crate) fn days_text(days: &[DayOfWeek]) -> String {
    days.iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Hours for messages: "09:00-17:00".
pub(crate) fn hours_text(h: WorkingHours) -> String {
    format!("{}-{}", text::hm(&h.start), text::hm(&h.end))
}
