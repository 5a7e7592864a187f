//! The FHIR R4 resources medjourney writes and reads, hand-written with only the
//! elements it uses (see the README for why no FHIR crate). Codes (`status`, `use`…)
//! are plain strings holding R4's values; every required element of R4 is written by
//! the exports.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::bundle::read_json;
use super::datatypes::{
    Address, Annotation, CodeableConcept, Element, Extension, FhirDecimal, HumanName, Identifier,
    Money, Period, Quantity, Reference,
};

/// A person receiving care, here only as the target of references: a pseudonymous
/// identifier at most (medjourney keeps no personal details).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Patient {
    /// Logical id (the entry's UUID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The pseudonymous patient id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
}

/// A family member or companion of the patient.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RelatedPerson {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The patient this person is related to (required).
    pub patient: Reference,
    /// How they are related.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relationship: Vec<CodeableConcept>,
}

/// A clinic, hospital, insurer or facilitator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Organization {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Accreditations and reviews of a provider.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifiers (a provider's slug).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// Whether the record is in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// The kind of organization.
    #[serde(rename = "type", skip_serializing_if = "Vec::is_empty")]
    pub type_: Vec<CodeableConcept>,
    /// The name (an organization needs a name or an identifier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Addresses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub address: Vec<Address>,
}

/// Latitude and longitude (WGS 84) of a location.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Position {
    /// Longitude.
    pub longitude: Option<FhirDecimal>,
    /// Latitude.
    pub latitude: Option<FhirDecimal>,
}

/// A place: a hospital's site, a hotel, a ferry pier.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Location {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The airport distance of a provider's site.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// `active` | `suspended` | `inactive`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The place's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Coordinates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// The organization responsible for the place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managing_organization: Option<Reference>,
}

/// A rule on who may use a service, with a note.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Eligibility {
    /// The rule, coded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeableConcept>,
    /// The rule in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// What a provider offers: procedures (`type`), languages (`communication`), amenities
/// (`characteristic`) and the figures of each procedure (extension).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HealthcareService {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Per-procedure figures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Business identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// Whether the service is in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// The organization that provides it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provided_by: Option<Reference>,
    /// The procedures offered.
    #[serde(rename = "type", skip_serializing_if = "Vec::is_empty")]
    pub type_: Vec<CodeableConcept>,
    /// Where it is offered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub location: Vec<Reference>,
    /// The service's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Amenities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub characteristic: Vec<CodeableConcept>,
    /// Languages patients can be served in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communication: Vec<CodeableConcept>,
    /// Who may use the service, with notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<Eligibility>,
}

/// A qualification of a practitioner (a board certification).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Qualification {
    /// The qualification (required).
    pub code: CodeableConcept,
}

/// A doctor.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Practitioner {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Years of experience.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
    /// Board certifications and fellowships.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub qualification: Vec<Qualification>,
}

/// A doctor's role at an organization, with the specialty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PractitionerRole {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The doctor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practitioner: Option<Reference>,
    /// Where they work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Reference>,
    /// Specialties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub specialty: Vec<CodeableConcept>,
}

/// One stay in a status (and a journey stage) with its period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatusHistory {
    /// The journey stage and back reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The episode's status then (required).
    pub status: String,
    /// When (required).
    pub period: Period,
}

/// A patient's journey as an episode of care.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EpisodeOfCare {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Current stage and needs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The journey id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// planned | waitlist | active | onhold | finished | cancelled | entered-in-error (required).
    pub status: String,
    /// Past statuses with their periods.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status_history: Vec<StatusHistory>,
    /// What the episode is for (the procedure).
    #[serde(rename = "type", skip_serializing_if = "Vec::is_empty")]
    pub type_: Vec<CodeableConcept>,
    /// The patient (required).
    pub patient: Reference,
    /// From the first stage entered to the end of the journey.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

/// A touchpoint as a communication that happened.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Communication {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Stage, outcome, sentiment and duration.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The touchpoint id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// preparation | in-progress | not-done | on-hold | stopped | completed | … (required).
    pub status: String,
    /// What it was about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    /// The channel.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub medium: Vec<CodeableConcept>,
    /// The patient it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// The episode of care it belongs to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Reference>,
    /// When it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent: Option<String>,
    /// Who else took part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recipient: Vec<Reference>,
    /// Who started it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<Reference>,
    /// The needs it addressed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reason_code: Vec<CodeableConcept>,
    /// The facilitator's note.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

