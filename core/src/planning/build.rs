//! The itinerary items of a plan, each with the sentence that says why it is on its day.
//!
//! Times of day are the planner's proposals, listed in the plan's assumptions: records
//! and visa filings at 10:00 at home; leave home four hours before the flight out at
//! 10:00; arrivals take 45 minutes and the road to the hotel its own time; the hotel is
//! left at 06:30 for a 07:00 admission; the pre-operative visit at 10:00 the day before
//! (07:00 the same morning when the patient lands the day before); the operation from
//! 09:00 (three hours kept); discharge at 11:00 (13:00 after a day procedure); in-clinic
//! checks at 10:00 for 45 minutes; leisure from 14:00 to 17:00; the flight home at 15:00
//! or later (see `home_departure_time`). Every span between discharge and the car to
//! the airport that is six hours or longer and free of appointments is a rest item.
//! Flights, transfers and hotel nights are `to_book`; appointments, calls, paperwork and
//! outings are `proposed`.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};

use super::context::{hours_text, Ctx};
use super::plan::{PlanNote, PlanNoteCode, Reason};
use super::timeline::{
    first_call, hm, later, no_common_call, shift, Timeline, CALL_MINUTES, REVIEW_DAYS,
};
use super::week::has_day;
use crate::error::Result;
use crate::itinerary::{
    AppointmentType, Assistance, Details, DocumentKind, Item, ItemStatus, Person,
};
use crate::knowledge::FollowUpKind;
use crate::matching::catalog::Amenity;

/// Minutes from landing to leaving the arrivals hall.
const ARRIVALS_MINUTES: i64 = 45;
/// Minutes of check-in before a departure.
const CHECK_IN_MINUTES: i64 = 180;
/// Minutes of driving between home and the home airport, assumed.
const HOME_DRIVE_MINUTES: i64 = 60;
/// Shortest free span after discharge that becomes a rest item, in hours.
const REST_MIN_HOURS: i64 = 6;

/// The items, reasons, notes and assumptions of a plan.
pub(crate) struct Draft {
    pub items: Vec<Item>,
    pub reasons: Vec<Reason>,
    pub notes: Vec<PlanNote>,
    pub assumptions: Vec<String>,
    /// Nights in the hotel (not in hospital), for the estimate.
    pub hotel_nights: u32,
}

struct Builder<'c, 'a> {
    ctx: &'c Ctx<'a>,
    items: Vec<Item>,
    reasons: Vec<Reason>,
    ids: HashSet<String>,
    notes: Vec<PlanNote>,
}

impl Builder<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        id: &str,
        title: String,
        span: (DateTime<Utc>, DateTime<Utc>),
        home: bool,
        status: ItemStatus,
        details: Details,
        reason: String,
        deadline: Option<NaiveDate>,
    ) -> String {
        let mut unique = id.to_string();
        let mut k = 2;
        while self.ids.contains(&unique) {
            unique = format!("{id}-{k}");
            k += 1;
        }
        let id = unique;
        self.ids.insert(id.clone());
        let ctx = self.ctx;
        let (zone, tz) = if home {
            (ctx.req.patient.time_zone.clone(), ctx.tz_home)
        } else {
            (ctx.clinic_zone.clone(), ctx.tz_clinic)
        };
        let end_zone = match &details {
            Details::Flight { .. } => Some(if home {
                ctx.clinic_zone.clone()
            } else {
                ctx.req.patient.time_zone.clone()
            }),
            _ => None,
        };
        self.reasons.push(Reason {
            item_id: id.clone(),
            date: span.0.with_timezone(&tz).date_naive(),
            text: reason,
            deadline,
        });
        self.items.push(Item {
            id: id.clone(),
            title,
            start: span.0,
            end: span.1,
            zone,
            end_zone,
            location: None,
            contact: None,
            notes: None,
            companion_only: false,
            status: Some(status),
            details,
        });
        id
    }

    fn last(&mut self) -> Option<&mut Item> {
        self.items.last_mut()
    }

    fn clinic_place(&self) -> String {
        let p = self.ctx.provider;
        if p.city.is_empty() {
            p.name.clone()
        } else {
            format!("{}, {}", p.name, p.city)
        }
    }

    fn appointment(&self, kind: AppointmentType, with_procedure: bool) -> Details {
        let ctx = self.ctx;
        Details::Appointment {
            appointment_type: kind,
            provider_id: Some(ctx.provider.id.clone()),
            procedure: with_procedure.then(|| ctx.offer.code.clone()),
            procedure_category: with_procedure.then(|| ctx.guide.fit_to_fly_category.clone()),
        }
    }
}

