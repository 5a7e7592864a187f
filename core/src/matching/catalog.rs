//! The provider catalog: the JSON model of clinics and hospitals, its validation, and the
//! columnar layout that ranking reads.
//!
//! JSON shape of a catalog: `{"providers": [Provider, …]}` (a bare array is accepted too).
//! A provider, with only `id`, `name` and `country` required:
//!
//! ```json
//! {"id": "bosphorus-ortho", "name": "Bosphorus Orthopaedic Hospital", "country": "TR",
//!  "city": "Istanbul", "coordinates": {"lat": 41.04, "lon": 29.0},
//!  "accreditations": [{"body": "jci", "scope": "hospital", "issued": "2024-03-01", "expires": "2027-02-28"}],
//!  "procedures": [{"code": "knee_replacement", "name": "Total knee replacement",
//!    "price": {"amount": "8900.00", "currency": "EUR"}, "priceMax": {"amount": "9600.00", "currency": "EUR"},
//!    "annualVolume": 640, "success": {"cases": 1210, "count": 1168},
//!    "complications": {"cases": 1210, "rate": 0.021}, "medianWaitDays": 14}],
//!  "doctors": [{"name": "Dr. A. Yilmaz", "specialty": "orthopaedic surgery",
//!    "boardCertifications": ["TOTBID"], "yearsExperience": 22}],
//!  "languages": ["tr", "en", "de"],
//!  "reviews": {"stars": [3, 2, 9, 40, 146]},
//!  "amenities": ["interpreter", "airport_transfer", "halal_food"],
//!  "airportDistanceKm": 38.5, "timeZone": "Europe/Istanbul", "airport": "IST"}
//! ```
//!
//! `timeZone` (an IANA zone, checked against the time-zone database when the `itinerary`
//! feature is on) and `airport` (an IATA code) are optional; trip planning needs both.
//!
//! `reviews` is either `stars` (counts of 1★…5★ reviews, one-star first) or `mean` with
//! `count`; a mean without a count is kept but carries no weight in ranking.
//! An outcome is `{"cases": n, "count": k}` or `{"cases": n, "rate": r}`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::named::named_enum;
use crate::Decimal;

named_enum! {
    /// A body that accredits hospitals or clinics (snake_case in JSON: `"jci"`, `"iso_9001"`).
    pub enum AccreditationBody in "accreditation_body" {
        /// Joint Commission International.
        Jci => "jci",
        /// Accreditation Canada (Qmentum International).
        AccreditationCanada => "accreditation_canada",
        /// Australian Council on Healthcare Standards.
        Achs => "achs",
        /// National Accreditation Board for Hospitals & Healthcare Providers (India).
        Nabh => "nabh",
        /// Temos, which certifies quality in medical travel.
        Temos => "temos",
        /// ISO 9001 quality management certification.
        Iso9001 => "iso_9001",
        /// Any other accreditation (name it in `scope`).
        Other => "other",
    }
}

impl AccreditationBody {
    /// How much an accreditation by this body says about clinical quality, in [0, 1].
    ///
    /// Hospital-wide clinical standards audited by an ISQua-accredited international body
    /// rank highest; a medical-travel certificate says less about the operating theatre, and
    /// ISO 9001 certifies management processes, not care.
    pub fn strength(self) -> f64 {
        match self {
            AccreditationBody::Jci | AccreditationBody::AccreditationCanada => 1.0,
            AccreditationBody::Achs => 0.9,
            AccreditationBody::Nabh => 0.8,
            AccreditationBody::Temos => 0.7,
            AccreditationBody::Iso9001 => 0.4,
            AccreditationBody::Other => 0.3,
        }
    }
}

/// One accreditation a provider holds, valid from `issued` to `expires` inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Accreditation {
    /// Who accredited.
    pub body: AccreditationBody,
    /// What is covered ("hospital", "orthopaedics", …); free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// First day of validity, if known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::option_date"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub issued: Option<NaiveDate>,
    /// Last day of validity; `None` means no expiry is recorded.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::option_date"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub expires: Option<NaiveDate>,
}

impl Accreditation {
    /// True when the accreditation is in force on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.issued.is_none_or(|d| d <= date) && self.expires.is_none_or(|d| date <= d)
    }
}

