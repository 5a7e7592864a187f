//! The day-by-day plan for the patient: local times, and who to contact for each item.
//!
//! JSON shape of one day:
//! `{"date": "2027-02-15", "entries": [{"itemId": "flight-out", "title": "...", "itemType": "flight",
//!   "part": "whole", "startLocal": "2027-02-15T09:45:00", "zone": "Europe/London",
//!   "endLocal": "2027-02-15T16:45:00", "endZone": "Europe/Istanbul",
//!   "contact": {"name": "...", "phone": "..."}}]}`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{AppointmentType, Contact, Item, ItemType, Itinerary};
use crate::dates::text;
use crate::error::Result;
use crate::named::named_enum;

named_enum! {
    /// Which part of an item an entry shows on its day.
    pub enum EntryPart in "entry_part" {
        /// The item starts and ends on this local date.
        Whole => "whole",
        /// The item starts on this date and ends on a later one (check-in, overnight flight).
        Starts => "starts",
        /// The item ends on this date (check-out, landing the next day).
        Ends => "ends",
    }
}

/// One line of the patient's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct SummaryEntry {
    /// Id of the item.
    pub item_id: String,
    /// Title of the item.
    pub title: String,
    /// Type of the item.
    pub item_type: ItemType,
    /// Appointment type, for appointments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment_type: Option<AppointmentType>,
    /// Whether this day sees the whole item, its start or its end.
    pub part: EntryPart,
    /// Local wall-clock start, in `zone`.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start_local: NaiveDateTime,
    /// IANA zone of the start.
    pub zone: String,
    /// Local wall-clock end, in `end_zone`.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end_local: NaiveDateTime,
    /// IANA zone of the end.
    pub end_zone: String,
    /// Address or place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Who to contact: the item's contact, else the itinerary's coordinator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// One local date of the trip with its entries in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct DaySummary {
    /// The local date.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: NaiveDate,
    /// What happens that day.
    pub entries: Vec<SummaryEntry>,
}

/// Groups the items by the local date they happen on, in each place's own time zone.
///
/// An item spanning several dates (a hotel stay, an overnight flight) appears on its first
/// date as `starts` and on its last as `ends`.
pub fn day_by_day(itinerary: &Itinerary) -> Result<Vec<DaySummary>> {
    let zones = itinerary.zones()?;
    let mut days: BTreeMap<NaiveDate, Vec<(DateTime<Utc>, SummaryEntry)>> = BTreeMap::new();
    for (item, (start_tz, end_tz)) in itinerary.items.iter().zip(&zones) {
        let start_local = item.start.with_timezone(start_tz).naive_local();
        let end_local = item.end.with_timezone(end_tz).naive_local();
        let entry = |part| entry(itinerary, item, part, start_local, end_local);
        if start_local.date() == end_local.date() {
            days.entry(start_local.date())
                .or_default()
                .push((item.start, entry(EntryPart::Whole)));
        } else {
            days.entry(start_local.date())
                .or_default()
                .push((item.start, entry(EntryPart::Starts)));
            days.entry(end_local.date())
                .or_default()
                .push((item.end, entry(EntryPart::Ends)));
        }
    }
    Ok(days
        .into_iter()
        .map(|(date, mut entries)| {
            crate::order::sort_by(&mut entries, |a, b| {
                (a.0, &a.1.item_id).cmp(&(b.0, &b.1.item_id))
            });
            DaySummary {
                date,
                entries: entries.into_iter().map(|(_, e)| e).collect(),
            }
        })
        .collect())
}

fn entry(
    it: &Itinerary,
    item: &Item,
    part: EntryPart,
    start_local: NaiveDateTime,
    end_local: NaiveDateTime,
) -> SummaryEntry {
    SummaryEntry {
        item_id: item.id.clone(),
        title: item.title.clone(),
        item_type: item.item_type(),
        appointment_type: item.appointment_type(),
        part,
        start_local,
        zone: item.zone.clone(),
        end_local,
        end_zone: item.end_zone_name().to_string(),
        location: item.location.clone(),
        contact: item.contact.clone().or_else(|| it.coordinator.clone()),
    }
}

/// The day-by-day plan as plain text for the patient (one block per date).
pub fn summary_text(itinerary: &Itinerary) -> Result<String> {
    let days = day_by_day(itinerary)?;
    let mut out = String::new();
    for day in &days {
        let _ = writeln!(out, "{}", text::long_date(&day.date));
        for e in &day.entries {
            let when = match e.part {
                EntryPart::Whole if e.zone == e.end_zone => format!(
                    "{}-{} {}",
                    text::hm(&e.start_local),
                    text::hm(&e.end_local),
                    e.zone
                ),
                EntryPart::Whole => format!(
                    "{} {} - {} {}",
                    text::hm(&e.start_local),
                    e.zone,
                    text::hm(&e.end_local),
                    e.end_zone
                ),
                EntryPart::Starts => format!(
                    "{} {} (until {} {})",
                    text::hm(&e.start_local),
                    e.zone,
                    text::short_date_hm(&e.end_local),
                    e.end_zone
                ),
                EntryPart::Ends => format!("ends {} {}", text::hm(&e.end_local), e.end_zone),
            };
            let _ = write!(out, "  {when}  {}", e.title);
            if let Some(loc) = &e.location {
                let _ = write!(out, " @ {loc}");
            }
            if let Some(c) = &e.contact {
                let _ = write!(out, "  [contact: {}]", contact_line(c));
            }
            out.push('\n');
        }
    }
    Ok(out)
}

/// One line naming a contact: "name (role), phone, email".
pub(crate) fn contact_line(c: &Contact) -> String {
    let mut s = c.name.clone();
    if !c.role.is_empty() {
        let _ = write!(s, " ({})", c.role);
    }
    for part in [&c.phone, &c.email] {
        if !part.is_empty() {
            let _ = write!(s, ", {part}");
        }
    }
    s
}