fn span(a: DateTime<Utc>, b: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (a, b)
}

/// The hotel's name on the plan: a placeholder until it is booked.
const HOTEL: &str = "Hotel near the clinic (to book)";

pub(crate) fn build(ctx: &Ctx, t: &Timeline) -> Result<Draft> {
    let mut b = Builder {
        ctx,
        items: Vec::new(),
        reasons: Vec::new(),
        ids: HashSet::new(),
        notes: Vec::new(),
    };
    needs_notes(&mut b);
    before_travel(&mut b, t)?;
    let arrival_end = journey_out(&mut b, t)?;
    let days = clinic_days(ctx, t, arrival_end)?;
    let hotel_nights = hotel(&mut b, t, &days);
    at_clinic(&mut b, t, &days)?;
    recovery(&mut b, t, &days)?;
    let home_end = journey_home(&mut b, t, &days)?;
    follow_ups(&mut b, t, home_end)?;
    Ok(Draft {
        items: b.items,
        reasons: b.reasons,
        notes: b.notes,
        assumptions: assumptions(ctx, t, days.split_hotel),
        hotel_nights,
    })
}

/// Needs the provider does not list, and a companion the guide advises.
fn needs_notes(b: &mut Builder) {
    let ctx = b.ctx;
    let patient = &ctx.req.patient;
    let provider = ctx.provider;
    let guide = &ctx.guide;
    for need in &patient.needs {
        if !provider.amenities.contains(need) {
            b.notes.push(PlanNote {
                code: PlanNoteCode::NeedNotOffered,
                message: format!(
                    "The patient needs {}, which {} does not list among its amenities: confirm it with the clinic.",
                    serde_json::to_value(need)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    provider.name
                ),
            });
        }
    }
    if guide.companion.advised && patient.companions.is_empty() {
        b.notes.push(PlanNote {
            code: PlanNoteCode::CompanionAdvised,
            message: format!(
                "The guide advises a companion for {}: {}",
                guide.plain_name, guide.companion.why
            ),
        });
    }
}

/// The records, the video consultation and the visa applications.
fn before_travel(b: &mut Builder, t: &Timeline) -> Result<()> {
    let ctx = b.ctx;
    let req = ctx.req;
    let patient = &req.patient;
    let provider = ctx.provider;
    let guide = &ctx.guide;
    let clinic = provider.name.clone();
    let at10 = hm(10, 0);
    let records_start = ctx.home_at(req.as_of, at10)?;
    b.push(
        "records-transfer",
        format!("Send medical records to {clinic}"),
        span(records_start, later(records_start, 30)?),
        true,
        ItemStatus::Proposed,
        Details::DocumentTask {
            task: DocumentKind::MedicalRecordsTransfer,
            country: None,
            person: Person::Patient,
        },
        format!(
            "Sent on the day the plan is made, {}: the surgeon reads them in the {REVIEW_DAYS} days before the video consultation, so they must reach the clinic by {}.",
            req.as_of, t.records_by
        ),
        Some(t.records_by),
    );
    if let Some(item) = b.last() {
        item.notes = Some(format!("Gather: {}", guide.documents.join("; ")));
    }

    let consult_date = t
        .consultation
        .start
        .with_timezone(&ctx.tz_home)
        .date_naive();
    let consult_reason = if t.consultation.common {
        format!(
            "The first half hour, {REVIEW_DAYS} or more days after the records are sent, inside both the patient's call hours ({} in {}) and the clinic's office hours ({} in {}) on a working day of both countries.",
            hours_text(ctx.calls.hours_a),
            patient.time_zone,
            hours_text(ctx.calls.hours_b),
            ctx.clinic_zone
        )
    } else {
        format!(
            "No half hour inside both sides' hours was found, so it is set at the start of the patient's call hours, {REVIEW_DAYS} or more days after the records are sent; the clinic must agree to it."
        )
    };
    b.push(
        "consultation-video",
        format!("Video consultation with the surgeon at {clinic}"),
        span(t.consultation.start, t.consultation.end),
        true,
        ItemStatus::Proposed,
        b.appointment(AppointmentType::Telehealth, false),
        consult_reason,
        None,
    );
    if let Some(item) = b.last() {
        item.notes = Some(format!(
            "The surgeon goes through the records and the plan; ask for the hospital letter{}.",
            if ctx.visas.is_empty() {
                ""
            } else {
                " the visa application needs"
            }
        ));
    }

    for v in &t.visas {
        let Some(need) = ctx.visas.get(v.need) else {
            continue;
        };
        let visa_name = need.rule.visa_type.clone().unwrap_or_else(|| "visa".into());
        let who = ctx.person_name(need);
        let id = match need.person {
            Person::Patient => "visa-application".to_string(),
            Person::Companion if need.index <= 1 => "visa-application-companion".to_string(),
            Person::Companion => format!("visa-application-companion-{}", need.index),
        };
        let start = ctx.home_at(v.apply, at10)?;
        let window = match (v.opens, v.by) {
            (Some(o), Some(by)) => format!("it is accepted from {o} and must be filed by {by}"),
            (None, Some(by)) => format!("it must be filed by {by}"),
            (Some(o), None) => format!("it is accepted from {o}"),
            (None, None) => "the rule sets no window".into(),
        };
        let when = if v.opens.is_some_and(|o| o == v.apply) {
            "on the first day it is accepted".to_string()
        } else {
            format!(
                "the day after the consultation on {consult_date}, which gives the hospital letter"
            )
        };
        b.push(
            &id,
            format!("Apply for the {visa_name} ({who}) for {}", provider.country),
            span(start, later(start, 30)?),
            true,
            ItemStatus::Proposed,
            Details::DocumentTask {
                task: DocumentKind::VisaApplication,
                country: Some(provider.country.clone()),
                person: need.person,
            },
            format!(
                "Filed {when}: {window}, for arrival on {} ({}).",
                t.arrive, need.rule.source
            ),
            v.by,
        );
        if let Some(item) = b.last() {
            if !need.rule.documents.is_empty() {
                item.notes = Some(format!("Needs: {}", need.rule.documents.join("; ")));
            }
        }
    }
    Ok(())
}

