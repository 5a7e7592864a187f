//! Runs tests/vectors/itinerary.json: the same cases the Python and JS suites run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "itinerary")]

mod common;

use ical::parser::ical::component::IcalCalendar;
use medjourney::itinerary::{day_by_day, local_instant};
use medjourney::{check, to_ics, Error, Itinerary, ItineraryRules};
use serde_json::{json, Value};

fn itinerary(v: &Value) -> Result<Itinerary, Error> {
    let it: Itinerary = serde_json::from_value(v.clone())
        .map_err(|e| Error::deserialize("json", "itinerary", e))?;
    it.validate()?;
    Ok(it)
}

fn rules(v: &Value) -> Result<ItineraryRules, Error> {
    if v.is_null() {
        return Ok(ItineraryRules::default());
    }
    ItineraryRules::from_json(&v.to_string())
}

/// Parses iCalendar text with the independent `ical` crate.
fn parse_ics(text: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("ical parses the file");
    assert!(parser.next().is_none(), "exactly one VCALENDAR");
    cal
}

fn run(op: &str, a: &Value) -> Result<Value, Error> {
    Ok(match op {
        "check" => {
            let found = check(&itinerary(&a["itinerary"])?, &rules(&a["rules"])?)?;
            let findings: Vec<Value> = found
                .iter()
                .map(|f| json!({"code": f.code, "severity": f.severity, "items": f.items}))
                .collect();
            json!({ "findings": findings })
        }
        "local_instant" => {
            let local = a["local"]
                .as_str()
                .unwrap_or_default()
                .parse()
                .expect("test local time");
            json!(
                local_instant(local, a["zone"].as_str().unwrap_or_default())?
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            )
        }
        "summary" => {
            let days = day_by_day(&itinerary(&a["itinerary"])?)?;
            let days: Vec<Value> = days
                .iter()
                .map(|d| {
                    let entries: Vec<Value> = d
                        .entries
                        .iter()
                        .map(|e| {
                            json!({"itemId": e.item_id, "part": e.part,
                                   "startLocal": e.start_local, "endLocal": e.end_local,
                                   "contact": e.contact.as_ref().map(|c| c.name.clone())})
                        })
                        .collect();
                    json!({"date": d.date, "entries": entries})
                })
                .collect();
            json!({ "days": days })
        }
        "ics" => {
            let text = to_ics(&itinerary(&a["itinerary"])?)?;
            let cal = parse_ics(&text);
            let uids: Vec<String> = cal
                .events
                .iter()
                .map(|e| {
                    e.properties
                        .iter()
                        .find(|p| p.name == "UID")
                        .and_then(|p| p.value.clone())
                        .expect("every event has a UID")
                })
                .collect();
            let unfolded = text.replace("\r\n ", "");
            json!({"events": cal.events.len(), "uids": uids, "text": unfolded})
        }
        other => panic!("unknown op {other}"),
    })
}

#[test]
fn itinerary_vectors_pass() {
    let file = common::vectors("itinerary");
    common::run_cases(&file, run, |case, got| {
        let name = case["name"].as_str().unwrap_or("?");
        let expect = &case["expect"];
        match case["op"].as_str() {
            Some("ics") => {
                assert_eq!(got["events"], expect["events"], "case {name}: event count");
                assert_eq!(got["uids"], expect["uids"], "case {name}: UIDs");
                let text = got["text"].as_str().unwrap_or_default();
                for line in expect["lines"].as_array().expect("lines") {
                    let line = line.as_str().expect("line text");
                    assert!(
                        text.split("\r\n").any(|l| l == line),
                        "case {name}: line {line:?} missing from\n{text}"
                    );
                }
            }
            _ => assert_eq!(got, expect, "case {name}"),
        }
    });
}
