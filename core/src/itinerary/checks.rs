//! The logistics checks: what would break the trip, found before the patient leaves home.
//!
//! Times are compared as instants, so a flight that leaves Bangkok at 23:00 and lands in
//! London "the same day" is fine, and a connection across a daylight-saving change is
//! measured in real minutes. Day counts (fit to fly, visa deadlines) are calendar days
//! between local dates, as the rules that give them are written.
//!
//! Connections: a flight leaving within `connectionWindowMinutes` of a landing connects
//! when it leaves from the same airport, or from another airport of the same city listed
//! in `airportTransfers`. The minimum is the departure airport's own minimum (from
//! `airportConnections`, else the global domestic or international one), plus the ground
//! transfer when the airports differ. A same-airport connection is a transit; changing
//! airports means entering the country, so visa and passport rules apply to it (but no
//! bed is needed).
//!
//! Visas: `maxStayDays` limits each stay; a `rollingLimit` ("90 days in any 180") counts
//! every day present over all stays on the itinerary, arrival and departure days
//! included, in the destination or in every destination of the same `area`; a stay with
//! no onward flight counts its arrival day only.
//!
//! Cost: every check is O(n log n) in the items and rule rows (rules are indexed once,
//! items sorted once and searched), so 10,000 items cost about eight times 1,250; the
//! nightly bed check adds one binary search per night abroad, at most 3,700 nights a
//! stop. Overlaps are reported once per cluster of items that overlap one another
//! (directly or through each other): two items read "a overlaps b", more are named in
//! one finding. An appointment is measured against the last landing before it; a
//! flight against the procedure before it whose rule grounds the patient longest; a
//! stay far from the clinic against the procedure that ended last before it.
//!
//! A [`Finding`] in JSON:
//! `{"code": "fit_to_fly", "severity": "error", "message": "...", "items": ["procedure", "flight-home"],
//!   "remedy": {"kind": "fly_on_or_after", "item": "flight-home", "date": "2027-02-27", "text": "..."}}`.
//!
//! Remedies ([`Remedy`]): a fit-to-fly finding gives the earliest allowed (or advised)
//! flight date; a visa finding the days to file the application in (and the arrival date
//! that keeps a late filing valid); a night without a bed the nights to book; a tight
//! connection the minimum layover and the earliest departure; a passport finding the date
//! it must be valid until; a stay too long the last day to leave; a missing post-op check
//! or follow-up the time span to add one in. Overlaps, unknown rules and rolling visa
//! limits carry none: no single change clearly fixes them.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::zone::Tz;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{
    clip, local_instant_forward, AppointmentType, Details, DocumentKind, Item, Itinerary, Person,
};
use super::remedy::{Remedy, RemedyAction};
use super::rules::{FitToFlyRule, ItineraryRules, ValidFrom, VisaRule};
use crate::error::Result;
use crate::named::named_enum;

named_enum! {
    /// How serious a finding is.
    pub enum Severity in "severity" {
        /// The trip as planned would break (or break a rule): fix before travel.
        Error => "error",
        /// Risky or against advice: worth a second look.
        Warning => "warning",
        /// Something to know or confirm; nothing is wrong.
        Info => "info",
    }
}

named_enum! {
    /// The stable code of a finding, the same in Rust, Python and JS.
    pub enum FindingCode in "finding_code" {
        /// Two items the patient attends overlap in time.
        Overlap => "overlap",
        /// Too little time between a landing and the connecting flight.
        TightConnection => "tight_connection",
        /// Too little time between a landing and an in-person appointment.
        TightLandingToAppointment => "tight_landing_to_appointment",
        /// A flight sooner after a procedure than its fit-to-fly rule allows.
        FitToFly => "fit_to_fly",
        /// A flight allowed by the minimum but sooner than the advised number of days.
        FitToFlyAdvice => "fit_to_fly_advice",
        /// A flight after a procedure whose fit-to-fly category is missing or unknown.
        FitToFlyUnknown => "fit_to_fly_unknown",
        /// A night abroad with no booked bed (nor a flight or transfer under way).
        NightWithoutBed => "night_without_bed",
        /// A post-operative stay farther from the clinic than allowed.
        StayFarFromClinic => "stay_far_from_clinic",
        /// No post-operative check between the procedure and the next flight.
        NoPostOpCheck => "no_post_op_check",
        /// No follow-up or telehealth appointment after the patient is home.
        NoFollowUp => "no_follow_up",
        /// A visa is required and no application is planned.
        VisaMissing => "visa_missing",
        /// The visa application is filed later than the rule allows.
        VisaTooLate => "visa_too_late",
        /// The visa application is filed earlier than the rule accepts.
        VisaTooEarly => "visa_too_early",
        /// A stay, or the days in some rolling period, go beyond what the visa or visa
        /// exemption allows.
        VisaStayTooLong => "visa_stay_too_long",
        /// The documents a required visa application needs.
        VisaDocuments => "visa_documents",
        /// No visa rule is known for a nationality and destination.
        VisaRuleUnknown => "visa_rule_unknown",
        /// A passport expires sooner than the destination requires.
        PassportValidity => "passport_validity",
        /// The last flight does not land in the home country.
        TripNotEndingHome => "trip_not_ending_home",
    }
}

impl FindingCode {
    /// The severity every finding with this code has.
    pub fn severity(self) -> Severity {
        match self {
            FindingCode::TightLandingToAppointment
            | FindingCode::FitToFlyAdvice
            | FindingCode::StayFarFromClinic
            | FindingCode::NoFollowUp
            | FindingCode::VisaTooEarly => Severity::Warning,
            FindingCode::FitToFlyUnknown
            | FindingCode::VisaDocuments
            | FindingCode::VisaRuleUnknown => Severity::Info,
            _ => Severity::Error,
        }
    }

