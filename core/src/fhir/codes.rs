//! Every URL the FHIR exports write: medjourney's own extensions, code systems and
//! identifier systems (all under [`BASE`]), and the HL7 code systems they use.
//!
//! medjourney's URLs follow one pattern: `{BASE}/StructureDefinition/<name>` for an
//! extension, `{BASE}/CodeSystem/<name>` for a code system whose codes are the snake_case
//! values of the JSON shapes, and `{BASE}/sid/<name>` for an identifier system whose
//! values are medjourney ids. The README lists them with what each carries.

macro_rules! base {
    () => {
        "https://example.invalid/medjourney/fhir"
    };
}
macro_rules! ext {
    ($name:literal) => {
        concat!(base!(), "/StructureDefinition/", $name)
    };
}
macro_rules! cs {
    ($name:literal) => {
        concat!(base!(), "/CodeSystem/", $name)
    };
}
macro_rules! sid {
    ($name:literal) => {
        concat!(base!(), "/sid/", $name)
    };
}

/// The root of every URL medjourney defines (extensions, code systems, identifier
/// systems, and the namespace of the entries' name-based UUIDs).
pub const BASE: &str = base!();

// ---- extensions ----------------------------------------------------------------------

/// A journey stage (valueCoding in [`CS_STAGE`]): the current stage on an EpisodeOfCare,
/// the stage of each statusHistory entry and of each Communication.
pub const EXT_STAGE: &str = ext!("journey-stage");
/// Why a stage was entered by going back (valueCoding in [`CS_BACK_REASON`]), on a
/// statusHistory entry.
pub const EXT_BACK_REASON: &str = ext!("back-reason");
/// A patient's need at a stage, on an EpisodeOfCare: complex, with `stage` and `need`
/// (valueCoding) and `met` (valueBoolean).
pub const EXT_NEED: &str = ext!("journey-need");
/// How a touchpoint ended (valueCoding in [`CS_OUTCOME`]), on a Communication.
pub const EXT_OUTCOME: &str = ext!("touchpoint-outcome");
/// The patient's emotion, −2 to +2 (valueDecimal), on a Communication.
pub const EXT_SENTIMENT: &str = ext!("touchpoint-sentiment");
/// How long a touchpoint lasted (valueDuration in minutes), on a Communication.
pub const EXT_DURATION: &str = ext!("touchpoint-duration");

/// Package, extra or optional (valueCoding in [`CS_INCLUSION`]), on a Claim item.
pub const EXT_INCLUSION: &str = ext!("line-inclusion");
/// Quote or travel (valueCoding in [`CS_LINE_SOURCE`]), on an estimate's Claim item.
pub const EXT_LINE_SOURCE: &str = ext!("line-source");
/// A line's amount in the currency it was priced in (valueMoney), on an estimate's item.
pub const EXT_ORIGINAL_AMOUNT: &str = ext!("original-amount");
/// Implant brand (valueString), on a Claim item.
pub const EXT_BRAND: &str = ext!("implant-brand");
/// Implant model (valueString), on a Claim item.
pub const EXT_MODEL: &str = ext!("implant-model");
/// The provider's remarks on a line (valueString), on a Claim item.
pub const EXT_LINE_NOTE: &str = ext!("line-note");
/// The quote's package price (valueMoney), on a Claim.
pub const EXT_PACKAGE_PRICE: &str = ext!("package-price");
/// True when a stated package price differs from its priced lines (valueBoolean).
pub const EXT_PACKAGE_MISMATCH: &str = ext!("package-mismatch");
/// The days a quote holds (valuePeriod of dates), on a Claim.
pub const EXT_OFFER_VALIDITY: &str = ext!("offer-validity");
/// An exchange rate used by an estimate, on a Claim: complex, with `from` and `to`
/// (valueCode), `rate` (valueDecimal), `asOf` (valueDateTime), `source` (valueString).
pub const EXT_EXCHANGE_RATE: &str = ext!("exchange-rate");
/// True when a rate was older than allowed and flagged (valueBoolean), on a Claim.
pub const EXT_STALE_RATE: &str = ext!("stale-rate");

