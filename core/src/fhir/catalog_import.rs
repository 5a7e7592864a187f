//! A provider catalog read from a FHIR Bundle of Organizations, Locations,
//! HealthcareServices, Practitioners and PractitionerRoles.
//!
//! Every Organization is a provider, in bundle order. Its id is the identifier of system
//! `sid/provider`, else the resource id; its `name` and an address `country` (ISO 3166-1
//! alpha-2, from the Organization or one of its Locations) are required. A Location joins
//! its `managingOrganization`, a HealthcareService its `providedBy`, a PractitionerRole its
//! `organization` (with its `practitioner`); entries that name no organization are left out.
//! Procedures are the `type` codings of medjourney's procedure system, languages the BCP 47
//! codings whose primary tag is an ISO 639-1 code, amenities the `characteristic` codings of
//! medjourney's amenity system; codings of other systems are skipped. Prices, volumes,
//! outcomes, waits, reviews, accreditations, airport distance and years of experience come
//! from medjourney's extensions, or are left empty.
//!
//! A reference that does not resolve, a missing name or country, or an extension that does
//! not read is an `invalid_fhir` error naming the entry (index and fullUrl) and the element.

use std::collections::{HashMap, HashSet};

use super::bundle::{entry_label, resource_id, Bundle, EntryIndex};
use super::codes;
use super::datatypes::{extensions, parse_date, CodeableConcept, Extension, Reference};
use super::resources::{HealthcareService, Location, Organization, PractitionerRole, Resource};
use crate::error::{Error, Result};
use crate::matching::catalog::{
    is_alpha2, Accreditation, AccreditationBody, Amenity, Coordinates, Doctor, Outcome,
    ProcedureOffer, Provider, Reviews,
};
use crate::matching::Catalog;

struct Reader<'a> {
    bundle: &'a Bundle,
    index: EntryIndex,
}

impl Reader<'_> {
    fn bad(&self, i: usize, element: impl Into<String>, reason: impl Into<String>) -> Error {
        let entry = self.bundle.entry.get(i);
        let type_and_id = entry.and_then(|e| {
            resource_id(&e.resource).map(|id| format!("{}/{id}", e.resource.resource_type()))
        });
        Error::InvalidFhir {
            entry: entry_label(
                i,
                entry.and_then(|e| e.full_url.as_deref()),
                type_and_id.as_deref(),
            ),
            element: element.into(),
            reason: reason.into(),
        }
    }

    /// The entry a reference points at, if it points anywhere; an error when it does not
    /// resolve inside the bundle or points at another resource type.
    fn target(&self, i: usize, element: &str, r: &Reference, want: &str) -> Result<Option<usize>> {
        let Some(text) = r.reference.as_deref() else {
            return Ok(None);
        };
        let j = self.index.resolve(text).ok_or_else(|| {
            self.bad(
                i,
                element,
                format!(
                    "{:?} does not resolve to an entry of the bundle",
                    clip(text)
                ),
            )
        })?;
        let kind = self
            .bundle
            .entry
            .get(j)
            .map_or("", |e| e.resource.resource_type());
        if kind != want {
            return Err(self.bad(
                i,
                element,
                format!("{:?} is a {kind}, expected a {want}", clip(text)),
            ));
        }
        Ok(Some(j))
    }
}

/// The parts of a complex extension with `name`, with their positions.
fn part<'e>(parts: &'e [Extension], name: &str) -> Option<(usize, &'e Extension)> {
    parts.iter().enumerate().find(|(_, e)| e.url == name)
}

/// An enum from its snake_case code.
fn from_code<T: std::str::FromStr>(code: &str) -> Option<T> {
    code.parse().ok()
}

/// Text of a concept: `text`, else the first coding's display, else its code.
fn concept_text(c: &CodeableConcept) -> Option<String> {
    c.text
        .clone()
        .or_else(|| c.coding.iter().find_map(|x| x.display.clone()))
        .or_else(|| c.coding.iter().find_map(|x| x.code.clone()))
        .filter(|t| !t.trim().is_empty())
}