/// Someone or something taking part in an appointment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppointmentParticipant {
    /// The participant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<Reference>,
    /// required | optional | information-only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<String>,
    /// accepted | declined | tentative | needs-action (required).
    pub status: String,
}

/// An itinerary's appointment, procedure or telehealth call.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Appointment {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The itinerary item id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// proposed | pending | booked | arrived | fulfilled | cancelled | noshow | … (required).
    pub status: String,
    /// The procedure performed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_type: Vec<CodeableConcept>,
    /// The kind of appointment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointment_type: Option<CodeableConcept>,
    /// The item's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it starts, with the local offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// When it ends, with the local offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Its length in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes_duration: Option<u32>,
    /// Notes for the patient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Patient, companion, location (at least one, required).
    pub participant: Vec<AppointmentParticipant>,
}

/// The coverage a claim is to be judged against.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimInsurance {
    /// Order of the coverages (required).
    pub sequence: u32,
    /// Whether this coverage is the one to adjudicate against (required).
    pub focal: bool,
    /// The Coverage (required).
    pub coverage: Reference,
}

/// A procedure the claim is for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimProcedure {
    /// Order (required).
    pub sequence: u32,
    /// The procedure (required).
    pub procedure_codeable_concept: CodeableConcept,
}

/// One priced line of a claim.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimItem {
    /// Inclusion, source, brand, model, original amount.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The line's number (required).
    pub sequence: u32,
    /// What the line pays for (required).
    pub product_or_service: CodeableConcept,
    /// How many units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// The price of one unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Money>,
    /// The line's total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<Money>,
}

/// A quote or trip estimate as a predetermination claim.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Claim {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Package price, validity, rates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The quote id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// active | cancelled | draft | entered-in-error (required).
    pub status: String,
    /// institutional | oral | pharmacy | professional | vision (required).
    #[serde(rename = "type")]
    pub type_: CodeableConcept,
    /// claim | preauthorization | predetermination (required).
    #[serde(rename = "use")]
    pub use_: String,
    /// The patient (required).
    pub patient: Reference,
    /// When the claim was created (required; data-absent-reason in `_created` when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The data-absent-reason of `created`.
    #[serde(rename = "_created", skip_serializing_if = "Option::is_none")]
    pub created_ext: Option<Element>,
    /// The provider (required).
    pub provider: Reference,
    /// Processing priority (required).
    pub priority: CodeableConcept,
    /// The procedure quoted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub procedure: Vec<ClaimProcedure>,
    /// Coverages (at least one, required).
    pub insurance: Vec<ClaimInsurance>,
    /// The lines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ClaimItem>,
    /// What the patient pays the provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
}

/// One adjudication of a line: a category and an amount.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Adjudication {
    /// submitted | deductible | copay | benefit | … (required).
    pub category: CodeableConcept,
    /// Why the line is or is not paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<CodeableConcept>,
    /// The amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// The coverage an explanation of benefit was judged against.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EobInsurance {
    /// Whether this coverage was used (required).
    pub focal: bool,
    /// The Coverage (required).
    pub coverage: Reference,
}

/// One adjudicated line.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EobItem {
    /// The line's number (required).
    pub sequence: u32,
    /// What the line pays for (required).
    pub product_or_service: CodeableConcept,
    /// The line's total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<Money>,
    /// Submitted, deductible, coinsurance, benefit, patient share.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adjudication: Vec<Adjudication>,
}

/// A total of one adjudication category.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EobTotal {
    /// The category (required).
    pub category: CodeableConcept,
    /// The amount (required).
    pub amount: Money,
}

/// A note for the patient.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProcessNote {
    /// The note's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// display | print | printoper.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An insurance adjudication as an explanation of benefit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExplanationOfBenefit {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The caps reached and the pre-authorization condition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// active | cancelled | draft | entered-in-error (required).
    pub status: String,
    /// institutional | … (required).
    #[serde(rename = "type")]
    pub type_: CodeableConcept,
    /// claim | preauthorization | predetermination (required).
    #[serde(rename = "use")]
    pub use_: String,
    /// The patient (required).
    pub patient: Reference,
    /// When it was created (required; data-absent-reason in `_created` when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The data-absent-reason of `created`.
    #[serde(rename = "_created", skip_serializing_if = "Option::is_none")]
    pub created_ext: Option<Element>,
    /// The insurer (required).
    pub insurer: Reference,
    /// The provider (required).
    pub provider: Reference,
    /// queued | complete | error | partial (required).
    pub outcome: String,
    /// The coverage used (at least one, required).
    pub insurance: Vec<EobInsurance>,
    /// The lines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<EobItem>,
    /// Totals per category.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub total: Vec<EobTotal>,
    /// Notes for the patient.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub process_note: Vec<ProcessNote>,
}