named_enum! {
    /// A comfort or need a provider caters for (snake_case in JSON).
    pub enum Amenity in "amenity" {
        /// Step-free access and accessible rooms.
        WheelchairAccess => "wheelchair_access",
        /// A medical interpreter on staff.
        Interpreter => "interpreter",
        /// Halal meals.
        HalalFood => "halal_food",
        /// Kosher meals.
        KosherFood => "kosher_food",
        /// Vegetarian meals.
        VegetarianFood => "vegetarian_food",
        /// Airport pick-up and drop-off.
        AirportTransfer => "airport_transfer",
        /// Recovery accommodation for patient and companion.
        RecoveryAccommodation => "recovery_accommodation",
    }
}

impl Amenity {
    /// The bit of this amenity in a provider's amenity mask.
    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A mask of amenities.
pub(crate) fn amenity_mask(items: &[Amenity]) -> u8 {
    items.iter().fold(0, |m, a| m | a.bit())
}

/// A latitude/longitude pair in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
pub struct Coordinates {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

/// A count of events among cases, given either as a count or as a rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "ProcedureOutcome")
)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// How many cases the figure is based on (report it with every rate).
    pub cases: u32,
    /// Number of cases with the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Share of cases with the event, 0 to 1 (when no count is published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
}

impl Outcome {
    /// The event count, from `count` or `rate × cases`.
    pub fn events(&self) -> f64 {
        match (self.count, self.rate) {
            (Some(c), _) => f64::from(c),
            (None, Some(r)) => r * f64::from(self.cases),
            (None, None) => 0.0,
        }
    }
}

/// One procedure a provider offers, with its price and record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct ProcedureOffer {
    /// Procedure code shared with requests and quotes, e.g. `"knee_replacement"`.
    pub code: String,
    /// Human name of the procedure.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Price, or the low end of a price range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// High end of a price range, in the same currency as `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_max: Option<Money>,
    /// Cases of this procedure per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_volume: Option<u32>,
    /// Successful outcomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<Outcome>,
    /// Complications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complications: Option<Outcome>,
    /// Median days from booking to the procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_wait_days: Option<u32>,
}

/// A doctor on the provider's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Doctor {
    /// Full name.
    pub name: String,
    /// Specialty, e.g. "orthopaedic surgery".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub specialty: String,
    /// Board certifications and fellowships.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub board_certifications: Vec<String>,
    /// Years in practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_experience: Option<u32>,
}

/// Patient reviews: star counts, or a mean with its count.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Reviews {
    /// Counts of 1★, 2★, 3★, 4★ and 5★ reviews (one-star first); wins over `mean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars: Option<[u64; 5]>,
    /// Mean rating, 1 to 5, when only an average is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// Number of reviews behind `mean`; without it the mean carries no weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

impl Reviews {
    /// `(sum of stars, number of reviews)` as used for the Bayesian average.
    pub fn totals(&self) -> (f64, f64) {
        if let Some(stars) = &self.stars {
            let mut sum = 0.0;
            let mut n = 0.0;
            for (i, c) in stars.iter().enumerate() {
                sum += (i + 1) as f64 * *c as f64;
                n += *c as f64;
            }
            return (sum, n);
        }
        match (self.mean, self.count) {
            (Some(m), Some(c)) => (m * c as f64, c as f64),
            _ => (0.0, 0.0),
        }
    }
}

/// A clinic or hospital in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    /// Kebab-case slug, unique in the catalog, e.g. `"bosphorus-ortho"`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code, e.g. `"TR"`.
    pub country: String,
    /// City.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    /// Location, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    /// Accreditations held (current and lapsed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accreditations: Vec<Accreditation>,
    /// Procedures offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedures: Vec<ProcedureOffer>,
    /// Doctors on staff.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doctors: Vec<Doctor>,
    /// ISO 639-1 codes of the languages staff speak with patients.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Patient reviews, if any are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviews: Option<Reviews>,
    /// Amenities offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amenities: Vec<Amenity>,
    /// Road distance from the nearest international airport, in km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub airport_distance_km: Option<f64>,
    /// IANA time zone of the provider's place (`"Europe/Istanbul"`): the clock its
    /// appointments and working hours are in. Trip planning needs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// IATA code of the nearest international airport (`"IST"`): where a planned trip lands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub airport: Option<String>,
}

impl Provider {
    /// The offer for `procedure`, if the provider has one.
    pub fn offer(&self, procedure: &str) -> Option<&ProcedureOffer> {
        self.procedures.iter().find(|p| p.code == procedure)
    }
}