/// To the airport, the flight out and the transfer to the hotel; returns the check-in time.
fn journey_out(b: &mut Builder, t: &Timeline) -> Result<DateTime<Utc>> {
    let ctx = b.ctx;
    let req = ctx.req;
    let patient = &req.patient;
    let provider = ctx.provider;
    let guide = &ctx.guide;
    let home_city = home_place(ctx);
    let assistance = assistance(ctx);
    let to_airport = later(t.out_dep, -(CHECK_IN_MINUTES + HOME_DRIVE_MINUTES))?;
    b.push(
        "transfer-to-airport",
        format!("To {} airport", patient.home_airport),
        span(to_airport, later(t.out_dep, -CHECK_IN_MINUTES)?),
        true,
        ItemStatus::ToBook,
        Details::GroundTransfer {
            from: home_city.clone(),
            to: format!("{} airport", patient.home_airport),
            medical_escort: false,
        },
        format!(
            "Leaves {} hours before the flight: about an hour on the road and check-in three hours before an international departure.",
            (CHECK_IN_MINUTES + HOME_DRIVE_MINUTES) / 60
        ),
        None,
    );
    let depart_reason = if t.depart_why.is_empty() {
        format!(
            "The earliest day the patient can leave ({}).",
            req.earliest_departure
        )
    } else {
        format!(
            "The earliest day that works: asked for {}, but {}.",
            req.earliest_departure,
            t.depart_why.join("; ")
        )
    };
    b.push(
        "flight-out",
        format!(
            "Flight {} to {} (to book)",
            patient.home_airport, ctx.clinic_airport
        ),
        span(t.out_dep, t.out_land),
        true,
        ItemStatus::ToBook,
        Details::Flight {
            carrier: String::new(),
            flight_number: String::new(),
            from: patient.home_airport.clone(),
            to: ctx.clinic_airport.clone(),
            from_country: patient.home_country.clone(),
            to_country: provider.country.clone(),
            assistance: assistance.clone(),
            booking_ref: None,
        },
        format!(
            "{depart_reason} It lands on {}, {} day(s) before the procedure, as the guide for {} advises ({} to {} days at the destination before).",
            t.arrive,
            t.days_before,
            guide.plain_name.to_lowercase(),
            guide.days_before_procedure.min,
            guide.days_before_procedure.max
        ),
        None,
    );
    let arrival_end = later(t.out_land, ARRIVALS_MINUTES + ctx.drive)?;
    let transfer_note = if provider.amenities.contains(&Amenity::AirportTransfer) {
        " The clinic lists airport transfers among its amenities."
    } else {
        ""
    };
    b.push(
        "transfer-arrival",
        format!("From {} airport to the hotel", ctx.clinic_airport),
        span(t.out_land, arrival_end),
        false,
        ItemStatus::ToBook,
        Details::GroundTransfer {
            from: format!("{} airport", ctx.clinic_airport),
            to: HOTEL.into(),
            medical_escort: false,
        },
        format!(
            "Meets the flight at arrivals: {ARRIVALS_MINUTES} minutes to leave the airport, then about {} minutes on the road ({}).{transfer_note}",
            ctx.drive, ctx.drive_basis
        ),
        None,
    );
    Ok(arrival_end)
}

