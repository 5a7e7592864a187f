//! The itinerary's displays: the timeline with the items in local time, and the timeline
//! with the checks' findings.

use crate::zone::Tz;
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};

use super::{count, note, view, words, Cell, Table, Text};
use crate::error::Result;
use crate::itinerary::{Details, Item, Itinerary, ItineraryRules, Severity};

/// "2027-02-16 08:00", written by hand: chrono's formatter would grow the wasm module.
fn local(t: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// Start and end in their own zones' local time; the end without its date when it is
/// the start's day.
fn times(start: DateTime<Utc>, end: DateTime<Utc>, zones: (Tz, Tz)) -> (String, String) {
    let (s, e) = (
        start.with_timezone(&zones.0).naive_local(),
        end.with_timezone(&zones.1).naive_local(),
    );
    let end = if e.date() == s.date() {
        format!("{:02}:{:02}", e.hour(), e.minute())
    } else {
        local(e)
    };
    (local(s), end)
}

/// What kind of item it is, in words ("flight", "procedure", "visa application").
fn kind(item: &Item) -> String {
    match &item.details {
        Details::Appointment {
            appointment_type, ..
        } => words(appointment_type.as_str()),
        Details::DocumentTask { task, .. } => words(task.as_str()),
        _ => words(item.item_type().as_str()),
    }
}

/// Where it happens: the route of a flight or transfer, else the location.
fn place(item: &Item) -> Text {
    let location = item.location.as_deref().unwrap_or_default();
    match &item.details {
        Details::Flight {
            from,
            to,
            flight_number,
            ..
        } => {
            let route = Text::new().user(from).words(" → ").user(to);
            if flight_number.is_empty() {
                route
            } else {
                route.words(" · ").user(flight_number)
            }
        }
        Details::GroundTransfer { from, to, .. } if !from.is_empty() || !to.is_empty() => {
            Text::new().user(from).words(" → ").user(to)
        }
        Details::Stay { address, .. } if location.is_empty() => Text::new().user(address),
        _ => Text::new().user(location),
    }
}

fn severity_words(s: Severity) -> &'static str {
    // The picture's words: "info" reads as a note to the patient.
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Itinerary {
    /// The itinerary as HTML: [`Itinerary::to_svg`] with `rules`, then every item in
    /// time order with its start and end in local time, its zone, kind in words, title
    /// and place. Text from the itinerary is escaped; at most 200 rows, a note counts
    /// the rest. Errors: as [`Itinerary::to_svg`].
    pub fn to_html(&self, rules: &ItineraryRules) -> Result<String> {
        let svg = self.to_svg(rules)?;
        let zones = self.zones()?;
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        // Ids are unique, so the order is total and the same as the picture's.
        crate::order::sort_by(&mut order, |&a, &b| {
            let key = |i: usize| self.items.get(i).map(|x| (x.start, x.end, x.id.as_str()));
            key(a).cmp(&key(b))
        });
        let mut caption = Text::new().words("Itinerary ");
        caption = if self.title.trim().is_empty() {
            caption.user(&self.id)
        } else {
            caption.user(&self.title).id(&self.id)
        };
        let caption = caption.words(&format!(
            ": {}, local times",
            count(self.items.len(), "item")
        ));
        let mut t = Table::new(
            "mj-items",
            caption,
            &["starts", "ends", "time zone", "kind", "item", "where"],
        );
        for i in order {
            let (Some(item), Some(z)) = (self.items.get(i), zones.get(i)) else {
                continue;
            };
            let (start, end) = times(item.start, item.end, *z);
            let zone = match item.end_zone.as_deref() {
                Some(e) if e != item.zone => Text::new().user(&item.zone).words(" → ").user(e),
                _ => Text::new().user(&item.zone),
            };
            let mut what = Text::new().user(&item.title);
            if item.companion_only {
                what = what.words(" ").muted("(companion only)");
            }
            t.row(&[
                Cell::num(start),
                Cell::num(end),
                Cell::text(zone),
                Cell::words(&kind(item)),
                Cell::text(what),
                Cell::text(place(item)),
            ]);
        }
        Ok(view("mj-itinerary", Some(&svg), &[t.finish()]))
    }

    /// The logistics check as HTML: [`Itinerary::to_svg`] with `rules` (the findings
    /// marked on the timeline), then the findings of [`Itinerary::check`] numbered as in
    /// the picture, each with its severity and code in words, its message and the items
    /// it is about. Errors: as [`Itinerary::check`].
    pub fn findings_to_html(&self, rules: &ItineraryRules) -> Result<String> {
        let findings = self.check(rules)?;
        let svg = self.to_svg(rules)?;
        let of = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let caption = format!(
            "What the checks found: {}, {}, {}",
            count(of(Severity::Error), "error"),
            count(of(Severity::Warning), "warning"),
            count(of(Severity::Info), "note")
        );
        let mut t = Table::new(
            "mj-checks",
            Text::new().words(&caption),
            &["#", "severity", "finding", "details", "items", "fix"],
        );
        for (i, f) in findings.iter().enumerate() {
            t.row(&[
                Cell::num((i + 1).to_string()),
                Cell::words(severity_words(f.severity)),
                Cell::words(&words(f.code.as_str())),
                Cell::user(&f.message),
                Cell::text(Text::new().list(f.items.iter().map(String::as_str), ", ")),
                Cell::user(f.remedy.as_ref().map_or("", |r| r.text.as_str())),
            ]);
        }
        let table = if findings.is_empty() {
            note(&Text::new().words("The checks found nothing to fix."))
        } else {
            t.finish()
        };
        Ok(view("mj-findings", Some(&svg), &[table]))
    }
}