/// A grouping of the coverage (the plan).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CoverageClass {
    /// The kind of grouping (required).
    #[serde(rename = "type")]
    pub type_: CodeableConcept,
    /// Its value (required).
    pub value: String,
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// What the patient pays: an amount or a percent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CostToBeneficiary {
    /// deductible | maxoutofpocket | copaypct | ….
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CodeableConcept>,
    /// A percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// An amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_money: Option<Money>,
}

/// An insurance policy, or self-payment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Coverage {
    /// Logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Limit, categories and conditions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The policy id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// active | cancelled | draft | entered-in-error (required).
    pub status: String,
    /// Self-pay, or left out for an insurer's policy.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CodeableConcept>,
    /// The patient covered (required).
    pub beneficiary: Reference,
    /// Who pays (at least one, required).
    pub payor: Vec<Reference>,
    /// The plan.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub class: Vec<CoverageClass>,
    /// Deductible, out-of-pocket maximum, coinsurance percent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cost_to_beneficiary: Vec<CostToBeneficiary>,
}

macro_rules! resources {
    ($($name:ident),+ $(,)?) => {
        /// A resource of a bundle: one medjourney writes or reads, or any other kept as
        /// raw JSON (`Other`) so that reading a bundle never loses an entry.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Resource {
            $(
                #[doc = concat!("A ", stringify!($name), ".")]
                $name($name),
            )+
            /// Any other resource type, as raw JSON.
            Other {
                /// Its `resourceType`.
                resource_type: String,
                /// Its JSON text.
                json: RawJson,
            },
        }

        impl Resource {
            /// The `resourceType`.
            pub fn resource_type(&self) -> &str {
                match self {
                    $( Resource::$name(_) => stringify!($name), )+
                    Resource::Other { resource_type, .. } => resource_type,
                }
            }

            /// Reads a resource of a known `resource_type` from its JSON text (any other type
            /// is kept raw); on failure, the path of the element at fault and the reason.
            pub(crate) fn parse(
                resource_type: &str,
                json: &RawValue,
            ) -> std::result::Result<Resource, (String, String)> {
                Ok(match resource_type {
                    $( stringify!($name) => Resource::$name(read_json(json.get())?), )+
                    _ => Resource::other(resource_type, json),
                })
            }
        }

        impl Serialize for Resource {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                match self {
                    $(
                        Resource::$name(r) => {
                            Tagged { resource_type: stringify!($name), resource: r }.serialize(s)
                        }
                    )+
                    Resource::Other { json, .. } => json.0.serialize(s),
                }
            }
        }

        $(
            impl From<$name> for Resource {
                fn from(r: $name) -> Resource {
                    Resource::$name(r)
                }
            }
        )+
    };
}

resources!(
    Patient,
    RelatedPerson,
    Organization,
    Location,
    HealthcareService,
    Practitioner,
    PractitionerRole,
    EpisodeOfCare,
    Communication,
    Appointment,
    Claim,
    ExplanationOfBenefit,
    Coverage,
);

impl Resource {
    fn other(resource_type: &str, json: &RawValue) -> Resource {
        Resource::Other {
            resource_type: resource_type.to_string(),
            json: RawJson(json.to_owned()),
        }
    }

    /// Like [`Resource::parse`], but types only what a provider directory is made of and
    /// keeps the rest raw: the catalog import reads no other resource, so no other
    /// deserializer ends up in a module that only imports catalogs (WebAssembly size).
    pub(crate) fn parse_directory(
        resource_type: &str,
        json: &RawValue,
    ) -> std::result::Result<Resource, (String, String)> {
        let text = json.get();
        Ok(match resource_type {
            "Organization" => Resource::Organization(read_json(text)?),
            "Location" => Resource::Location(read_json(text)?),
            "HealthcareService" => Resource::HealthcareService(read_json(text)?),
            "Practitioner" => Resource::Practitioner(read_json(text)?),
            "PractitionerRole" => Resource::PractitionerRole(read_json(text)?),
            _ => Resource::other(resource_type, json),
        })
    }
}

/// A resource of a type medjourney does not model, kept as its JSON text.
#[derive(Debug, Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// A resource with its `resourceType` first.
#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    #[serde(rename = "resourceType")]
    resource_type: &'static str,
    #[serde(flatten)]
    resource: &'a T,
}