/// Shortens input text quoted in an error message.
fn clip(text: &str) -> String {
    text.chars().take(80).collect()
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn organization(r: &Reader, i: usize, org: &Organization) -> Result<Provider> {
    let id = org
        .identifier
        .iter()
        .find(|x| x.system.as_deref() == Some(codes::SID_PROVIDER))
        .and_then(|x| x.value.clone())
        .or_else(|| org.id.clone())
        .ok_or_else(|| {
            r.bad(
                i,
                "Organization.identifier",
                "no provider identifier and no id",
            )
        })?;
    if !is_slug(&id) {
        return Err(r.bad(
            i,
            "Organization.identifier",
            format!(
                "{:?} is not a provider id (a kebab-case slug: a-z, 0-9, -)",
                id.chars().take(60).collect::<String>()
            ),
        ));
    }
    let name = org
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| {
            r.bad(
                i,
                "Organization.name",
                "is missing; a provider needs a name",
            )
        })?;
    let mut p = Provider {
        id,
        name,
        country: String::new(),
        city: String::new(),
        coordinates: None,
        accreditations: Vec::new(),
        procedures: Vec::new(),
        doctors: Vec::new(),
        languages: Vec::new(),
        reviews: None,
        amenities: Vec::new(),
        airport_distance_km: None,
        time_zone: None,
        airport: None,
    };
    for (k, a) in org.address.iter().enumerate() {
        if p.country.is_empty() {
            if let Some(c) = &a.country {
                p.country = country(r, i, &format!("Organization.address[{k}].country"), c)?;
                p.city = a.city.clone().unwrap_or_default();
            }
        }
    }
    for (k, e) in org.extension.iter().enumerate() {
        let path = format!("Organization.extension[{k}]");
        if e.url == codes::EXT_ACCREDITATION {
            p.accreditations.push(accreditation(r, i, &path, e)?);
        } else if e.url == codes::EXT_REVIEWS {
            p.reviews = Some(reviews(r, i, &path, e)?);
        }
    }
    Ok(p)
}

fn country(r: &Reader, i: usize, element: &str, code: &str) -> Result<String> {
    if is_alpha2(code, true) {
        Ok(code.to_string())
    } else {
        Err(r.bad(
            i,
            element,
            format!(
                "{:?} is not an ISO 3166-1 alpha-2 code",
                code.chars().take(40).collect::<String>()
            ),
        ))
    }
}

fn accreditation(r: &Reader, i: usize, path: &str, e: &Extension) -> Result<Accreditation> {
    let (j, body) = part(&e.extension, "body").ok_or_else(|| {
        r.bad(
            i,
            format!("{path}.extension"),
            "an accreditation needs a body",
        )
    })?;
    let code = body
        .value_coding
        .as_ref()
        .and_then(|c| c.code.as_deref())
        .unwrap_or_default();
    let body = from_code::<AccreditationBody>(code).ok_or_else(|| {
        r.bad(
            i,
            format!("{path}.extension[{j}].valueCoding.code"),
            format!(
                "{code:?} is not an accreditation body of {}",
                codes::CS_ACCREDITATION_BODY
            ),
        )
    })?;
    let scope = part(&e.extension, "scope")
        .and_then(|(_, s)| s.value_string.clone())
        .unwrap_or_default();
    let (mut issued, mut expires) = (None, None);
    if let Some((j, period)) = part(&e.extension, "period") {
        let at = |name: &str| format!("{path}.extension[{j}].valuePeriod.{name}");
        if let Some(pd) = &period.value_period {
            if let Some(s) = &pd.start {
                issued = Some(
                    parse_date(s, &at("start"))
                        .map_err(|x| r.bad(i, at("start"), x.to_string()))?,
                );
            }
            if let Some(s) = &pd.end {
                expires = Some(
                    parse_date(s, &at("end")).map_err(|x| r.bad(i, at("end"), x.to_string()))?,
                );
            }
        }
    }
    Ok(Accreditation {
        body,
        scope,
        issued,
        expires,
    })
}

