//! The itinerary data model: the traveller, and the items of the trip door to door.
//!
//! JSON shape (camelCase fields, snake_case enum values, RFC 3339 instants):
//!
//! ```json
//! {
//!   "id": "PT-0042-knee-2027",
//!   "title": "Knee replacement in Istanbul",
//!   "updatedAt": "2026-11-22T09:00:00Z",
//!   "traveller": {"patientId": "PT-0042", "homeCountry": "GB", "nationality": "GB",
//!                 "passportExpires": "2031-06-30", "procedureCategory": "hip_or_knee_replacement",
//!                 "companion": {"relation": "spouse", "nationality": "GB"}},
//!   "coordinator": {"name": "Case coordinator", "phone": "+44 161 496 0000"},
//!   "items": [
//!     {"id": "flight-out", "type": "flight", "title": "Flight to Istanbul",
//!      "start": "2027-02-15T09:45:00Z", "end": "2027-02-15T16:45:00+03:00",
//!      "zone": "Europe/London", "endZone": "Europe/Istanbul",
//!      "carrier": "TK", "flightNumber": "TK1994", "from": "MAN", "to": "IST",
//!      "fromCountry": "GB", "toCountry": "TR", "assistance": ["wheelchair"]}
//!   ]
//! }
//! ```
//!
//! Every item has `id`, `type`, `title`, `start`, `end` and `zone` (the IANA zone of the
//! place where it starts; `endZone` where it ends, if different), and optionally
//! `location`, `contact`, `notes`, `companionOnly` and `status` (`booked`, `proposed` or
//! `to_book`). The other fields depend on `type`:
//! `flight`, `ground_transfer`, `stay`, `appointment`, `leisure`, `document_task`.

use std::collections::HashSet;
use std::str::FromStr;

use crate::zone::Tz;
use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::{check_date, check_instant, check_local};
use crate::error::{Error, Result};
use crate::limits::MAX_ITINERARY_ITEMS;
use crate::named::named_enum;

/// A planned trip: who travels, and every item from leaving home to the follow-up call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "ItineraryJson")
)]
#[serde(rename_all = "camelCase")]
pub struct Itinerary {
    /// Stable identifier of the itinerary; calendar UIDs are derived from it.
    pub id: String,
    /// A title for people (calendar name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// When the plan was last revised: the iCalendar DTSTAMP (the core never reads the clock).
    #[serde(with = "crate::dates::instant")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub updated_at: DateTime<Utc>,
    /// The patient and companion facts the checks need.
    pub traveller: Traveller,
    /// Who to contact when an item names no contact of its own (usually the facilitator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator: Option<Contact>,
    /// The items of the trip, in any order.
    #[serde(default)]
    pub items: Vec<Item>,
}

/// The traveller facts the logistics checks need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Traveller {
    /// Pseudonymous patient reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub patient_id: String,
    /// ISO 3166-1 alpha-2 country the patient lives in ("GB"): where the trip must end.
    pub home_country: String,
    /// ISO 3166-1 alpha-2 nationality of the patient's passport: the key of visa rules.
    pub nationality: String,
    /// IATA code of the usual home airport, for people reading the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_airport: Option<String>,
    /// IANA zone of home, for people reading the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_time_zone: Option<String>,
    /// Last day the patient's passport is valid; passport checks are skipped when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::option_date"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub passport_expires: Option<NaiveDate>,
    /// Fit-to-fly category of the procedure (a key of the fit-to-fly table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_category: Option<String>,
    /// The person travelling with the patient, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub companion: Option<Companion>,
}

/// The person travelling with the patient; visa and passport rules apply to them too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Companion {
    /// Relation to the patient ("spouse", "daughter", ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub relation: String,
    /// ISO 3166-1 alpha-2 nationality of the companion's passport.
    pub nationality: String,
    /// Last day the companion's passport is valid.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::option_date"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub passport_expires: Option<NaiveDate>,
}

/// Who to call about an item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default)]
pub struct Contact {
    /// Person or desk name.
    pub name: String,
    /// Their role ("patient coordinator", "airline", ...).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// Phone number as dialled from abroad.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// E-mail address.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
}

