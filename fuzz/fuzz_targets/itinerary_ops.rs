//! `check`, `day_by_day`, `summary_text`, `to_ics` and `to_svg` on any itinerary: items of
//! every type in the widest-offset zones, at any instant (the edges of the supported years
//! too), with hostile text. The calendar reads back with an independent reader, the
//! picture parses, findings name real items and grow with the items.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use medjourney::itinerary::{
    AppointmentType, Assistance, Companion, Contact, Details, DocumentKind, Item, Itinerary,
    Person, Traveller,
};
use medjourney::ItineraryRules;
use medjourney_fuzz::{any, decode, instant, itinerary, small_vec, text, ZONES};

const COUNTRIES: &[&str] = &["GB", "TR", "IN", "TH", "US", "DE", "FR", "AE", "gb", "XX"];
const AIRPORTS: &[&str] = &["MAN", "IST", "SAW", "LHR", "BKK", "DEL", "JFK"];

fn details(u: &mut Unstructured) -> arbitrary::Result<Details> {
    Ok(match u.int_in_range(0..=5u8)? {
        0 => Details::Flight {
            carrier: "XX".into(),
            flight_number: text(u)?,
            from: u.choose(AIRPORTS)?.to_string(),
            to: u.choose(AIRPORTS)?.to_string(),
            from_country: u.choose(COUNTRIES)?.to_string(),
            to_country: u.choose(COUNTRIES)?.to_string(),
            assistance: if any(u)? {
                vec![Assistance::Wheelchair]
            } else {
                vec![]
            },
            booking_ref: None,
        },
        1 => Details::GroundTransfer {
            from: text(u)?,
            to: text(u)?,
            medical_escort: any(u)?,
        },
        2 => Details::Stay {
            address: text(u)?,
            accessible_room: any(u)?,
            kitchenette: any(u)?,
            distance_to_clinic_km: if any(u)? {
                Some(f64::from(u.int_in_range(0..=200u8)?))
            } else {
                None
            },
        },
        3 => Details::Appointment {
            appointment_type: *u.choose(&AppointmentType::ALL[..])?,
            provider_id: None,
            procedure: None,
            procedure_category: if any(u)? {
                Some(
                    u.choose(&["hip_or_knee_replacement", "cataract", "unknown"])?
                        .to_string(),
                )
            } else {
                None
            },
        },
        4 => Details::Leisure {},
        _ => Details::DocumentTask {
            task: *u.choose(&[
                DocumentKind::VisaApplication,
                DocumentKind::MedicalRecordsTransfer,
                DocumentKind::Other,
            ])?,
            country: if any(u)? {
                Some(u.choose(COUNTRIES)?.to_string())
            } else {
                None
            },
            person: if any(u)? {
                Person::Patient
            } else {
                Person::Companion
            },
        },
    })
}

fn item(
    u: &mut Unstructured,
    k: usize,
    around: chrono::DateTime<chrono::Utc>,
) -> arbitrary::Result<Item> {
    let start = if u.ratio(1, 6)? {
        instant(u)?
    } else {
        let d = chrono::Duration::minutes(i64::from(u.int_in_range(-20_000..=60_000i32)?));
        around.checked_add_signed(d).unwrap_or(around)
    };
    let end = if u.ratio(1, 10)? {
        instant(u)?
    } else {
        let d = chrono::Duration::minutes(i64::from(u.int_in_range(0..=20_000u32)?));
        start.checked_add_signed(d).unwrap_or(start)
    };
    Ok(Item {
        id: if u.ratio(1, 20)? {
            text(u)?
        } else {
            format!("i{k}")
        },
        title: text(u)?,
        start,
        end,
        zone: u.choose(ZONES)?.to_string(),
        end_zone: if any(u)? {
            Some(u.choose(ZONES)?.to_string())
        } else {
            None
        },
        location: if any(u)? { Some(text(u)?) } else { None },
        contact: if u.ratio(1, 4)? {
            Some(Contact {
                name: text(u)?,
                ..Contact::default()
            })
        } else {
            None
        },
        notes: if any(u)? { Some(text(u)?) } else { None },
        companion_only: u.ratio(1, 8)?,
        status: None,
        details: details(u)?,
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(it) = decode(data, |u| {
        let around = instant(u)?;
        let mut k = 0;
        let items = small_vec(u, 24, |u| {
            k += 1;
            item(u, k, around)
        })?;
        Ok(Itinerary {
            id: if u.ratio(1, 20)? {
                text(u)?
            } else {
                "trip".into()
            },
            title: text(u)?,
            updated_at: instant(u)?,
            traveller: Traveller {
                patient_id: "PT".into(),
                home_country: u.choose(COUNTRIES)?.to_string(),
                nationality: u.choose(COUNTRIES)?.to_string(),
                home_airport: None,
                home_time_zone: None,
                passport_expires: if any(u)? {
                    Some(instant(u)?.date_naive())
                } else {
                    None
                },
                procedure_category: Some("hip_or_knee_replacement".into()),
                companion: if any(u)? {
                    Some(Companion {
                        relation: "spouse".into(),
                        nationality: u.choose(COUNTRIES)?.to_string(),
                        passport_expires: None,
                    })
                } else {
                    None
                },
            },
            coordinator: None,
            items,
        })
    }) else {
        return;
    };
    itinerary(&it, &ItineraryRules::default());
});