/// True for a two-letter code of the given case (`upper` for countries, lower for languages).
pub(crate) fn is_alpha2(code: &str, upper: bool) -> bool {
    code.len() == 2
        && code.bytes().all(|b| {
            if upper {
                b.is_ascii_uppercase()
            } else {
                b.is_ascii_lowercase()
            }
        })
}

/// Dense index of a two-letter code (0..676).
pub(crate) fn alpha2_index(code: &str) -> Option<u16> {
    let b = code.as_bytes();
    let (a, c) = (
        b.first()?.to_ascii_uppercase(),
        b.get(1)?.to_ascii_uppercase(),
    );
    if b.len() != 2 || !a.is_ascii_uppercase() || !c.is_ascii_uppercase() {
        return None;
    }
    Some(u16::from(a - b'A') * 26 + u16::from(c - b'A'))
}

/// True for a name of the IANA time-zone database. Without the `itinerary` feature the
/// database is not compiled in, so only the form is checked (`Area/Location`, ASCII
/// letters, digits, `_`, `-`, `+`, `/`); the planner, which needs the feature, resolves it.
fn is_time_zone(name: &str) -> bool {
    #[cfg(feature = "itinerary")]
    {
        crate::zone::Tz::named(name).is_some()
    }
    #[cfg(not(feature = "itinerary"))]
    {
        (1..=64).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/'))
    }
}

fn short(text: &str) -> String {
    text.chars().take(60).collect()
}

fn validate(p: &Provider, pos: usize) -> Result<()> {
    let record = if p.id.is_empty() {
        format!("#{pos}")
    } else {
        short(&p.id)
    };
    let bad = |field: String, reason: String| Error::InvalidProvider {
        record: record.clone(),
        field,
        reason,
    };
    if p.id.is_empty()
        || p.id.len() > 128
        || p.id.starts_with('-')
        || p.id.ends_with('-')
        || !p
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(bad(
            "id".into(),
            format!("{:?} is not a kebab-case slug (a-z, 0-9, -)", short(&p.id)),
        ));
    }
    if p.name.trim().is_empty() {
        return Err(bad("name".into(), "is empty".into()));
    }
    if !is_alpha2(&p.country, true) {
        return Err(bad(
            "country".into(),
            format!("{:?} is not an ISO 3166-1 alpha-2 code", short(&p.country)),
        ));
    }
    if let Some(zone) = &p.time_zone {
        if !is_time_zone(zone) {
            return Err(bad(
                "timeZone".into(),
                format!("{:?} is not an IANA time zone", short(zone)),
            ));
        }
    }
    if let Some(code) = &p.airport {
        let ok = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
        if !ok {
            return Err(bad(
                "airport".into(),
                format!(
                    "{:?} is not an IATA airport code (3 capital letters)",
                    short(code)
                ),
            ));
        }
    }
    if let Some(c) = p.coordinates {
        let lat_ok = c.lat.is_finite() && (-90.0..=90.0).contains(&c.lat);
        let lon_ok = c.lon.is_finite() && (-180.0..=180.0).contains(&c.lon);
        if !(lat_ok && lon_ok) {
            return Err(bad(
                "coordinates".into(),
                format!("({}, {}) is not a latitude/longitude", c.lat, c.lon),
            ));
        }
    }
    for (i, a) in p.accreditations.iter().enumerate() {
        for (name, date) in [("issued", a.issued), ("expires", a.expires)] {
            if let Some(d) = date {
                let field = format!("provider {record} accreditations[{i}].{name}");
                crate::dates::check_date(&field, d)?;
            }
        }
        if let (Some(from), Some(to)) = (a.issued, a.expires) {
            if to < from {
                return Err(bad(
                    format!("accreditations[{i}].expires"),
                    format!("{to} is before issued {from}"),
                ));
            }
        }
    }
    let mut codes = std::collections::HashSet::with_capacity(p.procedures.len());
    for (i, o) in p.procedures.iter().enumerate() {
        let f = |name: &str| format!("procedures[{i}].{name}");
        if o.code.trim().is_empty() {
            return Err(bad(f("code"), "is empty".into()));
        }
        if !codes.insert(o.code.as_str()) {
            return Err(bad(
                f("code"),
                format!("{:?} is listed twice", short(&o.code)),
            ));
        }
        if let Some(price) = &o.price {
            if price.is_negative() {
                return Err(bad(f("price"), format!("{price} is negative")));
            }
        }
        match (&o.price, &o.price_max) {
            (None, Some(_)) => return Err(bad(f("priceMax"), "given without price".into())),
            (Some(lo), Some(hi)) => {
                if lo.currency() != hi.currency() {
                    return Err(bad(
                        f("priceMax"),
                        format!("{hi} is not in the currency of price {lo}"),
                    ));
                }
                if hi.amount() < lo.amount() {
                    return Err(bad(f("priceMax"), format!("{hi} is below price {lo}")));
                }
            }
            _ => {}
        }
        for (name, out) in [("success", &o.success), ("complications", &o.complications)] {
            let Some(out) = out else { continue };
            match (out.count, out.rate) {
                (Some(_), Some(_)) => {
                    return Err(bad(f(name), "give count or rate, not both".into()))
                }
                (None, None) => return Err(bad(f(name), "needs a count or a rate".into())),
                (Some(c), None) if c > out.cases => {
                    return Err(bad(
                        f(name),
                        format!("count {c} is more than the {} cases", out.cases),
                    ))
                }
                (None, Some(r)) if !(r.is_finite() && (0.0..=1.0).contains(&r)) => {
                    return Err(bad(f(name), format!("rate {r} is not between 0 and 1")))
                }
                _ => {}
            }
        }
    }
    for (i, l) in p.languages.iter().enumerate() {
        if !is_alpha2(l, false) {
            return Err(bad(
                format!("languages[{i}]"),
                format!("{:?} is not a lowercase ISO 639-1 code", short(l)),
            ));
        }
    }
    if let Some(r) = &p.reviews {
        if let Some(m) = r.mean {
            if !(m.is_finite() && (1.0..=5.0).contains(&m)) {
                return Err(bad(
                    "reviews.mean".into(),
                    format!("{m} is not between 1 and 5"),
                ));
            }
        }
        if let Some(stars) = &r.stars {
            stars
                .iter()
                .try_fold(0u64, |a, c| a.checked_add(*c))
                .ok_or_else(|| bad("reviews.stars".into(), "total overflows".into()))?;
        }
    }
    if let Some(d) = p.airport_distance_km {
        if !(d.is_finite() && d >= 0.0) {
            return Err(bad(
                "airportDistanceKm".into(),
                format!("{d} is not a distance >= 0"),
            ));
        }
    }
    Ok(())
}