/// One thing on the plan: its time, place and contact, plus the details of its type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Identifier unique within the itinerary (calendar UIDs are derived from it).
    pub id: String,
    /// Short title for people.
    #[serde(default)]
    pub title: String,
    /// When it starts (an instant; written in RFC 3339 with any offset).
    #[serde(with = "crate::dates::instant")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start: DateTime<Utc>,
    /// When it ends; equal to `start` for a deadline.
    #[serde(with = "crate::dates::instant")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end: DateTime<Utc>,
    /// IANA zone of the place where the item starts (or happens).
    pub zone: String,
    /// IANA zone where the item ends, when different (a flight's arrival airport).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_zone: Option<String>,
    /// Address or place name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Who to contact about this item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Free text for the patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// True when only the companion takes part, so it cannot clash with the patient's plan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub companion_only: bool,
    /// Whether the item is booked, proposed or still to book; absent when not stated.
    /// The trip planner marks flights, stays and transfers `to_book` (no flight numbers
    /// are invented) and its appointment times `proposed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// The type of the item and its own fields.
    #[serde(flatten)]
    // A written type makes the declaration `{…} & Details` (an interface cannot extend a union).
    #[cfg_attr(feature = "typescript", tsify(type = "Details"))]
    pub details: Details,
}

/// The type-specific part of an item; `type` in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Details {
    /// A flight leg.
    #[serde(rename_all = "camelCase")]
    Flight {
        /// IATA carrier code ("TK").
        #[serde(default)]
        carrier: String,
        /// Flight number ("TK1994").
        #[serde(default)]
        flight_number: String,
        /// IATA departure airport.
        from: String,
        /// IATA arrival airport.
        to: String,
        /// ISO alpha-2 country of the departure airport.
        from_country: String,
        /// ISO alpha-2 country of the arrival airport.
        to_country: String,
        /// Assistance booked with the airline.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        assistance: Vec<Assistance>,
        /// Airline booking reference.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        booking_ref: Option<String>,
    },
    /// A road transfer (taxi, clinic car, ambulance).
    #[serde(rename_all = "camelCase")]
    GroundTransfer {
        /// Where it picks up.
        #[serde(default)]
        from: String,
        /// Where it drops off.
        #[serde(default)]
        to: String,
        /// Whether a nurse or paramedic travels with the patient.
        #[serde(default)]
        medical_escort: bool,
    },
    /// A booked bed: hotel, apartment or hospital ward.
    #[serde(rename_all = "camelCase")]
    Stay {
        /// Street address.
        #[serde(default)]
        address: String,
        /// Step-free, accessible room.
        #[serde(default)]
        accessible_room: bool,
        /// Has a kitchenette (diet needs).
        #[serde(default)]
        kitchenette: bool,
        /// Distance to the treating clinic in kilometres, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        distance_to_clinic_km: Option<f64>,
    },
    /// A medical appointment, in person or by video.
    #[serde(rename_all = "camelCase")]
    Appointment {
        /// What kind of appointment.
        appointment_type: AppointmentType,
        /// Provider id (kebab-case slug) of the clinic.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_id: Option<String>,
        /// Procedure code ("knee_replacement").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        procedure: Option<String>,
        /// Fit-to-fly category of this procedure; overrides the traveller's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        procedure_category: Option<String>,
    },
    /// Sightseeing, rest days, anything the patient chooses to do.
    Leisure {},
    /// Paperwork with a date: a visa application, sending medical records.
    #[serde(rename_all = "camelCase")]
    DocumentTask {
        /// What the paperwork is.
        task: DocumentKind,
        /// ISO alpha-2 destination country the task is for (visa applications).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        country: Option<String>,
        /// Whose paperwork it is.
        #[serde(default)]
        person: Person,
    },
}