/// The times at the clinic that the passes after it build on.
struct ClinicDays {
    arrival_end: DateTime<Utc>,
    admit_transfer: DateTime<Utc>,
    admission: DateTime<Utc>,
    discharge_start: DateTime<Utc>,
    discharge_end: DateTime<Utc>,
    airport_car: DateTime<Utc>,
    airport_car_end: DateTime<Utc>,
    /// Without a companion the room is not kept during the hospital nights.
    split_hotel: bool,
}

/// Admission, discharge and the car to the airport, from the timeline's days.
fn clinic_days(ctx: &Ctx, t: &Timeline, arrival_end: DateTime<Utc>) -> Result<ClinicDays> {
    let p = t.procedure;
    let discharge_start = if ctx.nights > 0 {
        ctx.clinic_at(t.discharge, hm(11, 0))?
    } else {
        ctx.clinic_at(p, hm(13, 0))?
    };
    Ok(ClinicDays {
        arrival_end,
        admit_transfer: ctx.clinic_at(p, hm(6, 30))?,
        admission: ctx.clinic_at(p, hm(7, 0))?,
        discharge_start,
        discharge_end: later(discharge_start, 30)?,
        airport_car: later(t.home_dep, -(CHECK_IN_MINUTES + ctx.drive))?,
        airport_car_end: later(t.home_dep, -CHECK_IN_MINUTES)?,
        split_hotel: ctx.nights > 0 && ctx.req.patient.companions.is_empty(),
    })
}

/// The hotel near the clinic: one stay over every night, or two around the hospital
/// nights when no companion keeps the room; returns the nights booked.
fn hotel(b: &mut Builder, t: &Timeline, days: &ClinicDays) -> u32 {
    let ctx = b.ctx;
    let features = {
        let mut f = Vec::new();
        if ctx.needs(Amenity::WheelchairAccess) {
            f.push("a step-free, accessible room");
        }
        if ctx.diet() {
            f.push("a kitchenette for the patient's diet");
        }
        if f.is_empty() {
            String::new()
        } else {
            format!(" It needs {}.", f.join(" and "))
        }
    };
    let stay = || Details::Stay {
        address: String::new(),
        accessible_room: ctx.needs(Amenity::WheelchairAccess),
        kitchenette: ctx.diet(),
        distance_to_clinic_km: None,
    };
    let near = format!(
        "within {} km of the clinic",
        ctx.rules.max_post_op_stay_distance_km
    );
    let local_nights = |s: DateTime<Utc>, e: DateTime<Utc>| -> u32 {
        let a = s.with_timezone(&ctx.tz_clinic).date_naive();
        let z = e.with_timezone(&ctx.tz_clinic).date_naive();
        u32::try_from((z - a).num_days().max(0)).unwrap_or(0)
    };
    if !days.split_hotel {
        let n = local_nights(days.arrival_end, days.airport_car);
        let why = if ctx.nights > 0 {
            " The room is kept during the hospital nights for the companion."
        } else {
            ""
        };
        b.push(
            "hotel",
            HOTEL.to_string(),
            span(days.arrival_end, days.airport_car),
            false,
            ItemStatus::ToBook,
            stay(),
            format!(
                "Covers every night from arrival ({}) to the day of the flight home ({}), {n} night(s), {near}.{why}{features}",
                t.arrive, t.fly_home
            ),
            None,
        );
        return n;
    }
    let n1 = local_nights(days.arrival_end, days.admit_transfer);
    b.push(
        "hotel-before",
        format!("{HOTEL}: before the operation"),
        span(days.arrival_end, days.admit_transfer),
        false,
        ItemStatus::ToBook,
        stay(),
        format!(
            "Covers the {n1} night(s) from arrival to the morning of admission, {near}.{features}"
        ),
        None,
    );
    let n2 = local_nights(days.discharge_end, days.airport_car);
    b.push(
        "hotel-after",
        format!("{HOTEL}: recovery"),
        span(days.discharge_end, days.airport_car),
        false,
        ItemStatus::ToBook,
        stay(),
        format!(
            "Covers the {n2} night(s) from discharge to the day of the flight home ({}), {near}.{features}",
            t.fly_home
        ),
        None,
    );
    n1.saturating_add(n2)
}

