//! iCalendar (RFC 5545) export: one VEVENT per item.
//!
//! A small writer rather than the `icalendar` crate: that crate stamps events with the
//! wall clock and random UUIDs unless told otherwise, enables chrono's clock and wasm
//! bindings, leaves a bare carriage return in TEXT unescaped, and needs a newer Rust than
//! this workspace. What RFC 5545 asks of a writer is short: escape TEXT (`\`, `;`, `,`,
//! newlines), end lines with CRLF, fold lines longer than 75 octets without splitting a
//! UTF-8 character. DTSTART/DTEND are written in UTC (`...Z`), which every reader maps to
//! the device's zone; the local time and zone of each end are in the DESCRIPTION.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::model::{Details, DocumentKind, Item, ItemStatus, Itinerary};
use super::summary::contact_line;
use crate::error::Result;

/// The longest content line RFC 5545 allows, in octets, excluding the CRLF.
const MAX_LINE: usize = 75;

/// Writes the itinerary as an iCalendar file (CRLF line ends, folded, escaped).
///
/// UIDs are `<item id>.<itinerary id>@medjourney` with unsafe characters percent-encoded,
/// so a re-export updates the same calendar events instead of duplicating them; DTSTAMP
/// is the itinerary's `updatedAt`.
pub fn to_ics(itinerary: &Itinerary) -> Result<String> {
    let zones = itinerary.zones()?;
    let mut out = String::with_capacity(512 + itinerary.items.len() * 512);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//medjourney//itinerary//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    let name = if itinerary.title.is_empty() {
        &itinerary.id
    } else {
        &itinerary.title
    };
    line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    let stamp = utc(itinerary.updated_at);
    for (item, (start_tz, end_tz)) in itinerary.items.iter().zip(&zones) {
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!(
                "UID:{}.{}@medjourney",
                uid_part(&item.id),
                uid_part(&itinerary.id)
            ),
        );
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART:{}", utc(item.start)));
        line(&mut out, &format!("DTEND:{}", utc(item.end)));
        line(
            &mut out,
            &format!("SUMMARY:{}", escape_text(&summary(item))),
        );
        if let Some(loc) = item.location.as_deref().filter(|l| !l.is_empty()) {
            line(&mut out, &format!("LOCATION:{}", escape_text(loc)));
        }
        let mut desc = format!(
            "Starts {} ({})\nEnds {} ({})",
            crate::dates::text::short_date_year_hm(
                &item.start.with_timezone(start_tz).naive_local()
            ),
            start_tz.name(),
            crate::dates::text::short_date_year_hm(&item.end.with_timezone(end_tz).naive_local()),
            end_tz.name()
        );
        if let Some(c) = item.contact.as_ref().or(itinerary.coordinator.as_ref()) {
            let _ = write!(desc, "\nContact: {}", contact_line(c));
        }
        if let Some(n) = item.notes.as_deref().filter(|n| !n.is_empty()) {
            let _ = write!(desc, "\n{n}");
        }
        line(&mut out, &format!("DESCRIPTION:{}", escape_text(&desc)));
        line(
            &mut out,
            &format!(
                "CATEGORIES:{}",
                item.item_type().as_str().to_ascii_uppercase()
            ),
        );
        // A proposed time or a placeholder still to book shows as tentative in calendars.
        match item.status {
            Some(ItemStatus::Booked) => line(&mut out, "STATUS:CONFIRMED"),
            Some(ItemStatus::Proposed | ItemStatus::ToBook) => line(&mut out, "STATUS:TENTATIVE"),
            None => {}
        }
        line(&mut out, "TRANSP:OPAQUE");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    Ok(out)
}

/// The event title: the item's title, or one made from its details.
fn summary(item: &Item) -> String {
    if !item.title.trim().is_empty() {
        return item.title.clone();
    }
    match &item.details {
        Details::Flight {
            flight_number,
            from,
            to,
            ..
        } => format!("Flight {flight_number} {from}-{to}"),
        Details::GroundTransfer { from, to, .. } => format!("Transfer {from} to {to}"),
        Details::Stay { .. } => "Stay".into(),
        Details::Appointment {
            appointment_type, ..
        } => appointment_type.as_str().replace('_', " "),
        Details::Leisure {} => "Leisure".into(),
        Details::DocumentTask { task, .. } => match task {
            DocumentKind::VisaApplication => "Visa application".into(),
            DocumentKind::MedicalRecordsTransfer => "Send medical records".into(),
            DocumentKind::Other => "Paperwork".into(),
        },
    }
}

fn utc(t: DateTime<Utc>) -> String {
    crate::dates::text::ical_utc(&t)
}

/// Escapes TEXT per RFC 5545 §3.3.11; any line break becomes `\n` and other control
/// characters are dropped, so user text can never start a new property.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Keeps UIDs to characters every reader accepts; others are percent-encoded (UTF-8).
fn uid_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Appends one content line, folded at 75 octets on character boundaries, ending in CRLF.
///
/// A fold never leaves whitespace at the end of a physical line: readers (calendar apps,
/// the `ical` crate) trim trailing whitespace (Unicode's, not only blanks) before
/// unfolding, which would glue the words on either side of the fold ("and anaesthesia"
/// read back as "andanaesthesia"). Whitespace before a fold moves to the continuation
/// line, unless the whole line is whitespace.
fn line(out: &mut String, content: &str) {
    let mut budget = MAX_LINE;
    let mut used = 0usize;
    for c in content.chars() {
        let n = c.len_utf8();
        if used + n > budget {
            let kept = out.trim_end_matches(char::is_whitespace).len();
            let blanks = out.len() - kept;
            let carry = if blanks < used && blanks + n < MAX_LINE {
                out.split_off(kept)
            } else {
                String::new()
            };
            out.push_str("\r\n ");
            // The leading space of a continuation line counts towards its 75 octets.
            budget = MAX_LINE - 1;
            used = carry.len();
            out.push_str(&carry);
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}