/// Read flat, field by field: serde's derived reader of a struct with a flattened,
/// internally tagged enum buffers the whole object and reads the details again from the
/// buffer, a second reader of each field type (WebAssembly size, README "Size"). Accepts
/// what the derived reader accepted: the item's fields and its type's, names no type has
/// ignored; a field of another type must still have its type, and a `null` where a field
/// may be absent counts as absent.
impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Type {
            Flight,
            GroundTransfer,
            Stay,
            Appointment,
            Leisure,
            DocumentTask,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Fields {
            id: Option<String>,
            #[serde(default)]
            title: String,
            #[serde(default, with = "crate::dates::option_instant")]
            start: Option<DateTime<Utc>>,
            #[serde(default, with = "crate::dates::option_instant")]
            end: Option<DateTime<Utc>>,
            zone: Option<String>,
            end_zone: Option<String>,
            location: Option<String>,
            contact: Option<Contact>,
            notes: Option<String>,
            #[serde(default)]
            companion_only: bool,
            status: Option<ItemStatus>,
            r#type: Option<Type>,
            #[serde(default)]
            carrier: String,
            #[serde(default)]
            flight_number: String,
            from: Option<String>,
            to: Option<String>,
            from_country: Option<String>,
            to_country: Option<String>,
            #[serde(default)]
            assistance: Vec<Assistance>,
            booking_ref: Option<String>,
            #[serde(default)]
            medical_escort: bool,
            #[serde(default)]
            address: String,
            #[serde(default)]
            accessible_room: bool,
            #[serde(default)]
            kitchenette: bool,
            distance_to_clinic_km: Option<f64>,
            appointment_type: Option<AppointmentType>,
            provider_id: Option<String>,
            procedure: Option<String>,
            procedure_category: Option<String>,
            task: Option<DocumentKind>,
            country: Option<String>,
            #[serde(default)]
            person: Person,
        }
        fn needed<T, E: serde::de::Error>(
            value: Option<T>,
            field: &'static str,
        ) -> std::result::Result<T, E> {
            value.ok_or_else(|| E::missing_field(field))
        }
        let f = Fields::deserialize(d)?;
        // The item's own fields first, then the type's: the order the derived reader named them in.
        let (id, start, end, zone) = (
            needed(f.id, "id")?,
            needed(f.start, "start")?,
            needed(f.end, "end")?,
            needed(f.zone, "zone")?,
        );
        let details = match needed(f.r#type, "type")? {
            Type::Flight => Details::Flight {
                carrier: f.carrier,
                flight_number: f.flight_number,
                from: needed(f.from, "from")?,
                to: needed(f.to, "to")?,
                from_country: needed(f.from_country, "fromCountry")?,
                to_country: needed(f.to_country, "toCountry")?,
                assistance: f.assistance,
                booking_ref: f.booking_ref,
            },
            Type::GroundTransfer => Details::GroundTransfer {
                from: f.from.unwrap_or_default(),
                to: f.to.unwrap_or_default(),
                medical_escort: f.medical_escort,
            },
            Type::Stay => Details::Stay {
                address: f.address,
                accessible_room: f.accessible_room,
                kitchenette: f.kitchenette,
                distance_to_clinic_km: f.distance_to_clinic_km,
            },
            Type::Appointment => Details::Appointment {
                appointment_type: needed(f.appointment_type, "appointmentType")?,
                provider_id: f.provider_id,
                procedure: f.procedure,
                procedure_category: f.procedure_category,
            },
            Type::Leisure => Details::Leisure {},
            Type::DocumentTask => Details::DocumentTask {
                task: needed(f.task, "task")?,
                country: f.country,
                person: f.person,
            },
        };
        Ok(Item {
            id,
            title: f.title,
            start,
            end,
            zone,
            end_zone: f.end_zone,
            location: f.location,
            contact: f.contact,
            notes: f.notes,
            companion_only: f.companion_only,
            status: f.status,
            details,
        })
    }
}

named_enum! {
    /// How firm an item is.
    pub enum ItemStatus in "status" {
        /// Booked and confirmed (a flight number, a hotel reservation, an appointment).
        Booked => "booked",
        /// A suggested time the other party has not confirmed yet.
        Proposed => "proposed",
        /// A placeholder for something still to be booked: its times are the plan's, not a
        /// timetable's.
        ToBook => "to_book",
    }
}

named_enum! {
    /// Airline assistance a passenger can book.
    pub enum Assistance in "assistance" {
        /// Wheelchair to and from the aircraft.
        Wheelchair => "wheelchair",
        /// Stretcher on board.
        Stretcher => "stretcher",
        /// Medical oxygen on board.
        Oxygen => "oxygen",
        /// Staff meet and assist through the airport.
        MeetAndAssist => "meet_and_assist",
        /// A seat with extra legroom (leg or knee surgery).
        ExtraLegroom => "extra_legroom",
    }
}