/// The pre-operative visit, admission, the procedure, hospital nights and discharge.
fn at_clinic(b: &mut Builder, t: &Timeline, days: &ClinicDays) -> Result<()> {
    let ctx = b.ctx;
    let guide = &ctx.guide;
    let clinic = ctx.provider.name.clone();
    let nights = ctx.nights;
    let p = t.procedure;
    let (pre_op_span, pre_op_reason) = if t.pre_op < p {
        let s = ctx.clinic_at(t.pre_op, hm(10, 0))?;
        (
            span(s, later(s, 120)?),
            "The day before the operation: tests and the anaesthetist's review, with a night's rest before surgery.",
        )
    } else {
        let s = ctx.clinic_at(p, hm(7, 0))?;
        (
            span(s, later(s, 60)?),
            "The morning of the operation, before it starts: the patient arrives the day before, as the guide allows no more days before it.",
        )
    };
    b.push(
        "pre-op-visit",
        format!("Pre-operative visit at {clinic}: tests and anaesthesia review"),
        pre_op_span,
        false,
        ItemStatus::Proposed,
        b.appointment(AppointmentType::PreOpTests, false),
        pre_op_reason.to_string(),
        None,
    );
    let place = b.clinic_place();
    let interpreter = ctx.needs(Amenity::Interpreter);
    if let Some(item) = b.last() {
        item.location = Some(place.clone());
        if interpreter {
            item.notes = Some("An interpreter is requested.".into());
        }
    }
    b.push(
        "transfer-to-clinic",
        format!("From the hotel to {clinic}"),
        span(days.admit_transfer, days.admission),
        false,
        ItemStatus::ToBook,
        Details::GroundTransfer {
            from: HOTEL.into(),
            to: clinic.clone(),
            medical_escort: false,
        },
        if nights > 0 {
            "To be admitted at 07:00 on the day of the operation.".into()
        } else {
            "To check in at 07:00 on the day of the procedure.".into()
        },
        None,
    );
    let op_start = ctx.clinic_at(p, hm(9, 0))?;
    b.push(
        "procedure",
        guide.plain_name.clone(),
        span(op_start, later(op_start, 180)?),
        false,
        ItemStatus::Proposed,
        b.appointment(AppointmentType::Procedure, true),
        format!(
            "{} day(s) after arrival: the guide for {} gives {} to {} days at the destination before it. Day 0 of every count after it.",
            t.days_before,
            guide.plain_name.to_lowercase(),
            guide.days_before_procedure.min,
            guide.days_before_procedure.max
        ),
        None,
    );
    if let Some(item) = b.last() {
        item.location = Some(place.clone());
        if !guide.anesthesia.is_empty() {
            item.notes = Some(guide.anesthesia.clone());
        }
    }
    if nights > 0 {
        let from = if ctx.nights_from_quote {
            "as the quote states".to_string()
        } else {
            format!(
                "the most the guide gives ({} to {}), as the quote does not say",
                guide.hospital_nights.min, guide.hospital_nights.max
            )
        };
        b.push(
            "hospital",
            format!("{clinic}: {nights} night(s) in hospital"),
            span(days.admission, days.discharge_start),
            false,
            ItemStatus::Proposed,
            Details::Stay {
                address: place,
                accessible_room: ctx.needs(Amenity::WheelchairAccess),
                kitchenette: false,
                distance_to_clinic_km: Some(0.0),
            },
            format!("{nights} night(s) in hospital after the operation, {from}."),
            None,
        );
    }
    b.push(
        "discharge",
        if nights > 0 {
            format!("Discharge: from {clinic} to the hotel")
        } else {
            format!("Back from {clinic} to the hotel")
        },
        span(days.discharge_start, days.discharge_end),
        false,
        ItemStatus::ToBook,
        Details::GroundTransfer {
            from: clinic.clone(),
            to: HOTEL.into(),
            medical_escort: nights > 0,
        },
        if nights > 0 {
            format!(
                "After {nights} night(s) in hospital, on {}; a car with an escort, as the patient is still recovering.",
                t.discharge
            )
        } else {
            "The same afternoon: the procedure needs no night in hospital.".into()
        },
        None,
    );
    Ok(())
}