/// Days since 0001-01-01 of a date, for compact comparisons.
pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// An accreditation cell of the columnar layout.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AccrCell {
    pub(crate) body: AccreditationBody,
    pub(crate) from: i32,
    pub(crate) to: i32,
}

/// The columns of one procedure: one row per provider offering it, in catalog order.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProcColumn {
    pub(crate) provider: Vec<u32>,
    /// Index into the catalog's currency list; `u16::MAX` when no price is given.
    pub(crate) currency: Vec<u16>,
    pub(crate) price_low: Vec<Decimal>,
    pub(crate) price_low_f: Vec<f64>,
    pub(crate) price_mid_f: Vec<f64>,
    pub(crate) success: Vec<f64>,
    pub(crate) success_n: Vec<f64>,
    pub(crate) compl: Vec<f64>,
    pub(crate) compl_n: Vec<f64>,
    /// Median wait in days; NaN when unknown.
    pub(crate) wait: Vec<f64>,
}

/// Provider-level columns, one entry per provider in catalog order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    pub(crate) country: Vec<u16>,
    pub(crate) languages: Vec<String>,
    pub(crate) lang_words: usize,
    pub(crate) lang_bits: Vec<u64>,
    pub(crate) amenities: Vec<u8>,
    pub(crate) accr_start: Vec<u32>,
    pub(crate) accr: Vec<AccrCell>,
    /// NaN when unknown.
    pub(crate) airport_km: Vec<f64>,
    pub(crate) review_sum: Vec<f64>,
    pub(crate) review_n: Vec<f64>,
    pub(crate) currencies: Vec<Currency>,
    pub(crate) procs: HashMap<String, ProcColumn>,
}

/// A validated set of providers, laid out in columns for fast ranking.
///
/// JSON: `{"providers": [Provider, …]}`; see the module docs for a provider's shape.
#[derive(Debug, Clone)]
pub struct Catalog {
    providers: Vec<Provider>,
    index: HashMap<String, u32>,
    pub(crate) cols: Columns,
    /// Provider positions in id order, built the first time a ranking lists exclusions:
    /// listing the first excluded ids then scans it instead of sorting strings per call.
    id_order: OnceLock<Vec<u32>>,
}

impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        self.providers == other.providers
    }
}

#[derive(Serialize)]
struct CatalogOut<'a> {
    providers: &'a [Provider],
}

/// `{"providers": [...]}` with each provider kept as raw text, so one bad record can be
/// reported by its position and id.
#[derive(Deserialize)]
struct RawCatalog<'a> {
    #[serde(borrow)]
    providers: Vec<&'a serde_json::value::RawValue>,
}

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<String>,
}

impl Serialize for Catalog {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        CatalogOut {
            providers: &self.providers,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Catalog {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Vec<Provider>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a catalog: {\"providers\": [...]} or an array of providers")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<Provider>()? {
                    out.push(p);
                }
                Ok(out)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut providers = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "providers" {
                        providers = Some(map.next_value::<Vec<Provider>>()?);
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                providers.ok_or_else(|| serde::de::Error::missing_field("providers"))
            }
        }
        let providers = d.deserialize_any(V)?;
        Catalog::new(providers).map_err(Error::into_de)
    }
}

impl Catalog {
    /// Validates the providers (ids unique) and builds the ranking columns.
    pub fn new(providers: Vec<Provider>) -> Result<Self> {
        if u32::try_from(providers.len()).is_err() {
            return Err(Error::invalid(
                "providers",
                format!("{} providers is more than a catalog holds", providers.len()),
            ));
        }
        let mut index = HashMap::with_capacity(providers.len());
        for (pos, p) in providers.iter().enumerate() {
            validate(p, pos)?;
            // Checked above: pos fits in u32.
            if index.insert(p.id.clone(), pos as u32).is_some() {
                return Err(Error::InvalidProvider {
                    record: short(&p.id),
                    field: "id".into(),
                    reason: "the id is used by another provider".into(),
                });
            }
        }
        let cols = Columns::build(&providers)?;
        Ok(Catalog {
            providers,
            index,
            cols,
            id_order: OnceLock::new(),
        })
    }

    /// Reads `{"providers": [...]}` or a bare array of providers, and validates it.
    ///
    /// A record that does not parse is reported by its position and id.
    pub fn from_json(text: &str) -> Result<Self> {
        let raws: Vec<&serde_json::value::RawValue> = if text.trim_start().starts_with('[') {
            crate::json::from_str(text)
        } else {
            crate::json::from_str::<RawCatalog>(text).map(|c| c.providers)
        }
        .map_err(|e| Error::json("catalog", &e))?;
        let mut providers = Vec::with_capacity(raws.len());
        for (i, raw) in raws.iter().enumerate() {
            let p = crate::json::from_str::<Provider>(raw.get()).map_err(|e| {
                let id = crate::json::from_str::<IdOnly>(raw.get())
                    .ok()
                    .and_then(|x| x.id)
                    .map(|id| format!(" ({})", short(&id)))
                    .unwrap_or_default();
                Error::deserialize("json", format!("catalog provider #{i}{id}"), e)
            })?;
            providers.push(p);
        }
        Catalog::new(providers)
    }

    /// Writes `{"providers": [...]}`.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("catalog", &e))
    }

    /// The providers, in the order they were given.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }

    /// The provider with this id.
    pub fn get(&self, id: &str) -> Option<&Provider> {
        self.index
            .get(id)
            .and_then(|&i| self.providers.get(i as usize))
    }

    /// Number of providers.
    pub fn len(&self) -> usize {
        self.providers.len()
    }

    /// True when the catalog has no providers.
    pub fn is_empty(&self) -> bool {
        self.providers.is_empty()
    }

    /// Procedure codes offered by at least one provider, sorted.
    pub fn procedures(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.cols.procs.keys().map(String::as_str).collect();
        crate::order::sort(&mut v);
        v
    }

    /// Provider positions sorted by id (ids are unique, so the order is total).
    pub(crate) fn id_order(&self) -> &[u32] {
        self.id_order.get_or_init(|| {
            let id = |p: &u32| {
                self.providers
                    .get(*p as usize)
                    .map_or("", |x| x.id.as_str())
            };
            // Checked in `new`: the count fits in u32.
            let mut order: Vec<u32> = (0..self.providers.len() as u32).collect();
            order.sort_unstable_by(|a, b| id(a).cmp(id(b)));
            order
        })
    }

    /// The catalog position of a provider id.
    pub(crate) fn position(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }
}