    /// Every code, in declaration order (for documentation and wrappers).
    pub fn all() -> &'static [FindingCode] {
        use FindingCode::*;
        &[
            Overlap,
            TightConnection,
            TightLandingToAppointment,
            FitToFly,
            FitToFlyAdvice,
            FitToFlyUnknown,
            NightWithoutBed,
            StayFarFromClinic,
            NoPostOpCheck,
            NoFollowUp,
            VisaMissing,
            VisaTooLate,
            VisaTooEarly,
            VisaStayTooLong,
            VisaDocuments,
            VisaRuleUnknown,
            PassportValidity,
            TripNotEndingHome,
        ]
    }
}

/// One problem (or note) found in an itinerary, with the ids of the items concerned and,
/// when there is one clear fix, its [`Remedy`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// Error, warning or info (fixed by the code).
    pub severity: Severity,
    /// Explanation for people, naming the items, times and rule.
    pub message: String,
    /// Ids of the items concerned, in time order where it matters.
    pub items: Vec<String>,
    /// The fix, in words and as data, when one change clearly makes the finding go away
    /// (absent from JSON otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedy: Option<Remedy>,
}

/// Runs every check on an itinerary and returns the findings, errors first, then by time.
///
/// Fails only when the itinerary or rules are malformed (unknown zone, end before start,
/// duplicate item id, negative threshold); problems with the plan itself are findings.
pub fn check(itinerary: &Itinerary, rules: &ItineraryRules) -> Result<Vec<Finding>> {
    rules.validate()?;
    let zones = itinerary.zones()?;
    let ctx = Ctx::new(itinerary, rules, &zones);
    let mut out = Vec::new();
    ctx.overlaps(&mut out);
    ctx.connections(&mut out);
    ctx.landing_to_appointment(&mut out);
    ctx.fit_to_fly(&mut out);
    ctx.post_op(&mut out);
    ctx.stops(&mut out);
    ctx.trip_end(&mut out);

    let start_of: HashMap<&str, DateTime<Utc>> = itinerary
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.start))
        .collect();
    let first = |f: &Finding| {
        f.items
            .first()
            .and_then(|id| start_of.get(id.as_str()).copied())
    };
    crate::order::sort_by(&mut out, |a, b| {
        (a.severity, first(a), a.code, &a.items).cmp(&(b.severity, first(b), b.code, &b.items))
    });
    Ok(out)
}

/// How two consecutive flights connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// The second leaves from the airport the first landed at: a transit.
    SameAirport,
    /// The second leaves from another airport of the city, this many minutes away by road.
    ChangeAirports(i64),
}

/// Days spent in one country between a landing and the next departure.
struct Stay<'a> {
    arrival: usize,
    departure: Option<usize>,
    country: &'a str,
    from: NaiveDate,
    to: NaiveDate,
}

/// A flight's fields, borrowed.
struct Flight<'a> {
    idx: usize,
    from: &'a str,
    to: &'a str,
    from_country: &'a str,
    to_country: &'a str,
}

struct Ctx<'a> {
    it: &'a Itinerary,
    items: &'a [Item],
    rules: &'a ItineraryRules,
    zones: &'a [(Tz, Tz)],
    /// Flights the patient takes, by departure.
    flights: Vec<Flight<'a>>,
    /// Procedures the patient has, by start.
    procedures: Vec<usize>,
    /// Ground minutes between two airports of one city, both ways.
    transfers: HashMap<(&'a str, &'a str), i64>,
    /// Per-airport minimum connections (domestic, international); the last row wins.
    airport_minimums: HashMap<&'a str, (Option<i64>, Option<i64>)>,
    /// The visa rule in force per (nationality, destination), looked up once per stop.
    visas: HashMap<(&'a str, &'a str), &'a VisaRule>,
    /// The fit-to-fly rule in force per category.
    fit: HashMap<&'a str, &'a FitToFlyRule>,
    /// The patient's beds (stays, and flights and transfers under way) by start, with the
    /// latest end among the first k in `bed_reach[k - 1]`: the nightly checkpoints ask
    /// "is some bed still open here?" in log time.
    bed_starts: Vec<DateTime<Utc>>,
    bed_reach: Vec<DateTime<Utc>>,
    /// The first planned visa application per destination and person.
    applications: HashMap<(&'a str, Person), usize>,
}

fn finding(code: FindingCode, message: String, items: Vec<String>) -> Finding {
    Finding {
        code,
        severity: code.severity(),
        message,
        items,
        remedy: None,
    }
}

impl Finding {
    fn with(mut self, text: String, action: RemedyAction) -> Finding {
        self.remedy = Some(Remedy { text, action });
        self
    }
}

fn who(person: Person) -> &'static str {
    match person {
        Person::Patient => "patient",
        Person::Companion => "companion",
    }
}