/// In-clinic checks, leisure, then rest in the free spans between them.
fn recovery(b: &mut Builder, t: &Timeline, days: &ClinicDays) -> Result<()> {
    let ctx = b.ctx;
    let clinic = ctx.provider.name.clone();
    let place = b.clinic_place();
    let p = t.procedure;
    let at10 = hm(10, 0);
    let (discharge_end, airport_car) = (days.discharge_end, days.airport_car);
    let mut busy: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for c in &t.checks {
        let day = shift(p, i64::from(c.offset))?;
        let s = ctx.clinic_at(day, at10)?;
        let e = later(s, 45)?;
        let moved: Vec<String> = c
            .purposes
            .iter()
            .filter(|(d, _)| *d != c.offset)
            .map(|(d, _)| format!("day {d}"))
            .collect();
        let purposes: Vec<&str> = c.purposes.iter().map(|(_, p)| p.as_str()).collect();
        let reason = if moved.is_empty() {
            format!(
                "Day {} after the operation, as the guide plans: {}.",
                c.offset,
                purposes.join("; ")
            )
        } else {
            format!(
                "Day {}: the guide's check(s) on {} are brought to the morning of the flight home. {}.",
                c.offset,
                moved.join(", "),
                purposes.join("; ")
            )
        };
        b.push(
            &format!("clinic-check-day-{}", c.offset),
            format!("Check at {clinic} (day {})", c.offset),
            span(s, e),
            false,
            ItemStatus::Proposed,
            b.appointment(AppointmentType::PostOpCheck, false),
            reason,
            None,
        );
        if let Some(item) = b.last() {
            item.location = Some(place.clone());
            item.notes = Some(purposes.join(" / "));
        }
        busy.push((s, e));
    }
    for &offset in &t.leisure {
        let day = shift(p, i64::from(offset))?;
        let s = ctx.clinic_at(day, hm(14, 0))?;
        let e = ctx.clinic_at(day, hm(17, 0))?;
        b.push(
            &format!("leisure-day-{offset}"),
            "Leisure: a gentle outing".into(),
            span(s, e),
            false,
            ItemStatus::Proposed,
            Details::Leisure {},
            format!(
                "A leisure day the patient asked for. From day {} the patient is fit to fly, so gentle outings are allowed: seated sightseeing, short walks, no lifting.",
                ctx.fit_min
            ),
            None,
        );
        busy.push((s, e));
    }
    crate::order::sort(&mut busy);
    let mut free: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    let mut cursor = discharge_end;
    for &(s, e) in &busy {
        if e <= cursor {
            continue;
        }
        if s > cursor {
            free.push((cursor, s.min(airport_car)));
        }
        cursor = cursor.max(e);
    }
    if airport_car > cursor {
        free.push((cursor, airport_car));
    }
    let mut rest_no = 0;
    for (from, to) in free {
        if (to - from).num_hours() < REST_MIN_HOURS {
            continue;
        }
        rest_no += 1;
        let fit_day = ctx.clinic_at(shift(p, i64::from(ctx.fit_min))?, NaiveTime::MIN)?;
        let text = if from < fit_day {
            format!(
                "Rest, and the exercises and wound care the team shows: no outings before day {} after the operation, when the patient would be fit to fly.",
                ctx.fit_min
            )
        } else {
            "Rest between the outings and checks: recovery goes on after the patient is fit to fly."
                .to_string()
        };
        b.push(
            &format!("rest-{rest_no}"),
            "Rest and recovery at the hotel".into(),
            span(from, to),
            false,
            ItemStatus::Proposed,
            Details::Leisure {},
            text,
            None,
        );
    }
    Ok(())
}