/// True when the insurer must approve treatment first (valueBoolean), on a Coverage and
/// an ExplanationOfBenefit.
pub const EXT_PRE_AUTHORIZATION: &str = ext!("pre-authorization-required");
/// True when the out-of-pocket maximum capped the patient's share (valueBoolean).
pub const EXT_OOP_MAX_REACHED: &str = ext!("out-of-pocket-max-reached");
/// True when the annual limit capped the insurer's share (valueBoolean).
pub const EXT_LIMIT_REACHED: &str = ext!("annual-limit-reached");
/// A category whose sub-limit capped the insurer's share (valueCoding in [`CS_CATEGORY`];
/// repeats), on an ExplanationOfBenefit.
pub const EXT_SUB_LIMIT_REACHED: &str = ext!("sub-limit-reached");
/// The patient's excess on every claim (valueMoney), on a Coverage.
pub const EXT_EXCESS_PER_CLAIM: &str = ext!("excess-per-claim");
/// The most the insurer pays for one category in a year, on a Coverage: complex, with
/// `category` (valueCoding in [`CS_CATEGORY`]) and `limit` (valueMoney); repeats.
pub const EXT_SUB_LIMIT: &str = ext!("sub-limit");
/// The patient's copay per visit in one category, on a Coverage: complex, with `category`
/// (valueCoding in [`CS_CATEGORY`]) and `copay` (valueMoney); repeats.
pub const EXT_CATEGORY_COPAY: &str = ext!("category-copay");
/// The most the insurer pays (valueMoney), on a Coverage.
pub const EXT_ANNUAL_LIMIT: &str = ext!("annual-limit");
/// A category the policy pays for (valueCoding in [`CS_CATEGORY`]; repeats), on a Coverage.
pub const EXT_COVERED_CATEGORY: &str = ext!("covered-category");
/// A category the policy never pays for (valueCoding; repeats), on a Coverage.
pub const EXT_EXCLUDED_CATEGORY: &str = ext!("excluded-category");
/// Whether treatment in another country is covered (valueBoolean), on a Coverage.
pub const EXT_COVERS_ABROAD: &str = ext!("covers-treatment-abroad");

/// An accreditation, on an Organization: complex, with `body` (valueCoding in
/// [`CS_ACCREDITATION_BODY`]), `scope` (valueString) and `period` (valuePeriod of dates).
pub const EXT_ACCREDITATION: &str = ext!("accreditation");
/// Patient reviews, on an Organization: complex, with `star1` … `star5`
/// (valueUnsignedInt counts), or `mean` (valueDecimal) and `count` (valueUnsignedInt).
pub const EXT_REVIEWS: &str = ext!("reviews");
/// One procedure's figures, on a HealthcareService: complex, with `code` (valueCode, the
/// procedure code of a `type` coding), `price` and `priceMax` (valueMoney), `annualVolume`
/// and `medianWaitDays` (valueUnsignedInt), and `success` / `complications` (complex:
/// `cases` and `count` as valueUnsignedInt, or `rate` as valueDecimal).
pub const EXT_PROCEDURE_OFFER: &str = ext!("procedure-offer");
/// Road distance to the nearest international airport (valueQuantity in km), on a Location.
pub const EXT_AIRPORT_DISTANCE: &str = ext!("airport-distance");
/// IATA code of the nearest international airport (valueCode), on a Location.
pub const EXT_AIRPORT: &str = ext!("airport");
/// A doctor's years in practice (valueUnsignedInt), on a Practitioner.
pub const EXT_YEARS_EXPERIENCE: &str = ext!("years-experience");

// ---- medjourney code systems -----------------------------------------------------------