fn reviews(r: &Reader, i: usize, path: &str, e: &Extension) -> Result<Reviews> {
    let mut out = Reviews::default();
    let stars: Vec<Option<u32>> = (1..=5)
        .map(|s| part(&e.extension, &format!("star{s}")).and_then(|(_, x)| x.value_unsigned_int))
        .collect();
    if stars.iter().any(Option::is_some) {
        let mut counts = [0u64; 5];
        for (slot, s) in counts.iter_mut().zip(&stars) {
            *slot = s.map(u64::from).ok_or_else(|| {
                r.bad(
                    i,
                    format!("{path}.extension"),
                    "star counts need star1 to star5, each a valueUnsignedInt",
                )
            })?;
        }
        out.stars = Some(counts);
    }
    if let Some((j, m)) = part(&e.extension, "mean") {
        let at = format!("{path}.extension[{j}].valueDecimal");
        let d = m
            .value_decimal
            .as_ref()
            .ok_or_else(|| r.bad(i, at.as_str(), "is missing"))?;
        out.mean = Some(
            d.to_f64(&at)
                .map_err(|x| r.bad(i, at.as_str(), x.to_string()))?,
        );
    }
    if let Some((j, c)) = part(&e.extension, "count") {
        let at = format!("{path}.extension[{j}].valueUnsignedInt");
        let n = c
            .value_unsigned_int
            .ok_or_else(|| r.bad(i, at.as_str(), "is missing"))?;
        out.count = Some(u64::from(n));
    }
    Ok(out)
}

fn outcome(r: &Reader, i: usize, path: &str, e: &Extension) -> Result<Outcome> {
    let cases = part(&e.extension, "cases")
        .and_then(|(_, x)| x.value_unsigned_int)
        .ok_or_else(|| {
            r.bad(
                i,
                format!("{path}.extension"),
                "an outcome needs cases (valueUnsignedInt)",
            )
        })?;
    let count = part(&e.extension, "count").and_then(|(_, x)| x.value_unsigned_int);
    let rate = match part(&e.extension, "rate") {
        Some((j, x)) => {
            let at = format!("{path}.extension[{j}].valueDecimal");
            let d = x
                .value_decimal
                .as_ref()
                .ok_or_else(|| r.bad(i, at.as_str(), "is missing"))?;
            Some(
                d.to_f64(&at)
                    .map_err(|x| r.bad(i, at.as_str(), x.to_string()))?,
            )
        }
        None => None,
    };
    Ok(Outcome { cases, count, rate })
}

fn money(r: &Reader, i: usize, at: &str, e: &Extension) -> Result<crate::Money> {
    e.value_money
        .as_ref()
        .ok_or_else(|| r.bad(i, at, "needs a valueMoney"))?
        .to_money(&format!("{at}.valueMoney"))
        .map_err(|x| r.bad(i, format!("{at}.valueMoney"), x.to_string()))
}

/// Fills an offer's figures from its `procedure-offer` extension.
fn figures(r: &Reader, i: usize, path: &str, e: &Extension, o: &mut ProcedureOffer) -> Result<()> {
    for (j, x) in e.extension.iter().enumerate() {
        let at = format!("{path}.extension[{j}]");
        let uint = || {
            x.value_unsigned_int
                .ok_or_else(|| r.bad(i, at.as_str(), "needs a valueUnsignedInt"))
        };
        match x.url.as_str() {
            "price" => o.price = Some(money(r, i, &at, x)?),
            "priceMax" => o.price_max = Some(money(r, i, &at, x)?),
            "annualVolume" => o.annual_volume = Some(uint()?),
            "medianWaitDays" => o.median_wait_days = Some(uint()?),
            "success" => o.success = Some(outcome(r, i, &at, x)?),
            "complications" => o.complications = Some(outcome(r, i, &at, x)?),
            _ => {}
        }
    }
    Ok(())
}