impl<'a> Ctx<'a> {
    fn new(it: &'a Itinerary, rules: &'a ItineraryRules, zones: &'a [(Tz, Tz)]) -> Self {
        let items = it.items.as_slice();
        let mut flights: Vec<Flight<'a>> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| !i.companion_only)
            .filter_map(|(idx, i)| match &i.details {
                Details::Flight {
                    from,
                    to,
                    from_country,
                    to_country,
                    ..
                } => Some(Flight {
                    idx,
                    from,
                    to,
                    from_country,
                    to_country,
                }),
                _ => None,
            })
            .collect();
        crate::order::sort_by(&mut flights, |a, b| by_start(items, a.idx, b.idx));
        let mut procedures: Vec<usize> = (0..items.len())
            .filter(|&i| {
                items.get(i).is_some_and(|x| {
                    !x.companion_only && x.appointment_type() == Some(AppointmentType::Procedure)
                })
            })
            .collect();
        crate::order::sort_by(&mut procedures, |&a, &b| by_start(items, a, b));
        let mut transfers = HashMap::new();
        for t in &rules.airport_transfers {
            transfers.insert((t.from.as_str(), t.to.as_str()), t.minutes);
            transfers.insert((t.to.as_str(), t.from.as_str()), t.minutes);
        }
        let airport_minimums = rules
            .airport_connections
            .iter()
            .map(|c| {
                (
                    c.airport.as_str(),
                    (c.domestic_minutes, c.international_minutes),
                )
            })
            .collect();
        // Later rows replace earlier ones and overrides replace the table, as in
        // `ItineraryRules::visa_rule`, but looked up in constant time.
        let mut visas = HashMap::new();
        for r in rules.visas.iter().chain(&rules.visa_overrides) {
            visas.insert((r.nationality.as_str(), r.destination.as_str()), r);
        }
        let mut fit = HashMap::new();
        for r in rules.fit_to_fly.iter().chain(&rules.fit_to_fly_overrides) {
            fit.insert(r.category.as_str(), r);
        }
        let mut beds: Vec<(DateTime<Utc>, DateTime<Utc>)> = items
            .iter()
            .filter(|i| {
                !i.companion_only
                    && matches!(
                        i.details,
                        Details::Stay { .. }
                            | Details::Flight { .. }
                            | Details::GroundTransfer { .. }
                    )
            })
            .map(|i| (i.start, i.end))
            .collect();
        crate::order::sort(&mut beds);
        let bed_starts = beds.iter().map(|b| b.0).collect();
        let bed_reach = beds
            .iter()
            .scan(None::<DateTime<Utc>>, |reach, b| {
                let r = reach.map_or(b.1, |r| r.max(b.1));
                *reach = Some(r);
                Some(r)
            })
            .collect();
        let mut applications: HashMap<(&str, Person), usize> = HashMap::new();
        for (idx, i) in items.iter().enumerate() {
            if let Details::DocumentTask {
                task: DocumentKind::VisaApplication,
                country: Some(c),
                person,
            } = &i.details
            {
                let slot = applications.entry((c.as_str(), *person)).or_insert(idx);
                if items.get(*slot).is_some_and(|x| i.start < x.start) {
                    *slot = idx;
                }
            }
        }
        Ctx {
            it,
            items,
            rules,
            zones,
            flights,
            procedures,
            transfers,
            airport_minimums,
            visas,
            fit,
            bed_starts,
            bed_reach,
            applications,
        }
    }