/// Journey stages (`awareness` … `follow_up`).
pub const CS_STAGE: &str = cs!("journey-stage");
/// Reasons for going back a stage.
pub const CS_BACK_REASON: &str = cs!("back-reason");
/// Patient needs (`reliable_information`, `interpreter`, …).
pub const CS_NEED: &str = cs!("need");
/// Touchpoint channels (`phone`, `whatsapp`, …).
pub const CS_CHANNEL: &str = cs!("channel");
/// The parties of a touchpoint (`patient`, `facilitator`, `provider`, …).
pub const CS_PARTY: &str = cs!("party");
/// What a touchpoint was about (`inquiry`, `quote_sent`, …).
pub const CS_TOUCHPOINT_KIND: &str = cs!("touchpoint-kind");
/// How a touchpoint ended.
pub const CS_OUTCOME: &str = cs!("touchpoint-outcome");
/// Procedure codes (`knee_replacement`, …), as in catalogs, requests and quotes.
pub const CS_PROCEDURE: &str = cs!("procedure");
/// Appointment types of an itinerary (`consultation`, `procedure`, `telehealth`, …).
pub const CS_APPOINTMENT_TYPE: &str = cs!("appointment-type");
/// Cost categories (`procedure`, `implant`, `flights`, …).
pub const CS_CATEGORY: &str = cs!("cost-category");
/// Line inclusion (`included_in_package`, `extra`, `optional`).
pub const CS_INCLUSION: &str = cs!("inclusion");
/// Where an estimate line comes from (`quote`, `travel`).
pub const CS_LINE_SOURCE: &str = cs!("line-source");
/// Why a line is or is not paid by the insurer (`covered`, `excluded`, …).
pub const CS_COVERAGE_STATUS: &str = cs!("coverage-status");
/// Adjudication categories HL7's example system lacks: `coinsurance`, `excess`,
/// `patient_share`.
pub const CS_ADJUDICATION: &str = cs!("adjudication");
/// Accreditation bodies (`jci`, `temos`, `iso_9001`, …).
pub const CS_ACCREDITATION_BODY: &str = cs!("accreditation-body");
/// Amenities (`wheelchair_access`, `halal_food`, …).
pub const CS_AMENITY: &str = cs!("amenity");

// ---- medjourney identifier systems ----------------------------------------------------

/// Pseudonymous patient ids (`PT-0042`).
pub const SID_PATIENT: &str = sid!("patient");
/// Journey ids.
pub const SID_JOURNEY: &str = sid!("journey");
/// Touchpoint ids, as `{journey id}/{touchpoint id}`.
pub const SID_TOUCHPOINT: &str = sid!("touchpoint");
/// The roles a journey's touchpoints name, as `{journey id}/{party}`.
pub const SID_PARTY: &str = sid!("party");
/// Itinerary items, as `{itinerary id}/{item id}`.
pub const SID_ITINERARY_ITEM: &str = sid!("itinerary-item");
/// Provider ids (kebab-case slugs of the catalog).
pub const SID_PROVIDER: &str = sid!("provider");
/// Quote ids.
pub const SID_QUOTE: &str = sid!("quote");
/// Insurance policy ids.
pub const SID_POLICY: &str = sid!("insurance-policy");

// ---- HL7 and other systems --------------------------------------------------------------

/// FHIR's core timezone extension (valueCode: an IANA zone), on a Location.
pub const TIMEZONE: &str = "http://hl7.org/fhir/StructureDefinition/timezone";
/// FHIR's data-absent-reason extension.
pub const DATA_ABSENT_REASON: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
/// Units of measure.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// Language tags (BCP 47), for `communication`.
pub const BCP47: &str = "urn:ietf:bcp:47";
/// How someone takes part in a communication (`PHONE`, `EMAILWRIT`, `VIDEOCONF`, `FACE`…).
pub const V3_PARTICIPATION_MODE: &str =
    "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";
/// Appointment reasons of HL7 v2 table 0276 (`ROUTINE`, `FOLLOWUP`).
pub const V2_APPOINTMENT_REASON: &str = "http://terminology.hl7.org/CodeSystem/v2-0276";
/// Family relations (`FAMMEMB`).
pub const V3_ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
/// Organization types (`prov`, `ins`).
pub const ORGANIZATION_TYPE: &str = "http://terminology.hl7.org/CodeSystem/organization-type";
/// Claim types (`institutional`).
pub const CLAIM_TYPE: &str = "http://terminology.hl7.org/CodeSystem/claim-type";
/// Processing priority (`normal`).
pub const PROCESS_PRIORITY: &str = "http://terminology.hl7.org/CodeSystem/processpriority";
/// HL7's example adjudication categories (`submitted`, `copay`, `deductible`, `benefit`…).
pub const ADJUDICATION: &str = "http://terminology.hl7.org/CodeSystem/adjudication";
/// Self-payment (`pay`), the type of a Coverage when nobody insures the patient.
pub const COVERAGE_SELFPAY: &str = "http://terminology.hl7.org/CodeSystem/coverage-selfpay";
/// Coverage class types (`plan`).
pub const COVERAGE_CLASS: &str = "http://terminology.hl7.org/CodeSystem/coverage-class";
/// Cost-to-beneficiary types (`deductible`, `maxoutofpocket`, `copaypct`).
pub const COVERAGE_COPAY_TYPE: &str = "http://terminology.hl7.org/CodeSystem/coverage-copay-type";