/// Adds one HealthcareService's procedures, figures, languages and amenities to `p`;
/// `offers` indexes `p.procedures` by code, so many services and codes stay linear.
fn service(
    r: &Reader,
    i: usize,
    s: &HealthcareService,
    p: &mut Provider,
    offers: &mut HashMap<String, usize>,
) -> Result<()> {
    let mut listed: HashSet<String> = HashSet::new();
    for (k, t) in s.type_.iter().enumerate() {
        for c in t.coding.iter().filter(|c| c.is_from(codes::CS_PROCEDURE)) {
            let code = c
                .code
                .clone()
                .filter(|c| !c.trim().is_empty())
                .ok_or_else(|| {
                    r.bad(
                        i,
                        format!("HealthcareService.type[{k}].coding.code"),
                        "is missing",
                    )
                })?;
            listed.insert(code.clone());
            if !offers.contains_key(&code) {
                offers.insert(code.clone(), p.procedures.len());
                p.procedures.push(ProcedureOffer {
                    code,
                    name: c.display.clone().unwrap_or_default(),
                    price: None,
                    price_max: None,
                    annual_volume: None,
                    success: None,
                    complications: None,
                    median_wait_days: None,
                });
            }
        }
    }
    for (k, e) in s.extension.iter().enumerate() {
        if e.url != codes::EXT_PROCEDURE_OFFER {
            continue;
        }
        let path = format!("HealthcareService.extension[{k}]");
        let code = part(&e.extension, "code")
            .and_then(|(_, c)| c.value_code.clone())
            .ok_or_else(|| {
                r.bad(
                    i,
                    format!("{path}.extension"),
                    "a procedure offer needs a code (valueCode)",
                )
            })?;
        let offer = offers
            .get(&code)
            .filter(|_| listed.contains(&code))
            .and_then(|&k| p.procedures.get_mut(k))
            .ok_or_else(|| {
                r.bad(
                    i,
                    path.as_str(),
                    format!("the figures of {code:?} name a procedure the service's type lacks"),
                )
            })?;
        figures(r, i, &path, e, offer)?;
    }
    for concept in &s.communication {
        for c in &concept.coding {
            if c.system.as_deref().is_some_and(|x| x != codes::BCP47) {
                continue;
            }
            let primary = c
                .code
                .as_deref()
                .and_then(|t| t.split('-').next())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            // Only ISO 639-1 (two-letter) languages fit the catalog; longer tags are skipped.
            if is_alpha2(&primary, false) && !p.languages.contains(&primary) {
                p.languages.push(primary);
            }
        }
    }
    for (k, concept) in s.characteristic.iter().enumerate() {
        for (j, c) in concept.coding.iter().enumerate() {
            if !c.is_from(codes::CS_AMENITY) {
                continue;
            }
            let code = c.code.as_deref().unwrap_or_default();
            let a = from_code::<Amenity>(code).ok_or_else(|| {
                r.bad(
                    i,
                    format!("HealthcareService.characteristic[{k}].coding[{j}].code"),
                    format!("{code:?} is not an amenity of {}", codes::CS_AMENITY),
                )
            })?;
            if !p.amenities.contains(&a) {
                p.amenities.push(a);
            }
        }
    }
    Ok(())
}

fn location(r: &Reader, i: usize, l: &Location, p: &mut Provider) -> Result<()> {
    if let Some(pos) = &l.position {
        if p.coordinates.is_none() {
            let read = |d: &Option<super::datatypes::FhirDecimal>, name: &str| -> Result<f64> {
                let at = format!("Location.position.{name}");
                d.as_ref()
                    .ok_or_else(|| r.bad(i, at.as_str(), "is missing"))?
                    .to_f64(&at)
                    .map_err(|x| r.bad(i, at.as_str(), x.to_string()))
            };
            p.coordinates = Some(Coordinates {
                lat: read(&pos.latitude, "latitude")?,
                lon: read(&pos.longitude, "longitude")?,
            });
        }
    }
    let distances = l.extension.iter().enumerate();
    for (k, e) in distances.filter(|(_, e)| e.url == codes::EXT_AIRPORT_DISTANCE) {
        let at = format!("Location.extension[{k}].valueQuantity");
        let q = e
            .value_quantity
            .as_ref()
            .ok_or_else(|| r.bad(i, at.as_str(), "is missing"))?;
        if q.code.as_deref().is_some_and(|c| c != "km") {
            return Err(r.bad(
                i,
                format!("{at}.code"),
                "the airport distance is read in km",
            ));
        }
        let v = q
            .value
            .as_ref()
            .ok_or_else(|| r.bad(i, format!("{at}.value"), "is missing"))?;
        if p.airport_distance_km.is_none() {
            p.airport_distance_km = Some(
                v.to_f64(&at)
                    .map_err(|x| r.bad(i, format!("{at}.value"), x.to_string()))?,
            );
        }
    }
    for (k, e) in l.extension.iter().enumerate() {
        let slot = if e.url == codes::TIMEZONE {
            &mut p.time_zone
        } else if e.url == codes::EXT_AIRPORT {
            &mut p.airport
        } else {
            continue;
        };
        let code = e.value_code.as_ref().ok_or_else(|| {
            r.bad(
                i,
                format!("Location.extension[{k}].valueCode"),
                "is missing",
            )
        })?;
        if slot.is_none() {
            *slot = Some(code.clone());
        }
    }
    if p.country.is_empty() {
        if let Some(c) = l.address.as_ref().and_then(|a| a.country.as_deref()) {
            p.country = country(r, i, "Location.address.country", c)?;
            p.city = l
                .address
                .as_ref()
                .and_then(|a| a.city.clone())
                .unwrap_or_default();
        }
    }
    Ok(())
}