    fn visa_rule(&self, nationality: &str, destination: &str) -> Option<&'a VisaRule> {
        self.visas.get(&(nationality, destination)).copied()
    }

    fn fit_to_fly_rule(&self, category: &str) -> Option<&'a FitToFlyRule> {
        self.fit.get(category).copied()
    }

    /// The latest end of the beds that start at or before `t`.
    fn bed_until(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let k = self.bed_starts.partition_point(|s| *s <= t);
        k.checked_sub(1)
            .and_then(|k| self.bed_reach.get(k))
            .copied()
    }

    /// The minimum connection when the next flight leaves from `airport`.
    fn min_connection(&self, airport: &str, domestic: bool) -> i64 {
        let own = self
            .airport_minimums
            .get(airport)
            .and_then(|(d, i)| if domestic { *d } else { *i });
        own.unwrap_or(if domestic {
            self.rules.min_connection_domestic_minutes
        } else {
            self.rules.min_connection_international_minutes
        })
    }

    fn item(&self, i: usize) -> Option<&'a Item> {
        self.items.get(i)
    }

    fn id(&self, i: usize) -> String {
        self.item(i).map(|x| x.id.clone()).unwrap_or_default()
    }

    /// Local date of an item's start, in its start zone.
    fn start_date(&self, i: usize) -> Option<NaiveDate> {
        let item = self.item(i)?;
        let (tz, _) = self.zones.get(i)?;
        Some(item.start.with_timezone(tz).date_naive())
    }

    /// Local date of an item's end, in its end zone.
    fn end_date(&self, i: usize) -> Option<NaiveDate> {
        let item = self.item(i)?;
        let (_, tz) = self.zones.get(i)?;
        Some(item.end.with_timezone(tz).date_naive())
    }

    /// How `b` connects to `a`, or `None` when it is not a connection.
    fn link(&self, a: &Flight, b: &Flight) -> Option<Link> {
        let (x, y) = (self.item(a.idx)?, self.item(b.idx)?);
        let gap = (y.start - x.end).num_minutes();
        if gap < 0 || gap >= self.rules.connection_window_minutes {
            return None;
        }
        if a.to == b.from {
            return Some(Link::SameAirport);
        }
        self.transfers
            .get(&(a.to, b.from))
            .map(|m| Link::ChangeAirports(*m))
    }

    /// One finding per cluster of items that overlap (directly or through each other),
    /// found by one sweep in start order: two items give the classic "a overlaps b", more
    /// give one finding naming them all, so simultaneous items cost n log n, not n².
    fn overlaps(&self, out: &mut Vec<Finding>) {
        let mut order: Vec<usize> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                !i.companion_only
                    && !matches!(
                        i.details,
                        Details::Stay { .. } | Details::DocumentTask { .. }
                    )
            })
            .map(|(k, _)| k)
            .collect();
        crate::order::sort_by(&mut order, |&a, &b| by_start(self.items, a, b));
        // The latest end so far, and the latest end of the items starting strictly before
        // the current start (a deadline overlaps only an item that began before it).
        let mut reach: Option<DateTime<Utc>> = None;
        let mut reach_before: Option<DateTime<Utc>> = None;
        let mut group_start: Option<DateTime<Utc>> = None;
        let mut cluster: Vec<&Item> = Vec::new();
        for &k in &order {
            let Some(b) = self.item(k) else { continue };
            if group_start != Some(b.start) {
                reach_before = reach;
                group_start = Some(b.start);
            }
            let overlaps = if b.end > b.start {
                reach.is_some_and(|r| r > b.start)
            } else {
                reach_before.is_some_and(|r| r > b.start)
            };
            if overlaps {
                cluster.push(b);
            } else {
                self.report_overlap(&cluster, out);
                cluster.clear();
                // A deadline overlapping nothing before it overlaps nothing after it either.
                if b.end > b.start {
                    cluster.push(b);
                }
            }
            reach = Some(reach.map_or(b.end, |r| r.max(b.end)));
        }
        self.report_overlap(&cluster, out);
    }

    fn report_overlap(&self, cluster: &[&Item], out: &mut Vec<Finding>) {
        match cluster {
            [] | [_] => {}
            [a, b] => out.push(finding(
                FindingCode::Overlap,
                format!(
                    "{} ({} to {}) overlaps {} ({} to {})",
                    clip(&a.id),
                    a.start,
                    a.end,
                    clip(&b.id),
                    b.start,
                    b.end
                ),
                vec![a.id.clone(), b.id.clone()],
            )),
            [first, ..] => {
                let until = cluster.iter().map(|i| i.end).max().unwrap_or(first.end);
                let mut names: Vec<String> = cluster.iter().take(8).map(|i| clip(&i.id)).collect();
                if cluster.len() > 8 {
                    names.push(format!("and {} more", cluster.len() - 8));
                }
                out.push(finding(
                    FindingCode::Overlap,
                    format!(
                        "{} items overlap one another between {} and {until}: {}",
                        cluster.len(),
                        first.start,
                        names.join(", ")
                    ),
                    cluster.iter().map(|i| i.id.clone()).collect(),
                ));
            }
        }
    }

    fn connections(&self, out: &mut Vec<Finding>) {
        for pair in self.flights.windows(2) {
            let [a, b] = pair else { continue };
            let Some(link) = self.link(a, b) else {
                continue;
            };
            let (Some(x), Some(y)) = (self.item(a.idx), self.item(b.idx)) else {
                continue;
            };
            let domestic = a.from_country == a.to_country && b.from_country == b.to_country;
            let kind = if domestic {
                "domestic"
            } else {
                "international"
            };
            let at_airport = self.min_connection(b.from, domestic);
            let gap = (y.start - x.end).num_minutes();
            let needed = match link {
                Link::SameAirport => at_airport,
                Link::ChangeAirports(ground) => ground.saturating_add(at_airport),
            };
            let message = match link {
                Link::SameAirport if gap < at_airport => format!(
                    "only {gap} min at {} between {} and {}; a {kind} connection there needs {at_airport} min",
                    clip(a.to),
                    clip(&x.id),
                    clip(&y.id),
                ),
                Link::ChangeAirports(ground) if gap < ground.saturating_add(at_airport) => {
                    format!(
                        "only {gap} min between {} landing at {} and {} leaving {}; changing airports takes {ground} min by road and a {kind} connection at {} needs {at_airport} min more",
                        clip(&x.id),
                        clip(a.to),
                        clip(&y.id),
                        clip(b.from),
                        clip(b.from),
                    )
                }
                _ => continue,
            };
            let earliest = x
                .end
                .checked_add_signed(chrono::Duration::minutes(needed))
                .unwrap_or(x.end);
            out.push(
                finding(
                    FindingCode::TightConnection,
                    message,
                    vec![x.id.clone(), y.id.clone()],
                )
                .with(
                    format!(
                        "Leave at least {needed} min between landing and {}: book a connection leaving at {} or later",
                        clip(&y.id),
                        earliest.to_rfc3339()
                    ),
                    RemedyAction::ConnectAfter {
                        item: y.id.clone(),
                        minutes: needed,
                        depart_at_or_after: earliest,
                    },
                ),
            );
        }
    }

    /// Each in-person appointment against the last landing before it (the flight the
    /// patient comes off): landings sorted by end, one binary search per appointment.
    fn landing_to_appointment(&self, out: &mut Vec<Finding>) {
        let min = self.rules.min_landing_to_appointment_minutes;
        let mut landings: Vec<(DateTime<Utc>, usize)> = self
            .flights
            .iter()
            .filter_map(|f| self.item(f.idx).map(|x| (x.end, f.idx)))
            .collect();
        crate::order::sort(&mut landings);
        for appt in self.items.iter().filter(|i| {
            !i.companion_only
                && i.appointment_type()
                    .is_some_and(|t| t != AppointmentType::Telehealth)
        }) {
            let k = landings.partition_point(|(end, _)| *end <= appt.start);
            let Some(landing) = k
                .checked_sub(1)
                .and_then(|k| landings.get(k))
                .and_then(|(_, idx)| self.item(*idx))
            else {
                continue;
            };
            let gap = (appt.start - landing.end).num_minutes();
            if gap < min {
                let at = landing
                    .end
                    .checked_add_signed(chrono::Duration::minutes(min))
                    .unwrap_or(landing.end);
                out.push(
                    finding(
                        FindingCode::TightLandingToAppointment,
                        format!(
                            "{} starts {gap} min after {} lands; allow at least {min} min",
                            clip(&appt.id),
                            clip(&landing.id)
                        ),
                        vec![landing.id.clone(), appt.id.clone()],
                    )
                    .with(
                        format!(
                            "Start {} at {} or later ({min} min after the landing)",
                            clip(&appt.id),
                            at.to_rfc3339()
                        ),
                        RemedyAction::StartAtOrAfter {
                            item: appt.id.clone(),
                            at,
                        },
                    ),
                );
            }
        }
    }

    /// Each flight against the procedures before it: the one whose rule keeps the
    /// patient grounded longest decides (a running maximum over the procedures in start
    /// order, one binary search per flight).
    fn fit_to_fly(&self, out: &mut Vec<Finding>) {
        let last_departure = self
            .flights
            .last()
            .and_then(|f| self.item(f.idx))
            .map(|x| x.start);
        // (start, procedure, its local date, rule) of the procedures with a known rule.
        let mut known: Vec<(DateTime<Utc>, usize, NaiveDate, &FitToFlyRule)> = Vec::new();
        for &p in &self.procedures {
            let Some(proc_item) = self.item(p) else {
                continue;
            };
            if last_departure.is_none_or(|t| t <= proc_item.start) {
                continue;
            }
            let category = match &proc_item.details {
                Details::Appointment {
                    procedure_category: Some(c),
                    ..
                } => Some(c.as_str()),
                _ => self.it.traveller.procedure_category.as_deref(),
            };
            let Some(rule) = category.and_then(|c| self.fit_to_fly_rule(c)) else {
                out.push(finding(
                    FindingCode::FitToFlyUnknown,
                    format!(
                        "no fit-to-fly rule for procedure {} (category {:?}); ask the surgeon when the patient may fly",
                        clip(&proc_item.id),
                        category.map(clip).unwrap_or_default()
                    ),
                    vec![proc_item.id.clone()],
                ));
                continue;
            };
            if let Some(date) = self.start_date(p) {
                known.push((proc_item.start, p, date, rule));
            }
        }
        // The first day each procedure allows flying (minimum, advised), and the running
        // latest of each over the procedures so far with the procedure that sets it.
        let allowed = |date: NaiveDate, days: u32| {
            date.checked_add_days(Days::new(u64::from(days)))
                .unwrap_or(NaiveDate::MAX)
        };
        let mut latest_min: Vec<(NaiveDate, usize)> = Vec::with_capacity(known.len());
        let mut latest_adv: Vec<Option<(NaiveDate, usize)>> = Vec::with_capacity(known.len());
        for (k, &(_, _, date, rule)) in known.iter().enumerate() {
            let m = (allowed(date, rule.min_days), k);
            let a = rule.advised_days.map(|d| (allowed(date, d), k));
            let prev_m = latest_min.last().copied();
            let prev_a = latest_adv.last().copied().flatten();
            latest_min.push(match prev_m {
                Some(p) if p.0 >= m.0 => p,
                _ => m,
            });
            latest_adv.push(match (prev_a, a) {
                (Some(p), Some(a)) if p.0 >= a.0 => Some(p),
                (p, None) => p,
                (_, a) => a,
            });
        }
        for f in &self.flights {
            let (Some(flight), Some(fly_date)) = (self.item(f.idx), self.start_date(f.idx)) else {
                continue;
            };
            let n = known.partition_point(|k| k.0 < flight.start);
            let Some(last) = n.checked_sub(1) else {
                continue;
            };
            let binding = match (
                latest_min.get(last),
                latest_adv.get(last).copied().flatten(),
            ) {
                (Some(&(fit, k)), _) if fly_date < fit => known
                    .get(k)
                    .map(|x| (FindingCode::FitToFly, x, x.3.min_days)),
                (_, Some((fit, k))) if fly_date < fit => known.get(k).and_then(|x| {
                    x.3.advised_days
                        .map(|d| (FindingCode::FitToFlyAdvice, x, d))
                }),
                _ => None,
            };
            let Some((code, &(_, p, proc_date, rule), needed)) = binding else {
                continue;
            };
            let proc_id = self.id(p);
            let flight_id = self.id(f.idx);
            let days = (fly_date - proc_date).num_days();
            let mut found = finding(
                code,
                format!(
                    "{} departs {days} day(s) after {} ({}); {} needs {needed} day(s) ({})",
                    flight_id,
                    clip(&proc_id),
                    proc_date,
                    rule.procedure_or_category(),
                    rule.source
                ),
                vec![proc_id, flight_id.clone()],
            );
            if let Some(date) = proc_date.checked_add_days(Days::new(u64::from(needed))) {
                let advice = if code == FindingCode::FitToFlyAdvice {
                    "advised"
                } else {
                    "allowed"
                };
                found = found.with(
                    format!(
                        "Move {} to {date} or later: the earliest {advice} day to fly is {needed} day(s) after the procedure on {proc_date}",
                        clip(&flight_id)
                    ),
                    RemedyAction::FlyOnOrAfter {
                        item: flight_id,
                        date,
                    },
                );
            }
            out.push(found);
        }
    }

    /// The first of the patient's flights leaving at or after `t` (flights are by start).
    fn next_flight(&self, t: DateTime<Utc>) -> Option<&'a Item> {
        let k = self
            .flights
            .partition_point(|f| self.item(f.idx).is_some_and(|x| x.start < t));
        self.flights.get(k).and_then(|f| self.item(f.idx))
    }

    fn post_op(&self, out: &mut Vec<Finding>) {
        let patient_appts = |t: &[AppointmentType]| -> Vec<&'a Item> {
            self.items
                .iter()
                .filter(|i| {
                    !i.companion_only && i.appointment_type().is_some_and(|a| t.contains(&a))
                })
                .collect()
        };
        let mut checks: Vec<DateTime<Utc>> = patient_appts(&[AppointmentType::PostOpCheck])
            .iter()
            .map(|c| c.start)
            .collect();
        crate::order::sort(&mut checks);
        let follow_ups = patient_appts(&[AppointmentType::FollowUp, AppointmentType::Telehealth]);
        for &p in &self.procedures {
            let Some(proc_item) = self.item(p) else {
                continue;
            };
            let Some(flight) = self.next_flight(proc_item.end) else {
                continue;
            };
            let k = checks.partition_point(|c| *c < proc_item.end);
            if checks.get(k).is_none_or(|c| *c >= flight.start) {
                out.push(
                    finding(
                        FindingCode::NoPostOpCheck,
                        format!(
                            "no post-op check between {} and flight {}",
                            clip(&proc_item.id),
                            clip(&flight.id)
                        ),
                        vec![proc_item.id.clone(), flight.id.clone()],
                    )
                    .with(
                        format!(
                            "Add a post-op check with the treating team after {} ends and before {} leaves",
                            clip(&proc_item.id),
                            clip(&flight.id)
                        ),
                        RemedyAction::AddPostOpCheck {
                            after: proc_item.end,
                            before: flight.start,
                        },
                    ),
                );
            }
        }
        // A stay too far from the clinic, between a procedure and the next flight. The
        // procedure that ended last before the stay ends has the latest window (the next
        // flight only moves later), so it alone decides and is the one named.
        let max_km = self.rules.max_post_op_stay_distance_km;
        let mut by_end: Vec<(DateTime<Utc>, usize)> = self
            .procedures
            .iter()
            .filter_map(|&p| self.item(p).map(|x| (x.end, p)))
            .collect();
        crate::order::sort(&mut by_end);
        for stay in self.items.iter().filter(|i| !i.companion_only) {
            let Details::Stay {
                distance_to_clinic_km: Some(km),
                ..
            } = &stay.details
            else {
                continue;
            };
            if *km <= max_km {
                continue;
            }
            let k = by_end.partition_point(|(end, _)| *end < stay.end);
            let Some(proc_item) = k
                .checked_sub(1)
                .and_then(|k| by_end.get(k))
                .and_then(|(_, p)| self.item(*p))
            else {
                continue;
            };
            let window_end = self.next_flight(proc_item.end).map(|f| f.start);
            if window_end.is_none_or(|w| stay.start < w) {
                out.push(finding(
                    FindingCode::StayFarFromClinic,
                    format!(
                        "{} is {km} km from the clinic after {}; the limit is {max_km} km",
                        clip(&stay.id),
                        clip(&proc_item.id)
                    ),
                    vec![stay.id.clone(), proc_item.id.clone()],
                ));
            }
        }
        // The follow-up belongs after the return home, which is the last flight.
        let (Some(&last_proc), Some(last_flight)) = (self.procedures.last(), self.flights.last())
        else {
            return;
        };
        let (Some(proc_item), Some(home_leg)) = (self.item(last_proc), self.item(last_flight.idx))
        else {
            return;
        };
        if home_leg.start <= proc_item.start {
            return;
        }
        if !follow_ups.iter().any(|f| f.start >= home_leg.end) {
            out.push(
                finding(
                    FindingCode::NoFollowUp,
                    format!(
                        "no follow-up or telehealth appointment after {} lands; plan one with the treating team",
                        clip(&home_leg.id)
                    ),
                    vec![proc_item.id.clone(), home_leg.id.clone()],
                )
                .with(
                    format!(
                        "Add a follow-up or telehealth appointment after {} lands",
                        clip(&home_leg.id)
                    ),
                    RemedyAction::AddFollowUp {
                        after: home_leg.end,
                    },
                ),
            );
        }
    }

    /// Checks each stop abroad between a landing and the next departure: beds, visa,
    /// passport; then the rolling visa limits over all the stops.
    fn stops(&self, out: &mut Vec<Finding>) {
        let home = self.it.traveller.home_country.as_str();
        let mut stays = Vec::new();
        for (k, arrival) in self.flights.iter().enumerate() {
            let next = self.flights.get(k + 1);
            let link = next.and_then(|n| self.link(arrival, n));
            if link == Some(Link::SameAirport) || arrival.to_country == home {
                continue;
            }
            if let (Some(departure), None) = (next, link) {
                self.nights(arrival, departure, out);
            }
            self.entry(arrival, next, out);
            if let Some(from) = self.end_date(arrival.idx) {
                let to = next.and_then(|d| self.start_date(d.idx)).unwrap_or(from);
                stays.push(Stay {
                    arrival: arrival.idx,
                    departure: next.map(|d| d.idx),
                    country: arrival.to_country,
                    from,
                    to: to.max(from),
                });
            }
        }
        self.rolling_limits(&stays, out);
    }

    /// "N days in any M": for each traveller and each destination (or area) with a rolling
    /// limit, the days present in every window of M days, over all the stays.
    fn rolling_limits(&self, stays: &[Stay], out: &mut Vec<Finding>) {
        let t = &self.it.traveller;
        let mut people = vec![(Person::Patient, t.nationality.as_str())];
        if let Some(c) = &t.companion {
            people.push((Person::Companion, c.nationality.as_str()));
        }
        for (person, nationality) in people {
            let who = who(person);
            // (area or destination, days, period) -> (source, [(first day, last day, stay)])
            type Spans<'s> = (&'s str, bool, Vec<(i64, i64, usize)>);
            let mut groups: BTreeMap<(&str, u32, u32), Spans> = BTreeMap::new();
            for (i, st) in stays.iter().enumerate() {
                if st.country == nationality {
                    continue;
                }
                let Some(rule) = self.visa_rule(nationality, st.country) else {
                    continue;
                };
                let Some(limit) = rule.rolling_limit else {
                    continue;
                };
                let key = (
                    rule.area.as_deref().unwrap_or(st.country),
                    limit.days,
                    limit.period_days,
                );
                let day = |d: NaiveDate| i64::from(d.num_days_from_ce());
                groups
                    .entry(key)
                    .or_insert_with(|| (rule.source.as_str(), rule.area.is_some(), Vec::new()))
                    .2
                    .push((day(st.from), day(st.to), i));
            }
            for ((area, days, period), (source, is_area, mut spans)) in groups {
                crate::order::sort(&mut spans);
                if let Some((total, end, involved)) =
                    first_excess(&spans, i64::from(days), i64::from(period))
                {
                    let place = if is_area {
                        format!("the {} area", clip(area))
                    } else {
                        clip(area)
                    };
                    let last = NaiveDate::from_num_days_from_ce_opt(
                        i32::try_from(end).unwrap_or(i32::MAX),
                    )
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                    let mut items: Vec<String> = Vec::new();
                    let mut named = HashSet::new();
                    for &i in &involved {
                        if let Some(st) = stays.get(i) {
                            for idx in std::iter::once(st.arrival).chain(st.departure) {
                                if named.insert(idx) {
                                    items.push(self.id(idx));
                                }
                            }
                        }
                    }
                    out.push(finding(
                        FindingCode::VisaStayTooLong,
                        format!(
                            "the {who} would be in {place} on {total} days of the {period} up to {last}; a {nationality} passport allows {days} days in any {period} ({source})"
                        ),
                        items,
                    ));
                }
            }
        }
    }

    fn nights(&self, arrival: &Flight, departure: &Flight, out: &mut Vec<Finding>) {
        let (Some(land), Some(leave), Some((_, tz))) = (
            self.item(arrival.idx),
            self.item(departure.idx),
            self.zones.get(arrival.idx),
        ) else {
            return;
        };
        let first = land.start.with_timezone(tz).date_naive();
        let last = leave.start.with_timezone(tz).date_naive();
        // A checkpoint at 02:00 local each night; the bound keeps absurd inputs cheap.
        let two_am = NaiveTime::from_hms_opt(2, 0, 0).unwrap_or_default();
        let mut uncovered: Vec<NaiveDate> = Vec::new();
        for day in first.iter_days().take(3700).take_while(|d| *d <= last) {
            let Some(cp) = local_instant_forward(*tz, day.and_time(two_am)) else {
                continue;
            };
            if cp <= land.end || cp >= leave.start {
                continue;
            }
            if self.bed_until(cp).is_none_or(|c| c <= cp) {
                uncovered.push(day.pred_opt().unwrap_or(day));
            }
        }
        if uncovered.is_empty() {
            return;
        }
        let mut list: Vec<String> = uncovered.iter().take(10).map(|d| d.to_string()).collect();
        if uncovered.len() > 10 {
            list.push(format!("and {} more", uncovered.len() - 10));
        }
        let count = uncovered.len();
        out.push(
            finding(
                FindingCode::NightWithoutBed,
                format!(
                    "no bed booked in {} for the night(s) of {} between {} and {}",
                    clip(arrival.to_country),
                    list.join(", "),
                    clip(&land.id),
                    clip(&leave.id)
                ),
                vec![land.id.clone(), leave.id.clone()],
            )
            .with(
                format!(
                    "Book a bed in {} for {count} more night(s): {}",
                    clip(arrival.to_country),
                    list.join(", ")
                ),
                RemedyAction::BookNights {
                    country: clip(arrival.to_country),
                    nights: uncovered,
                },
            ),
        );
    }

    fn entry(&self, arrival: &Flight, departure: Option<&Flight>, out: &mut Vec<Finding>) {
        let t = &self.it.traveller;
        let mut people: Vec<(Person, &str, Option<NaiveDate>)> =
            vec![(Person::Patient, t.nationality.as_str(), t.passport_expires)];
        if let Some(c) = &t.companion {
            people.push((
                Person::Companion,
                c.nationality.as_str(),
                c.passport_expires,
            ));
        }
        let dest = arrival.to_country;
        let arrival_id = self.id(arrival.idx);
        let Some(arrive_date) = self.end_date(arrival.idx) else {
            return;
        };
        let leave_date = departure.and_then(|d| self.start_date(d.idx));
        for (person, nationality, passport) in people {
            if nationality == dest {
                continue;
            }
            let who = who(person);
            let rule = self.visa_rule(nationality, dest);
            // Without a rule the passport must still outlast the stay.
            let mut required = leave_date.unwrap_or(arrive_date);
            if let Some(r) = rule {
                let base = match (r.passport_valid_from, leave_date) {
                    (ValidFrom::Departure, Some(d)) => d,
                    _ => arrive_date,
                };
                let needed = base
                    .checked_add_months(Months::new(r.passport_valid_months))
                    .and_then(|d| d.checked_add_days(Days::new(u64::from(r.passport_valid_days))));
                required = required.max(needed.unwrap_or(NaiveDate::MAX));
            }
            if let Some(expires) = passport.filter(|e| *e < required) {
                out.push(
                    finding(
                        FindingCode::PassportValidity,
                        format!(
                            "the {who}'s passport expires {expires}; entering {dest} on {arrive_date} needs it valid until at least {required}{}",
                            rule.map(|r| format!(" ({})", r.source)).unwrap_or_default()
                        ),
                        vec![arrival_id.clone()],
                    )
                    .with(
                        format!(
                            "Renew the {who}'s passport before travel: it must be valid until at least {required}"
                        ),
                        RemedyAction::RenewPassport {
                            person,
                            valid_until: required,
                        },
                    ),
                );
            }
            let Some(rule) = rule else {
                out.push(finding(
                    FindingCode::VisaRuleUnknown,
                    format!(
                        "no visa rule for a {nationality} passport entering {dest} (the {who}); check with the embassy"
                    ),
                    vec![arrival_id.clone()],
                ));
                continue;
            };
            if let (Some(max), Some(leave)) = (rule.max_stay_days, leave_date) {
                let days = (leave - arrive_date).num_days() + 1;
                if days > i64::from(max) {
                    let departure_id = departure.map(|d| self.id(d.idx)).unwrap_or_default();
                    let mut found = finding(
                        FindingCode::VisaStayTooLong,
                        format!(
                            "the {who} stays {days} days in {dest} ({arrive_date} to {leave}); a {nationality} passport allows {max} ({})",
                            rule.source
                        ),
                        vec![arrival_id.clone(), departure_id.clone()],
                    );
                    let last = max
                        .checked_sub(1)
                        .and_then(|d| arrive_date.checked_add_days(Days::new(u64::from(d))));
                    if let Some(date) = last {
                        found = found.with(
                            format!(
                                "Leave {dest} on {date} or earlier (move {}): a {nationality} passport allows {max} days counting the arrival day",
                                clip(&departure_id)
                            ),
                            RemedyAction::LeaveBy {
                                item: departure_id,
                                date,
                            },
                        );
                    }
                    out.push(found);
                }
            }
            if !rule.visa_required {
                continue;
            }
            let visa_name = rule.visa_type.as_deref().unwrap_or("visa");
            let application = self
                .applications
                .get(&(dest, person))
                .and_then(|&k| self.item(k).map(|i| (k, i)));
            let days_before = |d: Option<u32>| {
                d.and_then(|d| arrive_date.checked_sub_days(Days::new(u64::from(d))))
            };
            let opens = days_before(rule.apply_max_days_before);
            let by = days_before(rule.apply_min_days_before);
            let window = match (opens, by) {
                (Some(o), Some(b)) => format!("between {o} and {b}"),
                (None, Some(b)) => format!("by {b}"),
                (Some(o), None) => format!("from {o}, before travel"),
                (None, None) => "before travel".to_string(),
            };
            let Some((task_idx, task)) = application else {
                out.push(
                    finding(
                        FindingCode::VisaMissing,
                        format!(
                            "the {who} needs a {visa_name} for {dest} and no application is planned ({})",
                            rule.source
                        ),
                        vec![arrival_id.clone()],
                    )
                    .with(
                        format!(
                            "Plan the {who}'s {visa_name} application for {dest} {window} (arrival {arrive_date})"
                        ),
                        RemedyAction::ApplyForVisa {
                            item: None,
                            person,
                            country: dest.to_string(),
                            opens,
                            by,
                            arrive_on_or_after: None,
                        },
                    ),
                );
                continue;
            };
            if !rule.documents.is_empty() {
                out.push(finding(
                    FindingCode::VisaDocuments,
                    format!(
                        "the {who}'s {visa_name} application for {dest} needs: {}",
                        rule.documents.join("; ")
                    ),
                    vec![task.id.clone()],
                ));
            }
            let Some(filed) = self.start_date(task_idx) else {
                continue;
            };
            let before = (arrive_date - filed).num_days();
            if let Some(min) = rule
                .apply_min_days_before
                .filter(|&m| before < i64::from(m))
            {
                let arrive_on_or_after = filed.checked_add_days(Days::new(u64::from(min)));
                let later = arrive_on_or_after
                    .map(|d| format!(", or keep that date and arrive on {d} or later"))
                    .unwrap_or_default();
                out.push(
                    finding(
                        FindingCode::VisaTooLate,
                        format!(
                            "the {who}'s {visa_name} application on {filed} is {before} day(s) before arrival in {dest} on {arrive_date}; apply at least {min} days before ({})",
                            rule.source
                        ),
                        vec![task.id.clone(), arrival_id.clone()],
                    )
                    .with(
                        format!(
                            "File the {who}'s {visa_name} application {window}{later}"
                        ),
                        RemedyAction::ApplyForVisa {
                            item: Some(task.id.clone()),
                            person,
                            country: dest.to_string(),
                            opens,
                            by,
                            arrive_on_or_after,
                        },
                    ),
                );
            } else if let Some(max) = rule
                .apply_max_days_before
                .filter(|&m| before > i64::from(m))
            {
                out.push(
                    finding(
                        FindingCode::VisaTooEarly,
                        format!(
                            "the {who}'s {visa_name} application on {filed} is {before} days before arrival in {dest} on {arrive_date}; it opens {max} days before ({})",
                            rule.source
                        ),
                        vec![task.id.clone(), arrival_id.clone()],
                    )
                    .with(
                        format!("File the {who}'s {visa_name} application {window}"),
                        RemedyAction::ApplyForVisa {
                            item: Some(task.id.clone()),
                            person,
                            country: dest.to_string(),
                            opens,
                            by,
                            arrive_on_or_after: None,
                        },
                    ),
                );
            }
        }
    }

    fn trip_end(&self, out: &mut Vec<Finding>) {
        let home = self.it.traveller.home_country.as_str();
        if let Some(last) = self.flights.last() {
            if last.to_country != home {
                out.push(finding(
                    FindingCode::TripNotEndingHome,
                    format!(
                        "the last flight {} lands in {} ({}), not in the home country {home}",
                        self.id(last.idx),
                        clip(last.to_country),
                        clip(last.to)
                    ),
                    vec![self.id(last.idx)],
                ));
            }
        }
    }
}