named_enum! {
    /// The kind of a medical appointment.
    pub enum AppointmentType in "appointment_type" {
        /// First meeting with the surgeon.
        Consultation => "consultation",
        /// Blood tests, imaging, anaesthesia review.
        PreOpTests => "pre_op_tests",
        /// The operation itself.
        Procedure => "procedure",
        /// Check by the treating team before the patient flies home.
        PostOpCheck => "post_op_check",
        /// Follow-up in person after return.
        FollowUp => "follow_up",
        /// A video or phone consultation.
        Telehealth => "telehealth",
    }
}

named_enum! {
    /// The kind of paperwork a document task is.
    pub enum DocumentKind in "document_kind" {
        /// Submitting a visa application (its start is the day it is filed).
        VisaApplication => "visa_application",
        /// Sending medical records to the clinic.
        MedicalRecordsTransfer => "medical_records_transfer",
        /// Any other paperwork.
        Other => "other",
    }
}

named_enum! {
    /// Which traveller an item concerns.
    #[derive(Default)]
    pub enum Person in "person" {
        /// The patient.
        #[default]
        Patient => "patient",
        /// The companion.
        Companion => "companion",
    }
}

named_enum! {
    /// The type of an item without its fields, for summaries and tables.
    pub enum ItemType in "item_type" {
        /// See [`Details::Flight`].
        Flight => "flight",
        /// See [`Details::GroundTransfer`].
        GroundTransfer => "ground_transfer",
        /// See [`Details::Stay`].
        Stay => "stay",
        /// See [`Details::Appointment`].
        Appointment => "appointment",
        /// See [`Details::Leisure`].
        Leisure => "leisure",
        /// See [`Details::DocumentTask`].
        DocumentTask => "document_task",
    }
}

impl Item {
    /// The type of this item.
    pub fn item_type(&self) -> ItemType {
        match self.details {
            Details::Flight { .. } => ItemType::Flight,
            Details::GroundTransfer { .. } => ItemType::GroundTransfer,
            Details::Stay { .. } => ItemType::Stay,
            Details::Appointment { .. } => ItemType::Appointment,
            Details::Leisure {} => ItemType::Leisure,
            Details::DocumentTask { .. } => ItemType::DocumentTask,
        }
    }

    /// The appointment type, if this item is an appointment.
    pub fn appointment_type(&self) -> Option<AppointmentType> {
        match self.details {
            Details::Appointment {
                appointment_type, ..
            } => Some(appointment_type),
            _ => None,
        }
    }

    /// The zone where the item ends (`endZone`, else `zone`).
    pub fn end_zone_name(&self) -> &str {
        self.end_zone.as_deref().unwrap_or(&self.zone)
    }
}

impl Itinerary {
    /// Parses an itinerary from its JSON text and validates it.
    pub fn from_json(text: &str) -> Result<Self> {
        let it: Itinerary =
            crate::json::from_str(text).map_err(|e| Error::json("itinerary", &e))?;
        it.validate()?;
        Ok(it)
    }