/// The car to the airport, the flight home and the way home; returns the time home.
fn journey_home(b: &mut Builder, t: &Timeline, days: &ClinicDays) -> Result<DateTime<Utc>> {
    let ctx = b.ctx;
    let patient = &ctx.req.patient;
    let provider = ctx.provider;
    let home_city = home_place(ctx);
    let assistance = assistance(ctx);
    let (airport_car, airport_car_end) = (days.airport_car, days.airport_car_end);
    b.push(
        "transfer-to-airport-home",
        format!("From the hotel to {} airport", ctx.clinic_airport),
        span(airport_car, airport_car_end),
        false,
        ItemStatus::ToBook,
        Details::GroundTransfer {
            from: HOTEL.into(),
            to: format!("{} airport", ctx.clinic_airport),
            medical_escort: false,
        },
        format!(
            "Leaves in time for about {} minutes on the road and check-in three hours before the flight.",
            ctx.drive
        ),
        None,
    );
    let fly_reason = {
        let mut parts = vec![format!(
            "Day {} after the operation. Fit to fly from day {} ({}); the advised day is {}",
            t.ret, ctx.fit_min, ctx.fit_source, ctx.advised
        )];
        if t.base > ctx.advised {
            parts.push(format!(
                "the guide's in-clinic checks and the discharge come first, so day {}",
                t.base
            ));
        }
        if !t.leisure.is_empty() {
            parts.push(format!("then {} leisure day(s)", t.leisure.len()));
        }
        if t.ret < t.base {
            parts.push(
                "brought forward to fit the visa limit or the latest return (see notes)".into(),
            );
        }
        format!("{}.", parts.join("; "))
    };
    b.push(
        "flight-home",
        format!(
            "Flight {} to {} (to book)",
            ctx.clinic_airport, patient.home_airport
        ),
        span(t.home_dep, t.home_land),
        false,
        ItemStatus::ToBook,
        Details::Flight {
            carrier: String::new(),
            flight_number: String::new(),
            from: ctx.clinic_airport.clone(),
            to: patient.home_airport.clone(),
            from_country: provider.country.clone(),
            to_country: patient.home_country.clone(),
            assistance,
            booking_ref: None,
        },
        fly_reason,
        None,
    );
    if let Some(item) = b.last() {
        item.notes = Some(
            "Carry the fit-to-fly letter from the last check; ask the surgeon about compression stockings and blood thinners for the flight.".into(),
        );
    }
    let home_end = later(t.home_land, ARRIVALS_MINUTES + HOME_DRIVE_MINUTES)?;
    b.push(
        "transfer-home",
        format!("From {} airport home", patient.home_airport),
        span(t.home_land, home_end),
        true,
        ItemStatus::ToBook,
        Details::GroundTransfer {
            from: format!("{} airport", patient.home_airport),
            to: home_city,
            medical_escort: false,
        },
        "Straight home from arrivals.".into(),
        None,
    );
    Ok(home_end)
}

/// The guide's follow-ups after the return: video calls, own-doctor visits, and the
/// in-clinic visits that would need another trip.
fn follow_ups(b: &mut Builder, t: &Timeline, home_end: DateTime<Utc>) -> Result<()> {
    let ctx = b.ctx;
    let guide = &ctx.guide;
    let clinic = ctx.provider.name.clone();
    let p = t.procedure;
    let mut busy_home: Vec<(DateTime<Utc>, DateTime<Utc>)> = vec![(t.home_land, home_end)];
    let first_home_day = shift(t.home, 1)?;
    for f in &guide.follow_up {
        let guide_day = shift(p, i64::from(f.after_days))?;
        let target = guide_day.max(first_home_day);
        let moved = if target > guide_day {
            format!(
                " The guide's day {} falls before the patient is home, so it is the first day after the return.",
                f.after_days
            )
        } else {
            String::new()
        };
        match f.kind {
            FollowUpKind::InPersonClinic => {
                if f.after_days > guide.days_near_clinic.max {
                    b.notes.push(PlanNote {
                        code: PlanNoteCode::ReturnVisit,
                        message: format!(
                            "The guide plans a visit to the clinic on day {} ({guide_day}): {}. That is another trip, not planned here.",
                            f.after_days, f.purpose
                        ),
                    });
                }
            }
            FollowUpKind::Telehealth => {
                let call = first_call(ctx, target, &busy_home)?;
                if !call.common {
                    b.notes.push(no_common_call(
                        ctx,
                        &format!("the video follow-up of day {}", f.after_days),
                    ));
                }
                let why = if call.common {
                    format!(
                        "the first half hour on or after {target} inside both the patient's call hours and the clinic's office hours"
                    )
                } else {
                    "no half hour inside both sides' hours was found: set in the patient's hours; the clinic must agree".to_string()
                };
                b.push(
                    &format!("video-follow-up-day-{}", f.after_days),
                    format!("Video follow-up with {clinic} (day {})", f.after_days),
                    span(call.start, call.end),
                    true,
                    ItemStatus::Proposed,
                    b.appointment(AppointmentType::Telehealth, false),
                    format!(
                        "Day {} after the operation, as the guide plans: {}. Set at {why}.{moved}",
                        f.after_days, f.purpose
                    ),
                    None,
                );
                if let Some(item) = b.last() {
                    item.notes = Some(f.purpose.clone());
                }
                busy_home.push((call.start, call.end));
            }
            FollowUpKind::LocalDoctor => {
                let (s, e, day) = local_visit(ctx, target, &busy_home)?;
                let on = if day == target {
                    format!("on {day}")
                } else {
                    format!("on the first free working day at home from {target}, {day}")
                };
                b.push(
                    &format!("own-doctor-day-{}", f.after_days),
                    format!("See your own doctor (day {})", f.after_days),
                    span(s, e),
                    true,
                    ItemStatus::Proposed,
                    Details::Appointment {
                        appointment_type: AppointmentType::FollowUp,
                        provider_id: None,
                        procedure: None,
                        procedure_category: None,
                    },
                    format!(
                        "Day {} after the operation, as the guide plans: {}. Set {on}, at the start of the patient's hours; book it with the practice.{moved}",
                        f.after_days, f.purpose
                    ),
                    None,
                );
                if let Some(item) = b.last() {
                    item.notes = Some(f.purpose.clone());
                }
                busy_home.push((s, e));
            }
        }
    }
    Ok(())
}