impl super::rules::FitToFlyRule {
    fn procedure_or_category(&self) -> &str {
        if self.procedure.is_empty() {
            &self.category
        } else {
            &self.procedure
        }
    }
}

fn by_start(items: &[Item], a: usize, b: usize) -> std::cmp::Ordering {
    let key = |i: usize| items.get(i).map(|x| (x.start, x.end, x.id.as_str()));
    key(a).cmp(&key(b))
}

/// The first window of `period` days in which more than `limit` days are present, given
/// spans of days `(first, last, stay)` sorted by first day: `(days present, last day of
/// the window, stays in it)`.
///
/// Overlapping spans merge, so a day in two countries of one area counts once. The count
/// only grows inside a span and only falls between spans, so the windows ending on a
/// span's last day are the only ones to check; their first span moves forward only, so
/// the scan is linear.
fn first_excess(
    spans: &[(i64, i64, usize)],
    limit: i64,
    period: i64,
) -> Option<(i64, i64, Vec<usize>)> {
    let mut merged: Vec<(i64, i64, Vec<usize>)> = Vec::new();
    for &(from, to, stay) in spans {
        match merged.last_mut() {
            Some(last) if from <= last.1 => {
                last.1 = last.1.max(to);
                last.2.push(stay);
            }
            _ => merged.push((from, to, vec![stay])),
        }
    }
    let mut before = Vec::with_capacity(merged.len() + 1);
    before.push(0i64);
    for m in &merged {
        let len = m.1 - m.0 + 1;
        before.push(before.last().copied().unwrap_or(0) + len);
    }
    let mut lo = 0usize;
    for (j, m) in merged.iter().enumerate() {
        let start = m.1 - period + 1;
        while merged.get(lo).is_some_and(|x| x.1 < start) {
            lo += 1;
        }
        let (Some(first), Some(upto), Some(from)) =
            (merged.get(lo), before.get(j + 1), before.get(lo))
        else {
            continue;
        };
        let total = upto - from - (start - first.0).max(0);
        if total > limit {
            let stays = merged
                .get(lo..=j)
                .unwrap_or(&[])
                .iter()
                .flat_map(|x| x.2.iter().copied())
                .collect();
            return Some((total, m.1, stays));
        }
    }
    None
}