    /// The itinerary as JSON text (the documented shape).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("itinerary", &e))
    }

    /// Checks the fields that must hold before any check or export can run: known zones,
    /// unique item ids, ends not before starts, two-letter country codes, at most
    /// [`MAX_ITINERARY_ITEMS`] items, and every date and instant inside the supported
    /// years 1–9999 (an item's local times in its zones too; see [`crate::dates`]).
    pub fn validate(&self) -> Result<()> {
        self.zones().map(|_| ())
    }

    /// Validates and resolves every item's start and end zones, in item order.
    pub(crate) fn zones(&self) -> Result<Vec<(Tz, Tz)>> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid("itinerary.id", "must not be empty"));
        }
        if self.items.len() > MAX_ITINERARY_ITEMS {
            return Err(Error::too_large(
                format!("an itinerary of {} items", self.items.len()),
                MAX_ITINERARY_ITEMS,
            ));
        }
        check_instant("itinerary.updatedAt", self.updated_at)?;
        if let Some(d) = self.traveller.passport_expires {
            check_date("traveller.passportExpires", d)?;
        }
        if let Some(d) = self
            .traveller
            .companion
            .as_ref()
            .and_then(|c| c.passport_expires)
        {
            check_date("traveller.companion.passportExpires", d)?;
        }
        country("traveller.homeCountry", &self.traveller.home_country)?;
        country("traveller.nationality", &self.traveller.nationality)?;
        if let Some(c) = &self.traveller.companion {
            country("traveller.companion.nationality", &c.nationality)?;
        }
        if let Some(z) = &self.traveller.home_time_zone {
            zone(z, "traveller.homeTimeZone")?;
        }
        let mut seen = HashSet::with_capacity(self.items.len());
        let mut zones = Vec::with_capacity(self.items.len());
        for item in &self.items {
            let bad = |field: &str, reason: String| Error::InvalidItem {
                item: clip(&item.id),
                field: field.into(),
                reason,
            };
            if item.id.trim().is_empty() {
                return Err(bad("id", "must not be empty".into()));
            }
            if !seen.insert(item.id.as_str()) {
                return Err(bad("id", "is used by more than one item".into()));
            }
            if item.end < item.start {
                return Err(bad(
                    "end",
                    format!("{} is before start {}", item.end, item.start),
                ));
            }
            let start_zone = zone(&item.zone, &format!("items[{}].zone", clip(&item.id)))?;
            let end_zone = match &item.end_zone {
                Some(z) => zone(z, &format!("items[{}].endZone", clip(&item.id)))?,
                None => start_zone,
            };
            // In range in UTC and on the local clocks, so no export can leave the range.
            for (field, t, tz) in [
                ("start", item.start, start_zone),
                ("end", item.end, end_zone),
            ] {
                let field = format!("items[{}].{field}", clip(&item.id));
                // Within the supported years in UTC, adding the zone's offset cannot overflow.
                check_instant(&field, t)?;
                check_local(&field, t.with_timezone(&tz).naive_local())?;
            }
            match &item.details {
                Details::Flight {
                    from_country,
                    to_country,
                    ..
                } => {
                    for (field, value) in [("fromCountry", from_country), ("toCountry", to_country)]
                    {
                        if !is_country(value) {
                            return Err(bad(
                                field,
                                format!("{:?} is not an ISO 3166-1 alpha-2 code", clip(value)),
                            ));
                        }
                    }
                }
                Details::Stay {
                    distance_to_clinic_km: Some(km),
                    ..
                } if !(km.is_finite() && *km >= 0.0) => {
                    return Err(bad(
                        "distanceToClinicKm",
                        format!("{km} is not a finite distance >= 0"),
                    ));
                }
                Details::DocumentTask {
                    country: Some(c), ..
                } if !is_country(c) => {
                    return Err(bad(
                        "country",
                        format!("{:?} is not an ISO 3166-1 alpha-2 code", clip(c)),
                    ));
                }
                _ => {}
            }
            zones.push((start_zone, end_zone));
        }
        Ok(zones)
    }
}

/// Resolves an IANA zone name, naming `field` in the error.
pub(crate) fn zone(name: &str, field: &str) -> Result<Tz> {
    Tz::from_str(name).map_err(|_| Error::UnknownTimeZone {
        field: field.into(),
        zone: clip(name),
    })
}

/// The instant of a wall-clock time in an IANA zone, for callers who enter local times.
///
/// A time that falls in a daylight-saving gap (London 2027-03-28 01:30) does not exist
/// and is an `invalid_input` error; a time that occurs twice (London 2027-10-31 01:30)
/// resolves to the earlier instant, the one a traveller reaches first. A time outside the
/// supported years 1–9999 is an `invalid_input` error.
pub fn local_instant(local: NaiveDateTime, zone_name: &str) -> Result<DateTime<Utc>> {
    let tz = zone(zone_name, "zone")?;
    check_local("local", local)?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Ok(a.min(b).with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            "local",
            format!("{local} does not exist in {zone_name} (daylight-saving gap)"),
        )),
    }
}

/// Like [`local_instant`] but moves a time in a daylight-saving gap forward, the way
/// clocks do; used for the nightly checkpoints of the bed check.
pub(crate) fn local_instant_forward(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let mut t = local;
    for _ in 0..4 {
        match tz.from_local_datetime(&t) {
            LocalResult::Single(x) => return Some(x.with_timezone(&Utc)),
            LocalResult::Ambiguous(a, b) => return Some(a.min(b).with_timezone(&Utc)),
            LocalResult::None => t = t.checked_add_signed(chrono::Duration::minutes(30))?,
        }
    }
    None
}

fn country(field: &str, value: &str) -> Result<()> {
    if is_country(value) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("{:?} is not an ISO 3166-1 alpha-2 code", clip(value)),
        ))
    }
}

fn is_country(value: &str) -> bool {
    value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase())
}

/// Shortens user text quoted in an error message.
pub(crate) fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}