/// "home, Manchester" (or "home").
fn home_place(ctx: &Ctx) -> String {
    let city = &ctx.req.patient.home_city;
    if city.is_empty() {
        "home".to_string()
    } else {
        format!("home, {city}")
    }
}

/// Airline assistance the patient needs on both flights.
fn assistance(ctx: &Ctx) -> Vec<Assistance> {
    if ctx.needs(Amenity::WheelchairAccess) {
        vec![Assistance::Wheelchair]
    } else {
        Vec::new()
    }
}

/// A half-hour visit to the patient's own doctor: the first working day of the home
/// country on or after `from` whose start of the patient's hours is free.
fn local_visit(
    ctx: &Ctx,
    from: NaiveDate,
    busy: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<(DateTime<Utc>, DateTime<Utc>, NaiveDate)> {
    let start_time: NaiveTime = ctx.req.patient.call_hours.start;
    for k in 0..60 {
        let day = shift(from, k)?;
        if !has_day(&ctx.home_week, day.weekday()) {
            continue;
        }
        let s = ctx.home_at(day, start_time)?;
        let e = later(s, i64::from(CALL_MINUTES))?;
        if busy.iter().all(|(b0, b1)| e <= *b0 || s >= *b1) {
            return Ok((s, e, day));
        }
    }
    let s = ctx.home_at(from, start_time)?;
    Ok((s, later(s, i64::from(CALL_MINUTES))?, from))
}

/// What the planner assumed without being told, in plain sentences.
fn assumptions(ctx: &Ctx, t: &Timeline, split_hotel: bool) -> Vec<String> {
    let req = ctx.req;
    let hours = match req.flight_hours {
        Some(h) => format!("{h} hours each way, as given"),
        None => format!(
            "{} hours each way: no flight time was given, so a long-haul figure is used",
            super::context::DEFAULT_FLIGHT_HOURS
        ),
    };
    let home_days = super::context::days_text(
        &super::week::DayOfWeek::ALL
            .into_iter()
            .filter(|d| has_day(&ctx.home_week, d.weekday()))
            .collect::<Vec<_>>(),
    );
    vec![
        format!(
            "Flights are placeholders to book, with no flight numbers: out from {} at 10:00 local time, home from {} at {}; flying time {hours}.",
            req.patient.home_airport,
            ctx.clinic_airport,
            crate::dates::text::hm(&t.home_dep_time)
        ),
        format!(
            "Cars to the airport leave for check-in three hours before each flight: about {HOME_DRIVE_MINUTES} minutes' drive at home; at the destination {} minutes ({}). Leaving the arrivals hall takes {ARRIVALS_MINUTES} minutes.",
            ctx.drive, ctx.drive_basis
        ),
        if split_hotel {
            "The hotel room is given up during the hospital nights (no companion stays in it).".to_string()
        } else {
            "The hotel room is kept every night from arrival to the flight home.".to_string()
        },
        "Appointment times are proposals for the clinic to confirm: admission at 07:00, the operation from 09:00 (three hours kept free), the pre-operative visit at 10:00 the day before, checks at 10:00 for 45 minutes.".to_string(),
        format!(
            "Video calls last {CALL_MINUTES} minutes, inside the patient's call hours ({}) and the clinic's office hours ({}) on the working days of both countries (the clinic's from the working-week table; the patient's {}); visits to the patient's own doctor are on working days ({home_days}) at the start of the patient's hours.",
            hours_text(ctx.calls.hours_a),
            hours_text(ctx.calls.hours_b),
            match &req.patient.call_days {
                Some(d) => format!("as given: {}", super::context::days_text(d)),
                None => "from the same table".into(),
            }
        ),
    ]
}