fn doctor(r: &Reader, role_at: usize, role: &PractitionerRole, who: usize) -> Result<Doctor> {
    let Some(Resource::Practitioner(d)) = r.bundle.entry.get(who).map(|e| &e.resource) else {
        return Err(r.bad(
            role_at,
            "PractitionerRole.practitioner",
            "is not a Practitioner",
        ));
    };
    let name = d.name.iter().find_map(|n| n.full()).ok_or_else(|| {
        r.bad(
            who,
            "Practitioner.name",
            "is missing; a doctor needs a name",
        )
    })?;
    let years_experience =
        extensions(&d.extension, codes::EXT_YEARS_EXPERIENCE).find_map(|e| e.value_unsigned_int);
    Ok(Doctor {
        name,
        specialty: role
            .specialty
            .iter()
            .find_map(concept_text)
            .unwrap_or_default(),
        board_certifications: d
            .qualification
            .iter()
            .filter_map(|q| concept_text(&q.code))
            .collect(),
        years_experience,
    })
}

impl Catalog {
    /// Reads a catalog from a FHIR Bundle (see the module docs of `fhir` for the mapping);
    /// `Catalog::from_fhir(&catalog.to_fhir()?)` equals `catalog`. The result is validated
    /// like any catalog.
    pub fn from_fhir(bundle: &Bundle) -> Result<Catalog> {
        let r = Reader {
            bundle,
            index: bundle.index(),
        };
        let mut providers = Vec::new();
        let mut at: HashMap<usize, usize> = HashMap::new();
        let mut org_entry = Vec::new();
        let mut offers: Vec<HashMap<String, usize>> = Vec::new();
        for (i, e) in bundle.entry.iter().enumerate() {
            if let Resource::Organization(org) = &e.resource {
                at.insert(i, providers.len());
                org_entry.push(i);
                offers.push(HashMap::new());
                providers.push(organization(&r, i, org)?);
            }
        }
        let provider =
            |i: usize, element: &str, reference: Option<&Reference>| -> Result<Option<usize>> {
                match reference {
                    Some(reference) => Ok(r
                        .target(i, element, reference, "Organization")?
                        .and_then(|j| at.get(&j).copied())),
                    None => Ok(None),
                }
            };
        for (i, e) in bundle.entry.iter().enumerate() {
            match &e.resource {
                Resource::Location(l) => {
                    let owner = provider(
                        i,
                        "Location.managingOrganization",
                        l.managing_organization.as_ref(),
                    )?;
                    if let Some(p) = owner.and_then(|k| providers.get_mut(k)) {
                        location(&r, i, l, p)?;
                    }
                }
                Resource::HealthcareService(s) => {
                    let owner =
                        provider(i, "HealthcareService.providedBy", s.provided_by.as_ref())?;
                    let owner = owner.and_then(|k| providers.get_mut(k).zip(offers.get_mut(k)));
                    if let Some((p, seen)) = owner {
                        service(&r, i, s, p, seen)?;
                    }
                }
                Resource::PractitionerRole(role) => {
                    let owner = provider(
                        i,
                        "PractitionerRole.organization",
                        role.organization.as_ref(),
                    )?;
                    let who = match &role.practitioner {
                        Some(x) => {
                            r.target(i, "PractitionerRole.practitioner", x, "Practitioner")?
                        }
                        None => None,
                    };
                    if let (Some(k), Some(who)) = (owner, who) {
                        let d = doctor(&r, i, role, who)?;
                        if let Some(p) = providers.get_mut(k) {
                            p.doctors.push(d);
                        }
                    }
                }
                _ => {}
            }
        }
        for (p, &i) in providers.iter().zip(&org_entry) {
            if p.country.is_empty() {
                return Err(r.bad(
                    i,
                    "Organization.address.country",
                    "is missing on the Organization and its Locations; a provider needs one",
                ));
            }
        }
        Catalog::new(providers)
    }

    /// Reads a catalog from FHIR Bundle JSON text; see [`Catalog::from_fhir`] and
    /// [`Bundle::from_json`].
    pub fn from_fhir_json(text: &str) -> Result<Catalog> {
        Catalog::from_fhir(&Bundle::read(text, Resource::parse_directory)?)
    }
}