impl Columns {
    fn build(providers: &[Provider]) -> Result<Columns> {
        let n = providers.len();
        let mut c = Columns {
            country: Vec::with_capacity(n),
            amenities: Vec::with_capacity(n),
            accr_start: Vec::with_capacity(n + 1),
            airport_km: Vec::with_capacity(n),
            review_sum: Vec::with_capacity(n),
            review_n: Vec::with_capacity(n),
            ..Columns::default()
        };
        let mut lang_ids: HashMap<&str, usize> = HashMap::new();
        for p in providers {
            for l in &p.languages {
                let next = lang_ids.len();
                lang_ids.entry(l.as_str()).or_insert(next);
            }
        }
        let mut langs: Vec<(&str, usize)> = lang_ids.iter().map(|(k, v)| (*k, *v)).collect();
        crate::order::sort_by_key(&mut langs, |(_, v)| *v);
        c.languages = langs.into_iter().map(|(k, _)| k.to_string()).collect();
        c.lang_words = c.languages.len().div_ceil(64).max(1);
        c.lang_bits = vec![
            0;
            n.checked_mul(c.lang_words)
                .ok_or_else(|| Error::overflow("catalog languages"))?
        ];
        let mut currency_ids: HashMap<Currency, u16> = HashMap::new();
        c.accr_start.push(0);
        for (i, p) in providers.iter().enumerate() {
            c.country.push(alpha2_index(&p.country).unwrap_or(u16::MAX));
            for l in &p.languages {
                if let Some(&id) = lang_ids.get(l.as_str()) {
                    if let Some(w) = c.lang_bits.get_mut(i * c.lang_words + id / 64) {
                        *w |= 1u64 << (id % 64);
                    }
                }
            }
            c.amenities.push(amenity_mask(&p.amenities));
            for a in &p.accreditations {
                c.accr.push(AccrCell {
                    body: a.body,
                    from: a.issued.map_or(i32::MIN, day_number),
                    to: a.expires.map_or(i32::MAX, day_number),
                });
            }
            let end = u32::try_from(c.accr.len())
                .map_err(|_| Error::overflow("catalog accreditations"))?;
            c.accr_start.push(end);
            c.airport_km.push(p.airport_distance_km.unwrap_or(f64::NAN));
            let (sum, cnt) = p.reviews.as_ref().map_or((0.0, 0.0), Reviews::totals);
            c.review_sum.push(sum);
            c.review_n.push(cnt);
            for o in &p.procedures {
                let col = c.procs.entry(o.code.clone()).or_default();
                col.provider.push(i as u32);
                match &o.price {
                    Some(lo) => {
                        let next = currency_ids.len();
                        let id = *currency_ids.entry(lo.currency()).or_insert_with(|| {
                            c.currencies.push(lo.currency());
                            next as u16
                        });
                        if currency_ids.len() > usize::from(u16::MAX) {
                            return Err(Error::overflow("catalog currencies"));
                        }
                        let hi = o.price_max.as_ref().unwrap_or(lo);
                        let lo_f = to_f64(lo.amount());
                        col.currency.push(id);
                        col.price_low.push(lo.amount());
                        col.price_low_f.push(lo_f);
                        col.price_mid_f.push(0.5 * lo_f + 0.5 * to_f64(hi.amount()));
                    }
                    None => {
                        col.currency.push(u16::MAX);
                        col.price_low.push(Decimal::ZERO);
                        col.price_low_f.push(f64::NAN);
                        col.price_mid_f.push(f64::NAN);
                    }
                }
                let (s, sn) = o
                    .success
                    .map_or((0.0, 0.0), |x| (x.events(), f64::from(x.cases)));
                let (k, kn) = o
                    .complications
                    .map_or((0.0, 0.0), |x| (x.events(), f64::from(x.cases)));
                col.success.push(s);
                col.success_n.push(sn);
                col.compl.push(k);
                col.compl_n.push(kn);
                col.wait
                    .push(o.median_wait_days.map_or(f64::NAN, f64::from));
            }
        }
        Ok(c)
    }
}

/// A decimal as a float, for scores only.
pub(crate) fn to_f64(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(f64::NAN)
}
